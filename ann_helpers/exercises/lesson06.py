"""Lesson 06 exercises: the loss function. The expected answers are computed with the lesson's
own helpers (ann_helpers.losses), never typed in.

The texts are marked with N_ and translated where they are shown, so each is one literal
(the catalog holds it whole): a question states its data in words, and the tests check
that those words match the constants the answers are computed from."""

from __future__ import annotations

import numpy as np
import sympy as sp

from ..i18n import N_
from ..losses import (
    LOSSES,
    cross_entropy_logits_grad,
    example_data,
    one_hot,
    softmax,
    squared_error,
    symbolic_example_loss,
)
from . import choice, exercise, number, numbers_close
from .runner import Case, code, compare_array, compare_number, compare_parts

#: exercise 06.1: the squared error of three predictions
Y_HAT, Y = (2.0, 0.5, 3.0), (1.5, 1.0, 3.0)
exercise(
    "06.1",
    N_("Predictions y_hat = (2.0, 0.5, 3.0), labels y = (1.5, 1.0, 3.0). What is the "
       "squared-error loss L = 1/2 sum (y_hat - y)^2?"),
    number(squared_error(Y_HAT, Y), decimals=4, mistakes={
        2 * squared_error(Y_HAT, Y): N_("Do not forget the factor 1/2.")}),
    hint=N_("Square each difference, then add."),
    more=N_("Square each difference, add them up, and do not forget the factor 1/2."),
)

#: exercise 06.2: a partial derivative of the loss with respect to a parameter
EXAMPLE = (2.0, -1.0, 4.0)          # x1, x2, y
AT = {"a": 1.0, "b": 1.0, "c": 1.0}
_L, _grads = symbolic_example_loss(*EXAMPLE)
_SUBS = {sp.Symbol(k): v for k, v in AT.items()}
_DA = float(_grads[0].subs(_SUBS))
exercise(
    "06.2",
    N_("The model f(x1, x2) = a x1 + b x2 + c meets one training example x1 = 2, x2 = -1 "
       "with label y = 4; the loss is L(a, b, c) = 1/2 (f - y)^2. What is dL/da at "
       "a = b = c = 1?"),
    number(_DA, whole=True, mistakes={
        -_DA: N_("Mind the sign of (f - y): is the model's output above or below the label?"),
        _DA / EXAMPLE[0]: N_("That is dL/df; the chain rule multiplies by df/da = x1.")}),
    hint=N_("Use the chain rule: L depends on a through f."),
    more=N_("dL/da = (f - y) * df/da, and df/da = x1."),
)

#: exercise 06.3: the gradient of cross-entropy with respect to the logits
Z, CLASS = np.array([2.0, 1.0, 0.0]), 0
exercise(
    "06.3",
    N_("A classifier's raw outputs (logits) are z = (2.0, 1.0, 0.0) and the right class is "
       "number 0 (the first). Give the gradient dL/dz of the softmax cross-entropy loss as a "
       "list of three numbers."),
    numbers_close(cross_entropy_logits_grad(Z, one_hot(CLASS, 3)), decimals=3, mistakes={
        tuple(softmax(Z)): N_("That is softmax(z); the gradient subtracts the one-hot label.")}),
    hint=N_("The gradient is softmax(z) minus the one-hot label."),
    more=N_("Compute e^z_k / sum_j e^z_j for each k, then subtract 1 from the right class."),
)


#: exercise 06.4 (code): the squared loss of one example and its gradient in a, b, c
def _loss_reference(a, b, c, x1, x2, y):
    L, grads = symbolic_example_loss(x1, x2, y)
    subs = {sp.Symbol("a"): a, sp.Symbol("b"): b, sp.Symbol("c"): c}
    return float(L.subs(subs)), np.array([float(g.subs(subs)) for g in grads])


def _compare_loss(got, want):
    return compare_parts(got, want, (lambda g, w: compare_number(g, w, 1e-9),
                                     lambda g, w: compare_array(g, w, 1e-9)), ("L", "grad"))


_LOSS = [
    Case((1.0, 1.0, 1.0, 2.0, -1.0, 4.0),
         N_("a pair (L, grad): L a number >= 0, grad three numbers (dL/da, dL/db, dL/dc)"),
         "a = b = c = 1, x1 = 2, x2 = -1, y = 4"),
    Case((1.0, 2.0, 1.0, 2.0, -1.0, 1.0),
         N_("a pair (L, grad): L a number >= 0, grad three numbers (dL/da, dL/db, dL/dc) "
            "(here f = y: L = 0 and grad = 0)"),
         "a = 1, b = 2, c = 1, x1 = 2, x2 = -1, y = 1"),
    Case((0.5, -1.0, 2.0, 0.0, 3.0, -2.0),
         N_("a pair (L, grad): L a number >= 0, grad three numbers (dL/da, dL/db, dL/dc) "
            "(x1 = 0: dL/da = 0)"),
         "a = 0.5, b = -1, c = 2, x1 = 0, x2 = 3, y = -2"),
    Case((-2.0, 0.5, 0.0, 1.5, 4.0, 10.0),
         N_("a pair (L, grad): L a number >= 0, grad three numbers (dL/da, dL/db, dL/dc) "
            "(f < y: the gradient in c is negative)"),
         "a = -2, b = 0.5, c = 0, x1 = 1.5, x2 = 4, y = 10"),
]
exercise(
    "06.4",
    N_("Write loss_and_gradient(a, b, c, x1, x2, y): for the model f = a x1 + b x2 + c and "
       "one example (x1, x2, y), return L = 1/2 (f - y)^2 and its gradient "
       "[dL/da, dL/db, dL/dc]."),
    code("loss_and_gradient", ("a", "b", "c", "x1", "x2", "y"), _LOSS, _loss_reference,
         _compare_loss),
    hint=N_("Compute the error e = f - y once; L and all three derivatives use it."),
    more=N_("Chain rule: dL/dp = dL/df * df/dp for each parameter p. What is dL/df for "
            "L = 1/2 (f - y)^2, and what is df/dc?"),
)


#: exercise 06.5 (prediction): after w is raised from the minimum, which way should b go?
MINIMUM_WB = (0.80, 1.10)   # where the explorer's status says "at the minimum" (slider grid)
PREDICT_W, B_STEP = 1.00, 0.05   # the new w; one step of the explorer's b slider
DIRECTIONS = ("up", "down", "stay")   # the words a learner answers with, in both editions


def _explorer_L(w: float, b: float) -> float:
    """The L the explorer's status shows: the squared error of the line over its data."""
    x, y = example_data()
    return float(LOSSES["squared_error"].f(w * x + b, y))


_B = MINIMUM_WB[1]
_L_DOWN, _L_HERE, _L_UP = (_explorer_L(PREDICT_W, _B + d) for d in (-B_STEP, 0.0, B_STEP))
_WAY = "down" if _L_DOWN < _L_HERE else "up" if _L_UP < _L_HERE else "stay"
exercise(
    "06.5",
    N_("In the fit-by-hand explorer (squared error), w = 0.80, b = 1.10 is at the minimum. "
       "Raise w to 1.00 and leave b at 1.10. Before you move b: to lower L again, should b go "
       "'up', 'down', or 'stay' (it is still the best b)?"),
    choice(DIRECTIONS, _WAY, mistakes={
        "stay": N_("b = 1.10 was the best b for w = 0.80; does the best b depend on w? Look at "
                   "how the level curves in the right panel are tilted."),
        "up": N_("A steeper line with the same b lies higher at every x > 0: are the "
                 "residuals y_hat_i - y_i now mostly positive or negative?")}),
    hint=N_("dL/db is the sum of the residuals (section 5): what is its sign now?"),
    more=N_("Raising w by 0.20 with b fixed adds 0.20 x_i to every prediction. Which sign does "
            "the sum of the residuals get, and which way does a step against the gradient "
            "move b?"),
    kind="prediction",
)
