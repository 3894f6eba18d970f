"""Lesson 07 explorers: the article's network as a diagram, the backward pass step by step,
and training on one example with a learning-rate slider.

`draw_network` draws the 2-2-2 network once (nodes with their values, edges with their
weights) and returns the artists, so `paint_network` can recolour and relabel them in place.
`backward_steps` lists the backward pass one node at a time: the term computed, its value,
and the stored terms it reuses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .. import plotting
from ..i18n import _
from ..network import LESSON_PARAMS, LESSON_X, LESSON_Y, PARAM_NAMES, TinyNet
from ..widgets import Explorer, int_slider, slider

# -- the diagram ---------------------------------------------------------------------------
#: node positions (x, y) on the diagram
NODES = {"x1": (0.0, 1.0), "x2": (0.0, 0.0), "h1": (1.0, 1.0), "h2": (1.0, 0.0),
         "y1_hat": (2.0, 1.0), "y2_hat": (2.0, 0.0), "L": (2.85, 0.5)}
NODE_LABELS = {"x1": "$x_1$", "x2": "$x_2$", "h1": "$h_1$", "h2": "$h_2$",
               "y1_hat": r"$\hat y_1$", "y2_hat": r"$\hat y_2$", "L": "$L$"}
#: edge -> (from node, to node); weights w1..w8 as in the article's notation
EDGES = {"w1": ("x1", "h1"), "w2": ("x2", "h1"), "w3": ("x1", "h2"), "w4": ("x2", "h2"),
         "w5": ("h1", "y1_hat"), "w6": ("h2", "y1_hat"), "w7": ("h1", "y2_hat"),
         "w8": ("h2", "y2_hat"), "e1": ("y1_hat", "L"), "e2": ("y2_hat", "L")}
#: where along each edge its label sits (crossing edges keep their labels apart)
_LABEL_AT = {"w1": 0.5, "w2": 0.25, "w3": 0.25, "w4": 0.5, "w5": 0.5, "w6": 0.25,
             "w7": 0.25, "w8": 0.5}
#: which bias belongs to which node
BIAS_OF = {"h1": "b1", "h2": "b2", "y1_hat": "b3", "y2_hat": "b4"}

# Okabe-Ito colours (node fills are half tints, so the black text on them stays readable);
# edges carry a second cue: the current ones are thick, the finished ones dashed
NODE_COLORS = {"plain": "#eeeeee", "current": "#F2CF80", "reused": "#AAD9F4", "done": "#80CEB9"}
EDGE_COLORS = {"plain": plotting.COLORS["muted"], "current": plotting.OKABE_ITO["vermillion"],
               "done": plotting.OKABE_ITO["green"]}


@dataclass
class NetworkArtists:
    nodes: object            # PathCollection of the node discs
    node_text: dict          # node -> Text (name and value)
    bias_text: dict          # node -> Text (its bias)
    edges: dict              # edge -> Line2D
    edge_text: dict          # weight -> Text


def tex(name: str) -> str:
    """A parameter name as mathtext: 'w5' -> '$w_5$' (the labels never change while a slider
    moves, so matplotlib's mathtext cache makes them as cheap as plain text)."""
    return f"${name[0]}_{{{name[1:]}}}$"


_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def pretty(text: str) -> str:
    """A backward-step formula in the text's notation, for the figure: delta3 -> δ₃,
    dL/dw5 -> ∂L/∂w₅, y1_hat -> ŷ₁, ^2 -> ², * -> ·, a - b -> a − b. Unicode, not mathtext: this text changes with
    every slider move (the status line keeps the plain form)."""
    text = re.sub(r"y(\d)_hat", lambda m: "ŷ" + m.group(1).translate(_SUB), text)
    text = text.replace("dL/d", "∂L/∂").replace("^2", "²").replace("1/2 ", "½ ")
    text = text.replace(" * ", " · ").replace(" - ", " − ")
    text = re.sub(r"delta(\d)", lambda m: "δ" + m.group(1).translate(_SUB), text)
    return re.sub(r"(?<![A-Za-z0-9.])([bhuwxyŷ])(\d)\b",
                  lambda m: m.group(1) + m.group(2).translate(_SUB), text)


def node_values(net: TinyNet) -> dict[str, float]:
    """The value on every node after the last forward pass (L included)."""
    v = net.values
    return {"x1": v["x1"], "x2": v["x2"], "h1": v["h1"], "h2": v["h2"],
            "y1_hat": v["y1_hat"], "y2_hat": v["y2_hat"], "L": v.get("L", np.nan)}


def draw_network(ax, net: TinyNet) -> NetworkArtists:
    """Draw the network with the values of net's last forward pass; returns the artists."""
    names = list(NODES)
    xy = np.array([NODES[n] for n in names])
    edges, edge_text = {}, {}
    for key, (a, b) in EDGES.items():
        (x0, y0), (x1, y1) = NODES[a], NODES[b]
        (line,) = ax.plot([x0, x1], [y0, y1], color=EDGE_COLORS["plain"], lw=1.5, zorder=1)
        edges[key] = line
        if key in _LABEL_AT:
            t = _LABEL_AT[key]
            flat = y0 == y1
            # labels of horizontal edges sit just above (top row) or below (bottom row)
            dy = (0.07 if y0 > 0.5 else -0.07) if flat else 0.0
            va = ("bottom" if y0 > 0.5 else "top") if flat else "center"
            edge_text[key] = ax.text(x0 + t * (x1 - x0), y0 + t * (y1 - y0) + dy, "",
                                     fontsize=8, ha="center", va=va, zorder=2,
                                     backgroundcolor="white" if not flat else "none")
    nodes = ax.scatter(xy[:, 0], xy[:, 1], s=1100, c=[NODE_COLORS["plain"]] * len(names),
                       edgecolors="#34495e", linewidths=1.2, zorder=3)
    node_text = {n: ax.text(*NODES[n], "", ha="center", va="center", fontsize=8, zorder=4)
                 for n in names}
    bias_text = {n: ax.text(NODES[n][0], NODES[n][1] + (0.17 if NODES[n][1] > 0.5 else -0.17),
                            "", ha="center", va="bottom" if NODES[n][1] > 0.5 else "top",
                            fontsize=8, color="#5d6d7e", zorder=4) for n in BIAS_OF}
    ax.set_xlim(-0.3, 3.15)
    ax.set_ylim(-0.5, 1.5)
    ax.axis("off")
    artists = NetworkArtists(nodes, node_text, bias_text, edges, edge_text)
    paint_network(artists, net)
    return artists


def paint_network(artists: NetworkArtists, net: TinyNet, current=(), reused=(), done=(),
                  edges_current=(), edges_done=(), grads: dict | None = None) -> None:
    """Relabel and recolour the drawn network in place (no new artists)."""
    values = node_values(net)
    colors = []
    for n in NODES:
        state = ("current" if n in current else "reused" if n in reused
                 else "done" if n in done else "plain")
        colors.append(NODE_COLORS[state])
        artists.node_text[n].set_text(f"{NODE_LABELS[n]}\n{values[n]:.4f}")
    for n, text in artists.bias_text.items():
        label = f"{tex(BIAS_OF[n])} = {net.params[BIAS_OF[n]]:.2f}"
        if grads is not None and BIAS_OF[n] in grads:
            label += f"\n∂L/∂{BIAS_OF[n]}={grads[BIAS_OF[n]]:+.4f}"
        text.set_text(label)
    artists.nodes.set_facecolors(colors)
    for key, line in artists.edges.items():
        state = "current" if key in edges_current else "done" if key in edges_done else "plain"
        line.set_color(EDGE_COLORS[state])
        line.set_linewidth(3.0 if state == "current" else 1.5)
        line.set_linestyle("--" if state == "done" else "-")
    for key, text in artists.edge_text.items():
        label = f"{tex(key)} = {net.params[key]:.2f}"
        if grads is not None and key in grads:
            label += f"\n∂L/∂{key}={grads[key]:+.4f}"
        text.set_text(label)


def network_figure(net: TinyNet, size=(7.0, 3.0)):
    """A static picture of the network with its current values (for the lesson text)."""
    fig, ax = plotting.new_figure(size=size)
    draw_network(ax, net)
    return fig


# -- the backward pass, one node at a time -------------------------------------------------
@dataclass(frozen=True)
class BackwardStep:
    title: str            # what is computed, in words
    formula: str          # the formula with the numbers put in
    value: float          # the term's value
    node: str             # the node it belongs to (highlighted)
    reuses: tuple         # stored terms it uses, e.g. ("delta3",)
    reuse_nodes: tuple    # the nodes those stored terms belong to
    edges: tuple          # edges whose gradients this step finishes
    grads: tuple          # parameter names whose gradients this step finishes


def backward_steps(net: TinyNet, x, y) -> list[BackwardStep]:
    """The backward pass of `net` for (x, y) in the order back-propagation computes it.

    The first entry is the finished forward pass; each later one computes one term.
    """
    g = net.backward(x, y)
    v, t, p = net.values, net.terms, net.params
    o = "1" if net.output_activation == "identity" else "ŷ(1-ŷ)"
    s = [BackwardStep(_("forward pass done: every node holds its value"), f"L = {v['L']:.6f}",
                      v["L"], "L", (), (), (), ())]
    for i, (k, yk) in enumerate((("y1_hat", "y1"), ("y2_hat", "y2")), start=1):
        name = "dL_dy1_hat" if i == 1 else "dL_dy2_hat"
        s.append(BackwardStep(
            _("dL/d{k} = {k} - {yk} (from L = 1/2 ({yk} - {k})^2)").format(k=k, yk=yk),
            f"dL/d{k} = {v[k]:.4f} - {v[yk]:.4f} = {t[name]:.6f}",
            t[name], k, (), (), (f"e{i}",), ()))
    for i, k in ((3, "y1_hat"), (4, "y2_hat")):
        prev = "dL_dy1_hat" if i == 3 else "dL_dy2_hat"
        s.append(BackwardStep(
            _("delta{i} = dL/du{i} = dL/d{k} * o'(u{i}), stored for reuse").format(i=i, k=k),
            f"delta{i} = {t[prev]:.6f} * {o} = {t[f'delta{i}']:.6f}",
            t[f"delta{i}"], k, (), (), (), ()))
    for i, k, (wa, wb, bias) in ((3, "y1_hat", ("w5", "w6", "b3")),
                                 (4, "y2_hat", ("w7", "w8", "b4"))):
        d = t[f"delta{i}"]
        s.append(BackwardStep(
            _("dL/d{wa}, dL/d{wb}, dL/d{bias}: one chain each, reusing delta{i}").format(
                wa=wa, wb=wb, bias=bias, i=i),
            f"dL/d{wa} = delta{i} h1 = {d:.4f} * {v['h1']:.4f} = {g[wa]:.6f};  "
            f"dL/d{wb} = delta{i} h2 = {g[wb]:.6f};  dL/d{bias} = {g[bias]:.6f}",
            g[wa], k, (f"delta{i}",), (k,), (wa, wb), (wa, wb, bias)))
    for j, (wa, wb, xa, _xb, bias, wo1, wo2) in ((1, ("w1", "w2", "x1", "x2", "b1", "w5", "w7")),
                                                (2, ("w3", "w4", "x1", "x2", "b2", "w6", "w8"))):
        h = f"h{j}"
        s.append(BackwardStep(
            _("dL/d{h}: two chains (through ŷ1 and ŷ2) summed, reusing delta3 and delta4"
              ).format(h=h),
            f"dL/d{h} = delta3 {wo1} + delta4 {wo2} = {t['delta3']:.4f} * {p[wo1]:.2f} + "
            f"{t['delta4']:.4f} * {p[wo2]:.2f} = {t[f'dL_dh{j}']:.6f}",
            t[f"dL_dh{j}"], h, ("delta3", "delta4"), ("y1_hat", "y2_hat"), (wo1, wo2), ()))
        s.append(BackwardStep(
            _("delta{j} = dL/du{j} = dL/d{h} * g(u{j})(1 - g(u{j})), stored for reuse"
              ).format(j=j, h=h),
            f"delta{j} = {t[f'dL_dh{j}']:.6f} * {v[h]:.4f} * (1 - {v[h]:.4f}) = "
            f"{t[f'delta{j}']:.6f}",
            t[f"delta{j}"], h, (f"dL/d{h}",), (h,), (), ()))
        s.append(BackwardStep(
            _("dL/d{wa}, dL/d{wb}, dL/d{bias}: reusing delta{j}").format(
                wa=wa, wb=wb, bias=bias, j=j),
            f"dL/d{wa} = delta{j} {xa} = {t[f'delta{j}']:.6f} * {v[xa]:.2f} = {g[wa]:.6f};  "
            f"dL/d{wb} = {g[wb]:.6f};  dL/d{bias} = {g[bias]:.6f}",
            g[wa], h, (f"delta{j}",), (h,), (wa, wb), (wa, wb, bias)))
    return s


class BackpropStepsExplorer(Explorer):
    """Walk the backward pass of the lesson's example one node at a time."""

    name = "backprop_steps"

    def make_controls(self):
        self.net = TinyNet(LESSON_PARAMS)
        self.steps = backward_steps(self.net, LESSON_X, LESSON_Y)
        self.all_grads = self.net.backward(LESSON_X, LESSON_Y)
        return {"step": int_slider(_("backward step"), 0, 0, len(self.steps) - 1)}

    def make_figure(self):
        fig, ax = plotting.new_figure(size=(8.0, 3.8))
        self.artists = draw_network(ax, self.net)
        ax.set_ylim(-1.2, 1.5)
        # not bold: a CJK font list with a font that has no bold face (WenQuanYi Micro Hei)
        # makes matplotlib print a findfont warning into the notebook, on some machines only
        self.title = ax.text(-0.3, -0.6, "", fontsize=9.5, va="top")
        self.formula = ax.text(-0.3, -0.78, "", fontsize=8.5, va="top", family="monospace")
        return fig

    def update(self, step: int) -> str:
        done_nodes, done_edges = set(), set()
        for s in self.steps[1:step]:
            done_nodes.add(s.node)
            done_edges.update(s.edges)
        cur = self.steps[step]
        # the gradients themselves are in the formula below the diagram: drawing them on the
        # edges too would double the text, and text is most of the cost of a redraw
        paint_network(self.artists, self.net, current=(cur.node,) if step else (),
                      reused=cur.reuse_nodes, done=done_nodes,
                      edges_current=cur.edges, edges_done=done_edges)
        last = len(self.steps) - 1
        self.title.set_text(pretty(_("step {step} of {last}: {title}").format(
            step=step, last=last, title=cur.title)))
        formula = cur.formula.replace(";  ", "\n")
        self.formula.set_text(pretty(formula))
        first = cur.formula.split(";")[0]
        if cur.reuses:
            return _("step {step} of {last}: {formula} (reuses stored {terms})").format(
                step=step, last=last, formula=first, terms=", ".join(cur.reuses))
        return _("step {step} of {last}: {formula}").format(step=step, last=last,
                                                            formula=first)


class OneExampleExplorer(Explorer):
    """Gradient descent on the lesson's one example: the learning rate decides."""

    name = "backprop_lr"

    def make_controls(self):
        return {"lr": slider(_("learning rate (學習率)"), 0.2, 0.05, 3.0, 0.05),
                "steps": int_slider(_("steps"), 30, 5, 60, 5)}

    def make_figure(self):
        fig, (self.ax_loss, self.ax_out) = plotting.new_figure(ncols=2, size=(7.2, 2.7))
        (self.loss_line,) = self.ax_loss.plot([], [], marker="o", ms=3,
                                              color=plotting.COLORS["path"])
        self.ax_loss.set_ylim(-12.5, 6.5)
        self.ax_loss.set_yticks([-12, -8, -4, 0, 4])
        self.ax_loss.set_xlabel(_("step"))
        self.ax_loss.set_ylabel(_("log10 of the loss L"))
        plotting.plain_title(self.ax_loss, _("loss on the one example"))
        (self.y1_line,) = self.ax_out.plot([], [], color=plotting.COLORS["curve"])
        (self.y2_line,) = self.ax_out.plot([], [], color=plotting.COLORS["grad"])
        for target, name, color in ((LESSON_Y[0], "y1", "curve"), (LESSON_Y[1], "y2", "grad")):
            self.ax_out.axhline(target, color=plotting.COLORS[color], ls="--", lw=1)
            self.ax_out.text(60, target + 0.08,
                             _("target {name} = {target:g}").format(name=name, target=target),
                             ha="right",
                             fontsize=8, color=plotting.COLORS[color])
        self.ax_out.set_ylim(-1.5, 2.5)
        self.ax_out.set_yticks([-1, 0, 1, 2])
        self.ax_out.set_xlabel(_("step"))
        plotting.plain_title(self.ax_out, _("outputs ŷ1 (blue), ŷ2 (orange)"))
        for ax in (self.ax_loss, self.ax_out):
            ax.set_xlim(-1, 61)
            ax.set_xticks([0, 20, 40, 60])
        return fig

    def update(self, lr: float, steps: int) -> str:
        outs = []
        history = TinyNet(LESSON_PARAMS).fit(
            LESSON_X, LESSON_Y, lr=lr, steps=steps,
            callback=lambda k, loss, net: outs.append((net.values["y1_hat"],
                                                       net.values["y2_hat"])))
        ks = np.arange(len(history))
        outs = np.array(outs)
        self.loss_line.set_data(ks, np.log10(np.maximum(history, 1e-12)))
        self.y1_line.set_data(ks, outs[:, 0])
        self.y2_line.set_data(ks, outs[:, 1])
        return history.status


def gradient_table(net: TinyNet, x, y) -> list[tuple[str, float, float, float]]:
    """(name, back-propagation, numerical, relative error) for all twelve parameters."""
    from ..network import check_tinynet

    result = check_tinynet(net, x, y)
    return [(k, float(a), float(n), float(e)) for k, a, n, e in
            zip(PARAM_NAMES, result.analytic, result.numerical, result.errors, strict=True)]


def forward_rows(net: TinyNet) -> list[tuple[str, str, float]]:
    """(quantity, formula, value) for every intermediate of net's last forward pass."""
    v = net.values
    o = "u3" if net.output_activation == "identity" else "sigmoid(u3)"
    o4 = "u4" if net.output_activation == "identity" else "sigmoid(u4)"
    return [
        ("u1", "w1 x1 + w2 x2 + b1", v["u1"]),
        ("h1", "g(u1) = 1 / (1 + e^-u1)", v["h1"]),
        ("u2", "w3 x1 + w4 x2 + b2", v["u2"]),
        ("h2", "g(u2)", v["h2"]),
        ("u3", "w5 h1 + w6 h2 + b3", v["u3"]),
        ("y1_hat", f"o(u3) = {o}", v["y1_hat"]),
        ("u4", "w7 h1 + w8 h2 + b4", v["u4"]),
        ("y2_hat", f"o(u4) = {o4}", v["y2_hat"]),
        ("L", "1/2 [(y1 - y1_hat)^2 + (y2 - y2_hat)^2]", v["L"]),
    ]


#: networks of growing size for the cost comparison: the article's, then wider and deeper
COST_NETWORKS = ([2, 2, 2], [2, 8, 8, 2], [64, 32, 10], [784, 100, 10], [784, 300, 100, 10],
                 [784, 1000, 1000, 10])


def cost_figure(networks=COST_NETWORKS):
    """Multiply-adds for one gradient, finite differences vs back-propagation, for the given
    networks (layer sizes), against their parameter count P (log-log: slopes 2 and 1)."""
    from ..network import gradient_cost

    costs = [gradient_cost(sizes) for sizes in networks]
    P = np.array([c["parameters"] for c in costs], dtype=float)
    fig, ax = plotting.new_figure(size=(7.2, 3.8))
    ax.loglog(P, [c["finite_differences"] for c in costs], "s--",
              color=plotting.COLORS["path"], label=_(r"finite differences $2PF \approx 2P^2$"))
    ax.loglog(P, [c["backprop"] for c in costs], "o-", color=plotting.COLORS["curve"],
              label=_(r"back-propagation $\approx 3F \approx 3P$"))
    for sizes, p, c in zip(networks, P, costs, strict=True):
        ax.annotate(str(list(sizes)).replace(" ", ""), (p, c["backprop"]),
                    textcoords="offset points", xytext=(0, -12), ha="center", fontsize=7)
    ax.set_xlabel(_("parameters $P$ of the network (labels: its layer sizes, as in the "
                    "table)"))
    ax.set_ylabel(_("multiply-adds for one gradient"))
    ax.set_title(_("the cost of one gradient of one example's loss"))
    ax.set_xlim(P.min() / 3, P.max() * 3)
    ax.legend(loc="upper left", fontsize=8)
    return fig
