# %% [markdown]
# # Lesson 09 (capstone): a network reads handwritten digits
#
# **What you will learn.** The article calls a network a classifier: its input is an image,
# its output a class. In this lesson you do exactly that, on real data, with nothing but
# what the course built: a network with one hidden layer of sigmoid neurons, softmax outputs
# and the cross-entropy loss (交叉熵), trained by minibatch (小批量) gradient descent
# (梯度下降) whose gradients come from the course's own back-propagation (誤差反向傳播).
# You will split 1,797 small scanned digits into a training, a validation and a test set,
# watch the loss and the accuracy while the network learns, read a confusion matrix, look at
# the digits it gets wrong and at what its hidden neurons look for, compare it with
# scikit-learn's `MLPClassifier` set up the same way, and see how much the result depends on
# which images happened to land in the test set.
#
# [Course map](00_course_map.ipynb) · previous: [08 Training on many
# examples](08_training_strategies.ipynb) (the minibatch loop used here) · next: [10
# Back-propagation for any network](10_backprop_general.ipynb) (the code that computes this
# lesson's gradients, opened up)
#
# **繁體中文:** This lesson in Traditional Chinese: [繁體中文版](zh-Hant/09_digits_capstone.ipynb)

# %% jupyter={"source_hidden": true}
# Setup. On Google Colab, which does not have this course's package, the next lines install it
# from the course's repository (Colab's own numpy, matplotlib and ipywidgets are kept); anywhere
# else they do nothing. Then the helpers are told which language to speak.
import sys

if "google.colab" in sys.modules:
    import subprocess

    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                    "ann_helpers @ git+https://github.com/ann-math-course/ann-math-course"],
                   check=True)

import ann_helpers

ann_helpers.set_language("en")

# %%
import numpy as np

from ann_helpers import digits
from ann_helpers.exercises import check
from ann_helpers.exercises.lesson09 import CONFUSION
from ann_helpers.explorers.digits import (
    DigitsExplorer,
    confusion_figure,
    image_grid,
    live_display,
    weights_figure,
)
from ann_helpers.losses import accuracy
from ann_helpers.plotting import COLORS, show

# %% [markdown]
# ## 1. The data: 8 x 8 pixels, ten classes, three parts
#
# scikit-learn ships a small set of handwritten digits (it is inside the package, nothing is
# downloaded): 1,797 images of 8 x 8 pixels, each pixel a grey level from 0 to 16, each image
# labelled (標籤) with the digit 0-9 it shows. We divide the pixels by 16, so every input lies
# in [0, 1], and flatten each image into one row of 64 numbers: the network's 64 inputs.
#
# The images are split three ways, and each part has one job:
#
# - the **test set** (a quarter of the images) is put aside first and looked at **once**, at
#   the very end: its accuracy says how well the finished network handles digits it has never
#   seen, because nothing about the network was decided by looking at it;
# - the **validation set** (a fifth of the rest) is what we watch during training, and what
#   we use for the one choice this lesson makes: after which epoch to keep the weights;
# - the **training set** (the remaining images) is all the network learns from.
#
# If we chose anything by looking at the test accuracy, the test set would quietly become a
# second validation set and its accuracy would flatter the network. Every split is
# *stratified* (every digit keeps its share in each part) and *seeded* (the same images every
# time).

# %%
split = digits.load_split()
print(f"training images: {len(split.y_train)}, validation images: {len(split.y_val)}, "
      f"test images: {len(split.y_test)}, pixels per image: {split.X_train.shape[1]}")
print("digit             " + "".join(f"{k:>5d}" for k in range(10)))
print("training count    " + "".join(f"{n:>5d}" for n in np.bincount(split.y_train)))
print("validation count  " + "".join(f"{n:>5d}" for n in np.bincount(split.y_val)))
print("test count        " + "".join(f"{n:>5d}" for n in np.bincount(split.y_test)))

# %%
show(image_grid(split.X_train[:30], [f"label {y}" for y in split.y_train[:30]]))

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
print(f"seeds          weights and shuffles {digits.SEED}, split {digits.SPLIT_SEED}")

# %% [markdown]
# ## 3. Training, live
#
# The next cell trains the network. The picture under it redraws the loss and the accuracy,
# on the training and on the validation images, every ten epochs ("epoch k of 100" above it
# counts the progress). After every epoch the weights with the lowest validation loss so far
# are remembered; at the end the network keeps those. (Running the cell again trains again
# from the same seed and gives the same network.)

# %%
ours = digits.train(split, on_epoch=live_display(digits.EPOCHS))
print(ours.status)

# %% [markdown]
# The run is seeded, so its numbers are the same every time. Here they are every 20 epochs:

# %%
m = ours.history.measured
print("epoch   train loss   val loss   train acc   val acc")
for i in [0, *range(19, len(ours.history.epochs), 20)]:
    print(f"{ours.history.epochs[i]:5d}   {m['train_loss'][i]:10.4f}   {m['val_loss'][i]:8.4f}   "
          f"{m['train_accuracy'][i]:9.2%}   {m['val_accuracy'][i]:7.2%}")
print(f"\nkept: the weights after epoch {ours.kept_epoch} "
      f"(validation loss {m['val_loss'][ours.kept_epoch - 1]:.4f}, "
      f"validation accuracy {m['val_accuracy'][ours.kept_epoch - 1]:.2%})")

# %% [markdown]
# Both losses fall fast in the first 20 epochs. After that the training loss keeps falling
# (to less than a fifth of its epoch-20 value by epoch 100) while the validation loss hardly moves
# (0.19 at epoch 40, 0.18 at epoch 100): the network is now mostly fitting details of its
# training images that do not carry over to new ones, and the training accuracy near 100 %
# says more about memory than about reading digits. The validation numbers are the honest
# ones during training, because those images played no part in the updates.
#
# ## 4. The test set, once
#
# Now, and only now, the kept network meets the test images. Everything below (the
# confusion matrix, the mistakes, the comparison) uses these predictions.

# %%
predicted = digits.predict(ours.model, split.X_test)
right = int(np.sum(predicted == split.y_test))
print(f"test accuracy: {accuracy(split.y_test, predicted):.2%} "
      f"({right} of {len(split.y_test)} test images right)")

# %% [markdown]
# The test accuracy is higher than the validation accuracy above. Both parts are small (269
# and 450 images), and which images land in which part moves these numbers by about a
# point; section 8 measures how much.
#
# ## 5. Which digits does it confuse?
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
show(confusion_figure(C))

# %% [markdown]
# Every misclassified test image, with what the network said and what the label says (the
# cross in the corner marks a wrong answer). Many of them are hard for a human too, at 8 x 8
# pixels.

# %%
wrong = np.flatnonzero(predicted != split.y_test)
print(f"{len(wrong)} misclassified test images, at positions {wrong.tolist()}")
show(image_grid(split.X_test[wrong],
                [f"pred {predicted[i]}\ntrue {split.y_test[i]}" for i in wrong],
                colors=[COLORS["wrong"]] * len(wrong), marks=["wrong"] * len(wrong)))

# %% [markdown]
# ## 6. What the hidden neurons look for
#
# The first layer's weight matrix $W$ has shape (64, 32): column $j$ holds the 64 weights from
# every pixel into hidden neuron $h_j$. Shown as an 8 x 8 image (each scaled to its own
# largest weight), red pixels push the neuron up, blue ones push it down and white ones do not
# matter: each picture is the pattern of ink that neuron responds to. Few look like whole
# digits; the output layer combines them.

# %%
W1, b1 = ours.model.params[0]
print(f"first-layer weights W: shape {W1.shape}, from {W1.min():.2f} to {W1.max():.2f}")
show(weights_figure(W1))

# %% [markdown]
# ## 7. Side by side with scikit-learn
#
# scikit-learn's `MLPClassifier` is what one would use instead of the course's code. Set up
# as the same plain minibatch gradient descent (same hidden layer and activation, learning
# rate, batch size and epochs; its momentum, L2 penalty and early stopping switched off), and
# trained on the same training images, it lands at about the same test accuracy. It starts
# from its own random weights and keeps the weights of its last epoch (no validation choice),
# so the two networks are not identical.
#
# How fast is each? Wall-clock times depend on the machine and on what else it is doing, so
# the lesson does not print them (its outputs are checked, and must be the same everywhere).
# `make bench` measures them, several times in one run; the README's performance table gives
# the course's MLP at 0.35 times scikit-learn's time per epoch on the machine it was measured
# on.

# %%
clf = digits.fit_sklearn(split)
sk_predicted = clf.predict(split.X_test)
print(f"{clf.__class__.__name__}(hidden_layer_sizes={clf.hidden_layer_sizes}, "
      f"activation={clf.activation!r}, solver={clf.solver!r}, "
      f"learning_rate_init={clf.learning_rate_init}, batch_size={clf.batch_size}, "
      f"momentum={clf.momentum}, alpha={clf.alpha}), {clf.n_iter_} epochs")
print(f"scikit-learn test accuracy: {accuracy(split.y_test, sk_predicted):.2%}")
print(f"ann_helpers  test accuracy: {accuracy(split.y_test, predicted):.2%}")
print(f"test images on which the two disagree: {int(np.sum(sk_predicted != predicted))}")

# %% [markdown]
# ## 8. How much does the split matter?
#
# 450 test images is not many: one image is 0.22 percentage points. So one split gives one
# number, not *the* accuracy of the recipe. To report the recipe honestly, run all of it
# (split, train, choose the epoch on validation, test once) on ten different split seeds and
# give the mean and the spread (the standard deviation across the ten).

# %%
accuracies = digits.split_seed_report(digits.SPLIT_SEEDS)
print("split seed   test accuracy")
for seed, acc in zip(digits.SPLIT_SEEDS, accuracies, strict=True):
    print(f"{seed:10d}   {acc:13.2%}" + ("   <- the split used above" if
                                          seed == digits.SPLIT_SEED else ""))
mean, spread = 100 * np.mean(accuracies), 100 * np.std(accuracies, ddof=1)
print(f"\nover {len(accuracies)} split seeds: {mean:.1f} ± {spread:.1f} % test accuracy "
      f"(mean ± standard deviation)")

# %% [markdown]
# The split used above (97.33 %) is a little above the mean. The honest summary of this
# lesson's network is the last line: about 97 %, give or take most of a point depending on
# which images it is tested on.
#
# ## 9. Explore: what does the network think?
#
# Pick a test image with the slider: the bar chart shows the ten class probabilities. The
# true class is blue with a dot above its bar; when the prediction is wrong, the predicted
# class is vermillion with a cross above it. The explorer starts on the first misclassified
# image; try the others listed above, and see how sure the network is on the images it gets
# right.

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

# %% [markdown]
# **Exercise 5 (predict, then move the slider).** Test image 125 is the second picture in
# the grid of misclassified images in section 5 (its title says what the network read and what
# the label is). Before you move the explorer's slider to 125: which digit will the status
# name as the runner-up, the class with the second-highest probability? (a whole number)
# Check here, then move the slider and read the status line and the bars.

# %%
answer = None   # replace None with a digit
check("09.5", answer)

# %% jupyter={"source_hidden": true}
# Worked solution (click to expand): on most of its mistakes the network is torn between two
# digits, and the other one is the label: on image 125 the label gets a clear second place,
# far above the eight other digits. The runner-up is the second-tallest bar.
p = digits.probabilities(ours.model, split.X_test)[125]
print(f"test image 125: label {split.y_test[125]}, predicted {np.argmax(p)} "
      f"(p = {np.max(p):.2f}), runner-up {np.argsort(p)[-2]} (p = {np.sort(p)[-2]:.2f})")
check("09.5", np.argsort(p)[-2])
