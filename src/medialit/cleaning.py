"""Removing page furniture from scraped news text, as a documented and tested step.

A scraper that keeps every paragraph of a web page keeps more than the article: photo
captions, the attribution line of a pull quote whose quotation it dropped, notes of a table it
did not keep, the original wording of a translated quotation that the page shows on hover. Such
*page furniture* changes every count a chapter makes (a gallery of 28 captions adds 28
"sentences" without a verb), so it is removed before analysis, by rule, never by hand, and
every removal is listed so that a reader can check it.

:func:`clean_wikinews` holds the rules for the kit's Wikinews corpus, which was scraped by
taking the ``<p>`` elements of each page (vanatteveldt/wikinews, ``scrape_wikinews.R``).
``tools/import_wikinews.py`` applies it to the shared originals and writes the cleaned copy
under ``data/corpora/wikinews/``. The rules fit what that scrape left; they are an example of
a cleaning step for your own corpus, not a general-purpose cleaner.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

__all__ = [
    "Cleaned",
    "FURNITURE_KINDS",
    "GALLERY_MIN_RUN",
    "GALLERY_MAX_WORDS",
    "clean_wikinews",
    "wikinews_exclusion",
]

#: The kinds of furniture :func:`clean_wikinews` removes, with what each is.
FURNITURE_KINDS = {
    "image caption": "a photo caption with its credit ('... Image: Name.' or '(Image: Name)') or a bare "
                     "image file name ('File:....jpg')",
    "gallery caption": "a caption in a photo gallery without credits: a run of short paragraphs "
                       "closing the article",
    "pull-quote attribution": "the '—Name' line of a pull-quote box whose quotation the scrape dropped",
    "table note": "numbered or starred notes of a table the scrape dropped ('1. Unofficial results')",
    "original-language gloss": "the original wording of a translated quotation, which the page shows on "
                               "hover ('((es))Spanish language: ...')",
    "invisible character": "a zero-width joiner (U+200D) left between a word and its apostrophe",
}
#: A gallery is at least this many short paragraphs in a row at the end of an article ...
GALLERY_MIN_RUN = 5
#: ... each of at most this many words.
GALLERY_MAX_WORDS = 13

_REMOVED_COLUMNS = ("kind", "start", "end", "text")

_CAPTION = re.compile(r"(?:Image: [^\n]*\.|\(Image: [^)\n]*\))\Z|\AFile:\S[^\n]*\.(?:jpe?g|png|gif|svg)\Z",
                      re.IGNORECASE)
# The scrape kept a pull-quote box's attribution line, written "—Name" (an em dash and no space),
# but not its quotation. A block quote in the article is attributed "– Name" (an en dash and a
# space) below the quoted paragraph; those lines are the article's and are kept.
_PULL_QUOTE = re.compile(r"\A\u2014\S[^\n]{0,120}\Z")
_TABLE_NOTE = re.compile(r"\A(?:(?:\d{1,2}\. [^\n]+)(?:\n\d{1,2}\. [^\n]+)*|\* [^\n]+)\Z")
_GLOSS = re.compile(r"[ \t]*\(\((?P<code>[a-z]{2,3})\)\)(?P<language>[A-Z][a-z]+)(?: language)?: \u200d ?")
_INTERVIEW_TURN = re.compile(r"\A\(\([^()\n]+\)\)")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
#: Original-language glosses in Latin script that run straight into the English sentence, with no
#: mark where they end; each is listed whole (the text after its ``((xx))Language:`` marker).
#: :func:`clean_wikinews` removes a gloss that starts with one of these up to its end; any other
#: Latin-script gloss ends at the paragraph's end or at a closing double quote.
LATIN_GLOSSES_WITHOUT_END = (
    "Prawo i Sprawiedliwość",
    "Tylko nie mów nikomu",
    "Si el Senado me ratifica, seré gobernador hasta el 2020. Si el Senado no me ratifica, "
    "seré gobernador hasta el próximo miércoles",
    "hay muchos abortos pese a la amenaza penal",
    "tőkekihelyezési",
    "gyakorlatilag lefegyverzett",
)


@dataclass(frozen=True)
class Cleaned:
    """What :func:`clean_wikinews` returns.

    Attributes:
        text: the text without its furniture.
        removed: one row per removal, in the order of the text: ``kind`` (a key of
            :data:`FURNITURE_KINDS`), ``start`` and ``end`` (character offsets into the text
            *given*, not the cleaned one) and ``text`` (what was removed).
    """

    text: str
    removed: pd.DataFrame

    def summary(self) -> str:
        """The removals counted by kind, for a ``changes`` note: ``"2 image captions, 1 table note"``.

        >>> clean_wikinews("Title\\n\\nBody text here.").summary()
        'nothing'
        """
        if self.removed.empty:
            return "nothing"
        counts = self.removed["kind"].value_counts(sort=False)
        parts = []
        for kind in FURNITURE_KINDS:
            if kind in counts.index:
                n = int(counts[kind])
                parts.append(f"{n} {kind}{'' if n == 1 else 's'}")
        return ", ".join(parts)

    def __repr__(self) -> str:
        return f"Cleaned(chars={len(self.text)}, removed={len(self.removed)})"


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph: text between blank lines, without its line breaks."""
    return [(match.start(), match.end()) for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text)]


def _gloss_end(text: str, start: int, para_end: int) -> int:
    """Where an original-language gloss starting at ``start`` ends (exclusive)."""
    rest = text[start:para_end]
    for known in LATIN_GLOSSES_WITHOUT_END:
        if rest.startswith(known):
            return start + len(known)
    first_letter = next((ch for ch in rest if ch.isalpha()), "")
    if first_letter and not _LATIN_LETTER.match(first_letter):
        # A gloss in another script ends where Latin letters begin again.
        latin = _LATIN_LETTER.search(rest)
        end = start + (latin.start() if latin else len(rest))
        while end > start and text[end - 1].isspace():
            end -= 1
        return end
    quote = rest.find('"')
    return start + quote if quote >= 0 else para_end


def clean_wikinews(text: str) -> Cleaned:
    """Remove the page furniture the Wikinews scrape left in an article's text.

    The rules, each a kind in :data:`FURNITURE_KINDS`, are applied paragraph by paragraph
    (paragraphs are separated by a blank line):

    1. **image caption**: a paragraph ending in a photo credit (``Image: Name.`` or
       ``(Image: Name)``), or a bare file name (``File:x.jpg``), is removed whole.
    2. **pull-quote attribution**: a paragraph of one line starting with an em dash and no
       space (``—Troy Roberts``) is removed: on Wikinews it is the attribution of a pull-quote
       box whose quotation the scrape did not keep. A line ``– Name`` (en dash, space) under a
       block quote is the article's attribution of that quote and is kept.
    3. **table note**: a paragraph made only of numbered notes (``1. ...``) or one starred note
       (``* ...``) is removed: the table it annotated was not kept.
    4. **gallery caption**: at the end of the article, a run of at least
       :data:`GALLERY_MIN_RUN` paragraphs of at most :data:`GALLERY_MAX_WORDS` words each is a
       photo gallery and is removed (an interview turn ``((WN)) ...`` stops the run).
    5. **original-language gloss**: ``((es))Spanish language:`` and the original wording after
       it are removed from inside the paragraph. The original ends where Latin letters begin
       again (for a gloss in another script), else at the paragraph's end or a closing double
       quote, except for the glosses listed in :data:`LATIN_GLOSSES_WITHOUT_END`.
    6. **invisible character**: zero-width joiners (U+200D) left over are removed.

    Whole paragraphs are removed with the blank line before them; the text keeps its
    paragraph breaks, and ends with one line break if it had any.

    Args:
        text: the body of one article (headline first, paragraphs separated by blank lines).

    Returns:
        A :class:`Cleaned` with the new ``text`` and a ``removed`` table.

    Raises:
        TypeError: ``text`` is not a string.

    Caveats:
        The rules fit the Wikinews scrape the kit ships; a caption without a credit in the
        middle of an article, or a gallery of long captions, is not caught. Run the function
        and read what it removed (``.removed``) before trusting it on other text.

    >>> body = "Fire in Paris\\n\\nThe roof burned.\\n\\nThe spire fell. Image: Remi Mathis.\\n"
    >>> cleaned = clean_wikinews(body)
    >>> cleaned.text
    'Fire in Paris\\n\\nThe roof burned.\\n'
    >>> cleaned.removed[["kind", "text"]].values.tolist()
    [['image caption', 'The spire fell. Image: Remi Mathis.']]
    """
    if not isinstance(text, str):
        raise TypeError(f"clean_wikinews expects an article's text as a string; got {type(text).__name__}.")
    removals: list[tuple[str, int, int]] = []  # (kind, start, end) of what goes, in the given text
    paragraphs = _paragraph_spans(text)
    whole: dict[int, str] = {}  # paragraph index -> kind, for paragraphs removed whole
    for index, (start, end) in enumerate(paragraphs[1:], start=1):  # the headline stays
        para = text[start:end]
        if _CAPTION.search(para):
            whole[index] = "image caption"
        elif _PULL_QUOTE.match(para):
            whole[index] = "pull-quote attribution"
        elif _TABLE_NOTE.match(para):
            whole[index] = "table note"
    # A gallery: the run of short paragraphs closing the article (captions already found count).
    run: list[int] = []
    for index in range(len(paragraphs) - 1, 0, -1):
        start, end = paragraphs[index]
        para = text[start:end]
        if index in whole or (len(para.split()) <= GALLERY_MAX_WORDS and not _INTERVIEW_TURN.match(para)):
            run.append(index)
        else:
            break
    if len([i for i in run if i not in whole]) >= GALLERY_MIN_RUN:
        for index in run:
            whole.setdefault(index, "gallery caption")
    for index, kind in whole.items():
        start, end = paragraphs[index]
        previous_end = paragraphs[index - 1][1]
        removals.append((kind, previous_end, end))  # the paragraph and the line breaks before it
    kept = [paragraphs[i] for i in range(len(paragraphs)) if i not in whole]
    for start, end in kept:
        for match in _GLOSS.finditer(text, start, end):
            removals.append(("original-language gloss", match.start(), _gloss_end(text, match.end(), end)))
    removals.sort(key=lambda r: r[1])
    # Glosses found inside an earlier gloss's span (two markers in one run of text) merge into it.
    merged: list[tuple[str, int, int]] = []
    for kind, start, end in removals:
        if merged and start < merged[-1][2]:
            last = merged[-1]
            merged[-1] = (last[0], last[1], max(last[2], end))
        else:
            merged.append((kind, start, end))
    pieces, cursor = [], 0
    for _kind, start, end in merged:
        pieces.append(text[cursor:start])
        cursor = end
    pieces.append(text[cursor:])
    out = "".join(pieces)
    rows = [{"kind": k, "start": s, "end": e, "text": text[s:e].strip()} for k, s, e in merged]
    # Zero-width joiners left over, located in the given text.
    for match in re.finditer("\u200d", text):
        if not any(s <= match.start() < e for _k, s, e in merged):
            rows.append({"kind": "invisible character", "start": match.start(), "end": match.end(),
                         "text": "\u200d"})
    out = out.replace("\u200d", "")
    removed = pd.DataFrame(rows, columns=list(_REMOVED_COLUMNS))
    removed = removed.sort_values("start", kind="stable").reset_index(drop=True)
    return Cleaned(text=out, removed=removed.astype({"start": "int64", "end": "int64"}))


def wikinews_exclusion(title: str) -> str | None:
    """Why an article should not be in the corpus at all, or ``None``.

    Wikinews publishes test pages among its articles; one is in the scrape. It is not news, so
    the import leaves it out and says so in the corpus manifest.

    >>> wikinews_exclusion("TEST PAGE:Self-publish today")
    'a Wikinews test page, not an article'
    >>> wikinews_exclusion("Notre Dame in Paris catches fire") is None
    True
    """
    if not isinstance(title, str):
        raise TypeError(f"wikinews_exclusion expects a title string; got {type(title).__name__}.")
    if title.strip().upper().startswith("TEST PAGE"):
        return "a Wikinews test page, not an article"
    return None
