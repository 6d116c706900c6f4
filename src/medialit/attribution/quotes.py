"""Step 1: find quotations. Double quotation marks are paired within a paragraph.

Straight (``"``) and curly (``\u201c \u201d``) marks and guillemets count; single marks are
left to :func:`medialit.attribution.scare_quotes`. A straight mark opens a quotation when
it follows white space or an opening bracket and precedes a word, and closes one
otherwise. A paragraph that opens a quotation without closing it continues into the next
paragraph when that paragraph opens with a quotation mark (the news convention for long
quotations): the pieces share a ``chain`` number. Any other unpaired mark is returned as
unmatched, with its position.

>>> quotes, unmatched = find_quotations('He said "we won" and "more.')
>>> [('He said "we won" and "more.'[q.inner_start:q.inner_end]) for q in quotes], unmatched
(['we won'], [(21, 'open')])
"""
from __future__ import annotations

import re

from ._words import _DQ_ALL, _DQ_CLOSE, _DQ_OPEN, _DQ_RE, _OPEN_BEFORE

class _Quote:
    """One quoted stretch within a paragraph: marks at ``open`` and ``close`` (``close`` may be
    the paragraph end when the quote continues into the next paragraph)."""

    __slots__ = ("open", "close", "closed_mark", "chain", "continues", "inner_start", "inner_end")

    def __init__(self, open_: int, close: int, closed_mark: bool, chain: int, continues: bool) -> None:
        self.open = open_
        self.close = close
        self.closed_mark = closed_mark
        self.chain = chain
        self.continues = continues
        self.inner_start = open_ + 1
        self.inner_end = close



def _mark_role(text: str, i: int, inside: bool) -> str:
    ch = text[i]
    if ch in _DQ_OPEN:
        return "open"
    if ch in _DQ_CLOSE:
        return "close"
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    opens = prev in _OPEN_BEFORE or (prev in _DQ_ALL)
    closes = nxt.isspace() or (not nxt.isalnum())
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "close" if inside else "open"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _pair_paragraph(text: str, ps: int, pe: int, carry: bool, quotes: list[_Quote],
                    unmatched: list[tuple[int, str]], chain: int) -> tuple[int | None, int, bool]:
    """Pair the marks of the paragraph ps:pe. ``carry``: a quotation continues into it from
    the paragraph before. Returns the position of a mark left open (or None), the next chain
    number, and whether the carried quotation was picked up (False when it was not)."""
    marks = [m.start() for m in _DQ_RE.finditer(text, ps, pe)]
    open_at: int | None = None
    inner: int | None = None  # a quotation nested in the open one ('"The "United States" is not ..."')
    first = True
    for n, i in enumerate(marks):
        role = _mark_role(text, i, open_at is not None)
        if carry and first and role == "open" and not text[ps:i].strip():
            # the reopening mark of a continued quotation
            carry = False
            first = False
            open_at = i
            continue
        first = False
        if role == "open":
            if open_at is not None and inner is None and text[i] == '"' and len(marks) - n >= 3 \
                    and _mark_role(text, marks[n + 1], True) == "close" and marks[n + 1] - i < 80:
                inner = i  # a straight mark opening a short quotation inside the open one
                continue
            if open_at is not None:
                unmatched.append((open_at, "open"))
            open_at = i
        elif inner is not None:
            inner = None  # the nested quotation closes; its words stay in the outer one
        elif open_at is None:
            unmatched.append((i, "close"))
        else:
            quotes.append(_Quote(open_at, i, True, chain, False))
            chain += 1
            open_at = None
    if carry and (not marks or first):
        carry = False
    return open_at, chain, carry


def find_quotations(text: str, paras: list[tuple[int, int]] | None = None) -> tuple[list[_Quote], list[tuple[int, str]]]:
    """Pair double quotation marks paragraph by paragraph.

    Args:
        text: the text.
        paras: its paragraphs as (start, end) offsets (by default, its non-blank lines).

    Returns:
        The quotations in text order, and the unmatched marks as (position, "open"/"close").
    """
    if paras is None:
        paras = _paragraphs(text)
    quotes: list[_Quote] = []
    unmatched: list[tuple[int, str]] = []
    chain = 0
    carry = False  # a quote continues from the previous paragraph
    for pi, (ps, pe) in enumerate(paras):
        open_at, chain, carry = _pair_paragraph(text, ps, pe, carry, quotes, unmatched, chain)
        if open_at is not None:
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            if nxt is not None and text[nxt[0]] in _DQ_ALL and _mark_role(text, nxt[0], False) == "open":
                quotes.append(_Quote(open_at, pe, False, chain, True))
                carry = True  # same chain goes on
            else:
                unmatched.append((open_at, "open"))
                chain += 1
        elif carry:
            carry = False
    # Chains: a quote that continues shares its chain id with the next quote.
    for a, b in zip(quotes, quotes[1:]):
        if a.continues:
            b.chain = a.chain
    for q in quotes:
        s, e = q.open + 1, q.close
        while s < e and text[s].isspace():
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
            e -= 1
        q.inner_start, q.inner_end = s, e
    return quotes, unmatched
