"""``grader.check("q1")`` in a student's notebook, with feedback an undergraduate can act on.

The student edition's first cell is ``grader = Notebook("labels.ipynb")`` with this module's
:class:`Notebook`, which stands in for otter's. Its :meth:`Notebook.check` runs otter's public
tests as otter does, then shows one sentence instead of a doctest traceback: that an answer is
still ``...``, is not defined yet, or the message of the first format check that fails.

Under otter's own grading (Gradescope, ``otter run``) every call goes to otter's ``Notebook``
unchanged, so otter grades exactly as it would. Under ``medialit grade`` and ``medialit check``
(the kernel then carries ``MEDIALIT_GRADING_JOB``) a check does nothing: those graders read the
answers themselves, and skipping otter's import saves seconds per notebook. otter itself is
imported only when a check runs.

Example:
    >>> print(CheckResult("q2", problems=["`x` is still `...`: replace it."], failures=[]).text())
    q2: not answered yet. `x` is still `...`: replace it.
    >>> print(CheckResult("q2", problems=[], failures=["x should be a dict", "x should have 3 entries"]).text())
    q2: not yet: x should be a dict.
"""
from __future__ import annotations

import json
import os
import sys
from typing import Any

from .feedback import answer_problem, failure_message

__all__ = ["CheckResult", "Notebook"]

_GRADING_VARIABLE = "MEDIALIT_GRADING_JOB"


class CheckResult:
    """What a check found, shown as a sentence in the notebook."""

    def __init__(self, question: str, *, problems: list[str], failures: list[str], result: Any = None):
        self.question = question
        self.problems = problems
        self.failures = failures
        self.result = result

    @property
    def passed(self) -> bool:
        return not self.problems and not self.failures

    def text(self) -> str:
        if self.problems:
            return f"{self.question}: not answered yet. " + " ".join(self.problems)
        if self.failures:  # the first failing check only: fix it, then check again
            first = self.failures[0]
            return f"{self.question}: not yet: {first}{'' if first.endswith(('.', '?', '!', '`', ')')) else '.'}"
        return (f"{self.question}: the answer has the expected form. Whether it is right is decided by "
                "hidden tests when the notebook is graded.")

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        import html

        colour = "#1b7837" if self.passed else "#b35806"
        return f'<p style="color: {colour}; font-weight: bold">{html.escape(self.text())}</p>'

    def __getattr__(self, name: str) -> Any:  # grade, score, ...: otter's result
        if name == "result" or self.result is None:
            raise AttributeError(name)
        return getattr(self.result, name)


class Notebook:
    """Stands in for otter's ``Notebook`` with readable feedback (see the module docstring)."""

    def __init__(self, nb_path: str | None = None, **kwargs: Any):
        self._nb_path = nb_path
        self._kwargs = kwargs
        self._otter: Any = None
        self._answers: dict[str, list[str]] = {}
        try:
            with open(nb_path or "", encoding="utf-8") as handle:
                meta = json.load(handle).get("metadata", {}).get("medialit", {})
            self._answers = {str(q): [str(n) for n in names] for q, names in dict(meta.get("answers", {})).items()}
        except (OSError, ValueError, AttributeError, TypeError):
            pass

    def _otter_notebook(self) -> Any:
        if self._otter is None:
            from ._otter import import_otter

            self._otter = import_otter().Notebook(self._nb_path, **self._kwargs)
        return self._otter

    def __getattr__(self, name: str) -> Any:  # check_all, export, ...: otter's
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._otter_notebook(), name)

    def check(self, question: str, global_env: dict[str, Any] | None = None) -> Any:
        """Run the question's public tests; return a result that reads as a sentence."""
        if global_env is None:
            global_env = sys._getframe(1).f_globals
        if os.environ.get(_GRADING_VARIABLE):
            return CheckResult(question, problems=[], failures=[])
        otter_module = sys.modules.get("otter")
        if otter_module is not None and getattr(otter_module.Notebook, "_grading_mode", False):
            return self._otter_notebook().check(question, global_env)  # under otter's grader: otter's check
        problems = []
        for name in self._answers.get(question, []):
            problem = (answer_problem(name, None, missing=True) if name not in global_env
                       else answer_problem(name, global_env[name]))
            if problem:
                problems.append(problem)
        if problems:
            return CheckResult(question, problems=problems, failures=[])
        result = self._otter_notebook().check(question, global_env)
        failures = [failure_message(r.message or "") for r in getattr(result, "test_case_results", [])
                    if not r.passed]
        return CheckResult(question, problems=[], failures=list(dict.fromkeys(failures)), result=result)
