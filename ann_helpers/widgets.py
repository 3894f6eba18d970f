"""The Explorer: sliders that redraw one figure in place.

An explorer is a figure, a few controls (ipywidgets sliders, dropdowns, toggles) and a status
line. A subclass says three things:

    make_controls()   -> {name: widget}    the sliders, with their ranges and defaults
    make_figure()     -> Figure            draws the figure once and keeps its artists
    update(**values)  -> str               moves the artists for these values, returns the status

A slider move calls `update` and re-renders the *same* figure to PNG, shown by a small
picture widget (`FrameView`): no new figure, no flicker, no matplotlib widget backend, and it
works wherever ipywidgets and anywidget work (JupyterLab, Notebook 7, Binder, JupyterHub,
Colab, VS Code).

Three things make a drag smooth, and a subclass gets all of them for free:
- `FrameDrawer` redraws only what moved. `update` moves artists with their `set_*` methods,
  which marks them stale; the drawer keeps the rest of the picture (axes, tick labels, curves
  that do not move) as a cached background and draws the moved artists over it, in the order
  matplotlib would, so each picture is pixel for pixel the one a full redraw makes (a test
  checks that for every explorer). Change an artist only through its `set_*` methods.
- A slider move in the page only records that the picture is out of date; a background thread
  redraws for the controls' newest values, so the kernel answers the browser at once and a
  slow redraw never queues stale positions. After the last move the picture always matches
  the controls.
- While the learner reads, the same thread draws ahead: the pictures along each slider from
  the current values (`prefetch_plan`), sent to the page once. The page watches the sliders
  itself, so a move to a position drawn ahead shows its picture at once, with no trip to the
  kernel; these are the same matplotlib pictures, drawn by the same code.

In a notebook:

    ex = SomeExplorer(lr=0.1)    # checked cell: build it with the lesson's values
    print(ex.status)             #   ... and print what it computed
    ex.snapshot()                #   ... a static picture, for readers without a kernel
    ex.ui                        # cell tagged nbval-ignore-output: the live version
"""

from __future__ import annotations

import io
import itertools
import json
import math
import numbers
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import anywidget
import ipywidgets as W
import numpy as np
import traitlets
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from PIL import Image

from . import plotting
from .i18n import _


def slider(description: str, value: float, low: float, high: float, step: float,
           readout_format: str = ".2f") -> W.FloatSlider:
    """A float slider in the course's style (editable readout, wide label). The description
    is shown in the learner's language (mark it with N_ where it is written)."""
    return W.FloatSlider(value=value, min=low, max=high, step=step, description=_(description),
                         readout_format=readout_format, continuous_update=True,
                         style={"description_width": "initial"},
                         layout=W.Layout(width="320px"))


def int_slider(description: str, value: int, low: int, high: int, step: int = 1) -> W.IntSlider:
    """An integer slider in the course's style (description translated, as for `slider`)."""
    return W.IntSlider(value=value, min=low, max=high, step=step, description=_(description),
                       continuous_update=True, style={"description_width": "initial"},
                       layout=W.Layout(width="320px"))


def dropdown(description: str, options, value=None) -> W.Dropdown:
    """A chooser (function, activation, ...); the description is translated, the options are
    the values themselves and stay as given."""
    return W.Dropdown(options=options, value=value if value is not None else options[0],
                      description=_(description), style={"description_width": "initial"},
                      layout=W.Layout(width="320px"))


def translated_options(values, labels=None) -> list[tuple[str, str]]:
    """(shown label, value) pairs for a dropdown or toggle: the label in the current language,
    the value as the code names it (so code, tests and slider states read the same in every
    language). `labels` maps a value to its marked label; by default the value is its label."""
    return [(_(labels[v] if labels is not None else v), v) for v in values]


def toggle(description: str, options, value=None) -> W.ToggleButtons:
    """A small set of exclusive choices (normalized / raw, ...); description translated."""
    return W.ToggleButtons(options=options, value=value if value is not None else options[0],
                           description=_(description), style={"description_width": "initial"})


def _slider_value(key: str, widget, value):
    """A value for a float or integer slider: a real number (not a bool) inside the slider's
    range; for an integer slider a whole number (59.999999999999 is refused, not cut to 59)."""
    integer = isinstance(widget, W.IntSlider)
    kind = _("whole number") if integer else _("number")
    where = f"[{widget.min}, {widget.max}]"
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(_("{key} must be a {kind} in {where}, got {value!r:.60} of type {type}")
                        .format(key=key, kind=kind, where=where, value=value,
                                type=type(value).__name__))
    try:
        number = float(value)
    except OverflowError:
        raise ValueError(_("{key} must be a {kind} in {where}, got an integer with {digits} "
                           "digits").format(key=key, kind=kind, where=where,
                                            digits=len(str(abs(int(value)))))) from None
    if not math.isfinite(number) or not widget.min <= number <= widget.max:
        raise ValueError(_("{key} must be a {kind} in {where}, got {number:g}").format(
            key=key, kind=kind, where=where, number=number))
    if integer:
        if number != int(number):
            raise ValueError(_("{key} must be a whole number in {where}, got {value!r}").format(
                key=key, where=where, value=value))
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


# -- redrawing only what moved ---------------------------------------------------------------
_PAD = 2.0        # pixels of antialiasing around an artist's extent
_MARGIN = 40.0    # room a moving, unclipped artist (a title) may grow into before a rebuild
_TICKS = 12.0     # pixels tick marks reach beyond an axis' tight box
_EVERYWHERE = (-np.inf, -np.inf, np.inf, np.inf)


def _zorder(artist):
    return artist.get_zorder()


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(a, b) -> bool:
    return a[0] >= b[0] and a[1] >= b[1] and a[2] <= b[2] and a[3] <= b[3]


def _clip_region(artist):
    """The pixels an artist clipped to a box can ever touch (None if it is not clipped)."""
    if isinstance(artist, (Axes, Axis)) or not artist.get_clip_on() \
            or artist.get_clip_box() is None:
        return None
    x0, y0, x1, y1 = artist.get_clip_box().extents
    return (x0 - _PAD, y0 - _PAD, x1 + _PAD, y1 + _PAD)


def _footprint(artist, renderer):
    """(x0, y0, x1, y1): the pixels drawing `artist` now touches; None if none."""
    if not artist.get_visible():
        return None
    try:
        if isinstance(artist, (Axes, Axis)):
            bb = artist.get_tightbbox(renderer)
        else:
            bb = artist.get_window_extent(renderer)
    except Exception:  # noqa: BLE001 - an extent we cannot compute: assume it touches anything
        return _EVERYWHERE
    if bb is None:
        return None
    x0, y0, x1, y1 = bb.extents
    if isinstance(artist, (Axes, Axis)):
        # tick marks lie outside the tight box, an axis' grid lines inside its axes
        ax = artist if isinstance(artist, Axes) else artist.axes
        f0, g0, f1, g1 = ax.bbox.extents
        x0, y0 = min(x0, f0) - _TICKS, min(y0, g0) - _TICKS
        x1, y1 = max(x1, f1) + _TICKS, max(y1, g1) + _TICKS
    if not np.all(np.isfinite([x0, y0, x1, y1])):
        return _EVERYWHERE
    box = (x0 - _PAD, y0 - _PAD, x1 + _PAD, y1 + _PAD)
    clip = _clip_region(artist)
    if clip is not None:
        box = (max(box[0], clip[0]), max(box[1], clip[1]),
               min(box[2], clip[2]), min(box[3], clip[3]))
    return box


def _grow(box):
    if box is None or box == _EVERYWHERE:
        return box
    dx = _MARGIN
    return (box[0] - dx, box[1] - _MARGIN / 2, box[2] + dx, box[3] + _MARGIN / 2)


class FrameDrawer:
    """Draws a figure again after some of its artists moved, redrawing only what must be.

    Matplotlib draws a figure as a list of artists in a fixed order (by zorder, axes by axes).
    An artist changed through a `set_*` method is marked stale. `draw()` splits that list:
    the *background* holds every artist that did not move and that nothing moving is drawn
    under; it is drawn once and kept as pixels. Each later picture restores those pixels and
    draws the rest (the moved artists and whatever overlaps them) in matplotlib's own order,
    so the picture is the one a full redraw gives, pixel for pixel. An Axes whose limits,
    scale, position or tick locators changed is redrawn whole. The background is rebuilt (one
    full draw) when other artists start moving, or when a moving artist that is not clipped
    to its axes (a title) outgrows the room it was given.
    """

    def __init__(self, fig):
        self.fig = fig
        self.last = None          # "full" or "partial": how the last picture was made
        self._background = None
        self._key = None
        self._drawn: tuple = ()   # the artists drawn on every picture, in order
        self._regions: dict = {}  # moving artist -> (pixels it may touch, clipped there?)
        self._signatures: dict = {}

    @staticmethod
    def _signature(ax):
        ax._unstale_viewLim()
        axes = tuple((a.get_scale(), id(a.get_major_locator()), id(a.get_minor_locator()),
                      id(a.get_major_formatter()), id(a.get_minor_formatter()))
                     for a in ax._axis_map.values())
        return (tuple(ax.viewLim.bounds), tuple(ax.get_position().bounds), ax.get_visible(),
                ax.axison, ax._frameon, axes)

    def _leaves(self, whole=()):
        """The figure's artists in drawing order, as Figure.draw and Axes.draw order them;
        the Axes in `whole` (and any Axes we do not take apart) stay one item."""
        fig = self.fig
        top = sorted((a for a in fig.get_children()
                      if a is not fig.patch and not a.get_animated()), key=_zorder)
        leaves = []
        for a in top:
            if (not isinstance(a, Axes) or a in whole or not a.get_visible()
                    or a.get_rasterization_zorder() is not None or a.get_axes_locator()):
                leaves.append(a)
                continue
            children = a.get_children()
            children.remove(a.patch)
            framed = a.axison and a._frameon
            if not framed:
                children = [c for c in children if c not in a.spines.values()]
            if not a.axison:
                children = [c for c in children if c not in a._axis_map.values()]
            children = sorted((c for c in children if not c.get_animated()), key=_zorder)
            leaves.extend(([a.patch] if framed else []) + children)
        return leaves

    @staticmethod
    def _moved(artist, whole) -> bool:
        if isinstance(artist, Axes):
            return artist in whole or artist.stale
        if isinstance(artist, Axis):   # set_xlim marks the axis stale even when unchanged
            return artist.label.stale or artist.offsetText.stale
        return artist.stale

    def _build(self, renderer, leaves, moved) -> None:
        """Draw the background, keep it, then draw the artists drawn on every picture."""
        renderer.clear()
        self.fig.patch.draw(renderer)
        regions, drawn, taken = {}, [], []
        for a in leaves:
            if a in moved:
                fixed = _clip_region(a)
                region = fixed if fixed is not None else _grow(_footprint(a, renderer))
                regions[a] = (region, fixed is not None)
                drawn.append(a)
                if region is not None:
                    taken.append(region)
                continue
            if taken:
                box = _footprint(a, renderer)
                if box is not None and any(_overlap(box, t) for t in taken):
                    drawn.append(a)    # drawn over something that moves: keep the order
                    taken.append(box)
                    continue
            a.draw(renderer)
        self._background = renderer.copy_from_bbox(self.fig.bbox)
        self._drawn, self._regions = tuple(drawn), regions
        for a in drawn:
            a.draw(renderer)

    def draw(self):
        """Bring the canvas up to date with the figure; returns the renderer."""
        fig = self.fig
        renderer = fig.canvas.get_renderer()
        signatures = {ax: self._signature(ax) for ax in fig.axes}
        whole = {ax for ax, sig in signatures.items() if self._signatures.get(ax) != sig}
        leaves = self._leaves(whole)
        moved = {a for a in leaves if self._moved(a, whole)}
        key = (id(renderer), tuple(map(id, leaves)))
        self.last = None
        if self._background is not None and key == self._key and moved <= set(self._drawn):
            renderer.restore_region(self._background)
            for a in self._drawn:
                a.draw(renderer)
            self.last = "partial"
            for a, (region, clipped) in self._regions.items():
                if not clipped and region is not None:
                    box = _footprint(a, renderer)
                    if box is not None and not _inside(box, region):
                        self.last = None    # it outgrew its room: draw everything again
                        break
        if self.last is None:
            for ax in fig.axes:
                ax.apply_aspect()
            self._build(renderer, leaves, moved)
            self._key = key
            self.last = "full"
        for a in self._leaves():
            a.stale = False
            if isinstance(a, Axis):
                a.label.stale = a.offsetText.stale = False
        fig.stale = False
        self._signatures = {ax: self._signature(ax) for ax in fig.axes}
        return renderer

    def forget(self, event=None) -> None:
        """Drop the background: the figure was drawn in full elsewhere (savefig), which
        clears the marks of what moved."""
        self._background = None

    def rgba(self) -> np.ndarray:
        """The up-to-date picture as an (height, width, 4) uint8 array (a view: copy to keep)."""
        self.draw()
        return np.asarray(self.fig.canvas.buffer_rgba())


def png_bytes(rgba: np.ndarray) -> bytes:
    """An RGBA array as PNG bytes, quick to encode (zlib level 1: a slider picture)."""
    buf = io.BytesIO()
    Image.fromarray(rgba).save(buf, format="png", compress_level=1)
    return buf.getvalue()


# -- where the controls stand: the key of a picture --------------------------------------------
_SLIDERS = (W.FloatSlider, W.IntSlider)

#: drawn ahead along a slider: never finer than this many pictures (a slider's track is about
#: 200 pixels wide, so a drag shows no finer; a value typed in between is drawn when typed)
LINE_FRAMES = 256
#: the pictures drawn ahead for one page at most (about 30 kB each in the page)
MAX_FRAMES = 1500
#: a float slider's value is at a position when it is this close to it, in steps
_ON_GRID = 1e-6
#: pictures drawn ahead that may be on their way to the page, not yet acknowledged. The
#: kernel's messages reach the page in order, and ipywidgets sends a slider's next value only
#: when the kernel's "idle" for the last one arrived: a queue of pictures in between would
#: hold the slider back (measured: seconds, with hundreds of pictures queued).
WINDOW = 3


def position(widget) -> int | str:
    """Where a control stands: a slider's step index from its minimum, a chooser's option
    index. frameview.js computes the same in the page; a picture's key is the list of the
    controls' positions."""
    if isinstance(widget, _SLIDERS):
        steps = (widget.value - widget.min) / widget.step
        if abs(steps - round(steps)) <= _ON_GRID:
            return int(round(steps))
        return json.dumps(widget.value)    # between positions (built with lr=0.105)
    index = getattr(widget, "index", None)
    if index is not None:
        return int(index)
    return json.dumps(widget.value)


def positions(widget) -> int | None:
    """How many positions a slider has; None for a chooser (its options are not a line)."""
    if isinstance(widget, _SLIDERS):
        return int(round((widget.max - widget.min) / widget.step)) + 1
    if isinstance(widget, W.SelectionSlider):
        return len(widget.options)
    return None


def value_at(widget, k: int):
    """The value of a slider at position k: min + k·step, with the float noise of that sum
    rounded away, so the page's 0.30000000000000004 and a typed 0.3 give one picture."""
    if isinstance(widget, W.IntSlider):
        return int(widget.min + k * widget.step)
    if isinstance(widget, W.FloatSlider):
        return float(round(widget.min + k * widget.step, 12))
    option = widget.options[k]
    return option[1] if isinstance(option, tuple) else option


def _on_grid(widget, value):
    """A float slider's value as its position's value when it is one (within a millionth of
    a step); a value between positions (an explorer built with lr=0.105) stays as it is."""
    if isinstance(widget, W.FloatSlider) and widget.step >= 1e-9:
        steps = (value - widget.min) / widget.step
        if abs(steps - round(steps)) <= _ON_GRID:
            return value_at(widget, round(steps))
    return value


def line_order(n: int, at: int, line_frames: int = LINE_FRAMES) -> list[list[int]]:
    """The positions of a slider with n positions to draw ahead, in levels, coarse to fine:
    every s-th position (s a power of two, about 16 pictures across, both ends included),
    then every s/2-th, ... down to the finest stride that stays within `line_frames`
    pictures. Inside a level the positions nearest the current one (`at`) come first; the
    current one is never listed (it is drawn anyway)."""
    if not 1 <= n or not 0 <= at < n:
        raise ValueError(f"need 0 <= at < n, got at={at}, n={n}")
    stride = 1
    while (n - 1) / stride > 16:
        stride *= 2
    seen, levels = {at}, []
    while True:
        level = [q for q in range(0, n, stride) if q not in seen]
        if not levels and n - 1 not in seen:
            level.append(n - 1)
        level = sorted(set(level), key=lambda q: (abs(q - at), q))
        seen.update(level)
        levels.append(level)
        if stride == 1 or (n - 1) / stride > line_frames / 2:
            return levels
        stride //= 2


def line_size(n: int, line_frames: int = LINE_FRAMES) -> int:
    """How many pictures lie on a slider's line once it is drawn ahead (the current position
    counted, whichever it is): the page waits for this many before calling a line ready."""
    levels = line_order(n, 0, line_frames)
    return 1 + sum(map(len, levels))


def prefetch_plan(controls: dict, first: str | None = None,
                  line_frames: int = LINE_FRAMES) -> Iterator[tuple[str, dict]]:
    """What to draw ahead for these controls, best first, as (key, values): along each slider
    from the controls' values (`line_order`), the slider `first` (the one under the learner's
    pointer) all the way before the others, which then take turns level by level."""
    here = {k: _on_grid(w, w.value) for k, w in controls.items()}
    at = [position(w) for w in controls.values()]
    lines = {}
    for i, (key, widget) in enumerate(controls.items()):
        n = positions(widget)
        if n is not None and n > 1 and isinstance(at[i], int):
            lines[key] = (i, widget, line_order(n, at[i], line_frames))

    def frames(key, level):
        i, widget, levels = lines[key]
        for q in levels[level] if level < len(levels) else ():
            pos = list(at)
            pos[i] = q
            yield json.dumps(pos, separators=(",", ":")), {**here, key: value_at(widget, q)}

    if first in lines:
        for level in range(len(lines[first][2])):
            yield from frames(first, level)
    others = [k for k in lines if k != first]
    for level in range(max((len(lines[k][2]) for k in others), default=0)):
        for key in others:
            yield from frames(key, level)


class FrameView(anywidget.AnyWidget):
    """The picture and status line of a live explorer (see frameview.js for the page's side).

    The kernel sets `picture`, `key` and `status` together for the controls' current values,
    and sends pictures drawn ahead as custom messages ({"type": "frame", "key", "status"} plus
    the PNG). The page sends {"type": "hello"} when a view appears, {"type": "focus",
    "control": name or None} when the explorer comes into sight or the pointer enters a
    control, {"type": "got"} for each picture drawn ahead it received (at most `WINDOW` are
    on their way), {"type": "hold"} / {"type": "go"} when the learner presses and releases
    the pointer on the explorer (no drawing ahead during a drag), and {"type": "want",
    "key"} when the sliders stand where no picture was drawn yet: that one is drawn next,
    before ipywidgets' own message with the value (which waits for the kernel's "idle" after
    the previous one) arrives."""

    _esm = Path(__file__).with_name("frameview.js")
    controls = traitlets.List(traitlets.Instance(W.Widget)).tag(sync=True,
                                                               **W.widget_serialization)
    names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    sizes = traitlets.List().tag(sync=True)
    plan = traitlets.Dict().tag(sync=True)
    width = traitlets.Int(0).tag(sync=True)
    alt = traitlets.Unicode("").tag(sync=True)
    key = traitlets.Unicode("").tag(sync=True)
    picture = traitlets.Bytes(b"").tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    error = traitlets.Unicode("").tag(sync=True)

    def show(self, key: str, picture: bytes, status: str) -> None:
        """The picture for the controls' current values."""
        with self.hold_sync():
            self.key, self.status, self.error, self.picture = key, status, "", picture

    def ahead(self, key: str, picture: bytes, status: str) -> None:
        """A picture drawn ahead, for the page to keep."""
        self.send({"type": "frame", "key": key, "status": status}, [picture])


class _ExplorerBox(W.VBox):
    """The live explorer's box; as plain text (GitHub, nbviewer, a saved notebook) it says
    what it is and how to make it live instead of listing its child widgets."""

    def __init__(self, children, describe):
        super().__init__(children)
        self._describe = describe

    def __repr__(self):
        return self._describe()

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs)
        if data is not None:
            data["text/plain"] = self._describe()   # in full: ipywidgets cuts it at 110
        return data


class _Turns:
    """Matplotlib is not thread-safe (its fonts are shared by every figure), so the redraw
    threads take turns: one draws at a time, and none while a notebook cell runs (the cell
    may draw figures of its own). IPython says when a cell starts and ends (its pre_execute
    and post_execute events); a cell starting waits for the picture being drawn, at most one.
    """

    def __init__(self):
        self._cond = threading.Condition()
        self._cell = False
        self._busy = False
        self._hooked = None

    @contextmanager
    def background(self):
        with self._cond:
            self._cond.wait_for(lambda: not self._cell and not self._busy)
            self._busy = True
        try:
            yield
        finally:
            with self._cond:
                self._busy = False
                self._cond.notify_all()

    def cell_starts(self) -> None:
        with self._cond:
            self._cond.wait_for(lambda: not self._busy)
            self._cell = True

    def cell_ends(self) -> None:
        with self._cond:
            self._cell = False
            self._cond.notify_all()

    @contextmanager
    def cell(self):
        """Draw in this thread as a cell does, the redraw threads held off (plain Python:
        a test or a benchmark drawing other figures while an explorer draws ahead)."""
        self.cell_starts()
        try:
            yield
        finally:
            self.cell_ends()

    def hook(self) -> None:
        """Follow the cells of the IPython kernel we run in (once per kernel)."""
        try:
            from IPython import get_ipython
        except ImportError:
            return
        shell = get_ipython()
        if shell is None or self._hooked is shell:
            return
        shell.events.register("pre_execute", self.cell_starts)
        shell.events.register("post_execute", self.cell_ends)
        self._hooked = shell


_turns = _Turns()


#: the explorer in front of the learner (the last one seen, pointed at or moved): the only one
#: that draws ahead, so explorers never compete for the kernel
_front: list[weakref.ref] = []


def _in_front():
    return _front[0]() if _front else None


class Explorer:
    """Base class; see the module docstring."""

    #: a name used by the registry, the benchmark and the tests
    name = "explorer"
    #: pictures drawn ahead along one slider at most (`line_order`); an explorer whose
    #: neighbouring positions show unrelated pictures (one digit image each) draws them all
    line_frames = LINE_FRAMES

    def __init__(self, **values):
        # An explorer's picture and status depend on its control values alone, so that anyone
        # (a test, the benchmark, a browser test) can rebuild the same state from the sliders.
        self.controls: dict[str, W.ValueWidget] = self.make_controls()
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise ValueError(_("unknown control(s) {unknown}; this explorer has {known}").format(
                unknown=unknown, known=sorted(self.controls)))
        for key, value in values.items():
            self._set_control(key, value)
        self.fig = self.make_figure()
        if self.fig.get_layout_engine() is not None:
            # Lay the figure out once, then keep that layout: a slider moves data inside
            # fixed axes, and a layout engine would re-solve (and draw twice) on every move.
            # None, not "none": "none" leaves a placeholder engine that still costs a draw.
            self.fig.canvas.draw()
            self.fig.set_layout_engine(None)
        self._frames = FrameDrawer(self.fig)
        self.fig.canvas.mpl_connect("draw_event", self._frames.forget)
        self._holding = False
        self._view: FrameView | None = None
        self._box: W.VBox | None = None
        # one drawing at a time: the redraw thread, and a notebook cell calling set()
        self._lock = threading.RLock()
        # guards what the redraw thread reads: _behind, _drawing, _sent, _plan, _first
        self._wake = threading.Condition()
        self._behind = False               # the picture is older than the controls
        self._drawing = False              # the thread is drawing for the controls' values
        self._worker: threading.Thread | None = None
        self._sent: set[str] = set()       # the keys whose pictures the page has
        self._plan: Iterator | None = None   # what to draw ahead next (prefetch_plan)
        self._plan_at: str | None = None   # ... planned from this key
        self._first: str | None = None     # the control under the learner's pointer
        self._page = False                 # a page showed the picture (and said hello)
        self._in_flight = 0                # pictures drawn ahead, not yet acknowledged
        self._held = False                 # the learner is dragging: do not draw ahead
        self._wanted: str | None = None    # the key the page shows and has no picture for
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
                raise ValueError(_("{key} must be one of {labels}, got {value!r:.60}").format(
                    key=key, labels=labels, value=value))
        widget.value = value

    def values(self) -> dict:
        """The current value of every control (a slider's as the value of its position:
        0.3, not the page's 0.30000000000000004)."""
        return {key: _on_grid(widget, widget.value) for key, widget in self.controls.items()}

    def key(self) -> str:
        """The key of the current picture: the controls' positions (see `position`)."""
        return json.dumps([position(w) for w in self.controls.values()], separators=(",", ":"))

    def set(self, **values) -> str:
        """Move several controls at once (as a learner would), redraw once, return the status."""
        self._holding = True
        try:
            for key, value in values.items():
                if key not in self.controls:
                    raise ValueError(_("unknown control {key!r}; this explorer has {known}")
                                     .format(key=key, known=sorted(self.controls)))
                self._set_control(key, value)
        finally:
            self._holding = False
        return self.refresh()

    def refresh(self, change=None) -> str:
        """Recompute for the controls' current values and redraw the same figure."""
        if self._holding:
            return self.status
        with self._lock:
            self.status = self.update(**self.values())
            if self._view is not None:
                self._show_current(self.status)
        return self.status

    def frame(self) -> np.ndarray:
        """The up-to-date picture as an (height, width, 4) uint8 array: only what moved is
        redrawn, the pixels are those of a full redraw (a view into the canvas: copy it to
        keep it)."""
        with self._lock:
            return self._frames.rgba()

    def render(self) -> bytes:
        """The figure as PNG bytes, as a slider move produces it."""
        with self._lock:
            return png_bytes(self.frame())

    def draw_ahead(self, values: dict) -> tuple[bytes, str]:
        """(PNG, status) for other control values, the controls left where they are: what
        the redraw thread sends ahead. The figure then shows the controls' values again (a
        cell may call render() or snapshot())."""
        with self._lock:
            here = self.values()
            try:
                status = self.update(**values)
                return png_bytes(self._frames.rgba()), status
            finally:
                self.update(**here)

    def _show_current(self, status: str) -> None:
        """Send the picture for the controls' values, unless the page has it already (drawn
        ahead for the same values: the same pixels)."""
        key = self.key()
        with self._wake:
            known = key in self._sent
        if not known:
            self._view.show(key, self.render(), status)
            with self._wake:
                self._sent.add(key)

    # -- a slider moved in the page ---------------------------------------------------------
    def _moved(self, change=None) -> None:
        """Runs in the kernel's message loop: note that the picture is behind the controls
        and make sure the redraw thread is on it, then return at once so the browser can send
        the next position. The thread draws for the newest values; positions that came while
        it drew are never drawn (they are already out of date)."""
        if self._holding:
            return
        self._to_front()
        with self._wake:
            self._behind = True
            self._start()

    def _message(self, view, content, buffers) -> None:
        """A message from the page (see FrameView): a new view appeared ("hello": it holds
        only the current picture), the explorer came into sight or under the pointer
        ("focus"), a picture drawn ahead arrived ("got"), a drag began or ended ("hold",
        "go")."""
        if not isinstance(content, dict):
            return
        kind = content.get("type")
        if kind not in ("hello", "focus", "got", "hold", "go", "want"):
            return
        if kind in ("got", "hold", "go", "want"):
            with self._wake:
                if kind == "got":
                    self._in_flight = max(0, self._in_flight - 1)
                elif kind == "want":
                    if isinstance(content.get("key"), str):
                        self._wanted = content["key"]
                else:
                    self._held = kind == "hold"
                self._start()
            return
        self._to_front()
        with self._wake:
            if kind == "hello":
                self._page = True
                self._sent.clear()
                self._plan = None       # draw it all again for the new view
                self._in_flight = 0
                self._held = False
                self._behind = True     # the new view is sent the current picture
            control = content.get("control")
            if control in self.controls and control != self._first:
                self._first = control
                self._plan = None       # plan again, that slider first
            self._start()

    def _to_front(self) -> None:
        behind = _in_front()
        _front[:] = [weakref.ref(self)]
        if behind is not None and behind is not self:
            with behind._wake:
                behind._wake.notify_all()

    def _start(self) -> None:
        """Make sure the redraw thread runs (call holding self._wake)."""
        if self._worker is None:
            self._worker = threading.Thread(target=self._work, daemon=True,
                                            name=f"ann-explorer-{self.name}")
            self._worker.start()
        self._wake.notify_all()

    def _values_of(self, key: str) -> dict | None:
        """The control values of a picture's key (None: not a key of these controls)."""
        try:
            at = json.loads(key)
            if not isinstance(at, list) or len(at) != len(self.controls):
                return None
            values = {}
            for (name, widget), k in zip(self.controls.items(), at, strict=True):
                if isinstance(k, str):          # a value between positions, as it is
                    values[name] = json.loads(k)
                elif positions(widget) is not None:
                    values[name] = value_at(widget, k)
                else:
                    option = widget.options[k]
                    values[name] = option[1] if isinstance(option, tuple) else option
            return values
        except (ValueError, TypeError, IndexError):
            return None

    def _next_ahead(self, plan: bool = True):
        """The next (key, values) to draw ahead, or None (call holding self._wake): the
        page's wanted picture first, then (if `plan`) the plan's next."""
        wanted, self._wanted = self._wanted, None
        if wanted is not None and wanted not in self._sent:
            values = self._values_of(wanted)
            if values is not None:
                return wanted, values
        if (not plan or not self._page or self._held or self._in_flight >= WINDOW
                or _in_front() is not self or len(self._sent) >= MAX_FRAMES):
            return None     # a "got", "go", "focus" or move starts the thread again
        here = self.key()
        if self._plan is None or self._plan_at != here:
            self._plan = prefetch_plan(self.controls, self._first, self.line_frames)
            self._plan_at = here
        for key, values in self._plan:
            if key not in self._sent:
                return key, values
        return None

    def _work(self) -> None:
        """The redraw thread: the picture for the controls' values first, whenever they
        change; while they do not, and this explorer is in front, pictures ahead, one at a
        time (a move is never kept waiting longer than one picture). Ends when there is
        nothing left to draw; a move or a message starts it again."""
        while True:
            with self._wake:
                # the picture the page is waiting for, then the controls' values, then ahead
                ahead = self._next_ahead(plan=not self._behind)
                if ahead is None:
                    if not self._behind:
                        self._worker = None
                        self._wake.notify_all()
                        return
                    self._behind = False
                    self._drawing = True
            try:
                with _turns.background():
                    if ahead is None:
                        with self._lock:
                            self.status = self.update(**self.values())
                            self._show_current(self.status)
                    else:
                        self._draw_ahead(*ahead)
            except Exception as exc:  # noqa: BLE001 - a thread's traceback would be lost
                if ahead is None:
                    self._view.error = _("could not redraw: {error!r}").format(error=exc)
                else:   # not where the learner is: skip that picture, say nothing
                    with self._wake:
                        self._sent.add(ahead[0])
            finally:
                with self._wake:
                    self._drawing = False
                    self._wake.notify_all()

    def _draw_ahead(self, key: str, values: dict) -> None:
        picture, status = self.draw_ahead(values)
        with self._wake:
            self._sent.add(key)
            self._in_flight += 1
        self._view.ahead(key, picture, status)

    def wait_redrawn(self, timeout: float = 10.0) -> bool:
        """Wait until the picture shows the controls' current values (tests, benchmarks)."""
        with self._wake:
            return self._wake.wait_for(lambda: not self._behind and not self._drawing, timeout)

    def wait_ahead(self, timeout: float = 60.0) -> bool:
        """Wait until the redraw thread has nothing left to draw (tests, benchmarks)."""
        with self._wake:
            return self._wake.wait_for(lambda: self._worker is None, timeout)

    def describe(self) -> str:
        """What the live explorer is, in words: its text when no kernel shows it."""
        shown = []
        for widget in self.controls.values():
            value = widget.value
            if isinstance(widget, W.FloatSlider):
                value = format(value, widget.readout_format)
            label = widget.description.rstrip()
            shown.append(f"{label} {value}" if label.endswith("=") else f"{label} = {value}")
        return _("Live explorer ({controls}): run this notebook in JupyterLab or on Binder to "
                 "move the sliders; the picture above shows it with these values.").format(
            controls=_("; ").join(shown))

    def __repr__(self) -> str:
        return self.describe()

    def snapshot(self) -> None:
        """Show the current picture as a static image (seen on GitHub, without a kernel)."""
        with self._lock:
            plotting.show(self.fig)

    @property
    def ui(self) -> W.VBox:
        """The live explorer: controls, figure, status line."""
        if self._box is None:
            _turns.hook()
            sizes = [positions(w) for w in self.controls.values()]
            # shown at the PNG's own pixel width (a VBox would stretch it and blur the text)
            self._view = FrameView(
                controls=list(self.controls.values()), names=list(self.controls), sizes=sizes,
                plan={k: line_size(n, self.line_frames)
                      for k, n in zip(self.controls, sizes, strict=True) if n is not None and n > 1},
                width=round(self.fig.get_figwidth() * self.fig.dpi),
                alt=_("the explorer's picture, drawn by matplotlib; the status line below "
                      "says what it shows"))
            self._view.show(self.key(), self.render(), self.status)
            self._sent.add(self.key())
            self._view.on_msg(self._message)
            for key, widget in self.controls.items():
                widget.add_class(f"ann-control-{key}")
                widget.observe(self._moved, names="value")
            controls = W.HBox(list(self.controls.values()),
                              layout=W.Layout(flex_flow="row wrap"))
            self._box = _ExplorerBox([controls, self._view], self.describe)
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
