"""Loss functions (損失函數), each a pair: the loss L(y_hat, y) and its gradient dL/dy_hat.

y_hat is what the model predicts, y the label (標籤) of the training example. Both are numbers
or arrays of the same shape (one example, or a batch as rows); the loss is summed over every
element, so the loss of a batch is the sum of the examples' losses (the article's choice):

    squared_error    L = 1/2 sum (y_hat - y)^2        dL/dy_hat = y_hat - y
    absolute_error   L = sum |y_hat - y|              dL/dy_hat = sign(y_hat - y)   (0 at 0)
    cross_entropy    L = -sum y log y_hat             dL/dy_hat = -y / y_hat

Cross-entropy (交叉熵) compares probability vectors: y is one-hot (or a probability vector),
y_hat the predicted class probabilities, usually softmax(z) of the network's raw outputs z
(logits). Computed from the logits it is stable for any z, via log-sum-exp:

    log softmax(z)_k = z_k - logsumexp(z),  logsumexp(z) = m + log sum_j e^(z_j - m), m = max z
    L(z, y) = -sum_k y_k log softmax(z)_k   dL/dz = softmax(z) - y       (rows of y sum to 1)

The 1/2 in the squared error is there so the 2 from differentiating the square cancels.

Lesson 06 also needs the loss as a function of the parameters: `line_loss`, `line_loss_grad`
and `line_loss_surface` for the line y_hat = w x + b over a data set (`example_data`),
`least_squares_line` for the exact answer, and `symbolic_example_loss` for the sympy version.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import validate
from .activations import Registry
from .i18n import N_, _

#: probabilities are clipped to at least this before taking the log (log 0 = -inf)
EPS = 1e-12
#: the most classes one_hot and accuracy accept (a one-hot row is that long)
MAX_CLASSES = 100_000


def _pair(y_hat, y, name_hat: str = "y_hat") -> tuple[np.ndarray, np.ndarray]:
    """Both arguments as finite float arrays of the same shape."""
    y_hat = validate.array(name_hat, y_hat)
    y = validate.array("y", y)
    if y_hat.shape != y.shape:
        raise ValueError(_("{name} and y must have the same shape, got {name} {shape_hat} and "
                           "y {shape}").format(name=name_hat, shape_hat=y_hat.shape,
                                               shape=y.shape))
    return y_hat, y


def _out(like, result: np.ndarray):
    return float(result) if np.ndim(like) == 0 else result


def _labels(y: np.ndarray) -> np.ndarray:
    """Check y is a probability vector (or one per row): entries >= 0, each row sums to 1."""
    if y.ndim == 0:
        raise ValueError(_("y must be a probability vector such as a one-hot label [0, 1, 0], "
                           "got a single number"))
    if np.any(y < 0) or not np.allclose(y.sum(axis=-1), 1.0, atol=1e-6):
        raise ValueError(_("y must be one-hot or a probability vector: entries >= 0 and each "
                           "row summing to 1, got row sums {sums}").format(
                               sums=np.round(y.sum(axis=-1), 6)))
    return y


# -- squared error ---------------------------------------------------------------------------
def squared_error(y_hat, y) -> float:
    """L = 1/2 sum (y_hat - y)^2: smooth everywhere, large errors count quadratically.

    Computed as 1/2 m^2 sum (r/m)^2 with m = max |r|, so no square overflows on the way:
    the result is inf (without a warning) only when L itself exceeds the float range."""
    y_hat, y = _pair(y_hat, y)
    with np.errstate(over="ignore", invalid="ignore"):
        r = y_hat - y
        m = float(np.max(np.abs(r), initial=0.0))
        if m == 0.0 or not np.isfinite(m):
            return 0.0 if m == 0.0 else math.inf
        return float(0.5 * m * m * np.sum(np.square(r / m)))


def squared_error_grad(y_hat, y):
    """dL/dy_hat = y_hat - y (the residual itself; +-inf, without a warning, past the float
    range)."""
    y_hat, y = _pair(y_hat, y)
    with np.errstate(over="ignore"):
        return _out(y_hat, y_hat - y)


# -- absolute error --------------------------------------------------------------------------
def absolute_error(y_hat, y) -> float:
    """L = sum |y_hat - y|: a V with a kink at y_hat = y."""
    y_hat, y = _pair(y_hat, y)
    return float(np.sum(np.abs(y_hat - y)))


def absolute_error_grad(y_hat, y):
    """dL/dy_hat = sign(y_hat - y): -1 or +1, jumping at the minimum (0 used there)."""
    y_hat, y = _pair(y_hat, y)
    return _out(y_hat, np.sign(y_hat - y))


# -- softmax and cross-entropy ---------------------------------------------------------------
def logsumexp(z) -> np.ndarray:
    """log sum_k e^(z_k) over the last axis, as m + log sum e^(z_k - m) with m = max z."""
    z = validate.array("z", z, ndim=(1, 2))
    m = np.max(z, axis=-1, keepdims=True)
    # z - m may overflow to -inf (z = [1e308, -1e308]): e^(-inf) = 0 is then exact
    with np.errstate(under="ignore", over="ignore"):
        return (m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True)))[..., 0]


def log_softmax(z) -> np.ndarray:
    """log softmax(z)_k = z_k - logsumexp(z), over the last axis (one row per example)."""
    z = validate.array("z", z, ndim=(1, 2))
    with np.errstate(over="ignore"):
        return z - logsumexp(z)[..., None]


def softmax(z) -> np.ndarray:
    """softmax(z)_k = e^(z_k) / sum_j e^(z_j): positive, each row sums to 1; never overflows."""
    with np.errstate(under="ignore"):
        return np.exp(log_softmax(z))


def one_hot(labels, classes: int) -> np.ndarray:
    """Class numbers [2, 0] -> rows [[0, 0, 1], [1, 0, 0]] (for `classes` = 3); one class
    number gives one row. The targets of the cross-entropy: the label as a probability
    distribution."""
    classes = validate.integer("classes", classes, low=1, high=MAX_CLASSES)
    if isinstance(labels, (bool, np.bool_)) or labels is None or isinstance(labels, (str, bytes)):
        raise TypeError(_("labels must be whole class numbers in [0, {last}], got {labels}")
                        .format(last=classes - 1, labels=f"{labels!r:.60}"))
    idx = np.asarray(labels)
    if idx.dtype.kind not in "iu" or np.any(idx < 0) or np.any(idx >= classes):
        raise ValueError(_("labels must be whole numbers in [0, {last}], got {labels}")
                         .format(last=classes - 1, labels=f"{labels!r:.60}"))
    return np.eye(classes)[idx]


def accuracy(y_true, y_pred, classes: int | None = None) -> float:
    """The fraction of examples whose predicted class equals the true class.

    y_true, y_pred   1-D arrays of class numbers of the same length (at least one)
    classes          when given, every class number must lie in [0, classes - 1]
    """
    if classes is not None:
        classes = validate.integer("classes", classes, low=1, high=MAX_CLASSES)
    y_true, y_pred = label_pair(y_true, y_pred, classes)
    return float(np.mean(y_true == y_pred))


def label_pair(y_true, y_pred, classes: int | None) -> tuple[np.ndarray, np.ndarray]:
    """True and predicted class numbers checked as a pair: labels in [0, classes - 1] (when
    classes is given), the same length, at least one (for accuracy and the confusion matrix)."""
    y_true = validate.labels("y_true", y_true, classes)
    y_pred = validate.labels("y_pred", y_pred, classes)
    if y_true.shape != y_pred.shape:
        raise ValueError(_("y_true and y_pred must have the same length, got {n_true} and "
                           "{n_pred}").format(n_true=y_true.size, n_pred=y_pred.size))
    if y_true.size == 0:
        raise ValueError(_("y_true and y_pred are empty: nothing to compare"))
    return y_true, y_pred


def cross_entropy(y_hat, y) -> float:
    """L = -sum y log y_hat, for predicted probabilities y_hat in [0, 1] (clipped at EPS)."""
    y_hat, y = _pair(y_hat, y)
    y = _labels(y)
    if np.any(y_hat < 0) or np.any(y_hat > 1):
        raise ValueError(_("y_hat must be probabilities in [0, 1] for cross_entropy; for raw "
                           "network outputs use cross_entropy_logits"))
    return float(-np.sum(y * np.log(np.maximum(y_hat, EPS))))


def cross_entropy_grad(y_hat, y):
    """dL/dy_hat = -y / y_hat (y_hat clipped at EPS)."""
    y_hat, y = _pair(y_hat, y)
    y = _labels(y)
    if np.any(y_hat < 0) or np.any(y_hat > 1):
        raise ValueError(_("y_hat must be probabilities in [0, 1] for cross_entropy_grad"))
    return -y / np.maximum(y_hat, EPS)


def cross_entropy_logits(z, y) -> float:
    """L = -sum y log softmax(z), computed with log_softmax: stable for any logits z.

    Only the classes with y_k > 0 enter the sum (0 * log 0 counts as 0); the result is inf
    only when L itself exceeds the float range (z = [1e308, -1e308] with the second class)."""
    z, y = _pair(z, y, "z")
    y = _labels(y)
    ls = log_softmax(z)
    with np.errstate(over="ignore"):
        return float(0.0 - np.sum(y[y > 0] * ls[y > 0]))


def cross_entropy_logits_grad(z, y) -> np.ndarray:
    """dL/dz = softmax(z) - y: the prediction minus the label, as for the squared error."""
    z, y = _pair(z, y, "z")
    y = _labels(y)
    return softmax(z) - y


@dataclass(frozen=True)
class Loss:
    """A loss L(y_hat, y), its gradient dL/dy_hat, a label for plots; for cross-entropy also
    the version taking logits z and its gradient dL/dz."""

    name: str
    f: Callable
    grad: Callable
    label: str
    f_logits: Callable | None = None
    grad_logits: Callable | None = None

    def __call__(self, y_hat, y) -> float:
        return self.f(y_hat, y)


LOSSES: dict[str, Loss] = Registry(N_("loss"), {
    "squared_error": Loss("squared_error", squared_error, squared_error_grad,
                          "squared error  1/2 (y_hat - y)^2"),
    "absolute_error": Loss("absolute_error", absolute_error, absolute_error_grad,
                           "absolute error  |y_hat - y|"),
    "cross_entropy": Loss("cross_entropy", cross_entropy, cross_entropy_grad,
                          "cross-entropy  -y log y_hat", cross_entropy_logits,
                          cross_entropy_logits_grad),
})


def get_loss(loss) -> Loss:
    """The Loss for a name such as "squared_error" (or a Loss, returned as it is)."""
    if isinstance(loss, Loss):
        return loss
    if not isinstance(loss, str):
        raise TypeError(_("loss must be a name ({names}) or a Loss, got {value} of type {type}")
                        .format(names=", ".join(map(repr, LOSSES)), value=repr(loss),
                                type=type(loss).__name__))
    return LOSSES[loss]


# -- the loss as a function of the parameters (lesson 06) -----------------------------------
# The model (target function, 目標函數) y_hat = f(x; w, b) = w x + b has inputs x and
# parameters w, b. Substitute the training examples (x_i, y_i): the inputs and labels become
# constants and the loss becomes a function of the parameters alone,
#     L(w, b) = sum_i loss(w x_i + b, y_i),
# with, by the chain rule, dL/dw = sum_i loss'(y_hat_i) x_i and dL/db = sum_i loss'(y_hat_i).
def example_data(n: int = 8, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """A small seeded data set for fitting a line: x evenly spread over [0, 4],
    y = 0.8 x + 1 + normal noise (standard deviation 0.4)."""
    n = validate.integer("n", n, low=2, high=1000)
    seed = validate.integer("seed", seed, low=0)
    rng = np.random.default_rng(seed)
    x = np.linspace(0.0, 4.0, n)
    y = 0.8 * x + 1.0 + rng.normal(0.0, 0.4, n)
    return x, y


def _data(x, y):
    x = validate.array("x", x, ndim=1)
    y = validate.array("y", y, ndim=1)
    if x.shape != y.shape:
        raise ValueError(_("x and y must have the same length, got {n_x} and {n_y}").format(
            n_x=x.size, n_y=y.size))
    return x, y


def _params(params) -> np.ndarray:
    return validate.array("params", params, shape=(2,))


def _reduce(reduce: str, n: int) -> float:
    """The factor of a summed ("sum": 1) or averaged ("mean": 1/n) loss over n examples."""
    validate.choice("reduce", reduce, ("sum", "mean"))
    if n == 0:
        raise ValueError(_("x must hold at least one example"))
    return 1.0 if reduce == "sum" else 1.0 / n


def line_loss(params, x, y, loss="squared_error", reduce: str = "sum") -> float:
    """L(w, b) = sum_i loss(w x_i + b, y_i) for the line y_hat = w x + b; params = (w, b).
    reduce="mean" divides by the number of examples n (lesson 08: sum or mean)."""
    w, b = _params(params)
    x, y = _data(x, y)
    factor = _reduce(reduce, x.size)
    return factor * get_loss(loss).f(w * x + b, y)


def line_loss_grad(params, x, y, loss="squared_error", reduce: str = "sum") -> np.ndarray:
    """(dL/dw, dL/db) = (sum_i loss'(y_hat_i) x_i, sum_i loss'(y_hat_i)), the chain rule:
    the per-example gradients added up (divided by n for reduce="mean")."""
    w, b = _params(params)
    x, y = _data(x, y)
    factor = _reduce(reduce, x.size)
    d = get_loss(loss).grad(w * x + b, y)
    return factor * np.array([np.sum(d * x), np.sum(d)])


def line_loss_surface(W, B, x, y, loss="squared_error") -> np.ndarray:
    """L(w, b) at every point of the grids W, B at once (for contour plots): the same sum as
    `line_loss`, vectorised over the parameters. Only the squared and absolute errors."""
    W = validate.array("W", W)
    B = validate.array("B", B, shape=W.shape)
    x, y = _data(x, y)
    name = validate.choice("loss", loss, ("squared_error", "absolute_error"))
    R = W[..., None] * x + B[..., None] - y          # residuals, one axis per example
    return 0.5 * np.sum(R * R, axis=-1) if name == "squared_error" else np.sum(np.abs(R), axis=-1)


def least_squares_line(x, y) -> np.ndarray:
    """(w, b) minimising the squared error, from numpy.linalg.lstsq on the matrix [x, 1]."""
    x, y = _data(x, y)
    A = np.column_stack([x, np.ones_like(x)])
    solution, *_ = np.linalg.lstsq(A, y, rcond=None)
    return solution


def symbolic_example_loss(x1, x2, y):
    """The article's move with sympy: the model f(x1, x2) = a x1 + b x2 + c, one training
    example (x1, x2, y) substituted; returns (L, [dL/da, dL/db, dL/dc]) with
    L = 1/2 (f - y)^2 an expression in the parameters a, b, c alone."""
    import sympy as sp

    values = [validate.number(name, v) for name, v in (("x1", x1), ("x2", x2), ("y", y))]
    a, b, c, X1, X2, Y = sp.symbols("a b c x1 x2 y")
    model = a * X1 + b * X2 + c
    loss = sp.Rational(1, 2) * (model - Y) ** 2
    subs = {s: sp.nsimplify(v) for s, v in zip((X1, X2, Y), values, strict=True)}
    L = sp.expand(loss.subs(subs))
    return L, [sp.expand(sp.diff(L, p)) for p in (a, b, c)]
