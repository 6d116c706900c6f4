"""medialit.alignment: every learning objective of Parts I-V is assessed by a question that says so."""
from __future__ import annotations

import dataclasses
import json

import pytest
import yaml

from medialit import alignment
from medialit.alignment import (
    AlignmentDataError,
    alignment_matrix,
    alignment_problems,
    chapter_item_labels,
    load_alignment,
    notebook_items,
    objectives_frame,
    parse_objective_id,
)
from medialit.curriculum import book_pages

PAGES = book_pages()

# Objectives no item assesses yet, on pages another engineer owns (Parts I-III: the issue 15 brief
# gives their formative checks to another engineer). Listed, not hidden: the test below fails if
# one of them becomes assessed (take it off the list) or if any other objective is unassessed.
KNOWN_UNASSESSED = {
    "background:3": "book/reading/background",
    "background:4": "book/reading/background",
    "source-chain:4": "book/sources/source_chain",
}
OWNED_ELSEWHERE = ("book/reading/", "book/framing/", "book/sources/")


def _unassessed(problems):
    return {p.split("'")[1] for p in problems if p.startswith("objective ") and "is assessed by no" in p}


def test_every_objective_is_assessed_but_the_listed_gaps():
    problems = alignment_problems(PAGES)
    assert _unassessed(problems) == set(KNOWN_UNASSESSED), "\n".join(problems)
    assert all(entry.startswith(OWNED_ELSEWHERE) for entry in KNOWN_UNASSESSED.values())
    by_label = {p.label: p.entry for p in PAGES}
    assert all(by_label[parse_objective_id(o)[0]] == entry for o, entry in KNOWN_UNASSESSED.items())


def test_the_alignment_is_otherwise_complete_and_true():
    problems = [p for p in alignment_problems(PAGES) if p.split("'")[1:2] not in ([o] for o in KNOWN_UNASSESSED)]
    assert problems == []


def test_every_notebook_question_names_its_objectives():
    items = notebook_items()
    assert len(items) > 100 and items["objectives"].map(len).min() >= 1
    known = set(objectives_frame(PAGES)["objective"])
    assert {o for objectives in items["objectives"] for o in objectives} <= known


def test_every_in_chapter_exercise_is_mapped():
    mapped = set(load_alignment()["items"])
    on_pages = {label for page in PAGES if page.part.startswith("Part") for label, _ in chapter_item_labels(page)}
    assert on_pages == mapped
    assert sum(1 for label in on_pages if "-ex-" in label) >= 70


def test_matrix_has_every_objective_and_item_kinds():
    matrix = alignment_matrix(PAGES)
    assert set(matrix["objective"]) == set(objectives_frame(PAGES)["objective"])
    kinds = set(matrix["kind"]) - {""}
    assert {"notebook question (auto-graded)", "notebook question (written)", "in-chapter exercise",
            "capstone milestone"} <= kinds
    keyness = matrix[matrix["objective"] == "keyness:3"]
    assert "counting-keyness:q8" in set(keyness["item"]) and "keyness-ex-3" in set(keyness["item"])


# --- the checks can fail ---------------------------------------------------------------------

def test_an_unknown_objective_in_a_notebook_is_caught(monkeypatch):
    items = notebook_items()
    items.loc[0, "objectives"] = ["keyness:99"]
    monkeypatch.setattr(alignment, "notebook_items", lambda root=None: items)
    problems = "\n".join(alignment_problems(PAGES))
    assert "names objective 'keyness:99', which no page of Parts I-V states" in problems


def test_a_question_without_objectives_is_caught(monkeypatch):
    items = notebook_items()
    items.loc[0, "objectives"] = []
    monkeypatch.setattr(alignment, "notebook_items", lambda root=None: items)
    assert any("names no objectives" in p for p in alignment_problems(PAGES))


def test_an_objective_left_unassessed_is_caught(monkeypatch):
    """Drop every item that assesses keyness:1 and the check names it."""
    items = notebook_items()
    items["objectives"] = items["objectives"].map(lambda objs: [o for o in objs if o != "keyness:1"])
    monkeypatch.setattr(alignment, "notebook_items", lambda root=None: items)
    data = dict(load_alignment())
    data["items"] = {k: [o for o in v if o != "keyness:1"] or ["keyness:2"] for k, v in data["items"].items()}
    monkeypatch.setattr(alignment, "load_alignment", lambda: data)
    assert "keyness:1" in _unassessed(alignment_problems(PAGES))


def test_mapping_file_errors_are_caught(monkeypatch):
    data = dict(load_alignment())
    items = dict(data["items"])
    items.pop("tokens-ex-1")
    items["no-such-ex-1"] = ["tokens:1"]
    data["items"] = items
    data["orientation"] = {**data["orientation"], "keyness:1": "not an opening page"}
    monkeypatch.setattr(alignment, "load_alignment", lambda: data)
    problems = "\n".join(alignment_problems(PAGES))
    assert "'tokens-ex-1' is not in alignment.yml" in problems
    assert "'no-such-ex-1' is no exercise or check on any page" in problems
    assert "'keyness:1' is listed as orientation, but only the first objective of a Part's opening page" in problems


def test_bad_ids_get_a_clear_error(data_copy):
    path = data_copy / "teaching" / "alignment.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["items"]["tokens-ex-1"] = ["tokens-1"]
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    from medialit.corpus import sha256_of

    manifest = path.with_name("alignment.yml.yml")
    meta = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    meta["sha256"] = sha256_of(path)
    manifest.write_text(yaml.safe_dump(meta), encoding="utf-8")
    load_alignment.cache_clear()
    try:
        with pytest.raises(AlignmentDataError, match="'tokens-1' is not an objective id"):
            load_alignment()
    finally:
        load_alignment.cache_clear()


def test_the_student_edition_carries_no_objectives(tmp_path):
    """The objectives live in the question config, which otter drops from the student edition."""
    from medialit.assign import build_one
    from medialit.teaching import assignment_index

    built = build_one(assignment_index()["framing-labels"], tmp_path / "dist", requirements=[])
    student = built.student.read_text(encoding="utf-8")
    assert "objectives:" not in student and "labels:1" not in student
    source = json.loads(assignment_index()["framing-labels"].read_text(encoding="utf-8"))
    assert any("objectives: [labels:1]" in "".join(c["source"]) for c in source["cells"])


def test_a_formative_check_is_found_by_its_class_and_name(tmp_path):
    page_file = tmp_path / "page.md"
    page_file.write_text("# T\n\n```{admonition} Which reading is right?\n:class: dropdown check\n:name: t-check-1\n"
                         "Answer.\n```\n\n```{admonition} A note\n:class: note\n:name: t-note\nText.\n```\n",
                         encoding="utf-8")
    page = dataclasses.replace(PAGES[0], path=page_file)
    assert chapter_item_labels(page) == [("t-check-1", "check")]
