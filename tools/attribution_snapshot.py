"""Snapshot of the attribution extractor's full output on every text the kit ships.

Usage:
    .venv/bin/python tools/attribution_snapshot.py            # show what differs from the snapshot
    .venv/bin/python tools/attribution_snapshot.py --write    # rewrite the snapshot (after review)

The snapshot (``tests/fixtures/attribution_snapshot.json``) records, for each text of
``medialit.corpus.list_articles()``: its sentence spans, and the complete output of
``extract_attributions``, ``scare_quotes``, ``hedges`` and ``voice_map``; and, for each text
with gold annotations, the scores of ``evaluate`` against the gold. ``tests/test_attribution_snapshot.py``
recomputes it and fails on any difference, so a refactor that changes behaviour cannot pass
unnoticed. When behaviour is meant to change, run this script without ``--write`` first, read
every difference it prints against the text, and only then write the new snapshot.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "fixtures" / "attribution_snapshot.json"


def _clean(value: Any) -> Any:
    """JSON-safe plain values: numpy scalars to Python, NaN to None, floats rounded."""
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 6)
    return value


def _records(frame) -> list[dict[str, Any]]:
    return [{k: _clean(v) for k, v in row.items()} for row in frame.to_dict("records")]


def compute() -> dict[str, Any]:
    """The extractor's current output on every shipped text (the snapshot's content)."""
    from medialit import attribution
    from medialit.corpus import list_articles, load_article
    from medialit.text import sentence_spans

    texts: dict[str, Any] = {}
    for name in list_articles():
        text = load_article(name).text
        texts[name] = {
            "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "sentences": [list(span) for span in sentence_spans(text)],
            "extract_attributions": _records(attribution.extract_attributions(text)),
            "scare_quotes": _records(attribution.scare_quotes(text)),
            "hedges": _records(attribution.hedges(text)),
            "voice_map": _records(attribution.voice_map(text)),
        }
    scores = {}
    for name in attribution.gold_names():
        text = load_article(name).text
        predicted = attribution.extract_attributions(text)
        scores[name] = _records(attribution.evaluate(predicted, attribution.load_gold(name)))
    return {
        "about": "Output of medialit.attribution on every text of medialit.corpus.list_articles(); "
                 "written by tools/attribution_snapshot.py --write, checked by tests/test_attribution_snapshot.py.",
        "texts": texts,
        "gold_scores": scores,
    }


def differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Human-readable differences between two snapshots, row by row."""
    out: list[str] = []
    for name in sorted(set(old.get("texts", {})) | set(new.get("texts", {}))):
        a, b = old["texts"].get(name), new["texts"].get(name)
        if a is None or b is None:
            out.append(f"{name}: {'added' if a is None else 'removed'}")
            continue
        for part in b:
            if a.get(part) == b.get(part):
                continue
            rows_a = [json.dumps(r, sort_keys=True, ensure_ascii=False) for r in a.get(part, [])] if isinstance(a.get(part), list) else [str(a.get(part))]
            rows_b = [json.dumps(r, sort_keys=True, ensure_ascii=False) for r in b.get(part, [])] if isinstance(b.get(part), list) else [str(b.get(part))]
            gone = [r for r in rows_a if r not in rows_b]
            came = [r for r in rows_b if r not in rows_a]
            out.append(f"{name} / {part}: {len(gone)} row(s) gone, {len(came)} new")
            out.extend(f"  - {r}" for r in gone)
            out.extend(f"  + {r}" for r in came)
    for name in sorted(set(old.get("gold_scores", {})) | set(new.get("gold_scores", {}))):
        a, b = old.get("gold_scores", {}).get(name), new.get("gold_scores", {}).get(name)
        if a != b:
            out.append(f"gold scores of {name}:")
            for row in a or []:
                out.append(f"  - {json.dumps(row)}")
            for row in b or []:
                out.append(f"  + {json.dumps(row)}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite the snapshot file")
    args = parser.parse_args(argv)
    new = compute()
    old = json.loads(SNAPSHOT.read_text(encoding="utf-8")) if SNAPSHOT.exists() else {"texts": {}, "gold_scores": {}}
    diff = differences(old, new)
    print("\n".join(diff) if diff else "no difference from the snapshot")
    if args.write:
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(json.dumps(new, indent=1, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")
        print(f"wrote {SNAPSHOT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
