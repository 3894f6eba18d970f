"""Diagrams of ideas (no data): the training loop drawn on the course map (lesson 00).

Training a feed-forward network, as the course's source article outlines it:

    1. define the network: a function y_hat = F(x; w) with unknown parameters w
    2. define the loss L(w): compare the output y_hat with the label y
    3. feed one training example (SGD) or a minibatch
    4. forward pass: compute y_hat and the loss
    5. backward pass: the gradient of L, from the last layer back to the first (BP)
    6. gradient descent step: w <- w - lr * grad L(w)
    repeat 3-6 for every example (inner loop), and the whole pass for every epoch (outer loop)
"""

from __future__ import annotations

from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .i18n import N_, _
from .plotting import COLORS, new_figure

#: (step number, title, detail, lessons that teach it)
STEPS = (
    ("1", N_("define the network"), N_(r"$\hat y = F(x; w)$, unknown $w$"), N_("lesson 05")),
    ("2", N_("define the loss"), N_(r"$L(w)$: compare $\hat y$ with label $y$"),
     N_("lesson 06")),
    ("3", N_("feed an example"), N_("one (SGD) or a minibatch"), N_("lesson 08")),
    ("4", N_("forward pass"), N_(r"compute $\hat y$, then $L$"), N_("lessons 05-06")),
    ("5", N_("backward pass (BP)"), N_(r"$\nabla L$ from back to front"), N_("lesson 07")),
    ("6", N_("gradient descent step"), r"$w \leftarrow w - \mathrm{lr}\cdot\nabla L$",
     N_("lessons 01-04")),
)

# pale tints of Okabe-Ito blue and orange (the box fills carry no values, only the grouping)
SETUP_COLOR = "#e5eff7"
LOOP_COLOR = "#fcf0d9"


def _box(ax, x, y, w, h, step, face):
    number, title, detail, lessons = step
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                boxstyle="round,pad=0.02,rounding_size=0.08",
                                fc=face, ec=COLORS["curve"], lw=1.2))
    # a larger size, not bold, marks the title: not every CJK font has a bold face, and
    # matplotlib warns (in the notebook's output) when the fallback list holds one without
    ax.text(x, y + 0.17, f"{number}. {_(title)}", ha="center", va="center", fontsize=11)
    ax.text(x, y - 0.05, _(detail), ha="center", va="center", fontsize=9)
    ax.text(x, y - 0.26, _(lessons), ha="center", va="center", fontsize=8,
            color=COLORS["muted"], style="italic")


def _arrow(ax, start, end, color="black", rad=0.0, lw=1.4):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14,
                                 color=color, lw=lw, connectionstyle=f"arc3,rad={rad}",
                                 shrinkA=2, shrinkB=2))


def training_loop_figure():
    """The training loop of a feed-forward network: two set-up steps, then a cycle of four
    steps run for every example (inner loop) inside a loop over epochs (outer loop)."""
    fig, ax = new_figure(size=(9.5, 4.4))
    ax.set_xlim(0, 9.5)
    ax.set_ylim(0, 4.4)
    ax.set_axis_off()
    w, h = 2.2, 0.8

    # set-up, done once
    setup = [(1.35, 3.3), (1.35, 1.7)]
    for (x, y), step in zip(setup, STEPS[:2], strict=True):
        _box(ax, x, y, w, h, step, SETUP_COLOR)
    _arrow(ax, (1.35, 3.3 - h / 2), (1.35, 1.7 + h / 2))
    ax.text(1.35, 4.05, _("once"), ha="center", fontsize=10, color=COLORS["muted"])

    # the loop: 3 -> 4 -> 5 -> 6 -> back to 3
    loop = [(4.45, 3.3), (7.55, 3.3), (7.55, 1.7), (4.45, 1.7)]
    for (x, y), step in zip(loop, STEPS[2:], strict=True):
        _box(ax, x, y, w, h, step, LOOP_COLOR)
    _arrow(ax, (2.45, 1.7), (3.35, 3.15), rad=0.0)  # set-up done: start the loop
    _arrow(ax, (5.55, 3.3), (6.45, 3.3))  # 3 -> 4
    _arrow(ax, (7.55, 3.3 - h / 2), (7.55, 1.7 + h / 2))  # 4 -> 5
    _arrow(ax, (6.45, 1.7), (5.55, 1.7))  # 5 -> 6
    _arrow(ax, (4.45, 1.7 + h / 2), (4.45, 3.3 - h / 2), color=COLORS["path"], lw=2)
    ax.text(4.35, 2.5, _("next example\n(inner loop)"), ha="right", va="center", fontsize=9,
            color=COLORS["path"])

    # the outer loop around it all
    ax.add_patch(FancyBboxPatch((3.05, 0.95), 5.9, 3.0,
                                boxstyle="round,pad=0.05,rounding_size=0.2", fc="none",
                                ec=COLORS["start"], lw=1.6, ls="--"))
    ax.text(6.0, 4.1, _("repeat for every epoch (outer loop): one epoch = one pass over all "
                        "training examples"), ha="center", fontsize=9, color=COLORS["start"])
    ax.text(6.0, 0.55, _("stop when the loss is small enough or after a fixed number of epochs"),
            ha="center", fontsize=9, color=COLORS["muted"])
    ax.set_title(_("Training a feed-forward network: a double loop (epochs × examples)"),
                 fontsize=12)
    return fig
