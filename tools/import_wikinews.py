"""Write the kit's Wikinews corpus (data/corpora/wikinews/) from the shared originals.

Usage:
    .venv/bin/python tools/import_wikinews.py [--source ../shared/corpora/wikinews]
    .venv/bin/python tools/import_wikinews.py --check     # rebuild in memory, compare, write nothing

The originals are 267 English Wikinews articles (CC BY 2.5) with YAML front matter, one file each
under topic/ and reference/, as collected from the CSV files of vanatteveldt/wikinews. For each
one this tool:

1. leaves out articles that are not news (medialit.cleaning.wikinews_exclusion: a test page);
2. removes page furniture from the body with medialit.cleaning.clean_wikinews (captions,
   dangling pull-quote attributions, table notes, galleries, original-language glosses);
3. writes the article to data/corpora/wikinews/<same name>.txt (one folder: the topic/reference
   split of the originals is kept as the ``subset`` field), front matter first, in a fixed order,
   with ``changes`` saying what the kit removed and ``words`` recounted;
4. writes data/corpora/wikinews-furniture.csv (every removal: file, kind, offsets, text) and the
   manifests: data/corpora/wikinews.yml (every file's sha256) and wikinews-furniture.csv.yml.

The output depends only on the originals and the package: running it twice writes the same bytes.
The shipped texts are what attribution annotations point into by character offset; do not
rerun it on changed rules without re-checking those annotations.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import sys
from pathlib import Path

import yaml

from medialit.cleaning import FURNITURE_KINDS, clean_wikinews, wikinews_exclusion
from medialit.corpus import listing_sha256

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "data" / "corpora" / "wikinews"
FURNITURE = ROOT / "data" / "corpora" / "wikinews-furniture.csv"
LICENCE_NAME = "LICENSE_Wikinews_CC-BY-2.5.txt"
FRONT_ORDER = ("title", "outlet", "date", "url", "licence", "licence_url", "attribution", "changes",
               "source_dataset", "subset", "topic_tags", "words")


def _scalar(value: object) -> str:
    """A YAML value written as JSON (a JSON string or list is valid YAML flow): deterministic."""
    return json.dumps(value, ensure_ascii=False)


def _split(raw: str, name: str) -> tuple[dict, str]:
    if not raw.startswith("---\n"):
        raise SystemExit(f"{name}: expected YAML front matter opening with '---'.")
    front, sep, body = raw[4:].partition("\n---\n")
    if not sep:
        raise SystemExit(f"{name}: the front matter is not closed by a '---' line.")
    return yaml.safe_load(front), body.lstrip("\n")


def build(source: Path) -> tuple[dict[str, bytes], dict]:
    """Every output file's bytes by path relative to data/corpora/, and facts for the manifest."""
    files = sorted(source.glob("*/*.txt"))
    if not files:
        raise SystemExit(f"No articles under {source}/*/*.txt: pass --source, the folder holding "
                         "topic/, reference/ and ATTRIBUTION.txt.")
    out: dict[str, bytes] = {}
    removed_rows: list[dict] = []
    excluded: list[dict] = []
    counts = {kind: 0 for kind in FURNITURE_KINDS}
    touched = {kind: 0 for kind in FURNITURE_KINDS}
    words = 0
    dates = []
    for path in files:
        rel = path.relative_to(source).as_posix()
        meta, body = _split(path.read_text(encoding="utf-8"), rel)
        reason = wikinews_exclusion(str(meta.get("title", "")))
        if reason:
            excluded.append({"file": rel, "title": meta.get("title"), "reason": reason})
            continue
        cleaned = clean_wikinews(body)
        text = cleaned.text.rstrip("\n") + "\n"
        for row in cleaned.removed.itertuples():
            removed_rows.append({"file": path.name, "kind": row.kind, "start": row.start, "end": row.end,
                                 "text": row.text})
            counts[row.kind] += 1
        for kind in set(cleaned.removed["kind"]):
            touched[kind] += 1
        front = dict(meta)
        front["changes"] = (f"{meta['changes']} (in the shared copy); then the kit's import "
                            f"(tools/import_wikinews.py, medialit.cleaning.clean_wikinews) removed "
                            f"{cleaned.summary()}")
        front["words"] = len(text.split())
        words += front["words"]
        dates.append(str(meta["date"]))
        keys = [k for k in FRONT_ORDER if k in front] + sorted(k for k in front if k not in FRONT_ORDER)
        lines = ["---"] + [f"{key}: {_scalar(front[key])}" for key in keys] + ["---", ""]
        out[f"wikinews/{path.name}"] = ("\n".join(lines) + text).encode("utf-8")
    notice = (source / "ATTRIBUTION.txt").read_text(encoding="utf-8").rstrip("\n")
    out[f"wikinews/{LICENCE_NAME}"] = (
        notice + "\n\nThe copy in this folder was further changed by the kit: page furniture removed by\n"
        "tools/import_wikinews.py (medialit.cleaning.clean_wikinews), listed removal by removal in\n"
        "../wikinews-furniture.csv; each file's 'changes' field says what it lost. One test page was left\n"
        "out (see ../wikinews.yml). Licence text: https://creativecommons.org/licenses/by/2.5/legalcode\n"
    ).encode("utf-8")
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=["file", "kind", "start", "end", "text"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(removed_rows)
    out["wikinews-furniture.csv"] = buf.getvalue().encode("utf-8")
    facts = {"articles": len(files) - len(excluded), "words": words, "excluded": excluded, "counts": counts,
             "touched": touched, "first": min(dates), "last": max(dates), "originals": len(files)}
    return out, facts


def manifests(out: dict[str, bytes], facts: dict) -> dict[str, bytes]:
    """The folder manifest wikinews.yml and the manifest of wikinews-furniture.csv."""
    listing = {name.removeprefix("wikinews/"): hashlib.sha256(data).hexdigest()
               for name, data in sorted(out.items()) if name.startswith("wikinews/")}
    removed = "; ".join(f"{facts['counts'][k]} {k}(s) in {facts['touched'][k]} article(s)"
                        for k in FURNITURE_KINDS if facts["counts"][k])
    folder = {
        "source": "English Wikinews (https://en.wikinews.org), articles of 2019-2021 as collected in the CSV files of "
                  "the public repository vanatteveldt/wikinews (commit 347254178bf343f3801aac1d03c41cc09c35decb, "
                  "data/wikinews_2019.csv and data/wikinews_2020.csv), one file per article with YAML front "
                  "matter, from the project's shared folder (../shared/corpora/wikinews); each file's url and "
                  "source_dataset name its origin",
        "date": f"{facts['first']} to {facts['last']}",
        "licence": "CC BY 2.5 (https://creativecommons.org/licenses/by/2.5/), Wikinews contributors; the notice the "
                   f"licence requires is {LICENCE_NAME} in the folder, and each file carries title, url, "
                   "attribution and the changes made",
        "sha256": listing_sha256(listing),
        "description": f"{facts['articles']} English Wikinews news reports, one UTF-8 .txt file each: YAML front matter "
                       "(title, outlet, date, url, licence, licence_url, attribution, changes, source_dataset, subset, "
                       "topic_tags, words), then the headline and the body, paragraphs separated by a blank line. "
                       f"About {round(facts['words'], -3):,} words in all (words = whitespace-separated pieces of "
                       "the text, headline included). subset and topic_tags come from a keyword search of the "
                       "originals: 'topic' articles mention terrorism, the Islamic State or propaganda; "
                       "'reference' articles do not. Load it with medialit.corpus.load_kit_corpus('wikinews'), "
                       "which checks every file against this manifest, or with load_corpus(folder). The sha256 "
                       "field is the checksum of the 'files:' listing written as sha256sum writes it "
                       "(medialit.corpus.listing_sha256).",
        "what_it_is_not": "Not a sample of the press: Wikinews is written by volunteers, often from other outlets' "
                          "reporting (its articles name them), and follows its own style guide, so its "
                          "vocabulary, sources and length differ from a newspaper's. Not a complete archive of "
                          "Wikinews 2019-2020 (the scrape took the articles listed in the year categories it "
                          "crawled). The topic/reference split is a keyword match, not a finding about what an "
                          "article is about. Interview answers that the page laid out outside paragraphs are "
                          "missing (some interviews keep only the questions, marked ((WN)) or ((WSS))), and "
                          "images, tables and pull-quote texts were never in the scrape. A caption without a "
                          "photo credit inside an article may remain.",
        "changes": "The originals were collected by taking the <p> elements of each page up to 'Have an opinion on "
                   "this story?' (vanatteveldt/wikinews, scrape_wikinews.R), whitespace normalised and the "
                   "leading dateline removed. The kit then (tools/import_wikinews.py, "
                   "medialit.cleaning.clean_wikinews, tested in tests/test_cleaning.py): left out "
                   f"{len(facts['excluded'])} test page(s) (see excluded); removed page furniture: {removed}; "
                   "recounted words; rewrote the front matter in a fixed key order with changes extended; "
                   "dropped the blank line after the front matter and left one line break at the end. Every "
                   "removal is listed in wikinews-furniture.csv. The shared copy's note 'images and captions "
                   "not included' was not true of every file: the captions the scrape kept are among the "
                   "removals.",
        "made_by": "tools/import_wikinews.py (run it with --check to compare the shipped copy with a rebuild)",
        "articles": facts["articles"],
        "words": facts["words"],
        "excluded": facts["excluded"],
        "files": listing,
    }
    furniture = {
        "source": "Written by tools/import_wikinews.py from the originals of data/corpora/wikinews/ (see "
                  "data/corpora/wikinews.yml)",
        "date": f"{facts['first']} to {facts['last']}",
        "licence": "CC BY 2.5, Wikinews contributors (the removed strings are theirs); the table's layout MIT (kit)",
        "sha256": hashlib.sha256(out["wikinews-furniture.csv"]).hexdigest(),
        "description": "Every piece of page furniture the kit removed from the Wikinews originals, one row per removal: "
                      "file (the article's file name), kind (a key of medialit.cleaning.FURNITURE_KINDS), start "
                      "and end (character offsets into the original body, below its front matter and blank "
                      "line), text (what was removed, stripped of surrounding line breaks).",
        "what_it_is_not": "Not every flaw of the originals: what the rules do not catch is not here (see the corpus "
                          "manifest's what_it_is_not). Offsets point into the shared originals, not into the "
                          "cleaned texts.",
    }

    def dump(mapping: dict) -> bytes:
        header = "# Manifest (see CONTRIBUTING.md, 'Adding a dataset'); written by tools/import_wikinews.py\n"
        return (header + yaml.safe_dump(mapping, sort_keys=False, allow_unicode=True, width=100)).encode("utf-8")

    return {"wikinews.yml": dump(folder), "wikinews-furniture.csv.yml": dump(furniture)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "corpora" / "wikinews",
                        help="the shared originals (default: ../shared/corpora/wikinews)")
    parser.add_argument("--check", action="store_true", help="compare with the shipped copy; write nothing")
    args = parser.parse_args(argv)
    out, facts = build(args.source)
    out.update(manifests(out, facts))
    base = ROOT / "data" / "corpora"
    if args.check:
        shipped = {p.relative_to(base).as_posix(): p.read_bytes() for p in (base / "wikinews").rglob("*") if p.is_file()}
        for name in ("wikinews.yml", "wikinews-furniture.csv", "wikinews-furniture.csv.yml"):
            if (base / name).is_file():
                shipped[name] = (base / name).read_bytes()
        differ = sorted(n for n in set(out) | set(shipped) if out.get(n) != shipped.get(n))
        if differ:
            print(f"{len(differ)} file(s) differ from a rebuild: " + ", ".join(differ[:10]), file=sys.stderr)
            return 1
        print(f"The shipped copy matches a rebuild: {len(out)} files.")
        return 0
    stale = [p for p in TARGET.rglob("*") if p.is_file() and p.relative_to(base).as_posix() not in out]
    for path in stale:
        path.unlink()
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, data in out.items():
        (base / name).write_bytes(data)
    print(f"Wrote {facts['articles']} articles ({facts['words']:,} words) to {TARGET.relative_to(ROOT)}; "
          f"left out {len(facts['excluded'])}; removed " +
          ", ".join(f"{n} {k}" for k, n in facts["counts"].items() if n) + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
