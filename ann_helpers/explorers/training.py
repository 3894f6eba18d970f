"""Lesson 08 explorer: the same network trained on the two moons with different batch sizes
and learning rates, for a fixed number of epochs (the same number of examples seen)."""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from .. import plotting
from ..training import boundary_grid, class1_probability, draw_moons, new_classifier, two_moons
from ..widgets import Explorer, slider
from .backprop import _title

#: the explorer's small data set and budget: few points and epochs keep a move fast
N_POINTS, EPOCHS, GRID = 40, 5, 40
BATCH_SIZES = (1, 2, 5, 10, 20, 40)


def batch_slider(value: int = 5) -> W.SelectionSlider:
    """A slider over the batch sizes (1 = SGD, 40 = the full batch)."""
    return W.SelectionSlider(options=BATCH_SIZES, value=value, description="batch size",
                             continuous_update=True, style={"description_width": "initial"},
                             layout=W.Layout(width="320px"))


class BatchSizeExplorer(Explorer):
    """Batch size and learning rate: loss per batch and the decision boundary after training."""

    name = "batch_size"

    def make_controls(self):
        self.X, self.labels = two_moons(N_POINTS, noise=0.15, seed=1)
        self.grid_points = boundary_grid(GRID)
        return {"lr": slider("learning rate (學習率)", 0.5, 0.05, 2.0, 0.05),
                "batch_size": batch_slider(5)}

    def make_figure(self):
        fig, (self.ax_data, self.ax_loss) = plotting.new_figure(ncols=2, size=(7.2, 2.8))
        self.image = draw_moons(self.ax_data, self.X, self.labels,
                                np.full((GRID, GRID), 0.5), interpolation="nearest", ms=5)
        _title(self.ax_data, "P(class 1) after training")
        (self.batch_line,) = self.ax_loss.plot([], [], lw=0.9, color=plotting.COLORS["muted"],
                                               label="loss of each batch")
        (self.epoch_line,) = self.ax_loss.plot([], [], "o-", ms=5, lw=1.6,
                                               color=plotting.COLORS["path"],
                                               label=f"full-data loss (all {N_POINTS} points), per epoch")
        self.ax_loss.set_xlim(-4, N_POINTS * EPOCHS + 4)
        self.ax_loss.set_ylim(0, 1.5)
        self.ax_loss.set_xticks(np.arange(0, N_POINTS * EPOCHS + 1, N_POINTS))
        self.ax_loss.set_yticks([0, 0.5, 1.0, 1.5])
        self.ax_loss.set_xlabel(f"examples seen ({EPOCHS} epochs)")
        self.ax_loss.set_ylabel("cross-entropy")
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
        per_epoch = "1 update" if updates == 1 else f"{updates} updates"
        if history.diverged:
            return f"batch size {batch_size}: {history.status}"
        return (f"batch size {batch_size}, lr = {lr:.2f}: {per_epoch} per epoch, "
                f"{updates * EPOCHS} in all; full-data loss (all {N_POINTS} points) before "
                f"training {epoch_losses[0]:.3f}, after {EPOCHS} epochs {epoch_losses[-1]:.3f}, "
                f"accuracy {mlp.accuracy(self.X, self.labels):.0%}")
