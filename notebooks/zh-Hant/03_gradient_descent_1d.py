# %% [markdown]
# # 第 03 課：梯度與一維的梯度下降（gradient, gradient descent）
#
# **這一課學什麼。** 第 02 課最後，我們用導數的正負號判斷哪邊是下坡。梯度（gradient）把斜率的正負號*和*大小一起裝進一個向量裡，而梯度下降（gradient descent）就是逆著梯度往前走。你會在
# f(x) = x² 上重演原文的兩種做法（沿著單位梯度走固定長度的步，以及步長與原始梯度成正比），看到第一種做法以兩種很有啟發性的方式失敗；接著整理出學習率（learning rate）會造成哪些情況（緩慢爬行、一步到位、振盪、循環、爆掉），找出穩定上限；最後會看到，在有兩個極小值的函數上，答案由起點決定，除非加上一點隨機性來幫忙。
#
# [課程地圖](00_course_map.ipynb) · 上一課：[第 02 課，枚舉搜尋](02_enumeration_search.ipynb) · 下一課：[第 04 課，二維的梯度下降](04_gradient_descent_2d.ipynb)
#
# **English:** 本課的英文版：[English](../03_gradient_descent_1d.ipynb)

# %% jupyter={"source_hidden": true}
# 環境設定。Google Colab 上沒有本課程的套件，下面幾行會從課程的儲存庫安裝它（保留 Colab 自帶的
# numpy、matplotlib 與 ipywidgets）；在其他地方這幾行什麼也不做。接著告訴輔助程式要用哪種語言。
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

from ann_helpers import functions as F
from ann_helpers.descent import (
    basins,
    gradient_descent,
    nearest,
    noisy_gradient_descent,
    random_restarts,
    regime,
    step_table,
)
from ann_helpers.exercises import check
from ann_helpers.explorers.descent import (
    DescentExplorer1D,
    MinimaExplorer1D,
    basins_figure,
    endings_figure,
    gradient_arrows_1d,
    outcome,
    runs_1d,
)
from ann_helpers.plotting import COLORS, new_figure, show

square = F.get("square")
print(square.label, "  梯度：f'(x) = 2x")

# %% [markdown]
# ## 1. 梯度是指向上坡的向量
#
# 函數的梯度是一個向量，指向 f 增加得最快的方向；它的長度就是那個增加的速率。只有一個變數時，方向只有兩個，所以梯度是一維的向量：一個數乘上沿 x 軸的單位向量 **i**。數是正的，表示「上坡在右邊」；是負的，表示「上坡在左邊」。f(x) = x² 的梯度是 2x **i**，在幾個點上的值如下：

# %%
points = [-2.5, -1.0, 0.0, 1.0, 2.5]
print(f"{'x':>6} {'梯度':>8}  上坡在")
for x in points:
    g = square.grad(x)
    side = "右邊" if g > 0 else ("左邊" if g < 0 else "哪邊都不是：這裡是平的")
    print(f"{x:>6.2f} {g:>+9.1f}i  {side}")
show(gradient_arrows_1d(square, points))

# %% [markdown]
# 在 x = 2.5 梯度是 5**i**，在 x = −2.5 是 −5**i**：兩個箭頭都背離谷底、指向上坡，而且在曲線最陡的地方最長。所以梯度的**負**方向指向下坡，這正是我們需要的。
#
# ## 2. 梯度下降：原文的兩種做法
#
# **單位梯度。** 不管梯度有多長，只沿著梯度的反方向移動固定的距離 lr，也就是*學習率*：
#
# $$x_{\text{new}} = x_{\text{old}} - \text{lr}\cdot\frac{f'(x_{\text{old}})}{|f'(x_{\text{old}})|}.$$
#
# 梯度為零時停止。從 x = 1 出發，lr = 0.5：

# %%
unit = gradient_descent(square.grad, x0=1.0, lr=0.5, normalize=True, f=square.f)
print(step_table(unit))

# %% [markdown]
# 在 x = 1 梯度是 2**i**，往左走 0.5 步，到 x = 0.5；梯度 1**i**，再走 0.5，到 x = 0；梯度為 0，停止。這和第 02 課用導數正負號搜尋的路徑一模一樣。
#
# **原始梯度。** 現在讓梯度的長度也決定步長：f 陡的地方大步走，平的地方小步走。
#
# $$x_{\text{new}} = x_{\text{old}} - \text{lr}\cdot f'(x_{\text{old}})$$
#
# 從 x = 1 出發，lr = 0.5：x = 1 − 0.5 · 2 = 0，一步就到達極小值。

# %%
raw = gradient_descent(square.grad, x0=1.0, lr=0.5, f=square.f)
print(step_table(raw))

# %% [markdown]
# 原始梯度的規則是機器學習裡處處使用的那一種，也是本課程之後一直使用的。它接近極小值時會自動放慢，因為那裡的梯度變小了。單位梯度的規則沒有這種煞車，這正是它的弱點：
#
# ## 3. 單位梯度失敗的時候
#
# 從 x = 0.4 出發，lr = 0.5。0.5 的一步越過極小值，跳到 −0.1；在那裡梯度指向另一邊，下一步 0.5
# 又正好落回 0.4。迭代陷入循環，永遠不會再靠近。`gradient_descent` 會發現某個迭代點回到了先前的位置，並回報這件事：

# %%
cycle = gradient_descent(square.grad, x0=0.4, lr=0.5, normalize=True, steps=100, f=square.f)
print(step_table(cycle))

# %% [markdown]
# 把學習率調小就能解決這個問題：lr = 0.1 時，路徑是 0.4、0.3、0.2、0.1、0。或者說，幾乎是 0。像 0.1 這樣的十進位小數沒有精確的二進位表示法，所以每做一次減法都會留下一點點捨入誤差，而這些誤差會累積起來：

# %%
walk = gradient_descent(square.grad, x0=0.4, lr=0.1, normalize=True, f=square.f)
print(step_table(walk))
print("電腦裡實際存放的迭代點：")
for k, x in enumerate(walk.points):
    print(f"  x_{k} = {float(x)!r}")

# %% [markdown]
# 最後一個點是 2.8 × 10⁻¹⁷，不是 0。它的梯度 5.6 × 10⁻¹⁷ 也不是零，所以一條要等到梯度*恰好*為零才停的規則會繼續走下去：走 0.1 到大約 −0.1，再走回來，永無止境。這就是為什麼實際的迭代都在某個**容許誤差**（tolerance）之內就停止：上面那次用的是 `tol = 1e-8`，因為 |梯度| < 10⁻⁸ 而停下。若設 `tol = 0`，同樣的迭代就會陷入循環：

# %%
strict = gradient_descent(square.grad, x0=0.4, lr=0.1, normalize=True, tol=0.0, f=square.f)
print(strict.message)

# %% [markdown]
# （容許誤差也限制了工作量：實際的迭代在梯度夠小、或步數用完時停止，看哪個先發生。）
#
# ## 4. 原始梯度的各種情況：lr 的作用
#
# 對 f(x) = x²，原始梯度的一步是 x_new = x − lr · 2x = (1 − 2 lr) · x。每一步都把到極小值的距離乘上同一個因子 r = 1 − 2 lr，而這個因子說明了一切：
#
# | lr | 因子 r = 1 − 2 lr | 會發生什麼 |
# | --- | --- | --- |
# | 介於 0 與 0.5 之間 | 介於 1 與 0 之間 | x 縮向 0，始終在同一側 |
# | 恰好 0.5 | 0 | 一步到達極小值 |
# | 介於 0.5 與 1 之間 | 介於 0 與 −1 之間 | x 每步換到另一側，但越來越小 |
# | 恰好 1 | −1 | x 與 −x 永遠輪流出現：循環 |
# | 大於 1 | 小於 −1 | x 每步換邊而且越來越大：發散 |
#
# 對任何二次函數 $f(x) = \tfrac{c}{2}(x - x^*)^2 + \text{const}$，同樣的代數給出因子 1 − lr · c，其中 c = f″，每一步都相同，所以**穩定上限** lr < 2 / f″ 是精確的；這裡是 2 / 2 = 1。對其他函數，
# f″ 隨點而變，因子與上限只在**極小值附近**成立：在極小值 x\* 附近 f′(x) ≈ f″(x\*)(x − x\*)
# （f′ 的一階泰勒展開），距離每步大約乘上 1 − lr f″(x\*)，所以要 lr < 2 / f″(x\*)。離得遠一些，在 f 更陡、更彎的地方，較小的 lr 也可能爆掉（第 04 課的 Rosenbrock 函數就是如此）。以下從
# x = 1 出發跑五次，每種情況一次：

# %%
rates = [0.2, 0.5, 0.8, 1.0, 1.1]
print(f"穩定上限 2 / f'' = {square.lr_limit():g}")
print(f"{'lr':>5} {'r = 1 - 2 lr':>13}  {'1000 步的結果':<26} 情況")
for lr in rates:
    run = gradient_descent(square.grad, 1.0, lr, steps=1000, f=square.f)
    print(f"{lr:>5.2f} {1 - 2 * lr:>13.2f}  {outcome(run):<26} "
          f"{regime(lr, 2.0).split(':')[0]}")
first_steps = [gradient_descent(square.grad, 1.0, lr, steps=12, f=square.f) for lr in rates]
show(runs_1d(square, first_steps, [f"lr = {lr}：{outcome(run)}"
                                   for lr, run in zip(rates, first_steps, strict=True)],
             size=(12.0, 5.0)))

# %% [markdown]
# 圖中每一欄是一次迭代的前 12 步：上面是曲線上的路徑，下面是 x 對迭代次數的圖；每欄的標題說明這 12 步做了什麼。lr 越大並不單純代表越快：最快的是 0.5，而超過上限之後迭代就爆掉了。一旦
# |x| 或 f 離開有限的範圍（預設為 10⁶），`gradient_descent` 就會停止發散的迭代並說明原因，
# 而不是一路溢位下去：

# %%
blowup = gradient_descent(square.grad, 1.0, lr=1.5, steps=1000, f=square.f)
print(blowup.message)
print("最後幾個迭代點：", ", ".join(f"{x:.4g}" for x in blowup.points[-4:]))

# %% [markdown]
# 實務上，lr 常常先設在 0.1 左右（原文也這樣建議），再慢慢調整：太小會緩慢爬行，太大會振盪或發散。
#
# ### 為什麼小步會往下走，上限又從哪裡來
#
# 上面的表並不是 x² 才有的特例。對任何光滑的 f，在 x 附近用泰勒公式展開，步長取
# $s = -\text{lr}\, f'(x)$，得到
#
# $$f(x - \text{lr}\,f') = f(x) - \text{lr}\,f'^2 + \tfrac12\,\text{lr}^2 f'^2 f'' + \dots
#   = f(x) - \text{lr}\,f'^2\Big(1 - \tfrac{\text{lr}\,f''}{2}\Big) + \dots$$
#
# * **一階：** f 大約下降 lr · f′²。這永遠不會是負的，而且只要 f′ ≠ 0 就是正的：逆著梯度走夠小
#   的一步，一定會讓 f 變小。
# * **二階：** 括號只有在 lr · f″ / 2 < 1 時才保持正值，也就是 **lr < 2 / f″**：和表中的上限相同，
#   這次來自一階近似忽略掉的曲率項。（對二次函數，省略號的部分為零，這個結果是精確的。）
#
# 在一個不是二次函數的 f(x) = x⁴ − 3x² + x 上驗證（第 6 節還會用到它），取 x = 1.2，靠近它在
# 1.13 的極小值：比較各種學習率下，一步之後 f 的實際變化與兩種預測。

# %%
quartic = F.get("two_minima")
x_at = 1.2
d1, d2 = quartic.grad(x_at), 12 * x_at**2 - 6          # f'(1.2) 與 f''(1.2)
print(f"在 x = {x_at}：f' = {d1:.3f}，f'' = {d2:.2f}，二階近似的上限 2 / f'' = {2 / d2:.3f}")
print(f"{'lr':>6} {'f 的實際變化':>12} {'1 階近似':>7} {'2 階近似':>7}")
for lr in (0.001, 0.05, 0.1, 0.15, 0.2, 0.25):
    true = quartic.f(x_at - lr * d1) - quartic.f(x_at)
    print(f"{lr:>6g} {true:>17.5f} {-lr * d1**2:>10.5f} "
          f"{-lr * d1**2 * (1 - lr * d2 / 2):>10.5f}")
lrs = np.linspace(0.0, 0.26, 2601)
true_change = quartic.f(x_at - lrs * d1) - quartic.f(x_at)
print(f"實際變化在 lr = {lrs[np.argmax(true_change > 0)]:.2f} 時首次變成正的")

# %%
fig, ax = new_figure(size=(6.4, 3.2))
ax.plot(lrs, true_change, color=COLORS["curve"], lw=2.5,
        label=r"實際變化 $f(x - \mathrm{lr}\,f') - f(x)$")  # noqa: RUF027 (mathtext)
ax.plot(lrs, -lrs * d1**2, color=COLORS["grad"], ls="--",
        label=r"1 階近似 $-\mathrm{lr}\,f'^2$")  # noqa: RUF027 (mathtext)
ax.plot(lrs, -lrs * d1**2 * (1 - lrs * d2 / 2), color=COLORS["path"], ls=":", lw=2,
        label=r"2 階近似 $-\mathrm{lr}\,f'^2\,(1 - \mathrm{lr}\,f''/2)$")  # noqa: RUF027 (mathtext)
ax.axhline(0.0, color="black", lw=0.8)
ax.axvline(2 / d2, color=COLORS["muted"], lw=1)
ax.annotate(r"$2/f''$", (2 / d2, 0.1), xytext=(4, 0), textcoords="offset points", fontsize=9)
ax.set_xlabel(r"學習率 $\mathrm{lr}$")  # noqa: RUF027 (mathtext)
ax.set_ylabel("一步之後 $f$ 的變化")
ax.set_title(r"在 $f = x^4 - 3x^2 + x$ 上從 $x = 1.2$ 走一步")
ax.set_ylim(-0.12, 0.15)
ax.legend(fontsize=8, loc="lower left")
show(fig)

# %% [markdown]
# lr 很小時三者一致（這一步讓 f 下降 lr · f′²）。一階近似的直線一直承諾降得越來越多；實際變化卻不再改善，接著變成正的：這一步反而往*上*走了。二階近似的曲線跟上了這個轉折，在
# 2 / f″ = 0.177 穿過零；實際變化稍晚一點，在 0.20 才穿過零，因為沿著這一步，f″ 比起點處小（極小值處是 9.35，x = 1.2 處是 11.28）：這就是公式裡省略號的部分。所以 2 / f″ 這個上限對二次函數是精確的，在極小值附近是很好的參考，但不是定律。
#
# ## 5. 動手試試：一維梯度下降探索器
#
# 把學習率移過穩定上限 1，觀察曲線上的路徑（左）與 x 對迭代次數的圖（右）。在原始梯度與單位化梯度（單位梯度）之間切換，並找出讓單位梯度陷入循環的起點。

# %%
explorer = DescentExplorer1D(lr=0.8, x0=1.0, gradient="raw", steps=20)
print(explorer.status)
explorer.snapshot()

# %% tags=["nbval-ignore-output"]
explorer.ui

# %% [markdown]
# ## 6. 好幾個極小值：起點說了算
#
# f(x) = x⁴ − 3x² + x 有兩個極小值：左邊一個深的（全域極小值），右邊一個淺的（局部極小值），中間隔著一個小山丘。梯度下降永遠只往下走，所以它會停在起點所在那個山谷的極小值。依照每個起點最後到達哪個極小值替它上色，就畫出了兩個**吸引盆**（basin of attraction）：

# %%
two = F.get("two_minima")
starts = np.linspace(-2.0, 2.0, 81)
ends = basins(two.grad, starts, two.minima, lr=0.05, steps=2000)
print(f"極小值：全域 x = {two.minima[0]:.4f}（f = {two.f(two.minima[0]):.4f}），"
      f"局部 x = {two.minima[1]:.4f}（f = {two.f(two.minima[1]):.4f}）")
print(f"{np.mean(ends == 0):.0%} 的起點走到全域極小值：直到 "
      f"{starts[ends == 0].max():.2f} 為止的每個起點；從 {starts[ends == 1].min():.2f} 起則走到局部極小值")
print(f"兩個吸引盆在山丘頂端 x = {two.extra['maximum']:.4f} 交會"
      "（f' = 0，f'' < 0）")
show(basins_figure(two, starts, ends))

# %% [markdown]
# ## 7. 用隨機性找出路
#
# 原文建議加入一些隨機性，讓迭代有機會逃出局部極小值。這裡有兩個簡單的方法，都設定了隨機種子，好讓這一頁的結果可以重現：
#
# * **隨機重新起始**（random restarts）：從幾個隨機的起點各跑一次單純的梯度下降，保留最好的終點；
# * **帶雜訊的梯度**：在每個梯度上加上隨機雜訊，一開始很強，然後逐漸減弱（每一步雜訊乘上
#   0.98），讓前面幾步有機會跳過山丘，後面幾步則安定下來。
#
# 先看隨機重新起始：起點越多，其中某一個落在全域吸引盆的機會就越大。在區間 [−2, 2] 中，這個吸引盆是 [−2, 0.1699)，佔的比例是 p = 2.1699 / 4 = 54%（第 6 節），所以單一起點成功的機率是 p，
# n 個起點中最好的那個成功的機率是 1 − (1 − p)ⁿ。我們用 200 個種子來量測；用 200 個種子量到的比例帶有抽樣誤差，它的二項分布標準誤是 $\sqrt{p(1-p)/200}$：

# %%
SEEDS = 200
p_basin = (two.extra["maximum"] + 2.0) / 4.0
print(f"{'起點數':>5} {'200 個種子的量測值':>17} {'± 標準誤':>10} "
      f"{'預測 1-(1-p)^n':>18}")
for n in (1, 2, 3, 5):
    hits = [nearest(random_restarts(two.grad, two.f, -2.0, 2.0, n=n, lr=0.05, steps=300,
                                    seed=seed)[0].x, two.minima) == 0 for seed in range(SEEDS)]
    share = np.mean(hits)
    print(f"{n:>8d} {share:>24.1%} {np.sqrt(share * (1 - share) / SEEDS):>13.1%} "
          f"{1 - (1 - p_basin) ** n:>20.1%}")

# %% [markdown]
# 起點越多越有幫助，和預測一致，但量到的比例都比預測低；單一起點時低了 2.6 個標準誤（45.0 %
# 對 54.2 %）。這是抽樣雜訊，只是運氣不好的那一種：每一列用的是同一組種子（種子 s 對每個 n 抽出的第一個起點都相同），所以一組運氣不好的 200 個種子會出現在每一列。只抽 100,000 個種子的第一個起點（很便宜：不必跑梯度下降，因為每次迭代都停在起點所在的吸引盆）得到的比例就和預測相符，差距在它 0.16 % 的標準誤之內：

# %%
firsts = np.array([np.random.default_rng(seed).uniform(-2.0, 2.0) for seed in range(100_000)])
print(f"第一個起點落在全域吸引盆的比例：種子 0-199 中為 {np.mean(firsts[:SEEDS] < two.extra['maximum']):.1%}，"
      f"種子 0-99,999 中為 {np.mean(firsts < two.extra['maximum']):.2%}"
      f"（p = {p_basin:.2%}）")

# %% [markdown]
# 接著看帶雜訊的梯度，全部從 x0 = 1.5 出發。這個點在局部吸引盆裡，單純的梯度下降一定會停在局部極小值。100 次設定種子的迭代中，停在全域極小值的比例：

# %%
print(f"{'雜訊':>4} {'全域':>5} {'局部':>4} {'發散':>7}")
for noise in (0.0, 4.0, 8.0, 12.0):
    runs = [noisy_gradient_descent(two.grad, 1.5, lr=0.05, noise=noise, steps=300, seed=s)
            for s in range(100)]
    settled = [nearest(r.x, two.minima) for r in runs if r.status != "diverged"]
    print(f"{noise:>6.1f} {settled.count(0) / 100:>7.0%} {settled.count(1) / 100:>6.0%} "
          f"{(100 - len(settled)) / 100:>9.0%}")

# %%
runs = [noisy_gradient_descent(two.grad, 1.5, lr=0.05, noise=8.0, steps=300, seed=s)
        for s in range(30)]
show(endings_figure(two, runs, "從 x0 = 1.5 出發的 30 次帶雜訊迭代（雜訊 8）：停在哪裡"))

# %% [markdown]
# 雜訊不是保證：它讓某些迭代越過山丘，其他的則沒有；雜訊太多的話，也會把迭代甩出全域吸引盆。但它給了迭代一個單純梯度下降永遠沒有的機會。訓練網路用的隨機梯度下降（SGD）不用另外加雜訊：它每次只用幾個隨機的樣本計算梯度，雜訊就自然產生了（第 08 課）。
#
# ### 動手試試：雜訊與種子
#
# 從局部吸引盆出發，調高雜訊，再逐一切換種子：有些迭代跑到全域極小值（橘色方塊），有些留在原地（紫色菱形）。雜訊為 0 時，種子不起任何作用。

# %%
minima_explorer = MinimaExplorer1D(x0=1.5, lr=0.05, noise=8.0, seed=2)
print(minima_explorer.status)
minima_explorer.snapshot()

# %% tags=["nbval-ignore-output"]
minima_explorer.ui

# %% [markdown]
# ## 練習
#
# 把答案填在 `None` 的位置，或寫出練習要求的函式，然後執行該格：檢查程式會說*答對了*或*還沒*，並給一個提示（第二次嘗試會得到更具體的提示）。每個練習下方收合的格子裡有詳解。
#
# **練習 1.** f(x) = x² + 3x。從 x = 0 出發，以 lr = 0.1 做一步原始梯度下降：新的 x 是多少？（到小數點後 4 位）

# %%
answer = None   # 把 None 換成你的答案
check("03.1", answer)

# %% jupyter={"source_hidden": true}
# 詳解：f'(x) = 2x + 3，所以 f'(0) = 3，x_new = 0 - 0.1 * 3 = -0.3。
check("03.1", 0.0 - 0.1 * F.get("square_plus_3x").grad(0.0))

# %% [markdown]
# **練習 2.** f(x) = 3x²。哪一個學習率能讓原始梯度下降不論從哪裡出發，都一步就正好落在極小值上？（到小數點後 4 位；寫成像 `"1/7"` 這樣的分數也可以）

# %%
answer = None   # 把 None 換成你的答案
check("03.2", answer)

# %% jupyter={"source_hidden": true}
# 詳解：f'(x) = 6x，所以 x_new = x - lr * 6x = (1 - 6 lr) x。lr = 1/6 時因子為 0
# （lr = 2/6 時迭代會循環，再大就發散）。
check("03.2", "1/6")

# %% [markdown]
# **練習 3.** f(x) = x⁴ − 3x² + x。從 x = 0.5 出發，以 lr = 0.05 做原始梯度下降：最後停在哪裡？（到小數點後 2 位）

# %%
answer = None   # 把 None 換成你的答案
check("03.3", answer)

# %% jupyter={"source_hidden": true}
# 詳解：f'(0.5) = 0.5 - 3 + 1 = -1.5 < 0，所以迭代往右走，離開 x = 0.17 的山丘，進入局部吸引盆；
# 最後停在局部極小值 x = 1.13。
check("03.3", round(gradient_descent(two.grad, 0.5, 0.05, steps=1000).x, 2))

# %% [markdown]
# **練習 4（程式）。** 把兩種步都寫成一個函式。寫出 `two_steps(df, x, lr)`：從 x 出發，做一步原始梯度下降 $x - \text{lr}\, f'(x)$，以及一步逆著斜率、長度為 lr 的單位梯度步。兩個結果都傳回：
# `return x_raw, x_unit`。在 $f'(x) = 0$ 的地方沒有方向可言：兩者都留在 x。檢查程式會在五個測試案例上拿它和課程的 `gradient_descent(..., steps=1)` 比對。

# %%
def two_steps(df, x, lr):
    # 在這裡寫你的程式碼：return x_raw, x_unit
    raise NotImplementedError


check("03.4", two_steps)


# %% jupyter={"source_hidden": true}
# 詳解：原始步的大小隨斜率而變，單位步只用斜率的正負號。
def two_steps(df, x, lr):
    g = df(x)
    if g == 0:
        return x, x
    return x - lr * g, x - lr * g / abs(g)


check("03.4", two_steps)

# %% [markdown]
# **練習 5（先預測，再移動滑桿）。** 在第 5 節的一維探索器中（f(x) = x²、原始梯度、x0 = 1），
# lr = 0.75 時迭代會怎樣：`"monotone"`（單調收斂）、`"one step"`（一步到位）、
# `"oscillating convergence"`（振盪收斂）、`"a cycle"`（循環）還是 `"divergence"`（發散）？先預測，在這裡檢查，然後再設定滑桿，讀讀狀態列。

# %%
answer = None   # 把 None 換成你的預測
check("03.5", answer)

# %% jupyter={"source_hidden": true}
# 詳解：每一步把 x 乘上 1 - lr f'' = 1 - 0.75 * 2 = -0.5：每步正負號翻轉、大小減半，
# 所以迭代一路鋸齒狀地走進極小值。
factor = 1 - 0.75 * 2
check("03.5", "oscillating convergence" if -1 < factor < 0 else "not this one")
