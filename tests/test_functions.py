"""The catalogue: every gradient and Hessian against central differences, labels, minima."""

from __future__ import annotations

import numpy as np
import pytest

from ann_helpers import functions as F
from ann_helpers.calculus import numerical_gradient

ALL = sorted(F.CATALOGUE)
RNG_POINTS = np.random.default_rng(0).uniform(-1.8, 1.8, size=(6, 2))


def _points(fn):
    return [p[0] for p in RNG_POINTS] if fn.dim == 1 else [p for p in RNG_POINTS]


@pytest.mark.parametrize("key", ALL)
def test_gradient_matches_central_differences(key):
    fn = F.get(key)
    for p in _points(fn):
        if fn.dim == 1:
            num = numerical_gradient(lambda v: fn.f(float(v[0])), [p])[0]
            assert fn.grad(p) == pytest.approx(num, rel=1e-6, abs=1e-6)
        else:
            num = numerical_gradient(fn.f, p)
            assert np.allclose(fn.grad(p), num, rtol=1e-6, atol=1e-5)


@pytest.mark.parametrize("key", ALL)
def test_hessian_matches_differences_of_the_gradient(key):
    fn = F.get(key)
    for p in _points(fn):
        if fn.dim == 1:
            num = numerical_gradient(lambda v: fn.grad(float(v[0])), [p])[0]
            assert float(fn.hessian(p)) == pytest.approx(num, rel=1e-6, abs=1e-5)
        else:
            rows = [numerical_gradient(lambda v, i=i: fn.grad(v)[i], p) for i in range(2)]
            assert np.allclose(fn.hessian(p), np.array(rows), rtol=1e-6, atol=1e-4)


@pytest.mark.parametrize("key", ALL)
def test_minima_are_stationary_and_labelled(key):
    fn = F.get(key)
    assert fn.label.startswith("f(")
    for m in fn.minima:
        assert np.allclose(fn.grad(np.asarray(m, dtype=float)), 0.0, atol=1e-9)
        assert fn.max_curvature(m) > 0


@pytest.mark.parametrize("key", [k for k in ALL if F.get(k).dim == 2])
def test_2d_functions_are_vectorised_over_a_grid(key):
    fn = F.get(key)
    X, Y = np.meshgrid(np.linspace(-1, 1, 4), np.linspace(-2, 2, 3))
    Z = fn.f_xy(X, Y)
    assert Z.shape == X.shape
    assert Z[1, 2] == pytest.approx(fn.f(np.array([X[1, 2], Y[1, 2]])))
    G = fn.grad(np.array([X, Y]))
    assert G.shape == (2,) + X.shape


@pytest.mark.parametrize("key", [k for k in ALL if F.get(k).dim == 1])
def test_1d_functions_are_vectorised(key):
    fn = F.get(key)
    x = np.linspace(-2, 2, 7)
    assert np.allclose(fn.f(x), [fn.f(float(v)) for v in x])


def test_two_minima_global_first():
    fn = F.get("two_minima")
    left, right = fn.minima
    assert left < 0 < right and fn.f(left) < fn.f(right)
    assert left == pytest.approx(-1.3008, abs=1e-4) and right == pytest.approx(1.1309, abs=1e-4)


def test_stability_limits():
    assert F.get("square").lr_limit() == pytest.approx(1.0)
    assert F.get("bowl").lr_limit() == pytest.approx(1.0)
    assert F.get("narrow_bowl").lr_limit() == pytest.approx(0.1)
    assert F.get("valley").lr_limit() == pytest.approx(0.05)
    assert F.get("rosenbrock").lr_limit() == pytest.approx(2 / 1001.6006, rel=1e-4)


def test_random_quadratic():
    q = F.random_quadratic(50, condition=20.0, seed=3)
    assert q.dim == 50 and q.max_curvature() == pytest.approx(20.0)
    x = np.random.default_rng(1).standard_normal(50)
    assert np.allclose(q.grad(x), numerical_gradient(q.f, x), atol=1e-5)
    assert np.allclose(q.grad(np.array(q.global_minimum)), 0.0, atol=1e-9)
    again = F.random_quadratic(50, condition=20.0, seed=3)
    assert np.array_equal(again.global_minimum, q.global_minimum)


@pytest.mark.parametrize("call, error, match", [
    (lambda: F.get("nope"), ValueError, "key must be one of"),
    (lambda: F.random_quadratic(0), ValueError, "n must be a whole number in"),
    (lambda: F.random_quadratic(3, condition=0.5), ValueError, "condition must be in"),
    (lambda: F.random_quadratic(3, seed=-1), ValueError, "seed must be"),
    (lambda: F.quadratic([[1.0, 2.0]]), ValueError, "A must be a square matrix"),
    (lambda: F.quadratic([[1.0, 2.0], [0.0, 1.0]]), ValueError, "A must be symmetric"),
    (lambda: F.quadratic([[1.0, 0.0], [0.0, -1.0]]), ValueError, "A must be positive definite"),
    (lambda: F.quadratic(np.eye(2), [1.0]), ValueError, r"b must have shape \(2,\), got \(1,\)"),
])
def test_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()
