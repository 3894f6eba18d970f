"""Activation functions (激活函數), each a pair: the function g and its derivative g'.

A neuron computes u = w . x + b and passes it through g; the non-linearity of g is what lets a
network of neurons be more than one big linear map (lesson 05). Back-propagation needs g'(u)
(lesson 07), so every activation here comes with its derivative, written right next to it:

    sigmoid      g(u) = 1 / (1 + e^-u)            g'(u) = g(u) (1 - g(u))
    tanh         g(u) = tanh u                     g'(u) = 1 - tanh(u)^2
    relu         g(u) = max(0, u)                  g'(u) = 1 if u > 0 else 0
    leaky_relu   g(u) = u if u > 0 else a u        g'(u) = 1 if u > 0 else a       (a = 0.01)
    step         g(u) = 1 if u >= 0 else 0         g'(u) = 0 (undefined at u = 0)
    softplus     g(u) = log(1 + e^u)               g'(u) = sigmoid(u)
    linear       g(u) = u                          g'(u) = 1          (no activation at all)

At a kink (u = 0 for relu, leaky_relu, step) the derivative does not exist; we use the value
from the right-hand rule written above, as most libraries do.

Every function takes a number or a numpy array of any shape and works element-wise; a number
in gives a float out. None of them overflows: sigmoid and softplus are written so that exp is
only ever called on a non-positive number.

    >>> ACTIVATIONS["sigmoid"].f(0.0), ACTIVATIONS["sigmoid"].df(0.0)
    (0.5, 0.25)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import validate
from .i18n import N_, _

LEAKY_SLOPE = 0.01


class UnknownNameError(KeyError, ValueError):
    """An activation or loss name that is not in the registry (a KeyError and a ValueError)."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0])


class Registry(dict):
    """A dict of named pairs whose missing-key error lists the allowed names."""

    def __init__(self, kind: str, items):
        super().__init__(items)
        self.kind = kind

    def __missing__(self, key):
        raise UnknownNameError(_("unknown {kind} {key}; allowed names: {names}").format(
            kind=_(self.kind), key=repr(key), names=", ".join(map(repr, self))))


def _out(u_in, result: np.ndarray):
    """A float for a number in, an array for an array in."""
    return float(result) if np.ndim(u_in) == 0 else result


def _u(u) -> np.ndarray:
    return validate.array("u", u)


# -- sigmoid ---------------------------------------------------------------------------------
def sigmoid(u):
    """g(u) = 1 / (1 + e^-u), computed as e^u / (1 + e^u) for u < 0 so exp never overflows."""
    x = _u(u)
    with np.errstate(under="ignore"):
        e = np.exp(-np.abs(x))          # in (0, 1]: no overflow for any finite u
    return _out(u, np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))


def sigmoid_prime(u):
    """g'(u) = g(u) (1 - g(u))."""
    g = np.asarray(sigmoid(u))
    return _out(u, g * (1.0 - g))


# -- tanh ------------------------------------------------------------------------------------
def tanh(u):
    """g(u) = tanh u = (e^u - e^-u) / (e^u + e^-u), values in (-1, 1)."""
    return _out(u, np.tanh(_u(u)))


def tanh_prime(u):
    """g'(u) = 1 - tanh(u)^2."""
    t = np.tanh(_u(u))
    return _out(u, 1.0 - t * t)


# -- ReLU ------------------------------------------------------------------------------------
def relu(u):
    """g(u) = max(0, u)."""
    return _out(u, np.maximum(_u(u), 0.0))


def relu_prime(u):
    """g'(u) = 1 for u > 0, 0 for u <= 0."""
    return _out(u, (_u(u) > 0).astype(float))


# -- leaky ReLU ------------------------------------------------------------------------------
def leaky_relu(u):
    """g(u) = u for u > 0, a u otherwise (a = LEAKY_SLOPE = 0.01): never quite flat."""
    x = _u(u)
    return _out(u, np.where(x > 0, x, LEAKY_SLOPE * x))


def leaky_relu_prime(u):
    """g'(u) = 1 for u > 0, a otherwise."""
    return _out(u, np.where(_u(u) > 0, 1.0, LEAKY_SLOPE))


# -- step ------------------------------------------------------------------------------------
def step(u):
    """g(u) = 1 for u >= 0, 0 otherwise (the all-or-nothing neuron of the perceptron)."""
    return _out(u, (_u(u) >= 0).astype(float))


def step_prime(u):
    """g'(u) = 0 wherever it exists: the step gives gradient descent nothing to follow."""
    return _out(u, np.zeros_like(_u(u)))


# -- softplus --------------------------------------------------------------------------------
def softplus(u):
    """g(u) = log(1 + e^u) = max(u, 0) + log(1 + e^-|u|): a smooth ReLU, no overflow."""
    x = _u(u)
    with np.errstate(under="ignore"):
        return _out(u, np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x))))


def softplus_prime(u):
    """g'(u) = e^u / (1 + e^u) = sigmoid(u)."""
    return sigmoid(u)


# -- linear (no activation) ------------------------------------------------------------------
def linear(u):
    """g(u) = u: a neuron without an activation function."""
    return _out(u, _u(u).copy())


def linear_prime(u):
    """g'(u) = 1."""
    return _out(u, np.ones_like(_u(u)))


@dataclass(frozen=True)
class Activation:
    """An activation function g and its derivative g', with a name and a label for plots."""

    name: str
    f: Callable
    df: Callable
    label: str

    def __call__(self, u):
        return self.f(u)


ACTIVATIONS: dict[str, Activation] = Registry(N_("activation"), {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_prime, "sigmoid  1/(1+e^-u)"),
    "tanh": Activation("tanh", tanh, tanh_prime, "tanh u"),
    "relu": Activation("relu", relu, relu_prime, "ReLU  max(0, u)"),
    "leaky_relu": Activation("leaky_relu", leaky_relu, leaky_relu_prime,
                             f"leaky ReLU  max({LEAKY_SLOPE:g}u, u)"),
    "step": Activation("step", step, step_prime, "step  [u >= 0]"),
    "softplus": Activation("softplus", softplus, softplus_prime, "softplus  log(1+e^u)"),
    "linear": Activation("linear", linear, linear_prime, "linear  u"),
})


def get_activation(activation) -> Activation:
    """The Activation for a name such as "sigmoid" (or an Activation, returned as it is).

    An unknown name raises an error that lists the allowed names.
    """
    if isinstance(activation, Activation):
        return activation
    if not isinstance(activation, str):
        raise TypeError(_("activation must be a name ({names}) or an Activation, got {value} "
                          "of type {type}").format(names=", ".join(map(repr, ACTIVATIONS)),
                                                   value=repr(activation),
                                                   type=type(activation).__name__))
    return ACTIVATIONS[activation]
