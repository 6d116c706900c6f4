"""Offline rule: no code path of the kit downloads anything."""
from __future__ import annotations

import re

from bookutils import ROOT

FORBIDDEN = re.compile(r"nltk\.download\(|urlopen\(|requests\.(get|post)\(|urllib\.request|[!%]pip install|httpx\.")


def test_no_network_calls_in_package_chapters_or_exercises():
    offenders = []
    for folder in ("src", "book", "exercises", "tools"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".py", ".md", ".ipynb"} and "dist" not in path.parts:
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if FORBIDDEN.search(line):
                        offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, "network or install calls:\n" + "\n".join(offenders)
