"""A small Sphinx extension for the book: chapter front matter, local MathJax, editions.

Enabled in ``_config.yml`` (``sphinx.extra_extensions``). It does these things:

1. **Chapter metadata.** Every page in the table of contents carries, in its YAML
   front matter, ``objectives`` (list), ``minutes`` (int), ``prerequisites``
   (list of page labels) and ``content_note`` (text or null). The extension
   renders them as a box under the page title — so the box can never disagree
   with the metadata the tests check — and emits a build warning (fatal under
   ``-W``) when a field is missing or malformed.
2. **Local MathJax.** Math is typeset by a copy of MathJax 3 that ships inside the
   PyPI package ``django-static-mathjax`` and is copied into the built site, so
   that no page asks another host for anything.
3. **Student edition.** ``MEDIALIT_EDITION=student`` in the environment sets
   sphinx-exercise's ``hide_solutions``: the same source builds a book without
   solutions (``make book-student``). sphinx-exercise 1.2 hides a plain
   ``solution`` directive but not a gated one (``solution-start`` ...
   ``solution-end``): it drops the start marker only, so the solution's code
   cells stay on the page and the orphaned end marker stops the HTML writer. The
   extension marks where each gated solution starts and removes everything from
   there to its ``solution-end``, and forgets the removed nodes everywhere the
   document registered them (else the doctree pickles keep them). Everything a
   student can download is written without solutions too: the ``.md`` and
   ``.ipynb`` page downloads (``_sources/``), and the executed notebooks and glue
   data myst-nb leaves in ``jupyter_execute/``. The instructor pages that hold model answers
   (``INSTRUCTOR_ONLY``) are built as stubs: labels and headings, no content.
4. **Downloads.** Every notebook page offers its notebook (``.ipynb``, with the
   outputs of its cells) beside its ``.md`` source in the theme's download menu.
   There are no launch buttons (Binder, Colab): they would run the repository's
   pages, solutions included, on another host.
5. **No dormant CDN scripts.** sphinx-thebe's scripts and configuration are dropped from every
   page (live code is off; they only name a CDN URL and a Binder repository).
6. **Accessible controls and tables.** The theme's and myst-nb's controls get accessible
   names that contain their visible text (WCAG 2.5.3); a table whose top-left cell is empty
   gets row headers; ``_static/medialit.css`` and ``medialit.js`` keep pages within a phone's
   width (wide tables and outputs scroll in their own box).
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

METADATA_FIELDS = ("objectives", "minutes", "prerequisites", "content_note")
_MATHJAX_PARTS = (
    "tex-chtml.js",
    "output/chtml/fonts/woff-v2",
    "input/tex/extensions",
    "ui",
    "a11y",
    "sre",
    "adaptors",
)


def read_front_matter(path: Path) -> dict[str, Any]:
    """Return the YAML front matter of a MyST page (``{}`` when there is none)."""
    text = Path(path).read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    if end == -1:
        return {}
    data = yaml.safe_load(text[3:end])
    return data if isinstance(data, dict) else {}


def metadata_problems(meta: dict[str, Any]) -> list[str]:
    """List what is wrong with a page's chapter metadata (empty when it is fine)."""
    problems = []
    for key in METADATA_FIELDS:
        if key not in meta:
            problems.append(f"front matter lacks '{key}'")
    objectives = meta.get("objectives")
    if "objectives" in meta and not (
        isinstance(objectives, list) and all(isinstance(o, str) and o.strip() for o in objectives)
    ):
        problems.append("'objectives' must be a list of sentences")
    minutes = meta.get("minutes")
    if "minutes" in meta and (not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 0):
        problems.append("'minutes' must be a whole number of minutes")
    prereqs = meta.get("prerequisites")
    if "prerequisites" in meta and not (isinstance(prereqs, list) and all(isinstance(p, str) for p in prereqs)):
        problems.append("'prerequisites' must be a list of page labels")
    note = meta.get("content_note")
    if "content_note" in meta and note is not None and not (isinstance(note, str) and note.strip()):
        problems.append("'content_note' must be text or null")
    return problems


def _paragraph(*children: nodes.Node) -> nodes.paragraph:
    para = nodes.paragraph()
    para.extend(children)
    return para


def _meta_box(meta: dict[str, Any], docname: str) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    note = meta.get("content_note")
    if note:
        box = nodes.admonition(classes=["content-note", "caution"])
        box += nodes.title(text="Content note")
        box += _paragraph(nodes.Text(str(note).strip()))
        box += _paragraph(
            nodes.Text("Text only: no images, video or links to propaganda media. "),
            _ref("content-note", "Opting out and the alternative case", docname),
            nodes.Text("."),
        )
        out.append(box)

    objectives = meta.get("objectives") or []
    minutes = meta.get("minutes")
    prereqs = meta.get("prerequisites") or []
    if not (objectives or minutes or prereqs):
        return out
    box = nodes.admonition(classes=["chapter-meta", "tip"])
    box += nodes.title(text="Before you start")
    facts = []
    if minutes:
        facts.append(nodes.strong(text="Time: "))
        facts.append(nodes.Text(f"about {minutes} minutes. "))
    if prereqs:
        facts.append(nodes.strong(text="Read first: "))
        for i, label in enumerate(prereqs):
            if i:
                facts.append(nodes.Text(", "))
            facts.append(_ref(label, None, docname))
        facts.append(nodes.Text("."))
    if facts:
        box += _paragraph(*facts)
    if objectives:
        box += _paragraph(nodes.strong(text="Learning objectives. "), nodes.Text("By the end of this page you can:"))
        items = nodes.bullet_list()
        for objective in objectives:
            items += nodes.list_item("", _paragraph(nodes.Text(objective)))
        box += items
    out.append(box)
    return out


def _ref(label: str, text: str | None, docname: str) -> addnodes.pending_xref:
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype="ref", reftarget=label.lower(), refexplicit=text is not None,
        refwarn=True, refdoc=docname,
    )
    ref += nodes.inline(text=text or label, classes=["xref", "std", "std-ref"])
    return ref


def _insert_metadata(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    path = Path(app.env.doc2path(docname))
    if path.suffix != ".md":
        return
    meta = read_front_matter(path)
    for problem in metadata_problems(meta):
        logger.warning(f"{problem} (see CONTRIBUTING.md, 'Adding a chapter')", location=docname)
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        logger.warning("page has no title", location=docname)
        return
    title = next(iter(section.findall(nodes.title)), None)
    index = section.index(title) + 1 if title is not None else 0
    for offset, node in enumerate(_meta_box(meta, docname)):
        section.insert(index + offset, node)


def _mathjax_source() -> Path:
    import mathjax  # the PyPI package django-static-mathjax

    return Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"


def _copy_mathjax(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    source = _mathjax_source()
    target = Path(app.outdir) / "_static" / "mathjax"
    stamp = target / ".complete"
    if stamp.exists():
        return
    target.mkdir(parents=True, exist_ok=True)
    for part in _MATHJAX_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, target / part, dirs_exist_ok=True)
        else:
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / part)
    shutil.copy2(source.parent / "LICENSE", target / "LICENSE")
    stamp.write_text("MathJax 3 from django-static-mathjax (Apache-2.0)\n", encoding="utf-8")


def _drop_thebe(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Remove sphinx-thebe's scripts: live code is off, and its inline script names a CDN.

    Jupyter Book always loads sphinx-thebe; with ``launch_buttons.thebe: false`` its scripts do
    nothing but declare a CDN URL (twice, which the browser reports as an error).
    """
    def is_thebe(script: Any) -> bool:
        name = str(getattr(script, "filename", "") or "")
        body = str(getattr(script, "attributes", {}).get("body", "") or "")
        return name.endswith("sphinx-thebe.js") or "THEBE_JS_URL" in body or "unpkg.com/thebe" in name

    if "script_files" in context:
        context["script_files"] = [s for s in context["script_files"] if not is_thebe(s)]
    # Docutils wraps citations in role="list" with role="doc-biblioentry" children, a DPUB-ARIA
    # role that axe-core no longer accepts as a list item (a critical violation). Plain divs
    # carry the same content without the broken ARIA tree.
    if "body" in context and "citation-list" in context["body"]:
        context["body"] = (
            context["body"]
            .replace('<div role="list" class="citation-list">', '<div class="citation-list">')
            .replace(' role="doc-biblioentry"', "")
        )


_SUMMARY = '<summary><span class="toctree-toggle" role="presentation">'
_NAMED_SUMMARY = '<summary aria-label="Show or hide the pages of this part"><span class="toctree-toggle" role="presentation">'
# Accessible names that must contain the visible text (WCAG 2.5.3, axe-core's
# label-content-name-mismatch): (pattern, replacement), applied to every written page.
_NAME_FIXES = (
    # The theme's search field shows "Search Ctrl+K" but is labelled "Search": drop the label, so
    # its name is what it shows. (The icon-only search button keeps its label: it shows no text.)
    (re.compile(r'(<button class="btn search-button-field [^"]*"[^>]*?) aria-label="Search"'), r"\1"),
    # The colour-mode button is labelled "Color mode" while its icons carry the titles "Light",
    # "Dark", "System Settings" (shown as its text): the icons are decoration, the label names it.
    (re.compile(r'(<i class="theme-switch [^"]*"[^>]*?)\s+title="[^"]*"'), r'\1 aria-hidden="true"'),
    # myst-nb labels the fold of a hidden code cell "Toggle hidden content" while it shows
    # "Show code cell source": without the label its name is what it shows.
    (re.compile(r'<summary aria-label="Toggle hidden content">'), "<summary>"),
    # Not a name: sphinx-thebe's dormant configuration (live code is off) names a Binder
    # repository of its own in every notebook page; the kit has no launch buttons.
    (re.compile(r'\s*<script type="text/x-thebe-config">.*?</script>', re.DOTALL), ""),
)


def _fix_page_markup(app: Sphinx, exception: Exception | None) -> None:
    """Correct the accessible names of theme and myst-nb controls, in every written page.

    The sidebar's expand/collapse toggles are an icon only (axe-core: summary-name, serious):
    they get a name. The search field, the colour-mode button and the folds of hidden code
    cells have names that do not contain their visible text (label-content-name-mismatch,
    serious): see ``_NAME_FIXES``. The theme renders these parts before any extension can reach
    them, so the fix is applied to the output; it is idempotent.
    """
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        fixed = html.replace(_SUMMARY, _NAMED_SUMMARY)
        for pattern, replacement in _NAME_FIXES:
            fixed = pattern.sub(replacement, fixed)
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")


def _row_headers(app: Sphinx, doctree: nodes.document) -> None:
    """Make the first column of a table with an empty top-left cell a column of row headers.

    A Markdown table such as ``| | the video | the news report |`` labels its rows in its first
    column; without row headers a screen reader cannot say which row a cell belongs to (axe-core:
    td-has-header). Docutils renders a "stub" column as ``<th>``.
    """
    for table in doctree.findall(nodes.table):
        group = next(iter(table.findall(nodes.tgroup)), None)
        head = next(iter(group.findall(nodes.thead)), None) if group is not None else None
        colspecs = [c for c in group.children if isinstance(c, nodes.colspec)] if group is not None else []
        if head is None or not colspecs or len(colspecs) < 2:
            continue
        first_row = next(iter(head.findall(nodes.row)), None)
        if first_row is None or not first_row.children or first_row.children[0].astext().strip():
            continue
        colspecs[0]["stub"] = 1


def _configure(app: Sphinx, config: Any) -> None:
    config.mathjax_path = "mathjax/tex-chtml.js"
    static = str(Path(__file__).parent / "_static")
    if static not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, static]
    if _is_student_edition():
        config.hide_solutions = True


_FENCE_OPEN = re.compile(r"^\s*(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}")


class _SolutionStripper:
    """Drop solution directives from MyST text, line by line; the state carries across cells.

    Knows both forms: a gated solution (``solution-start`` ... ``solution-end``, everything in
    between, code cells included) and a plain ``solution`` directive (to its closing fence).
    """

    def __init__(self) -> None:
        self.state = "out"  # out | gated | end | plain
        self.closer: tuple[str, int] | None = None  # (fence character, minimum length)

    def _closes(self, line: str) -> bool:
        char, length = self.closer
        bare = line.strip()
        return len(bare) >= length and set(bare) == {char}

    def keep(self, line: str) -> bool:
        """Whether ``line`` stays (is outside every solution); updates the state."""
        match = _FENCE_OPEN.match(line)
        if self.state == "out":
            if match and match["name"] in ("solution-start", "solution"):
                self.state = "gated" if match["name"] == "solution-start" else "plain"
                self.closer = (match["fence"][0], len(match["fence"]))
                return False
            return True
        if self.state == "gated":
            if match and match["name"] == "solution-end":
                self.state = "end"
                self.closer = (match["fence"][0], len(match["fence"]))
            return False
        if self._closes(line):  # end of the solution-end directive, or of a plain solution
            self.state = "out"
        return False

    def strip(self, text: str) -> str:
        return "".join(line for line in text.splitlines(keepends=True) if self.keep(line))


def strip_solutions(text: str) -> str:
    """Return MyST Markdown ``text`` without its solutions, gated or plain.

    Example:
        >>> page = "Q\\n```{solution-start} ex-1\\n:class: dropdown\\n```\\nA\\n```{solution-end}\\n```\\nNext\\n"
        >>> strip_solutions(page)
        'Q\\nNext\\n'

    Caveat: an unclosed solution runs to the end of the text, which is then dropped (the build
    has already warned about it): the student edition errs on the side of showing less.
    """
    return _SolutionStripper().strip(text)


def strip_notebook_solutions(notebook: Any) -> Any:
    """Return a copy of a notebook (nbformat) read from a MyST page, without its solutions.

    Markdown cells lose the solution text they hold; code cells inside a gated solution are
    dropped with their outputs; a markdown cell left empty is dropped.
    """
    import copy

    stripper = _SolutionStripper()
    result = copy.deepcopy(notebook)
    cells = []
    for cell in result.cells:
        if cell.cell_type == "code":
            if stripper.state == "out":
                cells.append(cell)
            continue
        source = cell.source if isinstance(cell.source, str) else "".join(cell.source)
        kept = stripper.strip(source)
        if kept.strip():
            cell.source = kept
            cells.append(cell)
    result.cells = cells
    return result


from .curriculum import INSTRUCTOR_ONLY  # noqa: E402  (instructor pages built as stubs in the student edition)

_LABEL_LINE = re.compile(r"^\([\w-]+\)=\s*$")
_HEADING_LINE = re.compile(r"^#{1,6} \S")


def instructor_only_stub(text: str) -> str:
    """The student edition's version of an instructor-only page: its front matter, its labels
    and headings (outside code and directives), and a note after the title; nothing else.

    Example:
        >>> page = "---\\nminutes: 5\\n---\\n(plans)=\\n# Plans\\n\\nAnswer: A.\\n\\n(p-1)=\\n## One\\n```{code-cell} ipython3\\n# x\\n```\\n"
        >>> print(instructor_only_stub(page))
        ---
        minutes: 5
        ---
        (plans)=
        # Plans
        <BLANKLINE>
        This page is for instructors: it holds model answers, so the student edition leaves its content out. Instructors find it in the web edition (`make book`).
        <BLANKLINE>
        (p-1)=
        ## One
        <BLANKLINE>
        <BLANKLINE>
    """
    lines = text.splitlines()
    kept: list[str] = []
    body = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            kept, body = lines[:end + 1], end + 1
    fence: tuple[str, int] | None = None
    noted = False
    for line in lines[body:]:
        bare = line.strip()
        if fence is not None:
            if len(bare) >= fence[1] and set(bare) == {fence[0]}:
                fence = None
            continue
        opened = re.match(r"^(`{3,}|:{3,})", bare)
        if opened:
            fence = (opened.group(1)[0], len(opened.group(1)))
            continue
        if _LABEL_LINE.match(line):
            kept.append(line)
        elif _HEADING_LINE.match(line):
            kept.append(line)
            kept.append("")
            if not noted:
                kept += ["This page is for instructors: it holds model answers, so the student edition leaves "
                         "its content out. Instructors find it in the web edition (`make book`).", ""]
                noted = True
    return "\n".join(kept) + "\n"


def _stub_instructor_pages(app: Sphinx, docname: str, source: list[str]) -> None:
    if _is_student_edition() and docname in INSTRUCTOR_ONLY:
        source[0] = instructor_only_stub(source[0])


def _is_student_edition() -> bool:
    return os.environ.get("MEDIALIT_EDITION", "").strip().lower() == "student"


class hidden_solution_start(nodes.Element):
    """Where a gated solution starts, in the student edition; removed with the solution."""


def _student_solution_start():
    """sphinx-exercise's ``solution-start`` directive, leaving a marker when solutions are hidden."""
    from sphinx_exercise.directive import SolutionStartDirective

    class SolutionStart(SolutionStartDirective):
        def run(self) -> list[nodes.Node]:
            result = super().run()  # keeps sphinx-exercise's record of gated directives
            if not self.env.app.config.hide_solutions:
                return result
            marker = hidden_solution_start()
            self.set_source_info(marker)
            return [marker]

    return SolutionStart


class DropHiddenGatedSolutions(SphinxTransform):
    """Remove each hidden gated solution: its marker, the nodes after it, and its ``solution-end``."""

    default_priority = 9  # before sphinx-exercise pairs gated directives (priority 10)

    def apply(self, **kwargs: Any) -> None:
        from sphinx_exercise.nodes import solution_end_node

        for marker in list(self.document.findall(hidden_solution_start)):
            parent = marker.parent
            start = parent.index(marker)
            end = next((i for i in range(start + 1, len(parent.children))
                        if isinstance(parent.children[i], solution_end_node)), None)
            if end is None:
                logger.warning("solution-start has no solution-end after it at the same level; "
                               "the student edition cannot tell where the solution ends",
                               location=marker)
                parent.remove(marker)
                continue
            removed = parent.children[start:end + 1]
            for child in removed:
                parent.remove(child)
            _forget(self.document, removed)


def _forget(document: nodes.document, removed: list[nodes.Node]) -> None:
    """Drop every reference the document keeps to nodes that were cut out of its tree.

    Docutils registers ids, names and references on the document (``document.ids``,
    ``refnames``, ``citation_refs`` ...). A node removed from the tree but still registered
    there is pickled with the doctree and the environment, parent paragraph and all: the
    solution text would survive in ``.doctrees``.
    """
    dead = {id(node) for top in removed for node in top.findall()}
    dead_ids = {key for key, node in document.ids.items() if id(node) in dead}
    for key in dead_ids:
        del document.ids[key]
    for name in [name for name, key in document.nameids.items() if key in dead_ids]:
        del document.nameids[name]
        document.nametypes.pop(name, None)
    for attribute, value in vars(document).items():
        if attribute in ("ids", "children", "parent", "document"):
            continue
        if isinstance(value, list) and any(isinstance(v, nodes.Node) for v in value):
            value[:] = [v for v in value if id(v) not in dead]
        elif isinstance(value, dict):
            for key in list(value):
                item = value[key]
                if isinstance(item, nodes.Node) and id(item) in dead:
                    del value[key]
                elif isinstance(item, list) and any(isinstance(v, nodes.Node) for v in item):
                    item[:] = [v for v in item if id(v) not in dead]
                    if not item:
                        del value[key]


def _offer_notebook(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Offer every notebook page as an ``.ipynb`` download (written by :func:`_write_notebook_download`).

    sphinx-book-theme adds the ``.ipynb`` entry to its download menu only when launch buttons
    are on; the kit has none (they would run the repository's pages, solutions included, on
    another host), so the extension names the notebook itself. Runs before the theme (500 < 501).
    """
    if "kernelspec" in app.env.metadata.get(pagename, {}) and context.get("sourcename"):
        context["ipynb_source"] = pagename + ".ipynb"


def _write_notebook_download(app: Sphinx, doctree: nodes.document) -> None:
    """Write ``_sources/<page>.ipynb``, the notebook the download button serves, when a page is read.

    myst-nb has just written the page's notebook to ``jupyter_execute/`` (without outputs when
    they come from the execution cache); the download gets the cached outputs merged in. In the
    student edition the solution text, its code cells and their outputs are stripped, and the
    notebook and glue data left in ``jupyter_execute/`` are replaced by the stripped ones, so
    that no file of the edition holds a solution.
    """
    if app.builder.format != "html":
        return
    import json

    import nbformat

    docname = app.env.docname
    source = Path(app.env.doc2path(docname))
    executed = Path(app.outdir).parent / "jupyter_execute" / (docname + ".ipynb")
    if source.suffix != ".md" or not executed.is_file() or "kernelspec" not in read_front_matter(source):
        return
    notebook = nbformat.read(executed, as_version=4)
    if app.config.nb_execution_mode in ("cache", "auto") and app.config.nb_execution_cache_path:
        from jupyter_cache import get_cache

        try:
            _, notebook = get_cache(app.config.nb_execution_cache_path).merge_match_into_notebook(notebook)
        except KeyError:  # not in the cache (executed inline): keep the notebook as myst-nb wrote it
            pass
    if app.config.hide_solutions:
        full_keys = _glue_keys(notebook)
        notebook = strip_notebook_solutions(notebook)
        nbformat.write(notebook, executed)
        glue_path = executed.with_name(Path(docname).name + ".glue.json")
        dropped = full_keys - _glue_keys(notebook)
        if dropped and glue_path.is_file():
            glue = json.loads(glue_path.read_text(encoding="utf-8"))
            glue = {key: value for key, value in glue.items() if key not in dropped}
            glue_path.write_text(json.dumps(glue), encoding="utf-8")
    target = Path(app.outdir) / "_sources" / (docname + ".ipynb")
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)


def _strip_copied_sources(app: Sphinx, exception: Exception | None) -> None:
    """In the student edition, rewrite the page sources Sphinx copied to ``_sources/`` (the
    ``.md`` download, or a notebook page's own ``.ipynb``) without their solutions."""
    if exception is not None or app.builder.format != "html" or not app.config.hide_solutions:
        return
    for docname in sorted(app.env.found_docs):
        source = Path(app.env.doc2path(docname))
        suffix = source.suffix
        if suffix != app.config.html_sourcelink_suffix:
            suffix += app.config.html_sourcelink_suffix
        copied = Path(app.outdir) / "_sources" / (docname + suffix)
        if not copied.is_file():
            continue
        if source.suffix == ".md" and docname in INSTRUCTOR_ONLY:
            copied.write_text(instructor_only_stub(source.read_text(encoding="utf-8")), encoding="utf-8")
        elif source.suffix == ".md":
            copied.write_text(strip_solutions(source.read_text(encoding="utf-8")), encoding="utf-8")
        elif source.suffix == ".ipynb":
            import nbformat

            nbformat.write(strip_notebook_solutions(nbformat.read(source, as_version=4)), copied)


def _glue_keys(notebook: Any) -> set[str]:
    """The names a notebook's cells glue (myst-nb marks them in the output metadata)."""
    return {
        output.get("metadata", {}).get("scrapbook", {}).get("name")
        for cell in notebook.cells if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("metadata", {}).get("scrapbook", {}).get("name")
    }


#: The sphinx-exercise releases the gated-solution workaround (point 3 of this module's
#: docstring; upstream issue executablebooks/sphinx-exercise#89, open) was written and tested for.
SPHINX_EXERCISE_TESTED = ("1.2",)


def check_sphinx_exercise(version: str) -> None:
    """Refuse a sphinx-exercise release the student edition's workaround was not tested with.

    The workaround replaces sphinx-exercise's ``solution-start`` directive and removes what it
    leaves behind; a release that fixes upstream issue #89, or changes its nodes, would make
    the workaround wrong in ways a build does not show (a solution left in the student edition).

    >>> check_sphinx_exercise("1.2.1")
    >>> check_sphinx_exercise("1.3.0")
    Traceback (most recent call last):
    ...
    sphinx.errors.ExtensionError: sphinx-exercise 1.3.0 is installed; medialit's student edition was tested with 1.2 only. ...
    """
    from sphinx.errors import ExtensionError

    if ".".join(version.split(".")[:2]) not in SPHINX_EXERCISE_TESTED:
        raise ExtensionError(
            f"sphinx-exercise {version} is installed; medialit's student edition was tested with "
            f"{', '.join(SPHINX_EXERCISE_TESTED)} only. Check whether upstream issue #89 (gated solutions "
            "under hide_solutions) is fixed, test the student edition (tests/test_book.py), then add the "
            "release to medialit.sphinxext.SPHINX_EXERCISE_TESTED.")


def setup(app: Sphinx) -> dict[str, Any]:
    from importlib.metadata import version

    check_sphinx_exercise(version("sphinx-exercise"))
    app.connect("config-inited", _configure, priority=900)
    app.connect("doctree-read", _insert_metadata)
    app.connect("build-finished", _copy_mathjax)
    app.connect("html-page-context", _drop_thebe)
    app.connect("build-finished", _fix_page_markup)
    app.connect("doctree-read", _row_headers)
    app.connect("html-page-context", _offer_notebook)
    app.connect("doctree-read", _write_notebook_download)
    app.connect("build-finished", _strip_copied_sources)
    app.connect("source-read", _stub_instructor_pages)
    app.add_css_file("medialit.css")
    app.add_js_file("medialit.js")
    app.add_directive("solution-start", _student_solution_start(), override=True)
    app.add_transform(DropHiddenGatedSolutions)
    # env_version: an environment built by an older version of this extension (which left
    # solutions in the student edition's downloads and doctrees) is discarded and every page re-read.
    return {"version": "0.3", "env_version": 3, "parallel_read_safe": True, "parallel_write_safe": True}
