"""Loading the kit's case texts, with their provenance checked.

Every text under ``data/`` has a *manifest* beside it: a YAML file named after the
text with ``.yml`` added (``seed-article.txt`` → ``seed-article.txt.yml``). The
manifest records where the text comes from, when, under which licence (or why the
kit may use it), and the text's sha256 checksum. :func:`load_article` refuses a
text whose bytes no longer match that checksum: a chapter that quotes "sentence 4"
must be quoting the text the manifest describes.

:func:`load_corpus` reads *your own* collection of articles (a folder of ``.txt`` files, a CSV
or a JSON Lines file) for the capstone, checking every record and reporting every bad one.

Texts taken from ``../shared/cases/open`` keep the header they came with (title,
outlet, licence, ...) above a line holding only ``---``; :func:`load_article`
returns the body below that line as ``.text`` and the header as ``.header``.
"""
from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .errors import ArticleNotFoundError, ChecksumError, CorpusError, DataFileError, ManifestError
from .resources import data_dir

__all__ = [
    "Article",
    "CORPUS_FIELDS",
    "CorpusLoad",
    "CSV_FIELD_LIMIT",
    "folder_listing",
    "kit_corpora",
    "listing_sha256",
    "load_corpus",
    "load_kit_corpus",
    "near_duplicates",
    "shingles",
    "verify_folder",
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
# libyaml's safe loader when PyYAML was built with it (ten times faster on hundreds of front
# matters; the same documents load to the same values), else PyYAML's own.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
        meta = yaml.load(mpath.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
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


# --- your own corpus ---------------------------------------------------------------------------
#
# The capstone asks students to analyse articles they collected themselves. Collected data is
# messy: a file saved as Windows-1252, a row with a missing date, the same article pasted twice.
# :func:`load_corpus` checks every record and either raises one error listing every problem or,
# with ``errors="report"``, returns the good records and a table of the bad ones. It never drops
# a record without saying so.

#: Fields every record of a corpus must have, in the order the loaded table puts them first.
CORPUS_FIELDS = ("title", "outlet", "date", "text")
#: Columns :func:`load_corpus` adds to say where each record came from.
PROVENANCE_COLUMNS = ("file", "line")
#: Columns of the problems table.
PROBLEM_COLUMNS = ("file", "line", "id", "field", "problem")
#: Columns of the table of files a folder holds that are skipped on purpose (see :class:`CorpusLoad`).
SKIPPED_COLUMNS = ("file", "reason")
#: The longest CSV field Python's csv module reads by default. Longer fields are read (the limit is
#: raised while reading) but reported: a field this long is most often a quotation mark left open,
#: which swallows the records after it.
CSV_FIELD_LIMIT = 131_072
#: File suffixes :func:`load_corpus` reads, by format.
CORPUS_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
#: How many problems the message of a :class:`~medialit.errors.CorpusError` spells out; the
#: error's ``problems`` attribute always holds every one.
MESSAGE_PROBLEMS = 50

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?$")
_DATE_IN_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_SURROGATE = re.compile("[\ud800-\udfff]")
# A folder's notes or licence notice, not an article: README.txt, readme.md, LICENSE_CC-BY.txt, Licence.txt.
_NOTICE = re.compile(r"^(?:readme|licen[cs]e)(?![a-z0-9])", re.IGNORECASE)


def _empty_skipped() -> pd.DataFrame:
    return pd.DataFrame(columns=list(SKIPPED_COLUMNS))


@dataclass(frozen=True)
class CorpusLoad:
    """What ``load_corpus(path, errors="report")`` returns: good records and bad ones.

    Unpacks into two tables: ``records, problems = load_corpus(path, errors="report")``.

    Attributes:
        records: one row per good record; columns ``id``, ``title``, ``outlet``, ``date``,
            ``text``, any other fields the records carry, then ``file`` and ``line``.
        problems: one row per problem found (a record can have several); columns ``file``,
            ``line``, ``id``, ``field`` and ``problem``. Empty when every record is good.
        skipped: for a folder, the files skipped on purpose because they are not articles
            (``README*`` and ``LICENSE*``/``LICENCE*`` notices, manifests ``x.txt.yml``);
            columns ``file`` and ``reason``. Hidden files are not listed. Not a problem: the
            table is there so that nothing leaves the corpus unseen.
    """

    records: pd.DataFrame
    problems: pd.DataFrame
    skipped: pd.DataFrame = field(default_factory=_empty_skipped)

    def __iter__(self):
        return iter((self.records, self.problems))

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return self.problems.empty

    def __repr__(self) -> str:
        skipped = f", skipped={len(self.skipped)}" if len(self.skipped) else ""
        return f"CorpusLoad(records={len(self.records)}, problems={len(self.problems)}{skipped})"


@dataclass
class _Raw:
    """One record as read from a file, before validation."""

    file: str
    line: int
    fields: dict[str, Any]
    id: str
    problems: list[tuple[str, str]] = field(default_factory=list)  # (field, problem)
    unreadable: bool = False  # the record could not be parsed at all: no point checking its fields

    def fail(self, problem: str) -> _Raw:
        """Record that the whole record is unreadable."""
        self.problems.append(("", problem))
        self.unreadable = True
        return self


def _problem_row(file: str, line: int, rid: str, fieldname: str, problem: str) -> dict[str, Any]:
    return {"file": file, "line": line, "id": rid, "field": fieldname, "problem": problem}


def _decode(data: bytes) -> tuple[str, str | None]:
    """Decode UTF-8 (a BOM is allowed), keeping bad bytes as surrogates so they can be located.

    Returns the text and, when the whole file is in another encoding we can name, a problem.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", "the file is UTF-16 (it starts with a UTF-16 byte-order mark); re-save it as UTF-8"
    order = _utf16_without_bom(data)
    if order:
        return "", (f"the file looks like UTF-16 ({order}) without a byte-order mark: every other byte is 0, "
                    "which UTF-8 text never has; re-save it as UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", errors="surrogateescape"), None


def _utf16_without_bom(data: bytes) -> str | None:
    """``"little-endian"`` or ``"big-endian"`` when ``data`` looks like UTF-16 text with no byte-order mark.

    UTF-8 text holds no 0 bytes; UTF-16 text holds one in every character below U+0100 (letters of
    the Latin alphabet, digits, spaces, punctuation), always on the same side of the byte pair. So:
    at least a tenth of the byte pairs have a 0 on one side, almost none on the other, and the bytes
    decode as UTF-16 of that byte order.
    """
    if len(data) < 2 or b"\x00" not in data:
        return None
    pairs = len(data) // 2
    even, odd = data[0:2 * pairs:2].count(0), data[1:2 * pairs:2].count(0)
    for zeros, other, order, codec in ((odd, even, "little-endian", "utf-16-le"), (even, odd, "big-endian", "utf-16-be")):
        if zeros >= max(1, pairs // 10) and other <= zeros // 20:
            try:
                data[:2 * pairs].decode(codec)
            except UnicodeDecodeError:
                continue
            return order
    return None


def _encoding_problem(value: str) -> str | None:
    match = _SURROGATE.search(value)
    if match is None:
        return None
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by surrogateescape
        return (f"is not valid UTF-8 (byte 0x{code - 0xDC00:02X} at character {match.start()}); the file may "
                "be Windows-1252 or Latin-1: re-save it as UTF-8")
    return f"holds an unpaired surrogate (U+{code:04X}) at character {match.start()}, which is not text"


def _check_date(value: Any) -> tuple[Any, str | None]:
    """Return (normalised date, problem). Accepts ``YYYY-MM-DD`` (a time after it is ignored)."""
    if isinstance(value, datetime.datetime):
        return pd.Timestamp(value.date()), None
    if isinstance(value, datetime.date):
        return pd.Timestamp(value), None
    if not isinstance(value, str):
        return None, f"should be a date written YYYY-MM-DD; got {value!r} ({type(value).__name__})"
    match = _ISO_DATE.match(value.strip())
    if not match:
        return None, f"should be a date written YYYY-MM-DD (e.g. 2024-03-25); got {value!r}"
    try:
        day = datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError as exc:
        return None, f"{value!r} is not a real date ({exc})"
    return pd.Timestamp(day), None


def _validate(raw: _Raw) -> dict[str, Any] | None:
    """Check one record in place (adding to ``raw.problems``); return its clean fields if good."""
    if raw.unreadable:
        return None
    clean: dict[str, Any] = {}
    if "id" in raw.fields and (raw.fields["id"] is None or not str(raw.fields["id"]).strip()):
        raw.problems.append(("id", "has an empty id; give every record an id, or drop the id field everywhere"))
    for key in PROVENANCE_COLUMNS:
        if key in raw.fields:
            raw.problems.append((key, f"the field name {key!r} is reserved for where a record came from; rename it"))
    for key, value in raw.fields.items():
        if isinstance(key, str):
            bad = _encoding_problem(key)
            if bad:
                raw.problems.append((key, f"a field name {bad}"))
        if isinstance(value, str):
            bad = _encoding_problem(value)
            if bad:
                raw.problems.append((key, bad))
    for key in CORPUS_FIELDS:
        value = raw.fields.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            what = "an empty text" if key == "text" and isinstance(value, str) else f"no {key}"
            raw.problems.append((key, f"has {what}; every record needs {', '.join(CORPUS_FIELDS)}"))
            continue
        if key == "date":
            clean[key], problem = _check_date(value)
            if problem:
                raw.problems.append((key, problem))
            continue
        if key != "text" and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # a title such as 1984 read as a number
        if not isinstance(value, str):
            raw.problems.append((key, f"should be text; got {value!r:.60} ({type(value).__name__})"))
            continue
        clean[key] = value
    if raw.problems:
        return None
    extras = {k: v for k, v in raw.fields.items() if k not in CORPUS_FIELDS and k != "id"}
    return {"id": raw.id, **clean, **extras, "file": raw.file, "line": raw.line}


def _split_front_matter(text: str) -> tuple[str | None, str, bool]:
    """Return (front matter source or None when there is none, body, whether the block is closed).

    Lines end with LF or CRLF, or with CR alone (old Mac files) when the opening ``---`` line does.
    """
    # Not splitlines(): U+2028 or U+0085 in a value does not end a line.
    newline = "\r" if text.startswith("---\r") and not text.startswith("---\r\n") else "\n"
    lines = text.split(newline)
    lines = [line + newline for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    if not lines or lines[0].rstrip("\r\n") != "---":
        return None, text, True
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r\n") in ("---", "..."):
            return "".join(lines[1:number]), "".join(lines[number + 1:]), True
    return "", "", False


def _read_txt(path: Path, root: Path) -> _Raw:
    rel = path.relative_to(root).as_posix()
    rid = rel[:-len(path.suffix)]
    raw = _Raw(file=rel, line=1, fields={}, id=rid)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return raw.fail(f"cannot be read: {exc.strerror or exc}")
    text, whole = _decode(data)
    if whole:
        return raw.fail(whole)
    front, body, closed = _split_front_matter(text)
    meta: dict[str, Any] = {}
    if front is not None:
        if not closed:
            return raw.fail("opens a front matter block with '---' but never closes it with a second '---' line")
        try:
            loaded = yaml.load(front, Loader=_YAML_LOADER) if front.strip() else {}
        except Exception as exc:  # YAML raises YAMLError, but also ValueError for dates like 2024-02-30
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            hint = "" if isinstance(exc, yaml.YAMLError) else " (a date that does not exist, such as 2024-02-30?)"
            return raw.fail(f"has front matter that cannot be read as YAML: {first}{hint}")
        if not isinstance(loaded, dict):
            return raw.fail(f"has front matter that is not 'key: value' lines (it reads as a {type(loaded).__name__})")
        meta = {str(k): v for k, v in loaded.items()}
    # Without front matter (or fields missing from it): outlet from the subfolder, date from the name.
    parts = Path(rel).parts
    if "outlet" not in meta and len(parts) > 1:
        meta["outlet"] = parts[-2]
    if "date" not in meta:
        found = _DATE_IN_NAME.match(path.name)
        if found:
            meta["date"] = found.group(1)
    if "title" not in meta:
        meta["title"] = path.stem
    if "text" in meta:
        raw.problems.append(("text", "has a 'text' key in its front matter; the text is the body below the front matter"))
    meta["text"] = body
    raw.fields = meta
    if "id" in meta:
        raw.id = str(meta["id"])
    return raw


def _corpus_files(root: Path) -> tuple[list[Path], list[tuple[str, str]], list[tuple[str, str]]]:
    """The .txt files under a folder; files and folders reported rather than read (name, problem);
    and files skipped on purpose (name, reason). Only hidden files and folders go unmentioned."""
    texts: list[Path] = []
    others: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []

    def rel_of(path: Path) -> str:
        return path.relative_to(root).as_posix() if path != root else "."

    def unlistable(exc: OSError) -> None:  # os.walk calls this when it cannot list a folder
        where = Path(exc.filename) if exc.filename else root
        others.append((rel_of(where), f"is a folder that cannot be listed ({exc.strerror or exc}), so the files in "
                       "it were not read: give yourself permission to read it, or move the files out"))

    for folder, dirs, files in os.walk(root, onerror=unlistable):
        here = Path(folder)
        for name in list(dirs):
            if name.startswith("."):
                dirs.remove(name)
            elif (here / name).is_symlink():  # os.walk does not follow links to folders: say so
                dirs.remove(name)
                others.append((rel_of(here / name), f"is a link to the folder {os.readlink(here / name)}, which "
                               "is not followed (a link can loop back on itself): copy the folder here instead"))
        for name in files:
            if name.startswith("."):
                continue
            path = here / name
            rel = rel_of(path)
            try:
                mode = path.stat().st_mode  # follows a link to the file it points to
            except OSError as exc:
                if path.is_symlink():
                    others.append((rel, f"is a link to {os.readlink(path)}, which does not exist (a broken link), "
                                   "so there is nothing to read"))
                else:
                    others.append((rel, f"cannot be read: {exc.strerror or exc}"))
                continue
            if not stat.S_ISREG(mode):
                others.append((rel, "is not a regular file (a pipe, socket or device), so it is not read"))
            elif _NOTICE.match(name):
                skipped.append((rel, "a folder's notes or licence notice (README*, LICENSE*), not an article"))
            elif path.suffix.lower() == ".txt":
                texts.append(path)
            elif path.suffix.lower() in (".yml", ".yaml") and path.with_suffix("").is_file():
                skipped.append((rel, f"the manifest of {path.with_suffix('').name}"))  # data/ convention
            else:
                others.append((rel, "is not a .txt file, so it is not read: convert it to UTF-8 text (.txt) "
                               "or move it out of the folder"))
    return sorted(texts), others, sorted(skipped)


def _read_jsonl(text: str, name: str) -> list[_Raw]:
    records = []
    # Lines end at "\n" only: JSON strings may hold U+2028 or U+0085, which splitlines() breaks at.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        raw = _Raw(file=name, line=number, fields={}, id=f"{Path(name).stem}:{number}")
        records.append(raw)
        bad = _encoding_problem(line)
        if bad:
            raw.fail(f"the line {bad}")
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError) as exc:
            raw.fail(f"is not valid JSON: {str(exc) or type(exc).__name__}")
            continue
        if not isinstance(value, dict):
            raw.fail(f"should be a JSON object {{\"title\": ..., ...}}; got a {type(value).__name__}")
            continue
        raw.fields = value
        if "id" in value:
            raw.id = str(value["id"])
    return records


def _read_csv(text: str, name: str, delimiter: str) -> tuple[list[_Raw], list[tuple[int, str, str]]]:
    """Records of a CSV file, and problems of the file as a whole (line, field, problem)."""
    # Read fields of any length (the csv module stops at CSV_FIELD_LIMIT characters), reporting
    # each long one. The limit is the module's, shared by the whole process: restore it after.
    previous = csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        return _read_csv_rows(text, name, delimiter)
    finally:
        csv.field_size_limit(previous)


def _read_csv_rows(text: str, name: str, delimiter: str) -> tuple[list[_Raw], list[tuple[int, str, str]]]:
    records: list[_Raw] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return [], [(reader.line_num, "", f"cannot be read as CSV: {exc}")]
    if not header:
        return [], [(1, "", "has no header line: the first line should name the columns, e.g. title,outlet,date,text")]
    header = [column.strip() for column in header]
    problems = []
    for column in header:
        bad = _encoding_problem(column)
        if bad:
            problems.append((1, column, f"the header {bad}"))
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        problems.append((1, "", f"the header names the column(s) {', '.join(map(repr, repeated))} more than once"))
    missing = [c for c in CORPUS_FIELDS if c not in header]
    if missing:
        problems.append((1, ",".join(missing), f"the header lacks the column(s) {', '.join(missing)}: expected "
                         f"{', '.join(CORPUS_FIELDS)}; found {', '.join(map(repr, header))}"))
    if problems:
        return [], problems
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append((start, "", f"cannot be read as CSV from here on: {exc}"))
            break
        if not row:
            continue  # a blank line is no record
        values = dict(zip(header, row))
        raw = _Raw(file=name, line=start, fields=values, id=f"{Path(name).stem}:{start}")
        if len(row) != len(header):
            raw.problems.append(("", f"has {len(row)} field(s) but the header has {len(header)}; "
                                 "quote fields that contain the delimiter"))
        for column, value in zip(header, row):
            if len(value) > CSV_FIELD_LIMIT:
                lines = value.count("\n") + (not value.endswith("\n"))
                raw.problems.append((column, (
                    f"holds {len(value):,} characters over {lines:,} line(s), more than the {CSV_FIELD_LIMIT:,} a CSV "
                    "field may hold by default: if a quotation mark was left open, the records after it were read "
                    "into this field (check the quoting); if the text really is this long, give it as a .txt file "
                    "or in JSON Lines")))
        if "id" in values:
            raw.id = values["id"].strip()
        records.append(raw)
    return records, problems


def load_corpus(path: str | os.PathLike, *, errors: str = "raise") -> pd.DataFrame | CorpusLoad:
    """Load your own collection of articles, checking every record.

    Three layouts are read, chosen by what ``path`` is:

    * **a folder of ``.txt`` files** (subfolders included), one article per file, UTF-8. A file
      may open with YAML front matter between two ``---`` lines giving ``title``, ``outlet``,
      ``date`` and any other fields; the text is everything below it, unchanged. Fields the
      front matter leaves out are taken, where possible, from the file's place: ``outlet`` from
      the name of the subfolder holding it, ``date`` from a name starting ``YYYY-MM-DD``,
      ``title`` from the file name. ``id`` is the front matter's ``id`` or the file's path
      without ``.txt``. Lines may end in LF, CRLF or CR alone. Hidden files and folders are
      skipped; so are notices named ``README*``, ``LICENSE*`` or ``LICENCE*`` (in any case,
      e.g. ``README.txt``, ``readme.md``) and manifests (``x.txt.yml``), which ``errors="report"``
      lists in ``.skipped``. Any other file is read or reported: a file that is not ``.txt``, a
      broken link, a link to a folder (not followed) and a folder that cannot be listed are
      problems.
    * **a CSV file** (``.csv``, or ``.tsv`` for tab-separated) with a header naming at least
      the columns ``title, outlet, date, text``; an ``id`` column is optional. A field longer
      than :data:`CSV_FIELD_LIMIT` characters is read, the rest of the file too, but reported:
      it is most often a quotation mark left open.
    * **a JSON Lines file** (``.jsonl`` or ``.ndjson``): one JSON object per line with those keys.

    Other columns or keys are kept. Every record is checked: the file is UTF-8 (a byte-order
    mark is fine; UTF-16, with or without its byte-order mark, is reported), ``title``, ``outlet``, ``date`` and ``text`` are present and not empty,
    ``date`` is a real date written ``YYYY-MM-DD`` (a time after it is allowed and ignored),
    no two records share an ``id``, and no two records hold the same text.

    Args:
        path: the folder or file.
        errors: ``"raise"`` (the default) raises one :class:`~medialit.errors.CorpusError`
            listing every problem; ``"report"`` returns the good records and the problems.

    Returns:
        With ``errors="raise"``, a DataFrame with one row per article: ``id``, ``title``,
        ``outlet``, ``date`` (a pandas datetime), ``text``, any other fields, and ``file`` and
        ``line`` (where the record is). With ``errors="report"``, a :class:`CorpusLoad` holding
        that table as ``.records``, a table of problems (``file``, ``line``, ``id``,
        ``field``, ``problem``) as ``.problems`` and the files skipped on purpose as ``.skipped``. Records keep the order of the input (files
        sorted by path). Of records sharing an id or a text, the first is kept and the others
        are reported.

    Raises:
        TypeError: ``path`` is not a string or path, or ``errors`` is not a string.
        ValueError: ``errors`` is neither ``"raise"`` nor ``"report"``.
        CorpusError: ``path`` does not exist, cannot be reached (``~name`` of an unknown user, a
            folder on the way that you may not enter) or is of a kind the loader does not read; or,
            with ``errors="raise"``, any record is bad or there are no records. The error's
            ``problems`` attribute is the problems table; its message lists the first
            :data:`MESSAGE_PROBLEMS` problems, each with its file and line.

    Caveats:
        The checks are about form, not content: a well-formed record can still hold the wrong
        article. Texts that differ by one character are not caught as duplicates.

    >>> from medialit.resources import data_path
    >>> corpus = load_corpus(data_path("corpora", "example"))
    >>> list(corpus.columns[:5])
    ['id', 'title', 'outlet', 'date', 'text']
    >>> corpus["text"].iloc[0] == load_article(corpus["alias"].iloc[0]).text
    True
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"load_corpus expects a folder or file path (str or pathlib.Path); got {type(path).__name__}.")
    if not isinstance(errors, str):
        raise TypeError(f"errors must be 'raise' or 'report'; got {type(errors).__name__}.")
    if errors not in ("raise", "report"):
        raise ValueError(f"errors must be 'raise' or 'report'; got {errors!r}.")
    root, mode = _reach(path)
    file_problems: list[dict[str, Any]] = []
    raws: list[_Raw] = []
    skipped: list[tuple[str, str]] = []
    if stat.S_ISDIR(mode):
        texts, others, skipped = _corpus_files(root)
        raws = [_read_txt(p, root) for p in texts]
        file_problems += [_problem_row(name, 1, "", "", problem) for name, problem in others]
        where = f"the folder {root}"
    elif stat.S_ISREG(mode):
        kind = CORPUS_SUFFIXES.get(root.suffix.lower())
        if kind is None:
            raise CorpusError(
                f"load_corpus reads a folder of .txt files, a .csv/.tsv file or a .jsonl file; got {root} "
                f"(a {root.suffix or 'suffix-less'} file). Export your data to one of these formats."
            )
        try:
            data = root.read_bytes()
        except OSError as exc:
            raise CorpusError(f"Cannot read {root}: {exc.strerror or exc}.") from exc
        text, whole = _decode(data)
        if whole:
            file_problems.append(_problem_row(root.name, 1, "", "", whole))
        elif kind == "jsonl":
            raws = _read_jsonl(text, root.name)
        else:
            raws, problems = _read_csv(text, root.name, "\t" if root.suffix.lower() == ".tsv" else ",")
            file_problems += [_problem_row(root.name, line, "", f, p) for line, f, p in problems]
        where = str(root)
    else:
        raise CorpusError(f"load_corpus was given {str(path)!r}, which is neither a folder nor a file (a pipe, "
                          "socket or device?): give a folder of .txt files, a .csv file or a .jsonl file.")

    good: list[dict[str, Any]] = []
    seen_ids: dict[str, _Raw] = {}
    seen_texts: dict[str, _Raw] = {}
    for raw in raws:
        record = _validate(raw)
        first = seen_ids.get(raw.id)
        if first is not None:
            raw.problems.append(("id", f"repeats the id {raw.id!r} of {first.file} line {first.line}; ids must be unique"))
            record = None
        if record is not None:
            twin = seen_texts.get(record["text"])
            if twin is not None:
                raw.problems.append(("text", f"has the same text as {twin.file} line {twin.line} (id {twin.id!r}); "
                                     "remove one copy"))
                record = None
        if record is not None:
            seen_ids[raw.id] = raw
            seen_texts[record["text"]] = raw
            good.append(record)
        else:
            seen_ids.setdefault(raw.id, raw)
    rows = file_problems + [_problem_row(r.file, r.line, r.id, f, p) for r in raws for f, p in r.problems]
    if not raws and not file_problems:
        rows.append(_problem_row(root.name if stat.S_ISREG(mode) else ".", 1, "", "",
                                 "holds no records" + (" (no .txt files)" if stat.S_ISDIR(mode) else "")))
    problems = pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS))
    problems = problems.sort_values(["file", "line"], kind="stable").reset_index(drop=True)
    problems["line"] = problems["line"].astype("int64")
    records = _records_frame(good)
    if errors == "report":
        return CorpusLoad(records=records, problems=problems,
                          skipped=pd.DataFrame(skipped, columns=list(SKIPPED_COLUMNS)))
    if not problems.empty:
        shown = problems.head(MESSAGE_PROBLEMS)
        lines = [f"  {r.file}, line {r.line}" + (f" (id {r.id!r})" if r.id else "") + (f", {r.field}" if r.field else "")
                 + f": {r.problem}" for r in shown.itertuples()]
        more = len(problems) - len(shown)
        tail = (f"\n  ... and {more} more; the error's .problems table lists them all." if more else "")
        error = CorpusError(
            f"{where} has {len(problems)} problem(s) in {problems[['file', 'line']].drop_duplicates().shape[0]} "
            f"record(s) or file(s); {len(records)} record(s) are fine. Fix these, or call "
            f"load_corpus(..., errors='report') to get the good records and a table of the bad ones:\n"
            + "\n".join(lines) + tail
        )
        error.problems = problems  # type: ignore[attr-defined]
        raise error
    return records


def _reach(path: str | os.PathLike) -> tuple[Path, int]:
    """The path with ``~`` expanded, and its file mode; a :class:`CorpusError` when it cannot be reached."""
    try:
        root = Path(path).expanduser()
    except RuntimeError as exc:  # ~name of a user this computer does not know, or no home folder
        raise CorpusError(f"load_corpus was given {str(path)!r}, but its '~' cannot be expanded ({exc}): "
                          "'~name' means the home folder of the user 'name'. Give the full path instead.") from exc
    try:
        return root, root.stat().st_mode
    except (FileNotFoundError, NotADirectoryError, ValueError) as exc:  # ValueError: a NUL in the path
        raise CorpusError(f"load_corpus was given {str(path)!r}, which does not exist: give a folder of .txt "
                          "files, a .csv file or a .jsonl file.") from exc
    except PermissionError as exc:
        raise CorpusError(f"load_corpus cannot reach {str(path)!r}: permission denied ({exc.strerror}), for it or "
                          "for a folder on the way to it. Give yourself permission to read the folders, or copy "
                          "the corpus somewhere you can read.") from exc
    except OSError as exc:  # a link that loops, a name too long, ...
        raise CorpusError(f"load_corpus cannot reach {str(path)!r}: {exc.strerror or exc}.") from exc


def _records_frame(good: list[dict[str, Any]]) -> pd.DataFrame:
    extras: list[str] = []
    for record in good:
        for key in record:
            if key not in ("id", *CORPUS_FIELDS, *PROVENANCE_COLUMNS) and key not in extras:
                extras.append(key)
    columns = ["id", *CORPUS_FIELDS, *extras, *PROVENANCE_COLUMNS]
    frame = pd.DataFrame(good, columns=columns)
    # Seconds, not nanoseconds: a nanosecond datetime cannot hold dates before 1677.
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[s]")
    frame["line"] = frame["line"].astype("int64")
    return frame


# --- corpora the kit ships ---------------------------------------------------------------------
#
# A corpus of hundreds of articles has one manifest for the whole folder, beside it and named
# after it (``data/corpora/wikinews/`` -> ``data/corpora/wikinews.yml``), listing every file with
# its sha256 under ``files:``. Its ``sha256`` field is the checksum of that listing written as
# ``sha256sum`` writes it (``<hash>  <name>`` lines, sorted by name), so one value pins the corpus.


def folder_listing(folder: Path) -> dict[str, str]:
    """sha256 of every file in ``folder`` (subfolders included), by path relative to it, sorted.

    Hidden files are skipped.
    """
    folder = Path(folder)
    return {path.relative_to(folder).as_posix(): sha256_of(path)
            for path in sorted(folder.rglob("*"))
            if path.is_file() and not any(p.startswith(".") for p in path.relative_to(folder).parts)}


def listing_sha256(files: dict[str, str]) -> str:
    """The checksum of a listing of files, computed on its ``sha256sum`` form.

    >>> listing_sha256({"b.txt": "2" * 64, "a.txt": "1" * 64}) == hashlib.sha256(
    ...     ("1" * 64 + "  a.txt\\n" + "2" * 64 + "  b.txt\\n").encode()).hexdigest()
    True
    """
    lines = "".join(f"{digest}  {name}\n" for name, digest in sorted(files.items()))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def verify_folder(folder: Path) -> dict[str, Any]:
    """Check every file of a shipped corpus folder against the folder's manifest; return it.

    Raises:
        ManifestError: no valid manifest beside the folder, or it has no ``files:`` mapping.
        ChecksumError: a file was added, removed or altered, or the listing's own checksum
            differs from the manifest's ``sha256``. The message names every such file.
    """
    folder = Path(folder)
    meta = read_manifest(folder)
    listed = meta.get("files")
    if not isinstance(listed, dict) or not listed:
        raise ManifestError(f"The manifest {manifest_path(folder)} should list the folder's files under "
                            "'files:' (name: sha256), one per line.")
    actual = folder_listing(folder)
    problems = []
    for name in sorted(set(listed) | set(actual)):
        if name not in actual:
            problems.append(f"{name} is listed but missing")
        elif name not in listed:
            problems.append(f"{name} is in the folder but not listed")
        elif str(listed[name]).lower() != actual[name]:
            problems.append(f"{name} has been altered (sha256 {actual[name]}, manifest {listed[name]})")
    if not problems and listing_sha256({k: str(v).lower() for k, v in listed.items()}) != str(meta["sha256"]).lower():
        problems.append("the 'files:' listing does not match the manifest's sha256")
    if problems:
        shown = "\n  ".join(problems[:20]) + (f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else "")
        raise ChecksumError(
            f"{folder} differs from its manifest {manifest_path(folder).name}:\n  {shown}\n"
            "Restore the folder (git checkout -- data/) or, if the change is deliberate, rebuild it with "
            "its tool (the manifest's 'made_by') so that the manifest is rewritten too."
        )
    return meta


def kit_corpora() -> list[str]:
    """Names of the corpora the kit ships with a folder manifest (for :func:`load_kit_corpus`).

    >>> "wikinews" in kit_corpora()
    True
    """
    folder = data_dir() / "corpora"
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and manifest_path(p).is_file())


def load_kit_corpus(name: str) -> pd.DataFrame:
    """Load a corpus the kit ships, after checking every file against the folder's manifest.

    The corpus is read by :func:`load_corpus`, so the table is the one your own corpus gives:
    ``id``, ``title``, ``outlet``, ``date``, ``text``, the other front-matter fields, ``file``
    and ``line``.

    Args:
        name: the folder under ``data/corpora/``, e.g. ``"wikinews"``; see :func:`kit_corpora`.

    Raises:
        TypeError: ``name`` is not a string.
        ArticleNotFoundError: no such corpus.
        ManifestError, ChecksumError: the folder differs from its manifest.

    >>> wikinews = load_kit_corpus("wikinews")
    >>> wikinews["outlet"].unique().tolist()
    ['Wikinews']
    >>> wikinews["licence"].unique().tolist()
    ['CC BY 2.5']
    """
    if not isinstance(name, str):
        raise TypeError(f"load_kit_corpus expects a corpus name as a string, e.g. 'wikinews'; got {type(name).__name__}.")
    folder = data_dir() / "corpora" / name
    if not folder.is_dir() or not manifest_path(folder).is_file():
        raise ArticleNotFoundError(f"No corpus named {name!r} under {data_dir() / 'corpora'}. "
                                   f"Known corpora: {', '.join(kit_corpora()) or 'none'}.")
    verify_folder(folder)
    return load_corpus(folder)


# --- near duplicates ---------------------------------------------------------------------------
#
# Wire copy is republished by many outlets, often trimmed or lightly edited; a corpus that counts
# it twice counts one newsroom's words twice. load_corpus reports texts that are identical; this
# finds texts that are nearly so, by comparing their sets of word shingles (every run of k words).

NEAR_DUPLICATE_COLUMNS = ("id_a", "id_b", "jaccard", "containment", "shared_shingles")
_SHINGLE_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


def shingles(text: str, *, size: int = 5) -> set[tuple[str, ...]]:
    """The set of word shingles of a text: every run of ``size`` consecutive words, lower-cased.

    >>> sorted(shingles("The group said it. The group said so.", size=3))[:2]
    [('group', 'said', 'it'), ('group', 'said', 'so')]
    """
    if not isinstance(text, str):
        raise TypeError(f"shingles expects a text string; got {type(text).__name__}.")
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise ValueError(f"size must be a whole number of words, 1 or more; got {size!r}.")
    words = [w.lower().replace("\u2019", "'") for w in _SHINGLE_WORD.findall(text)]
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def near_duplicates(corpus: pd.DataFrame, *, size: int = 5, min_jaccard: float = 0.5,
                    min_containment: float = 0.8) -> pd.DataFrame:
    """Pairs of articles whose texts are nearly the same: reported, never dropped.

    Each text becomes its set of word shingles (:func:`shingles`). For two texts A and B,

    * **Jaccard similarity** = |A ∩ B| / |A ∪ B|: 1 for the same text, near 0 for unrelated ones;
    * **containment** = |A ∩ B| / min(|A|, |B|): near 1 when the shorter text is (almost) all
      inside the longer, as a trimmed copy of a wire story is.

    A pair is reported when either reaches its threshold.

    Args:
        corpus: a table with ``id`` and ``text`` columns, as :func:`load_corpus` returns.
        size: words per shingle. Smaller finds more shared phrasing (and more chance matches).
        min_jaccard: report pairs at least this similar ...
        min_containment: ... or with at least this much of the shorter text inside the longer.

    Returns:
        One row per pair, most similar first: ``id_a``, ``id_b`` (``id_a`` is the earlier in the
        corpus), ``jaccard``, ``containment`` and ``shared_shingles``.

    Raises:
        TypeError: ``corpus`` is not a DataFrame.
        ValueError: it lacks ``id`` or ``text``, or a threshold is not between 0 and 1.

    Caveats:
        Similar wording is not the same source: two reports of one press release share phrasing
        without one copying the other, and a rewritten wire story shares little. Texts shorter than
        ``size`` words have no shingles and are never reported. Read the pairs before deciding
        what to do with them; the function decides nothing.

    >>> table = pd.DataFrame({"id": ["a", "b", "c"], "text": [
    ...     "Officials said the blast killed five people near the station on Monday.",
    ...     "Officials said the blast killed five people near the station on Monday evening.",
    ...     "A court in Paris jailed two officers."]})
    >>> near_duplicates(table)[["id_a", "id_b"]].values.tolist()
    [['a', 'b']]
    """
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(f"near_duplicates expects a DataFrame with id and text columns (as load_corpus returns); "
                        f"got {type(corpus).__name__}.")
    missing = [c for c in ("id", "text") if c not in corpus.columns]
    if missing:
        raise ValueError(f"near_duplicates needs the column(s) {', '.join(missing)}; the table has "
                         f"{', '.join(map(str, corpus.columns))}.")
    for label, value in (("min_jaccard", min_jaccard), ("min_containment", min_containment)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ValueError(f"{label} must be a number between 0 and 1; got {value!r}.")
    ids = [str(i) for i in corpus["id"]]
    sets = [shingles(str(t), size=size) for t in corpus["text"]]
    index: dict[tuple[str, ...], list[int]] = {}
    for number, found in enumerate(sets):
        for shingle in found:
            index.setdefault(shingle, []).append(number)
    shared: dict[tuple[int, int], int] = {}
    for holders in index.values():
        if len(holders) > 1:
            for i, a in enumerate(holders):
                for b in holders[i + 1:]:
                    shared[(a, b)] = shared.get((a, b), 0) + 1
    rows = []
    for (a, b), common in shared.items():
        union = len(sets[a]) + len(sets[b]) - common
        jaccard = common / union
        containment = common / min(len(sets[a]), len(sets[b]))
        if jaccard >= min_jaccard or containment >= min_containment:
            rows.append({"id_a": ids[a], "id_b": ids[b], "jaccard": round(jaccard, 3),
                         "containment": round(containment, 3), "shared_shingles": common})
    table = pd.DataFrame(rows, columns=list(NEAR_DUPLICATE_COLUMNS))
    table = table.sort_values(["jaccard", "containment", "id_a", "id_b"], ascending=[False, False, True, True])
    return table.reset_index(drop=True).astype({"shared_shingles": "int64"})
