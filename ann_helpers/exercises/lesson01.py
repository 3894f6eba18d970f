"""Lesson 01 exercises: classical extrema. The expected answers are computed with the
lesson's own helpers from ann_helpers.calculus, never typed in."""

from __future__ import annotations

import sympy as sp

from .. import calculus
from . import exercise, number, word

x, y = sp.symbols("x y", real=True)

#: exercise 01.1: the stationary point of a parabola
G = 2 * x**2 - 8 * x + 1
(_point,) = calculus.stationary_points(G, [x])
exercise(
    "01.1",
    "g(x) = 2x^2 - 8x + 1. At which x is g'(x) = 0?",
    number(_point[x]),
    hint="Differentiate term by term (the derivative of 2x^2 is 4x), set g'(x) = 0, solve for x.",
)

#: exercise 01.2: a function whose squares look like a minimum but whose mixed term wins
H = x**2 + 4 * x * y + y**2
exercise(
    "01.2",
    "f(x, y) = x^2 + 4xy + y^2 has a stationary point at (0, 0). Is it a minimum, a maximum "
    "or a saddle? Answer with one word.",
    word(calculus.classify_point(H, [x, y], {x: 0, y: 0})),
    hint="Compute A = f_xx, B = f_xy, C = f_yy at (0, 0) and the sign of AC - B^2; do not "
         "forget the mixed term 4xy.",
)

#: exercise 01.3: how fast the second-derivative test grows
N = 1000
exercise(
    "01.3",
    f"How many different second partial derivatives does a function of n = {N} variables "
    "have?",
    number(calculus.second_partials_count(N)),
    hint="The Hessian is n x n, but f_xy = f_yx: count the diagonal and one triangle, "
         "n(n+1)/2.",
)
