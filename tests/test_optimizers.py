"""ann_helpers.optimizers: the update rules against hand computation, minimize's statuses,
the quadratic closed forms against runs, schedules, bad input, MLP.fit with an optimizer, the
lesson 11 explorer and exercises."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from messages import raises

from ann_helpers import functions as F
from ann_helpers import optimizers as O
from ann_helpers.descent import gradient_descent
from ann_helpers.network import MLP
from ann_helpers.optimizers import SGD, Adam, RMSprop, minimize

A = np.array([2.0, 20.0])          # f = x^2 + 10 y^2, grad = A * x


def grad(x):
    return A * x


X0 = np.array([1.0, 0.5])          # g_1 = (2, 10)


def two_steps(opt):
    opt.reset()
    x1 = opt.step(X0, grad(X0))
    x2 = opt.step(x1, grad(x1))
    return x1, x2


# -- the rules, by hand ---------------------------------------------------------------------
def test_sgd_first_steps():
    x1, x2 = two_steps(SGD(0.1))
    assert x1 == pytest.approx([1 - 0.1 * 2, 0.5 - 0.1 * 10])            # (0.8, -0.5)
    assert x2 == pytest.approx([0.8 - 0.1 * 1.6, -0.5 - 0.1 * -10])      # (0.64, 0.5)


def test_heavy_ball_first_steps():
    x1, x2 = two_steps(SGD(0.1, momentum=0.5))
    # b_1 = g_1 = (2, 10); b_2 = 0.5 b_1 + g_2 = (1 + 1.6, 5 - 10)
    assert x1 == pytest.approx([0.8, -0.5])
    assert x2 == pytest.approx([0.8 - 0.1 * 2.6, -0.5 - 0.1 * -5.0])     # (0.54, 0.0)


def test_nesterov_first_steps():
    x1, x2 = two_steps(SGD(0.1, momentum=0.5, nesterov=True))
    # step 1: b_1 = (2, 10), move lr (g_1 + 0.5 b_1) = 0.1 (3, 15)
    assert x1 == pytest.approx([0.7, -1.0])
    # g_2 = (1.4, -20), b_2 = (1 + 1.4, 5 - 20) = (2.4, -15), move 0.1 (1.4 + 1.2, -20 - 7.5)
    assert x2 == pytest.approx([0.7 - 0.26, -1.0 + 2.75])


def test_rmsprop_first_steps():
    x1, x2 = two_steps(RMSprop(0.01, alpha=0.9, eps=1e-8))
    v1 = 0.1 * np.array([4.0, 100.0])                                     # (1 - alpha) g^2
    assert x1 == pytest.approx(X0 - 0.01 * np.array([2.0, 10.0]) / (np.sqrt(v1) + 1e-8),
                               rel=1e-14)
    g2 = A * x1
    v2 = 0.9 * v1 + 0.1 * g2 * g2
    assert x2 == pytest.approx(x1 - 0.01 * g2 / (np.sqrt(v2) + 1e-8), rel=1e-14)
    # no bias correction: the first step is lr / sqrt(1 - alpha) per coordinate
    assert X0 - x1 == pytest.approx(0.01 / math.sqrt(0.1) * np.ones(2), rel=1e-6)


def test_adam_first_steps_have_length_lr_whatever_the_scale():
    for scale in (1e-3, 1.0, 1e4):
        opt = Adam(0.1)
        x1 = opt.step(X0, scale * grad(X0))
        assert X0 - x1 == pytest.approx([0.1, 0.1], rel=1e-5)
    x1, x2 = two_steps(Adam(0.1))
    g1, g2 = np.array([2.0, 10.0]), A * x1
    m2 = 0.9 * 0.1 * g1 + 0.1 * g2
    v2 = 0.999 * 0.001 * g1 ** 2 + 0.001 * g2 ** 2
    m_hat, v_hat = m2 / (1 - 0.9 ** 2), v2 / (1 - 0.999 ** 2)
    assert x2 == pytest.approx(x1 - 0.1 * m_hat / (np.sqrt(v_hat) + 1e-8), rel=1e-13)


def test_step_on_a_list_of_arrays_counts_one_step_and_keeps_the_inputs():
    W, b = np.ones((2, 3)), np.zeros(3)
    opt = Adam(0.01)
    new = opt.step([W, b], [np.full((2, 3), 2.0), np.full(3, -1.0)])
    assert opt.t == 1 and len(new) == 2
    assert new[0] == pytest.approx(np.full((2, 3), 0.99)) and new[1] == pytest.approx(0.01)
    assert np.all(W == 1.0) and np.all(b == 0.0)
    with pytest.raises(ValueError, match="grads must hold one array per parameter array: "
                                         "got 1 gradients for 2 parameter arrays"):
        opt.step([W, b], [W])
    with pytest.raises(ValueError) as info:
        opt.step(np.zeros(2), np.zeros(3))
    assert str(info.value) == ("the gradient of parameter array 0 must have its shape (2,), "
                               "got (3,)")
    with pytest.raises(ValueError, match=r"parameter array 0 changed shape from \(2, 3\) to "
                                         r"\(3,\); call reset\(\) before optimizing something "
                                         "else"):
        opt.step([b, b], [b, b])


# -- minimize: momentum 0 is gradient_descent -----------------------------------------------
SQ, BOWL, NARROW = F.get("square"), F.get("bowl"), F.get("narrow_bowl")


@pytest.mark.parametrize("fn, x0, lr, steps, tol", [
    (SQ, 1.0, 0.3, 500, 1e-8),         # converged
    (SQ, 1.0, 1.0, 500, 1e-8),         # oscillating
    (SQ, 1.0, 1.3, 500, 1e-8),         # diverged
    (SQ, 1.0, 0.01, 5, 1e-8),          # max_steps
    (SQ, 1.0, 0.5, 10, 0.0),           # exact zero gradient with tol = 0
    (BOWL, [-5.0, -5.0], 0.5, 100, 1e-8),
    (NARROW, [-5.0, -2.0], 0.09, 2000, 1e-8),
    (NARROW, [-5.0, -2.0], 0.105, 2000, 1e-8),
    (NARROW, [-5.0, -2.0], 0.1, 60, 0.0),
])
def test_momentum_zero_is_gradient_descent(fn, x0, lr, steps, tol):
    ours = minimize(fn.grad, x0, SGD(lr), steps=steps, tol=tol, f=fn.f)
    theirs = gradient_descent(fn.grad, x0, lr, steps=steps, tol=tol, f=fn.f)
    assert ours.status == theirs.status and ours.period == theirs.period
    assert np.array_equal(ours.points, theirs.points)
    np.testing.assert_array_equal(ours.grads, theirs.grads)
    np.testing.assert_array_equal(ours.values, theirs.values)
    assert ours.message.split(":")[0] == theirs.message.split(":")[0]


# -- minimize: statuses, no warnings ----------------------------------------------------------
@pytest.fixture
def strict():
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        yield


def test_divergence_is_a_status_without_warnings(strict):
    # Adam's and RMSprop's steps are about lr long whatever the gradient, so at lr = 1000 they
    # leave the start far behind (|x| ~ 1e3) but not a millionfold: a bound of 10 times the
    # start's size catches them.
    for opt, bound in ((SGD(0.2, momentum=0.9), 1e6), (SGD(0.2, momentum=0.9, nesterov=True), 1e6),
                       (RMSprop(1e3), 10.0), (Adam(1e3), 10.0)):
        run = minimize(NARROW.grad, [-5.0, -2.0], opt, steps=1000, f=NARROW.f, bound=bound)
        assert run.status == "diverged", (opt, run.message)
        assert run.message.startswith("diverged after")
        assert len(run.points) == run.steps + 1 and run.points.shape[1] == 2
    rosen = F.get("rosenbrock")
    run = minimize(rosen.grad, [-1.5, 2.0], SGD(0.01, momentum=0.9), steps=500, f=rosen.f)
    assert run.status == "diverged"


def test_overflow_inside_the_function_counts_as_divergence(strict):
    def grad_exp(x):
        return math.exp(x * 1000.0)    # raises OverflowError quickly

    run = minimize(grad_exp, 1.0, Adam(0.1), steps=10)
    assert run.status == "diverged" and run.steps == 0


def test_heavy_ball_at_the_edge_settles_into_a_true_two_cycle(strict):
    # lr lambda = 2 (1 + mu): the roots are -1 and -mu, so x and the velocity b both end up
    # flipping sign for ever
    run = minimize(SQ.grad, 1.0, SGD(1.5, momentum=0.5), steps=500, tol=1e-8)
    assert run.status == "oscillating" and run.period == 2
    assert run.points[-1] == pytest.approx(run.points[-3], rel=1e-12)
    assert "a cycle of 2 points repeating for ever" in run.message


def test_a_repeated_point_with_a_new_velocity_is_not_a_cycle():
    # x: 1 -> 0 (gradient 0 there, but the ball still moves) -> ...
    run = minimize(SQ.grad, 1.0, SGD(0.5, momentum=0.9), steps=3, tol=0.0)
    assert run.points.tolist()[:3] == [1.0, 0.0, -0.9]
    assert run.status == "max_steps"


def test_zero_gradient_with_no_velocity_converges_even_with_tol_zero():
    run = minimize(SQ.grad, 0.0, SGD(0.1, momentum=0.9), steps=10, tol=0.0)
    assert run.status == "converged" and run.steps == 0


def test_tol_zero_runs_the_whole_budget():
    run = minimize(NARROW.grad, [-5.0, -2.0], Adam(0.1), steps=400, tol=0.0)
    assert run.status == "max_steps" and run.steps == 400


def test_adam_and_rmsprop_converge_and_the_state_is_reset_between_runs():
    opt = Adam(0.1)
    first = minimize(NARROW.grad, [-5.0, -2.0], opt, steps=3000, tol=1e-6)
    again = minimize(NARROW.grad, [-5.0, -2.0], opt, steps=3000, tol=1e-6)
    assert first.status == "converged"
    assert np.array_equal(first.points, again.points)
    assert minimize(NARROW.grad, [-5.0, -2.0], RMSprop(0.1), steps=500).status == "converged"


def test_scalar_and_many_dimensions():
    run = minimize(SQ.grad, 2.0, SGD(0.1, momentum=0.5), steps=200, f=SQ.f)
    assert run.points.shape == (run.steps + 1,) and isinstance(run.x, float)
    assert run.status == "converged" and abs(run.x) < 1e-8
    quad = F.random_quadratic(50, condition=10.0, seed=1)
    big = minimize(quad.grad, np.zeros(50), Adam(0.05), steps=3000, tol=1e-6)
    assert big.points.shape == (big.steps + 1, 50) and big.status == "converged"
    assert "a point in 50 dimensions" in big.message


def test_tiny_iterates_are_not_taken_for_a_cycle():
    # errors of 1e-280: their squares underflow to 0, their distances must not
    lr, mu, _ = O.best_momentum(2.0, 20.0)
    run = minimize(NARROW.grad, [-5.0, -2.0], SGD(lr, momentum=mu), steps=1000, tol=0.0)
    assert run.status == "max_steps" and 0 < np.max(np.abs(run.x)) < 1e-270


# -- the quadratic closed forms against runs --------------------------------------------------
def test_best_gd_and_best_momentum_closed_forms():
    lr, factor = O.best_gd(2.0, 20.0)
    assert lr == pytest.approx(1 / 11) and factor == pytest.approx(9 / 11)
    lr_m, mu, r = O.best_momentum(2.0, 20.0)
    root = math.sqrt(10.0)
    assert r == pytest.approx((root - 1) / (root + 1)) and mu == pytest.approx(r * r)
    assert lr_m == pytest.approx(4 / (math.sqrt(20) + math.sqrt(2)) ** 2)
    # at the best parameters both ends of the spectrum have the factor r
    for lam in (2.0, 20.0):
        assert O.momentum_factor(lam, lr_m, mu) == pytest.approx(r, rel=1e-6)
    assert O.condition_number(2.0, 20.0) == 10.0


@pytest.mark.parametrize("lr, mu, nesterov", [(0.04, 0.9, False), (0.04, 0.9, True),
                                              (0.03, 0.3, False), (0.02, 0.6, True)])
def test_momentum_factor_predicts_the_run(lr, mu, nesterov):
    run = minimize(NARROW.grad, [-5.0, -2.0], SGD(lr, momentum=mu, nesterov=nesterov),
                   steps=400, tol=0.0)
    errors = O.eigen_errors(run.points, NARROW.hessian(None), (0.0, 0.0))
    for d, lam in enumerate((2.0, 20.0)):
        predicted = O.momentum_factor(lam, lr, mu, nesterov=nesterov)
        stop = min(400, O.steps_to(errors[:, d], 1e-250) or 400)
        measured = O.measured_factor(errors[:, d], stop // 2, stop)
        assert measured == pytest.approx(predicted, abs=0.02), (d, lam)


def test_the_lesson_measures_the_closed_form_factors():
    lr, mu, r = O.best_momentum(2.0, 20.0)
    run = minimize(NARROW.grad, [-5.0, -2.0], SGD(lr, momentum=mu), steps=1000, tol=0.0)
    errors = O.eigen_errors(run.points, NARROW.hessian(None), (0.0, 0.0))
    for d in range(2):
        measured = O.measured_factor(errors[:, d], 900, 1000)
        # a double root r gives errors ~ k r^k: the measured factor is r (1000/900)^(1/100)
        assert measured == pytest.approx(r * (1000 / 900) ** (1 / 100), rel=2e-4)
    lr_g, factor = O.best_gd(2.0, 20.0)
    gd = minimize(NARROW.grad, [-5.0, -2.0], SGD(lr_g), steps=200, tol=0.0)
    errors = O.eigen_errors(gd.points, NARROW.hessian(None), (0.0, 0.0))
    assert O.measured_factor(errors[:, 0], 0, 200) == pytest.approx(factor, rel=1e-12)


def test_gd_factor_and_steps_to():
    assert O.gd_factor(20.0, 0.099) == pytest.approx(0.98)
    assert O.steps_to([1.0, 0.5, 0.1, 1e-7], 1e-6) == 3
    assert O.steps_to([1.0, 0.5], 1e-6) is None


# -- schedules ----------------------------------------------------------------------------------
def test_schedules():
    assert [O.constant(0.3)(e) for e in (1, 50)] == [0.3, 0.3]
    step = O.step_decay(2.0, factor=0.5, every=10)
    assert [step(e) for e in (1, 10, 11, 20, 21)] == [2.0, 2.0, 1.0, 1.0, 0.5]
    cos = O.cosine(2.0, 60)
    assert cos(1) == 2.0 and cos(31) == pytest.approx(1.0) and 0 < cos(60) < 0.01
    assert cos(100) == cos(60)
    assert repr(step) == "step decay: lr = 2, x0.5 every 10 epochs"


# -- bad input: whole messages -------------------------------------------------------------------
@pytest.mark.parametrize("make, error, message", [
    (lambda: SGD(0.0), ValueError, "lr must be in (0, inf], got 0"),
    (lambda: SGD(-1.0), ValueError, "lr must be in (0, inf], got -1"),
    (lambda: SGD("0.1"), TypeError, "lr must be a real number, got '0.1' of type str"),
    (lambda: SGD(0.1, momentum=1.0), ValueError, "momentum must be in [0, 1), got 1"),
    (lambda: SGD(0.1, momentum=-0.1), ValueError, "momentum must be in [0, 1), got -0.1"),
    (lambda: SGD(0.1, nesterov=True), ValueError,
     "nesterov=True needs a momentum in (0, 1), got momentum = 0"),
    (lambda: SGD(0.1, momentum=0.9, nesterov="yes"), TypeError,
     "nesterov must be True or False, got 'yes'"),
    (lambda: RMSprop(0.1, alpha=1.0), ValueError, "alpha must be in [0, 1), got 1"),
    (lambda: RMSprop(0.1, eps=0.0), ValueError, "eps must be in (0, inf], got 0"),
    (lambda: Adam(0.1, betas=(0.9, 1.0)), ValueError, "betas[1] must be in [0, 1), got 1"),
    (lambda: Adam(0.1, betas=(-0.1, 0.999)), ValueError, "betas[0] must be in [0, 1), got -0.1"),
    (lambda: Adam(0.1, betas=0.9), TypeError,
     "betas must be a pair (beta1, beta2) of numbers in [0, 1), got 0.9"),
    (lambda: Adam(0.1, eps=-1e-8), ValueError, "eps must be in (0, inf], got -1e-08"),
    (lambda: minimize(SQ.grad, 1.0, "adam"), TypeError,
     "optimizer must be an SGD, RMSprop or Adam from ann_helpers.optimizers, got 'adam'"),
    (lambda: minimize(SQ.grad, 1.0, SGD(0.1), steps=-1), ValueError,
     "steps must be a whole number in [0, 1000000], got -1"),
    (lambda: minimize(SQ.grad, 1.0, SGD(0.1), tol=-1.0), ValueError,
     "tol must be in [0, inf], got -1"),
    (lambda: minimize(SQ.grad, [], SGD(0.1)), ValueError,
     "x0 must have at least one coordinate, got an empty array"),
    (lambda: minimize(BOWL.grad, [1.0, 2.0, 3.0], SGD(0.1)), ValueError,
     "grad must return an array of shape (3,) for x0 of this shape, got shape (2,)"),
    (lambda: O.best_momentum(20.0, 2.0), ValueError,
     "lam_max must be >= lam_min, got lam_min = 20, lam_max = 2"),
    (lambda: O.step_decay(0.5, factor=1.5), ValueError, "factor must be in (0, 1], got 1.5"),
    (lambda: O.cosine(0.5, 0), ValueError, "epochs must be a whole number in [1, inf], got 0"),
])
def test_bad_input_names_the_argument_and_the_range(make, error, message):
    with pytest.raises(error) as info:
        make()
    assert str(info.value) == message


def test_a_schedule_cannot_set_a_bad_learning_rate():
    opt = SGD(0.1)
    with pytest.raises(ValueError) as info:
        opt.lr = 0.0
    assert str(info.value) == "lr must be in (0, inf], got 0"


# -- MLP.fit with an optimizer ---------------------------------------------------------------------
def _moons():
    from ann_helpers.training import two_moons

    return two_moons(60, noise=0.1, seed=0)


def test_fit_default_is_plain_sgd_bit_for_bit():
    X, labels = _moons()
    a = MLP([2, 8, 2], "tanh", "softmax", seed=3)
    b = MLP([2, 8, 2], "tanh", "softmax", seed=3)
    ha = a.fit(X, labels, lr=0.3, epochs=5, batch_size=8)
    hb = b.fit(X, labels, optimizer=SGD(0.3), epochs=5, batch_size=8)
    assert np.array_equal(a.get_flat(), b.get_flat()) and list(ha) == list(hb)
    assert ha.status.startswith("trained 5 epochs (minibatch 8, lr = 0.3): loss ")
    assert hb.status.startswith("trained 5 epochs (minibatch 8, SGD(lr=0.3)): loss ")


def test_fit_with_the_same_update_by_hand():
    X, labels = _moons()
    fitted = MLP([2, 5, 2], "tanh", "softmax", seed=7)
    fitted.fit(X, labels, optimizer=Adam(0.01), epochs=2, batch_size=16)
    by_hand = MLP([2, 5, 2], "tanh", "softmax", seed=7)
    opt = Adam(0.01)
    for _ in range(2):
        order = by_hand.rng.permutation(len(X))
        for s in range(0, len(X), 16):
            rows = order[s:s + 16]
            _, grads = by_hand.loss_and_gradients(X[rows], labels[rows])
            flat = opt.step([a for pair in by_hand.params for a in pair],
                            [a for pair in grads for a in pair])
            by_hand.params = list(zip(flat[0::2], flat[1::2], strict=True))
    assert np.array_equal(fitted.get_flat(), by_hand.get_flat())


def test_fit_learns_with_momentum_and_adam_and_follows_a_schedule():
    X, labels = _moons()
    plain = MLP([2, 8, 2], "tanh", "softmax", seed=0).fit(X, labels, lr=0.05, epochs=60,
                                                          batch_size=8)
    for opt in (SGD(0.05, momentum=0.9), Adam(0.03)):
        mlp = MLP([2, 8, 2], "tanh", "softmax", seed=0)
        history = mlp.fit(X, labels, optimizer=opt, epochs=60, batch_size=8)
        assert history.status.startswith("trained")
        assert history[-1] < 0.5 * plain[-1] and mlp.accuracy(X, labels) >= 0.95, opt
    seen = []
    opt = SGD(0.5)
    MLP([2, 4, 2], "tanh", "softmax", seed=0).fit(
        X, labels, optimizer=opt, schedule=O.step_decay(0.5, 0.5, 2), epochs=5,
        callback=lambda epoch, loss, mlp: seen.append(opt.lr))
    assert seen == [0.5, 0.5, 0.25, 0.25, 0.125]


def test_fit_says_when_the_loss_grew_instead_of_calling_it_trained():
    X, labels = _moons()
    mlp = MLP([2, 16, 2], "sigmoid", "softmax", seed=0)
    history = mlp.fit(X, labels, optimizer=Adam(5.0), epochs=30, batch_size=4)
    assert not history.diverged and history[-1] > history[0]
    assert history.status.startswith("did not learn: the loss grew over 30 epochs "
                                     "(minibatch 4, Adam(lr=5, betas=(0.9, 0.999))): ")
    assert history.status.endswith("; a smaller learning rate may help")


def test_fit_rejects_ambiguous_or_missing_learning_rates():
    X, labels = _moons()
    mlp = MLP([2, 4, 2], "tanh", "softmax", seed=0)
    with pytest.raises(TypeError) as info:
        mlp.fit(X, labels, lr=0.1, optimizer=SGD(0.1), epochs=1)
    assert str(info.value) == ("give fit either lr or an optimizer, not both (the optimizer "
                               "has its own learning rate), got lr = 0.1 and SGD(lr=0.1)")
    with pytest.raises(TypeError) as info:
        mlp.fit(X, labels, epochs=1)
    assert str(info.value) == ("fit needs a learning rate lr (plain gradient descent) or an "
                               "optimizer from ann_helpers.optimizers, got neither")
    with pytest.raises(TypeError) as info:
        mlp.fit(X, labels, optimizer="adam", epochs=1)
    assert str(info.value) == ("optimizer must be an SGD, RMSprop or Adam from "
                               "ann_helpers.optimizers, got 'adam'")


# -- the explorer ----------------------------------------------------------------------------------
def test_explorer_corners_never_raise_or_warn_and_name_what_happened(strict):
    from ann_helpers.explorers.optimizers import OptimizerExplorer

    explorer = OptimizerExplorer()
    assert explorer.status.startswith("SGD(lr=0.115, momentum=0.27): converged after")
    statuses = set()
    for values in explorer.grid(points=2):
        status = explorer.set(**values)
        statuses.add(status.split(": ")[1].split(" ")[0])
        assert status and "nan" not in status
    assert {"converged", "diverged", "stopped"} <= statuses
    assert explorer.render().startswith(b"\x89PNG")


def test_explorer_status_is_a_pure_function_of_the_sliders():
    from ann_helpers.explorers.optimizers import OptimizerExplorer, explorer_status

    values = dict(function="rotated valley", optimizer="Nesterov momentum", lr=0.02,
                  momentum=0.9, x0=-5.0, y0=-2.0)
    assert OptimizerExplorer(**values).status == explorer_status(**values)[0]
    text, _ = explorer_status("valley x² + 10y²", "Nesterov momentum", 0.05, 0.0, 1.0, 1.0)
    assert "Nesterov with μ = 0 is plain gradient descent" in text
    text, _ = explorer_status("valley x² + 10y²", "momentum (heavy ball)", 0.105, 0.0, -5.0,
                              -2.0)
    assert text.startswith("SGD(lr=0.105): diverged after")
    assert text.endswith("by 0.790 and 1.100: along the worse one it grows: divergence.")


def test_the_optimizer_explorer_shows_translated_choices_and_accepts_either_name():
    import ann_helpers
    from ann_helpers.explorers.optimizers import OptimizerExplorer, explorer_status

    english = explorer_status("valley x² + 10y²", "momentum (heavy ball)", 0.15, 0.9, -5.0,
                              -2.0)[0]
    ann_helpers.set_language("zh-Hant")
    try:
        explorer = OptimizerExplorer()
        assert explorer.controls["function"].options[0] == ("窄谷 x² + 10y²", "valley x² + 10y²")
        assert explorer.controls["optimizer"].value == "momentum (heavy ball)"
        chinese = explorer_status("窄谷 x² + 10y²", "動量（重球法）", 0.15, 0.9, -5.0, -2.0)[0]
        assert explorer_status("valley x² + 10y²", "momentum (heavy ball)", 0.15, 0.9, -5.0,
                               -2.0)[0] == chinese
        assert chinese.endswith("長期而言，每一步會把沿各特徵方向（曲率 2 與 20）的誤差分別乘上 "
                                "0.949 與 0.949：在較差的那個方向上，誤差縮小。")
        with raises(ValueError, "function 必須是 '窄谷 x² + 10y²', '斜向山谷', 'Rosenbrock 函數' "
                                "其中之一；收到的是 'valley'"):
            explorer_status("valley", "Adam", 0.1, 0.9, 0.0, 0.0)
    finally:
        ann_helpers.set_language("en")
    assert english.endswith("by 0.949 and 0.949: along the worse one it shrinks.")
    with raises(ValueError, "optimizer must be one of 'momentum (heavy ball)', 'Nesterov "
                            "momentum', 'RMSprop', 'Adam'; got 'SGD'"):
        explorer_status("Rosenbrock", "SGD", 0.1, 0.9, 0.0, 0.0)


def test_minimize_statuses_in_chinese_keep_their_numbers():
    import ann_helpers

    ann_helpers.set_language("zh-Hant")
    try:
        path = minimize(lambda x: 2 * x, 1.0, SGD(0.1), steps=3, tol=0.0)
        assert path.message == "走完 3 步（步數上限）後停在 x = 0.512，|grad| = 1.02"
        with raises(ValueError, "lam_max 必須 >= lam_min，但收到 lam_min = 2、lam_max = 1"):
            O.best_gd(2.0, 1.0)
    finally:
        ann_helpers.set_language("en")
