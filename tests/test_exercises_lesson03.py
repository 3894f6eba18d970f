"""Lesson 03 checkers accept the right answers and reject wrong ones."""

from __future__ import annotations

from ann_helpers.exercises import check, grade


def test_03_1_one_raw_step():
    assert grade("03.1", 0 - 0.1 * (2 * 0 + 3))
    assert not grade("03.1", 0.3)           # the sign: a step goes against the gradient
    assert not grade("03.1", -3)            # forgot lr
    assert not grade("03.1", "-0.3")


def test_03_2_one_step_learning_rate():
    assert grade("03.2", 1 / 6)
    assert not grade("03.2", 0.5)           # that is x^2's answer
    assert not grade("03.2", 1 / 3)         # the cycle, 2 / f''
    assert not grade("03.2", None)


def test_03_3_which_minimum():
    assert grade("03.3", 1.13)
    assert not grade("03.3", -1.30)         # the global minimum is on the other side
    assert not grade("03.3", 0.5)
    assert not grade("03.3", "1.13")


def test_check_prints_hint_not_answer(capsys):
    check("03.2", 0.5)
    out = capsys.readouterr().out
    assert "not yet" in out and "(1 - 6 lr)" in out and "0.1666" not in out
