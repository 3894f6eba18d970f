"""Lesson 11 exercises: the best heavy ball for a condition number, Adam's first step, and
writing the momentum update (a code exercise). Expected answers come from the maths and from
`ann_helpers.optimizers`, never typed in."""

from __future__ import annotations

import warnings

import numpy as np

from .. import functions as F
from ..optimizers import Adam, best_momentum
from . import exercise, number

#: exercise 1: curvatures from 1 to KAPPA
KAPPA = 100.0
exercise(
    "11.1",
    f"A quadratic's curvatures run from 1 to {KAPPA:g} (condition number kappa = {KAPPA:g}). "
    "With the best learning rate and momentum, by what factor does the heavy ball shrink the "
    "error per step?",
    number(best_momentum(1.0, KAPPA)[2], tol=1e-3),
    hint="The best heavy ball shrinks every direction by (sqrt(kappa) - 1) / (sqrt(kappa) + 1).",
)

#: exercise 2: Adam's very first step for this gradient
GRADIENT = (0.001, 500.0)
LR = 0.01
_first = Adam(LR).step(np.zeros(2), np.array(GRADIENT))
exercise(
    "11.2",
    f"Adam with lr = {LR} and the default betas takes its first step where the gradient is "
    f"g = {GRADIENT}. How far does the first coordinate move (a positive number)?",
    number(abs(float(_first[0])), tol=1e-5),
    hint="After bias correction, step 1 has m_hat = g and v_hat = g², so each coordinate "
         "moves by lr * g / (|g| + eps).",
)


# -- exercise 3: code -----------------------------------------------------------------------
class CodeCheck:
    """Run a learner's function on several cases and say which one failed, if any.

    Calling it returns True or False and never raises, whatever the function does (raises,
    returns the wrong type, prints, warns); when a case fails, a one-line report naming the
    case (its inputs, never the expected output) is printed and kept in `report`.
    """

    kind = "code"

    def __init__(self, cases, run, expected, name: str):
        self.cases = cases          # [(description, arguments)]
        self.run = run              # run(function, arguments) -> what the function gave
        self.expected = expected    # expected(arguments) -> the right result
        self.name = name
        self.report = ""

    def __call__(self, answer) -> bool:
        self.report = ""
        if not callable(answer):
            self.report = (f"{self.name} must be a function (def {self.name}(...): ...), got "
                           f"{type(answer).__name__}")
            print(self.report)
            return False
        for i, (description, args) in enumerate(self.cases, start=1):
            where = f"case {i} of {len(self.cases)} ({description})"
            try:
                with warnings.catch_warnings(), np.errstate(all="ignore"):
                    warnings.simplefilter("ignore")
                    got = self.run(answer, args)
                    right = self.expected(args)
                    ok, why = _same_pairs(got, right)
            except _Wrong as err:
                self.report = f"{where}: {err}"
                print(self.report[:300])
                return False
            except (Exception, SystemExit) as err:  # noqa: BLE001 (a learner's code may do anything)
                self.report = f"{where}: your function raised {type(err).__name__}: {err}"
                print(self.report[:300])
                return False
            if not ok:
                self.report = f"{where}: {why}"
                print(self.report[:300])
                return False
        return True


def _same_pairs(got, right) -> tuple[bool, str]:
    """Compare [(x, v), ...] results; say what is wrong without showing the right numbers."""
    for k, ((gx, gv), (rx, rv)) in enumerate(zip(got, right, strict=True), start=1):
        for name, g, r in (("x_new", gx, rx), ("v_new", gv, rv)):
            arr = np.asarray(g, dtype=float) if g is not None else None
            if arr is None or arr.shape != np.shape(r):
                return False, (f"step {k}: {name} should be an array of shape {np.shape(r)}, "
                               f"got {g!r:.60}")
            if not np.allclose(arr, r, rtol=1e-9, atol=1e-12):
                return False, f"step {k}: {name} is not the heavy-ball update"
    return True, ""


class _Wrong(Exception):
    """A result of the wrong form (not an error of the learner's code itself)."""


def _pair(result):
    if result is None:
        raise _Wrong("your function returned None: replace the placeholder with your code "
                     "and return x_new, v_new")
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise _Wrong(f"return the pair (x_new, v_new), got {result!r:.60}")
    return result


def _run_steps(fn, args):
    x, v, grad, lr, mu, steps = args
    out = []
    for _ in range(steps):
        x, v = _pair(fn(np.array(x, dtype=float), np.array(v, dtype=float),
                        grad(np.array(x, dtype=float)), lr, mu))
        out.append((x, v))
        x, v = np.asarray(x, dtype=float), np.asarray(v, dtype=float)
    return out


def _reference(args):
    x, v, grad, lr, mu, steps = args
    out = []
    for _ in range(steps):
        v = mu * np.asarray(v, dtype=float) + grad(np.asarray(x, dtype=float))
        x = np.asarray(x, dtype=float) - lr * v
        out.append((x, v))
    return out


VALLEY = F.get("narrow_bowl")
#: the lesson's heavy ball on the valley x^2 + 10y^2 (best lr and momentum for kappa = 10)
LESSON_LR, LESSON_MU, _ = best_momentum(2.0, 20.0)
LESSON_START = (-5.0, -2.0)
CASES = [
    ("one step from x = (1, 2), v = (0, 0), g = (2, 20), lr = 0.1, mu = 0.9",
     ((1.0, 2.0), (0.0, 0.0), lambda x: np.array([2.0, 20.0]), 0.1, 0.9, 1)),
    ("one step with an old velocity v = (1, -1), g = (0.5, 0.5), lr = 0.2, mu = 0.5",
     ((0.0, 0.0), (1.0, -1.0), lambda x: np.array([0.5, 0.5]), 0.2, 0.5, 1)),
    ("mu = 0 is plain gradient descent, 3 steps on x² + 10y²",
     ((3.0, 1.0), (0.0, 0.0), VALLEY.grad, 0.05, 0.0, 3)),
    ("the lesson's first five points on x² + 10y² from (-5, -2)",
     (LESSON_START, (0.0, 0.0), VALLEY.grad, LESSON_LR, LESSON_MU, 5)),
]
exercise(
    "11.3",
    "Write momentum_step(x, v, g, lr, mu) returning (x_new, v_new) for one heavy-ball step: "
    "the new velocity is mu times the old one plus the gradient, and x moves by -lr times "
    "the new velocity. The checker also runs it five times from the lesson's start point.",
    CodeCheck(CASES, _run_steps, _reference, "momentum_step"),
    hint="The velocity first: it keeps mu of its old value and adds the gradient. Then x "
         "steps against the new velocity, scaled by lr. Return both, as a pair (x, v and g "
         "are numpy arrays, so one line each handles every coordinate).",
)

