"""`medialit setup`, the step that replaces `make setup`'s kernel registration on any operating system,
and the README's path without make: every command it gives exists."""
from __future__ import annotations

import json
import re
import sys

from bookutils import ROOT

from medialit.cli import build_parser, main
from medialit.setup_cmd import KERNEL_DISPLAY_NAME, setup


def test_setup_registers_this_python_as_the_kit_kernel(tmp_path):
    result = setup(prefix=tmp_path)
    spec = json.loads((result.kernel / "kernel.json").read_text(encoding="utf-8"))
    assert result.kernel == tmp_path / "share" / "jupyter" / "kernels" / "python3"
    assert spec["display_name"] == KERNEL_DISPLAY_NAME == "Python 3 (medialit)"
    assert spec["argv"][0] == sys.executable
    assert spec["language"] == "python"


def test_setup_opens_chapters_as_notebooks_and_keeps_jupyterlab_offline(tmp_path):
    result = setup(prefix=tmp_path)
    lab = json.loads(result.lab_settings.read_text(encoding="utf-8"))
    assert lab["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]["markdown"] == "Jupytext Notebook"
    assert lab["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}
    server = json.loads(result.server_config.read_text(encoding="utf-8"))
    assert server["LabApp"]["news_url"] is None
    assert server["LabApp"]["extension_manager"] == "readonly"
    assert server["LabApp"]["check_for_updates_class"].endswith("NeverCheckForUpdate")
    assert json.loads(result.page_config.read_text(encoding="utf-8")) == {"buildCheck": False,
                                                                          "buildAvailable": False}


def test_setup_keeps_other_settings_and_can_run_again(tmp_path):
    settings = tmp_path / "etc" / "jupyter" / "labconfig" / "default_setting_overrides.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({
        "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
        "@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"python": "Jupytext Notebook"},
                                                    "autosave": False}}), encoding="utf-8")
    setup(prefix=tmp_path)
    first = settings.read_text(encoding="utf-8")
    setup(prefix=tmp_path)
    assert settings.read_text(encoding="utf-8") == first
    merged = json.loads(first)
    assert merged["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    plugin = merged["@jupyterlab/docmanager-extension:plugin"]
    assert plugin["autosave"] is False
    assert plugin["defaultViewers"] == {"python": "Jupytext Notebook", "markdown": "Jupytext Notebook",
                                        "myst": "Jupytext Notebook"}


def test_setup_refuses_a_broken_settings_file_and_says_how_to_fix_it(tmp_path, capsys):
    broken = tmp_path / "etc" / "jupyter" / "jupyter_lab_config.json"
    broken.parent.mkdir(parents=True)
    broken.write_text("{not json", encoding="utf-8")
    assert main(["setup", "--prefix", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "jupyter_lab_config.json is not valid JSON" in err and "fix or delete it" in err
    assert broken.read_text(encoding="utf-8") == "{not json"


def test_setup_command_prints_what_it_wrote(tmp_path, capsys):
    assert main(["setup", "--prefix", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Python 3 (medialit)" in out and str(tmp_path) in out
    assert main(["setup", "--prefix", str(tmp_path), "--quiet"]) == 0
    assert capsys.readouterr().out == ""


def test_notebooks_command_rejects_a_missing_page(tmp_path, capsys):
    assert main(["notebooks", str(tmp_path / "nope.md"), "--out", str(tmp_path)]) == 2
    assert "nope.md is not a file" in capsys.readouterr().err
    assert main(["notebooks", str(ROOT / "book" / "welcome.md"), "--out", str(tmp_path)]) == 2
    assert "not a notebook page" in capsys.readouterr().err


def _without_make_block() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Without `make`"):]
    return re.search(r"```bat\n(.*?)```", section, re.DOTALL).group(1)


def test_readme_path_without_make_uses_only_python_and_commands_that_exist():
    lines = [line.strip() for line in _without_make_block().splitlines() if line.strip()]
    assert lines[0] == "py -m venv .venv"
    assert all("make" not in line.split() for line in lines)
    install = lines[1].split()
    assert install[:4] == [r".venv\Scripts\python", "-m", "pip", "install"]
    assert (ROOT / install[install.index("-c") + 1]).is_file()
    assert install[-2:] == ["-e", '".[book,grading]"']  # JupyterLab and the kernel (book), `medialit check` (grading)
    commands = {name for action in build_parser()._subparsers._group_actions for name in action.choices}
    used = [line.split()[1] for line in lines if line.startswith(r".venv\Scripts\medialit")]
    assert used == ["setup", "notebooks"]
    assert set(used) <= commands
    for line in lines:
        if line.startswith(r".venv\Scripts\medialit"):
            args = line.split()[1:]
            parsed = build_parser().parse_args(args)  # raises SystemExit on an unknown option
            assert parsed.command == args[0]
    assert lines[-1] == r".venv\Scripts\jupyter lab notebooks"
