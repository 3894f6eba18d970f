"""The runner of code exercises: errors in one line with the learner's line number, endless
loops stopped (by the SIGALRM timer in the main thread, by the trace function elsewhere), and
nothing left behind: no timer, no signal handler, no trace function."""

from __future__ import annotations

import signal
import sys
import threading
import time

import pytest

from ann_helpers.exercises import runner
from ann_helpers.exercises.runner import run

SHORT = 0.3  # seconds: the time limit these tests use (the exercises use runner.TIME_LIMIT)


def _endless(x):
    while True:
        x += 1


def _stubborn(x):
    # catches every Exception in its loop: TimeLimit is a BaseException, so it still stops
    while True:
        try:
            x += 1
        except Exception:  # noqa: BLE001, S112
            continue


def _raises(x):
    y = x + 1
    return y / 0  # line 3 of this function; the line number in the file is checked below


def test_a_value_comes_back():
    out = run(lambda a, b: a + b, (2, 3), SHORT)
    assert (out.kind, out.value, out.error) == ("value", 5, "")


def test_an_exception_is_one_line_with_the_learners_line_number():
    out = run(_raises, (1,), SHORT)
    line = _raises.__code__.co_firstlineno + 2
    assert out.kind == "error"
    assert out.error == f"ZeroDivisionError: division by zero (line {line} of your code)"


def test_an_exception_raised_deeper_in_library_code_points_at_the_learners_line():
    def learner(x):
        return int("not a number" + x)

    out = run(learner, ("",), SHORT)
    line = learner.__code__.co_firstlineno + 1
    assert out.error == ("ValueError: invalid literal for int() with base 10: 'not a number' "
                         f"(line {line} of your code)")


def test_system_exit_and_recursion_are_caught():
    assert run(lambda: sys.exit(3), (), SHORT).error.startswith("SystemExit: 3")

    def deep(n):
        return deep(n + 1)

    assert run(deep, (0,), SHORT).error.startswith("RecursionError: maximum recursion depth")


@pytest.mark.parametrize("fn", [_endless, _stubborn], ids=["loop", "loop-catching-Exception"])
def test_an_endless_loop_is_stopped_in_the_main_thread(fn):
    assert threading.current_thread() is threading.main_thread()
    start = time.monotonic()
    out = run(fn, (0,), SHORT)
    elapsed = time.monotonic() - start
    assert out.kind == "timeout"
    assert SHORT <= elapsed < SHORT + 0.5
    # nothing left behind: no timer armed, the default handler back
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL
    assert run(lambda: "still usable", (), SHORT).value == "still usable"


def test_an_endless_loop_is_stopped_in_another_thread_by_the_trace_function():
    result = {}

    def work():
        start = time.monotonic()
        result["out"] = run(_endless, (0,), SHORT)
        result["elapsed"] = time.monotonic() - start
        result["trace_after"] = sys.gettrace()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(5)
    assert not thread.is_alive()
    assert result["out"].kind == "timeout"
    assert SHORT <= result["elapsed"] < SHORT + 1.0
    assert result["trace_after"] is None


def test_a_trace_function_already_set_is_restored():
    def mine(frame, event, arg):
        return None

    old = sys.gettrace()
    sys.settrace(mine)
    try:
        out = runner._call_with_trace(lambda: 7, (), SHORT)
        assert out == 7 and sys.gettrace() is mine
    finally:
        sys.settrace(old)


def test_someone_elses_timer_and_handler_are_given_back():
    fired = []

    def theirs(signum, frame):
        fired.append(signum)

    old = signal.signal(signal.SIGALRM, theirs)
    signal.setitimer(signal.ITIMER_REAL, 5.0)
    try:
        assert run(lambda: 1, (), SHORT).value == 1
        assert run(_endless, (0,), SHORT).kind == "timeout"
        assert signal.getsignal(signal.SIGALRM) is theirs
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 3.5 < left <= 5.0  # re-armed with what was left of it
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert fired == []


def test_warnings_from_the_learners_code_stay_silent(recwarn):
    import numpy as np

    out = run(lambda: np.float64(1e308) * 10, (), SHORT)
    assert out.kind == "value" and out.value == np.inf
    assert len(recwarn) == 0


def test_a_driver_calls_the_learners_function_several_times():
    """For exercises like 'write one momentum step' the checker drives the learner's function
    through a scenario; errors still point at the learner's line, loops are still stopped."""
    from ann_helpers.exercises.runner import Case, code, compare_number

    def drive(step, x, times):
        for _ in range(times):
            x = step(x)
        return x

    check_ = code("halve", ("x",), [Case((8.0, 3), "x halved 3 times", "x = 8, 3 times")],
                  reference=lambda x, times: x / 2**times,
                  compare=lambda got, want: compare_number(got, want, 1e-12), drive=drive,
                  time_limit=SHORT)
    assert check_(lambda x: x / 2)
    assert check_(lambda x: x / 3).text == ("Case 1 of 1, halve(x = 8, 3 times): expected x "
                                            "halved 3 times; it returned 0.2962962962962963, "
                                            "which is not the right value.")

    def broken(x):
        return x / 0

    line = broken.__code__.co_firstlineno + 1
    assert check_(broken).text == ("Case 1 of 1, halve(x = 8, 3 times): it raised "
                                   f"ZeroDivisionError: float division by zero (line {line} of "
                                   "your code).")
    assert check_(_endless).text.startswith("Case 1 of 1, halve(x = 8, 3 times): it did not "
                                            "finish within 0.3 s")
    assert check_(lambda x, y: x).text == ("halve is called with 1 argument, (x); your "
                                           "function takes '(x, y)'.")
