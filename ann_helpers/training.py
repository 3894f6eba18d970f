"""Lesson 08: training on many examples.

Two ways to use n training examples (the article's closing paragraph):

  A. average the per-example results: run gradient descent on each example's loss L_i alone,
     get one parameter vector per example, average them;
  B. add the per-example losses into one loss, L = sum_i L_i (or the mean, L / n), and run
     gradient descent on that.

For the linear neuron y_hat = w x + b with L_i = 1/2 (w x_i + b - y_i)^2, one example's loss
is zero on a whole line of (w, b): descent from (w0, b0) lands on the point of that line
nearest the start, so A depends on the start and is not the best fit. B has one minimum, the
least-squares line.

Then how to feed the examples to gradient descent, the double loop of the course map:

    for epoch in range(epochs):                  # outer loop: passes over the data
        shuffle the examples
        for each batch of batch_size examples:   # inner loop: one update per batch
            loss, grads = loss_and_gradients(batch)
            every parameter p <- p - lr * dL/dp

batch_size 1 is stochastic gradient descent (SGD, 隨機梯度下降), a few dozen a minibatch
(小批量), all n the full batch. The data set is two interleaved half-moons, generated here with
a seed.
"""

from __future__ import annotations

import numpy as np

from . import validate
from .descent import gradient_descent
from .i18n import _
from .losses import line_loss_grad
from .network import MLP, check_model

# -- A or B: the linear neuron on a small data set -----------------------------------------
#: four examples (x_i, y_i) for the linear neuron y_hat = w x + b
LINE_X = (0.0, 1.0, 2.0, 3.0)
LINE_Y = (1.0, 2.5, 2.5, 4.5)


def _xy(x, y) -> tuple[np.ndarray, np.ndarray]:
    x = validate.array("x", x, ndim=1)
    y = validate.array("y", y, shape=(x.size,))
    if x.size == 0:
        raise ValueError(_("x must hold at least one example"))
    return x, y


def per_example_solutions(x=LINE_X, y=LINE_Y, start=(0.0, 0.0), lr: float = 0.1,
                          steps: int = 2000) -> np.ndarray:
    """Option A, first half: for each example alone, gradient descent on L_i from `start`.
    Row i is where descent on example i stopped (a point of the line w x_i + b = y_i)."""
    x, y = _xy(x, y)
    start = validate.array("start", start, shape=(2,))
    out = []
    for xi, yi in zip(x, y, strict=True):
        path = gradient_descent(lambda p, xi=xi, yi=yi: line_loss_grad(p, [xi], [yi]),
                                start, lr=lr, steps=steps, tol=1e-10)
        out.append(path.x)
    return np.array(out)


def summed_loss_solution(x=LINE_X, y=LINE_Y, start=(0.0, 0.0), lr: float = 0.05,
                         steps: int = 5000, reduce: str = "sum") -> np.ndarray:
    """Option B: gradient descent on the summed (or mean) loss of all examples."""
    x, y = _xy(x, y)
    start = validate.array("start", start, shape=(2,))
    path = gradient_descent(lambda p: line_loss_grad(p, x, y, reduce=reduce),
                            start,
                            lr=lr, steps=steps, tol=1e-10)
    if path.status != "converged":
        raise RuntimeError(_("descent on the summed loss did not converge: {message}"
                             ).format(message=path.message))
    return path.x


# -- two moons -----------------------------------------------------------------------------
#: the most points two_moons makes
MAX_POINTS = 1_000_000

def two_moons(n: int = 200, noise: float = 0.15, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """n points in two interleaved half-circles (class 0 on top, class 1 below), with
    Gaussian noise of standard deviation `noise`; returns X (n, 2) and labels (n,).
    At most MAX_POINTS points (a course data set, not a memory test)."""
    n = validate.integer("n", n, low=2, high=MAX_POINTS)
    noise = validate.number("noise", noise, low=0.0, high=1.0)
    seed = validate.integer("seed", seed, low=0)
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % 2
    t = rng.uniform(0.0, np.pi, n)
    X = np.where(labels[:, None] == 0, np.c_[np.cos(t), np.sin(t)],
                 np.c_[1.0 - np.cos(t), 0.5 - np.sin(t)])
    X = X + rng.normal(0.0, noise, X.shape)
    order = rng.permutation(n)
    return X[order], labels[order]


MOONS_XLIM, MOONS_YLIM = (-1.6, 2.6), (-1.1, 1.6)


def boundary_grid(n: int = 60, xlim=MOONS_XLIM, ylim=MOONS_YLIM) -> np.ndarray:
    """The n x n grid points (rows) where the decision boundary is evaluated."""
    gx, gy = np.meshgrid(np.linspace(*xlim, n), np.linspace(*ylim, n))
    return np.column_stack([gx.ravel(), gy.ravel()])


def class1_probability(mlp: MLP, grid: np.ndarray) -> np.ndarray:
    """P(class 1) of a 2-output softmax MLP on the grid, as an n x n image."""
    check_model("mlp", mlp)
    n = int(round(np.sqrt(len(grid))))
    return mlp.forward(grid)[:, 1].reshape(n, n)


# -- SGD, minibatch, full batch -----------------------------------------------------------
def new_classifier(seed: int = 0, hidden: int = 16) -> MLP:
    """The lesson's network for the two moons: 2 -> hidden (tanh) -> 2 (softmax)."""
    return MLP([2, hidden, 2], activation="tanh", output="softmax", seed=seed)


def compare_batch_sizes(X, labels, batch_sizes=(1, 16, None), lr: float = 0.3,
                        epochs: int = 60, seed: int = 0, snapshot_epochs=()) -> dict:
    """Train the same starting network with each batch size; record after every epoch the
    loss on the whole data set (not the running batch average), and at `snapshot_epochs`
    the P(class 1) image.

    Returns {batch_size: {"loss": [...] (epoch 0 first), "updates": per epoch,
    "accuracy": final, "status": ..., "snapshots": {epoch: image}}}.
    """
    grid = boundary_grid()
    results = {}
    for bs in batch_sizes:
        mlp = new_classifier(seed)
        record = {"loss": [mlp.loss(X, labels)], "snapshots": {}}
        if 0 in snapshot_epochs:
            record["snapshots"][0] = class1_probability(mlp, grid)

        def after_epoch(epoch, _batch_mean, model, record=record):
            record["loss"].append(model.loss(X, labels))
            if epoch in snapshot_epochs:
                record["snapshots"][epoch] = class1_probability(model, grid)

        history = mlp.fit(X, labels, lr=lr, epochs=epochs, batch_size=bs,
                          callback=after_epoch)
        size = len(X) if bs is None else bs
        record.update(updates=-(-len(X) // size), accuracy=mlp.accuracy(X, labels),
                      status=history.status)
        results[bs] = record
    return results


def batch_name(bs, n: int) -> str:
    """'SGD (batch 1)', 'minibatch 16', 'full batch (200)'."""
    if bs == 1:
        return _("SGD (batch 1)")
    if bs is None or bs >= n:
        return _("full batch ({n})").format(n=n)
    return _("minibatch {size}").format(size=bs)


# -- sum or mean ---------------------------------------------------------------------------
def stable_lr_limit(x, reduce: str = "sum") -> float:
    """The largest learning rate for which descent on the linear neuron's loss converges:
    2 / (largest eigenvalue of the Hessian), with Hessian sum_i [x_i^2, x_i; x_i, 1]
    (divided by n for the mean). The sum's limit shrinks as examples are added."""
    x = validate.array("x", x, ndim=1)
    if x.size == 0:
        raise ValueError(_("x must hold at least one example"))
    validate.choice("reduce", reduce, ("sum", "mean"))
    H = np.array([[np.sum(x * x), np.sum(x)], [np.sum(x), float(x.size)]])
    if reduce == "mean":
        H = H / x.size
    return 2.0 / float(np.max(np.linalg.eigvalsh(H)))


def repeated(x, y, times: int) -> tuple[np.ndarray, np.ndarray]:
    """The data set written `times` times over: the same information, `times` x more rows."""
    x, y = _xy(x, y)
    times = validate.integer("times", times, low=1, high=MAX_POINTS // max(x.size, 1))
    return np.tile(x, times), np.tile(y, times)


# -- averaging networks --------------------------------------------------------------------
def average_networks(models: list[MLP]) -> MLP:
    """A network whose every weight is the mean of the models' weights (option A for a
    network). Hidden neurons of separately trained networks need not play the same roles,
    so this average can be far worse than each of them."""
    if isinstance(models, MLP) or not isinstance(models, (list, tuple)):
        raise TypeError(_("models must be a list of MLPs, got {type}").format(
            type=type(models).__name__))
    if not models:
        raise ValueError(_("models must hold at least one MLP"))
    for i, m in enumerate(models):
        check_model(f"models[{i}]", m)
    first = models[0]
    avg = MLP(first.layer_sizes, first.activation, first.output, first.seed)
    avg.params = [(np.mean([m.params[i][0] for m in models], axis=0),
                   np.mean([m.params[i][1] for m in models], axis=0))
                  for i in range(len(first.params))]
    return avg
