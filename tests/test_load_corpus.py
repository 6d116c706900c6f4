"""medialit.corpus.load_corpus: reading a user's own corpus, every record loaded or reported."""
from __future__ import annotations

import csv
import datetime
import io
import json
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
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"])


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
        if encoding == "utf-16":
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
        if encoding == "utf-16":
            assert result.records.empty and len(result.problems) == 1
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
@given(records=records_st, encoding=ENCODINGS, front_matter=st.booleans())
def test_folder_every_file_is_loaded_or_reported(records, encoding, front_matter):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        names = []
        for i, record in enumerate(records):
            meta = {k: v for k, v in record.items() if k != "text"}
            body = record.get("text") or ""
            source = ("---\n" + yaml.safe_dump(meta) + "---\n" + body) if front_matter else body
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


def test_errors_are_the_kits_own():
    assert issubclass(CorpusError, MedialitError) and issubclass(CorpusError, ValueError)


def test_readme_and_licence_notices_are_skipped_even_as_txt(tmp_path):
    write_txt(tmp_path / "a.txt", {k: v for k, v in GOOD.items() if k != "text"}, "Body.")
    (tmp_path / "README.txt").write_text("How this corpus was collected.", encoding="utf-8")
    (tmp_path / "LICENSE_CC-BY.txt").write_text("Texts by ..., CC BY 2.5.", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus["id"].tolist() == ["a"]
