"""Numbers in sentences: the small helpers that let a page glue a count into prose correctly.

A chapter computes a number and glues it into a sentence (``{glue:text}`n_labels` ``). Two
things go wrong when the template is written once and the number changes: the grammar ("1 are
neutral", "0 of the seed's 14 labels") and the house style, which writes small numbers in words
("three sentences", not "3 sentences"). These helpers produce the whole phrase, so the template
cannot disagree with its number:

>>> count(1, "attribution")
'one attribution'
>>> count(0, "label", zero="none of the")
'none of the labels'
>>> count(14, "label")
'14 labels'

The kit also numbers the seed article's sentences from 1 (S1 ... S19, as the close-reading
table does) while the code counts from 0 (``sentence_index``); :func:`sentence_label` converts,
so prose never shows a 0-based index:

>>> sentence_label(0)
'S1'
>>> sentence_range([16, 17, 18])
'S17–S19'

Caveat: the words are English and the plurals regular unless you pass ``plural``.
"""
from __future__ import annotations

from collections.abc import Iterable

__all__ = ["NUMBER_WORDS", "count", "number", "sentence_label", "sentence_range", "verb"]

#: Numbers written in words in prose (the kit's style: zero to ten in words, larger in figures).
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _check_int(n: object, name: str = "n") -> int:
    if isinstance(n, bool):
        raise TypeError(f"{name} must be a whole number, not a truth value; got {n!r}.")
    if not isinstance(n, int):
        # numpy integers and the like: accept anything that is integral
        try:
            as_int = int(n)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            raise TypeError(f"{name} must be a whole number; got {n!r} ({type(n).__name__}).") from None
        if as_int != n:
            raise TypeError(f"{name} must be a whole number; got {n!r}.")
        n = as_int
    if n < 0:
        raise ValueError(f"{name} must not be negative; got {n}.")
    return int(n)


def number(n: int, *, capital: bool = False) -> str:
    """A count as prose: zero to ten in words, larger numbers in figures with thousands commas.

    >>> number(3), number(10), number(11), number(12345)
    ('three', 'ten', '11', '12,345')
    >>> number(2, capital=True)
    'Two'

    Raises:
        TypeError: ``n`` is not a whole number.
        ValueError: ``n`` is negative.
    """
    n = _check_int(n)
    text = NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else f"{n:,}"
    return text[:1].upper() + text[1:] if capital else text


def count(n: int, noun: str, *, plural: str | None = None, zero: str | None = None,
          capital: bool = False) -> str:
    """``n`` and its noun, agreeing in number: "one sentence", "three sentences", "no sentences".

    Args:
        n: the count (a whole number, 0 or more).
        noun: the singular noun.
        plural: the plural, when it is not ``noun + "s"``.
        zero: the words that stand for 0 ("no" unless given), followed by the plural.
        capital: capitalise the first letter (for the start of a sentence).

    >>> count(2, "quotation mark"), count(1, "hedge"), count(0, "cue")
    ('two quotation marks', 'one hedge', 'no cues')
    >>> count(3, "analysis", plural="analyses", capital=True)
    'Three analyses'
    """
    n = _check_int(n)
    if not isinstance(noun, str) or not noun.strip():
        raise ValueError(f"noun must be a non-empty string; got {noun!r}.")
    many = plural if plural is not None else noun + "s"
    if n == 0:
        text = f"{zero if zero is not None else 'no'} {many}"
    else:
        text = f"{number(n)} {noun if n == 1 else many}"
    return text[:1].upper() + text[1:] if capital else text


def verb(n: int, singular: str, plural: str) -> str:
    """The verb form that agrees with ``n``: ``verb(1, "is", "are")`` is "is".

    >>> verb(1, "is", "are"), verb(4, "is", "are"), verb(0, "names", "name")
    ('is', 'are', 'name')
    """
    return singular if _check_int(n) == 1 else plural


def sentence_label(index: int) -> str:
    """The prose name of a sentence given its 0-based ``sentence_index``: 0 -> "S1".

    >>> sentence_label(16)
    'S17'
    """
    return f"S{_check_int(index, 'index') + 1}"


def sentence_range(indices: Iterable[int]) -> str:
    """0-based sentence indices as prose labels, runs joined with an en dash.

    >>> sentence_range([5, 6, 7, 17, 18])
    'S6–S8, S18–S19'
    >>> sentence_range([9])
    'S10'
    >>> sentence_range([])
    'none'
    """
    numbers = sorted({_check_int(i, "index") for i in indices})
    if not numbers:
        return "none"
    runs: list[list[int]] = [[numbers[0], numbers[0]]]
    for i in numbers[1:]:
        if i == runs[-1][1] + 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return ", ".join(sentence_label(a) if a == b else f"{sentence_label(a)}–{sentence_label(b)}" for a, b in runs)
