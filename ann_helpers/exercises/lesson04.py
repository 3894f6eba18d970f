"""Lesson 04 exercises: gradient descent in 2-D. The expected answers are computed with
ann_helpers.descent and ann_helpers.functions, never typed in."""

from __future__ import annotations

import numpy as np

from .. import functions as F
from ..descent import STATUSES, gradient_descent
from ..i18n import N_, _
from . import choice, exercise, number, numbers_close, states
from .runner import Case, code, compare_array, compare_number, compare_parts

_BOWL = F.get("bowl")
_P = np.array([3.0, -1.0])

#: exercise 04.1: a gradient in 2-D
exercise(
    "04.1",
    N_("f(x, y) = x^2 + y^2. What is the gradient at (3, -1)? Answer as a pair (gx, gy)."),
    numbers_close(_BOWL.grad(_P), decimals=4, mistakes={
        tuple(_P): N_("That is the point itself; the gradient is (df/dx, df/dy) there.")}),
    hint=N_("The gradient is the pair of partial derivatives (df/dx, df/dy)."),
    more=N_("df/dx = 2x and df/dy = 2y: put in x = 3 and y = -1."),
)

#: exercise 04.2: one step in 2-D
_STEP = gradient_descent(_BOWL.grad, _P, 0.25, steps=1, tol=0.0)
exercise(
    "04.2",
    N_("Same f, one step of gradient descent from (3, -1) with lr = 0.25: the new point?"),
    numbers_close(_STEP.points[1], decimals=4, mistakes={
        tuple(_P + 0.25 * _BOWL.grad(_P)): N_("Descent subtracts lr times the gradient.")}),
    hint=N_("(x, y)_new = (x, y) - lr * gradient."),
    more=N_("Work coordinate by coordinate: x_new = x - lr * 2x, y_new = y - lr * 2y."),
)

#: exercise 04.3: the stability limit of the ill-conditioned bowl
_NARROW = F.get("narrow_bowl")
exercise(
    "04.3",
    N_("f(x, y) = x^2 + 10y^2. Above which learning rate does gradient descent blow up along y?"),
    number(_NARROW.lr_limit(), decimals=4, mistakes={
        2 * _NARROW.lr_limit(): N_("d^2f/dy^2 of 10y^2 is 20, not 10."),
        10 * _NARROW.lr_limit(): N_("That is the limit along x (f_xx = 2); y is the stiffer "
                                    "direction.")}),
    hint=N_("Along y, one step multiplies y by a factor; when does its size exceed 1?"),
    more=N_("The factor is (1 - lr * 20), since d^2f/dy^2 = 20. When does |1 - 20 lr| exceed 1?"),
)


#: exercise 04.4 (code): the descent loop with a stopping rule
def _descend_reference(grad, p0, lr, tol, max_steps):
    run = gradient_descent(grad, p0, lr, steps=max_steps, tol=tol)
    return run.x, run.steps


def _compare_descend(got, want):
    """steps first: a wrong stopping rule shows as a wrong count of steps."""
    if isinstance(got, tuple | list) and len(got) == 2:
        problem = compare_number(got[1], want[1], 0)
        if problem is not None:
            return _("steps: {problem} (check the stopping rule)").format(problem=problem)
    return compare_parts(got, want, (lambda g, w: compare_array(g, w, 1e-9),
                                     lambda g, w: compare_number(g, w, 0)), ("p", "steps"))


_EXPECT = N_("a pair (p, steps): p an array of shape (2,), steps a whole number <= max_steps; "
             "it stops at the first point where |grad| < tol")
_DESCEND = [
    Case((_BOWL.grad, np.array([3.0, -1.0]), 0.25, 1e-6, 100), _EXPECT,
         N_("grad of x^2 + y^2, p0 = (3, -1), lr = 0.25, tol = 1e-6, max_steps = 100")),
    Case((_NARROW.grad, np.array([-5.0, -2.0]), 0.09, 1e-6, 500), _EXPECT,
         N_("grad of x^2 + 10y^2, p0 = (-5, -2), lr = 0.09, tol = 1e-6, max_steps = 500")),
    Case((_NARROW.grad, np.array([-5.0, -2.0]), 0.01, 1e-6, 5),
         N_("a pair (p, steps): p an array of shape (2,), steps a whole number <= max_steps; "
            "it stops at the first point where |grad| < tol (here the budget runs out first)"),
         N_("grad of x^2 + 10y^2, p0 = (-5, -2), lr = 0.01, tol = 1e-6, max_steps = 5")),
    Case((_BOWL.grad, np.array([0.0, 0.0]), 0.1, 1e-6, 50),
         N_("a pair (p, steps): p an array of shape (2,), steps a whole number <= max_steps; "
            "it stops at the first point where |grad| < tol (p0 is the minimum: no step at all)"),
         N_("grad of x^2 + y^2, p0 = (0, 0), lr = 0.1, tol = 1e-6, max_steps = 50")),
]
exercise(
    "04.4",
    N_("Write descend(grad, p0, lr, tol, max_steps): gradient descent from the point p0 (a numpy "
       "array), p <- p - lr grad(p), stopping as soon as |grad(p)| < tol or after max_steps "
       "steps. Return p and the number of steps taken."),
    code("descend", ("grad", "p0", "lr", "tol", "max_steps"), _DESCEND, _descend_reference,
         _compare_descend),
    hint=N_("A while loop with two conditions: the gradient is still long, and the budget is "
            "not used up."),
    more=N_("Count the steps in a variable. Loop while the gradient's length (np.linalg.norm) is "
            "at least tol and the count is below max_steps, and compute the gradient again at "
            "every new point: the stopping test is made where you stand."),
)

#: exercise 04.5 (prediction): the status of a run before moving the slider
PREDICT_LR = 1.0
_START = np.array([-5.0, -5.0])
_STATUS = gradient_descent(_BOWL.grad, _START, PREDICT_LR, steps=50, f=_BOWL.f).status
#: the question names PREDICT_LR (a marked text has no placeholders the framework would fill)
QUESTION_04_5 = N_("In the 2-D explorer, choose the round bowl x^2 + y^2, start (-5, -5), 50 "
                   "steps. Before moving the lr slider to 1, predict the status: 'converged', "
                   "'oscillating', 'diverged' or 'max_steps'?")
exercise(
    "04.5",
    states(QUESTION_04_5, f"slider to {PREDICT_LR:g},"),
    choice(STATUSES, _STATUS, mistakes={
        "diverged": N_("Compute the factor 1 - lr f'' along each axis (f'' = 2): is its size "
                       "above 1, or exactly 1?")}),
    hint=N_("Each step multiplies each coordinate by 1 - lr * 2."),
    more=N_("With lr = 1 the factor is 1 - 2 = -1: where is the point after one step, and after "
            "two?"),
    kind="prediction",
)
