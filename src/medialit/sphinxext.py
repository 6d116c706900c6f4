"""A small Sphinx extension for the book: chapter front matter, local MathJax, editions.

Enabled in ``_config.yml`` (``sphinx.extra_extensions``). It does four things:

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
   there to its ``solution-end``.
4. **No dormant CDN scripts.** sphinx-thebe's scripts are dropped from every page (live code is
   off; they only name a CDN URL).
"""
from __future__ import annotations

import os
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


def _name_sidebar_toggles(app: Sphinx, exception: Exception | None) -> None:
    """Give the sidebar's expand/collapse toggles an accessible name, in every written page.

    The theme draws them as an icon only, which axe-core reports as a serious violation
    (summary-name): a screen-reader user hears "summary" with no idea what it opens. The theme
    renders its sidebar before any extension can reach it, so the fix is applied to the output.
    """
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if _SUMMARY in html:
            page.write_text(html.replace(_SUMMARY, _NAMED_SUMMARY), encoding="utf-8")


def _configure(app: Sphinx, config: Any) -> None:
    config.mathjax_path = "mathjax/tex-chtml.js"
    static = str(Path(__file__).parent / "_static")
    if static not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, static]
    if os.environ.get("MEDIALIT_EDITION", "").strip().lower() == "student":
        config.hide_solutions = True


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
            for child in parent.children[start:end + 1]:
                parent.remove(child)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _configure, priority=900)
    app.connect("doctree-read", _insert_metadata)
    app.connect("build-finished", _copy_mathjax)
    app.connect("html-page-context", _drop_thebe)
    app.connect("build-finished", _name_sidebar_toggles)
    app.add_css_file("medialit.css")
    app.add_directive("solution-start", _student_solution_start(), override=True)
    app.add_transform(DropHiddenGatedSolutions)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
