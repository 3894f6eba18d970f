"""Lesson 07 exercise checkers accept the right answer and reject wrong ones."""

from __future__ import annotations

from ann_helpers.exercises import grade, lesson07
from ann_helpers.network import LESSON_PARAMS, LESSON_X, LESSON_Y, TinyNet


def _by_hand():
    """The answers written out from the forward values, as a learner would."""
    v = TinyNet(LESSON_PARAMS)
    v.loss(LESSON_X, LESSON_Y)
    v, p = v.values, LESSON_PARAMS
    delta3 = (v["y1_hat"] - v["y1"]) * 1.0
    delta4 = (v["y2_hat"] - v["y2"]) * 1.0
    dw6 = delta3 * v["h2"]
    dw4 = (delta3 * p["w6"] + delta4 * p["w8"]) * v["h2"] * (1 - v["h2"]) * v["x2"]
    w5_new = p["w5"] - 0.5 * delta3 * v["h1"]
    return dw6, dw4, w5_new


def test_right_answers_are_accepted_even_rounded():
    dw6, dw4, w5_new = _by_hand()
    assert grade("07.1", dw6) and grade("07.1", round(dw6, 3))
    assert grade("07.2", dw4) and grade("07.2", round(dw4, 3))
    assert grade("07.3", w5_new) and grade("07.3", round(w5_new, 3))


def test_wrong_answers_are_rejected():
    dw6, dw4, w5_new = _by_hand()
    assert not grade("07.1", -dw6)                          # sign of (y1_hat - y1) flipped
    assert not grade("07.1", lesson07.GRADS["w5"])          # h1 instead of h2
    assert not grade("07.2", dw4 / lesson07.VALUES["h2"] / (1 - lesson07.VALUES["h2"]))
    assert not grade("07.2", lesson07.GRADS["w3"])          # x1 instead of x2
    assert not grade("07.3", LESSON_PARAMS["w5"] + 0.5 * lesson07.GRADS["w5"])  # uphill
    assert not grade("07.3", "0.74")                        # a string, not a number
    assert not grade("07.1", None)
