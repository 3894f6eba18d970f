"""ann_helpers.exercises: the generic machinery. `check` says "no answer yet", "right" or
"not yet" with a stepped hint and never the expected answer; every reasonable way to type a
number is read; the precision each question states is the tolerance it applies."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from ann_helpers import exercises
from ann_helpers.exercises import (
    KINDS,
    Verdict,
    all_exercises,
    check,
    choice,
    counts_by_lesson,
    exercise,
    get,
    grade,
    number,
    numbers_close,
    reset_hints,
    word,
)
from ann_helpers.exercises.answers import read_number, safe_repr
from ann_helpers.exercises.runner import CodeCheck

KEY = "99.1"  # a key no lesson uses, registered only for these tests
EXPECTED = -1.5


@pytest.fixture
def registered():
    ex = exercise(KEY, "What is the magic number?",
                  number(EXPECTED, decimals=2, mistakes={1.5: "Mind the sign."}),
                  hint="Think of the slider's lowest value.",
                  more="It lies between -2 and -1.")
    reset_hints(KEY)
    yield ex
    exercises._REGISTRY.pop(KEY, None)
    reset_hints(KEY)


def out_of(capsys, key, answer) -> str:
    check(key, answer)
    return capsys.readouterr().out


def test_check_without_an_answer(registered, capsys):
    for placeholder in (None, ...):
        assert out_of(capsys, KEY, placeholder) == (
            f"Exercise {KEY}: no answer yet. Replace None with your answer (a number, to 2 "
            "decimals) and run the cell again.\n")


def test_the_question_states_its_precision(registered):
    assert registered.question == "What is the magic number? (to 2 decimals)"
    assert registered.precision == "to 2 decimals" and registered.kind == "number"


@pytest.mark.parametrize("right", [
    -1.5, " -1.5 ", "-3/2", Fraction(-3, 2), "\u22121.5", "\uff0d\uff11\uff0e\uff15",
    np.float32(-1.5), np.float64(-1.5), np.array(-1.5), sp.Rational(-3, 2), sp.Float(-1.5),
    Decimal("-1.5"), "-1.50", "-15e-1", "-1.504", "-1.495", "- 1.5", "-3 / 2"])
def test_every_way_to_write_the_right_number_is_right(registered, right, capsys):
    assert grade(KEY, right) is True
    assert out_of(capsys, KEY, right) == f"Exercise {KEY}: right. Well done.\n"


def test_the_tolerance_is_the_stated_precision(registered):
    # "to 2 decimals": anything that rounds to -1.50, nothing that does not
    assert grade(KEY, -1.5049) and grade(KEY, -1.4951)
    assert not grade(KEY, -1.5051) and not grade(KEY, -1.4949)


def test_whole_numbers_are_exact():
    is_right = number(500500, whole=True)
    assert is_right(500500) and is_right(500500.0) and is_right("500500") and is_right(" 500500")
    assert not is_right(500500.5) and not is_right(500501)
    assert is_right(500500.5).text == "The answer is a whole number."
    assert number(7).precision == "a whole number"          # integral: whole by default
    assert number(0.1).precision == "within 1e-06"          # the old default tolerance


def test_a_decimal_comma_gets_a_hint_not_a_silent_wrong(registered, capsys):
    assert out_of(capsys, KEY, "-1,5") == (
        f"Exercise {KEY}: not yet. Write the decimal point as '.', not ',' (Python reads 1,5 "
        "as two numbers). Hint: Think of the slider's lowest value.\n")


def test_hints_come_in_steps_and_never_give_the_answer(registered, capsys):
    first = out_of(capsys, KEY, 3)
    second = out_of(capsys, KEY, 4)
    third = out_of(capsys, KEY, 4)
    assert first == f"Exercise {KEY}: not yet. Hint: Think of the slider's lowest value.\n"
    assert second == f"Exercise {KEY}: not yet. A more specific hint: It lies between -2 and -1.\n"
    assert third == (f"Exercise {KEY}: not yet. That is the same answer as last time. A more "
                     "specific hint: It lies between -2 and -1.\n")
    assert out_of(capsys, KEY, -1.5) == f"Exercise {KEY}: right. Well done.\n"
    # after a right answer the steps start over
    assert out_of(capsys, KEY, 3).endswith("Hint: Think of the slider's lowest value.\n")
    for text in (first, second, third):
        assert "1.5" not in text and "3/2" not in text


def test_a_typical_mistake_gets_its_own_hint(registered, capsys):
    assert out_of(capsys, KEY, "1.5") == (
        f"Exercise {KEY}: not yet. Mind the sign. Hint: Think of the slider's lowest value.\n")


def test_close_but_not_at_the_stated_precision(registered):
    assert grade(KEY, -1.52) is False
    assert registered.is_right(-1.52).text == ("Close, but not to 2 decimals: round (do not "
                                               "cut off) to 2 decimals, or keep more.")


@pytest.mark.parametrize("answer, text", [
    (True, "True and False are not numbers here: the answer is a number."),
    (b"-1.5", "That is bytes, not a number: type the number itself."),
    ([-1.5], "That is a list: the answer is one number, not a collection."),
    ({"x": -1.5}, "That is a dict: the answer is one number, not a collection."),
    (np.array([-1.5]), "That is an array of shape (1,): the answer is one number."),
    (float("nan"), "That is not a finite number (nan or inf): check for a division by zero "
                   "or an overflow."),
    (float("-inf"), "That is not a finite number (nan or inf): check for a division by zero "
                    "or an overflow."),
    (1.5j, "That is a complex number; the answer is a real number."),
    ("", "The text is empty: type the number itself, e.g. -1.5 or 3/2."),
    ("92%", "Give the number itself, not a percentage (92 % is 0.92)."),
    ("abc", "'abc' is not a number: type digits, e.g. -1.5 or 3/2 (without quotes is fine "
            "too)."),
    ("1/0", "That fraction divides by zero."),
    ("1e999999", "That number is far too large or too small."),
    (sp.Symbol("a") + 1, "That is a sympy expression with symbols in it; the answer is a "
                         "number (substitute the values, e.g. with .subs(...))."),
    (print, "That is a function: call it and give the number it returns."),
    (object(), "That is not a number (it is of type object)."),
])
def test_what_is_not_a_number_is_told_why(registered, answer, text):
    verdict = registered.is_right(answer)
    assert verdict == Verdict(False, text)


def test_huge_integers_are_compared_exactly():
    assert read_number(10**400) == Fraction(10**400)
    assert not number(1.5, decimals=2)(10**400)
    assert number(10**400, whole=True)(10**400)
    assert safe_repr(10**400) == "an integer with 401 digits"


def test_numbers_close():
    is_right = numbers_close([6.0, -2.0], decimals=4, mistakes={(3, -1): "The point itself."})
    for right in ([6, -2], (6.0, -2.00001), np.array([6.0, -2.0]), "(6, -2)", "6; -2",
                  ["6", "\u22122"]):
        assert is_right(right), right
    assert is_right([6, -2.001]) == Verdict(False)
    assert is_right([6, -2, 0]) == Verdict(False, "The answer has 2 numbers; yours has 3.")
    assert is_right((3, -1)) == Verdict(False, "The point itself.")
    assert is_right(["a", 1]).text == ("Number 1 of your answer: 'a' is not a number: type "
                                       "digits, e.g. -1.5 or 3/2 (without quotes is fine too).")
    assert is_right(np.zeros((2, 2))).text.startswith("That is an array of shape (2, 2)")
    assert is_right(6.0) == Verdict(False, "The answer is 2 numbers, e.g. a tuple (first, "
                                           "second); got 6.0.")
    assert numbers_close([0.1, 0.2]).precision == "within 1e-06"


def test_word_and_choice():
    w = word("saddle", "saddle point")
    assert w("saddle") and w("  Saddle ") and w("SADDLE POINT") and w('"saddle".')
    assert not w("minimum") and not w(None) and not w(["saddle"])
    c = choice(("left", "right"), "left", mistakes={"right": "f grows to the right."})
    assert c("LEFT") and c(" left ") and c("\uff4c\uff45\uff46\uff54")  # full-width letters
    assert c("right") == Verdict(False, "f grows to the right.")
    assert c("up") == Verdict(False, "Answer with one of: 'left', 'right'.")
    assert c(3) == Verdict(False, "Answer with one of: 'left', 'right' (a word in quotes); "
                                  "got 3.")
    with pytest.raises(ValueError, match=r"right must be one of the options \['a', 'b'\], "
                                         r"got 'c'"):
        choice(("a", "b"), "c")


def test_an_old_style_predicate_returning_bool_still_works(capsys):
    # a plain function returning bool (the old registry's predicates) still works
    ex = exercise("99.2", "Say yes.", lambda a: a == "yes", hint="Yes.")
    try:
        assert ex.kind == "number" and grade("99.2", "yes") and not grade("99.2", "no")
        assert out_of(capsys, "99.2", "no") == "Exercise 99.2: not yet. Hint: Yes.\n"

        class Evil:
            def __eq__(self, other):
                raise RuntimeError("no")

        assert grade("99.2", Evil()) is False  # the predicate raised: still no exception
    finally:
        exercises._REGISTRY.pop("99.2", None)
        reset_hints("99.2")


def test_grade_get_and_unknown_keys(registered, capsys):
    assert get(KEY) is registered and KEY in all_exercises()
    with pytest.raises(KeyError, match="no exercise '99.9'; known:"):
        get("99.9")
    check("99.9", 1)
    assert capsys.readouterr().out.startswith("no exercise '99.9'; known: 01.1, ")


def test_a_key_cannot_be_registered_twice(registered):
    with pytest.raises(ValueError, match="exercise '99.1' is registered twice"):
        exercise(KEY, "again?", number(1), hint="")
    with pytest.raises(ValueError, match="kind must be one of number, choice, word, code, "
                                         "prediction, got 'essay'"):
        exercise("99.3", "?", number(1), hint="", kind="essay")


def test_every_registered_exercise_is_well_formed():
    found = all_exercises()
    assert found, "no exercises registered"
    for key, ex in found.items():
        assert key == ex.key and len(key) == 4 and key[2] == "."
        assert ex.question.strip() and ex.hint.strip() and ex.more.strip()
        assert ex.kind in KINDS
        if ex.kind == "number":
            assert ex.precision and ex.question.endswith(f"({ex.precision})"), (
                f"{key}: a number exercise states its precision: use number(..., decimals=k) "
                "or number(..., whole=True) (or numbers_close)")
        if ex.kind == "code":
            assert isinstance(ex.is_right, CodeCheck), (
                f"{key}: a code exercise runs on the shared runner: build its predicate with "
                "ann_helpers.exercises.runner.code(...)")


def test_every_lesson_has_a_code_exercise_and_the_counts_add_up():
    table = counts_by_lesson()
    for lesson in [f"{n:02d}" for n in range(1, 12)]:
        assert table[lesson]["code"] >= 1, lesson
    assert sum(sum(row.values()) for row in table.values()) == len(all_exercises())
    assert all(list(row) == list(KINDS) for row in table.values())


def _shown_forms(ex) -> list[str]:
    """How the expected answer would look if a hint gave it away."""
    pred = ex.is_right
    if isinstance(pred, number):
        value = float(pred._want)
        if pred.whole:
            text = str(int(value))
            return [text, f"{int(value):,}"] if len(text) >= 2 else []
        places = pred.decimals if pred.decimals is not None else 6
        return [f"{value:.{places}f}", f"{value:.{places}f}".rstrip("0")]
    if isinstance(pred, choice):
        return [pred.right]
    return []


def test_no_hint_gives_the_answer_away():
    for key, ex in all_exercises().items():
        hints = [ex.hint, ex.more, *getattr(ex.is_right, "mistakes", {}).values()]
        for shown in _shown_forms(ex):
            for hint in hints:
                assert f" {shown.lower()} " not in " " + " ".join(
                    hint.lower().replace(",", " ").replace(":", " ").split()) + " ", (key, hint)
