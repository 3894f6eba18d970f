"""Lesson 09: a network reads real handwritten digits.

The data are scikit-learn's bundled 8 x 8 digits: 1,797 grey-level images (pixel values 0..16)
of the digits 0-9, shipped inside the package, so nothing is downloaded. A network is a
classifier: its input is an image (64 pixels), its output one probability per class, and the
predicted class is the most probable one.

The images are split three ways (stratified, seeded): a **test** part is put aside first and
used once, at the very end; of the rest, a **validation** part watches the training (its loss
after every epoch) and makes the one choice the lesson makes (which epoch's weights to keep);
the network learns from the **training** part alone.

    load_split(test_fraction, seed, validation_fraction)  -> Split (train, validation, test)
    confusion_matrix(y_true, y_pred)  -> C[i, j] = how many images of class i were predicted j
    train(...)                        -> an MLP trained by minibatch gradient descent, the
                                         per-epoch loss and accuracy on train and validation,
                                         and the epoch kept (lowest validation loss)
    trained_model()                   -> the lesson's model, trained once and then cached
    split_seed_report(seeds)          -> the whole recipe on several splits: test accuracies

One-hot targets and the accuracy are `ann_helpers.losses.one_hot` and `.accuracy`; the
figures (image grids, the confusion matrix, the training curves) live in
`ann_helpers.explorers.digits`.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from . import validate
from .i18n import _
from .losses import accuracy, label_pair
from .network import MLP, History, check_model

N_CLASSES = 10
SIDE = 8  # images are SIDE x SIDE pixels
MAX_PIXEL = 16.0  # the raw pixel values run from 0 to 16

# The lesson's model and training run (the explorer and the notebook share them).
HIDDEN = 32
ACTIVATION = "sigmoid"
LR = 0.5
EPOCHS = 100
BATCH_SIZE = 32
SEED = 0  # the starting weights and the shuffles
SPLIT_SEED = 1  # which images are held out for validation and test
TEST_FRACTION = 0.25  # of all images
VALIDATION_FRACTION = 0.2  # of the images left after the test part is put aside
SPLIT_SEEDS = tuple(range(10))  # the splits of the spread report


# -- the data -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Split:
    """Train / validation / test: X rows are images flattened to 64 pixels scaled to [0, 1]."""

    X_train: np.ndarray
    X_val: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_val: np.ndarray
    y_test: np.ndarray


@functools.lru_cache(maxsize=1)
def _raw_digits() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits

    data = load_digits()
    X = data.data / MAX_PIXEL
    y = data.target.astype(int)
    X.setflags(write=False)
    y.setflags(write=False)
    return X, y


def stratified_indices(y, test_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Row indices of two parts such that every class keeps its share in both.

    For each class c with n_c examples, round(test_fraction * n_c) of them, drawn at random
    with `np.random.default_rng(seed)`, go to the second (held-out) part; the rest to the
    first. Both index arrays come back sorted.
    """
    y = validate.labels("y", y)
    if y.size == 0:
        raise ValueError(_("y must hold at least one label, got an empty array"))
    test_fraction = validate.number("test_fraction", test_fraction, low=0.0, high=1.0,
                                    low_open=True, high_open=True)
    seed = validate.integer("seed", seed, low=0)
    rng = np.random.default_rng(seed)
    test = []
    for c in np.unique(y):
        members = np.flatnonzero(y == c)
        n_test = int(round(test_fraction * members.size))
        test.append(rng.permutation(members)[:n_test])
    test_idx = np.sort(np.concatenate(test))
    train_idx = np.setdiff1d(np.arange(y.size), test_idx)
    return train_idx, test_idx


def load_split(test_fraction: float = TEST_FRACTION, seed: int = SPLIT_SEED,
               validation_fraction: float = VALIDATION_FRACTION) -> Split:
    """The digits, pixels scaled to [0, 1], split three ways (stratified, seeded): first
    `test_fraction` of all images for the test, then `validation_fraction` of the rest for
    validation; the remaining images are for training."""
    validate.number("validation_fraction", validation_fraction, low=0.0, high=1.0,
                    low_open=True, high_open=True)
    X, y = _raw_digits()
    rest, test = stratified_indices(y, test_fraction, seed)
    sub_train, sub_val = stratified_indices(y[rest], validation_fraction, seed)
    train, val = rest[sub_train], rest[sub_val]
    return Split(X[train], X[val], X[test], y[train], y[val], y[test])


def confusion_matrix(y_true, y_pred, n_classes: int = N_CLASSES) -> np.ndarray:
    """C[i, j] = the number of examples of true class i that were predicted as class j.

    The diagonal counts the right answers; row i sums to the number of examples of class i.
    """
    n_classes = validate.integer("n_classes", n_classes, low=2, high=1000)
    y_true, y_pred = label_pair(y_true, y_pred, n_classes)
    C = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(C, (y_true, y_pred), 1)
    return C


def confusion_text(C) -> str:
    """The confusion matrix as an aligned text table (rows: true class, columns: predicted)."""
    C = np.asarray(C)
    if C.ndim != 2 or C.shape[0] != C.shape[1] or not np.issubdtype(C.dtype, np.integer):
        raise ValueError(_("C must be a square matrix of integer counts, got shape {shape}")
                         .format(shape=C.shape))
    n = C.shape[0]
    width = max(3, len(str(C.max())) + 1)
    # TRANSLATORS: 9 columns wide (a CJK character takes 2)
    head = _("true\\pred") + "".join(f"{j:>{width}d}" for j in range(n))
    rows = [f"{i:>9d}" + "".join(f"{C[i, j]:>{width}d}" for j in range(n)) for i in range(n)]
    return "\n".join([head, *rows])


# -- the model ----------------------------------------------------------------------------
def probabilities(model, X) -> np.ndarray:
    """P[i, k] = the network's probability that image i shows the digit k (softmax output)."""
    check_model("model", model)
    return model.forward(validate.array("X", X, shape=(None, SIDE * SIDE)))


def predict(model, X) -> np.ndarray:
    """The predicted class of every image: the most probable one."""
    return np.argmax(probabilities(model, X), axis=1)


def mean_cross_entropy(P, y) -> float:
    """-(1/n) sum_i log P[i, y_i]: the average cross-entropy of predictions P for labels y."""
    P = validate.array("P", P, ndim=2)
    y = validate.labels("y", y, P.shape[1])
    if P.shape[0] != y.size:
        raise ValueError(_("P has {rows} rows but y has {labels} labels")
                         .format(rows=P.shape[0], labels=y.size))
    if y.size == 0:
        raise ValueError(_("P and y are empty: no examples to average over"))
    return float(-np.mean(np.log(np.maximum(P[np.arange(y.size), y], 1e-12))))


#: the measurements `train` records after every epoch (History.measured keys)
MEASURED = ("train_loss", "val_loss", "train_accuracy", "val_accuracy")


def measure(model, split: Split) -> dict[str, float]:
    """The mean cross-entropy and the accuracy on the training and the validation part
    (never on the test part)."""
    out = {}
    for part, X, y in (("train", split.X_train, split.y_train),
                       ("val", split.X_val, split.y_val)):
        P = probabilities(model, X)
        out[f"{part}_loss"] = mean_cross_entropy(P, y)
        out[f"{part}_accuracy"] = accuracy(y, np.argmax(P, axis=1), N_CLASSES)
    return {k: out[k] for k in MEASURED}


@dataclass
class Trained:
    """A trained model, its training History (the fit's epoch losses, and with `evaluate`
    the per-epoch measurements in `history.measured`), the epoch whose weights were kept
    (the lowest validation loss; the last epoch without `evaluate`) and a status in words."""

    model: MLP
    history: History
    kept_epoch: int
    status: str


def _status(history: History, lr: float, epochs: int, kept: int, evaluate: bool) -> str:
    if history.diverged:
        return history.status
    first, last = history[0], history[-1]
    chance = math.log(N_CLASSES)   # the loss of giving every class probability 1/10
    if not (last < first and last < chance):
        return _("not learning: the training loss went from {first:.4g} to {last:.4g} in "
                 "{epochs} epochs, and guessing 1/{n_classes} for every class scores "
                 "{chance:.4g}; try a smaller learning rate than {lr:g}").format(
                     first=first, last=last, epochs=epochs, n_classes=N_CLASSES,
                     chance=chance, lr=lr)
    text = _("trained {epochs} epochs (lr = {lr:g}): training loss {first:.4g} -> "
             "{last:.4g}").format(epochs=epochs, lr=lr, first=first, last=last)
    if evaluate:
        val = history.measured["val_loss"][kept - 1]
        text += _("; kept epoch {kept}, the lowest validation loss ({val:.4f})").format(
            kept=kept, val=val)
    return text


def train(split: Split | None = None, hidden: int = HIDDEN, activation: str = ACTIVATION,
          lr: float = LR, epochs: int = EPOCHS, batch_size: int = BATCH_SIZE, seed: int = SEED,
          evaluate: bool = True, on_epoch=None) -> Trained:
    """Train a 64-hidden-10 MLP (softmax outputs, cross-entropy) by minibatch gradient descent.

    The course's `MLP.fit` does the work on the training part: each epoch shuffles the
    training images (seeded), cuts them into batches of `batch_size`, and for each batch
    back-propagates the mean cross-entropy and moves every weight by -lr times its gradient.
    With `evaluate`, the loss and accuracy on the training and validation parts are recorded
    after every epoch (`history.measured`, see MEASURED), `on_epoch(epoch, history)` is
    called (live curves), and the weights of the epoch with the lowest validation loss are
    kept. The test part is never looked at.
    """
    split = load_split() if split is None else split
    if not isinstance(split, Split):
        raise TypeError(_("split must be a Split from load_split(), got {type}").format(
            type=type(split).__name__))
    if on_epoch is not None:
        validate.function("on_epoch", on_epoch)
        if not evaluate:
            raise ValueError(_("on_epoch needs evaluate=True (it receives the measurements)"))
    hidden = validate.integer("hidden", hidden, low=1, high=10_000)
    model = MLP([SIDE * SIDE, hidden, N_CLASSES], activation=activation, output="softmax",
                seed=seed)
    measurements = History()
    best = {"loss": math.inf, "epoch": 0, "params": None}

    def after_epoch(epoch, loss, mlp):
        values = measure(mlp, split)
        measurements.record(epoch, **values)
        if values["val_loss"] < best["loss"]:
            best.update(loss=values["val_loss"], epoch=epoch,
                        params=[(W.copy(), b.copy()) for W, b in mlp.params])
        if on_epoch is not None:
            on_epoch(epoch, measurements)

    history = model.fit(split.X_train, split.y_train, lr=lr, epochs=epochs,
                        batch_size=batch_size, callback=after_epoch if evaluate else None)
    history.epochs, history.measured = measurements.epochs, measurements.measured
    kept = len(history)
    if evaluate and best["params"] is not None:
        model.params, kept = best["params"], best["epoch"]
    return Trained(model, history, kept, _status(history, lr, epochs, kept, evaluate))


def split_seed_report(seeds=SPLIT_SEEDS, **settings) -> list[float]:
    """The whole recipe on each split seed: split, train with validation (keep the epoch of
    lowest validation loss), then the test accuracy of that model, measured once. Returns
    the test accuracies in the order of `seeds`; `settings` go to `train`."""
    seeds = [validate.integer("seeds[...]", s, low=0) for s in seeds]
    if not seeds:
        raise ValueError(_("seeds must hold at least one split seed"))
    out = []
    for s in seeds:
        split = load_split(seed=s)
        model = train(split, **settings).model
        out.append(accuracy(split.y_test, predict(model, split.X_test), N_CLASSES))
    return out


def sklearn_twin(hidden: int = HIDDEN, activation: str = ACTIVATION, lr: float = LR,
                 epochs: int = EPOCHS, batch_size: int = BATCH_SIZE, seed: int = SEED):
    """scikit-learn's MLPClassifier set up as the same plain minibatch gradient descent.

    Same hidden layer, activation ("sigmoid" is scikit-learn's "logistic"), learning rate,
    batch size and number of epochs; softmax outputs and the mean cross-entropy, as ours.
    Everything scikit-learn adds is switched off: no momentum, no L2 penalty (alpha = 0), a
    constant learning rate, no early stopping and no stopping on a loss plateau. (It still
    starts from its own random weights and shuffles with its own generator.) Training it
    for exactly `epochs` epochs raises a ConvergenceWarning, which says only that.
    """
    from sklearn.neural_network import MLPClassifier

    hidden = validate.integer("hidden", hidden, low=1)
    epochs = validate.integer("epochs", epochs, low=1)
    sk_activation = {"sigmoid": "logistic"}.get(activation, activation)
    validate.choice("activation", sk_activation, ("logistic", "tanh", "relu", "identity"))
    return MLPClassifier(hidden_layer_sizes=(hidden,), activation=sk_activation, solver="sgd",
                         learning_rate="constant", learning_rate_init=validate.positive("lr", lr),
                         momentum=0.0, nesterovs_momentum=False, alpha=0.0,
                         batch_size=validate.integer("batch_size", batch_size, low=1),
                         max_iter=epochs, shuffle=True, tol=0.0, n_iter_no_change=epochs + 1,
                         early_stopping=False, random_state=validate.integer("seed", seed, low=0))


def fit_sklearn(split: Split, **settings):
    """Train `sklearn_twin(**settings)` on the training part (its ConvergenceWarning, which
    only says that it stopped after the requested number of epochs, is silenced)."""
    import warnings

    from sklearn.exceptions import ConvergenceWarning

    clf = sklearn_twin(**settings)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(split.X_train, split.y_train)
    return clf


@functools.lru_cache(maxsize=1)
def trained_model() -> Trained:
    """The lesson's model with the lesson's settings and split, trained once per process
    (seeded, so every call in every process gives the same weights)."""
    return train()
