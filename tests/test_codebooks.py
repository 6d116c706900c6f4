"""The codebooks in data/codebooks/ follow their schema, and every example points at real words."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from medialit.corpus import load_article, verify_file
from medialit.framing import FRAMES

ROOT = Path(__file__).resolve().parents[1]
BOOKS = ROOT / "data" / "codebooks"


def _load(name: str) -> dict:
    path = BOOKS / name
    verify_file(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{name} should be a YAML mapping"
    return data


def _bib_keys() -> set[str]:
    keys = set()
    for bib in (ROOT / "book" / "reference").rglob("*.bib"):
        keys |= set(re.findall(r"^@\w+\{([^,\s]+),", bib.read_text(encoding="utf-8"), flags=re.M))
    return keys


def _nonempty_str(value) -> bool:
    return isinstance(value, str) and len(value.strip()) >= 3


# ---------------------------------------------------------------- frames.yml

def test_frames_codebook_schema():
    book = _load("frames.yml")
    for key in ("codebook", "citations", "instructions", "scoring", "frames"):
        assert key in book, f"frames.yml lacks {key!r}"
    ids = [frame["id"] for frame in book["frames"]]
    assert ids == list(FRAMES), f"frames.yml frames {ids} should be {list(FRAMES)} in that order"
    question_ids = []
    for frame in book["frames"]:
        for key in ("name", "definition", "questions", "not_to_be_confused_with"):
            assert key in frame, f"frame {frame['id']} lacks {key!r}"
        assert _nonempty_str(frame["definition"]) and _nonempty_str(frame["not_to_be_confused_with"])
        assert len(frame["questions"]) >= 3, f"frame {frame['id']} needs at least three questions"
        for question in frame["questions"]:
            assert re.fullmatch(r"[A-Z]{3}\d", question["id"]), question["id"]
            assert question["text"].rstrip().endswith("?"), f"{question['id']} should be a yes/no question"
            question_ids.append(question["id"])
    assert len(question_ids) == len(set(question_ids)), "question ids must be unique"


# ---------------------------------------------------------------- entman.yml

def test_entman_worksheet_schema():
    book = _load("entman.yml")
    ids = [function["id"] for function in book["functions"]]
    assert ids == ["problem_definition", "causal_interpretation", "moral_evaluation", "treatment_recommendation"]
    for function in book["functions"]:
        assert _nonempty_str(function["definition"])
        assert function["prompts"] and all(_nonempty_str(p) for p in function["prompts"])
    assert "entman1993framing" in book["citations"]


# ---------------------------------------------------------------- techniques.yml

TECHNIQUES = _load("techniques.yml")["techniques"]

ISSUE_SEMEVAL = {
    "loaded_language", "name_calling_labeling", "repetition", "exaggeration_minimisation", "doubt",
    "appeal_to_fear_prejudice", "flag_waving", "causal_oversimplification", "slogans", "appeal_to_authority",
    "black_and_white_fallacy", "thought_terminating_cliche", "whataboutism_strawman_red_herring",
    "bandwagon_reductio_ad_hitlerum",
}
IPA_DEVICES = {"name_calling", "glittering_generalities", "transfer", "testimonial", "plain_folks",
               "card_stacking", "band_wagon"}


def test_techniques_cover_both_schemes():
    by_family = {}
    for item in TECHNIQUES:
        by_family.setdefault(item["family"], set()).add(item["id"])
    assert by_family == {"ipa1937": IPA_DEVICES, "semeval2020": ISSUE_SEMEVAL}
    ids = [item["id"] for item in TECHNIQUES]
    assert len(ids) == len(set(ids)), "technique ids must be unique"


@pytest.mark.parametrize("item", TECHNIQUES, ids=lambda item: item["id"])
def test_technique_entry_schema(item):
    assert _nonempty_str(item["name"]) and _nonempty_str(item["definition"])
    has_cues = bool(item.get("cues") or item.get("patterns"))
    no_cues = item.get("no_reliable_cues")
    assert has_cues != bool(no_cues), (
        f"{item['id']}: give cue words/patterns, or an explicit no_reliable_cues reason (not both, not neither)"
    )
    if no_cues:
        assert _nonempty_str(no_cues)
    for pattern in item.get("patterns", []) or []:
        re.compile(pattern)
    confused = item["not_to_be_confused_with"]
    assert isinstance(confused, list) and confused and all(_nonempty_str(c) for c in confused)
    missing = set(item["cite"]) - _bib_keys()
    assert not missing, f"{item['id']} cites keys missing from the bibliography: {missing}"


def _examples():
    items = [(item["id"], item["example"]) for item in TECHNIQUES]
    items += [(choice["id"], choice["example"]) for choice in _load("techniques.yml")["coverage_choices"]]
    return items


@pytest.mark.parametrize("ident, example", _examples(), ids=lambda v: v if isinstance(v, str) else "")
def test_example_offsets_point_at_the_quoted_words(ident, example):
    text = load_article(example["text"]).text
    start, end = example["start"], example["end"]
    assert isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
    assert text[start:end] == example["quote"], (
        f"{ident}: {example['text']}[{start}:{end}] is {text[start:end]!r}, not {example['quote']!r}"
    )
    assert example["voice"] in {"attributed", "reporter"}
    assert _nonempty_str(example["note"])


def test_coverage_choices_and_distinction():
    book = _load("techniques.yml")
    assert {c["id"] for c in book["coverage_choices"]} == {"headline", "labels", "amplification", "verification"}
    assert "propagandist" in book["distinction"] and "coverage" in book["distinction"]
    assert set(book["voices"]) == {"attributed", "reporter"}


def test_codebook_citations_exist():
    keys = _bib_keys()
    for name in ("frames.yml", "entman.yml", "techniques.yml"):
        missing = set(_load(name)["citations"]) - keys
        assert not missing, f"{name} cites keys missing from the bibliography: {missing}"
