"""The alternative case for students who opt out: which assignment replaces which, with which texts.

Every assignment under ``exercises/`` has an alternative-case edition, a notebook of its own beside
it (``exercises/<part>/<chapter>_alt.ipynb``, assignment name ``<part>-<chapter>-alt``) with the
same aims and kinds of questions on the texts of the Crocus City Hall case, and hidden tests of its
own. ``data/teaching/alternative-case.yml`` (with a manifest, like every data file) says which
alternative replaces which assignment, which texts it uses and what it asks instead; it also lists
everything else an alternative edition may use (supporting texts, the part of a corpus, data files).

* :func:`load_alternative_case` reads and validates the file;
* :func:`alternative_table` and :func:`alternative_markdown` give the mapping as a table, for the
  instructor pages (the student edition of each notebook is named, never its source);
* :func:`notebook_materials` lists the texts, data files and corpora a notebook's code uses, and
  :func:`alternative_problems` checks every alternative notebook against the file: it exists, it is
  the only alternative of its assignment, it uses exactly the texts listed, nothing from the central
  case, and no text that quotes the group (:func:`medialit.curriculum.needs_content_note`).

Example:
    >>> table = alternative_table()
    >>> table.loc[table["assignment"] == "counting-tokens", "alternative"].item()
    'counting-tokens-alt'
"""
from __future__ import annotations

import ast
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .corpus import list_articles, load_article, verify_file
from .curriculum import STUDENT_EDITION, book_root, needs_content_note
from .errors import DataFileError
from .resources import data_path

__all__ = [
    "Alternative",
    "AlternativeCaseError",
    "alternative_markdown",
    "alternative_problems",
    "alternative_table",
    "load_alternative_case",
    "notebook_materials",
]

_FILE = ("teaching", "alternative-case.yml")
_FIELDS = ("assignment", "alternative", "chapter", "texts", "seed", "instead")


class AlternativeCaseError(DataFileError):
    """``data/teaching/alternative-case.yml`` does not have the shape the kit expects."""


@dataclass(frozen=True)
class Alternative:
    """One assignment and its alternative-case edition."""

    assignment: str
    alternative: str
    chapter: str
    texts: tuple[str, ...]
    seed: str
    instead: str
    counterpart: str = "same"


@functools.cache
def load_alternative_case() -> dict[str, Any]:
    """Read ``data/teaching/alternative-case.yml`` after checking it against its manifest.

    Returns:
        ``{"case": str, "texts": [...], "supporting": {...}, "assignments": [Alternative, ...]}``.

    Raises:
        ChecksumError: the file differs from its manifest.
        AlternativeCaseError: a field is missing or of the wrong kind, a name repeats, or a text is
            not one of the kit's (the message names the entry and the field).

    >>> case = load_alternative_case()
    >>> case["texts"][0], len(case["assignments"]) >= 16
    ('voa-crocus-fact-check', True)
    """
    path = data_path(*_FILE)
    verify_file(path)
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    where = f"data/{'/'.join(_FILE)}"
    if not isinstance(raw, dict) or not isinstance(raw.get("assignments"), list):
        raise AlternativeCaseError(f"{where}: expected a mapping with a list under 'assignments'.")
    known = set(list_articles())
    texts = raw.get("texts")
    supporting = raw.get("supporting") or {}
    if not isinstance(texts, list) or not texts:
        raise AlternativeCaseError(f"{where}: 'texts' should list the case's texts by load_article name.")
    support_texts = supporting.get("texts") or []
    for name in [*texts, *support_texts]:
        if name not in known:
            raise AlternativeCaseError(f"{where}: {name!r} is not a text of the kit; known: {', '.join(sorted(known))}.")
    allowed = set(texts) | set(support_texts)
    entries, seen = [], set()
    for i, entry in enumerate(raw["assignments"], start=1):
        if not isinstance(entry, dict):
            raise AlternativeCaseError(f"{where}: assignment entry {i} should be a mapping, not {entry!r}.")
        missing = [f for f in _FIELDS if not entry.get(f)]
        if missing:
            raise AlternativeCaseError(f"{where}: assignment entry {i} ({entry.get('assignment', '?')}) lacks {', '.join(missing)}.")
        if not isinstance(entry["texts"], list) or not set(entry["texts"]) <= allowed:
            raise AlternativeCaseError(f"{where}: {entry['assignment']}: texts should be a list drawn from 'texts' and "
                                       f"'supporting: texts'; got {entry['texts']!r}.")
        for key in ("assignment", "alternative"):
            if entry[key] in seen:
                raise AlternativeCaseError(f"{where}: {entry[key]!r} appears twice; each assignment has one alternative.")
            seen.add(entry[key])
        entries.append(Alternative(entry["assignment"], entry["alternative"], entry["chapter"],
                                   tuple(entry["texts"]), " ".join(str(entry["seed"]).split()),
                                   " ".join(str(entry["instead"]).split()), str(entry.get("counterpart", "same"))))
    return {"case": " ".join(str(raw.get("case", "")).split()), "texts": list(texts),
            "supporting": supporting, "assignments": entries}


def _student_edition(notebook: str) -> str:
    part, name = notebook.split("/")[-2:]
    return f"{STUDENT_EDITION}/{part}/{name}"


def _index(root: Path | None = None) -> dict[str, Path]:
    from .teaching import assignment_index

    return assignment_index(root)


def alternative_table(root: Path | None = None) -> pd.DataFrame:
    """The mapping as a table: one row per assignment, in the file's (the book's) order.

    Columns: ``chapter`` (page label), ``assignment``, ``alternative`` (assignment names),
    ``hand out`` (the alternative's student edition, written by ``make exercises``), ``texts``
    (the ``load_article`` names it uses), ``with the seed`` and ``with the alternative case``
    (what each asks).
    """
    index = _index(root)
    rows = []
    for alt in load_alternative_case()["assignments"]:
        path = index.get(alt.alternative)
        rows.append({"chapter": alt.chapter, "assignment": alt.assignment, "alternative": alt.alternative,
                     "hand out": _student_edition(f"{path.parent.name}/{path.name}") if path else "(missing)",
                     "texts": ", ".join(alt.texts), "with the seed": alt.seed,
                     "with the alternative case": alt.instead})
    return pd.DataFrame(rows)


def alternative_markdown(root: Path | None = None) -> str:
    """The table of :func:`alternative_table` as a Markdown table (assignment names in code).

    >>> alternative_markdown().splitlines()[0]
    '| chapter | assignment | alternative | hand out | texts | with the seed | with the alternative case |'
    """
    table = alternative_table(root)
    code = {"assignment", "alternative", "hand out"}

    def cell(column: str, value: object) -> str:
        text = str(value).replace("|", "\\|")
        return f"`{text}`" if column in code else text

    lines = ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(cell(c, row[c]) for c in table.columns) + " |" for _, row in table.iterrows()]
    return "\n".join(lines) + "\n"


def _code_of(notebook: dict[str, Any]) -> str:
    return "\n\n".join("".join(c.get("source", "")) for c in notebook.get("cells", []) if c.get("cell_type") == "code")


def notebook_materials(notebook: dict[str, Any]) -> dict[str, set[str]]:
    """What a notebook's code uses: ``texts`` (every string literal that names a kit text),
    ``data`` (the arguments of ``data_path(...)`` calls, joined with ``/``), ``corpora`` (names
    given to ``load_kit_corpus``), ``calls`` (names of the functions it calls).

    >>> nb = {"cells": [{"cell_type": "code", "source": 'a = load_article("conversation-isis-k")'}]}
    >>> notebook_materials(nb)["texts"]
    {'conversation-isis-k'}
    """
    known = set(list_articles())
    found: dict[str, set[str]] = {"texts": set(), "data": set(), "corpora": set(), "calls": set()}
    code = "\n".join(line for line in _code_of(notebook).splitlines() if not line.lstrip().startswith(("%", "!")))
    tree = ast.parse(code)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in known:
            found["texts"].add(node.value)
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            found["calls"].add(name)
            literals = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if name == "data_path":
                found["data"].add("/".join(literals))
            elif name == "load_kit_corpus" and literals:
                found["corpora"].add(literals[0])
    return found


#: Functions that read the central case's data; an alternative edition calls none of them.
CENTRAL_CASE_CALLS = frozenset({"load_phrase_travel", "list_articles", "load_corpus"})


def alternative_problems(root: Path | None = None) -> list[str]:
    """Everything wrong with the alternative editions, checked against the file; empty is good.

    Checks that every assignment under ``exercises/`` that is not itself an alternative has exactly
    one alternative listed, that each listed alternative notebook exists under its assignment
    name, uses exactly the texts listed (all of them the case's or its supporting texts), reads
    no other data file, no corpus but the allowed part of one, calls no function that reads the
    central case, and quotes none of the group's phrases; and that no text of the case or its
    supporting texts, nor any report of the allowed corpus part, contains a phrase of the group
    (:data:`medialit.curriculum.GROUP_PHRASES`).
    """
    root = Path(root) if root is not None else book_root()
    case = load_alternative_case()
    index = _index(root)
    supporting = case["supporting"]
    allowed_texts = set(case["texts"]) | set(supporting.get("texts") or [])
    allowed_data = set(supporting.get("data") or [])
    corpora = dict(supporting.get("corpora") or {})
    problems: list[str] = []
    listed = {a.assignment: a for a in case["assignments"]}
    alternatives = {a.alternative for a in case["assignments"]}
    for name in sorted(index):
        if name in alternatives:
            continue
        if name not in listed:
            problems.append(f"{name}: no alternative-case edition is listed in data/teaching/alternative-case.yml")
    for name in sorted(set(index) - set(listed) - alternatives):
        if name.endswith("-alt"):
            problems.append(f"{name}: an alternative edition that the file does not list")
    for alt in case["assignments"]:
        if alt.assignment not in index:
            problems.append(f"{alt.assignment}: listed, but no notebook under exercises/ has this assignment name")
        path = index.get(alt.alternative)
        if path is None:
            problems.append(f"{alt.alternative}: listed, but no notebook under exercises/ has this assignment name")
            continue
        notebook = json.loads(path.read_text(encoding="utf-8"))
        used = notebook_materials(notebook)
        label = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        if used["texts"] != set(alt.texts):
            problems.append(f"{label}: uses the texts {sorted(used['texts'])}, but the file lists {sorted(alt.texts)}")
        if used["texts"] - allowed_texts:
            problems.append(f"{label}: uses {sorted(used['texts'] - allowed_texts)}, which are not texts of the alternative case")
        if used["data"] - allowed_data:
            problems.append(f"{label}: reads {sorted(used['data'] - allowed_data)}, which the alternative case does not allow")
        for corpus in sorted(used["corpora"]):
            part = corpora.get(corpus)
            if part is None:
                problems.append(f"{label}: loads the corpus {corpus!r}, which the alternative case does not allow")
            elif not re.search(rf"""\[\s*["']subset["']\s*\]\s*==\s*["']{re.escape(part)}["']""", _code_of(notebook)):
                problems.append(f"{label}: loads the corpus {corpus!r} without keeping only its {part!r} part")
        if used["calls"] & CENTRAL_CASE_CALLS:
            problems.append(f"{label}: calls {sorted(used['calls'] & CENTRAL_CASE_CALLS)}, which read the central case")
        if "load_frermann" in used["calls"] and not supporting.get("frermann"):
            problems.append(f"{label}: uses the Frermann annotations, which the file does not allow")
        reasons = needs_content_note("\n".join("".join(c.get("source", "")) for c in notebook.get("cells", [])))
        if reasons:
            problems.append(f"{label}: {'; '.join(reasons)}")
    for name in sorted(allowed_texts):
        reasons = needs_content_note(load_article(name).text)
        if reasons:
            problems.append(f"text {name}: {'; '.join(reasons)}")
    if corpora:
        from .corpus import load_kit_corpus

        for corpus, part in corpora.items():
            frame = load_kit_corpus(corpus)
            for row in frame[frame["subset"] == part].itertuples():
                reasons = needs_content_note(row.text)
                if reasons:
                    problems.append(f"corpus {corpus}, report {row.id}: {'; '.join(reasons)}")
    return problems
