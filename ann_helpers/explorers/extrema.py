"""Lesson 01: the tangent line and the sign of the slope; the two-variable test functions.

`TangentExplorer` moves the point of tangency a along a curve and draws the tangent line
y = f(a) + f'(a) (x - a). The curve is drawn solid vermillion where f falls (f' < 0) and
dotted blue where it rises (f' > 0), so the sign table can be read off the picture (colour and
line style both say it: never colour alone). The status says the slope's
sign and, at a stationary point, whether f' changes sign there (the sign-table test); at a
corner (|x| at 0) it gives the two one-sided slopes instead.

`two_variable_figure` draws the contour maps of the lesson's two-variable functions with
their stationary points marked by kind.
"""

from __future__ import annotations

import numpy as np
import sympy as sp
from matplotlib.ticker import MaxNLocator

from .. import calculus, validate
from ..i18n import N_, _
from ..plotting import COLORS, OKABE_ITO, contour_2d, new_figure, surface_3d
from ..widgets import Explorer, dropdown, slider

x_sym = sp.Symbol("x", real=True)
y_sym = sp.Symbol("y", real=True)

#: the curves the explorer offers, label -> sympy expression in x
FUNCTIONS = {
    "x^2 + 3x": x_sym**2 + 3 * x_sym,
    "x^3": x_sym**3,
    "|x|": sp.Abs(x_sym),
    "x^3 - 3x": x_sym**3 - 3 * x_sym,
}
#: the same formulas as the figure shows them (unicode, not mathtext: this text changes with
#: every slider move, and changing mathtext costs ~5 ms a redraw)
SHOWN = {"x^2 + 3x": "x² + 3x", "x^3": "x³", "|x|": "|x|", "x^3 - 3x": "x³ − 3x"}
#: points where a curve has no derivative (a corner): the slope differs left and right
KINKS = {"|x|": (0.0,)}

XLIM = (-3.0, 3.0)
STEP = 0.05
HALF_WIDTH = 1.2  # the tangent is drawn over [a - HALF_WIDTH, a + HALF_WIDTH]
FALLING, RISING = OKABE_ITO["vermillion"], OKABE_ITO["blue"]
FALLING_STYLE, RISING_STYLE = "-", (0, (1, 1))   # solid, dotted: a second cue besides colour
KEY = N_("solid vermillion: f falls, dotted blue: f rises")


def _curve(expr):
    """f, f', f'' as numpy functions (f'' is None where it has no meaning, as for |x|)."""
    f = sp.lambdify(x_sym, expr, "numpy")
    df = sp.lambdify(x_sym, sp.diff(expr, x_sym), "numpy")
    d2 = sp.diff(expr, x_sym, 2)
    d2f = None if d2.has(sp.DiracDelta) else sp.lambdify(x_sym, d2, "numpy")
    return f, df, d2f


def _widen(mask: np.ndarray) -> np.ndarray:
    """The mask and its neighbours on both sides."""
    out = mask.copy()
    out[1:] |= mask[:-1]
    out[:-1] |= mask[1:]
    return out


def _limits(values, pad=0.08):
    lo, hi = float(np.min(values)), float(np.max(values))
    span = max(hi - lo, 1.0)
    return lo - pad * span, hi + pad * span


class _Curve:
    """One function, precomputed on the plotting grid (none of this depends on a slider)."""

    def __init__(self, label: str, xs: np.ndarray):
        self.label = label
        self.f, self.df, self.d2f = _curve(FUNCTIONS[label])
        self.kinks = KINKS.get(label, ())
        self.ys = np.asarray(self.f(xs), dtype=float) * np.ones_like(xs)
        slopes = np.asarray(self.df(xs), dtype=float) * np.ones_like(xs)
        for k in self.kinks:  # no slope at a corner: leave a gap in the slope curve
            slopes[np.abs(xs - k) < 1e-9] = np.nan
        # the curve in two colours; each part takes one grid point more at its ends, so that
        # the two parts meet where the slope changes sign (and at a corner)
        corner = np.isnan(slopes)
        self.falling = np.where(_widen((slopes <= 0) | corner), self.ys, np.nan)
        self.rising = np.where(_widen((slopes >= 0) | corner), self.ys, np.nan)
        self.ylim = _limits(self.ys)

    def slope(self, a: float) -> float:
        return float(self.df(a))

    def one_sided(self, a: float, h: float = 1e-6) -> tuple[float, float]:
        """(slope from the left, slope from the right) by one-sided difference quotients."""
        fa = float(self.f(a))
        return (fa - float(self.f(a - h))) / h, (float(self.f(a + h)) - fa) / h


def _sign(value: float) -> str:
    return "0" if abs(value) < 1e-9 else ("+" if value > 0 else "-")


def _verdict(left: str, right: str) -> str:
    """The sign-table test: how f' changes sign across a candidate point."""
    if left == "-" and right == "+":
        return _("f' changes from - to +: a minimum")
    if left == "+" and right == "-":
        return _("f' changes from + to -: a maximum")
    return _("f' is {sign} on both sides: no extremum").format(sign=left)


class TangentExplorer(Explorer):
    """Slide the point of tangency a along the curve; watch the tangent and the slope's sign."""

    name = "tangent"

    def make_controls(self):
        return {
            "function": dropdown("f(x) =", list(FUNCTIONS), "x^2 + 3x"),
            "x": slider(_("point of tangency a"), -2.5, XLIM[0], XLIM[1], STEP),
        }

    def make_figure(self):
        self._xs = np.linspace(XLIM[0], XLIM[1], 241)
        self._curves = {label: _Curve(label, self._xs) for label in FUNCTIONS}
        fig, ax = new_figure(size=(8.0, 3.375))
        # fixed margins instead of a layout engine: a slider move redraws once, not twice
        fig.set_layout_engine(None)
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.14, top=0.96)
        (self._fall,) = ax.plot([], [], color=FALLING, lw=2.5, ls=FALLING_STYLE)
        (self._rise,) = ax.plot([], [], color=RISING, lw=3.0, ls=RISING_STYLE)
        (self._tangent,) = ax.plot([], [], color=COLORS["grad"], lw=2, ls="--")
        (self._point,) = ax.plot([], [], "o", color="black", ms=7, zorder=5)
        self._slope_text = ax.text(0.02, 0.95, "", transform=ax.transAxes, va="top",
                                   fontsize=10, zorder=6,
                                   bbox={"fc": "white", "ec": "none", "alpha": 0.85})
        ax.set_xlim(*XLIM)
        ax.set_xticks(np.arange(XLIM[0], XLIM[1] + 0.5))
        ax.yaxis.set_major_locator(MaxNLocator(5))
        ax.set_xlabel("$x$")
        self._ax = ax
        return fig

    def update(self, function, x):
        curve = self._curves[function]
        a = round(float(x), 6) + 0.0  # slider positions are multiples of STEP; no -0.0
        fa = float(curve.f(a))
        self._fall.set_data(self._xs, curve.falling)
        self._rise.set_data(self._xs, curve.rising)
        self._ax.set_ylim(*curve.ylim)
        self._point.set_data([a], [fa])

        left_x = np.array([a - HALF_WIDTH, a])
        right_x = np.array([a, a + HALF_WIDTH])
        if any(abs(a - k) < 1e-9 for k in curve.kinks):
            left, right = curve.one_sided(a)
            # two half-lines: the slope seen from each side
            self._tangent.set_data(np.r_[left_x, np.nan, right_x],
                                   np.r_[fa + left * (left_x - a), np.nan,
                                         fa + right * (right_x - a)])
            self._slope_text.set_text(_("f(x) = {f}\nf′({a:.2f}) does not exist\n{key}").format(
                f=SHOWN[function], a=a, key=_(KEY)))
            return _("a = {a:.2f}: no derivative here (a corner): slope {left:+.2f} from the "
                     "left, {right:+.2f} from the right; {verdict} without a derivative").format(
                         a=a, left=left, right=right, verdict=_verdict(_sign(left), _sign(right)))

        slope = curve.slope(a)
        xs = np.r_[left_x, right_x[1:]]
        self._tangent.set_data(xs, fa + slope * (xs - a))
        self._slope_text.set_text(_("f(x) = {f}\nf′({a:.2f}) = {slope:+.2f}\n{key}").format(
            f=SHOWN[function], a=a, slope=slope, key=_(KEY)))
        if _sign(slope) == "-":
            return _("a = {a:.2f}: slope f'(a) = {slope:.2f} < 0: f falls here, "
                     "so a step to the right lowers f").format(a=a, slope=slope)
        if _sign(slope) == "+":
            return _("a = {a:.2f}: slope f'(a) = {slope:.2f} > 0: f rises here, "
                     "so a step to the left lowers f").format(a=a, slope=slope)
        before = _sign(curve.slope(a - STEP))
        after = _sign(curve.slope(a + STEP))
        d2 = float(curve.d2f(a)) if curve.d2f is not None else float("nan")
        return _("a = {a:.2f}: f'(a) = 0, a stationary point (駐點); f''(a) = {d2:.2f}; "
                 "{verdict}").format(a=a, d2=d2, verdict=_verdict(before, after))


# -- the two-variable figure ------------------------------------------------------------------
MARKERS = {"minimum": ("o", OKABE_ITO["blue"]), "maximum": ("^", OKABE_ITO["vermillion"]),
           "saddle": ("X", OKABE_ITO["orange"]), "inconclusive": ("s", COLORS["muted"])}
#: the kinds as the legend names them (calculus.classify_point returns the English code words)
KIND_NAMES = {"minimum": N_("minimum"), "maximum": N_("maximum"), "saddle": N_("saddle"),
              "inconclusive": N_("inconclusive")}


def two_variable_figure(cases, lim: float = 2.0):
    """Contour maps of f(x, y) for each (label, expr) in `cases`, on [-lim, lim]^2, with the
    stationary points (solutions of grad f = 0) marked by their kind."""
    cases = list(cases)
    if not cases:
        raise ValueError(_("cases must hold at least one (label, expr) pair"))
    lim = validate.positive("lim", lim, high=100.0)
    fig, axes = new_figure(ncols=len(cases), size=(3.0 * len(cases), 3.1))
    axes = np.atleast_1d(axes)
    seen = set()
    for ax, (label, expr) in zip(axes, cases, strict=True):
        f = sp.lambdify((x_sym, y_sym), expr, "numpy")
        cs = contour_2d(ax, f, (-lim, lim), (-lim, lim), levels=14, n=100, linewidths=1)
        bar = fig.colorbar(cs, ax=ax, location="right", shrink=0.8, aspect=25, pad=0.02)
        bar.ax.tick_params(labelsize=7)
        for point in calculus.stationary_points(expr, [x_sym, y_sym]):
            kind = calculus.classify_point(expr, [x_sym, y_sym], point)
            marker, color = MARKERS[kind]
            ax.plot(float(point[x_sym]), float(point[y_sym]), marker, color=color, ms=10,
                    mec="black", label=None if kind in seen else _(KIND_NAMES[kind]), zorder=5)
            seen.add(kind)
        ax.set_title(_("$f = {label}$ (colours: $f$)").format(label=label), fontsize=9)
        ax.set_xlabel("$x$")
        ax.set_ylabel("$y$", labelpad=0)
    fig.legend(loc="outside lower center", ncols=len(seen), frameon=False)
    return fig


def two_variable_surfaces(cases, lim: float = 2.0):
    """The same functions as 3-D surfaces z = f(x, y), stationary points marked by kind."""
    cases = list(cases)
    if not cases:
        raise ValueError(_("cases must hold at least one (label, expr) pair"))
    lim = validate.positive("lim", lim, high=100.0)
    fig, axes = new_figure(ncols=len(cases), size=(2.6 * len(cases), 2.9), projection="3d",
                           computed_zorder=False)
    axes = np.atleast_1d(axes)
    for ax, (label, expr) in zip(axes, cases, strict=True):
        f = sp.lambdify((x_sym, y_sym), expr, "numpy")
        surface_3d(ax, f, (-lim, lim), (-lim, lim), n=40, alpha=0.75, linewidth=0,
                   antialiased=False, zorder=1)
        for point in calculus.stationary_points(expr, [x_sym, y_sym]):
            kind = calculus.classify_point(expr, [x_sym, y_sym], point)
            marker, color = MARKERS[kind]
            px, py = float(point[x_sym]), float(point[y_sym])
            ax.scatter([px], [py], [float(f(px, py))], marker=marker, color=color, s=70,
                       edgecolors="black", depthshade=False, zorder=5)
        ax.set_title(f"$f = {label}$", fontsize=10)
        ax.set_xlabel("$x$", labelpad=-8)
        ax.set_ylabel("$y$", labelpad=-8)
        ax.tick_params(labelsize=7, pad=-2)
        ax.view_init(elev=28, azim=-60)
    return fig
