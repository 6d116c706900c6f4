"""Scoring the extractor against gold annotations, and loading the gold.

:func:`evaluate` compares two tables of attributions; :func:`load_gold` reads the kit's
hand annotations (``data/annotations/*-attributions.json``) after checking them.
"""
from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import pandas as pd

from ..corpus import load_article, verify_file
from ..errors import DataFileError
from ..resources import data_path
from .rows import ATTRIBUTION_COLUMNS, TYPES


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


#: The cue classes the annotation guide calls borderline: reported *that* something was said
#: without what (``np_object``), or with no source (``agentless``).
BORDERLINE = ("np_object", "agentless")


def evaluate(predicted: pd.DataFrame, gold: pd.DataFrame, *, min_overlap: float = 0.5,
             borderline: bool = False) -> pd.DataFrame:
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
        borderline: score rows whose ``cue_class`` is one of :data:`BORDERLINE` as types of
            their own (``np_object``, ``agentless``) rather than as their ``type``, so that the
            ``indirect`` row counts reported content only. A table without ``cue_class`` has
            no borderline rows.

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
    if not isinstance(borderline, bool):
        raise TypeError(f"borderline must be True or False; got {borderline!r}.")
    P = predicted.to_dict("records")
    G = gold.to_dict("records")
    if borderline:
        for r in P + G:
            if r.get("cue_class") in BORDERLINE:
                r["type"] = r["cue_class"]
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

    types = [t for t in TYPES + BORDERLINE if any(r["type"] == t for r in P + G)]
    return pd.DataFrame([stats(t) for t in types] + [stats(None)])



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
    article_text = load_article(data["article"]).text
    digest = hashlib.sha256(article_text.encode("utf-8")).hexdigest()
    if digest != data.get("text_sha256"):
        raise DataFileError(
            f"{path} was annotated on another version of {data['article']!r} (text sha256 "
            f"{data.get('text_sha256')}, now {digest}); its offsets cannot be trusted."
        )
    records = data[part]
    if part == "attributions":
        # the case texts' gold predates the cue classes of the Wikinews gold: no cue_class column
        frame = pd.DataFrame(records, columns=[c for c in ATTRIBUTION_COLUMNS if c != "cue_class"] + ["note"])
        frame["note"] = frame["note"].fillna("")
        return frame.astype({"content_start": "int64", "content_end": "int64", "sentence_index": "int64"})
    cols = ["quote", "start", "end"] if part == "scare_quotes" else ["hedge", "start", "end"]
    return pd.DataFrame(records, columns=cols).astype({"start": "int64", "end": "int64"})


# Gold annotations of a corpus the kit ships (data/corpora/<name>/), one file per kind.
_CORPUS_GOLD = {
    ("wikinews", "attributions"): "wikinews-attributions.json",
    ("wikinews", "sentences"): "wikinews-sentences.json",
}
_HALVES = ("development", "test")


def load_corpus_gold(corpus: str = "wikinews", *, part: str = "attributions", half: str | None = None) -> pd.DataFrame:
    """Load the hand annotations of a corpus the kit ships, after checking them.

    The Wikinews gold covers 55 articles drawn at random from ``load_kit_corpus("wikinews")`` in
    two rounds: round one's 31, split once, by article, into a **development** half (the
    extractor's rules may be tuned on it) and a **test** half (only ever used to report scores),
    and round two's 24, all added to the development half (the file's ``split`` block names
    its parts: ``dev-old``, ``dev-new``, ``dev-check``). See the annotation guide.

    Args:
        corpus: the corpus name (only ``"wikinews"`` has gold annotations).
        part: ``"attributions"`` (one row per attribution: ``id``, ``split``, the columns of
            :func:`extract_attributions`, ``cue_class`` and ``note``) or ``"sentences"`` (one row
            per gold sentence: ``id``, ``split``, ``sentence_index``, ``start``, ``end``).
        half: ``"development"``, ``"test"``, or None for both.

    Offsets point into the ``text`` column of :func:`medialit.corpus.load_kit_corpus`.

    Raises:
        ValueError: an unknown corpus, part or half.
        ChecksumError / ManifestError: the file differs from its manifest.
        DataFileError: an article's text changed since it was annotated.

    >>> gold = load_corpus_gold(half="development")
    >>> sorted(set(gold["split"])), gold["id"].nunique() >= 10
    (['development'], True)
    """
    from ..corpus import load_kit_corpus

    if (corpus, part) not in _CORPUS_GOLD:
        raise ValueError(f"No {part!r} gold for corpus {corpus!r}; available: "
                         f"{sorted(set(_CORPUS_GOLD))} as (corpus, part).")
    if half is not None and half not in _HALVES:
        raise ValueError(f"half must be one of {_HALVES} or None; got {half!r}.")
    path = data_path("annotations", _CORPUS_GOLD[(corpus, part)])
    verify_file(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    table = load_kit_corpus(corpus)
    texts = dict(zip(table["id"], table["text"]))
    records = []
    for article in data["articles"]:
        text = texts.get(article["id"])
        if text is None or hashlib.sha256(text.encode("utf-8")).hexdigest() != article["text_sha256"]:
            raise DataFileError(f"{path}: the article {article['id']!r} is missing from the corpus or changed since "
                                "it was annotated; its offsets cannot be trusted (rebuild with tools/wikinews_gold.py).")
        if half is not None and article["split"] != half:
            continue
        if part == "attributions":
            records += [{"id": article["id"], "split": article["split"], **row} for row in article["attributions"]]
        else:
            records += [{"id": article["id"], "split": article["split"], "sentence_index": k, "start": s, "end": e}
                        for k, (s, e) in enumerate(article["sentences"])]
    if part == "attributions":
        columns = ["id", "split", *ATTRIBUTION_COLUMNS, "note"]
        ints = {"content_start": "int64", "content_end": "int64", "sentence_index": "int64"}
    else:
        columns = ["id", "split", "sentence_index", "start", "end"]
        ints = {"sentence_index": "int64", "start": "int64", "end": "int64"}
    return pd.DataFrame(records, columns=columns).astype(ints)
