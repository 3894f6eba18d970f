"""Lesson 08 exercises: training on many examples. Expected answers are computed from the
maths (ceil division, the 1/n of the mean, least squares) and, for the code exercise, by
ann_helpers.network.MLP.fit, never typed in."""

from __future__ import annotations

import math

import numpy as np

from ..explorers.training import EPOCHS, N_POINTS
from ..i18n import N_, _
from ..network import MLP
from ..training import new_classifier, two_moons
from . import choice, exercise, number
from .runner import Case, code, compare_array, compare_parts

N, BATCH = 200, 16
exercise(
    "08.1",
    # TRANSLATORS: the question is shown in the lesson's text; {n} is 200, {batch} 16
    N_("A data set has {n} examples and the batch size is {batch}; the last batch of an "
       "epoch may be smaller. How many parameter updates does one epoch make?"
       ).format(n=N, batch=BATCH),
    number(math.ceil(N / BATCH), whole=True, mistakes={
        N // BATCH: N_("The last, smaller batch makes an update too.")}),
    hint=N_("One update per batch."),
    more=N_("Count the batches: the full ones and the last, smaller one."),
)

N_MEAN, LR_MEAN = 50, 0.5
exercise(
    "08.2",
    # TRANSLATORS: the question is shown in the lesson's text; {n} is 50, {lr} 0.5
    N_("On the mean loss over n = {n} examples, lr = {lr} works well. Which learning rate on "
       "the summed loss gives exactly the same updates?").format(n=N_MEAN, lr=LR_MEAN),
    number(LR_MEAN / N_MEAN, decimals=4, mistakes={
        LR_MEAN * N_MEAN: N_("The summed loss's gradient is already n times larger; a larger "
                             "lr makes the steps larger still.")}),
    hint=N_("How do the two gradients compare?"),
    more=N_("The summed loss is n times the mean loss, so its gradient is n times larger; the "
            "step is lr times the gradient."),
)

#: two examples (x, y) for the model y_hat = w x (no bias)
PAIRS = ((1.0, 2.0), (2.0, 2.0))
_x, _y = np.array(PAIRS).T
exercise(
    "08.3",
    # TRANSLATORS: the question is shown in the lesson's text; {pairs} is ((1.0, 2.0), ...)
    N_("The model y_hat = w x (one parameter, no bias) and two examples (x, y) = {pairs}. "
       "Each example alone is fitted exactly by one w (2 and 1): averaging gives 1.5. Which w "
       "minimises the summed loss 1/2 sum (w x_i - y_i)^2?").format(pairs=PAIRS),
    number(float(np.sum(_x * _y) / np.sum(_x * _x)), decimals=4, mistakes={
        1.5: N_("Averaging the per-example solutions is not minimising the sum: the example "
                "with the larger x pulls harder.")}),
    hint=N_("Set the derivative of the summed loss to zero."),
    more=N_("dL/dw = sum_i (w x_i - y_i) x_i; set it to zero and solve for w."),
)


#: exercise 08.4 (code): the minibatch loop of one epoch
def _net():
    return MLP([2, 4, 2], activation="tanh", output="softmax", seed=0)


_X, _LABELS = two_moons(20, seed=0)
_ORDER = np.random.default_rng(1).permutation(len(_X))


def _epoch_reference(mlp, X, labels, lr, batch_size, order):
    history = mlp.fit(X[order], labels[order], lr=lr, epochs=1, batch_size=batch_size,
                      shuffle=False)
    return np.array(history.batch_losses), mlp.get_flat()


def _collect(args, returned):
    return returned, args[0].get_flat()


def _compare_epoch(got, want):
    losses, flat = got
    return compare_parts((losses, flat), want, (
        lambda g, w: compare_array(g, w, 1e-9),
        lambda g, w: None if compare_array(g, w, 1e-9) is None else
        _("the weights after the epoch differ from what the loop should give")),
        (N_("the batch losses"), "mlp.params"))


def _case(batch_size, expect, shown):
    """One case of 08.4; `expect` and `shown` are whole sentences (so that the catalog can
    translate them) and state the batch count and batch size of the case, as a test checks."""
    return Case((_net(), _X, _LABELS, 0.3, batch_size, _ORDER), expect, shown)


_EPOCH = [
    _case(8, N_("the list of the 3 batch losses, one per update (the last batch has 4 "
                "examples), and mlp.params updated in place"),
          N_("a fresh MLP([2, 4, 2]), 20 examples, lr = 0.3, batch_size = 8, a shuffled "
             "order")),
    _case(5, N_("the list of the 4 batch losses, one per update, and mlp.params updated in "
                "place"),
          N_("a fresh MLP([2, 4, 2]), 20 examples, lr = 0.3, batch_size = 5, a shuffled "
             "order")),
    _case(1, N_("the list of the 20 batch losses, one per update (SGD: one example per "
                "batch), and mlp.params updated in place"),
          N_("a fresh MLP([2, 4, 2]), 20 examples, lr = 0.3, batch_size = 1, a shuffled "
             "order")),
    _case(20, N_("the list of the 1 batch losses, one per update (the full batch: one "
                 "update), and mlp.params updated in place"),
          N_("a fresh MLP([2, 4, 2]), 20 examples, lr = 0.3, batch_size = 20, a shuffled "
             "order")),
]
exercise(
    "08.4",
    N_("Write one_epoch(mlp, X, labels, lr, batch_size, order): one epoch of minibatch "
       "training. Walk through the examples in the given order (a permutation of the rows), "
       "batch_size at a time; for each batch call mlp.loss_and_gradients(X[batch], "
       "labels[batch]) and update mlp.params. Return the list of batch losses."),
    code("one_epoch", ("mlp", "X", "labels", "lr", "batch_size", "order"), _EPOCH,
         _epoch_reference, _compare_epoch, collect=_collect),
    hint=N_("The inner loop of lesson 08's double loop, with `order` in place of a new "
            "shuffle."),
    more=N_("Slice `order` in steps of batch_size (the last slice may be shorter). For each "
            "slice: one call of mlp.loss_and_gradients, then a new mlp.params with every "
            "(W, b) moved against its (dW, db); append the loss to a list."),
)


#: exercise 08.5 (prediction): SGD against minibatches at a large learning rate
def _explorer_loss(lr: float, batch_size: int) -> float:
    """The loss on all points after the explorer's training (its data, network and epochs)."""
    X, labels = two_moons(N_POINTS, noise=0.15, seed=1)
    mlp = new_classifier(seed=0, hidden=8)
    mlp.fit(X, labels, lr=lr, epochs=EPOCHS, batch_size=batch_size)
    return mlp.loss(X, labels)


PREDICT_LR = 2.0
_LOWER = ("sgd" if _explorer_loss(PREDICT_LR, 1) < _explorer_loss(PREDICT_LR, 5)
          else "minibatch")
exercise(
    "08.5",
    # TRANSLATORS: the question is shown in the lesson's text; {lr} is 2
    N_("In the explorer, set lr = {lr:g}. Before you compare batch size 1 (SGD) with batch "
       "size 5: which run will end with the lower loss on all points, 'sgd' or 'minibatch'?"
       ).format(lr=PREDICT_LR),
    choice(("sgd", "minibatch"), _LOWER, mistakes={
        "sgd": N_("SGD makes five times as many updates, but each one follows a single "
                  "point: how noisy is a large step in the direction one point wants?")}),
    hint=N_("Same lr, same epochs: which run's steps follow a noisier gradient?"),
    more=N_("A batch of 5 averages 5 gradients, so its steps are steadier; with a large lr "
            "the noise of single-point steps is amplified."),
    kind="prediction",
)
