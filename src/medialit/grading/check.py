"""The student's self-check, ``medialit check NOTEBOOK``.

It runs the notebook the way the grader does (:func:`~medialit.grading.runner.run_notebook`: from
the top, in a fresh kernel, on a copy) and then the public tests of each auto-graded question on
the exported answers, and says, per question, what to fix, in the same words as ``grader.check``
in the notebook (:mod:`medialit.grading.feedback`). Cell numbers are the ``[n]`` JupyterLab shows
after *Restart Kernel and Run All Cells*, as in the gradebook's ``error`` column.

Passing the public tests means the answer has the expected form, not that it is right.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .autograder import GradingError, expected_filename, natural_key, read_submission_name
from .pool import DEFAULT_TIMEOUT

__all__ = ["CheckReport", "check_notebook"]


@dataclass
class CheckReport:
    """What ``medialit check`` found: per question, whether it is ready, and what to fix."""

    notebook: Path
    results: dict[str, tuple[bool, str]]
    cell_errors: list[str]
    problems: list[str]
    manual: list[str]

    @property
    def passed(self) -> bool:
        return bool(self.results) and all(ok for ok, _ in self.results.values()) and not self.cell_errors

    def text(self) -> str:
        lines = [f"Checked {self.notebook.name}: run from the top in a fresh kernel (your file was not changed).", ""]
        for name, (ok, feedback) in self.results.items():
            if ok:
                lines.append(f"{name}: ok, the answer has the expected form")
            else:
                items = feedback.splitlines()
                lines.append(f"{name}: NOT YET: {items[0]}")
                lines += [f"    {item}" for item in items[1:]]
        if self.cell_errors or self.problems:
            lines += ["", "Problems when the notebook ran from the top (fix the first one first):"]
            lines += [f"    {e}" for e in [*self.problems, *self.cell_errors]]
        ready = sum(ok for ok, _ in self.results.values())
        lines += ["", f"{ready} of {len(self.results)} auto-graded questions have an answer of the expected form. "
                      "That does not mean the answers are right: hidden tests decide that when the notebook is graded."]
        if self.manual:
            lines.append(f"Questions graded by hand ({', '.join(self.manual)}) are not checked here; "
                         "reread them against the question.")
        lines.append(f"To hand in, save the notebook and upload this one file, {self.notebook.name}, where your "
                     "instructor asked.")
        return "\n".join(lines)


def check_notebook(path: str | os.PathLike, *, timeout: float = DEFAULT_TIMEOUT) -> CheckReport:
    """Run a student notebook from the top in a fresh kernel, then its public tests.

    The notebook is copied into a temporary folder first; the file itself is never changed.

    Raises:
        GradingError: the file is missing, not a notebook, or not a student edition built by
            ``medialit assign`` (no public tests or answer names in its metadata).
    """
    from .judge import Judge, JudgeError
    from .runner import read_notebook, run_notebook

    path = Path(path)
    if not path.is_file():
        raise GradingError(f"{str(path)!r} is not a file; expected the assignment notebook (.ipynb) you are working on.")
    try:
        read_submission_name(path)
        notebook = read_notebook(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise GradingError(f"{path}: {exc}") from exc
    tests = notebook.metadata.get("otter", {}).get("tests")
    meta = notebook.metadata.get("medialit", {})
    if not isinstance(tests, dict) or not tests or not isinstance(meta, dict) or "answers" not in meta:
        raise GradingError(f"{path} carries no public tests in its metadata: is it the student "
                           "notebook handed out (from exercises/dist/student/)?")
    key = {"setup": list(meta.get("setup") or []),
           "questions": {q: {"answers": list(names)} for q, names in dict(meta["answers"]).items()}}
    try:
        judge = Judge({q: spec for q, spec in tests.items() if q in key["questions"]}, key)
    except JudgeError as exc:
        raise GradingError(f"{path}: the notebook's setup does not run ({exc}); ask for a fresh copy.") from exc
    with tempfile.TemporaryDirectory(prefix="medialit-check-") as tmp:
        copy = Path(tmp) / expected_filename(path)
        shutil.copyfile(path, copy)
        run = run_notebook(copy, answers=judge.answers, workdir=tmp, timeout=timeout)
    scores = judge.score(run.snapshots, public_only=True)
    results: dict[str, tuple[bool, str]] = {}
    for name in sorted(scores, key=natural_key):
        result = scores[name]
        messages = result.problems or result.failures[:1]  # the first failing check: fix it, check again
        results[name] = (not messages, "\n".join(messages))
    manual = sorted((str(q) for q in meta.get("manual", {})), key=natural_key)
    return CheckReport(notebook=path, results=results, cell_errors=run.cell_errors, problems=run.problems,
                       manual=manual)
