"""medialit.framing: coding sheets, agreement, frame cues, label choices, the Frermann loader."""
from __future__ import annotations

import math
import os
import random
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from medialit import framing
from medialit.corpus import load_article
from medialit.errors import ChecksumError
from medialit.framing import (
    FRAMES, agreement, detect_frames, find_labels, frame_cues, frame_profile, label_choices,
    load_frermann, score_coding_sheet,
)
from medialit.resources import data_path
from medialit.text import tokenize

ROOT = Path(__file__).resolve().parents[1]
# The Frermann et al. articles are not shipped (their licence does not allow it): set
# MEDIALIT_FRERMANN_ARTICLES, or keep the workplace's shared/ folder beside this clone (or beside
# the folder of worktrees that holds it).
ARTICLES = Path(os.environ.get("MEDIALIT_FRERMANN_ARTICLES") or next(
    (p for p in (ROOT.parent / Path("shared", "datasets", "narrative_framing_frermann2023", "articles_metadata.tsv"), ROOT.parents[1] / Path("shared", "datasets", "narrative_framing_frermann2023", "articles_metadata.tsv")) if p.is_file()), ROOT.parent / Path("shared", "datasets", "narrative_framing_frermann2023", "articles_metadata.tsv")))
CONSTRUCTED = ["constructed-wire", "constructed-security", "constructed-human-interest", "constructed-sensational"]


# ------------------------------------------------------------------ agreement

def _kappa_by_hand(a: list, b: list) -> float:
    n = len(a)
    p_o = sum(x == y for x, y in zip(a, b)) / n
    cats = set(a) | set(b)
    p_e = sum((a.count(c) / n) * (b.count(c) / n) for c in cats)
    return (p_o - p_e) / (1 - p_e)


def _alpha_nominal_by_hand(rows: list[list]) -> float:
    """Krippendorff's alpha (nominal) from the coincidence matrix; rows = coders, None = missing."""
    units = list(zip(*rows))
    coincidences: dict[tuple, float] = {}
    for unit in units:
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidences[(c, k)] = coincidences.get((c, k), 0.0) + 1.0 / (m - 1)
    cats = sorted({c for c, _ in coincidences})
    n_c = {c: sum(v for (x, _), v in coincidences.items() if x == c) for c in cats}
    n = sum(n_c.values())
    d_o = sum(v for (c, k), v in coincidences.items() if c != k) / n
    d_e = sum(n_c[c] * n_c[k] for c in cats for k in cats if c != k) / (n * (n - 1))
    return 1 - d_o / d_e


def test_cohen_kappa_published_example():
    # The classic textbook 2x2 example: 50 items; both yes 20, A yes/B no 5, A no/B yes 10, both no 15.
    a = ["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    value = agreement(pd.DataFrame({"A": a, "B": b}), metric="cohen_kappa")
    assert value == pytest.approx(_kappa_by_hand(a, b))
    assert value == pytest.approx(0.4)  # p_o = 0.7, p_e = 0.5 (0.5*0.6 + 0.5*0.4)


def test_krippendorff_alpha_published_example():
    # Krippendorff's (2011) worked example: 4 coders, 12 units, nominal values, gaps allowed.
    n = None
    rows = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    wide = pd.DataFrame({f"coder{i}": [np.nan if v is None else v for v in row] for i, row in enumerate(rows)})
    value = agreement(wide)
    assert value == pytest.approx(_alpha_nominal_by_hand(rows))
    assert value == pytest.approx(0.743, abs=0.001)


def test_alpha_two_coders_binary_closed_form():
    codings = pd.DataFrame({"ann": ["yes", "yes", "no", "no"], "ben": ["yes", "no", "no", "no"]})
    # coincidences: n_yes = 3, n_no = 5, n = 8; D_o = 2/8; D_e = 2*3*5/(8*7)
    assert agreement(codings) == pytest.approx(1 - (2 / 8) / (30 / 56))


def test_agreement_long_format_equals_wide():
    long = pd.DataFrame({
        "unit": [1, 1, 2, 2, 3, 3, 4, 4],
        "coder": ["a", "b"] * 4,
        "code": ["x", "x", "y", "x", "y", "y", "x", "x"],
    })
    wide = long.pivot(index="unit", columns="coder", values="code")
    assert agreement(long) == pytest.approx(agreement(wide))
    assert agreement(long, metric="cohen_kappa") == pytest.approx(_kappa_by_hand(list(wide["a"]), list(wide["b"])))


def test_perfect_agreement_is_one_and_constant_codes_are_undefined():
    assert agreement(pd.DataFrame({"a": [1, 0, 1], "b": [1, 0, 1]})) == pytest.approx(1.0)
    assert math.isnan(agreement(pd.DataFrame({"a": [1, 1, 1], "b": [1, 1, 1]})))
    assert math.isnan(agreement(pd.DataFrame({"a": [1, 1], "b": [1, 1]}), metric="cohen_kappa"))


@pytest.mark.parametrize("codings, kwargs, error, words", [
    ([[1, 2]], {}, TypeError, "DataFrame"),
    (pd.DataFrame({"a": [1, 0]}), {}, ValueError, "at least two coders"),
    (pd.DataFrame({"a": [1, 0], "b": [1, 1]}), {"metric": "percent"}, ValueError, "metric must be one of"),
    (pd.DataFrame({"a": [1, 0], "b": [1, 1], "c": [0, 0]}), {"metric": "cohen_kappa"}, ValueError, "exactly two coders"),
    (pd.DataFrame({"a": [1, np.nan], "b": [1, 1]}), {"metric": "cohen_kappa"}, ValueError, "missing code"),
    (pd.DataFrame({"a": [1, 0], "b": [1, 1]}), {"level": "fuzzy"}, ValueError, "level must be one of"),
])
def test_agreement_bad_input(codings, kwargs, error, words):
    with pytest.raises(error, match=words):
        agreement(codings, **kwargs)


# ------------------------------------------------------------------ coding sheet

def test_score_coding_sheet_averages_questions_then_coders():
    answers = pd.DataFrame({
        "article": ["a"] * 4 + ["b"] * 2,
        "coder": ["c1", "c1", "c2", "c2", "c1", "c1"],
        "question": ["CON1", "CON2", "CON1", "CON2", "ECO1", "ECO2"],
        "answer": ["yes", "yes", "yes", "no", True, 0],
    })
    scores = score_coding_sheet(answers)
    assert scores.loc["a", "conflict"] == pytest.approx((1.0 + 0.5) / 2)
    assert scores.loc["b", "economic"] == pytest.approx(0.5)
    assert math.isnan(scores.loc["a", "economic"])  # no economic answers for a: NaN, not 0
    assert list(scores.columns) == ["conflict", "economic"]


def test_score_coding_sheet_gold_codings_of_constructed_texts():
    gold = pd.read_csv(data_path("annotations", "constructed-frames.csv"))
    scores = score_coding_sheet(gold)
    assert sorted(scores.index) == sorted(CONSTRUCTED)
    assert scores.loc["constructed-human-interest", "human_interest"] == 1.0
    assert scores.loc["constructed-wire", "human_interest"] == 0.0
    assert scores.loc["constructed-security", "responsibility"] > scores.loc["constructed-human-interest", "responsibility"]


@pytest.mark.parametrize("answers, words", [
    (pd.DataFrame({"article": ["a"], "question": ["CON1"]}), "lacks the column"),
    (pd.DataFrame({"article": ["a"], "question": ["CON1"], "answer": ["maybe"]}), "expected yes/no"),
    (pd.DataFrame({"article": ["a"], "question": ["XYZ9"], "answer": ["yes"]}), "belong to no frame"),
    (pd.DataFrame({"article": [], "question": [], "answer": []}), "empty"),
])
def test_score_coding_sheet_bad_input(answers, words):
    with pytest.raises(ValueError, match=words):
        score_coding_sheet(answers)


def test_score_coding_sheet_rejects_non_dataframe():
    with pytest.raises(TypeError, match="DataFrame"):
        score_coding_sheet([{"article": "a"}])


# ------------------------------------------------------------------ frame cues

def test_frame_cues_on_written_sentences():
    text = "Officials blamed the government.\nA mother mourned her son. Taxes will rise."
    cues = frame_cues(text)
    for _, row in cues.iterrows():
        assert text[row.start:row.end] == row.match
    found = set(zip(cues["frame"], cues["match"]))
    assert {("responsibility", "blamed"), ("conflict", "blamed"), ("human_interest", "mother"),
            ("human_interest", "mourned"), ("human_interest", "son"), ("economic", "Taxes")} <= found
    assert cues.loc[cues["match"] == "mother", "sentence"].item() == 1
    assert cues.loc[cues["match"] == "Taxes", "sentence"].item() == 2
    assert list(cues.columns) == ["frame", "cue", "match", "start", "end", "sentence"]


def test_frame_cues_whole_words_only_and_curly_apostrophes():
    assert frame_cues("The cattle grazed on the warfront plateau.").query("frame == 'conflict'").empty
    cues = frame_cues("The attack’s toll grew.")
    assert cues.loc[cues["frame"] == "conflict", "match"].tolist() == ["attack’s"]


def test_frame_cues_no_cues_gives_empty_table_with_columns():
    cues = frame_cues("Zzz qqq.")
    assert cues.empty and list(cues.columns) == ["frame", "cue", "match", "start", "end", "sentence"]


def test_frame_profile_rates_per_thousand_words():
    texts = {"one": "Taxes rose. Taxes fell.", "two": "Nothing here at all, really nothing."}
    profile = frame_profile(texts)
    assert list(profile.index) == ["one", "two"] and list(profile.columns) == list(FRAMES)
    n_cues = (frame_cues(texts["one"])["frame"] == "economic").sum()
    assert profile.loc["one", "economic"] == pytest.approx(1000 * n_cues / len(tokenize(texts["one"])), abs=1e-3)
    assert n_cues == 2
    assert profile.loc["two"].sum() == 0


def test_constructed_texts_differ_in_frame_profile():
    texts = {name: load_article(name).text for name in CONSTRUCTED}
    profile = frame_profile(texts)
    assert profile["human_interest"].idxmax() == "constructed-human-interest"
    assert profile["morality"].idxmax() == "constructed-human-interest"
    assert profile.loc["constructed-wire", "human_interest"] < profile.loc["constructed-human-interest", "human_interest"]


def test_detect_frames_thresholds():
    text = {"a": "The attack killed two police officers."}
    assert bool(detect_frames(text)["conflict"].item())
    assert not bool(detect_frames(text, thresholds={"conflict": 1000})["conflict"].item())
    with pytest.raises(ValueError, match="unknown frame"):
        detect_frames(text, thresholds={"drama": 1})


@pytest.mark.parametrize("bad, error", [(None, TypeError), (b"bytes", TypeError), ("   ", ValueError), ([], ValueError), ({}, ValueError)])
def test_bad_text_input(bad, error):
    with pytest.raises(error):
        frame_profile(bad)
    if not isinstance(bad, (list, dict)):
        with pytest.raises(error):
            frame_cues(bad)


# ------------------------------------------------------------------ labels

def test_is_the_name_is_not_is_the_verb():
    text = "IS claimed the attack. The group is small, and this is IS at its weakest."
    found = find_labels(text, groups=["group_name"])
    assert found["match"].tolist() == ["IS", "IS"]
    assert [text[s:e] for s, e in zip(found["start"], found["end"])] == ["IS", "IS"]


def test_capital_is_in_an_all_capitals_headline_is_not_the_name():
    found = find_labels("ISIS JIHADISTS DECLARE WAR: THE CALIPHATE IS HERE", groups=["group_name"])
    assert found["label"].tolist() == ["ISIS"]


def test_longest_label_wins_within_a_group_and_groups_overlap():
    text = "The so-called Islamic State of Iraq and the Levant, or Islamic State, or Daesh."
    table = label_choices(text).set_index("label")["count"]
    assert table["ISIL"] == 1 and table["Islamic State"] == 1 and table["Daesh"] == 1 and table["so-called"] == 1


def test_label_choices_zeros_order_and_custom_groups():
    table = label_choices({"b": "Militants attacked.", "a": "Terrorists attacked."})
    assert table["text"].unique().tolist() == ["b", "a"]
    counts = table.set_index(["text", "label"])["count"]
    assert counts[("b", "militants")] == 1 and counts[("b", "terrorists")] == 0 and counts[("a", "terrorists")] == 1
    custom = label_choices("The bandits and the BANDITS.", groups={"russian_official": ["bandits"]})
    assert custom["count"].tolist() == [2]
    with pytest.raises(ValueError, match="Unknown label group"):
        label_choices("x y", groups=["nope"])


def test_constructed_texts_differ_in_label_choices():
    texts = {name: load_article(name).text for name in CONSTRUCTED}
    wide = label_choices(texts).pivot(index="text", columns="label", values="count")
    assert wide.loc["constructed-sensational", "ISIS"] > wide.loc["constructed-wire", "ISIS"] == 0
    assert wide.loc["constructed-security", "terrorists"] >= 3 and wide.loc["constructed-security", "ISIL"] >= 2
    assert wide.loc["constructed-human-interest", "so-called"] == 1
    assert wide.loc["constructed-wire", "Islamic State"] >= 2


# ------------------------------------------------------------------ Frermann

def test_load_frermann_is_tidy():
    answers = load_frermann()
    assert list(answers.columns) == ["article_id", "outlet", "mbfc_bias", "year", "question", "frame", "annotator", "answer"]
    assert answers["article_id"].nunique() == 428
    per_article = answers[answers["question"] == "co1"].groupby("article_id")["annotator"].nunique()
    assert per_article.between(2, 4).all()
    assert set(answers.dropna(subset=["frame"])["frame"]) == set(FRAMES)
    assert set(answers["mbfc_bias"]) == {"left_bias", "left_center_bias", "right_bias", "questionable_source"}


def test_load_frermann_refuses_an_altered_file(data_copy):
    path = data_copy / "frermann2023" / "full_annotations.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"yes"', '"no"', 1), encoding="utf-8")
    with pytest.raises(ChecksumError, match="altered"):
        load_frermann()


def test_no_tracked_file_contains_frermann_article_text():
    if not ARTICLES.is_file():
        pytest.skip(f"{ARTICLES} is absent, so the check that no article text was copied cannot run")
    table = pd.read_csv(ARTICLES, sep="\t")
    from medialit.text import sentences

    candidates = sorted({s for text in table["text"].dropna() for s in sentences(text) if len(s) > 60})
    sample = random.Random(2023).sample(candidates, min(200, len(candidates)))
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    leaks = []
    for name in files:
        path = ROOT / name.decode()
        if not name or not path.is_file() or path.stat().st_size > 5_000_000:
            continue
        content = path.read_bytes().decode("utf-8", errors="ignore")
        leaks += [(name.decode(), s[:50]) for s in sample if s in content]
    assert not leaks, f"article text from articles_metadata.tsv found in tracked files: {leaks[:5]}"


def test_evaluation_results_are_numbers_only():
    import json

    results = json.loads(data_path("results", "frame-cue-evaluation.json").read_text(encoding="utf-8"))
    assert set(results["halves"]) == {"development", "test"}
    for half in results["halves"].values():
        assert set(half["per_frame"]) == set(FRAMES)
        for scores in half["per_frame"].values():
            assert 0 <= scores["detector"]["macro_f1"] <= 1 and -1 <= scores["detector"]["cohen_kappa"] <= 1


def test_module_exports():
    for name in framing.__all__:
        assert hasattr(framing, name)
