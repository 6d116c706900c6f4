"""medialit.pdf without a browser: the command line's errors, font listing, the cover page."""
from __future__ import annotations

import subprocess
import sys

import pytest

from medialit import pdf


def test_missing_browser_is_a_clear_error(tmp_path):
    page = tmp_path / "a.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    with pytest.raises(pdf.BrowserMissingError, match="apt-get install chromium"):
        pdf.print_pdfs([pdf.PrintJob(page, tmp_path / "a.pdf")], executable=tmp_path / "no-chromium")


def test_printing_the_book_needs_a_built_book(tmp_path):
    with pytest.raises(FileNotFoundError, match="run make book first"):
        pdf.build_book_pdf(tmp_path, tmp_path / "book.pdf")
    with pytest.raises(ValueError, match="html_root"):
        pdf.build_all(tmp_path, html_root=None, only=("book",))


def test_command_line_reports_a_missing_build_and_exits_1(tmp_path):
    result = subprocess.run([sys.executable, "-m", "medialit.pdf", "--html", str(tmp_path / "nothing"),
                             "--only", "book", "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert result.returncode == 1
    assert "make pdf:" in result.stderr and "run make book first" in result.stderr


def test_pdf_fonts_of_a_pdf_without_text(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    path = tmp_path / "blank.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert pdf.pdf_fonts(path) == {}


def test_cover_lists_the_contents_with_page_numbers():
    html = pdf._cover_html("Title & more", "Web edition", [("Part I", "The case: a close reading", 14)])
    assert "Title &amp; more" in html and "<td>The case: a close reading</td><td>14</td>" in html
    assert "<script" not in html and "http" not in html
