"""medialit.cleaning: page furniture removed by rule, every removal listed; the shipped Wikinews copy."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from medialit.cleaning import (
    FURNITURE_KINDS,
    GALLERY_MIN_RUN,
    LATIN_GLOSSES_WITHOUT_END,
    clean_wikinews,
    wikinews_exclusion,
)
from medialit.corpus import load_kit_corpus, read_manifest
from medialit.resources import data_path

HEAD = ("Headline of the report\n\nThe first paragraph says what happened, where, when and to whom, "
        "in one full sentence of news.\n\n")


def kinds(text: str) -> list[str]:
    return clean_wikinews(text).removed["kind"].tolist()


def test_captions_with_a_credit_and_file_names_go_whole():
    body = (HEAD + "Fire in the frame of Notre Dame. Image: LeLaisserPasserA38.\n\nSirhan in 2016 (Image: CDCR)\n\n"
            "File:Keisha Lance Bottoms (cropped).jpg\n\nThe last paragraph stays.\n")
    cleaned = clean_wikinews(body)
    assert cleaned.text == HEAD + "The last paragraph stays.\n"
    assert cleaned.removed["kind"].tolist() == ["image caption"] * 3


def test_a_word_image_inside_a_sentence_is_not_a_caption():
    body = HEAD + "Later, he recorded with John Lydon's Public Image Ltd. and toured.\n"
    assert clean_wikinews(body).text == body


def test_a_dangling_pull_quote_attribution_goes_but_a_block_quote_attribution_stays():
    pull = HEAD + "—Troy Roberts\n\nAnother eyewitness described the heat.\n"
    assert clean_wikinews(pull).text == HEAD + "Another eyewitness described the heat.\n"
    block = HEAD + "Because this Court finds aspects of such a doctrine repugnant, it ABSTAINS.\n\n" \
        "– United States District Judge Victor Marrero, \"Decision and Order\"\n\nThe appeal followed.\n"
    assert clean_wikinews(block).text == block  # the quote's attribution is the article's own


def test_table_notes_without_their_table_go():
    body = HEAD + "1. Unofficial results\n2. Relative to seats at dissolution\n\n* Both dropped out\n\nText.\n"
    cleaned = clean_wikinews(body)
    assert cleaned.text == HEAD + "Text.\n"
    assert cleaned.removed["kind"].tolist() == ["table note", "table note"]


def test_a_closing_gallery_goes_but_a_short_closing_paragraph_stays():
    captions = ["Rocket Raccoon", "Tony Stark", "Hobbits", "Anna from Frozen", "DC superheroes"]
    assert len(captions) == GALLERY_MIN_RUN
    gallery = HEAD + "\n\n".join(captions) + "\n"
    cleaned = clean_wikinews(gallery)
    assert cleaned.text == HEAD.rstrip("\n") + "\n"
    assert cleaned.removed["kind"].tolist() == ["gallery caption"] * GALLERY_MIN_RUN
    short = HEAD + "\n\n".join(captions[:-1]) + "\n"  # one fewer: not a gallery
    assert clean_wikinews(short).text == short


def test_an_interview_turn_stops_a_gallery():
    body = HEAD + "((WN)) What got you into cosplay?\n\n" + "\n\n".join(["A", "B", "C", "D", "E"]) + "\n"
    cleaned = clean_wikinews(body)
    assert cleaned.text == HEAD + "((WN)) What got you into cosplay?\n"


def test_a_gloss_in_another_script_ends_where_latin_letters_begin():
    body = HEAD + ('He said his father "left a will." ((ko))Korean language: \u200d4~5시간 전에 아버지가 '
                   "Park's phone was last active in Seongbuk-gu.\n")
    cleaned = clean_wikinews(body)
    assert cleaned.text == HEAD + "He said his father \"left a will.\" Park's phone was last active in Seongbuk-gu.\n"
    assert cleaned.removed["kind"].tolist() == ["original-language gloss"]


def test_a_latin_gloss_ends_at_the_paragraph_or_a_closing_quote():
    at_end = HEAD + 'She said "to endure." ((es))Spanish language: \u200dA pesar de todo, perdure.\n\nNext.\n'
    assert clean_wikinews(at_end).text == HEAD + 'She said "to endure."\n\nNext.\n'
    in_quote = HEAD + '"Respect their bodies ((es))Spanish language: \u200dEn el siglo XXI, sus cuerpos".\n'
    assert clean_wikinews(in_quote).text == HEAD + '"Respect their bodies".\n'


@pytest.mark.parametrize("gloss", LATIN_GLOSSES_WITHOUT_END)
def test_listed_latin_glosses_end_where_the_list_says(gloss):
    body = HEAD + f"The party ((pl))Polish language: \u200d{gloss} declared its intent.\n"
    assert clean_wikinews(body).text == HEAD + "The party declared its intent.\n"


def test_zero_width_joiners_go_and_offsets_point_into_the_given_text():
    body = HEAD + "Siegel answered questions for Wikinews\u200d's correspondent.\n\n—Professor Siegel\n"
    cleaned = clean_wikinews(body)
    assert "\u200d" not in cleaned.text
    assert cleaned.text == HEAD + "Siegel answered questions for Wikinews's correspondent.\n"
    for row in cleaned.removed.itertuples():
        assert body[row.start:row.end].strip() == row.text
    assert cleaned.summary() == "1 pull-quote attribution, 1 invisible character"


def test_clean_text_is_left_alone_and_bad_input_is_a_type_error():
    body = HEAD + "Nothing here is furniture.\n"
    cleaned = clean_wikinews(body)
    assert cleaned.text == body and cleaned.removed.empty and cleaned.summary() == "nothing"
    assert list(cleaned.removed.columns) == ["kind", "start", "end", "text"]
    with pytest.raises(TypeError, match="got bytes"):
        clean_wikinews(body.encode())


def test_test_pages_are_excluded():
    assert wikinews_exclusion("TEST PAGE:Self-publish today")
    assert wikinews_exclusion("Testing times for the economy") is None
    with pytest.raises(TypeError):
        wikinews_exclusion(None)


# --- the shipped copy --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def wikinews() -> pd.DataFrame:
    return load_kit_corpus("wikinews")


def test_the_shipped_copy_is_clean_by_its_own_rules(wikinews):
    """Cleaning a cleaned article removes nothing: the shipped copy is a fixed point of the rules."""
    leftovers = {row.id: clean_wikinews(row.text).summary() for row in wikinews.itertuples()}
    assert {k: v for k, v in leftovers.items() if v != "nothing"} == {}
    joined = "\n".join(wikinews["text"])
    assert "\u200d" not in joined and "Image: " not in joined and "language: " not in joined


def test_the_manifest_the_furniture_table_and_the_files_agree(wikinews):
    meta = read_manifest(data_path("corpora", "wikinews"))
    removed = pd.read_csv(data_path("corpora", "wikinews-furniture.csv"))
    assert set(removed["kind"]) <= set(FURNITURE_KINDS)
    assert meta["articles"] == len(wikinews) == wikinews["id"].nunique()
    assert meta["words"] == int(wikinews["text"].str.split().str.len().sum()) == int(wikinews["words"].sum())
    for kind, group in removed.groupby("kind"):
        assert f"{len(group)} {kind}(s) in {group['file'].nunique()} article(s)" in meta["changes"]
    touched = set(removed["file"])
    for row in wikinews.itertuples():
        said = row.changes.rsplit(" removed ", 1)[1]
        assert (said == "nothing") == (row.file not in touched), row.file
    assert [e["reason"] for e in meta["excluded"]] == ["a Wikinews test page, not an article"]
    assert set(wikinews["subset"]) == {"topic", "reference"}
    assert (wikinews["licence"] == "CC BY 2.5").all() and wikinews["url"].str.startswith("https://en.wikinews.org/").all()


def test_the_import_tool_rebuilds_the_shipped_copy_byte_for_byte(root):
    source = root.parent / "shared" / "corpora" / "wikinews"
    if not source.is_dir():
        source = root.parents[1] / "shared" / "corpora" / "wikinews"  # a worktree under /work/wt
    if not source.is_dir():
        pytest.skip("the shared originals (../shared/corpora/wikinews) are not beside this checkout")
    result = subprocess.run([sys.executable, str(root / "tools" / "import_wikinews.py"), "--check",
                             "--source", str(source)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
