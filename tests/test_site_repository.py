"""One setting, pyproject.toml's [project.urls] Repository, behind every launch link: the places
that hold the repository path as text (the README's Binder badge, each lesson's Colab install
line) agree with it, and tools/repository.py finds and fixes the ones that do not."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import repository  # noqa: E402

LESSON_PY = """\
# %%
import sys

if "google.colab" in sys.modules:
    import subprocess

    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                    "ann_helpers @ git+https://github.com/someone/old-name"],
                   check=True)
"""


def test_every_place_agrees_with_the_setting():
    path = repository.github_path()
    assert repository.disagreements(path) == []


def test_the_places_are_the_badges_and_every_lessons_install_line():
    files = {p.file.relative_to(ROOT).as_posix() for p in repository.places()}
    lessons = {p.relative_to(ROOT).as_posix()
               for pattern in ("*.py", "*.ipynb", "*/*.py", "*/*.ipynb")
               for p in (ROOT / "notebooks").glob(pattern) if p.stem[:2].isdigit()}
    assert files == {"README.md", "README.zh-Hant.md"} | lessons


def test_the_setting_is_read_from_pyproject():
    assert repository.repository_url() == "https://github.com/ann-math-course/ann-math-course"
    assert repository.github_path() == "ann-math-course/ann-math-course"


def test_launch_urls():
    assert repository.binder_url("notebooks/03_gradient_descent_1d.ipynb", path="me/course") == (
        "https://mybinder.org/v2/gh/me/course/HEAD"
        "?urlpath=lab%2Ftree%2Fnotebooks%2F03_gradient_descent_1d.ipynb")
    assert repository.colab_url("notebooks/zh-Hant/03_gradient_descent_1d.ipynb",
                                path="me/course") == (
        "https://colab.research.google.com/github/me/course/blob/main/"
        "notebooks/zh-Hant/03_gradient_descent_1d.ipynb")


@pytest.mark.parametrize("url, path", [
    ("https://github.com/me/course", "me/course"),
    ("https://github.com/me/course/", "me/course"),
    ("https://github.com/me/course.git", "me/course"),
])
def test_github_path_accepts(url, path):
    assert repository.github_path(url) == path


def test_github_path_refuses_a_url_that_is_not_a_github_repository():
    with pytest.raises(ValueError) as err:
        repository.github_path("https://gitlab.com/me/course")
    assert str(err.value) == ("[project.urls] Repository must be https://github.com/OWNER/NAME, "
                              "got 'https://gitlab.com/me/course'")


def _fork(tmp_path):
    """A copy of the places (README, one lesson as .py and .ipynb) with other paths in them."""
    (tmp_path / "notebooks" / "zh-Hant").mkdir(parents=True)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (tmp_path / "README.md").write_text(
        repository.BADGE.sub(lambda m: m.group(1) + "OWNER/REPO" + m.group(3), readme),
        encoding="utf-8")
    (tmp_path / "notebooks" / "zh-Hant" / "03_x.py").write_text(LESSON_PY, encoding="utf-8")
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": 1,
                     "source": LESSON_PY.splitlines(keepends=True)[1:]}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "notebooks" / "03_x.ipynb").write_text(json.dumps(nb, indent=1),
                                                       encoding="utf-8")
    return tmp_path


def test_disagreements_name_each_place(tmp_path):
    root = _fork(tmp_path)
    problems = repository.disagreements("me/course", root)
    badge_line = next(i for i, line in enumerate((root / "README.md").read_text().splitlines(), 1)
                      if "mybinder.org/v2/gh/" in line)
    assert problems == [
        f"README.md:{badge_line}: the README's Binder badge says OWNER/REPO, "
        "the setting says me/course",
        "notebooks/zh-Hant/03_x.py:8: the Colab install line says someone/old-name, "
        "the setting says me/course",
        "notebooks/03_x.ipynb:15: the Colab install line says someone/old-name, "
        "the setting says me/course",
    ]


def test_fix_rewrites_the_path_and_nothing_else(tmp_path):
    root = _fork(tmp_path)
    before = {p: p.read_text(encoding="utf-8") for p in root.rglob("*") if p.is_file()}
    changed = repository.fix("me/course", root)
    assert sorted(p.relative_to(root).as_posix() for p in changed) == [
        "README.md", "notebooks/03_x.ipynb", "notebooks/zh-Hant/03_x.py"]
    assert repository.disagreements("me/course", root) == []
    for path, text in before.items():
        after = path.read_text(encoding="utf-8")
        old, new = (("gh/OWNER/REPO/HEAD", "gh/me/course/HEAD") if path.name == "README.md"
                    else ("someone/old-name", "me/course"))
        assert after == text.replace(old, new)
    nb = json.loads((root / "notebooks" / "03_x.ipynb").read_text())
    assert ('                    "ann_helpers @ git+https://github.com/me/course"],\n'
            in nb["cells"][0]["source"])


def test_the_command_line_reports_and_fixes(tmp_path):
    # The tool on a copy of the repository's places, with the setting of a fork.
    root = tmp_path / "repo"
    (root / "tools").mkdir(parents=True)
    shutil.copy(ROOT / "tools" / "repository.py", root / "tools")
    shutil.copy(ROOT / "README.md", root)
    shutil.copy(ROOT / "README.zh-Hant.md", root)
    shutil.copytree(ROOT / "notebooks", root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (root / "pyproject.toml").write_text(pyproject.replace(
        'Repository = "https://github.com/ann-math-course/ann-math-course"',
        'Repository = "https://github.com/a-fork/the-course"'), encoding="utf-8")
    tool = [sys.executable, str(root / "tools" / "repository.py")]
    check = subprocess.run(tool, capture_output=True, text=True, cwd=root)
    assert check.returncode == 1
    count = len(repository.places())
    assert check.stderr.splitlines()[-1] == (
        f"{count} place(s) disagree with pyproject.toml's Repository (a-fork/the-course): "
        "run python tools/repository.py --fix")
    fixed = subprocess.run(tool + ["--fix"], capture_output=True, text=True, cwd=root)
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stdout.splitlines()[-1] == f"every place names a-fork/the-course ({count} files)"
    assert subprocess.run(tool, capture_output=True, cwd=root).returncode == 0
