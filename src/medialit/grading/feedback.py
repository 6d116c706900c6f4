"""Feedback a student can act on: what is wrong with an answer, in one sentence, and where.

Shared by the three places a student or grader reads test results, so that they say the same:
``grader.check("q1")`` inside the notebook (:mod:`medialit.grading.student`), ``medialit check``,
and the ``error`` column of ``medialit grade``'s gradebook. A test that fails shows its own message
(``"counts should be positive ints"``), never a doctest traceback; an answer still ``...`` or not
defined says so first.

Cells are numbered as JupyterLab numbers them after *Restart Kernel and Run All Cells*: the
``[n]`` beside the n-th code cell that has any code in it (empty code cells are not run and get no
number), whatever the markdown cells between them.

Example:
    >>> answer_problem("terrorists_per_1000", ...)
    '`terrorists_per_1000` is still `...`: replace the `...` with your answer, then run the cell.'
    >>> failure_message("Failed example:\\n    assert x > 0, 'x should be positive'\\n"
    ...                 "Exception raised:\\n    Traceback (most recent call last):\\n"
    ...                 "    AssertionError: x should be positive")
    'x should be positive'
"""
from __future__ import annotations

import re
from typing import Any

__all__ = ["answer_problem", "cell_label", "cell_numbers", "failure_message"]

_EXC_RE = re.compile(r"^\s*((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*(?:Error|Exception|Exit|Interrupt))(?::\s?(.*))?$")


def answer_problem(name: str, value: Any, *, missing: bool = False, unsupported: str | None = None) -> str | None:
    """The sentence to show when an answer variable is blank, missing or ungradable; else ``None``."""
    if missing:
        return (f"`{name}` is not defined: run the cell that sets it (Run > Run All Cells), "
                "or put the line back if it was deleted.")
    if unsupported is not None:
        return (f"`{name}` is a {unsupported}, which cannot be graded: make it a plain value "
                "(a number, a string, a list, a dict or a pandas table).")
    if value is Ellipsis:
        return f"`{name}` is still `...`: replace the `...` with your answer, then run the cell."
    return None


def failure_message(output: str) -> str:
    """The one line worth reading in a failed doctest's output: the test's own message.

    An ``AssertionError`` with a message gives the message; one without gives the failing line;
    another exception gives its name and message.
    """
    lines = output.splitlines()
    example = ""
    for i, line in enumerate(lines):
        if line.strip() == "Failed example:" and i + 1 < len(lines):
            example = lines[i + 1].strip()
    for line in reversed(lines):
        match = _EXC_RE.match(line)
        if match:
            name, message = match.group(1), (match.group(2) or "").strip()
            if name.endswith("AssertionError"):
                return message or (f"this check failed: `{example}`" if example else "a check failed")
            short = name.rsplit(".", 1)[-1]
            where = f" (in the check `{example}`)" if example else ""
            return f"{short}: {message}{where}" if message else f"{short}{where}"
    if "Expected:" in output and "Got:" in output:
        return f"the check `{example}` printed something other than expected" if example else "a check failed"
    return lines[-1].strip() if lines else "a check failed"


def cell_numbers(cells: list[Any]) -> dict[int, int]:
    """Map a notebook's cell positions to the ``[n]`` JupyterLab shows after Run All.

    >>> cell_numbers([{"cell_type": "markdown", "source": "# A"}, {"cell_type": "code", "source": "x = 1"},
    ...               {"cell_type": "code", "source": "  "}, {"cell_type": "code", "source": "y = 2"}])
    {1: 1, 3: 2}
    """
    numbers: dict[int, int] = {}
    count = 0
    for index, cell in enumerate(cells):
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        if cell.get("cell_type") == "code" and text.strip():
            count += 1
            numbers[index] = count
    return numbers


def cell_label(number: int, source: Any) -> str:
    """``cell [7] (`seed_group_names = {...`)``: the number and the first line of code, to find it by.

    >>> cell_label(7, "# count\\nseed_group_names = {r.label: r.count for r in rows if r.count}")
    'cell [7] (`seed_group_names = {r.label: r.count for r in rows…`)'
    """
    text = "".join(source) if isinstance(source, list) else str(source)
    first = next((ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")),
                 next((ln.strip() for ln in text.splitlines() if ln.strip()), ""))
    if len(first) > 50:
        first = first[:50] + "…"
    return f"cell [{number}] (`{first}`)" if first else f"cell [{number}]"
