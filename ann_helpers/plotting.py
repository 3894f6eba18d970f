"""Figures and the shared drawing helpers (plotting plumbing, kept out of the lessons).

Figures are plain matplotlib `Figure` objects with an Agg canvas, not pyplot figures: nothing
is shown by accident, nothing leaks, and an explorer can redraw the same figure many times.
Show one in a notebook with `show(fig)`; explorers turn it into PNG bytes with `png(fig)`.

The drawing helpers follow one pattern: they take an Axes and return the artists they made,
so an explorer can later move those artists (`line.set_data(...)`) instead of drawing again.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import numpy as np
from cycler import cycler
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .i18n import N_, _

# One palette for the course, colour-blind safe: the Okabe-Ito colours (Okabe & Ito, "Color
# Universal Design", 2002). Roles first (the function, the path, the start, the end,
# gradients, right/wrong answers), then the eight named colours for anything else. Where two
# roles must be told apart (right/wrong, start/end), pair the colour with a second cue
# (marker shape, line style or a label): never colour alone.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
COLORS = {
    "curve": OKABE_ITO["blue"],
    "path": OKABE_ITO["vermillion"],
    "start": OKABE_ITO["green"],
    "end": OKABE_ITO["vermillion"],
    "grad": OKABE_ITO["orange"],
    "muted": "#8a8a8a",
    "right": OKABE_ITO["blue"],        # with a round marker
    "wrong": OKABE_ITO["vermillion"],  # with a cross marker
}
#: the order for several lines in one axes (matplotlib's default cycle is not colour-blind safe)
CYCLE = [OKABE_ITO[k] for k in ("blue", "vermillion", "green", "orange", "purple", "sky",
                                "yellow", "black")]
STYLE = {
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.prop_cycle": cycler(color=CYCLE),
}
#: the resolution of every static figure `show` displays (readable text, sharp lines); live
#: explorers keep the figure's own dpi so that a slider move stays fast
STATIC_DPI = 110

#: CJK fonts that carry Traditional Chinese, in the order they are preferred: Noto Sans CJK
#: (Debian's fonts-noto-cjk, Binder's apt.txt), the Windows, macOS and Android/ChromeOS system
#: fonts, then WenQuanYi (Debian's small fonts-wqy-microhei, which CI installs)
CJK_FONTS = ("Noto Sans CJK TC", "Source Han Sans TC", "Microsoft JhengHei", "PingFang TC",
             "Heiti TC", "Noto Sans TC", "Noto Sans CJK SC", "Noto Sans CJK JP",
             "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "AR PL UMing TW", "Microsoft YaHei",
             "SimHei", "Arial Unicode MS")
#: the font of the English figures, and the fallback of the Chinese ones
LATIN_FONT = "DejaVu Sans"
NO_CJK_FONT = N_(
    "No Chinese font was found, so the figures' Chinese labels would show as empty boxes. "
    "Install one and restart the kernel: on Debian or Ubuntu `sudo apt-get install "
    "fonts-noto-cjk` (or the smaller fonts-wqy-microhei), on Fedora `sudo dnf install "
    "google-noto-sans-cjk-fonts`, with conda `conda install -c conda-forge font-ttf-noto-cjk`; "
    "Windows and macOS already have one (Microsoft JhengHei, PingFang TC).")


def cjk_fonts() -> list[str]:
    """The fonts of CJK_FONTS installed here, in CJK_FONTS's order."""
    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return [name for name in CJK_FONTS if name in installed]


class _SameFontOtherWeight:
    """Drops matplotlib's "Failed to find font weight bold for WenQuanYi Micro Hei, now using
    400" (a CJK font without a bold face: the text is drawn in its regular weight). Whether it
    appears depends on the fonts a machine has, so it must not reach a notebook's output."""

    @staticmethod
    def filter(record) -> bool:
        return not record.getMessage().startswith("findfont: Failed to find font weight")


def use_fonts_for(language: str) -> list[str]:
    """Set the figures' font list for `language` and return it: the Latin font alone for
    English; for Chinese the installed CJK fonts first, then the Latin font. CJK first because
    matplotlib draws the plain-text parts of a label that holds maths ("學習率 $\\eta$") in the
    first font of the list alone, without falling back per character; the maths itself keeps
    the same mathtext font as in English. Warns once, naming the package to install, when
    Chinese is asked for and no CJK font exists."""
    import logging
    import warnings

    import matplotlib as mpl

    fonts = [LATIN_FONT]
    if language != "en":
        logger = logging.getLogger("matplotlib.font_manager")
        if not any(isinstance(f, _SameFontOtherWeight) for f in logger.filters):
            logger.addFilter(_SameFontOtherWeight())
        found = cjk_fonts()
        if not found:
            warnings.warn(_(NO_CJK_FONT), UserWarning, stacklevel=3)
        fonts = [*found, LATIN_FONT]
    mpl.rcParams["font.family"] = fonts
    return fonts


def new_figure(ncols: int = 1, nrows: int = 1, size: tuple[float, float] = (8.0, 3.4),
               dpi: int = 80, projection: str | None = None, **subplot_kw):
    """A Figure with an Agg canvas and its axes (a single Axes, or an array of them)."""
    import matplotlib as mpl

    with mpl.rc_context(STYLE):
        fig = Figure(figsize=size, dpi=dpi, layout="constrained")
        FigureCanvasAgg(fig)
        if projection is not None:
            subplot_kw["projection"] = projection
        axes = fig.subplots(nrows, ncols, subplot_kw=subplot_kw or None, squeeze=True)
    return fig, axes


def png(fig: Figure, fast: bool = False, dpi: float | None = None) -> bytes:
    """The figure rendered as PNG bytes; `fast` trades file size for speed (live redraws);
    `dpi` overrides the figure's own resolution for this picture only."""
    buf = io.BytesIO()
    kwargs = {"pil_kwargs": {"compress_level": 1}} if fast else {}
    if dpi is not None:
        kwargs["dpi"] = dpi
    fig.savefig(buf, format="png", **kwargs)
    return buf.getvalue()


def show(fig: Figure) -> None:
    """Display the figure as a static picture in the notebook, at STATIC_DPI or more."""
    from IPython.display import Image, display

    display(Image(png(fig, dpi=max(STATIC_DPI, fig.dpi))))


def break_at(x, y, at, tol: float = 1e-9):
    """x, y with a NaN put in at each point of `at` (a jump of the function or of its slope),
    so a line plot leaves a gap there instead of drawing a vertical stroke across the jump.

    x must be increasing. A grid point within `tol` of a jump is dropped: its value belongs to
    neither side (sign(0) = 0, for example, would draw a stroke to either side).
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float) * np.ones_like(x)
    jumps = np.sort(np.atleast_1d(np.asarray(at, dtype=float)))
    keep = np.ones(x.shape, dtype=bool)
    for a in jumps:
        keep &= np.abs(x - a) > tol
    x, y = x[keep], y[keep]
    cuts = np.searchsorted(x, jumps)
    return np.insert(x, cuts, np.nan), np.insert(y, cuts, np.nan)


def curve_1d(ax, f: Callable, xlim: tuple[float, float], n: int = 400, label: str | None = None,
             **style):
    """Plot y = f(x) over xlim (f is vectorised over numpy arrays); returns the Line2D."""
    x = np.linspace(*xlim, n)
    with np.errstate(all="ignore"):
        y = np.asarray(f(x), dtype=float) * np.ones_like(x)
    style.setdefault("color", COLORS["curve"])
    (line,) = ax.plot(x, y, label=label, **style)
    ax.set_xlim(*xlim)
    return line


def path_1d(ax, xs, ys, **style):
    """A path of iterates (x_k, f(x_k)) drawn as dots joined by lines; returns the Line2D."""
    style.setdefault("color", COLORS["path"])
    style.setdefault("marker", "o")
    style.setdefault("markersize", 5)
    style.setdefault("linewidth", 1.2)
    (line,) = ax.plot(xs, ys, **style)
    return line


def grid_2d(f: Callable, xlim, ylim, n: int = 120):
    """X, Y, Z = f(X, Y) on an n x n grid (f takes two arrays)."""
    x = np.linspace(*xlim, n)
    y = np.linspace(*ylim, n)
    X, Y = np.meshgrid(x, y)
    with np.errstate(all="ignore"):
        Z = np.asarray(f(X, Y), dtype=float) * np.ones_like(X)
    return X, Y, Z


def contour_2d(ax, f: Callable, xlim, ylim, levels=20, n: int = 120, filled: bool = False,
               **style):
    """Level curves of z = f(x, y); returns the contour set."""
    X, Y, Z = grid_2d(f, xlim, ylim, n)
    style.setdefault("cmap", "viridis")
    draw = ax.contourf if filled else ax.contour
    cs = draw(X, Y, Z, levels=levels, **style)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal", adjustable="box")
    return cs


def path_2d(ax, points, **style):
    """A path of 2-D iterates (rows of `points`) as dots joined by lines; returns the Line2D."""
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    style.setdefault("color", COLORS["path"])
    style.setdefault("marker", "o")
    style.setdefault("markersize", 4)
    style.setdefault("linewidth", 1.2)
    (line,) = ax.plot(pts[:, 0], pts[:, 1], **style)
    return line


def gradient_arrows(ax, grad: Callable, xlim, ylim, n: int = 11, **style):
    """Arrows of grad f(x, y) on an n x n grid (grad takes a point (x, y)); returns the quiver."""
    x = np.linspace(*xlim, n)
    y = np.linspace(*ylim, n)
    X, Y = np.meshgrid(x, y)
    G = np.array([grad(np.array([a, b])) for a, b in zip(X.ravel(), Y.ravel(), strict=True)], dtype=float)
    style.setdefault("color", COLORS["grad"])
    return ax.quiver(X, Y, G[:, 0].reshape(X.shape), G[:, 1].reshape(X.shape), **style)


def surface_3d(ax, f: Callable, xlim, ylim, n: int = 60, **style):
    """A 3-D surface z = f(x, y) on an Axes made with projection='3d'."""
    X, Y, Z = grid_2d(f, xlim, ylim, n)
    style.setdefault("cmap", "viridis")
    style.setdefault("alpha", 0.85)
    return ax.plot_surface(X, Y, Z, **style)


#: coordinates beyond this are clipped before drawing (a diverged run)
SHOWN = 1e4


def clipped(a, limit: float = SHOWN) -> np.ndarray:
    """`a` as floats that matplotlib can draw: nan and infinities become +-limit, and
    everything is clipped to [-limit, limit] (a diverged run is drawn leaving the view)."""
    return np.clip(np.nan_to_num(np.asarray(a, dtype=float), nan=limit, posinf=limit,
                                 neginf=-limit), -limit, limit)


def plain_title(ax, text: str):
    """A title as plain text above the axes: Axes.set_title re-measures the tick labels on
    every draw to place itself, which costs more than the rest of a small figure."""
    return ax.text(0.5, 1.03, text, transform=ax.transAxes, ha="center", va="bottom",
                   fontsize=11)
