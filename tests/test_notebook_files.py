"""The notebooks as files: paired with their .py, executed, no errors, no widget state,
and the nbval-ignore-output tag only where a live widget is displayed."""

from __future__ import annotations

import json

import jupytext
import pytest
from conftest import NOTEBOOKS

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
# The one other kind of cell allowed to skip output comparison: a wall-clock timing.
# Every lesson, also those of an edition in a subfolder (notebooks/zh-Hant/, say).
PY = sorted([*NOTEBOOKS.glob("[0-9][0-9]_*.py"), *NOTEBOOKS.glob("*/[0-9][0-9]_*.py")])
IPYNB = sorted([*NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"), *NOTEBOOKS.glob("*/[0-9][0-9]_*.ipynb")])


def _said(ipynb, message):
    """`message` as the helpers say it in the notebook's language (zh-Hant/ is Chinese)."""
    from ann_helpers.i18n import catalog_for

    language = "zh-Hant" if ipynb.parent.name == "zh-Hant" else "en"
    return catalog_for(language).gettext(message)


def _name(path):
    return str(path.relative_to(NOTEBOOKS).with_suffix(""))


def test_every_notebook_has_its_twin():
    py, ipynb = {_name(p) for p in PY}, {_name(p) for p in IPYNB}
    assert py, "no notebooks found"
    assert py - ipynb == set(), f".py without an executed .ipynb twin: {sorted(py - ipynb)}"
    assert ipynb - py == set(), f".ipynb without a .py source: {sorted(ipynb - py)}"


def test_notebooks_are_numbered_in_course_order():
    for folder in sorted({p.parent for p in PY}):
        numbers = [int(p.name[:2]) for p in PY if p.parent == folder]
        assert numbers == list(range(len(numbers))), \
            f"gaps or duplicates in {folder.relative_to(NOTEBOOKS.parent)}: {numbers}"


@pytest.mark.parametrize("ipynb", IPYNB, ids=_name)
def test_ipynb_inputs_match_py(ipynb):
    """Rebuild the .py text from the .ipynb; it must equal the committed .py exactly."""
    from_ipynb = jupytext.writes(jupytext.read(ipynb), fmt="py:percent")
    py_text = ipynb.with_suffix(".py").read_text()
    assert from_ipynb == py_text, (
        f"{ipynb.name} is out of date with {ipynb.with_suffix('.py').name}: "
        f"run `make notebooks NB={ipynb.name[:2]}`")


def _cells(ipynb):
    nb = json.loads(ipynb.read_text())
    return nb, [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


@pytest.mark.parametrize("ipynb", IPYNB, ids=_name)
def test_committed_outputs_are_clean(ipynb):
    nb, cells = _cells(ipynb)
    assert "widgets" not in nb["metadata"], "widget state is saved (strip metadata.widgets)"
    for i, cell in enumerate(cells):
        src = "".join(cell["source"])[:60]
        assert cell["execution_count"] is not None, f"cell {i} ({src!r}) was never executed"
        for out in cell["outputs"]:
            assert out["output_type"] != "error", f"cell {i} ({src!r}) holds an error"
            assert not (out["output_type"] == "stream" and out["name"] == "stderr"), \
                f"cell {i} ({src!r}) printed to stderr: {''.join(out['text'])[:200]}"
        assert "execution" not in cell["metadata"], f"cell {i} keeps timing metadata"


@pytest.mark.parametrize("ipynb", IPYNB, ids=_name)
def test_ignore_output_tag_only_on_widget_cells(ipynb):
    _, cells = _cells(ipynb)
    for i, cell in enumerate(cells):
        src = "".join(cell["source"])[:60]
        tagged = "nbval-ignore-output" in cell["metadata"].get("tags", [])
        shows_widget = any(WIDGET_MIME in out.get("data", {}) for out in cell["outputs"])
        assert tagged == shows_widget, (
            f"cell {i} ({src!r}): " + ("tagged nbval-ignore-output but shows no live widget"
                                      if tagged else "shows a live widget but is not tagged "
                                      "nbval-ignore-output"))
        assert "nbval-skip" not in cell["metadata"].get("tags", []), \
            f"cell {i} ({src!r}) is skipped by nbval"


@pytest.mark.parametrize("ipynb", [p for p in IPYNB if not p.name.startswith("00")],
                         ids=_name)
def test_lesson_ends_with_three_exercises_and_hidden_solutions(ipynb):
    _, cells = _cells(ipynb)
    asks = [c for c in cells if "check(" in "".join(c["source"])
            and not c["metadata"].get("jupyter", {}).get("source_hidden")]
    solutions = [c for c in cells if c["metadata"].get("jupyter", {}).get("source_hidden")
                 and "check(" in "".join(c["source"])]
    assert len(asks) >= 3, f"{len(asks)} exercise cells, want 3"
    assert len(solutions) >= 3, f"{len(solutions)} collapsed solution cells, want 3"
    right = _said(ipynb, "Exercise {key}: right. Well done.").split("{key}")[1]
    not_yet = _said(ipynb, "Exercise {key}: not yet.").split("{key}")[1]
    for cell in solutions:
        text = "".join("".join(o.get("text", "")) for o in cell["outputs"])
        assert right in text and not_yet not in text, \
            f"a worked solution is not accepted by its checker: {text!r}"


def test_jupytext_pairing_is_configured_where_jupyterlab_finds_it():
    """`make lab` serves notebooks/, and jupytext looks for its configuration only inside the
    served folder: beside the lessons, a double-clicked .py opens paired with its .ipynb."""
    import tomllib

    config = tomllib.loads((NOTEBOOKS / "jupytext.toml").read_text())
    assert config["formats"] == "ipynb,py:percent"
    assert config["outdated_text_notebook_margin"] >= 1e9, \
        "make notebooks writes each .ipynb after its .py: jupytext must not refuse the pair"
    assert not (NOTEBOOKS.parent / "jupytext.toml").exists(), \
        "a second jupytext.toml at the root would be a second home for the pairing"


@pytest.mark.parametrize("ipynb", IPYNB, ids=lambda p: p.name)
def test_live_explorers_say_in_text_how_to_make_them_live(ipynb):
    """Without a kernel (GitHub, nbviewer, VS Code's preview) a live explorer's saved output is
    its text: it says what the explorer is and how to make it live, not `VBox(children=...`."""
    _, cells = _cells(ipynb)
    for i, cell in enumerate(cells):
        src = "".join(cell["source"]).strip()
        if not src.endswith(".ui"):
            continue
        texts = ["".join(out["data"]["text/plain"]) for out in cell["outputs"]
                 if WIDGET_MIME in out.get("data", {})]
        assert texts, f"cell {i} ({src[:60]!r}) shows no live explorer"
        start, end = _said(ipynb, "Live explorer ({controls}): run this notebook in JupyterLab "
                                  "or on Binder to move the sliders; the picture above shows "
                                  "it with these values.").split("{controls}")
        for text in texts:
            assert text.startswith(start) and text.endswith(end), \
                f"cell {i} ({src[:60]!r}) saves {text!r}"
