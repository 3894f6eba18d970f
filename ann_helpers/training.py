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

from . import plotting, validate
from .descent import gradient_descent
from .network import MLP

# -- A or B: the linear neuron on a small data set -----------------------------------------
#: four examples (x_i, y_i) for the linear neuron y_hat = w x + b
LINE_X = (0.0, 1.0, 2.0, 3.0)
LINE_Y = (1.0, 2.5, 2.5, 4.5)


def _xy(x, y) -> tuple[np.ndarray, np.ndarray]:
    x = validate.array("x", x, ndim=1)
    y = validate.array("y", y, shape=(x.size,))
    if x.size == 0:
        raise ValueError("x must hold at least one example")
    return x, y


def line_loss(params, x, y, reduce: str = "sum") -> float:
    """sum_i 1/2 (w x_i + b - y_i)^2 (reduce="sum") or that divided by n ("mean")."""
    w, b = validate.array("params", params, shape=(2,))
    x, y = _xy(x, y)
    validate.choice("reduce", reduce, ("sum", "mean"))
    total = 0.5 * float(np.sum((w * x + b - y) ** 2))
    return total if reduce == "sum" else total / x.size


def line_gradient(params, x, y, reduce: str = "sum") -> np.ndarray:
    """[dL/dw, dL/db] = sum_i r_i [x_i, 1] with r_i = w x_i + b - y_i (divided by n for
    "mean"): the per-example gradients added up."""
    w, b = validate.array("params", params, shape=(2,))
    x, y = _xy(x, y)
    validate.choice("reduce", reduce, ("sum", "mean"))
    r = w * x + b - y
    g = np.array([np.sum(r * x), np.sum(r)])
    return g if reduce == "sum" else g / x.size


def per_example_solutions(x=LINE_X, y=LINE_Y, start=(0.0, 0.0), lr: float = 0.1,
                          steps: int = 2000) -> np.ndarray:
    """Option A, first half: for each example alone, gradient descent on L_i from `start`.
    Row i is where descent on example i stopped (a point of the line w x_i + b = y_i)."""
    x, y = _xy(x, y)
    out = []
    for xi, yi in zip(x, y, strict=True):
        path = gradient_descent(lambda p, xi=xi, yi=yi: line_gradient(p, [xi], [yi]),
                                np.asarray(start, dtype=float), lr=lr, steps=steps, tol=1e-10)
        out.append(path.x)
    return np.array(out)


def summed_loss_solution(x=LINE_X, y=LINE_Y, start=(0.0, 0.0), lr: float = 0.05,
                         steps: int = 5000, reduce: str = "sum") -> np.ndarray:
    """Option B: gradient descent on the summed (or mean) loss of all examples."""
    x, y = _xy(x, y)
    path = gradient_descent(lambda p: line_gradient(p, x, y, reduce), np.asarray(start, float),
                            lr=lr, steps=steps, tol=1e-10)
    if path.status != "converged":
        raise RuntimeError(f"descent on the summed loss did not converge: {path.message}")
    return path.x


def least_squares(x=LINE_X, y=LINE_Y) -> np.ndarray:
    """[w, b] of the least-squares line, by numpy.linalg.lstsq (the reference answer)."""
    x, y = _xy(x, y)
    A = np.column_stack([x, np.ones_like(x)])
    return np.linalg.lstsq(A, y, rcond=None)[0]


def averaging_figure(x=LINE_X, y=LINE_Y, starts=((0.0, 0.0), (3.0, -2.0))):
    """The (w, b) plane: each example's valley (the line w x_i + b = y_i), where descent on
    one example lands from two starts, their averages, and the minimum of the summed loss."""
    x, y = _xy(x, y)
    fig, ax = plotting.new_figure(size=(6.4, 4.0))
    wlim, blim = (-1.0, 4.0), (-3.2, 3.5)
    plotting.contour_2d(ax, lambda W, B: sum(0.5 * (W * xi + B - yi) ** 2 for xi, yi in
                                             zip(x, y, strict=True)),
                        wlim, blim, levels=np.geomspace(0.3, 60, 12), cmap="Greys", linewidths=0.6)
    ws = np.linspace(*wlim, 2)
    for xi, yi in zip(x, y, strict=True):
        ax.plot(ws, yi - xi * ws, color=plotting.COLORS["muted"], lw=1, ls="--")
    colors = (plotting.COLORS["start"], plotting.COLORS["grad"])
    for start, color in zip(starts, colors, strict=False):
        sols = per_example_solutions(x, y, start)
        ax.plot(*start, "s", color=color, ms=7)
        ax.plot(sols[:, 0], sols[:, 1], "o", color=color, ms=5)
        ax.plot(*sols.mean(axis=0), "X", color=color, ms=11, mec="black",
                label=f"A: average of the {len(x)} per-example results, start {start}")
    ax.plot(*least_squares(x, y), "*", color=plotting.COLORS["path"], ms=16, mec="black",
            label="B: minimum of the summed loss")
    ax.set_xlim(*wlim)
    ax.set_ylim(*blim)
    ax.set_aspect("auto")
    ax.set_xlabel("w")
    ax.set_ylabel("b")
    ax.set_title("averaging per-example results (A) vs one summed loss (B)")
    ax.legend(loc="lower left", fontsize=8)
    return fig


# -- two moons -----------------------------------------------------------------------------
def two_moons(n: int = 200, noise: float = 0.15, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """n points in two interleaved half-circles (class 0 on top, class 1 below), with
    Gaussian noise of standard deviation `noise`; returns X (n, 2) and labels (n,)."""
    n = validate.integer("n", n, low=2)
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
    n = int(round(np.sqrt(len(grid))))
    return mlp.forward(grid)[:, 1].reshape(n, n)


def draw_moons(ax, X, labels, prob: np.ndarray | None = None,
               interpolation: str = "bilinear", ms: float = 3.5):
    """The data (two colours) over the network's P(class 1) as a background; returns the
    image so it can be updated with set_data. (The colour range is wider than [0, 1] so the
    background stays pale without the cost of transparency.)"""
    image = ax.imshow(np.full((2, 2), 0.5) if prob is None else prob, origin="lower",
                      extent=(*MOONS_XLIM, *MOONS_YLIM), cmap="RdBu", vmin=-0.7, vmax=1.7,
                      aspect="auto", interpolation=interpolation)
    for k, color in ((0, "#b2182b"), (1, "#2166ac")):
        ax.plot(*X[labels == k].T, "o", ms=ms, color=color, mec="white", mew=0.5)
    ax.set_xlim(*MOONS_XLIM)
    ax.set_ylim(*MOONS_YLIM)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    return image


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
        return "SGD (batch 1)"
    if bs is None or bs >= n:
        return f"full batch ({n})"
    return f"minibatch {bs}"


def loss_curves_figure(results: dict, n: int):
    """Whole-data loss after each epoch, one line per batch size, on one figure."""
    fig, ax = plotting.new_figure(size=(6.4, 3.4))
    colors = [plotting.COLORS["path"], plotting.COLORS["curve"], plotting.COLORS["start"],
              plotting.COLORS["grad"]]
    for (bs, rec), color in zip(results.items(), colors, strict=False):
        ax.plot(rec["loss"], color=color, lw=1.6,
                label=f"{batch_name(bs, n)}: {rec['updates']} updates / epoch")
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean cross-entropy on all examples")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=8)
    ax.set_title("same start, same learning rate, same epochs")
    return fig


def snapshots_figure(X, labels, results: dict, bs):
    """The decision boundary of one batch size after the recorded epochs."""
    snaps = results[bs]["snapshots"]
    fig, axes = plotting.new_figure(ncols=len(snaps), size=(2.1 * len(snaps), 2.0))
    for ax, (epoch, prob) in zip(np.atleast_1d(axes), snaps.items(), strict=True):
        draw_moons(ax, X, labels, prob)
        ax.contour(*np.meshgrid(np.linspace(*MOONS_XLIM, prob.shape[1]),
                                np.linspace(*MOONS_YLIM, prob.shape[0])), prob,
                   levels=[0.5], colors="black", linewidths=1.0)
        ax.set_title(f"epoch {epoch}", fontsize=9)
    return fig


# -- sum or mean ---------------------------------------------------------------------------
def stable_lr_limit(x, reduce: str = "sum") -> float:
    """The largest learning rate for which descent on the linear neuron's loss converges:
    2 / (largest eigenvalue of the Hessian), with Hessian sum_i [x_i^2, x_i; x_i, 1]
    (divided by n for the mean). The sum's limit shrinks as examples are added."""
    x = validate.array("x", x, ndim=1)
    validate.choice("reduce", reduce, ("sum", "mean"))
    H = np.array([[np.sum(x * x), np.sum(x)], [np.sum(x), float(x.size)]])
    if reduce == "mean":
        H = H / x.size
    return 2.0 / float(np.max(np.linalg.eigvalsh(H)))


def repeated(x, y, times: int) -> tuple[np.ndarray, np.ndarray]:
    """The data set written `times` times over: the same information, `times` x more rows."""
    x, y = _xy(x, y)
    times = validate.integer("times", times, low=1)
    return np.tile(x, times), np.tile(y, times)


# -- averaging networks --------------------------------------------------------------------
def average_networks(models: list[MLP]) -> MLP:
    """A network whose every weight is the mean of the models' weights (option A for a
    network). Hidden neurons of separately trained networks need not play the same roles,
    so this average can be far worse than each of them."""
    if not models:
        raise ValueError("models must hold at least one MLP")
    first = models[0]
    avg = MLP(first.layer_sizes, first.activation, first.output, first.seed)
    avg.params = [(np.mean([m.params[i][0] for m in models], axis=0),
                   np.mean([m.params[i][1] for m in models], axis=0))
                  for i in range(len(first.params))]
    return avg
