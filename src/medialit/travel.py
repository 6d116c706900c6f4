"""How a source's words travel: where its phrases turn up in later reports, and in which marks.

When one outlet reports a propaganda video and others copy the report, the
group's own words travel with it. Each step can move them (from the body up into
a headline), change them (a second translation, a gloss in brackets), or take
away the quotation marks that said "their words, not ours". This module gives
the small, checkable pieces for following that:

* :func:`quote_spans` finds the stretches of a text inside paired quotation
  marks (double or single) and brackets, with offsets;
* :func:`enclosing_marks` says which marks stand around a span: the innermost
  pair that contains it, or a pair inside it ("partial"), or none;
* :func:`find_phrases` finds each form of each tracked phrase, with the part of
  the report it stands in (headline, standfirst, body) and its marks;
* :func:`bracketed_insertions` finds words in brackets inside a quotation: a
  translator's or editor's gloss (``Taghut (apostate)``);
* :func:`group_quotation_spans` turns the attribution table of
  :mod:`medialit.attribution` into the spans of a text that give a source's
  words in quotation marks, and :func:`share_by_part` measures how many words
  of each part of a report fall in such spans;
* :func:`load_phrase_travel`, :func:`first_uses` and :func:`marks_table` read
  and summarise the kit's table of where the group's phrases appeared in the
  coverage (``data/cases/phrase-travel.csv``).

Caveats: quotation marks are read from the surface of the text. A straight
apostrophe after a plural (``the brothers' call``) can be taken for a closing
single quotation mark; a quotation that runs over several paragraphs is paired
one paragraph at a time; marks say that words are *presented* as someone
else's, not that they are: whether a headline's single quotation marks quote
the group or keep a word at a distance is a question of reading, not of
counting.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd

from .corpus import verify_file
from .errors import DataFileError
from .resources import data_path
from .text import check_text, token_spans

__all__ = [
    "MARKS",
    "PARTS",
    "TRAVEL_COLUMNS",
    "VOICES",
    "bracketed_insertions",
    "enclosing_marks",
    "find_phrases",
    "first_uses",
    "group_quotation_spans",
    "line_parts",
    "load_phrase_travel",
    "marks_table",
    "normalise_form",
    "quote_spans",
    "rendering",
    "share_by_part",
    "travel_figure",
]

#: Parts of a news report, in reading order.
PARTS = ("headline", "standfirst", "caption", "body")
#: How a phrase can stand in quotation marks: inside a pair (``double``/``single``),
#: with a pair inside it around part of it (``partial-...``), or with none.
MARKS = ("double", "single", "partial-double", "partial-single", "none")
#: Whose words a phrase is presented as: the group's (quoted), the outlet's own,
#: or another outlet's text reproduced in a block quotation.
VOICES = ("group", "reporter", "relayed")
#: The columns of ``data/cases/phrase-travel.csv``, in order.
TRAVEL_COLUMNS = ("row_id", "coverage_id", "outlet", "language", "date_from", "date_to", "phrase",
                  "form", "part", "voice", "marks", "seen_in", "source", "note")

_DOUBLE_OPEN, _DOUBLE_CLOSE = "\u201c", "\u201d"
_SINGLE = re.compile(
    r"(?<![\w'\u2019])['\u2018](?=[^\W_])"        # an opening mark: not after a letter, before one
    r"[^'\u2018\u2019\n]{1,120}?"                  # the quoted words, on one line
    r"(?<=[\w.,!?\u2026])['\u2019](?![\w])"       # a closing mark: after a letter or stop, not before a letter
)
_BRACKETS = {"(": (")", "parentheses"), "[": ("]", "brackets")}
_QUOTE_CHARS = "\"'\u2018\u2019\u201c\u201d"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _double_pairs(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Pairs of double marks within text[lo:hi]: curly marks by direction, straight ones in turn."""
    pairs, opened = [], None
    for i in range(lo, hi):
        ch = text[i]
        if ch == _DOUBLE_OPEN or (ch == '"' and opened is None):
            opened = i
        elif (ch == _DOUBLE_CLOSE or ch == '"') and opened is not None:
            pairs.append((opened, i + 1))
            opened = None
    return pairs


def quote_spans(text: str) -> pd.DataFrame:
    """The stretches of a text inside paired quotation marks or brackets.

    Marks are paired within one line (paragraph): double marks (straight, or
    curly by direction), single marks that stand around words rather than inside
    them (apostrophes are skipped), parentheses and square brackets. A mark left
    without a partner is ignored here (:func:`medialit.attribution.extract_attributions`
    reports it).

    Args:
        text: the text.

    Returns:
        One row per pair, in text order: ``kind`` ("double", "single",
        "parentheses", "brackets"), ``start`` and ``end`` (offsets of the marks
        themselves, so ``text[start:end]`` includes them) and ``inner`` (the words
        between the marks).

    >>> quote_spans("The group's 'province' said \\"we are here\\" (in Russian).")[["kind", "inner"]].values.tolist()
    [['single', 'province'], ['double', 'we are here'], ['parentheses', 'in Russian']]
    """
    text = check_text(text, allow_empty=True)
    rows = []
    for lo, hi in _paragraphs(text):
        rows += [("double", s, e) for s, e in _double_pairs(text, lo, hi)]
        rows += [("single", m.start() + lo, m.end() + lo) for m in _SINGLE.finditer(text[lo:hi])]
        for opener, (closer, kind) in _BRACKETS.items():
            stack = []
            for i in range(lo, hi):
                if text[i] == opener:
                    stack.append(i)
                elif text[i] == closer and stack:
                    rows.append((kind, stack.pop(), i + 1))
    rows.sort(key=lambda r: (r[1], -r[2]))
    frame = pd.DataFrame(rows, columns=["kind", "start", "end"])
    frame["inner"] = [text[s + 1:e - 1] for s, e in zip(frame["start"], frame["end"])]
    return frame.astype({"start": "int64", "end": "int64"})


def _check_span(text: str, start: object, end: object) -> tuple[int, int]:
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} should be a character offset (an int); got {type(value).__name__}.")
    if not 0 <= start <= end <= len(text):  # type: ignore[operator]
        raise ValueError(f"start={start} and end={end} do not give a span of this text (0 <= start <= end <= {len(text)}).")
    return start, end  # type: ignore[return-value]


def enclosing_marks(text: str, start: int, end: int, *, spans: pd.DataFrame | None = None) -> str:
    """Which quotation marks stand around ``text[start:end]``.

    Args:
        text: the text.
        start: where the span starts (character offset).
        end: where it ends.
        spans: the result of :func:`quote_spans` for ``text``, to save recomputing
            it for many spans.

    Returns:
        "double" or "single" for the innermost pair of quotation marks that
        contains the span (brackets inside a quotation do not count as the
        quotation's marks); "partial-double" or "partial-single" when no pair
        contains the span but one stands inside it, around some of its words;
        "none" otherwise.

    Caveats:
        A phrase inside a long quotation is "double" even when it is many words
        from the marks: the marks are the quotation's, not the phrase's own.

    >>> t = "He warned 'Russian traitors' and spoke of \\"a Russian 'traitor'\\"."
    >>> enclosing_marks(t, 11, 27), enclosing_marks(t, 43, 60)
    ('single', 'double')
    >>> enclosing_marks("the Russian 'traitors'", 4, 22)
    'partial-single'
    """
    text = check_text(text, allow_empty=True)
    start, end = _check_span(text, start, end)
    spans = quote_spans(text) if spans is None else spans
    quotes = spans[spans["kind"].isin(["double", "single"])]
    around = quotes[(quotes["start"] < start + 1) & (quotes["end"] > end - 1)
                    & ~((quotes["start"] >= start) & (quotes["end"] <= end))]
    if len(around):
        innermost = around.sort_values(["start", "end"], ascending=[False, True], kind="stable").iloc[0]
        return str(innermost["kind"])
    inside = quotes[(quotes["start"] >= start - 1) & (quotes["end"] <= end + 1)]
    if len(inside):
        return "partial-" + str(inside.iloc[0]["kind"])
    return "none"


def line_parts(text: str, parts: Sequence[str] | None = None) -> list[tuple[int, int, str]]:
    """The lines of a text with the part of the report each one is.

    Args:
        text: the text, one headline, standfirst or paragraph per line.
        parts: names for the first lines, in order (for the seed article:
            ``("headline", "standfirst", "headline")``); every later line is
            "body". ``None`` calls every line "body".

    Returns:
        ``(start, end, part)`` for each non-empty line.

    >>> line_parts("Title\\nFirst paragraph.\\nSecond.", ["headline"])
    [(0, 5, 'headline'), (6, 22, 'body'), (23, 30, 'body')]
    """
    text = check_text(text, allow_empty=True)
    names = list(parts or [])
    for name in names:
        if name not in PARTS:
            raise ValueError(f"Unknown part {name!r}: use one of {', '.join(PARTS)}.")
    lines = _paragraphs(text)
    return [(s, e, names[i] if i < len(names) else "body") for i, (s, e) in enumerate(lines)]


def _phrase_pattern(form: str) -> str:
    words = re.findall(r"\w+(?:['\u2019-]\w+)*", form)
    if not words:
        raise ValueError(f"The phrase form {form!r} has no words to look for.")
    gap = r"[\s" + re.escape(_QUOTE_CHARS) + r"]+"
    return r"(?<!\w)" + gap.join(re.escape(w) for w in words) + r"(?!\w)"


def find_phrases(text: str, phrases: Mapping[str, str | Sequence[str]], *,
                 parts: Sequence[str] | None = None) -> pd.DataFrame:
    """Every occurrence of each form of each phrase, with its part and marks.

    Args:
        text: the text of a report, one headline, standfirst or paragraph per line.
        phrases: phrase name → one form or a list of forms (``{"caliphate":
            "the Caliphate is already here"}``). Matching ignores case and lets
            quotation marks stand between words, so ``Russian 'apostates'`` is
            found as a form of ``Russian apostates``; a form matches whole words only.
        parts: names of the first lines (see :func:`line_parts`).

    Returns:
        One row per match, in text order: ``phrase``, ``form`` (the form that
        matched), ``match`` (the words as written), ``start``, ``end``, ``part``,
        ``marks`` (see :func:`enclosing_marks`).

    Caveats:
        Literal matching: a second translation of the same words ("unite, seize
        some territory") is a different form, which you must list to find it.
        Overlapping forms of one phrase are reported once, the longest first.

    >>> find_phrases("Call to 'Russian traitors'\\nThey named \\"Russian 'traitors'\\".",
    ...              {"traitors": "Russian traitors"}, parts=["headline"])[["part", "marks"]].values.tolist()
    [['headline', 'single'], ['body', 'double']]
    """
    text = check_text(text, allow_empty=True)
    if not isinstance(phrases, Mapping) or not phrases:
        raise TypeError("phrases should be a non-empty dict: phrase name -> form or list of forms.")
    lines = line_parts(text, parts)
    spans = quote_spans(text)
    rows = []
    for name, forms in phrases.items():
        forms = [forms] if isinstance(forms, str) else list(forms)
        if not forms or not all(isinstance(f, str) for f in forms):
            raise TypeError(f"The forms of phrase {name!r} should be a string or a list of strings.")
        taken: list[tuple[int, int]] = []
        for form in sorted(forms, key=len, reverse=True):
            for m in re.finditer(_phrase_pattern(form), text, re.IGNORECASE):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                part = next((p for s, e, p in lines if s <= m.start() < e), "body")
                rows.append((name, form, m.group(), m.start(), m.end(), part,
                             enclosing_marks(text, m.start(), m.end(), spans=spans)))
    rows.sort(key=lambda r: (r[3], r[0]))
    frame = pd.DataFrame(rows, columns=["phrase", "form", "match", "start", "end", "part", "marks"])
    return frame.astype({"start": "int64", "end": "int64"})


def bracketed_insertions(text: str) -> pd.DataFrame:
    """Words in brackets inside a quotation: a gloss or an insertion by a translator or editor.

    Inside a quotation, square brackets are the editor's mark by convention
    ("the [apostate] ruler": these words are ours, not the speaker's).
    Parentheses are ambiguous: they may be the speaker's own aside or a
    translator's gloss that lost its editorial marking.

    Returns:
        ``before`` (the word just before the bracket, if any), ``inserted`` (the
        words in brackets), ``kind`` ("parentheses" or "brackets"), ``start`` and
        ``end`` (offsets of the brackets), ``quote_kind`` (the marks of the
        quotation it stands in).

    >>> bracketed_insertions('He said: "the Tsar (tyrant) will fall" (Reuters).')[["before", "inserted", "kind"]].values.tolist()
    [['Tsar', 'tyrant', 'parentheses']]
    """
    text = check_text(text, allow_empty=True)
    spans = quote_spans(text)
    quotes = spans[spans["kind"].isin(["double", "single"])]
    rows = []
    for b in spans[spans["kind"].isin(["parentheses", "brackets"])].itertuples():
        around = quotes[(quotes["start"] < b.start) & (quotes["end"] > b.end)]
        if around.empty:
            continue
        prev = re.search(r"(\w+(?:['\u2019-]\w+)*)\W*$", text[:b.start])
        before = prev.group(1) if prev and prev.end() >= b.start - 1 else ""
        rows.append((before, b.inner.strip(), b.kind, b.start, b.end, str(around.iloc[-1]["kind"])))
    frame = pd.DataFrame(rows, columns=["before", "inserted", "kind", "start", "end", "quote_kind"])
    return frame.astype({"start": "int64", "end": "int64"})


def group_quotation_spans(text: str) -> pd.DataFrame:
    """The spans of a text that give a source's words in quotation marks, from the attribution table.

    Three kinds, from :mod:`medialit.attribution`: the content of every
    **direct** attribution (a whole quotation with its speaker); the quoted
    stretches inside the content of every **mixed** attribution (the reporter's
    paraphrase with some of the source's words in marks); and every short
    phrase in **single** quotation marks (a label or headline quotation, from
    :func:`medialit.attribution.scare_quotes`). Titles ("a video titled
    ...") are not attributions and are left out.

    Returns:
        ``source`` ("direct", "mixed" or "single"), ``start``, ``end``,
        ``words`` (the text of the span), in text order, without duplicates.

    Caveats:
        Whose words they are comes from the attribution rules: a quotation the
        extractor misses, or credits to the wrong speaker, is missed here too.
        In a report that quotes officials as well as the group, filter the
        attribution table by speaker first.

    >>> group_quotation_spans('Officials said "the road is closed." The so-called \\'council\\' met.')[["source", "words"]].values.tolist()
    [['direct', 'the road is closed.'], ['single', 'council']]
    """
    from .attribution import extract_attributions, scare_quotes

    text = check_text(text)
    rows = []
    attrs = extract_attributions(text)
    for row in attrs.itertuples():
        if row.type == "direct":
            rows.append(("direct", int(row.content_start), int(row.content_end)))
        elif row.type == "mixed":
            for s, e in _double_pairs(text, int(row.content_start), int(row.content_end)):
                rows.append(("mixed", s + 1, e - 1))
    for row in scare_quotes(text).itertuples():
        if row.marks == "single":
            rows.append(("single", int(row.start), int(row.end)))
    rows = sorted(set(rows), key=lambda r: (r[1], r[2], r[0]))
    frame = pd.DataFrame(rows, columns=["source", "start", "end"])
    frame["words"] = [text[s:e] for s, e in zip(frame["start"], frame["end"])]
    return frame.astype({"start": "int64", "end": "int64"})


def share_by_part(text: str, spans: pd.DataFrame, *, parts: Sequence[str] | None = None) -> pd.DataFrame:
    """How many words of each part of a report fall inside the given spans.

    Args:
        text: the report, one headline, standfirst or paragraph per line.
        spans: a table with ``start`` and ``end`` columns (for example from
            :func:`group_quotation_spans` or :func:`quote_spans`).
        parts: names of the first lines (see :func:`line_parts`).

    Returns:
        One row per part present, in the order of :data:`PARTS`: ``part``,
        ``words`` (word tokens in that part), ``in_spans`` (those inside a span)
        and ``share`` (``in_spans / words``).

    Caveats:
        A word counts once even when spans overlap. The share says how much of a
        part is presented in someone else's words, not whose words they are, nor
        how much of the group's message the reporter paraphrased.

    >>> import pandas as pd
    >>> share_by_part("Big 'news' today\\nNothing quoted here.", pd.DataFrame({"start": [5], "end": [9]}),
    ...               parts=["headline"]).values.tolist()
    [['headline', 3, 1, 0.3333333333333333], ['body', 3, 0, 0.0]]
    """
    text = check_text(text, allow_empty=True)
    if not isinstance(spans, pd.DataFrame) or not {"start", "end"} <= set(spans.columns):
        raise TypeError("spans should be a DataFrame with 'start' and 'end' columns (offsets into the text).")
    intervals = list(zip(spans["start"].astype(int), spans["end"].astype(int)))
    counts: dict[str, list[int]] = {}
    lines = line_parts(text, parts)
    for _word, s, e in token_spans(text):
        part = next((p for ls, le, p in lines if ls <= s < le), "body")
        inside = any(a <= s and e <= b for a, b in intervals)
        tally = counts.setdefault(part, [0, 0])
        tally[0] += 1
        tally[1] += int(inside)
    rows = [(p, counts[p][0], counts[p][1], counts[p][1] / counts[p][0]) for p in PARTS if p in counts]
    return pd.DataFrame(rows, columns=["part", "words", "in_spans", "share"])


def normalise_form(form: str) -> str:
    """A form of a phrase without quotation marks, brackets or case, for comparing wordings.

    >>> normalise_form("'Putin the Apostate'"), normalise_form("Taghut (apostate) Putin")
    ('putin the apostate', 'taghut apostate putin')
    """
    if not isinstance(form, str):
        raise TypeError(f"form should be a string; got {type(form).__name__}.")
    words = re.findall(r"\w+(?:['\u2019-]\w+)*", form.replace("\u2019", "'"))
    return " ".join(w.lower() for w in words)


def _check_travel(frame: object, name: str = "travel") -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} should be the phrase-travel table (a DataFrame); got {type(frame).__name__}.")
    missing = [c for c in ("outlet", "date_from", "date_to", "phrase", "form") if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} lacks the column(s) {', '.join(missing)}: load it with load_phrase_travel().")
    return frame


def load_phrase_travel() -> pd.DataFrame:
    """Read ``data/cases/phrase-travel.csv``: where the group's phrases appeared in the coverage.

    The file is checked against its manifest's checksum, and every value against
    the table's vocabulary, before it is returned; a bad value raises
    :class:`~medialit.errors.DataFileError` naming the row and column.

    Returns:
        The table with ``date_from``/``date_to`` as dates (``date_to`` is empty
        where the latest possible date is not known).

    >>> travel = load_phrase_travel()
    >>> sorted(travel["phrase"].unique())[:2]
    ['caliphate_here', 'caucasus_province']
    """
    path = data_path("cases", "phrase-travel.csv")
    verify_file(path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if tuple(frame.columns) != TRAVEL_COLUMNS:
        raise DataFileError(f"{path.name} should have the columns {', '.join(TRAVEL_COLUMNS)}; it has {', '.join(frame.columns)}.")
    allowed = {"part": PARTS, "voice": VOICES, "marks": MARKS}
    for i, row in frame.iterrows():
        line = i + 2  # header is line 1
        for column, values in allowed.items():
            if row[column] not in values:
                raise DataFileError(f"{path.name}, line {line}: {column} is {row[column]!r}; expected one of {', '.join(values)}.")
        for column in ("row_id", "outlet", "phrase", "form", "date_from", "source"):
            if not row[column].strip():
                raise DataFileError(f"{path.name}, line {line}: {column} is empty.")
    if frame["row_id"].duplicated().any():
        raise DataFileError(f"{path.name}: row_id values repeat: {sorted(frame.loc[frame['row_id'].duplicated(), 'row_id'])}.")
    frame["date_from"] = pd.to_datetime(frame["date_from"], format="%Y-%m-%d")
    frame["date_to"] = pd.to_datetime(frame["date_to"].replace("", None), format="%Y-%m-%d")
    bad = frame[frame["date_to"].notna() & (frame["date_to"] < frame["date_from"])]
    if len(bad):
        raise DataFileError(f"{path.name}: date_to comes before date_from in rows {', '.join(bad['row_id'])}.")
    return frame


def first_uses(travel: pd.DataFrame, *, by: str | Sequence[str] = "phrase") -> pd.DataFrame:
    """Which outlet used each phrase (or each wording) first, and whether the data can tell.

    A report whose day is not known spans a range of dates. The earliest report
    is the one with the earliest latest-possible date; any other report whose
    earliest possible date is not later than that could also have come first.

    Args:
        travel: the phrase-travel table (:func:`load_phrase_travel`).
        by: the column(s) to group by: ``"phrase"``, or ``["phrase", "wording"]``
            after adding a column of :func:`normalise_form` results.

    Returns:
        One row per group: the grouping columns, ``first`` (the outlets that may
        have used it first, joined with "; "), ``earliest`` (the earliest possible
        date), ``certain`` (True when only one outlet may have come first) and
        ``outlets`` (how many outlets used it in all).

    Caveats:
        "First" means first among the reports in the table, which are those the
        kit found, each seen in part: an earlier use elsewhere is always possible.
    """
    travel = _check_travel(travel)
    keys = [by] if isinstance(by, str) else list(by)
    missing = [k for k in keys if k not in travel.columns]
    if missing:
        raise ValueError(f"Cannot group by {missing}: travel has no such column(s).")
    rows = []
    for key, group in travel.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        per_outlet = group.groupby("outlet").agg(date_from=("date_from", "min"), date_to=("date_to", "min"))
        known_ends = per_outlet["date_to"].dropna()
        if known_ends.empty:  # no report's latest date is known: any of them may have come first
            firsts = sorted(per_outlet.index)
        else:
            firsts = sorted(per_outlet.index[per_outlet["date_from"] <= known_ends.min()])
        rows.append((*key, "; ".join(firsts), per_outlet["date_from"].min(), len(firsts) == 1, len(per_outlet)))
    return pd.DataFrame(rows, columns=[*keys, "first", "earliest", "certain", "outlets"])


def marks_table(travel: pd.DataFrame, *, phrases: Sequence[str] | None = None,
                voices: Sequence[str] | None = None) -> pd.DataFrame:
    """Outlets against marks: how often each outlet gave the phrases in each kind of marks.

    Args:
        travel: the phrase-travel table.
        phrases: keep only these phrases (default: all).
        voices: keep only rows in these voices (default: all); use
            ``["group", "reporter"]`` to leave out block quotations of another outlet.

    Returns:
        A count table, one row per outlet (in order of first appearance by date),
        one column per kind of marks in :data:`MARKS` that occurs.

    >>> t = marks_table(load_phrase_travel(), phrases=["caucasus_province"], voices=["reporter"])
    >>> "none" in t.columns
    True
    """
    travel = _check_travel(travel)
    rows = travel
    if phrases is not None:
        rows = rows[rows["phrase"].isin(list(phrases))]
    if voices is not None:
        unknown = set(voices) - set(VOICES)
        if unknown:
            raise ValueError(f"Unknown voice(s) {sorted(unknown)}: use {', '.join(VOICES)}.")
        rows = rows[rows["voice"].isin(list(voices))]
    order = rows.sort_values(["date_from", "outlet"], kind="stable")["outlet"].drop_duplicates().tolist()
    table = pd.crosstab(rows["outlet"], rows["marks"])
    table = table[[m for m in MARKS if m in table.columns]].reindex(order)
    table.columns.name = "marks"
    return table


def rendering(form: str) -> str:
    """A form's wording for display: lower case, quotation marks dropped, brackets kept.

    >>> rendering("'Putin the Apostate'"), rendering('Taghut [apostate] Putin'), rendering('the "tyrant" Putin')
    ('putin the apostate', 'taghut [apostate] putin', 'the tyrant putin')
    """
    if not isinstance(form, str):
        raise TypeError(f"form should be a string; got {type(form).__name__}.")
    text = re.sub(r"[" + re.escape(_QUOTE_CHARS) + r"]", "", form).lower()
    return " ".join(text.strip(" .,").split())


_LANGUAGES = {"en": "English", "ar": "Arabic", "ru": "Russian"}


def _short(outlet: str) -> str:
    """A short label for an outlet in a figure."""
    name = outlet.split(" (")[0]
    name = name[4:] if name.startswith("The ") else name
    return name.replace(".blogspot.com", " (blog)")


def travel_figure(travel: pd.DataFrame, *, phrase: str, language: str = "en"):
    """Dot chart of how one phrase was worded, by outlet and date: one row per wording.

    Args:
        travel: the phrase-travel table (:func:`load_phrase_travel`).
        phrase: the phrase to draw (a value of its ``phrase`` column).
        language: draw only reports in this language (the figure's fonts show
            Latin script; reports in other scripts are counted in the alt text).

    Returns:
        A matplotlib Figure with ``alt_text`` (see :func:`medialit.plots.alt_text`)
        naming every wording and the outlets that used it. Headline uses are
        drawn as squares, others as circles.

    >>> fig = travel_figure(load_phrase_travel(), phrase="caliphate_here")
    >>> from medialit.plots import alt_text
    >>> alt_text(fig).startswith("Dot chart of the wordings of caliphate_here")
    True
    """
    from .plots import GRID, MUTED, PALETTE, TEXT, _new_figure

    travel = _check_travel(travel)
    rows = travel[travel["phrase"] == phrase]
    if rows.empty:
        raise ValueError(f"No rows for phrase {phrase!r}; the table has {', '.join(sorted(travel['phrase'].unique()))}.")
    other = rows[rows["language"] != language]
    rows = rows[rows["language"] == language].assign(wording=lambda f: f["form"].map(rendering))
    order = (rows.sort_values(["date_from", "row_id"], kind="stable")["wording"].drop_duplicates().tolist())
    fig, ax = _new_figure(7.5, max(2.2, 0.5 * len(order) + 1.3))
    ypos = {w: i for i, w in enumerate(order[::-1])}
    placed: dict[tuple[str, pd.Timestamp], int] = {}
    for row in rows.sort_values(["date_from", "row_id"], kind="stable").itertuples():
        key = (row.wording, row.date_from)
        k = placed.get(key, 0)
        placed[key] = k + 1
        x = row.date_from + pd.Timedelta(hours=5 * k)
        headline = row.part == "headline"
        ax.plot(x, ypos[row.wording], marker="s" if headline else "o", markersize=7, linestyle="none",
                color=PALETTE["vermillion"] if headline else PALETTE["blue"])
        ax.annotate(_short(row.outlet), (x, ypos[row.wording]), xytext=(5, 4 + 8 * (k % 2)),
                    textcoords="offset points", fontsize=7, color=TEXT)
    ax.set_yticks(list(ypos.values()), list(ypos.keys()))
    days = sorted(rows["date_from"].unique())
    ax.set_xticks(days, [pd.Timestamp(d).strftime("%d %b") for d in days])
    ax.set_xlim(min(days) - pd.Timedelta(hours=12), max(days) + pd.Timedelta(days=1))
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.plot([], [], marker="s", color=PALETTE["vermillion"], linestyle="none", label="in a headline")
    ax.plot([], [], marker="o", color=PALETTE["blue"], linestyle="none", label="in a standfirst or body")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8, labelcolor=TEXT)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_color(MUTED)
    parts = []
    for wording in order:
        used = rows[rows["wording"] == wording].sort_values(["date_from", "row_id"], kind="stable")
        names = [f"{_short(o)} ({p}, {d.day} {d:%b})" for o, p, d in zip(used["outlet"], used["part"], used["date_from"])]
        parts.append(f"'{wording}': {'; '.join(names)}")
    alt = (f"Dot chart of the wordings of {phrase} in reports in {_LANGUAGES.get(language, language)}, by date of report, "
           f"earliest wording at the top. " + ". ".join(parts) + ".")
    if len(other):
        alt += f" Not drawn: {len(other)} use(s) in other languages."
    fig.alt_text = alt  # type: ignore[attr-defined]
    ax.set_xlabel("Date of report, 2016 (squares: headline)", color=TEXT)
    return fig
