"""Build the student and instructor editions of the assignments with otter-grader, offline.

Every assignment has one source notebook, ``exercises/<part>/<chapter>.ipynb``, in
otter-grader's *assign* format: questions, solutions, public tests and hidden tests in one
file. :func:`build_all` runs ``otter assign`` on each source and files what it writes into

- ``exercises/dist/student/<part>/<chapter>.ipynb`` — the notebook to hand out: solutions
  replaced by ``...``, model answers removed, public tests only;
- ``exercises/dist/instructor/<part>/<chapter>.ipynb`` — the same notebook with solutions and
  model answers;
- ``exercises/dist/instructor/<part>/<chapter>-rubrics.md`` — every manually graded question
  with its prompt, model answer and rubric, for the people grading by hand;
- ``exercises/dist/instructor/<part>/<chapter>-autograder.zip`` — the grading configuration
  (all tests, hidden ones included) for ``medialit grade`` or Gradescope, under a stable name.

The generated files are never edited by hand and are not committed (``exercises/dist/`` is in
``.gitignore``): ``make exercises`` rebuilds them from the sources.

The source's ``ASSIGNMENT CONFIG`` is adjusted on a copy (the source is never changed):
``export_cell: false`` (no PDF export, which would need a browser download),
``strip_solutions_from_all_cells: true`` (so a solution line marked ``# SOLUTION`` is removed
even when it is not inside a ``BEGIN SOLUTION`` block), ``generate`` on (the autograder zip), and,
for Gradescope, a fixed Python and pip lines installing the kit from a wheel carried in the zip
with the pinned constraints (:mod:`medialit.grading.bundle`): the zip needs no repository.

After otter, the editions are finished here: the notebooks' first cell uses the kit's
``Notebook`` (readable ``grader.check`` feedback, :mod:`medialit.grading.student`), the student
edition's metadata names each question's answer variables and the minutes it takes, and the zip
gains ``medialit/key.json`` (:mod:`medialit.grading.key`), which ``medialit grade`` needs to score
answers outside the students' kernels.

Example:
    >>> from medialit.assign import discover_sources
    >>> all(p.suffix == ".ipynb" for p in discover_sources())
    True
"""
from __future__ import annotations

import concurrent.futures
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import MedialitError
from .grading.sources import (  # re-exported: checks of a source notebook
    MARKERS,
    _source_text,
    _walk_questions,
    estimated_minutes,
    find_leaks,
    leak_fragments,
    public_test_leaks,
    rubrics_markdown,
    scoring_problems,
)

__all__ = [
    "AssignmentSourceError",
    "BuildResult",
    "Built",
    "build_all",
    "build_one",
    "discover_sources",
    "estimated_minutes",
    "find_leaks",
    "leak_fragments",
    "public_test_leaks",
    "scoring_problems",
    "load_source",
    "prepare_config",
    "repo_root",
    "rubrics_markdown",
]

#: How long one ``otter assign`` may take (it executes the notebook to check its tests).
ASSIGN_TIMEOUT = 600


class AssignmentSourceError(MedialitError, ValueError):
    """A source notebook is not in the assign format ``medialit assign`` expects."""


def repo_root() -> Path:
    """Return the kit's root folder (the one holding ``exercises/`` and ``data/``).

    >>> (repo_root() / "pyproject.toml").is_file()
    True
    """
    from .resources import data_dir

    return data_dir().parent


def discover_sources(exercises_dir: str | os.PathLike | None = None) -> list[Path]:
    """List the source notebooks ``exercises/<part>/<chapter>.ipynb``, sorted.

    The generated editions under ``exercises/dist/`` and Jupyter's checkpoints are left out.

    Args:
        exercises_dir: the exercises folder; by default the kit's own.

    Returns:
        The paths, sorted by part then chapter.
    """
    folder = Path(exercises_dir) if exercises_dir is not None else repo_root() / "exercises"
    if not folder.is_dir():
        return []
    return sorted(
        path for path in folder.glob("*/*.ipynb")
        if path.parent.name != "dist" and not path.parent.name.startswith(".")
    )


def load_source(path: str | os.PathLike) -> tuple[dict[str, Any], dict[str, Any]]:
    """Read a source notebook and its ``ASSIGNMENT CONFIG``, checking what otter needs.

    Args:
        path: the source notebook.

    Returns:
        ``(notebook, config)``: the notebook as a JSON dict and the parsed config.

    Raises:
        AssignmentSourceError: the file is not JSON, has no ``# ASSIGNMENT CONFIG`` raw cell
            first, has a config without a ``name``, or does not use the ``python3`` kernel.
    """
    path = Path(path)
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AssignmentSourceError(f"{path}: cannot be read as a notebook ({exc}).") from exc
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        raise AssignmentSourceError(f"{path}: is JSON but not a notebook (no list of cells).")
    cells = [c for c in notebook["cells"] if _source_text(c).strip()]
    if not cells or cells[0].get("cell_type") != "raw" or not _source_text(cells[0]).lstrip().startswith(
        "# ASSIGNMENT CONFIG"
    ):
        raise AssignmentSourceError(
            f"{path}: the first cell must be a raw cell starting with '# ASSIGNMENT CONFIG' "
            "(otter-grader's assign format)."
        )
    try:
        config = yaml.safe_load(_source_text(cells[0]).lstrip().removeprefix("# ASSIGNMENT CONFIG"))
    except yaml.YAMLError as exc:
        raise AssignmentSourceError(f"{path}: the ASSIGNMENT CONFIG is not valid YAML ({exc}).") from exc
    if not isinstance(config, dict) or not isinstance(config.get("name"), str) or not config["name"]:
        raise AssignmentSourceError(
            f"{path}: the ASSIGNMENT CONFIG needs a 'name' (for example 'name: counting-frequencies'); "
            f"got {config!r}."
        )
    kernel = notebook.get("metadata", {}).get("kernelspec", {}).get("name")
    if kernel != "python3":
        raise AssignmentSourceError(
            f"{path}: the notebook's kernelspec name is {kernel!r}; otter needs 'python3'."
        )
    return notebook, config


def prepare_config(config: dict[str, Any], *, requirements: list[str] | None = None) -> dict[str, Any]:
    """Return the ``ASSIGNMENT CONFIG`` the kit builds with (a copy; the input is unchanged).

    ``requirements`` are the pip lines of the Gradescope environment; with them, otter's own
    default lines are replaced (``overwrite_requirements``), so that the zip installs exactly
    these, on the fixed Python :data:`medialit.grading.bundle.AUTOGRADER_PYTHON`.

    >>> prepare_config({"name": "x", "export_cell": True}, requirements=[])["export_cell"]
    False
    >>> prepare_config({"name": "x"}, requirements=[])["strip_solutions_from_all_cells"]
    True
    >>> prepare_config({"name": "x"}, requirements=["pkg==1"])["python_version"]
    '3.11'
    """
    from .grading.bundle import AUTOGRADER_PYTHON

    out = copy.deepcopy(config)
    out.pop("medialit", None)
    out["export_cell"] = False
    out["strip_solutions_from_all_cells"] = True
    out["run_tests"] = True
    out.setdefault("check_all_cell", False)
    generate = out.get("generate")
    if not isinstance(generate, dict):
        generate = {}
    generate["pdf"] = False
    out["generate"] = generate
    out["solutions_pdf"] = False
    out["template_pdf"] = False
    out["python_version"] = AUTOGRADER_PYTHON
    reqs = list(requirements or [])
    if reqs and "requirements" not in out:
        out["requirements"] = reqs
        out["overwrite_requirements"] = True
    return out


@dataclass
class Built:
    """What one source turned into."""

    source: Path
    name: str
    student: Path
    instructor: Path
    rubrics: Path
    autograder: Path


@dataclass
class BuildResult:
    """The outcome of :func:`build_all`: what was built and what failed, with reasons."""

    built: list[Built] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed



def _otter_error(stderr: str, stdout: str) -> str:
    """The most telling line of otter's output: the exception message, else the last line."""
    lines = [ln.strip() for ln in (stderr + "\n" + stdout).splitlines() if ln.strip()]
    for line in reversed(lines):
        head = line.split(":", 1)[0]
        if head.endswith(("Error", "Exception")) and " " not in head:
            return line
    return lines[-1] if lines else "otter assign failed without a message"


_INIT_CELL = """\
# Initialize Otter, with the kit's readable feedback for grader.check
from medialit.grading.student import Notebook
grader = Notebook({name!r})"""


def _finish_edition(path: Path, *, metadata: dict[str, Any] | None) -> None:
    """Use the kit's ``Notebook`` in the init cell; add the ``medialit`` metadata to a student edition."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook.get("cells", [])[:3]:
        text = _source_text(cell)
        if cell.get("cell_type") == "code" and "otter.Notebook(" in text:
            match = re.search(r"""otter\.Notebook\(\s*["']([^"']+)["']""", text)
            if match:
                cell["source"] = _INIT_CELL.format(name=match.group(1))
            break
    if metadata is not None:
        notebook.setdefault("metadata", {})["medialit"] = metadata
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def build_one(source: str | os.PathLike, dist: str | os.PathLike, *,
              requirements: list[str] | None = None, bundle: Any = None, timeout: float = ASSIGN_TIMEOUT,
              run_tests: bool = True) -> Built:
    """Build the editions of one source notebook into ``dist``.

    Args:
        source: ``exercises/<part>/<chapter>.ipynb``.
        dist: the output folder (``exercises/dist``); ``student/<part>/`` and
            ``instructor/<part>/`` are written under it.
        requirements: pip lines for the Gradescope environment instead of the kit's wheel; an
            empty list builds a zip that installs nothing but otter (the kit's tests use it, as
            it is quicker: such a zip grades with ``medialit grade`` and ``otter run``, but not on
            Gradescope).
        bundle: the wheel, constraints and data to put in the zip
            (:func:`medialit.grading.bundle.make_bundle`); made here when neither it nor
            ``requirements`` is given.
        timeout: seconds ``otter assign`` may take.
        run_tests: let otter run every test against the solutions (the default). Turn it off
            only when the instructor edition is graded afterwards anyway, as the kit's tests do.

    Returns:
        The paths written.

    Raises:
        AssignmentSourceError: the source is malformed, gives a public test points (see
            :func:`scoring_problems`), or otter assign failed on it (the message names the file and
            gives otter's reason, such as a solution failing its own test).
    """
    from .grading.bundle import add_to_zip, make_bundle, requirement_lines
    from .grading.key import build_key, question_blocks

    source, dist = Path(source), Path(dist)
    notebook, config = load_source(source)
    problems = scoring_problems(notebook)
    if problems:
        raise AssignmentSourceError(
            f"{source}: points must come from hidden tests of correctness only: {'; '.join(problems[:3])}"
            + (f" (and {len(problems) - 3} more)" if len(problems) > 3 else "") + ".")
    part, stem = source.parent.name, source.stem
    with tempfile.TemporaryDirectory(prefix="medialit-assign-") as tmp:
        tmp_path = Path(tmp)
        if bundle is None and requirements is None:
            bundle = make_bundle(tmp_path / "bundle")
        lines = requirement_lines(bundle) if requirements is None else list(requirements)
        prepared = copy.deepcopy(notebook)
        first = next(c for c in prepared["cells"] if _source_text(c).strip())
        first["source"] = "# ASSIGNMENT CONFIG\n" + yaml.safe_dump(
            prepare_config(config, requirements=lines), sort_keys=False)
        src_copy = tmp_path / "src" / source.name
        src_copy.parent.mkdir()
        src_copy.write_text(json.dumps(prepared, indent=1, ensure_ascii=False), encoding="utf-8")
        out = tmp_path / "out"
        env = dict(os.environ, TMPDIR=str(tmp_path), PYTHONWARNINGS="ignore")
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "otter", "assign", "--no-pdfs",
                 *([] if run_tests else ["--no-run-tests"]), str(src_copy), str(out)],
                cwd=src_copy.parent, capture_output=True, text=True, timeout=timeout, env=env,
            )
        except subprocess.TimeoutExpired as exc:
            raise AssignmentSourceError(
                f"{source}: otter assign took longer than {timeout:.0f} s (does a cell loop forever?)."
            ) from exc
        zips = sorted((out / "autograder").glob("*.zip")) if out.is_dir() else []
        if proc.returncode != 0 or not zips:
            raise AssignmentSourceError(
                f"{source}: otter assign failed (exit {proc.returncode}): "
                f"{_otter_error(proc.stderr, proc.stdout)}"
            )
        student_dir = dist / "student" / part
        instructor_dir = dist / "instructor" / part
        student_dir.mkdir(parents=True, exist_ok=True)
        instructor_dir.mkdir(parents=True, exist_ok=True)
        for extra in (out / "student").iterdir():
            if extra.is_file() and extra.name != source.name and not extra.name.startswith("."):
                shutil.copy2(extra, student_dir / extra.name)
        built = Built(
            source=source,
            name=config["name"],
            student=student_dir / source.name,
            instructor=instructor_dir / source.name,
            rubrics=instructor_dir / f"{stem}-rubrics.md",
            autograder=instructor_dir / f"{stem}-autograder.zip",
        )
        shutil.copyfile(out / "student" / source.name, built.student)
        shutil.copyfile(out / "autograder" / source.name, built.instructor)
        key = build_key(notebook, name=config["name"])
        setup, questions = question_blocks(notebook)
        key["manual"] = {q["name"]: float(q["points"] or 0) for q in questions if q["manual"]}
        shutil.copyfile(zips[-1], built.autograder)
        add_to_zip(built.autograder, key=key, bundle=bundle if requirements is None else None)
    minutes = (notebook.get("metadata", {}).get("medialit") or {}).get("minutes")
    student_meta = {"answers": {q: v["answers"] for q, v in key["questions"].items()}, "setup": setup,
                    "manual": key["manual"], **({"minutes": minutes} if minutes is not None else {})}
    _finish_edition(built.student, metadata=student_meta)
    _finish_edition(built.instructor, metadata=student_meta)
    leaks = find_leaks(built.student.read_text(encoding="utf-8"), notebook)
    if leaks:
        built.student.unlink()
        raise AssignmentSourceError(
            f"{source}: the student edition would give away {'; '.join(leaks[:5])}. Put solution lines "
            "in '# BEGIN SOLUTION'/'# END SOLUTION' blocks or end them with '# SOLUTION', and start "
            "hidden tests with '# HIDDEN'.")
    built.rubrics.write_text(rubrics_markdown(notebook, title=config["name"]), encoding="utf-8")
    return built


_DIST_README = """\
# Generated assignment editions: do not edit

Everything here is written by `medialit assign` (`make exercises`) from the source notebooks
`exercises/<part>/<chapter>.ipynb`, and is not committed. Edit the sources, then rebuild.

- `student/<part>/<chapter>.ipynb`: hand these out (no solutions, public tests only).
- `instructor/<part>/<chapter>.ipynb`: the solutions.
- `instructor/<part>/<chapter>-rubrics.md`: prompts, model answers and rubrics of the questions
  graded by hand.
- `instructor/<part>/<chapter>-autograder.zip`: the grading configuration, for
  `medialit grade SUBMISSIONS_DIR --autograder ZIP` or a Gradescope programming assignment.
  It holds the hidden tests: never give it to students.
"""


def build_all(sources: list[Path] | None = None, dist: str | os.PathLike | None = None, *,
              jobs: int | None = None, requirements: list[str] | None = None,
              clean: bool | None = None, on_done=None, run_tests: bool = True) -> BuildResult:
    """Build every source notebook's editions, in parallel; a failing source never stops the rest.

    Args:
        sources: the notebooks to build; by default every one :func:`discover_sources` finds.
        dist: the output folder; by default ``exercises/dist``.
        jobs: how many ``otter assign`` run at once; by default the number of CPUs.
        requirements: see :func:`build_one`.
        clean: remove ``student/`` and ``instructor/`` first, so no edition of a deleted or
            failing source is left behind; by default only when building every source.
        on_done: called with ``(source, Built | None, error message | None)`` as each finishes.
        run_tests: see :func:`build_one`.

    Returns:
        A :class:`BuildResult` listing what was built and what failed, with reasons.

    Raises:
        OutputPathError: ``dist`` is a file, lies under a file, or is not writable (checked first).
    """
    from .outpaths import check_output_folder

    everything = sources is None
    sources = discover_sources() if sources is None else [Path(s) for s in sources]
    dist = Path(dist) if dist is not None else repo_root() / "exercises" / "dist"
    if clean is None:
        clean = everything
    check_output_folder(dist, option="dist")  # before anything is removed or built
    if clean:
        for sub in ("student", "instructor"):
            shutil.rmtree(dist / sub, ignore_errors=True)
    dist.mkdir(parents=True, exist_ok=True)
    (dist / "README.md").write_text(_DIST_README, encoding="utf-8")
    names: dict[str, Path] = {}
    result = BuildResult()
    jobs = jobs or os.cpu_count() or 1
    from .grading.bundle import make_bundle

    with tempfile.TemporaryDirectory(prefix="medialit-bundle-") as bundle_dir, \
            concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        bundle = make_bundle(bundle_dir) if requirements is None else None
        futures = {pool.submit(build_one, s, dist, requirements=requirements, bundle=bundle,
                               run_tests=run_tests): s for s in sources}
        for future in concurrent.futures.as_completed(futures):
            source = futures[future]
            try:
                built = future.result()
            except AssignmentSourceError as exc:
                result.failed.append((source, str(exc)))
                if on_done:
                    on_done(source, None, str(exc))
                continue
            result.built.append(built)
            if on_done:
                on_done(source, built, None)
    result.built.sort(key=lambda b: b.source)
    result.failed.sort()
    for built in result.built:
        if built.name in names:
            result.failed.append((built.source, (
                f"{built.source}: assignment name {built.name!r} is also used by {names[built.name]}; "
                "every assignment needs its own name, or submissions cannot be told apart.")))
        names[built.name] = built.source
    return result
