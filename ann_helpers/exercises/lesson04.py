"""Lesson 04 exercises: gradient descent in 2-D. The expected answers are computed with
ann_helpers.descent and ann_helpers.functions, never typed in."""

from __future__ import annotations

import numpy as np

from .. import functions as F
from ..descent import gradient_descent
from . import exercise, number, numbers_close

_BOWL = F.get("bowl")
_P = np.array([3.0, -1.0])

#: exercise 04.1: a gradient in 2-D
exercise(
    "04.1",
    "f(x, y) = x^2 + y^2. What is the gradient at (3, -1)? Answer as a pair (gx, gy).",
    numbers_close(_BOWL.grad(_P)),
    hint="The gradient is (df/dx, df/dy) = (2x, 2y).",
)

#: exercise 04.2: one step in 2-D
_STEP = gradient_descent(_BOWL.grad, _P, 0.25, steps=1, tol=0.0)
exercise(
    "04.2",
    "Same f, one step of gradient descent from (3, -1) with lr = 0.25: the new point?",
    numbers_close(_STEP.points[1]),
    hint="(x, y)_new = (x, y) - lr * gradient, coordinate by coordinate.",
)

#: exercise 04.3: the stability limit of the ill-conditioned bowl
_NARROW = F.get("narrow_bowl")
exercise(
    "04.3",
    "f(x, y) = x^2 + 10y^2. Above which learning rate does gradient descent blow up along y?",
    number(_NARROW.lr_limit()),
    hint="Along y one step multiplies y by (1 - lr * 20), since d^2f/dy^2 = 20. When does "
         "|1 - 20 lr| exceed 1?",
)
