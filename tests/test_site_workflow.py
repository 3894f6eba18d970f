"""The website's and the weekly loose-dependency workflows: valid against GitHub's workflow
schema (check-jsonschema ships it offline), the site built and checked on every push and
published to GitHub Pages from main only, make test-loose run every week."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
SITE = WORKFLOWS / "site.yml"
LOOSE = WORKFLOWS / "loose.yml"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
ON_MAIN = "if: github.ref == 'refs/heads/main' && github.event_name == 'push'"


@pytest.mark.parametrize("path", [SITE, LOOSE], ids=["site", "loose"])
def test_workflow_matches_githubs_schema(path):
    result = subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows",
                             str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def _job(text: str, name: str) -> str:
    """The text of one job (up to the next job at the same indent)."""
    match = re.search(rf"^  {name}:\n((?:    .*\n|\s*\n)+)", text, re.M)
    assert match, f"no job {name!r}"
    return match.group(1)


def test_the_site_is_built_and_checked_on_every_push():
    text = SITE.read_text()
    assert re.search(r"^on:\n  push:\n", text, re.M)
    build = _job(text, "build")
    assert "        run: make test-site\n" in build
    assert re.search(r"apt-get install[^\n]*\\\n[^\n]*\bchromium\b", build)
    assert 'ANN_REQUIRE_BROWSER: "1"' in build


def test_the_site_is_published_to_pages_from_main_only():
    text = SITE.read_text()
    build, deploy = _job(text, "build"), _job(text, "deploy")
    upload = build[build.index("actions/upload-pages-artifact@"):]
    assert "path: _build/html" in upload
    assert ON_MAIN in build[:build.index("actions/upload-pages-artifact@")].rsplit("- name:", 1)[1]
    assert ON_MAIN in deploy and "needs: build" in deploy
    assert "uses: actions/deploy-pages@" in deploy
    assert "pages: write" in deploy and "id-token: write" in deploy
    assert "name: github-pages" in deploy
    # Only the deploy job may write to Pages.
    assert re.search(r"^permissions:\n  contents: read\n", text, re.M)


def test_make_test_loose_runs_every_week():
    text = LOOSE.read_text()
    assert re.search(r'^on:\n  schedule:\n    - cron: "\d+ \d+ \* \* \d"', text, re.M)
    assert "        run: make test-loose\n" in text


def test_ci_runs_the_site_checks_and_the_loose_environment():
    """CI runs `make test`, whose last step is `make test-site`, and `make test-loose`."""
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert "make test" in lines and "make test-loose" in lines
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile[makefile.index("\ntest: "):].split("\n\n")[0]
    assert "$(MAKE) --no-print-directory test-site" in recipe
