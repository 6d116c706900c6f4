"""Every built page, opened in a real Chromium from a local server.

Checks, per page: no serious or critical axe-core violation, a non-empty ``alt`` on every image,
no request to any host but the local server, no console error, and every internal link resolves.
Saves screenshots of the welcome page, one chapter and one exercise page to _build/screenshots/.

Uses Debian's Chromium (/usr/bin/chromium) through Playwright; never a browser download. Skipped,
with the reason, when that browser is not installed (`.ci/run` installs it).
"""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import urljoin, urldefrag, urlparse

import pytest

from bookutils import ROOT, toc_files

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.book,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = {"book/welcome": "welcome", "book/reading/close_reading": "chapter",
               "book/counting/frequencies": "exercise"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture(scope="module")
def site(built_book):
    handler = functools.partial(_Quiet, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def _visit(browser, url: str, host: str):
    """Open url; return (page, context, foreign requests, console errors, failed local requests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
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
    return [entry for entry in toc_files()]


@pytest.mark.parametrize("entry", _pages())
def test_page_in_browser(entry, site, browser, axe, built_book):
    host = urlparse(site).netloc
    url = urljoin(site, f"{entry}.html")
    page, context, foreign, errors, failed = _visit(browser, url, host)
    try:
        assert page.title(), f"{entry}: page has no <title>"
        # 1. accessibility: no serious or critical axe violations
        # preload=False: axe would otherwise re-fetch stylesheets itself and resolve the theme's
        # `@import "../basic.css"` against the wrong folder (a 404 the page never makes).
        results = axe.run(page, options={"resultTypes": ["violations"], "preload": False})
        bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
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
            local = built_book / urlparse(path).path.lstrip("/")
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
            page.screenshot(path=str(out / f"{SCREENSHOTS[entry]}.png"), full_page=False)
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
