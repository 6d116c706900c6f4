"""Build the book (or a few pages of it) into a private folder, without touching _build/.

Usage:
  .venv/bin/python tools/build_private.py NAME                 # the whole book
  .venv/bin/python tools/build_private.py NAME book/counting/tokens.md book/counting/keyness.md
  .venv/bin/python tools/build_private.py --student NAME book/counting/tokens.md   # the student edition

Writes to /tmp/medialit-build-NAME/_build/html with its own execution cache, so that several
people (or agents) can build at once. With pages given, the table of contents holds only the
welcome page, those pages, the glossary and the bibliography: references to pages left out show up as "undefined label"
warnings, listed apart. Exit status is non-zero when there is any other warning or error.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    student = "--student" in argv
    argv = [a for a in argv if a != "--student"]
    if not argv:
        print(__doc__)
        return 2
    name, pages = argv[0], argv[1:]
    out = Path(f"/tmp/medialit-build-{name}")
    out.mkdir(parents=True, exist_ok=True)
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["execute"]["cache"] = str(out / "jupyter_cache")
    (out / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT),
               "--config", str(out / "_config.yml"), "--path-output", str(out), "-n", "--keep-going"]
    if pages:
        # Citations and glossary terms resolve only against the bibliography and glossary pages.
        always = ["book/reference/glossary", "book/reference/bibliography"]
        files = [str(Path(p).with_suffix("")) for p in pages]
        toc = {"format": "jb-book", "root": "book/welcome",
               "chapters": [{"file": f} for f in files + [a for a in always if a not in files]]}
        (out / "_toc.yml").write_text(yaml.safe_dump(toc), encoding="utf-8")
        command += ["--toc", str(out / "_toc.yml")]
    env = dict(os.environ)
    env.pop("MEDIALIT_EDITION", None)
    if student:  # as `make book-student`: no solutions in the pages or in anything they offer
        env["MEDIALIT_EDITION"] = "student"
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    log = result.stdout + result.stderr
    (out / "build.log").write_text(log, encoding="utf-8")
    plain = re.sub(r"\x1b\[[0-9;]*m", "", log)
    warnings = [l for l in plain.splitlines() if re.search(r"(WARNING|ERROR|CRITICAL)", l) and "IPKernelApp" not in l]
    outside = [w for w in warnings if pages and any(
        sign in w for sign in ("undefined label", "term not in glossary", "document with no descendants"))]
    real = [w for w in warnings if w not in outside]
    for w in real:
        print("PROBLEM:", w)
    for w in outside:
        print("(maybe outside the pages built):", w)
    print(f"HTML in {out / '_build' / 'html'}; full log in {out / 'build.log'}")
    if result.returncode != 0 and not real:
        print(plain[-3000:])
    return 1 if real or (result.returncode != 0 and not pages) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
