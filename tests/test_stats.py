"""Tests for medialit.stats: exact reference values, properties, and bad input."""
from __future__ import annotations

import math
from collections import Counter
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medialit import stats
from medialit.text import sentence_spans, stopwords, tokenize

# --------------------------------------------------------------------------- shared strategies

WORDS = ["ISIS", "state", "the", "claims", "Putin", "apostates", "al-Qaida", "U.S.", "group's", "1,000", "and"]
SEPARATORS = [" ", ", ", ". ", "\n", " \u201c", "\u201d ", " - ", "; "]
texts_strategy = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=60
).map(lambda pairs: "".join(w + s for w, s in pairs))


# --------------------------------------------------------------------------- log-likelihood


def test_log_likelihood_reference_value_from_ucrel_calculator():
    # 52 hits in 50,000 tokens against 57 in 75,000: UCREL's log-likelihood calculator gives 2.65.
    assert round(stats.log_likelihood(52, 57, 50_000, 75_000), 2) == 2.65


@pytest.mark.parametrize(
    ("a", "b", "total_a", "total_b"),
    [(52, 57, 50_000, 75_000), (10, 0, 1_000, 2_000), (0, 7, 500, 500), (3, 3, 100, 100), (1, 40, 20, 9_000)],
)
def test_log_likelihood_matches_the_formula_written_out(a, b, total_a, total_b):
    e1 = total_a * (a + b) / (total_a + total_b)
    e2 = total_b * (a + b) / (total_a + total_b)
    expected = 2 * ((a * math.log(a / e1) if a else 0.0) + (b * math.log(b / e2) if b else 0.0))
    assert stats.log_likelihood(a, b, total_a, total_b) == pytest.approx(expected, rel=1e-12, abs=1e-12)
    # symmetric in the two corpora
    assert stats.log_likelihood(b, a, total_b, total_a) == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_log_likelihood_is_zero_for_equal_rates():
    assert stats.log_likelihood(5, 10, 1_000, 2_000) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        ((None, 1, 10, 10), TypeError, "a must be a number; got NoneType"),
        (("5", 1, 10, 10), TypeError, "got str"),
        ((True, 1, 10, 10), TypeError, "got bool"),
        ((-1, 1, 10, 10), ValueError, "at least 0; got -1"),
        ((11, 1, 10, 10), ValueError, "exceeds its corpus size"),
        ((0, 0, 0, 10), ValueError, "must be positive"),
        ((1, 1, 10, float("nan")), ValueError, "finite"),
    ],
)
def test_log_likelihood_bad_input(args, error, fragment):
    with pytest.raises(error, match=re.escape(fragment)):
        stats.log_likelihood(*args)


# --------------------------------------------------------------------------- keyness

TARGET = "the apostates attacked the apostates and the police"
REFERENCE = "the police said the attack was stopped by the police and the army"


def test_keyness_columns_order_and_counts():
    result = stats.keyness(TARGET, REFERENCE)
    assert list(result.columns) == ["word", "target_count", "reference_count", "statistic", "p_value", "log_ratio"]
    assert result["statistic"].is_monotonic_decreasing
    row = result.set_index("word").loc["apostates"]
    assert (row["target_count"], row["reference_count"]) == (2, 0)
    assert result["word"].iloc[0] == "apostates"
    # words the target uses less come last, with a negative sign
    assert result.set_index("word").loc["police", "statistic"] < 0
    assert set(result["word"]) == set(tokenize(TARGET, lower=True)) | set(tokenize(REFERENCE, lower=True))


def test_keyness_statistic_is_signed_g2_and_p_value_is_chi_square_tail():
    result = stats.keyness(TARGET, REFERENCE).set_index("word")
    n_t, n_r = len(tokenize(TARGET)), len(tokenize(REFERENCE))
    for word, row in result.iterrows():
        g2 = stats.log_likelihood(row["target_count"], row["reference_count"], n_t, n_r)
        sign = np.sign(row["target_count"] / n_t - row["reference_count"] / n_r)
        assert row["statistic"] == pytest.approx(sign * g2, abs=1e-12), word
        # chi-square with one degree of freedom: P(X >= g) = erfc(sqrt(g / 2))
        assert row["p_value"] == pytest.approx(math.erfc(math.sqrt(g2 / 2)), rel=1e-9), word


def test_keyness_reproduces_the_reference_example_from_texts():
    # The UCREL example built as texts: "w" 52 times in 50,000 tokens against 57 in 75,000.
    frame = stats.keyness(["w " * 52 + "y " * (50_000 - 52)], ["w " * 57 + "y " * (75_000 - 57)])
    row = frame.set_index("word").loc["w"]
    assert round(row["statistic"], 2) == 2.65  # the rate is higher in the target: positive
    # chi-square with 1 df: 2.65 lies below the 10% critical value 2.706 (p = 0.10), so p is a
    # little above 0.10: erfc(sqrt(2.6517 / 2)) = 0.1034
    assert row["p_value"] == pytest.approx(0.1034, abs=1e-4)
    assert row["log_ratio"] == pytest.approx(math.log2((52 / 50_000) / (57 / 75_000)))


def test_log_ratio_is_hardie_binary_log_with_half_count_for_zero():
    result = stats.keyness(TARGET, REFERENCE).set_index("word")
    n_t, n_r = len(tokenize(TARGET)), len(tokenize(REFERENCE))
    assert result.loc["the", "log_ratio"] == pytest.approx(math.log2((3 / n_t) / (4 / n_r)))
    assert result.loc["apostates", "log_ratio"] == pytest.approx(math.log2((2 / n_t) / (0.5 / n_r)))
    assert result.loc["army", "log_ratio"] == pytest.approx(math.log2((0.5 / n_t) / (1 / n_r)))


def _fightin_words_z(y_t: dict, y_r: dict, alpha0: float | None = None) -> dict:
    """Monroe, Colaresi & Quinn (2008), eqs. for the log-odds with an informative Dirichlet prior.

    Written out independently of medialit: the prior is the pooled counts scaled to alpha0.
    """
    n_t, n_r = sum(y_t.values()), sum(y_r.values())
    pooled = {w: y_t.get(w, 0) + y_r.get(w, 0) for w in set(y_t) | set(y_r)}
    a0 = float(n_t + n_r) if alpha0 is None else alpha0
    out = {}
    for w, count in pooled.items():
        a_w = a0 * count / (n_t + n_r)
        yt, yr = y_t.get(w, 0), y_r.get(w, 0)
        omega_t = (yt + a_w) / (n_t + a0 - yt - a_w)
        omega_r = (yr + a_w) / (n_r + a0 - yr - a_w)
        delta = math.log(omega_t) - math.log(omega_r)
        variance = 1 / (yt + a_w) + 1 / (yr + a_w)
        out[w] = delta / math.sqrt(variance)
    return out


@pytest.mark.parametrize("prior_size", [None, 10.0, 500.0])
def test_log_odds_z_scores_match_the_published_formula(prior_size):
    # counts written out by hand for these two texts
    target = "war war war peace talks talks"
    reference = "peace peace peace talks war"
    y_t = {"war": 3, "peace": 1, "talks": 2}
    y_r = {"peace": 3, "talks": 1, "war": 1}
    expected = _fightin_words_z(y_t, y_r, prior_size)
    result = stats.keyness(target, reference, method="log_odds", prior_size=prior_size).set_index("word")
    assert set(result.index) == set(expected)
    for word, z in expected.items():
        assert result.loc[word, "statistic"] == pytest.approx(z, rel=1e-12), word
        assert result.loc[word, "p_value"] == pytest.approx(math.erfc(abs(z) / math.sqrt(2)), rel=1e-9)
    assert list(result.index) == ["war", "talks", "peace"]  # ordered by z


@settings(max_examples=40, deadline=None)
@given(texts_strategy)
@pytest.mark.parametrize("method", ["log_likelihood", "log_odds"])
def test_keyness_of_a_text_against_itself_is_zero(method, text):
    if len(set(tokenize(text, lower=True))) < 2:  # log-odds needs two different words (tested below)
        return
    result = stats.keyness(text, text, method=method)
    assert (result["statistic"] == 0).all()
    assert (result["log_ratio"] == 0).all()
    assert np.allclose(result["p_value"], 1.0)
    assert list(result["word"]) == sorted(result["word"])  # ties are alphabetical


def test_keyness_accepts_lists_of_texts():
    split = stats.keyness(["the apostates", "attacked the apostates"], REFERENCE)
    joined = stats.keyness("the apostates attacked the apostates", REFERENCE)
    pd.testing.assert_frame_equal(split, joined)


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"method": "chi2"}, ValueError, "method must be one of 'log_likelihood', 'log_odds'; got 'chi2'"),
        ({"lower": "yes"}, TypeError, "lower must be True or False; got str"),
        ({"method": "log_odds", "prior_size": 0}, ValueError, "prior_size must be positive"),
    ],
)
def test_keyness_bad_options(kwargs, error, fragment):
    with pytest.raises(error, match=re.escape(fragment)):
        stats.keyness(TARGET, REFERENCE, **kwargs)


def test_keyness_needs_words_on_both_sides():
    with pytest.raises(ValueError, match="reference holds no word tokens"):
        stats.keyness(TARGET, "... !!!")
    with pytest.raises(ValueError, match="log_odds needs at least two different words; got only 'isis'"):
        stats.keyness("ISIS ISIS", "ISIS", method="log_odds")


# --------------------------------------------------------------------------- word frequencies


def test_word_frequencies_counts_rates_and_tie_order():
    result = stats.word_frequencies("b a c a. B, c; c")
    assert list(result.columns) == ["word", "count", "per_10k"]
    assert list(result["word"]) == ["c", "a", "b"]
    assert list(result["count"]) == [3, 2, 2]
    assert list(result["per_10k"]) == pytest.approx([3 / 7 * 10_000, 2 / 7 * 10_000, 2 / 7 * 10_000])


def test_word_frequencies_options():
    text = "The group, the GROUP and the group's claim."
    assert stats.word_frequencies(text, lower=False).set_index("word").loc["The", "count"] == 1
    dropped = stats.word_frequencies(text, drop_stopwords=True)
    assert not set(dropped["word"]) & stopwords()
    # rates stay per 10,000 tokens of the whole text: 2 of 8 tokens
    assert dropped.set_index("word").loc["group", "per_10k"] == pytest.approx(2 / 8 * 10_000)
    with_punct = stats.word_frequencies(text, drop_punct=False).set_index("word")
    assert with_punct.loc[",", "count"] == 1 and with_punct.loc[".", "count"] == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(texts_strategy, min_size=1, max_size=4), st.booleans())
def test_frequency_counts_sum_to_the_token_count(texts, lower):
    result = stats.word_frequencies(texts, lower=lower)
    tokens = [tok for text in texts for tok in tokenize(text, lower=lower)]
    assert result["count"].sum() == len(tokens)
    assert dict(zip(result["word"], result["count"])) == {w: tokens.count(w) for w in set(tokens)}
    assert result["per_10k"].sum() == pytest.approx(10_000 if tokens else 0)
    keys = list(zip(-result["count"], result["word"]))
    assert keys == sorted(keys)


# Characters chosen to stress the chunk-then-tokenize counting in stats._count_tokens:
# Unicode white space of several kinds, separators and apostrophes that join or
# split tokens, a Greek capital sigma (lower-cased by context) and a dotted I
# (lower-cased into two characters).
_HARD_CHARS = list("aZU.S,:-'%3 0\n\t\u00a0\u2003\u2028\x1c\u2019\u2010\u201c\u201d\u03a3\u0391\u0130\u0661_;()")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(_HARD_CHARS), max_size=30), min_size=1, max_size=3),
       st.booleans(), st.booleans())
def test_counting_by_chunks_equals_counting_the_tokens(texts, lower, drop_punct):
    texts = [t for t in texts if t.strip()] or ["x"]
    result = stats.word_frequencies(texts, lower=lower, drop_punct=drop_punct)
    expected = Counter(tok for text in texts for tok in tokenize(text, lower=lower, keep_punct=not drop_punct))
    assert dict(zip(result["word"], result["count"])) == dict(expected)


def test_ngram_frequencies_do_not_cross_texts():
    result = stats.ngram_frequencies(["Islamic State claimed it", "Islamic State said so"], n=2)
    assert list(result.columns) == ["ngram", "count", "per_10k"]
    counts = dict(zip(result["ngram"], result["count"]))
    assert counts["islamic state"] == 2
    assert "it islamic" not in counts
    assert result["count"].sum() == 6
    trigrams = stats.ngram_frequencies("a b c a b c", n=3)
    assert dict(zip(trigrams["ngram"], trigrams["count"])) == {"a b c": 2, "b c a": 1, "c a b": 1}


# --------------------------------------------------------------------------- concordance


def test_concordance_word_is_whole_word_and_case_insensitive():
    text = "Claims differ. IS claims it; officials doubt the claim and its claimants."
    result = stats.concordance(text, "claims", width=5)
    assert list(result.columns) == ["left", "match", "right", "start", "end"]
    assert list(result["match"]) == ["Claims", "claims"]
    assert list(result["start"]) == [0, 18]
    assert result["left"].iloc[1] == "". join(text[13:18])
    assert result["right"].iloc[1] == text[24:29]


def test_concordance_regex_and_curly_apostrophes():
    text = "Putin\u2019s rule. Putin's allies claimed, claiming more."
    assert len(stats.concordance(text, "Putin's")) == 2
    regex = stats.concordance(text, r"claim\w*")
    assert list(regex["match"]) == ["claimed", "claiming"]
    compiled = stats.concordance(text, re.compile(r"putin", re.IGNORECASE))
    assert list(compiled["start"]) == [0, 14]


def test_concordance_no_match_gives_empty_frame_with_columns():
    result = stats.concordance("Nothing here.", "apostates")
    assert result.empty and list(result.columns) == ["left", "match", "right", "start", "end"]


@settings(max_examples=60, deadline=None)
@given(texts_strategy, st.sampled_from(["ISIS", "state", "claims", "U.S.", "group's", r"\bthe\b", r"[A-Z]\w+"]), st.integers(0, 30))
def test_concordance_matches_lie_at_their_offsets(text, pattern, width):
    result = stats.concordance(text, pattern, width=width)
    for row in result.itertuples():
        assert text[row.start:row.end] == row.match
        assert len(row.left) == min(width, row.start)
        assert len(row.right) == min(width, len(text) - row.end)
        assert row.left == text[max(0, row.start - width):row.start].replace("\n", " ")
    assert list(result["start"]) == sorted(result["start"])


@pytest.mark.parametrize(
    ("pattern", "error", "fragment"),
    [
        ("", ValueError, "pattern is empty"),
        (None, TypeError, "pattern must be a string (str); got NoneType"),
        ("a*", ValueError, "matches the empty string"),
        ("(unclosed", ValueError, "is not a valid regular expression"),
    ],
)
def test_concordance_bad_patterns(pattern, error, fragment):
    with pytest.raises(error, match=re.escape(fragment)):
        stats.concordance("some text", pattern)


# --------------------------------------------------------------------------- collocations


def test_collocations_llr_matches_nltk_on_the_same_counts():
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    text = "Islamic State claimed the attack. Islamic State claimed it again. The State said so."
    result = stats.collocations(text, measure="llr", min_count=2)
    assert list(result.columns) == ["word1", "word2", "count", "score"]
    finder = BigramCollocationFinder.from_words(tokenize(text, lower=True))
    finder.apply_freq_filter(2)
    expected = {pair: score for pair, score in finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)}
    got = {(r.word1, r.word2): r.score for r in result.itertuples()}
    assert got == pytest.approx(expected)
    assert list(result["count"]) == [2, 2]


def test_collocations_pmi_window_and_text_boundaries():
    texts = ["alpha beta gamma alpha beta", "delta alpha beta"]
    result = stats.collocations(texts, measure="pmi", min_count=1)
    pairs = set(zip(result["word1"], result["word2"]))
    assert ("beta", "delta") not in pairs  # no pair spans two texts
    # PMI of (alpha, beta): log2(N * f(ab) / (f(a) f(b))) with N = 8 tokens, f(ab) = 3, f(a) = f(b) = 3
    row = result[(result["word1"] == "alpha") & (result["word2"] == "beta")].iloc[0]
    assert row["score"] == pytest.approx(math.log2(8 * 3 / (3 * 3)))
    wide = stats.collocations("a x b a y b", min_count=2, window=3)
    assert ("a", "b") in set(zip(wide["word1"], wide["word2"]))
    keys = list(zip(-result["score"], result["word1"], result["word2"]))
    assert keys == sorted(keys)


def test_collocations_drop_stopwords_and_bad_options():
    result = stats.collocations("of the group of the group", min_count=2, drop_stopwords=True)
    assert not ({*result["word1"], *result["word2"]} & stopwords())
    with pytest.raises(ValueError, match="measure must be one of 'llr', 'pmi'; got 'dice'"):
        stats.collocations("a b", measure="dice")
    with pytest.raises(ValueError, match="window must be at least 2; got 1"):
        stats.collocations("a b", window=1)


# --------------------------------------------------------------------------- lexical diversity


@pytest.mark.parametrize(
    ("data", "kwargs", "expected"),
    [
        ("the cat saw the dog", {}, 4 / 5),
        ("The the THE", {}, 1 / 3),
        (["a", "b", "a", "b", "c"], {"method": "mattr", "window": 3}, (2 / 3 + 2 / 3 + 3 / 3) / 3),
        (["a", "a", "a", "b"], {"method": "mattr", "window": 2}, (1 / 2 + 1 / 2 + 2 / 2) / 3),
        (["a", "b", "c"], {"method": "mattr", "window": 3}, 1.0),
    ],
)
def test_lexical_diversity_exact_values(data, kwargs, expected):
    assert stats.lexical_diversity(data, **kwargs) == pytest.approx(expected, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from("abcdef"), min_size=5, max_size=80), st.integers(1, 5))
def test_mattr_equals_the_mean_of_window_ttrs(tokens, window):
    naive = [len(set(tokens[i:i + window])) / window for i in range(len(tokens) - window + 1)]
    assert stats.lexical_diversity(tokens, method="mattr", window=window) == pytest.approx(sum(naive) / len(naive))


def test_lexical_diversity_errors():
    with pytest.raises(ValueError, match="needs at least window=50 tokens; the text has 3"):
        stats.lexical_diversity("one two three", method="mattr")
    with pytest.raises(ValueError, match="method must be one of 'ttr', 'mattr'; got 'hdd'"):
        stats.lexical_diversity("one two", method="hdd")
    with pytest.raises(ValueError, match="holds no word tokens"):
        stats.lexical_diversity("!!! ...")


# --------------------------------------------------------------------------- readability


def test_flesch_on_a_hand_counted_sentence():
    # "Officials confirmed the attack yesterday." Counted by hand: 1 sentence, 5 words,
    # syllables of-fi-cials 3, con-firmed 2, the 1, at-tack 2, yes-ter-day 3 = 11.
    result = stats.readability("Officials confirmed the attack yesterday.")
    assert (result["sentences"], result["words"], result["syllables"]) == (1, 5, 11)
    assert result["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * 5 - 84.6 * 11 / 5)  # 15.64
    assert result["flesch_kincaid_grade"] == pytest.approx(0.39 * 5 + 11.8 * 11 / 5 - 15.59)  # 12.32
    assert round(result["flesch_reading_ease"], 2) == 15.64
    assert round(result["flesch_kincaid_grade"], 2) == 12.32


def test_flesch_on_two_hand_counted_sentences():
    # 9 words, 2 sentences, every word one syllable except hap-py: 10 syllables.
    result = stats.readability("The cat sat on the mat. It was happy.")
    assert (result["sentences"], result["words"], result["syllables"]) == (2, 9, 10)
    assert round(result["flesch_reading_ease"], 3) == round(206.835 - 1.015 * 4.5 - 84.6 * 10 / 9, 3)


# Syllable counts from a dictionary (American English), for words common in the case texts.
DICTIONARY_SYLLABLES = dict(
    attack=2, officials=3, confirmed=2, yesterday=3, government=3, military=4, terrorist=3, terrorism=4,
    propaganda=4, caliphate=3, apostates=3, video=3, about=2, province=2, muslims=2, russian=2, russia=2,
    against=2, city=2, already=3, violence=3, region=2, nation=2, information=4, security=4, statement=2,
    claimed=1, killed=1, wanted=2, released=2, reported=3, said=1, told=1, according=3, spokesperson=3,
    international=5, organization=5, communications=5, extremist=3, group=1, leader=2, people=2, media=3,
    radio=3, area=3, idea=3, create=2, because=2, country=2, many=2, united=3, states=1, forces=2, pages=2,
    wishes=2, little=2, whole=1, lately=2, useful=2, hopeless=2, involvement=3, unfortunately=5,
    associated=5, affiliate=4, identify=4, adversary=4, specifically=5, theories=3, saying=2, player=2,
    they=1, eyes=1, announced=2, threatened=2, believed=2, crocus=2, concert=2, hall=1, moscow=2,
    dagestan=3, officers=3, police=2, suspects=2, evidence=3, ukraine=2, western=2, kremlin=2, claims=1,
    claim=1, fighters=2, branch=1, calls=1, kill=1, jihad=2, sharia=3, allegiance=3, emir=2, deputy=3,
    titled=2, recording=3, weapons=2, agency=3, sources=2, journalists=3, quoted=2, described=2, senior=2,
    analysts=3, experts=2, warned=1, tactics=2, recruitment=3, online=2, channels=2, attacks=2,
    responsibility=6, immediately=5,
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("state", 1), ("claimed", 1), ("wanted", 2), ("forces", 2), ("states", 1), ("little", 2), ("whole", 1),
     ("U.S.", 2), ("FSB", 3), ("al-Qaida", 3), ("media", 3), ("nation", 2), ("saying", 2), ("titled", 2),
     ("lately", 2), ("Putin\u2019s", 2), ("a", 1), ("rhythm", 1)],
)
def test_count_syllables_rules(word, expected):
    assert stats.count_syllables(word) == expected


def test_count_syllables_accuracy_on_dictionary_words():
    # The rules are a heuristic; on this list of 117 words they get 107 right (91%).
    # Require at least 90% so a change that breaks a rule fails here.
    right = [w for w, n in DICTIONARY_SYLLABLES.items() if stats.count_syllables(w) == n]
    assert len(right) / len(DICTIONARY_SYLLABLES) >= 0.90


READABILITY_TEXTS = {
    "plain-police": "The police closed the road near the station on Monday. Two officers were hurt in the attack. "
    "A spokesman said the men had been planning it for weeks. Residents were told to stay inside until the evening.",
    "plain-reporters": "Reporters who cover extremist groups face a difficult choice. Quoting a statement lets "
    "readers judge it for themselves, but it also spreads the message. Many editors now paraphrase threats "
    "and keep the exact words out of headlines.",
    "plain-video": "The video lasts about four minutes. It shows armed men reading a prepared text and calls on "
    "followers to act alone. Analysts said the production was cheap and the claims could not be verified.",
    "dense-agencies": "Governments have created agencies to counter online propaganda. Their critics argue that "
    "such agencies can themselves become sources of misleading information, especially when their funding and "
    "methods are not published.",
    "short-sentences": "It rained. We stayed at home and read old newspapers. My sister found a story about the "
    "flood of 1952, when the river rose over the bridge.",
}


@pytest.fixture(scope="module")
def textstat_en():
    """textstat configured to count syllables with Pyphen's American English hyphenation dictionary.

    textstat 0.7 looks up English syllables in NLTK's CMU dictionary and calls nltk.download when
    it is missing, which the kit forbids (and which fails offline). For a language tag with no
    underscore it skips the CMU lookup, counts with Pyphen, and keeps the English Flesch constants;
    "en-US" (the BCP 47 spelling) is such a tag and Pyphen reads it as en_US.
    """
    from textstat.backend.utils._get_lang_root import get_lang_root
    from textstat.textstat import textstatistics

    assert get_lang_root("en-US") != "en", "textstat would now try to download NLTK's cmudict"
    ts = textstatistics()
    ts.set_lang("en-US")
    return ts


def _texts_for_textstat(seed_text):
    return {**READABILITY_TEXTS, "seed-article": seed_text}


def test_readability_agrees_with_textstat_within_tolerance(textstat_en, seed_text):
    # Why they differ, and the tolerances that follow:
    # * Syllables. textstat (without the CMU dictionary) counts hyphenation points with Pyphen,
    #   which never splits off a one-letter syllable ("about", "video", "city" count 1): it
    #   undercounts. Our rules count vowel groups; on the dictionary list above they are right
    #   91% of the time against Pyphen's 74%. We find 4-11% more syllables per word, and 84.6
    #   points of Reading Ease per syllable per word turns 0.1 syllable/word into 8.5 points.
    # * Sentences. textstat splits on punctuation by regular expression; we use Punkt with the
    #   kit's abbreviations, and always split at line breaks (headlines); the seed article gets
    #   19 sentences here, 17 there.
    # * Words. Both count words without punctuation; numbers are words for textstat, not for us.
    # Tolerance: Reading Ease within 12 points, grade within 1.5 grades, syllables per word
    # between 0% and 12% above textstat's, words within 3%.
    for name, text in _texts_for_textstat(seed_text).items():
        ours = stats.readability(text)
        fre, grade = textstat_en.flesch_reading_ease(text), textstat_en.flesch_kincaid_grade(text)
        assert abs(ours["flesch_reading_ease"] - fre) <= 12, (name, ours["flesch_reading_ease"], fre)
        assert abs(ours["flesch_kincaid_grade"] - grade) <= 1.5, (name, ours["flesch_kincaid_grade"], grade)
        ratio = ours["syllables"] / textstat_en.syllable_count(text)
        assert 1.0 <= ratio <= 1.12, (name, ratio)
        assert abs(ours["words"] - textstat_en.lexicon_count(text)) <= 0.03 * ours["words"] + 1, name


def test_readability_errors():
    with pytest.raises(ValueError, match="no words to measure"):
        stats.readability("2024. 1,000!")


# --------------------------------------------------------------------------- sentiment


def test_sentiment_rows_offsets_and_scores_match_vadersentiment():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as PackageVader

    text = "The attack killed two officers.\nNeighbours were relieved and grateful. It is Tuesday."
    result = stats.sentiment(text)
    assert list(result.columns) == ["sentence", "start", "end", "neg", "neu", "pos", "compound"]
    assert list(zip(result["start"], result["end"])) == sentence_spans(text)
    for row in result.itertuples():
        assert text[row.start:row.end] == row.sentence
        reference = PackageVader().polarity_scores(row.sentence)
        assert row.compound == pytest.approx(reference["compound"], abs=1e-4)
    assert result["compound"].iloc[0] < -0.5 < 0.5 < result["compound"].iloc[1]
    assert result["compound"].iloc[2] == 0


def test_sentiment_scores_quoted_threats_as_negative():
    # The failure mode the docstring warns about: a neutral report of a threat scores negative.
    result = stats.sentiment('The group told followers to "kill the apostates", the report said.')
    assert result["compound"].iloc[0] < -0.5


# --------------------------------------------------------------------------- bad input, all functions

CALLS = {
    "word_frequencies": lambda x: stats.word_frequencies(x),
    "ngram_frequencies": lambda x: stats.ngram_frequencies(x),
    "collocations": lambda x: stats.collocations(x),
    "keyness-target": lambda x: stats.keyness(x, "a reference text"),
    "keyness-reference": lambda x: stats.keyness("a target text", x),
    "concordance": lambda x: stats.concordance(x, "word"),
    "readability": lambda x: stats.readability(x),
    "sentiment": lambda x: stats.sentiment(x),
    "lexical_diversity": lambda x: stats.lexical_diversity(x),
}
ONE_TEXT = {"concordance", "readability", "sentiment"}


@pytest.mark.parametrize("name", sorted(CALLS))
@pytest.mark.parametrize(
    ("bad", "error", "fragment"),
    [
        (None, TypeError, "got NoneType"),
        (b"bytes", TypeError, "got bytes. Decode it first"),
        ("", ValueError, "is empty"),
        ("   \n", ValueError, "is empty"),
        (["fine", 3], TypeError, "[1] must be a string (str); got int: 3"),
        ([], ValueError, "empty list"),
        (42, TypeError, "got int: 42"),
    ],
)
def test_bad_input_says_what_was_given_and_expected(name, bad, error, fragment):
    if name in ONE_TEXT and isinstance(bad, list):  # these take one text, not a list
        error, fragment = TypeError, "got list"
    with pytest.raises(error, match=re.escape(fragment)):
        CALLS[name](bad)


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda: stats.word_frequencies("a", lower=1), TypeError, "lower must be True or False; got int"),
        (lambda: stats.ngram_frequencies("a b", n=0), ValueError, "n must be at least 1; got 0"),
        (lambda: stats.ngram_frequencies("a b", n=2.0), TypeError, "n must be a whole number (int); got float"),
        (lambda: stats.concordance("a b", "a", width=-1), ValueError, "width must be at least 0; got -1"),
        (lambda: stats.collocations("a b", min_count=0), ValueError, "min_count must be at least 1; got 0"),
        (lambda: stats.count_syllables(None), TypeError, "word must be a string (str); got NoneType"),
    ],
)
def test_bad_options(call, error, fragment):
    with pytest.raises(error, match=re.escape(fragment)):
        call()


# --------------------------------------------------------------------------- import cost


def test_importing_stats_does_not_import_nltk():
    code = "import sys, medialit.stats, medialit.plots; print('nltk' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stderr


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab '-.\u2019\u02bc\u2010\u2011\u201c\u201dIS")), max_size=40))
def test_fast_straightening_equals_the_translation_table(text):
    # medialit.text._straighten replaced str.translate for speed; it must give the same text.
    from medialit.text import _CURLY, _straighten

    assert _straighten(text) == text.translate(_CURLY)


def test_corpus_concordance_tags_each_line_with_its_text():
    import pandas as pd

    from medialit.stats import concordance, corpus_concordance

    texts = {"a": "The group claimed the attack.", "b": "Nobody claimed it. Officials claimed otherwise."}
    table = corpus_concordance(texts, "claimed", width=10)
    assert table["id"].tolist() == ["a", "b", "b"]
    for row in table.itertuples():
        assert texts[row.id][row.start:row.end] == row.match
    frame = pd.DataFrame({"id": list(texts), "text": list(texts.values())})
    pd.testing.assert_frame_equal(corpus_concordance(frame, "claimed", width=10), table)
    body = concordance(texts["b"], "claimed", width=10)
    assert table[table["id"] == "b"].drop(columns="id").reset_index(drop=True).equals(body)
    empty = corpus_concordance(texts, "missile")
    assert empty.empty and list(empty.columns) == ["id", "left", "match", "right", "start", "end"]
    with pytest.raises(TypeError, match="DataFrame with id and text"):
        corpus_concordance(["a text"], "x")
    with pytest.raises(ValueError, match="lacks the column"):
        corpus_concordance(pd.DataFrame({"text": ["x"]}), "x")


def test_split_by_spans_cuts_inside_and_outside_in_order():
    from medialit.stats import split_by_spans

    text = 'The emir said: "We will return. Nobody can stop us." Police said the road was closed.'
    inner = (text.index("We"), text.index('us."') + 3)
    pieces = split_by_spans(text, [inner, (inner[0] + 3, inner[1] - 5)])  # overlapping spans merge
    assert pieces["inside"].tolist() == [False, True, False]
    assert pieces["text"].tolist() == ["The emir said", "We will return. Nobody can stop us.",
                                       "Police said the road was closed."]
    for row in pieces.itertuples():
        assert text[row.start:row.end] == row.text
    assert split_by_spans(text, [])["inside"].tolist() == [False]
    with pytest.raises(ValueError, match="outside the text"):
        split_by_spans(text, [(5, 500)])
