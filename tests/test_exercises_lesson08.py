"""Lesson 08's exercises: worked solutions accepted, typical mistakes get their hint, and the
minibatch loop of one epoch as code, checked against MLP.fit."""

from __future__ import annotations

import re

from ann_helpers.exercises import get, grade


def verdict(key, answer):
    return get(key).is_right(answer)


def test_08_1_updates_per_epoch():
    assert grade("08.1", 13) and grade("08.1", -(-200 // 16))
    assert verdict("08.1", 12).text == "The last, smaller batch makes an update too."
    assert verdict("08.1", 12.5).text == "The answer is a whole number."


def test_08_2_summed_loss_learning_rate():
    assert grade("08.2", 0.01) and grade("08.2", "1/100")
    assert verdict("08.2", 25).text.startswith("The summed loss's gradient is already n times")


def test_08_3_least_squares_not_average():
    assert grade("08.3", 1.2) and grade("08.3", "6/5")
    assert verdict("08.3", 1.5).text.startswith("Averaging the per-example solutions is not")


def one_epoch(mlp, X, labels, lr, batch_size, order):
    losses = []
    for start in range(0, len(X), batch_size):
        batch = order[start:start + batch_size]
        loss, grads = mlp.loss_and_gradients(X[batch], labels[batch])
        mlp.params = [(W - lr * dW, b - lr * db)
                      for (W, b), (dW, db) in zip(mlp.params, grads, strict=True)]
        losses.append(loss)
    return losses


def test_08_4_one_epoch():
    assert grade("08.4", one_epoch)


def test_08_4_forgetting_the_last_batch_is_caught():
    def full_batches_only(mlp, X, labels, lr, batch_size, order):
        losses = []
        for start in range(0, len(X) - batch_size + 1, batch_size):  # misses the last batch
            batch = order[start:start + batch_size]
            loss, grads = mlp.loss_and_gradients(X[batch], labels[batch])
            mlp.params = [(W - lr * dW, b - lr * db)
                          for (W, b), (dW, db) in zip(mlp.params, grads, strict=True)]
            losses.append(loss)
        return losses

    text = verdict("08.4", full_batches_only).text
    assert text.startswith(
        "Case 1 of 4, one_epoch(a fresh MLP([2, 4, 2]), 20 examples, lr = 0.3, batch_size = 8, "
        "a shuffled order): expected the list of the 3 batch losses, one per update (the last "
        "batch has 4 examples), and mlp.params updated in place; the batch losses: it should "
        "return shape (3,), but the result has shape (2,) (")


def test_08_4_ignoring_the_order_is_caught():
    def in_row_order(mlp, X, labels, lr, batch_size, order):
        return one_epoch(mlp, X, labels, lr, batch_size, range(len(X)))

    assert "the batch losses: the shape (3,) is right, but entries" in \
        verdict("08.4", in_row_order).text


def test_08_4_not_updating_the_weights_is_caught():
    def no_update(mlp, X, labels, lr, batch_size, order):
        return [mlp.loss_and_gradients(X[order[s:s + batch_size]],
                                       labels[order[s:s + batch_size]])[0]
                for s in range(0, len(X), batch_size)]

    text = verdict("08.4", no_update).text
    assert text.endswith("the batch losses: the shape (3,) is right, but entries 1, 2 are not "
                         f"({text.rsplit('(', 1)[1]}")


def test_08_5_predict_sgd_against_minibatches():
    from ann_helpers.explorers.training import BatchSizeExplorer

    explorer = BatchSizeExplorer(lr=2.0, batch_size=1)
    sgd = explorer.status
    mini = explorer.set(lr=2.0, batch_size=5)

    def final_loss(status):  # "... before training 0.538, after 5 epochs 0.288, accuracy 90%"
        match = re.search(r"after \d+ epochs (\d+\.\d+),", status)
        assert match, status
        return float(match.group(1))

    assert final_loss(mini) < final_loss(sgd)  # what the explorer shows a learner
    assert get("08.5").kind == "prediction"
    assert grade("08.5", "minibatch") and grade("08.5", "MiniBatch")
    assert verdict("08.5", "sgd").text.startswith("SGD makes five times as many updates")
    assert verdict("08.5", 5).text == ("Answer with one of: 'sgd', 'minibatch' (a word in "
                                       "quotes); got 5.")


def test_08_4_case_texts_state_each_case_s_batch_count_and_size():
    # the case texts are whole sentences (so that the catalog can translate them): they must
    # still say what each case really does
    from ann_helpers.exercises.lesson08 import _EPOCH

    for case in _EPOCH:
        n, batch_size = len(case.args[1]), case.args[4]
        assert case.expect.startswith(f"the list of the {-(-n // batch_size)} batch losses, ")
        assert case.shown == (f"a fresh MLP([2, 4, 2]), {n} examples, lr = {case.args[3]}, "
                              f"batch_size = {batch_size}, a shuffled order")
