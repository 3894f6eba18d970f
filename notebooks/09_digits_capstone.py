# %% [markdown]
# # Lesson 09 (capstone): a network reads handwritten digits
#
# **What you will learn.** The article calls a network a classifier: its input is an image,
# its output a class. In this lesson you do exactly that, on real data, with nothing but
# what the course built: a network with one hidden layer of sigmoid neurons, softmax outputs
# and the cross-entropy loss (交叉熵), trained by minibatch (小批量) gradient descent
# (梯度下降) whose gradients come from the course's own back-propagation (誤差反向傳播).
# You will split 1,797 small scanned digits into a training and a test set, watch the
# loss and the accuracy while the network learns, read a confusion matrix, look at the
# digits it gets wrong and at what its hidden neurons look for, and compare it with
# scikit-learn's `MLPClassifier` set up the same way.
#
# [Course map](00_course_map.ipynb) · previous: [08 Training on many
# examples](08_training_strategies.ipynb) (the minibatch loop used here) · next: [10
# Back-propagation for any network](10_backprop_general.ipynb) (the code that computes this
# lesson's gradients, opened up)

# %%
import time

import numpy as np

from ann_helpers import digits
from ann_helpers.exercises import check
from ann_helpers.exercises.lesson09 import CONFUSION
from ann_helpers.explorers.digits import DigitsExplorer
from ann_helpers.plotting import COLORS, show

# %% [markdown]
# ## 1. The data: 8 x 8 pixels, ten classes
#
# scikit-learn ships a small set of handwritten digits (it is inside the package, nothing is
# downloaded): 1,797 images of 8 x 8 pixels, each pixel a grey level from 0 to 16, each image
# labelled (標籤) with the digit 0-9 it shows. We divide the pixels by 16, so every input lies
# in [0, 1], and flatten each image into one row of 64 numbers: the network's 64 inputs.
#
# One quarter of the images is put aside as a **test set**: the network never trains on them,
# so its accuracy there says how well it handles digits it has not seen. The split is
# *stratified* (every digit keeps its share in both parts) and *seeded* (the same images every
# time).

# %%
split = digits.load_split()
print(f"training images: {split.X_train.shape[0]}, test images: {split.X_test.shape[0]}, "
      f"pixels per image: {split.X_train.shape[1]}")
print("digit        " + "".join(f"{k:>5d}" for k in range(10)))
print("train count  " + "".join(f"{n:>5d}" for n in np.bincount(split.y_train)))
print("test count   " + "".join(f"{n:>5d}" for n in np.bincount(split.y_test)))

# %%
show(digits.image_grid(split.X_train[:30], [f"label {y}" for y in split.y_train[:30]]))

# %% [markdown]
# ## 2. The model: 64 inputs, 32 hidden neurons, 10 outputs
#
# Each hidden neuron (神經元) computes $h_j = g(\sum_i x_i W_{ij} + b_j)$ with the sigmoid
# $g$ of lessons 05-07. The ten output neurons give ten raw scores $z_k$, and the **softmax**
# turns them into probabilities that are positive and sum to 1:
#
# $$\hat y_k = \frac{e^{z_k}}{\sum_{j=0}^{9} e^{z_j}}, \qquad
#   L = -\log \hat y_{\text{true class}} \quad\text{(cross-entropy)}.$$
#
# The cross-entropy is small when the network gives the true class a probability near 1 and
# grows without bound as that probability goes to 0. Its gradient with respect to the scores
# is simply $\hat y - y$ (the predicted probabilities minus the one-hot label), and from
# there back-propagation runs exactly as in lesson 07, with matrices for a whole batch.
#
# Training is the double loop of the course map: for each **epoch**, shuffle the training
# images and cut them into batches of 32; for each batch, compute the mean loss and its
# gradients and take one step $W \leftarrow W - \text{lr}\,\partial L / \partial W$.

# %%
print(f"network        64 -> {digits.HIDDEN} ({digits.ACTIVATION}) -> 10 (softmax)")
print("loss           mean cross-entropy over the batch")
print(f"learning rate  {digits.LR}")
print(f"batch size     {digits.BATCH_SIZE}  ({-(-len(split.y_train) // digits.BATCH_SIZE)} "
      f"steps per epoch)")
print(f"epochs         {digits.EPOCHS}")
print(f"seeds          weights and shuffles {digits.SEED}, test split {digits.SPLIT_SEED}")

# %% [markdown]
# ## 3. Training, live
#
# The next cell trains the network. The bar counts epochs; the picture under it redraws the
# loss and the accuracy, on the training and on the test images, every ten epochs. (Running
# it again trains again from the same seed and gives the same network.)

# %% tags=["nbval-ignore-output"]
ours = digits.train(split, on_epoch=digits.live_display(digits.EPOCHS))

# %% [markdown]
# The run is seeded, so its numbers are the same every time. Here they are every 20 epochs,
# with the finished curves:

# %%
h = ours.history
print("epoch   train loss   test loss   train acc   test acc")
for i in [*range(0, len(h.epoch), 20), len(h.epoch) - 1]:
    print(f"{h.epoch[i]:5d}   {h.train_loss[i]:10.4f}   {h.test_loss[i]:9.4f}   "
          f"{h.train_accuracy[i]:9.2%}   {h.test_accuracy[i]:8.2%}")
predicted = digits.predict(ours.model, split.X_test)
right = int(np.sum(predicted == split.y_test))
print(f"\ntest accuracy: {digits.accuracy(split.y_test, predicted):.2%} "
      f"({right} of {len(split.y_test)} test images right)")
show(digits.curves_figure(h))

# %% [markdown]
# The training loss keeps falling while the test loss levels off: after a few dozen epochs the
# network mostly memorises details of its training images. The test accuracy is the number
# that counts, because those images played no part in training. The few sudden spikes are
# single steps that overshoot: with one batch of 32 images the gradient is only an estimate,
# and a learning rate of 0.5 sometimes jumps too far, as in the lessons on the learning rate
# (學習率). The next steps bring the loss back down.
#
# ## 4. Which digits does it confuse?
#
# The **confusion matrix** counts, for every true class (row), how often each class was
# predicted (column). The diagonal holds the right answers; everything off the diagonal is a
# mistake, and its position says which digit was taken for which.

# %%
C = digits.confusion_matrix(split.y_test, predicted)
print(digits.confusion_text(C))
mistakes = [(C[i, j], i, j) for i in range(10) for j in range(10) if i != j and C[i, j]]
print("\nmistakes, most frequent first:")
for count, i, j in sorted(mistakes, key=lambda m: (-m[0], m[1], m[2])):
    print(f"  a {i} read as {j}: {count} time(s)")
show(digits.confusion_figure(C))

# %% [markdown]
# Every misclassified test image, with what the network said and what the label says. Many of
# them are hard for a human too, at 8 x 8 pixels.

# %%
wrong = np.flatnonzero(predicted != split.y_test)
print(f"{len(wrong)} misclassified test images, at positions {wrong.tolist()}")
show(digits.image_grid(split.X_test[wrong],
                       [f"pred {predicted[i]}\ntrue {split.y_test[i]}" for i in wrong],
                       colors=[COLORS["path"]] * len(wrong)))

# %% [markdown]
# ## 5. What the hidden neurons look for
#
# The first layer's weight matrix $W$ has shape (64, 32): column $j$ holds the 64 weights from
# every pixel into hidden neuron $h_j$. Shown as an 8 x 8 image (each scaled to its own
# largest weight), red pixels push the neuron up, blue ones push it down and white ones do not
# matter: each picture is the pattern of ink that neuron responds to. Few look like whole
# digits; the output layer combines them.

# %%
W1, b1 = ours.model.params[0]
print(f"first-layer weights W: shape {W1.shape}, from {W1.min():.3f} to {W1.max():.3f}")
show(digits.weights_figure(W1))

# %% [markdown]
# ## 6. Side by side with scikit-learn
#
# scikit-learn's `MLPClassifier` is what one would use instead of the course's code. Set up
# as the same plain minibatch gradient descent (same hidden layer and activation, learning
# rate, batch size and epochs; its momentum, L2 penalty and early stopping switched off), on
# the same split, it lands at about the same accuracy. It starts from its own random weights,
# so the two networks are not identical.

# %%
start = time.perf_counter()
clf = digits.fit_sklearn(split)
sklearn_seconds = time.perf_counter() - start
sk_predicted = clf.predict(split.X_test)
print(f"{clf.__class__.__name__}(hidden_layer_sizes={clf.hidden_layer_sizes}, "
      f"activation={clf.activation!r}, solver={clf.solver!r}, "
      f"learning_rate_init={clf.learning_rate_init}, batch_size={clf.batch_size}, "
      f"momentum={clf.momentum}, alpha={clf.alpha}), {clf.n_iter_} epochs")
print(f"scikit-learn test accuracy: {digits.accuracy(split.y_test, sk_predicted):.2%}")
print(f"ann_helpers  test accuracy: {digits.accuracy(split.y_test, predicted):.2%}")
print(f"test images on which the two disagree: {int(np.sum(sk_predicted != predicted))}")

# %% [markdown]
# How long did each take? Wall-clock time depends on the machine and on what else it is
# doing, so this cell is not checked (its numbers change from run to run). The course's
# network is timed without the live display, on the same epochs.

# %% tags=["nbval-ignore-output"]
# timing (varies from run to run: not checked)
start = time.perf_counter()
digits.train(split, evaluate=False)
ours_seconds = time.perf_counter() - start
print(f"ann_helpers  {1e3 * ours_seconds / digits.EPOCHS:6.2f} ms per epoch")
print(f"scikit-learn {1e3 * sklearn_seconds / digits.EPOCHS:6.2f} ms per epoch")
print(f"ratio        {ours_seconds / sklearn_seconds:6.2f}")

# %% [markdown]
# ## 7. How much does the test set matter?
#
# 450 test images is not many: one image is 0.22 percentage points. Holding out a different
# random quarter (another split seed), with everything else unchanged, moves the accuracy by
# about a point, in both directions. A fair report gives the spread, not only the best run.

# %%
print("split seed   test accuracy")
for seed in range(5):
    other = digits.load_split(seed=seed)
    model = digits.train(other, evaluate=False).model
    acc = digits.accuracy(other.y_test, digits.predict(model, other.X_test))
    print(f"{seed:10d}   {acc:13.2%}" + ("   <- the split used above" if
                                          seed == digits.SPLIT_SEED else ""))

# %% [markdown]
# ## 8. Explore: what does the network think?
#
# Pick a test image with the slider: the bar chart shows the ten class probabilities. Green is
# the true class, red the predicted class when it is wrong. The explorer starts on the first
# misclassified image; try the others listed above, and see how sure the network is on the
# images it gets right.

# %%
explorer = DigitsExplorer(index=int(wrong[0]))
print(explorer.status)
explorer.snapshot()

# %% tags=["nbval-ignore-output"]
explorer.ui

# %% [markdown]
# ## Exercises
#
# Type an answer in place of `None`, or write the function the exercise asks for, and run the
# cell: the checker says *right* or *not yet* with a hint (a second try gets a more specific
# hint). The worked solution sits in the collapsed cell under each exercise.
#
# **Exercise 1.** How many numbers (weights and biases) does the 64-32-10 network learn?
# (a whole number)

# %%
answer = None   # replace None with your answer
check("09.1", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): layer 1 has a 64 x 32 weight matrix and 32 biases,
# layer 2 a 32 x 10 matrix and 10 biases.
check("09.1", 64 * 32 + 32 + 32 * 10 + 10)

# %% [markdown]
# **Exercise 2.** A test image of a 7 gets probability 0.8 for class 7. What is its
# cross-entropy loss (natural logarithm)? (to 3 decimals)

# %%
answer = None   # replace None with your answer
check("09.2", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): the label is one-hot, so of -sum_k y_k log y_hat_k only
# the true class's term is left: L = -log 0.8.
check("09.2", -np.log(0.8))

# %% [markdown]
# **Exercise 3.** A network for three classes has this confusion matrix (rows: true class,
# columns: predicted). What fraction of the examples did it classify right? (to 3 decimals)

# %%
print(digits.confusion_text(CONFUSION))
answer = None   # replace None with your answer
check("09.3", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): the right answers are on the diagonal; divide by the
# number of examples, the sum of all entries.
check("09.3", np.trace(CONFUSION) / CONFUSION.sum())

# %% [markdown]
# **Exercise 4 (code).** Accuracy and the confusion matrix, from scratch. Write
# `evaluate(y_true, y_pred, n_classes)`: from the true and the predicted class of every
# example (two integer arrays), return the accuracy (the fraction right) and the confusion
# matrix `C`, where `C[i, j]` counts the examples of true class `i` predicted as `j`:
# `return accuracy, C`. The checker compares with the course's `digits.accuracy` and
# `digits.confusion_matrix` on five cases, among them a class that never occurs.

# %%
def evaluate(y_true, y_pred, n_classes):
    # your code here: return accuracy, C
    raise NotImplementedError


check("09.4", evaluate)


# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): compare the arrays element by element for the accuracy;
# count every (true, predicted) pair for the matrix.
def evaluate(y_true, y_pred, n_classes):
    accuracy = np.mean(np.asarray(y_true) == np.asarray(y_pred))
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred, strict=True):
        C[t, p] += 1
    return accuracy, C


check("09.4", evaluate)
