"""Tests of medialit.grading: offline grading of a folder, hostile submissions, the self-check."""
from __future__ import annotations

import csv
import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from fixtures.grading.toykit import TOY_NAME, TOY_POINTS, build_toy, write_hostile
from medialit.grading import (
    Grade,
    GradingError,
    check_notebook,
    choose_autograder,
    expected_filename,
    grade_folder,
    natural_key,
    read_autograder,
    read_submission_name,
    write_gradebook,
)

HOSTILE_TIMEOUT = 40.0


@pytest.fixture(scope="session")
def toy(tmp_path_factory):
    return build_toy(tmp_path_factory.mktemp("toy"))


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def hostile_run(toy, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "submissions"
    expect = write_hostile(folder, toy)
    before = _hashes(folder)
    grader, grades = grade_folder(folder, autograder=toy.autograder, timeout=HOSTILE_TIMEOUT,
                                  jobs=2, progress=False)
    return folder, expect, before, grader, grades


@pytest.mark.slow
def test_hostile_folder_one_row_each(hostile_run):
    folder, expect, _before, _grader, grades = hostile_run
    assert [g.submission for g in grades] == sorted(expect, key=natural_key)
    assert "notes.txt" not in {g.submission for g in grades}


@pytest.mark.slow
@pytest.mark.parametrize("name", [
    "good.ipynb", "blank.ipynb", "invalid_json.ipynb", "empty.ipynb", "latin1.ipynb",
    "endless_loop.ipynb", "raises_everywhere.ipynb", "huge_output.ipynb", "deletes_files.ipynb",
    "missing_cells.ipynb", "other_assignment.ipynb", "no_metadata.ipynb",
])
def test_hostile_submission_row(hostile_run, name):
    _folder, expect, _before, _grader, grades = hostile_run
    row = {g.submission: g for g in grades}[name]
    wanted = expect[name]
    if wanted["error"]:
        assert wanted["error"] in row.error, row
    else:
        assert row.error == "", row
    assert row.total == wanted["total"], row
    if wanted["total"] is None:
        assert row.scores == {}
    else:
        assert set(row.scores) == {"q1", "q2"}
        assert row.possible == TOY_POINTS


@pytest.mark.slow
def test_originals_are_byte_identical_after_grading(hostile_run):
    folder, _expect, before, _grader, _grades = hostile_run
    assert _hashes(folder) == before


@pytest.mark.slow
def test_timeout_is_enforced(hostile_run):
    _folder, _expect, _before, _grader, grades = hostile_run
    row = {g.submission: g for g in grades}["endless_loop.ipynb"]
    assert HOSTILE_TIMEOUT <= row.seconds < HOSTILE_TIMEOUT + 30


@pytest.mark.slow
def test_gradebook_csv(hostile_run, tmp_path):
    _folder, expect, _before, grader, grades = hostile_run
    out = write_gradebook(grades, tmp_path / "book" / "gradebook.csv", questions=grader.questions)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["submission", "assignment", "q1", "q2", "total", "possible", "error"]
    assert len(rows) == len(expect)
    by_name = {r["submission"]: r for r in rows}
    assert by_name["good.ipynb"]["total"] == "3" and by_name["good.ipynb"]["q1"] == "2"
    assert by_name["good.ipynb"]["assignment"] == TOY_NAME
    assert by_name["invalid_json.ipynb"]["total"] == "" and "invalid JSON" in by_name["invalid_json.ipynb"]["error"]


def test_write_gradebook_keeps_unknown_questions(tmp_path):
    grades = [Grade("a.ipynb", "x", {"q1": 1.0, "q10": 2.0, "q2": 0.5}, 3.5, 4.0, "")]
    out = write_gradebook(grades, tmp_path / "g.csv", questions=("q1", "q2"))
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header == "submission,assignment,q1,q2,q10,total,possible,error"


def test_read_autograder(toy):
    grader = read_autograder(toy.autograder)
    assert grader.name == TOY_NAME
    assert grader.questions == ("q1", "q2")


def test_read_autograder_rejects_other_files(tmp_path):
    with pytest.raises(GradingError, match="does not exist"):
        read_autograder(tmp_path / "missing.zip")
    not_zip = tmp_path / "x.zip"
    not_zip.write_text("hello", encoding="utf-8")
    with pytest.raises(GradingError, match="not an otter autograder zip"):
        read_autograder(not_zip)
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("README", "nothing")
    with pytest.raises(GradingError, match="no tests"):
        read_autograder(empty)


def test_read_submission_name(tmp_path, toy):
    assert read_submission_name(toy.student) == TOY_NAME
    bad = tmp_path / "bad.ipynb"
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValueError, match="no list of cells"):
        read_submission_name(bad)
    old = tmp_path / "old.ipynb"
    old.write_text(json.dumps({"cells": [], "nbformat": 3}), encoding="utf-8")
    with pytest.raises(ValueError, match="nbformat 3"):
        read_submission_name(old)


def test_expected_filename(tmp_path, toy):
    renamed = tmp_path / "smith_jane_toy.ipynb"
    renamed.write_bytes(toy.student.read_bytes())
    assert expected_filename(renamed) == "toy.ipynb"
    plain = tmp_path / "plain.ipynb"
    plain.write_text(json.dumps({"cells": [], "nbformat": 4}), encoding="utf-8")
    assert expected_filename(plain) == "plain.ipynb"


def test_missing_folder_and_file_instead_of_folder(tmp_path, toy):
    with pytest.raises(GradingError, match="does not exist"):
        grade_folder(tmp_path / "nope", autograder=toy.autograder, progress=False)
    with pytest.raises(GradingError, match="is a file, not a folder"):
        grade_folder(toy.student, autograder=toy.autograder, progress=False)
    (tmp_path / "subs").mkdir()
    with pytest.raises(GradingError, match="timeout"):
        grade_folder(tmp_path / "subs", autograder=toy.autograder, timeout=0, progress=False)


def test_choose_autograder(tmp_path, toy):
    dist = toy.student.parents[2]
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "a.ipynb").write_bytes(toy.student.read_bytes())
    (subs / "junk.ipynb").write_text("{", encoding="utf-8")
    chosen = choose_autograder(sorted(subs.iterdir()), dist=dist)
    assert chosen.name == TOY_NAME
    assert choose_autograder([], assignment=TOY_NAME, dist=dist).name == TOY_NAME
    with pytest.raises(GradingError, match="No autograder for assignment 'nope'.*fixture-toy"):
        choose_autograder([], assignment="nope", dist=dist)
    with pytest.raises(GradingError, match="Cannot tell which assignment"):
        choose_autograder([subs / "junk.ipynb"], dist=dist)


def test_empty_folder_gives_no_rows(tmp_path, toy):
    (tmp_path / "subs").mkdir()
    grader, grades = grade_folder(tmp_path / "subs", autograder=toy.autograder, progress=False)
    assert grades == [] and grader.questions == ("q1", "q2")


@pytest.mark.slow
def test_check_notebook_blank_and_solved(toy, tmp_path):
    before = toy.student.read_bytes()
    report = check_notebook(toy.student)
    assert toy.student.read_bytes() == before
    assert not report.passed
    assert set(report.results) == {"q1", "q2"}
    assert "n_tokens should be an int" in report.results["q1"][1]
    assert "NOT YET" in report.text()
    solved = check_notebook(toy.instructor)
    assert solved.passed and solved.cell_errors == []
    assert "2 of 2" in solved.text()


def test_check_notebook_refuses_non_assignments(tmp_path):
    plain = tmp_path / "plain.ipynb"
    plain.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
                     encoding="utf-8")
    with pytest.raises(GradingError, match="no public tests"):
        check_notebook(plain)
    with pytest.raises(GradingError, match="is not a file"):
        check_notebook(tmp_path / "missing.ipynb")


@pytest.mark.slow
def test_no_orphans_when_the_run_is_killed(toy, tmp_path):
    """A grading run killed mid-way (kill -9) leaves no worker or kernel looping behind."""
    import os
    import signal
    import subprocess
    import sys
    import time

    import psutil

    from fixtures.grading.toykit import write_hostile

    folder = tmp_path / "subs"
    write_hostile(folder, toy)
    for path in folder.iterdir():
        if path.name != "endless_loop.ipynb":
            path.unlink()
    code = ("from medialit.grading import grade_folder; "
            f"grade_folder({str(folder)!r}, autograder={str(toy.autograder)!r}, timeout=900, jobs=1, progress=False)")
    run = subprocess.Popen([sys.executable, "-c", code])
    try:
        family: list[psutil.Process] = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # wait for the worker and its kernel to be running
            family = psutil.Process(run.pid).children(recursive=True)
            if any("ipykernel" in " ".join(p.cmdline()) for p in family if p.is_running()):
                break
            time.sleep(0.5)
        assert any("ipykernel" in " ".join(p.cmdline()) for p in family), "no kernel started"
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
        gone, alive = psutil.wait_procs(family, timeout=30)
        assert alive == [], f"left running: {[p.cmdline() for p in alive]}"
    finally:
        if run.poll() is None:
            run.kill()
