"""Lesson 03 exercises: gradient descent in 1-D. The expected answers are computed with
ann_helpers.descent and ann_helpers.functions, never typed in."""

from __future__ import annotations

from .. import functions as F
from ..descent import gradient_descent
from . import exercise, number

_F = F.get("square_plus_3x")

#: exercise 03.1: one raw gradient step
_ONE = gradient_descent(_F.grad, 0.0, 0.1, steps=1, tol=0.0)
exercise(
    "03.1",
    "f(x) = x^2 + 3x. One step of raw gradient descent from x = 0 with lr = 0.1: what is x?",
    number(_ONE.points[1]),
    hint="x_new = x_old - lr * f'(x_old), with f'(x) = 2x + 3.",
)

#: exercise 03.2: the learning rate that lands on the minimum in one step
_G = F.quadratic([[6.0]])  # f(x) = 3x^2: f''(x) = 6
_LR_ONE_STEP = 1.0 / _G.max_curvature()
exercise(
    "03.2",
    "f(x) = 3x^2. Which learning rate makes raw gradient descent land exactly on the minimum "
    "in one step, from any start?",
    number(_LR_ONE_STEP),
    hint="x_new = x - lr * 6x = (1 - 6 lr) x. Which lr makes the factor (1 - 6 lr) zero?",
)

#: exercise 03.3: predict which minimum a run ends in
_TWO = F.get("two_minima")
_RUN = gradient_descent(_TWO.grad, 0.5, 0.05, steps=1000)
exercise(
    "03.3",
    "f(x) = x^4 - 3x^2 + x. Raw gradient descent from x = 0.5 with lr = 0.05: where does it "
    "end? Give x to two decimals.",
    number(round(_RUN.x, 2), tol=0.006),
    hint="Look at the sign of f'(0.5) = 4(0.5)^3 - 6(0.5) + 1 to see which way the run "
         "starts, then which minimum lies on that side (the basin plot shows it).",
)
