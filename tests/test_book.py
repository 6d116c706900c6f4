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
