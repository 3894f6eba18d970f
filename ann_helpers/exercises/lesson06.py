"""Lesson 06 exercises: the loss function. The expected answers are computed with the lesson's
own helpers (ann_helpers.losses), never typed in."""

from __future__ import annotations

import numpy as np
import sympy as sp

from ..losses import cross_entropy_logits_grad, one_hot, squared_error, symbolic_example_loss
from . import exercise, number, numbers_close

#: exercise 06.1: the squared error of three predictions
Y_HAT, Y = (2.0, 0.5, 3.0), (1.5, 1.0, 3.0)
exercise(
    "06.1",
    f"Predictions y_hat = {Y_HAT}, labels y = {Y}. What is the squared-error loss "
    "L = 1/2 sum (y_hat - y)^2?",
    number(squared_error(Y_HAT, Y)),
    hint="Square each difference, add them up, and do not forget the factor 1/2.",
)

#: exercise 06.2: a partial derivative of the loss with respect to a parameter
EXAMPLE = (2.0, -1.0, 4.0)          # x1, x2, y
AT = {"a": 1.0, "b": 1.0, "c": 1.0}
_L, _grads = symbolic_example_loss(*EXAMPLE)
_a = sp.Symbol("a")
exercise(
    "06.2",
    "The model f(x1, x2) = a x1 + b x2 + c meets one training example x1 = 2, x2 = -1 with "
    "label y = 4; the loss is L(a, b, c) = 1/2 (f - y)^2. What is dL/da at a = b = c = 1?",
    number(float(_grads[0].subs({sp.Symbol(k): v for k, v in AT.items()}))),
    hint="By the chain rule dL/da = (f - y) * df/da, and df/da = x1.",
)

#: exercise 06.3: the gradient of cross-entropy with respect to the logits
Z, CLASS = np.array([2.0, 1.0, 0.0]), 0
exercise(
    "06.3",
    f"A classifier's raw outputs (logits) are z = {tuple(Z)} and the right class is number "
    f"{CLASS} (the first). Give the gradient dL/dz of the softmax cross-entropy loss as a "
    "list of three numbers (3 decimals are enough).",
    numbers_close(cross_entropy_logits_grad(Z, one_hot(CLASS, 3)), tol=1e-3),
    hint="dL/dz = softmax(z) - onehot: compute e^z_k / sum_j e^z_j, then subtract 1 from the "
         "right class.",
)
