"""medialit.techniques: technique cues, and whose voice each match is in."""
from __future__ import annotations

import pytest

from medialit.corpus import load_article
from medialit.techniques import codebook, technique_cues


def test_quoted_name_calling_is_attributed_and_reporter_words_are_not():
    text = '"They are traitors and dogs," the emir said. The region is a hotbed of unrest.'
    cues = technique_cues(text, family="semeval2020")
    for _, row in cues.iterrows():
        assert text[row.start:row.end] == row.match
    voices = dict(zip(cues["match"], cues["voice"]))
    assert voices == {"traitors": "attributed", "dogs": "attributed", "hotbed": "reporter"}
    assert set(cues["technique"]) == {"name_calling_labeling", "loaded_language"}


def test_same_word_changes_voice_with_quotation():
    quoted = technique_cues('The leader said: "Russia is ruled by apostates."', family="semeval2020")
    unquoted = technique_cues("Russia is ruled by apostates, the video shows.", family="semeval2020")
    assert quoted.loc[quoted["match"] == "apostates", "voice"].item() == "attributed"
    assert unquoted.loc[unquoted["match"] == "apostates", "voice"].item() == "reporter"


def test_pattern_cue_and_longest_cue_within_a_technique():
    cues = technique_cues("Either you stand with us or you stand with them. No one is safe.")
    techniques = cues.groupby("technique")["match"].apply(list).to_dict()
    assert techniques["black_and_white_fallacy"][0].startswith("Either")
    assert techniques["appeal_to_fear_prejudice"] == ["No one is safe"]  # not also "is safe"


def test_family_filter_and_both_schemes_by_default():
    both = technique_cues("He called them dogs.")
    assert set(both["family"]) == {"ipa1937", "semeval2020"}
    assert set(technique_cues("He called them dogs.", family="ipa1937")["technique"]) == {"name_calling"}
    assert technique_cues("A calm afternoon.").empty


@pytest.mark.parametrize("bad, kwargs, error", [
    (None, {}, TypeError), (b"x", {}, TypeError), ("", {}, ValueError), ("text", {"family": "ipa"}, ValueError),
])
def test_bad_input(bad, kwargs, error):
    with pytest.raises(error):
        technique_cues(bad, **kwargs)


BOOK = codebook()


@pytest.mark.parametrize("row", [r for _, r in BOOK[BOOK["has_cues"]].iterrows()], ids=lambda r: r["technique"])
def test_every_codebook_example_with_cues_is_found_in_its_voice(row):
    """A technique with cue words finds its own codebook example, in the voice the codebook gives."""
    text = load_article(row["example_text"]).text
    cues = technique_cues(text)
    inside = cues[(cues["technique"] == row["technique"]) & (cues["start"] >= row["example_start"])
                  & (cues["end"] <= row["example_end"])]
    assert not inside.empty, f"{row['technique']}: no cue found inside its example {row['example_quote']!r}"
    assert row["example_voice"] in set(inside["voice"]), (
        f"{row['technique']}: codebook says {row['example_voice']}, technique_cues says {set(inside['voice'])}"
    )


def test_sensational_report_has_more_reporter_voiced_techniques_than_wire():
    def reporter_count(name):
        cues = technique_cues(load_article(name).text, family="semeval2020")
        return int((cues["voice"] == "reporter").sum())

    assert reporter_count("constructed-sensational") > 3 * max(reporter_count("constructed-wire"), 1)


def _gate_differences(texts):
    """Texts and cues where trying each cue at the gate's positions finds other matches than a
    pass of the cue's own pattern over the whole text (what technique_cues did before)."""
    import re

    from medialit.framing import _CURLY
    from medialit.techniques import _compiled, _cue_gate, _matches_at

    found = []
    for name, text in texts.items():
        plain = text.translate(_CURLY)
        starts = [m.start() for m in _cue_gate().finditer(plain)]
        for item in _compiled():
            for cue, pattern, is_cue in item["patterns"]:
                if not is_cue:
                    continue
                assert isinstance(pattern, re.Pattern)
                if [m.span() for m in _matches_at(pattern, plain, starts)] != [m.span() for m in pattern.finditer(plain)]:
                    found.append(f"{name} / {cue}")
    return found


def test_cue_gate_finds_every_match_of_every_cue():
    from medialit.corpus import list_articles

    texts = {name: load_article(name).text for name in list_articles()}
    texts["tricky"] = ("Barbarians! barbaric acts, a barbarian's creed; anti-crusaders and crusader-led "
                       "\u201cinfidels\u201d \u2014 apostates\u2019 puppet-regime, puppets' masters.")
    assert not _gate_differences(texts)


def test_the_gate_comparison_can_fail():
    """Positions that miss one match make the comparison fail."""
    import re

    from medialit.techniques import _matches_at

    pattern = re.compile(r"(?<![\w-])dogs(?![\w-])", re.IGNORECASE)
    text = "dogs and dogs"
    assert [m.span() for m in _matches_at(pattern, text, [0])] != [m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in _matches_at(pattern, text, [0, 5, 9])] == [m.span() for m in pattern.finditer(text)]


@pytest.mark.slow
def test_cue_gate_finds_every_match_of_every_cue_on_the_wikinews_corpus():
    from medialit.corpus import load_kit_corpus

    corpus = load_kit_corpus("wikinews")
    assert not _gate_differences(dict(zip(corpus["id"], corpus["text"])))
