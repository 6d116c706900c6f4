"""Rewrite the sha256 line of a data file's manifest after a deliberate edit of the file.

Usage: .venv/bin/python tools/refresh_sha256.py data/teaching/one-week.yml [more files ...]

Only the ``sha256:`` line of ``FILE.yml`` changes; everything else in the manifest is kept as
written. Refuses a file without a manifest (write the manifest first: CONTRIBUTING.md).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from medialit.corpus import manifest_path, sha256_of


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__)
        return 2
    for name in paths:
        path = Path(name)
        manifest = manifest_path(path)
        if not manifest.is_file():
            print(f"{path}: no manifest {manifest.name}; write one first (CONTRIBUTING.md, 'Adding a dataset').")
            return 1
        text = manifest.read_text(encoding="utf-8")
        new, count = re.subn(r"^sha256:.*$", f"sha256: {sha256_of(path)}", text, count=1, flags=re.MULTILINE)
        if count != 1:
            print(f"{manifest}: has no 'sha256:' line to update.")
            return 1
        manifest.write_text(new, encoding="utf-8")
        print(f"{manifest}: sha256 {sha256_of(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
