"""Checks of an assignment's source notebook: what it would give away, and how it scores.

``medialit assign`` runs these before and after ``otter assign``; the kit's tests run them on
every source. They read the notebook's cells and code (Python's ``ast``); nothing is executed.

- :func:`find_leaks` and :func:`leak_fragments`: solution, model-answer or hidden-test text that
  would reach a student;
- :func:`public_test_leaks`: public tests that spell out an answer;
- :func:`scoring_problems`: points a wrong answer could earn (a public test with points, a
  question without a hidden test, tests that read no answer);
- :func:`rubrics_markdown`: the hand-graded questions' prompts, model answers and rubrics;
- :func:`estimated_minutes`: the minutes a student needs.

Example:
    >>> scoring_problems({"cells": []})
    []
"""
from __future__ import annotations

import json
import re
from typing import Any

import yaml

__all__ = ["MARKERS", "estimated_minutes", "find_leaks", "leak_fragments", "public_test_leaks",
           "rubrics_markdown", "scoring_problems"]


def _source_text(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


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
    from .key import build_key

    for question, entry in build_key(notebook, name="?")["questions"].items():
        if not entry["answers"]:
            problems.append(f"{question}: its tests read no answer variable (every name in them is set by the "
                            "setup cells), so they cannot tell a right answer from a wrong one")
    return problems


#: Minutes a student needs, per part of an assignment: starting, checking and handing in; an
#: auto-graded question (read the prompt, find the function, debug); a written answer (80-150
#: words with evidence from the text). Estimates for an undergraduate new to pandas, not timings.
MINUTES_BASE, MINUTES_AUTO, MINUTES_WRITTEN = 10, 8, 12


def estimated_minutes(notebook: dict[str, Any]) -> int:
    """The minutes a student needs for an assignment, from its questions, rounded to 5.

    The source notebook states it twice, in its metadata (``medialit: {minutes: N}``, which
    ``medialit assign`` copies into the student edition so that workloads can be added up) and
    in its introduction ("About N minutes"); the kit's tests check both against this estimate.

    >>> nb = {"cells": [{"cell_type": "raw", "source": "# BEGIN QUESTION\\nname: q1"},
    ...                 {"cell_type": "raw", "source": "# END QUESTION"},
    ...                 {"cell_type": "raw", "source": "# BEGIN QUESTION\\nname: q2\\nmanual: true"},
    ...                 {"cell_type": "raw", "source": "# END QUESTION"}]}
    >>> estimated_minutes(nb)
    30
    """
    from .key import question_blocks

    _setup, questions = question_blocks(notebook)
    raw = MINUTES_BASE + sum(MINUTES_WRITTEN if q["manual"] else MINUTES_AUTO for q in questions)
    return int(5 * round(raw / 5))


def hand_in_markdown(notebook: dict[str, Any], *, filename: str) -> str:
    """The "Check and hand in" section every source notebook ends with.

    It tells a student what ``medialit check`` does and what to upload, and names the questions
    graded by hand, read from the notebook's question configs.

    >>> nb = {"cells": [{"cell_type": "raw", "source": "# BEGIN QUESTION\\nname: q1"},
    ...                 {"cell_type": "raw", "source": "# END QUESTION"},
    ...                 {"cell_type": "raw", "source": "# BEGIN QUESTION\\nname: q2\\nmanual: true"},
    ...                 {"cell_type": "raw", "source": "# END QUESTION"}]}
    >>> "Question 2 is graded by hand" in hand_in_markdown(nb, filename="x.ipynb")
    True
    """
    from .key import question_blocks

    _setup, questions = question_blocks(notebook)
    manual = [q["name"].lstrip("q") for q in questions if q["manual"]]
    if not manual:
        by_hand = "Every question is graded automatically."
    elif len(manual) == 1:
        by_hand = f"Question {manual[0]} is graded by hand, with the rubric your instructor shares."
    else:
        listed = ", ".join(manual[:-1]) + f" and {manual[-1]}"
        by_hand = f"Questions {listed} are graded by hand, with the rubric your instructor shares."
    first = next((q["name"] for q in questions if not q["manual"]), "q1")
    return (
        "## Check and hand in\n"
        "\n"
        "1. **Save** the notebook (*File > Save Notebook*).\n"
        "2. **Check it.** In a terminal, in the kit's folder, run\n"
        f"   `.venv/bin/medialit check {filename}` (on Windows: `.venv\\Scripts\\medialit check {filename}`), giving the\n"
        "   path to your copy. It runs a copy of your notebook from the top in a fresh kernel, as the grader\n"
        "   will, and says for each auto-graded question whether your answer has the expected form, or what to\n"
        "   fix first. A cell that raises an error is named by its number, the `[n]` JupyterLab shows beside it\n"
        "   after *Kernel > Restart Kernel and Run All Cells*. The check cannot tell you whether an answer is\n"
        f"   right: hidden tests decide that when your notebook is graded. {by_hand} `grader.check(\"{first}\")` under a\n"
        "   question runs the same format checks for that question alone.\n"
        f"3. **Hand in** this one file, `{filename}`, where your instructor asks (your course's learning platform or\n"
        "   Gradescope). Any file name is fine; upload nothing else, as the grader runs the notebook itself,\n"
        "   from the top.\n"
    )
