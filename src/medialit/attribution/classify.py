"""Step 5: classify the type of reported speech by the quotations its content holds.

Reported speech whose content is one whole quotation (``claiming that "the Caliphate is
already here."``) is **direct**, and its content becomes the quotation's words; if that
quotation runs on over further paragraphs, each piece gets a direct row of the same speaker --
except the pieces in the paragraph of a tag that closes the quotation (``X said: "A.`` /
``"B," she added.``): those stay with the tag, so every piece is reported once.
Content that holds part of a quotation is **mixed**. The stance of a row is its cue's class
in the verb lexicon, set when the row is made.

>>> from .document import _Doc
>>> from .rows import _row
>>> doc = _Doc('He said the plan was "a disaster".')
>>> rows = [_row(doc, "indirect", "He", "said", None, 8, 33)]
>>> classify_quoted(doc, rows, {})
>>> rows[0]["type"]
'mixed'
"""
from __future__ import annotations

from typing import Any

from ._words import _DQ_ALL
from .document import _Doc
from .rows import _row


def _quotes_in(doc: _Doc, s: int, e: int) -> list[int]:
    """Indexes of the quotations that overlap the span s:e."""
    return doc.quotes_in(s, e)


def classify_quoted(doc: _Doc, rows: list[dict[str, Any]], quote_owner: dict[int, int]) -> None:
    """Retype indirect rows holding quotations as direct or mixed (in place); record in
    ``quote_owner`` which row holds each quotation (-1 for continued pieces)."""
    text = doc.text
    for ri, r in enumerate(rows):
        if r["type"] != "indirect":
            continue
        s, e = r["content_start"], r["content_end"]
        inside = _quotes_in(doc, s, e)
        if not inside:
            continue
        q0 = doc.quotes[inside[0]]
        whole = (len(inside) == 1 and q0.open <= s + 1 and text[s] in _DQ_ALL
                 and (q0.close >= e - 1 or not text[q0.close + 1:e].strip(" .,!?")))
        if whole and q0.inner_end > q0.inner_start:
            tag_para = _tag_paragraph(doc, rows, quote_owner, inside[0])
            r.update(type="direct", content=text[q0.inner_start:q0.inner_end],
                     content_start=q0.inner_start, content_end=q0.inner_end,
                     sentence_index=doc.sent_of(q0.inner_start))
            if tag_para is not None:
                # 'X said: "A.\n"B," she added.': the tag keeps the pieces of its own paragraph,
                # the introducing clause the pieces before it -- each piece is reported once
                for qj in doc.chain_members[q0.chain]:
                    if doc.para_of(doc.quotes[qj].open) != tag_para and qj in quote_owner:
                        rows[quote_owner.pop(qj)]["_drop"] = True
                if doc.para_of(q0.open) == tag_para:
                    r["_drop"] = True
            # a continued chain: further paragraphs of the same quotation
            for qj in doc.chain_members[q0.chain]:
                q = doc.quotes[qj]
                if qj != inside[0] and q.open > q0.open and (tag_para is None or doc.para_of(q.open) != tag_para):
                    quote_owner[qj] = -1
                    rows.append(_row(doc, "direct", r["speaker"], r["cue"], None, q.inner_start, q.inner_end,
                                     anchor=r["_anchor"], cue_class=r["cue_class"])
                                | {"cue_lemma": r["cue_lemma"], "cue_stance": r["cue_stance"]})
        else:
            r["type"] = "mixed"
        for qi in inside:
            quote_owner.setdefault(qi, ri)
    if any(r.get("_drop") for r in rows):
        rows[:] = [r for r in rows if not r.get("_drop")]


def _tag_paragraph(doc: _Doc, rows: list[dict[str, Any]], quote_owner: dict[int, int], qi: int) -> int | None:
    """The paragraph of the speaker tag that already holds quotation ``qi`` (a tag after the last
    piece of a quotation running over paragraphs), or None when no tag holds it."""
    owner = quote_owner.get(qi, -1)
    if owner < 0 or rows[owner]["type"] != "direct" or not rows[owner]["cue"]:
        return None
    return doc.para_of(rows[owner]["_anchor"])
