"""Frames: coding sheets, cue words, label choices and how far coders agree.

A *frame* is what a report makes of an event: which problem it says there is,
who caused it, how to judge it and what should be done (Entman 1993). Content
analysts find frames in two ways, and this module supports both:

* **By hand, with a coding sheet.** A coder answers yes/no questions about each
  article; the answers to the questions that belong to one frame are averaged
  into a frame score between 0 and 1. The kit's sheet
  (``data/codebooks/frames.yml``) follows the five generic news frames of
  Semetko & Valkenburg (2000): responsibility, conflict, human interest,
  economic consequences and morality, with questions in the kit's own words.
  See :func:`score_coding_sheet` and, for how far two or more coders agree,
  :func:`agreement`.
* **By counting cue words.** :func:`frame_cues` marks words that often signal a
  frame ("blame", "clash", "mother", "cost", "sin", ...; the lexicon is
  ``data/lexicons/frame-cues.yml``), :func:`frame_profile` turns them into rates
  per 1,000 words and :func:`detect_frames` into yes/no decisions. Cue words are
  evidence for a frame, never proof of it: a word can be negated, quoted from
  someone the report argues with, or used in another sense. Chapter "Can
  counting find frames?" measures how often the counts agree with human coders.

:func:`label_choices` counts how each text names the group and its members
(ISIS / ISIL / IS / Daesh / "Islamic State"; militants / fighters / terrorists /
extremists / jihadists; "so-called"), from ``data/lexicons/labels.yml``.

:func:`load_frermann` reads the per-annotator answers of Frermann et al. (2023),
a corpus of climate-change news coded for the same five frames, for practising
agreement statistics on real coders.
"""
from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import yaml

from ._tables import with_int64
from .corpus import verify_file
from .errors import DataFileError
from .resources import data_path
from .text import check_text, check_texts, sentence_spans, tokenize

__all__ = [
    "FRAMES",
    "FRERMANN_QUESTION_FRAMES",
    "agreement",
    "coding_questions",
    "detect_frames",
    "find_labels",
    "frame_cues",
    "frame_profile",
    "label_choices",
    "load_frermann",
    "score_coding_sheet",
]

#: The five generic news frames, in the order the kit always reports them.
FRAMES = ("responsibility", "conflict", "human_interest", "economic", "morality")

_CURLY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"})
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


# ---------------------------------------------------------------------------
# shared helpers


def _named_texts(texts: object, *, name: str = "texts") -> dict[str, str]:
    """Accept a dict {name: text}, a pandas Series, a list of texts or one text.

    Lists get the names ``text_0``, ``text_1``, ...; a single string is ``text_0``.
    """
    if isinstance(texts, pd.Series):
        texts = {str(key): value for key, value in texts.items()}
    if isinstance(texts, Mapping):
        if not texts:
            raise ValueError(f"{name} is an empty mapping: give at least one text.")
        return {str(key): check_text(value, name=f"{name}[{key!r}]") for key, value in texts.items()}
    items = check_texts(texts, name=name)
    return {f"text_{i}": text for i, text in enumerate(items)}


@functools.lru_cache(maxsize=8)
def _sentence_starts(text: str) -> tuple[int, ...]:
    """Start offsets of the sentences of ``text``, kept for the last few texts: the labels, frame
    cues and technique cues of one article (as the capstone report runs them) split it once."""
    return tuple(start for start, _ in sentence_spans(text))


def _sentence_index(text: str):
    """Return a function mapping a character offset to the index of its sentence."""
    starts = _sentence_starts(text)

    def index(offset: int) -> int:
        return max(bisect.bisect_right(starts, offset) - 1, 0)

    return index


def _phrase_regex(phrase: str) -> str:
    """Turn a lexicon entry into a regular expression.

    Words are matched whole; a space matches any white space or a hyphen; a
    final ``*`` matches any ending (``attack*`` finds attack, attacks, attacked,
    attack's; a closing quotation mark after the word is not part of the match).
    """
    return r"(?<![\w-])" + _phrase_body(phrase) + r"(?![\w-])"


def _scan_regex(phrase: str) -> str:
    """The regular expression of :func:`_phrase_regex`, rewritten to scan a long text faster.

    The look-behind moves from before the first letter to just after it, where it looks back two
    characters (the one before the match, and the first letter itself): the two expressions find
    the same matches at the same offsets, but a pattern that starts with a letter lets the regex
    engine skip to the positions where that letter stands instead of testing the look-behind at
    every position (about twice as fast over the Wikinews corpus; tested in
    ``tests/test_frame_cue_regex.py``). An entry that starts with ``*`` keeps the plain form.

    >>> import re
    >>> text = "counterattack; attacks, attack-ed"
    >>> [m.span() for m in re.finditer(_scan_regex("attack*"), text)] == [m.span() for m in re.finditer(_phrase_regex("attack*"), text)]
    True
    >>> [text[slice(*m.span())] for m in re.finditer(_scan_regex("attack*"), text)]
    ['attacks', 'attack-ed']
    """
    phrase = phrase.strip()
    body = _phrase_body(phrase)
    first = re.escape(phrase[:1])
    if phrase[:1] == "*" or not body.startswith(first):
        return _phrase_regex(phrase)
    return first + r"(?<![\w-][\s\S])" + body[len(first):] + r"(?![\w-])"


def _phrase_body(phrase: str) -> str:
    """The regular expression of a lexicon entry without its word boundaries (see :func:`_phrase_regex`)."""
    phrase = phrase.strip()
    if not phrase:
        raise DataFileError("A lexicon entry is empty.")
    parts = []
    for word in phrase.split():
        wildcard = word.endswith("*")
        word = word.rstrip("*")
        piece = re.escape(word)
        parts.append(piece + (r"[\w-]*(?:'\w+)?" if wildcard else ""))
    return r"[\s-]+".join(parts)


@functools.cache
def _read_yaml(*parts: str) -> Any:
    path = data_path(*parts)
    verify_file(path)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:  # pragma: no cover - the shipped files are tested
        raise DataFileError(f"{path} is not valid YAML: {exc}") from exc


# ---------------------------------------------------------------------------
# coding sheets


def coding_questions() -> pd.DataFrame:
    """The questions of the kit's generic-frames coding sheet, one row each.

    Columns: ``question`` (an id such as ``"CON1"``), ``frame`` and ``text``.

    >>> sheet = coding_questions()
    >>> sorted(sheet["frame"].unique()) == sorted(FRAMES)
    True
    """
    book = _read_yaml("codebooks", "frames.yml")
    rows = []
    for frame in book["frames"]:
        for item in frame["questions"]:
            rows.append({"question": item["id"], "frame": frame["id"], "text": item["text"]})
    return pd.DataFrame(rows, columns=["question", "frame", "text"])


def _as_binary(values: pd.Series, *, column: str) -> pd.Series:
    """Map yes/no answers (strings, booleans or 0/1) to 1.0/0.0; refuse anything else."""
    def convert(value: object) -> float:
        if isinstance(value, (bool, np.bool_)):
            return float(value)
        if isinstance(value, (int, float, np.integer, np.floating)) and value in (0, 1):
            return float(value)
        if isinstance(value, str) and value.strip().lower() in _YES | _NO:
            return 1.0 if value.strip().lower() in _YES else 0.0
        raise ValueError(
            f"The column {column!r} holds {value!r}; expected yes/no answers "
            "('yes'/'no', True/False or 1/0). Remove unanswered questions or mark them 'no' on purpose."
        )

    return values.map(convert).astype(float)


def score_coding_sheet(answers: pd.DataFrame, *, question_frames: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Turn coders' yes/no answers into a frame score per article.

    A frame's score is the share of "yes" among the answers to that frame's
    questions: 0 means no question found the frame, 1 means every one did. With
    several coders, each coder's answers count equally (the score is the mean over
    coders and questions). This follows the additive scales of Semetko &
    Valkenburg (2000); where to draw the line between "frame present" and "absent"
    (0.5 is common) is the analyst's decision, so it is left to you.

    Args:
        answers: one row per answer, with the columns ``article``, ``question`` and
            ``answer`` ("yes"/"no", True/False or 1/0), and optionally ``coder``.
            If it has a ``frame`` column, that column says which frame each question
            belongs to; otherwise the kit's coding sheet does (see
            :func:`coding_questions`).
        question_frames: a mapping from question id to frame, to score a sheet other
            than the kit's.

    Returns:
        One row per article (index ``article``, sorted), one column per frame that
        has answers, values between 0 and 1.

    Raises:
        TypeError: ``answers`` is not a DataFrame.
        ValueError: a required column is missing, an answer is not yes/no, or a
            question belongs to no frame.

    >>> answers = pd.DataFrame({
    ...     "article": ["a", "a", "a", "a"],
    ...     "question": ["CON1", "CON2", "HUM1", "HUM2"],
    ...     "answer": ["yes", "yes", "no", "yes"]})
    >>> score_coding_sheet(answers)[["conflict", "human_interest"]].to_dict("index")
    {'a': {'conflict': 1.0, 'human_interest': 0.5}}
    """
    if not isinstance(answers, pd.DataFrame):
        raise TypeError(f"answers must be a pandas DataFrame; got {type(answers).__name__}.")
    missing = [col for col in ("article", "question", "answer") if col not in answers.columns]
    if missing:
        raise ValueError(
            f"answers lacks the column(s) {missing}; it has {list(answers.columns)}. "
            "Expected one row per answer with 'article', 'question', 'answer' (and optionally 'coder')."
        )
    if answers.empty:
        raise ValueError("answers is empty: there is nothing to score.")
    table = answers.copy()
    if question_frames is not None:
        mapping = dict(question_frames)
        table["frame"] = table["question"].map(mapping)
    elif "frame" not in table.columns:
        sheet = coding_questions()
        table["frame"] = table["question"].map(dict(zip(sheet["question"], sheet["frame"])))
    unknown = sorted(map(str, table.loc[table["frame"].isna(), "question"].unique()))
    if unknown:
        raise ValueError(
            f"These questions belong to no frame: {unknown[:10]}. Use the ids of the kit's sheet "
            "(see coding_questions()) or pass question_frames={'Q1': 'conflict', ...}."
        )
    table["yes"] = _as_binary(table["answer"], column="answer")
    if "coder" not in table.columns:
        table["coder"] = "coder"
    per_coder = table.groupby(["article", "coder", "frame"], sort=True)["yes"].mean()
    scores = per_coder.groupby(level=["article", "frame"]).mean().unstack("frame")
    order = [frame for frame in FRAMES if frame in scores.columns]
    order += sorted(col for col in scores.columns if col not in FRAMES)
    scores = scores[order]
    scores.columns.name = None
    scores.index.name = "article"
    return scores.sort_index()


# ---------------------------------------------------------------------------
# agreement


def _codings_matrix(codings: pd.DataFrame) -> pd.DataFrame:
    """Return units x coders from a wide table or a long one (unit, coder, code)."""
    if not isinstance(codings, pd.DataFrame):
        raise TypeError(
            f"codings must be a pandas DataFrame; got {type(codings).__name__}. Give one row per unit "
            "(article) and one column per coder, or the long columns 'unit', 'coder', 'code'."
        )
    if {"unit", "coder", "code"} <= set(codings.columns):
        duplicated = codings.duplicated(["unit", "coder"])
        if duplicated.any():
            first = codings.loc[duplicated, ["unit", "coder"]].iloc[0].tolist()
            raise ValueError(f"codings has more than one code for (unit, coder) = {first}; keep one per pair.")
        matrix = codings.pivot(index="unit", columns="coder", values="code")
    else:
        matrix = codings
    if matrix.shape[1] < 2:
        raise ValueError(
            f"codings has {matrix.shape[1]} coder column(s) ({list(matrix.columns)}); agreement needs at least two coders."
        )
    if matrix.shape[0] < 1 or matrix.notna().sum(axis=1).max() < 2:
        raise ValueError("codings has no unit coded by two or more coders: there is nothing to compare.")
    return matrix


def agreement(codings: pd.DataFrame, *, metric: str = "krippendorff_alpha", level: str = "nominal") -> float:
    """How far coders agree, beyond what chance alone would give.

    Raw agreement (the share of units on which coders give the same code) flatters
    coders when one code is common: if 90% of articles have no morality frame, two
    coders who both answer "no" at random 90% of the time agree on 82% of articles
    without reading them. A **chance-corrected** coefficient compares the observed
    agreement with the agreement expected by chance from how often each code is
    used, and reports ``(observed - expected) / (1 - expected)``: 1 is perfect
    agreement, 0 is no better than chance, below 0 is systematic disagreement.

    * ``"cohen_kappa"`` (Cohen 1960): exactly two coders, every unit coded by both;
      chance agreement from each coder's own code frequencies.
    * ``"krippendorff_alpha"`` (Krippendorff 2004), computed with the
      ``krippendorff`` package: any number of coders, missing codes allowed (a
      unit counts if at least two coders coded it); it works with disagreements,
      ``1 - observed / expected disagreement``, pooling all coders' codes for the
      expected part, and corrects for small samples. ``level`` says how to weigh
      disagreements: ``"nominal"`` (categories), ``"ordinal"``, ``"interval"``.

    A common rule of thumb (Krippendorff) trusts alpha >= 0.8 and draws tentative
    conclusions from 0.667 upwards; for rare codes both coefficients swing widely
    with a handful of units.

    Args:
        codings: one row per unit (article, sentence) and one column per coder,
            missing codes as NaN; or a long table with the columns ``unit``,
            ``coder`` and ``code``.
        metric: ``"krippendorff_alpha"`` or ``"cohen_kappa"``.
        level: level of measurement for alpha (kappa is always nominal).

    Returns:
        The coefficient as a float; NaN when it is undefined because every code
        given is the same (there is no variation to agree about).

    Raises:
        TypeError: ``codings`` is not a DataFrame.
        ValueError: unknown metric or level, fewer than two coders, or for kappa
            more than two coders or a unit that one coder left out.

    >>> codings = pd.DataFrame({"ann": ["yes", "yes", "no", "no"],
    ...                         "ben": ["yes", "no", "no", "no"]})
    >>> round(agreement(codings, metric="cohen_kappa"), 3)
    0.5
    >>> round(agreement(codings), 3)
    0.533
    """
    metrics = ("krippendorff_alpha", "cohen_kappa")
    if metric not in metrics:
        raise ValueError(f"metric must be one of {metrics}; got {metric!r}.")
    levels = ("nominal", "ordinal", "interval", "ratio")
    if level not in levels:
        raise ValueError(f"level must be one of {levels}; got {level!r}.")
    matrix = _codings_matrix(codings)
    if metric == "cohen_kappa":
        if matrix.shape[1] != 2:
            raise ValueError(
                f"Cohen's kappa compares exactly two coders; codings has {matrix.shape[1]} "
                f"({list(matrix.columns)}). Use metric='krippendorff_alpha' for more."
            )
        if matrix.isna().any().any():
            row = matrix.index[matrix.isna().any(axis=1)][0]
            raise ValueError(
                f"Cohen's kappa needs every unit coded by both coders; unit {row!r} has a missing code. "
                "Drop such units yourself (and say so), or use metric='krippendorff_alpha', which allows gaps."
            )
        first, second = matrix.iloc[:, 0].astype(str), matrix.iloc[:, 1].astype(str)
        observed = float((first == second).mean())
        p1 = first.value_counts(normalize=True)
        p2 = second.value_counts(normalize=True)
        expected = float(sum(p1.get(code, 0.0) * p2.get(code, 0.0) for code in set(p1.index) | set(p2.index)))
        if expected == 1.0:
            return float("nan")
        return (observed - expected) / (1.0 - expected)

    import krippendorff

    values = matrix.stack().dropna()
    categories = sorted(values.unique(), key=lambda v: (str(type(v)), v))
    if len(categories) < 2:
        return float("nan")
    if level == "nominal":
        codes = {category: float(i) for i, category in enumerate(categories)}
        numeric = matrix.apply(lambda column: column.map(lambda v: codes.get(v, np.nan) if pd.notna(v) else np.nan))
    else:
        try:
            numeric = matrix.astype(float)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"level={level!r} needs numeric codes; codings holds {categories[:5]}.") from exc
    reliability = numeric.to_numpy(dtype=float).T  # coders x units
    return float(krippendorff.alpha(reliability_data=reliability, level_of_measurement=level))


# ---------------------------------------------------------------------------
# frame cues


@functools.cache
def _frame_lexicon() -> dict[str, dict[str, Any]]:
    book = _read_yaml("lexicons", "frame-cues.yml")
    frames = book.get("frames") if isinstance(book, dict) else None
    if not isinstance(frames, dict) or set(frames) != set(FRAMES):
        raise DataFileError(f"data/lexicons/frame-cues.yml must define exactly the frames {FRAMES}.")
    compiled = {}
    for frame in FRAMES:
        cues = sorted(set(frames[frame]["cues"]), key=lambda cue: (-len(cue), cue))
        patterns = [(cue, re.compile(_phrase_regex(cue), re.IGNORECASE)) for cue in cues]
        # One alternation between one pair of word boundaries (the boundaries are the same for every
        # cue): the regex engine tests the look-behind once per position instead of once per cue,
        # about nine times faster on the Wikinews corpus, with the same matches (longest cue first,
        # and backtracking into the next alternative where a cue's end is not a word boundary).
        combined = re.compile(r"(?<![\w-])(?:" + "|".join(_phrase_body(cue) for cue in cues) + r")(?![\w-])",
                              re.IGNORECASE)
        compiled[frame] = {
            "patterns": patterns,
            "combined": combined,
            "threshold": float(frames[frame]["threshold_per_1000"]),
            "exclude": {word.lower() for word in frames[frame].get("exclude", [])},
        }
    return compiled


_CUE_COLUMNS = ["frame", "cue", "match", "start", "end", "sentence"]


def frame_cues(text: str) -> pd.DataFrame:
    """Find the cue words of the five generic frames in a text.

    Args:
        text: the text.

    Returns:
        One row per match, sorted by position then frame, with the columns
        ``frame``, ``cue`` (the lexicon entry, ``*`` marking "any ending"),
        ``match`` (the words as written), ``start`` and ``end`` (offsets:
        ``text[start:end] == match``) and ``sentence`` (index of the sentence, as
        :func:`medialit.text.sentence_spans` splits them). A word may cue more than
        one frame.

    Caveats:
        A cue is a word, not a reading. "Attack" is a conflict cue whether the
        report describes an attack or a politician's attack on a plan; negation
        ("no one was hurt") and quotation are not seen. Read the sentences.

    >>> cues = frame_cues("Residents blamed the police. The attack left a mother grieving.")
    >>> cues[["frame", "match", "start", "sentence"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['human_interest', 'Residents', 0, 0], ['conflict', 'blamed', 10, 0],
     ['responsibility', 'blamed', 10, 0], ['conflict', 'attack', 33, 1],
     ['human_interest', 'mother', 47, 1], ['human_interest', 'grieving', 54, 1]]
    """
    text = check_text(text)
    plain = text.translate(_CURLY)
    sentence_of = _sentence_index(text)
    rows = []
    for frame, lexicon in _frame_lexicon().items():
        for found in lexicon["combined"].finditer(plain):
            matched = found.group()
            if matched.lower() in lexicon["exclude"]:
                continue
            cue = next(c for c, pattern in lexicon["patterns"] if pattern.fullmatch(matched))
            rows.append({
                "frame": frame,
                "cue": cue,
                "match": text[found.start():found.end()],
                "start": found.start(),
                "end": found.end(),
                "sentence": sentence_of(found.start()),
            })
    table = pd.DataFrame(rows, columns=_CUE_COLUMNS)
    table = with_int64(table, ["start", "end", "sentence"])
    return table.sort_values(["start", "frame", "end"], kind="stable").reset_index(drop=True)


def frame_profile(texts: object) -> pd.DataFrame:
    """Cue rates of the five frames per 1,000 words, one row per text.

    Args:
        texts: a dict ``{name: text}``, a pandas Series of texts, a list of texts
            (named ``text_0``, ``text_1``, ...) or one text.

    Returns:
        Index ``text`` (in the order given), one column per frame: cue matches
        per 1,000 words (words as :func:`medialit.text.tokenize` counts them).

    Caveats:
        Rates in short texts jump with a single word: in a 100-word report one cue
        is a rate of 10. Compare texts of similar length, and look at the matches
        (:func:`frame_cues`) before trusting a difference.

    >>> frame_profile({"a": "The attack killed two police officers."}).loc["a"].to_dict()
    {'responsibility': 0.0, 'conflict': 333.3333, 'human_interest': 0.0, 'economic': 0.0, 'morality': 0.0}
    """
    named = _named_texts(texts)
    rows = []
    for name, text in named.items():
        words = len(tokenize(text))
        counts = frame_cues(text)["frame"].value_counts()
        row = {"text": name}
        for frame in FRAMES:
            row[frame] = round(1000.0 * counts.get(frame, 0) / words, 4) if words else 0.0
        rows.append(row)
    return pd.DataFrame(rows).set_index("text")[list(FRAMES)]


def detect_frames(texts: object, *, thresholds: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Decide, for each text and frame, whether the cue rate says "frame present".

    A frame counts as present when its cue rate per 1,000 words
    (:func:`frame_profile`) reaches the frame's threshold. The shipped thresholds
    in ``data/lexicons/frame-cues.yml`` were tuned on the development half of the
    Frermann et al. (2023) articles only (see ``tools/evaluate_frame_cues.py``).

    Args:
        texts: as for :func:`frame_profile`.
        thresholds: ``{frame: rate}`` to override some or all shipped thresholds.

    Returns:
        Index ``text``, one boolean column per frame.

    >>> detect_frames({"a": "The attack killed two police officers."})["conflict"].tolist()
    [True]
    """
    limits = {frame: lexicon["threshold"] for frame, lexicon in _frame_lexicon().items()}
    if thresholds is not None:
        unknown = sorted(set(thresholds) - set(FRAMES))
        if unknown:
            raise ValueError(f"thresholds names unknown frame(s) {unknown}; the frames are {FRAMES}.")
        limits.update({frame: float(value) for frame, value in thresholds.items()})
    profile = frame_profile(texts)
    return pd.DataFrame({frame: profile[frame] >= limits[frame] for frame in FRAMES}, index=profile.index)


# ---------------------------------------------------------------------------
# labels


@functools.cache
def _label_lexicon() -> dict[str, dict[str, list[tuple[str, bool]]]]:
    book = _read_yaml("lexicons", "labels.yml")
    groups = {}
    for group, spec in book["groups"].items():
        labels = {}
        for label, entry in spec["labels"].items():
            labels[label] = [(pattern, bool(entry.get("case_sensitive", False))) for pattern in entry["patterns"]]
        groups[group] = labels
    return groups


def _custom_groups(groups: Mapping[str, Sequence[str]]) -> dict[str, dict[str, list[tuple[str, bool]]]]:
    result = {}
    for group, labels in groups.items():
        if isinstance(labels, str) or not isinstance(labels, Iterable):
            raise TypeError(f"groups[{group!r}] must be a list of labels; got {type(labels).__name__}.")
        result[str(group)] = {label: [(label, label.isupper())] for label in labels}
    return result


def _resolve_groups(groups: object) -> dict[str, dict[str, list[tuple[str, bool]]]]:
    shipped = _label_lexicon()
    if groups is None:
        return shipped
    if isinstance(groups, Mapping):
        return _custom_groups(groups)
    if isinstance(groups, str):
        groups = [groups]
    if not isinstance(groups, Iterable):
        raise TypeError(f"groups must be None, a list of group names or a mapping; got {type(groups).__name__}.")
    chosen = list(groups)
    unknown = [group for group in chosen if group not in shipped]
    if unknown:
        raise ValueError(f"Unknown label group(s) {unknown}; the shipped groups are {sorted(shipped)}.")
    return {group: shipped[group] for group in chosen}


@functools.lru_cache(maxsize=1024)
def _label_regex(label: str, case_sensitive: bool) -> re.Pattern[str]:
    """A label's pattern (:func:`_scan_regex`), compiled once for every text it is searched in."""
    return re.compile(_scan_regex(label), 0 if case_sensitive else re.IGNORECASE)


def _all_caps_word(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


_LABEL_COLUMNS = ["group", "label", "match", "start", "end", "sentence"]


def find_labels(text: str, *, groups: object = None) -> pd.DataFrame:
    """Find every label of the chosen groups in a text, with offsets.

    Matching rules:

    * Whole words only; a label of several words matches across any white space.
    * Case: labels written in capitals in ``labels.yml`` (``ISIS``, ``ISIL``,
      ``IS``) are matched **case-sensitively**, so the verb "is" never counts as
      the name "IS". A capital "IS" still does not count when a neighbouring word
      is also written in capitals and is not itself a group name ("THE VIDEO IS
      OUT" in an all-capitals headline). Other labels ignore case.
    * Within a group, the longest label wins where two overlap ("Islamic State of
      Iraq and the Levant" is ISIL, not "Islamic State"). Labels of different
      groups may overlap ("so-called" and "Islamic State" are counted apart).

    Args:
        text: the text.
        groups: ``None`` (all shipped groups), a list of shipped group names, or a
            mapping ``{group: [label, ...]}`` of your own labels (capitalised
            labels are then case-sensitive).

    Returns:
        One row per match, sorted by position: ``group``, ``label``, ``match``,
        ``start``, ``end``, ``sentence``.

    >>> find_labels("IS claims the attack; the group is small.")[["label", "match", "start"]]
      label match  start
    0    IS    IS      0
    """
    text = check_text(text)
    plain = text.translate(_CURLY)
    sentence_of = _sentence_index(text)
    chosen = _resolve_groups(groups)
    names = {pattern for labels in chosen.values() for patterns in labels.values() for pattern, _ in patterns}
    rows = []
    for group, labels in chosen.items():
        candidates = []
        for label, patterns in labels.items():
            for pattern, case_sensitive in patterns:
                regex = _label_regex(pattern, case_sensitive)
                for found in regex.finditer(plain):
                    if case_sensitive and len(pattern) <= 3:
                        before = re.findall(r"[\w'-]+", plain[max(0, found.start() - 40):found.start()].split("\n")[-1])
                        after = re.findall(r"[\w'-]+", plain[found.end():found.end() + 40].split("\n")[0])
                        neighbours = before[-1:] + after[:1]
                        if any(_all_caps_word(word) and word not in names for word in neighbours):
                            continue
                    candidates.append((found.start(), -(found.end() - found.start()), label, found.end()))
        taken_until = -1
        for start, _neg_len, label, end in sorted(candidates):
            if start < taken_until:
                continue
            taken_until = end
            rows.append({"group": group, "label": label, "match": text[start:end],
                         "start": start, "end": end, "sentence": sentence_of(start)})
    table = with_int64(pd.DataFrame(rows, columns=_LABEL_COLUMNS), ["start", "end", "sentence"])
    return table.sort_values(["start", "group"], kind="stable").reset_index(drop=True)


def label_choices(texts: object, *, groups: object = None) -> pd.DataFrame:
    """Count how each text names the group and its members.

    The shipped groups (``data/lexicons/labels.yml``) are ``group_name`` (ISIS,
    ISIL, IS, Daesh, Islamic State), ``member_label`` (militants, fighters,
    terrorists, extremists, jihadists, insurgents) and ``distancing`` (so-called,
    self-styled, self-proclaimed). See :func:`find_labels` for the matching rules,
    including how "IS" the name is told from "is" the verb.

    Args:
        texts: a dict ``{name: text}``, a pandas Series, a list of texts or one text.
        groups: as for :func:`find_labels`.

    Returns:
        One row per text, group and label (zeros included, so texts compare
        directly): ``text``, ``group``, ``label``, ``count``; texts in the order
        given, groups and labels in lexicon order. Pivot it for a table:
        ``label_choices(texts).pivot(index="text", columns="label", values="count")``.

    Caveats:
        A label inside a quotation is the quoted speaker's choice, not the
        reporter's; ``medialit.attribution`` tells the two apart.

    >>> table = label_choices({"wire": "Islamic State militants said ...",
    ...                        "tabloid": "ISIS jihadists and ISIS terrorists ..."})
    >>> table.query("count > 0").to_string(index=False)
    '   text        group         label  count\\n   wire   group_name Islamic State      1\\n   wire member_label     militants      1\\ntabloid   group_name          ISIS      2\\ntabloid member_label    terrorists      1\\ntabloid member_label     jihadists      1'
    """
    named = _named_texts(texts)
    chosen = _resolve_groups(groups)
    rows = []
    for name, text in named.items():
        found = find_labels(text, groups=groups)
        counts = found.groupby(["group", "label"]).size()
        for group, labels in chosen.items():
            for label in labels:
                rows.append({"text": name, "group": group, "label": label, "count": int(counts.get((group, label), 0))})
    return pd.DataFrame(rows, columns=["text", "group", "label", "count"])


# ---------------------------------------------------------------------------
# Frermann et al. (2023)

#: Which of Frermann et al.'s questions signal which frame (their README; the
#: "RE" frame, resolution, is their version of attribution of responsibility).
FRERMANN_QUESTION_FRAMES = {
    "re1": "responsibility", "re5": "responsibility",
    "hi1": "human_interest", "hi2": "human_interest", "hi5": "human_interest",
    "co1": "conflict", "co2": "conflict", "co3": "conflict",
    "mo1": "morality", "mo2": "morality",
    "ec1": "economic", "ec2": "economic", "ec3": "economic",
}


def load_frermann() -> pd.DataFrame:
    """Per-annotator answers of the Frermann et al. (2023) framing corpus, tidy.

    428 English climate-change news articles (2017-2019, 63 outlets), each coded
    by two to four annotators with yes/no questions adapted from Semetko &
    Valkenburg (2000). The kit ships the annotations only
    (``data/frermann2023/full_annotations.json``, MIT), never the article texts.

    Returns:
        One row per article, question and annotator who coded the article:
        ``article_id`` (int), ``outlet``, ``mbfc_bias`` (the outlet's Media Bias/Fact
        Check rating: left_bias, left_center_bias, right_bias, questionable_source),
        ``year``, ``question`` (``co1``, ``hi2``, ...), ``frame`` (the frame the
        question signals, or ``None`` for the questions the authors did not use
        for frames), ``annotator`` (1-4) and ``answer`` ("yes"/"no"). Annotators who
        did not code an article (``-1`` in the file) have no row. Answers are
        "yes" or "no", except for question ``re4``, which also has the answer
        "n/a: problem is resolved" (46 times; ``re4`` is not a frame question).

    Raises:
        ChecksumError: the file differs from its manifest.

    >>> answers = load_frermann()
    >>> answers["article_id"].nunique()
    428
    >>> sorted(answers.dropna(subset=["frame"])["answer"].unique())
    ['no', 'yes']
    """
    path = data_path("frermann2023", "full_annotations.json")
    verify_file(path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for article_id, record in raw.items():
        for question, value in record.items():
            if question.startswith("_"):
                continue
            for annotator, answer in enumerate(value[1], start=1):
                if answer == -1:
                    continue
                if answer not in ("yes", "no") and question in FRERMANN_QUESTION_FRAMES:
                    raise DataFileError(f"{path}: article {article_id}, {question}: unexpected answer {answer!r}.")
                rows.append({
                    "article_id": int(article_id),
                    "outlet": record["_source"],
                    "mbfc_bias": record["_mbfc"],
                    "year": int(record["_year"]),
                    "question": question,
                    "frame": FRERMANN_QUESTION_FRAMES.get(question),
                    "annotator": annotator,
                    "answer": answer,
                })
    table = pd.DataFrame(rows)
    return table.sort_values(["article_id", "question", "annotator"]).reset_index(drop=True)
