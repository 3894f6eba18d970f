# %% [markdown]
# # 第 11 課：超越單純的梯度下降：動量、RMSprop、Adam 與學習率排程
#
# **這一課要學什麼。** 第 04 課讓單純的梯度下降在窄谷 x² + 10y² 裡來回曲折地往下走，然後就停在那裡。你在這門課之後會遇到的每個網路，都是用更聰明的方法訓練的：動量（momentum）或 Adam，而且學習率常常在訓練中途改變。在這一課，你會把單純的梯度下降一次拆開一個方向，看清楚它為什麼爬得那麼慢，然後加上速度（重球法）、每個座標各自的步長（RMSprop），以及兩者兼具（Adam）。你會用封閉形式算出二次函數的最佳學習率與動量，再實際執行來驗證這個預測；在三個曲面上把玩四種最佳化器（optimizer）；最後用學習率排程和各種最佳化器來訓練第 09 課的數字辨識網路。
#
# [課程地圖](00_course_map.ipynb) · 基礎：[第 04 課，二維的梯度下降](04_gradient_descent_2d.ipynb)
# （窄谷）與[第 10 課，任意網路的反向傳播](10_backprop_general.ipynb)（最佳化器使用的梯度） ·
# 這是最後一課。
#
# **English:** 這一課的英文版：[English](../11_optimizers.ipynb)

# %% jupyter={"source_hidden": true}
# 設定。Google Colab 上沒有本課程的套件，下面幾行會從課程的儲存庫安裝它（保留 Colab 自己的
# numpy、matplotlib 與 ipywidgets）；在其他地方這幾行什麼也不做。接著告訴輔助套件要說哪種語言。
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

from ann_helpers import digits
from ann_helpers import functions as F
from ann_helpers.exercises import check
from ann_helpers.explorers.optimizers import (
    OptimizerExplorer,
    digits_curves,
    explorer_status,
    paths_and_errors,
)
from ann_helpers.network import MLP
from ann_helpers.optimizers import (
    SGD,
    Adam,
    RMSprop,
    best_gd,
    best_momentum,
    cosine,
    eigen_errors,
    gd_factor,
    measured_factor,
    minimize,
    momentum_factor,
    step_decay,
    steps_to,
)
from ann_helpers.plotting import show

valley = F.get("narrow_bowl")
start = np.array([-5.0, -2.0])
print(f"{valley.label}，梯度 (2x, 20y)，起點 ({start[0]:g}, {start[1]:g})")

# %% [markdown]
# ## 1. 單純的梯度下降為什麼爬得慢：一次看一個特徵方向
#
# 把二次碗形函數寫成 $f(x) = \tfrac12 x^\top A x$，其中 $A$ 是對稱矩陣（海森矩陣，也就是由二階偏導數組成的矩陣）。它的梯度是 $Ax$，所以梯度下降的一步是
# $x \leftarrow x - \text{lr}\,Ax = (I - \text{lr}\,A)\,x$。現在沿著 $A$ 的特徵向量來量 $x$：沿著特徵值（曲率）為 $\lambda_i$ 的特徵向量，矩陣 $A$ 就只是數字 $\lambda_i$，所以那個座標自己遵守第 03 課的單變數規則：
#
# $$c_i \leftarrow (1 - \text{lr}\,\lambda_i)\, c_i, \qquad\text{after } k \text{ steps }\;
#   c_i = (1 - \text{lr}\,\lambda_i)^k\, c_i^{(0)}.$$
#
# 窄谷 $x^2 + 10y^2$ 就是 $\tfrac12 x^\top \mathrm{diag}(2, 20)\, x$：它的特徵方向就是兩個座標軸，
# 曲率分別是 2（沿 $x$，平緩）和 20（沿 $y$，陡峭）。每個倍率都必須留在 $(-1, 1)$ 之內，所以
# lr < 2/20 = 0.1，而平緩的方向每一步仍然保留 $1 - 2\,\text{lr} > 0.8$ 的誤差。曲率的比值，也就是
# **條件數**（condition number）$\kappa = \lambda_{\max}/\lambda_{\min} = 10$，決定了前進的速度：
# 最佳的單一學習率讓兩端平衡，$|1 - \text{lr}\,\lambda_{\min}| =
# |1 - \text{lr}\,\lambda_{\max}|$，於是得到
#
# $$\text{lr}^* = \frac{2}{\lambda_{\min} + \lambda_{\max}}, \qquad
#   \text{factor} = \frac{\kappa - 1}{\kappa + 1}.$$

# %%
lam = np.linalg.eigvalsh(valley.hessian(None))
lr_gd, factor_gd = best_gd(lam[0], lam[-1])
print(f"曲率 {lam[0]:g} 與 {lam[-1]:g}，條件數 kappa = {lam[-1] / lam[0]:g}")
print(f"最佳 lr = 2 / ({lam[0]:g} + {lam[-1]:g}) = {lr_gd:.4f}，倍率 (kappa - 1) / (kappa + 1)"
      f" = {factor_gd:.4f}")
print()
print(f"{'lr':>7}    x 倍率    y 倍率  誤差縮小 10^6 倍所需的步數")
for lr in (0.02, 0.05, lr_gd, 0.099):
    run = minimize(valley.grad, start, SGD(lr), steps=2000, tol=0.0)
    err = eigen_errors(run.points, valley.hessian(None), (0, 0)).max(axis=1)
    print(f"{lr:>7.4f} {gd_factor(lam[0], lr):>9.4f} {gd_factor(lam[-1], lr):>9.4f}  "
          f"{steps_to(err, 1e-6)}")

# %% [markdown]
# 最慢的方向決定一切：lr = 0.02 時，陡峭的 $y$ 誤差很快消失，但 $x$ 每步保留 96 %；lr = 0.099
# 時情況反過來，$y$ 每步變號並保留 98 %。下面左圖是路徑，右圖是沿各特徵方向的誤差（對數刻度：直線代表每步固定的倍率，斜率就是那個倍率）。實線是平緩的方向，虛線是陡峭的方向。

# %%
rates = (0.02, lr_gd, 0.099)
gd_runs = [minimize(valley.grad, start, SGD(lr), steps=80, tol=0.0) for lr in rates]
show(paths_and_errors(valley, gd_runs, [f"lr = {lr:.3g}" for lr in rates],
                      title="單純梯度下降，x² + 10y²"))

# %% [markdown]
# 在最佳的 lr 下，兩條線以相同的斜率下降，每步 9/11：在這個山谷裡，沒有任何學習率能讓單純的梯度下降更快。對類神經網路（原文稱「神經網絡」）來說，條件數常常是好幾千，這時
# $(\kappa - 1)/(\kappa + 1)$ 會非常接近 1，讓人痛苦。
#
# ## 2. 動量：一顆沿著山谷滾下來的重球
#
# 滾下坡的球不會每一步都停下來再重新出發：它保有自己的速度。動量讓梯度下降擁有一個記得過去梯度的速度 $b$（這就是 `torch.optim.SGD(lr, momentum=μ)`）：
#
# $$b_t = \mu\, b_{t-1} + \nabla f(x_{t-1}), \qquad x_t = x_{t-1} - \text{lr}\; b_t,
#   \qquad (b_0 = 0,\; 0 \le \mu < 1).$$
#
# 沿著平緩的 $x$ 方向，梯度一直保持同號，所以會累積起來：固定的梯度 $g$ 會得到速度
# $g/(1-\mu)$，步伐變成 $1/(1-\mu)$ 倍長。沿著陡峭的 $y$ 方向，梯度正負交替而互相抵消。一個
# 方向加速，另一個方向平靜下來。
#
# 在每個特徵方向上，誤差現在遵循一個兩項的遞迴式
# $e_{k+1} = (1 + \mu - \text{lr}\,\lambda)\, e_k - \mu\, e_{k-1}$，它長期的每步倍率是
# $z^2 - (1 + \mu - \text{lr}\,\lambda)\,z + \mu = 0$ 較大的那個根（取絕對值）。選擇 lr 和
# $\mu$，讓曲率範圍的兩端都得到大小相同的重根（Polyak 的重球法），就得到
#
# $$\text{lr}^* = \frac{4}{(\sqrt{\lambda_{\max}} + \sqrt{\lambda_{\min}})^2}, \qquad
#   \mu^* = \left(\frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}\right)^2, \qquad
#   \text{factor} = \frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}.$$
#
# $\kappa$ 變成了 $\sqrt\kappa$：當 $\kappa = 100$，倍率從 0.980 降到 0.818。

# %%
lr_hb, mu_hb, factor_hb = best_momentum(lam[0], lam[-1])
print(f"單純梯度下降：lr* = {lr_gd:.4f}，                倍率 (kappa - 1)/(kappa + 1)"
      f"             = {factor_gd:.4f}")
print(f"重球法：      lr* = {lr_hb:.4f}，動量* = {mu_hb:.4f}，倍率 (sqrt(kappa) - 1)/"
      f"(sqrt(kappa) + 1) = {factor_hb:.4f}")

# %% [markdown]
# 實際執行來驗證：兩種方法各從 (−5, −2) 走 1,000 步，不設停止條件（重球法的誤差會小到
# 10⁻²⁸⁰，仍然是普通的浮點數），並在執行過程的幾個區間裡量出平均每步倍率：

# %%
long_gd = minimize(valley.grad, start, SGD(lr_gd), steps=1000, tol=0.0)
long_hb = minimize(valley.grad, start, SGD(lr_hb, momentum=mu_hb), steps=1000, tol=0.0)
H = valley.hessian(None)
err_gd = eigen_errors(long_gd.points, H, (0, 0))
err_hb = eigen_errors(long_hb.points, H, (0, 0))
print("每步實測倍率                  單純梯度下降          重球法")
print("步數範圍                         沿 x      沿 y        沿 x      沿 y")
for a, b in ((0, 100), (100, 200), (400, 500), (900, 1000)):
    print(f"{a:>4} 到 {b:>4}                  "
          f"{measured_factor(err_gd[:, 0], a, b):>7.4f}   {measured_factor(err_gd[:, 1], a, b):>7.4f}"
          f"     {measured_factor(err_hb[:, 0], a, b):>7.4f}   {measured_factor(err_hb[:, 1], a, b):>7.4f}")
print(f"理論公式                      {factor_gd:>7.4f}   {factor_gd:>7.4f}     "
      f"{factor_hb:>7.4f}   {factor_hb:>7.4f}")
print(f"誤差縮小 10^6 倍所需的步數：單純梯度下降 {steps_to(err_gd.max(axis=1), 1e-6)}，"
      f"重球法 {steps_to(err_hb.max(axis=1), 1e-6)}")

# %% [markdown]
# 單純的梯度下降從第一步起就精確地呈現它的倍率 9/11 = 0.8182。重球法實測的倍率一開始比較高，然後慢慢降到理論值 0.5195：在最佳參數下兩個根重合，而重根 $r$ 給出的誤差像 $k\,r^k$ 而不是
# $r^k$，所以從第 $a$ 步到第 $b$ 步實測的倍率是 $r\,(b/a)^{1/(b-a)}$，只會趨近於 $r$（900 到
# 1000 步之間：0.5195 × 1.0011 = 0.5200）。用整數來說，單純的梯度下降需要 69 步，動量只需要
# 26 步。

# %%
show(paths_and_errors(valley, [gd_runs[1], minimize(valley.grad, start,
                                                    SGD(lr_hb, momentum=mu_hb), steps=80,
                                                    tol=0.0)],
                      [f"單純，lr = {lr_gd:.3f}", f"重球法，lr = {lr_hb:.3f}，"
                       f"μ = {mu_hb:.2f}"], title="最佳的單純梯度下降 vs 最佳的重球法"))

# %% [markdown]
# **Nesterov 的變形**用梯度加上它即將擁有的速度來走一步，
# $x_t = x_{t-1} - \text{lr}\,(\nabla f(x_{t-1}) + \mu\, b_t)$（PyTorch 中的 `nesterov=True`）：先往前看一眼，在球衝過頭之前就踩煞車。用常見的 $\mu = 0.9$ 和 lr = 0.04，普通的重球法會繞圈打轉（複數根，兩個方向的倍率都是 $\sqrt{\mu} = 0.949$），Nesterov 則強力抑制陡峭的方向：

# %%
nest_runs = [minimize(valley.grad, start, SGD(0.04, momentum=0.9, nesterov=nesterov),
                      steps=120, tol=0.0) for nesterov in (False, True)]
for nesterov in (False, True):
    name = "Nesterov" if nesterov else "重球法"
    print(f"{name}：沿 x 每步倍率 {momentum_factor(lam[0], 0.04, 0.9, nesterov):.3f}，"
          f"沿 y {momentum_factor(lam[-1], 0.04, 0.9, nesterov):.3f}")
show(paths_and_errors(valley, nest_runs, ["重球法，μ = 0.9", "Nesterov，μ = 0.9"],
                      title="lr = 0.04，μ = 0.9：重球法 vs Nesterov"))

# %% [markdown]
# ## 3. 每個座標一個步長：RMSprop 與 Adam
#
# 動量對所有座標仍然只用一個學習率。如果某個參數的梯度比另一個大上一千倍（輸入的尺度沒調好、某一層離輸出很遠），能讓陡峭座標保持穩定的 lr 幾乎推不動平緩的座標。**RMSprop** 把每個座標的步伐除以該座標梯度平方的移動平均：
#
# $$v_t = \alpha\, v_{t-1} + (1 - \alpha)\, g_t^2, \qquad
#   x_t = x_{t-1} - \text{lr}\;\frac{g_t}{\sqrt{v_t} + \varepsilon}$$
#
# （平方、開根號與除法都是逐座標進行；$\alpha = 0.99$，$\varepsilon = 10^{-8}$）。**Adam** 以同樣
# 取平均的形式加上動量，並修正兩個平均都從零開始的偏差：
#
# $$m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t,\quad v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2,
#   \quad \hat m_t = \frac{m_t}{1-\beta_1^t},\quad \hat v_t = \frac{v_t}{1-\beta_2^t},\quad
#   x_t = x_{t-1} - \text{lr}\,\frac{\hat m_t}{\sqrt{\hat v_t} + \varepsilon}$$
#
# 其中 $\beta_1 = 0.9$、$\beta_2 = 0.999$。這些和 `torch.optim.RMSprop` 與 `torch.optim.Adam`
# 完全相同。**為什麼要做偏差修正？** 在第 1 步，$m_1 = 0.1\,g_1$、$v_1 = 0.001\,g_1^2$：這是一個梯度和許多根本不存在的零一起平均的結果。除以 $1 - 0.9$ 和 $1 - 0.999$ 之後，它們變成 $g_1$ 和
# $g_1^2$，所以第一步是 $\text{lr}\; g/|g|$：**不論梯度的尺度如何，每個座標的步長都是 lr**。
# RMSprop 沒有修正，所以它的第一步是 $\text{lr}/\sqrt{1-\alpha} = 10\,\text{lr}$。
#
# 一個尺度沒調好的山谷：把 $y$ 改用小十倍的單位來量，$Y = y/10$，$x^2 + 10y^2$ 就變成
# $x^2 + 1000Y^2$（$\kappa$ = 1000）。在兩個山谷上，各最佳化器以 lr = 0.1 走的第一步：

# %%
stretched = F.get("stretched_bowl")
start_s = np.array([-5.0, -0.2])   # 同一個點，y 用新的單位
lr = 0.1
print("  起點的梯度 第一步的位移，lr = 0.1   函數，方法")
for fn, x0 in ((valley, start), (stretched, start_s)):
    g = fn.grad(x0)
    for name, opt in (("單純梯度下降", SGD(lr)), ("RMSprop", RMSprop(lr)), ("Adam", Adam(lr))):
        step = opt.step(x0, g) - x0
        print(f"{f'({g[0]:g}, {g[1]:g})':>12} "
              f"{f'({step[0]:.4g}, {step[1]:.4g})':>22}   {fn.label + '，' + name}")
m1, v1 = (1 - 0.9) * g, (1 - 0.999) * g * g
step_uncorrected = -lr * m1 / (np.sqrt(v1) + 1e-8)
print(f"{'':>12} "
      f"{f'({step_uncorrected[0]:.4g}, {step_uncorrected[1]:.4g})':>22}   Adam（不做偏差修正）")

# %% [markdown]
# 單純梯度下降的第一步是 lr 乘以梯度：在拉長的山谷上，$Y$ 方向走了 40，是到極小值距離 0.2 的兩百倍（除非 lr < 2/2000 = 0.001，否則它會發散）。Adam 在兩個版本上每個座標都移動 0.1：它不在乎單位。如果沒有修正，它的第一步會是 $\text{lr}\,(1-\beta_1)/\sqrt{1-\beta_2} = 3.16\,\text{lr}$。
#
# 在兩個山谷上各完整執行 300 步，每種方法用自己的學習率：單純梯度下降和重球法用針對該山谷
# $\kappa$ 的最佳值，RMSprop 和 Adam 在兩個山谷上都用 lr = 0.1（「狀態」欄印的是程式裡的狀態代碼：
# `converged` 是已收斂，`max_steps` 是用完了步數上限）：

# %%
lam_s = np.linalg.eigvalsh(stretched.hessian(None))
print("      狀態   步數  最終 |x - x*|   函數：方法")
scaled_runs = {}
for fn, x0, lams in ((valley, start, lam), (stretched, start_s, lam_s)):
    lr_p, _ = best_gd(lams[0], lams[-1])
    lr_m, mu_m, _ = best_momentum(lams[0], lams[-1])
    optimizers = {f"單純，lr = {lr_p:.3g}": SGD(lr_p),
                  f"重球法，lr = {lr_m:.3g}，μ = {mu_m:.2f}": SGD(lr_m, momentum=mu_m),
                  "RMSprop，lr = 0.1": RMSprop(0.1), "Adam，lr = 0.1": Adam(0.1)}
    runs = {name: minimize(fn.grad, x0, opt, steps=300) for name, opt in optimizers.items()}
    scaled_runs[fn.key] = runs
    for name, run in runs.items():
        print(f"{run.status:>10} {run.steps:>6} "
              f"{np.linalg.norm(run.x):>13.1e}   {fn.label[10:] + '：' + name}")

# %%
for fn, yview, shown in ((valley, None, 300), (stretched, (-0.55, 0.55), 40)):
    runs = scaled_runs[fn.key]
    show(paths_and_errors(fn, list(runs.values()), list(runs), yview=yview, path_steps=shown,
                          title=f"{fn.label}：前 {shown} 步（誤差：全部 300 步）"))

# %% [markdown]
# 在第一個山谷上，調校好的重球法勝出（41 步）：它是為一個已知曲率的二次函數量身打造的。在拉長的山谷上，單純梯度下降和重球法都必須為了陡峭的 $Y$ 把學習率縮小大約一百倍，然後沿著 $x$ 慢慢爬（κ = 1000：單純梯度下降的倍率是 0.998，所以 300 步之後還差 2.7；重球法的倍率是 0.939，也還沒有達到容許誤差；而且 μ = 0.88 時，它一開始還會在狹窄的方向上大幅擺盪，衝出圖外）。RMSprop 和
# Adam 在兩個山谷上走的步數相同，最後的誤差也相同：除以 $\sqrt{v}$ 抵銷了每個座標的尺度。Adam 停下的位置沒有其他方法精確：在極小值附近，直到 $v$ 忘掉早期那些大的梯度之前，它的步伐都還是 lr 的相當一部分，所以它會繞著極小值轉一陣子。它的長處是完全不需要知道曲率。
#
# ## 4. 試試看：最佳化器探索器
#
# 選一個曲面、一種最佳化器、學習率、動量 $\mu$（Adam 的 $\beta_1$；RMSprop 不使用它）和起點。左圖：等高線上的路徑。右圖是對迭代次數的對數刻度圖：$f(x_k) - f_{\min}$（橘色），以及沿海森矩陣各特徵方向的誤差（藍色，實線是平緩的方向，虛線是陡峭的方向；只在兩個二次的山谷上顯示，因為
# Rosenbrock 函數的曲率方向會隨位置轉動）。狀態列說明發生了什麼事，對動量方法還會列出上面公式預測的各方向倍率。探索器一開始是這個山谷的最佳重球法。可以試試：動量設為 0（單純梯度下降）並把
# lr 調到 0.1 以上，看看發散；在斜向山谷上用 μ = 0.9，比較有無 Nesterov；在 Rosenbrock 香蕉形的山谷裡，動量只有在 lr 很小時才有效，而步伐從不比 lr 長太多的 Adam 則需要很大的 lr。

# %%
explorer = OptimizerExplorer()
print(explorer.status)
explorer.snapshot()

# %% tags=["nbval-ignore-output"]
explorer.ui

# %% [markdown]
# 以下是其他幾個滑桿位置的狀態，由探索器所呼叫的同一個函數算出：

# %%
for values in (dict(function="窄谷 x² + 10y²", optimizer="動量（重球法）", lr=0.105,
                    momentum=0.0, x0=-5.0, y0=-2.0),
               dict(function="斜向山谷", optimizer="Nesterov 動量", lr=0.02,
                    momentum=0.9, x0=-5.0, y0=-2.0),
               dict(function="Rosenbrock", optimizer="動量（重球法）", lr=0.002,
                    momentum=0.9, x0=-1.5, y0=2.0),
               dict(function="Rosenbrock", optimizer="動量（重球法）", lr=0.01,
                    momentum=0.9, x0=-1.5, y0=2.0),
               dict(function="Rosenbrock", optimizer="Adam", lr=0.5, momentum=0.9, x0=-1.5,
                    y0=2.0)):
    print(f"{values['function']}，{values['optimizer']}：")
    print("   ", explorer_status(**values)[0])

# %% [markdown]
# 在 Rosenbrock 函數上，lr = 0.002 的重球法在 150 步內接近極小值 (1, 1)，而五倍的學習率立刻就把它拋出圖外（陡峭的山壁曲率接近 1,000）。lr = 0.5 的 Adam 保持穩定，但 150 步之後只走到 (0, 0)
# 附近平坦的谷底：Adam 的步伐最多大約是 lr 那麼長，而在谷底它們隨梯度一起縮小，$v$ 卻還記得陡峭的山壁。

# %% [markdown]
# ## 5. 用在真正的網路上：數字資料上的學習率排程與最佳化器
#
# 回到第 09 課的網路：64 個像素、32 個 sigmoid 神經元、10 個 softmax 輸出，使用交叉熵損失、每批 32 張的小批次，每次執行的初始權重和洗牌都用同一個種子。每個訓練週期（epoch）之後，我們計算第 09 課**驗證集**影像上答對的張數，這些影像正是留來比較各種選擇的；測試影像和第 09 課一樣完全不碰，所以不論這裡哪個選擇勝出，它們仍然可以給出公正的最終分數。
#
# `MLP.fit` 接受 `optimizer=`（以及選用的 `schedule=`）來取代 `lr=`；預設的單純 SGD 會得到和第 09 課完全相同的數字。

# %%
split = digits.load_split()
EPOCHS = 60
SHARE = 0.95   # 要達到的驗證準確率（大約是第 09 課在這些影像上的最佳值）
TARGET = int(np.ceil(SHARE * len(split.y_val)))   # 達到 95 % 需要答對的張數


def train(optimizer, schedule=None):
    """訓練第 09 課的網路；傳回每個 epoch 在驗證影像上答對的張數。"""
    model = MLP([64, digits.HIDDEN, 10], digits.ACTIVATION, "softmax", seed=digits.SEED)
    right, lrs = [], []

    def after_epoch(epoch, loss, mlp):
        right.append(int(np.sum(digits.predict(mlp, split.X_val) == split.y_val)))
        lrs.append(optimizer.lr)

    model.fit(split.X_train, split.y_train, optimizer=optimizer, schedule=schedule,
              epochs=EPOCHS, batch_size=digits.BATCH_SIZE, callback=after_epoch)
    return np.array(right), lrs


def report(results):
    n = len(split.y_val)
    print("達到 95 % 的 epoch 最後 10 個 epoch：最低、最高 "
          "第 60 個 epoch   設定")
    for name, (right, _) in results.items():
        hit = np.flatnonzero(right >= TARGET)
        reached = f"{hit[0] + 1}" if hit.size else "從未"
        last = right[-10:]
        print(f"{reached:>18} {f'{last.min() / n:.2%}, {last.max() / n:.2%}':>28} "
              f"{right[-1] / n:>14.2%}   {name}")


print(f"驗證影像：{len(split.y_val)} 張；95 % 代表至少答對 {TARGET} 張")

# %% [markdown]
# **學習率排程。** 大的學習率一開始進展很快，到最後卻一直跳來跳去（第 09 課的損失曲線就有這種尖峰）；小的學習率很穩，但是很慢。排程（schedule）從大的開始、以小的結束：**階梯衰減**（step
# decay）每隔幾個 epoch 把 lr 乘上一個因子，**餘弦**（cosine）則沿著半個餘弦曲線平滑地把它降到接近 0。第 09 課的 lr = 0.5，接著是四倍大的固定學習率，以及兩種排程：

# %%
schedules = {
    "固定 lr = 0.5（第 09 課）": (SGD(0.5), None),
    "固定 lr = 2": (SGD(2.0), None),
    "階梯衰減：從 2 起，每 20 個 epoch x0.3": (SGD(2.0), step_decay(2.0, factor=0.3, every=20)),
    "餘弦：從 2 到 0": (SGD(2.0), cosine(2.0, EPOCHS)),
}
schedule_results = {name: train(opt, sched) for name, (opt, sched) in schedules.items()}
report(schedule_results)
show(digits_curves({k: v[0] for k, v in schedule_results.items()}, len(split.y_val), target=SHARE,
                   lrs={k: v[1] for k, v in schedule_results.items()}))

# %% [markdown]
# 較大的固定學習率只要 7 個 epoch 就達到 95 %，而不是 18 個，兩種排程也一樣，因為它們一開始的學習率是 2。到了最後，差別只是 269 張中的一兩張影像：固定學習率仍在游移（lr = 0.5 在最後十個
# epoch 答對 255 到 257 張，lr = 2 是 255 到 256 張），而階梯衰減和餘弦排程在最後十個 epoch 都穩定在同樣的 256 張。在這個小問題上，排程換來的是平穩，而不是更好的網路。
#
# **最佳化器。** 用第 09 課 lr 的單純 SGD；動量 0.9 配 lr = 0.05，它的長期步長 lr/(1 − μ) = 0.5
# 一樣；還有 Adam，分別用 PyTorch 預設的 lr = 0.001 和 0.01：

# %%
optimizer_results = {
    "SGD，lr = 0.5": train(SGD(0.5)),
    "動量 0.9，lr = 0.05": train(SGD(0.05, momentum=0.9)),
    "Adam，lr = 0.001": train(Adam(0.001)),
    "Adam，lr = 0.01": train(Adam(0.01)),
}
report(optimizer_results)
show(digits_curves({k: v[0] for k, v in optimizer_results.items()}, len(split.y_val),
                   target=SHARE))

# %% [markdown]
# 在這個小而尺度良好的問題上沒有奇蹟：長期步長相同的動量法比 SGD 稍早達到 95 %（13 個 epoch 對
# 18 個），最後的準確率也相同；用教科書預設值的 Adam 在這裡是最慢的（50 個 epoch），而學習率大十倍時則是最快的（8 個 epoch），最後也最好，多對一兩張影像。Adam 真正的優勢在第 3 節：它的步伐不受每個梯度尺度的影響，所以一個預設學習率就能用在差異很大的各種網路上，而 SGD 的最佳學習率必須針對每個網路去找。
#
# ## 練習
#
# **練習 1.** 某個二次函數的曲率從 1 到 100。用最佳的學習率與動量，重球法每一步把誤差乘上多少倍？（到小數點後 3 位）

# %%
answer = None   # 把 None 換成你的答案
check("11.1", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點一下展開）：kappa = 100，sqrt(kappa) = 10，倍率
# (10 - 1) / (10 + 1) = 9/11（單純梯度下降的最佳值是 (100 - 1) / (100 + 1) = 0.980）。
check("11.1", best_momentum(1.0, 100.0)[2])

# %% [markdown]
# **練習 2.** Adam 使用 lr = 0.01 與預設的 betas，在梯度為 g = (0.001, 500) 的地方走第一步。第一個座標移動了多遠？（一個正數，到小數點後 5 位）

# %%
answer = None   # 把 None 換成你的答案
check("11.2", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點一下展開）：有偏差修正時，第 1 步的 m_hat = g、v_hat = g^2，
# 所以移動量是 lr * g / (|g| + eps) = 0.01 * 0.001 / (0.001 + 1e-8)，大約 0.01：
# 和梯度為 500 的座標一樣。
check("11.2", 0.01 * 0.001 / (0.001 + 1e-8))

# %% [markdown]
# **練習 3（程式碼）.** 寫出重球法的更新：`momentum_step(x, v, g, lr, mu)` 接收點、速度和梯度（numpy 陣列），傳回新的點和新的速度。檢查器會先在幾個情況上測試它，再用本課最佳的 lr 與動量，在 x² + 10y² 上從 (−5, −2) 連續執行五次，和第 2 節那次執行的前五個點比較。

# %%
def momentum_step(x, v, g, lr, mu):
    """重球法的一步：傳回 (x_new, v_new)。"""
    # 在這裡寫你的兩行程式碼
    raise NotImplementedError


check("11.3", momentum_step)

# %% jupyter={"source_hidden": true}
# 詳解（點一下展開）：速度保留自己的 mu 倍，再加上梯度；
# x 朝它的反方向走。
def momentum_step(x, v, g, lr, mu):
    v_new = mu * v + g
    return x - lr * v_new, v_new


x, v = start.copy(), np.zeros(2)
for _ in range(5):
    x, v = momentum_step(x, v, valley.grad(x), lr_hb, mu_hb)
print("和課文中那次執行是同樣的點：", np.allclose(x, long_hb.points[5]))
check("11.3", momentum_step)

# %% [markdown]
# **練習 4（先預測，再移動滑桿）.** 在第 4 節的最佳化器探索器中，保持窄谷 x² + 10y²、重球法和起點 (−5, −2)；把 lr 設為 0.15，超過單純梯度下降的上限 2/20 = 0.1，並把動量設為 μ = 0.9。在移動滑桿之前：狀態列會說，長期而言沿較差特徵方向的誤差是「縮小」（`"shrinks"`）還是「放大」（`"grows"`）？先在這裡檢查，再移動滑桿，讀一讀狀態列。

# %%
answer = None   # 把 None 換成 "shrinks" 或 "grows"
check("11.4", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點一下展開）：沿陡峭的方向 lr λ = 0.15 × 20 = 3，而
# z² − (1 + 0.9 − 3) z + 0.9 = z² + 1.1 z + 0.9 有複數根（1.1² < 4 × 0.9），兩個根的大小都是
# sqrt(0.9) = 0.949 < 1；沿平緩的方向（λ = 2）根也是複數，大小相同。
# 動量把上限從 lr λ < 2 移到 lr λ < 2 (1 + μ) = 3.8。
check("11.4", "shrinks")
