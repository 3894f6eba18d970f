"""Lesson 06's exercises: worked solutions accepted, typical mistakes get their hint, the
loss with its gradient as code, and the prediction checked against the fit-by-hand explorer's
status."""

from __future__ import annotations

import re

import numpy as np

from ann_helpers.exercises import get, grade


def verdict(key, answer):
    return get(key).is_right(answer)


def test_06_1_squared_error():
    assert grade("06.1", 0.25) and grade("06.1", "1/4")
    assert verdict("06.1", 0.5).text == "Do not forget the factor 1/2."


def test_06_2_partial_derivative():
    f = 1 * 2 + 1 * (-1) + 1
    assert grade("06.2", (f - 4) * 2) and grade("06.2", "-4")
    assert verdict("06.2", 4).text.startswith("Mind the sign of (f - y)")
    assert verdict("06.2", -2).text == ("That is dL/df; the chain rule multiplies by "
                                        "df/da = x1.")


def test_06_3_cross_entropy_gradient():
    e = np.exp([2.0, 1.0, 0.0])
    assert grade("06.3", e / e.sum() - [1, 0, 0]) and grade("06.3", (-0.335, 0.245, 0.090))
    assert verdict("06.3", e / e.sum()).text == ("That is softmax(z); the gradient subtracts "
                                                 "the one-hot label.")


def loss_and_gradient(a, b, c, x1, x2, y):
    e = a * x1 + b * x2 + c - y
    return 0.5 * e**2, [e * x1, e * x2, e]


def test_06_4_loss_and_gradient():
    assert grade("06.4", loss_and_gradient)


def test_06_4_the_sign_of_the_error_is_caught():
    def y_minus_f(a, b, c, x1, x2, y):
        e = y - (a * x1 + b * x2 + c)
        return 0.5 * e**2, [e * x1, e * x2, e]

    assert verdict("06.4", y_minus_f).text == (
        "Case 1 of 4, loss_and_gradient(a = b = c = 1, x1 = 2, x2 = -1, y = 4): expected a pair "
        "(L, grad): L a number >= 0, grad three numbers (dL/da, dL/db, dL/dc); grad: the shape "
        "(3,) is right, but entries 0, 1, 2 are not ([4.0, -2.0, 2.0]).")


def test_06_4_forgetting_the_half_is_caught():
    def no_half(a, b, c, x1, x2, y):
        L, grad = loss_and_gradient(a, b, c, x1, x2, y)
        return 2 * L, grad

    assert verdict("06.4", no_half).text.endswith("L: it returned 4.0, which is not the right "
                                                  "value.")


def test_06_5_predict_which_way_b_goes():
    from ann_helpers.explorers.loss import LossFitExplorer

    def status_L(status):  # "w = 1.00, b = 1.10: squared_error L = 1.355, 1.044 above ..."
        match = re.search(r": squared_error L = (\d+\.\d+),", status)
        assert match, status
        return float(match.group(1))

    explorer = LossFitExplorer(w=0.8, b=1.1, loss="squared_error")
    assert explorer.status.endswith("at the minimum (to slider precision)")  # the premise
    here = status_L(explorer.set(w=1.0, b=1.1))
    down = status_L(explorer.set(w=1.0, b=1.05))
    up = status_L(explorer.set(w=1.0, b=1.15))
    assert down < here < up  # what the explorer shows a learner: b should go down
    assert get("06.5").kind == "prediction"
    assert grade("06.5", "down") and grade("06.5", " Down ")
    assert verdict("06.5", "stay").text.startswith("b = 1.10 was the best b for w = 0.80; "
                                                   "does the best b depend on w?")
    assert verdict("06.5", "up").text.startswith("A steeper line with the same b lies higher")
    assert verdict("06.5", "left").text == "Answer with one of: 'up', 'down', 'stay'."


def test_the_questions_state_the_data_the_answers_are_computed_from():
    """The texts are literals (the catalog translates them whole): they must name the very
    constants the expected answers come from."""
    from ann_helpers.exercises import lesson06 as m

    assert f"y_hat = {m.Y_HAT}, labels y = {m.Y}." in get("06.1").question
    x1, x2, y = m.EXAMPLE
    assert f"x1 = {x1:g}, x2 = {x2:g} with label y = {y:g};" in get("06.2").question
    assert set(m.AT.values()) == {1.0} and "at a = b = c = 1?" in get("06.2").question
    assert f"z = {tuple(m.Z.tolist())} and" in get("06.3").question
    assert f"number {m.CLASS} (the first)" in get("06.3").question
    w0, b0 = m.MINIMUM_WB
    q = get("06.5").question
    assert f"w = {w0:.2f}, b = {b0:.2f} is at the minimum" in q
    assert f"Raise w to {m.PREDICT_W:.2f} and leave b at {b0:.2f}." in q
    assert f"Raising w by {m.PREDICT_W - w0:.2f} with b fixed adds {m.PREDICT_W - w0:.2f} x_i" \
        in get("06.5").more
    assert get("06.5").is_right.mistakes["stay"].startswith(
        f"b = {b0:.2f} was the best b for w = {w0:.2f};")
