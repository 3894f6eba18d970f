# %% [markdown]
# # 類神經網路背後的數學：課程地圖
#
# 這門課只拆解一個問題：**類神經網路是怎麼「學會」的？** 答案其實是微積分裡的一個想法，被反覆使用：沿著梯度往下坡走，找出函數的最低點。各課從中學數學出發，一次一本短短的筆記本，把這個想法一步步建立起來。每本筆記本都有幾段說明、幾個可以用手驗算的小計算，還有*探索器*：附滑桿的圖，讓你改變學習率或起點，親眼看看會發生什麼事，也包括出錯的情形。
#
# 課程逐節跟著一篇談類神經網路（原文稱「人工神經網絡」，ANN）數學原理的文章走，接著用一路上寫過的程式碼訓練一個真的手寫數字分類器，最後再把這些程式碼拆開來看：適用於任何網路的反向傳播，以及一個你自己動手寫的小型自動微分（autograd）引擎。
#
# **本頁內容：** 一張圖看懂訓練迴圈、課程列表、名詞對照表、滑桿的用法，以及如何執行本課程。從第一課開始：[01 古典的極值求法](01_classical_extrema.ipynb)。
#
# **English:** 英文版課程地圖：[English](../00_course_map.ipynb)

# %% [markdown]
# ## 全貌：訓練網路就是一個雙層迴圈
#
# 訓練一個前饋網路（資訊只從輸入流向輸出，不會倒流）可以歸結為六個步驟：
#
# 1. **定義網路。** 網路就是一個很大的函數 $\hat y = F(x; w)$，輸入是 $x$，參數 $w$（權重與偏置）還不知道。
# 2. **定義損失函數** $L(w)$：把一個訓練樣本（原文稱「訓練樣例」）送進網路，拿輸出 $\hat y$ 和這個樣本的標籤 $y$ 比較。樣本是固定的，所以損失是參數的函數。
# 3. **送入資料：** 一次一個樣本（隨機梯度下降，SGD），或一次一小批（小批次，minibatch）。
# 4. **前向傳播：** 算出輸出與損失。
# 5. **反向傳播：** 從最後一層往回算到第一層，求出損失的梯度。在往回算的路上重複利用已算好的中間結果，就是誤差反向傳播（BP）。
# 6. **梯度下降一步：** 每個參數都朝自己梯度的反方向移動一點點，
#    $w \leftarrow w - \text{lr} \cdot \nabla L(w)$。
#
# 步驟 3 到 6 反覆進行：每個樣本（或每個小批次）做一次，而整輪走完之後，每個訓練週期（epoch）再重來一遍。

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
from ann_helpers.diagrams import training_loop_figure
from ann_helpers.plotting import show

show(training_loop_figure())

# %% [markdown]
# 同一個迴圈寫成虛擬碼（第 08 課會寫成真正的程式碼）：
#
# ```
# w = 隨機的小數字                                # 步驟 1-2 決定了 F(x; w) 與 L(w)
# for epoch in range(number_of_epochs):          # 外層迴圈：把資料走過一遍又一遍
#     for batch in shuffled(training_examples):  # 內層迴圈：一個樣本（SGD）或一個小批次
#         y_hat = F(batch.x, w)                  # 前向傳播
#         loss = L(y_hat, batch.y)               # 錯得有多離譜？
#         grad = backprop(loss, w)               # 反向傳播：dL/dw，由後往前
#         w = w - lr * grad                      # 梯度下降一步
# ```
#
# 課程其餘的內容都在解釋這個迴圈的某一行：為什麼梯度下降的一步會往下坡走（第 01-04 課）、$F$ 由什麼組成（05）、$L$ 是什麼（06）、`backprop` 怎麼算出梯度（07，任意網路則見 10），以及實務上迴圈怎麼安排（08）。第 11 課把最後一行 `w = w - lr * grad` 換成真正訓練網路時用的更新規則。

# %% [markdown]
# ## 課程列表
#
# | # | 課 | 一句話說明 |
# | --- | --- | --- |
# | 00 | [課程地圖](00_course_map.ipynb) | 就是這一頁：訓練迴圈、課程列表、名詞對照表，以及如何執行本課程。 |
# | 01 | [古典的極值求法](01_classical_extrema.ipynb) | 用導數找極小值的教科書做法，以及為什麼變數一多它就行不通。 |
# | 02 | [枚舉搜尋](02_enumeration_search.ipynb) | 往左、往右各試一小步來找極小值，以及導數的正負號能替我們省下什麼。 |
# | 03 | [一維梯度下降](03_gradient_descent_1d.ipynb) | 梯度是方向，學習率是步伐；有的執行會收斂，有的會振盪，有的會發散。 |
# | 04 | [二維梯度下降](04_gradient_descent_2d.ipynb) | 同一條規則適用於任意多個變數：在曲面上逆著梯度走。 |
# | 05 | [神經元](05_neuron.ipynb) | 加權和加上偏置，再通過活化函數：網路的基本積木。 |
# | 06 | [損失函數](06_loss_function.ipynb) | 固定一個訓練樣本，誤差就變成參數的函數，可以交給梯度下降了。 |
# | 07 | [反向傳播](07_backpropagation.ipynb) | 在四個神經元的網路上用連鎖律，以及為什麼從後面重複利用結果會快得多。 |
# | 08 | [訓練策略](08_training_strategies.ipynb) | 樣本很多時：SGD、小批次與全批次、epoch，以及寫成程式碼的雙層迴圈。 |
# | 09 | [總結專題：手寫數字](09_digits_capstone.ipynb) | 一個從零寫起的網路，學會辨認真實的手寫數字。 |
# | 10 | [任意網路的反向傳播](10_backprop_general.ipynb) | 把第 07 課的連鎖寫成適用每一層的一條規則、訓練第 09 課網路的程式碼、自己動手寫的自動微分，以及梯度為什麼會消失。 |
# | 11 | [最佳化器：動量、RMSprop、Adam](11_optimizers.ipynb) | 為什麼單純的梯度下降在狹長山谷裡走得很慢，以及真正訓練網路時用的動量、逐座標步長與學習率排程（以 04 與 10 為基礎）。 |

# %% [markdown]
# ## 名詞對照表（English / 中文）
#
# 本課程的關鍵名詞。中文版一律採用台灣用語；課程依據的原文使用另一套用語，有時用詞不同（原文用語）。表中列出原文的說法；「—」表示原文沒有提到這個名詞。
#
# | English | 台灣用語 | 原文用語 | 首次出現 |
# | --- | --- | --- | --- |
# | artificial neural network (ANN) | 類神經網路 | 人工神經網絡 | 00 |
# | feed-forward network | 前饋網路 | 前饋神經網絡 | 00 |
# | epoch（把所有訓練樣本走過一遍） | 訓練週期（epoch） | —（原文只說「雙重循環」） | 00, 08 |
# | extremum, minimum point | 極值、極小值點 | 極值、極小值點 | 01 |
# | stationary point | 駐點 | 駐點 | 01 |
# | partial derivative | 偏導數 | 偏導數 | 01 |
# | Hessian（二階偏導數組成的矩陣） | 海森矩陣 | —（原文只說「3 個二階偏導數」） | 01 |
# | saddle point | 鞍點 | — | 01 |
# | enumeration (trial) search | 枚舉搜尋 | 枚舉試探法 | 02 |
# | local minimum / global minimum | 局部極小值 / 全域極小值 | — / 全局的極值點 | 02 |
# | gradient | 梯度 | 梯度 | 03 |
# | gradient descent | 梯度下降 | 梯度下降算法 | 03 |
# | learning rate (step size) | 學習率（步長） | 學習率、步長 | 03 |
# | convergence / divergence | 收斂 / 發散 | — | 03 |
# | neuron | 神經元 | 神經元 | 05 |
# | weight, bias, parameter | 權重、偏置、參數 | 參數、待定參數 | 05 |
# | activation function（sigmoid、tanh、ReLU） | 活化函數 | 激活函數 | 05 |
# | accuracy | 準確率 | — | 05 |
# | target function (the model) | 目標函數（即模型） | 目標函數 | 06 |
# | loss function | 損失函數 | 損失函數 | 06 |
# | mean squared error | 均方誤差 | 均方誤差 | 06 |
# | cross-entropy | 交叉熵 | 交叉熵 | 06 |
# | softmax | softmax | — | 06 |
# | one-hot encoding | one-hot 編碼 | — | 06 |
# | training example, label | 訓練樣本、標籤 | 訓練樣例、標籤 | 06 |
# | chain rule | 連鎖律 | 鏈式求導法則 | 07 |
# | forward pass / backward pass | 前向傳播 / 反向傳播 | — | 05 / 07 |
# | error back-propagation (BP) | 誤差反向傳播 | 誤差反向傳播 | 07 |
# | stochastic gradient descent (SGD) | 隨機梯度下降 | sgd | 08 |
# | minibatch | 小批次 | 一批（Minibatch） | 08 |
# | training / validation / test set | 訓練集 / 驗證集 / 測試集 | 訓練數據（只有訓練資料） | 09 |
# | overfitting | 過擬合 | — | 09 |
# | confusion matrix | 混淆矩陣 | — | 09 |
# | autograd (automatic differentiation) | 自動微分 | — | 10 |
# | vanishing gradients | 梯度消失 | — | 10 |
# | momentum | 動量 | — | 11 |
# | optimizer（RMSprop、Adam）, learning-rate schedule | 最佳化器、學習率排程 | — | 11 |
#
# **關於「目標函數」的提醒。** 原文的「目標函數」指的是*模型本身*，也就是訓練要找出參數的那個網路
# $\hat y = F(x; w)$。但在大多數教科書裡，「目標函數」（objective function）指的恰恰是另一個東西：被最小化的那個函數，在這裡就是損失函數。本課程只在第 06 課沿用原文的說法（那一課把兩個函數並排比較），其他地方一律說「模型」和「損失函數」。
#
# **給對照原文閱讀的讀者。** 原文有兩處筆誤，本課程的中英兩版都已更正。(1) 原文把神經元的輸入
# $x_1, x_2, x_3$ 稱為「因變量」，後來又把成為損失函數變數的那些參數也稱為「因變量」；兩者其實都是**自變數**（原文用語「自變量」）：輸入是模型的自變數，參數是損失函數的自變數（第 06 課比較兩個函數的表格中，「變數」一列列的就是它們）。(2) 原文在介紹二元梯度下降時，說二元函數描述的是「一個」自變量與「兩個」因變量之間的關係。其實正好相反：$f(x, y) = x^2 + y^2$ 有兩個自變數 $x, y$（定義域是整個平面），以及一個應變數，也就是函數值 $f(x, y)$（第 01 課與第 04 課都在 $(x, y)$ 平面上畫這樣的函數）。

# %% [markdown]
# ## 滑桿怎麼用
#
# 每個探索器都會出現兩次：
#
# 1. 先是一張**靜態圖**，程式碼下方附一行文字：這是筆記本用該課的數值算出的結果，即使沒有執行中的
#    Python 核心（kernel）也看得到（例如在 GitHub 上閱讀筆記本時）；
# 2. 接著是**互動版**：同一張圖的上方有滑桿與選單，下方有一行狀態列，用文字說明發生了什麼事。互動版需要執行中的核心：打開筆記本後，在 JupyterLab 的選單中選一次 **Run > Run All Cells**。
#
# 要移動滑桿，可以**拖曳**它的把手，或**點一下**右端的數字，輸入數值後按 Enter。圖和狀態列會隨著你的操作而改變。先在第 01 課的探索器上試試看：移動切點 $a$，留意斜率的正負號。

# %%
from ann_helpers.explorers.extrema import TangentExplorer

demo = TangentExplorer(function="x^2 + 3x", x=1.0)
print(demo.status)
demo.snapshot()

# %% tags=["nbval-ignore-output"]
demo.ui

# %% [markdown]
# 每一課最後都有五種練習：**數字**（一個或幾個，精確度會註明，例如「到小數第 4 位」、「整數」）、在給定詞語中**選擇**、填一個**詞**、寫**程式碼**（你寫一個小函式，檢查器拿幾組測試案例去跑，告訴你哪一組失敗以及原因），以及**預測**（在移動探索器的滑桿之前，先說出它會顯示什麼）。把 `None` 換成你的答案，或把 `raise NotImplementedError` 換成函式的內容，然後執行該格：檢查器會說「對了」或「還沒」，並給一個提示（再答錯一次會給更具體的提示），但絕不直接給答案。每個練習下方都有一個收合起來的格子，裡面是詳解：點一下三個點（或格子左側的長條）就能展開。各課每種練習各有幾題：

# %%
from ann_helpers.exercises import kinds_table

print(kinds_table())

# %% [markdown]
# ## 如何執行本課程
#
# - **在自己的電腦上，用 make：** 在專案資料夾開一個終端機，執行 `make lab-zh`。第一次執行時，它會建立虛擬環境
#   `.venv` 並安裝固定版本的 `requirements.txt`（需要幾分鐘），然後用 JupyterLab 開啟這一頁中文課程地圖，並把 JupyterLab 本身的介面切換成繁體中文（只限這次工作階段；語言包目前只翻譯了一部分介面）。若沒有自動開出瀏覽器視窗，JupyterLab 會在終端機印出一個附登入權杖（token）的連結，打開它即可。`make lab` 開啟的是英文版。`make test` 會檢查所有東西（單元測試，以及重新執行兩種語言的每一本筆記本）。
# - **不用 make，手動執行：**
#   ```
#   python3 -m venv .venv
#   .venv/bin/pip install -r requirements.txt
#   .venv/bin/jupyter lab --ServerApp.root_dir=notebooks notebooks/zh-Hant/00_course_map.ipynb
#   ```
# - **在 Binder 上，什麼都不用裝：** 點 README.zh-Hant.md 中的 *launch binder* 徽章。Binder 會依照 `binder/`
#   資料夾建立同樣的環境，並用 JupyterLab 開啟中文課程地圖；接著選 **Run > Run All Cells**，讓滑桿動起來。（Binder 的工作階段是暫時的：關閉分頁前，記得下載你改過的筆記本。）
#
# 準備好了嗎？從 [01 古典的極值求法](01_classical_extrema.ipynb) 開始。
