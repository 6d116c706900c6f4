"""Step 3: attach speakers to quotations. A quotation followed by its speaker tag is direct speech.

A tag is ``, SPEAKER VERB`` or ``, VERB SPEAKER`` right after the closing mark of the last
piece of a quotation (a quotation running over paragraphs is one chain of pieces). A
quotation split around its tag (``"A," she said, "B."``) gives two rows with the same
speaker. A closing mark with no opening partner keeps its tag (``... fighters," he
states.``): it is reported as an ``unmatched_quote`` row with that speaker, and no content.

>>> from .cues import find_cues
>>> from .document import _Doc
>>> doc = _Doc('"The dam held," she said, "but the roads did not."')
>>> found = tagged_quotations(doc, find_cues(doc))
>>> [(r["speaker"], r["content"]) for r in found.rows]
[('she', 'The dam held'), ('she', 'but the roads did not.')]
"""
from __future__ import annotations

import bisect
import re
from typing import Any

from .cues import _Cue
from .document import _Doc
from .rows import _row
from .speakers import _tag_after

_SPLIT_TAG_GAP = re.compile(r"[^.!?\"\u201c\u201d\n]{0,60},\s*")
_SPACE_RUN = re.compile(r"\s*")


class TaggedQuotes:
    """What :func:`tagged_quotations` found.

    Attributes:
        rows: direct attributions, one per tagged quotation piece.
        unmatched: one ``unmatched_quote`` row per lone quotation mark (with its tag, if any).
        consumed: token indexes of the cues used as tags (not read again as reported speech).
        quote_owner: quotation index -> index in ``rows`` of the row that holds it.
    """

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.unmatched: list[dict[str, Any]] = []
        self.consumed: set[int] = set()
        self.quote_owner: dict[int, int] = {}


def _tag_at(doc: _Doc, pos: int, cues_by_tok: dict[int, _Cue]) -> tuple[_Cue, str, int] | None:
    pi = doc.para_of(pos)
    return _tag_after(doc, pos, cues_by_tok, doc.paras[pi][1] if pi >= 0 else len(doc.text))


def _unmatched_rows(doc: _Doc, cues_by_tok: dict[int, _Cue], found: TaggedQuotes) -> None:
    """Lone marks; a lone closing mark keeps the tag after it ('... fighters," he states.')."""
    for pos, role in doc.unmatched:
        spk, cue, cue_text = "", None, ""
        if role == "close":
            tag = _tag_at(doc, pos, cues_by_tok)
            if tag:
                cue, spk, cue_end = tag
                found.consumed.add(cue.i)
                cue_text = doc.text[doc.toks[cue.i].start:cue_end]
        found.unmatched.append(_row(doc, "unmatched_quote", spk, cue_text, cue, pos, pos + 1, anchor=pos))


def tagged_quotations(doc: _Doc, cues: list[_Cue]) -> TaggedQuotes:
    """Direct attributions of every quotation with a speaker tag after it."""
    text, toks = doc.text, doc.toks
    cues_by_tok = {c.i: c for c in cues}
    found = TaggedQuotes()
    chains: dict[int, list[int]] = {}
    for qi, q in enumerate(doc.quotes):
        chains.setdefault(q.chain, []).append(qi)
    tags: dict[int, tuple[_Cue, str, int]] = {}
    for chain, members in chains.items():
        last = doc.quotes[members[-1]]
        if last.closed_mark:
            tag = _tag_at(doc, last.close, cues_by_tok)
            if tag:
                tags[chain] = tag
    _unmatched_rows(doc, cues_by_tok, found)
    done: set[int] = set()
    for chain, (cue, spk, cue_end) in sorted(tags.items()):
        if chain in done:
            continue
        found.consumed.add(cue.i)
        cue_text = text[toks[cue.i].start:cue_end]
        members = list(chains[chain])
        # a quotation split around its tag: '"A," she said, "B."' -- B shares the tag
        # (only quotations opening after the tag, and no further than the gap pattern can reach:
        # 60 characters, a comma, then white space)
        ordered = doc._quote_closes is not None  # quotations in text order, not overlapping
        reach = _SPACE_RUN.match(text, min(cue_end + 61, len(text))).end() if ordered else len(text)
        for qi in range(bisect.bisect_right(doc.quote_opens, cue_end) if ordered else 0, len(doc.quotes)):
            q = doc.quotes[qi]
            if q.open > reach:
                break
            if q.open > cue_end and q.chain != chain and _SPLIT_TAG_GAP.fullmatch(text[cue_end:q.open]):
                members.extend(chains[q.chain])
                done.add(q.chain)
                break
        lead = _reporter_lead(doc, doc.quotes[members[0]].open)
        if lead is not None and len(members) == 1:
            # 'Interpol's constitution prohibits "any intervention ...," a spokesperson stated.':
            # the reporter's words and the quotation are one mixed content
            q = doc.quotes[members[0]]
            found.quote_owner[members[0]] = len(found.rows)
            found.rows.append(_row(doc, "mixed", spk, cue_text, cue, lead, q.close + 1, anchor=toks[cue.i].start))
            continue
        for qi in members:
            q = doc.quotes[qi]
            if q.inner_end <= q.inner_start:
                continue
            found.quote_owner[qi] = len(found.rows)
            found.rows.append(_row(doc, "direct", spk, cue_text, cue, q.inner_start, q.inner_end,
                                   anchor=toks[cue.i].start))
    return found


def _reporter_lead(doc: _Doc, open_: int) -> int | None:
    """Where the reporter's own words begin when a quotation with a trailing tag does not open
    its sentence ("Interpol's constitution prohibits "..."," a spokesperson stated): the sentence
    start, or None when the quotation opens it or follows an introduction ending in , : or a dash."""
    lo = doc.sent_bounds(doc.sent_of(open_))[0]
    before = doc.text[lo:open_]
    if len(before.split()) < 2 or before.rstrip()[-1:] in ",:\u2014\u2013-":
        return None
    return lo
