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
even when it is not inside a ``BEGIN SOLUTION`` block), ``generate`` on (the autograder zip), and
``requirements`` naming the kit, for a Gradescope autograder.

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

__all__ = [
    "AssignmentSourceError",
    "BuildResult",
    "Built",
    "build_all",
    "build_one",
    "discover_sources",
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


def _source_text(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


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


def _default_requirements() -> list[str]:
    """Requirements for a Gradescope autograder: the kit itself, from the repository in _config.yml."""
    config_path = repo_root() / "_config.yml"
    url, branch = None, "main"
    if config_path.is_file():
        book = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
        repository = book.get("repository") or {}
        url, branch = repository.get("url"), repository.get("branch") or "main"
    if not url:
        return []
    # An editable install keeps the clone, so medialit finds the clone's data/ folder.
    return [f"-e git+{url}@{branch}#egg=medialit"]


def prepare_config(config: dict[str, Any], *, requirements: list[str] | None = None) -> dict[str, Any]:
    """Return the ``ASSIGNMENT CONFIG`` the kit builds with (a copy; the input is unchanged).

    >>> prepare_config({"name": "x", "export_cell": True}, requirements=[])["export_cell"]
    False
    >>> prepare_config({"name": "x"}, requirements=[])["strip_solutions_from_all_cells"]
    True
    """
    out = copy.deepcopy(config)
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
    reqs = _default_requirements() if requirements is None else list(requirements)
    if reqs and "requirements" not in out:
        out["requirements"] = reqs
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


def rubrics_markdown(notebook: dict[str, Any], *, title: str) -> str:
    """Collect the manually graded questions' prompts, model answers and rubrics as Markdown.

    Args:
        notebook: a source notebook (JSON dict).
        title: a heading for the page, usually the assignment name.

    Returns:
        Markdown text; it says so when the assignment has no manually graded question.
    """
    lines = [f"# Rubrics: {title}", ""]
    question: dict[str, Any] | None = None
    block: list[str] = []
    prompt: list[str] = []
    answer: list[str] = []
    found = 0
    for cell in notebook.get("cells", []):
        text = _source_text(cell).strip()
        kind = cell.get("cell_type")
        if kind == "raw" and text.startswith("# BEGIN QUESTION"):
            question = yaml.safe_load(text.removeprefix("# BEGIN QUESTION")) or {}
            block, prompt, answer = ["question"], [], []
            continue
        if question is None:
            continue
        if kind == "raw" and text.startswith("# BEGIN "):
            block.append(text.removeprefix("# BEGIN ").strip().lower())
            continue
        if kind == "raw" and text.startswith("# END QUESTION"):
            if question.get("manual"):
                found += 1
                points = question.get("points", "?")
                lines += [f"## {question.get('name', '?')} ({points} points, graded by hand)", ""]
                lines += ["**Prompt.**", "", *prompt, ""]
                lines += answer or ["(The source gives no model answer for this question.)"]
                lines.append("")
            question = None
            continue
        if kind == "raw" and text.startswith("# END "):
            if len(block) > 1:
                block.pop()
            continue
        if kind == "markdown" and block[-1] == "question":
            prompt.append(text)
        elif kind == "markdown" and block[-1] == "solution":
            answer += [text, ""]
    if not found:
        lines += ["This assignment has no manually graded question.", ""]
    return "\n".join(lines).rstrip() + "\n"


#: Markers of the assign format that must never reach a student.
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "# SOLUTION", "# HIDDEN", "BEGIN TESTS", "END TESTS",
           "ASSIGNMENT CONFIG")
_MIN_FRAGMENT = 12  # shorter fragments ("0", "True", "df") occur everywhere and prove nothing


def _walk_questions(notebook: dict[str, Any]):
    """Yield ``(block, cell)`` for every cell, ``block`` naming the innermost assign block.

    Blocks: ``"config"``, ``"outside"``, ``"question"``, ``"solution"``, ``"tests"``, ``"prompt"``;
    boundary cells themselves are yielded with block ``"boundary"``.
    """
    stack: list[str] = []
    for cell in notebook.get("cells", []):
        text = _source_text(cell).strip()
        if cell.get("cell_type") == "raw":
            if text.startswith("# ASSIGNMENT CONFIG"):
                yield "config", cell
                continue
            if text.startswith("# BEGIN "):
                stack.append(text.removeprefix("# BEGIN ").split()[0].lower())
                yield "boundary", cell
                continue
            if text.startswith("# END "):
                if stack:
                    stack.pop()
                yield "boundary", cell
                continue
        yield (stack[-1] if stack else "outside"), cell


def leak_fragments(notebook: dict[str, Any]) -> dict[str, list[str]]:
    """Text of a source notebook that must not appear in its student edition.

    Returns ``{"solution": [...], "hidden test": [...]}``: solution lines (``# SOLUTION`` lines'
    right-hand sides, lines between ``# BEGIN SOLUTION`` and ``# END SOLUTION``, model answers)
    and hidden test lines, each stripped, at least 12 characters long, and absent from the parts
    a student is meant to see (prompts, setup code, public tests).
    """
    visible: list[str] = []
    solution: list[str] = []
    hidden: list[str] = []
    for block, cell in _walk_questions(notebook):
        text = _source_text(cell)
        kind = cell.get("cell_type")
        if block in ("config", "boundary"):
            continue
        if block == "tests":
            (hidden if text.lstrip().startswith("# HIDDEN") else visible).append(text)
            continue
        if block == "solution" and kind != "code":
            solution += text.splitlines()  # otter removes Markdown solutions whole
            continue
        if kind == "code":  # in or out of a SOLUTION block, otter strips only the marked lines
            in_block = False
            for line in text.splitlines():
                stripped = line.strip()
                if stripped.startswith("# BEGIN SOLUTION"):
                    in_block = True
                elif stripped.startswith("# END SOLUTION"):
                    in_block = False
                elif in_block:
                    solution.append(line)
                elif stripped.endswith("# SOLUTION"):
                    body = stripped.removesuffix("# SOLUTION").rstrip()
                    solution.append(body.split("=", 1)[1] if "=" in body else body)
                else:
                    visible.append(line)
        else:
            visible.append(text)
    seen = "\n".join(visible)

    def keep(lines: list[str]) -> list[str]:
        out = []
        for line in lines:
            frag = line.strip()
            if len(frag) >= _MIN_FRAGMENT and frag not in seen and not frag.startswith("#") \
                    and frag not in out:
                out.append(frag)
        return out

    hidden_lines = [ln for t in hidden for ln in t.splitlines() if not ln.strip().startswith("# HIDDEN")]
    return {"solution": keep(solution), "hidden test": keep(hidden_lines)}


def find_leaks(student_text: str, source: dict[str, Any]) -> list[str]:
    """List what a student edition (its raw file text) gives away from its source; empty is good.

    >>> src = {"cells": [
    ...     {"cell_type": "raw", "source": "# BEGIN QUESTION\\nname: q1"},
    ...     {"cell_type": "code", "source": "answer = compute_the_answer(TEXT)  # SOLUTION"},
    ...     {"cell_type": "raw", "source": "# END QUESTION"}]}
    >>> find_leaks('{"source": "answer = ..."}', src)
    []
    >>> find_leaks('{"source": "answer = compute_the_answer(TEXT)  # SOLUTION"}', src)
    ["marker '# SOLUTION'", "solution text 'compute_the_answer(TEXT)'"]
    """
    # Compare with the notebook's decoded strings, not the JSON escapes (quotes, newlines).
    try:
        decoded = json.loads(student_text)
        haystack = json.dumps(decoded, ensure_ascii=False)
        strings = []

        def collect(obj: Any) -> None:
            if isinstance(obj, str):
                strings.append(obj)
            elif isinstance(obj, list):
                for item in obj:
                    collect(item)
            elif isinstance(obj, dict):
                for key, value in obj.items():
                    strings.append(str(key))
                    collect(value)

        collect(decoded)
        haystack = "\n".join(strings)
    except json.JSONDecodeError:
        haystack = student_text
    leaks = [f"marker {m!r}" for m in MARKERS if m in haystack]
    for kind, fragments in leak_fragments(source).items():
        leaks += [f"{kind} text {frag!r}" for frag in fragments if frag in haystack]
    return leaks


_ANSWER_WRAPPERS = {"int", "float", "str", "round", "len", "sorted", "list", "tuple", "set", "abs"}


def _is_literal(node: Any) -> bool:
    import ast

    if isinstance(node, ast.Constant):
        return isinstance(node.value, (int, float, str)) and not isinstance(node.value, bool)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return _is_literal(node.operand)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return bool(node.elts) and all(_is_literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return bool(node.keys) and all(k is not None and _is_literal(k) and _is_literal(v)
                                       for k, v in zip(node.keys, node.values))
    return False


def _is_answer(node: Any, answers: set[str]) -> bool:
    import ast

    if isinstance(node, ast.Name):
        return node.id in answers
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("int", "float", "str", "round"):
        return bool(node.args) and _is_answer(node.args[0], answers)
    return False


def public_test_leaks(notebook: dict[str, Any]) -> list[str]:
    """Public tests that compare an answer variable with a literal, giving the answer away.

    An answer variable is one a question's solution assigns. Because ``otter assign`` checks that
    the solution passes every test, a public ``assert answer == 42`` (or ``round(answer, 2) == 0.37``,
    ``answer == "claims"``, ``math.isclose(answer, 0.37)``) means the literal *is* the answer.
    Comparisons of derived values (``len(answer) == 5``, ``answer.shape == (5, 2)``) are shape
    checks and are not flagged.

    >>> nb = {"cells": [
    ...     {"cell_type": "raw", "source": "# BEGIN QUESTION\\nname: q1"},
    ...     {"cell_type": "code", "source": "n = 42  # SOLUTION"},
    ...     {"cell_type": "raw", "source": "# BEGIN TESTS"},
    ...     {"cell_type": "code", "source": "assert isinstance(n, int)"},
    ...     {"cell_type": "code", "source": "assert n == 42"},
    ...     {"cell_type": "raw", "source": "# END TESTS"},
    ...     {"cell_type": "raw", "source": "# END QUESTION"}]}
    >>> public_test_leaks(nb)
    ['q1: public test `assert n == 42` compares n with a literal']
    """
    import ast

    problems: list[str] = []
    question = "?"
    answers: set[str] = set()
    for block, cell in _walk_questions(notebook):
        text = _source_text(cell)
        if block == "boundary" and text.strip().startswith("# BEGIN QUESTION"):
            config = yaml.safe_load(text.strip().removeprefix("# BEGIN QUESTION")) or {}
            question = str(config.get("name", "?")) if isinstance(config, dict) else "?"
            answers = set()
            continue
        if cell.get("cell_type") != "code" or block in ("config", "boundary", "outside"):
            continue
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        if block != "tests":
            for node in ast.walk(tree):
                if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        for sub in ast.walk(target):
                            if isinstance(sub, ast.Name):
                                answers.add(sub.id)
            continue
        if text.lstrip().startswith("# HIDDEN"):
            continue
        for node in ast.walk(tree):
            pairs = []
            if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.Is)):
                pairs.append((node.left, node.comparators[0]))
            elif isinstance(node, ast.Call):
                func = node.func
                fname = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if fname in ("isclose", "allclose", "approx", "assert_equal", "assert_almost_equal") and len(node.args) >= 2:
                    pairs.append((node.args[0], node.args[1]))
            for left, right in pairs:
                for a, b in ((left, right), (right, left)):
                    if _is_answer(a, answers) and _is_literal(b):
                        name = next(n.id for n in ast.walk(a) if isinstance(n, ast.Name) and n.id in answers)
                        line = ast.get_source_segment(text, node) or ""
                        statement = next((ln.strip() for ln in text.splitlines() if line and line in ln), line)
                        problems.append(f"{question}: public test `{statement}` compares {name} with a literal")
    return problems


_TEST_CONFIG_RE = re.compile(r'^\s*(?:\w+\s*=\s*)?"{1,3}\s*#\s*BEGIN\s*TEST\s*CONFIG(.*?)"{1,3}\s*#\s*END\s*TEST\s*CONFIG',
                             re.IGNORECASE | re.DOTALL)


def scoring_problems(notebook: dict[str, Any]) -> list[str]:
    """Auto-graded questions whose points could go to a wrong answer; empty is good.

    Points must come from correctness only. A public test ("is it a dict?") passes for a wrong
    answer of the right type, so every public test cell starts with otter's test config giving
    it no points, and every auto-graded question has at least one hidden test, which then share
    the question's points::

        \"\"\" # BEGIN TEST CONFIG
        points: 0
        \"\"\" # END TEST CONFIG
        assert isinstance(answer, dict), "answer should be a dict"

    >>> nb = {"cells": [
    ...     {"cell_type": "raw", "source": "# BEGIN QUESTION\\nname: q1\\npoints: 2"},
    ...     {"cell_type": "code", "source": "n = 42  # SOLUTION"},
    ...     {"cell_type": "raw", "source": "# BEGIN TESTS"},
    ...     {"cell_type": "code", "source": "assert isinstance(n, int)"},
    ...     {"cell_type": "raw", "source": "# END TESTS"},
    ...     {"cell_type": "raw", "source": "# END QUESTION"}]}
    >>> for problem in scoring_problems(nb): print(problem)
    q1: a public test carries points (start it with a TEST CONFIG giving 'points: 0'): assert isinstance(n, int)
    q1: no hidden test, so no point can be earned by a correct answer
    """
    problems: list[str] = []
    question: dict[str, Any] | None = None
    hidden = 0
    for block, cell in _walk_questions(notebook):
        text = _source_text(cell)
        stripped = text.strip()
        if block == "boundary" and stripped.startswith("# BEGIN QUESTION"):
            config = yaml.safe_load(stripped.removeprefix("# BEGIN QUESTION")) or {}
            question, hidden = (config if isinstance(config, dict) else {}), 0
            continue
        if block == "boundary" and stripped.startswith("# END QUESTION"):
            if question is not None and not question.get("manual") and question.get("points", 1) and not hidden:
                problems.append(f"{question.get('name', '?')}: no hidden test, so no point can be earned "
                                "by a correct answer")
            question = None
            continue
        if block != "tests" or cell.get("cell_type") != "code" or question is None:
            continue
        name = question.get("name", "?")
        match = _TEST_CONFIG_RE.match(text)
        try:
            config = (yaml.safe_load(match.group(1)) or {}) if match else {}
        except yaml.YAMLError:
            config = {}
        is_hidden = config.get("hidden", stripped.startswith("# HIDDEN")) if isinstance(config, dict) else False
        if is_hidden:
            hidden += 1
            continue
        if not isinstance(config, dict) or config.get("points") != 0:
            body = text[match.end():] if match else text
            first = next((ln.strip() for ln in body.splitlines() if ln.strip()), "")
            problems.append(f"{name}: a public test carries points (start it with a TEST CONFIG giving "
                            f"'points: 0'): {first}")
    return problems


def _otter_error(stderr: str, stdout: str) -> str:
    """The most telling line of otter's output: the exception message, else the last line."""
    lines = [ln.strip() for ln in (stderr + "\n" + stdout).splitlines() if ln.strip()]
    for line in reversed(lines):
        head = line.split(":", 1)[0]
        if head.endswith(("Error", "Exception")) and " " not in head:
            return line
    return lines[-1] if lines else "otter assign failed without a message"


def build_one(source: str | os.PathLike, dist: str | os.PathLike, *,
              requirements: list[str] | None = None, timeout: float = ASSIGN_TIMEOUT,
              run_tests: bool = True) -> Built:
    """Build the editions of one source notebook into ``dist``.

    Args:
        source: ``exercises/<part>/<chapter>.ipynb``.
        dist: the output folder (``exercises/dist``); ``student/<part>/`` and
            ``instructor/<part>/`` are written under it.
        requirements: pip requirement lines for a Gradescope autograder; by default the kit
            installed from the repository named in ``_config.yml``.
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
        prepared = copy.deepcopy(notebook)
        first = next(c for c in prepared["cells"] if _source_text(c).strip())
        first["source"] = "# ASSIGNMENT CONFIG\n" + yaml.safe_dump(
            prepare_config(config, requirements=requirements), sort_keys=False)
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
        shutil.copyfile(zips[-1], built.autograder)
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
    """
    everything = sources is None
    sources = discover_sources() if sources is None else [Path(s) for s in sources]
    dist = Path(dist) if dist is not None else repo_root() / "exercises" / "dist"
    if clean is None:
        clean = everything
    if clean:
        for sub in ("student", "instructor"):
            shutil.rmtree(dist / sub, ignore_errors=True)
    dist.mkdir(parents=True, exist_ok=True)
    (dist / "README.md").write_text(_DIST_README, encoding="utf-8")
    names: dict[str, Path] = {}
    result = BuildResult()
    jobs = jobs or os.cpu_count() or 1
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(build_one, s, dist, requirements=requirements, run_tests=run_tests): s
                   for s in sources}
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
