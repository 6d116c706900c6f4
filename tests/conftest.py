"""Shared fixtures. Tests mirror the package: tests/test_<module>.py tests medialit.<module>."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bookutils import BIN, ROOT, toc_files  # noqa: F401  (re-exported for fixtures)

# Fixture notebooks (some deliberately broken) are inputs to tests, not tests themselves.
collect_ignore_glob = ["fixtures/*"]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed_text() -> str:
    from medialit.corpus import load_article

    return load_article("seed-article").text


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of data/ that a test may alter; medialit reads it instead of the real one."""
    from medialit import resources

    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    monkeypatch.setenv("MEDIALIT_DATA", str(copy))
    resources.data_dir.cache_clear()
    yield copy
    monkeypatch.delenv("MEDIALIT_DATA")
    resources.data_dir.cache_clear()


def _build_book(out: Path, cache: Path, env: dict[str, str], what: str) -> Path:
    """Build the book into ``out`` as `make book` does (-W -n --keep-going), reading and filling
    the execution cache ``cache``; fail the test with the log's tail if the build fails."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["execute"]["cache"] = str(cache)
    config_path = out / "_config.yml"
    config_path.write_text(yaml.safe_dump(config), encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(ROOT), "--config", str(config_path),
         "--path-output", str(out), "-W", "-n", "--keep-going"],
        capture_output=True, text=True, env=env, timeout=1500,
    )
    log = out / "build.log"
    log.write_text(result.stdout + "\n" + result.stderr, encoding="utf-8")
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-60:])
        pytest.fail(f"The build of {what} failed (exit {result.returncode}); full log in {log}:\n{tail}")
    return out / "_build" / "html"


def _once_per_run(tmp_path_factory, name: str, build):
    """``build(folder)`` once per test run, its result shared by every xdist worker.

    Each worker has its own session fixtures; a folder every worker can see (the parent of the
    workers' temporary folders) and a lock on a file in it make the first worker that asks build,
    and the others wait for it and reuse what it built. Without xdist this is just ``build``.
    """
    import fcntl

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return build(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent
    with open(shared / f"{name}.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / f"{name}.done"
        if done.is_file():
            return Path(done.read_text(encoding="utf-8"))
        folder = shared / name
        shutil.rmtree(folder, ignore_errors=True)  # a worker that failed to build before
        folder.mkdir()
        result = build(folder)
        done.write_text(str(result), encoding="utf-8")
        return result


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """Build the whole book once per test run, from scratch, into a temporary folder.

    Notebooks are executed afresh (a private execution cache), with warnings as errors,
    exactly as `make book` does. Returns the folder holding index.html.
    """
    reuse = os.environ.get("MEDIALIT_BUILT_BOOK")
    if reuse:  # a contributor's shortcut: check an existing build instead of building again
        return Path(reuse)

    def build(out: Path) -> Path:
        env = dict(os.environ)
        env.pop("MEDIALIT_EDITION", None)
        # Execute the notebook pages two at a time into the private cache (as `make book` does).
        subprocess.run([sys.executable, str(ROOT / "tools" / "execute_parallel.py"), str(out / "jupyter_cache")],
                       check=True, capture_output=True, text=True, env=env, timeout=1500)
        return _build_book(out, out / "jupyter_cache", env, "the book")

    return _once_per_run(tmp_path_factory, "book", build)


@pytest.fixture(scope="session")
def student_book(built_book, tmp_path_factory) -> Path:
    """The student edition (``MEDIALIT_EDITION=student``, as `make book-student` builds it).

    It reads the execution cache the full build filled (the code cells are the same in both
    editions), so only the rendering runs again. Returns the folder holding index.html.
    """
    reuse = os.environ.get("MEDIALIT_STUDENT_BOOK")
    if reuse:  # a contributor's shortcut, as MEDIALIT_BUILT_BOOK: e.g. _build/student/_build/html
        return Path(reuse)

    def build(out: Path) -> Path:
        # The suite's own build keeps its cache beside its output; `make book` keeps it in _build/.
        caches = [built_book.parent.parent / "jupyter_cache", built_book.parent / ".jupyter_cache"]
        cache = next((c for c in caches if c.is_dir()), out / "jupyter_cache")
        env = dict(os.environ, MEDIALIT_EDITION="student")
        return _build_book(out, cache, env, "the student edition")

    return _once_per_run(tmp_path_factory, "student-book", build)
