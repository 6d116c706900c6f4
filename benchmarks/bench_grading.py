"""Benchmark: grade 100 submissions with `medialit grade`'s engine; goal <= 5 minutes on 2 cores.

Builds one assignment's editions into a temporary folder, writes 100 submissions from them
(60 solved, 30 blank, 10 with a failing cell), grades the folder with 2 workers, checks the
scores, and prints (and saves to benchmarks/results/grading.json) the time taken.

    .venv/bin/python benchmarks/bench_grading.py                       # the toy assignment
    .venv/bin/python benchmarks/bench_grading.py exercises/counting/frequencies.ipynb
    .venv/bin/python benchmarks/bench_grading.py --n 20 --jobs 2
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOY = ROOT / "tests" / "fixtures" / "grading" / "toy.ipynb"
GOAL_SECONDS = 300.0


def main(argv: list[str] | None = None) -> int:
    from medialit.assign import build_one
    from medialit.grading import grade_folder

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=TOY, help="assignment source notebook")
    parser.add_argument("--n", type=int, default=100, help="submissions to grade (default 100)")
    parser.add_argument("--jobs", type=int, default=2, help="workers (default 2)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="medialit-bench-") as tmp:
        tmp_path = Path(tmp)
        t0 = time.monotonic()
        built = build_one(args.source, tmp_path / "dist", requirements=[])
        build_seconds = time.monotonic() - t0
        solved = json.loads(built.instructor.read_text(encoding="utf-8"))
        blank = built.student.read_text(encoding="utf-8")
        failing = json.loads(json.dumps(solved))
        failing["cells"].insert(2, {"cell_type": "code", "execution_count": None, "metadata": {},
                                    "outputs": [], "source": "raise ValueError('a student mistake')"})
        subs = tmp_path / "submissions"
        subs.mkdir()
        kinds = {}
        for i in range(args.n):
            name = f"student{i:03d}.ipynb"
            if i % 10 == 9:
                (subs / name).write_text(json.dumps(failing), encoding="utf-8")
                kinds[name] = "failing"
            elif i % 10 in (0, 3, 6):
                (subs / name).write_text(blank, encoding="utf-8")
                kinds[name] = "blank"
            else:
                (subs / name).write_text(json.dumps(solved), encoding="utf-8")
                kinds[name] = "solved"
        t0 = time.monotonic()
        cpu0 = os.times()
        _grader, grades = grade_folder(subs, autograder=built.autograder, jobs=args.jobs, progress=True)
        seconds = time.monotonic() - t0
        cpu1 = os.times()
        # CPU time of the run (workers and kernels are children): on idle cores, wall time is
        # about this divided by the number of workers.
        cpu_seconds = sum(cpu1[i] - cpu0[i] for i in range(4))

    wrong = [g.submission for g in grades
             if (kinds[g.submission] == "solved" and (g.error or g.total != g.possible))
             or (kinds[g.submission] == "blank" and g.total != 0)
             or (kinds[g.submission] == "failing" and "raised an error" not in g.error)]
    per = sorted(g.seconds for g in grades)
    report = {
        "assignment": built.name,
        "submissions": len(grades),
        "jobs": args.jobs,
        "cpus": os.cpu_count(),
        "seconds": round(seconds, 1),
        "seconds_per_notebook_median": round(per[len(per) // 2], 2) if per else None,
        "cpu_seconds": round(cpu_seconds, 1),
        "wall_seconds_on_idle_cores_estimate": round(cpu_seconds / args.jobs, 1),
        "build_seconds": round(build_seconds, 1),
        "load_average_at_end": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "goal_seconds": GOAL_SECONDS,
        "within_goal": seconds <= GOAL_SECONDS,
        "wrong_results": wrong,
        "python": platform.python_version(),
    }
    out = ROOT / "benchmarks" / "results" / "grading.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    print(f"Graded {len(grades)} submissions in {seconds:.0f} s with {args.jobs} workers "
          f"(goal <= {GOAL_SECONDS:.0f} s): {'OK' if report['within_goal'] else 'TOO SLOW'}"
          f"{'' if not wrong else f'; {len(wrong)} WRONG RESULTS'}")
    return 0 if report["within_goal"] and not wrong else 1


if __name__ == "__main__":
    sys.exit(main())
