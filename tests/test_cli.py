"""The `medialit` command, run as a user runs it: a subprocess of .venv/bin/medialit."""
from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from bookutils import BIN
from fixtures.grading.toykit import TOY, TOY_NAME, build_toy

MEDIALIT = str(BIN / "medialit")


def run(*args, cwd=None, timeout=600):
    return subprocess.run([MEDIALIT, *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          timeout=timeout)


@pytest.fixture(scope="session")
def toy(tmp_path_factory):
    return build_toy(tmp_path_factory.mktemp("toy"))


def test_the_console_script_is_installed():
    assert Path(MEDIALIT).is_file()


@pytest.mark.parametrize("command", ["assign", "grade", "check", "report"])
def test_help_explains_each_command_with_an_example(command):
    result = run(command, "--help")
    assert result.returncode == 0
    assert f"usage: medialit {command}" in result.stdout
    assert "example" in result.stdout
    assert f"medialit {command}" in result.stdout.split("example", 1)[1]


def test_top_level_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("assign", "grade", "check"):
        assert command in result.stdout
    bare = run()
    assert bare.returncode == 2 and "usage: medialit" in bare.stdout


def test_grade_a_missing_folder_is_a_clear_error(tmp_path):
    result = run("grade", tmp_path / "no-such-folder", "--out", tmp_path / "g.csv")
    assert result.returncode == 2
    assert "no-such-folder" in result.stderr and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "g.csv").exists()


def test_grade_without_an_argument_is_a_usage_error():
    result = run("grade")
    assert result.returncode == 2 and "SUBMISSIONS_DIR" in result.stderr


def test_grade_an_unknown_assignment_is_a_clear_error(tmp_path, toy):
    (tmp_path / "subs").mkdir()
    shutil.copyfile(toy.student, tmp_path / "subs" / "a.ipynb")
    result = run("grade", tmp_path / "subs", "--assignment", "nope", "--dist", toy.student.parents[2])
    assert result.returncode == 2 and "No autograder for assignment 'nope'" in result.stderr


@pytest.mark.slow
def test_grade_a_folder(tmp_path, toy):
    subs = tmp_path / "subs"
    subs.mkdir()
    shutil.copyfile(toy.instructor, subs / "alice.ipynb")
    shutil.copyfile(toy.student, subs / "bob.ipynb")
    (subs / "carol.ipynb").write_text("{ not json", encoding="utf-8")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in subs.iterdir()}
    out = tmp_path / "gradebook.csv"
    # No --autograder: the zip is found in --dist from the assignment the notebooks name.
    result = run("grade", subs, "--out", out, "--dist", toy.student.parents[2], "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert "Graded 3 notebook(s)" in result.stdout and "1 with a problem" in result.stdout
    assert "grading" in result.stderr  # the progress bar goes to stderr
    with out.open(encoding="utf-8", newline="") as handle:
        rows = {r["submission"]: r for r in csv.DictReader(handle)}
    assert rows["alice.ipynb"]["total"] == "3" and rows["alice.ipynb"]["error"] == ""
    assert rows["bob.ipynb"]["total"] == "0" and rows["bob.ipynb"]["assignment"] == TOY_NAME
    assert "invalid JSON" in rows["carol.ipynb"]["error"]
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in subs.iterdir()} == before


@pytest.mark.slow
def test_grade_merges_points_given_by_hand(tmp_path, toy):
    subs = tmp_path / "subs"
    subs.mkdir()
    shutil.copyfile(toy.instructor, subs / "alice.ipynb")
    shutil.copyfile(toy.student, subs / "bob.ipynb")
    manual = tmp_path / "manual.csv"
    manual.write_text("submission,q3\nalice.ipynb,2\nbob.ipynb,0.5\n", encoding="utf-8")
    out = tmp_path / "gradebook.csv"
    result = run("grade", subs, "--out", out, "--autograder", toy.autograder, "--manual", manual, "--no-progress")
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        rows = {r["submission"]: r for r in csv.DictReader(handle)}
    assert rows["alice.ipynb"]["q3"] == "2" and rows["alice.ipynb"]["total"] == "5" and rows["alice.ipynb"]["possible"] == "5"
    assert rows["bob.ipynb"]["q3"] == "0.5" and rows["bob.ipynb"]["total"] == "0.5"


def test_grade_refuses_bad_points_given_by_hand_and_writes_nothing(tmp_path, toy):
    subs = tmp_path / "subs"
    subs.mkdir()
    shutil.copyfile(toy.student, subs / "bob.ipynb")
    manual = tmp_path / "manual.csv"
    manual.write_text("submission,q3\nbob.ipynb,5\nzoe.ipynb,1\n", encoding="utf-8")
    out = tmp_path / "gradebook.csv"
    result = run("grade", subs, "--out", out, "--autograder", toy.autograder, "--manual", manual, "--no-progress")
    assert result.returncode == 2
    assert f"{manual}, line 2, q3: 5 is more than the question's 2 points" in result.stderr
    assert f"{manual}, line 3: submission 'zoe.ipynb' is not among the graded notebooks" in result.stderr
    assert "nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.slow
def test_check_prints_feedback(toy):
    blank = run("check", toy.student)
    assert blank.returncode == 1, blank.stderr
    assert "q1: NOT YET: `n_tokens` is still `...`: replace the `...` with your answer" in blank.stdout
    assert "0 of 2" in blank.stdout and "Traceback" not in blank.stdout
    solved = run("check", toy.instructor)
    assert solved.returncode == 0, solved.stderr
    assert "q1: ok, the answer has the expected form" in solved.stdout and "2 of 2" in solved.stdout


def test_check_a_missing_notebook(tmp_path):
    result = run("check", tmp_path / "mine.ipynb")
    assert result.returncode == 2 and "is not a file" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_assign_builds_and_reports_failures(tmp_path):
    exercises = tmp_path / "exercises" / "demo"
    exercises.mkdir(parents=True)
    shutil.copyfile(TOY, exercises / "toy.ipynb")
    (exercises / "broken.ipynb").write_text("{", encoding="utf-8")
    dist = tmp_path / "dist"
    result = run("assign", exercises / "toy.ipynb", exercises / "broken.ipynb", "--dist", dist)
    assert result.returncode == 1
    assert "broken.ipynb: cannot be read as a notebook" in result.stderr
    assert "built" in result.stderr and "toy.ipynb" in result.stderr
    assert (dist / "student" / "demo" / "toy.ipynb").is_file()
    assert (dist / "instructor" / "demo" / "toy-autograder.zip").is_file()


def test_assign_a_missing_source(tmp_path):
    result = run("assign", tmp_path / "nope.ipynb", "--dist", tmp_path / "dist")
    assert result.returncode == 2 and "nope.ipynb is not a file" in result.stderr


def _article(folder: Path, name: str, outlet: str, date: str, text: str) -> None:
    (folder / name).write_text(f"---\ntitle: {name}\noutlet: {outlet}\ndate: {date}\n---\n{text}\n", encoding="utf-8")


def test_report_writes_the_capstone_report_and_lists_every_bad_record(tmp_path):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    _article(corpus, "a.txt", "Daily A", "2024-03-01",
             'The bridge will close on Friday, city officials said. "We have no choice," the mayor said.')
    _article(corpus, "b.txt", "Daily B", "2024-03-02",
             "Officials claimed the bridge was unsafe. According to engineers, the cracks are old.")
    _article(corpus, "c.txt", "Daily B", "2024-13-45", "A date that does not exist.")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    out = tmp_path / "report"
    result = run("report", corpus, "--out", out, "--no-progress")
    assert result.returncode == 1, result.stderr  # finished, with problems
    assert "Wrote the report on 2 article(s) from 2 outlet(s)" in result.stdout
    assert "2 record(s) could not be loaded" in result.stdout
    assert "c.txt:1:" in result.stderr and "empty.txt:1:" in result.stderr
    assert (out / "index.md").is_file() and (out / "frequencies.csv").is_file()
    with open(out / "problems.csv", newline="", encoding="utf-8") as handle:
        files = {row["file"] for row in csv.DictReader(handle)}
    assert files == {"c.txt", "empty.txt"}
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before  # the articles are untouched


def test_report_on_a_clean_corpus_exits_zero(tmp_path):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    _article(corpus, "a.txt", "Daily A", "2024-03-01", "Police said the road was closed.")
    _article(corpus, "b.txt", "Daily B", "2024-03-02", "The road reopened, officials said.")
    result = run("report", corpus, "--out", tmp_path / "report", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert "could not be loaded" not in result.stdout + result.stderr


def _only_empty_files(tmp: Path) -> Path:
    folder = tmp / "only-empty"
    folder.mkdir()
    (folder / "x.txt").write_text("", encoding="utf-8")
    return folder


@pytest.mark.parametrize("make_corpus, message", [
    (lambda tmp: tmp / "no-such-folder", "does not exist"),
    (_only_empty_files, "no record of"),
])
def test_report_without_a_usable_corpus_is_a_usage_error(tmp_path, make_corpus, message):
    result = run("report", make_corpus(tmp_path), "--out", tmp_path / "report")
    assert result.returncode == 2
    assert "medialit report: error:" in result.stderr and message in result.stderr
    assert not (tmp_path / "report").exists()


# --------------------------------------------------------------------------------------------
# Bad input ends in one line and exit status 2, before any work is done (issue 17).
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["check", "grade"])
@pytest.mark.parametrize("value", ["nan", "0", "-5", "inf", "soon"])
def test_a_timeout_that_is_not_a_positive_number_is_a_usage_error(tmp_path, command, value):
    target = tmp_path / "toy.ipynb"
    target.write_text("{}", encoding="utf-8")
    result = run(command, target, "--timeout", value)
    assert result.returncode == 2, result.stderr
    assert f"argument --timeout: {value!r} is not" in result.stderr and "Traceback" not in result.stderr


def _unwritable_cases(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    cases = {"folder": (tmp_path / "a-folder", "is a folder"),
             "under a file": (tmp_path / "a-file" / "g.csv", "is a file, so nothing can be written under it")}
    if Path("/proc/self").is_dir():  # unwritable even for root
        cases["read-only"] = (Path("/proc/medialit-test/g.csv"), "cannot write in /proc")
    return cases


@pytest.mark.parametrize("case", ["folder", "under a file", "read-only"])
def test_grade_checks_the_output_path_before_grading(tmp_path, toy, case):
    cases = _unwritable_cases(tmp_path)
    if case not in cases:
        pytest.skip("needs Linux's /proc")
    out, message = cases[case]
    subs = tmp_path / "subs"
    subs.mkdir()
    shutil.copyfile(toy.instructor, subs / "alice.ipynb")
    result = run("grade", subs, "--out", out, "--autograder", toy.autograder)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"medialit grade: error: --out {out}: ") and message in result.stderr
    assert "Traceback" not in result.stderr and "grading" not in result.stderr  # no progress bar: nothing ran


def test_report_and_assign_check_their_output_folder_first(tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    corpus = tmp_path / "articles"
    corpus.mkdir()
    _article(corpus, "a.txt", "Daily A", "2024-03-01", "Police said the road was closed.")
    for args, prefix in ((["report", corpus, "--out", a_file], "medialit report"),
                         (["assign", TOY, "--dist", a_file], "medialit assign"),
                         (["assign", TOY, "--dist", a_file / "dist"], "medialit assign")):
        result = run(*args)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"{prefix}: error: ") and "Traceback" not in result.stderr
        assert str(a_file) in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert a_file.read_text(encoding="utf-8") == "x"


def test_check_on_damaged_input_is_one_line(tmp_path, toy):
    import json

    student = json.loads(toy.student.read_text(encoding="utf-8"))
    bad_otter = json.loads(json.dumps(student))
    bad_otter["metadata"]["otter"] = "broken"
    bogus = json.loads(json.dumps(student))
    bogus["cells"][0]["cell_type"] = "bogus"
    files = {"bad_otter.ipynb": (json.dumps(bad_otter), "its otter metadata is damaged"),
             "bogus.ipynb": (json.dumps(bogus), "not a notebook nbformat can read, even repaired"),
             "latin1.ipynb": (None, "not UTF-8"),
             "old.ipynb": (json.dumps({"cells": [], "nbformat": 3}), "nbformat 3")}
    for name, (text, message) in files.items():
        path = tmp_path / name
        if text is None:
            path.write_bytes(b'{"cells": "caf\xe9"}')
        else:
            path.write_text(text, encoding="utf-8")
        result = run("check", path)
        assert result.returncode == 2, (name, result.stderr)
        assert result.stderr.startswith(f"medialit check: error: {path}") and message in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    if Path("/proc/self/mem").is_file():
        unreadable = tmp_path / "mine.ipynb"
        unreadable.symlink_to("/proc/self/mem")  # reading it fails (EIO), even for root
        result = run("check", unreadable)
        assert result.returncode == 2 and "mine.ipynb: cannot be read" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_grade_with_a_malformed_otter_config_is_one_line(tmp_path, toy):
    import zipfile

    bad = tmp_path / "bad-autograder.zip"
    with zipfile.ZipFile(toy.autograder) as source, zipfile.ZipFile(bad, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, b"[]" if info.filename == "otter_config.json" else source.read(info))
    subs = tmp_path / "subs"
    subs.mkdir()
    shutil.copyfile(toy.student, subs / "a.ipynb")
    result = run("grade", subs, "--autograder", bad, "--out", tmp_path / "g.csv")
    assert result.returncode == 2, result.stderr
    assert "otter_config.json is malformed" in result.stderr and "Traceback" not in result.stderr


def test_a_gradebook_that_cannot_be_written_after_all_is_kept(tmp_path, capsys):
    """Should the output path go bad during the run, the rows land in a temporary file, named."""
    from medialit.cli import _write_gradebook_somewhere
    from medialit.grading import Grade

    taken = tmp_path / "gradebook.csv"
    taken.mkdir()  # became a folder while grading ran
    grades = [Grade("alice.ipynb", "x", {"q1": 1.0}, 1.0, 1.0, "")]
    assert _write_gradebook_somewhere(taken, grades, questions=("q1",)) is None
    message = capsys.readouterr().err
    rescue = Path(message.split("the gradebook was written to ")[1].split(" instead")[0])
    try:
        assert f"cannot write {taken}" in message
        assert rescue.read_text(encoding="utf-8").splitlines()[1] == "alice.ipynb,x,1,1,1,"
    finally:
        rescue.unlink()
