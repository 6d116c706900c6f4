"""Measure the kit's frame-cue detector against human coders (Frermann et al. 2023).

Usage:
    .venv/bin/python tools/evaluate_frame_cues.py [--articles PATH] [--tune] [--no-write]

``--articles`` is the file holding the article texts, ``articles_metadata.tsv`` of
Frermann et al. (ACL 2023): tab-separated, with the columns ID, text and the five
frame labels RE, HI, CO, MO, EC (True/False). The kit does not ship it (the texts
belong to the outlets); by default the script looks for it in the project's shared
datasets folder and stops with a message if it is not there.

The articles are split ONCE, by a fixed seed, into a development half and a test
half. The cue lexicon and the thresholds in ``data/lexicons/frame-cues.yml`` were
built and tuned on the development half only; the test half is touched only to
report. ``--tune`` prints, for the development half alone, the threshold per frame
that maximises macro-F1 (nothing about the test half is computed in that mode).

Without ``--tune`` the script scores :func:`medialit.framing.detect_frames` on
both halves, per frame, against the human labels and against the majority-class
baseline (always answer the class that is commoner in the development half), and
writes the figures (numbers only, no article text) to
``data/results/frame-cue-evaluation.json`` with its manifest.

This script is not part of the book build or of the test suite's timing.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
# The Frermann et al. articles are not shipped (their licence does not allow it): set
# MEDIALIT_FRERMANN_ARTICLES, or keep the workplace's shared/ folder beside this clone (or beside
# the folder of worktrees that holds it).
DEFAULT_ARTICLES = Path(os.environ.get("MEDIALIT_FRERMANN_ARTICLES") or next(
    (p for p in (ROOT.parent / Path("shared", "datasets", "narrative_framing_frermann2023", "articles_metadata.tsv"), ROOT.parents[1] / Path("shared", "datasets", "narrative_framing_frermann2023", "articles_metadata.tsv")) if p.is_file()), ROOT.parent / Path("shared", "datasets", "narrative_framing_frermann2023", "articles_metadata.tsv")))
RESULTS = ROOT / "data" / "results" / "frame-cue-evaluation.json"
SEED = 20230709
LABEL_COLUMNS = {"RE": "responsibility", "CO": "conflict", "HI": "human_interest", "EC": "economic", "MO": "morality"}


def load_articles(path: Path) -> pd.DataFrame:
    """Read the articles; keep ID, text and the five labels as booleans; report unusable rows."""
    table = pd.read_csv(path, sep="\t", dtype={"ID": int, "text": str})
    missing = [col for col in ["ID", "text", *LABEL_COLUMNS] if col not in table.columns]
    if missing:
        raise SystemExit(f"{path} lacks the column(s) {missing}; expected Frermann et al.'s articles_metadata.tsv.")
    labels = table[list(LABEL_COLUMNS)].astype(str).apply(lambda col: col.str.strip())
    usable = labels.isin(["True", "False"]).all(axis=1) & table["text"].notna()
    out = pd.DataFrame({"ID": table["ID"], "text": table["text"]})
    for column, frame in LABEL_COLUMNS.items():
        out[frame] = labels[column] == "True"
    return out[usable].reset_index(drop=True), int((~usable).sum())


def split(ids: pd.Series) -> tuple[set[int], set[int]]:
    """Split article ids once, by the fixed seed, into development and test halves."""
    ordered = np.array(sorted(int(i) for i in ids))
    rng = np.random.default_rng(SEED)
    shuffled = rng.permutation(ordered)
    half = len(shuffled) // 2
    return set(shuffled[:half].tolist()), set(shuffled[half:].tolist())


def f1(gold: np.ndarray, pred: np.ndarray, positive: bool) -> float:
    tp = np.sum((pred == positive) & (gold == positive))
    fp = np.sum((pred == positive) & (gold != positive))
    fn = np.sum((pred != positive) & (gold == positive))
    return 0.0 if tp == 0 else float(2 * tp / (2 * tp + fp + fn))


def kappa(gold: np.ndarray, pred: np.ndarray) -> float:
    """Cohen's kappa from the 2x2 table (written out so it does not depend on the kit)."""
    observed = float(np.mean(gold == pred))
    p_gold, p_pred = float(np.mean(gold)), float(np.mean(pred))
    expected = p_gold * p_pred + (1 - p_gold) * (1 - p_pred)
    return 0.0 if expected == 1 else (observed - expected) / (1 - expected)


def scores(gold: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    f_present, f_absent = f1(gold, pred, True), f1(gold, pred, False)
    return {
        "macro_f1": round((f_present + f_absent) / 2, 4),
        "f1_present": round(f_present, 4),
        "f1_absent": round(f_absent, 4),
        "cohen_kappa": round(kappa(gold, pred), 4),
        "accuracy": round(float(np.mean(gold == pred)), 4),
        "predicted_present": int(pred.sum()),
    }


def tune(dev: pd.DataFrame, profile: pd.DataFrame) -> None:
    """Print the development-half threshold that maximises macro-F1, per frame."""
    for frame in LABEL_COLUMNS.values():
        gold = dev[frame].to_numpy()
        rates = profile.loc[dev["ID"].astype(str), frame].to_numpy()
        best = max(
            ((scores(gold, rates >= t)["macro_f1"], -t, t) for t in np.unique(np.round(rates, 2))),
        )
        print(f"{frame:15s} best dev macro-F1 {best[0]:.3f} at threshold {best[2]:.2f} per 1,000 words "
              f"(prevalence {gold.mean():.2f})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=None, help="path of articles_metadata.tsv")
    parser.add_argument("--tune", action="store_true", help="print dev-half thresholds only; touch nothing else")
    parser.add_argument("--no-write", action="store_true", help="print the results without writing the file")
    args = parser.parse_args(argv)
    path = args.articles or DEFAULT_ARTICLES
    if not path.is_file():
        print(
            f"No article file at {path}. This script needs Frermann et al.'s articles_metadata.tsv (not shipped "
            "with the kit, because the article texts belong to the outlets): pass its path with --articles PATH.",
            file=sys.stderr,
        )
        return 2

    from medialit.framing import FRAMES, detect_frames, frame_profile

    articles, unusable = load_articles(path)
    dev_ids, test_ids = split(articles["ID"])
    dev = articles[articles["ID"].isin(dev_ids)].reset_index(drop=True)
    test = articles[articles["ID"].isin(test_ids)].reset_index(drop=True)

    if args.tune:
        profile = frame_profile(dict(zip(dev["ID"].astype(str), dev["text"])))
        tune(dev, profile)
        return 0

    results: dict = {
        "what": "medialit.framing.detect_frames (cue rates per 1,000 words >= per-frame thresholds) against the "
                "aggregated human frame labels of Frermann et al. (2023), climate-change news",
        "articles_file_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "lexicon_sha256": hashlib.sha256((ROOT / "data" / "lexicons" / "frame-cues.yml").read_bytes()).hexdigest(),
        "seed": SEED,
        "articles_used": int(len(articles)),
        "articles_excluded_unusable_labels": unusable,
        "frermann_label_to_kit_frame": LABEL_COLUMNS,
        "baseline": "majority class of the development half, per frame",
        "halves": {},
    }
    majority = {frame: bool(dev[frame].mean() >= 0.5) for frame in FRAMES}
    for half_name, half in (("development", dev), ("test", test)):
        predicted = detect_frames(dict(zip(half["ID"].astype(str), half["text"])))
        per_frame = {}
        for frame in FRAMES:
            gold = half[frame].to_numpy()
            pred = predicted.loc[half["ID"].astype(str), frame].to_numpy()
            base = np.full(len(gold), majority[frame])
            per_frame[frame] = {
                "prevalence": round(float(gold.mean()), 4),
                "detector": scores(gold, pred),
                "majority_baseline": scores(gold, base),
            }
        results["halves"][half_name] = {
            "articles": int(len(half)),
            "per_frame": per_frame,
            "macro_f1_mean_over_frames": round(float(np.mean([v["detector"]["macro_f1"] for v in per_frame.values()])), 4),
            "f1_present_mean_over_frames": round(float(np.mean([v["detector"]["f1_present"] for v in per_frame.values()])), 4),
            "cohen_kappa_mean_over_frames": round(float(np.mean([v["detector"]["cohen_kappa"] for v in per_frame.values()])), 4),
            "baseline_macro_f1_mean_over_frames": round(float(np.mean([v["majority_baseline"]["macro_f1"] for v in per_frame.values()])), 4),
        }
    text = json.dumps(results, indent=2, sort_keys=False) + "\n"
    print(text)
    if args.no_write:
        return 0
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    digest = hashlib.sha256(RESULTS.read_bytes()).hexdigest()
    manifest = f"""source: computed by tools/evaluate_frame_cues.py (the kit) from Frermann et al. (2023) articles_metadata.tsv (not shipped) and data/lexicons/frame-cues.yml
date: "2026"
licence: MIT (kit); numbers only, no article text
sha256: {digest}
format: JSON; halves -> development / test -> per_frame -> detector / majority_baseline scores
description: >-
  How often the kit's cue-word frame detector (medialit.framing.detect_frames) agrees with the
  human frame labels of Frermann et al. (2023) on 427 climate-change news articles, split once
  by a fixed seed into a development half (used to build and tune the lexicon) and a test half
  (used only to report): macro-F1, F1 of the "present" class, Cohen's kappa and accuracy per
  frame, beside a majority-class baseline.
what_it_is_not: >-
  Not a measure of how well cue counting finds frames in terrorism or propaganda coverage (the
  articles are about climate change), and not a claim that the labels are the truth: they are
  two to four coders' aggregated judgements, with their own disagreements.
"""
    RESULTS.with_name(RESULTS.name + ".yml").write_text(manifest, encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)} and its manifest", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
