"""Lesson 10: a scalar reverse-mode autograd engine, small enough to read in one sitting.

A `Value` holds one number (`.data`) and, after a backward pass, the derivative of the final
result with respect to it (`.grad`). Every operation on Values builds a new Value that
remembers its inputs and owns its *local* derivative: how its output moves when one input
moves, with the others held still. `backward()` then applies the chain rule (鏈式求導法則)
from the end to the start, visiting every node once, so each node's gradient is computed once
and reused by all the nodes before it: error back-propagation (誤差反向傳播) for any
expression, not only for a layered network.

    x = Value(2.0)
    y = x * x + 3 * x          # y = x^2 + 3x
    y.backward()               # dy/dx = 2x + 3
    x.grad                     # 7.0

Operations (numbers on either side are turned into Values):

    a + b      local derivatives  1, 1
    a * b                         b, a
    a ** n     (n a plain number) n a^(n-1)
    -a, a - b, a / b              built from the three above
    a.exp()                       e^a
    a.log()                       1 / a          (a > 0)
    a.tanh()                      1 - tanh(a)^2
    a.sigmoid()                   s (1 - s),  s = sigmoid(a)
    a.relu()                      1 if a > 0 else 0

After micrograd (A. Karpathy, MIT licence): the same idea, written anew for the course.
`draw_graph(value)` draws the expression graph with each node's data and grad (matplotlib
only; the drawing code lives in ann_helpers.explorers.backprop_general).
"""

from __future__ import annotations

import math
import numbers

from .i18n import N_, _

#: exp overflows a float above this
EXP_LIMIT = math.log(float.fromhex("0x1.fffffffffffffp+1023"))
#: the error of a ** n with a Value n (raised by __pow__ and __rpow__)
VALUE_EXPONENT = N_("a ** n: the exponent n must be a plain number, not a Value (for x ** y "
                    "with both Values and x > 0, write (y * x.log()).exp())")


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class Value:
    """One number in an expression graph, with the gradient of the final result.

    Value(data) for a real number; `children` and `op` are set by the operations (an
    operation's output remembers its inputs and its name), `label` is an optional name shown
    by draw_graph.
    """

    def __init__(self, data, children: tuple = (), op: str = "", label: str = ""):
        if isinstance(data, bool) or not isinstance(data, numbers.Real):
            raise TypeError(_("Value(data): data must be a real number such as 2.0, got "
                              "{data} of type {type}").format(data=_shown(data),
                                                              type=type(data).__name__))
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None   # spreads self.grad to the children; set by each op
        self._prev = tuple(children)
        self._op = op
        self.label = label

    def __repr__(self) -> str:
        name = f"{self.label}: " if self.label else ""
        return f"Value({name}data={self.data:.6g}, grad={self.grad:.6g})"

    # -- the operations, each with its local derivative ------------------------------------
    def __add__(self, other) -> Value:
        other = _as_value(other)
        if other is None:
            return NotImplemented
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():                 # d(a + b)/da = 1, d(a + b)/db = 1
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other) -> Value:
        other = _as_value(other)
        if other is None:
            return NotImplemented
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():                 # d(a b)/da = b, d(a b)/db = a
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, n) -> Value:
        if isinstance(n, Value):
            raise TypeError(_(VALUE_EXPONENT))
        if isinstance(n, bool) or not isinstance(n, numbers.Real) or not math.isfinite(n):
            raise TypeError(_("a ** n: the exponent n must be a finite real number, got {n}")
                            .format(n=_shown(n)))
        n = float(n)
        x = self.data
        if x < 0 and not n.is_integer():
            raise ValueError(_("a ** n: a negative base a = {a:g} needs a whole-number "
                               "exponent, got n = {n:g}").format(a=x, n=n))
        if x == 0 and n < 1 and n != 0:
            raise ZeroDivisionError(
                (_("a ** n at a = 0 with n = {n:g}: the derivative n a^(n-1) is infinite (and "
                   "so is a ** n)") if n < 0 else
                 _("a ** n at a = 0 with n = {n:g}: the derivative n a^(n-1) is infinite"))
                .format(n=n))
        out = Value(x ** n, (self,), f"**{n:g}")

        def _backward():                 # d(a^n)/da = n a^(n-1)
            self.grad += (n * x ** (n - 1) if n != 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    def exp(self) -> Value:
        if self.data > EXP_LIMIT:
            raise OverflowError(_("exp(a) overflows a float for a > {limit:.2f}, got a = {a:g}")
                                .format(limit=EXP_LIMIT, a=self.data))
        e = math.exp(self.data)
        out = Value(e, (self,), "exp")

        def _backward():                 # d(e^a)/da = e^a
            self.grad += e * out.grad
        out._backward = _backward
        return out

    def log(self) -> Value:
        if not self.data > 0:
            raise ValueError(_("log(a) needs a > 0, got a = {a:g}").format(a=self.data))
        out = Value(math.log(self.data), (self,), "log")

        def _backward():                 # d(log a)/da = 1 / a
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    def tanh(self) -> Value:
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward():                 # d(tanh a)/da = 1 - tanh(a)^2
            self.grad += (1.0 - t * t) * out.grad
        out._backward = _backward
        return out

    def sigmoid(self) -> Value:
        x = self.data
        if x >= 0:                       # e^-|x| never overflows
            s = 1.0 / (1.0 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1.0 + e)
        out = Value(s, (self,), "sigmoid")

        def _backward():                 # d(sigmoid a)/da = s (1 - s)
            self.grad += s * (1.0 - s) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> Value:
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward():                 # 1 for a > 0, else 0 (the right-hand rule at 0)
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    # -- everything else is built from the operations above --------------------------------
    def __neg__(self) -> Value:
        return self * -1

    def __sub__(self, other) -> Value:
        other = _as_value(other)
        return NotImplemented if other is None else self + (-other)

    def __truediv__(self, other) -> Value:
        other = _as_value(other)
        if other is None:
            return NotImplemented
        if other.data == 0:
            raise ZeroDivisionError(_("a / b: the denominator b is 0"))
        return self * other ** -1

    def __radd__(self, other) -> Value:
        return self + other

    def __rmul__(self, other) -> Value:
        return self * other

    def __rsub__(self, other) -> Value:
        other = _as_value(other)
        return NotImplemented if other is None else other - self

    def __rpow__(self, other):
        raise TypeError(_(VALUE_EXPONENT))

    def __rtruediv__(self, other) -> Value:
        other = _as_value(other)
        return NotImplemented if other is None else other / self

    # -- the backward pass -----------------------------------------------------------------
    def backward(self) -> None:
        """d(self)/d(node) for every node self depends on, added (+=) to node.grad.

        The nodes are put in topological order (every node after its inputs); then, from the
        end, each node hands its gradient to its inputs with its local derivatives. A node
        used several times collects one contribution per use. Calling backward again adds the
        same gradients once more (as every library does; reset with `zero_grad`).
        """
        order = topological_order(self)
        earlier = [v.grad for v in order]    # what earlier backward passes left behind
        for v in order:
            v.grad = 0.0
        self.grad = 1.0                      # d(self)/d(self)
        for v in reversed(order):
            v._backward()
        for v, g in zip(order, earlier, strict=True):
            v.grad += g


def _as_value(x) -> Value | None:
    """x as a Value (a plain number is wrapped); None for anything else, so that Python
    raises its usual 'unsupported operand type(s)' error naming both types."""
    if isinstance(x, Value):
        return x
    if isinstance(x, numbers.Real) and not isinstance(x, bool):
        return Value(x)
    return None


def topological_order(root: Value) -> list[Value]:
    """Every node `root` depends on, each once, inputs before the nodes that use them
    (depth-first, without recursion so a long chain cannot hit Python's recursion limit)."""
    if not isinstance(root, Value):
        raise TypeError(_("root must be a Value, got {root} of type {type}")
                        .format(root=_shown(root), type=type(root).__name__))
    order: list[Value] = []
    seen: set[int] = set()
    stack: list[tuple[Value, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node._prev)
                         if id(child) not in seen)
    return order


def zero_grad(values) -> None:
    """Set .grad = 0 for every Value in `values` (before the next backward pass)."""
    for i, v in enumerate(values):
        if not isinstance(v, Value):
            raise TypeError(_("values[{i}] must be a Value, got {value}")
                            .format(i=i, value=_shown(v)))
        v.grad = 0.0


def draw_graph(value: Value, max_nodes: int = 40):
    """A matplotlib Figure of the expression graph that ends in `value`: one box per node
    with its label or operation, data and grad; arrows from inputs to outputs."""
    from .explorers.backprop_general import graph_figure

    return graph_figure(value, max_nodes=max_nodes)
