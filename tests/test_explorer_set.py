"""Explorer.set checks each value against its control and names the control: None, text,
lists, booleans and non-whole numbers for an integer slider are errors, not obscure
TypeErrors or silent truncation (issue 10, part 8)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from messages import raises

from ann_helpers.explorers.descent import DescentExplorer1D
from ann_helpers.explorers.training import BatchSizeExplorer


@pytest.fixture(scope="module")
def descent():
    return DescentExplorer1D()


def _int_key(explorer):
    import ipywidgets as W

    return next(k for k, w in explorer.controls.items() if isinstance(w, W.IntSlider))


def _float_key(explorer):
    import ipywidgets as W

    return next(k for k, w in explorer.controls.items() if isinstance(w, W.FloatSlider))


@pytest.mark.parametrize("value, what", [
    (None, "None of type NoneType"), ("0.3", "'0.3' of type str"), ([0.3], "[0.3] of type list"),
    (True, "True of type bool"),
])
def test_float_slider_refuses_what_is_not_a_number(descent, value, what):
    key = _float_key(descent)
    w = descent.controls[key]
    with raises(TypeError, f"{key} must be a number in [{w.min}, {w.max}], got {what}"):
        descent.set(**{key: value})


def test_integer_slider_refuses_fractions_instead_of_truncating(descent):
    key = _int_key(descent)
    w = descent.controls[key]
    before = w.value
    with raises(ValueError, f"{key} must be a whole number in [{w.min}, {w.max}], "
                            f"got {w.min + 0.999999999999!r}"):
        descent.set(**{key: w.min + 0.999999999999})
    with raises(TypeError, f"{key} must be a whole number in [{w.min}, {w.max}], got True of "
                           f"type bool"):
        descent.set(**{key: True})
    assert w.value == before
    descent.set(**{key: float(w.max)})                     # a whole float is fine
    assert w.value == w.max and isinstance(w.value, int)


def test_out_of_range_and_huge_values(descent):
    key = _float_key(descent)
    w = descent.controls[key]
    with raises(ValueError, f"{key} must be a number in [{w.min}, {w.max}], got inf"):
        descent.set(**{key: float("inf")})
    with raises(ValueError, f"{key} must be a number in [{w.min}, {w.max}], got an integer "
                            f"with 401 digits"):
        descent.set(**{key: 10**400})


def test_a_chooser_does_not_take_true_for_1():
    ex = BatchSizeExplorer()
    with raises(ValueError, "batch_size must be one of [1, 2, 5, 10, 20, 40], got True"):
        ex.set(batch_size=True)
    with raises(ValueError, "batch_size must be one of [1, 2, 5, 10, 20, 40], got [5]"):
        ex.set(batch_size=[5])
    assert ex.set(batch_size=1).startswith("batch size 1,")


@given(value=st.one_of(st.none(), st.text(max_size=4), st.lists(st.floats(), max_size=2),
                       st.booleans(), st.floats(allow_nan=True), st.integers()))
@settings(max_examples=60, deadline=None)
def test_set_either_works_or_raises_a_message_naming_the_control(descent, value):
    key = _float_key(descent)
    try:
        descent.set(**{key: value})
    except (TypeError, ValueError) as err:
        assert str(err).startswith(f"{key} must be a number in ")
