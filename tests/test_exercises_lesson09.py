"""Lesson 09's checkers accept the right answers and reject wrong ones and wrong types."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ann_helpers.exercises import check, grade
from ann_helpers.exercises.lesson09 import CONFUSION, n_parameters


def test_parameter_count():
    assert n_parameters((64, 32, 10)) == 2410
    assert grade("09.1", 64 * 32 + 32 + 32 * 10 + 10)
    assert not grade("09.1", 64 * 32 + 32 * 10)        # forgot the biases
    assert not grade("09.1", "2410")


def test_cross_entropy_of_one_example():
    assert grade("09.2", -math.log(0.8))
    assert grade("09.2", 0.2231)
    assert not grade("09.2", math.log(0.8))            # the sign
    assert not grade("09.2", -math.log10(0.8))         # the wrong logarithm
    assert not grade("09.2", [0.2231])


def test_accuracy_from_confusion_matrix():
    assert grade("09.3", 139 / 150)
    assert grade("09.3", float(np.trace(CONFUSION) / CONFUSION.sum()))
    assert not grade("09.3", 139)                      # a count, not a fraction
    assert not grade("09.3", 50 / 52)                  # one class only
    assert not grade("09.3", None)


@pytest.mark.parametrize("key", ["09.1", "09.2", "09.3"])
def test_check_never_prints_the_answer(key, capsys):
    check(key, 12345.0)
    out = capsys.readouterr().out
    assert "not yet" in out and "2410" not in out and "0.22" not in out and "0.926" not in out
