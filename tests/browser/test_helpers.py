"""The browser tests' own logic, without a browser: reading control values from the page's
shape, choosing the sliders to move, picking notebooks, skipping vs failing without Chromium."""

from __future__ import annotations

import ipywidgets as W
import pytest

from ann_helpers.explorers import all_explorers

from . import conftest as C
from . import helpers as H

EXPLORERS = all_explorers()


def _fake_dom(explorer) -> dict:
    """What READ_BOX_JS returns for this explorer's current controls."""
    controls = []
    for key, w in explorer.controls.items():
        c = {"key": key, "slider": None, "readout": None, "select": None, "toggle": None,
             "checkbox": None}
        if isinstance(w, (W.FloatSlider, W.IntSlider)):
            c["slider"], c["readout"] = float(w.value), format(w.value, ".2f")
        elif isinstance(w, W.SelectionSlider):
            c["slider"] = float(w.index)
        elif isinstance(w, W.Dropdown):
            c["select"] = w.index
        elif isinstance(w, W.ToggleButtons):
            c["toggle"] = w.index
        elif isinstance(w, W.Checkbox):
            c["checkbox"] = w.value
        controls.append(c)
    return {"name": explorer.name, "controls": controls}


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_values_read_from_the_page_rebuild_the_same_explorer(name):
    explorer = EXPLORERS[name]()
    for values in list(explorer.grid(points=2))[:4]:
        explorer.set(**values)
        read = H.dom_values(explorer.controls, _fake_dom(explorer))
        assert read == {key: w.value for key, w in explorer.controls.items()}
        rebuilt = EXPLORERS[name](**read)
        assert rebuilt.values() == explorer.values() and rebuilt.key() == explorer.key()
        assert rebuilt.status == explorer.status


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_chosen_sliders_are_sliders_of_the_explorer(name):
    controls = EXPLORERS[name]().controls
    chosen = H.choose_sliders(controls)
    sliders = [k for k, w in controls.items() if isinstance(w, (W.FloatSlider, W.IntSlider))]
    assert set(chosen) <= set(sliders) and len(chosen) == min(2, len(sliders))
    if any(H.LR_LIKE.match(k) for k in sliders):
        assert H.LR_LIKE.match(chosen[0]), "the learning-rate slider comes first"


def test_choice_prefers_learning_rate_and_start_point():
    controls = {"steps": W.IntSlider(), "x0": W.FloatSlider(), "noise": W.FloatSlider(),
                "lr": W.FloatSlider()}
    assert H.choose_sliders(controls) == ["lr", "x0"]
    assert H.choose_sliders({"p": W.FloatSlider(), "q": W.IntSlider(),
                             "r": W.FloatSlider()}) == ["p", "q"]


def test_grid_values_stay_on_the_slider():
    w = W.FloatSlider(min=-3.0, max=3.0, step=0.1)
    for f in (0.0, 0.1, 0.25, 0.5, 0.9, 1.0):
        v = H.grid_value(w, f)
        assert -3.0 <= v <= 3.0 and abs(round((v + 3.0) / 0.1) * 0.1 - (v + 3.0)) < 1e-9
    assert H.grid_value(W.IntSlider(min=0, max=10), 0.25) == 2


def test_smoke_run_is_the_course_map_and_one_explorer_lesson():
    notebooks = H.smoke_notebooks()
    names = [p.name for p in notebooks]
    if any(p.name.startswith("00_") for p in H.lesson_notebooks()):
        assert names[0].startswith("00_")
    others = [p for p in notebooks if not p.name.startswith("00_")]
    assert len(others) <= 1
    assert all(H.shows_explorer(H.read_ipynb(p)) for p in others)
    chinese = [H.label(p) for p in notebooks if H.language_of(p) == "zh-Hant"]
    maps = [H.label(p) for p in H.lesson_notebooks("zh-Hant") if p.name.startswith("00_")]
    assert chinese == maps[:1], "the smoke run opens the Chinese course map when it exists"


def test_missing_browser_skips_with_the_install_command(monkeypatch):
    monkeypatch.delenv("ANN_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        C._browser_missing("no Chromium found")


def test_missing_browser_fails_when_required(monkeypatch):
    monkeypatch.setenv("ANN_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="apt-get install chromium"):
        C._browser_missing("no Chromium found")


def test_explicit_chromium_path_is_the_only_candidate(monkeypatch, tmp_path):
    monkeypatch.setenv("ANN_CHROMIUM", str(tmp_path / "nowhere"))
    assert C.chromium_path() is None


# -- the two editions ------------------------------------------------------------------------
def test_both_editions_are_collected_english_first(monkeypatch, tmp_path):
    en, zh = tmp_path / "notebooks", tmp_path / "notebooks" / "zh-Hant"
    zh.mkdir(parents=True)
    for path in (en / "00_course_map.ipynb", en / "03_gradient_descent_1d.ipynb",
                 zh / "03_gradient_descent_1d.ipynb", zh / "notes.ipynb"):
        path.write_text("{}")
    monkeypatch.setattr(H, "EDITIONS", {"en": en, "zh-Hant": zh})
    monkeypatch.delenv("ANN_BROWSER_SMOKE", raising=False)
    chosen = H.selected_notebooks()
    assert [H.label(p) for p in chosen] == ["00_course_map", "03_gradient_descent_1d",
                                            "zh-Hant/03_gradient_descent_1d"]
    assert [H.language_of(p) for p in chosen] == ["en", "en", "zh-Hant"]
    assert H.file_label(chosen[-1]) == "zh-Hant-03_gradient_descent_1d"
    with pytest.raises(ValueError, match="is in no edition's folder"):
        H.language_of(tmp_path / "03_gradient_descent_1d.ipynb")


def test_the_committed_chinese_lessons_are_collected():
    chinese = sorted((H.NOTEBOOKS / "zh-Hant").glob("[0-9][0-9]_*.ipynb"))
    assert [p for p in H.selected_notebooks() if H.language_of(p) == "zh-Hant"] == chinese


def test_a_chinese_lesson_must_show_the_chinese_status():
    english = "step 3: x = 0.12, converging"
    assert H.status_language_problem(english, english, "en") is None
    assert H.status_language_problem("第 3 步：x = 0.12，收斂中", english, "zh-Hant") is None
    assert H.status_language_problem(english, english, "zh-Hant") == (
        "the status shown is the English one ('step 3: x = 0.12, converging'), not the "
        "zh-Hant one")
    assert H.status_language_problem("x = 0.12", english, "zh-Hant") == (
        "the status shown has no Chinese characters: 'x = 0.12'")


def test_the_expected_status_is_computed_in_the_lessons_language():
    from ann_helpers import i18n

    with H.speaking("zh-Hant"):
        assert i18n.language() == "zh-Hant"
        text = repr(EXPLORERS[sorted(EXPLORERS)[0]]())
    assert i18n.language() == "en"
    assert text.startswith("互動探索器（")
