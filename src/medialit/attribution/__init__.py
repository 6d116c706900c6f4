"""Who says so? Attributions, reporting verbs, hedges, scare quotes and voice maps.

A news report mixes two kinds of sentence: those the reporter asserts, and those
the reporter *attributes* to a source. This package finds the attributions of a
text with general rules of English news writing and returns them as a table:

* **direct** attribution: the source's words in quotation marks, with a speaker
  tag (``"...," Naryshkin told reporters``; ``He further states: "..."``);
* **indirect** attribution (reported speech): the content in the reporter's
  words (``Peskov said he was unaware of the warning``; ``according to
  officials, ...``; ``it was reported that ...``);
* **mixed** attribution: reported speech with some of the source's words in
  quotation marks (``called on Muslims to "kill apostates in Russia"``);
* **unmatched_quote**: a quotation mark that has no partner (an error in the
  text, reported with its position rather than guessed at).

The rules run as named steps, one module each (see the annotation guide of the
book for the conventions the gold annotations follow):

1. :mod:`.quotes` -- find quotations: pair double quotation marks within a
   paragraph; a paragraph that opens a quote without closing it continues into
   the next one when that paragraph opens with a quotation mark; any other
   unpaired mark becomes an ``unmatched_quote`` row. Single quotation marks are
   read as scare quotes or headline quotes, never as attributions.
2. :mod:`.cues` -- find cues: reporting verbs from the kit's lexicon
   ``data/lexicons/reporting-verbs.csv`` (with a stance per verb), skipping nouns,
   adjectives, infinitives and words inside quotations.
3. :mod:`.tags` and :mod:`.speakers` -- attach speakers: a quotation followed by
   ``, SPEAKER VERB`` or ``, VERB SPEAKER`` is direct speech; a quote split around
   its tag gives two rows with the same speaker.
4. :mod:`.reported` and :mod:`.content` -- reported speech: for every other cue,
   the speaker (the noun phrase before the verb, the subject of the clause for a
   participle, ``by X`` for a passive, the phrase after ``according to``) and the
   content (from after the verb to the end of its clause).
5. :mod:`.classify` -- classify: content that is one whole quotation is
   **direct**; content that contains a quotation is **mixed**.
6. :mod:`.continuations` -- merge continuations: a quotation that opens a
   sentence with no tag continues the speaker of the attribution just before it.
7. :mod:`.resolve` -- resolve speakers: names without titles; ``he``/``she`` to
   the last person named; a surname to the full name; collective, document and
   ambiguous speakers stay unresolved.
8. :mod:`.evaluate` -- score a table against the gold annotations.

:mod:`.voice` holds the kit's one definition of a *source* (named, unresolved or none) and of
the voice of each sentence, used by :func:`voice_map`, the chapters and the capstone report.

Caveats: the rules read surface patterns, not syntax. They miss attributions
without a reporting verb ("In his view, ..."), may take a reporter's inference
for an attribution, and cannot tell whom a carried-over quotation belongs to
when a paragraph changes speaker without saying so. Check the table against the
text; :func:`evaluate` measures how often it agrees with a human annotator.
"""
from __future__ import annotations

from .evaluate import evaluate, gold_names, load_corpus_gold, load_gold
from .extract import extract_attributions
from .lexicon import STANCES, hedge_lexicon, reporting_verbs
from .marks import hedges, scare_quotes
from .evaluate import BORDERLINE
from .rows import ATTRIBUTION_COLUMNS, CUE_CLASSES, TYPES
from .voice import NO_SOURCE, SOURCE_KINDS, attributed_spans, source_of, source_table, sources, voice_map

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "BORDERLINE",
    "CUE_CLASSES",
    "NO_SOURCE",
    "SOURCE_KINDS",
    "STANCES",
    "attributed_spans",
    "evaluate",
    "extract_attributions",
    "gold_names",
    "hedge_lexicon",
    "hedges",
    "load_corpus_gold",
    "load_gold",
    "reporting_verbs",
    "scare_quotes",
    "source_of",
    "source_table",
    "sources",
    "voice_map",
]
