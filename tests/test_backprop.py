"""ann_helpers.backprop: the general back-propagation against central differences for every
activation and output, MLP training through it, the chain rule path by path and its count,
gradient sizes layer by layer, the learning slowdown, and bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from ann_helpers.activations import ACTIVATIONS
from ann_helpers.autograd import Value
from ann_helpers.backprop import (
    DEPTH_ACTIVATIONS,
    OUTPUTS,
    backprop,
    chain_rule_cost,
    check_params,
    forward,
    layer_gradient_sizes,
    path_count,
    path_gradients,
    random_params,
    shrink_per_layer,
    slowdown_curves,
    vanishing_status,
)
from ann_helpers.losses import one_hot
from ann_helpers.network import MLP, gradient_check

SMOOTH = ["sigmoid", "tanh", "softplus", "linear"]
KINKED = ["relu", "leaky_relu"]


@pytest.fixture(autouse=True)
def warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def _problem(seed: int, output: str):
    """Random layer sizes (2 to 4 layers of weights, 1 to 5 neurons), parameters with random
    biases (keeping relu units off their kink), a batch and its targets."""
    rng = np.random.default_rng(seed)
    sizes = [int(n) for n in rng.integers(1, 6, rng.integers(3, 6))]
    if output == "softmax":
        sizes[-1] = max(sizes[-1], 2)
    params = [(W, rng.normal(0.0, 0.5, b.shape))
              for W, b in random_params(sizes, scale=1.5, seed=seed)]
    n = int(rng.integers(1, 7))
    X = rng.normal(size=(n, sizes[0]))
    if output == "softmax":
        Y = one_hot(rng.integers(0, sizes[-1], n), sizes[-1])
    elif output == "sigmoid":
        Y = rng.uniform(size=(n, sizes[-1]))
    else:
        Y = rng.normal(size=(n, sizes[-1]))
    return sizes, params, X, Y


def _flat(grads):
    return np.concatenate([a.ravel() for pair in grads for a in pair])


def _unflat(theta, params):
    out, k = [], 0
    for W, b in params:
        out.append((theta[k:k + W.size].reshape(W.shape), theta[k + W.size:k + W.size + b.size]))
        k += W.size + b.size
    return out


@pytest.mark.parametrize("activation", SMOOTH + KINKED)
@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("seed", range(4))
def test_backprop_matches_central_differences(activation, output, seed):
    sizes, params, X, Y = _problem(seed, output)

    def loss(theta):
        return backprop(_unflat(theta, params), X, Y, activation, output)[0]

    _, grads = backprop(params, X, Y, activation, output)
    result = gradient_check(loss, _flat(params), _flat(grads))
    assert result.max_error < 1e-6, (sizes, result.max_error)
    assert np.max(np.abs(result.analytic)) > 1e-6


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("output", OUTPUTS)
def test_mlp_trains_through_backprop(activation, output):
    """MLP.loss_and_gradients is backprop on its own parameters, to the last bit."""
    rng = np.random.default_rng(5)
    mlp = MLP([3, 4, 2], activation, output, seed=2)
    X = rng.normal(size=(6, 3))
    Y = one_hot(rng.integers(0, 2, 6), 2) if output == "softmax" else rng.uniform(size=(6, 2))
    loss, grads = mlp.loss_and_gradients(X, Y)
    loss2, grads2 = backprop(mlp.params, X, Y, activation, output)
    assert loss == loss2
    for (dW, db), (dW2, db2) in zip(grads, grads2, strict=True):
        assert np.array_equal(dW, dW2) and np.array_equal(db, db2)


def test_forward_keeps_every_z_and_a():
    params = random_params([3, 5, 4, 2], seed=1)
    X = np.random.default_rng(0).normal(size=(7, 3))
    zs, acts = forward(params, X, np.tanh)
    assert [z.shape for z in zs] == [(7, 5), (7, 4), (7, 2)]
    assert [a.shape for a in acts] == [(7, 3), (7, 5), (7, 4)]
    assert acts[0] is X
    np.testing.assert_array_equal(acts[2], np.tanh(zs[1]))
    np.testing.assert_allclose(zs[2], acts[2] @ params[2][0] + params[2][1], rtol=1e-14)


def test_the_article_network_as_a_batch_of_one_gives_lesson_07s_gradients():
    from ann_helpers.network import LESSON_PARAMS, LESSON_X, LESSON_Y, TinyNet

    p = LESSON_PARAMS
    params = [(np.array([[p["w1"], p["w3"]], [p["w2"], p["w4"]]]), np.array([p["b1"], p["b2"]])),
              (np.array([[p["w5"], p["w7"]], [p["w6"], p["w8"]]]), np.array([p["b3"], p["b4"]]))]
    expected = TinyNet(p).backward(LESSON_X, LESSON_Y)
    _, ((dW1, db1), (dW2, db2)) = backprop(params, [LESSON_X], [LESSON_Y], "sigmoid")
    got = {"w1": dW1[0, 0], "w2": dW1[1, 0], "w3": dW1[0, 1], "w4": dW1[1, 1],
           "b1": db1[0], "b2": db1[1], "w5": dW2[0, 0], "w6": dW2[1, 0], "w7": dW2[0, 1],
           "w8": dW2[1, 1], "b3": db2[0], "b4": db2[1]}
    for k, v in expected.items():
        assert got[k] == pytest.approx(v, rel=1e-14, abs=1e-16), k


@pytest.mark.parametrize("sizes,activation,output", [
    ([2, 2, 2], "sigmoid", "identity"), ([3, 4, 3, 2], "tanh", "sigmoid"),
    ([2, 3, 3, 3, 1], "relu", "identity"), ([4, 2, 3], "softplus", "softmax")])
def test_the_chain_rule_path_by_path_equals_backprop_and_is_counted(sizes, activation, output):
    rng = np.random.default_rng(len(sizes))
    params = [(W, rng.normal(0, 0.5, b.shape)) for W, b in random_params(sizes, seed=3)]
    x = rng.normal(size=sizes[0])
    y = one_hot(np.array([1]), sizes[-1])[0] if output == "softmax" else rng.uniform(size=sizes[-1])
    slow, steps = path_gradients(params, x, y, activation, output)
    _, fast = backprop(params, [x], [y], activation, output)
    np.testing.assert_allclose(_flat(slow), _flat(fast), rtol=1e-10, atol=1e-14)
    assert steps == chain_rule_cost(sizes)["without_reuse"]


def test_chain_rule_cost_by_hand():
    # [2, 2, 2]: forward 8; layer 2: 4 weights x 1; layer 1: 4 weights x (2 paths x 1 step + 1)
    # and 2 biases x 2 paths x 1 step: 8 + 4 + 12 + 4 = 28; back-propagation 8 + 8 + 4 = 20
    assert chain_rule_cost([2, 2, 2]) == {"parameters": 12, "paths": 2, "without_reuse": 28,
                                          "backprop": 20}
    assert path_count([3, 4, 5, 6, 2], 1) == 5 * 6 * 2 and path_count([3, 4, 5, 6, 2], 4) == 1
    deep = [chain_rule_cost([4] * (d + 1)) for d in range(1, 9)]
    growth = [b["without_reuse"] / a["without_reuse"] for a, b in zip(deep, deep[1:], strict=False)]
    assert all(g > 3.5 for g in growth[2:])                  # about x4 per layer: exponential
    # linear in the weights: forward F = 16 d, backward 2 F - 16
    assert [c["backprop"] for c in deep] == [3 * 16 * d - 16 for d in range(1, 9)]
    with pytest.raises(ValueError, match=r"^layer must be a whole number in \[1, 2\], got 3$"):
        path_count([2, 2, 2], 3)


def test_layer_gradient_sizes_vanish_with_sigmoid_and_follow_the_scale_with_relu():
    sig = layer_gradient_sizes(10, "sigmoid", 1.0)
    assert sig.shape == (10,) and np.all(np.diff(sig) > 0)    # smaller at every layer back
    assert shrink_per_layer(sig) < 0.3                        # sigmoid' <= 1/4
    assert 0.8 < shrink_per_layer(layer_gradient_sizes(10, "relu", 1.4)) < 1.2   # He scale
    assert shrink_per_layer(layer_gradient_sizes(10, "relu", 3.0)) > 1.5          # explodes
    assert shrink_per_layer(layer_gradient_sizes(10, "relu", 0.5)) < 0.5
    assert 0.8 < shrink_per_layer(layer_gradient_sizes(10, "tanh", 1.0)) < 1.0
    np.testing.assert_array_equal(layer_gradient_sizes(4, "tanh", 2.0),
                                  layer_gradient_sizes(4, "tanh", 2.0))   # seeded
    assert shrink_per_layer([0.0, 1.0]) == 0.0
    assert vanishing_status(6, "sigmoid", 1.0).startswith(
        "sigmoid, 6 layers, weight scale 1.00: delta in layer 1 is ")
    assert vanishing_status(6, "sigmoid", 1.0).endswith(" per layer towards the input "
                                                        "(vanishing)")
    assert vanishing_status(10, "relu", 3.0).endswith("(exploding)")
    assert vanishing_status(10, "relu", 1.4).endswith("(roughly steady)")
    with pytest.raises(ValueError, match=r"^depth must be a whole number in \[1, 30\], got 0$"):
        layer_gradient_sizes(0, "tanh")
    with pytest.raises(ValueError, match=r"^scale must be in \(0, inf\], got -1$"):
        layer_gradient_sizes(3, "tanh", -1.0)
    for act in DEPTH_ACTIVATIONS:
        assert np.all(np.isfinite(layer_gradient_sizes(10, act, 3.0)))


def test_slowdown_squared_error_crawls_where_cross_entropy_does_not():
    runs = slowdown_curves()
    se, ce = runs["squared_error"], runs["cross_entropy"]
    assert se["output"][0] == ce["output"][0] > 0.98          # the same start
    assert se["output"][100] > 0.95 and ce["output"][50] < 0.1
    assert np.all(np.diff(ce["loss"]) < 0) and np.all(np.diff(se["loss"]) < 0)
    # the first step's gradients agree with the autograd engine
    for name, make_loss in (("squared_error", lambda p: 0.5 * p ** 2),
                            ("cross_entropy", lambda p: -(1 - p).log())):
        w, b = Value(2.0), Value(2.0)
        make_loss((w * 1.0 + b).sigmoid()).backward()
        assert runs[name]["w"][1] == pytest.approx(2.0 - 0.15 * w.grad, rel=1e-12)
        assert runs[name]["b"][1] == pytest.approx(2.0 - 0.15 * b.grad, rel=1e-12)
    with pytest.raises(ValueError, match=r"^y must be in \[0, 1\], got 2$"):
        slowdown_curves(y=2.0)


def test_bad_input_gives_clear_errors():
    params = random_params([2, 3, 1])
    with pytest.raises(TypeError, match="^params must be a non-empty list of "
                       r"\(W, b\) pairs, got int$"):
        backprop(3, [[0.0, 0.0]], [[0.0]])
    with pytest.raises(ValueError, match=r"^params\[1\] W must have 3 rows \(the outputs of "
                       r"layer 1\), got shape \(2, 1\)$"):
        check_params([params[0], (np.zeros((2, 1)), np.zeros(1))])
    with pytest.raises(ValueError, match=r"^params\[0\] must be a pair \(W, b\)$"):
        check_params([(np.zeros((2, 3)),)])
    with pytest.raises(ValueError, match=r"^X must have shape \(any, 2\), got \(1, 3\)$"):
        backprop(params, [[0.0, 0.0, 0.0]], [[0.0]])
    with pytest.raises(ValueError, match=r"^Y must have shape \(1, 1\), got \(1, 2\)$"):
        backprop(params, [[0.0, 0.0]], [[0.0, 1.0]])
    with pytest.raises(ValueError, match="^activation must be one of 'sigmoid', "):
        backprop(params, [[0.0, 0.0]], [[0.0]], activation="sigmoidd")
    with pytest.raises(ValueError, match="^output must be one of 'identity', 'sigmoid', "
                       "'softmax'; got 'linear'$"):
        backprop(params, [[0.0, 0.0]], [[0.0]], output="linear")
    with pytest.raises(TypeError, match=r"^layer_sizes must be a list of at least 2 whole "
                       r"numbers such as \[2, 8, 1\] \(inputs, hidden..., outputs\), got \[3\]$"):
        chain_rule_cost([3])


def test_overflow_is_returned_not_raised():
    params = [(np.full((2, 2), 1e200), np.zeros(2)), (np.full((2, 1), 1e200), np.zeros(1))]
    loss, grads = backprop(params, [[1e200, 1e200]], [[0.0]], "relu")
    assert not np.isfinite(loss)


def test_vanishing_status_in_chinese_keeps_every_number():
    import re

    import ann_helpers

    english = vanishing_status(6, "sigmoid", 1.0)
    try:
        ann_helpers.set_language("zh-Hant")
        chinese = vanishing_status(6, "sigmoid", 1.0)
    finally:
        ann_helpers.set_language("en")
    assert chinese.startswith("sigmoid，6 層，權重尺度 1.00：第 1 層的 delta 是第 6 層的 ")
    assert chinese.endswith("（消失）")
    numbers = re.compile(r"\d+(?:\.\d+)?(?:e[-+]?\d+)?")
    assert sorted(numbers.findall(chinese)) == sorted(numbers.findall(english))


def test_gradient_verdict_thresholds():
    from ann_helpers.backprop import VERDICTS, gradient_verdict

    assert [gradient_verdict(f) for f in (0.0, 0.79, 0.8, 1.0, 1.25, 1.26)] == [
        "vanishing", "vanishing", "roughly steady", "roughly steady", "roughly steady",
        "exploding"]
    assert set(VERDICTS) == {"vanishing", "roughly steady", "exploding"}


def test_lesson_10_figures_in_chinese_have_every_glyph():
    """Every figure of lesson 10, drawn in Chinese, without a missing-glyph warning (boxes)."""
    import ann_helpers
    from ann_helpers import plotting
    from ann_helpers.autograd import draw_graph
    from ann_helpers.explorers import backprop_general as figs

    try:
        ann_helpers.set_language("zh-Hant")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            a = Value(0.5, label="a")
            explorer = figs.VanishingExplorer(depth=4, activation="tanh", scale=0.5)
            for fig in (draw_graph((a * 2.0 + 1.0).tanh()),      # two constants: 常數
                        figs.reuse_cost_figure(depths=range(1, 4)), figs.depth_figure(4, 1.0),
                        figs.slowdown_figure(slowdown_curves(steps=5)), explorer.fig):
                plotting.png(fig)
        assert "權重尺度" in explorer.status and explorer.status.endswith("（消失）")
    finally:
        ann_helpers.set_language("en")
