"""The named steps of medialit.attribution, each on its own (sentences written for the tests)."""
from __future__ import annotations

import pytest

from medialit.attribution.classify import classify_quoted
from medialit.attribution.content import clause_of, content_span
from medialit.attribution.continuations import untagged_quotations
from medialit.attribution.cues import find_cues
from medialit.attribution.document import _Doc
from medialit.attribution.quotes import find_quotations
from medialit.attribution.reported import reported_speech
from medialit.attribution.resolve import resolve_speakers
from medialit.attribution.rows import ATTRIBUTION_COLUMNS, _row, to_frame
from medialit.attribution.speakers import _np_after, _np_before, _subject
from medialit.attribution.tags import tagged_quotations


def inner(text, quotes):
    return [text[q.inner_start:q.inner_end] for q in quotes]


# --- 1. find quotations ---------------------------------------------------------------------------

def test_quotations_pair_straight_and_curly_marks():
    text = 'He said "we won," and she said \u201cnot yet.\u201d'
    quotes, unmatched = find_quotations(text)
    assert inner(text, quotes) == ["we won", "not yet."] and unmatched == []


def test_quotation_continued_into_the_next_paragraph_is_one_chain():
    text = 'Ana said: "The north failed.\n"The south held," she added.'
    quotes, unmatched = find_quotations(text)
    assert inner(text, quotes) == ["The north failed.", "The south held"]
    assert quotes[0].chain == quotes[1].chain and quotes[0].continues and not quotes[0].closed_mark
    assert unmatched == []


def test_lone_marks_are_returned_with_their_role():
    text = 'Storm passed," he wrote. Then "more'
    _, unmatched = find_quotations(text)
    assert unmatched == [(text.index('"'), "close"), (text.index('"more'), "open")]


# --- 2. find cues ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, forms", [
    ("Officials said it was over.", ["said"]),
    ("The claim was false.", []),                      # a noun
    ("The alleged plot failed.", []),                  # an adjective
    ("She came to warn them.", []),                    # an infinitive
    ('"We never said that," he told reporters.', ["told"]),  # "said" inside the quotation
    ("The UN called on both sides to stop.", ["called"]),
    ("According to police, two died.", ["According"]),
])
def test_cues(text, forms):
    assert [c.form for c in find_cues(_Doc(text))] == [f.lower() for f in forms]


# --- 3. attach speakers to quotations --------------------------------------------------------------

def test_tag_after_a_quotation_and_inversion():
    doc = _Doc('"It will reopen," said Ana Ruiz. "It is fine," the mayor said.')
    found = tagged_quotations(doc, find_cues(doc))
    assert [(r["speaker"], r["cue"], r["content"]) for r in found.rows] == [
        ("Ana Ruiz", "said", "It will reopen"), ("the mayor", "said", "It is fine")]
    assert len(found.consumed) == 2 and set(found.quote_owner) == {0, 1}


def test_lone_closing_mark_keeps_its_tag():
    doc = _Doc('The storm passed," the captain wrote.')
    found = tagged_quotations(doc, find_cues(doc))
    assert found.rows == [] and [(r["type"], r["speaker"]) for r in found.unmatched] == [("unmatched_quote", "the captain")]


def test_noun_phrase_before_a_verb():
    for text, expected in [("The mayor of the town said so.", ("The mayor of the town", "np")),
                           ("He said so.", ("He", "pronoun")),
                           ("The union struck and vowed to go on.", ("", "sibling")),
                           ("Nobody asked what the minister said.", ("", "wh"))]:
        doc = _Doc(text)
        cue = find_cues(doc)[-1]
        assert _np_before(doc, cue, 0, {c.i for c in find_cues(doc)}) == expected, text


def test_subject_and_noun_phrase_after():
    doc = _Doc("After the vote, the union rejected the offer, saying it was low.")
    assert _subject(doc, 0, len(doc.toks) - 1) == "the union"
    doc = _Doc("Two died, according to the fire brigade, on Monday.")
    a, b = _np_after(doc, 5, len(doc.toks) - 1)
    assert doc.text[doc.toks[a].start:doc.toks[b].end] == "the fire brigade"


# --- 4. reported speech ------------------------------------------------------------------------------

def test_content_span_after_tell_and_that():
    doc = _Doc("The chief told reporters on Monday that the port was closed, which surprised nobody.")
    cue = find_cues(doc)[0]
    cue_end, cs, ce = content_span(doc, cue, clause_of(doc, cue), {}, {})
    assert doc.text[doc.toks[cue.i].start:cue_end] == "told reporters"
    assert doc.text[cs:ce] == "the port was closed"


def test_directive_needs_an_infinitive():
    doc = _Doc("The UN urged restraint.")
    cue = find_cues(doc)[0]
    assert content_span(doc, cue, clause_of(doc, cue), {}, {}) is None


@pytest.mark.parametrize("text, speaker, content", [
    ("It was reported that the talks had failed.", "", "the talks had failed"),
    ("The bombing was claimed by a little-known group.", "a little-known group", "The bombing"),
    ("The bridge will close, city officials said.", "city officials", "The bridge will close"),
    ("The strike will go ahead, said union leader Tom Hale.", "union leader Tom Hale", "The strike will go ahead"),
    ("Three houses burned, according to the fire brigade.", "the fire brigade", "Three houses burned"),
])
def test_reported_speech_forms(text, speaker, content):
    doc = _Doc(text)
    rows: list = []
    reported_speech(doc, find_cues(doc), set(), rows)
    assert [(r["speaker"], r["content"]) for r in rows] == [(speaker, content)]


def test_participle_takes_the_speaker_of_its_sentence():
    doc = _Doc("The union rejected the offer, saying it was too low.")
    rows: list = []
    reported_speech(doc, find_cues(doc), set(), rows)
    assert [(r["speaker"], r["cue"], r["content"]) for r in rows] == [("The union", "saying", "it was too low")]


# --- 5. classify, 6. continuations, 7. resolve ---------------------------------------------------------

def test_classify_whole_quotation_is_direct_and_part_is_mixed():
    text = 'He said "we won." She said we had "barely" won.'
    doc = _Doc(text)
    a, b = text.index('"we'), text.index("we had")
    rows = [_row(doc, "indirect", "He", "said", None, a, a + 9),
            _row(doc, "indirect", "She", "said", None, b, b + len('we had "barely" won'))]
    classify_quoted(doc, rows, {})
    assert [(r["type"], r["content"]) for r in rows] == [("direct", "we won."), ("mixed", 'we had "barely" won')]


def test_classify_leaves_each_piece_of_a_quotation_over_paragraphs_to_one_row():
    # the introducing clause keeps the pieces before the paragraph of the tag, the tag its own piece
    doc = _Doc('Ana said: "The north failed.\n"The south held," she added.')
    found = tagged_quotations(doc, find_cues(doc))
    rows = found.rows
    reported_speech(doc, find_cues(doc), found.consumed, rows)
    classify_quoted(doc, rows, found.quote_owner)
    assert sorted((r["speaker"], r["content"]) for r in rows) == [("Ana", "The north failed."), ("she", "The south held")]


def test_trailing_citing_names_a_source_of_the_content_before_it():
    doc = _Doc("The port reopened, the agency reported, citing a harbour official.")
    rows: list = []
    reported_speech(doc, find_cues(doc), set(), rows)
    assert [(r["speaker"], r["cue_class"], r["content"]) for r in rows] == [
        ("the agency", "speech", "The port reopened"), ("a harbour official", "according_to", "The port reopened")]


def test_untagged_quotation_opening_a_sentence_is_carried():
    doc = _Doc('Ana Ruiz said the dam held. "We checked every bolt." A "short" one.')
    rows: list = [_row(doc, "indirect", "Ana Ruiz", "said", None, 14, 26, anchor=9)]
    untagged_quotations(doc, rows, {})
    assert [(r["content"], r["_carried"]) for r in rows[1:]] == [("We checked every bolt.", True)]


def test_untagged_quotation_takes_the_clause_that_introduces_it():
    # after a sentence with no attribution, a quotation belongs to that sentence's named subject;
    # after a comma or colon, to the subject of the clause before it
    doc = _Doc('Brett McGurk criticised the decision. "It was a grave mistake." '
               'Trump, on Twitter, defended it, "We did the right thing today."')
    rows: list = []
    untagged_quotations(doc, rows, {})
    assert [(r["speaker"], r["content"], r["_carried"]) for r in rows] == [
        ("Brett McGurk", "It was a grave mistake.", False), ("Trump", "We did the right thing today.", False)]


def test_resolve_names_pronouns_surnames_and_carried_quotes():
    doc = _Doc('Foreign Minister Ana Ruiz said it failed. She said more. Ruiz said so. "We try hard now."')
    rows = [_row(doc, "indirect", spk, "said", None, s, s + 3, anchor=s - 5)
            for spk, s in (("Foreign Minister Ana Ruiz", 31), ("She", 52), ("Ruiz", 69))]
    rows.append(_row(doc, "direct", "", "", None, 76, 92, anchor=75, carried=True))
    resolve_speakers(doc, rows)
    assert [r["speaker_resolved"] for r in rows] == ["Ana Ruiz"] * 4


def test_to_frame_orders_rows_and_keeps_public_columns():
    doc = _Doc("Officials said it was over. Police said no.")
    rows = [_row(doc, "indirect", "Police", "said", None, 40, 42), _row(doc, "indirect", "Officials", "said", None, 15, 26)]
    frame = to_frame(rows)
    assert list(frame.columns) == ATTRIBUTION_COLUMNS and frame["speaker"].tolist() == ["Officials", "Police"]
    assert frame["content_start"].dtype == "int64"
