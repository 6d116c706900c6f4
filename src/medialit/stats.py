"""Simple text statistics: counts, words in context, keyness, readability, sentiment.

Every function takes plain text (one string, or a list of strings where it says
so) and returns a pandas ``DataFrame`` (or a number, or a dict), with rows in a
fixed order: ties are always broken alphabetically, so a notebook prints the same
table on every run.

All counting goes through :func:`medialit.text.tokenize`, so "a word" means the
same thing everywhere in the kit. Each docstring says what the number measures
and how it misleads; read those caveats before you put a number in a sentence.

NLTK is imported only inside the functions that need it (collocations and
sentiment), so counting words does not pay for importing it.
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .text import _TOKEN_ALL, _TOKEN_WORDS, _straighten, check_text, check_texts, sentence_spans, stopwords

__all__ = [
    "collocations",
    "concordance",
    "corpus_concordance",
    "count_syllables",
    "keyness",
    "lexical_diversity",
    "log_likelihood",
    "ngram_frequencies",
    "readability",
    "sentiment",
    "split_by_spans",
    "word_frequencies",
]

#: Constants of Flesch's Reading Ease formula (Flesch 1948):
#: ``206.835 - 1.015 * words/sentence - 84.6 * syllables/word``.
FLESCH_READING_EASE = (206.835, 1.015, 84.6)
#: Constants of the Flesch-Kincaid grade level (Kincaid et al. 1975):
#: ``0.39 * words/sentence + 11.8 * syllables/word - 15.59``.
FLESCH_KINCAID_GRADE = (0.39, 11.8, 15.59)


# --------------------------------------------------------------------------- helpers


def _check_bool(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False; got {type(value).__name__}: {value!r:.60}")
    return value


def _check_int(value: object, name: str, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number (int); got {type(value).__name__}: {value!r:.60}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}; got {value}.")
    return value


def _check_choice(value: object, name: str, choices: Sequence[str]) -> str:
    if value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {options}; got {value!r:.60}.")
    return value  # type: ignore[return-value]


def _count_tokens(texts: list[str], *, lower: bool, keep_punct: bool) -> Counter[str]:
    """Count the tokens of already-checked texts, exactly as :func:`tokenize` splits them.

    This is the hot path of the module, and it counts in two steps:

    1. split every text at white space (``str.split``, in C) and count the
       chunks with ``Counter.update`` (also in C): "group's", "“Putin,", "U.S.";
    2. tokenize each *distinct* chunk once, with the same regular expression
       as :func:`tokenize`, and credit its tokens with the chunk's count.

    The result is the same as tokenizing every text whole, because no token
    contains white space and the tokenizer's only look-ahead asks whether a
    letter follows, which white space and the end of a chunk both answer "no"
    (``tests/test_stats.py`` checks the equality on random text). Lower-casing
    and straightening apostrophes per chunk is also the same, for
    ``str.lower`` never looks across white space. The gain: step 2 runs once
    per distinct chunk, not once per token, so counting a large corpus costs
    about one ``str.split`` per text (measured by ``benchmarks/bench_stats.py``).
    """
    chunks: Counter[str] = Counter()
    update = chunks.update
    for text in texts:
        update(text.split())
    findall = (_TOKEN_ALL if keep_punct else _TOKEN_WORDS).findall
    counts: Counter[str] = Counter()
    for chunk, n in chunks.items():
        for token in findall(_straighten(chunk.lower() if lower else chunk)):
            counts[token] += n
    return counts


def _tokens(text: str, *, lower: bool, keep_punct: bool = False) -> list[str]:
    pattern = _TOKEN_ALL if keep_punct else _TOKEN_WORDS
    return pattern.findall(_straighten(text.lower() if lower else text))


def _sorted_counts(counts: Counter[str]) -> list[tuple[str, int]]:
    """Items ordered by count (highest first), ties alphabetically."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


# --------------------------------------------------------------------------- frequencies


def word_frequencies(
    texts: str | Sequence[str],
    *,
    lower: bool = True,
    drop_stopwords: bool = False,
    drop_punct: bool = True,
) -> pd.DataFrame:
    """Count words in one text or a list of texts.

    Args:
        texts: a text, or a list of texts counted together.
        lower: count "The" and "the" as one word.
        drop_stopwords: leave out the kit's stop words (:func:`medialit.text.stopwords`).
            The rate ``per_10k`` is still per 10,000 tokens of the whole text, so
            rates do not change when stop words are dropped.
        drop_punct: leave out punctuation marks (if ``False``, they are counted
            as tokens and are part of the total).

    Returns:
        A DataFrame with columns ``word`` (str), ``count`` (int) and ``per_10k``
        (float: occurrences per 10,000 tokens), ordered by count (highest
        first), then word (alphabetically).

    What it measures, how it misleads:
        A count says how often a string occurs, not what the text says about it.
        "ISIS", "IS" and "Daesh" are three rows for one group; a word quoted from
        the group counts the same as the reporter's own word; and a long text
        has higher counts than a short one, which is why ``per_10k`` exists.
        Rates from very short texts swing wildly (one word in a 300-word text is
        33 per 10,000).

    >>> word_frequencies("The group claimed the attack. The group's claim was false.")
          word  count  per_10k
    0      the      3   3000.0
    1   attack      1   1000.0
    2    claim      1   1000.0
    3  claimed      1   1000.0
    4    false      1   1000.0
    5    group      1   1000.0
    6  group's      1   1000.0
    7      was      1   1000.0
    """
    items = check_texts(texts)
    lower = _check_bool(lower, "lower")
    drop_stopwords = _check_bool(drop_stopwords, "drop_stopwords")
    drop_punct = _check_bool(drop_punct, "drop_punct")
    counts = _count_tokens(items, lower=lower, keep_punct=not drop_punct)
    total = sum(counts.values())
    if drop_stopwords:
        stops = stopwords()
        if lower:
            counts = Counter({w: c for w, c in counts.items() if w not in stops})
        else:
            counts = Counter({w: c for w, c in counts.items() if w.lower() not in stops})
    rows = _sorted_counts(counts)
    frame = pd.DataFrame(
        {
            "word": pd.Series([w for w, _ in rows], dtype=object),
            "count": np.fromiter((c for _, c in rows), dtype=np.int64, count=len(rows)),
        }
    )
    frame["per_10k"] = frame["count"] * (10_000 / total) if total else frame["count"].astype(float)
    return frame


def ngram_frequencies(texts: str | Sequence[str], *, n: int = 2, lower: bool = True) -> pd.DataFrame:
    """Count sequences of ``n`` consecutive words (n-grams).

    N-grams never run from one text into the next; they do run across sentence
    boundaries inside a text ("attack. The" gives the bigram "attack the"),
    because punctuation is not counted.

    Args:
        texts: a text or a list of texts.
        n: the length of the sequences (2 = bigrams, 3 = trigrams).
        lower: lower-case the words first.

    Returns:
        A DataFrame with columns ``ngram`` (the words joined by single spaces),
        ``count`` and ``per_10k`` (per 10,000 n-grams), ordered by count, then
        n-gram.

    What it measures, how it misleads:
        Frequent n-grams are mostly grammar ("of the", "in the"); the
        interesting ones (names, set phrases such as "so-called caliphate")
        hide further down. A repeated phrase may be one quotation repeated.

    >>> ngram_frequencies("Islamic State claimed it. Islamic State said so.", n=2).head(2)
               ngram  count      per_10k
    0  islamic state      2  2857.142857
    1     claimed it      1  1428.571429
    """
    items = check_texts(texts)
    n = _check_int(n, "n", minimum=1)
    lower = _check_bool(lower, "lower")
    counts: Counter[str] = Counter()
    for text in items:
        tokens = _tokens(text, lower=lower)
        if len(tokens) >= n:
            counts.update(" ".join(gram) for gram in zip(*(tokens[i:] for i in range(n))))
    total = sum(counts.values())
    rows = _sorted_counts(counts)
    frame = pd.DataFrame(
        {
            "ngram": pd.Series([g for g, _ in rows], dtype=object),
            "count": np.array([c for _, c in rows], dtype=np.int64),
        }
    )
    frame["per_10k"] = frame["count"] * (10_000 / total) if total else frame["count"].astype(float)
    return frame


# --------------------------------------------------------------------------- words in context


def _compile_pattern(pattern: object, ignore_case: bool) -> re.Pattern[str]:
    if isinstance(pattern, re.Pattern):
        regex = pattern
    else:
        pattern = check_text(pattern, name="pattern")
        flags = re.IGNORECASE if ignore_case else 0
        if re.fullmatch(r"[\w'\-]+", pattern):  # a plain word: match it as a whole word
            source = r"(?<![\w'\-])" + re.escape(_straighten(pattern)) + r"(?![\w\-]|'\w)"
        else:
            source = pattern
        try:
            regex = re.compile(source, flags)
        except re.error as exc:
            raise ValueError(
                f"pattern {pattern!r} is not a valid regular expression ({exc}); "
                "give a word or a Python regular expression."
            ) from exc
    if regex.fullmatch("") is not None:
        raise ValueError(
            f"pattern {regex.pattern!r} matches the empty string, so it would match everywhere; "
            "give a pattern that matches at least one character."
        )
    return regex


def concordance(
    text: str,
    pattern: str | re.Pattern[str],
    *,
    width: int = 40,
    ignore_case: bool = True,
) -> pd.DataFrame:
    """Keyword in context: every match of ``pattern`` with the text around it.

    Args:
        text: the text to search.
        pattern: a word (matched as a whole word: "claim" does not match
            "claims") or a regular expression (used as written, e.g.
            ``r"claim\\w*"``; add ``\\b`` yourself where needed). Curly and
            straight apostrophes match each other.
        width: how many characters of context to keep on each side.
        ignore_case: match regardless of case (the default).

    Returns:
        A DataFrame with one row per match, in text order, and columns ``left``,
        ``match``, ``right`` (strings; line breaks in the context become spaces)
        and ``start``, ``end`` (character offsets: ``text[start:end] == match``).
        No match gives an empty DataFrame with the same columns.

    What it measures, how it misleads:
        A concordance shows words, not speakers: a line holding "apostates" may
        be the group's word quoted by the reporter. Forty characters can cut a
        quotation mark off; widen the window or read the sentence before you
        decide who is speaking.

    >>> concordance("IS claims it. Officials doubt the claim, and claims differ.", "claims", width=10)
             left   match       right  start  end
    0         IS   claims   it. Offic      3    9
    1  laim, and   claims     differ.     45   51
    """
    text = check_text(text)
    width = _check_int(width, "width", minimum=0)
    ignore_case = _check_bool(ignore_case, "ignore_case")
    regex = _compile_pattern(pattern, ignore_case)
    searchable = _straighten(text)  # one character for one: offsets stay valid
    flat = text.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    rows = []
    for m in regex.finditer(searchable):
        start, end = m.span()
        if start == end:
            continue
        rows.append((flat[max(0, start - width):start], text[start:end], flat[end:end + width], start, end))
    frame = pd.DataFrame(rows, columns=["left", "match", "right", "start", "end"])
    return frame.astype({"left": object, "match": object, "right": object, "start": np.int64, "end": np.int64})


def corpus_concordance(
    texts: pd.DataFrame | dict[str, str],
    pattern: str | re.Pattern[str],
    *,
    width: int = 40,
    ignore_case: bool = True,
) -> pd.DataFrame:
    """:func:`concordance` over every text of a corpus, with the id of the text of each line.

    Args:
        texts: a table with ``id`` and ``text`` columns (as
            :func:`medialit.corpus.load_corpus` returns), or a dict ``{id: text}``.
        pattern, width, ignore_case: as for :func:`concordance`.

    Returns:
        The columns of :func:`concordance` after an ``id`` column, texts in the order given and
        lines in text order; offsets point into each line's own text.

    What it measures, how it misleads:
        Many lines from one text look like a pattern of the corpus; count the ids (the word's
        *range*) before you generalise, e.g. ``table["id"].nunique()``.

    >>> corpus_concordance({"a": "IS claims it.", "b": "No claims here; claims elsewhere."}, "claims", width=5)
      id   left   match  right  start  end
    0  a    IS   claims    it.      3    9
    1  b    No   claims   here      3    9
    2  b  ere;   claims   else     16   22
    """
    if isinstance(texts, pd.DataFrame):
        missing = [c for c in ("id", "text") if c not in texts.columns]
        if missing:
            raise ValueError(f"texts lacks the column(s) {', '.join(missing)}; give a table with id and text "
                             "(as load_corpus returns) or a dict {id: text}.")
        items = list(zip(texts["id"].astype(str), texts["text"]))
    elif isinstance(texts, dict):
        items = [(str(k), v) for k, v in texts.items()]
    else:
        raise TypeError(f"texts must be a DataFrame with id and text columns or a dict {{id: text}}; "
                        f"got {type(texts).__name__}.")
    regex = _compile_pattern(pattern, _check_bool(ignore_case, "ignore_case"))
    width = _check_int(width, "width", minimum=0)
    rows = []
    for key, text in items:  # the loop of concordance(), without a table per text
        text = check_text(text, name=f"the text {key!r}")
        searchable = _straighten(text)
        flat = text.replace("\n", " ").replace("\r", " ").replace("\t", " ")
        for m in regex.finditer(searchable):
            start, end = m.span()
            if start != end:
                rows.append((key, flat[max(0, start - width):start], text[start:end], flat[end:end + width], start, end))
    frame = pd.DataFrame(rows, columns=["id", "left", "match", "right", "start", "end"])
    return frame.astype({"id": object, "left": object, "match": object, "right": object,
                         "start": np.int64, "end": np.int64})


def collocations(
    texts: str | Sequence[str],
    *,
    measure: str = "llr",
    min_count: int = 2,
    window: int = 2,
    lower: bool = True,
    drop_stopwords: bool = False,
) -> pd.DataFrame:
    """Pairs of words that occur together more often than chance, via NLTK.

    Uses NLTK's ``BigramCollocationFinder`` and ``BigramAssocMeasures``. Pairs
    never span two texts.

    Args:
        texts: a text or a list of texts.
        measure: ``"llr"`` (Dunning's log-likelihood ratio: how sure we are that
            the pair is not chance) or ``"pmi"`` (pointwise mutual information:
            how much more often than chance; inflated for rare words).
        min_count: keep pairs seen at least this many times.
        window: 2 counts adjacent words only; a larger window also counts pairs
            with up to ``window - 2`` words between them (the first word always
            comes first).
        lower: lower-case words first.
        drop_stopwords: drop pairs where either word is a stop word (the words
            stay in the text, so windows are not changed).

    Returns:
        A DataFrame with columns ``word1``, ``word2``, ``count`` (times the pair
        was seen within the window) and ``score``, ordered by score (highest
        first), then by ``word1`` and ``word2``.

    What it measures, how it misleads:
        A strong collocation says two words travel together in *these* texts.
        With one short article, ``min_count=2`` keeps very few pairs and PMI
        favours pairs of words seen only twice; the log-likelihood favours
        frequent grammar pairs ("of the") unless stop words are dropped.

    >>> text = "Islamic State claimed the attack. Islamic State claimed it again. The State said so."
    >>> collocations(text, measure="llr", min_count=2).round(3)
         word1    word2  count  score
    0  islamic    state      2  7.664
    1    state  claimed      2  7.664
    """
    items = check_texts(texts)
    measure = _check_choice(measure, "measure", ("llr", "pmi"))
    min_count = _check_int(min_count, "min_count", minimum=1)
    window = _check_int(window, "window", minimum=2)
    lower = _check_bool(lower, "lower")
    drop_stopwords = _check_bool(drop_stopwords, "drop_stopwords")
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    def words():
        for text in items:
            yield from _tokens(text, lower=lower)
            yield from [None] * (window - 1)  # the finder skips pairs with None: no pair spans texts

    finder = BigramCollocationFinder.from_words(words(), window_size=window)
    finder.apply_freq_filter(min_count)
    if drop_stopwords:
        stops = stopwords()
        finder.apply_word_filter(lambda w: w.lower() in stops)
    scorer = BigramAssocMeasures.likelihood_ratio if measure == "llr" else BigramAssocMeasures.pmi
    scored = finder.score_ngrams(scorer)
    rows = sorted(
        ((w1, w2, int(finder.ngram_fd[(w1, w2)]), float(score)) for (w1, w2), score in scored),
        key=lambda row: (-row[3], row[0], row[1]),
    )
    frame = pd.DataFrame(rows, columns=["word1", "word2", "count", "score"])
    return frame.astype({"word1": object, "word2": object, "count": np.int64, "score": float})


def split_by_spans(text: str, spans: Iterable[tuple[int, int]]) -> pd.DataFrame:
    """Cut a text into the pieces inside and outside some character spans, in text order.

    Use it to measure a text's parts separately: the words inside quotations and the reporter's
    words around them, say, with the spans of :func:`medialit.attribution.extract_attributions`
    or of hand annotations. Overlapping or touching spans are merged; pieces holding only white
    space or punctuation are dropped.

    Args:
        text: the text.
        spans: ``(start, end)`` character offsets into ``text``.

    Returns:
        One row per piece: ``start``, ``end``, ``text`` (``text[start:end]``) and ``inside``
        (True for a piece within the spans).

    Raises:
        ValueError: a span lies outside the text or ends before it starts.

    What it measures, how it misleads:
        Nothing by itself: it only cuts. A quotation's tag ("he said") is outside the quotation,
        so the outside pieces are the reporter's words *and* the tags; and a measure computed on
        pieces (a readability score, a sentiment score) treats each piece as a separate sentence.

    >>> split_by_spans('He said: "We will win." Nobody agreed.', [(10, 22)])
       start  end            text  inside
    0      0    7         He said   False
    1     10   22    We will win.    True
    2     24   38  Nobody agreed.   False
    """
    text = check_text(text)
    merged: list[list[int]] = []
    for pair in sorted((int(a), int(b)) for a, b in spans):
        start, end = pair
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {pair} lies outside the text (0 to {len(text)}) or ends before it starts.")
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    rows = []
    cursor = 0
    for start, end in merged + [[len(text), len(text)]]:
        for a, b, inside in ((cursor, start, False), (start, end, True)):
            piece = text[a:b]
            if re.search(r"\w", piece):
                lead = len(piece) - len(piece.lstrip(" \t\n\"'“”:,;-–—"))
                trail = len(piece) - len(piece.rstrip(" \t\n\"'“”:,;-–—"))
                rows.append((a + lead, b - trail, text[a + lead:b - trail], inside))
        cursor = end
    frame = pd.DataFrame(rows, columns=["start", "end", "text", "inside"])
    return frame.astype({"start": np.int64, "end": np.int64, "text": object, "inside": bool})


# --------------------------------------------------------------------------- diversity and readability


def lexical_diversity(tokens_or_text: str | Sequence[str], *, method: str = "ttr", window: int = 50) -> float:
    """How varied the vocabulary is: type-token ratio (TTR) or its moving average (MATTR).

    Args:
        tokens_or_text: a text (tokenized with :func:`medialit.text.tokenize`,
            lower-cased) or a list of tokens (used as given).
        method: ``"ttr"``: distinct words divided by words. ``"mattr"``: the
            mean TTR of every run of ``window`` consecutive tokens
            (Covington & McFall 2010).
        window: the run length for ``"mattr"``.

    Returns:
        A number between 0 and 1.

    Raises:
        ValueError: no tokens, or fewer tokens than ``window`` for ``"mattr"``.

    Why TTR cannot compare texts of different lengths:
        Every new word of a text is less likely to be one not seen before, so
        TTR falls as a text grows: a 200-word brief has a higher TTR than a
        2,000-word feature by the same writer. MATTR averages over windows of
        fixed length, so texts of different lengths can be compared, as long as
        the same window is used. Neither says whether the vocabulary is apt,
        difficult or repetitive on purpose (a slogan repeated for effect).

    >>> lexical_diversity("the cat saw the dog")
    0.8
    >>> lexical_diversity(["a", "b", "a", "b", "c"], method="mattr", window=3)
    0.7777777777777778
    """
    method = _check_choice(method, "method", ("ttr", "mattr"))
    window = _check_int(window, "window", minimum=1)
    if isinstance(tokens_or_text, str):
        tokens = _tokens(check_text(tokens_or_text, name="tokens_or_text"), lower=True)
    else:
        tokens = check_texts(tokens_or_text, name="tokens_or_text")
    if not tokens:
        raise ValueError("tokens_or_text holds no word tokens: there is nothing to measure.")
    if method == "ttr":
        return len(set(tokens)) / len(tokens)
    if len(tokens) < window:
        raise ValueError(
            f"MATTR needs at least window={window} tokens; the text has {len(tokens)}. "
            "Use a smaller window (and the same one for every text you compare)."
        )
    counts = Counter(tokens[:window])
    types = len(counts)
    total = types
    for i in range(window, len(tokens)):
        old, new = tokens[i - window], tokens[i]
        if old != new:
            counts[old] -= 1
            if counts[old] == 0:
                del counts[old]
                types -= 1
            if counts[new] == 0:
                types += 1
            counts[new] += 1
        total += types
    return total / (window * (len(tokens) - window + 1))


# A vowel group: a run of a e i o u, with y as a vowel unless a vowel follows it ("saying", "yes").
_VOWEL_GROUPS = re.compile(r"(?:[aeiou]|y(?![aeiou]))+")
# "ia" and "io" are two syllables (me-di-a, vi-o-lence) except after c, g, s, t, x (so-cial, re-gion, na-tion).
_SPLIT_PAIRS = re.compile(r"(?<![cgstx])i[ao]")
# A silent e inside a word, before a suffix: "lately", "statement", "useful", "hopeless", "likeness".
_SILENT_E_SUFFIX = re.compile(r"[^aeiouy]e(?:ly|ment|ments|ful|less|ness)$")


def count_syllables(word: str) -> int:
    """Estimate the syllables of an English word by rule (the kit's own counter).

    The rules, in order:

    1. Abbreviations written with periods (``U.S.``) and words without a vowel
       (``FSB``) are spelled out: one syllable per letter.
    2. Hyphenated words count each part.
    3. Otherwise count groups of consecutive vowels (``a e i o u``, and ``y``
       unless a vowel follows it), then:

       * add one for "ia"/"io" said as two syllables ("media", "violence"),
         except after c, g, s, t, x ("social", "region", "nation");
       * take one off for a silent final ``e`` ("state"; but not consonant +
         ``le``, as in "little", which is a syllable of its own),
         a silent ``-ed`` ("claimed"; not "wanted", "ended", "titled"),
         a silent ``-es`` ("states"; not "forces", "boxes", "wishes"),
         and a silent ``e`` before a suffix ("lately", "statement", "useful").
    4. Every word has at least one syllable.

    Caveats:
        English spelling defeats any short rule set: "people" counts 2 but
        "create" (2) counts 1, compounds such as "hotbed" count 1, and names
        from other languages are guesses. Over a whole text the errors partly
        cancel, which is all a readability formula needs. Dictionary-based
        counters (the CMU Pronouncing Dictionary) are more accurate for
        common words; hyphenation dictionaries (Pyphen) undercount, because
        they never split off a single letter ("a-bout" is one "syllable").

    >>> [count_syllables(w) for w in ["state", "claimed", "wanted", "forces", "little", "U.S.", "al-Qaida"]]
    [1, 1, 2, 2, 2, 2, 3]
    >>> [count_syllables(w) for w in ["media", "nation", "saying", "titled", "lately"]]
    [3, 2, 2, 2, 2]
    """
    word = _straighten(check_text(word, name="word"))
    if "-" in word.strip("-"):
        return sum(count_syllables(part) for part in word.split("-") if part.strip())
    if word.endswith(("'s", "'S")):
        word = word[:-2] + "s" if word[-3:-2].lower() in "sxz" else word[:-2]
    letters = re.sub(r"[^A-Za-z]", "", word)
    if not letters:
        return 1
    if "." in word.rstrip(".") or not re.search(r"[aeiouyAEIOUY]", letters):
        return len(letters)
    w = letters.lower()
    n = len(_VOWEL_GROUPS.findall(w)) + len(_SPLIT_PAIRS.findall(w))
    if n > 1:
        if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and w[-2] not in "aeiouy":
            n -= 1
        elif w.endswith("le") and len(w) > 2 and w[-3] in "aeiouy":
            n -= 1  # "sale", "whole": the e is silent
        elif w.endswith("ed") and w[-3] not in "tdaeiouy" and not (w.endswith("led") and w[-4] not in "aeiouyl"):
            n -= 1
        elif w.endswith("es") and w[-3] not in "aeiouy" and not w.endswith(
            ("ses", "zes", "xes", "ches", "shes", "ges", "ces")
        ):
            n -= 1
        elif _SILENT_E_SUFFIX.search(w) and not re.search(r"[^aeiouy]le(?:ly|ment|ful|less|ness)$", w):
            n -= 1
    return max(1, n)


@functools.lru_cache(maxsize=65536)
def _syllables(word: str) -> int:
    """:func:`count_syllables` remembered per word form: a corpus repeats its words, and the rules
    are pure Python (about four times faster on the kit's Wikinews corpus)."""
    return count_syllables(word)


def readability(text: str) -> dict[str, float]:
    """Flesch Reading Ease and Flesch-Kincaid grade of a text.

    Sentences come from :func:`medialit.text.sentences`; words are tokens that
    contain a letter (numbers such as "2024" are not counted as words);
    syllables come from :func:`count_syllables`.

    * Flesch Reading Ease (Flesch 1948):
      ``206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)``;
      higher is easier, 60-70 is "plain English", below 30 "very difficult".
    * Flesch-Kincaid grade (Kincaid, Fishburne, Rogers & Chissom 1975):
      ``0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59``;
      roughly the US school grade needed.

    Returns:
        A dict with ``sentences``, ``words``, ``syllables`` (counts, as ints),
        ``words_per_sentence``, ``syllables_per_word``,
        ``flesch_reading_ease`` and ``flesch_kincaid_grade`` (floats).

    What it measures, how it misleads:
        Only sentence length and word length. A short, plain sentence can be
        false or incomprehensible ("The caliphate wins."), and the formulas were
        fitted on American school texts in the 1940s-70s. Headlines without a
        full stop, lists and quotations change the sentence count, so compare
        texts of the same kind, and never read the score as quality or honesty.

    >>> r = readability("The cat sat on the mat. It was happy.")
    >>> r["words"], r["sentences"], r["syllables"]
    (9, 2, 10)
    >>> round(r["flesch_reading_ease"], 2), round(r["flesch_kincaid_grade"], 2)
    (108.27, -0.72)
    """
    text = check_text(text)
    spans = sentence_spans(text)
    words = [t for t in _tokens(text, lower=False) if any(c.isalpha() for c in t)]
    n_sent = len(spans)
    n_words = len(words)
    if n_words == 0 or n_sent == 0:
        raise ValueError(f"text has no words to measure (got {text!r:.60}); readability needs sentences of words.")
    n_syll = sum(_syllables(w) for w in words)
    wps = n_words / n_sent
    spw = n_syll / n_words
    a, b, c = FLESCH_READING_EASE
    d, e, f = FLESCH_KINCAID_GRADE
    return {
        "sentences": n_sent,
        "words": n_words,
        "syllables": n_syll,
        "words_per_sentence": wps,
        "syllables_per_word": spw,
        "flesch_reading_ease": a - b * wps - c * spw,
        "flesch_kincaid_grade": d * wps + e * spw - f,
    }


# --------------------------------------------------------------------------- keyness


def _check_count(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number; got {type(value).__name__}: {value!r:.60}")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number of at least 0; got {value}.")
    return float(value)


def log_likelihood(a: float, b: float, total_a: float, total_b: float) -> float:
    """Dunning's log-likelihood (G2) for one word in two corpora.

    ``G2 = 2 * (a * ln(a / E1) + b * ln(b / E2))`` with the expected counts
    ``E1 = total_a * (a + b) / (total_a + total_b)`` and
    ``E2 = total_b * (a + b) / (total_a + total_b)`` (Dunning 1993; the form of
    Rayson & Garside 2000). A term with a zero count is zero.

    Args:
        a: the word's count in corpus A; ``b``: in corpus B.
        total_a, total_b: the sizes of the corpora in tokens.

    Returns:
        G2, never negative (it does not say which corpus uses the word more).
        Above 3.84 means p < 0.05 with one degree of freedom, 6.63 means p < 0.01.

    >>> round(log_likelihood(52, 57, 50_000, 75_000), 2)
    2.65
    """
    a = _check_count(a, "a")
    b = _check_count(b, "b")
    total_a = _check_count(total_a, "total_a")
    total_b = _check_count(total_b, "total_b")
    if a > total_a or b > total_b:
        raise ValueError(f"a count exceeds its corpus size: a={a:g} of total_a={total_a:g}, b={b:g} of total_b={total_b:g}.")
    if total_a == 0 or total_b == 0:
        raise ValueError(f"corpus sizes must be positive; got total_a={total_a:g}, total_b={total_b:g}.")
    g2 = _g2(np.array([a]), np.array([b]), total_a, total_b)[0]
    return float(g2)


def _g2(a: np.ndarray, b: np.ndarray, total_a: float, total_b: float) -> np.ndarray:
    both = a + b
    e1 = total_a * both / (total_a + total_b)
    e2 = total_b * both / (total_a + total_b)
    t1 = np.where(a > 0, a * np.log(np.where(a > 0, a, 1.0) / np.where(e1 > 0, e1, 1.0)), 0.0)
    t2 = np.where(b > 0, b * np.log(np.where(b > 0, b, 1.0) / np.where(e2 > 0, e2, 1.0)), 0.0)
    return np.maximum(2.0 * (t1 + t2), 0.0)  # rounding can leave -1e-16 where G2 is 0


def _upper_tail_chi2_1(g2: np.ndarray) -> np.ndarray:
    """P(X >= g2) for a chi-square variable with one degree of freedom: erfc(sqrt(g2 / 2))."""
    return np.array([math.erfc(math.sqrt(x / 2.0)) for x in g2.tolist()], dtype=float)


def keyness(
    target: str | Sequence[str],
    reference: str | Sequence[str],
    *,
    method: str = "log_likelihood",
    lower: bool = True,
    prior_size: float | None = None,
) -> pd.DataFrame:
    """Which words a target text uses more (or less) than a reference corpus.

    Args:
        target: a text or a list of texts (counted together).
        reference: a text or a list of texts to compare with.
        method: ``"log_likelihood"`` or ``"log_odds"`` (see below).
        lower: lower-case words first.
        prior_size: for ``"log_odds"`` only, the prior's total weight
            ``alpha_0``; ``None`` (the default) uses the pooled corpus size, so
            ``alpha_w`` is simply the word's pooled count. A smaller prior
            shrinks less and gives larger z-scores.

    Returns:
        A DataFrame with one row per word seen in either corpus and the columns
        ``word``, ``target_count``, ``reference_count``, ``statistic``,
        ``p_value`` and ``log_ratio``, ordered by ``statistic`` (highest first),
        then word. Words the target overuses come first, words it underuses last.

        * ``method="log_likelihood"``: ``statistic`` is Dunning's G2 (see
          :func:`log_likelihood`) *with a sign*: positive when the word's rate
          is higher in the target, negative when lower. ``p_value`` is the
          chance of a G2 at least this large if both corpora used the word at
          the same rate (chi-square, one degree of freedom).
        * ``method="log_odds"``: ``statistic`` is the z-score of the log-odds
          ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
          2008, "Fightin' Words", section 3.5). The prior comes from the
          pooled counts of both corpora: ``alpha_w = alpha_0 * pooled_w /
          pooled_total`` where ``alpha_0`` is ``prior_size`` (by default the
          pooled total, so ``alpha_w`` is the word's pooled count). With ``y`` the
          word's count and ``n`` the corpus size in each corpus,
          ``delta = ln((y_t + alpha_w) / (n_t + alpha_0 - y_t - alpha_w))
          - ln((y_r + alpha_w) / (n_r + alpha_0 - y_r - alpha_w))``,
          ``var = 1 / (y_t + alpha_w) + 1 / (y_r + alpha_w)`` and
          ``statistic = delta / sqrt(var)``. ``p_value`` is two-sided from the
          normal distribution.
        * ``log_ratio`` (both methods) is Hardie's Log Ratio, an effect size:
          ``log2((target_count / target_size) / (reference_count / reference_size))``.
          1 means twice as frequent in the target, -1 half as frequent. A zero
          count is replaced by 0.5 so the value stays finite; read such a value
          as "at least this large".

    What it measures, how it misleads:
        Significance is not effect size: in big corpora a tiny difference gets
        a huge G2 and a tiny p-value; ``log_ratio`` says how big the difference
        is. The p-values assume words occur independently, which they do not
        (a name repeats within one article), so they are far too small; use the
        ranking, not the p-value. Results depend on the reference: against
        other terrorism reports, "attack" is not key; against general news, it
        is. And a key word may be the group's word, quoted.

    >>> target = "the apostates attacked the apostates"
    >>> reference = "the police said the attack was stopped by the police"
    >>> keyness(target, reference).round(3).head(3)
            word  target_count  reference_count  statistic  p_value  log_ratio
    0  apostates             2                0      4.394    0.036      3.000
    1   attacked             1                0      2.197    0.138      2.000
    2        the             2                3      0.097    0.755      0.415
    """
    method = _check_choice(method, "method", ("log_likelihood", "log_odds"))
    lower = _check_bool(lower, "lower")
    t_counts = _count_tokens(check_texts(target, name="target"), lower=lower, keep_punct=False)
    r_counts = _count_tokens(check_texts(reference, name="reference"), lower=lower, keep_punct=False)
    n_t = sum(t_counts.values())
    n_r = sum(r_counts.values())
    if n_t == 0 or n_r == 0:
        which = "target" if n_t == 0 else "reference"
        raise ValueError(f"{which} holds no word tokens: keyness needs words in both corpora.")
    words = sorted(t_counts.keys() | r_counts.keys())
    a = np.fromiter((t_counts.get(w, 0) for w in words), dtype=np.float64, count=len(words))
    b = np.fromiter((r_counts.get(w, 0) for w in words), dtype=np.float64, count=len(words))
    rate_t = a / n_t
    rate_r = b / n_r
    log_ratio = np.log2(np.where(a > 0, a, 0.5) / n_t) - np.log2(np.where(b > 0, b, 0.5) / n_r)
    if method == "log_likelihood":
        g2 = _g2(a, b, n_t, n_r)
        statistic = np.sign(rate_t - rate_r) * g2
        p_value = _upper_tail_chi2_1(g2)
    else:
        if len(words) < 2:
            raise ValueError(
                f"log_odds needs at least two different words; got only {words[0]!r}, "
                "whose odds (its count against all other words) are infinite."
            )
        pooled_total = float(n_t + n_r)
        if prior_size is None:
            alpha0 = pooled_total
        else:
            alpha0 = _check_count(prior_size, "prior_size")
            if alpha0 == 0:
                raise ValueError("prior_size must be positive; got 0.")
        alpha = (a + b) * (alpha0 / pooled_total)
        delta = np.log((a + alpha) / (n_t + alpha0 - a - alpha)) - np.log((b + alpha) / (n_r + alpha0 - b - alpha))
        statistic = delta / np.sqrt(1.0 / (a + alpha) + 1.0 / (b + alpha))
        p_value = np.array([math.erfc(abs(z) / math.sqrt(2.0)) for z in statistic.tolist()], dtype=float)
    frame = pd.DataFrame(
        {
            "word": pd.Series(words, dtype=object),
            "target_count": a.astype(np.int64),
            "reference_count": b.astype(np.int64),
            "statistic": statistic + 0.0,  # turns -0.0 into 0.0
            "p_value": p_value,
            "log_ratio": log_ratio + 0.0,
        }
    )
    # words are already alphabetical; a stable sort on the statistic keeps ties alphabetical
    frame = frame.sort_values("statistic", ascending=False, kind="stable", ignore_index=True)
    frame.attrs["method"] = method  # lets medialit.plots.keyness_plot label its axis
    return frame


# --------------------------------------------------------------------------- sentiment


def _vader_folder() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("vaderSentiment")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(
            "The VADER lexicon ships in the PyPI package 'vadersentiment', which is not installed; "
            "run `make setup` (the kit never downloads it at run time)."
        )
    folder = Path(spec.origin).parent
    if not (folder / "vader_lexicon.txt").is_file():
        raise FileNotFoundError(f"vader_lexicon.txt is missing from {folder}; reinstall vadersentiment.")
    return folder


@functools.cache
def _vader():
    import nltk

    folder = str(_vader_folder())
    if folder not in nltk.data.path:
        nltk.data.path.append(folder)  # NLTK opens files only inside its data path
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer(lexicon_file="vader_lexicon.txt")


def sentiment(text: str) -> pd.DataFrame:
    """VADER sentiment scores, sentence by sentence.

    Uses NLTK's ``SentimentIntensityAnalyzer`` (Hutto & Gilbert 2014) with the
    lexicon shipped inside the ``vadersentiment`` package: nothing is
    downloaded. Sentences come from :func:`medialit.text.sentence_spans`.

    Returns:
        A DataFrame with one row per sentence, in text order, and columns
        ``sentence``, ``start``, ``end`` (offsets into ``text``), ``neg``,
        ``neu``, ``pos`` (shares of the sentence's words, summing to about 1)
        and ``compound`` (from -1, most negative, to +1, most positive).

    Failure modes (read before quoting a score):
        * It scores words, not stances: a report that quotes the group's threat
          gets the threat's score, as if it were the reporter's view.
        * News about violence is negative by topic: "killed", "attack" and
          "terror" make a sober, accurate report score very negative.
        * The lexicon was built from social-media language rated by crowd
          workers; it misses irony, euphemism ("martyrdom operation" scores as
          neutral) and domain words.
        * Negation and "but" are handled by short rules that miss longer
          constructions.

    >>> sentiment("The attack killed two officers. Neighbours were relieved and grateful.")[["sentence", "compound"]]
                                     sentence  compound
    0         The attack killed two officers.   -0.8225
    1  Neighbours were relieved and grateful.    0.6808
    """
    text = check_text(text)
    analyzer = _vader()
    spans = sentence_spans(text)
    columns: dict[str, list] = {"neg": [], "neu": [], "pos": [], "compound": []}
    for start, end in spans:
        scores = analyzer.polarity_scores(text[start:end])
        for key, values in columns.items():
            values.append(scores[key])
    # Built column by column with their dtypes: no astype, which costs more than scoring a
    # short text when sentiment is called once per article of a corpus.
    return pd.DataFrame({
        "sentence": pd.Series([text[start:end] for start, end in spans], dtype=object),
        "start": np.array([start for start, _ in spans], dtype=np.int64),
        "end": np.array([end for _, end in spans], dtype=np.int64),
        **{key: np.array(values, dtype=float) for key, values in columns.items()},
    })
