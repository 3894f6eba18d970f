"""`make student` (tools/make_student.py): the handed-out copies hold no worked solution and
every other cell of the lesson, unchanged."""

from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import NOTEBOOKS, ROOT

_spec = importlib.util.spec_from_file_location("make_student", ROOT / "tools" / "make_student.py")
make_student = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_student)

LESSONS = sorted(NOTEBOOKS.glob("*.ipynb")) + sorted(NOTEBOOKS.glob("*/*.ipynb"))


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    return out, make_student.write_all(NOTEBOOKS, out)


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_notebook_gets_a_student_copy(written):
    out, pairs = written
    assert LESSONS, "no notebooks found"
    assert sorted(p.relative_to(out) for p, _ in pairs) == \
        sorted(p.relative_to(NOTEBOOKS) for p in LESSONS)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def test_no_solution_survives_and_every_other_cell_does(written, lesson):
    out, _ = written
    original, copy = _load(lesson), _load(out / lesson.relative_to(NOTEBOOKS))
    solutions = [c for c in original["cells"] if make_student.is_solution(c)]
    others = [c for c in original["cells"] if not make_student.is_solution(c)]
    # No solution's text is left anywhere in the copy (also not hidden in another cell).
    copy_text = json.dumps(copy["cells"], ensure_ascii=False)
    for cell in solutions:
        first = make_student.source(cell).strip().splitlines()[0]
        assert json.dumps(first, ensure_ascii=False)[1:-1] not in copy_text, \
            f"solution text survives in {lesson.name}: {first!r}"
    # Every other cell is there, in order, unchanged (source, metadata, outputs).
    assert copy["cells"] == others
    assert not any(make_student.is_solution(c) for c in copy["cells"])
    # Not paired with a .py: saving a copy makes no second file.
    assert "formats" not in copy["metadata"].get("jupytext", {})


def test_lessons_with_exercises_lose_their_solutions(written):
    """The lessons 01-09 each have collapsed worked solutions: the copies must lose some
    (a change in how lessons mark solutions would otherwise make the tool a silent no-op)."""
    _, pairs = written
    removed = {p.name: n for p, n in pairs}
    lessons = [name for name in removed if name[:2].isdigit() and name[:2] != "00"]
    assert lessons and all(removed[name] >= 3 for name in lessons), removed


def test_is_solution_recognises_the_markers():
    hidden = {"jupyter": {"source_hidden": True}}
    assert make_student.is_solution({"cell_type": "code", "metadata": hidden,
                                     "source": "# Worked solution: x = 2.\ncheck('01.1', 2.0)"})
    assert make_student.is_solution({"cell_type": "code", "metadata": hidden,
                                     "source": ["x = 2\n", "check('01.1', x)"]})
    assert make_student.is_solution({"cell_type": "markdown", "source": "x = 2",
                                     "metadata": {"tags": ["solution"]}})
    # A collapsed cell that is not a solution (plotting code, say) stays, as does the
    # learner's own exercise cell and a visible cell that mentions a solution.
    assert not make_student.is_solution({"cell_type": "code", "metadata": hidden,
                                         "source": "fig = new_figure()"})
    assert not make_student.is_solution({"cell_type": "code", "metadata": {},
                                         "source": "answer = None\ncheck('01.1', answer)"})
    assert not make_student.is_solution({"cell_type": "markdown", "metadata": {},
                                         "source": "The worked solution sits below."})
