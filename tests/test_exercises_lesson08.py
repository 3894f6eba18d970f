"""Lesson 08 exercise checkers accept the right answer and reject wrong ones."""

from __future__ import annotations

from ann_helpers.exercises import grade


def test_right_answers_are_accepted():
    assert grade("08.1", 13)              # 12 full batches of 16 and one of 8
    assert grade("08.2", 0.01)            # 0.5 / 50
    assert grade("08.3", 1.2)             # (1*2 + 2*2) / (1 + 4)
    assert grade("08.3", 6 / 5)


def test_wrong_answers_are_rejected():
    assert not grade("08.1", 12)          # forgot the last, smaller batch
    assert not grade("08.1", 12.5)
    assert not grade("08.2", 25.0)        # multiplied instead of divided
    assert not grade("08.2", 0.5)
    assert not grade("08.3", 1.5)         # the average of the per-example answers
    assert not grade("08.3", "1.2")       # a string, not a number
    assert not grade("08.1", None)
