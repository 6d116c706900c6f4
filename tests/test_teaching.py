"""medialit.teaching: the session plans under data/teaching/, checked against the book."""
from __future__ import annotations

import dataclasses
import shutil

import pytest
import yaml

from medialit import teaching
from medialit.curriculum import book_pages, needs_content_note
from medialit.errors import ChecksumError
from medialit.teaching import (
    SYLLABI,
    TeachingDataError,
    assignment_index,
    assignment_minutes,
    load_syllabus,
    passage_numbers,
    passage_sentences,
    plan_problems,
    quotes_the_group,
    reference_text,
    sessions_table,
    student_edition_path,
    workload_table,
)

PAGES = book_pages()


@pytest.fixture(scope="module", params=SYLLABI)
def syllabus(request):
    return load_syllabus(request.param)


def test_there_are_three_syllabi_with_the_expected_sessions():
    counts = {name: len(load_syllabus(name).sessions) for name in SYLLABI}
    assert counts == {"single-session": 1, "one-week": 3, "four-weeks": 12}
    four = load_syllabus("four-weeks")
    assert [s["week"] for s in four.sessions] == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]


def test_every_plan_is_sound_against_the_book(syllabus):
    assert plan_problems(syllabus, pages=PAGES) == []


def test_activities_add_up_to_the_session_length(syllabus):
    for session in syllabus.sessions:
        assert sum(a["minutes"] for a in session["activities"]) == session["minutes"], session["title"]


def test_each_session_sets_one_assignment_by_its_name_never_a_path(syllabus):
    for session in syllabus.sessions:
        name = session["assignment"]["name"]
        assert "/" not in name and not name.endswith(".ipynb"), f"{name}: give the assignment name, not a path"
        assert name in assignment_index()
        assert student_edition_path(name).startswith("exercises/dist/student/")


def test_each_session_has_a_reading_in_the_bibliography_and_prompts_with_answers(syllabus):
    for session in syllabus.sessions:
        assert reference_text(session["reading"]["key"])
        assert session["prompts"] and all(p["model_answer"].strip() for p in session["prompts"])
        assert session["misconceptions"] and session["talking_points"]


def test_handout_passages_are_sentences_of_the_texts(syllabus):
    for session in syllabus.sessions:
        passage = passage_sentences(session["handout"]["passage"])
        assert all(1 <= n <= 19 for n, _ in passage)
        alternative = session["handout"]["alternative"]
        assert passage_sentences(alternative["passage"], article=alternative["article"])


def test_no_week_asks_more_than_its_budget_where_the_minutes_are_known(syllabus):
    table = workload_table(syllabus)
    assert list(table.index) == list(range(1, syllabus.weeks + 1))
    over = table[table["total"] > table["budget"]]
    assert over.empty, f"{syllabus.name}: weeks over budget:\n{over}"
    assert (table["reading minutes"] > 0).all()


def test_the_plans_describe_the_group_and_never_quote_it(syllabus):
    raw = syllabus.path.read_text(encoding="utf-8")
    assert quotes_the_group(raw) == []
    assert needs_content_note(raw) == []


def test_quotation_check_can_fail():
    assert quotes_the_group("Slide: Today we do not have a place") != []
    assert quotes_the_group("The deputy emir complains that the group has no territory.") == []


def test_sessions_table_lists_every_session(syllabus):
    table = sessions_table(syllabus)
    assert len(table) == len(syllabus.sessions)
    assert table["handout"].str.startswith("S").all()


def test_passage_numbers_expand_ranges():
    assert passage_numbers([[1, 3], [18, 19]]) == [1, 2, 3, 18, 19]
    with pytest.raises(ValueError, match="19 sentences"):
        passage_sentences([[18, 21]])


def test_assignment_minutes_says_where_the_figure_comes_from():
    minutes, source = assignment_minutes("counting-frequencies")
    assert minutes and minutes > 0 and source in ("notebook metadata", "stated in the notebook's introduction")
    with pytest.raises(ValueError, match="assignment name"):
        assignment_minutes("no-such-assignment")


# --- the checks find what they should --------------------------------------------------------

def _one_session(**changes):
    session = dict(load_syllabus("single-session").sessions[0])
    session.update(changes)
    return session


def test_plan_problems_catch_minutes_labels_assignments_and_readings():
    base = load_syllabus("single-session")
    broken = dataclasses.replace(base, sessions=(_one_session(
        minutes=80, read_before=["no-such-page"], assignment={"name": "exercises/x.ipynb", "due": "x"},
        reading={"key": "nobody2099", "excerpt": "x", "why": "x"}),))
    problems = "\n".join(plan_problems(broken, pages=PAGES))
    assert "add up to 90 minutes, the session lasts 80" in problems
    assert "'no-such-page' is no page label" in problems
    assert "'exercises/x.ipynb' is no notebook" in problems
    assert "'nobody2099' is in no .bib file" in problems


def test_prerequisites_must_come_first():
    base = load_syllabus("single-session")
    early = dataclasses.replace(base, sessions=(_one_session(read_before=[], in_class=["attribution-audit"]),))
    assert any("needs 'who-says-so'" in p for p in plan_problems(early, pages=PAGES))


def test_the_old_four_week_order_is_caught():
    """syllabi.md before this check: techniques in week 3, the attribution extractor in week 4."""
    base = load_syllabus("four-weeks")
    first = _one_session(number=1, week=1, read_before=["close-reading", "frames", "labels", "techniques"],
                         in_class=[], assignment={"name": "framing-techniques", "due": "x"})
    second = _one_session(number=2, week=1, read_before=["who-says-so"], in_class=[],
                          assignment={"name": "sources-who_says_so", "due": "x"})
    old = dataclasses.replace(base, sessions=(first, second))
    problems = plan_problems(old, pages=PAGES)
    assert any("session 1" in p and "attribution.extract_attributions" in p and "session 2 teaches" in p
               for p in problems), problems


# --- bad files get clear errors -----------------------------------------------------------

def test_unknown_syllabus_is_refused():
    with pytest.raises(ValueError, match="four-weeks"):
        load_syllabus("two-weeks")


def _write(data_copy, name, mutate):
    from medialit.corpus import sha256_of

    path = data_copy / "teaching" / f"{name}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutate(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    manifest = path.with_name(path.name + ".yml")
    meta = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    meta["sha256"] = sha256_of(path)
    manifest.write_text(yaml.safe_dump(meta), encoding="utf-8")


def test_missing_key_is_named(data_copy):
    _write(data_copy, "one-week", lambda d: d["sessions"][1].pop("prompts"))
    with pytest.raises(TeachingDataError, match=r"session 2 lacks 'prompts'"):
        load_syllabus("one-week")


def test_bad_passage_is_explained(data_copy):
    _write(data_copy, "one-week", lambda d: d["sessions"][0]["handout"].update(passage=[[7, 3]]))
    with pytest.raises(TeachingDataError, match=r"\[first, last\] sentence numbers"):
        load_syllabus("one-week")


def test_sessions_must_be_numbered_in_order(data_copy):
    _write(data_copy, "one-week", lambda d: d["sessions"][2].update(number=4))
    with pytest.raises(TeachingDataError, match="numbered 4"):
        load_syllabus("one-week")


def test_an_edited_file_without_its_manifest_is_caught(data_copy):
    path = data_copy / "teaching" / "single-session.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Who says so?", "Who says?"), encoding="utf-8")
    with pytest.raises(ChecksumError):
        load_syllabus("single-session")


def test_refresh_tool_updates_only_the_checksum(data_copy, tmp_path):
    import subprocess
    import sys

    from bookutils import ROOT

    target = tmp_path / "plan.yml"
    shutil.copy(data_copy / "teaching" / "one-week.yml", target)
    shutil.copy(data_copy / "teaching" / "one-week.yml.yml", tmp_path / "plan.yml.yml")
    target.write_text(target.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "refresh_sha256.py"), str(target)],
                            capture_output=True, text=True, check=True)
    assert "sha256" in result.stdout
    from medialit.corpus import sha256_of

    meta = yaml.safe_load((tmp_path / "plan.yml.yml").read_text(encoding="utf-8"))
    assert meta["sha256"] == sha256_of(target) and meta["licence"] == "CC BY 4.0 (kit)"
    assert teaching.SYLLABI  # the module is importable on its own
