"""Lesson 10's exercises: the worked solutions are accepted (worked out independently here),
the typical mistakes get their own hint, the two code exercises (tanh's backward for the
engine, one layer's delta) name the failing case and what is wrong with it, and the
prediction matches what the vanishing-gradients explorer shows."""

from __future__ import annotations

import math

import numpy as np

from ann_helpers.autograd import Value
from ann_helpers.exercises import get, grade, message, reset_hints


def verdict(key, answer):
    return get(key).is_right(answer)


def test_10_1_paths_through_the_later_layers():
    # layers [3, 4, 5, 6, 2]: the weight fixes its neuron in layer 1 (4 wide); a path then
    # picks one of 5, one of 6 and one of 2 neurons
    assert grade("10.1", 5 * 6 * 2) and grade("10.1", "60") and grade("10.1", 60.0)
    assert verdict("10.1", 4 * 5 * 6 * 2).text == ("The weight already fixes its neuron in "
                                                   "layer 1: count the choices from layer 2 "
                                                   "on.")
    assert verdict("10.1", 3 * 4 * 5 * 6 * 2).text == ("The weight fixes its input and its "
                                                       "neuron in layer 1: count the choices "
                                                       "from layer 2 on.")
    assert verdict("10.1", 5 * 6).text == ("A path ends at one of the outputs: count the output "
                                           "layer too.")
    assert verdict("10.1", 60.5).text == "The answer is a whole number."
    assert not grade("10.1", 61)


def tanh_right(a):
    t = math.tanh(a.data)
    out = Value(t, (a,), "tanh")

    def _backward():
        a.grad += (1 - t * t) * out.grad
    out._backward = _backward
    return out


def _tanh_with(backward_of):
    """A tanh_value whose _backward is backward_of(a, t, out)."""
    def tanh_value(a):
        t = math.tanh(a.data)
        out = Value(t, (a,), "tanh")
        out._backward = lambda: backward_of(a, t, out)
        return out
    return tanh_value


def _overwrite(a, t, out):
    a.grad = (1 - t * t) * out.grad          # = instead of +=


def _no_out_grad(a, t, out):
    a.grad += 1 - t * t                      # forgets the gradient arriving at out


CASE_1 = ("Case 1 of 4, tanh_value(a = Value(0.5)): expected a Value t with t.data = "
          "tanh(a.data) whose _backward adds to a.grad; ")


def test_10_2_the_worked_solution_passes():
    assert grade("10.2", tanh_right)


def test_10_2_overwriting_the_gradient_is_caught():
    assert verdict("10.2", _tanh_with(_overwrite)).text == (
        CASE_1 + "b.grad of tanh(b) * b is wrong: the two paths must add up (+=, not =).")


def test_10_2_forgetting_out_grad_is_caught():
    assert verdict("10.2", _tanh_with(_no_out_grad)).text == (
        CASE_1 + "a.grad after backward is wrong (multiply the local derivative by out.grad, "
                 "and add it with +=).")


def test_10_2_a_value_without_its_child_or_a_float_is_caught():
    assert verdict("10.2", lambda a: Value(math.tanh(a.data))).text == (
        CASE_1 + "the output does not remember its input a (pass (a,) as its children).")
    assert verdict("10.2", lambda a: math.tanh(a.data)).text == (
        CASE_1 + "tanh_value(a) must return a Value, got 0.46211715726000974.")


def test_10_2_the_placeholder_backward_says_no_answer_yet():
    def tanh_value(a):                       # the notebook's exercise cell
        t = math.tanh(a.data)
        out = Value(t, (a,), "tanh")

        def _backward():
            raise NotImplementedError
        out._backward = _backward
        return out

    assert message("10.2", tanh_value) == (
        "Exercise 10.2: no answer yet. Write the body of tanh_value in place of `raise "
        "NotImplementedError`, then run the cell again.")


def delta_right(W_next, delta_next, slope):
    return (delta_next @ W_next.T) * slope


DELTA_CASE_1 = ("Case 1 of 4, hidden_delta(1 example(s), layer l of 2 neurons, layer l+1 of 2): "
                "expected an array of shape (1, 2): one row per example, one column per "
                "neuron of layer l; ")


def test_10_3_the_worked_solution_passes():
    assert grade("10.3", delta_right)


def test_10_3_forgetting_the_slope_is_caught():
    text = verdict("10.3", lambda W, d, s: d @ W.T).text
    assert text.startswith(DELTA_CASE_1 + "the shape (1, 2) is right, but entries (0, 0), "
                                          "(0, 1) are not (array([[")


def test_10_3_the_column_convention_is_caught():
    text = verdict("10.3", lambda W, d, s: (W @ d.T) * s.T).text
    assert text.startswith(DELTA_CASE_1 + "it should return shape (1, 2), but the result has "
                                          "shape (2, 1) (array([[")


def test_10_3_an_error_points_at_the_learners_line():
    text = verdict("10.3", lambda W, d, s: np.dot(W, d) * s).text
    assert text.startswith("Case 1 of 4, hidden_delta(1 example(s), layer l of 2 neurons, layer "
                           "l+1 of 2): it raised ValueError: shapes (2,2) and (1,2) not aligned")
    assert text.endswith("of your code).")


def test_10_3_the_expected_numbers_are_never_shown():
    reset_hints("10.3")
    out = message("10.3", lambda W, d, s: np.zeros_like(s))
    reset_hints("10.3")
    wanted = delta_right(*get("10.3").is_right.cases[0].args)
    assert out.startswith("Exercise 10.3: not yet. Case 1 of 4")
    assert f"{wanted[0, 0]:.3f}"[:5] not in out and f"{wanted[0, 1]:.3f}"[:5] not in out


def test_10_4_predict_the_vanishing_explorer():
    from ann_helpers.explorers.backprop_general import VanishingExplorer

    status = VanishingExplorer(depth=6, activation="tanh", scale=0.5).status
    assert status.endswith("(vanishing)")               # what the learner will see
    assert get("10.4").kind == "prediction"
    assert grade("10.4", "vanishing") and grade("10.4", " Vanishing ")
    assert verdict("10.4", "roughly steady").text.startswith("tanh kept the size at weight "
                                                             "scale 1, but the factor per layer")
    assert verdict("10.4", "exploding").text.startswith("Smaller weights give smaller products")
    assert verdict("10.4", "steady").text == ("Answer with one of: 'vanishing', 'roughly "
                                              "steady', 'exploding'.")


def test_the_questions_name_the_constants_they_are_graded_with():
    # the questions are fixed catalog texts: they must say what the checkers compute with
    from ann_helpers.exercises import lesson10

    assert str(list(lesson10.LAYERS)) in get("10.1").question
    p = lesson10.PREDICT
    assert (f"keep {p['depth']} layers, choose {p['activation']} and move the weight scale to "
            f"{p['scale']:g}.") in get("10.4").question


def test_case_descriptions_are_english_text_and_translated_when_shown():
    import ann_helpers

    case = get("10.3").is_right.cases[1]
    assert case.expect == ("an array of shape (3, 4): one row per example, one column per "
                           "neuron of layer l")
    try:
        ann_helpers.set_language("zh-Hant")
        assert f"{case.expect}" == "形狀為 (3, 4) 的陣列：每個樣本一列，第 l 層的每個神經元一行"
        assert str(case.shown) == "3 個樣本，第 l 層 4 個神經元，第 l+1 層 2 個"
        text = verdict("10.2", _tanh_with(_overwrite)).text
        # the checker's own words around it belong to the runner (translated there)
        assert "tanh(b) * b 的 b.grad 不對：兩條路徑的貢獻必須相加（用 +=，不是 =）" in text
    finally:
        ann_helpers.set_language("en")
    assert f"{case.expect}" == case.expect

