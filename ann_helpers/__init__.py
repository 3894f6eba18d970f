"""ann_helpers: the small package behind the course on the mathematics of neural networks.

One module per idea, in the course's order:

    diagrams     the course map's training-loop figure (lesson 00)
    calculus     classical extrema with sympy, numerical derivatives (lesson 01)
    search       enumeration (trial) search in 1-D (lesson 02)
    functions    a catalogue of test functions with their gradients (lessons 02-04)
    descent      gradient descent in any dimension (lessons 03-04)
    activations  activation functions, each beside its derivative (lesson 05)
    neuron       one neuron, y = g(w . x + b) (lesson 05)
    losses       loss functions, each beside its gradient (lesson 06)
    network      the article's four-neuron network and a general MLP (lessons 07-09)
    optimizers   momentum, Nesterov, RMSprop, Adam and learning-rate schedules (lesson 11)

and the plumbing, kept out of the lessons' way:

    i18n         the language the helpers speak (English, 繁體中文) and their message catalogs
    validate     argument checks with errors that name the argument and the allowed range
    plotting     figures and the shared drawing helpers
    widgets      the Explorer base class: sliders that redraw one figure in place
    explorers    one explorer per lesson
    exercises    answer checkers for the exercises at the end of each lesson
"""

from importlib.metadata import PackageNotFoundError, version

try:  # the one home of the version is pyproject.toml; pip records it in the package metadata
    __version__ = version("ann_helpers")
except PackageNotFoundError:  # imported from a source tree that was never pip-installed
    __version__ = "0+unknown"


def set_language(language: str) -> None:
    """Speak `language` from now on: "en" (the default) or "zh-Hant" (繁體中文).

    Every lesson calls this in its first code cell. It switches the helpers' messages
    (ann_helpers.i18n) and the figures' fonts (ann_helpers.plotting.use_fonts_for)."""
    from . import i18n, plotting

    i18n.set_language(language)
    plotting.use_fonts_for(language)
