"""ann_helpers.exercises: the generic machinery. `check` says "no answer yet", "right" or
"not yet" with the hint, and never prints the expected answer; the predicates judge fairly."""

from __future__ import annotations

import numpy as np
import pytest

from ann_helpers import exercises
from ann_helpers.exercises import check, exercise, get, grade, number, numbers_close, word

KEY = "99.1"  # a key no lesson uses, registered only for these tests
EXPECTED = 12345.678


@pytest.fixture
def registered():
    ex = exercise(KEY, "What is the magic number?", number(EXPECTED),
                  hint="Think of the slider's largest value.")
    yield ex
    exercises._REGISTRY.pop(KEY, None)


def test_check_without_an_answer(registered, capsys):
    for placeholder in (None, ...):
        check(KEY, placeholder)
        out = capsys.readouterr().out
        assert out.startswith(f"Exercise {KEY}: no answer yet.")
        assert "Hint" not in out and "right" not in out


def test_check_right(registered, capsys):
    check(KEY, EXPECTED)
    assert capsys.readouterr().out == f"Exercise {KEY}: right. Well done.\n"


@pytest.mark.parametrize("wrong", [0, 12345.0, -EXPECTED, "12345.678", [EXPECTED]])
def test_check_not_yet_gives_the_hint_but_never_the_answer(registered, capsys, wrong):
    check(KEY, wrong)
    out = capsys.readouterr().out
    assert out == f"Exercise {KEY}: not yet. Hint: Think of the slider's largest value.\n"
    for shown in ("12345.678", "12345.68", "1.2345678e+04", "12346"):
        assert shown not in out


def test_grade_and_get(registered):
    assert grade(KEY, EXPECTED) is True
    assert grade(KEY, EXPECTED + 1) is False
    assert get(KEY) is registered
    assert KEY in exercises.all_exercises()
    with pytest.raises(KeyError, match="no exercise '99.9'; known:"):
        get("99.9")


def test_a_key_cannot_be_registered_twice(registered):
    with pytest.raises(ValueError, match="exercise '99.1' is registered twice"):
        exercise(KEY, "again?", number(1), hint="")


def test_number_predicate():
    is_right = number(0.5, tol=1e-3)
    assert is_right(0.5) and is_right(0.5004) and is_right(np.float64(0.5)) and is_right(0.5)
    assert not is_right(0.51)
    for wrong_type in ("0.5", None, True, [0.5], 0.5j):
        assert not is_right(wrong_type)
    assert number(0)(1e-9) and not number(0)(1e-3)  # absolute tolerance near 0


def test_numbers_close_predicate():
    is_right = numbers_close([0.0, 0.0])
    assert is_right([0, 0]) and is_right((1e-9, -1e-9)) and is_right(np.zeros(2))
    assert not is_right([0, 0.1])
    assert not is_right([0, 0, 0])  # wrong length
    assert not is_right(["a", "b"]) and not is_right(None) and not is_right(0.0)


def test_word_predicate():
    is_right = word("saddle", "saddle point")
    assert is_right("saddle") and is_right("  Saddle ") and is_right("SADDLE POINT")
    assert not is_right("minimum") and not is_right(None) and not is_right(["saddle"])


def test_every_registered_exercise_is_well_formed():
    found = exercises.all_exercises()
    assert found, "no exercises registered"
    for key, ex in found.items():
        assert key == ex.key and len(key) == 4 and key[2] == "."
        assert ex.question.strip() and ex.hint.strip()
