"""Lesson 05 exercises: the neuron. The expected answers are computed with the lesson's own
helpers (ann_helpers.neuron, ann_helpers.activations), never typed in.

The texts are marked with N_ and translated where they are shown, so each is one literal
(the catalog holds it whole): a question states its data in words, and the tests check
that those words match the constants the answers are computed from."""

from __future__ import annotations

import math

from ..activations import ACTIVATIONS
from ..i18n import N_
from ..neuron import neuron, parameter_count, pre_activation
from . import exercise, number
from .runner import Case, code, compare_number

#: exercise 05.1: one neuron, three inputs
X, W, B = (1.0, 3.0, 2.0), (2.0, -1.0, 0.5), -1.0
exercise(
    "05.1",
    N_("A neuron has weights w = (2.0, -1.0, 0.5), bias b = -1 and the sigmoid activation. "
       "What is its output y for the input x = (1.0, 3.0, 2.0)?"),
    number(neuron(X, W, B, "sigmoid"), decimals=4, mistakes={
        float(pre_activation(X, W, B)): N_("That is u, the weighted sum plus bias; the neuron "
                                           "then applies the activation.")}),
    hint=N_("First the weighted sum u, then the activation."),
    more=N_("u = w1 x1 + w2 x2 + w3 x3 + b (a single number), then y = 1 / (1 + e^-u)."),
)

#: exercise 05.2: count the parameters of a small network
SIZES = (10, 5, 5, 1)
_WEIGHTS = sum(a * b for a, b in zip(SIZES[:-1], SIZES[1:], strict=True))
exercise(
    "05.2",
    N_("A fully connected network has layer sizes 10 -> 5 -> 5 -> 1. How many parameters "
       "(weights and biases) does it have?"),
    number(parameter_count(SIZES), whole=True, mistakes={
        _WEIGHTS: N_("You counted the weights; every neuron after the input also has a bias.")}),
    hint=N_("Count layer by layer: weights and biases."),
    more=N_("Each layer has n_in * n_out weights and n_out biases; add the layers up."),
)

#: exercise 05.3: sigmoid's derivative from its value
G = 0.8
_SIG = ACTIVATIONS["sigmoid"]
exercise(
    "05.3",
    N_("At some u the sigmoid's value is g(u) = 0.8. What is its derivative g'(u) there?"),
    number(_SIG.df(math.log(G / (1 - G))), decimals=4, mistakes={
        float(_SIG.df(G)): N_("That is g'(0.8); but 0.8 is the value g(u), not u.")}),
    hint=N_("Sigmoid's derivative can be written with its own value."),
    more=N_("You do not need u: sigmoid's derivative is g(u) (1 - g(u))."),
)


#: exercise 05.4 (code): the forward pass of one neuron with a chosen activation
_NAMES = {id(a.f): name for name, a in ACTIVATIONS.items()}


def _neuron_reference(x, w, b, g):
    return float(neuron(x, w, b, _NAMES[id(g)]))


def _case(x, w, b, name, expect):
    return Case((list(x), list(w), b, ACTIVATIONS[name].f), expect,
                f"x = {tuple(x)}, w = {tuple(w)}, b = {b:g}, g = {name}")


_NEURON = [
    _case(X, W, B, "sigmoid",
          N_("one number, y = g(w . x + b), between 0 and 1 for the sigmoid")),
    _case((1.0, 2.0), (-1.0, -1.0), 0.5, "relu",
          N_("one number, y = g(w . x + b): ReLU of a negative u is 0")),
    _case((0.5, -0.5, 2.0), (1.0, 2.0, 0.25), 0.0, "tanh",
          N_("one number, y = g(w . x + b), between -1 and 1 for tanh")),
    _case((3.0,), (2.0,), -1.0, "linear", N_("one number, y = g(w . x + b) (one input)")),
    _case((1.0, 2.0, 3.0, 4.0), (0.0, 0.0, 0.0, 0.0), 0.7, "sigmoid",
          N_("one number, y = g(w . x + b): with all weights 0, u = b")),
]
exercise(
    "05.4",
    N_("Write neuron_output(x, w, b, g): the neuron's forward pass, y = g(w . x + b), for "
       "inputs x and weights w of any (equal) length, a bias b and an activation function g "
       "(the lesson's sigmoid, relu, tanh, ... are passed in)."),
    code("neuron_output", ("x", "w", "b", "g"), _NEURON, _neuron_reference,
         compare=lambda got, want: compare_number(got, want, 1e-9)),
    hint=N_("Two steps: the weighted sum u (one number), then g(u)."),
    more=N_("The weighted sum pairs each input with its own weight (zip, or np.dot) and adds "
            "the bias once; g is applied once, to that single number."),
)


#: exercise 05.5 (prediction): the explorer's colour at a corner, before choosing ReLU
CORNER, EXPLORER_W, EXPLORER_B = (-2.0, 2.0), (1.0, -1.0), 0.5
_U_CORNER = float(pre_activation(CORNER, EXPLORER_W, EXPLORER_B))
exercise(
    "05.5",
    N_("In the explorer, keep w1 = 1, w2 = -1, b = 0.5. Before you switch the activation to "
       "relu: what will the neuron output at the corner (x1, x2) = (-2.0, 2.0)?"),
    number(neuron(CORNER, EXPLORER_W, EXPLORER_B, "relu"), decimals=2, mistakes={
        _U_CORNER: N_("That is u at the corner; the neuron outputs g(u): what does ReLU do "
                      "with a negative u?"),
        float(neuron(CORNER, EXPLORER_W, EXPLORER_B, "sigmoid")): N_(
            "That is the sigmoid's output there; ReLU treats a negative u differently.")}),
    hint=N_("First u = w1 x1 + w2 x2 + b at the corner, then ReLU(u) = max(0, u)."),
    more=N_("u at (-2, 2) is negative: what does ReLU give for every negative u?"),
    kind="prediction",
)
