"""The kit's exception types.

Every error the kit raises on purpose is one of these, so that a notebook or the
command line can tell "your input is wrong" from "the kit has a bug". Each also
subclasses the built-in exception a Python user would expect (``ValueError``,
``FileNotFoundError``), so ``except ValueError`` keeps working.

Messages say three things: what was given, what was expected, and how to fix it.
"""
from __future__ import annotations

__all__ = [
    "MedialitError",
    "DataFileError",
    "ManifestError",
    "ChecksumError",
    "ArticleNotFoundError",
    "CorpusError",
]


class MedialitError(Exception):
    """Base class of every error the kit raises on purpose."""


class DataFileError(MedialitError, ValueError):
    """A file under ``data/`` cannot be read as the kit expects (encoding, format)."""


class ManifestError(DataFileError):
    """A data file has no manifest, or its manifest lacks a required field."""


class ChecksumError(DataFileError):
    """A data file's sha256 differs from the one its manifest records: the file was altered."""


class ArticleNotFoundError(MedialitError, FileNotFoundError):
    """``load_article`` was asked for a name that matches no text under ``data/``."""


class CorpusError(MedialitError, ValueError):
    """A user's corpus has bad records; the message lists every one with its file and line."""
