"""Lesson 01's exercises: each checker accepts the right answer (worked out independently
here) and rejects wrong ones and wrong types."""

from __future__ import annotations

import pytest
import sympy as sp

from ann_helpers.exercises import check, get, grade


def test_01_1_stationary_point_of_a_parabola():
    x = sp.Symbol("x")
    (expected,) = sp.solve(sp.diff(2 * x**2 - 8 * x + 1, x), x)  # 4x - 8 = 0
    assert expected == 2
    assert grade("01.1", 2) and grade("01.1", 2.0) and grade("01.1", float(expected))
    for wrong in (-2, 4, 8, 0, 1.9):
        assert not grade("01.1", wrong)
    for wrong_type in ("2", [2], None):
        assert not grade("01.1", wrong_type)


def test_01_2_the_mixed_term_makes_a_saddle():
    # A = 2, B = 4, C = 2: AC - B^2 = -12 < 0
    assert 2 * 2 - 4**2 < 0
    assert grade("01.2", "saddle") and grade("01.2", " Saddle ")
    for wrong in ("minimum", "maximum", "inconclusive", "sadle"):
        assert not grade("01.2", wrong)
    for wrong_type in (0, None, ["saddle"]):
        assert not grade("01.2", wrong_type)


def test_01_3_second_partials_of_1000_variables():
    n = 1000
    distinct = sum(1 for i in range(n) for j in range(n) if i <= j)  # H[i, j] with i <= j
    assert distinct == 500_500
    assert grade("01.3", distinct)
    for wrong in (n * n, n * (n - 1) // 2, 1000, 500_501):
        assert not grade("01.3", wrong)
    for wrong_type in ("500500", None, [500500]):
        assert not grade("01.3", wrong_type)


@pytest.mark.parametrize("key, answer", [("01.1", "2"), ("01.2", "saddle"), ("01.3", "500500")])
def test_hints_do_not_give_the_answer_away(key, answer, capsys):
    ex = get(key)
    assert "?" in ex.question and ex.hint
    check(key, "a wrong answer")
    out = capsys.readouterr().out
    assert "not yet. Hint:" in out
    assert f" {answer} " not in f" {out.lower()} " and "500,500" not in out
