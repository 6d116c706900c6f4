"""The README's way to open an assignment works: `jupyter lab` from the kit's environment, in a real browser.

One JupyterLab server, started with the kit's own `jupyter` command (as the README says, plus only
what a headless test needs: no browser window, a free port, a known token, a temporary root
folder and private Jupyter user folders), serves a temporary folder holding:

- a student-edition assignment, built from its source with otter-grader (`medialit.assign`);
- a copy of one MyST chapter (`book/counting/tokens.md`).

Debian's Chromium (through Playwright, never a browser download) opens the assignment, checks that
JupyterLab picked the "Python 3 (medialit)" kernel without asking, runs every cell with the
menu's Run > Run All Cells, and checks that every code cell ran and none raised. It then opens the
chapter with a double click's default viewer and checks that it opens as a notebook (jupytext).
Throughout, every request the page makes, and every connection the server and its kernels hold,
must stay on this machine (loopback).

Skipped, with the reason, when /usr/bin/chromium is not installed.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from ipaddress import ip_address
from pathlib import Path
from threading import Event, Thread
from urllib.parse import urlparse

import pytest

from bookutils import BIN, ROOT

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ASSIGNMENT = ROOT / "exercises" / "counting" / "tokens.ipynb"
CHAPTER = ROOT / "book" / "counting" / "tokens.md"
TOKEN = "medialit-test-token"
JUPYTER = BIN / ("jupyter.exe" if os.name == "nt" else "jupyter")

# The widget JupyterLab shows is the file asked for, with cells, and its kernel has started and is idle.
_KERNEL_READY = """(path) => {
    const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const session = widget && widget.sessionContext && widget.sessionContext.session;
    return Boolean(widget && widget.context && widget.context.path === path
                   && session && session.kernel && session.kernel.status === 'idle'
                   && widget.content && widget.content.widgets && widget.content.widgets.length > 0);
}"""
# Every code cell of the notebook on screen: index, execution count, output types (from its model).
_CODE_CELLS = """() => {
    const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
    const out = [];
    for (let i = 0; i < cells.length; i++) {
        const cell = cells.get(i);
        if (cell.type !== 'code') continue;
        const outputs = [];
        for (let j = 0; j < cell.outputs.length; j++) {
            const o = cell.outputs.get(j).toJSON();
            outputs.push(o.output_type === 'stream' ? 'stream:' + o.name : o.output_type);
        }
        out.push({index: i, count: cell.executionCount, outputs: outputs});
    }
    return out;
}"""
# Run All is over: every code cell has run, or one raised (JupyterLab then skips the rest).
_ALL_RAN = """() => {
    const widget = window.jupyterapp.shell.currentWidget;
    const cells = widget.content.model.cells;
    let all = true;
    for (let i = 0; i < cells.length; i++) {
        const cell = cells.get(i);
        if (cell.type !== 'code') continue;
        for (let j = 0; j < cell.outputs.length; j++) {
            if (cell.outputs.get(j).type === 'error') return true;
        }
        if (!cell.executionCount) all = false;
    }
    return all && widget.sessionContext.session.kernel.status === 'idle';
}"""

_CHAPTER_LOADED = """() => {
    const model = window.jupyterapp.shell.currentWidget.content.model;
    let code = 0;
    for (let i = 0; model && i < model.cells.length; i++) if (model.cells.get(i).type === 'code') code++;
    return code >= 5;
}"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _is_loopback(host: str) -> bool:
    try:
        return ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


class _ConnectionWatch(Thread):
    """Polls the sockets of a process and its children (the kernels); keeps every non-loopback one."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.stop, self.foreign, self.listening = pid, Event(), set(), set()

    def run(self) -> None:
        import psutil

        root = psutil.Process(self.pid)
        while not self.stop.is_set():
            try:
                processes = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            for process in processes:
                try:
                    connections = process.net_connections(kind="inet")
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                for conn in connections:
                    if conn.status == psutil.CONN_LISTEN and conn.laddr:
                        self.listening.add(conn.laddr.ip)
                    if conn.raddr and not _is_loopback(conn.raddr.ip):
                        self.foreign.add(f"{process.name()} -> {conn.raddr.ip}:{conn.raddr.port}")
            self.stop.wait(0.2)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A running `jupyter lab` serving a student edition and a chapter; yields (url, watch, log)."""
    from medialit.assign import build_one

    assert JUPYTER.exists(), f"{JUPYTER} is missing: JupyterLab is not installed in the kit's environment"
    tmp = tmp_path_factory.mktemp("jupyterlab")
    served = tmp / "root"
    served.mkdir()
    home = tmp / "home"  # private user folders: the test neither reads nor writes the real ones
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_DATA_DIR=str(home / "data"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"))
    env.pop("JUPYTER_PREFER_ENV_PATH", None)
    port = _free_port()
    command = [str(JUPYTER), "lab", "--no-browser", f"--ServerApp.port={port}",
               f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={served}",
               "--LabApp.expose_app_in_browser=True"]  # lets the test read the notebook's model
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # CI containers run as root; students do not
    log = tmp / "jupyterlab.log"
    with open(log, "w", encoding="utf-8") as log_file:
        server = subprocess.Popen(command, env=env, stdout=log_file, stderr=subprocess.STDOUT, cwd=served)
    watch = _ConnectionWatch(server.pid)
    watch.start()
    url = f"http://127.0.0.1:{port}"
    try:
        # While JupyterLab starts: the student edition, as otter-grader builds it for handing out.
        built = build_one(ASSIGNMENT, tmp / "dist", run_tests=False)
        shutil.copy(built.student, served / built.student.name)  # the name otter gave it
        shutil.copy(CHAPTER, served / "chapter.md")
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"`jupyter lab` did not start (exit {server.poll()}):\n{log.read_text()[-3000:]}")
                time.sleep(0.25)
        yield url, watch, log, built.student.name
    finally:
        watch.stop.set()
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        watch.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def _open(browser, url: str, path: str):
    """Open ``path`` in JupyterLab; return (page, context, foreign requests, console errors)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    host = urlparse(url).netloc
    foreign, console = [], []
    page.on("request", lambda request: None if urlparse(request.url).netloc == host
            or request.url.startswith(("data:", "blob:")) else foreign.append(request.url))
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    page.goto(f"{url}/lab/tree/{path}?reset&token={TOKEN}")  # reset: no tab of an earlier test comes back
    page.wait_for_function(_KERNEL_READY, arg=path, timeout=90_000)
    return page, context, foreign, console


def test_a_student_assignment_runs_every_cell_in_jupyterlab(lab, browser):
    url, watch, log, name = lab
    page, context, foreign, console = _open(browser, url, name)
    try:
        kernel = page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.kernelDisplayName")
        assert kernel == "Python 3 (medialit)", f"JupyterLab picked the kernel {kernel!r}"
        assert page.locator(".jp-Dialog").count() == 0, "JupyterLab asked the student to choose a kernel"
        page.click(".lm-MenuBar-itemLabel:text-is('Run')")
        page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
        try:
            page.wait_for_function(_ALL_RAN, timeout=120_000)
        except Exception:
            shot = log.parent / "run-all-timeout.png"
            page.screenshot(path=str(shot))
            pytest.fail(f"Run All Cells did not finish in 120 s; cells: {page.evaluate(_CODE_CELLS)}; "
                        f"screenshot {shot}; server log {log}")
        cells = page.evaluate(_CODE_CELLS)
        assert len(cells) >= 5, f"the assignment shows only {len(cells)} code cells"
        not_run = [c["index"] for c in cells if not c["count"]]
        raised = [c["index"] for c in cells if "error" in c["outputs"]]
        assert not not_run, f"cells {not_run} did not run"
        assert not raised, f"cells {raised} raised an error in JupyterLab"
        counts = [c["count"] for c in cells]
        assert counts == sorted(counts) and len(set(counts)) == len(counts), f"cells ran out of order: {counts}"
        assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
        assert not foreign, f"the page asked other hosts: {foreign[:5]}"
        assert not console, f"console errors: {console[:5]}"
    finally:
        context.close()
    assert not watch.foreign, f"JupyterLab or its kernel connected off this machine: {sorted(watch.foreign)}"
    assert watch.listening and all(_is_loopback(ip) for ip in watch.listening), \
        f"JupyterLab listens beyond loopback: {sorted(watch.listening)}"
    server_log = log.read_text(encoding="utf-8")
    import jupyterlab

    assert f"JupyterLab extension loaded from {Path(jupyterlab.__file__).parent}" in server_log, \
        "`jupyter lab` did not run the kit's own JupyterLab"
    assert "Extension Manager is 'readonly'" in server_log, \
        "JupyterLab's PyPI extension manager is on: run `medialit setup` (make setup does)"


def test_a_myst_chapter_opens_as_a_notebook(lab, browser):
    url, watch, log, _name = lab
    page, context, foreign, console = _open(browser, url, "chapter.md")
    try:
        try:  # the notebook model fills in as jupytext's conversion arrives
            page.wait_for_function(_CHAPTER_LOADED, timeout=90_000)
        except Exception:
            page.screenshot(path=str(log.parent / "chapter.png"))  # the assertion below says what opened
        factory = page.evaluate("() => window.jupyterapp.shell.currentWidget.context.factoryName || ''")
        widget = page.evaluate("() => window.jupyterapp.shell.currentWidget.constructor.name")
        kinds = page.evaluate("""() => {
            const cells = window.jupyterapp.shell.currentWidget.content.model.cells; const kinds = {};
            for (let i = 0; i < cells.length; i++) { const t = cells.get(i).type; kinds[t] = (kinds[t] || 0) + 1; }
            return kinds; }""")
        kernel = page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.kernelDisplayName")
        assert kinds.get("code", 0) >= 5 and kinds.get("markdown", 0) >= 5, \
            f"the chapter opened as {widget} ({factory}) with cells {kinds}, not as a notebook"
        assert kernel == "Python 3 (medialit)", f"JupyterLab picked the kernel {kernel!r} for the chapter"
        assert not foreign, f"the page asked other hosts: {foreign[:5]}"
    finally:
        context.close()
    assert not watch.foreign, f"JupyterLab or its kernel connected off this machine: {sorted(watch.foreign)}"
