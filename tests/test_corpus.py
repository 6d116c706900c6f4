"""medialit.corpus: loading case texts with their manifests checked."""
from __future__ import annotations

import pytest

from medialit.corpus import list_articles, load_article, read_manifest, sha256_of
from medialit.errors import ArticleNotFoundError, ChecksumError, ManifestError


def test_seed_loads_with_text_and_metadata(root):
    seed = load_article("seed-article")
    assert seed.text == (root / "data/cases/seed-article.txt").read_text(encoding="utf-8")
    assert seed.meta["outlet"] == "The Jerusalem Post"
    assert seed.meta["sha256"] == sha256_of(root / "data/cases/seed-article.txt")
    assert "seed-article" in list_articles()
    assert load_article("seed-article.txt").text == seed.text


def test_unknown_name_lists_known_texts():
    with pytest.raises(ArticleNotFoundError, match="no-such-article.*Known texts: .*seed-article"):
        load_article("no-such-article")


def test_non_string_name_is_a_type_error():
    with pytest.raises(TypeError, match="got int"):
        load_article(3)


def test_altered_text_is_refused_naming_the_file(data_copy):
    path = data_copy / "cases" / "seed-article.txt"
    path.write_bytes(path.read_bytes().replace(b"Putin", b"Putim", 1))
    with pytest.raises(ChecksumError, match=r"seed-article\.txt has been altered"):
        load_article("seed-article")


def test_missing_manifest_is_refused_naming_the_file(data_copy):
    (data_copy / "cases" / "seed-article.txt.yml").unlink()
    with pytest.raises(ManifestError, match=r"seed-article\.txt has no manifest"):
        load_article("seed-article")


def test_manifest_without_required_field_is_refused(data_copy):
    manifest = data_copy / "cases" / "seed-article.txt.yml"
    lines = [l for l in manifest.read_text(encoding="utf-8").splitlines() if not l.startswith("licence:")]
    manifest.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ManifestError, match="lacks the field.*licence"):
        read_manifest(data_copy / "cases" / "seed-article.txt")


def test_manifest_that_is_not_a_mapping_is_refused(data_copy):
    (data_copy / "cases" / "seed-article.txt.yml").write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="should be a YAML mapping"):
        load_article("seed-article")


def test_missing_text_file_is_reported(data_copy):
    (data_copy / "cases" / "seed-article.txt").unlink()
    with pytest.raises(ArticleNotFoundError, match="seed-article"):
        load_article("seed-article")


# --- corpora the kit ships, and near duplicates ------------------------------------------------

def test_the_wikinews_corpus_loads_with_every_file_checked():
    from medialit.corpus import kit_corpora, load_kit_corpus

    assert "wikinews" in kit_corpora()
    corpus = load_kit_corpus("wikinews")
    assert len(corpus) == read_manifest(__import__("medialit.resources").resources.data_path("corpora", "wikinews"))["articles"]
    assert corpus["id"].is_unique and corpus["text"].str.len().min() > 100
    assert not corpus["id"].str.startswith("LICENSE").any()  # the licence notice is not an article


def test_an_altered_corpus_file_is_refused_by_load_kit_corpus(data_copy):
    from medialit.corpus import load_kit_corpus

    victim = sorted((data_copy / "corpora" / "wikinews").glob("*.txt"))[5]
    victim.write_text(victim.read_text(encoding="utf-8") + "An added line.\n", encoding="utf-8")
    with pytest.raises(ChecksumError, match=rf"{victim.name} has been altered"):
        load_kit_corpus("wikinews")


def test_an_unknown_kit_corpus_lists_the_known_ones():
    from medialit.corpus import load_kit_corpus

    with pytest.raises(ArticleNotFoundError, match="no-such.*Known corpora: .*wikinews"):
        load_kit_corpus("no-such")
    with pytest.raises(TypeError):
        load_kit_corpus(None)


def test_near_duplicates_finds_a_trimmed_and_an_edited_copy_and_reports_both_measures():
    import pandas as pd

    from medialit.corpus import near_duplicates, shingles

    wire = ("Officials in Makhachkala said a car bomb exploded near a police checkpoint on Monday, killing two "
            "officers and injuring a passer-by. The regional interior ministry said the blast happened at dawn "
            "and that investigators had opened a criminal case on charges of terrorism.")
    trimmed = wire.split(". The regional")[0] + "."
    edited = wire.replace("on Monday", "early on Monday").replace("a passer-by", "a woman")
    other = "A court in Paris jailed two police officers for seven years on Thursday after a jury trial."
    table = pd.DataFrame({"id": ["wire", "trimmed", "edited", "other"], "text": [wire, trimmed, edited, other]})
    pairs = near_duplicates(table)
    # trimmed and edited share the first sentence only, minus the edits: not reported
    assert pairs[["id_a", "id_b"]].values.tolist() == [["wire", "edited"], ["wire", "trimmed"]]
    wire_trimmed = pairs.set_index(["id_a", "id_b"]).loc[("wire", "trimmed")]
    assert wire_trimmed["containment"] == 1.0 and wire_trimmed["jaccard"] < 0.5  # found by containment
    a, b = shingles(wire), shingles(edited)
    assert pairs.set_index(["id_a", "id_b"]).loc[("wire", "edited"), "jaccard"] == round(len(a & b) / len(a | b), 3)
    assert near_duplicates(table, min_jaccard=1, min_containment=1)[["id_a", "id_b"]].values.tolist() == [
        ["wire", "trimmed"]]
    assert list(near_duplicates(table.iloc[[0, 3]]).columns) == ["id_a", "id_b", "jaccard", "containment",
                                                                "shared_shingles"]


def test_near_duplicates_rejects_bad_input():
    import pandas as pd

    from medialit.corpus import near_duplicates

    with pytest.raises(TypeError, match="DataFrame"):
        near_duplicates(["a text"])
    with pytest.raises(ValueError, match="needs the column.*text"):
        near_duplicates(pd.DataFrame({"id": ["a"]}))
    with pytest.raises(ValueError, match="min_jaccard must be a number between 0 and 1"):
        near_duplicates(pd.DataFrame({"id": ["a"], "text": ["x"]}), min_jaccard=50)
