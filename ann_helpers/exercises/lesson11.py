"""Lesson 11 exercises: the best heavy ball for a condition number, Adam's first step,
writing the momentum update (a code exercise, on the shared runner), and a prediction of the
optimizer explorer's long-run verdict. Expected answers come from the maths and from
`ann_helpers.optimizers`, never typed in."""

from __future__ import annotations

import numpy as np

from .. import functions as F
from ..i18n import N_, _
from ..optimizers import Adam, best_momentum, momentum_factor
from . import choice, exercise, number, states
from .answers import safe_repr
from .runner import Case, code, compare_array

#: exercise 1: curvatures from 1 to KAPPA
KAPPA = 100.0
exercise(
    "11.1",
    states(N_("A quadratic's curvatures run from 1 to 100 (condition number kappa = 100). "
               "With the best learning rate and momentum, by what factor does the heavy ball "
               "shrink the error per step?"),
            f"from 1 to {KAPPA:g} (condition number kappa = {KAPPA:g})"),
    number(best_momentum(1.0, KAPPA)[2], decimals=3, mistakes={
        (KAPPA - 1) / (KAPPA + 1): N_("That is plain descent's best factor, (kappa - 1) / "
                                      "(kappa + 1); momentum replaces kappa by its square "
                                      "root."),
        best_momentum(1.0, KAPPA)[1]: N_("That is the best momentum mu*, the square of the "
                                         "factor.")}),
    hint=N_("The best heavy ball shrinks every direction by (sqrt(kappa) - 1) / "
            "(sqrt(kappa) + 1)."),
    more=N_("kappa is the largest curvature over the smallest; take its square root first."),
)

#: exercise 2: Adam's very first step for this gradient
GRADIENT = (0.001, 500.0)
LR = 0.01
_adam = Adam(LR)
_first = _adam.step(np.zeros(2), np.array(GRADIENT))
#: the typical mistake: step 1 without bias correction, m = (1 - beta1) g, v = (1 - beta2) g^2
_b1, _b2 = _adam.betas
#: (with eps, and without it: at this small gradient eps changes the 5th decimal)
_NO_CORRECTION = [LR * (1 - _b1) * GRADIENT[0] / (np.sqrt((1 - _b2) * GRADIENT[0] ** 2) + eps)
                  for eps in (_adam.eps, 0.0)]
_NOT_CORRECTED = N_("Without bias correction m and v start too small; at step 1 Adam divides "
                    "m by (1 - beta1) and v by (1 - beta2).")
exercise(
    "11.2",
    states(N_("Adam with lr = 0.01 and the default betas takes its first step where the "
               "gradient is g = (0.001, 500.0). How far does the first coordinate move (a "
               "positive number)?"), f"lr = {LR} ", f"g = {GRADIENT}."),
    number(abs(float(_first[0])), decimals=5, mistakes={
        LR * GRADIENT[0]: N_("lr * g is plain gradient descent's step; Adam divides by "
                             "sqrt(v_hat) + eps."),
        **dict.fromkeys(_NO_CORRECTION, _NOT_CORRECTED)}),
    hint=N_("After bias correction, step 1 has m_hat = g and v_hat = g², so each coordinate "
            "moves by lr * g / (|g| + eps)."),
    more=states(N_("Compute g / (|g| + eps) for the first coordinate, g = 0.001 and "
                    "eps = 1e-8, then multiply by lr."),
                 f"g = {GRADIENT[0]} "),
)


# -- exercise 3: code, on the shared runner: a driver runs the learner's step several times
def _drive_steps(momentum_step, x, v, grad, lr, mu, steps):
    out = []
    for _step in range(steps):
        result = momentum_step(np.array(x, dtype=float), np.array(v, dtype=float),
                               grad(np.array(x, dtype=float)), lr, mu)
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            return result                      # the comparison says what is wrong with it
        x, v = result
        out.append((x, v))
    return out


def _reference(x, v, grad, lr, mu, steps):
    out = []
    for _step in range(steps):
        v = mu * np.asarray(v, dtype=float) + grad(np.asarray(x, dtype=float))
        x = np.asarray(x, dtype=float) - lr * v
        out.append((x, v))
    return out


def _same_steps(got, want):
    if not isinstance(got, list):
        return _("return the pair (x_new, v_new), got {value}").format(value=safe_repr(got))
    for k, (pair, (rx, rv)) in enumerate(zip(got, want, strict=True), start=1):
        for name, g, r in (("x_new", pair[0], rx), ("v_new", pair[1], rv)):
            problem = compare_array(g, r, 1e-9)
            if problem is not None:
                return _("step {k}, {name}: {problem}").format(k=k, name=name,
                                                               problem=problem)
    return None


VALLEY = F.get("narrow_bowl")
LESSON_LR, LESSON_MU = best_momentum(2.0, 20.0)[:2]
LESSON_START = (-5.0, -2.0)
_EXPECT = N_("the heavy-ball step, x_new and v_new arrays of shape (2,)")
CASES = [
    Case(((1.0, 2.0), (0.0, 0.0), lambda x: np.array([2.0, 20.0]), 0.1, 0.9, 1), _EXPECT,
         N_("one step from x = (1, 2), v = (0, 0), g = (2, 20), lr = 0.1, mu = 0.9")),
    Case(((0.0, 0.0), (1.0, -1.0), lambda x: np.array([0.5, 0.5]), 0.2, 0.5, 1), _EXPECT,
         N_("one step with an old velocity v = (1, -1), g = (0.5, 0.5), lr = 0.2, mu = 0.5")),
    Case(((3.0, 1.0), (0.0, 0.0), VALLEY.grad, 0.05, 0.0, 3),
         N_("the heavy-ball step, x_new and v_new arrays of shape (2,) (mu = 0: plain "
            "gradient descent)"), N_("mu = 0, 3 steps on x^2 + 10y^2")),
    Case((LESSON_START, (0.0, 0.0), VALLEY.grad, LESSON_LR, LESSON_MU, 5), _EXPECT,
         N_("the lesson's first five points on x^2 + 10y^2 from (-5, -2)")),
]
exercise(
    "11.3",
    N_("Write momentum_step(x, v, g, lr, mu) returning (x_new, v_new) for one heavy-ball "
       "step: the new velocity is mu times the old one plus the gradient, and x moves by -lr "
       "times the new velocity. The checker also runs it five times from the lesson's start "
       "point."),
    code("momentum_step", ("x", "v", "g", "lr", "mu"), CASES, _reference, _same_steps,
         drive=_drive_steps),
    hint=N_("The velocity first: it keeps mu of its old value and adds the gradient."),
    more=N_("Then x steps against the new velocity, scaled by lr. Return both, as a pair (x, "
            "v and g are numpy arrays, so one line each handles every coordinate)."),
)


#: exercise 11.4 (prediction): momentum lets the learning rate pass plain descent's limit
PREDICT_LR, PREDICT_MU = 0.15, 0.9
_CURVATURES = np.linalg.eigvalsh(VALLEY.hessian(None))
_WORST = max(momentum_factor(lam, PREDICT_LR, PREDICT_MU) for lam in _CURVATURES)
exercise(
    "11.4",
    states(N_("In the optimizer explorer (valley x^2 + 10y^2, momentum (heavy ball), start "
               "(-5, -2)), set lr = 0.15, above plain descent's limit 2/20 = 0.1, and momentum "
               "mu = 0.9. Before you move the sliders: will the status say that in the long run "
               "the error along the worse eigendirection 'shrinks' or 'grows' from step to "
               "step?"), f"lr = {PREDICT_LR:g},", f"mu = {PREDICT_MU:g}."),
    choice((N_("shrinks"), N_("grows")), "shrinks" if _WORST < 1 else "grows", mistakes={
        "grows": N_("The limit lr < 2/lambda is plain descent's (mu = 0). With momentum the "
                    "factor is a root of z^2 - (1 + mu - lr lambda) z + mu = 0: what is its "
                    "size here?")}),
    hint=states(N_("Put lr lambda = 0.15 * 20 = 3 and mu = 0.9 into z^2 - (1 + mu - lr "
                    "lambda) z + mu = 0."), f"lr lambda = {PREDICT_LR:g} * ",
                 f"mu = {PREDICT_MU:g} "),
    more=N_("When the two roots are complex, they have the same size, and their product is "
            "mu."),
    kind="prediction",
)
