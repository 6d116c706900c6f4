"""Tests of medialit.grading: offline grading of a folder, hostile submissions, the self-check."""
from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from fixtures.grading.toykit import TOY_NAME, TOY_POINTS, build_toy, write_hostile
from medialit.grading import (
    ManualError,
    Grade,
    GradingError,
    check_notebook,
    choose_autograder,
    expected_filename,
    grade_folder,
    natural_key,
    read_autograder,
    read_manual,
    read_submission_name,
    write_gradebook,
)

HOSTILE_TIMEOUT = 40.0


@pytest.fixture(scope="session")
def toy(tmp_path_factory):
    return build_toy(tmp_path_factory.mktemp("toy"))


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


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
    # every entry of the folder has a row: no file vanishes without a mention
    assert {g.submission for g in grades} == {p.name for p in folder.iterdir()}
    assert {g.submission for g in grades if not g.notebook} == {"x.ipynb.txt", "notes.txt", "unzipped"}


@pytest.mark.slow
@pytest.mark.parametrize("name", [
    "good.ipynb", "blank.ipynb", "invalid_json.ipynb", "empty.ipynb", "latin1.ipynb",
    "endless_loop.ipynb", "raises_everywhere.ipynb", "huge_output.ipynb", "deletes_files.ipynb",
    "missing_cells.ipynb", "other_assignment.ipynb", "no_metadata.ipynb", "no_outputs.ipynb",
    "no_top_metadata.ipynb", "bad_otter_metadata.ipynb", "bad_cell_type.ipynb", "UPPER.IPYNB", "x.ipynb.txt",
    "notes.txt", "unzipped", "=HYPERLINK(1).ipynb",
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
    # a name a spreadsheet would run as a formula is written as text (OWASP: a leading quote)
    assert by_name["'=HYPERLINK(1).ipynb"]["total"] == "3"
    assert "=HYPERLINK(1).ipynb" not in by_name
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row.values())


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
def test_check_notebook_blank_and_solved(toy, tmp_path, monkeypatch):
    before = toy.student.read_bytes()
    monkeypatch.delenv("MPLBACKEND", raising=False)
    report = check_notebook(toy.student)
    # the grader's matplotlib backend stays in the grader: kernels started later by the same
    # process (reader notebooks, say) would otherwise lose their figures' images
    assert "MPLBACKEND" not in os.environ
    assert toy.student.read_bytes() == before
    assert not report.passed
    assert set(report.results) == {"q1", "q2"}
    assert report.results["q1"] == (False, "`n_tokens` is still `...`: replace the `...` with your answer, "
                                           "then run the cell.")
    text = report.text()
    assert "q1: NOT YET: `n_tokens` is still `...`" in text
    assert "Traceback" not in text and "ellipsis" not in text
    assert "graded by hand (q3)" in text and "upload this one file, toy.ipynb" in text
    solved = check_notebook(toy.instructor)
    assert solved.passed and solved.cell_errors == []
    assert "2 of 2" in solved.text()


@pytest.mark.slow
def test_check_notebook_gives_the_public_tests_message(toy, tmp_path):
    notebook = json.loads(toy.student.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        cell["source"] = "".join(cell["source"]).replace("n_tokens = ...", 'n_tokens = "nine"')
    path = tmp_path / "toy.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    report = check_notebook(path)
    assert report.results["q1"] == (False, "n_tokens should be an int, not str")


def _executed_check_outputs(notebook_path: Path, workdir: Path) -> dict[str, str]:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(notebook_path, as_version=4)
    NotebookClient(notebook, kernel_name="python3", allow_errors=True, timeout=120,
                   resources={"metadata": {"path": str(workdir)}}).execute()
    out = {}
    for cell in notebook.cells:
        if cell.cell_type == "code" and "grader.check(" in cell.source:
            question = cell.source.split('"')[1]
            out[question] = "".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") + o.get("evalue", "")
                                    for o in cell.outputs)
    return out


@pytest.mark.slow
def test_grader_check_in_the_notebook_speaks_plainly(toy, tmp_path):
    """A blank answer's grader.check output is a sentence, not a doctest traceback."""
    notebook = json.loads(toy.student.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        cell["source"] = "".join(cell["source"]).replace("first_word = ...", "first_word = 3")
    path = tmp_path / "toy.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    outputs = _executed_check_outputs(path, tmp_path)
    assert outputs["q1"].strip() == ("q1: not answered yet. `n_tokens` is still `...`: replace the `...` with your "
                                     "answer, then run the cell.")
    assert outputs["q2"].strip() == "q2: not yet: first_word should be a str."
    for text in outputs.values():
        assert "Traceback" not in text and "ellipsis" not in text and "Failed example" not in text
    solved = _executed_check_outputs(toy.instructor, toy.instructor.parent)
    assert solved["q1"].startswith("q1: the answer has the expected form.")


@pytest.mark.slow
def test_grade_and_check_name_the_same_cell_as_jupyterlab(toy, tmp_path):
    """An error is reported as cell [n], the prompt JupyterLab shows after Restart Kernel and Run All."""
    import nbformat
    from nbclient import NotebookClient

    notebook = json.loads(toy.instructor.read_text(encoding="utf-8"))
    cells = notebook["cells"]
    cells.insert(3, {"cell_type": "markdown", "id": "note", "metadata": {}, "source": "A note between cells."})
    cells.insert(4, {"cell_type": "code", "id": "empty", "execution_count": None, "metadata": {}, "outputs": [],
                     "source": ""})
    cells.insert(6, {"cell_type": "code", "id": "mine", "execution_count": None, "metadata": {}, "outputs": [],
                     "source": "# my own check\ncounts = {}\ncounts['missing']"})
    subs = tmp_path / "subs"
    subs.mkdir()
    path = subs / "toy.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    # What JupyterLab shows: run the notebook as Run All does and read the failing cell's prompt.
    ran = nbformat.read(path, as_version=4)
    NotebookClient(ran, kernel_name="python3", allow_errors=True, timeout=120,
                   resources={"metadata": {"path": str(toy.instructor.parent)}}).execute()
    failing = next(c for c in ran.cells if c.cell_type == "code" and any(o.get("output_type") == "error" for o in c.outputs))
    shown = f"cell [{failing.execution_count}] (`counts = {{}}`): KeyError: 'missing'"
    _grader, grades = grade_folder(subs, autograder=toy.autograder, jobs=1, progress=False)
    assert f"the first, {shown}" in grades[0].error
    report = check_notebook(path)
    assert report.cell_errors == [shown]
    assert shown in report.text()


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
        if path.is_dir():
            shutil.rmtree(path)
        elif path.name != "endless_loop.ipynb":
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


# --------------------------------------------------------------------------------------------
# The red team: no notebook can raise its score above what its answers deserve.
# --------------------------------------------------------------------------------------------

REDTEAM_ATTACKS = ["eq_always_true", "subclass_eq", "patch_pandas_testing", "patch_medialit", "patch_numpy",
                   "patch_builtins", "overwrite_otter", "overwrite_test_files", "fake_output",
                   "exit_before_grading", "sys_exit", "read_hidden_tests"]


@pytest.fixture(scope="module")
def redteam_run(tmp_path_factory):
    from fixtures.grading.redteam import attacks
    from fixtures.grading.submissions import load, save, standard_set
    from medialit.assign import build_one

    base = tmp_path_factory.mktemp("redteam")
    built = build_one(Path(__file__).parent / "fixtures" / "grading" / "redteam.ipynb", base / "dist",
                      requirements=[])
    subs = base / "submissions"
    paths = standard_set(built, subs)
    made = attacks(load(paths["wrong"]), load(paths["solved"]))
    assert sorted(made) == sorted(REDTEAM_ATTACKS)
    for name, notebook in made.items():
        save(notebook, subs / f"attack_{name}.ipynb")
    _grader, grades = grade_folder(subs, autograder=built.autograder, jobs=2, timeout=120, progress=False)
    return {g.submission.removesuffix(".ipynb"): g for g in grades}


@pytest.mark.slow
def test_redteam_controls(redteam_run):
    assert redteam_run["solved"].total == 9 and redteam_run["solved"].error == ""
    assert redteam_run["blank"].total == 0
    wrong = redteam_run["wrong"]
    assert wrong.total == 0 and set(wrong.scores) == {"q1", "q2", "q3", "q4", "q5"}, wrong


@pytest.mark.slow
@pytest.mark.parametrize("attack", REDTEAM_ATTACKS)
def test_redteam_attack_earns_nothing(redteam_run, attack):
    """Each attack scores no more than the wrong answers it carries: zero on every question.

    Against the grading before this design (otter's tests run inside the student's kernel) ten of
    these twelve attacks scored between 1 and 9 of 9 points; exit_before_grading and sys_exit
    already scored 0 there.
    """
    row = redteam_run[f"attack_{attack}"]
    assert row.total in (0, None), row
    assert all(score == 0 for score in row.scores.values()), row


# --------------------------------------------------------------------------------------------
# Hand-graded points.
# --------------------------------------------------------------------------------------------

MAXIMA = {"q5": 3.0, "q6": 2.0}
SUBS = ["alice.ipynb", "bob.ipynb", "carol.ipynb"]


def _manual(tmp_path, text, name="manual.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_read_manual_accepts_points_blanks_and_a_bom(tmp_path):
    path = tmp_path / "manual.csv"
    path.write_bytes("\ufeffsubmission,q5,q6\nalice.ipynb,3,1.5\nbob.ipynb,0,\n\n".encode("utf-8"))
    assert read_manual(path, maxima=MAXIMA, submissions=SUBS) == {"alice.ipynb": {"q5": 3.0, "q6": 1.5},
                                                                    "bob.ipynb": {"q5": 0.0}}


@pytest.mark.parametrize("text, messages", [
    ("submission,q5\nalice.ipynb,three\n", ["manual.csv, line 2, q5: 'three' is not a number"]),
    ("submission,q5\nalice.ipynb,\"2,5\"\n", ["line 2, q5: '2,5' is not a number (use a point for decimals: 2.5)"]),
    ("submission,q5\nalice.ipynb,4\n", ["line 2, q5: 4 is more than the question's 3 points"]),
    ("submission,q5\nalice.ipynb,-1\n", ["line 2, q5: -1 is below zero"]),
    ("submission,q5\nalice.ipynb,nan\n", ["line 2, q5: 'nan' is not a number"]),
    ("submission,q5\ndave.ipynb,1\n", ["line 2: submission 'dave.ipynb' is not among the graded notebooks"]),
    ("submission,q5\nalice.ipynb,1\nbob.ipynb,1\nalice.ipynb,2\n",
     ["line 4: submission 'alice.ipynb' again (first on line 2)"]),
    ("submission,q9,q1\nalice.ipynb,1,1\n",
     ["line 1: column 'q9' is not a question graded by hand in this assignment (those are: q5, q6)",
      "line 1: column 'q1' is not a question graded by hand"]),
    ("submission,q5,q5\nalice.ipynb,1,1\n", ["line 1: column 'q5' appears twice"]),
    ("student,q5\nalice.ipynb,1\n", ["line 1: no 'submission' column"]),
    ("", ["the file is empty"]),
])
def test_read_manual_names_file_line_and_value(tmp_path, text, messages):
    path = _manual(tmp_path, text)
    with pytest.raises(ManualError) as info:
        read_manual(path, maxima=MAXIMA, submissions=SUBS)
    for message in messages:
        assert message in str(info.value)
    assert str(path) in str(info.value)


def test_read_manual_missing_file_and_not_utf8(tmp_path):
    with pytest.raises(ManualError, match="does not exist.*q5, q6"):
        read_manual(tmp_path / "nope.csv", maxima=MAXIMA, submissions=SUBS)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("submission,q5\nzo\xeb.ipynb,1\n".encode("latin-1"))
    with pytest.raises(ManualError, match="not UTF-8"):
        read_manual(latin, maxima=MAXIMA, submissions=SUBS)


def test_gradebook_with_manual_points(tmp_path):
    grades = [Grade("alice.ipynb", "x", {"q1": 2.0}, 2.0, 4.0, ""),
              Grade("bob.ipynb", "x", {"q1": 0.0}, 0.0, 4.0, ""),
              Grade("carol.ipynb", "x", {}, None, None, "not a notebook: invalid JSON")]
    manual = {"alice.ipynb": {"q5": 3.0, "q6": 1.5}, "bob.ipynb": {"q5": 1.0}}
    out = write_gradebook(grades, tmp_path / "g.csv", questions=("q1",), manual=manual, manual_maxima=MAXIMA)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["submission", "assignment", "q1", "q5", "q6", "total", "possible", "error"]
    assert rows[0] | {} == {"submission": "alice.ipynb", "assignment": "x", "q1": "2", "q5": "3", "q6": "1.5",
                            "total": "6.5", "possible": "9", "error": ""}
    assert rows[1]["total"] == "1" and rows[1]["q6"] == "" and rows[1]["error"] == "not yet graded by hand: q6"
    assert rows[2]["total"] == "" and rows[2]["error"] == "not a notebook: invalid JSON"


_FLAKY_LAUNCHER = '''\
"""Stands in for ipykernel_launcher: the first kernels die before they answer, later ones start."""
import os
import sys
from pathlib import Path

left = Path(os.environ["MEDIALIT_TEST_KERNEL_DEATHS"])
if int(left.read_text()) > 0:
    left.write_text(str(int(left.read_text()) - 1))
    sys.exit(3)
from ipykernel import kernelapp

kernelapp.launch_new_instance()
'''


@pytest.mark.slow
@pytest.mark.parametrize("deaths, graded", [(2, True), (3, False)])
def test_a_kernel_that_never_starts_is_started_again(toy, tmp_path, monkeypatch, deaths, graded):
    """Kernels that die before their first reply (a busy machine) ran no cell: the grader starts
    another, three times at most; after that the row says the notebook was not run."""
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "ipykernel_launcher.py").write_text(_FLAKY_LAUNCHER, encoding="utf-8")
    counter = tmp_path / "deaths"
    counter.write_text(str(deaths), encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(shim))
    monkeypatch.setenv("MEDIALIT_TEST_KERNEL_DEATHS", str(counter))
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / toy.instructor.name).write_bytes(toy.instructor.read_bytes())
    _grader, grades = grade_folder(folder, autograder=toy.autograder, timeout=HOSTILE_TIMEOUT,
                                   jobs=1, progress=False)
    (row,) = grades
    assert counter.read_text() == "0"
    if graded:
        assert row.error == "" and row.total == row.possible == TOY_POINTS, (row.error, row.scores)
    else:
        assert "no kernel started in 3 attempts" in row.error and "grade it again" in row.error
        assert not row.total


# --------------------------------------------------------------------------------------------
# Inputs that used to vanish or break the run (issue 17).
# --------------------------------------------------------------------------------------------

def test_every_entry_of_the_folder_gets_a_row_with_its_reason(tmp_path, toy):
    """Nothing in the submissions folder goes unmentioned; nothing that is not a notebook is opened."""
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "x.ipynb.txt").write_bytes(toy.instructor.read_bytes())
    (subs / "README").write_text("hello", encoding="utf-8")
    (subs / "unzipped").mkdir()
    (subs / "gone.ipynb").symlink_to(tmp_path / "nowhere.ipynb")
    os.mkfifo(subs / "pipe.ipynb")  # opening it would block the run forever
    _grader, grades = grade_folder(subs, autograder=toy.autograder, progress=False)
    rows = {g.submission: g.error for g in grades}
    assert rows == {
        "gone.ipynb": "not graded: a broken symbolic link (the file it points to does not exist)",
        "pipe.ipynb": "not graded: not a regular file (a pipe, socket or device); it was not opened",
        "README": "not graded: not a .ipynb file; rename it to 'README.ipynb' if it is a notebook, and grade again",
        "unzipped": "not graded: a folder (subfolders are not searched); move the notebooks in it into the "
                    "submissions folder itself to grade them",
        "x.ipynb.txt": "not graded: not a .ipynb file; rename it to 'x.ipynb' if it is a notebook, and grade again",
    }
    assert all(g.total is None and not g.notebook for g in grades)


@pytest.mark.parametrize("name, graded", [("a.ipynb", True), ("UPPER.IPYNB", True), ("Mixed.IpYnB", True),
                                          ("x.ipynb.txt", False), ("ipynb", False), ("a.json", False)])
def test_which_names_are_notebooks(name, graded):
    from medialit.grading.pool import is_notebook_name

    assert is_notebook_name(name) is graded


def _solved_dict(toy) -> dict:
    return json.loads(toy.instructor.read_text(encoding="utf-8"))


def test_repair_adds_what_nbformat_requires_and_says_so(toy):
    import nbformat

    from medialit.grading.repair import repair_notebook

    notebook = _solved_dict(toy)
    del notebook["metadata"]
    for cell in notebook["cells"]:
        for name in ("outputs", "metadata", "execution_count"):
            cell.pop(name, None)
    notebook["cells"][1]["id"] = notebook["cells"][0]["id"]  # a repeated id
    notebook["cells"][1]["outputs"] = []                     # a markdown cell cannot have outputs
    with pytest.raises(nbformat.ValidationError, match="missing an expected key"):  # as nbformat reads it
        nbformat.reads(json.dumps(notebook), as_version=4)
    repaired, repairs = repair_notebook(notebook)
    nbformat.validate(nbformat.from_dict(repaired))
    n_code = sum(c["cell_type"] == "code" for c in notebook["cells"])
    assert repairs == ["the notebook had no 'metadata'", f"{len(notebook['cells'])} cell(s) had no 'metadata'",
                       f"{n_code} code cell(s) had no 'outputs'", f"{n_code} code cell(s) had no 'execution_count'",
                       "1 markdown cell(s) had a field 'outputs' such a cell cannot have (removed)",
                       "1 cell(s) had an 'id' used before"]
    assert [c["source"] for c in repaired["cells"]] == [c["source"] for c in notebook["cells"]]
    assert "metadata" not in notebook  # the input is not changed


def test_repair_strips_malformed_metadata_fields(toy):
    from medialit.grading.repair import repair_notebook

    notebook = _solved_dict(toy)
    notebook["metadata"]["kernelspec"] = {"display_name": 3}
    notebook["cells"][0]["metadata"]["tags"] = "not-a-list"
    repaired, repairs = repair_notebook(notebook)
    assert "kernelspec" not in repaired["metadata"] and "tags" not in repaired["cells"][0]["metadata"]
    assert repaired["metadata"]["otter"] == notebook["metadata"]["otter"]  # what is valid stays
    assert repairs == ["the notebook's metadata field 'kernelspec' was malformed (removed)",
                       "1 cell(s) had a malformed metadata field (removed)"]
    assert repair_notebook(_solved_dict(toy))[1] == []  # a sound notebook needs no repair


@pytest.mark.parametrize("damage, message", [
    (lambda nb: nb.update(cells="abc"), "no list of cells"),
    (lambda nb: nb["cells"].append("abc"), "is not a JSON object"),
    (lambda nb: nb["cells"][0].update(cell_type="bogus"), "cell_type 'bogus'"),
    (lambda nb: nb["cells"][0].update(source=3), "its source is int, not text"),
    (lambda nb: nb.update(nbformat=3), "nbformat 3, expected 4"),
])
def test_repair_refuses_to_guess(toy, damage, message):
    from medialit.grading.repair import NotebookDamaged, repair_notebook

    notebook = _solved_dict(toy)
    damage(notebook)
    with pytest.raises(NotebookDamaged, match=message):
        repair_notebook(notebook)


def test_gradebook_neutralises_formulas(tmp_path):
    """OWASP's CSV-injection advice: a text cell starting = + - @ tab or CR gets a leading quote."""
    names = ["=HYPERLINK(\"http://x\",\"y\").ipynb", "+1.ipynb", "-2.ipynb", "@SUM(A1).ipynb", "\tt.ipynb",
             "\rr.ipynb", "plain.ipynb"]
    grades = [Grade(n, "=cmd|' /C calc'!A0", {"q1": 1.0}, 1.0, 2.0, "-oops" if n == "plain.ipynb" else "")
              for n in names]
    out = write_gradebook(grades, tmp_path / "g.csv", questions=("q1",))
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["submission"] for r in rows] == [f"'{n}" for n in names[:-1]] + ["plain.ipynb"]
    assert {r["assignment"] for r in rows} == {"'=cmd|' /C calc'!A0"}
    assert rows[-1]["error"] == "'-oops" and rows[0]["total"] == "1"
    assert not list(tmp_path.glob(".g.csv*"))  # written beside it, then renamed: nothing left over


def test_manual_points_accept_a_name_copied_from_the_gradebook(tmp_path):
    path = _manual(tmp_path, "submission,q5\n'=HYPERLINK(1).ipynb,2\n")
    assert read_manual(path, maxima=MAXIMA, submissions=["=HYPERLINK(1).ipynb"]) == {"=HYPERLINK(1).ipynb": {"q5": 2.0}}
    grades = [Grade("=HYPERLINK(1).ipynb", "x", {"q1": 1.0}, 1.0, 1.0, "")]
    out = write_gradebook(grades, tmp_path / "g.csv", questions=("q1",),
                          manual={"=HYPERLINK(1).ipynb": {"q5": 2.0}}, manual_maxima={"q5": 3.0})
    assert out.read_text(encoding="utf-8").splitlines()[1] == "'=HYPERLINK(1).ipynb,x,1,2,3,4,"


def test_check_refuses_damaged_input_in_one_sentence(tmp_path, toy):
    notebook = json.loads(toy.student.read_text(encoding="utf-8"))
    notebook["metadata"]["otter"] = ["not", "an", "object"]
    bad_otter = tmp_path / "bad_otter.ipynb"
    bad_otter.write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(GradingError, match=r"its otter metadata is damaged \(metadata.otter is a list"):
        check_notebook(bad_otter)
    notebook = json.loads(toy.student.read_text(encoding="utf-8"))
    notebook["cells"][0]["cell_type"] = "bogus"
    bogus = tmp_path / "bogus.ipynb"
    bogus.write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(GradingError, match="not a notebook nbformat can read, even repaired"):
        check_notebook(bogus)
    notebook = json.loads(toy.student.read_text(encoding="utf-8"))
    notebook["metadata"]["otter"]["tests"]["q1"] = {"name": "q1", "suites": 3}
    bad_tests = tmp_path / "bad_tests.ipynb"
    bad_tests.write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(GradingError, match="the public tests of q1 in its otter metadata are damaged"):
        check_notebook(bad_tests)
    with pytest.raises(GradingError, match="timeout must be a positive number"):
        check_notebook(toy.student, timeout=float("nan"))


@pytest.mark.skipif(not Path("/proc/self/mem").is_file(), reason="needs Linux's /proc")
def test_check_an_unreadable_file(tmp_path):
    unreadable = tmp_path / "mine.ipynb"
    unreadable.symlink_to("/proc/self/mem")  # a regular file whose reading fails (EIO), even for root
    with pytest.raises(GradingError, match="mine.ipynb: cannot be read"):
        check_notebook(unreadable)


@pytest.mark.slow
def test_check_repairs_a_notebook_lacking_outputs_and_says_so(tmp_path, toy):
    notebook = _solved_dict(toy)
    for cell in notebook["cells"]:
        cell.pop("outputs", None)
        cell.pop("metadata", None)
    path = tmp_path / "toy.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    before = path.read_bytes()
    report = check_notebook(path)
    assert report.passed, report.text()
    assert "code cell(s) had no 'outputs'" in " ".join(report.repairs)
    assert "Note: the notebook was repaired before it ran" in report.text()
    assert path.read_bytes() == before


def test_malformed_otter_config_in_the_zip_is_a_clear_error(tmp_path, toy):
    for config in (b"[1, 2]", b'{"assignment_name": 5}', b"\xff\xfe"):
        bad = tmp_path / "bad.zip"
        with zipfile.ZipFile(toy.autograder) as source, zipfile.ZipFile(bad, "w") as target:
            for info in source.infolist():
                data = config if info.filename == "otter_config.json" else source.read(info)
                target.writestr(info.filename, data)
        with pytest.raises(GradingError, match="otter_config.json is malformed|not an otter autograder zip"):
            read_autograder(bad)
