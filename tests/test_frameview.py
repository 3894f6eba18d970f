"""Drawing ahead (issue 15): the pictures along each slider, drawn while the learner reads and
kept in the page, must be the very pictures a fresh explorer draws for those values; the
figure must come back to the controls' values; only the explorer in front draws ahead, never
while a notebook cell runs; and nothing is sent twice.

The page's side (frameview.js) is exercised by the browser tests; here a `Page` stands in for
it: it says hello, keeps what the kernel sends, and shows what the page would show.
"""

from __future__ import annotations

import io
import json
import threading
import time

import ipywidgets as W
import numpy as np
import pytest
from PIL import Image

from ann_helpers import widgets as wd
from ann_helpers.explorers import all_explorers
from ann_helpers.widgets import (
    Explorer,
    line_order,
    line_size,
    position,
    positions,
    prefetch_plan,
    slider,
    value_at,
)

EXPLORERS = all_explorers()


def _decoded(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


class Page:
    """What frameview.js keeps: every picture by key (the current one and those drawn
    ahead), and the key the controls are at."""

    def __init__(self, explorer: Explorer):
        self.explorer = explorer
        explorer.ui   # noqa: B018 - builds the view
        view = explorer._view
        self.frames = {view.key: (view.picture, view.status)}
        self.sent_ahead: list[str] = []
        self.acknowledge = True
        view.send = self._receive
        view.observe(self._current, names=["key", "picture"])

    def _receive(self, content, buffers=None):
        assert content["type"] == "frame"
        assert self.explorer._in_flight <= wd.WINDOW
        self.frames[content["key"]] = (bytes(buffers[0]), content["status"])
        self.sent_ahead.append(content["key"])
        if self.acknowledge:
            self.explorer._message(self.explorer._view, {"type": "got"}, [])

    def _current(self, change):
        # FrameView.show sets the picture last: the page reads all three from one message
        view = self.explorer._view
        self.frames[view.key] = (view.picture, view.status)

    def hello(self, control=None):
        ex = self.explorer
        ex._message(ex._view, {"type": "hello"}, [])
        if control is not None:
            ex._message(ex._view, {"type": "focus", "control": control}, [])

    def shown(self):
        """(picture, status) the page shows for the controls' values (None: not there)."""
        return self.frames.get(self.explorer.key())


def _values_at(explorer: Explorer, key: str) -> dict:
    """The control values of a picture's key (a chooser: its option at that index)."""
    out = {}
    for (name, widget), k in zip(explorer.controls.items(), json.loads(key), strict=True):
        out[name] = value_at(widget, k) if positions(widget) else widget.options[k][1] \
            if isinstance(widget.options[k], tuple) else widget.options[k]
    return out


# -- where a control stands ------------------------------------------------------------------
def test_a_slider_value_from_the_page_is_its_positions_value():
    x0 = slider("start x0", 1.0, -3.0, 3.0, 0.1)
    x0.value = -3.0 + 33 * 0.1            # 0.30000000000000027, as the page sends it
    assert position(x0) == 33
    assert wd._on_grid(x0, x0.value) == 0.3 == value_at(x0, 33)
    x0.value = 0.3                         # typed
    assert position(x0) == 33 and wd._on_grid(x0, x0.value) == 0.3


def test_a_value_between_positions_keeps_its_own_value_and_key():
    lr = slider("learning rate", 0.1, 0.0, 0.2, 0.01)
    lr.value = 0.105                       # an explorer built with lr=0.105
    assert wd._on_grid(lr, lr.value) == 0.105
    assert position(lr) == "0.105"        # not position 10 or 11: another picture
    lr.value = 0.1
    assert position(lr) == 10


def test_positions_of_sliders_and_choosers():
    assert positions(slider("x", 0.0, -1.0, 1.0, 0.5)) == 5
    assert positions(W.IntSlider(min=2, max=8, step=2)) == 4
    assert positions(W.SelectionSlider(options=[1, 2, 5, 10])) == 4
    assert positions(W.Dropdown(options=["a", "b"])) is None
    chooser = W.Dropdown(options=[("one", "a"), ("two", "b")], value="b")
    assert position(chooser) == 1


# -- what is drawn ahead, in which order -------------------------------------------------------
@pytest.mark.parametrize("n", [2, 5, 17, 60, 81, 120])
@pytest.mark.parametrize("where", [0.0, 0.3, 1.0])
def test_a_short_line_is_drawn_whole_coarse_to_fine_nearest_first(n, where):
    at = round(where * (n - 1))
    levels = line_order(n, at)
    flat = [q for level in levels for q in level]
    assert sorted(flat + [at]) == list(range(n))       # every position once, not the current
    assert {0, n - 1} - {at} <= set(levels[0])         # both ends in the first, coarse level
    assert len(levels[0]) <= 18
    for level in levels:
        distances = [abs(q - at) for q in level]
        assert distances == sorted(distances)          # nearest first inside a level
    assert line_size(n) == n


@pytest.mark.parametrize("n", [450, 1000, 1100])
def test_a_long_line_is_drawn_no_finer_than_line_frames(n):
    levels = line_order(n, 137)
    flat = [q for level in levels for q in level]
    assert len(set(flat)) == len(flat)
    assert 256 / 2 < len(flat) + 1 <= 256               # as fine as fits in 256 pictures
    stride = np.diff(sorted(q for q in flat if q != n - 1)).min()
    assert (n - 1) / stride <= 256 < (n - 1) / (stride / 2)   # the finest power of two
    assert line_size(n) in (len(flat) + 1, len(flat))  # the current position counted once
    assert line_size(n, line_frames=512) == (n if n <= 512 else line_size(n, 512))


def test_the_slider_under_the_pointer_is_drawn_ahead_first():
    explorer = EXPLORERS["descent_1d"]()
    plan = list(prefetch_plan(explorer.controls, first="x0"))
    names = list(explorer.controls)
    moved = []
    here = json.loads(explorer.key())
    for key, values in plan:
        pos = json.loads(key)
        differ = [names[i] for i in range(len(pos)) if pos[i] != here[i]]
        assert len(differ) == 1, key                   # one slider moved at a time
        moved.append(differ[0])
        (name,) = differ
        assert position_of(explorer.controls[name], values[name]) == pos[names.index(name)]
    n_x0 = positions(explorer.controls["x0"])
    assert moved[:n_x0 - 1] == ["x0"] * (n_x0 - 1)     # the whole x0 line first
    assert set(moved[n_x0 - 1:]) == {"lr", "steps"}     # then the others, in turns
    assert "gradient" not in moved                      # a chooser is not a line


def position_of(widget, value):
    probe = W.FloatSlider(min=widget.min, max=widget.max, step=widget.step, value=value) \
        if isinstance(widget, W.FloatSlider) else \
        W.IntSlider(min=widget.min, max=widget.max, step=widget.step, value=value)
    return position(probe)


# -- the pictures drawn ahead are the pictures ------------------------------------------------
@pytest.mark.parametrize("name", ["descent_1d", "several_minima", "loss_fit", "batch_size"])
def test_pictures_drawn_ahead_are_a_fresh_explorers_and_the_figure_comes_back(name):
    cls = EXPLORERS[name]
    explorer = cls()
    page = Page(explorer)
    page.hello()
    assert explorer.wait_ahead(timeout=300)
    sent = page.sent_ahead
    assert len(sent) == len(set(sent)), "a picture was sent twice"
    planned = {k for k, _ in prefetch_plan(explorer.controls, None, explorer.line_frames)}
    assert set(sent) == planned - {explorer.key()}
    rng = np.random.default_rng(15)
    for key in rng.choice(sent, size=4, replace=False):
        picture, status = page.frames[key]
        fresh = cls(**_values_at(explorer, key))
        assert status == fresh.status, key
        assert np.array_equal(_decoded(picture), _decoded(fresh.render())), key
    # the figure shows the controls' values again (a cell may call render or snapshot)
    fresh = cls(**explorer.values())
    assert np.array_equal(_decoded(explorer.render()), _decoded(fresh.render()))
    assert explorer.status == fresh.status


def test_a_move_to_a_position_drawn_ahead_sends_nothing_and_the_page_shows_it():
    cls = EXPLORERS["descent_1d"]
    explorer = cls()
    page = Page(explorer)
    page.hello(control="lr")
    assert explorer.wait_ahead(timeout=300)
    lr = explorer.controls["lr"]
    current = explorer._view.key
    for k in (3, 40, 77):
        lr.value = lr.min + k * lr.step      # as the page sends it, float noise included
        assert explorer.wait_redrawn(timeout=30)
        # (it goes on drawing ahead, along the other sliders from the new values)
        with wd._turns.cell():
            picture, status = page.shown()
            fresh = cls(**explorer.values())
            assert status == fresh.status == explorer.status
            assert np.array_equal(_decoded(picture), _decoded(fresh.render()))
    assert explorer._view.key == current       # the kernel did not draw the moves again
    assert len(page.sent_ahead) == len(set(page.sent_ahead))
    assert explorer.wait_ahead(timeout=300)


def test_a_new_view_is_sent_everything_again():
    explorer = EXPLORERS["tangent"]()
    page = Page(explorer)
    page.hello()
    assert explorer.wait_ahead(timeout=120)
    first = len(page.sent_ahead)
    assert first > 0
    page.hello()                              # a reload: the new view has only the picture
    assert explorer.wait_ahead(timeout=120)
    assert len(page.sent_ahead) == 2 * first


def test_drawing_ahead_stops_at_max_frames(monkeypatch):
    monkeypatch.setattr(wd, "MAX_FRAMES", 7)
    explorer = EXPLORERS["tangent"]()
    page = Page(explorer)
    page.hello()
    assert explorer.wait_ahead(timeout=60)
    assert len(page.sent_ahead) == 6          # 7 pictures in the page, the current one included


def test_only_the_explorer_in_front_draws_ahead():
    first, second = EXPLORERS["tangent"](), EXPLORERS["several_minima"]()
    page1, page2 = Page(first), Page(second)
    with wd._turns.cell():                    # both shown while a cell runs (run all)
        page1.hello()
        page2.hello()                         # shown last: in front
    assert second.wait_ahead(timeout=120) and first.wait_ahead(timeout=120)
    assert page2.sent_ahead and not page1.sent_ahead
    x = first.controls["x"]
    x.value = value_at(x, 5)                  # the learner moves the first: now it is in front
    assert first.wait_ahead(timeout=120) and second.wait_ahead(timeout=120)
    assert page1.sent_ahead


def test_nothing_is_drawn_in_the_background_while_a_cell_runs():
    explorer = EXPLORERS["tangent"]()
    page = Page(explorer)
    wd._turns.cell_starts()
    try:
        page.hello()
        time.sleep(0.5)
        assert page.sent_ahead == []
        assert not explorer.wait_ahead(timeout=0.1)
    finally:
        wd._turns.cell_ends()
    assert explorer.wait_ahead(timeout=120)
    assert page.sent_ahead


def test_a_cell_waits_for_the_picture_being_drawn():
    turns = wd._Turns()
    order = []
    with turns.background():
        starter = threading.Thread(target=lambda: (turns.cell_starts(), order.append("cell")))
        starter.start()
        time.sleep(0.2)
        order.append("picture done")
    starter.join(5)
    assert order == ["picture done", "cell"]
    turns.cell_ends()


def test_a_position_that_fails_ahead_is_skipped_without_a_word():
    class Fragile(Explorer):
        name = "_fragile"

        def make_controls(self):
            return {"lr": slider("lr", 0.1, 0.0, 0.2, 0.01)}

        def make_figure(self):
            from ann_helpers.plotting import new_figure

            fig, ax = new_figure()
            (self.line,) = ax.plot([0, 1], [0, 0])
            return fig

        def update(self, lr):
            if lr > 0.15:
                raise RuntimeError("boom")
            self.line.set_ydata([0, lr])
            return f"lr = {lr:.2f}"

    explorer = Fragile()
    page = Page(explorer)
    page.hello()
    assert explorer.wait_ahead(timeout=60)
    assert explorer._view.error == ""
    assert len(page.sent_ahead) == 15         # 0.00 ... 0.15 but the current 0.10
    assert explorer.status == "lr = 0.10"


def test_at_most_window_pictures_are_on_their_way_unacknowledged():
    explorer = EXPLORERS["tangent"]()
    page = Page(explorer)
    page.acknowledge = False                  # a page busy elsewhere: no "got" comes back
    page.hello()
    assert explorer.wait_ahead(timeout=60)
    time.sleep(0.2)
    assert len(page.sent_ahead) == wd.WINDOW
    explorer._message(explorer._view, {"type": "got"}, [])
    assert explorer.wait_ahead(timeout=60)
    assert len(page.sent_ahead) == wd.WINDOW + 1
    page.acknowledge = True
    explorer._message(explorer._view, {"type": "got"}, [])
    assert explorer.wait_ahead(timeout=120)
    assert len(page.sent_ahead) == line_size(positions(explorer.controls["x"])) - 1


def test_nothing_is_drawn_ahead_during_a_drag_but_every_move_is_drawn():
    cls = EXPLORERS["several_minima"]
    explorer = cls()
    page = Page(explorer)
    explorer._message(explorer._view, {"type": "hold"}, [])   # pointer down on a slider
    page.hello()
    x0 = explorer.controls["x0"]
    hello_reset_hold = explorer._held is False
    explorer._message(explorer._view, {"type": "hold"}, [])
    for k in (10, 20, 30):
        x0.value = x0.min + k * x0.step
        assert explorer.wait_redrawn(timeout=30)
    assert explorer.wait_ahead(timeout=30)
    assert hello_reset_hold and page.sent_ahead == []
    with wd._turns.cell():
        picture, status = page.shown()       # the kernel drew the exact picture
        assert status == cls(**explorer.values()).status
    explorer._message(explorer._view, {"type": "go"}, [])   # released
    assert explorer.wait_ahead(timeout=120)
    assert page.sent_ahead


def test_a_wanted_picture_is_drawn_next_even_during_a_drag():
    cls = EXPLORERS["descent_2d"]
    explorer = cls()
    page = Page(explorer)
    page.hello()
    explorer._message(explorer._view, {"type": "hold"}, [])
    assert explorer.wait_ahead(timeout=60)
    before = len(page.sent_ahead)
    pos = json.loads(explorer.key())
    pos[list(explorer.controls).index("lr")] = 5     # between the positions drawn ahead
    key = json.dumps(pos, separators=(",", ":"))
    explorer._message(explorer._view, {"type": "want", "key": "[no key"}, [])   # ignored
    assert explorer.wait_ahead(timeout=60)
    explorer._message(explorer._view, {"type": "want", "key": key}, [])
    assert explorer.wait_ahead(timeout=60)
    assert page.sent_ahead[before:] == [key]
    with wd._turns.cell():
        picture, status = page.frames[key]
        fresh = cls(**{**explorer.values(), "lr": value_at(explorer.controls["lr"], 5)})
        assert status == fresh.status
        assert np.array_equal(_decoded(picture), _decoded(fresh.render()))
