"""Splitting text into tokens and sentences, offline.

Counting words starts with a decision about what a word is. This module makes
that decision once, in the open, so that every chapter and every function of the
kit counts the same way:

* A **token** is a run of letters or digits, which may contain inner hyphens or
  apostrophes (``al-Baghdadi``, ``group's``), a number with separators
  (``1,000``, ``3.5``), or an abbreviation written with periods (``U.S.``).
  Curly apostrophes are read as straight ones, so ``group’s`` and ``group's``
  are the same word. Punctuation marks are tokens only when asked for.
* A **sentence** ends where NLTK's Punkt algorithm (Kiss & Strunk 2006) says it
  does, given a list of abbreviations the kit ships in
  ``data/lexicons/abbreviations-en.txt`` ("Feb.", "Gen.", "U.S." do not end a
  sentence), and always at a line break: headlines and standfirsts have no
  final full stop. Two rules are added: an omission mark in a quotation followed by
  a capitalised word ("... four floors in Delhi[...] This hotel ...") ends a
  sentence; and a lower-case word after a quotation closing with ! or ? ('"We won!"
  he said') or after an abbreviation with periods ("Washington, D.C. saying") does
  not start one. The splitter is scored against hand-marked boundaries of Wikinews
  reports by ``tools/evaluate_attribution.py``.

Nothing here downloads NLTK data: ``nltk.word_tokenize`` and
``nltk.sent_tokenize`` need the ``punkt_tab`` download and are not used.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from .resources import data_path

__all__ = [
    "check_text",
    "check_texts",
    "sentence_spans",
    "sentences",
    "stopwords",
    "token_spans",
    "tokenize",
]

_WORD = r"""
    (?:[A-Za-z]\.){2,}(?![A-Za-z])           # abbreviations with periods: U.S., U.K.
  | \d+(?:[.,:]\d+)+%?                       # numbers with separators: 1,000  3.5  10:30
  | \w+(?:['\-]\w+)*                         # words, with inner apostrophes or hyphens
"""
_TOKEN_WORDS = re.compile(_WORD, re.VERBOSE)
_TOKEN_ALL = re.compile(_WORD + r"| [^\w\s]", re.VERBOSE)
_CURLY = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"})


def _straighten(text: str) -> str:
    """Replace curly apostrophes and Unicode hyphens by ASCII ones, one character for one.

    Same result as ``text.translate(_CURLY)``, but ``str.translate`` walks a
    non-ASCII text character by character in Python-object space, while four
    ``str.replace`` calls scan it in C: about 100 times faster on news text
    with curly quotes (measured by benchmarks/bench_stats.py).
    """
    return text.replace("\u2019", "'").replace("\u02bc", "'").replace("\u2010", "-").replace("\u2011", "-")


def check_text(text: object, *, name: str = "text", allow_empty: bool = False) -> str:
    """Return ``text`` if it is a usable string, else raise a helpful error.

    Raises:
        TypeError: ``text`` is not a ``str`` (``None``, bytes, a number, ...).
        ValueError: ``text`` is empty or only white space (unless ``allow_empty``).

    >>> check_text(b"ISIS")
    Traceback (most recent call last):
    ...
    TypeError: text must be a string (str); got bytes. Decode it first: data.decode("utf-8").
    """
    if isinstance(text, str):
        if not allow_empty and not text.strip():
            raise ValueError(f"{name} is empty (or only white space): there is nothing to analyse.")
        return text
    if isinstance(text, (bytes, bytearray)):
        raise TypeError(
            f'{name} must be a string (str); got {type(text).__name__}. Decode it first: data.decode("utf-8").'
        )
    raise TypeError(f"{name} must be a string (str); got {type(text).__name__}: {text!r:.60}")


def check_texts(texts: object, *, name: str = "texts") -> list[str]:
    """Accept one text or a list of texts; return a list of strings.

    Every element is checked with :func:`check_text`; the error names the position
    of the first bad one.

    >>> check_texts("one text")
    ['one text']
    >>> check_texts(["fine", 3])
    Traceback (most recent call last):
    ...
    TypeError: texts[1] must be a string (str); got int: 3
    """
    if isinstance(texts, str):
        return [check_text(texts, name=name)]
    if isinstance(texts, (bytes, bytearray)) or texts is None or not isinstance(texts, Iterable):
        check_text(texts, name=name)  # raises with the right message
    items = list(texts)  # type: ignore[arg-type]
    if not items:
        raise ValueError(f"{name} is an empty list: give at least one text.")
    return [check_text(item, name=f"{name}[{i}]") for i, item in enumerate(items)]


def tokenize(text: str, *, lower: bool = False, keep_punct: bool = False) -> list[str]:
    """Split a text into word tokens.

    Args:
        text: the text.
        lower: lower-case every token (so "The" and "the" count as one word).
        keep_punct: also return punctuation marks, one token each.

    Returns:
        The tokens in text order. Curly apostrophes come back straight.

    Caveats:
        A rule-based tokenizer makes choices a reader might not: "al-Qaida" is one
        token, "Qaida" alone is another word; "ISIS" and "IS" are different words,
        and so are "Dzhemikent" and "Jemikent". Count names only after deciding
        which spellings are the same thing.

    >>> tokenize("The group’s deputy emir, Abu Yasser, spoke in the U.S. on Feb. 15.")
    ['The', "group's", 'deputy', 'emir', 'Abu', 'Yasser', 'spoke', 'in', 'the', 'U.S.', 'on', 'Feb', '15']
    >>> tokenize("al-Qaida-affiliated fighters: 1,000?", lower=True, keep_punct=True)
    ['al-qaida-affiliated', 'fighters', ':', '1,000', '?']
    """
    text = check_text(text, allow_empty=True)
    text = _straighten(text.lower() if lower else text)
    return (_TOKEN_ALL if keep_punct else _TOKEN_WORDS).findall(text)


def token_spans(text: str, *, lower: bool = False, keep_punct: bool = False) -> list[tuple[str, int, int]]:
    """Like :func:`tokenize`, with each token's start and end offsets in ``text``.

    ``text[start:end]`` is the token as written (before lower-casing or
    straightening apostrophes).

    >>> token_spans("Putin’s rule")
    [("Putin's", 0, 7), ('rule', 8, 12)]
    """
    text = check_text(text, allow_empty=True)
    normalised = _straighten(text)
    if lower:
        normalised = normalised.lower()
    pattern = _TOKEN_ALL if keep_punct else _TOKEN_WORDS
    return [(m.group(), m.start(), m.end()) for m in pattern.finditer(normalised)]


@functools.cache
def _punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    lines = data_path("lexicons", "abbreviations-en.txt").read_text(encoding="utf-8").splitlines()
    params.abbrev_types = {
        line.strip().lower().rstrip(".") for line in lines if line.strip() and not line.startswith("#")
    }
    return PunktSentenceTokenizer(params)


@functools.cache
def _punkt_rules() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """The patterns of NLTK's Punkt (its word splitter, its candidate sentence ends, and the
    closing marks it moves back onto a sentence), compiled with Python's ``re``, and the kit's
    abbreviations. :func:`_punkt_line` applies Punkt's decisions with them."""
    from nltk.tokenize.punkt import PunktLanguageVars

    lang = PunktLanguageVars()
    parts = {"NonWord": lang._re_non_word_chars, "MultiChar": lang._re_multi_char_punct,
             "WordStart": lang._re_word_start, "SentEndChars": lang._re_sent_end_chars}
    words = re.compile(lang._word_tokenize_fmt % parts, re.UNICODE | re.VERBOSE)
    ends = re.compile(lang._period_context_fmt % parts, re.UNICODE | re.VERBOSE)
    realign = re.compile(lang.re_boundary_realignment.pattern, re.MULTILINE)
    return words, ends, realign, frozenset(_punkt()._params.abbrev_types)


_INITIAL = re.compile(r"[^\W\d]\.$")
_NUMBER = re.compile(r"-?[\.,]?\d[\d,\.-]*\.?")
_ELLIPSIS = re.compile(r"\.\.+$")


def _ends_sentence(tok: str, nxt: str | None, abbrev: frozenset[str]) -> bool:
    """Punkt's decision for one word token, given the token after it, with the kit's parameters
    (abbreviations only: no collocations, sentence starters or orthographic statistics). A word
    ending in a period ends a sentence unless it is an abbreviation; an initial ("W.") or a number
    ("2019.") does not when the next token is lower case or punctuation, nor an initial before a
    capital."""
    if tok in (".", "?", "!"):
        return True
    if not tok.endswith(".") or _ELLIPSIS.match(tok) or tok.endswith(".."):
        return False
    base = tok[:-1].lower()
    if base in abbrev or base.split("-")[-1] in abbrev:
        return False
    if nxt is None:
        return True
    initial = _INITIAL.match(tok) is not None
    if initial or _NUMBER.fullmatch(tok.lower()):
        if nxt in (";", ":", ",", ".", "!", "?") or nxt[:1].islower():
            return False
        if initial and nxt[:1].isupper():
            return False
    return True


@functools.lru_cache(maxsize=16384)
def _context_breaks(context: str) -> bool:
    """Whether Punkt reads a sentence break in a candidate's context (the word before the mark,
    the mark, and what follows): a token that ends a sentence with another token after it."""
    words, _, _, abbrev = _punkt_rules()
    toks = words.findall(context)
    for n in range(len(toks) - 1):
        if _ends_sentence(toks[n], toks[n + 1], abbrev):
            return True
    return False


def _punkt_line(line: str) -> list[tuple[int, int]]:
    """The sentence spans NLTK's ``PunktSentenceTokenizer.span_tokenize`` gives for one line with
    the kit's parameters, computed without its per-token objects (about five times faster; the
    tests compare the two on every text the kit ships)."""
    _, ends, realign, _ = _punkt_rules()
    # candidate ends, each with the word before it; a candidate whose word overlaps the next
    # candidate's word is dropped (as Punkt does for "acting!!!")
    found: list[tuple[re.Match[str], str]] = []
    prev_match = None
    prev_start = prev_stop = 0
    for m in ends.finditer(line):
        before = line[prev_stop:m.start()]
        ws = max(before.rfind(" "), before.rfind("\t"), before.rfind("\r"), before.rfind("\x0b"), before.rfind("\x0c"))
        start = prev_stop + ws + 1 if ws > 0 else prev_start
        if prev_match is not None and prev_stop <= start:
            found.append((prev_match, line[prev_start:prev_stop] + prev_match.group() + prev_match.group("after_tok")))
        prev_match, prev_start, prev_stop = m, start, m.start()
    if prev_match is not None:
        found.append((prev_match, line[prev_start:prev_stop] + prev_match.group() + prev_match.group("after_tok")))
    slices: list[tuple[int, int]] = []
    last = 0
    for m, context in found:
        if _context_breaks(context):
            slices.append((last, m.end()))
            last = m.start("next_tok") if m.group("next_tok") else m.end()
    slices.append((last, len(line.rstrip())))
    # closing quotation marks and brackets after a sentence end belong to that sentence
    out: list[tuple[int, int]] = []
    shift = 0
    for n, (a, b) in enumerate(slices):
        a += shift
        if n + 1 == len(slices):
            if line[a:b]:
                out.append((a, b))
            continue
        c, d = slices[n + 1]
        m = realign.match(line[c:d])
        if m:
            out.append((a, c + len(m.group(0).rstrip())))
            shift = m.end()
        else:
            shift = 0
            if line[a:b]:
                out.append((a, b))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of each sentence in ``text``.

    Sentences never run across a line break; blank lines yield nothing. Leading
    and trailing white space is not part of a sentence.

    >>> text = "Gen. Smith spoke.\\nHe left."
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Gen. Smith spoke.', 'He left.']
    """
    text = check_text(text, allow_empty=True)
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        chunk = line.group()
        if not chunk.strip():
            continue
        omissions = "[" in chunk
        for start, end in _join_lowercase(chunk, _punkt_line(chunk)):
            for a, b in (_split_at_omissions(chunk, start, end) if omissions else ((start, end),)):
                piece = chunk[a:b]
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece) - len(piece.rstrip())
                if piece.strip():
                    spans.append((line.start() + a + lead, line.start() + b - trail))
    return spans


# An omission mark in a quotation, "[...]" or "[....]", between a word and a capitalised word: the
# quoted sentence ended inside the omitted words, so a new one starts after the mark.
_OMISSION = re.compile(r"(?<=[^\s.!?])\s*\[(?:\.{3,4}|\u2026)\](?=\s+[\"'\u201c\u2018]?[A-Z])")
# A break Punkt makes before a lower-case word that cannot be a sentence end: after a quotation
# closing with ! or ? ('"I WON THIS ELECTION!" on Twitter') or after an abbreviation with periods
# ("outside Washington, D.C. saying").
_NO_END = re.compile(r"(?:[!?][\"'\u201d\u2019]+|(?<![A-Za-z])(?:[A-Za-z]\.){2,})\s*$")


def _join_lowercase(chunk: str, spans) -> list[tuple[int, int]]:
    """Punkt's sentence spans of one line, with the breaks of :data:`_NO_END` undone."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and chunk[start:start + 1].islower() and _NO_END.search(chunk, out[-1][0], out[-1][1]):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _split_at_omissions(chunk: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``chunk[start:end]`` after each omission mark that ends a quoted sentence."""
    pieces = []
    for m in _OMISSION.finditer(chunk, start, end):
        pieces.append((start, m.end()))
        start = m.end()
    pieces.append((start, end))
    return pieces


def sentences(text: str) -> list[str]:
    """Split a text into sentences (see :func:`sentence_spans` for the rules).

    >>> sentences("It struck on Feb. 15 in Dagestan. Two officers died.")
    ['It struck on Feb. 15 in Dagestan.', 'Two officers died.']
    """
    return [text[start:end] for start, end in sentence_spans(text)]


@functools.cache
def stopwords() -> frozenset[str]:
    """The kit's English stop-word list (``data/lexicons/stopwords-en.txt``), lower-case.

    The list holds function words only (articles, pronouns, prepositions,
    conjunctions, auxiliaries); its manifest says how it was made. Words that
    carry framing, such as "so-called", "alleged" or "claims", are deliberately
    *not* stop words.

    >>> {"the", "of", "and"} <= stopwords()
    True
    >>> "alleged" in stopwords()
    False
    """
    lines = data_path("lexicons", "stopwords-en.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))
