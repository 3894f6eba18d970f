"""Lesson 07's exercises: worked solutions (written out from the forward values, as a learner
would) are accepted, typical mistakes get their hint, and dL/dw4 as code."""

from __future__ import annotations

from ann_helpers.exercises import get, grade
from ann_helpers.network import LESSON_PARAMS, LESSON_X, LESSON_Y, TinyNet


def verdict(key, answer):
    return get(key).is_right(answer)


def _by_hand():
    net = TinyNet(LESSON_PARAMS)
    net.loss(LESSON_X, LESSON_Y)
    v, p = net.values, LESSON_PARAMS
    delta3 = (v["y1_hat"] - v["y1"]) * 1.0
    delta4 = (v["y2_hat"] - v["y2"]) * 1.0
    dw6 = delta3 * v["h2"]
    one_chain = delta3 * p["w6"] * v["h2"] * (1 - v["h2"]) * v["x2"]
    dw4 = (delta3 * p["w6"] + delta4 * p["w8"]) * v["h2"] * (1 - v["h2"]) * v["x2"]
    w5_new = p["w5"] - 0.5 * delta3 * v["h1"]
    return dw6, dw4, one_chain, w5_new


def test_07_1_to_07_3_by_hand():
    dw6, dw4, one_chain, w5_new = _by_hand()
    assert grade("07.1", dw6) and grade("07.1", round(dw6, 3))
    assert grade("07.2", dw4) and grade("07.2", round(dw4, 3))
    assert grade("07.3", w5_new) and grade("07.3", round(w5_new, 3))
    assert verdict("07.1", -dw6).text.startswith("dL/dy1_hat = y1_hat - y1")
    assert verdict("07.2", one_chain).text.startswith("That is the chain through y1_hat only")
    assert verdict("07.3", 0.5 + (w5_new - 0.5) * -1).text.startswith("The step subtracts")


def dL_dw4(v, p):  # noqa: N802 - the lesson's notation
    delta3 = v["y1_hat"] - v["y1"]
    delta4 = v["y2_hat"] - v["y2"]
    return (delta3 * p["w6"] + delta4 * p["w8"]) * v["h2"] * (1 - v["h2"]) * v["x2"]


def test_07_4_dL_dw4():
    assert grade("07.4", dL_dw4)


def test_07_4_one_chain_only_is_caught():
    def one_chain(v, p):
        return (v["y1_hat"] - v["y1"]) * p["w6"] * v["h2"] * (1 - v["h2"]) * v["x2"]

    text = verdict("07.4", one_chain).text
    assert text.startswith("Case 1 of 4, dL_dw4(the lesson's values v and weights p): expected "
                           "one number, dL/dw4 (the sum of the chains through y1_hat and "
                           "y2_hat); it ")


def test_07_4_a_missing_key_is_reported_in_one_line():
    def typo(v, p):
        return v["delta3"]

    line = typo.__code__.co_firstlineno + 1
    assert verdict("07.4", typo).text == (
        "Case 1 of 4, dL_dw4(the lesson's values v and weights p): it raised KeyError: "
        f"'delta3' (line {line} of your code).")


def test_07_5_predict_the_loss_at_a_large_learning_rate():
    history = TinyNet(LESSON_PARAMS).fit(LESSON_X, LESSON_Y, lr=2.5, steps=30)
    assert history.diverged or history[-1] > history[0]
    assert get("07.5").kind == "prediction"
    assert grade("07.5", "grows") and grade("07.5", " Grows ")
    assert verdict("07.5", "falls").text.startswith("A larger step is not always faster")
