"""The Wikinews gold (attributions and sentence boundaries): offsets, the draw, the split, and that
the JSON files are exactly what tools/wikinews_gold.py builds from the hand-written sources."""
from __future__ import annotations

import importlib.util
import json

import pytest

from bookutils import ROOT
from medialit.attribution import STANCES, load_corpus_gold
from medialit.corpus import load_kit_corpus
from medialit.errors import DataFileError

_spec = importlib.util.spec_from_file_location("wikinews_gold", ROOT / "tools" / "wikinews_gold.py")
gold_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gold_tool)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def texts():
    table = load_kit_corpus("wikinews")
    return dict(zip(table["id"], table["text"]))


@pytest.fixture(scope="module")
def gold():
    return load_corpus_gold()


def test_every_content_offset_points_at_its_words(gold, texts):
    for r in gold.to_dict("records"):
        assert texts[r["id"]][r["content_start"]:r["content_end"]] == r["content"], r


def test_size_and_fields(gold):
    assert gold["id"].nunique() >= 25 and len(gold) >= 250
    assert set(gold["type"]) <= {"direct", "indirect", "mixed", "unmatched_quote"}
    assert set(gold["cue_class"]) <= set(gold_tool.CUE_CLASSES) | {""}
    assert set(gold["cue_stance"]) <= set(STANCES) | {""}
    # a row with no cue class is a continuation quotation, which repeats its speaker
    continued = gold[gold["cue_class"] == ""]
    assert (continued["type"] == "direct").all() and (continued["speaker"] != "").all()
    assert (continued["note"] == "continuation").all()


def test_split_is_by_article_and_both_halves_have_both_subsets(gold):
    halves = gold.groupby("id")["split"].nunique()
    assert (halves == 1).all()
    data = json.loads((ROOT / "data" / "annotations" / "wikinews-attributions.json").read_text(encoding="utf-8"))
    subsets = {a["id"]: a["subset"] for a in data["articles"]}
    for half in ("development", "test"):
        ids = set(gold.loc[gold["split"] == half, "id"])
        assert {subsets[i] for i in ids} == {"topic", "reference"}
    assert not set(data["split"]["development"]) & set(data["split"]["test"])


def test_sentences_tile_each_article(texts):
    sentences = load_corpus_gold(part="sentences")
    assert set(sentences["id"]) == set(load_corpus_gold()["id"])
    for article, rows in sentences.groupby("id"):
        text = texts[article]
        spans = list(zip(rows["start"], rows["end"]))
        assert spans == sorted(spans)
        for (s, e), (s2, _) in zip(spans, spans[1:]):
            assert e <= s2 and not text[e:s2].strip()  # only white space between sentences
        assert not text[:spans[0][0]].strip() and not text[spans[-1][1]:].strip()


def test_the_json_files_are_what_the_tool_builds_from_the_sources(texts):
    table = load_kit_corpus("wikinews")
    attributions, sentences = gold_tool.build(texts, dict(zip(table["id"], table["subset"])))
    assert gold_tool.ATTR_JSON.read_text(encoding="utf-8") == gold_tool._dump(attributions)
    assert gold_tool.SENT_JSON.read_text(encoding="utf-8") == gold_tool._dump(sentences)


def test_halves_and_bad_input():
    dev, test = load_corpus_gold(half="development"), load_corpus_gold(half="test")
    assert not set(dev["id"]) & set(test["id"]) and len(dev) + len(test) == len(load_corpus_gold())
    with pytest.raises(ValueError, match="half must be"):
        load_corpus_gold(half="train")
    with pytest.raises(ValueError, match="No 'speakers' gold"):
        load_corpus_gold(part="speakers")


def test_a_changed_article_is_refused(data_copy):
    folder = data_copy / "corpora" / "wikinews"
    name = json.loads((data_copy / "annotations" / "wikinews-attributions.json").read_text(encoding="utf-8"))["articles"][0]["id"]
    path = folder / f"{name}.txt"
    path.write_text(path.read_text(encoding="utf-8").replace(" the ", " a ", 1), encoding="utf-8")
    with pytest.raises((DataFileError, ValueError)):
        load_corpus_gold()
