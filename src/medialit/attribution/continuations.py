"""Step 6: quotations with no tag. The news convention of consecutive quotation paragraphs.

A quotation of at least three words that opens its sentence, with no speaker tag and not
inside any attribution found so far, continues the speaker of the attribution just before
it: it becomes a direct row with an empty ``speaker``, marked as carried, and
:func:`.resolve.resolve_speakers` fills in ``speaker_resolved``. A quotation of five or
more words inside a sentence is also kept (speaker unknown), unless its words are a Title Case
name or title (``an event called "Storm The Old Mill Weekend Experience"``). Shorter quotations inside a
sentence are scare quotes or labels (see :func:`medialit.attribution.scare_quotes`).

>>> from .document import _Doc
>>> doc = _Doc('Ana Ruiz said the dam held.\\n"We checked every bolt twice."')
>>> rows = []
>>> untagged_quotations(doc, rows, {})
>>> [(r["content"], r["_carried"]) for r in rows]
[('We checked every bolt twice.', True)]
"""
from __future__ import annotations

import bisect
from typing import Any

from .document import _Doc
from .rows import _row
from .speakers import _subject


def _introducer(doc: _Doc, by_sentence: dict[int, list[dict[str, Any]]], q,
                starts_sentence: bool) -> tuple[str, dict[str, Any] | None]:
    """The speaker a clause introduces a quotation with, and the row of that clause's cue if it has
    one: a quotation after a colon or comma belongs to the subject of the clause before it ("Trump,
    also on Twitter, defended his decision, "..."", "the statement read: "...""); a quotation opening
    a sentence right after a sentence with no attribution belongs to that sentence's subject when it
    is a name ("Brett McGurk also criticized the decision. "..."")."""
    text = doc.text
    si = doc.sent_of(q.open)
    if not starts_sentence:
        b = q.open  # the last character before the quotation that is not white space
        while b > 0 and text[b - 1].isspace():
            b -= 1
        if text[b - 1:b] not in (":", ","):
            return "", None
        lo, _ = doc.sent_bounds(si)
        before = [r for r in by_sentence.get(si, []) if r["sentence_index"] == si and r["_anchor"] < q.open and r["speaker"]
                  and r["content_end"] <= q.open]
        if before:
            row = max(before, key=lambda r: r["_anchor"])
            return row["speaker"], row
        return _subject(doc, doc.tok_at(lo), doc.tok_at(q.open)), None
    if si == 0 or doc.para_of(doc.sent_bounds(si - 1)[0]) != doc.para_of(q.open):
        return "", None
    if any(r["sentence_index"] == si - 1 for r in by_sentence.get(si - 1, [])):
        return "", None
    lo, hi = doc.sent_bounds(si - 1)
    if doc.quote_within(lo, hi):
        return "", None
    subject = _subject(doc, doc.tok_at(lo), doc.tok_at(hi))
    words = subject.split()
    if words and words[-1][:1].isupper() and len(words) <= 10 and not words[0].lower() in {"the", "a", "an", "this"}:
        return subject, None
    return "", None


def _is_title(words: str) -> bool:
    """Title Case words with no sentence punctuation: the name of an event, a work or a campaign."""
    if any(ch in words for ch in ".!?,;:"):
        return False
    long_words = [w for w in words.split() if len(w) > 3]
    return bool(long_words) and not words.isupper() and all(w[:1].isupper() or w[:1].isdigit() for w in long_words)


def untagged_quotations(doc: _Doc, rows: list[dict[str, Any]], quote_owner: dict[int, int]) -> None:
    """Append a direct row for each untagged quotation that is not a scare quote."""
    text = doc.text
    # Is a quotation inside the content of a row found before? The rows' spans sorted by start,
    # with the furthest end reached so far: one bisection per quotation, not a scan of the rows.
    covered = sorted((r["content_start"], r["content_end"]) for r in rows)
    by_sentence: dict[int, list[dict[str, Any]]] = {}  # the rows of each sentence, kept up to date
    for r in rows:
        by_sentence.setdefault(r["sentence_index"], []).append(r)

    def add(row: dict[str, Any]) -> None:
        rows.append(row)
        by_sentence.setdefault(row["sentence_index"], []).append(row)

    covered_starts = [s for s, _ in covered]
    reach: list[int] = []
    for _, e in covered:
        reach.append(max(e, reach[-1]) if reach else e)
    for qi, q in enumerate(doc.quotes):
        if qi in quote_owner or q.inner_end <= q.inner_start:
            continue
        k = bisect.bisect_right(covered_starts, q.inner_start) - 1
        if k >= 0 and reach[k] >= q.inner_end:
            continue
        nwords = len(text[q.inner_start:q.inner_end].split())
        slo, _ = doc.sent_bounds(doc.sent_of(q.open))
        starts_sentence = not text[slo:q.open].strip() or q.open <= slo
        if nwords < 5 and not starts_sentence:
            continue  # a scare quote or a label: see scare_quotes()
        if not starts_sentence and _is_title(text[q.inner_start:q.inner_end]):
            continue  # a name or title in quotation marks: 'an event called "Storm The Old Mill Weekend"'
        if nwords < 3:
            continue
        speaker, row = _introducer(doc, by_sentence, q, starts_sentence) if (qi == 0 or doc.quotes[qi - 1].chain != q.chain) \
            else ("", None)
        if speaker:
            new = _row(doc, "direct", speaker, row["cue"] if row else "", None, q.inner_start, q.inner_end, anchor=q.open,
                       cue_class="speech")
            if row is not None:
                # a quotation after 'cited one study:' is the speaker's words, not a noun-phrase object
                new.update(cue_lemma=row["cue_lemma"], cue_stance=row["cue_stance"],
                           cue_class="speech" if row["cue_class"] in ("np_object", "agentless") else row["cue_class"])
            add(new)
            for qj in doc.chain_members[q.chain]:  # the rest of a quotation running over paragraphs
                if qj > qi and doc.quotes[qj].inner_end > doc.quotes[qj].inner_start:
                    quote_owner[qj] = len(rows) - 1
                    add(new | {"content": text[doc.quotes[qj].inner_start:doc.quotes[qj].inner_end],
                                       "content_start": doc.quotes[qj].inner_start,
                                       "content_end": doc.quotes[qj].inner_end,
                                       "sentence_index": doc.sent_of(doc.quotes[qj].inner_start)})
            quote_owner[qi] = len(rows) - 1
            continue
        add(_row(doc, "direct", "", "", None, q.inner_start, q.inner_end, anchor=q.open,
                         carried=starts_sentence))
