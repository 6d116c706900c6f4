"""Who says so? Attributions, reporting verbs, hedges, scare quotes and voice maps.

A news report mixes two kinds of sentence: those the reporter asserts, and those
the reporter *attributes* to a source. This module finds the attributions of a
text with general rules of English news writing and returns them as a table:

* **direct** attribution: the source's words in quotation marks, with a speaker
  tag (``"...," Naryshkin told reporters``; ``He further states: "..."``);
* **indirect** attribution (reported speech): the content in the reporter's
  words (``Peskov said he was unaware of the warning``; ``according to
  officials, ...``; ``it was reported that ...``);
* **mixed** attribution: reported speech with some of the source's words in
  quotation marks (``called on Muslims to "kill apostates in Russia"``);
* **unmatched_quote**: a quotation mark that has no partner (an error in the
  text, reported with its position rather than guessed at).

The rules, in the order they are applied (see the annotation guide of the book
for the conventions the gold annotations follow):

1. **Quotations.** Double quotation marks, straight (``"``) or curly (``“ ”``),
   and guillemets are paired within a paragraph. A paragraph that opens a quote
   without closing it continues into the next paragraph when that paragraph
   opens with a quotation mark (the news convention for long quotations); any
   other unpaired mark becomes an ``unmatched_quote`` row. Single quotation
   marks are read as scare quotes or headline quotes, never as attributions.
2. **Reporting verbs.** Cue words come from the kit's lexicon
   ``data/lexicons/reporting-verbs.csv`` (built from the GenderGapTracker and
   textacy lists, with a stance per verb). A cue form is skipped when it is a
   noun or adjective ("the claim", "the Post report", "the alleged militant"),
   an infinitive ("to warn of"), inside a quotation, or part of an embedded
   question ("what the attack tells us").
3. **Speaker tags of quotations.** A quotation followed by ``, SPEAKER VERB`` or
   ``, VERB SPEAKER`` (inversion) is a direct attribution; so is one preceded by
   ``SPEAKER VERB:`` or ``SPEAKER VERB,``. A quote split around its tag
   (``"A," he said, "B."``) gives two rows with the same speaker. A quotation
   that opens a sentence or paragraph with no tag continues the speaker of the
   attribution just before it (the news convention of consecutive quotation
   paragraphs): its ``speaker`` is empty and ``speaker_resolved`` names the
   carried-over source.
4. **Reported speech.** For every other cue, the speaker is the noun phrase
   before the verb (pronoun, name, appositive ``the spokesman, Ivan Petrov,``,
   collective ``officials``, document ``the video``), or the subject of the
   sentence for a participle or coordinated verb (``..., saying``; ``... but
   claimed``); ``by X`` for a passive (``was claimed by the group``); empty for
   agentless forms (``it was reported that``). The content runs from after the
   verb (and its addressee, for *tell*-verbs: ``told reporters``; and the
   complementizer *that*) to the end of the clause: the sentence end, a
   semicolon, the next coordinated reporting verb, a trailing ``according to``,
   or a non-restrictive ``, which``/``, who`` clause. ``according to X`` and
   trailing tags (``..., police said.``; ``..., said the minister.``) take the
   rest of the sentence as content. A verb with no content (``declined to
   comment``; ``threatens Russia with jihad``) is not an attribution. Content
   that is one whole quotation is **direct**; content that contains a quotation
   is **mixed**.
5. **Speakers resolved.** ``he``/``she`` resolve to the last speaker that is a
   person's name; a surname alone resolves to the earlier full name; a named
   speaker resolves to its name without titles (``Kremlin spokesperson Dmitry
   Peskov`` → ``Dmitry Peskov``). Collective, document and ambiguous speakers
   (``officials``, ``the video``, ``they``, ``it``) stay unresolved (empty).

Caveats: the rules read surface patterns, not syntax. They miss attributions
without a reporting verb ("In his view, ..."), may take a reporter's inference
for an attribution, and cannot tell whom a carried-over quotation belongs to
when a paragraph changes speaker without saying so. Check the table against the
text; :func:`evaluate` measures how often it agrees with a human annotator.
"""
from __future__ import annotations

import bisect
import csv
import functools
import json
import re
from typing import Any

import numpy as np
import pandas as pd

from .corpus import verify_file
from .errors import DataFileError
from .resources import data_path
from .text import check_text, sentence_spans

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "STANCES",
    "evaluate",
    "extract_attributions",
    "gold_names",
    "hedge_lexicon",
    "hedges",
    "load_gold",
    "reporting_verbs",
    "scare_quotes",
    "voice_map",
]

#: Columns of :func:`extract_attributions`, in order.
ATTRIBUTION_COLUMNS = [
    "type", "speaker", "speaker_resolved", "cue", "cue_lemma", "cue_stance",
    "content", "content_start", "content_end", "sentence_index",
]
#: The stance classes of the reporting-verb lexicon.
STANCES = ("neutral", "distancing", "endorsing", "directive", "commissive")
TYPES = ("direct", "indirect", "mixed", "unmatched_quote")

# ---------------------------------------------------------------------------------------------
# Lexicons
# ---------------------------------------------------------------------------------------------


@functools.cache
def _verb_table() -> tuple[tuple[dict[str, Any], ...], str]:
    path = data_path("lexicons", "reporting-verbs.csv")
    verify_file(path)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = tuple(dict(r) for r in csv.DictReader(fh))
    need = {"lemma", "forms", "stance", "kind", "cue", "sources", "note"}
    if not rows or not need <= set(rows[0]):
        raise DataFileError(f"{path} should be a CSV with the columns {sorted(need)}.")
    bad = [r["lemma"] for r in rows if r["stance"] not in STANCES]
    if bad:
        raise DataFileError(f"{path}: unknown stance for {bad}; expected one of {STANCES}.")
    return rows, str(path)


def reporting_verbs() -> pd.DataFrame:
    """The kit's reporting-verb lexicon as a table (one row per lemma).

    Columns: ``lemma``, ``forms`` (space-separated inflected forms), ``stance``
    (one of :data:`STANCES`), ``kind`` (speech, cognition, evidential, phrase),
    ``cue`` ("yes" if the extractor uses it), ``sources`` (which published list
    it came from; "kit" for additions) and ``note``.

    >>> verbs = reporting_verbs()
    >>> verbs.set_index("lemma").loc[["say", "claim", "confirm", "urge", "vow"], "stance"].tolist()
    ['neutral', 'distancing', 'endorsing', 'directive', 'commissive']
    """
    rows, _ = _verb_table()
    return pd.DataFrame(list(rows))


@functools.cache
def _cue_forms() -> tuple[dict[str, tuple[str, str, str]], dict[str, dict[str, tuple[str, str, str]]]]:
    """Map one-word forms to (lemma, stance, kind); two-word forms by first word."""
    single: dict[str, tuple[str, str, str]] = {}
    double: dict[str, dict[str, tuple[str, str, str]]] = {}
    rows, _ = _verb_table()
    for r in rows:
        if r["cue"] != "yes":
            continue
        info = (r["lemma"], r["stance"], r["kind"])
        if r["lemma"] == "according to":
            double.setdefault("according", {})["to"] = info
            continue
        parts = r["lemma"].split()
        for form in r["forms"].split():
            if len(parts) == 1:
                single.setdefault(form, info)
        if len(parts) == 2:
            forms = r["forms"].split()
            for form in forms:
                if form != parts[1]:
                    double.setdefault(form, {})[parts[1]] = info
    return single, double


@functools.cache
def _hedge_table() -> tuple[tuple[str, str, str], ...]:
    path = data_path("lexicons", "hedges.txt")
    verify_file(path)
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        term, _, rest = line.partition("\t")
        kind, _, note = rest.partition("\t")
        out.append((term.strip().lower(), kind.strip() or "hedge", note.strip()))
    return tuple(out)


def hedge_lexicon() -> pd.DataFrame:
    """The kit's hedge lexicon (``data/lexicons/hedges.txt``): ``term``, ``kind``, ``note``.

    >>> "so-called" in set(hedge_lexicon()["term"])
    True
    """
    return pd.DataFrame(list(_hedge_table()), columns=["term", "kind", "note"])


@functools.cache
def _hedge_regex() -> re.Pattern[str]:
    terms = sorted({t for t, _, _ in _hedge_table()}, key=len, reverse=True)
    alts = "|".join(re.escape(t).replace(r"\-", "[-\u2010\u2011]").replace(r"\ ", r"\s+") for t in terms)
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.IGNORECASE)


# ---------------------------------------------------------------------------------------------
# Word lists used by the rules (closed-class words of English news writing)
# ---------------------------------------------------------------------------------------------

_DET = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our",
        "my", "your", "any", "some", "every", "each", "no"}
_AUX = {"has", "have", "had", "is", "was", "were", "are", "be", "been", "being", "will", "would",
        "can", "could", "may", "might", "shall", "should", "must", "did", "does", "do", "am"}
_ADV = {"also", "further", "later", "again", "then", "previously", "now", "not", "never", "still",
        "even", "repeatedly", "once", "first", "earlier", "often", "already", "just", "falsely",
        "wrongly", "rightly", "publicly", "privately", "reportedly", "allegedly", "recently",
        "subsequently", "separately", "last", "twice", "initially", "since", "long"}
_SUBJ_PRON = {"he", "she", "it", "they", "we", "i", "you", "who"}
_PERSON_PRON = {"he", "she"}
_BOUNDARY = {"that", "which", "who", "whom", "whose", "when", "while", "because", "as", "if",
             "since", "although", "though", "whether", "what", "how", "why", "where", "but",
             "so", "than", "after", "before", "until", "unless", "once", "and", "or", "nor",
             "despite", "whereas"}
_WH = {"what", "how", "why", "whether", "where"}
_PREP = {"about", "of", "for", "with", "in", "on", "at", "by", "from", "against", "over", "into",
         "through", "during", "without", "under", "upon", "toward", "towards", "between", "among",
         "within", "across", "inside", "outside", "near", "around", "behind", "beyond", "via", "amid"}
_TIME = {"on", "in", "at", "during", "last", "yesterday", "today", "tonight", "earlier", "later",
         "this", "late", "early", "overnight"}
_TELL = {"tell", "inform", "notify", "assure", "reassure", "remind", "warn", "advise", "accuse"}
_NP_OBJECT = {"claim", "deny", "confirm", "reconfirm", "announce", "report", "acknowledge",
              "admit", "reveal", "disclose", "allege", "dispute", "predict", "estimate"}
_TO_OBJECT = {"directive", "commissive"}
_PERCEPTION = re.compile(r"\b(?:is|was|are|were|been|be)\s+(?:also\s+|later\s+|then\s+)?"
                         r"(?:seen|shown|heard|filmed|pictured|depicted|recorded)\b", re.IGNORECASE)
_DOC_WORDS = {"video", "statement", "report", "study", "document", "documents", "data", "analysis",
              "survey", "poll", "research", "recording", "footage", "message", "letter", "post",
              "tweet", "audio", "speech", "communique", "communiqué", "release", "article",
              "book", "paper", "investigation", "assessment", "review", "findings", "records"}
_COLLECTIVE = {"members", "officials", "authorities", "experts", "analysts", "people", "sources",
               "residents", "witnesses", "police", "fighters", "militants", "leaders",
               "observers", "diplomats", "investigators", "critics", "supporters", "activists",
               "spokesman", "spokeswoman", "spokesperson", "government", "ministry", "group",
               "militaries", "troops", "soldiers", "scholars", "researchers", "reporters",
               "journalists", "media", "outlets", "commentators", "bloggers", "users"}
_TITLES = {"president", "director", "minister", "secretary", "spokesperson", "spokesman",
           "spokeswoman", "gen.", "general", "col.", "colonel", "sheikh", "emir", "mr.", "mrs.",
           "ms.", "dr.", "prof.", "professor", "prime", "chief", "head", "commander", "leader",
           "ambassador", "governor", "mayor", "senator", "sen.", "rep.", "judge", "justice",
           "king", "queen", "prince", "sgt.", "lt.", "capt.", "maj.", "adm.", "deputy", "chairman",
           "chairwoman", "ceo", "editor", "correspondent", "analyst", "expert", "officer"}
_ORG_WORDS = {"post", "times", "service", "services", "ministry", "department", "agency", "press",
              "front", "province", "state", "states", "group", "media", "news", "office",
              "council", "committee", "kremlin", "embassy", "government", "army", "police",
              "bureau", "network", "channel", "tv", "union", "party", "emirate", "caliphate",
              "brigade", "university", "institute", "center", "centre", "foundation", "journal",
              "magazine", "agency", "corporation", "company", "inc.", "court", "parliament",
              "duma", "nations", "organisation", "organization", "commission", "house",
              "intelligence", "fsb", "isis", "isil", "is", "is-k", "isis-k", "reuters", "ap",
              "afp", "bbc", "cnn", "voa", "tass", "ria", "interfax"}
_NAME_PARTICLES = {"al", "al-", "bin", "ibn", "abu", "de", "van", "von", "der", "del", "da", "la", "le"}
_PUNCT_END = ".!?"
_PAST_IRREGULAR = {"said", "told", "wrote", "written", "thought", "swore", "sworn", "found", "shown",
                   "retold", "forbade", "forbidden", "foresaw", "foreseen"}
_NUMBER_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens",
                 "hundreds", "thousands", "several", "many", "few", "numerous", "multiple", "both"}

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}(?![A-Za-z])|\w[\w'\u2019\-\u2010\u2011]*|[^\w\s]")
_DQ_OPEN = {"\u201c", "\u201e", "\u00ab"}
_DQ_CLOSE = {"\u201d", "\u00bb"}
_DQ_ALL = _DQ_OPEN | _DQ_CLOSE | {'"'}
_DQ_RE = re.compile('["\u201c\u201d\u201e\u00ab\u00bb]')
_SQ_MARKS = "'\u2018\u2019"
_OPEN_BEFORE = set(" \t\n([{\u2014\u2013-/:")


# ---------------------------------------------------------------------------------------------
# Small data holders
# ---------------------------------------------------------------------------------------------


class _Tok:
    __slots__ = ("text", "low", "start", "end", "sent", "quoted")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        low = text.lower()
        self.low = low.replace("\u2019", "'") if "\u2019" in low else low
        self.start = start
        self.end = end
        self.sent = 0
        self.quoted = False


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


# ---------------------------------------------------------------------------------------------
# Step 1: quotation marks
# ---------------------------------------------------------------------------------------------


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


def _find_quotes(text: str, paras: list[tuple[int, int]]) -> tuple[list[_Quote], list[tuple[int, str]]]:
    """Pair double quotation marks. Returns quotes and unmatched marks (position, role)."""
    quotes: list[_Quote] = []
    unmatched: list[tuple[int, str]] = []
    chain = 0
    carry = False  # a quote continues from the previous paragraph
    for pi, (ps, pe) in enumerate(paras):
        marks = [m.start() for m in _DQ_RE.finditer(text, ps, pe)]
        open_at: int | None = None
        first = True
        for i in marks:
            role = _mark_role(text, i, open_at is not None)
            if carry and first and role == "open" and not text[ps:i].strip():
                # the reopening mark of a continued quotation
                carry = False
                first = False
                open_at = i
                continue
            first = False
            if role == "open":
                if open_at is not None:
                    unmatched.append((open_at, "open"))
                open_at = i
            else:
                if open_at is None:
                    unmatched.append((i, "close"))
                else:
                    quotes.append(_Quote(open_at, i, True, chain, False))
                    chain += 1
                    open_at = None
        if carry and (not marks or first):
            carry = False
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


# ---------------------------------------------------------------------------------------------
# Step 2: tokens and cue candidates
# ---------------------------------------------------------------------------------------------


class _Doc:
    """Everything the rules need about one text, computed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paras = _paragraphs(text)
        self.sents = sentence_spans(text)
        self.sent_starts = [s for s, _ in self.sents]
        self.quotes, self.unmatched = _find_quotes(text, self.paras)
        self.toks = [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        self.tok_starts = [t.start for t in self.toks]
        qspans = sorted((q.open, q.close) for q in self.quotes)
        self.para_starts = [s for s, _ in self.paras]
        self._title: dict[int, bool] = {}
        qi = 0
        si = 0
        starts = self.sent_starts
        n_s, n_q = len(starts), len(qspans)
        for t in self.toks:
            while si + 1 < n_s and starts[si + 1] <= t.start:
                si += 1
            t.sent = si
            if n_q:
                while qi < n_q and qspans[qi][1] < t.start:
                    qi += 1
                t.quoted = qi < n_q and qspans[qi][0] < t.start < qspans[qi][1]
        self.lower_words = {t.low for t in self.toks if t.text.islower()}

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
    if prev.low in _DET:
        return False
    if prev.low in _PREP and not tok.low.endswith("ing"):
        return False  # "in order to", "for comment": a noun
    if prev.text in "[(" and not tok.low.endswith(("ed", "ing")):
        return False  # "[note 1]": a noun in a reference mark
    if tok.low.endswith("ed") and (prev.text[:1].isdigit() or prev.low in _NUMBER_WORDS):
        return False  # "two claimed attacks": an adjective
    if prev.low in {"self", "so"}:
        return False
    # "the Post report", "the U.S. warning": determiner + proper noun + noun form
    ends_ed = tok.low.endswith("ed") or tok.low in _PAST_IRREGULAR
    if not ends_ed and prev.text[:1].isupper() and prev2 is not None and prev2.low in _DET:
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is None or nxt.text in ".,;:)" or nxt.low in {"of", "and", "was", "is", "were", "had", "has"}:
            return False
    return True


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


def _cues(doc: _Doc) -> list[_Cue]:
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
            if _is_verbal(doc, i, lemma):
                out.append(_Cue(i, i, lemma, stance, kind, low))
        i += 1
    return out


# ---------------------------------------------------------------------------------------------
# Step 3+: noun phrases around a cue
# ---------------------------------------------------------------------------------------------


def _skip_back(doc: _Doc, k: int, lo: int) -> int:
    """From token k going left, skip auxiliaries and adverbs; return the first other token."""
    toks = doc.toks
    while k >= lo and ((toks[k].low in _AUX and toks[k].text.islower()) or toks[k].low in _ADV
                       or (toks[k].low.endswith("ly") and toks[k].text.islower() and len(toks[k].low) > 4)):
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


def _segment_has_cue(cue_idx: set[int], a: int, b: int) -> bool:
    return any(a <= k <= b for k in cue_idx)


def _np_before(doc: _Doc, cue: _Cue, sent_lo: int, cue_idx: set[int]) -> tuple[str, str]:
    """The noun phrase before a cue. Returns (speaker, how) where how is
    'np', 'pronoun', 'sibling' (coordinated or participle verb: use the clause subject),
    'wh' (embedded question: not an attribution), or 'none'."""
    toks = doc.toks
    k = _skip_back(doc, cue.i - 1, sent_lo)
    if k < sent_lo:
        return "", "none"
    t = toks[k]
    if t.low in _SUBJ_PRON and t.low != "who":
        return t.text, "pronoun"
    if t.low in {"and", "but", "or"}:
        return "", "sibling"
    if t.text in _DQ_ALL and k - 1 >= sent_lo and toks[k - 1].text == "," and (
            cue.form.endswith("ing") or _segment_has_cue(cue_idx, sent_lo, k - 1)):
        return "", "sibling"  # '... to "kill apostates," vowing to ...'
    if t.text in _DQ_ALL or t.text in ":;([":
        return "", "none"
    if t.text == ",":
        # Appositive "X, Y, said" or a coordinated/participle verb ", vows".
        c1 = k
        j = c1 - 1
        while j >= sent_lo and toks[j].text not in ",;:" and toks[j].text not in _DQ_ALL and toks[j].low not in _BOUNDARY:
            j -= 1
        y_lo = j + 1
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
    # Plain noun phrase back to a boundary.
    j = k
    while j >= sent_lo:
        tj = toks[j]
        if tj.text in ",;:()[]\u2014\u2013" or tj.text in _DQ_ALL:
            break
        if tj.low in {"and", "or"} and j < k and j - 1 >= sent_lo and (
                toks[j - 1].text[:1].isupper() or (toks[j - 1].text.isalpha() and toks[j - 1].low.endswith("s"))):
            j -= 1
            continue
        if tj.low in _BOUNDARY:
            break
        j -= 1
    if j >= sent_lo and toks[j].low in _WH:
        return "", "wh"
    lo = j + 1
    if cue.form.endswith("ing") and not _PERCEPTION.search(doc.text[toks[lo].start:toks[cue.i].start] if lo <= k else ""):
        # participle after a noun: "a video in November threatening that ..."
        d = k
        while d >= max(lo, k - 5) and toks[d].low not in _DET:
            d -= 1
        if d >= max(lo, k - 5):
            lo = d
        elif k - lo > 3:
            lo = k
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
                                               "following", "although", "though", "when", "if"}):
        c = a
        while c < limit and toks[c].text != ",":
            c += 1
        if c < limit:
            a = c + 1
    b = a
    single, _ = _cue_forms()
    while b < limit:
        t = toks[b]
        if t.low in _AUX or (t.low in single and t.text.islower() and t.low != "report") or t.text in ";:" or t.text in _DQ_ALL:
            break
        if b > a and t.text.islower() and t.low.endswith("ed") and len(t.low) > 4 and "-" not in t.low:
            break
        b += 1
    if b - a > 12 or b == a:
        return ""
    text_, _, _ = _span_text(doc, a, b - 1)
    return text_


def _np_after(doc: _Doc, k: int, hi: int) -> tuple[int, int]:
    """A noun phrase starting at token k (inverted speaker): up to punctuation or 'who'."""
    toks = doc.toks
    j = k
    while j <= hi and toks[j].text not in ",;:.!?" and toks[j].text not in _DQ_ALL and toks[j].low not in {"who", "that", "which"}:
        j += 1
    return k, j - 1


# ---------------------------------------------------------------------------------------------
# The extractor
# ---------------------------------------------------------------------------------------------


def _strip_content(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",:\u2014\u2013"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:\u2014\u2013"):
        e -= 1
    if e > s and text[e - 1] == "." and not re.search(r"(?:\b[A-Za-z]\.){2,}$", text[s:e]):
        e -= 1
        while e > s and text[e - 1].isspace():
            e -= 1
    return s, e


def _row(doc: _Doc, type_: str, speaker: str, cue_text: str, cue: _Cue | None, s: int, e: int,
         *, resolved: str = "", anchor: int | None = None, carried: bool = False) -> dict[str, Any]:
    return {
        "type": type_,
        "speaker": speaker,
        "speaker_resolved": resolved,
        "cue": cue_text,
        "cue_lemma": cue.lemma if cue else "",
        "cue_stance": cue.stance if cue else "",
        "content": doc.text[s:e],
        "content_start": s,
        "content_end": e,
        "sentence_index": doc.sent_of(s),
        "_anchor": anchor if anchor is not None else s,
        "_carried": carried,
    }


def _empty_frame() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="int64" if c in ("content_start", "content_end", "sentence_index") else "object")
                          for c in ATTRIBUTION_COLUMNS})
    return frame


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
                if b < a or b - a > 9 or toks[a].low in {"to", "that"} or not (
                        toks[a].text[:1].isupper() or toks[a].low in _DET or toks[a].low in _SUBJ_PRON):
                    return None
                spk, _, _ = _span_text(doc, a, b)
                return cue, spk, toks[cue.j].end
            kk = _skip_back(doc, j - 1, k)
            if kk < k:
                return None
            spk, _, _ = _span_text(doc, k, kk)
            if "," in spk and not re.search(r",\s*\w", spk):
                return None
            return cue, spk, toks[cue.j].end
        if t.text == "," and j > k:
            return None
        j += 1
    return None


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


def extract_attributions(text: str) -> pd.DataFrame:
    """Find every attribution in a news text: who says what, with which verb.

    Args:
        text: the text (a headline, an article, several paragraphs separated by line breaks).

    Returns:
        One row per attribution, in text order, with the columns of
        :data:`ATTRIBUTION_COLUMNS`: ``type`` (direct / indirect / mixed /
        unmatched_quote), ``speaker`` (as written; empty for agentless forms and
        carried-over quotations), ``speaker_resolved`` (see the module notes),
        ``cue`` (as written), ``cue_lemma``, ``cue_stance``, ``content``, and
        ``content_start``/``content_end`` (``text[start:end] == content``) and
        ``sentence_index`` (of :func:`medialit.text.sentence_spans`, from 0).
        An ``unmatched_quote`` row points at the lone mark itself.

    Raises:
        TypeError: ``text`` is not a string.
        ValueError: ``text`` is empty or only white space.

    >>> t = 'Officials said the bridge was closed. "It will reopen," said Ana Ruiz, a spokeswoman.'
    >>> extract_attributions(t)[["type", "speaker", "cue", "cue_stance", "content"]].values.tolist()
    [['indirect', 'Officials', 'said', 'neutral', 'the bridge was closed'], ['direct', 'Ana Ruiz', 'said', 'neutral', 'It will reopen']]
    """
    text = check_text(text)
    return _extract(_Doc(text))


def _extract(doc: _Doc) -> pd.DataFrame:
    text, toks = doc.text, doc.toks
    cues = _cues(doc)
    cues_by_tok = {c.i: c for c in cues}
    cue_idx = set(cues_by_tok)
    consumed: set[int] = set()
    rows: list[dict[str, Any]] = []
    quote_owner: dict[int, int] = {}  # quote index -> row index (quotes used by an attribution)

    # --- Step 3: quotations with a speaker tag after them -----------------------------------
    chains: dict[int, list[int]] = {}
    for qi, q in enumerate(doc.quotes):
        chains.setdefault(q.chain, []).append(qi)
    tag_rows: dict[int, tuple[_Cue, str, int]] = {}
    tag_rows_done: set[int] = set()
    for chain, members in chains.items():
        last = doc.quotes[members[-1]]
        if not last.closed_mark:
            continue
        pi = doc.para_of(last.close)
        tag = _tag_after(doc, last.close, cues_by_tok, doc.paras[pi][1] if pi >= 0 else len(text))
        if tag:
            tag_rows[chain] = tag
    # Unmatched closing marks followed by a tag ('... fighters," he states.')
    unmatched_rows: list[dict[str, Any]] = []
    for pos, role in doc.unmatched:
        spk, cue, cue_text = "", None, ""
        if role == "close":
            pi = doc.para_of(pos)
            tag = _tag_after(doc, pos, cues_by_tok, doc.paras[pi][1] if pi >= 0 else len(text))
            if tag:
                cue, spk, cue_end = tag
                consumed.add(cue.i)
                cue_text = text[toks[cue.i].start:cue_end]
        unmatched_rows.append(_row(doc, "unmatched_quote", spk, cue_text, cue, pos, pos + 1, anchor=pos))

    for chain, (cue, spk, cue_end) in sorted(tag_rows.items()):
        if chain in tag_rows_done:
            continue
        consumed.add(cue.i)
        cue_text = text[toks[cue.i].start:cue_end]
        members = list(chains[chain])
        # a quotation split around its tag: '"A," she said, "B."' -- B shares the tag
        for qi, q in enumerate(doc.quotes):
            if q.open > cue_end and q.chain != chain and re.fullmatch(r"[^.!?\"\u201c\u201d\n]{0,60},\s*", text[cue_end:q.open]):
                members.extend(chains[q.chain])
                tag_rows_done.add(q.chain)
                break
        for qi in members:
            q = doc.quotes[qi]
            if q.inner_end <= q.inner_start:
                continue
            quote_owner[qi] = len(rows)
            rows.append(_row(doc, "direct", spk, cue_text, cue, q.inner_start, q.inner_end, anchor=toks[cue.i].start))

    # --- Step 4: reported speech for every other cue -----------------------------------------
    # Boundaries of coordinated cues end the content of the cue before them.
    sibling_start: dict[int, int] = {}
    sent_first_speaker: dict[int, str] = {}
    pending: list[tuple[_Cue, str, str]] = []
    for cue in cues:
        if cue.i in consumed:
            continue
        t = toks[cue.i]
        slo_char, shi_char = doc.sent_bounds(t.sent)
        sent_lo = doc.tok_at(slo_char)
        if cue.lemma == "according to":
            pending.append((cue, "", "according"))
            continue
        spk, how = _np_before(doc, cue, sent_lo, cue_idx)
        if how == "wh":
            continue
        if how == "sibling":
            k = _skip_back(doc, cue.i - 1, sent_lo)
            if k >= sent_lo and toks[k].text in _DQ_ALL:
                sibling_start[cue.i] = toks[k].end
            else:
                sibling_start[cue.i] = toks[k].start if k >= sent_lo else t.start
        pending.append((cue, spk, how))

    sent_cues: dict[int, list[int]] = {}
    for cue, _, _ in pending:
        sent_cues.setdefault(toks[cue.i].sent, []).append(cue.i)

    for cue, spk, how in pending:
        t = toks[cue.i]
        si = t.sent
        slo_char, shi_char = doc.sent_bounds(si)
        sent_lo = doc.tok_at(slo_char)
        sent_hi = doc.tok_at(shi_char) - 1
        stance_cue = cue
        cue_text_end = toks[cue.j].end

        if how == "according":
            # speaker: NP after "according to"
            a, b = _np_after(doc, cue.j + 1, sent_hi)
            if b < a:
                continue
            spk_text, _, spk_end = _span_text(doc, a, b)
            before = text[slo_char:t.start]
            if before.strip(" ,\u2014\u2013") == "" or before.rstrip().endswith(","):
                if before.strip(" ,\u2014\u2013") == "":
                    cs, ce = spk_end, shi_char
                else:
                    cs, ce = slo_char, t.start
                    # mid-sentence phrase: content is the clause before it, unless it is an intro
            else:
                cs, ce = slo_char, t.start
            cs, ce = _strip_content(text, cs, ce)
            if ce - cs < 3:
                continue
            rows.append(_row(doc, "indirect", spk_text, text[t.start:toks[cue.j].end], stance_cue, cs, ce,
                             anchor=t.start))
            continue

        # passive "X was claimed by Y" / agentless "it was reported that"
        prev = toks[cue.i - 1] if cue.i - 1 >= sent_lo else None
        passive = prev is not None and prev.text.islower() and prev.low in {"is", "was", "were", "are", "be", "been", "being"} and (cue.form.endswith("ed") or cue.form in {"said", "told", "written", "shown", "thought"})
        nxt = toks[cue.j + 1] if cue.j + 1 <= sent_hi else None
        if passive:
            if nxt is not None and nxt.low == "by":
                a, b = _np_after(doc, cue.j + 2, sent_hi)
                spk_text, _, _ = _span_text(doc, a, b)
                k = _skip_back(doc, cue.i - 1, sent_lo)
                j = k
                while j >= sent_lo and toks[j].text not in ",;:" and toks[j].low not in _BOUNDARY:
                    j -= 1
                cs, ce = _strip_content(text, toks[j + 1].start if j + 1 <= k else t.start, toks[k].end if k >= sent_lo else t.start)
                if ce - cs < 3:
                    continue
                kx = _skip_back(doc, cue.i - 1, sent_lo)
                rows.append(_row(doc, "indirect", spk_text, text[toks[kx + 1].start:cue_text_end], stance_cue,
                                 cs, ce, anchor=t.start))
                continue
            k = _skip_back(doc, cue.i - 1, sent_lo)
            if k >= sent_lo and toks[k].low in {"it", "this"} and nxt is not None and nxt.low == "that":
                cs, ce = _strip_content(text, nxt.end, shi_char)
                if ce - cs >= 3:
                    rows.append(_row(doc, "indirect", "", text[toks[k].start:cue_text_end], stance_cue, cs, ce,
                                     anchor=t.start))
                continue
            if nxt is not None and nxt.low == "to" and cue.lemma in {"say", "report", "claim", "allege", "believe", "think", "rumour", "expect"}:
                # "He is said to have fled": the content is the subject and the infinitive
                k2 = k
                j = k2
                while j >= sent_lo and toks[j].text not in ",;:" and toks[j].low not in _BOUNDARY:
                    j -= 1
                cs, ce = _strip_content(text, nxt.start, shi_char)
                if ce - cs >= 3:
                    rows.append(_row(doc, "indirect", "", text[toks[cue.i - 1].start:cue_text_end], stance_cue, cs, ce,
                                     anchor=t.start))
                continue
            if how != "sibling":
                continue

        # Trailing tag: "..., police said." / "..., said the minister."
        after = text[cue_text_end:shi_char]
        head = text[slo_char:t.start]
        if re.fullmatch(r"\s*(?:(?:on|in|at|late|early|last)\s+[\w .,]{0,30}?|yesterday|today|in a statement)?\s*[.!?]?\s*", after):
            # SPEAKER VERB at the sentence end
            m = re.search(r"[,\u2014\u2013]\s*([^,\u2014\u2013]*)$", head)
            if m and spk and how in ("np", "pronoun"):
                cs, ce = _strip_content(text, slo_char, slo_char + m.start())
                if ce - cs >= 3 and not any(ch in _DQ_ALL for ch in text[cs:ce]):
                    rows.append(_row(doc, "indirect", spk, text[t.start:cue_text_end], stance_cue, cs, ce, anchor=t.start))
                continue
            if not head.strip() or not spk:
                continue
        if (how == "sibling" and head.rstrip().endswith(",")) or (how == "none" and re.search(r",\s*$", head)):
            # "..., said the minister."  (inversion after a comma)
            a, b = _np_after(doc, cue.j + 1, sent_hi)
            rest = text[toks[b].end if b >= a else cue_text_end:shi_char].strip()
            if b >= a and b - a < 10 and (rest in ("", ".", "!", "?") or rest.startswith(",")) \
                    and not cue.form.endswith("ing") and toks[a].low not in {"to", "that"} \
                    and not (cue.lemma in _NP_OBJECT and not (toks[a].text[0].isupper() or toks[a].low in _DET)) \
                    and not re.match(r",\s*(?:which|who|where|when)\b", rest) \
                    and not any(toks[x].low in _AUX or x in cue_idx for x in range(a, b + 1)):
                spk_text, _, _ = _span_text(doc, a, b)
                m = re.search(r",\s*$", head)
                cs, ce = _strip_content(text, slo_char, slo_char + m.start())
                if ce - cs >= 3:
                    rows.append(_row(doc, "indirect", spk_text, text[t.start:cue_text_end], stance_cue, cs, ce,
                                     anchor=t.start))
                continue

        # Speaker of coordinated/participle verbs: the first attribution's speaker in the sentence,
        # else the clause subject.
        if how in ("sibling", "none"):
            earlier = [r for r in rows if r["sentence_index"] == si and r["_anchor"] < t.start and r["speaker"]]
            if cue.kind in ("cognition", "evidential") and not earlier:
                continue
            if earlier:
                spk = min(earlier, key=lambda r: r["_anchor"])["speaker"]
            else:
                spk = _subject(doc, sent_lo, cue.i)
        if cue.kind == "evidential" and how not in ("sibling", "none"):
            words = set(re.findall(r"[a-z]+", spk.lower()))
            if not (words & _DOC_WORDS) and not re.search(r"[A-Z]", spk[1:] if spk else ""):
                continue

        # Content start: after the verb (+ addressee), after "that", skipping time phrases.
        end_tok = _addressee_end(doc, cue, sent_hi)
        cue_text = text[t.start:toks[end_tok].end]
        k = end_tok + 1
        # closing boundary of the clause
        ce_char = shi_char
        for other in sent_cues.get(si, []):
            if other > cue.i and other in sibling_start:
                ce_char = min(ce_char, sibling_start[other])
                break
        m = re.search(r",\s+(?:according to|which|who)\b|;|,\s+(?:and|but)\s+\w+(?:ing|ed)\b", text[toks[k].start if k < len(toks) else shi_char:ce_char]) if k < len(toks) else None
        if m:
            ce_char = (toks[k].start if k < len(toks) else shi_char) + m.start()
        if k > sent_hi or k >= len(toks) or toks[k].start >= ce_char:
            continue
        first = toks[k]
        # "that" complementizer within 12 tokens with no punctuation between
        that_at = None
        for kk in range(k, min(sent_hi + 1, k + 12)):
            if toks[kk].start >= ce_char or toks[kk].text in ",;:" or toks[kk].text in _DQ_ALL:
                break
            if toks[kk].low == "that":
                that_at = kk
                break
        if first.text in ":," and k + 1 <= sent_hi and toks[k + 1].text in _DQ_ALL:
            cs = toks[k + 1].start
        elif first.text == ":":
            cs = first.end
        elif that_at is not None and (that_at == k or cue.lemma in _TELL or all(toks[x].low in _TIME | _PREP or toks[x].text[0].isdigit() or toks[x].text[0].isupper() for x in range(k, that_at))):
            cs = toks[that_at].end
        elif _to_infinitive(doc, k) and (cue.stance in _TO_OBJECT or cue.lemma in {"claim", "purport", "allege", "promise", "ask"}):
            cs = first.start
        elif cue.stance in _TO_OBJECT:
            # directive/commissive: "urged Muslims in Russia to join them"
            if not any(_to_infinitive(doc, x) for x in range(k, min(sent_hi + 1, k + 10)) if toks[x].start < ce_char):
                continue
            cs = first.start
        elif first.low in _PREP or first.text in ".!?)" or first.low in {"to", "and", "but", "or", "as"}:
            continue
        elif cue.kind == "speech" and cue.stance == "neutral" and cue.lemma not in _NP_OBJECT and cue.lemma not in {"say", "tell", "add", "state", "write", "report", "explain", "warn", "argue", "insist", "agree", "complain", "assure", "reassure", "remind", "inform", "testify", "declare", "announce", "reply", "respond", "answer", "comment", "mention", "recall", "accuse", "deny", "tweet", "post"}:
            continue
        else:
            cs = first.start
            if cue.kind == "speech" and cue.lemma not in _NP_OBJECT and cue.stance not in ("distancing", "endorsing"):
                # needs a clause: a subject-like word then more words
                if first.low in {"him", "her", "them", "us", "me"}:
                    continue
        if cue.lemma in _NP_OBJECT and that_at is None and first.text[0].isalpha() and cs == first.start \
                and not _to_infinitive(doc, k):
            # a noun-phrase content ends where a coordinated verb of the subject begins
            m2 = re.search(r"\s(?:and|but)\s+(?:then\s+|later\s+)?[a-z]+ed\b", text[cs:ce_char])
            if m2:
                ce_char = cs + m2.start()
        # A quotation opened inside the content and closing after the sentence end extends it.
        for q in doc.quotes:
            if cs <= q.open < ce_char and q.close >= ce_char:
                pe = doc.paras[doc.para_of(q.open)][1]
                ce_char = max(ce_char, min(q.close + 1, pe))
        cs, ce = _strip_content(text, cs, ce_char)
        if ce - cs < 2:
            continue
        rows.append(_row(doc, "indirect", spk, cue_text, stance_cue, cs, ce, anchor=t.start))

    # --- Classify reported speech holding quotations: direct or mixed ---------------------------
    for ri, r in enumerate(rows):
        if r["type"] != "indirect":
            continue
        s, e = r["content_start"], r["content_end"]
        inside = [qi for qi, q in enumerate(doc.quotes) if s <= q.open < e or s < q.close <= e or (q.open < s and q.close >= e)]
        if not inside:
            continue
        q0 = doc.quotes[inside[0]]
        whole = (len(inside) == 1 and q0.open <= s + 1 and text[s] in _DQ_ALL
                 and (q0.close >= e - 1 or not text[q0.close + 1:e].strip(" .,!?")))
        if whole and q0.inner_end > q0.inner_start:
            r.update(type="direct", content=text[q0.inner_start:q0.inner_end],
                     content_start=q0.inner_start, content_end=q0.inner_end,
                     sentence_index=doc.sent_of(q0.inner_start))
            # a continued chain: further paragraphs of the same quotation
            for qj, q in enumerate(doc.quotes):
                if q.chain == q0.chain and qj != inside[0] and q.open > q0.open:
                    quote_owner[qj] = -1
                    rows.append(_row(doc, "direct", r["speaker"], r["cue"], None, q.inner_start, q.inner_end,
                                     anchor=r["_anchor"]) | {"cue_lemma": r["cue_lemma"], "cue_stance": r["cue_stance"]})
        else:
            r["type"] = "mixed"
        for qi in inside:
            quote_owner.setdefault(qi, ri)

    # --- Untagged quotations -------------------------------------------------------------------
    covered = [(r["content_start"], r["content_end"]) for r in rows]
    for qi, q in enumerate(doc.quotes):
        if qi in quote_owner or q.inner_end <= q.inner_start:
            continue
        if any(s <= q.inner_start and q.inner_end <= e for s, e in covered):
            continue
        inner = text[q.inner_start:q.inner_end]
        nwords = len(inner.split())
        si = doc.sent_of(q.open)
        slo, _ = doc.sent_bounds(si)
        starts_sentence = not text[slo:q.open].strip() or q.open <= slo
        if nwords < 5 and not starts_sentence:
            continue  # a scare quote or a label: see scare_quotes()
        if nwords < 3:
            continue
        rows.append(_row(doc, "direct", "", "", None, q.inner_start, q.inner_end, anchor=q.open,
                         carried=starts_sentence))

    rows.extend(unmatched_rows)
    rows.sort(key=lambda r: (r["_anchor"] if r["type"] == "unmatched_quote" else r["content_start"], r["content_end"]))
    _resolve(doc, rows)
    if not rows:
        return _empty_frame()
    rows.sort(key=lambda r: (r["content_start"], r["content_end"], r["type"]))
    columns = {c: [r[c] for r in rows] for c in ATTRIBUTION_COLUMNS}
    for c in ("content_start", "content_end", "sentence_index"):
        columns[c] = np.asarray(columns[c], dtype="int64")
    return pd.DataFrame(columns)


# ---------------------------------------------------------------------------------------------
# Speaker resolution
# ---------------------------------------------------------------------------------------------


def _norm_quotes(s: str) -> str:
    return s.strip().strip("'\u2018\u2019\"\u201c\u201d,")


def _name_run(words: list[str]) -> list[str]:
    """The proper name at the end of a list of words, titles and determiners removed."""
    run: list[str] = []
    for w in reversed(words):
        bare = w.lower().rstrip(".")
        if w[:1].isupper() or bare in _NAME_PARTICLES or bare.startswith("al-") or w.startswith("("):
            run.append(w)
        else:
            break
    run.reverse()
    while run and (run[0].lower() in {"the", "a", "an"} or run[0].lower() in _NAME_PARTICLES - {"abu", "al", "al-"}):
        run.pop(0)
    lows = [w.lower() for w in run]
    cut = max((i for i, w in enumerate(lows) if w in _TITLES), default=-1)
    run = [w for w in run[cut + 1:] if not (w.startswith("(") and w.endswith(")"))]
    return run


def _name_of(speaker: str, doc: _Doc, sentence_initial: bool) -> str:
    """The proper name a speaker phrase refers to (titles removed), or ''.

    For an appositive ("the group's deputy emir, Abu Yasser") the part that is wholly a
    name wins; otherwise the name must end the phrase's head (before any preposition)."""
    s = speaker.strip().rstrip(",")
    if not s:
        return ""
    parts = [p.strip() for p in s.split(",") if p.strip()]
    if len(parts) > 1:
        for part in parts:
            words = [_norm_quotes(w) for w in part.split()]
            words = [w for w in words if w]
            run = _name_run(words)
            core = [w for w in words if w.lower() not in {"the", "a", "an"} and not (w.startswith("(") and w.endswith(")"))]
            if run and core and len(run) >= len(core) - sum(1 for w in core if w.lower() in _TITLES):
                if run[-1].lower() not in _COLLECTIVE:
                    return " ".join(run)
        s = parts[0]
    words = [_norm_quotes(w) for w in s.split()]
    words = [w for w in words if w]
    for i, w in enumerate(words):
        if i > 0 and w.lower() in _PREP:
            words = words[:i]
            break
    run = _name_run(words)
    if not run:
        return ""
    if len(run) == 1:
        lw = run[0].lower().replace("\u2019", "'")
        if lw in _COLLECTIVE or lw in _SUBJ_PRON or lw in _DOC_WORDS:
            return ""
        if sentence_initial and words[0] == run[0] and (lw in doc.lower_words or lw.endswith("'s")):
            return ""
    if run[-1].lower() in _COLLECTIVE or run[-1].lower() in _DOC_WORDS:
        return ""
    return " ".join(run)


def _surname(name: str) -> str:
    last = name.split()[-1].lower() if name.split() else ""
    return re.sub(r"^(?:al|el|ad|as|ash|an|ar)-", "", last)


def _is_person(name: str) -> bool:
    words = name.lower().replace("'s", "").split()
    if len(words) < 2:
        return False
    return not any(w.strip(".") in _ORG_WORDS for w in words)


def _resolve(doc: _Doc, rows: list[dict[str, Any]]) -> None:
    persons: list[str] = []
    names: list[str] = []
    last_key = ""
    last_row: dict[str, Any] | None = None
    for r in sorted(rows, key=lambda r: r["_anchor"]):
        spk = r["speaker"].strip()
        low = spk.lower()
        if r["_carried"] or (not spk and r["type"] == "direct" and not r["cue"]):
            # carry the previous speaker when the previous attribution was in this or the last paragraph
            if last_row is not None and doc.para_of(r["_anchor"]) - doc.para_of(last_row["_anchor"]) <= 1 \
                    and last_row["type"] in ("direct", "mixed", "indirect", "unmatched_quote"):
                r["speaker_resolved"] = last_key
                last_row = r
            continue
        if not spk:
            r["speaker_resolved"] = ""
        elif low in _PERSON_PRON:
            r["speaker_resolved"] = persons[-1] if persons else ""
        elif low in _SUBJ_PRON:
            r["speaker_resolved"] = ""
        else:
            sent_lo = doc.sent_bounds(doc.sent_of(r["_anchor"]))[0]
            m = re.search(re.escape(spk.split()[0]), doc.text[sent_lo:r["_anchor"] + 1]) if spk.split() else None
            initial = bool(m) and not doc.text[sent_lo:sent_lo + m.start()].strip(" ,\u201c\"")
            name = _name_of(spk, doc, initial)
            if name and len(name.split()) == 1:
                full = next((n for n in reversed(names) if _surname(n) == _surname(name)), "")
                name = full or name
            r["speaker_resolved"] = name
            if name:
                names.append(name)
                if _is_person(name):
                    persons.append(name)
        if r["speaker_resolved"] or spk:
            last_key = r["speaker_resolved"] or spk
        last_row = r


# ---------------------------------------------------------------------------------------------
# Scare quotes, hedges, voice map
# ---------------------------------------------------------------------------------------------


def _single_quotes(text: str) -> list[tuple[int, int]]:
    """Pairs of single quotation marks around words (not apostrophes)."""
    out = []
    for m in re.finditer(r"(?<![\w'\u2019])['\u2018](?=\w)([^'\u2018\u2019\n]{1,80}?)(?<=[\w.,!?])['\u2019](?![\w])", text):
        out.append((m.start(), m.end()))
    return out


def scare_quotes(text: str) -> pd.DataFrame:
    """Quoted words or short phrases credited to nobody.

    A scare quote is a word or phrase of at most four words in quotation marks that
    is not the content of an attribution: the reporter's way of saying "their word,
    not mine" ('Russian apostates'; the so-called "caliphate"). Single quotation
    marks count wherever they stand (news style uses them in headlines and for
    terms); double quotation marks count when the quotation is not part of an
    attribution's content. Titles ("a video titled ...") are left out.

    Returns:
        Columns ``quote`` (the words, without marks), ``start``/``end`` (offsets of the
        words), ``marks`` ("single" or "double"), ``sentence_index``.

    >>> scare_quotes("The group's so-called 'province' issued a \\"fatwa\\".")[["quote", "marks"]].values.tolist()
    [['province', 'single'], ['fatwa', 'double']]
    """
    text = check_text(text)
    doc = _Doc(text)
    attrs = _extract(doc)
    contents = [(s, e) for s, e, t in zip(attrs["content_start"], attrs["content_end"], attrs["type"]) if t != "unmatched_quote"]
    rows = []
    for s, e in _single_quotes(text):
        inner_s, inner_e = s + 1, e - 1
        while inner_e > inner_s and text[inner_e - 1] in ",":
            inner_e -= 1
        quote = text[inner_s:inner_e]
        if len(quote.split()) <= 4:
            rows.append((quote, inner_s, inner_e, "single"))
    for q in doc.quotes:
        s, e = q.inner_start, q.inner_end
        quote = text[s:e]
        if not quote.strip() or len(quote.split()) > 4:
            continue
        if any(cs <= s and e <= ce for cs, ce in contents):
            continue
        before = text[max(0, q.open - 20):q.open].lower()
        if re.search(r"\b(?:titled|entitled|headlined|named)\s*$", before):
            continue
        e2 = e
        while e2 > s and text[e2 - 1] in ".!?":
            e2 -= 1
        rows.append((text[s:e2], s, e2, "double"))
    rows.sort(key=lambda r: r[1])
    frame = pd.DataFrame(rows, columns=["quote", "start", "end", "marks"])
    frame["sentence_index"] = [doc.sent_of(s) for s in frame["start"]]
    return frame.astype({"start": "int64", "end": "int64", "sentence_index": "int64"})


def hedges(text: str) -> pd.DataFrame:
    """Hedges and distancing labels: alleged, reportedly, so-called, supposedly, purported, ...

    The words come from the kit's list ``data/lexicons/hedges.txt`` (see its
    manifest). ``claimed`` and ``reported`` count only as adjectives before a
    noun ("the claimed attack"), not as reporting verbs.

    Returns:
        Columns ``hedge`` (as written), ``term`` (the lexicon entry), ``kind``,
        ``start``, ``end``, ``sentence_index``.

    >>> hedges("The so-called emir reportedly fled; the alleged plot failed.")[["hedge", "kind"]].values.tolist()
    [['so-called', 'label'], ['reportedly', 'evidential'], ['alleged', 'evidential']]
    """
    text = check_text(text)
    kinds = {t: k for t, k, _ in _hedge_table()}
    spans = sentence_spans(text)
    starts = [s for s, _ in spans]
    rows = []
    for m in _hedge_regex().finditer(text):
        term = re.sub(r"\s+", " ", m.group().lower()).replace("\u2010", "-").replace("\u2011", "-")
        if term in ("claimed", "reported", "supposed"):
            before = text[max(0, m.start() - 12):m.start()].lower()
            after = text[m.end():m.end() + 20]
            if not re.search(r"(?:\b(?:the|a|an|its|his|her|their|two|three|four|five|several|many|some|\d+)|\d)\s+$", before) or re.match(r"\s+(?:to|that|by)\b", after):
                continue
        rows.append((m.group(), term, kinds.get(term, "hedge"), m.start(), m.end(),
                     max(0, bisect.bisect_right(starts, m.start()) - 1)))
    frame = pd.DataFrame(rows, columns=["hedge", "term", "kind", "start", "end", "sentence_index"])
    return frame.astype({"start": "int64", "end": "int64", "sentence_index": "int64"})


def voice_map(text: str, *, attributions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The attribution audit of a text: one row per sentence, saying who speaks in it.

    Args:
        text: the text.
        attributions: a table like :func:`extract_attributions` returns (e.g. the gold
            annotations of :func:`load_gold`); by default the extractor is run.

    Returns:
        One row per sentence of :func:`medialit.text.sentence_spans` with the columns
        ``sentence_index``, ``start``, ``end``, ``sentence``, ``voice`` ("reporter" when no
        attribution touches the sentence, "attributed" when attributions cover nearly all its
        words, "mixed" otherwise), ``sources`` (the speakers, resolved where possible, joined
        by "; "), ``cues``, ``hedges`` (how many) and ``unsourced_claim``: True when the
        sentence states something in the reporter's own voice, i.e. at least six words of it
        lie outside every attribution and it is a statement (not a question, not a headline
        fragment without a verb-bearing clause of six words).

    Caveats:
        "Unsourced" means no source *in this sentence*; a source may be named a sentence
        earlier. And not every unsourced sentence is a problem: background facts ("Dagestan
        is in Russia") need no source. The flag marks sentences to check, not errors.

    >>> vm = voice_map("The bridge is closed. Officials said it will reopen soon.")
    >>> vm[["voice", "sources", "unsourced_claim"]].values.tolist()
    [['reporter', '', False], ['attributed', 'Officials', False]]
    """
    text = check_text(text)
    doc = _Doc(text)
    attrs = _extract(doc) if attributions is None else _check_frame(attributions, "attributions")
    hedge_starts = list(hedges(text)["start"])
    regions = []  # (start, end, source, cue) of each attribution: its content and its tag
    for r in attrs.to_dict("records"):
        if r["type"] == "unmatched_quote" and not r.get("cue"):
            continue  # a lone mark with no tag says nothing about who speaks
        cs, ce = int(r["content_start"]), int(r["content_end"])
        lo, hi = cs, ce
        w_lo = doc.sent_bounds(doc.sent_of(cs))[0]
        w_hi = doc.sent_bounds(doc.sent_of(max(cs, ce - 1)))[1]
        cue = str(r.get("cue") or "")
        spk = str(r.get("speaker") or "")
        for piece in (cue, spk):
            if not piece:
                continue
            best = None
            for m in re.finditer(re.escape(piece), text[w_lo:w_hi]):
                a, b = w_lo + m.start(), w_lo + m.end()
                if cs <= a < ce:
                    continue  # inside the content: not the tag
                dist = cs - b if b <= cs else a - ce
                if best is None or dist < best[0]:
                    best = (dist, a, b)
            if best is not None:
                lo, hi = min(lo, best[1]), max(hi, best[2])
        source = str(r.get("speaker_resolved") or "") or spk
        regions.append((lo, hi, source, cue))
    rows = []
    for si, (s, e) in enumerate(doc.sents):
        sent = text[s:e]
        covered = [False] * (e - s)
        sources: list[str] = []
        cues: list[str] = []
        for lo, hi, source, cue in regions:
            if hi <= s or lo >= e:
                continue
            for x in range(max(lo, s), min(hi, e)):
                covered[x - s] = True
            if source and source not in sources:
                sources.append(source)
            if cue and cue not in cues:
                cues.append(cue)
        words = list(re.finditer(r"\w[\w'\u2019-]*", sent))
        outside = [w for w in words if not covered[w.start()]]
        if not any(covered):
            voice = "reporter"
        elif len(outside) <= max(1, len(words) // 8):
            voice = "attributed"
        else:
            voice = "mixed"
        statement = not sent.rstrip().endswith("?")
        unsourced = statement and len(outside) >= 6
        rows.append({
            "sentence_index": si, "start": s, "end": e, "sentence": sent, "voice": voice,
            "sources": "; ".join(sources), "cues": "; ".join(cues),
            "hedges": sum(1 for h in hedge_starts if s <= h < e), "unsourced_claim": bool(unsourced),
        })
    cols = ["sentence_index", "start", "end", "sentence", "voice", "sources", "cues", "hedges", "unsourced_claim"]
    return pd.DataFrame(rows, columns=cols)


# ---------------------------------------------------------------------------------------------
# Evaluation against gold annotations
# ---------------------------------------------------------------------------------------------


def _check_frame(frame: object, name: str) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame like extract_attributions returns; got {type(frame).__name__}.")
    need = {"type", "content_start", "content_end"}
    missing = need - set(frame.columns)
    if missing:
        raise ValueError(f"{name} lacks the column(s) {sorted(missing)}; it needs at least {sorted(need)}.")
    bad = sorted(set(frame["type"]) - set(TYPES))
    if bad:
        raise ValueError(f"{name} has unknown type(s) {bad}; expected {list(TYPES)}.")
    return frame


def _speaker_key(row: dict[str, Any]) -> str:
    key = str(row.get("speaker_resolved") or "") or str(row.get("speaker") or "")
    key = re.sub(r"[\"'\u2018\u2019\u201c\u201d.,]", "", key.lower()).replace("'s", "")
    key = re.sub(r"^(?:the|a|an)\s+", "", key.strip())
    return re.sub(r"\s+", " ", key)


def _same_speaker(a: str, b: str) -> bool:
    if a == b:
        return True
    if not a or not b:
        return False
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "


def evaluate(predicted: pd.DataFrame, gold: pd.DataFrame, *, min_overlap: float = 0.5) -> pd.DataFrame:
    """Compare predicted attributions with gold annotations.

    **Matching rule.** A predicted row and a gold row match when they have the same
    ``type`` and their content spans overlap by at least ``min_overlap`` of the
    *longer* span: ``overlap / max(len_pred, len_gold) >= min_overlap`` (so each
    covers at least that share of the other). Pairs are matched one to one, the
    largest overlaps first. Precision = matched / predicted, recall = matched /
    gold, F1 their harmonic mean; the ``overall`` row pools all types (micro
    average). ``speaker_accuracy`` is the share of matched pairs whose speakers
    agree: the resolved speaker if given, else the speaker as written, compared
    lower-case without "the" and punctuation, where one containing the other as
    whole words also counts ("Naryshkin" ~ "Sergey Naryshkin").

    Args:
        predicted, gold: tables with at least ``type``, ``content_start``, ``content_end``
            (and ``speaker``/``speaker_resolved`` for speaker accuracy).
        min_overlap: the overlap threshold, between 0 (exclusive) and 1.

    Returns:
        One row per type present in either table, then ``overall``: columns ``type``,
        ``gold``, ``predicted``, ``matched``, ``precision``, ``recall``, ``f1``,
        ``speaker_accuracy`` (NaN where undefined, e.g. no gold rows).

    >>> g = pd.DataFrame({"type": ["direct"], "content_start": [0], "content_end": [10], "speaker": ["Ana"]})
    >>> p = pd.DataFrame({"type": ["direct"], "content_start": [2], "content_end": [10], "speaker": ["ana"]})
    >>> evaluate(p, g)[["type", "precision", "recall", "f1", "speaker_accuracy"]].values.tolist()
    [['direct', 1.0, 1.0, 1.0, 1.0], ['overall', 1.0, 1.0, 1.0, 1.0]]
    """
    predicted = _check_frame(predicted, "predicted")
    gold = _check_frame(gold, "gold")
    if isinstance(min_overlap, bool) or not isinstance(min_overlap, (int, float)) or not 0 < min_overlap <= 1:
        raise ValueError(f"min_overlap must be a number in (0, 1]; got {min_overlap!r}.")
    P = predicted.to_dict("records")
    G = gold.to_dict("records")
    pairs = []
    for i, p in enumerate(P):
        ps, pe = int(p["content_start"]), int(p["content_end"])
        for j, g in enumerate(G):
            if p["type"] != g["type"]:
                continue
            gs, ge = int(g["content_start"]), int(g["content_end"])
            inter = min(pe, ge) - max(ps, gs)
            longest = max(pe - ps, ge - gs, 1)
            if inter > 0 and inter / longest >= min_overlap:
                pairs.append((inter / longest, -abs(ps - gs), i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    matches = []
    for _, _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        matches.append((i, j))

    def stats(type_: str | None) -> dict[str, Any]:
        n_p = sum(1 for p in P if type_ is None or p["type"] == type_)
        n_g = sum(1 for g in G if type_ is None or g["type"] == type_)
        m = [(i, j) for i, j in matches if type_ is None or P[i]["type"] == type_]
        prec = len(m) / n_p if n_p else float("nan")
        rec = len(m) / n_g if n_g else float("nan")
        f1 = 2 * prec * rec / (prec + rec) if n_p and n_g and (prec + rec) else (0.0 if n_p and n_g else float("nan"))
        spk = (sum(_same_speaker(_speaker_key(P[i]), _speaker_key(G[j])) for i, j in m) / len(m)) if m else float("nan")
        return {"type": type_ or "overall", "gold": n_g, "predicted": n_p, "matched": len(m),
                "precision": prec, "recall": rec, "f1": f1, "speaker_accuracy": spk}

    types = [t for t in TYPES if any(r["type"] == t for r in P + G)]
    return pd.DataFrame([stats(t) for t in types] + [stats(None)])


# ---------------------------------------------------------------------------------------------
# Gold annotations
# ---------------------------------------------------------------------------------------------

_GOLD_FILES = {
    "seed-article": "seed-attributions.json",
    "voa-crocus-fact-check": "voa-crocus-fact-check-attributions.json",
    "conversation-isis-k": "conversation-isis-k-attributions.json",
    "voa-furat-media-2017": "voa-furat-media-2017-attributions.json",
    "state-dept-crt-2015": "state-dept-crt-2015-attributions.json",
    "state-dept-crt-2016": "state-dept-crt-2016-attributions.json",
    "wikipedia-caucasus-province": "wikipedia-caucasus-province-attributions.json",
}


def gold_names() -> list[str]:
    """Names of the texts with gold attribution annotations (for :func:`load_gold`).

    >>> gold_names()[0]
    'conversation-isis-k'
    """
    return sorted(_GOLD_FILES)


def load_gold(name: str, *, part: str = "attributions") -> pd.DataFrame:
    """Load the hand annotations of one case text, after checking the file's checksum.

    Args:
        name: a case text's name (see :func:`gold_names`), e.g. ``"seed-article"``.
        part: ``"attributions"`` (the columns of :func:`extract_attributions`),
            ``"scare_quotes"`` (``quote``, ``start``, ``end``) or ``"hedges"``
            (``hedge``, ``start``, ``end``).

    Raises:
        TypeError: ``name`` is not a string.
        ValueError: no gold for ``name``, or an unknown ``part``.
        ChecksumError / ManifestError: the file differs from its manifest.
        DataFileError: the file was made for another version of the text.

    >>> gold = load_gold("seed-article")
    >>> sorted(set(gold["type"]))
    ['direct', 'indirect', 'mixed', 'unmatched_quote']
    """
    if not isinstance(name, str):
        raise TypeError(f"load_gold expects a text's name as a string, e.g. 'seed-article'; got {type(name).__name__}.")
    if name not in _GOLD_FILES:
        raise ValueError(f"No gold annotations for {name!r}; available: {', '.join(gold_names())}.")
    parts = ("attributions", "scare_quotes", "hedges")
    if part not in parts:
        raise ValueError(f"part must be one of {parts}; got {part!r}.")
    path = data_path("annotations", _GOLD_FILES[name])
    verify_file(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path} is not valid UTF-8 JSON: {exc}") from exc
    from .corpus import load_article

    article_text = load_article(data["article"]).text
    import hashlib

    digest = hashlib.sha256(article_text.encode("utf-8")).hexdigest()
    if digest != data.get("text_sha256"):
        raise DataFileError(
            f"{path} was annotated on another version of {data['article']!r} (text sha256 "
            f"{data.get('text_sha256')}, now {digest}); its offsets cannot be trusted."
        )
    records = data[part]
    if part == "attributions":
        frame = pd.DataFrame(records, columns=ATTRIBUTION_COLUMNS + ["note"])
        frame["note"] = frame["note"].fillna("")
        return frame.astype({"content_start": "int64", "content_end": "int64", "sentence_index": "int64"})
    cols = ["quote", "start", "end"] if part == "scare_quotes" else ["hedge", "start", "end"]
    return pd.DataFrame(records, columns=cols).astype({"start": "int64", "end": "int64"})
