"""The content protocol, checked: content notes where the seed or the group's words appear,
text only (no images, video or frames in any page's source), no links to propaganda media or
the sites that host it. The rules and lists live in medialit.curriculum; the book's content
protocol page prints them."""
from __future__ import annotations

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
    assert disallowed_links("see web.archive.org/web/2016/https://news.example.com")
    assert not disallowed_links("https://www.voanews.com/a/fact-check/7557170.html and doi.org/10.1/x")
    assert len(GROUP_PHRASES) >= 5 and "archive.org" in LINK_DENYLIST


def test_there_is_something_to_check():
    assert len(PAGES) > 20 and len(MANIFESTS) > 10
