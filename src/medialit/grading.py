"""Grade a folder of submitted notebooks locally with otter-grader, offline and in parallel.

:func:`grade_folder` grades every ``.ipynb`` in a folder against one autograder zip (built by
``medialit assign``) and returns one :class:`Grade` per file; :func:`write_gradebook` writes them
as a CSV with a column per auto-graded question, the total, and an ``error`` column saying what
went wrong. :func:`check_notebook` is the student's self-check: it runs a notebook's public tests.

How the grading stays safe and fast:

- **Originals are never modified.** Each submission is copied into its own temporary folder and
  graded there; the original is only read.
- **A broken submission never stops the run.** A file that is not a notebook, a notebook for
  another assignment, a cell that raises, a kernel that dies: each is recorded in its row's
  ``error`` and the run goes on.
- **A per-notebook timeout.** Each worker is a separate process; when a notebook runs longer
  than the timeout (an endless loop), the worker and its kernel are killed and a fresh one starts.
- **In parallel.** ``jobs`` workers (one per CPU by default) each import otter once and grade
  many notebooks, so the start-up cost is paid once per worker, not per notebook.

Caveat: grading runs the students' code with your permissions. The copies keep a submission
away from the originals and from each other, but a submission could still read or delete other
files your account can reach. Grade untrusted work in a container or a throw-away account.

Example:
    >>> natural_key("q10") > natural_key("q9")
    True
"""
from __future__ import annotations

import concurrent.futures
import csv
import json
import math
import os
import re
import selectors
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import MedialitError

__all__ = [
    "Autograder",
    "CheckReport",
    "Grade",
    "GradingError",
    "check_notebook",
    "choose_autograder",
    "find_autograders",
    "grade_folder",
    "grade_many",
    "natural_key",
    "read_autograder",
    "read_submission_name",
    "write_gradebook",
]

#: Seconds one notebook may take to run and be graded before it is stopped.
DEFAULT_TIMEOUT = 180.0
#: Seconds a fresh worker may take to import otter before we give up on it.
WORKER_START_TIMEOUT = 120.0


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
    """An autograder zip: its path, assignment name, and auto-graded questions with points."""

    path: Path
    name: str | None
    questions: tuple[str, ...]


def read_autograder(path: str | os.PathLike) -> Autograder:
    """Read an autograder zip's assignment name and question names.

    Raises:
        GradingError: the file is missing or is not an otter autograder zip.
    """
    path = Path(path)
    if not path.is_file():
        raise GradingError(f"The autograder {str(path)!r} does not exist; expected a file "
                           "exercises/dist/instructor/<part>/<chapter>-autograder.zip "
                           "(build them with `medialit assign`).")
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            config = json.loads(archive.read("otter_config.json")) if "otter_config.json" in names else {}
    except (zipfile.BadZipFile, json.JSONDecodeError, OSError) as exc:
        raise GradingError(f"{path} is not an otter autograder zip ({exc}).") from exc
    tests = [n[len("tests/"):-3] for n in names if n.startswith("tests/") and n.endswith(".py")
             and n.count("/") == 1 and not n.endswith("__init__.py")]
    if not tests:
        raise GradingError(f"{path} holds no tests/*.py: it is not an autograder zip built by otter.")
    return Autograder(path=path, name=config.get("assignment_name"),
                      questions=tuple(sorted(tests, key=natural_key)))


def find_autograders(dist: str | os.PathLike | None = None) -> dict[str, Autograder]:
    """Map assignment names to the autograders ``medialit assign`` built under ``dist``."""
    if dist is None:
        from .assign import repo_root

        dist = repo_root() / "exercises" / "dist"
    found = {}
    for path in sorted(Path(dist).glob("instructor/*/*-autograder.zip")):
        grader = read_autograder(path)
        if grader.name:
            found[grader.name] = grader
    return found


_INIT_RE = re.compile(r"""otter\.Notebook\(\s*(?:nb_path\s*=\s*)?["']([^"'/\\]+\.ipynb)["']""")


def expected_filename(path: str | os.PathLike) -> str:
    """The file name the notebook's otter init cell expects (``grader = otter.Notebook("x.ipynb")``).

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
    if notebook.get("nbformat") != 4:
        raise ValueError(f"not a notebook otter can grade: nbformat {notebook.get('nbformat')!r}, expected 4")
    meta = notebook.get("metadata")
    otter_meta = meta.get("otter") if isinstance(meta, dict) else None
    name = otter_meta.get("assignment_name") if isinstance(otter_meta, dict) else None
    return name if isinstance(name, str) else None


@dataclass
class Grade:
    """One row of the gradebook."""

    submission: str
    assignment: str | None = None
    scores: dict[str, float] = field(default_factory=dict)
    total: float | None = None
    possible: float | None = None
    error: str = ""
    seconds: float = 0.0


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
    counts: dict[str, int] = {}
    for path in submissions:
        try:
            name = read_submission_name(path)
        except (ValueError, OSError):
            continue
        if name in available:
            counts[name] = counts.get(name, 0) + 1
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


# --------------------------------------------------------------------------------------------
# The worker: a separate process that imports otter once and grades one job per input line.
# --------------------------------------------------------------------------------------------

def _summarise_results(results: Any) -> dict[str, Any]:
    """Turn otter's GradingResults into plain data: scores, total, and what went wrong."""
    scores, problems = {}, []
    for name, test_file in results.results.items():
        try:
            scores[name] = float(test_file.score)
        except Exception as exc:  # a test file that could not be scored
            problems.append(f"{name}: could not be scored ({type(exc).__name__}: {exc})")
            continue
        undefined = [
            m.group(0) for tcr in getattr(test_file, "test_case_results", [])
            if not tcr.passed and (m := re.search(r"NameError: name '[^']+' is not defined", tcr.message or ""))
        ]
        if undefined:
            problems.append(f"{name}: {undefined[0]} (a cell deleted or not run?)")
    catastrophic = results.catastrophic_error
    if catastrophic is not None:
        problems.insert(0, f"grading failed: {type(catastrophic).__name__}: {catastrophic}")
    notebook = results.notebook
    errors = []
    if notebook is not None:
        for index, cell in enumerate(notebook.get("cells", [])):
            for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
                if output.get("output_type") == "error":
                    errors.append((index, output.get("ename", "?"), str(output.get("evalue", ""))[:200]))
    if errors:
        index, ename, evalue = errors[0]
        problems.insert(0, f"{len(errors)} cell(s) raised an error when run; the first, cell {index}: "
                           f"{ename}: {evalue}".rstrip(": "))
    return {
        "scores": scores,
        "total": float(results.total) if scores else None,
        "possible": float(results.possible) if scores else None,
        "problems": problems,
    }


def _kill_children_and_exit() -> None:  # pragma: no cover - runs in a child process
    try:
        import psutil

        for child in psutil.Process().children(recursive=True):
            try:
                child.kill()
            except psutil.Error:
                pass
    finally:
        os._exit(3)


def _watchdog(parent: int, state: dict) -> None:  # pragma: no cover - runs in a child process
    """End the worker and its kernel if the grading run is gone, or a job outlives its timeout.

    The run normally stops a worker itself; this is the safety net for a run that was killed
    (its workers would otherwise wait forever on a notebook that never ends).
    """
    while True:
        time.sleep(1)
        deadline = state["deadline"]
        if os.getppid() != parent or (deadline is not None and time.monotonic() > deadline):
            _kill_children_and_exit()


def _worker_main() -> None:  # pragma: no cover - runs in a child process, tested through grade_folder
    protocol = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # otter prints its progress; keep it off the protocol channel
    import warnings

    warnings.simplefilter("ignore")
    from otter.api import grade_submission

    home = os.getcwd()
    state = {"deadline": None}
    threading.Thread(target=_watchdog, args=(os.getppid(), state), daemon=True).start()
    protocol.write(json.dumps({"ready": True}) + "\n")
    for line in sys.stdin:
        job = json.loads(line)
        state["deadline"] = time.monotonic() + float(job.get("timeout", DEFAULT_TIMEOUT)) + 30
        workdir = job["workdir"]
        tempfile.tempdir = workdir  # otter's own temporary folders go inside the job's folder
        os.chdir(workdir)
        try:
            results = grade_submission(job["submission"], job["autograder"], quiet=True)
            reply = _summarise_results(results)
        except BaseException as exc:  # noqa: BLE001 - any failure is reported in the row
            last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
            where = f" (in {Path(last[0].filename).name}:{last[0].lineno})" if last else ""
            message = f"grading failed: {type(exc).__name__}: {exc}{where}"
            if isinstance(exc, FileNotFoundError) and "results" in str(exc):
                message = ("grading failed: the grader's own files were deleted while the notebook ran "
                           f"(does a cell delete files?): {exc}")
            reply = {"scores": {}, "total": None, "possible": None, "problems": [message]}
        state["deadline"] = None
        os.chdir(home)
        protocol.write(json.dumps(reply) + "\n")


class _WorkerDied(RuntimeError):
    pass


class _Worker:
    """A grading worker process, talked to by one thread."""

    def __init__(self, scratch: Path):
        self.scratch = scratch
        self.log = tempfile.NamedTemporaryFile(prefix="worker-", suffix=".log", dir=scratch, delete=False)
        env = dict(os.environ, PYTHONWARNINGS="ignore", TMPDIR=str(scratch))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "medialit.grading", "--worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
            cwd=scratch, env=env, start_new_session=True, text=True, encoding="utf-8",
        )
        self._read(WORKER_START_TIMEOUT, "starting")

    def _read(self, timeout: float, doing: str) -> dict[str, Any]:
        assert self.proc.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.proc.stdout, selectors.EVENT_READ)
            if not selector.select(timeout):
                self.kill()
                raise TimeoutError(doing)
        line = self.proc.stdout.readline()
        if not line:
            self.kill()
            raise _WorkerDied(self._log_tail())
        return json.loads(line)

    def _log_tail(self) -> str:
        try:
            lines = [ln for ln in Path(self.log.name).read_text(errors="replace").splitlines()
                     if ln.strip() and "without encryption" not in ln]
        except OSError:
            return ""
        return lines[-1][:300] if lines else ""

    def grade(self, submission: Path, autograder: Path, workdir: Path, timeout: float) -> dict[str, Any]:
        assert self.proc.stdin is not None
        job = {"submission": str(submission), "autograder": str(autograder), "workdir": str(workdir),
               "timeout": timeout}
        try:
            self.proc.stdin.write(json.dumps(job) + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            self.kill()
            raise _WorkerDied(f"the grading worker was gone ({exc})") from exc
        return self._read(timeout, "grading")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        """Kill the worker and everything it started (its kernel, and the kernel's children)."""
        self.kill_tree()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except Exception:  # noqa: BLE001
                pass
        self.log.close()

    def kill_tree(self) -> None:
        """Kill the processes only (safe from another thread: a reader then sees end-of-file)."""
        try:
            import psutil

            try:
                parent = psutil.Process(self.proc.pid)
                family = parent.children(recursive=True) + [parent]
            except psutil.NoSuchProcess:
                family = []
            for proc in family:
                try:
                    proc.kill()
                except psutil.NoSuchProcess:
                    pass
            psutil.wait_procs(family, timeout=10)
        except ImportError:  # pragma: no cover - psutil comes with ipykernel
            self.proc.kill()

    def close(self) -> None:
        if self.alive():
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=10)
            except Exception:  # noqa: BLE001
                pass
        self.kill()


# --------------------------------------------------------------------------------------------
# The run.
# --------------------------------------------------------------------------------------------

def _list_submissions(folder: Path) -> list[Path]:
    if not folder.exists():
        raise GradingError(f"The submissions folder {str(folder)!r} does not exist; "
                           "expected a folder holding the students' .ipynb files.")
    if not folder.is_dir():
        raise GradingError(f"{str(folder)!r} is a file, not a folder; expected a folder holding "
                           "the students' .ipynb files (to check one notebook, use `medialit check`).")
    return sorted((p for p in folder.iterdir() if p.suffix == ".ipynb" and p.is_file()),
                  key=lambda p: natural_key(p.name))


def grade_folder(folder: str | os.PathLike, *, autograder: str | os.PathLike | None = None,
                 assignment: str | None = None, dist: str | os.PathLike | None = None,
                 timeout: float = DEFAULT_TIMEOUT, jobs: int | None = None,
                 progress: bool = True) -> tuple[Autograder, list[Grade]]:
    """Grade every ``.ipynb`` in ``folder`` and return the autograder used and one row per file.

    Args:
        folder: the folder of submissions (subfolders are not searched).
        autograder: an autograder zip; by default chosen with :func:`choose_autograder`.
        assignment: the assignment name, to pick its zip from ``dist``.
        dist: where ``medialit assign`` wrote the editions (default ``exercises/dist``).
        timeout: seconds one notebook may run before it is stopped and marked as timed out.
        jobs: notebooks graded at once; by default the number of CPUs.
        progress: show a progress bar on stderr.

    Returns:
        ``(autograder, grades)``, the grades in file-name order.

    Raises:
        GradingError: the folder is missing, or no autograder fits. Problems with single
            submissions never raise: they are written in that row's ``error``.
    """
    folder = Path(folder)
    submissions = _list_submissions(folder)
    if not math.isfinite(timeout) or timeout <= 0:
        raise GradingError(f"timeout must be a positive number of seconds, not {timeout!r}.")
    grader = choose_autograder(submissions, autograder=autograder, assignment=assignment, dist=dist)
    grades: dict[Path, Grade] = {}
    to_run: list[Path] = []
    for path in submissions:
        row = Grade(submission=path.name)
        grades[path] = row
        try:
            row.assignment = read_submission_name(path)
        except ValueError as exc:
            row.error = str(exc)
            continue
        except OSError as exc:
            row.error = f"cannot read the file ({exc.strerror or exc})"
            continue
        if grader.name and row.assignment != grader.name:
            row.error = (f"this notebook is for assignment {row.assignment!r}, but this run grades "
                         f"{grader.name!r}; grade it in a run of its own"
                         if row.assignment else
                         f"the notebook carries no assignment name (otter metadata missing): it is not "
                         f"the notebook handed out for {grader.name!r}")
            continue
        to_run.append(path)

    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(submissions), desc="grading", unit="nb", file=sys.stderr)
        bar.update(len(submissions) - len(to_run))
    try:
        grade_many([(p, grader.path, grades[p]) for p in to_run], timeout=timeout, jobs=jobs,
                   on_done=(lambda _row: bar.update(1)) if bar is not None else None)
    finally:
        if bar is not None:
            bar.close()
    return grader, [grades[p] for p in submissions]


def grade_many(tasks: list[tuple[Path, Path, Grade]], *, timeout: float = DEFAULT_TIMEOUT,
               jobs: int | None = None, on_done=None) -> list[Grade]:
    """Grade ``(notebook, autograder zip, row)`` tasks with a shared pool of workers; fill the rows.

    This is the engine under :func:`grade_folder`, which checks the files first; it is public so
    that many assignments can be graded in one pool (the kit's tests do). Each notebook is copied
    into its own temporary folder, named as its otter init cell expects, and graded there.

    Returns:
        The rows, in the order of ``tasks``.
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    with tempfile.TemporaryDirectory(prefix="medialit-grade-") as scratch_name:
        scratch = Path(scratch_name)
        local = threading.local()
        workers: list[_Worker] = []
        lock = threading.Lock()

        def grade_one(index: int, path: Path, autograder: Path, row: Grade) -> None:
            workdir = scratch / f"job{index:05d}"
            (workdir / "submission").mkdir(parents=True)
            copy = workdir / "submission" / expected_filename(path)
            shutil.copyfile(path, copy)
            started = time.monotonic()
            try:
                worker = getattr(local, "worker", None)
                if worker is None or not worker.alive():
                    worker = _Worker(scratch)
                    local.worker = worker
                    with lock:
                        workers.append(worker)
                reply = worker.grade(copy, Path(autograder).resolve(), workdir, timeout)
            except TimeoutError as exc:
                local.worker = None
                row.error = (f"timed out after {timeout:g} s and was stopped (an endless loop, or very slow "
                             "code?); not graded" if str(exc) == "grading" else
                             "the grading worker did not start in time; not graded")
                return
            except _WorkerDied as exc:
                local.worker = None
                row.error = f"the kernel or grading process died; not graded{': ' + str(exc) if str(exc) else ''}"
                return
            finally:
                row.seconds = time.monotonic() - started
                shutil.rmtree(workdir, ignore_errors=True)
            row.scores = dict(reply["scores"])
            row.total, row.possible = reply["total"], reply["possible"]
            row.error = "; ".join(reply["problems"])

        pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs)
        try:
            futures = {pool.submit(grade_one, i, *task): task for i, task in enumerate(tasks)}
            for future in concurrent.futures.as_completed(futures):
                try:
                    future.result()
                except Exception as exc:  # noqa: BLE001 - a bug or a full disk: still one row each
                    row = futures[future][2]
                    row.error = row.error or f"not graded: {type(exc).__name__}: {exc}"
                if on_done is not None:
                    on_done(futures[future][2])
        except BaseException:
            # Interrupted (Ctrl-C): stop the workers and their kernels now, not after the timeout.
            pool.shutdown(wait=False, cancel_futures=True)
            with lock:
                for worker in workers:
                    worker.kill_tree()
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            with lock:
                for worker in workers:
                    worker.close()
    return [task[2] for task in tasks]


def write_gradebook(grades: list[Grade], out: str | os.PathLike, *, questions: tuple[str, ...] | list[str]) -> Path:
    """Write the gradebook CSV: submission, assignment, one column per question, total, possible, error.

    A question's cell is empty when the submission could not be graded at all (see ``error``).
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    extra = sorted({q for g in grades for q in g.scores} - set(questions), key=natural_key)
    columns = ["submission", "assignment", *questions, *extra, "total", "possible", "error"]

    def fmt(value: float | None) -> str:
        if value is None:
            return ""
        return f"{value:g}"

    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for g in grades:
            writer.writerow([g.submission, g.assignment or "",
                             *(fmt(g.scores.get(q)) for q in [*questions, *extra]),
                             fmt(g.total), fmt(g.possible), g.error])
    return out


# --------------------------------------------------------------------------------------------
# The student's self-check.
# --------------------------------------------------------------------------------------------

@dataclass
class CheckReport:
    """What ``medialit check`` found: per question, whether the public tests pass, and the feedback."""

    notebook: Path
    results: dict[str, tuple[bool, str]]
    cell_errors: list[str]

    @property
    def passed(self) -> bool:
        return bool(self.results) and all(ok for ok, _ in self.results.values())

    def text(self) -> str:
        lines = [f"Public tests of {self.notebook.name} (the hidden tests run only when it is graded):", ""]
        for name, (ok, feedback) in self.results.items():
            lines.append(f"{name}: {'passed' if ok and not feedback else 'NOT YET' if not ok else 'ok'}")
            lines += ["    " + ln for ln in feedback.strip().splitlines()]
        if self.cell_errors:
            lines += ["", "Cells that raised an error when the notebook ran from the top:"]
            lines += [f"    {e}" for e in self.cell_errors]
        passed = sum(ok for ok, _ in self.results.values())
        lines += ["", f"{passed} of {len(self.results)} auto-graded questions pass their public tests. "
                      "Passing them does not mean the answer is right; questions graded by hand are not checked."]
        return "\n".join(lines)


_CHECK_CELL = """\
import json as _medialit_json, otter as _medialit_otter
_medialit_grader = _medialit_otter.Notebook({name!r})
_medialit_out = {{}}
for _medialit_q in {questions!r}:
    try:
        _medialit_r = _medialit_grader.check(_medialit_q)
        _medialit_out[_medialit_q] = [
            [_medialit_t.test_case.name, bool(_medialit_t.passed), _medialit_t.message or ""]
            for _medialit_t in _medialit_r.test_case_results if not _medialit_t.test_case.hidden]
    except Exception as _medialit_e:
        _medialit_out[_medialit_q] = [[_medialit_q, False, f"{{type(_medialit_e).__name__}}: {{_medialit_e}}"]]
print("MEDIALIT-CHECK " + _medialit_json.dumps(_medialit_out))
"""


def _short_failure(message: str) -> str:
    """The telling line of a failed doctest: the exception and its message, else the last line."""
    lines = [ln.strip() for ln in message.splitlines() if ln.strip()]
    for line in reversed(lines):
        if re.match(r"^[A-Za-z_][\w.]*(Error|Exception)\b", line):
            return line
    return lines[-1] if lines else "failed"


def check_notebook(path: str | os.PathLike, *, timeout: float = DEFAULT_TIMEOUT) -> CheckReport:
    """Run a student notebook from the top in a fresh kernel, then its public tests.

    The notebook is copied into a temporary folder first; the file itself is never changed.

    Raises:
        GradingError: the file is missing, not a notebook, has no public tests, or timed out.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    path = Path(path)
    if not path.is_file():
        raise GradingError(f"{str(path)!r} is not a file; expected the assignment notebook (.ipynb) you are working on.")
    try:
        read_submission_name(path)
        notebook = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    except ValueError as exc:
        raise GradingError(f"{path}: {exc}") from exc
    tests = notebook.metadata.get("otter", {}).get("tests")
    if not isinstance(tests, dict) or not tests:
        raise GradingError(f"{path} carries no public tests in its metadata: is it the student "
                           "notebook handed out (from exercises/dist/student/)?")
    questions = sorted(tests, key=natural_key)
    with tempfile.TemporaryDirectory(prefix="medialit-check-") as tmp:
        copy = Path(tmp) / expected_filename(path)
        shutil.copyfile(path, copy)
        notebook.cells.append(nbformat.v4.new_code_cell(_CHECK_CELL.format(name=copy.name, questions=questions)))
        client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", allow_errors=True,
                                resources={"metadata": {"path": tmp}})
        try:
            client.execute(stderr=subprocess.DEVNULL)
        except (CellTimeoutError, TimeoutError) as exc:
            raise GradingError(f"{path}: a cell ran longer than {timeout:g} s (an endless loop?).") from exc
        except DeadKernelError as exc:
            raise GradingError(f"{path}: the kernel died while running the notebook ({exc}).") from exc
    cell_errors = []
    for index, cell in enumerate(notebook.cells[:-1]):
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if output.get("output_type") == "error":
                cell_errors.append(f"cell {index}: {output.get('ename')}: {output.get('evalue')}")
    results: dict[str, tuple[bool, str]] = {}
    for output in notebook.cells[-1].get("outputs", []):
        text = output.get("text", "") if output.get("output_type") == "stream" else ""
        for line in text.splitlines():
            if line.startswith("MEDIALIT-CHECK "):
                for question, cases in json.loads(line[len("MEDIALIT-CHECK "):]).items():
                    failures = [f"{case}: {_short_failure(msg)}" for case, ok, msg in cases if not ok]
                    results[question] = (not failures, "\n".join(failures) if cases else
                                         "no public test: checked only when the notebook is graded")
        if output.get("output_type") == "error":
            raise GradingError(f"{path}: the public tests could not run: {output.get('ename')}: {output.get('evalue')}")
    return CheckReport(notebook=path, results=results, cell_errors=cell_errors)


if __name__ == "__main__" and sys.argv[1:] == ["--worker"]:  # pragma: no cover
    _worker_main()
