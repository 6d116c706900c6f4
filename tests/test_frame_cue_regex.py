"""medialit.framing's combined cue regex: one pair of word boundaries around one alternation.

`_frame_lexicon` used to join each cue's whole pattern, boundaries included
(``(?:(?<![\\w-])cue1(?![\\w-]))|(?:(?<![\\w-])cue2(?![\\w-]))|...``); it now puts the boundaries
once around the alternation (``(?<![\\w-])(?:cue1|cue2|...)(?![\\w-])``), which is many times
faster. These tests hold the two to the same matches, frame by frame, on every text the kit
ships and on the Wikinews corpus.
"""
from __future__ import annotations

import re

import pytest

from medialit import framing
from medialit.corpus import list_articles, load_article, load_kit_corpus
from medialit.framing import _CURLY, _frame_lexicon, _phrase_regex


def _old_combined() -> dict[str, re.Pattern[str]]:
    """The regex per frame as the kit built it before: each cue's full pattern, joined by |."""
    book = framing._read_yaml("lexicons", "frame-cues.yml")["frames"]
    old = {}
    for frame in framing.FRAMES:
        cues = sorted(set(book[frame]["cues"]), key=lambda cue: (-len(cue), cue))
        old[frame] = re.compile("|".join(f"(?:{_phrase_regex(cue)})" for cue in cues), re.IGNORECASE)
    return old


def _differences(texts: dict[str, str]) -> list[str]:
    old = _old_combined()
    new = {frame: lexicon["combined"] for frame, lexicon in _frame_lexicon().items()}
    assert set(old) == set(new) == set(framing.FRAMES)
    found = []
    for name, text in texts.items():
        plain = text.translate(_CURLY)
        for frame in framing.FRAMES:
            before = [(m.start(), m.end()) for m in old[frame].finditer(plain)]
            after = [(m.start(), m.end()) for m in new[frame].finditer(plain)]
            if before != after:
                extra, missing = sorted(set(after) - set(before)), sorted(set(before) - set(after))
                found.append(f"{name} / {frame}: new finds {extra[:3]}, misses {missing[:3]}")
    return found


def test_the_comparison_can_fail():
    """A combined regex that drops the boundaries does not pass for the old one."""
    old = _old_combined()["conflict"]
    loose = re.compile(r"(?:" + "|".join(framing._phrase_body(c) for c in ("attack*", "war")) + r")", re.IGNORECASE)
    text = "The software was a counterattack on warfare."
    assert [m.group() for m in old.finditer(text)] != [m.group() for m in loose.finditer(text)]


def test_combined_regex_matches_as_before_on_the_shipped_texts():
    texts = {name: load_article(name).text for name in list_articles()}
    assert len(texts) > 10
    assert not _differences(texts)


@pytest.mark.slow
def test_combined_regex_matches_as_before_on_the_wikinews_corpus():
    corpus = load_kit_corpus("wikinews")
    assert not _differences(dict(zip(corpus["id"], corpus["text"])))


def test_a_cue_whose_end_is_no_boundary_gives_way_to_a_shorter_cue():
    """Backtracking: where the longest cue's end is not a word boundary, the next cue is tried."""
    body = framing._phrase_body
    new = re.compile(r"(?<![\w-])(?:" + body("attack*") + "|" + body("at") + r")(?![\w-])", re.IGNORECASE)
    old = re.compile("|".join(f"(?:{_phrase_regex(c)})" for c in ("attack*", "at")), re.IGNORECASE)
    for text in ("at-risk", "attacked at dawn", "at'", "attack-"):
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], text
