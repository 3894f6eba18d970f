"""Lesson 05 checkers accept the right answers and reject wrong ones."""

from __future__ import annotations

import math

from ann_helpers.exercises import check, grade


def test_05_1_neuron_output():
    right = 1 / (1 + math.exp(-(2 * 1 - 1 * 3 + 0.5 * 2 - 1)))     # sigmoid(-1)
    assert grade("05.1", right)
    assert grade("05.1", round(right, 4))
    assert not grade("05.1", -1.0)                 # u, not y
    assert not grade("05.1", 1 - right)
    assert not grade("05.1", "0.2689")


def test_05_2_parameter_count():
    assert grade("05.2", (10 * 5 + 5) + (5 * 5 + 5) + (5 * 1 + 1))
    assert not grade("05.2", 10 * 5 + 5 * 5 + 5 * 1)    # weights only
    assert not grade("05.2", [91])


def test_05_3_sigmoid_derivative():
    assert grade("05.3", 0.8 * 0.2)
    assert not grade("05.3", 0.8)
    assert not grade("05.3", None)


def test_check_prints_hint_not_answer(capsys):
    check("05.2", 85)
    out = capsys.readouterr().out
    assert "not yet" in out and "n_in * n_out" in out and "91" not in out
