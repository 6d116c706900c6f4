"""The extractor: the named steps in order, from a text to its table of attributions.

1. :func:`.quotes.find_quotations` (inside :class:`.document._Doc`): pair quotation marks.
2. :func:`.cues.find_cues`: reporting verbs, "call on", "according to".
3. :func:`.tags.tagged_quotations`: quotations with a speaker tag are direct speech.
4. :func:`.reported.reported_speech`: every other cue, with its speaker and content;
   :func:`.nouns.noun_cues`: nouns and phrases as cues ("In his view", "the claim that").
5. :func:`.classify.classify_quoted`: reported speech holding quotations is direct or mixed.
6. :func:`.continuations.untagged_quotations`: quotations with no tag carry the last speaker.
7. :func:`.resolve.resolve_speakers`: names without titles, pronouns, surnames.
"""
from __future__ import annotations

import pandas as pd

from ..text import check_text
from .classify import classify_quoted
from .continuations import untagged_quotations
from .cues import find_cues
from .document import _Doc, _doc_of
from .nouns import noun_cues
from .reported import reported_speech
from .resolve import resolve_speakers
from .rows import to_frame
from .tags import tagged_quotations


def extract_attributions(text: str) -> pd.DataFrame:
    """Find every attribution in a news text: who says what, with which verb.

    Args:
        text: the text (a headline, an article, several paragraphs separated by line breaks).

    Returns:
        One row per attribution, in text order, with the columns of
        :data:`ATTRIBUTION_COLUMNS`: ``type`` (direct / indirect / mixed /
        unmatched_quote), ``speaker`` (as written; empty for agentless forms; a
        carried-over quotation repeats the speaker it continues), ``speaker_resolved``
        (see the package notes),
        ``cue`` (as written), ``cue_lemma``, ``cue_stance``, ``content``, and
        ``content_start``/``content_end`` (``text[start:end] == content``) and
        ``sentence_index`` (of :func:`medialit.text.sentence_spans`, from 0), and
        ``cue_class`` (one of :data:`CUE_CLASSES`: speech, according_to, cognition,
        perception, evidential, noun, or the borderline np_object and agentless; empty for
        a quotation with no tag). An ``unmatched_quote`` row points at the lone mark itself.

    Raises:
        TypeError: ``text`` is not a string.
        ValueError: ``text`` is empty or only white space.

    >>> t = 'Officials said the bridge was closed. "It will reopen," said Ana Ruiz, a spokeswoman.'
    >>> extract_attributions(t)[["type", "speaker", "cue", "cue_stance", "content"]].values.tolist()
    [['indirect', 'Officials', 'said', 'neutral', 'the bridge was closed'], ['direct', 'Ana Ruiz', 'said', 'neutral', 'It will reopen']]
    """
    text = check_text(text)
    return _extract(_doc_of(text))


def _extract(doc: _Doc) -> pd.DataFrame:
    """The steps, in order, on a prepared text."""
    cues = find_cues(doc)
    quoted = tagged_quotations(doc, cues)
    rows = quoted.rows
    reported_speech(doc, cues, quoted.consumed, rows)
    noun_cues(doc, rows)
    classify_quoted(doc, rows, quoted.quote_owner)
    untagged_quotations(doc, rows, quoted.quote_owner)
    rows.extend(quoted.unmatched)
    rows.sort(key=lambda r: (r["_anchor"] if r["type"] == "unmatched_quote" else r["content_start"], r["content_end"]))
    resolve_speakers(doc, rows)
    return to_frame(rows)
