"""Lesson 10 figures: the expression graph of a Value, the cost of the chain rule with and
without reuse, gradient sizes layer by layer (and their explorer), and the learning slowdown
of one sigmoid neuron. The maths is in ann_helpers.backprop and ann_helpers.autograd."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np

from .. import plotting
from ..autograd import Value, topological_order
from ..backprop import (
    DEPTH_ACTIVATIONS,
    chain_rule_cost,
    layer_gradient_sizes,
    vanishing_status,
)
from ..i18n import N_, _
from ..widgets import Explorer, dropdown, int_slider, slider

#: static figures at this resolution (readable text)
DPI = 110
#: the explorer's largest depth
MAX_DEPTH = 10
#: gradient sizes outside this range are drawn at its edge
SIZE_RANGE = (1e-14, 1e8)
ACTIVATION_COLORS = dict(zip(DEPTH_ACTIVATIONS, plotting.CYCLE, strict=False))
#: axis labels and the explorer's title (marked here, translated where drawn)
LAYER_AXIS = N_(r"layer $l$ (1 = next to the input)")
SIZE_AXIS = N_(r"size of $\delta^l = \partial L/\partial b^l$ (rms)")
EXPLORER_TITLE = N_("{activation}, {depth} layers, weight scale {scale:.2f}")


# -- the expression graph ------------------------------------------------------------------
def graph_figure(value: Value, max_nodes: int = 40):
    """Boxes for the nodes of the graph ending in `value` (label or operation, data, grad),
    arrows from each input to the node that uses it; inputs on the left, the result on the
    right."""
    if not isinstance(value, Value):
        raise TypeError(_("value must be a Value, got {type}").format(type=type(value).__name__))
    order = topological_order(value)
    if len(order) > max_nodes:
        raise ValueError(_("draw_graph draws at most max_nodes = {max_nodes} nodes; this graph "
                           "has {n} (draw a smaller expression, or raise max_nodes)")
                         .format(max_nodes=max_nodes, n=len(order)))
    # columns: the result on the right, every other node one column left of its first user
    # (so that a constant sits beside the operation that uses it)
    users: dict[int, list[Value]] = {id(n): [] for n in order}
    for node in order:
        for child in node._prev:
            users[id(child)].append(node)
    level = {id(value): 0}
    for node in reversed(order[:-1]):          # users come before their inputs here
        level[id(node)] = min(level[id(u)] for u in users[id(node)]) - 1
    columns: dict[int, list[Value]] = {}
    for node in order:
        columns.setdefault(level[id(node)], []).append(node)
    # rows: from the result leftwards, each column sorted by where its users sit
    pos: dict[int, tuple[float, float]] = {}
    for x in sorted(columns, reverse=True):
        nodes = columns[x]
        wanted = {id(n): np.mean([pos[id(u)][1] for u in users[id(n)]]) if users[id(n)] else 0.0
                  for n in nodes}
        nodes.sort(key=lambda n: -wanted[id(n)])     # the highest first
        centre = float(np.mean(list(wanted.values())))
        for k, node in enumerate(nodes):
            pos[id(node)] = (x, centre + (len(nodes) - 1) / 2 - k)
    ys = [y for _x, y in pos.values()]
    width = 1.6 * (max(columns) - min(columns) + 1) + 0.6
    height = 0.95 * (max(ys) - min(ys) + 1) + 0.7
    fig, ax = plotting.new_figure(size=(min(width, 11.0), min(height, 9.0)), dpi=DPI)
    for node in order:
        for child in node._prev:
            ax.annotate("", xy=pos[id(node)], xytext=pos[id(child)],
                        arrowprops={"arrowstyle": "-|>", "color": plotting.COLORS["muted"],
                                    "shrinkA": 26, "shrinkB": 26, "lw": 1.0})
    # monospace for the numbers, then the figure fonts for what it lacks (CJK in Chinese)
    family = ["monospace", *mpl.rcParams["font.family"]]
    for node in order:
        name = node.label or node._op or _("constant")
        leaf = not node._prev
        face = "#d6eaf8" if leaf else "#fdebd0"
        edge = plotting.OKABE_ITO["blue"] if leaf else plotting.OKABE_ITO["orange"]
        ax.text(*pos[id(node)], f"{name}\ndata {node.data:.4g}\ngrad {node.grad:.4g}",
                ha="center", va="center", fontsize=8, family=family,
                bbox={"boxstyle": "round,pad=0.35", "facecolor": face, "edgecolor": edge})
    ax.set_xlim(min(columns) - 0.6, max(columns) + 0.6)
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
    ax.axis("off")
    return fig


# -- what a gradient costs, with and without keeping delta ---------------------------------
def reuse_cost_figure(depths=range(1, 11), widths=(4, 16, 64)):
    """Multiply-adds for one example's gradient against depth, for networks of constant
    width: the chain rule path by path (dashed) against back-propagation (solid)."""
    fig, ax = plotting.new_figure(size=(6.8, 3.6), dpi=DPI)
    depths = list(depths)
    for width, color in zip(widths, plotting.CYCLE, strict=False):
        costs = [chain_rule_cost([width] * (d + 1)) for d in depths]
        ax.semilogy(depths, [c["without_reuse"] for c in costs], "--", marker="x",
                    color=color, label=_("width {width}, path by path").format(width=width))
        ax.semilogy(depths, [c["backprop"] for c in costs], "-", marker="o", color=color,
                    label=_("width {width}, back-propagation").format(width=width))
    ax.set_xlabel(_(r"depth: layers of weights $L$"))
    ax.set_ylabel(_("multiply-adds for one gradient"))
    ax.set_title(_("the chain rule without reuse grows exponentially with depth"))
    ax.legend(fontsize=7, ncol=2, loc="upper left")
    return fig


# -- gradient sizes layer by layer ---------------------------------------------------------
def depth_figure(depth: int = MAX_DEPTH, scale: float = 1.0):
    """The gradient size of every layer for the three activations (log scale)."""
    fig, ax = plotting.new_figure(size=(6.4, 3.4), dpi=DPI)
    layers = np.arange(1, depth + 1)
    markers = {"sigmoid": "o", "tanh": "s", "relu": "^"}
    for act in DEPTH_ACTIVATIONS:
        ax.semilogy(layers, layer_gradient_sizes(depth, act, scale), marker=markers[act],
                    color=ACTIVATION_COLORS[act], label=act)
    ax.set_xticks(layers)
    ax.set_xlabel(_(LAYER_AXIS))
    ax.set_ylabel(_(SIZE_AXIS))
    ax.set_title(_("{depth} layers, weight scale {scale:g}: gradient size per layer")
                 .format(depth=depth, scale=scale))
    ax.legend(fontsize=8)
    return fig


class VanishingExplorer(Explorer):
    """Depth, activation and weight scale against the gradient size of every layer."""

    name = "vanishing_gradients"

    def make_controls(self):
        return {"depth": int_slider(_("layers of weights"), 6, 2, MAX_DEPTH),
                "activation": dropdown(_("activation (激活函數)"), list(DEPTH_ACTIVATIONS)),
                "scale": slider(_("initial weight scale"), 1.0, 0.25, 3.0, 0.05)}

    def make_figure(self):
        fig, ax = plotting.new_figure(size=(6.4, 3.3), dpi=DPI)
        layers = np.arange(1, MAX_DEPTH + 1)
        self.bars = ax.bar(layers, np.ones(MAX_DEPTH), color=plotting.COLORS["curve"],
                           bottom=SIZE_RANGE[0])
        ax.set_yscale("log")
        ax.set_ylim(*SIZE_RANGE)
        ax.set_yticks([1e-12, 1e-8, 1e-4, 1.0, 1e4, 1e8])
        ax.minorticks_off()                  # fewer ticks, a faster redraw
        ax.set_xlim(0.4, MAX_DEPTH + 0.6)
        ax.set_xticks(layers)
        ax.set_xlabel(_(LAYER_AXIS))
        ax.set_ylabel(_(SIZE_AXIS))
        # a title of typical length, so that the layout leaves room for it
        self.title = ax.text(0.5, 1.03, _(EXPLORER_TITLE).format(activation="sigmoid",
                                                                 depth=10, scale=1.0),
                             transform=ax.transAxes, ha="center", va="bottom", fontsize=10)
        return fig

    def update(self, depth: int, activation: str, scale: float) -> str:
        sizes = layer_gradient_sizes(depth, activation, scale)
        shown = np.clip(sizes, *SIZE_RANGE)
        for k, bar in enumerate(self.bars):
            visible = k < depth
            bar.set_visible(visible)
            if visible:
                bar.set_height(shown[k] - SIZE_RANGE[0])
                bar.set_color(ACTIVATION_COLORS[activation])
        self.title.set_text(_(EXPLORER_TITLE).format(activation=activation, depth=depth,
                                                     scale=scale))
        return vanishing_status(depth, activation, scale)


# -- one neuron, two losses ----------------------------------------------------------------
def slowdown_figure(curves: dict):
    """Both runs of backprop.slowdown_curves: each loss, and the neuron's output."""
    fig, (ax_loss, ax_out) = plotting.new_figure(ncols=2, size=(8.0, 3.2), dpi=DPI)
    styles = {"squared_error": (_("squared error"), plotting.COLORS["path"], "--"),
              "cross_entropy": (_("cross-entropy"), plotting.COLORS["curve"], "-")}
    for name, run in curves.items():
        label, color, ls = styles[name]
        steps = np.arange(len(run["loss"]))
        ax_loss.plot(steps, run["loss"], ls, color=color, label=label)
        ax_out.plot(steps, run["output"], ls, color=color, label=label)
    ax_loss.set_xlabel(_("step"))
    ax_loss.set_ylabel(_("loss $L$ (each its own)"))
    ax_loss.set_title(_("the loss"))
    ax_out.set_xlabel(_("step"))
    ax_out.set_ylabel(_(r"output $\hat y$ (target 0)"))
    ax_out.set_title(_("the neuron's output"))
    ax_out.set_ylim(0, 1)
    for ax in (ax_loss, ax_out):
        ax.legend(fontsize=8)
    return fig
