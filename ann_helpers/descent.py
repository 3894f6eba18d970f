"""Gradient descent (梯度下降) in any number of dimensions (lessons 03-04).

The update rule, the same for 1 variable or a million:

    x_new = x_old - lr * grad f(x_old)                     (raw gradient)
    x_new = x_old - lr * grad f(x_old) / |grad f(x_old)|   (normalize=True: unit gradient,
                                                             the article's first variant)

lr is the learning rate (學習率). A run stops for one of four reasons, its `status`:

    "converged"    |grad f(x)| < tol: a stationary point (駐點), up to the tolerance
    "oscillating"  an iterate came back exactly (or to 12 digits) to an earlier one after
                   moving away from it in between: a cycle that will repeat for ever
    "diverged"     an iterate, its gradient or f became inf or nan, or grew `bound` times
                   past the size of the start (|x| > bound * max(1, |x0|, |grad f(x0)|),
                   |grad| > bound * max(1, |grad f(x0)|), |f| > bound * max(1, |f(x0)|)):
                   stopped at once, with no overflow warnings
    "max_steps"    the step budget ran out first

The bound is relative so that a run toward a far-away minimum (x* = 2e6, say) is not called
diverged, while a run whose iterates grow a millionfold is. A run keeps every iterate, so
`steps` times the dimension is limited to MAX_STORED numbers.

Randomness (lesson 03, several minima): `noisy_gradient_descent` adds seeded Gaussian noise to
every gradient, and `random_restarts` runs plain descent from seeded random start points.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from . import validate
from .i18n import N_, _, ngettext

STATUSES = ("converged", "oscillating", "diverged", "max_steps")
#: the statuses in words, for the step table (translated where shown)
STATUS_WORDS = {"converged": N_("converged"), "oscillating": N_("oscillating"),
                "diverged": N_("diverged"), "max_steps": N_("max_steps")}
#: what raw descent does on a quadratic, by the factor r = 1 - lr * c (see `regime`)
REGIMES = (N_("monotone"), N_("one step"), N_("oscillating convergence"), N_("a cycle"),
           N_("divergence"))
CYCLE_WINDOW = 8  # how many earlier iterates a new one is compared with (cycles of period <= 8)
CYCLE_RTOL = 1e-12
#: a return counts as a cycle only if the run went this many times further away in between
CYCLE_AWAY = 1e3
#: the most numbers a run may keep (steps x dimension, times n for random_restarts)
MAX_STORED = 10_000_000


@dataclass(frozen=True)
class RunSettings:
    """What a gradient-descent loop needs besides its start point (checked by the caller)."""

    grad: Callable
    f: Callable | None
    dim: int | None          # None in 1-D, else the length of x
    lr: float
    steps: int
    normalize: bool = False
    tol: float = 1e-8
    bound: float = 1e6
    noise: float = 0.0       # noisy_gradient_descent: the starting noise level and its decay
    decay: float = 1.0


@dataclass
class Path:
    """Every iterate of a run, what happened at each, and why it stopped."""

    points: np.ndarray            # (k+1,) in 1-D, (k+1, d) in d dimensions; start included
    grads: np.ndarray             # grad f at each point (nan where it was not evaluated)
    values: np.ndarray | None     # f at each point when f was given, else None
    status: str                   # one of STATUSES
    message: str                  # the status in words
    lr: float
    normalize: bool = False
    period: int | None = None     # the cycle length when status == "oscillating"
    extra: dict = field(default_factory=dict)

    @property
    def x(self):
        """The last iterate (a float in 1-D, an array otherwise)."""
        last = self.points[-1]
        return float(last) if self.points.ndim == 1 else last.copy()

    @property
    def steps(self) -> int:
        """How many updates were made."""
        return len(self.points) - 1

    def __repr__(self) -> str:
        return f"Path({self.status}, {self.steps} steps, x = {self.x!r})"


def norm(v) -> float:
    """|v| without underflow: math.hypot scales first, where the plain sum of squares would
    turn |v| ~ 1e-170 into 0 (and two tiny different points would look equal)."""
    if not np.ndim(v):
        return abs(float(v))
    v = np.asarray(v, dtype=float).ravel()
    if v.size <= 64:
        return math.hypot(*v.tolist())
    top = float(np.abs(v).max())
    return top * float(np.sqrt(np.square(v / top).sum())) if 0.0 < top < math.inf else top


def _start(x0, name: str = "x0"):
    """x0 as a float (1-D) or a 1-D float array (any dimension), with its dimension."""
    if isinstance(x0, (str, bytes)) or x0 is None or np.ndim(x0) != 0:
        arr = validate.array(name, x0, ndim=1)
        if arr.size == 0:
            raise ValueError(_("{name} must have at least one coordinate, got an empty array")
                             .format(name=name))
        return arr, arr.size
    return validate.number(name, x0), None


def _storage(steps: int, dim: int | None, runs: int = 1) -> None:
    """Refuse a run that would keep more than MAX_STORED numbers."""
    size = (steps + 1) * (dim or 1) * runs
    if size > MAX_STORED:
        if runs > 1:
            what = _("steps ({steps}) x dimension ({dim}) x n ({runs})")
        else:
            what = _("steps ({steps}) x dimension ({dim})")
        what = what.format(steps=steps, dim=dim or 1, runs=runs)
        raise ValueError(_("{what} must be at most {limit} numbers (every iterate is kept), "
                           "got {size}; use fewer steps or fewer dimensions")
                         .format(what=what, limit=f"{MAX_STORED:,}", size=f"{size:,}"))


def _returned(name: str, out, dim: int | None):
    """What `name` (f or grad) returned, as a float or a float array; None for a Python int
    too large for a float (overflow counts as divergence); a clear error for anything that
    is not made of real numbers."""
    want = (_("a number") if dim is None or name == "f"
            else _("an array of {dim} numbers").format(dim=dim))
    if out is None:
        raise TypeError(_("{name} returned None; it must return {want} "
                          "(is its `return` missing?)").format(name=name, want=want))
    if isinstance(out, int) and not isinstance(out, bool) and abs(out) > validate.MAX_FLOAT:
        return None
    return validate.real_array(f"{name}(x)", out)


def _evaluate(fun, x, name: str, dim: int | None):
    """fun(x) as a float or a (dim,) array; None when it overflowed or left the finite range.

    Overflow inside `fun` (numpy warnings, or Python's OverflowError) counts as 'not finite':
    the caller reports divergence instead of printing warnings.
    """
    try:
        out = fun(x if dim is None else x.copy())
    except (OverflowError, FloatingPointError):
        return None
    if dim is None and type(out) is float:
        return out  # the common 1-D case, without numpy's overhead
    out = _returned(name, out, dim)
    if out is None:
        return None
    want = () if dim is None or name == "f" else (dim,)
    if out.shape != want and not (dim is None and out.size == 1 and name == "grad"):
        what = (_("a number") if want == ()
                else _("an array of shape {shape}").format(shape=want))
        raise ValueError(_("{name} must return {what} for x0 of this shape, got shape {shape}")
                         .format(name=name, what=what, shape=out.shape))
    if out.shape == () or (dim is None and out.size == 1):
        return float(out.reshape(()))
    return out


def _finite(v, bound: float) -> bool:
    if isinstance(v, float):
        return math.isfinite(v) and abs(v) <= bound
    with np.errstate(invalid="ignore", over="ignore"):
        return bool(np.all(np.isfinite(v)) and np.max(np.abs(v)) <= bound)


def _cycle_period(points: list, x) -> int | None:
    """The period p >= 2 if x (the newest iterate, points[-1]) equals (to CYCLE_RTOL) the
    iterate p steps back and the iterates in between went away from it (CYCLE_AWAY times
    further than the mismatch); else None. Without the second test, tiny steps that creep
    towards a far-away minimum (or a tiny learning rate) would look like a cycle. Looks only
    at the last CYCLE_WINDOW + 1 points (no copy of the whole run: a step stays O(1))."""
    for p in range(2, min(CYCLE_WINDOW, len(points) - 1) + 1):
        old = points[-1 - p]
        gap = norm(np.subtract(old, x))
        if gap > CYCLE_RTOL * max(norm(old), norm(x)):
            continue
        away = max(norm(np.subtract(h, x)) for h in points[-p:-1])
        if away > CYCLE_AWAY * gap:
            return p
    return None


def steps_text(k: int) -> str:
    """'1 step', '5 steps' (in the current language)."""
    return ngettext("{k} step", "{k} steps", k).format(k=k)


def _fmt(x) -> str:
    if np.ndim(x) == 0:
        return f"{float(x):.6g}"
    x = np.asarray(x)
    if x.size <= 3:
        return "(" + ", ".join(f"{v:.4g}" for v in x) + ")"
    return _("a point in {n} dimensions").format(n=x.size)


def gradient_descent(grad: Callable, x0, lr: float, steps: int = 100, normalize: bool = False,
                     tol: float = 1e-8, f: Callable | None = None,
                     bound: float = 1e6) -> Path:
    """Run x <- x - lr * grad(x) (or lr times the unit vector of -grad) from x0.

    grad      the gradient of the function, grad(x) -> a number (1-D) or an array like x
    x0        the start point: a number (1-D) or a 1-D array of any length
    lr        the learning rate, > 0
    steps     the most updates to make (>= 0)
    normalize move by exactly lr along -grad / |grad| (True) or by lr * grad (False)
    tol       stop as "converged" once |grad f(x)| < tol (tol = 0: only an exact 0 stops)
    f         optional: the function itself, to record f at every iterate in `.values`
    bound     how far a run may grow before it counts as "diverged": |x|, |grad| or |f|
              above bound times its size at the start (see the module docstring)

    Returns a `Path` (points, grads, values, status, message).
    """
    grad = validate.function("grad", grad)
    x, dim = _start(x0)
    lr = validate.positive("lr", lr)
    steps = validate.integer("steps", steps, low=0, high=1_000_000)
    if not isinstance(normalize, (bool, np.bool_)):
        raise TypeError(_("normalize must be True or False, got {value!r}")
                        .format(value=normalize))
    tol = validate.number("tol", tol, low=0.0)
    if f is not None:
        f = validate.function("f", f)
    bound = validate.positive("bound", bound)
    _storage(steps, dim)

    settings = RunSettings(grad, f, dim, lr, steps, bool(normalize), tol, bound)
    points, grads, values = [x], [], []
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        status, message, period = _run(settings, x, points, grads, values)
    return _path(points, grads, values, f, status, message, lr, normalize, period)


def _left(k: int, what: str, norm: str, value, limit: float) -> str:
    """The message of a run stopped because f or the gradient left the allowed range."""
    if value is None or not _finite(value, math.inf):
        return _("diverged after {steps}: {what} became inf or nan (overflow)").format(
            steps=steps_text(k), what=what)
    return _("diverged after {steps}: {what} left the range {norm} <= {limit}").format(
        steps=steps_text(k), what=what, norm=norm, limit=f"{limit:.3g}")


def divergence_limit(bound: float, *sizes) -> float:
    """bound times the largest of 1 and the given sizes (of the start): the relative bound of
    the module docstring, shared by every run loop (`optimizers.minimize` too)."""
    return bound * max(1.0, *sizes)


def _run(s: RunSettings, x, points, grads, values):
    """The loop of gradient_descent; fills points, grads, values; returns why it stopped."""
    grad, f, dim, lr, steps, normalize, tol = (s.grad, s.f, s.dim, s.lr, s.steps, s.normalize,
                                               s.tol)
    status = period = None
    message = ""
    f_limit = g_limit = x_limit = math.inf   # set from the start point at k = 0
    for k in range(steps + 1):
        if f is not None:
            value = _evaluate(f, x, "f", dim)
            values.append(math.nan if value is None else value)
            if k == 0 and value is not None and math.isfinite(value):
                f_limit = divergence_limit(s.bound, abs(value))
            if value is None or not _finite(value, f_limit):
                status, message = "diverged", _left(k, "f(x)", "|f|", value, f_limit)
                break
        g = _evaluate(grad, x, "grad", dim)
        if k == 0 and g is not None and _finite(g, math.inf):
            g_limit = divergence_limit(s.bound, norm(g))
            x_limit = divergence_limit(s.bound, norm(g), norm(x))
        if g is None or not _finite(g, g_limit):
            status, message = "diverged", _left(k, _("the gradient"), "|grad|", g, g_limit)
            break
        grads.append(g)
        gnorm = norm(g)
        if gnorm < tol or gnorm == 0.0:
            status = "converged"
            message = _("converged after {steps}: |grad| = {grad} < tol = {tol} at x = {x}"
                        ).format(steps=steps_text(k), grad=f"{gnorm:.3g}", tol=f"{tol:g}",
                                 x=_fmt(x))
            break
        if k == steps:
            status = "max_steps"
            message = _("stopped after {steps} (the budget) at x = {x}, |grad| = {grad}"
                        ).format(steps=steps_text(steps), x=_fmt(x), grad=f"{gnorm:.3g}")
            break
        direction = g / gnorm if normalize else g
        x = x - lr * direction
        points.append(x)
        if not _finite(x, x_limit):
            if f is not None:
                values.append(math.nan)
            grads.append(math.nan if dim is None else np.full(dim, math.nan))
            status, message = "diverged", _("diverged after {steps}: |x| passed {limit}"
                                            ).format(steps=steps_text(k + 1),
                                                     limit=f"{x_limit:.3g}")
            break
        period = _cycle_period(points, x)
        if period is not None:
            if f is not None:
                value = _evaluate(f, x, "f", dim)
                values.append(math.nan if value is None else value)
            g = _evaluate(grad, x, "grad", dim)
            grads.append(g if g is not None else math.nan)
            status = "oscillating"
            message = _("oscillating after {steps}: x came back to {x}, a cycle of {period} "
                        "points repeating for ever").format(steps=steps_text(k + 1), x=_fmt(x),
                                                            period=period)
            break
    return status, message, period


def _path(points, grads, values, f, status, message, lr, normalize, period) -> Path:
    """Pack the lists of a run into a Path (grads and values padded with nan)."""
    pts = np.array(points, dtype=float)
    gr = np.array(grads, dtype=float)
    if len(gr) < len(pts):  # pad: the gradient was not evaluated at the last point
        pad = np.full((len(pts) - len(gr),) + pts.shape[1:], np.nan)
        gr = np.concatenate([gr.reshape((-1,) + pts.shape[1:]), pad])
    vals = None
    if f is not None:
        vals = np.array(values + [math.nan] * (len(pts) - len(values)), dtype=float)
    return Path(points=pts, grads=gr, values=vals, status=status, message=message, lr=lr,
                normalize=bool(normalize), period=period)


def _path_arg(path) -> None:
    """A clear error when `path` is not a Path from gradient_descent (None, say)."""
    if not isinstance(path, Path):
        raise TypeError(_("path must be a Path returned by gradient_descent, got {value} of "
                          "type {type}").format(value=f"{path!r:.60}", type=type(path).__name__))


def point_text(p, digits: int = 4) -> str:
    """A point as short text: 0.5 in 1-D, (0, -2.5) in n-D (numbers in %g style)."""
    digits = validate.integer("digits", digits, low=1, high=17)
    if np.ndim(p) == 0:
        return f"{float(p):.{digits}g}"
    return "(" + ", ".join(f"{float(c):.{digits}g}" for c in np.ravel(p)) + ")"


def step_table(path: Path, digits: int = 4) -> str:
    """The run as a small aligned text table: k, x_k, grad f(x_k), and f(x_k) when known."""
    _path_arg(path)
    digits = validate.integer("digits", digits, low=1, high=17)
    w = digits + 8
    one_d = path.points.ndim == 1

    def cell(v):
        if one_d:
            return f"{float(v):>{w}.{digits}f}" if np.isfinite(v) else f"{'-':>{w}}"
        inner = ", ".join(f"{c:.{digits}g}" for c in np.asarray(v)[:3])
        more = ", ..." if np.asarray(v).size > 3 else ""
        text = f"({inner}{more})" if np.all(np.isfinite(v)) else "-"
        return f"{text:>{2 * w}}"

    wide = w if one_d else 2 * w
    head = f"{'k':>3}  {'x_k':>{wide}}  {'grad f(x_k)':>{wide}}"
    if path.values is not None:
        head += f"  {'f(x_k)':>{w}}"
    lines = [head]
    for k, (x, g) in enumerate(zip(path.points, path.grads, strict=True)):
        line = f"{k:>3}  {cell(x)}  {cell(g)}"
        if path.values is not None:
            v = path.values[k]
            line += f"  {v:>{w}.{digits}f}" if np.isfinite(v) else f"  {'-':>{w}}"
        lines.append(line)
    lines.append(_("status: {status} ({message})").format(
        status=_(STATUS_WORDS.get(path.status, path.status)), message=path.message))
    return "\n".join(lines)


# -- randomness: a chance to leave a local minimum ------------------------------------------
def noisy_gradient_descent(grad: Callable, x0, lr: float, noise: float, steps: int = 200,
                           seed: int = 0, decay: float = 0.98, f: Callable | None = None,
                           bound: float = 1e6) -> Path:
    """Descent on a noisy gradient: x <- x - lr * (grad f(x) + noise_k * z_k), z_k ~ N(0, 1).

    The noise shrinks as noise_k = noise * decay^k, so early steps can jump out of a shallow
    basin and late steps settle into whichever minimum the run is in (like annealing).
    Seeded: the same seed gives the same run. The status is "max_steps" or "diverged" (a
    noisy gradient is never exactly zero, so there is no convergence test); "diverged" uses
    the relative bound of `gradient_descent`. steps x dimension is at most MAX_STORED.
    """
    grad = validate.function("grad", grad)
    x, dim = _start(x0)
    lr = validate.positive("lr", lr)
    noise = validate.number("noise", noise, low=0.0)
    steps = validate.integer("steps", steps, low=0, high=1_000_000)
    seed = validate.integer("seed", seed, low=0)
    decay = validate.number("decay", decay, low=0.0, high=1.0)
    if f is not None:
        f = validate.function("f", f)
    bound = validate.positive("bound", bound)
    _storage(steps, dim)
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((steps,) if dim is None else (steps, dim))

    points, grads = [x], []
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        settings = RunSettings(grad, None, dim, lr, steps, bound=bound, noise=noise,
                               decay=decay)
        status, message = _run_noisy(settings, z, x, points, grads)
    pts = np.array(points, dtype=float)
    gr = np.full(pts.shape, np.nan)
    if grads:
        gr[: len(grads)] = np.array(grads, dtype=float)
    vals = None
    if f is not None:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            vals = np.array([v if (v := _evaluate(f, p if dim else float(p), "f", dim))
                             is not None else math.nan for p in pts], dtype=float)
    message += _(" at x = {x}").format(x=_fmt(pts[-1]))
    return Path(points=pts, grads=gr, values=vals, status=status, message=message, lr=lr)


def _run_noisy(s: RunSettings, z: np.ndarray, x, points, grads):
    """The loop of noisy_gradient_descent (z: the seeded standard normal draws, one row per
    step); fills points and grads; returns the status."""
    grad, dim, lr, steps, bound = s.grad, s.dim, s.lr, s.steps, s.bound
    noise, decay = s.noise, s.decay
    status, message = "max_steps", _("stopped after {steps} noisy steps").format(steps=steps)
    scale = noise
    g_limit = x_limit = math.inf   # set from the start point at k = 0
    for k in range(steps):
        g = _evaluate(grad, x, "grad", dim)
        if k == 0 and g is not None and _finite(g, math.inf):
            g_limit = divergence_limit(bound, norm(g), noise)
            x_limit = divergence_limit(bound, norm(g), norm(x), noise)
        if g is None or not _finite(g, g_limit):
            status, message = "diverged", _("diverged after {steps}: the gradient blew up"
                                            ).format(steps=steps_text(k))
            break
        grads.append(g)
        x = x - lr * (g + scale * z[k])
        scale *= decay
        points.append(x)
        if not _finite(x, x_limit):
            status, message = "diverged", _("diverged after {steps}: |x| passed {limit}"
                                            ).format(steps=steps_text(k + 1),
                                                     limit=f"{x_limit:.3g}")
            break
    return status, message


def random_restarts(grad: Callable, f: Callable, low, high, n: int, lr: float,
                    steps: int = 200, seed: int = 0, tol: float = 1e-8) -> list[Path]:
    """Plain gradient descent from n seeded random start points drawn uniformly in [low, high].

    low and high are numbers (1-D) or arrays giving a box. Returns every run, best (lowest
    final f) first, so `random_restarts(...)[0].x` is the best point found.
    """
    grad, f = validate.function("grad", grad), validate.function("f", f)
    lo, dim = _start(low, "low")
    hi, dim_hi = _start(high, "high")
    if dim != dim_hi:
        raise ValueError(_("low and high must have the same shape, got {low} and {high}")
                         .format(low=np.shape(low), high=np.shape(high)))
    if np.any(np.asarray(hi) <= np.asarray(lo)):
        raise ValueError(_("high must be above low in every coordinate, got low={low}, "
                           "high={high}").format(low=low, high=high))
    n = validate.integer("n", n, low=1, high=100_000)
    seed = validate.integer("seed", seed, low=0)
    steps = validate.integer("steps", steps, low=0, high=1_000_000)
    _storage(steps, dim, n)
    rng = np.random.default_rng(seed)
    starts = rng.uniform(lo, hi, size=(n,) if dim is None else (n, dim))
    runs = [gradient_descent(grad, float(s) if dim is None else s, lr, steps=steps, tol=tol, f=f)
            for s in starts]

    def final(run):
        v = run.values[-1]
        return v if np.isfinite(v) else math.inf

    return sorted(runs, key=final)


def nearest(x, candidates) -> int:
    """The index of the candidate point closest to x (which minimum did a run end in?)."""
    cands = validate.array("candidates", candidates, ndim=(1, 2))
    xs = validate.array("x", x, ndim=(0, 1))
    if cands.size == 0:
        raise ValueError(_("candidates must hold at least one point, got an empty array"))
    d = np.abs(cands - xs) if cands.ndim == 1 else np.linalg.norm(cands - xs, axis=1)
    return int(np.argmin(d))


def basins(grad: Callable, starts, minima, lr: float, steps: int = 500,
           tol: float = 1e-8) -> np.ndarray:
    """For each 1-D start point, the index (into `minima`) of the minimum plain descent reaches.

    -1 marks a run that did not settle (diverged, oscillating, or out of steps far from every
    minimum). This is the basin of attraction of each minimum, sampled at the start points.
    """
    grad = validate.function("grad", grad)
    starts = validate.array("starts", starts, ndim=1)
    minima = validate.array("minima", minima, ndim=1)
    out = np.full(starts.shape, -1)
    for i, s in enumerate(starts):
        run = gradient_descent(grad, float(s), lr, steps=steps, tol=tol)
        j = nearest(run.x, minima)
        if run.status != "diverged" and abs(run.x - minima[j]) < 1e-3:
            out[i] = j
    return out


def regime(lr: float, curvature: float) -> str:
    """What raw descent does on a quadratic with this curvature (f'' = c), in words.

    Each step multiplies the distance to the minimum by r = 1 - lr * c:
    0 < r < 1 monotone; r = 0 one step; -1 < r < 0 alternating but shrinking;
    r = -1 a 2-cycle; r < -1 alternating and growing (divergence).
    """
    name = regime_name(lr, curvature)
    r = 1.0 - lr * curvature
    if name == "one step":
        return _("one step: lr = 1/c lands exactly on the minimum")
    if name == "a cycle":
        return _("a cycle: lr = 2/c jumps between x and -x for ever")
    if name == "monotone":
        return _("monotone: each step keeps {r} of the distance, same side").format(r=f"{r:.2f}")
    if name == "oscillating convergence":
        return _("oscillating convergence: each step flips side and keeps {r}").format(
            r=f"{abs(r):.2f}")
    return _("divergence: each step flips side and grows the distance {r}-fold").format(
        r=f"{abs(r):.2f}")


def regime_name(lr: float, curvature: float) -> str:
    """The name of `regime`'s case, one of REGIMES, in English whatever the language (a code
    an exercise can compare with): "monotone", "one step", ..., "divergence"."""
    lr = validate.positive("lr", lr)
    c = validate.positive("curvature", curvature)
    r = 1.0 - lr * c
    if math.isclose(r, 0.0, abs_tol=1e-9):
        return "one step"
    if math.isclose(r, -1.0, abs_tol=1e-9):
        return "a cycle"
    if r > 0:
        return "monotone"
    if r > -1:
        return "oscillating convergence"
    return "divergence"
