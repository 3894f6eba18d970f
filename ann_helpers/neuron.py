"""The neuron (神經元), lesson 05: a weighted sum passed through an activation function.

    u = w . x + b = w1 x1 + w2 x2 + ... + wn xn + b        (the linear part)
    y = g(u)                                              (the activation, 激活函數)

x holds the n inputs, w the n weights, b the bias. A batch of examples is a matrix with one
example per row; then u = X w + b is computed for every row at once.

A network is many neurons composed, "just a very large function"; `parameter_count` counts its
weights and biases, `linear_layer` / `compose_linear` show why the activation is needed (two
linear layers make one), and `xor_network` shows what two hidden neurons can do that one
cannot.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import numpy as np

from . import validate
from .activations import get_activation
from .i18n import _


def _inputs(x, w, b):
    w = validate.array("w", w, ndim=1)
    if w.size == 0:
        raise ValueError(_("w must hold at least one weight, got an empty array"))
    x = validate.array("x", x, ndim=(1, 2))
    if x.shape[-1] != w.size:
        raise ValueError(_("x and w must match: x has {inputs} input(s) per example (shape "
                           "{shape}), w has {weights} weight(s)").format(
                               inputs=x.shape[-1], shape=x.shape, weights=w.size))
    b = validate.number("b", b)
    return x, w, b


def pre_activation(x, w, b):
    """u = w . x + b for one example x (a float) or for each row of a batch X (an array)."""
    x, w, b = _inputs(x, w, b)
    u = x @ w + b
    return float(u) if x.ndim == 1 else u


def neuron(x, w, b, activation="sigmoid"):
    """y = g(w . x + b) for one example x (a float) or each row of a batch X (an array)."""
    g = get_activation(activation)
    return g.f(pre_activation(x, w, b))


@dataclass(frozen=True)
class NeuronSteps:
    """The pieces of one neuron's computation, kept for printing."""

    x: np.ndarray
    w: np.ndarray
    b: float
    products: np.ndarray   # w_i * x_i
    u: float               # sum of the products + b
    y: float               # g(u)
    activation: str

    def table(self) -> str:
        """An aligned text table: one line per input, then u and y = g(u)."""
        lines = ["  i      x_i      w_i    w_i*x_i"]
        for i, (xi, wi, pi) in enumerate(zip(self.x, self.w, self.products, strict=True), start=1):
            lines.append(f"{i:>3} {xi:>8.4f} {wi:>8.4f} {pi:>10.4f}")
        terms = " + ".join(f"({p:.4f})" for p in self.products)
        lines.append(f"u = {terms} + ({self.b:.4f}) = {self.u:.4f}")
        lines.append(f"y = {self.activation}(u) = {self.activation}({self.u:.4f}) = {self.y:.4f}")
        return "\n".join(lines)


def neuron_steps(x, w, b, activation="sigmoid") -> NeuronSteps:
    """The computation of y = g(w . x + b) for one example, step by step (see NeuronSteps)."""
    g = get_activation(activation)
    x, w, b = _inputs(x, w, b)
    if x.ndim != 1:
        raise ValueError(_("neuron_steps takes one example x (1 dimension), got shape {shape}")
                         .format(shape=x.shape))
    products = w * x
    u = float(np.sum(products) + b)
    return NeuronSteps(x, w, b, products, u, float(g.f(u)), g.name)


# -- a network is a large function ----------------------------------------------------------
def parameter_count(sizes) -> int:
    """Weights and biases of a fully connected network with layer sizes [n0, n1, ..., nL]:
    sum over layers of n_in * n_out (weights) + n_out (biases)."""
    sizes = [validate.integer(f"sizes[{i}]", n, low=1) for i, n in enumerate(sizes)]
    if len(sizes) < 2:
        raise ValueError(_("sizes must list at least an input and an output layer, got "
                           "{sizes}").format(sizes=sizes))
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True))


# -- why the activation matters -------------------------------------------------------------
def linear_layer(x, W, b):
    """A layer of neurons without activation: W x + b (W has one row per neuron)."""
    W = validate.array("W", W, ndim=2)
    b = validate.array("b", b, shape=(W.shape[0],))
    x = validate.array("x", x, ndim=1)
    if x.size != W.shape[1]:
        raise ValueError(_("x has {size} entries but W expects {columns} (W shape {shape})")
                         .format(size=x.size, columns=W.shape[1], shape=W.shape))
    return W @ x + b


def compose_linear(W1, b1, W2, b2):
    """Two linear layers are one: W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2).
    Returns (W, b) = (W2 W1, W2 b1 + b2)."""
    W1 = validate.array("W1", W1, ndim=2)
    W2 = validate.array("W2", W2, ndim=2)
    b1 = validate.array("b1", b1, shape=(W1.shape[0],))
    b2 = validate.array("b2", b2, shape=(W2.shape[0],))
    if W2.shape[1] != W1.shape[0]:
        raise ValueError(_("W2 must have {columns} columns (one per neuron of layer 1), got "
                           "shape {shape}").format(columns=W1.shape[0], shape=W2.shape))
    return W2 @ W1, W2 @ b1 + b2


XOR_INPUTS = np.array(list(product([0.0, 1.0], repeat=2)))       # (0,0) (0,1) (1,0) (1,1)
XOR_LABELS = np.array([0.0, 1.0, 1.0, 0.0])


def xor_network(x, w_hidden, b_hidden, w_out, b_out, activation="sigmoid"):
    """Two hidden neurons and one output neuron: y = g(w_out . g(W_hidden x + b_hidden) + b_out).

    x is one example (2 numbers) or a batch (rows); W_hidden is 2 x 2 (one row per hidden neuron).
    """
    g = get_activation(activation)
    W = validate.array("w_hidden", w_hidden, shape=(2, 2))
    bh = validate.array("b_hidden", b_hidden, shape=(2,))
    x = validate.array("x", x, ndim=(1, 2))
    if x.shape[-1] != 2:
        raise ValueError(_("x must have 2 inputs per example, got shape {shape}").format(
            shape=x.shape))
    h = g.f(x @ W.T + bh)
    return neuron(h, w_out, b_out, activation)


SEARCH_VALUES = np.linspace(-3.0, 3.0, 25)       # -3, -2.75, ..., 3


def single_neuron_search(inputs, labels, values=SEARCH_VALUES, activation="step"):
    """Try every (w1, w2, b) on a grid and return (best accuracy, (w1, w2, b)) for classifying
    `labels` (0/1) by thresholding one neuron's output at 1/2."""
    X = validate.array("inputs", inputs, shape=(None, 2))
    t = validate.array("labels", labels, shape=(X.shape[0],))
    vals = validate.array("values", values, ndim=1)
    g = get_activation(activation)
    W1, W2, B = np.meshgrid(vals, vals, vals, indexing="ij")
    params = np.stack([W1.ravel(), W2.ravel(), B.ravel()], axis=1)      # (k, 3)
    U = params[:, :2] @ X.T + params[:, 2:]                               # (k, examples)
    predicted = (g.f(U) >= 0.5).astype(float)
    accuracy = np.mean(predicted == t, axis=1)
    best = int(np.argmax(accuracy))
    return float(accuracy[best]), tuple(float(p) for p in params[best])


def separation_margin(inputs, labels) -> float:
    """The largest margin t such that some line w . x + b (|w_i|, |b| <= 1) is >= t on every
    label-1 point and <= -t on every label-0 point, found by linear programming.

    t > 0: one neuron (step activation) can separate the classes; t = 0: no line can.
    """
    from scipy.optimize import linprog

    X = validate.array("inputs", inputs, shape=(None, 2))
    t = validate.array("labels", labels, shape=(X.shape[0],))
    s = np.where(t > 0.5, 1.0, -1.0)
    # variables (w1, w2, b, m); maximise m  <=>  minimise -m
    # constraint per point: s_i (w . x_i + b) >= m   <=>   -s_i x_i . w - s_i b + m <= 0
    A = np.column_stack([-s[:, None] * X, -s, np.ones_like(s)])
    res = linprog(c=[0, 0, 0, -1], A_ub=A, b_ub=np.zeros(len(s)),
                  bounds=[(-1, 1), (-1, 1), (-1, 1), (0, None)], method="highs")
    if not res.success:
        raise RuntimeError(_("linear program failed: {message}").format(message=res.message))
    return max(0.0, float(res.x[3]))   # max() also turns -0.0 into 0.0
