"""`make test-binder`: build the environment Binder would build, then smoke-test it in a browser.

No Docker engine runs here, so repo2docker cannot; this does what its Python build pack does
with our `binder/` folder, in a fresh virtual environment:

1. copy the repository's files (tracked and new, not ignored) to `.venv-binder/repo`, as
   repo2docker copies the repository into the image;
2. pick the Python that `binder/runtime.txt` names (`python-3.X`), when one is installed here,
   and say which one was used (else fall back to this Python, and say so);
3. `python -m venv .venv-binder/env`, then, from the copied repository's root as repo2docker
   does, `pip install -r binder/requirements.txt`;
4. run `binder/postBuild` if there is one (with the new environment first on PATH), then check
   that the environment holds no test tooling and has the course's JupyterLab settings;
5. start JupyterLab from that environment and run the browser smoke test (the course map and
   the first explorer lesson, `tests/browser/test_lab.py` with `ANN_BROWSER_SMOKE=1`), driven by
   the project's own test environment (`.venv`), which only provides pytest and Playwright.

Build packs repo2docker would choose instead (environment.yml, Pipfile, ...) are not emulated:
the script stops and says so. Standard library only: it runs before any environment exists.
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
WORK = ROOT / ".venv-binder"
REPO = WORK / "repo"
ENV = WORK / "env"
TEST_PYTHON = ROOT / ".venv" / "bin" / "python"
NOT_EMULATED = ["environment.yml", "Pipfile", "Pipfile.lock", "Project.toml", "REQUIRE",
                "install.R", "DESCRIPTION", "Dockerfile", "default.nix"]


def say(message: str) -> None:
    print(f"[test-binder] {message}", flush=True)


def run(cmd: list, **kwargs) -> None:
    say("$ " + " ".join(str(c) for c in cmd))
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def wanted_python() -> str | None:
    """'3.11' from binder/runtime.txt's 'python-3.11', or None without a runtime.txt."""
    runtime = BINDER / "runtime.txt"
    if not runtime.exists():
        return None
    text = runtime.read_text().strip()
    m = re.fullmatch(r"python-(\d+\.\d+)(?:\.\d+)?", text)
    if not m:
        sys.exit(f"binder/runtime.txt should read python-3.X, got {text!r}")
    return m.group(1)


def can_make_venvs(python: str) -> bool:
    probe = subprocess.run([python, "-c", "import ensurepip, venv"], capture_output=True)
    return probe.returncode == 0


def find_python(version: str | None) -> tuple[str, str]:
    """An interpreter for `version` able to create a venv with pip, and how it was found."""
    if version is None:
        return sys.executable, "no binder/runtime.txt: repo2docker would use its default " \
                               "Python; using the one running this script"
    candidates = [shutil.which(f"python{version}")]
    candidates += sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}*/bin/python{version}")),
                         reverse=True)
    candidates += [f"/usr/local/bin/python{version}", f"/usr/bin/python{version}"]
    for c in dict.fromkeys(c for c in candidates if c):
        if Path(c).exists() and can_make_venvs(c):
            return c, f"binder/runtime.txt asks for python-{version}"
    return sys.executable, (f"WARNING: binder/runtime.txt asks for python-{version}, which is "
                            f"not installed here (with venv); falling back to this Python")


def copy_repository() -> None:
    """The files repo2docker would see: tracked and untracked-but-not-ignored ones."""
    if REPO.exists():
        shutil.rmtree(REPO)
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True, check=True)
    count = 0
    for name in listed.stdout.decode().split("\0"):
        source = ROOT / name
        if not name or not source.is_file():
            continue   # deleted in the work tree
        target = REPO / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        count += 1
    say(f"copied {count} repository files to {REPO.relative_to(ROOT)}")


def build_environment() -> str:
    present = [n for n in NOT_EMULATED if (BINDER / n).exists()]
    if present:
        sys.exit(f"binder/ holds {present}: repo2docker would use another build pack, "
                 "which this check does not emulate")
    if not (BINDER / "requirements.txt").exists():
        sys.exit("binder/requirements.txt is missing")
    version = wanted_python()
    python, why = find_python(version)
    found = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"],
                           capture_output=True, text=True, check=True).stdout.strip()
    say(f"Python {found} from {python} ({why})")
    if ENV.exists():
        shutil.rmtree(ENV)
    run([python, "-m", "venv", ENV])
    env_python = ENV / "bin" / "python"
    # repo2docker: `pip install --no-cache-dir -r binder/requirements.txt`, run from the
    # repository root (so `-e .` in the included file means the repository).
    run([env_python, "-m", "pip", "install", "--disable-pip-version-check", "--quiet",
         "-r", "binder/requirements.txt"], cwd=REPO)
    post_build = REPO / "binder" / "postBuild"
    if post_build.exists():
        env = dict(os.environ, PATH=f"{ENV / 'bin'}{os.pathsep}{os.environ['PATH']}",
                   VIRTUAL_ENV=str(ENV))
        post_build.chmod(post_build.stat().st_mode | 0o111)
        run([post_build], cwd=REPO, env=env)
    else:
        say("no binder/postBuild")
    if (REPO / "binder" / "start").exists():
        say("WARNING: binder/start exists; its wrapping of the server is not emulated")
    check_environment(env_python)
    return str(env_python)


# What a learner's environment must not hold (requirements-dev.txt brings it to `make test`).
TEST_TOOLING = ["pytest", "nbval", "xdist", "hypothesis", "playwright", "ruff",
                "check_jsonschema"]


def check_environment(env_python: Path) -> None:
    """Binder's environment holds the course and not the test tooling, and postBuild put the
    course's JupyterLab settings into it; say how big it is."""
    probe = ("import importlib.util, json, sys; print(json.dumps({n: importlib.util.find_spec(n)"
             " is not None for n in sys.argv[1:]}))")
    found = json.loads(subprocess.run([str(env_python), "-c", probe, *TEST_TOOLING],
                                      capture_output=True, text=True, check=True).stdout)
    present = [name for name, there in found.items() if there]
    if present:
        sys.exit(f"the Binder environment holds test tooling: {present} "
                 "(it belongs in requirements-dev.txt)")
    for settings in (ENV / "share/jupyter/lab/settings/overrides.d/ann-course.json",
                     ENV / "share/jupyter/lab/user-settings-zh-Hant/@jupyterlab/"
                           "translation-extension/plugin.jupyterlab-settings"):
        if not settings.exists():
            sys.exit(f"{settings.relative_to(ROOT)} is missing: binder/postBuild did not run "
                     "tools/jupyter_settings.py")
    size = sum(f.stat().st_size for f in ENV.rglob("*") if f.is_file() and not f.is_symlink())
    say(f"environment: no test tooling, course JupyterLab settings in place, "
        f"{size / 2**20:.0f} MiB")


def smoke_test(env_python: str) -> int:
    if not TEST_PYTHON.exists():
        sys.exit(f"{TEST_PYTHON} is missing: run `make venv` first (it holds pytest and "
                 "Playwright, which drive the browser)")
    env = dict(os.environ, ANN_JUPYTER_PYTHON=env_python, ANN_BROWSER_ROOT=str(REPO),
               ANN_BROWSER_SMOKE="1", ANN_ARTIFACTS=str(ROOT / "artifacts" / "binder"))
    cmd = [TEST_PYTHON, "-m", "pytest", "tests/browser/test_lab.py", "-p", "no:cacheprovider",
           "-o", "addopts=-ra", "-v"]
    say("browser smoke test against JupyterLab from the Binder environment")
    say("$ " + " ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], cwd=ROOT, env=env).returncode


def main() -> int:
    start = time.monotonic()
    copy_repository()
    env_python = build_environment()
    built = time.monotonic()
    say(f"environment built in {built - start:.0f} s")
    code = smoke_test(env_python)
    end = time.monotonic()
    say(f"smoke test {'passed' if code == 0 else 'FAILED'} in {end - built:.0f} s; "
        f"make test-binder took {end - start:.0f} s in all")
    return code


if __name__ == "__main__":
    sys.exit(main())
