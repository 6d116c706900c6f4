"""Check where a command will write before it starts work: a bad path costs a second, not a run.

``medialit grade --out`` used to grade a whole class and then fail on a folder or an unwritable
path, losing the run. The commands now check their output first:

- :func:`check_output_file` (``grade --out``): the path must not be a folder or a special file,
  and the folder it goes in must be creatable and writable;
- :func:`check_output_folder` (``report --out``, ``assign --dist``): the path must not be a file,
  and the folder (or the nearest folder above it that exists) must be writable.

Writability is tested by creating and removing a temporary file there, not by reading
permission bits, which a read-only file system or a root account would make lie. Nothing is
created when a check fails, and nothing is left behind when it passes.

Example:
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     check_output_file(Path(tmp) / "new" / "gradebook.csv", option="--out").name
    'gradebook.csv'
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import MedialitError

__all__ = ["OutputPathError", "check_output_file", "check_output_folder"]


class OutputPathError(MedialitError, ValueError):
    """A command's output path cannot be written (the message names it and says what to give instead)."""


def _nearest_existing(path: Path) -> Path:
    """``path`` itself or the closest folder above it that exists (the one a write would start in)."""
    path = Path(os.path.abspath(path))
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _probe(folder: Path, target: Path, option: str) -> None:
    """Create and remove a temporary file in ``folder``; raise when that fails."""
    try:
        handle, name = tempfile.mkstemp(prefix=".medialit-probe-", dir=folder)
        os.close(handle)
        os.unlink(name)
    except OSError as exc:
        raise OutputPathError(f"{option} {target}: cannot write in {folder} ({exc.strerror or exc}); "
                              f"choose a folder you can write to.") from exc


def _check_parent(target: Path, start: Path, option: str) -> None:
    """The nearest existing folder at or above ``start`` must be a folder and writable."""
    base = _nearest_existing(start)
    if not base.is_dir():
        raise OutputPathError(f"{option} {target}: {base} is a file, so nothing can be written under it; "
                              "choose a path in a folder.")
    _probe(base, target, option)


def check_output_file(path: str | os.PathLike, *, option: str = "output file") -> Path:
    """Check that a file can be written at ``path`` (its folders may not exist yet); return it.

    Args:
        path: the file to write, e.g. a gradebook CSV.
        option: how the user gave it, for messages (``"--out"``).

    Raises:
        OutputPathError: ``path`` is a folder or a special file (a pipe, a device), lies under a
            file, or its folder is not writable.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputPathError(f"{option} {path}: is a folder; give the file to write, such as "
                              f"{path / 'gradebook.csv'}.")
    if path.exists() and not path.is_file():
        raise OutputPathError(f"{option} {path}: is not a regular file (a pipe or a device); give a file name.")
    _check_parent(path, path.parent, option)
    return path


def check_output_folder(path: str | os.PathLike, *, option: str = "output folder") -> Path:
    """Check that a folder can be written at ``path`` (it may not exist yet); return it.

    Args:
        path: the folder to write into.
        option: how the user gave it, for messages (``"--out"``, ``"--dist"``).

    Raises:
        OutputPathError: ``path`` is a file, lies under a file, or is not writable.
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise OutputPathError(f"{option} {path}: is a file, not a folder; give a folder to write into "
                              "(it is created if needed).")
    _check_parent(path, path, option)
    return path
