# %% [markdown]
# # Lesson 04: gradient descent in 2-D and beyond (梯度下降)
#
# **What you will learn.** In two variables a search can step in infinitely many directions,
# so trying them one by one (lesson 02) is out. The gradient (梯度) picks the best one for us:
# its components are the partial derivatives (偏導數), and minus the gradient points straight
# downhill. You will replay the article's example on f(x, y) = x² + y², see the gradient field
# over the level curves, watch descent zig-zag in a narrow valley and find that valley's
# stability limit, and finally run the very same update rule with a thousand variables.
#
# [Course map](00_course_map.ipynb) · previous: [Lesson 03, gradient descent in 1-D](03_gradient_descent_1d.ipynb) · next: [Lesson 05, the neuron](05_neuron.ipynb)

# %%
import numpy as np

from ann_helpers import functions as F
from ann_helpers.descent import gradient_descent, point_text, step_table
from ann_helpers.exercises import check
from ann_helpers.explorers.descent import DescentExplorer2D, runs_2d, surface_with_path
from ann_helpers.plotting import show

bowl = F.get("bowl")
print(bowl.label, "  gradient: (df/dx, df/dy) = (2x, 2y)")

# %% [markdown]
# ## 1. The article's example: one step to the bottom
#
# For a function of two variables the gradient is the vector of its two partial derivatives,
# grad f = (∂f/∂x, ∂f/∂y), written 2x**i** + 2y**j** for f = x² + y². It points where f grows
# fastest; minus the gradient points where it falls fastest. One step of gradient descent
# moves the whole point at once:
#
# $$(x, y)_{\text{new}} = (x, y)_{\text{old}} - \text{lr}\cdot \nabla f\big((x, y)_{\text{old}}\big).$$
#
# From (−5, −5) with lr = 0.5:

# %%
start = np.array([-5.0, -5.0])
g = bowl.grad(start)
new = start - 0.5 * g
print(f"gradient at {point_text(start)}: {point_text(g)}")
print(f"minus the gradient:     {point_text(-g)}")
print(f"new point = {point_text(start)} + 0.5 * {point_text(-g)} = {point_text(new)}")
print(f"gradient at {point_text(new)}: {point_text(bowl.grad(new))}: stop")

# %%
run = gradient_descent(bowl.grad, start, lr=0.5, f=bowl.f)
print(step_table(run))

# %% [markdown]
# The rule is word for word the 1-D rule of lesson 03, with x now a vector. Nothing in it
# depends on the number of variables, which is the whole point.
#
# ## 2. The gradient field over the level curves
#
# Draw the level curves (contours) of f, the curves where f is constant, and the gradient as
# an arrow at many points. Two facts jump out: every arrow is **perpendicular** to the level
# curve through its foot, and the arrows are **longest where the level curves crowd
# together**, where the surface is steepest.

# %%
narrow = F.get("narrow_bowl")
show(runs_2d([bowl, narrow], [], [bowl.label, narrow.label], arrows=True, size=(6.6, 3.7)))

# %% [markdown]
# Perpendicular, checked by numbers: along the level curve through a point, f does not change,
# so the curve's direction t satisfies grad f · t = 0. For x² + y² the level curves are circles
# and t = (−y, x); for x² + 10y² they are ellipses and t = (−20y, 2x):

# %%
print(f"{'f':<16} {'point':>10} {'gradient':>14} {'|gradient|':>11} {'grad . t':>9}")
for fn, tangent in [(bowl, lambda x, y: (-y, x)), (narrow, lambda x, y: (-20 * y, 2 * x))]:
    for p in [(3.0, 4.0), (1.0, 0.5), (0.3, 0.1)]:
        gp = fn.grad(np.array(p))
        print(f"{fn.label[10:]:<16} {point_text(p):>10} {point_text(gp):>14} "
              f"{np.linalg.norm(gp):>11.3f} {gp @ np.array(tangent(*p)):>9.1f}")

# %% [markdown]
# The same descent seen as a walk on the surface itself, on the ill-conditioned bowl x² + 10y²
# (next section):

# %%
zigzag = gradient_descent(narrow.grad, [-5.0, -2.0], lr=0.09, steps=40, f=narrow.f)
show(surface_with_path(narrow, zigzag))

# %% [markdown]
# ## 3. A narrow valley: zig-zag and the stability limit
#
# On the round bowl the gradient points at the centre from everywhere. On x² + 10y² it does
# not: the surface is ten times steeper across y than along x, so the gradient is dominated by
# its y part and the path bounces from wall to wall while creeping along x. Each coordinate
# follows its own 1-D rule from lesson 03:
#
# * x_new = (1 − 2 lr) x, stable for lr < 2/2 = 1;
# * y_new = (1 − 20 lr) y, stable only for lr < 2/20 = 0.1.
#
# The steepest direction sets the limit for the whole run: **lr < 2 / (largest curvature)**,
# where the curvatures are the eigenvalues of the matrix of second derivatives (the Hessian).

# %%
print(f"curvatures of {narrow.label}: {np.linalg.eigvalsh(narrow.hessian(None))}")
print(f"stability limit 2 / largest curvature = {narrow.lr_limit():g}")
print(f"{'lr':>6} {'status':>12} {'steps':>6}  x-factor  y-factor")
for lr in (0.02, 0.05, 0.09, 0.1, 0.105):
    r = gradient_descent(narrow.grad, [-5.0, -2.0], lr, steps=2000, f=narrow.f)
    print(f"{lr:>6.3f} {r.status:>12} {r.steps:>6d}  {1 - 2 * lr:>8.2f}  {1 - 20 * lr:>8.2f}")

# %%
rates = (0.02, 0.09, 0.1, 0.105)
runs = [gradient_descent(narrow.grad, [-5.0, -2.0], lr, steps=40, f=narrow.f) for lr in rates]
show(runs_2d(narrow, runs, [f"lr = {lr}: {r.status}" for lr, r in zip(rates, runs,
                                                                     strict=True)]))

# %% [markdown]
# With lr = 0.02 the path is smooth but crawls along x (each step keeps 96% of x). At 0.09 it
# zig-zags in y but gets along x faster. At 0.1 the y coordinate flips between +2 and −2 for
# ever (a cycle in y while x still shrinks: after 40 steps the run is not over, and it never
# will be), and at 0.105 the y bounces grow: divergence. The best lr is a compromise forced by
# the ratio of the largest to the smallest curvature, the **condition number** (here 10).
# That is why badly scaled inputs make networks slow to train, and why inputs are usually
# normalised first.
#
# ## 4. Try it: the 2-D descent explorer
#
# Choose a surface, a start point and a learning rate. The left panel shows the path on the
# contours, the right one how far f is from its minimum (log scale: a straight line going
# down is steady, geometric progress). The status line compares lr with the stability limit.
# Try lr just below and just above 0.1 on the ill-conditioned bowl; on the rotated valley
# (the one compass search struggled with in lesson 02) the gradient does not care about the
# rotation. Rosenbrock's banana-shaped valley needs a tiny lr (its limit is about 0.002) and
# many steps.

# %%
explorer = DescentExplorer2D(function="ill-conditioned x² + 10y²", x0=-5.0, y0=-2.0, lr=0.09,
                             steps=60)
print(explorer.status)
explorer.snapshot()

# %% tags=["nbval-ignore-output"]
explorer.ui

# %% [markdown]
# Rosenbrock, in numbers: its curved valley floor is almost flat, so even a stable lr takes
# thousands of steps, and a slightly larger one already blows up in the steep walls:

# %%
rosen = F.get("rosenbrock")
print(f"{rosen.label}: limit near the minimum 2 / largest curvature = {rosen.lr_limit():.5f}")
for lr, steps in [(0.001, 2000), (0.001, 20000), (0.0019, 20000), (0.005, 20000)]:
    r = gradient_descent(rosen.grad, [-1.5, 2.0], lr, steps=steps, f=rosen.f)
    print(f"lr = {lr:<7g} steps = {steps:<6d} {r.status:>10}: x = ({r.x[0]:.4f}, {r.x[1]:.4f}),"
          f" f = {r.values[-1]:.2e}")

# %% [markdown]
# ## 5. A thousand variables, the same three lines
#
# The update rule did not mention the number of variables, so we can run it unchanged with
# n = 1,000. Take a seeded random convex bowl f(x) = ½ xᵀAx − bᵀx whose curvatures spread
# from 1 to 10 and whose axes are turned at random (its gradient is Ax − b, one line of numpy):

# %%
n = 1000
quad = F.random_quadratic(n, condition=10.0, seed=0)
lr = 1.0 / quad.max_curvature()
big = gradient_descent(quad.grad, np.zeros(n), lr, steps=5000, tol=1e-8, f=quad.f)
x_star = np.array(quad.global_minimum)
print(f"n = {n} variables, lr = {lr:.4f}")
print(big.message)
print(f"f: {big.values[0]:.4f} -> {big.values[-1]:.6f}")
print(f"largest |x_i - x*_i| at the end = {np.max(np.abs(big.x - x_star)):.1e}")
# For a quadratic f - f_min = ½ (x - x*)·∇f(x), which keeps its digits however small it gets
# (subtracting two values of f near -132 would leave only the first three or four).
for k in (0, 10, 50, 100):
    print(f"  step {k:>4d}: f - f_min = {0.5 * (big.points[k] - x_star) @ big.grads[k]:.2e}")

# %% [markdown]
# About two hundred cheap steps reach the minimum of a function of a thousand variables to
# eight digits. Compare the classical route of lesson 01: set all 1,000 partial derivatives to
# zero and solve the system (for this quadratic it happens to be linear, Ax = b; for a network
# it is a tangle of nonlinear equations nobody can solve), then check the n(n + 1)/2 second
# partial derivatives:

# %%
print(f"second partial derivatives to inspect for n = {n}: {n * (n + 1) // 2:,}")

# %% [markdown]
# Gradient descent needs none of that: only the gradient, again and again. One last reminder
# from the article: what we are after is the **arg-min**, the point x where f is smallest (the
# network's best parameters), not the smallest value of f itself.
#
# ## Exercises
#
# **Exercise 1.** f(x, y) = x² + y². What is the gradient at (3, −1)? Answer as a pair, e.g.
# `(1.0, 2.0)`.

# %%
answer = None   # replace None with your answer
check("04.1", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: grad f = (2x, 2y) = (2 * 3, 2 * (-1)) = (6, -2).
check("04.1", (2 * 3, 2 * -1))

# %% [markdown]
# **Exercise 2.** Same f. One step of gradient descent from (3, −1) with lr = 0.25: what is
# the new point?

# %%
answer = None   # replace None with your answer
check("04.2", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: (3, -1) - 0.25 * (6, -2) = (3 - 1.5, -1 + 0.5) = (1.5, -0.5).
check("04.2", tuple(np.array([3.0, -1.0]) - 0.25 * bowl.grad(np.array([3.0, -1.0]))))

# %% [markdown]
# **Exercise 3.** f(x, y) = x² + 10y². Above which learning rate does gradient descent blow up
# along y?

# %%
answer = None   # replace None with your answer
check("04.3", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: along y a step multiplies y by (1 - 20 lr); |1 - 20 lr| > 1 once lr > 2/20.
check("04.3", 2 / 20)
