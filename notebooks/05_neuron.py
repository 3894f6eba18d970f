# %% [markdown]
# # Lesson 05: the neuron (神經元)
#
# **What you will learn.** Lessons 01-04 minimised functions that were handed to us. From here
# on the function is something we *build*: a neural network. Its building block is the neuron,
# a weighted sum of the inputs followed by an activation function (激活函數). You will compute a
# neuron by hand, meet the usual activation functions together with their derivatives (which
# back-propagation will need in lesson 07), move a neuron's weights with sliders, and see why
# the activation is not decoration: without it a whole network collapses into one linear
# function and cannot even compute XOR. Finally you will count the parameters of a small digit
# classifier, to see that "an artificial neural network (人工神經網絡) is just a very large
# function".
#
# [Course map](00_course_map.ipynb) · next: [Lesson 06, the loss function](06_loss_function.ipynb)
#
# **繁體中文:** This lesson in Traditional Chinese: [繁體中文版](zh-Hant/05_neuron.ipynb)

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
import numpy as np

from ann_helpers.activations import ACTIVATIONS
from ann_helpers.calculus import numerical_derivative
from ann_helpers.exercises import check
from ann_helpers.explorers.neuron import NeuronExplorer
from ann_helpers.neuron import (
    XOR_INPUTS,
    XOR_LABELS,
    compose_linear,
    linear_layer,
    neuron,
    neuron_steps,
    parameter_count,
    separation_margin,
    single_neuron_search,
    xor_network,
)
from ann_helpers.plotting import COLORS, break_at, new_figure, show

# %% [markdown]
# ## 1. One neuron, step by step
#
# A neuron with three inputs x1, x2, x3 owns three weights w1, w2, w3 and a bias b. It first
# forms the weighted sum, a plain linear function of the inputs,
#
# $$u = w_1 x_1 + w_2 x_2 + w_3 x_3 + b = \mathbf{w}\cdot\mathbf{x} + b,$$
#
# and then passes u through an activation function g: $y = g(u)$. The weights say how much
# each input matters (and in which direction), the bias shifts the point where the neuron
# "switches on". Here is one neuron with the sigmoid activation, computed term by term:

# %%
x = [1.0, 2.0, -1.0]
w = [0.5, -0.3, 0.8]
b = 0.1
print(neuron_steps(x, w, b, "sigmoid").table())

# %% [markdown]
# The linear part is the same whichever activation we choose; only the last step changes.
# The same u through each activation of the course:

# %%
u = neuron_steps(x, w, b).u
print(f"u = {u:.4f}")
print(f"{'activation':<12} {'y = g(u)':>10}")
for name in ACTIVATIONS:
    print(f"{name:<12} {neuron(x, w, b, name):>10.4f}")

# %% [markdown]
# `neuron` also takes many examples at once, one per row; the same weights are applied to
# every row (this is how a network processes a batch):

# %%
X = np.array([[1.0, 2.0, -1.0],
              [0.0, 0.0, 0.0],
              [2.0, -1.0, 1.5]])
for row, y in zip(X, neuron(X, w, b, "sigmoid"), strict=True):
    print(f"x = {row}   y = {y:.4f}")

# %% [markdown]
# ## 2. The activation gallery
#
# Each activation comes as a *pair*: the function g and its derivative g', written side by
# side in `ann_helpers/activations.py`. Top row the function, bottom row its derivative, all
# derivatives on **one shared scale** (so sigmoid's largest slope, 0.25, can be compared with
# ReLU's 1). Where a function or its slope jumps (step at 0; the slopes of ReLU and leaky
# ReLU at 0) the line is broken, not joined by a vertical stroke: at that point there is no
# derivative.

# %%
GALLERY = ["sigmoid", "tanh", "relu", "leaky_relu", "step", "softplus"]
TITLES = {  # the formulas, typeset (plotting extra)
    "sigmoid": r"sigmoid $\sigma(u) = 1/(1+e^{-u})$",
    "tanh": r"$\tanh u$",
    "relu": r"ReLU $\max(0, u)$",
    "leaky_relu": r"leaky ReLU $\max(0.01u, u)$",
    "step": r"step $[u \geq 0]$",
    "softplus": r"softplus $\log(1+e^u)$",
}
JUMPS = {"step": 0.0}                                  # the function itself jumps
SLOPE_JUMPS = {"relu": 0.0, "leaky_relu": 0.0, "step": 0.0}   # the derivative jumps
fig, axes = new_figure(ncols=len(GALLERY), nrows=2, size=(13.0, 4.8))
u_grid = np.linspace(-5, 5, 401)
for col, name in enumerate(GALLERY):
    g = ACTIVATIONS[name]
    u_f, y_f = break_at(u_grid, g.f(u_grid), JUMPS[name]) if name in JUMPS else (u_grid, g.f(u_grid))
    axes[0, col].plot(u_f, y_f, color=COLORS["curve"])
    axes[0, col].set_title(TITLES[name], fontsize=9)
    u_d, y_d = (break_at(u_grid, g.df(u_grid), SLOPE_JUMPS[name]) if name in SLOPE_JUMPS
                else (u_grid, g.df(u_grid)))
    axes[1, col].plot(u_d, y_d, color=COLORS["path"])
    axes[1, col].axhline(0.25, color=COLORS["muted"], lw=0.8, ls=":")
    axes[1, col].set_xlabel("$u$")
    axes[1, col].set_ylim(-0.08, 1.08)                 # one scale for every derivative
    axes[1, col].set_yticks([0, 0.25, 0.5, 0.75, 1.0])
axes[0, 0].set_ylabel("$g(u)$")
axes[1, 0].set_ylabel("derivative $g'(u)$")
show(fig)

# %% [markdown]
# What to notice:
#
# * **sigmoid** squashes every u into (0, 1); its slope is largest at u = 0 (0.25, the dotted
#   line in every lower panel) and fades to almost 0 for |u| > 5: a saturated neuron barely
#   learns.
# * **tanh** is a sigmoid stretched to (-1, 1) and centred on 0; its slope at 0 is 1.
# * **ReLU** is 0 for negative u and u itself for positive u: slope 0 or 1, cheap to compute,
#   the usual choice in deep networks. **Leaky ReLU** keeps a small slope (0.01) on the left
#   so that a neuron is never completely flat.
# * **step** is the on/off neuron of the early perceptron. Its derivative is 0 everywhere
#   (and does not exist at 0), so gradient descent gets no direction from it: this is why
#   trainable networks use smooth or piecewise-linear activations instead.
# * **softplus** log(1 + e^u) is a smooth ReLU, and its derivative is exactly the sigmoid.
#
# **Sigmoid's derivative is g(u)(1 - g(u)).** Differentiating $g(u) = 1/(1+e^{-u})$ gives
# $g'(u) = e^{-u}/(1+e^{-u})^2 = g(u)\,(1-g(u))$. Back-propagation (lesson 07) uses this a lot:
# once the neuron's output g(u) is known, its slope costs one multiplication. Checked
# numerically against a central difference:

# %%
sig = ACTIVATIONS["sigmoid"]
print(f"{'u':>6} {'g(u)':>8} {'g(1-g)':>10} {'formula dg':>11} {'numerical':>11}")
for u_val in [-4.0, -1.0, 0.0, 0.5, 2.0, 6.0]:
    g_val = sig.f(u_val)
    print(f"{u_val:>6.1f} {g_val:>8.5f} {g_val * (1 - g_val):>10.6f} {sig.df(u_val):>11.6f} "
          f"{numerical_derivative(sig.f, u_val):>11.6f}")

# %% [markdown]
# The functions are written so that extreme inputs cannot overflow: sigmoid only ever calls
# exp on a non-positive number, softplus is computed as max(u, 0) + log(1 + e^-|u|).

# %%
for u_val in [-1000.0, 1000.0]:
    print(f"sigmoid({u_val:g}) = {sig.f(u_val)}   softplus({u_val:g}) = "
          f"{ACTIVATIONS['softplus'].f(u_val)}")

# %% [markdown]
# ## 3. Explorer: one neuron over the plane
#
# A neuron with two inputs, $y = g(w_1 x_1 + w_2 x_2 + b)$. The heat map shows y at every
# point (x1, x2) of the square, read off the colour bar beside it (0 to 1 for the sigmoid and
# the step, -1 to 1 for tanh, the picture's own range for the others); the dashed line is
# where $w_1 x_1 + w_2 x_2 + b = 0$, i.e. where u changes sign, and the arrow is the weight
# vector w, pointing to the side where u > 0. Try: changing b slides the line without turning
# it; scaling w1 and w2 up together keeps the line but makes the sigmoid's transition sharper
# (closer to a step); switching the activation changes the colours but never the line. The
# right panel is the activation g(u); its thick part is the range of u that the square
# actually reaches. One neuron always splits the plane along a straight line: remember that
# for the XOR question below.

# %%
explorer = NeuronExplorer(w1=1.0, w2=-1.0, b=0.5, activation="sigmoid")
print(explorer.status)
explorer.snapshot()

# %% tags=["nbval-ignore-output"]
explorer.ui

# %% [markdown]
# ## 4. Why the non-linearity matters
#
# ### Two linear layers are one linear layer
#
# Drop the activation (g(u) = u) and stack two layers. A layer of neurons computes
# $W\mathbf{x} + \mathbf{b}$, one row of W per neuron. Then
#
# $$W_2(W_1\mathbf{x} + \mathbf{b}_1) + \mathbf{b}_2 = (W_2 W_1)\,\mathbf{x} + (W_2\mathbf{b}_1 + \mathbf{b}_2),$$
#
# a single layer with weights $W_2W_1$ and bias $W_2\mathbf{b}_1 + \mathbf{b}_2$. However many
# linear layers we stack, the network stays one linear function. With numbers (3 inputs, 4
# hidden neurons, 2 outputs):

# %%
rng = np.random.default_rng(5)
W1, b1 = rng.integers(-3, 4, size=(4, 3)).astype(float), rng.integers(-2, 3, size=4).astype(float)
W2, b2 = rng.integers(-3, 4, size=(2, 4)).astype(float), rng.integers(-2, 3, size=2).astype(float)
W, b_total = compose_linear(W1, b1, W2, b2)
print(f"W1 =\n{W1}\nb1 = {b1}\n")
print(f"W2 =\n{W2}\nb2 = {b2}\n")
print(f"one layer: W = W2 W1 =\n{W}\nb = W2 b1 + b2 = {b_total}")

# %%
x_test = np.array([1.0, -2.0, 0.5])
two_layers = linear_layer(linear_layer(x_test, W1, b1), W2, b2)
one_layer = linear_layer(x_test, W, b_total)
print(f"x = {x_test}")
print(f"two layers: {two_layers}")
print(f"one layer : {one_layer}")
print(f"equal: {np.allclose(two_layers, one_layer)}")

# %% [markdown]
# ### XOR: one neuron cannot, two hidden neurons can
#
# XOR ("exclusive or") is 1 when exactly one of its two inputs is 1. Can a single neuron,
# thresholded at 1/2, compute it? Its output is above 1/2 exactly on one side of the line
# $w_1x_1 + w_2x_2 + b = 0$ (for sigmoid or step, which increase), so the question is whether
# a straight line separates {(0,1), (1,0)} from {(0,0), (1,1)}. It cannot:
#
# * we would need $u > 0$ at (0,1) and (1,0): $w_2 + b > 0$ and $w_1 + b > 0$; adding them,
#   $w_1 + w_2 + 2b > 0$;
# * and $u < 0$ at (0,0) and (1,1): $b < 0$ and $w_1 + w_2 + b < 0$; adding them,
#   $w_1 + w_2 + 2b < 0$. Contradiction.
#
# Two computer checks agree. First, brute force: every (w1, w2, b) on a grid from -3 to 3 in
# steps of 0.25 (15,625 neurons); the best one still gets one of the four cases wrong.
# Second, a linear program asks for the largest margin m such that some line (weights and
# bias in [-1, 1]) puts the 1-cases at u >= m and the 0-cases at u <= -m: for XOR the best
# margin is 0, no room at all. AND and OR, for comparison:

# %%
print(f"{'function':<6} {'labels':<14} {'best accuracy (grid)':>21} {'LP margin':>10}")
for fname, labels in [("AND", [0, 0, 0, 1]), ("OR", [0, 1, 1, 1]), ("XOR", XOR_LABELS)]:
    labels = np.asarray(labels, dtype=float)
    best, _ = single_neuron_search(XOR_INPUTS, labels)
    print(f"{fname:<6} {str(labels.astype(int)):<14} {best:>21.2f} "
          f"{separation_margin(XOR_INPUTS, labels):>10.4f}")

# %% [markdown]
# Now add a hidden layer of two sigmoid neurons. Hand-set weights: h1 is an OR detector
# (on when x1 + x2 > 0.5), h2 an AND detector (on when x1 + x2 > 1.5), and the output neuron
# fires when h1 is on but h2 is not, "OR but not AND", which is XOR. The weights are large
# (20) so each sigmoid is nearly a step:

# %%
W_hidden = np.array([[20.0, 20.0],    # h1: OR
                     [20.0, 20.0]])   # h2: AND
b_hidden = np.array([-10.0, -30.0])
w_out, b_out = np.array([20.0, -20.0]), -10.0
H = ACTIVATIONS["sigmoid"].f(XOR_INPUTS @ W_hidden.T + b_hidden)
Y = xor_network(XOR_INPUTS, W_hidden, b_hidden, w_out, b_out)
print(f"{'x1':>3} {'x2':>3} | {'h1 (OR)':>8} {'h2 (AND)':>9} | {'y':>7} {'rounded':>8} {'XOR':>4}")
for (x1, x2), (h1, h2), y, t in zip(XOR_INPUTS, H, Y, XOR_LABELS, strict=True):
    print(f"{x1:>3.0f} {x2:>3.0f} | {h1:>8.4f} {h2:>9.4f} | {y:>7.4f} {round(y):>8d} {t:>4.0f}")

# %% [markdown]
# The hidden neurons bent the input space: in the (h1, h2) coordinates the four cases become
# (0,0), (1,0), (1,0), (1,1), and there one straight line does separate the middle from the
# ends. That bending is impossible without a non-linear activation, because (section above)
# linear layers only ever produce one linear function.
#
# ## 5. A network is just a large function
#
# A classifier of 28 x 28 pixel images of digits takes 784 inputs (one per pixel), has, say,
# one hidden layer of 100 neurons, and 10 outputs (one score per digit). Each neuron of a layer
# has one weight per input and one bias, so a layer from n_in to n_out neurons has
# n_in * n_out + n_out parameters:

# %%
sizes = [28 * 28, 100, 10]
total = 0
for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
    count = n_in * n_out + n_out
    total += count
    print(f"layer {n_in:>3} -> {n_out:>3}: {n_in} * {n_out} + {n_out} = {count:>6,}")
print(f"total: {total:,} parameters (parameter_count gives {parameter_count(sizes):,})")

# %% [markdown]
# So this small network is a function of 784 inputs with 79,510 knobs. Training means finding
# good values for all of them at once, and lesson 06 turns that into "minimise a function",
# which lessons 02-04 taught us to do.
#
# ## Exercises
#
# Type an answer in place of `None`, or write the function the exercise asks for, and run the
# cell: the checker says *right* or *not yet* with a hint (a second try gets a more specific
# hint). The worked solution sits in the collapsed cell under each exercise.
#
# **Exercise 1.** A neuron has weights w = (2, -1, 0.5), bias b = -1 and the sigmoid
# activation. What is its output y for x = (1, 3, 2)? (to 4 decimals)

# %%
answer = None   # replace None with your answer
check("05.1", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): u = 2*1 + (-1)*3 + 0.5*2 + (-1) = -1,
# and y = sigmoid(-1) = 1 / (1 + e^1), about 0.2689.
check("05.1", 1 / (1 + np.exp(-(2 * 1 + (-1) * 3 + 0.5 * 2 - 1))))

# %% [markdown]
# **Exercise 2.** How many parameters (weights and biases) does a fully connected network with
# layer sizes 10 -> 5 -> 5 -> 1 have? (a whole number)

# %%
answer = None   # replace None with your answer
check("05.2", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): per layer n_in * n_out weights + n_out biases:
# (10*5 + 5) + (5*5 + 5) + (5*1 + 1) = 55 + 30 + 6 = 91.
check("05.2", (10 * 5 + 5) + (5 * 5 + 5) + (5 * 1 + 1))

# %% [markdown]
# **Exercise 3.** At some u the sigmoid has the value g(u) = 0.8. What is its derivative g'(u)
# there? (to 4 decimals)

# %%
answer = None   # replace None with your answer
check("05.3", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): g'(u) = g(u) (1 - g(u)) = 0.8 * 0.2 = 0.16;
# u itself is never needed.
check("05.3", 0.8 * (1 - 0.8))

# %% [markdown]
# **Exercise 4 (code).** The forward pass of one neuron. Write `neuron_output(x, w, b, g)`:
# $y = g(\mathbf{w} \cdot \mathbf{x} + b)$ for inputs `x` and weights `w` of any (equal)
# length, a bias `b` and an activation function `g`. The checker passes the lesson's
# activations as `g` (sigmoid, ReLU, tanh, linear) and compares with the course's `neuron`.

# %%
def neuron_output(x, w, b, g):
    # your code here: return y
    raise NotImplementedError


check("05.4", neuron_output)


# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): the weighted sum is one number; the activation comes
# after it, once.
def neuron_output(x, w, b, g):
    u = sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b
    return g(u)


check("05.4", neuron_output)

# %% [markdown]
# **Exercise 5 (predict, then move the slider).** In the explorer of section 3, keep
# w1 = 1, w2 = −1, b = 0.5. Before you switch the activation to `relu`: what will the neuron
# output at the corner (x1, x2) = (−2, 2), the top-left corner of the picture? (to 2
# decimals) Check here, then switch and look at the colour there.

# %%
answer = None   # replace None with your prediction
check("05.5", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): u = 1*(-2) + (-1)*2 + 0.5 = -3.5 < 0, and ReLU is 0 for
# every negative u: the whole half-plane on that side of the boundary is flat 0 (the sigmoid
# would give 0.03 there, small but not 0).
u_corner = 1 * (-2) + (-1) * 2 + 0.5
check("05.5", max(0.0, u_corner))
