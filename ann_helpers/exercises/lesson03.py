"""Lesson 03 exercises: gradient descent in 1-D. The expected answers are computed with
ann_helpers.descent and ann_helpers.functions, never typed in."""

from __future__ import annotations

from .. import functions as F
from ..descent import REGIMES, gradient_descent, regime_name
from ..i18n import N_
from . import choice, exercise, number, states
from .runner import Case, code, compare_number, compare_parts

_F = F.get("square_plus_3x")

#: exercise 03.1: one raw gradient step
_ONE = gradient_descent(_F.grad, 0.0, 0.1, steps=1, tol=0.0)
exercise(
    "03.1",
    N_("f(x) = x^2 + 3x. One step of raw gradient descent from x = 0 with lr = 0.1: what is x?"),
    number(_ONE.points[1], decimals=4, mistakes={
        -_ONE.points[1]: N_("Gradient descent moves against the gradient: x_new = x - lr f'(x)."),
        _ONE.points[1] / 0.1: N_("Multiply the gradient by the learning rate.")}),
    hint=N_("x_new = x_old - lr * f'(x_old)."),
    more=N_("f'(x) = 2x + 3; evaluate it at x = 0, multiply by lr, subtract from x = 0."),
)

#: exercise 03.2: the learning rate that lands on the minimum in one step
_G = F.quadratic([[6.0]])  # f(x) = 3x^2: f''(x) = 6
_LR_ONE_STEP = 1.0 / _G.max_curvature()
exercise(
    "03.2",
    N_("f(x) = 3x^2. Which learning rate makes raw gradient descent land exactly on the minimum "
       "in one step, from any start?"),
    number(_LR_ONE_STEP, decimals=4, mistakes={
        2 * _LR_ONE_STEP: N_("At that lr the factor (1 - 6 lr) is -1: the run jumps between x "
                             "and -x for ever.")}),
    hint=N_("Write one step as x_new = (some factor) * x."),
    more=N_("x_new = x - lr * 6x = (1 - 6 lr) x. Which lr makes the factor (1 - 6 lr) zero? "
            "A fraction such as 1/7 is a fine answer."),
)

#: exercise 03.3: predict which minimum a run ends in
_TWO = F.get("two_minima")
_RUN = gradient_descent(_TWO.grad, 0.5, 0.05, steps=1000)
exercise(
    "03.3",
    N_("f(x) = x^4 - 3x^2 + x. Raw gradient descent from x = 0.5 with lr = 0.05: where does it "
       "end?"),
    number(_RUN.x, decimals=2, mistakes={
        _TWO.minima[0]: N_("That is the global minimum, but is it on the side the run starts "
                           "towards?")}),
    hint=N_("Look at the sign of f'(0.5) to see which way the run starts."),
    more=N_("f'(0.5) = 4(0.5)^3 - 6(0.5) + 1: its sign gives the direction; the run ends in the "
            "minimum on that side (the basin plot shows it)."),
)


#: exercise 03.4 (code): one raw step and one unit-gradient step
def _two_steps_reference(df, x, lr):
    return tuple(gradient_descent(df, x, lr, steps=1, tol=0.0, normalize=n).x
                 for n in (False, True))


_SQ = F.get("square")
_EXPECT = N_("a pair (x_raw, x_unit) of numbers, each on the downhill side of x")
_STEPS = [
    Case((_F.grad, 0.0, 0.1), _EXPECT, N_("df = f' of x^2 + 3x, x = 0, lr = 0.1")),
    Case((_SQ.grad, 10.0, 0.5), _EXPECT, N_("df = f' of x^2, x = 10, lr = 0.5")),
    Case((_SQ.grad, -4.0, 0.25), N_("a pair (x_raw, x_unit) of numbers, each on the downhill "
                                    "side of x (here f' < 0: both move right)"),
         N_("df = f' of x^2, x = -4, lr = 0.25")),
    Case((_TWO.grad, 0.5, 0.05), _EXPECT, N_("df = f' of x^4 - 3x^2 + x, x = 0.5, lr = 0.05")),
    Case((_SQ.grad, 0.0, 0.3), N_("a pair (x_raw, x_unit): at a point where f'(x) = 0 both "
                                  "stay at x"), N_("df = f' of x^2, x = 0, lr = 0.3")),
]


def _compare_steps(got, want):
    same = lambda g, w: compare_number(g, w, 1e-9)  # noqa: E731
    return compare_parts(got, want, (same, same), ("x_raw", "x_unit"))


exercise(
    "03.4",
    N_("Write two_steps(df, x, lr): from x, one step of raw gradient descent, x - lr f'(x), and "
       "one unit-gradient step of length lr against the slope. Return both, x_raw, x_unit. "
       "Where f'(x) = 0 both stay at x."),
    code("two_steps", ("df", "x", "lr"), _STEPS, _two_steps_reference, _compare_steps),
    hint=N_("Compute g = df(x) once; the raw step uses g, the unit step only its sign (g / |g|)."),
    more=N_("x_raw = x - lr * g; x_unit = x - lr * g / abs(g), except when g == 0 (then there is "
            "no direction: stay at x)."),
)

#: exercise 03.5 (prediction): the regime at a learning rate, before moving the slider
PREDICT_LR = 0.75
_REGIME = regime_name(PREDICT_LR, _SQ.max_curvature())
#: the question names PREDICT_LR (a marked text has no placeholders the framework would fill)
QUESTION_03_5 = N_("In the 1-D explorer (f(x) = x^2, raw gradient, x0 = 1), predict before "
                   "moving the slider what the run does at lr = 0.75: 'monotone', 'one step', "
                   "'oscillating convergence', 'a cycle' or 'divergence'?")
exercise(
    "03.5",
    states(QUESTION_03_5, f"lr = {PREDICT_LR}:"),
    choice(REGIMES, _REGIME, mistakes={
        "monotone": N_("Compute the factor 1 - lr f'' each step multiplies x by: is it "
                       "positive?"),
        "divergence": N_("Compute the factor 1 - lr f'': is its size above 1?")}),
    hint=N_("Each step multiplies x by the factor 1 - lr f''(x), and f'' = 2 here."),
    more=N_("Factor between 0 and 1: monotone; 0: one step; between -1 and 0: flips side and "
            "shrinks; -1: a cycle; below -1: divergence."),
    kind="prediction",
)
