"""The attribution extractor's full output on every text the kit ships, frozen.

``tests/fixtures/attribution_snapshot.json`` holds the output of ``extract_attributions``,
``scare_quotes``, ``hedges``, ``voice_map`` and the sentence spans on each text of
``medialit.corpus.list_articles()``, and the gold scores. Any change of behaviour fails here;
a deliberate change is reviewed with ``tools/attribution_snapshot.py`` and written with
``--write`` (see that script).
"""
from __future__ import annotations

import importlib.util
import json

import pytest

from bookutils import ROOT

_spec = importlib.util.spec_from_file_location("attribution_snapshot", ROOT / "tools" / "attribution_snapshot.py")
snapshot_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(snapshot_tool)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def stored():
    return json.loads(snapshot_tool.SNAPSHOT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def current():
    return snapshot_tool.compute()


def test_snapshot_covers_every_shipped_text(stored):
    from medialit.corpus import list_articles

    assert sorted(stored["texts"]) == sorted(list_articles())


def test_snapshot_was_taken_on_these_texts(stored):
    import hashlib

    from medialit.corpus import load_article

    for name, entry in stored["texts"].items():
        digest = hashlib.sha256(load_article(name).text.encode("utf-8")).hexdigest()
        assert entry["text_sha256"] == digest, f"{name} changed since the snapshot was taken"


def test_output_is_unchanged(stored, current):
    diff = snapshot_tool.differences(stored, current)
    assert not diff, ("The attribution output differs from tests/fixtures/attribution_snapshot.json. "
                      "If the change is meant, review it with tools/attribution_snapshot.py and write it with --write:\n"
                      + "\n".join(diff[:60]))


def test_differences_notice_a_changed_row(stored):
    changed = json.loads(json.dumps(stored))
    name = next(iter(changed["texts"]))
    rows = changed["texts"][name]["extract_attributions"]
    assert rows, f"the snapshot of {name} has no attributions"
    rows[0]["speaker"] = rows[0]["speaker"] + " (altered)"
    diff = snapshot_tool.differences(stored, changed)
    assert any("altered" in line for line in diff)


def test_snapshot_offsets_point_into_the_texts(stored):
    from medialit.corpus import load_article

    for name, entry in stored["texts"].items():
        text = load_article(name).text
        for row in entry["extract_attributions"]:
            assert text[row["content_start"]:row["content_end"]] == row["content"]
        for row in entry["voice_map"]:
            assert text[row["start"]:row["end"]] == row["sentence"]
