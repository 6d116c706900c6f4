"""Score the attribution extractor and the sentence splitter on the Wikinews gold.

Usage:
    .venv/bin/python tools/evaluate_attribution.py                 # print the scores
    .venv/bin/python tools/evaluate_attribution.py --write         # and write data/results/attribution-evaluation.json
    .venv/bin/python tools/evaluate_attribution.py --errors dev-new   # list one development part's errors, row by row
    .venv/bin/python tools/evaluate_attribution.py --development   # score the development half and its parts only
    .venv/bin/python tools/evaluate_attribution.py --write --new-round "round three: ..."  # close a round, open the next

The gold (``data/annotations/wikinews-*.json``, read with
``medialit.attribution.load_corpus_gold``) is split by article into a development half and a
test half. The rules may be tuned on the development half only: ``--errors`` prints the misses
and false alarms of a development part and refuses the test half. Round two grew the development
half in three parts (``dev-old``: round one's development articles; ``dev-new``: new articles whose
errors are read; ``dev-check``: new articles kept unread while rules change, whose errors are
printed only with ``--open-check``, once the rules are written). The scores of both halves and of
the development parts are written to ``data/results/attribution-evaluation.json`` with its manifest,
beside a ``rounds`` record of the figures each round started and ended with;
``tests/test_attribution_evaluation.py`` recomputes them and fails if the file is stale.

Attributions are scored with :func:`medialit.attribution.evaluate`, pooled over the articles
of a half (micro average), at content overlap 0.3 (the goals) and 0.8 (strict), with the
borderline classes (``np_object``, ``agentless``) scored as types of their own, so that
"indirect" means reported content; "indirect_all" scores every indirect row as the older gold
files did. Sentence boundaries are scored as sets of sentence-end offsets, for the kit's
:func:`medialit.text.sentence_spans` and three baselines: a plain regular expression, NLTK's
Punkt untrained, and Punkt trained on the Wikinews articles outside the gold.
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "data" / "results" / "attribution-evaluation.json"
HALVES = ("development", "test")
#: The parts of the development half (round two); the test half has none.
PARTS = ("dev-old", "dev-new", "dev-check")
GOLD = ROOT / "data" / "annotations" / "wikinews-attributions.json"
OVERLAPS = (0.3, 0.8)
GOALS = {"direct_f1": 0.90, "indirect_f1": 0.80, "speaker_accuracy": 0.90, "sentence_f1": 0.98}


@functools.cache
def _texts() -> dict[str, str]:
    from medialit.corpus import load_kit_corpus

    table = load_kit_corpus("wikinews")
    return dict(zip(table["id"], table["text"]))


def _pool(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One table for many articles: offsets shifted so that articles never overlap."""
    parts, offset = [], 0
    for article, frame in frames.items():
        parts.append(frame.assign(content_start=frame["content_start"] + offset,
                                  content_end=frame["content_end"] + offset))
        offset += len(_texts()[article]) + 1
    return pd.concat(parts, ignore_index=True)


@functools.cache
def part_ids(part: str) -> tuple[str, ...]:
    """The article ids of a development part (``dev-old``, ``dev-new``, ``dev-check``)."""
    if part not in PARTS:
        raise SystemExit(f"Unknown part {part!r}: the development half's parts are {', '.join(PARTS)}.")
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    return tuple(data["split"]["development_parts"][part])


def predictions(half: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The gold and the extractor's output for one half (or one development part), pooled."""
    from medialit.attribution import extract_attributions, load_corpus_gold

    if half in PARTS:
        gold = load_corpus_gold(half="development")
        gold = gold[gold["id"].isin(part_ids(half))]
    else:
        gold = load_corpus_gold(half=half)
    ids = sorted(set(gold["id"]))
    pred = _pool({i: extract_attributions(_texts()[i]) for i in ids})
    gold = _pool({i: gold[gold["id"] == i].drop(columns=["id", "split"]) for i in ids})
    return gold, pred


def _num(x: Any) -> Any:
    if isinstance(x, float):
        return None if math.isnan(x) else round(x, 4)
    return int(x) if hasattr(x, "item") else x


def attribution_scores(half: str) -> dict[str, Any]:
    """Per type and overall, at each overlap; plus indirect with borderline rows included."""
    from medialit.attribution import evaluate

    gold, pred = predictions(half)
    out = {}
    for overlap in OVERLAPS:
        table = evaluate(pred, gold, min_overlap=overlap, borderline=True).set_index("type")
        plain = evaluate(pred, gold, min_overlap=overlap).set_index("type")
        rows = {t: {k: _num(v) for k, v in table.loc[t].items()} for t in table.index}
        if "indirect" in plain.index:
            rows["indirect_all"] = {k: _num(v) for k, v in plain.loc["indirect"].items()}
        out[str(overlap)] = rows
    return out


# --- sentences ------------------------------------------------------------------------------------

_REGEX_BOUNDARY = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


def regex_spans(text: str) -> list[tuple[int, int]]:
    """The plain baseline: a sentence ends at every line break, and after . ! ? (and closing
    marks) followed by white space and a capital letter or digit."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for m in _REGEX_BOUNDARY.finditer(line.group()):
            spans.append((start, line.start() + m.start() + len(m.group().rstrip())))
            start = line.start() + m.end()
        spans.append((start, line.end()))
    return [(s, e) for s, e in (_strip(text, s, e) for s, e in spans) if e > s]


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _punkt_spans(tokenizer, text: str) -> list[tuple[int, int]]:
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        for s, e in tokenizer.span_tokenize(line.group()):
            s, e = _strip(text, line.start() + s, line.start() + e)
            if e > s:
                spans.append((s, e))
    return spans


@functools.cache
def _punkt_trained():
    """Punkt trained (unsupervised, as NLTK ships it) on the Wikinews articles outside the gold."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

    from medialit.attribution import load_corpus_gold

    gold_ids = set(load_corpus_gold(part="sentences")["id"])
    trainer = PunktTrainer()
    trainer.train("\n\n".join(t for i, t in sorted(_texts().items()) if i not in gold_ids), finalize=True)
    return PunktSentenceTokenizer(trainer.get_params())


def splitters() -> dict[str, Any]:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from medialit.text import sentence_spans

    untrained = PunktSentenceTokenizer()
    return {
        "medialit.text.sentence_spans": sentence_spans,
        "regex baseline": regex_spans,
        "NLTK Punkt, untrained": lambda t: _punkt_spans(untrained, t),
        "NLTK Punkt, trained on the other Wikinews articles": lambda t: _punkt_spans(_punkt_trained(), t),
    }


def _ends(text: str, spans: list[tuple[int, int]], inside_only: bool) -> set[int]:
    """Sentence-end offsets; with inside_only, only those not at a line break or the text end."""
    ends = {e for _, e in spans}
    if inside_only:
        gaps = {e: re.match(r"\s*", text[e:]).group() for e in ends}
        ends = {e for e in ends if e + len(gaps[e]) < len(text) and "\n" not in gaps[e]}
    return ends


def sentence_scores(half: str, only: tuple[str, ...] | None = None) -> dict[str, Any]:
    from medialit.attribution import load_corpus_gold

    if half in PARTS:
        gold = load_corpus_gold(part="sentences", half="development")
        gold = gold[gold["id"].isin(part_ids(half))]
    else:
        gold = load_corpus_gold(part="sentences", half=half)
    out = {}
    for name, split_ in splitters().items():
        if only is not None and name not in only:
            continue
        row = {}
        for scope, inside in (("all_boundaries", False), ("inside_paragraphs", True)):
            tp = n_pred = n_gold = 0
            for article, rows in gold.groupby("id"):
                text = _texts()[article]
                g = _ends(text, list(zip(rows["start"], rows["end"])), inside)
                p = _ends(text, split_(text), inside)
                tp, n_pred, n_gold = tp + len(g & p), n_pred + len(p), n_gold + len(g)
            prec, rec = tp / n_pred, tp / n_gold
            row[scope] = {"gold": n_gold, "predicted": n_pred, "matched": tp, "precision": round(prec, 4),
                          "recall": round(rec, 4), "f1": round(2 * prec * rec / (prec + rec), 4)}
        out[name] = row
    return out


def part_scores(part: str) -> dict[str, Any]:
    """The scores of one development part: attributions, and the kit's sentence splitter."""
    gold, _ = predictions(part)
    return {"articles": len(part_ids(part)), "gold_attributions": len(gold),
            "attributions": attribution_scores(part),
            "sentences": sentence_scores(part, only=("medialit.text.sentence_spans",))}


def compute(halves_wanted: tuple[str, ...] = HALVES) -> dict[str, Any]:
    from medialit.attribution import load_corpus_gold

    gold = load_corpus_gold()
    halves = {}
    for half in halves_wanted:
        part = gold[gold["split"] == half]
        halves[half] = {
            "articles": int(part["id"].nunique()), "gold_attributions": len(part),
            "attributions": attribution_scores(half), "sentences": sentence_scores(half),
        }
    parts = {p: part_scores(p) for p in PARTS} if "development" in halves_wanted else {}
    return {
        "about": "Scores of medialit.attribution.extract_attributions and medialit.text.sentence_spans on the "
                 "Wikinews gold (data/annotations/wikinews-*.json), by tools/evaluate_attribution.py; "
                 "numbers only, no article text.",
        "goals": GOALS,
        "matching": "medialit.attribution.evaluate, pooled over a half's articles, borderline=True; "
                    "keys of 'attributions' are the min_overlap values",
        "halves": halves,
        "development_parts": parts,
    }


def errors(part: str = "dev-new", *, open_check: bool = False) -> list[str]:
    """A development part's errors: gold rows with no match, predicted rows with no match, and
    matched rows whose speakers differ. ``part`` is ``dev-old``, ``dev-new``, ``dev-check`` (only
    with ``open_check``: it is kept unread while rules change) or ``development`` (dev-old and
    dev-new). The test half is refused: it is for reporting only."""
    from medialit.attribution import evaluate, extract_attributions, load_corpus_gold

    if part == "test" or part not in PARTS + ("development",):
        raise SystemExit("Errors are listed for the development half's parts only (dev-old, dev-new, dev-check, "
                         "development): the test half is for reporting, never for reading errors.")
    if part == "dev-check" and not open_check:
        raise SystemExit("dev-check is kept unread while the rules change: score it with --development, and open "
                         "its errors (--open-check) only once the rules are written.")
    gold = load_corpus_gold(half="development")
    wanted = set(part_ids("dev-old") + part_ids("dev-new")) if part == "development" else set(part_ids(part))
    gold = gold[gold["id"].isin(wanted)]
    lines = []
    for article in sorted(set(gold["id"])):
        text = _texts()[article]
        g = gold[gold["id"] == article].reset_index(drop=True)
        p = extract_attributions(text)
        lines.append(f"=== {article}: {len(g)} gold, {len(p)} predicted")
        for label, a, b in (("MISS", g, p), ("FALSE", p, g)):
            for r in a.to_dict("records"):
                found = evaluate(pd.DataFrame([r]), b, min_overlap=0.3, borderline=True) if label == "FALSE" else \
                    evaluate(b, pd.DataFrame([r]), min_overlap=0.3, borderline=True)
                if int(found["matched"].iloc[-1]) == 0:
                    lines.append(f"  {label} {r['type']:8} {r.get('cue_class', ''):12} [{r['speaker']}|{r['speaker_resolved']}] "
                                 f"{r['cue']!r}: {r['content'][:90]!r}")
                elif label == "MISS" and found["speaker_accuracy"].iloc[-1] == 0:
                    lines.append(f"  SPEAKER gold [{r['speaker']}|{r['speaker_resolved']}] {r['cue']!r}: {r['content'][:60]!r}; "
                                 f"predicted {_speakers_near(b, r)}")
    return lines


def _speakers_near(table: pd.DataFrame, row: dict[str, Any]) -> str:
    """The speakers of the rows of ``table`` that overlap ``row``'s content."""
    near = table[(table["content_start"] < row["content_end"]) & (table["content_end"] > row["content_start"])]
    return "; ".join(f"[{r['speaker']}|{r['speaker_resolved']}] {r['cue']!r}" for r in near.to_dict("records"))


def write(results: dict[str, Any]) -> None:
    import yaml

    text = json.dumps(results, indent=1, ensure_ascii=False) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    manifest = {
        "title": "Scores of the attribution extractor and the sentence splitter on the Wikinews gold",
        "source": "computed by tools/evaluate_attribution.py (the kit) from data/annotations/wikinews-attributions.json, "
                  "wikinews-sentences.json and data/corpora/wikinews/",
        "date": "2026-12-04",
        "licence": "MIT (kit); numbers only, no article text",
        "sha256": hashlib.sha256(RESULTS.read_bytes()).hexdigest(),
        "format": "JSON; halves -> development / test -> attributions (per min_overlap, per type: gold, predicted, "
                  "matched, precision, recall, f1, speaker_accuracy) and sentences (per splitter: all_boundaries, "
                  "inside_paragraphs)",
        "description": "How often medialit.attribution.extract_attributions agrees with one annotator on "
                       f"{sum(h['articles'] for h in results['halves'].values())} Wikinews "
                       "reports, and medialit.text.sentence_spans (with three baselines) with the gold sentence "
                       "boundaries: a development half, on which the rules were tuned, and a test half, never "
                       "used for tuning.",
        "what_it_is_not": "Not a measure on every kind of news (Wikinews is volunteer-written summary news) and not "
                          "agreement between people: one annotator, no second coder. Small counts: one row more or "
                          "less moves a type's F1 by a point or more.",
        "made_by": "tools/evaluate_attribution.py --write",
    }
    head = "# Manifest (see CONTRIBUTING.md, 'Adding a dataset'); written by tools/evaluate_attribution.py\n"
    RESULTS.with_name(RESULTS.name + ".yml").write_text(
        head + yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def _cells(rows: dict[str, Any]) -> str:
    cells = [f"{t} F1 {rows[t]['f1']}" for t in ("direct", "indirect", "mixed", "np_object", "agentless",
                                                  "indirect_all", "overall") if t in rows]
    o = rows["overall"]
    return ", ".join(cells) + f" (P {o['precision']}, R {o['recall']}); speaker accuracy {o['speaker_accuracy']}"


def summary(results: dict[str, Any]) -> list[str]:
    lines = []
    blocks = list(results["halves"].items()) + list(results.get("development_parts", {}).items())
    for half, data in blocks:
        lines.append(f"{half}: {data['articles']} articles, {data['gold_attributions']} gold attributions")
        for overlap, rows in data["attributions"].items():
            lines.append(f"  overlap {overlap}: " + _cells(rows))
        for name, row in data["sentences"].items():
            lines.append(f"  sentences, {name}: F1 {row['all_boundaries']['f1']} (all), "
                         f"{row['inside_paragraphs']['f1']} (inside paragraphs)")
    return lines


#: What each recorded moment of round two is (``--record``).
RECORDS = {
    "start": "round one's extractor (main at 2f24f5c), before any rule changed in round two, on round two's "
             "development parts",
    "dev_check_first_look": "the extractor when the rules of round two were written and dev-check's errors were "
                            "first opened (its score on dev-check is the honest check of round two's changes)",
}


def record(moment: str) -> None:
    """Store the development parts' scores now as ``rounds["2"][moment]`` in the results file (the
    test half is not scored; the rest of the file is left as it is)."""
    if moment not in RECORDS:
        raise SystemExit(f"--record takes one of {', '.join(RECORDS)}")
    stored = json.loads(RESULTS.read_text(encoding="utf-8"))
    rounds = stored.setdefault("rounds", {})
    rounds.setdefault("1", {
        "what": "round one's final figures: the extractor of main at 2f24f5c on round one's gold (31 articles: "
                "development 16, test 15); its starting figures are the file's 'before' block",
        "halves": stored["halves"]})
    two = rounds.setdefault("2", {"what": "round two: 24 more development articles (12 dev-new, 12 dev-check); "
                                          "its final figures are the file's 'halves' and 'development_parts'"})
    two[moment] = {"what": RECORDS[moment], "development_parts": {p: part_scores(p) for p in PARTS}}
    write(stored)


_FINAL_IN_HALVES = "its final figures are the file's 'halves' and 'development_parts'"


def _new_round(results: dict[str, Any], previous: dict[str, Any], what: str) -> None:
    """Close the last round of ``results["rounds"]``: the previous file's scores (that round's final
    figures) are kept as its ``final`` block; then open the next round, described by ``what``."""
    rounds = results.setdefault("rounds", {})
    last = max(rounds, key=int)
    closing = rounds[last]
    closing["what"] = closing.get("what", "").replace(_FINAL_IN_HALVES, "its final figures are its 'final' block")
    closing["final"] = {"what": f"round {last}'s final figures, as the file held them when round "
                                f"{int(last) + 1} began",
                        "halves": previous["halves"], "development_parts": previous.get("development_parts")}
    rounds[str(int(last) + 1)] = {"what": what}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write data/results/attribution-evaluation.json")
    parser.add_argument("--errors", nargs="?", const="dev-new", metavar="PART",
                        help="list the errors of a development part: dev-new (default), dev-old, development "
                             "(both), or dev-check (with --open-check); never the test half")
    parser.add_argument("--open-check", action="store_true", help="allow --errors dev-check (once rules are written)")
    parser.add_argument("--development", action="store_true",
                        help="score the development half and its parts only (while tuning: the test half stays unseen)")
    parser.add_argument("--record", choices=sorted(RECORDS),
                        help="store the development parts' scores now in the results file's 'rounds' record")
    parser.add_argument("--new-round", metavar="WHAT",
                        help="with --write: close the last round of the 'rounds' record (the file's current "
                             "'halves' and 'development_parts' become its 'final' block) and open the next one, "
                             "described by WHAT; its final figures are the new file's 'halves'")
    parser.add_argument("--before", type=Path,
                        help="a results file written by this script before the rules changed; its scores are kept "
                             "in the output as 'before' (default: the 'before' block of the current results file)")
    args = parser.parse_args(argv)
    if args.errors:
        print("\n".join(errors(args.errors, open_check=args.open_check)))
        return 0
    if args.record:
        record(args.record)
        print(f"recorded {args.record} in {RESULTS.relative_to(ROOT)}")
        return 0
    if args.development and args.write:
        raise SystemExit("--write needs both halves; drop --development.")
    results = compute(("development",) if args.development else HALVES)
    print("\n".join(summary(results)))
    if args.write:
        source = args.before or (RESULTS if RESULTS.exists() else None)
        if source is not None:
            previous = json.loads(source.read_text(encoding="utf-8"))
            results["before"] = previous.get("before") or {
                "what": "the extractor and splitter as they were before issue 14's rule changes (commit 0c750e6, "
                        "the gold committed, no rule changed yet), scored by this script",
                "halves": previous["halves"]}
            if "rounds" in previous:
                results["rounds"] = previous["rounds"]
            if args.new_round:
                _new_round(results, previous, args.new_round)
        elif args.new_round:
            raise SystemExit("--new-round needs an earlier results file to close its round.")
        write(results)
        print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
