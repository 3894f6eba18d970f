# The course's commands. A newcomer needs two: `make lab` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-requirements

.PHONY: help venv lab test notebooks bench test-binder lint clean

help:
	@echo "make lab          set up .venv (first time) and open the course in JupyterLab"
	@echo "make test         set up .venv when needed and run every check"
	@echo "make notebooks    rebuild every .ipynb from its .py and execute it (authors)"
	@echo "make bench        print the performance table (not part of make test)"
	@echo "make test-binder  build a fresh environment from binder/ and smoke-test it in a browser"

# (Re)install when requirements.txt or pyproject.toml change.
$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10) and "Python 3.10+ is needed" or 0)'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

venv: $(STAMP)

# Serves notebooks/ and opens the course map; the link JupyterLab prints (with its ?token=,
# authentication stays on) lands on the course map too. --allow-root only when run as root.
lab: venv
	$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) \
		--LabApp.default_url=/lab/tree/00_course_map.ipynb notebooks/00_course_map.ipynb

# Lint, then unit tests and strict nbval on both cores (a notebook's cells stay on one worker), then the
# browser tests, which run one JupyterLab and print their latency table at the end.
test: venv
	$(VENV)/bin/ruff check ann_helpers tests tools benchmarks notebooks/*.py
	$(PY) -m pytest -n 2 --dist loadfile --ignore=tests/browser
	$(PY) -m pytest tests/browser

notebooks: venv
	$(PY) tools/build_notebooks.py $(NB)

bench: venv
	$(PY) benchmarks/run.py

# A fresh environment built from binder/ as repo2docker would, smoke-tested in a browser
# driven by .venv's pytest + Playwright (see tools/binder_env.py).
test-binder: venv
	$(PYTHON) tools/binder_env.py

lint: venv
	$(VENV)/bin/ruff check ann_helpers tests tools benchmarks notebooks/*.py

clean:
	rm -rf $(VENV) .venv-binder artifacts
