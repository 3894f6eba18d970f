# %% [markdown]
# # 10 Back-propagation for any network, and an autograd you build yourself
#
# **In this lesson you will** take the twelve chain-rule computations of lesson 07 and see
# that they are one rule applied layer by layer; read the short function that trains the
# digit classifier of lesson 09 and check it against numerical derivatives; build, step by
# step, a tiny *automatic differentiation* engine that applies the chain rule (鏈式求導法則) to
# any formula you write; count what the reuse of intermediate results saves; and see why
# gradients can fade away in deep networks of sigmoid neurons, and what that does to
# learning.
#
# [Course map](00_course_map.ipynb) · previous: [09 Capstone: handwritten
# digits](09_digits_capstone.ipynb) · back to [07 Back-propagation](07_backpropagation.ipynb)
# for the four-neuron network used here
#
# **繁體中文:** This lesson in Traditional Chinese: [繁體中文版](zh-Hant/10_backprop_general.ipynb)

# %% jupyter={"source_hidden": true}
# Setup. On Google Colab, which does not have this course's package, the next lines install it
# from the course's repository (Colab's own numpy, matplotlib and ipywidgets are kept); anywhere
# else they do nothing. Then the helpers are told which language to speak.
import sys

if "google.colab" in sys.modules:
    import subprocess

    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                    "ann_helpers @ git+https://github.com/ann-math-course/ann-math-course"],
                   check=True)

import ann_helpers

ann_helpers.set_language("en")

# %%
import inspect
import math

import numpy as np

from ann_helpers import autograd
from ann_helpers import backprop as bp
from ann_helpers.activations import ACTIVATIONS
from ann_helpers.autograd import Value, draw_graph
from ann_helpers.backprop import (
    DEPTH_ACTIVATIONS,
    backprop,
    chain_rule_cost,
    layer_gradient_sizes,
    path_count,
    path_gradients,
    random_params,
    shrink_per_layer,
    slowdown_curves,
)
from ann_helpers.exercises import check
from ann_helpers.explorers.backprop_general import (
    VanishingExplorer,
    depth_figure,
    reuse_cost_figure,
    slowdown_figure,
)
from ann_helpers.losses import one_hot
from ann_helpers.network import (
    LESSON_PARAMS,
    LESSON_X,
    LESSON_Y,
    MLP,
    PARAM_NAMES,
    TinyNet,
    gradient_check,
)
from ann_helpers.neuron import XOR_INPUTS, XOR_LABELS
from ann_helpers.plotting import show

# %% [markdown]
# ## 1. From twelve chains to one rule
#
# Lesson 07 found the twelve partial derivatives (偏導數) of the article's network one by one.
# Look again at what it kept along the way: one number per neuron,
#
# $$\delta_3 = \frac{\partial L}{\partial u_3},\quad \delta_4 = \frac{\partial L}{\partial u_4}
# \quad\text{(output layer)},\qquad
# \delta_1 = \frac{\partial L}{\partial u_1},\quad \delta_2 = \frac{\partial L}{\partial u_2}
# \quad\text{(hidden layer)},$$
#
# the derivative of the loss with respect to the neuron's net input. Every one of the twelve
# gradients was such a $\delta$ times one number: $\partial L/\partial w_5 = \delta_3 h_1$,
# $\partial L/\partial w_1 = \delta_1 x_1$, $\partial L/\partial b_3 = \delta_3$. And the
# hidden layer's $\delta$'s were built from the output layer's. These are the "kept and reused"
# pieces the article talks about:

# %%
net = TinyNet(LESSON_PARAMS)
grads07 = net.backward(LESSON_X, LESSON_Y)
t = net.terms
print(f"output layer   delta3 = {t['delta3']:+.6f}   delta4 = {t['delta4']:+.6f}")
print(f"hidden layer   delta1 = {t['delta1']:+.6f}   delta2 = {t['delta2']:+.6f}")
print(f"dL/dw5 = delta3 * h1 = {grads07['w5']:+.6f},   dL/dw1 = delta1 * x1 = {grads07['w1']:+.6f}")

# %% [markdown]
# Now put the numbers of one layer into vectors and matrices. Number the layers of weights
# $l = 1, \dots, L$ (here $L = 2$), write $a^0 = x$ for the input, $z^l$ for the net inputs of
# layer $l$ and $a^l = g(z^l)$ for its outputs. The course stores the weights of layer $l$ as
# a matrix $W^l$ with **one row per input and one column per neuron** (so $W^l_{ij}$ connects
# input $i$ to neuron $j$; this is the layout of `MLP` in lessons 08 and 09):
#
# $$W^1 = \begin{pmatrix} w_1 & w_3 \\ w_2 & w_4 \end{pmatrix},\quad
#   b^1 = \begin{pmatrix} b_1 \\ b_2 \end{pmatrix},\qquad
#   W^2 = \begin{pmatrix} w_5 & w_7 \\ w_6 & w_8 \end{pmatrix},\quad
#   b^2 = \begin{pmatrix} b_3 \\ b_4 \end{pmatrix},\qquad
#   z^l = (W^l)^{\mathsf T} a^{l-1} + b^l .$$
#
# With $\delta^l = \partial L / \partial z^l$ (a vector, one entry per neuron) the chain rule
# of lesson 07 becomes four lines, for any number of layers:
#
# $$\delta^L = \frac{\partial L}{\partial \hat y} \odot o'(z^L), \qquad
#   \delta^l = \left(W^{l+1} \delta^{l+1}\right) \odot g'(z^l)\quad (l = L-1, \dots, 1),$$
# $$\frac{\partial L}{\partial W^l} = a^{l-1} \left(\delta^l\right)^{\mathsf T}, \qquad
#   \frac{\partial L}{\partial b^l} = \delta^l .$$
#
# $\odot$ multiplies entry by entry. The second line is where the two chains of lesson 07 are
# summed: entry $j$ of $W^{l+1}\delta^{l+1}$ is $\sum_k W^{l+1}_{jk}\,\delta^{l+1}_k$, one term
# for every neuron that neuron $j$ feeds. The third line is an outer product: the gradient of
# $W^l_{ij}$ is (what came in on input $i$) times (the error of neuron $j$). Here it is with the
# lesson's numbers:

# %%
p = LESSON_PARAMS
x, y = np.array(LESSON_X), np.array(LESSON_Y)
W1 = np.array([[p["w1"], p["w3"]], [p["w2"], p["w4"]]])
b1 = np.array([p["b1"], p["b2"]])
W2 = np.array([[p["w5"], p["w7"]], [p["w6"], p["w8"]]])
b2 = np.array([p["b3"], p["b4"]])
sigmoid = ACTIVATIONS["sigmoid"].f

# forward, keeping every z and a
z1 = W1.T @ x + b1
a1 = sigmoid(z1)
z2 = W2.T @ a1 + b2
y_hat = z2                                   # the article's output: o(z) = z

# backward: one rule per line
delta2 = (y_hat - y) * 1.0                   # delta^L = dL/dy_hat * o'(z^L), o' = 1
delta1 = (W2 @ delta2) * a1 * (1 - a1)       # delta^1 = (W^2 delta^2) * g'(z^1)
dW2, db2 = np.outer(a1, delta2), delta2      # dL/dW^2 = a^1 (delta^2)^T
dW1, db1 = np.outer(x, delta1), delta1       # dL/dW^1 = a^0 (delta^1)^T

rule = {"w1": dW1[0, 0], "w2": dW1[1, 0], "w3": dW1[0, 1], "w4": dW1[1, 1],
        "b1": db1[0], "b2": db1[1], "w5": dW2[0, 0], "w6": dW2[1, 0],
        "w7": dW2[0, 1], "w8": dW2[1, 1], "b3": db2[0], "b4": db2[1]}
print(f"delta^2 = {np.round(delta2, 6)}  (delta3, delta4)")
print(f"delta^1 = {np.round(delta1, 6)}  (delta1, delta2)")
print(f"{'param':<6} {'lesson 07, chain by chain':>26} {'the one rule':>14}")
for name in PARAM_NAMES:
    print(f"{name:<6} {grads07[name]:>+26.9f} {rule[name]:>+14.9f}")
gap = max(abs(rule[k] - grads07[k]) for k in PARAM_NAMES)
print(f"largest difference below 1e-15: {gap < 1e-15}")

# %% [markdown]
# The same twelve numbers. (They may differ in the 17th digit: a matrix product may add its
# terms in another order than lesson 07's code did.)
#
# ## 2. The code that trains lesson 09, in the open
#
# `ann_helpers.backprop` writes these four lines for a **minibatch**: the examples are the rows
# of a matrix, so $z^l = (W^l)^{\mathsf T} a^{l-1}$ for every example at once becomes
# `Z = A @ W + b`, $W^{l+1}\delta^{l+1}$ becomes `delta @ W.T`, and $a^{l-1}(\delta^l)^{\mathsf T}$
# summed over the examples becomes `A.T @ delta`. This is the whole forward pass:

# %%
print(inspect.getsource(bp.forward))

# %% [markdown]
# The loss supplies $\delta^L$. The loss is the mean over the batch, so every example's
# $\delta^L$ carries a factor $1/n$. For squared error with a sigmoid output,
# $\partial L/\partial \hat y = \hat y - y$ and $o'(z) = \hat y(1 - \hat y)$; for softmax with
# cross-entropy (交叉熵) the product collapses to $\hat y - y$ (lesson 09):

# %%
print(inspect.getsource(bp.output_delta))

# %% [markdown]
# And the backward pass, layer by layer from the back. Each `delta` is computed once and used
# twice: for this layer's gradients, and to make the previous layer's `delta`.

# %%
print(inspect.getsource(bp.backward))

# %% [markdown]
# `backprop` checks its arguments and runs the three steps. `g_prime(z, a)` gets both the
# kept net input and the kept output, so that for sigmoid it can use $a(1 - a)$ without
# computing an exponential again.

# %%
print(inspect.getsource(bp.backprop))

# %% [markdown]
# **Check 1: lesson 07 again.** The article's network is a batch of one example:

# %%
loss, ((gW1, gb1), (gW2, gb2)) = backprop([(W1, b1), (W2, b2)], [LESSON_X], [LESSON_Y],
                                          activation="sigmoid", output="identity")
print(f"loss {loss:.6f} (lesson 07: {net.values['L']:.6f})")
print(f"dL/dW^1 = {np.round(gW1, 6).tolist()}   (w1 w3 / w2 w4)")
print(f"dL/dW^2 = {np.round(gW2, 6).tolist()}   (w5 w7 / w6 w8)")
same = np.allclose(gW1, dW1, rtol=1e-14, atol=1e-16) and np.allclose(gW2, dW2, rtol=1e-14, atol=1e-16)
print(f"equal to the one rule of section 1: {same}")

# %% [markdown]
# **Check 2: central differences, on networks of random shapes**, for every hidden activation
# and every output (with its loss). `gradient_check` (lesson 07) nudges each parameter up and
# down, Richardson-refined, and reports the largest relative error over all parameters.

# %%
rng = np.random.default_rng(10)
worst = 0.0
print(f"{'activation':<11} {'output':<9} {'layer sizes':<17} {'batch':>5}  {'params':>6}  largest rel. error")
for activation in ("sigmoid", "tanh", "relu", "leaky_relu", "softplus", "linear"):
    for output in ("identity", "sigmoid", "softmax"):
        sizes = [int(n) for n in rng.integers(2, 6, rng.integers(3, 5))]
        params = [(W, rng.normal(0, 0.5, b.shape)) for W, b in random_params(sizes, 1.5, seed=1)]
        n = int(rng.integers(1, 6))
        X = rng.normal(size=(n, sizes[0]))
        Y = (one_hot(rng.integers(0, sizes[-1], n), sizes[-1]) if output == "softmax"
             else rng.uniform(size=(n, sizes[-1])))

        def loss_of(theta, params=params, X=X, Y=Y, activation=activation, output=output):
            k, rebuilt = 0, []
            for W, b in params:
                rebuilt.append((theta[k:k + W.size].reshape(W.shape),
                                theta[k + W.size:k + W.size + b.size]))
                k += W.size + b.size
            return backprop(rebuilt, X, Y, activation, output)[0]

        _, grads = backprop(params, X, Y, activation, output)
        theta = np.concatenate([a.ravel() for pair in params for a in pair])
        analytic = np.concatenate([a.ravel() for pair in grads for a in pair])
        error = gradient_check(loss_of, theta, analytic).max_error
        worst = max(worst, error)
        print(f"{activation:<11} {output:<9} {str(sizes):<17} {n:>5}  {theta.size:>6}  "
              f"{'below 1e-6' if error < 1e-6 else f'{error:.1e}  <- WRONG'}")
print(f"all 18 below 1e-6: {worst < 1e-6}")

# %% [markdown]
# **Check 3: `MLP` trains through it.** Since this lesson, `MLP.loss_and_gradients` (used by
# lessons 08 and 09) is a call to `backprop` on the network's own parameters, and `MLP.fit`
# runs the same `forward`, `output_delta` and `backward` for every minibatch. The digit
# classifier of lesson 09 was trained by the code printed above:

# %%
mlp = MLP([64, 32, 10], "sigmoid", "softmax", seed=0)
Xd = np.random.default_rng(0).uniform(0, 1, (32, 64))
labels = np.arange(32) % 10
loss_mlp, grads_mlp = mlp.loss_and_gradients(Xd, labels)
loss_bp, grads_bp = backprop(mlp.params, Xd, one_hot(labels, 10), "sigmoid", "softmax")
identical = loss_mlp == loss_bp and all(np.array_equal(a, b) for pa, pb in zip(grads_mlp, grads_bp, strict=True)
                                        for a, b in zip(pa, pb, strict=True))
print(f"MLP.loss_and_gradients and backprop agree to the last bit: {identical}")

# %% [markdown]
# ## 3. Autograd: the same rule for any formula
#
# Back-propagation on layers needs someone to work out $\delta^l$ by hand for each kind of
# layer. Libraries such as PyTorch do something more general: every arithmetic operation
# records what it did, and one backward sweep applies the chain rule to whatever was
# computed. This is *reverse-mode automatic differentiation* ("autograd"). You can build one
# in about forty lines. Each step below is checked before the next.
#
# **Step 1: a number that remembers.** A `Scalar` holds its value `data`, a slot `grad` for
# $\partial(\text{result})/\partial(\text{this number})$, the inputs it was made from, and a
# function `_backward` that knows the operation's *local* derivative: how the output moves when
# one input moves. For $c = a + b$ both local derivatives are 1; for $c = a\,b$ they are $b$
# and $a$. `_backward` multiplies the local derivative by the output's gradient (the chain
# rule) and **adds** it to the input's gradient.

# %%
class Scalar:
    """A number in a formula: its value, its gradient, its inputs, its local derivatives."""

    def __init__(self, data, children=(), op=""):
        self.data = data
        self.grad = 0.0
        self._prev = children        # the inputs this number was computed from
        self._op = op
        self._backward = lambda: None  # a plain input has nothing to pass on

    def __add__(self, other):
        out = Scalar(self.data + other.data, (self, other), "+")

        def _backward():             # d(a + b)/da = 1, d(a + b)/db = 1
            self.grad += 1.0 * out.grad
            other.grad += 1.0 * out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        out = Scalar(self.data * other.data, (self, other), "*")

        def _backward():             # d(a b)/da = b, d(a b)/db = a
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out


x1, w1, b = Scalar(2.0), Scalar(-3.0), Scalar(1.0)
u = x1 * w1
y1 = u + b
print(f"y = x w + b = {y1.data}   (expected {2.0 * -3.0 + 1.0})")
print(f"y was made by {y1._op!r} from {[c.data for c in y1._prev]}")

# %% [markdown]
# **Step 2: the chain rule by hand.** Seed $\partial y/\partial y = 1$, then call the
# operations' `_backward` from the last to the first. Check against what you can see:
# $\partial y/\partial x = w = -3$, $\partial y/\partial w = x = 2$, $\partial y/\partial b = 1$.

# %%
y1.grad = 1.0
y1._backward()       # + hands y's gradient to u and b
u._backward()        # * hands u's gradient to x and w
print(f"dy/dx = {x1.grad}, dy/dw = {w1.grad}, dy/db = {b.grad}")
print(f"as expected: {(x1.grad, w1.grad, b.grad) == (-3.0, 2.0, 1.0)}")

# %% [markdown]
# **Step 3: the order.** By hand we knew to call `y1._backward()` before `u._backward()`: a
# node may pass its gradient on only once it has received every contribution. A
# *topological order* lists each node after all its inputs; the reverse of it is the order we
# need. Depth-first: visit the inputs first, then append the node; remember who was seen, so
# that a node used twice is listed once.

# %%
def topological_order(root):
    order, seen = [], set()

    def visit(node):
        if id(node) not in seen:
            seen.add(id(node))
            for child in node._prev:
                visit(child)
            order.append(node)

    visit(root)
    return order


a = Scalar(3.0)
c = a * a + a                   # a is used three times
order = topological_order(c)
print("order:", [(n._op or "input", n.data) for n in order])
print(f"{len(order)} nodes, each once, the result last: {order[-1] is c}")

# %% [markdown]
# **Step 4: `backward`.** Seed the result's gradient with 1 and call every `_backward` in
# reverse topological order. The check: $c = a^2 + a$ gives $dc/da = 2a + 1 = 7$ at $a = 3$,
# collected from three uses of $a$ (that is why `_backward` adds with `+=`).

# %%
def backward(self):
    self.grad = 1.0
    for node in reversed(topological_order(self)):
        node._backward()


Scalar.backward = backward

c.backward()
print(f"dc/da = {a.grad}   (2a + 1 = {2 * 3.0 + 1})")

# %% [markdown]
# That is a working reverse-mode autograd. `ann_helpers.autograd.Value` is the same engine,
# finished: plain numbers on either side of an operator, `-`, `/`, `**` with a number
# exponent, `exp`, `log`, `tanh`, `sigmoid`, `relu`, clear errors (`Value(-1).log()` says that
# the logarithm needs a positive number), and a `backward` that adds to what earlier passes
# left, as every library does. Each operation owns its local derivative, next to its
# forward formula. The same expression in both engines, with a central difference as referee:

# %%
def in_value(x):
    a = Value(x)
    c = a * a + a
    c.backward()
    return a.grad


h = 1e-6
numeric = ((3.0 + h) ** 2 + (3.0 + h) - (3.0 - h) ** 2 - (3.0 - h)) / (2 * h)
print(f"Scalar: {a.grad}, Value: {in_value(3.0)}, central difference: {numeric:.6f}")

# %% [markdown]
# Every operation of `Value`, at one point each, against a central difference:

# %%
operations = {
    "a + 2.5": lambda a: a + 2.5, "2.5 - a": lambda a: 2.5 - a, "a * a": lambda a: a * a,
    "1 / a": lambda a: 1 / a, "a ** 3": lambda a: a ** 3, "-a": lambda a: -a,
    "a.exp()": lambda a: a.exp(), "a.log()": lambda a: a.log(), "a.tanh()": lambda a: a.tanh(),
    "a.sigmoid()": lambda a: a.sigmoid(), "a.relu()": lambda a: a.relu(),
}
at = 0.8
print(f"{'operation':<12} {'value':>10} {'grad':>10} {'central diff.':>14}")
for text, f in operations.items():
    a = Value(at)
    out = f(a)
    out.backward()
    numeric = (f(Value(at + h)).data - f(Value(at - h)).data) / (2 * h)
    print(f"{text:<12} {out.data:>10.6f} {a.grad:>10.6f} {numeric:>14.6f}")

# %% [markdown]
# `draw_graph` draws what the engine recorded. Here is one sigmoid neuron (神經元) with its
# squared-error loss on one example, after `backward`. Blue boxes hold numbers that were given
# (inputs, parameters, and the constants 1, -1 and 0.5 that `- 1.0` and `0.5 *` brought in),
# orange boxes the results of operations; each shows its value (`data`) and the derivative of
# the loss with respect to it (`grad`). Follow the grads from right to left: each is the grad
# to its right times a local derivative.

# %%
xa, xb = Value(0.5, label="x1"), Value(1.0, label="x2")
wa, wb, bias = Value(0.1, label="w1"), Value(0.2, label="w2"), Value(0.1, label="b1")
h1 = (wa * xa + wb * xb + bias).sigmoid()
loss = 0.5 * (h1 - 1.0) ** 2
loss.backward()
print(f"loss {loss.data:.6f}; dL/dw1 = {wa.grad:+.6f}, dL/dw2 = {wb.grad:+.6f}, dL/db1 = {bias.grad:+.6f}")
show(draw_graph(loss))

# %% [markdown]
# **The article's network in Values.** Write lesson 07's forward pass with `Value` parameters,
# call `backward` once, and read the twelve gradients: nobody wrote a $\delta$.

# %%
def tinynet_in_values(params, x, y):
    p = {k: Value(v, label=k) for k, v in params.items()}
    h1 = (p["w1"] * x[0] + p["w2"] * x[1] + p["b1"]).sigmoid()
    h2 = (p["w3"] * x[0] + p["w4"] * x[1] + p["b2"]).sigmoid()
    y1_hat = p["w5"] * h1 + p["w6"] * h2 + p["b3"]
    y2_hat = p["w7"] * h1 + p["w8"] * h2 + p["b4"]
    L = 0.5 * ((y[0] - y1_hat) ** 2 + (y[1] - y2_hat) ** 2)
    L.backward()
    return L, {k: p[k].grad for k in PARAM_NAMES}


L_value, engine = tinynet_in_values(LESSON_PARAMS, LESSON_X, LESSON_Y)
print(f"{'param':<6} {'lesson 07':>13} {'autograd':>13}")
for name in PARAM_NAMES:
    print(f"{name:<6} {grads07[name]:>+13.9f} {engine[name]:>+13.9f}")
print(f"largest difference below 1e-15: {max(abs(engine[k] - grads07[k]) for k in PARAM_NAMES) < 1e-15}")
print(f"the graph behind L has {len(autograd.topological_order(L_value))} nodes")

# %% [markdown]
# **A network of any size in Values.** A layer is a few lines: every neuron adds its bias to
# the weighted sum of its inputs. Given the same parameters as an `MLP`, the engine's gradients
# of the mean loss over a batch match `MLP`'s:

# %%
def value_params(params):
    """Each weight and bias of [(W, b), ...] as a Value."""
    return [([[Value(float(w)) for w in row] for row in W], [Value(float(v)) for v in b])
            for W, b in params]


def value_forward(vparams, x, activation="tanh"):
    """The network's outputs for one example x (a list of numbers); identity outputs."""
    a = list(x)
    for layer, (W, b) in enumerate(vparams, start=1):
        z = [sum((W[i][j] * a[i] for i in range(len(a))), b[j]) for j in range(len(b))]
        a = [getattr(zj, activation)() for zj in z] if layer < len(vparams) else z
    return a


small = MLP([3, 4, 2], "tanh", "identity", seed=0)
Xs = np.random.default_rng(1).normal(size=(5, 3))
Ys = np.random.default_rng(2).normal(size=(5, 2))
vparams = value_params(small.params)
mean_loss = sum(0.5 * sum((yk_hat - yk) ** 2 for yk_hat, yk in zip(value_forward(vparams, xr), yr, strict=True))
                for xr, yr in zip(Xs.tolist(), Ys.tolist(), strict=True)) / len(Xs)
mean_loss.backward()
_, mlp_grads = small.loss_and_gradients(Xs, Ys)
gap = max(max(abs(W[i][j].grad - dW[i, j]) for i in range(dW.shape[0]) for j in range(dW.shape[1]))
          for (W, _), (dW, _) in zip(vparams, mlp_grads, strict=True))
gap_b = max(max(abs(bv.grad - dbv) for bv, dbv in zip(bs, db, strict=True)) for (_, bs), (_, db) in zip(vparams, mlp_grads, strict=True))
print(f"loss: engine {mean_loss.data:.6f}, MLP {small.loss(Xs, Ys):.6f}")
print(f"{small.n_params} gradients, largest difference below 1e-12: {max(gap, gap_b) < 1e-12}")

# %% [markdown]
# **Training with the engine.** XOR (lesson 05) with a 2-4-1 network of tanh neurons: forward
# the four examples, `backward`, step every parameter against its gradient, repeat. Reset the
# gradients first in every step, since `backward` adds to them.

# %%
vparams = value_params(random_params([2, 4, 1], scale=1.0, seed=1))
flat = [v for W, bs in vparams for row in W for v in row] + [v for _, bs in vparams for v in bs]
examples = list(zip(XOR_INPUTS.tolist(), XOR_LABELS.tolist(), strict=True))
lr = 0.5
for step in range(201):
    loss = sum(0.5 * (value_forward(vparams, xe)[0] - ye) ** 2 for xe, ye in examples) / 4
    for v in flat:
        v.grad = 0.0
    loss.backward()
    for v in flat:
        v.data -= lr * v.grad
    if step % 25 == 0:
        print(f"step {step:>3}: loss {loss.data:.3g}")
for xe, ye in examples:
    print(f"x = {xe}: output {value_forward(vparams, xe)[0].data:.3f}, label {ye:g}")

# %% [markdown]
# ## 4. Why reuse matters, counted
#
# The article's point about back-propagation is that it *keeps* intermediate results. What if
# we did not? Then every parameter's derivative is its own sum over all the paths from that
# parameter to the loss, and each path is a product of factors: the chain rule taken
# literally. A weight of layer 1 in a network with layer sizes $n_0, n_1, \dots, n_L$ reaches
# the outputs along $n_2 n_3 \cdots n_L$ paths: the number of paths **multiplies** with every
# layer.

# %%
def shape_text(sizes):
    """2-2-2, or '10 layers of 16' for a long uniform network."""
    if len(sizes) > 5 and len(set(sizes)) == 1:
        return f"{len(sizes) - 1} layers of {sizes[0]}"
    return "-".join(map(str, sizes))


for sizes in ([2, 2, 2], [64, 32, 10], [4] * 6, [16] * 11):
    print(f"{shape_text(sizes):<16} paths from one layer-1 weight: {path_count(sizes, 1):,}")

# %% [markdown]
# `path_gradients` does exactly that, for one example, and counts its multiply-adds (one per
# step along a path, one per multiplication by a weight's input, as lesson 07 counted). On a
# small network it gives back-propagation's gradients, and its count equals the formula in
# `chain_rule_cost`:

# %%
sizes = [3, 4, 3, 2]
params = [(W, np.full(b.shape, 0.1)) for W, b in random_params(sizes, seed=2)]
xp, yp = np.array([0.5, -1.0, 2.0]), np.array([0.2, 0.7])
slow, counted = path_gradients(params, xp, yp, "tanh", "sigmoid")
_, fast = backprop(params, [xp], [yp], "tanh", "sigmoid")
agree = all(np.allclose(s, f, rtol=1e-10, atol=1e-14) for ps, pf in zip(slow, fast, strict=True)
            for s, f in zip(ps, pf, strict=True))
cost = chain_rule_cost(sizes)
print(f"path by path = back-propagation: {agree}")
print(f"multiply-adds counted: {counted}, by the formula: {cost['without_reuse']}, "
      f"back-propagation: {cost['backprop']}")

# %% [markdown]
# Both counts include the forward pass. As the network grows:

# %%
print(f"{'network':<16} {'parameters':>10} {'path by path':>14} {'back-prop.':>11} {'ratio':>10}")
for sizes in ([2, 2, 2], [4] * 3, [4] * 5, [4] * 7, [4] * 11, [16] * 3, [16] * 5, [16] * 7, [16] * 11,
              [64, 32, 10], [784, 100, 10], [784, 300, 100, 10]):
    c = chain_rule_cost(sizes)
    print(f"{shape_text(sizes):<16} {c['parameters']:>10,} {c['without_reuse']:>14.3g} "
          f"{c['backprop']:>11,} {c['without_reuse'] / c['backprop']:>10.3g}")

# %%
show(reuse_cost_figure())

# %% [markdown]
# On a log scale the dashed lines are straight: without reuse the cost is multiplied by about
# the width for every layer added (exponential in the depth), while back-propagation adds the
# same amount per layer (linear in the number of weights, about three forward passes). For
# the article's four neurons the difference is 28 against 20 multiply-adds; for ten layers of
# width 16 it is about $2 \cdot 10^{14}$ against 7,424.
#
# **The engine against finite differences.** Lesson 07 compared back-propagation with
# nudging every parameter (two forward passes per parameter). The engine's `backward` visits
# each node of the graph once, so it costs about as much as building the graph did. Counted
# in nodes, for one example through a 4-8-8-1 network of tanh neurons:

# %%
vnet = value_params(random_params([4, 8, 8, 1], seed=3))
vflat = [v for W, bs in vnet for row in W for v in row] + [v for _, bs in vnet for v in bs]
x_one = [0.5, -0.2, 0.1, 0.9]
out = value_forward(vnet, x_one)[0]
nodes = len(autograd.topological_order(out))
print(f"parameters P = {len(vflat)}, nodes in one forward graph N = {nodes}")
print(f"backward: {nodes} local derivatives, once each")
print(f"finite differences: 2 P forward passes = {2 * len(vflat) * nodes:,} node evaluations "
      f"({2 * len(vflat)} times more)")

# %% [markdown]
# Seconds depend on the machine and on what else it is doing, so the lesson counts nodes;
# `make bench` times the same 4-8-8-1 network both ways (its `autograd` rows).
#
# ## 5. When gradients vanish
#
# Back-propagation multiplies by $g'(z^l)$ once per layer on the way back. Sigmoid's slope is
# at most $\tfrac14$ (at $z = 0$), so with weights of moderate size $\delta$ shrinks by a
# factor of about four, or more, at every layer it passes:

# %%
zs = np.linspace(-6, 6, 1201)
for name in DEPTH_ACTIVATIONS:
    print(f"{name:<8} largest slope g'(z) = {np.max(ACTIVATIONS[name].df(zs)):.2f}")

# %% [markdown]
# To see it, take networks of 2 to 10 layers of 16 neurons, with weights drawn with standard
# deviation $1/\sqrt{16}$ (weight scale 1), push a batch of 64 random examples through, and
# measure the typical size of $\delta^l = \partial L/\partial b^l$ in every layer.
# `layer_gradient_sizes` does this with the `backprop` of section 2. The table gives the size
# in layer 1 (next to the input) divided by the size in the last layer, and the average factor
# per layer:

# %%
print(f"{'layers':>6} " + " ".join(f"{name:>21}" for name in DEPTH_ACTIVATIONS))
for depth in range(2, 11):
    cells = []
    for name in DEPTH_ACTIVATIONS:
        sizes_l = layer_gradient_sizes(depth, name, 1.0)
        cells.append(f"{sizes_l[0] / sizes_l[-1]:>9.2g} (x{shrink_per_layer(sizes_l):.2f}/layer)")
    print(f"{depth:>6} " + " ".join(f"{c:>21}" for c in cells))

# %%
show(depth_figure(10, 1.0))

# %% [markdown]
# With sigmoid, the first layer of a 10-layer network gets an error signal a few millionths
# as strong as the last layer's (a factor of 0.2 to 0.3 at every layer): its weights hardly
# move, and the layers near the input learn far more slowly than those near the output. tanh
# (slope up to 1) keeps 0.7 to 0.9 per layer, and ReLU (slope 0 or 1) about 0.6 at this weight
# scale, since about half of its units are off for any one example. The weight scale matters
# as much as the activation: the factor per layer is roughly (weight scale) x (typical slope).
# Try it below. For ReLU a scale near $\sqrt 2 \approx 1.4$ keeps the gradients steady (He
# initialisation, which `MLP` uses for ReLU), and a scale of 3 makes them grow layer by layer
# ("exploding gradients"). For sigmoid no scale on the slider helps: larger weights also push
# the neurons towards the flat ends of the S-curve, where the slope is smaller still.

# %%
explorer = VanishingExplorer(depth=6, activation="sigmoid", scale=1.0)
print(explorer.status)
explorer.snapshot()

# %% tags=["nbval-ignore-output"]
explorer.ui

# %% [markdown]
# **The same slope slows a single neuron.** One sigmoid neuron, one example $x = 1$ with label
# $y = 0$, a bad start $w = b = 2$ (so $\hat y \approx 0.98$, badly wrong), learning rate 0.15.
# With the squared error the gradient is $(\hat y - y)\,\hat y(1 - \hat y)\,x$: the factor
# $\hat y(1 - \hat y) = g'(z)$ is nearly 0 exactly when the neuron is confidently wrong. With
# the cross-entropy $L = -y\log\hat y - (1-y)\log(1-\hat y)$ that factor cancels and the
# gradient is $(\hat y - y)\,x$: the more wrong, the faster it learns. Same start, same
# learning rate, both runs:

# %%
runs = slowdown_curves(**bp.SLOWDOWN)
print(f"{'step':>5} {'output, squared error':>22} {'output, cross-entropy':>22}")
for k in (0, 25, 50, 100, 150, 200, 250, 300):
    print(f"{k:>5} {runs['squared_error']['output'][k]:>22.4f} {runs['cross_entropy']['output'][k]:>22.4f}")
show(slowdown_figure(runs))

# %% [markdown]
# With the squared error the output barely moves for 150 steps and only then falls; with the
# cross-entropy it is below 0.1 within 50 steps. This is one reason classifiers (lesson 09)
# pair a sigmoid or softmax output with the cross-entropy, and one reason deep networks
# prefer ReLU-like activations inside.
#
# ## Exercises
#
# **Exercise 1.** In a network with layer sizes [3, 4, 5, 6, 2], through how many paths does
# one weight of the first layer reach the loss? (a whole number)

# %%
answer = None   # replace None with your answer
check("10.1", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): the weight feeds one neuron of layer 1; a path then picks
# one of the 5 neurons of layer 2, one of 6 in layer 3 and one of 2 outputs: 5 * 6 * 2.
check("10.1", 5 * 6 * 2)

# %% [markdown]
# **Exercise 2 (code).** Complete the engine's `tanh`: the output Value is made for you;
# write its `_backward`, which adds the local derivative $1 - \tanh(a)^2$ times `out.grad` to
# `a.grad`. The checker runs your function on four inputs, with the output used twice and
# with $a$ reaching the result along two paths, and says which case fails.

# %%
def tanh_value(a):
    t = math.tanh(a.data)
    out = Value(t, (a,), "tanh")

    def _backward():
        # your line here: a.grad += ...
        raise NotImplementedError

    out._backward = _backward
    return out


check("10.2", tanh_value)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): the local derivative is 1 - t^2 (t is already known),
# times the gradient arriving at the output, added with += so that several uses add up.
def tanh_value(a):
    t = math.tanh(a.data)
    out = Value(t, (a,), "tanh")

    def _backward():
        a.grad += (1 - t * t) * out.grad

    out._backward = _backward
    return out


check("10.2", tanh_value)

# %% [markdown]
# **Exercise 3 (code).** Complete `hidden_delta` for a minibatch (rows are examples): from the
# next layer's weights `W_next` (shape $(n_l, n_{l+1})$), its errors `delta_next` (shape
# $(n, n_{l+1})$) and the slopes `slope` $= g'(z^l)$ (shape $(n, n_l)$), return $\delta^l$.
# The checker tries four shapes, from one example to five.

# %%
def hidden_delta(W_next, delta_next, slope):
    # your code here: return delta^l, shape (n, n_l)
    raise NotImplementedError


check("10.3", hidden_delta)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): for one example delta^l = (W^(l+1) delta^(l+1)) * g'(z^l);
# with the examples as rows, W^(l+1) delta^(l+1) is delta_next @ W_next.T. This is the line
# in bp.backward.
def hidden_delta(W_next, delta_next, slope):
    return (delta_next @ W_next.T) * slope


check("10.3", hidden_delta)

# %% [markdown]
# **Exercise 4 (predict, then move the slider).** In the vanishing-gradients explorer of
# section 5, keep 6 layers, choose tanh and move the weight scale to 0.5. Before you move
# them: will the status call the gradients `"vanishing"` (a factor below 0.8 per layer towards
# the input), `"roughly steady"` or `"exploding"` (above 1.25)? Check here, then move the
# sliders and read the status.

# %%
answer = None   # replace None with "vanishing", "roughly steady" or "exploding"
check("10.4", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): with small weights the z's stay near 0, where tanh's
# slope is close to 1, so the factor per layer is about (weight scale) x 1 = 0.5, below 0.8.
# (The explorer's status: x0.45 per layer towards the input.)
check("10.4", "vanishing")
