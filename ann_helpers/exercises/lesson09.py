"""Lesson 09 exercises: counting a network's parameters, one example's cross-entropy, and the
accuracy read off a confusion matrix. Expected answers are computed from the maths."""

from __future__ import annotations

import math

import numpy as np

from . import exercise, number

#: the lesson's network: 64 pixels in, 32 hidden neurons, 10 classes out
LAYERS = (64, 32, 10)
#: exercise 2: the probability the network gives the true class of one test image
P_TRUE = 0.8
#: exercise 3: a confusion matrix of three classes (rows: true class, columns: predicted)
CONFUSION = np.array([[50, 2, 0],
                      [3, 45, 2],
                      [0, 4, 44]])


def n_parameters(layers) -> int:
    """Each layer has n_in * n_out weights and n_out biases."""
    return sum(n_in * n_out + n_out for n_in, n_out in zip(layers[:-1], layers[1:],
                                                           strict=True))


exercise(
    "09.1",
    "How many numbers (weights and biases) does the 64-32-10 network learn?",
    number(n_parameters(LAYERS)),
    hint="A layer from n_in to n_out neurons has an n_in x n_out weight matrix W and "
         "n_out biases b. Add both layers.",
)

exercise(
    "09.2",
    f"A test image of a 7 gets probability {P_TRUE} for class 7. What is its cross-entropy "
    "loss (natural logarithm)?",
    number(-math.log(P_TRUE), tol=1e-3),
    hint="With a one-hot label only the true class's term survives: L = -log p_true.",
)

exercise(
    "09.3",
    "For the 3 x 3 confusion matrix CONFUSION in the lesson, what fraction of the examples "
    "was classified right (a number between 0 and 1)?",
    number(np.trace(CONFUSION) / CONFUSION.sum(), tol=1e-3),
    hint="The right answers are on the diagonal; divide their sum by the number of "
         "examples (the sum of every entry).",
)
