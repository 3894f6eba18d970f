"""JupyterLab as the course opens it, configured in the environment (never in the user's home).

    python tools/jupyter_settings.py     # with the environment's python: `make venv`, binder/postBuild

writes three files under the running Python's `sys.prefix` (the venv, or Binder's environment):

- `share/jupyter/lab/settings/overrides.d/ann-course.json`: JupyterLab's defaults for this
  environment (the `overrides.d` folder lets each package bring its own file; the single
  `overrides.json` beside it stays free for whoever runs the environment).
  Double-clicking a lesson's `.py` opens it as a notebook (jupytext's "Jupytext Notebook"
  viewer is the default for Python files), and JupyterLab neither asks "Would you like to get
  notified about official Jupyter news?" nor checks for updates (the toast covered the
  explorers on first start). A learner's own settings still win over these defaults.
- `etc/jupyter/jupyter_server_config.d/ann_course.json`: the server side of the same, no news
  feed URL and no update check, so nothing is fetched from the network either.
- `share/jupyter/lab/user-settings-zh-Hant/@jupyterlab/translation-extension/
  plugin.jupyterlab-settings`: JupyterLab's interface in Traditional Chinese (the zh_TW
  language pack). `make lab-zh` uses this folder as the user-settings folder of its session
  (`--LabApp.user_settings_dir`), so only that session starts in Chinese, and the settings a
  learner changes there stay in the environment. It has to be a user setting: JupyterLab's
  server translates the menus only for the locale of the user settings, not for a default
  set by an override. In any other session a learner switches with Settings > Language.

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

#: JupyterLab's interface language for the Chinese course (jupyterlab-language-pack-zh-tw)
ZH_LOCALE = {"locale": "zh_TW"}
#: the user-settings folder of `make lab-zh`'s session (relative to the environment's prefix)
ZH_SETTINGS_DIR = "share/jupyter/lab/user-settings-zh-Hant"

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
        prefix / ZH_SETTINGS_DIR / "@jupyterlab/translation-extension/plugin.jupyterlab-settings":
            ZH_LOCALE,
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
