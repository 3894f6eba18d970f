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
#
# **繁體中文:** This lesson in Traditional Chinese: [繁體中文版](zh-Hant/04_gradient_descent_2d.ipynb)

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
from ann_helpers.descent import gradient_descent, point_text, step_table
from ann_helpers.exercises import check
from ann_helpers.explorers.descent import (
    DescentExplorer2D,
    outcome,
    runs_2d,
    surface_with_path,
)
from ann_helpers.plotting import COLORS, new_figure, show

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
# ## 2. Why minus the gradient is the steepest way down
#
# Stand at a point p and pick a direction, a unit vector u = (cos θ, sin θ). How fast does f
# change if you walk that way? Near p, f is close to its tangent plane (first-order Taylor):
#
# $$f(p + h\,u) \approx f(p) + h\,\Big(\frac{\partial f}{\partial x}u_1 + \frac{\partial f}{\partial y}u_2\Big) = f(p) + h\,\nabla f(p)\cdot u ,$$
#
# so the rate of change along u, the **directional derivative**, is $D_u f(p) = \nabla f(p)\cdot u$.
# By the Cauchy-Schwarz inequality $|\nabla f \cdot u| \le |\nabla f|\,|u| = |\nabla f|$, with
# equality only when u is parallel to ∇f; in angles, $\nabla f\cdot u = |\nabla f|\cos\varphi$,
# where φ is the angle between them. So:
#
# * the largest rate, $+|\nabla f|$, is along u = ∇f / |∇f| (φ = 0): the gradient points
#   uphill, steepest;
# * the smallest, $-|\nabla f|$, is along u = −∇f / |∇f| (φ = 180°): **minus the gradient is
#   the steepest way down**;
# * along the two directions at φ = ±90° the rate is 0: those are the directions of the level
#   curve through p.
#
# Checked without the formula: at p = (1, 0.5) on x² + 10y², measure the rate of change of f
# in 360 directions by central differences, (f(p + hu) − f(p − hu)) / 2h, and see where it is
# most negative:

# %%
narrow = F.get("narrow_bowl")
p = np.array([1.0, 0.5])
h = 1e-5
thetas = np.deg2rad(np.arange(360))
units = np.stack([np.cos(thetas), np.sin(thetas)], axis=1)
rates = np.array([(narrow.f(p + h * u) - narrow.f(p - h * u)) / (2 * h) for u in units])
gp = narrow.grad(p)
grad_angle = np.rad2deg(np.arctan2(gp[1], gp[0]))
print(f"gradient at {point_text(p)}: {point_text(gp)}, |gradient| = {np.linalg.norm(gp):.4f}, "
      f"angle {grad_angle:.1f} degrees")
print(f"steepest rise:    {rates.max():+.4f} per unit step, at {np.argmax(rates)} degrees")
print(f"steepest descent: {rates.min():+.4f} per unit step, at {np.argmin(rates)} degrees "
      f"(the gradient's angle + 180 = {grad_angle + 180:.1f})")

# %%
fig, ax = new_figure(size=(6.4, 3.0))
ax.plot(np.rad2deg(thetas), rates, color=COLORS["curve"],
        label=r"$D_u f(p)$ measured by central differences")
ax.axvline(grad_angle, color=COLORS["grad"], ls="--", label=r"direction of $\nabla f(p)$")
ax.axvline(grad_angle + 180, color=COLORS["path"], ls=":", lw=2,
           label=r"direction of $-\nabla f(p)$")
ax.axhline(-np.linalg.norm(gp), color=COLORS["muted"], lw=0.8)
ax.axhline(np.linalg.norm(gp), color=COLORS["muted"], lw=0.8)
ax.set_xlabel(r"direction $\theta$ of the unit vector $u = (\cos\theta, \sin\theta)$, degrees")
ax.set_ylabel(r"rate of change $\nabla f \cdot u$")
ax.set_xticks(range(0, 361, 45))
ax.set_title(r"$f = x^2 + 10y^2$ at $p = (1, 0.5)$: the rate lies between $\pm|\nabla f|$ (grey)")
ax.legend(fontsize=8, loc="lower left")
show(fig)

# %% [markdown]
# The measured curve is |∇f| cos φ: highest (+10.1979, at 79°, the whole degree nearest to the
# gradient's 78.7°; |∇f| itself is 10.1980), lowest (−10.1979) opposite to it at 259°, and
# zero a quarter turn either side. No direction goes down faster than −∇f.
#
# ## 3. The gradient field over the level curves
#
# Draw the level curves (contours) of f, the curves where f is constant, and the gradient as
# an arrow at many points. Here the levels are **evenly spaced** in f (the same step of f
# from one curve to the next). Two facts jump out: every arrow is **perpendicular** to the
# level curve through its foot, and the arrows are **longest where the level curves crowd
# together**, where the surface is steepest: to climb the same step of f, a steep place needs
# a short walk, so the curves sit close (their spacing is about step / |∇f|). Both bowls are
# steepest far from the minimum, so that is where the curves crowd and the arrows are long.

# %%
show(runs_2d([bowl, narrow], [], [bowl.label, narrow.label], arrows=True, size=(6.6, 3.7),
             spacing="even"))

# %% [markdown]
# Perpendicular, checked by numbers, against the level curve itself: ask matplotlib's contour
# routine (which knows nothing about gradients, only values of f on a fine grid around the
# point) for the level curve through a point, take the direction t of that curve at the
# point, and measure the angle between t and the gradient:

# %%
def level_curve_direction(fn, p, half_width=0.01, n=41):
    """The unit direction of the level curve of fn through p, from a contour of a fine grid."""
    xs = np.linspace(p[0] - half_width, p[0] + half_width, n)
    ys = np.linspace(p[1] - half_width, p[1] + half_width, n)
    X, Y = np.meshgrid(xs, ys)
    fig, ax = new_figure()                            # matplotlib's contour routine, unshown
    contours = ax.contour(X, Y, fn.f_xy(X, Y), levels=[fn.f(np.asarray(p))])
    curve = max(contours.allsegs[0], key=len)         # the piece of the curve through p
    i = int(np.argmin(np.linalg.norm(curve - p, axis=1)))
    t = curve[min(i + 1, len(curve) - 1)] - curve[max(i - 1, 0)]
    return t / np.linalg.norm(t)


print(f"{'f':<16} {'point':>10} {'gradient':>14} {'|gradient|':>11} {'angle to level curve':>21}")
for fn in (bowl, narrow):
    for q in [(3.0, 4.0), (1.0, 0.5), (0.3, 0.1)]:
        gq = fn.grad(np.array(q))
        t = level_curve_direction(fn, np.array(q))
        angle = np.rad2deg(np.arccos(abs(gq @ t) / np.linalg.norm(gq)))
        print(f"{fn.label[10:]:<16} {point_text(q):>10} {point_text(gq):>14} "
              f"{np.linalg.norm(gq):>11.3f} {angle:>17.1f} deg")

# %% [markdown]
# The angle is 90° to within a tenth of a degree (the contour routine draws the curve as
# short straight pieces between grid points, hence the 89.9).
#
# The same descent seen as a walk on the surface itself, on the ill-conditioned bowl x² + 10y²
# (next section):

# %%
zigzag = gradient_descent(narrow.grad, [-5.0, -2.0], lr=0.09, steps=40, f=narrow.f)
show(surface_with_path(narrow, zigzag))

# %% [markdown]
# ## 4. A narrow valley: zig-zag and the stability limit
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
print(f"{'lr':>6}  x-factor  y-factor  what 2000 steps do")
for lr in (0.02, 0.05, 0.09, 0.1, 0.105):
    r = gradient_descent(narrow.grad, [-5.0, -2.0], lr, steps=2000, f=narrow.f)
    print(f"{lr:>6.3f}  {1 - 2 * lr:>8.2f}  {1 - 20 * lr:>8.2f}  {outcome(r)}")

# %%
rates = (0.02, 0.09, 0.1, 0.105)
runs = [gradient_descent(narrow.grad, [-5.0, -2.0], lr, steps=40, f=narrow.f) for lr in rates]
for lr, r in zip(rates, runs, strict=True):
    print(f"lr = {lr:<5}: {outcome(r)}")
show(runs_2d(narrow, runs, [f"lr = {lr}:\n{outcome(r)}" for lr, r in zip(rates, runs,
                                                                        strict=True)],
             size=(12.0, 3.7)))

# %% [markdown]
# With lr = 0.02 the path is smooth but crawls along x (each step keeps 96% of x). At 0.09 it
# zig-zags in y but gets along x faster. At 0.1 the y coordinate flips between +2 and −2 for
# ever (a cycle in y while x still shrinks: after 40 steps the run is not over, and it never
# will be; after 126 steps x is about 3 × 10⁻¹², the points repeat to 12 digits, and the
# table above calls it a cycle), and at 0.105 the y bounces grow by 1.1 per step: divergence
# (f grows past 10⁶ times its starting value 65 after 76 steps, the table's "diverged"). The
# titles describe each 40-step run in words, from what |gradient| did over its last 20 steps. The best lr is a compromise forced by
# the ratio of the largest to the smallest curvature, the **condition number** (here 10).
# That is why badly scaled inputs make networks slow to train, and why inputs are usually
# normalised first.
#
# ## 5. Try it: the 2-D descent explorer
#
# Choose a surface, a start point and a learning rate. The left panel shows the path on the
# contours (the colour bar beside them gives f on each level curve), the right one how far f
# is from its minimum (log scale: a straight line going
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
    print(f"lr = {lr:<7g} steps = {steps:<6d} x = ({r.x[0]:.4f}, {r.x[1]:.4f}), "
          f"f = {r.values[-1]:.2e}: {outcome(r)}")

# %% [markdown]
# ## 6. A thousand variables, the same three lines
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
# Type an answer in place of `None`, or write the function the exercise asks for, and run the
# cell: the checker says *right* or *not yet* with a hint (a second try gets a more specific
# hint). The worked solution sits in the collapsed cell under each exercise.
#
# **Exercise 1.** f(x, y) = x² + y². What is the gradient at (3, −1)? Answer as a pair, e.g.
# `(1.0, 2.0)`. (to 4 decimals)

# %%
answer = None   # replace None with your answer
check("04.1", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: grad f = (2x, 2y) = (2 * 3, 2 * (-1)) = (6, -2).
check("04.1", (2 * 3, 2 * -1))

# %% [markdown]
# **Exercise 2.** Same f. One step of gradient descent from (3, −1) with lr = 0.25: what is
# the new point? (to 4 decimals)

# %%
answer = None   # replace None with your answer
check("04.2", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: (3, -1) - 0.25 * (6, -2) = (3 - 1.5, -1 + 0.5) = (1.5, -0.5).
check("04.2", np.array([3.0, -1.0]) - 0.25 * bowl.grad(np.array([3.0, -1.0])))

# %% [markdown]
# **Exercise 3.** f(x, y) = x² + 10y². Above which learning rate does gradient descent blow up
# along y? (to 4 decimals)

# %%
answer = None   # replace None with your answer
check("04.3", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: along y a step multiplies y by (1 - 20 lr); |1 - 20 lr| > 1 once lr > 2/20.
check("04.3", 2 / 20)

# %% [markdown]
# **Exercise 4 (code).** The descent loop with a stopping rule. Write
# `descend(grad, p0, lr, tol, max_steps)`: start at the point `p0` (a numpy array), repeat
# $p \leftarrow p - \text{lr}\,\nabla f(p)$, and stop as soon as $|\nabla f(p)| <$ `tol` or
# after `max_steps` steps. Return the last point and the number of steps taken:
# `return p, steps`. The checker compares with the course's `gradient_descent` on four runs,
# one that uses up its budget and one that starts at the minimum.

# %%
def descend(grad, p0, lr, tol, max_steps):
    # your code here: return p, steps
    raise NotImplementedError


check("04.4", descend)


# %% jupyter={"source_hidden": true}
# Worked solution: two conditions keep the loop going, a gradient still longer than tol and
# steps left in the budget; the gradient at the new point decides whether to go on.
def descend(grad, p0, lr, tol, max_steps):
    p, steps = np.asarray(p0, dtype=float), 0
    g = grad(p)
    while np.linalg.norm(g) >= tol and steps < max_steps:
        p = p - lr * g
        steps += 1
        g = grad(p)
    return p, steps


check("04.4", descend)

# %% [markdown]
# **Exercise 5 (predict, then move the slider).** In the explorer of section 5, choose the
# round bowl x² + y², start (−5, −5), 50 steps. Before you move the learning rate to 1.0,
# predict the status: `"converged"`, `"oscillating"`, `"diverged"` or `"max_steps"`? Check
# here, then set the slider and read the status line.

# %%
answer = None   # replace None with your prediction
check("04.5", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: along each axis a step multiplies the coordinate by 1 - lr * 2 = -1, so
# (-5, -5) jumps to (5, 5) and back to (-5, -5): a cycle of two points, for ever.
factor = 1 - 1.0 * 2
check("04.5", "oscillating" if factor == -1 else "not this one")
