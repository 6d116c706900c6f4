"""Benchmark: word_frequencies + keyness against two baselines, in the same process.

The task, for a corpus of articles: count the words of the whole corpus, and
find the key words of its first half against its second half (Dunning's G2 for
every word).

* ``medialit``: ``stats.word_frequencies(corpus)`` then
  ``stats.keyness(first_half, second_half)``. The API reads the texts twice
  (once per call) and returns sorted DataFrames.
* ``nltk``: baseline (a), what an NLTK user would write: per article,
  ``NLTKWordTokenizer().tokenize`` (one tokenizer instance, reused), lower-case,
  keep tokens with a letter or digit, ``FreqDist.update``; one pass gives both
  halves, their sum is the whole-corpus count; then G2 for every word in a
  Python loop.
* ``regex``: baseline (b), the floor: per article ``re.findall(r"\\w+",
  text.lower())`` and ``Counter.update``, one pass, the same G2 loop.

Each approach is timed with ``time.perf_counter`` in a run of its own (no
tracing; the best of 3 runs for corpora up to 1,000 articles, one run above,
the same for every approach; ``load_avg`` is the machine's 1-minute load
average when the size started, since other processes inflate every time); peak memory comes from a second run under ``tracemalloc`` (Python
allocations only, excluding the corpus itself, which exists before the run).
Per-token cost divides the time by the number of word tokens medialit counts.
"""
from __future__ import annotations

import gc
import math
import os
import re
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable

NAME = "stats"

#: Corpora up to this many articles are timed this many times (best run kept), the same for every approach.
REPEATS_UP_TO = (1_000, 3)
#: Above this many articles the NLTK baseline's memory run (which doubles its long run time) is skipped.
NLTK_MEMORY_LIMIT = 10_000
#: Environment knobs for a run that must fit a time budget (unset: no limit). Above
#: MEDIALIT_BENCH_NLTK_MAX articles the NLTK baseline is not run at all; above
#: MEDIALIT_BENCH_MEMORY_MAX articles no approach gets a tracemalloc run. Skipped
#: figures print as "not run" / "not measured", never as estimates.
NLTK_MAX = int(os.environ.get("MEDIALIT_BENCH_NLTK_MAX", "0")) or None
MEMORY_MAX = int(os.environ.get("MEDIALIT_BENCH_MEMORY_MAX", "0")) or None


def _g2_table(target: Counter, reference: Counter) -> list[tuple[str, float]]:
    n_t, n_r = sum(target.values()), sum(reference.values())
    rows = []
    for word in target.keys() | reference.keys():
        a, b = target.get(word, 0), reference.get(word, 0)
        e1 = n_t * (a + b) / (n_t + n_r)
        e2 = n_r * (a + b) / (n_t + n_r)
        g2 = 2 * ((a * math.log(a / e1) if a else 0.0) + (b * math.log(b / e2) if b else 0.0))
        rows.append((word, g2 if a / n_t >= b / n_r else -g2))
    rows.sort(key=lambda row: (-row[1], row[0]))
    return rows


def run_medialit(corpus: list[str]) -> int:
    from medialit import stats

    half = len(corpus) // 2
    freqs = stats.word_frequencies(corpus)
    stats.keyness(corpus[:half], corpus[half:])
    return int(freqs["count"].sum())


def run_nltk(corpus: list[str]) -> int:
    from nltk import FreqDist
    from nltk.tokenize import NLTKWordTokenizer

    tokenizer = NLTKWordTokenizer()
    half = len(corpus) // 2
    first, second = FreqDist(), FreqDist()
    for i, text in enumerate(corpus):
        fd = first if i < half else second
        fd.update(tok.lower() for tok in tokenizer.tokenize(text) if any(ch.isalnum() for ch in tok))
    total = first + second
    sorted(total.items(), key=lambda item: (-item[1], item[0]))
    _g2_table(first, second)
    return sum(total.values())


_WORD = re.compile(r"\w+")


def run_regex(corpus: list[str]) -> int:
    half = len(corpus) // 2
    first, second = Counter(), Counter()
    findall = _WORD.findall
    for i, text in enumerate(corpus):
        (first if i < half else second).update(findall(text.lower()))
    total = first + second
    sorted(total.items(), key=lambda item: (-item[1], item[0]))
    _g2_table(first, second)
    return sum(total.values())


APPROACHES: dict[str, Callable[[list[str]], int]] = {"medialit": run_medialit, "nltk": run_nltk, "regex": run_regex}


def _time(fn: Callable[[list[str]], int], corpus: list[str], repeats: int) -> tuple[float, int]:
    """The best of ``repeats`` runs (other processes only ever add time)."""
    best = math.inf
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        tokens = fn(corpus)
        best = min(best, time.perf_counter() - start)
    return best, tokens


def _peak(fn: Callable[[list[str]], int], corpus: list[str]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        fn(corpus)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run(corpus: list[str]) -> list[dict]:
    """Time the three approaches on ``corpus``; one row per approach."""
    from medialit import stats  # noqa: F401  import costs outside the timings
    import nltk.tokenize  # noqa: F401

    run_medialit(corpus[:20])  # warm caches (stop words, compiled patterns)
    repeats = REPEATS_UP_TO[1] if len(corpus) <= REPEATS_UP_TO[0] else 1
    load = os.getloadavg()[0]
    results = {}
    for name, fn in APPROACHES.items():
        if name == "nltk" and NLTK_MAX is not None and len(corpus) > NLTK_MAX:
            continue
        seconds, tokens = _time(fn, corpus, repeats)
        skip_memory = (name == "nltk" and len(corpus) > NLTK_MEMORY_LIMIT) or (
            MEMORY_MAX is not None and len(corpus) > MEMORY_MAX
        )
        results[name] = (seconds, tokens, None if skip_memory else _peak(fn, corpus))
    ours_seconds, ours_tokens, _ = results["medialit"]
    rows = []
    for name, (seconds, tokens, peak) in results.items():
        rows.append(
            {
                "approach": name,
                "seconds": round(seconds, 3),
                "tokens": tokens,
                "ns_per_token": round(seconds / ours_tokens * 1e9, 1),
                "x_vs_medialit": round(seconds / ours_seconds, 2),
                "peak_MiB": "not measured" if peak is None else round(peak / 2**20, 1),
                "runs": repeats,
                "load_avg": round(load, 1),
            }
        )
    return rows


GOALS = (
    "medialit >= 5x faster than nltk (a); medialit within 3x of regex (b); "
    "medialit's per-token cost at the largest size within 1.2x of the smallest"
)


def summarize(results: dict[int, list[dict]]) -> list[str]:
    """Check the goals over all sizes run; one line per goal, saying met or not met."""
    lines = [f"Goals: {GOALS}."]
    by_size = {size: {row["approach"]: row for row in rows} for size, rows in results.items()}
    for size, rows in sorted(by_size.items()):
        ours = rows["medialit"]["seconds"]
        floor = ours / rows["regex"]["seconds"]
        if "nltk" in rows:
            speedup = rows["nltk"]["seconds"] / ours
            versus = f"{speedup:.1f}x faster than nltk ({'met' if speedup >= 5 else 'NOT met'})"
        else:
            versus = "nltk baseline not run at this size (MEDIALIT_BENCH_NLTK_MAX)"
        lines.append(f"{size:>7,} articles: medialit is {versus}, {floor:.2f}x the time of regex ({'met' if floor <= 3 else 'NOT met'}).")
    if len(by_size) > 1:
        small, large = min(by_size), max(by_size)
        growth = by_size[large]["medialit"]["ns_per_token"] / by_size[small]["medialit"]["ns_per_token"]
        lines.append(
            f"Per-token cost {large:,} vs {small:,} articles: {growth:.2f}x ({'met' if growth <= 1.2 else 'NOT met'})."
        )
    return lines
