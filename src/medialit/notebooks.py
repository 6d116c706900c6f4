"""Reader notebooks: each notebook page of the book as a Jupyter notebook that reads like the page.

A chapter's source (``book/<part>/<chapter>.md``) is a MyST notebook written for the book's
build: its prose holds ``{glue:text}`` references that the build fills with numbers computed on
the page, its figures are pasted by ``{glue:figure}``, its exercises and solutions are
sphinx-exercise directives, and its setup cells are tagged ``remove-cell``. Opened as a notebook
as it is, it reads badly: numbers missing, figures missing, solutions in plain view, build
plumbing on show. :func:`reader_notebook` turns it into a notebook a student can read and run
(``medialit notebooks`` writes one per page):

- **Numbers.** The page is executed in a fresh kernel, in the book's order, and every
  ``{glue:text}`` is replaced by the text the book prints (the same formatting function).
- **Figures.** Each ``{glue:figure}`` becomes a small code cell (source folded) that shows the
  glued figure, followed by its caption and its text description (the figure's ``alt``).
- **Plumbing out of view.** ``from myst_nb import glue`` becomes
  ``from medialit.notebooks import glue`` (:func:`glue` records a value, and shows nothing unless
  asked). Top-level ``glue(...)`` statements of visible cells move, unchanged, into a folded cell
  after them (when that cannot change what the cell does or shows, else they stay). Setup cells
  (``remove-cell``) stay, with source and output folded: they still run.
- **Exercises.** Each exercise is a paragraph headed "Exercise N". Its solution is folded: text
  in an HTML ``<details>`` block, code in cells whose source and output are folded (instructor
  and self-study edition), or removed with its code cells (student edition, ``--student``).
- **MyST syntax** becomes plain Markdown: ``{term}`` and ``{ref}`` become words and links (to
  the reader notebook of the page they point to), ``{cite:p}``/``{cite:t}`` become author-year
  citations with a reference list at the end, admonitions become quoted boxes, definition lists
  bold terms, ``(label)=`` lines disappear. A directive or role this module does not know stops
  the conversion with an error naming it, rather than leaving raw syntax on the page.
- **The chapter's box** (content note, time, prerequisites, objectives) opens the notebook, as
  on the web page.

The notebook names the kernel ``python3`` ("Python 3 (medialit)", registered by
``medialit setup``), so JupyterLab picks it without asking. It runs top to bottom in a fresh
kernel; the tests check that for every page and both editions.

Example (the kernel-side helpers):
    >>> glue("n_pages", 21, display=False)
    >>> glued("n_pages")
    21
"""
from __future__ import annotations

import ast
import copy
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import MedialitError

__all__ = [
    "EDITIONS",
    "KERNELSPEC",
    "ReaderNotebookError",
    "ReaderResult",
    "glue",
    "glued",
    "notebook_pages",
    "reader_notebook",
    "run_problems",
    "show_glued",
    "write_reader_notebooks",
]

EDITIONS = ("instructor", "student")
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (medialit)", "language": "python"}
DEFAULT_TIMEOUT = 180
_FOLDED = {"source_hidden": True, "outputs_hidden": True}
_SETUP_NOTE = "# Hidden on the book's page (setup): it must run, but there is nothing to read here."
_PLUMBING_NOTE = "# Bookkeeping for the book's build: keeps the numbers its text quotes. Nothing to read here."


class ReaderNotebookError(MedialitError, ValueError):
    """A page cannot be turned into a reader notebook (the message names the page and the problem)."""


# --------------------------------------------------------------------------------------------
# Kernel side: what a reader notebook's own cells call. Only the standard library at import.
# --------------------------------------------------------------------------------------------
_GLUED: dict[str, Any] = {}
_HISTORY: dict[str, list[str]] = {}   # name -> text/plain of every value glued under it, in order
_RECORD_HISTORY = False                # on while `medialit notebooks` runs a page, to check moved glue calls


def glue(name: str, value: Any, display: bool = True) -> None:
    """Keep ``value`` under ``name``, as ``myst_nb.glue`` does for the book (reader notebooks' stand-in).

    The book's build pastes glued values into the page's text; a reader notebook already has
    them in its text, so here the value is only kept, for :func:`show_glued` (the figures).

    Args:
        name: the name the page's text uses (``{glue:text}`name` `` in the source).
        value: any object.
        display: also show the value below the cell, as ``myst_nb.glue`` does by default.

    >>> glue("answer", 42, display=False); glued("answer")
    42
    >>> glue("", 1)
    Traceback (most recent call last):
    ...
    TypeError: glue() needs a non-empty name (a str); got ''.
    """
    if not isinstance(name, str) or not name:
        raise TypeError(f"glue() needs a non-empty name (a str); got {name!r}.")
    _GLUED[name] = value
    if _RECORD_HISTORY:
        from IPython.core.formatters import format_display_data

        _HISTORY.setdefault(name, []).append(format_display_data(value)[0].get("text/plain", ""))
    if display:
        from IPython.display import display as show

        show(value)


def glued(name: str) -> Any:
    """The value glued under ``name`` in this kernel.

    Raises:
        KeyError: nothing is glued under that name yet (the message says to run the cells above).
    """
    if name not in _GLUED:
        raise KeyError(f"Nothing is glued under {name!r} in this kernel yet: run the cells above this "
                       "one first (Run > Run All Cells).")
    return _GLUED[name]


def show_glued(name: str) -> None:
    """Show the value glued under ``name`` (a figure, where the book's page shows it)."""
    from IPython.display import display as show

    show(glued(name))


def _print_glued_texts(names: list[str]) -> None:
    """Print, as JSON, the ``text/plain`` form of each glued value (what the book's text pastes),
    and the names whose value changed between two glue calls (the book's and the moved one)."""
    from IPython.core.formatters import format_display_data

    texts = {}
    for name in names:
        if name in _GLUED:
            bundle, _metadata = format_display_data(_GLUED[name])
            texts[name] = bundle.get("text/plain")
    changed = {name: values for name, values in _HISTORY.items() if len(set(values)) > 1}
    print(json.dumps({"texts": texts, "changed": changed}))


# --------------------------------------------------------------------------------------------
# Reading the book: pages, labels, bibliography.
# --------------------------------------------------------------------------------------------
def notebook_pages(root: Path | None = None) -> list[str]:
    """Every page of ``_toc.yml`` that is a notebook (its front matter names a kernel), in book order.

    Returns entries as in ``_toc.yml``, e.g. ``"book/framing/labels"``.

    >>> "book/framing/labels" in notebook_pages()
    True
    """
    from .curriculum import book_root, toc_entries
    from .sphinxext import read_front_matter

    root = Path(root) if root is not None else book_root()
    pages = []
    for entry, _caption in toc_entries(root):
        path = root / f"{entry}.md"
        if path.is_file() and "kernelspec" in read_front_matter(path):
            pages.append(entry)
    return pages


_LABEL_LINE = re.compile(r"^\((?P<label>[\w.:-]+)\)=[ \t]*$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<title>.+?)[ \t]*#*[ \t]*$")


@dataclass(frozen=True)
class _Target:
    entry: str        # the page, as in _toc.yml
    title: str        # the heading's text
    section: bool     # a section of the page (not its title)


@dataclass
class _Book:
    root: Path
    entries: list[str]                       # every toc entry, in order
    notebooks: set[str]                      # entries that become reader notebooks
    titles: dict[str, str]                   # entry -> page title
    labels: dict[str, _Target]               # label -> where it points
    children: dict[str, list[str]]           # entry -> entries of its sections (for tableofcontents)
    bibliography: dict[str, Any]             # lower-case key -> pybtex entry


def _read_book(root: Path) -> _Book:
    import yaml

    from .curriculum import toc_entries

    entries = [entry for entry, _ in toc_entries(root)]
    notebooks = set(notebook_pages(root))
    titles: dict[str, str] = {}
    labels: dict[str, _Target] = {}
    for entry in entries:
        path = root / f"{entry}.md"
        if not path.is_file():
            continue
        pending: list[str] = []
        first = True
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text[text.find("\n---", 3) + 4:]
        # Only text outside directives and code blocks: a `# comment` in a code cell is no heading.
        for block in _parse_blocks(text, path.as_posix()):
            if not isinstance(block, _Text) or block.code:
                pending = []
                continue
            for line in block.text.split("\n"):
                label = _LABEL_LINE.match(line)
                if label:
                    pending.append(label["label"])
                    continue
                heading = _HEADING.match(line)
                if heading:
                    title = heading["title"].strip()
                    if first:
                        titles[entry] = title
                    for name in pending:
                        labels[name.lower()] = _Target(entry, title, section=not first)
                    first = False
                    pending = []
                elif line.strip():
                    pending = []
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    children: dict[str, list[str]] = {}

    def walk(items: list[dict[str, Any]] | None) -> None:
        for item in items or []:
            if "file" in item:
                children[item["file"]] = [s["file"] for s in item.get("sections") or [] if "file" in s]
            walk(item.get("sections"))
            walk(item.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    return _Book(root=root, entries=entries, notebooks=notebooks, titles=titles, labels=labels,
                 children=children, bibliography=_read_bibliography(root))


def _read_bibliography(root: Path) -> dict[str, Any]:
    import yaml
    from pybtex.database import parse_file

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    entries: dict[str, Any] = {}
    for name in config.get("bibtex_bibfiles") or []:
        for key, entry in parse_file(str(root / name), bib_format="bibtex").entries.items():
            entries[key.lower()] = entry
    return entries


def _latex(text: str) -> str:
    from pybtex.richtext import Text

    return Text.from_latex(text).render_as("text").strip()


def _people(entry: Any) -> list[Any]:
    return list(entry.persons.get("author") or entry.persons.get("editor") or [])


def _surname(person: Any) -> str:
    return _latex(" ".join(person.prelast_names + person.last_names))


def _cite_authors(entry: Any) -> str:
    people = _people(entry)
    if not people:
        return _latex(entry.fields.get("title", "Anonymous"))
    names = [_surname(p) for p in people]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."


def _year(entry: Any) -> str:
    return entry.fields.get("year") or str(entry.fields.get("date", "n.d."))[:4]


def _reference(entry: Any) -> str:
    """One entry of the reference list, in Markdown (author, year, title, where)."""
    people = _people(entry)
    names = []
    for person in people:
        initials = " ".join(f"{_latex(n)[:1]}." for n in person.first_names + person.middle_names if _latex(n))
        names.append(f"{_surname(person)}, {initials}" if initials else _surname(person))
    who = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1] if names else ""
    fields = entry.fields
    title = _latex(fields.get("title", ""))
    where = [_latex(fields[k]) for k in ("journal", "booktitle") if k in fields]
    details = []
    if "volume" in fields:
        details.append(fields["volume"] + (f"({fields['number']})" if "number" in fields else ""))
    if "pages" in fields:
        details.append(_latex(fields["pages"]).replace("--", "–"))
    publisher = [_latex(fields[k]) for k in ("publisher", "institution", "school", "organization") if k in fields]
    text = f"{_md_escape(who)} ({_year(entry)}). {_md_escape(title)}."
    if where:
        text += " *" + _md_escape(where[0]) + "*" + (", " + ", ".join(details) if details else "") + "."
    elif publisher:
        text += " " + _md_escape(publisher[0]) + "."
    if "doi" in fields:
        text += f" doi:{fields['doi']}"
    elif "url" in fields:
        text += f" {fields['url']}"
    return text


# --------------------------------------------------------------------------------------------
# Parsing a MyST markdown cell into text and directives.
# --------------------------------------------------------------------------------------------
@dataclass
class _Text:
    text: str
    code: bool = False   # a fenced code block: copied verbatim


@dataclass
class _Directive:
    name: str
    argument: str
    options: dict[str, str]
    body: str


_DIRECTIVE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|:{3,})\{(?P<name>[^}\s]+)\}[ \t]*(?P<arg>.*)$")
_CODE_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
_OPTION = re.compile(r"^[ \t]*:(?P<key>[\w-]+):[ \t]*(?P<value>.*)$")


def _parse_blocks(text: str, where: str) -> list[_Text | _Directive]:
    lines = text.split("\n")
    out: list[_Text | _Directive] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            out.append(_Text("\n".join(buffer)))
            buffer.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        opening = _DIRECTIVE_OPEN.match(line)
        if opening:
            flush()
            fence = opening["fence"]
            close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
            j = i + 1
            options: dict[str, str] = {}
            while j < len(lines) and _OPTION.match(lines[j]):
                option = _OPTION.match(lines[j])
                options[option["key"]] = option["value"].strip()
                j += 1
            body: list[str] = []
            while j < len(lines) and not close.match(lines[j]):
                body.append(lines[j])
                j += 1
            if j == len(lines):
                raise ReaderNotebookError(f"{where}: the directive `{{{opening['name']}}}` opened by {line.strip()!r} "
                                          "is never closed.")
            indent = len(opening["indent"])
            body = [b[indent:] if b[:indent].strip() == "" else b for b in body]
            out.append(_Directive(opening["name"], opening["arg"].strip(), options, "\n".join(body).strip("\n")))
            i = j + 1
            continue
        in_definition = re.match(r"^:[ \t]+(?P<fence>`{3,}|~{3,})(?P<info>.*)$", line)
        if in_definition:  # a definition list item that is a code block
            term = buffer.pop() if buffer and buffer[-1].strip() else ""
            if term:
                buffer.extend([f"**{term.strip()}**", ""])
            flush()
            fence = in_definition["fence"]
            close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
            block = [fence + in_definition["info"]]
            j = i + 1
            while j < len(lines) and not close.match(lines[j]):
                block.append(lines[j][2:] if lines[j].startswith("  ") else lines[j])
                j += 1
            block.append(fence)
            out.append(_Text("\n".join(block), code=True))
            i = j + 1
            continue
        fenced = _CODE_FENCE.match(line)
        if fenced:
            flush()
            fence = fenced["fence"]
            close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
            block = [line]
            j = i + 1
            while j < len(lines) and not close.match(lines[j]):
                block.append(lines[j])
                j += 1
            if j < len(lines):
                block.append(lines[j])
            out.append(_Text("\n".join(block), code=True))
            i = j + 1
            continue
        buffer.append(line)
        i += 1
    flush()
    return out


_ROLE = re.compile(r"\{(?P<role>[a-z][\w:+-]*)\}`(?P<content>[^`]*)`")
_EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)
_GLUE_ROLES = {"glue", "glue:", "glue:any", "glue:text"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>$|])")


def _md_escape(text: str) -> str:
    """Escape Markdown's special characters in pasted text.

    >>> _md_escape("a_b *c* $5")
    'a\\\\_b \\\\*c\\\\* \\\\$5'
    """
    return _MD_SPECIAL.sub(r"\\\1", text)


def _glue_key(content: str) -> tuple[str, str]:
    """``name:fmt`` -> (name, fmt); the format is what follows the last colon, as in myst-nb."""
    key, _, fmt = content.rpartition(":")
    return (key, fmt) if key else (content, "")


# --------------------------------------------------------------------------------------------
# The page as a stream of items, then as reader-notebook cells.
# --------------------------------------------------------------------------------------------
@dataclass
class _Code:
    source: str        # what runs when the notebook is generated (the book's code, glue calls in place)
    shown: str         # what the reader notebook holds (glue plumbing moved out)
    tags: list[str]
    folded: bool = False          # source and output folded (setup cells, solutions, plumbing)
    source_folded: bool = False   # source folded only (hide-input)
    output_folded: bool = False
    role: str = "page"            # page | plumbing | figure | solution


@dataclass
class _Figure:
    name: str
    caption: str
    alt: str


@dataclass
class _Marker:
    kind: str                    # exercise-start | exercise-end | solution-start | solution-end
    label: str
    title: str = ""


@dataclass
class _Page:
    entry: str
    path: Path
    meta: dict[str, Any]
    items: list[Any] = field(default_factory=list)


def _read_page(path: Path):
    from myst_nb.core.read import read_myst_markdown_notebook
    from myst_parser.config.main import MdParserConfig

    return read_myst_markdown_notebook(path.read_text(encoding="utf-8"), config=MdParserConfig(),
                                       add_source_map=False, path=str(path))


_GLUE_IMPORT = re.compile(r"^(?P<indent>[ \t]*)from myst_nb import glue[ \t]*$", re.MULTILINE)


def _names(node: ast.AST, ctx: type) -> set[str]:
    found = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, ctx):
            found.add(sub.id)
        if ctx is ast.Store and isinstance(sub, (ast.Subscript, ast.Attribute)) and isinstance(sub.ctx, ast.Store):
            base = sub.value
            while isinstance(base, (ast.Subscript, ast.Attribute)):
                base = base.value
            if isinstance(base, ast.Name):
                found.add(base.id)
    return found


def _is_glue_call(node: ast.AST) -> bool:
    return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name) and node.value.func.id == "glue")


def _simple_target(target: ast.expr) -> bool:
    """A name, or a tuple or list of names (``q, t = ...``): an assignment that changes nothing else."""
    if isinstance(target, (ast.Tuple, ast.List)):
        return all(_simple_target(t) for t in target.elts)
    return isinstance(target, ast.Name)


def _is_plumbing(node: ast.stmt) -> bool:
    """A ``glue(...)`` call, or a loop that only computes names and glues them."""
    if _is_glue_call(node):
        return True
    if isinstance(node, ast.For) and not node.orelse:
        body_ok = all(_is_plumbing(s) or (isinstance(s, ast.Assign) and all(_simple_target(t) for t in s.targets))
                      for s in node.body)
        return body_ok and any(_is_glue_call(s) or isinstance(s, ast.For) for s in node.body)
    return False


def _split_plumbing(source: str) -> tuple[str, str]:
    """Split a visible cell into (what it shows, its glue plumbing), when moving the plumbing after
    it changes neither what the cell computes nor what it shows; else ``(source, "")``."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source, ""
    body = tree.body
    moved = [i for i, stmt in enumerate(body) if _is_plumbing(stmt)]
    if not moved:
        return source, ""
    kept = [i for i in range(len(body)) if i not in moved]
    if not kept:
        return source, ""  # nothing but plumbing: the caller folds the whole cell
    for i in moved:
        later = [body[k] for k in kept if k > i]
        stored = _names(body[i], ast.Store)
        loaded = _names(body[i], ast.Load)
        for stmt in later:
            if stored & (_names(stmt, ast.Load) | _names(stmt, ast.Store)) or loaded & _names(stmt, ast.Store):
                return source, ""
    # The cell's last statement decides what it shows: it must stay the same statement.
    if moved[-1] == len(body) - 1 and isinstance(body[kept[-1]], ast.Expr):
        return source, ""
    lines = source.splitlines()
    drop = set()
    plumbing = []
    for i in moved:
        stmt = body[i]
        span = range(stmt.lineno - 1, stmt.end_lineno)
        drop.update(span)
        plumbing.append("\n".join(lines[k] for k in span))
    shown = "\n".join(line for k, line in enumerate(lines) if k not in drop).strip("\n")
    return shown, "\n".join(plumbing)


def _page_items(page: _Page, edition: str, where: str) -> list[Any]:
    """The page's cells as items: code, text and directives, with exercises and figures as markers."""
    notebook = _read_page(page.path)
    items: list[Any] = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            source = cell.source
            if "myst_nb" in _GLUE_IMPORT.sub("", source):
                raise ReaderNotebookError(f"{where}: code cell {index} uses myst_nb other than through "
                                          "`from myst_nb import glue`; the reader notebook cannot replace it.")
            source = _GLUE_IMPORT.sub(r"\g<indent>from medialit.notebooks import glue, show_glued", source)
            tags = list(cell.metadata.get("tags", []))
            if "remove-cell" in tags or "remove-input" in tags and "remove-output" in tags:
                items.append(_Code(source, source, tags, folded=True))
                continue
            code = _Code(source, source, tags, source_folded="hide-input" in tags or "remove-input" in tags,
                         output_folded="hide-output" in tags or "remove-output" in tags)
            if not code.source_folded:
                shown, plumbing = _split_plumbing(source)
                if plumbing:
                    code.shown = shown
                    items.append(code)
                    items.append(_Code("", plumbing, ["medialit-glue"], folded=True, role="plumbing"))
                    continue
            items.append(code)
            continue
        for block in _parse_blocks(cell.source, where):
            if isinstance(block, _Directive) and block.name in ("exercise-start", "solution-start"):
                label = block.options.get("label", "") if block.name == "exercise-start" else block.argument
                items.append(_Marker(block.name, label, block.argument if block.name == "exercise-start" else ""))
            elif isinstance(block, _Directive) and block.name in ("exercise-end", "solution-end"):
                items.append(_Marker(block.name, ""))
            elif isinstance(block, _Directive) and block.name == "glue:figure":
                items.append(_Figure(block.argument, block.body, block.options.get("alt", "")))
            else:
                items.append(block)
    # Solutions: fold them, or (student edition) drop them with their code.
    out: list[Any] = []
    inside = None
    for item in items:
        if isinstance(item, _Marker) and item.kind == "solution-start":
            if inside is not None:
                raise ReaderNotebookError(f"{where}: solution-start of {item.label!r} inside the solution of {inside!r}.")
            inside = item.label
            if edition == "instructor":
                out.append(item)
            continue
        if isinstance(item, _Marker) and item.kind == "solution-end":
            if inside is None:
                raise ReaderNotebookError(f"{where}: a solution-end without its solution-start.")
            inside = None
            if edition == "instructor":
                out.append(item)
            continue
        if inside is not None:
            if edition == "student":
                continue
            if isinstance(item, _Code) and item.role == "plumbing":
                out[-1].shown = out[-1].source  # a solution's cells are folded anyway: keep its glue in place
                continue
            if isinstance(item, _Code):
                item.folded, item.role = True, "solution"
                item.tags = [*item.tags, "solution"]
        out.append(item)
    if inside is not None:
        raise ReaderNotebookError(f"{where}: the solution of {inside!r} has no solution-end.")
    return out


def _glue_names(items: list[Any]) -> set[str]:
    names = set()
    for item in items:
        texts = []
        if isinstance(item, _Text) and not item.code:
            texts.append(item.text)
        elif isinstance(item, _Directive):
            texts.append(item.body)
            texts.append(item.argument)
        elif isinstance(item, _Figure):
            texts.append(item.caption)
        for text in texts:
            for role in _ROLE.finditer(text):
                if role["role"] in _GLUE_ROLES:
                    names.add(_glue_key(role["content"])[0])
    return names


# --------------------------------------------------------------------------------------------
# Execution.
# --------------------------------------------------------------------------------------------
def _new_notebook(cells: list[Any], title: str, source: str, edition: str):
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = cells
    notebook.metadata = {
        "kernelspec": dict(KERNELSPEC),
        "language_info": {"name": "python"},
        "title": title,
        "medialit": {"source": source, "edition": edition,
                     "generated_by": "medialit notebooks (do not edit: regenerate instead)"},
    }
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"c{index:03d}"
    return notebook


def _execute(notebook, *, cwd: Path, timeout: float, where: str, harvest: list[str] | None = None) -> dict[str, Any]:
    """Run ``notebook`` in a fresh ``python3`` kernel (in place); with ``harvest``, return the glued
    texts asked for (``"texts"``) and the values that changed between glue calls (``"changed"``)."""
    import subprocess

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    probe = None
    if harvest is not None:
        probe = nbformat.v4.new_code_cell(
            f"import medialit.notebooks as _medialit_notebooks\n"
            f"_medialit_notebooks._print_glued_texts({sorted(harvest)!r})")
        notebook.cells.append(probe)
    try:
        for attempt in range(3):
            client = NotebookClient(notebook, kernel_name=KERNELSPEC["name"], timeout=timeout, allow_errors=False,
                                    record_timing=False, startup_timeout=max(120, int(timeout)),
                                    resources={"metadata": {"path": str(cwd)}})
            try:
                # the kernel's own start-up chatter is dropped; a matplotlib backend chosen for
                # this process (MPLBACKEND=Agg, say) is not passed on, or figures lose their images
                env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
                client.execute(stderr=subprocess.DEVNULL, env=env)
                break
            except RuntimeError as exc:
                # A kernel that dies before it answers (a busy machine, a port taken meanwhile) ran
                # no cell: start another, twice at most.
                if "before replying to kernel_info" not in str(exc) or attempt == 2:
                    raise ReaderNotebookError(f"{where}: the kernel did not start, or died: {exc}") from exc
    except (CellExecutionError, CellTimeoutError) as exc:
        raise ReaderNotebookError(f"{where}: a cell failed when the notebook ran in a fresh kernel:\n{exc}") from exc
    finally:
        if probe is not None:
            notebook.cells.remove(probe)
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                raise ReaderNotebookError(f"{where}: cell {index} wrote to stderr (a warning?): "
                                          f"{str(output.get('text', ''))[:400]}")
    if probe is None:
        return {"texts": {}, "changed": {}}
    printed = "".join(o.get("text", "") for o in probe.get("outputs", []) if o.get("output_type") == "stream")
    try:
        return json.loads(printed.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError) as exc:
        raise ReaderNotebookError(f"{where}: could not read the glued values back from the kernel "
                                  f"({printed[:200]!r}).") from exc


# --------------------------------------------------------------------------------------------
# Rendering Markdown.
# --------------------------------------------------------------------------------------------
_ADMONITION_TITLES = {"note": "Note", "tip": "Tip", "hint": "Hint", "important": "Important",
                      "warning": "Warning", "caution": "Caution", "attention": "Attention",
                      "danger": "Danger", "error": "Error", "seealso": "See also"}


@dataclass
class _Renderer:
    book: _Book
    entry: str
    where: str
    texts: dict[str, str]                  # glue name -> text/plain
    cited: list[str] = field(default_factory=list)
    exercises: dict[str, int] = field(default_factory=dict)
    pasted: dict[str, str] = field(default_factory=dict)   # "name" or "name:fmt" -> the text pasted

    # -- links ---------------------------------------------------------------------------
    def link(self, entry: str, text: str, anchor: str = "") -> str:
        if entry in self.book.notebooks:
            here = Path(self.entry).parent
            target = os.path.relpath(Path(entry).with_suffix(".ipynb"), here).replace(os.sep, "/")
            if anchor:
                target += "#" + anchor.replace(" ", "-")
            return f"[{text}]({target})"
        return f"*{text}* (a page of the book)"

    def ref(self, content: str) -> str:
        explicit = _EXPLICIT.match(content)
        text, label = (explicit["text"], explicit["target"]) if explicit else ("", content)
        label = label.strip().lower()
        if label in self.exercises:
            return text or f"Exercise {self.exercises[label]}"
        target = self.book.labels.get(label)
        if target is None:
            raise ReaderNotebookError(f"{self.where}: {{ref}} points at the label {label!r}, which no page defines.")
        return self.link(target.entry, _md_escape(text) if text else target.title,
                         anchor=target.title if target.section else "")

    # -- roles ---------------------------------------------------------------------------
    def role(self, match: re.Match) -> str:
        role, content = match["role"], match["content"]
        if role in _GLUE_ROLES:
            name, fmt = _glue_key(content)
            if name not in self.texts or self.texts[name] is None:
                raise ReaderNotebookError(f"{self.where}: the text uses the glued value {name!r}, which no cell "
                                          "of this edition glues.")
            from myst_nb.core.variables import format_plain_text

            try:
                text = format_plain_text(self.texts[name], fmt)
            except (ValueError, TypeError) as exc:
                raise ReaderNotebookError(f"{self.where}: cannot format the glued value {name!r} "
                                          f"({self.texts[name]!r}) with {fmt!r}: {exc}") from exc
            self.pasted[content] = text
            return _md_escape(text)
        if role == "term":
            explicit = _EXPLICIT.match(content)
            return _md_escape(explicit["text"] if explicit else content)
        if role in ("ref", "numref", "doc"):
            return self.ref(content)
        if role.startswith("cite"):
            keys = [k.strip() for k in content.split(",") if k.strip()]
            missing = [k for k in keys if k.lower() not in self.book.bibliography]
            if missing:
                raise ReaderNotebookError(f"{self.where}: cites {missing}, which no .bib file of _config.yml holds.")
            for key in keys:
                if key.lower() not in self.cited:
                    self.cited.append(key.lower())
            entries = [self.book.bibliography[k.lower()] for k in keys]
            if role in ("cite:t", "cite:ts"):
                return "; ".join(f"{_md_escape(_cite_authors(e))} ({_year(e)})" for e in entries)
            if role in ("cite:p", "cite:ps", "cite"):
                return "(" + "; ".join(f"{_md_escape(_cite_authors(e))}, {_year(e)}" for e in entries) + ")"
            if role == "cite:year":
                return ", ".join(_year(e) for e in entries)
            if role in ("cite:author", "cite:authors"):
                return ", ".join(_md_escape(_cite_authors(e)) for e in entries)
        if role == "math":
            return f"${content}$"
        if role in ("sub", "sup"):
            return f"<{role}>{_md_escape(content)}</{role}>"
        if role == "abbr":
            explicit = re.match(r"^(.*?)\s*\((.*)\)$", content)
            return _md_escape(explicit[1] if explicit else content)
        raise ReaderNotebookError(f"{self.where}: the MyST role {{{role}}} is not supported by reader notebooks "
                                  "(src/medialit/notebooks.py); add it there.")

    # -- text ----------------------------------------------------------------------------
    def text(self, text: str) -> str:
        lines = []
        for line in text.split("\n"):
            if _LABEL_LINE.match(line) or re.match(r"^%( |$)", line) or line.strip() == "+++":
                continue
            definition = re.match(r"^:[ \t]+(.*)$", line)
            if definition and lines and lines[-1].strip():
                term = lines.pop()
                lines.extend([f"**{term.strip()}**", "", definition[1]])
                continue
            lines.append(line)
        rendered = _ROLE.sub(self.role, "\n".join(lines))
        leftover = re.search(r"\{[a-z][\w:+-]*\}`", rendered)
        if leftover:
            raise ReaderNotebookError(f"{self.where}: MyST syntax left after conversion near "
                                      f"{rendered[max(0, leftover.start() - 40):leftover.end() + 40]!r}.")
        return rendered

    def blocks(self, blocks: Iterable[_Text | _Directive]) -> str:
        parts = []
        for block in blocks:
            if isinstance(block, _Text):
                parts.append(block.text if block.code else self.text(block.text))
            else:
                parts.append(self.directive(block))
        return "\n".join(parts)

    def markdown(self, text: str) -> str:
        return self.blocks(_parse_blocks(text, self.where))

    def directive(self, block: _Directive) -> str:
        name = block.name
        if name == "admonition" or name in _ADMONITION_TITLES:
            title = self.text(block.argument) if name == "admonition" else (
                _ADMONITION_TITLES[name] + (": " + self.text(block.argument) if block.argument else ""))
            body = self.markdown(block.body)
            quoted = "\n".join(("> " + line) if line.strip() else ">" for line in body.split("\n"))
            return f"> **{title}**\n>\n{quoted}"
        if name == "tableofcontents":
            rows = [f"- {self.link(e, self.book.titles.get(e, e))}" for e in self.book.children.get(self.entry, [])]
            return "\n".join(rows)
        if name in ("code-block", "code", "sourcecode"):
            return f"```{block.argument}\n{block.body}\n```"
        if name == "math":
            return f"$$\n{block.body}\n$$"
        if name in ("glue:figure", "exercise-start", "exercise-end", "solution-start", "solution-end"):
            raise ReaderNotebookError(f"{self.where}: {{{name}}} nested inside another directive is not supported.")
        raise ReaderNotebookError(f"{self.where}: the MyST directive {{{name}}} is not supported by reader "
                                  "notebooks (src/medialit/notebooks.py); add it there.")


def _front_matter_box(meta: dict[str, Any], renderer: _Renderer) -> str:
    parts = []
    note = meta.get("content_note")
    if note:
        parts.append("> **Content note.** " + _md_escape(str(note).strip()) + "\n>\n> Text only: no images, video "
                     "or links to propaganda media. Opting out, and the alternative case: "
                     + renderer.ref("content-note") + ".")
    objectives = meta.get("objectives") or []
    minutes = meta.get("minutes")
    prereqs = meta.get("prerequisites") or []
    if objectives or minutes or prereqs:
        box = ["**Before you start.**"]
        facts = []
        if minutes:
            facts.append(f"**Time:** about {minutes} minutes.")
        if prereqs:
            facts.append("**Read first:** " + ", ".join(renderer.ref(p) for p in prereqs) + ".")
        if facts:
            box.append(" ".join(facts))
        if objectives:
            box.append("**Learning objectives.** By the end of this page you can:")
            box.append("\n".join(f"- {_md_escape(o)}" for o in objectives))
        parts.append("\n".join(("> " + line) if line.strip() else ">"
                               for line in "\n\n".join(box).split("\n")))
    return "\n\n".join(parts)


# --------------------------------------------------------------------------------------------
# The reader notebook.
# --------------------------------------------------------------------------------------------
def reader_notebook(entry: str, *, edition: str = "instructor", root: Path | None = None,
                    timeout: float = DEFAULT_TIMEOUT, _book: _Book | None = None):
    """Build the reader notebook of one page: execute it, fill in its numbers, fold what should be folded.

    Args:
        entry: the page as in ``_toc.yml`` (``"book/framing/labels"``) or its path (``book/framing/labels.md``).
        edition: ``"instructor"`` (solutions folded; also the self-study edition) or ``"student"``
            (solutions removed, with their code cells).
        root: the kit's folder (the one holding ``_toc.yml``); default: this clone's.
        timeout: seconds one cell may run.

    Returns:
        An executed ``nbformat`` notebook, outputs included.

    Raises:
        ReaderNotebookError: the page is not a notebook page of the book, uses MyST syntax this
            module does not convert, or fails to run (the message says which and where).
    """
    if edition not in EDITIONS:
        raise ReaderNotebookError(f"edition must be one of {EDITIONS}; got {edition!r}.")
    return reader_notebooks(entry, editions=(edition,), root=root, timeout=timeout, _book=_book)[edition]


def reader_notebooks(entry: str, *, editions: tuple[str, ...] = EDITIONS, root: Path | None = None,
                     timeout: float = DEFAULT_TIMEOUT, _book: _Book | None = None) -> dict[str, Any]:
    """Build the reader notebooks of one page in several editions, running its code as few times as is safe.

    The student edition is laid out from the instructor edition's run when its code cells are
    exactly the first cells of that run (the page's solutions all come after its other cells, as
    on almost every page): each of them then ran after the same cells, in a fresh kernel, as it
    does for a student, so its outputs are the ones a student's run gives. Otherwise each
    edition runs on its own.

    Returns:
        ``{edition: executed nbformat notebook}`` (see :func:`reader_notebook`).
    """
    from .curriculum import book_root
    from .sphinxext import read_front_matter

    unknown = [e for e in editions if e not in EDITIONS]
    if unknown or not editions:
        raise ReaderNotebookError(f"editions must be some of {EDITIONS}; got {editions!r}.")
    root = Path(root) if root is not None else book_root()
    book = _book or _read_book(root)
    entry = Path(str(entry)).with_suffix("").as_posix()
    if Path(entry).is_absolute():
        entry = Path(entry).relative_to(root).as_posix()
    if entry not in book.notebooks:
        raise ReaderNotebookError(f"{entry} is not a notebook page of the book (a page of _toc.yml whose front "
                                  f"matter names a kernel); the notebook pages are: {sorted(book.notebooks)}.")
    path = root / f"{entry}.md"
    where = path.relative_to(root).as_posix()
    page = _Page(entry, path, read_front_matter(path))
    out: dict[str, Any] = {}
    runs: list[tuple[list[tuple[str, tuple[str, ...]]], Any, dict[str, Any]]] = []
    for edition in sorted(editions, key=EDITIONS.index):   # the instructor edition (all cells) first
        items = _page_items(page, edition, where)
        cells = _exec_cells(items)
        signature = [(c.source, tuple(c.metadata.get("tags", []))) for c in cells]
        earlier = next(((run, texts) for done, run, texts in runs if done[:len(signature)] == signature), None)
        if earlier is None:
            run, texts = _run_page(cells, items, path, where, edition, timeout)
            runs.append((signature, run, texts))
        else:
            run, texts = earlier
        executed = iter(copy.deepcopy(run.cells[1:1 + len(cells)]))
        out[edition] = _lay_out(book, page, entry, where, edition, items, executed, texts)
    return out


def _exec_cells(items: list[Any]) -> list[Any]:
    """The code cells that run a page: its code (glue calls where the book has them), and a
    figure cell where each figure is pasted."""
    import nbformat

    cells = []
    for item in items:
        if isinstance(item, _Code):
            cell = nbformat.v4.new_code_cell(item.source if item.role != "plumbing" else item.shown)
            if item.tags:
                cell.metadata["tags"] = list(item.tags)  # raises-exception: an error shown on purpose
            cells.append(cell)
        elif isinstance(item, _Figure):
            cells.append(nbformat.v4.new_code_cell(f"show_glued({item.name!r})"))
    return cells


def _run_page(cells: list[Any], items: list[Any], path: Path, where: str, edition: str,
              timeout: float) -> tuple[Any, dict[str, Any]]:
    """Run ``cells`` after a setup cell in a fresh kernel; return the run and every glued value's text.

    Glue calls moved out of view run twice: where the book has them, then where the reader
    notebook puts them; a value that differs between the two stops the conversion.
    """
    import nbformat

    setup = nbformat.v4.new_code_cell("import medialit.notebooks\nmedialit.notebooks._RECORD_HISTORY = True")
    run = _new_notebook([setup, *cells], "", where, edition)
    harvested = _execute(run, cwd=path.parent, timeout=timeout, where=where, harvest=sorted(_glue_names(items)))
    if harvested["changed"]:
        raise ReaderNotebookError(f"{where}: moving glue(...) calls out of view changes the glued values "
                                  f"{harvested['changed']}; the conversion cannot hide them safely "
                                  "(src/medialit/notebooks.py, _split_plumbing).")
    return run, harvested["texts"]


def _lay_out(book: _Book, page: _Page, entry: str, where: str, edition: str, items: list[Any],
             executed: Iterator[Any], texts: dict[str, Any]):
    """The reader notebook: the page's code cells with the outputs of their run, Markdown rendered."""
    import nbformat

    # 2. Lay out the reader notebook: the same code cells with their outputs, Markdown rendered.
    exercise_numbers: dict[str, int] = {}
    for item in items:
        if isinstance(item, _Marker) and item.kind == "exercise-start":
            exercise_numbers[item.label.lower()] = len(exercise_numbers) + 1
    renderer = _Renderer(book, entry, where, texts, exercises=exercise_numbers)
    cells: list[Any] = []
    markdown: list[str] = []

    def add_markdown(text: str) -> None:
        if text.strip():
            markdown.append(text.strip("\n"))

    def flush() -> None:
        if markdown:
            cells.append(nbformat.v4.new_markdown_cell("\n\n".join(markdown)))
            markdown.clear()

    def add_code(source: str, outputs: list[Any], execution_count: Any, tags: list[str], jupyter: dict[str, bool]):
        flush()
        cell = nbformat.v4.new_code_cell(source)
        cell.outputs = outputs
        cell.execution_count = execution_count
        if tags:
            cell.metadata["tags"] = tags
        if jupyter:
            cell.metadata["jupyter"] = jupyter
        cells.append(cell)

    solution_of = None
    solution_parts = 0
    figure_number = 0
    boxed = False
    for item in items:
        if isinstance(item, _Code):
            ran = next(executed)
            if item.role == "plumbing":
                # glue plumbing moved out of a visible cell, folded (merged below into a folded cell after it)
                add_code(_PLUMBING_NOTE + "\n" + item.shown, [], ran.execution_count, item.tags, dict(_FOLDED))
                continue
            jupyter = dict(_FOLDED) if item.folded else {
                **({"source_hidden": True} if item.source_folded else {}),
                **({"outputs_hidden": True} if item.output_folded else {})}
            if item.role == "solution" and solution_of is not None and solution_parts == 0:
                add_markdown(f"**Solution to Exercise {solution_of}** (folded: try the exercise first, "
                             "then click the ••• of the cells below to unfold them).")
                solution_parts += 1
            shown = item.shown
            if item.role == "solution":
                shown = f"# Solution to Exercise {solution_of} (try the exercise first)\n{shown}"
            elif item.folded:
                shown = f"{_SETUP_NOTE}\n{shown}"
            add_code(shown, ran.outputs, ran.execution_count, item.tags, jupyter)
        elif isinstance(item, _Figure):
            ran = next(executed)
            figure_number += 1
            jupyter = {"source_hidden": True}
            if solution_of is not None:
                jupyter = dict(_FOLDED)
            add_code(f"show_glued({item.name!r})  # Figure {figure_number}", ran.outputs, ran.execution_count,
                     ["medialit-figure"], jupyter)
            caption = renderer.markdown(item.caption).strip()
            text = f"*Figure {figure_number}.* {caption}"
            if item.alt:
                text += ("\n\n<details><summary>Description of figure " + str(figure_number) + "</summary>\n\n"
                         + _md_escape(item.alt) + "\n\n</details>")
            add_markdown(text)
        elif isinstance(item, _Marker):
            if item.kind == "exercise-start":
                number = exercise_numbers[item.label.lower()]
                title = f" ({renderer.text(item.title)})" if item.title else ""
                add_markdown(f"**Exercise {number}**{title}")
            elif item.kind == "solution-start":
                solution_of = exercise_numbers.get(item.label.lower())
                if solution_of is None:
                    raise ReaderNotebookError(f"{where}: a solution to {item.label!r}, which no exercise-start "
                                              "on this page labels.")
                solution_parts = 0
            elif item.kind == "solution-end":
                solution_of = None
        else:
            rendered = renderer.blocks([item])
            if not boxed and isinstance(item, _Text) and re.search(r"^# ", rendered, re.MULTILINE):
                # the chapter's box goes under the page title, as on the web page
                head, _, rest = rendered.partition("\n")
                while not head.startswith("# "):
                    add_markdown(head)
                    head, _, rest = rest.partition("\n")
                add_markdown(head)
                add_markdown(_front_matter_box(page.meta, renderer))
                add_markdown(f"*The reader notebook of the book's page `{where}`, "
                             + ("student edition (no solutions)" if edition == "student"
                                else "with the solutions folded")
                             + ". The numbers in the text were computed when it was generated; "
                             "Run > Run All Cells runs its code again.*")
                flush()
                rendered = rest
                boxed = True
            if solution_of is not None and rendered.strip():
                summary = f"Solution to Exercise {solution_of}" + (", continued" if solution_parts else "")
                rendered = (f"<details><summary>{summary} (try the exercise first)</summary>\n\n"
                            f"{rendered.strip()}\n\n</details>")
                solution_parts += 1
            add_markdown(rendered)
    if renderer.cited:
        add_markdown("## References\n\n" + "\n".join(
            f"- {_reference(renderer.book.bibliography[key])}" for key in renderer.cited))
    flush()
    # Glue plumbing followed, with only text between, by a folded cell (a setup cell): one cell.
    merged: list[Any] = []
    for cell in cells:
        if (cell.cell_type == "code" and cell.metadata.get("jupyter") == _FOLDED
                and "solution" not in cell.metadata.get("tags", [])):
            back = len(merged) - 1
            while back >= 0 and merged[back].cell_type == "markdown":
                back -= 1
            if back >= 0 and merged[back].metadata.get("tags") == ["medialit-glue"]:
                cell.source = merged.pop(back).source + "\n" + cell.source
        merged.append(cell)
    notebook = _new_notebook(merged, book.titles.get(entry, entry), where, edition)
    notebook.metadata["medialit"]["glued"] = dict(sorted(renderer.pasted.items()))
    return notebook


def run_problems(path: str | os.PathLike, *, timeout: float = DEFAULT_TIMEOUT) -> list[str]:
    """Run a notebook file top to bottom in a fresh kernel, outputs cleared first, in its own folder
    (as JupyterLab does); return what went wrong (an empty list when every cell ran cleanly).

    A cell that raises (unless tagged ``raises-exception``: an error shown on purpose), or writes
    to stderr (a warning), is a problem. The file is not changed.
    """
    import nbformat

    path = Path(path)
    try:
        notebook = nbformat.read(path, as_version=4)
    except (OSError, ValueError) as exc:
        return [f"{path}: cannot read it as a notebook: {exc}"]
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    try:
        _execute(notebook, cwd=path.resolve().parent, timeout=timeout, where=str(path))
    except ReaderNotebookError as exc:
        return [str(exc)]
    return [f"{path}: cell {i} has an error output" for i, cell in enumerate(notebook.cells)
            if cell.cell_type == "code" and "raises-exception" not in cell.metadata.get("tags", [])
            and any(o.get("output_type") == "error" for o in cell.outputs)]


@dataclass
class ReaderResult:
    """What :func:`write_reader_notebooks` did."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)   # (page, message)
    seconds: float = 0.0


def _build_and_write(entry: str, editions: tuple[str, ...], root: str, outs: dict[str, str],
                     timeout: float) -> list[tuple[str, str | None, float]]:
    """Write the page's reader notebook in each edition to ``outs[edition]``; one (written path or
    page, error or None, seconds) per edition."""
    import nbformat

    started = time.perf_counter()
    try:
        notebooks = reader_notebooks(entry, editions=editions, root=Path(root), timeout=timeout)
    except ReaderNotebookError as exc:
        return [(entry, str(exc), time.perf_counter() - started)]
    except Exception as exc:  # a bug here must not lose the other pages
        return [(entry, f"{entry}: unexpected {type(exc).__name__}: {exc}", time.perf_counter() - started)]
    written = []
    for edition, notebook in notebooks.items():
        out = Path(outs[edition])
        target = out / Path(entry).relative_to("book").with_suffix(".ipynb") if entry.startswith("book/") \
            else out / Path(entry).with_suffix(".ipynb")
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, str(target))
        written.append((str(target), None, time.perf_counter() - started))
    return written


def write_reader_notebooks(out: str | os.PathLike, *, edition: str = "instructor", pages: list[str] | None = None,
                           root: Path | None = None, jobs: int | None = None, timeout: float = DEFAULT_TIMEOUT,
                           on_done: Callable[[str, str | None, float], None] | None = None) -> ReaderResult:
    """Write the reader notebook of each page to ``out/<part>/<page>.ipynb``, ``jobs`` pages at a time.

    Args:
        out: the folder to write to (created if needed); the book's folders are mirrored under it,
            so that links between notebooks work.
        edition: ``"instructor"`` or ``"student"`` (see :func:`reader_notebook`), or ``"both"``:
            ``out/instructor/...`` and ``out/student/...``, built in one pool.
        pages: entries or paths of pages (default: every notebook page of the book).
        root: the kit's folder (default: this clone's).
        jobs: pages built at once (default: the number of CPUs).
        timeout: seconds one cell may run.
        on_done: called with (written path or page, error message or None, seconds) as each page ends.

    Returns:
        The notebooks written and the pages that failed, with why. A page that fails does not stop
        the others.
    """
    from .curriculum import INSTRUCTOR_ONLY, book_root

    if edition not in (*EDITIONS, "both"):
        raise ReaderNotebookError(f"edition must be one of {EDITIONS} or 'both'; got {edition!r}.")
    root = Path(root) if root is not None else book_root()
    known = notebook_pages(root)
    entries = []
    for page in pages or known:
        entry = Path(str(page)).with_suffix("").as_posix()
        if Path(entry).is_absolute():
            entry = Path(entry).resolve().relative_to(root.resolve()).as_posix()
        if entry not in known:
            raise ReaderNotebookError(f"{page} is not a notebook page of the book; the notebook pages are "
                                      f"{', '.join(known)}.")
        entries.append(entry)
    out = Path(out).resolve()
    editions = EDITIONS if edition == "both" else (edition,)
    outs = {ed: str(out / ed) if edition == "both" else str(out) for ed in editions}
    # both editions of a page are built by one task (often from one run of its code); the
    # instructor pages that hold model answers have no student edition (as in the student book)
    tasks = [(e, tuple(ed for ed in editions if not (ed == "student" and e in INSTRUCTOR_ONLY))) for e in entries]
    tasks = [task for task in tasks if task[1]]
    tasks.sort(key=lambda task: -(root / f"{task[0]}.md").stat().st_size)  # long pages first: a shorter tail
    started = time.perf_counter()
    result = ReaderResult()
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(tasks) or 1))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_build_and_write, e, eds, str(root), outs, timeout) for e, eds in tasks]
        for future in as_completed(futures):
            for written, error, seconds in future.result():
                if error:
                    result.failed.append((written, error))
                else:
                    result.written.append(Path(written))
                if on_done:
                    on_done(written, error, seconds)
    result.written.sort()
    result.seconds = time.perf_counter() - started
    return result
