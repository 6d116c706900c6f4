"""Benchmark: medialit.attribution.voice_map on one long text, to show how its time grows.

The task: the voice map (one row per sentence, who speaks in it) of a single text of ``n``
sentences, for ``n`` = the benchmark's size (``make bench``: 1,000, 10,000 and 100,000
sentences). The issue that asked for this benchmark measured 8 s at 8,000 sentences and over
300 s on 10 MB of prose: the time grew with the square of the text. It should grow with the text.

The text: the sentences of the kit's Wikinews corpus (``data/corpora/wikinews``, 266 CC BY 2.5
reports, checked against its manifest), in corpus order, taken in paragraphs of five and
cycled until there are ``n``: real news prose, with its quotations and attributions, and no
paragraph repeated next to itself. (The synthetic articles ``run.py`` passes are not used; only
their number is, as the number of sentences.) ``medialit.text.sentence_spans`` may split the
joined text into slightly fewer sentences than were put in; the row gives both.

Timing: one warm-up call on one sentence (lexicons, Punkt) outside the timer; then one call on
the whole text, timed with ``time.perf_counter`` (wall clock) and ``time.process_time`` (CPU
time of this process, which other processes on a shared machine disturb much less). The figure
to read is CPU microseconds per sentence: flat when the time is linear in the text.
"""
from __future__ import annotations

import os
import time

NAME = "voice_map"
#: Sentences per paragraph of the built text.
PARAGRAPH = 5

_POOL: list[str] = []


def _pool() -> list[str]:
    if not _POOL:
        from medialit.corpus import load_kit_corpus
        from medialit.text import sentence_spans

        for text in load_kit_corpus("wikinews")["text"]:
            _POOL.extend(" ".join(text[s:e].split()) for s, e in sentence_spans(text))
    return _POOL


def build_text(n: int) -> str:
    """A text of ``n`` Wikinews sentences, ``PARAGRAPH`` to a paragraph, cycling through the corpus."""
    pool = _pool()
    paragraphs = []
    for k in range(0, n, PARAGRAPH):
        paragraphs.append(" ".join(pool[(k + j) % len(pool)] for j in range(min(PARAGRAPH, n - k))))
    return "\n\n".join(paragraphs)


def run(corpus: list[str]) -> list[dict]:
    from medialit.attribution import voice_map

    n = len(corpus)
    text = build_text(n)
    voice_map(_pool()[0])  # warm-up: lexicons, Punkt
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    t0, c0 = time.perf_counter(), time.process_time()
    rows = len(voice_map(text))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return [{"sentences_in": n, "sentences_found": rows, "characters": len(text), "seconds": round(seconds, 2),
             "cpu_seconds": round(cpu, 2), "cpu_us_per_sentence": round(1e6 * cpu / max(rows, 1), 1),
             "load_avg": round(load, 2)}]


def summarize(results: dict[int, list[dict]]) -> list[str]:
    sizes = sorted(results)
    lines = [f"voice_map, {results[s][0]['sentences_found']:,} sentences: {results[s][0]['seconds']:,.2f} s "
             f"({results[s][0]['cpu_seconds']:,.2f} s CPU, {results[s][0]['cpu_us_per_sentence']:,.0f} µs per sentence)"
             for s in sizes]
    if len(sizes) > 1:
        small, large = results[sizes[0]][0], results[sizes[-1]][0]
        growth = large["cpu_us_per_sentence"] / max(small["cpu_us_per_sentence"], 1e-9)
        verdict = "about linear" if growth < 2 else "FASTER THAN LINEAR"
        lines.append(f"voice_map: the CPU time per sentence changes by a factor {growth:.2f} from "
                     f"{sizes[0]:,} to {sizes[-1]:,} sentences: {verdict} (1 = exactly linear)")
    return lines
