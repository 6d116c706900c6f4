"""The answer key's shape: which variables answer each question, and the setup the tests need.

Hidden tests compare a student's answer variables with values they compute themselves from the
kit's functions and the notebook's setup (``seed = load_article(...)``). To score them in a
process that never ran the student's code, the grader needs to know, per question, which names
the tests read from the student (the *answers*), and which come from the setup cells every
notebook shares. :func:`build_key` works this out from a source notebook by reading the code
(Python's ``ast``), never by running it; ``medialit assign`` stores the key in the autograder zip
(``medialit/key.json``) and the answer names in the student edition's metadata.

Example:
    >>> sorted(free_names("assert answer == len(tokenize(TEXT))"))
    ['TEXT', 'answer', 'tokenize']
"""
from __future__ import annotations

import ast
import builtins
import re
from typing import Any

import yaml

__all__ = ["KEY_FORMAT", "bound_names", "build_key", "free_names", "question_blocks"]

#: Version of the key's JSON layout; a grader refuses a key of another version.
KEY_FORMAT = 1

_BUILTINS = frozenset(dir(builtins))
_TEST_CONFIG_RE = re.compile(r'^\s*(?:\w+\s*=\s*)?"{1,3}\s*#\s*BEGIN\s*TEST\s*CONFIG.*?"{1,3}\s*#\s*END\s*TEST\s*CONFIG[^\n]*\n?',
                             re.IGNORECASE | re.DOTALL)


def _parse(code: str) -> ast.AST | None:
    code = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!")))
    try:
        return ast.parse(code)
    except SyntaxError:
        return None


def bound_names(code: str) -> set[str]:
    """Names a piece of code binds at any level: assignments, imports, definitions, loop targets.

    >>> sorted(bound_names("import pandas as pd\\nfrom x import y\\nfor i in z: k = i\\ndef f(a): pass"))
    ['f', 'i', 'k', 'pd', 'y']
    """
    tree = _parse(code)
    if tree is None:
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name != "*":
                    names.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def free_names(code: str) -> set[str]:
    """Names a piece of code reads but neither binds nor finds among Python's builtins.

    Function parameters count as bound. The analysis is by name, not by scope: a name bound
    anywhere in the code is not free. That is the right answer for test cells, which are short.
    """
    tree = _parse(code)
    if tree is None:
        return set()
    loaded = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    params = {a.arg for n in ast.walk(tree) if isinstance(n, ast.arguments)
              for a in [*n.posonlyargs, *n.args, *n.kwonlyargs, *filter(None, [n.vararg, n.kwarg])]}
    return loaded - bound_names(code) - params - _BUILTINS


def _text(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def question_blocks(notebook: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """Split a source notebook into its setup code cells and its questions.

    Returns:
        ``(setup, questions)``: the code of every code cell outside a question, in order, and one
        dict per question: ``name``, ``points``, ``manual``, ``solution`` (code of its solution
        and prompt code cells) and ``tests`` (a list of ``(hidden, code)``, the test config
        header removed).
    """
    setup: list[str] = []
    questions: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    stack: list[str] = []
    for cell in notebook.get("cells", []):
        text = _text(cell)
        stripped = text.strip()
        kind = cell.get("cell_type")
        if kind == "raw" and stripped.startswith("# ASSIGNMENT CONFIG"):
            continue
        if kind == "raw" and stripped.startswith("# BEGIN "):
            block = stripped.removeprefix("# BEGIN ").split()[0].lower()
            stack.append(block)
            if block == "question":
                config = yaml.safe_load(stripped.removeprefix("# BEGIN QUESTION")) or {}
                config = config if isinstance(config, dict) else {}
                current = {"name": str(config.get("name", "?")), "points": config.get("points"),
                           "manual": bool(config.get("manual", False)), "solution": [], "tests": []}
            continue
        if kind == "raw" and stripped.startswith("# END "):
            block = stack.pop() if stack else ""
            if block == "question" and current is not None:
                questions.append(current)
                current = None
            continue
        if kind != "code":
            continue
        if current is None:
            setup.append(text)
        elif stack and stack[-1] == "tests":
            match = _TEST_CONFIG_RE.match(text)
            config: Any = {}
            body = text
            if match:
                body = text[match.end():]
                header = match.group(0)
                inner = re.sub(r'^\s*(?:\w+\s*=\s*)?"{1,3}\s*#\s*BEGIN\s*TEST\s*CONFIG', "", header, flags=re.I)
                inner = re.sub(r'"{1,3}\s*#\s*END\s*TEST\s*CONFIG[^\n]*\n?$', "", inner, flags=re.I)
                try:
                    config = yaml.safe_load(inner) or {}
                except yaml.YAMLError:
                    config = {}
            hidden = body.lstrip().startswith("# HIDDEN")
            if isinstance(config, dict) and "hidden" in config:
                hidden = bool(config["hidden"])
            current["tests"].append((hidden, body))
        else:
            current["solution"].append(text)
    return setup, questions


def build_key(notebook: dict[str, Any], *, name: str) -> dict[str, Any]:
    """The answer key's shape for a source notebook (no answers in it: names and setup code only).

    Args:
        notebook: a source notebook in otter's assign format (JSON dict).
        name: the assignment name.

    Returns:
        ``{"format", "assignment", "setup": [code, ...], "questions": {q: {"answers": [...]}}}``,
        one entry per auto-graded question. A question's answers are the names its tests read that
        the setup does not bind, sorted.

    >>> nb = {"cells": [
    ...     {"cell_type": "code", "source": "from medialit.text import tokenize\\nTEXT = 'a b'"},
    ...     {"cell_type": "raw", "source": "# BEGIN QUESTION\\nname: q1\\npoints: 1"},
    ...     {"cell_type": "code", "source": "n = len(tokenize(TEXT))  # SOLUTION"},
    ...     {"cell_type": "raw", "source": "# BEGIN TESTS"},
    ...     {"cell_type": "code", "source": "# HIDDEN\\nassert n == len(tokenize(TEXT))"},
    ...     {"cell_type": "raw", "source": "# END TESTS"},
    ...     {"cell_type": "raw", "source": "# END QUESTION"}]}
    >>> build_key(nb, name="demo")["questions"]
    {'q1': {'answers': ['n']}}
    """
    setup, questions = question_blocks(notebook)
    setup_bound: set[str] = set()
    for code in setup:
        setup_bound |= bound_names(code)
    key_questions: dict[str, Any] = {}
    for question in questions:
        if question["manual"] or not question["tests"]:
            continue
        names: set[str] = set()
        for _hidden, code in question["tests"]:
            names |= free_names(code)
        key_questions[question["name"]] = {"answers": sorted(names - setup_bound)}
    return {"format": KEY_FORMAT, "assignment": name, "setup": setup, "questions": key_questions}
