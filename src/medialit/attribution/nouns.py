"""Step 4c: nouns and phrases as cues (the guide's ``noun`` class).

Not every attribution has a verb. These forms credit content to a source with a noun:

* ``In his view, ...``, ``In her opinion, ...``, ``From his view, ...``, ``In Smith's words, ...``:
  the possessor is the speaker, the rest of the sentence the content;
* ``By reports, ...``, ``By most accounts, ...``: no named source;
* ``The accusation against Biden is that ...``, ``The government's counter-argument was that ...``:
  the content follows *that*, the possessor (if any) is the speaker;
* ``Russia's claims that ...``, ``allegations that ...``, ``a statement to the effect ...``: a speech
  noun with a *that* clause. When the phrase opens its sentence it is the subject, and the clause
  ends where the sentence's own verb begins (``The group's claim that it killed ten soldiers could
  not be verified`` -> ``it killed ten soldiers``).

The stance of a noun is the stance of its verb in the lexicon (*claim* is distancing, *allegation*
follows *allege*).

>>> from .document import _Doc
>>> rows = []
>>> noun_cues(_Doc("In his view, the plan will fail. Critics repeated the claim that the vote was rigged."), rows)
>>> [(r["speaker"], r["cue"], r["content"], r["cue_class"]) for r in rows]
[('his', 'In his view', 'the plan will fail', 'noun'), ('', 'claim', 'the vote was rigged', 'noun')]
"""
from __future__ import annotations

import functools
import re
from typing import Any

from .content import _finite_at
from .cues import _Cue
from .document import _Doc
from .lexicon import _verb_table
from .rows import _row, _strip_content

#: Speech nouns and the verb whose stance they carry.
_NOUN_VERB = {"claim": "claim", "claims": "claim", "allegation": "allege", "allegations": "allege",
              "accusation": "accuse", "accusations": "accuse", "assertion": "assert", "assertions": "assert",
              "argument": "argue", "counter-argument": "argue", "warning": "warn", "warnings": "warn",
              "report": "report", "reports": "report", "statement": "state", "suggestion": "suggest",
              "announcement": "announce", "denial": "deny", "insistence": "insist", "view": "", "opinion": "",
              "words": "say", "estimation": "estimate", "judgment": "", "judgement": "", "assessment": "",
              "accounts": "", "estimates": "estimate"}
_POSSESSOR = r"(?P<spk>his|her|their|its|our|my|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['\u2019]s)"
_OPINION = re.compile(rf"(?:In|From)\s+{_POSSESSOR}\s+(?P<noun>view|opinion|words|estimation|judge?ment|assessment)\s*,\s*")
_BY_REPORTS = re.compile(r"(?:By|Per)\s+(?:(?:some|most|many|all|official|press|media|local|early|initial)\s+)?(?P<noun>reports|accounts|estimates)\s*,?\s*")
_COPULA = re.compile(r"(?P<head>(?:[Tt]he|[Tt]his|[Tt]heir|[Hh]is|[Hh]er|[Ii]ts|[A-Z][\w.-]*['\u2019]s)\s+(?:[\w'\u2019-]+\s+)?)"
                     r"(?P<noun>claims?|allegations?|accusations?|assertions?|(?:counter-)?argument|suggestion|warnings?)"
                     r"(?:\s+(?:against|by|from)\s+[\w.' -]{1,40}?)?\s+(?:is|was|are|were)\s+that\s+")
_THAT = re.compile(r"(?P<head>(?:(?:[Tt]he\s+)?[\w.-]+['\u2019]s|[Tt]he|[Tt]hese|[Tt]hose|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[a-z-]+\s+)?)?"
                   r"(?P<noun>claims?|allegations?|accusations?|assertions?|reports?|warnings?|denials?|"
                   r"statement\s+to\s+the\s+effect)\s+(?:that\s+)?(?=(?:the|a|an|he|she|it|they|we|there|its|their|his|her|this|these|those|our)\b|[A-Z0-9])")


@functools.cache
def _stances() -> dict[str, str]:
    rows, _ = _verb_table()
    return {r["lemma"]: r["stance"] for r in rows}


def _cue(noun: str) -> _Cue:
    key = noun.lower().split()[0]
    lemma = key[:-1] if key.endswith("s") and key not in {"words", "news"} else key
    return _Cue(-1, -1, lemma, _stances().get(_NOUN_VERB.get(key, ""), ""), "noun", noun.lower())


def _clause_end(doc: _Doc, start: int) -> int:
    """The end of the clause that starts at ``start``: a semicolon or the sentence end."""
    hi = doc.sent_bounds(doc.sent_of(start))[1]
    semi = doc.text.find(";", start, hi)
    return semi if semi >= 0 else hi


def _possessor(head: str | None) -> str:
    if not head:
        return ""
    words = head.split()
    for k, w in enumerate(words):
        if re.search(r"['\u2019]s$", w):  # "Russia's claims", "The government's counter-argument"
            return re.sub(r"['\u2019]s$", "", " ".join(words[:k + 1]))
    if words and words[0].lower() in {"his", "her", "their", "its"}:
        return words[0]
    return ""


_ANY_NOUN = re.compile(r"\b(?:view|opinion|words|estimation|judge?ment|assessment|reports?|accounts|estimates|claims?|"
                       r"allegations?|accusations?|assertions?|argument|suggestion|warnings?|denials?|statement)\b")


def noun_cues(doc: _Doc, rows: list[dict[str, Any]]) -> None:
    """Append a row for every noun cue whose content no row found so far starts at."""
    text = doc.text
    if not _ANY_NOUN.search(text):
        return
    taken = {r["content_start"] for r in rows}
    found: list[tuple[int, int, str, str, _Cue, int]] = []  # cue start, cue end, speaker, cue text, cue, content start
    for lo, _hi in doc.sents:
        for pattern in (_OPINION, _BY_REPORTS):
            m = pattern.match(text, lo)
            if m:
                spk = m.groupdict().get("spk") or ("" if pattern is _OPINION else m.group("noun"))
                if pattern is _OPINION:
                    spk = re.sub(r"['\u2019]s$", "", spk)
                found.append((m.start(), m.end(), spk, text[m.start():m.end()].rstrip(" ,"), _cue(m.group("noun")), m.end()))
    starts = sorted({max(0, h.start() - 60) for h in _ANY_NOUN.finditer(text)})
    windows: list[tuple[int, int]] = []
    subjects: set[int] = set()
    for a in starts:
        if windows and a <= windows[-1][1]:
            windows[-1] = (windows[-1][0], a + 140)
        else:
            windows.append((a, a + 140))
    for pattern in (_COPULA, _THAT):
        for m in (m for a, b in windows for m in pattern.finditer(text, a, min(len(text), b))):
            if doc.toks[doc.tok_at(m.start("noun"))].quoted:
                continue
            found.append((m.start("noun"), m.end("noun"), _possessor(m.group("head")), m.group("noun"),
                          _cue(m.group("noun")), m.end()))
            if not text[doc.sent_bounds(doc.sent_of(m.start()))[0]:m.start()].strip(" \"'\u201c"):
                subjects.add(m.start("noun"))  # the phrase opens its sentence: it is the subject
    for cue_start, _cue_end, spk, cue_text, cue, cs in sorted(found):
        end = _clause_end(doc, cs)
        if cue_start in subjects:
            end = _subject_clause_end(doc, cs, end)
        s, e = _strip_content(text, cs, end)
        if e - s < 8 or s in taken:
            continue
        taken.add(s)
        rows.append(_row(doc, "indirect", spk, cue_text, cue, s, e, anchor=cue_start))


_CHAIN = {"not", "never", "be", "been", "being", "also", "still", "already", "n't"}


def _subject_clause_end(doc: _Doc, cs: int, end: int) -> int:
    """A noun cue in subject position ("The group's claim that it killed ten soldiers could not be
    verified"): its *that* clause ends where the sentence's own verb begins -- the first finite
    verb after the clause's verb group."""
    toks = doc.toks
    a, b = doc.tok_at(cs), doc.tok_at(end)
    x = a
    while x < b and not _finite_at(doc, x, a):
        x += 1
    if x >= b:
        return end
    x += 1
    while x < b and (toks[x].low in _CHAIN or (toks[x].text.islower() and toks[x].low.endswith(("ed", "ing", "en"))
                                                and toks[x - 1].low in _CHAIN | _FINITE_CHAIN)):
        x += 1
    for y in range(x, b):
        if toks[y].text == ",":
            return end  # a comma: an apposition or a second clause, not the main verb
        if (_finite_at(doc, y, a) or toks[y].low in _MAIN_PAST) and toks[y - 1].low not in _CHAIN | _FINITE_CHAIN | {"to", "that", "who", "which"}:
            return toks[y].start
    return end


_FINITE_CHAIN = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "may", "might",
                 "should", "must", "did", "do", "does"}
#: Irregular pasts that often follow a subject noun phrase ("the claim ... drew criticism").
_MAIN_PAST = {"drew", "led", "got", "won", "lost", "came", "went", "left", "made", "brought", "caught", "fell",
              "rose", "met", "spread", "sent", "took", "gave", "became", "proved", "began", "held", "found"}
