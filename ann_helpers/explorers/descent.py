"""Lessons 03-04: gradient descent explorers and the lessons' static figures.

Explorers (sliders that redraw one figure in place):
    DescentExplorer1D    lr, x0, raw / normalized gradient, steps on f(x) = x^2:
                         the path on the curve, x against iteration, the status
    MinimaExplorer1D     start, lr, gradient noise and its seed on x^4 - 3x^2 + x:
                         which minimum a run ends in
    DescentExplorer2D    x0, y0, lr, steps and a function chooser (round bowl, ill-conditioned
                         bowl, rotated valley, Rosenbrock): path on the contours (with a
                         colour bar of f), f against iteration, the status and the stability limit lr < 2 / max curvature

Static figures, d2l style: one helper per kind of picture, called with different runs.
    runs_1d(fn, runs, titles)          one column per run: the path on the curve over x_k vs k
    runs_2d(fn, runs, titles, ...)     one panel per run: the path on the contours (+ arrows)
    gradient_arrows_1d(fn, xs)         the 1-D gradient as an arrow along the x axis
    basins_figure(fn, starts, ends)    which start points reach which minimum
    endings_figure(fn, runs)           where many seeded runs end, on the curve
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.ticker import LogLocator, NullLocator

from .. import functions as F
from ..descent import gradient_descent, nearest, noisy_gradient_descent, regime, steps_text
from ..i18n import N_, _
from ..plotting import COLORS, OKABE_ITO, clipped, contour_2d, gradient_arrows, new_figure
from ..widgets import (
    Explorer,
    dropdown,
    fixed_layout,
    int_slider,
    slider,
    toggle,
    translated_options,
)

XLIM_1D = (-2.5, 2.5)
VIEW_2D = (-5.5, 5.5)
# global, local: Okabe-Ito orange and reddish purple (not green: that is the start point's
# colour), told apart by marker and line style too
MINIMA_COLORS = (OKABE_ITO["orange"], OKABE_ITO["purple"])
MINIMA_MARKERS = ("s", "D")  # global: square, local: diamond


def _span(values, pad=0.08, floor=1e-9):
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    lo, hi = (float(v.min()), float(v.max())) if v.size else (0.0, 1.0)
    span = max(hi - lo, floor, 1e-3 * max(abs(lo), abs(hi)))
    return lo - pad * span, hi + pad * span


def outcome(path) -> str:
    """What a run did, in words for a title (not a status code).

    converged / oscillating / diverged say so. A run stopped by its step budget is described
    by what |gradient| did over the second half of the run: it grew more than 1.1-fold
    (diverging, with the factor per step), it fell below 0.9 of its value (still descending
    when the budget ran out), or it stayed within those bounds: bouncing without settling
    when the gradient flips direction at most steps, crawling otherwise.
    """
    steps = steps_text(path.steps)
    if path.status == "converged":
        return _("converged in {steps}").format(steps=steps)
    if path.status == "oscillating":
        return _("a cycle of {period} points, for ever").format(period=path.period)
    if path.status == "diverged":
        return _("diverged after {steps}").format(steps=steps)
    g = np.asarray(path.grads, dtype=float).reshape(len(path.points), -1)
    g = g[np.all(np.isfinite(g), axis=1)]
    norms = np.sqrt(np.sum(g * g, axis=1))
    half = len(norms) // 2
    if len(norms) < 3 or norms[half] == 0.0:
        return _("stopped after {steps} (the budget)").format(steps=steps)
    ratio = float(norms[-1] / norms[half])
    if ratio > 1.1:
        rate = ratio ** (1.0 / (len(norms) - 1 - half))
        return _("diverging: |gradient| ×{rate} per step").format(rate=f"{rate:.2f}")
    if ratio < 0.9:
        return _("still descending at the end of {steps}").format(steps=steps)
    dots = np.sum(g[half:-1] * g[half + 1:], axis=1)
    if np.mean(dots < 0) > 0.5:
        return _("bouncing: |gradient| stays near {size}").format(size=f"{norms[-1]:.3g}")
    return _("crawling: |gradient| near {size} after {steps}").format(size=f"{norms[-1]:.3g}",
                                                                      steps=steps)


# -- the pieces every 1-D picture is made of ---------------------------------------------------
def curve_axes(ax, fn: F.TestFunction, xlim=XLIM_1D, n: int = 241) -> dict:
    """Draw f over xlim and empty artists for a path; returns the artists to move later."""
    xs = np.linspace(*xlim, n)
    ys = fn.f(xs)
    ax.plot(xs, ys, color=COLORS["curve"], lw=2, label=fn.label)
    (path,) = ax.plot([], [], color=COLORS["path"], marker="o", ms=4, lw=1.0, alpha=0.9)
    (start,) = ax.plot([], [], "o", color=COLORS["start"], ms=7, zorder=5, label=_("start"))
    (end,) = ax.plot([], [], "*", color="black", ms=10, zorder=6, label=_("end"))
    ax.set_xlim(*xlim)
    ax.set_ylim(*_span(ys))
    ax.set_xlabel("$x$")
    return {"path": path, "start": start, "end": end}


def iterate_axes(ax, minimum: float | None = None) -> dict:
    """An empty 'x_k against k' panel; returns its artists."""
    if minimum is not None:
        ax.axhline(minimum, color=COLORS["muted"], lw=0.8, ls=":")
    (line,) = ax.plot([], [], color=COLORS["path"], marker="o", ms=3, lw=1.0)
    ax.set_xlabel(_("iteration $k$"))
    ax.set_ylabel("$x_k$")
    return {"line": line}


def show_path_1d(artists: dict, fn: F.TestFunction, points) -> None:
    """Move the curve panel's artists to a run's points."""
    xs = clipped(points)
    with np.errstate(all="ignore"):
        ys = clipped(fn.f(xs), 1e12)
    artists["path"].set_data(xs, ys)
    artists["start"].set_data(xs[:1], ys[:1])
    artists["end"].set_data(xs[-1:], ys[-1:])


def show_iterates(ax, artists: dict, points, steps: int | None = None) -> None:
    """Move the x_k-against-k panel to a run's points and rescale it."""
    xs = clipped(points)
    k = np.arange(len(xs))
    artists["line"].set_data(k, xs)
    ax.set_xlim(-0.5, max(steps or 0, len(xs) - 1, 1) + 0.5)
    ax.set_ylim(*_span(np.append(xs, 0.0)))


def runs_1d(fn: F.TestFunction, runs, titles, xlim=XLIM_1D, size=None):
    """One column per run: the path on the curve (top) and x_k against k (bottom)."""
    n = len(runs)
    fig, axes = new_figure(ncols=n, nrows=2, size=size or (2.1 * n + 0.6, 4.6))
    axes = np.asarray(axes).reshape(2, n)
    longest = max(len(run.points) for run in runs) - 1
    for j, (run, title) in enumerate(zip(runs, titles, strict=True)):
        art = curve_axes(axes[0, j], fn, xlim)
        show_path_1d(art, fn, run.points)
        axes[0, j].set_title(_wrap(title, fig.get_figwidth() / n), fontsize=9)
        it = iterate_axes(axes[1, j], fn.global_minimum)
        show_iterates(axes[1, j], it, run.points, longest)
        axes[1, j].set_ylim(*_span(np.clip(run.points, -3, 3)))
        if j:
            axes[1, j].set_ylabel("")
    return fig


def gradient_arrows_1d(fn: F.TestFunction, xs, xlim=(-3.4, 3.4), size=(6.0, 3.0)):
    """f with the 1-D gradient at each x drawn as an arrow along the x axis: f'(x) i.

    The arrow starts at (x, f(x)) and has horizontal length f'(x) (scaled to fit), so it
    points right (+i) where f rises to the right and left (-i) where f rises to the left.
    """
    fig, ax = new_figure(size=size)
    curve_axes(ax, fn, xlim)
    xs = np.asarray(xs, dtype=float)
    g = fn.grad(xs)
    scale = 0.8 / max(np.max(np.abs(g)), 1e-12)
    ax.quiver(xs, fn.f(xs), g * scale, np.zeros_like(g), angles="xy", scale_units="xy",
              scale=1, color=COLORS["grad"], width=0.008, zorder=4)
    for x, gx in zip(xs, g, strict=True):
        ax.annotate(f"${gx:+g}\\,\\mathbf{{i}}$", (x, fn.f(x)), textcoords="offset points",
                    xytext=(0, 8), ha="center", fontsize=8)
    ax.set_title(_(r"the gradient $f'(x)\,\mathbf{i}$ points uphill "
                   r"(arrow length $\propto |f'(x)|$)"))
    return fig


def basins_figure(fn: F.TestFunction, starts, ends, size=(6.4, 3.0)):
    """The curve with each start point coloured by the minimum its run reached."""
    fig, ax = new_figure(size=size)
    curve_axes(ax, fn, (float(np.min(starts)), float(np.max(starts))))
    starts, ends = np.asarray(starts), np.asarray(ends)
    lo = ax.get_ylim()[0]
    names = (_("starts reaching the global minimum"), _("starts reaching the local minimum"))
    handles = []
    for j, m in enumerate(fn.minima):
        sel = ends == j
        handles.append(ax.scatter(starts[sel], np.full(sel.sum(), lo), s=14,
                                  marker=MINIMA_MARKERS[j], color=MINIMA_COLORS[j],
                                  clip_on=False, zorder=5,
                                  label=names[j]))
        ax.plot([m], [fn.f(m)], "*", ms=13, color=MINIMA_COLORS[j], zorder=6)
    ax.legend(handles=handles, fontsize=8, loc="upper center")
    ax.set_title(_("basins of attraction of plain gradient descent"))
    return fig


def endings_figure(fn: F.TestFunction, runs, title: str, size=(6.4, 3.0)):
    """Many runs' final points marked on the curve (coloured by the minimum they reached)."""
    fig, ax = new_figure(size=size)
    curve_axes(ax, fn)
    for run in runs:
        x = float(run.points[-1])
        if abs(x) > XLIM_1D[1]:
            continue
        j = nearest(x, fn.minima)
        ax.plot(run.points, fn.f(clipped(run.points)), color=MINIMA_COLORS[j], lw=0.5,
                alpha=0.15)
        ax.plot([x], [fn.f(x)], MINIMA_MARKERS[j], ms=8, color=MINIMA_COLORS[j], alpha=0.5,
                zorder=5)
    ax.set_title(title)
    return fig


# -- 2-D pieces --------------------------------------------------------------------------------
def levels_for(fn: F.TestFunction, view=VIEW_2D, count: int = 14,
               spacing: str = "log") -> np.ndarray:
    """Contour levels for fn over the view.

    spacing "log": evenly spaced in log(f - f_min), dense near the minimum, sparse far out
    (shows the path near the bottom). spacing "even": evenly spaced in f, so the curves crowd
    where f changes fastest, where the gradient is longest (the level spacing is about
    step / |gradient|).
    """
    if spacing not in ("log", "even"):
        raise ValueError(_("spacing must be 'log' or 'even', got {value!r}").format(value=spacing))
    Z = _grid(fn, view, 60)[2]
    fmin = float(fn.f(np.asarray(fn.global_minimum, dtype=float)))
    top = float(np.nanmax(Z)) - fmin
    if spacing == "even":
        return fmin + np.linspace(0.0, top, count + 1)[1:]
    return fmin + np.geomspace(max(top * 1e-4, 1e-2), top, count)


def _grid(fn, view, n):
    x = np.linspace(*view, n)
    X, Y = np.meshgrid(x, x)
    return X, Y, fn.f_xy(X, Y)


def _wrap(title: str, inches: float) -> str:
    """A panel title broken into lines that fit the panel (mathtext titles are left as they
    are: a line break inside $...$ would break the formula)."""
    if "$" in title:
        return title
    width = max(int(inches * 11), 12)
    return "\n".join(textwrap.fill(line, width) for line in title.split("\n"))


def runs_2d(fn, runs, titles, view=VIEW_2D, arrows: bool = False, size=None,
            spacing: str = "log", colorbar: bool = True):
    """One panel per run: the path on the contour map (with the gradient field if `arrows`).

    fn is one TestFunction for every panel, or a list with one per panel. A run is anything
    with `.points` of shape (k+1, 2) (a descent Path or a compass-search path). `spacing` is
    how the contour levels are spaced (see `levels_for`); `colorbar` adds a colour bar of f
    under each panel (the contour colours carry the values of f).
    """
    n = len(fn) if isinstance(fn, (list, tuple)) else max(len(runs), 1)
    fns = list(fn) if isinstance(fn, (list, tuple)) else [fn] * n
    fig, axes = new_figure(ncols=n, size=size or (3.0 * n, 3.5))
    # square panels: "compressed" is the constrained layout made for fixed-aspect axes (plain
    # constrained layout settles only after several draws, and a fresh figure's titles could
    # sit above its top edge, cut off in the picture)
    fig.set_layout_engine("compressed")
    axes = np.atleast_1d(axes)
    for j, ax in enumerate(axes):
        f = fns[j]
        cs = contour_2d(ax, f.f_xy, view, view, levels=levels_for(f, view, spacing=spacing),
                        n=120, linewidths=0.8)
        if colorbar:
            bar = fig.colorbar(cs, ax=ax, location="bottom", shrink=0.85, aspect=30, pad=0.02)
            bar.set_label(_("$f$ on the level curves"), fontsize=8)
            bar.ax.tick_params(labelsize=7)
            bar.set_ticks(cs.levels[::3])
            bar.ax.xaxis.set_major_formatter("{x:.3g}")
        if arrows:
            gradient_arrows(ax, f.grad, view, view, n=11, angles="xy", width=0.005)
        m = np.asarray(f.global_minimum)
        ax.plot(m[0], m[1], "*", color="black", ms=10, zorder=6)
        if j < len(runs):
            pts = clipped(runs[j].points).reshape(-1, 2)
            ax.plot(pts[:, 0], pts[:, 1], color=COLORS["path"], marker="o", ms=3, lw=1.0)
            ax.plot(pts[0, 0], pts[0, 1], "o", color=COLORS["start"], ms=7, zorder=5)
        panel = fig.get_figwidth() / len(axes)
        ax.set_title(_wrap(titles[j] if j < len(titles) else f.label, panel), fontsize=9)
        ax.set_xlabel("$x$")
    axes[0].set_ylabel("$y$")
    return fig


# -- the explorers -----------------------------------------------------------------------------
#: the 1-D explorer's two update rules: the value passed to `update`, and its label
GRADIENTS = {"raw": N_("raw"), "normalized": N_("normalized")}


class DescentExplorer1D(Explorer):
    """Gradient descent on f(x) = x^2: move lr past the stability limit and watch the regimes."""

    name = "descent_1d"
    function_key = "square"

    def make_controls(self):
        return {
            "lr": slider(_("learning rate lr"), 0.1, 0.01, 1.2, 0.01),
            "x0": slider(_("start x0"), 1.0, -2.0, 2.0, 0.05),
            "gradient": toggle(_("gradient"), translated_options(GRADIENTS, GRADIENTS), "raw"),
            "steps": int_slider(_("steps"), 20, 1, 60),
        }

    def make_figure(self):
        self.fn = F.get(self.function_key)
        fig, (self.ax, self.ax_it) = new_figure(ncols=2, size=(8.0, 3.375))
        self.curve = curve_axes(self.ax, self.fn)
        self.iterates = iterate_axes(self.ax_it, self.fn.global_minimum)
        self.ax_it.set_ylabel("")
        self.title = self.ax.set_title("", fontsize=9)
        self.title_it = self.ax_it.set_title("", fontsize=9)
        return fixed_layout(fig)

    def update(self, lr, x0, gradient, steps):
        normalize = gradient == "normalized"
        path = gradient_descent(self.fn.grad, x0, lr, steps=steps, normalize=normalize,
                                f=self.fn.f)
        self.path = path
        show_path_1d(self.curve, self.fn, path.points)
        show_iterates(self.ax_it, self.iterates, path.points, steps)
        limit = self.fn.lr_limit()
        self.title.set_text(_("{label}: {gradient} gradient, lr = {lr}").format(
            label=self.fn.label, gradient=_(GRADIENTS[gradient]), lr=f"{lr:.2f}"))
        # titles that change with every move: unicode, not mathtext (mathtext costs ~5 ms a
        # redraw when its text changes; static mathtext labels are cached and cheap)
        self.title_it.set_text(_("xₖ against k: {outcome}").format(outcome=outcome(path)))
        if normalize:
            how = _("unit gradient: every step has length lr = {lr}").format(lr=f"{lr:.2f}")
        else:
            how = _("raw gradient, {regime}; stable for lr < {limit}").format(
                regime=regime(lr, self.fn.max_curvature()), limit=f"{limit:g}")
        return _("{message}. ({how})").format(message=path.message, how=how)


class MinimaExplorer1D(Explorer):
    """Several minima: where does a run from x0 end, and can gradient noise change that?"""

    name = "several_minima"
    function_key = "two_minima"
    STEPS = 300

    def make_controls(self):
        return {
            "x0": slider(_("start x0"), 1.5, -2.0, 2.0, 0.05),
            "lr": slider(_("learning rate lr"), 0.05, 0.01, 0.2, 0.01),
            "noise": slider(_("gradient noise"), 0.0, 0.0, 16.0, 0.5, readout_format=".1f"),
            "seed": int_slider(_("seed"), 0, 0, 19),
        }

    def make_figure(self):
        self.fn = F.get(self.function_key)
        fig, (self.ax, self.ax_it) = new_figure(ncols=2, size=(8.0, 3.375))
        self.curve = curve_axes(self.ax, self.fn)
        self.curve["path"].set(marker="", lw=0.8, alpha=0.6)
        for j, m in enumerate(self.fn.minima):
            self.ax.plot([m], [self.fn.f(m)], MINIMA_MARKERS[j], color=MINIMA_COLORS[j], ms=9,
                         zorder=4)
        self.iterates = iterate_axes(self.ax_it)
        self.ax_it.set_ylabel("")
        self.ax_it.set_title(_("$x_k$ against $k$ (dotted: global min., dashed: local)"),
                             fontsize=9)
        self.iterates["line"].set(marker="", lw=1.0)
        for j, m in enumerate(self.fn.minima):
            self.ax_it.axhline(m, color=MINIMA_COLORS[j], lw=0.8, ls=(":", "--")[j])
        self.title = self.ax.set_title("", fontsize=9)
        return fixed_layout(fig)

    def update(self, x0, lr, noise, seed):
        path = noisy_gradient_descent(self.fn.grad, x0, lr, noise=noise, steps=self.STEPS,
                                      seed=seed)
        self.path = path
        show_path_1d(self.curve, self.fn, path.points)
        show_iterates(self.ax_it, self.iterates, path.points, self.STEPS)
        self.ax_it.set_ylim(-2.6, 2.6)
        self.title.set_text(_("{label}: noise {noise}, seed {seed}").format(
            label=self.fn.label, noise=f"{noise:.1f}", seed=seed))
        if path.status == "diverged":
            return _("{message}: lr = {lr} is too large here").format(message=path.message,
                                                                     lr=f"{lr:.2f}")
        x = path.x
        j = nearest(x, self.fn.minima)
        where = _("the global minimum") if j == 0 else _("the local (not global) minimum")
        if abs(x - self.fn.minima[j]) > 0.05:
            where = _("near {where} but not settled").format(where=where)
        return _("ended at x = {x}, f = {f}: {where} (x* = {x_star}) after {steps} steps").format(
            x=f"{x:.3f}", f=f"{self.fn.f(x):.3f}", where=where,
            x_star=f"{self.fn.minima[j]:.3f}", steps=self.STEPS)


#: the 2-D explorer's functions: the chooser's value (its English label) and the catalogue key
CHOICES_2D = {
    N_("round bowl x² + y²"): "bowl",
    N_("ill-conditioned x² + 10y²"): "narrow_bowl",
    N_("rotated valley"): "valley",
    N_("Rosenbrock"): "rosenbrock",
}


class DescentExplorer2D(Explorer):
    """Gradient descent on a chosen surface: start point, lr and steps; contours and loss."""

    name = "descent_2d"

    def make_controls(self):
        return {
            # the shown label is translated, the value stays the English label
            "function": dropdown("f(x, y) =", translated_options(CHOICES_2D),
                                 "round bowl x² + y²"),
            "x0": slider(_("start x0"), -5.0, -5.0, 5.0, 0.25),
            "y0": slider(_("start y0"), -5.0, -5.0, 5.0, 0.25),
            "lr": slider(_("learning rate lr"), 0.5, 0.001, 1.1, 0.001, readout_format=".3f"),
            "steps": int_slider(_("steps"), 50, 5, 300, 5),
        }

    def make_figure(self):
        fig, (self.ax, self.ax_loss) = new_figure(ncols=2, size=(8.0, 3.375))
        self.fns = {label: F.get(key) for label, key in CHOICES_2D.items()}
        self.contours, self.marks = {}, {}
        for label, fn in self.fns.items():
            cs = contour_2d(self.ax, fn.f_xy, VIEW_2D, VIEW_2D, levels=levels_for(fn), n=90,
                            linewidths=0.7)
            m = np.asarray(fn.global_minimum)
            (self.marks[label],) = self.ax.plot(m[0], m[1], "*", color="black", ms=10,
                                                zorder=6)
            self.contours[label] = cs
        (self.path_line,) = self.ax.plot([], [], color=COLORS["path"], marker="o", ms=3,
                                         lw=1.0, zorder=4)
        (self.start,) = self.ax.plot([], [], "o", color=COLORS["start"], ms=7, zorder=5)
        self.ax.set_xlabel("$x$")
        self.ax.set_ylabel("$y$")
        self.title = self.ax.set_title("", fontsize=9)
        (self.loss_line,) = self.ax_loss.plot([], [], color=COLORS["path"], lw=1.2)
        self.ax_loss.set_yscale("log")
        self.ax_loss.yaxis.set_minor_locator(NullLocator())
        self.ax_loss.yaxis.set_major_locator(LogLocator(numticks=5))
        self.ax_loss.set_xlabel(_("iteration $k$"))
        self.title_loss = self.ax_loss.set_title("", fontsize=9)
        fixed_layout(fig, left=0.02, right=0.98, wspace=0.15)
        self.ax.yaxis.set_label_coords(-0.2, 0.5)  # the square contour panel is narrow
        # a slim colour bar right of the square contour panel, one per function in the same
        # place (only the chosen one is shown): the contour colours carry the values of f
        self.ax.apply_aspect()
        box = self.ax.get_position()
        self.bars = {}
        for label, cs in self.contours.items():
            cax = fig.add_axes((box.x1 + 0.012, box.y0, 0.012, box.height))
            bar = fig.colorbar(cs, cax=cax)
            for lines in bar.lines:          # the level colours, thick enough to see
                lines.set_linewidths(3.0)
            bar.set_ticks(cs.levels[::4])
            bar.ax.yaxis.set_major_formatter(
                lambda v, _pos: f"{v:.2g}".replace("e+0", "e").replace("e+", "e"))
            bar.ax.yaxis.set_minor_locator(NullLocator())
            bar.ax.tick_params(labelsize=8, length=2, pad=1)
            bar.ax.set_title("$f$", fontsize=9)
            # drawn first: a static bar then stays in the cached background even where
            # its tick margin touches the panel beside it, whose artists move
            bar.ax.set_zorder(-1)
            self.bars[label] = bar
        return fig

    def update(self, function, x0, y0, lr, steps):
        fn = self.fns[function]
        for label in self.fns:
            self.contours[label].set_visible(label == function)
            self.marks[label].set_visible(label == function)
            self.bars[label].ax.set_visible(label == function)
        path = gradient_descent(fn.grad, np.array([x0, y0]), lr, steps=steps, f=fn.f)
        self.path = path
        pts = clipped(path.points)
        self.path_line.set_data(pts[:, 0], pts[:, 1])
        self.start.set_data(pts[:1, 0], pts[:1, 1])
        fmin = float(fn.f(np.asarray(fn.global_minimum, dtype=float)))
        gap = np.clip(np.nan_to_num(path.values - fmin, nan=1e12, posinf=1e12), 1e-16, 1e12)
        self.loss_line.set_data(np.arange(len(gap)), gap)
        self.ax_loss.set_xlim(0, max(steps, 1))
        lo, hi = float(gap.min()), float(gap.max())
        self.ax_loss.set_ylim(max(lo / 3, 1e-16), max(hi * 3, lo * 10, 1e-12))
        limit = fn.lr_limit()
        self.title.set_text(f"{fn.label}")
        self.title_loss.set_text(_("f(xₖ) − min f: {outcome}").format(outcome=outcome(path)))
        if lr < limit:       # unicode title: see 1-D
            text = _("{message}. lr = {lr} is below the stability limit "
                     "2 / (largest curvature at the minimum) = {limit}")
        else:
            text = _("{message}. lr = {lr} is ABOVE the stability limit "
                     "2 / (largest curvature at the minimum) = {limit}")
        return text.format(message=path.message, lr=f"{lr:.3f}", limit=f"{limit:.3g}")


def surface_with_path(fn: F.TestFunction, run, view=(-5.5, 5.5), size=(5.0, 3.8)):
    """The surface z = f(x, y) in 3-D with a descent path drawn on it."""
    from ..plotting import surface_3d

    fig, ax = new_figure(size=size, projection="3d")
    ax.computed_zorder = False  # draw the path over the surface, not hidden inside it
    surface_3d(ax, fn.f_xy, view, view, n=50, alpha=0.5, zorder=1)
    pts = clipped(run.points).reshape(-1, 2)
    z = fn.f(pts.T)
    ax.plot(pts[:, 0], pts[:, 1], z, color=COLORS["path"], marker="o", ms=3, lw=1.5, zorder=10)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.set_zlabel("$f(x, y)$")
    ax.set_title(fn.label, fontsize=10)
    ax.view_init(elev=35, azim=-60)
    return fig
