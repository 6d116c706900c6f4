"""Scare quotes and hedges: the reporter's own distance from a word.

A scare quote is a word or short phrase in quotation marks that no attribution's content
holds ("the so-called 'caliphate'"); a hedge is a word of the kit's hedge lexicon
(*alleged, reportedly, so-called*).
"""
from __future__ import annotations

import bisect
import functools
import re

import pandas as pd

from ..text import check_text, sentence_spans
from .._tables import with_int64
from .document import _doc_of
from .extract import _extract
from .lexicon import _hedge_regex, _hedge_table


def _single_quotes(text: str) -> list[tuple[int, int]]:
    """Pairs of single quotation marks around words (not apostrophes)."""
    out = []
    for m in re.finditer(r"(?<![\w'\u2019])['\u2018](?=\w)([^'\u2018\u2019\n]{1,80}?)(?<=[\w.,!?])['\u2019](?![\w])", text):
        out.append((m.start(), m.end()))
    return out


def scare_quotes(text: str, *, attributions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Quoted words or short phrases credited to nobody.

    A scare quote is a word or phrase of at most four words in quotation marks that
    is not the content of an attribution: the reporter's way of saying "their word,
    not mine" ('Russian apostates'; the so-called "caliphate"). Single quotation
    marks count wherever they stand (news style uses them in headlines and for
    terms); double quotation marks count when the quotation is not part of an
    attribution's content. Titles ("a video titled ...") are left out.

    Returns:
        Columns ``quote`` (the words, without marks), ``start``/``end`` (offsets of the
        words), ``marks`` ("single" or "double"), ``sentence_index``.

    >>> scare_quotes("The group's so-called 'province' issued a \\"fatwa\\".")[["quote", "marks"]].values.tolist()
    [['province', 'single'], ['fatwa', 'double']]
    """
    text = check_text(text)
    doc = _doc_of(text)
    attrs = _extract(doc) if attributions is None else attributions  # the extractor's table, if the caller has it
    contents = [(s, e) for s, e, t in zip(attrs["content_start"], attrs["content_end"], attrs["type"]) if t != "unmatched_quote"]
    rows = []
    for s, e in _single_quotes(text):
        inner_s, inner_e = s + 1, e - 1
        while inner_e > inner_s and text[inner_e - 1] in ",":
            inner_e -= 1
        quote = text[inner_s:inner_e]
        if len(quote.split()) <= 4:
            rows.append((quote, inner_s, inner_e, "single"))
    for q in doc.quotes:
        s, e = q.inner_start, q.inner_end
        quote = text[s:e]
        if not quote.strip() or len(quote.split()) > 4:
            continue
        if any(cs <= s and e <= ce for cs, ce in contents):
            continue
        before = text[max(0, q.open - 20):q.open].lower()
        if re.search(r"\b(?:titled|entitled|headlined|named)\s*$", before):
            continue
        e2 = e
        while e2 > s and text[e2 - 1] in ".!?":
            e2 -= 1
        rows.append((text[s:e2], s, e2, "double"))
    rows.sort(key=lambda r: r[1])
    frame = pd.DataFrame(rows, columns=["quote", "start", "end", "marks"])
    frame["sentence_index"] = [doc.sent_of(s) for s in frame["start"]]
    return with_int64(frame, ["start", "end", "sentence_index"])


def hedges(text: str) -> pd.DataFrame:
    """Hedges and distancing labels: alleged, reportedly, so-called, supposedly, purported, ...

    The words come from the kit's list ``data/lexicons/hedges.txt`` (see its
    manifest). ``claimed`` and ``reported`` count only as adjectives before a
    noun ("the claimed attack"), not as reporting verbs.

    Returns:
        Columns ``hedge`` (as written), ``term`` (the lexicon entry), ``kind``,
        ``start``, ``end``, ``sentence_index``.

    >>> hedges("The so-called emir reportedly fled; the alleged plot failed.")[["hedge", "kind"]].values.tolist()
    [['so-called', 'label'], ['reportedly', 'evidential'], ['alleged', 'evidential']]
    """
    text = check_text(text)
    frame = pd.DataFrame(list(_hedge_rows(text)), columns=["hedge", "term", "kind", "start", "end", "sentence_index"])
    return with_int64(frame, ["start", "end", "sentence_index"])


@functools.lru_cache(maxsize=4)
def _hedge_rows(text: str) -> tuple[tuple[str, str, str, int, int, int], ...]:
    """The rows of :func:`hedges` (``hedge``, ``term``, ``kind``, ``start``, ``end``,
    ``sentence_index``), kept for the last few texts: the voice map counts them and the capstone
    report lists them, for the same article."""
    kinds = {t: k for t, k, _ in _hedge_table()}
    spans = sentence_spans(text)
    starts = [s for s, _ in spans]
    rows = []
    for m in _hedge_regex().finditer(text):
        term = re.sub(r"\s+", " ", m.group().lower()).replace("\u2010", "-").replace("\u2011", "-")
        if term in ("claimed", "reported", "supposed"):
            before = text[max(0, m.start() - 12):m.start()].lower()
            after = text[m.end():m.end() + 20]
            if not re.search(r"(?:\b(?:the|a|an|its|his|her|their|two|three|four|five|several|many|some|\d+)|\d)\s+$", before) or re.match(r"\s+(?:to|that|by)\b", after):
                continue
        rows.append((m.group(), term, kinds.get(term, "hedge"), m.start(), m.end(),
                     max(0, bisect.bisect_right(starts, m.start()) - 1)))
    return tuple(rows)
