# %% [markdown]
# # 08 用多個樣本訓練：一個加總的損失，以及怎麼把樣本餵進去
#
# 第 07 課只用一個樣本訓練網路。真正的訓練集有很多樣本，每個樣本各有自己的損失。**這一課你會**比較原文合併它們的兩種做法（把每個樣本各自找到的參數取平均，或把所有損失加成一個損失再讓它最小），看看為什麼實際用的是第二種，以及為什麼平均比單純的總和更好。接著你會用隨機梯度下降（SGD：每次更新只用一個樣本）、小批次（minibatch，原文稱「小批量」）和全批次，在一個兩類的資料集上訓練一個小網路，最後把課程地圖裡的雙層迴圈寫成程式碼：外層是訓練週期（epoch），內層是批次。
#
# [課程地圖](00_course_map.ipynb) · 上一課：[07 反向傳播](07_backpropagation.ipynb) · 下一課：[09 手寫數字總結專題](09_digits_capstone.ipynb)
#
# **English:** 本課的英文版：[English](../08_training_strategies.ipynb)

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

from ann_helpers.descent import gradient_descent
from ann_helpers.exercises import check
from ann_helpers.explorers.training import (
    BatchSizeExplorer,
    averaging_figure,
    loss_curves_figure,
    snapshots_figure,
)
from ann_helpers.losses import least_squares_line, line_loss, line_loss_grad
from ann_helpers.network import MLP
from ann_helpers.plotting import show
from ann_helpers.training import (
    LINE_X,
    LINE_Y,
    average_networks,
    batch_name,
    compare_batch_sizes,
    new_classifier,
    per_example_solutions,
    repeated,
    stable_lr_limit,
    summed_loss_solution,
    two_moons,
)

# %% [markdown]
# ## 1. 使用多個樣本的兩種做法
#
# 拿最簡單的模型，線性神經元 $\hat y = w x + b$，和四個樣本。第 $i$ 個樣本的損失是 $L_i(w, b) = \tfrac12 (w x_i + b - y_i)^2$。
#
# * **A：把結果平均**。對每個 $L_i$ 各自做梯度下降，再把找到的四組參數取平均。
# * **B：所有樣本共用一個損失**。把損失加起來，$L = \sum_i L_i$，再對 $L$ 做梯度下降。

# %%
print("  i    x_i    y_i")
for i, (xi, yi) in enumerate(zip(LINE_X, LINE_Y, strict=True), start=1):
    print(f"{i:>3} {xi:>6.1f} {yi:>6.1f}")

# %% [markdown]
# 單一樣本的損失在 $(w, b)$ 平面的一整條直線上都是零（每一條通過點 $(x_i, y_i)$ 的直線都完全擬合它），所以只對 $L_i$ 做梯度下降，會停在第一次碰到那條直線的地方：離起點最近的那一點。這些落點，以及它們的平均，都取決於梯度下降從哪裡出發。

# %%
start_a, start_b = (0.0, 0.0), (3.0, -2.0)
print(f"{'':<40} {'w':>7} {'b':>7} {'加總損失':>8}")
for start in (start_a, start_b):
    landed = per_example_solutions(LINE_X, LINE_Y, start)
    for i, (w, b) in enumerate(landed, start=1):
        print(f"{f'A：只用樣本 {i}，起點 {start}':<32} {w:>7.4f} {b:>7.4f}")
    avg = landed.mean(axis=0)
    print(f"{f'A：平均，起點 {start}':<34} {avg[0]:>7.4f} {avg[1]:>7.4f} "
          f"{line_loss(avg, LINE_X, LINE_Y):>12.4f}")
b_sum = summed_loss_solution(LINE_X, LINE_Y, start_a)
b_lstsq = least_squares_line(LINE_X, LINE_Y)
print(f"{'B：對加總損失做梯度下降':<29} {b_sum[0]:>7.4f} {b_sum[1]:>7.4f} "
      f"{line_loss(b_sum, LINE_X, LINE_Y):>12.4f}")
print(f"{'B：最小平方法（numpy.linalg.lstsq）':<32} {b_lstsq[0]:>7.4f} {b_lstsq[1]:>7.4f} "
      f"{line_loss(b_lstsq, LINE_X, LINE_Y):>12.4f}")

# %%
show(averaging_figure())

# %% [markdown]
# 不論從哪裡出發，B 都只有一個極小值，也就是最小平方直線；A 從兩個起點得到兩個不同的答案，而且兩者都不如 B 那麼貼合資料。換成網路就更糟：兩個分別訓練的網路，可以讓隱藏神經元扮演不同的角色來解同一個問題，把它們的權重平均，等於把互不相干的神經元混在一起。下面是在第 3 節的雙半月資料上訓練的四個網路，以及權重取它們平均的那個網路：

# %%
X, labels = two_moons(200, noise=0.15, seed=0)
nets = []
for seed in range(4):
    net = new_classifier(seed)
    net.fit(X, labels, lr=0.3, epochs=60, batch_size=16)
    nets.append(net)
    print(f"以 seed {seed} 訓練的網路：準確率 {net.accuracy(X, labels):.1%}")
averaged = average_networks(nets)
print(f"權重取平均後的網路：  準確率 {averaged.accuracy(X, labels):.1%}")

# %% [markdown]
# 所以訓練要最小化的，是由全部樣本組成的一個損失。
#
# ## 2. 用總和還是平均？
#
# 兩者的極小值相同（除以 $n$ 不會改變任何大小比較），而總和的梯度就是各樣本梯度的總和。差別在大小：總和的梯度隨樣本數增長，曲率也一樣，所以可用的學習率會隨資料增加而變小。改用平均 $\frac1n\sum_i L_i$，同一個學習率就能一直用下去。下面把同樣四個樣本重複寫 1、2、4、8 遍（資訊相同，只是列數變多）：

# %%
print(f"{'份數':>4} {'n':>4} {'|總和梯度|':>7} {'|平均梯度|':>8} {'總和 lr 上限':>9} {'平均 lr 上限':>10}")
for times in (1, 2, 4, 8):
    x, y = repeated(LINE_X, LINE_Y, times)
    g_sum = np.linalg.norm(line_loss_grad([0.0, 0.0], x, y, reduce="sum"))
    g_mean = np.linalg.norm(line_loss_grad([0.0, 0.0], x, y, reduce="mean"))
    print(f"{times:>6} {x.size:>4} {g_sum:>11.3f} {g_mean:>12.3f} "
          f"{stable_lr_limit(x, 'sum'):>13.4f} {stable_lr_limit(x, 'mean'):>14.4f}")

# %% [markdown]
# （上限是 $2/\lambda_{\max}$，$\lambda_{\max}$ 是損失的海森矩陣最大的特徵值，就像第 03 課的 $x^2$。）學習率 0.1 用在 4 個樣本的總和上沒問題，用在 32 個樣本的總和上就發散；用在平均上，不管重複幾份都會收斂：

# %%
x32, y32 = repeated(LINE_X, LINE_Y, 8)
for reduce in ("sum", "mean"):
    for xs, ys in ((np.array(LINE_X), np.array(LINE_Y)), (x32, y32)):
        path = gradient_descent(lambda p, xs=xs, ys=ys, r=reduce: line_loss_grad(p, xs, ys, reduce=r),
                                np.zeros(2), lr=0.1, steps=2000, tol=1e-8)
        where = f"，w = {path.x[0]:.4f}，b = {path.x[1]:.4f}" if path.status == "converged" else ""
        print(f"{'總和' if reduce == 'sum' else '平均'}，n = {xs.size:>2}，lr = 0.1：走了 "
              f"{path.steps} 步後{'收斂' if path.status == 'converged' else '發散' if path.status == 'diverged' else path.status}{where}")

# %% [markdown]
# 這就是 `MLP` 對批次用平均損失的原因：不論批次是 1 個、16 個，還是整個資料集，學習率的意義都一樣。
#
# ## 3. SGD、小批次、全批次
#
# 現在換成網路：2 個輸入、16 個 tanh 神經元、2 個 softmax 輸出，搭配交叉熵損失，資料是兩個交錯半月形上的 200 個點（用 seed 產生）。同樣的起始權重和學習率，用三種方式各訓練 60 個 epoch（也就是把資料完整走過 60 遍）。每個 epoch 結束後，用當下的權重在全部 200 個點上量一次損失：這就是**全部資料的損失**，唯一能公平比較三者的數字（epoch 0 是還沒有任何更新時，三者相同）。

# %%
results = compare_batch_sizes(X, labels, batch_sizes=(1, 16, None), lr=0.3, epochs=60,
                              seed=0, snapshot_epochs=(0, 2, 10, 60))
print(f"{'':<14}{'全部資料的損失':^16}")
print(f"{'每 epoch 更新':>10} {'訓練前':>8} {'epoch 60':>11} {'準確率':>6}  方法")
for bs, rec in results.items():
    print(f"{rec['updates']:>13} {rec['loss'][0]:>11.4f} "
          f"{rec['loss'][-1]:>11.4f} {rec['accuracy']:>9.1%}  {batch_name(bs, len(X))}")

# %%
show(loss_curves_figure(results, len(X)))

# %% [markdown]
# 每個 epoch，SGD 做 200 次小更新，每次只看一個樣本：進展很快，但每一步都只在擬合一個點，所以損失跳來跳去。全批次每個 epoch 只小心地走一步：平順但緩慢。小批次介於兩者之間：每個 epoch 更新 13 次，每次看 16 個樣本，又穩又快；而且電腦可以把這 16 個樣本當成每層一次矩陣乘法一起處理（這裡用的 `MLP` 類別，就是把第 07 課的前向與反向計算寫成矩陣形式），所以小批次是最常見的選擇。
#
# 小批次那次訓練的決策邊界如何演變（顏色是網路判為類別 1 的機率，黑線是機率等於 0.5 的地方）：

# %%
show(snapshots_figure(X, labels, results, 16))

# %% [markdown]
# ## 4. 動手探索：批次大小與學習率
#
# 這裡用比較小的資料集（40 個點）和 5 個 epoch，讓每次移動滑桿都能立刻重新訓練。灰線是每個批次在被使用當下的損失（批次小時很吵雜），朱紅色的點是每個 epoch 結束後、在全部 40 個點上的全部資料損失；狀態列引用訓練前與最後一個 epoch 之後的全部資料損失。試試 SGD 配大的學習率，再用同樣的學習率試全批次。

# %%
batch_explorer = BatchSizeExplorer(lr=0.5, batch_size=5)
print(batch_explorer.status)
batch_explorer.snapshot()

# %% tags=["nbval-ignore-output"]
batch_explorer.ui

# %% [markdown]
# ## 5. 雙層迴圈，寫成程式碼
#
# 課程地圖列出原文訓練的六個步驟：(1) 定義網路，(2) 定義損失，(3) 餵入一個樣本（SGD）或一個小批次，(4) 前向計算，(5) 反向計算（反向傳播），(6) 梯度下降一步；步驟 3 到 6 對每個批次重複，而整個過程又對每個 epoch 重複。下面把地圖上的虛擬碼寫成真正的程式碼，用的是 `MLP`（第 07 課的前向與反向計算，寫成對整個批次的矩陣形式）：

# %%
mlp = MLP([2, 16, 2], activation="tanh", output="softmax", seed=0)  # 1-2. F(x; w)，平均損失
lr, epochs, batch_size = 0.3, 60, 16
for epoch in range(epochs):                                         # 外層迴圈：epoch
    order = mlp.rng.permutation(len(X))                             #   打亂順序（有 seed）
    for start in range(0, len(X), batch_size):                      # 內層迴圈：批次
        batch = order[start:start + batch_size]                     # 3. 餵入一個小批次
        loss, grads = mlp.loss_and_gradients(X[batch], labels[batch])  # 4. 前向，5. 反向傳播
        mlp.params = [(W - lr * dW, b - lr * db)                    # 6. 梯度下降一步
                      for (W, b), (dW, db) in zip(mlp.params, grads, strict=True)]
    if (epoch + 1) % 20 == 0:
        print(f"第 {epoch + 1:>2} 個 epoch：最後一批的損失 {loss:.4f}")
print(f"手寫迴圈：全部資料的損失 {mlp.loss(X, labels):.6f}，準確率 {mlp.accuracy(X, labels):.1%}")

# %% [markdown]
# `MLP.fit` 跑的正是這個迴圈（同樣的打亂、同樣的更新），所以從同一個 seed 出發，最後的權重也相同。它的 `History` 為每個 epoch 記下**該 epoch 各批次損失的平均**，每個批次損失都是在該批次被使用、權重還在變動的當下量的；它的狀態列引用這些平均值的第一個和最後一個。這是一個便宜的即時估計，並不是上面那個全部資料的損失：最後一個 epoch 的平均（0.1478）略高於訓練後的全部資料損失（0.1392），因為它的大多數批次是在該 epoch 後段的更新之前看到的；而第一個 epoch 的平均（0.4494）遠低於訓練前的全部資料損失（0.6039），因為權重在第 1 個 epoch 裡就已經在進步。

# %%
fitted = MLP([2, 16, 2], activation="tanh", output="softmax", seed=0)
history = fitted.fit(X, labels, lr=lr, epochs=epochs, batch_size=batch_size)
print(f"MLP.fit：全部資料的損失 {fitted.loss(X, labels):.6f}，準確率 {fitted.accuracy(X, labels):.1%}")
print(f"權重相同：{np.array_equal(fitted.get_flat(), mlp.get_flat())}")
print(f"History（每個 epoch 批次損失的平均）：{history.status}")
print(f"  第 1 個 epoch 的平均 {history[0]:.4f}，第 60 個 epoch 的平均 {history[-1]:.4f}；"
      f"全部資料的損失：訓練前 {results[16]['loss'][0]:.4f}，訓練後 {fitted.loss(X, labels):.4f}")

# %% [markdown]
# ## 練習
#
# 在 `None` 的位置填入答案，或寫出練習要求的函式，然後執行該儲存格：檢查程式會說*答對了*，或是*還沒*並給一個提示（第二次答錯會給更具體的提示）。每題下方收合的儲存格裡有詳解。
#
# **練習 1.** 資料集有 200 個樣本，批次大小是 16（最後一批可以比較小）。一個 epoch 會更新參數幾次？（整數）

# %%
answer = None   # 把 None 換成你的答案
check("08.1", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點開查看）：200 / 16 = 12.5，所以有 12 個滿的批次，外加一個 8 個樣本的批次：
# 共 13 個批次，每批更新一次。
check("08.1", -(-200 // 16))

# %% [markdown]
# **練習 2.** 在 $n = 50$ 個樣本的平均損失上，lr = 0.5 效果很好。改用加總損失時，哪個學習率會給出完全相同的更新？（取到小數第 4 位）

# %%
answer = None   # 把 None 換成你的答案
check("08.2", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點開查看）：總和 = 50 * 平均，所以總和的梯度 = 50 * 平均的梯度；當 lr_sum = 0.5 / 50 時，
# 一步 lr_sum * 總和的梯度 就等於 0.5 * 平均的梯度。
check("08.2", 0.5 / 50)

# %% [markdown]
# **練習 3.** 模型 $\hat y = w x$（沒有偏置），兩個樣本 $(x, y) = (1, 2)$ 與 $(2, 2)$。各自單獨時，分別由 $w = 2$ 與 $w = 1$ 完全擬合；平均得 1.5。哪個 $w$ 使加總損失 $\tfrac12 \sum_i (w x_i - y_i)^2$ 最小？（取到小數第 4 位）

# %%
answer = None   # 把 None 換成你的答案
check("08.3", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點開查看）：令 dL/dw = sum_i (w x_i - y_i) x_i = 0，得
# w = sum x_i y_i / sum x_i^2 = (1*2 + 2*2) / (1 + 4) = 6/5。
check("08.3", (1 * 2 + 2 * 2) / (1**2 + 2**2))

# %% [markdown]
# **練習 4（程式）.** 把第 5 節的內層迴圈寫成函式。寫出 `one_epoch(mlp, X, labels, lr, batch_size, order)`：依給定的 `order`（各列編號打亂後的一個排列）走過所有列，每次取 `batch_size` 列；對每個批次呼叫 `mlp.loss_and_gradients(X[batch], labels[batch])`，用一步梯度下降更新 `mlp.params`，並記下該批次的損失。傳回各批次損失組成的 list。檢查程式會在一個小網路和 20 個樣本上，以批次大小 8、5、1（SGD）和 20（全批次）執行它，並和 `MLP.fit`（同樣順序的一個 epoch）比較。

# %%
def one_epoch(mlp, X, labels, lr, batch_size, order):
    # 在這裡寫你的程式碼：逐批更新 mlp.params，傳回各批次損失組成的 list
    raise NotImplementedError


check("08.4", one_epoch)


# %% jupyter={"source_hidden": true}
# 詳解（點開查看）：就是第 5 節的內層迴圈，只是用 `order` 取代重新打亂；最後一批可以比較小，
# 而它也要更新一次。
def one_epoch(mlp, X, labels, lr, batch_size, order):
    losses = []
    for start in range(0, len(X), batch_size):
        batch = order[start:start + batch_size]
        loss, grads = mlp.loss_and_gradients(X[batch], labels[batch])
        mlp.params = [(W - lr * dW, b - lr * db)
                      for (W, b), (dW, db) in zip(mlp.params, grads, strict=True)]
        losses.append(loss)
    return losses


check("08.4", one_epoch)

# %% [markdown]
# **練習 5（先預測，再移動滑桿）.** 在第 4 節的探索器中把 lr 設為 2。比較批次大小 1（SGD）與批次大小 5 之前先想一想：哪一次訓練結束時，全部資料點上的損失比較低，`"sgd"` 還是 `"minibatch"`？先在這裡檢查，再移動滑桿、比較兩者的狀態列。

# %%
answer = None   # 把 None 換成 "sgd" 或 "minibatch"
check("08.5", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點開查看）：SGD 每個 epoch 更新 40 次，每次都朝單一資料點想要的方向走；lr 很大時，這些
# 步伐跳來跳去，損失最後停在高處。5 個樣本的批次平均了 5 個梯度：步數較少，但比較穩。（探索器的
# 狀態列：批次大小 1 時全部資料點上的損失 0.538 -> 1.995，批次大小 5 時 0.538 -> 0.288。）
check("08.5", "minibatch")
