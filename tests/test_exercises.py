"""The assignments under exercises/: every source builds, grades right, and gives nothing away.

Parametrised over the source notebooks found at collection time (exercises/<part>/<chapter>.ipynb),
so a new assignment is tested as soon as it exists. All editions are built once per session into a
temporary folder (never into exercises/dist/), then every instructor and blank student notebook is
graded in one pool of workers.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bookutils import ROOT
from medialit.assign import build_all, discover_sources, find_leaks, public_test_leaks, scoring_problems
from medialit.grading import Grade, grade_many

SOURCES = discover_sources(ROOT / "exercises")
IDS = [p.relative_to(ROOT / "exercises").as_posix() for p in SOURCES]


@pytest.fixture(scope="session")
def editions(tmp_path_factory):
    """Build every assignment; grade its solved and blank editions; score wrong answers.

    The solved (instructor) and blank (student) editions are graded as a class's submissions are,
    each run in a fresh kernel. The wrong answers are made from the answers the grader took from
    the solved run (:func:`fixtures.grading.submissions.wrong_answers`: each a wrong value of the
    same type and shape) and scored by the same clean-process judge that scores every submission;
    running them in a kernel again would only repeat the solved run's cells (the kernel path of
    a wrong submission is covered by tests/test_grading.py and by otter's own runner in
    tests/test_assign.py).
    """
    from fixtures.grading.submissions import wrong_answers
    from medialit.grading import read_autograder
    from medialit.grading.judge import Judge
    from medialit.grading.pool import summarise
    from medialit.grading.runner import RunResult

    dist = tmp_path_factory.mktemp("exercises-dist")
    # otter's own test run is skipped: the instructor editions are graded below, a stronger check.
    result = build_all(SOURCES, dist, jobs=2, clean=True, run_tests=False)
    built = {b.source: b for b in result.built}
    failed = dict(result.failed)
    tasks = []
    for b in result.built:
        tasks.append((b.instructor, b.autograder, Grade(submission=f"{b.source}:instructor")))
        tasks.append((b.student, b.autograder, Grade(submission=f"{b.source}:student")))
    grade_many(tasks, timeout=300, jobs=2, keep_answers=True)
    grades = {t[2].submission: t[2] for t in tasks}
    for b in result.built:
        solved = grades[f"{b.source}:instructor"]
        if solved.answers is None or solved.error:
            continue
        try:
            wrong = wrong_answers(solved.answers)
        except (RuntimeError, TypeError, ValueError) as exc:
            failed[b.source] = f"no wrong answers could be generated: {exc}"
            continue
        grader = read_autograder(b.autograder)
        reply = summarise(RunResult(), Judge(grader.tests, grader.key).score(wrong))
        grades[f"{b.source}:wrong"] = Grade(submission=f"{b.source}:wrong", scores=reply["scores"],
                                            total=reply["total"], possible=reply["possible"],
                                            error="; ".join(reply["problems"]))
    _write_grade_table(built, grades)
    return built, failed, grades


def _write_grade_table(built, grades) -> None:
    """Each assignment's solved, blank and wrong-but-typed scores, for a person to read
    (_build/test-reports/assignment-grades.csv; the tests below assert them)."""
    import csv

    out = ROOT / "_build" / "test-reports"
    out.mkdir(parents=True, exist_ok=True)
    with (out / "assignment-grades.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["assignment", "possible", "solved", "blank", "wrong_but_typed"])
        for source in sorted(built):
            rows = [grades.get(f"{source}:{kind}") for kind in ("instructor", "student", "wrong")]
            writer.writerow([source.relative_to(ROOT / "exercises").as_posix(), rows[0].possible if rows[0] else "",
                             *[row.total if row else "" for row in rows]])


def _built(editions, source):
    built, failed, _grades = editions
    if source in failed:
        pytest.fail(f"medialit assign failed: {failed[source]}")
    return built[source]


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_source_builds(editions, source):
    built = _built(editions, source)
    for path in (built.student, built.instructor, built.rubrics, built.autograder):
        assert path.is_file(), path
    assert built.autograder.name == f"{source.stem}-autograder.zip"


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_instructor_edition_scores_full_marks(editions, source):
    _built(editions, source)
    row = editions[2][f"{source}:instructor"]
    assert row.error == "", row.error
    assert row.possible and row.possible > 0
    assert row.total == row.possible, row.scores


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_blank_student_edition_runs_to_the_end_and_scores_zero(editions, source):
    _built(editions, source)
    row = editions[2][f"{source}:student"]
    for trouble in ("raised an error", "grading failed", "timed out", "died"):
        assert trouble not in row.error, row.error
    assert row.possible and row.possible > 0
    assert row.total == 0, row.scores


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_wrong_but_typed_answers_score_zero(editions, source):
    """Every answer replaced by a wrong value of the right type and shape: no point at all, and
    every wrong answer judged (none taken for blank, missing or of a type the grader refuses)."""
    _built(editions, source)
    row = editions[2].get(f"{source}:wrong")
    assert row is not None, editions[1].get(source, "no wrong answers")
    assert row.error == "", row.error
    assert row.possible and row.possible > 0
    assert row.total == 0, row.scores


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_student_edition_gives_nothing_away(editions, source):
    built = _built(editions, source)
    notebook = json.loads(source.read_text(encoding="utf-8"))
    assert find_leaks(built.student.read_text(encoding="utf-8"), notebook) == []
    extra = [p for p in built.student.parent.iterdir() if p.suffix == ".zip" or p.name == "tests"]
    assert extra == [], "autograder files in the student folder"


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_points_come_from_hidden_tests_only(source):
    # A public test ("is it a dict?") passes for a wrong answer of the right type: it must carry no
    # points, and every auto-graded question needs a hidden test to carry them.
    notebook = json.loads(source.read_text(encoding="utf-8"))
    assert scoring_problems(notebook) == []


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_public_tests_do_not_contain_the_answer(source):
    notebook = json.loads(source.read_text(encoding="utf-8"))
    assert public_test_leaks(notebook) == []


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_manual_questions_have_a_model_answer_and_rubric(editions, source):
    built = _built(editions, source)
    text = built.rubrics.read_text(encoding="utf-8")
    assert "The source gives no model answer" not in text
    if "graded by hand" in text:
        assert "Rubric" in text, "a manual question without a rubric"


def test_exercise_sources_are_discovered_outside_dist():
    assert all("dist" not in p.relative_to(ROOT / "exercises").parts for p in SOURCES)


def _cells_text(notebook, kind):
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in notebook["cells"] if c["cell_type"] == kind]


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_minutes_are_stated_once_and_honestly(source):
    from medialit.assign import estimated_minutes

    notebook = json.loads(source.read_text(encoding="utf-8"))
    minutes = notebook["metadata"]["medialit"]["minutes"]
    assert minutes == estimated_minutes(notebook)
    intro = _cells_text(notebook, "markdown")[0]
    assert f"About {minutes} minutes" in intro


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_ends_with_check_and_hand_in(source):
    notebook = json.loads(source.read_text(encoding="utf-8"))
    last = _cells_text(notebook, "markdown")[-1]
    assert notebook["cells"][-1]["cell_type"] == "markdown"
    assert last.startswith("## Check and hand in")
    assert f"medialit check {source.name}" in last and f"`{source.name}`" in last
    assert "grader.check" in last and "hidden tests" in last


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_sentence_numbers_in_prose_are_s1_to_sn(source):
    """Prose numbers the case text's sentences S1, S2, ... as the book does; never 0-based.

    The case text is the seed, or in an alternative-case edition (``*_alt.ipynb``) the alternative
    case's main text (the first of ``data/teaching/alternative-case.yml``'s texts).
    """
    from medialit.alternative_case import load_alternative_case
    from medialit.corpus import load_article
    from medialit.text import sentences

    name = load_alternative_case()["texts"][0] if source.stem.endswith("_alt") else "seed-article"
    count = len(sentences(load_article(name).text))
    for text in _cells_text(json.loads(source.read_text(encoding="utf-8")), "markdown"):
        assert not re.search(r"\b[Ss]entences? \d", text), f"a sentence numbered in words, not S1-S{count}: {text[:200]}"
        for number in re.findall(r"\bS(\d+)\b", text):
            assert 1 <= int(number) <= count, f"S{number} in {source.name}: {name} has S1-S{count}"


def test_lateral_reading_shows_readers_no_curator_notes():
    """The rebuilt notebook shows manifest fields (the stored seed's, the embassy alert's source)
    and the search results: none may carry the curators' notes or the instructor's teaching notes
    (issue 11, issue 12)."""
    import yaml

    from medialit.corpus import load_article
    from medialit.resources import data_dir

    manifests = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in data_dir().rglob("*.yml")]
    notes = [str(m["curator_notes"]) for m in manifests if isinstance(m, dict) and m.get("curator_notes")]
    assert notes, "the manifests keep curator notes in their own field (issue 11)"
    notebook = json.loads((ROOT / "exercises" / "sources" / "lateral_reading.ipynb").read_text(encoding="utf-8"))
    code = "\n".join(_cells_text(notebook, "code"))
    assert "curator_notes" not in code
    assert 'load_search_results().drop(columns="teaching_note")' in code
    assert "load_search_results()" not in code.replace('load_search_results().drop(columns="teaching_note")', "")
    shown_fields = set(re.findall(r'\.meta\["(\w+)"\]', code)) | {"source"}
    for name in ("seed-article", "us-embassy-alert-2024", "voa-kremlin-media-2024", "conversation-isis-k",
                 "voa-crocus-fact-check"):
        meta = load_article(name).meta
        shown = " ".join(str(meta.get(field, "")) for field in shown_fields)
        for phrase in ("Verify.", "not captured", "confirm the byline", "To do"):
            assert phrase not in shown, (name, phrase)
        for note in notes:
            assert note[:40] not in shown, (name, note[:40])


def test_lateral_reading_alt_shows_readers_no_curator_notes():
    """The alternative edition prints a catalogue of its texts' manifest fields (a results page's
    stand-in) and its questions read more of them: none may carry the curators' notes."""
    import yaml

    from medialit.corpus import load_article
    from medialit.resources import data_dir

    manifests = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in data_dir().rglob("*.yml")]
    notes = [str(m["curator_notes"]) for m in manifests if isinstance(m, dict) and m.get("curator_notes")]
    assert notes, "the manifests keep curator notes in their own field (issue 11)"
    notebook = json.loads((ROOT / "exercises" / "sources" / "lateral_reading_alt.ipynb").read_text(encoding="utf-8"))
    code = "\n".join(_cells_text(notebook, "code"))
    assert "curator_notes" not in code
    fields = set(re.findall(r'\.meta\["(\w+)"\]', code))
    for group in re.findall(r"for key in \(([^)]*)\)", code):
        fields |= set(re.findall(r'"(\w+)"', group))
    assert {"title", "outlet", "date", "licence", "author"} <= fields, fields
    for name in ("us-embassy-alert-2024", "voa-kremlin-media-2024", "conversation-isis-k", "voa-crocus-fact-check",
                 "state-dept-crt-2016", "gec-pillars-2020"):
        meta = load_article(name).meta
        shown = " ".join(str(meta.get(field, "")) for field in sorted(fields))
        for phrase in ("Verify.", "not captured", "confirm the byline", "To do"):
            assert phrase not in shown, (name, phrase)
        for note in notes:
            assert note[:40] not in shown, (name, note[:40])


def test_every_source_states_its_derived_minutes_and_hand_in_section():
    """tools/exercise_housekeeping.py --check: each source's stated minutes and its "Check and hand
    in" section are the ones derived from its questions (run the tool without --check to update)."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(ROOT / "tools" / "exercise_housekeeping.py"), "--check"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
