"""The course in two languages: which one the helpers speak, and where their words come from.

English is the source text and the default. Each lesson's first code cell calls
`ann_helpers.set_language(...)`: "en" in notebooks/, "zh-Hant" in notebooks/zh-Hant/. From
then on every message the helpers produce (explorer statuses, table headers, checker messages
and hints, errors a learner can trigger, figure titles, axis labels and legends) comes from the
message catalog of that language, with English as the fallback.

In the code a message is marked where it is written and translated where it is used:

    raise ValueError(_("lr must be a positive number, got {lr!r}").format(lr=lr))
    HINT = N_("Write one step as x_new = (some factor) * x.")   # module level: mark only ...
    print(_(HINT))                                              # ... translate when shown

`_` looks the message up in the current language at the moment it runs, so a module-level
text must be marked with `N_` and translated at use: a text translated at import would stay in
the language that was active then. Placeholders are named (`{lr}`) so that a translation can
put them in another order.

The catalogs are gettext files (GNU gettext's `.po`, the format translators' tools read):
`ann_helpers/locale/ann_helpers.pot` lists every marked message (extracted from the code),
`ann_helpers/locale/zh_Hant/LC_MESSAGES/ann_helpers.po` holds the translations, and the
compiled `.mo` beside it is what Python's `gettext` reads here. `make catalogs` (tools/catalog.py,
with Babel) extracts, merges and compiles; a test fails when a message has no translation or
the compiled catalog is stale.
"""

from __future__ import annotations

import gettext
from pathlib import Path

#: the languages the course speaks: the code a lesson passes to `set_language`, and the
#: gettext catalog that holds its messages (None: the source text itself)
LANGUAGES = {"en": None, "zh-Hant": "zh_Hant"}
DOMAIN = "ann_helpers"
LOCALE_DIR = Path(__file__).parent / "locale"

_state = {"language": "en", "catalog": gettext.NullTranslations()}


def catalog_for(language: str) -> gettext.NullTranslations:
    """The gettext translations object of `language` (English: the identity)."""
    if language not in LANGUAGES:
        allowed = ", ".join(repr(code) for code in LANGUAGES)
        raise ValueError(f"language must be one of {allowed}; got {language!r}")
    code = LANGUAGES[language]
    if code is None:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])


def set_language(language: str) -> None:
    """Make every message of `ann_helpers` come in `language` ("en" or "zh-Hant") from now on.

    Only the words change: the numbers, the code and the pictures' data stay the same.
    Figure fonts are set by `ann_helpers.set_language`, which calls this."""
    _state["catalog"] = catalog_for(language)
    _state["language"] = language


def language() -> str:
    """The language the helpers speak now ("en" or "zh-Hant")."""
    return _state["language"]


def _(message: str) -> str:
    """`message` in the current language (unchanged when the catalog has no translation).
    The empty text stays empty (gettext would give the catalog's header for it)."""
    return _state["catalog"].gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or the plural form of a message for the count `n`, translated."""
    return _state["catalog"].ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` translated in `context`: for one English word with two meanings ("step": a
    step's length on a slider, a step's number on an axis), each gets its own translation."""
    return _state["catalog"].pgettext(context, message)


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it now (module-level texts)."""
    return message
