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
    MILESTONES,
    SYLLABI,
    TeachingDataError,
    assignment_index,
    assignment_minutes,
    capstone_steps,
    load_syllabus,
    milestones_table,
    pages_left_out,
    passage_numbers,
    passage_sentences,
    plan_problems,
    quotes_the_group,
    reference_text,
    sessions_table,
    student_edition_path,
    week_of_day,
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
        assignment = session["assignment"]
        if "capstone" in assignment:          # the one assignment is a capstone milestone
            assert "name" not in assignment
            assert assignment["capstone"] in [m["id"] for m in syllabus.capstone["milestones"]]
            continue
        name = assignment["name"]
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


def test_no_week_asks_more_than_its_budget(syllabus):
    table = workload_table(syllabus)
    assert list(table.index) == list(range(1, len(table) + 1)) and len(table) >= syllabus.weeks
    over = table[table["total"] > table["budget"]]
    assert over.empty, f"{syllabus.name}: weeks over budget:\n{over}"
    assert (table["total"] == table[["reading minutes", "assignment minutes", "capstone minutes"]].sum(axis=1)).all()
    assert (table.loc[1:syllabus.weeks, "assignment minutes"] > 0).all()


def _independent_workload(syllabus):
    """The outside-class minutes per week recomputed from the files themselves, without medialit.teaching:
    chapters' front matter, the notebooks' metadata.medialit.minutes, the plan's activities and milestones."""
    import json
    import re

    from bookutils import ROOT

    minutes = {}
    for path in ROOT.joinpath("book").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        label = re.search(r"^\(([\w-]+)\)=\s*$", text, re.MULTILINE)
        front = yaml.safe_load(text.split("---")[1]) if text.startswith("---") else {}
        if label and isinstance(front, dict):
            minutes[label.group(1)] = int(front.get("minutes") or 0)
    notebooks = {}
    for path in ROOT.joinpath("exercises").glob("*/*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        config = "".join(nb["cells"][0]["source"])
        name = re.search(r"^name:\s*(\S+)", config, re.MULTILINE).group(1)
        notebooks[name] = nb["metadata"]["medialit"]["minutes"]
    weeks = {}
    for s in syllabus.sessions:
        week = weeks.setdefault(s["week"], 0)
        week += sum(minutes[label] for label in s["read_before"])
        if "name" in s["assignment"]:
            week += notebooks[s["assignment"]["name"]] - sum(a["minutes"] for a in s["activities"]
                                                            if a.get("kind") == "assignment")
        weeks[s["week"]] = week
    for m in (syllabus.capstone or {}).get("milestones", []):
        week = (m["due_day"] - 1) // 7 + 1
        weeks[week] = weeks.get(week, 0) + m["minutes"]
    return weeks


def test_workload_agrees_with_a_recount_from_the_files(syllabus):
    table = workload_table(syllabus)
    assert {week: int(total) for week, total in table["total"].items() if total} == _independent_workload(syllabus)


def test_the_workload_test_fails_on_a_week_over_budget():
    """Proof the budget test can fail: the one-week plan with its notebooks done wholly outside class."""
    plan = load_syllabus("one-week")
    no_lab = tuple(dict(s, activities=[{k: v for k, v in a.items() if k != "kind"} for a in s["activities"]])
                   for s in plan.sessions)
    table = workload_table(dataclasses.replace(plan, sessions=no_lab))
    assert int(table.loc[1, "total"]) > plan.budget, "without the in-class starts the week is over budget"
    assert int(table.loc[1, "total"]) - int(workload_table(plan).loc[1, "total"]) == sum(
        a["minutes"] for s in plan.sessions for a in s["activities"] if a.get("kind") == "assignment")


def test_assignment_minutes_read_only_the_notebook_metadata(monkeypatch, tmp_path):
    import json

    from medialit import teaching as module

    source = assignment_index()["counting-frequencies"]
    notebook = json.loads(source.read_text(encoding="utf-8"))
    assert assignment_minutes("counting-frequencies") == notebook["metadata"]["medialit"]["minutes"]
    copy = tmp_path / "frequencies.ipynb"
    notebook["metadata"]["medialit"]["minutes"] = 7           # a different figure: the table follows it
    copy.write_text(json.dumps(notebook), encoding="utf-8")
    monkeypatch.setattr(module, "assignment_index", lambda root=None: {"counting-frequencies": copy})
    assert assignment_minutes("counting-frequencies") == 7
    del notebook["metadata"]["medialit"]                    # the introduction still says "About N minutes"
    copy.write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(TeachingDataError, match="metadata.medialit.minutes"):
        assignment_minutes("counting-frequencies")


def test_in_class_starts_and_class_time_for_chapters_are_checked():
    base = load_syllabus("single-session")
    session = _one_session(activities=[dict(a) for a in base.sessions[0]["activities"]])
    for a in session["activities"]:
        a.pop("chapters", None)                               # no class time named for the in-class chapters
    session["activities"][-1]["kind"] = "assignment"
    session["activities"][-1]["minutes"] += 500               # more minutes started in class than the notebook takes
    session["minutes"] = sum(a["minutes"] for a in session["activities"])
    problems = "\n".join(plan_problems(dataclasses.replace(base, sessions=(session,)), pages=PAGES))
    assert "'close-reading' is worked through in class, but its activities give it 0 minutes" in problems
    assert "minutes of the notebook are started in class; it takes" in problems


def test_four_week_capstone_has_every_milestone_within_the_capstone_page_times():
    plan = load_syllabus("four-weeks")
    table = milestones_table(plan)
    assert tuple(table["milestone"]) == MILESTONES
    assert list(table["due day"]) == sorted(table["due day"])
    assert table["due day"].iloc[0] > plan.sessions[0]["day"] and table["week"].max() <= plan.weeks + 1
    steps = capstone_steps()
    assert sorted(steps) == [1, 2, 3, 4, 5]
    work = int(table.loc[table["steps"] != "-", "minutes"].sum())
    assert sum(lo for lo, _ in steps.values()) <= work <= sum(hi for _, hi in steps.values())
    assert milestones_table(load_syllabus("one-week")).empty


def test_capstone_checks_catch_missing_steps_and_times():
    plan = load_syllabus("four-weeks")
    capstone = {"brief": "x", "milestones": [dict(m, minutes=1, steps=[1]) for m in plan.capstone["milestones"]]}
    problems = "\n".join(plan_problems(dataclasses.replace(plan, capstone=capstone), pages=PAGES))
    assert "no milestone covers steps [2, 3, 4, 5]" in problems
    assert "the capstone page says those steps take" in problems


def test_capstone_milestones_must_all_be_there_in_order(data_copy):
    _write(data_copy, "four-weeks", lambda d: d["capstone"]["milestones"].reverse())
    with pytest.raises(TeachingDataError, match="proposal, corpus-check, draft, peer-review, final"):
        load_syllabus("four-weeks")


def test_sessions_days_follow_the_weeks():
    plan = load_syllabus("four-weeks")
    assert all(week_of_day(s["day"]) == s["week"] for s in plan.sessions)
    swapped = list(plan.sessions)
    swapped[0], swapped[1] = dict(swapped[0], day=swapped[1]["day"]), dict(swapped[1], day=swapped[0]["day"])
    problems = plan_problems(dataclasses.replace(plan, sessions=tuple(swapped)), pages=PAGES)
    assert any("does not come after the previous session's day" in p for p in problems)


def test_pages_left_out_are_listed_and_include_no_session_page():
    plan = load_syllabus("four-weeks")
    left = [p.label for p in pages_left_out(plan)]
    used = {label for s in plan.sessions for label in [*s["read_before"], *s["in_class"]]}
    assert left and not set(left) & used
    assert {"background", "words-travel"} <= used, "the four-week unit includes the two new pages"
    assigned = {s["assignment"].get("name") for s in plan.sessions} | {
        o for s in plan.sessions for o in s["assignment"].get("optional", [])}
    assert {"reading-close_reading", "sources-words_travel"} <= assigned


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


def test_assignment_minutes_of_an_unknown_assignment():
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
