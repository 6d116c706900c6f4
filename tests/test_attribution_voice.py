"""One definition of a source and of voice (medialit.attribution.voice), and the capstone report
agreeing with it and with the chapters' reading, on a text the kit does not ship."""
from __future__ import annotations

import pandas as pd
import pytest

from medialit.attribution import (
    NO_SOURCE,
    SOURCE_KINDS,
    extract_attributions,
    load_gold,
    source_of,
    source_table,
    sources,
    voice_map,
)
from medialit.report import corpus_report

# Written for this test (not a text of the kit): a ministry speaks through a statement, a named
# official is quoted over two sentences, masked men make a threat, and one claim has no source.
NEW_TEXT = (
    "Border posts reopen after week of clashes\n"
    "The ministry said in a statement that the militants had been pushed back across the border. "
    "\"We have restored order in every village,\" Deputy Minister Lena Orlova told reporters. "
    "\"The roads will reopen on Monday.\"\n"
    "Masked gunmen have vowed to return in a video posted online. "
    "It was reported that two bridges had been damaged. "
    "The region has seen three such clashes since the spring."
)


def chapter_sources(attributions: pd.DataFrame) -> pd.Series:
    """The reading of the sources chapter (book/sources/attribution_audit.md): the resolved
    speaker where there is one, else the speaker as written."""
    source = attributions["speaker_resolved"].where(attributions["speaker_resolved"] != "", attributions["speaker"])
    return source[source != ""].value_counts().sort_index()


def test_source_of_the_three_kinds():
    assert source_of({"speaker": "he", "speaker_resolved": "Lena Orlova"}) == ("Lena Orlova", "named")
    assert source_of({"speaker": "The ministry", "speaker_resolved": ""}) == ("The ministry", "unresolved")
    assert source_of({"speaker": "", "speaker_resolved": ""}) == (NO_SOURCE, "none")
    assert SOURCE_KINDS == ("named", "unresolved", "none")


def test_sources_of_the_new_text():
    table = sources(extract_attributions(NEW_TEXT))
    got = set(zip(table["source"], table["source_kind"]))
    assert ("The ministry", "unresolved") in got
    assert ("Lena Orlova", "named") in got
    assert ("Masked gunmen", "unresolved") in got
    assert (NO_SOURCE, "none") in got  # "It was reported that ...": counted, not dropped
    quotes = table[table["type"] == "direct"]
    assert list(quotes["source"]) == ["Lena Orlova", "Lena Orlova"]  # the continuation keeps its source


def test_the_ministry_statement_is_not_the_reporters_voice():
    vm = voice_map(NEW_TEXT).set_index("sentence_index")
    ministry = vm[vm["sentence"].str.startswith("The ministry said")].iloc[0]
    assert ministry["voice"] == "attributed" and not ministry["unsourced_claim"]
    assert ministry["sources"] == "The ministry" and ministry["source_kinds"] == "unresolved"
    background = vm[vm["sentence"].str.startswith("The region has seen")].iloc[0]
    assert background["voice"] == "reporter" and background["source_kinds"] == ""


def test_source_table_counts_every_kind_and_groups():
    found = extract_attributions(NEW_TEXT).assign(outlet="Test outlet")
    table = source_table(found, by=["outlet"])
    assert list(table.columns) == ["outlet", "source", "source_kind", "attributions"]
    assert table["attributions"].sum() == len(sources(found))
    assert table["attributions"].is_monotonic_decreasing
    with pytest.raises(ValueError, match="lack the column"):
        source_table(found, by=["newspaper"])


def test_the_capstone_report_agrees_with_the_chapters_on_a_new_text(tmp_path):
    corpus = pd.DataFrame({"id": ["new-1"], "outlet": ["Test outlet"], "title": ["Border posts"],
                           "date": [pd.Timestamp("2026-12-01")], "text": [NEW_TEXT]})
    report = corpus_report(corpus, tmp_path, progress=False)
    written = pd.read_csv(tmp_path / "sources.csv", keep_default_na=False)
    found = extract_attributions(NEW_TEXT)
    assert written.drop(columns="outlet").to_dict("records") == source_table(found).to_dict("records")
    with_speaker = written[written["source_kind"] != "none"].set_index("source")["attributions"].sort_index()
    assert with_speaker.to_dict() == chapter_sources(found).to_dict()
    assert "The ministry" in set(written["source"])  # the report no longer drops unresolved sources
    voices = report.tables["voices"]
    assert list(voices["sources"]) == list(voice_map(NEW_TEXT)["sources"])


def test_voice_map_with_the_seed_gold_uses_the_same_definition(seed_text):
    gold = load_gold("seed-article")
    vm = voice_map(seed_text, attributions=gold)
    named = {s for cell in vm["sources"] for s in cell.split("; ") if s}
    assert named <= set(sources(gold)["source"])
    assert "Abu Yasser" in named


def test_a_shared_prepared_text_changes_no_result():
    """extract_attributions, voice_map, scare_quotes and hedges prepare a text once and share it
    (document._doc_of, marks._hedge_rows): with the caches empty or full, the results are the same."""
    from medialit.attribution import hedges, scare_quotes
    from medialit.attribution.document import _doc_of
    from medialit.attribution.marks import _hedge_rows

    def run():
        found = extract_attributions(NEW_TEXT)
        return [found, voice_map(NEW_TEXT), voice_map(NEW_TEXT, attributions=found),
                scare_quotes(NEW_TEXT), hedges(NEW_TEXT)]

    _doc_of.cache_clear(), _hedge_rows.cache_clear()
    cold = run()
    warm = run()
    assert _doc_of.cache_info().hits > 0 and _hedge_rows.cache_info().hits > 0
    for a, b in zip(cold, warm):
        pd.testing.assert_frame_equal(a, b)


def test_sources_and_the_voice_regions_keep_the_same_attributions():
    """voice_map reads the attributions without building the sources table (voice._regions):
    it keeps and credits exactly the rows sources() keeps, a lone quotation mark left out."""
    from medialit.attribution.document import _doc_of
    from medialit.attribution.voice import _regions

    text = NEW_TEXT + ' A lone mark " stands here.'
    found = extract_attributions(text)
    assert (found["type"] == "unmatched_quote").any()
    credited = sources(found)
    regions = _regions(_doc_of(text), found)
    assert len(regions) == len(credited)
    assert [kind for _, _, _, kind, _ in regions] == credited["source_kind"].tolist()
    assert [src for _, _, src, _, _ in regions] == [s if k != "none" else "" for s, k in
                                                     zip(credited["source"], credited["source_kind"])]
