"""ann_helpers.autograd: every operation's gradient against central differences, reuse of a
node, accumulation, lesson 07's network in Values, the graph drawing, and bad input."""

from __future__ import annotations

import math
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ann_helpers.autograd import Value, draw_graph, topological_order, zero_grad
from ann_helpers.network import LESSON_PARAMS, LESSON_X, LESSON_Y, PARAM_NAMES, TinyNet

H = 1e-6
finite = st.floats(min_value=-3.0, max_value=3.0, allow_nan=False)
away_from_zero = finite.filter(lambda v: abs(v) > 0.1)
positive = st.floats(min_value=0.1, max_value=5.0)


def central(f, *xs, i):
    """df/dx_i by central differences, on plain floats."""
    up = [x + H if k == i else x for k, x in enumerate(xs)]
    down = [x - H if k == i else x for k, x in enumerate(xs)]
    return (f(*up) - f(*down)) / (2 * H)


def grads(f, *xs):
    """f built from Values, then backward: (result, [dresult/dx_i])."""
    vs = [Value(x) for x in xs]
    out = f(*vs)
    out.backward()
    return out.data, [v.grad for v in vs]


def plain(f):
    """The same expression on floats: wrap in Values and read .data."""
    return lambda *xs: f(*(Value(x) for x in xs)).data


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-6)


UNARY = {
    "exp": (lambda a: a.exp(), math.exp, finite),
    "log": (lambda a: a.log(), math.log, positive),
    "tanh": (lambda a: a.tanh(), math.tanh, finite),
    "sigmoid": (lambda a: a.sigmoid(), lambda x: 1 / (1 + math.exp(-x)), finite),
    "relu": (lambda a: a.relu(), lambda x: max(x, 0.0), away_from_zero),
    "neg": (lambda a: -a, lambda x: -x, finite),
    "square": (lambda a: a ** 2, lambda x: x * x, finite),
    "cube": (lambda a: a ** 3, lambda x: x ** 3, finite),
    "sqrt": (lambda a: a ** 0.5, math.sqrt, positive),
    "reciprocal": (lambda a: a ** -1, lambda x: 1 / x, away_from_zero),
    "zeroth power": (lambda a: a ** 0, lambda x: 1.0, finite),
}
BINARY = {
    "add": (lambda a, b: a + b, lambda x, y: x + y),
    "sub": (lambda a, b: a - b, lambda x, y: x - y),
    "mul": (lambda a, b: a * b, lambda x, y: x * y),
    "div": (lambda a, b: a / b, lambda x, y: x / y),
}


@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_operations_value_and_gradient(name):
    f, reference, inputs = UNARY[name]

    @settings(max_examples=25, deadline=None)
    @given(inputs)
    def check(x):
        data, (g,) = grads(f, x)
        assert close(data, reference(x))
        assert close(g, central(plain(f), x, i=0)), (x, g)

    check()


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_operations_with_values_and_numbers_on_either_side(name):
    f, reference = BINARY[name]

    @settings(max_examples=25, deadline=None)
    @given(finite, away_from_zero)
    def check(x, y):
        data, (gx, gy) = grads(f, x, y)
        assert close(data, reference(x, y))
        assert close(gx, central(plain(f), x, y, i=0))
        assert close(gy, central(plain(f), x, y, i=1))
        # a plain number on the left or on the right gives the same value and gradient
        a = Value(x)
        left = f(x, Value(y))
        right = f(a, y)
        right.backward()
        assert left.data == right.data == data
        assert a.grad == gx

    check()


@settings(max_examples=30, deadline=None)
@given(finite, finite, away_from_zero)
def test_a_composite_expression(x, y, z):
    def f(a, b, c):
        return (a * b + c.tanh()) / (c * c + 1) - (a - b).sigmoid() * 3 + (b ** 2 + 1).log()

    _, gs = grads(f, x, y, z)
    for i, g in enumerate(gs):
        assert close(g, central(plain(f), x, y, z, i=i)), (i, g)


def test_a_node_used_twice_gets_both_contributions():
    a = Value(3.0)
    b = a + a                      # db/da = 2
    b.backward()
    assert a.grad == 2.0
    x = Value(-2.0)
    y = x * x * x                  # 3 x^2 = 12, through two multiplications that reuse x
    y.backward()
    assert x.grad == 12.0
    h = Value(0.5)
    t = h.tanh()
    out = t * h + t                # t is used twice as well
    out.backward()
    dt = 1 - math.tanh(0.5) ** 2
    assert out.data == pytest.approx(math.tanh(0.5) * 1.5)
    assert h.grad == pytest.approx(dt * 0.5 + math.tanh(0.5) + dt)


def test_backward_twice_accumulates_exactly_once_more():
    x, w = Value(0.7), Value(-1.3)
    out = ((x * w).tanh() * x).exp()
    out.backward()
    once = {"x": x.grad, "w": w.grad, "out": out.grad}
    out.backward()
    assert x.grad == 2 * once["x"] and w.grad == 2 * once["w"] and out.grad == 2.0
    zero_grad([x, w])
    out.backward()
    assert x.grad == once["x"] and w.grad == once["w"]


def test_topological_order_visits_each_node_once_inputs_first():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = c + a
    e = d * c
    order = topological_order(e)
    assert len(order) == len({id(v) for v in order}) == 5
    pos = {id(v): k for k, v in enumerate(order)}
    for v in order:
        assert all(pos[id(child)] < pos[id(v)] for child in v._prev)
    assert order[-1] is e
    # a long chain is no problem for the non-recursive sort
    x = Value(1.0)
    y = x
    for _ in range(5000):
        y = y * 1.0
    y.backward()
    assert x.grad == 1.0


def tinynet_in_values(params: dict, x, y):
    """Lesson 07's network, written with Values."""
    p = {k: Value(v, label=k) for k, v in params.items()}
    x1, x2 = x
    h1 = (p["w1"] * x1 + p["w2"] * x2 + p["b1"]).sigmoid()
    h2 = (p["w3"] * x1 + p["w4"] * x2 + p["b2"]).sigmoid()
    y1_hat = p["w5"] * h1 + p["w6"] * h2 + p["b3"]
    y2_hat = p["w7"] * h1 + p["w8"] * h2 + p["b4"]
    L = 0.5 * ((y[0] - y1_hat) ** 2 + (y[1] - y2_hat) ** 2)
    L.backward()
    return L.data, {k: p[k].grad for k in PARAM_NAMES}


@pytest.mark.parametrize("seed", [None, 0, 1, 2])
def test_tinynet_in_values_gives_lesson_07s_gradients(seed):
    params = LESSON_PARAMS if seed is None else TinyNet(seed=seed).params
    net = TinyNet(params)
    expected = net.backward(LESSON_X, LESSON_Y)
    loss, got = tinynet_in_values(params, LESSON_X, LESSON_Y)
    assert loss == pytest.approx(net.values["L"], rel=1e-14)
    for k in PARAM_NAMES:
        assert got[k] == pytest.approx(expected[k], rel=1e-12, abs=1e-15), k


def test_draw_graph_draws_data_and_grad_and_refuses_huge_graphs():
    from matplotlib.figure import Figure

    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    c = a * b + a.tanh()
    c.backward()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = draw_graph(c)
    assert isinstance(fig, Figure)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts.count("") == 5            # the arrows: a->*, b->*, a->tanh, *->+, tanh->+
    texts = [t for t in texts if t]
    assert len(texts) == 5                 # the boxes
    assert "a\ndata 2\ngrad -2.929" in texts and "+\ndata -5.036\ngrad 1" in texts
    y = Value(1.0)
    for _ in range(30):
        y = y + 1
    with pytest.raises(ValueError, match=r"^draw_graph draws at most max_nodes = 40 nodes; "
                       r"this graph has 61 \(draw a smaller expression, or raise max_nodes\)$"):
        draw_graph(y)
    with pytest.raises(TypeError, match="^value must be a Value, got float$"):
        draw_graph(1.0)


def test_bad_input_gives_clear_errors():
    with pytest.raises(TypeError, match=r"^Value\(data\): data must be a real number such as "
                       r"2.0, got 'a' of type str$"):
        Value("a")
    with pytest.raises(TypeError, match=r"^Value\(data\): data must be a real number such as "
                       r"2.0, got True of type bool$"):
        Value(True)
    with pytest.raises(ValueError, match=r"^log\(a\) needs a > 0, got a = -1$"):
        Value(-1.0).log()
    with pytest.raises(ValueError, match=r"^log\(a\) needs a > 0, got a = 0$"):
        Value(0.0).log()
    with pytest.raises(TypeError, match=r"^a \*\* n: the exponent n must be a plain number, "
                       r"not a Value \(for x \*\* y with both Values and x > 0, write "
                       r"\(y \* x.log\(\)\).exp\(\)\)$"):
        Value(2.0) ** Value(3.0)
    with pytest.raises(TypeError, match=r"^a \*\* n: the exponent n must be a plain number, "
                       r"not a Value"):
        2.0 ** Value(3.0)
    with pytest.raises(TypeError, match=r"^a \*\* n: the exponent n must be a finite real "
                       r"number, got 'x'$"):
        Value(2.0) ** "x"
    with pytest.raises(ValueError, match=r"^a \*\* n: a negative base a = -2 needs a "
                       r"whole-number exponent, got n = 0.5$"):
        Value(-2.0) ** 0.5
    with pytest.raises(ZeroDivisionError, match=r"^a \*\* n at a = 0 with n = 0.5: the "
                       r"derivative n a\^\(n-1\) is infinite$"):
        Value(0.0) ** 0.5
    with pytest.raises(ZeroDivisionError, match=r"^a / b: the denominator b is 0$"):
        Value(1.0) / 0
    with pytest.raises(ZeroDivisionError, match=r"^a / b: the denominator b is 0$"):
        2 / Value(0.0)
    with pytest.raises(OverflowError, match=r"^exp\(a\) overflows a float for a > 709.78, "
                       r"got a = 1000$"):
        Value(1000.0).exp()
    with pytest.raises(TypeError, match="unsupported operand type"):
        Value(1.0) + "a"
    with pytest.raises(TypeError, match="unsupported operand type"):
        Value(2.0) - None
    with pytest.raises(TypeError, match=r"^values\[1\] must be a Value, got 3$"):
        zero_grad([Value(1.0), 3])
    with pytest.raises(TypeError, match="^root must be a Value, got 'x' of type str$"):
        topological_order("x")


def test_extreme_inputs_stay_finite():
    for x in (-800.0, 800.0):
        s = Value(x).sigmoid()
        s.backward()
        assert 0.0 <= s.data <= 1.0 and s.grad == 1.0
    assert Value(-800.0).exp().data == 0.0
    assert repr(Value(2.0, label="w")) == "Value(w: data=2, grad=0)"


def test_errors_in_chinese():
    import ann_helpers
    from ann_helpers.backprop import random_params

    try:
        ann_helpers.set_language("zh-Hant")
        with pytest.raises(ValueError, match=r"^log\(a\) 需要 a > 0；收到的是 a = -1$"):
            Value(-1).log()
        with pytest.raises(TypeError, match=r"^root 必須是 Value；收到的是型別為 str 的 'x'$"):
            topological_order("x")
        with pytest.raises(TypeError, match=r"^layer_sizes 必須是至少含 2 個整數的串列，例如 "
                                            r"\[2, 8, 1\]（輸入、隱藏層……、輸出）；收到的是 \[3\]$"):
            random_params([3])
    finally:
        ann_helpers.set_language("en")
    with pytest.raises(ValueError, match=r"^log\(a\) needs a > 0, got a = -1$"):
        Value(-1).log()
