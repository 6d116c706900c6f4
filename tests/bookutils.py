"""Helpers shared by several test modules (importable because pyproject puts tests/ on sys.path)."""
from __future__ import annotations

import sys
from pathlib import Path

from medialit.curriculum import toc_entries

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def toc_files() -> list[str]:
    """Every page of the book in table-of-contents order, as paths relative to the root without suffix."""
    return [entry for entry, _ in toc_entries(ROOT)]
