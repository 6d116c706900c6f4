"""data/: every text and dataset has a manifest whose checksum matches, and is listed in data/README.md."""
from __future__ import annotations

from pathlib import Path

import pytest

from medialit.corpus import REQUIRED_MANIFEST_FIELDS, manifest_path, read_manifest, sha256_of, verify_folder

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
# Files that document a folder or carry a third-party licence are not datasets themselves.
NOT_DATA = {"README.md"}


def _is_manifest(path: Path) -> bool:
    return path.suffix == ".yml" and path.with_suffix("").exists()  # a file's or a folder's manifest


def manifested_folders() -> list[Path]:
    """Folders with one manifest for all their files (data/corpora/wikinews/ -> wikinews.yml)."""
    return sorted(p for p in DATA.rglob("*") if p.is_dir() and manifest_path(p).is_file())


def data_files() -> list[Path]:
    files = []
    folders = manifested_folders()
    for path in sorted(DATA.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.name in NOT_DATA:
            continue
        if any(folder in path.parents for folder in folders):
            continue  # checked by the folder's manifest (test_every_manifested_folder_matches_its_manifest)
        if path.name.startswith("LICENSE") or _is_manifest(path):
            continue
        files.append(path)
    return files


def test_there_is_data():
    assert any(p.name == "seed-article.txt" for p in data_files())


@pytest.mark.parametrize("path", data_files(), ids=lambda p: str(p.relative_to(DATA)))
def test_every_data_file_has_a_valid_manifest(path):
    meta = read_manifest(path)  # raises ManifestError naming the file
    for key in REQUIRED_MANIFEST_FIELDS:
        assert meta.get(key), f"{manifest_path(path)} lacks {key}"
    assert str(meta["sha256"]).lower() == sha256_of(path), (
        f"{path.relative_to(ROOT)} does not match the sha256 in its manifest: update the manifest "
        "if the change is deliberate"
    )


@pytest.mark.parametrize("path", data_files(), ids=lambda p: str(p.relative_to(DATA)))
def test_every_data_file_is_listed_in_data_readme(path):
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert str(path.relative_to(DATA)) in readme, f"add {path.relative_to(DATA)} to data/README.md"


def test_no_orphan_manifests():
    data_suffixes = {".txt", ".csv", ".tsv", ".json", ".jsonl", ".yml", ".yaml", ".md"}
    for manifest in DATA.rglob("*.yml"):
        described = manifest.with_suffix("")
        if described.suffix in data_suffixes:
            assert described.is_file(), f"{manifest.relative_to(ROOT)} describes {described.name}, which does not exist"


def test_seed_is_byte_identical_to_its_recorded_provenance():
    meta = read_manifest(DATA / "cases" / "seed-article.txt")
    # The checksum recorded in shared/cases/seed-article.yml when the case was chosen.
    assert meta["sha256"] == "fb280af2dc5cde8537755fd475a8874c3807c071b409ae8cecf95dd43f9aafe5"


def test_there_is_a_manifested_folder():
    assert DATA / "corpora" / "wikinews" in manifested_folders()


@pytest.mark.parametrize("folder", manifested_folders(), ids=lambda p: str(p.relative_to(DATA)))
def test_every_manifested_folder_matches_its_manifest(folder):
    meta = verify_folder(folder)  # raises ChecksumError naming every added, missing or altered file
    for key in REQUIRED_MANIFEST_FIELDS:
        assert meta.get(key), f"{manifest_path(folder)} lacks {key}"
    assert meta.get("what_it_is_not"), f"{manifest_path(folder)} should say what the data is not"
    licences = [p for p in folder.iterdir() if p.name.startswith("LICENSE")]
    assert licences, f"{folder.relative_to(ROOT)} should keep its licence notice (LICENSE*) beside the data"


@pytest.mark.parametrize("folder", manifested_folders(), ids=lambda p: str(p.relative_to(DATA)))
def test_every_manifested_folder_is_listed_in_data_readme(folder):
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert f"`{folder.relative_to(DATA)}/`" in readme, f"add {folder.relative_to(DATA)}/ to data/README.md"


def test_a_folder_manifest_catches_an_added_removed_or_altered_file(data_copy):
    from medialit.errors import ChecksumError

    folder = data_copy / "corpora" / "wikinews"
    victim = sorted(folder.glob("2019-*.txt"))[0]
    victim.write_bytes(victim.read_bytes().replace(b"the", b"teh", 1))
    (folder / "extra.txt").write_text("An article nobody listed.", encoding="utf-8")
    gone = sorted(folder.glob("2020-*.txt"))[-1]
    gone.unlink()
    with pytest.raises(ChecksumError) as caught:
        verify_folder(folder)
    message = str(caught.value)
    assert f"{victim.name} has been altered" in message
    assert "extra.txt is in the folder but not listed" in message
    assert f"{gone.name} is listed but missing" in message
