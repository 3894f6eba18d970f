"""Smoke run in Jupyter Notebook 7 (served by the same server as JupyterLab): open the first
lesson that shows an explorer, run all, check the outputs, move one slider once."""

from __future__ import annotations

import pytest

from . import helpers as H

EXPLORER_LESSONS = [p for p in H.selected_notebooks() if H.shows_explorer(H.read_ipynb(p))]
SMOKE = (EXPLORER_LESSONS or H.selected_notebooks())[:1]


@pytest.mark.parametrize("nb_path", SMOKE, ids=[p.stem for p in SMOKE])
def test_lesson_in_notebook7(page, jupyter_server, nb_path):
    nb = H.read_ipynb(nb_path)
    shots = H.screenshot_dir("notebook7")
    kernel_id = H.open_notebook(page, jupyter_server, nb_path, ui="notebook7")
    H.run_all(page, jupyter_server, kernel_id, nb)
    problems = H.check_outputs(page, nb)
    boxes = page.locator(".jp-NotebookPanel .ann-explorer")
    if boxes.count():   # the first explorer in the middle of the picture
        H.center(page, boxes.first)
    page.screenshot(path=str(shots / f"{nb_path.stem}-after-run-all.png"))
    if boxes.count():
        driver = H.ExplorerDriver(page, jupyter_server, kernel_id, boxes.first, nb_path.stem)
        driver.check_initial()
        key = H.choose_sliders(driver.widgets)[0]
        driver.type_value(key)
        problems += driver.run.problems
        page.screenshot(path=str(shots / f"{nb_path.stem}-after-slider-move.png"))
    problems += H.check_cells_intact(page, nb)
    problems += page.messages
    assert not problems, f"{nb_path.name} in Notebook 7:\n  " + "\n  ".join(problems)
