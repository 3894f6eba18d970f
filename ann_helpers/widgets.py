"""The Explorer: sliders that redraw one figure in place.

An explorer is a figure, a few controls (ipywidgets sliders, dropdowns, toggles) and a status
line. A subclass says three things:

    make_controls()   -> {name: widget}    the sliders, with their ranges and defaults
    make_figure()     -> Figure            draws the figure once and keeps its artists
    update(**values)  -> str               moves the artists for these values, returns the status

A slider move calls `update` and re-renders the *same* figure to PNG, shown in an
ipywidgets `Image`: no new figure, no flicker, and it works wherever ipywidgets works
(JupyterLab, Notebook 7, Binder, JupyterHub) without a matplotlib widget backend.

In a notebook:

    ex = SomeExplorer(lr=0.1)    # checked cell: build it with the lesson's values
    print(ex.status)             #   ... and print what it computed
    ex.snapshot()                #   ... a static picture, for readers without a kernel
    ex.ui                        # cell tagged nbval-ignore-output: the live version
"""

from __future__ import annotations

import html
import itertools
import math
import numbers
from collections.abc import Iterator

import ipywidgets as W
import numpy as np

from . import plotting


def slider(description: str, value: float, low: float, high: float, step: float,
           readout_format: str = ".2f") -> W.FloatSlider:
    """A float slider in the course's style (editable readout, wide label)."""
    return W.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                         readout_format=readout_format, continuous_update=True,
                         style={"description_width": "initial"},
                         layout=W.Layout(width="320px"))


def int_slider(description: str, value: int, low: int, high: int, step: int = 1) -> W.IntSlider:
    """An integer slider in the course's style."""
    return W.IntSlider(value=value, min=low, max=high, step=step, description=description,
                       continuous_update=True, style={"description_width": "initial"},
                       layout=W.Layout(width="320px"))


def dropdown(description: str, options, value=None) -> W.Dropdown:
    """A chooser (function, activation, ...)."""
    return W.Dropdown(options=options, value=value if value is not None else options[0],
                      description=description, style={"description_width": "initial"},
                      layout=W.Layout(width="320px"))


def toggle(description: str, options, value=None) -> W.ToggleButtons:
    """A small set of exclusive choices (normalized / raw, ...)."""
    return W.ToggleButtons(options=options, value=value if value is not None else options[0],
                           description=description, style={"description_width": "initial"})


def _slider_value(key: str, widget, value):
    """A value for a float or integer slider: a real number (not a bool) inside the slider's
    range; for an integer slider a whole number (59.999999999999 is refused, not cut to 59)."""
    integer = isinstance(widget, W.IntSlider)
    kind = "whole number" if integer else "number"
    where = f"[{widget.min}, {widget.max}]"
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{key} must be a {kind} in {where}, got {value!r:.60} of type "
                        f"{type(value).__name__}")
    try:
        number = float(value)
    except OverflowError:
        raise ValueError(f"{key} must be a {kind} in {where}, got an integer with "
                         f"{len(str(abs(int(value))))} digits") from None
    if not math.isfinite(number) or not widget.min <= number <= widget.max:
        raise ValueError(f"{key} must be a {kind} in {where}, got {number:g}")
    if integer:
        if number != int(number):
            raise ValueError(f"{key} must be a whole number in {where}, got {value!r}")
        return int(number)
    return number


def _same_option(value, label) -> bool:
    """value picks this option: equal, and a bool only for a bool (True is not the option 1)."""
    if isinstance(value, (bool, np.bool_)) != isinstance(label, (bool, np.bool_)):
        return False
    try:
        return bool(value == label)
    except (TypeError, ValueError):   # e.g. an array compared with a number
        return False


class Explorer:
    """Base class; see the module docstring."""

    #: a name used by the registry, the benchmark and the tests
    name = "explorer"

    def __init__(self, **values):
        # An explorer's picture and status depend on its control values alone, so that anyone
        # (a test, the benchmark, a browser test) can rebuild the same state from the sliders.
        self.controls: dict[str, W.ValueWidget] = self.make_controls()
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise ValueError(f"unknown control(s) {unknown}; this explorer has "
                             f"{sorted(self.controls)}")
        for key, value in values.items():
            self._set_control(key, value)
        self.fig = self.make_figure()
        if self.fig.get_layout_engine() is not None:
            # Lay the figure out once, then keep that layout: a slider moves data inside
            # fixed axes, and a layout engine would re-solve (and draw twice) on every move.
            # None, not "none": "none" leaves a placeholder engine that still costs a draw.
            self.fig.canvas.draw()
            self.fig.set_layout_engine(None)
        self._holding = False
        self._image: W.Image | None = None
        self._label: W.HTML | None = None
        self._box: W.VBox | None = None
        self.status = self.update(**self.values())

    # -- what a subclass provides -------------------------------------------------------
    def make_controls(self) -> dict[str, W.ValueWidget]:
        raise NotImplementedError

    def make_figure(self):
        raise NotImplementedError

    def update(self, **values) -> str:
        raise NotImplementedError

    # -- the machinery --------------------------------------------------------------------
    def _set_control(self, key: str, value) -> None:
        widget = self.controls[key]
        if isinstance(widget, (W.FloatSlider, W.IntSlider)):
            value = _slider_value(key, widget, value)
        elif hasattr(widget, "options"):
            labels = [o[1] if isinstance(o, tuple) else o for o in widget.options]
            if not any(_same_option(value, label) for label in labels):
                raise ValueError(f"{key} must be one of {labels}, got {value!r:.60}")
        widget.value = value

    def values(self) -> dict:
        """The current value of every control."""
        return {key: widget.value for key, widget in self.controls.items()}

    def set(self, **values) -> str:
        """Move several controls at once (as a learner would), redraw once, return the status."""
        self._holding = True
        try:
            for key, value in values.items():
                if key not in self.controls:
                    raise ValueError(f"unknown control {key!r}; this explorer has "
                                     f"{sorted(self.controls)}")
                self._set_control(key, value)
        finally:
            self._holding = False
        return self.refresh()

    def refresh(self, change=None) -> str:
        """Recompute for the controls' current values and redraw the same figure."""
        if self._holding:
            return self.status
        self.status = self.update(**self.values())
        if self._box is not None:
            self._image.value = self.render()
            self._label.value = html.escape(self.status)
        return self.status

    def render(self) -> bytes:
        """The figure as PNG bytes, as a slider move produces it."""
        return plotting.png(self.fig, fast=True)

    def snapshot(self) -> None:
        """Show the current picture as a static image (seen on GitHub, without a kernel)."""
        plotting.show(self.fig)

    @property
    def ui(self) -> W.VBox:
        """The live explorer: controls, figure, status line."""
        if self._box is None:
            # shown at the PNG's own pixel width (a VBox would stretch it and blur the text)
            width = round(self.fig.get_figwidth() * self.fig.dpi)
            self._image = W.Image(value=self.render(), format="png",
                                  layout=W.Layout(width=f"{width}px", max_width="100%",
                                                  height="auto"))
            self._image.add_class("ann-figure")
            # HTML, not Label: a Label cuts a long status off at one line; this one wraps
            self._label = W.HTML(value=html.escape(self.status))
            self._label.add_class("ann-status")
            for key, widget in self.controls.items():
                widget.add_class(f"ann-control-{key}")
                widget.observe(self.refresh, names="value")
            controls = W.HBox(list(self.controls.values()),
                              layout=W.Layout(flex_flow="row wrap"))
            self._box = W.VBox([controls, self._image, self._label])
            self._box.add_class("ann-explorer")
            self._box.add_class(f"ann-explorer-{self.name}")
        return self._box

    def _ipython_display_(self):
        from IPython.display import display

        display(self.ui)

    def grid(self, points: int = 3) -> Iterator[dict]:
        """Every combination of `points` values per slider (ends included) and every option
        of every chooser: what a test sweeps to prove no position raises or warns."""
        axes = []
        for key, widget in self.controls.items():
            if isinstance(widget, W.IntSlider):
                vals = sorted({int(round(v)) for v in np.linspace(widget.min, widget.max, points)})
            elif isinstance(widget, W.FloatSlider):
                # slider positions are multiples of `step` from `min`, as in the browser
                raw = np.linspace(widget.min, widget.max, points)
                vals = [float(widget.min + round((v - widget.min) / widget.step) * widget.step)
                        for v in raw]
                vals = [min(max(v, widget.min), widget.max) for v in vals]
            elif hasattr(widget, "options"):
                vals = [o[1] if isinstance(o, tuple) else o for o in widget.options]
            else:
                vals = [widget.value]
            axes.append([(key, v) for v in vals])
        for combo in itertools.product(*axes):
            yield dict(combo)


def fixed_layout(fig, left=0.08, right=0.98, bottom=0.15, top=0.9, wspace=0.3):
    """Fixed margins instead of a layout engine: a slider move then draws once, and the
    constrained-layout solver (slower than the drawing itself) never runs again."""
    from matplotlib.ticker import MaxNLocator

    fig.set_layout_engine(None)
    fig.subplots_adjust(left=left, right=right, bottom=bottom, top=top, wspace=wspace)
    for ax in fig.axes:
        # few ticks and fixed label positions: tick labels are most of a redraw's cost
        if ax.get_xscale() == "linear":
            ax.xaxis.set_major_locator(MaxNLocator(4))
        if ax.get_yscale() == "linear":
            ax.yaxis.set_major_locator(MaxNLocator(4))
        ax.xaxis.set_label_coords(0.5, -0.1)
        ax.yaxis.set_label_coords(-0.13, 0.5)
    return fig
