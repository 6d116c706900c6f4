"""data/: every text and dataset has a manifest whose checksum matches, and is listed in data/README.md."""
from __future__ import annotations

from pathlib import Path

import pytest

from medialit.corpus import REQUIRED_MANIFEST_FIELDS, manifest_path, read_manifest, sha256_of

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
# Files that document a folder or carry a third-party licence are not datasets themselves.
NOT_DATA = {"README.md"}


def _is_manifest(path: Path) -> bool:
    return path.suffix == ".yml" and path.with_suffix("").is_file()


def data_files() -> list[Path]:
    files = []
    for path in sorted(DATA.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.name in NOT_DATA:
            continue
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
