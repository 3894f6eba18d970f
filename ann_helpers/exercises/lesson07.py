"""Lesson 07 exercises: the chain rule and back-propagation on the article's network. The
expected answers are computed with ann_helpers.network from the lesson's numbers, never
typed in."""

from __future__ import annotations

from ..network import LESSON_PARAMS, LESSON_X, LESSON_Y, TinyNet
from . import exercise, number

_net = TinyNet(LESSON_PARAMS)
GRADS = _net.backward(LESSON_X, LESSON_Y)
VALUES = dict(_net.values)

exercise(
    "07.1",
    "With the lesson's forward pass (h2, y1_hat and the label y1 in the table), compute "
    "dL/dw6 by the chain rule. (3 decimals are enough)",
    number(GRADS["w6"], tol=1e-3),
    hint="w6 reaches L through one chain only: L -> y1_hat -> u3 -> w6. The three factors "
         "are (y1_hat - y1), o'(u3) = 1 and du3/dw6 = h2.",
)

exercise(
    "07.2",
    "Compute dL/dw4 for the lesson's numbers. (3 decimals are enough)",
    number(GRADS["w4"], tol=1e-3),
    hint="w4 feeds h2, and h2 reaches L through both outputs: dL/dh2 = delta3 w6 + delta4 w8 "
         "(reuse delta3 and delta4), then multiply by g'(u2) = h2 (1 - h2) and by x2.",
)

LR = 0.5
exercise(
    "07.3",
    f"One gradient-descent step with learning rate {LR}: what is the new value of w5?",
    number(LESSON_PARAMS["w5"] - LR * GRADS["w5"], tol=1e-3),
    hint="w5_new = w5 - lr * dL/dw5, with dL/dw5 from the table of twelve gradients "
         "(mind its sign).",
)
