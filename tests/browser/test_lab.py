"""Every lesson in a real JupyterLab: run all, check the outputs, move every explorer's sliders.

Notebooks (`notebooks/NN_*.ipynb` and the Chinese twins `notebooks/zh-Hant/NN_*.ipynb`) and
explorers (`.ann-explorer` boxes in the page) are found automatically, so a new lesson of either
edition is covered as soon as it lands. In a Chinese lesson every status shown (first, and after
each slider move) must be the Chinese one. `ANN_BROWSER_SMOKE=1` restricts
the run to the course map and the first explorer lesson (used by `make test-binder`).
"""

from __future__ import annotations

import pytest

from . import helpers as H

NOTEBOOKS = H.selected_notebooks()


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=[H.label(p) for p in NOTEBOOKS])
def test_lesson_in_jupyterlab(page, jupyter_server, nb_path):
    nb, kernel_id, boxes, problems, shots = H.open_and_run_all(page, jupyter_server, nb_path,
                                                               "lab")
    language, stem = H.language_of(nb_path), H.file_label(nb_path)
    for i in range(boxes.count()):
        driver = H.ExplorerDriver(page, jupyter_server, kernel_id, boxes.nth(i),
                                  H.label(nb_path), language)
        run = driver.exercise(shots, stem)
        H.record_latencies(run)
        problems += run.problems
        if i == 0:
            page.screenshot(path=str(shots / f"{stem}-after-slider-move.png"))
    H.assert_no_problems(page, nb, problems, f"{H.label(nb_path)}.ipynb in JupyterLab")
