"""Tests of medialit.assign: discovering sources, checking them, building the editions."""
from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from fixtures.grading.toykit import TOY, TOY_NAME, build_toy
from medialit.assign import (
    AssignmentSourceError,
    build_all,
    build_one,
    discover_sources,
    find_leaks,
    leak_fragments,
    load_source,
    prepare_config,
    public_test_leaks,
    rubrics_markdown,
    scoring_problems,
)


@pytest.fixture(scope="session")
def toy(tmp_path_factory):
    return build_toy(tmp_path_factory.mktemp("toy"))


def _nb(cells, kernel="python3"):
    return {"cells": cells, "metadata": {"kernelspec": {"name": kernel, "display_name": "Python 3",
                                                          "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def _raw(text):
    return {"cell_type": "raw", "metadata": {}, "source": text}


def _code(text):
    return {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": text}


def test_discover_sources_skips_dist_and_checkpoints(tmp_path):
    for rel in ["counting/b.ipynb", "counting/a.ipynb", "sources/c.ipynb", "dist/student/x.ipynb",
                "dist/y.ipynb", "counting/.ipynb_checkpoints/a-checkpoint.ipynb", "top.ipynb",
                "counting/notes.md"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in discover_sources(tmp_path)]
    assert found == ["counting/a.ipynb", "counting/b.ipynb", "sources/c.ipynb"]
    assert discover_sources(tmp_path / "missing") == []


@pytest.mark.parametrize("content, message", [
    ("{not json", "cannot be read as a notebook"),
    (json.dumps([1, 2]), "not a notebook"),
    (json.dumps(_nb([_code("x = 1")])), "first cell must be a raw cell"),
    (json.dumps(_nb([_raw("# ASSIGNMENT CONFIG\nexport_cell: false")])), "needs a 'name'"),
    (json.dumps(_nb([_raw("# ASSIGNMENT CONFIG\nname: [unclosed")])), "not valid YAML"),
    (json.dumps(_nb([_raw("# ASSIGNMENT CONFIG\nname: x")], kernel="ir")), "otter needs 'python3'"),
])
def test_load_source_rejects_malformed(tmp_path, content, message):
    path = tmp_path / "bad.ipynb"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AssignmentSourceError, match=message) as info:
        load_source(path)
    assert str(path) in str(info.value)


def test_load_source_reads_config():
    _nb_json, config = load_source(TOY)
    assert config["name"] == TOY_NAME


def test_prepare_config_copies_and_forces_safe_options():
    original = {"name": "x", "export_cell": {"pdf": True}, "generate": True}
    out = prepare_config(original, requirements=["pkg==1"])
    assert original == {"name": "x", "export_cell": {"pdf": True}, "generate": True}
    assert out["export_cell"] is False and out["strip_solutions_from_all_cells"] is True
    assert out["generate"] == {"pdf": False}
    assert out["requirements"] == ["pkg==1"]
    assert out["overwrite_requirements"] is True and out["python_version"] == "3.11"
    assert "requirements" not in prepare_config({"name": "x"}, requirements=[])
    assert "requirements" not in prepare_config({"name": "x"})
    assert "medialit" not in prepare_config({"name": "x", "medialit": {"minutes": 5}}, requirements=[])


def test_build_one_writes_both_editions_under_stable_names(toy):
    assert toy.name == TOY_NAME
    part = TOY.parent.name
    assert toy.student == toy.student.parents[2] / "student" / part / "toy.ipynb"
    assert toy.instructor.parent == toy.student.parents[2] / "instructor" / part
    assert toy.autograder.name == "toy-autograder.zip"
    assert toy.rubrics.name == "toy-rubrics.md"
    for path in (toy.student, toy.instructor, toy.autograder, toy.rubrics):
        assert path.is_file(), path
    with zipfile.ZipFile(toy.autograder) as archive:
        names = set(archive.namelist())
        config = json.loads(archive.read("otter_config.json"))
        hidden_test = archive.read("tests/q1.py").decode("utf-8")
    assert {"tests/q1.py", "tests/q2.py", "run_autograder"} <= names
    assert config["assignment_name"] == TOY_NAME
    assert "len(tokenize(TEXT))" in hidden_test  # the hidden test travels with the autograder only


def test_student_edition_gives_nothing_away(toy):
    source = json.loads(TOY.read_text(encoding="utf-8"))
    text = toy.student.read_text(encoding="utf-8")
    assert find_leaks(text, source) == []
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "# SOLUTION", "# HIDDEN", "Model answer", "Rubric"):
        assert marker not in text
    # The checker is able to fail: the instructor edition does contain all of it.
    leaks = find_leaks(toy.instructor.read_text(encoding="utf-8"), source)
    assert any(l.startswith("solution text") for l in leaks)
    assert any(l.startswith("hidden test text") for l in leaks)


def test_instructor_edition_and_rubrics_keep_the_answers(toy):
    text = toy.instructor.read_text(encoding="utf-8")
    assert "len(tokenize(TEXT))" in text and "Model answer" in text
    rubrics = toy.rubrics.read_text(encoding="utf-8")
    assert rubrics.startswith(f"# Rubrics: {TOY_NAME}")
    assert "## q3 (2 points, graded by hand)" in rubrics
    assert "**Model answer.**" in rubrics and "**Rubric (2 points).**" in rubrics
    assert "q1" not in rubrics  # auto-graded questions are not listed


def test_rubrics_without_manual_questions():
    text = rubrics_markdown(_nb([_raw("# ASSIGNMENT CONFIG\nname: x")]), title="x")
    assert "no manually graded question" in text


def test_leak_fragments_of_the_toy():
    fragments = leak_fragments(json.loads(TOY.read_text(encoding="utf-8")))
    assert "len(tokenize(TEXT))" in fragments["solution"]
    assert "tokens = tokenize(TEXT, lower=True)" in fragments["solution"]
    assert "assert n_tokens == len(tokenize(TEXT))" in fragments["hidden test"]
    # Public test lines and the prompt are not secrets.
    assert not any("isinstance" in f for f in fragments["hidden test"])


def _question(solution, *tests):
    cells = [_raw("# BEGIN QUESTION\nname: q1\npoints: 1"), _code(solution), _raw("# BEGIN TESTS")]
    cells += [_code(t) for t in tests]
    return _nb(cells + [_raw("# END TESTS"), _raw("# END QUESTION")])


@pytest.mark.parametrize("test_code", [
    "assert share == 0.25",
    "assert 0.25 == share",
    "assert round(share, 2) == 0.25",
    "assert share == 'claims'",
    "assert share == [1, 2, 3]",
    "import math\nassert math.isclose(share, 0.25)",
    "assert float(share) == -3",
])
def test_public_literal_answers_are_flagged(test_code):
    problems = public_test_leaks(_question("share = compute()  # SOLUTION", "assert share is not None", test_code))
    assert len(problems) == 1 and problems[0].startswith("q1: public test") and "share" in problems[0]


@pytest.mark.parametrize("test_code", [
    "assert isinstance(share, float)",
    "assert 0 <= share <= 1, 'a share is between 0 and 1'",
    "assert len(share) == 5",
    "assert share.shape == (5, 2)",
    "assert list(share.columns) == ['word', 'count']",
    "assert other == 3",
    "# HIDDEN\nassert share == 0.25",
])
def test_shape_checks_and_hidden_tests_are_not_flagged(test_code):
    assert public_test_leaks(_question("share = compute()  # SOLUTION", test_code)) == []


_FREE = '""" # BEGIN TEST CONFIG\npoints: 0\n""" # END TEST CONFIG\n'


def test_scoring_problems_accept_free_public_tests_and_hidden_points():
    assert scoring_problems(_question("share = compute()  # SOLUTION", _FREE + "assert isinstance(share, float)",
                                      "# HIDDEN\nassert share == compute()")) == []
    assert scoring_problems(json.loads(TOY.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("tests, message", [
    (["assert isinstance(share, float)", "# HIDDEN\nassert share == compute()"], "a public test carries points"),
    ([_FREE.replace("points: 0", "points: 1") + "assert isinstance(share, float)", "# HIDDEN\nassert share == 1"],
     "a public test carries points"),
    ([_FREE + "assert isinstance(share, float)"], "no hidden test"),
    ([], "no hidden test"),
])
def test_scoring_problems_flag_points_a_wrong_answer_could_earn(tests, message):
    problems = scoring_problems(_question("share = compute()  # SOLUTION", *tests))
    assert len(problems) == 1 and problems[0].startswith("q1: ") and message in problems[0]


def test_build_one_refuses_a_public_test_with_points(tmp_path):
    source = json.loads(TOY.read_text(encoding="utf-8"))
    for cell in source["cells"]:
        cell["source"] = "".join(cell["source"]).replace(_FREE, "")
    path = tmp_path / "demo" / "paid.ipynb"
    path.parent.mkdir()
    path.write_text(json.dumps(source), encoding="utf-8")
    with pytest.raises(AssignmentSourceError, match=r"paid.ipynb: points must come from hidden tests.*q1: a public test"):
        build_one(path, tmp_path / "dist", requirements=[])
    assert not (tmp_path / "dist").exists()


def test_build_all_checks_dist_before_building(tmp_path):
    from medialit.outpaths import OutputPathError

    a_file = tmp_path / "dist"
    a_file.write_text("not a folder", encoding="utf-8")
    for dist in (a_file, a_file / "below"):
        with pytest.raises(OutputPathError, match="dist .*is a file"):
            build_all([TOY], dist, requirements=[], clean=True)
    assert a_file.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.slow
def test_build_all_reports_a_malformed_source_and_builds_the_rest(tmp_path):
    exercises = tmp_path / "exercises"
    (exercises / "demo").mkdir(parents=True)
    (exercises / "other").mkdir(parents=True)
    shutil.copyfile(TOY, exercises / "demo" / "toy.ipynb")
    shutil.copyfile(TOY, exercises / "other" / "same_name.ipynb")
    (exercises / "demo" / "broken.ipynb").write_text("{oops", encoding="utf-8")
    unbalanced = json.loads(TOY.read_text(encoding="utf-8"))
    unbalanced["cells"] = [c for c in unbalanced["cells"] if "".join(c["source"]).strip() != "# END QUESTION"]
    config = unbalanced["cells"][0]
    config["source"] = "".join(config["source"]).replace(TOY_NAME, "fixture-unbalanced")
    (exercises / "demo" / "unbalanced.ipynb").write_text(json.dumps(unbalanced), encoding="utf-8")
    dist = exercises / "dist"
    stale = dist / "student" / "old" / "gone.ipynb"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}", encoding="utf-8")
    seen = []
    result = build_all(discover_sources(exercises), dist, jobs=2, requirements=[], clean=True,
                       on_done=lambda s, b, e: seen.append(s.name))
    assert sorted(seen) == ["broken.ipynb", "same_name.ipynb", "toy.ipynb", "unbalanced.ipynb"]
    assert [b.source.name for b in result.built] == ["toy.ipynb", "same_name.ipynb"]
    failed = dict((p.name, m) for p, m in result.failed)
    assert set(failed) == {"broken.ipynb", "unbalanced.ipynb", "same_name.ipynb"}
    assert "also used by" in failed["same_name.ipynb"]
    assert "broken.ipynb: cannot be read as a notebook" in failed["broken.ipynb"]
    assert "unbalanced.ipynb: otter assign failed" in failed["unbalanced.ipynb"]
    assert not result.ok
    assert not stale.exists()
    assert (dist / "README.md").read_text(encoding="utf-8").startswith("# Generated assignment editions")
    assert (dist / "student" / "demo" / "toy.ipynb").is_file()
    assert not (dist / "student" / "demo" / "broken.ipynb").exists()


# --------------------------------------------------------------------------------------------
# The Gradescope zip: self-contained, and otter's own runner scores as medialit grade does.
# --------------------------------------------------------------------------------------------

LABELS = Path(__file__).resolve().parents[1] / "exercises" / "framing" / "labels.ipynb"


@pytest.fixture(scope="module")
def gradescope_zip(tmp_path_factory):
    """The labels assignment built as it is handed to Gradescope (the kit's wheel, pins and data)."""
    return build_one(LABELS, tmp_path_factory.mktemp("gradescope") / "dist")


def _otter_run(autograder: Path, notebook: Path, workdir: Path) -> dict[str, float]:
    import subprocess
    import sys

    workdir.mkdir(parents=True)
    submission = workdir / LABELS.name
    submission.write_bytes(notebook.read_bytes())
    (workdir / "out").mkdir()
    proc = subprocess.run([sys.executable, "-m", "otter", "run", "-a", str(autograder), "-o", str(workdir / "out"),
                           "--no-logo", str(submission)], cwd=workdir, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads((workdir / "out" / "results.json").read_text(encoding="utf-8"))
    return {t["name"]: float(t["score"]) for t in results["tests"] if t.get("max_score")}


@pytest.mark.slow
def test_otter_run_on_the_zip_scores_as_medialit_grade(gradescope_zip, tmp_path):
    from fixtures.grading.submissions import load, save, wrong_notebook
    from medialit.grading import Grade, grade_many

    solved, blank = Grade("solved"), Grade("blank")
    grade_many([(gradescope_zip.instructor, gradescope_zip.autograder, solved),
                (gradescope_zip.student, gradescope_zip.autograder, blank)], jobs=2, keep_answers=True)
    wrong_path = save(wrong_notebook(gradescope_zip, solved.answers), tmp_path / "wrong" / LABELS.name)
    wrong = Grade("wrong")
    grade_many([(wrong_path, gradescope_zip.autograder, wrong)], jobs=1)
    assert (solved.total, blank.total, wrong.total) == (solved.possible, 0, 0), (solved, blank, wrong)
    for name, notebook, row in (("solved", gradescope_zip.instructor, solved), ("blank", gradescope_zip.student, blank),
                                ("wrong", wrong_path, wrong)):
        assert _otter_run(gradescope_zip.autograder, notebook, tmp_path / "otter" / name) == row.scores, name


@pytest.mark.slow
def test_the_zip_carries_the_kit_pins_and_data(gradescope_zip, tmp_path):
    """Nothing in the zip points at the repository: pip resolves it offline, and the kit runs from it."""
    import subprocess
    import sys

    import yaml

    with zipfile.ZipFile(gradescope_zip.autograder) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "source")
    source = tmp_path / "source"
    environment = yaml.safe_load((source / "environment.yml").read_text(encoding="utf-8"))
    assert "python=3.11" in environment["dependencies"]
    pip_lines = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert not any("git+" in line or "http" in line for line in pip_lines)
    wheel = next(n for n in names if n.startswith("medialit/medialit-") and n.endswith(".whl"))
    assert pip_lines == ["-c /autograder/source/medialit/constraints.txt", "otter-grader==7.0.0",
                         f"/autograder/source/{wheel}[grading]"]
    assert (source / "medialit" / "constraints.txt").read_bytes() == (
        Path(__file__).resolve().parents[1] / "requirements" / "constraints.txt").read_bytes()
    assert "export MEDIALIT_DATA=/autograder/source/medialit/data" in (source / "run_autograder").read_text()
    assert (source / "medialit" / "data" / "cases" / "seed-article.txt").is_file()
    assert json.loads((source / "medialit" / "key.json").read_text())["questions"]["q1"]["answers"] == ["seed_group_names"]
    # pip resolves the zip's requirements offline: the wheel, otter and every dependency at its pin.
    local = [line.replace("/autograder/source", str(source)) for line in pip_lines]
    report = tmp_path / "report.json"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--quiet",
                           "--disable-pip-version-check", "--report", str(report),
                           *local[0].split(), *local[1:]], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    installs = json.loads(report.read_text())["install"]
    assert [item["metadata"]["name"] for item in installs] == ["medialit"], installs  # the rest: at its pin
    assert installs[0]["requested_extras"] == ["grading"]  # otter, psutil, the kernel: not in the core
    # The wheel holds the whole package and finds the data through MEDIALIT_DATA.
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", "--target",
                    str(target), local[2]], check=True, timeout=300)
    code = ("import medialit, medialit.grading.student, medialit.cli; from medialit.corpus import load_article; "
            "print(medialit.__file__); print(len(load_article('seed-article').text))")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(target), "MEDIALIT_DATA": str(source / "medialit" / "data"),
           "MPLCONFIGDIR": str(tmp_path / "mpl")}
    ran = subprocess.run([sys.executable, "-I", "-c", code.replace("import medialit,", "import sys; sys.path.insert(0, "
                          f"{str(target)!r}); import medialit,")], capture_output=True, text=True, env=env, timeout=300)
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert ran.stdout.splitlines()[0].startswith(str(target))
