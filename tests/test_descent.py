"""gradient_descent: the article's numbers, every status, shapes, no warnings, bad input."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from messages import raises

from ann_helpers import functions as F
from ann_helpers.descent import (
    gradient_descent,
    nearest,
    noisy_gradient_descent,
    random_restarts,
    step_table,
)

SQ = F.get("square")
BOWL = F.get("bowl")


# -- the article's worked numbers -----------------------------------------------------------
def test_unit_gradient_from_1_lr_half_goes_1_half_0():
    path = gradient_descent(SQ.grad, 1.0, 0.5, normalize=True, f=SQ.f)
    assert path.points.tolist() == [1.0, 0.5, 0.0]
    assert path.grads.tolist() == [2.0, 1.0, 0.0]
    assert path.status == "converged" and path.steps == 2


def test_raw_gradient_from_1_lr_half_lands_on_0_in_one_step():
    path = gradient_descent(SQ.grad, 1.0, 0.5)
    assert path.points.tolist() == [1.0, 0.0]
    assert path.status == "converged"


def test_unit_gradient_from_0_4_lr_half_oscillates_between_0_4_and_minus_0_1():
    path = gradient_descent(SQ.grad, 0.4, 0.5, normalize=True, steps=50)
    assert path.status == "oscillating" and path.period == 2
    assert np.allclose(path.points, [0.4, -0.1, 0.4])
    assert "oscillating" in path.message


def test_unit_gradient_lr_0_1_walks_down_and_leaves_a_floating_point_remainder():
    path = gradient_descent(SQ.grad, 0.4, 0.1, normalize=True, tol=1e-8)
    assert path.status == "converged"
    assert np.allclose(path.points, [0.4, 0.3, 0.2, 0.1, 0.0])
    assert path.points[-1] != 0.0 and abs(path.points[-1]) < 1e-15
    # without a tolerance the remainder is not 0, so the run steps over and cycles
    strict = gradient_descent(SQ.grad, 0.4, 0.1, normalize=True, tol=0.0, steps=50)
    assert strict.status == "oscillating"


def test_2d_bowl_from_minus_5_minus_5():
    path = gradient_descent(BOWL.grad, [-5.0, -5.0], 0.5, f=BOWL.f)
    assert path.points.shape == (2, 2)
    assert path.grads[0].tolist() == [-10.0, -10.0]
    assert path.points[1].tolist() == [0.0, 0.0]
    assert path.values.tolist() == [50.0, 0.0]
    assert path.status == "converged"


# -- every status ------------------------------------------------------------------------------
@pytest.mark.parametrize("lr, status", [(0.3, "converged"), (0.5, "converged"),
                                        (0.8, "converged"), (1.0, "oscillating"),
                                        (1.3, "diverged")])
def test_raw_regimes_on_x_squared(lr, status):
    path = gradient_descent(SQ.grad, 1.0, lr, steps=500)
    assert path.status == status


def test_regime_shapes_monotone_vs_alternating():
    mono = gradient_descent(SQ.grad, 1.0, 0.2, steps=10, tol=0.0).points
    alt = gradient_descent(SQ.grad, 1.0, 0.8, steps=10, tol=0.0).points
    assert np.all(mono > 0) and np.all(np.diff(mono) < 0)
    assert np.all(np.sign(alt[1:]) == -np.sign(alt[:-1]))


def test_max_steps():
    path = gradient_descent(SQ.grad, 1.0, 0.01, steps=5)
    assert path.status == "max_steps" and path.steps == 5 and path.points.shape == (6,)


def test_divergence_stops_at_once_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = gradient_descent(SQ.grad, 1.0, 5.0, steps=10_000, f=SQ.f)
        exploding = gradient_descent(lambda x: -np.exp(x), 1.0, 1.0, steps=50)
        over = gradient_descent(lambda x: x**3, 1e5, 1.0, steps=50, bound=1e300)
    assert path.status == "diverged" and path.steps < 20
    assert abs(path.points[-1]) > 1e3 or path.values[-1] > 1e6
    assert exploding.status == "diverged"
    assert over.status == "diverged"
    assert np.isnan(path.grads[-1])


def test_python_overflow_error_counts_as_divergence():
    def grad(x):
        return math.exp(x) * 1e300 if x > 0 else -1.0   # math.exp overflows -> OverflowError

    path = gradient_descent(grad, -1.0, 1000.0, steps=10)
    assert path.status == "diverged"


def test_three_cycle_is_detected():
    cycle = {0.0: 1.0, 1.0: 2.0, 2.0: 0.0}   # x -> x - lr * grad visits 0, 1, 2, 0, ...

    def grad(x):
        return x - cycle[float(x)]

    path = gradient_descent(grad, 0.0, 1.0, steps=20)
    assert path.status == "oscillating" and path.period == 3


# -- shapes ----------------------------------------------------------------------------------
@pytest.mark.parametrize("d", [1, 2, 5, 300])
def test_any_dimension(d):
    q = F.random_quadratic(d, condition=5.0, seed=1)
    path = gradient_descent(q.grad, np.zeros(d), 1.0 / q.max_curvature(), steps=2000, f=q.f)
    assert path.points.shape == (path.steps + 1, d)
    assert path.grads.shape == path.points.shape
    assert path.values.shape == (path.steps + 1,)
    assert path.status == "converged"
    assert np.allclose(path.x, q.global_minimum, atol=1e-7)


def test_scalar_vs_length_one_vector():
    scalar = gradient_descent(SQ.grad, 1.0, 0.3, steps=3, tol=0)
    vector = gradient_descent(SQ.grad, [1.0], 0.3, steps=3, tol=0)
    assert scalar.points.shape == (4,) and vector.points.shape == (4, 1)
    assert np.allclose(scalar.points, vector.points[:, 0])
    assert isinstance(scalar.x, float)


def test_start_point_is_not_modified():
    x0 = np.array([1.0, 2.0])
    gradient_descent(BOWL.grad, x0, 0.1, steps=3)
    assert x0.tolist() == [1.0, 2.0]


def test_step_table_lists_every_iterate():
    text = step_table(gradient_descent(SQ.grad, 1.0, 0.5, normalize=True, f=SQ.f))
    lines = text.splitlines()
    assert len(lines) == 1 + 3 + 1 and "converged" in lines[-1]
    assert "0.5000" in lines[2]


# -- randomness -------------------------------------------------------------------------------
def test_noisy_descent_is_seeded_and_can_escape():
    two = F.get("two_minima")
    a = noisy_gradient_descent(two.grad, 1.5, 0.05, noise=4.0, seed=3, steps=300)
    b = noisy_gradient_descent(two.grad, 1.5, 0.05, noise=4.0, seed=3, steps=300)
    assert np.array_equal(a.points, b.points)
    ends = [nearest(noisy_gradient_descent(two.grad, 1.5, 0.05, noise=8.0, seed=s).x,
                    two.minima) for s in range(40)]
    plain = nearest(gradient_descent(two.grad, 1.5, 0.05, steps=300).x, two.minima)
    assert plain == 1                    # plain descent from 1.5 stays in the local minimum
    assert 0 < ends.count(0) < 40        # noise sends some runs, not all, to the global one


def test_random_restarts_best_first():
    two = F.get("two_minima")
    runs = random_restarts(two.grad, two.f, -2.0, 2.0, n=10, lr=0.05, seed=0)
    assert len(runs) == 10
    finals = [r.values[-1] for r in runs]
    assert finals == sorted(finals)
    assert abs(runs[0].x - two.global_minimum) < 1e-4


# -- bad input ---------------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs, error, message", [
    (dict(grad=3), TypeError, 'grad must be a function (callable), got 3 of type int'),
    (dict(x0="one"), TypeError,
     "x0 must be a real number or an array of real numbers, got text: 'one'"),
    (dict(x0=math.nan), ValueError, 'x0 must be a finite number, got nan'),
    (dict(x0=[[1.0, 2.0]]), ValueError, 'x0 must have 1 dimension(s), got shape (1, 2)'),
    (dict(x0=[]), ValueError, 'x0 must have at least one coordinate, got an empty array'),
    (dict(x0=[1.0, math.inf]), ValueError, 'x0 must contain only finite numbers (no nan or inf)'),
    (dict(lr=0.0), ValueError, 'lr must be in (0, inf], got 0'),
    (dict(lr=-1.0), ValueError, 'lr must be in (0, inf], got -1'),
    (dict(lr="big"), TypeError, "lr must be a real number, got 'big' of type str"),
    (dict(steps=-1), ValueError, 'steps must be a whole number in [0, 1000000], got -1'),
    (dict(steps=2.5), TypeError, 'steps must be a whole number, got 2.5 of type float'),
    (dict(normalize="yes"), TypeError, "normalize must be True or False, got 'yes'"),
    (dict(tol=-1e-3), ValueError, 'tol must be in [0, inf], got -0.001'),
    (dict(f="f"), TypeError, "f must be a function (callable), got 'f' of type str"),
    (dict(bound=0.0), ValueError, 'bound must be in (0, inf], got 0'),
])
def test_bad_arguments(kwargs, error, message):
    args = dict(grad=SQ.grad, x0=1.0, lr=0.1) | kwargs
    with raises(error, message):
        gradient_descent(**args)


def test_gradient_of_the_wrong_shape_is_named():
    with raises(ValueError, 'grad must return an array of shape (3,) for x0 of this shape, got '
                            'shape (2,)'):
        gradient_descent(BOWL.grad, [1.0, 2.0, 3.0], 0.1)
    with raises(ValueError, 'f must return a number for x0 of this shape, got shape (2,)'):
        gradient_descent(BOWL.grad, [1.0, 2.0], 0.1, f=BOWL.grad)


def test_bad_arguments_of_the_randomness_helpers():
    two = F.get("two_minima")
    with raises(ValueError, 'noise must be in [0, inf], got -1'):
        noisy_gradient_descent(two.grad, 1.0, 0.1, noise=-1.0)
    with raises(ValueError, 'seed must be a whole number in [0, inf], got -2'):
        noisy_gradient_descent(two.grad, 1.0, 0.1, noise=1.0, seed=-2)
    with raises(ValueError, 'decay must be in [0, 1], got 1.5'):
        noisy_gradient_descent(two.grad, 1.0, 0.1, noise=1.0, decay=1.5)
    with raises(ValueError, 'high must be above low in every coordinate, got low=2.0, high=-2.0'):
        random_restarts(two.grad, two.f, 2.0, -2.0, n=3, lr=0.1)
    with raises(ValueError, 'low and high must have the same shape, got () and (2,)'):
        random_restarts(two.grad, two.f, 0.0, [1.0, 2.0], n=3, lr=0.1)
    with raises(ValueError, 'n must be a whole number in [1, 100000], got 0'):
        random_restarts(two.grad, two.f, -1.0, 1.0, n=0, lr=0.1)


# -- the explorers say what happened, in words ------------------------------------------------
def test_explorer_statuses_name_every_regime():
    from ann_helpers.explorers.descent import DescentExplorer1D, DescentExplorer2D

    one = DescentExplorer1D(lr=0.5, x0=1.0, gradient="normalized", steps=20)
    assert one.status.startswith("converged after 2 steps")
    assert DescentExplorer1D(lr=1.0, x0=1.0).status.startswith("oscillating")
    assert DescentExplorer1D(lr=1.2, x0=2.0, steps=60).status.startswith("diverged")
    assert DescentExplorer1D(lr=0.01, x0=2.0, steps=5).status.startswith("stopped after 5")
    narrow = "ill-conditioned x² + 10y²"
    above = DescentExplorer2D(function=narrow, lr=0.105, steps=300)
    below = DescentExplorer2D(function=narrow, lr=0.09, steps=300)
    assert above.status.startswith("diverged") and "ABOVE the stability limit" in above.status
    assert below.status.startswith("converged") and "below the stability limit" in below.status


# -- the Chinese edition ---------------------------------------------------------------------
@pytest.fixture
def chinese():
    """Speak Traditional Chinese for one test, English again afterwards."""
    import ann_helpers

    ann_helpers.set_language("zh-Hant")
    yield
    ann_helpers.set_language("en")


def test_a_status_in_chinese_keeps_the_numbers(chinese):
    from ann_helpers.descent import regime

    sq = F.get("square")
    run = gradient_descent(sq.grad, 1.0, 0.5, f=sq.f)
    assert step_table(run).splitlines()[-1] == (
        "狀態：收斂（1 步後收斂：|grad| = 0 < tol = 1e-08，x = 0）")
    assert regime(0.8, 2.0) == "振盪收斂: 每一步換到另一側，距離保留 0.60"


def test_regime_name_is_a_code_in_every_language(chinese):
    """Exercise 03.5 compares the learner's word with regime_name: English in any language."""
    from ann_helpers.descent import REGIMES, regime, regime_name

    names = [regime_name(lr, 2.0) for lr in (0.2, 0.5, 0.75, 1.0, 1.5)]
    assert names == ["monotone", "one step", "oscillating convergence", "a cycle",
                     "divergence"]
    assert set(names) == set(REGIMES)
    assert regime(0.75, 2.0).split(":")[0] == "振盪收斂"


@pytest.mark.parametrize("language", ["en", "zh-Hant"])
def test_runs_2d_titles_stay_inside_the_picture(language):
    """With plain constrained layout the titles of a fresh figure went past the top edge."""
    import ann_helpers
    from ann_helpers.explorers.descent import runs_2d
    from ann_helpers.plotting import png

    ann_helpers.set_language(language)
    try:
        narrow = F.get("narrow_bowl")
        runs = [gradient_descent(narrow.grad, [-5.0, -2.0], lr, steps=40, f=narrow.f)
                for lr in (0.02, 0.09, 0.1, 0.105)]
        two_lines = ("lr = 0.02:\nstill descending" if language == "en"
                     else "lr = 0.02：\n走完 40 步時仍在下降")
        for titles in (["a"] * 4, ["a\nb"] * 4, [two_lines] * 4):
            fig = runs_2d(narrow, runs, titles, size=(12.0, 3.7))
            png(fig, dpi=fig.dpi)
            renderer = fig.canvas.get_renderer()
            for ax in fig.axes[:4]:
                top = ax.title.get_window_extent(renderer).y1
                assert top <= fig.bbox.y1 + 0.5, f"{titles[0]!r}: title top {top} > {fig.bbox.y1}"
    finally:
        ann_helpers.set_language("en")
