"""The lexicons the attribution rules read: reporting verbs (with stance) and hedges.

Both files live in ``data/lexicons/`` with manifests; they are checked against their
checksums when first read and cached for the session.
"""
from __future__ import annotations

import csv
import functools
import re
from typing import Any

import pandas as pd

from ..corpus import verify_file
from ..errors import DataFileError
from ..resources import data_path

#: The stance classes of the reporting-verb lexicon.
STANCES = ("neutral", "distancing", "endorsing", "directive", "commissive")

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


#: Lemmas that count only with a *that* clause ("Officials knew that ..."; "Witnesses saw that
#: ..."), not with a noun phrase ("saw the car", "known as"); ``known`` also counts in the
#: agentless "known to ..." (see :mod:`.reported`).
THAT_ONLY = {"know", "see", "hear"}


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

