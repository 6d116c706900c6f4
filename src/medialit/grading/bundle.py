"""What a Gradescope autograder zip carries so that it runs without the kit's repository.

otter's zip builds its grading machine from ``environment.yml`` (a conda environment with a
fixed Python) and ``setup.sh``. :func:`make_bundle` prepares, once per build:

- the kit as a wheel (``medialit-<version>-py3-none-any.whl``), written here from ``pyproject.toml``
  and ``src/medialit`` (no network, no build backend to download);
- the pinned versions of every dependency, ``requirements/constraints.txt``;
- the kit's data folder, which the wheel does not hold (the grading machine finds it through
  ``MEDIALIT_DATA``).

:func:`requirement_lines` are the pip lines otter writes into ``environment.yml`` (the wheel with
its ``grading`` extra: the core library alone has no otter, psutil or kernel);
:func:`add_to_zip` puts the files under ``medialit/`` in the zip, with the answer key, and makes
``run_autograder`` set ``MEDIALIT_DATA``. On Gradescope the zip is unpacked into
``/autograder/source``.

Example:
    >>> requirement_lines(Bundle(Path("w/medialit-0.1.0-py3-none-any.whl"), Path("c.txt"), Path("d")))[0]
    '-c /autograder/source/medialit/constraints.txt'
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["AUTOGRADER_PYTHON", "Bundle", "add_to_zip", "build_wheel", "make_bundle", "requirement_lines"]

#: The Python the grading machine installs: the version ``requirements/constraints.txt`` was made for.
AUTOGRADER_PYTHON = "3.11"
#: Where Gradescope unpacks the autograder zip.
SOURCE_DIR = "/autograder/source"
_ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # fixed timestamps: the same inputs give the same bytes


@dataclass(frozen=True)
class Bundle:
    """The files a self-contained autograder zip carries."""

    wheel: Path
    constraints: Path
    data: Path


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _metadata(project: dict[str, Any]) -> str:
    lines = ["Metadata-Version: 2.1", f"Name: {project['name']}", f"Version: {project['version']}"]
    if project.get("description"):
        lines.append(f"Summary: {project['description']}")
    if project.get("requires-python"):
        lines.append(f"Requires-Python: {project['requires-python']}")
    lines += [f"Requires-Dist: {req}" for req in project.get("dependencies", [])]
    for extra, reqs in sorted((project.get("optional-dependencies") or {}).items()):
        lines.append(f"Provides-Extra: {extra}")
        lines += [f'Requires-Dist: {req}; extra == "{extra}"' for req in reqs]
    return "\n".join(lines) + "\n"


def build_wheel(dest: str | os.PathLike, *, root: str | os.PathLike | None = None) -> Path:
    """Write the kit's wheel into ``dest`` from ``pyproject.toml`` and ``src/medialit``; return its path.

    Only the package's Python files and its ``_static`` folder go in, as setuptools would put them
    (``pyproject.toml``'s package data); caches do not.
    """
    import tomllib

    from ..assign import repo_root

    root = Path(root) if root is not None else repo_root()
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    name, version = project["name"], project["version"]
    dist_info = f"{name}-{version}.dist-info"
    files: dict[str, bytes] = {}
    package = root / "src" / name
    for path in sorted(package.rglob("*")):
        rel = path.relative_to(package.parent).as_posix()
        if path.is_file() and "__pycache__" not in path.parts and (path.suffix == ".py" or "/_static/" in rel):
            files[rel] = path.read_bytes()
    files[f"{dist_info}/METADATA"] = _metadata(project).encode("utf-8")
    files[f"{dist_info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: medialit\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    scripts = project.get("scripts") or {}
    if scripts:
        files[f"{dist_info}/entry_points.txt"] = ("[console_scripts]\n" + "".join(
            f"{k} = {v}\n" for k, v in sorted(scripts.items()))).encode("utf-8")
    if (root / "LICENSE").is_file():
        files[f"{dist_info}/licenses/LICENSE"] = (root / "LICENSE").read_bytes()
    record = "".join(f"{rel},{_record_hash(data)},{len(data)}\n" for rel, data in files.items())
    files[f"{dist_info}/RECORD"] = (record + f"{dist_info}/RECORD,,\n").encode("utf-8")
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    wheel = dest / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for rel, data in files.items():
            info = zipfile.ZipInfo(rel, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return wheel


def make_bundle(dest: str | os.PathLike, *, root: str | os.PathLike | None = None) -> Bundle:
    """Prepare the wheel, the constraints and the data folder in ``dest`` (once per build)."""
    from ..assign import repo_root

    root = Path(root) if root is not None else repo_root()
    dest = Path(dest)
    wheel = build_wheel(dest / "wheel", root=root)
    constraints = dest / "constraints.txt"
    shutil.copyfile(root / "requirements" / "constraints.txt", constraints)
    data = dest / "data"
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(root / "data", data, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    return Bundle(wheel=wheel, constraints=constraints, data=data)


def requirement_lines(bundle: Bundle) -> list[str]:
    """The pip lines of the grading environment: the pins, otter, and the kit's wheel with its ``grading`` extra."""
    from importlib.metadata import version

    return [f"-c {SOURCE_DIR}/medialit/constraints.txt",
            f"otter-grader=={version('otter-grader')}",
            f"{SOURCE_DIR}/medialit/{bundle.wheel.name}[grading]"]


def add_to_zip(zip_path: str | os.PathLike, *, key: dict[str, Any], bundle: Bundle | None) -> None:
    """Add the key (and, with a bundle, the wheel, constraints and data) to an otter autograder zip.

    The zip is rewritten whole (zip files cannot replace a member in place); ``run_autograder``
    gains a line setting ``MEDIALIT_DATA`` when a bundle is added.
    """
    from ..grading.autograder import KEY_PATH

    zip_path = Path(zip_path)
    with zipfile.ZipFile(zip_path) as archive:
        members = [(info, archive.read(info.filename)) for info in archive.infolist()]
    extra: list[tuple[str, bytes]] = [(KEY_PATH, json.dumps(key, indent=1, ensure_ascii=False).encode("utf-8"))]
    if bundle is not None:
        extra.append((f"medialit/{bundle.wheel.name}", bundle.wheel.read_bytes()))
        extra.append(("medialit/constraints.txt", bundle.constraints.read_bytes()))
        for path in sorted(bundle.data.rglob("*")):
            if path.is_file():
                extra.append((f"medialit/data/{path.relative_to(bundle.data).as_posix()}", path.read_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            if info.filename == "run_autograder" and bundle is not None:
                text = data.decode("utf-8")
                line = f"export MEDIALIT_DATA={SOURCE_DIR}/medialit/data\n"
                if line not in text:
                    head, _, rest = text.partition("\n")
                    text = f"{head}\n{line}{rest}" if head.startswith("#!") else line + text
                data = text.encode("utf-8")
            out.writestr(info, data)
        for name, data in extra:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, data)
    zip_path.write_bytes(buffer.getvalue())
