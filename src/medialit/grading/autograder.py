"""Autograder zips and submissions: which assignment, which questions, which tests.

:func:`read_autograder` reads everything the grader needs from a zip built by ``medialit assign``
into memory, once, before any submission runs: the assignment's name, each question's tests (as
data, :func:`medialit.grading.judge.read_test_spec`) and points, and the key (answer names and
setup, ``medialit/key.json``). A submission that later changes the zip on disk changes nothing.

Example:
    >>> natural_key("q10") > natural_key("q9")
    True
"""
from __future__ import annotations

import json
import os
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import MedialitError

__all__ = ["Autograder", "GradingError", "KEY_PATH", "choose_autograder", "expected_filename",
           "find_autograders", "natural_key", "read_autograder", "read_submission_name"]

#: Where ``medialit assign`` stores the key in the autograder zip.
KEY_PATH = "medialit/key.json"
#: Largest autograder zip member read, in bytes (a test file is a few kilobytes).
_MAX_MEMBER = 5_000_000


class GradingError(MedialitError, ValueError):
    """The grading run cannot start: no such folder, no autograder, an unreadable zip."""


def natural_key(name: str) -> list[Any]:
    """Sort key putting ``q2`` before ``q10``.

    >>> sorted(["q10", "q2", "q1"], key=natural_key)
    ['q1', 'q2', 'q10']
    """
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


@dataclass(frozen=True)
class Autograder:
    """An autograder zip, read: its assignment, auto-graded questions, tests and key."""

    path: Path
    name: str | None
    questions: tuple[str, ...]
    tests: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, repr=False)
    key: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    def points(self) -> dict[str, float]:
        """Each auto-graded question's points, as otter resolves them."""
        from ._otter import import_otter

        OKTestFile = import_otter().test_files.OKTestFile
        return {q: float(OKTestFile.from_spec(json.loads(json.dumps(self.tests[q]))).possible)
                for q in self.questions}


def read_autograder(path: str | os.PathLike) -> Autograder:
    """Read an autograder zip's assignment name, questions, tests and key into memory.

    Raises:
        GradingError: the file is missing, is not an otter autograder zip, a test file in it
            is not otter's OK format, or its ``otter_config.json`` or key is malformed.
    """
    from .judge import JudgeError, read_test_spec

    path = Path(path)
    if not path.is_file():
        raise GradingError(f"The autograder {str(path)!r} does not exist; expected a file "
                           "exercises/dist/instructor/<part>/<chapter>-autograder.zip "
                           "(build them with `medialit assign`).")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = {info.filename: info for info in archive.infolist()}

            def read(name: str) -> bytes:
                if infos[name].file_size > _MAX_MEMBER:
                    raise GradingError(f"{path}: {name} is larger than {_MAX_MEMBER:,} bytes")
                return archive.read(name)

            config = json.loads(read("otter_config.json")) if "otter_config.json" in infos else {}
            tests = {}
            for name in infos:
                if name.startswith("tests/") and name.endswith(".py") and name.count("/") == 1 \
                        and not name.endswith("__init__.py"):
                    try:
                        spec = read_test_spec(read(name).decode("utf-8"))
                    except (JudgeError, UnicodeDecodeError) as exc:
                        raise GradingError(f"{path}: {name} is not an otter OK-format test file ({exc}).") from exc
                    tests[name[len("tests/"):-3]] = spec
            key = json.loads(read(KEY_PATH)) if KEY_PATH in infos else None
    except (zipfile.BadZipFile, json.JSONDecodeError, UnicodeDecodeError, NotImplementedError, OSError) as exc:
        raise GradingError(f"{path} is not an otter autograder zip ({exc}).") from exc
    if not tests:
        raise GradingError(f"{path} holds no tests/*.py: it is not an autograder zip built by otter.")
    name = config.get("assignment_name") if isinstance(config, dict) else None
    if not isinstance(config, dict) or not isinstance(name, (str, type(None))):
        raise GradingError(f"{path}: its otter_config.json is malformed (expected an object whose "
                           "assignment_name is text); rebuild the zip with `medialit assign`.")
    if key is not None and not (isinstance(key, dict) and isinstance(key.get("questions"), dict)):
        raise GradingError(f"{path}: its {KEY_PATH} is malformed; rebuild the zip with `medialit assign`.")
    return Autograder(path=path, name=name,
                      questions=tuple(sorted(tests, key=natural_key)), tests=tests, key=key)


def find_autograders(dist: str | os.PathLike | None = None) -> dict[str, Autograder]:
    """Map assignment names to the autograders ``medialit assign`` built under ``dist``."""
    if dist is None:
        from ..assign import repo_root

        dist = repo_root() / "exercises" / "dist"
    found = {}
    for path in sorted(Path(dist).glob("instructor/*/*-autograder.zip")):
        grader = read_autograder(path)
        if grader.name:
            found[grader.name] = grader
    return found


_INIT_RE = re.compile(r"""Notebook\(\s*(?:nb_path\s*=\s*)?["']([^"'/\\]+\.ipynb)["']""")


def expected_filename(path: str | os.PathLike) -> str:
    """The file name the notebook's otter init cell expects (``grader = Notebook("x.ipynb")``).

    Learning platforms rename submissions (``smith_frequencies.ipynb``); the notebook is graded
    under the name it was handed out with, so that its own cells find it. Falls back to the
    file's own name.
    """
    path = Path(path)
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook.get("cells", [])[:5]:
            source = cell.get("source", "")
            match = _INIT_RE.search("".join(source) if isinstance(source, list) else str(source))
            if match:
                return match.group(1)
    except (OSError, ValueError, AttributeError, TypeError):
        pass
    return path.name


def read_submission_name(path: str | os.PathLike) -> str | None:
    """Return the otter assignment name stored in a notebook's metadata (``None`` when absent).

    Raises:
        ValueError: the file is not a readable notebook (the message says why).
    """
    raw = Path(path).read_bytes()
    try:
        notebook = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"not a notebook: the file is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"not a notebook: invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from exc
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        raise ValueError("not a notebook: the JSON has no list of cells")
    if notebook.get("nbformat", 4) != 4:  # a missing version is repaired before the notebook runs
        raise ValueError(f"not a notebook otter can grade: nbformat {notebook.get('nbformat')!r}, expected 4")
    meta = notebook.get("metadata")
    otter_meta = meta.get("otter") if isinstance(meta, dict) else None
    name = otter_meta.get("assignment_name") if isinstance(otter_meta, dict) else None
    return name if isinstance(name, str) else None


def choose_autograder(submissions: list[Path], *, autograder: str | os.PathLike | None = None,
                      assignment: str | None = None,
                      dist: str | os.PathLike | None = None) -> Autograder:
    """Pick the autograder for a run: the zip given, the assignment named, or the most common one.

    Raises:
        GradingError: nothing fits (the message lists the assignments that were found).
    """
    if autograder is not None:
        return read_autograder(autograder)
    available = find_autograders(dist)
    if assignment is not None:
        if assignment not in available:
            raise GradingError(
                f"No autograder for assignment {assignment!r}; built ones: "
                f"{', '.join(sorted(available)) or 'none (run `medialit assign` first)'}.")
        return available[assignment]
    counts: Counter[str] = Counter()
    for path in submissions:
        try:
            name = read_submission_name(path)
        except (ValueError, OSError):
            continue
        if name in available:
            counts[name] += 1
    if not counts:
        raise GradingError(
            "Cannot tell which assignment these submissions are for: none names an assignment "
            f"with a built autograder ({', '.join(sorted(available)) or 'none built; run `medialit assign`'}). "
            "Pass --autograder ZIP or --assignment NAME.")
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        raise GradingError(
            "The submissions are split between assignments "
            f"{', '.join(f'{n!r} ({c})' for n, c in ranked)}; pass --assignment NAME to choose one.")
    return available[ranked[0][0]]
