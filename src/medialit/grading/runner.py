"""Run a submitted notebook in a fresh kernel and take its answers out as plain data.

:func:`run_notebook` executes the notebook top to bottom in a new ``python3`` kernel (its working
folder a scratch folder holding only the notebook), and inserts, where otter would check a
question, a cell that exports the question's answer variables with
:func:`medialit.grading.answers.export_line`:

- after the cell carrying the question's check (``grader.check("q1")``, the cell otter marks in
  the notebook's metadata), and after any other cell that calls ``.check("q1")``: the last export
  of a question counts, as the last check does in otter;
- at the end, for every question not exported before.

Nothing is judged here and nothing the kernel prints is trusted: the exports are rebuilt by
:func:`medialit.grading.answers.decode_answers`, and cell errors are reported with the cell's
``[n]`` as JupyterLab shows it (:func:`medialit.grading.feedback.cell_numbers`).
"""
from __future__ import annotations

import os
import re
import secrets
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .answers import AnswerError, decode_answers, parse_export
from .feedback import cell_label, cell_numbers

__all__ = ["RunResult", "load_notebook", "run_notebook", "stop_strays"]

_CHECK_CALL_RE = re.compile(r"""\.check\(\s*["']([^"']+)["']""")
_EXPORT_CELL = """\
from medialit.grading.answers import export_line as _medialit_export_line
print(_medialit_export_line(globals(), {names!r}, {nonce!r}))
del _medialit_export_line"""
#: The environment variable that marks every process a grading kernel starts.
JOB_VARIABLE = "MEDIALIT_GRADING_JOB"


@dataclass
class RunResult:
    """What a run produced: each question's last exported answers, what went wrong, what was repaired."""

    snapshots: dict[str, dict[str, Any]] = field(default_factory=dict)
    cell_errors: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: Fields added or removed so that nbformat could read the notebook (:mod:`~medialit.grading.repair`).
    repairs: list[str] = field(default_factory=list)


def _ignored(cell: dict[str, Any]) -> bool:
    meta = cell.get("metadata", {}) or {}
    otter = meta.get("otter", {}) if isinstance(meta.get("otter"), dict) else {}
    return "otter_ignore" in (meta.get("tags") or []) or bool(otter.get("ignore", False))


def _checked_here(cell: dict[str, Any], questions: set[str]) -> list[str]:
    meta = cell.get("metadata", {}) or {}
    otter = meta.get("otter", {}) if isinstance(meta.get("otter"), dict) else {}
    tagged = otter.get("tests") if isinstance(otter.get("tests"), list) else []
    source = cell.get("source", "")
    text = "".join(source) if isinstance(source, list) else str(source)
    found = [q for q in tagged if isinstance(q, str)] + _CHECK_CALL_RE.findall(text)
    return [q for q in dict.fromkeys(found) if q in questions]


def _plan(notebook: Any, answers: dict[str, list[str]], token: str) -> tuple[list[Any], dict[int, str], dict[int, int]]:
    """The cells to run: the notebook's own (ignored ones left out, as otter does) and export cells.

    Returns ``(cells, exports, origin)``: ``exports`` maps a run position to its question,
    ``origin`` a run position to the cell's position in the submitted notebook.
    """
    import nbformat

    cells, exports, origin = [], {}, {}
    done: set[str] = set()

    def export(question: str) -> None:
        exports[len(cells)] = question
        cells.append(nbformat.v4.new_code_cell(
            _EXPORT_CELL.format(names=answers[question], nonce=f"{token}-{question}")))
        done.add(question)

    for index, cell in enumerate(notebook.cells):
        if _ignored(cell):
            continue
        origin[len(cells)] = index
        cells.append(cell)
        if cell.get("cell_type") == "code":
            for question in _checked_here(cell, set(answers)):
                export(question)
    for question in answers:
        if question not in done:
            export(question)
    return cells, exports, origin


def stop_strays(token: str) -> int:
    """End every process still carrying this job's token (a kernel's orphaned children); count them."""
    import psutil

    stopped = 0
    for proc in psutil.process_iter():
        try:
            if proc.environ().get(JOB_VARIABLE) == token:
                proc.kill()
                stopped += 1
        except (psutil.Error, OSError):
            continue
    return stopped


def load_notebook(text: str) -> tuple[Any, list[str]]:
    """Parse a submitted notebook (nbformat 4), repairing missing fields; return it and the repairs.

    Cells without ids, from older tools, get ids; a missing ``outputs``, ``metadata`` and the like
    are added (:func:`medialit.grading.repair.repair_notebook`), and each kind of repair is listed.

    Raises:
        ValueError: the text is not a notebook nbformat can read, even repaired.
    """
    import json

    import nbformat

    from .repair import NotebookDamaged, repair_notebook

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not a notebook: invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from exc
    try:
        repaired, repairs = repair_notebook(data)
        return nbformat.reads(json.dumps(repaired), as_version=4), repairs
    except (NotebookDamaged, nbformat.ValidationError) as exc:
        raise ValueError(f"not a notebook nbformat can read, even repaired ({exc})") from exc


#: How many kernels to start before a run is given up as "no kernel started".
START_ATTEMPTS = 3
#: Seconds a kernel may take to answer its first message (a loaded machine can be slow).
STARTUP_TIMEOUT = 120


def _never_started(exc: BaseException) -> bool:
    """Whether nbclient raised because the kernel never answered (so no cell ran)."""
    text = str(exc)
    return "before replying to kernel_info" in text or "Kernel didn't respond" in text


def run_notebook(path: str | os.PathLike, *, answers: dict[str, list[str]], workdir: str | os.PathLike,
                 timeout: float) -> RunResult:
    """Execute a notebook in a fresh kernel in ``workdir`` and collect its exported answers.

    Args:
        path: the notebook (a copy: it is read once, before the kernel starts).
        answers: the answer variables of each auto-graded question.
        workdir: the kernel's working folder.
        timeout: seconds one cell may run.

    Raises:
        ValueError: the file is not a notebook nbformat can read.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    try:
        notebook, repairs = load_notebook(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"not a notebook: the file is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    numbers = cell_numbers(notebook.cells)
    token = secrets.token_hex(12)
    cells, exports, origin = _plan(notebook, answers, token)
    run = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "language": "python",
                                                                         "display_name": "Python 3"}})
    result = RunResult(repairs=repairs)
    env = dict(os.environ, **{JOB_VARIABLE: token, "MPLBACKEND": "Agg"})
    stopped_at = None
    for attempt in range(1, START_ATTEMPTS + 1):
        client = NotebookClient(run, timeout=timeout, kernel_name="python3", allow_errors=True,
                                shutdown_kernel="immediate", startup_timeout=STARTUP_TIMEOUT,
                                resources={"metadata": {"path": str(workdir)}})
        try:
            client.execute(env=env, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
            break
        except CellTimeoutError:
            stopped_at = "timed out"
            break
        except DeadKernelError:
            stopped_at = "died"
            break
        except RuntimeError as exc:
            # The kernel died or stayed silent before it answered its first message: no cell of
            # the notebook ran (a busy machine, a port another kernel took meanwhile). Start a
            # new one; if none starts, the row says so and is not graded.
            if not _never_started(exc):
                raise
            for cell in run.cells:
                if cell.get("cell_type") == "code":
                    cell["outputs"], cell["execution_count"] = [], None
            if attempt == START_ATTEMPTS:
                raise RuntimeError(f"no kernel started in {START_ATTEMPTS} attempts ({exc}); "
                                   "the notebook was not run, grade it again") from exc
        finally:
            stop_strays(token)
    last_run = None
    for position, cell in enumerate(run.cells):
        if cell.get("cell_type") != "code":
            continue
        outputs = cell.get("outputs", [])
        if position in exports:
            text = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream"
                           and o.get("name") == "stdout")
            question = exports[position]
            try:
                payload = parse_export(text, f"{token}-{question}")
            except AnswerError as exc:
                result.problems.append(f"{question}: the answers could not be read ({exc})")
                continue
            if payload is not None:
                result.snapshots[question] = decode_answers(payload)
            continue
        index = origin[position]
        if cell.get("execution_count") is not None or outputs:
            last_run = index
        for output in outputs:
            if output.get("output_type") == "error":
                label = cell_label(numbers.get(index, 0), notebook.cells[index].get("source", ""))
                evalue = str(output.get("evalue", ""))[:200]
                result.cell_errors.append(f"{label}: {output.get('ename', '?')}: {evalue}".rstrip(": "))
    if stopped_at is not None:
        where = (f" while running {cell_label(numbers.get(last_run, 0), notebook.cells[last_run].get('source', ''))}"
                 if last_run is not None and last_run in numbers else "")
        result.problems.insert(0, f"the kernel {stopped_at}{where}; questions not reached score 0"
                                  + (" (does a cell call os._exit, or use too much memory?)" if stopped_at == "died" else ""))
    return result
