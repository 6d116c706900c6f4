"""Give every exercise source notebook its "Check and hand in" section and its honest minutes.

The section (``medialit.grading.sources.hand_in_markdown``) and the minutes
(``estimated_minutes``, stated in the metadata ``medialit.minutes`` and as "About N minutes" in the
introduction) are derived from the notebook's questions, so a notebook whose questions change is
brought up to date by running this tool; ``--check`` only reports notebooks that are out of date
(exit 1).

    .venv/bin/python tools/exercise_housekeeping.py [--check] [NOTEBOOK ...]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from medialit.grading.sources import estimated_minutes, hand_in_markdown

ROOT = Path(__file__).resolve().parents[1]


def _source_lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    return lines


def tidy(notebook: dict, *, filename: str) -> dict:
    cells = notebook["cells"]
    footer = {"cell_type": "markdown", "id": "check-and-hand-in", "metadata": {},
              "source": _source_lines(hand_in_markdown(notebook, filename=filename))}
    if cells and cells[-1]["cell_type"] == "markdown" and "".join(cells[-1]["source"]).startswith("## Check and hand in"):
        cells[-1] = footer
    else:
        cells.append(footer)
    minutes = estimated_minutes(notebook)
    notebook.setdefault("metadata", {}).setdefault("medialit", {})["minutes"] = minutes
    intro = next(c for c in cells if c["cell_type"] == "markdown")
    text = "".join(intro["source"])
    if re.search(r"About \d+ minutes", text):
        text = re.sub(r"About \d+ minutes", f"About {minutes} minutes", text, count=1)
    else:
        raise SystemExit(f"{filename}: its introduction has no 'About N minutes' sentence to update; add one.")
    intro["source"] = _source_lines(text)
    return notebook


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report out-of-date notebooks, change nothing")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(p for p in (ROOT / "exercises").glob("*/*.ipynb"))
    stale = []
    for path in (p.resolve() for p in paths):
        before = json.loads(path.read_text(encoding="utf-8"))
        notebook = tidy(json.loads(json.dumps(before)), filename=path.name)
        if notebook != before:  # the content, not how the file happens to escape a character
            stale.append(path)
            if not args.check:
                path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for path in stale:
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(("out of date: " if args.check else "updated: ") + str(shown))
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
