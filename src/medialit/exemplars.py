"""Sample answers to the hand-graded notebook questions, scored with each question's rubric.

Every question of the exercise notebooks that is graded by hand (``manual: true`` in its
``# BEGIN QUESTION`` config) has, in ``data/teaching/exemplars.yml``, a strong and a weak sample
answer, each with its score under the question's rubric and the reason, rubric point by rubric
point, and a ``worksheet`` wording of the question without code, for the printable worksheets
of the no-code pathway (:func:`medialit.materials.worksheet_html`).

The question's prompt, points and rubric are read from the notebook itself
(:func:`manual_questions`), never retyped; :func:`exemplar_problems` checks that the data file
covers exactly the manual questions, that scores lie within the question's points, that the
strong answer scores above the weak one, and that the worksheet wording holds no code.

Example:
    >>> looks_like_code("Set `n_tokens` to an int")
    True
    >>> looks_like_code("Whose words are they, and how do you know?")
    False
"""
from __future__ import annotations

import functools
import json
import re
from typing import Any

import pandas as pd
import yaml

from .corpus import verify_file
from .errors import DataFileError
from .resources import data_path

__all__ = ["ExemplarDataError", "capstone_exemplar_scores", "exemplar_problems", "exemplars_markdown", "load_exemplars", "looks_like_code",
           "manual_questions"]

_CODE = re.compile(r"`|\w\(|\b\w+\[|\b\w+_\w+\b|==|\bdef\b|\bimport\b|\bprint\(|^\s*>>>", re.MULTILINE)


class ExemplarDataError(DataFileError):
    """``data/teaching/exemplars.yml`` is not in the expected shape."""


def looks_like_code(text: str) -> bool:
    """Whether a text holds something a student would need Python to read: backticks, a call,
    an index, a snake_case name, an import."""
    return bool(_CODE.search(text))


def _text(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


@functools.cache
def manual_questions() -> pd.DataFrame:
    """Every hand-graded notebook question: ``item`` (``<assignment>:<question>``), ``assignment``,
    ``question``, ``points``, ``prompt`` and ``rubric`` (the notebook's Markdown, as written).
    Alternative-case editions are left out: their rubrics stand in their own notebooks, and the
    sample answers here are for the central case."""
    from .teaching import assignment_index

    rows = []
    for name, path in sorted(assignment_index(alternatives=False).items()):
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        current: dict[str, Any] | None = None
        for cell in cells:
            text = _text(cell).strip()
            if cell.get("cell_type") == "raw" and text.startswith("# BEGIN QUESTION"):
                config = yaml.safe_load(text.removeprefix("# BEGIN QUESTION")) or {}
                current = {"item": f"{name}:{config.get('name')}", "assignment": name, "question": config.get("name"),
                           "points": config.get("points"), "prompt": "", "rubric": ""} if config.get("manual") else None
                if current is not None:
                    rows.append(current)
            elif cell.get("cell_type") == "raw" and text.startswith("# END QUESTION"):
                current = None
            elif current is not None and cell.get("cell_type") == "markdown":
                if not current["prompt"]:
                    current["prompt"] = text
                elif "**Rubric" in text and not current["rubric"]:
                    current["rubric"] = text[text.index("**Rubric"):]
    return pd.DataFrame(rows, columns=["item", "assignment", "question", "points", "prompt", "rubric"])


@functools.cache
def load_exemplars() -> tuple[dict[str, Any], ...]:
    """Read and check the shape of ``data/teaching/exemplars.yml`` (one dict per question)."""
    path = data_path("teaching", "exemplars.yml")
    verify_file(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = data.get("exemplars") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ExemplarDataError(f"{path} must hold a list 'exemplars'.")
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("item", "worksheet")):
            raise ExemplarDataError(f"{path}, entry {i}: needs 'item' and 'worksheet' (text).")
        for kind in ("strong", "weak"):
            answer = entry.get(kind)
            if not (isinstance(answer, dict) and isinstance(answer.get("answer"), str)
                    and isinstance(answer.get("why"), str) and isinstance(answer.get("score"), (int, float))
                    and not isinstance(answer.get("score"), bool)):
                raise ExemplarDataError(f"{path}, {entry['item']}: '{kind}' needs 'answer', 'score' (a number) and "
                                        "'why'.")
    return tuple(entries)


def exemplar_problems() -> list[str]:
    """What keeps the sample answers from matching the notebooks; empty when they do."""
    questions = manual_questions().set_index("item")
    entries = load_exemplars()
    problems = []
    items = [e["item"] for e in entries]
    for item in sorted({i for i in items if items.count(i) > 1}):
        problems.append(f"{item} has more than one entry")
    for item in sorted(set(questions.index) - set(items)):
        problems.append(f"{item} is graded by hand but has no sample answers")
    for entry in entries:
        item = entry["item"]
        if item not in questions.index:
            problems.append(f"{item} is not a hand-graded notebook question")
            continue
        points = questions.loc[item, "points"]
        strong, weak = entry["strong"]["score"], entry["weak"]["score"]
        if not 0 <= weak < strong <= points:
            problems.append(f"{item}: scores must satisfy 0 <= weak < strong <= {points} points; got weak {weak}, "
                            f"strong {strong}")
        if looks_like_code(entry["worksheet"]):
            problems.append(f"{item}: the worksheet wording holds code; say it in words")
        if not questions.loc[item, "rubric"]:
            problems.append(f"{item}: its notebook has no rubric to score against")
    return problems


def exemplars_markdown(assignment: str) -> str:
    """The sample answers of one assignment's hand-graded questions, as MyST Markdown: the prompt and
    rubric from the notebook, then each answer with its score, folded."""
    questions = manual_questions()
    by_item = {e["item"]: e for e in load_exemplars()}
    blocks = []
    for row in questions[questions["assignment"] == assignment].itertuples():
        entry = by_item.get(row.item)
        if entry is None:
            continue
        blocks.append(f"**{row.question} ({row.points} points).** " + re.sub(r"^\*\*Question \d+[^*]*\*\*\s*", "",
                                                                              row.prompt))
        blocks.append(row.rubric)
        for kind, title in (("strong", "A strong answer"), ("weak", "A weak answer")):
            answer = entry[kind]
            blocks.append(f"````{{admonition}} {title}: {answer['score']:g} of {row.points:g}\n:class: dropdown\n"
                          f"{answer['answer'].strip()}\n\n*Score, point by point:* {answer['why'].strip()}\n````")
    return "\n\n".join(blocks) + "\n"


def capstone_exemplar_scores() -> pd.DataFrame:
    """The rubric scores of the two model capstone reports, read from the table on the capstone's
    exemplar page (``book/capstone/exemplar.md``), so that other pages cite them without retyping.

    Returns one row per criterion with the columns ``criterion``, ``A`` and ``B`` (a score, or
    "pass"/"fail" for the care condition).

    >>> scores = capstone_exemplar_scores()
    >>> list(scores.columns)
    ['criterion', 'A', 'B']
    """
    from .curriculum import book_root

    page = book_root() / "book" / "capstone" / "exemplar.md"
    text = page.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.startswith("| ")]
    header = next((i for i, line in enumerate(lines) if line.replace(" ", "").startswith("|criterion|A|whyA|B|whyB|")),
                  None)
    if header is None:
        raise ExemplarDataError(f"{page} has no score table with the columns criterion | A | why A | B | why B.")
    rows = []
    for line in lines[header + 1:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if set("".join(cells)) <= set("-: "):
            continue        # the separator row
        if len(cells) != 5:
            break
        rows.append({"criterion": cells[0], "A": cells[1], "B": cells[3]})
    return pd.DataFrame(rows, columns=["criterion", "A", "B"])
