"""Argument checks shared by every helper.

Each check returns the cleaned value or raises an error that names the argument, says what
was given, and says what is allowed, so a learner who mistypes sees what to change.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable

import numpy as np

from .i18n import N_, _


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _float(name: str, value) -> float:
    """float(value) for a real number; an integer too large for a float is an error that
    names the argument (Python would raise a bare OverflowError)."""
    try:
        return float(value)
    except OverflowError:
        digits = len(str(abs(int(value)))) if isinstance(value, numbers.Integral) else None
        size = (_("an integer with {digits} digits").format(digits=digits) if digits
                else _shown(value))
        raise ValueError(_("{name} must be a finite number (at most about {max:.3g} in size), "
                           "got {size}").format(name=name, max=MAX_FLOAT, size=size)) from None


#: the largest finite float; whole numbers beyond it cannot be used as numbers
MAX_FLOAT = float(np.finfo(float).max)


def number(name: str, value, *, low: float | None = None, high: float | None = None,
           low_open: bool = False, high_open: bool = False) -> float:
    """A finite real number, optionally inside [low, high] (or open at either end)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(_("{name} must be a real number, got {value} of type {type}").format(
            name=name, value=_shown(value), type=type(value).__name__))
    value = _float(name, value)
    if not math.isfinite(value):
        raise ValueError(_("{name} must be a finite number, got {value}").format(
            name=name, value=value))
    below = low is not None and (value <= low if low_open else value < low)
    above = high is not None and (value >= high if high_open else value > high)
    if below or above:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        raise ValueError(_("{name} must be in {interval}, got {value:g}").format(
            name=name, interval=f"{left}{lo}, {hi}{right}", value=value))
    return value


def positive(name: str, value, *, high: float | None = None) -> float:
    """A finite number > 0 (and <= high when given)."""
    return number(name, value, low=0.0, low_open=True, high=high)


def integer(name: str, value, *, low: int | None = None, high: int | None = None) -> int:
    """A whole number, optionally inside [low, high]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(_("{name} must be a whole number, got {value} of type {type}").format(
            name=name, value=_shown(value), type=type(value).__name__))
    value = int(value)
    if (low is not None and value < low) or (high is not None and value > high):
        lo = "-inf" if low is None else str(low)
        hi = "inf" if high is None else str(high)
        raise ValueError(_("{name} must be a whole number in [{low}, {high}], got {value}").format(
            name=name, low=lo, high=hi, value=_shown(value)))
    return value


def function(name: str, value) -> Callable:
    """Something callable, such as f or grad."""
    if not callable(value):
        raise TypeError(_("{name} must be a function (callable), got {value} of type {type}")
                        .format(name=name, value=_shown(value), type=type(value).__name__))
    return value


#: what a numpy dtype kind holds, for errors about values that are not real numbers
_KIND_WORDS = {"b": N_("booleans (True/False)"), "c": N_("complex numbers"), "U": N_("text"),
               "S": N_("bytes"), "M": N_("dates/times"), "m": N_("time spans"),
               "V": N_("raw records")}


def _not_real(name: str, value, what: str) -> TypeError:
    """`what` is already in the learner's language."""
    return TypeError(_("{name} must be a real number or an array of real numbers, got "
                       "{what}: {value}").format(name=name, what=what, value=_shown(value)))


def real_array(name: str, value) -> np.ndarray:
    """value as a float array, refusing anything that is not made of real numbers
    (None, text, bytes, booleans, complex numbers, dates) instead of letting numpy cast it."""
    if value is None:
        raise _not_real(name, value, "None")
    if isinstance(value, (str, bytes)):
        raise _not_real(name, value, _(_KIND_WORDS["U" if isinstance(value, str) else "S"]))
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError):  # ragged nested lists and the like
        raise TypeError(_("{name} must be a real number or an array of real numbers with rows "
                          "of equal length, got {value}").format(name=name, value=_shown(value))
                        ) from None
    kind = raw.dtype.kind
    if kind in "iuf":
        return raw.astype(float, copy=False)
    if kind in _KIND_WORDS:
        raise _not_real(name, value, _(_KIND_WORDS[kind]))
    # an object array: Python ints too large for int64, Fractions, or a mix of anything
    flat = raw.ravel()
    out = np.empty(flat.shape, dtype=float)
    for i, item in enumerate(flat):
        if isinstance(item, (bool, np.bool_)) or not isinstance(item, numbers.Real):
            raise _not_real(name, value, _("an entry {item} of type {type}").format(
                item=_shown(item), type=type(item).__name__))
        out[i] = _float(name, item)
    return out.reshape(raw.shape)


def array(name: str, value, *, ndim: int | Iterable[int] | None = None,
          shape: tuple | None = None) -> np.ndarray:
    """A finite float array of real numbers; `shape` may use None for 'any size' in a
    dimension. Text, bytes, booleans, complex numbers, dates and None are refused."""
    arr = real_array(name, value)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = _(" or ").join(str(n) for n in allowed)
            raise ValueError(_("{name} must have {want} dimension(s), got shape {shape}").format(
                name=name, want=want, shape=arr.shape))
    if shape is not None:
        ok = arr.ndim == len(shape) and all(s is None or s == n for s, n in zip(shape, arr.shape, strict=True))
        if not ok:
            want = "(" + ", ".join(_("any") if s is None else str(s) for s in shape)
            want += ",)" if len(shape) == 1 else ")"
            raise ValueError(_("{name} must have shape {want}, got {shape}").format(
                name=name, want=want, shape=arr.shape))
    if not np.all(np.isfinite(arr)):
        raise ValueError(_("{name} must contain only finite numbers (no nan or inf)").format(
            name=name))
    return arr


def labels(name: str, value, classes: int | None = None) -> np.ndarray:
    """Class numbers: a 1-D array of whole numbers in [0, classes - 1] (any whole number
    >= 0 when `classes` is None), returned as an int array."""
    allowed = f"[0, {classes - 1}]" if classes is not None else ">= 0"
    if value is None or isinstance(value, (str, bytes)):
        raise TypeError(_("{name} must be a 1-D array of whole class numbers {allowed}, got "
                          "{value}").format(name=name, allowed=allowed, value=_shown(value)))
    arr = np.asarray(value)
    if arr.ndim != 1 or (arr.size and arr.dtype.kind not in "iu"):
        raise ValueError(_("{name} must be a 1-D array of whole class numbers {allowed}, got "
                           "shape {shape} and dtype {dtype}").format(
            name=name, allowed=allowed, shape=arr.shape, dtype=arr.dtype))
    too_big = classes is not None and arr.size and arr.max() >= classes
    if arr.size and (arr.min() < 0 or too_big):
        raise ValueError(_("{name} must hold class numbers {allowed}, got values from {low} to "
                           "{high}").format(name=name, allowed=allowed, low=arr.min(),
                                            high=arr.max()))
    return arr.astype(int)


def choice(name: str, value, allowed: Iterable[str]) -> str:
    """One of a fixed set of names."""
    allowed = list(allowed)
    if value not in allowed:
        raise ValueError(_("{name} must be one of {allowed}; got {value}").format(
            name=name, allowed=", ".join(map(repr, allowed)), value=_shown(value)))
    return value
