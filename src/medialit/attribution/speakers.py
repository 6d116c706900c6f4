"""Step 3: speaker noun phrases. Who is the source of a cue?

* :func:`_np_before`: the noun phrase before a verb ("Officials said", "the group's deputy
  emir, Abu Yasser, said"), or a sign that the verb shares the subject of the clause
  (a participle ", saying", a coordinated "and vowed").
* :func:`_subject`: the subject of a sentence, for those shared verbs.
* :func:`_np_after`: the noun phrase after a verb (inversion: "said the minister";
  "according to the police").
* :func:`_tag_after`: the speaker tag right after a quotation (``"...," SPEAKER VERB`` or
  ``"...," VERB SPEAKER``).

>>> from .cues import find_cues
>>> from .document import _Doc
>>> doc = _Doc("The mayor of the town said the bridge was closed.")
>>> cue = find_cues(doc)[0]
>>> _np_before(doc, cue, 0, {cue.i})
('The mayor of the town', 'np')
"""
from __future__ import annotations

import bisect
import re

from ._words import (_ADV, _AUX, _BOUNDARY, _DET, _DQ_ALL, _IRREGULAR_PAST, _LY_NOT_ADVERB, _NAME_PARTICLES, _PERCEPTION,
                     _PREP, _SUBJ_PRON, _WH)
from .adjuncts import is_verb_token
from .cues import _Cue
from .document import _Doc
from .lexicon import _cue_forms


def _skip_back(doc: _Doc, k: int, lo: int) -> int:
    """From token k going left, skip auxiliaries and adverbs; return the first other token."""
    toks = doc.toks
    while k >= lo and ((toks[k].low in _AUX and toks[k].text.islower()) or toks[k].low in _ADV
                       or (toks[k].low.endswith("ly") and toks[k].text.islower() and len(toks[k].low) > 4
                           and toks[k].low not in _LY_NOT_ADVERB)):
        k -= 1
    return k


def _span_text(doc: _Doc, a: int, b: int) -> tuple[str, int, int]:
    """Text of tokens a..b inclusive, trimmed of commas and dashes at the ends."""
    toks = doc.toks
    while a <= b and toks[a].text in ",;:\u2014\u2013-":
        a += 1
    while b >= a and toks[b].text in ",;:\u2014\u2013-":
        b -= 1
    if a > b:
        return "", -1, -1
    s, e = toks[a].start, toks[b].end
    return doc.text[s:e], s, e


class _CueIndex(frozenset):
    """The token indexes of a text's cues: a set, and a sorted list for range questions (a scan
    of every cue for each range made the extractor's time grow with the square of the text)."""

    def __new__(cls, items=()):
        self = super().__new__(cls, items)
        self.order = sorted(self)
        return self

    def last_in(self, a: int, b: int) -> int | None:
        """The largest cue index k with a <= k <= b, or None."""
        i = bisect.bisect_right(self.order, b) - 1
        return self.order[i] if i >= 0 and self.order[i] >= a else None


def _segment_has_cue(cue_idx: set[int], a: int, b: int) -> bool:
    if isinstance(cue_idx, _CueIndex):
        return cue_idx.last_in(a, b) is not None
    return any(a <= k <= b for k in cue_idx)


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today",
             "tonight", "earlier", "later", "morning", "evening", "night", "week"}


def _skip_time(doc: _Doc, k: int, lo: int) -> int:
    """From token k going left, step over a time phrase before a verb ("Neil Basu, on Sunday said")."""
    toks = doc.toks
    j = k
    while j >= lo and toks[j].low in _WEEKDAYS:
        j -= 1
    if j < k and j >= lo and toks[j].low in {"on", "last", "this", "late", "early"}:
        j -= 1
    return j if j < k and (j < lo or toks[j].text in "," or toks[j].text[:1].isalpha()) else k


def _np_before(doc: _Doc, cue: _Cue, sent_lo: int, cue_idx: set[int]) -> tuple[str, str]:
    """The noun phrase before a cue. Returns (speaker, how) where how is
    'np', 'pronoun', 'sibling' (coordinated or participle verb: use the clause subject),
    'wh' (embedded question: not an attribution), or 'none'."""
    toks = doc.toks
    k = _skip_back(doc, cue.i - 1, sent_lo)
    if k >= sent_lo and toks[k].low in _WEEKDAYS:
        k = _skip_back(doc, _skip_time(doc, k, sent_lo), sent_lo)
    if cue.form.endswith("ing"):
        w = _with_subject(doc, cue, k, sent_lo)
        if w:
            return w, "np"
    if k < sent_lo:
        return "", "none"
    t = toks[k]
    if t.low in _SUBJ_PRON and t.low != "who":
        return t.text, "pronoun"
    if t.low in {"and", "but", "or"}:
        return "", "sibling"
    if cue.form.endswith("ing") and t.low in _PREP | {"after", "before", "while", "since", "when", "upon", "despite"}:
        return "", "sibling"  # a gerund after a preposition: "left without adding", "by saying"
    if t.low == "as":
        return "", "wh"  # "as noted", "as reported": the text's reference to itself, or no source
    if t.low in {"which", "who", "that"} and k - 1 >= sent_lo:
        return _antecedent(doc, k - 1, sent_lo)
    if t.text in _DQ_ALL and k - 1 >= sent_lo and toks[k - 1].text == "," and (
            cue.form.endswith("ing") or _segment_has_cue(cue_idx, sent_lo, k - 1)):
        return "", "sibling"  # '... to "kill apostates," vowing to ...'
    if t.text in _DQ_ALL or t.text in ":;([":
        return "", "none"
    if t.text == ",":
        return _np_before_comma(doc, cue, k, sent_lo, cue_idx)
    return _plain_np(doc, cue, k, sent_lo)


def _with_subject(doc: _Doc, cue: _Cue, k: int, sent_lo: int) -> str:
    """The subject of an absolute construction: "with the next highest country, the United Kingdom,
    reporting 37,542 deaths" -> "the next highest country, the United Kingdom"."""
    toks = doc.toks
    for x in range(k, max(sent_lo - 1, k - 14), -1):
        t = toks[x]
        if t.low == "with" and x < k:
            if any(is_verb_token(toks[z]) or z in () for z in range(x + 1, k + 1)) or toks[x + 1].low not in _DET:
                return ""
            text_, _, _ = _span_text(doc, x + 1, k)
            return text_
        if t.text in ";:" or t.text in _DQ_ALL or (t.low in _BOUNDARY and t.low != "and"):
            return ""
    return ""


def _antecedent(doc: _Doc, k: int, sent_lo: int) -> tuple[str, str]:
    """The noun phrase a relative pronoun refers to, ending at token k: "banners on it which
    mentioned ..." -> "banners on it"; at most six words, back to a verb or a boundary."""
    toks = doc.toks
    if k > sent_lo and toks[k].text == ",":
        k -= 1  # a non-restrictive clause: "the home of Prime Minister Tuilaepa, who told the press"
        if k - 2 >= sent_lo and toks[k].text.isdigit() and toks[k - 1].text == "," and toks[k - 2].text[:1].isupper():
            k -= 2  # an age between the name and the clause: "Thomas Gray, 24, who cited ..."
        if toks[k].text[:1].isupper():  # the name closing the phrase before the comma
            j = k
            while j - 1 >= sent_lo and (toks[j - 1].text[:1].isupper() or toks[j - 1].low in _NAME_PARTICLES):
                j -= 1
            text_, _, _ = _span_text(doc, j, k)
            return text_, ("np" if text_ else "none")
    j = k
    while j >= max(sent_lo, k - 5):
        t = toks[j]
        if t.text in ",;:()" or t.text in _DQ_ALL or t.low in _BOUNDARY or t.low in _AUX or (
                t.text.islower() and (t.low in _IRREGULAR_PAST or (len(t.low) > 4 and t.low.endswith("ed")))):
            break
        j -= 1
    text_, _, _ = _span_text(doc, j + 1, k)
    return text_, ("np" if text_ else "none")


def _np_before_comma(doc: _Doc, cue: _Cue, k: int, sent_lo: int, cue_idx: set[int]) -> tuple[str, str]:
    """Token k is a comma before the cue: an appositive "X, Y, said" (speaker "X, Y") or a
    coordinated/participle verb ", vows" (the clause's subject speaks)."""
    toks = doc.toks
    c1 = k
    j = c1 - 1
    while j >= sent_lo and toks[j].text not in ",;:" and toks[j].text not in _DQ_ALL and toks[j].low not in _BOUNDARY:
        j -= 1
    y_lo = j + 1
    if (not toks[cue.i].low.endswith("ing") and y_lo <= c1 - 1 and j >= sent_lo and toks[j].text == ","
            and (toks[y_lo].low in _PREP or (toks[y_lo].low.endswith("ing") and toks[y_lo].text.islower()))
            and not _segment_has_cue(cue_idx, y_lo, c1 - 1)):
        # "officials, following an investigation, stated": the phrase between the commas is an
        # adjunct, and the noun phrase before it is the speaker
        x = j - 1
        while x >= sent_lo and toks[x].text not in ",;:" and toks[x].text not in _DQ_ALL and toks[x].low not in _BOUNDARY \
                and not is_verb_token(toks[x]):
            x -= 1  # back to a comma, a boundary or a verb: "NDTV later reported officials, following ..."
        if 0 < j - 1 - x <= 8:
            text_, _, _ = _span_text(doc, x + 1, j - 1)
            return text_, "np"
    if (toks[cue.i].low.endswith("ing") or _segment_has_cue(cue_idx, y_lo, c1 - 1)
            or y_lo > c1 - 1 or c1 - y_lo > 16 or j < sent_lo or toks[j].text != ","):
        return "", "sibling"
    # X: back from the comma before Y
    x_hi = j - 1
    x = x_hi
    while x >= sent_lo and toks[x].text not in ",;:" and toks[x].text not in _DQ_ALL and toks[x].low not in _BOUNDARY:
        x -= 1
    if x_hi - x > 8 or x_hi < x + 1 or _segment_has_cue(cue_idx, x + 1, x_hi):
        return "", "sibling"
    text_, _, _ = _span_text(doc, x + 1, c1 - 1)
    return text_, "np"


#: Prepositions of place and address: the noun phrase after them is not the speaker of a
#: participle that follows ("by" and "from" name authors: "a letter from the union saying").
_PLACE_PREP = {"at", "in", "outside", "inside", "near", "to", "on", "across", "into", "around", "behind", "beside"}


def _plain_np(doc: _Doc, cue: _Cue, k: int, sent_lo: int) -> tuple[str, str]:
    """The noun phrase ending at token k, back to a clause boundary (at most 12 tokens);
    "wh" when it is an embedded question ("what the data says")."""
    toks = doc.toks
    j = k
    while j >= sent_lo:
        tj = toks[j]
        if tj.text in ",;:()[]\u2014\u2013" or tj.text in _DQ_ALL:
            break
        if tj.low in {"and", "or"} and j < k and j - 1 >= sent_lo and (
                toks[j - 1].text[:1].isupper() or (toks[j - 1].text.isalpha() and toks[j - 1].low.endswith("s"))):
            j -= 1
            continue
        if tj.low == "than" and j - 1 >= sent_lo and toks[j - 1].low in {"more", "fewer", "less"}:
            j -= 2  # "More than two million people replied"
            continue
        if tj.low in _BOUNDARY or (j < k and tj.text.islower() and (tj.low in _IRREGULAR_PAST or tj.low in {"has", "had", "have"})):
            break  # "The milestone came the same day Malawi confirmed": the speaker starts after "came"
        j -= 1
    if j >= sent_lo and toks[j].low in _WH:
        return "", "wh"
    lo = j + 1
    if j > sent_lo and toks[j].low in {"who", "that", "which"} and any(is_verb_token(toks[z]) for z in range(lo, k + 1)):
        # a relative clause closes the subject: "The public officials who ordered that change claimed"
        a = j - 1
        while a - 1 >= sent_lo and toks[a - 1].text not in ",;:()" and toks[a - 1].low not in _BOUNDARY \
                and not is_verb_token(toks[a - 1]) and j - a < 8:
            a -= 1
        if a < j and toks[j - 1].text not in ",;:":
            text_, _, _ = _span_text(doc, a, j - 1)
            return text_, ("np" if text_ else "none")
    if cue.form.endswith("ing") and not _PERCEPTION.search(doc.text[toks[lo].start:toks[cue.i].start] if lo <= k else ""):
        # participle after a noun: "a video in November threatening that ..."
        d = k
        while d >= max(lo, k - 5) and toks[d].low not in _DET:
            d -= 1
        if d >= max(lo, k - 5):
            lo = d
        elif k - lo > 3:
            lo = k
        while lo < k and toks[lo].low in _PREP:
            lo += 1  # "with officials reporting": the preposition is not the speaker
        p = lo - 1
        if lo == k:
            while p >= max(sent_lo, k - 4) and toks[p].text[:1].isupper():
                p -= 1  # back over a name: "outside City Hall saying"
        if p > sent_lo and toks[p].low in _PLACE_PREP:
            # a place or an addressee, not a speaker: "spoke to reporters outside City Hall saying ...",
            # "issued a statement at his office in Leeds saying ..." -- the clause's subject speaks
            return "", "sibling"
    if k - lo > 11:
        lo = k - 11
    text_, _, _ = _span_text(doc, lo, k)
    if _PERCEPTION.search(text_):
        text_ = _PERCEPTION.split(text_)[0].strip().rstrip(",")
    return text_, ("np" if text_ else "none")


def _subject(doc: _Doc, sent_lo: int, limit: int) -> str:
    """The subject of the sentence that holds token ``limit``: words from the sentence start
    (after an introductory phrase ending with a comma) up to the first auxiliary or verb."""
    toks = doc.toks
    a = sent_lo
    while a < limit and not toks[a].text[0].isalpha():
        a += 1  # reference marks "[6][7]" and punctuation left over from the last sentence
    if a < limit and toks[a].low in (_PREP | {"after", "before", "despite", "since", "as", "while",
                                               "following", "although", "though", "when", "if", "earlier", "later",
                                               "yesterday", "today", "meanwhile", "however", "last", "this",
                                               "separately", "previously", "additionally", "then", "also"}):
        c = a
        while c < limit and toks[c].text != ",":
            c += 1
        if c < limit:
            a = c + 1
    if a < limit and toks[a].low in _SUBJ_PRON - {"who"}:
        return toks[a].text  # a pronoun is the whole subject: "She spoke ... and promised"
    b = a
    single, _ = _cue_forms()
    while b < limit:
        t = toks[b]
        if t.low in _AUX or (t.low in single and t.text.islower() and t.low != "report") or t.text in ";:" or t.text in _DQ_ALL:
            break
        if b > a and t.text.islower() and (t.low in _IRREGULAR_PAST or (
                t.low.endswith("ed") and len(t.low) > 4 and "-" not in t.low)):
            break
        if t.text == "," and b + 1 < limit and (toks[b + 1].low in {"who", "which"} or (
                b > a and (toks[b + 1].low in _PREP or toks[b + 1].low in {"also", "in", "on", "speaking"}))):
            break  # "Trump, also on Twitter, defended ...": the subject ends at the comma
        b += 1
    if b - a > 16 or b == a:
        return ""
    text_, _, _ = _span_text(doc, a, b - 1)
    return text_


def _np_after(doc: _Doc, k: int, hi: int) -> tuple[int, int]:
    """A noun phrase starting at token k (inverted speaker): up to punctuation or 'who'."""
    toks = doc.toks
    j = k
    while j <= hi and toks[j].text not in ",;:.!?" and toks[j].text not in _DQ_ALL and toks[j].low not in {"per", "via"} and (
            toks[j].low not in {"who", "that", "which"} or toks[j].text.isupper()):  # "WHO" is a name
        t = toks[j]
        nxt = toks[j + 1].low if j + 1 <= hi else ""
        if j > k and t.low == "to" and j + 1 <= hi and toks[j + 1].text.islower() and toks[j + 1].low not in _DET:
            break  # "by multiple media outlets to have surpassed ...": the infinitive is not the speaker's
        if j > k and t.text.islower() and nxt != "by" and (t.low in _AUX or t.low in _IRREGULAR_PAST or (
                len(t.low) > 4 and t.low.endswith("ed") and toks[j - 1].low not in _DET)):
            break  # the verb of the clause the phrase sits in: "according to the ministry recovered ..."
        j += 1
    return k, j - 1



def _tag_after(doc: _Doc, pos: int, cues_by_tok: dict[int, _Cue], para_end: int) -> tuple[_Cue, str, int] | None:
    """A speaker tag right after a closing quotation mark at ``pos``:
    ', SPEAKER VERB' or ', VERB SPEAKER'. Returns (cue, speaker, cue_text_end)."""
    toks = doc.toks
    if pos > 0 and doc.text[pos - 1] == ".":
        return None  # the quotation ends its sentence: no tag follows
    k = doc.tok_at(pos + 1)
    if k < len(toks) and toks[k].text == ",":
        k += 1
    j = k
    limit = min(len(toks), k + 12)
    while j < limit and toks[j].start < para_end:
        t = toks[j]
        if t.text in _DQ_ALL or t.text in ".;!?":
            return None
        if j in cues_by_tok and not cues_by_tok[j].form.endswith("ing") and cues_by_tok[j].lemma != "according to" \
                and cues_by_tok[j].kind == "speech":
            cue = cues_by_tok[j]
            between = doc.text[toks[k].start:toks[j].start].strip() if j > k else ""
            words = [w for w in between.split()]
            if not words:  # inversion: ', said X'
                a, b = _np_after(doc, cue.j + 1, len(toks) - 1)
                if b < a or b - a > 11 or toks[a].low in {"to", "that"} or not (
                        toks[a].text[:1].isupper() or toks[a].low in _DET or toks[a].low in _SUBJ_PRON
                        or (toks[b].text[:1].isupper() and not any(is_verb_token(toks[x]) for x in range(a, b)))):
                    return None  # ', said study co-author and Research Fellow Martin How' ends in a name
                spk, _, _ = _span_text(doc, a, b)
                return cue, spk, toks[cue.j].end
            kk = _skip_back(doc, j - 1, k)
            if kk < k:
                return None
            spk, _, _ = _span_text(doc, k, kk)
            if "," in spk and not re.search(r",\s*\w", spk):
                return None
            if toks[k].low in {"and", "but", "or", "then", "while", "as"}:
                return None  # '"...", and called the demand ...': a coordinated verb, not a tag
            return cue, spk, toks[cue.j].end
        if t.text == "," and j > k:
            return None
        j += 1
    return None

