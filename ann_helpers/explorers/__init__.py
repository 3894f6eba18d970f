"""One explorer module per lesson; each defines Explorer subclasses (see ann_helpers.widgets).

`all_explorers()` finds every Explorer subclass in this package, so the slider-grid test and the
benchmark cover a new explorer as soon as its module exists.
"""

from __future__ import annotations

import importlib
import pkgutil

from ..widgets import Explorer


def all_explorers() -> dict[str, type[Explorer]]:
    """{name: class} for every explorer defined in this package."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    found: dict[str, type[Explorer]] = {}
    stack = list(Explorer.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith(__name__ + ".") and not cls.__name__.startswith("_"):
            if cls.name in found and found[cls.name] is not cls:
                raise RuntimeError(f"two explorers are named {cls.name!r}")
            found[cls.name] = cls
    return dict(sorted(found.items()))
