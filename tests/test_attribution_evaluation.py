"""data/results/attribution-evaluation.json: recomputed from the gold and the extractor, it must be
what the file says (tools/evaluate_attribution.py --write writes it)."""
from __future__ import annotations

import importlib.util
import json

import pytest

from bookutils import ROOT

_spec = importlib.util.spec_from_file_location("evaluate_attribution", ROOT / "tools" / "evaluate_attribution.py")
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def stored():
    return json.loads(tool.RESULTS.read_text(encoding="utf-8"))


def test_results_are_what_the_gold_and_the_extractor_give(stored):
    current = tool.compute()
    assert current["halves"] == stored["halves"], (
        "data/results/attribution-evaluation.json is stale: run tools/evaluate_attribution.py --write")


def test_results_hold_both_halves_and_the_scores_before(stored):
    assert set(stored["halves"]) == {"development", "test"}
    assert set(stored["before"]["halves"]) == {"development", "test"}
    for half in stored["halves"].values():
        assert set(half["attributions"]) == {"0.3", "0.8"}
        for rows in half["attributions"].values():
            for row in rows.values():
                for key in ("precision", "recall", "f1", "speaker_accuracy"):
                    assert row[key] is None or 0 <= row[key] <= 1
        assert "medialit.text.sentence_spans" in half["sentences"]


def test_the_halves_are_the_gold_split(stored):
    gold = json.loads((ROOT / "data" / "annotations" / "wikinews-attributions.json").read_text(encoding="utf-8"))
    for half in ("development", "test"):
        assert stored["halves"][half]["articles"] == len(gold["split"][half])


def test_regex_baseline_splits_at_capitals_only():
    text = "He left at 5 p.m. on Monday. Police said so.\nA headline"
    assert [text[s:e] for s, e in tool.regex_spans(text)] == ["He left at 5 p.m. on Monday.", "Police said so.", "A headline"]
