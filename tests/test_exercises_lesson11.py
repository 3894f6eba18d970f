"""Lesson 11's exercises: the worked solutions are accepted (worked out independently here),
the typical mistakes get their own hint, the momentum step as code names the failing case
(with the driver that runs it five times), and the prediction matches what the optimizer
explorer shows."""

from __future__ import annotations

import math

import numpy as np

from ann_helpers.exercises import get, grade, message, reset_hints


def verdict(key, answer):
    return get(key).is_right(answer)


def test_11_1_the_heavy_balls_factor():
    root = math.sqrt(100 / 1)
    assert grade("11.1", (root - 1) / (root + 1)) and grade("11.1", "9/11")
    assert grade("11.1", 0.818) and not grade("11.1", 0.82)
    assert verdict("11.1", 99 / 101).text.startswith("That is plain descent's best factor")
    assert verdict("11.1", (9 / 11) ** 2).text == ("That is the best momentum mu*, the square "
                                                   "of the factor.")


def test_11_2_adams_first_step():
    lr, g, eps = 0.01, 0.001, 1e-8
    assert grade("11.2", lr * g / (abs(g) + eps)) and grade("11.2", 0.01)
    assert verdict("11.2", 0.00999).text.startswith("Close, but not to 5 decimals")
    assert verdict("11.2", lr * g).text == ("lr * g is plain gradient descent's step; Adam "
                                            "divides by sqrt(v_hat) + eps.")
    uncorrected = lr * 0.1 * g / math.sqrt(0.001 * g * g)  # m = 0.1 g, v = 0.001 g^2
    assert verdict("11.2", uncorrected).text.startswith("Without bias correction m and v")
    assert verdict("11.2", round(uncorrected, 5)).text.startswith("Without bias correction")


def momentum_step(x, v, g, lr, mu):
    v_new = mu * v + g
    return x - lr * v_new, v_new


CASE_1 = ("Case 1 of 4, momentum_step(one step from x = (1, 2), v = (0, 0), g = (2, 20), "
          "lr = 0.1, mu = 0.9): expected the heavy-ball step, x_new and v_new arrays of shape "
          "(2,); ")


def test_11_3_the_worked_solution_passes():
    assert grade("11.3", momentum_step)


def test_11_3_forgetting_the_old_velocity_is_caught_by_the_case_that_has_one():
    text = verdict("11.3", lambda x, v, g, lr, mu: (x - lr * g, g)).text
    assert text.startswith("Case 2 of 4, momentum_step(one step with an old velocity v = "
                           "(1, -1), g = (0.5, 0.5), lr = 0.2, mu = 0.5): expected the "
                           "heavy-ball step, x_new and v_new arrays of shape (2,); step 1, "
                           "x_new: the shape (2,) is right, but entries 0, 1 are not (")


def test_11_3_returning_the_old_velocity_is_caught():
    text = verdict("11.3", lambda x, v, g, lr, mu: (x - lr * (mu * v + g), v)).text
    assert text.startswith(CASE_1 + "step 1, v_new: the shape (2,) is right, but entries 0, 1 "
                                    "are not (")


def test_11_3_stepping_uphill_is_caught():
    def uphill(x, v, g, lr, mu):
        v = mu * v + g
        return x + lr * v, v

    assert verdict("11.3", uphill).text.startswith(CASE_1 + "step 1, x_new: the shape (2,) is "
                                                            "right, but entries 0, 1 are not (")


def test_11_3_returning_one_array_or_strings_is_caught():
    assert verdict("11.3", lambda x, v, g, lr, mu: x - lr * (mu * v + g)).text == (
        CASE_1 + "return the pair (x_new, v_new), got array([0.8, 0. ]).")
    assert verdict("11.3", lambda x, v, g, lr, mu: ("x", "v")).text == (
        CASE_1 + "step 1, x_new: it should return an array of shape (2,), but returned 'x'.")


def test_11_3_the_expected_numbers_are_never_shown():
    reset_hints("11.3")
    out = message("11.3", lambda x, v, g, lr, mu: (x, v))
    reset_hints("11.3")
    x_new, v_new = momentum_step(np.array([1.0, 2.0]), np.zeros(2), np.array([2.0, 20.0]),
                                 0.1, 0.9)
    assert out.startswith("Exercise 11.3: not yet. " + CASE_1)
    assert f"{x_new[0]:g}" == "0.8" and "0.8" not in out     # x_new = (0.8, 0)
    assert list(v_new) == [2.0, 20.0] and "20.]" not in out   # v_new = (2, 20)


def test_11_4_predict_the_optimizer_explorer():
    from ann_helpers.explorers.optimizers import OptimizerExplorer

    status = OptimizerExplorer(function="valley x² + 10y²", optimizer="momentum (heavy ball)",
                               lr=0.15, momentum=0.9, x0=-5.0, y0=-2.0).status
    assert status.endswith("along the worse one it shrinks.")   # what the learner will see
    assert get("11.4").kind == "prediction"
    assert grade("11.4", "shrinks") and grade("11.4", "Shrinks")
    assert verdict("11.4", "grows").text.startswith("The limit lr < 2/lambda is plain descent's")
    assert verdict("11.4", "shrink").text == "Answer with one of: 'shrinks', 'grows'."


def test_the_exercise_texts_state_the_lessons_constants():
    from ann_helpers.exercises import lesson11, states

    assert "lr = 0.15," in get("11.4").question and lesson11.PREDICT_LR == 0.15
    try:
        states("set lr = 0.15, and mu = 0.9.", "lr = 0.2,")
    except ValueError as error:
        assert str(error) == ("exercise text does not state ['lr = 0.2,']: 'set lr = 0.15, "
                              "and mu = 0.9.'")
    else:
        raise AssertionError("a text that does not state its value was accepted")
