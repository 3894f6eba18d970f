# %% [markdown]
# # 07 四個神經元的網路上的連鎖律與反向傳播
#
# **這一課你會**拿原文那個小網路（兩個輸入、中間兩個 sigmoid 神經元、兩個輸出神經元），把一個訓練樣本送進去，寫下每一個中間數值；接著用連鎖律（原文稱「鏈式求導法則」）求出損失對十二個參數各自的導數。你會看到：靠近輸出的權重只有一條鏈通到損失，靠近輸入的權重卻有兩條，必須相加；而且第二種會重用第一種已經算好的片段。把這些片段存起來、從後往前算，就是誤差反向傳播（BP）。最後你會算算這種重用省下多少計算，做一步梯度下降，再用學習率滑桿在這個樣本上訓練網路。
#
# [課程地圖](00_course_map.ipynb) · 下一課：[08 用多個樣本訓練](08_training_strategies.ipynb)
#
# **English:** 本課的英文版：[English](../07_backpropagation.ipynb)

# %% jupyter={"source_hidden": true}
# 準備工作。Google Colab 上沒有本課程的套件，下面幾行會從課程的儲存庫安裝它（保留 Colab
# 自帶的 numpy、matplotlib 與 ipywidgets）；在其他環境中這幾行什麼也不做。接著告訴輔助
# 程式要用哪種語言。
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
from ann_helpers.backprop import chain_rule_cost
from ann_helpers.calculus import numerical_derivative
from ann_helpers.exercises import check
from ann_helpers.explorers.backprop import (
    COST_NETWORKS,
    BackpropStepsExplorer,
    OneExampleExplorer,
    cost_figure,
    forward_rows,
    gradient_table,
    network_figure,
)
from ann_helpers.network import (
    LESSON_PARAMS,
    LESSON_X,
    LESSON_Y,
    PARAM_NAMES,
    TinyNet,
    gradient_cost,
)
from ann_helpers.plotting import show

# %% [markdown]
# ## 1. 網路
#
# 兩個輸入 $x_1, x_2$；兩個隱藏神經元，使用 sigmoid 活化函數（原文稱「激活函數」）$g$；兩個輸出神經元完全不加活化函數（原文的選擇：$o(u) = u$）：
#
# $$h_1 = g(\underbrace{w_1 x_1 + w_2 x_2 + b_1}_{u_1}), \qquad
#   h_2 = g(\underbrace{w_3 x_1 + w_4 x_2 + b_2}_{u_2})$$
# $$\hat y_1 = o(\underbrace{w_5 h_1 + w_6 h_2 + b_3}_{u_3}), \qquad
#   \hat y_2 = o(\underbrace{w_7 h_1 + w_8 h_2 + b_4}_{u_4})$$
#
# 一個訓練樣本（原文稱「樣例」）的標籤是 $(y_1, y_2)$，它的損失函數是乘上二分之一的平方誤差：
#
# $$L = \tfrac12 \left[(y_1 - \hat y_1)^2 + (y_2 - \hat y_2)^2\right].$$
#
# 樣本一旦固定，$L$ 就只是十二個參數 $w_1 \dots w_8$、$b_1 \dots b_4$ 的函數（第 06 課），而訓練就是在這個十二維空間裡往下坡走。原文沒有給數字，所以本課自己挑了一組：

# %%
net = TinyNet(LESSON_PARAMS)
L = net.loss(LESSON_X, LESSON_Y)
print(f"樣本：x = {LESSON_X}，標籤 y = {LESSON_Y}")
print("參數：" + "，".join(f"{k} = {LESSON_PARAMS[k]:g}" for k in PARAM_NAMES))

# %%
show(network_figure(net))

# %% [markdown]
# ## 2. 前向計算，一個數一個數來
#
# 算出輸出就是從前往後走。每一個中間值都要留著：反向傳播會用到它們。

# %%
print(f"{'量':<7}  {'公式':<38}  {'值':>8}")
for name, formula, value in forward_rows(net):
    print(f"{name:<8}  {formula:<40}  {value:>9.4f}")

# %% [markdown]
# ## 3. 緊鄰輸出的權重：一條鏈
#
# $w_5$ 只沿著一條路徑影響損失：$w_5 \to u_3 \to \hat y_1 \to L$。連鎖律把這條路徑上的局部導數相乘：
#
# $$\frac{\partial L}{\partial w_5}
#   = \frac{\partial L}{\partial \hat y_1}\cdot\frac{\partial \hat y_1}{\partial u_3}\cdot
#     \frac{\partial u_3}{\partial w_5}
#   = (\hat y_1 - y_1)\cdot o'(u_3)\cdot h_1,$$
#
# 恆等輸出的 $o'(u_3) = 1$。每個因子都是手上已經有的數。前兩個因子合起來，$\delta_3 = \partial L / \partial u_3$，屬於輸出神經元，而不屬於這個權重：把它記下來，只算一次。

# %%
grads = net.backward(LESSON_X, LESSON_Y)
v, t = net.values, net.terms
print(f"dL/dy1_hat  = y1_hat - y1      = {v['y1_hat']:.4f} - {v['y1']:.4f} = {t['dL_dy1_hat']:+.6f}")
print(f"dy1_hat/du3 = o'(u3)           = {1.0:.6f}")
print(f"delta3      = dL/du3           = {t['delta3']:+.6f}   （存起來）")
print(f"du3/dw5     = h1               = {v['h1']:.6f}")
print(f"dL/dw5      = delta3 * h1      = {grads['w5']:+.6f}")


def loss_at(name, value):
    """只改一個參數、其他參數維持本課數值時的 L。"""
    return TinyNet({**LESSON_PARAMS, name: value}).loss(LESSON_X, LESSON_Y)


print(f"數值估計（中央差分）：{numerical_derivative(lambda w: loss_at('w5', w), LESSON_PARAMS['w5']):+.6f}")

# %% [markdown]
# 隱藏神經元帶進了 sigmoid 的導數。它可以用 sigmoid 自己的值寫出來，$g'(u) = g(u)\,(1 - g(u))$，所以 $g'(u_1) = h_1 (1 - h_1)$：這也是前向計算時留下的數，不必再算一次指數。

# %%
u1, h1 = v["u1"], v["h1"]
print(f"h1 (1 - h1)                  = {h1 * (1 - h1):.8f}")
print(f"由 activations 得到的 g'(u1) = {ACTIVATIONS['sigmoid'].df(u1):.8f}")
print(f"中央差分得到的 g'(u1)        = {numerical_derivative(ACTIVATIONS['sigmoid'].f, u1):.8f}")

# %% [markdown]
# ## 4. 緊鄰輸入的權重：兩條鏈相加
#
# $w_1$ 改變 $u_1$，因而改變 $h_1$，而 $h_1$ 同時連到**兩個**輸出。所以 $w_1$ 沿兩條路徑影響 $L$，一條經過 $\hat y_1$，一條經過 $\hat y_2$，連鎖律把兩者相加：
#
# $$\frac{\partial L}{\partial w_1}
#   = \Big[\underbrace{(\hat y_1 - y_1)\, o'(u_3)}_{\color{#D55E00}{\delta_3}}\, w_5
#   + \underbrace{(\hat y_2 - y_2)\, o'(u_4)}_{\color{#D55E00}{\delta_4}}\, w_7\Big]
#     \cdot h_1 (1 - h_1) \cdot x_1 .$$
#
# 上了色的因子 $\delta_3$ 與 $\delta_4$，正是先前為 $w_5$ 和 $w_7$ 算過的那兩個。程式把它們存起來，在這裡直接重用，而不是從 $L$ 開始把整條鏈重算一遍：反向傳播說穿了就是這樣。

# %%
chain_1 = t["delta3"] * LESSON_PARAMS["w5"] * t["g_prime_1"] * v["x1"]
chain_2 = t["delta4"] * LESSON_PARAMS["w7"] * t["g_prime_1"] * v["x1"]
print(f"delta3 = {t['delta3']:+.6f}   <- 計算 dL/dw5 時存下，這裡重用")
print(f"delta4 = {t['delta4']:+.6f}   <- 計算 dL/dw7 時存下，這裡重用")
print(f"g'(u1) = h1 (1 - h1) = {t['g_prime_1']:.6f}，x1 = {v['x1']:g}")
print(f"經過 y1_hat 的鏈：delta3 * w5 * g'(u1) * x1 = {chain_1:+.6f}")
print(f"經過 y2_hat 的鏈：delta4 * w7 * g'(u1) * x1 = {chain_2:+.6f}")
print(f"dL/dw1 = 兩條鏈的和                         = {chain_1 + chain_2:+.6f}")
print(f"TinyNet.backward 算出的 dL/dw1              = {grads['w1']:+.6f}")
print(f"數值估計（中央差分）                        = {numerical_derivative(lambda w: loss_at('w1', w), LESSON_PARAMS['w1']):+.6f}")

# %% [markdown]
# 在這裡兩條鏈幾乎互相抵消：增加 $h_1$ 對 $\hat y_1$（太小）有幫助，對 $\hat y_2$（太大）卻有害，而且兩者的量差不多，所以此刻 $w_1$ 幾乎無關緊要。只看一條鏈，就會得出錯誤的結論。
#
# ## 5. 全部十二個梯度，逐一驗算
#
# `TinyNet.backward` 就是這樣從後往前算出每一個偏導數。每個偏導數旁邊列出中央差分的數值估計（經 Richardson 外插修正，見 `ann_helpers.network.gradient_check`），以及兩者的相對誤差。

# %%
rows = gradient_table(net, LESSON_X, LESSON_Y)
print(f"{'參數':<4} {'值':>5}  {'反向傳播 dL/dp':>11}  {'數值估計':>11}  {'相對誤差':>6}")
for name, analytic, numerical, error in rows:
    shown = f"{error:.1e}" if error >= 1e-9 else "< 1e-9"   # 再小就只是捨入雜訊
    print(f"{name:<6} {LESSON_PARAMS[name]:>6.2f}  {analytic:>+15.9f}  {numerical:>+15.9f}  {shown:>10}")
print(f"最大相對誤差小於 1e-6：{max(r[3] for r in rows) < 1e-6}")

# %% [markdown]
# ## 6. 一步一步走過反向計算
#
# 移動滑桿，一次一個節點地走過反向計算。橙色節點是目前這一項所在的位置，淺藍色節點存著它要重用的項，粗的朱紅色邊是這一步所沿著的邊（它們的權重出現在公式裡，或它們的梯度在這一步完成），綠色（邊則是虛線）標出已經完成的部分。圖下方的公式寫出實際的數字。請注意：從第 7 步開始，再也沒有任何一項是從 $L$ 重新算起的，每一步都從一個存好的 $\delta$ 出發。

# %%
steps_explorer = BackpropStepsExplorer(step=7)
print(steps_explorer.status)
steps_explorer.snapshot()

# %% tags=["nbval-ignore-output"]
steps_explorer.ui

# %% [markdown]
# ## 7. 重用為什麼重要：數一數乘加次數
#
# 不用反向傳播，還是可以用數值方法求出每個偏導數：把一個參數往上、往下各推一點，網路各跑一次（中央差分）。這樣**每個參數**要做兩次前向計算。反向傳播則只要一次前向、一次反向，就得到全部偏導數，而反向計算的成本大約是兩次前向計算（一次乘積求權重的梯度，一次把 $\delta$ 往回傳）。設有 $P$ 個參數，一次前向計算要 $F \approx P$ 次乘加：
#
# | 方法 | 求出整個梯度所需的乘加次數 |
# | --- | --- |
# | 有限差分 | $2 P F \approx 2P^2$ |
# | 反向傳播 | $\approx 3F \approx 3P$ |

# %%
print(f"{'網路':<20} {'參數個數':>7} {'有限差分':>10} {'反向傳播':>7} {'倍數':>7}")
for sizes in COST_NETWORKS:
    c = gradient_cost(sizes)
    ratio = c["finite_differences"] / c["backprop"]
    print(f"{str(sizes):<22} {c['parameters']:>11,} {c['finite_differences']:>14.3g} "
          f"{c['backprop']:>11,} {ratio:>9,.0f}")

# %% [markdown]
# 與上表相同的幾個網路，畫成雙對數座標上的點 (P, 成本)。斜率 1 的直線表示成本 ∝ P，斜率 2 表示成本 ∝ P²：

# %%
show(cost_figure(COST_NETWORKS))

# %% [markdown]
# 原文那個小網路的差別是 192 次對 20 次乘加。這個倍數隨參數個數增長：一個有二十五萬個參數的數字分類器，用有限差分求一次梯度要多花大約 250,000 倍的工夫，而訓練需要成千上萬次梯度。
#
# **原文自己的比較**更貼近本課：使用連鎖律，但*不*保留中間結果。這時每個權重的導數都要像第 4 節那樣完整寫出：從權重到某個輸出的每條路徑各是一個乘積，再把所有路徑加起來。深層網路第一層的權重有很多條路徑（後面每一層都把路徑數乘上該層的寬度），而且每條路徑都很長。`chain_rule_cost`（第 10 課用的也是同一套計數）用乘加次數計算兩種做法，兩者都包含前向計算：
#
# * **不重用**：每個參數各自對所有路徑求和；沿路徑走一步（乘上一個權重和該處的斜率 $g'$）算一次乘加，最後乘上該權重的輸入也算一次；
# * **反向傳播**：一層的 $\delta$ 由上一層算一次，下方所有權重共用（即上表的「反向傳播」一欄）。

# %%
c = chain_rule_cost([2, 2, 2])
print(f"原文的網路 [2, 2, 2]：不重用 {c['without_reuse']} 次、"
      f"反向傳播 {c['backprop']} 次乘加")
print(f"{'寬度 4 的隱藏層數':<18} {'參數個數':>6} {'不重用':>11} "
      f"{'反向傳播':>13} {'倍數':>7}")
for hidden in (1, 2, 4, 6, 8, 10):
    sizes = [2] + [4] * hidden + [2]
    c = chain_rule_cost(sizes)
    print(f"{hidden:<25d} {c['parameters']:>10d} {c['without_reuse']:>14,d} "
          f"{c['backprop']:>17,d} {c['without_reuse'] / c['backprop']:>9,.1f}")

# %% [markdown]
# 原文的網路是 28 次對 20 次：這麼小的網路沒什麼可以重用。之後反向傳播的成本與權重個數同步成長（每多一層寬度 4 的隱藏層，多 48 次乘加）；完整寫出的鏈則每多一層就變成四到五倍，因為每多一層寬度 4 的隱藏層，路徑數就乘上 4，而且每條路徑都變得更長。到了十個隱藏層、202 個參數，就是九千三百萬次乘加對 472 次。保留中間結果，也就是那些 $\delta$，讓指數成長的帳單變成線性。原文提到有數億個參數的網路：沒有這種重用，根本不可能訓練它們。
#
# ## 8. 更新一步
#
# 梯度下降把每個參數同時往它偏導數的反方向移動，而且梯度都在**舊**參數上計算：$p_{\text{new}} = p_{\text{old}} - \text{lr}\cdot \partial L/\partial p$。

# %%
lr = 0.5
stepped = TinyNet(LESSON_PARAMS)
loss_before = stepped.step(LESSON_X, LESSON_Y, lr)
loss_after = stepped.loss(LESSON_X, LESSON_Y)
print(f"{'參數':<4} {'舊值':>6} {'dL/dp':>10} {'新值':>7}")
for name in PARAM_NAMES:
    print(f"{name:<6} {LESSON_PARAMS[name]:>8.4f} {grads[name]:>+10.4f} {stepped.params[name]:>9.4f}")
print(f"更新前的損失：{loss_before:.6f}   以 lr = {lr} 更新一步後：{loss_after:.6f}")

# %% [markdown]
# ## 9. 在一個樣本上訓練
#
# 重複這一步，損失就會趨近 0（一個樣本很容易完全擬合：十二個參數，只要對上兩個數）。快不快、甚至會不會收斂，就和第 03、04 課一樣，取決於學習率。

# %%
for rate in (0.05, 0.2, 1.0, 2.0, 2.5):
    history = TinyNet(LESSON_PARAMS).fit(LESSON_X, LESSON_Y, lr=rate, steps=30)
    print(f"lr = {rate:<5} {history.status}")

# %% [markdown]
# 移動學習率：很小的值走得很慢，1 左右損失下降得最快，接近 2 時輸出開始在目標兩側擺盪，再大就會發散（狀態列會說出來，參數則停在最後一組有限的值）。低於 $10^{-12}$ 的損失畫在 $-12$：到了那裡，數字已經碰到浮點數的極限。

# %%
lr_explorer = OneExampleExplorer(lr=0.2, steps=30)
print(lr_explorer.status)
lr_explorer.snapshot()

# %% tags=["nbval-ignore-output"]
lr_explorer.ui

# %% [markdown]
# ## 練習
#
# 在 `None` 的位置填入答案，或寫出練習要求的函式，然後執行該儲存格：檢查程式會說*答對了*，或是*還沒*並給一個提示（第二次答錯會給更具體的提示）。每題下方收合的儲存格裡有詳解。
#
# **練習 1.** 利用第 2 節的前向計算表（$h_2$、$\hat y_1$ 與標籤 $y_1 = 1$），手算 $\partial L / \partial w_6$。（取到小數第 3 位）

# %%
answer = None   # 把 None 換成你的答案
check("07.1", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點開查看）：只有一條鏈，L -> y1_hat -> u3 -> w6：
# dL/dw6 = (y1_hat - y1) * o'(u3) * h2 = delta3 * h2 = (0.1709 - 1) * 1 * 0.5374。
check("07.1", (v["y1_hat"] - v["y1"]) * 1.0 * v["h2"])

# %% [markdown]
# **練習 2.** 用本課的數字算出 $\partial L / \partial w_4$。這需要兩條鏈；重用 $\delta_3$ 與 $\delta_4$。（取到小數第 3 位）

# %%
answer = None   # 把 None 換成你的答案
check("07.2", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點開查看）：w4 連到 h2，而 h2 連到兩個輸出，所以
# dL/dh2 = delta3 * w6 + delta4 * w8，再乘上 g'(u2) = h2 (1 - h2) 與 du2/dw4 = x2。
dL_dh2 = t["delta3"] * LESSON_PARAMS["w6"] + t["delta4"] * LESSON_PARAMS["w8"]
check("07.2", dL_dh2 * v["h2"] * (1 - v["h2"]) * v["x2"])

# %% [markdown]
# **練習 3.** 以學習率 0.5 做一步梯度下降之後，$w_5$ 的新值是多少？（取到小數第 3 位）

# %%
answer = None   # 把 None 換成你的答案
check("07.3", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點開查看）：w5_new = w5 - lr * dL/dw5 = 0.5 - 0.5 * (-0.4864)：
# 梯度是負的，所以這一步讓 w5 變大（y1_hat 太小，而 h1 > 0）。
check("07.3", LESSON_PARAMS["w5"] - 0.5 * grads["w5"])

# %% [markdown]
# **練習 4（程式）.** 把練習 2 推廣到任意數字。寫出 `dL_dw4(v, p)`：`v` 是前向計算結果的 dict（`"x1"`、`"x2"`、`"h1"`、`"h2"`、`"y1_hat"`、`"y2_hat"` 以及標籤 `"y1"`、`"y2"`），`p` 是十二個參數的 dict（`"w1"` ... `"w8"`、`"b1"` ... `"b4"`）。傳回 $\partial L/\partial w_4$（恆等輸出、sigmoid 隱藏神經元，$L = \tfrac12[(\hat y_1 - y_1)^2 + (\hat y_2 - y_2)^2]$）。檢查程式會在本課的數字和隨機權重上，拿它和 `TinyNet.backward` 比較。

# %%
def dL_dw4(v, p):
    # 在這裡寫你的程式碼：傳回 dL/dw4
    raise NotImplementedError


check("07.4", dL_dw4)


# %% jupyter={"source_hidden": true}
# 詳解（點開查看）：先算一次兩個輸出的 delta，再把兩條鏈匯入 h2，最後乘上隱藏神經元的
# 兩個局部因子。
def dL_dw4(v, p):
    delta3 = v["y1_hat"] - v["y1"]                       # o'(u3) = 1
    delta4 = v["y2_hat"] - v["y2"]                       # o'(u4) = 1
    dL_dh2 = delta3 * p["w6"] + delta4 * p["w8"]         # h2 連到兩個輸出
    return dL_dh2 * v["h2"] * (1 - v["h2"]) * v["x2"]    # g'(u2) = h2 (1 - h2)，du2/dw4 = x2


check("07.4", dL_dw4)

# %% [markdown]
# **練習 5（先預測，再移動滑桿）.** 第 9 節的學習率探索器在這一個樣本上訓練 30 步；lr = 0.2 時損失會下降。把滑桿移到 lr = 2.5 之前先想一想：30 步之後的損失會比一開始低（`"falls"`）還是高（`"grows"`）？先在這裡檢查，再移動滑桿、讀狀態列。

# %%
answer = None   # 把 None 換成 "falls" 或 "grows"
check("07.5", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點開查看）：網路的損失在極小值附近是一個碗，而第 03 課看過，步伐超過碗的穩定上限時
# 會怎樣：衝過頭的量比修正的還多。lr = 2.5 已經超過上限，損失一步比一步大。
history_25 = TinyNet(LESSON_PARAMS).fit(LESSON_X, LESSON_Y, lr=2.5, steps=30)
check("07.5", "grows" if history_25.diverged or history_25[-1] > history_25[0] else "falls")
