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


# --- _scan_regex: the look-behind after the first letter ---------------------------------------
# Label and technique patterns are compiled from framing._scan_regex, which moves the look-behind
# of framing._phrase_regex from before the first letter to after it. These tests hold the two to
# the same matches for every entry of the three lexicons.

TRICKY = ("al-Qaeda's fighters; an anti-terrorist unit. Counterterrorism, war-torn, warfare's end. "
          "IS-linked 'martyrs' said: \u201cjihad\u201d \u2014 Jihadists\u2019 so-called\n"
          "caliphate_ (caliphates) isis ISIS-K terror\u2011ists")


def _entries() -> list[tuple[str, int]]:
    """Every lexicon entry with the flags it is compiled with: frame cues, labels, technique cues."""
    entries = []
    for lexicon in _frame_lexicon().values():
        entries += [(cue, re.IGNORECASE) for cue, _ in lexicon["patterns"]]
    for labels in framing._label_lexicon().values():
        entries += [(pattern, 0 if case else re.IGNORECASE) for patterns in labels.values() for pattern, case in patterns]
    for item in framing._read_yaml("codebooks", "techniques.yml")["techniques"]:
        entries += [(cue, re.IGNORECASE) for cue in item.get("cues", []) or []]
    return sorted(set(entries))


def _scan_differences(texts: dict[str, str]) -> list[str]:
    entries = _entries()
    assert len(entries) > 150
    found = []
    for phrase, flags in entries:
        plain, scan = re.compile(_phrase_regex(phrase), flags), re.compile(framing._scan_regex(phrase), flags)
        for name, text in texts.items():
            text = text.translate(_CURLY)
            if [m.span() for m in plain.finditer(text)] != [m.span() for m in scan.finditer(text)]:
                found.append(f"{name} / {phrase!r}")
    return found


def test_the_scan_comparison_can_fail():
    """A rewrite that looks back only one character (at the first letter itself) finds other words."""
    plain = re.compile(_phrase_regex("war"), re.IGNORECASE)
    wrong = re.compile("w(?<![\\w-])ar(?![\\w-])", re.IGNORECASE)
    assert [m.span() for m in plain.finditer("war, a war")] != [m.span() for m in wrong.finditer("war, a war")]


def test_scan_regex_matches_as_the_phrase_regex_on_the_shipped_texts():
    texts = {name: load_article(name).text for name in list_articles()}
    texts["tricky"] = TRICKY
    assert not _scan_differences(texts)


@pytest.mark.slow
def test_scan_regex_matches_as_the_phrase_regex_on_the_wikinews_corpus():
    corpus = load_kit_corpus("wikinews")
    assert not _scan_differences(dict(zip(corpus["id"], corpus["text"])))


@pytest.mark.parametrize("phrase", ["a", "I am", "so-called", "*x", "U.S.", "x* y", "attack*"])
def test_scan_regex_keeps_the_matches_of_short_and_odd_entries(phrase):
    text = "a I am so-called *x U.S. xx y attacks; ba, a-b, I-am, U.S.A, *x* x-y y attack's."
    for flags in (0, re.IGNORECASE):
        plain, scan = re.compile(_phrase_regex(phrase), flags), re.compile(framing._scan_regex(phrase), flags)
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in scan.finditer(text)]
