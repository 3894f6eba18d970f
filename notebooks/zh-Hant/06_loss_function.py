# %% [markdown]
# # 第 06 課：損失函數
#
# **本課學什麼。** 第 05 課搭好了模型：一個有輸入、也有未知參數（權重與偏置）的函數。這一課要走出關鍵的一步，把訓練變成「找一個函數的極小值」：把一個訓練樣本（原文稱「訓練樣例」）的輸入與標籤代入模型，拿模型的輸出和標籤比較。剩下的就是一個只以*參數*為變數的函數，也就是損失函數。你會用
# sympy 做這個轉換，比較常見的幾種損失形式（絕對誤差、均方誤差、交叉熵）以及它們的梯度，用滑桿手動擬合一條直線，再讓第 03、04 課的梯度下降找出同一條直線，也就是最小平方解。最後你會看到為什麼一個樣本不夠：它的損失有一整條谷底都是極小值，只有把許多樣本的損失加總，才能把參數確定下來。
#
# [課程地圖](00_course_map.ipynb) · 上一課：[第 05 課，神經元](05_neuron.ipynb) ·
# 下一課：[第 07 課，反向傳播](07_backpropagation.ipynb)
#
# **English:** 本課的英文版：[English](../06_loss_function.ipynb)

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
import sympy as sp

from ann_helpers.descent import gradient_descent
from ann_helpers.exercises import check
from ann_helpers.explorers.loss import LossFitExplorer
from ann_helpers.losses import (
    LOSSES,
    cross_entropy_logits,
    cross_entropy_logits_grad,
    example_data,
    least_squares_line,
    line_loss,
    line_loss_grad,
    line_loss_surface,
    one_hot,
    softmax,
    symbolic_example_loss,
)
from ann_helpers.plotting import COLORS, break_at, contour_2d, new_figure, path_2d, show

# %% [markdown]
# ## 1. 兩個函數：模型與損失
#
# 同一個式子可以有兩種讀法。以模型 $f(x_1, x_2) = a x_1 + b x_2 + c$ 為例：
#
# * 把它當作**目標函數**（也就是模型）來讀時，a、b、c 是固定的數，x1、x2 會變動：給它任何輸入，它就預測一個輸出。
# * 把它當作**損失函數**來讀時，輸入與標籤是固定的數（一個訓練樣本），a、b、c 會變動：它告訴我們，用*這組*參數的模型在*那個*樣本上錯得有多離譜。
#
# 附註：原文的「目標函數」指的是模型本身；但在一般的最佳化文獻裡，「目標函數」（objective function）通常指要被最小化的那個函數，也就是損失函數。本課沿用原文的用法時，會寫成「目標（模型）函數」。
#
# | | 目標（模型）函數 | 損失函數 |
# |---|---|---|
# | 形式 | $\hat y = f(\mathbf{x}; \mathbf{w})$，例如 $a x_1 + b x_2 + c$，或一個網路 | $L(\mathbf{w}) = \ell(f(\mathbf{x}; \mathbf{w}), y)$，例如 $\tfrac12(f - y)^2$ |
# | 怎麼建構 | 由我們選定架構：神經元、層數、活化函數 | 把訓練樣本的輸入與標籤代入模型，比較輸出與標籤 |
# | 變數 | 輸入 $\mathbf{x}$（參數是常數） | 參數 $\mathbf{w}$（輸入與標籤是常數） |
# | 函數值的意義 | 一個預測：一個數，或各類別的機率 | 誤差：永不為負，預測完全正確時為 0 |
# | 角色 | 訓練完成後用來預測 | 訓練期間使用：我們對參數最小化它 |
#
# 同一個式子，兩種讀法（代入數字）：

# %%
def f(x1, x2, a, b, c):
    """模型：a x1 + b x2 + c。"""
    return a * x1 + b * x2 + c


params = (0.5, 1.0, -1.0)                     # 固定 a、b、c：x 的目標函數
print("當作目標函數（固定 a, b, c = 0.5, 1.0, -1.0）：")
for x1, x2 in [(1.0, 2.0), (0.0, 0.0), (3.0, -1.0)]:
    print(f"  x = ({x1:4.1f}, {x2:4.1f})  ->  預測值 {f(x1, x2, *params):7.3f}")

x1, x2, y = 1.0, 2.0, 3.0                     # 固定一個訓練樣本：a、b、c 的損失
print(f"\n當作損失函數（固定樣本 x = ({x1}, {x2})、標籤 y = {y}）：")
for a, b, c in [(0.5, 1.0, -1.0), (1.0, 1.0, 0.0), (0.0, 0.0, 0.0)]:
    L = 0.5 * (f(x1, x2, a, b, c) - y) ** 2
    print(f"  (a, b, c) = ({a:4.1f}, {b:4.1f}, {c:4.1f})  ->  損失 {L:7.3f}")

# %% [markdown]
# ## 2. 用符號運算做這個轉換
#
# sympy 替我們做代入：從帶有符號的模型出發，代入樣本 x1 = 1、x2 = 2 與標籤 y = 3，均方誤差損失
# $\tfrac12(f - y)^2$ 就變成只含 a、b、c 的式子。它的偏導數正是梯度下降需要的東西。

# %%
a, b, c = sp.symbols("a b c")
L1, grads1 = symbolic_example_loss(x1=1, x2=2, y=3)
print("模型：      f(x1, x2) = a*x1 + b*x2 + c")
print("樣本：      x1 = 1, x2 = 2, 標籤 y = 3")
print(f"損失：      L(a, b, c) = {sp.factor(L1)}")
print(f"展開：      L(a, b, c) = {L1}")
print(f"變數：      {sorted(map(str, L1.free_symbols))}")
for name, g in zip("abc", grads1, strict=True):
    print(f"dL/d{name} = {g}")

# %% [markdown]
# 極小值在哪裡？每個偏導數都是 $a + 2b + c - 3$ 的倍數，所以在整個平面 $a + 2b + c = 3$ 上梯度都是零：一個樣本會讓三個參數中有兩個不受約束。每多一個樣本就多一個限制條件；把三個樣本的損失加總，梯度就只在唯一一點為零：

# %%
print("單一樣本損失的極小值：", sp.solve(grads1, [a, b, c], dict=True))
examples = [(1, 2, 3), (2, 0, 1), (0, 1, 2)]
L_sum = sum(symbolic_example_loss(*e)[0] for e in examples)
grads_sum = [sp.diff(L_sum, p) for p in (a, b, c)]
print(f"{len(examples)} 個樣本加總的損失：", sp.expand(L_sum))
print("加總損失的極小值：", sp.solve(grads_sum, [a, b, c], dict=True))

# %% [markdown]
# ## 3. 損失的形式與它們的梯度
#
# 對一個預測值 $\hat y$ 與標籤 $y$：
#
# * 絕對誤差 $|\hat y - y|$，梯度為 $\operatorname{sign}(\hat y - y)$；
# * 平方誤差 $\tfrac12(\hat y - y)^2$，梯度為 $\hat y - y$（1/2 抵消了平方微分出來的 2）。這就是原文所用的形式，原文稱為均方誤差。它的公式裡帶著一個總和，原文也說明了原因：一個網路可以有**好幾個輸出**（分類器每個類別一個），所以一個樣本的損失要把 $\tfrac12(\hat y_k - y_k)^2$
#   對所有輸出 k 加起來（第 07 課的網路有兩個輸出）。把許多*樣本*的損失加總是另外一步，原文到最後才談（第 08 課）；除以項數之後，總和就變成平均；
# * 分類用的交叉熵：$-\sum_k y_k \log \hat y_k$，其中 y 是 one-hot 標籤，$\hat y$ 是預測的機率。若正確類別得到的機率是 p，損失就是 $-\log p$，梯度為 $-1/p$。
#
# 下圖中標籤 y = 1（交叉熵則是指正確類別），上排是損失，下排是它對預測值的梯度。

# %%
y_label = 1.0
y_hat = np.linspace(-1.0, 3.0, 401)
p = np.linspace(0.02, 1.0, 400)
forms = [
    ("absolute_error", y_hat, [LOSSES["absolute_error"].f(v, y_label) for v in y_hat],
     [LOSSES["absolute_error"].grad(v, y_label) for v in y_hat], r"預測值 $\hat y$"),
    ("squared_error", y_hat, [LOSSES["squared_error"].f(v, y_label) for v in y_hat],
     [LOSSES["squared_error"].grad(v, y_label) for v in y_hat], r"預測值 $\hat y$"),
    ("cross_entropy", p, [LOSSES["cross_entropy"].f([v, 1 - v], [1.0, 0.0]) for v in p],
     [LOSSES["cross_entropy"].grad([v, 1 - v], [1.0, 0.0])[0] for v in p],
     r"正確類別的機率 $p$"),
]
TITLES = {  # 排版好的公式（繪圖用的附加程式碼）
    "absolute_error": r"絕對誤差 $|\hat y - y|$",
    "squared_error": r"平方誤差 $\frac{1}{2}(\hat y - y)^2$",
    "cross_entropy": r"交叉熵 $-\log p$（one-hot 標籤）",
}
fig, axes = new_figure(ncols=3, nrows=2, size=(11.0, 5.0))
for col, (name, t, L, dL, xlabel) in enumerate(forms):
    axes[0, col].plot(t, L, color=COLORS["curve"])
    axes[0, col].set_title(TITLES[name], fontsize=10)
    if name == "absolute_error":   # 梯度在 y_hat = y 處從 -1 跳到 +1：不畫垂直線
        t, dL = break_at(t, dL, y_label)
    axes[1, col].plot(t, dL, color=COLORS["path"])
    axes[1, col].set_xlabel(xlabel)
axes[1, 2].set_ylim(-20, 1)
axes[0, 0].set_ylabel("損失 $L$")
axes[1, 0].set_ylabel(r"梯度 $\partial L/\partial \hat y$（右：$\partial L/\partial p$）")
show(fig)

# %% [markdown]
# **為什麼平方誤差在極小值處是平滑的，而絕對誤差不是。** 平方誤差的梯度就是殘差本身，所以當預測值接近標籤時，梯度會縮小到 0：拋物線的底部是平的，梯度下降的步伐愈走愈小。絕對誤差則是一個 V 字形：它的梯度在一側是 -1、另一側是 +1，在極小值處跳躍，導數在那裡不存在。即使已經很接近標籤，它仍然喊著「全速前進」，所以固定的學習率會衝過頭、來回彈跳。看數字：

# %%
print(f"{'殘差':>7} {'平方誤差梯度':>7} {'絕對誤差梯度':>8}")
for r in [-0.1, -0.01, -0.001, 0.001, 0.01, 0.1]:
    print(f"{r:>9.3f} {LOSSES['squared_error'].grad(y_label + r, y_label):>13.4f} "
          f"{LOSSES['absolute_error'].grad(y_label + r, y_label):>14.4f}")

# %%
for name in ["squared_error", "absolute_error"]:
    run = gradient_descent(lambda v, name=name: LOSSES[name].grad(v, y_label), x0=0.05, lr=0.3,
                           steps=200, tol=1e-8)
    last = ", ".join(f"{v:.2f}" for v in run.points[-4:])
    print(f"{name:<15} 從 y_hat = 0.05 出發，lr 0.3：{run.status:<12} 最後幾點 {last}")

# %% [markdown]
# 交叉熵用於分類：網路的原始輸出 z（logits）經過 softmax 變成機率，
# $\hat y_k = e^{z_k} / \sum_j e^{z_j}$。兩者合在一起，對 logits 的梯度就只是 softmax(z) - onehot。透過 log-sum-exp 計算，即使 logits 大得離譜，結果仍是有限值：

# %%
z = np.array([2.0, 1.0, 0.1])
label = one_hot(0, 3)
print(f"logits z          = {z}")
print(f"softmax(z)        = {np.round(softmax(z), 4)}")
print(f"標籤（one-hot）   = {label}")
print(f"交叉熵            = {cross_entropy_logits(z, label):.4f}")
print(f"dL/dz             = {np.round(cross_entropy_logits_grad(z, label), 4)}")
z_big = 500 * z
print(f"\nlogits 500 z：softmax = {np.round(softmax(z_big), 4)}，"
      f"類別 2 的損失 = {cross_entropy_logits(z_big, one_hot(2, 3)):.1f}")

# %% [markdown]
# ## 4. 手動擬合
#
# 八個資料點，以及模型 $\hat y = w x + b$，一條有兩個參數的直線。損失是八個樣本的平方誤差總和，
# $L(w, b) = \tfrac12\sum_i (w x_i + b - y_i)^2$。朱紅色線段是殘差 $\hat y_i - y_i$；右圖顯示 L 在
# (w, b) 平面上的分布，你目前的選擇是綠色圓點，極小值是朱紅色星號。移動滑桿，試著抵達星號；切換到絕對誤差，看看它（不同的）最佳直線。

# %%
explorer = LossFitExplorer(w=0.2, b=2.5, loss="squared_error")
print(explorer.status)
explorer.snapshot()

# %% tags=["nbval-ignore-output"]
explorer.ui

# %% [markdown]
# ## 5. 梯度下降找出參數
#
# 由連鎖律（原文稱「鏈式求導法則」，第 07 課會完整說明），加總損失的梯度為
# $\partial L/\partial w = \sum_i (\hat y_i - y_i)\,x_i$ 與 $\partial L/\partial b =
# \sum_i (\hat y_i - y_i)$。把它交給第 03、04 課的梯度下降，從探索器的起點 (0.2, 2.5) 出發：

# %%
x_data, y_data = example_data()
print(f"{'i':>2} {'x_i':>6} {'y_i':>7}")
for i, (xi, yi) in enumerate(zip(x_data, y_data, strict=True)):
    print(f"{i:>2} {xi:>6.3f} {yi:>7.3f}")


def loss(params):
    return line_loss(params, x_data, y_data)


def grad(params):
    return line_loss_grad(params, x_data, y_data)


start = [0.2, 2.5]
run = gradient_descent(grad, start, lr=0.03, steps=5000, tol=1e-8, f=loss)
print(f"\nlr = 0.03：{run.message}")
print(f"損失從起點的 {run.values[0]:.4f} -> 終點的 {run.values[-1]:.6f}")

# %% [markdown]
# 最小平方法有封閉形式的解，`numpy.linalg.lstsq` 從各列為 $(x_i, 1)$ 的矩陣算出它。梯度下降正好落在這裡：

# %%
w_ls, b_ls = least_squares_line(x_data, y_data)
w_gd, b_gd = run.points[-1]
print(f"{'':<24} {'w':>10} {'b':>10} {'損失':>8}")
print(f"{'梯度下降':<20} {w_gd:>10.6f} {b_gd:>10.6f} {loss([w_gd, b_gd]):>10.6f}")
print(f"{'numpy.linalg.lstsq':<24} {w_ls:>10.6f} {b_ls:>10.6f} {loss([w_ls, b_ls]):>10.6f}")
print(f"最大差異：{max(abs(w_gd - w_ls), abs(b_gd - b_ls)):.1e}")

# %% [markdown]
# 學習率的影響和第 04 課一樣：這個損失是一個沿某個方向比另一個方向陡得多的碗，步長只要稍微太大就會發散。

# %%
for lr in [0.01, 0.03, 0.04]:
    r = gradient_descent(grad, start, lr=lr, steps=5000, tol=1e-8, f=loss)
    print(f"lr = {lr:<5} {r.message}")

# %% [markdown]
# ## 6. 損失曲面：一個樣本對上全部樣本
#
# 左圖：八個樣本的加總損失，在 (w, b) 平面上畫成等高線，並畫出從綠色起點出發的下降路徑；它是一個只有單一最低點的碗。右圖：單獨一個樣本的損失 $\tfrac12(w x_5 + b - y_5)^2$。它沿著整條直線
# $w x_5 + b = y_5$（虛線）都是零：每一條通過那個資料點的直線都能完美擬合它。在這個損失上，從兩個不同的起點做梯度下降，會停在兩個不同的「答案」。

# %%
i = 5
one_x, one_y = x_data[i:i + 1], y_data[i:i + 1]


def grad_one(params):
    return line_loss_grad(params, one_x, one_y)


starts = [[0.2, 2.5], [2.5, -1.5]]
runs_one = [gradient_descent(grad_one, s, lr=0.05, steps=2000, tol=1e-8) for s in starts]

print(f"單一樣本（x_{i} = {one_x[0]:.3f}, y_{i} = {one_y[0]:.3f}）：")
for s, r in zip(starts, runs_one, strict=True):
    w_end, b_end = r.points[-1]
    print(f"  起點 {s} -> w = {w_end:.4f}, b = {b_end:.4f}，它自己的損失 "
          f"{line_loss([w_end, b_end], one_x, one_y):.2e}，在全部八個樣本上的損失 "
          f"{loss([w_end, b_end]):.4f}")
runs_all = [gradient_descent(grad, s, lr=0.03, steps=5000, tol=1e-8) for s in starts]
print("全部八個樣本：")
for s, r in zip(starts, runs_all, strict=True):
    print(f"  起點 {s} -> w = {r.points[-1][0]:.4f}, b = {r.points[-1][1]:.4f}")

# %%
W_LIM, B_LIM = (-1.0, 3.0), (-2.0, 4.0)
fig, (ax_all, ax_one) = new_figure(ncols=2, size=(10.0, 4.2))
cs_all = contour_2d(ax_all, lambda W, B: line_loss_surface(W, B, x_data, y_data), W_LIM,
                    B_LIM, levels=np.geomspace(0.35, 60, 12))
for r in runs_all:
    path_2d(ax_all, r.points, markersize=2)
ax_all.plot([w_ls], [b_ls], marker="*", markersize=16, color="black", linestyle="none",
            zorder=5, label="最小平方解（lstsq）")
ax_all.set_title("8 個樣本加總：唯一的極小值", fontsize=10)
cs_one = contour_2d(ax_one, lambda W, B: line_loss_surface(W, B, one_x, one_y), W_LIM,
                    B_LIM, levels=np.geomspace(0.02, 20, 10))
w_line = np.array(W_LIM)
ax_one.plot(w_line, one_y[0] - one_x[0] * w_line, color="black", linestyle="--",
            label=f"$w x_{i} + b = y_{i}$：損失為 0")
for r in runs_one:
    path_2d(ax_one, r.points, markersize=3)
ax_one.set_title(f"只看樣本 {i}：一整條谷底都是極小值", fontsize=10)
for ax, cs in ((ax_all, cs_all), (ax_one, cs_one)):
    fig.colorbar(cs, ax=ax, shrink=0.85, format="{x:.3g}").set_label("等高線上的損失 $L$")
    for s in starts:
        ax.plot(*s, marker="o", markersize=8, color=COLORS["start"], linestyle="none", zorder=4)
    ax.set_aspect("auto")
    ax.set_xlabel("$w$")
    ax.set_ylabel("$b$")
    ax.legend(loc="lower left", fontsize=8)
show(fig)

# %% [markdown]
# 這就是為什麼訓練時要把許多樣本的損失加總（或取平均）成一個損失，再最小化它：每個樣本單獨來看，都有一整族參數能讓它滿意，只有把它們放在一起，才會對唯一的答案達成共識。第 07 課會用連鎖律與誤差反向傳播，替一個真正的網路算出這種損失的梯度。
#
# ## 練習
#
# 把 `None` 換成你的答案，或寫出練習要求的函式，然後執行該儲存格：檢查器會回答*正確*，或是*還沒*並附上提示（第二次答錯會給更具體的提示）。每題練習下方收合的儲存格裡有詳解。
#
# **練習 1**：預測值 y_hat = (2, 0.5, 3)，標籤 y = (1.5, 1, 3)。平方誤差損失
# $L = \tfrac12\sum(\hat y - y)^2$ 是多少？（取到小數點後 4 位）

# %%
answer = None   # 把 None 換成你的答案
check("06.1", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點擊展開）：差值分別是 0.5、-0.5 和 0；平方後加起來是 0.5，
# 再取一半得到 0.25。
check("06.1", 0.5 * ((2 - 1.5) ** 2 + (0.5 - 1) ** 2 + (3 - 3) ** 2))

# %% [markdown]
# **練習 2**：模型 $f(x_1, x_2) = a x_1 + b x_2 + c$ 遇到一個訓練樣本 x1 = 2、x2 = -1，標籤 y = 4，且 $L(a, b, c) = \tfrac12(f - y)^2$。在 a = b = c = 1 時，$\partial L/\partial a$ 是多少？（整數）

# %%
answer = None   # 把 None 換成你的答案
check("06.2", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點擊展開）：f = 1*2 + 1*(-1) + 1 = 2，所以 f - y = -2；由連鎖律
# dL/da = (f - y) * df/da = (f - y) * x1 = -2 * 2 = -4。
check("06.2", (1 * 2 + 1 * (-1) + 1 - 4) * 2)

# %% [markdown]
# **練習 3**：一個分類器的 logits 是 z = (2, 1, 0)，正確類別是第一個。請給出 softmax 交叉熵損失的梯度 dL/dz（三個數，取到小數點後 3 位）。

# %%
answer = None   # 把 None 換成你的答案
check("06.3", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點擊展開）：softmax(z) = e^z / sum e^z = (0.665, 0.245, 0.090)；
# 減去 one-hot 標籤 (1, 0, 0)：dL/dz = (-0.335, 0.245, 0.090)。
e = np.exp([2.0, 1.0, 0.0])
check("06.3", e / e.sum() - np.array([1.0, 0.0, 0.0]))

# %% [markdown]
# **練習 4（程式）**：把損失與它的梯度寫成一個函式。寫出
# `loss_and_gradient(a, b, c, x1, x2, y)`：對模型 $f = a x_1 + b x_2 + c$ 與一個樣本
# $(x_1, x_2, y)$，回傳 $L = \tfrac12 (f - y)^2$ 以及它的梯度
# $[\partial L/\partial a, \partial L/\partial b, \partial L/\partial c]$：
# `return L, [dL_da, dL_db, dL_dc]`。檢查器會在四個樣本上（其中一個恰好擬合）與課程用 sympy 推導的結果（`symbolic_example_loss`）比對。

# %%
def loss_and_gradient(a, b, c, x1, x2, y):
    # 在這裡寫你的程式碼：return L, [dL_da, dL_db, dL_dc]
    raise NotImplementedError


check("06.4", loss_and_gradient)


# %% jupyter={"source_hidden": true}
# 詳解（點擊展開）：誤差 e = f - y 到處都會用到；連鎖律把它分別乘上
# df/da = x1、df/db = x2、df/dc = 1。
def loss_and_gradient(a, b, c, x1, x2, y):
    e = a * x1 + b * x2 + c - y
    return 0.5 * e**2, [e * x1, e * x2, e]


check("06.4", loss_and_gradient)

# %% [markdown]
# **練習 5（先預測，再移動滑桿）**：在第 4 節的探索器中設定 w = 0.80、b = 1.10：狀態列會說這條線已在極小值（在滑桿精度內）。現在把 w 調高到 1.00，b 留在 1.10。在移動 b 之前先預測：要讓 L 再降下來，
# b 應該 `"up"`（調高）、`"down"`（調低），還是 `"stay"`（不動，1.10 仍是最好的 b）？請用這三個英文單字作答。先在這裡檢查，再把 b 往兩個方向各移動一格，比較狀態列裡的 L。

# %%
answer = None   # 把 None 換成 "up"、"down" 或 "stay"
check("06.5", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點擊展開）：b 固定、w 調高 0.2，會讓每個預測值增加 0.2 x_i，所以直線現在位在大多數點的上方，
# 而 dL/db（殘差的總和，見第 5 節）是正的：逆著梯度走一步會讓 b 變小。這也是探索器右圖的等高線
# 呈傾斜的原因：斜率較大的直線需要較低的截距。
r = (1.00 * x_data + 1.10) - y_data
print(f"在 w = 1.00, b = 1.10：dL/db = 殘差總和 = {r.sum():.2f}")
print(f"w = 1.00 時最好的 b（y_i - w x_i 的平均）：{np.mean(y_data - 1.00 * x_data):.2f}")
check("06.5", "down" if r.sum() > 0 else "up")
