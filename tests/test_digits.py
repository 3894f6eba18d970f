"""Lesson 09's helpers: the digits split, labels, accuracy, confusion matrix, training, pictures."""

from __future__ import annotations

import numpy as np
import pytest

from ann_helpers import digits


# -- the split --------------------------------------------------------------------------------
def test_split_is_stratified_disjoint_and_complete():
    s = digits.load_split()
    assert s.X_train.shape == (1347, 64) and s.X_test.shape == (450, 64)
    assert 0.0 <= s.X_train.min() and s.X_train.max() <= 1.0
    X, y = digits._raw_digits()
    train_idx, test_idx = digits.stratified_indices(y, digits.TEST_FRACTION, digits.SPLIT_SEED)
    assert np.intersect1d(train_idx, test_idx).size == 0
    assert np.array_equal(np.union1d(train_idx, test_idx), np.arange(len(y)))
    # every class keeps its share: round(0.25 * n_c) of its images in the test part
    for c in range(10):
        n_c = int(np.sum(y == c))
        assert int(np.sum(s.y_test == c)) == round(0.25 * n_c)
    assert np.array_equal(s.X_test, X[test_idx]) and np.array_equal(s.y_test, y[test_idx])


def test_split_is_seeded():
    a, b, c = digits.load_split(seed=3), digits.load_split(seed=3), digits.load_split(seed=4)
    assert np.array_equal(a.y_test, b.y_test) and np.array_equal(a.X_test, b.X_test)
    assert not np.array_equal(a.X_test, c.X_test)
    X_train, X_test, y_train, y_test = a          # unpacks like train_test_split
    assert len(X_train) == len(y_train) and len(X_test) == len(y_test)


def test_stratified_indices_small_example():
    y = np.array([0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1])
    train, test = digits.stratified_indices(y, 0.5, seed=0)
    assert sorted(np.bincount(y[test]).tolist()) == [2, 4]
    assert len(train) == 6


@pytest.mark.parametrize("kwargs, error, match", [
    ({"test_fraction": 0.0}, ValueError, r"test_fraction must be in \(0, 1\), got 0"),
    ({"test_fraction": 1.5}, ValueError, r"test_fraction must be in \(0, 1\), got 1.5"),
    ({"test_fraction": "a"}, TypeError, "test_fraction must be a real number"),
    ({"seed": -1}, ValueError, r"seed must be a whole number in \[0, inf\], got -1"),
    ({"seed": 1.5}, TypeError, "seed must be a whole number"),
])
def test_load_split_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        digits.load_split(**kwargs)


def test_stratified_indices_rejects_bad_labels():
    with pytest.raises(ValueError, match="y must be a non-empty 1-D array of integer labels"):
        digits.stratified_indices(np.array([0.5, 1.0]), 0.5, 0)
    with pytest.raises(ValueError, match="y must be a non-empty 1-D array"):
        digits.stratified_indices(np.array([], dtype=int), 0.5, 0)


# -- labels, accuracy, confusion matrix -------------------------------------------------------
def test_one_hot():
    Y = digits.one_hot([2, 0], n_classes=3)
    assert Y.tolist() == [[0, 0, 1], [1, 0, 0]]
    with pytest.raises(ValueError, match=r"y must hold labels in \[0, 2\], got values from 0 to 3"):
        digits.one_hot([0, 3], n_classes=3)
    with pytest.raises(ValueError, match="y must be a 1-D array of integer class labels"):
        digits.one_hot([0.5, 1.0])
    with pytest.raises(ValueError, match=r"n_classes must be a whole number in \[2, inf\]"):
        digits.one_hot([0], n_classes=1)


def test_accuracy_and_confusion_matrix_by_hand():
    y_true = [0, 0, 1, 1, 2, 2, 2]
    y_pred = [0, 1, 1, 1, 2, 0, 2]
    assert digits.accuracy(y_true, y_pred, n_classes=3) == pytest.approx(5 / 7)
    C = digits.confusion_matrix(y_true, y_pred, n_classes=3)
    assert C.tolist() == [[1, 1, 0], [0, 2, 0], [1, 0, 2]]
    assert C.sum() == 7 and np.trace(C) == 5
    assert C.sum(axis=1).tolist() == [2, 2, 3]       # row i: the examples of class i
    text = digits.confusion_text(C)
    assert text.splitlines()[0] == "true\\pred  0  1  2"
    assert text.splitlines()[3] == "        2  1  0  2"


@pytest.mark.parametrize("y_true, y_pred, match", [
    ([0, 1], [0], "y_true and y_pred must have the same length, got 2 and 1"),
    ([], [], "y_true and y_pred are empty"),
    ([0, 10], [0, 1], r"y_true must hold labels in \[0, 9\], got values from 0 to 10"),
    ([0, 1], [-1, 1], r"y_pred must hold labels in \[0, 9\]"),
    ([[0, 1]], [[0, 1]], "y_true must be a 1-D array of integer class labels"),
    (["a"], ["a"], "y_true must be a 1-D array of integer class labels"),
])
def test_accuracy_and_confusion_reject_bad_labels(y_true, y_pred, match):
    with pytest.raises(ValueError, match=match):
        digits.accuracy(y_true, y_pred)
    with pytest.raises(ValueError, match=match):
        digits.confusion_matrix(y_true, y_pred)


def test_confusion_text_rejects_non_square():
    with pytest.raises(ValueError, match=r"C must be a square matrix of integer counts"):
        digits.confusion_text(np.zeros((2, 3), dtype=int))
    with pytest.raises(ValueError, match=r"C must be a square matrix of integer counts"):
        digits.confusion_text(np.eye(3))


def test_mean_cross_entropy():
    P = np.array([[0.8, 0.2], [0.5, 0.5]])
    assert digits.mean_cross_entropy(P, [0, 1]) == pytest.approx(-(np.log(0.8) + np.log(0.5)) / 2)
    with pytest.raises(ValueError, match="P has 2 rows but y has 3 labels"):
        digits.mean_cross_entropy(P, [0, 1, 1])


# -- training ---------------------------------------------------------------------------------
def test_short_training_records_every_epoch_and_is_deterministic():
    s = digits.load_split()
    seen = []
    a = digits.train(s, epochs=3, on_epoch=lambda epoch, h: seen.append((epoch, len(h.epoch))))
    b = digits.train(s, epochs=3)
    assert seen == [(1, 1), (2, 2), (3, 3)]
    h = a.history
    assert h.epoch == [1, 2, 3]
    assert all(len(v) == 3 for v in (h.train_loss, h.test_loss, h.train_accuracy,
                                     h.test_accuracy))
    assert h.train_loss[-1] < h.train_loss[0]
    assert h.test_accuracy[-1] > 0.5                   # far above chance (0.1) after 3 epochs
    for (W, bias), (W2, bias2) in zip(a.model.params, b.model.params, strict=True):
        assert np.array_equal(W, W2) and np.array_equal(bias, bias2)
    # the recorded test accuracy is the model's accuracy on the test images
    pred = digits.predict(a.model, s.X_test)
    assert h.test_accuracy[-1] == digits.accuracy(s.y_test, pred)
    P = digits.probabilities(a.model, s.X_test)
    assert P.shape == (450, 10) and np.allclose(P.sum(axis=1), 1.0)


def test_lesson_model_reaches_97_percent_and_is_cached():
    trained = digits.trained_model()
    assert digits.trained_model() is trained
    s = digits.load_split()
    assert digits.accuracy(s.y_test, digits.predict(trained.model, s.X_test)) >= 0.97


def test_train_rejects_bad_arguments():
    s = digits.load_split()
    with pytest.raises(TypeError, match="split must be a Split from load_split"):
        digits.train((s.X_train, s.X_test, s.y_train, s.y_test), epochs=1)
    with pytest.raises(ValueError, match="on_epoch needs evaluate=True"):
        digits.train(s, epochs=1, evaluate=False, on_epoch=lambda e, h: None)
    with pytest.raises(TypeError, match="on_epoch must be a function"):
        digits.train(s, epochs=1, on_epoch=3)
    with pytest.raises(ValueError, match=r"hidden must be a whole number in \[1, inf\], got 0"):
        digits.train(s, hidden=0, epochs=1)
    with pytest.raises(ValueError, match="lr must be in"):
        digits.train(s, lr=-0.1, epochs=1)


def test_sklearn_twin_is_plain_minibatch_sgd():
    clf = digits.sklearn_twin()
    p = clf.get_params()
    assert p["hidden_layer_sizes"] == (digits.HIDDEN,) and p["activation"] == "logistic"
    assert p["solver"] == "sgd" and p["learning_rate"] == "constant"
    assert p["learning_rate_init"] == digits.LR and p["batch_size"] == digits.BATCH_SIZE
    assert p["momentum"] == 0 and p["alpha"] == 0 and not p["early_stopping"]
    assert p["max_iter"] == digits.EPOCHS and p["n_iter_no_change"] > digits.EPOCHS
    with pytest.raises(ValueError, match="activation must be one of"):
        digits.sklearn_twin(activation="softplus")
    s = digits.load_split()
    clf = digits.fit_sklearn(s, epochs=2)            # no ConvergenceWarning escapes
    assert clf.n_iter_ == 2


# -- pictures ---------------------------------------------------------------------------------
def test_pictures_draw_and_reject_bad_input():
    s = digits.load_split()
    fig = digits.image_grid(s.X_test[:7], [str(y) for y in s.y_test[:7]], ncols=5)
    assert len([ax for ax in fig.axes if ax.get_visible()]) == 7
    with pytest.raises(ValueError, match="need one title per image: 2 images, 1 titles"):
        digits.image_grid(s.X_test[:2], ["a"])
    with pytest.raises(ValueError, match="images must have 64 pixels per row, got 63"):
        digits.image_grid(s.X_test[:2, :63], ["a", "b"])
    with pytest.raises(ValueError, match="images is empty"):
        digits.image_grid(np.zeros((0, 64)), [])
    W = digits.trained_model().model.params[0][0]
    assert len(digits.weights_figure(W).axes) == 32
    with pytest.raises(ValueError, match="W must have 64 rows"):
        digits.weights_figure(W[:10])
    C = digits.confusion_matrix(s.y_test, s.y_test)
    assert digits.confusion_figure(C).axes


def test_live_curves_follow_the_history():
    h = digits.History(epoch=[1, 2], train_loss=[1.0, 0.5], test_loss=[1.1, 0.7],
                       train_accuracy=[0.6, 0.8], test_accuracy=[0.55, 0.75])
    curves = digits.LiveCurves(epochs=10)
    curves.update(h)
    xs, ys = curves.lines["test", "accuracy"].get_data()
    assert list(xs) == [1, 2] and list(ys) == [0.55, 0.75]
    assert curves.ax_loss.get_yscale() == "log"
    assert curves.ax_loss.get_ylim() == pytest.approx(digits.LOSS_AXIS)
    with pytest.raises(ValueError, match=r"epochs must be a whole number in \[1, inf\]"):
        digits.LiveCurves(epochs=0)
