"""Step 4b: where the content of reported speech starts and ends.

The content starts after the verb (and its addressee, for *tell*-verbs: "told reporters";
and the complementizer *that*) and ends at the end of the clause: the sentence end, a
semicolon, the next coordinated reporting verb, a trailing "according to", or a
non-restrictive ", which"/", who" clause. A quotation opened inside the content and closed
after the sentence end extends it. Directive and commissive verbs take a *to*-infinitive
("urged Muslims to join them"); verbs that need a clause and find none give no content.

>>> from .cues import find_cues
>>> from .document import _Doc
>>> doc = _Doc("The minister told reporters on Monday that the port was closed; nobody asked.")
>>> cue = find_cues(doc)[0]
>>> span = content_span(doc, cue, clause_of(doc, cue), {}, {})
>>> doc.text[doc.toks[cue.i].start:span[0]], doc.text[span[1]:span[2]]
('told reporters', 'the port was closed')
"""
from __future__ import annotations

import re

from ._words import _AUX, _DET, _DQ_ALL, _IRREGULAR_PAST, _NP_OBJECT, _PREP, _SUBJ_PRON, _TELL, _TIME, _TO_OBJECT
from .adjuncts import is_verb_token, skip_adjuncts
from .cues import _Cue
from .document import _Doc
from .lexicon import THAT_ONLY
from .rows import _strip_content

#: Neutral speech verbs that take a clause (other neutral speech verbs need a quotation or
#: a "that" clause to count).
_CLAUSE_VERBS = {"say", "tell", "add", "state", "write", "report", "explain", "warn", "argue", "insist",
                 "agree", "complain", "assure", "reassure", "remind", "inform", "testify", "declare",
                 "announce", "reply", "respond", "answer", "comment", "mention", "recall", "accuse",
                 "deny", "tweet", "post"}


class _Clause:
    """The sentence a cue stands in: its index, character bounds and first/last tokens."""

    __slots__ = ("si", "lo_char", "hi_char", "lo", "hi")

    def __init__(self, si: int, lo_char: int, hi_char: int, lo: int, hi: int) -> None:
        self.si, self.lo_char, self.hi_char, self.lo, self.hi = si, lo_char, hi_char, lo, hi


def clause_of(doc: _Doc, cue: _Cue) -> _Clause:
    """The sentence of ``cue`` with its bounds in characters and in tokens."""
    si = doc.toks[cue.i].sent
    lo_char, hi_char = doc.sent_bounds(si)
    return _Clause(si, lo_char, hi_char, doc.tok_at(lo_char), doc.tok_at(hi_char) - 1)


def _to_infinitive(doc: _Doc, k: int) -> bool:
    """Token k is 'to' followed by what looks like a verb ('to join', 'to never give up')."""
    toks = doc.toks
    if k + 1 >= len(toks) or toks[k].low != "to":
        return False
    nxt = toks[k + 1]
    if nxt.text in _DQ_ALL and k + 2 < len(toks):
        nxt = toks[k + 2]
    return nxt.text.isalpha() and nxt.text.islower() and nxt.low not in _DET and nxt.low not in _PREP \
        and nxt.low not in {"be"} | _SUBJ_PRON or nxt.low in {"be", "never", "not"}


def _addressee_end(doc: _Doc, cue: _Cue, sent_hi: int) -> int:
    """For tell-verbs, the last token of the addressee NP after the verb (or cue.j)."""
    toks = doc.toks
    if cue.lemma not in _TELL:
        return cue.j
    j = cue.j + 1
    if j > sent_hi:
        return cue.j
    first = toks[j]
    if first.low in _SUBJ_PRON - {"it", "we", "i", "you", "they", "he", "she"} or first.low == "that":
        return cue.j
    if first.low in {"him", "her", "them", "us", "me", "reporters", "journalists", "parliament",
                     "lawmakers", "congress", "it", "you"}:
        return j
    if first.text in _DQ_ALL or not first.text[0].isalnum():
        return cue.j
    n = 0
    k = j
    if toks[k].low in _DET:
        k += 1
    while k <= sent_hi and n < 4:
        t = toks[k]
        if t.low in _DET or t.low in _SUBJ_PRON or t.low == "that" or not t.text[0].isalnum() \
                or t.low in _PREP or t.low in _AUX:
            break
        if n > 0 and t.text[0].islower() and toks[k - 1].text[0].isupper():
            break
        k += 1
        n += 1
    return k - 1 if k - 1 >= j else cue.j


def _clause_end(doc: _Doc, cue: _Cue, k: int, clause: _Clause, sent_cues: dict[int, list[int]],
                sibling_start: dict[int, int]) -> int:
    """Where the content that starts at token k ends: the next coordinated cue, a trailing
    "according to", ", which"/", who", a semicolon, ", and VERBed", or the sentence end."""
    toks, text = doc.toks, doc.text
    ce_char = clause.hi_char
    for other in sent_cues.get(clause.si, []):
        if other > cue.i and other in sibling_start:
            ce_char = min(ce_char, sibling_start[other])
            break
    if k < len(toks):
        base = toks[k].start
        for m in re.finditer(r",\s+(?:according to|which|who)\b|;|,\s+(?:and|but)\s+\w+(?:ing|ed)\b"
                             r"|,\s+but\s+(?:the|a|an|he|she|it|they|we|[A-Z])|,\s+with\s+(?:[\w'-]+\s+){1,4}[a-z]+ing\b"
                             r"|[\"\u201d]\s+(?:and|but)\s+(?:then\s+|later\s+|also\s+)?[a-z]+ed\b", text[base:ce_char]):
            if m.group().lstrip(", ").startswith(("which", "who")) and _inside_subject(doc, k, base + m.start(), ce_char):
                continue  # ", which ..." inside the subject: "the road itself, which is straight, will be"
            ce_char = base + m.start() + (1 if m.group()[0] in "\"\u201d" else 0)
            break
    return ce_char


def _inside_subject(doc: _Doc, k: int, pos: int, end: int) -> bool:
    """A relative clause at ``pos`` sits inside the subject of the content starting at token k
    when no verb comes before it and a verb follows its closing comma."""
    if _has_verb(doc, k, doc.tok_at(pos)):
        return False
    close = doc.text.find(",", pos + 1, end)
    if close < 0:
        return False
    after = doc.tok_at(close + 1)
    return after < len(doc.toks) and (is_verb_token(doc.toks[after]) or doc.toks[after].low in {"is", "are", "has", "have"})


def _has_verb(doc: _Doc, a: int, b: int) -> bool:
    """Whether tokens a..b-1 hold a verb (as far as surface forms tell)."""
    return any(is_verb_token(doc.toks[x]) or doc.toks[x].low in {"is", "are", "has", "have"} for x in range(a, b))


def _that_at(doc: _Doc, k: int, sent_hi: int, ce_char: int) -> int | None:
    """The complementizer "that" within 12 tokens of k, with no punctuation before it."""
    toks = doc.toks
    for kk in range(k, min(sent_hi + 1, k + 12)):
        if toks[kk].start >= ce_char or toks[kk].text in ",;:" or toks[kk].text in _DQ_ALL:
            break
        if toks[kk].low == "that":
            return kk
    return None


def _content_start(doc: _Doc, cue: _Cue, k: int, sent_hi: int, ce_char: int, that_at: int | None) -> int | None:
    """Where the content starts (token k follows the cue and its addressee), or None when the
    verb has no content of the kind it needs."""
    toks = doc.toks
    first = toks[k]
    if cue.lemma in THAT_ONLY:
        return toks[that_at].end if that_at == k else None  # "knew that ...", "saw that ...", not "saw the car"
    if first.text in ":," and k + 1 <= sent_hi and toks[k + 1].text in _DQ_ALL:
        return toks[k + 1].start
    if first.text == ":":
        return first.end
    if that_at is not None and (that_at == k or cue.lemma in _TELL or all(
            toks[x].low in _TIME | _PREP or toks[x].text[0].isdigit() or toks[x].text[0].isupper()
            for x in range(k, that_at))):
        return toks[that_at].end
    if _to_infinitive(doc, k) and (cue.stance in _TO_OBJECT or cue.lemma in {"claim", "purport", "allege", "promise", "ask"}):
        return first.start
    if cue.lemma in {"ask", "question"} and first.low in {"whether", "if", "why", "how", "what", "when", "where", "who"}:
        return first.start  # an indirect question: "commentators asked whether the group is ..."
    if cue.stance in _TO_OBJECT and first.low == "for" and cue.lemma in {"ask", "appeal", "call"} and k + 1 <= sent_hi:
        return toks[k + 1].start  # "asked for support", "called for the government to act"
    if cue.stance in _TO_OBJECT:
        # directive/commissive: "urged Muslims in Russia to join them"
        if not any(_to_infinitive(doc, x) for x in range(k, min(sent_hi + 1, k + 10)) if toks[x].start < ce_char):
            if cue.lemma.endswith(" for"):
                return first.start  # "called for records ...": a noun phrase (np_object)
            return None
        return first.start
    if first.low in _PREP or first.text in ".!?)" or first.low in {"to", "and", "but", "or", "as"}:
        return None
    if cue.kind == "speech" and cue.stance == "neutral" and cue.lemma not in _NP_OBJECT and cue.lemma not in _CLAUSE_VERBS:
        return None
    if cue.kind == "speech" and cue.lemma not in _NP_OBJECT and cue.stance not in ("distancing", "endorsing"):
        # needs a clause: a subject-like word then more words
        if first.low in {"him", "her", "them", "us", "me"}:
            return None
    return first.start


def content_span(doc: _Doc, cue: _Cue, clause: _Clause, sent_cues: dict[int, list[int]],
                 sibling_start: dict[int, int]) -> tuple[int, int, int] | None:
    """The cue's text end and its content's start and end, as (cue_end, start, end) character
    offsets; None when the cue has no content."""
    toks, text = doc.toks, doc.text
    end_tok = _addressee_end(doc, cue, clause.hi)
    k = end_tok + 1
    if k <= clause.hi:
        k = skip_adjuncts(doc, k, clause.hi)  # "said in a statement that", "announced on Twitter the ..."
    ce_char = _clause_end(doc, cue, k, clause, sent_cues, sibling_start)
    if k > clause.hi or k >= len(toks) or toks[k].start >= ce_char:
        return None
    that_at = _that_at(doc, k, clause.hi, ce_char)
    cs = _content_start(doc, cue, k, clause.hi, ce_char, that_at)
    if cs is None:
        return None
    first = toks[k]
    if cue.lemma in _NP_OBJECT and that_at is None and first.text[0].isalpha() and cs == first.start \
            and not _to_infinitive(doc, k):
        # a noun-phrase content ends where a coordinated verb of the subject begins
        m2 = re.search(r"\s(?:and|but)\s+(?:then\s+|later\s+)?[a-z]+ed\b", text[cs:ce_char])
        if m2 and not _has_verb(doc, k, doc.tok_at(cs + m2.start())):
            ce_char = cs + m2.start()
    if cue.form.endswith("ing") and that_at is None and (cue.lemma.endswith(" for") or cue.lemma in _NP_OBJECT):
        # a participle after its noun ends where the sentence's own verb begins:
        # "extremists calling for a Caliphate continued attacks" -> "a Caliphate"
        for x in range(doc.tok_at(cs), doc.tok_at(ce_char)):
            t = toks[x]
            if t.text.islower() and (t.low in _IRREGULAR_PAST or (len(t.low) > 4 and t.low.endswith("ed"))) \
                    and toks[x - 1].text[:1].isalpha() and toks[x - 1].low not in _AUX | _DET | {"and", "or", "but", "who", "which", "that"}:
                ce_char = t.start
                break
    # A quotation opened inside the content and closing after the sentence end extends it.
    for q in doc.quotes:
        if cs <= q.open < ce_char and q.close >= ce_char:
            pe = doc.paras[doc.para_of(q.open)][1]
            ce_char = max(ce_char, min(q.close + 1, pe))
    cs, ce = _strip_content(text, cs, ce_char)
    if ce - cs < 2:
        return None
    return toks[end_tok].end, cs, ce


def is_noun_phrase(doc: _Doc, cs: int, ce: int) -> bool:
    """True when the content ``cs:ce`` is a bare noun phrase ("the accusations", "responsibility for
    the attack"): no finite verb, no infinitive or -ing clause, no "as" predication, no quotation
    opening it. Such a row is the guide's borderline class ``np_object``."""
    text = doc.text
    if cs >= ce or text[cs] in _DQ_ALL:
        return False
    words = re.findall(r"[A-Za-z][\w'\u2019-]*", text[cs:ce])
    if not words or words[0].lower() in {"to", "that", "whether", "if", "how", "what", "why", "when", "where", "who"}:
        return False
    lows = [w.lower() for w in words]
    if any(a == "to" and b.islower() and b not in _DET for a, b in zip(lows, words[1:])):
        return False  # an infinitive: "urged Muslims to join them"
    for w in words:
        low = w.lower()
        if low in _AUX or low in _IRREGULAR_PAST or low == "as" or low in _SUBJ_PRON - {"it", "you"}:
            return False
        if w.islower() and len(low) > 4 and (low.endswith("ed") or low.endswith("ing")):
            return False
    return True
