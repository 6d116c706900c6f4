"""Step 2: find cues. Reporting verbs, two-word cues ("call on") and "according to".

Cue words come from the kit's lexicon ``data/lexicons/reporting-verbs.csv`` (with a stance
and a kind per lemma). A cue form is skipped when it is a noun or adjective ("the claim",
"the Post report", "the alleged militant"), an infinitive ("to warn of"), a word of a
Title Case name ("the Islamic State"), or inside a quotation.

>>> from .document import _Doc
>>> [(c.form, c.lemma, c.stance) for c in find_cues(_Doc("The claim was false, officials said."))]
[('said', 'say', 'neutral')]
"""
from __future__ import annotations

import re

from ._words import _AUX, _DET, _DOC_WORDS, _DQ_ALL, _NUMBER_WORDS, _PAST_IRREGULAR, _PREP
from .document import _Doc
from .lexicon import THAT_ONLY, _cue_forms


class _Cue:
    __slots__ = ("i", "j", "lemma", "stance", "kind", "form")

    def __init__(self, i: int, j: int, lemma: str, stance: str, kind: str, form: str) -> None:
        self.i, self.j = i, j  # first and last token of the verb (two for "call on", "according to")
        self.lemma, self.stance, self.kind, self.form = lemma, stance, kind, form


def _is_verbal(doc: _Doc, i: int, lemma: str) -> bool:
    """Reject nouns ("the claim"), adjectives ("the alleged"), infinitives ("to warn")."""
    toks = doc.toks
    tok = toks[i]
    prev = toks[i - 1] if i > 0 and toks[i - 1].sent == tok.sent else None
    prev2 = toks[i - 2] if i > 1 and toks[i - 2].sent == tok.sent else None
    if prev is None:
        return tok.low.endswith("ing") or not tok.text[0].isupper() or lemma == "according to"
    if prev.low in ("'s", "s'") or prev.text in ("'", "\u2019"):
        return False
    if tok.text[0].isupper() and not _title_case(doc, i):
        return False  # "the United States", "Islamic State": a name, not a verb
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if (not tok.low.endswith(("ed", "ing")) and tok.low not in _PAST_IRREGULAR and nxt is not None
            and (prev.low in _DET or (prev2 is not None and prev2.low in _DET and prev.text.isalpha()))
            and (nxt.low in {"which", "who", "of", "was", "is", "were", "by", "from", "about", "had", "has"}
                 or nxt.text in ".,;:)")):
        return False  # "a news report which ...": a noun
    if prev.low == "to" and not (prev2 is not None and prev2.low in {"said", "reported", "claimed", "alleged", "believed", "thought", "rumoured", "rumored", "expected"}):
        return False
    if prev2 is not None and prev2.low == "to" and prev.text.islower() and prev.text.isalpha() \
            and not tok.low.endswith(("ed", "ing")) and tok.low not in _PAST_IRREGULAR:
        return False  # the object of an infinitive: "to meet demand", "to make claims"
    if prev.low in _DET:
        return False
    if not tok.low.endswith(("ed", "ing")) and tok.low not in _PAST_IRREGULAR and nxt is not None and nxt.text.islower() \
            and prev.low not in {"he", "she", "it", "they", "we", "i", "you", "who", "which", "that"} \
            and nxt.low in {"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could"}:
        return False  # the head of a subject: "the national health project are on the same level"
    if prev.low in _PREP and not tok.low.endswith("ing"):
        return False  # "in order to", "for comment": a noun
    if not tok.low.endswith(("ed", "ing")) and tok.low not in _PAST_IRREGULAR and nxt is not None \
            and nxt.text.islower() and nxt.sent == tok.sent and (
                (tok.low.endswith("s") and (nxt.low in _PAST_IRREGULAR or (nxt.low.endswith("ed") and len(nxt.low) > 4)))
                or (nxt.low.endswith("ing") and len(nxt.low) > 4 and nxt.low not in {"during", "nothing", "something"}
                    and prev.text.islower() and prev.low not in _SUBJ_PRON_OBJ)):
        return False  # the head of a subject before its verb: "Early reports suggested ...", "swing states certifying"
    if prev2 is not None and prev2.low in _PREP and prev.text.islower() and prev.text.isalpha() and prev.low not in _AUX \
            and not tok.low.endswith(("ed", "ing")) and tok.low not in _PAST_IRREGULAR and prev.low not in _SUBJ_PRON_OBJ:
        return False  # "in swing states": a noun after a preposition and its modifier
    if prev.text in "[(" and not tok.low.endswith(("ed", "ing")):
        return False  # "[note 1]": a noun in a reference mark
    if tok.low.endswith("ed") and (prev.text[:1].isdigit() or prev.low in _NUMBER_WORDS) and not (
            nxt is not None and (nxt.low in _DET or nxt.low in {"that", "to", "with", "on", "in", "by", "it", "they"}
                                 or not nxt.text[:1].isalnum())):
        return False  # "two claimed attacks": an adjective (not "all agreed that ...")
    if prev.low in {"self", "so"}:
        return False
    # "the Post report", "the U.S. warning": determiner + proper noun + noun form
    ends_ed = tok.low.endswith("ed") or tok.low in _PAST_IRREGULAR
    if not ends_ed and prev.text[:1].isupper() and prev2 is not None and prev2.low in _DET:
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is None or nxt.text in ".,;:)" or nxt.low in {"of", "and", "was", "is", "were", "had", "has"}:
            return False
        if tok.low == lemma and not prev.low.endswith("s") and not tok.low.endswith("ing"):
            return False  # "in a Facebook post on Tuesday": a singular name needs "posts" as its verb
    return not _noun_in_context(doc, i, lemma, ends_ed)


_DOC_STEMS = {w.rstrip("s") for w in _DOC_WORDS} | {"description", "notice", "sign", "banner", "caption", "headline"}
_SUBJ_PRON_OBJ = {"he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "officials", "police", "authorities"}
#: Adjective endings: a present-tense form after such a word is a noun ("initial reports").
_ADJ_SUFFIX = ("al", "ous", "ive", "ic", "ful")
#: Words with those endings that are often nouns, so that "the official states" stays a verb.
_ADJ_NOUNS = {"official", "rival", "critic", "individual", "professional", "criminal", "general", "arrival",
              "national", "liberal", "radical", "conservative", "representative", "executive", "detective",
              "relative", "native", "objective", "republic", "public", "chemical", "cleric", "medic"}
#: Nouns that follow the noun "state" ("state media", "state television").
_STATE_NOUNS = {"media", "television", "tv", "news", "agency", "broadcaster", "department", "secretary",
                "governor", "legislature", "visit", "funeral", "dinner", "run", "owned", "sponsored", "level",
                "officials", "authorities", "prosecutors", "police", "troopers", "capital", "election"}
#: Adjectives after "found" that make it "found dead", not a finding.
_FOUND_STATE = {"dead", "alive", "guilty", "unconscious", "injured", "missing", "safe", "innocent", "liable",
                "responsible", "hanged", "murdered", "stabbed", "shot", "drowned", "unharmed"}


def _noun_in_context(doc: _Doc, i: int, lemma: str, past: bool) -> bool:
    """Further signs that a cue form is a noun or not a report: "protesters' demands",
    "fourteen states", "controversial comments", "Russian state media", "found dead"."""
    toks = doc.toks
    tok, prev = toks[i], toks[i - 1]
    nxt = toks[i + 1] if i + 1 < len(toks) and toks[i + 1].sent == tok.sent else None
    if prev.low.endswith(("s'", "s\u2019", "'s", "\u2019s")) and prev.text[0].isalpha() and prev.low not in {"it's", "that's", "there's", "he's", "she's", "what's", "who's"}:
        return True  # a possessive: "protesters' demands", "Russia's claims"
    if tok.low.endswith("ing"):
        return False
    if not past and (prev.text[:1].isdigit() or prev.low in _NUMBER_WORDS):
        return True  # "four states", "two reports"
    first_word = i - 1 == doc.tok_at(doc.sent_bounds(tok.sent)[0])
    if not past and (prev.text.islower() or first_word) and prev.low.endswith(_ADJ_SUFFIX) and prev.low not in _ADJ_NOUNS:
        return True  # "initial reports", "controversial comments"
    if lemma == "state" and tok.low == "state" and (
            (nxt is not None and nxt.low in _STATE_NOUNS)
            or (prev.text[:1].isupper() and prev.low.endswith(("an", "ese", "ish", "i")))):
        return True  # "Russian state media", "state television"
    if lemma == "state" and tok.low == "state" and nxt is not None and nxt.text.isalpha() and nxt.text.islower() \
            and nxt.low not in _NOT_NOUN_AFTER_STATE and not nxt.low.endswith("ly"):
        return True  # "full state honors", "state funeral": a noun before a noun
    if lemma == "find" and nxt is not None and nxt.low in _FOUND_STATE:
        return True  # "found dead"
    if tok.low in _POSTING and prev.low in _POSTED_DOCS and prev.text.islower() and i > 1 and toks[i - 2].low in _DET \
            and nxt is not None and nxt.low in _REDUCED_RELATIVE_NEXT:
        return True  # "in a statement posted on Facebook": a participle describing a document
    return False


#: Words after which a past participle that follows a document noun describes it
#: ("a video posted online", "the statement released by the group on Monday").
_POSTED_DOCS = {"statement", "video", "message", "letter", "post", "tweet", "audio", "recording", "footage",
                "communique", "communiqu\u00e9", "release", "speech", "clip", "notice"}
#: Participles of making a document public (not "said", "stated": "the statement said, ...").
_POSTING = {"posted", "released", "issued", "published", "broadcast", "aired", "shared", "circulated", "uploaded",
            "tweeted", "announced", "distributed", "sent"}
_REDUCED_RELATIVE_NEXT = {"on", "in", "by", "online", "late", "early", "earlier", "later", "at", "via", "through",
                          "during", "after", "before", "yesterday", "today", "overnight", "last", "this"}
#: Words after "state" that leave it a verb ("officials state that", "state the obvious").
_NOT_NOUN_AFTER_STATE = _DET | _PREP | {"that", "to", "he", "she", "it", "they", "we", "i", "you", "there", "not",
                                         "what", "how", "why", "whether", "and", "or", "but", "also", "again"}
#: Particles that make a phrasal verb of a cue form: "showed up", "ruled out", "called off".
_PARTICLES = {"up", "off", "out", "down", "away", "back", "over"}
#: Conditions on some cue lemmas (tested on the words after the form, within its sentence):
#: "call" characterises only before a quotation or "as" ("called the demand "unprecedented"";
#: not "called the police"); "refer to" only with "as"; "decide" reports a judgement, not a
#: choice ("decided to leave"); "read" is a document's words before a quotation.
_WINDOW = {"call": 7, "refer to": 14}


def _title_case(doc: _Doc, i: int) -> bool:
    """True when the line holding token i is written in Title Case (a headline)."""
    pi = doc.para_of(doc.toks[i].start)
    if pi < 0:
        return False
    if pi in doc._title:
        return doc._title[pi]
    doc._title[pi] = _title_case_line(doc.text[slice(*doc.paras[pi])])
    return doc._title[pi]


def _title_case_line(line: str) -> bool:
    s, e = 0, len(line)
    doc_text = line
    if doc_text[s:e].rstrip().endswith("."):
        return False  # headlines have no full stop
    words = re.findall(r"[A-Za-z][\w'-]*", doc_text[s:e])
    long_words = [w for w in words if len(w) > 3]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)


def find_cues(doc: _Doc) -> list[_Cue]:
    """Every cue of the text outside quotations, in text order."""
    single, double = _cue_forms()
    toks = doc.toks
    out: list[_Cue] = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if t.quoted or not t.text[0].isalpha():
            i += 1
            continue
        low = t.low
        if low in double and i + 1 < n and toks[i + 1].low in double[low] and toks[i + 1].sent == t.sent:
            lemma, stance, kind = double[low][toks[i + 1].low]
            if _is_verbal(doc, i, lemma):
                out.append(_Cue(i, i + 1, lemma, stance, kind, low))
            i += 2
            continue
        if low in single:
            lemma, stance, kind = single[low]
            if lemma in THAT_ONLY and not any(toks[x].low == "that" for x in range(i + 1, min(n, i + 3))) \
                    and not (low == "known" and i + 2 < n and toks[i + 1].low == "to" and toks[i + 2].text.islower()):
                i += 1
                continue  # "known as", "saw the car": only "knew that ..." reports a belief
            if _allowed(doc, i, lemma, low) and _is_verbal(doc, i, lemma):
                out.append(_Cue(i, i, lemma, stance, kind, low))
        i += 1
    return out


def _allowed(doc: _Doc, i: int, lemma: str, low: str) -> bool:
    """The conditions some cue lemmas carry (see :data:`_WINDOW`), and phrasal verbs."""
    toks = doc.toks
    n = len(toks)
    nxt = toks[i + 1] if i + 1 < n and toks[i + 1].sent == toks[i].sent else None
    if nxt is not None and nxt.low in _PARTICLES:
        return False  # "showed up", "ruled out"
    if lemma in _WINDOW:
        sent = toks[i].sent
        if nxt is None or nxt.text in _DQ_ALL:
            return False  # "a program called "Learning Together"": a name, not a characterisation
        for x in range(i + 1, min(n, i + 1 + _WINDOW[lemma])):
            t = toks[x]
            if t.sent != sent or t.text in ".;!?":
                return False
            if (t.low == "as" and toks[x - 1].text != "," and x + 1 < n and toks[x + 1].low not in _AUX
                    and toks[x + 1].low not in {"he", "she", "it", "they", "we", "i", "well", "if", "though"}) \
                    or (lemma == "call" and t.text in _DQ_ALL and not t.quoted):
                return True  # 'called it "a disgrace"', "referred to the vote as ..." (not ", as did NBC")
        return False
    if lemma == "decide":
        return nxt is not None and nxt.low not in {"to", "on", "against", "whether", "how", "what", "which"}
    if lemma == "read":
        lo = max(0, i - 6)
        return (nxt is not None and (nxt.text == ":" or (nxt.text == "," and i + 2 < n and toks[i + 2].text in _DQ_ALL))
                and any(toks[x].low.rstrip("s") in _DOC_STEMS for x in range(lo, i)))
    return True

