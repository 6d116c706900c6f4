"""Execute the book's notebook pages in parallel, filling the execution cache the build reads.

Usage: .venv/bin/python tools/execute_parallel.py CACHE_DIR [--jobs N]   (make book runs it)

Jupyter Book executes pages one after another. This script runs them N at a time (default: the
number of CPUs) with the same executor myst-nb uses, and stores each result in the jupyter-cache
at CACHE_DIR, keyed exactly as myst-nb keys it (the code cells and the kernelspec). The build
that follows finds every page in the cache and only renders it; it still checks every output
(stderr, errors), and a page that failed here is simply not cached, so the build executes it
again and stops with the full traceback. Nothing here decides what counts as a failure.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from medialit.curriculum import toc_entries

ROOT = Path(__file__).resolve().parents[1]


def notebook_pages() -> list[Path]:
    """Pages in _toc.yml that are notebooks (their front matter names a kernel)."""
    pages = []
    for entry, _ in toc_entries(ROOT):
        path = ROOT / f"{entry}.md"
        head = path.read_text(encoding="utf-8")[:2000] if path.is_file() else ""
        if "kernelspec:" in head:
            pages.append(path)
    return pages


def read_page(path: Path):
    """Read a MyST page as myst-nb does, so that the cache key matches the build's."""
    from myst_nb.core.read import read_myst_markdown_notebook
    from myst_parser.config.main import MdParserConfig

    return read_myst_markdown_notebook(path.read_text(encoding="utf-8"), config=MdParserConfig(),
                                       add_source_map=True, path=str(path))


def execute(path_str: str, timeout: int) -> tuple[str, float, str | None, object]:
    from jupyter_cache.executors.utils import single_nb_execution

    path = Path(path_str)
    notebook = read_page(path)
    result = single_nb_execution(notebook, cwd=str(path.parent), allow_errors=False,
                                 timeout=timeout, meta_override=True)
    error = None if result.err is None else f"{type(result.err).__name__}: {result.err}"
    return path_str, result.time, error, notebook if error is None else None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cache", help="the jupyter-cache folder the build uses")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=int, default=180)
    args = parser.parse_args(argv)

    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache = get_cache(args.cache)
    todo = []
    for path in notebook_pages():
        try:
            cache.match_cache_notebook(read_page(path))
        except KeyError:
            todo.append(path)
    if not todo:
        print("execute_parallel: every notebook page is already in the cache")
        return 0
    started = time.perf_counter()
    print(f"execute_parallel: executing {len(todo)} page(s), {args.jobs} at a time")
    failures = 0
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(execute, str(path), args.timeout) for path in todo]
        for future in as_completed(futures):
            path_str, seconds, error, notebook = future.result()
            name = Path(path_str).relative_to(ROOT)
            if error:
                failures += 1
                print(f"  FAILED {name} ({seconds:.1f} s): the build will run it again and show why")
                continue
            cache.cache_notebook_bundle(
                CacheBundleIn(notebook, path_str, data={"execution_seconds": seconds}),
                check_validity=False, overwrite=True,
            )
            print(f"  {name}: {seconds:.1f} s")
    print(f"execute_parallel: done in {time.perf_counter() - started:.1f} s ({failures} failed)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
