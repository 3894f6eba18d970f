"""Lesson 11: optimizers on 2-D surfaces; the explorer and the lesson's static figures.

    OptimizerExplorer          optimizer chooser (momentum / Nesterov / RMSprop / Adam), lr,
                               momentum (beta1), start point, on the narrow valley, the rotated
                               valley and Rosenbrock: path on the contours; f - f_min and the
                               error along each eigendirection (quadratics) against iteration
                               (log scale); the status in words
    paths_and_errors(fn, runs, labels)
                               paths on the contours beside their per-eigendirection errors
    digits_curves(runs, ...)   validation accuracy (and learning rate) against epoch
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import LogLocator, NullLocator

from .. import functions as F
from ..i18n import N_, _
from ..optimizers import SGD, Adam, RMSprop, eigen_errors, minimize, momentum_factor
from ..plotting import COLORS, CYCLE, clipped, contour_2d, new_figure
from ..widgets import Explorer, dropdown, fixed_layout, slider, translated_options
from .descent import VIEW_2D, levels_for

STATIC_DPI = 110
FLOOR, CEILING = 1e-16, 1e12  # what the log panels can show
DIRECTION_STYLES = ("-", "--")  # smallest curvature solid, largest dashed


def _gap_series(values):
    """Positive, finite numbers for a log axis: nan/inf (a diverged run) drawn at the top."""
    v = np.nan_to_num(np.asarray(values, dtype=float), nan=CEILING, posinf=CEILING)
    return np.clip(v, FLOOR, CEILING)


def _log_axes(ax, ylabel: str) -> None:
    ax.set_yscale("log")
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_locator(LogLocator(numticks=5))
    ax.set_xlabel(_("iteration $k$"))
    ax.set_ylabel(ylabel)


# -- static figures ------------------------------------------------------------------------
def paths_and_errors(fn: F.TestFunction, runs, labels, view=VIEW_2D, yview=None,
                     size=(9.0, 3.6), title: str = "", path_steps: int | None = None):
    """Left: every run's path on the contours of fn (its first `path_steps` steps when
    given). Right: |error| along each eigendirection of fn's Hessian against k (log scale):
    one colour per run, solid for the flattest direction, dashed for the steepest.
    `yview` (default: `view`) stretches y."""
    fig, (ax, ax_err) = new_figure(ncols=2, size=size, dpi=STATIC_DPI)
    yview = view if yview is None else yview
    if yview == view:
        levels = levels_for(fn, view)
    else:
        x, y = np.meshgrid(np.linspace(*view, 60), np.linspace(*yview, 60))
        fmin = float(fn.f(np.asarray(fn.global_minimum, dtype=float)))
        top = float(np.max(fn.f_xy(x, y))) - fmin
        levels = fmin + np.geomspace(top * 1e-4, top, 14)
    contour_2d(ax, fn.f_xy, view, yview, levels=levels, n=120, linewidths=0.7)
    if yview != view:
        ax.set_aspect("auto")
    m = np.asarray(fn.global_minimum, dtype=float)
    ax.plot(m[0], m[1], "*", color="black", ms=10, zorder=6)
    H = fn.hessian(m)
    lam = np.linalg.eigvalsh(H)
    for j, (run, label) in enumerate(zip(runs, labels, strict=True)):
        color = CYCLE[j % len(CYCLE)]
        pts = clipped(run.points)[: None if path_steps is None else path_steps + 1]
        ax.plot(pts[:, 0], pts[:, 1], color=color, marker="o", ms=2.5, lw=1.0, label=label)
        errors = eigen_errors(run.points, H, m)
        for d in range(errors.shape[1]):
            ax_err.plot(_gap_series(errors[:, d]), color=color, ls=DIRECTION_STYLES[d % 2],
                        lw=1.3)
    ax.plot(*clipped(runs[0].points)[0], "o", color=COLORS["start"], ms=7, zorder=5)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.legend(fontsize=7, loc="lower right")
    ax.set_title(title or fn.label, fontsize=9)
    _log_axes(ax_err, _("error along each eigendirection"))
    ax_err.set_title(_("solid: curvature $\\lambda$ = {low:g}, dashed: $\\lambda$ = {high:g}")
                     .format(low=lam[0], high=lam[-1]), fontsize=9)
    return fig


def digits_curves(runs: dict, n_val: int, target: float = 0.97, lrs: dict | None = None,
                  size=(9.0, 3.4)):
    """Validation accuracy (right answers out of n_val, as %) against epoch for each run, the
    target as a dotted line; with `lrs`, a left panel of each run's learning rate."""
    ncols = 2 if lrs else 1
    fig, axes = new_figure(ncols=ncols, size=size, dpi=STATIC_DPI)
    axes = np.atleast_1d(axes)
    ax = axes[-1]
    for j, (label, right) in enumerate(runs.items()):
        right = np.asarray(right)
        epochs = np.arange(1, len(right) + 1)
        ax.plot(epochs, 100.0 * right / n_val, color=CYCLE[j % len(CYCLE)], lw=1.3,
                label=label)
        if lrs:
            axes[0].plot(epochs, lrs[label], color=CYCLE[j % len(CYCLE)], lw=1.5, label=label)
    ax.axhline(100 * target, color=COLORS["muted"], ls=":", lw=1.0)
    ax.set_ylim(85, 100)
    ax.set_xlabel(_("epoch"))
    ax.set_ylabel(_("validation accuracy (%, {n} images)").format(n=n_val))
    ax.legend(fontsize=7, loc="lower right")
    if lrs:
        axes[0].set_xlabel(_("epoch"))
        axes[0].set_ylabel(_("learning rate"))
        axes[0].set_title(_("the schedules"), fontsize=9)
    return fig


# -- the explorer --------------------------------------------------------------------------
# The choosers' options: the English name is the value (what code passes); the chooser shows
# it in the current language, and `explorer_status` accepts either.
FUNCTIONS = {
    N_("valley x² + 10y²"): "narrow_bowl",
    N_("rotated valley"): "valley",
    "Rosenbrock": "rosenbrock",
}
OPTIMIZERS = (N_("momentum (heavy ball)"), N_("Nesterov momentum"), "RMSprop", "Adam")


def _option(name: str, value, options) -> str:
    """The English option meant by `value`: itself, or its translation in the current
    language (as the chooser shows it)."""
    for option in options:
        if value == option or value == _(option):
            return option
    allowed = ", ".join(repr(_(option)) for option in options)
    raise ValueError(_("{name} must be one of {allowed}; got {value}").format(
        name=name, allowed=allowed, value=f"{value!r:.60}"))


STEPS = 150
BOUND = 1e6


def make_optimizer(choice: str, lr: float, momentum: float):
    """The optimizer a chooser position stands for, and a note on how the momentum slider is
    used (momentum mu for SGD, beta1 for Adam, unused by RMSprop)."""
    choice = _option("optimizer", choice, OPTIMIZERS)
    if choice == OPTIMIZERS[0]:
        note = (_("plain gradient descent (μ = 0)") if momentum == 0
                else f"μ = {momentum:.2f}")
        return SGD(lr, momentum=momentum), note
    if choice == OPTIMIZERS[1]:
        if momentum == 0:  # Nesterov needs a momentum; at 0 it is plain descent
            return SGD(lr), _("Nesterov with μ = 0 is plain gradient descent")
        return SGD(lr, momentum=momentum, nesterov=True), f"μ = {momentum:.2f}"
    if choice == OPTIMIZERS[2]:
        return RMSprop(lr), _("RMSprop has no momentum term: the μ / β₁ slider is not used")
    return Adam(lr, betas=(momentum, 0.999)), f"β₁ = {momentum:.2f}, β₂ = 0.999"


def explorer_status(function: str, optimizer: str, lr: float, momentum: float, x0: float,
                    y0: float, steps: int = STEPS) -> tuple[str, object]:
    """The explorer's status line for these slider values, and the run it describes (a pure
    function: the notebook prints it for the lesson's values, the tests sweep it)."""
    fn = F.get(FUNCTIONS[_option("function", function, FUNCTIONS)])
    optimizer = _option("optimizer", optimizer, OPTIMIZERS)
    opt, note = make_optimizer(optimizer, lr, momentum)
    path = minimize(fn.grad, np.array([x0, y0]), opt, steps=steps, bound=BOUND)
    text = _("{optimizer}: {message}. ({note})").format(optimizer=repr(opt),
                                                          message=path.message, note=note)
    if fn.key != "rosenbrock" and optimizer in OPTIMIZERS[:2]:
        lam = np.linalg.eigvalsh(fn.hessian(None))
        if momentum == 0:
            factors = [abs(1.0 - lr * v) for v in lam]
        else:
            factors = [momentum_factor(v, lr, momentum, nesterov=optimizer == OPTIMIZERS[1])
                       for v in lam]
        worst = max(factors)
        verdict = (_("shrinks") if worst < 1 else _("grows: divergence") if worst > 1
                   else _("keeps its size"))
        # TRANSLATORS: joins the two curvatures, and the two factors: "2 and 20"
        joined = _(" and ")
        text += _(" In the long run each step multiplies the error along the eigendirections "
                  "(curvature {curvatures}) by {factors}: along the worse one it {verdict}."
                  ).format(curvatures=joined.join(f"{v:g}" for v in lam),
                           factors=joined.join(f"{c:.3f}" for c in factors), verdict=verdict)
    return text, path


class OptimizerExplorer(Explorer):
    """Momentum, Nesterov, RMSprop and Adam on a valley, a rotated valley and Rosenbrock."""

    name = "optimizers"

    def make_controls(self):
        return {
            "function": dropdown("f(x, y) =", translated_options(FUNCTIONS), "valley x² + 10y²"),
            "optimizer": dropdown(_("optimizer"), translated_options(OPTIMIZERS), OPTIMIZERS[0]),
            "lr": slider(_("learning rate lr"), 0.115, 0.001, 1.0, 0.001,
                         readout_format=".3f"),
            "momentum": slider(_("momentum μ / β₁"), 0.27, 0.0, 0.99, 0.01),
            "x0": slider(_("start x0"), -5.0, -5.0, 5.0, 0.25),
            "y0": slider(_("start y0"), -2.0, -5.0, 5.0, 0.25),
        }

    def make_figure(self):
        fig, (self.ax, self.ax_loss) = new_figure(ncols=2, size=(8.6, 3.4))
        self.fns = {label: F.get(key) for label, key in FUNCTIONS.items()}
        self.layers = {}
        for label, fn in self.fns.items():
            cs = contour_2d(self.ax, fn.f_xy, VIEW_2D, VIEW_2D, levels=levels_for(fn), n=90,
                            linewidths=0.7)
            m = np.asarray(fn.global_minimum)
            (mark,) = self.ax.plot(m[0], m[1], "*", color="black", ms=10, zorder=6)
            self.layers[label] = (cs, mark)
        (self.path_line,) = self.ax.plot([], [], color=COLORS["path"], marker="o", ms=2.5,
                                         lw=1.0, zorder=4)
        (self.start,) = self.ax.plot([], [], "o", color=COLORS["start"], ms=7, zorder=5)
        self.ax.set_xlabel("$x$")
        self.ax.set_ylabel("$y$")
        self.title = self.ax.set_title("", fontsize=9)
        # one log panel: f - f_min, and the error along each eigendirection (quadratics)
        # (the key is the title, in plain text, not a legend: a legend costs a quarter of
        # every redraw, and mathtext in the title another tenth)
        (self.loss_line,) = self.ax_loss.plot([], [], color=COLORS["path"], lw=1.4)
        self.err_lines = [self.ax_loss.plot([], [], color=COLORS["curve"], ls=style,
                                            lw=1.2)[0] for style in DIRECTION_STYLES]
        _log_axes(self.ax_loss, "")
        self.title_loss = self.ax_loss.set_title("", fontsize=8)
        fixed_layout(fig, left=0.02, right=0.98, top=0.86, wspace=0.15)
        self.ax.yaxis.set_label_coords(-0.2, 0.5)
        return fig

    def update(self, function, optimizer, lr, momentum, x0, y0):
        fn = self.fns[function]
        for label, (cs, mark) in self.layers.items():
            cs.set_visible(label == function)
            mark.set_visible(label == function)
        status, path = explorer_status(function, optimizer, lr, momentum, x0, y0)
        self.path = path
        pts = clipped(path.points)
        self.path_line.set_data(pts[:, 0], pts[:, 1])
        self.start.set_data(pts[:1, 0], pts[:1, 1])
        m = np.asarray(fn.global_minimum, dtype=float)
        with np.errstate(all="ignore"):
            gap = _gap_series(fn.f(path.points.T) - fn.f(m))
        k = np.arange(len(gap))
        self.loss_line.set_data(k, gap)
        self.ax_loss.set_xlim(0, STEPS)
        self.title.set_text(_("{function}: {status}").format(function=fn.label,
                                                               status=_(path.status)))
        shown = [gap]
        if fn.key == "rosenbrock":
            for line in self.err_lines:
                line.set_data([], [])
            self.title_loss.set_text(_("f(xₖ) − min f (orange), log scale\n(no error per "
                                       "eigendirection: f is not a quadratic)"))
        else:
            H = fn.hessian(m)
            errors = _gap_series(eigen_errors(path.points, H, m))
            lam = np.linalg.eigvalsh(H)
            for d, line in enumerate(self.err_lines):
                line.set_data(k, errors[:, d])
            shown.append(errors.ravel())
            self.title_loss.set_text(_("f(xₖ) − min f (orange) and |error| along the "
                                       "eigendirections,\nλ = {low:g} (blue) and λ = "
                                       "{high:g} (blue, dashed), log scale").format(
                                           low=lam[0], high=lam[-1]))
        values = np.concatenate(shown)
        self.ax_loss.set_ylim(max(values.min() / 3, FLOOR),
                              max(values.max() * 3, values.min() * 10))
        return status
