"""Bibliography keys: each key is defined in one .bib file only (CONTRIBUTING, "Citations"), and every
key a page cites exists. sphinxcontrib-bibtex keeps the first of two entries with one key silently,
so a duplicate could change a citation without a warning."""
from __future__ import annotations

import re
from collections import Counter

from bookutils import ROOT

BIBS = [ROOT / "book/reference/references.bib", *sorted((ROOT / "book/reference/bib").glob("*.bib"))]
_KEY = re.compile(r"^@\w+\{([^,\s]+),", re.MULTILINE)


def bib_keys() -> Counter:
    return Counter(key for bib in BIBS for key in _KEY.findall(bib.read_text(encoding="utf-8")))


def test_the_key_parser_finds_keys():
    assert _KEY.findall("@article{smith2020x,\n  title = {A}\n}\n@misc{ab_cd,\n}") == ["smith2020x", "ab_cd"]


def test_each_key_is_defined_once():
    keys = bib_keys()
    assert len(keys) > 50
    twice = sorted(k for k, n in keys.items() if n > 1)
    assert not twice, f"bibliography keys defined more than once: {twice}"


def test_every_cited_key_exists():
    keys = set(bib_keys())
    cited = set()
    for page in (ROOT / "book").rglob("*.md"):
        for group in re.findall(r"\{cite(?::[pt])?\}`([^`]+)`", page.read_text(encoding="utf-8")):
            cited |= {k.strip() for k in group.split(",")}
    missing = sorted(cited - keys)
    assert not missing, f"cited but not in any .bib file: {missing}"
