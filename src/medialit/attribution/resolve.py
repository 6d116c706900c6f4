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


def resolve_speakers(doc: _Doc, rows: list[dict[str, Any]]) -> None:
    """Fill in ``speaker_resolved`` of every row (in place), in the order of their anchors."""
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
