"""The neuron: y = g(w . x + b), its gradients, the XOR facts, the parameter count, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from messages import raises

from ann_helpers.activations import ACTIVATIONS
from ann_helpers.calculus import numerical_gradient
from ann_helpers.neuron import (
    XOR_INPUTS,
    XOR_LABELS,
    compose_linear,
    linear_layer,
    neuron,
    neuron_steps,
    parameter_count,
    pre_activation,
    separation_margin,
    single_neuron_search,
    xor_network,
)

SMOOTH = ["sigmoid", "tanh", "softplus", "linear"]
finite = st.floats(-3.0, 3.0, allow_nan=False)


@st.composite
def neuron_inputs(draw):
    n = draw(st.integers(1, 5))
    x = draw(arrays(float, (n,), elements=finite))
    w = draw(arrays(float, (n,), elements=finite))
    b = draw(finite)
    return x, w, b


@pytest.mark.parametrize("name", SMOOTH)
@settings(max_examples=40, deadline=None)
@given(data=neuron_inputs())
def test_gradient_through_the_activation(name, data):
    """dy/dw_i = g'(u) x_i and dy/db = g'(u): the chain rule back-propagation will use."""
    x, w, b = data
    g = ACTIVATIONS[name]
    u = pre_activation(x, w, b)
    numeric_w = numerical_gradient(lambda v: neuron(x, v, b, name), w, h=1e-6)
    numeric_b = numerical_gradient(lambda v: neuron(x, w, float(v[0]), name), [b], h=1e-6)
    assert np.allclose(g.df(u) * x, numeric_w, rtol=1e-5, atol=1e-7)
    assert np.allclose(g.df(u), numeric_b, rtol=1e-5, atol=1e-7)


@settings(max_examples=40, deadline=None)
@given(data=neuron_inputs())
def test_one_example_and_a_batch_agree(data):
    x, w, b = data
    batch = np.stack([x, -x, 2 * x])
    got = neuron(batch, w, b, "tanh")
    assert got.shape == (3,)
    assert np.allclose(got, [neuron(row, w, b, "tanh") for row in batch])
    assert neuron(x, w, b, "relu") == max(0.0, float(np.dot(w, x) + b))


def test_steps_of_a_three_input_neuron():
    s = neuron_steps([1.0, 2.0, -1.0], [0.5, -0.3, 0.8], 0.1)
    assert np.allclose(s.products, [0.5, -0.6, -0.8])
    assert s.u == pytest.approx(-0.8)
    assert s.y == pytest.approx(1 / (1 + np.exp(0.8)))
    table = s.table()
    assert "u = (0.5000) + (-0.6000) + (-0.8000) + (0.1000) = -0.8000" in table
    assert "y = sigmoid(u) = sigmoid(-0.8000) = 0.3100" in table


def test_bad_neuron_input():
    with pytest.raises(ValueError, match=r"x and w must match: x has 2 input\(s\) per example "
                                         r"\(shape \(2,\)\), w has 3 weight\(s\)"):
        neuron([1.0, 2.0], [1.0, 2.0, 3.0], 0.0)
    with pytest.raises(ValueError, match="x must contain only finite numbers"):
        neuron([1.0, np.nan], [1.0, 2.0], 0.0)
    with pytest.raises(ValueError, match="b must be a finite number"):
        neuron([1.0, 2.0], [1.0, 2.0], np.inf)
    with pytest.raises(ValueError, match="w must hold at least one weight"):
        neuron([], [], 0.0)
    with pytest.raises(ValueError, match="w must have 1 dimension"):
        neuron([1.0], [[1.0]], 0.0)
    with pytest.raises(KeyError, match="unknown activation 'sigma'; allowed names: 'sigmoid'"):
        neuron([1.0], [1.0], 0.0, activation="sigma")
    with pytest.raises(ValueError, match="neuron_steps takes one example"):
        neuron_steps([[1.0], [2.0]], [1.0], 0.0)


def test_parameter_count():
    assert parameter_count([784, 100, 10]) == 784 * 100 + 100 + 100 * 10 + 10 == 79_510
    assert parameter_count([3, 1]) == 4
    with pytest.raises(ValueError, match="at least an input and an output layer"):
        parameter_count([784])
    with pytest.raises(ValueError, match=r"sizes\[1\] must be a whole number in \[1, inf\]"):
        parameter_count([784, 0, 10])


def test_two_linear_layers_are_one():
    rng = np.random.default_rng(1)
    W1, b1 = rng.normal(size=(4, 3)), rng.normal(size=4)
    W2, b2 = rng.normal(size=(2, 4)), rng.normal(size=2)
    W, b = compose_linear(W1, b1, W2, b2)
    for x in rng.normal(size=(5, 3)):
        assert np.allclose(linear_layer(linear_layer(x, W1, b1), W2, b2), linear_layer(x, W, b))
    with pytest.raises(ValueError, match="W2 must have 4 columns"):
        compose_linear(W1, b1, W2[:, :3], b2)
    with raises(ValueError, "b1 must have shape (4,), got (2,)"):
        compose_linear(W1, b2, W2, b2)


def test_one_neuron_cannot_do_xor_but_two_hidden_neurons_can():
    best, _ = single_neuron_search(XOR_INPUTS, XOR_LABELS)
    assert best == 0.75
    assert separation_margin(XOR_INPUTS, XOR_LABELS) == pytest.approx(0.0, abs=1e-9)
    and_labels = np.array([0.0, 0.0, 0.0, 1.0])
    assert single_neuron_search(XOR_INPUTS, and_labels)[0] == 1.0
    assert separation_margin(XOR_INPUTS, and_labels) > 0.1
    y = xor_network(XOR_INPUTS, [[20, 20], [20, 20]], [-10, -30], [20, -20], -10)
    assert np.array_equal(np.round(y), XOR_LABELS)
    with pytest.raises(ValueError, match=r"w_hidden must have shape \(2, 2\)"):
        xor_network(XOR_INPUTS, [1, 2], [0, 0], [1, 1], 0)


def test_neuron_explorer_draws_the_neuron():
    from ann_helpers.explorers.neuron import NeuronExplorer

    ex = NeuronExplorer(w1=1.0, w2=-1.0, b=0.5, activation="tanh")
    image = ex.image
    grid = np.column_stack([ex.X1.ravel(), ex.X2.ravel()])
    expected = neuron(grid, [1.0, -1.0], 0.5, "tanh").reshape(ex.X1.shape)
    assert np.allclose(ex.image.get_array(), expected)
    assert "the arrow w points to where u > 0" in ex.status
    assert "outside the square" in ex.set(w1=0.5, w2=0.5, b=3.0)
    assert ex.set(w1=0.0, w2=0.0, b=-1.0).startswith("w = 0: no boundary, the output is "
                                                       "g(b) = -0.7616 everywhere")
    assert ex.image is image, "the heat map is updated in place, not drawn again"
