"""Lesson 02 exercises: enumeration (trial) search. The expected answers are computed by the
lesson's own helpers in ann_helpers.search, never typed in."""

from __future__ import annotations

from .. import functions as F
from ..i18n import N_
from ..search import derivative_sign_search, enumeration_search
from . import choice, exercise, number
from .runner import Case, code, compare_number

_F = F.get("square_plus_3x")

#: exercise 02.1: where a coarse trial search stops
_RUN = enumeration_search(_F.f, 1.0, 1.0)
exercise(
    "02.1",
    N_("f(x) = x^2 + 3x. Enumeration search from x = 1 with step 1: at which x does it stop?"),
    number(_RUN.x, whole=True, mistakes={
        -2: N_("A move needs f to be lower; equal is not lower. Compare f(-2) with f(-1)."),
        -1.5: N_("-1.5 is where f is smallest, but a search with step 1 from x = 1 only "
                 "visits whole numbers.")}),
    hint=N_("Try x + 1 first, then x - 1; keep going while f falls; stop at the first step "
            "that does not lower f."),
    more=N_("Tabulate f at the whole numbers from 2 down to -3 and walk the table; equal is "
            "not lower."),
)

#: exercise 02.2: the derivative's sign gives the direction without a trial
_D = derivative_sign_search(_F.grad, 1.0, 1.0)
_DIRECTION = "left" if _D.points[1] < _D.points[0] else "right"
exercise(
    "02.2",
    N_("Same f(x) = x^2 + 3x at x = 1. Without trying a step: which way is downhill, "
       "'left' or 'right'?"),
    choice((N_("left"), N_("right")), _DIRECTION),
    hint=N_("The sign of the slope f'(1) says which way f grows."),
    more=N_("Compute f'(x) = 2x + 3 at x = 1. A positive slope means f grows to the right."),
)

#: exercise 02.3: the cost of one round of compass search in n dimensions
N = 10  # the question states it: n = 10
exercise(
    "02.3",
    N_("Compass search in n = 10 dimensions tries a step along each coordinate axis in both "
       "directions. At most how many evaluations of f does one round (without a move) cost?"),
    number(2 * N, whole=True, mistakes={N: N_("Each axis is tried in two directions.")}),
    hint=N_("Count the directions tried in one round."),
    more=N_("Each axis gives two directions, + and -. How many axes are there?"),
)


#: exercise 02.4 (code): one trial step
def _trial_reference(f, x, step):
    return enumeration_search(f, x, step, max_steps=1).x


_SQ, _TWO = F.get("square"), F.get("two_minima")


def _minus_x(x):
    return -x


_ONE_OF = N_("a number: x + step, x - step or x itself")
_TRIAL = [
    Case((_F.f, 1.0, 1.0), _ONE_OF, "f = x^2 + 3x, x = 1, step = 1"),
    Case((_F.f, -3.0, 1.0), _ONE_OF, "f = x^2 + 3x, x = -3, step = 1"),
    Case((_SQ.f, 0.0, 0.5), N_("a number: x + step, x - step or x itself (x = 0 is the minimum)"),
         "f = x^2, x = 0, step = 0.5"),
    Case((_F.f, -2.0, 1.0), N_("a number: x + step, x - step or x itself (equal is not lower)"),
         "f = x^2 + 3x, x = -2, step = 1"),
    Case((_minus_x, 0.0, 0.25), _ONE_OF, "f = -x, x = 0, step = 0.25"),
    Case((_TWO.f, 1.0, 0.5), _ONE_OF, "f = x^4 - 3x^2 + x, x = 1, step = 0.5"),
]
exercise(
    "02.4",
    N_("Write trial_step(f, x, step): one trial of the enumeration search. Try x + step; if f "
       "is lower there, return it. Else try x - step; if f is lower there, return it. Else "
       "return x (the search stops)."),
    code("trial_step", ("f", "x", "step"), _TRIAL, _trial_reference,
         compare=lambda got, want: compare_number(got, want, 1e-12)),
    hint=N_("Compare f at the candidate with f at x: a move needs a strictly lower value."),
    more=N_("Compare with <, not <=: a tie is not a move. Try the right side first; only when "
            "it does not lower f, try the left; when neither does, stay."),
)

#: exercise 02.5 (prediction): the explorer on two minima, before moving the sliders
_STUCK = enumeration_search(_TWO.f, 1.0, 0.5, max_steps=200)
exercise(
    "02.5",
    N_("In the explorer, choose f(x) = x^4 - 3x^2 + x, start x0 = 1 and step 0.5. Before you "
       "look: where will the search stop?"),
    number(_STUCK.x, decimals=2, mistakes={
        round(_TWO.minima[1], 2): N_("That is the nearby minimum itself; but the search only "
                                     "visits x0 plus or minus whole steps of 0.5."),
        round(_TWO.minima[0], 2): N_("That is the global minimum; the search only walks "
                                     "downhill from x0, one step of 0.5 at a time.")}),
    hint=N_("Compute f at 0.5, 1 and 1.5 before moving anything."),
    more=N_("If neither neighbour at distance 0.5 is lower than f(1), the search never moves."),
    kind="prediction",
)
