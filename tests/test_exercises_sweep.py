"""Every exercise, against odd answers: `check` and `grade` never raise (a hypothesis sweep),
and every code exercise turns a function that raises, loops for ever, takes the wrong
arguments, returns None or returns nan into a "not yet" with a message, within its limit."""

from __future__ import annotations

import dataclasses
import math
import time
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from ann_helpers.exercises import all_exercises, check, grade, message, reset_hints
from ann_helpers.exercises.runner import CodeCheck

KEYS = list(all_exercises())
CODE_KEYS = [k for k, ex in all_exercises().items() if isinstance(ex.is_right, CodeCheck)]


class Hostile:
    """An object whose every dunder a checker might call raises."""

    def _boom(self, *args, **kwargs):
        raise RuntimeError("hostile")

    __eq__ = __ne__ = __lt__ = __gt__ = __le__ = __ge__ = _boom
    __float__ = __int__ = __index__ = __bool__ = __len__ = __iter__ = _boom
    __repr__ = __str__ = __format__ = __hash__ = __array__ = _boom
    __getattr__ = _boom


class FloatLike:
    """Claims to be a number but its __float__ raises OverflowError."""

    def __float__(self):
        raise OverflowError("too big")


def _make_function(value):
    return lambda *args, **kwargs: value


scalars = st.one_of(
    st.none(), st.just(...), st.booleans(), st.integers(),
    st.integers(min_value=10**300, max_value=10**500), st.just(10**400), st.just(-(10**400)),
    st.floats(allow_nan=True, allow_infinity=True), st.complex_numbers(),
    st.fractions(), st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.text(alphabet="0123456789-+.,/eE \u2212\uff0d\uff11\uff15%",
                                  max_size=12),
    st.binary(max_size=10), st.sampled_from([
        "nan", "inf", "-inf", "1e400", "1e-400", "1/0", "0/0", "--1", "1,5", "(6, -2)",
        "[1, 2, 3]", "\u22121.5", "\uff0d\uff11.\uff15", "minimum", " Saddle ", "left",
        "a" * 1000, "9" * 5000, "oscillating", "one step", "x" * 250]),
    st.builds(lambda: object()), st.builds(Hostile), st.builds(FloatLike),
    st.sampled_from([np.float32("nan"), np.int64(-3), np.bool_(True), np.complex128(1j),
                     np.float64(np.inf), sp.Rational(1, 6), sp.Float(2.5), sp.Symbol("a"),
                     sp.oo, sp.nan, sp.I, Decimal("NaN"), Fraction(10**400, 3), print, int,
                     np.array, np.datetime64("2026-01-01"), slice(1, 2), range(3)]),
)
arrays = hnp.arrays(dtype=st.sampled_from([np.float64, np.int64, np.bool_, np.complex128,
                                           np.dtype("U3"), np.dtype("O")]),
                    shape=hnp.array_shapes(min_dims=0, max_dims=3, max_side=4))
answers = st.recursive(
    st.one_of(scalars, arrays),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner),
                            st.dictionaries(st.text(max_size=3), inner, max_size=3),
                            st.builds(_make_function, inner)),
    max_leaves=6)


#: the odd answers the issue names, tried on every exercise
NAMED = [10**400, -(10**400), math.nan, math.inf, -math.inf, True, False, b"1.5", bytearray(2),
         [1, 2], [], (6, -2), {"a": 1}, {}, set(), np.array([1.0, np.nan]), np.zeros((2, 2)),
         np.array(3), object(), Hostile(), FloatLike(), ..., None, print, lambda: 1,
         lambda *a: 1 / 0, "1,5", "\u22121.5", "\uff0d\uff11.\uff15", "", " ", "nan",
         1.5j, Fraction(-3, 2), Decimal("NaN"), sp.nan, sp.oo, sp.Symbol("x"), np.float32(2),
         np.int64(2), np.bool_(False), "9" * 5000, int, type]


@pytest.mark.parametrize("key", KEYS)
def test_the_named_odd_answers_never_raise(key, capsys):
    for answer in NAMED:
        assert grade(key, answer) in (True, False)
        capsys.readouterr()
        check(key, answer)
        out = capsys.readouterr().out
        if answer is print:  # the learner's function may print: check's line comes last
            out = out.splitlines(keepends=True)[-1]
        assert out.startswith(f"Exercise {key}: ") and out.count("\n") == 1, out
    reset_hints(key)


@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(KEYS), answer=answers)
def test_check_and_grade_never_raise(key, answer, capsys):
    assert grade(key, answer) in (True, False)
    capsys.readouterr()
    check(key, answer)
    out = capsys.readouterr().out  # a learner's function may print: check's line comes last
    assert out.splitlines()[-1].startswith(f"Exercise {key}: ")
    reset_hints(key)


@pytest.mark.parametrize("key", KEYS)
def test_placeholders_say_no_answer_yet(key):
    for placeholder in (None, ...):
        assert message(key, placeholder).startswith(f"Exercise {key}: no answer yet. ")


# -- code exercises: the five ways a learner's function goes wrong ---------------------------
SHORT = 0.3


def _short(key) -> CodeCheck:
    return dataclasses.replace(all_exercises()[key].is_right, time_limit=SHORT)


def _arity(check_: CodeCheck) -> int:
    return len(check_.params)


def _with_arity(n, body):
    names = ", ".join(f"a{i}" for i in range(n))
    scope = {"body": body}
    exec(f"def learner({names}):\n    return body({names})\n", scope)  # noqa: S102
    return scope["learner"]


def _endless(*args):
    while True:
        pass


@pytest.mark.parametrize("key", CODE_KEYS)
def test_a_function_that_raises(key):
    c = _short(key)
    fn = _with_arity(_arity(c), lambda *a: 1 / 0)
    verdict = c(fn)
    assert not verdict and "it raised ZeroDivisionError: division by zero (line 2 of your " \
                           "code)." in verdict.text


@pytest.mark.parametrize("key", CODE_KEYS)
def test_a_function_that_never_ends(key):
    c = _short(key)
    fn = _with_arity(_arity(c), _endless)
    start = time.monotonic()
    verdict = c(fn)
    elapsed = time.monotonic() - start
    assert not verdict
    assert verdict.text.startswith("Case 1 of ")
    assert verdict.text.endswith(f"it did not finish within {SHORT:g} s and was stopped. An "
                                 "endless loop? Check that the loop's condition becomes false.")
    assert elapsed < SHORT + 0.5


def test_the_endless_loop_is_stopped_at_the_real_time_limit(capsys):
    """The exercises' own limit (2 s), measured once, through `check` as a learner runs it."""
    key = CODE_KEYS[0]
    c = all_exercises()[key].is_right
    fn = _with_arity(_arity(c), _endless)
    start = time.monotonic()
    check(key, fn)
    elapsed = time.monotonic() - start
    reset_hints(key)
    assert "it did not finish within 2 s and was stopped." in capsys.readouterr().out
    assert 2.0 <= elapsed < 2.5


@pytest.mark.parametrize("key", CODE_KEYS)
def test_a_function_with_the_wrong_arity(key):
    c = _short(key)
    for n in (_arity(c) - 1, _arity(c) + 1):
        verdict = c(_with_arity(n, lambda *a: 0.0))
        assert not verdict
        plural = "s" if _arity(c) != 1 else ""
        assert verdict.text.startswith(f"{c.name} is called with {_arity(c)} argument{plural}, "
                                       f"({', '.join(c.params)}); your function takes ")


@pytest.mark.parametrize("key", CODE_KEYS)
def test_a_function_that_returns_none_or_nan(key):
    c = _short(key)
    verdict = c(_with_arity(_arity(c), lambda *a: None))
    if c.drive is None:
        assert not verdict and verdict.text.endswith(
            f"it returned None. Write the body of {c.name} (in place of `...`) and end it with "
            "a `return` statement.")
    else:  # a driver builds on the result: its comparison names the None
        assert not verdict and "None" in verdict.text
    verdict = c(_with_arity(_arity(c), lambda *a: math.nan))
    assert not verdict and "nan" in verdict.text
    verdict = c(_with_arity(_arity(c), lambda *a: (math.nan, math.nan)))
    assert not verdict


@pytest.mark.parametrize("key", CODE_KEYS)
def test_the_placeholder_function_says_no_answer_yet(key, capsys):
    c = all_exercises()[key].is_right

    def placeholder(*args):
        raise NotImplementedError

    check(key, _with_arity(_arity(c), placeholder))
    assert capsys.readouterr().out == (
        f"Exercise {key}: no answer yet. Write the body of {c.name} in place of `raise "
        "NotImplementedError`, then run the cell again.\n")


@pytest.mark.parametrize("key", CODE_KEYS)
def test_a_non_function_answer(key):
    c = all_exercises()[key].is_right
    for answer in (3, "def f(): pass", [print], int):
        verdict = c(answer)
        assert not verdict and verdict.text.startswith(
            f"The answer is a function: write `def {c.name}({', '.join(c.params)}):` in the "
            f"cell above, then pass its name, check(..., {c.name}); got ")
