"""Enumeration search (the article's walk), derivative-sign search, compass search."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from messages import raises

from ann_helpers import functions as F
from ann_helpers.search import (
    compass_search,
    derivative_sign_search,
    enumeration_search,
    trial_table,
)

SQ = F.get("square")


def test_the_articles_walk_on_x_squared():
    path = enumeration_search(SQ.f, 1.0, 0.5)
    assert [(t.x, t.accepted) for t in path.trials] == [
        (1.5, False), (0.5, True), (0.0, True), (-0.5, False)]
    assert [t.value for t in path.trials] == [2.25, 0.25, 0.0, 0.25]
    assert path.points.tolist() == [1.0, 0.5, 0.0]
    assert path.x == 0.0 and path.status == "stopped"
    assert path.evaluations == 5


def test_trial_table_shows_every_trial_and_the_result():
    text = trial_table(enumeration_search(SQ.f, 1.0, 0.5))
    lines = text.splitlines()
    assert [line.split()[-1] for line in lines[2:6]] == ["rejected", "accepted", "accepted",
                                                         "rejected"]
    assert "result x = 0.00" in lines[-1] and "5 evaluations" in lines[-1]


def test_a_coarse_step_stops_away_from_the_minimum():
    path = enumeration_search(SQ.f, 1.0, 0.75)
    assert path.status == "stopped" and path.x == pytest.approx(0.25)


def test_start_point_decides_the_minimum_found():
    two = F.get("two_minima")
    left = enumeration_search(two.f, -2.0, 0.1)
    right = enumeration_search(two.f, 2.0, 0.1)
    assert abs(left.x - two.minima[0]) < 0.1 and abs(right.x - two.minima[1]) < 0.1


def test_max_steps_and_divergence():
    assert enumeration_search(SQ.f, 10.0, 0.01, max_steps=5).status == "max_steps"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = enumeration_search(lambda x: -x, 0.0, 1e5, max_steps=1000)
    assert path.status == "diverged"


def test_derivative_sign_search_needs_fewer_evaluations():
    signs = derivative_sign_search(SQ.grad, 1.0, 0.5)
    trials = enumeration_search(SQ.f, 1.0, 0.5)
    assert signs.points.tolist() == [1.0, 0.5, 0.0] and signs.status == "converged"
    assert signs.evaluations == 3 < trials.evaluations


def test_derivative_sign_search_brackets_when_it_steps_over():
    path = derivative_sign_search(SQ.grad, 1.0, 0.75)
    assert path.status == "bracketed"
    assert path.points[-2] > 0 > path.points[-1]
    assert derivative_sign_search(SQ.grad, 5.0, 0.01, max_steps=3).status == "max_steps"
    assert derivative_sign_search(lambda x: -1.0, 0.0, 1e5).status == "diverged"


def test_compass_search_finds_the_bowl_minimum_and_counts_evaluations():
    calls = []

    def f(p):
        calls.append(1)
        return F.get("bowl").f(p)

    path = compass_search(f, [4.0, 3.0], step=1.0, tol=1e-3)
    assert path.status == "converged"
    assert np.allclose(path.x, [0.0, 0.0], atol=1e-3)
    assert path.evaluations == len(calls)
    assert path.points.shape[1] == 2


def test_compass_search_pays_for_a_rotated_valley():
    valley, aligned = F.get("valley"), F.get("narrow_bowl")
    rotated = compass_search(valley.f, [4.0, 3.0], tol=1e-12, target=1e-6)
    straight = compass_search(aligned.f, [4.0, 3.0], tol=1e-12, target=1e-6)
    assert rotated.status == straight.status == "converged"
    assert rotated.evaluations > 5 * straight.evaluations


def test_compass_search_budget():
    path = compass_search(F.get("valley").f, [4.0, 3.0], tol=1e-12, max_evaluations=50)
    assert path.status == "max_steps" and path.evaluations == 50


@pytest.mark.parametrize("call, error, message", [
    (lambda: enumeration_search(3, 1.0, 0.5), TypeError,
     'f must be a function (callable), got 3 of type int'),
    (lambda: enumeration_search(SQ.f, "1", 0.5), TypeError,
     "x0 must be a real number, got '1' of type str"),
    (lambda: enumeration_search(SQ.f, math.inf, 0.5), ValueError,
     'x0 must be a finite number, got inf'),
    (lambda: enumeration_search(SQ.f, 1.0, 0.0), ValueError, 'step must be in (0, inf], got 0'),
    (lambda: enumeration_search(SQ.f, 1.0, -0.5), ValueError, 'step must be in (0, inf], got -0.5'),
    (lambda: enumeration_search(SQ.f, 1.0, 0.5, max_steps=0), ValueError,
     'max_steps must be a whole number in [1, 1000000], got 0'),
    (lambda: enumeration_search(SQ.f, 1.0, 0.5, max_steps=1.5), TypeError,
     'max_steps must be a whole number, got 1.5 of type float'),
    (lambda: enumeration_search(lambda x: [x, x], 1.0, 0.5), ValueError,
     'f must return a single number, got an array of shape (2,)'),
    (lambda: derivative_sign_search(None, 1.0, 0.5), TypeError,
     'df must be a function (callable), got None of type NoneType'),
    (lambda: derivative_sign_search(SQ.grad, 1.0, 0.5, tol=-1), ValueError,
     'tol must be in [0, inf], got -1'),
    (lambda: compass_search(F.get("bowl").f, [[1.0]]), ValueError,
     'x0 must have 1 dimension(s), got shape (1, 1)'),
    (lambda: compass_search(F.get("bowl").f, []), ValueError,
     'x0 must have at least one coordinate, got an empty array'),
    (lambda: compass_search(F.get("bowl").f, [1.0, 1.0], step=0), ValueError,
     'step must be in (0, inf], got 0'),
    (lambda: compass_search(F.get("bowl").f, [1.0, 1.0], tol=0), ValueError,
     'tol must be in (0, inf], got 0'),
    (lambda: compass_search(F.get("bowl").f, [1.0, 1.0], max_evaluations=0), ValueError,
     'max_evaluations must be a whole number in [1, inf], got 0'),
    (lambda: compass_search(F.get("bowl").f, [1.0, 1.0], target=math.nan), ValueError,
     'target must be a finite number, got nan'),
])
def test_bad_input(call, error, message):
    with raises(error, message):
        call()


def test_explorer_reports_result_and_cost():
    from ann_helpers.explorers.search import EnumerationExplorer

    ex = EnumerationExplorer(x0=1.0, step=0.5)
    assert ex.status.startswith("result x = 0.000 after 4 trials (5 evaluations of f)")
    coarse = ex.set(step=0.75)
    assert "result x = 0.250" in coarse and "0.250 from the nearest true minimum" in coarse
    local = ex.set(function="x⁴ − 3x² + x", x0=2.0, step=0.3)
    assert "the local, not the global, minimum" in local


@pytest.fixture
def in_chinese():
    import ann_helpers

    ann_helpers.set_language("zh-Hant")
    yield
    ann_helpers.set_language("en")


def _columns(line: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_the_trial_table_in_chinese_lines_up_by_display_width(in_chinese):
    lines = trial_table(enumeration_search(SQ.f, 1.0, 0.5)).splitlines()
    assert lines[0] == " 試探         x      f(x)  判定     "
    assert lines[1] == " 起點      1.00      1.00"
    assert lines[2] == "    1      1.50      2.25  已拒絕   "
    assert len({_columns(line) for line in (lines[0], *lines[2:6])}) == 1
    assert lines[-1] == "結果 x = 0.00（已停止），計算了 5 次 f"


def test_search_messages_and_errors_speak_chinese(in_chinese):
    path = enumeration_search(SQ.f, 1.0, 0.75)
    assert path.status == "stopped"   # the status stays a code word; its message is translated
    assert path.message == "停在 x = 0.25，f(x) = 0.0625：距離 0.75 的左右兩個鄰點都沒有更低"
    with pytest.raises(TypeError) as err:
        enumeration_search(lambda x: None, 0.0, 1.0)
    assert str(err.value) == "f 傳回了 None；它必須傳回單一個數（是不是少了 `return`？）"
