"""Step 6: quotations with no tag. The news convention of consecutive quotation paragraphs.

A quotation of at least three words that opens its sentence, with no speaker tag and not
inside any attribution found so far, continues the speaker of the attribution just before
it: it becomes a direct row with an empty ``speaker``, marked as carried, and
:func:`.resolve.resolve_speakers` fills in ``speaker_resolved``. A quotation of five or
more words inside a sentence is also kept (speaker unknown). Shorter quotations inside a
sentence are scare quotes or labels (see :func:`medialit.attribution.scare_quotes`).

>>> from .document import _Doc
>>> doc = _Doc('Ana Ruiz said the dam held.\\n"We checked every bolt twice."')
>>> rows = []
>>> untagged_quotations(doc, rows, {})
>>> [(r["content"], r["_carried"]) for r in rows]
[('We checked every bolt twice.', True)]
"""
from __future__ import annotations

from typing import Any

from .document import _Doc
from .rows import _row


def untagged_quotations(doc: _Doc, rows: list[dict[str, Any]], quote_owner: dict[int, int]) -> None:
    """Append a direct row for each untagged quotation that is not a scare quote."""
    text = doc.text
    covered = [(r["content_start"], r["content_end"]) for r in rows]
    for qi, q in enumerate(doc.quotes):
        if qi in quote_owner or q.inner_end <= q.inner_start:
            continue
        if any(s <= q.inner_start and q.inner_end <= e for s, e in covered):
            continue
        nwords = len(text[q.inner_start:q.inner_end].split())
        slo, _ = doc.sent_bounds(doc.sent_of(q.open))
        starts_sentence = not text[slo:q.open].strip() or q.open <= slo
        if nwords < 5 and not starts_sentence:
            continue  # a scare quote or a label: see scare_quotes()
        if nwords < 3:
            continue
        rows.append(_row(doc, "direct", "", "", None, q.inner_start, q.inner_end, anchor=q.open,
                         carried=starts_sentence))
