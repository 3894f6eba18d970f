"""Search without (and with) derivatives, lesson 02: enumeration (trial) search (枚舉試探法).

Enumeration search in 1-D, the article's walk:
    stand at x; try a step to the right, x + step: if f is lower there, go; if not, try the
    left, x - step. Once a direction works, keep stepping that way while f keeps falling; stop
    at the first step that does not lower f. The result is a minimum only at the resolution of
    `step`: a coarse step can stop away from the true minimum.

Derivative-sign search: the sign of f'(x) says which way is downhill without trying:
    f'(x) > 0 -> step left, f'(x) < 0 -> step right, f'(x) = 0 -> stop.

Compass search in n-D: try +-step along each of the 2n coordinate axes, move to the first
point that lowers f; when none does, halve the step. It needs no derivative, but it can only
move along the axes, and every round may cost 2n evaluations of f.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from . import validate
from .i18n import N_, _

#: the statuses a search ends with (the code words stay English; shown in the language set)
STATUS_WORDS = {"stopped": N_("stopped"), "converged": N_("converged"),
                "bracketed": N_("bracketed"), "max_steps": N_("max_steps"),
                "diverged": N_("diverged")}


@dataclass(frozen=True)
class Trial:
    """One candidate that was tried: where, f there, and whether the search moved to it."""

    x: float
    value: float
    accepted: bool


@dataclass
class SearchPath:
    """The accepted points (start included), every trial, the status and the cost."""

    points: np.ndarray          # accepted points, start first: (k+1,) or (k+1, d)
    values: np.ndarray          # f at each accepted point
    trials: list = field(default_factory=list)
    status: str = ""
    message: str = ""
    evaluations: int = 0        # calls of f (or of f' for the derivative-sign search)
    steps: list = field(default_factory=list)  # compass search: the step size at each point

    def fx_reached(self, target: float) -> bool:
        """True when the search got f down to `target` or below."""
        return bool(self.values[-1] <= target)

    @property
    def x(self):
        """The result: the last accepted point."""
        last = self.points[-1]
        return float(last) if self.points.ndim == 1 else last.copy()


def _value(f, x, name="f") -> float:
    """f(x) as a float: nan and overflow count as +inf (never lower), a Python integer too
    large for a float as +-inf; None, text, booleans or several numbers are errors naming f."""
    try:
        with np.errstate(all="ignore"):
            out = f(x)
    except OverflowError:
        return math.inf
    if type(out) is float:
        return out if not math.isnan(out) else math.inf
    if out is None:
        raise TypeError(_("{name} returned None; it must return a single number "
                          "(is its `return` missing?)").format(name=name))
    if isinstance(out, int) and not isinstance(out, bool) and abs(out) > validate.MAX_FLOAT:
        return math.inf if out > 0 else -math.inf
    arr = validate.real_array(f"{name}(x)", out)
    if arr.size != 1:
        raise ValueError(_("{name} must return a single number, got an array of shape "
                           "{shape}").format(name=name, shape=arr.shape))
    v = float(arr.reshape(()))
    return v if not math.isnan(v) else math.inf


def enumeration_search(f: Callable, x0: float, step: float, max_steps: int = 100,
                       bound: float = 1e6) -> SearchPath:
    """The article's trial search on f from x0 with a fixed step (see the module docstring).

    Status: "stopped" (neither neighbour at distance `step` is lower: a minimum at this
    resolution), "max_steps" (still going downhill when the budget ran out) or "diverged"
    (|x| passed `bound`, or f fell to -inf: f keeps falling, as for f(x) = -x).
    """
    f = validate.function("f", f)
    x = validate.number("x0", x0)
    step = validate.positive("step", step)
    max_steps = validate.integer("max_steps", max_steps, low=1, high=1_000_000)
    bound = validate.positive("bound", bound)

    fx = _value(f, x)
    points, values, trials = [x], [fx], []
    direction = 0  # 0: not chosen yet; +1 right; -1 left
    status = message = ""
    while True:
        if len(points) > max_steps:
            status = "max_steps"
            message = _("still going downhill after {max_steps} moves, at x = {x:.6g}").format(
                max_steps=max_steps, x=x)
            break
        tries = (+1, -1) if direction == 0 else (direction,)
        moved = False
        for d in tries:
            cand = x + d * step
            fc = _value(f, cand)
            ok = fc < fx
            trials.append(Trial(cand, fc, ok))
            if ok:
                x, fx, direction, moved = cand, fc, d, True
                points.append(x)
                values.append(fx)
                break
        if not moved:
            status = "stopped"
            message = _("stopped at x = {x:.6g}, f(x) = {fx:.6g}: neither neighbour at "
                        "distance {step:g} is lower").format(x=x, fx=fx, step=step)
            break
        if fx == -math.inf:
            status = "diverged"
            message = _("diverged: f fell to -inf at x = {x:.6g}").format(x=x)
            break
        if abs(x) > bound:
            status = "diverged"
            message = _("diverged: |x| passed {bound:g} and f is still falling").format(
                bound=bound)
            break
    return SearchPath(points=np.array(points), values=np.array(values), trials=trials,
                      status=status, message=message, evaluations=1 + len(trials))


def _fit(text: str, width: int, align: str = ">") -> str:
    """`text` padded to `width` columns as a terminal shows it (a CJK character takes two)."""
    shown = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    pad = " " * max(0, width - shown)
    return pad + text if align == ">" else text + pad


def trial_table(path: SearchPath, digits: int = 2) -> str:
    """The trials of an enumeration search as a small aligned text table."""
    if not isinstance(path, SearchPath) or path.points.ndim != 1:
        raise TypeError(_("path must be the result of enumeration_search, got {path!r:.60} "
                          "of type {kind}").format(path=path, kind=type(path).__name__))
    digits = validate.integer("digits", digits, low=0, high=12)
    trial, verdict_word, start = _("trial"), _("verdict"), _("start")
    lines = [f"{_fit(trial, 5)}  {'x':>8}  {'f(x)':>8}  {_fit(verdict_word, 9, '<')}"]
    lines.append(f"{_fit(start, 5)}  {path.points[0]:>8.{digits}f}  {path.values[0]:>8.{digits}f}")
    for i, t in enumerate(path.trials, 1):
        verdict = _("accepted") if t.accepted else _("rejected")
        lines.append(f"{i:>5}  {t.x:>8.{digits}f}  {t.value:>8.{digits}f}  {_fit(verdict, 9, '<')}")
    lines.append(_("result x = {x} ({status}), {evaluations} evaluations of f").format(
        x=f"{path.x:.{digits}f}", status=_(STATUS_WORDS.get(path.status, path.status)),
        evaluations=path.evaluations))
    return "\n".join(lines)


def derivative_sign_search(df: Callable, x0: float, step: float, max_steps: int = 100,
                           tol: float = 1e-12, bound: float = 1e6) -> SearchPath:
    """Step by `step` against the sign of f'(x) until f'(x) = 0 (|f'| <= tol) or its sign flips.

    No trial moves are needed: each step costs one evaluation of f'. Status: "converged"
    (f' = 0 here), "bracketed" (f' changed sign: the minimum lies between the last two
    points, closer than `step`), "max_steps" or "diverged". `values` holds f'(x) here.
    """
    df = validate.function("df", df)
    x = validate.number("x0", x0)
    step = validate.positive("step", step)
    max_steps = validate.integer("max_steps", max_steps, low=1, high=1_000_000)
    tol = validate.number("tol", tol, low=0.0)
    bound = validate.positive("bound", bound)

    d = _value(df, x, "df")
    points, slopes = [x], [d]
    status = message = ""
    while True:
        if abs(d) <= tol:
            status, message = "converged", _("f'(x) = 0 at x = {x:.6g}: stop").format(x=x)
            break
        if len(points) > max_steps:
            status, message = "max_steps", _("still moving after {max_steps} steps").format(
                max_steps=max_steps)
            break
        x = x - step * math.copysign(1.0, d)
        d_new = _value(df, x, "df")
        points.append(x)
        slopes.append(d_new)
        if abs(x) > bound or math.isinf(d_new):
            status, message = "diverged", _("diverged: |x| passed {bound:g}").format(
                bound=bound)
            break
        if abs(d_new) > tol and math.copysign(1.0, d_new) != math.copysign(1.0, d):
            status = "bracketed"
            message = _("f' changed sign between x = {a:.6g} and x = {b:.6g}: the "
                        "minimum lies between them (a smaller step would find it)").format(
                            a=points[-2], b=x)
            break
        d = d_new
    return SearchPath(points=np.array(points), values=np.array(slopes), status=status,
                      message=message, evaluations=len(points))


def compass_search(f: Callable, x0, step: float = 1.0, tol: float = 1e-3,
                   max_evaluations: int = 100_000, target: float | None = None) -> SearchPath:
    """Compass (coordinate) search: try x +- step * e_i for i = 1..n; move to the first lower
    point; if none of the 2n is lower, halve the step. Stop when step < tol ("converged") or
    after `max_evaluations` calls of f ("max_steps"); with a `target`, also stop as
    "converged" as soon as f(x) <= target; "diverged" when f fell to -inf.
    `.evaluations` counts every call of f.
    """
    f = validate.function("f", f)
    x = validate.array("x0", x0, ndim=1).copy()
    if x.size == 0:
        raise ValueError(_("x0 must have at least one coordinate, got an empty array"))
    step = validate.positive("step", step)
    tol = validate.positive("tol", tol)
    max_evaluations = validate.integer("max_evaluations", max_evaluations, low=1)
    target = -math.inf if target is None else validate.number("target", target)
    n = x.size
    directions = np.concatenate([np.eye(n), -np.eye(n)])

    fx = _value(f, x)
    evals = 1
    points, values, steps = [x.copy()], [fx], [step]
    status = "converged"
    while step >= tol and fx > target:
        moved = False
        for d in directions:
            if evals >= max_evaluations:
                break
            cand = x + step * d
            fc = _value(f, cand)
            evals += 1
            if fc < fx:
                x, fx, moved = cand, fc, True
                points.append(x.copy())
                values.append(fx)
                steps.append(step)
                break
        if fx == -math.inf:
            status = "diverged"
            break
        if evals >= max_evaluations and not moved:
            status = "max_steps"
            break
        if not moved:
            step /= 2
    message = _("{status}: x = ({x}) after {evaluations} evaluations of f, {moves} moves").format(
        status=_(STATUS_WORDS.get(status, status)),
        x=", ".join(f"{v:.4g}" for v in x[:3]) + (", ..." if n > 3 else ""),
        evaluations=evals, moves=len(points) - 1)
    return SearchPath(points=np.array(points), values=np.array(values), status=status,
                      message=message, evaluations=evals, steps=steps)


def compass_vs_descent(fn, x0, gap: float = 1e-4, step: float = 1.0,
                       max_steps: int = 100_000) -> dict:
    """What it costs to get f within `gap` of its minimum, by compass search and by gradient
    descent (lr = 1 / largest curvature), from the same start point.

    Returns {"n", "compass_evaluations", "descent_steps", "lr"}: evaluations of f for compass
    search, updates (one gradient each) for gradient descent; None if the budget ran out.
    """
    from .descent import gradient_descent
    from .functions import TestFunction

    if not isinstance(fn, TestFunction):
        raise TypeError(_("fn must be a TestFunction from ann_helpers.functions (such as "
                          "functions.get('bowl')), got {fn!r:.60} of type {kind}").format(
                              fn=fn, kind=type(fn).__name__))
    x0 = validate.array("x0", x0, ndim=1)
    gap = validate.positive("gap", gap)
    f_min = float(fn.f(np.asarray(fn.global_minimum, dtype=float)))
    compass = compass_search(fn.f, x0, step=step, tol=1e-15, target=f_min + gap,
                             max_evaluations=10 * max_steps)
    lr = 1.0 / fn.max_curvature()
    # Descent is deterministic, so a longer budget only extends the same run: double the budget
    # until the gap is reached (at most twice the steps needed, not always max_steps).
    budget = min(64, max_steps)
    while True:
        run = gradient_descent(fn.grad, x0, lr, steps=budget, tol=0.0, f=fn.f)
        reached = np.flatnonzero(run.values - f_min <= gap)
        if reached.size or budget >= max_steps or run.status != "max_steps":
            break
        budget = min(2 * budget, max_steps)
    return {
        "n": x0.size,
        "compass_evaluations": compass.evaluations if compass.fx_reached(f_min + gap) else None,
        "descent_steps": int(reached[0]) if reached.size else None,
        "lr": lr,
    }
