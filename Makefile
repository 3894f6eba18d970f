# The course's commands. A newcomer needs two: `make lab` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
# What a learner's environment holds (requirements.txt) and what `make test` adds on top
# (requirements-dev.txt): one stamp each, so `make lab` never installs the test tooling.
STAMP     := $(VENV)/.installed-requirements
DEV_STAMP := $(VENV)/.installed-requirements-dev
# The oldest Python the pinned set installs on (numpy 2.4.6 has no wheels for 3.10).
MIN_PYTHON := 3.11
# Every notebook, also those in subfolders (a translated edition in notebooks/zh-Hant/, say).
NOTEBOOK_FILES := $(wildcard notebooks/*.ipynb notebooks/*/*.ipynb)
LINTED         := ann_helpers tests tools benchmarks $(wildcard notebooks/*.py notebooks/*/*.py)

.PHONY: help venv venv-dev lab lab-zh test notebooks catalogs student bench test-binder lint

help:
	@echo "make lab          set up .venv (first time) and open the course in JupyterLab"
	@echo "make lab-zh       the same, in Traditional Chinese: the Chinese course map, JupyterLab in 中文"
	@echo "make test         set up .venv with the test tools when needed and run every check"
	@echo "make notebooks    rebuild every .ipynb from its .py and execute it (authors; NB=04 for one)"
	@echo "make catalogs     extract the helpers' messages, merge them into the .po files, compile (authors)"
	@echo "make student      write the lessons without their worked solutions to student/ (teachers)"
	@echo "make bench        print the performance table (not part of make test)"
	@echo "make test-binder  build a fresh environment from binder/ and smoke-test it in a browser"

# (Re)install when requirements.txt or pyproject.toml change; then configure JupyterLab inside
# the environment (lessons' .py open as notebooks, no news toast): see tools/jupyter_settings.py.
$(STAMP): requirements.txt pyproject.toml tools/jupyter_settings.py
	@command -v $(PYTHON) >/dev/null || { echo "There is no '$(PYTHON)' here. The course needs \
	Python $(MIN_PYTHON) or newer: install one, then run make PYTHON=python$(MIN_PYTHON) \
	$(or $(MAKECMDGOALS),lab)"; exit 1; }
	@$(PYTHON) tools/check_python.py $(MIN_PYTHON) $(PYTHON) "$(MAKECMDGOALS)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) tools/jupyter_settings.py
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(DEV_STAMP)

venv: $(STAMP)

venv-dev: $(DEV_STAMP)

# Serves notebooks/ and opens the course map; the link JupyterLab prints (with its ?token=,
# authentication stays on) lands on the course map too. --allow-root only when run as root.
lab: venv
	$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) \
		--LabApp.default_url=/lab/tree/00_course_map.ipynb notebooks/00_course_map.ipynb

# The Traditional Chinese course (README.zh-Hant.md): its course map, and JupyterLab's own
# interface in Chinese for this session only (its user-settings folder, which
# tools/jupyter_settings.py writes into the environment, says zh_TW). The root stays
# notebooks/, so each Chinese lesson's link to its English twin (../NN_topic.ipynb) works.
lab-zh: venv
	$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) \
		--ServerApp.root_dir=notebooks \
		--LabApp.user_settings_dir=$(VENV)/share/jupyter/lab/user-settings-zh-Hant \
		--LabApp.default_url=/lab/tree/zh-Hant/00_course_map.ipynb notebooks/zh-Hant/00_course_map.ipynb

# 1. Lint. 2. Unit tests and strict nbval on both cores (a notebook's cells stay on one worker).
# 3. nbval once more with OpenBLAS's generic kernel (Prescott, on every x86-64 CPU), which sums
#    in another order than the kernel this CPU picks: a printed digit that depends on the BLAS
#    kernel fails here, not on a learner's machine. 4. The browser tests, which run one
#    JupyterLab and print their latency table at the end.
test: venv-dev
	$(VENV)/bin/ruff check $(LINTED)
	$(PY) -m pytest -n 2 --dist loadfile --ignore=tests/browser
	OPENBLAS_CORETYPE=Prescott $(PY) -m pytest -n 2 --dist loadfile $(NOTEBOOK_FILES)
	$(PY) -m pytest tests/browser

notebooks: venv-dev
	$(PY) tools/build_notebooks.py $(NB)

# The helpers' messages in every language (ann_helpers/locale): see tools/catalog.py.
catalogs: venv-dev
	$(PY) tools/catalog.py update

# Copies of the lessons without the worked-solution cells, for handing out (git-ignored).
student: venv
	$(PY) tools/make_student.py

bench: venv-dev
	$(PY) benchmarks/run.py

# A fresh environment built from binder/ as repo2docker would, smoke-tested in a browser
# driven by .venv's pytest + Playwright (see tools/binder_env.py).
test-binder: venv-dev
	$(PYTHON) tools/binder_env.py

lint: venv-dev
	$(VENV)/bin/ruff check $(LINTED)

clean:
	rm -rf $(VENV) .venv-binder artifacts student
