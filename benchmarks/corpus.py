"""Deterministic synthetic news corpora for the benchmarks (no external data).

:func:`make_corpus` returns ``n`` articles of about 500 word tokens each. Every
article is built from its own seeded random generator (seed = article number),
so the 1,000-article corpus is exactly the first 1,000 articles of the
100,000-article one, and every run produces the same text.

The articles imitate wire copy closely enough for tokenizers and quotation
finders to do real work: a Zipf-like vocabulary of made-up content words, names
(some hyphenated, some with curly apostrophes), abbreviations ("U.S."), numbers
with separators, and quotations in straight and curly quotes attributed with
reporting verbs ("said", "told", "according to"), in both orders
(``"...," X said.`` and ``X said: "..."``). The words are not English and mean
nothing; only their statistics matter.
"""
from __future__ import annotations

import random
from functools import lru_cache

__all__ = ["make_corpus", "REPORTING_VERBS"]

REPORTING_VERBS = ("said", "told reporters", "claimed", "warned", "stated", "added", "insisted", "alleged")
_FUNCTION = (
    "the of and to in a that for on is was with by as at from it its has have be are were "
    "not but this which after said an or who their they had been will would also more than"
).split()
_SYLLABLES = "ka ri to ma ne su lo vi da pe ra no si te mu ba go fe zi lu ha ko".split()
_NAMES = [
    "Abu Yasser", "Karimov", "al-Rashid", "Petrova", "O\u2019Neill", "Dzhemikent", "Novak", "Haddad",
    "U.S. officials", "the ministry", "a spokesperson", "police", "the group", "analysts",
]


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[list[str], list[float]]:
    rng = random.Random(20240322)
    words: set[str] = set()
    while len(words) < 12_000:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    content = sorted(words)
    rng.shuffle(content)
    vocab = _FUNCTION + content
    weights = [1.0 / (rank + 2.7) for rank in range(len(vocab))]  # Zipf-Mandelbrot, s = 1
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    return vocab, cumulative


def _sentence(rng: random.Random, vocab: list[str], cum: list[float], length: int) -> str:
    words = rng.choices(vocab, cum_weights=cum, k=length)
    if rng.random() < 0.15:
        words[rng.randrange(length)] = f"{rng.randint(1, 999)},{rng.randint(100, 999)}"
    if rng.random() < 0.2:
        words[rng.randrange(length)] = rng.choice(_NAMES)
    text = " ".join(words)
    return text[0].upper() + text[1:]


def _article(index: int, tokens: int) -> str:
    vocab, cum = _vocabulary()
    rng = random.Random(index)
    parts: list[str] = []
    count = 0
    while count < tokens:
        length = rng.randint(8, 24)
        body = _sentence(rng, vocab, cum, length)
        kind = rng.random()
        speaker = rng.choice(_NAMES)
        verb = rng.choice(REPORTING_VERBS)
        if kind < 0.15:
            parts.append(f"\u201c{body},\u201d {speaker} {verb}.")
            count += length + len(speaker.split()) + len(verb.split())
        elif kind < 0.25:
            parts.append(f'{speaker} {verb}: "{body}."')
            count += length + len(speaker.split()) + len(verb.split())
        elif kind < 0.32:
            parts.append(f"{body}, according to {speaker}.")
            count += length + 2 + len(speaker.split())
        else:
            parts.append(body + ".")
            count += length
        if rng.random() < 0.2:
            parts.append("\n\n")
    return " ".join(parts).replace(" \n\n ", "\n\n")


def make_corpus(n: int, *, tokens: int = 500) -> list[str]:
    """Return ``n`` synthetic articles of about ``tokens`` word tokens each.

    >>> a = make_corpus(3)
    >>> a == make_corpus(3) and a[:2] == make_corpus(2)
    True
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a whole number of at least 1; got {n!r}.")
    return [_article(i, tokens) for i in range(n)]
