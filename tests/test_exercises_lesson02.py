"""Lesson 02's exercises: worked solutions accepted, typical mistakes get their hint, the
trial-step code exercise and the explorer prediction."""

from __future__ import annotations

from ann_helpers.exercises import get, grade


def verdict(key, answer):
    return get(key).is_right(answer)


def test_02_1_where_trial_search_stops():
    # f(2) = 10 > f(1) = 4 rejected; f(0) = 0 accepted; f(-1) = -2 accepted; f(-2) = -2 not lower
    assert grade("02.1", -1) and grade("02.1", -1.0) and grade("02.1", "\u22121")
    assert verdict("02.1", -2).text == ("A move needs f to be lower; equal is not lower. "
                                        "Compare f(-2) with f(-1).")
    assert verdict("02.1", -1.5).text == ("-1.5 is where f is smallest, but a search with step "
                                          "1 from x = 1 only visits whole numbers.")


def test_02_2_direction_from_the_sign():
    assert grade("02.2", "left") and grade("02.2", " Left ")
    assert not grade("02.2", "right") and not grade("02.2", -1)


def test_02_3_compass_round_cost():
    assert grade("02.3", 20)
    assert verdict("02.3", 10).text == "Each axis is tried in two directions."


def trial_step(f, x, step):
    fx = f(x)
    if f(x + step) < fx:
        return x + step
    if f(x - step) < fx:
        return x - step
    return x


def test_02_4_trial_step():
    assert grade("02.4", trial_step)


def test_02_4_moving_on_a_tie_is_caught():
    def moves_on_ties(f, x, step):
        if f(x + step) <= f(x):
            return x + step
        if f(x - step) <= f(x):
            return x - step
        return x

    assert verdict("02.4", moves_on_ties).text == (
        "Case 4 of 6, trial_step(f = x^2 + 3x, x = -2, step = 1): expected a number: x + step, "
        "x - step or x itself (equal is not lower); it returned -1.0, which is not the right "
        "value.")


def test_02_5_the_prediction_on_two_minima():
    ex = get("02.5")
    assert ex.kind == "prediction"
    assert grade("02.5", 1) and grade("02.5", "1.00")
    assert verdict("02.5", 1.13).text.startswith("That is the nearby minimum itself")
    assert verdict("02.5", -1.3).text.startswith("That is the global minimum")
