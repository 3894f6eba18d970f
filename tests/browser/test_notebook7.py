"""Smoke run in Jupyter Notebook 7 (served by the same server as JupyterLab): open the first
lesson that shows an explorer, run all, check the outputs, move one slider once."""

from __future__ import annotations

import pytest

from . import helpers as H

EXPLORER_LESSONS = [p for p in H.selected_notebooks() if H.shows_explorer(H.read_ipynb(p))]
SMOKE = (EXPLORER_LESSONS or H.selected_notebooks())[:1]


@pytest.mark.parametrize("nb_path", SMOKE, ids=[p.stem for p in SMOKE])
def test_lesson_in_notebook7(page, jupyter_server, nb_path):
    nb, kernel_id, boxes, problems, shots = H.open_and_run_all(page, jupyter_server, nb_path,
                                                               "notebook7")
    if boxes.count():
        driver = H.ExplorerDriver(page, jupyter_server, kernel_id, boxes.first, nb_path.stem)
        driver.check_initial()
        key = H.choose_sliders(driver.widgets)[0]
        driver.type_value(key)
        problems += driver.run.problems
        page.screenshot(path=str(shots / f"{nb_path.stem}-after-slider-move.png"))
    H.assert_no_problems(page, nb, problems, f"{nb_path.name} in Notebook 7")
