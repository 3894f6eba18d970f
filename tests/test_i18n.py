"""The Chinese edition's plumbing: the language switch, Chinese figures without missing glyphs,
the one message when no Chinese font exists, and the shared texts (argument errors, the
Explorer base class, the exercise framework) in Chinese.

Messages are compared whole (tests/messages.py): a translation that drops a placeholder or a
clause shows here, not in a learner's notebook.
"""

from __future__ import annotations

import gettext
import logging
import re
import warnings

import ipywidgets as W
import numpy as np
import pytest
from messages import raises
from test_translations import NUMBER, catalog

import ann_helpers
from ann_helpers import exercises as E
from ann_helpers import i18n, plotting, validate, widgets
from ann_helpers.explorers import all_explorers
from ann_helpers.i18n import N_, _

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
MISSING_GLYPH = re.compile(r"Glyph .* missing from font|does not have a glyph", re.S)


@pytest.fixture(autouse=True)
def english_afterwards():
    """Every test leaves the package speaking English, with the English figure fonts."""
    yield
    ann_helpers.set_language("en")


@pytest.fixture
def chinese():
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # no "no Chinese font" warning on this machine
        ann_helpers.set_language("zh-Hant")


# -- the language switch --------------------------------------------------------------------
def test_set_language_rejects_an_unknown_language_and_names_the_allowed_ones():
    ann_helpers.set_language("zh-Hant")
    with raises(ValueError, "language must be one of 'en', 'zh-Hant'; got 'fr'"):
        ann_helpers.set_language("fr")
    with raises(ValueError, "language must be one of 'en', 'zh-Hant'; got 'zh_TW'"):
        ann_helpers.set_language("zh_TW")
    assert i18n.language() == "zh-Hant"   # a refused switch changes nothing
    assert _("Hint: {hint}") == "提示：{hint}"


def test_english_is_the_source_text_and_the_default():
    ann_helpers.set_language("en")
    assert i18n.language() == "en"
    assert _("Hint: {hint}") == "Hint: {hint}"
    assert plotting.use_fonts_for("en") == ["DejaVu Sans"]


def test_the_empty_text_stays_empty_in_chinese(chinese):
    """gettext gives the catalog's header for "": an empty hint or slider label must not."""
    assert _("") == ""


# -- Chinese figures ------------------------------------------------------------------------
def _chinese_figure():
    """A figure with everything a lesson's figure may hold in Chinese: a title, axis labels
    mixing Chinese and mathtext, a legend, a text box, and tick labels with minus signs."""
    fig, ax = plotting.new_figure(size=(5.0, 3.2), dpi=110)
    x = np.linspace(-3, 3, 61)
    ax.plot(x, x**2, label="損失函數 $L(w)$")
    ax.plot(x, 2 * x, label="梯度 $\\nabla L$")
    ax.set_title("梯度下降：學習率 $\\eta = 0.1$，第 3 步")
    ax.set_xlabel("學習率 $\\eta$")
    ax.set_ylabel("損失 $L$（均方誤差）")
    ax.text(-2.5, 6, "局部極小值、鞍點")
    ax.set_xlim(-3, 3)
    ax.set_ylim(-6, 9)
    ax.legend(title="圖例")
    return fig


def _render_warnings(fig, caplog) -> list[str]:
    caplog.clear()
    with warnings.catch_warnings(record=True) as caught, \
            caplog.at_level(logging.WARNING, logger="matplotlib"):
        warnings.simplefilter("always")
        plotting.png(fig)
    return [str(w.message) for w in caught] + [r.getMessage() for r in caplog.records]


def test_a_chinese_figure_renders_without_a_missing_glyph(chinese, caplog):
    fonts = plotting.use_fonts_for("zh-Hant")
    assert fonts[0] in plotting.CJK_FONTS and fonts[-1] == plotting.LATIN_FONT
    fig = _chinese_figure()
    assert any(t.get_text().startswith("\N{MINUS SIGN}")
               for t in fig.axes[0].get_yticklabels() if t.get_text()), \
        "the figure must have negative tick labels (the minus sign is a glyph too)"
    problems = [m for m in _render_warnings(fig, caplog)
                if MISSING_GLYPH.search(m) or "findfont" in m]
    assert not problems, "\n".join(problems)


def test_the_glyph_check_catches_a_figure_without_a_chinese_font(caplog):
    """The test above can fail: the same figure in the English fonts misses every Han glyph."""
    ann_helpers.set_language("en")
    found = _render_warnings(_chinese_figure(), caplog)
    assert any(MISSING_GLYPH.search(m) for m in found), found


NO_FONT_ZH = (
    "找不到中文字型，圖中的中文標籤會顯示成空白方框（No Chinese font was found）。請安裝一套中文"
    "字型，再重新啟動 kernel：Debian 或 Ubuntu 用 `sudo apt-get install fonts-noto-cjk`（或較小"
    "的 fonts-wqy-microhei），Fedora 用 `sudo dnf install google-noto-sans-cjk-fonts`，conda 用 "
    "`conda install -c conda-forge font-ttf-noto-cjk`；Windows 與 macOS 已內建中文字型"
    "（Microsoft JhengHei、PingFang TC）。")


def test_without_a_chinese_font_one_message_names_the_package(monkeypatch):
    monkeypatch.setattr(plotting, "cjk_fonts", lambda: [])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ann_helpers.set_language("zh-Hant")
    assert [str(w.message) for w in caught] == [NO_FONT_ZH]
    assert caught[0].category is UserWarning
    assert caught[0].filename == __file__, "the warning points at the lesson's call"
    import matplotlib as mpl

    assert mpl.rcParams["font.family"] == [plotting.LATIN_FONT]
    # and the English text is the source of that message
    assert plotting.NO_CJK_FONT.startswith("No Chinese font was found, so the figures'")
    assert "`sudo apt-get install fonts-noto-cjk`" in plotting.NO_CJK_FONT


# -- argument errors -------------------------------------------------------------------------
def test_argument_errors_in_chinese(chinese):
    with raises(ValueError, "lr 必須在 (0, 1] 之間，收到的是 1.5"):
        validate.positive("lr", 1.5, high=1)
    with raises(TypeError, "steps 必須是整數，收到的是 2.5（型別 float）"):
        validate.integer("steps", 2.5)
    with raises(ValueError, "steps 必須是 [1, 100] 之間的整數，收到的是 0"):
        validate.integer("steps", 0, low=1, high=100)
    with raises(TypeError, "x 必須是實數或實數陣列，收到的是複數：array([1.+2.j])"):
        validate.array("x", np.array([1 + 2j]))
    with raises(TypeError, "x 必須是實數或實數陣列，收到的是一個型別為 NoneType 的元素 None：[1, None]"):
        validate.array("x", [1, None])
    with raises(ValueError, "x 必須是 1 或 2 維，收到的形狀是 (1, 1, 1)"):
        validate.array("x", np.zeros((1, 1, 1)), ndim=(1, 2))
    with raises(ValueError, "w 的形狀必須是 (任意, 2)，收到的是 (3,)"):
        validate.array("w", [1, 2, 3], shape=(None, 2))
    with raises(ValueError, "loss 必須是 'mse', 'cross_entropy' 其中之一；收到的是 'l1'"):
        validate.choice("loss", "l1", ["mse", "cross_entropy"])
    with raises(ValueError, "lr 必須是有限的數（大小最多約 1.8e+308），收到的是一個 310 位數的整數"):
        validate.number("lr", 10**309)


def test_argument_errors_stay_english_in_english():
    with raises(ValueError, "lr must be in (0, 1], got 1.5"):
        validate.positive("lr", 1.5, high=1)
    with raises(TypeError, "x must be a real number or an array of real numbers, got an entry "
                           "None of type NoneType: [1, None]"):
        validate.array("x", [1, None])


# -- the Explorer base class ----------------------------------------------------------------
class _Tiny(widgets.Explorer):
    name = "tiny_i18n_test"

    def make_controls(self):
        return {"lr": widgets.slider(N_("learning rate η"), 0.1, 0.0, 1.0, 0.05),
                "steps": widgets.int_slider("tiny steps", 3, 1, 10),
                "note": widgets.toggle("", ["a", "b"])}

    def make_figure(self):
        fig, ax = plotting.new_figure(size=(2, 2))
        (self.line,) = ax.plot([0, 1], [0, 1])
        return fig

    def update(self, lr, steps, note):
        self.line.set_ydata([0, lr])
        return _("Exercise {key}: right. Well done.").format(key=steps)


def test_explorer_texts_in_chinese(chinese):
    ex = _Tiny()
    assert ex.controls["note"].description == ""       # not the catalog's header
    assert repr(ex) == ("互動探索器（learning rate η = 0.10；tiny steps = 3； = a）：在 JupyterLab 或 "
                        "Binder 上執行這份筆記本，就能拖動滑桿；上方的圖是這組數值下的樣子。")
    assert ex.ui.__repr__() == repr(ex)
    with raises(ValueError, "lr 必須是 [0.0, 1.0] 之間的數，收到的是 2"):
        ex.set(lr=2)
    with raises(TypeError, "steps 必須是 [1, 10] 之間的整數，收到的是 'a'（型別 str）"):
        ex.set(steps="a")
    with raises(ValueError, "沒有控制項 'eta'；這個探索器的控制項是 ['lr', 'note', 'steps']"):
        ex.set(eta=0.5)
    with raises(ValueError, "沒有這個（些）控制項：['eta']；這個探索器的控制項是 ['lr', 'note', 'steps']"):
        _Tiny(eta=0.5)


def test_a_slider_label_is_shown_in_the_learners_language(monkeypatch, chinese):
    """slider/int_slider/dropdown/toggle translate the (N_-marked) description they get."""
    class Catalog(gettext.NullTranslations):
        def gettext(self, message):
            return {"learning rate η": "學習率 η", "function": "函數"}.get(message, message)

    monkeypatch.setitem(i18n._state, "catalog", Catalog())
    assert widgets.slider(N_("learning rate η"), 0.1, 0, 1, 0.1).description == "學習率 η"
    assert widgets.int_slider(N_("learning rate η"), 1, 0, 3).description == "學習率 η"
    assert widgets.dropdown(N_("function"), ["a", "b"]).description == "函數"
    assert widgets.toggle(N_("function"), ["a", "b"]).description == "函數"
    assert widgets.dropdown(N_("function"), ["a", "b"]).options == ("a", "b")  # values kept
    assert widgets.translated_options(["function", "b"]) == [("函數", "function"), ("b", "b")]
    assert widgets.translated_options(["f", "b"], {"f": "function", "b": "b"}) == \
        [("函數", "f"), ("b", "b")]


@pytest.mark.parametrize("name", sorted(all_explorers()))
def test_every_explorers_text_repr_and_status_are_chinese_in_chinese(name, chinese):
    """Every explorer speaks Chinese in zh-Hant: the base class's text repr and the explorer's
    own default status (tests/browser checks the status in the page, after slider moves too),
    and English again after switching back."""
    ex = all_explorers()[name]()
    text = repr(ex)
    assert text.startswith("互動探索器（") and text.endswith("上方的圖是這組數值下的樣子。")
    assert "Live explorer" not in text
    assert HAN.search(ex.status), f"{name}'s default status is not Chinese: {ex.status!r}"
    ann_helpers.set_language("en")
    english = all_explorers()[name]()
    assert repr(english).startswith("Live explorer (")
    assert not HAN.search(english.status) and english.status != ex.status


# -- the exercise framework ------------------------------------------------------------------
@pytest.fixture
def fake_exercise():
    """An exercise registered for these tests only, with a fake catalog for its own texts
    (a lesson's texts are N_-marked in exercises/lessonNN.py and translated in the merged
    catalog; the framework must show them through _())."""
    key = "99.9"
    E.exercise(key, N_("What is 2 + 2?"),
               E.number(4, mistakes={5: N_("Count again.")}),
               hint=N_("Add the two numbers."), more=N_("Two and two."))
    E.reset_hints(key)
    yield key
    E._REGISTRY.pop(key, None)
    E.reset_hints(key)


class _LessonCatalog(gettext.NullTranslations):
    """The zh_Hant catalog plus the fake exercise's texts."""

    TEXTS = {"Add the two numbers.": "把兩個數加起來。", "Two and two.": "兩個二。",
             "Count again.": "再數一次。", "a positive number": "一個正數"}

    def __init__(self):
        super().__init__()
        self.real = i18n.catalog_for("zh-Hant")

    def gettext(self, message):
        return self.TEXTS.get(message) or self.real.gettext(message)

    def ngettext(self, singular, plural, n):
        return self.real.ngettext(singular, plural, n)


def test_checker_messages_and_the_lessons_hints_in_chinese(fake_exercise, chinese,
                                                           monkeypatch, capsys):
    monkeypatch.setitem(i18n._state, "catalog", _LessonCatalog())
    key = fake_exercise
    assert E.message(key, None) == ("練習 99.9：還沒有答案。請把 None 換成你的答案（一個整數），"
                                    "再執行一次這個儲存格。")
    assert E.message(key, 3) == "練習 99.9：還不對。提示：把兩個數加起來。"
    assert E.message(key, 3) == "練習 99.9：還不對。這和上一次的答案相同。更具體的提示：兩個二。"
    assert E.message(key, 5) == "練習 99.9：還不對。再數一次。更具體的提示：兩個二。"
    assert E.message(key, "1,5") == ("練習 99.9：還不對。小數點請寫成 '.'，不要寫成 ','"
                                     "（Python 會把 1,5 讀成兩個數）。更具體的提示：兩個二。")
    assert E.message(key, 4.5) == "練習 99.9：還不對。答案是整數。更具體的提示：兩個二。"
    E.check(key, 4)
    assert capsys.readouterr().out == "練習 99.9：答對了，做得好！\n"
    E.check("99.8", 1)
    assert capsys.readouterr().out.startswith("沒有練習 '99.8'；現有的練習：01.1, ")


def test_precision_is_english_in_the_question_and_translated_in_messages(chinese):
    pred = E.number(0.1234, decimals=2)
    assert pred.precision == "to 2 decimals" and pred.what == "a number, to 2 decimals"
    assert pred.what_text() == "一個數，取到小數點後 2 位"
    assert pred(0.1).text == ("很接近，但不是取到小數點後 2 位：請四捨五入（不要直接截斷）到小數點後 "
                              "2 位，或保留更多位。")
    pair = E.numbers_close([1, 2], tol=1e-3)
    assert pair.what == "2 numbers, within 0.001" and pair.what_text() == "2 個數，誤差在 0.001 以內"
    ch = E.choice(["left", "right"], "left")
    assert ch.what == 'one of "left", "right"' and ch.what_text() == '"left", "right" 其中之一'
    assert ch(3).text == "請從這些選項中回答一個：'left', 'right'（加引號的一個詞）；收到的是 3。"


def test_code_checker_messages_in_chinese(chinese, monkeypatch):
    monkeypatch.setitem(i18n._state, "catalog", _LessonCatalog())

    def reference(x):
        return abs(x)

    check = E.code("size", ["x"], [E.Case((-2.0,), expect=N_("a positive number"))], reference,
                   compare=lambda got, want: E.runner.compare_number(got, want, 1e-9))

    def negative(x):
        return -abs(x)

    def loops(x):
        while True:
            pass

    def broken(x):
        return 1 / 0

    assert check(negative).text == ("第 1 個測試（共 1 個），size(-2.0)：預期一個正數；它應該傳回正數；"
                                    "你的結果是負數（-2.0）。")
    assert check(broken).text == ("第 1 個測試（共 1 個），size(-2.0)：它引發了 ZeroDivisionError: "
                                  "division by zero（你的程式碼第 "
                                  f"{broken.__code__.co_firstlineno + 1} 行）。")
    check.time_limit = 0.2
    assert check(loops).text == ("第 1 個測試（共 1 個），size(-2.0)：它沒有在 0.2 秒內完成，已被中止。"
                                 "是無窮迴圈嗎？請確認迴圈的條件最後會變成 False。")
    assert check(lambda a, b: 0).text.startswith("呼叫 size 時會傳入 1 個參數 (x)；你的函式接受的是 ")


def test_kinds_table_keeps_its_columns_aligned_in_chinese(chinese):
    lines = E.kinds_table().splitlines()
    assert lines[0].startswith("課    number") and lines[-1].startswith("合計")
    width = {E._width(line) for line in lines}
    assert len(width) == 1, lines


# -- the catalog ------------------------------------------------------------------------------
SHARED = ("ann_helpers/validate.py", "ann_helpers/widgets.py", "ann_helpers/plotting.py",
          "ann_helpers/exercises/__init__.py", "ann_helpers/exercises/answers.py",
          "ann_helpers/exercises/runner.py")


def _shared_messages():
    po = catalog.read(catalog.po_path("zh_Hant"), "zh_Hant")
    for message in po:
        if message.id and any(path in SHARED for path, _line in message.locations):
            yield message


def test_the_shared_messages_are_all_translated_into_chinese_prose():
    messages = list(_shared_messages())
    assert len(messages) > 100
    for message in messages:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            assert text, f"no translation for {ids[0]!r}"
            if re.search(r"[A-Za-z]{3}", ids[0].replace("{", "").replace("}", "")) \
                    and ids[0] not in ("; ", " or ", "{first} {second}"):
                assert HAN.search(text), f"{ids[0]!r} -> {text!r} has no Chinese in it"
            assert not re.search(r"[\u4e00-\u9fff][,.:;?!]( |$)", text), \
                f"half-width punctuation after Chinese in {text!r}"


def test_a_translation_prints_the_same_numbers_as_the_english():
    """tests/test_translations.py compares the numbers printed by both editions: a checker
    message may not add or drop a number in Chinese."""
    for message in _shared_messages():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        want = sorted(NUMBER.findall(catalog.PLACEHOLDER.sub("", ids[0])))
        for text in strings:
            got = sorted(NUMBER.findall(catalog.PLACEHOLDER.sub("", text)))
            assert got == want, f"{ids[0]!r}: numbers {want}; {text!r}: {got}"


def test_the_slider_value_check_in_english_is_unchanged():
    ex = _Tiny()
    with raises(ValueError, "lr must be a number in [0.0, 1.0], got 2"):
        ex.set(lr=2)
    assert isinstance(ex.controls["lr"], W.FloatSlider)


def test_a_cjk_font_without_bold_leaves_no_message(monkeypatch, capfd, caplog):
    """WenQuanYi Micro Hei (what CI installs) has no bold face: bold Chinese text is drawn in
    its regular weight without the findfont message, which would make a notebook's output
    depend on the fonts a machine has."""
    import logging

    from ann_helpers import plotting

    if "WenQuanYi Micro Hei" not in plotting.cjk_fonts():
        pytest.skip("WenQuanYi Micro Hei is not installed (apt-get install fonts-wqy-microhei)")
    monkeypatch.setattr(plotting, "cjk_fonts", lambda: ["WenQuanYi Micro Hei"])
    ann_helpers.set_language("zh-Hant")
    try:
        fig, ax = plotting.new_figure()
        ax.set_title("粗體標題", fontweight="bold")
        with caplog.at_level(logging.INFO, logger="matplotlib.font_manager"):
            plotting.png(fig)
        assert not [r for r in caplog.records if "weight" in r.getMessage()]
        assert "findfont" not in capfd.readouterr().err
    finally:
        ann_helpers.set_language("en")
