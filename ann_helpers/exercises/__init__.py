"""Exercise checkers: the learner answers, `check` says right, or not yet with a hint.

Each lesson has a module here (lesson01.py, lesson02.py, ...) that registers its exercises:

    exercise("01.1", "g(x) = 2x^2 - 8x + 1. At which x is g'(x) = 0?",
             number(2, whole=True), hint="Differentiate first.",
             more="g'(x) = 4x - 8; where is it zero?")

Five kinds of exercise (the attribute `kind` of every `Exercise`):

    number      one number, or a few in a row (`number`, `numbers_close`), at a stated
                precision: `decimals=4` accepts anything within 0.5e-4, `whole=True` only the
                exact integer; the precision is part of the question (`Exercise.precision`)
    choice      one word out of a few offered ones (`choice`)
    word        a word or short phrase (`word`)
    code        a function the learner writes, run on test cases by `runner.code`
    prediction  a status or a number predicted before moving an explorer's slider
                (any of the above predicates, registered with kind="prediction")

`check(key, answer)` and `grade(key, answer)` never raise, whatever the answer: every way to
write a number is read by `answers.read_number`, anything else gets a sentence saying what is
wrong with it. Hints come in steps: the first "not yet" gives the nudge (`hint`), a second
one the more specific hint (`more`); a typical mistake (`mistakes=`) gets its own hint. No
message shows the expected answer: the worked solution lives in a collapsed notebook cell.
The expected answers are computed with the lessons' own helpers, not typed in.

Every message comes in the language chosen with `ann_helpers.set_language`. A lesson module
marks its texts with `N_` where it writes them (hint, more, the `mistakes` hints, `Case.expect`:
they are built at import, before any lesson picks a language); the framework shows them through
`_()`. `precision` and `what` keep the English text (the English question states it); messages
show them translated (`number.what_text()` and the like).
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..i18n import N_, _
from .answers import Problem, read_number, read_numbers, read_word, safe_repr
from .runner import Case, CodeCheck, code

KINDS = ("number", "choice", "word", "code", "prediction")

# How an answer is described (`precision`, `what`). The attributes keep the English text (it is
# part of the English question); messages show them in the learner's language (`_what`).
WHOLE = N_("a whole number")
DECIMALS = N_("to {decimals} decimals")
WITHIN = N_("within {tol:g}")
A_NUMBER = N_("a number, {precision}")
SOME_NUMBERS = N_("{n} numbers, {precision}")
A_WORD = N_("a word in quotes")
ONE_OF = N_("one of {options}")
YOUR_ANSWER = N_("your answer")
#: the headers of `kinds_table` (the kinds themselves are the names used in the code)
KIND_WORDS = {"lesson": N_("lesson"), "all": N_("all")}

__all__ = ["KINDS", "Case", "Exercise", "Verdict", "all_exercises", "check", "choice", "code",
           "counts_by_lesson", "exercise", "get", "grade", "kinds_table", "number", "numbers_close",
           "reset_hints", "states", "word"]


@dataclass(frozen=True)
class Verdict:
    """A predicate's judgement: right or not, and (optionally) what is wrong, in words.
    Truthy exactly when right, so old-style predicates returning bool mix freely."""

    right: bool
    text: str = ""
    placeholder: bool = False   # the answer is still the notebook's placeholder

    def __bool__(self) -> bool:
        return self.right


@dataclass(frozen=True)
class Exercise:
    key: str
    question: str
    is_right: Callable[[Any], Any]
    hint: str
    kind: str = "number"
    more: str = ""
    precision: str = ""
    what: str = YOUR_ANSWER

    @property
    def lesson(self) -> str:
        return self.key.split(".")[0]


_REGISTRY: dict[str, Exercise] = {}
_ATTEMPTS: dict[str, list[str]] = {}  # key -> the wrong answers given so far (as reprs)


def exercise(key: str, question: str, is_right: Callable[[Any], Any], hint: str,
             kind: str | None = None, more: str = "") -> Exercise:
    """Register an exercise under `key` ("LL.N": lesson number, exercise number).

    `is_right(answer)` returns a bool or a `Verdict`; its `kind`, `precision` and `what`
    attributes, when present, describe the answer (the predicates below set them). `hint` is
    the first nudge, `more` the more specific hint after a second wrong answer (default: the
    nudge again). `kind` defaults to the predicate's kind ("number" for a plain function).
    """
    if key in _REGISTRY:
        raise ValueError(f"exercise {key!r} is registered twice")
    kind = kind or getattr(is_right, "kind", "number")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    precision = getattr(is_right, "precision", "")
    if precision and precision not in question:
        question = f"{question} ({precision})"
    ex = Exercise(key, question, is_right, hint, kind, more or hint, precision,
                  getattr(is_right, "what", YOUR_ANSWER))
    _REGISTRY[key] = ex
    return ex


def states(text: str, *values) -> str:
    """`text`, after making sure it states every value in `values` (as written by str()).

    An exercise's question and hints are whole literals, so that the catalogs can translate
    them; the data they state come from the lesson's constants, which the answers are computed
    from. A constant changed without its text fails here, at import, instead of asking a
    question the checker does not grade."""
    missing = [v for v in values if str(v) not in text]
    if missing:
        raise ValueError(f"exercise text does not state {missing}: {text!r}")
    return text


def _load_all() -> None:
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("lesson"):
            importlib.import_module(f"{__name__}.{info.name}")


def get(key: str) -> Exercise:
    """The exercise registered under `key`."""
    _load_all()
    if key not in _REGISTRY:
        raise KeyError(_("no exercise {key!r}; known: {known}").format(
            key=key, known=", ".join(sorted(_REGISTRY))))
    return _REGISTRY[key]


def all_exercises() -> dict[str, Exercise]:
    """Every registered exercise by key, in order; each has `.kind` (one of KINDS)."""
    _load_all()
    return dict(sorted(_REGISTRY.items()))


def counts_by_lesson() -> dict[str, dict[str, int]]:
    """{lesson: {kind: count}} over all_exercises(), every kind present (zeros included)."""
    table: dict[str, dict[str, int]] = {}
    for ex in all_exercises().values():
        row = table.setdefault(ex.lesson, dict.fromkeys(KINDS, 0))
        row[ex.kind] += 1
    return table


def kinds_table() -> str:
    """The exercises of each kind, lesson by lesson, as an aligned text table (the course map
    prints it, so it always counts what is registered)."""
    table = counts_by_lesson()
    head = [_(KIND_WORDS["lesson"]), *KINDS, _(KIND_WORDS["all"])]
    rows = [[lesson, *(str(row[k]) for k in KINDS), str(sum(row.values()))]
            for lesson, row in table.items()]
    totals = [sum(int(r[i + 1]) for r in rows) for i in range(len(KINDS) + 1)]
    rows.append([_(KIND_WORDS["all"]), *map(str, totals)])
    widths = [max(_width(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def pad(cell: str, width: int, right: bool) -> str:
        room = " " * (width - _width(cell))
        return room + cell if right else cell + room

    lines = ["  ".join(pad(c, w, bool(i)) for i, (c, w) in
                       enumerate(zip(r, widths, strict=True))) for r in [head, *rows]]
    return "\n".join(lines)


def _width(text: str) -> int:
    """Columns `text` takes in a monospaced font: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# -- answer predicates ----------------------------------------------------------------------
def _close(got: Fraction, want: Fraction, abs_tol: Fraction, rel_tol: Fraction) -> bool:
    return abs(got - want) <= max(abs_tol, rel_tol * abs(want))


@dataclass
class number:  # noqa: N801 - a predicate factory, used like a function: number(7)
    """Right when the answer is one number close enough to `expected`.

    Precision: `whole=True` wants the exact integer; `decimals=k` accepts anything within
    0.5 * 10^-k (a value rounded to k decimals, or a fraction); `tol` (the old style) accepts
    an absolute or relative difference up to tol. With none of them: an integral `expected`
    is a whole number, anything else within 1e-6.
    `mistakes` maps typical wrong values to their own hint (matched at the same precision).
    """

    expected: Any
    tol: float | None = None
    decimals: int | None = None
    whole: bool = False
    mistakes: Mapping[Any, str] = field(default_factory=dict)
    kind: str = "number"

    def __post_init__(self):
        want = read_number(self.expected)
        if isinstance(want, Problem):
            raise ValueError(f"expected must be a finite number, got {self.expected!r}")
        self._want = want
        if self.tol is None and self.decimals is None and not self.whole:
            if want.denominator == 1:
                self.whole = True
            else:
                self.tol = 1e-6
        if self.whole:
            self._abs, self._rel = Fraction(0), Fraction(0)
        elif self.decimals is not None:
            half = Fraction(1, 2 * 10**self.decimals)
            self._abs, self._rel = half * (1 + Fraction(1, 10**9)), Fraction(0)
        else:
            self._abs = self._rel = Fraction(self.tol)
        self.precision = self.precision_text(translated=False)
        self.what = self.what_text(translated=False)
        self._mistakes = [(read_number(k), v) for k, v in self.mistakes.items()]

    def precision_text(self, translated: bool = True) -> str:
        """The precision asked for, in the learner's language (English: `translated=False`)."""
        tr = _ if translated else str
        if self.whole:
            return tr(WHOLE)
        if self.decimals is not None:
            return tr(DECIMALS).format(decimals=self.decimals)
        return tr(WITHIN).format(tol=self.tol)

    def what_text(self, translated: bool = True) -> str:
        """What the answer is ("a number, to 4 decimals"), in the learner's language."""
        tr = _ if translated else str
        if self.whole:
            return tr(WHOLE)
        return tr(A_NUMBER).format(precision=self.precision_text(translated))

    def __call__(self, answer) -> Verdict:
        got = read_number(answer)
        if isinstance(got, Problem):
            return Verdict(False, got.text)
        if _close(got, self._want, self._abs, self._rel):
            return Verdict(True)
        for value, hint in self._mistakes:
            if not isinstance(value, Problem) and _close(got, value, self._abs, self._rel):
                return Verdict(False, _(hint))
        if self.whole and got.denominator != 1:
            return Verdict(False, _("The answer is a whole number."))
        if self.decimals is not None and _close(got, self._want, 20 * self._abs, Fraction(0)):
            return Verdict(False, _("Close, but not {precision}: round (do not cut off) to "
                                    "{decimals} decimals, or keep more.").format(
                precision=self.precision_text(), decimals=self.decimals))
        return Verdict(False)


@dataclass
class numbers_close:  # noqa: N801
    """Right when the answer is len(expected) numbers, each close to its expected value (the
    same precision rules as `number`, applied to every entry)."""

    expected: Sequence
    tol: float | None = None
    decimals: int | None = None
    mistakes: Mapping[tuple, str] = field(default_factory=dict)
    kind: str = "number"

    def __post_init__(self):
        if self.tol is None and self.decimals is None:
            self.tol = 1e-6
        self._want = [self._entry(v) for v in list(self.expected)]
        self.precision = self._want[0].precision
        self.what = self.what_text(translated=False)

    def what_text(self, translated: bool = True) -> str:
        """What the answer is ("2 numbers, within 1e-06"), in the learner's language."""
        tr = _ if translated else str
        return tr(SOME_NUMBERS).format(n=len(self._want),
                                       precision=self._want[0].precision_text(translated))

    def _entry(self, value) -> number:
        return number(value, tol=None if self.decimals is not None else self.tol,
                      decimals=self.decimals)

    def _all(self, preds, got) -> bool:
        return all(p(g) for p, g in zip(preds, got, strict=True))

    def __call__(self, answer) -> Verdict:
        got = read_numbers(answer, len(self._want))
        if isinstance(got, Problem):
            return Verdict(False, got.text)
        if self._all(self._want, got):
            return Verdict(True)
        for values, hint in self.mistakes.items():
            if len(values) == len(got) and self._all(
                    [self._entry(v) for v in values], got):
                return Verdict(False, _(hint))
        return Verdict(False)


class word:  # noqa: N801
    """Right when the answer is one of the accepted words (case, spaces and quotes ignored)."""

    def __init__(self, *accepted: str, mistakes: Mapping[str, str] | None = None):
        self.accepted = tuple(accepted)
        self.kind = "word"
        self.mistakes = dict(mistakes or {})
        self._norm = {read_word(a) for a in accepted}
        self.what = A_WORD
        self.precision = ""

    def what_text(self) -> str:
        return _(A_WORD)

    def __call__(self, answer) -> Verdict:
        got = read_word(answer)
        if isinstance(got, Problem):
            return Verdict(False, got.text)
        if got in self._norm:
            return Verdict(True)
        for wrong, hint in self.mistakes.items():
            if got == read_word(wrong):
                return Verdict(False, _(hint))
        return Verdict(False)


@dataclass
class choice:  # noqa: N801
    """Right when the answer is `right`, one of the offered `options` (words; case, spaces
    and quotes ignored). An answer outside the options is told what the options are."""

    options: Sequence[str]
    right: str
    mistakes: Mapping[str, str] = field(default_factory=dict)
    kind: str = "choice"

    def __post_init__(self):
        self._options = [read_word(o) for o in self.options]
        if read_word(self.right) not in self._options:
            raise ValueError(f"right must be one of the options {list(self.options)}, "
                             f"got {self.right!r}")
        self.what = self.what_text(translated=False)
        self.precision = ""

    def what_text(self, translated: bool = True) -> str:
        tr = _ if translated else str
        return tr(ONE_OF).format(options=", ".join(f'"{o}"' for o in self.options))

    def __call__(self, answer) -> Verdict:
        got = read_word(answer)
        if isinstance(got, Problem):
            if not isinstance(answer, str):
                return Verdict(False, _("Answer with one of: {options} (a word in quotes); got "
                                        "{answer}.").format(
                    options=", ".join(map(repr, self.options)), answer=safe_repr(answer)))
            return Verdict(False, got.text)
        if got not in self._options:
            return Verdict(False, _("Answer with one of: {options}.").format(
                options=", ".join(map(repr, self.options))))
        if got == read_word(self.right):
            return Verdict(True)
        for wrong, hint in self.mistakes.items():
            if got == read_word(wrong):
                return Verdict(False, _(hint))
        return Verdict(False)


# -- what the learner calls ---------------------------------------------------------------
def _judge(ex: Exercise, answer) -> Verdict:
    """The predicate's verdict; whatever the predicate or the answer does, never raises."""
    try:
        verdict = ex.is_right(answer)
        if isinstance(verdict, Verdict):
            return verdict
        return Verdict(bool(verdict))
    except KeyboardInterrupt:
        raise
    except BaseException:  # noqa: BLE001 - an answer whose __eq__ or __bool__ raises, ...
        return Verdict(False, _("This answer could not be checked: {answer} is not {what}.")
                       .format(answer=safe_repr(answer), what=_what(ex)))


def _what(ex: Exercise) -> str:
    """What the answer of `ex` is, in the learner's language."""
    try:
        return ex.is_right.what_text()
    except Exception:  # noqa: BLE001 - a plain function as predicate: its `what` as given
        return _(ex.what)


def grade(key: str, answer) -> bool:
    """True when `answer` is right for exercise `key` (for tests and for `check`)."""
    return _judge(get(key), answer).right


def reset_hints(key: str | None = None) -> None:
    """Forget the wrong answers given so far (all exercises, or one), so hints start over."""
    if key is None:
        _ATTEMPTS.clear()
    else:
        _ATTEMPTS.pop(key, None)


def _placeholder_text(ex: Exercise) -> str:
    if isinstance(ex.is_right, CodeCheck):
        c = ex.is_right
        return _("Exercise {key}: no answer yet. Write your function {name}({params}), pass it "
                 "to check, and run the cell again.").format(key=ex.key, name=c.name,
                                                             params=", ".join(c.params))
    if ex.kind == "code":
        return _("Exercise {key}: no answer yet. Write your function, pass it to check, and run "
                 "the cell again.").format(key=ex.key)
    return _("Exercise {key}: no answer yet. Replace None with your answer ({what}) and run the "
             "cell again.").format(key=ex.key, what=_what(ex))


def message(key: str, answer) -> str:
    """What `check` prints for this answer (and records a wrong answer for the next hint)."""
    ex = get(key)
    if answer is None or answer is ...:
        return _placeholder_text(ex)
    verdict = _judge(ex, answer)
    if verdict.placeholder:
        return _("Exercise {key}: no answer yet. {text}").format(key=key, text=verdict.text)
    if verdict.right:
        _ATTEMPTS.pop(key, None)
        return _("Exercise {key}: right. Well done.").format(key=key)
    shown = safe_repr(answer, 200)
    before = _ATTEMPTS.setdefault(key, [])
    parts = [_("Exercise {key}: not yet.").format(key=key)]
    if before and before[-1] == shown and not callable(answer):
        parts.append(_("That is the same answer as last time."))
    if verdict.text:
        parts.append(verdict.text)
    parts.append(_("Hint: {hint}").format(hint=_(ex.hint)) if not before
                 else _("A more specific hint: {hint}").format(hint=_(ex.more)))
    before.append(shown)
    # TRANSLATORS: two sentences of a checker's message, one after the other
    return functools.reduce(lambda a, b: _("{first} {second}").format(first=a, second=b), parts)


def check(key: str, answer) -> None:
    """Print whether `answer` is right; a hint when it is not. Never prints the answer, and
    never raises whatever the answer is."""
    try:
        text = message(key, answer)
    except KeyError as err:
        text = str(err.args[0]) if err.args else _("no such exercise")
    print(text)
