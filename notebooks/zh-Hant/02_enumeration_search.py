# %% [markdown]
# # 第 02 課：枚舉搜尋（原文稱「枚舉試探法」）
#
# **你會學到什麼。** 第 01 課靠解方程式找極小值，但函數的變數一多，這招就不管用了。這一課介紹電腦可以改用的最簡單方法：站在某個位置，試走一小步，如果函數值變小就留下來。你會一步一步重演原文在 f(x) = x² 上的走法；看到起點與步長如何決定搜尋停在哪裡；學到導數的正負號不必試探就能指出方向；並弄清楚為什麼在二維以上逐一試探方向會變得毫無希望。這正是第 03、04 課梯度下降的動機。
#
# [課程地圖](00_course_map.ipynb) · 上一課：[第 01 課，古典的極值求法](01_classical_extrema.ipynb) · 下一課：[第 03 課，一維梯度下降](03_gradient_descent_1d.ipynb)
#
# **English:** 這一課的英文版：[English](../02_enumeration_search.ipynb)

# %% jupyter={"source_hidden": true}
# 設定。Google Colab 上沒有本課程的套件，下面幾行會從課程的儲存庫安裝它（保留 Colab 自帶的
# numpy、matplotlib 與 ipywidgets）；在其他地方這幾行什麼都不做。接著告訴輔助套件要說哪種語言。
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
from ann_helpers.exercises import check
from ann_helpers.explorers.descent import runs_2d
from ann_helpers.explorers.search import EnumerationExplorer, trials_figure
from ann_helpers.plotting import show
from ann_helpers.search import (
    compass_search,
    compass_vs_descent,
    derivative_sign_search,
    enumeration_search,
    trial_table,
)

square = F.get("square")
print(square.label, "| 極小值位於 x =", square.global_minimum)

# %% [markdown]
# ## 1. 試探搜尋，一次一步
#
# 規則兩句話就說得完。從你站的位置，先往右試一個固定大小的步伐，如果 f 在那裡沒有變小，就往左試同樣的步伐；移到第一個讓 f 變小的候選點。一旦某個方向行得通，就一直朝那個方向走，直到某一步不再讓 f 變小，就停在那裡。
#
# 一個變數只有左、右兩個方向，所以可以把它們一一列舉出來：「枚舉」這個名字就是這麼來的。下面是原文的例子：
# f(x) = x²，從 x = 1 出發，步長 0.5。每個候選點都會印出它的函數值和判定結果：

# %%
walk = enumeration_search(square.f, x0=1.0, step=0.5)
print(trial_table(walk))

# %% [markdown]
# 一行一行讀：f(1.5) = 2.25 比 f(1) = 1 大，所以右邊被拒絕；f(0.5) = 0.25 比較小，所以往左走；f(0) = 0
# 又更小；f(-0.5) = 0.25 比較大，所以停在 **x = 0**，也就是真正的極小值。連同起點那一次在內，一共計算了五次 f。
#
# ## 2. 起點與步長決定了答案
#
# 這種搜尋永遠只看一步之遙的地方。步長太粗時，它可能在到達極小值之前就停下來：雖然極小值就夾在兩個鄰點中間，但兩個鄰點剛好都比較高。若函數有兩個極小值，起點決定了會找到哪一個。

# %%
print(f"{'x0':>5} {'步長':>4} {'結果':>6} {'試探':>5} {'f 次數':>4} {'誤差':>6}")
for x0, step in [(1.0, 0.5), (1.0, 0.75), (1.0, 0.3), (2.0, 0.7), (0.4, 1.0), (1.0, 1.5)]:
    run = enumeration_search(square.f, x0, step)
    off = abs(run.x - square.global_minimum)
    print(f"{x0:>5.2f} {step:>6.2f} {run.x:>8.3f} {len(run.trials):>7d} "
          f"{run.evaluations:>6d} {off:>8.3f}")

# %% [markdown]
# 只有第一列，步長剛好配合起點，落在 0 上。其他幾列最多停在離極小值一步遠的地方；而從 x0 = 0.4、步長 1 出發，搜尋根本沒有移動：兩個鄰點 1.4 與 -0.6 都比 f(0.4) 高。同樣的事畫成圖：綠點是起點，朱紅線是被接受的移動，黑色叉叉是被拒絕的試探，星號是搜尋停下來的地方。

# %%
settings = [(1.0, 0.5), (1.0, 0.75), (0.4, 1.0)]
runs = [enumeration_search(square.f, x0, step) for x0, step in settings]
show(trials_figure(square, runs, [f"$x_0$ = {x0}，步長 {step}：停在 {run.x:.2f}"
                                  for (x0, step), run in zip(settings, runs, strict=True)]))

# %% [markdown]
# 有兩個極小值的 f(x) = x⁴ − 3x² + x，搜尋從哪裡出發就從哪裡往下坡走，停在遇到的第一個凹處。從右邊出發，它會找到比較高的那個*局部*極小值，永遠不會知道左邊還有一個更深的：

# %%
two = F.get("two_minima")
starts = (-2.0, 0.0, 2.0)
runs = [enumeration_search(two.f, x0, 0.1) for x0 in starts]
for x0, run in zip(starts, runs, strict=True):
    print(f"起點 {x0:+.1f} → x = {run.x:+.2f}，f = {run.values[-1]:+.3f}")
print(f"全域極小值：x = {two.minima[0]:+.3f}，f = {two.f(two.minima[0]):+.3f}")
show(trials_figure(two, runs, [f"起點 {x0:+.1f}" for x0 in starts]))

# %% [markdown]
# ## 3. 動手試試：試探搜尋探索器
#
# 移動起點與步長。狀態列會告訴你搜尋停在哪裡、為此計算了幾次 f，以及離真正的極小值有多遠。試著找出一個讓搜尋卡在起點的步長；再在 x⁴ − 3x² + x 上找一個錯過全域極小值的起點。

# %%
explorer = EnumerationExplorer(x0=1.0, step=0.5)
print(explorer.status)
explorer.snapshot()

# %% tags=["nbval-ignore-output"]
explorer.ui

# %% [markdown]
# ## 4. 導數的正負號免費告訴你方向
#
# 在 x = 1.5 的那次試探是白費的：我們本來就可以知道 f 往右是上升的。導數會告訴我們：若 f'(x) > 0，f 往右增加，所以往左走；若 f'(x) < 0，往右走；若 f'(x) = 0，停下來。對 f(x) = x² 來說，斜率是 f'(x) = 2x：

# %%
signs = derivative_sign_search(square.grad, x0=1.0, step=0.5)
print(f"{'k':>2} {'x':>6} {'斜率':>5} {'移動':>4}")
for k, (x, slope) in enumerate(zip(signs.points, signs.values, strict=True)):
    move = "往左" if slope > 0 else ("往右" if slope < 0 else "停止")
    print(f"{k:>2} {x:>6.2f} {slope:>7.2f} {move:>4}")
print(f"導數正負號搜尋：計算了 {signs.evaluations} 次 f'"
      f"（試探搜尋：計算了 {walk.evaluations} 次 f），結果 x = {signs.x:g}")

# %% [markdown]
# 同樣的路徑，沒有白費的試探。不過步長還是很要緊：步長 0.75 時，這一輪會跳過極小值，而正負號只能告訴我們極小值夾在最後兩個點之間（狀態 `bracketed`，意思是「夾住了」）。

# %%
over = derivative_sign_search(square.grad, x0=1.0, step=0.75)
print(over.status + "：", over.message)

# %% [markdown]
# 記住這一點：第 03 課會再往前一步，不只用導數的正負號，也用它的大小。
#
# ## 5. 為什麼枚舉在二維以上會失敗
#
# 在一維中我們試了兩個方向。在曲面 f(x, y) 上，可以往*無限多個*方向走，不可能全部試一遍。最接近的實用版本是**羅盤搜尋**（compass search）：沿每個座標軸正反兩個方向各試一步（n 維中共 2n 個方向），移到第一個讓 f
# 變小的點；如果一個都沒有，就把步長減半。
#
# 當山谷沿著某個座標軸延伸時，例如 x² + 10y²，羅盤搜尋表現最好。把同樣的山谷轉 45°，變成
# f = ½(x + y)² + 10(x − y)²，就再也沒有哪個座標軸順著山谷走了：搜尋只能用小小的階梯步伐來回曲折前進。我們計算要讓 f 與極小值的差距小於 10⁻⁴ 需要計算幾次 f，並拿梯度下降所需的步數（第 04 課的規則，
# lr = 1 / 最大曲率）來比較：

# %%
start = [4.0, 3.0]
print(f"{'函數':<34} {'羅盤搜尋：計算 f 的次數':>16} {'梯度下降：步數':>8}")
for key in ("narrow_bowl", "valley"):
    fn = F.get(key)
    cost = compass_vs_descent(fn, start, gap=1e-4)
    print(f"{fn.label:<36} {cost['compass_evaluations']:>26d} {cost['descent_steps']:>15d}")

# %% [markdown]
# 同樣的幾次執行畫成圖（停止規則和表中相同：f 與極小值的差距一小於 10⁻⁴ 就停）：

# %%
valley, narrow = F.get("valley"), F.get("narrow_bowl")
paths = [compass_search(fn.f, start, tol=1e-15,
                        target=fn.f(np.asarray(fn.global_minimum, dtype=float)) + 1e-4)
         for fn in (narrow, valley)]
show(runs_2d([narrow, valley], paths,
             [f"羅盤搜尋：計算了 {p.evaluations} 次 f\n才達到 $f - f_{{min}} \\leq 10^{{-4}}$"
              for p in paths]))

# %% [markdown]
# 真正的麻煩在於維度。羅盤搜尋一輪最多要計算 2n 次 f，而在轉了方向的山谷裡，它需要很多輪。下面在 n 維中的隨機凸碗上做同樣的比較（固定亂數種子；曲率從 1 到 20，座標軸隨機旋轉）：

# %%
print(f"{'n':>4} {'羅盤搜尋：計算 f 的次數':>16} {'梯度下降：步數':>8}")
for n in (2, 10, 50):
    bowl_n = F.random_quadratic(n, condition=20.0, seed=0)
    cost = compass_vs_descent(bowl_n, np.full(n, 3.0), gap=1e-4)
    print(f"{n:>4} {cost['compass_evaluations']:>26d} {cost['descent_steps']:>15d}")

# %% [markdown]
# 梯度下降的步數幾乎不隨 n 改變，羅盤搜尋的帳單卻爆炸了。（公平起見補充一句：梯度下降的每一步都需要梯度。若用有限差分來估計梯度，又得花 2n 次 f 的計算；第 07 課會說明，反向傳播只要大約多一趟計算的代價，就能得到網路的整個梯度，這正是類神經網路用梯度下降來訓練的原因。）一個網路有上百萬個參數：枚舉根本不用考慮，第 03 課就開始建立取代它的方法。
#
# ## 練習
#
# 把 `None` 換成你的答案，或寫出練習要求的函式，然後執行該格：檢查器會說「對了」或「還沒」，並給一個提示（第二次嘗試會得到更具體的提示）。每個練習下方收合起來的格子裡是詳解。
#
# **練習 1.** f(x) = x² + 3x。用手從 x = 1、步長 1 做枚舉搜尋（先試右邊）。它停在哪個 x？（整數）

# %%
answer = None   # 把 None 換成你的答案
check("02.1", answer)

# %% jupyter={"source_hidden": true}
# 詳解：f(1) = 4。右邊：f(2) = 10 > 4，拒絕。左邊：f(0) = 0 < 4，接受。
# 繼續往左：f(-1) = -2 < 0，接受。f(-2) = -2 並不比 -2 低，拒絕：停止。
# 真正的極小值是 -1.5，夾在最後兩個點之間：步長太粗，走不到那裡。
check("02.1", enumeration_search(F.get("square_plus_3x").f, 1.0, 1.0).x)

# %% [markdown]
# **練習 2.** 同一個 f(x) = x² + 3x，在 x = 1，下坡是哪個方向？不要試走任何一步，用英文單字 "left"（左）或 "right"（右）回答。

# %%
answer = None   # 把 None 換成 "left" 或 "right"
check("02.2", answer)

# %% jupyter={"source_hidden": true}
# 詳解：f'(x) = 2x + 3，所以 f'(1) = 5 > 0：f 往右增加，下坡在左邊。
check("02.2", "left" if F.get("square_plus_3x").grad(1.0) > 0 else "right")

# %% [markdown]
# **練習 3.** 在 n = 10 維中做羅盤搜尋：一輪（沒找到更好的點的一輪）最多要計算幾次 f？（整數）

# %%
answer = None   # 把 None 換成你的答案
check("02.3", answer)

# %% jupyter={"source_hidden": true}
# 詳解：10 個軸每個都要試 + 與 - 兩個方向：2 * 10 次試探。
check("02.3", 2 * 10)

# %% [markdown]
# **練習 4（程式碼）。** 把搜尋的一次試探寫成函式。寫出 `trial_step(f, x, step)`：先試 x + step，若 f 在那裡更低，就傳回它；否則試 x − step，若 f 在那裡更低，就傳回它；否則傳回 x（搜尋停在這裡）。檢查器會在六個案例上把你的函式和課程的 `enumeration_search` 比較，其中包括平手（相等不算更低）以及從極小值出發的情形。

# %%
def trial_step(f, x, step):
    # 在這裡寫你的程式碼：傳回 x + step、x - step 或 x
    raise NotImplementedError


check("02.4", trial_step)


# %% jupyter={"source_hidden": true}
# 詳解：先右後左；只有嚴格更低的值才會移動。
def trial_step(f, x, step):
    fx = f(x)
    if f(x + step) < fx:
        return x + step
    if f(x - step) < fx:
        return x - step
    return x


check("02.4", trial_step)

# %% [markdown]
# **練習 5（先預測，再移動滑桿）。** 在第 3 節的探索器中，選 f(x) = x⁴ − 3x² + x、起點 x0 = 1、步長 0.5。在動任何東西*之前*：搜尋會停在哪裡？（到小數第 2 位）先在這裡檢查你的預測，再設定滑桿看看。

# %%
answer = None   # 把 None 換成你的預測
check("02.5", answer)

# %% jupyter={"source_hidden": true}
# 詳解：f(1) = -1，f(1.5) = -0.1875，f(0.5) = -0.1875：兩個鄰點都不比較低，所以搜尋從未離開起點，
# 儘管局部極小值 x = 1.13 就在附近，而全域極小值（x = -1.30）更低。
two_minima = F.get("two_minima").f
print(f"f(0.5) = {two_minima(0.5):.4f}，f(1) = {two_minima(1.0):.4f}，"
      f"f(1.5) = {two_minima(1.5):.4f}")
check("02.5", 1.0)
