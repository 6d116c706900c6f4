"""The ``medialit`` command: build assignments, grade submissions, and let students check their work.

Six subcommands (``medialit COMMAND --help`` explains each, with an example):

- ``medialit assign`` — build the student and instructor editions of every assignment;
- ``medialit grade SUBMISSIONS_DIR --out gradebook.csv`` — grade a folder of notebooks offline;
- ``medialit check NOTEBOOK`` — run a notebook's public tests and print the feedback;
- ``medialit report CORPUS --out REPORT_DIR`` — the capstone's report on your own articles;
- ``medialit setup`` — register the Jupyter kernel and JupyterLab's settings (after ``pip install``);
- ``medialit notebooks [--student] --out notebooks`` — each chapter as a notebook to read and run.

Exit codes: 0 when the command did its job (for ``grade``: the run completed, whatever the
scores; for ``check``: every public test passes), 1 when it finished with problems (an
assignment that failed to build, a public test that does not pass yet, corpus records that
could not be loaded), 2 for a usage error (a missing folder, an unreadable file).

Example:
    >>> main(["--version"])  # doctest: +ELLIPSIS
    medialit ...
    0
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

__all__ = ["EXTRA_OF", "main", "build_parser"]

#: The pyproject extra each subcommand needs beyond the core library (``report`` needs none).
EXTRA_OF = {"assign": "grading", "grade": "grading", "check": "grading", "setup": "book", "notebooks": "book"}

_ASSIGN_EXAMPLE = """\
examples:
  medialit assign
      build every exercises/<part>/<chapter>.ipynb into exercises/dist/
  medialit assign exercises/counting/frequencies.ipynb
      rebuild one assignment only

writes, for each source notebook:
  exercises/dist/student/<part>/<chapter>.ipynb            hand this out
  exercises/dist/instructor/<part>/<chapter>.ipynb         solutions
  exercises/dist/instructor/<part>/<chapter>-rubrics.md    model answers and rubrics
  exercises/dist/instructor/<part>/<chapter>-autograder.zip  for `medialit grade` or Gradescope
"""

_GRADE_EXAMPLE = """\
examples:
  medialit grade submissions/ --out gradebook.csv
      grade every .ipynb in submissions/ against the assignment they name
  medialit grade submissions/ --assignment counting-frequencies --timeout 300 --jobs 4
  medialit grade submissions/ --autograder exercises/dist/instructor/counting/frequencies-autograder.zip
  medialit grade submissions/ --out gradebook.csv --manual manual.csv
      also merge the points you gave by hand (one row per notebook, one column per question
      graded by hand, e.g. `submission,q6,q7` then `alice.ipynb,3,2`; an empty cell: not graded yet)

The CSV has one row per file in SUBMISSIONS_DIR: submission, assignment, one column per
auto-graded question (and, with --manual, per question graded by hand), total, possible, and
error (what went wrong, or a note). A notebook is a file whose name ends in .ipynb in any case
(UPPER.IPYNB is graded, with a note); every other file or folder gets a row saying why it was
not graded. A notebook lacking fields nbformat requires (cell outputs or metadata, say) is
repaired on a copy and graded, with a note. Names starting with = + - @ are written with a
leading ' so that a spreadsheet shows them as text. --out is checked before grading starts.

With --manual, every value is checked first; a problem (an unknown notebook or question, a
duplicate, a value that is not a number or is above the question's points) is reported with its
file, line and value, and nothing is graded or written.

Each notebook runs in a fresh kernel; its answers are scored in a separate process that never ran
student code, so nothing in a notebook can raise its score. The submitted files are never changed.
Grading runs the students' code on your machine: grade untrusted work in a container.
"""

_CHECK_EXAMPLE = """\
example:
  medialit check frequencies.ipynb

Runs your notebook from the top in a fresh kernel, as the grader will (your file is not changed),
then the public tests of every auto-graded question, and prints, per question, whether the answer
has the expected form or what to fix first. Cells that raise an error are named by the number
JupyterLab shows beside them after Kernel > Restart Kernel and Run All Cells. The public tests
check the type and shape of your answers; whether they are right is decided by hidden tests when
the notebook is graded. Then upload the one .ipynb file where your instructor asked.
"""

_REPORT_EXAMPLE = """\
examples:
  medialit report my_articles/ --out my_report
      a folder of .txt files (optional YAML front matter: title, outlet, date)
  medialit report articles.csv --out my_report --top 30
      a CSV or JSON Lines file with the columns title, outlet, date, text

Runs the kit's analyses (frequencies, keyness between outlets, label choices, the attribution
audit, frame and technique cues) and writes CSV tables, PNG figures with alt text, and
my_report/index.md, which says what each file holds. Records that cannot be loaded (an empty
text, a bad date, a missing field, a duplicate id) are listed with their file and line, here
and in my_report/problems.csv; the others are analysed.
"""


_SETUP_EXAMPLE = """\
example (after `pip install -c requirements/constraints.txt -e ".[book,grading]"` in a virtual environment):
  .venv/bin/medialit setup            (Windows: .venv\\Scripts\\medialit setup)

writes, inside the environment (never in your home folder):
  <env>/share/jupyter/kernels/python3/                       the kernel "Python 3 (medialit)"
  <env>/etc/jupyter/labconfig/default_setting_overrides.json  chapters open as notebooks; no news
  <env>/etc/jupyter/jupyter_lab_config.json                  no update check or extension manager
  <env>/etc/jupyter/labconfig/page_config.json               no rebuild check (JupyterLab is prebuilt)
"""

_NOTEBOOKS_EXAMPLE = """\
examples:
  medialit notebooks --out notebooks
      every chapter, solutions folded, into notebooks/<part>/<chapter>.ipynb
  medialit notebooks --student --out notebooks
      the student edition: no solutions
  medialit notebooks book/framing/labels.md --out notebooks
      one chapter

then open them: jupyter lab notebooks   (from the kit's environment)
Regenerate rather than edit: the notebooks are written afresh each time (your changes are lost).
"""


def _seconds(text: str) -> float:
    """An argparse type: a positive, finite number of seconds (``nan``, ``inf``, 0 and below are refused)."""
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds (give e.g. 180)")
    return value


def _jobs(text: str) -> int:
    """An argparse type: a whole number of jobs, at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``medialit`` command."""
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="medialit",
        description="Tools of the course kit 'Reading Propaganda Coverage': build the assignable "
                    "notebooks, grade submissions offline, and check a notebook before handing it in.",
        epilog="Run `medialit COMMAND --help` for the details and an example of each command.",
    )
    parser.add_argument("--version", action="version", version=f"medialit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    assign = sub.add_parser(
        "assign", help="build the student and instructor editions of the assignments",
        description="Build the student edition (no solutions, public tests only) and the instructor "
                    "edition (solutions, rubrics, autograder zip) of every assignment, with otter-grader, "
                    "offline. A source that fails is reported and the others are still built.",
        epilog=_ASSIGN_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    assign.add_argument("sources", nargs="*", type=Path, metavar="SOURCE",
                        help="source notebooks to build (default: every exercises/<part>/<chapter>.ipynb)")
    assign.add_argument("--dist", type=Path, default=None,
                        help="output folder (default: exercises/dist)")
    assign.add_argument("--jobs", type=_jobs, default=None, help="builds at once (default: number of CPUs)")

    grade = sub.add_parser(
        "grade", help="grade a folder of submitted notebooks into a CSV gradebook",
        description="Grade every .ipynb in SUBMISSIONS_DIR locally against an otter-grader autograder zip, "
                    "offline, in parallel, with a timeout per notebook. Copies are graded; the originals are "
                    "never changed, and a broken submission is recorded in the error column, never stopping the run.",
        epilog=_GRADE_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    grade.add_argument("submissions", type=Path, metavar="SUBMISSIONS_DIR",
                       help="folder holding the submitted .ipynb files")
    grade.add_argument("--out", type=Path, default=Path("gradebook.csv"),
                       help="the CSV to write (default: gradebook.csv)")
    grade.add_argument("--autograder", type=Path, default=None, metavar="ZIP",
                       help="the autograder zip to use (default: the one of the assignment the notebooks name)")
    grade.add_argument("--assignment", default=None, metavar="NAME",
                       help="grade against this assignment's zip in exercises/dist/instructor/")
    grade.add_argument("--dist", type=Path, default=None,
                       help="where `medialit assign` wrote the editions (default: exercises/dist)")
    grade.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                       help="seconds one notebook may run before it is stopped (default: 180)")
    grade.add_argument("--jobs", type=_jobs, default=None,
                       help="notebooks graded at once (default: number of CPUs)")
    grade.add_argument("--manual", type=Path, default=None, metavar="CSV",
                       help="points given by hand, merged into the gradebook (checked first; see below)")
    grade.add_argument("--no-progress", action="store_true", help="no progress bar")

    check = sub.add_parser(
        "check", help="run a notebook's public tests and print the feedback (for students)",
        description="Check an assignment notebook before handing it in: run it in a fresh kernel, "
                    "then its public tests, and print the feedback.",
        epilog=_CHECK_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("notebook", type=Path, metavar="NOTEBOOK", help="your assignment notebook (.ipynb)")
    check.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                       help="seconds one cell may run (default: 180)")

    report = sub.add_parser(
        "report", help="run the whole toolkit over your own articles and write a report (the capstone)",
        description="Load a corpus (a folder of .txt files, a CSV or a JSON Lines file), report every "
                    "record that cannot be loaded, and write the capstone's tables and figures to a folder.",
        epilog=_REPORT_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    report.add_argument("corpus", type=Path, metavar="CORPUS", help="a folder of .txt files, a .csv or a .jsonl file")
    report.add_argument("--out", type=Path, required=True, metavar="REPORT_DIR",
                        help="the folder to write the report to (created if needed)")
    report.add_argument("--top", type=int, default=20, help="words shown in the frequency and keyness figures")
    report.add_argument("--no-progress", action="store_true", help="no progress bar")

    setup = sub.add_parser(
        "setup", help="register the Jupyter kernel and JupyterLab's settings in this environment",
        description="Make the kit's environment ready for JupyterLab, on any operating system: register "
                    "this Python as the Jupyter kernel 'python3' (\"Python 3 (medialit)\"), open MyST "
                    "chapters as notebooks, and keep JupyterLab offline (no news, update checks or "
                    "extension manager). Run it once after installing the kit with pip; `make setup` runs it.",
        epilog=_SETUP_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    setup.add_argument("--quiet", action="store_true", help="print nothing when all goes well")
    setup.add_argument("--prefix", type=Path, default=None,
                       help="the environment to set up (default: the one running this command)")

    notebooks = sub.add_parser(
        "notebooks", help="write each chapter of the book as a notebook to read and run in JupyterLab",
        description="Write the reader notebook of every notebook page of the book (or of the PAGEs "
                    "given): the page's numbers in its text, its figures, its exercises with the "
                    "solutions folded (or removed, with --student), and its code, run once so that the "
                    "outputs are there. Pages run in a fresh kernel, JOBS at a time.",
        epilog=_NOTEBOOKS_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    notebooks.add_argument("pages", nargs="*", type=Path, metavar="PAGE",
                           help="pages to convert, e.g. book/framing/labels.md (default: every notebook page)")
    notebooks.add_argument("--out", type=Path, default=Path("notebooks"),
                           help="the folder to write to (default: notebooks)")
    notebooks.add_argument("--student", action="store_true",
                           help="the student edition: solutions removed, with their code cells")
    notebooks.add_argument("--jobs", type=_jobs, default=None, help="pages at once (default: number of CPUs)")
    notebooks.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                           help="seconds one cell may run (default: 180)")
    return parser


def _assign(args: argparse.Namespace) -> int:
    from .assign import build_all, discover_sources, repo_root
    from .outpaths import OutputPathError, check_output_folder

    for source in args.sources:
        if not source.is_file():
            print(f"medialit assign: error: {source} is not a file; expected a source notebook "
                  "exercises/<part>/<chapter>.ipynb.", file=sys.stderr)
            return 2
    try:
        check_output_folder(args.dist if args.dist is not None else repo_root() / "exercises" / "dist",
                            option="--dist")
    except OutputPathError as exc:
        print(f"medialit assign: error: {exc}", file=sys.stderr)
        return 2
    sources = args.sources or discover_sources()
    if not sources:
        print("medialit assign: no source notebooks found (exercises/<part>/<chapter>.ipynb); nothing to build.",
              file=sys.stderr)
        return 0
    print(f"Building {len(sources)} assignment(s) with otter-grader (each runs its own tests)...", file=sys.stderr)

    def report(source, built, error):
        if built is not None:
            print(f"  built  {source}", file=sys.stderr)
        else:
            print(f"  FAILED {error}", file=sys.stderr)

    result = build_all(args.sources or None, args.dist, jobs=args.jobs, on_done=report)
    if result.built:
        dist = result.built[0].student.parents[2]
        print(f"Wrote {len(result.built)} assignment(s) to {dist}/student and {dist}/instructor.")
    if result.failed:
        print(f"{len(result.failed)} assignment(s) failed:", file=sys.stderr)
        for _source, message in result.failed:
            print(f"  {message}", file=sys.stderr)
        return 1
    return 0


def _grade(args: argparse.Namespace) -> int:
    from .grading import DEFAULT_TIMEOUT, GradingError, choose_autograder, grade_folder, read_manual
    from .grading.pool import list_submissions, not_graded_reason
    from .outpaths import OutputPathError, check_output_file

    started = time.monotonic()
    manual, maxima = None, None
    try:
        # Check where the gradebook goes, and the hand-graded points, before grading anything:
        # a typo costs seconds, not a run.
        check_output_file(args.out, option="--out")
        autograder = args.autograder
        if args.manual is not None:
            folder = Path(args.submissions)
            notebooks = [p for p in list_submissions(folder) if not_graded_reason(p) is None]
            names = [p.name for p in notebooks]
            grader = choose_autograder(notebooks, autograder=args.autograder,
                                       assignment=args.assignment, dist=args.dist)
            maxima = dict((grader.key or {}).get("manual", {}))
            manual = read_manual(args.manual, maxima=maxima, submissions=names)
            autograder = grader.path
        grader, grades = grade_folder(
            args.submissions, autograder=autograder, assignment=args.assignment, dist=args.dist,
            timeout=args.timeout if args.timeout is not None else DEFAULT_TIMEOUT, jobs=args.jobs,
            progress=not args.no_progress)
    except (GradingError, OutputPathError) as exc:
        print(f"medialit grade: error: {exc}", file=sys.stderr)
        return 2
    out = _write_gradebook_somewhere(args.out, grades, questions=grader.questions, manual=manual,
                                     manual_maxima=maxima)
    if out is None:
        return 1
    notebooks = [g for g in grades if g.notebook]
    others = len(grades) - len(notebooks)
    problems = sum(bool(g.error) for g in notebooks)
    print(f"Graded {len(notebooks)} notebook(s) against {grader.name or grader.path.name} in "
          f"{time.monotonic() - started:.0f} s; {problems} with a problem or a note (see the error column)"
          + (f"; {others} other file(s) listed, not graded" if others else "") + f". Gradebook: {out}")
    return 0


def _write_gradebook_somewhere(out: Path, grades, **options) -> Path | None:
    """Write the gradebook to ``out``; if that fails after all, to a temporary file, so no run is lost."""
    import tempfile

    from .grading import write_gradebook

    try:
        return write_gradebook(grades, out, **options)
    except OSError as exc:
        reason = exc.strerror or str(exc)
    handle, rescue = tempfile.mkstemp(prefix="medialit-gradebook-", suffix=".csv")
    os.close(handle)
    write_gradebook(grades, rescue, **options)
    print(f"medialit grade: error: cannot write {out} ({reason}); the gradebook was written to {rescue} "
          "instead.", file=sys.stderr)
    return None


def _check(args: argparse.Namespace) -> int:
    from .grading import DEFAULT_TIMEOUT, GradingError, check_notebook

    try:
        report = check_notebook(args.notebook,
                                timeout=args.timeout if args.timeout is not None else DEFAULT_TIMEOUT)
    except GradingError as exc:
        print(f"medialit check: error: {exc}", file=sys.stderr)
        return 2
    print(report.text())
    return 0 if report.passed else 1


def _report(args: argparse.Namespace) -> int:
    from .corpus import load_corpus
    from .errors import CorpusError
    from .outpaths import OutputPathError, check_output_folder
    from .report import corpus_report

    if args.top < 1:
        print(f"medialit report: error: --top must be at least 1; got {args.top}.", file=sys.stderr)
        return 2
    try:
        check_output_folder(args.out, option="--out")
    except OutputPathError as exc:
        print(f"medialit report: error: {exc}", file=sys.stderr)
        return 2
    try:
        loaded = load_corpus(args.corpus, errors="report")
    except (CorpusError, FileNotFoundError, TypeError) as exc:
        print(f"medialit report: error: {exc}", file=sys.stderr)
        return 2
    records, problems = loaded
    if len(problems):
        print(f"{len(problems)} problem(s) in {args.corpus}:", file=sys.stderr)
    for row in problems.itertuples(index=False):
        print(f"  {row.file}:{row.line}: {row.problem}", file=sys.stderr)
    if records.empty:
        print(f"medialit report: error: no record of {args.corpus} could be loaded "
              f"({len(problems)} problem(s), listed above); nothing to report.", file=sys.stderr)
        return 2
    report = corpus_report(loaded, args.out, top=args.top, progress=not args.no_progress)
    for note in report.notes:
        print(f"Note: {note}", file=sys.stderr)
    outlets = records["outlet"].nunique()
    print(f"Wrote the report on {len(records)} article(s) from {outlets} outlet(s) to {report.out_dir}: "
          f"{len(report.tables)} table(s), {len(report.figures)} figure(s); start with "
          f"{report.out_dir / 'index.md'}.")
    if len(problems):
        bad = problems[["file", "line"]].drop_duplicates().shape[0]
        print(f"{bad} record(s) could not be loaded and are not in the report: see above, or "
              f"{report.out_dir / 'problems.csv'}.")
        return 1
    return 0


def _setup(args: argparse.Namespace) -> int:
    from .setup_cmd import setup

    try:
        result = setup(prefix=args.prefix)
    except (OSError, ValueError) as exc:
        print(f"medialit setup: error: {exc}", file=sys.stderr)
        return 2
    if not args.quiet or result.notes:
        print(result.text())
    return 0


def _notebooks(args: argparse.Namespace) -> int:
    from .notebooks import DEFAULT_TIMEOUT, ReaderNotebookError, write_reader_notebooks

    edition = "student" if args.student else "instructor"
    for page in args.pages:
        if not page.is_file():
            print(f"medialit notebooks: error: {page} is not a file; expected a page such as "
                  "book/framing/labels.md.", file=sys.stderr)
            return 2

    def report(written, error, seconds):
        if error:
            print(f"  FAILED {error}", file=sys.stderr)
        else:
            print(f"  wrote {written} ({seconds:.0f} s)", file=sys.stderr)

    print(f"Writing the {edition} edition of the reader notebooks to {args.out} (each page runs once)...",
          file=sys.stderr)
    try:
        result = write_reader_notebooks(
            args.out, edition=edition, pages=[p.resolve() for p in args.pages] or None, jobs=args.jobs,
            timeout=args.timeout if args.timeout is not None else DEFAULT_TIMEOUT, on_done=report)
    except ReaderNotebookError as exc:
        print(f"medialit notebooks: error: {exc}", file=sys.stderr)
        return 2
    print(f"Wrote {len(result.written)} notebook(s) to {args.out} in {result.seconds:.0f} s. "
          f"Open them with: jupyter lab {args.out}")
    if result.failed:
        print(f"{len(result.failed)} page(s) failed (see above).", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the ``medialit`` command with ``argv`` (default: the command line); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help()
        return 2
    handler = {"assign": _assign, "grade": _grade, "check": _check, "report": _report,
               "setup": _setup, "notebooks": _notebooks}[args.command]
    try:
        return handler(args)
    except ModuleNotFoundError as exc:
        extra = EXTRA_OF.get(args.command)
        if extra is None or not exc.name or exc.name.partition(".")[0] == "medialit":
            raise
        print(f"medialit {args.command}: error: the package {exc.name!r} is not installed. This command needs "
              f"the kit's {extra!r} extra; from the kit's folder, install it with\n"
              f'  pip install -c requirements/constraints.txt -e ".[{extra}]"', file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
