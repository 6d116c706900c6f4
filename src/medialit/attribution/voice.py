"""Who speaks in each sentence: the voice map of a text.
"""
from __future__ import annotations

import re

import pandas as pd

from ..text import check_text
from .document import _Doc
from .evaluate import _check_frame
from .extract import _extract
from .marks import hedges


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
