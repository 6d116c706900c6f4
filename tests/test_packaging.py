"""What `pip install medialit` brings: the core library only, without Sphinx, otter or JupyterLab.

pyproject.toml splits the dependencies into the core (the analysis modules) and the extras
``book``, ``grading`` and ``test``. These tests read the requirements from the wheel the kit
builds (:func:`medialit.grading.bundle.build_wheel`, the one the Gradescope zip carries), follow
them through the metadata of the installed, pinned distributions, and then run the core modules in
a fresh Python that cannot import anything a core install would not have.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from importlib import metadata

from bookutils import ROOT
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from medialit.grading.bundle import build_wheel

#: Packages that only the extras may bring: the book's toolchain, JupyterLab and the grader.
NOT_CORE = {"sphinx", "jupyter-book", "myst-nb", "myst-parser", "docutils", "sphinx-exercise", "sphinxcontrib-bibtex",
            "jupyterlab", "jupytext", "ipykernel", "ipython", "otter-grader", "nbclient", "nbformat", "psutil",
            "jupyter-cache", "pytest"}
#: The analysis modules that must work from a core install.
CORE_MODULES = ["medialit.text", "medialit.cleaning", "medialit.stats", "medialit.attribution", "medialit.framing",
                "medialit.techniques", "medialit.corpus", "medialit.report", "medialit.plots", "medialit.travel",
                "medialit.cli"]


def _wheel_requirements(tmp_path) -> tuple[list[Requirement], dict[str, list[Requirement]]]:
    wheel = build_wheel(tmp_path / "wheel", root=ROOT)
    with zipfile.ZipFile(wheel) as archive:
        meta = archive.read(next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))).decode()
    core: list[Requirement] = []
    extras: dict[str, list[Requirement]] = {}
    for line in meta.splitlines():
        if line.startswith("Requires-Dist: "):
            req = Requirement(line.removeprefix("Requires-Dist: "))
            found = re.search(r'extra == "([^"]+)"', str(req.marker or ""))
            if found:  # keep the requirement, without its `extra == "..."` marker
                extras.setdefault(found.group(1), []).append(Requirement(str(req).partition(";")[0]))
            else:
                core.append(req)
    return core, extras


def _closure(reqs: list[Requirement]) -> set[str]:
    """The distributions pip would install for ``reqs``, read from the installed (pinned) metadata."""
    def wanted(req: Requirement, extras: set[str]) -> bool:
        return req.marker is None or any(req.marker.evaluate({**default_environment(), "extra": extra})
                                         for extra in extras | {""})

    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [r for r in reqs if wanted(r, set())]
    while todo:
        req = todo.pop()
        key = (canonicalize_name(req.name), frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        dist = metadata.distribution(req.name)
        assert dist.version in req.specifier, (str(req), dist.version)
        todo += [sub for sub in map(Requirement, dist.requires or []) if wanted(sub, set(req.extras))]
    return {name for name, _ in seen}


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def test_the_core_install_brings_no_book_grading_or_test_package(tmp_path):
    core, extras = _wheel_requirements(tmp_path)
    assert set(extras) == {"book", "grading", "test"}
    assert {canonicalize_name(r.name) for r in core} == {
        "pandas", "numpy", "nltk", "matplotlib", "vadersentiment", "krippendorff", "pyyaml", "tqdm"}
    closure = _closure(core)
    assert {"pandas", "nltk", "matplotlib", "krippendorff"} <= closure
    assert not closure & NOT_CORE, sorted(closure & NOT_CORE)
    # ... while the extras do bring them.
    assert {"jupyter-book", "sphinx", "jupyterlab", "ipykernel"} <= _closure(extras["book"])
    assert {"otter-grader", "psutil", "nbclient"} <= _closure(extras["grading"])
    assert "pytest-socket" in _closure(extras["test"])


def test_constraints_pin_every_installed_package_at_its_installed_version():
    """Every package `make setup` installs has its pin. Not pinned: the kit itself, and pip and setuptools,
    which `python -m venv` puts in the environment before the kit's install (setuptools at the version
    bundled with the Python; pinning that one version would impose it on every newer Python)."""
    pins = _pins()
    unpinned, wrong = [], []
    for dist in metadata.distributions():
        name = canonicalize_name(dist.metadata["Name"])
        if name in {"medialit", "pip", "setuptools"}:
            continue
        if name not in pins:
            unpinned.append(f"{name}=={dist.version}")
        elif pins[name] != dist.version:
            wrong.append(f"{name}: installed {dist.version}, pinned {pins[name]}")
    assert not unpinned and not wrong, (unpinned, wrong)


# Runs in a fresh Python: a finder placed first on sys.meta_path refuses every top-level module that
# is neither in the standard library nor in a distribution of the core install, as if it were absent.
_CORE_RUN = """
import importlib.abc, importlib.machinery, json, os, sys, sysconfig
ALLOWED = set(json.loads(sys.argv[1]))
STDLIB = [sysconfig.get_path("stdlib"), sysconfig.get_path("platstdlib"),
          os.path.join(sysconfig.get_path("platstdlib"), "lib-dynload")]
NOT_CORE = json.loads(sys.argv[2])
already = sorted(m for m in sys.modules if m.partition(".")[0] in NOT_CORE)
assert not already, already
refused = set()

class CoreOnly(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in ALLOWED or top in sys.stdlib_module_names or importlib.machinery.PathFinder.find_spec(top, STDLIB):
            return None
        refused.add(top)
        raise ModuleNotFoundError(f"No module named {name!r} (not in a core install)", name=name)

sys.meta_path.insert(0, CoreOnly())
for name in NOT_CORE:   # the guard works: what only the extras bring cannot be imported
    try:
        __import__(name)
    except ModuleNotFoundError:
        pass
    else:
        raise AssertionError(f"{name} imported despite the guard")

import importlib
for module in json.loads(sys.argv[3]):
    importlib.import_module(module)
import pandas as pd
from medialit import cli, framing, stats, text
from medialit.corpus import load_article

seed = load_article("seed-article").text
out = {
    "tokens": len(text.tokenize(seed)),
    "top_word": stats.word_frequencies(seed, drop_stopwords=True).iloc[0]["word"],
    "sentiment_rows": len(stats.sentiment(seed)),
    "alpha": round(framing.agreement(pd.DataFrame({"ann": ["yes", "yes", "no", "no"],
                                                   "ben": ["yes", "no", "no", "no"]})), 3),
    "report_exit": cli.main(["report", sys.argv[4], "--out", sys.argv[5]]),
}
import contextlib, io
with open("answers.ipynb", "w", encoding="utf-8") as handle:
    json.dump({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, handle)
for command in (["setup", "--prefix", sys.argv[5] + "-env"], ["check", "answers.ipynb"]):
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        out[command[0]] = [cli.main(command), err.getvalue()]
out |= {
    "loaded": sorted(m for m in sys.modules if m.partition(".")[0] in NOT_CORE),
}
print(json.dumps(out))
"""


def test_core_modules_import_and_run_with_only_the_core_packages(tmp_path):
    core, _ = _wheel_requirements(tmp_path)
    closure = _closure(core)
    tops = metadata.packages_distributions()
    allowed = sorted({"medialit"} | {top for top, dists in tops.items()
                                     if any(canonicalize_name(d) in closure for d in dists)})
    not_core = sorted({top for top, dists in tops.items()
                       if all(canonicalize_name(d) in NOT_CORE for d in dists)} | {"sphinx", "otter", "myst_nb"})
    assert {"sphinx", "otter", "myst_nb", "jupyter_book", "IPython", "psutil"} <= set(not_core)
    out_dir = tmp_path / "report"
    proc = subprocess.run([sys.executable, "-c", _CORE_RUN, json.dumps(allowed), json.dumps(not_core),
                           json.dumps(CORE_MODULES), str(ROOT / "data" / "corpora" / "example"), str(out_dir)],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path,
                          env={"PATH": "/usr/bin:/bin", "MPLCONFIGDIR": str(tmp_path / "mpl"), "HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.splitlines()[-1])
    assert result["tokens"] > 100 and result["sentiment_rows"] > 0
    assert isinstance(result["top_word"], str) and result["top_word"]
    assert result["alpha"] == 0.533
    assert result["report_exit"] == 0
    assert result["loaded"] == []
    # The commands that need an extra say which, and how to install it.
    for command, extra in (("setup", "book"), ("check", "grading")):
        code, err = result[command]
        assert code == 2 and f'-e ".[{extra}]"' in err, (command, err)
    assert not (tmp_path / "report-env").exists()
    assert (out_dir / "index.md").is_file() and list(out_dir.glob("*.png"))
