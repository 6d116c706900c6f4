"""Propaganda techniques: cue words, and whose voice they are in.

A report about propaganda carries two kinds of persuasion. The **propagandist's**
techniques reach the reader through quotation and reported speech: the group's
name calling ("the dogs"), its slogans ("the Caliphate is already here"), its
band wagon ("millions of Muslims"). The **coverage's** own choices are in the
reporter's voice: a loaded word ("hotbed"), an unqualified warning ("no one is
safe"), a headline that repeats the group's call. Media literacy asks a reader to
tell the two apart, and so does this module.

:func:`technique_cues` marks words and patterns that often signal one of the
techniques in ``data/codebooks/techniques.yml`` (the seven devices of the
Institute for Propaganda Analysis, 1937, and the classes of SemEval-2020 Task 11,
Da San Martino et al. 2019), and gives each match a ``voice``: ``"attributed"``
when it lies inside the content of an attribution found by
:func:`medialit.attribution.extract_attributions`, else ``"reporter"``.

A cue is a hint to read the sentence, not a finding: "threat" is a cue for an
appeal to fear, and most sentences with "threat" in them are plain reporting.
Several techniques (testimonial, card stacking, repetition, slogans) have no
reliable cue words; the codebook says so, and :func:`technique_cues` never
reports them. Read the codebook's examples and "not to be confused with" notes.
"""
from __future__ import annotations

import functools
import re
from typing import Any

import pandas as pd

from ._tables import with_int64
from .errors import DataFileError
from .framing import _CURLY, _phrase_body, _read_yaml, _scan_regex, _sentence_index
from .text import check_text

__all__ = ["codebook", "technique_cues"]

_FAMILIES = ("ipa1937", "semeval2020")
_COLUMNS = ["technique", "family", "cue", "match", "start", "end", "sentence", "voice"]


def codebook() -> pd.DataFrame:
    """The techniques of ``data/codebooks/techniques.yml``, one row each.

    Columns: ``technique`` (id), ``family`` (``ipa1937`` or ``semeval2020``),
    ``name``, ``definition``, ``has_cues`` (False where the codebook says there are
    no reliable cue words), and the example: ``example_text``, ``example_quote``,
    ``example_start``, ``example_end``, ``example_voice``.

    >>> book = codebook()
    >>> book.groupby("family").size().to_dict()
    {'ipa1937': 7, 'semeval2020': 14}
    """
    rows = []
    for item in _read_yaml("codebooks", "techniques.yml")["techniques"]:
        example = item["example"]
        rows.append({
            "technique": item["id"], "family": item["family"], "name": item["name"],
            "definition": item["definition"],
            "has_cues": bool(item.get("cues") or item.get("patterns")),
            "example_text": example["text"], "example_quote": example["quote"],
            "example_start": int(example["start"]), "example_end": int(example["end"]),
            "example_voice": example["voice"],
        })
    return pd.DataFrame(rows)


@functools.cache
def _compiled() -> list[dict[str, Any]]:
    compiled = []
    for item in _read_yaml("codebooks", "techniques.yml")["techniques"]:
        patterns = []
        for cue in sorted(item.get("cues", []) or [], key=lambda c: (-len(c), c)):
            patterns.append((cue, re.compile(_scan_regex(cue), re.IGNORECASE), True))
        for pattern in item.get("patterns", []) or []:
            try:
                patterns.append((pattern, re.compile(pattern, re.IGNORECASE), False))
            except re.error as exc:  # pragma: no cover - the shipped codebook is tested
                raise DataFileError(f"techniques.yml: technique {item['id']!r} has a bad pattern {pattern!r}: {exc}") from exc
        if patterns:
            compiled.append({"technique": item["id"], "family": item["family"], "patterns": patterns})
    return compiled


@functools.cache
def _cue_gate() -> re.Pattern[str]:
    """One zero-width expression that matches at every position where a cue word of the codebook
    (not a free pattern) matches: the cues' bodies as alternatives of one look-ahead, behind one
    look-behind. One pass of it over a text, and a try of each cue at the positions it finds,
    costs a fifth of a pass per cue (most positions fail the shared look-behind at once)."""
    cues = sorted({cue for item in _read_yaml("codebooks", "techniques.yml")["techniques"]
                   for cue in item.get("cues", []) or []}, key=lambda c: (-len(c), c))
    return re.compile(r"(?<![\w-])(?=" + "|".join(_phrase_body(cue) + r"(?![\w-])" for cue in cues) + ")",
                      re.IGNORECASE)


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """The matches ``pattern.finditer(text)`` gives, found by trying ``pattern`` only at ``starts``
    (sorted; every position where it can match, and maybe more). Like ``finditer``, a match
    starts where the last one ended or later. For a cue's pattern, which never matches the
    empty string.

    >>> text = "Barbarians, barbaric acts and a barbarian's creed."
    >>> pattern = re.compile(_scan_regex("barbarian*"), re.IGNORECASE)  # a cue of the codebook
    >>> starts = [m.start() for m in _cue_gate().finditer(text)]
    >>> [m.group() for m in _matches_at(pattern, text, starts)]
    ['Barbarians', "barbarian's"]
    >>> [m.span() for m in _matches_at(pattern, text, starts)] == [m.span() for m in pattern.finditer(text)]
    True
    """
    found = []
    until = 0
    for start in starts:
        if start < until:
            continue
        match = pattern.match(text, start)
        if match:
            found.append(match)
            until = match.end()
    return found


def _attributed_spans(text: str, attributions: pd.DataFrame | None = None) -> list[tuple[int, int]]:
    """Content spans of the attributions in ``text`` (quotations and reported speech): from
    ``attributions`` when given, else from running the extractor."""
    from .attribution import extract_attributions

    if attributions is None:
        found = extract_attributions(text)
    elif not isinstance(attributions, pd.DataFrame) or not {"content_start", "content_end"} <= set(attributions.columns):
        raise TypeError("attributions must be the table medialit.attribution.extract_attributions(text) returns "
                        f"(a DataFrame with content_start and content_end); got {type(attributions).__name__}.")
    else:
        found = attributions
    spans = []
    for start, end in zip(found["content_start"], found["content_end"]):
        if pd.notna(start) and pd.notna(end) and int(end) > int(start):
            spans.append((int(start), int(end)))
    return sorted(spans)


def technique_cues(text: str, *, family: str | None = None,
                   attributions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Find cue words of propaganda techniques in a text, and say whose voice each is in.

    Args:
        text: the text.
        family: ``"ipa1937"`` or ``"semeval2020"`` to keep one scheme's techniques;
            ``None`` (default) keeps both (so a word like "dogs" appears twice: IPA
            name calling and SemEval name calling / labeling).
        attributions: the table :func:`medialit.attribution.extract_attributions` returned
            for this ``text``, when you have it: it decides the ``voice`` column instead of
            running the extractor again (what the capstone report does, once per article).
            ``None`` (default) runs the extractor.

    Returns:
        One row per match, sorted by position: ``technique`` (the codebook id),
        ``family``, ``cue`` (the codebook entry that matched), ``match`` (the words
        as written; ``text[start:end] == match``), ``start``, ``end``, ``sentence``
        (index as :func:`medialit.text.sentence_spans` counts) and ``voice``:
        ``"attributed"`` when the match overlaps the content of an
        attribution found by :func:`medialit.attribution.extract_attributions`,
        otherwise ``"reporter"``.

    Raises:
        TypeError, ValueError: ``text`` is not a non-empty string, ``family`` is
            not one of the two schemes, or ``attributions`` is not an extractor table.

    Caveats:
        The voice is only as good as the attribution extractor: a quotation it
        misses counts as the reporter's words. A table passed as ``attributions``
        must come from this same ``text``: its offsets are not checked against it. And a cue is not a technique: check
        every match against the codebook's definition and "not to be confused with".

    >>> text = '"They are traitors and dogs," the emir said. The region is a hotbed of unrest.'
    >>> cues = technique_cues(text, family="semeval2020")
    >>> cues[["technique", "match", "start", "voice"]].values.tolist()
    [['name_calling_labeling', 'traitors', 10, 'attributed'], ['name_calling_labeling', 'dogs', 23, 'attributed'], ['loaded_language', 'hotbed', 61, 'reporter']]
    >>> from medialit.attribution import extract_attributions
    >>> technique_cues(text, family="semeval2020", attributions=extract_attributions(text)).equals(cues)
    True
    """
    text = check_text(text)
    if family is not None and family not in _FAMILIES:
        raise ValueError(f"family must be one of {_FAMILIES} or None; got {family!r}.")
    plain = text.translate(_CURLY)
    sentence_of = _sentence_index(text)
    spans = _attributed_spans(text, attributions)
    starts = [m.start() for m in _cue_gate().finditer(plain)]  # where any cue word may start
    rows = []
    for item in _compiled():
        if family is not None and item["family"] != family:
            continue
        candidates = []
        for cue, pattern, is_cue in item["patterns"]:
            for found in (_matches_at(pattern, plain, starts) if is_cue else pattern.finditer(plain)):
                if found.end() > found.start():
                    candidates.append((found.start(), -(found.end() - found.start()), cue, found.end()))
        taken_until = -1
        for start, _negative_length, cue, end in sorted(candidates):
            if start < taken_until:
                continue  # leftmost, then longest, cue of the same technique wins
            taken_until = end
            voice = "attributed" if any(s < end and start < e for s, e in spans) else "reporter"
            rows.append({
                "technique": item["technique"], "family": item["family"], "cue": cue,
                "match": text[start:end], "start": start, "end": end,
                "sentence": sentence_of(start), "voice": voice,
            })
    table = with_int64(pd.DataFrame(rows, columns=_COLUMNS), ["start", "end", "sentence"])
    return table.sort_values(["start", "family", "technique"], kind="stable").reset_index(drop=True)
