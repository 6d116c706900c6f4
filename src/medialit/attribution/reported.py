"""Step 4: reported speech. Every cue not used as a quotation's tag gets its speaker and content.

The forms, in the order they are tried for each cue:

1. ``according to X``: the speaker is the noun phrase after it; the content is the rest of
   the sentence (``According to X, ...``) or the clause before it (``..., according to X``).
2. Passives: ``was claimed by X`` (speaker X, content the subject); agentless ``it was
   reported that ...`` and ``he is said to ...`` (no speaker).
3. Trailing tags: ``..., police said.`` and inverted ``..., said the minister.`` take the
   sentence before the comma as content.
4. Otherwise the content follows the verb (:func:`.content.content_span`). Participles and
   coordinated verbs (``..., saying``; ``... and vowed``) take the speaker of the first
   attribution of their sentence, else the sentence's subject.

Each rule returns the rows it made (an empty list when the cue turns out to have no
content) or ``None`` when it does not apply, so that the next rule is tried.

>>> from .cues import find_cues
>>> from .document import _Doc
>>> doc = _Doc("Three houses burned, according to the fire brigade.")
>>> rows = []
>>> reported_speech(doc, find_cues(doc), set(), rows)
>>> [(r["speaker"], r["content"]) for r in rows]
[('the fire brigade', 'Three houses burned')]
"""
from __future__ import annotations

import re
from typing import Any

from ._words import (_AUX, _BOUNDARY, _COLLECTIVE, _DET, _DOC_WORDS, _DQ_ALL, _NP_OBJECT, _ORG_WORDS, _PAST_IRREGULAR,
                     _SUBJ_PRON)
from .adjuncts import _SOURCE_PARTICIPLES, is_verb_token, only_adjuncts
from .content import (CLAUSE_ONLY, _EVALUATIVE, _Clause, _addressee_end, _to_infinitive, clause_follows, clause_of,
                      content_span, is_noun_phrase, new_clause_end)
from .cues import _Cue
from .document import _Doc
from .rows import _row, _strip_content
from .speakers import _CueIndex, _np_after, _np_before, _skip_back, _span_text, _subject

Rows = list[dict[str, Any]]
_PASSIVE_AUX = {"is", "was", "were", "are", "be", "been", "being"}
#: Reporting verbs whose passive takes an infinitive as content ("is said to", "is projected to win",
#: "was found to be"), besides directives ("were asked to") and any verb before "to be"/"to have".
_RAISING = {"say", "report", "believe", "think", "rumour", "expect", "allege", "claim", "know", "consider",
            "estimate", "find", "determine", "project", "suspect", "fear", "tell", "show", "predict", "confirm"}
#: Verbs whose past participle, right after a noun and before "to", is a reduced relative clause
#: with no source: "people believed to have been involved", "a man said to be ...".
_REDUCED = {"believe", "say", "think", "suspect", "know", "expect", "rumour", "report", "estimate"}


def _pending(doc: _Doc, cues: list[_Cue], consumed: set[int], cue_idx: set[int]
             ) -> tuple[list[tuple[_Cue, str, str]], dict[int, int]]:
    """The cues still to read, each with its speaker before it and how it was found; and, for
    participles and coordinated verbs, where their clause starts (it ends the clause before)."""
    toks = doc.toks
    sibling_start: dict[int, int] = {}
    pending: list[tuple[_Cue, str, str]] = []
    limits = doc.__dict__.setdefault("_initial_limits", {})
    for cue in cues:
        if cue.i in consumed:
            continue
        t = toks[cue.i]
        sent_lo = doc.tok_at(doc.sent_bounds(t.sent)[0])
        if cue.lemma == "according to":
            pending.append((cue, "", "according"))
            continue
        initial = _initial_participle(doc, cue, sent_lo)
        if initial is not None:
            pending.append((cue, initial[0], "initial"))
            limits[cue.i] = initial[1]
            continue
        spk, how = _np_before(doc, cue, sent_lo, cue_idx)
        if how == "wh" or _negated(doc, cue, sent_lo):
            continue
        if _without(doc, cue, sent_lo):
            sibling_start[cue.i] = toks[cue.i - 1].start  # it reports nothing, but ends the clause before it
            continue
        if how == "sibling" and _coordinated_inside(doc, cue, sent_lo, cue_idx):
            pending.append((cue, spk, "inside"))
            continue
        if how == "sibling" and cue.form not in _SOURCE_PARTICIPLES:
            k = _skip_back(doc, cue.i - 1, sent_lo)
            if k >= sent_lo and toks[k].text in _DQ_ALL:
                sibling_start[cue.i] = toks[k].end
            else:
                sibling_start[cue.i] = toks[k].start if k >= sent_lo else t.start
        pending.append((cue, spk, how))
    return pending, sibling_start


#: Words that may open a sentence before an introductory participle ("When announcing the shutdown, ...").
_INTRO = {"when", "while", "after", "before", "by", "upon", "in", "on", "since", "also", "later"}


def _initial_participle(doc: _Doc, cue: _Cue, sent_lo: int) -> tuple[str, int] | None:
    """An introductory participle clause ("Citing the elephant's size, officials estimated ...";
    "When announcing the shutdown on Monday, Prime Minister Tuilaepa called on ..."): its speaker is
    the subject of the main clause after the comma, and its content ends at that comma. Returns
    (speaker, content limit) or None."""
    toks = doc.toks
    if not cue.form.endswith("ing") or cue.i - sent_lo > 1 or any(toks[x].low not in _INTRO for x in range(sent_lo, cue.i)):
        return None
    hi = doc.tok_at(doc.sent_bounds(toks[cue.i].sent)[1])
    comma = next((x for x in range(cue.j + 1, min(hi, cue.j + 25)) if toks[x].text == "," and not toks[x].quoted), None)
    if comma is None or comma + 1 >= hi:
        return None
    subject = _subject(doc, comma + 1, hi)
    if not subject or subject.split()[0].lower() in {"the", "a", "an"} and len(subject.split()) == 1:
        return None
    return subject, toks[comma].start


def _coordinated_inside(doc: _Doc, cue: _Cue, sent_lo: int, cue_idx: set[int]) -> bool:
    """``and VERB`` after another finite verb that is not a cue: "Fars reported Iran issued
    warrants ... and demanded ..." coordinates *demanded* with *issued*, inside Fars's content."""
    toks = doc.toks
    k = _skip_back(doc, cue.i - 1, sent_lo)
    if k < sent_lo or toks[k].low not in {"and", "but"}:
        return False
    if isinstance(cue_idx, _CueIndex):
        last = cue_idx.last_in(sent_lo, k - 1)
    else:
        last = max((c for c in cue_idx if sent_lo <= c < k), default=None)
    if last is None:
        return False
    ing = cue.form.endswith("ing")
    return any(is_verb_token(toks[x]) and x not in cue_idx and toks[x].low.endswith("ing") == ing
               and toks[x].low not in _AUX for x in range(last + 1, k))


#: Verbs after which a gerund reports nothing said ("avoided labeling the attacks").
_AVOID = ("avoid", "refus", "declin", "stopp", "ceas", "hesitat", "fail")


def _without(doc: _Doc, cue: _Cue, sent_lo: int) -> bool:
    """A gerund after "without" with no clause of its own reports nothing said: "left without
    saying a word", "without explaining why" (not "without adding that ...", which the guide counts)."""
    toks = doc.toks
    nxt = toks[cue.j + 1] if cue.j + 1 < len(toks) else None
    return cue.i - 1 >= sent_lo and toks[cue.i - 1].low == "without" and cue.form.endswith("ing") \
        and not (nxt is not None and (nxt.low == "that" or nxt.text in _DQ_ALL))


def _negated(doc: _Doc, cue: _Cue, sent_lo: int) -> bool:
    """A negated verb reports nothing said: "did not announce", "has never commented"."""
    toks = doc.toks
    j = cue.i - 1
    if j >= sent_lo and toks[j].low.startswith(_AVOID) and (cue.form.endswith("ing") or toks[j].low == "to"):
        return True  # "avoided labeling", "refused to say": nothing was said
    if j - 1 >= sent_lo and toks[j].low in {"or", "nor"} and toks[j - 1].text.islower() and toks[j - 1].text.isalpha():
        j -= 2  # "did not concede or admit defeat": the negation covers both verbs
    while j >= sent_lo:
        t = toks[j]
        if t.low in {"not", "never"} or t.low.endswith(("n't", "n\u2019t")):
            return True
        if not (t.low in _AUX or t.low in {"also", "yet", "still", "immediately", "publicly", "ever"}):
            return False
        j -= 1
    return False


def _according_to(doc: _Doc, cue: _Cue, clause: _Clause) -> Rows:
    """``According to X, ...`` / ``..., according to X``."""
    toks, text = doc.toks, doc.text
    t = toks[cue.i]
    a, b = _np_after(doc, cue.j + 1, clause.hi)
    if b < a:
        return []
    spk_text, _, spk_end = _span_text(doc, a, b)
    before = text[clause.lo_char:t.start]
    rest = text[spk_end:clause.hi_char].strip(" ,.!?;\u2014\u2013")
    if before.strip(" ,\u2014\u2013") == "":
        cs, ce = spk_end, clause.hi_char
    elif len(rest.split()) >= 2:
        cs, ce = clause.lo_char, clause.hi_char  # in the middle: "One child was, according to X, among the dead"
    else:
        cs, ce = clause.lo_char, t.start  # the clause before the phrase
    cs, ce = _strip_content(text, cs, ce)
    if ce - cs < 3:
        return []
    return [_row(doc, "indirect", spk_text, text[t.start:toks[cue.j].end], cue, cs, ce, anchor=t.start)]


def _citing(doc: _Doc, cue: _Cue, clause: _Clause, rows: Rows, spk: str = "", how: str = "") -> Rows:
    """``X reported, citing Y, that ...`` and ``X, citing Y, reported that ...``: Y is a source of the
    same content, read like "according to Y" (the guide's ``according_to`` class). Other uses of
    "citing" (a reason: "citing health concerns") give no row."""
    toks, text = doc.toks, doc.text
    a = cue.j + 1
    b = a
    while b <= clause.hi and toks[b].text not in ",;:." and b - a < 10:
        b += 1
    cue_text = text[toks[cue.i].start:toks[cue.j].end]
    if b == a or b > clause.hi + 1:
        return []
    source, _, _ = _span_text(doc, a, b - 1)
    if b <= clause.hi and toks[b].text == "," and _can_find(source):
        host = [r for r in rows if r["sentence_index"] == clause.si and r["cue_class"] != "according_to"
                and r["content_start"] >= toks[b].end - 1 and r["_anchor"] < toks[b].end + 200]
        if host:
            r = min(host, key=lambda r: r["content_start"])
            return [_row(doc, "indirect", source, cue_text, cue, r["content_start"],
                         r["content_end"], anchor=toks[cue.i].start, cue_class="according_to")]
    if b > clause.hi or toks[b].text in ".;":
        # "..., the paper reported, citing two officials.": the participle closes the sentence and
        # names a source of the attribution just before it
        host = [r for r in rows if r["sentence_index"] == clause.si and r["cue_class"] != "according_to"
                and r["content_end"] <= toks[cue.i].start and r["_anchor"] < toks[cue.i].start]
        if host and _can_find(source):
            r = max(host, key=lambda r: r["_anchor"])
            return [_row(doc, "indirect", source, cue_text, cue, r["content_start"], r["content_end"],
                         anchor=toks[cue.i].start, cue_class="according_to")]
    # "resigned, citing health concerns", "Citing low turnout, officials cancelled the vote": a
    # reason the subject gives -- a noun-phrase object (the guide's np_object class)
    if _can_find(source) or (b <= clause.hi and toks[b].text not in ",.;"):
        return []
    cs, ce = _strip_content(text, toks[a].start, toks[b - 1].end)
    if ce - cs < 3 or not is_noun_phrase(doc, cs, ce):
        return []
    speaker = spk if how == "initial" else _shared_speaker(doc, cue, spk, "sibling", clause, rows)
    if not speaker:
        return []
    return [_row(doc, "indirect", speaker, cue_text, cue, cs, ce, anchor=toks[cue.i].start, cue_class="np_object")]


def _coordinate_end(text: str, start: int, end: int) -> int:
    """Where a coordinated verb of the sentence's subject begins ("... and demanded ..."), or end."""
    m = re.search(r"\s(?:and|but)\s+(?:then\s+|later\s+|also\s+)?[a-z]+ed\b", text[start:end])
    return start + m.start() if m else end


def _passive(doc: _Doc, cue: _Cue, how: str, clause: _Clause) -> Rows | None:
    """``X was claimed by Y``, ``it was reported that ...``, ``he is said to ...``."""
    toks, text = doc.toks, doc.text
    t = toks[cue.i]
    prev = toks[cue.i - 1] if cue.i - 1 >= clause.lo else None
    nxt = toks[cue.j + 1] if cue.j + 1 <= clause.hi else None
    participle = cue.form.endswith("ed") or cue.form in _PAST_IRREGULAR | {"seen", "known", "heard"}
    if (participle and prev is not None and prev.text.islower() and prev.text.isalpha() and prev.low not in _AUX
            and prev.low not in _SUBJ_PRON and nxt is not None and _to_infinitive(doc, cue.j + 1) and cue.lemma in _REDUCED):
        # a reduced relative: "36 people believed to have been involved"
        cs, ce = _strip_content(text, nxt.start, _coordinate_end(text, nxt.start, clause.hi_char))
        return [_row(doc, "indirect", "", text[t.start:toks[cue.j].end], cue, cs, ce, anchor=t.start,
                     cue_class="agentless")] if ce - cs >= 3 else []
    kk = _skip_back(doc, cue.i - 1, clause.lo)
    if not (participle and any(t.text.islower() and t.low in _PASSIVE_AUX for t in toks[kk + 1:cue.i])):
        return None  # not a passive ("is widely suspected" is one)
    cue_end = toks[cue.j].end
    k = _skip_back(doc, cue.i - 1, clause.lo)
    if nxt is not None and nxt.low == "by":
        if cue.lemma in _EVALUATIVE:
            return []  # "The operation was condemned by members of the EU": blame with no content
        a, b = _np_after(doc, cue.j + 2, clause.hi)
        spk_text, _, _ = _span_text(doc, a, b)
        if b + 1 <= clause.hi and _to_infinitive(doc, b + 1):
            # "was projected by multiple media outlets to have surpassed ...": the infinitive is the content
            cs, ce = _strip_content(text, toks[b + 1].start, _coordinate_end(text, toks[b + 1].start, clause.hi_char))
            return [_row(doc, "indirect", spk_text, text[toks[k + 1].start:cue_end], cue, cs, ce,
                         anchor=t.start)] if ce - cs >= 3 else []
        j = k
        while j >= clause.lo and toks[j].text not in ",;:" and toks[j].low not in _BOUNDARY:
            j -= 1
        cs, ce = _strip_content(text, toks[j + 1].start if j + 1 <= k else t.start,
                                toks[k].end if k >= clause.lo else t.start)
        if ce - cs < 3:
            return []
        np_only = cue.lemma in _NP_OBJECT and is_noun_phrase(doc, cs, ce)
        return [_row(doc, "indirect", spk_text, text[toks[k + 1].start:cue_end], cue, cs, ce, anchor=t.start,
                     cue_class="np_object" if np_only else None)]  # "His death was announced by his son"
    if k >= clause.lo and toks[k].low in {"it", "this"} and nxt is not None and (
            nxt.low == "that" or clause_follows(doc, cue.j + 1, clause.hi, clause.hi_char)):
        # "It was reported that ...", "It was reported he was in a coma"
        cs, ce = _strip_content(text, nxt.end if nxt.low == "that" else nxt.start, clause.hi_char)
        if ce - cs < 3:
            return []
        return [_row(doc, "indirect", "", text[toks[k].start:cue_end], cue, cs, ce, anchor=t.start,
                     cue_class="agentless")]
    if nxt is not None and ((nxt.low == "of" and cue.lemma in {"suspect", "accuse"})
                            or (nxt.low in {"with", "for"} and cue.lemma == "charge")
                            or (nxt.low == "as" and cue.lemma in {"see", "describe", "report", "believe"})):
        if nxt.low != "as" and k >= clause.lo and toks[k].low in {"who", "that", "which"}:
            return []  # "people who have been accused of crimes": a description, like "anyone accused of a crime"
        # "He is widely suspected of asking ...", "the turnout was seen as support"
        cs, ce = _strip_content(text, nxt.start, clause.hi_char)
        return [_row(doc, "indirect", "", text[toks[cue.i - 1].start:cue_end], cue, cs, ce, anchor=t.start,
                     cue_class="agentless")] if ce - cs >= 3 else []
    if nxt is not None and nxt.low == "to" and _to_infinitive(doc, cue.j + 1) and cue.kind != "phrase" and (
            cue.lemma in _RAISING or cue.stance == "directive" or toks[cue.j + 2].low in {"be", "have"}):
        # "He is said to have fled", "Residents were told to stay off the roads", "he was determined to
        # have a clot": a passive reporting verb and an infinitive; the content is the infinitive clause
        # (not a purpose clause: "notices are declared to ask local authorities ...")
        cs, ce = _strip_content(text, nxt.start, new_clause_end(doc, cue.j + 2, clause.hi_char))
        if ce - cs < 3:
            return []
        return [_row(doc, "indirect", "", text[toks[cue.i - 1].start:cue_end], cue, cs, ce, anchor=t.start,
                     cue_class="agentless")]
    return None if how == "sibling" else []


def _trailing_tag(doc: _Doc, cue: _Cue, spk: str, how: str, clause: _Clause) -> Rows | None:
    """``..., police said.`` (speaker and verb end the sentence)."""
    toks, text = doc.toks, doc.text
    t = toks[cue.i]
    cue_end = toks[cue.j].end
    head = text[clause.lo_char:t.start]
    after = _addressee_end(doc, cue, clause.hi) + 1
    if after <= clause.hi and not only_adjuncts(doc, after, clause.hi):
        return None
    m = re.search(r"[,\u2014\u2013]\s*([^,\u2014\u2013]*)$", head)
    if spk and any(w in _AUX for w in spk.split()):
        return []  # "Trump's was the only identity disclosed": a clause, not a speaker and a verb
    if m and spk and how in ("np", "pronoun"):
        cs, ce = _strip_content(text, clause.lo_char, clause.lo_char + m.start())
        if ce - cs >= 3 and not any(ch in _DQ_ALL for ch in text[cs:ce]):
            return [_row(doc, "indirect", spk, text[t.start:cue_end], cue, cs, ce, anchor=t.start)]
        return []
    if not head.strip() or not spk:
        return []
    return None


def _inverted_tag(doc: _Doc, cue: _Cue, how: str, clause: _Clause, cue_idx: set[int]) -> Rows | None:
    """``..., said the minister.`` (inversion after a comma)."""
    toks, text = doc.toks, doc.text
    t = toks[cue.i]
    cue_end = toks[cue.j].end
    head = text[clause.lo_char:t.start]
    if not ((how == "sibling" and head.rstrip().endswith(",")) or (how == "none" and re.search(r",\s*$", head))):
        return None
    if cue.lemma in _EVALUATIVE or cue.lemma in {"blame", "accuse", "charge"}:
        return None  # "..., blamed the storm": praise and blame take objects, never an inverted speaker
    a, b = _np_after(doc, cue.j + 1, clause.hi)
    rest = text[toks[b].end if b >= a else cue_end:clause.hi_char].strip()
    if not (b >= a and b - a < 10 and (rest in ("", ".", "!", "?") or rest.startswith(","))
            and not cue.form.endswith("ing") and toks[a].low not in {"to", "that"}
            and not (cue.lemma in _NP_OBJECT and not (toks[a].text[0].isupper() or toks[a].low in _DET))
            and not re.match(r",\s*(?:which|who|where|when)\b", rest)
            and not any(toks[x].low in _AUX or x in cue_idx for x in range(a, b + 1))):
        return None
    if b + 2 <= clause.hi and toks[b + 1].text == "," and toks[b + 2].text[:1].isupper():
        e = b + 2
        while e + 1 <= clause.hi and toks[e + 1].text[:1].isupper():
            e += 1
        if e + 1 > clause.hi or toks[e + 1].text in ".!?":
            b = e  # ", argued the government's lawyer, Richard Keen."
            rest = text[toks[b].end:clause.hi_char].strip()
    spk_text, _, _ = _span_text(doc, a, b)
    m = re.search(r",\s*$", head)
    if len(rest.strip(" ,.!?").split()) >= 2 and b + 2 <= clause.hi and not (
            b + 2 in cue_idx or toks[b + 2].low.endswith("ing")):
        cs, ce = _strip_content(text, clause.lo_char, clause.hi_char)  # "X, stated the minister, and was ..."
    else:
        cs, ce = _strip_content(text, clause.lo_char, clause.lo_char + m.start())
    if ce - cs < 3:
        return []
    return [_row(doc, "indirect", spk_text, text[t.start:cue_end], cue, cs, ce, anchor=t.start)]


def _continues_clause(doc: _Doc, k: int, clause: _Clause, cue_idx: set[int], head_end: int) -> bool:
    """After a parenthetical tag, does the text from token k continue the clause the tag
    interrupted? Yes when the part before the tag has no verb ("Around 50 gallons of fuel, officials
    said, spilled"), or when what follows is a predicate ("..., investigators said, and should not
    have"); no when a second cue or a new subject follows ("..., he added, and critics asked")."""
    toks = doc.toks
    if k > clause.hi or k in cue_idx or toks[k].low.endswith("ing"):
        return False
    if not any(is_verb_token(toks[x]) for x in range(clause.lo, head_end)):
        return True
    j = k + 1 if toks[k].low in {"and", "but"} and k + 1 <= clause.hi else k
    t = toks[j]
    if j + 1 <= clause.hi and not is_verb_token(t) and (is_verb_token(toks[j + 1]) or j + 1 in cue_idx):
        return False  # a new subject and its verb: "..., he added, and critics asked ..."
    return t.text.islower() and t.low not in _DET and t.low not in _SUBJ_PRON and j not in cue_idx


def _parenthetical(doc: _Doc, cue: _Cue, spk: str, how: str, clause: _Clause, cue_idx: set[int]) -> Rows | None:
    """A tag inside its content: ``around 50 gallons, officials said, spilled and ignited`` (the
    content is the whole clause); before a second cue, ``..., officials said, adding ...`` (the
    content is the clause before the tag)."""
    toks, text = doc.toks, doc.text
    t = toks[cue.i]
    if how not in ("np", "pronoun") or not spk:
        return None
    m = re.search(r"[,\u2014\u2013]\s*([^,\u2014\u2013]*)$", text[clause.lo_char:t.start])
    k = _addressee_end(doc, cue, clause.hi) + 1
    if not m or k + 1 > clause.hi or toks[k].text != "," or toks[k + 1].text in _DQ_ALL \
            or len(text[clause.lo_char:clause.lo_char + m.start()].split()) < 2:
        return None  # not a tag between commas, or one that introduces a quotation
    cue_end = toks[k - 1].end  # the verb and, for tell-verbs, its addressee
    if _continues_clause(doc, k + 1, clause, cue_idx, doc.tok_at(clause.lo_char + m.start())):
        cs, ce = _strip_content(text, clause.lo_char, clause.hi_char)
    else:
        cs, ce = _strip_content(text, clause.lo_char, clause.lo_char + m.start())
    if ce - cs < 3:
        return []
    return [_row(doc, "indirect", spk, text[t.start:cue_end], cue, cs, ce, anchor=t.start)]


def _shared_speaker(doc: _Doc, cue: _Cue, spk: str, how: str, clause: _Clause, rows: Rows) -> str | None:
    """The speaker of a participle or coordinated verb (the first speaker of its sentence, else
    the sentence's subject); None when the cue is to be dropped."""
    if how == "initial":
        return spk
    if how == "np" and cue.form.endswith("ing") and spk.split() and spk.split()[-1].lower() in _DOC_WORDS:
        # "experts signed an open letter urging ...", "X issued a statement saying ...": the author speaks
        a = doc.toks[cue.i].start - len(spk) - 1
        before = doc.tok_at(max(0, a)) - 1
        if before >= clause.lo and is_verb_token(doc.toks[before]):
            return _subject(doc, clause.lo, before) or spk
    if how in ("sibling", "none", "inside"):
        start = doc.toks[cue.i].start
        earlier = [r for r in rows if r["sentence_index"] == clause.si and r["_anchor"] < start and r["speaker"]]
        if cue.kind in ("cognition", "evidential") and not earlier:
            return None
        holding = [r for r in earlier if r["content_start"] <= start < r["content_end"]]
        if holding:
            # a verb inside reported content shares the subject of that content's clause:
            # "Fars reported Iran issued warrants ... and demanded ..." -> Iran
            inner = max(holding, key=lambda r: r["content_start"])
            return _subject(doc, doc.tok_at(inner["content_start"]), cue.i) or inner["speaker"]
        if earlier:
            return max(earlier, key=lambda r: r["_anchor"])["speaker"]  # the closest attribution before it
        return _subject(doc, clause.lo, cue.i)
    if cue.kind == "evidential" and not _can_find(spk):
        return None
    return spk


def _can_find(speaker: str) -> bool:
    """Whether the subject of an evidential verb ("found", "shows", "indicates") is a source --
    a document, a name, a group, people, a person -- rather than a fact ("That reference
    indicates ...")."""
    if re.search(r"[A-Z]", speaker[1:]):
        return True
    words = {w.rstrip("s") if len(w) > 3 else w for w in re.findall(r"[a-z]+", speaker.lower())}
    sources = {w.rstrip("s") for w in _DOC_WORDS | _COLLECTIVE | _ORG_WORDS} | {
        "court", "jury", "he", "she", "they", "we", "i", "result", "autopsy", "test", "evidence", "examination",
        "experiment", "inquiry", "inquest", "probe", "hospital", "doctor", "scientist", "panel", "model", "estimate"}
    return bool(words & sources) or bool(re.search(r"(?:er|ist|ian|or|ant)s\b", speaker.lower()))


def _one_cue(doc: _Doc, cue: _Cue, spk: str, how: str, rows_by_sentence: dict[int, Rows], cue_idx: set[int],
             sent_cues: dict[int, list[int]], sibling_start: dict[int, int]) -> Rows:
    """The rows one cue of reported speech gives (none, or one). ``rows_by_sentence`` holds the
    rows found so far by sentence index, in the order they were found."""
    clause = clause_of(doc, cue)
    rows = rows_by_sentence.get(clause.si, [])  # the rules look only at rows of the cue's sentence
    if how == "according":
        return _according_to(doc, cue, clause)
    if cue.form in _SOURCE_PARTICIPLES:
        return _citing(doc, cue, clause, rows, spk, how)
    found = None if how == "initial" else _passive(doc, cue, how, clause)
    if found is None:
        found = _trailing_tag(doc, cue, spk, how, clause)
    if found is None:
        found = _inverted_tag(doc, cue, how, clause, cue_idx)
    if found is None:
        found = _parenthetical(doc, cue, spk, how, clause, cue_idx)
    if found is not None:
        return found
    speaker = _shared_speaker(doc, cue, spk, how, clause, rows)
    if speaker is None:
        return []
    span = content_span(doc, cue, clause, sent_cues, sibling_start)
    if span is None:
        return []
    cue_end, cs, ce = span
    if how == "initial":
        cs, ce = _strip_content(doc.text, cs, min(ce, doc.__dict__["_initial_limits"][cue.i]))
        if ce - cs < 3:
            return []
    t = doc.toks[cue.i]
    np_only = cue.lemma not in CLAUSE_ONLY | {"accuse", "charge", "blame"} \
        and is_noun_phrase(doc, cs, ce, directive=cue.stance in ("directive", "commissive") and not cue.lemma.endswith(" for"))
    if np_only and cue.kind == "evidential" and not set(speaker.lower().split()) & _DOC_WORDS:
        return []  # "they found human remains": a discovery, not a finding reported
    cue_class = "np_object" if np_only else None
    return [_row(doc, "indirect", speaker, doc.text[t.start:cue_end], cue, cs, ce, anchor=t.start,
                 cue_class=cue_class)]


def reported_speech(doc: _Doc, cues: list[_Cue], consumed: set[int], rows: Rows) -> None:
    """Append to ``rows`` the reported speech of every cue not in ``consumed`` (the cues used
    as quotations' tags). ``rows`` holds the quotations found so far: a participle takes the
    speaker of an earlier attribution in its sentence."""
    cue_idx = _CueIndex(c.i for c in cues)
    pending, sibling_start = _pending(doc, cues, consumed, cue_idx)
    sent_cues: dict[int, list[int]] = {}
    for cue, _, _ in pending:
        sent_cues.setdefault(doc.toks[cue.i].sent, []).append(cue.i)
    silent = [i for i in sibling_start if i not in {cue.i for cue, _, _ in pending}]
    for i in silent:  # gerunds after "without": no row of their own, but they end the clause before them
        sent_cues.setdefault(doc.toks[i].sent, []).append(i)
    for i in {doc.toks[i].sent for i in silent}:
        sent_cues[i].sort()
    # the rows by sentence, kept up to date: a scan of every row for each cue made the time grow
    # with the square of the text's length
    by_sentence: dict[int, Rows] = {}
    for r in rows:
        by_sentence.setdefault(r["sentence_index"], []).append(r)
    # "X, citing Y, reported that ...": a participle naming a source reads the row of the verb after
    # it, so the source participles come last
    for cue, spk, how in sorted(pending, key=lambda p: p[0].form in _SOURCE_PARTICIPLES):
        new = _one_cue(doc, cue, spk, how, by_sentence, cue_idx, sent_cues, sibling_start)
        rows.extend(new)
        for r in new:
            by_sentence.setdefault(r["sentence_index"], []).append(r)
