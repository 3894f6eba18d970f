"""Binder (repo2docker) installs from binder/; check it resolves to the course's pinned set
(requirements.txt, no test tooling) and configures JupyterLab inside its environment."""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import subprocess
import sys

import pytest
from conftest import ROOT

# Test tooling: in requirements-dev.txt, never in what a learner, Binder or a hub installs.
TEST_TOOLING = {"pytest", "pytest-xdist", "nbval", "hypothesis", "playwright", "ruff",
                "check-jsonschema", "nbclient"}


def _names(lines):
    return {re.split(r"[=<>\[ ]", line)[0].lower().replace("_", "-") for line in lines
            if not line.startswith("-")}


def _requirements(path, seen=None):
    """The requirement lines of `path`, following -r includes relative to the file."""
    seen = seen or set()
    path = path.resolve()
    assert path not in seen, f"circular -r include at {path}"
    seen.add(path)
    lines = []
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith(("-r ", "--requirement ")):
            lines += _requirements(path.parent / line.split(None, 1)[1], seen)
        else:
            lines.append(line)
    return lines


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_requirements_are_all_pinned(name):
    for line in _requirements(ROOT / name):
        if line.startswith("-e"):
            assert line == "-e .", line
            continue
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][0-9A-Za-z.+\-]*", line), \
            f"not pinned with ==: {line}"


def test_binder_requirements_resolve_to_the_same_set():
    top = _requirements(ROOT / "requirements.txt")
    binder = _requirements(ROOT / "binder" / "requirements.txt")
    assert sorted(binder) == sorted(top)


def test_binder_runtime_matches_supported_python():
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    m = re.fullmatch(r"python-(3)\.(\d+)", runtime)
    assert m, f"runtime.txt should read python-3.X, got {runtime!r}"
    low = re.search(r'requires-python = ">=3\.(\d+)"', (ROOT / "pyproject.toml").read_text())
    assert low and int(m.group(2)) >= int(low.group(1))


def test_jupytext_is_installed_for_binder():
    names = [re.split(r"[=<>]", line)[0].lower() for line in
             _requirements(ROOT / "binder" / "requirements.txt")]
    assert "jupytext" in names and "jupyterlab" in names and "ipywidgets" in names


def test_learner_requirements_hold_no_test_tooling():
    learner = _names(_requirements(ROOT / "requirements.txt"))
    assert learner & TEST_TOOLING == set(), \
        f"test tooling in requirements.txt: {sorted(learner & TEST_TOOLING)}"


def test_dev_requirements_add_the_test_tooling_to_the_course():
    dev_text = (ROOT / "requirements-dev.txt").read_text()
    assert re.search(r"^-r requirements\.txt$", dev_text, re.M), \
        "requirements-dev.txt must include the course's pins with -r requirements.txt"
    dev = _names(_requirements(ROOT / "requirements-dev.txt"))
    assert TEST_TOOLING <= dev, f"missing from requirements-dev.txt: {TEST_TOOLING - dev}"
    assert _names(_requirements(ROOT / "requirements.txt")) <= dev


def test_package_declares_every_third_party_import():
    """`pip install git+<repo>` must give a working ann_helpers: every top-level module it
    imports is the standard library, ann_helpers itself, or a declared dependency."""
    import tomllib

    declared = {re.split(r"[=<>\[ ;]", d)[0].lower() for d in
                tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]}
    module_to_package = {"sklearn": "scikit-learn", "IPython": "ipython", "mpl_toolkits":
                         "matplotlib", "PIL": "pillow"}
    imported = set()
    for path in (ROOT / "ann_helpers").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
    third_party = {name for name in imported
                   if name not in sys.stdlib_module_names and name != "ann_helpers"}
    missing = {name for name in third_party
               if module_to_package.get(name, name).lower() not in declared}
    assert third_party, "found no third-party imports: the scan is broken"
    assert not missing, f"imported by ann_helpers but not in pyproject's dependencies: {missing}"


def test_binder_postbuild_configures_jupyterlab_in_the_environment():
    post_build = ROOT / "binder" / "postBuild"
    assert post_build.exists() and post_build.stat().st_mode & 0o111, "binder/postBuild missing"
    assert "python tools/jupyter_settings.py" in post_build.read_text()


def _settings_tool():
    spec = importlib.util.spec_from_file_location("jupyter_settings",
                                                  ROOT / "tools" / "jupyter_settings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_jupyter_settings_go_into_the_prefix_only(tmp_path):
    tool = _settings_tool()
    written = tool.install(tmp_path)
    assert written and all(tmp_path in path.parents for path in written)
    lab = json.loads((tmp_path / "share/jupyter/lab/settings/overrides.d/ann-course.json")
                     .read_text())
    assert lab["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]["python"] == \
        "Jupytext Notebook"
    assert lab["@jupyterlab/apputils-extension:notification"] == \
        {"fetchNews": "false", "checkForUpdates": False}
    server = json.loads((tmp_path / "etc/jupyter/jupyter_server_config.d/ann-course.json")
                        .read_text())
    assert server["LabApp"] == {"news_url": None,
                                "check_for_updates_class": "jupyterlab.NeverCheckForUpdate"}


def test_jupyterlab_reads_the_course_defaults_from_this_environment(tmp_path):
    """`make venv` ran tools/jupyter_settings.py, and JupyterLab's own settings code (what its
    settings API serves the browser) turns them into the defaults, with an empty user folder."""
    code = """if True:
        import json, os, sys
        from jupyter_core.paths import jupyter_path
        from jupyterlab.commands import get_app_dir
        from jupyterlab_server.settings_utils import get_settings
        app = get_app_dir()
        out = {}
        for plugin in sys.argv[2:]:
            found, _ = get_settings(os.path.join(app, "settings"), os.path.join(app, "schemas"),
                                    sys.argv[1], plugin,
                                    labextensions_path=jupyter_path("labextensions"))
            out[plugin] = {k: v.get("default") for k, v in found["schema"]["properties"].items()}
        print(json.dumps(out))
    """
    plugins = ["@jupyterlab/docmanager-extension:plugin",
               "@jupyterlab/apputils-extension:notification"]
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path), *plugins],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    defaults = json.loads(result.stdout)
    assert defaults[plugins[0]]["defaultViewers"].get("python") == "Jupytext Notebook", \
        f"run `make venv`: {defaults[plugins[0]]['defaultViewers']}"
    assert defaults[plugins[1]]["fetchNews"] == "false"
    assert defaults[plugins[1]]["checkForUpdates"] is False


def test_the_chinese_session_starts_in_chinese(tmp_path):
    """`make lab-zh` gives JupyterLab a user-settings folder inside the environment whose
    language setting is zh_TW; the course's defaults and the ordinary sessions stay as they
    are."""
    tool = _settings_tool()
    tool.install(tmp_path)
    zh = tmp_path / tool.ZH_SETTINGS_DIR / "@jupyterlab/translation-extension"
    assert json.loads((zh / "plugin.jupyterlab-settings").read_text()) == {"locale": "zh_TW"}
    en = json.loads((tmp_path / "share/jupyter/lab/settings/overrides.d/ann-course.json")
                    .read_text())
    assert "@jupyterlab/translation-extension:plugin" not in en
    makefile = (ROOT / "Makefile").read_text()
    assert f"--LabApp.user_settings_dir=$(VENV)/{tool.ZH_SETTINGS_DIR}" in makefile
    assert "--LabApp.default_url=/lab/tree/zh-Hant/00_course_map.ipynb" in makefile


def test_jupyterlab_has_the_traditional_chinese_language_pack():
    """The pack make lab-zh switches to is installed, and JupyterLab's own code lists it."""
    code = ("import json; from jupyterlab_server.translation_utils import get_language_packs;"
            "print(json.dumps(sorted(get_language_packs()[0])))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "zh_TW" in json.loads(result.stdout), \
        f"no zh_TW language pack (run make venv): {result.stdout}"


def test_binder_installs_a_font_the_chinese_figures_use():
    """binder/apt.txt installs Debian's Noto CJK fonts, whose Traditional Chinese family heads
    the figures' font list (ann_helpers.plotting.CJK_FONTS)."""
    from ann_helpers.plotting import CJK_FONTS

    lines = (ROOT / "binder" / "apt.txt").read_text().splitlines()
    packages = [line.partition("#")[0].strip() for line in lines]
    assert "fonts-noto-cjk" in packages
    assert CJK_FONTS[0] == "Noto Sans CJK TC"
