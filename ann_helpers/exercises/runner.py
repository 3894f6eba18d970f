"""The one runner of every code exercise: call the learner's function on test cases, safely.

`run(fn, args, time_limit)` calls ``fn(*args)`` and reports what happened as an `Outcome`:
the value it returned, the exception it raised (in one line, with the line number in the
learner's own code: the notebook cell's line) or that it did not finish within `time_limit`
seconds. The kernel stays usable after an endless loop:

- in the main thread (where ipykernel, nbval and pytest run code) a POSIX interval timer
  (``signal.setitimer(ITIMER_REAL)``) delivers SIGALRM; its handler raises `TimeLimit` inside
  the learner's loop. The timer re-fires every 0.1 s, so a loop that catches the first one
  (a bare ``except:``) is stopped by the next;
- elsewhere (another thread, or no SIGALRM, e.g. Windows) a trace function
  (``sys.settrace``) checks the clock on every line the learner's code runs and raises
  `TimeLimit` there.

Either way the previous signal handler, the previous timer (re-armed with what was left of it)
and the previous trace function are restored when the call ends, however it ends.
`TimeLimit` derives from BaseException, so ``except Exception:`` in the learner's code does not
swallow it. (A loop inside one C call, e.g. a huge numpy product, is stopped when it returns.)

`code(...)` builds the predicate of a code exercise from `Case`s and a reference function
(one of the course's own `ann_helpers` functions where one exists); see its docstring.
"""

from __future__ import annotations

import copy
import inspect
import math
import signal
import sys
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..i18n import N_, _, ngettext
from .answers import Problem, read_number, safe_repr

#: seconds a learner's function may run on one test case
TIME_LIMIT = 2.0
_REFIRE = 0.1


class TimeLimit(BaseException):  # noqa: N818 - reads as "time limit (reached)"
    """Raised inside the learner's code when its time is up (BaseException, so that
    ``except Exception`` does not catch it)."""


@dataclass(frozen=True)
class Outcome:
    """What one call of a learner's function did."""

    kind: str                 # "value", "error" or "timeout"
    value: Any = None         # the returned value (kind "value")
    error: str = ""           # "ZeroDivisionError: division by zero (line 3 of your code)"
    seconds: float = 0.0
    not_written: bool = False  # it raised NotImplementedError: the notebook's placeholder


def _learner_files(fn) -> set[str]:
    code = getattr(fn, "__code__", None)
    if code is None:
        code = getattr(type(fn).__dict__.get("__call__"), "__code__", None)
    return {code.co_filename} if code is not None else set()


def _error_line(exc: BaseException, files: set[str]) -> str:
    """One line: the exception and the line of the learner's code it came from."""
    try:
        text = str(exc)
    except Exception:  # noqa: BLE001
        text = ""
    text = " ".join(text.split())
    if len(text) > 100:
        text = text[:97] + "..."
    name = type(exc).__name__
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in files:
            line = tb.tb_lineno
        tb = tb.tb_next
    where = _(" (line {line} of your code)").format(line=line) if line is not None else ""
    return f"{name}: {text}{where}" if text else f"{name}{where}"


def _call_with_alarm(fn, args, time_limit):
    fired = {"armed": True}

    def on_alarm(signum, frame):
        if fired["armed"]:
            raise TimeLimit

    old_handler = signal.signal(signal.SIGALRM, on_alarm)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, time_limit, _REFIRE)
    start = time.monotonic()
    try:
        return fn(*args)
    finally:
        fired["armed"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if old_delay > 0:  # someone else's timer was running: give it back what was left
            left = max(old_delay - (time.monotonic() - start), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, left, old_interval)


def _call_with_trace(fn, args, time_limit):
    deadline = time.monotonic() + time_limit

    def tracer(frame, event, arg):
        if time.monotonic() > deadline:
            raise TimeLimit
        return tracer

    old = sys.gettrace()
    sys.settrace(tracer)
    try:
        return fn(*args)
    finally:
        sys.settrace(old)


def _can_use_alarm() -> bool:
    return (hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")
            and threading.current_thread() is threading.main_thread())


def run(fn: Callable, args: Sequence, time_limit: float = TIME_LIMIT,
        learner: Callable | None = None) -> Outcome:
    """Call fn(*args) with a time limit; never raises (but for KeyboardInterrupt).
    `learner`: the learner's own function when `fn` is a driver that calls it (its file gives
    the line numbers of errors); default `fn` itself."""
    files = _learner_files(fn if learner is None else learner)
    call = _call_with_alarm if _can_use_alarm() else _call_with_trace
    start = time.monotonic()
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            value = call(fn, tuple(args), time_limit)
    except TimeLimit:
        return Outcome("timeout", seconds=time.monotonic() - start)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001 - SystemExit from the learner's code too
        return Outcome("error", error=_error_line(exc, files),
                       seconds=time.monotonic() - start,
                       not_written=type(exc) is NotImplementedError)
    return Outcome("value", value=value, seconds=time.monotonic() - start)


# -- comparing a result with the reference ---------------------------------------------------
_SIGN_WORDS = {"positive": N_("positive"), "negative": N_("negative"), "zero": N_("zero")}


def _sign_word(x: float) -> str:
    return "positive" if x > 0 else "negative" if x < 0 else "zero"


_RETURNED_NONE = N_("it returned None: is the `return` missing?")


def compare_number(got, want: float, tol: float) -> str | None:
    """None when `got` is a number within tol (absolute or relative) of `want`, else what is
    wrong, in words (never the value of `want`)."""
    if got is None:
        return _(_RETURNED_NONE)
    value = read_number(got) if not isinstance(got, str) else Problem("a string")
    if isinstance(value, Problem):
        if isinstance(got, float | np.floating) and math.isnan(got):
            return _("it returned nan: a 0/0, an inf - inf, or a nan in the input?")
        if isinstance(got, float | np.floating) and math.isinf(got):
            return _("it returned inf: a division by zero or an overflow?")
        return _("it should return one number, but returned {got}").format(got=safe_repr(got))
    value = float(value)
    if math.isclose(value, want, rel_tol=tol, abs_tol=tol):
        return None
    if _sign_word(value) != _sign_word(want) and abs(want) > tol:
        return _("it should return a {sign} number; yours is {got_sign} ({got})").format(
            sign=_(_SIGN_WORDS[_sign_word(want)]), got_sign=_(_SIGN_WORDS[_sign_word(value)]),
            got=safe_repr(got))
    return _("it returned {got}, which is not the right value").format(got=safe_repr(got))


def as_array(got, shape: tuple) -> np.ndarray | str:
    """`got` as a float array of `shape`, or what is wrong with it, in words."""
    if got is None:
        return _(_RETURNED_NONE)
    if isinstance(got, str | bytes | dict | set) or callable(got):
        return _("it should return an array of shape {shape}, but returned {got}").format(
            shape=shape, got=safe_repr(got))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            arr = np.asarray(got, dtype=float)
    except Exception:  # noqa: BLE001
        return _("it should return numbers (shape {shape}), but returned {got}").format(
            shape=shape, got=safe_repr(got))
    if arr.shape != shape:
        return _("it should return shape {shape}, but the result has shape {got_shape} ({got})"
                 ).format(shape=shape, got_shape=arr.shape, got=safe_repr(got))
    if np.isnan(arr).any():
        return _("the result contains nan: {got}").format(got=safe_repr(got))
    return arr


def compare_array(got, want, tol: float) -> str | None:
    """None when `got` has the shape of `want` and is close to it, element by element."""
    want = np.asarray(want, dtype=float)
    arr = as_array(got, want.shape)
    if isinstance(arr, str):
        return arr
    if np.allclose(arr, want, rtol=tol, atol=tol):
        return None
    bad = np.flatnonzero(~np.isclose(arr, want, rtol=tol, atol=tol))
    shown = ", ".join(str(tuple(int(i) for i in np.unravel_index(b, want.shape)))
                      if want.ndim > 1 else str(int(b)) for b in bad[:4])
    return ngettext("the shape {shape} is right, but entry {entries} is not ({got})",
                    "the shape {shape} is right, but entries {entries} are not ({got})",
                    len(bad)).format(shape=want.shape, entries=shown, got=safe_repr(got))


def compare_parts(got, want: Sequence, compares: Sequence[Callable], names: Sequence[str]):
    """Compare a returned tuple part by part: compares[i](got[i], want[i]) -> None or text."""
    if got is None:
        return _(_RETURNED_NONE)
    if not isinstance(got, tuple | list) or len(got) != len(want):
        return _("it should return {n} things, {names} (e.g. `return {names}`), but returned "
                 "{got}").format(n=len(want), names=", ".join(names), got=safe_repr(got))
    for name, cmp, g, w in zip(names, compares, got, want, strict=True):
        problem = cmp(g, w)
        if problem is not None:
            return f"{name}: {problem}"
    return None


def compare_word(got, want: str, options: Sequence[str]) -> str | None:
    """None when `got` is the word `want`; else what is wrong (the options, not the answer)."""
    from .answers import read_word

    allowed = ", ".join(repr(o) for o in options)
    if got is None:
        return _(_RETURNED_NONE)
    word = read_word(got)
    if isinstance(word, Problem) or word not in [read_word(o) for o in options]:
        return _("it should return one of {allowed}, but returned {got}").format(
            allowed=allowed, got=safe_repr(got))
    return None if word == read_word(want) else _("it returned {got}").format(got=safe_repr(got))


# -- the code-exercise predicate --------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    """One test case: the arguments, how to show them, and what is expected of the result in
    words (a property: its shape, its sign, where it lies; never the value itself)."""

    args: tuple
    expect: str
    shown: str = ""   # how the call is written in messages; default: the arguments' reprs


@dataclass
class CodeCheck:
    """The predicate of a code exercise (see `code`)."""

    name: str
    params: tuple[str, ...]
    cases: Sequence[Case]
    reference: Callable
    compare: Callable[[Any, Any], str | None]
    time_limit: float = TIME_LIMIT
    collect: Callable[[tuple, Any], Any] | None = None
    drive: Callable | None = None
    kind: str = "code"
    precision: str = ""
    _wanted: list = field(default_factory=list, repr=False)

    def call_text(self, case: Case) -> str:
        if case.shown:
            return f"{self.name}({case.shown})"
        return f"{self.name}({', '.join(safe_repr(a, 40) for a in case.args)})"

    def wanted(self) -> list:
        """The reference results, computed once (by the course's own functions)."""
        if not self._wanted:
            self._wanted.extend(self.reference(*copy.deepcopy(c.args)) for c in self.cases)
        return self._wanted

    def signature_problem(self, fn) -> str | None:
        if not callable(fn) or isinstance(fn, type):
            return _("The answer is a function: write `def {name}({params}):` in the cell above, "
                     "then pass its name, check(..., {name}); got {got}.").format(
                name=self.name, params=", ".join(self.params), got=safe_repr(fn))
        try:
            sig = inspect.signature(fn)
        except (TypeError, ValueError):
            return None  # a builtin without a signature: let the call decide
        try:
            sig.bind(*[None] * len(self.params))
        except TypeError:
            n = len(self.params)
            return ngettext("{name} is called with {n} argument, ({params}); your function takes "
                            "{signature}.",
                            "{name} is called with {n} arguments, ({params}); your function "
                            "takes {signature}.", n).format(
                name=self.name, n=n, params=", ".join(self.params),
                signature=safe_repr(str(sig), 80))
        return None

    def __call__(self, fn):
        from . import Verdict  # the package imports this module

        problem = self.signature_problem(fn)
        if problem is not None:
            return Verdict(False, problem)
        wanted = self.wanted()
        for i, (case, want) in enumerate(zip(self.cases, wanted, strict=True), start=1):
            args = copy.deepcopy(case.args)
            if self.drive is None:
                out = run(fn, args, self.time_limit)
            else:
                out = run(self.drive, (fn, *args), self.time_limit, learner=fn)
            head = _("Case {i} of {n}, {call}:").format(i=i, n=len(self.cases),
                                                        call=self.call_text(case))
            if out.kind == "timeout":
                return Verdict(False, _("{head} it did not finish within {seconds:g} s and was "
                                        "stopped. An endless loop? Check that the loop's "
                                        "condition becomes false.").format(
                    head=head, seconds=self.time_limit))
            if out.kind == "error" and out.not_written:
                return Verdict(False, _("Write the body of {name} in place of `raise "
                                        "NotImplementedError`, then run the cell again.").format(
                    name=self.name), placeholder=True)
            if out.kind == "error":
                return Verdict(False, _("{head} it raised {error}.").format(head=head,
                                                                            error=out.error))
            if out.value is None:
                return Verdict(False, _("{head} it returned None. Write the body of {name} (in "
                                        "place of `...`) and end it with a `return` statement.")
                               .format(head=head, name=self.name))
            try:
                got = out.value if self.collect is None else self.collect(args, out.value)
                mismatch = self.compare(got, want)
            except Exception:  # noqa: BLE001 - a strange return value must not break check
                mismatch = _("its result could not be compared: {got}").format(
                    got=safe_repr(out.value))
            if mismatch is not None:
                return Verdict(False, _("{head} expected {expect}; {mismatch}.").format(
                    head=head, expect=_(case.expect), mismatch=mismatch))
        return Verdict(True)


def code(name: str, params: Sequence[str], cases: Sequence[Case], reference: Callable,
         compare: Callable[[Any, Any], str | None], time_limit: float = TIME_LIMIT,
         collect: Callable[[tuple, Any], Any] | None = None,
         drive: Callable | None = None) -> CodeCheck:
    """The predicate of a code exercise: the learner's function `name(*params)` must give, on
    every case, what `reference` gives (judged by `compare(got, wanted)`, which returns None or
    what is wrong in words). Cases run in order; the first failure is reported with its input,
    the property expected (`Case.expect`) and what came back; the reference's value is never
    printed. `collect(args, returned)`, when given, builds what is compared from the arguments
    after the call (for a function that updates an object in place) and what it returned.
    `drive(fn, *args)`, when given, is called instead of ``fn(*args)`` (under the same time
    limit and error capture): a scenario that calls the learner's function several times or
    builds something around it (a computation graph, several steps); what it returns is
    compared with `reference(*args)`.
    Each case gets fresh deep copies of its arguments."""
    if not cases:
        raise ValueError("cases must hold at least one Case")
    return CodeCheck(name, tuple(params), tuple(cases), reference, compare, time_limit,
                     collect, drive)
