"""The version lives in one place, pyproject.toml; ann_helpers reports it from the installed
package's metadata, and CHANGELOG.md has a section for it."""

from __future__ import annotations

import subprocess
import sys
import tomllib

from conftest import ROOT

import ann_helpers

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_package_reports_pyprojects_version():
    assert ann_helpers.__version__ == VERSION, \
        f"ann_helpers says {ann_helpers.__version__}, pyproject.toml {VERSION}: run `make venv`"


def test_version_is_written_nowhere_else_in_the_package():
    for path in (ROOT / "ann_helpers").rglob("*.py"):
        assert f'"{VERSION}"' not in path.read_text(), f"{path} repeats the version"


def test_changelog_names_the_version_or_unreleased():
    text = (ROOT / "CHANGELOG.md").read_text()
    assert f"## {VERSION}" in text or ("## Unreleased" in text and VERSION in text), \
        f"CHANGELOG.md has no section for {VERSION}"


def test_fallback_without_installed_metadata(tmp_path):
    """Imported from a source tree that pip never installed, the package still imports."""
    code = ("import importlib.metadata as m\n"
            "def missing(name):\n"
            "    raise m.PackageNotFoundError(name)\n"
            "m.version = missing\n"
            "import ann_helpers\n"
            "print(ann_helpers.__version__)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "0+unknown"
