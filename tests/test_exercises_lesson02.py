"""Lesson 02 checkers accept the right answers and reject wrong ones."""

from __future__ import annotations

from ann_helpers.exercises import check, grade


def test_02_1_where_trial_search_stops():
    # f(2) = 10 > f(1) = 4 rejected; f(0) = 0 accepted; f(-1) = -2 accepted; f(-2) = -2 not lower
    assert grade("02.1", -1)
    assert grade("02.1", -1.0)
    assert not grade("02.1", -1.5)      # the true minimum, not where this search stops
    assert not grade("02.1", -2)
    assert not grade("02.1", "-1")


def test_02_2_direction_from_the_sign():
    assert grade("02.2", "left")
    assert grade("02.2", " Left ")
    assert not grade("02.2", "right")
    assert not grade("02.2", -1)


def test_02_3_compass_round_cost():
    assert grade("02.3", 20)
    assert not grade("02.3", 10)
    assert not grade("02.3", [20])


def test_check_prints_hint_not_answer(capsys):
    check("02.3", 10)
    out = capsys.readouterr().out
    assert "not yet" in out and "two directions" in out and "20" not in out
