"""Every explorer, every slider position: no exception, no warning, a status in words."""

from __future__ import annotations

import html
import warnings

import pytest

from ann_helpers.explorers import all_explorers
from ann_helpers.widgets import Explorer

EXPLORERS = all_explorers()


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_slider_grid_never_raises_or_warns(name):
    cls = EXPLORERS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        explorer = cls()
        assert isinstance(explorer.status, str) and explorer.status
        for values in explorer.grid(points=4):
            status = explorer.set(**values)
            assert isinstance(status, str) and status, values
        png = explorer.render()
        assert png.startswith(b"\x89PNG")


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_ui_redraws_the_same_figure(name):
    explorer = EXPLORERS[name]()
    ui = explorer.ui
    fig = explorer.fig
    values = list(explorer.grid(points=2))
    explorer.set(**values[0])
    before = explorer._image.value
    explorer.set(**values[-1])
    assert explorer.fig is fig, "a slider move must update the figure, not build a new one"
    assert explorer.ui is ui
    assert explorer._label.value == html.escape(explorer.status)
    assert explorer._image.value != before, "moving every control to its other end changed nothing"

def test_explorer_rejects_unknown_controls():
    class Tiny(Explorer):
        name = "_tiny"

        def make_controls(self):
            from ann_helpers.widgets import slider
            return {"lr": slider("lr", 0.1, 0.01, 1.0, 0.01)}

        def make_figure(self):
            from ann_helpers.plotting import new_figure
            fig, ax = new_figure()
            (self.line,) = ax.plot([0, 1], [0, 0])
            return fig

        def update(self, lr):
            self.line.set_ydata([0, lr])
            return f"lr = {lr:.2f}"

    ex = Tiny(lr=0.5)
    assert ex.status == "lr = 0.50"
    assert ex.set(lr=0.25) == "lr = 0.25"
    with pytest.raises(ValueError, match="unknown control"):
        Tiny(learning_rate=0.5)
    with pytest.raises(ValueError, match=r"^lr must be a number in \[0.01, 1.0\], got 5$"):
        ex.set(lr=5.0)
