"""Step 7: resolve speakers. Whom does each speaker phrase refer to?

* A named speaker resolves to its name without titles (``Kremlin spokesperson Dmitry
  Peskov`` -> ``Dmitry Peskov``; ``the group's deputy emir, Abu Yasser`` -> ``Abu Yasser``).
* ``he``/``she`` resolve to the last speaker that is a person's name; a surname alone
  resolves to the earlier full name.
* A carried-over quotation (no tag) takes the source of the attribution just before it,
  when that one is in the same or the previous paragraph.
* Collective, document and ambiguous speakers (``officials``, ``the video``, ``they``,
  ``it``) stay unresolved (empty).

>>> from .document import _Doc
>>> _name_of("Kremlin spokesperson Dmitry Peskov", _Doc("x"), False)
'Dmitry Peskov'
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from ._words import _COLLECTIVE, _DOC_WORDS, _NAME_PARTICLES, _ORG_WORDS, _PERSON_PRON, _PREP, _SUBJ_PRON, _TITLES
from .document import _Doc


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
    named = _name_at_end(words) or _org_name(words)
    if named:
        return named
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
    if len(run) == 1 and (run[-1].lower() in _COLLECTIVE or run[-1].lower() in _DOC_WORDS):
        return ""
    if len(run) > 1 and run[-1].lower() in _COLLECTIVE and run[0].lower() in _COLLECTIVE:
        return ""
    return " ".join(run)  # "Washington Post", "Foreign Ministry": capitalised, so a name


def _name_at_end(words: list[str]) -> str:
    """A person's name closing a longer phrase after a lower-case noun or a place:
    "Florida Department of Transportation official Troy Roberts" -> "Troy Roberts";
    "US Special Representative for Iran Brian Hook" -> "Brian Hook" (after a preposition, a run
    of three or more capitalised words keeps its last two)."""
    run = _name_run(words)
    if not run or len(run) == len(words) or any(w.startswith("(") for w in run):
        return ""
    before = words[len(words) - len(_raw_run(words)) - 1] if len(_raw_run(words)) < len(words) else ""
    if before.lower() in _PREP | {"to"} and len(run) >= 3:
        run = run[-2:]
    elif not (before[:1].islower() and before.lower() not in _PREP | {"to", "and", "or", "the", "a", "an"}):
        return ""
    if len(run) < 2 or not _is_person(" ".join(run)):
        return ""
    return " ".join(run)


def _raw_run(words: list[str]) -> list[str]:
    """The capitalised words ending ``words`` (titles and particles kept)."""
    run: list[str] = []
    for w in reversed(words):
        if w[:1].isupper() or w.lower().rstrip(".") in _NAME_PARTICLES or w.lower().startswith("al-"):
            run.append(w)
        else:
            break
    return run[::-1]


def _org_name(words: list[str]) -> str:
    """A name with "of" or "for" inside it, every other word capitalised: "the Court of
    Session" -> "Court of Session"; "the Committee to Protect Journalists" stays whole."""
    core = words[1:] if words and words[0].lower() in {"the", "a", "an"} else words
    if len(core) < 3 or not any(w in {"of", "for", "to", "on", "and"} for w in core[1:-1]):
        return ""
    if all(w[:1].isupper() or w in {"of", "for", "to", "on", "and", "the"} for w in core) and core[-1][:1].isupper():
        if core[-1].lower() in _COLLECTIVE or core[-1].lower() in _DOC_WORDS:
            return ""
        return " ".join(core)
    return ""


@functools.lru_cache(maxsize=4096)
def _surname(name: str) -> str:
    last = name.split()[-1].lower() if name.split() else ""
    return re.sub(r"^(?:al|el|ad|as|ash|an|ar)-", "", last)


@functools.lru_cache(maxsize=4096)
def _is_person(name: str) -> bool:
    words = name.lower().replace("'s", "").split()
    if len(words) < 2:
        return False
    return not any(w.strip(".") in _ORG_WORDS for w in words)


_NOT_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
              "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "the", "a", "an", "in", "on", "at", "but", "and", "it", "this", "he",
              "she", "they", "we", "i", "according", "after", "before", "when", "while", "if", "as"}


def person_mentions(doc: _Doc) -> list[tuple[int, str]]:
    """Where the text names a person: (offset, full name without titles), in text order.

    A name is a run of at least two capitalised words in one sentence with no organisation word
    in it ("Prime Minister Narendra Modi" -> "Narendra Modi"); a single capitalised word counts
    when it is the surname of a person named earlier ("Bloomberg" -> "Michael Bloomberg")."""
    out: list[tuple[int, str]] = []
    fulls: dict[str, str] = {}
    toks = doc.toks
    n = len(toks)
    caps = [k for k, t in enumerate(toks) if t.text[:1].isupper() and not t.quoted]
    c = 0
    while c < len(caps):
        i = j = caps[c]
        while j < n and toks[j].sent == toks[i].sent and not toks[j].quoted and (
                toks[j].text[:1].isupper() or (j > i and toks[j].low in _NAME_PARTICLES)
                or (j > i and toks[j].text == "." and len(toks[j - 1].text) == 1 and j + 1 < n
                    and toks[j + 1].text[:1].isupper())):  # an initial: "Emily W. Murphy"
            j += 1
            if toks[j - 1].low.endswith(("'s", "\u2019s")):
                if j - 1 > i and j < n and toks[j].text[:1].isupper():
                    j -= 1  # "Norway's Warholm": a possessive before a name ends the name before it
                break  # "Brendan Fraser's appearance": the possessive closes the name
        while c < len(caps) and caps[c] < j:
            c += 1
        if j - i == 1:  # one capitalised word: only a surname of someone named before counts
            word = toks[i].text.removesuffix("'s").removesuffix("\u2019s")
            if fulls and _surname(word) in fulls and word.lower() not in _NOT_NAMES:
                out.append((toks[i].start, fulls[_surname(word)]))
            continue
        words = [t.text for t in toks[i:j] if t.text != "."]
        while words and words[0].lower() in _NOT_NAMES:
            words.pop(0)
        run = _name_run([w.removesuffix("'s").removesuffix("\u2019s") for w in words])
        name = " ".join(run)
        if len(run) >= 2 and _is_person(name) and not any(w.lower() in _NOT_NAMES for w in run):
            out.append((toks[i].start, name))
            fulls.setdefault(_surname(name), name)
        elif len(run) == 1 and _surname(name) in fulls:
            out.append((toks[i].start, fulls[_surname(name)]))
    return out


#: Titles that tell a person's gender, for "he" and "she".
_FEMALE_TITLES = {"queen", "princess", "mrs", "mrs.", "ms", "ms.", "miss", "lady", "dame", "madam", "duchess",
                  "empress", "sister", "mother", "wife", "daughter", "widow", "actress", "chairwoman",
                  "spokeswoman", "congresswoman", "businesswoman"}
_MALE_TITLES = {"king", "prince", "mr", "mr.", "sir", "lord", "duke", "emperor", "brother", "father",
                "husband", "son", "chairman", "spokesman", "congressman", "businessman"}


def _gender_fits(doc: _Doc, start: int, pronoun: str) -> bool:
    """False when the word before a name is a title of the other gender ("Queen Elizabeth" for he)."""
    before = doc.text[max(0, start - 20):start].split()
    title = before[-1].lower() if before else ""
    return title not in (_FEMALE_TITLES if pronoun == "he" else _MALE_TITLES)


def _pronoun_at(doc: _Doc, anchor: int, pronoun: str) -> int:
    """Where the pronoun of a row stands: the last one before its anchor in its sentence (a
    quotation's anchor is its opening mark: 'In his message, he appreciated Soleimani's life: "..."')."""
    lo, _ = doc.sent_bounds(doc.sent_of(anchor))
    found = [m.start() for m in re.finditer(rf"\b{re.escape(pronoun)}\b", doc.text[lo:anchor + 1], re.IGNORECASE)]
    return lo + found[-1] if found else anchor


def _fits(speaker: str, pronoun: str) -> bool:
    """False when a speaker phrase names the other gender ("Queen Elizabeth" for "he")."""
    words = {w.lower().strip(",.") for w in speaker.split()}
    return not words & (_FEMALE_TITLES if pronoun == "he" else _MALE_TITLES)


_ONE = {"spokesman", "spokeswoman", "spokesperson"}


def _one_person(speaker: str) -> bool:
    """Whether a speaker phrase without a name can be one person, whom "he" or "she" may take up:
    "The village imam", not "officials", "the jury", "the ministry" or "the report"."""
    words = speaker.split(",")[0].split()
    for n, w in enumerate(words):
        if n and w.lower() in _PREP:
            words = words[:n]  # the head comes before its modifiers: "A spokesman for the regional police"
            break
    head = words[-1].lower().strip(".'\u2019") if words else ""
    return bool(head) and (head not in _COLLECTIVE or head in _ONE) and head not in _DOC_WORDS and head not in _ORG_WORDS \
        and head not in {"jury", "court", "committee", "panel", "family", "team", "board", "public"} \
        and not (head.endswith("s") and not head.endswith("ss"))


def _referent(doc: _Doc, pos: int, pronoun: str, mentions: _Mentions, persons: list[str],
              depth: int = 0) -> str:
    """Whom "he" or "she" at ``pos`` refers to: the first person named earlier in its sentence,
    else in the nearest of the three sentences before that names one; a sentence that opens with
    the same pronoun passes the question on to its own referent. Else the last person quoted."""
    si = doc.sent_of(pos)
    forms = r"\b(?:he|his|him)\b" if pronoun == "he" else r"\b(?:she|her|hers)\b"
    for k in range(si, max(-1, si - 4), -1):
        lo, hi = doc.sent_bounds(k)
        first = doc.text[lo:hi].split()[:1]
        if k < si and depth < 3 and first and first[0].lower() == pronoun:
            return _referent(doc, lo, pronoun, mentions, persons, depth + 1)  # "She spoke ... She asked"
        named = [name for start, name in mentions.between(lo, min(hi, pos)) if _gender_fits(doc, start, pronoun)]
        quoted = [name for name in named if name in persons]
        if named:
            return (quoted or named)[0]  # a person already quoted beats a place named like a person
        if k < si and depth < 3 and re.search(forms, doc.text[lo:hi], re.IGNORECASE):
            return _referent(doc, lo, pronoun, mentions, persons, depth + 1)  # the same person, again
    return persons[-1] if persons else ""


class _Mentions(list):
    """The list :func:`person_mentions` returns, with the two look-ups the resolver makes in it
    answered by bisection instead of a scan of every mention (a scan per attribution made the
    extractor's time grow with the square of the text's length)."""

    def __init__(self, items: list[tuple[int, str]]) -> None:
        super().__init__(items)
        self.starts = [start for start, _ in self]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:]))
        # surname -> indexes (ascending) of the mentions of a name of two or more words with it
        self.full: dict[str, list[int]] = {}
        for index, (_, name) in enumerate(self):
            if len(name.split()) > 1:
                self.full.setdefault(_surname(name), []).append(index)

    def between(self, lo: int, hi: int) -> list[tuple[int, str]]:
        """The mentions with ``lo <= start < hi``, in list order."""
        if not self.ordered:
            return [m for m in self if lo <= m[0] < hi]
        return self[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]

    def last_full_before(self, pos: int, surname: str) -> str:
        """The last of the mentions starting before ``pos`` that is a name of two or more words
        with this surname (in list order), or ""."""
        if not self.ordered:
            return next((n for start, n in reversed(self) if start < pos and len(n.split()) > 1
                         and _surname(n) == surname), "")
        indexes = self.full.get(surname, [])
        k = bisect.bisect_left(indexes, bisect.bisect_left(self.starts, pos)) - 1
        return self[indexes[k]][1] if k >= 0 else ""


class _Names(list):
    """The names resolved so far, remembering the last one of two or more words per surname."""

    def __init__(self) -> None:
        super().__init__()
        self.last_full: dict[str, str] = {}

    def append(self, name: str) -> None:
        super().append(name)
        if len(name.split()) > 1:
            self.last_full[_surname(name)] = name


def _resolve_name(doc: _Doc, r: dict[str, Any], names: _Names, mentions: _Mentions) -> str:
    """The resolved name of a speaker phrase that is not a pronoun."""
    spk = r["speaker"].strip()
    sent_lo = doc.sent_bounds(doc.sent_of(r["_anchor"]))[0]
    m = re.search(re.escape(spk.split()[0]), doc.text[sent_lo:r["_anchor"] + 1]) if spk.split() else None
    initial = bool(m) and not doc.text[sent_lo:sent_lo + m.start()].strip(" ,\u201c\"")
    name = _name_of(spk, doc, initial)
    if name and len(name.split()) == 1:
        # the last full name with this surname among the names resolved so far and the mentions
        # before the anchor, the mentions counting as later (what a scan of names + mentions gave)
        surname = _surname(name)
        full = mentions.last_full_before(r["_anchor"], surname) or names.last_full.get(surname, "")
        name = full or name
    return name


def resolve_speakers(doc: _Doc, rows: list[dict[str, Any]]) -> None:
    """Fill in ``speaker_resolved`` of every row (in place), in the order of their anchors. A
    quotation carried over from the attribution before it (no tag of its own) also takes that
    attribution's ``speaker`` as written."""
    persons: list[str] = []
    names = _Names()
    needed = any(r["speaker"].strip().lower() in {"he", "she", "his", "her"}
                 or (len(r["speaker"].split()) == 1 and r["speaker"][:1].isupper()) for r in rows)
    mentions = _Mentions(person_mentions(doc) if needed else [])
    last_key, last_speaker = "", ""
    last_row: dict[str, Any] | None = None
    for r in sorted(rows, key=lambda r: r["_anchor"]):
        spk = r["speaker"].strip()
        low = spk.lower()
        if r["_carried"] or (not spk and r["type"] == "direct" and not r["cue"]):
            # carry the previous speaker when the previous attribution was in this or the last paragraph
            if last_row is not None and doc.para_of(r["_anchor"]) - doc.para_of(last_row["_anchor"]) <= 1 \
                    and last_row["type"] in ("direct", "mixed", "indirect", "unmatched_quote"):
                r["speaker_resolved"] = last_key
                r["speaker"] = last_speaker
                last_row = r
            continue
        if not spk:
            r["speaker_resolved"] = ""
        elif low in _PERSON_PRON or low in {"his", "her"}:
            pronoun = "he" if low in {"he", "his"} else "she"
            here = doc.sent_of(r["_anchor"])
            near = last_row is not None and max(doc.sent_of(last_row["_anchor"]),
                                                doc.sent_of(max(last_row["content_end"] - 1, 0))) >= here - 1
            prev_spk = last_row["speaker"].strip() if last_row is not None else ""
            if near and _is_person(last_row["speaker_resolved"]) and _fits(prev_spk, pronoun) and (
                    prev_spk.lower() not in _SUBJ_PRON | {"his", "her"} or prev_spk.lower() in (pronoun, low)):
                r["speaker_resolved"] = last_row["speaker_resolved"]  # "Hook said ... He added": the same person
            elif near and prev_spk and prev_spk.lower() not in _SUBJ_PRON | {"his", "her"} \
                    and not _is_person(last_row["speaker_resolved"]) and _one_person(prev_spk):
                r["speaker_resolved"] = ""  # "The village imam said ... he said": an unnamed source
            else:
                r["speaker_resolved"] = _referent(doc, _pronoun_at(doc, r["_anchor"], spk), pronoun, mentions, persons)
        elif low in _SUBJ_PRON:
            r["speaker_resolved"] = ""
        else:
            r["speaker_resolved"] = name = _resolve_name(doc, r, names, mentions)
            if name:
                names.append(name)
                if _is_person(name):
                    persons.append(name)
        if r["speaker_resolved"] or spk:
            last_key, last_speaker = r["speaker_resolved"], spk
        last_row = r
