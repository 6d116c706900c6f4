"""medialit.text: tokens, sentences and stop words, offline."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medialit.text import check_texts, sentence_spans, sentences, stopwords, token_spans, tokenize


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the group’s fighters", ["the", "group's", "fighters"]),
        ("the group's fighters", ["the", "group's", "fighters"]),
        ("al-Baghdadi and al-Qaida", ["al-Baghdadi", "and", "al-Qaida"]),
        ("the U.S. and the U.K.", ["the", "U.S.", "and", "the", "U.K."]),
        ("1,000 Russians; 3.5 km; 2015", ["1,000", "Russians", "3.5", "km", "2015"]),
        ("“Caliphate” — ‘province’", ["Caliphate", "province"]),
        ("", []),
    ],
)
def test_tokenize(text, expected):
    assert tokenize(text) == expected


def test_tokenize_options():
    assert tokenize("Putin, the dogs!", lower=True, keep_punct=True) == ["putin", ",", "the", "dogs", "!"]


def test_token_spans_point_at_the_words(seed_text):
    for token, start, end in token_spans(seed_text):
        assert seed_text[start:end].replace("\u2019", "'") == token


@pytest.mark.parametrize("bad, error, message", [
    (None, TypeError, "got NoneType"),
    (b"bytes", TypeError, "Decode it first"),
    (42, TypeError, "got int"),
])
def test_bad_input_says_what_was_given(bad, error, message):
    with pytest.raises(error, match=message):
        tokenize(bad)
    with pytest.raises(error, match=message):
        sentences(bad)


def test_check_texts_names_the_bad_element():
    with pytest.raises(TypeError, match=r"texts\[2\].*NoneType"):
        check_texts(["a", "b", None])
    with pytest.raises(ValueError, match=r"texts\[0\] is empty"):
        check_texts(["   "])
    with pytest.raises(ValueError, match="empty list"):
        check_texts([])


def test_seed_sentences(seed_text):
    found = sentences(seed_text)
    assert len(found) == 19
    assert found[0] == "ISIS branch calls on Muslims to kill 'Russian apostates', vows to attack Putin"
    # A line break always ends a sentence: the repeated headline has no full stop.
    assert found[2] == "ISIS branch calls on Muslims to kill 'Russian apostates'"
    assert found[6].endswith("on February 15, killing two Russian police officers.")
    assert found[16].endswith('fighters," he states.')


@pytest.mark.parametrize("text, n", [
    ("Gen. Smith met Rep. Jones. They spoke.", 2),
    ("It happened on Feb. 15 in the U.S. capital. Police said so.", 2),
    ("Dr. Ali arrived at 10 p.m. on Sat. and left.", 1),
    ("One.\n\nTwo", 2),
])
def test_abbreviations_do_not_end_sentences(text, n):
    assert len(sentences(text)) == n


@given(st.text(max_size=300))
def test_sentence_spans_lie_inside_the_text_in_order(text):
    previous_end = 0
    for start, end in sentence_spans(text):
        assert 0 <= previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end


@given(st.text(max_size=300))
def test_tokens_never_contain_white_space(text):
    assert all(not any(c.isspace() for c in token) for token in tokenize(text, keep_punct=True))


def test_stopwords_are_function_words_only():
    words = stopwords()
    assert {"the", "and", "of", "he", "was"} <= words
    assert not {"alleged", "so-called", "claims", "reportedly", "putin"} & words
    assert all(w == w.lower() and w.strip() == w for w in words)


@pytest.mark.parametrize("text, expected", [
    ('She said: "The hotel had six floors[...] It was negligence."',
     ['She said: "The hotel had six floors[...]', 'It was negligence."']),
    ('He said: "I am sure [...] it was wrong."', ['He said: "I am sure [...] it was wrong."']),
    ('He endorsed Joe Biden. [...] Today I am glad.', ['He endorsed Joe Biden.', '[...] Today I am glad.']),
])
def test_an_omission_mark_before_a_capital_ends_a_quoted_sentence(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("text, n", [
    ('U.S. Representative Tulsi Gabbard won. She spoke.', 2),
    ('The train left at 8:17 a.m. local time. It arrived late.', 2),
    ('"This is a political nature. This has nothing to do with it," he said.', 2),
    ('The agency said: "No troops were injured." Seventeen rockets struck.', 2),
])
def test_news_sentence_boundaries(text, n):
    assert len(sentences(text)) == n


def test_the_fast_punkt_gives_nltks_sentences_on_the_kits_texts():
    """medialit.text applies Punkt's decisions without NLTK's per-token objects; on every line of
    the kit's case texts and of sixty Wikinews reports the spans must be NLTK's own."""
    import re

    from medialit.corpus import list_articles, load_article, load_kit_corpus
    from medialit.text import _punkt, _punkt_line

    texts = [load_article(name).text for name in list_articles()]
    texts += list(load_kit_corpus("wikinews")["text"])[::4]
    lines = [m.group() for t in texts for m in re.finditer(r"[^\n]+", t)]
    lines += ["Very bad acting!!! I promise.", "(It was.) \"So.\" Then", "In 2019. The man left.", "J. Bach wrote. He left.",
              "Wait... what? No! Yes.", "He met Mr. Smith. Dr. Who came.", "Ends with .\" Next one."]
    nltk_punkt = _punkt()
    for line in lines:
        assert _punkt_line(line) == list(nltk_punkt.span_tokenize(line)), line
