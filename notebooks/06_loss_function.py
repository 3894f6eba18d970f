# %% [markdown]
# # Lesson 06: the loss function (損失函數)
#
# **What you will learn.** Lesson 05 built the model: a function with inputs and unknown
# parameters (weights and biases). This lesson makes the move that turns training into
# "find the minimum of a function": put a training example's inputs and label (訓練樣例,
# 標籤) into the model and compare its output with the label. What is left is a function of
# the *parameters* alone, the loss. You will do this transformation with sympy, compare the
# usual loss forms (absolute error, squared error, cross-entropy (交叉熵)) and their
# gradients, fit a line by hand with sliders, and then let gradient descent (梯度下降) from
# lessons 03-04 find the same line, the least-squares answer. Finally you will see why one
# example is not enough: its loss has a whole valley of minima, and only the sum over many
# examples pins the parameters down.
#
# [Course map](00_course_map.ipynb) · previous: [Lesson 05, the neuron](05_neuron.ipynb) ·
# next: [Lesson 07, back-propagation](07_backpropagation.ipynb)
#
# **繁體中文:** This lesson in Traditional Chinese: [繁體中文版](zh-Hant/06_loss_function.ipynb)

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
import sympy as sp

from ann_helpers.descent import gradient_descent
from ann_helpers.exercises import check
from ann_helpers.explorers.loss import LossFitExplorer
from ann_helpers.losses import (
    LOSSES,
    cross_entropy_logits,
    cross_entropy_logits_grad,
    example_data,
    least_squares_line,
    line_loss,
    line_loss_grad,
    line_loss_surface,
    one_hot,
    softmax,
    symbolic_example_loss,
)
from ann_helpers.plotting import COLORS, break_at, contour_2d, new_figure, path_2d, show

# %% [markdown]
# ## 1. Two functions: the model and the loss
#
# The same formula can be read two ways. Take a model $f(x_1, x_2) = a x_1 + b x_2 + c$.
#
# * As the **target function (目標函數)**, the model, a, b, c are fixed numbers and
#   x1, x2 vary: feed it any input and it predicts an output.
# * As the **loss function**, the inputs and the label are fixed numbers (a training example)
#   and a, b, c vary: it says how wrong the model with *these* parameters is on *that*
#   example.
#
# | | target (model) function 目標函數 | loss function 損失函數 |
# |---|---|---|
# | form | $\hat y = f(\mathbf{x}; \mathbf{w})$, e.g. $a x_1 + b x_2 + c$, or a network | $L(\mathbf{w}) = \ell(f(\mathbf{x}; \mathbf{w}), y)$, e.g. $\tfrac12(f - y)^2$ |
# | how it is built | we choose an architecture: neurons, layers, activations | substitute a training example's inputs and label into the model and compare output with label |
# | its variables | the inputs $\mathbf{x}$ (the parameters are constants) | the parameters $\mathbf{w}$ (inputs and label are constants) |
# | what its value means | a prediction: a number, or class probabilities | the error: never negative, 0 when the prediction is exactly right |
# | its role | used after training, to predict | used during training: we minimise it over the parameters |
#
# One formula, both readings (with numbers):

# %%
def f(x1, x2, a, b, c):
    """The model: a x1 + b x2 + c."""
    return a * x1 + b * x2 + c


params = (0.5, 1.0, -1.0)                     # a, b, c fixed: the target function of x
print("as the target function (a, b, c = 0.5, 1.0, -1.0 fixed):")
for x1, x2 in [(1.0, 2.0), (0.0, 0.0), (3.0, -1.0)]:
    print(f"  x = ({x1:4.1f}, {x2:4.1f})  ->  prediction {f(x1, x2, *params):7.3f}")

x1, x2, y = 1.0, 2.0, 3.0                     # one training example fixed: the loss of a, b, c
print(f"\nas the loss (example x = ({x1}, {x2}), label y = {y} fixed):")
for a, b, c in [(0.5, 1.0, -1.0), (1.0, 1.0, 0.0), (0.0, 0.0, 0.0)]:
    L = 0.5 * (f(x1, x2, a, b, c) - y) ** 2
    print(f"  (a, b, c) = ({a:4.1f}, {b:4.1f}, {c:4.1f})  ->  loss {L:7.3f}")

# %% [markdown]
# ## 2. The transformation, symbolically
#
# sympy does the substitution for us: start from the model with symbols, put in the example
# x1 = 1, x2 = 2 with label y = 3, and the squared-error loss $\tfrac12(f - y)^2$ becomes an
# expression in a, b, c alone. Its partial derivatives (偏導數) are what gradient descent
# needs.

# %%
a, b, c = sp.symbols("a b c")
L1, grads1 = symbolic_example_loss(x1=1, x2=2, y=3)
print("model:      f(x1, x2) = a*x1 + b*x2 + c")
print("example:    x1 = 1, x2 = 2, label y = 3")
print(f"loss:       L(a, b, c) = {sp.factor(L1)}")
print(f"expanded:   L(a, b, c) = {L1}")
print(f"variables:  {sorted(map(str, L1.free_symbols))}")
for name, g in zip("abc", grads1, strict=True):
    print(f"dL/d{name} = {g}")

# %% [markdown]
# Where are the minima? Every partial derivative is a multiple of $a + 2b + c - 3$, so the
# gradient is zero on the whole plane $a + 2b + c = 3$: one example leaves two of the three
# parameters free. Each further example adds a constraint; sum the losses of three examples
# and the gradient vanishes at exactly one point:

# %%
print("minima of one example's loss:", sp.solve(grads1, [a, b, c], dict=True))
examples = [(1, 2, 3), (2, 0, 1), (0, 1, 2)]
L_sum = sum(symbolic_example_loss(*e)[0] for e in examples)
grads_sum = [sp.diff(L_sum, p) for p in (a, b, c)]
print(f"summed loss over {len(examples)} examples:", sp.expand(L_sum))
print("minima of the summed loss:", sp.solve(grads_sum, [a, b, c], dict=True))

# %% [markdown]
# ## 3. The loss forms and their gradients
#
# For one prediction $\hat y$ and label $y$:
#
# * absolute error $|\hat y - y|$, gradient $\operatorname{sign}(\hat y - y)$;
# * squared error $\tfrac12(\hat y - y)^2$, gradient $\hat y - y$ (the 1/2 cancels the 2 of
#   the square). This is the form the article works with, under the name mean squared error
#   (均方誤差). Its formula carries a sum, and the article says why: a network can have
#   **several outputs** (for a classifier, one per class), so the loss of one example adds
#   $\tfrac12(\hat y_k - y_k)^2$ over the outputs k (lesson 07's network has two). Adding up
#   the losses of many *examples* is a separate step that the article takes at its end
#   (lesson 08); divided by the number of terms, the sum becomes a mean;
# * cross-entropy for classes: $-\sum_k y_k \log \hat y_k$ with a one-hot label y and
#   predicted probabilities $\hat y$. If the right class gets probability p, the loss is
#   $-\log p$, gradient $-1/p$.
#
# Below, label y = 1 (for cross-entropy: the right class), the loss on top and its gradient
# with respect to the prediction underneath.

# %%
y_label = 1.0
y_hat = np.linspace(-1.0, 3.0, 401)
p = np.linspace(0.02, 1.0, 400)
forms = [
    ("absolute_error", y_hat, [LOSSES["absolute_error"].f(v, y_label) for v in y_hat],
     [LOSSES["absolute_error"].grad(v, y_label) for v in y_hat], r"prediction $\hat y$"),
    ("squared_error", y_hat, [LOSSES["squared_error"].f(v, y_label) for v in y_hat],
     [LOSSES["squared_error"].grad(v, y_label) for v in y_hat], r"prediction $\hat y$"),
    ("cross_entropy", p, [LOSSES["cross_entropy"].f([v, 1 - v], [1.0, 0.0]) for v in p],
     [LOSSES["cross_entropy"].grad([v, 1 - v], [1.0, 0.0])[0] for v in p],
     r"probability $p$ of the right class"),
]
TITLES = {  # the formulas, typeset (plotting extra)
    "absolute_error": r"absolute error $|\hat y - y|$",
    "squared_error": r"squared error $\frac{1}{2}(\hat y - y)^2$",
    "cross_entropy": r"cross-entropy $-\log p$ (one-hot label)",
}
fig, axes = new_figure(ncols=3, nrows=2, size=(11.0, 5.0))
for col, (name, t, L, dL, xlabel) in enumerate(forms):
    axes[0, col].plot(t, L, color=COLORS["curve"])
    axes[0, col].set_title(TITLES[name], fontsize=10)
    if name == "absolute_error":   # the gradient jumps from -1 to +1 at y_hat = y: no stroke
        t, dL = break_at(t, dL, y_label)
    axes[1, col].plot(t, dL, color=COLORS["path"])
    axes[1, col].set_xlabel(xlabel)
axes[1, 2].set_ylim(-20, 1)
axes[0, 0].set_ylabel("loss $L$")
axes[1, 0].set_ylabel(r"gradient $\partial L/\partial \hat y$ (right: $\partial L/\partial p$)")
show(fig)

# %% [markdown]
# **Why squared error is smooth at the minimum and absolute error is not.** The squared
# error's gradient is the residual itself, so it shrinks to 0 as the prediction approaches the
# label: the bottom of the parabola is flat and gradient descent takes smaller and smaller
# steps. The absolute error is a V: its gradient is -1 on one side and +1 on the other, with a
# jump at the minimum, where the derivative does not exist. Close to the label it still says
# "full speed ahead", so a fixed learning rate overshoots and bounces. With numbers:

# %%
print(f"{'residual':>9} {'grad squared':>13} {'grad absolute':>14}")
for r in [-0.1, -0.01, -0.001, 0.001, 0.01, 0.1]:
    print(f"{r:>9.3f} {LOSSES['squared_error'].grad(y_label + r, y_label):>13.4f} "
          f"{LOSSES['absolute_error'].grad(y_label + r, y_label):>14.4f}")

# %%
for name in ["squared_error", "absolute_error"]:
    run = gradient_descent(lambda v, name=name: LOSSES[name].grad(v, y_label), x0=0.05, lr=0.3,
                           steps=200, tol=1e-8)
    last = ", ".join(f"{v:.2f}" for v in run.points[-4:])
    print(f"{name:<15} from y_hat = 0.05, lr 0.3: {run.status:<12} last points {last}")

# %% [markdown]
# Cross-entropy is used for classification, with the network's raw outputs z (logits) turned
# into probabilities by softmax, $\hat y_k = e^{z_k} / \sum_j e^{z_j}$. Taken together, the
# gradient with respect to the logits is simply softmax(z) - onehot. Computed through
# log-sum-exp it stays finite even for absurd logits:

# %%
z = np.array([2.0, 1.0, 0.1])
label = one_hot(0, 3)
print(f"logits z       = {z}")
print(f"softmax(z)     = {np.round(softmax(z), 4)}")
print(f"label (onehot) = {label}")
print(f"cross-entropy  = {cross_entropy_logits(z, label):.4f}")
print(f"dL/dz          = {np.round(cross_entropy_logits_grad(z, label), 4)}")
z_big = 500 * z
print(f"\nlogits 500 z: softmax = {np.round(softmax(z_big), 4)}, "
      f"loss for class 2 = {cross_entropy_logits(z_big, one_hot(2, 3)):.1f}")

# %% [markdown]
# ## 4. Fit it by hand
#
# Eight data points and the model $\hat y = w x + b$, a line with two parameters. The loss is
# the summed squared error over all eight examples, $L(w, b) = \tfrac12\sum_i (w x_i + b -
# y_i)^2$. The vermillion segments are the residuals $\hat y_i - y_i$; the right panel shows L over
# the (w, b) plane, your current choice as a green dot and the minimum as a vermillion star. Move the
# sliders and try to reach the star; switch to the absolute error to see its (different)
# best line.

# %%
explorer = LossFitExplorer(w=0.2, b=2.5, loss="squared_error")
print(explorer.status)
explorer.snapshot()

# %% tags=["nbval-ignore-output"]
explorer.ui

# %% [markdown]
# ## 5. Gradient descent finds the parameters
#
# By the chain rule (鏈式求導法則, lesson 07 in full) the gradient of the summed loss is
# $\partial L/\partial w = \sum_i (\hat y_i - y_i)\,x_i$ and $\partial L/\partial b =
# \sum_i (\hat y_i - y_i)$. Hand it to the gradient descent of lessons 03-04, from the
# explorer's start (0.2, 2.5):

# %%
x_data, y_data = example_data()
print(f"{'i':>2} {'x_i':>6} {'y_i':>7}")
for i, (xi, yi) in enumerate(zip(x_data, y_data, strict=True)):
    print(f"{i:>2} {xi:>6.3f} {yi:>7.3f}")


def loss(params):
    return line_loss(params, x_data, y_data)


def grad(params):
    return line_loss_grad(params, x_data, y_data)


start = [0.2, 2.5]
run = gradient_descent(grad, start, lr=0.03, steps=5000, tol=1e-8, f=loss)
print(f"\nlr = 0.03: {run.message}")
print(f"loss {run.values[0]:.4f} at the start -> {run.values[-1]:.6f} at the end")

# %% [markdown]
# Least squares has a closed-form answer, which `numpy.linalg.lstsq` computes from the matrix
# with rows $(x_i, 1)$. Gradient descent landed on it:

# %%
w_ls, b_ls = least_squares_line(x_data, y_data)
w_gd, b_gd = run.points[-1]
print(f"{'':<24} {'w':>10} {'b':>10} {'loss':>10}")
print(f"{'gradient descent':<24} {w_gd:>10.6f} {b_gd:>10.6f} {loss([w_gd, b_gd]):>10.6f}")
print(f"{'numpy.linalg.lstsq':<24} {w_ls:>10.6f} {b_ls:>10.6f} {loss([w_ls, b_ls]):>10.6f}")
print(f"largest difference: {max(abs(w_gd - w_ls), abs(b_gd - b_ls)):.1e}")

# %% [markdown]
# The learning rate (學習率) matters as in lesson 04: this loss is a bowl much steeper along
# one direction than the other, and a step a little too large diverges.

# %%
for lr in [0.01, 0.03, 0.04]:
    r = gradient_descent(grad, start, lr=lr, steps=5000, tol=1e-8, f=loss)
    print(f"lr = {lr:<5} {r.message}")

# %% [markdown]
# ## 6. The loss surface, one example versus all of them
#
# Left: the summed loss over the eight examples as level curves over (w, b), with the descent
# path from the green start; it is a bowl with a single lowest point. Right: the loss of one example alone,
# $\tfrac12(w x_5 + b - y_5)^2$. It is zero along the whole line $w x_5 + b = y_5$ (dashed):
# every line through that one data point fits it perfectly. Descent on this loss from two
# different starts stops at two different "answers".

# %%
i = 5
one_x, one_y = x_data[i:i + 1], y_data[i:i + 1]


def grad_one(params):
    return line_loss_grad(params, one_x, one_y)


starts = [[0.2, 2.5], [2.5, -1.5]]
runs_one = [gradient_descent(grad_one, s, lr=0.05, steps=2000, tol=1e-8) for s in starts]

print(f"one example (x_{i} = {one_x[0]:.3f}, y_{i} = {one_y[0]:.3f}):")
for s, r in zip(starts, runs_one, strict=True):
    w_end, b_end = r.points[-1]
    print(f"  start {s} -> w = {w_end:.4f}, b = {b_end:.4f}, its loss "
          f"{line_loss([w_end, b_end], one_x, one_y):.2e}, loss on all eight "
          f"{loss([w_end, b_end]):.4f}")
runs_all = [gradient_descent(grad, s, lr=0.03, steps=5000, tol=1e-8) for s in starts]
print("all eight examples:")
for s, r in zip(starts, runs_all, strict=True):
    print(f"  start {s} -> w = {r.points[-1][0]:.4f}, b = {r.points[-1][1]:.4f}")

# %%
W_LIM, B_LIM = (-1.0, 3.0), (-2.0, 4.0)
fig, (ax_all, ax_one) = new_figure(ncols=2, size=(10.0, 4.2))
cs_all = contour_2d(ax_all, lambda W, B: line_loss_surface(W, B, x_data, y_data), W_LIM,
                    B_LIM, levels=np.geomspace(0.35, 60, 12))
for r in runs_all:
    path_2d(ax_all, r.points, markersize=2)
ax_all.plot([w_ls], [b_ls], marker="*", markersize=16, color="black", linestyle="none",
            zorder=5, label="least squares (lstsq)")
ax_all.set_title("sum over 8 examples: one minimum", fontsize=10)
cs_one = contour_2d(ax_one, lambda W, B: line_loss_surface(W, B, one_x, one_y), W_LIM,
                    B_LIM, levels=np.geomspace(0.02, 20, 10))
w_line = np.array(W_LIM)
ax_one.plot(w_line, one_y[0] - one_x[0] * w_line, color="black", linestyle="--",
            label=f"$w x_{i} + b = y_{i}$: loss 0")
for r in runs_one:
    path_2d(ax_one, r.points, markersize=3)
ax_one.set_title(f"example {i} alone: a valley of minima", fontsize=10)
for ax, cs in ((ax_all, cs_all), (ax_one, cs_one)):
    fig.colorbar(cs, ax=ax, shrink=0.85, format="{x:.3g}").set_label("loss $L$ on the level curves")
    for s in starts:
        ax.plot(*s, marker="o", markersize=8, color=COLORS["start"], linestyle="none", zorder=4)
    ax.set_aspect("auto")
    ax.set_xlabel("$w$")
    ax.set_ylabel("$b$")
    ax.legend(loc="lower left", fontsize=8)
show(fig)

# %% [markdown]
# This is why training sums (or averages) the losses of many examples into one loss and
# minimises that: each example alone is satisfied by a whole family of parameters, and only
# together do they agree on one answer. Lesson 07 computes the gradient of such a loss for a
# real network, with the chain rule and back-propagation (誤差反向傳播).
#
# ## Exercises
#
# Type an answer in place of `None`, or write the function the exercise asks for, and run the
# cell: the checker says *right* or *not yet* with a hint (a second try gets a more specific
# hint). The worked solution sits in the collapsed cell under each exercise.
#
# **Exercise 1.** Predictions y_hat = (2, 0.5, 3), labels y = (1.5, 1, 3). What is the
# squared-error loss $L = \tfrac12\sum(\hat y - y)^2$? (to 4 decimals)

# %%
answer = None   # replace None with your answer
check("06.1", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): the differences are 0.5, -0.5 and 0; their squares add up
# to 0.5, and half of that is 0.25.
check("06.1", 0.5 * ((2 - 1.5) ** 2 + (0.5 - 1) ** 2 + (3 - 3) ** 2))

# %% [markdown]
# **Exercise 2.** The model $f(x_1, x_2) = a x_1 + b x_2 + c$ meets one training example
# x1 = 2, x2 = -1 with label y = 4, and $L(a, b, c) = \tfrac12(f - y)^2$. What is
# $\partial L/\partial a$ at a = b = c = 1? (a whole number)

# %%
answer = None   # replace None with your answer
check("06.2", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): f = 1*2 + 1*(-1) + 1 = 2, so f - y = -2; by the chain rule
# dL/da = (f - y) * df/da = (f - y) * x1 = -2 * 2 = -4.
check("06.2", (1 * 2 + 1 * (-1) + 1 - 4) * 2)

# %% [markdown]
# **Exercise 3.** A classifier's logits are z = (2, 1, 0) and the right class is the first.
# Give the gradient dL/dz of the softmax cross-entropy loss (three numbers, to 3 decimals).

# %%
answer = None   # replace None with your answer
check("06.3", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): softmax(z) = e^z / sum e^z = (0.665, 0.245, 0.090);
# subtract the one-hot label (1, 0, 0): dL/dz = (-0.335, 0.245, 0.090).
e = np.exp([2.0, 1.0, 0.0])
check("06.3", e / e.sum() - np.array([1.0, 0.0, 0.0]))

# %% [markdown]
# **Exercise 4 (code).** The loss and its gradient, as a function. Write
# `loss_and_gradient(a, b, c, x1, x2, y)`: for the model $f = a x_1 + b x_2 + c$ and one
# example $(x_1, x_2, y)$, return $L = \tfrac12 (f - y)^2$ and its gradient
# $[\partial L/\partial a, \partial L/\partial b, \partial L/\partial c]$:
# `return L, [dL_da, dL_db, dL_dc]`. The checker compares with the course's sympy
# derivation (`symbolic_example_loss`) on four examples, one fitted exactly.

# %%
def loss_and_gradient(a, b, c, x1, x2, y):
    # your code here: return L, [dL_da, dL_db, dL_dc]
    raise NotImplementedError


check("06.4", loss_and_gradient)


# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): the error e = f - y appears everywhere; the chain rule
# multiplies it by df/da = x1, df/db = x2, df/dc = 1.
def loss_and_gradient(a, b, c, x1, x2, y):
    e = a * x1 + b * x2 + c - y
    return 0.5 * e**2, [e * x1, e * x2, e]


check("06.4", loss_and_gradient)

# %% [markdown]
# **Exercise 5 (predict, then move the slider).** In the explorer of section 4, set
# w = 0.80 and b = 1.10: the status says the line is at the minimum (to slider precision).
# Now raise w to 1.00 and leave b at 1.10. Before you move b: to lower L again, should b go
# `"up"`, `"down"`, or `"stay"` (1.10 is still the best b)? Check here, then move b one step
# each way and compare the L in the status line.

# %%
answer = None   # replace None with "up", "down" or "stay"
check("06.5", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): raising w by 0.2 with b fixed adds 0.2 x_i to every
# prediction, so the line now lies above most points and dL/db, the sum of the residuals
# (section 5), is positive: a step against the gradient lowers b. This is why the level
# curves in the explorer's right panel are tilted: a steeper line wants a lower intercept.
r = (1.00 * x_data + 1.10) - y_data
print(f"at w = 1.00, b = 1.10: dL/db = sum of the residuals = {r.sum():.2f}")
print(f"the best b for w = 1.00 (mean of y_i - w x_i): {np.mean(y_data - 1.00 * x_data):.2f}")
check("06.5", "down" if r.sum() > 0 else "up")
