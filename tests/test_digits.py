"""Lesson 09's helpers: the three-way split, the confusion matrix, training with a validation
part, the split-seed report, and the pictures (in ann_helpers.explorers.digits)."""

from __future__ import annotations

import numpy as np
import pytest
from messages import raises

from ann_helpers import digits
from ann_helpers.explorers import digits as pictures
from ann_helpers.losses import accuracy
from ann_helpers.network import History


# -- the split --------------------------------------------------------------------------------
def test_split_is_three_way_stratified_disjoint_and_complete():
    s = digits.load_split()
    assert (len(s.y_train), len(s.y_val), len(s.y_test)) == (1078, 269, 450)
    assert s.X_train.shape == (1078, 64) and s.X_val.shape == (269, 64)
    assert 0.0 <= s.X_train.min() and s.X_train.max() <= 1.0
    X, y = digits._raw_digits()
    rest, test_idx = digits.stratified_indices(y, digits.TEST_FRACTION, digits.SPLIT_SEED)
    assert np.array_equal(s.X_test, X[test_idx]) and np.array_equal(s.y_test, y[test_idx])
    rows = {tuple(r) + (int(t),) for r, t in zip(X, y, strict=True)}
    parts = [{tuple(r) + (int(t),) for r, t in zip(Xp, yp, strict=True)}
             for Xp, yp in ((s.X_train, s.y_train), (s.X_val, s.y_val), (s.X_test, s.y_test))]
    assert len(parts[0] & parts[2]) == len(parts[1] & parts[2]) == 0 or \
        len(rows) < len(y)   # (the data has a few duplicate images; indices are what count)
    for c in range(10):
        n_c = int(np.sum(y == c))
        n_test = round(0.25 * n_c)
        assert int(np.sum(s.y_test == c)) == n_test
        assert int(np.sum(s.y_val == c)) == round(0.2 * (n_c - n_test))
        assert int(np.sum(s.y_train == c)) + int(np.sum(s.y_val == c)) + n_test == n_c


def test_split_indices_are_disjoint():
    X, y = digits._raw_digits()
    rest, test = digits.stratified_indices(y, 0.25, 1)
    sub_train, sub_val = digits.stratified_indices(y[rest], 0.2, 1)
    train, val = rest[sub_train], rest[sub_val]
    assert np.intersect1d(train, val).size == np.intersect1d(train, test).size == 0
    assert np.intersect1d(val, test).size == 0
    assert np.array_equal(np.sort(np.concatenate([train, val, test])), np.arange(len(y)))


def test_split_is_seeded():
    a, b, c = digits.load_split(seed=3), digits.load_split(seed=3), digits.load_split(seed=4)
    assert np.array_equal(a.y_test, b.y_test) and np.array_equal(a.X_val, b.X_val)
    assert not np.array_equal(a.X_test, c.X_test)


def test_stratified_indices_small_example():
    y = np.array([0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1])
    train, test = digits.stratified_indices(y, 0.5, seed=0)
    assert sorted(np.bincount(y[test]).tolist()) == [2, 4]
    assert len(train) == 6


@pytest.mark.parametrize("kwargs, error, message", [
    ({"test_fraction": 0.0}, ValueError, "test_fraction must be in (0, 1), got 0"),
    ({"test_fraction": 1.5}, ValueError, "test_fraction must be in (0, 1), got 1.5"),
    ({"test_fraction": "a"}, TypeError, "test_fraction must be a real number, got 'a' of type str"),
    ({"seed": -1}, ValueError, "seed must be a whole number in [0, inf], got -1"),
    ({"seed": 1.5}, TypeError, "seed must be a whole number, got 1.5 of type float"),
    ({"validation_fraction": 1.0}, ValueError, "validation_fraction must be in (0, 1), got 1"),
])
def test_load_split_rejects_bad_arguments(kwargs, error, message):
    with raises(error, message):
        digits.load_split(**kwargs)


def test_stratified_indices_rejects_bad_labels():
    with raises(ValueError, "y must be a 1-D array of whole class numbers >= 0, got shape (2,) "
                            "and dtype float64"):
        digits.stratified_indices(np.array([0.5, 1.0]), 0.5, 0)
    with raises(ValueError, "y must hold at least one label, got an empty array"):
        digits.stratified_indices(np.array([], dtype=int), 0.5, 0)
    with raises(TypeError, "y must be a 1-D array of whole class numbers >= 0, got None"):
        digits.stratified_indices(None, 0.5, 0)


# -- confusion matrix -------------------------------------------------------------------------
def test_confusion_matrix_by_hand():
    y_true = [0, 0, 1, 1, 2, 2, 2]
    y_pred = [0, 1, 1, 1, 2, 0, 2]
    C = digits.confusion_matrix(y_true, y_pred, n_classes=3)
    assert C.tolist() == [[1, 1, 0], [0, 2, 0], [1, 0, 2]]
    assert C.sum() == 7 and np.trace(C) / C.sum() == accuracy(y_true, y_pred, 3)
    assert C.sum(axis=1).tolist() == [2, 2, 3]       # row i: the examples of class i
    text = digits.confusion_text(C)
    assert text.splitlines()[0] == "true\\pred  0  1  2"
    assert text.splitlines()[3] == "        2  1  0  2"


@pytest.mark.parametrize("y_true, y_pred, error, message", [
    ([0, 1], [0], ValueError, "y_true and y_pred must have the same length, got 2 and 1"),
    ([], [], ValueError, "y_true and y_pred are empty: nothing to compare"),
    ([0, 10], [0, 1], ValueError, "y_true must hold class numbers [0, 9], got values from 0 to 10"),
    ([0, 1], [-1, 1], ValueError, "y_pred must hold class numbers [0, 9], got values from -1 to 1"),
    ([[0, 1]], [[0, 1]], ValueError, "y_true must be a 1-D array of whole class numbers [0, 9], "
                                     "got shape (1, 2) and dtype int64"),
    (["a"], ["a"], ValueError, "y_true must be a 1-D array of whole class numbers [0, 9], got "
                               "shape (1,) and dtype <U1"),
    (None, [0], TypeError, "y_true must be a 1-D array of whole class numbers [0, 9], got None"),
])
def test_accuracy_and_confusion_reject_bad_labels(y_true, y_pred, error, message):
    with raises(error, message):
        accuracy(y_true, y_pred, 10)
    with raises(error, message):
        digits.confusion_matrix(y_true, y_pred)


def test_confusion_text_rejects_non_square():
    for C in (np.zeros((2, 3), dtype=int), np.eye(3)):
        with raises(ValueError, f"C must be a square matrix of integer counts, got shape "
                                f"{C.shape}"):
            digits.confusion_text(C)


def test_mean_cross_entropy():
    P = np.array([[0.8, 0.2], [0.5, 0.5]])
    assert digits.mean_cross_entropy(P, [0, 1]) == pytest.approx(-(np.log(0.8) + np.log(0.5)) / 2)
    with raises(ValueError, "P has 2 rows but y has 3 labels"):
        digits.mean_cross_entropy(P, [0, 1, 1])


def test_a_model_argument_must_be_a_network():
    X = digits.load_split().X_test[:2]
    for bad in (None, "model", digits.trained_model()):   # the Trained, not its .model
        with raises(TypeError, f"model must be an MLP, got {bad!r:.60} of type "
                               f"{type(bad).__name__}"):
            digits.probabilities(bad, X)


# -- training ---------------------------------------------------------------------------------
def test_short_training_records_train_and_validation_only_and_is_deterministic():
    s = digits.load_split()
    seen = []
    a = digits.train(s, epochs=3, on_epoch=lambda epoch, h: seen.append((epoch, len(h.epochs))))
    b = digits.train(s, epochs=3)
    assert seen == [(1, 1), (2, 2), (3, 3)]
    h = a.history
    assert h.epochs == [1, 2, 3] and sorted(h.measured) == sorted(digits.MEASURED)
    assert all(len(v) == 3 for v in h.measured.values())
    assert h.measured["train_loss"][-1] < h.measured["train_loss"][0]
    assert h.measured["val_accuracy"][-1] > 0.5        # far above chance (0.1) after 3 epochs
    for (W, bias), (W2, bias2) in zip(a.model.params, b.model.params, strict=True):
        assert np.array_equal(W, W2) and np.array_equal(bias, bias2)
    # the kept weights are those of the epoch with the lowest validation loss
    kept = int(np.argmin(h.measured["val_loss"])) + 1
    assert a.kept_epoch == kept
    measured = digits.measure(a.model, s)
    assert measured["val_loss"] == h.measured["val_loss"][kept - 1]
    assert a.status.startswith("trained 3 epochs (lr = 0.5): training loss ")
    assert a.status.endswith(f"; kept epoch {kept}, the lowest validation loss "
                             f"({h.measured['val_loss'][kept - 1]:.4f})")


def test_training_never_looks_at_the_test_part():
    s = digits.load_split()
    poisoned = digits.Split(s.X_train, s.X_val, np.full_like(s.X_test, np.nan), s.y_train,
                            s.y_val, np.full_like(s.y_test, -1))
    a, b = digits.train(poisoned, epochs=2), digits.train(s, epochs=2)
    assert np.array_equal(a.model.get_flat(), b.model.get_flat())


@pytest.mark.parametrize("lr", [10.0, 1000.0])
def test_a_loss_that_grows_or_stays_above_chance_is_not_called_trained(lr):
    # lr = 10: the loss grows; lr = 1000: it falls a little but stays far above ln 10, the
    # loss of guessing (digits.train once said "trained" for both)
    s = digits.load_split()
    run = digits.train(s, lr=lr, epochs=5)
    first, last = run.history[0], run.history[-1]
    assert not run.history.diverged and last > np.log(10)
    assert run.status == (f"not learning: the training loss went from {first:.4g} to "
                          f"{last:.4g} in 5 epochs, and guessing 1/10 for every class scores "
                          f"2.303; try a smaller learning rate than {lr:g}")


def test_lesson_model_is_cached_and_its_test_accuracy_is_the_lessons():
    trained = digits.trained_model()
    assert digits.trained_model() is trained
    s = digits.load_split()
    assert accuracy(s.y_test, digits.predict(trained.model, s.X_test)) == 438 / 450


def test_split_seed_report_runs_the_whole_recipe_per_seed():
    (acc,) = digits.split_seed_report([2], epochs=3)
    s = digits.load_split(seed=2)
    model = digits.train(s, epochs=3).model
    assert acc == accuracy(s.y_test, digits.predict(model, s.X_test))
    with raises(ValueError, "seeds must hold at least one split seed"):
        digits.split_seed_report([])
    with raises(ValueError, "seeds[...] must be a whole number in [0, inf], got -1"):
        digits.split_seed_report([-1])


def test_train_rejects_bad_arguments():
    s = digits.load_split()
    with raises(TypeError, "split must be a Split from load_split(), got tuple"):
        digits.train((s.X_train, s.X_test, s.y_train, s.y_test), epochs=1)
    with raises(ValueError, "on_epoch needs evaluate=True (it receives the measurements)"):
        digits.train(s, epochs=1, evaluate=False, on_epoch=lambda e, h: None)
    with raises(TypeError, "on_epoch must be a function (callable), got 3 of type int"):
        digits.train(s, epochs=1, on_epoch=3)
    with raises(ValueError, "hidden must be a whole number in [1, 10000], got 0"):
        digits.train(s, hidden=0, epochs=1)
    with raises(ValueError, "lr must be in (0, inf], got -0.1"):
        digits.train(s, lr=-0.1, epochs=1)


def test_sklearn_twin_is_plain_minibatch_sgd():
    clf = digits.sklearn_twin()
    p = clf.get_params()
    assert p["hidden_layer_sizes"] == (digits.HIDDEN,) and p["activation"] == "logistic"
    assert p["solver"] == "sgd" and p["learning_rate"] == "constant"
    assert p["learning_rate_init"] == digits.LR and p["batch_size"] == digits.BATCH_SIZE
    assert p["momentum"] == 0 and p["alpha"] == 0 and not p["early_stopping"]
    assert p["max_iter"] == digits.EPOCHS and p["n_iter_no_change"] > digits.EPOCHS
    with raises(ValueError, "activation must be one of 'logistic', 'tanh', 'relu', 'identity'; "
                            "got 'softplus'"):
        digits.sklearn_twin(activation="softplus")
    s = digits.load_split()
    clf = digits.fit_sklearn(s, epochs=2)            # no ConvergenceWarning escapes
    assert clf.n_iter_ == 2


# -- pictures ---------------------------------------------------------------------------------
def test_pictures_draw_and_reject_bad_input():
    s = digits.load_split()
    fig = pictures.image_grid(s.X_test[:7], [str(y) for y in s.y_test[:7]], ncols=5,
                              marks=["right"] * 6 + ["wrong"])
    assert len([ax for ax in fig.axes if ax.get_visible()]) == 7
    # right and wrong differ in marker shape, not only in colour
    right_mark, wrong_mark = fig.axes[0].lines[0], fig.axes[6].lines[0]
    assert right_mark.get_marker() != wrong_mark.get_marker()
    with raises(ValueError, "need one title per image: 2 images, 1 titles"):
        pictures.image_grid(s.X_test[:2], ["a"])
    with raises(ValueError, "images must have 64 pixels per row, got 63"):
        pictures.image_grid(s.X_test[:2, :63], ["a", "b"])
    with raises(ValueError, "images is empty: nothing to draw"):
        pictures.image_grid(np.zeros((0, 64)), [])
    with raises(ValueError, "marks[...] must be one of 'right', 'wrong'; got 'ok'"):
        pictures.image_grid(s.X_test[:1], ["a"], marks=["ok"])
    W = digits.trained_model().model.params[0][0]
    assert len(pictures.weights_figure(W).axes) == 32
    with raises(ValueError, "W must have 64 rows (one per pixel), got 10"):
        pictures.weights_figure(W[:10])
    C = digits.confusion_matrix(s.y_test, s.y_test)
    assert pictures.confusion_figure(C).axes


def test_live_curves_follow_the_history_in_percent_without_clipping():
    h = History()
    h.record(1, train_loss=1.0, val_loss=1.1, train_accuracy=0.3, val_accuracy=0.25)
    h.record(2, train_loss=0.5, val_loss=0.7, train_accuracy=0.8, val_accuracy=0.75)
    curves = pictures.LiveCurves(epochs=10)
    curves.update(h, kept_epoch=2)
    xs, ys = curves.lines["val", "accuracy"].get_data()
    assert list(xs) == [1, 2] and list(ys) == [25.0, 75.0]
    assert curves.ax_acc.get_ylim() == (0.0, 100.0)          # the first epochs are not cut off
    assert curves.ax_acc.get_title() == "accuracy (%)"
    assert curves.ax_loss.get_yscale() == "log"
    assert np.asarray(curves.kept.get_data()[0]).tolist() == [2]
    with raises(ValueError, "epochs must be a whole number in [1, 1000000], got 0"):
        pictures.LiveCurves(epochs=0)


def test_the_explorer_marks_right_and_wrong_with_shape_and_colour():
    from ann_helpers.plotting import COLORS

    ex = pictures.DigitsExplorer()
    wrong = int(np.flatnonzero(ex.predicted != ex.split.y_test)[0])
    ex.set(index=wrong)
    true, pred = int(ex.split.y_test[wrong]), int(ex.predicted[wrong])
    assert np.asarray(ex.mark_true.get_data()[0]).tolist() == [true]
    assert np.asarray(ex.mark_wrong.get_data()[0]).tolist() == [pred]
    assert ex.mark_true.get_marker() != ex.mark_wrong.get_marker()
    assert ex.mark_true.get_color() == COLORS["right"] and ex.mark_wrong.get_color() == COLORS["wrong"]
    right = int(np.flatnonzero(ex.predicted == ex.split.y_test)[0])
    ex.set(index=right)
    assert np.asarray(ex.mark_wrong.get_data()[0]).tolist() == []


@pytest.fixture
def chinese():
    """The helpers speak Traditional Chinese for one test, then English again."""
    import ann_helpers

    ann_helpers.set_language("zh-Hant")
    yield
    ann_helpers.set_language("en")


def test_the_explorer_and_the_table_speak_chinese_with_the_same_numbers(chinese):
    ex = pictures.DigitsExplorer(index=15)
    assert ex.status == ("測試影像 15：真實為 9，預測為 8，機率 0.815（錯誤）；次高者 9，"
                         "機率 0.118")
    assert ex.bar_title.get_text() == "預測 8（p = 0.815），真實類別 9 的 p = 0.118"
    assert ex.ax_bar.get_ylabel() == "機率"
    # the header is 9 columns wide in both languages (a CJK character takes two)
    assert digits.confusion_text(np.eye(2, dtype=int)).splitlines()[0] == "真實\\預測  0  1"


def test_chinese_errors_and_statuses_are_whole_sentences(chinese):
    with raises(ValueError, "P 有 2 列，但 y 有 3 個標籤"):
        digits.mean_cross_entropy(np.full((2, 10), 0.1), [0, 1, 2])
    with raises(TypeError, "split 必須是 load_split() 傳回的 Split，但收到的是 dict"):
        digits.train({})
    history = History([2.0, 1.0])
    assert digits._status(history, 0.5, 2, 2, False) == (
        "訓練了 2 個 epoch（lr = 0.5）：訓練損失 2 -> 1")
