# %% [markdown]
# # Lesson 02: enumeration (trial) search (枚舉試探法)
#
# **What you will learn.** Lesson 01 found minima by solving equations, which stops working
# once a function has many variables. Here is the simplest method a computer can run instead:
# stand somewhere, try a small step, keep it if the function went down. You will replay the
# article's walk on f(x) = x² step by step, see how the start point and the step size decide
# where the search stops, learn that the sign of the derivative tells the direction without
# any trial, and find out why trying directions one by one becomes hopeless in two or more
# dimensions, which is the motivation for gradient descent (梯度下降) in lessons 03 and 04.
#
# [Course map](00_course_map.ipynb) · previous: [Lesson 01, classical extrema](01_classical_extrema.ipynb) · next: [Lesson 03, gradient descent in 1-D](03_gradient_descent_1d.ipynb)
#
# **繁體中文:** This lesson in Traditional Chinese: [繁體中文版](zh-Hant/02_enumeration_search.ipynb)

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

from ann_helpers import functions as F
from ann_helpers.exercises import check
from ann_helpers.explorers.descent import runs_2d
from ann_helpers.explorers.search import EnumerationExplorer, trials_figure
from ann_helpers.plotting import show
from ann_helpers.search import (
    compass_search,
    compass_vs_descent,
    derivative_sign_search,
    enumeration_search,
    trial_table,
)

square = F.get("square")
print(square.label, "| minimum at x =", square.global_minimum)

# %% [markdown]
# ## 1. The trial search, one step at a time
#
# The rule fits in two sentences. From where you stand, try a step of fixed size to the right,
# and if f does not go down there, try the same step to the left; move to the first candidate
# that lowers f. Once a direction works, keep stepping that way until a step no longer lowers
# f, and stop there.
#
# In one variable there are only two directions, left and right, so they can simply be
# enumerated: that is where the name comes from. Here is the article's example, f(x) = x²
# from x = 1 with step 0.5. Every candidate is printed with its value and the verdict:

# %%
walk = enumeration_search(square.f, x0=1.0, step=0.5)
print(trial_table(walk))

# %% [markdown]
# Read it line by line: f(1.5) = 2.25 is larger than f(1) = 1, so the right is rejected;
# f(0.5) = 0.25 is lower, so the search goes left; f(0) = 0 is lower again; f(-0.5) = 0.25 is
# higher, so it stops at **x = 0**, the true minimum. It took five evaluations of f, counting
# the one at the start.
#
# ## 2. The start and the step decide the answer
#
# The search only ever looks one step away. If the step is coarse, it can stop short of the
# minimum, because both neighbours happen to be higher even though the minimum lies between
# them. On a function with two minima, the start decides which one it finds.

# %%
print(f"{'x0':>5} {'step':>6} {'result':>8} {'trials':>7} {'evals':>6} {'off by':>8}")
for x0, step in [(1.0, 0.5), (1.0, 0.75), (1.0, 0.3), (2.0, 0.7), (0.4, 1.0), (1.0, 1.5)]:
    run = enumeration_search(square.f, x0, step)
    off = abs(run.x - square.global_minimum)
    print(f"{x0:>5.2f} {step:>6.2f} {run.x:>8.3f} {len(run.trials):>7d} "
          f"{run.evaluations:>6d} {off:>8.3f}")

# %% [markdown]
# Only the first row, where the step happens to fit the start exactly, lands on 0. The others
# stop up to a step away, and from x0 = 0.4 with step 1 the search never moves: both
# neighbours, 1.4 and -0.6, are higher than f(0.4). The same thing, drawn: the green dot is the start, the
# vermillion line the accepted moves, black crosses the rejected trials, the star where the
# search stopped.

# %%
settings = [(1.0, 0.5), (1.0, 0.75), (0.4, 1.0)]
runs = [enumeration_search(square.f, x0, step) for x0, step in settings]
show(trials_figure(square, runs, [f"$x_0$ = {x0}, step {step}: stops at {run.x:.2f}"
                                  for (x0, step), run in zip(settings, runs, strict=True)]))

# %% [markdown]
# With two minima, f(x) = x⁴ − 3x² + x, the search goes downhill from wherever it starts and
# stops in the first dip it meets. Started on the right it finds the higher, *local* minimum
# and never learns that a deeper one exists on the left:

# %%
two = F.get("two_minima")
starts = (-2.0, 0.0, 2.0)
runs = [enumeration_search(two.f, x0, 0.1) for x0 in starts]
for x0, run in zip(starts, runs, strict=True):
    print(f"start {x0:+.1f} -> x = {run.x:+.2f}, f = {run.values[-1]:+.3f}")
print(f"global minimum: x = {two.minima[0]:+.3f}, f = {two.f(two.minima[0]):+.3f}")
show(trials_figure(two, runs, [f"start {x0:+.1f}" for x0 in starts]))

# %% [markdown]
# ## 3. Try it: the trial-search explorer
#
# Move the start and the step. The status line says where the search stopped, how many
# evaluations of f it paid for, and how far it is from the true minimum. Look for a step that
# leaves the search stuck at its start, and on x⁴ − 3x² + x for a start that misses the
# global minimum.

# %%
explorer = EnumerationExplorer(x0=1.0, step=0.5)
print(explorer.status)
explorer.snapshot()

# %% tags=["nbval-ignore-output"]
explorer.ui

# %% [markdown]
# ## 4. The derivative's sign gives the direction for free
#
# The trial at x = 1.5 was wasted: we could have known that f rises to the right. The
# derivative says it. If f'(x) > 0, f grows to the right, so go left; if f'(x) < 0, go right;
# if f'(x) = 0, stop. For f(x) = x², the slope is f'(x) = 2x:

# %%
signs = derivative_sign_search(square.grad, x0=1.0, step=0.5)
print(f"{'k':>2} {'x':>6} {'slope':>7} {'move':>6}")
for k, (x, slope) in enumerate(zip(signs.points, signs.values, strict=True)):
    move = "left" if slope > 0 else ("right" if slope < 0 else "stop")
    print(f"{k:>2} {x:>6.2f} {slope:>7.2f} {move:>6}")
print(f"derivative-sign search: {signs.evaluations} evaluations of f' "
      f"(trial search: {walk.evaluations} evaluations of f), result x = {signs.x:g}")

# %% [markdown]
# Same path, no wasted trial. The step size still matters, though: with step 0.75 the run
# jumps over the minimum, and all the sign can tell us is that the minimum lies between the
# last two points.

# %%
over = derivative_sign_search(square.grad, x0=1.0, step=0.75)
print(over.status + ":", over.message)

# %% [markdown]
# Keep this in mind: lesson 03 goes one step further and uses not only the sign of the
# derivative but also its size.
#
# ## 5. Why enumeration fails in two dimensions and more
#
# In 1-D we tried two directions. On a surface f(x, y) you can step in *infinitely many*
# directions, so they cannot all be tried. The closest practical relative is **compass search**:
# try a step along each coordinate axis, both ways (2n directions in n dimensions), move to the
# first point that lowers f, and halve the step when none does.
#
# Compass search is at its best when the valley runs along an axis, as for x² + 10y². Turn the
# same kind of valley by 45°, f = ½(x + y)² + 10(x − y)², and no axis points along it any more:
# the search has to zig-zag in small staircase steps. We count the evaluations of f needed to
# get within 10⁻⁴ of the minimum value, and the number of gradient-descent steps (lesson 04's
# rule with lr = 1 / the largest curvature) for comparison:

# %%
start = [4.0, 3.0]
print(f"{'function':<36} {'compass: evaluations of f':>26} {'descent: steps':>15}")
for key in ("narrow_bowl", "valley"):
    fn = F.get(key)
    cost = compass_vs_descent(fn, start, gap=1e-4)
    print(f"{fn.label:<36} {cost['compass_evaluations']:>26d} {cost['descent_steps']:>15d}")

# %% [markdown]
# The same runs drawn (the same stopping rule as in the table: stop as soon as f is within
# 10⁻⁴ of its minimum value):

# %%
valley, narrow = F.get("valley"), F.get("narrow_bowl")
paths = [compass_search(fn.f, start, tol=1e-15,
                        target=fn.f(np.asarray(fn.global_minimum, dtype=float)) + 1e-4)
         for fn in (narrow, valley)]
show(runs_2d([narrow, valley], paths,
             [f"compass search: {p.evaluations} evaluations\nto $f - f_{{min}} \\leq 10^{{-4}}$"
              for p in paths]))

# %% [markdown]
# The real trouble is the dimension. One round of compass search costs up to 2n evaluations,
# and in a rotated valley it needs many rounds. Below, the same comparison on seeded random
# convex bowls in n dimensions (curvatures from 1 to 20, axes turned at random):

# %%
print(f"{'n':>4} {'compass: evaluations of f':>26} {'descent: steps':>15}")
for n in (2, 10, 50):
    bowl_n = F.random_quadratic(n, condition=20.0, seed=0)
    cost = compass_vs_descent(bowl_n, np.full(n, 3.0), gap=1e-4)
    print(f"{n:>4} {cost['compass_evaluations']:>26d} {cost['descent_steps']:>15d}")

# %% [markdown]
# The number of descent steps hardly changes with n, while compass search's bill explodes.
# (A fair footnote: a descent step needs the gradient. Estimating it by finite differences would
# again cost 2n evaluations of f; lesson 07 shows that back-propagation gets the whole gradient
# of a network for the price of about one extra pass, which is why neural networks are trained
# by gradient descent.) A network has millions of parameters: enumeration is out of the
# question, and lesson 03 starts building the method that replaces it.
#
# ## Exercises
#
# Type an answer in place of `None`, or write the function the exercise asks for, and run the
# cell: the checker says *right* or *not yet* with a hint (a second try gets a more specific
# hint). The worked solution sits in the collapsed cell under each exercise.
#
# **Exercise 1.** f(x) = x² + 3x. Run enumeration search by hand from x = 1 with step 1 (try
# the right first). At which x does it stop? (a whole number)

# %%
answer = None   # replace None with your answer
check("02.1", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: f(1) = 4. Right: f(2) = 10 > 4, rejected. Left: f(0) = 0 < 4, accepted.
# Keep going left: f(-1) = -2 < 0, accepted. f(-2) = -2 is not lower than -2, rejected: stop.
# The true minimum is -1.5, between the last two points: the step is too coarse to reach it.
check("02.1", enumeration_search(F.get("square_plus_3x").f, 1.0, 1.0).x)

# %% [markdown]
# **Exercise 2.** For the same f(x) = x² + 3x at x = 1, which way is downhill: answer with
# the word "left" or "right", without trying a step.

# %%
answer = None   # replace None with "left" or "right"
check("02.2", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: f'(x) = 2x + 3, so f'(1) = 5 > 0: f grows to the right, downhill is left.
check("02.2", "left" if F.get("square_plus_3x").grad(1.0) > 0 else "right")

# %% [markdown]
# **Exercise 3.** Compass search in n = 10 dimensions: at most how many evaluations of f does
# one round cost (a round that finds no better point)? (a whole number)

# %%
answer = None   # replace None with your answer
check("02.3", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: each of the 10 axes is tried in both directions, + and -: 2 * 10 trials.
check("02.3", 2 * 10)

# %% [markdown]
# **Exercise 4 (code).** One trial of the search, as a function. Write
# `trial_step(f, x, step)`: try x + step; if f is lower there, return it. Otherwise try
# x − step; if f is lower there, return it. Otherwise return x (the search stops there).
# The checker compares your function with the course's `enumeration_search` on six cases,
# among them a tie (equal is not lower) and a start at the minimum.

# %%
def trial_step(f, x, step):
    # your code here: return x + step, x - step or x
    raise NotImplementedError


check("02.4", trial_step)


# %% jupyter={"source_hidden": true}
# Worked solution: the right first, then the left; only a strictly lower value moves.
def trial_step(f, x, step):
    fx = f(x)
    if f(x + step) < fx:
        return x + step
    if f(x - step) < fx:
        return x - step
    return x


check("02.4", trial_step)

# %% [markdown]
# **Exercise 5 (predict, then move the slider).** In the explorer of section 3, choose
# f(x) = x⁴ − 3x² + x, the start x0 = 1 and the step 0.5. *Before* you move anything: where
# will the search stop? (to 2 decimals) Check your prediction here, then set the sliders and
# see.

# %%
answer = None   # replace None with your prediction
check("02.5", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: f(1) = -1, f(1.5) = -0.1875 and f(0.5) = -0.1875: neither neighbour is
# lower, so the search never leaves its start, although the local minimum x = 1.13 is near
# and the global one (x = -1.30) is lower still.
two_minima = F.get("two_minima").f
print(f"f(0.5) = {two_minima(0.5):.4f}, f(1) = {two_minima(1.0):.4f}, "
      f"f(1.5) = {two_minima(1.5):.4f}")
check("02.5", 1.0)
