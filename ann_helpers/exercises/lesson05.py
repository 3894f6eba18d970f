"""Lesson 05 exercises: the neuron. The expected answers are computed with the lesson's own
helpers (ann_helpers.neuron, ann_helpers.activations), never typed in."""

from __future__ import annotations

import math

from ..activations import ACTIVATIONS
from ..neuron import neuron, parameter_count
from . import exercise, number

#: exercise 05.1: one neuron, three inputs
X, W, B = (1.0, 3.0, 2.0), (2.0, -1.0, 0.5), -1.0
exercise(
    "05.1",
    f"A neuron has weights w = {W}, bias b = {B:g} and the sigmoid activation. What is its "
    f"output y for the input x = {X}? (4 decimals are enough)",
    number(neuron(X, W, B, "sigmoid"), tol=1e-4),
    hint="First u = w1 x1 + w2 x2 + w3 x3 + b (a single number), then y = 1 / (1 + e^-u).",
)

#: exercise 05.2: count the parameters of a small network
SIZES = (10, 5, 5, 1)
exercise(
    "05.2",
    f"A fully connected network has layer sizes {' -> '.join(map(str, SIZES))}. How many "
    "parameters (weights and biases) does it have?",
    number(parameter_count(SIZES)),
    hint="Each layer has n_in * n_out weights and n_out biases; add the layers up.",
)

#: exercise 05.3: sigmoid's derivative from its value
G = 0.8
exercise(
    "05.3",
    f"At some u the sigmoid's value is g(u) = {G}. What is its derivative g'(u) there?",
    number(ACTIVATIONS["sigmoid"].df(math.log(G / (1 - G))), tol=1e-6),
    hint="You do not need u: sigmoid's derivative is g(u) (1 - g(u)).",
)
