# %% [markdown]
# # 第 05 課：神經元
#
# **本課學什麼。** 第 01 到 04 課所最小化的函數，都是別人交給我們的。從這一課起，函數要由我們自己*搭建*：也就是類神經網路（原文稱「神經網絡」）。它的基本單元是神經元：先對輸入做加權和，再通過一個活化函數（原文稱「激活函數」）。你會親手算出一個神經元的輸出，認識常用的活化函數以及它們的導數（第 07 課的反向傳播會用到），用滑桿調整神經元的權重，並看清楚活化函數並不是裝飾：少了它，整個網路會塌縮成一個線性函數，連 XOR 都算不出來。最後你會數一數一個小型數字分類器有多少參數，體會「人工類神經網路不過是一個非常大的函數」這句話。
#
# [課程地圖](00_course_map.ipynb) · 下一課：[第 06 課，損失函數](06_loss_function.ipynb)
#
# **English:** 本課的英文版：[English](../05_neuron.ipynb)

# %% jupyter={"source_hidden": true}
# 環境設定。在 Google Colab 上（沒有本課程的套件），下面幾行會從課程的程式庫安裝它
# （保留 Colab 本身的 numpy、matplotlib 與 ipywidgets）；在其他地方這幾行什麼都不做。
# 接著告訴輔助套件要用哪種語言。
import sys

if "google.colab" in sys.modules:
    import subprocess

    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                    "ann_helpers @ git+https://github.com/ann-math-course/ann-math-course"],
                   check=True)

import ann_helpers

ann_helpers.set_language("zh-Hant")

# %%
import numpy as np

from ann_helpers.activations import ACTIVATIONS
from ann_helpers.calculus import numerical_derivative
from ann_helpers.exercises import check
from ann_helpers.explorers.neuron import NeuronExplorer
from ann_helpers.neuron import (
    XOR_INPUTS,
    XOR_LABELS,
    compose_linear,
    linear_layer,
    neuron,
    neuron_steps,
    parameter_count,
    separation_margin,
    single_neuron_search,
    xor_network,
)
from ann_helpers.plotting import COLORS, break_at, new_figure, show

# %% [markdown]
# ## 1. 一步一步算一個神經元
#
# 一個有三個輸入 x1、x2、x3 的神經元，擁有三個權重 w1、w2、w3 和一個偏置 b。它先算出加權和，這只是輸入的一個普通線性函數：
#
# $$u = w_1 x_1 + w_2 x_2 + w_3 x_3 + b = \mathbf{w}\cdot\mathbf{x} + b,$$
#
# 再讓 u 通過活化函數 g：$y = g(u)$。權重決定每個輸入有多重要（以及往哪個方向起作用），偏置則移動神經元「開啟」的位置。下面是一個使用 sigmoid 活化函數的神經元，逐項計算：

# %%
x = [1.0, 2.0, -1.0]
w = [0.5, -0.3, 0.8]
b = 0.1
print(neuron_steps(x, w, b, "sigmoid").table())

# %% [markdown]
# 不論選哪個活化函數，線性部分都一樣，只有最後一步不同。同一個 u 分別通過本課程的每個活化函數：

# %%
u = neuron_steps(x, w, b).u
print(f"u = {u:.4f}")
print(f"{'活化函數':<8} {'y = g(u)':>10}")
for name in ACTIVATIONS:
    print(f"{name:<12} {neuron(x, w, b, name):>10.4f}")

# %% [markdown]
# `neuron` 也能一次處理許多樣本，每列一個；每一列都套用同一組權重（網路處理一個批次時正是這樣做）：

# %%
X = np.array([[1.0, 2.0, -1.0],
              [0.0, 0.0, 0.0],
              [2.0, -1.0, 1.5]])
for row, y in zip(X, neuron(X, w, b, "sigmoid"), strict=True):
    print(f"x = {row}   y = {y:.4f}")

# %% [markdown]
# ## 2. 活化函數一覽
#
# 每個活化函數都是*成對*出現的：函數 g 與它的導數 g'，在 `ann_helpers/activations.py` 裡並排寫在一起。上排是函數，下排是導數，所有導數都畫在**同一個刻度**上（這樣 sigmoid 最大的斜率 0.25
# 才能和 ReLU 的 1 相比）。函數或它的斜率有跳躍的地方（step 在 0；ReLU 與 leaky ReLU 的斜率在 0），曲線會斷開，而不是用一條垂直線連起來：在那一點導數不存在。

# %%
GALLERY = ["sigmoid", "tanh", "relu", "leaky_relu", "step", "softplus"]
TITLES = {  # 排版好的公式（繪圖用的附加程式碼）
    "sigmoid": r"sigmoid $\sigma(u) = 1/(1+e^{-u})$",
    "tanh": r"$\tanh u$",
    "relu": r"ReLU $\max(0, u)$",
    "leaky_relu": r"leaky ReLU $\max(0.01u, u)$",
    "step": r"階梯函數 step $[u \geq 0]$",
    "softplus": r"softplus $\log(1+e^u)$",
}
JUMPS = {"step": 0.0}                                  # 函數本身有跳躍
SLOPE_JUMPS = {"relu": 0.0, "leaky_relu": 0.0, "step": 0.0}   # 導數有跳躍
fig, axes = new_figure(ncols=len(GALLERY), nrows=2, size=(13.0, 4.8))
u_grid = np.linspace(-5, 5, 401)
for col, name in enumerate(GALLERY):
    g = ACTIVATIONS[name]
    u_f, y_f = break_at(u_grid, g.f(u_grid), JUMPS[name]) if name in JUMPS else (u_grid, g.f(u_grid))
    axes[0, col].plot(u_f, y_f, color=COLORS["curve"])
    axes[0, col].set_title(TITLES[name], fontsize=9)
    u_d, y_d = (break_at(u_grid, g.df(u_grid), SLOPE_JUMPS[name]) if name in SLOPE_JUMPS
                else (u_grid, g.df(u_grid)))
    axes[1, col].plot(u_d, y_d, color=COLORS["path"])
    axes[1, col].axhline(0.25, color=COLORS["muted"], lw=0.8, ls=":")
    axes[1, col].set_xlabel("$u$")
    axes[1, col].set_ylim(-0.08, 1.08)                 # 所有導數共用一個刻度
    axes[1, col].set_yticks([0, 0.25, 0.5, 0.75, 1.0])
axes[0, 0].set_ylabel("$g(u)$")
axes[1, 0].set_ylabel("導數 $g'(u)$")
show(fig)

# %% [markdown]
# 值得注意的地方：
#
# * **sigmoid** 把每個 u 壓進 (0, 1)；它的斜率在 u = 0 最大（0.25，即下排每張圖裡的點線），當 |u| > 5 時幾乎降到 0：一個飽和的神經元幾乎學不動。
# * **tanh** 是拉伸到 (-1, 1)、以 0 為中心的 sigmoid；它在 0 的斜率是 1。
# * **ReLU** 在 u 為負時是 0，u 為正時就是 u 本身：斜率不是 0 就是 1，計算便宜，是深層網路的常用選擇。**Leaky ReLU** 在左邊保留一個小斜率（0.01），讓神經元永遠不會完全平坦。
# * **step**（階梯函數）是早期感知器那種「全有或全無」的神經元。它的導數處處為 0（在 0 處則不存在），梯度下降從它得不到任何方向：這就是可訓練的網路改用平滑或分段線性活化函數的原因。
# * **softplus** log(1 + e^u) 是平滑版的 ReLU，而它的導數恰好就是 sigmoid。
#
# **sigmoid 的導數是 g(u)(1 - g(u))。** 對 $g(u) = 1/(1+e^{-u})$ 微分得到
# $g'(u) = e^{-u}/(1+e^{-u})^2 = g(u)\,(1-g(u))$。反向傳播（第 07 課）會大量用到這個式子：一旦知道神經元的輸出 g(u)，它的斜率只要再做一次乘法。下面用中央差分做數值檢查：

# %%
sig = ACTIVATIONS["sigmoid"]
print(f"{'u':>6} {'g(u)':>8} {'g(1-g)':>10} {'公式 dg':>9} {'數值微分':>7}")
for u_val in [-4.0, -1.0, 0.0, 0.5, 2.0, 6.0]:
    g_val = sig.f(u_val)
    print(f"{u_val:>6.1f} {g_val:>8.5f} {g_val * (1 - g_val):>10.6f} {sig.df(u_val):>11.6f} "
          f"{numerical_derivative(sig.f, u_val):>11.6f}")

# %% [markdown]
# 這些函數的寫法保證極端的輸入也不會溢位：sigmoid 只會對非正數呼叫 exp，softplus 則以
# max(u, 0) + log(1 + e^-|u|) 計算。

# %%
for u_val in [-1000.0, 1000.0]:
    print(f"sigmoid({u_val:g}) = {sig.f(u_val)}   softplus({u_val:g}) = "
          f"{ACTIVATIONS['softplus'].f(u_val)}")

# %% [markdown]
# ## 3. 互動探索：平面上的一個神經元
#
# 一個有兩個輸入的神經元，$y = g(w_1 x_1 + w_2 x_2 + b)$。熱度圖顯示正方形內每一點 (x1, x2) 的 y，數值對照旁邊的色條（sigmoid 與 step 是 0 到 1，tanh 是 -1 到 1，其他則是圖本身的範圍）；虛線是
# $w_1 x_1 + w_2 x_2 + b = 0$ 的位置，也就是 u 變號的地方，箭頭則是權重向量 w，指向 u > 0 的那一側。試試看：改變 b 會平移這條線但不會轉動它；把 w1 和 w2 一起放大，線不變，但 sigmoid 的過渡變得更陡（更接近 step）；切換活化函數會改變顏色，卻永遠不會改變那條線。右圖是活化函數 g(u)；粗線部分是正方形實際涵蓋到的 u 範圍。一個神經元永遠只能沿著一條直線把平面分成兩半：待會兒討論 XOR 時請記住這點。

# %%
explorer = NeuronExplorer(w1=1.0, w2=-1.0, b=0.5, activation="sigmoid")
print(explorer.status)
explorer.snapshot()

# %% tags=["nbval-ignore-output"]
explorer.ui

# %% [markdown]
# ## 4. 為什麼非線性很重要
#
# ### 兩個線性層等於一個線性層
#
# 拿掉活化函數（g(u) = u），疊兩層。一層神經元計算 $W\mathbf{x} + \mathbf{b}$，W 的每一列對應一個神經元。於是
#
# $$W_2(W_1\mathbf{x} + \mathbf{b}_1) + \mathbf{b}_2 = (W_2 W_1)\,\mathbf{x} + (W_2\mathbf{b}_1 + \mathbf{b}_2),$$
#
# 這就是一個權重為 $W_2W_1$、偏置為 $W_2\mathbf{b}_1 + \mathbf{b}_2$ 的單層。不管疊多少個線性層，整個網路仍然只是一個線性函數。代入數字看看（3 個輸入、4 個隱藏神經元、2 個輸出）：

# %%
rng = np.random.default_rng(5)
W1, b1 = rng.integers(-3, 4, size=(4, 3)).astype(float), rng.integers(-2, 3, size=4).astype(float)
W2, b2 = rng.integers(-3, 4, size=(2, 4)).astype(float), rng.integers(-2, 3, size=2).astype(float)
W, b_total = compose_linear(W1, b1, W2, b2)
print(f"W1 =\n{W1}\nb1 = {b1}\n")
print(f"W2 =\n{W2}\nb2 = {b2}\n")
print(f"合成一層：W = W2 W1 =\n{W}\nb = W2 b1 + b2 = {b_total}")

# %%
x_test = np.array([1.0, -2.0, 0.5])
two_layers = linear_layer(linear_layer(x_test, W1, b1), W2, b2)
one_layer = linear_layer(x_test, W, b_total)
print(f"x = {x_test}")
print(f"兩層：{two_layers}")
print(f"一層：{one_layer}")
print(f"相等：{np.allclose(two_layers, one_layer)}")

# %% [markdown]
# ### XOR：一個神經元辦不到，兩個隱藏神經元辦得到
#
# XOR（「互斥或」）在兩個輸入恰好有一個是 1 時為 1。單一個神經元、以 1/2 為門檻，能算出它嗎？它的輸出恰好在直線 $w_1x_1 + w_2x_2 + b = 0$ 的某一側大於 1/2（sigmoid 與 step 都是遞增函數），所以問題變成：有沒有一條直線能把 {(0,1), (1,0)} 和 {(0,0), (1,1)} 分開？答案是不能：
#
# * 我們需要在 (0,1) 與 (1,0) 處 $u > 0$：$w_2 + b > 0$ 且 $w_1 + b > 0$；兩式相加得
#   $w_1 + w_2 + 2b > 0$；
# * 又需要在 (0,0) 與 (1,1) 處 $u < 0$：$b < 0$ 且 $w_1 + w_2 + b < 0$；兩式相加得
#   $w_1 + w_2 + 2b < 0$。矛盾。
#
# 兩種電腦檢查都同意。第一種是暴力搜尋：在 -3 到 3、間隔 0.25 的格點上試遍每一組 (w1, w2, b)
# （共 15,625 個神經元）；最好的一個仍然會答錯四種情況中的一種。第二種是線性規劃：找出最大的間隔 m，使得某條直線（權重與偏置都在 [-1, 1] 內）讓標籤為 1 的情況都有 u >= m、標籤為 0 的情況都有
# u <= -m：對 XOR 來說最大間隔是 0，一點空間都沒有。作為對照，AND 與 OR 的結果如下：

# %%
print(f"{'函數':<4} {'標籤':<12} {'最佳正確率（格點）':>12} {'LP 間隔':>8}")
for fname, labels in [("AND", [0, 0, 0, 1]), ("OR", [0, 1, 1, 1]), ("XOR", XOR_LABELS)]:
    labels = np.asarray(labels, dtype=float)
    best, _ = single_neuron_search(XOR_INPUTS, labels)
    print(f"{fname:<6} {str(labels.astype(int)):<14} {best:>21.2f} "
          f"{separation_margin(XOR_INPUTS, labels):>10.4f}")

# %% [markdown]
# 現在加上一個由兩個 sigmoid 神經元組成的隱藏層。權重是手動設定的：h1 是 OR 偵測器（x1 + x2 > 0.5 時開啟），h2 是 AND 偵測器（x1 + x2 > 1.5 時開啟），輸出神經元則在 h1 開、
# h2 關的時候觸發，也就是「OR 但不是 AND」，這正是 XOR。權重取得很大（20），讓每個 sigmoid
# 幾乎就是一個階梯函數：

# %%
W_hidden = np.array([[20.0, 20.0],    # h1：OR
                     [20.0, 20.0]])   # h2：AND
b_hidden = np.array([-10.0, -30.0])
w_out, b_out = np.array([20.0, -20.0]), -10.0
H = ACTIVATIONS["sigmoid"].f(XOR_INPUTS @ W_hidden.T + b_hidden)
Y = xor_network(XOR_INPUTS, W_hidden, b_hidden, w_out, b_out)
print(f"{'x1':>3} {'x2':>3} | {'h1 (OR)':>8} {'h2 (AND)':>9} | {'y':>7} {'四捨五入':>4} {'XOR':>4}")
for (x1, x2), (h1, h2), y, t in zip(XOR_INPUTS, H, Y, XOR_LABELS, strict=True):
    print(f"{x1:>3.0f} {x2:>3.0f} | {h1:>8.4f} {h2:>9.4f} | {y:>7.4f} {round(y):>8d} {t:>4.0f}")

# %% [markdown]
# 隱藏神經元把輸入空間「彎折」了：在 (h1, h2) 座標中，四種情況變成 (0,0)、(1,0)、(1,0)、(1,1)，在那裡一條直線就能把中間的兩點和兩端分開。沒有非線性的活化函數，這種彎折就不可能發生，因為（見上一小節）線性層疊起來永遠只會得到一個線性函數。
#
# ## 5. 網路不過是一個很大的函數
#
# 一個辨識 28 x 28 像素數字影像的分類器有 784 個輸入（每個像素一個），假設有一個 100 個神經元的隱藏層，以及 10 個輸出（每個數字一個分數）。一層中的每個神經元對每個輸入有一個權重，外加一個偏置，所以一層從 n_in 個到 n_out 個神經元共有 n_in * n_out + n_out 個參數：

# %%
sizes = [28 * 28, 100, 10]
total = 0
for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
    count = n_in * n_out + n_out
    total += count
    print(f"層 {n_in:>3} -> {n_out:>3}：{n_in} * {n_out} + {n_out} = {count:>6,}")
print(f"合計：{total:,} 個參數（parameter_count 算出 {parameter_count(sizes):,}）")

# %% [markdown]
# 所以這個小網路是一個有 784 個輸入、79,510 個旋鈕的函數。訓練就是要同時替所有旋鈕找到好的值，而第 06 課會把這件事變成「最小化一個函數」，這正是第 02 到 04 課教過我們的事。
#
# ## 練習
#
# 把 `None` 換成你的答案，或寫出練習要求的函式，然後執行該儲存格：檢查器會回答*正確*，或是*還沒*並附上提示（第二次答錯會給更具體的提示）。每題練習下方收合的儲存格裡有詳解。
#
# **練習 1**：一個神經元的權重為 w = (2, -1, 0.5)，偏置 b = -1，活化函數是 sigmoid。當 x = (1, 3, 2) 時，它的輸出 y 是多少？（取到小數點後 4 位）

# %%
answer = None   # 把 None 換成你的答案
check("05.1", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點擊展開）：u = 2*1 + (-1)*3 + 0.5*2 + (-1) = -1，
# 而 y = sigmoid(-1) = 1 / (1 + e^1)，約為 0.2689。
check("05.1", 1 / (1 + np.exp(-(2 * 1 + (-1) * 3 + 0.5 * 2 - 1))))

# %% [markdown]
# **練習 2**：一個各層大小為 10 -> 5 -> 5 -> 1 的全連接網路有多少個參數（權重加偏置）？（整數）

# %%
answer = None   # 把 None 換成你的答案
check("05.2", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點擊展開）：每一層有 n_in * n_out 個權重 + n_out 個偏置：
# (10*5 + 5) + (5*5 + 5) + (5*1 + 1) = 55 + 30 + 6 = 91。
check("05.2", (10 * 5 + 5) + (5 * 5 + 5) + (5 * 1 + 1))

# %% [markdown]
# **練習 3**：在某個 u，sigmoid 的值為 g(u) = 0.8。它在該處的導數 g'(u) 是多少？（取到小數點後 4 位）

# %%
answer = None   # 把 None 換成你的答案
check("05.3", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點擊展開）：g'(u) = g(u) (1 - g(u)) = 0.8 * 0.2 = 0.16；
# 完全不需要知道 u 本身。
check("05.3", 0.8 * (1 - 0.8))

# %% [markdown]
# **練習 4（程式）**：一個神經元的前向計算。寫出 `neuron_output(x, w, b, g)`：對任意（等）長度的輸入 `x` 與權重 `w`、偏置 `b` 與活化函數 `g`，計算
# $y = g(\mathbf{w} \cdot \mathbf{x} + b)$。檢查器會把本課的活化函數當作 `g` 傳入（sigmoid、ReLU、tanh、linear），並與課程的 `neuron` 比對結果。

# %%
def neuron_output(x, w, b, g):
    # 在這裡寫你的程式碼：回傳 y
    raise NotImplementedError


check("05.4", neuron_output)


# %% jupyter={"source_hidden": true}
# 詳解（點擊展開）：加權和是一個數；活化函數在它之後套用，而且只套用一次。
def neuron_output(x, w, b, g):
    u = sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b
    return g(u)


check("05.4", neuron_output)

# %% [markdown]
# **練習 5（先預測，再移動滑桿）**：在第 3 節的探索器中，維持 w1 = 1、w2 = −1、b = 0.5。在把活化函數切換成 `relu` 之前，先預測：神經元在角落 (x1, x2) = (−2, 2)，也就是圖的左上角，輸出會是多少？（取到小數點後 2 位）先在這裡檢查，再切換過去看看那裡的顏色。

# %%
answer = None   # 把 None 換成你的預測
check("05.5", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點擊展開）：u = 1*(-2) + (-1)*2 + 0.5 = -3.5 < 0，而 ReLU 對每個負的 u 都是 0：
# 邊界線那一側的整個半平面都是平平的 0（sigmoid 在那裡會給出 0.03，很小但不是 0）。
u_corner = 1 * (-2) + (-1) * 2 + 0.5
check("05.5", max(0.0, u_corner))
