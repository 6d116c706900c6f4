"""Which of the kit's tools each chapter teaches and uses, so a syllabus can be checked for order.

A chapter **teaches** the ``medialit`` functions it imports itself (``from medialit.stats import
concordance`` in the context chapter). It **uses** those and everything they call inside the
package, followed transitively: ``technique_cues`` calls ``extract_attributions`` to tell the
reporter's voice from quoted speech, so the techniques chapter uses the attribution extractor
although it never imports it. :func:`call_graph` reads the package's source with :mod:`ast`
(nothing is executed) and :func:`tool_order_problems` reports every session that uses a tool
which a *later* session of the same syllabus teaches: students would meet its output before
they had learnt what it does and how it fails. A tool no session of the syllabus teaches is
not reported (a short syllabus uses some tools as black boxes, and says so).

Assignments count as part of their session: a notebook's imports are used in the session that
sets it.

Only the analysis modules count as tools (:data:`TOOL_MODULES`: text, stats, attribution,
framing, techniques, report). Loading a text or checking a file (``corpus``, ``resources``) is
plumbing every chapter uses from the first page on, whichever chapter happens to import it first.

A subpackage (``medialit.attribution``) counts as one module: its functions are named after
the subpackage (``attribution.extract_attributions``, wherever inside it they are defined), as a
chapter imports them.

Caveat: the graph follows plain calls and names (``tokenize(...)``, ``module.function``); it
does not follow functions passed around as values or called through ``getattr``. A class counts
as one node: it uses whatever any of its methods refers to.
"""
from __future__ import annotations

import ast
import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .curriculum import Page, book_pages, notebook_source

if TYPE_CHECKING:  # pragma: no cover
    from .teaching import Syllabus

__all__ = ["TOOL_MODULES", "call_graph", "imported_tools", "tool_order_problems", "uses"]

#: Modules whose functions are tools a chapter teaches; the rest (loading, checking, plotting) is plumbing.
TOOL_MODULES = ("text", "stats", "attribution", "framing", "techniques", "report")

_IMPORT = re.compile(r"^\s*from\s+medialit\.(\w+)\s+import\s+\(?([^)\n#]+)", re.MULTILINE)


def imported_tools(source: str) -> set[str]:
    """``module.name`` for every name a page or notebook imports from a medialit module.

    >>> sorted(imported_tools("from medialit.stats import keyness, log_likelihood  # G2"))
    ['stats.keyness', 'stats.log_likelihood']
    """
    found = set()
    for module, names in _IMPORT.findall(source):
        for name in names.split(","):
            name = name.strip().split(" as ")[0].strip()
            if name.isidentifier():
                found.add(f"{module}.{name}")
    return found


def _module_graph(module: str, tree: ast.Module, *, package: str = "") -> dict[str, set[str]]:
    """Edges ``module.function -> module2.function2`` for one module's source.

    ``module`` is the name the functions get (a subpackage's name for its files); ``package``
    is the subpackage a file sits in ("" for a top-level module), so that ``from .x import f``
    inside it means the subpackage's ``f`` and ``from ..text import g`` the top-level ``text.g``.
    """
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    local = {node.name for node in tree.body if isinstance(node, kinds)}
    imported: dict[str, str] = {}      # name -> "module.name" (from .x import name)
    modules: dict[str, str] = {}       # alias -> module   (from . import x)
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.level == 0:
            continue
        top = node.level == (2 if package else 1)
        inside = bool(package) and node.level == 1
        for alias in node.names:
            name = alias.asname or alias.name
            if inside:      # from .extract import f  /  from . import extract
                imported[name] = f"{package}.{alias.name}"
            elif top and node.module:
                imported[name] = f"{node.module.split('.')[0]}.{alias.name}"
            elif top:
                modules[name] = alias.name
    edges: dict[str, set[str]] = {}
    for node in tree.body:
        if not isinstance(node, kinds):
            continue
        targets = set()
        for inner in ast.walk(node):
            if isinstance(inner, ast.Name):
                if inner.id in local and inner.id != node.name:
                    targets.add(f"{module}.{inner.id}")
                elif inner.id in imported:
                    targets.add(imported[inner.id])
            elif isinstance(inner, ast.Attribute) and isinstance(inner.value, ast.Name) and inner.value.id in modules:
                targets.add(f"{modules[inner.value.id]}.{inner.attr}")
        edges[f"{module}.{node.name}"] = targets
    return edges


@functools.cache
def call_graph() -> dict[str, frozenset[str]]:
    """Every function of the package -> the package functions it refers to (one step)."""
    package = Path(__file__).parent
    graph: dict[str, set[str]] = {}
    files = [(path, path.stem, "") for path in sorted(package.glob("*.py"))]
    files += [(path, path.parent.name, path.parent.name) for path in sorted(package.glob("*/*.py"))
              if (path.parent / "__init__.py").is_file()]
    for path, module, sub in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, targets in _module_graph(module, tree, package=sub).items():
            graph.setdefault(name, set()).update(targets - {name})
    return {name: frozenset(targets) for name, targets in graph.items()}


def uses(tools: set[str]) -> set[str]:
    """The tools given and everything they call inside the package, transitively.

    >>> "attribution.extract_attributions" in uses({"techniques.technique_cues"})
    True
    """
    graph = call_graph()
    seen: set[str] = set()
    todo = list(tools)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(graph.get(name, ()))
    return seen


def _page_source(page: Page) -> str:
    return page.path.read_text(encoding="utf-8")


def tool_order_problems(syllabus: Syllabus, *, pages: list[Page] | None = None) -> list[str]:
    """Sessions that use a tool a later session of the syllabus teaches (empty when none)."""
    from .teaching import assignment_index

    pages = pages if pages is not None else book_pages()
    by_label = {p.label: p for p in pages}
    taught_in: dict[str, int] = {}
    used_in: list[tuple[int, set[str], str]] = []
    for session in syllabus.sessions:
        number = session["number"]
        direct: set[str] = set()
        for label in [*session["read_before"], *session["in_class"]]:
            if label in by_label:
                direct |= imported_tools(_page_source(by_label[label]))
        for tool in direct:
            taught_in.setdefault(tool, number)
        notebook = assignment_index().get(session["assignment"].get("name", ""))  # a capstone milestone has none
        assigned = imported_tools(notebook_source(notebook)) if notebook else set()
        used_in.append((number, uses(direct | assigned), session["title"]))
    problems = []
    for number, used, title in used_in:
        for tool in sorted(t for t in used if t.split(".")[0] in TOOL_MODULES):
            later = taught_in.get(tool)
            if later is not None and later > number:
                problems.append(f"{syllabus.name} session {number} ({title}) uses {tool}, "
                                f"which session {later} teaches")
    return problems
