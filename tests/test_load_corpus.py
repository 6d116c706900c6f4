"""medialit.corpus.load_corpus: reading a user's own corpus, every record loaded or reported."""
from __future__ import annotations

import contextlib
import csv
import datetime
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medialit.corpus import (
    CORPUS_FIELDS,
    MESSAGE_PROBLEMS,
    PROBLEM_COLUMNS,
    CorpusLoad,
    load_article,
    load_corpus,
)
from medialit.errors import CorpusError, MedialitError
from medialit.resources import data_path

GOOD = {"title": "A headline", "outlet": "The Daily Example", "date": "2024-03-25", "text": "Officials said it."}


def write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def write_csv(path: Path, records: list[dict], columns=None) -> Path:
    columns = columns or list(records[0])
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def write_txt(path: Path, meta: dict | None, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    front = "" if meta is None else "---\n" + yaml.safe_dump(meta, sort_keys=False) + "---\n"
    path.write_text(front + body, encoding="utf-8")
    return path


# --- the example corpus -----------------------------------------------------------------------

def test_example_corpus_loads_in_all_three_formats_identically():
    folder = load_corpus(data_path("corpora", "example"))
    jsonl = load_corpus(data_path("corpora", "example.jsonl"))
    table = load_corpus(data_path("corpora", "example.csv"))
    assert len(folder) == 7
    assert list(folder.columns[:5]) == ["id", *CORPUS_FIELDS]
    assert list(folder.columns[-2:]) == ["file", "line"]
    content = folder.drop(columns=["file", "line"])
    pd.testing.assert_frame_equal(content, jsonl.drop(columns=["file", "line"]))
    pd.testing.assert_frame_equal(content, table.drop(columns=["file", "line"]))
    assert list(jsonl["line"]) == list(range(1, 8))
    assert folder["id"].is_unique and sorted(folder["outlet"].unique()) == ["U.S. Department of State", "Voice of America"]


def test_example_corpus_bodies_are_the_unchanged_public_domain_texts():
    corpus = load_corpus(data_path("corpora", "example"))
    for row in corpus.itertuples():
        article = load_article(row.alias)
        assert row.text == article.text, f"{row.file} differs from load_article({row.alias!r}).text"
        assert "public domain" in article.meta["licence"].lower(), f"{row.alias} is not a public-domain text"


def test_example_dates_are_datetimes_in_order():
    corpus = load_corpus(data_path("corpora", "example"))
    assert pd.api.types.is_datetime64_any_dtype(corpus["date"])
    assert corpus["date"].iloc[0] == pd.Timestamp("2016-06-02")
    assert corpus["date"].is_monotonic_increasing  # files are read sorted, and named by date


# --- the three formats ------------------------------------------------------------------------

def test_folder_front_matter_is_optional_outlet_from_subfolder_date_from_name(tmp_path):
    write_txt(tmp_path / "Daily Example" / "2024-01-05_story.txt", None, "Body one.\n")
    write_txt(tmp_path / "other.txt", {**{k: v for k, v in GOOD.items() if k != "text"}, "author": "R. Porter"}, "Body two.")
    corpus = load_corpus(tmp_path)
    first = corpus.set_index("id").loc["Daily Example/2024-01-05_story"]
    assert first["outlet"] == "Daily Example" and first["date"] == pd.Timestamp("2024-01-05")
    assert first["title"] == "2024-01-05_story" and first["text"] == "Body one.\n"
    second = corpus.set_index("id").loc["other"]
    assert second["text"] == "Body two." and second["author"] == "R. Porter"


def test_front_matter_body_is_kept_byte_for_byte(tmp_path):
    body = "\n  Indented first line,\r\nCRLF line and trailing spaces   \n\n"
    path = tmp_path / "a.txt"
    path.write_bytes(("---\n" + yaml.safe_dump(GOOD | {"text": None}).replace("text: null\n", "") + "---\n").encode()
                     + body.encode("utf-8"))
    assert load_corpus(tmp_path)["text"].iloc[0] == body


def test_manifests_readme_and_hidden_files_are_skipped_other_files_reported(tmp_path):
    write_txt(tmp_path / "a.txt", {k: v for k, v in GOOD.items() if k != "text"}, "Body.")
    (tmp_path / "a.txt.yml").write_text("source: x\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("notes", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    assert len(load_corpus(tmp_path)) == 1
    (tmp_path / "b.docx").write_bytes(b"PK\x03\x04")
    records, problems = load_corpus(tmp_path, errors="report")
    assert len(records) == 1
    assert problems["file"].tolist() == ["b.docx"] and "not a .txt file" in problems["problem"].iloc[0]


def test_csv_keeps_extra_columns_and_multiline_text(tmp_path):
    rows = [GOOD | {"text": "Line one.\nLine two, with a comma.", "url_note": "print edition"},
            GOOD | {"title": "Second", "text": "Other.", "url_note": ""}]
    corpus = load_corpus(write_csv(tmp_path / "c.csv", rows))
    assert corpus["text"].iloc[0] == "Line one.\nLine two, with a comma."
    assert corpus["url_note"].tolist() == ["print edition", ""]
    assert corpus["line"].tolist() == [2, 4]  # the first record spans lines 2-3


def test_tsv_is_read_with_tabs(tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text("title\toutlet\tdate\ttext\nT\tO\t2024-01-01\tA text, with commas.\n", encoding="utf-8")
    assert load_corpus(path)["text"].tolist() == ["A text, with commas."]


def test_jsonl_with_ids_and_a_bom(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD | {"id": "x1"}).encode() + b"\n\n")
    corpus = load_corpus(path)
    assert corpus["id"].tolist() == ["x1"] and corpus["line"].tolist() == [1]


def test_a_time_after_the_date_is_allowed_and_ignored(tmp_path):
    corpus = load_corpus(write_jsonl(tmp_path / "c.jsonl", [GOOD | {"date": "2024-03-25T14:05:00Z"}]))
    assert corpus["date"].iloc[0] == pd.Timestamp("2024-03-25")


# --- every problem is reported with its file and line -----------------------------------------

BAD_RECORDS = [
    (GOOD | {"date": "25/03/2024"}, "date", "YYYY-MM-DD"),
    (GOOD | {"date": "2023-02-29"}, "date", "not a real date"),
    (GOOD | {"text": "   \n"}, "text", "empty text"),
    ({k: v for k, v in GOOD.items() if k != "outlet"}, "outlet", "no outlet"),
    (GOOD | {"title": ["a", "list"]}, "title", "should be text"),
    (GOOD | {"file": "mine.txt"}, "file", "reserved"),
    (GOOD | {"id": ""}, "id", "empty id"),
]


@pytest.mark.parametrize("record, fieldname, message", BAD_RECORDS, ids=[m for _, _, m in BAD_RECORDS])
def test_bad_record_is_reported_with_line_and_field(tmp_path, record, fieldname, message):
    path = write_jsonl(tmp_path / "c.jsonl", [GOOD, record, GOOD | {"title": "Third", "text": "Another text."}])
    records, problems = load_corpus(path, errors="report")
    assert records["line"].tolist() == [1, 3]
    assert problems[["file", "line", "field"]].values.tolist() == [["c.jsonl", 2, fieldname]]
    assert message in problems["problem"].iloc[0]
    with pytest.raises(CorpusError, match=rf"c\.jsonl, line 2.*{fieldname}: .*{message}") as caught:
        load_corpus(path)
    assert "2 record(s) are fine" in str(caught.value)
    pd.testing.assert_frame_equal(caught.value.problems, problems)


def test_one_error_lists_every_bad_record(tmp_path):
    rows = [GOOD | {"title": f"T{i}", "text": f"Text {i}.", "date": "soon" if i % 2 else "2024-01-01"} for i in range(6)]
    path = write_csv(tmp_path / "c.csv", rows)
    with pytest.raises(CorpusError) as caught:
        load_corpus(path)
    for line in (3, 5, 7):
        assert f"c.csv, line {line} (id 'c:{line}'), date:" in str(caught.value)
    assert "line 2 " not in str(caught.value)


def test_the_message_is_capped_but_the_problems_table_is_complete(tmp_path):
    rows = [GOOD | {"title": f"T{i}", "text": f"Text {i}.", "date": "bad"} for i in range(MESSAGE_PROBLEMS + 5)]
    with pytest.raises(CorpusError, match=r"\.\.\. and 5 more; the error's \.problems table") as caught:
        load_corpus(write_jsonl(tmp_path / "c.jsonl", rows))
    assert len(caught.value.problems) == MESSAGE_PROBLEMS + 5


def test_duplicate_ids_and_texts_keep_the_first_and_report_the_rest(tmp_path):
    rows = [GOOD | {"id": "a"}, GOOD | {"id": "a", "text": "Other."}, GOOD | {"id": "b"}]
    records, problems = load_corpus(write_jsonl(tmp_path / "c.jsonl", rows), errors="report")
    assert records["id"].tolist() == ["a"]
    assert problems["line"].tolist() == [2, 3]
    assert "repeats the id 'a' of c.jsonl line 1" in problems["problem"].iloc[0]
    assert "same text as c.jsonl line 1" in problems["problem"].iloc[1]


def test_folder_ids_from_front_matter_must_be_unique(tmp_path):
    meta = {k: v for k, v in GOOD.items() if k != "text"} | {"id": "same"}
    write_txt(tmp_path / "a.txt", meta, "One.")
    write_txt(tmp_path / "b.txt", meta, "Two.")
    with pytest.raises(CorpusError, match=r"b\.txt, line 1 \(id 'same'\), id: repeats the id 'same' of a\.txt"):
        load_corpus(tmp_path)


@pytest.mark.parametrize("data, message", [
    ("\ufeffhello".encode("utf-16"), "UTF-16"),
    ("Caf\u00e9 news".encode("cp1252"), r"not valid UTF-8 \(byte 0xE9"),
])
def test_encoding_problems_are_named(tmp_path, data, message):
    (tmp_path / "a.txt").write_bytes(data)
    with pytest.raises(CorpusError, match=rf"a\.txt, line 1.*{message}"):
        load_corpus(tmp_path)


def test_a_latin1_row_in_a_csv_is_reported_by_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(b"title,outlet,date,text\nA,B,2024-01-01,fine\nC,D,2024-01-01,caf\xe9\n")
    records, problems = load_corpus(path, errors="report")
    assert records["line"].tolist() == [2]
    assert problems[["line", "field"]].values.tolist() == [[3, "text"]]


def test_csv_header_without_required_columns_is_one_problem(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("Title,outlet,text\nA,B,C\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"lacks the column\(s\) title, date.*found 'Title', 'outlet', 'text'"):
        load_corpus(path)


def test_broken_front_matter_is_reported(tmp_path):
    (tmp_path / "open.txt").write_text("---\ntitle: x\nbody without a closing line\n", encoding="utf-8")
    (tmp_path / "yaml.txt").write_text("---\ntitle: [unclosed\n---\nBody\n", encoding="utf-8")
    (tmp_path / "date.txt").write_text("---\ndate: 2024-02-30\n---\nBody\n", encoding="utf-8")
    _, problems = load_corpus(tmp_path, errors="report")
    by_file = dict(zip(problems["file"], problems["problem"]))
    assert "never closes" in by_file["open.txt"]
    assert "cannot be read as YAML" in by_file["yaml.txt"]
    assert "2024-02-30" in by_file["date.txt"]
    assert len(problems) == 3  # an unreadable record is one problem, not one per field


def test_empty_inputs_are_problems_not_empty_tables(tmp_path):
    with pytest.raises(CorpusError, match="holds no records"):
        load_corpus(tmp_path)
    (tmp_path / "c.jsonl").write_text("\n\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="holds no records"):
        load_corpus(tmp_path / "c.jsonl")
    (tmp_path / "d.csv").write_text("", encoding="utf-8")
    with pytest.raises(CorpusError, match="no header line"):
        load_corpus(tmp_path / "d.csv")


def test_report_mode_returns_a_result_object(tmp_path):
    result = load_corpus(write_jsonl(tmp_path / "c.jsonl", [GOOD]), errors="report")
    assert isinstance(result, CorpusLoad) and result.ok
    assert repr(result) == "CorpusLoad(records=1, problems=0)"
    assert list(result.problems.columns) == list(PROBLEM_COLUMNS)


def test_bad_arguments(tmp_path):
    with pytest.raises(TypeError, match="got int"):
        load_corpus(3)
    with pytest.raises(ValueError, match="'raise' or 'report'; got 'ignore'"):
        load_corpus(tmp_path, errors="ignore")
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nowhere")
    (tmp_path / "a.docx").write_bytes(b"")
    with pytest.raises(CorpusError, match=r"a \.docx file"):
        load_corpus(tmp_path / "a.docx")


# --- property tests: random bytes, encodings and shapes ---------------------------------------

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = st.sampled_from([".csv", ".tsv", ".jsonl", "folder"])


def _load_both_ways(path):
    """Load in both modes; only the kit's documented errors may escape, and the modes must agree."""
    result = load_corpus(path, errors="report")  # must not raise at all for an existing, readable path
    assert isinstance(result, CorpusLoad)
    assert list(result.problems.columns) == list(PROBLEM_COLUMNS)
    try:
        records = load_corpus(path)
    except CorpusError as exc:
        assert not result.problems.empty
        pd.testing.assert_frame_equal(exc.problems, result.problems)
    else:
        assert result.problems.empty
        pd.testing.assert_frame_equal(records, result.records)
    return result


@SETTINGS
@given(data=st.binary(max_size=400), suffix=SUFFIXES)
def test_random_bytes_raise_only_corpus_errors(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        if suffix == "folder":
            (Path(tmp) / "a.txt").write_bytes(data)
            path = Path(tmp)
        else:
            path = Path(tmp) / f"c{suffix}"
            path.write_bytes(data)
        result = _load_both_ways(path)
        assert len(result.records) + result.problems[["file", "line"]].drop_duplicates().shape[0] >= 1


text_values = st.one_of(st.none(), st.text(max_size=12), st.integers(), st.just(""), st.just("  "),
                        st.lists(st.integers(), max_size=2))
date_values = st.one_of(st.dates().map(str), st.text(max_size=12), st.none(),
                        st.sampled_from(["2024-02-30", "2024-13-01", "24-03-25", "2024-03-25T10:00"]))
records_st = st.lists(
    st.fixed_dictionaries(
        {},
        optional={"title": text_values, "outlet": text_values, "date": date_values,
                  "text": st.one_of(st.text(max_size=30), st.sampled_from(["same", "same", ""])),
                  "id": st.sampled_from(["a", "b", "a", ""]), "extra": text_values},
    ),
    max_size=6,
)
# utf-16-le and utf-16-be write no byte-order mark: the loader must notice them all the same.
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252"])


def _expected_good(record) -> bool:
    """An independent statement of the rules, for records whose fields are plain values."""
    def text_ok(v):
        return (isinstance(v, str) and v.strip() != "") or (isinstance(v, int) and not isinstance(v, bool))
    if not all(text_ok(record.get(k)) for k in ("title", "outlet")):
        return False
    if not (isinstance(record.get("text"), str) and record["text"].strip()):
        return False
    if any(isinstance(v, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in v) for v in record.values()):
        return False
    if "id" in record and not str(record["id"]).strip():
        return False
    date = record.get("date")
    if not isinstance(date, str) or len(date) < 10 or not date[:4].isdigit():
        return False
    try:
        datetime.date.fromisoformat(date[:10])
    except ValueError:
        return False
    rest = date[10:]
    return rest == "" or (rest[0] in "T " and all(c in "0123456789:.+-Z" for c in rest[1:]))


@SETTINGS
@given(records=records_st, encoding=ENCODINGS, blank_lines=st.booleans())
def test_jsonl_every_record_is_loaded_or_reported(records, encoding, blank_lines):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.jsonl"
        lines = [json.dumps(r, ensure_ascii=False) for r in records]
        if blank_lines:
            lines = [x for line in lines for x in (line, "")]
        try:
            path.write_bytes(("\n".join(lines) + "\n").encode(encoding, errors="surrogatepass"))
        except UnicodeEncodeError:
            return  # latin-1 cannot hold this text; another example will
        result = _load_both_ways(path)
        record_lines = {i + 1 for i, line in enumerate(lines) if line.strip()}
        loaded = set(result.records["line"])
        reported = set(result.problems["line"])
        if encoding.startswith("utf-16"):
            assert result.records.empty and "UTF-16" in result.problems["problem"].iloc[0]
            return
        assert loaded | reported == (record_lines or {1}), "a record was neither loaded nor reported"
        assert not loaded & reported, "a record was both loaded and reported"
        if encoding in ("utf-8", "utf-8-sig"):
            seen_ids, seen_texts, expected = set(), set(), []
            for line, record in zip(sorted(record_lines), records):
                rid = str(record["id"]) if "id" in record else f"c:{line}"
                good = _expected_good(record) and rid not in seen_ids and record["text"] not in seen_texts
                if good:
                    seen_texts.add(record["text"])
                    expected.append(line)
                seen_ids.add(rid)
            assert sorted(loaded) == expected


@SETTINGS
@given(records=records_st, encoding=ENCODINGS)
def test_csv_every_record_is_loaded_or_reported(records, encoding):
    columns = ["id", "title", "outlet", "date", "text", "extra"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.csv"
        buf = io.StringIO(newline="")
        writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        try:
            path.write_bytes(buf.getvalue().encode(encoding, errors="surrogatepass"))
        except UnicodeEncodeError:
            return
        result = _load_both_ways(path)
        if encoding.startswith("utf-16"):
            assert result.records.empty and len(result.problems) == 1 and "UTF-16" in result.problems["problem"].iloc[0]
            return
        # each record starts on a line of its own; count them by re-reading what was written
        reader = csv.reader(io.StringIO(buf.getvalue(), newline=""))
        next(reader)
        starts = []
        while True:
            start = reader.line_num + 1
            row = next(reader, None)
            if row is None:
                break
            if row:
                starts.append(start)
        loaded, reported = set(result.records["line"]), set(result.problems["line"])
        assert loaded | reported == (set(starts) or {1})
        assert not loaded & reported


@SETTINGS
@given(records=records_st, encoding=ENCODINGS, front_matter=st.booleans(), newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_folder_every_file_is_loaded_or_reported(records, encoding, front_matter, newline):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        names = []
        for i, record in enumerate(records):
            meta = {k: v for k, v in record.items() if k != "text"}
            body = record.get("text") or ""
            front = ("---\n" + yaml.safe_dump(meta) + "---\n").replace("\n", newline)
            source = (front + body) if front_matter else body
            try:
                data = source.encode(encoding, errors="surrogatepass")
            except UnicodeEncodeError:
                continue
            (root / f"{i}.txt").write_bytes(data)
            names.append(f"{i}.txt")
        result = _load_both_ways(root)
        loaded, reported = set(result.records["file"]), set(result.problems["file"])
        assert loaded | reported == (set(names) or {"."})
        assert not loaded & reported
        if front_matter and encoding in ("utf-8", "utf-8-sig") and len(names) == len(records):
            # whatever the line ends, a good record's front matter is read and the record loaded
            seen_ids, seen_texts = set(), set()
            for i, record in enumerate(records):
                rid = str(record["id"]) if "id" in record else str(i)
                good = (_expected_good({"title": str(i)} | record) and rid not in seen_ids
                        and record["text"] not in seen_texts)
                if good:
                    seen_texts.add(record["text"])
                    assert f"{i}.txt" in loaded, f"{i}.txt should load: {record!r}"
                seen_ids.add(rid)


def test_errors_are_the_kits_own():
    assert issubclass(CorpusError, MedialitError) and issubclass(CorpusError, ValueError)


def test_readme_and_licence_notices_are_skipped_even_as_txt(tmp_path):
    write_txt(tmp_path / "a.txt", {k: v for k, v in GOOD.items() if k != "text"}, "Body.")
    (tmp_path / "README.txt").write_text("How this corpus was collected.", encoding="utf-8")
    (tmp_path / "LICENSE_CC-BY.txt").write_text("Texts by ..., CC BY 2.5.", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus["id"].tolist() == ["a"]


# --- inputs the loader used to drop, misread or crash on (issue 17) ---------------------------

NOBODY = 65534


@contextlib.contextmanager
def _unprivileged():
    """Run the block as a user the permission bits apply to.

    Root reads a folder whatever its mode, so a test that removes permissions proves nothing when
    run as root: there the effective user is switched to ``nobody`` (uid 65534) for the block and
    back afterwards; the kernel then refuses the listing for real.
    """
    if os.geteuid() != 0:
        yield
        return
    try:
        os.seteuid(NOBODY)
    except PermissionError:
        pytest.skip("running as root without the right to change the effective user; a folder's mode does not stop root")
    try:
        yield
    finally:
        os.seteuid(0)


@pytest.fixture
def open_tmp():
    """A temporary folder other users may enter (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="medialit-corpus-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


FRONT = {k: v for k, v in GOOD.items() if k != "text"}


def test_a_folder_that_cannot_be_listed_is_reported_not_dropped(open_tmp):
    write_txt(open_tmp / "a.txt", FRONT, "Body a.")
    write_txt(open_tmp / "locked" / "b.txt", FRONT, "Body b.")
    (open_tmp / "locked").chmod(0o000)
    with _unprivileged():
        records, problems = load_corpus(open_tmp, errors="report")
        with pytest.raises(CorpusError, match=r"locked, line 1: is a folder that cannot be listed \(Permission denied\)"):
            load_corpus(open_tmp)
    assert records["id"].tolist() == ["a"]
    assert problems["file"].tolist() == ["locked"]


def test_a_path_under_a_folder_that_cannot_be_entered_is_a_corpus_error(open_tmp):
    (open_tmp / "shut").mkdir()
    write_jsonl(open_tmp / "shut" / "c.jsonl", [GOOD])
    (open_tmp / "shut").chmod(0o600)  # readable, but not searchable: nothing inside can be reached
    with _unprivileged():
        with pytest.raises(CorpusError, match=r"cannot reach .*c\.jsonl.*permission denied"):
            load_corpus(open_tmp / "shut" / "c.jsonl")


def test_an_unknown_users_home_is_a_corpus_error():
    with pytest.raises(CorpusError, match=r"'~medialit-no-such-user/x'.*cannot be expanded.*full path"):
        load_corpus("~medialit-no-such-user/x")


@pytest.mark.parametrize("codec, order", [("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")])
@pytest.mark.parametrize("layout", ["folder", ".csv", ".jsonl"])
def test_utf16_without_a_byte_order_mark_is_reported(tmp_path, codec, order, layout):
    if layout == "folder":
        source = "---\n" + yaml.safe_dump(FRONT) + "---\nЗаявление агентства, 2024.\n"
        (tmp_path / "a.txt").write_bytes(source.encode(codec))
        path, name = tmp_path, "a.txt"
    elif layout == ".csv":
        path = name = "c.csv"
        buf = io.StringIO(newline="")
        csv.DictWriter(buf, fieldnames=list(GOOD), lineterminator="\n").writerows([dict(zip(GOOD, GOOD)), GOOD])
        (tmp_path / path).write_bytes(buf.getvalue().encode(codec))
        path = tmp_path / path
    else:
        name = "c.jsonl"
        path = tmp_path / name
        path.write_bytes((json.dumps(GOOD, ensure_ascii=False) + "\n").encode(codec))
    records, problems = load_corpus(path, errors="report")
    assert records.empty
    assert problems["file"].tolist() == [name]
    assert f"UTF-16 ({order}) without a byte-order mark" in problems["problem"].iloc[0]


def test_utf8_with_a_stray_nul_is_not_mistaken_for_utf16(tmp_path):
    write_jsonl(tmp_path / "c.jsonl", [GOOD | {"text": "A text with a NUL \u0000 escaped in JSON."}])
    (tmp_path / "d.txt").write_bytes(b"Plain text with one raw \x00 byte in a long enough line of words.")
    assert len(load_corpus(tmp_path / "c.jsonl")) == 1
    records, problems = load_corpus(tmp_path, errors="report")
    assert "UTF-16" not in " ".join(problems["problem"])


def test_a_csv_field_over_the_csv_modules_limit_is_reported_and_the_rest_still_read(tmp_path):
    long_text = "word " * 30_000  # 150,000 characters
    rows = [GOOD | {"title": "Before", "text": "First."}, GOOD | {"title": "Long", "text": long_text},
            GOOD | {"title": "After", "text": "Third."}, GOOD | {"title": "Last", "text": "Fourth."}]
    path = write_csv(tmp_path / "c.csv", rows)
    records, problems = load_corpus(path, errors="report")
    assert records["title"].tolist() == ["Before", "After", "Last"]
    assert problems[["line", "field"]].values.tolist() == [[3, "text"]]
    assert "holds 150,000 characters" in problems["problem"].iloc[0]
    assert csv.field_size_limit() == 131_072  # the process-wide limit is restored


def test_an_unclosed_quote_swallowing_the_file_is_reported_as_a_long_field(tmp_path):
    lines = ["title,outlet,date,text", 'A,B,2024-01-01,"Opened and never closed.']
    lines += [f"T{i},B,2024-01-01,Record {i} with some words to make it long enough." for i in range(3000)]
    path = tmp_path / "c.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records, problems = load_corpus(path, errors="report")
    assert records.empty
    assert problems["line"].tolist() == [2]
    assert "over 3,001 line(s)" in problems["problem"].iloc[0] and "quotation mark" in problems["problem"].iloc[0]


def test_notices_are_skipped_in_any_case_and_listed(tmp_path):
    write_txt(tmp_path / "a.txt", FRONT, "Body.")
    write_txt(tmp_path / "b.TXT", FRONT, "Body in a file with an upper-case suffix.")
    for name in ("README.txt", "readme.txt", "ReadMe.md", "sub/Licence.txt", "LICENSE_CC-BY.txt"):
        write_txt(tmp_path / name, None, "Notes about the corpus.")
    write_txt(tmp_path / "licensed-goods.txt", FRONT, "An article whose name starts like a notice.")
    result = load_corpus(tmp_path, errors="report")
    assert result.ok and result.records["id"].tolist() == ["a", "b", "licensed-goods"]
    assert result.skipped["file"].tolist() == ["LICENSE_CC-BY.txt", "README.txt", "ReadMe.md", "readme.txt",
                                               "sub/Licence.txt"]
    assert repr(result) == "CorpusLoad(records=3, problems=0, skipped=5)"


def test_broken_links_links_to_folders_and_pipes_are_reported(tmp_path):
    write_txt(tmp_path / "a.txt", FRONT, "Body.")
    write_txt(tmp_path / "elsewhere" / "2024-01-01_b.txt", FRONT, "Another body.")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").symlink_to(tmp_path / "a.txt")  # a working link is read
    (corpus / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (corpus / "more").symlink_to(tmp_path / "elsewhere")
    os.mkfifo(corpus / "pipe.txt")
    records, problems = load_corpus(corpus, errors="report")
    assert records["id"].tolist() == ["a"]
    by_file = dict(zip(problems["file"], problems["problem"]))
    assert sorted(by_file) == ["gone.txt", "more", "pipe.txt"]
    assert "broken link" in by_file["gone.txt"] and "deleted.txt" in by_file["gone.txt"]
    assert "link to the folder" in by_file["more"] and "not followed" in by_file["more"]
    assert "not a regular file" in by_file["pipe.txt"]


def test_front_matter_with_cr_only_line_ends_is_read(tmp_path):
    source = "---\n" + yaml.safe_dump(FRONT | {"author": "R. Porter"}, sort_keys=False) + "---\nFirst line.\nSecond.\n"
    (tmp_path / "a.txt").write_bytes(source.replace("\n", "\r").encode("utf-8"))
    corpus = load_corpus(tmp_path)
    assert corpus[["title", "outlet", "author"]].values.tolist() == [[GOOD["title"], GOOD["outlet"], "R. Porter"]]
    assert corpus["date"].iloc[0] == pd.Timestamp(GOOD["date"])
    assert corpus["text"].iloc[0] == "First line.\rSecond.\r"
