"""Tests for medialit.plots: Figures with alt text, drawn with the kit's palette."""
from __future__ import annotations

import io
import re

import matplotlib
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from medialit import plots, stats

TARGET = "kill kill kill the apostates now, kill the apostates"
REFERENCE = "the police said the police came, the police left, and the police and the city police stayed calm"


def _colours(fig: Figure) -> set[str]:
    """Every face and edge colour of the bars, points and lines drawn in the axes."""
    found = set()
    for ax in fig.axes:
        for patch in ax.patches:
            found.add(to_hex(patch.get_facecolor()))
        for coll in ax.collections:
            for colour in list(coll.get_facecolors()) + list(coll.get_edgecolors()):
                found.add(to_hex(colour))
        for line in ax.lines:
            found.add(to_hex(line.get_color()))
    return found


def _texts(fig: Figure):
    for ax in fig.axes:
        yield from ax.texts
        yield from ax.get_xticklabels() + ax.get_yticklabels()
        yield ax.xaxis.label
        yield ax.yaxis.label
        yield ax.title


@pytest.fixture
def figures(seed_text):
    freqs = stats.word_frequencies(seed_text, drop_stopwords=True)
    return {
        "frequency_bars": plots.frequency_bars(freqs, top=12, title="Seed article"),
        "frequency_bars_ngrams": plots.frequency_bars(stats.ngram_frequencies(seed_text), top=5, value="count"),
        "keyness_plot": plots.keyness_plot(stats.keyness(TARGET, REFERENCE), top=3),
        "keyness_plot_log_odds": plots.keyness_plot(
            stats.keyness(TARGET, REFERENCE, method="log_odds", prior_size=5.0), target_label="the group"
        ),
        "dispersion_plot": plots.dispersion_plot(seed_text, ["ISIS", "apostates", "Putin", "Islamic State"]),
    }


def test_backend_is_agg_or_inline():
    assert matplotlib.get_backend().lower() in {"agg", "module://matplotlib_inline.backend_inline"}


@pytest.mark.parametrize(
    "name",
    ["frequency_bars", "frequency_bars_ngrams", "keyness_plot", "keyness_plot_log_odds", "dispersion_plot"],
)
def test_every_plot_is_a_figure_with_alt_text_and_the_palette(figures, name):
    fig = figures[name]
    assert isinstance(fig, Figure)
    text = plots.alt_text(fig)
    assert text == fig.alt_text and len(text) > 40
    drawn = _colours(fig) - {to_hex(c) for c in (plots.BACKGROUND, plots.GRID, plots.MUTED)}
    palette = {to_hex(c) for c in plots.PALETTE.values()}
    assert drawn and drawn <= palette, drawn - palette
    # every text colour is set explicitly to the kit's dark text on the figure's own light background
    assert to_hex(fig.get_facecolor()) == to_hex(plots.BACKGROUND)
    for item in _texts(fig):
        if item.get_text():
            assert to_hex(item.get_color()) == to_hex(plots.TEXT), (name, item.get_text())
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")  # renders with Agg, no display needed
    assert buffer.getvalue().startswith(b"\x89PNG")


def test_palette_is_okabe_ito():
    assert list(plots.PALETTE.values()) == [
        "#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
    ]


def test_frequency_bars_alt_text_names_words_and_values():
    fig = plots.frequency_bars(stats.word_frequencies("war war war peace talks"), top=2, value="count")
    assert plots.alt_text(fig) == "Horizontal bar chart of the 2 most frequent words, counts: 'war' 3, 'peace' 1."
    ax = fig.axes[0]
    where = dict(zip([t.get_text() for t in ax.get_yticklabels()], ax.get_yticks()))
    assert where["war"] > where["peace"]  # the most frequent on top
    heights = sorted(p.get_width() for p in fig.axes[0].patches)
    assert heights == [1, 3]


def test_keyness_plot_marks_and_labels_significant_words():
    keys = stats.keyness(TARGET, REFERENCE)
    fig = plots.keyness_plot(keys, top=1, target_label="the group", reference_label="the police")
    text = plots.alt_text(fig)
    significant_up = keys[(keys["p_value"] < 0.05) & (keys["statistic"] > 0)]["word"].tolist()
    significant_down = keys[(keys["p_value"] < 0.05) & (keys["statistic"] < 0)]["word"].tolist()
    assert re.search(rf"{len(significant_up)} words? (is|are) significantly more frequent in the group", text)
    assert re.search(rf"{len(significant_down)} words? (is|are) significantly more frequent in the police", text)
    labelled = [t.get_text() for t in fig.axes[0].texts]
    assert significant_up and significant_down
    assert labelled == [significant_up[0], significant_down[0]]
    assert fig.axes[0].get_ylabel() == "signed log-likelihood (G2)"


def test_dispersion_plot_positions():
    text = "ISIS said. Later ISIS and Daesh said more about Islamic State."
    fig = plots.dispersion_plot(text, ["ISIS", "Islamic State", "Putin"])
    assert "'ISIS': 2 times, at words 1 and 4." in plots.alt_text(fig)
    assert "'Islamic State': once, at word 10." in plots.alt_text(fig)
    assert "'Putin': not found." in plots.alt_text(fig)
    segments = fig.axes[0].collections[0].get_segments()
    assert sorted(seg[0][0] for seg in segments) == [1, 4]


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda: plots.frequency_bars(None), TypeError, "freqs must be a pandas DataFrame (from medialit.stats); got NoneType"),
        (lambda: plots.frequency_bars(pd.DataFrame({"x": [1]})), ValueError, "freqs lacks the column(s) word, per_10k"),
        (lambda: plots.frequency_bars(stats.word_frequencies("a b"), top=0), ValueError, "top must be a whole number of at least 1; got 0"),
        (lambda: plots.frequency_bars(stats.word_frequencies("a b"), value="rate"), ValueError, "value must be 'per_10k', 'per_1k' or 'count'; got 'rate'"),
        (lambda: plots.keyness_plot(stats.word_frequencies("a b")), ValueError, "keys lacks the column(s) target_count"),
        (lambda: plots.keyness_plot(stats.keyness("a b", "b c"), alpha=5), ValueError, "alpha must be a number between 0 and 1; got 5"),
        (lambda: plots.dispersion_plot("ISIS said", "ISIS"), TypeError, "terms must be a list of words or phrases, not a single string"),
        (lambda: plots.dispersion_plot(b"ISIS", ["ISIS"]), TypeError, "text must be a string (str); got bytes"),
        (lambda: plots.dispersion_plot("ISIS said", [None]), TypeError, "terms[0] must be a string (str); got NoneType"),
        (lambda: plots.dispersion_plot("ISIS said", ["..."]), ValueError, "holds no word tokens"),
        (lambda: plots.alt_text("figure"), TypeError, "alt_text expects a matplotlib Figure; got str"),
        (lambda: plots.alt_text(Figure()), ValueError, "carries no alt text"),
    ],
)
def test_bad_input(call, error, fragment):
    with pytest.raises(error, match=re.escape(fragment)):
        call()


def test_plots_do_not_register_with_pyplot():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    plots.frequency_bars(stats.word_frequencies("a b b"))
    assert plt.get_fignums() == before  # nothing left open for a notebook to show twice


def test_the_keyness_legend_covers_no_point():
    """The legend sits outside the axes: no point, least of all a significant one, is under it."""
    from medialit.corpus import load_kit_corpus

    corpus = load_kit_corpus("wikinews")
    topic = corpus.loc[corpus["subset"] == "topic", "text"].tolist()
    rest = corpus.loc[corpus["subset"] == "reference", "text"].tolist()
    fig = plots.keyness_plot(stats.keyness(topic, rest), top=10)
    fig.canvas.draw()
    ax = fig.axes[0]
    legend_box = ax.get_legend().get_window_extent()
    axes_box = ax.get_window_extent()
    assert legend_box.y1 < axes_box.y0, "the legend should sit below the axes"
    for collection in ax.collections:
        for x, y in collection.get_offsets():
            px, py = ax.transData.transform((x, y))
            assert not legend_box.contains(px, py)


def test_frequency_bars_per_thousand():
    freqs = stats.word_frequencies("war war war peace")
    freqs["per_1k"] = freqs["per_10k"] / 10
    fig = plots.frequency_bars(freqs, value="per_1k")
    assert plots.alt_text(fig) == ("Horizontal bar chart of the 2 most frequent words, per 1,000 tokens: "
                                   "'war' 750.00, 'peace' 250.00.")


def test_zipf_plot_fits_the_slope_and_counts_hapaxes():
    freqs = stats.word_frequencies(" ".join(["w%d" % r] * max(1, 1000 // r) for r in range(1, 201)) if False else
                                   " ".join(" ".join([f"w{r}"] * max(1, 1000 // r)) for r in range(1, 201)))
    fig = plots.zipf_plot(freqs, label=2)
    alt = plots.alt_text(fig)
    assert "slope -1.0" in alt or "slope -0.9" in alt, alt  # counts made as 1000 / rank
    assert "'w1' 1,000, 'w2' 500" in alt
    with pytest.raises(ValueError, match="label"):
        plots.zipf_plot(freqs, label=-1)
