"""Lesson 02: enumeration (trial) search explorer and the lesson's static figures.

EnumerationExplorer   start point, step and function: the accepted path on the curve, the
                      rejected trials, the result and the number of evaluations of f
trials_figure(fn, paths, titles)   one panel per search: the same picture, static
"""

from __future__ import annotations

import numpy as np

from .. import functions as F
from ..i18n import _, pgettext
from ..search import STATUS_WORDS, enumeration_search
from ..widgets import Explorer, dropdown, fixed_layout, slider
from .descent import XLIM_1D, curve_axes

CHOICES = {"x²": "square", "x² + 3x": "square_plus_3x", "x⁴ − 3x² + x": "two_minima"}


def trial_axes(ax, fn: F.TestFunction, xlim=XLIM_1D) -> dict:
    """The curve, the accepted path, and empty markers for the rejected trials."""
    art = curve_axes(ax, fn, xlim)
    art["path"].set(label=_("accepted"))
    (art["rejected"],) = ax.plot([], [], "x", color="black", ms=8, mew=2, zorder=6,
                                 label=_("rejected trial"))
    for m in fn.minima:
        ax.axvline(m, color="#8a8a8a", lw=0.8, ls=":")
    return art


def show_trials(art: dict, fn: F.TestFunction, path) -> None:
    """Move the artists to a search's accepted points and rejected trials."""
    xs = np.clip(path.points, -1e4, 1e4)
    art["path"].set_data(xs, fn.f(xs))
    art["start"].set_data(xs[:1], fn.f(xs[:1]))
    art["end"].set_data(xs[-1:], fn.f(xs[-1:]))
    rej = np.array([t.x for t in path.trials if not t.accepted])
    art["rejected"].set_data(rej, fn.f(rej))


def trials_figure(fn: F.TestFunction, paths, titles, xlim=XLIM_1D, size=None):
    """One panel per enumeration search: accepted path, rejected trials, result."""
    from ..plotting import new_figure

    n = len(paths)
    fig, axes = new_figure(ncols=n, size=size or (3.2 * n, 3.0))
    axes = np.atleast_1d(axes)
    for ax, path, title in zip(axes, paths, titles, strict=True):
        art = trial_axes(ax, fn, xlim)
        show_trials(art, fn, path)
        ax.set_title(title, fontsize=9)
    axes[0].legend(fontsize=7, loc="upper center")
    return fig


class EnumerationExplorer(Explorer):
    """Trial search: move the start and the step; see where the search stops and what it cost."""

    name = "enumeration_search"

    def make_controls(self):
        return {
            "function": dropdown("f(x) =", list(CHOICES), "x²"),
            "x0": slider(_("start x0"), 1.0, -2.0, 2.0, 0.05),
            "step": slider(pgettext("the step length", "step"), 0.5, 0.05, 1.5, 0.05),
        }

    def make_figure(self):
        from ..plotting import new_figure

        fig, ax = new_figure(size=(8.0, 3.375))
        self.fns = {label: F.get(key) for label, key in CHOICES.items()}
        self.art = {}
        for label, fn in self.fns.items():
            lines_before = len(ax.lines)
            art = trial_axes(ax, fn)
            art["own"] = ax.lines[lines_before:]
            art["ylim"] = ax.get_ylim()
            self.art[label] = art
        self.ax = ax
        self.ax.legend(handles=[self.art["x²"][k] for k in ("path", "rejected", "start", "end")],
                       fontsize=8, loc="upper center", ncols=4)
        self.title = ax.set_title("", fontsize=9)
        return fixed_layout(fig, left=0.06, top=0.9)

    def update(self, function, x0, step):
        fn = self.fns[function]
        for label, art in self.art.items():
            for line in art["own"]:
                line.set_visible(label == function)
        art = self.art[function]
        self.ax.set_ylim(*art["ylim"])
        path = enumeration_search(fn.f, x0, step, max_steps=200)
        self.path = path
        show_trials(art, fn, path)
        off = abs(path.x - fn.minima[np.argmin([abs(path.x - m) for m in fn.minima])])
        self.title.set_text(_("f(x) = {f}: start {x0:.2f}, step {step:.2f} -> "
                              "x = {x:.2f}").format(f=function, x0=x0, step=step, x=path.x))
        which = ""
        if len(fn.minima) > 1:
            which = (_(" (the global minimum)") if abs(path.x - fn.minima[0]) <= abs(path.x - fn.minima[1])
                     else _(" (the local, not the global, minimum)"))
        return _("result x = {x:.3f} after {trials} trials ({evaluations} evaluations of f), "
                 "{status}; {off:.3f} from the nearest true minimum{which}").format(
                     x=path.x, trials=len(path.trials), evaluations=path.evaluations,
                     status=_(STATUS_WORDS.get(path.status, path.status)), off=off, which=which)
