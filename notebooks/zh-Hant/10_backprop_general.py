# %% [markdown]
# # 10 任意網路的反向傳播，以及自己動手做的自動微分
#
# **這一課你會**：把第 07 課那十二個連鎖律（原文稱「鏈式求導法則」）的計算，看成同一條規則逐層套用；讀一讀訓練第 09 課手寫數字分類器的那個短短的函式，並用數值導數驗證它；一步一步做出一個小小的*自動微分*（automatic differentiation）引擎，它能對你寫下的任何公式套用連鎖律；算一算重複利用中間結果能省下多少計算；並看看為什麼在由 sigmoid 神經元組成的深層類神經網路裡，梯度會一路衰減到幾乎消失，以及這對學習有什麼影響。
#
# [課程地圖](00_course_map.ipynb) · 上一課：[09 總結專題：手寫數字](09_digits_capstone.ipynb) ·
# 這裡用到的四個神經元的網路，請回頭看 [07 反向傳播](07_backpropagation.ipynb)
#
# **English:** 本課的英文版：[English](../10_backprop_general.ipynb)

# %% jupyter={"source_hidden": true}
# 準備工作。Google Colab 上沒有本課程的套件，下面幾行會從課程的儲存庫安裝它（保留 Colab
# 自己的 numpy、matplotlib 與 ipywidgets）；在其他環境中這幾行什麼也不做。接著告訴輔助套件
# 要用哪一種語言。
import sys

if "google.colab" in sys.modules:
    import subprocess

    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                    "ann_helpers @ git+https://github.com/ann-math-course/ann-math-course"],
                   check=True)

import ann_helpers

ann_helpers.set_language("zh-Hant")

# %%
import inspect
import math

import numpy as np

from ann_helpers import autograd
from ann_helpers import backprop as bp
from ann_helpers.activations import ACTIVATIONS
from ann_helpers.autograd import Value, draw_graph
from ann_helpers.backprop import (
    DEPTH_ACTIVATIONS,
    backprop,
    chain_rule_cost,
    layer_gradient_sizes,
    path_count,
    path_gradients,
    random_params,
    shrink_per_layer,
    slowdown_curves,
)
from ann_helpers.exercises import check
from ann_helpers.explorers.backprop_general import (
    VanishingExplorer,
    depth_figure,
    reuse_cost_figure,
    slowdown_figure,
)
from ann_helpers.losses import one_hot
from ann_helpers.network import (
    LESSON_PARAMS,
    LESSON_X,
    LESSON_Y,
    MLP,
    PARAM_NAMES,
    TinyNet,
    gradient_check,
)
from ann_helpers.neuron import XOR_INPUTS, XOR_LABELS
from ann_helpers.plotting import show

# %% [markdown]
# ## 1. 從十二條連鎖到一條規則
#
# 第 07 課把文章中那個網路的十二個偏導數一個一個求了出來。回頭看看它一路上保留了什麼：每個神經元一個數，
#
# $$\delta_3 = \frac{\partial L}{\partial u_3},\quad \delta_4 = \frac{\partial L}{\partial u_4}
# \quad\text{（輸出層）},\qquad
# \delta_1 = \frac{\partial L}{\partial u_1},\quad \delta_2 = \frac{\partial L}{\partial u_2}
# \quad\text{（隱藏層）},$$
#
# 也就是損失對該神經元淨輸入的導數。十二個梯度中的每一個，都是這樣一個 $\delta$ 乘上一個數：
# $\partial L/\partial w_5 = \delta_3 h_1$、$\partial L/\partial w_1 = \delta_1 x_1$、
# $\partial L/\partial b_3 = \delta_3$。而隱藏層的 $\delta$ 又是由輸出層的 $\delta$ 組成的。
# 這些就是文章所說「保留下來、重複利用」的部分：

# %%
net = TinyNet(LESSON_PARAMS)
grads07 = net.backward(LESSON_X, LESSON_Y)
t = net.terms
print(f"輸出層   delta3 = {t['delta3']:+.6f}   delta4 = {t['delta4']:+.6f}")
print(f"隱藏層   delta1 = {t['delta1']:+.6f}   delta2 = {t['delta2']:+.6f}")
print(f"dL/dw5 = delta3 * h1 = {grads07['w5']:+.6f},   dL/dw1 = delta1 * x1 = {grads07['w1']:+.6f}")

# %% [markdown]
# 現在把同一層的數放進向量與矩陣。把權重層編號為 $l = 1, \dots, L$（這裡 $L = 2$），輸入寫成
# $a^0 = x$，第 $l$ 層的淨輸入寫成 $z^l$，它的輸出寫成 $a^l = g(z^l)$。本課程把第 $l$ 層的權重存成矩陣 $W^l$，**每個輸入一列、每個神經元一行**（所以 $W^l_{ij}$ 連接輸入 $i$ 與神經元 $j$；第 08、09 課的 `MLP` 就是這樣排的）：
#
# $$W^1 = \begin{pmatrix} w_1 & w_3 \\ w_2 & w_4 \end{pmatrix},\quad
#   b^1 = \begin{pmatrix} b_1 \\ b_2 \end{pmatrix},\qquad
#   W^2 = \begin{pmatrix} w_5 & w_7 \\ w_6 & w_8 \end{pmatrix},\quad
#   b^2 = \begin{pmatrix} b_3 \\ b_4 \end{pmatrix},\qquad
#   z^l = (W^l)^{\mathsf T} a^{l-1} + b^l .$$
#
# 令 $\delta^l = \partial L / \partial z^l$（一個向量，每個神經元一個分量），第 07 課的連鎖律
# 就變成四行式子，而且不論有幾層都適用：
#
# $$\delta^L = \frac{\partial L}{\partial \hat y} \odot o'(z^L), \qquad
#   \delta^l = \left(W^{l+1} \delta^{l+1}\right) \odot g'(z^l)\quad (l = L-1, \dots, 1),$$
# $$\frac{\partial L}{\partial W^l} = a^{l-1} \left(\delta^l\right)^{\mathsf T}, \qquad
#   \frac{\partial L}{\partial b^l} = \delta^l .$$
#
# $\odot$ 表示逐元素相乘。第二行正是第 07 課那兩條連鎖相加的地方：$W^{l+1}\delta^{l+1}$ 的第
# $j$ 個分量是 $\sum_k W^{l+1}_{jk}\,\delta^{l+1}_k$，神經元 $j$ 所連到的每一個神經元各貢獻一項。
# 第三行是外積：$W^l_{ij}$ 的梯度等於（從輸入 $i$ 進來的值）乘上（神經元 $j$ 的誤差）。
# 用本課的數字實際算一遍：

# %%
p = LESSON_PARAMS
x, y = np.array(LESSON_X), np.array(LESSON_Y)
W1 = np.array([[p["w1"], p["w3"]], [p["w2"], p["w4"]]])
b1 = np.array([p["b1"], p["b2"]])
W2 = np.array([[p["w5"], p["w7"]], [p["w6"], p["w8"]]])
b2 = np.array([p["b3"], p["b4"]])
sigmoid = ACTIVATIONS["sigmoid"].f

# 前向：保留每一個 z 與 a
z1 = W1.T @ x + b1
a1 = sigmoid(z1)
z2 = W2.T @ a1 + b2
y_hat = z2                                   # 文章的輸出：o(z) = z

# 反向：一行一條規則
delta2 = (y_hat - y) * 1.0                   # delta^L = dL/dy_hat * o'(z^L), o' = 1
delta1 = (W2 @ delta2) * a1 * (1 - a1)       # delta^1 = (W^2 delta^2) * g'(z^1)
dW2, db2 = np.outer(a1, delta2), delta2      # dL/dW^2 = a^1 (delta^2)^T
dW1, db1 = np.outer(x, delta1), delta1       # dL/dW^1 = a^0 (delta^1)^T

rule = {"w1": dW1[0, 0], "w2": dW1[1, 0], "w3": dW1[0, 1], "w4": dW1[1, 1],
        "b1": db1[0], "b2": db1[1], "w5": dW2[0, 0], "w6": dW2[1, 0],
        "w7": dW2[0, 1], "w8": dW2[1, 1], "b3": db2[0], "b4": db2[1]}
print(f"delta^2 = {np.round(delta2, 6)}  (delta3, delta4)")
print(f"delta^1 = {np.round(delta1, 6)}  (delta1, delta2)")
print(f"{'參數':<4} {'第 07 課，逐條連鎖':>19} {'同一條規則':>9}")
for name in PARAM_NAMES:
    print(f"{name:<6} {grads07[name]:>+26.9f} {rule[name]:>+14.9f}")
gap = max(abs(rule[k] - grads07[k]) for k in PARAM_NAMES)
print(f"最大差異小於 1e-15：{gap < 1e-15}")

# %% [markdown]
# 同樣的十二個數。（第 17 位數字可能不同：矩陣乘法把各項相加的順序，可能和第 07 課的程式碼不一樣。）
#
# ## 2. 訓練第 09 課的程式碼，攤開來看
#
# `ann_helpers.backprop` 把這四行寫成適用於**小批次**（minibatch）的形式：樣本是矩陣的各列，因此對所有樣本一次算出的 $z^l = (W^l)^{\mathsf T} a^{l-1}$ 變成 `Z = A @ W + b`，
# $W^{l+1}\delta^{l+1}$ 變成 `delta @ W.T`，而對各樣本加總的 $a^{l-1}(\delta^l)^{\mathsf T}$
# 變成 `A.T @ delta`。下面就是完整的前向傳遞：

# %%
print(inspect.getsource(bp.forward))

# %% [markdown]
# $\delta^L$ 由損失提供。損失是整個批次的平均，所以每個樣本的 $\delta^L$ 都帶著一個因子 $1/n$。平方誤差配 sigmoid 輸出時，$\partial L/\partial \hat y = \hat y - y$，$o'(z) = \hat y(1 - \hat y)$；
# softmax 配交叉熵時，兩者的乘積化簡成 $\hat y - y$（第 09 課）：

# %%
print(inspect.getsource(bp.output_delta))

# %% [markdown]
# 接著是反向傳遞，從最後一層逐層往前。每個 `delta` 只算一次、用兩次：一次用來算這一層的梯度，一次用來算前一層的 `delta`。

# %%
print(inspect.getsource(bp.backward))

# %% [markdown]
# `backprop` 先檢查引數，再執行這三個步驟。`g_prime(z, a)` 同時拿到保留下來的淨輸入與輸出，所以 sigmoid 可以直接用 $a(1 - a)$，不必再算一次指數。

# %%
print(inspect.getsource(bp.backprop))

# %% [markdown]
# **驗證 1：再做一次第 07 課。** 文章的網路，就是只含一個樣本的批次：

# %%
loss, ((gW1, gb1), (gW2, gb2)) = backprop([(W1, b1), (W2, b2)], [LESSON_X], [LESSON_Y],
                                          activation="sigmoid", output="identity")
print(f"損失 {loss:.6f}（第 07 課：{net.values['L']:.6f}）")
print(f"dL/dW^1 = {np.round(gW1, 6).tolist()}   (w1 w3 / w2 w4)")
print(f"dL/dW^2 = {np.round(gW2, 6).tolist()}   (w5 w7 / w6 w8)")
same = np.allclose(gW1, dW1, rtol=1e-14, atol=1e-16) and np.allclose(gW2, dW2, rtol=1e-14, atol=1e-16)
print(f"與第 1 節的同一條規則相等：{same}")

# %% [markdown]
# **驗證 2：在形狀隨機的網路上做中央差分**，涵蓋每一種隱藏層的活化函數（原文稱「激活函數」）與每一種輸出（連同它的損失）。`gradient_check`（第 07 課）把每個參數往上、往下各推一點，經過 Richardson 外插修正，回報所有參數中最大的相對誤差。

# %%
rng = np.random.default_rng(10)
worst = 0.0
print(f"{'活化函數':<7} {'輸出':<7} {'各層大小':<13} {'批次':>3}  {'參數':>4}  最大相對誤差")
for activation in ("sigmoid", "tanh", "relu", "leaky_relu", "softplus", "linear"):
    for output in ("identity", "sigmoid", "softmax"):
        sizes = [int(n) for n in rng.integers(2, 6, rng.integers(3, 5))]
        params = [(W, rng.normal(0, 0.5, b.shape)) for W, b in random_params(sizes, 1.5, seed=1)]
        n = int(rng.integers(1, 6))
        X = rng.normal(size=(n, sizes[0]))
        Y = (one_hot(rng.integers(0, sizes[-1], n), sizes[-1]) if output == "softmax"
             else rng.uniform(size=(n, sizes[-1])))

        def loss_of(theta, params=params, X=X, Y=Y, activation=activation, output=output):
            k, rebuilt = 0, []
            for W, b in params:
                rebuilt.append((theta[k:k + W.size].reshape(W.shape),
                                theta[k + W.size:k + W.size + b.size]))
                k += W.size + b.size
            return backprop(rebuilt, X, Y, activation, output)[0]

        _, grads = backprop(params, X, Y, activation, output)
        theta = np.concatenate([a.ravel() for pair in params for a in pair])
        analytic = np.concatenate([a.ravel() for pair in grads for a in pair])
        error = gradient_check(loss_of, theta, analytic).max_error
        worst = max(worst, error)
        print(f"{activation:<11} {output:<9} {str(sizes):<17} {n:>5}  {theta.size:>6}  "
              f"{'小於 1e-6' if error < 1e-6 else f'{error:.1e}  <- 錯誤'}")
print(f"18 個全都小於 1e-6：{worst < 1e-6}")

# %% [markdown]
# **驗證 3：`MLP` 就是靠它訓練的。** 從這一課起，`MLP.loss_and_gradients`（第 08、09 課用到）就是以網路自己的參數呼叫 `backprop`，而 `MLP.fit` 對每個小批次執行同樣的 `forward`、
# `output_delta` 與 `backward`。第 09 課的數字分類器，就是由上面印出的程式碼訓練出來的：

# %%
mlp = MLP([64, 32, 10], "sigmoid", "softmax", seed=0)
Xd = np.random.default_rng(0).uniform(0, 1, (32, 64))
labels = np.arange(32) % 10
loss_mlp, grads_mlp = mlp.loss_and_gradients(Xd, labels)
loss_bp, grads_bp = backprop(mlp.params, Xd, one_hot(labels, 10), "sigmoid", "softmax")
identical = loss_mlp == loss_bp and all(np.array_equal(a, b) for pa, pb in zip(grads_mlp, grads_bp, strict=True)
                                        for a, b in zip(pa, pb, strict=True))
print(f"MLP.loss_and_gradients 與 backprop 的結果連最後一個位元都相同：{identical}")

# %% [markdown]
# ## 3. 自動微分：同一條規則，適用於任何公式
#
# 逐層的反向傳播，需要有人針對每一種層，親手推出 $\delta^l$。PyTorch 這類函式庫的做法更一般：每一個算術運算都記下自己做了什麼，最後從後往前掃一次，就能對算過的任何東西套用連鎖律。這叫做*反向模式自動微分*（reverse-mode automatic differentiation，簡稱 autograd）。你大約用四十行就能做出一個。下面每一步都先驗證過，才進行下一步。
#
# **第 1 步：記得自己從哪裡來的數。** `Scalar` 存放它的值 `data`、一個放
# $\partial(\text{結果})/\partial(\text{這個數})$ 的欄位 `grad`、算出它的那些輸入，以及一個知道該運算*局部*導數的函式 `_backward`：某一個輸入變動時，輸出跟著怎麼動。對 $c = a + b$，兩個局部導數都是 1；對 $c = a\,b$，分別是 $b$ 與 $a$。`_backward` 把局部導數乘上輸出的梯度（連鎖律），再把結果**加到**輸入的梯度上。

# %%
class Scalar:
    """公式中的一個數：它的值、它的梯度、它的輸入、它的局部導數。"""

    def __init__(self, data, children=(), op=""):
        self.data = data
        self.grad = 0.0
        self._prev = children        # 算出這個數的那些輸入
        self._op = op
        self._backward = lambda: None  # 單純的輸入沒有東西要往下傳

    def __add__(self, other):
        out = Scalar(self.data + other.data, (self, other), "+")

        def _backward():             # d(a + b)/da = 1, d(a + b)/db = 1
            self.grad += 1.0 * out.grad
            other.grad += 1.0 * out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        out = Scalar(self.data * other.data, (self, other), "*")

        def _backward():             # d(a b)/da = b, d(a b)/db = a
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out


x1, w1, b = Scalar(2.0), Scalar(-3.0), Scalar(1.0)
u = x1 * w1
y1 = u + b
print(f"y = x w + b = {y1.data}   （預期為 {2.0 * -3.0 + 1.0}）")
print(f"y 由 {y1._op!r} 從 {[c.data for c in y1._prev]} 算出")

# %% [markdown]
# **第 2 步：親手套用連鎖律。** 先設定起點 $\partial y/\partial y = 1$，再從最後一個運算往回到第一個，依序呼叫各運算的 `_backward`。用一眼就看得出的答案檢查：$\partial y/\partial x = w = -3$、
# $\partial y/\partial w = x = 2$、$\partial y/\partial b = 1$。

# %%
y1.grad = 1.0
y1._backward()       # + 把 y 的梯度交給 u 和 b
u._backward()        # * 把 u 的梯度交給 x 和 w
print(f"dy/dx = {x1.grad}, dy/dw = {w1.grad}, dy/db = {b.grad}")
print(f"與預期相符：{(x1.grad, w1.grad, b.grad) == (-3.0, 2.0, 1.0)}")

# %% [markdown]
# **第 3 步：順序。** 親手做的時候，我們知道要先呼叫 `y1._backward()`，再呼叫 `u._backward()`：一個節點要等收齊所有的貢獻之後，才能把梯度往下傳。*拓撲順序*（topological order）把每個節點排在它所有輸入的後面；把它倒過來，就是我們需要的順序。做法是深度優先：先拜訪輸入，再把節點本身加進清單；並記住哪些已經看過，這樣被用了兩次的節點只會列出一次。

# %%
def topological_order(root):
    order, seen = [], set()

    def visit(node):
        if id(node) not in seen:
            seen.add(id(node))
            for child in node._prev:
                visit(child)
            order.append(node)

    visit(root)
    return order


a = Scalar(3.0)
c = a * a + a                   # a 被用了三次
order = topological_order(c)
print("順序：", [(n._op or "輸入", n.data) for n in order])
print(f"{len(order)} 個節點，每個一次，結果排在最後：{order[-1] is c}")

# %% [markdown]
# **第 4 步：`backward`。** 把結果的梯度設為 1，再依反向的拓撲順序呼叫每一個 `_backward`。檢查：$c = a^2 + a$ 在 $a = 3$ 時 $dc/da = 2a + 1 = 7$，這是從 $a$ 的三次使用收集來的（這就是 `_backward` 要用 `+=` 相加的原因）。

# %%
def backward(self):
    self.grad = 1.0
    for node in reversed(topological_order(self)):
        node._backward()


Scalar.backward = backward

c.backward()
print(f"dc/da = {a.grad}   （2a + 1 = {2 * 3.0 + 1}）")

# %% [markdown]
# 這就是一個能用的反向模式自動微分。`ann_helpers.autograd.Value` 是同一個引擎的完整版：運算子兩邊都可以放一般的數；有 `-`、`/`、指數為一般數的 `**`、`exp`、`log`、`tanh`、
# `sigmoid`、`relu`；錯誤訊息清楚（`Value(-1).log()` 會告訴你對數需要正數）；而且 `backward`
# 會加到先前幾次傳遞留下的值上，和每個函式庫一樣。每個運算都自己負責它的局部導數，就寫在它的前向公式旁邊。把同一個算式放進兩個引擎，再請中央差分當裁判：

# %%
def in_value(x):
    a = Value(x)
    c = a * a + a
    c.backward()
    return a.grad


h = 1e-6
numeric = ((3.0 + h) ** 2 + (3.0 + h) - (3.0 - h) ** 2 - (3.0 - h)) / (2 * h)
print(f"Scalar：{a.grad}，Value：{in_value(3.0)}，中央差分：{numeric:.6f}")

# %% [markdown]
# `Value` 的每一個運算，各在一個點上與中央差分比較：

# %%
operations = {
    "a + 2.5": lambda a: a + 2.5, "2.5 - a": lambda a: 2.5 - a, "a * a": lambda a: a * a,
    "1 / a": lambda a: 1 / a, "a ** 3": lambda a: a ** 3, "-a": lambda a: -a,
    "a.exp()": lambda a: a.exp(), "a.log()": lambda a: a.log(), "a.tanh()": lambda a: a.tanh(),
    "a.sigmoid()": lambda a: a.sigmoid(), "a.relu()": lambda a: a.relu(),
}
at = 0.8
print(f"{'運算':<10} {'值':>9} {'grad':>10} {'中央差分':>10}")
for text, f in operations.items():
    a = Value(at)
    out = f(a)
    out.backward()
    numeric = (f(Value(at + h)).data - f(Value(at - h)).data) / (2 * h)
    print(f"{text:<12} {out.data:>10.6f} {a.grad:>10.6f} {numeric:>14.6f}")

# %% [markdown]
# `draw_graph` 把引擎記錄下來的東西畫出來。下面是一個 sigmoid 神經元加上它對一個樣本的平方誤差損失，在 `backward` 之後的樣子。藍色框是給定的數（輸入、參數，以及 `- 1.0` 和 `0.5 *` 帶進來的常數 1、-1 與 0.5），橘色框是運算的結果；每個框都顯示它的值（`data`），以及損失對它的導數（`grad`）。從右往左追著 grad 看：每一個 grad，都是它右邊的 grad 乘上一個局部導數。

# %%
xa, xb = Value(0.5, label="x1"), Value(1.0, label="x2")
wa, wb, bias = Value(0.1, label="w1"), Value(0.2, label="w2"), Value(0.1, label="b1")
h1 = (wa * xa + wb * xb + bias).sigmoid()
loss = 0.5 * (h1 - 1.0) ** 2
loss.backward()
print(f"損失 {loss.data:.6f}；dL/dw1 = {wa.grad:+.6f}，dL/dw2 = {wb.grad:+.6f}，dL/db1 = {bias.grad:+.6f}")
show(draw_graph(loss))

# %% [markdown]
# **用 Value 寫文章的網路。** 以 `Value` 參數寫出第 07 課的前向傳遞，呼叫一次 `backward`，再讀出十二個梯度：從頭到尾沒有人寫下任何一個 $\delta$。

# %%
def tinynet_in_values(params, x, y):
    p = {k: Value(v, label=k) for k, v in params.items()}
    h1 = (p["w1"] * x[0] + p["w2"] * x[1] + p["b1"]).sigmoid()
    h2 = (p["w3"] * x[0] + p["w4"] * x[1] + p["b2"]).sigmoid()
    y1_hat = p["w5"] * h1 + p["w6"] * h2 + p["b3"]
    y2_hat = p["w7"] * h1 + p["w8"] * h2 + p["b4"]
    L = 0.5 * ((y[0] - y1_hat) ** 2 + (y[1] - y2_hat) ** 2)
    L.backward()
    return L, {k: p[k].grad for k in PARAM_NAMES}


L_value, engine = tinynet_in_values(LESSON_PARAMS, LESSON_X, LESSON_Y)
print(f"{'參數':<4} {'第 07 課':>11} {'自動微分':>9}")
for name in PARAM_NAMES:
    print(f"{name:<6} {grads07[name]:>+13.9f} {engine[name]:>+13.9f}")
print(f"最大差異小於 1e-15：{max(abs(engine[k] - grads07[k]) for k in PARAM_NAMES) < 1e-15}")
print(f"L 背後的計算圖有 {len(autograd.topological_order(L_value))} 個節點")

# %% [markdown]
# **用 Value 寫任意大小的網路。** 一層只要幾行：每個神經元把偏置加到輸入的加權和上。給它和某個
# `MLP` 相同的參數，引擎算出的「批次平均損失」的梯度，就與 `MLP` 的一致：

# %%
def value_params(params):
    """把 [(W, b), ...] 的每個權重與偏置都變成 Value。"""
    return [([[Value(float(w)) for w in row] for row in W], [Value(float(v)) for v in b])
            for W, b in params]


def value_forward(vparams, x, activation="tanh"):
    """網路對單一樣本 x（一串數）的輸出；輸出層不套活化函數（identity）。"""
    a = list(x)
    for layer, (W, b) in enumerate(vparams, start=1):
        z = [sum((W[i][j] * a[i] for i in range(len(a))), b[j]) for j in range(len(b))]
        a = [getattr(zj, activation)() for zj in z] if layer < len(vparams) else z
    return a


small = MLP([3, 4, 2], "tanh", "identity", seed=0)
Xs = np.random.default_rng(1).normal(size=(5, 3))
Ys = np.random.default_rng(2).normal(size=(5, 2))
vparams = value_params(small.params)
mean_loss = sum(0.5 * sum((yk_hat - yk) ** 2 for yk_hat, yk in zip(value_forward(vparams, xr), yr, strict=True))
                for xr, yr in zip(Xs.tolist(), Ys.tolist(), strict=True)) / len(Xs)
mean_loss.backward()
_, mlp_grads = small.loss_and_gradients(Xs, Ys)
gap = max(max(abs(W[i][j].grad - dW[i, j]) for i in range(dW.shape[0]) for j in range(dW.shape[1]))
          for (W, _), (dW, _) in zip(vparams, mlp_grads, strict=True))
gap_b = max(max(abs(bv.grad - dbv) for bv, dbv in zip(bs, db, strict=True)) for (_, bs), (_, db) in zip(vparams, mlp_grads, strict=True))
print(f"損失：引擎 {mean_loss.data:.6f}，MLP {small.loss(Xs, Ys):.6f}")
print(f"{small.n_params} 個梯度，最大差異小於 1e-12：{max(gap, gap_b) < 1e-12}")

# %% [markdown]
# **用這個引擎來訓練。** 用一個由 tanh 神經元組成的 2-4-1 網路學 XOR（第 05 課）：把四個樣本前向算一遍、`backward`、讓每個參數朝梯度的反方向走一步，然後重複。每一步都要先把梯度歸零，因為 `backward` 會累加上去。

# %%
vparams = value_params(random_params([2, 4, 1], scale=1.0, seed=1))
flat = [v for W, bs in vparams for row in W for v in row] + [v for _, bs in vparams for v in bs]
examples = list(zip(XOR_INPUTS.tolist(), XOR_LABELS.tolist(), strict=True))
lr = 0.5
for step in range(201):
    loss = sum(0.5 * (value_forward(vparams, xe)[0] - ye) ** 2 for xe, ye in examples) / 4
    for v in flat:
        v.grad = 0.0
    loss.backward()
    for v in flat:
        v.data -= lr * v.grad
    if step % 25 == 0:
        print(f"第 {step:>3} 步：損失 {loss.data:.3g}")
for xe, ye in examples:
    print(f"x = {xe}：輸出 {value_forward(vparams, xe)[0].data:.3f}，標籤 {ye:g}")

# %% [markdown]
# ## 4. 重複利用有多重要：數給你看
#
# 文章談反向傳播的重點在於它會*保留*中間結果。如果不保留呢？那麼每個參數的導數，都得各自對「從該參數到損失的所有路徑」求和，而每條路徑都是一串因子的乘積：這就是照字面套用連鎖律。在各層大小為 $n_0, n_1, \dots, n_L$ 的網路中，第 1 層的一個權重沿著 $n_2 n_3 \cdots n_L$ 條路徑到達輸出：每多一層，路徑數就**乘上**一個倍數。

# %%
def shape_text(sizes):
    """2-2-2；各層同寬的長網路則寫成 '10 層、每層 16'。"""
    if len(sizes) > 5 and len(set(sizes)) == 1:
        return f"{len(sizes) - 1} 層、每層 {sizes[0]}"
    return "-".join(map(str, sizes))


for sizes in ([2, 2, 2], [64, 32, 10], [4] * 6, [16] * 11):
    print(f"{shape_text(sizes):<16} 從第 1 層的一個權重出發的路徑數：{path_count(sizes, 1):,}")

# %% [markdown]
# `path_gradients` 正是這樣做的：針對一個樣本，並數出它做了幾次乘加（沿著路徑每走一步算一次，每乘上一個權重的輸入也算一次，與第 07 課的數法相同）。在小網路上，它得到和反向傳播相同的梯度，而它數到的次數，也等於 `chain_rule_cost` 裡的公式：

# %%
sizes = [3, 4, 3, 2]
params = [(W, np.full(b.shape, 0.1)) for W, b in random_params(sizes, seed=2)]
xp, yp = np.array([0.5, -1.0, 2.0]), np.array([0.2, 0.7])
slow, counted = path_gradients(params, xp, yp, "tanh", "sigmoid")
_, fast = backprop(params, [xp], [yp], "tanh", "sigmoid")
agree = all(np.allclose(s, f, rtol=1e-10, atol=1e-14) for ps, pf in zip(slow, fast, strict=True)
            for s, f in zip(ps, pf, strict=True))
cost = chain_rule_cost(sizes)
print(f"逐條路徑 = 反向傳播：{agree}")
print(f"實際數到的乘加次數：{counted}，公式算出：{cost['without_reuse']}，"
      f"反向傳播：{cost['backprop']}")

# %% [markdown]
# 兩個數字都包含前向傳遞。網路變大時：

# %%
print(f"{'網路':<14} {'參數':>8} {'逐條路徑':>10} {'反向傳播':>7} {'倍數':>8}")
for sizes in ([2, 2, 2], [4] * 3, [4] * 5, [4] * 7, [4] * 11, [16] * 3, [16] * 5, [16] * 7, [16] * 11,
              [64, 32, 10], [784, 100, 10], [784, 300, 100, 10]):
    c = chain_rule_cost(sizes)
    print(f"{shape_text(sizes):<16} {c['parameters']:>10,} {c['without_reuse']:>14.3g} "
          f"{c['backprop']:>11,} {c['without_reuse'] / c['backprop']:>10.3g}")

# %%
show(reuse_cost_figure())

# %% [markdown]
# 在對數刻度上，虛線是直的：不重複利用時，每多一層，計算量大約乘上網路的寬度（隨深度指數成長），而反向傳播每多一層只增加固定的量（與權重個數成線性關係，大約是三次前向傳遞）。對文章的四個神經元，差別是 28 對 20 次乘加；對十層、寬度 16 的網路，則大約是 $2 \cdot 10^{14}$ 對 7,424。
#
# **引擎與有限差分的比較。** 第 07 課把反向傳播和「逐一推動每個參數」（每個參數兩次前向傳遞）比較過。引擎的 `backward` 對計算圖的每個節點只拜訪一次，所以它的成本大約和建立計算圖相當。以節點數來算，讓一個樣本通過由 tanh 神經元組成的 4-8-8-1 網路：

# %%
vnet = value_params(random_params([4, 8, 8, 1], seed=3))
vflat = [v for W, bs in vnet for row in W for v in row] + [v for _, bs in vnet for v in bs]
x_one = [0.5, -0.2, 0.1, 0.9]
out = value_forward(vnet, x_one)[0]
nodes = len(autograd.topological_order(out))
print(f"參數個數 P = {len(vflat)}，一次前向的計算圖節點數 N = {nodes}")
print(f"backward：{nodes} 個局部導數，各算一次")
print(f"有限差分：2 P 次前向傳遞 = {2 * len(vflat) * nodes:,} 次節點計算"
      f"（是前者的 {2 * len(vflat)} 倍）")

# %% [markdown]
# 秒數取決於機器，也取決於機器當時還在忙什麼，所以本課數的是節點；`make bench` 會用兩種方法替同一個 4-8-8-1 網路計時（見其中 `autograd` 的幾列）。
#
# ## 5. 當梯度消失時
#
# 反向傳播往回走時，每經過一層就乘上一次 $g'(z^l)$。sigmoid 的斜率最大只有 $\tfrac14$（在
# $z = 0$ 處），所以在權重大小適中時，$\delta$ 每經過一層，大約就縮小為四分之一，甚至更小：

# %%
zs = np.linspace(-6, 6, 1201)
for name in DEPTH_ACTIVATIONS:
    print(f"{name:<8} 最大斜率 g'(z) = {np.max(ACTIVATIONS[name].df(zs)):.2f}")

# %% [markdown]
# 為了親眼看到這件事，取 2 到 10 層、每層 16 個神經元的網路，權重以標準差 $1/\sqrt{16}$ 抽樣（權重尺度 1），讓一個含 64 個隨機樣本的批次通過，再量出每一層 $\delta^l = \partial L/\partial b^l$
# 的典型大小。`layer_gradient_sizes` 用第 2 節的 `backprop` 做這件事。下表列出第 1 層（緊鄰輸入）的大小除以最後一層的大小，以及平均每層的倍數：

# %%
print(f"{'層數':>4} " + " ".join(f"{name:>22}" for name in DEPTH_ACTIVATIONS))
for depth in range(2, 11):
    cells = []
    for name in DEPTH_ACTIVATIONS:
        sizes_l = layer_gradient_sizes(depth, name, 1.0)
        cells.append(f"{sizes_l[0] / sizes_l[-1]:>9.2g} (x{shrink_per_layer(sizes_l):.2f}/層)")
    print(f"{depth:>6} " + " ".join(f"{c:>21}" for c in cells))

# %%
show(depth_figure(10, 1.0))

# %% [markdown]
# 使用 sigmoid 時，10 層網路的第 1 層收到的誤差訊號，只有最後一層的百萬分之幾（每層乘上 0.2 到
# 0.3）：它的權重幾乎不動，靠近輸入的幾層學得比靠近輸出的幾層慢得多。tanh（斜率最大為 1）每層維持在 0.7 到 0.9，而在這個權重尺度下，ReLU（斜率為 0 或 1）大約是 0.6，因為對任何一個樣本，大約有一半的單元是關閉的。權重尺度和活化函數一樣重要：每層的倍數大約是（權重尺度）×（典型斜率）。在下面試試看。對 ReLU 而言，尺度接近 $\sqrt 2 \approx 1.4$ 時梯度保持穩定（He 初始化，`MLP`
# 對 ReLU 用的就是它），尺度為 3 時梯度則逐層變大（「梯度爆炸」，exploding gradients）。對 sigmoid
# 來說，滑桿上沒有哪個尺度幫得上忙：權重變大，也會把神經元推向 S 形曲線平坦的兩端，那裡的斜率更小。

# %%
explorer = VanishingExplorer(depth=6, activation="sigmoid", scale=1.0)
print(explorer.status)
explorer.snapshot()

# %% tags=["nbval-ignore-output"]
explorer.ui

# %% [markdown]
# **同樣的斜率也會拖慢單一個神經元。** 一個 sigmoid 神經元、一個樣本 $x = 1$、標籤 $y = 0$、一個很差的起點 $w = b = 2$（因此 $\hat y \approx 0.98$，錯得離譜），學習率 0.15。用平方誤差時，梯度是 $(\hat y - y)\,\hat y(1 - \hat y)\,x$：因子 $\hat y(1 - \hat y) = g'(z)$ 恰好在神經元「很有把握卻答錯」時接近 0。用交叉熵 $L = -y\log\hat y - (1-y)\log(1-\hat y)$ 時，這個因子被消掉，梯度是 $(\hat y - y)\,x$：錯得越多，學得越快。同樣的起點、同樣的學習率，兩種都跑一次：

# %%
runs = slowdown_curves(**bp.SLOWDOWN)
print(f"{'步數':>3} {'輸出（平方誤差）':>14} {'輸出（交叉熵）':>15}")
for k in (0, 25, 50, 100, 150, 200, 250, 300):
    print(f"{k:>5} {runs['squared_error']['output'][k]:>22.4f} {runs['cross_entropy']['output'][k]:>22.4f}")
show(slowdown_figure(runs))

# %% [markdown]
# 用平方誤差時，輸出在前 150 步幾乎不動，之後才開始下降；用交叉熵時，不到 50 步就低於 0.1。這是分類器（第 09 課）讓 sigmoid 或 softmax 輸出搭配交叉熵的原因之一，也是深層網路的內部偏好類似 ReLU 的活化函數的原因之一。
#
# ## 練習
#
# **練習 1.** 在各層大小為 [3, 4, 5, 6, 2] 的網路中，第一層的一個權重經由幾條路徑影響損失？（答案是整數）

# %%
answer = None   # 把 None 換成你的答案
check("10.1", answer)

# %% jupyter={"source_hidden": true}
# 參考解答（點一下展開）：這個權重只連到第 1 層的一個神經元；接著一條路徑在第 2 層的 5 個
# 神經元中挑一個、在第 3 層的 6 個中挑一個、在 2 個輸出中挑一個：5 * 6 * 2。
check("10.1", 5 * 6 * 2)

# %% [markdown]
# **練習 2（程式）。** 完成引擎的 `tanh`：輸出的 Value 已經幫你建好了；請寫出它的 `_backward`，把局部導數 $1 - \tanh(a)^2$ 乘上 `out.grad` 後加到 `a.grad`。檢查程式會用四個輸入執行你的函式，其中包括輸出被用了兩次、以及 $a$ 沿兩條路徑到達結果的情況，並告訴你是哪個情況沒通過。

# %%
def tanh_value(a):
    t = math.tanh(a.data)
    out = Value(t, (a,), "tanh")

    def _backward():
        # 在這裡寫你的那一行：a.grad += ...
        raise NotImplementedError

    out._backward = _backward
    return out


check("10.2", tanh_value)

# %% jupyter={"source_hidden": true}
# 參考解答（點一下展開）：局部導數是 1 - t^2（t 已經知道了），乘上傳到輸出的梯度，再用 +=
# 加上去，這樣多次使用的貢獻才會累加起來。
def tanh_value(a):
    t = math.tanh(a.data)
    out = Value(t, (a,), "tanh")

    def _backward():
        a.grad += (1 - t * t) * out.grad

    out._backward = _backward
    return out


check("10.2", tanh_value)

# %% [markdown]
# **練習 3（程式）。** 為小批次（每列是一個樣本）完成 `hidden_delta`：由下一層的權重 `W_next`
# （形狀 $(n_l, n_{l+1})$）、它的誤差 `delta_next`（形狀 $(n, n_{l+1})$）以及斜率
# `slope` $= g'(z^l)$（形狀 $(n, n_l)$），傳回 $\delta^l$。檢查程式會試四種形狀，樣本數從一個到五個。

# %%
def hidden_delta(W_next, delta_next, slope):
    # 在這裡寫你的程式碼：傳回 delta^l，形狀為 (n, n_l)
    raise NotImplementedError


check("10.3", hidden_delta)

# %% jupyter={"source_hidden": true}
# 參考解答（點一下展開）：單一樣本時 delta^l = (W^(l+1) delta^(l+1)) * g'(z^l)；樣本排成列時，
# W^(l+1) delta^(l+1) 就是 delta_next @ W_next.T。這正是 bp.backward 裡的那一行。
def hidden_delta(W_next, delta_next, slope):
    return (delta_next @ W_next.T) * slope


check("10.3", hidden_delta)

# %% [markdown]
# **練習 4（先預測，再移動滑桿）。** 在第 5 節的梯度消失探索器中，保持 6 層、選 tanh，並把權重尺度移到 0.5。動手之前先預測：狀態列會說梯度「消失」（`"vanishing"`：往輸入方向每層的倍數小於 0.8）、「大致穩定」（`"roughly steady"`）還是「爆炸」（`"exploding"`：大於 1.25）？先在這裡檢查，再移動滑桿、讀讀狀態列。（狀態列用中文顯示；作答時請寫括號裡的英文。）

# %%
answer = None   # 把 None 換成 "vanishing"、"roughly steady" 或 "exploding"
check("10.4", answer)

# %% jupyter={"source_hidden": true}
# 參考解答（點一下展開）：權重小的時候，各個 z 都停在 0 附近，那裡 tanh 的斜率接近 1，
# 所以每層的倍數大約是（權重尺度）× 1 = 0.5，小於 0.8。
# （探索器的狀態列：往輸入方向每層 x0.45。）
check("10.4", "vanishing")
