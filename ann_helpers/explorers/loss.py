"""Lesson 06 explorer "fit it by hand": move w and b of the line y_hat = w x + b over a small
data set and watch the loss L(w, b) = sum_i loss(w x_i + b, y_i).

Left: the data, the line and the residuals y_hat_i - y_i (red segments). Right: the loss over
the (w, b) plane as level curves (computed once per loss form) with a colour bar of L, the
current (w, b) as a green dot and the best (w, b) for that loss as a star. The status line repeats L and says how far
it is above the minimum.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.ticker import MaxNLocator, NullLocator

from ..i18n import _
from ..losses import LOSSES, example_data, least_squares_line, line_loss_surface
from ..plotting import COLORS, new_figure
from ..widgets import Explorer, slider, toggle

W_RANGE = (-1.0, 3.0)
B_RANGE = (-2.0, 4.0)
FORMS = ("squared_error", "absolute_error")


def _loss_grid(x, y, form: str, n: int = 121):
    """W, B and L(w, b) on an n x n grid of the slider ranges."""
    W, B = np.meshgrid(np.linspace(*W_RANGE, n), np.linspace(*B_RANGE, n))
    return W, B, line_loss_surface(W, B, x, y, form)


def _least_absolute_line(x, y) -> tuple[float, float]:
    """(w, b) minimising sum |w x_i + b - y_i|. The loss is piecewise linear and convex, so a
    minimum sits at a corner, where two residuals are 0: a line through two data points.
    Trying every pair (28 for 8 points) finds it exactly."""
    best, best_loss = (0.0, float(np.median(y))), np.inf
    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            if x[i] == x[j]:
                continue
            w = (y[j] - y[i]) / (x[j] - x[i])
            b = y[i] - w * x[i]
            loss = float(np.sum(np.abs(w * x + b - y)))
            if loss < best_loss:
                best, best_loss = (float(w), float(b)), loss
    return best


class LossFitExplorer(Explorer):
    """Sliders w, b and a loss form; the line over the data, residuals and the loss live."""

    name = "loss_fit"

    def make_controls(self):
        return {
            "w": slider(_("w (slope)"), 0.2, *W_RANGE, 0.05),
            "b": slider(_("b (intercept)"), 2.5, *B_RANGE, 0.05),
            "loss": toggle(_("loss"), list(FORMS), "squared_error"),
        }

    def make_figure(self):
        self.x, self.y = example_data()
        fig, (ax, ax_l) = new_figure(ncols=2, size=(7.6, 3.2))
        ax.scatter(self.x, self.y, color=COLORS["curve"], zorder=3, s=22)
        self.xs = np.array([-0.3, 4.3])
        (self.line,) = ax.plot(self.xs, self.xs, color=COLORS["start"], linewidth=2)
        self.residuals = LineCollection([], colors=COLORS["path"], linewidths=1.5)
        ax.add_collection(self.residuals)
        ax.set_xlim(*self.xs)
        ax.set_ylim(-1.0, 6.0)
        ax.set_xlabel("$x$")
        ax.set_ylabel("$y$")
        ax.set_xticks([0, 2, 4])            # few tick labels: text is what is slow to draw
        ax.set_yticks([0, 2, 4])
        self.ax = ax

        self.contours = {}
        for form in FORMS:
            W, B, L = _loss_grid(self.x, self.y, form)
            levels = np.quantile(L, np.linspace(0.0, 1.0, 14) ** 2)[1:]
            self.contours[form] = ax_l.contour(W, B, L, levels=levels, cmap="viridis",
                                               linewidths=0.9)
        self.best = {"squared_error": tuple(least_squares_line(self.x, self.y)),
                     "absolute_error": _least_absolute_line(self.x, self.y)}
        (self.star,) = ax_l.plot([], [], marker="*", markersize=13, color=COLORS["end"],
                                 linestyle="none")
        (self.dot,) = ax_l.plot([], [], marker="o", markersize=7, color=COLORS["start"],
                                linestyle="none")
        ax_l.set_xlim(*W_RANGE)
        ax_l.set_ylim(*B_RANGE)
        ax_l.set_xlabel("$w$")
        ax_l.set_ylabel("$b$", labelpad=-2)
        ax_l.xaxis.set_major_locator(MaxNLocator(3))
        ax_l.yaxis.set_major_locator(MaxNLocator(3))
        self.ax_l = ax_l
        # a slim colour bar of L beside the level curves, one per loss form: the first is
        # placed by the layout (solved once), the second drawn in the same place, and only
        # the chosen form's bar is shown
        self.bars = {}
        for form, cs in self.contours.items():
            if not self.bars:
                bar = fig.colorbar(cs, ax=ax_l, shrink=0.95, aspect=30, pad=0.02)
            else:
                first = next(iter(self.bars.values())).ax
                cax = fig.add_axes(first.get_position())
                cax.set_axes_locator(lambda ax, renderer, first=first:
                                     first.get_axes_locator()(first, renderer))
                cax.set_box_aspect(first.get_box_aspect())
                cax.set_anchor(first.get_anchor())
                bar = fig.colorbar(cs, cax=cax)
            for lines in bar.lines:          # the level colours, thick enough to see
                lines.set_linewidths(3.0)
            bar.set_ticks(cs.levels[::4])
            bar.ax.yaxis.set_major_formatter("{x:.3g}")
            bar.ax.yaxis.set_minor_locator(NullLocator())
            bar.ax.tick_params(labelsize=8, length=2, pad=1)
            bar.ax.set_title("$L$", fontsize=9)
            # drawn first: a static bar then stays in the cached background even where
            # its tick margin touches the panel beside it, whose artists move
            bar.ax.set_zorder(-1)
            self.bars[form] = bar
        ax.set_title("L = 0.000", fontsize=9)      # short titles: text is slow to draw
        ax_l.set_title(_("$L(w, b)$ (star: its minimum)"), fontsize=9)
        return fig

    def update(self, w, b, loss):
        y_hat = w * self.x + b
        L = LOSSES[loss].f(y_hat, self.y)
        self.line.set_ydata(w * self.xs + b)
        self.residuals.set_segments(
            [((xi, yi), (xi, yh)) for xi, yi, yh in zip(self.x, self.y, y_hat, strict=True)])
        for form, cs in self.contours.items():
            cs.set_visible(form == loss)
            self.bars[form].ax.set_visible(form == loss)
        bw, bb = self.best[loss]
        L_best = LOSSES[loss].f(bw * self.x + bb, self.y)
        self.star.set_data([bw], [bb])
        self.dot.set_data([w], [b])
        # unicode, not mathtext: this title changes with every move (mathtext would cost ~5 ms)
        formula = "½ Σ rᵢ²" if loss == "squared_error" else "Σ |rᵢ|"
        self.ax.set_title(_("L = {formula} = {L}   (rᵢ = ŷᵢ − yᵢ)").format(
            formula=formula, L=f"{L:.3f}"), fontsize=9)
        gap = L - L_best
        verdict = (_("at the minimum (to slider precision)") if gap < 0.01
                   else _("{gap} above the minimum {L_best} at w = {w}, b = {b}").format(
                       gap=f"{gap:.3f}", L_best=f"{L_best:.3f}", w=f"{bw:.2f}", b=f"{bb:.2f}"))
        return _("w = {w}, b = {b}: {loss} L = {L}, {verdict}").format(
            w=f"{w:.2f}", b=f"{b:.2f}", loss=loss, L=f"{L:.3f}", verdict=verdict)
