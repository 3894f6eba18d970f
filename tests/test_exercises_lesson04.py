"""Lesson 04 checkers accept the right answers and reject wrong ones."""

from __future__ import annotations

import numpy as np

from ann_helpers.exercises import check, grade


def test_04_1_gradient():
    assert grade("04.1", (6, -2))
    assert grade("04.1", np.array([6.0, -2.0]))
    assert not grade("04.1", (3, -1))
    assert not grade("04.1", (-6, 2))       # that is minus the gradient
    assert not grade("04.1", 6)
    assert not grade("04.1", "6, -2")


def test_04_2_one_step():
    assert grade("04.2", (1.5, -0.5))
    assert not grade("04.2", (4.5, -1.5))   # stepped uphill
    assert not grade("04.2", (1.5,))


def test_04_3_stability_limit():
    assert grade("04.3", 0.1)
    assert not grade("04.3", 1.0)           # the round bowl's limit
    assert not grade("04.3", 0.05)
    assert not grade("04.3", "0.1")


def test_check_prints_hint_not_answer(capsys):
    check("04.3", 1.0)
    out = capsys.readouterr().out
    assert "not yet" in out and "1 - lr * 20" in out and "0.1" not in out
