"""``medialit setup``: make the kit's environment ready for JupyterLab, on any operating system.

``make setup`` (and so ``make book`` and ``make test``) runs it after installing the kit; a
student without ``make`` (on Windows, say) runs it once after
``pip install -c requirements/constraints.txt -e ".[book,grading]"``. It needs the ``book`` extra
(ipykernel, JupyterLab, jupytext) and says so when one of them is missing. It does three
things, each inside the active environment (``sys.prefix``), never in the user's home folder:

1. **The kernel.** Registers the environment's Python as the Jupyter kernel ``python3``,
   shown as "Python 3 (medialit)". The book's pages, the reader notebooks and the assignments
   all name the kernel ``python3``, so JupyterLab started from this environment picks it
   without asking, and otter-grader finds it too.
2. **MyST chapters open as notebooks.** Sets jupytext's viewer ("Jupytext Notebook") as the
   default for Markdown and MyST files in JupyterLab, so a double click on a chapter under
   ``book/`` opens it as a notebook rather than as text.
3. **JupyterLab stays offline.** Turns off JupyterLab's news feed, its update check and the
   PyPI extension manager, the only parts of it that would contact another host (and the check
   for a rebuild of its prebuilt front end, which costs time at every page load).

Every step is idempotent: running it again rewrites the same files. Existing settings in the
JSON files it touches are kept; only the keys below are set.

Example:
    >>> sorted(LAB_SETTINGS)
    ['@jupyterlab/apputils-extension:notification', '@jupyterlab/docmanager-extension:plugin']
"""
from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["KERNEL_NAME", "KERNEL_DISPLAY_NAME", "LAB_SETTINGS", "PAGE_CONFIG", "SERVER_CONFIG", "SetupResult", "setup"]

KERNEL_NAME = "python3"
KERNEL_DISPLAY_NAME = "Python 3 (medialit)"

#: JupyterLab settings, written to ``<prefix>/etc/jupyter/labconfig/default_setting_overrides.json``
#: (JupyterLab reads that file from every Jupyter config folder, the environment's included).
LAB_SETTINGS: dict[str, dict[str, Any]] = {
    "@jupyterlab/docmanager-extension:plugin": {
        "defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"},
    },
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}

#: JupyterLab's page settings, merged into ``<prefix>/etc/jupyter/labconfig/page_config.json``: the
#: kit's JupyterLab is prebuilt and installs no extension, so it skips the check for a rebuild
#: that it would otherwise run each time a page loads.
PAGE_CONFIG: dict[str, Any] = {"buildCheck": False, "buildAvailable": False}

#: JupyterLab's server-side settings, merged into ``<prefix>/etc/jupyter/jupyter_lab_config.json``
#: (a ``jupyter_server_config.d`` file would not do: it only enables extensions, its ``LabApp``
#: section is never read).
SERVER_CONFIG: dict[str, dict[str, Any]] = {
    "LabApp": {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.handlers.announcements.NeverCheckForUpdate",
        "extension_manager": "readonly",
    },
}


@dataclass
class SetupResult:
    """What :func:`setup` wrote."""

    kernel: Path
    lab_settings: Path
    server_config: Path
    page_config: Path
    notes: list[str] = field(default_factory=list)

    def text(self) -> str:
        lines = [
            f"Jupyter kernel '{KERNEL_NAME}' (\"{KERNEL_DISPLAY_NAME}\"): {self.kernel}",
            f"JupyterLab settings (chapters open as notebooks, no news or update checks): {self.lab_settings}",
            f"JupyterLab server settings (no news feed, no update check, no PyPI extension manager): {self.server_config}",
            f"JupyterLab page settings (prebuilt: no rebuild check): {self.page_config}",
            *[f"Note: {note}" for note in self.notes],
        ]
        return "\n".join(lines)


def _merge_json(path: Path, update: dict[str, Any]) -> None:
    """Set ``update``'s keys in the JSON object stored at ``path``, keeping its other keys."""
    current: dict[str, Any] = {}
    if path.is_file():
        try:
            current = json.loads(path.read_text(encoding="utf-8") or "{}")
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path} is not valid JSON ({exc}); fix or delete it, then run "
                             "`medialit setup` again.") from exc
        if not isinstance(current, dict):
            raise ValueError(f"{path} holds a JSON {type(current).__name__}, not an object; "
                             "delete it, then run `medialit setup` again.")
    for section, values in update.items():
        if not isinstance(values, dict):
            current[section] = values
            continue
        block = current.get(section)
        if not isinstance(block, dict):
            block = current[section] = {}
        for key, value in values.items():
            if isinstance(value, dict) and isinstance(block.get(key), dict):
                block[key] = {**block[key], **value}
            else:
                block[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def setup(*, prefix: str | Path | None = None) -> SetupResult:
    """Register the kernel and write the JupyterLab settings into the environment at ``prefix``.

    Args:
        prefix: the environment's folder (default: ``sys.prefix``, the running Python's).

    Returns:
        Where each piece was written.
    """
    for needed in ("ipykernel", "jupyterlab", "jupytext"):  # the kernel, and the JupyterLab being set up
        if importlib.util.find_spec(needed) is None:
            raise ModuleNotFoundError(f"No module named {needed!r}", name=needed)
    from ipykernel.kernelspec import install

    prefix = Path(prefix if prefix is not None else sys.prefix)
    notes = []
    if prefix == Path(sys.base_prefix) and sys.prefix == sys.base_prefix:
        notes.append(f"{prefix} is not a virtual environment: the kernel and settings were written "
                     "into this Python installation. The kit's instructions use a .venv folder.")
    kernel = Path(install(kernel_name=KERNEL_NAME, display_name=KERNEL_DISPLAY_NAME, prefix=str(prefix)))
    etc = prefix / "etc" / "jupyter"
    lab_settings = etc / "labconfig" / "default_setting_overrides.json"
    _merge_json(lab_settings, LAB_SETTINGS)
    server_config = etc / "jupyter_lab_config.json"
    _merge_json(server_config, SERVER_CONFIG)
    page_config = etc / "labconfig" / "page_config.json"
    _merge_json(page_config, PAGE_CONFIG)
    return SetupResult(kernel=kernel, lab_settings=lab_settings, server_config=server_config,
                       page_config=page_config, notes=notes)
