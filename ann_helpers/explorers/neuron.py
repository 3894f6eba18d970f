"""Lesson 05 explorer: one neuron y = g(w1 x1 + w2 x2 + b) over the (x1, x2) plane.

Left: the output as a heat map (dark = low, yellow = high; the colour bar beside it gives the
values) with the dashed line w . x + b = 0, where u changes sign, and the arrow w pointing to
the side where u > 0. Right: the activation
g(u), with the stretch of u that the plotted square actually reaches drawn thick.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import MaxNLocator

from ..activations import ACTIVATIONS
from ..i18n import _
from ..plotting import COLORS, break_at, new_figure
from ..widgets import Explorer, dropdown, slider

LIMIT = 2.0          # the plane shown is [-LIMIT, LIMIT]^2
N = 61               # grid points per side
#: fixed colour ranges for bounded activations; the others use the range of the picture
BOUNDED = {"sigmoid": (0.0, 1.0), "step": (0.0, 1.0), "tanh": (-1.0, 1.0)}
JUMPS = {"step": 0.0}  # where an activation jumps (drawn with a gap there)


def _signed(v: float) -> str:
    """'+ 0.50' or '- 0.50', for writing a sum of terms."""
    return f"{'-' if v < 0 else '+'} {abs(v):.2f}"


def _inside_square(p0, d):
    """The range (t_lo, t_hi) of t for which p0 + t d lies in the square shown, or None."""
    t_lo, t_hi = -np.inf, np.inf
    for k in range(2):
        if abs(d[k]) < 1e-12:
            if abs(p0[k]) > LIMIT:
                return None
            continue
        a, b = sorted(((-LIMIT - p0[k]) / d[k], (LIMIT - p0[k]) / d[k]))
        t_lo, t_hi = max(t_lo, a), min(t_hi, b)
    return (t_lo, t_hi) if t_lo < t_hi else None


class NeuronExplorer(Explorer):
    """Sliders w1, w2, b and an activation chooser; the neuron's output as a heat map."""

    name = "neuron"

    def make_controls(self):
        return {
            "w1": slider("w1", 1.0, -3.0, 3.0, 0.1),
            "w2": slider("w2", -1.0, -3.0, 3.0, 0.1),
            "b": slider("b", 0.5, -3.0, 3.0, 0.1),
            "activation": dropdown(_("activation"), list(ACTIVATIONS), "sigmoid"),
        }

    def make_figure(self):
        fig, (ax, ax_g) = new_figure(ncols=2, size=(7.2, 3.2))
        s = np.linspace(-LIMIT, LIMIT, N)
        self.X1, self.X2 = np.meshgrid(s, s)
        self.image = ax.imshow(np.zeros((N, N)), origin="lower", cmap="viridis",
                               extent=(-LIMIT, LIMIT, -LIMIT, LIMIT), interpolation="none",
                               vmin=0.0, vmax=1.0)
        (self.boundary,) = ax.plot([], [], color="white", linestyle="--", linewidth=2)
        self.arrow = ax.annotate("", xy=(0, 0), xytext=(0, 0),
                                 arrowprops={"arrowstyle": "->", "color": "white", "lw": 1.5})
        ax.set_xlim(-LIMIT, LIMIT)
        ax.set_ylim(-LIMIT, LIMIT)
        ax.set_xticks([-2, 0, 2])            # few tick labels: text is what costs most to draw
        ax.set_yticks([-2, 0, 2])
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$", labelpad=-2)
        ax.grid(False)
        self.ax = ax
        # The colour bar follows the image's colour range: fixed for the bounded activations
        # (then it is never redrawn), the picture's own range for the others.
        self.bar = fig.colorbar(self.image, ax=ax, shrink=0.9, aspect=25, pad=0.03)
        self.bar.locator = MaxNLocator(4)
        self.bar.formatter = "{x:.3g}"
        self.bar.ax.tick_params(labelsize=8)
        self.bar.ax.set_title("$y$", fontsize=9)
        # drawn first: a static bar then stays in the cached background even where
        # its tick margin touches the panel beside it, whose artists move
        self.bar.ax.set_zorder(-1)

        self.u_all = np.linspace(-15.0, 15.0, 601)
        (self.g_curve,) = ax_g.plot([], [], color=COLORS["muted"], linewidth=1.2)
        (self.g_used,) = ax_g.plot([], [], color=COLORS["curve"], linewidth=3.5)
        ax_g.axvline(0.0, color=COLORS["muted"], linewidth=0.8)
        ax_g.set_xlabel(r"$u = w \cdot x + b$")
        ax_g.yaxis.set_major_locator(MaxNLocator(3))
        ax_g.xaxis.set_major_locator(MaxNLocator(3))
        self.ax_g = ax_g
        ax.set_title(_(r"output $y = g(w \cdot x + b)$"), fontsize=9)   # static: drawn once
        ax_g.set_title("g(u)", fontsize=9)
        return fig

    def update(self, w1, w2, b, activation):
        g = ACTIVATIONS[activation]
        U = w1 * self.X1 + w2 * self.X2 + b
        Y = g.f(U)
        lo, hi = BOUNDED.get(activation, (float(Y.min()), float(Y.max())))
        if hi - lo < 1e-9:                       # a flat picture (w = 0): any range will do
            lo, hi = lo - 0.5, hi + 0.5
        self.image.set_data(Y)
        self.image.set_clim(lo, hi)

        norm2 = w1 * w1 + w2 * w2
        if norm2 > 1e-12:
            n = np.array([w1, w2]) / np.sqrt(norm2)         # unit normal of the line
            p0 = n * (-b / np.sqrt(norm2))                  # the point of the line nearest 0
            d = np.array([-n[1], n[0]])                     # along the line
            ends = np.array([p0 - 10 * d, p0 + 10 * d])
            self.boundary.set_data(ends[:, 0], ends[:, 1])
            piece = _inside_square(p0, d)
            if piece is not None:                           # the arrow starts mid-way along
                mid = p0 + 0.5 * (piece[0] + piece[1]) * d  # the visible piece of the line
                self.arrow.xy = tuple(mid + 0.8 * n)
                self.arrow.set_position(tuple(mid))
            self.arrow.set_visible(piece is not None)
            where = (_("the arrow w points to where u > 0") if piece is not None
                     else _("the boundary lies outside the square shown"))
            line = _("boundary {w1} x1 {w2} x2 {b} = 0; {where}").format(
                w1=f"{w1:.2f}", w2=_signed(w2), b=_signed(b), where=where)
        else:
            self.boundary.set_data([], [])
            self.arrow.set_visible(False)
            line = _("w = 0: no boundary, the output is g(b) = {y} everywhere").format(
                y=f"{float(g.f(b)):.4f}")

        u_lo, u_hi = float(U.min()), float(U.max())
        span = max(6.0, abs(u_lo), abs(u_hi))
        u = self.u_all[np.abs(self.u_all) <= span]
        gu = g.f(u)
        jumps = JUMPS.get(activation)  # a function that jumps: a gap, not a vertical stroke
        self.g_curve.set_data(*(break_at(u, gu, jumps) if jumps is not None else (u, gu)))
        used = u[(u >= u_lo) & (u <= u_hi)]
        if used.size == 0:
            used = np.array([u_lo, u_hi])
        g_used = g.f(used)
        if jumps is not None and used.size > 1:
            used, g_used = break_at(used, g_used, jumps)
        self.g_used.set_data(used, g_used)
        self.ax_g.set_xlim(-span, span)
        g_lo, g_hi = float(gu.min()), float(gu.max())
        pad = 0.08 * max(g_hi - g_lo, 1e-3)
        self.ax_g.set_ylim(g_lo - pad, g_hi + pad)
        self.ax_g.set_title(f"g(u) = {activation}(u)", fontsize=9)
        return _("{line}; y ranges over [{low}, {high}]").format(
            line=line, low=f"{float(Y.min()):.3f}", high=f"{float(Y.max()):.3f}")
