"""Figures for the counting chapters, each with its alt text.

Every function returns a :class:`matplotlib.figure.Figure` (created without
pyplot's global state, so nothing is shown twice and nothing leaks between
cells), draws with one colour-blind-safe palette, :data:`PALETTE` (Okabe & Ito
2008), and stores a text description for screen-reader users on the figure as
``fig.alt_text``; :func:`alt_text` returns it.

The figures carry their own opaque, light background and set every text colour
explicitly, so they stay readable when the book is shown in a dark theme. Colour
is never the only cue: keyness plots also separate the two sides by position
(above or below zero) and by marker shape.

How a chapter shows a figure with its alt text (MyST notebook)::

    ```{code-cell} ipython3
    :tags: [hide-input]
    from myst_nb import glue
    from medialit import plots, stats
    fig = plots.frequency_bars(stats.word_frequencies(seed, drop_stopwords=True), top=15)
    glue("seed-frequencies-fig", fig, display=False)
    print(plots.alt_text(fig))   # while writing: copy this text into :alt: below
    ```

    ```{glue:figure} seed-frequencies-fig
    :alt: Horizontal bar chart of the 15 most frequent words ...
    :name: seed-frequencies

    The seed article's most frequent content words, per 10,000 tokens.
    ```

``{glue:figure}`` takes its ``:alt:`` literally, so paste the text that
:func:`alt_text` returns (a test can compare the two), or glue the text as well
(``glue("seed-frequencies-alt", plots.alt_text(fig))``) and show it in the
caption with ``{glue:text}``.
"""
from __future__ import annotations

import io
import re
from collections.abc import Sequence

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .text import check_text, check_texts, token_spans

__all__ = ["PALETTE", "alt_text", "dispersion_plot", "frequency_bars", "keyness_plot", "scatter_plot", "spread_plot",
           "zipf_plot"]

#: The Okabe-Ito colour-blind-safe palette (Okabe & Ito 2008), defined once for the kit.
PALETTE: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
#: Colours of figure elements; all text colours are set explicitly.
BACKGROUND = "#FFFFFF"
TEXT = "#1A1A1A"
GRID = "#D0D0D0"
MUTED = "#8C8C8C"
#: Which palette colour plays which part.
ROLE = {"bars": PALETTE["blue"], "target": PALETTE["vermillion"], "reference": PALETTE["blue"], "ticks": PALETTE["black"]}


def _png_bytes(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, facecolor=fig.get_facecolor(), bbox_inches="tight")
    return buffer.getvalue()


def _register_notebook_display() -> None:
    """Let IPython show (and ``myst_nb.glue`` store) these pyplot-free figures as PNG images.

    Jupyter's inline backend registers its own formatter only once pyplot has
    made a figure; figures built directly from :class:`Figure` would otherwise
    be shown as ``<Figure size ...>`` text.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the kit
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(Figure, _png_bytes)


_register_notebook_display()


def alt_text(fig: Figure) -> str:
    """Return the alt text stored on a figure made by this module.

    >>> from medialit.stats import word_frequencies
    >>> fig = frequency_bars(word_frequencies("war war war peace"), top=2)
    >>> alt_text(fig)
    "Horizontal bar chart of the 2 most frequent words, per 10,000 tokens: 'war' 7,500.0, 'peace' 2,500.0."
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"alt_text expects a matplotlib Figure; got {type(fig).__name__}.")
    text = getattr(fig, "alt_text", None)
    if not isinstance(text, str) or not text.strip():
        raise ValueError("This figure carries no alt text: make it with a medialit.plots function.")
    return text


def _new_figure(width: float, height: float, *, layout: str | None = "constrained") -> tuple[Figure, matplotlib.axes.Axes]:
    fig = Figure(figsize=(width, height), dpi=100, facecolor=BACKGROUND, layout=layout)
    ax = fig.add_subplot()
    ax.set_facecolor(BACKGROUND)
    for spine in ax.spines.values():
        spine.set_color(MUTED)
    ax.tick_params(colors=TEXT, labelcolor=TEXT)
    return fig, ax


def _finish(fig: Figure, ax, *, title: str | None, xlabel: str, ylabel: str, alt: str) -> Figure:
    if title:
        ax.set_title(title, color=TEXT, loc="left")
    ax.set_xlabel(xlabel, color=TEXT)
    ax.set_ylabel(ylabel, color=TEXT)
    fig.alt_text = alt  # type: ignore[attr-defined]
    return fig


def _check_frame(frame: object, name: str, columns: Sequence[str]) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame (from medialit.stats); got {type(frame).__name__}.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{name} lacks the column(s) {', '.join(missing)}; it has {', '.join(map(str, frame.columns))}."
        )
    if frame.empty:
        raise ValueError(f"{name} has no rows: there is nothing to plot.")
    return frame


def _check_top(top: object) -> int:
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError(f"top must be a whole number of at least 1; got {top!r:.40}.")
    return top


def _num(x: float) -> str:
    return f"{x:,.1f}" if isinstance(x, float) else f"{x:,}"


#: Rate columns :func:`frequency_bars` can draw, and how each is written.
_RATE_UNITS = {"per_10k": "per 10,000 tokens", "per_1k": "per 1,000 tokens"}


def frequency_bars(
    freqs: pd.DataFrame,
    *,
    top: int = 20,
    value: str = "per_10k",
    title: str | None = None,
) -> Figure:
    """Horizontal bars of the most frequent words (or n-grams), the highest on top.

    Args:
        freqs: a table from :func:`medialit.stats.word_frequencies` (column
            ``word``) or :func:`medialit.stats.ngram_frequencies` (``ngram``),
            in its order (highest first).
        top: how many rows to draw.
        value: the column to draw: ``"per_10k"`` (the rate of
            :func:`~medialit.stats.word_frequencies`), ``"per_1k"`` (a rate per 1,000
            tokens, as the capstone report gives it) or ``"count"``.
        title: an optional title.

    Returns:
        A Figure whose ``alt_text`` names the words and values drawn.

    >>> from medialit.stats import word_frequencies
    >>> fig = frequency_bars(word_frequencies("war war peace"), value="count")
    >>> alt_text(fig)
    "Horizontal bar chart of the 2 most frequent words, counts: 'war' 2, 'peace' 1."
    """
    if value not in _RATE_UNITS and value != "count":
        raise ValueError(f"value must be 'per_10k', 'per_1k' or 'count'; got {value!r:.40}.")
    label_col = "ngram" if isinstance(freqs, pd.DataFrame) and "ngram" in freqs.columns else "word"
    freqs = _check_frame(freqs, "freqs", [label_col, value])
    top = _check_top(top)
    rows = freqs.head(top)
    labels = [str(w) for w in rows[label_col]]
    values = rows[value].to_numpy()
    fig, ax = _new_figure(7.0, max(2.0, 0.32 * len(labels) + 1.2))
    positions = np.arange(len(labels))[::-1]
    ax.barh(positions, values, color=ROLE["bars"], height=0.7)
    ax.set_yticks(positions, labels)
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    rate = value in _RATE_UNITS
    unit = _RATE_UNITS[value] if rate else "count"
    kind = "n-grams" if label_col == "ngram" else "words"
    digits = 2 if value == "per_1k" else 1
    shown = ", ".join(f"'{w}' {f'{float(v):,.{digits}f}' if rate else _num(int(v))}" for w, v in zip(labels, values))
    alt = (
        f"Horizontal bar chart of the {len(labels)} most frequent {kind}, "
        f"{unit if rate else 'counts'}: {shown}."
    )
    return _finish(fig, ax, title=title, xlabel=unit, ylabel="", alt=alt)


def zipf_plot(freqs: pd.DataFrame, *, label: int = 5, title: str | None = None) -> Figure:
    """Rank against count on log-log axes, with the line Zipf's law predicts.

    Each word is a point: its rank (1 for the most frequent) on the x axis and its count on the y
    axis, both on logarithmic scales. The dashed line is ``count = top count / rank``, the
    prediction of Zipf's law in its simplest form. The slope of a least-squares line through all
    points (in log-log space) is given in the alt text: about -1 when the law holds.

    Args:
        freqs: a table from :func:`medialit.stats.word_frequencies`, in its order.
        label: how many of the most frequent words to label.
        title: an optional title.

    >>> from medialit.stats import word_frequencies
    >>> fig = zipf_plot(word_frequencies("a a a a b b c d"), label=1)
    >>> print(alt_text(fig))
    Rank-frequency plot of 4 word types on log-log axes, with the line count = 4 / rank that Zipf's law predicts. The most frequent: 'a' 4. A least-squares line through all points has slope -1.08 (Zipf's law predicts about -1). 2 types (50.0 per cent) occur once.
    """
    freqs = _check_frame(freqs, "freqs", ["word", "count"])
    if isinstance(label, bool) or not isinstance(label, int) or label < 0:
        raise ValueError(f"label must be a whole number of 0 or more; got {label!r:.40}.")
    counts = freqs["count"].to_numpy(dtype=float)
    ranks = np.arange(1, len(counts) + 1, dtype=float)
    fig, ax = _new_figure(7.0, 4.8)
    ax.scatter(ranks, counts, s=8, color=ROLE["bars"], alpha=0.5, linewidths=0, label="words")
    ax.plot(ranks, counts[0] / ranks, color=ROLE["target"], linestyle="--", linewidth=1.2,
            label="count = top count / rank")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.grid(color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    shown = [str(w) for w in freqs["word"].head(label)]
    for i, word in enumerate(shown):
        ax.annotate(word, (ranks[i], counts[i]), xytext=(6, 0), textcoords="offset points", fontsize=8,
                    color=TEXT, va="center")
    legend = ax.legend(loc="lower left", frameon=True, facecolor=BACKGROUND, edgecolor=MUTED, fontsize=8)
    for text in legend.get_texts():
        text.set_color(TEXT)
    slope = float(np.polyfit(np.log10(ranks), np.log10(counts), 1)[0]) if len(counts) > 1 else float("nan")
    once = int((counts == 1).sum())
    top = ", ".join(f"'{w}' {int(c):,}" for w, c in zip(shown, counts))
    alt = (f"Rank-frequency plot of {len(counts):,} word types on log-log axes, with the line count = "
           f"{int(counts[0]):,} / rank that Zipf's law predicts."
           + (f" The most frequent: {top}." if shown else "")
           + f" A least-squares line through all points has slope {slope:.2f} (Zipf's law predicts about -1)."
           + f" {once:,} types ({100 * once / len(counts):.1f} per cent) occur once.")
    return _finish(fig, ax, title=title, xlabel="rank (log scale)", ylabel="count (log scale)", alt=alt)


def _numbers(values: object, name: str) -> np.ndarray:
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
        raise TypeError(f"{name} must be a sequence of numbers (a list or a pandas Series); got {type(values).__name__}.")
    try:
        array = np.asarray(list(values), dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must hold numbers only: {exc}") from exc
    if array.size == 0:
        raise ValueError(f"{name} is empty: there is nothing to plot.")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} holds a missing or infinite value; drop it first (e.g. series.dropna()).")
    return array


def _spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's rank correlation (average ranks for ties); NaN when either side is constant."""
    rx, ry = pd.Series(x).rank().to_numpy(), pd.Series(y).rank().to_numpy()
    if rx.std() == 0 or ry.std() == 0:
        return float("nan")
    return float(np.corrcoef(rx, ry)[0, 1])


def spread_plot(groups: dict[str, Sequence[float]], *, xlabel: str, title: str | None = None,
                digits: int = 1) -> Figure:
    """How a number spreads across texts: one box per group, every text a dot.

    The box runs from the first to the third quartile with a line at the median; the dots are the
    texts themselves (jittered up and down, with a fixed seed, so that equal values stay visible).

    Args:
        groups: ``{name: values}``, drawn top to bottom in this order (e.g. one group per subset).
        xlabel: what the numbers are, with their unit.
        title: an optional title.
        digits: decimals of the numbers in the alt text.

    >>> fig = spread_plot({"topic": [60, 50, 40], "reference": [70, 65, 55, 45]}, xlabel="Reading Ease")
    >>> print(alt_text(fig))
    Box plot of Reading Ease in 2 groups, each dot a text. topic: 3 texts, median 50.0, quartiles 45.0 to 55.0, range 40.0 to 60.0. reference: 4 texts, median 60.0, quartiles 52.5 to 66.2, range 45.0 to 70.0.
    """
    if not isinstance(groups, dict) or not groups:
        raise TypeError(f"groups must be a non-empty dict {{name: values}}; got {type(groups).__name__}.")
    xlabel = check_text(xlabel, name="xlabel")
    arrays = {str(name): _numbers(values, f"groups[{name!r}]") for name, values in groups.items()}
    names = list(arrays)
    fig, ax = _new_figure(7.0, max(2.2, 0.9 * len(names) + 1.2))
    positions = np.arange(len(names))[::-1]
    ax.boxplot([arrays[n] for n in names], positions=positions, orientation="horizontal", widths=0.55, showfliers=False,
               patch_artist=True, boxprops={"facecolor": BACKGROUND, "edgecolor": MUTED},
               medianprops={"color": ROLE["target"], "linewidth": 2}, whiskerprops={"color": MUTED},
               capprops={"color": MUTED})
    rng = np.random.default_rng(0)
    for pos, name in zip(positions, names):
        values = arrays[name]
        ax.scatter(values, pos + rng.uniform(-0.18, 0.18, size=values.size), s=10, color=ROLE["bars"], alpha=0.6,
                   linewidths=0)
    ax.set_yticks(positions, names)
    ax.grid(axis="x", color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)

    def describe(name: str) -> str:
        v = arrays[name]
        q1, med, q3 = np.percentile(v, [25, 50, 75])
        f = f"{{:,.{digits}f}}".format
        noun = "text" if v.size == 1 else "texts"
        return (f"{name}: {v.size:,} {noun}, median {f(med)}, quartiles {f(q1)} to {f(q3)}, "
                f"range {f(v.min())} to {f(v.max())}.")

    alt = (f"Box plot of {xlabel} in {len(names)} group{'s' if len(names) != 1 else ''}, each dot a text. "
           + " ".join(describe(n) for n in names))
    return _finish(fig, ax, title=title, xlabel=xlabel, ylabel="", alt=alt)


def scatter_plot(x: Sequence[float], y: Sequence[float], *, xlabel: str, ylabel: str, title: str | None = None,
                 logx: bool = False) -> Figure:
    """One dot per text: two numbers against each other, with their rank correlation in the alt text.

    Args:
        x, y: the two numbers of each text, in the same order.
        xlabel, ylabel: what each is, with its unit.
        title: an optional title.
        logx: draw the x axis on a log scale (for lengths that span orders of magnitude).

    >>> fig = scatter_plot([100, 200, 400, 800], [0.8, 0.7, 0.6, 0.5], xlabel="tokens", ylabel="TTR")
    >>> print(alt_text(fig))
    Scatter plot of TTR against tokens, 4 texts. tokens runs from 100 to 800, TTR from 0.5 to 0.8. Spearman's rank correlation is -1.00: as tokens grows, TTR falls.
    """
    xs, ys = _numbers(x, "x"), _numbers(y, "y")
    if xs.size != ys.size:
        raise ValueError(f"x and y must have the same length; got {xs.size} and {ys.size}.")
    xlabel, ylabel = check_text(xlabel, name="xlabel"), check_text(ylabel, name="ylabel")
    fig, ax = _new_figure(6.5, 4.5)
    ax.scatter(xs, ys, s=12, color=ROLE["bars"], alpha=0.6, linewidths=0)
    if logx:
        ax.set_xscale("log")
    ax.grid(color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    rho = _spearman(xs, ys)
    if np.isnan(rho):
        trend = "Spearman's rank correlation is undefined (one of the two does not vary)."
    else:
        way = "rises" if rho >= 0.2 else "falls" if rho <= -0.2 else "shows no clear trend"
        trend = (f"Spearman's rank correlation is {rho:.2f}: as {xlabel} grows, {ylabel} {way}."
                 if way != "shows no clear trend" else f"Spearman's rank correlation is {rho:.2f}: no clear trend.")

    def fmt(v: float) -> str:
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")

    alt = (f"Scatter plot of {ylabel} against {xlabel}, {xs.size:,} texts. {xlabel} runs from {fmt(xs.min())} to "
           f"{fmt(xs.max())}, {ylabel} from {fmt(ys.min())} to {fmt(ys.max())}. {trend}")
    return _finish(fig, ax, title=title, xlabel=xlabel + (" (log scale)" if logx else ""), ylabel=ylabel, alt=alt)


def keyness_plot(
    keys: pd.DataFrame,
    *,
    top: int = 10,
    alpha: float = 0.05,
    target_label: str = "target",
    reference_label: str = "reference",
    title: str | None = None,
) -> Figure:
    """A "fightin' words" plot: each word's frequency against its keyness.

    In the style of Monroe, Colaresi & Quinn (2008): the x axis is how often the
    word occurs in both corpora together (log scale), the y axis the keyness
    statistic (signed G2 or z-score). Words with ``p_value < alpha`` are
    coloured (vermillion circles above zero: more frequent in the target; blue
    triangles below zero: in the reference); the rest are grey. The ``top`` most
    extreme words on each side are labelled.

    Args:
        keys: a table from :func:`medialit.stats.keyness`.
        top: how many words to label on each side.
        alpha: the significance level that colours a point (the p-values are
            too small for word counts; see :func:`medialit.stats.keyness`).
        target_label, reference_label: names of the two corpora in the legend
            and alt text.
        title: an optional title.

    >>> from medialit.stats import keyness
    >>> fig = keyness_plot(keyness("kill kill kill the apostates", "the police said the police came"), top=2)
    >>> print(alt_text(fig))
    Fightin' words scatter plot of 6 words: total frequency (log scale) against the keyness statistic. 1 word is significantly more frequent in target (p < 0.05): 'kill'. 0 words are significantly more frequent in reference.
    """
    keys = _check_frame(keys, "keys", ["word", "target_count", "reference_count", "statistic", "p_value"])
    top = _check_top(top)
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float)) or not 0 < alpha < 1:
        raise ValueError(f"alpha must be a number between 0 and 1; got {alpha!r:.40}.")
    target_label = check_text(target_label, name="target_label")
    reference_label = check_text(reference_label, name="reference_label")
    total = (keys["target_count"] + keys["reference_count"]).to_numpy(dtype=float)
    stat = keys["statistic"].to_numpy(dtype=float)
    sig = keys["p_value"].to_numpy(dtype=float) < alpha
    up = sig & (stat > 0)
    down = sig & (stat < 0)
    rest = ~(up | down)
    fig, ax = _new_figure(8.0, 6.0, layout=None)  # labels sit outside the axes, placed by hand
    # The legend sits below the axes, never over a point: the corners of a fightin' words plot are
    # where the rare, highly significant words are.
    fig.subplots_adjust(left=0.1, right=0.78, top=0.92 if title else 0.96, bottom=0.2)
    ax.scatter(total[rest], stat[rest], s=10, color=MUTED, alpha=0.6, linewidths=0, label="not significant")
    ax.scatter(total[up], stat[up], s=22, color=ROLE["target"], marker="o", label=f"more in {target_label}")
    ax.scatter(total[down], stat[down], s=26, color=ROLE["reference"], marker="v", label=f"more in {reference_label}")
    ax.axhline(0, color=MUTED, linewidth=0.8)
    ax.set_xscale("log")
    ax.set_ylim(*ax.get_ylim())  # freeze the limits before placing labels
    ax.grid(color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    order_up = [i for i in np.argsort(-stat, kind="stable") if up[i]][:top]
    order_down = [i for i in np.argsort(stat, kind="stable") if down[i]][:top]
    _column_labels(
        ax, keys, total, stat, order_up + order_down,
        [ROLE["target"]] * len(order_up) + [ROLE["reference"]] * len(order_down),
    )
    legend = ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.11), ncols=3, frameon=True,
                       facecolor=BACKGROUND, edgecolor=MUTED, fontsize=8)
    for text in legend.get_texts():
        text.set_color(TEXT)
    method = keys.attrs.get("method")
    ylabel = {"log_likelihood": "signed log-likelihood (G2)", "log_odds": "z-score of log-odds"}.get(method, "keyness statistic")

    def side(idx: list[int], n: int, name: str) -> str:
        words = ", ".join(f"'{keys['word'].iloc[i]}'" for i in idx)
        noun = "word is" if n == 1 else "words are"
        return f"{n} {noun} significantly more frequent in {name}" + (f" (p < {alpha:g}): {words}." if n else ".")

    alt = (
        f"Fightin' words scatter plot of {len(keys)} words: total frequency (log scale) against the "
        f"keyness statistic. {side(order_up, int(up.sum()), target_label)} "
        f"{side(order_down, int(down.sum()), reference_label)}"
    )
    if int(up.sum()) > len(order_up) or int(down.sum()) > len(order_down):
        alt += f" Labelled: the {top} most extreme on each side."
    return _finish(fig, ax, title=title, xlabel="frequency in both corpora (log scale)", ylabel=ylabel, alt=alt)


def _column_labels(ax, keys, total, stat, order, colours) -> None:
    """Label points in a column right of the axes, in the order of their y values, never overlapping."""
    if not order:
        return
    low, high = ax.get_ylim()
    gap = (high - low) * min(0.05, 0.95 / len(order))
    ranked = sorted(zip(order, colours), key=lambda pair: -float(stat[pair[0]]))
    ys = [float(stat[i]) for i, _ in ranked]
    for k in range(1, len(ys)):  # push down so that labels keep their distance
        ys[k] = min(ys[k], ys[k - 1] - gap)
    ys[-1] = max(ys[-1], low + gap / 2)
    for k in range(len(ys) - 2, -1, -1):  # and back up where the bottom ran out of room
        ys[k] = max(ys[k], ys[k + 1] + gap)
    for (i, colour), y in zip(ranked, ys):
        ax.annotate(
            str(keys["word"].iloc[i]), xy=(total[i], stat[i]), xycoords="data",
            xytext=(1.03, y), textcoords=("axes fraction", "data"),
            fontsize=8, color=TEXT, va="center", ha="left", annotation_clip=False,
            arrowprops={"arrowstyle": "-", "color": colour, "linewidth": 0.6, "alpha": 0.8},
        )


def dispersion_plot(
    text: str,
    terms: Sequence[str],
    *,
    title: str | None = None,
) -> Figure:
    """Where in a text each term occurs: one row per term, one tick per occurrence.

    Terms are matched case-insensitively as whole tokens (see
    :func:`medialit.text.tokenize`); a term of several words ("Islamic State")
    matches those tokens in a row. The x axis is the position in the text in
    words, so the first and last paragraphs sit at the two ends.

    Args:
        text: the text.
        terms: the words or phrases to locate, drawn top to bottom in this order.
        title: an optional title.

    >>> fig = dispersion_plot("ISIS said. Later ISIS and Daesh said more.", ["ISIS", "Daesh", "Putin"])
    >>> print(alt_text(fig))
    Dispersion plot of 3 terms across a text of 8 words. 'ISIS': 2 times, at words 1 and 4. 'Daesh': once, at word 6. 'Putin': not found.
    """
    text = check_text(text)
    if isinstance(terms, str):
        raise TypeError(f"terms must be a list of words or phrases, not a single string; got {terms!r:.60}. Write [{terms!r:.40}].")
    terms = check_texts(terms, name="terms")
    tokens = [tok.lower() for tok, _, _ in token_spans(text)]
    n = len(tokens)
    if n == 0:
        raise ValueError(f"text has no word tokens to plot (got {text!r:.60}).")
    found: list[list[int]] = []
    for term in terms:
        parts = [t.lower() for t in re.findall(r"\S+", term)]
        parts = [tok for part in parts for tok in _split(part)]
        if not parts:
            raise ValueError(f"term {term!r} holds no word tokens; give words such as 'ISIS'.")
        k = len(parts)
        found.append([i for i in range(n - k + 1) if tokens[i:i + k] == parts])
    fig, ax = _new_figure(8.0, max(1.8, 0.45 * len(terms) + 1.2))
    for row, positions in enumerate(found):
        y = len(terms) - 1 - row
        ax.vlines([p + 1 for p in positions], y - 0.35, y + 0.35, color=ROLE["ticks"], linewidth=1.4)
    ax.set_yticks(range(len(terms))[::-1], terms)
    ax.set_xlim(0, n + 1)
    ax.set_ylim(-0.7, len(terms) - 0.3)
    ax.grid(axis="x", color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)

    def describe(term: str, positions: list[int]) -> str:
        if not positions:
            return f"'{term}': not found."
        where = [str(p + 1) for p in positions]
        if len(where) == 1:
            return f"'{term}': once, at word {where[0]}."
        listed = ", ".join(where[:-1]) + " and " + where[-1] if len(where) <= 8 else f"from {where[0]} to {where[-1]}"
        return f"'{term}': {len(where)} times, at words {listed}."

    alt = f"Dispersion plot of {len(terms)} terms across a text of {n:,} words. " + " ".join(
        describe(t, p) for t, p in zip(terms, found)
    )
    return _finish(fig, ax, title=title, xlabel="position in the text (words)", ylabel="", alt=alt)


def _split(part: str) -> list[str]:
    from .text import tokenize

    return tokenize(part, lower=True)
