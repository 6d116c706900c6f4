"""Session plans: the syllabi as data, checked, and the tables the instructor pages print.

Each syllabus is a YAML file under ``data/teaching/`` (with a manifest, like every data file):
``single-session.yml``, ``one-week.yml`` and ``four-weeks.yml``. A file holds the syllabus's
``title``, ``summary``, ``weeks``, ``outside_class_budget_minutes_per_week`` and its
``sessions``; each session has

* ``number``, ``week``, ``title``, ``minutes`` (the session's length);
* ``read_before`` and ``in_class``: page labels of the chapters students read before the
  session (outside class) and work through in it;
* ``assignment``: ``name`` (the otter assignment name of a notebook under ``exercises/``, never
  a path: students get the student edition), ``due``, and optionally ``optional`` (other
  assignment names offered as extras);
* ``reading``: ``key`` (a BibTeX key under ``book/reference/``), ``excerpt`` (what to read) and
  ``why``; optionally ``further_reading`` (keys);
* ``activities``: a list of ``minutes`` and ``what``, adding up to the session's minutes;
* ``talking_points``, ``misconceptions`` (``belief`` and ``instead``), ``prompts``
  (``prompt`` and ``model_answer``);
* ``handout``: ``passage`` (ranges of seed sentence numbers, 1-based as in the close-reading
  table: ``[[4, 10], [17, 17]]`` is S4-S10 and S17), ``questions``, and an ``alternative``
  (``article``, ``passage``, ``questions``) for students who opted out of the seed;
* ``prepare``: what the instructor does beforehand.

:func:`load_syllabus` reads and validates a file (a :class:`TeachingDataError` says what is
wrong and where); :func:`plan_problems` checks a plan against the book: every label is a page,
every assignment exists, activities add up, prerequisites come first, no session uses a tool a
later session teaches (:mod:`medialit.toolgraph`), every reading is in the bibliography.
:func:`workload_table` adds up the outside-class minutes per week: reading (the chapters'
``minutes``) and assignments (:func:`assignment_minutes`).
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .corpus import load_article, verify_file
from .curriculum import Page, book_pages, book_root
from .errors import DataFileError
from .resources import data_path
from .text import sentence_spans

__all__ = [
    "SYLLABI",
    "TeachingDataError",
    "Syllabus",
    "assignment_index",
    "assignment_minutes",
    "bib_entries",
    "load_syllabus",
    "passage_numbers",
    "passage_sentences",
    "plan_problems",
    "quotes_the_group",
    "reference_text",
    "sessions_table",
    "student_edition_path",
    "workload_table",
]

#: The syllabi the kit ships, shortest first (file names under data/teaching/ without .yml).
SYLLABI = ("single-session", "one-week", "four-weeks")

_SESSION_KEYS = {
    "number": int, "week": int, "title": str, "minutes": int, "read_before": list, "in_class": list,
    "assignment": dict, "reading": dict, "activities": list, "talking_points": list,
    "misconceptions": list, "prompts": list, "handout": dict, "prepare": str,
}
_SYLLABUS_KEYS = {"syllabus": str, "title": str, "summary": str, "weeks": int,
                  "outside_class_budget_minutes_per_week": int, "sessions": list}


class TeachingDataError(DataFileError):
    """A session-plan file under ``data/teaching/`` does not have the shape the kit expects."""


@dataclass(frozen=True)
class Syllabus:
    """One syllabus as loaded from ``data/teaching/<name>.yml`` (``sessions`` are plain dicts)."""

    name: str
    title: str
    summary: str
    weeks: int
    budget: int          # outside-class minutes per week
    sessions: tuple[dict[str, Any], ...]
    path: Path


def _require(mapping: Any, keys: dict[str, type], where: str) -> None:
    if not isinstance(mapping, dict):
        raise TeachingDataError(f"{where} must be a mapping of keys to values; got {type(mapping).__name__}.")
    for key, kind in keys.items():
        if key not in mapping:
            raise TeachingDataError(f"{where} lacks '{key}'. Add it (see the schema in medialit/teaching.py).")
        value = mapping[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            raise TeachingDataError(f"{where}: '{key}' must be {kind.__name__}; got {value!r}.")


def _check_ranges(ranges: Any, where: str) -> None:
    if not (isinstance(ranges, list) and ranges and all(
            isinstance(r, list) and len(r) == 2 and all(isinstance(n, int) and not isinstance(n, bool) for n in r)
            and 1 <= r[0] <= r[1] for r in ranges)):
        raise TeachingDataError(f"{where} must be a list of [first, last] sentence numbers, 1-based, such as "
                                f"[[4, 10], [17, 17]]; got {ranges!r}.")


def _validate_session(session: Any, where: str) -> None:
    _require(session, _SESSION_KEYS, where)
    _require(session["assignment"], {"name": str, "due": str}, f"{where}, assignment")
    _require(session["reading"], {"key": str, "excerpt": str, "why": str}, f"{where}, reading")
    for i, activity in enumerate(session["activities"], 1):
        _require(activity, {"minutes": int, "what": str}, f"{where}, activity {i}")
    for i, item in enumerate(session["misconceptions"], 1):
        _require(item, {"belief": str, "instead": str}, f"{where}, misconception {i}")
    for i, item in enumerate(session["prompts"], 1):
        _require(item, {"prompt": str, "model_answer": str}, f"{where}, prompt {i}")
    handout = session["handout"]
    _require(handout, {"passage": list, "questions": list, "alternative": dict}, f"{where}, handout")
    _check_ranges(handout["passage"], f"{where}, handout passage")
    _require(handout["alternative"], {"article": str, "passage": list, "questions": list},
             f"{where}, handout alternative")
    _check_ranges(handout["alternative"]["passage"], f"{where}, alternative passage")
    for key in ("read_before", "in_class", "talking_points"):
        if not all(isinstance(x, str) for x in session[key]):
            raise TeachingDataError(f"{where}: every item of '{key}' must be text; got {session[key]!r}.")
    if not session["activities"] or not session["prompts"] or not session["handout"]["questions"]:
        raise TeachingDataError(f"{where} needs at least one activity, one prompt and one handout question.")


def load_syllabus(name: str) -> Syllabus:
    """Read, checksum and validate ``data/teaching/<name>.yml``.

    >>> load_syllabus("one-week").weeks
    1

    Raises:
        ValueError: ``name`` is not one of :data:`SYLLABI`.
        TeachingDataError: the file lacks a key, a value has the wrong type, or sessions are
            not numbered 1, 2, 3 ... in order.
        ChecksumError: the file differs from its manifest (edit the manifest's sha256 with it).
    """
    if name not in SYLLABI:
        raise ValueError(f"unknown syllabus {name!r}; the kit has {', '.join(SYLLABI)}.")
    path = data_path("teaching", f"{name}.yml")
    verify_file(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise TeachingDataError(f"{path} is not valid YAML: {exc}") from exc
    _require(data, _SYLLABUS_KEYS, str(path))
    for i, session in enumerate(data["sessions"], 1):
        _validate_session(session, f"{path.name}, session {i}")
        if session["number"] != i:
            raise TeachingDataError(f"{path.name}: session {i} is numbered {session['number']}; number them 1, 2, 3 ...")
    return Syllabus(name=data["syllabus"], title=data["title"], summary=data["summary"], weeks=data["weeks"],
                    budget=data["outside_class_budget_minutes_per_week"], sessions=tuple(data["sessions"]),
                    path=path)


# --- assignments ---------------------------------------------------------------------------

@functools.cache
def assignment_index(root: Path | None = None) -> dict[str, Path]:
    """Otter assignment name (``counting-frequencies``) -> its source notebook under ``exercises/``."""
    root = Path(root) if root is not None else book_root()
    index = {}
    for path in sorted((root / "exercises").glob("*/*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
            source = "".join(cell.get("source", ""))
            if cell.get("cell_type") == "raw" and "ASSIGNMENT CONFIG" in source:
                match = re.search(r"^name:\s*(\S+)", source, re.MULTILINE)
                if match:
                    index[match.group(1)] = path
                break
    return index


def student_edition_path(name: str) -> str:
    """Where ``make exercises`` writes the student edition of assignment ``name``.

    >>> student_edition_path("counting-frequencies")
    'exercises/dist/student/counting/frequencies.ipynb'
    """
    source = assignment_index().get(name)
    if source is None:
        raise ValueError(f"no notebook under exercises/ has the assignment name {name!r}; "
                         f"known: {', '.join(sorted(assignment_index()))}.")
    return f"exercises/dist/student/{source.parent.name}/{source.name}"


def assignment_minutes(name: str) -> tuple[int | None, str]:
    """Minutes a student needs for assignment ``name``, and where the figure comes from.

    Reads the notebook's machine-readable metadata (``metadata.medialit.minutes``) when it has
    it; otherwise the "About N minutes" its introduction states; otherwise ``(None, "unknown")``.

    >>> assignment_minutes("counting-frequencies")[0] > 0
    True
    """
    path = assignment_index().get(name)
    if path is None:
        raise ValueError(f"no notebook under exercises/ has the assignment name {name!r}.")
    notebook = json.loads(path.read_text(encoding="utf-8"))
    meta = (notebook.get("metadata") or {}).get("medialit") or {}
    if isinstance(meta.get("minutes"), int):
        return meta["minutes"], "notebook metadata"
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            match = re.search(r"\babout (\d+) minutes\b", "".join(cell.get("source", "")), re.IGNORECASE)
            if match:
                return int(match.group(1)), "stated in the notebook's introduction"
    return None, "unknown"


# --- readings ------------------------------------------------------------------------------

@functools.cache
def bib_entries(root: Path | None = None) -> dict[str, Any]:
    """Every BibTeX entry under ``book/reference/`` (key -> pybtex entry)."""
    from pybtex.database import parse_file

    root = Path(root) if root is not None else book_root()
    entries: dict[str, Any] = {}
    for path in sorted((root / "book" / "reference").rglob("*.bib")):
        entries.update(parse_file(str(path), bib_format="bibtex").entries)
    return entries


def reference_text(key: str) -> str:
    """A plain-text reference for a BibTeX key, for handouts and slides (outside Sphinx).

    >>> reference_text("entman1993framing").startswith("Robert M. Entman. Framing")
    True
    """
    entries = bib_entries()
    if key not in entries:
        raise ValueError(f"{key!r} is in no .bib file under book/reference/; add the entry there first.")
    return _formatted_references()[key]


@functools.cache
def _formatted_references() -> dict[str, str]:
    from pybtex.plugin import find_plugin

    style = find_plugin("pybtex.style.formatting", "plain")()
    entries = bib_entries()
    return {item.key: item.text.render_as("text") for item in style.format_entries(entries.values())}


# --- passages ------------------------------------------------------------------------------

def passage_numbers(ranges: list[list[int]]) -> list[int]:
    """Sentence numbers of a passage given as ranges.

    >>> passage_numbers([[4, 6], [17, 17]])
    [4, 5, 6, 17]
    """
    return [n for first, last in ranges for n in range(first, last + 1)]


def passage_sentences(ranges: list[list[int]], *, article: str = "seed-article") -> list[tuple[int, str]]:
    """(number, sentence) for a passage of an article, numbered from 1 as in the close-reading table."""
    text = load_article(article).text
    spans = sentence_spans(text)
    numbers = passage_numbers(ranges)
    missing = [n for n in numbers if n > len(spans)]
    if missing:
        raise ValueError(f"{article} has {len(spans)} sentences; the passage asks for {missing}.")
    return [(n, " ".join(text[spans[n - 1][0]:spans[n - 1][1]].split())) for n in numbers]


# --- the content protocol: describe, do not quote ---------------------------------------------

def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))


@functools.cache
def _group_ngrams(n: int) -> frozenset[tuple[str, ...]]:
    """Every run of ``n`` words inside the seed's double quotation marks (the group's words,
    paired left to right; the unmatched mark of S17 is left alone)."""
    text = load_article("seed-article").text
    marks = [m.start() for m in re.finditer('"', text)]
    grams = set()
    for start, end in zip(marks[0::2], marks[1::2]):
        words = _words(text[start:end])
        grams |= {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}
    return frozenset(grams)


def quotes_the_group(text: str, *, n: int = 4) -> list[str]:
    """Runs of ``n`` or more words that ``text`` shares with the group's words as the seed quotes them.

    Session plans, slides and the instructor pages describe the group's words and never quote
    them; this finds a quotation that slipped in (four words in a row by default; the group's
    short labels are caught by :func:`medialit.curriculum.needs_content_note`).

    >>> quotes_the_group("The deputy emir calls for attacks; the report quotes him at length.")
    []
    >>> quotes_the_group("He says that today we do not have a place to live.")
    ['today we do not', 'we do not have', 'do not have a', 'not have a place']
    """
    words = _words(text)
    grams = _group_ngrams(n)
    return [" ".join(words[i:i + n]) for i in range(len(words) - n + 1) if tuple(words[i:i + n]) in grams]


# --- checks and tables ---------------------------------------------------------------------

def _chapters(session: dict[str, Any]) -> list[str]:
    return [*session["read_before"], *session["in_class"]]


def plan_problems(syllabus: Syllabus, *, pages: list[Page] | None = None) -> list[str]:
    """Everything wrong with a syllabus as the book stands; empty when the plan is sound."""
    from .toolgraph import tool_order_problems

    pages = pages if pages is not None else book_pages()
    by_label = {p.label: p for p in pages}
    problems: list[str] = []
    seen: set[str] = set()
    for s in syllabus.sessions:
        where = f"{syllabus.name} session {s['number']}"
        total = sum(a["minutes"] for a in s["activities"])
        if total != s["minutes"]:
            problems.append(f"{where}: activities add up to {total} minutes, the session lasts {s['minutes']}")
        if not 1 <= s["week"] <= syllabus.weeks:
            problems.append(f"{where}: week {s['week']} is outside weeks 1-{syllabus.weeks}")
        unknown = [label for label in _chapters(s) if label not in by_label]
        problems += [f"{where}: {label!r} is no page label of the book" for label in unknown]
        here = set(_chapters(s)) - set(unknown)
        for label in sorted(here):
            late = [p for p in by_label[label].meta.get("prerequisites") or [] if p in by_label
                    and by_label[p].part.startswith("Part") and p not in seen | here]
            problems += [f"{where}: {label!r} needs {p!r}, which no earlier session covers" for p in late]
        seen |= here
        for name in [s["assignment"]["name"], *s["assignment"].get("optional", [])]:
            if name not in assignment_index():
                problems.append(f"{where}: assignment {name!r} is no notebook under exercises/")
        for key in [s["reading"]["key"], *s.get("further_reading", [])]:
            if key not in bib_entries():
                problems.append(f"{where}: reading {key!r} is in no .bib file under book/reference/")
    return problems + tool_order_problems(syllabus, pages=pages)


def sessions_table(syllabus: Syllabus) -> pd.DataFrame:
    """One row per session: number, week, title, chapters, assignment, reading key, passage."""
    titles = {p.label: p.title for p in book_pages()}
    rows = []
    for s in syllabus.sessions:
        rows.append({
            "session": s["number"], "week": s["week"], "title": s["title"],
            "read before": "; ".join(titles.get(x, x) for x in s["read_before"]) or "nothing",
            "in class": "; ".join(titles.get(x, x) for x in s["in_class"]) or "-",
            "assignment": s["assignment"]["name"], "reading": s["reading"]["key"],
            "handout": ", ".join(f"S{a}" if a == b else f"S{a}-S{b}" for a, b in s["handout"]["passage"]),
        })
    return pd.DataFrame(rows).set_index("session")


def workload_table(syllabus: Syllabus) -> pd.DataFrame:
    """Outside-class minutes per week: reading before sessions plus assignments, against the budget.

    Reading minutes are the ``minutes`` of the chapters in ``read_before`` (chapters worked through
    ``in_class`` count as class time); assignment minutes come from :func:`assignment_minutes`
    and are NaN where no notebook states them. Optional assignments are not counted.
    """
    minutes = {p.label: int(p.meta.get("minutes") or 0) for p in book_pages()}
    rows = []
    for week in range(1, syllabus.weeks + 1):
        sessions = [s for s in syllabus.sessions if s["week"] == week]
        reading = sum(minutes.get(label, 0) for s in sessions for label in s["read_before"])
        known = [assignment_minutes(s["assignment"]["name"])[0] for s in sessions]
        assignments = float("nan") if None in known else float(sum(known))
        rows.append({"week": week, "sessions": len(sessions), "reading minutes": reading,
                     "assignment minutes": assignments, "total": reading + assignments,
                     "budget": syllabus.budget})
    return pd.DataFrame(rows).set_index("week")
