"""The gradebook CSV, and hand-graded points merged into it.

:func:`write_gradebook` writes one row per submission: its file name, the assignment, one column
per auto-graded question, then (when given) one per question graded by hand, the total, the
points possible and an ``error`` column saying what went wrong.

:func:`read_manual` reads the points a grader gave by hand, from a CSV with a ``submission``
column (the notebook's file name, as in the gradebook) and one column per hand-graded question::

    submission,q5,q6
    alice.ipynb,3,2.5
    bob.ipynb,1,

An empty cell means "not graded yet". Everything is checked before anything is written: an
unknown submission or question, a duplicate row or column, a value that is not a number, below
zero or above the question's points; each problem is reported with the file, line and value, and
the gradebook is not written at all.

Every text cell the gradebook holds is neutralised against spreadsheet formula injection as
OWASP recommends (:func:`csv_safe`): a file named ``=HYPERLINK(...).ipynb`` is written
``'=HYPERLINK(...).ipynb``, which a spreadsheet shows as text instead of running it.
:func:`read_manual` accepts a submission copied from the gradebook with that quote.

Example:
    >>> fmt_points(2.0), fmt_points(1.25), fmt_points(None)
    ('2', '1.25', '')
"""
from __future__ import annotations

import csv
import math
import os
from pathlib import Path

from .autograder import GradingError, natural_key
from .pool import Grade

__all__ = ["ManualError", "csv_safe", "fmt_points", "read_manual", "write_gradebook"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ManualError(GradingError):
    """The hand-graded points cannot be merged (the message lists every problem, with file and line)."""


def csv_safe(text: str) -> str:
    """A text cell neutralised for spreadsheets: a leading ``'`` when it starts like a formula.

    >>> csv_safe("=HYPERLINK(1).ipynb"), csv_safe("-1+1"), csv_safe("alice.ipynb")
    ("'=HYPERLINK(1).ipynb", "'-1+1", 'alice.ipynb')
    """
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def fmt_points(value: float | None) -> str:
    """Points as the gradebook writes them: no trailing ``.0``, empty when unknown."""
    return "" if value is None else f"{value:g}"


def read_manual(path: str | os.PathLike, *, maxima: dict[str, float],
                submissions: list[str]) -> dict[str, dict[str, float]]:
    """Read and check hand-graded points; return ``{submission: {question: points}}``.

    Args:
        path: the CSV (UTF-8, a spreadsheet's byte-order mark is fine).
        maxima: the hand-graded questions and their points (from the autograder's key).
        submissions: the file names of the graded submissions.

    Raises:
        ManualError: anything is wrong; the message names the file, line and value of every problem.
    """
    path = Path(path)
    if not path.is_file():
        raise ManualError(f"The hand-graded points file {str(path)!r} does not exist; expected a CSV with a "
                          f"'submission' column and one column per question graded by hand "
                          f"({', '.join(sorted(maxima, key=natural_key)) or 'none in this assignment'}).")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ManualError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it as CSV UTF-8.") from exc
    rows = list(csv.reader(text.splitlines()))
    problems: list[str] = []
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ManualError(f"{path}: the file is empty; expected a header line 'submission,"
                          f"{','.join(sorted(maxima, key=natural_key))}'.")
    header = [cell.strip() for cell in rows[0]]
    if "submission" not in header:
        raise ManualError(f"{path}, line 1: no 'submission' column (found {', '.join(map(repr, header))}); "
                          "the first column names each notebook as in the gradebook.")
    seen_columns: dict[str, int] = {}
    for position, name in enumerate(header):
        if name in seen_columns:
            problems.append(f"{path}, line 1: column {name!r} appears twice")
        seen_columns.setdefault(name, position)
        if name == "submission" or not name:
            continue
        if name not in maxima:
            known = ", ".join(sorted(maxima, key=natural_key)) or "none"
            problems.append(f"{path}, line 1: column {name!r} is not a question graded by hand in this "
                            f"assignment (those are: {known})")
    known_subs = set(submissions)
    out: dict[str, dict[str, float]] = {}
    first_line: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: (row[i].strip() if i < len(row) else "") for name, i in seen_columns.items()}
        if len(row) > len(header):
            problems.append(f"{path}, line {line}: {len(row)} values but {len(header)} columns")
        who = cells.get("submission", "")
        if who.startswith("'") and who not in known_subs and csv_safe(who[1:]) == who:
            who = who[1:]  # copied from the gradebook, where it is neutralised as a formula
        if not who:
            problems.append(f"{path}, line {line}: the submission is empty")
            continue
        if who not in known_subs:
            problems.append(f"{path}, line {line}: submission {who!r} is not among the graded notebooks "
                            f"(the gradebook's 'submission' column)")
            continue
        if who in first_line:
            problems.append(f"{path}, line {line}: submission {who!r} again (first on line {first_line[who]})")
            continue
        first_line[who] = line
        points: dict[str, float] = {}
        for question, raw in cells.items():
            if question == "submission" or question not in maxima or raw == "":
                continue
            try:
                value = float(raw)
            except ValueError:
                hint = " (use a point for decimals: 2.5)" if "," in raw else ""
                problems.append(f"{path}, line {line}, {question}: {raw!r} is not a number{hint}")
                continue
            if not math.isfinite(value):
                problems.append(f"{path}, line {line}, {question}: {raw!r} is not a number")
            elif value < 0:
                problems.append(f"{path}, line {line}, {question}: {raw} is below zero")
            elif value > maxima[question]:
                problems.append(f"{path}, line {line}, {question}: {raw} is more than the question's "
                                f"{fmt_points(maxima[question])} points")
            else:
                points[question] = value
        out[who] = points
    if problems:
        shown = problems[:20] + ([f"... and {len(problems) - 20} more"] if len(problems) > 20 else [])
        raise ManualError(f"{len(problems)} problem(s) in the hand-graded points; nothing was written:\n  "
                          + "\n  ".join(shown))
    return out


def write_gradebook(grades: list[Grade], out: str | os.PathLike, *, questions: tuple[str, ...] | list[str],
                    manual: dict[str, dict[str, float]] | None = None,
                    manual_maxima: dict[str, float] | None = None) -> Path:
    """Write the gradebook CSV: submission, assignment, a column per question, total, possible, error.

    Args:
        grades: the rows, from :func:`~medialit.grading.grade_folder`.
        out: the CSV to write (its folder is created).
        questions: the auto-graded questions, in column order.
        manual: hand-graded points per submission (:func:`read_manual`); their questions get
            columns after the auto-graded ones, and count in ``total`` and ``possible``.
        manual_maxima: the hand-graded questions and their points (needed with ``manual``).

    A question's cell is empty when the submission could not be graded at all (see ``error``), or
    when a hand-graded question has no points yet (the ``error`` column then says so). Text cells
    are neutralised against formula injection (:func:`csv_safe`). The file is written beside
    ``out`` first and then renamed, so an earlier gradebook is replaced whole or not at all.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    extra = sorted({q for g in grades for q in g.scores} - set(questions), key=natural_key)
    manual_questions = sorted(manual_maxima or {}, key=natural_key) if manual is not None else []
    columns = ["submission", "assignment", *questions, *extra, *manual_questions, "total", "possible", "error"]
    manual_possible = sum((manual_maxima or {})[q] for q in manual_questions)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        _write_rows(partial, grades, columns=columns, questions=[*questions, *extra],
                    manual=manual, manual_questions=manual_questions, manual_possible=manual_possible)
        os.replace(partial, out)  # a reader never sees half a gradebook
    finally:
        partial.unlink(missing_ok=True)
    return out


def _write_rows(path: Path, grades: list[Grade], *, columns: list[str], questions: list[str],
                manual: dict[str, dict[str, float]] | None, manual_questions: list[str],
                manual_possible: float) -> None:
    """Write the gradebook's header and rows to ``path`` (see :func:`write_gradebook`)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([csv_safe(c) for c in columns])
        for g in grades:
            total, possible, error = g.total, g.possible, g.error
            given = (manual or {}).get(g.submission, {})
            if manual is not None:
                missing = [q for q in manual_questions if q not in given]
                if total is not None:
                    total += sum(given.values())
                    possible = (possible or 0.0) + manual_possible
                if missing and total is not None:
                    note = f"not yet graded by hand: {', '.join(missing)}"
                    error = f"{error}; {note}" if error else note
            writer.writerow([csv_safe(g.submission), csv_safe(g.assignment or ""),
                             *(fmt_points(g.scores.get(q)) for q in questions),
                             *(fmt_points(given.get(q)) for q in manual_questions),
                             fmt_points(total), fmt_points(possible), csv_safe(error)])
