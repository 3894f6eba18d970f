"""Lesson 04's exercises: worked solutions accepted, typical mistakes get their hint, the
descent loop as code and the status prediction."""

from __future__ import annotations

import numpy as np

from ann_helpers.exercises import get, grade


def verdict(key, answer):
    return get(key).is_right(answer)


def test_04_1_gradient():
    for right in ((6, -2), [6.0, -2.0], np.array([6.0, -2.0]), "(6, -2)", "6, \u22122"):
        assert grade("04.1", right), right
    assert verdict("04.1", (3, -1)).text == ("That is the point itself; the gradient is "
                                             "(df/dx, df/dy) there.")
    assert verdict("04.1", 6).text.startswith("The answer is 2 numbers")


def test_04_2_one_step():
    assert grade("04.2", (1.5, -0.5))
    assert verdict("04.2", (4.5, -1.5)).text == "Descent subtracts lr times the gradient."


def test_04_3_stability_limit():
    assert grade("04.3", 0.1) and grade("04.3", "1/10") and grade("04.3", "0,1") is False
    assert verdict("04.3", 0.2).text == "d^2f/dy^2 of 10y^2 is 20, not 10."
    assert verdict("04.3", 1.0).text.startswith("That is the limit along x")


def descend(grad, p0, lr, tol, max_steps):
    p, steps = np.asarray(p0, dtype=float), 0
    g = grad(p)
    while np.linalg.norm(g) >= tol and steps < max_steps:
        p = p - lr * g
        steps += 1
        g = grad(p)
    return p, steps


def test_04_4_descend():
    assert grade("04.4", descend)


def test_04_4_a_loop_without_the_tolerance_is_caught_by_its_step_count():
    def no_tol(grad, p0, lr, tol, max_steps):
        p = p0
        for _ in range(max_steps):
            p = p - lr * grad(p)
        return p, max_steps

    assert verdict("04.4", no_tol).text == (
        "Case 1 of 4, descend(grad of x^2 + y^2, p0 = (3, -1), lr = 0.25, tol = 1e-6, "
        "max_steps = 100): expected a pair (p, steps): p an array of shape (2,), steps a whole "
        "number <= max_steps; it stops at the first point where |grad| < tol; steps: it "
        "returned 100, which is not the right value (check the stopping rule).")


def test_04_4_a_point_of_the_wrong_shape():
    def scalar(grad, p0, lr, tol, max_steps):
        p, steps = descend(grad, p0, lr, tol, max_steps)
        return float(np.linalg.norm(p)), steps

    assert "; p: it should return shape (2,), but the result has shape () (" in \
        verdict("04.4", scalar).text


def test_04_5_predict_the_status():
    assert get("04.5").kind == "prediction"
    assert grade("04.5", "oscillating")
    assert verdict("04.5", "diverged").text.startswith("Compute the factor 1 - lr f''")
    assert verdict("04.5", "cycle").text == ("Answer with one of: 'converged', 'oscillating', "
                                             "'diverged', 'max_steps'.")
