"""Loading the kit's case texts, with their provenance checked.

Every text under ``data/`` has a *manifest* beside it: a YAML file named after the
text with ``.yml`` added (``seed-article.txt`` → ``seed-article.txt.yml``). The
manifest records where the text comes from, when, under which licence (or why the
kit may use it), and the text's sha256 checksum. :func:`load_article` refuses a
text whose bytes no longer match that checksum: a chapter that quotes "sentence 4"
must be quoting the text the manifest describes.

Texts taken from ``../shared/cases/open`` keep the header they came with (title,
outlet, licence, ...) above a line holding only ``---``; :func:`load_article`
returns the body below that line as ``.text`` and the header as ``.header``.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ArticleNotFoundError, ChecksumError, DataFileError, ManifestError
from .resources import data_dir

__all__ = [
    "Article",
    "REQUIRED_MANIFEST_FIELDS",
    "list_articles",
    "load_article",
    "manifest_path",
    "read_manifest",
    "sha256_of",
    "verify_file",
]

#: Fields every manifest must carry (``licence`` may say why an unlicensed text may be used).
REQUIRED_MANIFEST_FIELDS = ("source", "date", "licence", "sha256", "description")

_TEXT_FOLDERS = ("cases",)


@dataclass(frozen=True)
class Article:
    """A case text and its manifest.

    Attributes:
        name: the file name without ``.txt`` (``"seed-article"``).
        text: the text a reader analyses (for open texts, the body below the header).
        meta: the manifest, as a dict.
        path: where the file is.
        header: for open texts, the ``Key: value`` lines above ``---``; else empty.
        body_offset: where ``text`` starts in the file's decoded contents.
    """

    name: str
    text: str
    meta: dict[str, Any]
    path: Path
    header: dict[str, str] = field(default_factory=dict)
    body_offset: int = 0

    def __repr__(self) -> str:  # keep notebook output short and free of memory addresses
        return f"Article(name={self.name!r}, chars={len(self.text)}, outlet={self.meta.get('outlet', '?')!r})"


def sha256_of(path: Path) -> str:
    """Return the hex sha256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def manifest_path(path: Path) -> Path:
    """Return where the manifest of ``path`` lives: the same name with ``.yml`` added."""
    path = Path(path)
    return path.with_name(path.name + ".yml")


def read_manifest(path: Path) -> dict[str, Any]:
    """Read and validate the manifest of the data file ``path``.

    Raises:
        ManifestError: the manifest is missing, is not a YAML mapping, or lacks a
            required field. The message names the file and the missing fields.

    >>> from medialit.resources import data_path
    >>> read_manifest(data_path("cases", "seed-article.txt"))["outlet"]
    'The Jerusalem Post'
    """
    path = Path(path)
    mpath = manifest_path(path)
    if not mpath.is_file():
        raise ManifestError(
            f"{path} has no manifest: expected {mpath.name} beside it, with the fields "
            f"{', '.join(REQUIRED_MANIFEST_FIELDS)}. See CONTRIBUTING.md, 'Adding a dataset'."
        )
    try:
        meta = yaml.safe_load(mpath.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ManifestError(f"The manifest {mpath} is not valid UTF-8 YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise ManifestError(
            f"The manifest {mpath} should be a YAML mapping (key: value lines); "
            f"it holds a {type(meta).__name__}."
        )
    missing = [key for key in REQUIRED_MANIFEST_FIELDS if not meta.get(key)]
    if missing:
        raise ManifestError(f"The manifest {mpath} lacks the field(s) {', '.join(missing)}.")
    return meta


def verify_file(path: Path) -> dict[str, Any]:
    """Check a data file against its manifest's sha256 and return the manifest.

    Raises:
        ManifestError: no valid manifest.
        ChecksumError: the file's bytes differ from what the manifest records.
    """
    path = Path(path)
    meta = read_manifest(path)
    actual = sha256_of(path)
    if actual != str(meta["sha256"]).lower():
        raise ChecksumError(
            f"{path} has been altered: its sha256 is {actual}, but its manifest "
            f"{manifest_path(path).name} records {meta['sha256']}. Restore the file "
            "(git checkout -- data/) or, if the change is deliberate, update the manifest."
        )
    return meta


def _split_header(raw: str) -> tuple[dict[str, str], str, int]:
    """Split an open text into its ``Key: value`` header and its body below ``---``."""
    lines = raw.splitlines(keepends=True)
    offset = 0
    header: dict[str, str] = {}
    for line in lines:
        offset += len(line)
        if line.strip() == "---":
            body = raw[offset:]
            stripped = body.lstrip("\n")
            return header, stripped, offset + (len(body) - len(stripped))
        key, sep, value = line.partition(":")
        if sep and 0 < len(key.strip()) <= 30:
            header[key.strip()] = value.strip()
    return {}, raw, 0


def _text_files() -> list[Path]:
    return sorted(path for folder in _TEXT_FOLDERS for path in (data_dir() / folder).rglob("*.txt"))


def _aliases() -> dict[str, Path]:
    """Short names declared by manifests (``alias: voa-crocus-fact-check``)."""
    found = {}
    for path in _text_files():
        mpath = manifest_path(path)
        if mpath.is_file():
            for line in mpath.read_text(encoding="utf-8").splitlines():
                if line.startswith("alias:"):
                    found[line.partition(":")[2].strip().strip("'\"")] = path
    return found


def list_articles() -> list[str]:
    """Names of every case text the kit ships, sorted: short aliases where a manifest declares one.

    >>> "seed-article" in list_articles() and "voa-crocus-fact-check" in list_articles()
    True
    """
    aliased = set(_aliases().values())
    names = {path.stem for path in _text_files() if path not in aliased}
    return sorted(names | set(_aliases()))


def _find(name: str) -> Path:
    matches = [path for path in _text_files() if path.stem == name]
    if not matches and name in _aliases():
        matches = [_aliases()[name]]
    if not matches:
        known = ", ".join(list_articles())
        raise ArticleNotFoundError(
            f"No case text named {name!r} under {data_dir()}. Known texts: {known}."
        )
    if len(matches) > 1:
        raise DataFileError(
            f"The name {name!r} matches several files ({', '.join(map(str, matches))}); "
            "rename one so that names are unique."
        )
    return matches[0]


def load_article(name: str) -> Article:
    """Load a case text by name, after checking it against its manifest.

    Args:
        name: the file name under ``data/cases/`` without ``.txt``, e.g.
            ``"seed-article"``; see :func:`list_articles`.

    Returns:
        An :class:`Article` with ``.text`` and ``.meta``.

    Raises:
        TypeError: ``name`` is not a string.
        ArticleNotFoundError: no such text.
        ManifestError: the text has no (valid) manifest.
        ChecksumError: the text was altered since its manifest was written.
        DataFileError: the text is not UTF-8.

    >>> seed = load_article("seed-article")
    >>> seed.text.startswith("ISIS branch calls on Muslims")
    True
    >>> seed.meta["outlet"]
    'The Jerusalem Post'
    """
    if not isinstance(name, str):
        raise TypeError(f"load_article expects a text's name as a string, e.g. 'seed-article'; got {type(name).__name__}.")
    name = name.removesuffix(".txt")
    path = _find(name)
    meta = verify_file(path)
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path} is not valid UTF-8 (byte {exc.start}): re-save it as UTF-8.") from exc
    header: dict[str, str] = {}
    text, offset = raw, 0
    if meta.get("format") == "header+body":
        header, text, offset = _split_header(raw)
        if not header:
            raise DataFileError(f"{path} should open with 'Key: value' lines and a '---' line; none found.")
    return Article(name=name, text=text, meta=meta, path=path, header=header, body_offset=offset)
