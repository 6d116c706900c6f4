"""The book: chapter metadata, a full offline build, and what the built pages load."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from bookutils import ROOT, toc_files
from medialit.sphinxext import METADATA_FIELDS, metadata_problems, read_front_matter

PAGES = toc_files()
LABEL = re.compile(r"^\(([\w-]+)\)=\s*$", re.MULTILINE)


def page_path(entry: str) -> Path:
    matches = [p for p in (ROOT / f"{entry}.md", ROOT / f"{entry}.ipynb") if p.is_file()]
    assert matches, f"_toc.yml lists {entry}, but there is no {entry}.md"
    return matches[0]


def labels_of(entry: str) -> list[str]:
    return LABEL.findall(page_path(entry).read_text(encoding="utf-8"))


def test_toc_lists_pages_once():
    assert len(PAGES) == len(set(PAGES)), "a page appears twice in _toc.yml"


@pytest.mark.parametrize("entry", PAGES)
def test_page_has_chapter_metadata(entry):
    meta = read_front_matter(page_path(entry))
    assert metadata_problems(meta) == [], f"{entry}.md: fix its front matter ({', '.join(METADATA_FIELDS)})"


@pytest.mark.parametrize("entry", PAGES)
def test_page_has_a_label_above_its_title(entry):
    text = page_path(entry).read_text(encoding="utf-8")
    assert re.search(r"^\([\w-]+\)=\s*\n# ", text, re.MULTILINE), f"{entry}.md needs a (label)= line above its # title"


@pytest.mark.parametrize("entry", PAGES)
def test_prerequisites_exist_and_come_earlier(entry):
    position = PAGES.index(entry)
    earlier = {label for page in PAGES[:position] for label in labels_of(page)}
    everywhere = {label for page in PAGES for label in labels_of(page)}
    for label in read_front_matter(page_path(entry)).get("prerequisites") or []:
        assert label in everywhere, f"{entry}: prerequisite {label!r} is no page label"
        assert label in earlier, f"{entry}: prerequisite {label!r} comes later in the table of contents"


def test_metadata_check_catches_bad_front_matter():
    assert metadata_problems({}) == [f"front matter lacks '{k}'" for k in METADATA_FIELDS]
    bad = {"objectives": "one string", "minutes": "40", "prerequisites": "intro", "content_note": ""}
    assert len(metadata_problems(bad)) == 4


# --- the built book -------------------------------------------------------------------------

@pytest.mark.book
def test_every_toc_entry_produced_a_page(built_book):
    missing = [entry for entry in PAGES if not (built_book / f"{entry}.html").is_file()]
    assert not missing, f"no HTML page for: {missing}"
    assert (built_book / "index.html").is_file()


class _Loads(HTMLParser):
    """Collect every URL a page loads by itself (scripts, styles, images, frames, media)."""

    TAGS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
            "video": "src", "embed": "src", "object": "data"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href") and "stylesheet" in (attrs.get("rel") or "") \
                or tag == "link" and (attrs.get("rel") or "") in {"preload", "icon", "modulepreload", "prefetch"}:
            self.urls.append(attrs["href"])
        key = self.TAGS.get(tag)
        if key and attrs.get(key):
            self.urls.append(attrs[key])
        if tag == "img" and attrs.get("srcset"):
            self.urls.extend(part.split()[0] for part in attrs["srcset"].split(","))


def external(url: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.netloc) or parsed.scheme not in ("", "file")


@pytest.mark.book
def test_built_pages_load_nothing_from_other_hosts(built_book):
    offenders = []
    pages = sorted(built_book.rglob("*.html"))
    assert len(pages) >= len(PAGES)
    for page in pages:
        parser = _Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(built_book)}: {url}" for url in parser.urls if external(url)]
    for css in built_book.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8", errors="replace")):
            if external(url) and not url.startswith("data:"):
                offenders.append(f"{css.relative_to(built_book)}: {url}")
    assert not offenders, "pages load from other hosts:\n" + "\n".join(offenders[:30])


def test_external_check_recognises_remote_urls():
    parser = _Loads()
    parser.feed('<script src="https://cdn.example.org/x.js"></script><img src="//host/a.png">'
                '<link rel="stylesheet" href="_static/a.css"><a href="https://fine.example.org">ok</a>')
    assert [u for u in parser.urls if external(u)] == ["https://cdn.example.org/x.js", "//host/a.png"]


@pytest.mark.book
def test_math_is_typeset_by_the_local_mathjax(built_book):
    assert (built_book / "_static" / "mathjax" / "tex-chtml.js").is_file()
    for page in built_book.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "MathJax" in html or "mathjax" in html.lower() and "<script" in html:
            for src in re.findall(r'<script[^>]+src="([^"]*mathjax[^"]*)"', html, re.IGNORECASE):
                assert not external(src), f"{page.name} loads MathJax from {src}"


@pytest.mark.book
def test_chapter_metadata_is_rendered(built_book):
    html = (built_book / "book" / "reading" / "close_reading.html").read_text(encoding="utf-8")
    assert "Before you start" in html and "Learning objectives" in html
    assert "Content note" in html


# --- the student edition (make book-student) --------------------------------------------------

_FENCE = re.compile(r"^(?:`{3,}|:{3,})\{([\w-]+)\}")


def _solutions_in_source(path: Path) -> tuple[int, int]:
    """(solutions, code cells inside gated solutions) in a MyST page, read line by line."""
    solutions = cells = 0
    inside = False
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _FENCE.match(line)
        name = match.group(1) if match else ""
        if name in ("solution", "solution-start"):
            solutions += 1
            inside = name == "solution-start"
        elif name == "solution-end":
            inside = False
        elif name == "code-cell" and inside:
            cells += 1
    return solutions, cells


def _count(pattern: str, html: str) -> int:
    return len(re.findall(pattern, html))


_SOLUTION_BOX = r'class="solution[ "]'
_EXERCISE_BOX = r'class="exercise[ "]'
_CODE_INPUT = r'class="cell_input[ "]'


@pytest.mark.book
def test_student_edition_removes_every_solution_and_its_code(built_book, student_book):
    pages_with_solutions = 0
    for entry in PAGES:
        source = page_path(entry)
        solutions, solution_cells = _solutions_in_source(source) if source.suffix == ".md" else (0, 0)
        web = (built_book / f"{entry}.html").read_text(encoding="utf-8")
        student_page = student_book / f"{entry}.html"
        assert student_page.is_file(), f"the student edition has no page for {entry}"
        student = student_page.read_text(encoding="utf-8")
        assert _count(_SOLUTION_BOX, web) == solutions, f"{entry}: the web edition should show {solutions} solutions"
        assert _count(_SOLUTION_BOX, student) == 0, f"{entry}: a solution box survives in the student edition"
        assert "solution-content" not in student, entry
        assert _count(_EXERCISE_BOX, student) == _count(_EXERCISE_BOX, web), f"{entry}: an exercise went missing"
        removed = _count(_CODE_INPUT, web) - _count(_CODE_INPUT, student)
        assert removed == solution_cells, (
            f"{entry}: {solution_cells} code cells sit inside gated solutions, but the student "
            f"edition has {removed} fewer code cells than the web edition")
        pages_with_solutions += solutions > 0
    assert pages_with_solutions >= 15  # every chapter of Parts I-IV and the capstone
