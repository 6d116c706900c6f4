"""Helpers shared by several test modules (importable because pyproject puts tests/ on sys.path)."""
from __future__ import annotations

import sys
from pathlib import Path

from medialit.curriculum import toc_entries

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def toc_files() -> list[str]:
    """Every page of the book in table-of-contents order, as paths relative to the root without suffix."""
    return [entry for entry, _ in toc_entries(ROOT)]


# --- solution texts, for the student edition's leak check ----------------------------------------

import hashlib  # noqa: E402
import html as _html  # noqa: E402
import re  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

_OPEN = re.compile(r"^\s*(`{3,}|:{3,})\{([\w:-]+)\}")
# Inline markup whose rendered text differs from its source: a probe never spans one of these.
_BREAKS = re.compile(
    r"\{[\w:-]+\}`[^`]*`"          # roles: {term}`x`, {ref}`x`, {glue:text}`x`, {cite:p}`x`
    r"|!?\[[^\]]*\]\([^)]*\)"      # links and images
    r"|\$[^$]+\$"                  # inline math
    r"|<[^>]+>"                    # inline HTML
)
_DIRECTIVE_LINE = re.compile(r"^\s*(?:`{3,}|:{3,}|:[\w-]+:|---\s*$|\+\+\+)")
_WORD = re.compile(r"\w+")
PROBE_WORDS = 5  # a probe is a run of at least this many words from one line of a solution


def words(text: str) -> list[str]:
    """Lower-cased word tokens: punctuation, quotes, markup and whitespace do not count."""
    return _WORD.findall(text.lower())


@dataclass
class Solution:
    """One solution block of a page: its label, source lines, outputs and the probes that find it."""

    page: str
    label: str
    lines: list[str]
    outputs: list[str] = field(default_factory=list)   # text its code cells printed or displayed
    images: list[bytes] = field(default_factory=list)  # figures its code cells made
    probes: list[tuple[str, ...]] = field(default_factory=list)


class SolutionTracker:
    """Follow MyST text line by line and say which lines belong to a solution.

    Written apart from the extension's own stripper, so that the tests do not trust it: a gated
    solution runs from ``solution-start`` to the closing fence of ``solution-end``, a plain
    ``solution`` directive to its closing fence. The state carries across notebook cells.
    """

    def __init__(self, page: str):
        self.page = page
        self.state, self.closer, self.current = "out", "", None
        self.solutions: list[Solution] = []

    @property
    def inside(self) -> bool:
        return self.state != "out"

    def feed(self, line: str) -> bool:
        """Take one line; return True when it is part of a solution (its own text or markup)."""
        match = _OPEN.match(line)
        if self.state == "out":
            if match and match.group(2) in ("solution-start", "solution"):
                self.state = "gated" if match.group(2) == "solution-start" else "plain"
                self.closer = match.group(1)
                self.current = Solution(self.page, line.split("}", 1)[1].strip(), [])
                self.solutions.append(self.current)
                return True
            return False
        if self.state == "gated" and match and match.group(2) == "solution-end":
            self.state, self.closer = "end", match.group(1)
            return True
        stripped = line.strip()
        if self.state in ("end", "plain") and len(stripped) >= len(self.closer) \
                and set(stripped) == {self.closer[0]}:
            self.state = "out"
            return True
        if self.state != "end":
            self.current.lines.append(line)
        return True


def split_solutions(path: Path) -> tuple[list[Solution], list[str]]:
    """Split a MyST page into its solution blocks and the lines outside every solution."""
    tracker = SolutionTracker(str(path.relative_to(ROOT)))
    outside = [line for line in path.read_text(encoding="utf-8").splitlines() if not tracker.feed(line)]
    return tracker.solutions, outside


def _output_texts(output: dict) -> tuple[list[str], list[bytes]]:
    """The text and the images of one notebook output."""
    import base64

    texts, images = [], []
    if output.get("output_type") == "stream":
        text = output.get("text", "")
        texts.append("".join(text) if isinstance(text, list) else text)
    data = output.get("data", {})
    for mime, value in data.items():
        value = "".join(value) if isinstance(value, list) else value
        if mime in ("text/plain", "text/markdown", "text/latex"):
            texts.append(value)
        elif mime == "text/html":
            texts.append(re.sub(r"<[^>]*>", " ", value))
        elif mime.startswith("image/") and mime != "image/svg+xml":
            images.append(base64.b64decode(value))
        elif mime == "image/svg+xml":
            images.append(value.encode("utf-8"))
    return texts, images


def notebook_outputs(notebook_path: Path, page: str) -> tuple[list[Solution], list[str]]:
    """Walk an executed notebook of a MyST page: (its solutions with their outputs, the outputs
    of every cell outside a solution)."""
    import json

    tracker = SolutionTracker(page)
    outside: list[str] = []
    for cell in json.loads(notebook_path.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] != "code":
            for line in source.splitlines():
                tracker.feed(line)
            continue
        for output in cell.get("outputs", []):
            texts, images = _output_texts(output)
            if tracker.inside:
                tracker.current.outputs += texts
                tracker.current.images += images
            else:
                outside += texts
    return tracker.solutions, outside


def line_probes(line: str) -> list[tuple[str, ...]]:
    """The runs of at least PROBE_WORDS words of one source line that render as they are written."""
    if _DIRECTIVE_LINE.match(line):
        return []
    return [tuple(w) for part in _BREAKS.split(line) if len(w := words(part)) >= PROBE_WORDS]


def contains(haystack_words: list[str], probes: list[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """The probes that occur in a word sequence as contiguous runs."""
    if not probes:
        return set()
    size = PROBE_WORDS
    heads = {tuple(haystack_words[i:i + size]) for i in range(len(haystack_words) - size + 1)}
    joined = " " + " ".join(haystack_words) + " "
    return {p for p in probes if p[:size] in heads and " " + " ".join(p) + " " in joined}


def solution_index(pages: list[Path], executed: Path | None, public_texts: list[str]) -> list[Solution]:
    """Every solution of ``pages``, with its outputs (read from the executed notebooks under
    ``executed``, a folder of the executed notebooks by page path) and the probes distinctive of it.

    A probe is a run of PROBE_WORDS or more words from one line of the solution's source or
    output. It is dropped when its words also occur outside every solution (in any page, any
    output of a cell outside a solution, or ``public_texts`` such as the case articles a solution
    quotes): finding it would prove nothing.
    """
    solutions, public = [], list(public_texts)
    for path in pages:
        found, outside = split_solutions(path)
        public.append(" ".join(outside))
        notebook = executed / path.relative_to(ROOT).with_suffix(".ipynb") if executed else None
        if notebook is not None and notebook.is_file():
            with_outputs, outside_outputs = notebook_outputs(notebook, str(path.relative_to(ROOT)))
            assert [s.label for s in with_outputs] == [s.label for s in found], (
                f"{notebook}: its solutions differ from those of {path}")
            for solution, executed_solution in zip(found, with_outputs):
                solution.outputs, solution.images = executed_solution.outputs, executed_solution.images
            public += outside_outputs
        solutions += found
    public_words = words(" ".join(public))

    def candidates(solution: Solution) -> list[tuple[str, ...]]:
        out_lines = [line for text in solution.outputs for line in text.splitlines()]
        return [p for line in solution.lines for p in line_probes(line)] + \
               [tuple(w) for line in out_lines if len(w := words(line)) >= PROBE_WORDS]

    shared = contains(public_words, sorted({p for s in solutions for p in candidates(s)}))
    for solution in solutions:
        solution.probes = list(dict.fromkeys(p for p in candidates(solution) if p not in shared))
    return solutions


def file_bytes(path: Path) -> bytes:
    """A file's bytes as a program reading it would see them: Sphinx's ``objects.inv`` and
    gzip or zip archives are unpacked (their text is compressed on disk)."""
    import gzip
    import io
    import zipfile
    import zlib

    data = path.read_bytes()
    if path.name.endswith(".inv") and data.startswith(b"# Sphinx inventory"):
        lines = data.split(b"\n", 4)
        return b"\n".join(lines[:4]) + b"\n" + zlib.decompress(lines[4])
    if data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return b"\n".join(archive.read(name) for name in archive.namelist())
    return data


def file_words(path: Path) -> list[str]:
    """The words of any file as a reader (or a program) would find them.

    HTML loses its tags and entities, JSON its \\uXXXX escapes; binary files are read as UTF-8
    with undecodable bytes dropped, so text stored inside them (pickles) still counts.
    """
    text = file_bytes(path).decode("utf-8", errors="ignore")
    if path.suffix in (".html", ".htm", ".xml", ".svg"):
        text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return words(_html.unescape(text))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
