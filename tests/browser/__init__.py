"""Real-browser tests: every lesson in JupyterLab (and a smoke run in Notebook 7), driven by
Playwright through the system's headless Chromium. A package, so that its conftest does not
shadow `tests/conftest.py` for `from conftest import ROOT`."""
