"""medialit.travel: quotation spans, marks, phrase finding, shares by part, and the phrase-travel table."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from medialit.corpus import sha256_of
from medialit.errors import DataFileError
from medialit.resources import data_path
from medialit.travel import (
    MARKS,
    bracketed_insertions,
    enclosing_marks,
    find_phrases,
    first_uses,
    group_quotation_spans,
    line_parts,
    load_phrase_travel,
    marks_table,
    normalise_form,
    quote_spans,
    share_by_part,
)

#: The forms the chapter tracks in the seed (the seed's own wording of each phrase).
SEED_FORMS = {
    "russian_apostates": "Russian apostates",
    "caliphate_here": "the Caliphate is already here",
    "millions_of_muslims": ["millions of Muslims", "Millions Muslims"],
    "taghut_putin": ["Taghut", "apostate Putin", "Putin the apostate"],
    "caucasus_province": "Caucasus Province",
}
SEED_PARTS = ["headline", "standfirst", "headline"]


# --- quotation spans and marks -------------------------------------------------------------------

def test_quote_spans_pairs_each_kind_and_skips_apostrophes():
    text = "The group's 'province' said \u201cwe are here\u201d and \"again\" (in Russian [sic])."
    spans = quote_spans(text)
    assert spans[["kind", "inner"]].values.tolist() == [
        ["single", "province"], ["double", "we are here"], ["double", "again"],
        ["parentheses", "in Russian [sic]"], ["brackets", "sic"]]
    for row in spans.itertuples():
        assert text[row.start + 1:row.end - 1] == row.inner


def test_quote_spans_pairs_within_a_line_only():
    spans = quote_spans('He said "one\nand "two" words.')
    assert spans["inner"].tolist() == ["two"]


def test_enclosing_marks_innermost_partial_and_none():
    text = "A 'label' and \"a quoted 'label' inside\" and a Russian 'traitor'."
    assert enclosing_marks(text, 3, 8) == "single"
    inner = text.index("label", 20)
    assert enclosing_marks(text, inner, inner + 5) == "single"
    quoted = text.index("a quoted")
    assert enclosing_marks(text, quoted, quoted + 8) == "double"
    phrase = text.index("Russian")
    assert enclosing_marks(text, phrase, len(text) - 2) == "partial-single"
    assert enclosing_marks(text, 0, 1) == "none"


@pytest.mark.parametrize("start, end", [(-1, 3), (5, 2), (0, 10_000)])
def test_enclosing_marks_refuses_spans_outside_the_text(start, end):
    with pytest.raises(ValueError, match="do not give a span"):
        enclosing_marks("short text", start, end)


def test_enclosing_marks_refuses_non_integer_offsets():
    with pytest.raises(TypeError, match="start should be a character offset"):
        enclosing_marks("short text", 1.5, 3)


# --- phrases ------------------------------------------------------------------------------------------

def test_find_phrases_matches_across_marks_with_parts_and_marks():
    text = "Call to kill Russian 'traitors'\nHe named \"the Russian traitors\" twice; Russian traitors."
    found = find_phrases(text, {"traitors": "Russian traitors"}, parts=["headline"])
    assert found[["part", "marks"]].values.tolist() == [
        ["headline", "partial-single"], ["body", "double"], ["body", "none"]]
    assert found["match"].tolist() == ["Russian 'traitors", "Russian traitors", "Russian traitors"]


def test_find_phrases_matches_whole_words_and_longest_form_once():
    found = find_phrases("Putins apostate Putin; the apostate Putin.",
                         {"p": ["apostate Putin", "the apostate Putin"]})
    assert found["match"].tolist() == ["apostate Putin", "the apostate Putin"]


@pytest.mark.parametrize("phrases, error", [({}, TypeError), ("Russian", TypeError), ({"x": 3}, TypeError),
                                            ({"x": "..."}, ValueError)])
def test_find_phrases_refuses_bad_phrase_tables(phrases, error):
    with pytest.raises(error):
        find_phrases("some text", phrases)


def test_line_parts_refuses_unknown_part_names():
    with pytest.raises(ValueError, match="Unknown part 'lede'"):
        line_parts("a\nb", ["lede"])


def test_bracketed_insertions_only_inside_quotations():
    text = 'The minister (a lawyer) said: "the [acting] head (deputy) stays" \u2014 and left (quickly).'
    found = bracketed_insertions(text)
    assert found[["before", "inserted", "kind"]].values.tolist() == [
        ["the", "acting", "brackets"], ["head", "deputy", "parentheses"]]


def test_normalise_form():
    assert normalise_form("'Putin the Apostate'") == normalise_form("Putin the apostate") == "putin the apostate"
    assert normalise_form("Taghut [apostate] Putin") == "taghut apostate putin"
    with pytest.raises(TypeError):
        normalise_form(None)


# --- the seed: quotation spans from the attribution table, and shares by part ---------------------

def test_group_quotation_spans_of_the_seed(seed_text):
    spans = group_quotation_spans(seed_text)
    words = spans["words"].tolist()
    assert "Profitable Trading" not in " ".join(words), "a title is not the group's words"
    assert words.count("the Caliphate is already here.") == 2
    assert words.count("Russian apostates") == 2 and words.count("Caucasus Province") == 2
    assert set(spans["source"]) == {"direct", "mixed", "single"}
    assert (spans["start"].diff().dropna() >= 0).all()


def test_share_by_part_of_the_seed_headline_counted_by_hand(seed_text):
    shares = share_by_part(seed_text, group_quotation_spans(seed_text), parts=SEED_PARTS).set_index("part")
    # S1 has 13 words and S3 (the repeated headline) 9; 'Russian apostates' is quoted in each.
    assert shares.loc["headline", "words"] == 22
    assert shares.loc["headline", "in_spans"] == 4
    # S2: 23 words, of which 'Caucasus Province' (2) and the caliphate quotation (5) are quoted.
    assert shares.loc["standfirst", ["words", "in_spans"]].tolist() == [23, 7]
    assert 0 < shares.loc["body", "share"] < 1


def test_share_by_part_refuses_spans_without_offsets():
    with pytest.raises(TypeError, match="'start' and 'end'"):
        share_by_part("text", pd.DataFrame({"from": [0]}))


# --- the phrase-travel table ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def travel():
    return load_phrase_travel()


def test_the_seed_rows_agree_with_what_find_phrases_finds_in_the_seed(travel, seed_text):
    found = find_phrases(seed_text, SEED_FORMS, parts=SEED_PARTS)
    computed = sorted(zip(found["phrase"], found["part"], found["marks"]))
    recorded = sorted(zip(*[travel.loc[travel["coverage_id"] == "jpost", c] for c in ("phrase", "part", "marks")]))
    assert computed == recorded


def test_every_coverage_id_is_a_report_of_the_video_with_the_same_outlet(travel):
    coverage = pd.read_csv(data_path("cases", "seed-event-coverage.csv"))
    outlets = dict(zip(coverage["id"], coverage["outlet"]))
    stories = dict(zip(coverage["id"], coverage["story"]))
    for row in travel[travel["coverage_id"] != ""].itertuples():
        assert outlets.get(row.coverage_id) == row.outlet, row.row_id
        assert stories[row.coverage_id] == "video", row.row_id


def test_headline_rows_are_in_the_coverage_headlines_with_the_recorded_marks(travel):
    coverage = pd.read_csv(data_path("cases", "seed-event-coverage.csv")).set_index("id")
    rows = travel[(travel["part"] == "headline") & (travel["coverage_id"] != "")]
    assert len(rows) >= 6
    for row in rows.itertuples():
        headline = coverage.loc[row.coverage_id, "headline"]
        found = find_phrases(headline, {"p": re.sub(r"[\"'.,]", "", row.form)}, parts=["headline"])
        assert len(found), f"{row.row_id}: {row.form!r} not in {headline!r}"
        assert row.marks in set(found["marks"]), f"{row.row_id}: marks {row.marks} not {set(found['marks'])}"


def test_marks_recorded_for_english_rows_match_the_form_where_the_form_shows_them(travel):
    for row in travel[travel["language"] == "en"].itertuples():
        form = row.form.replace("\u2019", "'")
        if form.startswith('"') and form.rstrip(".,").endswith('"'):
            assert row.marks == "double", row.row_id
        if form.startswith("'") and form.endswith("'"):
            assert row.marks == "single", row.row_id
        if re.search(r"\w ['\"]\w", form) and row.voice == "reporter":
            assert row.marks.startswith("partial-"), row.row_id


def test_first_uses_names_the_seed_first_and_keeps_undated_reports_in_doubt(travel):
    firsts = first_uses(travel).set_index("phrase")
    assert set(firsts.index) == {"russian_apostates", "caliphate_here", "millions_of_muslims", "taghut_putin",
                                 "caucasus_province"}
    for phrase in firsts.index:
        assert "The Jerusalem Post" in firsts.loc[phrase, "first"]
    # WorldTribune's day is not known (6-31 March): it may have been first with the phrases it used.
    assert firsts.loc["caliphate_here", "first"] == "The Jerusalem Post; WorldTribune"
    assert not firsts.loc["caliphate_here", "certain"]
    assert firsts.loc["millions_of_muslims", "certain"]


def test_first_uses_by_wording_puts_newsweek_before_breitbart(travel):
    wording = travel.assign(wording=travel["form"].map(normalise_form))
    firsts = first_uses(wording[wording["language"] == "en"], by=["phrase", "wording"]).set_index("wording")
    assert firsts.loc["putin the apostate", "first"] == "Newsweek (Europe edition)"
    assert firsts.loc["apostate putin", "first"] == "Newsweek (Europe edition)"
    assert firsts.loc["putin the apostate", "outlets"] == 2


def test_first_uses_on_a_toy_table():
    toy = pd.DataFrame({"outlet": ["A", "B", "C"], "phrase": ["p"] * 3, "form": ["x"] * 3,
                        "date_from": pd.to_datetime(["2016-03-06", "2016-03-07", "2016-03-01"]),
                        "date_to": pd.to_datetime(["2016-03-06", "2016-03-07", None])})
    row = first_uses(toy).iloc[0]
    assert row["first"] == "A; C" and not row["certain"] and row["earliest"] == pd.Timestamp("2016-03-01")
    with pytest.raises(ValueError, match="no such column"):
        first_uses(toy, by="wording")
    with pytest.raises(ValueError, match="lacks the column"):
        first_uses(toy.drop(columns="form"))


def test_marks_table(travel):
    table = marks_table(travel, phrases=["caucasus_province"], voices=["group", "reporter"])
    assert list(table.columns) == [m for m in MARKS if m in table.columns]
    assert table.index[0] == "The Jerusalem Post"
    assert table.loc["WorldTribune", "none"] == 3
    assert table.to_numpy().sum() == ((travel["phrase"] == "caucasus_province") & (travel["voice"] != "relayed")).sum()
    with pytest.raises(ValueError, match="Unknown voice"):
        marks_table(travel, voices=["editor"])


def _rewrite(data_copy, replace: tuple[str, str]) -> None:
    path = data_copy / "cases" / "phrase-travel.csv"
    text = path.read_text(encoding="utf-8")
    assert replace[0] in text
    path.write_text(text.replace(replace[0], replace[1], 1), encoding="utf-8")
    manifest = path.with_name(path.name + ".yml")
    manifest.write_text(re.sub(r"sha256: \w+", f"sha256: {sha256_of(path)}", manifest.read_text(encoding="utf-8")),
                        encoding="utf-8")


def test_load_phrase_travel_names_a_bad_value_and_its_line(data_copy):
    _rewrite(data_copy, (",headline,group,single,", ",headline,group,curly,"))
    with pytest.raises(DataFileError, match=r"phrase-travel\.csv, line 2: marks is 'curly'"):
        load_phrase_travel()


def test_load_phrase_travel_refuses_dates_in_the_wrong_order(data_copy):
    _rewrite(data_copy, ("2016-03-06,2016-03-31", "2016-03-06,2016-03-01"))
    with pytest.raises(DataFileError, match="date_to comes before date_from"):
        load_phrase_travel()


def test_travel_figure_alt_text_names_every_english_wording(travel):
    from medialit.plots import alt_text
    from medialit.travel import rendering, travel_figure

    fig = travel_figure(travel, phrase="taghut_putin")
    text = alt_text(fig)
    english = travel[(travel["phrase"] == "taghut_putin") & (travel["language"] == "en")]
    for wording in english["form"].map(rendering).unique():
        assert f"'{wording}'" in text
    assert "Not drawn: 1 use(s) in other languages." in text
    assert text.index("'taghut (apostate) putin'") < text.index("'putin the apostate'")
    with pytest.raises(ValueError, match="No rows for phrase 'nothing'"):
        travel_figure(travel, phrase="nothing")
