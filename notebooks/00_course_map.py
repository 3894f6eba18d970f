# %% [markdown]
# # The mathematics behind artificial neural networks: course map
#
# This course takes apart one question: **how does a neural network learn?** The answer turns
# out to be a single idea from calculus, used over and over: find the lowest point of a
# function by walking downhill along its gradient (梯度). The lessons build that idea from
# school mathematics, one short notebook at a time. Each notebook mixes a few paragraphs of
# explanation, small computations you can check by hand, and *explorers*: pictures with
# sliders, so you can change the learning rate (學習率) or the start point and watch what
# happens, including what goes wrong.
#
# The course follows an article on the mathematics of artificial neural networks
# (人工神經網絡, ANN) section by section, trains a real handwritten-digit classifier with the
# code you met along the way, and then opens that code up: back-propagation for any network
# and a small autograd engine you build yourself.
#
# **On this page:** the training loop in one picture, the list of lessons, a glossary, how to
# use the sliders and how to run the course. Start the first lesson here:
# [01 Classical extrema](01_classical_extrema.ipynb).
#
# **繁體中文:** The whole course in Traditional Chinese (Taiwan usage), with the same code,
# numbers and pictures: [繁體中文版課程地圖](zh-Hant/00_course_map.ipynb)

# %% [markdown]
# ## The big picture: training a network is a double loop
#
# Training a feed-forward network (information flows from the inputs to the outputs, never
# back) comes down to six steps:
#
# 1. **Define the network.** It is one large function $\hat y = F(x; w)$ of the input $x$
#    whose parameters $w$ (weights and biases) are still unknown.
# 2. **Define the loss function (損失函數)** $L(w)$: put a training example (訓練樣例) into
#    the network and compare its output $\hat y$ with the example's label (標籤) $y$. The
#    example is fixed, so the loss is a function of the parameters.
# 3. **Feed data:** one example at a time (stochastic gradient descent, 隨機梯度下降, SGD)
#    or a small batch of them (a minibatch, 小批量).
# 4. **Forward pass:** compute the output and the loss.
# 5. **Backward pass:** compute the gradient of the loss, from the last layer back to the
#    first. Reusing the partial results on the way back is error back-propagation
#    (誤差反向傳播, BP).
# 6. **Gradient descent step (梯度下降):** move every parameter a little against its
#    gradient, $w \leftarrow w - \text{lr} \cdot \nabla L(w)$.
#
# Steps 3 to 6 repeat: once for every example (or minibatch), and that whole pass again for
# every epoch.

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
from ann_helpers.diagrams import training_loop_figure
from ann_helpers.plotting import show

show(training_loop_figure())

# %% [markdown]
# The same loop as pseudo-code (lesson 08 writes it in real code):
#
# ```
# w = random small numbers                       # steps 1-2 fix F(x; w) and L(w)
# for epoch in range(number_of_epochs):          # outer loop: passes over the data
#     for batch in shuffled(training_examples):  # inner loop: one example (SGD) or a minibatch
#         y_hat = F(batch.x, w)                  # forward pass
#         loss = L(y_hat, batch.y)               # how wrong are we?
#         grad = backprop(loss, w)               # backward pass: dL/dw, back to front
#         w = w - lr * grad                      # one gradient descent step
# ```
#
# Everything else in the course explains one line of this loop: why a gradient step goes
# downhill (lessons 01-04), what $F$ is made of (05), what $L$ is (06), how `backprop`
# computes the gradient (07, and for any network 10), and how the loops are organised in
# practice (08). Lesson 11 replaces the last line, `w = w - lr * grad`, by the update rules
# real networks use.

# %% [markdown]
# ## The lessons
#
# | # | lesson | in one sentence |
# | --- | --- | --- |
# | 00 | [Course map](00_course_map.ipynb) | This page: the training loop, the lessons, the glossary and how to run the course. |
# | 01 | [Classical extrema](01_classical_extrema.ipynb) | Finding minima with derivatives, the textbook way, and why it breaks down with many variables. |
# | 02 | [Enumeration search](02_enumeration_search.ipynb) | Looking for a minimum by trying a small step left and right, and what the derivative's sign saves us. |
# | 03 | [Gradient descent in 1-D](03_gradient_descent_1d.ipynb) | The gradient as a direction, the learning rate as a step, and runs that converge, oscillate or diverge. |
# | 04 | [Gradient descent in 2-D](04_gradient_descent_2d.ipynb) | The same rule in any number of variables: step against the gradient on a surface. |
# | 05 | [The neuron](05_neuron.ipynb) | A weighted sum plus a bias, passed through an activation function: the building block of a network. |
# | 06 | [The loss function](06_loss_function.ipynb) | Fix a training example and the error becomes a function of the parameters, ready for gradient descent. |
# | 07 | [Back-propagation](07_backpropagation.ipynb) | The chain rule on a four-neuron network, and how reusing results from the back makes it fast. |
# | 08 | [Training strategies](08_training_strategies.ipynb) | Many examples: SGD, minibatches and full batches, epochs, and the double loop in code. |
# | 09 | [Capstone: handwritten digits](09_digits_capstone.ipynb) | A network written from scratch learns to read real handwritten digits. |
# | 10 | [Back-propagation for any network](10_backprop_general.ipynb) | Lesson 07's chains as one rule for every layer, the code that trains lesson 09, an autograd you build yourself, and why gradients can vanish. |
# | 11 | [Optimizers: momentum, RMSprop, Adam](11_optimizers.ipynb) | Why plain descent crawls in a narrow valley, and the momentum, per-coordinate step sizes and learning-rate schedules that real networks are trained with (builds on 04 and 10). |

# %% [markdown]
# ## Glossary (English / 中文)
#
# The key terms of the course. The Chinese edition writes Taiwan usage (台灣用語); the source
# article, written in another usage, sometimes has its own term (原文用語), given where it
# differs or where the article has one at all ("—": the article does not name it).
#
# | English | Taiwan usage (台灣用語) | the article's term (原文用語) | first met in |
# | --- | --- | --- | --- |
# | artificial neural network (ANN) | 類神經網路 | 人工神經網絡 | 00 |
# | feed-forward network | 前饋網路 | 前饋神經網絡 | 00 |
# | epoch (one pass over all training examples) | 訓練週期（epoch） | — (the article speaks of a 雙重循環, a double loop) | 00, 08 |
# | extremum, minimum point | 極值, 極小值點 | 極值, 極小值點 | 01 |
# | stationary point | 駐點 | 駐點 | 01 |
# | partial derivative | 偏導數 | 偏導數 | 01 |
# | Hessian (matrix of second partial derivatives) | 海森矩陣 | — (its 3 二階偏導數) | 01 |
# | saddle point | 鞍點 | — | 01 |
# | enumeration (trial) search | 枚舉搜尋 | 枚舉試探法 | 02 |
# | local minimum / global minimum | 局部極小值 / 全域極小值 | — / 全局的極值點 | 02 |
# | gradient | 梯度 | 梯度 | 03 |
# | gradient descent | 梯度下降 | 梯度下降算法 | 03 |
# | learning rate (step size) | 學習率（步長） | 學習率, 步長 | 03 |
# | convergence / divergence | 收斂 / 發散 | — | 03 |
# | neuron | 神經元 | 神經元 | 05 |
# | weight, bias, parameter | 權重, 偏置, 參數 | 參數, 待定參數 | 05 |
# | activation function (sigmoid, tanh, ReLU) | 活化函數 | 激活函數 | 05 |
# | accuracy | 準確率 | — | 05 |
# | target function (the model) | 目標函數（即模型） | 目標函數 | 06 |
# | loss function | 損失函數 | 損失函數 | 06 |
# | mean squared error | 均方誤差 | 均方誤差 | 06 |
# | cross-entropy | 交叉熵 | 交叉熵 | 06 |
# | softmax | softmax | — | 06 |
# | one-hot encoding | one-hot 編碼 | — | 06 |
# | training example, label | 訓練樣本, 標籤 | 訓練樣例, 標籤 | 06 |
# | chain rule | 連鎖律 | 鏈式求導法則 | 07 |
# | forward pass / backward pass | 前向傳播 / 反向傳播 | — | 05 / 07 |
# | error back-propagation (BP) | 誤差反向傳播 | 誤差反向傳播 | 07 |
# | stochastic gradient descent (SGD) | 隨機梯度下降 | sgd | 08 |
# | minibatch | 小批次 | 一批 (Minibatch) | 08 |
# | training / validation / test set | 訓練集 / 驗證集 / 測試集 | 訓練數據 (training data only) | 09 |
# | overfitting | 過擬合 | — | 09 |
# | confusion matrix | 混淆矩陣 | — | 09 |
# | autograd (automatic differentiation) | 自動微分 | — | 10 |
# | vanishing gradients | 梯度消失 | — | 10 |
# | momentum | 動量 | — | 11 |
# | optimizer (RMSprop, Adam), learning-rate schedule | 最佳化器, 學習率排程 | — | 11 |
#
# **One warning about 目標函數.** In the article, 目標函數 ("target function") is the *model*
# itself, the network $\hat y = F(x; w)$ whose parameters training must find. In most books
# "objective function" means the opposite thing: the function being minimised, here the loss.
# The course uses the article's word only in lesson 06, where the two functions are compared
# side by side, and everywhere else says "the model" and "the loss".
#
# **For readers comparing the texts.** Two slips of the article are corrected in the course,
# in both editions. (1) The article calls a neuron's inputs $x_1, x_2, x_3$ 因變量
# (dependent variables), and later calls the parameters that become the loss's variables
# 因變量 too; both are **independent variables (自變量)**: the inputs are the model's, the
# parameters the loss's (lesson 06's table of the two functions lists them as "its variables"). (2) Introducing gradient descent in two
# variables, the article says a function of two variables relates *one* independent variable
# to *two* dependent ones. It is the other way round: $f(x, y) = x^2 + y^2$ has two
# independent variables $x, y$ (its domain is the plane) and one dependent variable, the value
# $f(x, y)$ (lessons 01 and 04 draw such functions over the $(x, y)$ plane).

# %% [markdown]
# ## How to use the sliders
#
# Every explorer appears twice:
#
# 1. first as a **static picture** with a line of text under the code: this is what the
#    notebook computed for the lesson's values, and it is visible even without a running
#    Python kernel (for example when you read the notebook on GitHub);
# 2. then as the **live version**: sliders and choosers above the same picture, with a status
#    line below it that says in words what happened. The live version needs a running kernel:
#    choose **Run > Run All Cells** in JupyterLab's menu once after opening a notebook.
#
# To move a slider, **drag** its handle, or **click the number** at its right end, type a
# value and press Enter. The picture and the status line change as you move. Try it on the
# explorer of lesson 01: move the point of tangency $a$ and watch the sign of the slope.

# %%
from ann_helpers.explorers.extrema import TangentExplorer

demo = TangentExplorer(function="x^2 + 3x", x=1.0)
print(demo.status)
demo.snapshot()

# %% tags=["nbval-ignore-output"]
demo.ui

# %% [markdown]
# Each lesson ends with exercises of five kinds: a **number** (or a few) at a stated
# precision ("to 4 decimals", "a whole number"), a **choice** between offered words, a
# **word**, **code** (you write a small function; the checker runs it on several test cases
# and says which one fails, and why) and a **prediction** (say what an explorer will show
# before you move its slider). Replace `None` with your answer, or write the function's body
# in place of `raise NotImplementedError`, and run the cell: the checker says *right* or
# *not yet* with a hint (a more specific one on the next try), never the answer itself. A
# worked solution sits in a collapsed cell under each exercise: click the three dots (or the
# bar at the cell's left) to expand it. How many exercises of each kind every lesson has:

# %%
from ann_helpers.exercises import kinds_table

print(kinds_table())

# %% [markdown]
# ## How to run the course
#
# - **On your machine, with make:** in a terminal in the project folder, run `make lab`. The
#   first time it creates a virtual environment `.venv` and installs the pinned
#   `requirements.txt` (a few minutes); then it opens JupyterLab on this page. JupyterLab
#   prints a link with a login token in the terminal: open that link if no browser window
#   appears. `make lab-zh` opens the Traditional Chinese edition instead, with JupyterLab's
#   interface in Chinese. `make test` checks everything (unit tests and every notebook of both
#   editions, re-executed).
# - **By hand, without make:**
#   ```
#   python3 -m venv .venv
#   .venv/bin/pip install -r requirements.txt
#   .venv/bin/jupyter lab notebooks/00_course_map.ipynb
#   ```
# - **On Binder, nothing to install:** click the *launch binder* badge in the project's
#   README. Binder builds the same environment from the `binder/` folder and opens JupyterLab
#   on this page; then choose **Run > Run All Cells** to bring the sliders to life. (A Binder
#   session is temporary: download any notebook you changed before closing the tab.)
#
# Ready? Start with [01 Classical extrema](01_classical_extrema.ipynb).
