"""Score answers in a process that never ran a student's code.

A :class:`Judge` is made from an assignment's tests (otter's OK format, read from the autograder
zip as data, never executed as a file) and its key (:mod:`medialit.grading.key`). It runs the
notebook's setup code itself, once, in its own clean namespace, and imports what the tests import,
all before any student's kernel starts. For each submission it gets the answers as rebuilt plain
data (:mod:`medialit.grading.answers`) and runs otter's own test runner on them, so the points are
resolved exactly as otter resolves them; but the expected values are computed here, with the real
``medialit``, ``pandas`` and builtins, where nothing a student wrote has run.

Example:
    >>> spec = {"name": "q1", "points": 1, "suites": [{"type": "doctest", "scored": True, "setup": "",
    ...         "teardown": "", "cases": [{"code": ">>> assert n == len(TEXT.split())", "hidden": True}]}]}
    >>> judge = Judge({"q1": spec}, {"setup": ["TEXT = 'a b c'"], "questions": {"q1": {"answers": ["n"]}}})
    >>> judge.score({"q1": {"n": 3}})["q1"].score, judge.score({"q1": {"n": 4}})["q1"].score
    (1.0, 0.0)
"""
from __future__ import annotations

import ast
import contextlib
import copy
import importlib
import io
from dataclasses import dataclass, field
from typing import Any

from .answers import BLANK, MISSING, Unsupported
from .feedback import answer_problem, failure_message

__all__ = ["Judge", "JudgeError", "QuestionResult", "read_test_spec"]


class JudgeError(RuntimeError):
    """The assignment's own setup or tests cannot run here (an instructor's problem, not a student's)."""


@dataclass
class QuestionResult:
    """One question's score and the feedback of its public tests."""

    name: str
    score: float
    possible: float
    problems: list[str] = field(default_factory=list)   # blank, missing or ungradable answers
    failures: list[str] = field(default_factory=list)   # messages of failing public tests
    public: int = 0                                     # public test cases run

    @property
    def passed_public(self) -> bool:
        return not self.problems and not self.failures


def read_test_spec(text: str) -> dict[str, Any]:
    """The ``test = {...}`` dict of an otter OK-format test file, read as a literal (never run).

    Raises:
        JudgeError: the file is not an OK-format test file.
    """
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        raise JudgeError(f"a test file is not Python ({exc.msg})") from exc
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "test" for t in node.targets):
            try:
                spec = ast.literal_eval(node.value)
            except ValueError as exc:
                raise JudgeError("a test file's `test` is not a plain literal (not otter's OK format)") from exc
            if not isinstance(spec, dict) or "name" not in spec or "suites" not in spec:
                raise JudgeError("a test file's `test` lacks a name or suites")
            return spec
    raise JudgeError("a test file without `test = {...}` (not otter's OK format)")


def _strip_magics(code: str) -> str:
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in code.splitlines())


class Judge:
    """Scores one assignment's questions from plain answers; see the module docstring."""

    def __init__(self, tests: dict[str, dict[str, Any]], key: dict[str, Any]):
        from ._otter import import_otter

        import_otter()  # now, before any kernel runs

        self.tests = {name: copy.deepcopy(spec) for name, spec in tests.items()}
        self.answers = {q: list(v.get("answers", [])) for q, v in (key.get("questions") or {}).items()}
        import matplotlib

        # No window and no inline display in the grader; set on matplotlib itself, not in
        # os.environ, where it would leak into every kernel this process starts later.
        matplotlib.use("Agg")
        namespace: dict[str, Any] = {"__name__": "__main__"}
        sink = io.StringIO()
        for number, code in enumerate(key.get("setup") or [], start=1):
            try:
                with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                    exec(compile(_strip_magics(code), f"<setup cell {number}>", "exec"), namespace)  # noqa: S102
            except Exception as exc:  # noqa: BLE001
                raise JudgeError(f"the assignment's setup cell {number} fails in the grader: "
                                 f"{type(exc).__name__}: {exc}") from exc
        self.namespace = namespace
        for spec in self.tests.values():
            self._preimport(spec)

    @staticmethod
    def _preimport(spec: dict[str, Any]) -> None:
        for suite in spec.get("suites", []):
            for case in suite.get("cases", []):
                code = "\n".join(line.strip()[4:] for line in str(case.get("code", "")).splitlines()
                                 if line.strip().startswith((">>> ", "... ")))
                try:
                    tree = ast.parse(code)
                except SyntaxError:
                    continue
                for node in ast.walk(tree):
                    modules = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                               [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level
                               else [])
                    for module in modules:
                        with contextlib.suppress(Exception):
                            importlib.import_module(module)

    def questions(self) -> list[str]:
        from .autograder import natural_key

        return sorted(self.tests, key=natural_key)

    def score(self, snapshots: dict[str, dict[str, Any]], *, public_only: bool = False) -> dict[str, QuestionResult]:
        """Score every question from its answers (``{question: {name: rebuilt value}}``).

        A question absent from ``snapshots`` is scored with all its answers missing. With
        ``public_only``, hidden test cases are left out (the student's self-check).
        """
        from ._otter import import_otter

        OKTestFile = import_otter().test_files.OKTestFile
        results: dict[str, QuestionResult] = {}
        for question in self.questions():
            spec = copy.deepcopy(self.tests[question])
            if public_only:
                for suite in spec.get("suites", []):
                    suite["cases"] = [c for c in suite.get("cases", []) if not c.get("hidden", True)]
            given = snapshots.get(question, {})
            env = dict(self.namespace)
            problems = []
            for name in self.answers.get(question, sorted(given)):
                value = given.get(name, MISSING)
                if value is MISSING:
                    problems.append(answer_problem(name, None, missing=True))
                elif isinstance(value, Unsupported):
                    problems.append(answer_problem(name, None, unsupported=value.type_name))
                elif value is BLANK:
                    env[name] = Ellipsis
                    problems.append(answer_problem(name, Ellipsis))
                else:
                    env[name] = value
            test_file = OKTestFile.from_spec(spec)
            if not test_file.test_cases:
                results[question] = QuestionResult(question, 0.0, 0.0, [p for p in problems if p])
                continue
            sink = io.StringIO()
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                test_file.run(env)
            failures = [failure_message(r.message or "") for r in test_file.test_case_results
                        if not r.passed and not r.test_case.hidden]
            results[question] = QuestionResult(
                name=question, score=float(test_file.score), possible=float(test_file.possible),
                problems=[p for p in problems if p], failures=list(dict.fromkeys(failures)),
                public=sum(not c.hidden for c in test_file.test_cases))
        return results
