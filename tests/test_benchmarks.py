"""The benchmark's own arithmetic: its finite-difference gradient, its rows and its verdicts.
(The timings themselves are printed by `make bench`, not tested.)"""

from __future__ import annotations

import importlib.util
import sys

import numpy as np
import pytest
from conftest import ROOT

_spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_run"] = bench  # dataclasses look their module up there
_spec.loader.exec_module(bench)


def test_finite_differences_match_backprop_and_restore_the_parameters():
    from ann_helpers.network import MLP

    rng = np.random.default_rng(0)
    X = rng.normal(size=(5, 3))
    y = np.array([0, 1, 1, 0, 1])
    mlp = MLP([3, 4, 2], activation="sigmoid", output="softmax", seed=1)
    before = [(W.copy(), b.copy()) for W, b in mlp.params]
    _, grads = mlp.loss_and_gradients(X, y)
    numeric = bench.finite_difference_gradients(mlp, X, y)
    for (dW, db), (nW, nb) in zip(grads, numeric, strict=True):
        assert np.allclose(dW, nW, atol=1e-9) and np.allclose(db, nb, atol=1e-9)
    for (W, b), (W0, b0) in zip(mlp.params, before, strict=True):
        assert np.array_equal(W, W0) and np.array_equal(b, b0)


def test_rows_take_median_min_max_and_judge_the_target():
    row = bench.Row.of("s", "x", [3.0, 1.0, 2.0, 30.0], "ms", "< 25", 25.0)
    assert (row.median, row.low, row.high, row.ok) == (2.5, 1.0, 30.0, True)
    slow = bench.Row.of("s", "x", [26.0, 27.0, 28.0], "ms", "< 25", 25.0)
    assert slow.ok is False and slow.miss == "OVER"
    low = bench.Row.of("s", "acc", [96.0], "%", ">= 97", 97.0, higher_is_better=True)
    assert low.ok is False and low.miss == "UNDER"
    assert bench.Row.of("s", "x", [1.0], "ms").ok is None


def test_table_marks_missed_targets(capsys):
    bench.print_table([bench.Row.of("explorers", "slow one", [30.0], "ms/move", "< 25", 25.0),
                       bench.Row.of("explorers", "fast one", [3.0], "ms/move", "< 25", 25.0)])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["section", "measurement", "median", "min", "max", "unit",
                                "target", "verdict"]
    assert lines[2].endswith("OVER") and lines[3].endswith("ok")


def test_command_line_rejects_unknown_sections():
    with pytest.raises(SystemExit):
        bench.main(["--only", "everything"])
    with pytest.raises(SystemExit):
        bench.main(["--moves", "0"])


def test_the_engines_finite_differences_match_its_backward_and_restore_the_parameters():
    vnet = bench.engine_network()
    params = bench.engine_parameters(vnet)
    before = [v.data for v in params]
    assert len(params) == 4 * 8 + 8 + 8 * 8 + 8 + 8 * 1 + 1     # lesson 10's P = 121
    analytic = np.array(bench.engine_backward(vnet))
    numeric = np.array(bench.engine_finite_differences(vnet))
    assert [v.data for v in params] == before
    assert np.max(np.abs(analytic - numeric)) < 1e-8 * np.max(np.abs(analytic))
    assert np.array_equal(bench.engine_backward(vnet), analytic)  # grads reset, not added up


def test_the_gradient_section_runs_last():
    # it changes glibc's malloc settings (keep_freed_memory) for the rest of the process
    assert bench.SECTIONS[-1] == "gradients" and "autograd" in bench.SECTIONS


def test_drag_positions_cross_the_slider_and_come_back_on_its_grid():
    import ipywidgets as W

    w = W.FloatSlider(min=0.01, max=1.2, step=0.01)
    pos = bench.drag_positions(w, 40)
    assert len(pos) == 40 and all(0.01 <= v <= 1.2 for v in pos)
    assert all(abs(round((v - 0.01) / 0.01) * 0.01 - (v - 0.01)) < 1e-9 for v in pos)
    top = pos.index(max(pos))
    assert pos[:top + 1] == sorted(pos[:top + 1]) and pos[top:] == sorted(pos[top:], reverse=True)
    assert bench.drag_positions(W.IntSlider(min=0, max=13), 10)[0] == 1


def test_main_sliders_are_learning_rate_then_start_point():
    import ipywidgets as W

    controls = {"steps": W.IntSlider(), "x0": W.FloatSlider(), "lr": W.FloatSlider()}
    assert bench.main_sliders(controls) == ["lr", "x0"]
    assert bench.main_sliders({"index": W.IntSlider()}) == ["index"]
