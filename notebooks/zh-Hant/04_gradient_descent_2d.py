# %% [markdown]
# # 第 04 課：二維以上的梯度下降（gradient descent）
#
# **這一課學什麼。** 有兩個變數時，搜尋可以往無限多個方向踏出一步，所以像第 02 課那樣一個方向一個方向試是行不通的。梯度（gradient）替我們挑出最好的方向：它的分量是偏導數（partial
# derivative），而梯度的反方向筆直地指向下坡。你會在 f(x, y) = x² + y² 上重演原文的例子，看看等高線上的梯度場，觀察梯度下降在狹長山谷裡鋸齒狀地前進並找出這個山谷的穩定上限，最後用一千個變數執行完全相同的更新規則。
#
# [課程地圖](00_course_map.ipynb) · 上一課：[第 03 課，一維的梯度下降](03_gradient_descent_1d.ipynb) · 下一課：[第 05 課，神經元](05_neuron.ipynb)
#
# **English:** 本課的英文版：[English](../04_gradient_descent_2d.ipynb)

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
from ann_helpers.descent import gradient_descent, point_text, step_table
from ann_helpers.exercises import check
from ann_helpers.explorers.descent import (
    DescentExplorer2D,
    outcome,
    runs_2d,
    surface_with_path,
)
from ann_helpers.plotting import COLORS, new_figure, show

bowl = F.get("bowl")
print(bowl.label, "  梯度：(df/dx, df/dy) = (2x, 2y)")

# %% [markdown]
# ## 1. 原文的例子：一步到谷底
#
# 兩個變數的函數，它的梯度是由兩個偏導數組成的向量 grad f = (∂f/∂x, ∂f/∂y)；對 f = x² + y²
# 寫成 2x**i** + 2y**j**。它指向 f 增加最快的方向；梯度的反方向則是 f 下降最快的方向。梯度下降的一步會把整個點一起移動：
#
# $$(x, y)_{\text{new}} = (x, y)_{\text{old}} - \text{lr}\cdot \nabla f\big((x, y)_{\text{old}}\big).$$
#
# 從 (−5, −5) 出發，lr = 0.5：

# %%
start = np.array([-5.0, -5.0])
g = bowl.grad(start)
new = start - 0.5 * g
print(f"{point_text(start)} 處的梯度：{point_text(g)}")
print(f"梯度的反方向：          {point_text(-g)}")
print(f"新的點 = {point_text(start)} + 0.5 * {point_text(-g)} = {point_text(new)}")
print(f"{point_text(new)} 處的梯度：{point_text(bowl.grad(new))}：停止")

# %%
run = gradient_descent(bowl.grad, start, lr=0.5, f=bowl.f)
print(step_table(run))

# %% [markdown]
# 這條規則和第 03 課的一維規則一字不差，只是 x 現在是個向量。規則裡沒有任何東西和變數的個數有關，而這正是重點所在。
#
# ## 2. 為什麼梯度的反方向是最陡的下坡
#
# 站在某一點 p，選一個方向，也就是單位向量 u = (cos θ, sin θ)。往這個方向走，f 變化得多快？在 p 附近，f 很接近它的切平面（一階泰勒展開）：
#
# $$f(p + h\,u) \approx f(p) + h\,\Big(\frac{\partial f}{\partial x}u_1 + \frac{\partial f}{\partial y}u_2\Big) = f(p) + h\,\nabla f(p)\cdot u ,$$
#
# 所以沿著 u 的變化率，也就是**方向導數**（directional derivative），是 $D_u f(p) = \nabla f(p)\cdot u$。由柯西－施瓦茨不等式（Cauchy-Schwarz），$|\nabla f \cdot u| \le |\nabla f|\,|u| = |\nabla f|$，而且只有在 u 與 ∇f 平行時等號才成立；用角度來說，$\nabla f\cdot u = |\nabla f|\cos\varphi$，其中 φ 是兩者的夾角。所以：
#
# * 最大的變化率 $+|\nabla f|$ 出現在 u = ∇f / |∇f|（φ = 0）的方向：梯度指向最陡的上坡；
# * 最小的變化率 $-|\nabla f|$ 出現在 u = −∇f / |∇f|（φ = 180°）的方向：**梯度的反方向就是最陡的下坡**；
# * 在 φ = ±90° 的兩個方向上變化率為 0：那正是通過 p 的等高線的方向。
#
# 不靠公式來驗證：在 x² + 10y² 上取 p = (1, 0.5)，用中央差分 (f(p + hu) − f(p − hu)) / 2h 量出
# f 在 360 個方向上的變化率，看看哪裡最負：

# %%
narrow = F.get("narrow_bowl")
p = np.array([1.0, 0.5])
h = 1e-5
thetas = np.deg2rad(np.arange(360))
units = np.stack([np.cos(thetas), np.sin(thetas)], axis=1)
rates = np.array([(narrow.f(p + h * u) - narrow.f(p - h * u)) / (2 * h) for u in units])
gp = narrow.grad(p)
grad_angle = np.rad2deg(np.arctan2(gp[1], gp[0]))
print(f"{point_text(p)} 處的梯度：{point_text(gp)}，|梯度| = {np.linalg.norm(gp):.4f}，"
      f"角度 {grad_angle:.1f} 度")
print(f"最陡的上升：每單位步 {rates.max():+.4f}，在 {np.argmax(rates)} 度")
print(f"最陡的下降：每單位步 {rates.min():+.4f}，在 {np.argmin(rates)} 度"
      f"（梯度的角度 + 180 = {grad_angle + 180:.1f}）")

# %%
fig, ax = new_figure(size=(6.4, 3.0))
ax.plot(np.rad2deg(thetas), rates, color=COLORS["curve"],
        label=r"以中央差分量得的 $D_u f(p)$")
ax.axvline(grad_angle, color=COLORS["grad"], ls="--", label=r"$\nabla f(p)$ 的方向")
ax.axvline(grad_angle + 180, color=COLORS["path"], ls=":", lw=2,
           label=r"$-\nabla f(p)$ 的方向")
ax.axhline(-np.linalg.norm(gp), color=COLORS["muted"], lw=0.8)
ax.axhline(np.linalg.norm(gp), color=COLORS["muted"], lw=0.8)
ax.set_xlabel(r"單位向量 $u = (\cos\theta, \sin\theta)$ 的方向 $\theta$（度）")
ax.set_ylabel(r"變化率 $\nabla f \cdot u$")
ax.set_xticks(range(0, 361, 45))
ax.set_title(r"$f = x^2 + 10y^2$ 在 $p = (1, 0.5)$：變化率介於 $\pm|\nabla f|$（灰線）之間")
ax.legend(fontsize=8, loc="lower left")
show(fig)

# %% [markdown]
# 量到的曲線就是 |∇f| cos φ：最高點 +10.1979 在 79°（最接近梯度角度 78.7° 的整數度；|∇f| 本身是
# 10.1980），最低點 −10.1979 在正對面的 259°，左右各轉四分之一圈的地方為零。沒有任何方向比 −∇f
# 下降得更快。
#
# ## 3. 等高線上的梯度場
#
# 畫出 f 的等高線（level curve，也就是 f 為定值的曲線），並在許多點上把梯度畫成箭頭。這裡的等高線在 f 上是**等間隔**的（相鄰兩條曲線的 f 值差相同）。有兩件事一眼就看得出來：每個箭頭都**垂直**於通過它起點的等高線；而且在**等高線擠在一起的地方箭頭最長**，也就是曲面最陡的地方：要爬升同樣的 f 值差，陡的地方只要走一小段，所以曲線靠得很近（間距大約是 f 值差 / |∇f|）。兩個碗都是離極小值越遠越陡，所以曲線在那裡最擠，箭頭也最長。

# %%
show(runs_2d([bowl, narrow], [], [bowl.label, narrow.label], arrows=True, size=(6.6, 3.7),
             spacing="even"))

# %% [markdown]
# 用數字檢查垂直這件事，直接和等高線本身比對：請 matplotlib 的等高線程式（它對梯度一無所知，只知道點附近細網格上的 f 值）畫出通過某點的等高線，取這條曲線在該點的方向 t，再量 t 與梯度的夾角：

# %%
def level_curve_direction(fn, p, half_width=0.01, n=41):
    """通過 p 的 fn 等高線的單位方向，由細網格上的等高線求得。"""
    xs = np.linspace(p[0] - half_width, p[0] + half_width, n)
    ys = np.linspace(p[1] - half_width, p[1] + half_width, n)
    X, Y = np.meshgrid(xs, ys)
    fig, ax = new_figure()                            # matplotlib 的等高線程式，不顯示
    contours = ax.contour(X, Y, fn.f_xy(X, Y), levels=[fn.f(np.asarray(p))])
    curve = max(contours.allsegs[0], key=len)         # 曲線上通過 p 的那一段
    i = int(np.argmin(np.linalg.norm(curve - p, axis=1)))
    t = curve[min(i + 1, len(curve) - 1)] - curve[max(i - 1, 0)]
    return t / np.linalg.norm(t)


print(f"{'f':<16} {'點':>9} {'梯度':>12} {'|梯度|':>9} {'與等高線的夾角':>14}")
for fn in (bowl, narrow):
    for q in [(3.0, 4.0), (1.0, 0.5), (0.3, 0.1)]:
        gq = fn.grad(np.array(q))
        t = level_curve_direction(fn, np.array(q))
        angle = np.rad2deg(np.arccos(abs(gq @ t) / np.linalg.norm(gq)))
        print(f"{fn.label[10:]:<16} {point_text(q):>10} {point_text(gq):>14} "
              f"{np.linalg.norm(gq):>11.3f} {angle:>17.1f} 度")

# %% [markdown]
# 夾角在十分之一度以內都是 90°（等高線程式把曲線畫成網格點之間的短直線段，所以才會出現 89.9）。
#
# 同樣的下降過程，換成看它在曲面本身上行走的樣子，用的是病態的碗 x² + 10y²（下一節）：

# %%
zigzag = gradient_descent(narrow.grad, [-5.0, -2.0], lr=0.09, steps=40, f=narrow.f)
show(surface_with_path(narrow, zigzag))

# %% [markdown]
# ## 4. 狹長的山谷：鋸齒與穩定上限
#
# 在圓碗上，不論在哪裡，梯度都指向中心。在 x² + 10y² 上就不是這樣了：曲面在 y 方向比在 x 方向陡十倍，所以梯度主要由 y 分量決定，路徑在兩側谷壁之間來回彈跳，同時沿著 x 緩慢前進。每個座標各自遵守第 03 課的一維規則：
#
# * x_new = (1 − 2 lr) x，lr < 2/2 = 1 時穩定；
# * y_new = (1 − 20 lr) y，只有 lr < 2/20 = 0.1 時才穩定。
#
# 最陡的方向決定了整個迭代的上限：**lr < 2 / (最大曲率)**，其中各個曲率是二階導數矩陣（海森矩陣，Hessian）的特徵值。

# %%
print(f"{narrow.label} 的曲率：{np.linalg.eigvalsh(narrow.hessian(None))}")
print(f"穩定上限 2 / 最大曲率 = {narrow.lr_limit():g}")
print(f"{'lr':>6}  x 的因子  y 的因子  2000 步的結果")
for lr in (0.02, 0.05, 0.09, 0.1, 0.105):
    r = gradient_descent(narrow.grad, [-5.0, -2.0], lr, steps=2000, f=narrow.f)
    print(f"{lr:>6.3f}  {1 - 2 * lr:>8.2f}  {1 - 20 * lr:>8.2f}  {outcome(r)}")

# %%
rates = (0.02, 0.09, 0.1, 0.105)
runs = [gradient_descent(narrow.grad, [-5.0, -2.0], lr, steps=40, f=narrow.f) for lr in rates]
for lr, r in zip(rates, runs, strict=True):
    print(f"lr = {lr:<5}：{outcome(r)}")
show(runs_2d(narrow, runs, [f"lr = {lr}：\n{outcome(r)}" for lr, r in zip(rates, runs,
                                                                        strict=True)],
             size=(12.0, 3.7)))

# %% [markdown]
# lr = 0.02 時路徑很平順，但沿著 x 緩慢爬行（每一步保留 x 的 96%）。0.09 時它在 y 方向鋸齒狀地前進，沿 x 卻走得比較快。0.1 時 y 座標在 +2 與 −2 之間永遠翻來翻去（y 方向陷入循環，而 x 仍在縮小：40 步之後迭代還沒結束，而且永遠不會結束；126 步之後 x 大約是 3 × 10⁻¹²，各點在 12 位數字內重複出現，上面的表就把它判定為循環）；0.105 時 y 的彈跳每步放大 1.1 倍：發散（76 步之後 f 超過起始值 65 的 10⁶ 倍，也就是表中的「發散」）。各圖的標題用文字描述每次 40 步的迭代，依據的是最後 20 步裡 |梯度| 的變化。最好的 lr 是一種折衷，受最大曲率與最小曲率之比所限制，這個比值就是**條件數**（condition number，這裡是 10）。這就是為什麼尺度沒調好的輸入會讓網路訓練得很慢，也是為什麼輸入通常會先做正規化。
#
# ## 5. 動手試試：二維梯度下降探索器
#
# 選一個曲面、一個起點和一個學習率。左圖顯示等高線上的路徑（旁邊的色條標出每條等高線上的 f 值），右圖顯示 f 離它的極小值還有多遠（對數刻度：一條往下的直線代表穩定的等比進展）。狀態列會拿
# lr 和穩定上限相比。在病態的碗上試試略低於與略高於 0.1 的 lr；在斜向山谷上（就是第 02 課羅盤搜尋吃盡苦頭的那一個），梯度根本不在乎山谷是否轉了方向。Rosenbrock 函數香蕉形的山谷需要很小的
# lr（它的上限大約是 0.002）和很多步。

# %%
explorer = DescentExplorer2D(function="ill-conditioned x² + 10y²", x0=-5.0, y0=-2.0, lr=0.09,
                             steps=60)
print(explorer.status)
explorer.snapshot()

# %% tags=["nbval-ignore-output"]
explorer.ui

# %% [markdown]
# 用數字看 Rosenbrock 函數：它彎曲的谷底幾乎是平的，所以即使是穩定的 lr 也要走上幾千步；lr 稍微大一點，就會在陡峭的谷壁上爆掉：

# %%
rosen = F.get("rosenbrock")
print(f"{rosen.label}：極小值附近的上限 2 / 最大曲率 = {rosen.lr_limit():.5f}")
for lr, steps in [(0.001, 2000), (0.001, 20000), (0.0019, 20000), (0.005, 20000)]:
    r = gradient_descent(rosen.grad, [-1.5, 2.0], lr, steps=steps, f=rosen.f)
    print(f"lr = {lr:<7g} 步數 = {steps:<6d} x = ({r.x[0]:.4f}, {r.x[1]:.4f})，"
          f"f = {r.values[-1]:.2e}：{outcome(r)}")

# %% [markdown]
# ## 6. 一千個變數，同樣的三行程式碼
#
# 更新規則裡沒有提到變數的個數，所以我們可以原封不動地在 n = 1,000 時執行它。取一個設定了隨機種子的隨機凸碗 f(x) = ½ xᵀAx − bᵀx，它的曲率從 1 分布到 10，軸向隨機旋轉（它的梯度是
# Ax − b，一行 numpy 就寫得出來）：

# %%
n = 1000
quad = F.random_quadratic(n, condition=10.0, seed=0)
lr = 1.0 / quad.max_curvature()
big = gradient_descent(quad.grad, np.zeros(n), lr, steps=5000, tol=1e-8, f=quad.f)
x_star = np.array(quad.global_minimum)
print(f"n = {n} 個變數，lr = {lr:.4f}")
print(big.message)
print(f"f：{big.values[0]:.4f} -> {big.values[-1]:.6f}")
print(f"最後最大的 |x_i - x*_i| = {np.max(np.abs(big.x - x_star)):.1e}")
# 對二次函數，f - f_min = ½ (x - x*)·∇f(x)，不論它變得多小都能保有有效位數
# （把兩個接近 -132 的 f 值相減，只會剩下前三、四位）。
for k in (0, 10, 50, 100):
    print(f"  第 {k:>4d} 步：f - f_min = {0.5 * (big.points[k] - x_star) @ big.grads[k]:.2e}")

# %% [markdown]
# 大約兩百個便宜的步，就把一個有一千個變數的函數的極小值求到八位有效數字。對照第 01 課的古典做法：令全部 1,000 個偏導數為零並解這個方程組（對這個二次函數它恰好是線性的 Ax = b；對一個網路而言，它是一團誰也解不開的非線性方程），然後再檢查 n(n + 1)/2 個二階偏導數：

# %%
print(f"n = {n} 時要檢查的二階偏導數個數：{n * (n + 1) // 2:,}")

# %% [markdown]
# 梯度下降完全不需要這些：只要一次又一次地算梯度。最後引用原文的一個提醒：我們要找的是
# **arg-min**，也就是讓 f 最小的那個點 x（網路最好的參數），而不是 f 本身的最小值。
#
# ## 練習
#
# 把答案填在 `None` 的位置，或寫出練習要求的函式，然後執行該格：檢查程式會說*答對了*或*還沒*，並給一個提示（第二次嘗試會得到更具體的提示）。每個練習下方收合的格子裡有詳解。
#
# **練習 1.** f(x, y) = x² + y²。在 (3, −1) 的梯度是多少？請以一對數作答，例如 `(1.0, 2.0)`。（到小數點後 4 位）

# %%
answer = None   # 把 None 換成你的答案
check("04.1", answer)

# %% jupyter={"source_hidden": true}
# 詳解：grad f = (2x, 2y) = (2 * 3, 2 * (-1)) = (6, -2)。
check("04.1", (2 * 3, 2 * -1))

# %% [markdown]
# **練習 2.** 同一個 f。從 (3, −1) 出發，以 lr = 0.25 做一步梯度下降：新的點是哪裡？（到小數點後 4 位）

# %%
answer = None   # 把 None 換成你的答案
check("04.2", answer)

# %% jupyter={"source_hidden": true}
# 詳解：(3, -1) - 0.25 * (6, -2) = (3 - 1.5, -1 + 0.5) = (1.5, -0.5)。
check("04.2", np.array([3.0, -1.0]) - 0.25 * bowl.grad(np.array([3.0, -1.0])))

# %% [markdown]
# **練習 3.** f(x, y) = x² + 10y²。學習率超過多少時，梯度下降會在 y 方向爆掉？（到小數點後 4 位）

# %%
answer = None   # 把 None 換成你的答案
check("04.3", answer)

# %% jupyter={"source_hidden": true}
# 詳解：在 y 方向上，每一步把 y 乘上 (1 - 20 lr)；一旦 lr > 2/20，|1 - 20 lr| > 1。
check("04.3", 2 / 20)

# %% [markdown]
# **練習 4（程式）。** 帶停止條件的下降迴圈。寫出 `descend(grad, p0, lr, tol, max_steps)`：從點
# `p0`（一個 numpy 陣列）出發，重複 $p \leftarrow p - \text{lr}\,\nabla f(p)$，一旦
# $|\nabla f(p)| <$ `tol` 或走滿 `max_steps` 步就停下。傳回最後的點與實際走的步數：
# `return p, steps`。檢查程式會在四次迭代上拿它和課程的 `gradient_descent` 比對，其中一次會用完步數上限，一次從極小值出發。

# %%
def descend(grad, p0, lr, tol, max_steps):
    # 在這裡寫你的程式碼：return p, steps
    raise NotImplementedError


check("04.4", descend)


# %% jupyter={"source_hidden": true}
# 詳解：迴圈靠兩個條件繼續下去：梯度仍比 tol 長，而且還有步數可用；由新的點上的梯度決定要不要
# 繼續。
def descend(grad, p0, lr, tol, max_steps):
    p, steps = np.asarray(p0, dtype=float), 0
    g = grad(p)
    while np.linalg.norm(g) >= tol and steps < max_steps:
        p = p - lr * g
        steps += 1
        g = grad(p)
    return p, steps


check("04.4", descend)

# %% [markdown]
# **練習 5（先預測，再移動滑桿）。** 在第 5 節的探索器中選擇圓碗 x² + y²，起點 (−5, −5)，50 步。在把學習率移到 1.0 之前，先預測狀態：`"converged"`（收斂）、`"oscillating"`（振盪）、
# `"diverged"`（發散）還是 `"max_steps"`（步數用盡）？在這裡檢查，然後再設定滑桿，讀讀狀態列。

# %%
answer = None   # 把 None 換成你的預測
check("04.5", answer)

# %% jupyter={"source_hidden": true}
# 詳解：在每個軸向上，一步把座標乘上 1 - lr * 2 = -1，所以 (-5, -5) 跳到 (5, 5) 又跳回
# (-5, -5)：兩個點的循環，永無止境。
factor = 1 - 1.0 * 2
check("04.5", "oscillating" if factor == -1 else "not this one")
