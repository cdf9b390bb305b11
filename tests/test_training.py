"""The trainer of one sigmoid neuron, its costs and gradients, and the max-margin direction."""

from __future__ import annotations

import time
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import sigmoid
from helpers.maths.datasets import overlapping_clusters, separable_around_line, weight_scaling_data
from helpers.maths.scaling import angle_between, max_margin_direction
from helpers.maths.training import (
    cost_gradient,
    cost_value,
    output_error,
    train_sigmoid_neuron,
    train_sigmoid_neuron_fast,
)

values = st.floats(-5.0, 5.0)


@given(values, values, values, st.integers(0, 1))
def test_cross_entropy_gradient_is_exactly_a_minus_y_times_x(x, w, b, label):
    X, y = np.array([[x, 1.5]]), np.array([float(label)])
    weights = np.array([w, -0.5])
    grad_w, grad_b = cost_gradient(X, y, weights, b, "cross_entropy")
    z = X[0] @ weights + b
    a_minus_y = -sigmoid(-z) if label == 1 else sigmoid(z)  # a - y without cancellation: 1 - sigma(z) = sigma(-z)
    np.testing.assert_allclose(grad_w, a_minus_y * X[0], rtol=1e-12, atol=1e-300)
    assert grad_b == pytest.approx(a_minus_y, rel=1e-12, abs=1e-300)


@settings(deadline=None)
@given(values, values, st.sampled_from(["cross_entropy", "quadratic"]))
def test_gradients_match_finite_differences_of_the_cost(w, b, cost):
    X, y = separable_around_line(6, seed=1)
    weights = np.array([w, 0.3])
    grad_w, grad_b = cost_gradient(X, y, weights, b, cost)
    h = 1e-6

    def c(wv, bv):
        return float(cost_value(X @ wv + bv, y, cost))

    numeric_w0 = (c(weights + [h, 0], b) - c(weights - [h, 0], b)) / (2 * h)
    numeric_b = (c(weights, b + h) - c(weights, b - h)) / (2 * h)
    assert grad_w[0] == pytest.approx(numeric_w0, rel=1e-5, abs=1e-9)
    assert grad_b == pytest.approx(numeric_b, rel=1e-5, abs=1e-9)


def test_costs_are_exact_in_the_tails():
    # Confidently right: log(1 + e^-40) = 4.25e-18 must not round to 0.
    assert cost_value(np.array([40.0]), np.array([1.0])) == pytest.approx(np.exp(-40.0), rel=1e-12)
    assert cost_value(np.array([-1000.0]), np.array([1.0])) == pytest.approx(1000.0)
    assert cost_value(np.array([3.0]), np.array([0.0]), "quadratic") == pytest.approx(sigmoid(3.0) ** 2 / 2)
    np.testing.assert_allclose(output_error(np.array([2.0]), np.array([0.0])), [sigmoid(2.0)])


def test_saturated_start_learns_slower_with_quadratic_cost():
    """Curriculum T4: one input x = 1, target 0, start w = b = 2 (output 0.98, badly wrong)."""
    X, y = np.array([[1.0]]), np.array([0.0])
    runs = {
        cost: train_sigmoid_neuron(X, y, epochs=1000, lr=0.15, w0=[2.0], b0=2.0, cost=cost)
        for cost in ("quadratic", "cross_entropy")
    }
    outputs = {cost: sigmoid(run.w[:, 0] + run.b) for cost, run in runs.items()}
    assert outputs["cross_entropy"][50] < 0.5 < outputs["quadratic"][50]

    def first_epoch_below(values: np.ndarray, level: float) -> int:
        below = np.flatnonzero(values < level)
        assert below.size, "never got there"
        return int(below[0])

    quadratic, cross_entropy = (first_epoch_below(outputs[c], 0.2) for c in ("quadratic", "cross_entropy"))
    assert 5 * cross_entropy < quadratic


def test_history_shapes_and_start_entry():
    X, y = separable_around_line(10)
    history = train_sigmoid_neuron(X, y, epochs=5, lr=0.5, w0=[0.1, -0.2], b0=0.3)
    assert history.w.shape == (6, 2) and history.b.shape == (6,)
    assert history.loss.shape == (6,) and history.accuracy.shape == (6,)
    np.testing.assert_array_equal(history.w[0], [0.1, -0.2])
    assert history.b[0] == 0.3 and history.epochs == 5
    assert history.loss[0] == pytest.approx(float(cost_value(X @ [0.1, -0.2] + 0.3, y)))


def test_one_epoch_is_one_gradient_step():
    X, y = separable_around_line(10, seed=4)
    history = train_sigmoid_neuron(X, y, epochs=1, lr=0.7, w0=[0.2, 0.1], b0=-0.4, weight_decay=0.01)
    grad_w, grad_b = cost_gradient(X, y, np.array([0.2, 0.1]), -0.4)
    np.testing.assert_allclose(history.w[1], np.array([0.2, 0.1]) - 0.7 * (grad_w + 0.01 * np.array([0.2, 0.1])))
    assert history.b[1] == pytest.approx(-0.4 - 0.7 * grad_b)


def test_training_is_deterministic():
    X, y = weight_scaling_data()
    first = train_sigmoid_neuron(X, y, epochs=50, lr=1.0)
    second = train_sigmoid_neuron(X, y, epochs=50, lr=1.0)
    np.testing.assert_array_equal(first.w, second.w)


def test_after_full_accuracy_weights_grow_direction_holds_and_loss_falls(weight_scaling_run):
    """Curriculum W5: the boundary stays, |w| keeps growing, the loss keeps falling."""
    _, _, history = weight_scaling_run
    start = history.first_epoch_with_accuracy(1.0)
    assert start is not None and start <= 100
    after = slice(start, None)
    assert np.all(history.accuracy[after] == 1.0)
    assert np.all(np.diff(history.weight_norm()[after]) > 0)
    assert np.all(np.diff(history.loss[after]) < 0)
    # The line settles within a few hundred epochs of the first perfect one; after that it barely turns.
    settled = 10 * start
    assert angle_between(history.w[settled:], history.w[-1]).max() < 2.0
    assert history.weight_norm()[-1] > 5 * history.weight_norm()[start]
    assert np.isfinite(history.loss).all() and history.loss[-1] > 0


def test_norm_grows_roughly_like_log_t(weight_scaling_run):
    """Curriculum W6: each factor of 10 in epochs adds roughly the same amount to |w|."""
    _, _, history = weight_scaling_run
    norms = history.weight_norm()[[1_000, 10_000, 100_000]]
    gains = np.diff(norms)
    assert 0.7 < gains[1] / gains[0] < 1.4


def test_direction_approaches_the_max_margin_separator(weight_scaling_run):
    X, y, history = weight_scaling_run
    direction = max_margin_direction(X, y)
    gaps = angle_between(np.column_stack([history.w, history.b])[[100, 1_000, 10_000, 100_000]], direction)
    assert np.all(np.diff(gaps) < 0), gaps
    assert gaps[-1] < 1.0


def test_weight_decay_keeps_the_norm_bounded():
    X, y = weight_scaling_data()
    history = train_sigmoid_neuron(X, y, epochs=40_000, lr=1.0, weight_decay=1e-3)
    norms = history.weight_norm()
    assert abs(norms[-1] - norms[20_000]) < 1e-3 * norms[-1]
    assert norms[-1] < 0.5 * train_sigmoid_neuron(X, y, epochs=40_000, lr=1.0).weight_norm()[-1]


def test_overlapping_data_converges_to_finite_weights():
    X, y = overlapping_clusters()
    history = train_sigmoid_neuron(X, y, epochs=40_000, lr=1.0)
    assert np.linalg.norm(history.w[-1] - history.w[20_000]) < 1e-6
    assert np.linalg.norm(cost_gradient(X, y, history.w[-1], history.b[-1])[0]) < 1e-8


def test_large_weights_stay_finite_and_silent():
    X, y = weight_scaling_data()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            history = train_sigmoid_neuron(X, y, epochs=500, lr=1.0, w0=[300.0, 300.0], b0=-900.0)
            train_sigmoid_neuron(X, 1 - y, epochs=50, lr=1.0, w0=[300.0, 300.0], b0=-900.0, cost="quadratic")
    assert np.isfinite(history.loss).all()


def test_trainer_is_fast_enough_for_a_notebook():
    """Guard against an accidental de-vectorisation, with a wide margin: 100,000 epochs on 100 points."""
    X, y = separable_around_line(100)
    start = time.process_time()
    train_sigmoid_neuron_fast(X, y, epochs=100_000, lr=1.0)
    assert time.process_time() - start < 15.0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lr": 0.0}, "lr must be positive"),
        ({"weight_decay": -1.0}, "weight_decay must be 0 or more"),
        ({"cost": "hinge"}, "cost must be one of"),
        ({"w0": [1.0]}, r"w0 must have shape \(2,\)"),
        ({"epochs": -3}, "epochs must be at least 0"),
    ],
)
def test_trainer_rejects_bad_arguments(kwargs, message):
    X, y = separable_around_line(5)
    arguments = {"epochs": 3, "lr": 1.0} | kwargs
    with pytest.raises(ValueError, match=message):
        train_sigmoid_neuron(X, y, **arguments)


def test_max_margin_direction_beats_every_other_direction():
    X, y = weight_scaling_data()
    direction = max_margin_direction(X, y)
    points = np.column_stack([X, np.ones(len(y))]) * (2 * y - 1)[:, None]
    best = np.min(points @ direction)
    rng = np.random.default_rng(0)
    others = rng.normal(size=(20_000, 3))
    others /= np.linalg.norm(others, axis=1, keepdims=True)
    assert best > 0
    assert np.max(np.min(points @ others.T, axis=0)) <= best + 1e-9


@pytest.mark.parametrize(
    "data",
    [
        overlapping_clusters(),
        (np.array([[1.0, 2.0], [1.0, 2.0]]), np.array([0.0, 1.0])),  # one point with both labels
        (np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]]), np.array([1.0, 0.0, 1.0])),  # on one line, mixed
    ],
    ids=["overlapping", "contradictory", "collinear"],
)
def test_max_margin_direction_tells_inseparable_data_at_once(data):
    max_margin_direction(*weight_scaling_data())  # load the solver first: only the decision is timed
    start = time.process_time()
    with pytest.raises(ValueError, match="not linearly separable"):
        max_margin_direction(*data)
    assert time.process_time() - start < 0.1


def test_max_margin_direction_of_one_class_points_it_all_to_one_side():
    X, y = np.array([[1.0, 1.0], [2.0, 3.0]]), np.array([1.0, 1.0])
    direction = max_margin_direction(X, y)
    assert np.all(np.column_stack([X, np.ones(2)]) @ direction > 0)


def test_max_margin_direction_matches_its_margin_on_notebook_04s_data():
    X, y = weight_scaling_data()
    direction = max_margin_direction(X, y)
    signed = np.column_stack([X, np.ones(len(y))]) * (2 * y - 1)[:, None]
    assert np.min(signed @ direction) / np.linalg.norm(direction[:2]) == pytest.approx(0.2944, abs=5e-5)


def test_histories_answer_questions_about_the_run():
    """What the notebooks ask of a run: how many epochs, and the first epoch at which something holds."""
    history = train_sigmoid_neuron(*weight_scaling_data(), epochs=200, lr=1.0)
    assert history.epochs == 200 and len(history.w) == len(history.b) == len(history.loss) == 201
    first = history.first_epoch_with_accuracy(1.0)
    assert first is not None and history.accuracy[first] == 1.0 and history.accuracy[first - 1] < 1.0
    assert history.first_epoch_where(history.loss < 0) is None


@settings(deadline=None, max_examples=25)
@given(
    st.integers(0, 10_000),
    st.sampled_from(["cross_entropy", "quadratic"]),
    st.sampled_from([0.0, 1e-3, 0.1]),
    st.floats(0.05, 3.0),
)
def test_the_fast_trainer_gives_the_readable_trainers_numbers(seed, cost, decay, lr):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(int(rng.integers(2, 30)), int(rng.integers(1, 4))))
    y = (rng.random(len(X)) < 0.5).astype(float)
    start = {"w0": rng.normal(size=X.shape[1]), "b0": float(rng.normal())}
    readable = train_sigmoid_neuron(X, y, epochs=300, lr=lr, weight_decay=decay, cost=cost, **start)
    fast = train_sigmoid_neuron_fast(X, y, epochs=300, lr=lr, weight_decay=decay, cost=cost, **start)
    for name in ("w", "b", "loss", "accuracy"):
        np.testing.assert_allclose(getattr(fast, name), getattr(readable, name), rtol=1e-9, atol=1e-12, err_msg=name)


def test_the_fast_trainer_agrees_over_notebook_04s_long_run(weight_scaling_run):
    X, y, fast = weight_scaling_run
    readable = train_sigmoid_neuron(X, y, epochs=100_000, lr=1.0)
    np.testing.assert_allclose(readable.w[-1], fast.w[-1], rtol=1e-9)
    np.testing.assert_allclose(readable.loss[::1000], fast.loss[::1000], rtol=1e-9)
