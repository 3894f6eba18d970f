"""Figures say what the runs did: titles in words, readable resolution, the colour-safe palette,
no vertical strokes at jumps, contour levels that match the lesson's sentence."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ann_helpers import functions as F
from ann_helpers import plotting
from ann_helpers.descent import gradient_descent
from ann_helpers.explorers import backprop, descent, extrema
from ann_helpers.explorers.descent import levels_for, outcome, runs_2d

ROOT = Path(__file__).resolve().parents[1]
NARROW = F.get("narrow_bowl")


def _narrow_run(lr, steps=40):
    return gradient_descent(NARROW.grad, [-5.0, -2.0], lr, steps=steps, f=NARROW.f)


# -- outcome(): the status in words, and the right one --------------------------------------
def test_outcome_of_finished_runs_names_the_status():
    assert outcome(_narrow_run(0.02, steps=2000)) == "converged in 508 steps"
    assert outcome(_narrow_run(0.105, steps=2000)) == "diverged after 76 steps"
    square = F.get("square")
    cycle = gradient_descent(square.grad, 1.0, 1.0, steps=50, f=square.f)
    assert outcome(cycle) == "a cycle of 2 points, for ever"


def test_outcome_of_budget_runs_says_what_the_last_steps_did():
    # lesson 04's four zig-zag panels: all four runs are stopped by the 40-step budget
    # (status "max_steps"), but they do four different things
    runs = {lr: _narrow_run(lr) for lr in (0.02, 0.09, 0.1, 0.105)}
    assert {r.status for r in runs.values()} == {"max_steps"}
    assert outcome(runs[0.02]) == "still descending at the end of 40 steps"
    assert outcome(runs[0.09]) == "still descending at the end of 40 steps"
    assert outcome(runs[0.1]) == "bouncing: |gradient| stays near 40"
    assert outcome(runs[0.105]) == "diverging: |gradient| ×1.10 per step"


def test_outcome_of_a_slow_crawl_is_descending_not_bouncing():
    rosen = F.get("rosenbrock")
    run = gradient_descent(rosen.grad, [-1.5, 2.0], 0.001, steps=2000, f=rosen.f)
    assert run.status == "max_steps"
    assert outcome(run) == "still descending at the end of 2000 steps"


def test_outcome_without_enough_steps_to_judge():
    square = F.get("square")
    run = gradient_descent(square.grad, 1.0, 0.1, steps=1, f=square.f)
    assert outcome(run) == "stopped after 1 step (the budget)"


# -- contour levels ------------------------------------------------------------------------
def test_even_levels_are_evenly_spaced_and_crowd_where_the_gradient_is_long():
    levels = levels_for(NARROW, spacing="even")
    steps = np.diff(levels)
    assert np.allclose(steps, steps[0])
    # along the y axis of x^2 + 10y^2 the level curve of value c sits at y = sqrt(c / 10):
    # the gap between neighbouring curves shrinks as |grad f| = 20 y grows
    ys = np.sqrt((levels - levels[0] + 1e-12) / 10.0)
    gaps = np.diff(ys)[1:]
    assert np.all(np.diff(gaps) < 0)


def test_log_levels_crowd_near_the_minimum():
    levels = levels_for(NARROW, spacing="log")
    assert np.all(np.diff(np.diff(levels)) > 0)


def test_levels_for_rejects_an_unknown_spacing():
    with pytest.raises(ValueError) as err:
        levels_for(NARROW, spacing="linear")
    assert str(err.value) == "spacing must be 'log' or 'even', got 'linear'"


def test_runs_2d_wraps_long_titles_and_adds_a_colour_bar():
    fig = runs_2d(NARROW, [_narrow_run(0.1)], ["lr = 0.1: " + outcome(_narrow_run(0.1))],
                  size=(3.0, 3.5))
    title = fig.axes[0].get_title()
    assert "\n" in title and title.replace("\n", " ") == "lr = 0.1: bouncing: |gradient| stays near 40"
    assert len(fig.axes) == 2  # the panel and its colour bar


# -- resolution, palette, jumps --------------------------------------------------------------
def _png_width(data: bytes) -> int:
    return Image.open(io.BytesIO(data)).size[0]


def test_static_pictures_are_drawn_at_110_dpi_or_more():
    fig, _ = plotting.new_figure(size=(4.0, 2.0))
    assert fig.dpi == 80  # live explorers keep the fast default ...
    assert _png_width(plotting.png(fig)) == 320
    # ... and show() renders at STATIC_DPI (checked through the same call it makes)
    assert plotting.STATIC_DPI >= 110
    assert _png_width(plotting.png(fig, dpi=max(plotting.STATIC_DPI, fig.dpi))) == 440


def test_break_at_leaves_a_gap_instead_of_a_vertical_stroke():
    x = np.linspace(-1.0, 1.0, 5)  # -1, -0.5, 0, 0.5, 1
    y = (x >= 0).astype(float)
    bx, by = plotting.break_at(x, y, 0.0)
    assert np.array_equal(bx, [-1.0, -0.5, np.nan, 0.5, 1.0], equal_nan=True)
    assert np.array_equal(by, [0.0, 0.0, np.nan, 1.0, 1.0], equal_nan=True)
    # a jump between grid points keeps every point and puts the gap between them
    bx, by = plotting.break_at(x, np.sign(x - 0.25), 0.25)
    assert np.array_equal(bx, [-1.0, -0.5, 0.0, np.nan, 0.5, 1.0], equal_nan=True)


PALETTE = {c.lower() for c in plotting.OKABE_ITO.values()} | {plotting.COLORS["muted"]}


@pytest.mark.parametrize("colour", [*descent.MINIMA_COLORS, *backprop.EDGE_COLORS.values(),
                                    extrema.FALLING, extrema.RISING,
                                    *(c for _, c in extrema.MARKERS.values())])
def test_colours_that_carry_meaning_come_from_the_okabe_ito_palette(colour):
    assert colour.lower() in PALETTE


def test_falling_and_rising_differ_by_line_style_too():
    assert extrema.FALLING_STYLE != extrema.RISING_STYLE


def test_no_red_green_hex_literals_left_in_lessons_00_to_08_and_their_explorers():
    old = ("#d1495b", "#2e933c", "#7b5ea7", "#edae49", "#7fb3e0", "#c8e6c9")
    files = [*sorted((ROOT / "notebooks").glob("0[0-8]_*.py")),
             *(ROOT / "ann_helpers" / "explorers" / f"{m}.py"
               for m in ("descent", "backprop", "extrema", "loss", "neuron", "search",
                         "training")),
             ROOT / "ann_helpers" / "diagrams.py"]
    for path in files:
        text = path.read_text(encoding="utf-8").lower()
        found = [c for c in old if c in text]
        assert not found, f"{path.name}: {found}"


def test_cost_figure_plots_the_table_networks_with_mathtext_labels():
    fig = backprop.cost_figure(backprop.COST_NETWORKS)
    ax = fig.axes[0]
    assert "[w, w, w, w]" not in ax.get_xlabel()
    labels = [t.get_text() for t in ax.texts]
    assert labels == [str(list(s)).replace(" ", "") for s in backprop.COST_NETWORKS]
    assert all(re.search(r"\$.*\$", t.get_text()) for t in ax.get_legend().get_texts())


def test_every_tangent_curve_has_its_formula_for_the_figure():
    assert set(extrema.SHOWN) == set(extrema.FUNCTIONS)
    assert all("^" not in shown for shown in extrema.SHOWN.values())


def test_titles_that_change_with_every_move_avoid_mathtext():
    # mathtext is re-laid out whenever its text changes (measured ~5 ms a redraw); the titles
    # and text an explorer rewrites on every move stay plain unicode
    from ann_helpers.explorers.descent import DescentExplorer1D, DescentExplorer2D
    from ann_helpers.explorers.loss import LossFitExplorer

    ex1 = DescentExplorer1D(lr=1.1, x0=1.0, gradient="raw", steps=20)
    assert ex1.title_it.get_text() == "xₖ against k: diverging: |gradient| ×1.20 per step"
    ex2 = DescentExplorer2D()
    tangent = extrema.TangentExplorer(function="x^2 + 3x", x=-2.5)
    fit = LossFitExplorer()
    texts = [ex1.title.get_text(), ex1.title_it.get_text(), ex2.title.get_text(),
             ex2.title_loss.get_text(), tangent._slope_text.get_text(), fit.ax.get_title()]
    assert not [t for t in texts if "$" in t]


def test_backward_step_formulas_are_drawn_in_the_lessons_notation():
    assert backprop.pretty("dL/dh1 = delta3 w5 + delta4 w7 = -0.8291 * 0.50 + 0.6406 * 0.70") \
        == "∂L/∂h₁ = δ₃ w₅ + δ₄ w₇ = -0.8291 · 0.50 + 0.6406 · 0.70"
    assert backprop.pretty("dL/dy1_hat = y1_hat - y1 (from L = 1/2 (y1 - y1_hat)^2)") \
        == "∂L/∂ŷ₁ = ŷ₁ − y₁ (from L = ½ (y₁ − ŷ₁)²)"
    # numbers are left alone, and the status line keeps the plain form
    assert backprop.pretty("delta1 = 0.033829 * 0.5866 * (1 - 0.5866) = 0.008203") \
        == "δ₁ = 0.033829 · 0.5866 · (1 − 0.5866) = 0.008203"
    ex = backprop.BackpropStepsExplorer(step=7)
    assert ex.status.startswith("step 7 of 12: dL/dh1 = delta3 w5 + delta4 w7")
    assert ex.formula.get_text().startswith("∂L/∂h₁ = δ₃ w₅ + δ₄ w₇")


def test_network_labels_use_mathtext():
    assert backprop.tex("w5") == "$w_{5}$" and backprop.tex("b4") == "$b_{4}$"
    assert backprop.NODE_LABELS["y1_hat"] == r"$\hat y_1$"
