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
