"""Helpers for tests/test_facts.py: the prose of a MyST page or a notebook, as a reader sees it.

"Prose" is what a page says in its own words: paragraphs, headings, lists, tables, admonitions,
exercise and solution text, figure alt text. Code cells, fenced code, inline code, math and
MyST comments are not prose. Roles are reduced to what the reader sees: ``{ref}`text <label>```
to "text", ``{term}`x``` to "x"; ``{glue:text}`` values are computed, so they become the token
GLUED; citations become the token CITE so a check can see that a sentence carries its source.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from bookutils import ROOT, toc_files

GLUED = "GLUED"
CITE = "CITE"

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})\s*(\{([\w:-]+)\})?(.*)$")
_PROSE_DIRECTIVES = {
    "admonition", "note", "warning", "tip", "important", "caution", "exercise-start", "exercise-end",
    "solution-start", "solution-end", "exercise", "solution", "glue:figure", "figure", "glossary",
    "dropdown", "seealso", "hint", "attention", "epigraph", "topic", "sidebar", "margin",
}
_OPTION = re.compile(r"^\s*:(\w[\w-]*):\s*(.*)$")
_ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
_INLINE_CODE = re.compile(r"``[^`]+``|`[^`]+`")
_MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.DOTALL)
_FACTS_OK = re.compile(r'^%\s*facts-ok:\s*"([^"]+)"\s*(.*)$')


@dataclass
class Page:
    """The prose of one page, with the exemptions its author declared in MyST comments."""

    name: str          # e.g. "book/framing/frames" or "exercises/sources/who_says_so.ipynb"
    path: Path
    prose: str
    exemptions: dict[str, str]   # phrase -> reason, from `% facts-ok: "phrase" reason` lines
    code: str                    # all code cells and fenced code, joined


def _role_text(match: re.Match[str]) -> str:
    role, body = match.group(1), match.group(2)
    if role.startswith("glue"):
        return GLUED
    if role.startswith("cite"):
        return CITE
    if role in {"ref", "term", "doc", "numref", "download"}:
        shown = re.match(r"^(.*?)\s*<[^>]+>$", body, re.DOTALL)
        return shown.group(1) if shown else body
    return body


def prose_of_markdown(text: str) -> tuple[str, dict[str, str], str]:
    """Split MyST Markdown into (prose, exemptions, code)."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        text = text[end + 4:] if end != -1 else text
    prose_lines: list[str] = []
    code_lines: list[str] = []
    exemptions: dict[str, str] = {}
    fences: list[tuple[str, bool]] = []   # (marker, is_prose), innermost last
    for line in text.splitlines():
        fence = _FENCE.match(line)
        if fence:
            marker, directive, rest = fence.group(2), fence.group(4), fence.group(5).strip()
            top = fences[-1] if fences else None
            if (top and marker[0] == top[0][0] and len(marker) >= len(top[0])
                    and directive is None and not rest):
                fences.pop()          # a closing fence
                continue
            if top and not top[1]:
                code_lines.append(line)   # a fence quoted inside code is code
                continue
            is_prose = directive in _PROSE_DIRECTIVES
            fences.append((marker, is_prose))
            if is_prose and rest:         # a directive's title is prose
                prose_lines.append(rest)
            continue
        if fences and not fences[-1][1]:
            code_lines.append(line)
            continue
        if fences and fences[-1][1]:
            option = _OPTION.match(line)
            if option:
                if option.group(1) == "alt":
                    prose_lines.append(option.group(2))
                continue
        comment = _FACTS_OK.match(line.strip())
        if comment:
            exemptions[comment.group(1)] = comment.group(2).strip()
            continue
        if line.lstrip().startswith("%"):
            continue
        prose_lines.append(line)
    prose = "\n".join(prose_lines)
    prose = _ROLE.sub(_role_text, prose)
    prose = _MATH.sub(" ", prose)
    prose = _INLINE_CODE.sub(" CODE ", prose)
    prose = re.sub(r"^\(\w[\w-]*\)=\s*$", "", prose, flags=re.MULTILINE)   # (label)= lines
    return prose, exemptions, "\n".join(code_lines)


def book_pages() -> list[Page]:
    pages = []
    for entry in toc_files():
        path = ROOT / f"{entry}.md"
        prose, exemptions, code = prose_of_markdown(path.read_text(encoding="utf-8"))
        pages.append(Page(entry, path, prose, exemptions, code))
    return pages


def notebook_pages() -> list[Page]:
    """The Markdown cells of every exercise source notebook, as prose."""
    pages = []
    for path in sorted((ROOT / "exercises").glob("*/*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        markdown = [("".join(c["source"]) if isinstance(c["source"], list) else c["source"])
                    for c in cells if c["cell_type"] == "markdown"]
        code = [("".join(c["source"]) if isinstance(c["source"], list) else c["source"])
                for c in cells if c["cell_type"] == "code"]
        prose, exemptions, fenced = prose_of_markdown("\n\n".join(markdown))
        pages.append(Page(path.relative_to(ROOT).as_posix(), path, prose, exemptions,
                          "\n".join(code) + "\n" + fenced))
    return pages


def sentences_of(prose: str) -> list[str]:
    """Prose cut into rough sentences (and list items / table cells), for locating a claim."""
    blocks = re.split(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.)\s)|\|", prose)
    out = []
    for block in blocks:
        block = " ".join(block.split())
        out += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'(*])", block) if s.strip()]
    return out
