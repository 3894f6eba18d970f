"""Lessons 07-08: the article's four-neuron network, back-propagation, and training on a batch.

The article's network (fixed notation, used in code and text alike):

    inputs   x1, x2
    hidden   h1 = g(u1),  u1 = w1 x1 + w2 x2 + b1          g = sigmoid
             h2 = g(u2),  u2 = w3 x1 + w4 x2 + b2
    outputs  y1_hat = o(u3),  u3 = w5 h1 + w6 h2 + b3      o = identity (the article)
             y2_hat = o(u4),  u4 = w7 h1 + w8 h2 + b4          or sigmoid
    loss     L = 1/2 [(y1 - y1_hat)^2 + (y2 - y2_hat)^2]

Back-propagation is the chain rule (鏈式求導法則) applied from the back to the front, keeping
each intermediate result so that the weights nearer the input can reuse it:

    delta3 = dL/du3 = (y1_hat - y1) o'(u3)          one chain: L -> y1_hat -> u3
    dL/dw5 = delta3 h1,   dL/dw6 = delta3 h2,   dL/db3 = delta3
    delta1 = dL/du1 = (delta3 w5 + delta4 w7) g(u1) (1 - g(u1))     two chains, summed
    dL/dw1 = delta1 x1,   dL/dw2 = delta1 x2,   dL/db1 = delta1

`TinyNet` writes this out term by term, as the lesson does. `MLP` is the same algorithm for any
number of layers and a whole batch at once (rows are examples), as matrix products; it trains
with `ann_helpers.backprop` (lesson 10), whose code is short enough to read:

    forward    Z_l = A_(l-1) @ W_l + b_l,   A_l = g(Z_l),   A_0 = X
    backward   dZ_L = dL/dZ_L                              (output layer, from the loss)
               dW_l = A_(l-1).T @ dZ_l,   db_l = sum of the rows of dZ_l
               dZ_(l-1) = (dZ_l @ W_l.T) * g'(Z_(l-1))      (the stored dZ_l is reused)

The activation functions and their derivatives come from `ann_helpers.activations`, the losses
from `ann_helpers.losses`. `gradient_check` compares any analytic gradient with central
differences (`ann_helpers.calculus.numerical_gradient`, Richardson-refined) and reports the
largest relative error; `check_tinynet` and `check_mlp` apply it to the two networks.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from . import validate
from .activations import ACTIVATIONS
from .backprop import activation_pair, backprop, backward, forward, output_delta
from .calculus import numerical_gradient
from .i18n import _
from .losses import accuracy, one_hot, softmax

#: the twelve parameters of the article's network, in the order the lesson lists them
PARAM_NAMES = ("w1", "w2", "w3", "w4", "b1", "b2", "w5", "w6", "w7", "w8", "b3", "b4")
#: output activations: TinyNet takes the first two, MLP all three
OUTPUTS = ("identity", "sigmoid", "softmax")
#: a loss above this counts as diverged, before it overflows to inf
LOSS_LIMIT = 1e12
#: the most steps TinyNet.fit takes and epochs MLP.fit runs
MAX_STEPS = 1_000_000
#: the most parameters an MLP may have (about 80 MB of weights)
MAX_PARAMS = 10_000_000


class History(list):
    """The loss after each epoch (a list of floats) plus how the run ended.

    `status` says it in words ("trained 50 epochs: loss 0.6931 -> 0.0412", or
    "diverged in epoch 3 ..."), `diverged` is True when the loss stopped being finite (the
    parameters are then left at their last finite values), `seconds` is the wall-clock time,
    `batch_losses` (from MLP.fit) the loss of each batch at the moment it was used.
    `record(epoch, name=value, ...)` keeps other measurements made after an epoch (the
    loss and accuracy on held-out data, say): `epochs` lists the epochs measured and
    `measured[name]` the values, one per entry of `epochs`.
    """

    def __init__(self, losses=(), status: str = "", diverged: bool = False,
                 seconds: float = 0.0):
        super().__init__(losses)
        self.status = status
        self.diverged = diverged
        self.seconds = seconds
        self.batch_losses: list[float] = []   # MLP.fit: the loss of every batch, in order
        self.epochs: list[int] = []           # record(): the epochs measured
        self.measured: dict[str, list[float]] = {}

    def record(self, epoch: int, **values: float) -> None:
        """Keep measurements made after `epoch` (the same names every time)."""
        if self.measured and set(values) != set(self.measured):
            raise ValueError(_("record needs the same measurements every epoch: "
                               "{wanted}, got {got}").format(wanted=sorted(self.measured),
                                                             got=sorted(values)))
        self.epochs.append(validate.integer("epoch", epoch, low=0))
        for name, value in values.items():
            self.measured.setdefault(name, []).append(float(value))


def _loss_text(loss: float) -> str:
    """A loss for a status line; below 1e-10 only the bound is shown (those digits are
    rounding noise)."""
    return f"{loss:.4g}" if loss >= 1e-10 else "< 1e-10"


def _bad_start_status(loss: float, params: Mapping[str, float]) -> str:
    """The status of a run whose loss is already too large before the first update: the
    start parameters are to blame, not the learning rate."""
    largest = max(abs(v) for v in params.values())
    if not math.isfinite(loss):
        return _("not trained: the loss at the start parameters is inf or nan (largest "
                 "|parameter| = {largest:.3g}); start from smaller parameters"
                 ).format(largest=largest)
    return _("not trained: the loss at the start parameters is {loss:.3g}, above {limit:.0e} "
             "(largest |parameter| = {largest:.3g}); start from smaller parameters"
             ).format(loss=loss, limit=LOSS_LIMIT, largest=largest)


def _diverged_status(where: str, loss: float, lr: float) -> str:
    """`where` is already in words ("at step 3", "in epoch 2 (batch 1 of 5)")."""
    if not math.isfinite(loss):
        return _("diverged {where}: the loss became inf or nan (lr = {lr:g} is too large); "
                 "parameters kept at their last finite values").format(where=where, lr=lr)
    return _("diverged {where}: the loss passed {limit:.0e} (lr = {lr:g} is too large); "
             "parameters kept at their last finite values").format(where=where, lr=lr,
                                                                   limit=LOSS_LIMIT)


# ==========================================================================================
# The article's network, term by term
# ==========================================================================================
#: the lesson's numbers: one training example (x, y) and the starting parameters
LESSON_X = (0.5, 1.0)
LESSON_Y = (1.0, 0.0)
LESSON_PARAMS = {"w1": 0.1, "w2": 0.2, "w3": -0.3, "w4": 0.4, "b1": 0.1, "b2": -0.1,
                 "w5": 0.5, "w6": -0.6, "w7": 0.7, "w8": 0.8, "b3": 0.2, "b4": -0.2}


def default_params(seed: int = 0) -> dict[str, float]:
    """Seeded starting values: weights and biases drawn uniformly from [-1, 1]."""
    seed = validate.integer("seed", seed, low=0)
    values = np.random.default_rng(seed).uniform(-1.0, 1.0, len(PARAM_NAMES))
    return {name: float(v) for name, v in zip(PARAM_NAMES, values, strict=True)}


def _tiny_params(params) -> dict[str, float]:
    if not isinstance(params, Mapping):
        raise TypeError(_("params must be a dict with keys {names}, got {type}").format(
            names=", ".join(PARAM_NAMES), type=type(params).__name__))
    missing = [k for k in PARAM_NAMES if k not in params]
    unknown = sorted(str(k) for k in params if k not in PARAM_NAMES)
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("missing {names}").format(names=", ".join(missing)))
        if unknown:
            parts.append(_("unknown {names}").format(names=", ".join(unknown)))
        raise ValueError(_("params: {problems}; the names are {names}").format(
            problems="; ".join(parts), names=", ".join(PARAM_NAMES)))
    return {k: validate.number(f"params[{k!r}]", params[k]) for k in PARAM_NAMES}


def _quietly(method):
    """Run a TinyNet method without numpy's overflow warnings: a loss or a gradient beyond
    the float range comes out as inf (or nan), which `fit` reports as divergence."""
    @functools.wraps(method)
    def quiet(*args, **kwargs):
        with np.errstate(over="ignore", invalid="ignore"):
            return method(*args, **kwargs)
    return quiet


class TinyNet:
    """The article's network: 2 inputs, 2 sigmoid hidden neurons, 2 outputs, squared error.

    `params` is a dict with keys w1..w8, b1..b4 (seeded defaults when omitted);
    `output_activation` is "identity" (the article) or "sigmoid".
    """

    def __init__(self, params: Mapping[str, float] | None = None,
                 output_activation: str = "identity", seed: int = 0):
        self.output_activation = validate.choice("output_activation", output_activation,
                                                 OUTPUTS[:2])
        self.params = _tiny_params(default_params(seed) if params is None else params)
        self.values: dict[str, float] = {}   # every intermediate of the last forward pass
        self.terms: dict[str, float] = {}    # every term of the last backward pass

    # -- the two activations and their derivatives -----------------------------------------
    @staticmethod
    def g(u: float) -> float:
        """The hidden activation: sigmoid, g(u) = 1 / (1 + e^-u) (1 at u = inf, 0 at -inf)."""
        if not math.isfinite(u):
            return 1.0 if u > 0 else 0.0 if u < 0 else math.nan
        return ACTIVATIONS["sigmoid"].f(u)

    def o(self, u: float) -> float:
        """The output activation: identity (o(u) = u) or sigmoid."""
        return u if self.output_activation == "identity" else self.g(u)

    def o_prime_from_output(self, y_hat: float) -> float:
        """o'(u) written with the stored output: 1 for identity, y_hat (1 - y_hat) for sigmoid."""
        return 1.0 if self.output_activation == "identity" else y_hat * (1.0 - y_hat)

    # -- forward ---------------------------------------------------------------------------
    @_quietly
    def forward(self, x) -> np.ndarray:
        """[y1_hat, y2_hat] for the input x = [x1, x2]; every intermediate is kept in
        `self.values` (x1, x2, u1, h1, u2, h2, u3, y1_hat, u4, y2_hat)."""
        x1, x2 = validate.array("x", x, shape=(2,))
        p = self.params
        u1 = p["w1"] * x1 + p["w2"] * x2 + p["b1"]
        u2 = p["w3"] * x1 + p["w4"] * x2 + p["b2"]
        h1, h2 = self.g(u1), self.g(u2)
        u3 = p["w5"] * h1 + p["w6"] * h2 + p["b3"]
        u4 = p["w7"] * h1 + p["w8"] * h2 + p["b4"]
        y1_hat, y2_hat = self.o(u3), self.o(u4)
        self.values = {"x1": float(x1), "x2": float(x2), "u1": u1, "h1": h1, "u2": u2, "h2": h2,
                       "u3": u3, "y1_hat": y1_hat, "u4": u4, "y2_hat": y2_hat}
        return np.array([y1_hat, y2_hat])

    @_quietly
    def loss(self, x, y) -> float:
        """L = 1/2 [(y1 - y1_hat)^2 + (y2 - y2_hat)^2] (inf when it passes the float range)."""
        y1, y2 = validate.array("y", y, shape=(2,))
        y1_hat, y2_hat = self.forward(x)
        L = 0.5 * ((y1 - y1_hat) ** 2 + (y2 - y2_hat) ** 2)
        self.values.update(y1=float(y1), y2=float(y2), L=float(L))
        return float(L)

    # -- backward --------------------------------------------------------------------------
    @_quietly
    def backward(self, x, y) -> dict[str, float]:
        """dL/dp for every parameter p, by the chain rule from the back to the front.

        The output terms delta3 = dL/du3 and delta4 = dL/du4 are computed once and then
        reused by all four hidden-layer chains: that reuse is back-propagation.
        All intermediates are kept in `self.terms`.
        """
        self.loss(x, y)
        v, p = self.values, self.params
        # output layer: one chain each, L -> y_hat -> u -> weight
        dL_dy1_hat = v["y1_hat"] - v["y1"]                        # from L = 1/2 (y1 - y1_hat)^2
        dL_dy2_hat = v["y2_hat"] - v["y2"]
        delta3 = dL_dy1_hat * self.o_prime_from_output(v["y1_hat"])  # dL/du3, stored
        delta4 = dL_dy2_hat * self.o_prime_from_output(v["y2_hat"])  # dL/du4, stored
        grads = {
            "w5": delta3 * v["h1"], "w6": delta3 * v["h2"], "b3": delta3,
            "w7": delta4 * v["h1"], "w8": delta4 * v["h2"], "b4": delta4,
        }
        # hidden layer: h1 reaches L through both outputs, so the two chains are summed;
        # both reuse the stored delta3 and delta4
        dL_dh1 = delta3 * p["w5"] + delta4 * p["w7"]
        dL_dh2 = delta3 * p["w6"] + delta4 * p["w8"]
        g_prime_1 = v["h1"] * (1.0 - v["h1"])                     # g'(u1) = g(u1) (1 - g(u1))
        g_prime_2 = v["h2"] * (1.0 - v["h2"])
        delta1 = dL_dh1 * g_prime_1                               # dL/du1
        delta2 = dL_dh2 * g_prime_2                               # dL/du2
        grads.update({
            "w1": delta1 * v["x1"], "w2": delta1 * v["x2"], "b1": delta1,
            "w3": delta2 * v["x1"], "w4": delta2 * v["x2"], "b2": delta2,
        })
        self.terms = {"dL_dy1_hat": dL_dy1_hat, "dL_dy2_hat": dL_dy2_hat,
                      "delta3": delta3, "delta4": delta4, "dL_dh1": dL_dh1, "dL_dh2": dL_dh2,
                      "g_prime_1": g_prime_1, "g_prime_2": g_prime_2,
                      "delta1": delta1, "delta2": delta2}
        return {k: float(grads[k]) for k in PARAM_NAMES}

    # -- training --------------------------------------------------------------------------
    def step(self, x, y, lr: float) -> float:
        """One gradient-descent update p <- p - lr dL/dp of all twelve parameters at once.

        Every gradient is computed at the old parameters before any of them changes.
        Returns the loss at the old parameters.
        """
        lr = validate.positive("lr", lr)
        grads = self.backward(x, y)
        loss = self.values["L"]
        self.params = {k: self.params[k] - lr * grads[k] for k in PARAM_NAMES}
        return loss

    def fit(self, x, y, lr: float, steps: int, callback: Callable | None = None) -> History:
        """`steps` updates on the one example (x, y); the loss before each step and at the
        end. A loss that stops being finite ends the run with a 'diverged' status.
        `callback(k, loss, net)`, when given, sees the network after each loss evaluation
        (k = 0 before the first update), e.g. to record `net.values`."""
        lr = validate.positive("lr", lr)
        steps = validate.integer("steps", steps, low=1, high=MAX_STEPS)
        if callback is not None:
            validate.function("callback", callback)
        x = validate.array("x", x, shape=(2,))
        y = validate.array("y", y, shape=(2,))
        history = History()
        start = time.perf_counter()
        with np.errstate(all="ignore"):
            last_finite = self.params
            for k in range(steps + 1):
                grads = self.backward(x, y)              # also computes the loss
                loss = self.values["L"]
                if not loss <= LOSS_LIMIT:               # also catches nan
                    self.params = last_finite
                    history.status = (_diverged_status(_("at step {k}").format(k=k), loss, lr)
                                      if k else
                                      _bad_start_status(loss, self.params))
                    history.diverged = True
                    break
                history.append(loss)
                if callback is not None:
                    callback(k, loss, self)
                last_finite = self.params
                if k < steps:                            # the update of `step`
                    self.params = {p: self.params[p] - lr * grads[p] for p in PARAM_NAMES}
            else:
                template = (_("{steps} steps with lr = {lr:g}: the loss went down, "
                              "{first} -> {last}") if history[-1] < history[0] else
                            _("{steps} steps with lr = {lr:g}: the loss grew (lr too large), "
                              "{first} -> {last}"))
                history.status = template.format(steps=steps, lr=lr,
                                                 first=_loss_text(history[0]),
                                                 last=_loss_text(history[-1]))
        history.seconds = time.perf_counter() - start
        return history

    def copy(self) -> TinyNet:
        return TinyNet(dict(self.params), self.output_activation)


# ==========================================================================================
# Any number of layers, a whole batch at once
# ==========================================================================================
def _layer_sizes(layer_sizes) -> tuple[int, ...]:
    if isinstance(layer_sizes, (str, bytes)) or not isinstance(layer_sizes, Sequence):
        raise TypeError(_("layer_sizes must be a list of whole numbers such as [2, 8, 1] "
                          "(inputs, hidden..., outputs), got {got!r}").format(got=layer_sizes))
    if len(layer_sizes) < 2:
        raise ValueError(_("layer_sizes must have at least 2 entries (inputs and outputs), "
                           "got {got!r}").format(got=list(layer_sizes)))
    sizes = tuple(validate.integer(f"layer_sizes[{i}]", n, low=1, high=MAX_PARAMS)
                  for i, n in enumerate(layer_sizes))
    count = sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:], strict=True))
    if count > MAX_PARAMS:
        raise ValueError(_("layer_sizes {sizes} give {count:,} parameters; at most "
                           "{limit:,} are allowed").format(sizes=list(sizes), count=count,
                                                           limit=MAX_PARAMS))
    return sizes


class MLP:
    """A fully connected network for a batch of examples (rows of X).

    layer_sizes  [n_inputs, n_hidden, ..., n_outputs]
    activation   hidden activation, a name from ann_helpers.activations.ACTIVATIONS
    output       "identity" or "sigmoid" (with the squared-error loss, mean over the batch),
                 or "softmax" (with the cross-entropy loss, mean over the batch; labels may
                 be one-hot rows or class numbers 0..n_outputs-1)
    seed         seeds the starting weights and the shuffle of every epoch

    `params` is a list of (W, b) pairs, W of shape (n_in, n_out), b of shape (n_out,), so a
    layer computes X @ W + b. Starting weights: normal with standard deviation
    sqrt(2 / (n_in + n_out)) (Glorot), or sqrt(2 / n_in) (He) for relu-like activations;
    biases 0.
    """

    def __init__(self, layer_sizes, activation: str = "sigmoid", output: str = "identity",
                 seed: int = 0):
        self.layer_sizes = _layer_sizes(layer_sizes)
        validate.choice("activation", activation, list(ACTIVATIONS))
        self.activation = activation
        self.output = validate.choice("output", output, OUTPUTS)
        self.seed = validate.integer("seed", seed, low=0)
        self.rng = np.random.default_rng(self.seed)
        self._g, self._dg = activation_pair(activation)     # g and g'(z, a)
        self.loss_name = "cross_entropy" if output == "softmax" else "squared_error"
        params = []
        for n_in, n_out in zip(self.layer_sizes[:-1], self.layer_sizes[1:], strict=True):
            fan = 2.0 / n_in if activation in ("relu", "leaky_relu") else 2.0 / (n_in + n_out)
            params.append((self.rng.normal(0.0, math.sqrt(fan), (n_in, n_out)),
                           np.zeros(n_out)))
        self._params = params

    def __repr__(self) -> str:
        return (f"MLP({list(self.layer_sizes)}, activation={self.activation!r}, "
                f"output={self.output!r}, seed={self.seed})")

    # -- parameters ------------------------------------------------------------------------
    @property
    def params(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """[(W1, b1), (W2, b2), ...]; assign a new list to replace them (shapes checked)."""
        return self._params

    @params.setter
    def params(self, params) -> None:
        if not isinstance(params, Sequence) or len(params) != len(self.layer_sizes) - 1:
            raise ValueError(_("params must be a list of {n} (W, b) pairs for layer_sizes "
                               "{sizes}").format(n=len(self.layer_sizes) - 1,
                                                 sizes=list(self.layer_sizes)))
        checked = []
        for i, (pair, n_in, n_out) in enumerate(zip(params, self.layer_sizes[:-1],
                                                    self.layer_sizes[1:], strict=True)):
            if not isinstance(pair, Sequence) or len(pair) != 2:
                raise ValueError(_("params[{i}] must be a pair (W, b), got {pair!r:.60}"
                                   ).format(i=i, pair=pair))
            W = validate.array(f"params[{i}] W", pair[0], shape=(n_in, n_out))
            b = validate.array(f"params[{i}] b", pair[1], shape=(n_out,))
            checked.append((W.copy(), b.copy()))
        self._params = checked

    @property
    def n_params(self) -> int:
        """How many numbers the network has to learn: sum of n_in * n_out + n_out."""
        return sum(W.size + b.size for W, b in self._params)

    def get_flat(self) -> np.ndarray:
        """All parameters in one vector (W1, b1, W2, b2, ... each flattened row by row)."""
        return np.concatenate([a.ravel() for W, b in self._params for a in (W, b)])

    def set_flat(self, theta) -> None:
        """The inverse of get_flat."""
        theta = validate.array("theta", theta, shape=(self.n_params,))
        params, k = [], 0
        for W, b in self._params:
            Wn = theta[k:k + W.size].reshape(W.shape)
            k += W.size
            bn = theta[k:k + b.size].copy()
            k += b.size
            params.append((Wn.copy(), bn))
        self._params = params

    # -- inputs ----------------------------------------------------------------------------
    def _check_X(self, X) -> np.ndarray:
        return validate.array("X", X, shape=(None, self.layer_sizes[0]))

    def _check_Y(self, Y, n: int) -> np.ndarray:
        """Targets as an (n, n_outputs) float array; class numbers become one-hot rows."""
        if n == 0:
            raise ValueError(_("X must hold at least one example (row), got 0 rows"))
        k = self.layer_sizes[-1]
        arr = np.asarray(Y)
        if self.output == "softmax" and arr.ndim == 1:
            if arr.dtype.kind not in "iu":
                raise ValueError(_("Y must be one-hot rows of shape (n, {k}) or whole class "
                                   "numbers 0..{last}, got an array of dtype {dtype}"
                                   ).format(k=k, last=k - 1, dtype=arr.dtype))
            Y = one_hot(arr, k)
        elif arr.ndim == 1 and k == 1:
            Y = arr.reshape(-1, 1)
        Y = validate.array("Y", Y, shape=(n, k))
        if self.output == "softmax" and (np.any(Y < 0) or
                                         not np.allclose(Y.sum(axis=1), 1.0, atol=1e-6)):
            raise ValueError(_("Y must be one-hot rows (or probability rows summing to 1) for "
                               "output='softmax'"))
        return Y

    # -- forward and backward: ann_helpers.backprop does the work ----------------------------
    def _forward(self, X: np.ndarray) -> tuple[tuple[list, list], np.ndarray]:
        """backprop.forward for a checked X: ((the kept zs, the kept activations), z^L)."""
        kept = forward(self._params, X, self._g)
        return kept, kept[0][-1]

    def _out(self, Z: np.ndarray) -> np.ndarray:
        if self.output == "identity":
            return Z
        if self.output == "sigmoid":
            return ACTIVATIONS["sigmoid"].f(Z)
        return softmax(Z)

    def forward(self, X) -> np.ndarray:
        """The network's outputs for every row of X: shape (n, n_outputs).
        For output='softmax' these are class probabilities (each row sums to 1)."""
        X = self._check_X(X)
        with np.errstate(all="ignore"):
            return self._out(self._forward(X)[1])

    def _loss_from_z(self, Z: np.ndarray, Y: np.ndarray) -> tuple[float, np.ndarray]:
        """The mean loss over the batch and dL/dz^L (backprop.output_delta)."""
        return output_delta(Z, Y, self.output)

    def _backward(self, kept: tuple[list, list], dZ: np.ndarray) -> list[tuple]:
        """[(dW_l, db_l)] from the output layer's dZ = delta^L (backprop.backward)."""
        zs, activations = kept
        return backward(self._params, zs, activations, dZ, self._dg)

    def loss(self, X, Y) -> float:
        """The mean loss over the rows of X: squared error 1/2 sum_k (y_hat - y)^2, or
        cross-entropy for output='softmax'."""
        X = self._check_X(X)
        Y = self._check_Y(Y, X.shape[0])
        with np.errstate(all="ignore"):
            return self._loss_from_z(self._forward(X)[1], Y)[0]

    def loss_and_gradients(self, X, Y) -> tuple[float, list[tuple[np.ndarray, np.ndarray]]]:
        """The mean loss over the batch and [(dL/dW_l, dL/db_l)] matching `params`."""
        X = self._check_X(X)
        Y = self._check_Y(Y, X.shape[0])
        return backprop(self._params, X, Y, self.activation, self.output)

    # -- training --------------------------------------------------------------------------
    def step(self, X, Y, lr: float) -> float:
        """One gradient-descent update W <- W - lr dL/dW (and b) of every layer, all from the
        gradients at the old parameters. Returns the loss at the old parameters."""
        lr = validate.positive("lr", lr)
        loss, grads = self.loss_and_gradients(X, Y)
        self._params = [(W - lr * dW, b - lr * db)
                        for (W, b), (dW, db) in zip(self._params, grads, strict=True)]
        return loss

    def fit(self, X, Y, lr: float | None = None, epochs: int | None = None,
            batch_size: int | None = None, shuffle: bool = True,
            callback: Callable | None = None, optimizer=None, schedule=None) -> History:
        """Minibatch training: the double loop, epochs x batches (lesson 08).

            for epoch in 1, 2, ..., epochs:
                lr = schedule(epoch)                     (when a schedule is given)
                loss = self._epoch(...)                  shuffle (seeded), then per batch:
                                                         loss, grads = forward + backward
                                                         params <- optimizer.step(params, grads)

        lr         the learning rate of plain gradient descent, W <- W - lr dW (the default,
                   the same numbers as before optimizers existed); or instead
        optimizer  an `ann_helpers.optimizers` SGD / RMSprop / Adam (reset at the start)
        schedule   optional: schedule(epoch) -> the learning rate of that epoch, e.g.
                   `ann_helpers.optimizers.cosine(0.5, epochs)`
        batch_size 1 is SGD, None (or len(X)) the full batch

        Returns a History: the mean of the batch losses of each epoch (weighted by batch
        size), with a `status` in words. `callback(epoch, loss, mlp)`, when given, is called
        after every epoch (epochs count from 1), e.g. to draw live curves or measure accuracy.
        A loss that becomes inf or nan (or passes LOSS_LIMIT) stops training with a
        'diverged' status instead of an error; the parameters are left at their last finite
        values. A run whose loss ended higher than in its first epoch says so in its status.
        """
        from .optimizers import SGD, Optimizer

        X = self._check_X(X)
        Y = self._check_Y(Y, X.shape[0])
        n = X.shape[0]
        if optimizer is None:
            if lr is None:
                raise TypeError(_("fit needs a learning rate lr (plain gradient descent) or an "
                                  "optimizer from ann_helpers.optimizers, got neither"))
            optimizer = SGD(lr)
            how = f"lr = {optimizer.lr:g}"
        else:
            if lr is not None:
                raise TypeError(_("give fit either lr or an optimizer, not both (the optimizer "
                                  "has its own learning rate), got lr = {lr!r} and "
                                  "{optimizer!r}").format(lr=lr, optimizer=optimizer))
            if not isinstance(optimizer, Optimizer):
                raise TypeError(_("optimizer must be an SGD, RMSprop or Adam from "
                                  "ann_helpers.optimizers, got {optimizer!r:.60}"
                                  ).format(optimizer=optimizer))
            how = repr(optimizer)
        if schedule is not None:
            validate.function("schedule", schedule)
            how += f", {schedule!r}"
        epochs = validate.integer("epochs", epochs, low=1, high=MAX_STEPS)
        if not isinstance(shuffle, (bool, np.bool_)):
            raise TypeError(_("shuffle must be True or False, got {shuffle!r:.60}"
                              ).format(shuffle=shuffle))
        batch_size = n if batch_size is None else validate.integer("batch_size", batch_size,
                                                                   low=1)
        batch_size = min(batch_size, n)
        if callback is not None:
            validate.function("callback", callback)
        optimizer.reset()
        history = History()
        start_time = time.perf_counter()
        with np.errstate(all="ignore"):
            for epoch in range(1, epochs + 1):
                if schedule is not None:
                    optimizer.lr = schedule(epoch)
                loss = self._epoch(X, Y, batch_size, shuffle, optimizer, epoch, history)
                if loss is None:
                    break
                history.append(loss)
                if callback is not None:
                    callback(epoch, loss, self)
        history.seconds = time.perf_counter() - start_time
        kind = (_("SGD") if batch_size == 1 else _("full batch") if batch_size == n
                else _("minibatch {size}").format(size=batch_size))
        if history.diverged:
            if history:
                history.status += _(" (last finite epoch loss {loss})").format(
                    loss=_loss_text(history[-1]))
        elif history[-1] > history[0]:
            history.status = _("did not learn: the loss grew over {epochs} epochs ({kind}, "
                               "{how}): {first} -> {last}; a smaller learning rate may help"
                               ).format(epochs=epochs, kind=kind, how=how,
                                        first=_loss_text(history[0]),
                                        last=_loss_text(history[-1]))
        else:
            history.status = _("trained {epochs} epochs ({kind}, {how}): loss {first} -> "
                               "{last}").format(epochs=epochs, kind=kind, how=how,
                                                first=_loss_text(history[0]),
                                                last=_loss_text(history[-1]))
        return history

    def _epoch(self, X, Y, batch_size: int, shuffle: bool, optimizer, epoch: int,
               history: History) -> float | None:
        """One pass over the data: shuffle the rows (seeded), then one optimizer step per
        batch, each from the gradients at the parameters before it. Returns the epoch's
        loss, the mean of its batch losses weighted by batch size; or None when a batch's
        loss stopped being finite (or passed LOSS_LIMIT): the parameters are then those
        before that batch, and `history` says where it happened."""
        n = X.shape[0]
        if shuffle:
            order = self.rng.permutation(n)
            X, Y = X[order], Y[order]
        starts = range(0, n, batch_size)
        total = 0.0
        for s in starts:
            xb, yb = X[s:s + batch_size], Y[s:s + batch_size]
            try:
                A, Z = self._forward(xb)
                loss, dZ = self._loss_from_z(Z, yb)
            except ValueError:                   # an activation met inf or nan
                loss = math.nan
            if not (loss <= LOSS_LIMIT):         # also catches nan
                history.diverged = True
                history.status = _diverged_status(
                    _("in epoch {epoch} (batch {batch} of {batches})").format(
                        epoch=epoch, batch=s // batch_size + 1, batches=len(starts)),
                    loss, optimizer.lr)
                return None
            total += loss * xb.shape[0]
            history.batch_losses.append(loss)
            grads = self._backward(A, dZ)
            flat = optimizer.step([a for pair in self._params for a in pair],
                                  [a for pair in grads for a in pair])
            self._params = list(zip(flat[0::2], flat[1::2], strict=True))
        return total / n

    # -- classifiers -----------------------------------------------------------------------
    def predict(self, X) -> np.ndarray:
        """Class numbers: argmax of the outputs for softmax (or several outputs), and
        output > 0.5 (sigmoid) or > 0 (identity) for a single output."""
        out = self.forward(X)
        if out.shape[1] > 1:
            return np.argmax(out, axis=1)
        threshold = 0.5 if self.output == "sigmoid" else 0.0
        return (out[:, 0] > threshold).astype(int)

    def accuracy(self, X, labels) -> float:
        """The fraction of rows whose predicted class equals the label (class numbers, or
        one-hot rows): `ann_helpers.losses.accuracy` of the predictions."""
        pred = self.predict(X)
        classes = max(self.layer_sizes[-1], 2)
        if not isinstance(labels, (str, bytes)) and np.ndim(labels) == 2:
            labels = np.argmax(validate.array("labels", labels, shape=(None, classes)), axis=1)
        labels = validate.labels("labels", labels, classes)
        if labels.shape != pred.shape:
            raise ValueError(_("labels must have {n} entries, one per row of X, got shape "
                               "{shape}").format(n=pred.shape[0], shape=labels.shape))
        return accuracy(labels, pred, classes)


def _model(name: str, value, cls: type):
    """value itself when it is a `cls` (a TinyNet or an MLP), else an error naming `name`."""
    if not isinstance(value, cls):
        template = (_("{name} must be an MLP, got {value!r:.60} of type {type}")
                    if cls.__name__ == "MLP" else
                    _("{name} must be a TinyNet, got {value!r:.60} of type {type}"))
        raise TypeError(template.format(name=name, value=value, type=type(value).__name__))
    return value


def check_model(name: str, value) -> MLP:
    """value when it is an MLP, else a TypeError naming the argument (for helpers that take
    a trained network)."""
    return _model(name, value, MLP)


# ==========================================================================================
# Checking a gradient
# ==========================================================================================
@dataclass(frozen=True)
class GradientCheck:
    """An analytic gradient beside a numerical estimate, element by element.

    relative error_i = |analytic_i - numerical_i| / max(|analytic_i|, |numerical_i|, floor),
    where `floor` is a millionth of the largest entry: an entry a million times smaller than
    the largest is compared at that scale, since its last digits drown in rounding.
    """

    analytic: np.ndarray
    numerical: np.ndarray
    errors: np.ndarray

    @property
    def max_error(self) -> float:
        """The largest relative error."""
        return float(np.max(self.errors)) if self.errors.size else 0.0


def richardson_gradient(f: Callable[[np.ndarray], float], x, h: float = 1e-3) -> np.ndarray:
    """grad f(x) by central differences D(h) = (f(x + h) - f(x - h)) / 2h, refined as
    (4 D(h/2) - D(h)) / 3: the h^2 error terms cancel, leaving an error O(h^4), so h can be
    large enough that rounding in f stays far below the answer's digits."""
    h = validate.positive("h", h, high=1.0)
    return (4.0 * numerical_gradient(f, x, h=h / 2) - numerical_gradient(f, x, h=h)) / 3.0


def gradient_check(f: Callable[[np.ndarray], float], x, grad, h: float = 1e-3,
                   relative_floor: float = 1e-6) -> GradientCheck:
    """Compare an analytic gradient of f at x with central differences (Richardson-refined,
    see `richardson_gradient`) and report the largest relative error.

    `grad` is the analytic gradient: an array of x's shape, or a function of x returning one.
    `relative_floor` sets the floor of the relative error as a fraction of the largest entry.
    """
    f = validate.function("f", f)
    x = validate.array("x", x)
    relative_floor = validate.positive("relative_floor", relative_floor, high=1.0)
    analytic = grad(x.copy()) if callable(grad) else grad
    analytic = validate.array("grad", analytic, shape=x.shape)
    numerical = richardson_gradient(f, x, h=h)
    size = np.maximum(np.abs(analytic), np.abs(numerical))
    floor = relative_floor * float(np.max(size, initial=0.0)) or np.finfo(float).tiny
    return GradientCheck(analytic, numerical, np.abs(analytic - numerical) / np.maximum(size, floor))


def check_tinynet(net: TinyNet, x, y, h: float = 1e-3) -> GradientCheck:
    """TinyNet.backward beside central differences of TinyNet.loss, in PARAM_NAMES order."""
    _model("net", net, TinyNet)
    theta = np.array([net.params[k] for k in PARAM_NAMES])

    def loss(t: np.ndarray) -> float:
        return TinyNet(dict(zip(PARAM_NAMES, t, strict=True)), net.output_activation).loss(x, y)

    grads = net.backward(x, y)
    return gradient_check(loss, theta, np.array([grads[k] for k in PARAM_NAMES]), h=h)


def check_mlp(mlp: MLP, X, Y, h: float = 1e-3) -> GradientCheck:
    """MLP.loss_and_gradients beside central differences of MLP.loss, all parameters
    flattened as in MLP.get_flat."""
    _model("mlp", mlp, MLP)
    theta = mlp.get_flat()
    _, grads = mlp.loss_and_gradients(X, Y)
    analytic = np.concatenate([a.ravel() for dW, db in grads for a in (dW, db)])
    probe = MLP(mlp.layer_sizes, mlp.activation, mlp.output, mlp.seed)

    def loss(t: np.ndarray) -> float:
        probe.set_flat(t)
        return probe.loss(X, Y)

    return gradient_check(loss, theta, analytic, h=h)


# ==========================================================================================
# What a gradient costs
# ==========================================================================================
def gradient_cost(layer_sizes) -> dict[str, int]:
    """Multiply-adds to get the whole gradient of one example's loss, two ways.

        forward            F = sum over layers of n_in * n_out   (one pass, all weights)
        parameters         P = sum over layers of n_in * n_out + n_out
        finite_differences 2 P F   (central differences: two forward passes per parameter)
        backprop           F + F + (F - n_0 n_1) ~ 3 F   (the forward pass, then per layer
                           dW = A.T dZ and, except next to the input, dA = dZ W.T)

    Activations and bias additions are not counted (they are O(neurons), not O(weights)).
    Finite differences grow like P^2, back-propagation like P.
    """
    sizes = _layer_sizes(layer_sizes)
    pairs = list(zip(sizes[:-1], sizes[1:], strict=True))
    forward = sum(a * b for a, b in pairs)
    params = sum(a * b + b for a, b in pairs)
    backward = forward + (forward - pairs[0][0] * pairs[0][1])
    return {"parameters": params, "forward": forward,
            "finite_differences": 2 * params * forward, "backprop": forward + backward}

