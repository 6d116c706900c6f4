"""Print the book, the handouts and the slides to PDF, offline, with Debian's Chromium.

``make pdf`` (or ``python -m medialit.pdf``) prints from the HTML that ``make book`` built:

* ``book.pdf``: a cover with the contents and their page numbers, then every page of the table
  of contents in order, one PDF outline entry (bookmark) per page. The print stylesheet
  (``_static/print.css``) drops the sidebars, headers and buttons; each figure's alt text is
  printed under it as a caption. **Solutions**: the web edition (``_build/html``) prints every
  folded solution and model answer open, for instructors; ``--edition student`` prints the student
  edition (``make book-student``), which has no solutions to print. Code the page hides behind
  "Show code" stays hidden; its output prints.
* ``handouts/<syllabus>-<n>.pdf`` and ``handouts/<syllabus>-<n>-alternative.pdf``: each session's
  passage with its sentence numbers, and the questions (:mod:`medialit.materials`).
* ``worksheets/<assignment>.pdf``: the no-code pathway's worksheets, one per notebook with
  hand-graded questions: those questions worded without code, and the seed's sentences S1-S19
  (:func:`medialit.materials.worksheet_html`).
* ``slides/one-week-<n>.pdf``: the one-week module's slides (16:9), with their HTML beside them.

Offline by construction: the browser is ``/usr/bin/chromium`` driven by Playwright (never a
browser download), and every request that is not for a local ``file://`` URL is blocked and
recorded; :class:`NetworkAccessError` is raised after printing if any was attempted, naming them.
Chromium embeds (subsets of) the fonts it used in each PDF; :func:`pdf_fonts` lists them.
"""
from __future__ import annotations

import argparse
import html
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .curriculum import book_pages, book_root
from .errors import MedialitError

__all__ = ["CHROMIUM", "BrowserMissingError", "NetworkAccessError", "PrintJob", "build_all", "build_book_pdf",
           "build_handouts", "build_slides", "build_worksheets", "pdf_fonts", "print_pdfs"]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_LOCAL = ("file://", "data:", "about:", "blob:")

# Run in each book page before printing: light theme, folded content open, alt text as captions,
# MathJax finished.
_PREPARE = """async () => {
  document.documentElement.dataset.theme = 'light';
  document.documentElement.dataset.mode = 'light';
  document.querySelectorAll('details').forEach(d => {
    if (!d.classList.contains('above-input') && !d.classList.contains('below-input')) d.open = true; });
  document.querySelectorAll('.toggle-hidden').forEach(e => e.classList.remove('toggle-hidden'));
  document.querySelectorAll('article img[alt], main img[alt]').forEach(img => {
    const alt = (img.getAttribute('alt') || '').trim();
    if (!alt || img.closest('header, nav, .bd-header')) return;
    const p = document.createElement('p'); p.className = 'print-alt';
    p.textContent = 'Figure description: ' + alt; img.insertAdjacentElement('afterend', p); });
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) { await MathJax.startup.promise; }
  if (document.fonts && document.fonts.ready) { await document.fonts.ready; }
  return document.querySelectorAll('p.print-alt').length;
}"""
_FOOTER = ('<div style="font-family: DejaVu Sans, sans-serif; font-size: 7pt; color: #555; width: 100%; '
           'padding: 0 15mm; display: flex; justify-content: space-between;"><span>{title}</span>'
           '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')


class BrowserMissingError(MedialitError, FileNotFoundError):
    """Debian's Chromium is not installed where the kit expects it."""


class NetworkAccessError(MedialitError, RuntimeError):
    """A page asked for something that is not a local file while being printed."""


@dataclass
class PrintJob:
    """One HTML file to print. ``book`` pages get the print stylesheet and the preparation script."""

    source: Path
    target: Path
    book: bool = False
    footer: str = ""
    captions: int = field(default=0, init=False)   # alt-text captions added (book pages)


def _check_browser(executable: Path) -> None:
    if not Path(executable).is_file():
        raise BrowserMissingError(f"No browser at {executable}. Install Debian's chromium (apt-get install chromium); "
                                  "the kit never downloads a browser.")


def print_pdfs(jobs: list[PrintJob], *, executable: Path = CHROMIUM, print_css: str = "") -> list[PrintJob]:
    """Print each job's HTML to its PDF with one headless Chromium; block everything not local.

    Raises:
        BrowserMissingError: no Chromium at ``executable``.
        NetworkAccessError: a page requested a non-local URL (it was blocked; all are listed).
    """
    from playwright.sync_api import sync_playwright

    _check_browser(executable)
    blocked: list[str] = []

    def route(route) -> None:
        url = route.request.url
        if url.startswith(_LOCAL):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 1100, "height": 1400}, color_scheme="light")
            context.route("**/*", route)
            page = context.new_page()
            page.on("websocket", lambda ws: blocked.append(ws.url))
            for job in jobs:
                job.target.parent.mkdir(parents=True, exist_ok=True)
                page.goto(Path(job.source).resolve().as_uri(), wait_until="load")
                if job.book:
                    if print_css:
                        page.add_style_tag(content=print_css)
                    job.captions = page.evaluate(_PREPARE)
                page.emulate_media(media="print")
                footer = _FOOTER.format(title=html.escape(job.footer)) if job.footer else "<span></span>"
                page.pdf(path=str(job.target), prefer_css_page_size=True, print_background=True,
                         display_header_footer=bool(job.footer), header_template="<span></span>",
                         footer_template=footer)
        finally:
            browser.close()
    if blocked:
        raise NetworkAccessError(f"{len(blocked)} request(s) to the network were blocked while printing: "
                                 f"{sorted(set(blocked))[:10]}. The kit's pages must load only local files.")
    return jobs


def _merge(parts: list[tuple[Path, str | None]], out: Path, *, title: str) -> int:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for path, outline in parts:
        writer.append(PdfReader(str(path)), outline_item=outline)
    writer.add_metadata({"/Title": title, "/Creator": "medialit.pdf (Chromium via Playwright)"})
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        writer.write(handle)
    return len(writer.pages)


def _page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def _cover_html(title: str, edition: str, contents: list[tuple[str, str, int]]) -> str:
    rows = "".join(f"<tr><td>{html.escape(part)}</td><td>{html.escape(name)}</td><td>{page}</td></tr>"
                   for part, name, page in contents)
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Contents</title><style>'
            '@page { size: A4; margin: 20mm; } html { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; }'
            'h1 { font-size: 24pt; margin: 30mm 0 4mm; } table { border-collapse: collapse; width: 100%; }'
            'td { padding: 1mm 2mm; border-bottom: .3pt solid #ccc; } td:last-child { text-align: right; }'
            f'</style></head><body><h1>{html.escape(title)}</h1><p>{html.escape(edition)}</p>'
            "<p>Text only: no images or video of propaganda, no links to it. Several chapters carry a content note "
            "(the box under their title).</p><h2>Contents</h2><table>" + rows + "</table></body></html>")


def build_book_pdf(html_root: Path, out: Path, *, edition: str = "web", executable: Path = CHROMIUM) -> dict:
    """Print every page of the built book and join them, behind a cover with the contents."""
    html_root = Path(html_root)
    pages = book_pages()
    missing = [p.entry for p in pages if not (html_root / f"{p.entry}.html").is_file()]
    if missing:
        raise FileNotFoundError(f"{html_root} lacks built pages for {missing[:5]}; run make book first.")
    css = (Path(__file__).parent / "_static" / "print.css").read_text(encoding="utf-8")
    label = ("Web edition: folded solutions and model answers printed open (for instructors)" if edition == "web"
             else "Student edition: no solutions")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        jobs = [PrintJob(html_root / f"{p.entry}.html", tmp / f"{i:03d}.pdf", book=True, footer=p.title)
                for i, p in enumerate(pages)]
        print_pdfs(jobs, executable=executable, print_css=css)
        counts = [_page_count(j.target) for j in jobs]
        cover_pages, contents = 1, []
        for _ in range(3):  # the contents' page numbers depend on the cover's own length
            start, contents = cover_pages + 1, []
            for page, count in zip(pages, counts):
                contents.append((page.part.split(":")[0], page.title, start))
                start += count
            cover = tmp / "cover.html"
            cover.write_text(_cover_html("Reading Propaganda Coverage", label, contents), encoding="utf-8")
            print_pdfs([PrintJob(cover, tmp / "cover.pdf")], executable=executable)
            if _page_count(tmp / "cover.pdf") == cover_pages:
                break
            cover_pages = _page_count(tmp / "cover.pdf")
        total = _merge([(tmp / "cover.pdf", "Contents")] + [(j.target, p.title) for j, p in zip(jobs, pages)],
                       out, title=f"Reading Propaganda Coverage ({edition} edition)")
    return {"pages": total, "chapters": {p.title: c for p, c in zip(pages, counts)},
            "captions": sum(j.captions for j in jobs)}


def build_handouts(out: Path, *, executable: Path = CHROMIUM, syllabi: tuple[str, ...] | None = None) -> list[Path]:
    """Every session's handout, and its alternative-case version, as PDFs under ``out``."""
    from .materials import handout_html
    from .teaching import SYLLABI, load_syllabus

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    jobs = []
    for name in syllabi or SYLLABI:
        syllabus = load_syllabus(name)
        for session in syllabus.sessions:
            for alternative in (False, True):
                stem = f"{name}-{session['number']}" + ("-alternative" if alternative else "")
                source = out / f"{stem}.html"
                source.write_text(handout_html(syllabus, session["number"], alternative=alternative), encoding="utf-8")
                jobs.append(PrintJob(source, out / f"{stem}.pdf"))
    print_pdfs(jobs, executable=executable)
    return [job.target for job in jobs]


def build_worksheets(out: Path, *, executable: Path = CHROMIUM) -> list[Path]:
    """Every worksheet of the no-code pathway (:func:`medialit.materials.worksheet_html`) as a PDF under ``out``."""
    from .materials import worksheet_assignments, worksheet_html

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    jobs = []
    for name in worksheet_assignments():
        source = out / f"{name}.html"
        source.write_text(worksheet_html(name), encoding="utf-8")
        jobs.append(PrintJob(source, out / f"{name}.pdf"))
    print_pdfs(jobs, executable=executable)
    return [job.target for job in jobs]


def build_slides(out: Path, *, executable: Path = CHROMIUM, syllabus: str = "one-week") -> list[Path]:
    """The slides of every session of ``syllabus`` (the one-week module by default), HTML and PDF."""
    from .materials import slides_html
    from .teaching import load_syllabus

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    plan = load_syllabus(syllabus)
    jobs = []
    for session in plan.sessions:
        source = out / f"{syllabus}-{session['number']}.html"
        source.write_text(slides_html(plan, session["number"]), encoding="utf-8")
        jobs.append(PrintJob(source, out / f"{syllabus}-{session['number']}.pdf"))
    print_pdfs(jobs, executable=executable)
    return [job.target for job in jobs]


def pdf_fonts(path: Path) -> dict[str, bool]:
    """Every font a PDF uses -> whether the PDF embeds it.

    A font is embedded when its descriptor holds a font file; a Type 3 font (which Chromium uses
    for some web fonts) has no file because the PDF itself draws each glyph (``/CharProcs``).
    """
    from pypdf import PdfReader

    fonts: dict[str, bool] = {}
    for page in PdfReader(str(path)).pages:
        resources = page.get("/Resources")
        for font in ((resources.get_object().get("/Font") or {}).values() if resources else []):
            font = font.get_object()
            if font.get("/Subtype") == "/Type3":
                fonts[f"Type3 {font.get('/Name') or ''}".strip()] = "/CharProcs" in font
                continue
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            fonts[str(font.get("/BaseFont"))] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


def build_all(out: Path, *, html_root: Path | None, edition: str = "web", only: tuple[str, ...] = ("book", "handouts",
              "worksheets", "slides"), executable: Path = CHROMIUM) -> dict:
    """What ``make pdf`` runs: the book (from ``html_root``), the handouts and the slides under ``out``."""
    out = Path(out)
    report: dict = {}
    if "book" in only:
        if html_root is None:
            raise ValueError("printing the book needs html_root, the folder make book built (_build/html).")
        report["book"] = build_book_pdf(html_root, out / "book.pdf", edition=edition, executable=executable)
    if "handouts" in only:
        report["handouts"] = {p.name: _page_count(p) for p in build_handouts(out / "handouts", executable=executable)}
    if "worksheets" in only:
        report["worksheets"] = {p.name: _page_count(p) for p in build_worksheets(out / "worksheets", executable=executable)}
    if "slides" in only:
        report["slides"] = {p.name: _page_count(p) for p in build_slides(out / "slides", executable=executable)}
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m medialit.pdf", description=__doc__.split("\n\n")[0])
    parser.add_argument("--html", type=Path, default=None, help="the built book (default _build/html)")
    parser.add_argument("--out", type=Path, default=None, help="where to write the PDFs (default _build/pdf)")
    parser.add_argument("--edition", choices=("web", "student"), default="web")
    parser.add_argument("--only", default="book,handouts,worksheets,slides",
                        help="comma-separated: book, handouts, worksheets, slides")
    args = parser.parse_args(argv)
    root = book_root()
    only = tuple(x.strip() for x in args.only.split(",") if x.strip())
    html_root = args.html or root / "_build" / "html"
    out = args.out or root / "_build" / "pdf"
    try:
        report = build_all(out, html_root=html_root if "book" in only else None, edition=args.edition, only=only)
    except (MedialitError, FileNotFoundError, ValueError) as exc:
        print(f"make pdf: {exc}", file=sys.stderr)
        return 1
    if "book" in report:
        print(f"{out / 'book.pdf'}: {report['book']['pages']} pages, {len(report['book']['chapters'])} pages of the "
              f"book, {report['book']['captions']} figure descriptions printed")
    for kind in ("handouts", "worksheets", "slides"):
        if kind in report:
            print(f"{out / kind}/: {len(report[kind])} PDFs, {sum(report[kind].values())} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
