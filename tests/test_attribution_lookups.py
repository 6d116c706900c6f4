"""The extractor's look-ups by bisection give what the scans they replaced gave (issue 17).

voice_map grew with the square of the text because several steps scanned every quotation,
mention, cue or row for each cue or row. Those scans became bisections in sorted lists; the
snapshot test (tests/test_attribution_snapshot.py) shows the output is unchanged on the kit's
texts, and these tests compare each look-up with the scan it replaced, on real texts and on
every span, so that a text unlike the kit's cannot tell them apart either.
"""
from __future__ import annotations

import random

import pytest

from medialit.attribution.document import _Doc
from medialit.attribution.resolve import _Mentions, _Names, _surname, person_mentions
from medialit.attribution.speakers import _CueIndex, _segment_has_cue
from medialit.corpus import load_kit_corpus

QUOTED = ('"We will not stop," the minister said on Monday. Officials said "the port is closed" and '
          'that "nobody" was hurt.\n\n"It began at dawn.\n\n"It ended at noon," Ana Ruiz said. '
          '"Unclosed, she said.\n\nShe added: "Later."')


@pytest.fixture(scope="module")
def docs():
    corpus = load_kit_corpus("wikinews")["text"].tolist()
    return [_Doc(text) for text in (QUOTED, corpus[0], corpus[1], "\n\n".join(corpus[:30]))]


def _spans(n: int, rng: random.Random, count: int = 400):
    spans = [(a, b) for a in range(0, min(n, 40)) for b in range(a - 2, min(n, 40))]
    spans += [(a, a + rng.randint(-3, 300)) for a in (rng.randrange(n) for _ in range(count))]
    return spans


def test_quotes_in_and_quote_within_match_the_scans(docs):
    rng = random.Random(17)
    for doc in docs:
        text = doc.text
        assert doc._quote_closes is not None, "find_quotations gives quotations in order, not overlapping"
        for s, e in _spans(len(text), rng):
            scan = [qi for qi, q in enumerate(doc.quotes)
                    if s <= q.open < e or s < q.close <= e or (q.open < s and q.close >= e)]
            assert doc.quotes_in(s, e) == scan, (s, e)
            assert doc.quote_within(s, e) == any(q.open >= s and q.close <= e for q in doc.quotes), (s, e)


def test_quote_look_ups_fall_back_to_scans_for_overlapping_quotations():
    doc = _Doc(QUOTED)
    doc.quotes = list(reversed(doc.quotes))  # out of order: the bisections would be wrong
    doc.__dict__.pop("_quote_closes", None)
    doc.__dict__.pop("quote_opens", None)
    assert doc._quote_closes is None
    for s, e in _spans(len(QUOTED), random.Random(3)):
        scan = [qi for qi, q in enumerate(doc.quotes)
                if s <= q.open < e or s < q.close <= e or (q.open < s and q.close >= e)]
        assert doc.quotes_in(s, e) == scan


def test_chain_members_list_each_chains_quotations_in_order(docs):
    for doc in docs:
        for chain, members in doc.chain_members.items():
            assert members == [qi for qi, q in enumerate(doc.quotes) if q.chain == chain]


def test_mentions_look_ups_match_the_scans(docs):
    rng = random.Random(5)
    for doc in docs:
        text = doc.text
        plain = person_mentions(doc)
        mentions = _Mentions(plain)
        assert mentions == plain and mentions.ordered
        known = sorted({_surname(n) for _, n in plain})
        surnames = rng.sample(known, min(12, len(known))) + ["nobody"]
        for lo, hi in _spans(len(text), rng, 200):
            assert mentions.between(lo, hi) == [m for m in plain if lo <= m[0] < hi]
        for pos in [rng.randrange(len(text) + 1) for _ in range(40)] + [0, len(text) + 1]:
            for surname in surnames:
                scan = next((n for start, n in reversed([m for m in plain if m[0] < pos])
                             if len(n.split()) > 1 and _surname(n) == surname), "")
                assert mentions.last_full_before(pos, surname) == scan


def test_names_remember_the_last_full_name_per_surname():
    names = _Names()
    for name in ["Ana Ruiz", "Ruiz", "Peskov", "Dmitry Peskov", "Maria Ruiz", "al-Assad", "Bashar al-Assad"]:
        names.append(name)
        for surname in ("ruiz", "peskov", "assad"):
            scan = next((n for n in reversed(names) if len(n.split()) > 1 and _surname(n) == surname), "")
            assert names.last_full.get(surname, "") == scan


def test_cue_index_ranges_match_the_scans():
    rng = random.Random(11)
    for _ in range(50):
        members = {rng.randrange(200) for _ in range(rng.randrange(0, 30))}
        index = _CueIndex(members)
        assert index == members and index.order == sorted(members)
        for _ in range(100):
            a, b = rng.randrange(-5, 210), rng.randrange(-5, 210)
            inside = [k for k in members if a <= k <= b]
            assert _segment_has_cue(index, a, b) == bool(inside) == _segment_has_cue(members, a, b)
            assert index.last_in(a, b) == (max(inside) if inside else None)
