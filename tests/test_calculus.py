"""ann_helpers.calculus: the classical method (exact) and the numerical derivatives."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from messages import raises

from ann_helpers import calculus
from ann_helpers.calculus import (
    classify_point,
    coupled_example,
    derivative_signs,
    gradient,
    gradient_system_report,
    hessian,
    numerical_derivative,
    numerical_gradient,
    second_partials_count,
    stationary_points,
)

x, y, z = sp.symbols("x y z", real=True)


# -- one variable -------------------------------------------------------------------------------
def test_article_example_x2_plus_3x():
    f = x**2 + 3 * x
    assert gradient(f, [x]) == [2 * x + 3]
    assert stationary_points(f, [x]) == [{x: sp.Rational(-3, 2)}]
    assert classify_point(f, [x], {x: sp.Rational(-3, 2)}) == "minimum"


@pytest.mark.parametrize("expr, point, kind", [
    (x**2, 0, "minimum"),
    (-(x**2) + 4 * x, 2, "maximum"),
    (x**3, 0, "inconclusive"),  # stationary, but no extremum: f'' = 0 says nothing
    (x**4, 0, "inconclusive"),  # a minimum the second-derivative test cannot see
    (sp.cos(x), 0, "maximum"),
    (sp.cos(x), sp.pi, "minimum"),
])
def test_one_variable_classification(expr, point, kind):
    assert classify_point(expr, [x], [point]) == kind
    assert classify_point(expr, x, point) == kind  # a bare Symbol and a bare number work too


def test_x3_minus_3x_has_a_maximum_and_a_minimum():
    f = x**3 - 3 * x
    points = stationary_points(f, x)
    assert points == [{x: -1}, {x: 1}]
    assert [classify_point(f, x, p) for p in points] == ["maximum", "minimum"]


def test_derivative_signs_is_the_sign_table():
    rows = derivative_signs(x**2 + 3 * x, x, [-3, -2, -1.5, -1, 0])
    assert [r[2] for r in rows] == ["-", "-", "0", "+", "+"]
    assert [r[1] for r in rows] == [-3.0, -1.0, 0.0, 1.0, 3.0]
    assert all(isinstance(r[0], float) and isinstance(r[1], float) for r in rows)


def test_abs_has_no_derivative_at_its_minimum():
    with pytest.raises(NotImplementedError, match="could not solve grad f = 0"):
        stationary_points(sp.Abs(x), [x])
    with pytest.raises(ValueError, match="second derivatives do not exist"):
        classify_point(sp.Abs(x), [x], [0])


# -- two variables ------------------------------------------------------------------------------
@pytest.mark.parametrize("expr, expected", [
    (x**2 + y**2, [((0, 0), "minimum")]),
    (x**2 - y**2, [((0, 0), "saddle")]),
    (-(x**2) - y**2, [((0, 0), "maximum")]),
    (x**3 - 3 * x + y**2, [((-1, 0), "saddle"), ((1, 0), "minimum")]),
])
def test_the_lessons_four_functions(expr, expected):
    points = stationary_points(expr, [x, y])
    assert [(p[x], p[y]) for p in points] == [pt for pt, _ in expected]
    for p, (_, kind) in zip(points, expected, strict=True):
        assert classify_point(expr, [x, y], p) == kind
        assert classify_point(expr, [x, y], [p[x], p[y]]) == kind  # as a sequence
        assert classify_point(expr, (x, y), np.array([float(p[x]), float(p[y])])) == kind


def test_ac_minus_b2_agrees_with_the_eigenvalue_test():
    # x^2 + 4xy + y^2 looks like a bowl but AC - B^2 = 4 - 16 < 0
    f = x**2 + 4 * x * y + y**2
    H = hessian(f, [x, y])
    assert H == sp.Matrix([[2, 4], [4, 2]])
    assert H[0, 0] * H[1, 1] - H[0, 1] ** 2 < 0
    assert classify_point(f, [x, y], (0, 0)) == "saddle"


def test_three_variables_and_irrational_points():
    f = x**2 + y**2 + z**2 - x * y
    assert classify_point(f, [x, y, z], [0, 0, 0]) == "minimum"
    g = x**3 - x + y**2
    points = stationary_points(g, [x, y])
    assert [p[x] for p in points] == [-sp.sqrt(3) / 3, sp.sqrt(3) / 3]
    assert [classify_point(g, [x, y], p) for p in points] == ["saddle", "minimum"]
    # the same points given as floats (grad f is only ~1e-16 there)
    assert classify_point(g, [x, y], [math.sqrt(3) / 3, 0.0]) == "minimum"


def test_exact_gradient_and_hessian_match_numerical_ones():
    f = x**3 - 3 * x * y + sp.exp(y) + sp.sin(x * y)
    f_num = sp.lambdify((x, y), f, "math")
    grad_num = sp.lambdify((x, y), gradient(f, [x, y]), "math")
    H = sp.lambdify((x, y), hessian(f, [x, y]), "numpy")
    point = np.array([0.7, -0.4])
    g = numerical_gradient(lambda v: f_num(*v), point)
    assert np.allclose(g, grad_num(*point), rtol=1e-8, atol=1e-8)
    for i in range(2):
        row = numerical_gradient(lambda v, i=i: grad_num(*v)[i], point)
        assert np.allclose(row, np.array(H(*point), dtype=float)[i], atol=1e-7)


def test_a_line_of_stationary_points_is_reported():
    with pytest.raises(ValueError, match="not isolated"):
        stationary_points(x**2 * y**2, [x, y])


# -- why it does not scale ------------------------------------------------------------------------
def test_second_partials_count():
    assert [second_partials_count(n) for n in (1, 2, 3, 10)] == [1, 3, 6, 55]
    assert second_partials_count(10**8) == 5_000_000_050_000_000
    x1, x2, x3 = sp.symbols("x1:4")
    H = hessian(x1**3 + 2 * x2**3 + 5 * x3**3 + 7 * x1 * x2 * x3, [x1, x2, x3])
    assert len({H[i, j] for i in range(3) for j in range(3)}) == second_partials_count(3)
    with pytest.raises(ValueError, match=r"n must be a whole number in \[1, inf\]"):
        second_partials_count(0)
    with pytest.raises(TypeError, match="n must be a whole number"):
        second_partials_count(2.5)


def test_gradient_system_report_counts_real_solutions():
    reports = [gradient_system_report(*coupled_example(n)) for n in (1, 2, 3)]
    assert [r["bezout_bound"] for r in reports] == [3, 9, 27]
    assert [r["eliminant_degree"] for r in reports] == [3, 9, 27]
    assert [r["degrees"] for r in reports] == [[3], [3, 3], [3, 3, 3]]
    assert [r["real_solutions"] for r in reports] == [3, 9, 23]
    # sympy.solve finds them all while the system is small, and only some at n = 3
    assert reports[0]["solve_found"] == 3 and reports[1]["solve_found"] == 9
    assert reports[2]["solve_found"] < reports[2]["real_solutions"]


def test_the_real_solution_count_is_true():
    """Check the count of 23 independently: find the real stationary points numerically by
    Newton's method from a grid of starts and count the distinct ones."""
    f, xs = coupled_example(3)
    grad = sp.lambdify([xs], gradient(f, xs), "numpy")
    jac = sp.lambdify([xs], hessian(f, xs), "numpy")
    found = []
    starts = np.array(np.meshgrid(*[np.linspace(-1.3, 1.3, 9)] * 3)).reshape(3, -1).T
    for v in starts:
        for _ in range(60):
            step = np.linalg.lstsq(np.array(jac(v), dtype=float),
                                   np.array(grad(v), dtype=float), rcond=None)[0]
            v = v - step
            if np.max(np.abs(step)) < 1e-13:
                break
        if np.max(np.abs(grad(v))) < 1e-10 and not any(np.allclose(v, w, atol=1e-7)
                                                         for w in found):
            found.append(v)
    assert len(found) == gradient_system_report(f, xs)["real_solutions"] == 23


def test_coupled_example_and_report_reject_bad_input():
    with pytest.raises(ValueError, match=r"n must be a whole number in \[1, 20\]"):
        coupled_example(0)
    with pytest.raises(ValueError, match="expr must be a polynomial"):
        gradient_system_report(sp.sin(x), [x])


# -- numerical derivatives ------------------------------------------------------------------------
@pytest.mark.parametrize("f, df, at", [
    (np.sin, np.cos, 1.0),
    (np.exp, np.exp, -2.0),
    (lambda t: t**2 + 3 * t, lambda t: 2 * t + 3, -1.5),
    (lambda t: 1 / (1 + np.exp(-t)), lambda t: np.exp(-t) / (1 + np.exp(-t)) ** 2, 0.3),
])
def test_numerical_derivative_accuracy(f, df, at):
    assert abs(numerical_derivative(f, at) - df(at)) < 1e-9


def test_central_difference_error_shrinks_like_h_squared():
    errors = [abs(numerical_derivative(np.exp, 1.0, h) - math.e) for h in (1e-2, 1e-3)]
    assert 50 < errors[0] / errors[1] < 150  # h / 10 -> error / 100


def test_numerical_gradient_any_shape():
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    v = np.array([0.5, -1.0])
    g = numerical_gradient(lambda u: 0.5 * u @ A @ u, v)
    assert g.shape == (2,) and np.allclose(g, A @ v, atol=1e-9)
    W = np.arange(6.0).reshape(2, 3) / 5
    gW = numerical_gradient(lambda m: np.sum(m**3), W)
    assert gW.shape == (2, 3) and np.allclose(gW, 3 * W**2, atol=1e-8)
    assert numerical_gradient(lambda s: s**2, 3.0) == pytest.approx(6.0, abs=1e-8)


def test_numerical_gradient_leaves_its_input_alone():
    v = np.array([1.0, 2.0])
    numerical_gradient(lambda u: float(np.sum(u**2)), v)
    assert v.tolist() == [1.0, 2.0]


# -- bad input --------------------------------------------------------------------------------------
def test_expr_of_the_wrong_type():
    for bad in ("x**2", lambda t: t**2, [x**2], None):
        with pytest.raises(TypeError, match="expr must be a sympy expression"):
            gradient(bad, [x])


def test_expr_with_unknown_symbols_or_non_finite_constants():
    with pytest.raises(ValueError, match=r"expr uses \[y\], which are not in variables"):
        stationary_points(x**2 + y, [x])
    with pytest.raises(ValueError, match="expr must be finite"):
        hessian(x**2 + sp.oo, [x])
    with pytest.raises(ValueError, match="expr must be finite"):
        classify_point(x**2 + sp.nan, [x], [0])


def test_variables_of_the_wrong_type():
    for bad in ("x", [], [x, "y"], 3, None):
        with pytest.raises(TypeError, match="variables must be a sympy Symbol"):
            gradient(x**2, bad)
    with pytest.raises(ValueError, match="variables must be distinct"):
        gradient(x**2, [x, x])


def test_point_of_the_wrong_dimension():
    with pytest.raises(ValueError, match=r"point must have 2 value\(s\), one per variable"):
        classify_point(x**2 + y**2, [x, y], [0])
    with pytest.raises(ValueError, match=r"point must have 1 value\(s\)"):
        classify_point(x**2, [x], (0, 0))
    with pytest.raises(ValueError, match=r"point is missing values for \[y\]"):
        classify_point(x**2 + y**2, [x, y], {x: 0})
    with pytest.raises(ValueError, match=r"point has values for \[z\], which are not in"):
        classify_point(x**2 + y**2, [x, y], {x: 0, y: 0, z: 0})


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -math.inf, sp.oo, sp.nan])
def test_point_with_non_finite_numbers(value):
    with pytest.raises(ValueError, match=r"point\[1\] must be a finite number"):
        classify_point(x**2 + y**2, [x, y], [0, value])


@pytest.mark.parametrize("value", ["0", None, True, [0], x])
def test_point_with_values_of_the_wrong_type(value):
    with pytest.raises(TypeError, match=r"point\[x\] must be a real number"):
        classify_point(x**2, [x], {x: value})
    with pytest.raises(TypeError, match=r"point\[0\] must be a real number"):
        classify_point(x**2, [x], [value])


def test_point_with_a_complex_value():
    with pytest.raises(ValueError, match=r"point\[0\] must be a real number, got I"):
        classify_point(x**2, [x], [sp.I])
    with pytest.raises(TypeError, match="point must be a dict"):
        classify_point(x**2, [x], "0")


def test_classify_refuses_a_point_that_is_not_stationary():
    with pytest.raises(ValueError, match=r"not a stationary point: grad f = \(2, 0\)"):
        classify_point(x**2 + y**2, [x, y], [1, 0])


def test_numerical_derivative_bad_input():
    with pytest.raises(TypeError, match="f must be a function"):
        numerical_derivative(3.0, 1.0)
    with pytest.raises(TypeError, match="x must be a real number"):
        numerical_derivative(np.sin, "1")
    with pytest.raises(ValueError, match="x must be a finite number"):
        numerical_derivative(np.sin, float("nan"))
    with pytest.raises(ValueError, match=r"h must be in \(0, 1\]"):
        numerical_derivative(np.sin, 1.0, h=0.0)
    with pytest.raises(ValueError, match=r"h must be in \(0, 1\]"):
        numerical_derivative(np.sin, 1.0, h=2.0)
    with pytest.raises(ValueError, match="f returned inf"):
        numerical_derivative(lambda t: math.inf, 1.0)


def test_numerical_gradient_bad_input():
    with raises(TypeError, "f must be a function (callable), got None of type NoneType"):
        numerical_gradient(None, [1.0])
    with raises(TypeError, "x must be a real number or an array of real numbers, got text: "
                           "['a', 'b']"):
        numerical_gradient(np.sum, ["a", "b"])
    with raises(ValueError, "x must contain only finite numbers (no nan or inf)"):
        numerical_gradient(np.sum, [1.0, np.inf])
    with pytest.raises(ValueError, match="f returned nan"):
        numerical_gradient(lambda u: float("nan"), [1.0])


def test_module_lists_its_classes():
    assert calculus.CLASSES == ("minimum", "maximum", "saddle", "inconclusive")
