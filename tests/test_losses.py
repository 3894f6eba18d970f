"""Losses: every gradient against the numerical one, stable softmax, bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from messages import raises

from ann_helpers.calculus import numerical_gradient
from ann_helpers.losses import (
    LOSSES,
    cross_entropy,
    cross_entropy_logits,
    cross_entropy_logits_grad,
    example_data,
    get_loss,
    least_squares_line,
    line_loss,
    line_loss_grad,
    line_loss_surface,
    log_softmax,
    logsumexp,
    one_hot,
    softmax,
    squared_error,
    symbolic_example_loss,
)

finite = st.floats(-20.0, 20.0, allow_nan=False)
shapes = st.sampled_from([(1,), (3,), (2, 4)])


@st.composite
def prediction_and_label(draw):
    shape = draw(shapes)
    y_hat = draw(arrays(float, shape, elements=finite))
    y = draw(arrays(float, shape, elements=finite))
    return y_hat, y


@st.composite
def logits_and_onehot(draw):
    rows = draw(st.integers(1, 3))
    classes = draw(st.integers(2, 5))
    z = draw(arrays(float, (rows, classes), elements=finite))
    labels = draw(arrays(np.int64, (rows,), elements=st.integers(0, classes - 1)))
    return z, one_hot(labels, classes)


@settings(max_examples=60, deadline=None)
@given(data=prediction_and_label())
def test_squared_error_gradient(data):
    y_hat, y = data
    loss = LOSSES["squared_error"]
    numeric = numerical_gradient(lambda p: loss.f(p, y), y_hat, h=1e-6)
    assert np.allclose(loss.grad(y_hat, y), numeric, rtol=1e-5, atol=1e-5)


@settings(max_examples=60, deadline=None)
@given(data=prediction_and_label())
def test_absolute_error_gradient_away_from_the_kink(data):
    y_hat, y = data
    y_hat = np.where(np.abs(y_hat - y) < 1e-3, y + 0.5, y_hat)   # keep off the kink at 0
    loss = LOSSES["absolute_error"]
    numeric = numerical_gradient(lambda p: loss.f(p, y), y_hat, h=1e-6)
    assert np.allclose(loss.grad(y_hat, y), numeric, rtol=1e-5, atol=1e-5)


@settings(max_examples=60, deadline=None)
@given(data=logits_and_onehot())
def test_cross_entropy_gradients(data):
    z, y = data
    loss = LOSSES["cross_entropy"]
    # w.r.t. the logits: softmax - onehot
    numeric = numerical_gradient(lambda v: loss.f_logits(v, y), z, h=1e-6)
    assert np.allclose(loss.grad_logits(z, y), numeric, rtol=1e-4, atol=1e-6)
    # w.r.t. the probabilities: -y / p, at probabilities not too close to 0
    p = np.clip(softmax(z), 0.05, 1.0)
    p = p / p.sum(axis=-1, keepdims=True)
    numeric_p = numerical_gradient(lambda q: loss.f(q, y), p, h=1e-7)
    assert np.allclose(loss.grad(p, y), numeric_p, rtol=1e-4, atol=1e-6)
    # both routes give the same loss (for logits where no probability falls below the clip EPS)
    z = z / 4
    assert loss.f(softmax(z), y) == pytest.approx(loss.f_logits(z, y), rel=1e-9, abs=1e-9)


def test_known_values():
    assert squared_error([1.0, 2.0], [0.0, 0.0]) == 2.5
    assert LOSSES["absolute_error"].f([1.0, -2.0], [0.0, 0.0]) == 3.0
    assert LOSSES["absolute_error"].grad(2.0, 2.0) == 0.0
    assert cross_entropy([0.25, 0.75], [0.0, 1.0]) == pytest.approx(-np.log(0.75))
    assert np.allclose(softmax([0.0, 0.0, 0.0, 0.0]), 0.25)
    assert logsumexp([0.0, np.log(3.0)]) == pytest.approx(np.log(4.0))
    assert np.allclose(one_hot([2, 0], 3), [[0, 0, 1], [1, 0, 0]])


def test_softmax_is_stable_for_huge_logits():
    z = np.array([[1000.0, 0.0, -1000.0], [-1e300, 1e300, 0.0]])
    y = one_hot([0, 2], 3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = softmax(z)
        lp = log_softmax(z)
        L = cross_entropy_logits(z, y)
        g = cross_entropy_logits_grad(z, y)
    assert np.allclose(p, [[1, 0, 0], [0, 1, 0]])
    assert np.allclose(p.sum(axis=1), 1.0)
    assert np.all(np.isfinite(lp)) and lp[0, 2] == -2000.0
    assert L == pytest.approx(1e300)          # the second row is confidently wrong
    assert np.allclose(g, p - y)


def test_cross_entropy_of_a_zero_probability_is_large_but_finite():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        L = cross_entropy([1.0, 0.0], [0.0, 1.0])
    assert np.isfinite(L) and L > 25


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_mismatched_shapes_are_rejected(name):
    loss = LOSSES[name]
    with raises(ValueError, 'y_hat and y must have the same shape, got y_hat (3,) and y (2,)'):
        loss.f([0.2, 0.3, 0.5], [0.0, 1.0])
    with raises(ValueError, 'y_hat and y must have the same shape, got y_hat (3,) and y (2,)'):
        loss.grad([0.2, 0.3, 0.5], [0.0, 1.0])


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_non_finite_values_are_rejected(name):
    with raises(ValueError, 'y_hat must contain only finite numbers (no nan or inf)'):
        LOSSES[name].f([np.nan, 1.0], [0.0, 1.0])
    with raises(ValueError, 'y must contain only finite numbers (no nan or inf)'):
        LOSSES[name].grad([0.0, 1.0], [np.inf, 0.0])


def test_cross_entropy_rejects_what_is_not_a_probability():
    with raises(ValueError, 'y must be one-hot or a probability vector: entries >= 0 and each '
                            'row summing to 1, got row sums 0.7'):
        cross_entropy_logits([1.0, 2.0], [0.5, 0.2])
    with raises(ValueError, 'y_hat must be probabilities in [0, 1] for cross_entropy; for raw '
                            'network outputs use cross_entropy_logits'):
        cross_entropy([1.5, -0.5], [1.0, 0.0])
    with raises(ValueError, 'y must be a probability vector such as a one-hot label [0, 1, 0], '
                            'got a single number'):
        cross_entropy(0.5, 1.0)
    with raises(ValueError, 'labels must be whole numbers in [0, 2], got [3]'):
        one_hot([3], 3)
    with raises(ValueError, 'z must have 1 or 2 dimension(s), got shape (2, 2, 2)'):
        softmax(np.zeros((2, 2, 2)))


def test_unknown_loss_lists_the_allowed_names():
    with raises(KeyError, "unknown loss 'mse'; allowed names: 'squared_error', 'absolute_error', "
                          "'cross_entropy'"):
        LOSSES["mse"]
    with raises(ValueError, "unknown loss 'hinge'; allowed names: 'squared_error', "
                            "'absolute_error', 'cross_entropy'"):
        get_loss("hinge")
    with raises(TypeError, "loss must be a name ('squared_error', 'absolute_error', "
                           "'cross_entropy') or a Loss, got None of type NoneType"):
        get_loss(None)


@pytest.mark.parametrize("form", ["squared_error", "absolute_error"])
@settings(max_examples=30, deadline=None)
@given(w=st.floats(-3, 3), b=st.floats(-3, 3))
def test_line_loss_gradient(form, w, b):
    x, y = example_data()
    residuals = w * x + b - y
    if form == "absolute_error" and np.min(np.abs(residuals)) < 1e-3:
        return   # on a kink of |r|: no derivative to compare
    numeric = numerical_gradient(lambda p: line_loss(p, x, y, form), [w, b], h=1e-6)
    assert np.allclose(line_loss_grad([w, b], x, y, form), numeric, rtol=1e-5, atol=1e-5)


def test_least_squares_line_is_where_the_gradient_vanishes():
    x, y = example_data(n=12, seed=3)
    wb = least_squares_line(x, y)
    assert np.allclose(line_loss_grad(wb, x, y), 0.0, atol=1e-9)
    assert np.allclose(wb, np.polyfit(x, y, 1))
    with raises(ValueError, 'x and y must have the same length, got 3 and 2'):
        line_loss([1.0, 0.0], [1.0, 2.0, 3.0], [1.0, 2.0])
    with raises(ValueError, 'params must have shape (2,), got (3,)'):
        line_loss([1.0, 0.0, 2.0], x, y)


def test_symbolic_example_loss_is_a_function_of_the_parameters_only():
    L, grads = symbolic_example_loss(1, 2, 3)
    a, b, c = sp.symbols("a b c")
    assert L.free_symbols == {a, b, c}
    assert sp.simplify(L - sp.Rational(1, 2) * (a + 2 * b + c - 3) ** 2) == 0
    assert [sp.simplify(g - sp.diff(L, s)) for g, s in zip(grads, (a, b, c), strict=True)] == [0, 0, 0]
    # every partial derivative vanishes on the whole plane a + 2b + c = 3: many minima
    assert all(g.subs({a: 3 - 2 * b - c}).expand() == 0 for g in grads)
    with raises(ValueError, 'x1 must be a finite number, got nan'):
        symbolic_example_loss(float("nan"), 0, 0)


@pytest.mark.parametrize("form", ["squared_error", "absolute_error"])
def test_line_loss_surface_matches_line_loss(form):
    x, y = example_data()
    W, B = np.meshgrid(np.linspace(-1, 3, 4), np.linspace(-2, 4, 5))
    S = line_loss_surface(W, B, x, y, form)
    assert S.shape == (5, 4)
    assert np.allclose(S, [[line_loss([w, b], x, y, form) for w, b in zip(rw, rb, strict=True)]
                           for rw, rb in zip(W, B, strict=True)])
    with raises(ValueError, "loss must be one of 'squared_error', 'absolute_error'; got "
                            "'cross_entropy'"):
        line_loss_surface(W, B, x, y, "cross_entropy")
    with raises(ValueError, 'B must have shape (5, 4), got (2, 4)'):
        line_loss_surface(W, B[:2], x, y)


def test_fit_by_hand_explorer_knows_both_minima():
    """The explorer's stars: least squares exactly, least absolute error through two points."""
    from ann_helpers.explorers.loss import _least_absolute_line

    x, y = example_data()
    wb = _least_absolute_line(x, y)
    W, B = np.meshgrid(np.linspace(-1, 3, 301), np.linspace(-2, 4, 301))
    grid_best = line_loss_surface(W, B, x, y, "absolute_error").min()
    assert line_loss(wb, x, y, "absolute_error") <= grid_best + 1e-12
    assert np.allclose(line_loss_grad(least_squares_line(x, y), x, y), 0.0, atol=1e-9)
