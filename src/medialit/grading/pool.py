"""Grade many notebooks at once: worker processes, timeouts, one row per submission.

Each worker is a separate Python process (``python -P -m medialit.grading --worker``). For an
assignment it first builds a :class:`~medialit.grading.judge.Judge` (runs the setup, imports what
the tests need), then, per submission, runs the notebook in a fresh kernel
(:func:`~medialit.grading.runner.run_notebook`) and scores the exported answers itself. The worker
never executes a student's code: the kernel does, in its own process, in a scratch folder that
holds only that notebook.

How the grading stays safe and fast:

- **Originals are never modified.** Each submission is copied into its own folder, with a random
  name, inside a scratch folder that cannot be listed; the original is only read.
- **A broken submission never stops the run.** A file that is not a notebook, a cell that raises,
  a kernel that dies: each is recorded in its row's ``error`` and the run goes on.
- **Nothing vanishes.** Every entry of the folder gets a row: graded, or with the reason it was
  not (a name not ending in ``.ipynb``, a subfolder, a broken link).
- **A per-notebook timeout.** When a notebook runs longer than the timeout, the worker and its
  kernel are killed and a fresh worker starts; so are processes the kernel left behind.
- **In parallel.** ``jobs`` workers (one per CPU by default) each import the grading code once.
"""
from __future__ import annotations

import concurrent.futures
import json
import math
import os
import secrets
import selectors
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .autograder import Autograder, GradingError, choose_autograder, expected_filename, read_autograder, \
    read_submission_name

__all__ = ["DEFAULT_TIMEOUT", "Grade", "grade_folder", "grade_many", "is_notebook_name", "list_submissions",
           "not_graded_reason"]

#: Seconds one notebook may take to run and be graded before it is stopped.
DEFAULT_TIMEOUT = 180.0
#: Seconds a fresh worker may take to start and set up an assignment before we give up on it.
WORKER_START_TIMEOUT = 180.0


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
    #: With ``keep_answers``: the answers the grader scored, per question, rebuilt as plain data.
    answers: dict[str, dict[str, Any]] | None = None
    #: False for an entry of the folder that is not a notebook (listed with the reason, not graded).
    notebook: bool = True


# --------------------------------------------------------------------------------------------
# The worker process.
# --------------------------------------------------------------------------------------------

def summarise(result: Any, scores: dict[str, Any]) -> dict[str, Any]:
    """A row's reply from a run (:class:`~medialit.grading.runner.RunResult`) and its question results."""
    problems = list(result.problems)
    if result.repairs:
        from .repair import describe_repairs

        problems.insert(0, f"{describe_repairs(result.repairs)}; its answers were graded as usual")
    if result.cell_errors:
        problems.append(f"{len(result.cell_errors)} cell(s) raised an error when run; the first, "
                        f"{result.cell_errors[0]}")
    for name, question in scores.items():
        for problem in question.problems:
            if "is still `...`" not in problem:  # a blank answer is normal, not an error
                problems.append(f"{name}: {problem}")
    total = sum(q.score for q in scores.values())
    possible = sum(q.possible for q in scores.values())
    return {"scores": {n: q.score for n, q in scores.items()}, "total": total, "possible": possible,
            "problems": problems}


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
    """End the worker and its kernel if the grading run is gone, or a job outlives its timeout."""
    while True:
        time.sleep(1)
        deadline = state["deadline"]
        if os.getppid() != parent or (deadline is not None and time.monotonic() > deadline):
            _kill_children_and_exit()


def worker_main() -> None:  # pragma: no cover - runs in a child process, tested through grade_folder
    """Serve registrations (``{"register": id, "tests", "key"}``) and jobs, one JSON line each."""
    protocol = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # nothing else may write on the protocol channel
    import warnings

    warnings.simplefilter("ignore")
    from .judge import Judge
    from .runner import run_notebook

    judges: dict[str, Any] = {}
    state: dict[str, Any] = {"deadline": None}
    threading.Thread(target=_watchdog, args=(os.getppid(), state), daemon=True).start()
    protocol.write(json.dumps({"ready": True}) + "\n")
    for line in sys.stdin:
        message = json.loads(line)
        if "register" in message:
            try:
                judges[message["register"]] = Judge(message["tests"], message["key"])
                reply: dict[str, Any] = {"registered": message["register"]}
            except Exception as exc:  # noqa: BLE001 - the instructor's setup fails: every row says so
                reply = {"registered": message["register"], "error": f"{type(exc).__name__}: {exc}"}
            protocol.write(json.dumps(reply) + "\n")
            continue
        state["deadline"] = time.monotonic() + float(message.get("timeout", DEFAULT_TIMEOUT)) + 30
        try:
            judge = judges[message["spec"]]
            result = run_notebook(message["submission"], answers=judge.answers, workdir=message["workdir"],
                                  timeout=float(message["timeout"]))
            reply = summarise(result, judge.score(result.snapshots))
            if message.get("keep_answers"):
                from .answers import encode_rebuilt

                reply["answers"] = {q: encode_rebuilt(v) for q, v in result.snapshots.items()}
        except ValueError as exc:
            reply = {"scores": {}, "total": None, "possible": None, "problems": [str(exc)]}
        except BaseException as exc:  # noqa: BLE001 - any failure is reported in the row
            last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
            where = f" (in {Path(last[0].filename).name}:{last[0].lineno})" if last else ""
            reply = {"scores": {}, "total": None, "possible": None,
                     "problems": [f"grading failed: {type(exc).__name__}: {exc}{where}"]}
        state["deadline"] = None
        protocol.write(json.dumps(reply) + "\n")


class _WorkerDied(RuntimeError):
    pass


class _Worker:
    """A grading worker process, talked to by one thread."""

    def __init__(self, scratch: Path):
        self.scratch = scratch
        self.registered: dict[str, str | None] = {}
        self.log = open(scratch / f"worker-{secrets.token_hex(8)}.log", "w+b")  # noqa: SIM115
        env = dict(os.environ, PYTHONWARNINGS="ignore", TMPDIR=str(scratch), MPLBACKEND="Agg")
        self.proc = subprocess.Popen(
            [sys.executable, "-P", "-m", "medialit.grading", "--worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
            cwd=scratch, env=env, start_new_session=True, text=True, encoding="utf-8",
        )
        self._read(WORKER_START_TIMEOUT, "starting")

    def _send(self, message: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps(message) + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            self.kill()
            raise _WorkerDied(f"the grading worker was gone ({exc})") from exc

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
            self.log.seek(0)
            lines = [ln for ln in self.log.read().decode("utf-8", "replace").splitlines()
                     if ln.strip() and "without encryption" not in ln]
        except (OSError, ValueError):
            return ""
        return lines[-1][:300] if lines else ""

    def register(self, spec_id: str, grader: Autograder) -> str | None:
        """Set up an assignment in the worker (once); return the setup's error, if any."""
        if spec_id not in self.registered:
            self._send({"register": spec_id, "tests": grader.tests, "key": grader.key})
            reply = self._read(WORKER_START_TIMEOUT, "starting")
            self.registered[spec_id] = reply.get("error")
        return self.registered[spec_id]

    def grade(self, submission: Path, spec_id: str, workdir: Path, timeout: float, keep_answers: bool) -> dict[str, Any]:
        self._send({"submission": str(submission), "spec": spec_id, "workdir": str(workdir), "timeout": timeout,
                    "keep_answers": keep_answers})
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

def is_notebook_name(name: str) -> bool:
    """Whether a file name ends in ``.ipynb``, in any case: ``UPPER.IPYNB`` is graded as a notebook.

    >>> [is_notebook_name(n) for n in ("a.ipynb", "UPPER.IPYNB", "x.ipynb.txt", "notes.txt")]
    [True, True, False, False]
    """
    return name.lower().endswith(".ipynb")


def _suggested_name(name: str) -> str:
    """The ``.ipynb`` name to suggest for a file that may be a notebook (``x.ipynb.txt``: ``x.ipynb``)."""
    at = name.lower().rfind(".ipynb")
    if at > 0:
        return name[:at] + ".ipynb"
    return (Path(name).stem or name) + ".ipynb"


def not_graded_reason(path: Path) -> str | None:
    """Why an entry of the submissions folder is not graded, as its row says; ``None`` when it is graded.

    Every entry gets a row: a file whose name does not end in ``.ipynb`` (in any case), a
    subfolder (not searched), a broken link, a pipe or device (never opened).
    """
    if path.is_dir():
        return ("not graded: a folder (subfolders are not searched); move the notebooks in it into the "
                "submissions folder itself to grade them")
    if not path.is_file():
        if path.is_symlink() and not path.exists():
            return "not graded: a broken symbolic link (the file it points to does not exist)"
        return "not graded: not a regular file (a pipe, socket or device); it was not opened"
    if not is_notebook_name(path.name):
        return (f"not graded: not a .ipynb file; rename it to {_suggested_name(path.name)!r} if it is a "
                "notebook, and grade again")
    return None


def list_submissions(folder: Path) -> list[Path]:
    """Every entry of the submissions folder, sorted by name (``q2`` before ``q10``); each gets a row.

    Raises:
        GradingError: the folder does not exist, is a file, or cannot be listed.
    """
    if not folder.exists():
        raise GradingError(f"The submissions folder {str(folder)!r} does not exist; "
                           "expected a folder holding the students' .ipynb files.")
    if not folder.is_dir():
        raise GradingError(f"{str(folder)!r} is a file, not a folder; expected a folder holding "
                           "the students' .ipynb files (to check one notebook, use `medialit check`).")
    from .autograder import natural_key

    try:
        entries = list(folder.iterdir())
    except OSError as exc:
        raise GradingError(f"The submissions folder {str(folder)!r} cannot be listed "
                           f"({exc.strerror or exc}); check its permissions.") from exc
    return sorted(entries, key=lambda p: natural_key(p.name))


def _suffix_note(path: Path) -> str | None:
    """A note for a notebook whose name ends in ``.IPYNB`` or another spelling of ``.ipynb``."""
    suffix = path.name[-len(".ipynb"):]
    if suffix == ".ipynb":
        return None
    return (f"the name ends in {suffix!r}, not '.ipynb': graded as a notebook all the same "
            f"(rename it to {_suggested_name(path.name)!r} for tools that need the usual suffix)")


def _need_key(grader: Autograder) -> None:
    if grader.key is None:
        raise GradingError(
            f"{grader.path} has no medialit/key.json: it was not built by this version of `medialit assign`, "
            "so its answers cannot be graded outside the students' kernels. Rebuild it with `medialit assign`.")


def grade_folder(folder: str | os.PathLike, *, autograder: str | os.PathLike | None = None,
                 assignment: str | None = None, dist: str | os.PathLike | None = None,
                 timeout: float = DEFAULT_TIMEOUT, jobs: int | None = None,
                 progress: bool = True) -> tuple[Autograder, list[Grade]]:
    """Grade every notebook in ``folder``; return the autograder used and one row per entry of the folder.

    A notebook is a regular file whose name ends in ``.ipynb``, in any case (``UPPER.IPYNB`` is
    graded, and its row says the suffix is unusual). Every other entry gets a row too, saying why
    it was not graded (:func:`not_graded_reason`): nothing in the folder goes unmentioned. A
    notebook whose metadata names no assignment is graded as this run's assignment, and its row
    says so; one naming another assignment is not graded. A notebook nbformat refuses over
    missing fields is repaired on the copy (:mod:`~medialit.grading.repair`), and its row says so.

    Args:
        folder: the folder of submissions (subfolders are not searched).
        autograder: an autograder zip; by default chosen with :func:`choose_autograder`.
        assignment: the assignment name, to pick its zip from ``dist``.
        dist: where ``medialit assign`` wrote the editions (default ``exercises/dist``).
        timeout: seconds one notebook may run before it is stopped and marked as timed out.
        jobs: notebooks graded at once; by default the number of CPUs.
        progress: show a progress bar on stderr.

    Returns:
        ``(autograder, grades)``, one per entry of ``folder``, in file-name order.

    Raises:
        GradingError: the folder is missing, or no autograder fits. Problems with single
            submissions never raise: they are written in that row's ``error``.
    """
    folder = Path(folder)
    entries = list_submissions(folder)
    if not math.isfinite(timeout) or timeout <= 0:
        raise GradingError(f"timeout must be a positive number of seconds, not {timeout!r}.")
    skipped = {path: not_graded_reason(path) for path in entries}
    submissions = [path for path in entries if skipped[path] is None]
    grader = choose_autograder(submissions, autograder=autograder, assignment=assignment, dist=dist)
    _need_key(grader)
    grades: dict[Path, Grade] = {}
    notes: dict[Path, list[str]] = {}
    to_run: list[Path] = []
    for path in entries:
        row = Grade(submission=path.name)
        grades[path] = row
        if skipped[path] is not None:
            row.error, row.notebook = skipped[path], False
            continue
        notes[path] = [note for note in [_suffix_note(path)] if note]
        try:
            row.assignment = read_submission_name(path)
        except ValueError as exc:
            row.error = str(exc)
            continue
        except OSError as exc:
            row.error = f"cannot read the file ({exc.strerror or exc})"
            continue
        if grader.name and row.assignment is None:
            notes[path].append(f"the notebook names no assignment (its otter metadata is missing or malformed); "
                               f"graded as {grader.name!r}, the assignment of this run")
        elif grader.name and row.assignment != grader.name:
            row.error = (f"this notebook is for assignment {row.assignment!r}, but this run grades "
                         f"{grader.name!r}; grade it in a run of its own")
            continue
        to_run.append(path)

    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(entries), desc="grading", unit="nb", file=sys.stderr)
        bar.update(len(entries) - len(to_run))
    try:
        grade_many([(p, grader, grades[p]) for p in to_run], timeout=timeout, jobs=jobs,
                   on_done=(lambda _row: bar.update(1)) if bar is not None else None)
    finally:
        if bar is not None:
            bar.close()
    for path, row_notes in notes.items():
        grades[path].error = "; ".join(filter(None, [*row_notes, grades[path].error]))
    return grader, [grades[p] for p in entries]


def grade_many(tasks: list[tuple[Path, Autograder | Path, Grade]], *, timeout: float = DEFAULT_TIMEOUT,
               jobs: int | None = None, on_done=None, keep_answers: bool = False) -> list[Grade]:
    """Grade ``(notebook, autograder, row)`` tasks with a shared pool of workers; fill the rows.

    This is the engine under :func:`grade_folder`, which checks the files first; it is public so
    that many assignments can be graded in one pool (the kit's tests do). An autograder given as a
    path is read once, before any notebook runs. With ``keep_answers``, each row also gets the
    answers that were scored (:attr:`Grade.answers`), to show a student what the grader saw.

    Returns:
        The rows, in the order of ``tasks``.
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    graders: dict[str, Autograder] = {}
    resolved = []
    for path, grader, row in tasks:
        if not isinstance(grader, Autograder):
            key = str(Path(grader).resolve())
            if key not in graders:
                graders[key] = read_autograder(grader)
            grader = graders[key]
        resolved.append((Path(path), grader, row))
    spec_ids: dict[int, str] = {}
    with tempfile.TemporaryDirectory(prefix="medialit-grade-") as scratch_name:
        scratch = Path(scratch_name)
        os.chmod(scratch, 0o311)  # jobs can reach their own folder by name, but cannot list the others
        local = threading.local()
        workers: list[_Worker] = []
        lock = threading.Lock()

        def grade_one(path: Path, grader: Autograder, row: Grade) -> None:
            if grader.key is None:
                row.error = f"not graded: {grader.path.name} has no medialit/key.json (rebuild it with `medialit assign`)"
                return
            spec_id = spec_ids.setdefault(id(grader), secrets.token_hex(6))
            workdir = scratch / f"job-{secrets.token_hex(12)}"
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
                setup_error = worker.register(spec_id, grader)
                if setup_error:
                    row.error = f"not graded: the assignment's setup fails in the grader ({setup_error})"
                    return
                reply = worker.grade(copy, spec_id, workdir / "submission", timeout, keep_answers)
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
            if keep_answers and "answers" in reply:
                from .answers import decode_answers

                row.answers = {q: decode_answers(v) for q, v in reply["answers"].items()}

        pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs)
        try:
            futures = {pool.submit(grade_one, *task): task for task in resolved}
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
            os.chmod(scratch, 0o700)
    return [task[2] for task in resolved]
