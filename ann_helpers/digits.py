"""Lesson 09: a network reads real handwritten digits.

The data are scikit-learn's bundled 8 x 8 digits: 1,797 grey-level images (pixel values 0..16)
of the digits 0-9, shipped inside the package, so nothing is downloaded. A network is a
classifier: its input is an image (64 pixels), its output one probability per class, and the
predicted class is the most probable one.

    load_split(test_fraction, seed)   -> X_train, X_test, y_train, y_test  (stratified, seeded)
    one_hot(y)                        -> Y with Y[i, y_i] = 1, the targets of cross-entropy
    accuracy(y_true, y_pred)          -> the fraction predicted right
    confusion_matrix(y_true, y_pred)  -> C[i, j] = how many images of class i were predicted j
    train(...)                        -> an MLP trained by minibatch gradient descent, and its
                                         per-epoch loss and accuracy on train and test
    trained_model()                   -> the lesson's model, trained once and then cached

The drawing helpers at the end (an image grid, the confusion matrix, live training curves)
keep the plotting plumbing out of the notebook.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from . import plotting, validate

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
SPLIT_SEED = 1  # which images are held out for the test
TEST_FRACTION = 0.25


# -- the data -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Split:
    """A train / test split: X rows are images flattened to 64 pixels scaled to [0, 1]."""

    X_train: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray

    def __iter__(self):
        return iter((self.X_train, self.X_test, self.y_train, self.y_test))


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
    """Train and test row indices such that every class keeps its share in both parts.

    For each class c with n_c examples, round(test_fraction * n_c) of them, drawn at random
    with `np.random.default_rng(seed)`, go to the test part; the rest go to training.
    Both index arrays come back sorted.
    """
    y = np.asarray(y)
    if y.ndim != 1 or y.size == 0 or not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"y must be a non-empty 1-D array of integer labels, got {y!r:.60}")
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


def load_split(test_fraction: float = TEST_FRACTION, seed: int = SPLIT_SEED) -> Split:
    """The digits, pixels scaled to [0, 1], split into train and test (stratified, seeded)."""
    X, y = _raw_digits()
    train_idx, test_idx = stratified_indices(y, test_fraction, seed)
    return Split(X[train_idx], X[test_idx], y[train_idx], y[test_idx])


def one_hot(y, n_classes: int = N_CLASSES) -> np.ndarray:
    """Y[i, k] = 1 if y[i] == k else 0: the label as a probability distribution."""
    n_classes = validate.integer("n_classes", n_classes, low=2)
    y = _labels("y", y, n_classes)
    Y = np.zeros((y.size, n_classes))
    Y[np.arange(y.size), y] = 1.0
    return Y


def _labels(name: str, y, n_classes: int = N_CLASSES) -> np.ndarray:
    arr = np.asarray(y)
    if arr.ndim != 1 or not (np.issubdtype(arr.dtype, np.integer) or arr.size == 0):
        raise ValueError(f"{name} must be a 1-D array of integer class labels, "
                         f"got shape {arr.shape} and dtype {arr.dtype}")
    if arr.size and (arr.min() < 0 or arr.max() >= n_classes):
        raise ValueError(f"{name} must hold labels in [0, {n_classes - 1}], "
                         f"got values from {arr.min()} to {arr.max()}")
    return arr.astype(int)


def _pair(y_true, y_pred, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    y_true = _labels("y_true", y_true, n_classes)
    y_pred = _labels("y_pred", y_pred, n_classes)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred must have the same length, "
                         f"got {y_true.size} and {y_pred.size}")
    if y_true.size == 0:
        raise ValueError("y_true and y_pred are empty: nothing to compare")
    return y_true, y_pred


def accuracy(y_true, y_pred, n_classes: int = N_CLASSES) -> float:
    """The fraction of examples whose predicted class equals the true class."""
    y_true, y_pred = _pair(y_true, y_pred, n_classes)
    return float(np.mean(y_true == y_pred))


def confusion_matrix(y_true, y_pred, n_classes: int = N_CLASSES) -> np.ndarray:
    """C[i, j] = the number of examples of true class i that were predicted as class j.

    The diagonal counts the right answers; row i sums to the number of examples of class i.
    """
    y_true, y_pred = _pair(y_true, y_pred, n_classes)
    C = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(C, (y_true, y_pred), 1)
    return C


def confusion_text(C) -> str:
    """The confusion matrix as an aligned text table (rows: true class, columns: predicted)."""
    C = np.asarray(C)
    if C.ndim != 2 or C.shape[0] != C.shape[1] or not np.issubdtype(C.dtype, np.integer):
        raise ValueError(f"C must be a square matrix of integer counts, got shape {C.shape}")
    n = C.shape[0]
    width = max(3, len(str(C.max())) + 1)
    head = "true\\pred" + "".join(f"{j:>{width}d}" for j in range(n))
    rows = [f"{i:>9d}" + "".join(f"{C[i, j]:>{width}d}" for j in range(n)) for i in range(n)]
    return "\n".join([head, *rows])


# -- the model ----------------------------------------------------------------------------
def probabilities(model, X) -> np.ndarray:
    """P[i, k] = the network's probability that image i shows the digit k (softmax output)."""
    return model.forward(validate.array("X", X, shape=(None, SIDE * SIDE)))


def predict(model, X) -> np.ndarray:
    """The predicted class of every image: the most probable one."""
    return np.argmax(probabilities(model, X), axis=1)


def mean_cross_entropy(P, y) -> float:
    """-(1/n) sum_i log P[i, y_i]: the average cross-entropy of predictions P for labels y."""
    P = validate.array("P", P, ndim=2)
    y = _labels("y", y, P.shape[1])
    if P.shape[0] != y.size:
        raise ValueError(f"P has {P.shape[0]} rows but y has {y.size} labels")
    return float(-np.mean(np.log(np.maximum(P[np.arange(y.size), y], 1e-12))))


@dataclass
class History:
    """Per-epoch measurements of a training run (one entry per finished epoch)."""

    epoch: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    test_loss: list[float] = field(default_factory=list)
    train_accuracy: list[float] = field(default_factory=list)
    test_accuracy: list[float] = field(default_factory=list)

    def record(self, epoch: int, model, split: Split) -> None:
        """Measure the model on both parts of the split after `epoch` epochs."""
        for X, y, loss, acc in ((split.X_train, split.y_train, self.train_loss,
                                 self.train_accuracy),
                                (split.X_test, split.y_test, self.test_loss,
                                 self.test_accuracy)):
            P = probabilities(model, X)
            loss.append(mean_cross_entropy(P, y))
            acc.append(accuracy(y, np.argmax(P, axis=1)))
        self.epoch.append(epoch)


@dataclass
class Trained:
    """A trained model, the history of its training run, and the fit's loss history."""

    model: object
    history: History
    fit_history: list


def train(split: Split | None = None, hidden: int = HIDDEN, activation: str = ACTIVATION,
          lr: float = LR, epochs: int = EPOCHS, batch_size: int = BATCH_SIZE, seed: int = SEED,
          evaluate: bool = True, on_epoch=None) -> Trained:
    """Train a 64-hidden-10 MLP (softmax outputs, cross-entropy) by minibatch gradient descent.

    The course's `MLP.fit` does the work: each epoch shuffles the training images (seeded),
    cuts them into batches of `batch_size`, and for each batch back-propagates the mean
    cross-entropy and moves every weight by -lr times its gradient.
    With `evaluate`, the loss and accuracy on train and test are recorded after every epoch;
    `on_epoch(epoch, history)` is then called (a progress bar, live curves).
    """
    from .network import MLP

    split = load_split() if split is None else split
    if not isinstance(split, Split):
        raise TypeError(f"split must be a Split from load_split(), got {type(split).__name__}")
    if on_epoch is not None:
        validate.function("on_epoch", on_epoch)
        if not evaluate:
            raise ValueError("on_epoch needs evaluate=True (it receives the history)")
    hidden = validate.integer("hidden", hidden, low=1)
    model = MLP([SIDE * SIDE, hidden, N_CLASSES], activation=activation, output="softmax",
                seed=seed)
    history = History()

    def after_epoch(epoch, loss, mlp):
        history.record(epoch, mlp, split)
        if on_epoch is not None:
            on_epoch(epoch, history)

    fit_history = model.fit(split.X_train, split.y_train, lr=lr, epochs=epochs,
                            batch_size=batch_size, callback=after_epoch if evaluate else None)
    return Trained(model, history, fit_history)


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
    """The lesson's model with the lesson's settings, trained once per process (seeded, so
    every call in every process gives the same weights)."""
    return train(evaluate=False)


# -- pictures -----------------------------------------------------------------------------
def _bare(ax) -> None:
    """No ticks, no grid, a thin grey frame: for small images."""
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color(plotting.COLORS["muted"])


def draw_digit(ax, pixels, title: str | None = None, color: str = "black"):
    """One 8 x 8 image (64 pixels in [0, 1], dark = ink) on `ax`, without ticks."""
    im = ax.imshow(np.reshape(pixels, (SIDE, SIDE)), cmap="gray_r", vmin=0.0, vmax=1.0,
                   interpolation="nearest")
    _bare(ax)
    if title is not None:
        ax.set_title(title, fontsize=9, color=color, pad=2)
    return im


def image_grid(images, titles, ncols: int = 10, colors=None, cell: float = 0.8):
    """A grid of 8 x 8 images with a title over each; returns the Figure."""
    images = validate.array("images", images, ndim=2)
    if images.shape[1] != SIDE * SIDE:
        raise ValueError(f"images must have {SIDE * SIDE} pixels per row, got {images.shape[1]}")
    if len(titles) != len(images):
        raise ValueError(f"need one title per image: {len(images)} images, {len(titles)} titles")
    if len(images) == 0:
        raise ValueError("images is empty: nothing to draw")
    ncols = validate.integer("ncols", ncols, low=1)
    ncols = min(ncols, len(images))
    nrows = -(-len(images) // ncols)
    colors = colors or ["black"] * len(images)
    fig, axes = plotting.new_figure(ncols, nrows, size=(cell * ncols, (cell + 0.25) * nrows))
    axes = np.atleast_1d(axes).ravel()
    for ax, img, title, color in zip(axes[:len(images)], images, titles, colors, strict=True):
        draw_digit(ax, img, title, color)
    for ax in axes[len(images):]:
        ax.set_visible(False)
    return fig


def confusion_figure(C):
    """The confusion matrix as a picture: counts in the cells, the diagonal is right."""
    C = np.asarray(C)
    confusion_text(C)  # validates
    fig, ax = plotting.new_figure(size=(4.6, 4.0))
    ax.imshow(np.log1p(C), cmap="Blues")
    n = C.shape[0]
    for i in range(n):
        for j in range(n):
            if C[i, j]:
                ax.text(j, i, str(C[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if C[i, j] > C.max() / 2 else "black")
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    ax.grid(False)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.set_title("confusion matrix (test images)")
    return fig


def weights_figure(W, ncols: int = 8):
    """Each hidden neuron's 64 incoming weights as an 8 x 8 image (red +, blue -, white 0),
    each image scaled to its own largest |weight| so that its pattern shows."""
    W = validate.array("W", W, ndim=2)
    if W.shape[0] != SIDE * SIDE:
        raise ValueError(f"W must have {SIDE * SIDE} rows (one per pixel), got {W.shape[0]}")
    ncols = validate.integer("ncols", ncols, low=1)
    n = W.shape[1]
    nrows = -(-n // ncols)
    fig, axes = plotting.new_figure(ncols, nrows, size=(0.8 * ncols, 0.85 * nrows))
    axes = np.atleast_1d(axes).ravel()
    for k, ax in enumerate(axes):
        _bare(ax)
        if k < n:
            vmax = float(np.max(np.abs(W[:, k]))) or 1.0
            ax.imshow(W[:, k].reshape(SIDE, SIDE), cmap="RdBu_r", vmin=-vmax, vmax=vmax,
                      interpolation="nearest")
            ax.set_title(f"h{k + 1}", fontsize=8, pad=1)
        else:
            ax.set_visible(False)
    return fig


LOSS_AXIS = (0.005, 5.0)  # the loss axis of the training curves (log scale)


class LiveCurves:
    """Loss and accuracy per epoch, train and test, on one figure that is redrawn in place.

    The loss is drawn on a log scale (a gap between train and test stays visible as both
    get small); the accuracy axis shows 80-100 %, so the first epochs start below it.
    """

    def __init__(self, epochs: int):
        epochs = validate.integer("epochs", epochs, low=1)
        self.fig, (self.ax_loss, self.ax_acc) = plotting.new_figure(2, size=(8.0, 3.0))
        self.lines = {}
        for ax, key, label in ((self.ax_loss, "loss", "cross-entropy (mean, log scale)"),
                               (self.ax_acc, "accuracy", "accuracy (80-100 %)")):
            for part, color in (("train", plotting.COLORS["curve"]),
                                ("test", plotting.COLORS["path"])):
                (self.lines[part, key],) = ax.plot([], [], color=color, label=part)
            ax.set_xlim(0, epochs)
            ax.set_xlabel("epoch")
            ax.set_title(label)
            ax.legend(loc="upper right" if key == "loss" else "lower right")
        self.ax_loss.set_yscale("log")
        self.ax_loss.set_ylim(LOSS_AXIS)
        self.ax_acc.set_ylim(0.8, 1.0)
        # lay out once, then keep that layout: redraws during training stay cheap
        self.fig.canvas.draw()
        self.fig.set_layout_engine(None)

    def update(self, history: History) -> None:
        """Move the four curves to the epochs measured so far."""
        e = history.epoch
        self.lines["train", "loss"].set_data(e, history.train_loss)
        self.lines["test", "loss"].set_data(e, history.test_loss)
        self.lines["train", "accuracy"].set_data(e, history.train_accuracy)
        self.lines["test", "accuracy"].set_data(e, history.test_accuracy)


def curves_figure(history: History, epochs: int | None = None):
    """The finished training run: loss and accuracy per epoch, train and test."""
    curves = LiveCurves(epochs or max(history.epoch, default=1))
    curves.update(history)
    return curves.fig


def live_display(epochs: int, every: int = 10):
    """A progress bar and live curves for `train(on_epoch=...)`; returns that callback.

    The bar is `tqdm.auto`'s: a widget in JupyterLab, text in a terminal. The curves are a
    picture in the notebook, redrawn in place every `every` epochs (and after the last one);
    outside IPython (a plain script) there is no picture, only the bar.
    """
    from IPython.display import Image, display
    from tqdm.auto import tqdm

    epochs = validate.integer("epochs", epochs, low=1)
    every = validate.integer("every", every, low=1)
    curves = LiveCurves(epochs)
    bar = tqdm(total=epochs, desc="training", unit="epoch")
    view = display(Image(plotting.png(curves.fig, fast=True)), display_id=True)

    def on_epoch(epoch: int, history: History) -> None:
        bar.update(1)
        bar.set_postfix(loss=f"{history.train_loss[-1]:.3f}",
                        test_acc=f"{history.test_accuracy[-1]:.3f}", refresh=False)
        if view is not None and (epoch % every == 0 or epoch == epochs):
            curves.update(history)
            view.update(Image(plotting.png(curves.fig, fast=True)))
        if epoch == epochs:
            bar.close()

    return on_epoch
