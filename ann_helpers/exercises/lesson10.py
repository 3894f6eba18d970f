"""Lesson 10 exercises: counting chains, tanh's backward for the engine and one layer's delta
(code, on the shared runner), and a prediction of the vanishing-gradients explorer's verdict.
Expected answers come from `ann_helpers.backprop` and `ann_helpers.autograd`, never typed in."""

from __future__ import annotations

import math

import numpy as np

from ..autograd import Value
from ..backprop import path_count, vanishing_status
from . import choice, exercise, number
from .answers import safe_repr
from .runner import Case, code, compare_array

LAYERS = (3, 4, 5, 6, 2)
exercise(
    "10.1",
    f"In a network with layer sizes {list(LAYERS)}, through how many paths does one weight of "
    "the first layer reach the loss?",
    number(path_count(LAYERS, 1), whole=True, mistakes={
        path_count(LAYERS, 1) * LAYERS[1]: "The weight already fixes its neuron in layer 1: "
                                           "count the choices from layer 2 on.",
        path_count(LAYERS, 1) * LAYERS[1] * LAYERS[0]: "The weight fixes its input and its "
                                                       "neuron in layer 1: count the choices "
                                                       "from layer 2 on.",
        path_count(LAYERS, 1) // LAYERS[-1]: "A path ends at one of the outputs: count the "
                                             "output layer too."}),
    hint="The weight feeds one neuron of layer 1; from there a path picks one neuron in each "
         "later layer.",
    more="Multiply the number of choices: one neuron in each later layer.",
)


# -- 10.2: the backward of tanh: a driver builds two small graphs around the learner's function
def _drive_tanh(tanh_value, x):
    a = Value(x)
    out = tanh_value(a)
    if not isinstance(out, Value):
        return ("not a Value", out)
    remembers = a in out._prev
    y = out * 3 + out                     # out is used twice: out.grad = 4
    y.backward()
    b = Value(x)
    z = tanh_value(b) * b                 # b reaches z along two paths
    z.backward()
    return (out.data, remembers, a.grad, b.grad)


def _tanh_reference(x):
    t = math.tanh(x)
    return (t, True, 4 * (1 - t * t), (1 - t * t) * x + t)


def _compare_tanh(got, want):
    if got[0] == "not a Value":
        return f"tanh_value(a) must return a Value, got {safe_repr(got[1])}"
    data, remembers, a_grad, b_grad = got
    close = lambda g, w: math.isclose(g, w, rel_tol=1e-9, abs_tol=1e-12)  # noqa: E731
    if not close(data, want[0]):
        return "the output's data is not tanh(a.data)"
    if not remembers:
        return "the output does not remember its input a (pass (a,) as its children)"
    if not close(a_grad, want[2]):
        return ("a.grad after backward is wrong (multiply the local derivative by out.grad, "
                "and add it with +=)")
    if not close(b_grad, want[3]):
        return "b.grad of tanh(b) * b is wrong: the two paths must add up (+=, not =)"
    return None


exercise(
    "10.2",
    "Write tanh_value(a): the output Value t = tanh(a) and its _backward, which adds the local "
    "derivative times out.grad to a.grad.",
    code("tanh_value", ("a",), [Case((x,), "a Value t with t.data = tanh(a.data) whose "
                                     "_backward adds to a.grad", f"a = Value({x:g})")
                                for x in (0.5, 0.0, -1.3, 2.0)],
         _tanh_reference, _compare_tanh, drive=_drive_tanh),
    hint="d tanh(a)/da = 1 - tanh(a)^2, and t = tanh(a) is already computed.",
    more="In _backward, multiply the local derivative by the gradient that arrived at out, "
         "and add it to a.grad with += (not =): a may be used more than once.",
)


# -- 10.3: delta for one hidden layer: plain arguments, an array back
def _delta_case(n, n_l, n_next, seed):
    rng = np.random.default_rng(seed)
    W_next = rng.normal(size=(n_l, n_next))
    delta_next = rng.normal(size=(n, n_next))
    slope = rng.uniform(0.05, 0.25, size=(n, n_l))
    return Case((W_next, delta_next, slope),
                f"an array of shape {(n, n_l)}: one row per example, one column per neuron of "
                "layer l", f"{n} example(s), layer l of {n_l} neurons, layer l+1 of {n_next}")


exercise(
    "10.3",
    "Complete hidden_delta(W_next, delta_next, slope): delta^l for a batch (rows are examples), "
    "from W^(l+1) of shape (n_l, n_(l+1)), delta^(l+1) of shape (n, n_(l+1)) and "
    "slope = g'(z^l) of shape (n, n_l).",
    code("hidden_delta", ("W_next", "delta_next", "slope"),
         [_delta_case(1, 2, 2, 0), _delta_case(3, 4, 2, 1), _delta_case(5, 3, 1, 2),
          _delta_case(2, 1, 4, 3)],
         reference=lambda W_next, delta_next, slope: (delta_next @ W_next.T) * slope,
         compare=lambda got, want: compare_array(got, want, 1e-9)),
    hint="One example: delta^l = (W^(l+1) delta^(l+1)) * g'(z^l), element by element.",
    more="With examples as rows, the matrix product turns around: delta_next times the "
         "transpose of W_next (check the shapes), then element by element with slope.",
)


#: exercise 10.4 (prediction): the vanishing-gradients explorer's verdict at a small scale
PREDICT = {"depth": 6, "activation": "tanh", "scale": 0.5}
VERDICTS = ("vanishing", "roughly steady", "exploding")
#: the word in brackets at the end of the explorer's status line
_VERDICT = vanishing_status(**PREDICT).rsplit("(", 1)[1].rstrip(")")
exercise(
    "10.4",
    f"In the vanishing-gradients explorer, keep {PREDICT['depth']} layers, choose "
    f"{PREDICT['activation']} and move the weight scale to {PREDICT['scale']:g}. Before you "
    "move them: will the status call the gradients 'vanishing' (a factor below 0.8 per layer "
    "towards the input), 'roughly steady' or 'exploding' (above 1.25)?",
    choice(VERDICTS, _VERDICT, mistakes={
        "roughly steady": "tanh kept the size at weight scale 1, but the factor per layer is "
                          "about (weight scale) x (typical slope): what does halving the "
                          "scale do to it?",
        "exploding": "Smaller weights give smaller products: does a weight scale below 1 make "
                     "the factor per layer larger or smaller?"}),
    hint="The factor per layer is roughly (weight scale) x (typical slope g'(z)).",
    more="With small weights the z's stay near 0, where tanh's slope is close to 1; multiply "
         "that by the weight scale and compare with 0.8 and 1.25.",
    kind="prediction",
)
