"""The course's GitHub repository: one setting, and the few places that must repeat it.

The setting is `[project.urls] Repository` in pyproject.toml. The website's launch links
(Binder, Colab) are built from it when the site is built (site/conf.py); these places hold the
path as text and must agree with it:

- the README's "Launch on Binder" badge (and README.zh-Hant.md's);
- each lesson's first code cell, which installs the package on Colab only
  ("ann_helpers @ git+https://github.com/OWNER/NAME"), in notebooks/*.py, notebooks/*/*.py and
  their executed .ipynb twins (only that string changes, so the twins stay executed as they are).

    python tools/repository.py            # check: list every place that disagrees (exit 1 if any)
    python tools/repository.py --fix      # rewrite those places to the setting

A fork changes the one line in pyproject.toml, runs `--fix`, and commits.

Standard library only (tomllib: Python 3.11+).
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
README = ROOT / "README.md"
NOTEBOOKS = ROOT / "notebooks"

BINDER = "https://mybinder.org/v2/gh"
COLAB = "https://colab.research.google.com/github"
# A GitHub path: OWNER/NAME (GitHub's own rules for the characters, loosely).
_SLUG = r"[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+"
# The README's Binder badge: any OWNER/NAME (OWNER/REPO, the placeholder, included).
BADGE = re.compile(r"(\(https://mybinder\.org/v2/gh/)(" + _SLUG + r")(/HEAD\?)")
# A lesson's Colab install line.
INSTALL = re.compile(r"(ann_helpers @ git\+https://github\.com/)(" + _SLUG + r")(\\?\")")


def repository_url(pyproject: Path = PYPROJECT) -> str:
    """The setting: `[project.urls] Repository`, checked to be a GitHub repository URL."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    url = data.get("project", {}).get("urls", {}).get("Repository")
    if not url:
        raise ValueError(f"{pyproject.name} has no [project.urls] Repository: add the course's "
                         "GitHub repository, e.g. Repository = \"https://github.com/OWNER/NAME\"")
    return url


def github_path(url: str | None = None) -> str:
    """OWNER/NAME from https://github.com/OWNER/NAME (a trailing .git or / is allowed)."""
    url = repository_url() if url is None else url
    match = re.fullmatch(r"https://github\.com/(" + _SLUG + r")", url.rstrip("/"))
    if not match:
        raise ValueError(f"[project.urls] Repository must be https://github.com/OWNER/NAME, "
                         f"got {url!r}")
    path = match.group(1)
    return path[:-4] if path.endswith(".git") else path


def binder_url(notebook: str | None = None, path: str | None = None) -> str:
    """JupyterLab on Binder, opened on `notebook` (a path inside the repository, e.g.
    "notebooks/03_gradient_descent_1d.ipynb"); the course map when None."""
    path = github_path() if path is None else path
    target = notebook or "notebooks/00_course_map.ipynb"
    return f"{BINDER}/{path}/HEAD?urlpath={quote('lab/tree/' + target, safe='')}"


def colab_url(notebook: str, path: str | None = None, branch: str = "main") -> str:
    """The notebook `notebook` (a path inside the repository) opened in Google Colab."""
    path = github_path() if path is None else path
    return f"{COLAB}/{path}/blob/{branch}/{quote(notebook)}"


@dataclass
class Place:
    """One place that holds the repository path as text."""

    file: Path
    pattern: re.Pattern
    what: str


def places(root: Path = ROOT) -> list[Place]:
    found = [Place(root / "README.md", BADGE, "the README's Binder badge")]
    if (root / "README.zh-Hant.md").exists():
        found.append(Place(root / "README.zh-Hant.md", BADGE, "the Chinese README's Binder badge"))
    notebooks = root / "notebooks"
    for suffix in ("py", "ipynb"):
        for path in sorted(notebooks.glob(f"*.{suffix}")) + sorted(notebooks.glob(f"*/*.{suffix}")):
            if ".ipynb_checkpoints" in path.parts:
                continue
            if INSTALL.search(path.read_text(encoding="utf-8")):
                found.append(Place(path, INSTALL, "the Colab install line"))
    return found


def disagreements(path: str, root: Path = ROOT) -> list[str]:
    """One line for each place whose path is not `path` (or that holds none)."""
    problems = []
    readme = root / "README.md"
    if not BADGE.search(readme.read_text(encoding="utf-8")):
        problems.append(f"{readme.relative_to(root)}: no Binder badge "
                        f"(https://mybinder.org/v2/gh/OWNER/NAME/HEAD?...) found")
    for place in places(root):
        text = place.file.read_text(encoding="utf-8")
        for match in place.pattern.finditer(text):
            if match.group(2) != path:
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{place.file.relative_to(root)}:{line}: {place.what} says "
                                f"{match.group(2)}, the setting says {path}")
    return problems


def fix(path: str, root: Path = ROOT) -> list[Path]:
    """Rewrite every place to `path`; returns the files changed."""
    changed = []
    for place in places(root):
        text = place.file.read_text(encoding="utf-8")
        new = place.pattern.sub(lambda m: m.group(1) + path + m.group(3), text)
        if new != text:
            place.file.write_text(new, encoding="utf-8")
            changed.append(place.file)
    return changed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fix", action="store_true",
                        help="rewrite every place to pyproject.toml's Repository")
    args = parser.parse_args(argv)
    try:
        path = github_path()
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.fix:
        for changed in fix(path):
            print(f"rewrote {changed.relative_to(ROOT)}")
    problems = disagreements(path)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} place(s) disagree with pyproject.toml's Repository ({path}): "
              "run python tools/repository.py --fix", file=sys.stderr)
        return 1
    print(f"every place names {path} ({len(places())} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
