"""Lesson 01: the classical way to find extrema, and numerical derivatives.

Classical method (exact, with sympy):
    1. solve grad f = 0 for the stationary points (駐點);
    2. at each, look at the second derivatives: in 1-D the sign of f'';
       in n-D the Hessian H = [d^2 f / dx_i dx_j]: all eigenvalues > 0 -> minimum,
       all < 0 -> maximum, both signs -> saddle, a zero eigenvalue -> the test says nothing.
       In 2-D this is the "AC - B^2" test: with A = f_xx, B = f_xy, C = f_yy,
       AC - B^2 > 0 and A > 0 -> minimum, AC - B^2 > 0 and A < 0 -> maximum,
       AC - B^2 < 0 -> saddle, AC - B^2 = 0 -> inconclusive.
A point where a derivative does not exist (|x| at 0) is a candidate too, but the method has
nothing to say there: it needs the derivatives.

Numerical derivatives (any function given as Python code), by central differences:
    f'(x) ~ (f(x + h) - f(x - h)) / (2h)        error O(h^2)
Later lessons use them to check every analytic derivative.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import sympy as sp

from . import validate
from .i18n import N_, _

CLASSES = ("minimum", "maximum", "saddle", "inconclusive")


# -- argument checks --------------------------------------------------------------------------
def _symbols(variables) -> list[sp.Symbol]:
    if isinstance(variables, sp.Symbol):
        variables = [variables]
    if isinstance(variables, (str, bytes)) or not isinstance(variables, (Sequence, tuple)):
        raise TypeError(_("variables must be a sympy Symbol or a non-empty list of Symbols, "
                          "got {variables!r} of type {kind}").format(
                              variables=variables, kind=type(variables).__name__))
    variables = list(variables)
    if not variables or not all(isinstance(v, sp.Symbol) for v in variables):
        raise TypeError(_("variables must be a sympy Symbol or a non-empty list of Symbols, "
                          "got {variables!r}").format(variables=variables))
    if len(set(variables)) != len(variables):
        raise ValueError(_("variables must be distinct, got {variables}").format(
            variables=variables))
    return variables


def _expression(expr, variables: list[sp.Symbol]) -> sp.Expr:
    """A sympy expression whose only symbols are among `variables`."""
    not_an_expression = TypeError(_("expr must be a sympy expression such as x**2 + 3*x, got "
                                    "{expr!r} of type {kind}").format(
                                        expr=expr, kind=type(expr).__name__))
    if isinstance(expr, (str, bytes)) or callable(expr) and not isinstance(expr, sp.Basic):
        raise not_an_expression
    try:
        expr = sp.sympify(expr, strict=True)
    except (sp.SympifyError, TypeError):
        raise not_an_expression from None
    if not isinstance(expr, sp.Expr):
        raise not_an_expression
    if expr.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        raise ValueError(_("expr must be finite (no nan, oo or zoo), got {expr}").format(
            expr=expr))
    extra = sorted(expr.free_symbols - set(variables), key=str)
    if extra:
        raise ValueError(_("expr uses {extra}, which are not in variables {variables}: "
                           "add them to variables or substitute numbers for them").format(
                               extra=extra, variables=variables))
    return expr


def _value(name: str, value) -> sp.Expr:
    """One coordinate of a point: an exact sympy number or a finite Python/numpy number."""
    if isinstance(value, (bool, np.bool_)) or isinstance(value, (str, bytes)):
        raise TypeError(_("{name} must be a real number, got {value!r} of type {kind}").format(
            name=name, value=value, kind=type(value).__name__))
    try:
        val = sp.sympify(value, strict=True)
    except (sp.SympifyError, TypeError):
        raise TypeError(_("{name} must be a real number, got {value!r} of type {kind}").format(
            name=name, value=value, kind=type(value).__name__)) from None
    if not isinstance(val, sp.Expr) or not val.is_number:
        raise TypeError(_("{name} must be a real number, got {value!r}").format(
            name=name, value=value))
    num = complex(val.evalf())
    if not (math.isfinite(num.real) and math.isfinite(num.imag)):
        raise ValueError(_("{name} must be a finite number, got {value}").format(
            name=name, value=value))
    if abs(num.imag) > 1e-12 * max(1.0, abs(num.real)):
        raise ValueError(_("{name} must be a real number, got {value}").format(
            name=name, value=value))
    return val


def _point_dict(variables: list[sp.Symbol], point) -> dict:
    """The point as {variable: value}, from a dict or from values in the order of variables."""
    if isinstance(point, Mapping):
        unknown = [k for k in point if k not in variables]
        if unknown:
            raise ValueError(_("point has values for {unknown}, which are not in "
                               "variables {variables}").format(unknown=unknown,
                                                               variables=variables))
        missing = [v for v in variables if v not in point]
        if missing:
            raise ValueError(_("point is missing values for {missing}; it needs one value per "
                               "variable {variables}").format(missing=missing,
                                                              variables=variables))
        return {v: _value(f"point[{v}]", point[v]) for v in variables}
    if isinstance(point, np.ndarray):
        point = point.reshape(-1).tolist() if point.ndim <= 1 else point
    if isinstance(point, (str, bytes)):
        raise TypeError(_("point must be a dict {{variable: value}} or a sequence of numbers, "
                          "got {point!r}").format(point=point))
    if not isinstance(point, (Sequence, np.ndarray)):
        point = [point]
    point = list(point)
    if len(point) != len(variables):
        raise ValueError(_("point must have {n} value(s), one per variable "
                           "{variables}, got {got}").format(n=len(variables),
                                                            variables=variables, got=len(point)))
    return {v: _value(f"point[{i}]", p) for i, (v, p) in enumerate(zip(variables, point, strict=True))}


def _floats(matrix: sp.Matrix, what: str) -> np.ndarray:
    """A sympy matrix of numbers as a float array, or a clear error if an entry is not one."""
    out = np.zeros(matrix.shape)
    for (i, j), entry in np.ndenumerate(np.array(matrix, dtype=object)):
        try:
            out[i, j] = float(entry)
        except (TypeError, ValueError):
            raise ValueError(_("the {what} do not exist at this point ({entry} is not a "
                               "number): the second-derivative test cannot decide here").format(
                                   what=_(what), entry=entry)) from None
        if not math.isfinite(out[i, j]):
            raise ValueError(_("the {what} do not exist at this point (an entry is {entry})")
                             .format(what=_(what), entry=entry))
    return out


# -- the classical method ---------------------------------------------------------------------
def gradient(expr, variables) -> list[sp.Expr]:
    """The partial derivatives (偏導數) [df/dx1, ..., df/dxn]."""
    variables = _symbols(variables)
    expr = _expression(expr, variables)
    return [sp.diff(expr, v) for v in variables]


def hessian(expr, variables) -> sp.Matrix:
    """The matrix of second partial derivatives, H[i, j] = d^2 f / dx_i dx_j.

    It has n^2 entries, of which n(n+1)/2 are different (H is symmetric)."""
    variables = _symbols(variables)
    expr = _expression(expr, variables)
    return sp.hessian(expr, variables)


def stationary_points(expr, variables) -> list[dict]:
    """Real solutions of grad f = 0, each a dict {variable: exact value}, sorted.

    Built on sympy.solve, which is exact but has limits: for a periodic f it returns the
    solutions of one period; for larger non-linear systems it may return an incomplete list
    (lesson 01 shows this happening). Raises NotImplementedError when sympy cannot solve the
    system at all (for example where f has no derivative, as |x|), and ValueError when the
    solutions are not isolated points (a whole line of them, as for x^2 y^2)."""
    variables = _symbols(variables)
    expr = _expression(expr, variables)
    equations = gradient(expr, variables)
    try:
        solutions = sp.solve(equations, variables, dict=True)
    except NotImplementedError:
        raise NotImplementedError(_("sympy could not solve grad f = 0, i.e. {equations} = 0, "
                                    "for {variables}").format(equations=equations,
                                                              variables=variables)) from None
    points = []
    for sol in solutions:
        if set(sol) != set(variables):
            free = [v for v in variables if v not in sol]
            raise ValueError(_("grad f = 0 holds on a whole curve or surface ({sol}, with "
                               "{free} free): the stationary points are not isolated").format(
                                   sol=sol, free=free))
        if all(sol[v].is_real for v in variables):
            points.append({v: sp.simplify(sol[v]) for v in variables})
    return sorted(points, key=lambda p: [float(p[v]) for v in variables])


def classify_point(expr, variables, point) -> str:
    """'minimum', 'maximum', 'saddle' or 'inconclusive' by the second-derivative test.

    `point` is a dict {variable: value} or the values in the order of `variables`; it must be
    a stationary point (grad f = 0 there), since the test says nothing anywhere else.
    The test looks at the eigenvalues of the Hessian: all > 0 minimum, all < 0 maximum,
    both signs saddle, one of them 0 inconclusive (as x^3 at 0: look at the sign of f' instead).
    """
    variables = _symbols(variables)
    expr = _expression(expr, variables)
    subs = _point_dict(variables, point)
    grad = _floats(sp.Matrix(gradient(expr, variables)).subs(subs).evalf(),
                   N_("first derivatives"))
    H = _floats(hessian(expr, variables).subs(subs).evalf(), N_("second derivatives"))
    eig = np.linalg.eigvalsh(H)
    scale = max(1.0, float(np.max(np.abs(eig))))
    if np.max(np.abs(grad)) > 1e-9 * scale:
        shown = ", ".join(f"{g:.4g}" for g in grad.ravel())
        raise ValueError(_("point {subs} is not a stationary point: grad f = ({shown}) there, "
                           "and the second-derivative test applies only where grad f = 0")
                         .format(subs=subs, shown=shown))
    if np.any(np.abs(eig) <= 1e-12 * scale):
        return "inconclusive"
    if np.all(eig > 0):
        return "minimum"
    if np.all(eig < 0):
        return "maximum"
    return "saddle"


def derivative_signs(expr, variable, xs) -> list[tuple[float, float, str]]:
    """The sign table of f': rows (x, f'(x), '-', '0' or '+') for each x in `xs`."""
    variable = _symbols(variable)
    if len(variable) != 1:
        raise ValueError(_("variable must be one Symbol, got {variable}").format(
            variable=variable))
    (x,) = variable
    slope = sp.diff(_expression(expr, variable), x)
    rows = []
    for i, xi in enumerate(xs):
        value = float(_value(f"xs[{i}]", xi))
        s = float(_floats(sp.Matrix([slope.subs(x, xi)]).evalf(), N_("first derivative"))[0, 0])
        rows.append((value, s, "0" if s == 0 else ("+" if s > 0 else "-")))
    return rows


def second_partials_count(n) -> int:
    """How many different second partial derivatives a function of n variables has: the
    Hessian is n x n and symmetric (f_xy = f_yx), so n(n+1)/2."""
    n = validate.integer("n", n, low=1)
    return n * (n + 1) // 2


def coupled_example(n) -> tuple[sp.Expr, tuple[sp.Symbol, ...]]:
    """A small coupled non-linear function of n variables, and its variables x1..xn:

        f(x1, ..., xn) = sum_i (x_i^2 - 1)^2 + sum_i x_i x_(i+1)

    Each term alone has three stationary points (x_i = -1, 0, 1); the products couple
    neighbours, so grad f = 0 is a system of n cubic equations that must be solved together.
    """
    n = validate.integer("n", n, low=1, high=20)
    xs = sp.symbols(f"x1:{n + 1}", real=True)
    expr = sum((v**2 - 1) ** 2 for v in xs) + sum(xs[i] * xs[i + 1] for i in range(n - 1))
    return expr, xs


def gradient_system_report(expr, variables) -> dict:
    """What it takes to solve grad f = 0 exactly, for a polynomial f.

    Returns a dict:
        equations         n, one per variable
        degrees           the degree of each equation (non-linear as soon as one is > 1)
        bezout_bound      their product: the most isolated solutions (complex ones included)
                          such a system can have
        eliminant_degree  the degree of the one-variable polynomial left after eliminating
                          all other variables (the last member of a lex Groebner basis)
        real_solutions    how many real solutions there are, counted from that polynomial when
                          every other variable is a polynomial in the last one (the basis is in
                          "shape position"); None when it is not
        solve_found       how many real solutions sympy.solve returned (None if it gave up)
    """
    variables = _symbols(variables)
    expr = _expression(expr, variables)
    if not expr.is_polynomial(*variables):
        raise ValueError(_("expr must be a polynomial in {variables}, got {expr}").format(
            variables=variables, expr=expr))
    equations = [sp.Poly(g, *variables) for g in gradient(expr, variables)]
    degrees = [eq.total_degree() for eq in equations]
    basis = sp.groebner([eq.as_expr() for eq in equations], *variables, order="lex")
    last = sp.Poly(basis.exprs[-1], variables[-1])
    others = basis.exprs[:-1]
    shape = len(others) == len(variables) - 1 and all(
        sp.Poly(g, *variables).degree_list()[:-1] == tuple(int(i == k) for i in range(
            len(variables) - 1)) and sp.Poly(g, *variables).coeff_monomial(variables[k]) != 0
        for k, g in enumerate(others))
    try:
        found = len(stationary_points(expr, variables))
    except NotImplementedError:
        found = None
    return {
        "equations": len(variables),
        "degrees": degrees,
        "bezout_bound": math.prod(degrees),
        "eliminant_degree": int(last.degree()),
        "real_solutions": int(sp.count_roots(last)) if shape and last.degree() > 0 else None,
        "solve_found": found,
    }


# -- numerical derivatives --------------------------------------------------------------------
def _finite(name: str, value) -> float:
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(_("{name} returned {value}: the function must be finite near the "
                           "point").format(name=name, value=value))
    return value


def numerical_derivative(f: Callable[[float], float], x, h: float = 1e-5) -> float:
    """f'(x) by the central difference (f(x + h) - f(x - h)) / 2h (error O(h^2))."""
    f = validate.function("f", f)
    x = validate.number("x", x)
    h = validate.positive("h", h, high=1.0)
    return (_finite("f", f(x + h)) - _finite("f", f(x - h))) / (2 * h)


def numerical_gradient(f: Callable[[np.ndarray], float], x, h: float = 1e-5) -> np.ndarray:
    """grad f(x) by central differences, one coordinate at a time; x may have any shape:
    component i is (f(x + h e_i) - f(x - h e_i)) / 2h."""
    f = validate.function("f", f)
    x = validate.array("x", x).copy()
    h = validate.positive("h", h, high=1.0)
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        f_plus = _finite("f", f(x))
        flat[i] = old - h
        f_minus = _finite("f", f(x))
        flat[i] = old
        gflat[i] = (f_plus - f_minus) / (2 * h)
    return grad
