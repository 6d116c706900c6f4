"""Repair a submitted notebook that nbformat refuses over a missing field, and say what was repaired.

Notebooks edited outside JupyterLab (by a script, a text editor, another notebook tool, a
learning platform's converter) often lack fields nbformat requires though nothing of the work is
lost: a code cell without ``outputs`` or ``execution_count``, a cell without ``metadata``, a
notebook without top-level ``metadata``. nbformat then refuses the whole file, and a student with
right answers would score nothing. :func:`repair_notebook` adds what is missing and removes what
cannot belong, in a copy, and lists each kind of repair, so the gradebook can say the notebook
was repaired and how:

- the notebook: ``metadata`` missing or not an object (set to ``{}``), ``nbformat`` missing (4),
  ``nbformat_minor`` missing (5), metadata fields nbformat's schema rejects (a ``kernelspec``
  without a name, say: removed);
- each cell: ``metadata`` missing (``{}``), ``source`` missing (empty), ``outputs`` and
  ``execution_count`` of a code cell missing or malformed (none: the grader runs the cell
  anyway), fields a cell of its type cannot have (removed), an ``id`` repeated or malformed (a
  new one), metadata fields the schema rejects (removed). A missing ``id``, usual in notebooks
  from older tools, is added without a note, as nbformat itself does.

What cannot be repaired without guessing at the student's work stays an error
(:class:`NotebookDamaged`): no list of cells, a cell that is not an object, an unknown
``cell_type``, a ``source`` that is not text, another nbformat major version.

Example:
    >>> nb, repairs = repair_notebook({"cells": [{"cell_type": "code", "source": "x = 1"}],
    ...                                "nbformat": 4, "nbformat_minor": 5})
    >>> repairs
    ["the notebook had no 'metadata'", "1 cell(s) had no 'metadata'", "1 code cell(s) had no 'outputs'", \
"1 code cell(s) had no 'execution_count'"]
    >>> nb["cells"][0]["outputs"], nb["cells"][0]["execution_count"]
    ([], None)
"""
from __future__ import annotations

import copy
import re
import secrets
from collections import Counter
from typing import Any

__all__ = ["NotebookDamaged", "describe_repairs", "repair_notebook"]

#: The fields each kind of cell may have in nbformat 4.
_CELL_FIELDS = {
    "code": {"id", "cell_type", "metadata", "source", "outputs", "execution_count"},
    "markdown": {"id", "cell_type", "metadata", "source", "attachments"},
    "raw": {"id", "cell_type", "metadata", "source", "attachments"},
}
_ID_RE = re.compile(r"^[a-zA-Z0-9-_]{1,64}$")
#: Rounds of "validate, strip what the schema rejects" before a notebook is given up on.
_ROUNDS = 3


class NotebookDamaged(ValueError):
    """The notebook is damaged beyond what can be repaired without guessing (the message says where)."""


def _repair_cell(index: int, cell: Any, found: Counter) -> None:
    """Repair one cell in place, counting each kind of repair in ``found``."""
    if not isinstance(cell, dict):
        raise NotebookDamaged(f"cell {index + 1} is not a JSON object")
    kind = cell.get("cell_type")
    if kind not in _CELL_FIELDS:
        raise NotebookDamaged(f"cell {index + 1} has cell_type {kind!r}; expected 'code', 'markdown' or 'raw'")
    if not isinstance(cell.get("metadata"), dict):
        found["cell(s) had no 'metadata'" if "metadata" not in cell else "cell(s) had malformed 'metadata'"] += 1
        cell["metadata"] = {}
    source = cell.get("source")
    if source is None:
        found["cell(s) had no 'source'"] += 1
        cell["source"] = ""
    elif not (isinstance(source, str) or (isinstance(source, list) and all(isinstance(s, str) for s in source))):
        raise NotebookDamaged(f"cell {index + 1}: its source is {type(source).__name__}, not text")
    if kind == "code":
        if not isinstance(cell.get("outputs"), list):
            found["code cell(s) had no 'outputs'" if "outputs" not in cell
                  else "code cell(s) had malformed 'outputs'"] += 1
            cell["outputs"] = []
        count = cell.get("execution_count")
        if "execution_count" not in cell or count is not None and (
                not isinstance(count, int) or isinstance(count, bool) or count < 0):
            found["code cell(s) had no 'execution_count'" if "execution_count" not in cell
                  else "code cell(s) had a malformed 'execution_count'"] += 1
            cell["execution_count"] = None
    for name in sorted(set(cell) - _CELL_FIELDS[kind]):
        found[f"{kind} cell(s) had a field {name!r} such a cell cannot have (removed)"] += 1
        del cell[name]


def _repair_ids(cells: list[dict[str, Any]], found: Counter) -> None:
    seen: set[str] = set()
    for cell in cells:
        cell_id = cell.get("id")
        if "id" not in cell:
            pass  # usual in notebooks from older tools (nbformat 4.4): given one silently, as nbformat does
        elif not isinstance(cell_id, str) or not _ID_RE.match(cell_id):
            found["cell(s) had a malformed 'id'"] += 1
        elif cell_id in seen:
            found["cell(s) had an 'id' used before"] += 1
        else:
            seen.add(cell_id)
            continue
        cell["id"] = secrets.token_hex(4)
        while cell["id"] in seen:
            cell["id"] = secrets.token_hex(4)
        seen.add(cell["id"])


def _schema_errors(notebook: dict[str, Any]) -> list[Any]:
    from nbformat.validator import get_validator

    validator = get_validator(version=4, version_minor=notebook["nbformat_minor"], name="jsonschema")
    return list(validator.iter_errors(notebook))


def _strip_schema_rejects(notebook: dict[str, Any], found: Counter) -> None:
    """Remove metadata fields and outputs nbformat's schema rejects; raise when something else is wrong."""
    for _round in range(_ROUNDS):
        errors = _schema_errors(notebook)
        if not errors:
            return
        changed = False
        for error in errors:
            path = list(error.absolute_path)
            if len(path) >= 2 and path[0] == "metadata" and path[1] in notebook["metadata"]:
                del notebook["metadata"][path[1]]
                found[f"the notebook's metadata field {path[1]!r} was malformed (removed)"] += 1
                changed = True
            elif len(path) >= 2 and path[0] == "cells" and isinstance(path[1], int):
                cell = notebook["cells"][path[1]]
                # A cell is checked against every cell type at once: find the fields at fault.
                for sub in [e for e in (error.context or []) if list(e.absolute_path)[2:3]]:
                    field = list(sub.absolute_path)[2]
                    if field == "metadata" and len(sub.absolute_path) > 3 and \
                            sub.absolute_path[3] in cell.get("metadata", {}):
                        del cell["metadata"][sub.absolute_path[3]]
                        found["cell(s) had a malformed metadata field (removed)"] += 1
                        changed = True
                    elif field in ("outputs", "attachments") and cell.get(field):
                        cell[field] = [] if field == "outputs" else {}
                        found[f"cell(s) had malformed {field!r} (removed)"] += 1
                        changed = True
        if not changed:
            break
    errors = _schema_errors(notebook)
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "the notebook"
        raise NotebookDamaged(f"{where}: {errors[0].message[:200]}")


def repair_notebook(data: Any) -> tuple[dict[str, Any], list[str]]:
    """Repair a notebook's JSON (a copy) so that nbformat can read it; list what was repaired.

    Args:
        data: the notebook file's parsed JSON.

    Returns:
        ``(notebook, repairs)``: the repaired copy and one phrase per kind of repair (empty when
        the notebook needed none), e.g. ``"3 code cell(s) had no 'outputs'"``.

    Raises:
        NotebookDamaged: the notebook cannot be repaired without guessing at its content.
    """
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise NotebookDamaged("the JSON has no list of cells")
    notebook = copy.deepcopy(data)
    top: list[str] = []
    if "nbformat" not in notebook:
        top.append("the notebook had no 'nbformat' version (4 assumed)")
        notebook["nbformat"] = 4
    if notebook["nbformat"] != 4:
        raise NotebookDamaged(f"nbformat {notebook['nbformat']!r}, expected 4")
    minor = notebook.get("nbformat_minor")
    if not isinstance(minor, int) or isinstance(minor, bool) or minor < 0:
        top.append("the notebook had no 'nbformat_minor'" if minor is None else
                   "the notebook had a malformed 'nbformat_minor'")
        notebook["nbformat_minor"] = 5
    notebook["nbformat_minor"] = max(notebook["nbformat_minor"], 5)  # ids are required from 4.5 on
    if not isinstance(notebook.get("metadata"), dict):
        top.append("the notebook had no 'metadata'" if "metadata" not in notebook
                   else "the notebook's 'metadata' was malformed")
        notebook["metadata"] = {}
    for name in sorted(set(notebook) - {"cells", "metadata", "nbformat", "nbformat_minor"}):
        top.append(f"the notebook had an unknown field {name!r} (removed)")
        del notebook[name]
    found: Counter = Counter()
    for index, cell in enumerate(notebook["cells"]):
        _repair_cell(index, cell, found)
    _repair_ids(notebook["cells"], found)
    _strip_schema_rejects(notebook, found)
    return notebook, top + [f"{count} {what}" if what.startswith(("cell", "code", "markdown", "raw"))
                            else what for what, count in found.items()]


def describe_repairs(repairs: list[str], *, limit: int = 4) -> str:
    """A phrase for a gradebook row or a student: what was repaired before the notebook ran.

    >>> describe_repairs(["2 code cell(s) had no 'outputs'"])
    "the notebook was repaired before it ran (2 code cell(s) had no 'outputs')"
    """
    shown = repairs[:limit] + ([f"{len(repairs) - limit} more"] if len(repairs) > limit else [])
    return f"the notebook was repaired before it ran ({'; '.join(shown)})"
