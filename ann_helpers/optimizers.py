"""Lesson 11: beyond plain gradient descent (梯度下降): momentum, RMSprop, Adam, schedules.

Every optimizer here turns the gradient g_t = grad f(x_(t-1)) of step t = 1, 2, ... into a move
of the parameters x, with the update rule that `torch.optim` documents for the class of the same
name and the same arguments (no dampening, no weight decay), so the numbers carry over to
PyTorch unchanged:

    SGD(lr)                       x_t = x_(t-1) - lr g_t                       (plain descent)
    SGD(lr, momentum=mu)          b_t = mu b_(t-1) + g_t     (b_1 = g_1)        (heavy ball)
                                  x_t = x_(t-1) - lr b_t
    SGD(lr, mu, nesterov=True)    b_t as above,  x_t = x_(t-1) - lr (g_t + mu b_t)
    RMSprop(lr, alpha, eps)       v_t = alpha v_(t-1) + (1 - alpha) g_t^2     (v_0 = 0)
                                  x_t = x_(t-1) - lr g_t / (sqrt(v_t) + eps)
    Adam(lr, (beta1, beta2), eps) m_t = beta1 m_(t-1) + (1 - beta1) g_t        (m_0 = v_0 = 0)
                                  v_t = beta2 v_(t-1) + (1 - beta2) g_t^2
                                  m_hat = m_t / (1 - beta1^t),  v_hat = v_t / (1 - beta2^t)
                                  x_t = x_(t-1) - lr m_hat / (sqrt(v_hat) + eps)

Squares, square roots and divisions act coordinate by coordinate. An optimizer keeps its state
(b, or v, or m and v, and the step count t) between calls of `step`; `reset` forgets it.

    minimize(grad, x0, optimizer, ...)   runs one optimizer from x0 and returns a descent `Path`
                                         (points, grads, values, status), with the statuses of
                                         `ann_helpers.descent.gradient_descent`

On a quadratic f(x) = 1/2 x^T A x every eigendirection of A (curvature lambda) evolves on its
own, so each optimizer has a per-direction convergence factor; `best_gd` and `best_momentum`
give the best learning rate (and momentum) for curvatures in [lambda_min, lambda_max] in closed
form, with their factors (kappa - 1) / (kappa + 1) and (sqrt(kappa) - 1) / (sqrt(kappa) + 1),
kappa = lambda_max / lambda_min the condition number.

Learning-rate schedules (`constant`, `step_decay`, `cosine`) give the learning rate of each
epoch; `MLP.fit(..., optimizer=..., schedule=...)` uses them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from . import validate
from .descent import Path, divergence_limit, norm, point_text
from .i18n import _, ngettext

CYCLE_WINDOW = 8    # a new state is compared with the last 8 (cycles of period <= 8)
CYCLE_RTOL = 1e-12  # ... to 12 digits, as in ann_helpers.descent


# ==========================================================================================
# The optimizers
# ==========================================================================================
class Optimizer:
    """What every optimizer shares: a learning rate, a step counter and per-array state.

    `step(params, grads)` takes one array (or a list of arrays, e.g. every W and b of a
    network) and the gradients of the same shapes, and returns the moved array(s); the inputs
    are not changed. The state of the i-th array is kept under the key i.
    """

    name = "optimizer"
    #: the state that keeps x moving when the gradient is 0 (a velocity)
    velocity: tuple[str, ...] = ()

    def __init__(self, lr: float):
        self.lr = lr
        self.reset()

    @property
    def lr(self) -> float:
        """The learning rate (學習率); a schedule may change it between steps (> 0)."""
        return self._lr

    @lr.setter
    def lr(self, value) -> None:
        self._lr = validate.positive("lr", value)

    def reset(self) -> None:
        """Forget the state: the next step is step 1 again."""
        self.t = 0
        self.state: dict[int, dict[str, np.ndarray]] = {}

    def step(self, params, grads):
        """One update of `params` (an array, or a list of arrays) from `grads` (the same).

        Returns the new array (or a new list); the step counter t grows by one per call.
        """
        if (isinstance(params, np.ndarray) and isinstance(grads, np.ndarray)
                and params.shape == grads.shape):
            self.t += 1                      # the common case: one array (minimize)
            return self.update(0, params, grads)
        single = not isinstance(params, (list, tuple))
        ps = [params] if single else list(params)
        gs = [grads] if single else list(grads)
        if len(ps) != len(gs):
            raise ValueError(_("grads must hold one array per parameter array: got {grads} "
                               "gradients for {params} parameter arrays").format(
                                   grads=len(gs), params=len(ps)))
        ps = [np.asarray(p, dtype=float) for p in ps]
        gs = [np.asarray(g, dtype=float) for g in gs]
        for i, (p, g) in enumerate(zip(ps, gs, strict=True)):
            if p.shape != g.shape:
                raise ValueError(_("the gradient of parameter array {i} must have its shape "
                                   "{shape}, got {got}").format(i=i, shape=p.shape,
                                                                got=g.shape))
        self.t += 1
        new = [self.update(i, p, g) for i, (p, g) in enumerate(zip(ps, gs, strict=True))]
        return new[0] if single else new

    def update(self, i: int, x: np.ndarray, g: np.ndarray) -> np.ndarray:
        """The rule itself for array i: the new x from the old x and its gradient g."""
        raise NotImplementedError

    def state_vector(self) -> np.ndarray:
        """Every number of the state in one vector (for telling a true cycle from a repeat
        of the position alone: with momentum, the same point can come with a new velocity)."""
        if not self.state:
            return _NO_STATE
        parts = [np.ravel(a) for i in sorted(self.state) for a in self.state[i].values()]
        return np.concatenate(parts) if len(parts) > 1 else parts[0]

    def at_rest(self) -> bool:
        """True when a zero gradient would leave x where it is (no velocity left)."""
        return not any(np.any(slot[key]) for slot in self.state.values()
                       for key in self.velocity if key in slot)

    def _slot(self, i: int, g: np.ndarray) -> dict[str, np.ndarray]:
        slot = self.state.setdefault(i, {})
        for a in slot.values():
            if a.shape != g.shape:
                raise ValueError(_("parameter array {i} changed shape from {old} to {new}; "
                                   "call reset() before optimizing something else").format(
                                       i=i, old=a.shape, new=g.shape))
        return slot


_NO_STATE = np.empty(0)


def _fraction(name: str, value) -> float:
    """A number in [0, 1): a momentum, a decay rate, a beta."""
    return validate.number(name, value, low=0.0, high=1.0, high_open=True)


class SGD(Optimizer):
    """Gradient descent, with optional (Nesterov) momentum, as torch.optim.SGD (dampening 0).

        momentum = 0:       x_t = x_(t-1) - lr g_t
        momentum mu > 0:    b_t = mu b_(t-1) + g_t        (the first step sets b_1 = g_1)
                            x_t = x_(t-1) - lr b_t
        nesterov=True:      x_t = x_(t-1) - lr (g_t + mu b_t)

    The heavy ball: b is a velocity that remembers past gradients with weight mu per step, so
    steady gradients add up (a steady g gives b -> g / (1 - mu)) and alternating ones cancel.
    Nesterov's variant steps with the gradient plus the velocity it is about to have.
    """

    name = "SGD"
    velocity = ("b",)

    def __init__(self, lr: float, momentum: float = 0.0, nesterov: bool = False):
        self.momentum = _fraction("momentum", momentum)
        if not isinstance(nesterov, (bool, np.bool_)):
            raise TypeError(_("nesterov must be True or False, got {value!r}").format(
                value=nesterov))
        if nesterov and self.momentum == 0.0:
            raise ValueError(_("nesterov=True needs a momentum in (0, 1), got momentum = 0"))
        self.nesterov = bool(nesterov)
        super().__init__(lr)

    def update(self, i, x, g):
        mu = self.momentum
        if mu == 0.0:
            return x - self.lr * g
        slot = self._slot(i, g)
        b = slot["b"] = g.copy() if "b" not in slot else mu * slot["b"] + g
        return x - self.lr * (g + mu * b if self.nesterov else b)

    def __repr__(self) -> str:
        if self.momentum == 0.0:
            return f"SGD(lr={self.lr:g})"
        extra = ", nesterov=True" if self.nesterov else ""
        return f"SGD(lr={self.lr:g}, momentum={self.momentum:g}{extra})"


class RMSprop(Optimizer):
    """Per-coordinate step sizes from a running mean of squared gradients (torch.optim.RMSprop,
    not centred, no momentum):

        v_t = alpha v_(t-1) + (1 - alpha) g_t^2          (v_0 = 0)
        x_t = x_(t-1) - lr g_t / (sqrt(v_t) + eps)

    A coordinate whose gradients are large gets a small step and one whose gradients are
    small a large one: each coordinate moves by about lr / sqrt(1 - alpha^t) at first.
    """

    name = "RMSprop"

    def __init__(self, lr: float, alpha: float = 0.99, eps: float = 1e-8):
        self.alpha = _fraction("alpha", alpha)
        self.eps = validate.positive("eps", eps)
        super().__init__(lr)

    def update(self, i, x, g):
        slot = self._slot(i, g)
        v = slot.get("v", 0.0)
        v = slot["v"] = self.alpha * v + (1.0 - self.alpha) * (g * g)
        return x - self.lr * g / (np.sqrt(v) + self.eps)

    def __repr__(self) -> str:
        return f"RMSprop(lr={self.lr:g}, alpha={self.alpha:g})"


class Adam(Optimizer):
    """Momentum plus per-coordinate step sizes, with bias correction (torch.optim.Adam):

        m_t = beta1 m_(t-1) + (1 - beta1) g_t            (m_0 = 0: mean of the gradients)
        v_t = beta2 v_(t-1) + (1 - beta2) g_t^2          (v_0 = 0: mean of their squares)
        m_hat = m_t / (1 - beta1^t),   v_hat = v_t / (1 - beta2^t)     (bias correction)
        x_t = x_(t-1) - lr m_hat / (sqrt(v_hat) + eps)

    Without the correction m and v start near 0 (they average in zeros that were never
    gradients). With it, step 1 has m_hat = g_1 and v_hat = g_1^2, so every coordinate moves by
    lr g / (|g| + eps), about lr, whatever the scale of the gradient.
    """

    name = "Adam"
    velocity = ("m",)

    def __init__(self, lr: float, betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8):
        if isinstance(betas, (str, bytes)) or not isinstance(betas, Sequence) or len(betas) != 2:
            raise TypeError(_("betas must be a pair (beta1, beta2) of numbers in [0, 1), "
                              "got {value}").format(value=f"{betas!r:.60}"))
        self.betas = (_fraction("betas[0]", betas[0]), _fraction("betas[1]", betas[1]))
        self.eps = validate.positive("eps", eps)
        super().__init__(lr)

    def update(self, i, x, g):
        beta1, beta2 = self.betas
        slot = self._slot(i, g)
        m = slot["m"] = beta1 * slot.get("m", 0.0) + (1.0 - beta1) * g
        v = slot["v"] = beta2 * slot.get("v", 0.0) + (1.0 - beta2) * (g * g)
        m_hat = m / (1.0 - beta1 ** self.t)
        v_hat = v / (1.0 - beta2 ** self.t)
        return x - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)

    def __repr__(self) -> str:
        return f"Adam(lr={self.lr:g}, betas=({self.betas[0]:g}, {self.betas[1]:g}))"


# ==========================================================================================
# Running one optimizer
# ==========================================================================================
def _call(fun, x: np.ndarray, name: str, shape: tuple, scalar: bool):
    """fun at x as a float (f) or an array of `shape` (grad); None when it overflowed.

    x is passed as a float when the run is 1-D (x0 was a number), else as a copy.
    """
    try:
        out = fun(float(x[0]) if scalar else x.copy())
        out = np.asarray(out, dtype=float)
    except (OverflowError, FloatingPointError):
        return None
    if name == "f":
        if out.size != 1:
            raise ValueError(_("f must return a number, got shape {shape}").format(
                shape=out.shape))
        return float(out.reshape(()))
    if out.shape != shape and not (scalar and out.size == 1):
        raise ValueError(_("grad must return an array of shape {shape} for x0 of this shape, "
                           "got shape {got}").format(shape=shape, got=out.shape))
    return out.reshape(shape)


def _finite(v, bound: float) -> bool:
    """|every entry| <= bound (False for inf and nan, which compare False); called inside the
    run's np.errstate, so it warns about nothing."""
    if isinstance(v, float):
        return abs(v) <= bound
    return bool(np.abs(v).max() <= bound)


def _cycle(window: np.ndarray, scales: np.ndarray, states: list, x: np.ndarray,
           state: np.ndarray) -> int | None:
    """The period p >= 2 when x and the optimizer's state both equal (to CYCLE_RTOL, largest
    coordinate) those p steps back: then every later step repeats too. Else None.

    window[-1 - p] holds the point p steps back (nan before the start), scales[-1 - p] its
    largest |coordinate|; states[-p] the state that came with it."""
    earlier = window[:-2]                                 # p = CYCLE_WINDOW, ..., 2
    size = np.maximum(scales[:-2], scales[-1])
    close = np.abs(earlier - x).max(axis=1) <= CYCLE_RTOL * size
    if not close.any():
        return None
    for j in np.flatnonzero(close)[::-1]:                 # the shortest period first
        p = CYCLE_WINDOW - int(j)
        old = states[-p]
        if old.size == 0:
            return p
        scale = max(np.abs(old).max(), np.abs(state).max())
        if np.abs(old - state).max() <= CYCLE_RTOL * scale:
            return p
    return None


def _steps(k: int) -> str:
    return ngettext("{k} step", "{k} steps", k).format(k=k)


def minimize(grad: Callable, x0, optimizer: Optimizer, steps: int = 100, tol: float = 1e-8,
             f: Callable | None = None, bound: float = 1e6) -> Path:
    """Run `optimizer` from x0 on the function whose gradient is `grad`.

    grad       grad(x) -> an array like x (a number when x0 is a number)
    x0         the start point: a number or a 1-D array of any length
    optimizer  an SGD, RMSprop or Adam; its state is reset first, so runs are independent
    steps      the most updates to make (>= 0)
    tol        stop as "converged" once |grad f(x)| < tol; with tol = 0 the run uses its whole
               budget, unless the gradient is exactly 0 with no velocity left (x can then
               never move again)
    f          optional: the function, to record f at every iterate in `.values`
    bound      |x|, |grad| or |f| above bound times its size at the start means "diverged"
               (the relative bound of `gradient_descent`)

    Returns a `ann_helpers.descent.Path` with the statuses of `gradient_descent`:
    "converged", "oscillating" (the point and the optimizer's whole state came back to an
    earlier one, to 12 digits: the run repeats for ever), "diverged" (stopped at once, no
    overflow warnings), "max_steps".
    """
    grad = validate.function("grad", grad)
    if not isinstance(optimizer, Optimizer):
        raise TypeError(_("optimizer must be an SGD, RMSprop or Adam from "
                          "ann_helpers.optimizers, got {value}").format(
                              value=f"{optimizer!r:.60}"))
    scalar = np.ndim(x0) == 0
    if scalar:
        x = np.array([validate.number("x0", x0)])
    else:
        x = validate.array("x0", x0, ndim=1).copy()
        if x.size == 0:
            raise ValueError(_("{name} must have at least one coordinate, got an empty array")
                             .format(name="x0"))
    steps = validate.integer("steps", steps, low=0, high=1_000_000)
    tol = validate.number("tol", tol, low=0.0)
    if f is not None:
        f = validate.function("f", f)
    bound = validate.positive("bound", bound)

    optimizer.reset()
    points, grads, values = [x], [], []
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        status, message, period = _run(grad, f, x, scalar, optimizer, steps, tol, bound,
                                       points, grads, values)
    pts = np.array(points)
    gr = np.full(pts.shape, np.nan)
    gr[: len(grads)] = np.array(grads).reshape(-1, pts.shape[1])
    vals = None
    if f is not None:
        vals = np.array(values + [math.nan] * (len(pts) - len(values)), dtype=float)
    if scalar:
        pts, gr = pts[:, 0], gr[:, 0]
    return Path(points=pts, grads=gr, values=vals, status=status, message=message,
                lr=optimizer.lr, period=period, extra={"optimizer": repr(optimizer)})


def _run(grad, f, x, scalar, optimizer, steps, tol, bound, points, grads, values):
    """The loop of `minimize`: fills points, grads, values; returns why it stopped."""
    shape = x.shape
    states = [optimizer.state_vector()]
    window = np.full((CYCLE_WINDOW + 1, x.size), np.nan)  # the latest points, newest last
    scales = np.full(CYCLE_WINDOW + 1, np.nan)
    window[-1], scales[-1] = x, np.abs(x).max()
    f_limit = g_limit = x_limit = math.inf    # relative to the start, as in gradient_descent
    for k in range(steps + 1):
        if f is not None:
            value = _call(f, x, "f", shape, scalar)
            values.append(math.nan if value is None else value)
            if k == 0 and value is not None and math.isfinite(value):
                f_limit = divergence_limit(bound, abs(value))
            if value is None or not _finite(value, f_limit):
                return "diverged", _left(k, "f(x)", "|f|", f_limit), None
        g = _call(grad, x, "grad", shape, scalar)
        if k == 0 and g is not None and np.all(np.isfinite(g)):
            g_limit = divergence_limit(bound, norm(g))
            x_limit = divergence_limit(bound, norm(g), norm(x))
        if g is None or not _finite(g, g_limit):
            return "diverged", _left(k, _("the gradient"), "|grad|", g_limit), None
        grads.append(g)
        gnorm = norm(g)
        if gnorm < tol or (gnorm == 0.0 and optimizer.at_rest()):
            return "converged", _("converged after {steps}: |grad| = {grad} < tol = {tol} "
                                  "at x = {x}").format(steps=_steps(k), grad=f"{gnorm:.3g}",
                                                       tol=f"{tol:g}", x=_where(x, scalar)), None
        if k == steps:
            return "max_steps", _("stopped after {steps} (the budget) at x = {x}, |grad| = "
                                  "{grad}").format(steps=_steps(steps), x=_where(x, scalar),
                                                   grad=f"{gnorm:.3g}"), None
        x = optimizer.step(x, g)
        points.append(x)
        if not _finite(x, x_limit):
            return "diverged", _("diverged after {steps}: |x| passed {limit}").format(
                steps=_steps(k + 1), limit=f"{x_limit:.3g}"), None
        state = optimizer.state_vector()
        window[:-1], scales[:-1] = window[1:], scales[1:]
        window[-1], scales[-1] = x, np.abs(x).max()
        p = _cycle(window, scales, states, x, state)
        if p is not None:
            if f is not None:
                value = _call(f, x, "f", shape, scalar)
                values.append(math.nan if value is None else value)
            g = _call(grad, x, "grad", shape, scalar)
            grads.append(np.full(shape, np.nan) if g is None else g)
            return "oscillating", _("oscillating after {steps}: x came back to {x}, a cycle "
                                    "of {period} points repeating for ever").format(
                                        steps=_steps(k + 1), x=_where(x, scalar), period=p), p
        states.append(state)
    raise AssertionError("unreachable: the loop returns at k == steps")


def _where(x: np.ndarray, scalar: bool) -> str:
    if scalar:
        return f"{float(x[0]):.6g}"
    return point_text(x) if x.size <= 3 else _("a point in {n} dimensions").format(n=x.size)


def _left(k: int, what: str, norm_text: str, limit: float) -> str:
    return _("diverged after {steps}: {what} left the range {norm} <= {limit}").format(
        steps=_steps(k), what=what, norm=norm_text, limit=f"{limit:.3g}")


# ==========================================================================================
# Quadratics: one eigendirection at a time
# ==========================================================================================
def _curvatures(lam_min, lam_max) -> tuple[float, float]:
    lam_min = validate.positive("lam_min", lam_min)
    lam_max = validate.positive("lam_max", lam_max)
    if lam_max < lam_min:
        raise ValueError(_("lam_max must be >= lam_min, got lam_min = {lam_min:g}, "
                           "lam_max = {lam_max:g}").format(lam_min=lam_min, lam_max=lam_max))
    return lam_min, lam_max


def condition_number(lam_min, lam_max) -> float:
    """kappa = lambda_max / lambda_min: how much steeper the steepest direction is."""
    lam_min, lam_max = _curvatures(lam_min, lam_max)
    return lam_max / lam_min


def gd_factor(lam, lr) -> float:
    """Plain descent along one eigendirection with curvature lambda: the error is multiplied
    by (1 - lr lambda) every step, so it shrinks when |1 - lr lambda| < 1."""
    lam, lr = validate.positive("lam", lam), validate.positive("lr", lr)
    return abs(1.0 - lr * lam)


def momentum_factor(lam, lr, momentum, nesterov: bool = False) -> float:
    """SGD with momentum along one eigendirection with curvature lambda: the factor by which
    the error shrinks per step in the long run (> 1: it grows).

    Heavy ball: e_(k+1) = (1 + mu - lr lambda) e_k - mu e_(k-1), so the factor is the larger
    |root| of z^2 - (1 + mu - lr lambda) z + mu = 0 (sqrt(mu) when the roots are complex: the
    ball spirals in). Nesterov: z^2 - (1 + mu - lr lambda (1 + mu)) z + mu (1 - lr lambda).
    """
    lam, lr = validate.positive("lam", lam), validate.positive("lr", lr)
    mu = _fraction("momentum", momentum)
    if nesterov:
        trace, det = 1.0 + mu - lr * lam * (1.0 + mu), mu * (1.0 - lr * lam)
    else:
        trace, det = 1.0 + mu - lr * lam, mu
    disc = trace * trace - 4.0 * det
    if disc < 0.0:
        return math.sqrt(det)
    return (abs(trace) + math.sqrt(disc)) / 2.0


def best_gd(lam_min, lam_max) -> tuple[float, float]:
    """The learning rate that makes the worst direction as fast as possible, and its factor:
    lr = 2 / (lambda_min + lambda_max), factor (kappa - 1) / (kappa + 1): the slowest and the
    steepest direction then shrink by the same |1 - lr lambda|."""
    lam_min, lam_max = _curvatures(lam_min, lam_max)
    kappa = lam_max / lam_min
    return 2.0 / (lam_min + lam_max), (kappa - 1.0) / (kappa + 1.0)


def best_momentum(lam_min, lam_max) -> tuple[float, float, float]:
    """The best heavy ball for curvatures in [lambda_min, lambda_max] (Polyak):
    lr = 4 / (sqrt(lambda_max) + sqrt(lambda_min))^2, momentum = r^2 and factor
    r = (sqrt(kappa) - 1) / (sqrt(kappa) + 1): every direction then shrinks by r per step."""
    lam_min, lam_max = _curvatures(lam_min, lam_max)
    root = math.sqrt(lam_max / lam_min)
    r = (root - 1.0) / (root + 1.0)
    return 4.0 / (math.sqrt(lam_max) + math.sqrt(lam_min)) ** 2, r * r, r


def eigen_errors(points, hessian, minimum) -> np.ndarray:
    """|component of x_k - x* along each eigenvector of the Hessian|, one column per
    eigendirection (smallest curvature first), one row per iterate. On a quadratic each
    column evolves on its own."""
    pts = np.asarray(points, dtype=float)
    if pts.ndim != 2:
        raise ValueError(_("points must be a (k+1, d) array of iterates, got shape {shape}")
                         .format(shape=pts.shape))
    H = validate.array("hessian", hessian, shape=(pts.shape[1], pts.shape[1]))
    Q = np.linalg.eigh(H)[1]
    with np.errstate(all="ignore"):
        return np.abs((pts - np.asarray(minimum, dtype=float)) @ Q)


def measured_factor(errors, start: int, stop: int) -> float:
    """The mean shrink factor per step of a positive sequence between two steps:
    (e_stop / e_start) ** (1 / (stop - start))."""
    e = np.asarray(errors, dtype=float)
    start = validate.integer("start", start, low=0)
    stop = validate.integer("stop", stop, low=start + 1, high=len(e) - 1)
    if not (e[start] > 0 and e[stop] > 0):
        raise ValueError(_("errors must be positive at steps {start} and {stop}, got "
                           "{first:g} and {last:g}").format(start=start, stop=stop,
                                                            first=e[start], last=e[stop]))
    return float((e[stop] / e[start]) ** (1.0 / (stop - start)))


def steps_to(errors, fraction: float) -> int | None:
    """The first step k with errors[k] <= fraction * errors[0], or None if never."""
    fraction = validate.positive("fraction", fraction, high=1.0)
    e = np.asarray(errors, dtype=float)
    hit = np.flatnonzero(e <= fraction * e[0])
    return int(hit[0]) if hit.size else None


# ==========================================================================================
# Learning-rate schedules
# ==========================================================================================
class Schedule:
    """The learning rate of each epoch (epochs count from 1): `schedule(epoch) -> lr`."""

    def __init__(self, lr: float, rule: Callable[[int], float], text: str):
        self.lr = validate.positive("lr", lr)
        self._rule = rule
        self.text = text

    def __call__(self, epoch: int) -> float:
        epoch = validate.integer("epoch", epoch, low=1)
        return self._rule(epoch)

    def __repr__(self) -> str:
        return self.text


def constant(lr: float) -> Schedule:
    """lr in every epoch."""
    lr = validate.positive("lr", lr)
    return Schedule(lr, lambda epoch: lr, _("constant lr = {lr:g}").format(lr=lr))


def step_decay(lr: float, factor: float = 0.5, every: int = 10) -> Schedule:
    """lr * factor^floor((epoch - 1) / every): the rate drops by `factor` every `every`
    epochs (torch.optim.lr_scheduler.StepLR)."""
    lr = validate.positive("lr", lr)
    factor = validate.number("factor", factor, low=0.0, high=1.0, low_open=True)
    every = validate.integer("every", every, low=1)
    return Schedule(lr, lambda epoch: lr * factor ** ((epoch - 1) // every),
                    _("step decay: lr = {lr:g}, x{factor:g} every {every} epochs").format(
                        lr=lr, factor=factor, every=every))


def cosine(lr: float, epochs: int, lr_min: float = 0.0) -> Schedule:
    """lr_min + (lr - lr_min) (1 + cos(pi (epoch - 1) / epochs)) / 2: from lr down to near
    lr_min along half a cosine over `epochs` epochs (torch.optim.lr_scheduler.
    CosineAnnealingLR), then lr_min's neighbour stays."""
    lr = validate.positive("lr", lr)
    epochs = validate.integer("epochs", epochs, low=1)
    lr_min = validate.number("lr_min", lr_min, low=0.0, high=lr)

    def rule(epoch: int) -> float:
        e = min(epoch, epochs) - 1
        return lr_min + (lr - lr_min) * (1.0 + math.cos(math.pi * e / epochs)) / 2.0

    return Schedule(lr, rule, _("cosine: lr = {lr:g} -> {lr_min:g} over {epochs} epochs")
                    .format(lr=lr, lr_min=lr_min, epochs=epochs))
