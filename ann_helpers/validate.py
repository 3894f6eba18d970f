"""Argument checks shared by every helper.

Each check returns the cleaned value or raises an error that names the argument, says what
was given, and says what is allowed, so a learner who mistypes sees what to change.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable

import numpy as np


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def number(name: str, value, *, low: float | None = None, high: float | None = None,
           low_open: bool = False, high_open: bool = False) -> float:
    """A finite real number, optionally inside [low, high] (or open at either end)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {_shown(value)} "
                        f"of type {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    below = low is not None and (value <= low if low_open else value < low)
    above = high is not None and (value >= high if high_open else value > high)
    if below or above:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        raise ValueError(f"{name} must be in {left}{lo}, {hi}{right}, got {value:g}")
    return value


def positive(name: str, value, *, high: float | None = None) -> float:
    """A finite number > 0 (and <= high when given)."""
    return number(name, value, low=0.0, low_open=True, high=high)


def integer(name: str, value, *, low: int | None = None, high: int | None = None) -> int:
    """A whole number, optionally inside [low, high]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {_shown(value)} "
                        f"of type {type(value).__name__}")
    value = int(value)
    if (low is not None and value < low) or (high is not None and value > high):
        lo = "-inf" if low is None else str(low)
        hi = "inf" if high is None else str(high)
        raise ValueError(f"{name} must be a whole number in [{lo}, {hi}], got {value}")
    return value


def function(name: str, value) -> Callable:
    """Something callable, such as f or grad."""
    if not callable(value):
        raise TypeError(f"{name} must be a function (callable), got {_shown(value)} "
                        f"of type {type(value).__name__}")
    return value


def array(name: str, value, *, ndim: int | Iterable[int] | None = None,
          shape: tuple | None = None) -> np.ndarray:
    """A finite float array; `shape` may use None for 'any size' in a dimension."""
    if value is None or (isinstance(value, (list, tuple)) and any(v is None for v in value)):
        raise TypeError(f"{name} must be a number or an array of numbers, got {_shown(value)}")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a number or an array of numbers, "
                        f"got {_shown(value)}") from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(str(n) for n in allowed)
            raise ValueError(f"{name} must have {want} dimension(s), got shape {arr.shape}")
    if shape is not None:
        ok = arr.ndim == len(shape) and all(s is None or s == n for s, n in zip(shape, arr.shape, strict=True))
        if not ok:
            want = "(" + ", ".join("any" if s is None else str(s) for s in shape) + ")"
            raise ValueError(f"{name} must have shape {want}, got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers (no nan or inf)")
    return arr


def choice(name: str, value, allowed: Iterable[str]) -> str:
    """One of a fixed set of names."""
    allowed = list(allowed)
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}; "
                         f"got {_shown(value)}")
    return value
