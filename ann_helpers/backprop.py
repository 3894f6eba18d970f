"""Lesson 10: back-propagation (誤差反向傳播) for a network of any depth, on a minibatch.

This is the code `MLP` trains with (lessons 08 and 09). Layers are numbered l = 1..L; layer l
has weights W^l of shape (n_(l-1), n_l) and biases b^l, so for one example (a column of
numbers) z^l = W^l^T a^(l-1) + b^l, and for a batch (rows are examples) Z^l = A^(l-1) W^l + b^l.

    forward    a^0 = x,   z^l = W^l^T a^(l-1) + b^l,   a^l = g(z^l)   (l < L),   y_hat = o(z^L)
    backward   delta^L = dL/dy_hat * o'(z^L)                       (element by element)
               delta^l = (W^(l+1) delta^(l+1)) * g'(z^l)           (l = L-1, ..., 1)
               dL/dW^l = a^(l-1) delta^l^T    (an outer product),   dL/db^l = delta^l

delta^l = dL/dz^l is the "kept and reused" quantity of lesson 07: computed once per layer, it
serves every weight of that layer and the whole layer before it. For a batch the rows of
delta are the examples: delta^l = (delta^(l+1) @ W^(l+1).T) * g'(Z^l), and
dL/dW^l = A^(l-1).T @ delta^l adds the examples' outer products.

The loss is the mean over the batch: squared error 1/2 |y_hat - y|^2 for the outputs
"identity" and "sigmoid", cross-entropy with "softmax" (then delta^L = (y_hat - y) / n).

The lesson's other maths lives here too: what the chain rule costs without keeping delta
(`chain_rule_cost`, `path_gradients`), gradient sizes layer by layer (`layer_gradient_sizes`)
and the learning slowdown of one sigmoid neuron (`slowdown_curves`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

import numpy as np

from . import validate
from .activations import ACTIVATIONS
from .i18n import N_, _

#: output activations, each with its loss: squared error, squared error, cross-entropy
OUTPUTS = ("identity", "sigmoid", "softmax")

#: Each activation as a pair (g, g'), g' written as g'(z, a) from the kept z and a = g(z):
#: for sigmoid and tanh the kept a saves an exponential (g' = a (1 - a), 1 - a^2). No input
#: checks and no overflow guard: backprop runs under np.errstate, where exp(-z) overflowing to
#: inf gives sigmoid 0 exactly. Tests check each against ACTIVATIONS[name].f and .df; any other
#: activation uses ACTIVATIONS[name].f and .df(z).
KERNELS: dict[str, tuple[Callable, Callable]] = {
    "sigmoid": (lambda z: 1.0 / (1.0 + np.exp(-z)), lambda z, a: a * (1.0 - a)),
    "tanh": (np.tanh, lambda z, a: 1.0 - a * a),
    "relu": (lambda z: np.maximum(z, 0.0), lambda z, a: a > 0.0),
    "linear": (lambda z: z, lambda z, a: 1.0),
}


def activation_pair(name: str) -> tuple[Callable, Callable]:
    """(g, g_prime) for an activation name; g_prime(z, a) is g'(z) with a = g(z)."""
    validate.choice("activation", name, list(ACTIVATIONS))
    if name in KERNELS:
        return KERNELS[name]
    act = ACTIVATIONS[name]
    return act.f, lambda z, a: act.df(z)


# -- the three steps ------------------------------------------------------------------------
def forward(params, X: np.ndarray, g: Callable) -> tuple[list, list]:
    """The forward pass, keeping what the backward pass needs.

    Returns zs = [Z^1, ..., Z^L] (every layer's net input) and activations = [A^0 = X, A^1,
    ..., A^(L-1)] (the hidden layers' outputs). The output activation o belongs to the loss.
    """
    zs, activations = [], [X]
    a = X
    for l, (W, b) in enumerate(params, start=1):
        z = a @ W + b                       # z^l = W^l^T a^(l-1) + b^l, one row per example
        zs.append(z)
        if l < len(params):
            a = g(z)
            activations.append(a)
    return zs, activations


def output_delta(z_L: np.ndarray, Y: np.ndarray, output: str) -> tuple[float, np.ndarray]:
    """The mean loss over the batch and delta^L = dL/dz^L = dL/dy_hat * o'(z^L).

    identity:  L = 1/n sum 1/2 |y_hat - y|^2, y_hat = z^L        delta^L = (y_hat - y) / n
    sigmoid:   the same with y_hat = sigmoid(z^L)      delta^L = (y_hat - y) y_hat (1 - y_hat) / n
    softmax:   L = -1/n sum_i sum_k y_ik log y_hat_ik    delta^L = (y_hat - y) / n
               (log softmax by log-sum-exp: z_k - m - log sum_j e^(z_j - m), m = max z)
    """
    n = z_L.shape[0]
    if output == "softmax":
        shifted = z_L - z_L.max(axis=1, keepdims=True)
        E = np.exp(shifted)
        S = E.sum(axis=1, keepdims=True)
        # rows of Y sum to 1, so -sum Y (shifted - log S) = sum log S - sum Y shifted
        loss = (float(np.add.reduce(np.log(S), axis=None))
                - float(np.add.reduce(Y * shifted, axis=None))) / n
        return loss, (E / S - Y) / n
    if output == "identity":
        R = z_L - Y                         # dL/dy_hat, and o' = 1
        return 0.5 * float(np.add.reduce(R * R, axis=None)) / n, R / n
    P = ACTIVATIONS["sigmoid"].f(z_L)
    R = P - Y                               # dL/dy_hat; o'(z) = y_hat (1 - y_hat)
    return 0.5 * float(np.add.reduce(R * R, axis=None)) / n, R * (P * (1.0 - P)) / n


def backward(params, zs: list, activations: list, delta: np.ndarray,
             g_prime: Callable) -> list[tuple[np.ndarray, np.ndarray]]:
    """[(dL/dW^l, dL/db^l) for l = 1..L] from delta = delta^L, layer by layer to the front."""
    grads = [None] * len(params)
    for l in range(len(params), 0, -1):                    # l = L, L-1, ..., 1
        grads[l - 1] = (activations[l - 1].T @ delta,      # dL/dW^l = a^(l-1) delta^l^T
                        np.add.reduce(delta, axis=0))      # dL/db^l = delta^l
        if l > 1:                                          # delta^(l-1), reusing delta^l
            W = params[l - 1][0]
            delta = (delta @ W.T) * g_prime(zs[l - 2], activations[l - 1])
    return grads


def backprop(params, X, Y, activation: str = "sigmoid",
             output: str = "identity") -> tuple[float, list[tuple[np.ndarray, np.ndarray]]]:
    """The mean loss over the batch (rows of X, Y) and [(dL/dW^l, dL/db^l)] for every layer.

    params      [(W^1, b^1), ..., (W^L, b^L)], W^l of shape (n_(l-1), n_l), b^l (n_l,)
    X, Y        inputs (n, n_0) and targets (n, n_L): one-hot rows for output="softmax"
    activation  the hidden layers' g, a name from ann_helpers.activations.ACTIVATIONS
    output      "identity" or "sigmoid" (squared error), "softmax" (cross-entropy)

    Overflow does not raise: a loss that became inf or nan is returned as it is.
    """
    params = check_params(params)
    X = validate.array("X", X, shape=(None, params[0][0].shape[0]))
    Y = validate.array("Y", Y, shape=(X.shape[0], params[-1][0].shape[1]))
    output = validate.choice("output", output, OUTPUTS)
    g, g_prime = activation_pair(activation)
    with np.errstate(all="ignore"):
        zs, activations = forward(params, X, g)
        loss, delta = output_delta(zs[-1], Y, output)
        return loss, backward(params, zs, activations, delta, g_prime)


def check_params(params) -> list[tuple[np.ndarray, np.ndarray]]:
    """params as a list of (W, b) float arrays whose shapes chain: W^l (n_(l-1), n_l), b^l
    (n_l,), the n_l of one layer the n_(l-1) of the next."""
    if isinstance(params, (str, bytes)) or not isinstance(params, Sequence) or not params:
        raise TypeError(_("params must be a non-empty list of (W, b) pairs, got {type}")
                        .format(type=type(params).__name__))
    checked = []
    for i, pair in enumerate(params):
        if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(pair) != 2:
            raise ValueError(_("params[{i}] must be a pair (W, b)").format(i=i))
        W = validate.array(f"params[{i}] W", pair[0], ndim=2)
        if checked and W.shape[0] != checked[-1][0].shape[1]:
            raise ValueError(_("params[{i}] W must have {rows} rows (the outputs of layer {i}), "
                               "got shape {shape}").format(i=i, rows=checked[-1][0].shape[1],
                                                           shape=W.shape))
        b = validate.array(f"params[{i}] b", pair[1], shape=(W.shape[1],))
        checked.append((W, b))
    return checked


def _sizes(layer_sizes) -> tuple[int, ...]:
    if isinstance(layer_sizes, (str, bytes)) or not isinstance(layer_sizes, Sequence) \
            or len(layer_sizes) < 2:
        raise TypeError(_("layer_sizes must be a list of at least 2 whole numbers such as "
                          "[2, 8, 1] (inputs, hidden..., outputs), got {sizes!r}")
                        .format(sizes=layer_sizes))
    return tuple(validate.integer(f"layer_sizes[{i}]", n, low=1)
                 for i, n in enumerate(layer_sizes))


def random_params(layer_sizes, scale: float = 1.0, seed: int = 0):
    """[(W^l, b^l)]: weights normal with standard deviation scale / sqrt(n_(l-1)), biases 0."""
    sizes = _sizes(layer_sizes)
    scale = validate.positive("scale", scale)
    rng = np.random.default_rng(validate.integer("seed", seed, low=0))
    return [(rng.normal(0.0, scale / math.sqrt(n_in), (n_in, n_out)), np.zeros(n_out))
            for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)]


# ==========================================================================================
# What the chain rule costs without keeping delta
# ==========================================================================================
def path_count(layer_sizes, layer: int) -> int:
    """How many paths lead from one neuron of `layer` (1..L) to the outputs: n_(l+1) ... n_L
    (1 for an output neuron). Each is one chain of the chain rule."""
    sizes = _sizes(layer_sizes)
    layer = validate.integer("layer", layer, low=1, high=len(sizes) - 1)
    return math.prod(sizes[layer + 1:])


def chain_rule_cost(layer_sizes) -> dict[str, int]:
    """Multiply-adds for the whole gradient of one example's loss, with and without reuse.

    One step along a path (multiply the running product by a weight and the slope g' at its
    end) counts as one multiply-add, as does multiplying by the input a^(l-1)_i of a weight.

        without_reuse  the forward pass, then for every parameter its own sum over paths:
                       a weight of layer l:  (L - l) steps on each of its n_(l+1)...n_L paths,
                       plus 1;  a bias: the same without the 1
        backprop       the forward pass, dW^l = a^(l-1) delta^l^T and delta^l = W^(l+1)
                       delta^(l+1)  (lesson 07's gradient_cost: about 3 forward passes)

    The first grows like a product of widths (exponentially with depth), the second like the
    number of weights.
    """
    from .network import gradient_cost

    sizes = _sizes(layer_sizes)
    L = len(sizes) - 1
    reuse = gradient_cost(sizes)
    naive = reuse["forward"]
    for l in range(1, L + 1):
        steps = (L - l) * math.prod(sizes[l + 1:])      # one sum over paths
        naive += sizes[l - 1] * sizes[l] * (steps + 1) + sizes[l] * steps
    return {"parameters": reuse["parameters"], "paths": math.prod(sizes[2:]),
            "without_reuse": naive, "backprop": reuse["backprop"]}


def path_gradients(params, x, y, activation: str = "sigmoid", output: str = "identity"):
    """The chain rule with nothing kept: every parameter's derivative as its own sum over all
    paths to the outputs, for one example. Returns ([(dW^l, db^l)], multiply-adds counted as
    in `chain_rule_cost`). Slow on purpose; for small networks."""
    params = check_params(params)
    x = validate.array("x", x, shape=(params[0][0].shape[0],))
    y = validate.array("y", y, shape=(params[-1][0].shape[1],))
    g, g_prime = activation_pair(activation)
    with np.errstate(all="ignore"):
        zs, acts = forward(params, x[None, :], g)
        _loss, delta_L = output_delta(zs[-1], y[None, :], validate.choice("output", output, OUTPUTS))
    zs, acts, delta_L = [z[0] for z in zs], [a[0] for a in acts], delta_L[0]
    slopes = [np.broadcast_to(g_prime(z, a), z.shape) for z, a in zip(zs[:-1], acts[1:],
                                                                        strict=True)]
    sizes = [params[0][0].shape[0]] + [W.shape[1] for W, _ in params]
    L = len(params)
    steps = sum(W.size for W, _ in params)             # the forward pass

    def dL_dz(l: int, j: int) -> float:
        """dL/dz^l_j, summed path by path from scratch."""
        nonlocal steps
        total = 0.0
        for rest in itertools.product(*(range(n) for n in sizes[l + 1:])):
            path = (j, *rest)                           # neurons in layers l, l+1, ..., L
            term = delta_L[path[-1]]
            for m in range(L - 1, l - 1, -1):           # back along the path: layer m -> m+1
                term *= params[m][0][path[m - l], path[m - l + 1]] * slopes[m - 1][path[m - l]]
                steps += 1
            total += term
        return total

    grads = []
    for l in range(1, L + 1):
        W, b = params[l - 1]
        dW, db = np.zeros_like(W), np.zeros_like(b)
        for j in range(W.shape[1]):
            for i in range(W.shape[0]):
                dW[i, j] = acts[l - 1][i] * dL_dz(l, j)
                steps += 1
            db[j] = dL_dz(l, j)
        grads.append((dW, db))
    return grads, steps


# ==========================================================================================
# Gradients layer by layer: vanishing and exploding
# ==========================================================================================
#: the activations the lesson compares
DEPTH_ACTIVATIONS = ("sigmoid", "tanh", "relu")
#: the probe network: `WIDTH` neurons per layer, a batch of `BATCH` random examples
WIDTH, BATCH = 16, 64


def layer_gradient_sizes(depth: int, activation: str = "sigmoid", scale: float = 1.0,
                         seed: int = 0) -> np.ndarray:
    """The typical size (root mean square) of dL/db^l = delta^l (summed over the batch), the
    error signal that back-propagation hands to layer l, for l = 1..depth, in a network of
    `depth` weight layers, every layer WIDTH neurons wide (inputs and outputs too, so every
    W^l is WIDTH x WIDTH and the layers compare like with like), weights normal with standard
    deviation scale / sqrt(WIDTH), biases 0, a seeded batch of BATCH standard-normal inputs and
    targets, identity outputs and squared error."""
    depth = validate.integer("depth", depth, low=1, high=30)
    validate.choice("activation", activation, list(ACTIVATIONS))
    params = random_params([WIDTH] * (depth + 1), scale=scale, seed=seed)
    rng = np.random.default_rng(1000 + seed)
    X = rng.normal(size=(BATCH, WIDTH))
    Y = rng.normal(size=(BATCH, WIDTH))
    _loss, grads = backprop(params, X, Y, activation, "identity")
    return np.array([math.sqrt(float(np.mean(db * db))) for _dW, db in grads])


def shrink_per_layer(sizes: np.ndarray) -> float:
    """The factor by which the gradient size changes per layer towards the input, on
    average: (size of layer 1 / size of layer L)^(1 / (L - 1)). 0 when layer 1's is 0."""
    sizes = np.asarray(sizes, dtype=float)
    if sizes.size < 2:
        raise ValueError(_("sizes must hold at least 2 layers"))
    if sizes[0] == 0.0 or sizes[-1] == 0.0:
        return 0.0
    return float((sizes[0] / sizes[-1]) ** (1.0 / (sizes.size - 1)))


#: the verdicts on the factor per layer, in English (translate with _() where shown)
VERDICTS = (N_("vanishing"), N_("roughly steady"), N_("exploding"))


def gradient_verdict(factor: float) -> str:
    """The verdict on a factor per layer towards the input (from `shrink_per_layer`), one of
    VERDICTS in English: "vanishing" below 0.8, "exploding" above 1.25, else "roughly
    steady"."""
    return ("vanishing" if factor < 0.8 else "exploding" if factor > 1.25
            else "roughly steady")


def vanishing_status(depth: int, activation: str, scale: float) -> str:
    """In words: how the gradient size changes from the last layer to the first."""
    sizes = layer_gradient_sizes(depth, activation, scale)
    factor = shrink_per_layer(sizes)
    ratio = sizes[0] / sizes[-1] if sizes[-1] else 0.0
    return _("{activation}, {depth} layers, weight scale {scale:.2f}: delta in layer 1 is "
             "{ratio:.2g} times delta in layer {depth}, x{factor:.2f} per layer towards the "
             "input ({verdict})").format(activation=activation, depth=depth, scale=scale,
                                         ratio=ratio, factor=factor,
                                         verdict=_(gradient_verdict(factor)))


# ==========================================================================================
# One sigmoid neuron: squared error learns slowly where cross-entropy does not
# ==========================================================================================
SLOWDOWN = {"w": 2.0, "b": 2.0, "x": 1.0, "y": 0.0, "lr": 0.15, "steps": 300}


def slowdown_curves(w: float = 2.0, b: float = 2.0, x: float = 1.0, y: float = 0.0,
                    lr: float = 0.15, steps: int = 300) -> dict[str, dict[str, np.ndarray]]:
    """Gradient descent on one neuron y_hat = sigmoid(w x + b) and one example (x, y), from
    the same start with the same learning rate, under two losses:

        squared_error   L = 1/2 (y_hat - y)^2              dL/dw = (y_hat - y) y_hat (1 - y_hat) x
        cross_entropy   L = -y log y_hat - (1-y) log(1-y_hat)   dL/dw = (y_hat - y) x

    (dL/db the same without x). Returns {loss name: {"loss", "output", "w", "b"}}, arrays of
    steps + 1 values (before each step and at the end)."""
    w, b, x = (validate.number(k, v) for k, v in (("w", w), ("b", b), ("x", x)))
    y = validate.number("y", y, low=0.0, high=1.0)
    lr = validate.positive("lr", lr)
    steps = validate.integer("steps", steps, low=1)
    sig = ACTIVATIONS["sigmoid"].f
    result = {}
    for name in ("squared_error", "cross_entropy"):
        wk, bk = w, b
        rows = []
        for _step in range(steps + 1):
            p = sig(wk * x + bk)
            if name == "squared_error":
                loss = 0.5 * (p - y) ** 2
                dz = (p - y) * p * (1.0 - p)
            else:
                q = min(max(p, 1e-300), 1.0 - 1e-16)
                loss = -(y * math.log(q) + (1.0 - y) * math.log(1.0 - q))
                dz = p - y
            rows.append((loss, p, wk, bk))
            wk, bk = wk - lr * dz * x, bk - lr * dz
        arr = np.array(rows)
        result[name] = {"loss": arr[:, 0], "output": arr[:, 1], "w": arr[:, 2], "b": arr[:, 3]}
    return result
