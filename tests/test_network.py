"""The network of notebook 05: forward pass, backpropagation, training, divergence and the experiments.

Gradients are checked against central finite differences of the cost computed here (not by the helper
under test), costs against the single-neuron trainer of notebook 03, and shapes against the text.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers.maths.activations import ACTIVATIONS, activate, activation_prime
from helpers.maths.datasets import two_circles, xor_data
from helpers.maths.gradients import finite_difference_gradient
from helpers.maths.network import (
    INITIALISATIONS,
    Network,
    accuracy_of,
    backprop,
    cost_of,
    forward,
    init_network,
    init_spread,
    predict,
)
from helpers.maths.network_experiments import (
    batch_size_runs,
    bowl_descent,
    deep_network,
    describe_run,
    distinct_hidden_units,
    gradient_per_weight,
    initialisation_runs,
    layer_gradients,
    learning_rate_sweep,
    weighted_input_spread,
    xor_network,
)
from helpers.maths.network_training import (
    DIVERGENCE_FACTOR,
    NetworkRun,
    TrainingDiverged,
    guess_loss,
    train_many,
    train_network,
    train_step,
)
from helpers.maths.training import COSTS

XOR_LR, XOR_EPOCHS = 4.0, 2000  # the defaults of notebook 05


@pytest.fixture(scope="module")
def xor_seed_0_run() -> NetworkRun:
    """Notebook 05's XOR network: 2-2-1 from seed 0, trained with its defaults (several tests read this one run)."""
    X, y = xor_data()
    return train_network(init_network((2, 2, 1), seed=0), X, y, epochs=XOR_EPOCHS, lr=XOR_LR)


@pytest.fixture(scope="module")
def xor_twenty_runs() -> list[NetworkRun]:
    """Notebook 05's 20 random starts (seeds 0-19), trained together with its defaults."""
    X, y = xor_data()
    return train_many([init_network((2, 2, 1), seed=s) for s in range(20)], X, y, epochs=XOR_EPOCHS, lr=XOR_LR)


def random_network(sizes, activation, seed, spread=1.0):
    """Random weights and random (non-zero) biases, so every term of backprop is exercised."""
    rng = np.random.default_rng(seed)
    weights = tuple(rng.normal(0, spread, (n_out, n_in)) for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True))
    biases = tuple(rng.normal(0, 0.5, (n_out, 1)) for n_out in sizes[1:])
    return Network(weights, biases, activation)


def central_differences(net, X, y, cost, h=1e-5):
    """dC/dparameter by (C(p + h) - C(p - h)) / 2h, written out here independently of the helpers."""
    params = [np.array(p) for p in (*net.weights, *net.biases)]
    L = len(net.weights)
    out = []
    for which, p in enumerate(params):
        grad = np.zeros_like(p)
        for index in np.ndindex(p.shape):
            values = []
            for shift in (h, -h):
                moved = [q.copy() for q in params]
                moved[which][index] += shift
                values.append(cost_of(Network(tuple(moved[:L]), tuple(moved[L:]), net.activation), X, y, cost))
            grad[index] = (values[0] - values[1]) / (2 * h)
        out.append(grad)
    return out[:L], out[L:]


# --- the gradient ---------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    n_in=st.integers(1, 3),
    hidden=st.lists(st.integers(1, 4), min_size=1, max_size=2),
    n_out=st.integers(1, 2),
    m=st.integers(1, 5),
    activation=st.sampled_from(ACTIVATIONS),
    cost=st.sampled_from(COSTS),
    seed=st.integers(0, 2**32 - 1),
)
def test_backprop_equals_finite_differences(n_in, hidden, n_out, m, activation, cost, seed):
    sizes = (n_in, *hidden, n_out)
    net = random_network(sizes, activation, seed)
    rng = np.random.default_rng(seed + 1)
    X = rng.normal(size=(m, n_in))
    y = rng.integers(0, 2, size=(m, n_out)).astype(float)
    _, zs = forward(net, X.T)
    # ReLU has a kink at 0: a difference quotient across it measures nothing. Keep every hidden z clear of it
    # (a shift of h = 1e-5 moves z by far less than 1e-3).
    assume(activation != "relu" or min(np.abs(z).min() for z in zs[:-1]) > 1e-3)
    nabla_w, nabla_b = backprop(net, X.T, y.T, cost)
    num_w, num_b = central_differences(net, X, y, cost)
    analytic = np.concatenate([g.ravel() for g in (*nabla_w, *nabla_b)])
    numeric = np.concatenate([g.ravel() for g in (*num_w, *num_b)])
    relative = np.linalg.norm(analytic - numeric) / max(np.linalg.norm(analytic) + np.linalg.norm(numeric), 1e-8)
    assert relative < 1e-6, (relative, analytic, numeric)
    for grad, W in zip(nabla_w, net.weights, strict=True):
        assert grad.shape == W.shape
    for grad, b in zip(nabla_b, net.biases, strict=True):
        assert grad.shape == b.shape


def test_finite_difference_helper_agrees_with_backprop():
    net = random_network((2, 3, 1), "tanh", 3)
    X, y = xor_data()
    numeric = finite_difference_gradient(net, X, y)
    analytic = backprop(net, X.T, y)
    for a, b in zip((*numeric[0], *numeric[1]), (*analytic[0], *analytic[1]), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-9)
    with pytest.raises(ValueError, match="h must be positive"):
        finite_difference_gradient(net, X, y, h=0.0)


def test_central_difference_error_shrinks_like_h_squared_until_rounding_takes_over():
    """05 section 3: the error of (C(p + h) - C(p - h)) / 2h shrinks in proportion to h**2, then rounding wins."""
    net = random_network((2, 3, 1), "tanh", 3)
    X, y = xor_data()
    exact = backprop(net, X.T, y)[0][0]

    def error(h):
        return np.abs(finite_difference_gradient(net, X, y, h=h)[0][0] - exact).max()

    ratios = [error(h) / error(h / 2) for h in (1e-1, 5e-2, 2.5e-2)]
    np.testing.assert_allclose(ratios, 4.0, rtol=0.05)  # halving h quarters the error
    assert error(1e-10) > error(1e-4)  # far below the best h, rounding error dominates


def test_output_error_is_a_minus_y_for_cross_entropy_and_carries_sigma_prime_for_quadratic():
    """BP1 on a one-layer network (one neuron): dC/db = mean(a - y) or mean((a - y) sigma'(z))."""
    from helpers.maths.neuron import sigmoid, sigmoid_prime

    net = Network((np.array([[0.7, -1.2]]),), (np.array([[0.3]]),))
    X = np.array([[1.0, 2.0], [-0.5, 0.1], [3.0, 1.0]])
    y = np.array([1.0, 0.0, 1.0])
    z = X @ np.array([0.7, -1.2]) + 0.3
    _, (grad_b,) = backprop(net, X.T, y, "cross_entropy")
    assert grad_b.item() == pytest.approx(np.mean(sigmoid(z) - y), rel=1e-12)
    _, (grad_b,) = backprop(net, X.T, y, "quadratic")
    assert grad_b.item() == pytest.approx(np.mean((sigmoid(z) - y) * sigmoid_prime(z)), rel=1e-12)


def test_cost_matches_the_single_neuron_trainer_and_stays_finite():
    from helpers.maths.training import cost_value

    w, b = np.array([0.7, -1.2]), 0.3
    net = Network((w[None, :],), (np.array([[b]]),))
    X = np.array([[1.0, 2.0], [-0.5, 0.1], [3.0, 1.0]])
    y = np.array([1.0, 0.0, 1.0])
    for cost in COSTS:
        assert cost_of(net, X, y, cost) == pytest.approx(float(cost_value(X @ w + b, y, cost)), rel=1e-12)
    confident = Network((np.array([[100.0, 0.0]]),), (np.array([[0.0]]),))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        right_loss = cost_of(confident, [[1.0, 0.0]], [1.0])  # sigma(100): tiny but not zero
        wrong_loss = cost_of(confident, [[1.0, 0.0]], [0.0])  # -log(1 - sigma(100)): large, finite
    assert 0 < right_loss < 1e-40
    assert wrong_loss == pytest.approx(100.0, rel=1e-12)


# --- the forward pass ----------------------------------------------------------------------------------


def test_forward_shapes_and_a_hand_computed_case():
    from helpers.maths.neuron import sigmoid

    net = random_network((3, 4, 2), "tanh", 0)
    a = np.arange(15.0).reshape(3, 5) / 10
    activations, zs = forward(net, a)
    assert [x.shape for x in activations] == [(3, 5), (4, 5), (2, 5)]
    assert [z.shape for z in zs] == [(4, 5), (2, 5)]
    hidden = np.tanh(net.weights[0] @ a + net.biases[0])
    np.testing.assert_allclose(activations[2], sigmoid(net.weights[1] @ hidden + net.biases[1]), rtol=1e-13)
    one, _ = forward(net, a[:, 0])  # a single example of shape (n_0,) is one column
    np.testing.assert_allclose(one[-1][:, 0], activations[-1][:, 0])
    np.testing.assert_allclose(predict(net, a.T), activations[-1].T)


def test_the_hand_set_network_computes_xor():
    X, y = xor_data()
    np.testing.assert_allclose(predict(xor_network(), X)[:, 0], y, atol=1e-4)
    hidden = forward(xor_network(), X.T)[0][1]
    np.testing.assert_allclose(hidden[0], [0, 1, 1, 1], atol=1e-4)  # OR
    np.testing.assert_allclose(hidden[1], [1, 1, 1, 0], atol=1e-4)  # NAND
    assert accuracy_of(xor_network(), X, y) == 1.0
    with pytest.raises(ValueError, match="scale must be positive"):
        xor_network(0.0)


def test_activations_and_their_derivatives():
    from helpers.maths.gradients import central_difference

    z = np.array([-30.0, -3.0, -0.4, 0.2, 2.5, 40.0])
    for name in ACTIVATIONS:
        numeric = central_difference(lambda v, name=name: activate(v, name), z, h=1e-6)
        np.testing.assert_allclose(activation_prime(z, name), numeric, rtol=1e-6, atol=1e-12)
    np.testing.assert_allclose(activate(z, "sigmoid"), 1 / (1 + np.exp(-z)), rtol=1e-14)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        extreme = np.array([-1e308, -800.0, 800.0, 1e308])
        assert np.all(np.isfinite(activate(extreme, "sigmoid")))
        assert np.all(activation_prime(extreme, "sigmoid") >= 0)
    for function in (activate, activation_prime):
        with pytest.raises(ValueError, match="activation must be one of"):
            function(z, "softplus")


# --- the network's checks ------------------------------------------------------------------------------


def test_network_validates_shapes_finiteness_and_names():
    W1, W2 = np.ones((3, 2)), np.ones((1, 3))
    b1, b2 = np.zeros((3, 1)), np.zeros((1, 1))
    net = Network((W1, W2), (b1, b2), "relu")
    assert net.sizes == (2, 3, 1)
    with pytest.raises(ValueError, match="read-only"):
        net.weights[0][0, 0] = 5.0
    bad = [
        (((W1, W2), (b1,)), "one bias per weight"),
        (((W1, W2), (np.zeros(3), b2)), r"b\^1 must have shape \(3, 1\)"),
        (((W1, np.ones((1, 2))), (b1, b2)), r"W\^2 must have 3 columns"),
        (((np.ones(3), W2), (b1, b2)), "must be a matrix"),
        (((W1 * np.nan, W2), (b1, b2)), "must be finite"),
        (((W1, W2), (b1, b2 + np.inf)), "must be finite"),
        (((), ()), "at least one layer"),
        ((np.ones((2, 2, 2)), (b1,)), "sequences of arrays"),
    ]
    for (weights, biases), message in bad:
        with pytest.raises(ValueError, match=message):
            Network(weights, biases)
    with pytest.raises(ValueError, match="activation must be one of"):
        Network((W1, W2), (b1, b2), "swish")


def test_functions_reject_bad_data():
    net = init_network((2, 3, 1))
    X, y = xor_data()
    with pytest.raises(ValueError, match=r"a must have shape \(2, m\)"):
        forward(net, X)  # rows instead of columns
    with pytest.raises(ValueError, match="must be finite"):
        forward(net, np.array([[np.nan], [0.0]]))
    with pytest.raises(ValueError, match="only 0 and 1"):
        backprop(net, X.T, y + 0.5)
    with pytest.raises(ValueError, match=r"y must have shape \(1, 4\)"):
        backprop(net, X.T, np.ones((2, 4)))
    with pytest.raises(ValueError, match="cost must be one of"):
        backprop(net, X.T, y, "hinge")
    with pytest.raises(ValueError, match=r"X must have shape \(m, 2\)"):
        predict(net, X.T)
    with pytest.raises(ValueError, match=r"y must have shape \(4,\) or \(4, 1\)"):
        cost_of(net, X, y[:3])
    with pytest.raises(ValueError, match="cost must be one of"):
        cost_of(net, X, y, "l1")
    with pytest.raises(ValueError, match="must be finite"):
        train_network(net, X + np.inf, y, epochs=1, lr=1.0)
    with pytest.raises(ValueError, match="lr must be positive"):
        train_network(net, X, y, epochs=1, lr=0.0)
    with pytest.raises(ValueError, match="batch_size must be at most"):
        train_network(net, X, y, epochs=1, lr=1.0, batch_size=5)
    with pytest.raises(ValueError, match="epochs must be a whole number"):
        train_network(net, X, y, epochs=1.5, lr=1.0)
    with pytest.raises(ValueError, match="one shape and one activation"):
        train_many([net, init_network((2, 4, 1))], X, y, epochs=1, lr=1.0)
    with pytest.raises(ValueError, match="one per network"):
        train_many([net, net], X, y, epochs=1, lr=[1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="non-empty list of Network"):
        train_many(net, X, y, epochs=1, lr=1.0)


def test_init_network_names_and_spreads():
    assert init_spread("lecun", 50, 200) == pytest.approx(np.sqrt(1 / 50))
    assert init_spread("xavier", 50, 200) == pytest.approx(np.sqrt(2 / 250))
    assert init_spread("he", 50, 200) == pytest.approx(np.sqrt(2 / 50))
    assert init_spread("zero", 50, 200) == 0.0
    assert init_spread(0.3, 50, 200) == 0.3
    for init in INITIALISATIONS:
        net = init_network((400, 300, 1), init=init, seed=1)
        assert np.std(net.weights[0]) == pytest.approx(init_spread(init, 400, 300), rel=0.02, abs=1e-12)
        assert all(np.all(b == 0) for b in net.biases)
    assert np.std(init_network((400, 300), init=0.05).weights[0]) == pytest.approx(0.05, rel=0.02)
    same = init_network((2, 5, 1), seed=7)
    np.testing.assert_array_equal(same.weights[0], init_network((2, 5, 1), seed=7).weights[0])
    for bad, message in [
        ({"init": "glorot"}, "init must be one of"),
        ({"init": -1.0}, "must be 0 or more"),
        ({"init": True}, "init must be one of"),
        ({"activation": "elu"}, "activation must be one of"),
    ]:
        with pytest.raises(ValueError, match=message):
            init_network((2, 2, 1), **bad)
    for sizes in [(2,), "21", (2, 0, 1), (2, 1.5, 1)]:
        with pytest.raises(ValueError):
            init_network(sizes)


# --- training --------------------------------------------------------------------------------------------


def test_xor_is_learned_with_the_notebook_defaults(xor_seed_0_run):
    X, y = xor_data()
    run = xor_seed_0_run
    assert run.diverged_at is None and run.epochs == XOR_EPOCHS
    assert run.accuracy[-1] == 1.0
    assert run.loss[-1] < 0.01 < run.loss[0]
    assert run.gradient_norms.shape == (XOR_EPOCHS + 1, 2)
    np.testing.assert_allclose(run.loss[-1], cost_of(run.network, X, y), rtol=1e-12)


def test_xor_success_rate_over_twenty_seeds(xor_twenty_runs):
    """Notebook 05 quotes how many of 20 random starts reach 100% with the defaults (18 of 20)."""
    successes = [run.accuracy[-1] == 1.0 for run in xor_twenty_runs]
    assert sum(successes) == 18
    assert successes[0]


def test_notebook_05_stuck_seeds_still_move_unlike_a_dead_start(xor_twenty_runs):
    """05 section 4: seeds 1 and 6 are stuck with gradients "tiny but not 0" after 2,000 steps."""
    X, y = xor_data()
    for run in (xor_twenty_runs[1], xor_twenty_runs[6]):
        assert run.accuracy[-1] < 1.0  # stuck: section 3's list
        last = run.gradient_norms[-1]
        assert np.all(last > 0) and last.max() < 1e-3
        assert not np.array_equal(run.network.weights[0], train_step(run.network, X, y, XOR_LR).weights[0])


def test_train_many_takes_the_same_steps_as_train_step():
    X, y = two_circles(30, 0.1, seed=2)
    for activation, cost in [("sigmoid", "cross_entropy"), ("tanh", "quadratic"), ("relu", "cross_entropy")]:
        nets = [random_network((2, 4, 3, 1), activation, seed, spread=0.7) for seed in range(3)]
        etas = [0.1, 0.5, 2.0]
        runs = train_many(nets, X, y, epochs=25, lr=etas, cost=cost)
        for net, eta, run in zip(nets, etas, runs, strict=True):
            losses = [cost_of(net, X, y, cost)]
            for _ in range(25):
                net = train_step(net, X, y, eta, cost)
                losses.append(cost_of(net, X, y, cost))
            np.testing.assert_allclose(run.loss, losses, rtol=1e-9)
            for ours, theirs in zip(run.network.weights, net.weights, strict=True):
                np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-12)
            norms = [np.linalg.norm(g) for g in backprop(net, X.T, y, cost)[0]]
            np.testing.assert_allclose(run.gradient_norms[-1], norms, rtol=1e-8)
            assert run.accuracy[-1] == accuracy_of(net, X, y)


def test_one_hot_targets_with_two_outputs():
    X, y = two_circles(40, 0.05, seed=1)
    one_hot = np.column_stack([1 - y, y])
    run = train_network(init_network((2, 8, 2), activation="tanh", seed=0), X, one_hot, epochs=300, lr=1.0)
    assert run.accuracy[-1] == 1.0
    assert predict(run.network, X).shape == (40, 2)
    assert guess_loss(2) == pytest.approx(2 * np.log(2))


def test_mini_batches_are_seeded_and_count_their_steps():
    X, y = two_circles(50, 0.1, seed=0)
    net = init_network((2, 6, 1), activation="tanh", seed=0)
    first = train_network(net, X, y, epochs=5, lr=0.5, batch_size=8, seed=3)
    again = train_network(net, X, y, epochs=5, lr=0.5, batch_size=8, seed=3)
    other = train_network(net, X, y, epochs=5, lr=0.5, batch_size=8, seed=4)
    assert first.steps_per_epoch == 7 and first.epochs == 5
    np.testing.assert_array_equal(first.loss, again.loss)
    assert not np.array_equal(first.loss, other.loss)
    untouched = train_network(net, X, y, epochs=0, lr=0.5, batch_size=8)
    assert untouched.epochs == 0 and untouched.network is net
    runs = batch_size_runs(net, X, y, [1, 10, None], epochs=2, lr=0.5)
    assert [run.steps_per_epoch for run in runs.values()] == [50, 5, 1]


@pytest.mark.parametrize("batch_size", [None, 2])
@pytest.mark.parametrize("lr", [1e6, 1e300])
def test_a_huge_learning_rate_is_reported_as_diverged_without_a_warning(lr, batch_size):
    X, y = xor_data()
    net = init_network((2, 2, 1), seed=0)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        run = train_network(net, X, y, epochs=50, lr=lr, batch_size=batch_size)
    assert run.diverged_at is not None and run.diverged_at <= 2 * run.steps_per_epoch
    assert np.all(np.isfinite(run.loss)) and np.all(np.isfinite(run.gradient_norms))
    assert all(np.all(np.isfinite(W)) for W in run.network.weights)
    assert len(run.loss) == len(run.accuracy) == len(run.gradient_norms) <= 3
    assert describe_run(run) == f"diverged at step {run.diverged_at}"


def test_divergence_by_the_loss_bound_and_by_overflow():
    X, y = xor_data()
    net = init_network((2, 2, 1), seed=0)
    bounded = train_network(net, X, y, epochs=100, lr=100.0)
    assert bounded.loss[-1] > DIVERGENCE_FACTOR * guess_loss(1) >= bounded.loss[:-1].max()
    relu_net = init_network((2, 2, 1), activation="relu", init=1.0, seed=1)
    big_inputs = 100.0 * X  # ReLU passes them on: the output layer's gradient is about 50, and 50 * 1e308 = inf
    overflow = train_network(relu_net, big_inputs, y, epochs=100, lr=1e308)
    assert overflow.diverged_at == 1 and overflow.epochs == 0  # the first step overflowed: nothing after the start
    np.testing.assert_array_equal(overflow.network.weights[0], relu_net.weights[0])
    relu = deep_network(3, 8, "relu", gain=30.0)  # signals grow by ~30x per layer
    exploded = train_network(relu, *two_circles(40, 0.1, 0), epochs=20, lr=1.0)
    assert exploded.diverged_at is not None and np.all(np.isfinite(exploded.loss))
    with pytest.raises(TrainingDiverged, match="overflow"):
        train_step(relu_net, big_inputs, y, 1e308)
    assert isinstance(TrainingDiverged("x"), ValueError)


def test_describe_run_of_a_finished_run():
    run = NetworkRun(init_network((2, 1)), np.array([0.7, 0.01234]), np.array([0.5, 1.0]), np.ones((2, 1)), None)
    assert describe_run(run) == "final loss 0.0123, accuracy 100%"


# --- initialisation and symmetry -------------------------------------------------------------------------------


def test_all_zero_start_keeps_the_hidden_units_identical():
    X, y = two_circles(60, 0.1, seed=0)
    start = init_network((2, 8, 5, 1), init="zero", activation="sigmoid")
    run = train_network(start, X, y, epochs=30, lr=1.0, batch_size=10)  # unbalanced batches: the weights move
    assert np.abs(run.network.weights[0]).max() > 1e-4
    assert distinct_hidden_units(run.network, 1) == 1 and distinct_hidden_units(run.network, 2) == 1
    W1 = run.network.weights[0]
    np.testing.assert_array_equal(W1, np.broadcast_to(W1[0], W1.shape))  # exactly equal, not just close
    runs = initialisation_runs((2, 8, 8, 1), X, y, ["zero", "lecun"], activation="tanh", epochs=50, lr=0.5)
    assert distinct_hidden_units(runs["zero"].network) == 1
    assert distinct_hidden_units(runs["lecun"].network) == 8
    with pytest.raises(ValueError, match="must be a hidden layer"):
        distinct_hidden_units(start, 3)


def test_notebook_05_all_zero_sigmoid_network_moves_only_on_unbalanced_batches():
    """05 section 6: on all 100 points the output weights' gradient 1/2 mean(a - y) is 0; on mini-batches, not."""
    X, y = two_circles(100, noise=0.1, seed=0)
    assert y.mean() == 0.5  # "with 50 points of each label"
    full_batch = train_network(init_network((2, 8, 1), init="zero"), X, y, epochs=30, lr=1.0)
    assert all(np.all(w == 0) for w in full_batch.network.weights) and np.all(full_batch.network.biases[1] == 0)
    mini_batch = train_network(init_network((2, 8, 1), init="zero"), X, y, epochs=30, lr=1.0, batch_size=10)
    assert np.abs(mini_batch.network.weights[1]).max() > 1e-3 and np.abs(mini_batch.network.weights[0]).max() > 1e-3


def test_signal_spread_per_layer():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((500, 2))
    net = deep_network(4, 300, "relu", gain=np.sqrt(2))  # He: the spread of z stays about the same
    spread = weighted_input_spread(net, X)
    assert spread.shape == (5,)
    assert 0.5 < spread[3] / spread[0] < 2.0
    assert np.all(weighted_input_spread(init_network((2, 5, 1), init="zero"), X) == 0)
    small = weighted_input_spread(deep_network(4, 50, "tanh", gain=0.3), X)
    assert small[3] < 0.1 * small[0]  # 0.3 per layer


def test_deep_network_and_gradients_per_layer():
    X, y = two_circles(100, 0.1, seed=0)
    net = deep_network(6, 16, "sigmoid", gain=1.0)
    assert net.sizes == (2, 16, 16, 16, 16, 16, 16, 1)
    gradients = layer_gradients(net, X, y)
    assert gradients.shape == (7,)
    assert gradients[0] < 1e-3 * gradients[-1]  # each sigmoid layer passes back at most a quarter
    tanh = layer_gradients(deep_network(6, 16, "tanh"), X, y)
    assert 0.05 < tanh[0] / tanh[-1] < 20
    doubled = deep_network(2, 4, "tanh", gain=2.0)
    np.testing.assert_allclose(doubled.weights[0], 2 * deep_network(2, 4, "tanh").weights[0])
    norms = np.array([[3.0, 4.0]])
    np.testing.assert_allclose(gradient_per_weight(norms, (2, 3, 4)), [[3 / np.sqrt(6), 4 / np.sqrt(12)]])
    with pytest.raises(ValueError, match="one norm per layer"):
        gradient_per_weight(norms, (2, 3))
    with pytest.raises(ValueError, match="gain must be 0 or more"):
        deep_network(2, 4, "tanh", gain=-1.0)


def test_learning_rate_sweep_and_the_bowl():
    X, y = xor_data()
    runs = learning_rate_sweep(init_network((2, 2, 1), seed=0), X, y, [0.01, 3.0, 1e4], epochs=200)
    assert [run.diverged_at is None for run in runs] == [True, True, False]
    assert runs[0].loss[-1] > runs[1].loss[-1]
    np.testing.assert_allclose(bowl_descent(4.0, 0.1, steps=3), [1.0, 0.6, 0.36, 0.216])
    np.testing.assert_allclose(bowl_descent(4.0, 0.375, steps=2), [1.0, -0.5, 0.25])  # overshoots
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        grown = bowl_descent(4.0, 100.0, steps=400)
    assert np.all(np.isfinite(grown)) and abs(grown[-1]) == 1e300


# --- data -------------------------------------------------------------------------------------------------------


def test_xor_data():
    X, y = xor_data()
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(y, [0, 1, 1, 0])
    cloud, labels = xor_data(5, noise=0.1, seed=2)
    assert cloud.shape == (20, 2) and labels.sum() == 10
    assert np.abs(cloud - np.repeat(X, 5, axis=0)).max() < 0.5
    with pytest.raises(ValueError, match="noise"):
        xor_data(noise=-1.0)


def test_two_circles():
    X, y = two_circles(101, 0.0, seed=4)
    assert X.shape == (101, 2) and y.sum() == 50
    np.testing.assert_allclose(np.hypot(*X[y == 1].T), 0.5)
    np.testing.assert_allclose(np.hypot(*X[y == 0].T), 1.0)
    np.testing.assert_array_equal(two_circles(10, 0.1, 3)[0], two_circles(10, 0.1, 3)[0])
    with pytest.raises(ValueError, match="noise"):
        two_circles(10, float("inf"))


# --- the numbers notebook 05 states in its prose ------------------------------------------------------------


def test_numbers_quoted_in_notebook_05_sections_1_to_3(xor_twenty_runs):
    X, y = xor_data()
    hand_set = xor_network()  # "sigma(20 x1 + 20 x2 - 10)", "sigma(-20 x1 - 20 x2 + 30)", "sigma(20 h1 + 20 h2 - 30)"
    np.testing.assert_array_equal(hand_set.weights[0], [[20, 20], [-20, -20]])
    np.testing.assert_array_equal(hand_set.biases[0].ravel(), [-10, 30])
    np.testing.assert_array_equal(hand_set.weights[1], [[20, 20]])
    assert hand_set.biases[1].item() == -30
    one_neuron = train_network(init_network((2, 1), seed=0), X, y, epochs=XOR_EPOCHS, lr=XOR_LR)
    np.testing.assert_allclose(predict(one_neuron.network, X)[:, 0], 0.5, atol=1e-3)  # "says 0.5 for every input"
    assert one_neuron.loss[-1] == pytest.approx(np.log(2), abs=1e-4)
    runs = xor_twenty_runs
    stuck = [seed for seed, run in enumerate(runs) if run.accuracy[-1] < 1]
    assert stuck == [1, 6]
    for seed in stuck:  # "certain about two inputs, 0.5 for the other two, at a loss of ln(2) / 2"
        outputs = predict(runs[seed].network, X)[:, 0]
        assert np.sum(np.abs(outputs - 0.5) < 0.01) == 2 and np.sum(np.abs(outputs - y) < 0.01) == 2
        assert runs[seed].loss[-1] == pytest.approx(np.log(2) / 2, abs=1e-3)
    from helpers.checks.network import backprop_exercise

    net, x, target = backprop_exercise()
    activations, _ = forward(net, x)
    error = activations[-1] - target
    assert error.item() == pytest.approx(0.319, abs=5e-4)  # the solution's "too high by 0.319"
    np.testing.assert_allclose((net.weights[1].T @ error).ravel(), [0.319, -0.638], atol=5e-4)


def test_notebook_05_trained_xor_network_learns_or_and_and_close_to_the_hand_set_lines(xor_seed_0_run):
    """05 section 3: a plateau near ln 2, then lines near x1 + x2 = 0.5 (OR) and 1.5 (AND, weighed negatively)."""
    run = xor_seed_0_run
    assert np.all(np.abs(np.array(run.loss[:100]) - np.log(2)) < 0.01) and run.loss[-1] < 0.01
    W1, b1, W2 = run.network.weights[0], run.network.biases[0].ravel(), run.network.weights[1].ravel()
    assert np.all(W1 > 0)  # both units fire above their line
    np.testing.assert_allclose(W1[:, 0], W1[:, 1], rtol=1e-3)  # the lines are x1 + x2 = constant
    lines = -b1 / W1.mean(axis=1)
    or_unit, and_unit = np.argmin(lines), np.argmax(lines)
    assert abs(lines[or_unit] - 0.5) < 0.1 and abs(lines[and_unit] - 1.5) < 0.1
    assert W2[or_unit] > 0 > W2[and_unit]  # the output counts the AND unit negatively: as NAND


def test_numbers_quoted_in_notebook_05_learning_rate():
    from helpers.maths.network_experiments import SWEEP_ETAS

    X, y = xor_data()
    assert len(SWEEP_ETAS) == 21 and SWEEP_ETAS[0] == pytest.approx(0.01) and SWEEP_ETAS[-1] == pytest.approx(1000)
    assert DIVERGENCE_FACTOR == 10 and guess_loss(1) == pytest.approx(np.log(2))
    sweep = learning_rate_sweep(init_network((2, 2, 1), seed=0), X, y, SWEEP_ETAS, epochs=XOR_EPOCHS)
    etas = np.array(SWEEP_ETAS)
    final = np.array([run.loss[-1] for run in sweep])
    assert np.all(np.abs(final[etas < 0.2] - np.log(2)) < 0.01)  # "up to 0.2, within 0.01 of ln 2"
    finished = [i for i, run in enumerate(sweep) if run.diverged_at is None]
    assert etas[min(finished, key=lambda i: final[i])] == pytest.approx(10.0)  # "ends lowest at eta = 10"
    plateau = sweep[int(np.argmin(np.abs(np.log10(etas) - 1.25)))]  # eta ~ 18
    assert np.all(plateau.loss[50:500] > 2.0)  # "a saturated plateau for hundreds of epochs"
    tail = plateau.loss[-100:]
    np.testing.assert_allclose(tail[4:], tail[:-4], atol=2e-3)  # "bounces between the same four values"
    assert tail.max() - tail.min() > 0.3 and np.abs(tail[1:] - tail[:-1]).min() > 0.01
    for eta, run in zip(etas, sweep, strict=True):
        if eta > 50:
            assert run.diverged_at is not None and run.diverged_at <= 2  # "from 56 on, within two steps"
        else:
            assert run.diverged_at is None


def test_numbers_quoted_in_notebook_05_initialisation_layers_and_batches():
    X, y = two_circles(100, noise=0.1, seed=0)
    sizes, inits = (2, 8, 8, 8, 1), ["zero", 0.1, "lecun", "xavier", "he", 10.0]
    assert y.sum() == 50  # "with 50 points of each label"
    runs = initialisation_runs(sizes, X, y, inits, activation="tanh", epochs=1000, lr=0.3)
    spreads = {init: weighted_input_spread(init_network(sizes, init=init, activation="tanh"), X) for init in inits}
    assert runs["zero"].loss[-1] == pytest.approx(np.log(2), abs=1e-6)
    assert distinct_hidden_units(runs["zero"].network) == 1
    for rule in ("lecun", "xavier", "he"):
        assert runs[rule].loss[-1] < 0.01 and np.all((0.1 < spreads[rule]) & (spreads[rule] < 1))
    for bad in (0.1, 10.0):
        assert runs[bad].loss[-1] > 0.3
    assert np.all(np.diff(spreads[0.1]) < 0) and np.all(spreads[10.0] > 5)  # "loses signal", "saturated"
    from_zero = train_network(init_network((2, 8, 1), init="zero"), X, y, epochs=30, lr=1.0, batch_size=10)
    assert distinct_hidden_units(from_zero.network) == 1 and np.abs(from_zero.network.weights[0]).max() > 0.01

    deep = {name: train_network(deep_network(6, 16, name, seed=0), X, y, epochs=400, lr=0.1) for name in ACTIVATIONS}
    ratios = {name: gradient_per_weight(run, run.network.sizes)[0] for name, run in deep.items()}
    per_layer = (ratios["sigmoid"][-1] / ratios["sigmoid"][0]) ** (1 / 6)
    assert 5.5 < per_layer < 6.5  # "a factor of about six per layer"
    assert deep["sigmoid"].loss[-1] == pytest.approx(np.log(2), abs=1e-3)  # "never leaves ln 2"
    for name in ("tanh", "relu"):
        assert 0.1 < ratios[name][0] / ratios[name][-1] < 10 and deep[name].loss[-1] < 0.05

    X_rings, y_rings = two_circles(200, noise=0.1, seed=0)
    start = init_network((2, 8, 1), activation="tanh", seed=0)
    batches = batch_size_runs(start, X_rings, y_rings, [1, 5, 20, None], epochs=30, lr=0.5)
    assert batches[None].loss[-1] == pytest.approx(np.log(2), abs=0.02)  # "has barely left ln 2"
    assert batches[1].loss[-1] < 0.3 and batches[5].loss[-1] < 0.3  # "small batches are far along"
    jumps = [np.abs(np.diff(batches[size].loss[10:])).mean() for size in (1, 5, 20, None)]
    assert jumps == sorted(jumps, reverse=True)  # "the smaller the batch, the more the loss jumps about"
