"""The capstone report: every analysis of the kit over your own corpus, written to a folder.

:func:`corpus_report` takes a corpus loaded by :func:`medialit.corpus.load_corpus` (or the
path of one) and runs, per article and per outlet, what Parts II-IV teach on single texts:

========================  ==========================================================  =====================
analysis                  function                                                    files written
========================  ==========================================================  =====================
overview                  word and sentence counts per article; per outlet            ``articles.csv``, ``outlets.csv``
near duplicates           :func:`medialit.corpus.near_duplicates` (reported only)     ``near_duplicates.csv``
word frequencies          :func:`medialit.stats.word_frequencies` (stop words out)    ``frequencies.csv``, ``frequencies.png``
keyness between outlets   :func:`medialit.stats.keyness` (each outlet vs the rest)    ``keyness_<outlet>.csv``, ``.png``
label choices             :func:`medialit.framing.find_labels`                        ``labels.csv``, ``labels_by_outlet.csv``, ``labels.png``
attribution audit         :func:`medialit.attribution.voice_map`, ``hedges``,         ``attributions.csv``, ``voices.csv``,
                          ``scare_quotes``                                            ``sources.csv``, ``voices.png``
frame cues                :func:`medialit.framing.frame_cues`, ``frame_profile``      ``frame_cues.csv``, ``frames_by_outlet.csv``, ``frames.png``
technique cues            :func:`medialit.techniques.technique_cues`                  ``technique_cues.csv``
========================  ==========================================================  =====================

It also writes ``index.md`` (what each file is, every figure with its alt text, and the
caveats to read before trusting a number), ``figures.csv`` (each figure's file and alt text),
``report_files.txt`` (every file the report wrote, so that a rerun into the same folder removes
the files of the last run it does not write again) and, when the corpus came with problems,
``problems.csv``.

Every rate is **per 1,000 words** (words as :func:`medialit.text.tokenize` counts them), the
unit of Part II's frame cues; shares of sentences are per cent. Each article goes through the
attribution extractor once (:func:`who_speaks`); the voice map, the scare quotes and the voice
of each technique cue are read from that one table.

Every number in the report is a count of words matched by a list, never a judgement: the
report says *where to read*, and the reading is yours. Each table keeps the article ``id`` and
character offsets, so every match can be found in its text.
"""
from __future__ import annotations

import os
import re
import sys
import warnings

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from tqdm import tqdm

from . import attribution, framing, plots, stats, techniques
from .corpus import CorpusLoad, load_corpus, near_duplicates
from .text import sentence_spans, tokenize

__all__ = ["FILE_LIST", "PROGRESS_MIN_ARTICLES", "Report", "corpus_report", "who_speaks"]

#: With ``progress=None``, a progress bar is shown for corpora of at least this many articles.
PROGRESS_MIN_ARTICLES = 25
#: Colours for outlets, in order: the Okabe-Ito palette without yellow (too pale on white).
_OUTLET_COLOURS = [plots.PALETTE[k] for k in ("blue", "vermillion", "bluish_green", "orange",
                                               "reddish_purple", "sky_blue", "black")]
#: Hatching per outlet, so that colour is not the only cue (legend swatches show it too).
_HATCHES = ["", "//", "..", "xx", "\\\\", "++", "oo"]
_VOICES = ("reporter", "mixed", "attributed")
#: The file, in the report's folder, that lists every file the report wrote (one name a line).
FILE_LIST = "report_files.txt"
#: Rates in the report are per this many words.
PER_WORDS = 1_000


def who_speaks(text: str) -> dict[str, pd.DataFrame]:
    """Who speaks in one article: the report's only call of the attribution extractor.

    This is the one place the report decides voice and source, so that it agrees with the
    chapters: it runs :func:`medialit.attribution.extract_attributions` once and reads the
    per-sentence voice from that table with :func:`medialit.attribution.voice_map`. Swap this
    function, and only this one, to change the report's definition of voice.

    Returns:
        ``{"attributions": ..., "voices": ...}``: the extractor's table and the voice map (one row
        per sentence: ``voice``, ``sources``, ``cues``, ``hedges``, ``unsourced_claim``).

    >>> found = who_speaks('"We will return," the emir said. The road was closed.')
    >>> found["voices"]["voice"].tolist()
    ['attributed', 'reporter']
    """
    attrs = attribution.extract_attributions(text)
    return {"attributions": attrs, "voices": attribution.voice_map(text, attributions=attrs)}


@dataclass
class Report:
    """What :func:`corpus_report` wrote, and the same tables and figures in memory.

    Attributes:
        out_dir: the folder written to.
        tables: name → DataFrame, one per CSV file (``"frequencies"`` is ``frequencies.csv``).
        figures: name → matplotlib Figure, one per PNG file.
        alt_texts: name → the figure's alt text (also in ``figures.csv`` and ``index.md``).
        notes: sentences about what could not be computed (e.g. keyness with one outlet).
    """

    out_dir: Path
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)
    alt_texts: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def files(self) -> list[str]:
        """The files written, sorted by name."""
        return sorted(p.name for p in self.out_dir.iterdir() if p.is_file())

    def __repr__(self) -> str:
        return (f"Report(out_dir={self.out_dir.name!r}, tables={len(self.tables)}, "
                f"figures={len(self.figures)})")


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "outlet"


#: The longest slug of an outlet's name kept in a file name (file systems allow 255 bytes).
SLUG_LENGTH = 60


def _file_slugs(outlets: list[str]) -> dict[str, str]:
    """A file-name slug per outlet, unique among them: the name's ASCII letters and digits, with a
    short hash of the whole name added when the slug is not the name's alone (it was cut to
    :data:`SLUG_LENGTH`, the name has no ASCII letter or digit, or two names slug alike, such as
    "Fox News" and "fox-news").

    >>> _file_slugs(["Fox News", "fox-news", "BBC"])["BBC"], len(set(_file_slugs(["Fox News", "fox-news"]).values()))
    ('bbc', 2)
    """
    import hashlib

    base = {outlet: _slug(outlet) for outlet in outlets}
    taken: dict[str, int] = {}
    for slug in base.values():
        taken[slug] = taken.get(slug, 0) + 1
    slugs = {}
    for outlet in outlets:
        slug = base[outlet]
        ascii_only = re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-")
        if taken[slug] > 1 or len(slug) > SLUG_LENGTH or not ascii_only:
            slug = f"{slug[:SLUG_LENGTH].strip('-') or 'outlet'}-{hashlib.sha256(outlet.encode('utf-8')).hexdigest()[:8]}"
        slugs[outlet] = slug
    return slugs


def _num(x: float, digits: int = 1) -> str:
    return f"{x:,.{digits}f}"


def _per_thousand(freqs: pd.DataFrame) -> pd.DataFrame:
    """A frequency table with its rate per 1,000 words (``per_1k``) instead of per 10,000."""
    freqs = freqs.copy()
    freqs["per_1k"] = freqs.pop("per_10k") / 10
    return freqs


def _remove_stale(out: Path, written: list[str]) -> None:
    """Write the list of the report's files, and delete those of the last run it did not rewrite.

    Only files the last run listed in :data:`FILE_LIST` are removed: anything else in the folder
    (your own notes, a copy of the corpus) is left alone.
    """
    listing = out / FILE_LIST
    previous: list[str] = []
    if listing.is_file():
        previous = [line.strip() for line in listing.read_text(encoding="utf-8").splitlines() if line.strip()]
    for name in previous:
        path = out / name
        if name not in written and "/" not in name and "\\" not in name and path.is_file():
            path.unlink()
    listing.write_text("".join(f"{name}\n" for name in sorted(written)), encoding="utf-8")


def _check_corpus(corpus: object) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    if isinstance(corpus, (str, os.PathLike)):
        corpus = load_corpus(corpus, errors="report")
    problems = None
    if isinstance(corpus, CorpusLoad):
        corpus, problems = corpus.records, corpus.problems
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError("corpus_report expects a corpus from medialit.corpus.load_corpus (a DataFrame or the "
                        f"result of errors='report') or the path of one; got {type(corpus).__name__}.")
    missing = [c for c in ("id", "outlet", "text") if c not in corpus.columns]
    if missing:
        raise ValueError(f"The corpus lacks the column(s) {', '.join(missing)}; load it with "
                         "medialit.corpus.load_corpus, which gives id, title, outlet, date and text.")
    if corpus.empty:
        raise ValueError("The corpus has no articles: there is nothing to report on."
                         + (f" load_corpus reported {len(problems)} problem(s); see the problems table."
                            if problems is not None and len(problems) else ""))
    if not corpus["id"].is_unique:
        raise ValueError("The corpus has repeated ids; load it with medialit.corpus.load_corpus, which reports them.")
    return corpus.reset_index(drop=True), problems


def _new_axes(width: float, height: float):
    fig = Figure(figsize=(width, height), dpi=100, facecolor=plots.BACKGROUND, layout="constrained")
    ax = fig.add_subplot()
    ax.set_facecolor(plots.BACKGROUND)
    for spine in ax.spines.values():
        spine.set_color(plots.MUTED)
    ax.tick_params(colors=plots.TEXT, labelcolor=plots.TEXT)
    return fig, ax


def _grouped_bars(table: pd.DataFrame, *, xlabel: str, title: str, alt: str) -> Figure:
    """Horizontal grouped bars: one group per row of ``table``, one bar per column (an outlet)."""
    rows, cols = list(table.index), list(table.columns)
    height = 1.2 + 0.32 * len(rows) * max(1, len(cols))
    fig, ax = _new_axes(7.5, min(height, 14))
    bar = 0.8 / max(1, len(cols))
    y = np.arange(len(rows))
    for i, col in enumerate(cols):
        ax.barh(y - 0.4 + bar * (i + 0.5), table[col].to_numpy(dtype=float), height=bar,
                color=_OUTLET_COLOURS[i % len(_OUTLET_COLOURS)], hatch=_HATCHES[i % len(_HATCHES)],
                edgecolor=plots.BACKGROUND, label=str(col))
    ax.set_yticks(y, [str(r) for r in rows])
    ax.invert_yaxis()
    ax.grid(axis="x", color=plots.GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    legend = fig.legend(loc="outside lower center", ncols=min(3, len(cols)), frameon=True,
                        facecolor=plots.BACKGROUND, edgecolor=plots.MUTED)
    for text in legend.get_texts():
        text.set_color(plots.TEXT)
    ax.set_title(title, color=plots.TEXT, loc="left")
    ax.set_xlabel(xlabel, color=plots.TEXT)
    fig.alt_text = alt  # type: ignore[attr-defined]  # same attribute medialit.plots uses
    return fig


def _describe_grouped(table: pd.DataFrame, unit: str, *, digits: int = 1) -> str:
    parts = []
    for col in table.columns:
        values = ", ".join(f"{row} {_num(float(table.loc[row, col]), digits)}" for row in table.index)
        parts.append(f"{col}: {values}")
    return "; ".join(parts) + f" ({unit})."


def corpus_report(
    corpus: pd.DataFrame | CorpusLoad | str | os.PathLike,
    out_dir: str | os.PathLike,
    *,
    top: int = 20,
    progress: bool | None = None,
) -> Report:
    """Run the kit's analyses over a corpus and write tables (CSV) and figures (PNG) to a folder.

    Args:
        corpus: a DataFrame from :func:`medialit.corpus.load_corpus`, the result of
            ``load_corpus(..., errors="report")`` (its problems are written to
            ``problems.csv``), or the path of a corpus (loaded with ``errors="report"``).
        out_dir: the folder to write to; created if needed. Files of the same names are
            replaced, and files an earlier report wrote there (listed in
            :data:`FILE_LIST`) that this one does not write are removed; other files in it
            are left alone.
        top: how many words the frequency and keyness figures show.
        progress: show a progress bar (tqdm, on stderr) while articles are analysed;
            ``None`` (default) shows it for corpora of at least
            :data:`PROGRESS_MIN_ARTICLES` articles. Pass ``False`` in notebooks that are
            executed unattended (the book treats anything on stderr as a failure).

    Returns:
        A :class:`Report` with the tables, figures and alt texts it wrote.

    Raises:
        TypeError: ``corpus`` is not a corpus or path; ``top`` is not an int.
        ValueError: the corpus lacks ``id``, ``outlet`` or ``text``, has no articles or
            repeated ids; ``top`` is below 1.
        CorpusError: ``corpus`` is a path that cannot be read at all.

    Caveats:
        Outlets with little text give unstable rates and keyness; the ``articles.csv`` table
        shows how many words each outlet contributes. Every cue list misses words and
        catches some wrongly: read the matches in their sentences before you write about them.

    >>> import tempfile
    >>> from medialit.resources import data_path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     report = corpus_report(data_path("corpora", "example"), tmp, progress=False)
    ...     "index.md" in report.files and "keyness_u-s-department-of-state.csv" in report.files
    True
    """
    if isinstance(top, bool) or not isinstance(top, int):
        raise TypeError(f"top must be a whole number; got {type(top).__name__}.")
    if top < 1:
        raise ValueError(f"top must be at least 1; got {top}.")
    if not isinstance(out_dir, (str, os.PathLike)):
        raise TypeError(f"out_dir must be a folder path (str or pathlib.Path); got {type(out_dir).__name__}.")
    if progress is not None and not isinstance(progress, bool):
        raise TypeError(f"progress must be True, False or None; got {progress!r:.40}.")
    records, problems = _check_corpus(corpus)
    out = Path(out_dir).expanduser()
    out.mkdir(parents=True, exist_ok=True)
    report = Report(out_dir=out)
    show = progress if progress is not None else len(records) >= PROGRESS_MIN_ARTICLES

    outlets = sorted(records["outlet"].astype(str).unique())
    per_article = _analyse_articles(records, show)

    # --- overview --------------------------------------------------------------------------
    articles = records[[c for c in ("id", "title", "outlet", "date") if c in records.columns]].copy()
    articles["words"] = [len(tokenize(t)) for t in records["text"]]
    articles["sentences"] = [len(sentence_spans(t)) for t in records["text"]]
    report.tables["articles"] = articles
    texts_by_outlet = {o: records.loc[records["outlet"] == o, "text"].tolist() for o in outlets}
    words_by_outlet = articles.groupby("outlet")["words"].sum().reindex(outlets)
    # rates per 1,000 words divide by this: an outlet without a word token has no rate (empty cells)
    rate_words = words_by_outlet.where(words_by_outlet > 0)
    wordless = [o for o in outlets if not words_by_outlet[o] > 0]
    if wordless:
        report.notes.append(f"{len(wordless)} outlet(s) have no word tokens ({', '.join(wordless[:5])}"
                            f"{', ...' if len(wordless) > 5 else ''}): their rates per 1,000 words are empty.")
    duplicates = near_duplicates(records)
    report.tables["near_duplicates"] = duplicates
    if not duplicates.empty:
        report.notes.append(f"{len(duplicates)} pair(s) of articles are near duplicates (near_duplicates.csv): "
                            "wire copy or a reprint counts the same words twice. They are reported, not dropped; "
                            "decide whether to keep both.")

    # --- word frequencies ------------------------------------------------------------------
    freq_parts = []
    for outlet in outlets:
        table = _per_thousand(stats.word_frequencies(texts_by_outlet[outlet], drop_stopwords=True))
        table.insert(0, "outlet", outlet)
        freq_parts.append(table)
    overall = _per_thousand(stats.word_frequencies(records["text"].tolist(), drop_stopwords=True))
    overall.insert(0, "outlet", "(all)")
    report.tables["frequencies"] = pd.concat([overall, *freq_parts], ignore_index=True)
    if overall.empty:
        report.notes.append("The corpus has no content words (only stop words, numbers or punctuation): "
                            "frequencies.csv is empty and no frequency figure was drawn.")
    else:
        report.figures["frequencies"] = plots.frequency_bars(
            overall.drop(columns="outlet"), top=min(top, len(overall)), value="per_1k",
            title="Most frequent content words, whole corpus")

    # --- keyness between outlets -----------------------------------------------------------
    if len(outlets) < 2:
        report.notes.append(f"Keyness compares outlets, and the corpus has only one ({outlets[0]}): "
                            "no keyness tables were written.")
    else:
        targets = outlets[:1] if len(outlets) == 2 else outlets
        slugs = _file_slugs(outlets)
        for outlet in targets:
            rest = [o for o in outlets if o != outlet]
            reference = [t for o in rest for t in texts_by_outlet[o]]
            name = f"keyness_{slugs[outlet]}"
            ref_label = rest[0] if len(rest) == 1 else "the other outlets"
            try:
                keys = stats.keyness(texts_by_outlet[outlet], reference)
            except ValueError as exc:  # no words on one side: nothing to compare
                report.tables[name] = pd.DataFrame(columns=["word", "target_count", "reference_count", "statistic"])
                report.notes.append(f"Keyness of {outlet} against {ref_label} could not be computed ({exc}); "
                                    f"{name}.csv is empty and has no figure.")
                continue
            report.tables[name] = keys
            if keys.empty:
                report.notes.append(f"Keyness of {outlet} against {ref_label}: no word to compare; "
                                    f"{name}.csv is empty and has no figure.")
                continue
            report.figures[name] = plots.keyness_plot(keys, top=min(10, top), target_label=outlet,
                                                      reference_label=ref_label,
                                                      title=f"Keyness: {outlet} against {ref_label}")

    # --- label choices ---------------------------------------------------------------------
    labels = per_article["labels"]
    report.tables["labels"] = labels
    counts = labels.groupby(["outlet", "group", "label"]).size().rename("count").reset_index()
    lexicon = framing.label_choices("placeholder text")[["group", "label"]]  # every label, lexicon order
    grid = lexicon.merge(pd.DataFrame({"outlet": outlets}), how="cross")
    by_outlet = grid.merge(counts, on=["group", "label", "outlet"], how="left").fillna({"count": 0})
    by_outlet["count"] = by_outlet["count"].astype("int64")
    by_outlet["per_1k_words"] = (by_outlet["count"] / by_outlet["outlet"].map(rate_words) * PER_WORDS).round(3)
    report.tables["labels_by_outlet"] = by_outlet[["outlet", "group", "label", "count", "per_1k_words"]]
    used = by_outlet.groupby("label", sort=False)["count"].sum()
    used = [label for label in lexicon["label"] if used.get(label, 0) > 0]
    if used:
        pivot = by_outlet.pivot_table(index="label", columns="outlet", values="per_1k_words", sort=False)
        pivot = pivot.reindex(index=used, columns=outlets)
        alt = ("Grouped bar chart of the labels the corpus uses for the group and its members, per 1,000 "
               f"words of each outlet. {_describe_grouped(pivot, 'per 1,000 words', digits=2)}")
        report.figures["labels"] = _grouped_bars(pivot, xlabel="uses per 1,000 words",
                                                 title="Labels for the group and its members", alt=alt)
    else:
        report.notes.append("None of the kit's labels for the group (labels.yml) occurs in the corpus: "
                            "no label figure was drawn. Add your own labels with framing.find_labels(groups=...).")

    # --- attribution audit -----------------------------------------------------------------
    report.tables["attributions"] = per_article["attributions"]
    voices = per_article["voices"]
    report.tables["voices"] = voices
    # who speaks: the kit's one definition of a source (medialit.attribution.voice), unresolved
    # and missing sources included
    report.tables["sources"] = attribution.source_table(per_article["attributions"], by=["outlet"])
    share = (voices.groupby(["outlet", "voice"]).size().unstack(fill_value=0)
             .reindex(index=outlets, columns=list(_VOICES), fill_value=0))
    share = (share.div(share.sum(axis=1), axis=0) * 100).round(1)
    unsourced = voices.groupby("outlet")["unsourced_claim"].sum().reindex(outlets, fill_value=0)
    unsourced_rate = (unsourced / rate_words * PER_WORDS).round(2)
    alt = ("Grouped bar chart of the share of sentences by voice in each outlet: in the reporter's own voice, "
           "mixed, or attributed to a source. " + _describe_grouped(share.T, "per cent of sentences")
           + " Sentences flagged as unsourced claims, per 1,000 words: "
           + ", ".join(f"{o} {unsourced_rate[o]:,.2f}" for o in outlets) + ".")
    report.figures["voices"] = _grouped_bars(share.T, xlabel="per cent of sentences",
                                             title="Who speaks: sentences by voice", alt=alt)

    # --- frame cues ------------------------------------------------------------------------
    cues = per_article["frame_cues"]
    report.tables["frame_cues"] = cues
    profile = (cues.groupby(["outlet", "frame"]).size().unstack(fill_value=0)
               .reindex(index=outlets, columns=list(framing.FRAMES), fill_value=0))
    profile = profile.div(rate_words, axis=0).mul(PER_WORDS).round(4)
    profile.columns.name = None
    profile.index.name = "outlet"
    report.tables["frames_by_outlet"] = profile.reset_index()
    frames_t = profile.T
    alt = ("Grouped bar chart of frame cue words per 1,000 words in each outlet, for the five generic frames. "
           + _describe_grouped(frames_t, "cues per 1,000 words"))
    report.figures["frames"] = _grouped_bars(frames_t, xlabel="cue words per 1,000 words",
                                             title="Frame cues per 1,000 words", alt=alt)

    # --- technique cues --------------------------------------------------------------------
    report.tables["technique_cues"] = per_article["technique_cues"]

    # --- one row per outlet, every rate per 1,000 words -------------------------------------
    summary = pd.DataFrame(index=pd.Index(outlets, name="outlet"))
    summary["articles"] = articles.groupby("outlet").size().reindex(outlets)
    summary["words"] = words_by_outlet
    attrs_by_outlet = per_article["attributions"].groupby("outlet").size().reindex(outlets, fill_value=0)
    rates = {
        "attributions": attrs_by_outlet,
        "hedges": voices.groupby("outlet")["hedges"].sum().reindex(outlets, fill_value=0),
        "scare_quotes": voices.groupby("outlet")["scare_quotes"].sum().reindex(outlets, fill_value=0),
        "unsourced_claims": unsourced,
        "labels": labels.groupby("outlet").size().reindex(outlets, fill_value=0),
        "frame_cues": cues.groupby("outlet").size().reindex(outlets, fill_value=0),
        "technique_cues": per_article["technique_cues"].groupby("outlet").size().reindex(outlets, fill_value=0),
    }
    for name, count in rates.items():
        summary[f"{name}_per_1k_words"] = (count / rate_words * PER_WORDS).round(3)
    report.tables["outlets"] = summary.reset_index()

    # --- write -----------------------------------------------------------------------------
    written = []
    for name, table in report.tables.items():
        table.to_csv(out / f"{name}.csv", index=False, date_format="%Y-%m-%d")
        written.append(f"{name}.csv")
    if problems is not None and not problems.empty:
        problems.to_csv(out / "problems.csv", index=False)
        report.tables["problems"] = problems
        written.append("problems.csv")
        report.notes.append(f"load_corpus reported {len(problems)} problem(s), listed in problems.csv; "
                            "those records are not in the report.")
    missing_glyphs = False
    for name, fig in report.figures.items():
        report.alt_texts[name] = plots.alt_text(fig)
        with warnings.catch_warnings(record=True) as caught:
            # an outlet's name in a script the figure font lacks is drawn as boxes: said once in
            # the notes, not a warning per figure (the book treats a warning as a failure)
            warnings.filterwarnings("always", message=r"Glyph \d+ .*missing from font")
            fig.savefig(out / f"{name}.png", dpi=100, facecolor=plots.BACKGROUND, metadata={"Software": None})
        for warning in caught:
            if re.match(r"Glyph \d+ .*missing from font", str(warning.message)):
                missing_glyphs = True
            else:
                warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
        written.append(f"{name}.png")
    if missing_glyphs:
        report.notes.append("Some names use characters the figures' font cannot draw: they show as boxes in the "
                            "figures; the CSV files and index.md have them in full.")
    pd.DataFrame({"file": [f"{n}.png" for n in report.figures], "alt_text": list(report.alt_texts.values())}
                 ).to_csv(out / "figures.csv", index=False)
    (out / "index.md").write_text(_index_markdown(report, records, outlets), encoding="utf-8")
    written += ["figures.csv", "index.md", FILE_LIST]
    _remove_stale(out, written)
    return report


def _analyse_articles(records: pd.DataFrame, show: bool) -> dict[str, pd.DataFrame]:
    """Run the per-text analyses over every article, tagging each row with id and outlet."""
    parts: dict[str, list[pd.DataFrame]] = {k: [] for k in ("attributions", "voices", "labels", "frame_cues",
                                                             "technique_cues")}
    bar = tqdm(records.itertuples(index=False), total=len(records), desc="analysing articles", unit="article",
               disable=not show, file=sys.stderr, leave=False)
    for row in bar:
        text = row.text
        spoken = who_speaks(text)
        attrs, voices = spoken["attributions"], spoken["voices"]
        hedge_table = attribution.hedges(text)
        scare = attribution.scare_quotes(text, attributions=attrs)
        scare_counts = scare["sentence_index"].value_counts().to_dict()
        hedge_words: dict[int, list[str]] = {}
        for index, word in zip(hedge_table["sentence_index"], hedge_table["hedge"]):
            hedge_words.setdefault(int(index), []).append(str(word))
        voices["scare_quotes"] = [int(scare_counts.get(i, 0)) for i in voices["sentence_index"]]
        voices["hedge_words"] = ["; ".join(hedge_words.get(int(i), [])) for i in voices["sentence_index"]]
        found = {
            "attributions": attrs,
            "voices": voices,
            "labels": framing.find_labels(text),
            "frame_cues": framing.frame_cues(text),
            "technique_cues": techniques.technique_cues(text, attributions=attrs),
        }
        for key, table in found.items():  # each table is new, made for this article: tagged in place
            table.insert(0, "outlet", row.outlet)
            table.insert(0, "id", row.id)
            parts[key].append(table)
    bar.close()
    return {k: pd.concat(v, ignore_index=True) for k, v in parts.items()}


def _index_markdown(report: Report, records: pd.DataFrame, outlets: list[str]) -> str:
    articles = report.tables["articles"]
    lines = [
        "# Corpus report",
        "",
        f"{len(records)} articles from {len(outlets)} outlet(s), {int(articles['words'].sum()):,} words. "
        "Made by `medialit.report.corpus_report`. Every number below counts words matched by a list; "
        "read the matches in their sentences (each table gives the article `id` and character offsets) "
        "before you write about them.",
        "",
        "| outlet | articles | words |",
        "|---|---|---|",
    ]
    grouped = articles.groupby("outlet").agg(articles=("id", "size"), words=("words", "sum"))
    for outlet in outlets:
        lines.append(f"| {outlet} | {int(grouped.loc[outlet, 'articles'])} | {int(grouped.loc[outlet, 'words']):,} |")
    lines += ["", "## Figures", ""]
    for name, alt in report.alt_texts.items():
        clean = alt.replace("[", "(").replace("]", ")")
        lines += [f"### {name}", "", f"![{clean}]({name}.png)", "", f"Alt text: {alt}", ""]
    lines += ["## Tables", ""]
    descriptions = {
        "articles": "one row per article: outlet, date, words and sentences",
        "outlets": "one row per outlet: articles, words, and every count of the report per 1,000 words",
        "near_duplicates": "pairs of articles with nearly the same text (shingled Jaccard, containment): "
                           "reported, not dropped",
        "frequencies": "word frequencies without stop words, whole corpus ('(all)') and per outlet, "
                       "count and per 1,000 words",
        "labels": "every label for the group or its members, with article id and offsets",
        "labels_by_outlet": "label counts per outlet, and per 1,000 words",
        "attributions": "every attribution found: speaker, cue, content and offsets",
        "voices": "one row per sentence: voice, sources, hedges, scare quotes, unsourced-claim flag",
        "sources": "how often each source is credited, per outlet: named, unresolved (as written) or none",
        "frame_cues": "every frame cue word, with offsets",
        "frames_by_outlet": "frame cue words per 1,000 words, per outlet",
        "technique_cues": "every propaganda-technique cue word, with its voice (reporter or attributed)",
        "problems": "records load_corpus could not load, with file, line and reason",
    }
    for name in report.tables:
        what = descriptions.get(name) or ("keyness of every word, this outlet against the rest "
                                          "(signed log-likelihood, p-value, log ratio)")
        lines.append(f"- `{name}.csv`: {what}")
    if report.notes:
        lines += ["", "## Notes", ""] + [f"- {note}" for note in report.notes]
    lines += [
        "",
        "## Before you trust a number",
        "",
        "- Every rate is per 1,000 words of the outlet's texts (shares of sentences are per cent).",
        "- Short articles and small outlets give unstable rates: check the word counts above.",
        "- Near duplicates (`near_duplicates.csv`) count one text twice; they are listed, not removed.",
        "- A label or cue inside a quotation is the source's word, not the outlet's: see `voices.csv`.",
        "- Keyness says which words differ in rate, not why; an outlet's topic mix can explain it all.",
        "- Frame and technique cues are words on a list, not readings: open the sentences.",
        "",
    ]
    return "\n".join(lines)
