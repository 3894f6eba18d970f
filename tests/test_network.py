"""ann_helpers.network: back-propagation checked against central differences, the update
rule, training, divergence, and bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from messages import raises

from ann_helpers.activations import ACTIVATIONS
from ann_helpers.backprop import KERNELS
from ann_helpers.losses import LOSSES
from ann_helpers.network import (
    MLP,
    PARAM_NAMES,
    TinyNet,
    check_mlp,
    check_tinynet,
    default_params,
    gradient_check,
)

TOL = 1e-6
SMOOTH = ["sigmoid", "tanh", "softplus", "linear"]
KINKED = ["relu", "leaky_relu"]


@pytest.fixture(autouse=True)
def warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def _targets(output: str, rng, n: int, k: int):
    if output == "softmax":
        return rng.integers(0, k, n)
    if output == "sigmoid":
        return rng.uniform(0.0, 1.0, (n, k))
    return rng.normal(0.0, 1.0, (n, k))


# -- the gradient checker itself ------------------------------------------------------------
def test_gradient_check_passes_a_right_gradient_and_flags_a_wrong_one():
    def f(x):
        return float(np.sum(x ** 3) + x[0] * x[1])

    def grad(x):
        return 3 * x ** 2 + np.array([x[1], x[0], 0.0])

    x = np.array([0.3, -1.2, 2.0])
    right = gradient_check(f, x, grad)
    assert right.max_error < TOL
    wrong = gradient_check(f, x, lambda x: 3 * x ** 2)   # forgot the x0 x1 term
    assert wrong.max_error > 0.1
    assert wrong.errors.shape == x.shape


def test_gradient_check_rejects_mismatched_shapes_and_bad_arguments():
    with raises(ValueError, 'grad must have shape (3,), got (2,)'):
        gradient_check(lambda x: float(x.sum()), np.zeros(3), np.zeros(2))
    with raises(TypeError, 'f must be a function (callable), got 3.0 of type float'):
        gradient_check(3.0, np.zeros(3), np.zeros(3))
    with raises(ValueError, 'relative_floor must be in (0, 1], got 0'):
        gradient_check(lambda x: float(x.sum()), np.zeros(3), np.ones(3), relative_floor=0.0)


def test_richardson_gradient_is_fourth_order():
    from ann_helpers.calculus import numerical_gradient
    from ann_helpers.network import richardson_gradient

    def f(x):
        return float(np.sum(np.exp(x)))

    x = np.array([0.5, -1.0])
    plain = np.max(np.abs(numerical_gradient(f, x, h=1e-2) - np.exp(x)))
    refined = np.max(np.abs(richardson_gradient(f, x, h=1e-2) - np.exp(x)))
    assert refined < 1e-3 * plain


# -- TinyNet ------------------------------------------------------------------------------
@pytest.mark.parametrize("output", ["identity", "sigmoid"])
@pytest.mark.parametrize("seed", range(6))
def test_tinynet_gradients_match_central_differences(output, seed):
    rng = np.random.default_rng(100 + seed)
    net = TinyNet(output_activation=output, seed=seed)
    x, y = rng.normal(0, 1.5, 2), rng.uniform(-1, 1, 2)
    result = check_tinynet(net, x, y)
    assert result.max_error < TOL, dict(zip(PARAM_NAMES, result.errors, strict=True))
    assert np.any(np.abs(result.analytic) > 1e-3)      # not a trivially zero gradient


def test_tinynet_forward_keeps_every_intermediate_and_matches_the_formulas():
    p = default_params(3)
    net = TinyNet(p)
    x, y = np.array([0.5, -1.0]), np.array([1.0, 0.0])
    L = net.loss(x, y)
    v = net.values
    sig = ACTIVATIONS["sigmoid"].f
    h1 = sig(p["w1"] * 0.5 - p["w2"] + p["b1"])
    h2 = sig(p["w3"] * 0.5 - p["w4"] + p["b2"])
    y1 = p["w5"] * h1 + p["w6"] * h2 + p["b3"]
    y2 = p["w7"] * h1 + p["w8"] * h2 + p["b4"]
    assert v["h1"] == pytest.approx(h1) and v["h2"] == pytest.approx(h2)
    assert v["y1_hat"] == pytest.approx(y1) and v["y2_hat"] == pytest.approx(y2)
    assert L == pytest.approx(0.5 * ((1 - y1) ** 2 + y2 ** 2))
    assert L == pytest.approx(LOSSES["squared_error"].f(net.forward(x), y))


def test_tinynet_backward_reuses_the_output_deltas():
    net = TinyNet(seed=5)
    g = net.backward([0.3, 0.8], [0.0, 1.0])
    t, p, v = net.terms, net.params, net.values
    # dL/dw1 is the sum of two chains, through y1_hat and through y2_hat
    chain_y1 = (v["y1_hat"] - v["y1"]) * p["w5"] * v["h1"] * (1 - v["h1"]) * v["x1"]
    chain_y2 = (v["y2_hat"] - v["y2"]) * p["w7"] * v["h1"] * (1 - v["h1"]) * v["x1"]
    assert g["w1"] == pytest.approx(chain_y1 + chain_y2)
    assert g["w5"] == pytest.approx(t["delta3"] * v["h1"])
    assert t["g_prime_1"] == pytest.approx(ACTIVATIONS["sigmoid"].df(v["u1"]))


def test_tinynet_agrees_with_the_matrix_version():
    p = default_params(7)
    net = TinyNet(p)
    mlp = MLP([2, 2, 2], "sigmoid", "identity")
    mlp.params = [(np.array([[p["w1"], p["w3"]], [p["w2"], p["w4"]]]), np.array([p["b1"], p["b2"]])),
                  (np.array([[p["w5"], p["w7"]], [p["w6"], p["w8"]]]), np.array([p["b3"], p["b4"]]))]
    x, y = np.array([0.4, -0.7]), np.array([0.2, 0.9])
    g = net.backward(x, y)
    loss, ((dW1, db1), (dW2, db2)) = mlp.loss_and_gradients(x[None, :], y[None, :])
    assert loss == pytest.approx(net.values["L"])
    np.testing.assert_allclose(dW1, [[g["w1"], g["w3"]], [g["w2"], g["w4"]]], rtol=1e-12)
    np.testing.assert_allclose(db2, [g["b3"], g["b4"]], rtol=1e-12)
    np.testing.assert_allclose(dW2, [[g["w5"], g["w7"]], [g["w6"], g["w8"]]], rtol=1e-12)
    np.testing.assert_allclose(db1, [g["b1"], g["b2"]], rtol=1e-12)


def test_tinynet_step_uses_the_old_parameters_for_every_update():
    net = TinyNet(seed=1)
    x, y, lr = [1.0, -0.5], [0.5, -0.5], 0.7
    old = dict(net.params)
    grads = net.backward(x, y)
    loss_before = net.step(x, y, lr)
    assert loss_before == pytest.approx(TinyNet(old).loss(x, y))
    for k in PARAM_NAMES:
        assert net.params[k] == pytest.approx(old[k] - lr * grads[k], rel=1e-14, abs=1e-15)
    # updating one parameter at a time (each gradient at partly new values) gives another
    # answer, so the test above can tell the two apart
    seq = TinyNet(old)
    for k in reversed(PARAM_NAMES):
        g = seq.backward(x, y)[k]
        seq.params[k] -= lr * g
    assert any(abs(seq.params[k] - net.params[k]) > 1e-6 for k in PARAM_NAMES)


def test_tinynet_fit_decreases_the_loss_and_reports_divergence():
    x, y = [1.0, 2.0], [1.0, 0.0]
    good = TinyNet(seed=2).fit(x, y, lr=0.5, steps=30)
    assert not good.diverged and good[-1] < 0.01 * good[0]
    assert np.all(np.diff(good) <= 1e-12)
    assert good.status.startswith("30 steps with lr = 0.5: the loss went down")
    net = TinyNet(seed=2)
    bad = net.fit(x, y, lr=80.0, steps=50)
    assert bad.diverged and "diverged at step" in bad.status and "lr = 80" in bad.status
    assert all(np.isfinite(list(net.params.values())))


def test_tinynet_rejects_bad_input():
    p = default_params(0)
    with raises(ValueError, 'params: missing w3, b4; the names are w1, w2, w3, w4, b1, b2, w5, '
                            'w6, w7, w8, b3, b4'):
        TinyNet({k: v for k, v in p.items() if k not in ("w3", "b4")})
    with raises(ValueError, 'params: unknown w9; the names are w1, w2, w3, w4, b1, b2, w5, w6, '
                            'w7, w8, b3, b4'):
        TinyNet({**p, "w9": 1.0})
    with raises(ValueError, "params['w5'] must be a finite number, got nan"):
        TinyNet({**p, "w5": float("nan")})
    with raises(TypeError, "params['b1'] must be a real number, got '0.5' of type str"):
        TinyNet({**p, "b1": "0.5"})
    with raises(TypeError, 'params must be a dict with keys w1, w2, w3, w4, b1, b2, w5, w6, w7, '
                           'w8, b3, b4, got list'):
        TinyNet([1.0] * 12)
    with raises(ValueError, "output_activation must be one of 'identity', 'sigmoid'; got "
                            "'softmax'"):
        TinyNet(output_activation="softmax")
    net = TinyNet()
    with raises(ValueError, 'x must have shape (2,), got (3,)'):
        net.forward([1.0, 2.0, 3.0])
    with raises(ValueError, 'y must have shape (2,), got (1,)'):
        net.loss([1.0, 2.0], [1.0])
    with raises(ValueError, 'x must contain only finite numbers (no nan or inf)'):
        net.backward([np.inf, 0.0], [0.0, 0.0])
    with raises(ValueError, 'lr must be in (0, inf], got -0.1'):
        net.step([1.0, 2.0], [0.0, 0.0], lr=-0.1)
    with raises(ValueError, 'steps must be a whole number in [1, 1000000], got 0'):
        net.fit([1.0, 2.0], [0.0, 0.0], lr=0.1, steps=0)


# -- MLP ----------------------------------------------------------------------------------
@pytest.mark.parametrize("activation", SMOOTH + KINKED)
@pytest.mark.parametrize("output", ["identity", "sigmoid", "softmax"])
@pytest.mark.parametrize("batch,seed", [(1, 0), (5, 1), (17, 2), (3, 3), (8, 4)])
def test_mlp_gradients_match_central_differences(activation, output, batch, seed):
    rng = np.random.default_rng(seed)
    sizes = [3, 5, 4, 3] if seed % 2 == 0 else [4, 6, 2]
    mlp = MLP(sizes, activation, output, seed=seed)
    # biases start at 0; random ones keep a relu unit whose inputs are all 0 off its kink
    mlp.params = [(W, rng.normal(0.0, 0.5, b.shape)) for W, b in mlp.params]
    X = rng.normal(0.0, 1.0, (batch, sizes[0]))
    Y = _targets(output, rng, batch, sizes[-1])
    result = check_mlp(mlp, X, Y)
    assert result.max_error < TOL, (result.max_error, np.argmax(result.errors))
    assert np.max(np.abs(result.analytic)) > 1e-4


def test_mlp_layers_compute_x_at_w_plus_b():
    mlp = MLP([3, 4, 2], "tanh", "identity", seed=4)
    (W1, b1), (W2, b2) = mlp.params
    assert W1.shape == (3, 4) and b1.shape == (4,) and W2.shape == (4, 2) and b2.shape == (2,)
    X = np.random.default_rng(0).normal(size=(6, 3))
    np.testing.assert_allclose(mlp.forward(X), np.tanh(X @ W1 + b1) @ W2 + b2, rtol=1e-12)
    assert mlp.n_params == 3 * 4 + 4 + 4 * 2 + 2


@pytest.mark.parametrize("name", sorted(KERNELS))
def test_training_kernels_match_the_activations_module(name):
    u = np.linspace(-30, 30, 601)
    g, dg = KERNELS[name]
    a = g(u)
    np.testing.assert_allclose(a, ACTIVATIONS[name].f(u), rtol=1e-12, atol=1e-300)
    away = np.abs(u) > 1e-9      # relu's kink: the two conventions may differ exactly at 0
    np.testing.assert_allclose(np.broadcast_to(dg(u, a), u.shape)[away],
                               ACTIVATIONS[name].df(u)[away], rtol=1e-9, atol=1e-15)


@pytest.mark.parametrize("output,loss", [("softmax", "cross_entropy"),
                                         ("identity", "squared_error"),
                                         ("sigmoid", "squared_error")])
def test_mlp_loss_is_the_mean_of_the_registry_loss(output, loss):
    rng = np.random.default_rng(3)
    mlp = MLP([2, 3, 3], "sigmoid", output, seed=1)
    X = rng.normal(size=(9, 2))
    labels = rng.integers(0, 3, 9)
    Y = np.eye(3)[labels] if output == "softmax" else rng.uniform(size=(9, 3))
    (W1, b1), (W2, b2) = mlp.params
    Z = ACTIVATIONS["sigmoid"].f(X @ W1 + b1) @ W2 + b2
    if output == "softmax":
        expected = LOSSES[loss].f_logits(Z, Y) / 9
    else:
        y_hat = Z if output == "identity" else ACTIVATIONS["sigmoid"].f(Z)
        expected = LOSSES[loss].f(y_hat, Y) / 9
    assert mlp.loss(X, Y) == pytest.approx(expected, rel=1e-12)
    if output == "softmax":
        assert mlp.loss(X, labels) == pytest.approx(expected, rel=1e-12)   # class numbers
        np.testing.assert_allclose(mlp.forward(X).sum(axis=1), 1.0)


def test_mlp_step_uses_the_old_parameters_and_fit_of_one_full_batch_is_one_step():
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(12, 2)), rng.normal(size=(12, 2))
    a = MLP([2, 3, 2], "tanh", "identity", seed=3)
    b = MLP([2, 3, 2], "tanh", "identity", seed=3)
    old = [(W.copy(), c.copy()) for W, c in a.params]
    loss, grads = a.loss_and_gradients(X, Y)
    assert a.step(X, Y, lr=0.3) == pytest.approx(loss)
    for (W, c), (W0, c0), (dW, dc) in zip(a.params, old, grads, strict=True):
        np.testing.assert_allclose(W, W0 - 0.3 * dW, rtol=1e-13)
        np.testing.assert_allclose(c, c0 - 0.3 * dc, rtol=1e-13)
    history = b.fit(X, Y, lr=0.3, epochs=1, batch_size=None, shuffle=False)
    assert history == [pytest.approx(loss)]
    np.testing.assert_allclose(b.get_flat(), a.get_flat(), rtol=1e-13)
    # the old arrays were not changed in place
    np.testing.assert_allclose(old[0][0], MLP([2, 3, 2], "tanh", "identity", seed=3).params[0][0])


def _moons(n=120, seed=0):
    rng = np.random.default_rng(seed)
    t = rng.uniform(0, np.pi, n)
    label = rng.integers(0, 2, n)
    X = np.where(label[:, None] == 0, np.c_[np.cos(t), np.sin(t)],
                 np.c_[1 - np.cos(t), 0.5 - np.sin(t)])
    return X + rng.normal(0, 0.1, X.shape), label


@pytest.mark.parametrize("batch_size", [1, 16, None])
def test_mlp_fit_decreases_the_loss_and_learns(batch_size):
    X, labels = _moons()
    mlp = MLP([2, 16, 2], "tanh", "softmax", seed=0)
    start = mlp.loss(X, labels)
    history = mlp.fit(X, labels, lr=0.5, epochs=300 if batch_size is None else 60,
                      batch_size=batch_size)
    assert not history.diverged and "trained" in history.status
    assert history[-1] < 0.5 * history[0]
    assert mlp.loss(X, labels) < 0.4 * start
    assert mlp.accuracy(X, labels) > 0.85
    assert set(np.unique(mlp.predict(X))) <= {0, 1}


def test_mlp_fit_is_seeded_and_calls_the_callback_every_epoch():
    X, labels = _moons()
    seen = []
    h1 = MLP([2, 8, 2], "relu", "softmax", seed=4).fit(
        X, labels, lr=0.2, epochs=5, batch_size=10,
        callback=lambda epoch, loss, mlp: seen.append((epoch, loss, mlp.accuracy(X, labels))))
    h2 = MLP([2, 8, 2], "relu", "softmax", seed=4).fit(X, labels, lr=0.2, epochs=5,
                                                      batch_size=10)
    h3 = MLP([2, 8, 2], "relu", "softmax", seed=5).fit(X, labels, lr=0.2, epochs=5,
                                                      batch_size=10)
    assert list(h1) == list(h2) and list(h1) != list(h3)
    assert [e for e, _, _ in seen] == [1, 2, 3, 4, 5]
    assert [loss for _, loss, _ in seen] == list(h1)


@pytest.mark.parametrize("activation", ["sigmoid", "relu", "softplus", "leaky_relu"])
def test_a_diverging_learning_rate_is_reported_not_raised(activation):
    rng = np.random.default_rng(1)
    X, Y = rng.normal(size=(40, 2)) * 3, rng.normal(size=(40, 1)) * 50
    mlp = MLP([2, 16, 16, 1], activation, "identity", seed=0)
    history = mlp.fit(X, Y, lr=50.0, epochs=200, batch_size=8)
    assert history.diverged
    assert history.status.startswith("diverged in epoch") and "lr = 50" in history.status
    assert len(history) < 200
    assert np.all(np.isfinite(mlp.get_flat()))


def test_mlp_rejects_bad_input():
    with raises(ValueError, "activation must be one of 'sigmoid', 'tanh', 'relu', 'leaky_relu', "
                            "'step', 'softplus', 'linear'; got 'sigmod'"):
        MLP([2, 3, 1], activation="sigmod")
    with raises(ValueError, "output must be one of 'identity', 'sigmoid', 'softmax'; got 'softmx'"):
        MLP([2, 3, 1], output="softmx")
    with raises(ValueError, 'layer_sizes must have at least 2 entries (inputs and outputs), got '
                            '[4]'):
        MLP([4])
    with raises(ValueError, 'layer_sizes[1] must be a whole number in [1, 10000000], got 0'):
        MLP([2, 0, 1])
    with raises(TypeError, 'layer_sizes must be a list of whole numbers such as [2, 8, 1] '
                           "(inputs, hidden..., outputs), got '2-3-1'"):
        MLP("2-3-1")
    with raises(ValueError, 'seed must be a whole number in [0, inf], got -1'):
        MLP([2, 1], seed=-1)
    mlp = MLP([2, 3, 2], output="softmax")
    X = np.zeros((4, 2))
    with raises(ValueError, 'X must have shape (any, 2), got (4, 3)'):
        mlp.forward(np.zeros((4, 3)))
    with raises(ValueError, 'X must contain only finite numbers (no nan or inf)'):
        mlp.forward(np.full((4, 2), np.nan))
    with raises(ValueError, 'Y must have shape (4, 2), got (3, 2)'):
        mlp.loss_and_gradients(X, np.eye(2)[[0, 1, 0]])
    with raises(ValueError, 'labels must be whole numbers in [0, 1], got array([0, 1, 2, 0])'):
        mlp.loss(X, np.array([0, 1, 2, 0]))
    with raises(ValueError, 'Y must be one-hot rows (or probability rows summing to 1) for '
                            "output='softmax'"):
        mlp.loss(X, np.full((4, 2), 0.7))
    with raises(ValueError, 'params[1] W must have shape (3, 2), got (2, 3)'):
        mlp.params = [(np.zeros((2, 3)), np.zeros(3)), (np.zeros((2, 3)), np.zeros(2))]
    with raises(ValueError, 'params[0] b must contain only finite numbers (no nan or inf)'):
        mlp.params = [(np.zeros((2, 3)), np.array([0, np.inf, 0])), (np.zeros((3, 2)), np.zeros(2))]
    with raises(ValueError, 'params must be a list of 2 (W, b) pairs for layer_sizes [2, 3, 2]'):
        mlp.params = [(np.zeros((2, 3)), np.zeros(3))]
    with raises(ValueError, 'lr must be in (0, inf], got 0'):
        mlp.fit(X, [0, 1, 0, 1], lr=0.0, epochs=1)
    with raises(ValueError, 'batch_size must be a whole number in [1, inf], got 0'):
        mlp.fit(X, [0, 1, 0, 1], lr=0.1, epochs=1, batch_size=0)
    with raises(TypeError, "callback must be a function (callable), got 'tqdm' of type str"):
        mlp.fit(X, [0, 1, 0, 1], lr=0.1, epochs=1, callback="tqdm")
    with raises(ValueError, 'labels must have 4 entries, one per row of X, got shape (2,)'):
        mlp.accuracy(X, [0, 1])


# -- what a gradient costs (lesson 07) ------------------------------------------------------
def test_gradient_cost_counts_multiply_adds():
    from ann_helpers.network import gradient_cost

    c = gradient_cost([2, 2, 2])
    assert c == {"parameters": 12, "forward": 8, "finite_differences": 2 * 12 * 8,
                 "backprop": 8 + 8 + 4}
    small, big = gradient_cost([10, 10, 10]), gradient_cost([100, 100, 100])
    # finite differences grow like P^2, back-propagation like P
    assert big["finite_differences"] / small["finite_differences"] > 90
    assert big["backprop"] / small["backprop"] < 110
    with raises(ValueError, 'layer_sizes must have at least 2 entries (inputs and outputs), got '
                            '[3]'):
        gradient_cost([3])


def test_backward_steps_reuse_only_terms_computed_before():
    from ann_helpers.explorers.backprop import backward_steps
    from ann_helpers.network import LESSON_PARAMS, LESSON_X, LESSON_Y

    net = TinyNet(LESSON_PARAMS)
    steps = backward_steps(net, LESSON_X, LESSON_Y)
    assert len(steps) == 13
    finished = [g for s in steps for g in s.grads]
    assert sorted(finished) == sorted(PARAM_NAMES)
    computed = set()
    for s in steps[1:]:
        for term in s.reuses:
            assert term.replace("dL/dh", "dL_dh") in computed, (s.title, term)
        computed.update({f"delta{i}" for i in range(1, 5) if s.title.startswith(f"delta{i}")})
        computed.update({f"dL_dh{j}" for j in (1, 2) if s.title.startswith(f"dL/dh{j}")})
    grads = net.backward(LESSON_X, LESSON_Y)
    assert steps[5].value == pytest.approx(grads["w5"])


# -- lesson 08: training on many examples ---------------------------------------------------
def test_per_example_descent_lands_on_the_nearest_point_of_each_valley():
    from ann_helpers.training import LINE_X, LINE_Y, per_example_solutions

    start = np.array([3.0, -2.0])
    landed = per_example_solutions(LINE_X, LINE_Y, start)
    for (w, b), xi, yi in zip(landed, LINE_X, LINE_Y, strict=True):
        assert w * xi + b == pytest.approx(yi, abs=1e-8)          # on the valley floor
        dw, db = np.array([w, b]) - start                          # moved along the normal
        assert abs(xi * db - 1.0 * dw) < 1e-6                      # (xi, 1) x (dw, db) = 0


def test_summed_and_mean_loss_both_give_least_squares():
    from ann_helpers.losses import least_squares_line, line_loss, line_loss_grad
    from ann_helpers.training import LINE_X, LINE_Y, summed_loss_solution

    ref = least_squares_line(LINE_X, LINE_Y)
    np.testing.assert_allclose(summed_loss_solution(reduce="sum"), ref, atol=1e-8)
    np.testing.assert_allclose(summed_loss_solution(reduce="mean", lr=0.2), ref, atol=1e-8)
    p = np.array([0.7, -0.3])
    for reduce in ("sum", "mean"):
        result = gradient_check(lambda q, r=reduce: line_loss(q, LINE_X, LINE_Y, reduce=r), p,
                                line_loss_grad(p, LINE_X, LINE_Y, reduce=reduce))
        assert result.max_error < TOL
    assert line_loss(p, LINE_X, LINE_Y, reduce="sum") == pytest.approx(
        4 * line_loss(p, LINE_X, LINE_Y, reduce="mean"))
    with raises(ValueError, "reduce must be one of 'sum', 'mean'; got 'average'"):
        line_loss(p, LINE_X, LINE_Y, reduce="average")
    with raises(ValueError, 'x and y must have the same length, got 4 and 2'):
        line_loss_grad(p, LINE_X, [1.0, 2.0])


def test_stable_lr_limit_separates_converging_from_diverging():
    from ann_helpers.descent import gradient_descent
    from ann_helpers.losses import line_loss_grad
    from ann_helpers.training import LINE_X, LINE_Y, repeated, stable_lr_limit

    x, y = repeated(LINE_X, LINE_Y, 3)
    for reduce in ("sum", "mean"):
        limit = stable_lr_limit(x, reduce)
        runs = {f: gradient_descent(lambda p, r=reduce: line_loss_grad(p, x, y, reduce=r),
                                    np.zeros(2),
                                    lr=f * limit, steps=20000, tol=1e-8).status
                for f in (0.95, 1.05)}
        assert runs == {0.95: "converged", 1.05: "diverged"}, (reduce, runs)
    assert stable_lr_limit(x, "sum") == pytest.approx(stable_lr_limit(LINE_X, "sum") / 3)
    assert stable_lr_limit(x, "mean") == pytest.approx(stable_lr_limit(LINE_X, "mean"))


def test_two_moons_is_seeded_and_checked():
    from ann_helpers.training import two_moons

    X, labels = two_moons(51, noise=0.1, seed=3)
    X2, labels2 = two_moons(51, noise=0.1, seed=3)
    assert X.shape == (51, 2) and np.array_equal(X, X2) and np.array_equal(labels, labels2)
    assert sorted(np.bincount(labels)) == [25, 26]
    assert not np.array_equal(X, two_moons(51, noise=0.1, seed=4)[0])
    with raises(ValueError, 'noise must be in [0, 1], got 2'):
        two_moons(10, noise=2.0)
    with raises(ValueError, 'n must be a whole number in [2, 1000000], got 1'):
        two_moons(1)


def test_averaging_networks_and_comparing_batch_sizes():
    from ann_helpers.training import average_networks, compare_batch_sizes, two_moons

    X, labels = two_moons(60, seed=0)
    a = MLP([2, 4, 2], "tanh", "softmax", seed=1)
    np.testing.assert_allclose(average_networks([a, a]).get_flat(), a.get_flat())
    with raises(ValueError, 'models must hold at least one MLP'):
        average_networks([])
    results = compare_batch_sizes(X, labels, batch_sizes=(1, 7, None), epochs=3,
                                  snapshot_epochs=(0, 3))
    assert [r["updates"] for r in results.values()] == [60, 9, 1]
    for r in results.values():
        assert len(r["loss"]) == 4 and sorted(r["snapshots"]) == [0, 3]
        assert r["snapshots"][3].shape == (60, 60)


def test_the_double_loop_written_out_is_what_fit_does():
    from ann_helpers.training import two_moons

    X, labels = two_moons(50, seed=2)
    by_hand = MLP([2, 5, 2], "tanh", "softmax", seed=7)
    lr, batch_size, losses = 0.2, 8, []
    for _epoch in range(3):
        order = by_hand.rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            batch = order[start:start + batch_size]
            loss, grads = by_hand.loss_and_gradients(X[batch], labels[batch])
            by_hand.params = [(W - lr * dW, b - lr * db)
                              for (W, b), (dW, db) in zip(by_hand.params, grads, strict=True)]
            losses.append(loss)
    fitted = MLP([2, 5, 2], "tanh", "softmax", seed=7)
    history = fitted.fit(X, labels, lr=lr, epochs=3, batch_size=batch_size)
    assert np.array_equal(fitted.get_flat(), by_hand.get_flat())
    assert history.batch_losses == losses


@pytest.fixture
def in_chinese():
    """The helpers speak Traditional Chinese for one test, English again afterwards."""
    from ann_helpers.i18n import set_language

    set_language("zh-Hant")
    try:
        yield
    finally:
        set_language("en")


def test_statuses_and_errors_in_chinese_say_the_same_with_the_same_numbers(in_chinese):
    x, y = [1.0, 2.0], [1.0, 0.0]
    assert TinyNet(seed=2).fit(x, y, lr=0.5, steps=3).status == \
        "以 lr = 0.5 走 3 步：損失下降，1.168 -> 0.0053"
    assert TinyNet(seed=2).fit(x, y, lr=80.0, steps=50).status == (
        "在第 4 步發散：損失超過 1e+12（lr = 80 太大）；參數保留為最後一組有限的值")
    X = np.array([[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
    labels = np.array([0, 0, 1, 1])
    status = MLP([2, 3, 2], activation="tanh", output="softmax").fit(
        X, labels, lr=0.5, epochs=2, batch_size=2).status
    assert status.startswith("訓練了 2 個 epoch（小批次 2，lr = 0.5）：損失 "), status
    with raises(ValueError, "params：缺少 w3, b4；參數名稱是 w1, w2, w3, w4, b1, b2, w5, w6, w7, "
                            "w8, b3, b4"):
        TinyNet({k: v for k, v in default_params(0).items() if k not in ("w3", "b4")})
    with raises(TypeError, "fit 需要學習率 lr（一般的梯度下降）或 ann_helpers.optimizers 的"
                           "最佳化器，兩者都沒有收到"):
        MLP([2, 1]).fit(X, labels)
