# The course's commands. A newcomer needs two: `make lab` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
# What a learner's environment holds (requirements.txt) and what `make test` adds on top
# (requirements-dev.txt): one stamp each, so `make lab` never installs the test tooling.
STAMP     := $(VENV)/.installed-requirements
DEV_STAMP := $(VENV)/.installed-requirements-dev
SITE_STAMP := $(VENV)/.installed-requirements-site
# The oldest Python the pinned set installs on (numpy 2.4.6 has no wheels for 3.10).
MIN_PYTHON := 3.11
# Every notebook, also those in subfolders (a translated edition in notebooks/zh-Hant/, say).
NOTEBOOK_FILES := $(wildcard notebooks/*.ipynb notebooks/*/*.ipynb)
LINTED         := ann_helpers tests tools benchmarks site $(wildcard notebooks/*.py notebooks/*/*.py)

.PHONY: help venv venv-dev venv-site lab lab-zh test notebooks catalogs student bench test-binder \
	lint site test-site test-loose

help:
	@echo "make lab          set up .venv (first time) and open the course in JupyterLab"
	@echo "make lab-zh       the same, in Traditional Chinese: the Chinese course map, JupyterLab in 中文"
	@echo "make test         set up .venv with the test tools when needed and run every check"
	@echo "                  (the website too; CI also runs test-binder and test-loose below)"
	@echo "make notebooks    rebuild every .ipynb from its .py and execute it (authors; NB=04 for one)"
	@echo "make catalogs     extract the helpers' messages, merge them into the .po files, compile (authors)"
	@echo "make student      write the lessons without their worked solutions to student/ (teachers)"
	@echo "make bench        print the performance table (not part of make test)"
	@echo "make test-binder  build a fresh environment from binder/ and smoke-test it in a browser"
	@echo "make site         build the course's website (both languages) into _build/html, offline"
	@echo "make test-site    build the website from scratch and check it (links, images, Chromium)"
	@echo "make test-loose   run every lesson (nbval --nbval-lax) and the unit tests in a fresh"
	@echo "                  .venv-loose with the package's loose dependencies at their newest"

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

# The website's tools (Sphinx, myst-nb, the theme, MathJax) on top of the test tools.
$(SITE_STAMP): $(DEV_STAMP) requirements-site.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-site.txt
	touch $(SITE_STAMP)

venv-site: $(SITE_STAMP)

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
#    JupyterLab and print their latency table at the end. 5. The website (make test-site):
#    built from scratch offline, its links, images and pages checked in Chromium.
test: venv-site
	$(VENV)/bin/ruff check $(LINTED)
	$(PY) -m pytest -n 2 --dist loadfile --ignore=tests/browser
	OPENBLAS_CORETYPE=Prescott $(PY) -m pytest -n 2 --dist loadfile $(NOTEBOOK_FILES)
	$(PY) -m pytest tests/browser
	$(MAKE) --no-print-directory test-site

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

# The website: every committed notebook as a page, read as executed (nothing re-runs); the
# configuration and what the course adds (launch links, language switch) are in site/.
SITE_OUT := _build/html
SPHINX   := $(PY) -m sphinx -b html -q -c site -d _build/doctrees notebooks $(SITE_OUT)

site: venv-site
	$(SPHINX)
	@echo "The site is in $(SITE_OUT)/index.html"

# From scratch (-E), any Sphinx warning (an unresolved link, say) failing the build; then the
# link/image check of the built pages and the pages in headless Chromium, both languages.
test-site: venv-site
	rm -rf $(SITE_OUT) _build/doctrees
	$(SPHINX) -E -W --keep-going
	ANN_SITE_DIR=$(SITE_OUT) $(PY) -m pytest -p no:xdist tests/test_site_built.py \
		tests/browser/test_site.py

# What Colab, a hub with other versions or next year's releases meet: a fresh environment with
# pyproject.toml's loose dependencies at their newest (not requirements.txt's pins) plus the
# test runner, every lesson of both languages run with nbval in lax mode (each cell must run
# without error; outputs are not compared), then the unit tests. Left out, and why:
# test_workflow.py and test_site_workflow.py need the authors' schema checker, test_binder.py
# the course's JupyterLab (this environment has the package alone, as Colab has),
# tests/browser JupyterLab and Playwright. jupytext and Babel are there for the
# notebook-pairing and catalog tests.
LOOSE      := .venv-loose
LOOSE_PY   := $(LOOSE)/bin/python
LOOSE_TOOLS := pytest pytest-xdist nbval hypothesis jupytext babel
LOOSE_SKIP := --ignore=tests/browser --ignore=tests/test_workflow.py \
	--ignore=tests/test_site_workflow.py --ignore=tests/test_binder.py

test-loose:
	@command -v $(PYTHON) >/dev/null || { echo "There is no '$(PYTHON)' here."; exit 1; }
	rm -rf $(LOOSE)
	$(PYTHON) -m venv $(LOOSE)
	$(LOOSE_PY) -m pip install --quiet --disable-pip-version-check -e . $(LOOSE_TOOLS)
	@echo "The loose dependencies resolved to:"
	@$(LOOSE_PY) -m pip list --format=freeze --disable-pip-version-check \
		| grep -iE '^(numpy|matplotlib|ipywidgets|ipython|scipy|scikit-learn|sympy|pillow)=='
	@# Both runs, also when the first fails (the weekly job should show every breakage).
	status=0; \
	$(LOOSE_PY) -m pytest -p no:cacheprovider -o addopts="" -ra -n 2 --dist loadfile \
		--nbval-lax --nbval-current-env --nbval-cell-timeout 300 $(NOTEBOOK_FILES) || status=1; \
	$(LOOSE_PY) -m pytest -p no:cacheprovider -o addopts="" -ra -n 2 --dist loadfile \
		tests $(LOOSE_SKIP) || status=1; \
	exit $$status

lint: venv-dev
	$(VENV)/bin/ruff check $(LINTED)

clean:
	rm -rf $(VENV) .venv-binder .venv-loose artifacts student _build
