"""The Traditional Chinese edition is the English course in other words, provably.

For every English lesson notebooks/NN_topic.ipynb there is notebooks/zh-Hant/NN_topic.ipynb
with the same cells in the same order (types, tags), the same code once string literals and
comments are set aside, and the same numbers in every checked output. A change to an English
lesson that is not carried to its twin fails here. The helpers' message catalogs are complete
and compiled (tools/catalog.py check).
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
import tokenize

import pytest
from conftest import NOTEBOOKS, ROOT

EDITION = NOTEBOOKS / "zh-Hant"
ENGLISH = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
LANGUAGE_CALL = {"en": 'ann_helpers.set_language("en")',
                 "zh-Hant": 'ann_helpers.set_language("zh-Hant")'}
#: a number as printed: an optional sign, digits with thousands commas, decimals, an exponent
NUMBER = re.compile(r"(?<![\w.])[-+−]?\d+(?:,\d{3})*(?:\.\d+)?(?:[eE][-+]?\d+)?")


def _tool(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


catalog = _tool("catalog")
cjk_lines = _tool("cjk_lines")


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _source(cell) -> str:
    return "".join(cell["source"])


def code_shape(source: str) -> list[str]:
    """The code's tokens with every string literal (f-strings whole) replaced by one marker and
    comments and blank lines dropped: what must be the same in both editions."""
    lines = [line for line in source.splitlines()
             if not line.lstrip().startswith(("%", "!"))]  # magics are not Python
    tokens = tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline)
    shape, depth = [], 0
    fstring_start = getattr(tokenize, "FSTRING_START", None)
    fstring_end = getattr(tokenize, "FSTRING_END", None)
    for tok in tokens:
        if fstring_start is not None and tok.type == fstring_start:
            depth += 1
            if depth == 1:
                shape.append("<str>")
            continue
        if fstring_end is not None and tok.type == fstring_end:
            depth -= 1
            continue
        if depth:
            continue
        if tok.type == tokenize.STRING:
            if shape and shape[-1] == "<str>":  # implicit concatenation: one literal
                continue
            shape.append("<str>")
        elif tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.ENCODING,
                          tokenize.ENDMARKER):
            continue
        else:
            shape.append(tok.string if tok.type != tokenize.NEWLINE else "\n")
    return shape


def printed_numbers(cell) -> list[float]:
    """The numbers of a code cell's checked text outputs, as floats, sorted (a translation may
    put them in another order within a cell)."""
    text = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            text.append("".join(out["text"]))
        elif out["output_type"] in ("execute_result", "display_data"):
            data = out.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                continue
            text.append("".join(data.get("text/plain", "")))
        elif out["output_type"] == "error":
            text.append(out.get("evalue", ""))
    found = NUMBER.findall("\n".join(text))
    return sorted(float(n.replace(",", "").replace("−", "-")) for n in found)


def _twin(english):
    return EDITION / english.name


def _ids(path):
    return path.stem


def _both(english):
    """The cells of an English lesson and of its Chinese twin."""
    return _load(english)["cells"], _load(_twin(english))["cells"]


def _code_pairs(english, checked_only=False):
    """The (English, Chinese) code cells side by side; `checked_only`: those nbval compares."""
    en, zh = _both(english)
    return [(a, b) for a, b in zip(en, zh, strict=False) if a["cell_type"] == "code"
            and not (checked_only and
                     "nbval-ignore-output" in a.get("metadata", {}).get("tags", []))]


def _cell_shapes(cells):
    return [(c["cell_type"], sorted(c.get("metadata", {}).get("tags", []))) for c in cells]


def test_every_english_lesson_has_a_chinese_twin_and_no_more():
    assert ENGLISH, "no English lessons found"
    chinese = sorted(p.name for p in EDITION.glob("[0-9][0-9]_*.ipynb"))
    assert chinese == [p.name for p in ENGLISH], (
        f"English lessons without a twin in notebooks/zh-Hant/: "
        f"{sorted({p.name for p in ENGLISH} - set(chinese))}; twins without an English "
        f"lesson: {sorted(set(chinese) - {p.name for p in ENGLISH})}")


@pytest.mark.parametrize("english", ENGLISH, ids=_ids)
def test_same_cells_in_the_same_order(english):
    en, zh = _both(english)
    shape_en, shape_zh = _cell_shapes(en), _cell_shapes(zh)
    assert shape_zh == shape_en, (
        f"zh-Hant/{english.name} does not have the cells of {english.name} (type, tags) in "
        f"the same order: {len(zh)} cells against {len(en)}; first difference at cell "
        f"{next((i for i, (a, b) in enumerate(zip(shape_en, shape_zh, strict=False)) if a != b), min(len(en), len(zh)))}")


@pytest.mark.parametrize("english", ENGLISH, ids=_ids)
def test_same_code_apart_from_strings_and_comments(english):
    for number, (a, b) in enumerate(_code_pairs(english), start=1):
        assert code_shape(_source(b)) == code_shape(_source(a)), (
            f"code cell {number} of zh-Hant/{english.name} differs from its English twin "
            f"beyond strings and comments:\n--- English\n{_source(a)}\n--- 中文\n{_source(b)}")


@pytest.mark.parametrize("english", ENGLISH, ids=_ids)
def test_each_edition_speaks_its_language(english):
    en, zh = _both(english)
    first_en = next(_source(c) for c in en if c["cell_type"] == "code")
    first_zh = next(_source(c) for c in zh if c["cell_type"] == "code")
    assert LANGUAGE_CALL["en"] in first_en, f"{english.name}'s first code cell: no English call"
    assert LANGUAGE_CALL["zh-Hant"] in first_zh, (
        f"zh-Hant/{english.name}'s first code cell must call {LANGUAGE_CALL['zh-Hant']}")


@pytest.mark.parametrize("english", ENGLISH, ids=_ids)
def test_same_numbers_in_every_checked_output(english):
    for number, (a, b) in enumerate(_code_pairs(english, checked_only=True), start=1):
        assert printed_numbers(b) == printed_numbers(a), (
            f"checked code cell {number} of zh-Hant/{english.name} prints other numbers than "
            f"its English twin:\n--- English\n{_source(a)}")


@pytest.mark.parametrize("english", ENGLISH, ids=_ids)
def test_each_lesson_links_to_its_twin(english):
    first_en = _source(_load(english)["cells"][0])
    first_zh = _source(_load(_twin(english))["cells"][0])
    assert f"(zh-Hant/{english.name})" in first_en, \
        f"{english.name}'s first cell should link to its Chinese twin zh-Hant/{english.name}"
    assert f"(../{english.name})" in first_zh, \
        f"zh-Hant/{english.name}'s first cell should link back to ../{english.name}"


def test_the_chinese_lessons_speak_chinese():
    """Every markdown cell of a Chinese lesson holds Chinese (a cell left in English is a cell
    not translated); formulas alone and tables of numbers are exempt."""
    han = re.compile(r"[\u4e00-\u9fff]")
    untranslated = []
    for lesson in sorted(EDITION.glob("[0-9][0-9]_*.ipynb")):
        for i, cell in enumerate(_load(lesson)["cells"]):
            text = _source(cell)
            words = re.findall(r"\b[A-Za-z]{4,}\b", re.sub(r"\$[^$]*\$|\([^)]*\.ipynb\)", "", text))
            if cell["cell_type"] == "markdown" and len(words) > 8 and not han.search(text):
                untranslated.append(f"{lesson.name} cell {i}: {text[:60]!r}")
    assert not untranslated, "markdown cells in English in the Chinese edition:\n" + \
        "\n".join(untranslated)


def test_no_line_break_between_two_chinese_characters():
    """Markdown renders a line break inside a paragraph as a space: between two Chinese
    characters that is a stray gap, so the Chinese lessons wrap only where a space belongs."""
    lessons = sorted(EDITION.glob("[0-9][0-9]_*.py"))
    needing = [p.name for p in lessons if cjk_lines.fix(p, check=True)]
    assert not needing, (f"line breaks between Chinese characters in {needing}: run "
                         "python tools/cjk_lines.py notebooks/zh-Hant/*.py")


def test_cjk_lines_joins_only_where_a_space_is_wrong():
    text = "第一行的結尾，\n第二行。\nWith English\n- 清單\n- 項目\n$$\n公式，\n第二列\n$$"
    assert cjk_lines.join_lines(text) == \
        "第一行的結尾，第二行。\nWith English\n- 清單\n- 項目\n$$\n公式，\n第二列\n$$"


def test_code_shape_sets_strings_and_comments_aside():
    a = 'print(f"x = {x:.2f}", "done")  # English\nax.set_title("Loss")\n'
    b = 'print(f"損失 {x:.2f} 的 x", "完成")  # 中文\n\nax.set_title("損失")\n'
    assert code_shape(a) == code_shape(b)
    assert code_shape("y = f(x, 1)\n") != code_shape("y = f(x, 2)\n")
    assert code_shape('print("a" "b")\n') == code_shape('print("甲")\n')


def test_printed_numbers_reads_what_a_learner_reads():
    cell = {"outputs": [{"output_type": "stream", "name": "stdout",
                         "text": ["step 3: x = -1.50, loss 1,078 (2.5e-03) −0.25\n"]}]}
    assert printed_numbers(cell) == [-1.5, -0.25, 0.0025, 3.0, 1078.0]


def test_message_catalogs_are_complete_and_current():
    """Every marked message has a translation with the same placeholders, no f-string is
    marked, and the committed .pot/.po/.mo are what `make catalogs` writes."""
    problems = catalog.problems()
    assert not problems, "\n".join(problems)
