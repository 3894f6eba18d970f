"""Sphinx configuration of the course's website (`make site`).

The site is read from the committed, executed notebooks (notebooks/*.ipynb and the Traditional
Chinese edition in notebooks/zh-Hant/*.ipynb); nothing is re-executed. Build it with

    .venv/bin/python -m sphinx -b html -c site -d _build/doctrees notebooks _build/html

(`make site` does). What is special about this course (launch links, language switch, the live
explorers' notes, collapsed worked solutions, offline maths) lives in site/course_site.py.
Everything the pages load is in _build/html: no CDN, no web fonts.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

SITE = Path(__file__).resolve().parent
ROOT = SITE.parent
sys.path[:0] = [str(SITE), str(ROOT / "tools")]

import jieba  # noqa: E402  (the Chinese search splitter: quiet about loading its dictionary)
import repository  # noqa: E402  (tools/repository.py: the one setting)

jieba.setLogLevel(logging.WARNING)

project = "The mathematics of artificial neural networks"
author = "the course's authors"
copyright = "the course's authors; lesson text and figures CC BY 4.0, code MIT"
language = "en"

extensions = ["myst_nb", "sphinx.ext.mathjax", "course_site"]

# The lessons, the course map and their Chinese twins; the .py sources are not pages.
root_doc = "00_course_map"
source_suffix = {".ipynb": "myst-nb"}
exclude_patterns = ["**/.ipynb_checkpoints", "jupyter_execute"]

# Executed outputs as committed: the site never runs a notebook.
nb_execution_mode = "off"
# Markdown printed by a cell (IPython.display.Markdown) gets the same maths as the text cells.
nb_render_markdown_format = "myst"
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3
# The lessons link to each other as "03_gradient_descent_1d.ipynb": MyST resolves those links
# to the pages; anything that does not resolve is a warning (an error in `make test-site`).
suppress_warnings = ["mystnb.unknown_mime_type"]

html_theme = "furo"
html_title = "ANN maths course · 類神經網路的數學"
html_static_path = [str(SITE / "_static")]
html_css_files = ["course.css"]
html_show_sourcelink = False
html_copy_source = False
# Full-text search in both languages: the Chinese splitter (jieba) cuts Chinese text into words
# and indexes the Latin words (English stemmed) as well.
html_search_language = "zh"

# MathJax 3 from the django-static-mathjax wheel, copied into _static/mathjax by course_site.
mathjax_path = "mathjax/tex-svg-full.js"

# The one setting behind every launch link: pyproject.toml's [project.urls] Repository.
course_repository = repository.github_path()
