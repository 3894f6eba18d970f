# %% [markdown]
# # 08 Training on many examples: one summed loss, and how to feed it
#
# Lesson 07 trained the network on a single example. A real training set has many, and each
# example gives its own loss. **In this lesson you will** compare the article's two ways of
# combining them (average the parameters found for each example, or add the losses into one
# loss and minimise that), see why the second is the one used, and why the mean is preferred
# to the plain sum. Then you will train a small network on a two-class data set by stochastic
# gradient descent (隨機梯度下降, SGD: one example per update), by minibatches (小批量) and by
# the full batch, and write the double loop of the course map (epochs x batches) in code.
#
# [Course map](00_course_map.ipynb) · previous: [07 Back-propagation](07_backpropagation.ipynb)
# · next: [09 Digits capstone](09_digits_capstone.ipynb)
#
# **繁體中文:** This lesson in Traditional Chinese: [繁體中文版](zh-Hant/08_training_strategies.ipynb)

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

from ann_helpers.descent import gradient_descent
from ann_helpers.exercises import check
from ann_helpers.explorers.training import (
    BatchSizeExplorer,
    averaging_figure,
    loss_curves_figure,
    snapshots_figure,
)
from ann_helpers.losses import least_squares_line, line_loss, line_loss_grad
from ann_helpers.network import MLP
from ann_helpers.plotting import show
from ann_helpers.training import (
    LINE_X,
    LINE_Y,
    average_networks,
    batch_name,
    compare_batch_sizes,
    new_classifier,
    per_example_solutions,
    repeated,
    stable_lr_limit,
    summed_loss_solution,
    two_moons,
)

# %% [markdown]
# ## 1. Two ways to use several examples
#
# Take the simplest model, a linear neuron $\hat y = w x + b$, and four examples. Example $i$
# has the loss $L_i(w, b) = \tfrac12 (w x_i + b - y_i)^2$.
#
# * **A: average the results.** Run gradient descent on each $L_i$ alone and average the four
#   parameter pairs found.
# * **B: one loss for all.** Add the losses, $L = \sum_i L_i$, and run gradient descent on $L$.

# %%
print("  i    x_i    y_i")
for i, (xi, yi) in enumerate(zip(LINE_X, LINE_Y, strict=True), start=1):
    print(f"{i:>3} {xi:>6.1f} {yi:>6.1f}")

# %% [markdown]
# One example's loss is zero on a whole line of the $(w, b)$ plane (every line through the
# point $(x_i, y_i)$ fits it exactly), so descent on $L_i$ alone stops wherever it first
# reaches that line: the point nearest the start. The landing points, and hence their
# average, depend on where descent started.

# %%
start_a, start_b = (0.0, 0.0), (3.0, -2.0)
print(f"{'':<40} {'w':>7} {'b':>7} {'summed loss':>12}")
for start in (start_a, start_b):
    landed = per_example_solutions(LINE_X, LINE_Y, start)
    for i, (w, b) in enumerate(landed, start=1):
        print(f"{f'A: example {i} alone, start {start}':<40} {w:>7.4f} {b:>7.4f}")
    avg = landed.mean(axis=0)
    print(f"{f'A: average, start {start}':<40} {avg[0]:>7.4f} {avg[1]:>7.4f} "
          f"{line_loss(avg, LINE_X, LINE_Y):>12.4f}")
b_sum = summed_loss_solution(LINE_X, LINE_Y, start_a)
b_lstsq = least_squares_line(LINE_X, LINE_Y)
print(f"{'B: descent on the summed loss':<40} {b_sum[0]:>7.4f} {b_sum[1]:>7.4f} "
      f"{line_loss(b_sum, LINE_X, LINE_Y):>12.4f}")
print(f"{'B: least squares (numpy.linalg.lstsq)':<40} {b_lstsq[0]:>7.4f} {b_lstsq[1]:>7.4f} "
      f"{line_loss(b_lstsq, LINE_X, LINE_Y):>12.4f}")

# %%
show(averaging_figure())

# %% [markdown]
# B has a single minimum, the least-squares line, whatever the start; A gives two different
# answers for two starts, and neither fits the data as well. For a network it is worse: two
# separately trained networks can solve the task with their hidden neurons in different
# roles, and averaging their weights mixes unrelated neurons. Four networks trained on the
# two-moons data of section 3, and the network whose weights are their average:

# %%
X, labels = two_moons(200, noise=0.15, seed=0)
nets = []
for seed in range(4):
    net = new_classifier(seed)
    net.fit(X, labels, lr=0.3, epochs=60, batch_size=16)
    nets.append(net)
    print(f"network from seed {seed}: accuracy {net.accuracy(X, labels):.1%}")
averaged = average_networks(nets)
print(f"their averaged weights:  accuracy {averaged.accuracy(X, labels):.1%}")

# %% [markdown]
# So training minimises one loss built from all examples.
#
# ## 2. The sum or the mean?
#
# Both have the same minimum (dividing by $n$ changes no comparison), and the gradient of the
# sum is the sum of the per-example gradients. The difference is the size: the sum's gradient
# grows with the number of examples, and so does the curvature, so the learning rate that
# works shrinks as data are added. With the mean, $\frac1n\sum_i L_i$, the same learning rate
# keeps working. Below, the same four examples written 1, 2, 4 and 8 times over (the same
# information, more rows):

# %%
print(f"{'copies':>6} {'n':>4} {'|grad sum|':>11} {'|grad mean|':>12} {'lr limit sum':>13} {'lr limit mean':>14}")
for times in (1, 2, 4, 8):
    x, y = repeated(LINE_X, LINE_Y, times)
    g_sum = np.linalg.norm(line_loss_grad([0.0, 0.0], x, y, reduce="sum"))
    g_mean = np.linalg.norm(line_loss_grad([0.0, 0.0], x, y, reduce="mean"))
    print(f"{times:>6} {x.size:>4} {g_sum:>11.3f} {g_mean:>12.3f} "
          f"{stable_lr_limit(x, 'sum'):>13.4f} {stable_lr_limit(x, 'mean'):>14.4f}")

# %% [markdown]
# (The limit is $2/\lambda_{\max}$ of the loss's Hessian, as for $x^2$ in lesson 03.) A
# learning rate of 0.1, fine for the sum over 4 examples, diverges on the sum over 32; on
# the mean it converges for any number of copies:

# %%
x32, y32 = repeated(LINE_X, LINE_Y, 8)
for reduce in ("sum", "mean"):
    for xs, ys in ((np.array(LINE_X), np.array(LINE_Y)), (x32, y32)):
        path = gradient_descent(lambda p, xs=xs, ys=ys, r=reduce: line_loss_grad(p, xs, ys, reduce=r),
                                np.zeros(2), lr=0.1, steps=2000, tol=1e-8)
        where = f", w = {path.x[0]:.4f}, b = {path.x[1]:.4f}" if path.status == "converged" else ""
        print(f"{reduce:<4} over n = {xs.size:>2}, lr = 0.1: {path.status} after "
              f"{path.steps} steps{where}")

# %% [markdown]
# That is why `MLP` uses the mean loss over the batch: the learning rate means the same
# thing for a batch of 1, of 16, or of the whole data set.
#
# ## 3. SGD, minibatch, full batch
#
# Now the network: 2 inputs, 16 tanh neurons, 2 softmax outputs with the cross-entropy loss
# (交叉熵), on 200 points of two interleaved half-moons (generated with a seed). The same
# starting weights and learning rate are trained for 60 epochs (passes over the data) three
# ways. After each epoch the loss is measured on all 200 points with the weights of that
# moment: the **full-data loss**, the one number that compares the three fairly (epoch 0 is
# before any update, the same for all three).

# %%
results = compare_batch_sizes(X, labels, batch_sizes=(1, 16, None), lr=0.3, epochs=60,
                              seed=0, snapshot_epochs=(0, 2, 10, 60))
print(f"{'':<32} {'full-data loss':^23}")
print(f"{'method':<18} {'updates/epoch':>13} {'before':>11} {'epoch 60':>11} {'accuracy':>9}")
for bs, rec in results.items():
    print(f"{batch_name(bs, len(X)):<18} {rec['updates']:>13} {rec['loss'][0]:>11.4f} "
          f"{rec['loss'][-1]:>11.4f} {rec['accuracy']:>9.1%}")

# %%
show(loss_curves_figure(results, len(X)))

# %% [markdown]
# Per epoch, SGD makes 200 small updates, each from one example: fast progress, but every
# step only fits one point, so the loss jumps around. The full batch makes one careful step
# per epoch: smooth but slow. Minibatches sit in between: 13 updates per epoch, each from 16
# examples, steady and fast; they also let the computer process the 16 examples as one
# matrix product per layer (the `MLP` class used here is lesson 07's forward and backward
# passes written with matrices), which is why they are the usual choice.
#
# The decision boundary of the minibatch run as it evolves (the colour is the network's
# probability of class 1, the black line where it is 0.5):

# %%
show(snapshots_figure(X, labels, results, 16))

# %% [markdown]
# ## 4. Explore: batch size and learning rate
#
# A smaller set (40 points) and 5 epochs, so every slider move retrains at once. The grey
# line is the loss of each batch at the moment it was used (noisy for small batches), the
# vermillion dots the full-data loss, on all 40 points, after each epoch; the status line
# quotes the full-data loss before training and after the last epoch. Try SGD with a large learning rate,
# then the full batch with the same one.

# %%
batch_explorer = BatchSizeExplorer(lr=0.5, batch_size=5)
print(batch_explorer.status)
batch_explorer.snapshot()

# %% tags=["nbval-ignore-output"]
batch_explorer.ui

# %% [markdown]
# ## 5. The double loop, in code
#
# The course map lists the article's six steps of training: (1) define the network, (2)
# define the loss, (3) feed one example (SGD) or a minibatch, (4) forward pass, (5) backward
# pass (back-propagation), (6) gradient-descent step; steps 3 to 6 repeat for every batch,
# and that whole pass repeats for every epoch. Here is the map's pseudo-code as real code,
# with `MLP` (lesson 07's forward and backward passes, in matrix form for a whole batch):

# %%
mlp = MLP([2, 16, 2], activation="tanh", output="softmax", seed=0)  # 1-2. F(x; w), mean loss
lr, epochs, batch_size = 0.3, 60, 16
for epoch in range(epochs):                                         # outer loop: epochs
    order = mlp.rng.permutation(len(X))                             #   shuffled (seeded)
    for start in range(0, len(X), batch_size):                      # inner loop: batches
        batch = order[start:start + batch_size]                     # 3. feed a minibatch
        loss, grads = mlp.loss_and_gradients(X[batch], labels[batch])  # 4. forward, 5. BP
        mlp.params = [(W - lr * dW, b - lr * db)                    # 6. descent step
                      for (W, b), (dW, db) in zip(mlp.params, grads, strict=True)]
    if (epoch + 1) % 20 == 0:
        print(f"epoch {epoch + 1:>2}: loss of its last batch {loss:.4f}")
print(f"by hand:  full-data loss {mlp.loss(X, labels):.6f}, accuracy {mlp.accuracy(X, labels):.1%}")

# %% [markdown]
# `MLP.fit` runs exactly this loop (same shuffles, same updates), so from the same seed it
# ends with the same weights. Its `History` records, for each epoch, the **mean of that
# epoch's batch losses**, each taken at the moment its batch was used, while the weights were
# still moving; its status line quotes the first and the last of those means. That is a
# cheap running estimate, not the full-data loss above: the last epoch's mean (0.1478) is a
# little above the full-data loss after training (0.1392), because most of its batches were
# seen before the epoch's later updates, and the first epoch's mean (0.4494) is far below
# the full-data loss before training (0.6039), because the weights improve during epoch 1.

# %%
fitted = MLP([2, 16, 2], activation="tanh", output="softmax", seed=0)
history = fitted.fit(X, labels, lr=lr, epochs=epochs, batch_size=batch_size)
print(f"MLP.fit:  full-data loss {fitted.loss(X, labels):.6f}, accuracy {fitted.accuracy(X, labels):.1%}")
print(f"same weights: {np.array_equal(fitted.get_flat(), mlp.get_flat())}")
print(f"History (epoch means of the batch losses): {history.status}")
print(f"  epoch 1 mean {history[0]:.4f}, epoch 60 mean {history[-1]:.4f}; full-data loss "
      f"before training {results[16]['loss'][0]:.4f}, after {fitted.loss(X, labels):.4f}")

# %% [markdown]
# ## Exercises
#
# Type an answer in place of `None`, or write the function the exercise asks for, and run the
# cell: the checker says *right* or *not yet* with a hint (a second try gets a more specific
# hint). The worked solution sits in the collapsed cell under each exercise.
#
# **Exercise 1.** A data set has 200 examples and the batch size is 16 (the last batch may be
# smaller). How many parameter updates does one epoch make? (a whole number)

# %%
answer = None   # replace None with your answer
check("08.1", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): 200 / 16 = 12.5, so 12 full batches and one of 8:
# 13 batches, one update each.
check("08.1", -(-200 // 16))

# %% [markdown]
# **Exercise 2.** On the mean loss over $n = 50$ examples, lr = 0.5 works well. Which learning
# rate on the summed loss gives exactly the same updates? (to 4 decimals)

# %%
answer = None   # replace None with your answer
check("08.2", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): sum = 50 * mean, so grad sum = 50 * grad mean; the step
# lr_sum * grad sum equals 0.5 * grad mean when lr_sum = 0.5 / 50.
check("08.2", 0.5 / 50)

# %% [markdown]
# **Exercise 3.** The model $\hat y = w x$ (no bias) and two examples $(x, y) = (1, 2)$ and
# $(2, 2)$. Each alone is fitted exactly by $w = 2$ and $w = 1$; averaging gives 1.5. Which
# $w$ minimises the summed loss $\tfrac12 \sum_i (w x_i - y_i)^2$? (to 4 decimals)

# %%
answer = None   # replace None with your answer
check("08.3", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): dL/dw = sum_i (w x_i - y_i) x_i = 0 gives
# w = sum x_i y_i / sum x_i^2 = (1*2 + 2*2) / (1 + 4) = 6/5.
check("08.3", (1 * 2 + 2 * 2) / (1**2 + 2**2))

# %% [markdown]
# **Exercise 4 (code).** The inner loop of section 5, as a function. Write
# `one_epoch(mlp, X, labels, lr, batch_size, order)`: walk through the rows in the given
# `order` (a shuffled permutation of the row numbers), `batch_size` rows at a time; for each
# batch call `mlp.loss_and_gradients(X[batch], labels[batch])`, update `mlp.params` with one
# gradient-descent step, and keep the batch's loss. Return the list of batch losses. The
# checker runs it on a small network and 20 examples with batch sizes 8, 5, 1 (SGD) and 20
# (the full batch), and compares with `MLP.fit` (one epoch in the same order).

# %%
def one_epoch(mlp, X, labels, lr, batch_size, order):
    # your code here: update mlp.params batch by batch, return the list of batch losses
    raise NotImplementedError


check("08.4", one_epoch)


# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): the inner loop of section 5, with `order` in place of a
# new shuffle; the last batch may be smaller, and it makes an update too.
def one_epoch(mlp, X, labels, lr, batch_size, order):
    losses = []
    for start in range(0, len(X), batch_size):
        batch = order[start:start + batch_size]
        loss, grads = mlp.loss_and_gradients(X[batch], labels[batch])
        mlp.params = [(W - lr * dW, b - lr * db)
                      for (W, b), (dW, db) in zip(mlp.params, grads, strict=True)]
        losses.append(loss)
    return losses


check("08.4", one_epoch)

# %% [markdown]
# **Exercise 5 (predict, then move the slider).** In the explorer of section 4, set
# lr = 2. Before you compare batch size 1 (SGD) with batch size 5: which run will end with
# the lower loss on all points, `"sgd"` or `"minibatch"`? Check here, then move the sliders
# and compare the status lines.

# %%
answer = None   # replace None with "sgd" or "minibatch"
check("08.5", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): SGD makes 40 updates per epoch, each in the direction
# a single point wants; at a large lr those steps jump around and the loss ends high. A
# batch of 5 averages 5 gradients: fewer but steadier steps. (The explorer's status lines:
# loss on all points 0.538 -> 1.995 with batch size 1, 0.538 -> 0.288 with batch size 5.)
check("08.5", "minibatch")
