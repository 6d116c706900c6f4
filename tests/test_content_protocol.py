"""The content protocol, checked: content notes where the seed or the group's words appear,
text only (no images, video or frames in any page's source), no links to propaganda media or
the sites that host it. The rules and lists live in medialit.curriculum; the book's content
protocol page prints them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bookutils import ROOT, toc_files
from medialit.curriculum import (
    GROUP_PHRASES,
    LINK_DENYLIST,
    disallowed_links,
    media_embeds,
    needs_content_note,
    notebook_source,
)
from medialit.sphinxext import read_front_matter

PAGES = [p for entry in toc_files() for p in (ROOT / f"{entry}.md", ROOT / f"{entry}.ipynb") if p.is_file()]
EXERCISES = sorted(p for p in (ROOT / "exercises").rglob("*.ipynb")
                   if "dist" not in p.relative_to(ROOT / "exercises").parts and ".ipynb_checkpoints" not in p.parts)
MANIFESTS = sorted((ROOT / "data").rglob("*.yml"))


def source_of(path: Path) -> str:
    return notebook_source(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("page", PAGES, ids=rel)
def test_pages_that_show_the_seed_or_quote_the_group_have_a_content_note(page):
    reasons = needs_content_note(source_of(page))
    if reasons:
        note = read_front_matter(page).get("content_note")
        assert isinstance(note, str) and note.strip(), (
            f"{rel(page)} {'; '.join(reasons)}, so its front matter needs a content_note (see the content protocol)")


@pytest.mark.parametrize("notebook", EXERCISES, ids=rel)
def test_exercises_that_show_the_seed_or_quote_the_group_carry_a_content_note(notebook):
    source = notebook_source(notebook)
    reasons = needs_content_note(source)
    if reasons:
        assert "content note" in source.lower(), f"{rel(notebook)} {'; '.join(reasons)}: add a content note to its intro"


@pytest.mark.parametrize("path", PAGES + EXERCISES, ids=rel)
def test_text_only_no_images_video_or_frames_in_sources(path):
    embeds = media_embeds(source_of(path))
    assert not embeds, f"{rel(path)} embeds media in its source: {embeds}. Figures must be drawn by code ({{glue:figure}})"


@pytest.mark.parametrize("path", PAGES + EXERCISES + MANIFESTS, ids=rel)
def test_no_links_to_propaganda_media_or_hosts(path):
    text = source_of(path) if path.suffix != ".yml" else path.read_text(encoding="utf-8")
    bad = disallowed_links(text)
    assert not bad, f"{rel(path)} links to denylisted targets: {bad}"


def test_the_checks_can_fail():
    assert needs_content_note('a = load_article("seed-article")') == ["loads the seed article"]
    assert needs_content_note("They urged followers to “target the apostates wherever they are”.")
    assert needs_content_note("A report on fishing quotas.") == []
    assert media_embeds('<iframe src="x"></iframe>') and media_embeds("```{figure} a.png\n```")
    assert media_embeds("![](pic.png)") and not media_embeds("```{glue:figure} fig_a\n:alt: x\n```")
    assert disallowed_links("watch it at youtu.be/abc or https://m.youtube.com/x")
    assert disallowed_links("https://example.org/amaq-agency-statement")
    assert not disallowed_links("https://www.voanews.com/a/fact-check/7557170.html and doi.org/10.1/x")
    assert len(GROUP_PHRASES) >= 5 and "youtube.com" in LINK_DENYLIST


# Web archives are a verification tool (issue 12): a capture of a news page is allowed; the
# archive's stored media, captures of media files or of denylisted addresses, and captures that
# hide what they archived are refused.
ARCHIVED_NEWS = [
    "see web.archive.org/web/2016/https://news.example.com",
    "https://web.archive.org/web/20160307103000/https://www.jpost.com/Middle-East/ISIS-Threat/x",
    "https://web.archive.org/web/20160307000000*/https://www.jpost.com/x",
    "https://web.archive.org/web/*/jpost.com/*",
    "https://archive.ph/2016.03.07-120000/https://www.jpost.com/x",
    "archive.today/newest/https://www.independent.co.uk/news/world/europe/x.html",
    "the Wayback Machine (web.archive.org) and archive.today",
]
ARCHIVED_MEDIA_OR_OUTLETS = {
    "https://archive.org/details/some-upload": "stored item",
    "https://ia800100.us.archive.org/1/items/x/x.mp4": "stored item",
    "https://web.archive.org/web/2016/https://example.com/clip.mp4": "media file",
    "https://web.archive.org/web/2016/https://example.com/CLIP.WebM?dl=1": "media file",
    "https://web.archive.org/web/2016im_/https://example.com/still.jpg": "embedded media",
    "https://web.archive.org/web/2016/https://www.youtube.com/watch?v=1": "video platform",
    "archive.today/newest/https://t.me/somechannel": "messaging channel",
    "https://web.archive.org/web/2016/https://example.org/amaq-agency-statement": "IS news agency",
    "https://archive.ph/2016/https://example.org/dabiq-issue": "IS magazine",
    "archive.ph/AbCd1": "does not show",
    "https://web.archive.org/save/https://example.com/x": "stored item",
    "ghostarchive.org/varchive/abc": "video archive",
}


@pytest.mark.parametrize("text", ARCHIVED_NEWS)
def test_archived_news_pages_are_allowed(text):
    assert disallowed_links(text) == [], text


@pytest.mark.parametrize("url, reason", sorted(ARCHIVED_MEDIA_OR_OUTLETS.items()))
def test_archived_media_and_the_groups_outlets_are_refused(url, reason):
    found = disallowed_links(f"see {url} for it")
    assert len(found) == 1 and reason in found[0][1], (url, found)


def test_protocol_page_shows_categories_not_the_outlets():
    """The page prints link_categories(): categories and counts, never the outlet words the code knows."""
    from medialit.curriculum import LINK_PATTERNS, link_categories

    page = (ROOT / "book/instructors/content_protocol.md").read_text(encoding="utf-8")
    assert "link_categories()" in page and "LINK_PATTERNS.items()" not in page
    shown = " ".join(link_categories().astype(str).agg(" ".join, axis=1)).lower()
    words = [w for p in LINK_PATTERNS for w in re.findall(r"[a-z]{4,}", p.replace("\\b", "")) if w != "media"]
    assert words and not [w for w in words if w in shown], "the table names an outlet"
    assert "video platform" in shown and "media file" in shown


def test_there_is_something_to_check():
    assert len(PAGES) > 20 and len(MANIFESTS) > 10
