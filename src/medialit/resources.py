"""Where the kit's shipped data lives, and how NLTK is pointed at it.

The kit never downloads anything. Every text, lexicon and model parameter it uses
is a file under the repository's ``data/`` folder (each with a manifest) or comes
inside a package installed from PyPI. This module finds those files.

The data folder is found, in order, from the ``MEDIALIT_DATA`` environment
variable, or by walking up from this file to the first folder holding
``data/README.md`` (the repository root when the kit is installed in editable
mode, as ``make`` does).
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

from .errors import DataFileError

__all__ = ["data_dir", "data_path"]


@functools.cache
def data_dir() -> Path:
    """Return the absolute path of the kit's ``data/`` folder.

    >>> (data_dir() / "README.md").is_file()
    True
    """
    override = os.environ.get("MEDIALIT_DATA")
    if override:
        path = Path(override).expanduser().resolve()
        if not path.is_dir():
            raise DataFileError(
                f"MEDIALIT_DATA is set to {override!r}, which is not a folder. "
                "Unset it, or point it at the kit's data/ folder."
            )
        return path
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "data"
        if (candidate / "README.md").is_file():
            return candidate
    raise DataFileError(
        "Cannot find the kit's data/ folder above "
        f"{Path(__file__).resolve().parent}. Install the kit from a clone of the "
        "repository with `make book` (editable install), or set MEDIALIT_DATA to "
        "the clone's data/ folder."
    )


def data_path(*parts: str) -> Path:
    """Return the path of a file under ``data/``, checking that it exists.

    >>> data_path("cases", "seed-article.txt").name
    'seed-article.txt'
    """
    path = data_dir().joinpath(*parts)
    if not path.exists():
        raise DataFileError(
            f"The kit's data file {'/'.join(parts)!r} is missing (looked in {data_dir()}). "
            "Restore it from the repository (git checkout -- data/)."
        )
    return path
