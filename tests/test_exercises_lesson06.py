"""Lesson 06 checkers accept the right answers and reject wrong ones."""

from __future__ import annotations

import math

from ann_helpers.exercises import check, grade


def test_06_1_squared_error():
    assert grade("06.1", 0.5 * (0.5**2 + 0.5**2 + 0.0))
    assert not grade("06.1", 0.5)                  # forgot the 1/2
    assert not grade("06.1", "0.25")


def test_06_2_partial_derivative():
    f = 1 * 2 + 1 * (-1) + 1
    assert grade("06.2", (f - 4) * 2)
    assert not grade("06.2", f - 4)                # forgot df/da = x1
    assert not grade("06.2", None)


def test_06_3_cross_entropy_gradient():
    e = [math.exp(2), math.exp(1), 1.0]
    p = [v / sum(e) for v in e]
    assert grade("06.3", [p[0] - 1, p[1], p[2]])
    assert grade("06.3", (round(p[0] - 1, 3), round(p[1], 3), round(p[2], 3)))
    assert not grade("06.3", p)                    # softmax without subtracting the label
    assert not grade("06.3", [p[0] - 1, p[1]])     # wrong length
    assert not grade("06.3", "softmax - onehot")


def test_check_prints_hint_not_answer(capsys):
    check("06.1", 0.5)
    out = capsys.readouterr().out
    assert "not yet" in out and "factor 1/2" in out and "0.25" not in out
