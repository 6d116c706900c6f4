"""Figures: alt text on every figure, and backgrounds that stay readable in the theme's dark mode.

Colours: medialit.plots defines the one colour-blind-safe palette (tests/test_plots.py checks it);
the capstone report's figures are checked in tests/test_report.py."""
from __future__ import annotations

import re

import pytest

from bookutils import ROOT, toc_files

PAGES = [p for entry in toc_files() for p in (ROOT / f"{entry}.md",) if p.is_file()]
FIGURE = re.compile(r"^```+\{(glue:figure|figure|image)\}[^\n]*\n((?::[\w-]+:[^\n]*\n)*)", re.MULTILINE)


def figures_without_alt(source: str) -> list[str]:
    missing = []
    for match in FIGURE.finditer(source):
        options = dict(re.findall(r"^:([\w-]+):\s*(.*)$", match.group(2), re.MULTILINE))
        if not options.get("alt", "").strip():
            missing.append(match.group(0).splitlines()[0])
    return missing


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_figure_directive_has_alt_text(page):
    missing = figures_without_alt(page.read_text(encoding="utf-8"))
    assert not missing, f"{page.relative_to(ROOT)}: give these figures an :alt: option: {missing}"


def test_the_alt_check_can_fail():
    assert figures_without_alt("```{glue:figure} fig_a\n:name: a\n```\n") == ["```{glue:figure} fig_a"]
    assert figures_without_alt("```{glue:figure} fig_a\n:alt: Bars of ...\n:name: a\n```\n") == []


@pytest.mark.book
def test_built_images_have_alt_text_and_an_opaque_background(built_book):
    from bs4 import BeautifulSoup
    from PIL import Image

    problems = []
    for page in sorted(built_book.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for img in soup.find_all("img"):
            src = img.get("src", "")
            if not (img.get("alt") or "").strip():
                problems.append(f"{page.relative_to(built_book)}: <img src={src!r}> has no alt text")
            target = (page.parent / src).resolve()
            if target.suffix == ".png" and target.is_file() and "_images" in target.parts:
                with Image.open(target) as image:
                    rgba = image.convert("RGBA")
                    corners = [rgba.getpixel((x, y)) for x in (0, rgba.width - 1) for y in (0, rgba.height - 1)]
                if any(c[3] < 255 for c in corners):
                    problems.append(f"{page.relative_to(built_book)}: {src} has a transparent background, "
                                    "unreadable in dark mode (use medialit.plots or facecolor='white')")
    assert not problems, "\n".join(problems[:30])
