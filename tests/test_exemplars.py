"""medialit.exemplars: a strong and a weak sample answer, scored, for every hand-graded question."""
from __future__ import annotations

import pytest
import yaml

from medialit import exemplars
from medialit.curriculum import needs_content_note
from medialit.exemplars import (
    ExemplarDataError,
    exemplar_problems,
    exemplars_markdown,
    load_exemplars,
    looks_like_code,
    manual_questions,
)
from medialit.teaching import quotes_the_group


def test_every_hand_graded_question_has_scored_samples():
    assert exemplar_problems() == []
    questions = manual_questions()
    assert len(questions) >= 30 and questions["rubric"].str.startswith("**Rubric").all()
    assert {e["item"] for e in load_exemplars()} == set(questions["item"])


def test_samples_describe_and_never_quote_the_group():
    for entry in load_exemplars():
        text = " ".join([entry["worksheet"], entry["strong"]["answer"], entry["strong"]["why"],
                         entry["weak"]["answer"], entry["weak"]["why"]])
        assert quotes_the_group(text) == [], entry["item"]
        assert needs_content_note(text) == [], entry["item"]


def test_markdown_prints_prompt_and_rubric_from_the_notebook():
    md = exemplars_markdown("framing-labels")
    questions = manual_questions()
    for row in questions[questions["assignment"] == "framing-labels"].itertuples():
        assert row.rubric in md
    assert md.count("A strong answer") == md.count("A weak answer") == 2


def test_code_is_recognised():
    assert looks_like_code("Use `concordance` on the seed")
    assert looks_like_code("Set n_quoted to the count")
    assert looks_like_code("call find_labels(seed.text)")
    assert not looks_like_code("Whose words end S17 (the sentence that ends with he states)? Explain.")


def test_problems_are_found(monkeypatch):
    entries = [dict(e) for e in load_exemplars()]
    entries[0] = dict(entries[0], worksheet="Set `answer` to a list.",
                      strong=dict(entries[0]["strong"], score=99))
    entries.pop()
    entries.append(dict(entries[1], item="counting-tokens:q1"))
    monkeypatch.setattr(exemplars, "load_exemplars", lambda: tuple(entries))
    problems = "\n".join(exemplar_problems())
    assert "the worksheet wording holds code" in problems
    assert "scores must satisfy 0 <= weak < strong" in problems
    assert "is graded by hand but has no sample answers" in problems
    assert "counting-tokens:q1 is not a hand-graded notebook question" in problems


def test_a_malformed_file_is_refused(data_copy):
    from medialit.corpus import sha256_of

    path = data_copy / "teaching" / "exemplars.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["exemplars"][0]["weak"]["score"]
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    manifest = path.with_name("exemplars.yml.yml")
    meta = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    meta["sha256"] = sha256_of(path)
    manifest.write_text(yaml.safe_dump(meta), encoding="utf-8")
    load_exemplars.cache_clear()
    try:
        with pytest.raises(ExemplarDataError, match="'weak' needs 'answer', 'score'"):
            load_exemplars()
    finally:
        load_exemplars.cache_clear()
