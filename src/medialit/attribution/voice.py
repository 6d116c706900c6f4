"""Who speaks: the kit's one definition of a *source*, and the voice map of a text.

**The rule.** Every attribution has a source, and every stretch of a text is in one voice:

* the **source** of an attribution is its resolved speaker when the text names one
  (``Dmitry Peskov``), else its speaker as written (``officials``, ``The ministry``, ``he``);
  an attribution with no speaker at all (``it was reported that``, a quotation nobody is
  credited with) has the source :data:`NO_SOURCE`;
* a source is **named** when it is resolved to a name, **unresolved** when it is a description,
  a group, a document or a pronoun the text does not resolve, and **none** when there is none;
* the words an attribution covers (its content, its speaker and its cue) are in the voice of its
  source -- a *named source* or an *unresolved source*; every other word is the **reporter's**.

The chapters, :func:`voice_map`, the capstone report (``medialit report``) and its figures
all count sources with :func:`sources` and :func:`source_table`, so that "who speaks" means the
same thing everywhere. Unresolved and missing sources are counted, never dropped: "the
ministry said in a statement that ..." is the ministry's voice, an unresolved source, not the
reporter's unsourced claim.

>>> from .extract import extract_attributions
>>> t = "The ministry said in a statement that the port was closed. Ana Ruiz said it would reopen."
>>> sources(extract_attributions(t))[["source", "source_kind"]].values.tolist()
[['The ministry', 'unresolved'], ['Ana Ruiz', 'named']]
"""
from __future__ import annotations

import bisect
import re
from typing import Any

import pandas as pd

from ..text import check_text
from .document import _Doc, _doc_of
from .evaluate import _check_frame
from .extract import _extract
from .marks import _hedge_rows

#: The kinds of source (see the module notes).
SOURCE_KINDS = ("named", "unresolved", "none")
#: The source of an attribution that credits nobody.
NO_SOURCE = "(no source given)"


def source_of(row: dict[str, Any]) -> tuple[str, str]:
    """The source of one attribution and its kind: ``(source, "named" | "unresolved" | "none")``.

    >>> source_of({"speaker": "Kremlin spokesperson Dmitry Peskov", "speaker_resolved": "Dmitry Peskov"})
    ('Dmitry Peskov', 'named')
    >>> source_of({"speaker": "officials", "speaker_resolved": ""}), source_of({"speaker": ""})
    (('officials', 'unresolved'), ('(no source given)', 'none'))
    """
    resolved = str(row.get("speaker_resolved") or "").strip()
    speaker = str(row.get("speaker") or "").strip()
    if resolved:
        return resolved, "named"
    if speaker:
        return speaker, "unresolved"
    return NO_SOURCE, "none"


def sources(attributions: pd.DataFrame) -> pd.DataFrame:
    """The attributions with two columns added: ``source`` and ``source_kind`` (:func:`source_of`).

    Rows of type ``unmatched_quote`` without a tag credit nobody and are left out (a lone
    quotation mark says nothing about who speaks).
    """
    frame = _check_frame(attributions, "attributions")
    # by position: an empty list of booleans would select no *columns* (frame[[]])
    frame = frame.iloc[[i for i, keep in enumerate(_credits_someone(frame)) if keep]].copy()
    pairs = [source_of(r) for r in frame.to_dict("records")]
    frame["source"] = [p[0] for p in pairs]
    frame["source_kind"] = [p[1] for p in pairs]
    return frame.reset_index(drop=True)


def _credits_someone(frame: pd.DataFrame) -> list[bool]:
    """Which attributions :func:`sources` keeps: all but the ``unmatched_quote`` rows without a cue."""
    cues = frame["cue"].tolist() if "cue" in frame.columns else [""] * len(frame)
    return [not (kind == "unmatched_quote" and (pd.isna(cue) or cue == "")) for kind, cue in zip(frame["type"], cues)]


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a table as dicts, like ``frame.to_dict("records")`` (Python values, missing
    strings as NaN), read column by column: several times faster on the small tables of one article."""
    columns = {column: frame[column].tolist() for column in frame.columns}
    return [dict(zip(columns, values)) for values in zip(*columns.values())]


def source_table(attributions: pd.DataFrame, *, by: list[str] | None = None) -> pd.DataFrame:
    """How often each source is credited: columns ``by`` (e.g. ``["outlet"]``), ``source``,
    ``source_kind`` and ``attributions``, most credited first within each group, ties by name.
    Unresolved sources and attributions with no source are rows of their own.

    >>> from .extract import extract_attributions
    >>> t = "Officials said the port was closed. It was reported that two ships sank. Officials added that it may reopen."
    >>> source_table(extract_attributions(t)).values.tolist()
    [['Officials', 'unresolved', 2], ['(no source given)', 'none', 1]]
    """
    by = list(by or [])
    missing = [c for c in by if c not in attributions.columns]
    if missing:
        raise ValueError(f"source_table: the attributions lack the column(s) {missing} to group by.")
    frame = sources(attributions)
    keys = by + ["source", "source_kind"]
    counts = frame.groupby(keys, sort=False).size().rename("attributions").reset_index()
    order = by + ["attributions", "source"]
    return (counts.sort_values(order, ascending=[True] * len(by) + [False, True], kind="stable")
            .reset_index(drop=True)[keys + ["attributions"]])


def _occurrences(piece: str, text: str, start: int, end: int) -> list[int]:
    """Offsets of ``piece`` (not empty) in ``text[start:end]``, left to right and not overlapping:
    the matches of ``re.finditer(re.escape(piece), ...)``, without compiling an expression per name.

    >>> _occurrences("aa", "aaaaa", 0, 5)
    [0, 2]
    """
    found = []
    at = text.find(piece, start, end)
    while at >= 0:
        found.append(at)
        at = text.find(piece, at + len(piece), end)
    return found


def _regions(doc: _Doc, attrs: pd.DataFrame) -> list[tuple[int, int, str, str, str]]:
    """(start, end, source, kind, cue) of each attribution: its content widened to its speaker
    and cue where they stand next to it in the same sentences."""
    text = doc.text
    regions = []
    for r, kept in zip(_records(attrs), _credits_someone(attrs)):
        if not kept:
            continue
        r["source"], r["source_kind"] = source_of(r)  # as sources(attrs) gives them, without building its table
        cs, ce = int(r["content_start"]), int(r["content_end"])
        lo, hi = cs, ce
        w_lo = doc.sent_bounds(doc.sent_of(cs))[0]
        w_hi = doc.sent_bounds(doc.sent_of(max(cs, ce - 1)))[1]
        cue = str(r.get("cue") or "")
        for piece in (cue, str(r.get("speaker") or "")):
            if not piece:
                continue
            best = None
            for a in _occurrences(piece, text, w_lo, w_hi):
                b = a + len(piece)
                if cs <= a < ce:
                    continue  # inside the content: not the tag
                dist = cs - b if b <= cs else a - ce
                if best is None or dist < best[0]:
                    best = (dist, a, b)
            if best is not None:
                lo, hi = min(lo, best[1]), max(hi, best[2])
        source = r["source"] if r["source_kind"] != "none" else ""
        regions.append((lo, hi, source, r["source_kind"], cue))
    return regions


def attributed_spans(text: str, *, attributions: pd.DataFrame | None = None) -> list[tuple[int, int, str, str]]:
    """The stretches of ``text`` in a source's voice: each attribution's content widened to its
    speaker and cue, as ``(start, end, source, source_kind)``, in text order. Every other
    character is the reporter's. A word of the tag (*asked* in "commentators asked whether ...")
    is in the source's voice, like the content.

    >>> t = "The bridge is closed. Officials said it will reopen."
    >>> [(t[s:e], src, kind) for s, e, src, kind in attributed_spans(t)]
    [('Officials said it will reopen', 'Officials', 'unresolved')]
    """
    text = check_text(text)
    doc = _doc_of(text)
    attrs = _extract(doc) if attributions is None else _check_frame(attributions, "attributions")
    return sorted((lo, hi, source, kind) for lo, hi, source, kind, _ in _regions(doc, attrs))


def voice_map(text: str, *, attributions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The attribution audit of a text: one row per sentence, saying who speaks in it.

    Args:
        text: the text.
        attributions: a table like :func:`extract_attributions` returns (e.g. the gold
            annotations of :func:`load_gold`); by default the extractor is run.

    Returns:
        One row per sentence of :func:`medialit.text.sentence_spans` with the columns
        ``sentence_index``, ``start``, ``end``, ``sentence``, ``voice`` ("reporter" when no
        attribution touches the sentence, "attributed" when attributions cover nearly all its
        words, "mixed" otherwise), ``sources`` (the sources of :func:`source_of`, joined by
        "; "), ``cues``, ``hedges`` (how many), ``unsourced_claim`` (True when the sentence
        states something in the reporter's own voice: at least six words of it lie outside
        every attribution and it is not a question) and ``source_kinds`` (the kinds of those
        sources, "named", "unresolved" or "none", joined by "; "; empty for the reporter's
        sentences).

    Caveats:
        "Unsourced" means no source *in this sentence*; a source may be named a sentence
        earlier. And not every unsourced sentence is a problem: background facts ("Dagestan
        is in Russia") need no source. The flag marks sentences to check, not errors.

    >>> vm = voice_map("The bridge is closed. Officials said it will reopen soon.")
    >>> vm[["voice", "sources", "unsourced_claim", "source_kinds"]].values.tolist()
    [['reporter', '', False, ''], ['attributed', 'Officials', False, 'unresolved']]
    """
    text = check_text(text)
    doc = _doc_of(text)
    attrs = _extract(doc) if attributions is None else _check_frame(attributions, "attributions")
    hedge_starts = sorted(row[3] for row in _hedge_rows(text))
    regions = _regions(doc, attrs)
    # The regions touching each sentence, in the order of the regions (one bisection per region,
    # so the time grows with the text, not with sentences times regions).
    touching: list[list[int]] = [[] for _ in doc.sents]
    ends = [e for _, e in doc.sents]
    ordered = all(s <= e for s, e in doc.sents) and all(a[1] <= b[0] for a, b in zip(doc.sents, doc.sents[1:]))
    for ri, (lo, hi, *_rest) in enumerate(regions):
        si = bisect.bisect_right(ends, lo) if ordered else 0  # the first sentence ending after lo
        while si < len(doc.sents) and (doc.sents[si][0] < hi or not ordered):
            if doc.sents[si][0] < hi and doc.sents[si][1] > lo:
                touching[si].append(ri)
            si += 1
    rows = []
    for si, (s, e) in enumerate(doc.sents):
        sent = text[s:e]
        covered = [False] * (e - s)
        found: list[str] = []
        kinds: list[str] = []
        cues: list[str] = []
        for ri in touching[si]:
            lo, hi, source, kind, cue = regions[ri]
            for x in range(max(lo, s), min(hi, e)):
                covered[x - s] = True
            for value, seen in ((source, found), (kind, kinds), (cue, cues)):
                if value and value not in seen:
                    seen.append(value)
        words = list(re.finditer(r"\w[\w'\u2019-]*", sent))
        outside = [w for w in words if not covered[w.start()]]
        if not any(covered):
            voice = "reporter"
        elif len(outside) <= max(1, len(words) // 8):
            voice = "attributed"
        else:
            voice = "mixed"
        rows.append({
            "sentence_index": si, "start": s, "end": e, "sentence": sent, "voice": voice,
            "sources": "; ".join(found), "cues": "; ".join(cues),
            "hedges": bisect.bisect_left(hedge_starts, e) - bisect.bisect_left(hedge_starts, s),
            "unsourced_claim": bool(not sent.rstrip().endswith("?") and len(outside) >= 6),
            "source_kinds": "; ".join(k for k in SOURCE_KINDS if k in kinds),
        })
    cols = ["sentence_index", "start", "end", "sentence", "voice", "sources", "cues", "hedges", "unsourced_claim",
            "source_kinds"]
    return pd.DataFrame(rows, columns=cols)
