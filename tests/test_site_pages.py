"""How site/course_site.py adjusts a notebook for its web page (no Sphinx needed): the bar with
the language switch and the launch links, a live explorer's note in place of the widget, the
worked solutions folded, the course map's table of contents in course order."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "site"))
import course_site  # noqa: E402

PATH = "me/course"
BINDER = "https://mybinder.org/v2/gh/me/course/HEAD?urlpath=lab%2Ftree%2Fnotebooks%2F"
COLAB = "https://colab.research.google.com/github/me/course/blob/main/notebooks/"
WIDGET = {"output_type": "execute_result", "execution_count": 3, "metadata": {},
          "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "abc"},
                   "text/plain": "Live explorer (lr = 0.10): run this notebook ..."}}


def notebook() -> dict:
    return {"cells": [
        {"cell_type": "markdown", "metadata": {}, "source": "# Lesson 03"},
        {"cell_type": "code", "metadata": {"tags": ["nbval-ignore-output"]},
         "source": "explorer.ui", "outputs": [WIDGET]},
        {"cell_type": "code", "metadata": {"jupyter": {"source_hidden": True}},
         "source": "# Worked solution: 3\ncheck(\"03.1\", 3)",
         "outputs": [{"output_type": "stream", "name": "stdout", "text": "right\n"}]},
        {"cell_type": "code", "metadata": {"jupyter": {"source_hidden": True}},
         "source": "fig = plot()", "outputs": []},
        {"cell_type": "code", "metadata": {}, "source": "x = 1", "outputs": []},
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def test_the_bar_links_the_twin_and_launches_this_lesson():
    nb = course_site.adjust(notebook(), "03_x", PATH, [], has_twin=True)
    assert nb["cells"][0]["source"] == (
        '<div class="course-bar"><a class="course-language" href="zh-Hant/03_x.html" '
        'hreflang="zh-Hant" lang="zh-Hant" title="這一課的繁體中文版">繁體中文</a>'
        '<span class="course-launch"><a class="course-launch-binder" '
        f'href="{BINDER}03_x.ipynb" title="Run this lesson in JupyterLab on Binder (free, takes '
        'a minute to start)">Launch on Binder</a> <a class="course-launch-colab" '
        f'href="{COLAB}03_x.ipynb" title="Run this lesson in Google Colab (needs a Google '
        'account)">Open in Colab</a></span></div>')


def test_a_chinese_page_links_back_and_speaks_chinese():
    nb = course_site.adjust(notebook(), "zh-Hant/03_x", PATH, [], has_twin=True)
    bar = nb["cells"][0]["source"]
    assert '<a class="course-language" href="../03_x.html" hreflang="en" lang="en"' in bar
    assert f'href="{BINDER}zh-Hant%2F03_x.ipynb"' in bar
    assert f'href="{COLAB}zh-Hant/03_x.ipynb"' in bar
    assert ">在 Binder 上執行</a>" in bar and ">在 Colab 開啟</a>" in bar


def test_no_language_link_without_a_twin():
    bar = course_site.adjust(notebook(), "03_x", PATH, [], has_twin=False)["cells"][0]["source"]
    assert "course-language" not in bar and "Launch on Binder" in bar


def test_a_live_explorer_shows_a_note_with_the_launch_links_not_the_widget():
    live = course_site.adjust(notebook(), "03_x", PATH, [], has_twin=False)["cells"][2]
    assert live["source"] == "explorer.ui"
    assert len(live["outputs"]) == 1
    note = live["outputs"][0]["data"]["text/html"]
    assert note.startswith('<p class="course-live-note">Live explorer: the picture above shows '
                           'it at its starting values. To move its sliders, run this lesson: ')
    assert f'{BINDER}03_x.ipynb' in note and f'{COLAB}03_x.ipynb' in note
    assert "widget" not in str(live["outputs"]) and "Live explorer (" not in str(live["outputs"])


def test_solutions_fold_whole_and_other_hidden_code_folds_its_input():
    cells = course_site.adjust(notebook(), "zh-Hant/03_x", PATH, [], has_twin=False)["cells"]
    solution, plot, plain = cells[3], cells[4], cells[5]
    assert "hide-cell" in solution["metadata"]["tags"]
    assert solution["metadata"]["mystnb"] == {"code_prompt_show": "顯示參考解答",
                                              "code_prompt_hide": "隱藏參考解答"}
    assert "hide-input" in plot["metadata"]["tags"] and "hide-cell" not in plot["metadata"]["tags"]
    assert plain["metadata"]["tags"] == []


def test_a_course_map_gets_its_lessons_as_a_hidden_table_of_contents(tmp_path):
    for name in ["00_course_map", "02_b", "01_a", "zh-Hant/00_course_map", "zh-Hant/01_a"]:
        (tmp_path / f"{name}.ipynb").parent.mkdir(exist_ok=True)
        (tmp_path / f"{name}.ipynb").write_text("{}")
    assert course_site.lessons_beside(tmp_path, "00_course_map") == [
        "01_a", "02_b", "zh-Hant/00_course_map"]
    assert course_site.lessons_beside(tmp_path, "zh-Hant/00_course_map") == ["01_a"]
    nb = course_site.adjust(notebook(), "00_course_map", PATH, ["01_a", "02_b"], has_twin=True)
    assert nb["cells"][-1]["source"] == "```{toctree}\n:hidden:\n:maxdepth: 1\n\n01_a\n02_b\n```"


def test_the_chinese_search_stemmer_fix(tmp_path):
    (tmp_path / "language_data.js").write_text("var EnglishStemmer=function(){};\n"
                                               "window.Stemmer = ChineseStemmer;\n")
    course_site.fix_search_stemmer(tmp_path)
    assert (tmp_path / "language_data.js").read_text() == (
        "var EnglishStemmer=function(){};\n" + course_site.FIXED_STEMMER + "\n")
