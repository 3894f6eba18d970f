"""Lesson 01's exercises: the worked solutions are accepted (worked out independently here),
the typical mistakes get their own hint, and the sign-test code exercise judges functions."""

from __future__ import annotations

import sympy as sp

from ann_helpers.exercises import get, grade, message, reset_hints


def verdict(key, answer):
    return get(key).is_right(answer)


def test_01_1_stationary_point_of_a_parabola():
    x = sp.Symbol("x")
    (expected,) = sp.solve(sp.diff(2 * x**2 - 8 * x + 1, x), x)  # 4x - 8 = 0
    assert expected == 2
    for right in (2, 2.0, expected, "2", " 2 ", "4/2"):
        assert grade("01.1", right), right
    for wrong in (4, 8, 0, 1.9, 2.1):
        assert not grade("01.1", wrong)
    assert verdict("01.1", -2).text == ("Check the sign of the linear term: the derivative of "
                                        "-8x is -8.")


def test_01_2_the_mixed_term_makes_a_saddle():
    assert 2 * 2 - 4**2 < 0  # A = 2, B = 4, C = 2: AC - B^2 = -12 < 0
    assert grade("01.2", "saddle") and grade("01.2", " Saddle ") and grade("01.2", '"saddle"')
    assert not grade("01.2", "maximum")
    assert verdict("01.2", "minimum").text == (
        "Both squares have a plus sign, but the mixed term 4xy counts too: the Hessian test "
        "needs AC - B^2.")
    assert verdict("01.2", "sadle").text == ("Answer with one of: 'minimum', 'maximum', "
                                             "'saddle'.")


def test_01_3_second_partials_of_1000_variables():
    n = 1000
    distinct = sum(1 for i in range(n) for j in range(n) if i <= j)  # H[i, j] with i <= j
    assert distinct == 500_500
    assert grade("01.3", distinct) and grade("01.3", "500500")
    assert verdict("01.3", n * n).text == (
        "f_xy = f_yx: the Hessian is symmetric, so entries mirrored across the diagonal are "
        "the same derivative.")
    assert verdict("01.3", n * (n - 1) // 2).text == "You left out the diagonal (f_xx, f_yy, ...)."
    assert not grade("01.3", 500_501)


def sign_test(df, x0, h):
    left, right = df(x0 - h), df(x0 + h)
    if left < 0 < right:
        return "minimum"
    if left > 0 > right:
        return "maximum"
    return "neither"


def test_01_4_the_sign_test_as_code():
    assert grade("01.4", sign_test)


def test_01_4_looking_at_one_side_only_is_caught():
    def one_side(df, x0, h):
        return "minimum" if df(x0 + h) > 0 else "maximum"

    assert verdict("01.4", one_side).text == (
        "Case 3 of 6, sign_test(df = f' of f(x) = x^3, x0 = 0, h = 0.001): expected one of "
        "'minimum', 'maximum', 'neither': what the signs of f' at x0 - h and x0 + h say; it "
        "returned 'minimum'.")


def test_01_4_a_wrong_word_is_named():
    assert verdict("01.4", lambda df, x0, h: "min").text.endswith(
        "it should return one of 'minimum', 'maximum', 'neither', but returned 'min'.")


def test_hints_do_not_give_the_answer_away():
    for key, answer in (("01.1", "2"), ("01.2", "saddle"), ("01.3", "500500")):
        reset_hints(key)
        for attempt in ("a wrong answer", 123, 124):
            out = message(key, attempt)
            assert "not yet" in out
            assert f" {answer} " not in f" {out.lower()} " and "500,500" not in out
        reset_hints(key)


def test_01_5_predict_the_tangent_explorer():
    from ann_helpers.explorers.extrema import TangentExplorer

    status = TangentExplorer(function="x^3 - 3x", x=1.0).status
    assert status.endswith("f' changes from - to +: a minimum")   # what the learner will see
    assert get("01.5").kind == "prediction"
    assert grade("01.5", "minimum") and grade("01.5", "Minimum")
    assert verdict("01.5", "maximum").text.startswith("Look at the sign of f' just left")
    assert verdict("01.5", "saddle").text == ("Answer with one of: 'minimum', 'maximum', "
                                              "'neither'.")
