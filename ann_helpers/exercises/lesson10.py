"""Lesson 10 exercises: counting chains, tanh's backward for the engine and one layer's delta
(code, on the shared runner), and a prediction of the vanishing-gradients explorer's verdict.
Expected answers come from `ann_helpers.backprop` and `ann_helpers.autograd`, never typed in."""

from __future__ import annotations

import math

import numpy as np

from ..autograd import Value
from ..backprop import (
    VERDICTS,
    gradient_verdict,
    layer_gradient_sizes,
    path_count,
    shrink_per_layer,
)
from ..i18n import N_, _
from . import choice, exercise, number
from .answers import safe_repr
from .runner import Case, code, compare_array


class _Shown(str):
    """A text built at import from a marked template and its fields, translated when it is
    shown: its value is the English text (what == and the tests see), while str() and
    formatting it (f"{text}") give the template in the language of that moment, filled in.
    For the case descriptions that differ from case to case."""

    def __new__(cls, template: str, **fields):
        text = super().__new__(cls, template.format(**fields))
        text.template, text.fields = template, fields
        return text

    def __str__(self) -> str:
        return _(self.template).format(**self.fields)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


# The questions name their numbers in words (a catalog message is fixed text);
# tests/test_exercises_lesson10.py checks that they match the constants here.
LAYERS = (3, 4, 5, 6, 2)
exercise(
    "10.1",
    N_("In a network with layer sizes [3, 4, 5, 6, 2], through how many paths does one weight "
       "of the first layer reach the loss? (a whole number)"),    # the precision, stated here
    number(path_count(LAYERS, 1), whole=True, mistakes={
        path_count(LAYERS, 1) * LAYERS[1]: N_("The weight already fixes its neuron in layer 1: "
                                              "count the choices from layer 2 on."),
        path_count(LAYERS, 1) * LAYERS[1] * LAYERS[0]: N_("The weight fixes its input and its "
                                                          "neuron in layer 1: count the choices "
                                                          "from layer 2 on."),
        path_count(LAYERS, 1) // LAYERS[-1]: N_("A path ends at one of the outputs: count the "
                                                "output layer too.")}),
    hint=N_("The weight feeds one neuron of layer 1; from there a path picks one neuron in each "
            "later layer."),
    more=N_("Multiply the number of choices: one neuron in each later layer."),
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
        return _("tanh_value(a) must return a Value, got {got}").format(got=safe_repr(got[1]))
    data, remembers, a_grad, b_grad = got
    close = lambda g, w: math.isclose(g, w, rel_tol=1e-9, abs_tol=1e-12)  # noqa: E731
    if not close(data, want[0]):
        return _("the output's data is not tanh(a.data)")
    if not remembers:
        return _("the output does not remember its input a (pass (a,) as its children)")
    if not close(a_grad, want[2]):
        return _("a.grad after backward is wrong (multiply the local derivative by out.grad, "
                 "and add it with +=)")
    if not close(b_grad, want[3]):
        return _("b.grad of tanh(b) * b is wrong: the two paths must add up (+=, not =)")
    return None


exercise(
    "10.2",
    N_("Write tanh_value(a): the output Value t = tanh(a) and its _backward, which adds the "
       "local derivative times out.grad to a.grad."),
    code("tanh_value", ("a",), [Case((x,), N_("a Value t with t.data = tanh(a.data) whose "
                                              "_backward adds to a.grad"), f"a = Value({x:g})")
                                for x in (0.5, 0.0, -1.3, 2.0)],
         _tanh_reference, _compare_tanh, drive=_drive_tanh),
    hint=N_("d tanh(a)/da = 1 - tanh(a)^2, and t = tanh(a) is already computed."),
    more=N_("In _backward, multiply the local derivative by the gradient that arrived at out, "
            "and add it to a.grad with += (not =): a may be used more than once."),
)


# -- 10.3: delta for one hidden layer: plain arguments, an array back
def _delta_case(n, n_l, n_next, seed):
    rng = np.random.default_rng(seed)
    W_next = rng.normal(size=(n_l, n_next))
    delta_next = rng.normal(size=(n, n_next))
    slope = rng.uniform(0.05, 0.25, size=(n, n_l))
    return Case((W_next, delta_next, slope),
                _Shown(N_("an array of shape {shape}: one row per example, one column per "
                          "neuron of layer l"), shape=(n, n_l)),
                _Shown(N_("{n} example(s), layer l of {n_l} neurons, layer l+1 of {n_next}"),
                       n=n, n_l=n_l, n_next=n_next))


exercise(
    "10.3",
    N_("Complete hidden_delta(W_next, delta_next, slope): delta^l for a batch (rows are "
       "examples), from W^(l+1) of shape (n_l, n_(l+1)), delta^(l+1) of shape (n, n_(l+1)) and "
       "slope = g'(z^l) of shape (n, n_l)."),
    code("hidden_delta", ("W_next", "delta_next", "slope"),
         [_delta_case(1, 2, 2, 0), _delta_case(3, 4, 2, 1), _delta_case(5, 3, 1, 2),
          _delta_case(2, 1, 4, 3)],
         reference=lambda W_next, delta_next, slope: (delta_next @ W_next.T) * slope,
         compare=lambda got, want: compare_array(got, want, 1e-9)),
    hint=N_("One example: delta^l = (W^(l+1) delta^(l+1)) * g'(z^l), element by element."),
    more=N_("With examples as rows, the matrix product turns around: delta_next times the "
            "transpose of W_next (check the shapes), then element by element with slope."),
)


#: exercise 10.4 (prediction): the vanishing-gradients explorer's verdict at a small scale
PREDICT = {"depth": 6, "activation": "tanh", "scale": 0.5}
#: the verdict the explorer's status line ends with (in brackets), worked out as it does
_VERDICT = gradient_verdict(shrink_per_layer(layer_gradient_sizes(**PREDICT)))
exercise(
    "10.4",
    N_("In the vanishing-gradients explorer, keep 6 layers, choose tanh and move the weight "
       "scale to 0.5. Before you move them: will the status call the gradients 'vanishing' (a "
       "factor below 0.8 per layer towards the input), 'roughly steady' or 'exploding' (above "
       "1.25)?"),
    choice(VERDICTS, _VERDICT, mistakes={
        "roughly steady": N_("tanh kept the size at weight scale 1, but the factor per layer "
                             "is about (weight scale) x (typical slope): what does halving the "
                             "scale do to it?"),
        "exploding": N_("Smaller weights give smaller products: does a weight scale below 1 "
                        "make the factor per layer larger or smaller?")}),
    hint=N_("The factor per layer is roughly (weight scale) x (typical slope g'(z))."),
    more=N_("With small weights the z's stay near 0, where tanh's slope is close to 1; "
            "multiply that by the weight scale and compare with 0.8 and 1.25."),
    kind="prediction",
)
