"""ann_helpers.validate: every check accepts good values and rejects each bad kind with a
message that names the argument, what was given and what is allowed."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from messages import raises, raises_like

from ann_helpers import validate


# -- number -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [0, -3, 2.5, np.float64(1.5), np.int32(7), Fraction(1, 4)])
def test_number_accepts_real_numbers(value):
    out = validate.number("lr", value)
    assert isinstance(out, float) and out == float(value)


@pytest.mark.parametrize("value", ["0.1", None, [0.1], 1 + 2j, True, np.bool_(True)])
def test_number_rejects_other_types(value):
    with raises_like(TypeError, r"lr must be a real number, got .+ of type \w+"):
        validate.number("lr", value)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, np.float64("nan")])
def test_number_rejects_non_finite(value):
    with raises_like(ValueError, r"lr must be a finite number, got (nan|inf|-inf)"):
        validate.number("lr", value)


def test_number_closed_range():
    assert validate.number("lr", 0.0, low=0.0, high=1.0) == 0.0
    assert validate.number("lr", 1.0, low=0.0, high=1.0) == 1.0
    with raises(ValueError, 'lr must be in [0, 1], got -0.1'):
        validate.number("lr", -0.1, low=0.0, high=1.0)
    with raises(ValueError, 'lr must be in [0, 1], got 1.5'):
        validate.number("lr", 1.5, low=0.0, high=1.0)


def test_number_open_ends():
    assert validate.number("lr", 0.5, low=0.0, high=1.0, low_open=True, high_open=True) == 0.5
    with raises(ValueError, 'lr must be in (0, 1), got 0'):
        validate.number("lr", 0.0, low=0.0, high=1.0, low_open=True, high_open=True)
    with raises(ValueError, 'lr must be in (0, 1), got 1'):
        validate.number("lr", 1.0, low=0.0, high=1.0, low_open=True, high_open=True)


def test_number_one_sided_ranges():
    assert validate.number("x0", 1e9, low=-5.0) == 1e9
    with raises(ValueError, 'x0 must be in [-5, inf], got -6'):
        validate.number("x0", -6, low=-5.0)
    with raises(ValueError, 'x0 must be in [-inf, 5], got 6'):
        validate.number("x0", 6, high=5.0)


# -- positive ---------------------------------------------------------------------------------------
def test_positive():
    assert validate.positive("step", 0.5) == 0.5
    assert validate.positive("step", 2, high=2.0) == 2.0
    for bad in (0, -1.0):
        with raises_like(ValueError, r"step must be in \(0, inf\], got -?\d+(\.\d+)?"):
            validate.positive("step", bad)
    with raises(ValueError, 'step must be in (0, 2], got 3'):
        validate.positive("step", 3, high=2.0)
    with raises(TypeError, "step must be a real number, got '1' of type str"):
        validate.positive("step", "1")
    with raises(ValueError, 'step must be a finite number, got inf'):
        validate.positive("step", math.inf)


# -- integer ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [0, 5, -2, np.int64(3)])
def test_integer_accepts_whole_numbers(value):
    out = validate.integer("steps", value)
    assert isinstance(out, int) and out == int(value)


@pytest.mark.parametrize("value", [2.0, 2.5, "3", None, True, math.nan])
def test_integer_rejects_other_types(value):
    with raises_like(TypeError, r"steps must be a whole number, got .+ of type \w+"):
        validate.integer("steps", value)


def test_integer_range():
    assert validate.integer("steps", 1, low=1, high=10) == 1
    assert validate.integer("steps", 10, low=1, high=10) == 10
    with raises(ValueError, 'steps must be a whole number in [1, 10], got 0'):
        validate.integer("steps", 0, low=1, high=10)
    with raises(ValueError, 'steps must be a whole number in [1, 10], got 11'):
        validate.integer("steps", 11, low=1, high=10)
    with raises(ValueError, 'steps must be a whole number in [1, inf], got -1'):
        validate.integer("steps", -1, low=1)
    with raises(ValueError, 'steps must be a whole number in [-inf, 3], got 4'):
        validate.integer("steps", 4, high=3)


# -- function ---------------------------------------------------------------------------------------
def test_function():
    assert validate.function("grad", np.sin) is np.sin

    def f(t):
        return t

    assert validate.function("f", f) is f
    for bad in (None, 3.0, "sin", [np.sin]):
        with raises_like(TypeError, r"grad must be a function \(callable\), got .+ of type \w+"):
            validate.function("grad", bad)


# -- array ------------------------------------------------------------------------------------------
def test_array_accepts_numbers_and_sequences():
    assert validate.array("x", 3).shape == ()
    out = validate.array("x", [1, 2, 3])
    assert out.dtype == float and out.tolist() == [1.0, 2.0, 3.0]
    assert validate.array("w", np.ones((2, 3), dtype=int)).dtype == float


@pytest.mark.parametrize("value, message", [
    ("abc", "x must be a real number or an array of real numbers, got text: 'abc'"),
    ([1, "a"], "x must be a real number or an array of real numbers, got text: [1, 'a']"),
    (b"1", "x must be a real number or an array of real numbers, got bytes: b'1'"),
    ([[1, 2], [3]], "x must be a real number or an array of real numbers with rows of equal "
                    "length, got [[1, 2], [3]]"),
    ({"a": 1}, "x must be a real number or an array of real numbers, got an entry {'a': 1} of "
               "type dict: {'a': 1}"),
    (True, "x must be a real number or an array of real numbers, got booleans (True/False): "
           "True"),
    ([1 + 2j], "x must be a real number or an array of real numbers, got complex numbers: "
               "[(1+2j)]"),
    (np.array(["2026-01-01"], dtype="datetime64[D]"),
     "x must be a real number or an array of real numbers, got dates/times: "
     "array(['2026-01-01'], dtype='datetime64[D]')"),
])
def test_array_rejects_what_is_not_numbers(value, message):
    with raises(TypeError, message):
        validate.array("x", value)


@pytest.mark.parametrize("value, message", [
    (None, "x must be a real number or an array of real numbers, got None: None"),
    ([1.0, None], "x must be a real number or an array of real numbers, got an entry None of "
                  "type NoneType: [1.0, None]"),
])
def test_array_rejects_none(value, message):
    # numpy would read None as nan; a missing value is a type mistake, said as such
    with raises(TypeError, message):
        validate.array("x", value)


@pytest.mark.parametrize("value", [10**400, [1, 10**400], -(10**400)])
def test_huge_integers_are_a_clear_error_not_overflow(value):
    message = ("x must be a finite number (at most about 1.8e+308 in size), got an integer "
               "with 401 digits")
    with raises(ValueError, message):
        validate.array("x", value)
    if not isinstance(value, list):
        with raises(ValueError, message):
            validate.number("x", value)


def test_big_python_integers_that_fit_are_numbers():
    assert validate.array("x", [10**30, 2]).tolist() == [1e30, 2.0]
    assert validate.number("x", 10**300) == 1e300


@pytest.mark.parametrize("value", [[1.0, math.nan], [[math.inf]], -math.inf])
def test_array_rejects_non_finite(value):
    with raises(ValueError, 'x must contain only finite numbers (no nan or inf)'):
        validate.array("x", value)


def test_array_ndim():
    assert validate.array("x0", [1.0, 2.0], ndim=1).shape == (2,)
    assert validate.array("x0", 1.0, ndim=(0, 1)).shape == ()
    with raises(ValueError, 'x0 must have 1 dimension(s), got shape (2, 2)'):
        validate.array("x0", [[1, 2], [3, 4]], ndim=1)
    with raises(ValueError, 'x0 must have 0 or 1 dimension(s), got shape (1, 1)'):
        validate.array("x0", [[1]], ndim=(0, 1))


def test_array_shape():
    assert validate.array("X", np.zeros((5, 2)), shape=(None, 2)).shape == (5, 2)
    with raises(ValueError, 'X must have shape (any, 2), got (5, 3)'):
        validate.array("X", np.zeros((5, 3)), shape=(None, 2))
    with raises(ValueError, "X must have shape (2,), got (2, 1)"):
        validate.array("X", np.zeros((2, 1)), shape=(2,))


# -- choice -----------------------------------------------------------------------------------------
def test_choice():
    assert validate.choice("activation", "relu", ["sigmoid", "relu"]) == "relu"
    assert validate.choice("mode", "raw", ("raw", "normalized")) == "raw"
    for bad in ("ReLU", "", None, 1):
        with raises(ValueError, f"activation must be one of 'sigmoid', 'relu'; got {bad!r}"):
            validate.choice("activation", bad, ["sigmoid", "relu"])


def test_long_values_are_shortened_in_messages():
    with pytest.raises(TypeError) as info:
        validate.number("lr", "x" * 500)
    assert "..." in str(info.value) and len(str(info.value)) < 150
