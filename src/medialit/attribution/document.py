"""One text prepared for the rules: paragraphs, sentences, quotations and tokens, computed once.

>>> doc = _Doc('Ana said "we won." She left.')
>>> [t.text for t in doc.toks][:4], [t.quoted for t in doc.toks][:5], doc.sent_of(20)
(['Ana', 'said', '"', 'we'], [False, False, False, True, True], 1)
"""
from __future__ import annotations

import bisect
import functools

from ..text import sentence_spans
from ._words import _TOKEN
from .quotes import _paragraphs, find_quotations


class _Tok:
    __slots__ = ("text", "low", "start", "end", "sent", "quoted")

    def __init__(self, text: str, start: int, end: int, low: str | None = None, sent: int = 0,
                 quoted: bool = False) -> None:
        self.text = text
        if low is None:
            low = text.lower()
            low = low.replace("\u2019", "'") if "\u2019" in low else low
        self.low = low
        self.start = start
        self.end = end
        self.sent = sent
        self.quoted = quoted


def _tokens(text: str, sent_starts: list[int], qspans: list[tuple[int, int]]) -> list[_Tok]:
    """The tokens of a text, each with its sentence index and whether it stands inside a quotation
    (one pass over the tokens, the sentences and the quotations, all in text order)."""
    lowered = text.lower().replace("\u2019", "'")
    same = len(lowered) == len(text)  # slice one lower-cased copy (not so for a few letters, e.g. "\u0130")
    inf = len(text) + 1
    n_s, n_q = len(sent_starts), len(qspans)
    si, qi = 0, 0
    next_sent = sent_starts[1] if n_s > 1 else inf
    q_open, q_close = qspans[0] if n_q else (inf, inf)
    toks: list[_Tok] = []
    append = toks.append
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        while s >= next_sent:
            si += 1
            next_sent = sent_starts[si + 1] if si + 1 < n_s else inf
        while q_close < s:
            qi += 1
            q_open, q_close = qspans[qi] if qi < n_q else (inf, inf)
        append(_Tok(m.group(), s, e, lowered[s:e] if same else None, si, q_open < s < q_close))
    return toks


class _Doc:
    """Everything the rules need about one text, computed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paras = _paragraphs(text)
        self.sents = sentence_spans(text)
        self.sent_starts = [s for s, _ in self.sents]
        self.quotes, self.unmatched = find_quotations(text, self.paras)
        self.para_starts = [s for s, _ in self.paras]
        # a quotation opened and never closed runs to its paragraph's end (the news convention):
        # its words are the speaker's, so a verb in them is no cue ("I think ...")
        qspans = sorted([(q.open, q.close) for q in self.quotes]
                        + [(pos, self.paras[self.para_of(pos)][1]) for pos, role in self.unmatched if role == "open"])
        self._title: dict[int, bool] = {}
        self.toks = _tokens(text, self.sent_starts, qspans)
        self.tok_starts = [t.start for t in self.toks]

    # Look-ups in the quotations by bisection: a scan of every quotation for each cue or row made
    # the extractor's time grow with the square of the text's length.

    @functools.cached_property
    def quote_opens(self) -> list[int]:
        return [q.open for q in self.quotes]

    @functools.cached_property
    def _quote_closes(self) -> list[int] | None:
        """The quotations' closing positions when the quotations follow one another without
        overlapping (as find_quotations gives them); else None, and look-ups scan."""
        quotes = self.quotes
        if all(q.open < q.close for q in quotes) and all(a.close < b.open for a, b in zip(quotes, quotes[1:])):
            return [q.close for q in quotes]
        return None

    @functools.cached_property
    def chain_members(self) -> dict[int, list[int]]:
        """Indexes of the quotations of each chain (the pieces of one quotation), ascending."""
        chains: dict[int, list[int]] = {}
        for qi, q in enumerate(self.quotes):
            chains.setdefault(q.chain, []).append(qi)
        return chains

    def quotes_in(self, s: int, e: int) -> list[int]:
        """Indexes of the quotations that overlap the span s:e (opening in it, closing in it or
        running over it), ascending."""
        quotes, closes = self.quotes, self._quote_closes
        if closes is None:
            lo, hi = 0, len(quotes)
        else:  # any such quotation closes at or after min(s + 1, e) and opens before max(s, e)
            lo = bisect.bisect_left(closes, min(s + 1, e))
            hi = bisect.bisect_left(self.quote_opens, max(s, e))
        return [qi for qi in range(lo, hi) if s <= (q := quotes[qi]).open < e or s < q.close <= e
                or (q.open < s and q.close >= e)]

    def quote_within(self, lo: int, hi: int) -> bool:
        """Whether a quotation opens at or after ``lo`` and closes at or before ``hi``."""
        closes = self._quote_closes
        if closes is None:
            return any(q.open >= lo and q.close <= hi for q in self.quotes)
        k = bisect.bisect_left(self.quote_opens, lo)  # the first to open at or after lo closes first
        return k < len(closes) and closes[k] <= hi

    @functools.cached_property
    def lower_words(self) -> set[str]:
        """Words the text writes in lower case somewhere (so a capitalised one may be a common word)."""
        return {t.low for t in self.toks if t.text.islower()}

    def sent_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def sent_bounds(self, idx: int) -> tuple[int, int]:
        if not self.sents:
            return 0, len(self.text)
        return self.sents[idx]

    def tok_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self.tok_starts, pos)

    def para_of(self, pos: int) -> int:
        i = bisect.bisect_right(self.para_starts, pos) - 1
        if i >= 0 and pos <= self.paras[i][1]:
            return i
        return -1


@functools.lru_cache(maxsize=4)
def _doc_of(text: str) -> _Doc:
    """The prepared text, kept for the last few texts: the extractor, the voice map and the scare
    quotes of one article (as the capstone report runs them) prepare it once, not three times.
    A :class:`_Doc` is never changed after it is built (its only state is memos of the text), so
    sharing one gives the same results as building a new one."""
    return _Doc(text)
