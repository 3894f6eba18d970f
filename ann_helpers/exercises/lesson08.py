"""Lesson 08 exercises: training on many examples. Expected answers are computed from the
maths (ceil division, the 1/n of the mean, least squares), never typed in."""

from __future__ import annotations

import math

import numpy as np

from . import exercise, number

N, BATCH = 200, 16
exercise(
    "08.1",
    f"A data set has {N} examples and the batch size is {BATCH}; the last batch of an epoch "
    "may be smaller. How many parameter updates does one epoch make?",
    number(math.ceil(N / BATCH)),
    hint="One update per batch: count the batches, including the last, smaller one.",
)

N_MEAN, LR_MEAN = 50, 0.5
exercise(
    "08.2",
    f"On the mean loss over n = {N_MEAN} examples, lr = {LR_MEAN} works well. Which learning "
    "rate on the summed loss gives exactly the same updates?",
    number(LR_MEAN / N_MEAN),
    hint="The summed loss is n times the mean loss, so its gradient is n times larger; the "
         "step is lr times the gradient.",
)

#: two examples (x, y) for the model y_hat = w x (no bias)
PAIRS = ((1.0, 2.0), (2.0, 2.0))
_x, _y = np.array(PAIRS).T
exercise(
    "08.3",
    f"The model y_hat = w x (one parameter, no bias) and two examples (x, y) = {PAIRS}. "
    "Each example alone is fitted exactly by one w (2 and 1): averaging gives 1.5. Which w "
    "minimises the summed loss 1/2 sum (w x_i - y_i)^2?",
    number(float(np.sum(_x * _y) / np.sum(_x * _x))),
    hint="Set the derivative sum_i (w x_i - y_i) x_i to zero and solve for w.",
)
