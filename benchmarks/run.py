"""Run the kit's performance benchmarks: ``make bench`` (or ``.venv/bin/python benchmarks/run.py``).

Usage::

    .venv/bin/python benchmarks/run.py                      # 1,000, 10,000 and 100,000 articles
    .venv/bin/python benchmarks/run.py --sizes 1000,10000   # a quicker run
    .venv/bin/python benchmarks/run.py --only stats         # one benchmark module

Benchmarks are not tests: they print figures and never fail the build.

The interface a benchmark module follows
----------------------------------------
Every ``benchmarks/bench_<name>.py`` is discovered and imported. It defines:

* ``NAME: str`` (optional; default ``<name>``): what ``--only`` selects.
* ``def run(corpus: list[str]) -> list[dict]``: do the timed work on
  ``corpus`` (a list of synthetic articles from :func:`corpus.make_corpus`,
  about 500 word tokens each, with quotations and reporting verbs) and return
  rows to print, one dict per row, the same keys in every row. Time inside
  ``run`` (``time.perf_counter``) and keep imports and warm-up out of the
  timings.
* ``def summarize(results: dict[int, list[dict]]) -> list[str]`` (optional):
  given every size's rows (keyed by number of articles), return lines to print
  at the end, e.g. whether goals were met.

Corpora are generated once, for the largest size; smaller sizes are its first
``n`` articles (the generator is deterministic, so they are identical to a
corpus generated at that size).
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import make_corpus  # noqa: E402


def discover(only: set[str] | None = None) -> list:
    modules = []
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        name = getattr(module, "NAME", path.stem.removeprefix("bench_"))
        if not callable(getattr(module, "run", None)):
            print(f"skipping {path.name}: it defines no run(corpus) function", file=sys.stderr)
            continue
        if only is None or name in only:
            module.NAME = name
            modules.append(module)
    return modules


def table(rows: list[dict]) -> str:
    if not rows:
        return "(no rows)"
    keys = list(rows[0])
    cells = [[str(k) for k in keys]] + [[f"{row.get(k, ''):,}" if isinstance(row.get(k), int) else str(row.get(k, "")) for k in keys] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(keys))]
    lines = ["  ".join(c.rjust(w) if j else c.ljust(w) for j, (c, w) in enumerate(zip(r, widths))) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated numbers of articles")
    parser.add_argument("--only", default=None, help="comma-separated benchmark names (e.g. stats)")
    args = parser.parse_args(argv)
    try:
        sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error(f"--sizes must be whole numbers separated by commas; got {args.sizes!r}")
    if not sizes or sizes[0] < 2:
        parser.error("--sizes needs numbers of at least 2")
    only = set(args.only.split(",")) if args.only else None
    modules = discover(only)
    if not modules:
        parser.error(f"no benchmark module matches --only {args.only!r}")
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
          f"benchmarks: {', '.join(m.NAME for m in modules)}; sizes: {', '.join(f'{s:,}' for s in sizes)}")
    start = time.perf_counter()
    corpus = make_corpus(sizes[-1])
    print(f"Generated {sizes[-1]:,} synthetic articles in {time.perf_counter() - start:.1f} s.\n", flush=True)
    results: dict[str, dict[int, list[dict]]] = {m.NAME: {} for m in modules}
    for size in sizes:
        for module in modules:
            rows = module.run(corpus[:size])
            results[module.NAME][size] = rows
            print(f"== {module.NAME}: {size:,} articles ==")
            print(table(rows) + "\n", flush=True)
    for module in modules:
        if callable(getattr(module, "summarize", None)):
            print(f"== {module.NAME}: summary ==")
            print("\n".join(module.summarize(results[module.NAME])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
