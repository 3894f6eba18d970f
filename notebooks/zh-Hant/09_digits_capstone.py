# %% [markdown]
# # 第 09 課（總結專題）：讓類神經網路讀手寫數字
#
# **這一課要學什麼。** 文章裡說，類神經網路（原文稱「神經網絡」）是一種分類器：輸入一張影像，輸出一個類別。這一課就真的來做這件事，用真實的資料，而且只用本課程自己做出來的工具：一個隱藏層由 sigmoid 神經元組成的網路、softmax 輸出、交叉熵（cross-entropy）損失，用小批次（minibatch；原文稱「小批量」）梯度下降來訓練，梯度則來自本課程自己的誤差反向傳播（back-propagation）。你會把 1,797 張掃描的小數字影像分成訓練集、驗證集和測試集，在網路學習時觀察損失與準確率，讀懂混淆矩陣，看看網路答錯的是哪些數字、它的隱藏神經元在找什麼，再和設定完全相同的 scikit-learn `MLPClassifier` 比較，最後看看結果有多大程度取決於哪些影像剛好被分進測試集。
#
# [課程地圖](00_course_map.ipynb) · 上一課：[08 用許多樣本訓練](08_training_strategies.ipynb)
# （這裡用到的小批次迴圈） · 下一課：[10 任意網路的反向傳播](10_backprop_general.ipynb)
# （把計算本課梯度的程式碼打開來看）
#
# **English:** 這一課的英文版：[English](../09_digits_capstone.ipynb)

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
from ann_helpers.exercises import check
from ann_helpers.exercises.lesson09 import CONFUSION
from ann_helpers.explorers.digits import (
    DigitsExplorer,
    confusion_figure,
    image_grid,
    live_display,
    weights_figure,
)
from ann_helpers.losses import accuracy
from ann_helpers.plotting import COLORS, show

# %% [markdown]
# ## 1. 資料：8 x 8 像素、十個類別、分成三份
#
# scikit-learn 內附一小組手寫數字（資料就在套件裡，不必下載）：1,797 張 8 x 8 像素的影像，每個像素是 0 到 16 的灰階值，每張影像都有標籤（label），標明它是 0-9 中的哪個數字。我們把像素值除以 16，讓每個輸入都落在 [0, 1] 之間，再把每張影像攤平成一列 64 個數：這就是網路的 64 個輸入。
#
# 影像分成三份，每一份各有一個任務：
#
# - **測試集**（四分之一的影像）最先被放到一邊，而且只在最後看**一次**：它的準確率告訴我們，完成的網路面對從沒見過的數字表現如何，因為網路的任何設定都不是看著它決定的；
# - **驗證集**（其餘影像的五分之一）是訓練期間我們觀察的對象，也用來做這一課唯一的選擇：保留哪一個訓練週期（epoch）之後的權重；
# - **訓練集**（剩下的影像）是網路唯一的學習來源。
#
# 如果我們看著測試準確率去選擇任何東西，測試集就會悄悄變成第二個驗證集，它的準確率也會把網路說得比實際更好。每一次切分都是*分層的*（每個數字在每一份中都保有它原本的比例），而且是*固定種子的*（每次都是同樣的影像）。

# %%
split = digits.load_split()
print(f"訓練影像：{len(split.y_train)}，驗證影像：{len(split.y_val)}，"
      f"測試影像：{len(split.y_test)}，每張影像的像素數：{split.X_train.shape[1]}")
print("數字              " + "".join(f"{k:>5d}" for k in range(10)))
print("訓練集個數        " + "".join(f"{n:>5d}" for n in np.bincount(split.y_train)))
print("驗證集個數        " + "".join(f"{n:>5d}" for n in np.bincount(split.y_val)))
print("測試集個數        " + "".join(f"{n:>5d}" for n in np.bincount(split.y_test)))

# %%
show(image_grid(split.X_train[:30], [f"標籤 {y}" for y in split.y_train[:30]]))

# %% [markdown]
# ## 2. 模型：64 個輸入、32 個隱藏神經元、10 個輸出
#
# 每個隱藏神經元計算 $h_j = g(\sum_i x_i W_{ij} + b_j)$，其中 $g$ 是第 05-07 課的 sigmoid
# 活化函數（原文稱「激活函數」）。十個輸出神經元給出十個原始分數 $z_k$，再由 **softmax**
# 把它們變成全為正、總和為 1 的機率：
#
# $$\hat y_k = \frac{e^{z_k}}{\sum_{j=0}^{9} e^{z_j}}, \qquad
#   L = -\log \hat y_{\text{true class}} \quad\text{(cross-entropy)}.$$
#
# 網路給真實類別的機率接近 1 時，交叉熵很小；這個機率趨近 0 時，交叉熵會無限制地變大。它對
# 分數的梯度就是簡單的 $\hat y - y$（預測機率減去 one-hot 編碼的標籤），從這裡開始，反向傳播
# 就和第 07 課完全一樣地進行，只是改用矩陣一次處理整個批次。
#
# 訓練就是課程地圖裡的雙層迴圈：每個 **epoch** 把訓練影像洗牌、切成每批 32 張；
# 對每一批計算平均損失與它的梯度，走一步 $W \leftarrow W - \text{lr}\,\partial L / \partial W$。

# %%
print(f"網路           64 -> {digits.HIDDEN} ({digits.ACTIVATION}) -> 10 (softmax)")
print("損失           批次上的平均交叉熵")
print(f"學習率         {digits.LR}")
print(f"批次大小       {digits.BATCH_SIZE}  （每個 epoch {-(-len(split.y_train) // digits.BATCH_SIZE)} "
      f"步）")
print(f"epoch 數       {digits.EPOCHS}")
print(f"種子           權重與洗牌 {digits.SEED}，切分 {digits.SPLIT_SEED}")

# %% [markdown]
# ## 3. 即時觀看訓練
#
# 下一格會訓練網路。它下方的圖每十個 epoch 重畫一次訓練影像和驗證影像上的損失與準確率（圖上方的「epoch k / 100」顯示進度）。每個 epoch 結束後，程式會記住到目前為止驗證損失最低的那組權重；訓練結束時，網路保留的就是那一組。（再執行一次這一格，會從同樣的種子重新訓練，得到同樣的網路。）

# %%
ours = digits.train(split, on_epoch=live_display(digits.EPOCHS))
print(ours.status)

# %% [markdown]
# 這次訓練有固定種子，所以每次的數字都一樣。以下是每 20 個 epoch 的數值：

# %%
m = ours.history.measured
print("epoch     訓練損失   驗證損失  訓練準確率 驗證準確率")
for i in [0, *range(19, len(ours.history.epochs), 20)]:
    print(f"{ours.history.epochs[i]:5d}   {m['train_loss'][i]:10.4f}   {m['val_loss'][i]:8.4f}   "
          f"{m['train_accuracy'][i]:9.2%}   {m['val_accuracy'][i]:7.2%}")
print(f"\n保留：第 {ours.kept_epoch} 個 epoch 之後的權重"
      f"（驗證損失 {m['val_loss'][ours.kept_epoch - 1]:.4f}，"
      f"驗證準確率 {m['val_accuracy'][ours.kept_epoch - 1]:.2%}）")

# %% [markdown]
# 兩種損失在前 20 個 epoch 都下降得很快。之後訓練損失繼續下降（到第 100 個 epoch 時還不到第 20
# 個 epoch 的五分之一），驗證損失卻幾乎不動（第 40 個 epoch 是 0.19，第 100 個 epoch 是
# 0.18）：網路現在主要是在擬合訓練影像中那些無法推廣到新影像的細節，而接近 100 % 的訓練準確率說明的是記憶力，而不是讀數字的能力。訓練期間，驗證集的數字才是誠實的，因為那些影像從來沒有參與權重的更新。
#
# ## 4. 測試集，只看一次
#
# 現在，也只有現在，保留下來的網路才第一次見到測試影像。下面的一切（混淆矩陣、錯誤、比較）都使用這些預測。

# %%
predicted = digits.predict(ours.model, split.X_test)
right = int(np.sum(predicted == split.y_test))
print(f"測試準確率：{accuracy(split.y_test, predicted):.2%}"
      f"（{len(split.y_test)} 張測試影像中答對 {right} 張）")

# %% [markdown]
# 測試準確率比上面的驗證準確率高。這兩份資料都不大（269 張與 450 張影像），哪些影像落在哪一份，就會讓這些數字變動大約一個百分點；第 8 節會量出變動有多大。
#
# ## 5. 它會把哪些數字搞混？
#
# **混淆矩陣**（confusion matrix）對每個真實類別（列）計算各個類別被預測了幾次（行）。對角線上是答對的；對角線以外的每一格都是錯誤，它的位置說明哪個數字被當成了哪個數字。

# %%
C = digits.confusion_matrix(split.y_test, predicted)
print(digits.confusion_text(C))
mistakes = [(C[i, j], i, j) for i in range(10) for j in range(10) if i != j and C[i, j]]
print("\n錯誤，依次數由多到少：")
for count, i, j in sorted(mistakes, key=lambda m: (-m[0], m[1], m[2])):
    print(f"  {i} 被讀成 {j}：{count} 次")
show(confusion_figure(C))

# %% [markdown]
# 下面是每一張分類錯誤的測試影像，附上網路的答案和標籤（角落的叉號表示答錯）。其中很多張在
# 8 x 8 像素下，連人也很難認。

# %%
wrong = np.flatnonzero(predicted != split.y_test)
print(f"{len(wrong)} 張測試影像分類錯誤，位置在 {wrong.tolist()}")
show(image_grid(split.X_test[wrong],
                [f"預測 {predicted[i]}\n真實 {split.y_test[i]}" for i in wrong],
                colors=[COLORS["wrong"]] * len(wrong), marks=["wrong"] * len(wrong)))

# %% [markdown]
# ## 6. 隱藏神經元在找什麼
#
# 第一層的權重矩陣 $W$ 形狀是 (64, 32)：第 $j$ 行是從每個像素連到隱藏神經元 $h_j$ 的 64 個權重。把它畫成 8 x 8 的影像（每張按自己最大的權重縮放），紅色像素會把神經元往上推，藍色的把它往下拉，白色的則無關緊要：每張圖就是那個神經元會起反應的墨跡圖樣。很少有圖看起來像完整的數字；是輸出層把它們組合起來。

# %%
W1, b1 = ours.model.params[0]
print(f"第一層權重 W：形狀 {W1.shape}，從 {W1.min():.2f} 到 {W1.max():.2f}")
show(weights_figure(W1))

# %% [markdown]
# ## 7. 和 scikit-learn 並排比較
#
# 實務上，人們會用 scikit-learn 的 `MLPClassifier` 取代本課程的程式碼。把它設定成同樣單純的小批次梯度下降（相同的隱藏層與活化函數、學習率、批次大小和 epoch 數；關掉它的動量、L2 懲罰與提前停止），用同樣的訓練影像訓練，它的測試準確率和我們的差不多。它從自己的隨機權重出發，並且保留最後一個 epoch 的權重（沒有用驗證集做選擇），所以兩個網路並不完全相同。
#
# 哪一個比較快？實際耗費的時間取決於機器以及它同時在做什麼，所以這一課不印出時間（課程的輸出會被檢查，必須處處相同）。`make bench` 會在一次執行中多次量測；README 的效能表列出，在量測用的那台機器上，本課程的 MLP 每個 epoch 的時間是 scikit-learn 的 0.35 倍。

# %%
clf = digits.fit_sklearn(split)
sk_predicted = clf.predict(split.X_test)
print(f"{clf.__class__.__name__}(hidden_layer_sizes={clf.hidden_layer_sizes}, "
      f"activation={clf.activation!r}, solver={clf.solver!r}, "
      f"learning_rate_init={clf.learning_rate_init}, batch_size={clf.batch_size}, "
      f"momentum={clf.momentum}, alpha={clf.alpha})，{clf.n_iter_} 個 epoch")
print(f"scikit-learn 測試準確率：{accuracy(split.y_test, sk_predicted):.2%}")
print(f"ann_helpers  測試準確率：{accuracy(split.y_test, predicted):.2%}")
print(f"兩者預測不同的測試影像：{int(np.sum(sk_predicted != predicted))} 張")

# %% [markdown]
# ## 8. 切分方式的影響有多大？
#
# 450 張測試影像並不多：一張影像就是 0.22 個百分點。所以一次切分只給出一個數字，而不是這套做法*真正的*準確率。要誠實地報告這套做法，就把整個流程（切分、訓練、用驗證集選 epoch、只測試一次）在十個不同的切分種子上各跑一遍，報告平均值與離散程度（這十個值的標準差）。

# %%
accuracies = digits.split_seed_report(digits.SPLIT_SEEDS)
print("切分種子     測試準確率")
for seed, acc in zip(digits.SPLIT_SEEDS, accuracies, strict=True):
    print(f"{seed:10d}   {acc:13.2%}" + ("   <- 上面用的切分" if
                                          seed == digits.SPLIT_SEED else ""))
mean, spread = 100 * np.mean(accuracies), 100 * np.std(accuracies, ddof=1)
print(f"\n在 {len(accuracies)} 個切分種子上：測試準確率 {mean:.1f} ± {spread:.1f} %"
      f"（平均值 ± 標準差）")

# %% [markdown]
# 上面用的切分（97.33 %）略高於平均。對這一課的網路，誠實的總結是最後一行：大約 97 %，視測試用的是哪些影像，上下差將近一個百分點。
#
# ## 9. 動手探索：網路在想什麼？
#
# 用滑桿選一張測試影像：長條圖顯示十個類別的機率。真實類別是藍色，長條上方有一個圓點；預測錯誤時，被預測的類別是朱紅色，上方有一個叉號。探索器一開始停在第一張分類錯誤的影像；試試上面列出的其他影像，也看看網路在答對的影像上有多篤定。

# %%
explorer = DigitsExplorer(index=int(wrong[0]))
print(explorer.status)
explorer.snapshot()

# %% tags=["nbval-ignore-output"]
explorer.ui

# %% [markdown]
# ## 練習
#
# 把 `None` 換成你的答案，或寫出題目要的函式，然後執行那一格：檢查器會說*答對*，或是*還沒*並附上提示（第二次答錯會給更具體的提示）。每題下方收合的格子裡有詳解。
#
# **練習 1.** 64-32-10 的網路總共要學多少個數（權重與偏置）？（一個整數）

# %%
answer = None   # 把 None 換成你的答案
check("09.1", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點一下展開）：第 1 層有 64 x 32 的權重矩陣和 32 個偏置，
# 第 2 層有 32 x 10 的矩陣和 10 個偏置。
check("09.1", 64 * 32 + 32 + 32 * 10 + 10)

# %% [markdown]
# **練習 2.** 一張 7 的測試影像，網路給類別 7 的機率是 0.8。它的交叉熵損失是多少（用自然對數）？（到小數點後 3 位）

# %%
answer = None   # 把 None 換成你的答案
check("09.2", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點一下展開）：標籤是 one-hot 編碼，所以 -sum_k y_k log y_hat_k 裡
# 只剩真實類別那一項：L = -log 0.8。
check("09.2", -np.log(0.8))

# %% [markdown]
# **練習 3.** 某個三類別網路的混淆矩陣如下（列：真實類別，行：預測類別）。它分類正確的樣本（原文稱「樣例」）占多少比例？（到小數點後 3 位）

# %%
print(digits.confusion_text(CONFUSION))
answer = None   # 把 None 換成你的答案
check("09.3", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點一下展開）：答對的在對角線上；除以樣本數，也就是
# 所有元素的和。
check("09.3", np.trace(CONFUSION) / CONFUSION.sum())

# %% [markdown]
# **練習 4（程式碼）.** 從零開始算準確率與混淆矩陣。寫出 `evaluate(y_true, y_pred, n_classes)`：由每個樣本的真實類別與預測類別（兩個整數陣列），傳回準確率（答對的比例）與混淆矩陣 `C`，其中
# `C[i, j]` 計算真實類別為 `i` 而被預測成 `j` 的樣本數：`return accuracy, C`。檢查器會在五個情況上和課程的 `digits.accuracy` 與 `digits.confusion_matrix` 比較，其中包括一個從未出現的類別。

# %%
def evaluate(y_true, y_pred, n_classes):
    # 在這裡寫你的程式碼：return accuracy, C
    raise NotImplementedError


check("09.4", evaluate)


# %% jupyter={"source_hidden": true}
# 詳解（點一下展開）：準確率是逐元素比較兩個陣列；
# 矩陣則是計算每一組 (真實, 預測) 配對。
def evaluate(y_true, y_pred, n_classes):
    accuracy = np.mean(np.asarray(y_true) == np.asarray(y_pred))
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred, strict=True):
        C[t, p] += 1
    return accuracy, C


check("09.4", evaluate)

# %% [markdown]
# **練習 5（先預測，再移動滑桿）.** 測試影像 125 是第 5 節分類錯誤影像網格中的第二張（它的標題寫著網路讀成什麼、標籤是什麼）。在把探索器的滑桿移到 125 之前：狀態列會把哪個數字列為次高者，也就是機率第二高的類別？（一個整數）先在這裡檢查，再移動滑桿，讀一讀狀態列和長條圖。

# %%
answer = None   # 把 None 換成一個數字
check("09.5", answer)

# %% jupyter={"source_hidden": true}
# 詳解（點一下展開）：網路犯的錯大多是在兩個數字之間拿不定主意，而另一個正是標籤：
# 在影像 125 上，標籤明顯排在第二，遠高於其他八個數字。次高者就是第二高的長條。
p = digits.probabilities(ours.model, split.X_test)[125]
print(f"測試影像 125：標籤 {split.y_test[125]}，預測 {np.argmax(p)}"
      f"（p = {np.max(p):.2f}），次高者 {np.argsort(p)[-2]}（p = {np.sort(p)[-2]:.2f}）")
check("09.5", np.argsort(p)[-2])
