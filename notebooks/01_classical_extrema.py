# %% [markdown]
# # 01 Classical extrema: the textbook method, and why networks cannot use it
#
# Training a network means finding the parameters where the loss is smallest: a minimum
# point (極小值點). Calculus has a classical recipe for that: set the derivative to zero and
# look at the second derivative. **In this lesson you will** run the recipe exactly with
# sympy on one variable ($f(x) = x^2 + 3x$) and on two ($x^2 + y^2$, $x^2 - y^2$, ...),
# meet the points where it needs extra care ($x^3$ and $|x|$ at 0), and see with numbers why
# it collapses for a function of millions of variables. That failure is the reason the rest
# of the course is about gradient descent.
#
# [Course map](00_course_map.ipynb) · next: [02 Enumeration search](02_enumeration_search.ipynb)
#
# **繁體中文:** This lesson in Traditional Chinese: [繁體中文版](zh-Hant/01_classical_extrema.ipynb)

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
import sympy as sp

from ann_helpers.calculus import (
    classify_point,
    coupled_example,
    derivative_signs,
    gradient,
    gradient_system_report,
    hessian,
    numerical_derivative,
    second_partials_count,
    stationary_points,
)
from ann_helpers.exercises import check
from ann_helpers.explorers.extrema import (
    TangentExplorer,
    two_variable_figure,
    two_variable_surfaces,
)
from ann_helpers.plotting import show

x, y = sp.symbols("x y", real=True)

# %% [markdown]
# ## 1. One variable: $f(x) = x^2 + 3x$
#
# Where a smooth function has a minimum or a maximum (an extremum, 極值), its graph is flat:
# the tangent is horizontal, so the derivative is 0. A point with $f'(x) = 0$ is called a
# stationary point (駐點). The recipe starts there: differentiate, set the derivative to 0,
# solve.

# %%
f = x**2 + 3 * x
df = sp.diff(f, x)
(point,) = stationary_points(f, [x])
print(f"f(x)  = {f}")
print(f"f'(x) = {df}")
print(f"f'(x) = 0  at  x = {point[x]} = {float(point[x]):.1f}")

# %% [markdown]
# A flat tangent is only a *candidate*: the graph could also flatten out and keep climbing.
# Two ways to decide.
#
# **The sign table.** Look at the sign of $f'$ on both sides of the candidate. Falling
# before and rising after means the bottom of a valley: a minimum.

# %%
print("    x    f'(x)  sign   f is")
for xi, slope, sign in derivative_signs(f, x, [-3, -2, -1.5, -1, 0]):
    trend = {"-": "falling", "0": "flat", "+": "rising"}[sign]
    print(f"{xi:5.1f}  {slope:6.2f}   {sign}     {trend}")

# %% [markdown]
# $f'$ is negative left of $-1.5$ and positive right of it: $f$ falls, then rises.
#
# **The second derivative.** $f''$ is the rate of change of the slope. If $f'' > 0$ at the
# candidate, the slope is increasing through 0, from negative to positive: again a minimum.

# %%
d2f = sp.diff(f, x, 2)
print(f"f''(x) = {d2f}, so f''({point[x]}) = {d2f.subs(x, point[x])} > 0")
print(f"f({point[x]}) = {f.subs(x, point[x])} = {float(f.subs(x, point[x])):.2f}")
print(f"second-derivative test: {classify_point(f, [x], point)}")

# %% [markdown]
# ### The tangent line, live
#
# The explorer draws $f$ and its tangent at a point $a$ that you choose. The curve is solid
# vermillion where $f$ falls ($f' < 0$) and dotted blue where it rises ($f' > 0$). Slide $a$ towards $-1.5$
# and watch the tangent turn flat. Notice what the sign of the slope tells you: it points
# the way *down*. That observation is the seed of gradient descent (lesson 03).

# %%
explorer = TangentExplorer(function="x^2 + 3x", x=-2.5)
print(explorer.status)
explorer.snapshot()

# %% tags=["nbval-ignore-output"]
explorer.ui

# %% [markdown]
# ## 2. Candidates that are not what they seem
#
# **$f(x) = x^3$ at 0.** The derivative $3x^2$ is 0 at $x = 0$, so 0 is a stationary point.
# But $f'' = 6x$ is 0 there too: the second-derivative test says nothing. The sign table
# decides: $f'$ is positive on both sides, so $x^3$ keeps climbing through 0. A stationary
# point that is no extremum.

# %%
cube = x**3
print(f"stationary points of x^3: {[p[x] for p in stationary_points(cube, [x])]}")
print(f"second-derivative test at 0: {classify_point(cube, [x], [0])}")
print("    x    f'(x)  sign")
for xi, slope, sign in derivative_signs(cube, x, [-1, -0.5, 0, 0.5, 1]):
    print(f"{xi:5.1f}  {slope:6.2f}   {sign}")

# %% [markdown]
# **$f(x) = |x|$ at 0.** The opposite case: a minimum ($|x| \ge 0 = |0|$ everywhere) where
# the derivative does not exist. The graph has a corner: coming from the left the slope is
# $-1$, from the right $+1$, and no single tangent fits. Setting $f'(x) = 0$ can never find
# this point, so the recipe must also list the points where $f'$ does not exist.
#
# The one-sided difference quotients $\frac{f(0) - f(-h)}{h}$ and $\frac{f(h) - f(0)}{h}$
# show the two slopes. (Careful: sympy writes the derivative of $|x|$ as $\mathrm{sign}(x)$,
# and $\mathrm{sign}(0) = 0$ by convention, which would wrongly suggest a flat tangent.)

# %%
absx = sp.Abs(x)
h = 1e-6
left = (abs(0.0) - abs(-h)) / h
right = (abs(h) - abs(0.0)) / h
print(f"sympy: d|x|/dx = {sp.diff(absx, x)}")
print(f"slope from the left  at 0: {left:+.4f}")
print(f"slope from the right at 0: {right:+.4f}")
print(f"central difference at 0:   {numerical_derivative(abs, 0.0):+.4f}  (averages them away)")

# %% [markdown]
# The central difference gives 0 at the corner, which looks like a flat tangent but is not:
# numerical derivatives only make sense where $f$ is smooth. The explorer shows both cases.

# %%
corner = TangentExplorer(function="|x|", x=0.0)
print(corner.status)
corner.snapshot()

# %% [markdown]
# ## 3. Two variables: a system of equations and three second derivatives
#
# For $f(x, y)$ the graph is a surface, and at an extremum it is flat in *every* direction:
# both partial derivatives (偏導數) must vanish,
# $$\frac{\partial f}{\partial x} = 0, \qquad \frac{\partial f}{\partial y} = 0.$$
# That is a system of two equations to solve together. For $x^3 - 3x + y^2$:

# %%
g = x**3 - 3 * x + y**2
for var, eq in zip((x, y), gradient(g, [x, y]), strict=True):
    print(f"df/d{var} = {eq} = 0")
print("solutions:", [(p[x], p[y]) for p in stationary_points(g, [x, y])])

# %% [markdown]
# To classify each stationary point we now need **three** second partial derivatives,
# $A = f_{xx}$, $B = f_{xy}$ and $C = f_{yy}$ (the fourth, $f_{yx}$, equals $f_{xy}$). They
# form the Hessian matrix $H = \begin{pmatrix} A & B \\ B & C \end{pmatrix}$, and the test is:
#
# | $AC - B^2$ | $A$ | the point is a |
# | --- | --- | --- |
# | $> 0$ | $> 0$ | minimum |
# | $> 0$ | $< 0$ | maximum |
# | $< 0$ | | saddle (up in one direction, down in another) |
# | $= 0$ | | the test cannot tell |
#
# Here it is on four functions. (`classify_point` decides by the signs of the Hessian's
# eigenvalues, which is the same test and works in any dimension.)

# %%
CASES = [
    ("x^2 + y^2", x**2 + y**2),
    ("x^2 - y^2", x**2 - y**2),
    ("-x^2 - y^2", -(x**2) - y**2),
    ("x^3 - 3x + y^2", x**3 - 3 * x + y**2),
]
print(f"{'f(x, y)':<16}{'point':>9}{'A':>6}{'B':>6}{'C':>6}{'AC - B^2':>10}   kind")
for label, expr in CASES:
    H = hessian(expr, [x, y])
    for p in stationary_points(expr, [x, y]):
        A, B, C = (float(H[i, j].subs(p)) for i, j in ((0, 0), (0, 1), (1, 1)))
        where = f"({p[x]}, {p[y]})"
        kind = classify_point(expr, [x, y], p)
        print(f"{label:<16}{where:>9}{A:6.1f}{B:6.1f}{C:6.1f}{A * C - B**2:10.1f}   {kind}")

# %% [markdown]
# The contour maps (lines of equal height) show the same thing. Around a minimum or a maximum
# the contours are closed rings; around a saddle they cross, like a mountain pass.

# %%
show(two_variable_figure(CASES))

# %% [markdown]
# As surfaces: a bowl, a saddle (a horse's saddle, or a pass between two peaks), an upside-down
# bowl, and a landscape with one valley floor next to a pass.

# %%
show(two_variable_surfaces(CASES))

# %% [markdown]
# ## 4. Why the method does not scale
#
# Three problems, each worse than the last.
#
# **More second derivatives.** One variable needs one second derivative, two need three. With
# $n$ variables the Hessian is $n \times n$, symmetric, so it holds $n(n+1)/2$ different
# second partial derivatives, and the test must weigh them all together. A modern network
# has hundreds of millions of parameters:

# %%
print(f"{'n variables':>13}  {'second partials n(n+1)/2':>26}")
for n in [1, 2, 3, 10, 10**6, 10**8]:
    print(f"{n:>13,}  {second_partials_count(n):>26,}")

# %% [markdown]
# **Non-linear equations.** Solving $\nabla f = 0$ is easy when the equations are linear.
# For a network they are not. Take a small example with $n$ variables, each coupled to its
# neighbour:
# $$f(x_1, \dots, x_n) = \sum_i (x_i^2 - 1)^2 + \sum_i x_i x_{i+1}.$$
# Its gradient gives $n$ cubic equations. For $n = 2$:

# %%
f2, xs2 = coupled_example(2)
for var, eq in zip(xs2, gradient(f2, xs2), strict=True):
    print(f"df/d{var} = {sp.expand(eq)} = 0")

# %% [markdown]
# **Exact solving explodes.** Eliminating all variables but one leaves a single polynomial
# whose degree multiplies by 3 with every variable added ($3^n$). Beyond degree 4 there is no
# general formula for the roots (Abel-Ruffini), so even a computer algebra system has to fall
# back on approximations. Watch what sympy's general solver `sympy.solve` (the engine under
# `stationary_points`) returns, compared with the true count of real stationary points:

# %%
rows = [" n  equations  most solutions  degree after   real stationary  sympy.solve",
        "    (cubic)    (3^n)           elimination    points           returned"]
for n in [1, 2, 3, 4]:
    fn, xs = coupled_example(n)
    r = gradient_system_report(fn, xs)
    rows.append(f"{n:>2}  {r['equations']:>9}  {r['bezout_bound']:>14}  "
                f"{r['eliminant_degree']:>11}  {r['real_solutions']:>15}  {r['solve_found']:>11}")
print("\n".join(rows))

# %% [markdown]
# Up to $n = 2$ the exact method works. At $n = 3$ there are 23 real stationary points, yet
# the general solver hands back only 3 of them, without any warning; with four variables it
# returns one point out of 61. (The true counts come from the elimination polynomial, whose
# real roots sympy can count without writing them down.) The exact route is not only slow,
# it is fragile, and a network with $10^8$ parameters is far beyond its reach.
#
# So the classical method is exact but does not generalise: each new variable needs more
# second derivatives, the equations are non-linear, and solving them exactly is hopeless.
# We need a method that is simple, numerical, and works the same for any number of
# variables. The next lessons build it, starting from the most naive idea: try a step and
# see if it goes down. Continue with [02 Enumeration search](02_enumeration_search.ipynb).

# %% [markdown]
# ## Exercises
#
# Type an answer in place of `None`, or write the function the exercise asks for, and run the
# cell: the checker says *right* or *not yet* with a hint (a second try gets a more specific
# hint). The worked solution sits in the collapsed cell under each exercise.
#
# **Exercise 1.** $g(x) = 2x^2 - 8x + 1$. At which $x$ is $g'(x) = 0$? (a whole number)

# %%
answer = None  # replace None with your answer, a number
check("01.1", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: g'(x) = 4x - 8, and 4x - 8 = 0 gives x = 2.
# (g'' = 4 > 0, so it is a minimum.)
g1 = 2 * x**2 - 8 * x + 1
solution = sp.solve(sp.diff(g1, x), x)[0]
check("01.1", solution)

# %% [markdown]
# **Exercise 2.** $f(x, y) = x^2 + 4xy + y^2$ has a stationary point at $(0, 0)$. Is it a
# `"minimum"`, a `"maximum"` or a `"saddle"`? (Both squares have a plus sign; does that
# settle it?)

# %%
answer = None  # replace None with "minimum", "maximum" or "saddle"
check("01.2", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: A = f_xx = 2, B = f_xy = 4, C = f_yy = 2, so AC - B^2 = 4 - 16 = -12 < 0:
# a saddle. Along the line y = -x, f = x^2 - 4x^2 + x^2 = -2x^2 goes down, while along y = x
# it goes up: the mixed term 4xy wins over the squares.
f_ex = x**2 + 4 * x * y + y**2
H_ex = hessian(f_ex, [x, y])
A, B, C = H_ex[0, 0], H_ex[0, 1], H_ex[1, 1]
check("01.2", "saddle" if A * C - B**2 < 0 else ("minimum" if A > 0 else "maximum"))

# %% [markdown]
# **Exercise 3.** How many different second partial derivatives does a function of
# $n = 1000$ variables have? (a whole number)

# %%
answer = None  # replace None with your answer, a whole number
check("01.3", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: the Hessian is 1000 x 1000, but f_ij = f_ji, so count the 1000 diagonal
# entries and the 1000 * 999 / 2 entries above the diagonal: n(n+1)/2 = 1000 * 1001 / 2.
n = 1000
check("01.3", n * (n + 1) // 2)

# %% [markdown]
# **Exercise 4 (code).** The sign test, as a function. Write `sign_test(df, x0, h)`: `df` is
# the derivative $f'$ as a Python function and $x_0$ a stationary point. Return `"minimum"`
# if $f'$ changes from $-$ to $+$ at $x_0$ (compare $f'(x_0 - h)$ and $f'(x_0 + h)$),
# `"maximum"` if from $+$ to $-$, and `"neither"` otherwise. The checker runs it on six
# functions, among them $x^3$, $x^4$ (where $f''(0) = 0$ and the second-derivative test is
# silent) and $|x|$.

# %%
def sign_test(df, x0, h):
    # your code here: return "minimum", "maximum" or "neither"
    raise NotImplementedError


check("01.4", sign_test)


# %% jupyter={"source_hidden": true}
# Worked solution: only the two signs matter. Falling then rising is a minimum, rising then
# falling a maximum; anything else (the same sign on both sides, as for x^3) is neither.
def sign_test(df, x0, h):
    left, right = df(x0 - h), df(x0 + h)
    if left < 0 < right:
        return "minimum"
    if left > 0 > right:
        return "maximum"
    return "neither"


check("01.4", sign_test)

# %% [markdown]
# **Exercise 5 (predict, then move the slider).** In the tangent explorer of section 1,
# choose $f(x) = x^3 - 3x$. Before you move $a$ to 1: will the status line call $a = 1$ a
# `"minimum"`, a `"maximum"` or `"neither"`? Check here, then move the slider and read the
# status line.

# %%
answer = None  # replace None with "minimum", "maximum" or "neither"
check("01.5", answer)

# %% jupyter={"source_hidden": true}
# Worked solution: f'(x) = 3x^2 - 3 is 0 at x = 1; f'(0.9) = -0.57 < 0 and f'(1.1) = 0.63 > 0,
# so f falls and then rises: a minimum (and f''(1) = 6 > 0 agrees).
cubic_slope = sp.diff(x**3 - 3 * x, x)
print(f"f'(0.9) = {float(cubic_slope.subs(x, 0.9)):.2f}, f'(1.1) = {float(cubic_slope.subs(x, 1.1)):.2f}")
check("01.5", sign_test(sp.lambdify(x, cubic_slope), 1.0, 0.1))
