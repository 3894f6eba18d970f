"""Exercise checkers: the learner types an answer, `check` says right or wrong with a hint.

Each lesson has a module here (lesson01.py, lesson02.py, ...) that registers its exercises:

    exercise("01.1", "f(x) = x^2 + 3x. What is f'(2)?", number(7), hint="Differentiate first.")

The expected answers are computed from the maths where they can be (not typed in as results),
and `check` never prints them: the worked solution lives in a collapsed cell of the notebook.
"""

from __future__ import annotations

import importlib
import math
import numbers
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Exercise:
    key: str
    question: str
    is_right: Callable[[Any], bool]
    hint: str


_REGISTRY: dict[str, Exercise] = {}


def exercise(key: str, question: str, is_right: Callable[[Any], bool], hint: str) -> Exercise:
    """Register an exercise under `key` ("LL.N": lesson number, exercise number)."""
    if key in _REGISTRY:
        raise ValueError(f"exercise {key!r} is registered twice")
    ex = Exercise(key, question, is_right, hint)
    _REGISTRY[key] = ex
    return ex


def _load_all() -> None:
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")


def get(key: str) -> Exercise:
    """The exercise registered under `key`."""
    _load_all()
    if key not in _REGISTRY:
        raise KeyError(f"no exercise {key!r}; known: {', '.join(sorted(_REGISTRY))}")
    return _REGISTRY[key]


def all_exercises() -> dict[str, Exercise]:
    _load_all()
    return dict(sorted(_REGISTRY.items()))


# -- answer predicates ----------------------------------------------------------------------
def number(expected: float, tol: float = 1e-6) -> Callable[[Any], bool]:
    """Right when the answer is a number within `tol` (absolute or relative) of `expected`."""
    expected = float(expected)

    def is_right(answer) -> bool:
        if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
            return False
        return math.isclose(float(answer), expected, rel_tol=tol, abs_tol=tol)

    return is_right


def numbers_close(expected, tol: float = 1e-6) -> Callable[[Any], bool]:
    """Right when the answer is a sequence of numbers close to `expected`, element by element."""
    expected = np.asarray(expected, dtype=float)

    def is_right(answer) -> bool:
        try:
            got = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            return False
        return got.shape == expected.shape and bool(np.allclose(got, expected, rtol=tol, atol=tol))

    return is_right


def word(*accepted: str) -> Callable[[Any], bool]:
    """Right when the answer is one of the accepted words (case and spaces ignored)."""
    norm = {a.strip().lower() for a in accepted}

    def is_right(answer) -> bool:
        return isinstance(answer, str) and answer.strip().lower() in norm

    return is_right


# -- what the learner calls ---------------------------------------------------------------
def grade(key: str, answer) -> bool:
    """True when `answer` is right for exercise `key` (for tests and for `check`)."""
    return bool(get(key).is_right(answer))


def check(key: str, answer) -> None:
    """Print whether `answer` is right; a hint when it is not. Never prints the answer."""
    ex = get(key)
    if answer is None or answer is ...:
        print(f"Exercise {key}: no answer yet. Replace the placeholder with your answer "
              "and run the cell again.")
    elif ex.is_right(answer):
        print(f"Exercise {key}: right. Well done.")
    else:
        print(f"Exercise {key}: not yet. Hint: {ex.hint}")
