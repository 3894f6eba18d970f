"""Lesson 10 exercise checkers: right answers pass, wrong ones are told which case fails (never
the expected output), and nothing a learner writes makes a checker raise."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest

from ann_helpers.autograd import Value
from ann_helpers.exercises import all_exercises, grade, lesson10
from ann_helpers.exercises.lesson10 import DELTA_CASES, KINDS, TANH_CASES, check, run_cases


def tanh_right(a):
    t = math.tanh(a.data)
    out = Value(t, (a,), "tanh")

    def _backward():
        a.grad += (1 - t * t) * out.grad
    out._backward = _backward
    return out


def tanh_overwrites(a):                      # = instead of +=
    t = math.tanh(a.data)
    out = Value(t, (a,), "tanh")

    def _backward():
        a.grad = (1 - t * t) * out.grad
    out._backward = _backward
    return out


def tanh_forgets_out_grad(a):
    t = math.tanh(a.data)
    out = Value(t, (a,), "tanh")

    def _backward():
        a.grad += 1 - t * t
    out._backward = _backward
    return out


def tanh_no_children(a):
    return Value(math.tanh(a.data))


def delta_right(W_next, delta_next, slope):
    return (delta_next @ W_next.T) * slope


def test_kinds_and_registry():
    assert KINDS == {"10.1": "number", "10.2": "code", "10.3": "code"}
    assert {"10.1", "10.2", "10.3"} <= set(all_exercises())


def test_right_answers_pass(capsys):
    assert grade("10.1", 60)
    assert grade("10.2", tanh_right) and grade("10.3", delta_right)
    for key, answer in (("10.1", 60), ("10.2", tanh_right), ("10.3", delta_right)):
        check(key, answer)
        assert capsys.readouterr().out == f"Exercise {key}: right. Well done.\n"


@pytest.mark.parametrize("wrong,case,problem", [
    (tanh_overwrites, "case 1 of 4 (a = 0.5)", "b.grad of tanh(b) * b is wrong: the two paths "
     "must add up (+=, not =)"),
    (tanh_forgets_out_grad, "case 1 of 4 (a = 0.5)", "a.grad after backward is wrong (multiply "
     "the local derivative by out.grad, and add it with +=)"),
    (tanh_no_children, "case 1 of 4 (a = 0.5)", "the output does not remember its input a "
     "(pass (a,) as its children)"),
    (lambda a: math.tanh(a.data), "case 1 of 4 (a = 0.5)",
     "tanh_value(a) must return a Value, got float"),
    (lambda a: a.tanh() if a.data else 1 / a.data, "case 2 of 4 (a = 0)",
     "the function raised ZeroDivisionError: float division by zero"),
])
def test_a_wrong_tanh_is_told_which_case_fails(capsys, wrong, case, problem):
    assert not grade("10.2", wrong)
    check("10.2", wrong)
    out = capsys.readouterr().out
    assert out == (f"Exercise 10.2: not yet: {case}: {problem}. "
                   f"Hint: {lesson10.get('10.2').hint}\n")


def test_a_wrong_delta_is_told_which_case_fails():
    assert run_cases(lambda W, d, s: d @ W.T, DELTA_CASES) == (
        "case 1 of 4 (1 example(s), layer l of 2 neurons, layer l+1 of 2): the shape is right "
        "but the numbers are not")
    assert run_cases(lambda W, d, s: (W @ d.T) * s.T, DELTA_CASES) == (
        "case 1 of 4 (1 example(s), layer l of 2 neurons, layer l+1 of 2): the result has shape "
        "(2, 1); delta^l has one row per example and one column per neuron of layer l: (1, 2)")
    assert run_cases(lambda W, d, s: "delta", DELTA_CASES) == (
        "case 1 of 4 (1 example(s), layer l of 2 neurons, layer l+1 of 2): the result must be "
        "an array of numbers, got str")
    message = run_cases(lambda W, d, s: np.dot(W, d) * s, DELTA_CASES)
    assert message.startswith("case 1 of 4 (1 example(s), layer l of 2 neurons, layer l+1 of "
                              "2): the function raised ValueError: shapes (2,2) and (1,2)")


def test_the_expected_numbers_are_never_shown(capsys):
    check("10.3", lambda W, d, s: np.zeros_like(s))
    out = capsys.readouterr().out
    assert out.startswith("Exercise 10.3: not yet: case 1 of 4") and "[" not in out.split("Hint")[0]


@pytest.mark.parametrize("junk", [None, ..., 3, "def f(): pass", [1, 2], lambda: 1,
                                  lambda *a: 1 / 0, lambda *a: exit(), print])
def test_checkers_never_raise(capsys, junk):
    for key in ("10.1", "10.2", "10.3"):
        check(key, junk)
        out = capsys.readouterr().out
        last = out.splitlines()[-1]         # print, as an answer, prints first
        assert last.startswith(f"Exercise {key}: ") and "right." not in last


def test_an_endless_function_is_stopped(monkeypatch):
    monkeypatch.setattr(lesson10, "TIME_LIMIT", 0.2)

    def forever(a):
        while True:
            try:
                time.sleep(0.01)
            except Exception:
                pass

    start = time.perf_counter()
    assert run_cases(forever, TANH_CASES) == ("case 1 of 4 (a = 0.5): the function ran longer "
                                              "than 0.2 s (a loop that never ends?)")
    assert time.perf_counter() - start < 2
