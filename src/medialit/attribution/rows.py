"""The attribution table: its columns, one row as the rules build it, and the final frame.

While the rules run, an attribution is a plain ``dict`` with the public columns of
:data:`ATTRIBUTION_COLUMNS` and two private keys: ``_anchor`` (the character offset the
row is ordered by when speakers are resolved: the cue, or the quotation mark) and
``_carried`` (a quotation with no tag that opens its sentence, which takes the speaker of
the attribution before it).

>>> to_frame([]).columns.tolist() == ATTRIBUTION_COLUMNS
True
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from .cues import _Cue
    from .document import _Doc

#: Columns of :func:`medialit.attribution.extract_attributions`, in order.
ATTRIBUTION_COLUMNS = [
    "type", "speaker", "speaker_resolved", "cue", "cue_lemma", "cue_stance",
    "content", "content_start", "content_end", "sentence_index", "cue_class",
]
#: The attribution types.
TYPES = ("direct", "indirect", "mixed", "unmatched_quote")
#: The cue classes of the annotation guide: what kind of cue credits the content. The last two
#: are the guide's borderline classes: a verb whose only content is a noun phrase
#: ("denied the accusations"), and an attribution with no source ("it was noted that").
CUE_CLASSES = ("speech", "according_to", "cognition", "perception", "evidential", "noun",
               "np_object", "agentless")
_KIND_CLASS = {"speech": "speech", "cognition": "cognition", "evidential": "evidential",
               "phrase": "according_to", "perception": "perception", "noun": "noun"}

_INT_COLUMNS = ("content_start", "content_end", "sentence_index")


def _strip_content(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim white space, leading commas/colons/dashes, trailing punctuation and a final full
    stop (not one that ends an abbreviation such as "U.S.") from the span ``s:e``."""
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
         *, resolved: str = "", anchor: int | None = None, carried: bool = False,
         cue_class: str | None = None) -> dict[str, Any]:
    """One attribution with content ``doc.text[s:e]``; its cue class is the cue's kind unless
    ``cue_class`` says otherwise (the borderline classes)."""
    if cue_class is None:
        cue_class = _KIND_CLASS.get(cue.kind, "speech") if cue else ""
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
        "cue_class": cue_class,
        "_anchor": anchor if anchor is not None else s,
        "_carried": carried,
    }


def to_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The public table: rows in text order, only the public columns, integer offsets."""
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in _INT_COLUMNS else "object")
                             for c in ATTRIBUTION_COLUMNS})
    rows = sorted(rows, key=lambda r: (r["content_start"], r["content_end"], r["type"]))
    columns: dict[str, Any] = {}
    for c in ATTRIBUTION_COLUMNS:
        values = [r[c] for r in rows]
        if c in _INT_COLUMNS:
            columns[c] = np.asarray(values, dtype="int64")
        elif _STR != object:
            # the string dtype pandas would infer, given directly: inference costs a third of the
            # extractor's time on a short article
            cells = np.empty(len(values), dtype=object)
            cells[:] = values
            columns[c] = pd.array(cells, dtype=_STR)
        else:
            columns[c] = values
    return pd.DataFrame(columns, copy=False)


#: The dtype pandas infers for a column of strings (a string dtype from pandas 3 on, else object).
_STR = pd.Series(["text"]).dtype
