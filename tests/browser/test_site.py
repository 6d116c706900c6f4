"""Every built page of both editions, opened in a real Chromium from a local server.

Checks, per page and edition: no serious or critical axe-core violation (axe-core 4.14, shipped
in tests/browser/vendor/axe-core, with label-content-name-mismatch and axe's experimental rules
switched on), a non-empty ``alt`` on every image, no request to any host but the local server, no
console error, every internal link resolves, and the layout holds on a 1280 px desktop and a
390 px phone (tests/browser/layout.js: the page is never wider than the window, nothing is cut
off, wide tables and outputs scroll in their own box with a scrollbar, table text is not
squeezed to a few letters). Saves screenshots of the welcome page, one chapter and one exercise
page to _build/screenshots/.

Uses Debian's Chromium (/usr/bin/chromium) through Playwright; never a browser download.
Scrollbars are drawn (headless Chromium hides them by default), so that a box that scrolls can be
told from one that cuts its content off. Skipped, with the reason, when that browser is not
installed (`.ci/run` installs it).
"""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urljoin, urldefrag, urlparse

import pytest

from bookutils import ROOT, toc_files

CHROMIUM = Path("/usr/bin/chromium")
HERE = Path(__file__).parent
AXE = HERE / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.book,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = {"book/welcome": "welcome", "book/reading/close_reading": "chapter",
               "book/counting/frequencies": "exercise"}
DESKTOP, PHONE = 1280, 390
# axe-core rules that are off by default and switched on here: WCAG 2.5.3 (visible label in the
# accessible name; "experimental" in axe-core before 4.14) and every rule axe 4.14 still tags
# experimental.
EXTRA_RULES = ("label-content-name-mismatch", "css-orientation-lock", "focus-order-semantics",
               "hidden-content", "p-as-heading", "table-fake-caption", "td-has-header")
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    # axe would otherwise re-fetch stylesheets itself and resolve the theme's
    # `@import "../basic.css"` against the wrong folder (a 404 the page never makes).
    "preload": False,
    "rules": {rule: {"enabled": True} for rule in EXTRA_RULES},
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


def _serve(folder: Path):
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def site(built_book):
    server, url = _serve(built_book)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def student_site(student_book):
    server, url = _serve(student_book)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def edition_site(request, built_book):
    """(edition, base URL, folder) of the edition a test is parametrised with."""
    if request.param == "web":
        return "web", request.getfixturevalue("site"), built_book
    return "student", request.getfixturevalue("student_site"), request.getfixturevalue("student_book")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS,
                                              ignore_default_args=["--hide-scrollbars"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def axe():
    source = AXE.read_text(encoding="utf-8")
    assert source.startswith(f"/*! axe v{AXE_VERSION}"), f"{AXE} is not axe-core {AXE_VERSION}"
    return source


@pytest.fixture(scope="module")
def layout_check():
    return (HERE / "layout.js").read_text(encoding="utf-8")


def run_axe(page, axe_source: str) -> list[dict]:
    """The serious and critical violations axe-core finds in the page as it is now."""
    page.evaluate(axe_source)
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]


def layout_problems(page, script: str) -> list[str]:
    """What tests/browser/layout.js finds wrong with the page at its current width."""
    result = page.evaluate(script)
    problems = []
    if result["sw"] > result["vw"]:
        problems.append(f"the page is {result['sw']} px wide in a {result['vw']} px window: {result['page']}")
    for kind in ("spill", "clipped", "noScrollbar", "squeezed"):
        problems += [f"{kind}: {item}" for item in result[kind][:6]]
    return problems


def _visit(browser, url: str, host: str, width: int = DESKTOP):
    """Open url; return (page, context, foreign requests, console errors, failed local requests)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    foreign, errors, failed = [], [], []

    def on_request(request):
        parsed = urlparse(request.url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.netloc != host:
            foreign.append(request.url)

    def route(route):
        # Anything not for the local server is recorded above and never leaves the machine.
        if urlparse(route.request.url).netloc == host:
            route.continue_()
        else:
            route.abort()

    page.on("request", on_request)
    page.on("console", lambda msg: errors.append(f"{msg.text} [{msg.location.get('url')}]") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda r: failed.append(r.url) if urlparse(r.url).netloc == host else None)
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.route("**/*", route)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)  # let deferred scripts (MathJax, theme) run
    return page, context, foreign, errors, failed


def _pages():
    """Every page a reader can open: the table of contents, the index and the search page."""
    return [*toc_files(), "genindex", "search"]


@pytest.mark.parametrize("edition_site", ["web", "student"], indirect=True, ids=["web", "student"])
@pytest.mark.parametrize("entry", _pages())
def test_page_in_browser(entry, edition_site, browser, axe, layout_check, built_book):
    edition, site, folder = edition_site
    web_folder = built_book
    host = urlparse(site).netloc
    url = urljoin(site, f"{entry}.html")
    page, context, foreign, errors, failed = _visit(browser, url, host)
    try:
        assert page.title(), f"{entry}: page has no <title>"
        # 1. accessibility: no serious or critical axe violations. A student-edition page that is
        # byte for byte the web edition's page (no solution on it) gives the same result as the
        # web edition's run, so axe (seconds a page) runs once for both.
        same = edition == "student" and (folder / f"{entry}.html").read_bytes() == (web_folder / f"{entry}.html").read_bytes()
        bad = [] if same else run_axe(page, axe)
        details = [f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}" for v in bad]
        assert not bad, f"{entry}: axe violations:\n" + "\n".join(details)
        # 2. every image has a non-empty alt
        missing_alt = page.eval_on_selector_all(
            "img", "els => els.filter(e => !(e.getAttribute('alt') || '').trim()).map(e => e.src)")
        assert not missing_alt, f"{entry}: images without alt text: {missing_alt}"
        # 3. nothing requested from another host
        assert not foreign, f"{entry}: requests to other hosts: {foreign}"
        # 4. no console errors, no failed local requests
        assert not errors, f"{entry}: console errors: {errors}"
        assert not failed, f"{entry}: local requests failed: {failed}"
        # 5. every internal link resolves to a file of the built site (and its #anchor exists)
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        broken = []
        for href in hrefs:
            target = urljoin(url, href)
            if urlparse(target).netloc != host:
                continue
            path, fragment = urldefrag(target)
            local = folder / urlparse(path).path.lstrip("/")
            if local.is_dir():
                local = local / "index.html"
            if not local.is_file():
                broken.append(href)
            elif fragment and local.suffix == ".html":
                html = local.read_text(encoding="utf-8", errors="replace")
                if f'id="{fragment}"' not in html and f"name=\"{fragment}\"" not in html:
                    broken.append(href)
        assert not broken, f"{entry}: internal links that do not resolve: {sorted(set(broken))[:20]}"
        if entry in SCREENSHOTS:
            out = ROOT / "_build" / "screenshots"
            out.mkdir(parents=True, exist_ok=True)
            name = SCREENSHOTS[entry] if edition == "web" else f"student-{SCREENSHOTS[entry]}"
            page.screenshot(path=str(out / f"{name}.png"), full_page=False)
        # 6. layout on a desktop, then on a phone (folds opened: solutions, hidden code cells)
        problems = {DESKTOP: layout_problems(page, layout_check)}
        page.set_viewport_size({"width": PHONE, "height": 844})
        page.wait_for_timeout(200)
        problems[PHONE] = layout_problems(page, layout_check)
        report = [f"  at {width} px: {p}" for width, found in problems.items() for p in found]
        assert not report, f"{entry}: layout problems:\n" + "\n".join(report)
    finally:
        context.close()


def test_axe_finds_a_mismatched_name(browser, axe, site):
    """Guard: the shipped axe-core runs and reports label-content-name-mismatch (WCAG 2.5.3)."""
    host = urlparse(site).netloc
    page, context, *_ = _visit(browser, urljoin(site, "book/welcome.html"), host)
    try:
        page.set_content('<main><h1>t</h1><button aria-label="Close">Send the report</button></main>')
        ids = [v["id"] for v in run_axe(page, axe)]
        assert "label-content-name-mismatch" in ids
        assert page.evaluate("axe.version") == AXE_VERSION
    finally:
        context.close()


def test_layout_check_sees_overflow(browser, site, layout_check):
    """Guard: the layout check reports a page widened by a long word, a box that cuts its text
    off, and a table cell squeezed to a few letters."""
    host = urlparse(site).netloc
    page, context, *_ = _visit(browser, urljoin(site, "book/welcome.html"), host, width=PHONE)
    try:
        page.evaluate("""() => {
            const article = document.querySelector('.bd-article');
            article.insertAdjacentHTML('beforeend',
              '<p style="white-space:nowrap">' + 'x'.repeat(200) + '</p>' +
              '<div style="overflow:hidden;width:100px"><span style="white-space:nowrap">' + 'y'.repeat(80) + '</span></div>' +
              '<table style="width:100%"><tr><td>a prose cell with many words in it</td><td>' + 'z '.repeat(400) + '</td></tr></table>');
        }""")
        problems = " ".join(layout_problems(page, layout_check))
        assert "the page is" in problems and "clipped" in problems and "squeezed" in problems, problems
    finally:
        context.close()


def test_dark_mode_figures_stay_readable(site, browser, built_book):
    """In the theme's dark mode, figures keep an opaque background so their text stays readable."""
    from PIL import Image

    for png in sorted((built_book / "_images").glob("*.png")) if (built_book / "_images").is_dir() else []:
        with Image.open(png) as image:
            rgba = image.convert("RGBA")
            corners = [rgba.getpixel((x, y)) for x in (0, rgba.width - 1) for y in (0, rgba.height - 1)]
        assert all(pixel[3] == 255 for pixel in corners), f"{png.name} has a transparent background"
    host = urlparse(site).netloc
    page, context, foreign, errors, failed = _visit(browser, urljoin(site, "book/welcome.html"), host)
    try:
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background != "rgb(255, 255, 255)", "dark mode did not switch the page background"
        out = ROOT / "_build" / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out / "welcome-dark.png"))
    finally:
        context.close()


def test_local_server_serves_the_built_site(site):
    """Guard for the checks above: the server really serves the built site (loopback only)."""
    import http.client

    parsed = urlparse(site)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    connection.request("GET", "/index.html")
    assert connection.getresponse().status == 200
    connection.close()


def test_shipped_axe_matches_its_manifest():
    """axe-core ships unmodified, with its licence and a manifest naming source and checksum."""
    import hashlib

    import yaml

    manifest = yaml.safe_load((AXE.parent / "MANIFEST.yml").read_text(encoding="utf-8"))
    assert manifest["version"] == AXE_VERSION and "MPL-2.0" in manifest["licence"]
    assert hashlib.sha256(AXE.read_bytes()).hexdigest() == manifest["files"]["axe.min.js"]["sha256"]
    assert "Mozilla Public License" in (AXE.parent / "LICENSE").read_text(encoding="utf-8")
