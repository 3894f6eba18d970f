"""The course's performance table: one command, one table, every row measured in this run.

    make bench                                   # = python benchmarks/run.py
    python benchmarks/run.py --only explorers    # a subset: explorers, training, nbval,
                                                 # autograd, gradients
    python benchmarks/run.py --only training gradients --repeats 5
    python benchmarks/run.py --only explorers --explorer digits --moves 200
    python benchmarks/run.py --only explorers --cpu-clock    # steadier on a busy machine
    python benchmarks/run.py --only nbval --nbval-workers 2  # notebooks on both cores
    python benchmarks/run.py --only gradients --widths 16 32 64 128   # larger networks

Each row is a median with the min and max over repeated measurements, a target where the
course sets one, and a verdict ("ok", or "OVER" when the target is missed).

explorers   every Explorer subclass that `ann_helpers.explorers.all_explorers()` finds, built
            with its default controls, on the Agg backend: after a few warm-up moves, 50 slider
            moves cycling over the positions of `explorer.grid()`, each timed as
            `explorer.set(**values)` + `explorer.render()` (the update and the PNG a learner
            waits for). Target: under 25 ms per move. Then a drag of each main slider
            (learning rate, start point; `--moves` positions across the slider and back):
            the kernel's cost per picture, split into `update`, the draw (only what moved,
            `widgets.FrameDrawer`) and the PNG encoding, the PNG's size, and the same drag
            drawn in full with savefig as every move was before. Target: under 20 ms a
            picture (24 pictures a second leave ~41 ms for kernel, messages and browser).
training    lesson 09's network on the 8 x 8 digits (same split, hidden size, activation,
            learning rate, batch size and epochs as the lesson), trained from scratch
            `--repeats` times by `ann_helpers` and by scikit-learn's MLPClassifier
            (solver="sgd", momentum=0, alpha=0, constant learning rate, no early stopping),
            alternating the two; seconds per epoch, their ratio per pair of runs, and the
            test accuracy of each. Target: ours at most 0.5 x scikit-learn's time.
nbval       wall time of `python -m pytest notebooks/ -q` in a subprocess, with the repo's
            pytest configuration (strict nbval over every notebook), and each notebook's
            share from pytest's --durations. Target: under 30 s.
autograd    lesson 10's engine (`ann_helpers.autograd.Value`) on lesson 10's 4-8-8-1 tanh
            network and one example: forward + backward (the graph built and every local
            derivative applied once) against central finite differences (2 P forward passes
            of the same engine, P = 121 parameters), the ratio of their medians, and the
            largest difference between the two gradients. The lesson counts the same
            comparison in graph nodes and leaves the seconds to this table.
gradients   the cost of one full gradient of a growing MLP (64 inputs, h hidden, 10 outputs,
            on a fixed batch of digits) by back-propagation and by central finite differences
            (two loss evaluations per parameter), with the slopes of log(time) against
            log(parameters): about 1 for back-propagation and about 2 for finite differences,
            the lesson 07 argument, once the network is large enough for the arithmetic to
            dominate the costs of a call that do not grow with it (Python, argument checks,
            the 10-class softmax of the batch); the slope of their ratio is about 1 at every
            size, since finite differences need 2 loss evaluations per parameter and
            back-propagation about one forward and one backward pass in all. The target
            column gives the slope of lesson 07's multiply-add count
            (`network.gradient_cost`) over the same networks. This section runs last and
            first asks glibc to keep freed memory (see `keep_freed_memory`).

Timings are wall-clock on a shared machine: compare rows of the same run, and rerun when the
machine is busy (the header prints the load average). BLAS is limited to one thread so both
libraries in the training rows use the same arithmetic resources.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ("explorers", "training", "nbval", "autograd", "gradients")
EXPLORER_TARGET_MS = 25.0
# 24 pictures a second leave ~41 ms a picture for kernel, messages and browser: half of it
# for the kernel
DRAG_TARGET_MS = 20.0
RATIO_TARGET = 0.5
NBVAL_TARGET_S = 30.0


# -- rows of the table ----------------------------------------------------------------------
@dataclass
class Row:
    section: str
    what: str
    median: float
    low: float
    high: float
    unit: str
    target: str = ""
    ok: bool | None = None  # None: no target
    miss: str = "OVER"  # the verdict when the target is missed

    @classmethod
    def of(cls, section, what, samples, unit, target="", limit=None, higher_is_better=False):
        samples = [float(s) for s in samples]
        med = statistics.median(samples)
        ok = None
        if limit is not None:
            ok = med >= limit if higher_is_better else med <= limit
        return cls(section, what, med, min(samples), max(samples), unit, target, ok,
                   "UNDER" if higher_is_better else "OVER")


def _fmt(x: float) -> str:
    if x == 0:
        return "0"
    if abs(x) >= 100:
        return f"{x:.0f}"
    if abs(x) >= 1:
        return f"{x:.2f}"
    if abs(x) >= 0.01:
        return f"{x:.3f}"
    return f"{x:.2e}"


def print_table(rows: list[Row]) -> None:
    head = ("section", "measurement", "median", "min", "max", "unit", "target", "verdict")
    cells = [head] + [
        (r.section, r.what, _fmt(r.median), _fmt(r.low), _fmt(r.high), r.unit, r.target,
         "" if r.ok is None else ("ok" if r.ok else r.miss))
        for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    right = {2, 3, 4}
    for n, c in enumerate(cells):
        print("  ".join(s.rjust(w) if i in right else s.ljust(w)
                        for i, (s, w) in enumerate(zip(c, widths, strict=True))).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


# -- 1. explorers ---------------------------------------------------------------------------
def main_sliders(controls: dict) -> list[str]:
    """The sliders a learner drags most: learning rate and start point (as the browser
    tests choose them), else the first two sliders."""
    import ipywidgets as W

    sliders = [k for k, w in controls.items() if isinstance(w, (W.FloatSlider, W.IntSlider))]
    chosen = [k for k in sliders if re.match(r"^(lr|eta|alpha|learning_rate|step)$", k)][:1]
    chosen += [k for k in sliders if k not in chosen
               and re.match(r"^(x0|y0|x|y|start|w\d*|b\d*|index)$", k)][:1]
    chosen += [k for k in sliders if k not in chosen]
    return chosen[:2]


def drag_positions(widget, moves: int) -> list:
    """`moves` slider positions one or a few steps apart, across the slider and back: what a
    drag sends."""
    import ipywidgets as W

    span = np.concatenate([np.linspace(0.1, 0.9, moves // 2), np.linspace(0.9, 0.1,
                                                                          moves - moves // 2)])
    out = []
    for f in span:
        v = widget.min + round((widget.max - widget.min) * f / widget.step) * widget.step
        v = min(max(v, widget.min), widget.max)
        out.append(int(v) if isinstance(widget, W.IntSlider) else float(v))
    return out


def bench_explorers(moves: int = 50, warmup: int = 5, names: list[str] | None = None,
                    clock=time.perf_counter) -> list[Row]:
    """Per explorer: ms per slider move (set + render) cycling over its grid; then the kernel's
    cost per picture during a drag of each main slider, split into update, draw and PNG, and
    the same drag drawn in full (savefig, as every move was drawn before issue 15)."""
    from ann_helpers import plotting
    from ann_helpers.explorers import all_explorers
    from ann_helpers.widgets import png_bytes

    rows = []
    for name, cls in all_explorers().items():
        if names and name not in names:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            explorer = cls()
            positions = list(explorer.grid())
            times = []
            for i in range(warmup + moves):
                values = positions[i % len(positions)]
                start = clock()
                explorer.set(**values)
                explorer.render()
                elapsed = clock() - start
                if i >= warmup:
                    times.append(1e3 * elapsed)
            rows.append(Row.of("explorers", f"{name} ({len(positions)} positions)", times,
                               "ms/move", f"< {EXPLORER_TARGET_MS:g}", EXPLORER_TARGET_MS))
            keys = main_sliders(explorer.controls)
            parts = {"update": [], "draw": [], "png": [], "kb": [], "full": []}
            for key in keys:
                # (no explorer.ui here: moving a control only sets its value)
                explorer = cls()
                drag = drag_positions(explorer.controls[key], warmup + moves)
                for i, value in enumerate(drag):
                    explorer.controls[key].value = value
                    t0 = clock()
                    explorer.status = explorer.update(**explorer.values())
                    t1 = clock()
                    rgba = explorer.frame()
                    t2 = clock()
                    png = png_bytes(rgba)
                    t3 = clock()
                    if i >= warmup:
                        parts["update"].append(1e3 * (t1 - t0))
                        parts["draw"].append(1e3 * (t2 - t1))
                        parts["png"].append(1e3 * (t3 - t2))
                        parts["kb"].append(len(png) / 1e3)
                # the same drag drawn in full, as before: update + savefig
                explorer = cls()
                for i, value in enumerate(drag):
                    explorer.controls[key].value = value
                    t0 = clock()
                    explorer.status = explorer.update(**explorer.values())
                    plotting.png(explorer.fig, fast=True)
                    if i >= warmup:
                        parts["full"].append(1e3 * (clock() - t0))
        total = [u + d + p for u, d, p in zip(parts["update"], parts["draw"], parts["png"],
                                               strict=True)]
        what = f"  drag {', '.join(keys)}"
        rows += [
            Row.of("explorers", f"{what}: update + draw + PNG", total, "ms/picture",
                   f"< {DRAG_TARGET_MS:g}", DRAG_TARGET_MS),
            Row.of("explorers", "    of which update", parts["update"], "ms"),
            Row.of("explorers", "    of which draw (only what moved)", parts["draw"], "ms"),
            Row.of("explorers", "    of which PNG encoding", parts["png"], "ms"),
            Row.of("explorers", "    PNG size", parts["kb"], "kB"),
            Row.of("explorers", f"{what}: full redraw (before)", parts["full"], "ms/picture"),
        ]
        rows += bench_ahead(cls, keys, clock)
    return rows


def bench_ahead(cls, keys: list[str], clock=time.perf_counter) -> list[Row]:
    """Drawing ahead (issue 15), as the redraw thread does it for a learner pointing at the
    first main slider: every picture of `widgets.prefetch_plan` from the default values,
    that slider's line first. Rows: the kernel's cost per picture, and the seconds of
    drawing until each main slider's line is in the page (a learner who reads that long
    before dragging gets a picture for every position the drag passes)."""
    from ann_helpers.widgets import prefetch_plan

    explorer = cls()
    here = json.loads(explorer.key())
    names = list(explorer.controls)
    plan = list(prefetch_plan(explorer.controls, keys[0], explorer.line_frames))
    moved = [next(n for n, a, b in zip(names, json.loads(key), here, strict=True) if a != b)
             for key, _ in plan]
    last = {name: i for i, name in enumerate(moved)}     # the last picture of each line
    times, done = [], {}
    for i, (_, values) in enumerate(plan):
        t0 = clock()
        explorer.draw_ahead(values)
        times.append(1e3 * (clock() - t0))
        if last[moved[i]] == i:
            done[moved[i]] = sum(times) / 1e3
    what = f"  ahead, {', '.join(keys)} first"
    rows = [Row.of("explorers", f"{what}: {len(plan)} pictures", times, "ms/picture")]
    for key in keys:
        if key in done:
            rows.append(Row.of("explorers", f"    until the {key} line is drawn", [done[key]],
                               "s"))
    return rows



# -- 2. training on the digits --------------------------------------------------------------
def bench_training(repeats: int = 3) -> list[Row]:
    """Lesson 09's training run, ours and scikit-learn's (`digits.sklearn_twin`), alternated."""
    from ann_helpers import digits
    from ann_helpers.losses import accuracy

    split = digits.load_split()
    cfg = dict(hidden=digits.HIDDEN, activation=digits.ACTIVATION, epochs=digits.EPOCHS,
               batch_size=digits.BATCH_SIZE, seed=digits.SEED)
    ours_s, sk_s, ratios, ours_acc, sk_acc = [], [], [], [], []
    # one untimed short run of each first: imports, caches, first-call costs
    digits.train(split, lr=digits.LR, evaluate=False, **{**cfg, "epochs": 2})
    digits.fit_sklearn(split, lr=digits.LR, **{**cfg, "epochs": 2})
    for _ in range(repeats):
        start = time.perf_counter()
        model = digits.train(split, lr=digits.LR, evaluate=False, **cfg).model
        ours = 1e3 * (time.perf_counter() - start) / cfg["epochs"]
        ours_acc.append(100 * accuracy(split.y_test, digits.predict(model, split.X_test)))

        start = time.perf_counter()
        clf = digits.fit_sklearn(split, lr=digits.LR, **cfg)
        theirs = 1e3 * (time.perf_counter() - start) / cfg["epochs"]
        sk_acc.append(100 * accuracy(split.y_test, clf.predict(split.X_test)))
        ours_s.append(ours)
        sk_s.append(theirs)
        ratios.append(ours / theirs)
    arch = f"64-{cfg['hidden']}-10 {cfg['activation']}, batch {cfg['batch_size']}, " \
           f"{cfg['epochs']} epochs"
    return [
        Row.of("training", f"ann_helpers MLP.fit ({arch})", ours_s, "ms/epoch"),
        Row.of("training", "sklearn MLPClassifier (same)", sk_s, "ms/epoch"),
        Row.of("training", "ratio ours / sklearn", ratios, "x", f"<= {RATIO_TARGET:g}",
               RATIO_TARGET),
        Row.of("training", "test accuracy ann_helpers", ours_acc, "%", ">= 97", 97.0, True),
        Row.of("training", "test accuracy sklearn", sk_acc, "%"),
    ]


# -- 3. strict nbval over every notebook ------------------------------------------------------
def bench_nbval(repeats: int = 1, workers: int = 0) -> list[Row]:
    """Wall time of strict nbval over every notebook, and each notebook's share of it
    (from pytest's --durations: kernel start, every cell, shutdown). With `workers`, the
    notebooks are spread over that many pytest-xdist processes, each notebook whole in one
    (--dist loadfile: its cells share one kernel)."""
    times, summary, per_notebook = [], "", {}
    command = [sys.executable, "-m", "pytest", "notebooks/", "-q", "--durations=0",
               "--durations-min=0"]
    if workers:
        command += ["-n", str(workers), "--dist", "loadfile"]
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        lines = [line for line in done.stdout.splitlines() if line.strip()]
        summary = lines[-1].strip("= ") if lines else f"exit code {done.returncode}"
        run: dict[str, float] = {}
        for line in lines:
            m = re.match(r"\s*([\d.]+)s\s+(?:setup|call|teardown)\s+notebooks/([^:]+)::", line)
            if m:
                run[m.group(2)] = run.get(m.group(2), 0.0) + float(m.group(1))
        for name, seconds in run.items():
            per_notebook.setdefault(name, []).append(seconds)
    how = f" -n {workers} --dist loadfile" if workers else ""
    row = Row.of("nbval", f"pytest notebooks/ -q{how} ({summary})", times, "s",
                 f"< {NBVAL_TARGET_S:g}", NBVAL_TARGET_S)
    if done.returncode != 0:
        row.ok = False
        row.miss = "FAILED"
    rows = [row]
    for name, samples in sorted(per_notebook.items()):
        rows.append(Row.of("nbval", f"  of which {name}", samples, "s"))
    return rows


# -- 4. lesson 10's engine: backward against finite differences -----------------------------
#: lesson 10's network and example (section 4 of the lesson: the engine against finite
#: differences)
ENGINE_LAYERS = (4, 8, 8, 1)
ENGINE_SEED = 3
ENGINE_X = (0.5, -0.2, 0.1, 0.9)
ENGINE_H = 1e-6


def engine_network(layers=ENGINE_LAYERS, seed: int = ENGINE_SEED):
    """[(W, b)] of lesson 10's network with every weight and bias a Value."""
    from ann_helpers.autograd import Value
    from ann_helpers.backprop import random_params

    return [([[Value(float(w)) for w in row] for row in W], [Value(float(v)) for v in b])
            for W, b in random_params(list(layers), seed=seed)]


def engine_parameters(vnet) -> list:
    """Every weight, then every bias, as one flat list of Values."""
    return ([v for W, _ in vnet for row in W for v in row]
            + [v for _, b in vnet for v in b])


def engine_output(vnet, x=ENGINE_X):
    """The network's one output for the example x, as a new graph of Values (tanh hidden
    layers, identity output), as lesson 10's value_forward builds it."""
    a = list(x)
    for layer, (W, b) in enumerate(vnet, start=1):
        z = [sum((W[i][j] * a[i] for i in range(len(a))), b[j]) for j in range(len(b))]
        a = [zj.tanh() for zj in z] if layer < len(vnet) else z
    return a[0]


def engine_backward(vnet, x=ENGINE_X) -> list[float]:
    """d(output)/d(parameter) for every parameter: one forward graph, one backward."""
    params = engine_parameters(vnet)
    for v in params:
        v.grad = 0.0
    engine_output(vnet, x).backward()
    return [v.grad for v in params]


def engine_finite_differences(vnet, x=ENGINE_X, h: float = ENGINE_H) -> list[float]:
    """(out(p + h) - out(p - h)) / 2h for every parameter p, one at a time (2 P forward
    passes); each parameter is given back its value."""
    grads = []
    for v in engine_parameters(vnet):
        old = v.data
        v.data = old + h
        up = engine_output(vnet, x).data
        v.data = old - h
        down = engine_output(vnet, x).data
        v.data = old
        grads.append((up - down) / (2 * h))
    return grads


def bench_autograd(repeats: int = 3) -> list[Row]:
    """Forward + backward timed max(repeats, 30) times, finite differences max(repeats, 5)
    times, alternating the two; about 1 s on this machine."""
    vnet = engine_network()
    n = len(engine_parameters(vnet))
    engine_backward(vnet)                  # warm-up (imports, first allocations)
    bp, fd = [], []
    for k in range(max(repeats, 30)):
        bp += _timings(lambda: engine_backward(vnet), 1)
        if k < max(repeats, 5):
            fd += _timings(lambda: engine_finite_differences(vnet), 1)
    a, f = np.array(engine_backward(vnet)), np.array(engine_finite_differences(vnet))
    worst = float(np.max(np.abs(a - f)) / np.max(np.abs(a)))
    shape = "-".join(map(str, ENGINE_LAYERS))
    ratio = statistics.median(fd) / statistics.median(bp)
    return [
        Row.of("autograd", f"Value engine, {shape} tanh, {n} parameters: forward + backward",
               [1e3 * t for t in bp], "ms"),
        Row.of("autograd", f"Value engine, {shape} tanh: finite differences ({2 * n} forwards)",
               [1e3 * t for t in fd], "ms"),
        Row("autograd", "ratio finite differences / forward + backward (medians)", ratio,
            ratio, ratio, "x"),
        Row("autograd", "max |backward - finite diff.| / max |backward|", worst, worst, worst,
            "", "< 1e-6", worst < 1e-6),
    ]


# -- 5. gradient cost: back-propagation against finite differences ----------------------------
def finite_difference_gradients(mlp, X, Y, h: float = 1e-5) -> list[tuple[np.ndarray, np.ndarray]]:
    """dL/dp ~ (L(p + h) - L(p - h)) / 2h for every parameter p, one at a time, in place."""
    grads = []
    for W, b in mlp.params:
        pair = []
        for P in (W, b):
            G = np.zeros_like(P)
            flat, gflat = P.reshape(-1), G.reshape(-1)
            for i in range(flat.size):
                old = flat[i]
                flat[i] = old + h
                up = mlp.loss(X, Y)
                flat[i] = old - h
                down = mlp.loss(X, Y)
                flat[i] = old
                gflat[i] = (up - down) / (2 * h)
            pair.append(G)
        grads.append(tuple(pair))
    return grads


def keep_freed_memory() -> bool:
    """Ask glibc to keep freed memory instead of returning it to the OS at once.

    By default glibc hands every freed block over 128 KB back to the kernel (munmap, or a trim
    of the heap), so the next array of that size page-faults afresh. A loss on 1347 images and
    64 hidden neurons makes several such arrays per call: finite differences then spend more
    time in page faults (millions, seconds of system time) than in arithmetic, and the time
    varies from run to run. The gradient section measures the arithmetic, so it turns that
    off (M_TRIM_THRESHOLD and M_MMAP_THRESHOLD = 1 GB). True when it could (glibc only).
    """
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
        return bool(libc.mallopt(M_TRIM_THRESHOLD, 1 << 30)
                    and libc.mallopt(M_MMAP_THRESHOLD, 1 << 30))
    except (OSError, AttributeError):
        return False


def _timings(fn, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def bench_gradients(widths=(4, 8, 16, 32, 64), batch: int = 1347, repeats: int = 3,
                    fd_repeats: int = 1) -> list[Row]:
    """Time one full gradient by each method for MLPs [64, h, 10] on `batch` digit images.

    Back-propagation is timed `max(repeats, 20)` times per size, finite differences
    `fd_repeats` times (the largest size takes seconds). The finite-difference gradient is
    also compared
    with back-propagation's: the largest difference relative to the largest gradient entry.
    """
    from ann_helpers import digits
    from ann_helpers.losses import one_hot
    from ann_helpers.network import MLP, gradient_cost

    kept = keep_freed_memory()
    split = digits.load_split()
    X, Y = split.X_train[:batch], one_hot(split.y_train[:batch], digits.N_CLASSES)
    rows, sizes, bp_med, fd_med, worst = [], [], [], [], 0.0
    for h in widths:
        mlp = MLP([64, h, 10], activation="sigmoid", output="softmax", seed=0)
        n = sum(W.size + b.size for W, b in mlp.params)
        bp = _timings(lambda mlp=mlp: mlp.loss_and_gradients(X, Y), max(repeats, 20))
        fd = []
        for _ in range(fd_repeats):
            start = time.perf_counter()
            numeric = finite_difference_gradients(mlp, X, Y)
            fd.append(time.perf_counter() - start)
        _, analytic = mlp.loss_and_gradients(X, Y)
        a = np.concatenate([g.ravel() for pair in analytic for g in pair])
        f = np.concatenate([g.ravel() for pair in numeric for g in pair])
        worst = max(worst, float(np.max(np.abs(a - f)) / np.max(np.abs(a))))
        sizes.append(n)
        bp_med.append(statistics.median(bp))
        fd_med.append(statistics.median(fd))
        rows.append(Row.of("gradients", f"back-propagation,   {n:>5d} parameters (h = {h})",
                           [1e3 * t for t in bp], "ms"))
        rows.append(Row.of("gradients", f"finite differences, {n:>5d} parameters (h = {h})",
                           [1e3 * t for t in fd], "ms"))
    # the lesson 07 count of multiply-adds for the same networks, for comparison
    cost = [gradient_cost([64, h, 10]) for h in widths]
    counted = {"back-propagation": [c["backprop"] for c in cost],
               "finite differences": [c["finite_differences"] for c in cost]}
    counted["finite diff. / backprop"] = (np.array(counted["finite differences"])
                                          / np.array(counted["back-propagation"]))
    logn = np.log(sizes)
    ratio = np.array(fd_med) / np.array(bp_med)
    for label, med in (("back-propagation", bp_med), ("finite differences", fd_med),
                       ("finite diff. / backprop", ratio)):
        every = float(np.polyfit(logn, np.log(med), 1)[0])
        last = float(np.polyfit(logn[-3:], np.log(med[-3:]), 1)[0])
        model = float(np.polyfit(logn, np.log(counted[label]), 1)[0])
        rows.append(Row("gradients", f"log-log slope, {label}: all sizes / largest 3",
                        every, min(every, last), max(every, last),
                        f"slope ({every:.2f} / {last:.2f})", f"count {model:.2f}"))
    rows.append(Row("gradients", "glibc keeps freed memory (see keep_freed_memory)",
                    float(kept), float(kept), float(kept), "yes" if kept else "no"))
    rows.append(Row("gradients", "max |backprop - finite diff.| / max |backprop|", worst,
                    worst, worst, "", "< 1e-6", worst < 1e-6))
    return rows


# -- the command ----------------------------------------------------------------------------
def header() -> str:
    import matplotlib
    import sklearn

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"python {platform.python_version()}, numpy {np.__version__}, "
            f"scikit-learn {sklearn.__version__}, matplotlib {matplotlib.__version__}, "
            f"{os.cpu_count()} cores, load average {load}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS),
                        help="run only these sections")
    parser.add_argument("--explorer", nargs="+", metavar="NAME",
                        help="only these explorers (by name)")
    parser.add_argument("--moves", type=int, default=50, help="timed moves per explorer")
    parser.add_argument("--cpu-clock", action="store_true",
                        help="time explorer moves in this process's CPU time instead of wall "
                             "time (steadier when other programs share the cores)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="training runs per library")
    parser.add_argument("--nbval-repeats", type=int, default=1, help="nbval runs")
    parser.add_argument("--nbval-workers", type=int, default=2,
                        help="run the notebooks in this many pytest-xdist workers "
                             "(default 2, with --dist loadfile, as `make test` does; "
                             "0: one process)")
    parser.add_argument("--widths", type=int, nargs="+", default=[4, 8, 16, 32, 64],
                        metavar="H", help="hidden widths of the gradient-cost networks "
                        "[64, H, 10]; finite differences take about 2 P loss evaluations, so "
                        "H = 128 adds ~20 s and H = 256 over a minute")
    parser.add_argument("--fd-repeats", type=int, default=1,
                        help="finite-difference runs per size (the largest takes ~10 s)")
    args = parser.parse_args(argv)
    if min(args.moves, args.repeats, args.nbval_repeats, args.fd_repeats) < 1:
        parser.error("--moves, --repeats, --nbval-repeats and --fd-repeats must be at least 1")
    if len(args.widths) < 3 or min(args.widths) < 1:
        parser.error("--widths needs at least 3 widths (for the slopes), each at least 1")
    if args.nbval_workers < 0:
        parser.error("--nbval-workers must be 0 (one process) or more")

    import matplotlib
    import sklearn.neural_network  # noqa: F401  (load every BLAS before limiting them)
    from threadpoolctl import threadpool_limits  # installed with scikit-learn

    matplotlib.use("Agg")
    threadpool_limits(limits=1)  # one BLAS thread here (the nbval subprocess is not limited)
    print(f"python benchmarks/run.py {' '.join(argv if argv is not None else sys.argv[1:])}")
    print(header() + ", BLAS threads 1")
    rows: list[Row] = []
    start = time.perf_counter()
    if "explorers" in args.only:
        rows += bench_explorers(moves=args.moves, names=args.explorer,
                                clock=time.process_time if args.cpu_clock else time.perf_counter)
    if "training" in args.only:
        rows += bench_training(repeats=args.repeats)
    if "nbval" in args.only:
        rows += bench_nbval(repeats=args.nbval_repeats, workers=args.nbval_workers)
    if "autograd" in args.only:
        rows += bench_autograd(repeats=args.repeats)
    if "gradients" in args.only:
        rows += bench_gradients(widths=tuple(args.widths), repeats=args.repeats,
                                fd_repeats=args.fd_repeats)
    print()
    print_table(rows)
    missed = [r for r in rows if r.ok is False]
    print(f"\n{len(rows)} rows in {time.perf_counter() - start:.0f} s; "
          + (f"{len(missed)} missed their target" if missed else "every target met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
