"""The alternative case: every assignment has an alternative-case edition, checked against
data/teaching/alternative-case.yml, and nothing in it comes from the central case or quotes the group.

The editions are graded like every other assignment by tests/test_exercises.py (solved = full marks,
blank = 0, wrong-but-typed = 0, nothing leaked), which discovers them as sources; here we check what is
particular to them.
"""
from __future__ import annotations

import copy
import json

import pytest

from bookutils import ROOT
from medialit.alternative_case import (
    AlternativeCaseError,
    alternative_markdown,
    alternative_problems,
    alternative_table,
    load_alternative_case,
    notebook_materials,
)
from medialit.assign import discover_sources
from medialit.teaching import assignment_index

CASE = load_alternative_case()
ALTERNATIVES = CASE["assignments"]


def test_every_assignment_has_its_alternative_and_every_rule_holds():
    assert alternative_problems() == []


def test_the_alternatives_are_sources_that_test_exercises_grades():
    sources = {p.relative_to(ROOT).as_posix() for p in discover_sources(ROOT / "exercises")}
    index = assignment_index()
    for alt in ALTERNATIVES:
        path = index[alt.alternative].relative_to(ROOT).as_posix()
        assert path in sources, f"{path} is not discovered, so it would not be built and graded"
        original = index[alt.assignment]
        assert path == original.with_name(original.stem + "_alt.ipynb").relative_to(ROOT).as_posix()
        assert alt.alternative == alt.assignment + "-alt"


@pytest.mark.parametrize("alt", ALTERNATIVES, ids=lambda a: a.alternative)
def test_each_alternative_says_it_is_one_and_keeps_the_original_s_questions(alt):
    index = assignment_index()
    edition = json.loads(index[alt.alternative].read_text(encoding="utf-8"))

    # the same questions in the same order: names, points, and graded by hand or by tests alike
    assert _question_configs(index[alt.alternative]) == _question_configs(index[alt.assignment])
    assert _question_configs(index[alt.assignment]), f"{alt.assignment} has no question"
    intro = "".join(next(c for c in edition["cells"] if c["cell_type"] == "markdown")["source"])
    assert "alternative case" in intro.lower() and "content note" in intro.lower()
    if alt.counterpart == "closest":
        assert "counterpart" in intro, "a question without a direct counterpart must say so in the notebook"


def _question_configs(path):
    """(name, points, manual) of each question of a source notebook, in order."""
    import yaml

    notebook = json.loads(path.read_text(encoding="utf-8"))
    configs = []
    for cell in notebook["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] == "raw" and text.startswith("# BEGIN QUESTION"):
            config = yaml.safe_load(text.removeprefix("# BEGIN QUESTION")) or {}
            configs.append((config.get("name"), config.get("points"), bool(config.get("manual", False))))
    return configs


def test_the_case_texts_are_open_and_unaltered():
    from medialit.corpus import load_article

    for name in CASE["texts"] + CASE["supporting"]["texts"]:
        licence = load_article(name).meta["licence"].lower()
        assert licence.startswith(("public domain", "cc by")), (name, licence)
    # CC BY-ND: shipped unmodified, so the kit's checksum (checked by load_article) is the original's
    assert "unmodified" in load_article("conversation-isis-k").meta["terms"].lower()


def test_the_table_names_every_alternative_and_only_student_editions():
    table = alternative_table()
    assert list(table["alternative"]) == [a.alternative for a in ALTERNATIVES]
    assert table["hand out"].str.startswith("exercises/dist/student/").all()
    assert table["hand out"].str.endswith("_alt.ipynb").all()
    text = alternative_markdown()
    assert text.count("\n") == len(table) + 2
    for alt in ALTERNATIVES:
        assert f"`{alt.alternative}`" in text
    assert "exercises/reading/" not in text and "exercises/counting/" not in text  # never a source notebook


def test_the_checks_can_fail(tmp_path, monkeypatch):
    """A notebook that loads the seed, a topic report or an unlisted text is caught."""
    nb = {"cells": [{"cell_type": "code", "source": 'seed = load_article("seed-article")\n'
                     'w = load_kit_corpus("wikinews")\npath = data_path("cases", "phrase-travel.csv")\n'
                     'travel = load_phrase_travel()'}]}
    used = notebook_materials(nb)
    assert used["texts"] == {"seed-article"} and used["corpora"] == {"wikinews"}
    assert used["data"] == {"cases/phrase-travel.csv"} and "load_phrase_travel" in used["calls"]

    import medialit.alternative_case as module

    index = dict(assignment_index())
    victim = ALTERNATIVES[0]
    bad = copy.deepcopy(json.loads(index[victim.alternative].read_text(encoding="utf-8")))
    bad["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                         "source": nb["cells"][0]["source"]})
    path = tmp_path / "bad_alt.ipynb"
    path.write_text(json.dumps(bad), encoding="utf-8")
    index[victim.alternative] = path
    del index[ALTERNATIVES[1].alternative]
    monkeypatch.setattr(module, "_index", lambda root=None: index)
    problems = alternative_problems()
    text = "\n".join(problems)
    assert "seed-article" in text and "loads the seed article" in text
    assert "phrase-travel.csv" in text and "load_phrase_travel" in text
    assert "loads the corpus 'wikinews' without keeping only its 'reference' part" in text
    assert f"{ALTERNATIVES[1].alternative}: listed, but no notebook" in text


def test_a_malformed_file_is_refused_with_a_clear_message(monkeypatch, tmp_path):
    import medialit.alternative_case as module

    bad = tmp_path / "alternative-case.yml"
    bad.write_text("texts: [voa-crocus-fact-check]\nassignments:\n  - assignment: x\n", encoding="utf-8")
    monkeypatch.setattr(module, "data_path", lambda *parts: bad)
    monkeypatch.setattr(module, "verify_file", lambda path: None)
    module.load_alternative_case.cache_clear()
    try:
        with pytest.raises(AlternativeCaseError, match=r"entry 1 \(x\) lacks alternative, chapter, texts"):
            module.load_alternative_case()
        bad.write_text("texts: [no-such-text]\nassignments: []\n", encoding="utf-8")
        module.load_alternative_case.cache_clear()
        with pytest.raises(AlternativeCaseError, match="'no-such-text' is not a text of the kit"):
            module.load_alternative_case()
    finally:
        module.load_alternative_case.cache_clear()
