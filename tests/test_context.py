"""medialit.context: the timeline, outlet profiles, search results and dated claims load, validate and agree."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from medialit.context import (
    SEED_DATE,
    known_by,
    load_dated_claims,
    load_outlet_profiles,
    load_search_results,
    load_timeline,
    query_problems,
    results_page,
)
from medialit.corpus import sha256_of
from medialit.curriculum import GROUP_PHRASES, disallowed_links
from medialit.errors import DataFileError
from medialit.resources import data_path


def _rewrite(data_copy, name: str, old: str, new: str) -> None:
    path = data_copy / "cases" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    manifest = path.with_name(path.name + ".yml")
    manifest.write_text(re.sub(r"sha256: \w+", f"sha256: {sha256_of(path)}", manifest.read_text(encoding="utf-8")),
                        encoding="utf-8")


# --- timeline -------------------------------------------------------------------------------------

def test_timeline_is_in_date_order_and_spans_the_issue():
    timeline = load_timeline()
    assert timeline["date_from"].is_monotonic_increasing
    assert timeline["date_from"].min() == pd.Timestamp("1994-12-11")
    wanted = {"1994-12-11": "chechen_wars", "2015-06-23": "is_province", "2016-12-03": "is_province"}
    for day, category in wanted.items():
        assert category in set(timeline.loc[timeline["date_from"] == pd.Timestamp(day), "category"]), day
    proclamation = timeline[timeline["event"].str.contains("proclaims a 'Caucasus Emirate'")].iloc[0]
    assert proclamation["date_from"].year == 2007 and proclamation["disagreement"]


def test_timeline_claims_are_marked_as_claims():
    timeline = load_timeline()
    claimed = timeline[timeline["event"].str.contains(r"\bclaims?\b", regex=True) & (timeline["category"] == "attacks")]
    assert len(claimed) >= 4
    assert claimed["claimed_by"].str.contains("IS").all()


def test_timeline_refuses_an_unknown_category(data_copy):
    _rewrite(data_copy, "timeline.csv", ",chechen_wars,", ",wars,")
    with pytest.raises(DataFileError, match=r"timeline\.csv, row t01: category is 'wars'"):
        load_timeline()


def test_timeline_refuses_a_bad_date(data_copy):
    _rewrite(data_copy, "timeline.csv", "t03,1996-12-31", "t03,1996-12-32")
    with pytest.raises(DataFileError, match="date_from is '1996-12-32'"):
        load_timeline()


# --- outlet profiles ------------------------------------------------------------------------------

def test_profiles_cover_every_outlet_the_issue_names():
    outlets = load_outlet_profiles(what="outlets").set_index("outlet_id")
    for oid in ("jpost", "memri", "rt", "breitbart", "worldtribune", "newsweek", "jafferynews"):
        assert oid in outlets.index
    facts = load_outlet_profiles()
    assert facts["source"].str.strip().ne("").all()
    jpost = facts[facts["outlet_id"] == "jpost"]
    assert "section" in set(jpost["aspect"]), "the Jerusalem Post's 'ISIS Threat' heading"
    assert {"funding", "criticism"} <= set(facts.loc[facts["outlet_id"] == "memri", "aspect"])


def test_profile_coverage_ids_exist_in_the_coverage_table():
    import yaml

    coverage = set(pd.read_csv(data_path("cases", "seed-event-coverage.csv"))["id"])
    data = yaml.safe_load(data_path("cases", "outlet-profiles.yml").read_text(encoding="utf-8"))
    for outlet in data["outlets"]:
        assert set(outlet["coverage_ids"]) <= coverage, outlet["id"]


def test_outlets_without_an_independent_profile_say_so():
    gaps = load_outlet_profiles(what="gaps")
    for oid in ("worldtribune", "jafferynews", "nawaret"):
        assert oid in set(gaps["outlet_id"]), oid


def test_facts_after_the_case_are_flagged_and_dated_later():
    facts = load_outlet_profiles()
    later = facts[facts["aspect"] == "later"]
    assert later["after_case"].all()
    assert (later["source_date"].dropna() > SEED_DATE).all()


def test_profiles_refuse_a_fact_without_a_source(data_copy):
    _rewrite(data_copy, "outlet-profiles.yml",
             "        source: \"Wikipedia, 'The Jerusalem Post', revision not identified, https://en.wikipedia.org/wiki/The_Jerusalem_Post\"\n",
             "        source: \"\"\n")
    with pytest.raises(DataFileError, match="outlet jpost, fact 1: source is missing"):
        load_outlet_profiles()


def test_load_outlet_profiles_refuses_an_unknown_view():
    with pytest.raises(ValueError, match="what should be"):
        load_outlet_profiles(what="everything")


# --- search results -------------------------------------------------------------------------------

def test_search_results_are_safe():
    results = load_search_results()
    assert set(results["search_id"]) == {"s1", "s2"}
    for row in results.itertuples():
        assert not disallowed_links(row.url), row.url
        text = f"{row.title} {row.snippet} {row.teaching_note} {row.query}".lower()
        assert "profitable trading" not in text and "commerce that will never fail" not in text
    # no result repeats the group's calls to violence
    blob = " ".join(results["snippet"]).lower()
    assert not [p for p in GROUP_PHRASES if p in blob]


def test_search_results_mix_good_and_poor_first_clicks():
    results = load_search_results()
    first = results[results["search_id"] == "s1"]
    assert {"encyclopedia", "blog", "state media", "news report"} <= set(first["kind"])
    assert results["profile"].isin(set(load_outlet_profiles(what="outlets")["outlet_id"]) | {""}).all()


def test_search_results_refuse_a_denylisted_address(data_copy):
    _rewrite(data_copy, "search-results.yml", "url: https://rt.com/news/334876-isis-threatens-russia-putin",
             "url: https://www.youtube.com/watch?v=abc")
    with pytest.raises(DataFileError, match="denylist"):
        load_search_results()


def test_search_results_refuse_a_query_naming_the_video(data_copy):
    _rewrite(data_copy, "search-results.yml", "query: Islamic State Caucasus Province",
             "query: Profitable Trading video")
    with pytest.raises(DataFileError, match="names the video's title"):
        load_search_results()


# --- dated claims ---------------------------------------------------------------------------------

def test_dated_claims_separate_what_was_known_in_march_2016():
    claims = load_dated_claims()
    known = known_by(claims)
    later = claims.drop(known.index)
    assert {"e09", "e10", "e18"} <= set(later["evidence_id"]), "Crisis Group (16 March 2016) and the State Department reports are later"
    assert (later["source_date"] > SEED_DATE).all()
    assert {"e01", "e02", "e07"} <= set(known["evidence_id"])
    state_dept = claims[claims["source"].str.contains("Country Reports on Terrorism")]
    assert set(state_dept["source_date"]) == {pd.Timestamp("2016-06-02"), pd.Timestamp("2017-07-19")}


def test_dated_claims_point_at_seed_sentences_that_exist(seed_text):
    from medialit.text import sentence_spans

    n = len(sentence_spans(seed_text))
    for made_in in load_dated_claims()["made_in"].unique():
        match = re.fullmatch(r"seed S(\d+)", made_in)
        if match:
            assert 1 <= int(match.group(1)) <= n


def test_dated_claims_refuse_an_unknown_bearing(data_copy):
    _rewrite(data_copy, "dated-claims.csv", ",day,qualifies,", ",day,maybe,")
    with pytest.raises(DataFileError, match="bears_on is 'maybe'"):
        load_dated_claims()


def test_known_by_checks_its_arguments():
    claims = load_dated_claims()
    assert len(known_by(claims, "2015-01-01")) == 0 or known_by(claims, "2015-01-01")["source_date"].max() <= pd.Timestamp("2015-01-01")
    with pytest.raises(ValueError, match="no column 'published'"):
        known_by(claims, column="published")
    with pytest.raises(ValueError, match="should be a date"):
        known_by(claims, "next spring")
    with pytest.raises(TypeError):
        known_by([1, 2])


def test_timeline_figure_alt_text_counts_each_category():
    from medialit.context import timeline_figure
    from medialit.plots import alt_text

    timeline = load_timeline()
    text = alt_text(timeline_figure(timeline))
    for category, rows in timeline.groupby("category"):
        assert f"{len(rows)} event" in text
    assert text.startswith(f"Timeline of {len(timeline)} events")
    with pytest.raises(TypeError):
        timeline_figure(pd.DataFrame({"x": [1]}))
    with pytest.raises(ValueError, match="no rows"):
        timeline_figure(timeline.iloc[0:0])


# --- the safe-search protocol and the results page (issue 12, lateral reading) -------------------

@pytest.mark.parametrize("query", ["Islamic State Caucasus Province", "Caucasus Emirate leader killed 2015",
                                   "Jerusalem Post ISIS Threat section", "MEMRI funding criticism",
                                   "Newsweek Europe edition 2016 editor"])
def test_safe_queries_pass(query):
    assert query_problems(query) == []


@pytest.mark.parametrize("query, problem", [
    ("Profitable Trading ISIS video", "video's title"),
    ("a commerce that will never fail caucasus", "video's title"),
    ("watch Caucasus Province video", "media itself"),
    ("Caucasus Province full video download", "media itself"),
    ("the caliphate is already here Caucasus", "group's own words"),
    ("Caucasus Province telegram channel", "platform"),
    ("amaq Dagestan claim", "platform"),
])
def test_unsafe_queries_are_named(query, problem):
    found = query_problems(query)
    assert found and any(problem in p for p in found), (query, found)


def test_query_problems_refuses_a_non_string():
    with pytest.raises(TypeError):
        query_problems(["Caucasus"])


def test_every_search_the_kit_ships_is_safe():
    for query in load_search_results()["query"].unique():
        assert query_problems(query) == [], query


def test_search_results_refuse_a_query_asking_for_the_media(data_copy):
    _rewrite(data_copy, "search-results.yml", "query: Caucasus Emirate leader killed 2015",
             "query: Caucasus Emirate leader killed 2015 full video")
    with pytest.raises(DataFileError, match="search s2: the query asks for the media itself"):
        load_search_results()


def test_results_page_shows_what_a_student_sees_and_no_key():
    results = load_search_results()
    page = results_page(results, "s1")
    first = results[results["search_id"] == "s1"].iloc[0]
    assert page.startswith("Search: Islamic State Caucasus Province") and first["title"] in page
    for note in results["teaching_note"]:
        assert note[:40] not in page, "an instructor's teaching note reached the results page"
    assert "encyclopedia" not in page.lower().split("\n 1.")[0]
    assert results_page(results.drop(columns="teaching_note"), "s2").count("\n 1. ") == 1
    with pytest.raises(ValueError, match="no search 's9'"):
        results_page(results, "s9")
    with pytest.raises(ValueError, match="lacks the column"):
        results_page(results.drop(columns="snippet"), "s1")


@pytest.mark.parametrize("path", ["book/sources/lateral_reading.md", "exercises/sources/lateral_reading.ipynb"])
def test_teaching_notes_stay_out_of_student_view(path):
    """The search pages' teaching_note is the instructor's key: the chapter and the notebook drop it."""
    from bookutils import ROOT
    from medialit.curriculum import notebook_source

    file = ROOT / path
    source = notebook_source(file) if file.suffix == ".ipynb" else file.read_text(encoding="utf-8")
    uses = [line for line in source.splitlines() if "teaching_note" in line]
    assert uses, "expected the source to drop teaching_note explicitly"
    if file.suffix == ".ipynb":
        import json

        nb = json.loads(file.read_text(encoding="utf-8"))
        setup = "".join(nb["cells"][2]["source"])
        assert 'drop(columns="teaching_note")' in setup, "the notebook's setup cell must drop the key"
        return
    assert all('drop(columns="teaching_note")' in line or line.lstrip().startswith("#") for line in uses), uses
