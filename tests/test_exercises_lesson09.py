"""Lesson 09's exercises: worked solutions accepted, typical mistakes get their hint,
accuracy with the confusion matrix as code, against digits.accuracy/confusion_matrix, and the
runner-up prediction checked against the digits explorer's status."""

from __future__ import annotations

import math
import re
import subprocess
import sys

import numpy as np
import pytest

from ann_helpers.exercises import get, grade
from ann_helpers.exercises.lesson09 import CONFUSION, PREDICT_INDEX, n_parameters


def verdict(key, answer):
    return get(key).is_right(answer)


def test_09_1_parameter_count():
    assert n_parameters((64, 32, 10)) == 2410
    assert grade("09.1", 64 * 32 + 32 + 32 * 10 + 10) and grade("09.1", "2410")
    assert verdict("09.1", 64 * 32 + 32 * 10).text.startswith("You counted the weights")


def test_09_2_cross_entropy_of_one_example():
    assert grade("09.2", -math.log(0.8)) and grade("09.2", 0.223) and grade("09.2", 0.2231)
    assert verdict("09.2", math.log(0.8)).text == ("The loss is minus the log: a loss is never "
                                                   "negative.")
    assert verdict("09.2", -math.log10(0.8)).text.startswith("That is the base-10 logarithm")


def test_09_3_accuracy_from_confusion_matrix():
    assert grade("09.3", 139 / 150) and grade("09.3", "139/150") and grade("09.3", 0.927)
    assert verdict("09.3", 139).text.startswith("That is a count of right answers")
    assert verdict("09.3", "92.7%").text == ("Give the number itself, not a percentage "
                                             "(92 % is 0.92).")
    assert not grade("09.3", 50 / 52)
    assert int(np.trace(CONFUSION)) == 139


def evaluate(y_true, y_pred, n_classes):
    accuracy = np.mean(np.asarray(y_true) == np.asarray(y_pred))
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred, strict=True):
        C[t, p] += 1
    return accuracy, C


def test_09_4_evaluate():
    assert grade("09.4", evaluate)


def test_09_4_a_transposed_matrix_is_caught():
    def transposed(y_true, y_pred, n_classes):
        accuracy, C = evaluate(y_true, y_pred, n_classes)
        return accuracy, C.T

    assert verdict("09.4", transposed).text == (
        "Case 4 of 5, evaluate(y_true = [1], y_pred = [0], n_classes = 2): expected a pair "
        "(accuracy, C): accuracy between 0 and 1, C a 2 x 2 array of counts, rows the true "
        "classes, summing to 1 (one example); C: the shape (2, 2) is right, but entries "
        "(0, 1), (1, 0) are not (array([[0, 1], [0, 0]])).")


def test_09_4_a_matrix_sized_by_the_classes_seen_is_caught():
    def by_seen_classes(y_true, y_pred, n_classes):
        k = int(max(max(y_true), max(y_pred))) + 1
        return evaluate(y_true, y_pred, k)

    assert verdict("09.4", by_seen_classes).text.startswith(
        "Case 3 of 5, evaluate(y_true = [2, 0, 1], y_pred = [2, 0, 1], n_classes = 4): "
        "expected a pair (accuracy, C): accuracy between 0 and 1, C a 4 x 4 array of counts, "
        "rows the true classes, summing to 3 (class 3 never occurs); C: it should return shape "
        "(4, 4), but the result has shape (3, 3) (")


def test_09_5_predict_the_runner_up():
    from ann_helpers.explorers.digits import DigitsExplorer

    explorer = DigitsExplorer(index=PREDICT_INDEX)
    wrong = np.flatnonzero(explorer.predicted != explorer.split.y_test)
    assert PREDICT_INDEX == wrong[1]  # the premise: the second picture in the grid of mistakes
    # "test image 125: true 3, predicted 5 with probability 0.597 (WRONG); runner-up 3 ..."
    match = re.fullmatch(r"test image \d+: true \d, predicted (\d) with probability \d\.\d+ "
                         r"\(WRONG\); runner-up (\d) with \d\.\d+", explorer.status)
    assert match, explorer.status
    predicted, runner_up = map(int, match.groups())
    assert get("09.5").kind == "prediction"
    assert grade("09.5", runner_up) and grade("09.5", str(runner_up))
    assert verdict("09.5", predicted).text == ("That is the network's first choice, the "
                                               "predicted class (the tallest bar); the "
                                               "runner-up is the second-tallest.")
    assert verdict("09.5", 2.5).text == "The answer is a whole number."


def test_09_5_importing_the_exercises_does_not_train_the_network():
    code = ("from ann_helpers import digits\n"
            "from ann_helpers.exercises import all_exercises, check\n"
            "all_exercises()\n"
            "check('09.5', None)\n"
            "print(digits.trained_model.cache_info().currsize)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert run.stdout.splitlines() == ["Exercise 09.5: no answer yet. Replace None with your "
                                       "answer (a whole number) and run the cell again.", "0"]


def test_an_exercise_text_must_state_the_values_its_answer_is_computed_from():
    from ann_helpers.exercises import states
    from ann_helpers.exercises.lesson09 import P_TRUE

    assert states("gets probability 0.8 for class 7", f"probability {P_TRUE} ") == (
        "gets probability 0.8 for class 7")
    with pytest.raises(ValueError, match=r"^exercise text does not state \['probability 0\.9 '\]: "
                                         r"'gets probability 0\.8 for class 7'$"):
        states("gets probability 0.8 for class 7", "probability 0.9 ")
