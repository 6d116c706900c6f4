"""The reference pages: every citation resolves to one bib entry, the glossary is a sorted Sphinx
glossary whose terms are used, and the Datasets page has a section for every kind of data."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bookutils import ROOT, toc_files

BIB_FILES = [ROOT / p for p in yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["bibtex_bibfiles"]]
PAGES = [p for entry in toc_files() for p in (ROOT / f"{entry}.md",) if p.is_file()]
KEY = re.compile(r"^@\w+\{([^,\s]+),", re.MULTILINE)
CITE = re.compile(r"\{cite(?::[pt])?\}`([^`]+)`")
GLOSSARY = ROOT / "book" / "reference" / "glossary.md"


def bib_keys() -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}
    for path in BIB_FILES:
        for key in KEY.findall(path.read_text(encoding="utf-8")):
            keys.setdefault(key, []).append(path.name)
    return keys


def test_every_bib_file_is_configured():
    on_disk = sorted((ROOT / "book" / "reference").rglob("*.bib"))
    assert sorted(BIB_FILES) == on_disk, "list every .bib file in _config.yml bibtex_bibfiles"


def test_each_key_is_in_one_file_only():
    repeated = {k: files for k, files in bib_keys().items() if len(files) > 1}
    assert not repeated, f"keys defined more than once: {repeated}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_citation_has_an_entry(page):
    keys = bib_keys()
    cited = {k.strip() for group in CITE.findall(page.read_text(encoding="utf-8")) for k in group.split(",")}
    missing = sorted(cited - set(keys))
    assert not missing, f"{page.relative_to(ROOT)} cites keys in no .bib file: {missing}"


def glossary_terms() -> list[str]:
    text = GLOSSARY.read_text(encoding="utf-8")
    block = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    return [line.strip() for line in block.splitlines()[1:] if line and not line[0].isspace() and not line.startswith(":")]


def test_glossary_is_sorted_and_has_no_duplicates():
    text = GLOSSARY.read_text(encoding="utf-8")
    assert "```{glossary}\n:sorted:" in text
    terms = [t.lower() for t in glossary_terms()]
    assert len(terms) == len(set(terms)), "a glossary term is defined twice"
    assert len(terms) >= 10


def test_glossary_terms_used_in_chapters_exist():
    terms = {t.lower() for t in glossary_terms()}
    used = {}
    for page in PAGES:
        for term in re.findall(r"\{term\}`([^`<]+?)(?:\s*<([^>]+)>)?`", page.read_text(encoding="utf-8")):
            name = re.sub(r"\s+", " ", (term[1] or term[0]).strip().lower())
            used.setdefault(name, page.relative_to(ROOT))
    unknown = {t: str(p) for t, p in used.items() if t not in terms}
    assert not unknown, f"terms linked but not in the glossary: {unknown}"


def test_datasets_page_has_a_section_for_each_data_folder():
    page = (ROOT / "book" / "reference" / "datasets.md").read_text(encoding="utf-8")
    for folder in ("cases/open", "corpora", "lexicons", "cases/seed-article"):
        assert f"data/{folder}" in page, f"the Datasets page says nothing about data/{folder}"
    for section in re.split(r"^## ", page, flags=re.MULTILINE)[1:]:
        assert "What it is not" in section and "Licence" in section, f"section {section.splitlines()[0]!r} lacks a field"
