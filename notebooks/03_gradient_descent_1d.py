# %% [markdown]
# # Lesson 03: the gradient and gradient descent in 1-D (梯度, 梯度下降)
#
# **What you will learn.** Lesson 02 ended with the derivative's sign telling us which way is
# downhill. The gradient (梯度) packs the sign *and* the size of the slope into one vector, and
# gradient descent (梯度下降) walks against it. You will replay the article's two variants on
# f(x) = x² (steps of fixed length along the unit gradient, and steps proportional to the raw
# gradient), watch the first one fail in two instructive ways, map out what the learning rate
# (學習率) does (crawl, one jump, oscillate, cycle, blow up), find the stability limit, and see
# that on a function with two minima the start point decides the answer, unless a little
# randomness helps.
#
# [Course map](00_course_map.ipynb) · previous: [Lesson 02, enumeration search](02_enumeration_search.ipynb) · next: [Lesson 04, gradient descent in 2-D](04_gradient_descent_2d.ipynb)
#
# **繁體中文:** This lesson in Traditional Chinese: [繁體中文版](zh-Hant/03_gradient_descent_1d.ipynb)

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
from ann_helpers.descent import (
    basins,
    gradient_descent,
    nearest,
    noisy_gradient_descent,
    random_restarts,
    regime,
    step_table,
)
from ann_helpers.exercises import check
from ann_helpers.explorers.descent import (
    DescentExplorer1D,
    MinimaExplorer1D,
    basins_figure,
    endings_figure,
    gradient_arrows_1d,
    outcome,
    runs_1d,
)
from ann_helpers.plotting import COLORS, new_figure, show

square = F.get("square")
print(square.label, "  gradient: f'(x) = 2x")

# %% [markdown]
# ## 1. The gradient is a vector that points uphill
#
# The gradient of a function is a vector pointing in the direction in which f grows fastest;
# its length is that rate of growth. In one variable there are only two directions, so the
# gradient is a one-dimensional vector: a number times the unit vector **i** along the x
# axis. A positive number means "uphill is to the right", a negative one "uphill is to the
# left". For f(x) = x² the gradient is 2x **i**; at a few points:

# %%
points = [-2.5, -1.0, 0.0, 1.0, 2.5]
print(f"{'x':>6} {'gradient':>10}  uphill is")
for x in points:
    g = square.grad(x)
    side = "right" if g > 0 else ("left" if g < 0 else "nowhere: flat")
    print(f"{x:>6.2f} {g:>+9.1f}i  {side}")
show(gradient_arrows_1d(square, points))

# %% [markdown]
# At x = 2.5 the gradient is 5**i** and at x = −2.5 it is −5**i**: both arrows point away from
# the bottom, uphill, and they are longest where the curve is steepest. So **minus** the
# gradient points downhill, which is all we need.
#
# ## 2. Gradient descent, the article's two variants
#
# **Unit gradient.** Move a fixed distance lr, the *learning rate*, against the direction of
# the gradient, ignoring its length:
#
# $$x_{\text{new}} = x_{\text{old}} - \text{lr}\cdot\frac{f'(x_{\text{old}})}{|f'(x_{\text{old}})|}.$$
#
# Stop when the gradient is zero. From x = 1 with lr = 0.5:

# %%
unit = gradient_descent(square.grad, x0=1.0, lr=0.5, normalize=True, f=square.f)
print(step_table(unit))

# %% [markdown]
# Gradient 2**i** at x = 1, step 0.5 to the left, x = 0.5; gradient 1**i**, another 0.5, x = 0;
# gradient 0, stop. The same path as the derivative-sign search of lesson 02.
#
# **Raw gradient.** Now let the gradient's length set the step as well: big steps where f is
# steep, small ones where it is flat.
#
# $$x_{\text{new}} = x_{\text{old}} - \text{lr}\cdot f'(x_{\text{old}})$$
#
# From x = 1 with lr = 0.5: x = 1 − 0.5 · 2 = 0, the minimum, in a single step.

# %%
raw = gradient_descent(square.grad, x0=1.0, lr=0.5, f=square.f)
print(step_table(raw))

# %% [markdown]
# The raw rule is the one used everywhere in machine learning, and the one the rest of the
# course uses. It also slows down by itself as it approaches a minimum, because the gradient
# shrinks there. The unit-gradient rule has no such brake, which is its weakness:
#
# ## 3. When the unit gradient fails
#
# Start at x = 0.4 with lr = 0.5. The step of 0.5 jumps over the minimum to −0.1; from there
# the gradient points the other way, and the next step of 0.5 lands exactly on 0.4 again. The
# run is in a cycle and will never get closer. `gradient_descent` notices that an iterate came
# back and reports it:

# %%
cycle = gradient_descent(square.grad, x0=0.4, lr=0.5, normalize=True, steps=100, f=square.f)
print(step_table(cycle))

# %% [markdown]
# A smaller learning rate fixes this one: with lr = 0.1 the walk is 0.4, 0.3, 0.2, 0.1, 0.
# Or almost 0. Decimal fractions like 0.1 have no exact binary representation, so every
# subtraction leaves a tiny rounding error, and the errors add up:

# %%
walk = gradient_descent(square.grad, x0=0.4, lr=0.1, normalize=True, f=square.f)
print(step_table(walk))
print("the iterates exactly as stored:")
for k, x in enumerate(walk.points):
    print(f"  x_{k} = {float(x)!r}")

# %% [markdown]
# The last point is 2.8 × 10⁻¹⁷, not 0. Its gradient, 5.6 × 10⁻¹⁷, is not zero either, so a
# rule that waits for a gradient of *exactly* zero would step on: by 0.1 to about −0.1, then
# back, for ever. That is why every practical run stops at a **tolerance**: the run above used
# `tol = 1e-8` and stopped because |gradient| < 10⁻⁸. With `tol = 0` the same run cycles:

# %%
strict = gradient_descent(square.grad, x0=0.4, lr=0.1, normalize=True, tol=0.0, f=square.f)
print(strict.message)

# %% [markdown]
# (A tolerance also caps the work: real runs stop when the gradient is small enough, or when a
# step budget runs out, whichever comes first.)
#
# ## 4. The regimes of the raw gradient: what lr does
#
# For f(x) = x² one raw step is x_new = x − lr · 2x = (1 − 2 lr) · x. Every step multiplies
# the distance to the minimum by the same factor r = 1 − 2 lr, and that factor tells the
# whole story:
#
# | lr | factor r = 1 − 2 lr | what happens |
# | --- | --- | --- |
# | between 0 and 0.5 | between 1 and 0 | x shrinks towards 0, always on the same side |
# | exactly 0.5 | 0 | the minimum in one step |
# | between 0.5 and 1 | between 0 and −1 | x flips side every step, but shrinks |
# | exactly 1 | −1 | x and −x for ever: a cycle |
# | above 1 | below −1 | x flips side and grows: divergence |
#
# For any quadratic $f(x) = \tfrac{c}{2}(x - x^*)^2 + \text{const}$ the same algebra gives the
# factor 1 − lr · c with c = f″, the same at every step, so the **stability limit**
# lr < 2 / f″ is exact; here 2 / 2 = 1. For other functions f″ changes from point to point,
# and the factor and the limit hold only **near a minimum** x\*, where f′(x) ≈ f″(x\*)(x − x\*)
# (first-order Taylor of f′): there the distance shrinks by about 1 − lr f″(x\*) per step, so
# lr < 2 / f″(x\*). Farther out a run can blow up at a smaller lr where f is steeper and more
# curved (lesson 04's Rosenbrock does). Five runs from x = 1, one per regime:

# %%
rates = [0.2, 0.5, 0.8, 1.0, 1.1]
print(f"stability limit 2 / f'' = {square.lr_limit():g}")
print(f"{'lr':>5} {'r = 1 - 2 lr':>13}  {'what 1000 steps do':<32} regime")
for lr in rates:
    run = gradient_descent(square.grad, 1.0, lr, steps=1000, f=square.f)
    print(f"{lr:>5.2f} {1 - 2 * lr:>13.2f}  {outcome(run):<32} "
          f"{regime(lr, 2.0).split(':')[0]}")
first_steps = [gradient_descent(square.grad, 1.0, lr, steps=12, f=square.f) for lr in rates]
show(runs_1d(square, first_steps, [f"lr = {lr}: {outcome(run)}"
                                   for lr, run in zip(rates, first_steps, strict=True)],
             size=(12.0, 5.0)))

# %% [markdown]
# In the figure each column is one run, its first 12 steps: the path on the curve on top, x
# against the iteration number underneath; each title says what those 12 steps did. A larger lr is not simply faster: the fastest rate is 0.5, and beyond
# the limit the run explodes. `gradient_descent` stops a diverging run as soon as |x| or f
# leaves a finite range (10⁶ by default) and says so, rather than overflowing:

# %%
blowup = gradient_descent(square.grad, 1.0, lr=1.5, steps=1000, f=square.f)
print(blowup.message)
print("last iterates:", ", ".join(f"{x:.4g}" for x in blowup.points[-4:]))

# %% [markdown]
# In practice lr is often set to around 0.1 to begin with (the article's advice too), and then
# tuned: too small crawls, too large oscillates or diverges.
#
# ### Why a small step goes down, and where the limit comes from
#
# The table is not special to x². For any smooth f, Taylor's formula around x with the step
# $s = -\text{lr}\, f'(x)$ gives
#
# $$f(x - \text{lr}\,f') = f(x) - \text{lr}\,f'^2 + \tfrac12\,\text{lr}^2 f'^2 f'' + \dots
#   = f(x) - \text{lr}\,f'^2\Big(1 - \tfrac{\text{lr}\,f''}{2}\Big) + \dots$$
#
# * **First order:** f goes down by about lr · f′². That is never negative, and it is
#   positive wherever f′ ≠ 0: a small enough step against the gradient always lowers f.
# * **Second order:** the bracket stays positive only while lr · f″ / 2 < 1, that is
#   **lr < 2 / f″**: the same limit as the table's, now from the curvature term that the
#   first-order picture leaves out. (For a quadratic the dots are zero and this is exact.)
#
# Checked on a function that is not a quadratic, f(x) = x⁴ − 3x² + x (used again in section 6),
# at x = 1.2, near its minimum at 1.13: one step's true change of f against the two
# predictions, for several learning rates.

# %%
quartic = F.get("two_minima")
x_at = 1.2
d1, d2 = quartic.grad(x_at), 12 * x_at**2 - 6          # f'(1.2) and f''(1.2)
print(f"at x = {x_at}: f' = {d1:.3f}, f'' = {d2:.2f}, second-order limit 2 / f'' = {2 / d2:.3f}")
print(f"{'lr':>6} {'true change of f':>17} {'1st order':>10} {'2nd order':>10}")
for lr in (0.001, 0.05, 0.1, 0.15, 0.2, 0.25):
    true = quartic.f(x_at - lr * d1) - quartic.f(x_at)
    print(f"{lr:>6g} {true:>17.5f} {-lr * d1**2:>10.5f} "
          f"{-lr * d1**2 * (1 - lr * d2 / 2):>10.5f}")
lrs = np.linspace(0.0, 0.26, 2601)
true_change = quartic.f(x_at - lrs * d1) - quartic.f(x_at)
print(f"the true change first turns positive at lr = {lrs[np.argmax(true_change > 0)]:.2f}")

# %%
fig, ax = new_figure(size=(6.4, 3.2))
ax.plot(lrs, true_change, color=COLORS["curve"], lw=2.5,
        label=r"true change $f(x - \mathrm{lr}\,f') - f(x)$")  # noqa: RUF027 (mathtext)
ax.plot(lrs, -lrs * d1**2, color=COLORS["grad"], ls="--",
        label=r"1st order $-\mathrm{lr}\,f'^2$")  # noqa: RUF027 (mathtext)
ax.plot(lrs, -lrs * d1**2 * (1 - lrs * d2 / 2), color=COLORS["path"], ls=":", lw=2,
        label=r"2nd order $-\mathrm{lr}\,f'^2\,(1 - \mathrm{lr}\,f''/2)$")  # noqa: RUF027 (mathtext)
ax.axhline(0.0, color="black", lw=0.8)
ax.axvline(2 / d2, color=COLORS["muted"], lw=1)
ax.annotate(r"$2/f''$", (2 / d2, 0.1), xytext=(4, 0), textcoords="offset points", fontsize=9)
ax.set_xlabel(r"learning rate $\mathrm{lr}$")  # noqa: RUF027 (mathtext)
ax.set_ylabel("change of $f$ in one step")
ax.set_title(r"one step from $x = 1.2$ on $f = x^4 - 3x^2 + x$")
ax.set_ylim(-0.12, 0.15)
ax.legend(fontsize=8, loc="lower left")
show(fig)

# %% [markdown]
# For a tiny lr all three agree (the step lowers f by lr · f′²). The first-order line keeps
# promising more and more; the true change stops improving and turns positive: a step that
# goes *up*. The second-order curve follows the turn and crosses zero at 2 / f″ = 0.177; the
# true change crosses a little later, at 0.20, because f″ is smaller along this step than at
# its start (9.35 at the minimum against 11.28 at x = 1.2): the dots in the formula. So the
# limit 2 / f″ is exact for quadratics and a close guide near a minimum, not a law.
#
# ## 5. Try it: the 1-D descent explorer
#
# Move the learning rate past 1, the stability limit, and watch the path on the curve (left)
# and x against the iteration (right). Switch between the raw and the normalized (unit)
# gradient, and look for the starting points where the unit gradient cycles.

# %%
explorer = DescentExplorer1D(lr=0.8, x0=1.0, gradient="raw", steps=20)
print(explorer.status)
explorer.snapshot()

# %% tags=["nbval-ignore-output"]
explorer.ui

# %% [markdown]
# ## 6. Several minima: the start decides
#
# f(x) = x⁴ − 3x² + x has two minima: a deep (global) one on the left and a shallow (local)
# one on the right, separated by a small hump. Gradient descent only ever goes downhill, so it
# settles in the minimum of whichever valley it starts in. Colouring each start point by the
# minimum it reaches draws the two **basins of attraction**:

# %%
two = F.get("two_minima")
starts = np.linspace(-2.0, 2.0, 81)
ends = basins(two.grad, starts, two.minima, lr=0.05, steps=2000)
print(f"minima: global x = {two.minima[0]:.4f} (f = {two.f(two.minima[0]):.4f}), "
      f"local x = {two.minima[1]:.4f} (f = {two.f(two.minima[1]):.4f})")
print(f"{np.mean(ends == 0):.0%} of the starts reach the global minimum: every start up to "
      f"{starts[ends == 0].max():.2f}; from {starts[ends == 1].min():.2f} on, the local one")
print(f"the basins meet at the top of the hump, x = {two.extra['maximum']:.4f} "
      "(f' = 0, f'' < 0)")
show(basins_figure(two, starts, ends))

# %% [markdown]
# ## 7. Randomness as a way out
#
# The article suggests adding some randomness so that a run has a chance to escape a local
# minimum. Two simple ways, both seeded so that this page is reproducible:
#
# * **random restarts**: run plain descent from several random start points and keep the best
#   end point;
# * **noisy gradients**: add random noise to every gradient, strong at first and fading
#   (the noise is multiplied by 0.98 at each step), so that early steps can hop over the hump
#   and late steps settle down.
#
# First, random restarts: the more starts, the likelier that one of them lies in the global
# basin. That basin is [−2, 0.1699) of the interval [−2, 2], a share p = 2.1699 / 4 = 54%
# (section 6), so one start succeeds with probability p and the best of n starts with
# probability 1 − (1 − p)ⁿ. We measure it over 200 seeds; a share measured on 200 seeds
# carries a sampling error, its binomial standard error $\sqrt{p(1-p)/200}$:

# %%
SEEDS = 200
p_basin = (two.extra["maximum"] + 2.0) / 4.0
print(f"{'restarts':>8} {'measured over 200 seeds':>24} {'± std. error':>13} "
      f"{'predicted 1-(1-p)^n':>20}")
for n in (1, 2, 3, 5):
    hits = [nearest(random_restarts(two.grad, two.f, -2.0, 2.0, n=n, lr=0.05, steps=300,
                                    seed=seed)[0].x, two.minima) == 0 for seed in range(SEEDS)]
    share = np.mean(hits)
    print(f"{n:>8d} {share:>24.1%} {np.sqrt(share * (1 - share) / SEEDS):>13.1%} "
          f"{1 - (1 - p_basin) ** n:>20.1%}")

# %% [markdown]
# More restarts help, as predicted, but the measured shares sit below the prediction, by
# 2.6 standard errors for one start (45.0 % against 54.2 %). That is sampling noise, of an
# unlucky kind: the rows share their seeds (seed s draws the same first start for every n),
# so one unlucky set of 200 seeds shows in every row. Drawing only the first start point of
# 100,000 seeds (cheap: no descent needed, since every run ends in its start's basin) gives
# the share the prediction says, to within its standard error of 0.16 %:

# %%
firsts = np.array([np.random.default_rng(seed).uniform(-2.0, 2.0) for seed in range(100_000)])
print(f"first start in the global basin: {np.mean(firsts[:SEEDS] < two.extra['maximum']):.1%} "
      f"of seeds 0-199, {np.mean(firsts < two.extra['maximum']):.2%} of seeds 0-99,999 "
      f"(p = {p_basin:.2%})")

# %% [markdown]
# Now noisy gradients, all starting at x0 = 1.5, in the local basin, where plain descent is
# sure to end in the local minimum. The share of 100 seeded runs that end in the global one:

# %%
print(f"{'noise':>6} {'global':>7} {'local':>6} {'diverged':>9}")
for noise in (0.0, 4.0, 8.0, 12.0):
    runs = [noisy_gradient_descent(two.grad, 1.5, lr=0.05, noise=noise, steps=300, seed=s)
            for s in range(100)]
    settled = [nearest(r.x, two.minima) for r in runs if r.status != "diverged"]
    print(f"{noise:>6.1f} {settled.count(0) / 100:>7.0%} {settled.count(1) / 100:>6.0%} "
          f"{(100 - len(settled)) / 100:>9.0%}")

# %%
runs = [noisy_gradient_descent(two.grad, 1.5, lr=0.05, noise=8.0, steps=300, seed=s)
        for s in range(30)]
show(endings_figure(two, runs, "30 noisy runs from x0 = 1.5 (noise 8): where they end"))

# %% [markdown]
# Noise is no guarantee: it moves some runs across the hump and not others, and too much of it
# would also throw runs out of the global basin. But it gives a run a chance that plain descent
# never has. Stochastic gradient descent (SGD, 隨機梯度下降), used to train networks, gets
# its noise for free by computing each gradient on a few random examples (lesson 08).
#
# ### Try it: noise and seeds
#
# Start in the local basin, raise the noise, and step through the seeds: some runs cross to the
# global minimum (orange square), some stay (purple diamond). With noise 0 the seed does
# nothing.

# %%
minima_explorer = MinimaExplorer1D(x0=1.5, lr=0.05, noise=8.0, seed=2)
print(minima_explorer.status)
minima_explorer.snapshot()

# %% tags=["nbval-ignore-output"]
minima_explorer.ui

# %% [markdown]
# ## Exercises
#
# Type an answer in place of `None`, or write the function the exercise asks for, and run the
# cell: the checker says *right* or *not yet* with a hint (a second try gets a more specific
# hint). The worked solution sits in the collapsed cell under each exercise.
#
# **Exercise 1.** f(x) = x² + 3x. One step of raw gradient descent from x = 0 with lr = 0.1:
# what is the new x? (to 4 decimals)

# %%
answer = None   # replace None with your answer
check("03.1", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: f'(x) = 2x + 3, so f'(0) = 3 and x_new = 0 - 0.1 * 3 = -0.3.
check("03.1", 0.0 - 0.1 * F.get("square_plus_3x").grad(0.0))

# %% [markdown]
# **Exercise 2.** f(x) = 3x². Which learning rate makes raw gradient descent land exactly on
# the minimum in one step, from any start? (to 4 decimals; a fraction such as `"1/7"` is
# fine too)

# %%
answer = None   # replace None with your answer
check("03.2", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: f'(x) = 6x, so x_new = x - lr * 6x = (1 - 6 lr) x. The factor is 0 when
# lr = 1/6 (and the run would cycle at lr = 2/6, diverge above it).
check("03.2", "1/6")

# %% [markdown]
# **Exercise 3.** f(x) = x⁴ − 3x² + x. Raw gradient descent from x = 0.5 with lr = 0.05:
# where does it end? (to 2 decimals)

# %%
answer = None   # replace None with your answer
check("03.3", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: f'(0.5) = 0.5 - 3 + 1 = -1.5 < 0, so the run moves right, away from the
# hump at x = 0.17, into the local basin; it ends at the local minimum x = 1.13.
check("03.3", round(gradient_descent(two.grad, 0.5, 0.05, steps=1000).x, 2))

# %% [markdown]
# **Exercise 4 (code).** Both kinds of step, as a function. Write `two_steps(df, x, lr)`:
# from x, one step of raw gradient descent, $x - \text{lr}\, f'(x)$, and one unit-gradient
# step, of length lr against the slope. Return both: `return x_raw, x_unit`. Where
# $f'(x) = 0$ there is no direction: both stay at x. The checker compares with the course's
# `gradient_descent(..., steps=1)` on five cases.

# %%
def two_steps(df, x, lr):
    # your code here: return x_raw, x_unit
    raise NotImplementedError


check("03.4", two_steps)


# %% jupyter={"source_hidden": true}
# Worked solution: the raw step scales with the slope, the unit step only uses its sign.
def two_steps(df, x, lr):
    g = df(x)
    if g == 0:
        return x, x
    return x - lr * g, x - lr * g / abs(g)


check("03.4", two_steps)

# %% [markdown]
# **Exercise 5 (predict, then move the slider).** In the 1-D explorer of section 5
# (f(x) = x², raw gradient, x0 = 1), what will the run do at lr = 0.75: `"monotone"`,
# `"one step"`, `"oscillating convergence"`, `"a cycle"` or `"divergence"`? Predict first,
# check here, then set the slider and read the status line.

# %%
answer = None   # replace None with your prediction
check("03.5", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: each step multiplies x by 1 - lr f'' = 1 - 0.75 * 2 = -0.5: the sign flips
# every step and the size halves, so the run zig-zags into the minimum.
factor = 1 - 0.75 * 2
check("03.5", "oscillating convergence" if -1 < factor < 0 else "not this one")
