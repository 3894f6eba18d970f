"""Every explorer, every slider position: no exception, no warning, a status in words."""

from __future__ import annotations

import io
import warnings

import ipywidgets as W
import numpy as np
import pytest
from PIL import Image

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
    before = explorer._view.picture
    explorer.set(**values[-1])
    assert explorer.fig is fig, "a slider move must update the figure, not build a new one"
    assert explorer.ui is ui
    assert explorer._view.status == explorer.status
    assert explorer._view.picture != before, "moving every control to its other end changed nothing"

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


def _decoded(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def _drag_values(widget, n: int = 6) -> list:
    """n positions on the slider's grid from one end to the other, as a drag passes them."""
    out = []
    for v in np.linspace(widget.min, widget.max, n):
        v = widget.min + round((v - widget.min) / widget.step) * widget.step
        v = min(max(v, widget.min), widget.max)
        out.append(int(v) if isinstance(widget, W.IntSlider) else float(v))
    return out


def _main_sliders(explorer) -> list[str]:
    sliders = [k for k, w in explorer.controls.items() if isinstance(w, (W.FloatSlider,
                                                                          W.IntSlider))]
    return sliders[:3]


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_partial_redraws_are_the_full_picture(name):
    """Redrawing only what moved gives, after every move of a drag, exactly the pixels of a
    fresh explorer built with those values and drawn in full by matplotlib."""
    cls = EXPLORERS[name]
    explorer = cls()
    explorer.render()
    partial = 0
    for key in _main_sliders(explorer):
        for value in _drag_values(explorer.controls[key]):
            explorer.set(**{key: value})
            got = _decoded(explorer.render())
            partial += explorer._frames.last == "partial"
            fresh = cls(**explorer.values())
            fresh.fig.canvas.draw()
            want = np.asarray(fresh.fig.canvas.buffer_rgba())
            assert np.array_equal(got, want), (
                f"{key} = {value}: {int(np.any(got != want, axis=2).sum())} pixels differ "
                f"from a full redraw ({explorer._frames.last} redraw)")
    PARTIAL[name] = partial


PARTIAL: dict[str, int] = {}


def test_most_moves_redraw_only_what_moved():
    """The mechanism is in use: most slider moves of every explorer drew only part of the
    figure (run after the test above, which counts them)."""
    if len(PARTIAL) < len(EXPLORERS):
        pytest.skip("runs after test_partial_redraws_are_the_full_picture in the same process")
    few = {name: n for name, n in PARTIAL.items() if n == 0}
    assert not few, f"explorers that redrew in full on every move: {few}"


def test_a_slider_drag_ends_on_the_picture_of_its_last_value():
    """Values arriving faster than pictures (a drag) are not queued: the redraw thread draws
    the newest, and after the last move picture and status are those of the final values."""
    cls = EXPLORERS["descent_1d"]
    explorer = cls()
    ui = explorer.ui
    assert ui is explorer.ui
    lr = explorer.controls["lr"]
    for value in _drag_values(lr, 25):
        lr.value = value          # what a message from the page does
    x0 = explorer.controls["x0"]
    x0.value = x0.min
    assert explorer.wait_redrawn(timeout=30)
    fresh = cls(**explorer.values())
    assert explorer.status == fresh.status
    assert explorer._view.status == fresh.status
    assert np.array_equal(_decoded(explorer._view.picture), _decoded(fresh.render()))


def test_a_failed_redraw_says_so_in_the_status_line():
    class Broken(Explorer):
        name = "_broken"

        def make_controls(self):
            from ann_helpers.widgets import slider
            return {"lr": slider("lr", 0.1, 0.01, 1.0, 0.01)}

        def make_figure(self):
            from ann_helpers.plotting import new_figure
            return new_figure()[0]

        def update(self, lr):
            if lr > 0.5:
                raise RuntimeError("boom")
            return f"lr = {lr:.2f}"

    explorer = Broken()
    explorer.ui.children[0].children[0].value = 0.9
    assert explorer.wait_redrawn(timeout=10)
    assert explorer._view.error == "could not redraw: RuntimeError('boom')"


def test_live_explorer_text_says_what_it_is_and_how_to_make_it_live():
    explorer = EXPLORERS["descent_1d"](lr=0.5)
    text = ("Live explorer (learning rate lr = 0.50; start x0 = 1.00; gradient = raw; "
            "steps = 20): run this notebook in JupyterLab or on Binder to move the sliders; "
            "the picture above shows it with these values.")
    assert repr(explorer) == text
    assert repr(explorer.ui) == text
    bundle = explorer.ui._repr_mimebundle_()
    assert bundle["text/plain"] == text        # in full, not cut at 110 characters
    assert "application/vnd.jupyter.widget-view+json" in bundle
    chooser = EXPLORERS["descent_2d"]()      # its dropdown's label already ends in "="
    assert repr(chooser).startswith("Live explorer (f(x, y) = round bowl x² + y²; start x0 = ")


# -- colour bars: where colours carry values, a bar gives them -------------------------------
def _colour_bars(explorer) -> dict:
    """{choice: Colorbar} for the explorers whose colours carry values."""
    if explorer.name == "neuron":
        return {"any": explorer.bar}
    return explorer.bars


@pytest.mark.parametrize("name, choice_key, slider_key", [
    ("descent_2d", "function", "x0"), ("loss_fit", "loss", "w"), ("neuron", "activation", "w1"),
])
def test_the_colour_bar_shown_is_the_one_of_the_colours_shown(name, choice_key, slider_key):
    """For every choice (function, loss form, activation) exactly one colour bar is shown, it
    is the bar of the contours or the image on screen, with the same colour range; and a drag
    after switching still gives a full redraw's pixels."""
    cls = EXPLORERS[name]
    explorer = cls()
    explorer.render()
    widget = explorer.controls[choice_key]
    # an option is a value, or a (shown label, value) pair when the label is translated
    for choice in [o[1] if isinstance(o, tuple) else o for o in widget.options]:
        explorer.set(**{choice_key: choice})
        bars = _colour_bars(explorer)
        shown = [bar for bar in bars.values() if bar.ax.get_visible()]
        assert len(shown) == 1, f"{choice}: {len(shown)} colour bars shown"
        bar = shown[0]
        if name == "neuron":
            assert bar.mappable is explorer.image
        else:
            assert bar.mappable is bars[choice].mappable and bar.mappable.get_visible()
            assert all(not b.mappable.get_visible() for b in bars.values() if b is not bar)
        assert bar.ax.get_ylim() == pytest.approx(
            (bar.mappable.norm.vmin, bar.mappable.norm.vmax) if name == "neuron"
            else (bar.mappable.levels[0], bar.mappable.levels[-1]))
        for value in _drag_values(explorer.controls[slider_key], 3):
            explorer.set(**{slider_key: value})
            got = _decoded(explorer.render())
            fresh = cls(**explorer.values())
            fresh.fig.canvas.draw()
            want = np.asarray(fresh.fig.canvas.buffer_rgba())
            assert np.array_equal(got, want), (
                f"{choice}, {slider_key} = {value}: {int(np.any(got != want, axis=2).sum())} "
                f"pixels differ from a full redraw")


@pytest.mark.parametrize("name", ["descent_2d", "loss_fit", "neuron"])
def test_a_static_colour_bar_is_not_redrawn_on_a_slider_move(name):
    """With the default choice the bar's range is fixed: a slider move draws only what moved,
    and the colour bar stays in the cached background."""
    explorer = EXPLORERS[name]()
    explorer.render()
    key = _main_sliders(explorer)[0]
    bar_axes = {bar.ax for bar in _colour_bars(explorer).values()}
    widget = explorer.controls[key]
    partial = 0
    for _ in range(6):                     # a slow drag: two slider steps at a time
        value = widget.value + 2 * widget.step * (1 if widget.value < widget.max / 2 else -1)
        explorer.set(**{key: value})
        explorer.render()
        partial += explorer._frames.last == "partial"
        assert not bar_axes & set(explorer._frames._drawn), f"{key} = {value}"
    assert partial >= 4


def test_the_neuron_colour_bar_follows_an_unbounded_range():
    """ReLU's colours span the picture's own range, so its colour bar moves with w1."""
    explorer = EXPLORERS["neuron"](activation="relu")
    tops = []
    for w1 in (1.0, 2.0, 3.0):
        explorer.set(w1=w1)
        explorer.render()
        tops.append(explorer.bar.ax.get_ylim()[1])
        assert explorer.bar.ax.get_ylim() == pytest.approx(explorer.image.get_clim())
    assert tops == pytest.approx([4.5, 6.5, 8.5])   # max of w1 x1 - x2 + 0.5 on the square
