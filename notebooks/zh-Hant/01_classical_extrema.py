# %% [markdown]
# # 01 古典的極值求法：教科書的方法，以及網路為什麼用不上它
#
# 訓練網路，就是要找出讓損失最小的那組參數：一個極小值點。微積分有一套找極小值的古典做法：令導數為零，再看二階導數。**這一課你會**用 sympy 把這套做法精確地跑一遍，先是一個變數（$f(x) = x^2 + 3x$），再來是兩個變數（$x^2 + y^2$、$x^2 - y^2$ 等等）；認識需要特別小心的點（$x^3$ 與 $|x|$ 在 0 的地方）；並用數字看清楚：當函數有上百萬個變數時，這套做法為什麼會垮掉。正因為它會垮掉，課程接下來才都在講梯度下降。
#
# [課程地圖](00_course_map.ipynb) · 下一課：[02 枚舉搜尋](02_enumeration_search.ipynb)
#
# **English:** 這一課的英文版：[English](../01_classical_extrema.ipynb)

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
import sympy as sp

from ann_helpers.calculus import (
    classify_point,
    coupled_example,
    derivative_signs,
    gradient,
    gradient_system_report,
    hessian,
    numerical_derivative,
    second_partials_count,
    stationary_points,
)
from ann_helpers.exercises import check
from ann_helpers.explorers.extrema import (
    TangentExplorer,
    two_variable_figure,
    two_variable_surfaces,
)
from ann_helpers.plotting import show

x, y = sp.symbols("x y", real=True)

# %% [markdown]
# ## 1. 一個變數：$f(x) = x^2 + 3x$
#
# 一個平滑的函數在取得極小值或極大值（統稱極值）的地方，圖形是平的：切線是水平的，所以導數為 0。滿足 $f'(x) = 0$ 的點稱為駐點。這套做法就從這裡開始：微分、令導數為 0、解方程式。

# %%
f = x**2 + 3 * x
df = sp.diff(f, x)
(point,) = stationary_points(f, [x])
print(f"f(x)  = {f}")
print(f"f'(x) = {df}")
print(f"f'(x) = 0  的解是  x = {point[x]} = {float(point[x]):.1f}")

# %% [markdown]
# 切線水平只代表它是*候選點*：圖形也可能只是暫時變平，然後繼續往上爬。有兩種方法可以判斷。
#
# **正負號表。** 看候選點兩側 $f'$ 的正負號。先降後升，代表這是山谷的谷底：極小值。

# %%
print("    x    f'(x)  正負   f 的走勢")
for xi, slope, sign in derivative_signs(f, x, [-3, -2, -1.5, -1, 0]):
    trend = {"-": "下降", "0": "持平", "+": "上升"}[sign]
    print(f"{xi:5.1f}  {slope:6.2f}   {sign}     {trend}")

# %% [markdown]
# $f'$ 在 $-1.5$ 左邊為負、右邊為正：$f$ 先降後升。
#
# **二階導數。** $f''$ 是斜率的變化率。若候選點的 $f'' > 0$，表示斜率在那裡遞增、由負穿過 0 變成正：同樣是極小值。

# %%
d2f = sp.diff(f, x, 2)
print(f"f''(x) = {d2f}，所以 f''({point[x]}) = {d2f.subs(x, point[x])} > 0")
print(f"f({point[x]}) = {f.subs(x, point[x])} = {float(f.subs(x, point[x])):.2f}")
print(f"二階導數判別法：{ {'minimum': '極小值', 'maximum': '極大值', 'inconclusive': '無法判定'}[classify_point(f, [x], point)] }")

# %% [markdown]
# ### 即時觀察切線
#
# 這個探索器畫出 $f$，以及它在你選定的點 $a$ 的切線。$f$ 下降（$f' < 0$）的部分畫成朱紅色實線，上升（$f' > 0$）的部分畫成藍色點線。把 $a$ 往 $-1.5$ 滑動，看切線漸漸變平。留意斜率的正負號告訴了你什麼：它指出*下坡*的方向。這個觀察就是梯度下降的種子（第 03 課）。

# %%
explorer = TangentExplorer(function="x^2 + 3x", x=-2.5)
print(explorer.status)
explorer.snapshot()

# %% tags=["nbval-ignore-output"]
explorer.ui

# %% [markdown]
# ## 2. 表裡不一的候選點
#
# **$f(x) = x^3$ 在 0。** 導數 $3x^2$ 在 $x = 0$ 為 0，所以 0 是駐點。但 $f'' = 6x$ 在那裡也是 0：二階導數判別法什麼也說不出來。這時由正負號表決定：$f'$ 在兩側都是正的，所以 $x^3$ 一路往上穿過 0。這是一個不是極值的駐點。

# %%
cube = x**3
print(f"x^3 的駐點：{[p[x] for p in stationary_points(cube, [x])]}")
print(f"在 0 的二階導數判別法：{ {'minimum': '極小值', 'maximum': '極大值', 'inconclusive': '無法判定'}[classify_point(cube, [x], [0])] }")
print("    x    f'(x)  正負")
for xi, slope, sign in derivative_signs(cube, x, [-1, -0.5, 0, 0.5, 1]):
    print(f"{xi:5.1f}  {slope:6.2f}   {sign}")

# %% [markdown]
# **$f(x) = |x|$ 在 0。** 情形正好相反：這是極小值（處處 $|x| \ge 0 = |0|$），但導數在那裡不存在。圖形在這裡有個尖角：從左邊來的斜率是 $-1$，從右邊來的是 $+1$，沒有任何一條切線能同時貼合。令 $f'(x) = 0$ 永遠找不到這個點，所以這套做法還必須把 $f'$ 不存在的點也列為候選點。
#
# 單邊差商 $\frac{f(0) - f(-h)}{h}$ 與 $\frac{f(h) - f(0)}{h}$ 顯示出這兩個斜率。（小心：sympy 把
# $|x|$ 的導數寫成 $\mathrm{sign}(x)$，而依慣例 $\mathrm{sign}(0) = 0$，這會讓人誤以為那裡的切線是水平的。）

# %%
absx = sp.Abs(x)
h = 1e-6
left = (abs(0.0) - abs(-h)) / h
right = (abs(h) - abs(0.0)) / h
print(f"sympy：d|x|/dx = {sp.diff(absx, x)}")
print(f"在 0 的左側斜率：{left:+.4f}")
print(f"在 0 的右側斜率：{right:+.4f}")
print(f"在 0 的中央差分：{numerical_derivative(abs, 0.0):+.4f}（把兩個斜率平均掉了）")

# %% [markdown]
# 中央差分在尖角處得到 0，看起來像水平切線，其實不是：數值導數只在 $f$ 平滑的地方才有意義。探索器可以把兩種情形都畫出來。

# %%
corner = TangentExplorer(function="|x|", x=0.0)
print(corner.status)
corner.snapshot()

# %% [markdown]
# ## 3. 兩個變數：一組方程式和三個二階導數
#
# 對 $f(x, y)$ 來說，圖形是一個曲面；在極值處，曲面往*每一個*方向都是平的：兩個偏導數都必須為零，
# $$\frac{\partial f}{\partial x} = 0, \qquad \frac{\partial f}{\partial y} = 0.$$
# 這是一組要聯立求解的兩條方程式。以 $x^3 - 3x + y^2$ 為例：

# %%
g = x**3 - 3 * x + y**2
for var, eq in zip((x, y), gradient(g, [x, y]), strict=True):
    print(f"df/d{var} = {eq} = 0")
print("解：", [(p[x], p[y]) for p in stationary_points(g, [x, y])])

# %% [markdown]
# 要判斷每個駐點的類型，現在需要**三個**二階偏導數：$A = f_{xx}$、$B = f_{xy}$ 與 $C = f_{yy}$
# （第四個 $f_{yx}$ 等於 $f_{xy}$）。它們組成海森矩陣（Hessian）
# $H = \begin{pmatrix} A & B \\ B & C \end{pmatrix}$，判別法如下：
#
# | $AC - B^2$ | $A$ | 這個點是 |
# | --- | --- | --- |
# | $> 0$ | $> 0$ | 極小值 |
# | $> 0$ | $< 0$ | 極大值 |
# | $< 0$ | | 鞍點（往一個方向上升，往另一個方向下降） |
# | $= 0$ | | 判別法無法判斷 |
#
# 下面用四個函數試試看。（`classify_point` 依海森矩陣特徵值的正負號來判斷，這是同一個判別法，而且適用於任何維度。它傳回英文代碼 `"minimum"`、`"maximum"`、`"saddle"` 或 `"inconclusive"`，下表把它們換成中文。）

# %%
CASES = [
    ("x^2 + y^2", x**2 + y**2),
    ("x^2 - y^2", x**2 - y**2),
    ("-x^2 - y^2", -(x**2) - y**2),
    ("x^3 - 3x + y^2", x**3 - 3 * x + y**2),
]
print(f"{'f(x, y)':<16}{'點':>8}{'A':>6}{'B':>6}{'C':>6}{'AC - B^2':>10}   類型")
for label, expr in CASES:
    H = hessian(expr, [x, y])
    for p in stationary_points(expr, [x, y]):
        A, B, C = (float(H[i, j].subs(p)) for i, j in ((0, 0), (0, 1), (1, 1)))
        where = f"({p[x]}, {p[y]})"
        kind = classify_point(expr, [x, y], p)
        print(f"{label:<16}{where:>9}{A:6.1f}{B:6.1f}{C:6.1f}{A * C - B**2:10.1f}   { {'minimum': '極小值', 'maximum': '極大值', 'saddle': '鞍點', 'inconclusive': '無法判定'}[kind] }")

# %% [markdown]
# 等高線圖（高度相同的點連成的線）呈現的是同一件事。在極小值或極大值周圍，等高線是封閉的圈；在鞍點周圍，等高線彼此交叉，就像山口一樣。

# %%
show(two_variable_figure(CASES))

# %% [markdown]
# 畫成曲面：一個碗、一個鞍形（像馬鞍，或兩座山峰之間的山口）、一個倒扣的碗，以及一片谷底旁邊緊鄰著山口的地形。

# %%
show(two_variable_surfaces(CASES))

# %% [markdown]
# ## 4. 這套做法為什麼無法擴展
#
# 三個問題，一個比一個嚴重。
#
# **二階導數越來越多。** 一個變數需要一個二階導數，兩個變數需要三個。有 $n$ 個變數時，海森矩陣是
# $n \times n$ 的對稱矩陣，所以有 $n(n+1)/2$ 個不同的二階偏導數，判別法必須把它們全部一起考慮。現代的網路有上億個參數：

# %%
print(f"{'變數個數 n':>9}  {'二階偏導數個數 n(n+1)/2':>19}")
for n in [1, 2, 3, 10, 10**6, 10**8]:
    print(f"{n:>13,}  {second_partials_count(n):>26,}")

# %% [markdown]
# **非線性方程式。** 當方程式是線性的，解 $\nabla f = 0$ 很容易；但網路的方程式不是線性的。看一個有 $n$ 個變數、每個變數都和鄰居耦合的小例子：
# $$f(x_1, \dots, x_n) = \sum_i (x_i^2 - 1)^2 + \sum_i x_i x_{i+1}.$$
# 它的梯度給出 $n$ 條三次方程式。當 $n = 2$：

# %%
f2, xs2 = coupled_example(2)
for var, eq in zip(xs2, gradient(f2, xs2), strict=True):
    print(f"df/d{var} = {sp.expand(eq)} = 0")

# %% [markdown]
# **精確求解會爆炸。** 把變數消去到只剩一個，會留下一個多項式，每多一個變數，它的次數就乘以 3（$3^n$）。超過四次的多項式沒有一般的求根公式（Abel-Ruffini 定理），所以就連電腦代數系統也只能退回近似解。看看 sympy 的通用求解器 `sympy.solve`（`stationary_points` 底下用的就是它）傳回什麼，再和實數駐點的真正個數比較：

# %%
rows = [" n     方程式      最多幾組解       消去後         實數駐點  sympy.solve",
        "     （三次）           (3^n)       的次數           的個數   傳回的個數"]
for n in [1, 2, 3, 4]:
    fn, xs = coupled_example(n)
    r = gradient_system_report(fn, xs)
    rows.append(f"{n:>2}  {r['equations']:>9}  {r['bezout_bound']:>14}  "
                f"{r['eliminant_degree']:>11}  {r['real_solutions']:>15}  {r['solve_found']:>11}")
print("\n".join(rows))

# %% [markdown]
# 到 $n = 2$ 為止，精確的做法都行得通。到了 $n = 3$，實數駐點有 23 個，通用求解器卻只傳回其中 3 個，而且沒有任何警告；四個變數時，61 個點它只傳回 1 個。（真正的個數來自消去後的多項式：sympy 不必把它的實根寫出來，也能數出有幾個。）精確的路線不只慢，而且脆弱；對一個有 $10^8$ 個參數的網路而言，更是遙不可及。
#
# 所以古典的做法雖然精確，卻無法推廣：每多一個變數，就需要更多二階導數；方程式是非線性的；要精確解出它們毫無希望。我們需要一個簡單、能用數值計算、而且不論變數有幾個都一樣適用的方法。接下來幾課就來建立它，從最天真的想法開始：試走一步，看看有沒有往下。請繼續看 [02 枚舉搜尋](02_enumeration_search.ipynb)。

# %% [markdown]
# ## 練習
#
# 把 `None` 換成你的答案，或寫出練習要求的函式，然後執行該格：檢查器會說「對了」或「還沒」，並給一個提示（第二次嘗試會得到更具體的提示）。每個練習下方收合起來的格子裡是詳解。
#
# **練習 1.** $g(x) = 2x^2 - 8x + 1$。在哪個 $x$ 會有 $g'(x) = 0$？（整數）

# %%
answer = None  # 把 None 換成你的答案（一個數）
check("01.1", answer)

# %% jupyter={"source_hidden": true}
# 詳解：g'(x) = 4x - 8，而 4x - 8 = 0 得到 x = 2。
# （g'' = 4 > 0，所以是極小值。）
g1 = 2 * x**2 - 8 * x + 1
solution = sp.solve(sp.diff(g1, x), x)[0]
check("01.1", solution)

# %% [markdown]
# **練習 2.** $f(x, y) = x^2 + 4xy + y^2$ 在 $(0, 0)$ 有一個駐點。它是 `"minimum"`（極小值）、
# `"maximum"`（極大值）還是 `"saddle"`（鞍點）？（兩個平方項都是正號，這樣就能下定論了嗎？）

# %%
answer = None  # 把 None 換成 "minimum"、"maximum" 或 "saddle"
check("01.2", answer)

# %% jupyter={"source_hidden": true}
# 詳解：A = f_xx = 2，B = f_xy = 4，C = f_yy = 2，所以 AC - B^2 = 4 - 16 = -12 < 0：
# 是鞍點。沿著直線 y = -x，f = x^2 - 4x^2 + x^2 = -2x^2 往下走；沿著 y = x 則往上走：
# 交叉項 4xy 壓過了兩個平方項。
f_ex = x**2 + 4 * x * y + y**2
H_ex = hessian(f_ex, [x, y])
A, B, C = H_ex[0, 0], H_ex[0, 1], H_ex[1, 1]
check("01.2", "saddle" if A * C - B**2 < 0 else ("minimum" if A > 0 else "maximum"))

# %% [markdown]
# **練習 3.** 一個有 $n = 1000$ 個變數的函數，有多少個不同的二階偏導數？（整數）

# %%
answer = None  # 把 None 換成你的答案（一個整數）
check("01.3", answer)

# %% jupyter={"source_hidden": true}
# 詳解：海森矩陣是 1000 x 1000，但 f_ij = f_ji，所以數對角線上的 1000 個元素，再加上對角線上方的
# 1000 * 999 / 2 個元素：n(n+1)/2 = 1000 * 1001 / 2。
n = 1000
check("01.3", n * (n + 1) // 2)

# %% [markdown]
# **練習 4（程式碼）。** 把正負號判別法寫成函式。寫出 `sign_test(df, x0, h)`：`df` 是導數 $f'$（一個
# Python 函式），$x_0$ 是駐點。若 $f'$ 在 $x_0$ 由 $-$ 變 $+$（比較 $f'(x_0 - h)$ 與 $f'(x_0 + h)$），傳回 `"minimum"`；若由 $+$ 變 $-$，傳回 `"maximum"`；其他情況傳回 `"neither"`。檢查器會拿六個函數來測試，其中包括 $x^3$、$x^4$（$f''(0) = 0$，二階導數判別法無話可說）以及 $|x|$。

# %%
def sign_test(df, x0, h):
    # 在這裡寫你的程式碼：傳回 "minimum"、"maximum" 或 "neither"
    raise NotImplementedError


check("01.4", sign_test)


# %% jupyter={"source_hidden": true}
# 詳解：只有兩個正負號要緊。先降後升是極小值，先升後降是極大值；其他情形（例如 x^3 那樣兩側同號）
# 兩者都不是。
def sign_test(df, x0, h):
    left, right = df(x0 - h), df(x0 + h)
    if left < 0 < right:
        return "minimum"
    if left > 0 > right:
        return "maximum"
    return "neither"


check("01.4", sign_test)

# %% [markdown]
# **練習 5（先預測，再移動滑桿）。** 在第 1 節的切線探索器中，選 $f(x) = x^3 - 3x$。在把 $a$ 移到 1 之前：狀態列會說 $a = 1$ 是 `"minimum"`（極小值）、`"maximum"`（極大值）還是 `"neither"`（都不是）？先在這裡檢查你的預測，再移動滑桿，讀讀看狀態列。

# %%
answer = None  # 把 None 換成 "minimum"、"maximum" 或 "neither"
check("01.5", answer)

# %% jupyter={"source_hidden": true}
# 詳解：f'(x) = 3x^2 - 3 在 x = 1 為 0；f'(0.9) = -0.57 < 0 且 f'(1.1) = 0.63 > 0，
# 所以 f 先降後升：是極小值（f''(1) = 6 > 0 也這麼說）。
cubic_slope = sp.diff(x**3 - 3 * x, x)
print(f"f'(0.9) = {float(cubic_slope.subs(x, 0.9)):.2f}，f'(1.1) = {float(cubic_slope.subs(x, 1.1)):.2f}")
check("01.5", sign_test(sp.lambdify(x, cubic_slope), 1.0, 0.1))
