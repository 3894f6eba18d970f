"""Every lesson in a real JupyterLab: run all, check the outputs, move every explorer's sliders.

Notebooks (`notebooks/NN_*.ipynb`) and explorers (`.ann-explorer` boxes in the page) are found
automatically, so a new lesson is covered as soon as it lands. `ANN_BROWSER_SMOKE=1` restricts
the run to the course map and the first explorer lesson (used by `make test-binder`).
"""

from __future__ import annotations

import pytest

from . import helpers as H

NOTEBOOKS = H.selected_notebooks()


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_lesson_in_jupyterlab(page, jupyter_server, nb_path):
    nb = H.read_ipynb(nb_path)
    shots = H.screenshot_dir("lab")
    kernel_id = H.open_notebook(page, jupyter_server, nb_path, ui="lab")
    H.run_all(page, jupyter_server, kernel_id, nb)
    problems = H.check_outputs(page, nb)

    boxes = page.locator(".jp-NotebookPanel .ann-explorer")
    if boxes.count():   # the first explorer in the middle of the picture
        H.center(page, boxes.first)
    page.screenshot(path=str(shots / f"{nb_path.stem}-after-run-all.png"))

    for i in range(boxes.count()):
        driver = H.ExplorerDriver(page, jupyter_server, kernel_id, boxes.nth(i), nb_path.stem)
        run = driver.exercise(shots, nb_path.stem)
        H.record_latencies(run)
        problems += run.problems
        if i == 0:
            page.screenshot(path=str(shots / f"{nb_path.stem}-after-slider-move.png"))
    problems += H.check_cells_intact(page, nb)
    problems += page.messages
    assert not problems, f"{nb_path.name} in JupyterLab:\n  " + "\n  ".join(problems)
