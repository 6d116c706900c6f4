"""Session plans: the syllabi as data, checked, and the tables the instructor pages print.

Each syllabus is a YAML file under ``data/teaching/`` (with a manifest, like every data file):
``single-session.yml``, ``one-week.yml`` and ``four-weeks.yml``. A file holds the syllabus's
``title``, ``summary``, ``weeks``, ``outside_class_budget_minutes_per_week`` and its
``sessions``; each session has

* ``number``, ``week``, ``title``, ``minutes`` (the session's length), and optionally ``day``
  (the day of the course it falls on, counting the first session's day as day 1);
* ``read_before`` and ``in_class``: page labels of the chapters students read before the
  session (outside class) and work through in it;
* ``assignment``: ``name`` (the otter assignment name of a notebook under ``exercises/``, never
  a path: students get the student edition) or ``capstone`` (the id of a capstone milestone,
  below, for a session whose one assignment is the capstone), ``due``, and optionally
  ``optional`` (other assignment names offered as extras);
* ``reading``: ``key`` (a BibTeX key under ``book/reference/``), ``excerpt`` (what to read) and
  ``why``; optionally ``further_reading`` (keys);
* ``activities``: a list of ``minutes`` and ``what``, adding up to the session's minutes;
  optionally ``chapters`` (the ``in_class`` chapters the activity works through: each
  ``in_class`` chapter needs activities naming it that add up to at least half its ``minutes``)
  and ``kind: assignment`` (students start the session's notebook in class: those minutes are
  class time, and the notebook's outside-class minutes shrink by them);
* ``talking_points``, ``misconceptions`` (``belief`` and ``instead``), ``prompts``
  (``prompt`` and ``model_answer``);
* ``handout``: ``passage`` (ranges of seed sentence numbers, 1-based as in the close-reading
  table: ``[[4, 10], [17, 17]]`` is S4-S10 and S17), ``questions``, and an ``alternative``
  (``article``, ``passage``, ``questions``) for students who opted out of the seed;
* ``prepare``: what the instructor does beforehand.

A syllabus with a capstone has a ``capstone`` mapping: ``brief`` (one paragraph) and
``milestones``, each with ``id`` (``proposal``, ``corpus-check``, ``draft``, ``peer-review``,
``final``, in this order), ``title``, ``due_day`` (a day of the course, as ``day`` above),
``minutes`` (outside-class work), ``steps`` (the numbers of the steps of the capstone page's
"What you do" table the milestone covers, or ``[]``), ``what`` (the task) and ``deliverable``,
and optionally ``objectives`` (the learning objectives it assesses, for :mod:`medialit.alignment`).
The milestones of steps 1-5 must add up to a time inside the range that table states.

:func:`load_syllabus` reads and validates a file (a :class:`TeachingDataError` says what is
wrong and where); :func:`plan_problems` checks a plan against the book: every label is a page,
every assignment exists, activities add up, prerequisites come first, no session uses a tool a
later session teaches (:mod:`medialit.toolgraph`), every reading is in the bibliography.
:func:`workload_table` adds up the outside-class minutes per week: reading (the chapters'
``minutes``), assignments (:func:`assignment_minutes`, the notebooks' ``metadata.medialit.minutes``,
less the minutes started in class) and capstone milestones.
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
    "MILESTONES",
    "assignment_index",
    "assignment_minutes",
    "bib_entries",
    "MINUTES_PER_WRITTEN_ANSWER",
    "capstone_steps",
    "grading_time_table",
    "load_syllabus",
    "milestones_table",
    "outside_assignment_minutes",
    "pages_left_out",
    "passage_numbers",
    "passage_sentences",
    "plan_problems",
    "quotes_the_group",
    "reference_text",
    "sessions_table",
    "student_edition_path",
    "week_of_day",
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

#: The capstone's milestones, in order (``capstone.milestones`` of a syllabus lists them all).
MILESTONES = ("proposal", "corpus-check", "draft", "peer-review", "final")
_MILESTONE_KEYS = {"id": str, "title": str, "due_day": int, "minutes": int, "steps": list, "what": str,
                   "deliverable": str}


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
    capstone: dict[str, Any] | None = None   # brief and milestones, or None


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
    assignment = session["assignment"]
    if isinstance(assignment, dict) and "capstone" in assignment:
        _require(assignment, {"capstone": str, "due": str}, f"{where}, assignment")
        if "name" in assignment:
            raise TeachingDataError(f"{where}, assignment: give 'name' (a notebook) or 'capstone' (a milestone), "
                                    "not both: a session sets one assignment.")
    else:
        _require(assignment, {"name": str, "due": str}, f"{where}, assignment")
    if "day" in session and (not isinstance(session["day"], int) or isinstance(session["day"], bool)
                             or session["day"] < 1):
        raise TeachingDataError(f"{where}: 'day' must be a day of the course, 1 or later; got {session['day']!r}.")
    _require(session["reading"], {"key": str, "excerpt": str, "why": str}, f"{where}, reading")
    for i, activity in enumerate(session["activities"], 1):
        _require(activity, {"minutes": int, "what": str}, f"{where}, activity {i}")
        if activity.get("kind", "assignment") != "assignment":
            raise TeachingDataError(f"{where}, activity {i}: 'kind' can only be 'assignment' (students start the "
                                    f"session's notebook in class); got {activity['kind']!r}.")
        chapters = activity.get("chapters", [])
        if not (isinstance(chapters, list) and all(isinstance(c, str) for c in chapters)):
            raise TeachingDataError(f"{where}, activity {i}: 'chapters' must be a list of page labels; got {chapters!r}.")
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
    capstone = data.get("capstone")
    if capstone is not None:
        _validate_capstone(capstone, f"{path.name}, capstone")
    return Syllabus(name=data["syllabus"], title=data["title"], summary=data["summary"], weeks=data["weeks"],
                    budget=data["outside_class_budget_minutes_per_week"], sessions=tuple(data["sessions"]),
                    path=path, capstone=capstone)


def _validate_capstone(capstone: Any, where: str) -> None:
    _require(capstone, {"brief": str, "milestones": list}, where)
    ids = []
    for i, milestone in enumerate(capstone["milestones"], 1):
        _require(milestone, _MILESTONE_KEYS, f"{where}, milestone {i}")
        if milestone["due_day"] < 1 or milestone["minutes"] < 0:
            raise TeachingDataError(f"{where}, milestone {i}: 'due_day' must be 1 or later and 'minutes' 0 or more; "
                                    f"got {milestone['due_day']!r} and {milestone['minutes']!r}.")
        objectives = milestone.get("objectives", [])
        if not (isinstance(objectives, list) and all(isinstance(o, str) for o in objectives)):
            raise TeachingDataError(f"{where}, milestone {i}: 'objectives' must be a list of objective ids such as "
                                    f"[your-corpus:4]; got {objectives!r}.")
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in milestone["steps"]):
            raise TeachingDataError(f"{where}, milestone {i}: 'steps' must list step numbers of the capstone page's "
                                    f"table; got {milestone['steps']!r}.")
        ids.append(milestone["id"])
    if tuple(ids) != MILESTONES:
        raise TeachingDataError(f"{where}: the milestones must be {', '.join(MILESTONES)}, in that order; "
                                f"got {', '.join(ids) or 'none'}.")
    days = [m["due_day"] for m in capstone["milestones"]]
    if days != sorted(days):
        raise TeachingDataError(f"{where}: the milestones' due days must not go backwards; got {days}.")


# --- assignments ---------------------------------------------------------------------------

@functools.cache
def is_alternative_edition(name: str) -> bool:
    """Whether an assignment is the alternative-case edition of another (its name ends in ``-alt``).

    >>> is_alternative_edition("framing-labels-alt"), is_alternative_edition("framing-labels")
    (True, False)
    """
    return name.endswith("-alt")


def assignment_index(root: Path | None = None, *, alternatives: bool = True) -> dict[str, Path]:
    """Otter assignment name (``counting-frequencies``) -> its source notebook under ``exercises/``.

    With ``alternatives=False``, the alternative-case editions (``...-alt``, for students who opt
    out of the central case) are left out: they ask the same kinds of question as the assignment
    they replace, which :mod:`medialit.alternative_case` checks."""
    root = Path(root) if root is not None else book_root()
    index = {}
    for path in sorted((root / "exercises").glob("*/*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
            source = "".join(cell.get("source", ""))
            if cell.get("cell_type") == "raw" and "ASSIGNMENT CONFIG" in source:
                match = re.search(r"^name:\s*(\S+)", source, re.MULTILINE)
                if match and (alternatives or not is_alternative_edition(match.group(1))):
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


def assignment_minutes(name: str) -> int:
    """Minutes a student needs for assignment ``name``: its notebook's ``metadata.medialit.minutes``.

    That is the machine-readable figure the notebooks carry (``tools/exercise_housekeeping.py``
    writes it from the notebook's questions: 10 minutes to start and hand in, 8 per auto-graded
    question, 12 per written answer; ``tests/test_exercises.py`` checks it). Nothing else is read:
    not the "About N minutes" of the introduction, not a guess.

    >>> assignment_minutes("counting-frequencies") > 0
    True

    Raises:
        ValueError: no notebook under ``exercises/`` has this assignment name.
        TeachingDataError: the notebook has no whole number at ``metadata.medialit.minutes``.
    """
    path = assignment_index().get(name)
    if path is None:
        raise ValueError(f"no notebook under exercises/ has the assignment name {name!r}.")
    notebook = json.loads(path.read_text(encoding="utf-8"))
    minutes = ((notebook.get("metadata") or {}).get("medialit") or {}).get("minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        raise TeachingDataError(f"{path} states no minutes at metadata.medialit.minutes (found {minutes!r}); "
                                "run tools/exercise_housekeeping.py to write them from its questions.")
    return minutes


def _started_in_class(session: dict[str, Any]) -> int:
    return sum(a["minutes"] for a in session["activities"] if a.get("kind") == "assignment")


def outside_assignment_minutes(session: dict[str, Any]) -> int:
    """Outside-class minutes of a session's assignment: the notebook's minutes less those started in class.

    A session whose assignment is a capstone milestone has 0 here: the milestone's minutes are
    counted with the capstone (:func:`workload_table`).
    """
    if "capstone" in session["assignment"]:
        return 0
    return max(0, assignment_minutes(session["assignment"]["name"]) - _started_in_class(session))


def week_of_day(day: int) -> int:
    """The week of the course a day falls in (days 1-7 are week 1).

    >>> [week_of_day(d) for d in (1, 7, 8, 35)]
    [1, 1, 2, 5]
    """
    return (day - 1) // 7 + 1


_STEP_ROW = re.compile(r"^\|\s*(\d+)\s*\|[^|]*\|\s*([^|]+?)\s*\|\s*$", re.MULTILINE)
_DURATION = re.compile(r"^(\d+)(?:\s*[\u2013-]\s*(\d+))?\s*(hours?|minutes?)$")


@functools.cache
def capstone_steps(root: Path | None = None) -> dict[int, tuple[int, int]]:
    """Step number -> (fewest, most) minutes, read from the "What you do" table of the capstone page.

    The capstone page (``book/capstone/index.md``) tells students how long each step takes
    ("2–3 hours", "30 minutes"); the milestones of a syllabus must fit inside those times.

    >>> sum(low for low, _ in capstone_steps().values()) > 0
    True
    """
    root = Path(root) if root is not None else book_root()
    page = root / "book" / "capstone" / "index.md"
    steps: dict[int, tuple[int, int]] = {}
    for number, time in _STEP_ROW.findall(page.read_text(encoding="utf-8")):
        match = _DURATION.match(time.strip())
        if not match:
            raise TeachingDataError(f"{page}: step {number}'s time {time!r} is not like '2–3 hours' or '30 minutes'.")
        low = int(match.group(1))
        high = int(match.group(2) or low)
        factor = 60 if match.group(3).startswith("hour") else 1
        steps[int(number)] = (low * factor, high * factor)
    if not steps:
        raise TeachingDataError(f"{page} has no table of steps with times; the capstone milestones are checked against it.")
    return steps


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


def _class_time_problems(s: dict[str, Any], where: str, by_label: dict[str, Page]) -> list[str]:
    """In-class chapters need class time; a notebook started in class cannot take longer than the notebook."""
    problems = []
    named = {label for a in s["activities"] for label in a.get("chapters", [])}
    for label in sorted(named - set(s["in_class"])):
        problems.append(f"{where}: an activity works through {label!r}, which is not in the session's in_class list")
    for label in s["in_class"]:
        if label not in by_label:
            continue
        given = sum(a["minutes"] for a in s["activities"] if label in a.get("chapters", []))
        needed = int(by_label[label].meta.get("minutes") or 0)
        if 2 * given < needed:
            problems.append(f"{where}: {label!r} is worked through in class, but its activities give it {given} minutes, "
                            f"less than half the {needed} its front matter states")
    started = _started_in_class(s)
    if started:
        if "capstone" in s["assignment"]:
            problems.append(f"{where}: an activity starts the assignment in class, but the assignment is a capstone "
                            "milestone, not a notebook")
        elif s["assignment"]["name"] in assignment_index():
            minutes = assignment_minutes(s["assignment"]["name"])
            if started > minutes:
                problems.append(f"{where}: {started} minutes of the notebook are started in class; it takes {minutes}")
    return problems


def _capstone_problems(syllabus: Syllabus) -> list[str]:
    capstone = syllabus.capstone
    if capstone is None:
        return [f"{syllabus.name} session {s['number']}: the assignment is capstone milestone "
                f"{s['assignment']['capstone']!r}, but the syllabus has no capstone" for s in syllabus.sessions
                if "capstone" in s["assignment"]]
    problems = []
    where = f"{syllabus.name} capstone"
    milestones = {m["id"]: m for m in capstone["milestones"]}
    for s in syllabus.sessions:
        if "capstone" in s["assignment"] and s["assignment"]["capstone"] not in milestones:
            problems.append(f"{syllabus.name} session {s['number']}: {s['assignment']['capstone']!r} is no milestone")
    steps = capstone_steps()
    covered = [n for m in capstone["milestones"] for n in m["steps"]]
    unknown = sorted(set(covered) - set(steps))
    if unknown:
        problems.append(f"{where}: steps {unknown} are not in the capstone page's table (steps {sorted(steps)})")
    missing = sorted(set(steps) - set(covered))
    if missing:
        problems.append(f"{where}: no milestone covers steps {missing} of the capstone page's table")
    work = sum(m["minutes"] for m in capstone["milestones"] if m["steps"])
    low = sum(lo for lo, _ in steps.values())
    high = sum(hi for _, hi in steps.values())
    if not low <= work <= high:
        problems.append(f"{where}: the milestones covering the page's steps add up to {work} minutes; the capstone "
                        f"page says those steps take {low}-{high}")
    days = [s["day"] for s in syllabus.sessions if "day" in s]
    if days and len(days) != len(syllabus.sessions):
        problems.append(f"{where}: give every session a 'day' or none")
    return problems


def plan_problems(syllabus: Syllabus, *, pages: list[Page] | None = None) -> list[str]:
    """Everything wrong with a syllabus as the book stands; empty when the plan is sound."""
    from .toolgraph import tool_order_problems

    pages = pages if pages is not None else book_pages()
    by_label = {p.label: p for p in pages}
    problems: list[str] = []
    seen: set[str] = set()
    previous_day = 0
    for s in syllabus.sessions:
        where = f"{syllabus.name} session {s['number']}"
        total = sum(a["minutes"] for a in s["activities"])
        if total != s["minutes"]:
            problems.append(f"{where}: activities add up to {total} minutes, the session lasts {s['minutes']}")
        if not 1 <= s["week"] <= syllabus.weeks:
            problems.append(f"{where}: week {s['week']} is outside weeks 1-{syllabus.weeks}")
        if "day" in s:
            if week_of_day(s["day"]) != s["week"]:
                problems.append(f"{where}: day {s['day']} falls in week {week_of_day(s['day'])}, not week {s['week']}")
            if s["day"] <= previous_day:
                problems.append(f"{where}: day {s['day']} does not come after the previous session's day {previous_day}")
            previous_day = s["day"]
        unknown = [label for label in _chapters(s) if label not in by_label]
        problems += [f"{where}: {label!r} is no page label of the book" for label in unknown]
        here = set(_chapters(s)) - set(unknown)
        for label in sorted(here):
            late = [p for p in by_label[label].meta.get("prerequisites") or [] if p in by_label
                    and by_label[p].part.startswith("Part") and p not in seen | here]
            problems += [f"{where}: {label!r} needs {p!r}, which no earlier session covers" for p in late]
        seen |= here
        problems += _class_time_problems(s, where, by_label)
        names = [] if "capstone" in s["assignment"] else [s["assignment"]["name"]]
        for name in [*names, *s["assignment"].get("optional", [])]:
            if name not in assignment_index():
                problems.append(f"{where}: assignment {name!r} is no notebook under exercises/")
        for key in [s["reading"]["key"], *s.get("further_reading", [])]:
            if key not in bib_entries():
                problems.append(f"{where}: reading {key!r} is in no .bib file under book/reference/")
    return problems + _capstone_problems(syllabus) + tool_order_problems(syllabus, pages=pages)


def _assignment_label(s: dict[str, Any]) -> str:
    if "capstone" in s["assignment"]:
        return f"capstone: {s['assignment']['capstone']}"
    return s["assignment"]["name"]


def sessions_table(syllabus: Syllabus) -> pd.DataFrame:
    """One row per session: number, week, title, chapters, assignment, reading key, passage."""
    titles = {p.label: p.title for p in book_pages()}
    rows = []
    for s in syllabus.sessions:
        rows.append({
            "session": s["number"], "week": s["week"], "title": s["title"],
            "read before": "; ".join(titles.get(x, x) for x in s["read_before"]) or "nothing",
            "in class": "; ".join(titles.get(x, x) for x in s["in_class"]) or "-",
            "assignment": _assignment_label(s), "reading": s["reading"]["key"],
            "handout": ", ".join(f"S{a}" if a == b else f"S{a}-S{b}" for a, b in s["handout"]["passage"]),
        })
    return pd.DataFrame(rows).set_index("session")


def milestones_table(syllabus: Syllabus) -> pd.DataFrame:
    """The capstone's milestones: id, title, due day and week, outside minutes, steps, deliverable.

    Empty (no rows) for a syllabus without a capstone.
    """
    columns = ["milestone", "title", "due day", "week", "minutes", "steps", "what", "deliverable"]
    if syllabus.capstone is None:
        return pd.DataFrame(columns=columns)
    rows = [{"milestone": m["id"], "title": m["title"], "due day": m["due_day"], "week": week_of_day(m["due_day"]),
             "minutes": m["minutes"], "steps": ", ".join(str(n) for n in m["steps"]) or "-", "what": m["what"],
             "deliverable": m["deliverable"]} for m in syllabus.capstone["milestones"]]
    return pd.DataFrame(rows, columns=columns)


def workload_table(syllabus: Syllabus) -> pd.DataFrame:
    """Outside-class minutes per week: reading before sessions, assignments and the capstone, against the budget.

    * reading: the ``minutes`` of the chapters in ``read_before`` (chapters worked through
      ``in_class`` count as class time);
    * assignments: each session's notebook (:func:`assignment_minutes`, the notebook's
      ``metadata.medialit.minutes``), less the minutes started in class, in the week of the
      session that sets it; optional assignments are not counted;
    * capstone: each milestone's ``minutes`` in the week of its due day. A milestone due after
      the last week of sessions adds a row for its week, held to the same budget.

    The session's primary reading is not counted: its length depends on the excerpt and the
    edition. ``left`` is what the budget leaves for it.
    """
    minutes = {p.label: int(p.meta.get("minutes") or 0) for p in book_pages()}
    milestones = syllabus.capstone["milestones"] if syllabus.capstone else []
    last = max([syllabus.weeks, *[week_of_day(m["due_day"]) for m in milestones]])
    rows = []
    for week in range(1, last + 1):
        sessions = [s for s in syllabus.sessions if s["week"] == week]
        reading = sum(minutes.get(label, 0) for s in sessions for label in s["read_before"])
        assignments = sum(outside_assignment_minutes(s) for s in sessions)
        capstone = sum(m["minutes"] for m in milestones if week_of_day(m["due_day"]) == week)
        total = reading + assignments + capstone
        rows.append({"week": week, "sessions": len(sessions), "reading minutes": reading,
                     "assignment minutes": assignments, "capstone minutes": capstone, "total": total,
                     "budget": syllabus.budget, "left": syllabus.budget - total})
    return pd.DataFrame(rows).set_index("week")


def pages_left_out(syllabus: Syllabus, *, pages: list[Page] | None = None) -> list[Page]:
    """The pages of Parts I-V that no session of the syllabus reads or works through, in book order."""
    pages = pages if pages is not None else book_pages()
    used = {label for s in syllabus.sessions for label in _chapters(s)}
    return [p for p in pages if p.part.startswith("Part") and p.label not in used]


# --- grading time ----------------------------------------------------------------------------

#: Minutes a grader needs for one written (hand-graded) answer: reading an answer of about 80-200
#: words and scoring it against a rubric of 2-4 points, after calibrating on the sample answers.
#: An assumption, not a measurement; change it to your own experience.
MINUTES_PER_WRITTEN_ANSWER = 4


def grading_time_table(*, minutes_per_written: float = MINUTES_PER_WRITTEN_ANSWER, class_size: int = 30) -> pd.DataFrame:
    """Per assignment: the machine time of auto-grading (measured) and the grader's time for the
    written answers (assumed), per submission and for a class.

    The CPU seconds per submission are read from ``data/teaching/grading-times.json``, written by
    ``benchmarks/grading_times.py`` (the grading engine of ``medialit grade`` run on solved and
    blank submissions, one at a time; CPU time, which a shared machine's load changes little). The
    written answers are the questions with ``manual: true``, counted in each notebook.

    >>> grading_time_table().loc["counting-frequencies", "written answers"] >= 1
    True
    """
    path = data_path("teaching", "grading-times.json")
    verify_file(path)
    measured = json.loads(path.read_text(encoding="utf-8"))["assignments"]
    rows = []
    for name, source in sorted(assignment_index().items(), key=lambda item: str(item[1])):
        cells = json.loads(source.read_text(encoding="utf-8")).get("cells", [])
        configs = [yaml.safe_load("".join(c["source"]).strip().removeprefix("# BEGIN QUESTION")) or {}
                   for c in cells if c.get("cell_type") == "raw"
                   and "".join(c["source"]).strip().startswith("# BEGIN QUESTION")]
        written = sum(bool(c.get("manual")) for c in configs)
        if name not in measured:
            raise TeachingDataError(f"{path} has no measurement for {name}; run benchmarks/grading_times.py "
                                    f"exercises/{source.parent.name}/{source.name}.")
        cpu = float(measured[name]["cpu_seconds_per_submission"])
        rows.append({"assignment": name, "auto-graded questions": len(configs) - written,
                     "CPU seconds per submission (measured)": cpu, "written answers": written,
                     "grader minutes per submission (assumed)": written * minutes_per_written,
                     f"machine minutes for {class_size}": round(cpu * class_size / 60, 1),
                     f"grader hours for {class_size}": round(written * minutes_per_written * class_size / 60, 1)})
    return pd.DataFrame(rows).set_index("assignment")
