"""Every registered exercise appears in its lesson: the question states the precision the
checker applies, a visible cell checks the learner's placeholder and prints "no answer yet",
and a collapsed cell holds the worked solution, which the checker accepts."""

from __future__ import annotations

import json
import re

import pytest
from conftest import NOTEBOOKS

from ann_helpers.exercises import all_exercises, kinds_table

EXERCISES = all_exercises()


def _cells(key: str) -> list[dict]:
    (path,) = NOTEBOOKS.glob(f"{key[:2]}_*.ipynb")
    return json.loads(path.read_text())["cells"]


def _text(cell) -> str:
    return "".join(cell["source"])


def _output(cell) -> str:
    return "".join("".join(o.get("text", "")) for o in cell.get("outputs", []))


@pytest.mark.parametrize("key", list(EXERCISES))
def test_the_exercise_is_in_its_lesson(key):
    ex = EXERCISES[key]
    cells = _cells(key)
    number = int(key[3:])
    (i,) = [i for i, c in enumerate(cells) if c["cell_type"] == "markdown"
            and re.search(rf"\*\*Exercise {number}[ .]", _text(c))]
    if ex.precision:
        assert ex.precision in " ".join(_text(cells[i]).split()), \
            f"the question of {key} does not state its precision ({ex.precision})"
    ask, solution = cells[i + 1], cells[i + 2]
    assert f'check("{key}", ' in _text(ask) and f'check("{key}", ' in _text(solution)
    assert not ask["metadata"].get("jupyter", {}).get("source_hidden")
    assert solution["metadata"]["jupyter"]["source_hidden"] is True
    assert _output(ask).splitlines()[-1].startswith(f"Exercise {key}: no answer yet. ")
    assert _output(solution).splitlines()[-1] == f"Exercise {key}: right. Well done."
    if ex.kind == "code":
        assert "raise NotImplementedError" in _text(ask)


def test_the_course_map_prints_the_table_of_kinds():
    cells = json.loads((NOTEBOOKS / "00_course_map.ipynb").read_text())["cells"]
    (cell,) = [c for c in cells if "print(kinds_table())" in _text(c)]
    assert _output(cell) == kinds_table() + "\n"
