"""Lesson 09 exercises: counting a network's parameters, one example's cross-entropy, the
accuracy read off a confusion matrix, (code) accuracy and the confusion matrix from labels,
and (prediction) the explorer's runner-up on a misread digit. Expected answers are computed
from the maths and by ann_helpers.digits."""

from __future__ import annotations

import functools
import math

import numpy as np

from .. import digits
from ..i18n import N_
from ..neuron import parameter_count
from . import exercise, number, states
from .runner import Case, code, compare_array, compare_number, compare_parts

#: the lesson's network: 64 pixels in, 32 hidden neurons, 10 classes out
LAYERS = (64, 32, 10)
#: exercise 2: the probability the network gives the true class of one test image
P_TRUE = 0.8
#: exercise 3: a confusion matrix of three classes (rows: true class, columns: predicted)
CONFUSION = np.array([[50, 2, 0],
                      [3, 45, 2],
                      [0, 4, 44]])


def n_parameters(layers) -> int:
    """Each layer has n_in * n_out weights and n_out biases (ann_helpers.neuron's count)."""
    return parameter_count(layers)


exercise(
    "09.1",
    states(N_("How many numbers (weights and biases) does the 64-32-10 network learn?"),
            "-".join(map(str, LAYERS))),
    number(n_parameters(LAYERS), whole=True, mistakes={
        64 * 32 + 32 * 10: N_("You counted the weights; each of the 32 + 10 neurons also has "
                              "a bias.")}),
    hint=N_("Count the weight matrix and the bias vector of each layer."),
    more=N_("A layer from n_in to n_out neurons has an n_in x n_out weight matrix W and n_out "
            "biases b. Add both layers."),
)

exercise(
    "09.2",
    states(N_("A test image of a 7 gets probability 0.8 for class 7. What is its "
               "cross-entropy loss (natural logarithm)?"), f"probability {P_TRUE} "),
    number(-math.log(P_TRUE), decimals=3, mistakes={
        math.log(P_TRUE): N_("The loss is minus the log: a loss is never negative."),
        -math.log10(P_TRUE): N_("That is the base-10 logarithm; the loss uses the natural "
                                "one, ln.")}),
    hint=N_("With a one-hot label only one term of the sum survives."),
    more=N_("Only the true class's term is left: L = -log p_true."),
)

exercise(
    "09.3",
    states(N_("For the 3 x 3 confusion matrix CONFUSION in the lesson, what fraction of the "
               "examples was classified right (a number between 0 and 1)?"),
            " x ".join(map(str, CONFUSION.shape))),
    number(np.trace(CONFUSION) / CONFUSION.sum(), decimals=3, mistakes={
        int(np.trace(CONFUSION)): N_("That is a count of right answers; the question asks "
                                     "for a fraction of all examples.")}),
    hint=N_("Where in the matrix are the right answers?"),
    more=N_("The right answers are on the diagonal; divide their sum by the number of "
            "examples (the sum of every entry)."),
)


#: exercise 09.4 (code): accuracy and the confusion matrix from the labels
def _evaluate_reference(y_true, y_pred, n_classes):
    return (digits.accuracy(y_true, y_pred, n_classes),
            digits.confusion_matrix(y_true, y_pred, n_classes))


def _compare_evaluate(got, want):
    return compare_parts(got, want, (lambda g, w: compare_number(g, w, 1e-12),
                                     lambda g, w: compare_array(g, w, 0)),
                         ("accuracy", "C"))


def _case(y_true, y_pred, k, expect, shown=None):
    """A case of 09.4; `expect` (and `shown` for a long case) are whole texts for the
    catalogs, checked here against the case's number of classes and of labels."""
    y_true, y_pred = np.array(y_true), np.array(y_pred)
    states(expect, f"C a {k} x {k} array", f"summing to {len(y_true)}")
    if shown is None:
        shown = f"y_true = {y_true.tolist()}, y_pred = {y_pred.tolist()}, n_classes = {k}"
    else:
        states(shown, f"{len(y_true)} labels of {k} classes")
    return Case((y_true, y_pred, k), expect, shown)


_rng = np.random.default_rng(9)
_EVALUATE = [
    _case([0, 1, 2, 2, 1, 0], [0, 2, 2, 1, 1, 0], 3,
          N_("a pair (accuracy, C): accuracy between 0 and 1, C a 3 x 3 array of counts, rows "
             "the true classes, summing to 6")),
    _case([0, 0, 1, 1], [1, 1, 0, 0], 2,
          N_("a pair (accuracy, C): accuracy between 0 and 1, C a 2 x 2 array of counts, rows "
             "the true classes, summing to 4 (every answer wrong)")),
    _case([2, 0, 1], [2, 0, 1], 4,
          N_("a pair (accuracy, C): accuracy between 0 and 1, C a 4 x 4 array of counts, rows "
             "the true classes, summing to 3 (class 3 never occurs)")),
    _case([1], [0], 2,
          N_("a pair (accuracy, C): accuracy between 0 and 1, C a 2 x 2 array of counts, rows "
             "the true classes, summing to 1 (one example)")),
    _case(_rng.integers(0, 10, 40), _rng.integers(0, 10, 40), 10,
          N_("a pair (accuracy, C): accuracy between 0 and 1, C a 10 x 10 array of counts, "
             "rows the true classes, summing to 40"),
          N_("40 labels of 10 classes")),
]
exercise(
    "09.4",
    N_("Write evaluate(y_true, y_pred, n_classes): from the true and the predicted class of "
       "every example (two integer arrays), return the accuracy (the fraction right) and the "
       "confusion matrix C, C[i, j] = how many examples of true class i were predicted as j."),
    code("evaluate", ("y_true", "y_pred", "n_classes"), _EVALUATE, _evaluate_reference,
         _compare_evaluate),
    hint=N_("The accuracy compares the two arrays element by element; C counts pairs "
            "(true, predicted)."),
    more=N_("Accuracy: the mean of the element-wise comparison. The matrix: start from zeros "
            "of shape (n_classes, n_classes), even for classes that never occur, and add 1 at "
            "[true, predicted] for each example (rows are the true classes)."),
)


#: exercise 09.5 (prediction): the runner-up on a misread test image, before moving there
PREDICT_INDEX = 125   # the second of the lesson's misclassified test images


@functools.lru_cache(maxsize=1)
def _runner_up_check() -> number:
    """The predicate of 09.5, from what the explorer's status says of test image
    PREDICT_INDEX: its class probabilities from the lesson's trained network, the runner-up
    the class with the second-highest one, the predicted class a named mistake."""
    split = digits.load_split()
    p = digits.probabilities(digits.trained_model().model, split.X_test)[PREDICT_INDEX]
    predicted, runner_up = int(np.argmax(p)), int(np.argsort(p)[-2])
    return number(runner_up, whole=True, mistakes={
        predicted: N_("That is the network's first choice, the predicted class (the "
                      "tallest bar); the runner-up is the second-tallest.")})


class _AfterTraining:
    """09.5's predicate, built on its first call: the answer needs the trained network
    (seconds of training), and importing the exercises, as every lesson's `check` does, must
    not train it."""

    kind, precision, what = "number", "a whole number", "a whole number"

    def __call__(self, answer):
        return _runner_up_check()(answer)


exercise(
    "09.5",
    states(N_("In the explorer, test image 125 is the second picture in the lesson's grid of "
               "misclassified images (its title says what the network read and what the label "
               "is). Before you move the slider to 125: which digit will the status name as "
               "the runner-up, the class with the second-highest probability?"),
            f"test image {PREDICT_INDEX} ", f"slider to {PREDICT_INDEX}:"),
    _AfterTraining(),
    hint=N_("The network was wrong on this image, but was it sure? Where could the rest of "
            "its probability have gone?"),
    more=N_("A misread digit is often one the network found almost as likely as its choice: "
            "which other digit could this picture be?"),
    kind="prediction",
)
