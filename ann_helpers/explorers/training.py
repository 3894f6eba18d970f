"""Lesson 08 explorer: the same network trained on the two moons with different batch sizes
and learning rates, for a fixed number of epochs (the same number of examples seen).

And lesson 08's static figures (the maths lives in ann_helpers.training):

    averaging_figure()                  option A (average per-example results) vs B (one loss)
    draw_moons(ax, X, labels, prob)     the two moons over the network's P(class 1)
    loss_curves_figure(results, n)      whole-data loss per epoch, one line per batch size
    snapshots_figure(X, labels, results, bs)   the decision boundary after chosen epochs
"""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from .. import plotting, validate
from ..i18n import _
from ..losses import least_squares_line
from ..training import (
    LINE_X,
    LINE_Y,
    MOONS_XLIM,
    MOONS_YLIM,
    batch_name,
    boundary_grid,
    class1_probability,
    new_classifier,
    per_example_solutions,
    two_moons,
)
from ..widgets import Explorer, slider

#: the explorer's small data set and budget: few points and epochs keep a move fast
N_POINTS, EPOCHS, GRID = 40, 5, 40
BATCH_SIZES = (1, 2, 5, 10, 20, 40)


def batch_slider(value: int = 5) -> W.SelectionSlider:
    """A slider over the batch sizes (1 = SGD, 40 = the full batch)."""
    return W.SelectionSlider(options=BATCH_SIZES, value=value, description=_("batch size"),
                             continuous_update=True, style={"description_width": "initial"},
                             layout=W.Layout(width="320px"))


class BatchSizeExplorer(Explorer):
    """Batch size and learning rate: loss per batch and the decision boundary after training."""

    name = "batch_size"

    def make_controls(self):
        self.X, self.labels = two_moons(N_POINTS, noise=0.15, seed=1)
        self.grid_points = boundary_grid(GRID)
        return {"lr": slider(_("learning rate (學習率)"), 0.5, 0.05, 2.0, 0.05),
                "batch_size": batch_slider(5)}

    def make_figure(self):
        fig, (self.ax_data, self.ax_loss) = plotting.new_figure(ncols=2, size=(7.2, 2.8))
        self.image = draw_moons(self.ax_data, self.X, self.labels,
                                np.full((GRID, GRID), 0.5), interpolation="nearest", ms=5)
        plotting.plain_title(self.ax_data, _("P(class 1) after training"))
        (self.batch_line,) = self.ax_loss.plot([], [], lw=0.9, color=plotting.COLORS["muted"],
                                               label=_("loss of each batch"))
        (self.epoch_line,) = self.ax_loss.plot([], [], "o-", ms=5, lw=1.6,
                                               color=plotting.COLORS["path"],
                                               label=_("full-data loss (all {n} points), per epoch"
                                                         ).format(n=N_POINTS))
        self.ax_loss.set_xlim(-4, N_POINTS * EPOCHS + 4)
        self.ax_loss.set_ylim(0, 1.5)
        self.ax_loss.set_xticks(np.arange(0, N_POINTS * EPOCHS + 1, N_POINTS))
        self.ax_loss.set_yticks([0, 0.5, 1.0, 1.5])
        self.ax_loss.set_xlabel(_("examples seen ({epochs} epochs)").format(epochs=EPOCHS))
        self.ax_loss.set_ylabel(_("cross-entropy"))
        self.ax_loss.legend(loc="upper right", fontsize=8)
        return fig

    def update(self, lr: float, batch_size: int) -> str:
        mlp = new_classifier(seed=0, hidden=8)
        epoch_losses = [mlp.loss(self.X, self.labels)]
        history = mlp.fit(self.X, self.labels, lr=lr, epochs=EPOCHS, batch_size=batch_size,
                          callback=lambda e, m_, model: epoch_losses.append(
                              model.loss(self.X, self.labels)))
        seen = np.minimum(np.arange(1, len(history.batch_losses) + 1) * batch_size
                          - (batch_size - 1), N_POINTS * EPOCHS)
        self.batch_line.set_data(seen, np.minimum(history.batch_losses, 1.5))
        self.epoch_line.set_data(np.arange(len(epoch_losses)) * N_POINTS,
                                 np.minimum(epoch_losses, 1.5))
        self.image.set_data(class1_probability(mlp, self.grid_points))
        updates = -(-N_POINTS // batch_size)
        if history.diverged:
            return _("batch size {size}: {status}").format(size=batch_size,
                                                           status=history.status)
        template = (_("batch size {size}, lr = {lr:.2f}: 1 update per epoch, {total} in all; "
                      "full-data loss (all {n} points) before training {before:.3f}, after "
                      "{epochs} epochs {after:.3f}, accuracy {accuracy:.0%}")
                    if updates == 1 else
                    _("batch size {size}, lr = {lr:.2f}: {updates} updates per epoch, {total} "
                      "in all; full-data loss (all {n} points) before training {before:.3f}, "
                      "after {epochs} epochs {after:.3f}, accuracy {accuracy:.0%}"))
        return template.format(size=batch_size, lr=lr, updates=updates, total=updates * EPOCHS,
                               n=N_POINTS, before=epoch_losses[0], epochs=EPOCHS,
                               after=epoch_losses[-1],
                               accuracy=mlp.accuracy(self.X, self.labels))


# -- lesson 08's static figures ---------------------------------------------------------------
def averaging_figure(x=LINE_X, y=LINE_Y, starts=((0.0, 0.0), (3.0, -2.0))):
    """The (w, b) plane: each example's valley (the line w x_i + b = y_i), where descent on
    one example lands from two starts, their averages, and the minimum of the summed loss."""
    x = validate.array("x", x, ndim=1)
    y = validate.array("y", y, shape=(x.size,))
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
                label=_("A: average of the {n} per-example results, start {start}").format(
                    n=len(x), start=start))
    ax.plot(*least_squares_line(x, y), "*", color=plotting.COLORS["path"], ms=16, mec="black",
            label=_("B: minimum of the summed loss"))
    ax.set_xlim(*wlim)
    ax.set_ylim(*blim)
    ax.set_aspect("auto")
    ax.set_xlabel("w")
    ax.set_ylabel("b")
    ax.set_title(_("averaging per-example results (A) vs one summed loss (B)"))
    ax.legend(loc="lower left", fontsize=8)
    return fig


def draw_moons(ax, X, labels, prob: np.ndarray | None = None,
               interpolation: str = "bilinear", ms: float = 3.5):
    """The data (two colours) over the network's P(class 1) as a background; returns the
    image so it can be updated with set_data. (The colour range is wider than [0, 1] so the
    background stays pale without the cost of transparency.)"""
    image = ax.imshow(np.full((2, 2), 0.5) if prob is None else prob, origin="lower",
                      extent=(*MOONS_XLIM, *MOONS_YLIM), cmap="RdBu", vmin=-0.7, vmax=1.7,
                      aspect="auto", interpolation=interpolation)
    # class 0 vermillion circles, class 1 blue squares: colour and shape (Okabe-Ito), with the
    # background's RdBu running from the same red side to the same blue side
    for k, color, marker in ((0, plotting.OKABE_ITO["vermillion"], "o"),
                             (1, plotting.OKABE_ITO["blue"], "s")):
        ax.plot(*X[labels == k].T, marker, ls="", ms=ms, color=color, mec="white", mew=0.5)
    ax.set_xlim(*MOONS_XLIM)
    ax.set_ylim(*MOONS_YLIM)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    return image


def loss_curves_figure(results: dict, n: int):
    """Whole-data loss after each epoch, one line per batch size, on one figure."""
    fig, ax = plotting.new_figure(size=(6.4, 3.4))
    colors = [plotting.COLORS["path"], plotting.COLORS["curve"], plotting.COLORS["start"],
              plotting.COLORS["grad"]]
    for (bs, rec), color in zip(results.items(), colors, strict=False):
        ax.plot(rec["loss"], color=color, lw=1.6,
                label=_("{batch}: {updates} updates / epoch").format(
                    batch=batch_name(bs, n), updates=rec["updates"]))
    ax.set_xlabel(_("epoch"))
    ax.set_ylabel(_("mean cross-entropy on all examples"))
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=8)
    ax.set_title(_("same start, same learning rate, same epochs"))
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
        ax.set_title(_("epoch {epoch}").format(epoch=epoch), fontsize=9)
    return fig
