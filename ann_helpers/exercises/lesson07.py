"""Lesson 07 exercises: the chain rule and back-propagation on the article's network. The
expected answers are computed with ann_helpers.network from the lesson's numbers, never
typed in."""

from __future__ import annotations

import numpy as np

from ..i18n import N_
from ..network import LESSON_PARAMS, LESSON_X, LESSON_Y, PARAM_NAMES, TinyNet
from . import choice, exercise, number
from .runner import Case, code, compare_number

_net = TinyNet(LESSON_PARAMS)
GRADS = _net.backward(LESSON_X, LESSON_Y)
VALUES = dict(_net.values)
TERMS = dict(_net.terms)

exercise(
    "07.1",
    N_("With the lesson's forward pass (h2, y1_hat and the label y1 in the table), compute "
       "dL/dw6 by the chain rule."),
    number(GRADS["w6"], decimals=3, mistakes={
        -GRADS["w6"]: N_("dL/dy1_hat = y1_hat - y1 (not y1 - y1_hat): mind the sign.")}),
    hint=N_("w6 reaches L through one chain only: L -> y1_hat -> u3 -> w6."),
    more=N_("The three factors are (y1_hat - y1), o'(u3) = 1 and du3/dw6 = h2."),
)

_ONE_CHAIN = TERMS["delta3"] * LESSON_PARAMS["w6"] * TERMS["g_prime_2"] * VALUES["x2"]
exercise(
    "07.2",
    N_("Compute dL/dw4 for the lesson's numbers."),
    number(GRADS["w4"], decimals=3, mistakes={
        _ONE_CHAIN: N_("That is the chain through y1_hat only; h2 feeds both outputs, so the "
                       "chain through y2_hat adds to it.")}),
    hint=N_("w4 feeds h2, and h2 reaches L through both outputs."),
    more=N_("dL/dh2 = delta3 w6 + delta4 w8 (reuse delta3 and delta4), then multiply by "
            "g'(u2) = h2 (1 - h2) and by x2."),
)

LR = 0.5
exercise(
    "07.3",
    # TRANSLATORS: the question is shown in the lesson's text; {lr} is 0.5
    N_("One gradient-descent step with learning rate {lr}: what is the new value of w5?"
       ).format(lr=LR),
    number(LESSON_PARAMS["w5"] - LR * GRADS["w5"], decimals=3, mistakes={
        LESSON_PARAMS["w5"] + LR * GRADS["w5"]: N_("The step subtracts lr times the gradient "
                                                   "(mind its sign).")}),
    hint=N_("w5_new = w5 - lr * dL/dw5."),
    more=N_("Take dL/dw5 from the table of twelve gradients (mind its sign), multiply by lr, "
            "subtract from w5 = 0.5."),
)


#: exercise 07.4 (code): the gradient of one hidden weight through both outputs
def _w4_reference(v, p):
    return TinyNet(p).backward((v["x1"], v["x2"]), (v["y1"], v["y2"]))["w4"]


_EXPECT = N_("one number, dL/dw4 (the sum of the chains through y1_hat and y2_hat)")


def _case(params, x, y, expect=_EXPECT, shown=""):
    net = TinyNet(params)
    net.loss(x, y)
    v = {k: net.values[k] for k in ("x1", "x2", "h1", "h2", "y1_hat", "y2_hat", "y1", "y2")}
    return Case((v, dict(net.params)), expect, shown)


def _random_params(seed):
    rng = np.random.default_rng(seed)
    return dict(zip(PARAM_NAMES, (float(v) for v in rng.normal(0, 1, 12)), strict=True))


_W4 = [
    _case(LESSON_PARAMS, LESSON_X, LESSON_Y, shown=N_("the lesson's values v and weights p")),
    _case(_random_params(1), (1.0, -2.0), (0.5, 1.5), shown=N_("random weights (seed 1), "
          "x = (1, -2), y = (0.5, 1.5)")),
    _case(_random_params(2), (0.3, 0.7), (-1.0, 2.0), shown=N_("random weights (seed 2), "
          "x = (0.3, 0.7), y = (-1, 2)")),
    _case(LESSON_PARAMS, (0.5, 0.0), LESSON_Y,
          N_("one number, dL/dw4 (the sum of the chains through y1_hat and y2_hat) "
             "(x2 = 0: it is 0)"),
          shown=N_("the lesson's weights, x = (0.5, 0)")),
]
exercise(
    "07.4",
    N_("Write dL_dw4(v, p): v is a dict of the forward pass (x1, x2, h1, h2, y1_hat, y2_hat "
       "and the labels y1, y2), p a dict of the weights w1..w8, b1..b4. Return dL/dw4 for "
       "L = 1/2 [(y1_hat - y1)^2 + (y2_hat - y2)^2], identity outputs, sigmoid hidden "
       "neurons."),
    code("dL_dw4", ("v", "p"), _W4, _w4_reference,
         compare=lambda got, want: compare_number(got, want, 1e-9)),
    hint=N_("First delta3 = dL/du3 and delta4 = dL/du4; w4 reaches L through h2 and both "
            "outputs."),
    more=N_("The output deltas need no slope (identity outputs: o' = 1). dL/dh2 collects one "
            "term per output, each through the weight from h2 to that output; then the "
            "sigmoid's slope at h2 and the input that w4 multiplies."),
)

#: exercise 07.5 (prediction): does the loss fall or grow at a large learning rate?
PREDICT_LR, PREDICT_STEPS = 2.5, 30
_HISTORY = TinyNet(LESSON_PARAMS).fit(LESSON_X, LESSON_Y, lr=PREDICT_LR, steps=PREDICT_STEPS)
_FATE = "grows" if _HISTORY.diverged or _HISTORY[-1] > _HISTORY[0] else "falls"
exercise(
    "07.5",
    # TRANSLATORS: the question is shown in the lesson's text; {steps} is 30, {lr} 2.5
    N_("In the learning-rate explorer ({steps} steps on the one example), the loss falls "
       "at lr = 0.2. Before you move the slider to lr = {lr:g}: will the loss after "
       "{steps} steps be lower than at the start ('falls') or higher ('grows')?"
       ).format(steps=PREDICT_STEPS, lr=PREDICT_LR),
    choice(("falls", "grows"), _FATE, mistakes={
        "falls": N_("A larger step is not always faster: think of lesson 03's stability "
                    "limit, lr < 2/f''.")}),
    hint=N_("Lessons 03 and 04: what happens to gradient descent when lr passes the "
            "stability limit?"),
    more=N_("Past the limit every step overshoots by more than it corrects: the loss of the "
            "network behaves like f(x) = x^2 with lr above 1."),
    kind="prediction",
)
