"""Lesson 03's exercises: worked solutions accepted (among them 0.1667 for 1/6: exercise
03.2 states 4 decimals), typical mistakes get their hint, the two-steps code exercise and the
regime prediction."""

from __future__ import annotations

from ann_helpers.exercises import get, grade


def verdict(key, answer):
    return get(key).is_right(answer)


def test_03_1_one_raw_step():
    assert grade("03.1", 0 - 0.1 * (2 * 0 + 3)) and grade("03.1", "-0.3")
    assert verdict("03.1", 0.3).text == ("Gradient descent moves against the gradient: "
                                         "x_new = x - lr f'(x).")
    assert verdict("03.1", -3).text == "Multiply the gradient by the learning rate."


def test_03_2_the_precision_is_stated_and_0_1667_is_right():
    ex = get("03.2")
    assert ex.question.endswith("(to 4 decimals)")
    for right in (1 / 6, 0.1667, "0.1667", "1/6", 0.16667):
        assert grade("03.2", right), right
    assert verdict("03.2", 0.167).text == ("Close, but not to 4 decimals: round (do not cut "
                                           "off) to 4 decimals, or keep more.")
    assert verdict("03.2", 0.1666).text.startswith("Close, but not to 4 decimals")
    assert verdict("03.2", 1 / 3).text == ("At that lr the factor (1 - 6 lr) is -1: the run "
                                           "jumps between x and -x for ever.")
    assert not grade("03.2", 0.5)


def test_03_3_which_minimum():
    assert grade("03.3", 1.13) and grade("03.3", 1.131)
    assert verdict("03.3", -1.30).text.startswith("That is the global minimum")
    assert not grade("03.3", 0.5)


def two_steps(df, x, lr):
    g = df(x)
    if g == 0:
        return x, x
    return x - lr * g, x - lr * g / abs(g)


def test_03_4_two_steps():
    assert grade("03.4", two_steps)


def test_03_4_dividing_by_a_zero_gradient_is_reported_with_its_line():
    def no_zero_case(df, x, lr):
        g = df(x)
        return x - lr * g, x - lr * g / abs(g)

    line = no_zero_case.__code__.co_firstlineno + 2
    assert verdict("03.4", no_zero_case).text == (
        "Case 5 of 5, two_steps(df = f' of x^2, x = 0, lr = 0.3): it raised ZeroDivisionError: "
        f"float division by zero (line {line} of your code).")


def test_03_4_the_unit_step_uphill_is_caught():
    def sign_written_out(df, x, lr):
        g = df(x)
        return x - lr * g, x - lr * ((g > 0) - (g < 0))

    assert grade("03.4", sign_written_out)  # the sign written another way is right

    def uphill(df, x, lr):
        g = df(x)
        return x - lr * g, x + lr * ((g > 0) - (g < 0))

    assert verdict("03.4", uphill).text == (
        "Case 1 of 5, two_steps(df = f' of x^2 + 3x, x = 0, lr = 0.1): expected a pair "
        "(x_raw, x_unit) of numbers, each on the downhill side of x; x_unit: it should return "
        "a negative number; yours is positive (0.1).")


def test_03_5_predict_the_regime():
    assert get("03.5").kind == "prediction"
    assert grade("03.5", "oscillating convergence") and grade("03.5", "Oscillating Convergence")
    assert verdict("03.5", "divergence").text == "Compute the factor 1 - lr f'': is its size above 1?"
    assert verdict("03.5", "zigzag").text.startswith("Answer with one of: 'monotone', ")
