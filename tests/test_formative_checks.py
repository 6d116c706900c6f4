"""Formative checks (issue 15): every chapter of Parts I-III ends with a few concept questions whose
answers are folded, marked so that a script can count them.

The form, in a chapter's MyST source::

    ::::{admonition} Check: a short title
    :class: check
    :name: check-<page label>-<n>
    The question.

    :::{admonition} Answer
    :class: dropdown
    The answer.
    :::
    ::::

The answers stay in the student edition on purpose: they are for self-checking, not graded.
"""
from __future__ import annotations

import re

import pytest

from bookutils import ROOT
from medialit.curriculum import book_pages

PARTS = ("Part I:", "Part II:", "Part III:")
CHAPTERS = [p for p in book_pages() if p.part.startswith(PARTS) and not p.entry.endswith("/index")]

_CHECK = re.compile(r"^::::\{admonition\}[^\n]*\n:class: check\n:name: (check-[\w-]+)\n(.*?)^::::\s*$",
                    re.MULTILINE | re.DOTALL)
_ANSWER = re.compile(r"^:::\{admonition\} Answer\n:class: dropdown\n(.+?)^:::\s*$", re.MULTILINE | re.DOTALL)


def formative_checks(source: str) -> list[tuple[str, str, str]]:
    """(name, question, answer) of every formative check in a page's source."""
    found = []
    for match in _CHECK.finditer(source):
        body = match.group(2)
        answer = _ANSWER.search(body)
        question = body[:answer.start()] if answer else body
        found.append((match.group(1), question.strip(), answer.group(1).strip() if answer else ""))
    return found


def test_the_parser_finds_a_check_and_its_answer():
    page = ("::::{admonition} Check: x\n:class: check\n:name: check-frames-1\nWhy?\n\n"
            ":::{admonition} Answer\n:class: dropdown\nBecause.\n:::\n::::\n")
    assert formative_checks(page) == [("check-frames-1", "Why?", "Because.")]
    assert formative_checks(page.replace(":class: dropdown\nBecause.\n:::\n", "")) [0][2] == ""
    assert formative_checks("```{admonition} A box\n:class: measure\n```") == []


def test_there_are_chapters_to_check():
    assert len(CHAPTERS) >= 10, [p.entry for p in CHAPTERS]


@pytest.mark.parametrize("page", CHAPTERS, ids=lambda p: p.entry)
def test_every_chapter_has_formative_checks_with_folded_answers(page):
    checks = formative_checks(page.path.read_text(encoding="utf-8"))
    assert len(checks) >= 2, f"{page.entry}: add at least two formative checks (see this test's docstring)"
    for name, question, answer in checks:
        assert name.startswith(f"check-{page.label}-"), f"{page.entry}: {name} should start with check-{page.label}-"
        assert len(question.split()) >= 8, f"{name}: the question is missing or too short to be a concept question"
        assert len(answer.split()) >= 12, f"{name}: give the answer, folded, in at least a sentence or two"


def test_check_names_are_unique_across_the_book():
    names = [name for page in book_pages() for name, _, _ in formative_checks(page.path.read_text(encoding="utf-8"))]
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})
