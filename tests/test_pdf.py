"""make pdf: the book, the handouts and the slides printed offline by Debian's Chromium.

Prints from the suite's own book build (the ``built_book`` fixture, shared with the other book
and browser tests), so it adds only the printing: about a minute on two free cores. Skipped, with
the reason, when /usr/bin/chromium is absent.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from medialit.curriculum import book_pages
from medialit.pdf import CHROMIUM, NetworkAccessError, PrintJob, build_all, pdf_fonts, print_pdfs
from medialit.teaching import SYLLABI, load_syllabus, passage_numbers, quotes_the_group

pytestmark = [
    pytest.mark.browser,
    pytest.mark.book,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "").replace("\u2019", "'")).strip().lower()


def _pages_text(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


@pytest.fixture(scope="module")
def printed(built_book, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    report = build_all(out, html_root=built_book, edition="web")
    return out, report


def test_book_pdf_has_every_page_in_order_with_its_title(printed):
    from pypdf import PdfReader

    out, report = printed
    pages = book_pages()
    reader = PdfReader(str(out / "book.pdf"))
    assert 4 * len(pages) <= len(reader.pages) <= 16 * len(pages), f"{len(reader.pages)} pages for {len(pages)} pages of the book"
    outline = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    assert [title for title, _ in outline] == ["Contents"] + [p.title for p in pages]
    texts = [_norm(t) for t in _pages_text(out / "book.pdf")]
    for title, start in outline[1:]:
        assert _norm(title) in texts[start] or _norm(title) in texts[start] + " " + texts[start + 1], (
            f"the page {title!r} does not open with its title (PDF page {start + 1})")
    assert all(count >= 1 for count in report["book"]["chapters"].values())


def test_book_pdf_prints_solutions_and_alt_text_and_embeds_its_fonts(printed, built_book):
    out, report = printed
    text = "\n".join(_pages_text(out / "book.pdf"))
    assert text.count("Solution to") >= 15, "the web edition prints every folded solution open"
    figures = 0
    for page in book_pages():
        html = (built_book / f"{page.entry}.html").read_text(encoding="utf-8")
        figures += sum(1 for tag in re.findall(r"<img\b[^>]*>", html)
                       if "_images/" in tag and re.search(r'alt="[^"]+"', tag))
    assert figures >= 10 and report["book"]["captions"] == figures, "every figure's alt text prints as a caption"
    assert text.count("Figure description:") == figures
    fonts = pdf_fonts(out / "book.pdf")
    assert fonts and all(fonts.values()), f"fonts not embedded: {[f for f, ok in fonts.items() if not ok]}"
    assert "Show code cell" not in text, "toggle buttons must not print"


def test_handouts_show_every_sentence_number_of_their_passage(printed):
    out, report = printed
    count = 0
    for name in SYLLABI:
        plan = load_syllabus(name)
        for session in plan.sessions:
            n = session["number"]
            for suffix, prefix, ranges in (("", "S", session["handout"]["passage"]),
                                           ("-alternative", "A", session["handout"]["alternative"]["passage"])):
                path = out / "handouts" / f"{name}-{n}{suffix}.pdf"
                assert path.is_file() and 1 <= report["handouts"][path.name] <= 4
                text = " ".join(_pages_text(path))
                for number in passage_numbers(ranges):
                    assert re.search(rf"(?<![A-Za-z0-9]){prefix}{number}(?![0-9])", text), f"{path.name}: no {prefix}{number}"
                for question in (session["handout"]["questions"] if not suffix
                                 else session["handout"]["alternative"]["questions"])[:1]:
                    assert _norm(question)[:40] in _norm(text)
                assert all(pdf_fonts(path).values())
                count += 1
    assert count == 2 * sum(len(load_syllabus(n).sessions) for n in SYLLABI)


def test_slides_for_each_session_of_the_one_week_module(printed):
    out, report = printed
    plan = load_syllabus("one-week")
    for session in plan.sessions:
        path = out / "slides" / f"one-week-{session['number']}.pdf"
        assert 8 <= report["slides"][path.name] <= 25
        text = " ".join(_pages_text(path))
        assert _norm(session["title"]) in _norm(text)
        assert quotes_the_group(text) == []
        assert all(pdf_fonts(path).values())


def test_a_page_that_reaches_for_the_network_fails_the_print(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<!DOCTYPE html><html><body><p>Hello</p><img src="https://example.org/x.png" alt="x">'
                    '<link rel="stylesheet" href="http://127.0.0.1:9/x.css"></body></html>', encoding="utf-8")
    with pytest.raises(NetworkAccessError, match="example.org"):
        print_pdfs([PrintJob(page, tmp_path / "page.pdf")])
    local = tmp_path / "local.html"
    local.write_text("<!DOCTYPE html><html><body><p>Only local.</p></body></html>", encoding="utf-8")
    print_pdfs([PrintJob(local, tmp_path / "local.pdf")])
    assert (tmp_path / "local.pdf").read_bytes().startswith(b"%PDF")
