"""The GitHub workflow for forks: valid against GitHub's workflow schema (which check-jsonschema
ships offline) and running the same checks as here."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "test.yml"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def _run_steps() -> list[str]:
    """The `run:` scripts of every step (block scalars included), as plain text."""
    text = WORKFLOW.read_text()
    return re.findall(r"^\s+run:\s*(?:\|\s*\n((?:\s{10,}.*\n?)+)|(.+))$", text, re.M)


def _validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows",
                           str(path)], capture_output=True, text=True, timeout=120)


def test_workflow_matches_githubs_schema():
    assert CHECK_JSONSCHEMA.exists(), f"{CHECK_JSONSCHEMA} missing (pinned in requirements.txt)"
    result = _validate(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on:", "runs_on:"))
    result = _validate(broken)
    assert result.returncode != 0 and "runs-on" in result.stdout + result.stderr


@pytest.mark.parametrize("event", ["push", "pull_request", "schedule"])
def test_workflow_runs_on(event):
    assert re.search(rf"^on:\n(?:  .*\n)*  {event}:", WORKFLOW.read_text(), re.M), \
        f"the workflow does not run on {event}"


def test_workflow_runs_make_test_with_chromium_and_the_binder_check():
    scripts = ["".join(parts) for parts in _run_steps()]
    commands = [line.strip() for s in scripts for line in s.splitlines()]
    assert "make test" in commands, commands
    assert "make test-binder" in commands, commands
    install = next((s for s in scripts if "apt-get install" in s), "")
    assert re.search(r"\bchromium\b", install), "Chromium is not installed with apt"
    assert re.search(r'ANN_REQUIRE_BROWSER:\s*"1"', WORKFLOW.read_text()), \
        "without ANN_REQUIRE_BROWSER=1 a missing browser would only skip the browser tests"


def _matrix_pythons() -> list[str]:
    return re.findall(r'^\s+- python: "(3\.\d+)"$', WORKFLOW.read_text(), re.M)


def test_workflow_tests_the_lowest_supported_and_the_newest_python():
    low = re.search(r'requires-python = ">=(3\.\d+)"', (ROOT / "pyproject.toml").read_text())
    assert low, "pyproject.toml states no requires-python"
    pythons = _matrix_pythons()
    assert low.group(1) in pythons, f"the lowest supported Python {low.group(1)} is not " \
                                    f"in the workflow's matrix {pythons}"
    assert "3.13" in pythons, f"the newest Python, 3.13, is not in the matrix {pythons}"
    # Each leg checks that its container's python3 is the version it is named after.
    assert "assert v == '${{ matrix.python }}'" in WORKFLOW.read_text()
