"""The book as a curriculum: its pages, their objectives, Bloom levels and content checks.

The instructor pages are generated from the chapters themselves, so they cannot drift from
them: :func:`book_pages` reads ``_toc.yml`` and every page's front matter,
:func:`objectives_table` lists each learning objective with its chapter, exercise and Bloom
level, and :func:`bloom_level` infers the level from the objective's leading verb.

It also holds the machine-checkable part of the content protocol
(:data:`LINK_DENYLIST`, :func:`disallowed_links`, :func:`media_embeds`,
:func:`needs_content_note`), which ``tests/test_content_protocol.py`` applies to every page
and exercise, and which the book's content protocol page prints.

**Bloom levels.** The revised taxonomy (Anderson & Krathwohl 2001) orders six kinds of
cognitive work: remember, understand, apply, analyse, evaluate, create. An objective's level
is read from its first word, using :data:`BLOOM_VERBS`; a verb that could sit at two levels
is put at the one it has in this kit's objectives ("identify" a speaker is analysis here, not
recall). An objective whose verb is not on the list gets the level ``"unlisted"``, so that a
new verb shows up in the table instead of being guessed.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .resources import data_dir

__all__ = [
    "BLOOM_LEVELS",
    "BLOOM_VERBS",
    "GROUP_PHRASES",
    "LINK_DENYLIST",
    "Page",
    "bloom_level",
    "book_pages",
    "book_root",
    "disallowed_links",
    "media_embeds",
    "needs_content_note",
    "objectives_table",
    "syllabus_table",
    "toc_entries",
]

BLOOM_LEVELS = ("remember", "understand", "apply", "analyse", "evaluate", "create")

#: Leading verb (lower case) → Bloom level. Verbs are listed once each.
BLOOM_VERBS: dict[str, str] = {
    # remember: retrieve a fact or a location
    **dict.fromkeys(["define", "find", "know", "list", "look", "name", "recall", "recognise", "recognize",
                     "state"], "remember"),
    # understand: say what something means, in your own words
    **dict.fromkeys(["describe", "discuss", "explain", "interpret", "paraphrase", "read", "say",
                     "summarise", "summarize", "tell", "understand"], "understand"),
    # apply: carry out a procedure
    **dict.fromkeys(["annotate", "apply", "build", "calculate", "code", "compute", "convert", "count", "draw",
                     "extract", "hand", "load", "merge", "number", "plot", "run", "score", "split", "tabulate",
                     "teach", "tokenise", "tokenize", "use"],
                    "apply"),
    # analyse: break a text apart and relate the parts
    **dict.fromkeys(["analyse", "analyze", "ask", "attribute", "classify", "compare", "contrast", "detect",
                     "distinguish", "identify", "locate", "map", "measure", "separate", "trace"], "analyse"),
    # evaluate: judge against a criterion
    **dict.fromkeys(["assess", "check", "choose", "critique", "decide", "evaluate", "judge", "justify",
                     "test", "verify", "weigh"], "evaluate"),
    # create: put together something new
    **dict.fromkeys(["collect", "compose", "design", "plan", "produce", "propose", "write"], "create"),
}

#: The group's words as the seed article quotes them (lower case). A page whose source holds
#: one of these quotes the group and needs a content note.
GROUP_PHRASES = (
    "kill apostates in russia",
    "the caliphate is already here",
    "striking the apostates",
    "target the apostates wherever they are",
    "using a rope or a knife",
    "start killing russian apostates",
    "iron missile",
    "his friends, the dogs",
    "seize a territory",
    "russian apostates",
)

#: Link targets the kit never links to, with the reason. Matched case-insensitively against
#: every URL's host (and, for the last group, anywhere in the URL).
LINK_DENYLIST: dict[str, str] = {
    # video and streaming platforms: propaganda videos are re-uploaded there
    "youtube.com": "video platform", "youtu.be": "video platform", "vimeo.com": "video platform",
    "dailymotion.com": "video platform", "rumble.com": "video platform", "bitchute.com": "video platform",
    "odysee.com": "video platform", "tiktok.com": "video platform", "liveleak.com": "video platform",
    "twitch.tv": "video platform",
    # messaging channels used to distribute propaganda
    "t.me": "messaging channel", "telegram.me": "messaging channel", "telegram.org": "messaging channel",
    "rocket.chat": "messaging channel",
    # archives and paste or file hosts, which keep copies of propaganda media
    "archive.org": "web archive", "archive.today": "web archive", "archive.is": "web archive",
    "archive.ph": "web archive", "archive.li": "web archive", "archive.md": "web archive",
    "ghostarchive.org": "web archive", "justpaste.it": "paste site", "pastebin.com": "paste site",
    "dump.to": "file host", "top4top.io": "file host", "files.fm": "file host", "mega.nz": "file host",
    "mediafire.com": "file host", "gofile.io": "file host", "anonfiles.com": "file host",
    # repositories of primary jihadist material (research collections, still hosts of the media)
    "jihadology.net": "primary-source repository",
}
#: Words that, anywhere in a URL, mark a link to a jihadist media outlet or its products.
LINK_PATTERNS: dict[str, str] = {
    r"\bamaq": "IS news agency", r"\bnashir": "IS distribution channel", r"al-?hayat": "IS media centre",
    r"\bdabiq\b": "IS magazine", r"\brumiyah\b": "IS magazine", r"furat-?media|furat\.": "IS Russian-language outlet",
    r"\bal-?naba\b": "IS newsletter", r"as-?sahab": "al-Qaeda media outlet", r"\binspire-?mag": "AQAP magazine",
}

_URL = re.compile(r"""(?:https?://|ftp://|www\.)[^\s<>()"'`\]]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|be|me|io|is|ph|li|md|to|tv|fm|nz|it)(?:/[^\s<>()"'`\]]*)?""",
                  re.IGNORECASE)
_EMBED = re.compile(r"<\s*(img|video|audio|iframe|embed|object|source|picture)\b", re.IGNORECASE)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_IMAGE_DIRECTIVE = re.compile(r"^\s*(```+|:::+)\s*\{(image|figure|video|iframe)\}", re.IGNORECASE | re.MULTILINE)
_SEED_LOAD = re.compile(r"""load_article\(\s*["']seed-article""")
_LABEL = re.compile(r"^\(([\w-]+)\)=\s*$", re.MULTILINE)
_TITLE = re.compile(r"^# (.+)$", re.MULTILINE)


def book_root() -> Path:
    """The repository folder holding ``_toc.yml`` (the parent of the kit's ``data/`` folder)."""
    return data_dir().parent


@dataclass(frozen=True)
class Page:
    """One page of the book, in table-of-contents order."""

    entry: str          # as in _toc.yml, e.g. "book/counting/keyness"
    path: Path
    label: str
    title: str
    part: str           # the caption of the toc part
    meta: dict[str, Any]

    @property
    def exercise(self) -> Path:
        """Where this chapter's assignment lives (it may not exist): exercises/<part>/<chapter>.ipynb."""
        folder, name = Path(self.entry).parent.name, Path(self.entry).name
        return Path("exercises") / folder / f"{name}.ipynb"


def _front_matter(path: Path) -> dict[str, Any]:
    from .sphinxext import read_front_matter

    return read_front_matter(path)


def toc_entries(root: Path | None = None) -> list[tuple[str, str]]:
    """Every ``file`` entry of ``_toc.yml`` in reading order, with the caption of its part.

    The root page comes first with an empty caption; sections follow their chapter.
    Only the table of contents is read: whether each page exists is for the caller to check.
    """
    root = Path(root) if root is not None else book_root()
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    entries: list[tuple[str, str]] = [(toc["root"], "")]

    def walk(items: list[dict[str, Any]] | None, caption: str) -> None:
        for item in items or []:
            if "file" in item:
                entries.append((item["file"], caption))
            walk(item.get("sections"), caption)
            walk(item.get("chapters"), caption)

    for part in toc.get("parts", []):
        walk(part.get("chapters"), part.get("caption", ""))
    return entries


def book_pages(root: Path | None = None) -> list[Page]:
    """Every page listed in ``_toc.yml``, in order, with its label, title, part and front matter."""
    root = Path(root) if root is not None else book_root()
    entries = toc_entries(root)
    pages = []
    for entry, caption in entries:
        path = next((p for p in (root / f"{entry}.md", root / f"{entry}.ipynb") if p.is_file()), None)
        if path is None:
            raise FileNotFoundError(f"_toc.yml lists {entry}, but there is no {entry}.md")
        source = path.read_text(encoding="utf-8")
        label = _LABEL.search(source)
        title = _TITLE.search(source)
        pages.append(Page(entry=entry, path=path, label=label.group(1) if label else "",
                          title=title.group(1).strip() if title else entry, part=caption,
                          meta=_front_matter(path) if path.suffix == ".md" else {}))
    return pages


def bloom_level(objective: str) -> str:
    """The Bloom level of a learning objective, from its leading verb (see :data:`BLOOM_VERBS`).

    >>> bloom_level("Compute word frequencies per 10,000 words.")
    'apply'
    >>> bloom_level("Explain why a count misleads.")
    'understand'
    >>> bloom_level("Juggle three texts.")
    'unlisted'
    """
    if not isinstance(objective, str):
        raise TypeError(f"objective must be a string; got {type(objective).__name__}.")
    words = re.findall(r"[A-Za-z]+", objective)
    if not words:
        raise ValueError(f"objective {objective!r} has no words.")
    return BLOOM_VERBS.get(words[0].lower(), "unlisted")


def objectives_table(root: Path | None = None, *, parts: tuple[str, ...] = ("Part",)) -> pd.DataFrame:
    """Every learning objective of the chapters whose toc caption starts with one of ``parts``.

    Returns:
        One row per objective, in book order: ``part``, ``chapter`` (title), ``label``,
        ``objective``, ``verb``, ``bloom`` (level), ``minutes`` (of the chapter) and
        ``exercise`` (the assignment's path, or ``""`` when the chapter has none).
    """
    root = Path(root) if root is not None else book_root()
    rows = []
    for page in book_pages(root):
        if not page.part.startswith(parts):
            continue
        exercise = page.exercise if (root / page.exercise).is_file() else None
        for objective in page.meta.get("objectives") or []:
            rows.append({
                "part": page.part.split(":")[0],
                "chapter": page.title,
                "label": page.label,
                "objective": objective,
                "verb": re.findall(r"[A-Za-z]+", objective)[0].lower(),
                "bloom": bloom_level(objective),
                "minutes": page.meta.get("minutes"),
                "exercise": exercise.as_posix() if exercise else "",
            })
    return pd.DataFrame(rows, columns=["part", "chapter", "label", "objective", "verb", "bloom", "minutes",
                                       "exercise"])


# --- content protocol checks --------------------------------------------------------------------

def disallowed_links(text: str) -> list[tuple[str, str]]:
    """Every URL in ``text`` that points at a denylisted host or pattern, with the reason.

    >>> disallowed_links("See https://www.youtube.com/watch?v=x and https://www.voanews.com/a/1.html")
    [('https://www.youtube.com/watch?v=x', 'video platform')]
    """
    found = []
    for match in _URL.finditer(text):
        url = match.group().rstrip(".,;:")
        host = re.sub(r"^(?:https?|ftp)://", "", url, flags=re.IGNORECASE).split("/")[0].split(":")[0].lower()
        reason = next((why for domain, why in LINK_DENYLIST.items()
                       if host == domain or host.endswith("." + domain)), None)
        if reason is None:
            reason = next((why for pattern, why in LINK_PATTERNS.items() if re.search(pattern, url, re.IGNORECASE)),
                          None)
        if reason:
            found.append((url, reason))
    return found


def media_embeds(source: str) -> list[str]:
    """Images, video or frames written into a page's source (not figures drawn by code).

    Finds HTML ``<img>``, ``<video>``, ``<audio>``, ``<iframe>``, ``<embed>``, ``<object>``,
    ``<source>`` and ``<picture>`` tags, Markdown images ``![...](...)`` and the ``{image}``,
    ``{figure}``, ``{video}`` and ``{iframe}`` directives. ``{glue:figure}`` (a figure a code
    cell drew) is allowed.

    >>> media_embeds('Text <img src="x.png"> and ![a](b.png)')
    ['<img', '![a](b.png)']
    """
    found = [m.group() for m in _EMBED.finditer(source)]
    found += [m.group() for m in _MD_IMAGE.finditer(source)]
    found += [f"{{{m.group(2)}}} directive" for m in _IMAGE_DIRECTIVE.finditer(source)]
    return found


def needs_content_note(source: str) -> list[str]:
    """Why a page or notebook needs a content note: it loads the seed or quotes the group.

    >>> needs_content_note('seed = load_article("seed-article")')
    ['loads the seed article']
    >>> needs_content_note("They called for 'Russian apostates' to be killed.")
    ["quotes the group: 'russian apostates'"]
    """
    reasons = []
    if _SEED_LOAD.search(source):
        reasons.append("loads the seed article")
    lowered = re.sub(r"\s+", " ", source.lower().replace("\u2019", "'"))
    reasons += [f"quotes the group: {phrase!r}" for phrase in GROUP_PHRASES if phrase in lowered]
    return reasons


def notebook_source(path: Path) -> str:
    """All cell sources of a ``.ipynb`` notebook joined, for the checks above."""
    cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
    return "\n\n".join("".join(c.get("source", "")) if isinstance(c.get("source"), list) else c.get("source", "")
                       for c in cells)


def syllabus_table(sessions: list[dict[str, Any]], root: Path | None = None) -> pd.DataFrame:
    """Turn a plan of sessions into a table, taking titles, minutes and assignments from the book.

    Args:
        sessions: one dict per session with ``session`` (its name), ``chapters`` (page labels),
            ``in_class`` (what happens in the room) and ``prepare`` (what the instructor does
            beforehand).

    Returns:
        One row per session: ``session``, ``chapters`` (titles), ``reading_minutes`` (the sum of
        the chapters' ``minutes``: the time a student needs to work through them, exercises in
        the page included), ``assignments`` (the chapters' notebooks under ``exercises/`` that
        exist), ``in_class`` and ``prepare``.

    Raises:
        ValueError: a label is no page of the book, or a session lacks a key.
    """
    root = Path(root) if root is not None else book_root()
    pages = {page.label: page for page in book_pages(root)}
    rows = []
    for session in sessions:
        missing = [k for k in ("session", "chapters", "in_class", "prepare") if k not in session]
        if missing:
            raise ValueError(f"session {session.get('session', '?')!r} lacks {', '.join(missing)}.")
        unknown = [label for label in session["chapters"] if label not in pages]
        if unknown:
            raise ValueError(f"session {session['session']!r} names pages that do not exist: {', '.join(unknown)}. "
                             f"Known labels: {', '.join(sorted(pages))}.")
        chosen = [pages[label] for label in session["chapters"]]
        assignments = [p.exercise.as_posix() for p in chosen if (root / p.exercise).is_file()]
        rows.append({
            "session": session["session"],
            "chapters": "; ".join(p.title for p in chosen),
            "reading_minutes": sum(int(p.meta.get("minutes") or 0) for p in chosen),
            "assignments": "; ".join(assignments) or "none",
            "in_class": session["in_class"],
            "prepare": session["prepare"],
        })
    return pd.DataFrame(rows, columns=["session", "chapters", "reading_minutes", "assignments", "in_class",
                                       "prepare"])
