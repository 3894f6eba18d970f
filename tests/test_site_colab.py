"""Each lesson's first code cell installs the course's package on Colab, and only there: run as it
is committed, outside Colab (as here, and under nbval) it installs nothing; with a stand-in
`google.colab` module it runs exactly one pip install of the package from the repository that
pyproject.toml names, with the loose dependencies (no requirements file, no pins)."""

from __future__ import annotations

import json
import subprocess
import sys
import types

import pytest
from conftest import ROOT

import ann_helpers

sys.path.insert(0, str(ROOT / "tools"))
import repository  # noqa: E402

LESSONS = sorted(list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
                 + list((ROOT / "notebooks").glob("*/[0-9][0-9]_*.ipynb")))
IDS = [p.relative_to(ROOT / "notebooks").as_posix() for p in LESSONS]


def first_code_cell(path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code")
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


@pytest.fixture
def runs(monkeypatch):
    """Every subprocess.run the cell makes, recorded instead of run."""
    calls = []

    def record(*args, **kwargs):
        calls.append((args, kwargs))
        return subprocess.CompletedProcess(args[0] if args else kwargs.get("args"), 0)

    monkeypatch.setattr(subprocess, "run", record)
    for name in ("subprocess.Popen", "os.system"):
        module, attr = name.split(".")
        monkeypatch.setattr(sys.modules[module], attr, _refuse(name))
    yield calls
    ann_helpers.set_language("en")


def _refuse(name):
    def refuse(*args, **kwargs):
        raise AssertionError(f"the setup cell called {name}{args}")
    return refuse


def test_every_lesson_is_checked():
    assert len(LESSONS) >= 12, IDS


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_the_setup_cell_installs_nothing_outside_colab(path, runs, monkeypatch):
    code = first_code_cell(path)
    assert 'if "google.colab" in sys.modules:' in code
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    exec(compile(code, str(path), "exec"), {"__name__": "__main__"})
    assert runs == []
    expected = "zh-Hant" if path.parent.name == "zh-Hant" else "en"
    assert f'ann_helpers.set_language("{expected}")' in code


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_on_colab_the_setup_cell_installs_the_package_from_the_repository(path, runs,
                                                                          monkeypatch):
    monkeypatch.setitem(sys.modules, "google", types.ModuleType("google"))
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    exec(compile(first_code_cell(path), str(path), "exec"), {"__name__": "__main__"})
    url = f"git+https://github.com/{repository.github_path()}"
    assert runs == [(([sys.executable, "-m", "pip", "install", "--quiet",
                       f"ann_helpers @ {url}"],), {"check": True})]
