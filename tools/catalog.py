"""The helpers' message catalogs: extract, merge, compile and check (Babel does the work).

    python tools/catalog.py update    extract every message marked with _(), N_(), ngettext() or pgettext()
                                      in ann_helpers/ into locale/ann_helpers.pot, merge it into
                                      each language's .po (new messages come in untranslated,
                                      gone ones are dropped), and compile the .mo files
    python tools/catalog.py update A.po B.po ...
                                      the same, taking translations the .po lacks from other
                                      catalogs (merging two branches' work)
    python tools/catalog.py check     fail (exit 1) when the .pot or a .po is stale, a message
                                      has no translation, a placeholder differs, or a .mo does
                                      not match its .po; print what is wrong
    python tools/catalog.py missing   list the untranslated messages, with where they are used

`make catalogs` runs `update`; the tests run the checks of `check`. Translators edit the .po
(any gettext tool, or a text editor) and run `make catalogs` again to compile.

The files carry no line numbers and fixed dates, so a catalog changes only when a message
does, and two branches that add messages to different modules merge cleanly.
"""

from __future__ import annotations

import ast
import io
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ann_helpers"
LOCALE = PACKAGE / "locale"
DOMAIN = "ann_helpers"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
#: the catalogs kept: the gettext code of each translated language
LANGUAGES = {"zh_Hant": "Traditional Chinese (Taiwan usage)"}
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
FIXED_DATE = datetime(2026, 11, 29, tzinfo=UTC)
WIDTH = 100
PLACEHOLDER = re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")


def po_path(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(code: str) -> Path:
    return po_path(code).with_suffix(".mo")


def _new_catalog(locale: str | None = None) -> Catalog:
    return Catalog(locale=locale, domain=DOMAIN, project="ann_helpers",
                   copyright_holder="the course's authors", charset="utf-8",
                   creation_date=FIXED_DATE, revision_date=FIXED_DATE,
                   fuzzy=False)


def extract() -> Catalog:
    """Every marked message of ann_helpers, with the modules that use it (no line numbers)."""
    template = _new_catalog()
    found = extract_from_dir(str(PACKAGE), method_map=[("**.py", "python")],
                             keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
                             strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        template.add(message, locations=[(f"ann_helpers/{filename}", lineno)],
                     auto_comments=comments, context=context)
    return template


def f_string_marks() -> list[str]:
    """Places where an f-string is passed to _(): its text would never match the catalog."""
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in KEYWORDS and node.args
                    and isinstance(node.args[0], ast.JoinedStr)):
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: an f-string in "
                             f"{node.func.id}(): write _(\"... {{name}} ...\").format(name=...)")
    return wrong


def po_text(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=WIDTH, include_lineno=False, sort_by_file=False,
             ignore_obsolete=True)
    return buf.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale, domain=DOMAIN)


def merged(code: str, template: Catalog, also: tuple[Path, ...] = ()) -> Catalog:
    """The language's catalog brought up to the template: translations kept by message id,
    and taken from the catalogs `also` (another branch's .po, say) where this one has none."""
    catalog = _new_catalog(code)
    sources = [po_path(code), *also]
    olds = [read(path, code) for path in sources if path.exists()]
    for message in template:
        if not message.id:
            continue
        found = (old.get(message.id, message.context) for old in olds)
        previous = next((m for m in found if m is not None and m.string), None)
        empty = ("", "") if isinstance(message.id, tuple) else ""
        catalog.add(message.id, string=previous.string if previous else empty,
                    locations=message.locations, auto_comments=message.auto_comments,
                    user_comments=previous.user_comments if previous else (),
                    context=message.context)
    return catalog


def untranslated(catalog: Catalog) -> list[str]:
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            where = ", ".join(sorted({path for path, _ in message.locations}))
            ident = message.id[0] if isinstance(message.id, tuple) else message.id
            missing.append(f"{ident!r}  ({where})")
    return missing


def placeholder_mismatches(catalog: Catalog) -> list[str]:
    """Translations whose {placeholders} are not those of the English text."""
    wrong = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        want = sorted(PLACEHOLDER.findall(ids[0]))
        for text in strings:
            if text and sorted(PLACEHOLDER.findall(text)) != want:
                wrong.append(f"{ids[0]!r}: placeholders {want} in English, "
                             f"{sorted(PLACEHOLDER.findall(text))} in {text!r}")
    return wrong


def update(also: tuple[Path, ...] = ()) -> int:
    wrong = f_string_marks()
    if wrong:
        print("\n".join(wrong))
        return 1
    template = extract()
    LOCALE.mkdir(exist_ok=True)
    TEMPLATE.write_bytes(po_text(template))
    for code in LANGUAGES:
        catalog = merged(code, template, also)
        po_path(code).parent.mkdir(parents=True, exist_ok=True)
        po_path(code).write_bytes(po_text(catalog))
        mo_path(code).write_bytes(mo_bytes(read(po_path(code), code)))
        missing = untranslated(catalog)
        print(f"{code}: {sum(1 for m in template if m.id)} messages, {len(missing)} without a translation")
    return 0


def problems() -> list[str]:
    """Everything `check` reports, as sentences (empty: the catalogs are complete and current)."""
    found = f_string_marks()
    template = extract()
    if not TEMPLATE.exists() or TEMPLATE.read_bytes() != po_text(template):
        found.append(f"{TEMPLATE.relative_to(ROOT)} is stale: run make catalogs")
    for code in LANGUAGES:
        po = po_path(code)
        if not po.exists():
            found.append(f"{po.relative_to(ROOT)} is missing: run make catalogs")
            continue
        if po.read_bytes() != po_text(merged(code, template)):
            found.append(f"{po.relative_to(ROOT)} does not hold exactly the template's "
                         "messages: run make catalogs")
        catalog = read(po, code)
        found += [f"{code}: no translation for {m}" for m in untranslated(catalog)]
        found += [f"{code}: {m}" for m in placeholder_mismatches(catalog)]
        if not mo_path(code).exists() or mo_path(code).read_bytes() != mo_bytes(catalog):
            found.append(f"{mo_path(code).relative_to(ROOT)} does not match its .po: "
                         "run make catalogs")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "update"
    if command == "update":
        return update(tuple(Path(p) for p in argv[1:]))
    if command == "check":
        found = problems()
        print("\n".join(found) or "catalogs complete and current")
        return 1 if found else 0
    if command == "missing":
        for code in LANGUAGES:
            for line in untranslated(merged(code, extract())):
                print(f"{code}: {line}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
