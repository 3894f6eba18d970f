# %% [markdown]
# # 07 The chain rule and back-propagation on a four-neuron network
#
# **In this lesson you will** take the article's small network (two inputs, two sigmoid
# neurons in the middle, two output neurons), push one training example through it and write
# down every intermediate number; then find the derivative of the loss with respect to each
# of its twelve parameters with the chain rule (鏈式求導法則). You will see that a weight near
# the output has one chain to the loss, a weight near the input has two that must be added,
# and that the second kind reuses pieces already computed for the first. Keeping those pieces
# and working from the back to the front is error back-propagation (誤差反向傳播, BP). At the
# end you count what that reuse saves, take one gradient-descent step, and train the network
# on the example with a learning-rate slider.
#
# [Course map](00_course_map.ipynb) · next: [08 Training on many examples](08_training_strategies.ipynb)
#
# **繁體中文:** This lesson in Traditional Chinese: [繁體中文版](zh-Hant/07_backpropagation.ipynb)

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
from ann_helpers.backprop import chain_rule_cost
from ann_helpers.calculus import numerical_derivative
from ann_helpers.exercises import check
from ann_helpers.explorers.backprop import (
    COST_NETWORKS,
    BackpropStepsExplorer,
    OneExampleExplorer,
    cost_figure,
    forward_rows,
    gradient_table,
    network_figure,
)
from ann_helpers.network import (
    LESSON_PARAMS,
    LESSON_X,
    LESSON_Y,
    PARAM_NAMES,
    TinyNet,
    gradient_cost,
)
from ann_helpers.plotting import show

# %% [markdown]
# ## 1. The network
#
# Two inputs $x_1, x_2$; two hidden neurons with the sigmoid activation $g$; two output
# neurons with no activation at all (the article's choice: $o(u) = u$):
#
# $$h_1 = g(\underbrace{w_1 x_1 + w_2 x_2 + b_1}_{u_1}), \qquad
#   h_2 = g(\underbrace{w_3 x_1 + w_4 x_2 + b_2}_{u_2})$$
# $$\hat y_1 = o(\underbrace{w_5 h_1 + w_6 h_2 + b_3}_{u_3}), \qquad
#   \hat y_2 = o(\underbrace{w_7 h_1 + w_8 h_2 + b_4}_{u_4})$$
#
# and the loss (損失函數) of one training example (訓練樣例) with label (標籤) $(y_1, y_2)$ is the
# squared error with a factor one half:
#
# $$L = \tfrac12 \left[(y_1 - \hat y_1)^2 + (y_2 - \hat y_2)^2\right].$$
#
# Once the example is fixed, $L$ is a function of the twelve parameters $w_1 \dots w_8$,
# $b_1 \dots b_4$ alone (lesson 06), and training means walking downhill in that
# twelve-dimensional space. The article gives no numbers, so the lesson picks some:

# %%
net = TinyNet(LESSON_PARAMS)
L = net.loss(LESSON_X, LESSON_Y)
print(f"example: x = {LESSON_X}, label y = {LESSON_Y}")
print("parameters: " + ", ".join(f"{k} = {LESSON_PARAMS[k]:g}" for k in PARAM_NAMES))

# %%
show(network_figure(net))

# %% [markdown]
# ## 2. The forward pass, number by number
#
# Computing the output means going from the front to the back. Every intermediate value is
# kept: back-propagation will need them.

# %%
print(f"{'quantity':<8}  {'formula':<40}  {'value':>9}")
for name, formula, value in forward_rows(net):
    print(f"{name:<8}  {formula:<40}  {value:>9.4f}")

# %% [markdown]
# ## 3. A weight next to the output: one chain
#
# $w_5$ reaches the loss along a single path: $w_5 \to u_3 \to \hat y_1 \to L$. The chain rule
# multiplies the local derivatives along it:
#
# $$\frac{\partial L}{\partial w_5}
#   = \frac{\partial L}{\partial \hat y_1}\cdot\frac{\partial \hat y_1}{\partial u_3}\cdot
#     \frac{\partial u_3}{\partial w_5}
#   = (\hat y_1 - y_1)\cdot o'(u_3)\cdot h_1,$$
#
# with $o'(u_3) = 1$ for the identity output. Each factor is a number we already have.
# The first two together, $\delta_3 = \partial L / \partial u_3$, belong to the output neuron,
# not to the weight: write them down once.

# %%
grads = net.backward(LESSON_X, LESSON_Y)
v, t = net.values, net.terms
print(f"dL/dy1_hat  = y1_hat - y1      = {v['y1_hat']:.4f} - {v['y1']:.4f} = {t['dL_dy1_hat']:+.6f}")
print(f"dy1_hat/du3 = o'(u3)           = {1.0:.6f}")
print(f"delta3      = dL/du3           = {t['delta3']:+.6f}   (stored)")
print(f"du3/dw5     = h1               = {v['h1']:.6f}")
print(f"dL/dw5      = delta3 * h1      = {grads['w5']:+.6f}")


def loss_at(name, value):
    """L with one parameter changed, the others as in the lesson."""
    return TinyNet({**LESSON_PARAMS, name: value}).loss(LESSON_X, LESSON_Y)


print(f"numerically (central difference): {numerical_derivative(lambda w: loss_at('w5', w), LESSON_PARAMS['w5']):+.6f}")

# %% [markdown]
# The hidden neurons bring in sigmoid's derivative. It can be written with the sigmoid's own
# value, $g'(u) = g(u)\,(1 - g(u))$, so $g'(u_1) = h_1 (1 - h_1)$: a number we also kept
# from the forward pass, no new exponential needed.

# %%
u1, h1 = v["u1"], v["h1"]
print(f"h1 (1 - h1)               = {h1 * (1 - h1):.8f}")
print(f"g'(u1) from activations   = {ACTIVATIONS['sigmoid'].df(u1):.8f}")
print(f"g'(u1) central difference = {numerical_derivative(ACTIVATIONS['sigmoid'].f, u1):.8f}")

# %% [markdown]
# ## 4. A weight next to the input: two chains, summed
#
# $w_1$ changes $u_1$, hence $h_1$, and $h_1$ feeds **both** outputs. So $w_1$ reaches $L$ along
# two paths, one through $\hat y_1$ and one through $\hat y_2$, and the chain rule adds them:
#
# $$\frac{\partial L}{\partial w_1}
#   = \Big[\underbrace{(\hat y_1 - y_1)\, o'(u_3)}_{\color{#D55E00}{\delta_3}}\, w_5
#   + \underbrace{(\hat y_2 - y_2)\, o'(u_4)}_{\color{#D55E00}{\delta_4}}\, w_7\Big]
#     \cdot h_1 (1 - h_1) \cdot x_1 .$$
#
# The coloured factors, $\delta_3$ and $\delta_4$, are exactly the ones already computed for $w_5$ and
# $w_7$. A program keeps them and reuses them here instead of recomputing the whole chain
# from $L$: that is all back-propagation is.

# %%
chain_1 = t["delta3"] * LESSON_PARAMS["w5"] * t["g_prime_1"] * v["x1"]
chain_2 = t["delta4"] * LESSON_PARAMS["w7"] * t["g_prime_1"] * v["x1"]
print(f"delta3 = {t['delta3']:+.6f}   <- stored while computing dL/dw5, reused")
print(f"delta4 = {t['delta4']:+.6f}   <- stored while computing dL/dw7, reused")
print(f"g'(u1) = h1 (1 - h1) = {t['g_prime_1']:.6f}, x1 = {v['x1']:g}")
print(f"chain through y1_hat: delta3 * w5 * g'(u1) * x1 = {chain_1:+.6f}")
print(f"chain through y2_hat: delta4 * w7 * g'(u1) * x1 = {chain_2:+.6f}")
print(f"dL/dw1 = sum of the two chains              = {chain_1 + chain_2:+.6f}")
print(f"dL/dw1 from TinyNet.backward                = {grads['w1']:+.6f}")
print(f"numerically (central difference)            = {numerical_derivative(lambda w: loss_at('w1', w), LESSON_PARAMS['w1']):+.6f}")

# %% [markdown]
# The two chains nearly cancel here: increasing $h_1$ would help $\hat y_1$ (too small) and
# hurt $\hat y_2$ (too large) by almost the same amount, so $w_1$ barely matters right now.
# A single chain would have told the wrong story.
#
# ## 5. All twelve gradients, checked
#
# `TinyNet.backward` computes every partial derivative (偏導數) this way, from the back to the
# front. Beside each one: a numerical estimate by central differences (Richardson-refined,
# see `ann_helpers.network.gradient_check`) and the relative error between them.

# %%
rows = gradient_table(net, LESSON_X, LESSON_Y)
print(f"{'param':<6} {'value':>6}  {'backprop dL/dp':>15}  {'numerical':>15}  {'rel. error':>10}")
for name, analytic, numerical, error in rows:
    shown = f"{error:.1e}" if error >= 1e-9 else "< 1e-9"   # below: rounding noise
    print(f"{name:<6} {LESSON_PARAMS[name]:>6.2f}  {analytic:>+15.9f}  {numerical:>+15.9f}  {shown:>10}")
print(f"largest relative error below 1e-6: {max(r[3] for r in rows) < 1e-6}")

# %% [markdown]
# ## 6. Step through the backward pass
#
# Move the slider to walk the backward pass one node at a time. The orange node is where the
# current term lives, the light-blue nodes hold the stored terms it reuses, the thick
# vermillion edges are the ones the current step works along (their weights enter the
# formula, or their gradients are finished now), and green (dashed, for edges) marks what is
# already done. The formula under the diagram shows
# the numbers.
# Notice that from step 7 on nothing is computed from $L$ again: every step starts from a
# stored $\delta$.

# %%
steps_explorer = BackpropStepsExplorer(step=7)
print(steps_explorer.status)
steps_explorer.snapshot()

# %% tags=["nbval-ignore-output"]
steps_explorer.ui

# %% [markdown]
# ## 7. Why the reuse matters: counting multiply-adds
#
# Without back-propagation one could still get every partial derivative numerically: nudge
# one parameter up and down and run the network twice (central differences). That is two
# forward passes **per parameter**. Back-propagation gets all of them from one forward pass
# and one backward pass, and the backward pass costs about two forward passes (one product
# for the weight gradients, one to pass $\delta$ back). With $P$ parameters and a forward pass
# of $F \approx P$ multiply-adds:
#
# | method | multiply-adds for the whole gradient |
# | --- | --- |
# | finite differences | $2 P F \approx 2P^2$ |
# | back-propagation | $\approx 3F \approx 3P$ |

# %%
print(f"{'network':<22} {'parameters':>11} {'finite diff.':>14} {'backprop':>11} {'ratio':>9}")
for sizes in COST_NETWORKS:
    c = gradient_cost(sizes)
    ratio = c["finite_differences"] / c["backprop"]
    print(f"{str(sizes):<22} {c['parameters']:>11,} {c['finite_differences']:>14.3g} "
          f"{c['backprop']:>11,} {ratio:>9,.0f}")

# %% [markdown]
# The same networks as the table, as points (P, cost) on log-log axes. A line of slope 1
# means cost ∝ P, slope 2 means cost ∝ P²:

# %%
show(cost_figure(COST_NETWORKS))

# %% [markdown]
# For the article's tiny network the difference is 192 against 20 multiply-adds. The ratio
# grows like the number of parameters: for a digit classifier with a quarter of a million
# parameters finite differences need about 250,000 times more work for one gradient, and
# training needs thousands of gradients.
#
# **The article's own comparison** is closer to home: the chain rule used *without* keeping
# intermediate results. Then every weight's derivative is written out in full, as in
# section 4: one product per path from the weight to an output, all paths added. A weight in
# the first layer of a deep network has many paths (each later layer multiplies their number
# by its width), and each path is long. `chain_rule_cost` (the same count lesson 10 uses)
# counts both ways in multiply-adds, the forward pass included in both:
#
# * **without reuse**: for every parameter its own sum over paths; one step along a path
#   (times a weight and the slope $g'$ at its end) is one multiply-add, and so is the final
#   product with the weight's input;
# * **back-propagation**: the $\delta$s of one layer computed once from the layer above and
#   used by every weight below them (the table's "backprop" column).

# %%
c = chain_rule_cost([2, 2, 2])
print(f"article's network [2, 2, 2]: without reuse {c['without_reuse']}, "
      f"back-propagation {c['backprop']} multiply-adds")
print(f"{'hidden layers of width 4':<25} {'parameters':>10} {'without reuse':>14} "
      f"{'back-propagation':>17} {'ratio':>9}")
for hidden in (1, 2, 4, 6, 8, 10):
    sizes = [2] + [4] * hidden + [2]
    c = chain_rule_cost(sizes)
    print(f"{hidden:<25d} {c['parameters']:>10d} {c['without_reuse']:>14,d} "
          f"{c['backprop']:>17,d} {c['without_reuse'] / c['backprop']:>9,.1f}")

# %% [markdown]
# The article's network costs 28 against 20: in a network this small there is little to
# reuse. Back-propagation then grows in step with the number of weights (48 more multiply-adds
# for every added layer of width 4); the written-out chains grow four- to fivefold with every
# layer, because every extra layer
# of width 4 multiplies the number of paths by 4 and makes each path longer. With ten hidden
# layers, 202 parameters, that is 93 million multiply-adds against 472. Keeping the
# intermediate results, the $\delta$s, turns an exponential bill into a linear one. The article
# mentions networks with hundreds of millions of parameters: without the reuse, training them
# would be hopeless.
#
# ## 8. One update step
#
# Gradient descent (梯度下降) moves every parameter against its partial derivative, all at once,
# with the gradients computed at the **old** parameters:
# $p_{\text{new}} = p_{\text{old}} - \text{lr}\cdot \partial L/\partial p$.

# %%
lr = 0.5
stepped = TinyNet(LESSON_PARAMS)
loss_before = stepped.step(LESSON_X, LESSON_Y, lr)
loss_after = stepped.loss(LESSON_X, LESSON_Y)
print(f"{'param':<6} {'old':>8} {'dL/dp':>10} {'new':>9}")
for name in PARAM_NAMES:
    print(f"{name:<6} {LESSON_PARAMS[name]:>8.4f} {grads[name]:>+10.4f} {stepped.params[name]:>9.4f}")
print(f"loss before: {loss_before:.6f}   after one step with lr = {lr}: {loss_after:.6f}")

# %% [markdown]
# ## 9. Training on one example
#
# Repeating the step drives the loss towards 0 (one example is easy to fit exactly: twelve
# parameters, two numbers to match). How fast, or whether at all, depends on the learning
# rate (學習率), as in lessons 03 and 04.

# %%
for rate in (0.05, 0.2, 1.0, 2.0, 2.5):
    history = TinyNet(LESSON_PARAMS).fit(LESSON_X, LESSON_Y, lr=rate, steps=30)
    print(f"lr = {rate:<5} {history.status}")

# %% [markdown]
# Move the learning rate: small values creep, around 1 the loss falls fastest, near 2 the
# outputs start to swing past their targets, and beyond that the run diverges (the status
# line says so, and the parameters stay at their last finite values). A loss below
# $10^{-12}$ is drawn at $-12$: there the numbers are at the limit of floating point.

# %%
lr_explorer = OneExampleExplorer(lr=0.2, steps=30)
print(lr_explorer.status)
lr_explorer.snapshot()

# %% tags=["nbval-ignore-output"]
lr_explorer.ui

# %% [markdown]
# ## Exercises
#
# Type an answer in place of `None`, or write the function the exercise asks for, and run the
# cell: the checker says *right* or *not yet* with a hint (a second try gets a more specific
# hint). The worked solution sits in the collapsed cell under each exercise.
#
# **Exercise 1.** With the forward-pass table of section 2 ($h_2$, $\hat y_1$, and the label
# $y_1 = 1$), compute $\partial L / \partial w_6$ by hand. (to 3 decimals)

# %%
answer = None   # replace None with your answer
check("07.1", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): one chain, L -> y1_hat -> u3 -> w6:
# dL/dw6 = (y1_hat - y1) * o'(u3) * h2 = delta3 * h2 = (0.1709 - 1) * 1 * 0.5374.
check("07.1", (v["y1_hat"] - v["y1"]) * 1.0 * v["h2"])

# %% [markdown]
# **Exercise 2.** Compute $\partial L / \partial w_4$ for the lesson's numbers. It needs both
# chains; reuse $\delta_3$ and $\delta_4$. (to 3 decimals)

# %%
answer = None   # replace None with your answer
check("07.2", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): w4 feeds h2 and h2 feeds both outputs, so
# dL/dh2 = delta3 * w6 + delta4 * w8, then multiply by g'(u2) = h2 (1 - h2) and du2/dw4 = x2.
dL_dh2 = t["delta3"] * LESSON_PARAMS["w6"] + t["delta4"] * LESSON_PARAMS["w8"]
check("07.2", dL_dh2 * v["h2"] * (1 - v["h2"]) * v["x2"])

# %% [markdown]
# **Exercise 3.** After one gradient-descent step with learning rate 0.5, what is the new
# value of $w_5$? (to 3 decimals)

# %%
answer = None   # replace None with your answer
check("07.3", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): w5_new = w5 - lr * dL/dw5 = 0.5 - 0.5 * (-0.4864):
# the gradient is negative, so the step increases w5 (y1_hat is too small and h1 > 0).
check("07.3", LESSON_PARAMS["w5"] - 0.5 * grads["w5"])

# %% [markdown]
# **Exercise 4 (code).** Exercise 2 for any numbers. Write `dL_dw4(v, p)`: `v` is a dict of
# the forward pass (`"x1"`, `"x2"`, `"h1"`, `"h2"`, `"y1_hat"`, `"y2_hat"` and the labels
# `"y1"`, `"y2"`), `p` a dict of the twelve parameters (`"w1"` ... `"w8"`, `"b1"` ... `"b4"`).
# Return $\partial L/\partial w_4$ (identity outputs, sigmoid hidden neurons,
# $L = \tfrac12[(\hat y_1 - y_1)^2 + (\hat y_2 - y_2)^2]$). The checker compares with
# `TinyNet.backward` on the lesson's numbers and on random weights.

# %%
def dL_dw4(v, p):
    # your code here: return dL/dw4
    raise NotImplementedError


check("07.4", dL_dw4)


# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): the two output deltas once, then both chains into h2,
# then the two local factors of the hidden neuron.
def dL_dw4(v, p):
    delta3 = v["y1_hat"] - v["y1"]                       # o'(u3) = 1
    delta4 = v["y2_hat"] - v["y2"]                       # o'(u4) = 1
    dL_dh2 = delta3 * p["w6"] + delta4 * p["w8"]         # h2 feeds both outputs
    return dL_dh2 * v["h2"] * (1 - v["h2"]) * v["x2"]    # g'(u2) = h2 (1 - h2), du2/dw4 = x2


check("07.4", dL_dw4)

# %% [markdown]
# **Exercise 5 (predict, then move the slider).** The learning-rate explorer of section 9
# trains on the one example for 30 steps; at lr = 0.2 the loss falls. Before you move the
# slider to lr = 2.5: will the loss after 30 steps be lower than at the start (`"falls"`) or
# higher (`"grows"`)? Check here, then move the slider and read the status line.

# %%
answer = None   # replace None with "falls" or "grows"
check("07.5", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): a network's loss near a minimum is a bowl, and lesson 03
# showed what a step past the bowl's stability limit does: it overshoots by more than it
# corrects. At lr = 2.5 the steps are past it, and the loss grows from step to step.
history_25 = TinyNet(LESSON_PARAMS).fit(LESSON_X, LESSON_Y, lr=2.5, steps=30)
check("07.5", "grows" if history_25.diverged or history_25[-1] > history_25[0] else "falls")
