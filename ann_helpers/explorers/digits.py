"""Lesson 09's explorer and figures.

DigitsExplorer: pick a test image, see what the trained network thinks it is. The network is
lesson 09's model, trained once per Python process with the lesson's seed
(`ann_helpers.digits.trained_model`, cached), so the explorer depends on its slider alone. Its
class probabilities for every test image are computed once when the explorer is built; a slider
move only swaps the image's pixels and the ten bar heights.

The lesson's figures: `image_grid` (images with titles, and right/wrong marks that differ in
shape and colour), `confusion_figure`, `weights_figure`, `curves_figure` (loss and accuracy per
epoch, training and validation) and `live_display` (the same curves redrawn during training).
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import PercentFormatter

from .. import digits, plotting, validate
from ..i18n import _
from ..network import History
from ..widgets import Explorer, int_slider

#: right and wrong: a colour and a marker shape each (never colour alone)
MARKS = {
    "right": dict(marker="o", ms=6, color=plotting.COLORS["right"], mec="white", mew=0.8,
                  ls="none"),
    "wrong": dict(marker="X", ms=7, color=plotting.COLORS["wrong"], mec="white", mew=0.8,
                  ls="none"),
}


class DigitsExplorer(Explorer):
    """A slider over the test images; the image and a bar chart of its ten probabilities."""

    name = "digits"
    # each position is another image: a neighbour's picture says nothing, so draw them all
    line_frames = 512

    def make_controls(self):
        self.split = digits.load_split()
        n_test = len(self.split.y_test)
        return {"index": int_slider(_("test image"), 0, 0, n_test - 1)}

    def make_figure(self):
        trained = digits.trained_model()
        self.P = digits.probabilities(trained.model, self.split.X_test)
        self.predicted = np.argmax(self.P, axis=1)
        fig, (self.ax_img, self.ax_bar) = plotting.new_figure(2, size=(6.4, 2.6))
        self.ax_img.get_gridspec().set_width_ratios([1, 2.6])
        self.image = draw_digit(self.ax_img, np.zeros(digits.SIDE ** 2), "")
        self.bars = self.ax_bar.bar(range(digits.N_CLASSES), np.zeros(digits.N_CLASSES),
                                    color=plotting.COLORS["muted"])
        # a marker above the true class (round) and above a wrong prediction (a cross)
        (self.mark_true,) = self.ax_bar.plot([], [], **MARKS["right"], label=_("true class"))
        (self.mark_wrong,) = self.ax_bar.plot([], [], **MARKS["wrong"],
                                              label=_("predicted, wrong"))
        self.ax_bar.legend(loc="upper right", fontsize=7, handletextpad=0.2)
        # few tick labels: drawing text is most of the cost of a redraw
        self.ax_bar.set_xticks(range(digits.N_CLASSES))
        self.ax_bar.set_yticks([0.0, 0.5, 1.0])
        self.ax_bar.set_ylim(0, 1.15)
        self.ax_bar.set_ylabel(_("probability"))
        self.ax_bar.grid(axis="x", visible=False)
        # the longest title (a wrong prediction), so the frozen layout has room for it
        self.bar_title = self.ax_bar.set_title(_bar_title(0, 1, np.zeros(digits.N_CLASSES)))
        return fig  # (the Explorer base class lays it out once, then freezes that layout)

    def update(self, index):
        true, pred = int(self.split.y_test[index]), int(self.predicted[index])
        p = self.P[index]
        self.image.set_data(self.split.X_test[index].reshape(digits.SIDE, digits.SIDE))
        self.ax_img.set_title(_("true label {true}").format(true=true), fontsize=9)
        right = pred == true
        for k, bar in enumerate(self.bars):
            bar.set_height(p[k])
            bar.set_color(plotting.COLORS["right"] if k == true else
                          plotting.COLORS["wrong"] if k == pred else plotting.COLORS["muted"])
        self.mark_true.set_data([true], [p[true] + 0.07])
        self.mark_wrong.set_data(([pred], [p[pred] + 0.07]) if not right else ([], []))
        self.bar_title.set_text(_bar_title(pred, true, p))
        if right:
            text = _("test image {index}: true {true}, predicted {pred} with probability "
                     "{p:.3f} (right); runner-up {second} with {p2:.3f}")
        else:
            text = _("test image {index}: true {true}, predicted {pred} with probability "
                     "{p:.3f} (WRONG); runner-up {second} with {p2:.3f}")
        return text.format(index=index, true=true, pred=pred, p=p[pred],
                           second=np.argsort(p)[-2], p2=np.sort(p)[-2])


def _bar_title(pred: int, true: int, p) -> str:
    """The bar chart's title: the prediction, and the true class's probability if it differs."""
    text = _("predicted {pred} (p = {p:.3f})").format(pred=pred, p=p[pred])
    if pred != true:
        text += _(", true {true} has p = {p:.3f}").format(true=true, p=p[true])
    return text


# -- the lesson's figures -------------------------------------------------------------------
def _bare(ax) -> None:
    """No ticks, no grid, a thin grey frame: for small images."""
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color(plotting.COLORS["muted"])


def draw_digit(ax, pixels, title: str | None = None, color: str = "black"):
    """One 8 x 8 image (64 pixels in [0, 1], dark = ink) on `ax`, without ticks."""
    im = ax.imshow(np.reshape(pixels, (digits.SIDE, digits.SIDE)), cmap="gray_r", vmin=0.0, vmax=1.0,
                   interpolation="nearest")
    _bare(ax)
    if title is not None:
        ax.set_title(title, fontsize=9, color=color, pad=2)
    return im


def image_grid(images, titles, ncols: int = 10, colors=None, cell: float = 0.8, marks=None):
    """A grid of 8 x 8 images with a title over each; returns the Figure.

    `marks`, when given, puts a marker in the top right corner of each image: "right" (a
    round dot in COLORS["right"]) or "wrong" (a cross in COLORS["wrong"]), so right and wrong
    differ in shape as well as in colour."""
    images = validate.array("images", images, ndim=2)
    if images.shape[1] != digits.SIDE * digits.SIDE:
        raise ValueError(_("images must have {n} pixels per row, got {got}").format(
            n=digits.SIDE * digits.SIDE, got=images.shape[1]))
    if len(titles) != len(images):
        raise ValueError(_("need one title per image: {images} images, {titles} titles")
                         .format(images=len(images), titles=len(titles)))
    if len(images) == 0:
        raise ValueError(_("images is empty: nothing to draw"))
    ncols = validate.integer("ncols", ncols, low=1)
    ncols = min(ncols, len(images))
    nrows = -(-len(images) // ncols)
    colors = colors or ["black"] * len(images)
    fig, axes = plotting.new_figure(ncols, nrows, size=(cell * ncols, (cell + 0.25) * nrows))
    axes = np.atleast_1d(axes).ravel()
    marks = marks or [None] * len(images)
    for ax, img, title, color, mark in zip(axes[:len(images)], images, titles, colors, marks,
                                           strict=True):
        draw_digit(ax, img, title, color)
        if mark is not None:
            ax.plot(6.6, 0.4, **MARKS[validate.choice("marks[...]", mark, MARKS)])
    for ax in axes[len(images):]:
        ax.set_visible(False)
    return fig


def confusion_figure(C):
    """The confusion matrix as a picture: counts in the cells, the diagonal is right."""
    C = np.asarray(C)
    digits.confusion_text(C)  # validates
    fig, ax = plotting.new_figure(size=(4.6, 4.0))
    ax.imshow(np.log1p(C), cmap="Blues")
    n = C.shape[0]
    for i in range(n):
        for j in range(n):
            if C[i, j]:
                ax.text(j, i, str(C[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if C[i, j] > C.max() / 2 else "black")
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    ax.grid(False)
    ax.set_xlabel(_("predicted class"))
    ax.set_ylabel(_("true class"))
    ax.set_title(_("confusion matrix (test images)"))
    return fig


def weights_figure(W, ncols: int = 8):
    """Each hidden neuron's 64 incoming weights as an 8 x 8 image (red +, blue -, white 0),
    each image scaled to its own largest |weight| so that its pattern shows."""
    W = validate.array("W", W, ndim=2)
    if W.shape[0] != digits.SIDE * digits.SIDE:
        raise ValueError(_("W must have {n} rows (one per pixel), got {got}").format(
            n=digits.SIDE * digits.SIDE, got=W.shape[0]))
    ncols = validate.integer("ncols", ncols, low=1)
    n = W.shape[1]
    nrows = -(-n // ncols)
    fig, axes = plotting.new_figure(ncols, nrows, size=(0.8 * ncols, 0.85 * nrows))
    axes = np.atleast_1d(axes).ravel()
    for k, ax in enumerate(axes):
        _bare(ax)
        if k < n:
            vmax = float(np.max(np.abs(W[:, k]))) or 1.0
            ax.imshow(W[:, k].reshape(digits.SIDE, digits.SIDE), cmap="RdBu_r", vmin=-vmax, vmax=vmax,
                      interpolation="nearest")
            ax.set_title(f"h{k + 1}", fontsize=8, pad=1)
        else:
            ax.set_visible(False)
    return fig

LOSS_AXIS = (0.001, 5.0)  # the loss axis of the training curves (log scale)


class LiveCurves:
    """Loss and accuracy per epoch, training and validation, on one figure redrawn in place.

    The loss is drawn on a log scale (a gap between training and validation stays visible
    as both get small); the accuracy in percent from 0 to 100, so no epoch is cut off.
    """

    def __init__(self, epochs: int):
        epochs = validate.integer("epochs", epochs, low=1, high=1_000_000)
        self.epochs = epochs
        self.fig, (self.ax_loss, self.ax_acc) = plotting.new_figure(2, size=(8.0, 3.0))
        self.lines = {}
        for ax, key, label in ((self.ax_loss, "loss", _("mean cross-entropy (log scale)")),
                               (self.ax_acc, "accuracy", _("accuracy (%)"))):
            for part, name, color in (("train", _("training"), plotting.COLORS["curve"]),
                                      ("val", _("validation"), plotting.COLORS["path"])):
                (self.lines[part, key],) = ax.plot([], [], color=color, label=name,
                                                   ls="-" if part == "train" else "--")
            ax.set_xlim(0, epochs)
            ax.set_xlabel(_("epoch"))
            ax.set_title(label)
            ax.legend(loc="upper right" if key == "loss" else "lower right")
        (self.kept,) = self.ax_loss.plot([], [], "o", color=plotting.COLORS["path"], ms=6,
                                         mfc="none", mew=1.5)
        self.ax_loss.set_yscale("log")
        self.ax_loss.set_ylim(LOSS_AXIS)
        self.ax_acc.set_ylim(0.0, 100.0)
        self.ax_acc.yaxis.set_major_formatter(PercentFormatter(100.0, decimals=0))
        self.status = self.fig.suptitle(_("epoch {done} of {epochs}").format(
            done=0, epochs=epochs), fontsize=9)
        # lay out once, then keep that layout: redraws during training stay cheap
        self.fig.canvas.draw()
        self.fig.set_layout_engine(None)

    def update(self, history: History, kept_epoch: int | None = None) -> None:
        """Move the four curves to the epochs measured so far (and circle the kept epoch)."""
        e, m = history.epochs, history.measured
        for part in ("train", "val"):
            self.lines[part, "loss"].set_data(e, m[f"{part}_loss"])
            self.lines[part, "accuracy"].set_data(e, 100 * np.asarray(m[f"{part}_accuracy"]))
        done = e[-1] if e else 0
        text = _("epoch {done} of {epochs}").format(done=done, epochs=self.epochs)
        if kept_epoch:
            self.kept.set_data([kept_epoch], [m["val_loss"][e.index(kept_epoch)]])
            text += _(": the circle marks the epoch kept (lowest validation loss, {kept})"
                      ).format(kept=kept_epoch)
        self.status.set_text(text)


def curves_figure(trained: digits.Trained):
    """The finished training run: loss and accuracy per epoch, training and validation,
    with the kept epoch circled."""
    curves = LiveCurves(max(trained.history.epochs, default=1))
    curves.update(trained.history, trained.kept_epoch)
    return curves.fig


def live_display(epochs: int, every: int = 10):
    """Live curves for `train(on_epoch=...)`; returns that callback.

    The curves are one picture in the notebook, redrawn in place every `every` epochs (and
    after the last one), with "epoch k of n" above them as the progress indicator. No widget
    is involved, so the saved notebook shows the finished curves. Outside IPython (a plain
    script) nothing is shown.
    """
    from IPython.display import Image, display

    epochs = validate.integer("epochs", epochs, low=1, high=1_000_000)
    every = validate.integer("every", every, low=1)
    curves = LiveCurves(epochs)
    view = display(Image(plotting.png(curves.fig, fast=True)), display_id=True)

    def on_epoch(epoch: int, history: History) -> None:
        if view is not None and (epoch % every == 0 or epoch == epochs):
            curves.update(history)
            view.update(Image(plotting.png(curves.fig, fast=True)))

    return on_epoch
