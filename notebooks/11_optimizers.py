# %% [markdown]
# # Lesson 11: beyond plain gradient descent: momentum, RMSprop, Adam and schedules
#
# **What you will learn.** Lesson 04 left plain gradient descent (梯度下降) zig-zagging down the
# narrow valley x² + 10y², and stopped there. Every network you will meet after this course is
# trained with something smarter: momentum or Adam, often with a learning rate (學習率) that
# changes during training. In this lesson you take plain descent apart one direction at a time
# to see exactly why it crawls, then add a velocity (the heavy ball), per-coordinate step sizes
# (RMSprop) and both together (Adam). You will compute the best learning rate and momentum for
# a quadratic in closed form and check the prediction by running it, play with all four
# optimizers on three surfaces, and finally train lesson 09's digit network with learning-rate
# schedules and with each optimizer.
#
# [Course map](00_course_map.ipynb) · builds on: [Lesson 04, gradient descent in
# 2-D](04_gradient_descent_2d.ipynb) (the narrow valley) and [Lesson 10, back-propagation for
# any network](10_backprop_general.ipynb) (the gradients the optimizers consume) · this is the
# last lesson.
#
# **繁體中文:** This lesson in Traditional Chinese: [繁體中文版](zh-Hant/11_optimizers.ipynb)

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

from ann_helpers import digits
from ann_helpers import functions as F
from ann_helpers.exercises import check
from ann_helpers.explorers.optimizers import (
    OptimizerExplorer,
    digits_curves,
    explorer_status,
    paths_and_errors,
)
from ann_helpers.network import MLP
from ann_helpers.optimizers import (
    SGD,
    Adam,
    RMSprop,
    best_gd,
    best_momentum,
    cosine,
    eigen_errors,
    gd_factor,
    measured_factor,
    minimize,
    momentum_factor,
    step_decay,
    steps_to,
)
from ann_helpers.plotting import show

valley = F.get("narrow_bowl")
start = np.array([-5.0, -2.0])
print(f"{valley.label}, gradient (2x, 20y), start point ({start[0]:g}, {start[1]:g})")

# %% [markdown]
# ## 1. Why plain descent crawls: one eigendirection at a time
#
# Write a quadratic bowl as $f(x) = \tfrac12 x^\top A x$ with a symmetric matrix $A$ (the
# Hessian, the matrix of second partial derivatives 偏導數). Its gradient is $Ax$, so one step
# of gradient descent is $x \leftarrow x - \text{lr}\,Ax = (I - \text{lr}\,A)\,x$. Now measure
# $x$ along the eigenvectors of $A$: along an eigenvector with eigenvalue (curvature)
# $\lambda_i$, the matrix $A$ is just the number $\lambda_i$, so that coordinate obeys lesson
# 03's one-variable rule on its own:
#
# $$c_i \leftarrow (1 - \text{lr}\,\lambda_i)\, c_i, \qquad\text{after } k \text{ steps }\;
#   c_i = (1 - \text{lr}\,\lambda_i)^k\, c_i^{(0)}.$$
#
# The valley $x^2 + 10y^2$ is $\tfrac12 x^\top \mathrm{diag}(2, 20)\, x$: its eigendirections
# are the axes, with curvatures 2 (along $x$, flat) and 20 (along $y$, steep). Each factor must
# stay inside $(-1, 1)$, so lr < 2/20 = 0.1, and the flat direction then still keeps
# $1 - 2\,\text{lr} > 0.8$ of its error per step. The ratio of the curvatures, the
# **condition number** $\kappa = \lambda_{\max}/\lambda_{\min} = 10$, sets the pace: the best
# single learning rate balances the two ends, $|1 - \text{lr}\,\lambda_{\min}| =
# |1 - \text{lr}\,\lambda_{\max}|$, which gives
#
# $$\text{lr}^* = \frac{2}{\lambda_{\min} + \lambda_{\max}}, \qquad
#   \text{factor} = \frac{\kappa - 1}{\kappa + 1}.$$

# %%
lam = np.linalg.eigvalsh(valley.hessian(None))
lr_gd, factor_gd = best_gd(lam[0], lam[-1])
print(f"curvatures {lam[0]:g} and {lam[-1]:g}, condition number kappa = {lam[-1] / lam[0]:g}")
print(f"best lr = 2 / ({lam[0]:g} + {lam[-1]:g}) = {lr_gd:.4f}, factor (kappa - 1) / (kappa + 1)"
      f" = {factor_gd:.4f}")
print()
print(f"{'lr':>7} {'factor x':>9} {'factor y':>9}  steps to shrink the error 10^6-fold")
for lr in (0.02, 0.05, lr_gd, 0.099):
    run = minimize(valley.grad, start, SGD(lr), steps=2000, tol=0.0)
    err = eigen_errors(run.points, valley.hessian(None), (0, 0)).max(axis=1)
    print(f"{lr:>7.4f} {gd_factor(lam[0], lr):>9.4f} {gd_factor(lam[-1], lr):>9.4f}  "
          f"{steps_to(err, 1e-6)}")

# %% [markdown]
# The slowest direction decides: at lr = 0.02 the steep $y$ error vanishes fast, but $x$ keeps
# 96 % per step; at 0.099 it is the other way round, $y$ flips sign and keeps 98 %. Below, the
# paths (left) and the error along each eigendirection (right, log scale: a straight line is
# a constant factor per step, its slope the factor). Solid lines are the flat direction,
# dashed the steep one.

# %%
rates = (0.02, lr_gd, 0.099)
gd_runs = [minimize(valley.grad, start, SGD(lr), steps=80, tol=0.0) for lr in rates]
show(paths_and_errors(valley, gd_runs, [f"lr = {lr:.3g}" for lr in rates],
                      title="plain gradient descent on x² + 10y²"))

# %% [markdown]
# At the best lr both lines fall with the same slope, 9/11 per step: no learning rate makes
# plain descent faster on this valley. For a network the condition number is often in the
# thousands, and $(\kappa - 1)/(\kappa + 1)$ is then painfully close to 1.
#
# ## 2. Momentum: a heavy ball rolling down the valley
#
# A ball rolling downhill does not stop and restart at every step: it keeps its velocity.
# Momentum gives descent a velocity $b$ that remembers the past gradients (this is
# `torch.optim.SGD(lr, momentum=μ)`):
#
# $$b_t = \mu\, b_{t-1} + \nabla f(x_{t-1}), \qquad x_t = x_{t-1} - \text{lr}\; b_t,
#   \qquad (b_0 = 0,\; 0 \le \mu < 1).$$
#
# Along the flat $x$ direction the gradients keep the same sign, so they pile up: a steady
# gradient $g$ gives a velocity $g/(1-\mu)$, a step $1/(1-\mu)$ times longer. Along the steep
# $y$ direction they alternate in sign and cancel. One direction speeds up, the other calms
# down.
#
# Per eigendirection the error now follows a two-term recurrence,
# $e_{k+1} = (1 + \mu - \text{lr}\,\lambda)\, e_k - \mu\, e_{k-1}$, whose long-run factor per step
# is the larger root of $z^2 - (1 + \mu - \text{lr}\,\lambda)\,z + \mu = 0$. Choosing lr and
# $\mu$ so that both ends of the curvature range get a double root of the same size (Polyak's
# heavy ball) gives
#
# $$\text{lr}^* = \frac{4}{(\sqrt{\lambda_{\max}} + \sqrt{\lambda_{\min}})^2}, \qquad
#   \mu^* = \left(\frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}\right)^2, \qquad
#   \text{factor} = \frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}.$$
#
# $\kappa$ became $\sqrt\kappa$: for $\kappa = 100$ the factor drops from 0.980 to 0.818.

# %%
lr_hb, mu_hb, factor_hb = best_momentum(lam[0], lam[-1])
print(f"plain descent: lr* = {lr_gd:.4f},                 factor (kappa - 1)/(kappa + 1)"
      f"             = {factor_gd:.4f}")
print(f"heavy ball:    lr* = {lr_hb:.4f}, momentum* = {mu_hb:.4f}, factor (sqrt(kappa) - 1)/"
      f"(sqrt(kappa) + 1) = {factor_hb:.4f}")

# %% [markdown]
# Checked by running it: 1,000 steps of each from (−5, −2), with no stopping test (the heavy
# ball's errors reach 10⁻²⁸⁰, still ordinary floating-point numbers), and the mean factor per
# step measured over windows of the run:

# %%
long_gd = minimize(valley.grad, start, SGD(lr_gd), steps=1000, tol=0.0)
long_hb = minimize(valley.grad, start, SGD(lr_hb, momentum=mu_hb), steps=1000, tol=0.0)
H = valley.hessian(None)
err_gd = eigen_errors(long_gd.points, H, (0, 0))
err_hb = eigen_errors(long_hb.points, H, (0, 0))
print("measured factor per step      plain descent         heavy ball")
print("steps                         along x   along y     along x   along y")
for a, b in ((0, 100), (100, 200), (400, 500), (900, 1000)):
    print(f"{a:>4} to {b:>4}                  "
          f"{measured_factor(err_gd[:, 0], a, b):>7.4f}   {measured_factor(err_gd[:, 1], a, b):>7.4f}"
          f"     {measured_factor(err_hb[:, 0], a, b):>7.4f}   {measured_factor(err_hb[:, 1], a, b):>7.4f}")
print(f"closed form                   {factor_gd:>7.4f}   {factor_gd:>7.4f}     "
      f"{factor_hb:>7.4f}   {factor_hb:>7.4f}")
print(f"steps to shrink the error 10^6-fold: plain descent {steps_to(err_gd.max(axis=1), 1e-6)},"
      f" heavy ball {steps_to(err_hb.max(axis=1), 1e-6)}")

# %% [markdown]
# Plain descent shows its factor 9/11 = 0.8182 from the first step, exactly. The heavy ball's
# measured factor starts higher and creeps down to the closed form, 0.5195: at the best
# parameters the two roots coincide, and a double root $r$ gives errors like $k\,r^k$ rather
# than $r^k$, so the measured factor over steps $a$ to $b$ is $r\,(b/a)^{1/(b-a)}$, which only
# tends to $r$ (for 900 to 1000: 0.5195 × 1.0011 = 0.5200). In round numbers, momentum needs
# 26 steps where plain descent needs 69.

# %%
show(paths_and_errors(valley, [gd_runs[1], minimize(valley.grad, start,
                                                    SGD(lr_hb, momentum=mu_hb), steps=80,
                                                    tol=0.0)],
                      [f"plain, lr = {lr_gd:.3f}", f"heavy ball, lr = {lr_hb:.3f}, "
                       f"μ = {mu_hb:.2f}"], title="best plain descent vs best heavy ball"))

# %% [markdown]
# **Nesterov's variant** steps with the gradient plus the velocity it is about to have,
# $x_t = x_{t-1} - \text{lr}\,(\nabla f(x_{t-1}) + \mu\, b_t)$ (`nesterov=True` in PyTorch): a
# look ahead that brakes before the ball overshoots. With the usual $\mu = 0.9$ and
# lr = 0.04, the plain heavy ball spirals (complex roots, factor $\sqrt{\mu} = 0.949$ in both
# directions), while Nesterov damps the steep direction hard:

# %%
nest_runs = [minimize(valley.grad, start, SGD(0.04, momentum=0.9, nesterov=nesterov),
                      steps=120, tol=0.0) for nesterov in (False, True)]
for nesterov in (False, True):
    name = "Nesterov  " if nesterov else "heavy ball"
    print(f"{name}: factor per step along x {momentum_factor(lam[0], 0.04, 0.9, nesterov):.3f},"
          f" along y {momentum_factor(lam[-1], 0.04, 0.9, nesterov):.3f}")
show(paths_and_errors(valley, nest_runs, ["heavy ball, μ = 0.9", "Nesterov, μ = 0.9"],
                      title="lr = 0.04, μ = 0.9: heavy ball vs Nesterov"))

# %% [markdown]
# ## 3. A step size for every coordinate: RMSprop and Adam
#
# Momentum still uses one learning rate for all coordinates. If one parameter's gradients are
# a thousand times larger than another's (a badly scaled input, a layer far from the output),
# the lr that keeps the steep coordinate stable barely moves the flat one. **RMSprop** divides
# each coordinate's step by a running average of that coordinate's squared gradients:
#
# $$v_t = \alpha\, v_{t-1} + (1 - \alpha)\, g_t^2, \qquad
#   x_t = x_{t-1} - \text{lr}\;\frac{g_t}{\sqrt{v_t} + \varepsilon}$$
#
# (squares, roots and division coordinate by coordinate; $\alpha = 0.99$,
# $\varepsilon = 10^{-8}$). **Adam** adds momentum in the same averaged form, and corrects both
# averages for starting at zero:
#
# $$m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t,\quad v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2,
#   \quad \hat m_t = \frac{m_t}{1-\beta_1^t},\quad \hat v_t = \frac{v_t}{1-\beta_2^t},\quad
#   x_t = x_{t-1} - \text{lr}\,\frac{\hat m_t}{\sqrt{\hat v_t} + \varepsilon}$$
#
# with $\beta_1 = 0.9$, $\beta_2 = 0.999$. These are exactly `torch.optim.RMSprop` and
# `torch.optim.Adam`. **Why the bias correction?** At step 1, $m_1 = 0.1\,g_1$ and
# $v_1 = 0.001\,g_1^2$: averages of one gradient and many zeros that never existed. Divided by
# $1 - 0.9$ and $1 - 0.999$ they become $g_1$ and $g_1^2$, so the first step is
# $\text{lr}\; g/|g|$: **length lr in every coordinate, whatever the scale of the gradient**.
# RMSprop has no correction, so its first step is $\text{lr}/\sqrt{1-\alpha} = 10\,\text{lr}$.
#
# A badly scaled version of the valley: measure $y$ in units ten times smaller,
# $Y = y/10$, and $x^2 + 10y^2$ becomes $x^2 + 1000Y^2$ ($\kappa$ = 1000). The first step of
# each optimizer with lr = 0.1, on both:

# %%
stretched = F.get("stretched_bowl")
start_s = np.array([-5.0, -0.2])   # the same point, y in the new units
lr = 0.1
print(f"{'':<38} {'gradient at the start':>22} {'first move, lr = 0.1':>22}")
for fn, x0 in ((valley, start), (stretched, start_s)):
    g = fn.grad(x0)
    for name, opt in (("plain descent", SGD(lr)), ("RMSprop", RMSprop(lr)), ("Adam", Adam(lr))):
        step = opt.step(x0, g) - x0
        print(f"{fn.label + ', ' + name:<38} {f'({g[0]:g}, {g[1]:g})':>22} "
              f"{f'({step[0]:.4g}, {step[1]:.4g})':>22}")
m1, v1 = (1 - 0.9) * g, (1 - 0.999) * g * g
step_uncorrected = -lr * m1 / (np.sqrt(v1) + 1e-8)
print(f"{'Adam without bias correction':<38} {'':>22} "
      f"{f'({step_uncorrected[0]:.4g}, {step_uncorrected[1]:.4g})':>22}")

# %% [markdown]
# Plain descent's first step is lr times the gradient: 40 in $Y$ on the stretched valley, two
# hundred times the distance 0.2 to the minimum (it diverges unless lr < 2/2000 = 0.001).
# Adam moves 0.1 in each coordinate on both versions: it does not care about the units. Without the correction its
# first step would be $\text{lr}\,(1-\beta_1)/\sqrt{1-\beta_2} = 3.16\,\text{lr}$.
#
# Whole runs on both valleys, 300 steps, each with its own learning rate: plain descent and
# the heavy ball at their best for the valley's $\kappa$, RMSprop and Adam at lr = 0.1 on both:

# %%
lam_s = np.linalg.eigvalsh(stretched.hessian(None))
print(f"{'':<48} {'status':>10} {'steps':>6} {'|x - x*| at the end':>20}")
scaled_runs = {}
for fn, x0, lams in ((valley, start, lam), (stretched, start_s, lam_s)):
    lr_p, _ = best_gd(lams[0], lams[-1])
    lr_m, mu_m, _ = best_momentum(lams[0], lams[-1])
    optimizers = {f"plain, lr = {lr_p:.3g}": SGD(lr_p),
                  f"heavy ball, lr = {lr_m:.3g}, μ = {mu_m:.2f}": SGD(lr_m, momentum=mu_m),
                  "RMSprop, lr = 0.1": RMSprop(0.1), "Adam, lr = 0.1": Adam(0.1)}
    runs = {name: minimize(fn.grad, x0, opt, steps=300) for name, opt in optimizers.items()}
    scaled_runs[fn.key] = runs
    for name, run in runs.items():
        print(f"{fn.label[10:] + ': ' + name:<48} {run.status:>10} {run.steps:>6} "
              f"{np.linalg.norm(run.x):>20.1e}")

# %%
for fn, yview, shown in ((valley, None, 300), (stretched, (-0.55, 0.55), 40)):
    runs = scaled_runs[fn.key]
    show(paths_and_errors(fn, list(runs.values()), list(runs), yview=yview, path_steps=shown,
                          title=f"{fn.label}: the first {shown} steps (errors: all 300)"))

# %% [markdown]
# On the first valley the tuned heavy ball wins (41 steps): it was built for a quadratic
# whose curvatures it knows. On the stretched valley plain descent and the heavy ball must
# shrink their learning rate about a hundredfold for the steep $Y$ and then creep along $x$
# (κ = 1000: plain descent's factor is 0.998, so after 300 steps it is still 2.7 away; the
# heavy ball's is 0.939, and it has not reached the tolerance either; with μ = 0.88 it also
# swings far across the narrow direction at first, out of the picture). RMSprop and Adam make
# the same number of steps to the same end error on both valleys: dividing by $\sqrt{v}$
# undoes the scale of each coordinate. Adam settles less precisely than the others: near the
# minimum its steps stay a sizeable fraction of lr until $v$ has forgotten the large early
# gradients, so it circles the minimum for a while. Its strength is that it needs no
# knowledge of the curvatures.
#
# ## 4. Try it: the optimizer explorer
#
# Choose a surface, an optimizer, the learning rate, the momentum $\mu$ (Adam's $\beta_1$;
# RMSprop does not use it) and the start point. Left: the path on the contours. Right, on a
# log scale against the iteration: $f(x_k) - f_{\min}$ (orange) and the error along each
# eigendirection of the Hessian (blue, solid for the flat direction, dashed for the steep one;
# only on the two quadratic valleys, since Rosenbrock's curvature directions turn from point
# to point). The status says what happened and, for momentum, the per-direction factors the
# formulas above predict. It starts at the best heavy ball for the valley. Things to try:
# momentum 0 (plain descent) and lr above 0.1 to see divergence; μ = 0.9 on the rotated valley
# with and without Nesterov; Rosenbrock's banana-shaped valley, where momentum works only with
# a tiny lr, and Adam, whose steps are never much longer than lr, needs a large one.

# %%
explorer = OptimizerExplorer()
print(explorer.status)
explorer.snapshot()

# %% tags=["nbval-ignore-output"]
explorer.ui

# %% [markdown]
# The statuses of a few other slider positions, computed by the same function the explorer
# calls:

# %%
for values in (dict(function="valley x² + 10y²", optimizer="momentum (heavy ball)", lr=0.105,
                    momentum=0.0, x0=-5.0, y0=-2.0),
               dict(function="rotated valley", optimizer="Nesterov momentum", lr=0.02,
                    momentum=0.9, x0=-5.0, y0=-2.0),
               dict(function="Rosenbrock", optimizer="momentum (heavy ball)", lr=0.002,
                    momentum=0.9, x0=-1.5, y0=2.0),
               dict(function="Rosenbrock", optimizer="momentum (heavy ball)", lr=0.01,
                    momentum=0.9, x0=-1.5, y0=2.0),
               dict(function="Rosenbrock", optimizer="Adam", lr=0.5, momentum=0.9, x0=-1.5,
                    y0=2.0)):
    print(f"{values['function']}, {values['optimizer']}:")
    print("   ", explorer_status(**values)[0])

# %% [markdown]
# On Rosenbrock the heavy ball with lr = 0.002 gets near the minimum (1, 1) in 150 steps, and
# five times that learning rate throws it out of the picture at once (the steep walls have
# curvature near 1,000). Adam at lr = 0.5 stays stable, but after 150 steps it has only
# reached the flat valley floor near (0, 0): Adam's steps are about lr long at most, and on the
# floor they shrink with the gradient while $v$ still remembers the steep walls.

# %% [markdown]
# ## 5. On a real network: schedules and optimizers on the digits
#
# Back to lesson 09's network: 64 pixels, 32 sigmoid neurons, 10 softmax outputs with the
# cross-entropy loss (交叉熵), minibatches (小批量) of 32, the same seed for the starting
# weights and the shuffles in every run. After each epoch we count the right answers on
# lesson 09's **validation** images (驗證集), the ones set aside for comparing choices; the
# test images stay untouched, as in lesson 09, so they could still give a fair final score
# for whichever choice wins here.
#
# `MLP.fit` takes an `optimizer=` (and an optional `schedule=`) in place of `lr=`; the
# default, plain SGD, gives exactly lesson 09's numbers.

# %%
split = digits.load_split()
EPOCHS = 60
SHARE = 0.95   # validation accuracy to reach (about lesson 09's best on these images)
TARGET = int(np.ceil(SHARE * len(split.y_val)))   # right answers needed for 95 %


def train(optimizer, schedule=None):
    """Train lesson 09's network; the right answers on the validation images per epoch."""
    model = MLP([64, digits.HIDDEN, 10], digits.ACTIVATION, "softmax", seed=digits.SEED)
    right, lrs = [], []

    def after_epoch(epoch, loss, mlp):
        right.append(int(np.sum(digits.predict(mlp, split.X_val) == split.y_val)))
        lrs.append(optimizer.lr)

    model.fit(split.X_train, split.y_train, optimizer=optimizer, schedule=schedule,
              epochs=EPOCHS, batch_size=digits.BATCH_SIZE, callback=after_epoch)
    return np.array(right), lrs


def report(results):
    n = len(split.y_val)
    print(f"{'':<34} {'epochs to 95 %':>14} {'last 10 epochs: lowest, highest':>33} "
          f"{'at epoch 60':>12}")
    for name, (right, _) in results.items():
        hit = np.flatnonzero(right >= TARGET)
        reached = f"{hit[0] + 1}" if hit.size else "never"
        last = right[-10:]
        print(f"{name:<34} {reached:>14} {f'{last.min() / n:.2%}, {last.max() / n:.2%}':>33} "
              f"{right[-1] / n:>12.2%}")


print(f"validation images: {len(split.y_val)}; 95 % means at least {TARGET} right")

# %% [markdown]
# **Schedules.** A large learning rate makes fast progress early but keeps jumping around at
# the end (lesson 09's loss curve had such spikes); a small one is steady but slow. A schedule
# starts large and ends small: **step decay** multiplies lr by a factor every few epochs,
# **cosine** lowers it smoothly along half a cosine to near 0. Lesson 09's lr = 0.5, then four
# times larger, constant and with the two schedules:

# %%
schedules = {
    "constant lr = 0.5 (lesson 09)": (SGD(0.5), None),
    "constant lr = 2": (SGD(2.0), None),
    "step decay from 2, x0.3 every 20": (SGD(2.0), step_decay(2.0, factor=0.3, every=20)),
    "cosine from 2 to 0": (SGD(2.0), cosine(2.0, EPOCHS)),
}
schedule_results = {name: train(opt, sched) for name, (opt, sched) in schedules.items()}
report(schedule_results)
show(digits_curves({k: v[0] for k, v in schedule_results.items()}, len(split.y_val), target=SHARE,
                   lrs={k: v[1] for k, v in schedule_results.items()}))

# %% [markdown]
# The larger constant rate reaches 95 % in 7 epochs instead of 18, and so do the two
# schedules, whose rate is 2 at first. At the end the differences are an image or two out of
# 269: the constant rates still wander (lr = 0.5 between 255 and 257 right answers in its last
# ten epochs, lr = 2 between 255 and 256), while step decay and cosine have settled on the same
# 256 in every one of their last ten epochs. On this small problem a schedule buys calm, not
# a better network.
#
# **Optimizers.** Plain SGD at lesson 09's lr; momentum 0.9 with lr = 0.05, which has the same
# long-run step lr/(1 − μ) = 0.5; and Adam at PyTorch's default lr = 0.001 and at 0.01:

# %%
optimizer_results = {
    "SGD, lr = 0.5": train(SGD(0.5)),
    "momentum 0.9, lr = 0.05": train(SGD(0.05, momentum=0.9)),
    "Adam, lr = 0.001": train(Adam(0.001)),
    "Adam, lr = 0.01": train(Adam(0.01)),
}
report(optimizer_results)
show(digits_curves({k: v[0] for k, v in optimizer_results.items()}, len(split.y_val),
                   target=SHARE))

# %% [markdown]
# On this small, well-scaled problem there is no miracle: momentum with the same long-run
# step reaches 95 % a little sooner than SGD (13 epochs against 18) and ends at the same
# accuracy; Adam at its textbook default is by far the slowest here (50 epochs), and at ten
# times that rate the fastest (8 epochs) and the best at the end, by an image or two. Adam's real
# advantage is the one of section 3: its step does not depend on the scale of each gradient,
# so a default learning rate works across very different networks, while SGD's best learning
# rate must be searched for each one.
#
# ## Exercises
#
# **Exercise 1.** A quadratic's curvatures run from 1 to 100. With the best learning rate and
# momentum, by what factor does the heavy ball shrink the error per step? (to 3 decimals)

# %%
answer = None   # replace None with your answer
check("11.1", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): kappa = 100, sqrt(kappa) = 10, factor
# (10 - 1) / (10 + 1) = 9/11 (plain descent's best is (100 - 1) / (100 + 1) = 0.980).
check("11.1", best_momentum(1.0, 100.0)[2])

# %% [markdown]
# **Exercise 2.** Adam with lr = 0.01 and the default betas takes its first step where the
# gradient is g = (0.001, 500). How far does the first coordinate move? (a positive number,
# to 5 decimals)

# %%
answer = None   # replace None with your answer
check("11.2", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): with bias correction m_hat = g and v_hat = g^2 at step
# 1, so the move is lr * g / (|g| + eps) = 0.01 * 0.001 / (0.001 + 1e-8), about 0.01: the
# same as for 500.
check("11.2", 0.01 * 0.001 / (0.001 + 1e-8))

# %% [markdown]
# **Exercise 3 (code).** Write the heavy-ball update: `momentum_step(x, v, g, lr, mu)` gets
# the point, the velocity and the gradient (numpy arrays) and returns the new point and the new
# velocity. The checker tries it on a few cases and then runs it five times from (−5, −2) on
# x² + 10y² with this lesson's best lr and momentum, against the first five points of section
# 2's run.

# %%
def momentum_step(x, v, g, lr, mu):
    """One heavy-ball step: return (x_new, v_new)."""
    # your two lines here
    raise NotImplementedError


check("11.3", momentum_step)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): the velocity keeps mu of itself and adds the gradient;
# x steps against it.
def momentum_step(x, v, g, lr, mu):
    v_new = mu * v + g
    return x - lr * v_new, v_new


x, v = start.copy(), np.zeros(2)
for _ in range(5):
    x, v = momentum_step(x, v, valley.grad(x), lr_hb, mu_hb)
print("the same points as the lesson's run:", np.allclose(x, long_hb.points[5]))
check("11.3", momentum_step)

# %% [markdown]
# **Exercise 4 (predict, then move the slider).** In the optimizer explorer of section 4,
# keep the valley x² + 10y², the heavy ball and the start (−5, −2); set lr = 0.15, above plain
# descent's limit 2/20 = 0.1, and momentum μ = 0.9. Before you move the sliders: will the
# status say that in the long run the error along the worse eigendirection `"shrinks"` or
# `"grows"`? Check here, then move the sliders and read the status.

# %%
answer = None   # replace None with "shrinks" or "grows"
check("11.4", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): along the steep direction lr λ = 0.15 × 20 = 3, and
# z² − (1 + 0.9 − 3) z + 0.9 = z² + 1.1 z + 0.9 has complex roots (1.1² < 4 × 0.9), both of size
# sqrt(0.9) = 0.949 < 1; along the flat one (λ = 2) the roots are complex too, of the same size.
# Momentum moves the limit from lr λ < 2 to lr λ < 2 (1 + μ) = 3.8.
check("11.4", "shrinks")
