"""Fixtures for the browser tests: one JupyterLab server and one headless Chromium per session.

The server is started from the project's environment (or, for `make test-binder`, from another
one: `ANN_JUPYTER_PYTHON=/path/to/venv/bin/python`, serving `ANN_BROWSER_ROOT`) on a free
loopback port with a random token, in its own process group, with HOME and Jupyter's config,
data and runtime folders in a temporary directory (the kernel is still found: its kernelspec
lives under the environment's sys.prefix). It is always stopped, also when a test fails or the
run is interrupted.

Chromium: `ANN_CHROMIUM` or `chromium` on PATH or /usr/bin/chromium (Debian's package).
Without it the tests are skipped with the command that installs it, unless
`ANN_REQUIRE_BROWSER=1` (set by .ci/run), which makes a missing browser a failure.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from . import helpers

INSTALL_HINT = "apt-get install chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]
SERVER_START_TIMEOUT = 90.0


def chromium_path() -> str | None:
    """$ANN_CHROMIUM when set (and only it), else `chromium` on PATH, else Debian's path."""
    explicit = os.environ.get("ANN_CHROMIUM")
    candidates = [explicit] if explicit else [shutil.which("chromium"), "/usr/bin/chromium"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _browser_missing(reason: str):
    message = f"{reason}; install it with `{INSTALL_HINT}` to run the browser tests"
    if os.environ.get("ANN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"ANN_REQUIRE_BROWSER=1 but {message}", pytrace=False)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# JupyterLab user settings for a quiet, test-friendly page: no news/update toasts, and no
# autosave (the server serves a copy of the notebooks anyway: a test never writes to the repo).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


class JupyterServer:
    """A `jupyter lab` process of its own: start(), url(), api(), stop()."""

    def __init__(self, python: str, root: Path):
        self.python = python
        self.port = _free_port()
        self.token = secrets.token_hex(24)
        self.tmp = Path(tempfile.mkdtemp(prefix="ann-jupyter-"))
        # Serve a copy of the notebooks folder: run-all makes notebooks dirty, and nothing a
        # browser does may write to the repository (jupytext would rewrite the paired .py).
        self.root = self.tmp / "root"
        shutil.copytree(Path(root) / "notebooks", self.root / "notebooks",
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        self.log_path = self.tmp / "server.log"
        self.proc: subprocess.Popen | None = None

    # -- environment ------------------------------------------------------------------------
    def _env(self) -> dict:
        home = self.tmp / "home"
        dirs = {
            "HOME": home,
            "JUPYTER_CONFIG_DIR": home / ".jupyter",
            "JUPYTER_DATA_DIR": home / ".local/share/jupyter",
            "JUPYTER_RUNTIME_DIR": self.tmp / "runtime",
            "JUPYTERLAB_SETTINGS_DIR": home / ".jupyter/lab/user-settings",
            "JUPYTERLAB_WORKSPACES_DIR": home / ".jupyter/lab/workspaces",
            "IPYTHONDIR": home / ".ipython",
            "MPLCONFIGDIR": home / ".config/matplotlib",
            "XDG_CACHE_HOME": home / ".cache",
            "XDG_CONFIG_HOME": home / ".config",
            "XDG_DATA_HOME": home / ".local/share",
        }
        for d in dirs.values():
            Path(d).mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("JUPYTER", "IPYTHON", "MPL", "XDG_", "VIRTUAL_ENV"))
               and k not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"}}
        env.update({k: str(v) for k, v in dirs.items()})
        bindir = str(Path(self.python).parent)
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
        env["PYTHONNOUSERSITE"] = "1"
        env["PYTHONUNBUFFERED"] = "1"
        # Start from a copy of matplotlib's font cache when there is one (else the first
        # kernel spends seconds rebuilding it); it is a cache, so copying it changes nothing.
        real_cache = Path(os.environ.get("MPLCONFIGDIR", Path.home() / ".cache/matplotlib"))
        for cached in real_cache.glob("fontlist-*.json"):
            shutil.copy(cached, dirs["MPLCONFIGDIR"] / cached.name)
        for name, settings in LAB_SETTINGS.items():
            path = dirs["JUPYTERLAB_SETTINGS_DIR"] / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(settings))
        return env

    def start(self) -> JupyterServer:
        cmd = [self.python, "-m", "jupyterlab", "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
               f"--ServerApp.root_dir={self.root}", "--LabApp.news_url=",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               "--ServerApp.shutdown_no_activity_timeout=0"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")    # containers and CI often run as root
        log = open(self.log_path, "wb")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(cmd, cwd=self.root, env=self._env(), stdout=log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True)
        log.close()
        atexit.register(self.stop)
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {self.proc.returncode}:\n"
                                   + self.log_tail())
            try:
                self.api("GET", "api/status")
                return self
            except (OSError, urllib.error.URLError):
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"jupyter lab did not answer in {SERVER_START_TIMEOUT:.0f} s:\n"
                           + self.log_tail())

    # -- talking to it ----------------------------------------------------------------------
    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def url(self, path: str, login: bool = False) -> str:
        url = self.base + path.lstrip("/")
        if login:
            url += ("&" if "?" in url else "?") + f"token={self.token}"
        return url

    def api(self, method: str, path: str, timeout: float = 10.0):
        request = urllib.request.Request(self.base + path.lstrip("/"), method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def stop(self) -> None:
        """Shut every kernel down, then stop the whole process group (TERM, then KILL)."""
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            try:
                for kernel in self.api("GET", "api/kernels", timeout=3):
                    self.api("DELETE", f"api/kernels/{kernel['id']}", timeout=5)
            except (OSError, urllib.error.URLError, ValueError):
                pass
            for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
                try:
                    os.killpg(proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    proc.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        shutil.rmtree(self.tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        _browser_missing("no Chromium found ($ANN_CHROMIUM, else `chromium` on PATH or "
                         "/usr/bin/chromium)")
    return path


@pytest.fixture(scope="session")
def jupyter_server(chromium):
    python = os.environ.get("ANN_JUPYTER_PYTHON", sys.executable)
    server = JupyterServer(python, helpers.SERVED_ROOT).start()
    helpers.NOTES.append(f"JupyterLab ran from {python}, serving a copy of "
                         f"{helpers.SERVED_ROOT / 'notebooks'}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser(chromium):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_missing("Python playwright is not installed (it is in requirements.txt)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_FLAGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, jupyter_server):
    """A fresh browser context (own cookies/storage) logged in to the server with its token."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    pg = context.new_page()
    # Uncaught JavaScript errors: those raised in the widgets' code fail the test; those of
    # JupyterLab / Notebook 7 themselves (e.g. Notebook 7.6.5 throws "Command
    # 'filebrowser:open-path' not registered" and a settings-schema TypeError while loading,
    # with no course code involved) are printed in the summary instead.
    messages: list[str] = []

    def on_error(exc):
        stack = getattr(exc, "stack", "") or ""
        text = f"page error: {exc}"
        if re.search(r"jupyter-widgets|jupyterlab-manager|ann-", stack + str(exc)):
            messages.append(text + "\n" + stack[:600])
        else:
            helpers.NOTES.append(f"note: {pg.url.split('?')[0].split('/', 3)[-1]}: "
                                 f"{text} (from the Jupyter frontend, not the widgets)")

    pg.on("pageerror", on_error)
    pg.messages = messages
    try:
        yield pg
    finally:
        context.close()
        # Shut down the kernels this test started, so that the next notebook has the CPU.
        try:
            for session in jupyter_server.api("GET", "api/sessions"):
                jupyter_server.api("DELETE", f"api/sessions/{session['id']}")
        except (OSError, urllib.error.URLError):
            pass


def pytest_terminal_summary(terminalreporter):
    rows = helpers.LATENCIES
    if not rows and not helpers.NOTES and not helpers.DRAGS:
        return
    tr = terminalreporter
    tr.section("browser: slider change -> new plot (JupyterLab, median over typed moves)")
    tr.write_line(f"{'explorer':<28} {'notebook':<34} {'moves':>5} {'median ms':>10} "
                  f"{'min':>7} {'max':>7}  target {helpers.LATENCY_TARGET_MS:.0f} ms")
    for row in rows:
        ms = row["ms"]
        med = statistics.median(ms)
        flag = "ok" if med < helpers.LATENCY_TARGET_MS else "OVER"
        tr.write_line(f"{row['explorer']:<28} {row['notebook']:<34} {len(ms):>5} "
                      f"{med:>10.0f} {min(ms):>7.0f} {max(ms):>7.0f}  {flag}")
    drags = helpers.DRAGS
    if drags:
        tr.section("browser: dragging a slider (JupyterLab; timestamps taken in the page)")
        tr.write_line(f"{'explorer':<20} {'slider':<8} {'ready s':>8} {'moves/s':>8} "
                      f"{'values/s':>9} {'pictures/s':>11} {'exact/s':>8} {'release lag ms':>15} "
                      f"{'decode ms':>10}  targets: pictures/s >= "
                      f"{helpers.DRAG_FPS_TARGET:.0f}, lag <= "
                      f"{helpers.RELEASE_LAG_TARGET_MS:.0f} ms")
        for d in drags:
            fps_ok = d["pictures_per_s"] >= helpers.DRAG_FPS_TARGET
            lag_ok = d["release_lag_ms"] <= helpers.RELEASE_LAG_TARGET_MS
            # a slider with fewer positions than pictures needed cannot reach the target
            capped = d["values_per_s"] < helpers.DRAG_FPS_TARGET
            verdict = "ok" if fps_ok and lag_ok else ("ok (few values)" if capped and lag_ok
                                                      and d["pictures_per_s"] >= 0.9 *
                                                      d["values_per_s"] else "UNDER")
            ready = "-" if d["ready_s"] is None else f"{d['ready_s']:.1f}"
            tr.write_line(f"{d['explorer']:<20} {d['key']:<8} {ready:>8} "
                          f"{d['moves_per_s']:>8.0f} {d['values_per_s']:>9.1f} "
                          f"{d['pictures_per_s']:>11.1f} {d['exact_per_s']:>8.1f} "
                          f"{d['release_lag_ms']:>15.0f} {d['decode_ms']:>10.1f}  {verdict}")
        tr.write_line("ready s: waited before the drag for the pictures along the slider to be "
                      "drawn ahead ('-': not ready in time); exact/s: pictures for the slider's "
                      "value at that moment (the rest are a neighbour's, drawn ahead)")
        tr.write_line(f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for line in dict.fromkeys(helpers.NOTES):
        tr.write_line(line)
    if os.environ.get("ANN_BROWSER_SMOKE") != "1":
        from ann_helpers.explorers import all_explorers

        unseen = sorted(set(all_explorers()) - helpers.SEEN_EXPLORERS)
        if unseen:
            tr.write_line(f"note: explorers defined in ann_helpers but shown in no lesson run "
                          f"here: {', '.join(unseen)}")
