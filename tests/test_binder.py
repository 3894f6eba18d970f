"""Binder (repo2docker) installs from binder/; check it resolves to the same pinned set."""

from __future__ import annotations

import re

from conftest import ROOT


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


def test_top_level_requirements_are_all_pinned():
    for line in _requirements(ROOT / "requirements.txt"):
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
