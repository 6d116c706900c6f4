"""Benchmark: medialit.attribution.extract_attributions, articles per second on one core.

The task: find every attribution in each synthetic article of ``corpus.make_corpus``
(about 500 word tokens each, with quotations and reporting verbs). The goal from the
kit's issue is at least 200 articles per second on one core.

Timing: one warm-up call (lexicon loading, NLTK Punkt set-up) outside the timer; then
``extract_attributions`` on every article in turn, timed with ``time.perf_counter`` (wall
clock) and ``time.process_time`` (CPU time of this process: on a shared machine the wall-clock
rate falls when other processes run, the CPU-time rate much less).
Large corpora are sampled: at most ``MAX_TIMED`` articles (the first ones) are timed,
because the rate is per article and does not depend on the corpus size; the row says
how many were timed. ``voice_map`` (which runs the extractor and the hedge finder) is
timed on the same sample for comparison.
"""
from __future__ import annotations

import time

NAME = "attribution"
#: At most this many articles are timed per size (the rate does not depend on corpus size).
MAX_TIMED = 3_000
GOAL = 200.0


def run(corpus: list[str]) -> list[dict]:
    from medialit.attribution import extract_attributions, voice_map

    extract_attributions(corpus[0])  # warm-up: lexicons, Punkt
    sample = corpus[:MAX_TIMED]
    t0, c0 = time.perf_counter(), time.process_time()
    n_rows = 0
    for text in sample:
        n_rows += len(extract_attributions(text))
    t_extract = time.perf_counter() - t0
    cpu_extract = time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    for text in sample:
        voice_map(text)
    t_voice = time.perf_counter() - t0
    cpu_voice = time.process_time() - c0
    return [
        {"function": "extract_attributions", "articles": len(corpus), "timed": len(sample),
         "seconds": round(t_extract, 3), "articles_per_s": round(len(sample) / t_extract, 1),
         "articles_per_cpu_s": round(len(sample) / cpu_extract, 1),
         "rows_per_article": round(n_rows / len(sample), 2)},
        {"function": "voice_map", "articles": len(corpus), "timed": len(sample),
         "seconds": round(t_voice, 3), "articles_per_s": round(len(sample) / t_voice, 1),
         "articles_per_cpu_s": round(len(sample) / cpu_voice, 1), "rows_per_article": ""},
    ]


def summarize(results: dict[int, list[dict]]) -> list[str]:
    lines = []
    for size, rows in sorted(results.items()):
        rate, cpu = rows[0]["articles_per_s"], rows[0]["articles_per_cpu_s"]
        verdict = "meets" if cpu >= GOAL else "MISSES"
        lines.append(f"attribution, {size:,} articles ({rows[0]['timed']:,} timed): "
                     f"{rate:,.0f} articles/s wall clock, {cpu:,.0f} per CPU second: {verdict} the goal of "
                     f"{GOAL:.0f} articles/s on one core")
    return lines
