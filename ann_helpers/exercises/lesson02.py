"""Lesson 02 exercises: enumeration (trial) search. The expected answers are computed by the
lesson's own helpers in ann_helpers.search, never typed in."""

from __future__ import annotations

from .. import functions as F
from ..search import derivative_sign_search, enumeration_search
from . import exercise, number, word

_F = F.get("square_plus_3x")

#: exercise 02.1: where a coarse trial search stops
_RUN = enumeration_search(_F.f, 1.0, 1.0)
exercise(
    "02.1",
    "f(x) = x^2 + 3x. Enumeration search from x = 1 with step 1: at which x does it stop?",
    number(_RUN.x),
    hint="Try x + 1 first, then x - 1; keep going while f falls; stop at the first step that "
         "does not lower f (equal is not lower). Tabulate f at 2, 1, 0, -1, -2.",
)

#: exercise 02.2: the derivative's sign gives the direction without a trial
_D = derivative_sign_search(_F.grad, 1.0, 1.0)
_DIRECTION = "left" if _D.points[1] < _D.points[0] else "right"
exercise(
    "02.2",
    "Same f(x) = x^2 + 3x at x = 1. Without trying a step: which way is downhill, "
    "'left' or 'right'?",
    word(_DIRECTION),
    hint="Compute f'(x) = 2x + 3 at x = 1. A positive slope means f grows to the right.",
)

#: exercise 02.3: the cost of one round of compass search in n dimensions
N = 10
exercise(
    "02.3",
    f"Compass search in n = {N} dimensions tries a step along each coordinate axis in both "
    "directions. At most how many evaluations of f does one round (without a move) cost?",
    number(2 * N),
    hint="Each axis gives two directions, + and -. How many axes are there?",
)
