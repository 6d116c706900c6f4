"""The book as a curriculum: its pages, their objectives, Bloom levels, rubric, corrections and content checks.

The instructor pages are generated from the chapters themselves, so they cannot drift from
them: :func:`book_pages` reads ``_toc.yml`` and every page's front matter, and
:func:`objectives_table` lists each learning objective with its chapter, the student edition of
its assignment and its Bloom level.

**Bloom levels are authored, not guessed.** The revised taxonomy (Anderson & Krathwohl 2001)
orders six kinds of cognitive work: remember, understand, apply, analyse, evaluate, create. A
verb does not decide the level ("identify the speaker of a broken quotation" is analysis, "find
the page" is recall), so each page states the level of each objective in its front matter,
in a list ``bloom:`` parallel to ``objectives:``. :func:`authored_levels` reads it and says what
is missing; ``tests/test_facts.py`` fails a page whose objectives lack their levels.

**One capstone rubric.** :func:`capstone_rubric` reads ``data/codebooks/capstone-rubric.yml``
and :func:`rubric_markdown` renders it; every page that shows the rubric calls them, so the
rubric cannot differ between pages.

**Corrections.** :func:`corrections_table` reads ``data/corrections.csv``, the kit's errata,
which the Reference part's corrections page prints.

It also holds the machine-checkable part of the content protocol
(:data:`LINK_DENYLIST`, :func:`disallowed_links`, :func:`media_embeds`,
:func:`needs_content_note`), which ``tests/test_content_protocol.py`` applies to every page
and exercise, and which the book's content protocol page prints.
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
    "GROUP_PHRASES",
    "LINK_DENYLIST",
    "LINK_PATTERNS",
    "MEDIA_EXTENSIONS",
    "WEB_ARCHIVES",
    "STUDENT_EDITION",
    "Page",
    "authored_levels",
    "book_pages",
    "book_root",
    "capstone_rubric",
    "corrections_table",
    "interpretive_criteria",
    "rubric_markdown",
    "disallowed_links",
    "link_categories",
    "media_embeds",
    "needs_content_note",
    "objectives_table",
    "syllabus_table",
    "toc_entries",
]

BLOOM_LEVELS = ("remember", "understand", "apply", "analyse", "evaluate", "create")

#: Where ``make exercises`` writes the student edition of every assignment: the only notebooks
#: a student should be pointed to (the sources under ``exercises/<part>/`` hold the solutions).
STUDENT_EDITION = "exercises/dist/student"

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
    # a video archive (its captures are mostly of videos); the page archives are WEB_ARCHIVES below
    "ghostarchive.org": "video archive",
    # paste and file hosts, which keep copies of propaganda media
    "justpaste.it": "paste site", "pastebin.com": "paste site",
    "dump.to": "file host", "top4top.io": "file host", "files.fm": "file host", "mega.nz": "file host",
    "mediafire.com": "file host", "gofile.io": "file host", "anonfiles.com": "file host",
    # repositories of primary jihadist material (research collections, still hosts of the media)
    "jihadology.net": "primary-source repository",
}
#: Web archives whose captures of *pages* are a verification tool (the Wayback Machine shows what
#: a news page said on a given day). :func:`disallowed_links` allows a capture whose address shows
#: the archived page's own address, when that address is itself allowed and is not a media file; it
#: refuses the archive's stored items (``archive.org/details/...``), captures of media files or of
#: denylisted addresses, and short capture ids that do not show what they archived.
WEB_ARCHIVES: dict[str, str] = {
    "archive.org": "Internet Archive", "archive.today": "archive.today", "archive.is": "archive.today",
    "archive.ph": "archive.today", "archive.li": "archive.today", "archive.md": "archive.today",
}
#: File extensions of media (video, audio, images) and of file bundles: a capture of one is refused.
MEDIA_EXTENSIONS = ("mp4", "m4v", "webm", "mkv", "avi", "mov", "flv", "wmv", "3gp", "mpg", "mpeg", "ts",
                    "mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "flac", "amr",
                    "jpg", "jpeg", "png", "gif", "webp", "bmp", "tif", "tiff", "svg",
                    "zip", "rar", "7z", "tar", "gz", "torrent")
#: Words that, anywhere in a URL, mark a link to a jihadist media outlet or its products.
LINK_PATTERNS: dict[str, str] = {
    r"\bamaq": "IS news agency", r"\bnashir": "IS distribution channel", r"al-?hayat": "IS media centre",
    r"\bdabiq\b": "IS magazine", r"\brumiyah\b": "IS magazine", r"furat-?media|furat\.": "IS Russian-language outlet",
    r"\bal-?naba\b": "IS newsletter", r"as-?sahab": "al-Qaeda media outlet", r"\binspire-?mag": "AQAP magazine",
}

_URL = re.compile(r"""(?:https?://|ftp://|www\.)[^\s<>()"'`\]]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:today|com|org|net|be|me|io|is|ph|li|md|to|tv|fm|nz|it)(?![a-z0-9-])(?:/[^\s<>()"'`\]]*)?""",
                  re.IGNORECASE)
_EMBED = re.compile(r"<\s*(img|video|audio|iframe|embed|object|source|picture)(?=[\s/>])", re.IGNORECASE)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_IMAGE_DIRECTIVE = re.compile(r"^\s*(```+|:::+)\s*\{(image|figure|video|iframe)\}", re.IGNORECASE | re.MULTILINE)
_SEED_LOAD = re.compile(r"""load_article\(\s*["']seed-article""")
_LABEL = re.compile(r"^\(([\w-]+)\)=\s*$", re.MULTILINE)
_TITLE = re.compile(r"^# (.+)$", re.MULTILINE)


#: Instructor pages that hold model answers (the sample answers to the notebooks' hand-graded
#: questions; the session plans' model answers to discussion prompts). In the student edition
#: each is built as a stub: its front matter, labels and headings, and a note saying where the
#: page is, so links to it still resolve but none of its answers is on the page or in a download.
INSTRUCTOR_ONLY = frozenset({
    "book/instructors/exemplars",
    "book/instructors/sessions_single",
    "book/instructors/sessions_one_week",
    "book/instructors/sessions_four_weeks",
})



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
        """Where this chapter's assignment source lives (it may not exist): exercises/<part>/<chapter>.ipynb.

        For maintainers only: the source holds the solutions and hidden tests. Point students to
        :attr:`student_exercise`.
        """
        folder, name = Path(self.entry).parent.name, Path(self.entry).name
        return Path("exercises") / folder / f"{name}.ipynb"

    @property
    def student_exercise(self) -> Path:
        """The student edition of this chapter's assignment, as ``make exercises`` writes it."""
        folder, name = Path(self.entry).parent.name, Path(self.entry).name
        return Path(STUDENT_EDITION) / folder / f"{name}.ipynb"


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


def authored_levels(meta: dict[str, Any]) -> list[str]:
    """The Bloom level of each objective of a page, as its front matter states them (``bloom:``).

    An objective without an authored level gets ``"not authored"``, so a table shows the gap
    instead of guessing.

    >>> authored_levels({"objectives": ["Compute a rate.", "Judge a count."], "bloom": ["apply", "evaluate"]})
    ['apply', 'evaluate']
    >>> authored_levels({"objectives": ["Compute a rate."]})
    ['not authored']

    Raises:
        ValueError: a stated level is not one of :data:`BLOOM_LEVELS`, or there are more levels
            than objectives.
    """
    objectives = meta.get("objectives") or []
    levels = meta.get("bloom") or []
    if not isinstance(levels, list):
        raise ValueError(f"'bloom' must be a list of levels, one per objective; got {levels!r}.")
    if len(levels) > len(objectives):
        raise ValueError(f"'bloom' lists {len(levels)} levels for {len(objectives)} objectives.")
    bad = [level for level in levels if level not in BLOOM_LEVELS]
    if bad:
        raise ValueError(f"unknown Bloom level(s) {bad}; use one of {', '.join(BLOOM_LEVELS)}.")
    return list(levels) + ["not authored"] * (len(objectives) - len(levels))


def objectives_table(root: Path | None = None, *, parts: tuple[str, ...] = ("Part",)) -> pd.DataFrame:
    """Every learning objective of the chapters whose toc caption starts with one of ``parts``.

    Returns:
        One row per objective, in book order: ``part``, ``chapter`` (title), ``label``,
        ``objective``, ``bloom`` (the level the page's front matter states, or "not
        authored"), ``minutes`` (of the chapter) and ``exercise`` (the student edition of the
        chapter's assignment, under :data:`STUDENT_EDITION`, or ``""`` when it has none).
    """
    root = Path(root) if root is not None else book_root()
    rows = []
    for page in book_pages(root):
        if not page.part.startswith(parts):
            continue
        has_exercise = (root / page.exercise).is_file()
        objectives = page.meta.get("objectives") or []
        for objective, level in zip(objectives, authored_levels(page.meta)):
            rows.append({
                "part": page.part.split(":")[0],
                "chapter": page.title,
                "label": page.label,
                "objective": objective,
                "bloom": level,
                "minutes": page.meta.get("minutes"),
                "exercise": page.student_exercise.as_posix() if has_exercise else "",
            })
    return pd.DataFrame(rows, columns=["part", "chapter", "label", "objective", "bloom", "minutes", "exercise"])


# --- content protocol checks --------------------------------------------------------------------

def _host_of(url: str) -> str:
    return re.sub(r"^(?:https?|ftp)://", "", url, flags=re.IGNORECASE).split("/")[0].split(":")[0].lower()


def _on(host: str, domains) -> str | None:
    """The entry of ``domains`` that ``host`` is, or is a subdomain of."""
    return next((d for d in domains if host == d or host.endswith("." + d)), None)


_WAYBACK = re.compile(r"^/web/(?:\d{1,14}\*?|\*)(?P<mod>[a-z]{2}_)?/(?P<target>.+)$", re.IGNORECASE)
_ARCHIVE_TODAY = re.compile(r"^/(?:\d{4}[.\d-]*|newest|oldest)/(?P<target>.+)$", re.IGNORECASE)
_MEDIA = re.compile(r"\.(?:" + "|".join(MEDIA_EXTENSIONS) + r")$", re.IGNORECASE)


def _archive_problem(url: str, host: str, archive: str) -> str | None:
    """Why a link into a web archive is refused, or None when it is a capture of an allowed page."""
    path = re.sub(r"^(?:https?|ftp)://", "", url, flags=re.IGNORECASE)
    path = path[len(path.split("/")[0]):]
    if path in ("", "/"):
        return None   # the archive's own front page: naming the tool, not pointing into it
    if WEB_ARCHIVES[archive] == "Internet Archive":
        match = _WAYBACK.match(path) if host in ("web.archive.org", "wayback.archive.org") else None
        if match is None:
            return "web archive: a stored item or file, not a capture of a web page"
        if (match.group("mod") or "").lower() in ("im_", "oe_", "if_"):
            return "web archive: a capture of embedded media"
    else:
        match = _ARCHIVE_TODAY.match(path)
        if match is None:
            return "web archive: a capture that does not show the address it archived"
    target = match.group("target")
    if not re.match(r"^(?:https?|ftp)://", target, re.IGNORECASE):
        target = "http://" + target.lstrip("/")
    inner = disallowed_links(target)
    if inner:
        return f"web archive: a capture of a denylisted address ({inner[0][1]})"
    target_path = target.split("?")[0].split("#")[0]
    if _MEDIA.search(target_path):
        return "web archive: a capture of a media file"
    return None


def disallowed_links(text: str) -> list[tuple[str, str]]:
    """Every URL in ``text`` that points at a denylisted host or pattern, with the reason.

    Captures of web pages in a web archive (:data:`WEB_ARCHIVES`) are allowed when the capture's
    address shows the archived page's address and that page would be allowed itself; the
    archives' stored files, captures of media files or of denylisted addresses, and short capture
    ids that hide what they archived are refused.

    >>> disallowed_links("See https://www.youtube.com/watch?v=x and https://www.voanews.com/a/1.html")
    [('https://www.youtube.com/watch?v=x', 'video platform')]
    >>> disallowed_links("https://web.archive.org/web/20160307/https://www.jpost.com/Middle-East/x")
    []
    >>> disallowed_links("https://web.archive.org/web/2016/https://example.com/clip.mp4")
    [('https://web.archive.org/web/2016/https://example.com/clip.mp4', 'web archive: a capture of a media file')]
    """
    found = []
    for match in _URL.finditer(text):
        url = match.group().rstrip(".,;:")
        host = _host_of(url)
        domain = _on(host, LINK_DENYLIST)
        reason = LINK_DENYLIST[domain] if domain else None
        if reason is None:
            reason = next((why for pattern, why in LINK_PATTERNS.items() if re.search(pattern, url, re.IGNORECASE)),
                          None)
        if reason is None:
            archive = _on(host, WEB_ARCHIVES)
            if archive:
                reason = _archive_problem(url, host, archive)
        if reason:
            found.append((url, reason))
    return found


def link_categories() -> pd.DataFrame:
    """What the link check refuses, by category, without listing the propaganda outlets it knows.

    One row per category of :data:`LINK_DENYLIST` (hosts) and :data:`LINK_PATTERNS` (words in a
    URL), with how many hosts or patterns it holds, and one row per rule for web archives. The
    content protocol page prints this table: a category and a count, never a directory of the
    group's outlets (those stay in the code and its tests).

    >>> table = link_categories()
    >>> list(table.columns)
    ['what is refused', 'matched by', 'entries']
    >>> bool(table["what is refused"].str.contains("amaq", case=False).any())
    False
    """
    rows = []
    hosts = pd.Series(LINK_DENYLIST)
    for why, group in hosts.groupby(hosts, sort=False):
        rows.append({"what is refused": why, "matched by": "host (and its subdomains)", "entries": len(group)})
    patterns = pd.Series(LINK_PATTERNS)
    kinds = patterns.str.replace(r"^IS .*", "the Islamic State's media outlets and products", regex=True)
    kinds = kinds.str.replace(r"^(?:al-Qaeda|AQAP) .*", "al-Qaeda's media outlets and products", regex=True)
    for why, group in kinds.groupby(kinds, sort=False):
        rows.append({"what is refused": why, "matched by": "a word anywhere in the address", "entries": len(group)})
    for why in ("web archive: a stored item or file, not a capture of a web page",
                "web archive: a capture of a media file, of embedded media or of a denylisted address",
                "web archive: a capture that does not show the address it archived"):
        rows.append({"what is refused": why, "matched by": "rule for " + ", ".join(sorted(set(WEB_ARCHIVES.values()))),
                     "entries": len(WEB_ARCHIVES)})
    return pd.DataFrame(rows)


def media_embeds(source: str) -> list[str]:
    """Images, video or frames written into a page's source (not figures drawn by code).

    Finds HTML ``<img>``, ``<video>``, ``<audio>``, ``<iframe>``, ``<embed>``, ``<object>``,
    ``<source>`` and ``<picture>`` tags, Markdown images ``![...](...)`` and the ``{image}``,
    ``{figure}``, ``{video}`` and ``{iframe}`` directives. ``{glue:figure}`` (a figure a code
    cell drew) is allowed.

    >>> media_embeds('Text <img src="x.png"> and ![a](b.png)')
    ['<img', '![a](b.png)']
    >>> media_embeds("a cross-reference such as {ref}`the table <source-chain>` is not a tag")
    []
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
            beforehand); optionally ``assign``, the labels of the chapters whose notebook is
            handed out after the session (by default, every chapter of the session that has one).

    Returns:
        One row per session: ``session``, ``chapters`` (titles), ``reading_minutes`` (the sum of
        the chapters' ``minutes``: the time a student needs to work through them, exercises in
        the page included), ``assignments`` (the student editions of the notebooks handed out,
        under :data:`STUDENT_EDITION`), ``in_class`` and ``prepare``.

    Raises:
        ValueError: a label is no page of the book, a session lacks a key, or ``assign`` names a
            chapter that is not in the session or has no notebook.
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
        assign = session.get("assign")
        if assign is None:
            handed_out = [p for p in chosen if (root / p.exercise).is_file()]
        else:
            wrong = [label for label in assign if label not in session["chapters"]
                     or not (root / pages[label].exercise).is_file()]
            if wrong:
                raise ValueError(f"session {session['session']!r} assigns {', '.join(wrong)}, which is not one of "
                                 "its chapters or has no notebook.")
            handed_out = [pages[label] for label in assign]
        assignments = [p.student_exercise.as_posix() for p in handed_out]
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


# --- the capstone rubric and the corrections ----------------------------------------------------

def _rubric_file() -> dict[str, Any]:
    from .corpus import verify_file
    from .resources import data_path

    path = data_path("codebooks", "capstone-rubric.yml")
    verify_file(path)
    book = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("scale", "criteria", "care", "interpretive_criteria"):
        if key not in book:
            raise ValueError(f"{path} lacks '{key}'; see its manifest for the format.")
    return book


def capstone_rubric() -> pd.DataFrame:
    """The capstone rubric, one row per criterion and score (``data/codebooks/capstone-rubric.yml``).

    Columns: ``criterion`` (its name), ``asks``, ``builds_on`` (names of the interpretive
    criteria it applies), ``score`` (4 down to 0) and ``descriptor``.

    >>> rubric = capstone_rubric()
    >>> rubric["criterion"].nunique(), sorted(int(s) for s in rubric["score"].unique())
    (4, [0, 1, 2, 3, 4])
    """
    book = _rubric_file()
    names = {c["id"]: c["name"] for c in book["interpretive_criteria"]}
    rows = []
    for criterion in book["criteria"]:
        for score, descriptor in sorted(criterion["levels"].items(), key=lambda kv: -int(kv[0])):
            rows.append({"criterion": criterion["name"], "asks": criterion["asks"],
                         "builds_on": ", ".join(names[i] for i in criterion.get("builds_on") or []),
                         "score": int(score), "descriptor": str(descriptor)})
    return pd.DataFrame(rows, columns=["criterion", "asks", "builds_on", "score", "descriptor"])


def interpretive_criteria() -> pd.DataFrame:
    """The four criteria behind every hand-graded interpretive answer: ``criterion``, ``strong``, ``weak``.

    >>> interpretive_criteria()["criterion"].tolist()
    ['Claim', 'Textual evidence', 'Computational evidence', 'Limits']
    """
    book = _rubric_file()
    return pd.DataFrame([{"criterion": c["name"], "strong": c["strong"], "weak": c["weak"]}
                         for c in book["interpretive_criteria"]], columns=["criterion", "strong", "weak"])


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def rubric_markdown(*, interpretive: bool = False) -> str:
    """The capstone rubric as Markdown: a table of scores by criterion, then the care conditions.

    With ``interpretive=True``, the table of the four interpretive criteria instead (strong and
    weak answers), for pages that explain how interpretive answers are assessed.

    >>> text = rubric_markdown()
    >>> text.splitlines()[0].startswith("| score |")
    True
    """
    book = _rubric_file()
    if interpretive:
        table = interpretive_criteria()
        lines = ["| criterion | strong answer | weak answer |", "|---|---|---|"]
        lines += [f"| **{_cell(r.criterion)}** | {_cell(r.strong)} | {_cell(r.weak)} |" for r in table.itertuples()]
        return "\n".join(lines) + "\n"
    rubric = capstone_rubric()
    criteria = list(dict.fromkeys(rubric["criterion"]))
    lines = ["| score | " + " | ".join(_cell(c) for c in criteria) + " |",
             "|---|" + "---|" * len(criteria)]
    for score in sorted(rubric["score"].unique(), reverse=True):
        cells = [rubric.loc[(rubric["criterion"] == c) & (rubric["score"] == score), "descriptor"].iloc[0]
                 for c in criteria]
        lines.append(f"| {score} | " + " | ".join(_cell(d) for d in cells) + " |")
    care = book["care"]
    lines += ["", f"**{care['name']}:** " + "; ".join(care["conditions"]) + ".", "", _cell(book["scale"])]
    return "\n".join(lines) + "\n"


def corrections_table() -> pd.DataFrame:
    """The kit's corrections (``data/corrections.csv``), newest first: what changed, where, and on what source.

    Columns: ``date`` (ISO), ``page``, ``was`` (what the kit said), ``now`` (what it says now),
    ``source`` (the evidence for the correction).

    >>> table = corrections_table()
    >>> list(table.columns)
    ['date', 'page', 'was', 'now', 'source']
    """
    from .corpus import verify_file
    from .resources import data_path

    path = data_path("corrections.csv")
    verify_file(path)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"date", "page", "was", "now", "source"} - set(table.columns)
    if missing:
        raise ValueError(f"{path} lacks the column(s) {sorted(missing)}.")
    return table.sort_values("date", ascending=False, kind="stable").reset_index(drop=True)[
        ["date", "page", "was", "now", "source"]]
