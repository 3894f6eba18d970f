"""Reading what a learner typed: numbers, lists of numbers, words. Nothing here raises.

A learner writes the same number in many ways: ``-1.5``, ``" -1.5 "``, ``"-3/2"``,
``Fraction(-3, 2)``, ``"−1.5"`` (the Unicode minus), ``"－１.５"`` (full-width digits), a numpy
scalar, a sympy number, ``10**400``. `read_number` turns all of them into an exact
``Fraction``, so comparing never overflows; what cannot be a number comes back as a `Problem`
whose text says why, in words a learner can act on ("use a decimal point, not a comma").
"""

from __future__ import annotations

import math
import numbers
import re
import sys
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np

from ..i18n import _

#: longest text answer read as a number or a word (longer text is not a typed answer)
MAX_TEXT = 200
#: characters that are a minus sign to a reader: Unicode minus, en dash, small/full-width
#: hyphen-minus (NFKC already maps the full-width and small forms to "-")
_MINUSES = {"\u2212": "-", "\u2013": "-", "\u2012": "-", "\ufe63": "-", "\uff0d": "-"}
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+(?:[eE][+-]?\d+)?$")
_NUMBER_TEXT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


@dataclass(frozen=True)
class Problem:
    """Why an answer could not be read: `text` is a full sentence for the learner."""

    text: str


def safe_repr(obj, limit: int = 60) -> str:
    """repr(obj), shortened to `limit` characters; never raises (a broken __repr__, a huge
    integer, a recursive structure all give a short description)."""
    if isinstance(obj, int) and not isinstance(obj, bool):
        digits = _int_digits(obj)
        if digits > 30:
            return _("an integer with {digits} digits").format(digits=digits)
    try:
        text = repr(obj)
        if not isinstance(text, str):
            raise TypeError
    except Exception:  # noqa: BLE001 - any __repr__ may fail
        try:
            return f"<a {type(obj).__name__} object>"
        except Exception:  # noqa: BLE001
            return "<an object>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _int_digits(n: int) -> int:
    """The number of decimal digits of |n| (no str(): CPython limits int -> str conversion)."""
    n = abs(n)
    if n == 0:
        return 1
    digits = int(n.bit_length() * 0.30102999566398120) + 1
    return max(1, digits if 10 ** (digits - 1) <= n else digits - 1)


def normalize_text(text: str) -> str:
    """NFKC (full-width digits and letters become ASCII), every minus sign becomes '-', spaces
    at both ends go, inner runs of spaces become one."""
    text = unicodedata.normalize("NFKC", text)
    for old, new in _MINUSES.items():
        text = text.replace(old, new)
    return " ".join(text.split())


def _sympy_number(answer):
    """A sympy number as a Fraction (rationals exactly) or a float; None for other objects."""
    sympy = sys.modules.get("sympy")
    if sympy is None or not isinstance(answer, sympy.Basic):
        return None
    if not getattr(answer, "is_number", False):
        return Problem(_("That is a sympy expression with symbols in it; the answer is a "
                       "number (substitute the values, e.g. with .subs(...))."))
    if answer.is_Rational:
        return Fraction(int(answer.p), int(answer.q))
    if answer.is_real is False:
        return Problem(_("That is a complex number; the answer is a real number."))
    return float(answer.evalf(30))


def _from_text(text: str):
    text = normalize_text(text)
    if not text:
        return Problem(_("The text is empty: type the number itself, e.g. -1.5 or 3/2."))
    compact = text.replace(" ", "")
    if _DECIMAL_COMMA.match(compact):
        return Problem(_("Write the decimal point as '.', not ',' (Python reads 1,5 as two "
                       "numbers)."))
    if compact.count("/") == 1:
        top, bottom = compact.split("/")
        top, bottom = _from_text(top), _from_text(bottom)
        if isinstance(top, Problem) or isinstance(bottom, Problem):
            return Problem(_("A fraction is two numbers with one '/' between them, e.g. -3/2."))
        if bottom == 0:
            return Problem(_("That fraction divides by zero."))
        return top / bottom
    if compact.endswith("%"):
        return Problem(_("Give the number itself, not a percentage (92 % is 0.92)."))
    if _NUMBER_TEXT.match(compact):
        exponent = re.search(r"[eE]([+-]?\d+)$", compact)
        if exponent and abs(int(exponent.group(1))) > 1000:
            return Problem(_("That number is far too large or too small."))
        try:
            return Fraction(compact)
        except (ValueError, ZeroDivisionError, OverflowError):
            return Problem(_("That number is too long to read."))
    if compact.lower().lstrip("+-") in ("nan", "inf", "infinity"):
        return Problem(_("That is not a finite number."))
    return Problem(_("{text} is not a number: type digits, e.g. -1.5 or 3/2 (without quotes is "
                     "fine too).").format(text=safe_repr(text)))


def read_number(answer):
    """The answer as an exact Fraction, or a Problem saying why it is not one number."""
    try:
        return _read_number(answer)
    except Exception:  # noqa: BLE001 - whatever the object does, reading it must not raise
        return Problem(_("This answer could not be read as a number."))


def _read_number(answer):
    if answer is None or answer is ...:
        return Problem(_("There is no answer yet."))
    if isinstance(answer, (bool, np.bool_)):
        return Problem(_("True and False are not numbers here: the answer is a number."))
    if isinstance(answer, int):
        return Fraction(answer)
    if isinstance(answer, (bytes, bytearray)):
        return Problem(_("That is bytes, not a number: type the number itself."))
    if isinstance(answer, str):
        if len(answer) > MAX_TEXT:
            return Problem(_("That text is longer than {n} characters: type the number itself.")
                           .format(n=MAX_TEXT))
        return _from_text(answer)
    if isinstance(answer, np.ndarray):
        if answer.shape == ():
            return _read_number(answer[()])
        return Problem(_("That is an array of shape {shape}: the answer is one number.").format(
            shape=answer.shape))
    if isinstance(answer, (Fraction, Decimal)):
        value = Fraction(answer) if not (isinstance(answer, Decimal) and not answer.is_finite()) \
            else math.nan
        return value if isinstance(value, Fraction) else Problem(_("That is not a finite number."))
    if isinstance(answer, np.generic):
        if isinstance(answer, np.complexfloating):
            return _read_number(complex(answer))
        return _read_number(answer.item())
    if isinstance(answer, complex):
        return Problem(_("That is a complex number; the answer is a real number."))
    sym = _sympy_number(answer)
    if isinstance(sym, Problem | Fraction):
        return sym
    if sym is not None:
        answer = sym
    if isinstance(answer, float):
        if not math.isfinite(answer):
            return Problem(_("That is not a finite number (nan or inf): check for a division "
                           "by zero or an overflow."))
        return Fraction(answer)
    if isinstance(answer, (list, tuple, set, dict)):
        return Problem(_("That is a {type}: the answer is one number, not a collection.").format(
            type=type(answer).__name__))
    if isinstance(answer, numbers.Real):
        return _read_number(float(answer))
    if callable(answer):
        return Problem(_("That is a function: call it and give the number it returns."))
    return Problem(_("That is not a number (it is of type {type}).").format(
        type=type(answer).__name__))


def read_numbers(answer, n: int):
    """The answer as a list of `n` Fractions, or a Problem. Accepts a list, tuple or array of
    numbers, or text such as "(6, -2)" (numbers separated by commas or semicolons)."""
    try:
        return _read_numbers(answer, n)
    except Exception:  # noqa: BLE001
        return Problem(_("This answer could not be read as {n} numbers.").format(n=n))


def _read_numbers(answer, n: int):
    if answer is None or answer is ...:
        return Problem(_("There is no answer yet."))
    if isinstance(answer, str):
        if len(answer) > MAX_TEXT:
            return Problem(_("That text is longer than {n} characters.").format(n=MAX_TEXT))
        text = normalize_text(answer).strip("()[] ")
        sep = ";" if ";" in text else ","
        items = [part for part in text.split(sep)] if text else []
    elif isinstance(answer, np.ndarray):
        if answer.ndim != 1:
            return Problem(_("That is an array of shape {shape}: the answer is {n} numbers in a "
                             "row, e.g. a list or an array of shape ({n},).").format(
                shape=answer.shape, n=n))
        items = list(answer)
    elif isinstance(answer, (list, tuple)):
        items = list(answer)
    elif isinstance(answer, (dict, set)):
        return Problem(_("That is a {type}: give the {n} numbers as a list or tuple, in order.")
                       .format(type=type(answer).__name__, n=n))
    else:
        return Problem(_("The answer is {n} numbers, e.g. a tuple (first, second{more}); got "
                         "{answer}.").format(n=n, more=", ..." if n > 2 else "",
                                             answer=safe_repr(answer)))
    if len(items) != n:
        return Problem(_("The answer has {n} numbers; yours has {count}.").format(
            n=n, count=len(items)))
    values = []
    for i, item in enumerate(items):
        value = read_number(item)
        if isinstance(value, Problem):
            return Problem(_("Number {i} of your answer: {problem}").format(i=i + 1,
                                                                           problem=value.text))
        values.append(value)
    return values


def read_word(answer):
    """The answer as a normalised word (lower case, single spaces, no quotes or final full
    stop), or a Problem."""
    try:
        if answer is None or answer is ...:
            return Problem(_("There is no answer yet."))
        if not isinstance(answer, str):
            return Problem(_("The answer is a word in quotes, e.g. \"left\"; got {answer}.")
                           .format(answer=safe_repr(answer)))
        if len(answer) > MAX_TEXT:
            return Problem(_("That text is longer than {n} characters: one word is enough.")
                           .format(n=MAX_TEXT))
        word = normalize_text(answer).casefold().strip("'\"`.!")
        return " ".join(word.split())
    except Exception:  # noqa: BLE001
        return Problem(_("This answer could not be read as a word."))
