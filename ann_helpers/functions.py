"""A catalogue of test functions for lessons 02-04, each with its gradient and a label.

Each entry is a `TestFunction`: the function f, its gradient grad (the vector of partial
derivatives, 偏導數), its Hessian (second derivatives, used for the stability limit of gradient
descent), a readable label, the known minimum point(s) and a view window for plots.

Calling conventions (the same for every entry):
    1-D:  f(x), grad(x), hessian(x) take a number or a numpy array of numbers (vectorised).
    2-D:  f(p), grad(p), hessian(p) take a point p = (x, y); p may also be an array whose first
          axis holds x and y (shape (2, ...)), so f(np.array([X, Y])) evaluates a whole grid.
          `fn.f_xy(X, Y)` is the same thing with two arguments, as the contour helpers want.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from . import validate
from .i18n import _


@dataclass(frozen=True)
class TestFunction:
    """A function to minimise, its gradient and Hessian, and what we know about it."""

    key: str
    label: str
    dim: int
    f: Callable
    grad: Callable
    hessian: Callable
    minima: tuple = ()         # every local minimum point, global first
    xlim: tuple = (-2.0, 2.0)  # a good plotting window
    ylim: tuple = (-2.0, 2.0)  # (2-D only)
    notes: str = ""
    extra: dict = field(default_factory=dict)

    __test__ = False  # not a pytest test class, despite the name

    @property
    def global_minimum(self):
        """The point where f is smallest (the arg-min, not the minimum value)."""
        return self.minima[0]

    def f_xy(self, X, Y):
        """f on two arrays X, Y (2-D functions only): what contour plots call."""
        return self.f(np.array([X, Y]))

    def max_curvature(self, point=None) -> float:
        """The largest eigenvalue of the Hessian at `point` (the global minimum by default).

        Near that point raw gradient descent x <- x - lr * grad f(x) is stable only when
        lr < 2 / max_curvature (each eigen-direction is multiplied by 1 - lr * lambda).
        """
        if point is None and "max_curvature" in self.extra:  # known in advance (quadratics)
            return float(self.extra["max_curvature"])
        p = self.global_minimum if point is None else point
        H = np.atleast_2d(np.asarray(self.hessian(np.asarray(p, dtype=float)), dtype=float))
        return float(np.max(np.linalg.eigvalsh(H)))

    def lr_limit(self, point=None) -> float:
        """2 / (largest curvature): learning rates above it make descent blow up near `point`."""
        return 2.0 / self.max_curvature(point)

    def __repr__(self) -> str:
        return f"TestFunction({self.key!r}: {self.label})"


# -- 1-D --------------------------------------------------------------------------------------
def _square(x):
    """f(x) = x^2"""
    return x * x


def _square_grad(x):
    """f'(x) = 2x"""
    return 2 * x


def _square_hess(x):
    return 2.0 + 0 * x


def _square_plus_3x(x):
    """f(x) = x^2 + 3x"""
    return x * x + 3 * x


def _square_plus_3x_grad(x):
    """f'(x) = 2x + 3"""
    return 2 * x + 3


def _two_minima(x):
    """f(x) = x^4 - 3x^2 + x"""
    return x**4 - 3 * x**2 + x


def _two_minima_grad(x):
    """f'(x) = 4x^3 - 6x + 1"""
    return 4 * x**3 - 6 * x + 1


def _two_minima_hess(x):
    """f''(x) = 12x^2 - 6"""
    return 12 * x**2 - 6


def _two_minima_stationary() -> tuple:
    """The stationary points of x^4 - 3x^2 + x (roots of 4x^3 - 6x + 1): the minima, lowest f
    first (f'' > 0), and the maximum between them (f'' < 0)."""
    roots = np.roots([4.0, 0.0, -6.0, 1.0]).real
    minima = [float(r) for r in roots if _two_minima_hess(r) > 0]
    (maximum,) = [float(r) for r in roots if _two_minima_hess(r) < 0]
    return tuple(sorted(minima, key=_two_minima)), maximum


_TWO_MINIMA, _TWO_MAXIMUM = _two_minima_stationary()


# -- 2-D --------------------------------------------------------------------------------------
def _xy(p):
    p = np.asarray(p, dtype=float)
    return p[0], p[1]


def _bowl(p):
    """f(x, y) = x^2 + y^2"""
    x, y = _xy(p)
    return x * x + y * y


def _bowl_grad(p):
    """grad f = (2x, 2y)"""
    x, y = _xy(p)
    return np.array([2 * x, 2 * y])


def _bowl_hess(p):
    return np.array([[2.0, 0.0], [0.0, 2.0]])


def _narrow_bowl(p):
    """f(x, y) = x^2 + 10 y^2 (ill-conditioned: curvature 2 across x, 20 across y)"""
    x, y = _xy(p)
    return x * x + 10 * y * y


def _narrow_bowl_grad(p):
    """grad f = (2x, 20y)"""
    x, y = _xy(p)
    return np.array([2 * x, 20 * y])


def _narrow_bowl_hess(p):
    return np.array([[2.0, 0.0], [0.0, 20.0]])


def _stretched_bowl(p):
    """f(x, y) = x^2 + 1000 y^2: x^2 + 10 Y^2 with Y = 10 y (the same valley, y in other units)"""
    x, y = _xy(p)
    return x * x + 1000 * y * y


def _stretched_bowl_grad(p):
    """grad f = (2x, 2000y)"""
    x, y = _xy(p)
    return np.array([2 * x, 2000 * y])


def _stretched_bowl_hess(p):
    return np.array([[2.0, 0.0], [0.0, 2000.0]])


def _rosenbrock(p):
    """f(x, y) = (1 - x)^2 + 100 (y - x^2)^2: a curved, flat-bottomed valley, minimum (1, 1)"""
    x, y = _xy(p)
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def _rosenbrock_grad(p):
    """grad f = (-2(1 - x) - 400 x (y - x^2), 200 (y - x^2))"""
    x, y = _xy(p)
    return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])


def _rosenbrock_hess(p):
    x, y = _xy(p)
    return np.array([[2 - 400 * (y - x * x) + 800 * x * x, -400 * x], [-400 * x, 200.0]])


def _valley(p):
    """f(x, y) = 0.5 (x + y)^2 + 10 (x - y)^2: a narrow valley along the diagonal x = y"""
    x, y = _xy(p)
    return 0.5 * (x + y) ** 2 + 10 * (x - y) ** 2


def _valley_grad(p):
    """grad f = ((x + y) + 20 (x - y), (x + y) - 20 (x - y))"""
    x, y = _xy(p)
    return np.array([(x + y) + 20 * (x - y), (x + y) - 20 * (x - y)])


def _valley_hess(p):
    return np.array([[21.0, -19.0], [-19.0, 21.0]])


CATALOGUE: dict[str, TestFunction] = {
    fn.key: fn
    for fn in [
        TestFunction("square", "f(x) = x²", 1, _square, _square_grad, _square_hess,
                     minima=(0.0,), xlim=(-1.5, 1.5),
                     notes="the article's running example"),
        TestFunction("square_plus_3x", "f(x) = x² + 3x", 1, _square_plus_3x,
                     _square_plus_3x_grad, _square_hess, minima=(-1.5,), xlim=(-4.0, 1.0),
                     notes="lesson 01's example: minimum at x = -1.5"),
        TestFunction("two_minima", "f(x) = x⁴ − 3x² + x", 1, _two_minima, _two_minima_grad,
                     _two_minima_hess, minima=_TWO_MINIMA, xlim=(-2.0, 2.0),
                     notes="a global minimum on the left, a local one on the right",
                     extra={"maximum": _TWO_MAXIMUM}),
        TestFunction("bowl", "f(x, y) = x² + y²", 2, _bowl, _bowl_grad, _bowl_hess,
                     minima=((0.0, 0.0),), xlim=(-6.0, 6.0), ylim=(-6.0, 6.0),
                     notes="the article's round bowl"),
        TestFunction("narrow_bowl", "f(x, y) = x² + 10y²", 2, _narrow_bowl, _narrow_bowl_grad,
                     _narrow_bowl_hess, minima=((0.0, 0.0),), xlim=(-6.0, 6.0),
                     ylim=(-6.0, 6.0), notes="ill-conditioned: steep in y, flat in x"),
        TestFunction("stretched_bowl", "f(x, y) = x² + 1000y²", 2, _stretched_bowl,
                     _stretched_bowl_grad, _stretched_bowl_hess, minima=((0.0, 0.0),),
                     xlim=(-6.0, 6.0), ylim=(-0.6, 0.6),
                     notes="x² + 10y² with y measured in units 10 times smaller: badly scaled"),
        TestFunction("rosenbrock", "f(x, y) = (1 − x)² + 100(y − x²)²", 2, _rosenbrock,
                     _rosenbrock_grad, _rosenbrock_hess, minima=((1.0, 1.0),),
                     xlim=(-2.0, 2.0), ylim=(-1.0, 3.0),
                     notes="a curved banana-shaped valley"),
        TestFunction("valley", "f(x, y) = ½(x + y)² + 10(x − y)²", 2, _valley, _valley_grad,
                     _valley_hess, minima=((0.0, 0.0),), xlim=(-6.0, 6.0), ylim=(-6.0, 6.0),
                     notes="a narrow valley turned 45°: no axis points along it"),
    ]
}


def get(key: str) -> TestFunction:
    """The catalogue entry named `key` (see CATALOGUE for the names)."""
    validate.choice("key", key, CATALOGUE)
    return CATALOGUE[key]


def quadratic(A, b=None, _eigenvalues=None) -> TestFunction:
    """f(x) = ½ xᵀAx − bᵀx in n dimensions, grad f = Ax − b, Hessian A (A symmetric > 0).

    Its only minimum solves Ax = b; used to run the same update rule with n = 1,000 variables.
    """
    A = validate.array("A", A, ndim=2)
    n = A.shape[0]
    if A.shape != (n, n):
        raise ValueError(_("A must be a square matrix, got shape {shape}").format(shape=A.shape))
    if not np.allclose(A, A.T):
        raise ValueError(_("A must be symmetric (A == A.T)"))
    b = np.zeros(n) if b is None else validate.array("b", b, shape=(n,))
    eig = np.linalg.eigvalsh(A) if _eigenvalues is None else np.asarray(_eigenvalues)
    if np.min(eig) <= 0:
        raise ValueError(_("A must be positive definite (all eigenvalues > 0)"))
    x_star = np.linalg.solve(A, b)

    def f(x):
        x = np.asarray(x, dtype=float)
        return 0.5 * x @ A @ x - b @ x

    def grad(x):
        return A @ np.asarray(x, dtype=float) - b

    def hessian(x):
        return A

    return TestFunction("quadratic", f"f(x) = ½ xᵀAx − bᵀx, n = {n}", n, f, grad, hessian,
                        minima=(tuple(x_star),), xlim=(-1.0, 1.0), ylim=(-1.0, 1.0),
                        notes="a convex quadratic", extra={"max_curvature": float(np.max(eig))})


def random_quadratic(n: int, condition: float = 10.0, seed: int = 0) -> TestFunction:
    """A seeded random convex quadratic in n variables whose curvatures span [1, condition].

    A = Q diag(lambda) Qᵀ with Q a random rotation and lambda spread evenly over [1, condition];
    b is random, so the minimum x* = A⁻¹b is somewhere unremarkable.
    """
    n = validate.integer("n", n, low=1, high=5000)
    condition = validate.number("condition", condition, low=1.0, high=1e6)
    seed = validate.integer("seed", seed, low=0)
    rng = np.random.default_rng(seed)
    Q, _r = np.linalg.qr(rng.standard_normal((n, n)))
    lam = np.linspace(1.0, condition, n)
    A = (Q * lam) @ Q.T
    A = 0.5 * (A + A.T)
    b = rng.standard_normal(n)
    return quadratic(A, b, _eigenvalues=lam)  # the eigenvalues are known: skip recomputing
