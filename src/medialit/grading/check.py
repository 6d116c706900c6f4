"""The student's self-check, ``medialit check NOTEBOOK``.

It runs the notebook the way the grader does (:func:`~medialit.grading.runner.run_notebook`: from
the top, in a fresh kernel, on a copy) and then the public tests of each auto-graded question on
the exported answers, and says, per question, what to fix, in the same words as ``grader.check``
in the notebook (:mod:`medialit.grading.feedback`). Cell numbers are the ``[n]`` JupyterLab shows
after *Restart Kernel and Run All Cells*, as in the gradebook's ``error`` column.

Passing the public tests means the answer has the expected form, not that it is right.
"""
from __future__ import annotations

import copy
import math
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    #: Fields added or removed so that nbformat could read the notebook (your file is not changed).
    repairs: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return bool(self.results) and all(ok for ok, _ in self.results.values()) and not self.cell_errors

    def text(self) -> str:
        lines = [f"Checked {self.notebook.name}: run from the top in a fresh kernel (your file was not changed).", ""]
        if self.repairs:
            from .repair import describe_repairs

            lines += [f"Note: {describe_repairs(self.repairs)}. The grader repairs it the same way, but to be "
                      "safe open it in JupyterLab and save it again (File > Save Notebook) before handing it in.", ""]
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


_FRESH_COPY = ("ask your instructor for a fresh copy of the notebook handed out (from exercises/dist/student/) "
               "and copy your answers into it")


def _student_metadata(notebook: Any, path: Path) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """The public tests, the key and the hand-graded questions a student edition carries in its metadata.

    Raises:
        GradingError: they are missing or damaged (the message says which, and what to do).
    """
    otter = notebook.metadata.get("otter", {})
    meta = notebook.metadata.get("medialit", {})
    if not isinstance(otter, dict):
        raise GradingError(f"{path}: its otter metadata is damaged (metadata.otter is a "
                           f"{type(otter).__name__}, not an object), so its public tests cannot be read; {_FRESH_COPY}.")
    tests = otter.get("tests")
    if not isinstance(tests, dict) or not tests or not isinstance(meta, dict) or "answers" not in meta:
        raise GradingError(f"{path} carries no public tests in its metadata: is it the student "
                           "notebook handed out (from exercises/dist/student/)?")
    answers, setup, manual = meta.get("answers"), meta.get("setup") or [], meta.get("manual") or {}
    shapes_ok = (isinstance(answers, dict)
                 and all(isinstance(names, list) and all(isinstance(n, str) for n in names) for names in answers.values())
                 and isinstance(setup, list) and all(isinstance(code, str) for code in setup)
                 and isinstance(manual, dict))
    if not shapes_ok:
        raise GradingError(f"{path}: its medialit metadata (answer names, setup) is damaged; {_FRESH_COPY}.")
    from ._otter import import_otter

    OKTestFile = import_otter().test_files.OKTestFile
    for question, spec in tests.items():
        try:
            OKTestFile.from_spec(copy.deepcopy(spec))
        except Exception as exc:  # noqa: BLE001 - otter reads the spec; any failure means it is damaged
            raise GradingError(f"{path}: the public tests of {question} in its otter metadata are damaged "
                               f"({type(exc).__name__}); {_FRESH_COPY}.") from exc
    key = {"setup": list(setup), "questions": {str(q): {"answers": list(names)} for q, names in answers.items()}}
    return ({q: spec for q, spec in tests.items() if q in key["questions"]}, key,
            sorted((str(q) for q in manual), key=natural_key))


def _read_student_notebook(path: Path) -> tuple[Any, list[str]]:
    """Read the notebook to check, repairing missing fields; return it and the repairs.

    Raises:
        GradingError: the file is missing, unreadable, not a notebook, or damaged beyond repair.
    """
    from .runner import load_notebook

    if not path.is_file():
        raise GradingError(f"{str(path)!r} is not a file; expected the assignment notebook (.ipynb) you are working on.")
    try:
        read_submission_name(path)
        return load_notebook(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GradingError(f"{path}: cannot be read ({exc.strerror or exc}); check that the file is yours "
                           "and readable, or save a copy of it and check the copy.") from exc
    except ValueError as exc:
        raise GradingError(f"{path}: {exc}; if JupyterLab still opens it, save it again from there "
                           "(File > Save Notebook) and check again.") from exc


def check_notebook(path: str | os.PathLike, *, timeout: float = DEFAULT_TIMEOUT) -> CheckReport:
    """Run a student notebook from the top in a fresh kernel, then its public tests.

    The notebook is copied into a temporary folder first; the file itself is never changed. A
    notebook lacking fields nbformat requires (``outputs``, ``metadata``, ...) is repaired on the
    copy, and the report says so.

    Raises:
        GradingError: the file is missing, unreadable, not a notebook, not a student edition built
            by ``medialit assign`` (no public tests or answer names in its metadata), its
            metadata is damaged, or ``timeout`` is not a positive number of seconds.
    """
    from .judge import Judge, JudgeError
    from .runner import run_notebook

    if not math.isfinite(timeout) or timeout <= 0:
        raise GradingError(f"timeout must be a positive number of seconds, not {timeout!r}.")
    path = Path(path)
    notebook, repairs = _read_student_notebook(path)
    tests, key, manual = _student_metadata(notebook, path)
    try:
        judge = Judge(tests, key)
    except JudgeError as exc:
        raise GradingError(f"{path}: the notebook's setup does not run ({exc}); ask for a fresh copy.") from exc
    with tempfile.TemporaryDirectory(prefix="medialit-check-") as tmp:
        copy_path = Path(tmp) / expected_filename(path)
        shutil.copyfile(path, copy_path)
        run = run_notebook(copy_path, answers=judge.answers, workdir=tmp, timeout=timeout)
    scores = judge.score(run.snapshots, public_only=True)
    results: dict[str, tuple[bool, str]] = {}
    for name in sorted(scores, key=natural_key):
        result = scores[name]
        messages = result.problems or result.failures[:1]  # the first failing check: fix it, check again
        results[name] = (not messages, "\n".join(messages))
    return CheckReport(notebook=path, results=results, cell_errors=run.cell_errors, problems=run.problems,
                       manual=manual, repairs=repairs)
