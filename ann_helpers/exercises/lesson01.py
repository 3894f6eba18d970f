"""Lesson 01 exercises: classical extrema. The expected answers are computed with the
lesson's own helpers from ann_helpers.calculus, never typed in."""

from __future__ import annotations

import sympy as sp

from .. import calculus
from ..i18n import N_
from . import choice, exercise, number
from .runner import Case, code, compare_word

x, y = sp.symbols("x y", real=True)

#: exercise 01.1: the stationary point of a parabola
G = 2 * x**2 - 8 * x + 1
(_point,) = calculus.stationary_points(G, [x])
exercise(
    "01.1",
    N_("g(x) = 2x^2 - 8x + 1. At which x is g'(x) = 0?"),
    number(_point[x], whole=True,
           mistakes={-2: N_("Check the sign of the linear term: the derivative of -8x is -8.")}),
    hint=N_("Differentiate term by term, then set g'(x) = 0."),
    more=N_("The derivative of 2x^2 is 4x and that of -8x is -8: solve 4x - 8 = 0 for x."),
)

#: exercise 01.2: a function whose squares look like a minimum but whose mixed term wins
H = x**2 + 4 * x * y + y**2
exercise(
    "01.2",
    N_("f(x, y) = x^2 + 4xy + y^2 has a stationary point at (0, 0). Is it a minimum, a "
       "maximum or a saddle?"),
    choice((N_("minimum"), N_("maximum"), N_("saddle")),
           calculus.classify_point(H, [x, y], {x: 0, y: 0}),
           mistakes={"minimum": N_("Both squares have a plus sign, but the mixed term 4xy "
                                   "counts too: the Hessian test needs AC - B^2.")}),
    hint=N_("Use the Hessian test: A = f_xx, B = f_xy, C = f_yy at (0, 0)."),
    more=N_("Compute A, B, C at (0, 0) and the sign of AC - B^2; do not forget the mixed term "
            "4xy (it gives B)."),
)

#: exercise 01.3: how fast the second-derivative test grows
N = 1000  # the question states it: n = 1000
exercise(
    "01.3",
    N_("How many different second partial derivatives does a function of n = 1000 variables "
       "have?"),
    number(calculus.second_partials_count(N), whole=True, mistakes={
        N * N: N_("f_xy = f_yx: the Hessian is symmetric, so entries mirrored across the "
                  "diagonal are the same derivative."),
        N * (N - 1) // 2: N_("You left out the diagonal (f_xx, f_yy, ...).")}),
    hint=N_("The Hessian is n x n, but not all its entries are different."),
    more=N_("f_xy = f_yx: count the diagonal and one triangle above it."),
)

#: exercise 01.4 (code): the sign test for a stationary point
SIGN_OPTIONS = (N_("minimum"), N_("maximum"), N_("neither"))


def _df(expr):
    """f' as a plain Python function of one float."""
    return sp.lambdify(x, sp.diff(expr, x), "math")


def _sign_test_reference(df, x0, h, expr=None):
    left, right = (row[2] for row in calculus.derivative_signs(expr, x, [x0 - h, x0 + h]))
    return {("-", "+"): "minimum", ("+", "-"): "maximum"}.get((left, right), "neither")


_SIGN_CASES = [  # (f, the stationary point, h, the call as messages show it)
    (x**2 + 3 * x, -1.5, 1e-3, N_("df = f' of f(x) = x^2 + 3x, x0 = -1.5, h = 0.001")),
    (-(x**2), 0.0, 1e-3, N_("df = f' of f(x) = -x^2, x0 = 0, h = 0.001")),
    (x**3, 0.0, 1e-3, N_("df = f' of f(x) = x^3, x0 = 0, h = 0.001")),
    (x**4, 0.0, 1e-3, N_("df = f' of f(x) = x^4 (f''(0) = 0: the second-derivative test says "
                         "nothing), x0 = 0, h = 0.001")),
    (-(x**3) + 3 * x, 1.0, 1e-2, N_("df = f' of f(x) = -x^3 + 3x, x0 = 1, h = 0.01")),
    (sp.Abs(x), 0.0, 1e-3, N_("df = f' of f(x) = |x| (no derivative at 0), x0 = 0, h = 0.001")),
]
_EXPECT = N_("one of 'minimum', 'maximum', 'neither': what the signs of f' at x0 - h and "
             "x0 + h say")
_EXPRS: dict[int, sp.Expr] = {}  # id of each case's df -> its f, for the reference
_CASES = []
for _expr, _x0, _h, _shown in _SIGN_CASES:
    _fn = _df(_expr)
    _EXPRS[id(_fn)] = _expr
    _CASES.append(Case((_fn, _x0, _h), expect=_EXPECT, shown=_shown))

exercise(
    "01.4",
    N_("Write sign_test(df, x0, h): df is the derivative f' as a function, x0 a stationary "
       "point. Return 'minimum' if f' changes from - to + at x0 (look at x0 - h and x0 + h), "
       "'maximum' if from + to -, and 'neither' otherwise."),
    code("sign_test", ("df", "x0", "h"), _CASES,
         reference=lambda df, x0, h: _sign_test_reference(df, x0, h, _EXPRS[id(df)]),
         compare=lambda got, want: compare_word(got, want, SIGN_OPTIONS)),
    hint=N_("Compute the two slopes df(x0 - h) and df(x0 + h) and compare their signs."),
    more=N_("Negative on the left and positive on the right means f falls then rises: a "
            "minimum. Any other pair of signs (both the same, or a zero) is neither a minimum "
            "nor a maximum by this test, except + then - (a maximum)."),
)

#: exercise 01.5 (prediction): what the tangent explorer will say at a = 1 on x^3 - 3x
CUBIC = x**3 - 3 * x
exercise(
    "01.5",
    N_("In the tangent explorer, choose f(x) = x^3 - 3x. Before you move a to 1: will the "
       "status line call a = 1 a 'minimum', a 'maximum' or 'neither'?"),
    choice(SIGN_OPTIONS, _sign_test_reference(None, 1.0, 1e-3, CUBIC), mistakes={
        "maximum": N_("Look at the sign of f' just left and just right of 1: which way does "
                      "f go on each side?"),
        "neither": N_("f'(1) = 0 here, and f' changes sign at 1: which way?")}),
    hint=N_("First check that f'(1) = 0, then look at the sign of f' on both sides."),
    more=N_("f'(x) = 3x^2 - 3: compute it at 0.9 and at 1.1 (or use f''(1) = 6)."),
    kind="prediction",
)
