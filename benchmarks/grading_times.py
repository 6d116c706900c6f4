"""Measure the machine time `medialit grade` spends per submission, for every assignment.

For each exercise notebook: build its editions into a temporary folder, write a few submissions
(solved and blank), grade them one at a time with the grading engine that `medialit grade` uses
(benchmarks/bench_grading.py grades 100 copies of one assignment; this measures every assignment
with a few), and record the **CPU time** per submission: this process and every kernel and worker
it started and waited for. CPU time, not wall-clock time, because the machine is shared: wall time
grows with other people's load, CPU time much less. Writes data/teaching/grading-times.json
(refresh its manifest's sha256 afterwards with tools/refresh_sha256.py).

    .venv/bin/python benchmarks/grading_times.py            # every assignment, 3 submissions each
    .venv/bin/python benchmarks/grading_times.py --n 5 exercises/counting/tokens.ipynb
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "teaching" / "grading-times.json"


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measure(source: Path, n: int) -> dict:
    from medialit.assign import build_one
    from medialit.grading import grade_folder

    with tempfile.TemporaryDirectory(prefix="medialit-times-") as tmp:
        tmp_path = Path(tmp)
        built = build_one(source, tmp_path / "dist", requirements=[])
        solved = built.instructor.read_text(encoding="utf-8")
        blank = built.student.read_text(encoding="utf-8")
        subs = tmp_path / "submissions"
        subs.mkdir()
        kinds = {}
        for i in range(n):
            name = f"student{i:02d}.ipynb"
            kind = "blank" if i % 3 == 2 else "solved"
            (subs / name).write_text(blank if kind == "blank" else solved, encoding="utf-8")
            kinds[name] = kind
        cpu0, wall0 = _cpu(), time.monotonic()
        _grader, grades = grade_folder(subs, autograder=built.autograder, jobs=1, progress=False)
        cpu, wall = _cpu() - cpu0, time.monotonic() - wall0
    wrong = [g.submission for g in grades if (kinds[g.submission] == "solved" and (g.error or g.total != g.possible))
             or (kinds[g.submission] == "blank" and g.total != 0)]
    return {"assignment": built.name, "submissions": len(grades), "solved": sum(k == "solved" for k in kinds.values()),
            "cpu_seconds_per_submission": round(cpu / len(grades), 1),
            "wall_seconds_per_submission_median": round(statistics.median(g.seconds for g in grades), 1),
            "wall_seconds_total": round(wall, 1), "wrong_results": wrong}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", type=Path, help="assignment source notebooks (default: all)")
    parser.add_argument("--n", type=int, default=3, help="submissions per assignment (default 3: 2 solved, 1 blank)")
    args = parser.parse_args(argv)
    sources = args.sources or sorted((ROOT / "exercises").glob("*/*.ipynb"))
    previous = json.loads(OUT.read_text(encoding="utf-8")) if OUT.is_file() else {"assignments": {}}
    results = dict(previous.get("assignments", {}))
    for source in sources:
        row = measure(source, args.n)
        results[row.pop("assignment")] = row
        print(json.dumps(row), file=sys.stderr)
    report = {
        "what": "CPU seconds per submission graded by medialit grade's engine, one submission at a time",
        "measured": date.today().isoformat(), "python": platform.python_version(), "cpus": os.cpu_count(),
        "load_average_at_end": round(os.getloadavg()[0], 1) if hasattr(os, "getloadavg") else None,
        "assignments": dict(sorted(results.items())),
    }
    OUT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    bad = {name: row["wrong_results"] for name, row in results.items() if row["wrong_results"]}
    print(f"wrote {OUT}" + (f"; WRONG RESULTS: {bad}" if bad else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
