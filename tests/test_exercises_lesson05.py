"""Lesson 05's exercises: worked solutions accepted, typical mistakes get their hint, and the
neuron's forward pass as code."""

from __future__ import annotations

import math

import numpy as np

from ann_helpers.exercises import get, grade


def verdict(key, answer):
    return get(key).is_right(answer)


def test_05_1_one_neuron():
    u = 2 * 1 + (-1) * 3 + 0.5 * 2 - 1
    assert grade("05.1", 1 / (1 + math.exp(-u))) and grade("05.1", 0.2689)
    assert verdict("05.1", u).text.startswith("That is u, the weighted sum plus bias")
    assert verdict("05.1", 0.269).text.startswith("Close, but not to 4 decimals")


def test_05_2_parameters():
    assert grade("05.2", 91)
    assert verdict("05.2", 80).text == ("You counted the weights; every neuron after the input "
                                        "also has a bias.")


def test_05_3_sigmoid_derivative():
    assert grade("05.3", 0.16) and grade("05.3", "4/25")
    assert verdict("05.3", 0.8 * (1 - 0.8) + 0.0539).text == (
        "That is g'(0.8); but 0.8 is the value g(u), not u.")


def neuron_output(x, w, b, g):
    return g(np.dot(w, x) + b)


def test_05_4_neuron_output():
    assert grade("05.4", neuron_output)


def test_05_4_the_activation_inside_the_sum_is_caught():
    def inside(x, w, b, g):
        return sum(g(wi * xi) for wi, xi in zip(w, x, strict=True)) + b

    assert verdict("05.4", inside).text.startswith(
        "Case 1 of 5, neuron_output(x = (1.0, 3.0, 2.0), w = (2.0, -1.0, 0.5), b = -1, "
        "g = sigmoid): expected one number, y = g(w . x + b), between 0 and 1 for the sigmoid; ")


def test_05_4_an_array_instead_of_a_number():
    def vector(x, w, b, g):
        return g(np.multiply(w, x) + b)

    assert verdict("05.4", vector).text.endswith(
        "it should return one number, but returned array([0.73105858, 0.01798621, 0.5 ]).")


def test_05_5_predict_relu_at_the_corner():
    assert get("05.5").kind == "prediction"
    assert grade("05.5", 0) and grade("05.5", "0.00") and grade("05.5", -0.0)
    assert verdict("05.5", -3.5).text == ("That is u at the corner; the neuron outputs g(u): "
                                          "what does ReLU do with a negative u?")
    assert verdict("05.5", 0.03).text == ("That is the sigmoid's output there; ReLU treats a "
                                          "negative u differently.")


def test_the_questions_state_the_data_the_answers_are_computed_from():
    """The texts are literals (the catalog translates them whole): they must name the very
    constants the expected answers come from."""
    from ann_helpers.exercises import lesson05 as m

    assert f"w = {m.W}, bias b = {m.B:g}" in get("05.1").question
    assert f"x = {m.X}?" in get("05.1").question
    assert " -> ".join(map(str, m.SIZES)) in get("05.2").question
    assert f"g(u) = {m.G}." in get("05.3").question
    assert (f"w1 = {m.EXPLORER_W[0]:g}, w2 = {m.EXPLORER_W[1]:g}, b = {m.EXPLORER_B:g}."
            in get("05.5").question)
    assert f"(x1, x2) = {m.CORNER}?" in get("05.5").question
