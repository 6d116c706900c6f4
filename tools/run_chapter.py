"""Execute one chapter of the book in a fresh kernel and report what a full build would reject.

Usage: .venv/bin/python tools/run_chapter.py book/counting/tokens.md   (or: make chapter CH=...)

Checks the chapter's front matter, runs every code cell in a new `python3` kernel with the
chapter's folder as working directory, and reports any cell that raised (unless tagged
`raises-exception`) or wrote to stderr (warnings). Exits non-zero on any problem. This is the
quick loop for writing a chapter; `make book` remains the real check (cross-references, glue,
sphinx-exercise directives).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import jupytext
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from medialit.sphinxext import metadata_problems, read_front_matter


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    path = Path(argv[0])
    if not path.is_file():
        print(f"No such chapter: {path}")
        return 2
    problems = [f"front matter: {p}" for p in metadata_problems(read_front_matter(path))]
    # jupytext cannot read front matter holding a null value (content_note: null): drop those keys.
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        end = text.find("\n---", 3)
        kept = [line for line in text[3:end].splitlines() if not line.rstrip().endswith(": null")]
        text = "---" + "\n".join(kept) + text[end:]
    notebook = jupytext.reads(text, fmt="md:myst")
    started = time.perf_counter()
    client = NotebookClient(
        notebook, kernel_name="python3", timeout=180, allow_errors=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        problems.append(f"a cell raised:\n{exc}")
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                problems.append(f"cell {index} wrote to stderr: {output.get('text', '')[:500]}")
    elapsed = time.perf_counter() - started
    if problems:
        print(f"{path}: {len(problems)} problem(s) in {elapsed:.1f} s")
        for problem in problems:
            print(" -", problem)
        return 1
    print(f"{path}: executed cleanly in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
