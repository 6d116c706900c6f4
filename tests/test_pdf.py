"""make pdf: the book, the handouts and the slides printed offline by Debian's Chromium.

Prints from the suite's own book build (the ``built_book`` fixture, shared with the other book
and browser tests), so it adds only the printing: about a minute on two free cores. Skipped, with
the reason, when /usr/bin/chromium is absent.
"""
from __future__ import annotations

import re
import unicodedata
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
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "").replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


def _pages_text(path: Path, pages: list[int] | None = None) -> list[str]:
    """Text of the PDF's pages (all, or the 0-based ``pages`` given: text extraction is slow)."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return [reader.pages[i].extract_text() or "" for i in (pages if pages is not None else range(len(reader.pages)))]


def _chapter_pages(path: Path, title: str) -> list[int]:
    """0-based PDF pages of one page of the book, from the outline."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    starts = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline] + [("", len(reader.pages))]
    i = next(i for i, (name, _) in enumerate(starts) if name == title)
    return list(range(starts[i][1], starts[i + 1][1]))


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
    starts = [start for _, start in outline[1:]]
    texts = dict(zip(starts, (_norm(t) for t in _pages_text(out / "book.pdf", starts))))
    for title, start in outline[1:]:
        assert _norm(title) in texts[start], f"the page {title!r} does not open with its title (PDF page {start + 1})"
    assert all(count >= 1 for count in report["book"]["chapters"].values())


def test_book_pdf_prints_solutions_and_alt_text_and_embeds_its_fonts(printed, built_book):
    out, report = printed
    first = book_pages()[[p.label for p in book_pages()].index("what-is-propaganda")]
    text = "\n".join(_pages_text(out / "book.pdf", _chapter_pages(out / "book.pdf", first.title)))
    assert "Solution to Exercise 1" in text, "the web edition prints the folded solutions open"
    assert "Show code cell" not in text, "toggle buttons must not print"
    figures = 0
    for page in book_pages():
        html = (built_book / f"{page.entry}.html").read_text(encoding="utf-8")
        figures += sum(1 for tag in re.findall(r"<img\b[^>]*>", html)
                       if "_images/" in tag and re.search(r'alt="[^"]+"', tag))
    assert figures >= 10 and report["book"]["captions"] == figures, "every figure's alt text prints as a caption"
    coding = next(p for p in book_pages() if p.label == "coding-and-agreement")
    html = (built_book / f"{coding.entry}.html").read_text(encoding="utf-8")
    expected = sum(1 for tag in re.findall(r"<img\b[^>]*>", html) if "_images/" in tag)
    printed_text = "\n".join(_pages_text(out / "book.pdf", _chapter_pages(out / "book.pdf", coding.title)))
    assert expected >= 1 and printed_text.count("Figure description:") == expected
    fonts = pdf_fonts(out / "book.pdf")
    assert fonts and all(fonts.values()), f"fonts not embedded: {[f for f, ok in fonts.items() if not ok]}"


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


def test_worksheets_of_the_no_code_pathway_exist_and_hold_no_code(printed):
    from medialit.exemplars import load_exemplars, looks_like_code, manual_questions
    from medialit.materials import worksheet_assignments

    out, report = printed
    names = worksheet_assignments()
    assert set(report["worksheets"]) == {f"{name}.pdf" for name in names} and len(names) >= 15
    wording = {e["item"]: e["worksheet"] for e in load_exemplars()}
    questions = manual_questions()
    for name in names:
        path = out / "worksheets" / f"{name}.pdf"
        assert path.is_file() and 2 <= report["worksheets"][path.name] <= 6
        text = " ".join(_pages_text(path))
        assert not looks_like_code(text), f"{path.name} prints code"
        for item in questions.loc[questions["assignment"] == name, "item"]:
            assert _norm(wording[item])[:50] in _norm(text), f"{path.name} lacks the question {item}"
        assert "S19" in text and all(pdf_fonts(path).values())


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
