"""Copy the capstone report's figure alt texts into book/capstone/your_corpus.md.

Usage: .venv/bin/python tools/sync_capstone_alts.py

`{glue:figure}` takes its alt text literally, so the capstone page repeats the alt texts that
medialit.report writes (they state what each figure shows, numbers included). When the toolkit's
output changes, tests/test_report.py fails until the page is re-synced with this script.
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from medialit.corpus import load_corpus
from medialit.report import corpus_report
from medialit.resources import data_path

PAGE = Path(__file__).resolve().parents[1] / "book" / "capstone" / "your_corpus.md"


def main() -> None:
    source = PAGE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as out:
        report = corpus_report(load_corpus(data_path("corpora", "example")), out, progress=False)
        glued = dict(re.findall(r'glue\("(fig_report_\w+)", report\.figures\["([\w-]+)"\]', source))
        for key, name in glued.items():
            source = re.sub(r"(```\{glue:figure\} " + key + r"\n:alt: ).+\n",
                            lambda m, name=name: m.group(1) + report.alt_texts[name] + "\n", source)
    PAGE.write_text(source, encoding="utf-8")
    print("synced:", ", ".join(glued))


if __name__ == "__main__":
    main()
