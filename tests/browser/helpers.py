"""What the browser tests do in a page: open a notebook, wait for its kernel, run all, check the
outputs, and move explorer sliders (drag the handle, type into the readout).

DOM conventions (ann_helpers/widgets.py): an explorer's box has classes `ann-explorer` and
`ann-explorer-<name>`; its figure is `img.ann-figure`, its status `.ann-status`, and each control
carries `ann-control-<key>`. An explorer's state depends only on its control values, so the
expected status for the values on the sliders is `all_explorers()[name](**values).status`,
computed here in the test process, in the notebook's language.

Both editions are covered: the English lessons in notebooks/ and their Traditional Chinese twins
in notebooks/zh-Hant/ (those that exist). In a Chinese lesson the status shown must be the
Chinese one: the explorer's status computed with ann_helpers.set_language("zh-Hant"), with Han
characters in it, and not the English sentence.
"""

from __future__ import annotations

import json
import math
import os
import re
import statistics
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import ipywidgets as W

ROOT = Path(__file__).resolve().parents[2]
SERVED_ROOT = Path(os.environ.get("ANN_BROWSER_ROOT", ROOT)).resolve()
NOTEBOOKS = SERVED_ROOT / "notebooks"
ARTIFACTS = Path(os.environ.get("ANN_ARTIFACTS", ROOT / "artifacts" / "browser"))

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
# Targets (issue 15), reported against, not asserted (machines are noisy): a single typed
# move shows its picture within 40 ms; during a drag at least 24 new pictures a second; after
# the release the final picture within 100 ms.
LATENCY_TARGET_MS = 40.0
DRAG_FPS_TARGET = 24.0
RELEASE_LAG_TARGET_MS = 100.0
DRAG_SECONDS = float(os.environ.get("ANN_DRAG_SECONDS", "1.5"))
DRAG_MOVES_PER_S = 60.0
# A hard ceiling that fails the test (the 150 ms target is reported, not asserted: the machine
# is shared, and a loaded core doubles any latency); above this something is really wrong.
LATENCY_LIMIT_MS = float(os.environ.get("ANN_LATENCY_LIMIT_MS", "1000"))
TYPED_MOVES_PER_CONTROL = 3
# How long a drag waits for the pictures along its slider to be drawn ahead (a learner reads
# the text above an explorer first); a line not ready by then is dragged anyway and noted.
READY_TIMEOUT_S = float(os.environ.get("ANN_READY_TIMEOUT_S", "30"))
RUN_ALL_TIMEOUT_MS = 1000 * float(os.environ.get("ANN_RUN_ALL_TIMEOUT_S", "300"))
MOVE_TIMEOUT_MS = 15_000

LR_LIKE = re.compile(r"^(lr|eta|alpha|learning_rate|rate|step|step_size)$")
START_LIKE = re.compile(r"^(x0|y0|x|y|start|w\d*|b\d*|index|image|sample|digit)$")

#: filled by the tests, printed by conftest's terminal summary
LATENCIES: list[dict] = []
DRAGS: list[dict] = []
NOTES: list[str] = []
SEEN_EXPLORERS: set[str] = set()


#: the editions of the course: the language each speaks and the folder of its lessons
EDITIONS = {"en": NOTEBOOKS, "zh-Hant": NOTEBOOKS / "zh-Hant"}
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


# -- which notebooks ------------------------------------------------------------------------
def lesson_notebooks(language: str = "en") -> list[Path]:
    """The lessons of one edition that exist (the Chinese ones arrive lesson by lesson)."""
    return sorted(EDITIONS[language].glob("[0-9][0-9]_*.ipynb"))


def language_of(nb_path: Path) -> str:
    """The language of a lesson: the edition whose folder holds it."""
    folder = Path(nb_path).resolve().parent
    for language, where in EDITIONS.items():
        if folder == where.resolve():
            return language
    raise ValueError(f"{nb_path} is in no edition's folder ({', '.join(map(str, EDITIONS.values()))})")


def label(nb_path: Path) -> str:
    """How a lesson is named in test ids and reports: "03_gradient_descent_1d" for English,
    "zh-Hant/03_gradient_descent_1d" for its Chinese twin."""
    language = language_of(nb_path)
    return nb_path.stem if language == "en" else f"{language}/{nb_path.stem}"


def file_label(nb_path: Path) -> str:
    """`label` usable in a file name (screenshots of the two editions do not overwrite)."""
    return label(nb_path).replace("/", "-")


@contextmanager
def speaking(language: str):
    """ann_helpers speaks `language` (messages and figure fonts) inside the block, as the
    lesson's first cell makes it do in the kernel; the test process's language afterwards."""
    import ann_helpers
    from ann_helpers import i18n

    before = i18n.language()
    ann_helpers.set_language(language)
    try:
        yield
    finally:
        ann_helpers.set_language(before)


def status_language_problem(shown: str, english: str, language: str) -> str | None:
    """In a Chinese lesson, why the status `shown` is not a Chinese one (None when it is):
    it must contain Han characters and must not be the English status for the same values."""
    if language == "en":
        return None
    shown, english = " ".join(shown.split()), " ".join(english.split())
    if shown == english and re.search(r"[A-Za-z]{3}", english):
        return f"the status shown is the English one ({shown!r}), not the {language} one"
    if not HAN.search(shown):
        return f"the status shown has no Chinese characters: {shown!r}"
    return None


def read_ipynb(path: Path) -> dict:
    return json.loads(path.read_text())


def code_cells(nb: dict) -> list[int]:
    """Indices (among all cells) of the code cells that run-all executes (non-empty)."""
    return [i for i, c in enumerate(nb["cells"])
            if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def widget_cells(nb: dict) -> list[int]:
    """Indices of the cells whose committed outputs display a live widget."""
    return [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"
            and any(WIDGET_MIME in o.get("data", {}) for o in c.get("outputs", []))]


def shows_explorer(nb: dict) -> bool:
    return any("".join(nb["cells"][i]["source"]).strip().endswith(".ui")
               for i in widget_cells(nb))


def smoke_notebooks() -> list[Path]:
    """The course map and the first lesson after it that shows an explorer, then the Chinese
    course map when it exists (`make test-binder`: Binder opens either course map)."""
    notebooks = lesson_notebooks()
    chosen = [p for p in notebooks if p.name.startswith("00_")][:1]
    chosen += [p for p in notebooks
               if not p.name.startswith("00_") and shows_explorer(read_ipynb(p))][:1]
    chosen += [p for p in lesson_notebooks("zh-Hant") if p.name.startswith("00_")][:1]
    return list(dict.fromkeys(chosen))


def selected_notebooks() -> list[Path]:
    """The English lessons, then the Chinese lessons that exist (the smoke run: English only)."""
    if os.environ.get("ANN_BROWSER_SMOKE") == "1":
        return smoke_notebooks()
    return [p for language in EDITIONS for p in lesson_notebooks(language)]


# -- kernel and run-all ---------------------------------------------------------------------
def wait_for_kernel(server, rel_path: str, timeout: float = 90.0) -> str:
    """Wait until the notebook's kernel exists, is idle and has a client connected: the
    toolbar says "idle" before the kernel even starts, so ask the server instead."""
    deadline = time.monotonic() + timeout
    last = "no session yet"
    while time.monotonic() < deadline:
        for session in server.api("GET", "api/sessions"):
            if session.get("path") == rel_path and session.get("kernel"):
                kernel = server.api("GET", f"api/kernels/{session['kernel']['id']}")
                last = f"kernel {kernel['execution_state']}, {kernel['connections']} connection(s)"
                if kernel["execution_state"] == "idle" and kernel["connections"] >= 1:
                    return kernel["id"]
        time.sleep(0.2)
    raise AssertionError(f"kernel for {rel_path} not ready after {timeout:.0f} s ({last})\n"
                         + server.log_tail())


def wait_kernel_idle(server, kernel_id: str, timeout: float = 60.0, stable: float = 0.3) -> None:
    """Wait until the kernel has stayed idle for `stable` seconds (queued requests done)."""
    deadline = time.monotonic() + timeout
    idle_since = None
    while time.monotonic() < deadline:
        if server.api("GET", f"api/kernels/{kernel_id}")["execution_state"] == "idle":
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since >= stable:
                return
        else:
            idle_since = None
        time.sleep(0.05)
    raise AssertionError(f"kernel still busy after {timeout:.0f} s")


def open_notebook(page, server, nb_path: Path, ui: str = "lab") -> str:
    """Open the notebook in JupyterLab (a fresh workspace) or Notebook 7; return its kernel id."""
    rel = nb_path.relative_to(SERVED_ROOT).as_posix()
    if ui == "lab":
        url = server.url(f"lab/workspaces/t{uuid.uuid4().hex[:8]}/tree/{rel}", login=True)
    else:
        url = server.url(f"notebooks/{rel}", login=True)
    page.goto(url)
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(state="visible", timeout=60_000)
    kernel_id = wait_for_kernel(server, rel)
    dialog = page.locator(".jp-Dialog")
    assert dialog.count() == 0, f"unexpected dialog: {dialog.first.inner_text()}"
    return kernel_id


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{item}$")).click()


def run_all(page, server, kernel_id: str, nb: dict) -> None:
    """Edit > Clear Outputs of All Cells, then Run > Run All Cells, as a learner would; wait
    until every code cell has run: a number in its prompt, or (for a cell whose input is hidden,
    like the worked solutions) its outputs back."""
    # select the first cell by its left margin (its middle may be a link to another lesson)
    page.locator(".jp-NotebookPanel .jp-Cell").first.click(position={"x": 4, "y": 4})
    _menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(
        """() => ![...document.querySelectorAll('.jp-NotebookPanel .jp-InputArea-prompt')]
                   .some(p => /\\d/.test(p.textContent))""", timeout=10_000)
    _menu(page, "Run", "Run All Cells")
    expected = code_cells(nb)
    with_output = [i for i in expected if nb["cells"][i].get("outputs")]
    # Done when every code cell ran, or as soon as an error shows (JupyterLab stops a run-all
    # at an exception: the cells below never get a number; check_outputs reports the error).
    page.wait_for_function(
        """([expected, withOutput]) => {
            const cells = document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell');
            if (document.querySelector('.jp-NotebookPanel [data-mime-type="application/vnd.jupyter.stderr"]'))
                return true;
            return expected.every(i => {
                const cell = cells[i];
                if (!cell) return false;
                const prompt = cell.querySelector('.jp-InputArea-prompt');
                if (prompt) return /^\\[\\d+\\]:?$/.test(prompt.textContent.trim());
                return !withOutput.includes(i) || cell.querySelector('.jp-OutputArea-output');
            });
        }""", arg=[expected, with_output], timeout=RUN_ALL_TIMEOUT_MS, polling=250)
    try:
        # every cell has run; idle once is enough (drawing ahead makes the kernel busy for a
        # moment many times a second: see ExplorerDriver.settle)
        wait_kernel_idle(server, kernel_id, timeout=30, stable=0.0)
    except AssertionError:
        pass   # an error output stopped the wait early; check_outputs reports it


def check_outputs(page, nb: dict) -> list[str]:
    """Problems in the rendered outputs: errors, stderr, widgets not (or wrongly) rendered."""
    wanted = widget_cells(nb)
    try:   # give widget views a moment to render (they load after the output arrives)
        page.wait_for_function(
            """([wanted]) => {
                const cells = document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell');
                const text = document.querySelector('.jp-NotebookPanel').textContent;
                return !text.includes('Loading widget') &&
                       wanted.every(i => cells[i] && cells[i].querySelector('.jupyter-widgets'));
            }""", arg=[wanted], timeout=30_000, polling=200)
    except Exception:  # noqa: BLE001 - reported below, with details
        pass
    report = page.evaluate(
        """([wanted]) => {
            const cells = [...document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')];
            const bad = [];
            cells.forEach((cell, i) => {
                cell.querySelectorAll('.jp-OutputArea-output').forEach(out => {
                    const mime = out.getAttribute('data-mime-type') || '';
                    if (/error|stderr/.test(mime) || out.querySelector('.jp-RenderedText[data-mime-type*="stderr"], .jp-RenderedText[data-mime-type*="error"]'))
                        bad.push(`cell ${i}: ${mime || 'error'} output: ${out.textContent.slice(0, 400)}`);
                    const t = out.textContent;
                    if (t.includes('Error displaying widget')) bad.push(`cell ${i}: "Error displaying widget" ${t.slice(0, 200)}`);
                    if (t.includes('Loading widget')) bad.push(`cell ${i}: "Loading widget..." never replaced by the widget`);
                });
            });
            wanted.forEach(i => {
                const w = cells[i] && cells[i].querySelector('.jp-OutputArea-output .jupyter-widgets');
                if (!w) bad.push(`cell ${i}: widget cell shows no widget`);
                else if (w.getBoundingClientRect().height < 5) bad.push(`cell ${i}: widget has no height`);
            });
            return bad;
        }""", [wanted])
    panels = page.locator(".jp-NotebookPanel").count()
    if panels != 1:
        report.append(f"{panels} notebooks open in the page (a click opened another lesson?)")
    return list(dict.fromkeys(report))


def center(page, locator) -> None:
    """Scroll an element to the middle of the notebook. Twice: cells above it that come into
    view get laid out (JupyterLab skips the layout of off-screen cells) and push it down."""
    for _ in range(3):
        locator.evaluate("el => el.scrollIntoView({block: 'center'})")
        page.wait_for_timeout(150)


def check_cells_intact(page, nb: dict) -> list[str]:
    """After the slider moves: still the notebook's cells, of the same types (a keystroke
    meant for a readout that reached JupyterLab, e.g. "1" = make the cell a heading, or "m"
    = markdown, would show here)."""
    kinds = page.evaluate("""() => [...document.querySelectorAll(
        '.jp-NotebookPanel .jp-Notebook .jp-Cell')].map(c =>
        c.classList.contains('jp-CodeCell') ? 'code' :
        c.classList.contains('jp-MarkdownCell') ? 'markdown' : 'raw')""")
    want = [c["cell_type"] for c in nb["cells"]]
    if kinds != want:
        return [f"the notebook's cells changed during the slider moves: {len(kinds)} cells "
                f"{kinds[:40]}, expected {len(want)} {want[:40]}"]
    return []


# -- explorers -------------------------------------------------------------------------------
READ_BOX_JS = """(box) => {
    const name = [...box.classList].find(c => c.startsWith('ann-explorer-')).slice('ann-explorer-'.length);
    const img = box.querySelector('img.ann-figure');
    const status = box.querySelector('.ann-status');
    const controls = [...box.querySelectorAll('[class*="ann-control-"]')].map(el => {
        const key = [...el.classList].find(c => c.startsWith('ann-control-')).slice('ann-control-'.length);
        const noui = el.querySelector('.noUi-target');
        const readout = el.querySelector('.widget-readout');
        const select = el.querySelector('select');
        const buttons = [...el.querySelectorAll('button')];
        const checkbox = el.querySelector('input[type=checkbox]');
        return {key,
                slider: noui && noui.noUiSlider ? Number(noui.noUiSlider.get()) : null,
                readout: readout ? readout.textContent.trim().replace(/\u2212/g, '-') : null,
                select: select ? select.selectedIndex : null,
                toggle: buttons.length ? buttons.findIndex(b => b.classList.contains('mod-active')) : null,
                checkbox: checkbox ? checkbox.checked : null};
    });
    return {name, src: img ? img.src : null, status: status ? status.textContent : null,
            imgHeight: img ? img.getBoundingClientRect().height : 0,
            imgScale: img && img.naturalWidth ? img.getBoundingClientRect().width / img.naturalWidth : 0,
            imgLoaded: img ? (img.complete && img.naturalWidth > 0) : false, controls};
}"""


def _registry():
    from ann_helpers.explorers import all_explorers

    return all_explorers()


def _option(widget, index):
    values = list(widget._options_values)
    if index is None or not 0 <= index < len(values):
        raise AssertionError(f"option index {index} out of range for {widget.description!r}")
    return values[index]


def _same_readout(widget, value: float, text: str) -> bool:
    fmt = getattr(widget, "readout_format", ".2f")
    try:
        return format(value, fmt) == text.replace("\u2212", "-")
    except ValueError:
        return False


def dom_values(widgets: dict, dom: dict) -> dict:
    """The value of every control as the kernel has it, read from the page.

    A slider's value is its noUiSlider's: ipywidgets 8 sends that back to the kernel after
    every change, a typed readout included (the typed number is snapped to the slider's step),
    and when the slider is first drawn."""
    values = {}
    for c in dom["controls"]:
        key = c["key"]
        w = widgets[key]
        if isinstance(w, W.IntSlider):
            values[key] = int(round(c["slider"]))
        elif isinstance(w, W.FloatSlider):
            values[key] = float(c["slider"])
        elif isinstance(w, W.SelectionSlider):
            values[key] = _option(w, int(round(c["slider"])))
        elif c["select"] is not None:
            values[key] = _option(w, c["select"])
        elif c["toggle"] is not None:
            values[key] = _option(w, c["toggle"])
        elif c["checkbox"] is not None:
            values[key] = c["checkbox"]
        else:
            raise AssertionError(f"cannot read control {key!r} from the page: {c}")
    return values


def choose_sliders(widgets: dict) -> list[str]:
    """The learning-rate-like and start-point-like sliders, else the first two sliders."""
    sliders = [k for k, w in widgets.items() if isinstance(w, (W.FloatSlider, W.IntSlider))]
    chosen = [k for k in sliders if LR_LIKE.match(k)][:1]
    chosen += [k for k in sliders if START_LIKE.match(k) and k not in chosen][:1]
    chosen += [k for k in sliders if k not in chosen]
    return chosen[:2]


def grid_value(widget, fraction: float):
    lo, hi, step = widget.min, widget.max, widget.step
    v = lo + round((hi - lo) * fraction / step) * step
    v = min(max(v, lo), hi)
    if isinstance(widget, W.IntSlider):
        return int(v)
    return float(f"{v:.10g}")


@dataclass
class ExplorerRun:
    name: str
    notebook: str
    latencies_ms: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    moves: int = 0


class ExplorerDriver:
    """Moves one explorer's sliders in the page and checks picture and status."""

    def __init__(self, page, server, kernel_id: str, box, notebook: str, language: str = "en"):
        self.page, self.server, self.kernel_id, self.box = page, server, kernel_id, box
        self.language = language
        dom = box.evaluate(READ_BOX_JS)
        self.name = dom["name"]
        registry = _registry()
        if self.name not in registry:
            raise AssertionError(f"the page shows explorer {self.name!r}, which "
                                 f"ann_helpers.explorers.all_explorers() does not know")
        self.cls = registry[self.name]
        self.widgets = self.cls().controls
        self.run = ExplorerRun(self.name, notebook)
        self._expected: dict = {}
        SEEN_EXPLORERS.add(self.name)

    def read(self) -> tuple[dict, dict]:
        dom = self.box.evaluate(READ_BOX_JS)
        return dom, dom_values(self.widgets, dom)

    def expected(self, values: dict):
        """(status, png) of a fresh explorer built from these control values, in the lesson's
        language (cached)."""
        key = tuple(sorted(values.items()))
        if key not in self._expected:
            with speaking(self.language):
                explorer = self.cls(**values)
                self._expected[key] = (explorer.status, explorer.render())
        return self._expected[key]

    def english_status(self, values: dict) -> str:
        """The status an English lesson shows for these values (cached)."""
        key = ("en", *sorted(values.items()))
        if key not in self._expected:
            with speaking("en"):
                self._expected[key] = self.cls(**values).status
        return self._expected[key]

    def settle(self, timeout: float = 15.0) -> None:
        """Wait until the picture shown is the one for the values on the controls (not a
        neighbour's, data-exact="1") and stopped changing. Not until the kernel stays idle:
        while it draws ahead, the page acknowledges each picture, so the kernel is busy for a
        moment many times a second, with nothing queued that could change the picture."""
        wait_kernel_idle(self.server, self.kernel_id, stable=0.0)
        deadline, last, stable = time.monotonic() + timeout, None, 0
        while time.monotonic() < deadline and stable < 3:
            src, exact = self.box.evaluate(
                "b => { const i = b.querySelector('img.ann-figure'); return [i.src, i.dataset.exact]; }")
            stable = stable + 1 if src == last and exact == "1" else 0
            last = src
            time.sleep(0.05)

    def check_status(self, how: str) -> dict:
        """The status shown must be the one computed for the values on the controls, in the
        lesson's language (in a Chinese lesson: Chinese, not the English sentence)."""
        dom, values = self.read()
        status, _ = self.expected(values)
        if self.language != "en":
            problem = status_language_problem(dom["status"] or "", self.english_status(values),
                                              self.language)
            if problem is not None:
                self.run.problems.append(f"{self.name}: {how}: {problem}")
        try:
            self.page.wait_for_function(
                """([box, status]) => {
                    const st = box.querySelector('.ann-status');
                    return st && st.textContent.trim() === status;
                }""", arg=[self.box.element_handle(), status.strip()], timeout=5_000)
        except Exception:  # noqa: BLE001 - turned into a readable problem
            dom, values2 = self.read()
            self.run.problems.append(
                f"{self.name}: {how}: status shown {dom['status']!r}, but the explorer "
                f"computes {status!r} for the values on the controls {values}"
                + ("" if values2 == values else f" (controls then read {values2})"))
        return values

    def check_initial(self) -> None:
        dom, _ = self.read()
        if not dom["src"] or dom["imgHeight"] < 20 or not dom["imgLoaded"]:
            self.run.problems.append(f"{self.name}: the figure is not shown "
                                     f"(src={bool(dom['src'])}, height={dom['imgHeight']})")
        if dom["imgScale"] > 1.05:
            NOTES.append(f"note: {self.name}: the figure is shown stretched x{dom['imgScale']:.2f} "
                         "(wider than its PNG: blurry text)")
        self.check_status("as first shown")

    def _arm_latency(self) -> None:
        self.box.evaluate("""(box) => {
            const img = box.querySelector('img.ann-figure');
            window.__ann = {t0: null, t1: null};
            const onKey = e => {
                if (e.key !== 'Enter') return;
                window.__ann.t0 = performance.now();
                document.removeEventListener('keydown', onKey, {capture: true});
            };
            document.addEventListener('keydown', onKey, {capture: true});
            // the move is done when the picture for the new values (data-exact="1") has
            // loaded; a neighbour's picture shown meanwhile (data-exact="0") does not count
            const obs = new MutationObserver(() => {
                if (img.dataset.exact !== '1') return;
                obs.disconnect();
                img.addEventListener('load', () => { window.__ann.t1 = performance.now(); }, {once: true});
            });
            obs.observe(img, {attributes: true, attributeFilter: ['src', 'data-exact']});
        }""")

    def _after_move(self, key, before, before_src, how, measure=False):
        """Wait for the new picture, check it changed when it should and that the status
        matches the values now on the controls; return the latency in ms when measured."""
        ms = None
        try:
            self.page.wait_for_function(
                """([box, before, measure]) => {
                    const img = box.querySelector('img.ann-figure');
                    return img.src !== before && (!measure || (window.__ann && window.__ann.t1 !== null));
                }""", arg=[self.box.element_handle(), before_src, measure],
                timeout=MOVE_TIMEOUT_MS, polling="raf")
            if measure:
                t = self.page.evaluate("() => window.__ann")
                if t["t0"] is not None and t["t1"] is not None:
                    ms = t["t1"] - t["t0"]
        except Exception:  # noqa: BLE001 - checked below
            pass
        self.settle()
        dom, after = self.read()
        if after[key] == before[key]:
            self.run.problems.append(f"{self.name}: {how} {key} left it at {before[key]}")
            return None
        if self.expected(before)[1] != self.expected(after)[1] and dom["src"] == before_src:
            self.run.problems.append(f"{self.name}: {how} {key} from {before[key]} to "
                                     f"{after[key]}: the picture did NOT change (it should)")
        self.check_status(f"after {how} {key} to {after[key]}")
        self.run.moves += 1
        return ms

    def _arm_drag(self, key: str) -> None:
        """Record in the page, with the page's clock: pointer events, every new picture (a
        MutationObserver on the image's src, and its load), every new readout value."""
        self.box.evaluate("""(box, key) => {
            const img = box.querySelector('img.ann-figure');
            const readout = box.querySelector('.ann-control-' + key + ' .widget-readout');
            const rec = {down: null, up: null, moves: [], pictures: [], exact: [], loads: [],
                         values: []};
            window.__annDrag = rec;
            const opts = {capture: true};
            const onDown = e => { if (rec.down === null) rec.down = performance.now(); };
            const onMove = e => { if (rec.down !== null && rec.up === null) rec.moves.push(performance.now()); };
            const onUp = e => {
                rec.up = performance.now();
                document.removeEventListener('pointerdown', onDown, opts);
                document.removeEventListener('pointermove', onMove, opts);
                document.removeEventListener('pointerup', onUp, opts);
            };
            document.addEventListener('pointerdown', onDown, opts);
            document.addEventListener('pointermove', onMove, opts);
            document.addEventListener('pointerup', onUp, opts);
            // each new picture, and whether it is the one for the slider's value then (a
            // neighbour's picture drawn ahead is shown meanwhile, marked data-exact="0")
            new MutationObserver(() => rec.pictures.push(performance.now()))
                .observe(img, {attributes: true, attributeFilter: ['src']});
            new MutationObserver(() => { if (img.dataset.exact === '1') rec.exact.push(performance.now()); })
                .observe(img, {attributes: true, attributeFilter: ['src', 'data-exact']});
            img.addEventListener('load', () => rec.loads.push(performance.now()));
            if (readout) new MutationObserver(() => rec.values.push(performance.now()))
                .observe(readout, {childList: true, characterData: true, subtree: true});
        }""", key)

    def _picture_pixels(self):
        """The picture the page shows, decoded (the bytes behind the img's blob URL)."""
        import base64
        import io

        import numpy as np
        from PIL import Image

        b64 = self.box.evaluate("""async (box) => {
            const img = box.querySelector('img.ann-figure');
            const buf = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
            let s = ''; for (let i = 0; i < buf.length; i += 8192)
                s += String.fromCharCode.apply(null, buf.subarray(i, i + 8192));
            return btoa(s);
        }""")
        return np.asarray(Image.open(io.BytesIO(base64.b64decode(b64))).convert("RGBA"))

    def check_picture(self, how: str, timeout: float = 10.0) -> None:
        """The picture shown must be, pixel for pixel, a fresh explorer's for the values on
        the controls (waiting up to `timeout` s: the kernel redraws in a thread, so an idle
        kernel does not yet mean the last picture arrived)."""
        import io

        import numpy as np
        from PIL import Image

        deadline = time.monotonic() + timeout
        while True:
            _, values = self.read()
            _, png = self.expected(values)
            want = np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))
            got = self._picture_pixels()
            if got.shape == want.shape and np.array_equal(got, want):
                return
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
        differ = (int(np.any(got != want, axis=2).sum()) if got.shape == want.shape
                  else f"shape {got.shape} vs {want.shape}")
        self.run.problems.append(f"{self.name}: {how}: the picture shown is not the one for "
                                 f"the values on the controls {values} ({differ} pixels "
                                 "differ)")

    def drag(self, key: str) -> None:
        """Drag the handle as a learner does: press, move at display rate for DRAG_SECONDS
        (across the slider and back), release; then check the final picture and status and
        record pictures/s during the drag and the lag of the final picture after release."""
        widget = self.widgets[key]
        control = self.box.locator(f".ann-control-{key}")
        dom, before = self.read()
        handle = control.locator(".noUi-handle")
        p = (before[key] - widget.min) / (widget.max - widget.min)
        far = 0.9 if p <= 0.5 else 0.1
        for _attempt in range(2):
            # bring the slider to the middle of the notebook, wait until the handle takes the
            # pointer (hover checks that nothing covers it)
            center(self.page, control)
            handle.hover()
            self.settle()
            ready_s = self.wait_line_ready(key)
            hb, tb = handle.bounding_box(), control.locator(".noUi-target").bounding_box()
            x0, y0 = hb["x"] + hb["width"] / 2, hb["y"] + hb["height"] / 2
            self._arm_drag(key)
            self.page.mouse.move(x0, y0)
            self.page.mouse.down()
            n = max(2, int(DRAG_SECONDS * DRAG_MOVES_PER_S))
            start = time.perf_counter()
            for i in range(1, n + 1):
                # out to `far`, then back half-way: the picture must follow both ways
                t = i / n
                f = p + (far - p) * (t / 0.7 if t <= 0.7 else 1 - 0.5 * (t - 0.7) / 0.3)
                self.page.mouse.move(tb["x"] + f * tb["width"], y0)
                delay = start + i / DRAG_MOVES_PER_S - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
            self.page.mouse.up()
            moved = control.evaluate(
                "el => Number(el.querySelector('.noUi-target').noUiSlider.get())")
            if moved != before[key]:
                break
            NOTES.append(f"note: {self.name}: first drag of {key} did not take; retried")
        self._after_move(key, before, dom["src"], "dragging")
        rec = self.page.evaluate("() => window.__annDrag")
        self.check_picture(f"after dragging {key}")
        self._record_drag(key, rec, ready_s)
        # the readout follows the handle
        dom, after = self.read()
        text = control.locator(".widget-readout").inner_text().strip()
        if isinstance(widget, W.FloatSlider) and not _same_readout(widget, after[key], text):
            self.run.problems.append(f"{self.name}: readout {text!r} after dragging {key} "
                                     f"to {after[key]}")

    def wait_line_ready(self, key: str, timeout: float = READY_TIMEOUT_S) -> float | None:
        """Wait, as a learner reading the text above would, until the page holds the
        pictures drawn ahead along this slider (data-lines reaches data-plan); returns the
        seconds waited, None if the line was not ready within `timeout` (then the drag shows
        the kernel's pictures as they come, and the note says so)."""
        start = time.monotonic()
        try:
            self.page.wait_for_function(
                """([box, key]) => {
                    const view = box.querySelector('.ann-figure-view');
                    if (!view || !view.dataset.lines) return false;
                    const lines = JSON.parse(view.dataset.lines), plan = JSON.parse(view.dataset.plan);
                    return !(key in plan) || lines[key] >= plan[key];
                }""", arg=[self.box.element_handle(), key], timeout=timeout * 1000, polling=100)
        except Exception:  # noqa: BLE001 - reported, the drag goes on
            NOTES.append(f"note: {self.name}: the pictures along {key} were not all drawn "
                         f"ahead within {timeout:.0f} s; dragged anyway")
            return None
        return time.monotonic() - start

    def _record_drag(self, key: str, rec: dict, ready_s: float | None = None) -> None:
        if rec["down"] is None or rec["up"] is None or not rec["moves"]:
            NOTES.append(f"note: {self.name}: drag of {key} recorded no pointer events")
            return
        t0, up = rec["moves"][0], rec["up"]
        span = max(up - t0, 1.0) / 1000
        during = [t for t in rec["pictures"] if t0 < t <= up]
        after = [t for t in rec["loads"] if t > up]
        DRAGS.append({
            "explorer": self.name, "notebook": self.run.notebook, "key": key,
            "seconds": span,
            "moves_per_s": len(rec["moves"]) / span,
            "values_per_s": len([t for t in rec["values"] if t0 < t <= up]) / span,
            "pictures_per_s": len(during) / span,
            # ... of which the picture for the slider's value at that moment
            "exact_per_s": len([t for t in rec["exact"] if t0 < t <= up]) / span,
            # seconds the test waited for the pictures along this slider to be drawn ahead
            "ready_s": ready_s,
            # the final picture (checked above to match the final values) became visible
            # this long after the release; 0 when it was already shown
            "release_lag_ms": max(after) - up if after else 0.0,
            # the browser's share: new src to decoded picture
            "decode_ms": _decode_ms(rec["pictures"], rec["loads"]),
        })

    def type_value(self, key: str, fractions=(0.25, 0.75, 0.5, 0.9, 0.1, 0.6, 0.35)) -> None:
        widget = self.widgets[key]
        control = self.box.locator(f".ann-control-{key}")
        dom, before = self.read()
        _, before_png = self.expected(before)
        # a value on the slider's grid whose picture differs from the current one
        candidates = [grid_value(widget, f) for f in fractions]
        candidates = [v for v in dict.fromkeys(candidates) if v != before[key]]
        pick = next((v for v in candidates
                     if self.expected({**before, key: v})[1] != before_png), None)
        if pick is None:
            NOTES.append(f"note: {self.name}: no value of {key} changes the picture; not typed")
            return
        readout = control.locator(".widget-readout")
        readout.scroll_into_view_if_needed()
        self._arm_latency()
        # as a learner does: click the readout, select its text, type the digits (real key
        # events, so JupyterLab's single-key shortcuts get their chance to interfere), Enter
        readout.click()
        readout.evaluate("""el => { const r = document.createRange(); r.selectNodeContents(el);
                                   const s = getSelection(); s.removeAllRanges(); s.addRange(r); }""")
        readout.press_sequentially(str(pick))
        readout.press("Enter")
        ms = self._after_move(key, before, dom["src"], "typing", measure=True)
        dom, after = self.read()
        if not math.isclose(after[key], pick, rel_tol=1e-9, abs_tol=1e-9):
            self.run.problems.append(f"{self.name}: typed {pick} into the {key} readout, "
                                     f"the slider shows {after[key]}")
        if ms is not None:
            self.run.latencies_ms.append(ms)
        else:
            self.run.problems.append(f"{self.name}: typing {pick} into {key}: no new picture "
                                     f"loaded within {MOVE_TIMEOUT_MS / 1000:.0f} s of Enter")

    def exercise(self, screenshot_dir: Path | None = None, stem: str = "",
                 typed: int = TYPED_MOVES_PER_CONTROL) -> ExplorerRun:
        self.check_initial()
        keys = choose_sliders(self.widgets)
        if not keys:
            NOTES.append(f"note: explorer {self.name} has no slider to move")
        order = (0.25, 0.75, 0.5, 0.9, 0.1, 0.6, 0.35)
        for key in keys:
            self.drag(key)
            for j in range(typed):
                k = (j * 3) % len(order)
                self.type_value(key, order[k:] + order[:k])
        if screenshot_dir is not None:
            self.box.scroll_into_view_if_needed()
            self.box.screenshot(path=str(screenshot_dir / f"{stem}-{self.name}-after-move.png"))
        return self.run


def _decode_ms(pictures: list[float], loads: list[float]) -> float:
    """Median time from a new src to its load event (each load pairs with the src set just
    before it)."""
    spans = []
    for t in loads:
        earlier = [p for p in pictures if p <= t]
        if earlier:
            spans.append(t - earlier[-1])
    return statistics.median(spans) if spans else float("nan")


def record_latencies(run: ExplorerRun) -> None:
    if run.latencies_ms:
        LATENCIES.append({"explorer": run.name, "notebook": run.notebook,
                          "ms": list(run.latencies_ms)})
        median = statistics.median(run.latencies_ms)
        if median > LATENCY_LIMIT_MS:
            run.problems.append(f"{run.name}: median slider-to-plot latency {median:.0f} ms "
                                f"is over the {LATENCY_LIMIT_MS:.0f} ms limit")


def screenshot_dir(ui: str) -> Path:
    d = ARTIFACTS / ui
    d.mkdir(parents=True, exist_ok=True)
    return d


def open_and_run_all(page, server, nb_path: Path, ui: str):
    """Open a notebook in `ui` ("lab" or "notebook7"), run all cells, check the outputs, and
    take the after-run-all screenshot with the first explorer centred (named by `file_label`).
    Returns (nb, kernel_id, explorer boxes, problems so far, screenshot folder)."""
    nb = read_ipynb(nb_path)
    shots = screenshot_dir(ui)
    kernel_id = open_notebook(page, server, nb_path, ui=ui)
    run_all(page, server, kernel_id, nb)
    problems = check_outputs(page, nb)
    boxes = page.locator(".jp-NotebookPanel .ann-explorer")
    if boxes.count():
        center(page, boxes.first)
    page.screenshot(path=str(shots / f"{file_label(nb_path)}-after-run-all.png"))
    return nb, kernel_id, boxes, problems, shots


def assert_no_problems(page, nb: dict, problems: list[str], where: str) -> None:
    """Fail with every problem found, after checking the cells survived the slider moves."""
    problems = problems + check_cells_intact(page, nb) + page.messages
    assert not problems, f"{where}:\n  " + "\n  ".join(problems)
