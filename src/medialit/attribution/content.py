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

import bisect
import re

from ._words import _AUX, _DET, _DQ_ALL, _IRREGULAR_PAST, _NP_OBJECT, _PREP, _SUBJ_PRON, _TELL, _TIME, _TO_OBJECT
from .adjuncts import is_verb_token, skip_adjuncts, trailing_channel
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
#: Verbs whose content is a clause, never a bare noun phrase: a content of theirs that looks like
#: a noun phrase hides a verb the surface rules cannot see ("said the stores fill the shelves").
CLAUSE_ONLY = {"call", "label", "characterize", "refer to", "consider", "say", "tell", "add", "write", "state", "explain", "argue", "insist", "remark", "reply", "respond",
               "answer", "testify", "comment", "agree", "complain", "contend", "maintain", "assert", "think",
               "believe", "hope", "fear", "doubt", "tweet", "post", "publish", "rule", "decide", "observe"}
#: Verbs that need a clause, a "that" clause or a quotation, and give no content with a noun phrase
#: ("posted a photo", "observing a day of mourning", "ruled on the appeal").
_NEEDS_CLAUSE = {"tweet", "post", "publish", "rule", "observe", "decide", "remark", "reply", "respond", "answer"}
#: Verbs of praise and blame: no content without "as" or a quotation ("condemned the attack" is
#: not annotated; "denounced the claims as a "national embarrassment"" is).
_EVALUATIVE = {"praise", "condemn", "criticize", "denounce", "decry", "acclaim", "rave"}
#: Verbs that characterise their object with "as" ("labeled Soleimani as a terrorist").
_CHARACTERISE = {"label", "characterize", "describe", "refer to", "call", "see", "cite"}
#: Words that open a subordinate clause inside a noun-phrase content ("... as the incident became known").
_SUBORDINATORS = {"as", "when", "while", "because", "after", "before", "since", "until", "although", "though",
                  "whereas", "despite", "which", "who", "whom", "whose", "that", "where", "if", "unless"}
_FINITE_AUX = _AUX - {"be", "been", "being"}
_OPENING_SUBORDINATORS = {"while", "although", "though", "whereas", "because", "since", "if", "when", "after", "before",
                          "as", "once", "unless", "until"}
_PRONOUN_SUBJECT = re.compile(r"^(?:he|she|it|they|we|i|you|there)(?:'[a-z]+)?$")


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
    if first.low in {"him", "her", "them", "me", "reporters", "journalists", "parliament",
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
        if other > cue.i + 2:
            # "replied they would attend and an additional million expressed interest": a new subject
            # and its own reporting verb end the content
            x = _skip_back_words(doc, other - 1, cue.i)
            if x is not None:
                ce_char = min(ce_char, toks[x].start)
                break
    if k < len(toks):
        base = toks[k].start
        for m in re.finditer(r",\s+(?:according to|which|who|while|whereas|though|although)\b|;|,\s+(?:and|but)\s+\w+(?:ing|ed)\b"
                             r"|,\s+but\s+(?:the|a|an|he|she|it|they|we|[A-Z])|,\s+with\s+(?:[\w'-]+\s+){1,4}[a-z]+ing\b|,\s+without\s+[a-z]+ing\b|,?\s+(?:citing|quoting)\s"
                             r"|[\"\u201d]\s+(?:and|but)\s+(?:then\s+|later\s+|also\s+)?[a-z]+ed\b", text[base:ce_char]):
            if m.group().lstrip(", ").startswith(("which", "who", "while", "whereas", "though", "although")) \
                    and _inside_subject(doc, k, base + m.start(), ce_char):
                continue  # ", which ..." inside the subject: "the road itself, which is straight, will be"
            ce_char = base + m.start() + (1 if m.group()[0] in "\"\u201d" else 0)
            break
        for m in re.finditer(r",\s+(?=[a-z])", text[base:ce_char]):
            # "said the talks had failed, in a statement released on Monday": the channel is no content
            if trailing_channel(doc, doc.tok_at(base + m.end()), doc.tok_at(ce_char) - 1):
                ce_char = base + m.start()
                break
    return ce_char


def _skip_back_words(doc: _Doc, k: int, lo: int) -> int | None:
    """From token k (just before a later cue) back over its subject, a noun phrase of at most
    eight words: the index of an "and"/"but" (not after a comma) that opens that subject, or None."""
    toks = doc.toks
    for x in range(k, max(lo, k - 9), -1):
        t = toks[x]
        if t.quoted or t.text in ",;:" or t.text in _DQ_ALL:
            return None
        if t.low in {"and", "but"}:
            return x if x < k and toks[x - 1].text != "," and not is_verb_token(toks[x + 1]) else None
        if is_verb_token(t) or t.low in _SUBJ_PRON and x < k:
            return None
    return None


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
    if that_at == k and k + 1 <= sent_hi and toks[k + 1].text not in _DQ_ALL \
            and not clause_follows(doc, k + 1, sent_hi, ce_char):
        that_at = None  # "that" as a determiner: "ruled on the appeal of that decision"
        if cue.lemma in _NEEDS_CLAUSE:
            return None
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
        # directive/commissive: "urged Muslims in Russia to join them"; the object may be a long
        # quotation ('called on "village councils, ..., and church leaders" to instill ...')
        if not any(_to_infinitive(doc, x) for x in range(k, min(sent_hi + 1, k + 40))
                   if toks[x].start < ce_char and (not toks[x].quoted or x < k + 10)):
            if cue.lemma.endswith(" for"):
                return first.start  # "called for records ...": a noun phrase (np_object)
            return None
        return first.start
    if first.low in _PREP or first.text in ".!?)" or first.low in {"to", "and", "but", "or", "as"}:
        return None
    if cue.lemma in _CHARACTERISE and any(toks[x].low == "as" and toks[x - 1].text != "," and x + 1 <= sent_hi
                                          and toks[x + 1].low not in _AUX and toks[x + 1].low not in _SUBJ_PRON
                                          for x in range(k + 1, min(sent_hi + 1, k + 9)) if toks[x].start < ce_char):
        return first.start  # "labeled Soleimani as a terrorist"
    if cue.lemma in {"blame", "accuse", "charge"}:
        return first.start  # "blamed both Israel and the United States for the attack"
    if cue.lemma in _EVALUATIVE and not any(toks[x].low == "as" for x in range(k, min(sent_hi + 1, k + 10))
                                              if toks[x].start < ce_char):
        return None  # "condemned the attack": praise or blame with no content
    if cue.lemma in _NEEDS_CLAUSE or (cue.kind == "speech" and cue.stance == "neutral" and cue.lemma not in _NP_OBJECT
                                      and cue.lemma not in _CLAUSE_VERBS and cue.lemma not in _EVALUATIVE):
        return first.start if clause_follows(doc, k, sent_hi, ce_char) else None
    if cue.kind == "speech" and cue.lemma not in _NP_OBJECT and cue.stance not in ("distancing", "endorsing"):
        # needs a clause: a subject-like word then more words
        if first.low in {"him", "her", "them", "us", "me"} and first.text.islower():
            return None  # "told him": an addressee, no content ("US troops", capitalised, is a subject)
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
    if toks[clause.lo].low in _OPENING_SUBORDINATORS and toks[clause.lo].text[:1].isupper() \
            and not any(toks[x].text == "," for x in range(clause.lo, cue.i)):
        # "While all agreed that time off was rare, artist Leisha Riddell emphasized ...": a cue in an
        # opening subordinate clause ends its content where the main clause begins
        comma = next((x for x in range(cue.j + 1, doc.tok_at(ce_char)) if toks[x].text == "," and not toks[x].quoted), None)
        if comma is not None and comma > k:
            ce_char = min(ce_char, toks[comma].start)
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
        m3 = re.search(r":\s*[\"\u201c]", text[cs:ce_char])
        if m3:
            ce_char = cs + m3.start()  # 'cited one study: "..."': the quotation is the speaker's own words
    if cue.lemma not in CLAUSE_ONLY and that_at is None and cs == first.start and first.text[0].isalpha() \
            and cue.stance not in _TO_OBJECT and not _PRONOUN_SUBJECT.match(first.low):
        ce_char = _noun_phrase_end(doc, k, ce_char)  # not "she and her family had received ..."
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
    # (in text order, from the first quotation opening at or after cs: ce_char only grows, so the
    # first quotation opening at or after it ends the search)
    ordered = doc._quote_closes is not None
    for qi in range(bisect.bisect_left(doc.quote_opens, cs) if ordered else 0, len(doc.quotes)):
        q = doc.quotes[qi]
        if ordered and q.open >= ce_char:
            break
        if cs <= q.open < ce_char and q.close >= ce_char:
            pe = doc.paras[doc.para_of(q.open)][1]
            ce_char = max(ce_char, min(q.close + 1, pe))
    cs, ce = _strip_content(text, cs, ce_char)
    if ce - cs < 2:
        return None
    return toks[end_tok].end, cs, ce


def _finite_at(doc: _Doc, x: int, start: int, caps: bool = False) -> bool:
    """Whether token x (of a content starting at token ``start``) is a finite verb, as far as
    surface forms tell: an auxiliary or modal, a common irregular past, or an -ed word right after
    a noun or pronoun (not after a determiner or number: "the confirmed cases", "1,000 confirmed")."""
    toks = doc.toks
    t = toks[x]
    if not t.text.islower() and not (caps and t.text.isupper()):
        return False
    if t.low in _FINITE_AUX or t.low in _IRREGULAR_PAST or x > start and (
            t.low.endswith(("'re", "'d", "n't", "'ve", "'ll")) or t.low in _PRONOUN_IS):
        return True
    if len(t.low) > 4 and t.low.endswith("ed") and x > start:
        if x + 1 < len(toks) and toks[x + 1].low == "by":
            return False  # a participle: "the threat posed by terrorists"
        prev = toks[x - 1]
        return prev.text[:1].isalpha() and prev.low not in _DET and prev.low not in _NUMBER_LIKE \
            and prev.low not in {"and", "or", "but", "also", "first", "later", "previously", "most", "well", "newly"} \
            and not prev.low.endswith(("ly", "est"))
    return False


_PRONOUN_IS = {"it's", "that's", "there's", "he's", "she's", "what's", "who's", "here's"}
_NUMBER_LIKE = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "many", "several", "some",
                "more", "most", "few", "all", "both", "other", "newly", "recently", "already"}


def clause_follows(doc: _Doc, k: int, sent_hi: int, ce_char: int) -> bool:
    """Whether the words from token k begin a clause: a subject (a pronoun, or a noun phrase of at
    most eight words with no comma) and then a finite verb ("replied they would attend";
    "remarked toilet paper is a bulky item"; not "praised the establishment of ...")."""
    toks = doc.toks
    if k > sent_hi or toks[k].start >= ce_char:
        return False
    first = toks[k]
    if first.low in _PREP or first.low in {"following", "after", "before", "despite", "amid", "given"}:
        # an introductory phrase before the subject: "that following the early release, some stores can't"
        comma = next((x for x in range(k + 1, min(sent_hi + 1, k + 14)) if toks[x].text in ",;:" or toks[x].start >= ce_char), None)
        if comma is not None and toks[comma].text == "," and toks[comma].start < ce_char:
            return clause_follows(doc, comma + 1, sent_hi, ce_char)
        return False
    if first.low in {"to", "and", "but", "or", "as", "if", "whether", "what", "how", "why", "where",
                     "when", "who"} or not first.text[0].isalnum():
        return first.text in _DQ_ALL
    if _PRONOUN_SUBJECT.match(first.low):
        return True
    for x in range(k + 1, min(sent_hi + 1, k + 9)):
        t = toks[x]
        if t.start >= ce_char or t.text in ",;:":
            return False
        if t.text in _DQ_ALL:
            # a short subject and a quoted predicate: 'the response "required all hands"'
            return x <= k + 4 and not any(toks[y].low == "that" or toks[y].low.endswith("ing") for y in range(k, x))
        if _finite_at(doc, x, k):
            return True
    return False


def is_noun_phrase(doc: _Doc, cs: int, ce: int, *, directive: bool = False) -> bool:
    """True when the content ``cs:ce`` is a bare noun phrase ("the accusations", "responsibility for
    the attack", "1,051,635 confirmed cases, including 79,332 in a day", "stricter measures to stop
    the disease"): no finite verb outside a subordinate or relative clause, no "as" predication, no
    clause-like infinitive (after a directive verb, "Muslims to join them"; after any verb, "him to
    be dead"), no quotation opening it. Such a row is the guide's borderline class ``np_object``."""
    text, toks = doc.text, doc.toks
    if cs >= ce or text[cs] in _DQ_ALL:
        return False
    a, b = doc.tok_at(cs), doc.tok_at(ce)
    if a >= b or toks[a].low in {"to", "whether", "if", "how", "what", "why", "when", "where", "who"}:
        return False
    if toks[a].low == "that" and (a + 1 >= b or toks[a + 1].text in _DQ_ALL or clause_follows(doc, a + 1, b - 1, ce)):
        return False  # a "that" clause; "that attack at the time" is a noun phrase
    caps = not any(c.islower() for c in text[cs:ce])  # a headline in capitals: "THE CALIPHATE IS HERE"
    if _PRONOUN_SUBJECT.match(toks[a].low) and toks[a].low not in {"it", "you"}:
        return False
    if directive and any(toks[x].low == "to" and _to_infinitive(doc, x) for x in range(a, b)):
        return False  # "asked U.S. citizens not approach the Embassy, and ..., to use the consulate"
    if toks[a].text.islower() and toks[a].low.endswith("ing") and a + 1 < b and (
            toks[a + 1].low in _DET or toks[a + 1].text[0].isdigit()):
        return False  # a gerund clause: "described witnessing 35 bodies"
    x = a
    while x < b:
        t = toks[x]
        low = t.low
        if low in _SUBORDINATORS and x > a and t.text.islower():
            if low == "as" and _as_predication(doc, a, x):
                if x - a <= 9:
                    return False  # "the IRGC as a terrorist organization": a predication, a small clause
                x += 1
                continue  # "a man identified only as ...": inside the phrase
            if toks[x - 1].text == ",":  # ", which ... ," inside the phrase: read on after it
                close = next((y for y in range(x + 1, b) if toks[y].text == ","), None)
                if close is not None:
                    x = close + 1
                    continue
            return True
        if low == "to" and x + 1 < b and (directive and _to_infinitive(doc, x) or toks[x + 1].low in {"be", "have"}):
            return False  # "Muslims to join them", 'Muslims to "kill apostates"', "Hamza bin Laden to be dead"
        if (low in _FINITE_AUX or low in _IRREGULAR_PAST or x - a < 8) and _finite_at(doc, x, a, caps):
            return False
        if low in {"he", "she", "they", "we", "i"} and x > a:
            return False
        if x - a <= 4 and x > a and t.text.islower() and low.endswith("ing") and len(low) > 4 \
                and toks[x - 1].text[:1].isalpha() and toks[x - 1].low not in _DET and x + 1 < b \
                and (toks[x + 1].low in _DET or toks[x + 1].text.islower()):
            return False  # a participle after a short subject: "some property sellers offering free paper"
        x += 1
    return True


def _as_predication(doc: _Doc, a: int, x: int) -> bool:
    """An "as" at token x after a short object is a predication ("the IRGC as a terrorist
    organization"), not a subordinate clause ("their outrage as the incident became known")."""
    toks = doc.toks
    nxt = toks[x + 1] if x + 1 < len(toks) else None
    if nxt is None or nxt.low in _SUBJ_PRON or toks[x - 1].text == ",":
        return False  # ", as suppliers try ...", "as he said": a clause
    if nxt.text in _DQ_ALL:
        return True
    if nxt.text[:1].isupper() and x + 2 < len(toks) and toks[x + 2].text.islower() and toks[x + 2].text.isalpha():
        return False  # "as Turkey invades ...": a subject and its verb
    return not any(_finite_at(doc, y, x + 1) for y in range(x + 2, min(len(toks), x + 8))
                   if toks[y].sent == nxt.sent and not toks[y].quoted)


def new_clause_end(doc: _Doc, k: int, ce_char: int) -> int:
    """Where a content that cannot coordinate with a finite clause (a noun phrase, an infinitive)
    ends: before "and" or "but" and a new subject with its verb ("to stay off the roads and
    businesses and ferries were closed" -> "to stay off the roads")."""
    toks = doc.toks
    e = doc.tok_at(ce_char)
    for x in range(k + 1, e):
        t = toks[x]
        if t.quoted or t.low not in {"and", "but"} or toks[x - 1].text == "," or x + 1 >= e:
            continue
        if _finite_at(doc, x + 1, x) or (toks[x + 1].low in {"also", "then", "later"} and x + 2 < e
                                         and _finite_at(doc, x + 2, x)):
            return toks[x].start  # "to win the electoral college and was also victorious": the subject's own verb
        for y in range(x + 2, min(e, x + 6)):
            if toks[y].text in ",;:" or toks[y].low in _PREP:
                break
            if _finite_at(doc, y, x + 1):
                if _finite_at(doc, x + 1, x) or toks[x + 1].low in _PREP:
                    break
                return toks[x].start
    return ce_char


def _noun_phrase_end(doc: _Doc, k: int, ce_char: int) -> int:
    """Where a content that starts as a noun phrase at token k ends, when a new clause follows it:
    "and" or "but" before a new subject and its verb ("its first infections and Zambia had its first
    death"), or a subordinating word not after a comma ("their outrage on social media as the
    incident became known")."""
    toks = doc.toks
    e = doc.tok_at(ce_char)
    for x in range(k + 1, e):
        t = toks[x]
        if t.quoted:
            continue
        if t.low in {"and", "but"} and toks[x - 1].text != "," and x + 1 < e:
            for y in range(x + 2, min(e, x + 6)):
                if toks[y].text in ",;:" or toks[y].low in _PREP:
                    break
                if _finite_at(doc, y, x + 1):
                    if _finite_at(doc, x + 1, x) or toks[x + 1].low in _PREP:
                        break  # "... and then fell": a verb of the same subject, left to the rules above
                    return toks[x].start
        if t.low in {"as", "when", "while", "because", "after", "before", "since", "until"} \
                and toks[x - 1].text != "," and t.text.islower() and not _as_predication(doc, k, x) \
                and any(_finite_at(doc, y, x + 1) for y in range(x + 2, min(e, x + 8))):
            return toks[x].start
    return ce_char
