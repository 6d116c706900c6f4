"""Alignment at item level: every learning objective, and the questions that assess it.

Each page of Parts I-V states its learning objectives in its front matter; an objective is named
``<page label>:<n>`` (``keyness:2`` is the keyness chapter's second objective). Three kinds of
item assess them, and each says which objectives it assesses where it is written:

* **notebook questions** (``exercises/<part>/<chapter>.ipynb``): an ``objectives:`` list in the
  question's ``# BEGIN QUESTION`` config, beside its name and points (otter ignores keys it does
  not know, so the student edition and the grading are unchanged);
* **in-chapter exercises and formative checks**: ``data/teaching/alignment.yml`` maps each
  label (an ``exercise-start``'s ``:label:``, a check's ``:name:``) to objectives, so that the
  chapters themselves carry no extra markup;
* **capstone milestones**: ``objectives`` in ``data/teaching/four-weeks.yml``.

:func:`alignment_matrix` joins them into one row per (objective, item); :func:`alignment_problems`
lists what is wrong: an objective that nothing assesses (other than the few *orientation*
objectives the data file lists with their reason), an item naming an objective that does not
exist, a label in the data file that is on no page, an exercise or check on a page that the data
file does not map.

Example:
    >>> parse_objective_id("keyness:2")
    ('keyness', 2)
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .corpus import verify_file
from .curriculum import Page, authored_levels, book_pages
from .errors import DataFileError
from .resources import data_path

__all__ = [
    "AlignmentDataError",
    "alignment_matrix",
    "alignment_problems",
    "chapter_item_labels",
    "load_alignment",
    "notebook_items",
    "objectives_frame",
    "parse_objective_id",
]

_EXERCISE = re.compile(r"^```+\{exercise-start\}[^\n]*\n:label:\s*(\S+)", re.MULTILINE)
_CHECK = re.compile(r"^(?:```+|:::+)\{admonition\}[^\n]*\n((?::[\w-]+:[^\n]*\n)+)", re.MULTILINE)
_ID = re.compile(r"^([a-z0-9][a-z0-9-]*):(\d+)$")


class AlignmentDataError(DataFileError):
    """``data/teaching/alignment.yml`` or a question's ``objectives`` is not in the expected shape."""


def parse_objective_id(text: str) -> tuple[str, int]:
    """``"keyness:2"`` -> ``("keyness", 2)``.

    Raises:
        AlignmentDataError: the text is not ``<page label>:<number>``.
    """
    match = _ID.match(str(text).strip())
    if not match or int(match.group(2)) < 1:
        raise AlignmentDataError(f"{text!r} is not an objective id; write '<page label>:<n>', n from 1, "
                                 "such as 'keyness:2'.")
    return match.group(1), int(match.group(2))


def _scope(pages: list[Page]) -> list[Page]:
    return [p for p in pages if p.part.startswith("Part")]


def objectives_frame(pages: list[Page] | None = None) -> pd.DataFrame:
    """One row per objective of the pages of Parts I-V: ``objective`` (its id), ``label``,
    ``part``, ``chapter`` (title), ``n``, ``text`` and ``bloom``."""
    pages = _scope(pages if pages is not None else book_pages())
    rows = []
    for page in pages:
        levels = authored_levels(page.meta)
        for n, text in enumerate(page.meta.get("objectives") or [], 1):
            rows.append({"objective": f"{page.label}:{n}", "label": page.label, "part": page.part.split(":")[0],
                         "chapter": page.title, "n": n, "text": text, "bloom": levels[n - 1]})
    return pd.DataFrame(rows, columns=["objective", "label", "part", "chapter", "n", "text", "bloom"])


@functools.cache
def load_alignment() -> dict[str, Any]:
    """Read and check ``data/teaching/alignment.yml``: ``orientation`` (id -> reason) and
    ``items`` (label -> list of objective ids)."""
    path = data_path("teaching", "alignment.yml")
    verify_file(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("items"), dict) \
            or not isinstance(data.get("orientation", {}), dict):
        raise AlignmentDataError(f"{path} must hold 'items' (label -> list of objective ids) and "
                                 "'orientation' (objective id -> reason).")
    for label, ids in data["items"].items():
        if not isinstance(ids, list) or not ids:
            raise AlignmentDataError(f"{path}: item {label!r} must list at least one objective id; got {ids!r}.")
        for objective in ids:
            parse_objective_id(objective)
    for objective in data.get("orientation", {}):
        parse_objective_id(objective)
    return {"items": data["items"], "orientation": data.get("orientation", {}), "path": path}


def chapter_item_labels(page: Page) -> list[tuple[str, str]]:
    """``(label, kind)`` of every in-chapter exercise and formative check on a page, in order.

    A formative check is an admonition (backtick or colon fence) with the class ``check`` and a
    ``:name:``; its answer is folded, in the same box or in a box nested inside it.

    >>> from medialit.curriculum import book_pages
    >>> tokens = next(p for p in book_pages() if p.label == "tokens")
    >>> ('tokens-ex-1', 'exercise') in chapter_item_labels(tokens), ('tokens-check-1', 'check') in chapter_item_labels(tokens)
    (True, True)
    """
    text = page.path.read_text(encoding="utf-8")
    found = [(m.start(), m.group(1), "exercise") for m in _EXERCISE.finditer(text)]
    for match in _CHECK.finditer(text):
        options = dict(re.findall(r"^:([\w-]+):\s*(.*)$", match.group(1), re.MULTILINE))
        if "check" in options.get("class", "").split() and options.get("name"):
            found.append((match.start(), options["name"].strip(), "check"))
    return [(label, kind) for _, label, kind in sorted(found)]


def notebook_items(root: Path | None = None) -> pd.DataFrame:
    """Every question of every exercise notebook: ``item`` (``<assignment>:<question>``),
    ``notebook``, ``manual``, ``points`` and ``objectives`` (a list, empty when the question names none).

    The alternative-case editions are not items of their own: each assesses what the assignment it
    replaces assesses (:mod:`medialit.alternative_case` checks they keep its questions)."""
    from .teaching import assignment_index

    rows = []
    for name, path in sorted(assignment_index(root, alternatives=False).items()):
        for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
            source = cell.get("source", "")
            text = ("".join(source) if isinstance(source, list) else source).strip()
            if cell.get("cell_type") != "raw" or not text.startswith("# BEGIN QUESTION"):
                continue
            config = yaml.safe_load(text.removeprefix("# BEGIN QUESTION")) or {}
            objectives = config.get("objectives", [])
            if not isinstance(objectives, list):
                raise AlignmentDataError(f"{path}, question {config.get('name')}: 'objectives' must be a list "
                                         f"such as [keyness:2]; got {objectives!r}.")
            rows.append({"item": f"{name}:{config.get('name')}", "notebook": str(path.relative_to(path.parents[2])),
                         "manual": bool(config.get("manual", False)), "points": config.get("points"),
                         "objectives": [str(o) for o in objectives]})
    return pd.DataFrame(rows, columns=["item", "notebook", "manual", "points", "objectives"])


def _milestone_items() -> list[dict[str, Any]]:
    from .teaching import SYLLABI, load_syllabus

    rows = []
    for name in SYLLABI:
        plan = load_syllabus(name)
        for milestone in (plan.capstone or {}).get("milestones", []):
            rows.append({"item": f"capstone:{milestone['id']}", "kind": "capstone milestone",
                         "where": f"data/teaching/{name}.yml", "objectives": list(milestone.get("objectives", []))})
    return rows


def _items(pages: list[Page]) -> pd.DataFrame:
    data = load_alignment()
    rows = []
    for row in notebook_items().itertuples():
        rows.append({"item": row.item, "kind": "notebook question (written)" if row.manual
                     else "notebook question (auto-graded)", "where": row.notebook, "objectives": row.objectives})
    on_pages = {label: (page, kind) for page in _scope(pages) for label, kind in chapter_item_labels(page)}
    for label, objectives in data["items"].items():
        page, kind = on_pages.get(label, (None, "exercise"))
        rows.append({"item": label, "kind": "in-chapter exercise" if kind == "exercise" else "formative check",
                     "where": page.entry if page else "(on no page)", "objectives": list(objectives)})
    rows += _milestone_items()
    return pd.DataFrame(rows, columns=["item", "kind", "where", "objectives"])


def alignment_matrix(pages: list[Page] | None = None) -> pd.DataFrame:
    """One row per (objective, item that assesses it), with every objective of Parts I-V: an
    objective nothing assesses has one row with an empty ``item``. Columns: ``objective``,
    ``part``, ``chapter``, ``text``, ``bloom``, ``item``, ``kind``, ``where``."""
    pages = pages if pages is not None else book_pages()
    objectives = objectives_frame(pages)
    items = _items(pages).explode("objectives").rename(columns={"objectives": "objective"})
    merged = objectives.merge(items, on="objective", how="left")
    merged[["item", "kind", "where"]] = merged[["item", "kind", "where"]].fillna("")
    return merged[["objective", "part", "chapter", "text", "bloom", "item", "kind", "where"]]


def alignment_problems(pages: list[Page] | None = None) -> list[str]:
    """Everything that keeps the alignment from being complete and true; empty when it is."""
    pages = pages if pages is not None else book_pages()
    data = load_alignment()
    known = set(objectives_frame(pages)["objective"])
    problems = []
    items = _items(pages)
    for row in items.itertuples():
        for objective in row.objectives:
            if objective not in known:
                problems.append(f"{row.item} ({row.where}) names objective {objective!r}, which no page of Parts I-V "
                                "states (ids are '<page label>:<n>', n counting the page's objectives from 1)")
    for row in items[items["kind"].str.startswith("notebook")].itertuples():
        if not row.objectives:
            problems.append(f"{row.item} ({row.where}) names no objectives: add 'objectives: [...]' to its "
                            "BEGIN QUESTION config")
    on_pages = {label: page for page in _scope(pages) for label, _ in chapter_item_labels(page)}
    for label in data["items"]:
        if label not in on_pages:
            problems.append(f"{data['path'].name}: {label!r} is no exercise or check on any page of Parts I-V")
    for label, page in on_pages.items():
        if label not in data["items"]:
            problems.append(f"{page.entry}: {label!r} is not in {data['path'].name}; say which objectives it assesses")
    openers = {p.label for p in _scope(pages) if p.entry.endswith("/index")}
    for objective, reason in data["orientation"].items():
        label, n = parse_objective_id(objective)
        if label not in openers or n != 1:
            problems.append(f"{data['path'].name}: {objective!r} is listed as orientation, but only the first objective "
                            "of a Part's opening page may be")
    assessed = set(items.explode("objectives")["objectives"].dropna())
    for objective in sorted(known - assessed - set(data["orientation"])):
        problems.append(f"objective {objective!r} is assessed by no notebook question, exercise, check or milestone")
    for objective in sorted(set(data["orientation"]) & assessed):
        problems.append(f"{objective!r} is listed as orientation but is assessed: take it off the list")
    return problems
