"""JupyterLab as the course opens it, configured in the environment (never in the user's home).

    python tools/jupyter_settings.py     # with the environment's python: `make venv`, binder/postBuild

writes two files under the running Python's `sys.prefix` (the venv, or Binder's environment):

- `share/jupyter/lab/settings/overrides.d/ann-course.json`: JupyterLab's defaults for this
  environment (the `overrides.d` folder lets each package bring its own file; the single
  `overrides.json` beside it stays free for whoever runs the environment).
  Double-clicking a lesson's `.py` opens it as a notebook (jupytext's "Jupytext Notebook"
  viewer is the default for Python files), and JupyterLab neither asks "Would you like to get
  notified about official Jupyter news?" nor checks for updates (the toast covered the
  explorers on first start). A learner's own settings still win over these defaults.
- `etc/jupyter/jupyter_server_config.d/ann_course.json`: the server side of the same, no news
  feed URL and no update check, so nothing is fetched from the network either.

Standard library only: it runs right after `pip install -r requirements.txt`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

LAB_OVERRIDES = {
    "@jupyterlab/docmanager-extension:plugin": {
        "defaultViewers": {"python": "Jupytext Notebook"},
    },
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}

SERVER_CONFIG = {
    "LabApp": {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
    },
}


def targets(prefix: Path) -> dict[Path, dict]:
    return {
        prefix / "share/jupyter/lab/settings/overrides.d/ann-course.json": LAB_OVERRIDES,
        prefix / "etc/jupyter/jupyter_server_config.d/ann-course.json": SERVER_CONFIG,
    }


def install(prefix: Path) -> list[Path]:
    """Write the course's settings files under `prefix` (replacing earlier copies)."""
    written = []
    for path, settings in targets(prefix).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings, indent=2) + "\n")
        written.append(path)
    return written


def main() -> int:
    for path in install(Path(sys.prefix)):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
