"""medialit.report.corpus_report: the capstone report over a corpus, written to a folder."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image

from medialit import framing, plots, stats
from medialit.corpus import load_corpus
from medialit.errors import CorpusError
from medialit.report import PROGRESS_MIN_ARTICLES, corpus_report
from medialit.resources import data_path

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def example():
    return load_corpus(data_path("corpora", "example"))


@pytest.fixture(scope="module")
def report(example, tmp_path_factory):
    return corpus_report(example, tmp_path_factory.mktemp("report"), progress=False)


def test_writes_every_table_and_figure(report):
    files = set(report.files)
    for name in report.tables:
        assert f"{name}.csv" in files
    for name in report.figures:
        assert f"{name}.png" in files
    assert {"index.md", "figures.csv", "articles.csv", "frequencies.csv", "labels_by_outlet.csv", "voices.csv",
            "frames_by_outlet.csv", "frames.png", "labels.png", "voices.png", "frequencies.png"} <= files
    # two outlets: one keyness comparison (the other direction is its mirror image)
    assert sorted(f for f in files if f.startswith("keyness_")) == ["keyness_u-s-department-of-state.csv",
                                                             "keyness_u-s-department-of-state.png"]


def test_tables_agree_with_the_analysis_functions(report, example):
    state = example.loc[example["outlet"] == "U.S. Department of State", "text"].tolist()
    voa = example.loc[example["outlet"] == "Voice of America", "text"].tolist()
    written = pd.read_csv(report.out_dir / "keyness_u-s-department-of-state.csv", keep_default_na=False)
    expected = stats.keyness(state, voa)
    assert written["word"].tolist() == expected["word"].tolist()
    assert written["statistic"].round(6).tolist() == expected["statistic"].round(6).tolist()
    freqs = report.tables["frequencies"]
    overall = freqs[freqs["outlet"] == "(all)"].drop(columns="outlet").reset_index(drop=True)
    expected_freqs = stats.word_frequencies(example["text"].tolist(), drop_stopwords=True)
    expected_freqs["per_1k"] = expected_freqs.pop("per_10k") / 10  # the report's unit: per 1,000 words
    pd.testing.assert_frame_equal(overall, expected_freqs)
    profile = framing.frame_profile({"Voice of America": "\n\n".join(voa)})
    got = report.tables["frames_by_outlet"].set_index("outlet").loc["Voice of America"]
    assert got.round(4).tolist() == profile.iloc[0].round(4).tolist()


def test_label_counts_match_find_labels_and_offsets_point_into_texts(report, example):
    labels = report.tables["labels"]
    texts = dict(zip(example["id"], example["text"]))
    for row in labels.itertuples():
        assert texts[row.id][row.start:row.end] == row.match
    total = sum(len(framing.find_labels(t)) for t in example["text"])
    assert report.tables["labels_by_outlet"]["count"].sum() == total == len(labels)


def test_voices_cover_every_sentence_once(report, example):
    voices = report.tables["voices"]
    from medialit.text import sentence_spans
    assert len(voices) == sum(len(sentence_spans(t)) for t in example["text"])
    assert set(voices["voice"]) <= {"reporter", "mixed", "attributed"}
    assert report.tables["articles"]["sentences"].sum() == len(voices)


def test_every_figure_has_alt_text_in_index_and_sidecar(report):
    index = (report.out_dir / "index.md").read_text(encoding="utf-8")
    sidecar = pd.read_csv(report.out_dir / "figures.csv")
    assert sorted(sidecar["file"]) == sorted(f"{n}.png" for n in report.figures)
    for name, fig in report.figures.items():
        alt = plots.alt_text(fig)
        assert len(alt) > 40 and alt == report.alt_texts[name]
        assert f"Alt text: {alt}" in index
        assert re.search(rf"!\[[^\]]+\]\({re.escape(name)}\.png\)", index)
    assert "Voice of America" in report.alt_texts["voices"]


def test_figures_use_the_palette_on_an_opaque_light_background(report):
    allowed = {c.lower() for c in plots.PALETTE.values()}
    for name in ("labels", "voices", "frames"):
        fig = report.figures[name]
        colours = {"#%02x%02x%02x" % tuple(round(255 * v) for v in patch.get_facecolor()[:3])
                   for ax in fig.axes for patch in ax.patches}
        assert colours and colours <= allowed, f"{name} uses colours outside the palette: {colours - allowed}"
        with Image.open(report.out_dir / f"{name}.png") as image:
            corner = image.convert("RGBA").getpixel((1, 1))
        assert corner[3] == 255 and min(corner[:3]) > 240, "figures need an opaque light background (dark mode)"


def test_output_is_deterministic(example, tmp_path):
    a = corpus_report(example, tmp_path / "a", progress=False)
    b = corpus_report(example, tmp_path / "b", progress=False)
    assert a.files == b.files
    for name in a.files:
        assert (a.out_dir / name).read_bytes() == (b.out_dir / name).read_bytes(), f"{name} differs between runs"


def test_path_input_writes_the_problems_of_the_load(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(data_path("corpora", "example").glob("*.txt"))[:3]:
        (corpus / path.name).write_bytes(path.read_bytes())
    (corpus / "broken.txt").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    report = corpus_report(corpus, tmp_path / "out", progress=False)
    problems = pd.read_csv(tmp_path / "out" / "problems.csv")
    assert problems["file"].unique().tolist() == ["broken.txt"]
    assert len(report.tables["articles"]) == 3
    assert any("problems.csv" in note for note in report.notes)


def test_one_outlet_gives_a_note_instead_of_keyness(example, tmp_path):
    one = example[example["outlet"] == "Voice of America"]
    report = corpus_report(one, tmp_path, progress=False)
    assert not [f for f in report.files if f.startswith("keyness_")]
    assert "only one" in report.notes[0] and "only one" in (tmp_path / "index.md").read_text(encoding="utf-8")


def test_three_outlets_give_one_keyness_per_outlet(example, tmp_path):
    three = example.copy()
    three.loc[three["id"].str.contains("crt-"), "outlet"] = "Country Reports"
    report = corpus_report(three, tmp_path, progress=False)
    assert sorted(n for n in report.tables if n.startswith("keyness_")) == [
        "keyness_country-reports", "keyness_u-s-department-of-state", "keyness_voice-of-america"]


def test_progress_bar_goes_to_stderr_only_when_asked(example, tmp_path, capsys):
    small = example.head(2)
    corpus_report(small, tmp_path / "quiet", progress=None)  # auto: fewer than PROGRESS_MIN_ARTICLES
    assert capsys.readouterr().err == ""
    corpus_report(small, tmp_path / "loud", progress=True)
    captured = capsys.readouterr()
    assert "analysing articles" in captured.err and captured.out == ""
    assert len(small) < PROGRESS_MIN_ARTICLES


def test_bad_input(example, tmp_path):
    with pytest.raises(TypeError, match="got list"):
        corpus_report(["a text"], tmp_path)
    with pytest.raises(ValueError, match="lacks the column.*outlet"):
        corpus_report(example.drop(columns="outlet"), tmp_path)
    with pytest.raises(ValueError, match="no articles"):
        corpus_report(example.head(0), tmp_path)
    with pytest.raises(ValueError, match="repeated ids"):
        corpus_report(pd.concat([example.head(1), example.head(1)]), tmp_path)
    with pytest.raises(ValueError, match="at least 1"):
        corpus_report(example, tmp_path, top=0)
    with pytest.raises(TypeError, match="progress"):
        corpus_report(example, tmp_path, progress="yes")
    with pytest.raises(CorpusError, match="does not exist"):
        corpus_report(tmp_path / "nowhere", tmp_path / "out")


def test_capstone_page_alt_texts_match_the_report(report):
    """book/capstone/your_corpus.md writes each figure's alt text literally ({glue:figure} needs it);
    it must say what corpus_report computes for the example corpus."""
    page = (ROOT / "book" / "capstone" / "your_corpus.md").read_text(encoding="utf-8")
    glued = dict(re.findall(r'glue\("(fig_report_\w+)", report\.figures\["([\w-]+)"\]', page))
    alts = dict(re.findall(r"```\{glue:figure\} (fig_report_\w+)\n:alt: (.+)\n", page))
    assert glued and set(glued) == set(alts), "every glued report figure needs a {glue:figure} with :alt:"
    for key, name in glued.items():
        assert alts[key] == report.alt_texts[name], f"update the :alt: of {key} in your_corpus.md"


def test_every_rate_is_per_thousand_words(report, example):
    from medialit.text import tokenize

    words = {o: sum(len(tokenize(t)) for t in example.loc[example["outlet"] == o, "text"])
             for o in example["outlet"].unique()}
    labels = report.tables["labels_by_outlet"]
    row = labels[labels["count"] > 0].iloc[0]
    assert row["per_1k_words"] == round(row["count"] / words[row["outlet"]] * 1000, 3)
    assert not any("10k" in c or "10,000" in c for t in report.tables.values() for c in map(str, t.columns))
    outlets = report.tables["outlets"].set_index("outlet")
    voices = report.tables["voices"]
    for outlet, n in words.items():
        assert outlets.loc[outlet, "words"] == n
        hedges = voices.loc[voices["outlet"] == outlet, "hedges"].sum()
        assert outlets.loc[outlet, "hedges_per_1k_words"] == round(hedges / n * 1000, 3)
    for name in ("frequencies", "labels", "frames"):
        assert "per 1,000" in report.alt_texts[name] and "10,000" not in report.alt_texts[name]
    index = (report.out_dir / "index.md").read_text(encoding="utf-8")
    assert "10,000" not in index


def test_a_rerun_into_the_same_folder_leaves_no_stale_files(example, tmp_path):
    three = example.copy()
    three.loc[three["id"].str.contains("crt-"), "outlet"] = "Country Reports"
    (tmp_path / "my_notes.md").write_text("mine", encoding="utf-8")
    first = corpus_report(three, tmp_path, progress=False)
    assert "keyness_country-reports.png" in first.files
    second = corpus_report(example, tmp_path, progress=False)
    keyness_files = sorted(f for f in second.files if f.startswith("keyness_"))
    assert keyness_files == ["keyness_u-s-department-of-state.csv", "keyness_u-s-department-of-state.png"]
    listed = (tmp_path / "report_files.txt").read_text(encoding="utf-8").split()
    assert sorted(set(second.files) - {"my_notes.md"}) == sorted(listed)
    assert (tmp_path / "my_notes.md").read_text(encoding="utf-8") == "mine"  # not the report's: kept


def test_near_duplicates_are_reported_not_dropped(example, tmp_path):
    twin = example.iloc[[0]].copy()
    twin["id"] = "reprint"
    twin["outlet"] = "Voice of America"
    twin["text"] = twin["text"].str.replace("Russian", "Russia's", n=1, regex=False)
    report = corpus_report(pd.concat([example, twin], ignore_index=True), tmp_path, progress=False)
    pairs = report.tables["near_duplicates"]
    assert pairs[["id_a", "id_b"]].values.tolist() == [[example["id"].iloc[0], "reprint"]]
    assert len(report.tables["articles"]) == len(example) + 1
    assert any("near duplicates" in note for note in report.notes)


def _extractor_calls(monkeypatch):
    """Count the extractor's runs: every module of the kit that holds ``_extract`` (the one function
    every way into the extractor goes through) gets a counting wrapper."""
    import sys

    from medialit.attribution import extract

    calls = []
    real = extract._extract

    def counting(doc):
        calls.append(1)
        return real(doc)

    patched = [name for name, module in list(sys.modules.items())
               if name.startswith("medialit") and getattr(module, "_extract", None) is real]
    assert "medialit.attribution.extract" in patched, patched
    for name in patched:
        monkeypatch.setattr(sys.modules[name], "_extract", counting)
    return calls


def test_extractor_call_counter_counts_every_way_in(monkeypatch):
    from medialit import attribution, techniques

    calls = _extractor_calls(monkeypatch)
    text = '"We will return," the emir said. The so-called "province" is a hotbed.'
    attribution.extract_attributions(text)
    attribution.voice_map(text)
    attribution.scare_quotes(text)
    techniques.technique_cues(text)
    assert len(calls) == 4
    found = attribution.extract_attributions(text)
    attribution.voice_map(text, attributions=found)
    attribution.scare_quotes(text, attributions=found)
    techniques.technique_cues(text, attributions=found)
    assert len(calls) == 5


def test_the_extractor_runs_once_per_article(example, tmp_path, monkeypatch):
    calls = _extractor_calls(monkeypatch)
    corpus_report(example, tmp_path, progress=False)
    assert len(calls) == len(example)


def test_passing_the_extractor_table_changes_no_result(example):
    from medialit import attribution, techniques

    for text in example["text"]:
        found = attribution.extract_attributions(text)
        pd.testing.assert_frame_equal(attribution.scare_quotes(text, attributions=found), attribution.scare_quotes(text))
        pd.testing.assert_frame_equal(techniques.technique_cues(text, attributions=found), techniques.technique_cues(text))


def test_who_speaks_is_the_chapters_voice_map(example):
    from medialit import attribution
    from medialit.report import who_speaks

    text = example["text"].iloc[2]
    found = who_speaks(text)
    pd.testing.assert_frame_equal(found["voices"], attribution.voice_map(text))
    pd.testing.assert_frame_equal(found["attributions"], attribution.extract_attributions(text))


def test_each_article_is_prepared_for_the_extractor_once(example, tmp_path, monkeypatch):
    """The extractor, the voice map and the scare quotes of one article share one prepared text
    (``attribution.document._doc_of``): the report builds one ``_Doc`` per article, not three."""
    from medialit.attribution import document

    built = []

    class CountingDoc(document._Doc):
        def __init__(self, text):
            built.append(text)
            super().__init__(text)

    monkeypatch.setattr(document, "_Doc", CountingDoc)
    document._doc_of.cache_clear()
    corpus_report(example, tmp_path, progress=False)
    document._doc_of.cache_clear()
    assert sorted(built) == sorted(example["text"])


def test_tables_are_new_for_each_call(example):
    """Cached preparation never hands out a table twice: changing one result changes no other."""
    from medialit import attribution, framing, techniques

    text = example["text"].iloc[0]
    for analysis in (attribution.hedges, attribution.scare_quotes, framing.find_labels, techniques.technique_cues,
                     lambda t: framing.find_labels(t, groups={"none": ["Xyzzy"]})):
        first = analysis(text)
        expected = first.copy()
        first.insert(0, "id", "changed")
        pd.testing.assert_frame_equal(analysis(text), expected)


# --- Fuzz: every corpus the loader accepts gets a complete report --------------------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_OUTLETS = st.one_of(
    st.sampled_from(["Fox News", "fox-news", "FOX  NEWS!", "Радио Свобода", "Радио свобода", "Новая газета",
                     "RT", "R.T.", "B&B", "…", "x" * 260, "Le Monde diplomatique", "BBC", "bbc"]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40)
    .map(str.strip).filter(bool),
)
_TEXTS = st.one_of(
    st.sampled_from([
        "The the the of and a to in is it.",                  # stop words only
        "123 456 ... !!! --- ??? 7.5 %",                        # no word tokens
        '"We will fight," the minister said. Officials claimed the group was weakened.',
        "Militants released a video. 'Russian apostates', the headline said. The report could not be verified.",
        "Слова на русском языке. Ещё одно предложение.",
        "a",
    ]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=300),
)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, derandomize=True,  # the same 40 corpora every run: CI stays reproducible
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(articles=st.lists(st.tuples(_OUTLETS, _TEXTS), min_size=1, max_size=5))
def test_every_corpus_the_loader_accepts_gets_a_complete_report(articles, tmp_path_factory):
    """Corpora of odd outlets (Cyrillic, 260 characters, names that slug alike) and odd texts
    (stop words only, no word tokens, one letter, any Unicode): whatever load_corpus accepts,
    corpus_report writes every table and figure, one keyness file per outlet it compares, and
    notes what it could not compute; it never stops half way."""
    import yaml

    folder = tmp_path_factory.mktemp("fuzzcorpus")
    for number, (outlet, text) in enumerate(articles):
        front = yaml.safe_dump({"title": f"Article {number}", "outlet": outlet, "date": "2020-01-01"},
                               allow_unicode=True)
        (folder / f"a{number}.txt").write_text(f"---\n{front}---\n{text}\n", encoding="utf-8")
    loaded = load_corpus(folder, errors="report")
    records = loaded.records
    if records.empty:
        return  # nothing accepted: nothing to report on (the loader's own tests check its reasons)
    out = tmp_path_factory.mktemp("fuzzreport")
    report = corpus_report(loaded, out, progress=False)
    files = set(report.files)
    assert {"index.md", "figures.csv", "articles.csv", "frequencies.csv", "voices.csv",
            "labels_by_outlet.csv", "frames_by_outlet.csv"} <= files
    assert {f"{name}.csv" for name in report.tables} <= files
    assert {f"{name}.png" for name in report.figures} <= files
    assert set(report.alt_texts) == set(report.figures)
    outlets = records["outlet"].nunique()
    keyness = [f for f in files if f.startswith("keyness_") and f.endswith(".csv")]
    expected = 0 if outlets < 2 else 1 if outlets == 2 else outlets
    assert len(keyness) == expected or report.notes, (outlets, keyness, report.notes)
