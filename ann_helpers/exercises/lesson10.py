"""Lesson 10 exercises: counting chains, and two pieces of code (tanh's backward for the
engine, one layer's delta). A code exercise's checker runs the learner's function on several
cases and reports the first case that fails (its input, never the expected output); whatever
the function does (raise, loop, return nonsense), the checker does not raise.

`check` here handles the code exercises and passes the others to ann_helpers.exercises.check.
KINDS says what each exercise asks for.
"""

from __future__ import annotations

import contextlib
import math
import signal
import threading
from collections.abc import Callable

import numpy as np

from ..autograd import Value
from ..backprop import path_count
from . import check as check_answer
from . import exercise, get, number

#: what each exercise asks for: a number, or code (a function)
KINDS = {"10.1": "number", "10.2": "code", "10.3": "code"}
#: seconds a learner's function may run on one case
TIME_LIMIT = 2.0

# -- 10.1: how many chains ------------------------------------------------------------------
LAYERS = (3, 4, 5, 6, 2)
exercise(
    "10.1",
    f"In a network with layer sizes {list(LAYERS)}, through how many paths does one weight of "
    "the first layer reach the loss?",
    number(path_count(LAYERS, 1)),
    hint="The weight feeds one neuron of layer 1; from there a path picks one neuron in each "
         "later layer. Multiply the choices.",
)


# -- running a learner's function -----------------------------------------------------------
class _TooSlow(BaseException):
    """Raised into a learner's function that runs too long (a BaseException, so that a bare
    `except Exception` in the learner's code cannot swallow it)."""


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Stop a learner's function after `seconds` (where signals work: the main thread of a
    Unix kernel; elsewhere the function runs without a limit)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def stop(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_cases(function, cases: list[tuple[str, Callable]]) -> str | None:
    """None when every case passes; otherwise what went wrong in the first failing case.

    Each case is (its input in words, a test that calls the function and returns None when
    right or a sentence saying what is wrong)."""
    if not callable(function):
        return f"the answer must be a function (def ...), got {type(function).__name__}"
    for k, (shown, test) in enumerate(cases, start=1):
        where = f"case {k} of {len(cases)} ({shown})"
        try:
            with _time_limit(TIME_LIMIT):
                problem = test(function)
        except _TooSlow:
            return f"{where}: the function ran longer than {TIME_LIMIT:g} s (a loop that never ends?)"
        except (Exception, SystemExit) as error:   # the learner's error: reported, not raised
            return f"{where}: the function raised {type(error).__name__}: {error}"
        if problem:
            return f"{where}: {problem}"
    return None


# -- 10.2: the backward of tanh ---------------------------------------------------------------
def _tanh_case(x: float):
    def test(tanh_value) -> str | None:
        a = Value(x)
        out = tanh_value(a)
        if not isinstance(out, Value):
            return f"tanh_value(a) must return a Value, got {type(out).__name__}"
        if not math.isclose(out.data, math.tanh(x), rel_tol=1e-9, abs_tol=1e-12):
            return "the output's data is not tanh(a.data)"
        if a not in out._prev:
            return "the output does not remember its input a (pass (a,) as its children)"
        y = out * 3 + out              # out is used twice: out.grad = 4
        y.backward()
        if not math.isclose(a.grad, 4 * (1 - math.tanh(x) ** 2), rel_tol=1e-9, abs_tol=1e-12):
            return ("a.grad after backward is wrong (multiply the local derivative by "
                    "out.grad, and add it with +=)")
        b = Value(x)
        z = tanh_value(b) * b          # b reaches z along two paths
        z.backward()
        t = math.tanh(x)
        if not math.isclose(b.grad, (1 - t * t) * x + t, rel_tol=1e-9, abs_tol=1e-12):
            return "b.grad of tanh(b) * b is wrong: the two paths must add up (+=, not =)"
        return None
    return f"a = {x:g}", test


TANH_CASES = [_tanh_case(x) for x in (0.5, 0.0, -1.3, 2.0)]
exercise(
    "10.2",
    "Write tanh_value(a): the output Value t = tanh(a) and its _backward, which adds the local "
    "derivative times out.grad to a.grad.",
    lambda f: run_cases(f, TANH_CASES) is None,
    hint="d tanh(a)/da = 1 - tanh(a)^2, and t = tanh(a) is already computed; add "
         "(1 - t * t) * out.grad to a.grad with +=.",
)


# -- 10.3: delta for one hidden layer ---------------------------------------------------------
def _delta_case(n: int, n_l: int, n_next: int, seed: int):
    def test(hidden_delta) -> str | None:
        rng = np.random.default_rng(seed)
        W_next = rng.normal(size=(n_l, n_next))
        delta_next = rng.normal(size=(n, n_next))
        slope = rng.uniform(0.05, 0.25, size=(n, n_l))
        got = hidden_delta(W_next, delta_next, slope)
        if got is None:
            return "the function returned None (is a return statement missing?)"
        try:
            got = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            return f"the result must be an array of numbers, got {type(got).__name__}"
        if got.shape != (n, n_l):
            return (f"the result has shape {got.shape}; delta^l has one row per example and "
                    f"one column per neuron of layer l: {(n, n_l)}")
        if not np.allclose(got, (delta_next @ W_next.T) * slope, rtol=1e-9, atol=1e-12):
            return "the shape is right but the numbers are not"
        return None
    return (f"{n} example(s), layer l of {n_l} neurons, layer l+1 of {n_next}"), test


DELTA_CASES = [_delta_case(1, 2, 2, 0), _delta_case(3, 4, 2, 1), _delta_case(5, 3, 1, 2),
               _delta_case(2, 1, 4, 3)]
exercise(
    "10.3",
    "Complete hidden_delta(W_next, delta_next, slope): delta^l for a batch (rows are examples), "
    "from W^(l+1) of shape (n_l, n_(l+1)), delta^(l+1) of shape (n, n_(l+1)) and "
    "slope = g'(z^l) of shape (n, n_l).",
    lambda f: run_cases(f, DELTA_CASES) is None,
    hint="One example: delta^l = (W^(l+1) delta^(l+1)) * g'(z^l). With examples as rows, "
         "W^(l+1) delta^(l+1) becomes delta_next @ W_next.T; then multiply element by element.",
)

CODE_CASES = {"10.2": TANH_CASES, "10.3": DELTA_CASES}


def check(key: str, answer) -> None:
    """Like ann_helpers.exercises.check; for a code exercise, a wrong answer is told which
    case failed and why (never the expected output)."""
    if key not in CODE_CASES or answer is None or answer is ...:
        check_answer(key, answer)
        return
    problem = run_cases(answer, CODE_CASES[key])
    if problem is None:
        print(f"Exercise {key}: right. Well done.")
    else:
        print(f"Exercise {key}: not yet: {problem}. Hint: {get(key).hint}")
