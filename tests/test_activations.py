"""Activations: every derivative against the numerical one, stability, bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from messages import raises

from ann_helpers.activations import ACTIVATIONS, LEAKY_SLOPE, get_activation, sigmoid, softplus
from ann_helpers.calculus import numerical_derivative

NAMES = sorted(ACTIVATIONS)

# u away from the kink at 0 (central differences straddling a kink measure nothing useful)
u_values = st.floats(-30.0, 30.0, allow_nan=False).filter(lambda u: abs(u) > 1e-3)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=60, deadline=None)
@given(u=u_values)
def test_derivative_matches_central_difference(name, u):
    g = ACTIVATIONS[name]
    numeric = numerical_derivative(g.f, u, h=1e-6)
    assert g.df(u) == pytest.approx(numeric, rel=1e-5, abs=1e-7)


@pytest.mark.parametrize("name", NAMES)
def test_vectorised_equals_elementwise(name):
    g = ACTIVATIONS[name]
    U = np.random.default_rng(0).normal(0.0, 4.0, size=(3, 5))
    assert g.f(U).shape == U.shape and g.df(U).shape == U.shape
    assert np.allclose(g.f(U), [[g.f(float(u)) for u in row] for row in U])
    assert np.allclose(g.df(U), [[g.df(float(u)) for u in row] for row in U])
    assert isinstance(g.f(0.5), float) and isinstance(g.df(0.5), float)


def test_known_values():
    u = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    assert np.allclose(ACTIVATIONS["sigmoid"].f(u), 1 / (1 + np.exp(-u)))
    assert np.allclose(ACTIVATIONS["tanh"].f(u), np.tanh(u))
    assert np.allclose(ACTIVATIONS["relu"].f(u), [0, 0, 0, 0.5, 2])
    assert np.allclose(ACTIVATIONS["leaky_relu"].f(u), [-2 * LEAKY_SLOPE, -0.5 * LEAKY_SLOPE,
                                                        0, 0.5, 2])
    assert np.allclose(ACTIVATIONS["step"].f(u), [0, 0, 1, 1, 1])
    assert np.allclose(ACTIVATIONS["softplus"].f(u), np.log1p(np.exp(u)))
    assert np.allclose(ACTIVATIONS["linear"].f(u), u)
    assert np.allclose(ACTIVATIONS["relu"].df(u), [0, 0, 0, 1, 1])
    assert np.allclose(ACTIVATIONS["step"].df(u), 0)


@settings(max_examples=100, deadline=None)
@given(u=st.floats(-50.0, 50.0, allow_nan=False))
def test_sigmoid_derivative_is_g_times_one_minus_g(u):
    g = sigmoid(u)
    assert ACTIVATIONS["sigmoid"].df(u) == pytest.approx(g * (1 - g), rel=1e-12, abs=1e-300)
    assert ACTIVATIONS["softplus"].df(u) == pytest.approx(g, rel=1e-12, abs=1e-300)


@pytest.mark.parametrize("name", NAMES)
def test_extreme_inputs_give_no_warning(name):
    g = ACTIVATIONS[name]
    u = np.array([-1e308, -1000.0, -745.2, -40.0, 40.0, 710.0, 1000.0, 1e308])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y, dy = g.f(u), g.df(u)
    assert np.all(np.isfinite(y)) and np.all(np.isfinite(dy))


def test_sigmoid_and_softplus_saturate_exactly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert sigmoid(-1000.0) == 0.0 and sigmoid(1000.0) == 1.0
        assert softplus(1000.0) == 1000.0 and softplus(-1000.0) == 0.0
        assert ACTIVATIONS["sigmoid"].df(1000.0) == 0.0


def test_unknown_name_lists_the_allowed_ones():
    with raises(KeyError, "unknown activation 'sigmod'; allowed names: 'sigmoid', 'tanh', "
                          "'relu', 'leaky_relu', 'step', 'softplus', 'linear'"):
        ACTIVATIONS["sigmod"]
    with raises(ValueError, "unknown activation 'Relu'; allowed names: 'sigmoid', 'tanh', "
                            "'relu', 'leaky_relu', 'step', 'softplus', 'linear'"):
        get_activation("Relu")
    with raises(TypeError, "activation must be a name ('sigmoid', 'tanh', 'relu', 'leaky_relu', "
                           "'step', 'softplus', 'linear') or an Activation, got 3 of type int"):
        get_activation(3)
    assert get_activation(ACTIVATIONS["tanh"]) is ACTIVATIONS["tanh"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("bad", [np.nan, [1.0, np.inf], -np.inf])
def test_non_finite_input_is_rejected(name, bad):
    with raises(ValueError, 'u must contain only finite numbers (no nan or inf)'):
        ACTIVATIONS[name].f(bad)
    with raises(ValueError, 'u must contain only finite numbers (no nan or inf)'):
        ACTIVATIONS[name].df(bad)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("bad, what", [
    ("half", "text: 'half'"), ("1.5", "text: '1.5'"), (b"1", "bytes: b'1'"),
    (True, "booleans (True/False): True"), ([1 + 0j], "complex numbers: [(1+0j)]"),
    (None, "None: None"),
])
def test_non_numeric_input_is_rejected(name, bad, what):
    # sigmoid('1.5') once returned 0.8176: numpy cast the text
    message = f"u must be a real number or an array of real numbers, got {what}"
    with raises(TypeError, message):
        ACTIVATIONS[name].f(bad)
    with raises(TypeError, message):
        ACTIVATIONS[name].df(bad)


@pytest.mark.parametrize("name", NAMES)
def test_huge_integer_is_a_clear_error(name):
    with raises(ValueError, "u must be a finite number (at most about 1.8e+308 in size), "
                            "got an integer with 401 digits"):
        ACTIVATIONS[name].f(10**400)
