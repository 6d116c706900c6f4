"""The assignments under exercises/: every source builds, grades right, and gives nothing away.

Parametrised over the source notebooks found at collection time (exercises/<part>/<chapter>.ipynb),
so a new assignment is tested as soon as it exists. All editions are built once per session into a
temporary folder (never into exercises/dist/), then every instructor and blank student notebook is
graded in one pool of workers.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bookutils import ROOT
from medialit.assign import build_all, discover_sources, find_leaks, public_test_leaks, scoring_problems
from medialit.grading import Grade, grade_many

SOURCES = discover_sources(ROOT / "exercises")
IDS = [p.relative_to(ROOT / "exercises").as_posix() for p in SOURCES]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def editions(tmp_path_factory):
    dist = tmp_path_factory.mktemp("exercises-dist")
    # otter's own test run is skipped: the instructor editions are graded below, a stronger check.
    result = build_all(SOURCES, dist, jobs=2, clean=True, run_tests=False)
    built = {b.source: b for b in result.built}
    failed = dict(result.failed)
    tasks = []
    for b in result.built:
        tasks.append((b.instructor, b.autograder, Grade(submission=f"{b.source}:instructor")))
        tasks.append((b.student, b.autograder, Grade(submission=f"{b.source}:student")))
    grade_many(tasks, timeout=300, jobs=2)
    grades = {t[2].submission: t[2] for t in tasks}
    return built, failed, grades


def _built(editions, source):
    built, failed, _grades = editions
    if source in failed:
        pytest.fail(f"medialit assign failed: {failed[source]}")
    return built[source]


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_source_builds(editions, source):
    built = _built(editions, source)
    for path in (built.student, built.instructor, built.rubrics, built.autograder):
        assert path.is_file(), path
    assert built.autograder.name == f"{source.stem}-autograder.zip"


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_instructor_edition_scores_full_marks(editions, source):
    _built(editions, source)
    row = editions[2][f"{source}:instructor"]
    assert row.error == "", row.error
    assert row.possible and row.possible > 0
    assert row.total == row.possible, row.scores


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_blank_student_edition_runs_to_the_end_and_scores_zero(editions, source):
    _built(editions, source)
    row = editions[2][f"{source}:student"]
    for trouble in ("raised an error", "grading failed", "timed out", "died"):
        assert trouble not in row.error, row.error
    assert row.possible and row.possible > 0
    assert row.total == 0, row.scores


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


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_manual_questions_have_a_model_answer_and_rubric(editions, source):
    built = _built(editions, source)
    text = built.rubrics.read_text(encoding="utf-8")
    assert "The source gives no model answer" not in text
    if "graded by hand" in text:
        assert "Rubric" in text, "a manual question without a rubric"


def test_exercise_sources_are_discovered_outside_dist():
    assert all("dist" not in p.relative_to(ROOT / "exercises").parts for p in SOURCES)
