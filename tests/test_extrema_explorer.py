"""Lesson 01's explorer and figures: the status says the right thing at the lesson's points."""

from __future__ import annotations

import pytest
import sympy as sp

from ann_helpers.explorers.extrema import (
    FUNCTIONS,
    TangentExplorer,
    two_variable_figure,
    two_variable_surfaces,
    x_sym,
    y_sym,
)


@pytest.mark.parametrize("function, a, words", [
    ("x^2 + 3x", -2.5, ["f'(a) = -2.00 < 0", "step to the right lowers f"]),
    ("x^2 + 3x", 1.0, ["f'(a) = 5.00 > 0", "step to the left lowers f"]),
    ("x^2 + 3x", -1.5, ["stationary point", "f''(a) = 2.00", "from - to +: a minimum"]),
    ("x^3", 0.0, ["stationary point", "f''(a) = 0.00", "+ on both sides: no extremum"]),
    ("|x|", 0.0, ["no derivative", "-1.00 from the left", "+1.00 from the right",
                  "a minimum without a derivative"]),
    ("|x|", -1.0, ["f'(a) = -1.00 < 0"]),
    ("x^3 - 3x", -1.0, ["f''(a) = -6.00", "from + to -: a maximum"]),
    ("x^3 - 3x", 1.0, ["f''(a) = 6.00", "from - to +: a minimum"]),
])
def test_status_reports_slope_and_sign(function, a, words):
    status = TangentExplorer(function=function, x=a).status
    for w in words:
        assert w in status, (w, status)


def test_slider_positions_reach_the_stationary_points():
    """The browser gives multiples of the step from the minimum; -1.5 must count as 0 slope."""
    ex = TangentExplorer()
    slider = ex.controls["x"]
    position = slider.min + round((-1.5 - slider.min) / slider.step) * slider.step
    assert "stationary point" in ex.set(x=position)


def test_tangent_touches_the_curve():
    ex = TangentExplorer(function="x^3 - 3x", x=2.0)
    xs, ys = ex._tangent.get_data()
    f = sp.lambdify(x_sym, FUNCTIONS["x^3 - 3x"])
    assert min(abs(ys[i] - (f(2.0) + 9.0 * (xs[i] - 2.0))) for i in range(len(xs))) < 1e-12
    assert any(abs(v - 2.0) < 1e-12 for v in xs)


def test_bad_control_values_are_refused():
    with pytest.raises(ValueError, match=r"^x must be a number in \[-3.0, 3.0\], got 5$"):
        TangentExplorer(x=5.0)
    with pytest.raises(ValueError, match="function must be one of"):
        TangentExplorer(function="sin(x)")


def test_two_variable_figures_mark_every_stationary_point():
    cases = [("x^2 - y^2", x_sym**2 - y_sym**2), ("x^3 - 3x + y^2", x_sym**3 - 3 * x_sym + y_sym**2)]
    fig = two_variable_figure(cases)
    marked = [line for ax in fig.axes for line in ax.get_lines()]
    assert len(marked) == 3  # one saddle, then a saddle and a minimum
    assert len(two_variable_surfaces(cases).axes) == 2
    with pytest.raises(ValueError, match="cases must hold at least one"):
        two_variable_figure([])
    with pytest.raises(ValueError, match=r"lim must be in \(0, 100\]"):
        two_variable_surfaces(cases, lim=-1)


@pytest.fixture
def in_chinese():
    import ann_helpers

    ann_helpers.set_language("zh-Hant")
    yield
    ann_helpers.set_language("en")


def test_the_explorer_and_the_figure_speak_chinese(in_chinese):
    explorer = TangentExplorer(function="x^3", x=0.0)
    assert explorer.status == ("a = 0.00：f'(a) = 0，是駐點；f''(a) = 0.00；"
                               "f' 兩側都是 +：不是極值")
    assert explorer.controls["x"].description == "切點 a"
    x, y = x_sym, y_sym
    fig = two_variable_figure([("x^2 - y^2", x**2 - y**2)])
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["鞍點"]
    assert fig.axes[0].get_title() == "$f = x^2 - y^2$（顏色：$f$ 的值）"
