"""medialit.prose: counts glued into sentences agree with their number; sentence labels are 1-based."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from medialit.prose import count, number, sentence_label, sentence_range, verb


@pytest.mark.parametrize("bad", [1.5, "3", None, True])
def test_number_refuses_what_is_not_a_whole_number(bad):
    with pytest.raises(TypeError, match="whole number"):
        number(bad)


def test_number_refuses_negative_counts():
    with pytest.raises(ValueError, match="negative"):
        count(-1, "sentence")


def test_numpy_integers_are_counts():
    assert count(np.int64(2), "outlet") == "two outlets"
    assert number(np.float64(12.0)) == "12"


def test_count_needs_a_noun():
    with pytest.raises(ValueError, match="noun"):
        count(2, " ")


def test_singular_and_plural_agree_with_the_verb():
    n = 1
    assert f"{count(n, 'label', capital=True)} {verb(n, 'is', 'are')} neutral" == "One label is neutral"
    n = 0
    assert f"{count(n, 'label', zero='none of the')} {verb(n, 'is', 'are')} neutral" == "none of the labels are neutral"


@given(st.integers(min_value=0, max_value=10**7))
def test_large_numbers_in_figures_small_in_words(n):
    text = number(n)
    assert text.isalpha() == (n <= 10)
    if n > 10:
        assert int(text.replace(",", "")) == n


@given(st.lists(st.integers(min_value=0, max_value=40), max_size=15))
def test_sentence_range_names_each_index_once_and_1_based(indices):
    text = sentence_range(indices)
    named = set()
    if indices:
        for part in text.split(", "):
            first, _, last = part.partition("–")
            a = int(first[1:])
            b = int(last[1:]) if last else a
            named.update(range(a - 1, b))
    assert named == set(indices)


def test_sentence_label_refuses_negative_indices():
    with pytest.raises(ValueError):
        sentence_label(-1)
