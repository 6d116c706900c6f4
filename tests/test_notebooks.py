"""Reader notebooks (`medialit notebooks`): every chapter reads like its web page and runs in a fresh kernel.

The fast tests check the converter's parts on small inputs. The slow ones (`make test`, not
`make test-fast`) generate the reader notebook of every notebook page of the book, in both
editions (2 pages at a time; each page runs once in a fresh kernel as it is generated), and check:

- no MyST syntax is left in any Markdown cell (glue, exercise and solution directives, roles,
  ``(label)=`` lines, directive fences, definition-list markers);
- every glued value the page's text uses is in the notebook's text; on three pages (sampled, to
  keep the time down) the values equal those ``myst_nb.glue`` gives in an independent run of the
  unchanged page, as the book's build pastes them;
- every ``{glue:figure}`` is there as an image output;
- setup cells and glue plumbing are folded; no ``glue(...)`` call is left in a visible cell;
- the student edition holds no line of any solution (its text or its code), while the instructor
  edition holds every one, folded;
- every student-edition notebook, and three instructor-edition ones (sampled), run top to bottom
  from the written file in a fresh kernel (nbclient, 2 at a time), without an error or a warning.
"""
from __future__ import annotations

import json
import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import pytest

from bookutils import ROOT

from medialit import notebooks as rn
from medialit.curriculum import INSTRUCTOR_ONLY

SAMPLED_VALUES = ["book/framing/labels", "book/framing/coding_and_agreement", "book/counting/keyness"]
SAMPLED_INSTRUCTOR_RUNS = ["book/framing/labels", "book/framing/counting_frames", "book/capstone/your_corpus"]
PAGES = rn.notebook_pages(ROOT)
LEFTOVER_MYST = re.compile(
    r"\{glue|\{solution|\{exercise|\{(?:term|ref|numref|doc|cite(?::\w+)?|math|abbr)\}`|^\s*(?:```|:::)\{"
    r"|^\([\w.:-]+\)=\s*$|^:\s", re.MULTILINE)
GLUE_ROLE = re.compile(r"\{glue(?::text|:any|:)?\}`([^`]+)`")


# ------------------------------------------------------------------------------------------
# Fast: the converter's parts.
# ------------------------------------------------------------------------------------------
def test_kernel_side_glue_keeps_values_and_says_what_to_do_when_one_is_missing():
    rn.glue("test_value", 3.5, display=False)
    assert rn.glued("test_value") == 3.5
    with pytest.raises(KeyError, match="run the cells above"):
        rn.glued("never_glued_anywhere")
    with pytest.raises(TypeError, match="non-empty name"):
        rn.glue("", 1)


def test_blocks_split_directives_options_and_code_fences():
    text = ("Intro with {term}`a term <glossary-term>`.\n\n"
            "```{admonition} What does this number measure?\n:class: measure\n**What it is.** A count.\n```\n\n"
            "```python\n{not a role}`x`\n```\n\n"
            "Loading\n: ```python\n  import pandas as pd\n  ```\n")
    blocks = rn._parse_blocks(text, "test.md")
    kinds = [type(b).__name__ + (":code" if isinstance(b, rn._Text) and b.code else "") for b in blocks]
    assert kinds[:6] == ["_Text", "_Directive", "_Text", "_Text:code", "_Text", "_Text:code"]
    assert blocks[4].text.strip() == "**Loading**"
    admonition = blocks[1]
    assert admonition.name == "admonition" and admonition.options == {"class": "measure"}
    assert admonition.argument == "What does this number measure?"
    assert blocks[5].text == "```python\nimport pandas as pd\n```"
    with pytest.raises(rn.ReaderNotebookError, match="never closed"):
        rn._parse_blocks("```{admonition} Open\nno end", "test.md")


@pytest.fixture(scope="module")
def renderer():
    book = rn._read_book(ROOT)
    return rn._Renderer(book, "book/framing/labels", "test.md",
                        {"n": "1234", "share": "0.12345", "word": "'ISIS'"}, exercises={"labels-ex-1": 1})


def test_roles_become_plain_markdown(renderer):
    text = renderer.text("We saw {glue:text}`n` words ({glue:text}`share:.1%`), {glue:text}`word` most, "
                         "as {cite:p}`entman1993framing` and {cite:t}`entman1993framing` argue. "
                         "See {ref}`frames`, {ref}`the glossary <glossary>` and {term}`labels <label>`.")
    assert "1234 words (12.3%), ISIS most" in text
    assert "(Entman, 1993)" in text and "Entman (1993) argue" in text
    assert "[What a frame is](frames.ipynb)" in text
    assert "labels" in text and "{" not in text
    assert renderer.pasted == {"n": "1234", "share:.1%": "12.3%", "word": "ISIS"}


def test_unknown_syntax_and_missing_values_stop_the_conversion(renderer):
    with pytest.raises(rn.ReaderNotebookError, match="not supported"):
        renderer.text("a {kbd}`Ctrl` key")
    with pytest.raises(rn.ReaderNotebookError, match="not supported"):
        renderer.markdown("```{mermaid}\ngraph\n```")
    with pytest.raises(rn.ReaderNotebookError, match="no cell"):
        renderer.text("{glue:text}`missing_name`")
    with pytest.raises(rn.ReaderNotebookError, match="no page defines"):
        renderer.text("{ref}`no-such-label`")


def test_admonitions_and_definition_lists(renderer):
    box = renderer.markdown("```{admonition} What does it measure?\n:class: measure\nA count of {glue:text}`n`.\n```")
    assert box.splitlines()[0] == "> **What does it measure?**" and "> A count of 1234." in box
    assert renderer.text("Licence\n: CC BY 4.0.") == "**Licence**\n\nCC BY 4.0."


def test_glue_plumbing_moves_out_of_view_only_when_that_is_safe():
    shown, plumbing = rn._split_plumbing('x = 2\nglue("x", x, display=False)\ny = x + 1\ny')
    assert shown == "x = 2\ny = x + 1\ny" and plumbing == 'glue("x", x, display=False)'
    loop = 'for k in ("a", "b"):\n    v = k * 2\n    glue(f"g_{k}", v, display=False)\nresult = 1\nresult'
    shown, plumbing = rn._split_plumbing(loop)
    assert shown == "result = 1\nresult" and plumbing.startswith("for k in")
    pairs = 'for k in ("a", "b"):\n    q, t = k, k * 2\n    glue(f"p_{k}", q + t, display=False)\nq2 = 1\nq2'
    assert rn._split_plumbing(pairs)[0] == "q2 = 1\nq2"
    # a later statement changes what the glue call reads: moving it would change the value
    assert rn._split_plumbing('x = 1\nglue("x", x)\nx = 2\nx')[1] == ""
    # the cell ends with glue(...): without it, the expression before would start to show
    assert rn._split_plumbing('x = 1\nx + 1\nglue("x", x)')[1] == ""
    # not Python (a magic): left alone
    assert rn._split_plumbing('%timeit glue("x", 1)')[1] == ""


def test_notebook_pages_are_the_toc_pages_with_a_kernel():
    assert "book/framing/labels" in PAGES and "book/welcome" not in PAGES
    with pytest.raises(rn.ReaderNotebookError, match="not a notebook page"):
        rn.reader_notebook("book/welcome")
    with pytest.raises(rn.ReaderNotebookError, match="edition"):
        rn.reader_notebook("book/framing/labels", edition="teacher")


# ------------------------------------------------------------------------------------------
# Slow: every page, both editions.
# ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def readers(tmp_path_factory):
    """Both editions of every page, generated afresh (``MEDIALIT_READER_NOTEBOOKS=DIR`` checks the
    ones a previous run wrote to DIR/instructor and DIR/student instead: a contributor's shortcut)."""
    reuse = os.environ.get("MEDIALIT_READER_NOTEBOOKS")
    if reuse:
        return Path(reuse)
    out = tmp_path_factory.mktemp("reader-notebooks")
    result = rn.write_reader_notebooks(out, edition="both", root=ROOT, jobs=2)
    assert not result.failed, "\n\n".join(message for _page, message in result.failed)
    return out


def _path(readers: Path, edition: str, entry: str) -> Path:
    return readers / edition / Path(entry).relative_to("book").with_suffix(".ipynb")


def _read(readers, edition, entry):
    return nbformat.read(_path(readers, edition, entry), as_version=4)


def _markdown(notebook) -> str:
    return "\n\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


def _source_parts(entry: str) -> tuple[str, str]:
    """The page's source split into (outside solutions, inside solutions), line by line."""
    outside, inside = [], []
    in_solution = False
    for line in (ROOT / f"{entry}.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("```{solution-start}"):
            in_solution = True
        (inside if in_solution else outside).append(line)
        if line.startswith("```{solution-end}"):
            in_solution = False
    return "\n".join(outside), "\n".join(inside)


# the instructor pages that hold model answers have no student reader notebook (INSTRUCTOR_ONLY)
EDITION_PAGES = [pytest.param(edition, entry, id=f"{edition}:{entry}") for edition in rn.EDITIONS for entry in PAGES
                 if not (edition == "student" and entry in INSTRUCTOR_ONLY)]


@pytest.mark.slow
@pytest.mark.parametrize(("edition", "entry"), EDITION_PAGES)
def test_reader_notebook_is_plain_markdown_with_its_numbers_and_figures(readers, edition, entry):
    notebook = _read(readers, edition, entry)
    assert notebook.metadata.kernelspec == {"name": "python3", "display_name": "Python 3 (medialit)",
                                            "language": "python"}
    markdown = _markdown(notebook)
    leftover = [m.group(0) for m in LEFTOVER_MYST.finditer(markdown)]
    assert not leftover, f"MyST syntax left in the Markdown: {leftover[:5]}"
    outside, inside = _source_parts(entry)
    used_text = outside if edition == "student" else outside + "\n" + inside
    glued = notebook.metadata.medialit.glued
    unescaped = markdown.replace("\\", "")
    for content in sorted(set(GLUE_ROLE.findall(used_text))):
        assert content in glued, f"{{glue:text}}`{content}` has no value in the reader notebook"
        assert glued[content] in unescaped, f"the value of {content!r} ({glued[content]!r}) is not in the text"
    figures = [c for c in notebook.cells if "medialit-figure" in c.metadata.get("tags", [])]
    expected = len(re.findall(r"^```\{glue:figure\}", used_text, re.MULTILINE))
    assert len(figures) == expected
    for cell in figures:
        assert any("image/png" in o.get("data", {}) for o in cell.outputs), f"figure cell without an image: {cell.source}"
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        folded = cell.metadata.get("jupyter", {})
        tags = cell.metadata.get("tags", [])
        if "remove-cell" in tags or "medialit-glue" in tags or "solution" in tags:
            assert folded.get("source_hidden") and folded.get("outputs_hidden"), f"not folded: {cell.source[:80]}"
        if not folded.get("source_hidden"):
            assert not re.search(r"^\s*glue\(", cell.source, re.MULTILINE), f"visible glue call: {cell.source[:200]}"
            assert "myst_nb" not in cell.source


def _solution_lines(entry: str) -> list[str]:
    """Distinctive lines of the page's solutions: long enough to be unique, absent from the rest."""
    outside, inside = _source_parts(entry)
    lines = []
    for line in inside.splitlines():
        line = line.strip()
        # (a MyST comment, `% ...`, is not on the page: not in either edition)
        if len(line) >= 25 and not line.startswith(("```", ":", "%")) and "{glue" not in line and line not in outside:
            lines.append(line)
    return lines


def _all_text(notebook) -> str:
    """Every source and every output's text in a notebook, and its metadata."""
    parts = [json.dumps(notebook.metadata, ensure_ascii=False)]
    for cell in notebook.cells:
        parts.append(cell.source)
        for output in cell.get("outputs", []):
            values = [output.get("text", "")] + list(output.get("data", {}).values())
            for value in values:
                parts.append("".join(value) if isinstance(value, list) else str(value))
    return "\n".join(parts)


@pytest.mark.slow
@pytest.mark.parametrize("entry", PAGES)
def test_student_edition_has_no_solution_and_instructor_edition_folds_every_one(readers, entry):
    lines = _solution_lines(entry)
    student_only_stub = entry in INSTRUCTOR_ONLY  # sample answers, session plans: no student notebook
    if student_only_stub:
        assert not _path(readers, "student", entry).exists()
    student = "" if student_only_stub else _all_text(_read(readers, "student", entry))
    instructor = _read(readers, "instructor", entry)
    instructor_text = "\n".join(c.source for c in instructor.cells)
    leaked = [line for line in lines if line in student]
    assert not leaked, f"the student edition holds solution text: {leaked[:3]}"
    missing = [line for line in lines if line not in instructor_text and line.replace("\\", "") not in instructor_text
               and not re.search(r"\{(?:term|ref|cite)", line)]
    assert not missing, f"the instructor edition lost solution text: {missing[:3]}"
    exercises = len(re.findall(r"^```\{exercise-start\}", (ROOT / f"{entry}.md").read_text(encoding="utf-8"), re.M))
    for number in range(1, exercises + 1 if not student_only_stub else 1):
        assert f"**Exercise {number}**" in _markdown(_read(readers, "student", entry))
    solutions = len(re.findall(r"^```\{solution-start\}", (ROOT / f"{entry}.md").read_text(encoding="utf-8"), re.M))
    for cell in instructor.cells:
        if cell.cell_type == "markdown" and "Solution to Exercise" in cell.source:
            for block in re.findall(r"<details><summary>Solution.*?</details>", cell.source, re.DOTALL):
                assert block.count("<details>") == 1
    shown = len(set(re.findall(r"Solution to Exercise (\d+)", _markdown(instructor) + instructor_text)))
    assert shown == solutions


@pytest.mark.slow
@pytest.mark.parametrize("entry", SAMPLED_VALUES)
def test_reader_numbers_equal_the_books(readers, entry):
    """Run the unchanged page with myst_nb's own glue, as the build does, and compare the values."""
    from myst_nb.core.read import read_myst_markdown_notebook
    from myst_nb.core.variables import format_plain_text
    from myst_parser.config.main import MdParserConfig

    path = ROOT / f"{entry}.md"
    page = read_myst_markdown_notebook(path.read_text(encoding="utf-8"), config=MdParserConfig(), path=str(path))
    rn._execute(page, cwd=path.parent, timeout=180, where=entry)
    book_values = {}
    for cell in page.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            plain = output.get("data", {}).get("application/papermill.record/text/plain",
                                               output.get("data", {}).get("text/plain"))
            if name and plain is not None:
                book_values[name] = plain
    glued = _read(readers, "instructor", entry).metadata.medialit.glued
    assert glued
    for content, text in glued.items():
        name, _, fmt = content.rpartition(":") if ":" in content else (content, "", "")
        assert text == format_plain_text(book_values[name], fmt), content


@pytest.mark.slow
def test_reader_notebooks_run_top_to_bottom_in_a_fresh_kernel(readers):
    paths = [_path(readers, "student", entry) for entry in PAGES if entry not in INSTRUCTOR_ONLY]
    paths += [_path(readers, "instructor", entry) for entry in SAMPLED_INSTRUCTOR_RUNS]
    with ProcessPoolExecutor(max_workers=2) as pool:
        failures = [problem for problems in pool.map(rn.run_problems, paths) for problem in problems]
    assert not failures, "\n\n".join(failures)


def _cells(notebook) -> list[tuple]:
    return [(c.cell_type, c.source, json.dumps(c.get("outputs", []), sort_keys=True), c.get("execution_count"))
            for c in notebook.cells]


@pytest.mark.slow
def test_student_edition_laid_out_from_the_instructor_run_equals_its_own_run():
    """A page whose solutions all come last runs once for both editions; the student edition
    made that way is cell for cell, outputs included, the one its own run gives."""
    both = rn.reader_notebooks("book/framing/labels", editions=("instructor", "student"))
    alone = rn.reader_notebook("book/framing/labels", edition="student")
    assert _cells(both["student"]) == _cells(alone)
    assert len(both["instructor"].cells) > len(alone.cells)
