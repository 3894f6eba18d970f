"""Lesson 01: the classical way to find extrema, and numerical derivatives.

Classical method (exact, with sympy):
    1. solve grad f = 0 for the stationary points (駐點);
    2. at each, look at the second derivatives: in 1-D the sign of f'';
       in n-D the Hessian H = [d^2 f / dx_i dx_j]: all eigenvalues > 0 -> minimum,
       all < 0 -> maximum, both signs -> saddle, a zero eigenvalue -> the test says nothing.

Numerical derivatives (any function given as Python code), by central differences:
    f'(x) ~ (f(x + h) - f(x - h)) / (2h)        error O(h^2)
Later lessons use them to check every analytic derivative.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import sympy as sp

from . import validate

CLASSES = ("minimum", "maximum", "saddle", "inconclusive")


def _symbols(variables) -> list[sp.Symbol]:
    if isinstance(variables, sp.Symbol):
        variables = [variables]
    variables = list(variables)
    if not variables or not all(isinstance(v, sp.Symbol) for v in variables):
        raise TypeError("variables must be a sympy Symbol or a non-empty list of Symbols, "
                        f"got {variables!r}")
    return variables


def _expression(expr) -> sp.Expr:
    try:
        return sp.sympify(expr)
    except (sp.SympifyError, TypeError):
        raise TypeError(f"expr must be a sympy expression, got {expr!r}") from None


def gradient(expr, variables) -> list[sp.Expr]:
    """The partial derivatives (偏導數) [df/dx1, ..., df/dxn]."""
    expr, variables = _expression(expr), _symbols(variables)
    return [sp.diff(expr, v) for v in variables]


def hessian(expr, variables) -> sp.Matrix:
    """The matrix of second partial derivatives, H[i, j] = d^2 f / dx_i dx_j."""
    expr, variables = _expression(expr), _symbols(variables)
    return sp.hessian(expr, variables)


def stationary_points(expr, variables) -> list[dict]:
    """Real solutions of grad f = 0, each a dict {variable: exact value}."""
    expr, variables = _expression(expr), _symbols(variables)
    solutions = sp.solve(gradient(expr, variables), variables, dict=True)
    points = []
    for sol in solutions:
        if set(sol) != set(variables):  # a whole line or plane of solutions: not isolated
            continue
        if all(sol[v].is_real for v in variables):
            points.append({v: sp.simplify(sol[v]) for v in variables})
    return sorted(points, key=lambda p: [float(p[v]) for v in variables])


def _point_dict(variables, point) -> dict:
    if isinstance(point, Mapping):
        missing = [v for v in variables if v not in point]
        if missing:
            raise ValueError(f"point is missing values for {missing}")
        return {v: point[v] for v in variables}
    if not isinstance(point, Sequence) and not isinstance(point, np.ndarray):
        point = [point]
    point = list(point)
    if len(point) != len(variables):
        raise ValueError(f"point must have {len(variables)} value(s), one per variable "
                         f"{variables}, got {len(point)}")
    return dict(zip(variables, point))


def classify_point(expr, variables, point) -> str:
    """'minimum', 'maximum', 'saddle' or 'inconclusive' by the second-derivative test.

    `point` is a dict {variable: value} or the values in the order of `variables`.
    """
    expr, variables = _expression(expr), _symbols(variables)
    subs = _point_dict(variables, point)
    H = hessian(expr, variables).subs(subs)
    eig = np.linalg.eigvalsh(np.array(H.evalf(), dtype=float))
    scale = max(1.0, float(np.max(np.abs(eig))))
    if np.any(np.abs(eig) <= 1e-12 * scale):
        return "inconclusive"
    if np.all(eig > 0):
        return "minimum"
    if np.all(eig < 0):
        return "maximum"
    return "saddle"


def numerical_derivative(f: Callable[[float], float], x, h: float = 1e-5) -> float:
    """f'(x) by the central difference (f(x + h) - f(x - h)) / 2h."""
    f = validate.function("f", f)
    x = validate.number("x", x)
    h = validate.positive("h", h, high=1.0)
    return (float(f(x + h)) - float(f(x - h))) / (2 * h)


def numerical_gradient(f: Callable[[np.ndarray], float], x, h: float = 1e-5) -> np.ndarray:
    """grad f(x) by central differences, one coordinate at a time; x may have any shape."""
    f = validate.function("f", f)
    x = validate.array("x", x).copy()
    h = validate.positive("h", h, high=1.0)
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        f_plus = float(f(x))
        flat[i] = old - h
        f_minus = float(f(x))
        flat[i] = old
        gflat[i] = (f_plus - f_minus) / (2 * h)
    return grad
