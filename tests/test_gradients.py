"""Derivatives of a sigmoid neuron, and how good the linear estimate of a change is."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import sigmoid, sigmoid_neuron
from helpers.maths.datasets import two_clusters
from helpers.maths.gradients import central_difference, descend_one_weight, linear_change_estimate, output_gradient
from helpers.maths.neuron import textbook_sigmoid

small = st.floats(-3.0, 3.0)


def test_central_difference_of_known_functions():
    assert central_difference(np.sin, 0.3) == pytest.approx(np.cos(0.3), rel=1e-9)
    np.testing.assert_allclose(central_difference(np.exp, np.array([0.0, 1.0])), np.exp([0.0, 1.0]), rtol=1e-9)
    with pytest.raises(ValueError, match="h must be positive"):
        central_difference(np.sin, 0.0, h=0.0)


@given(small, small, small, small, small)
def test_output_gradient_matches_finite_differences(x1, x2, w1, w2, b):
    x, w = np.array([x1, x2]), np.array([w1, w2])
    grad_w, grad_b = output_gradient(x, w, b)
    for j in range(2):
        numeric = central_difference(lambda t, j=j: sigmoid_neuron(x, np.where(np.arange(2) == j, t, w), b), w[j])
        assert grad_w[j] == pytest.approx(numeric, rel=1e-6, abs=1e-10)
    assert grad_b == pytest.approx(central_difference(lambda t: sigmoid_neuron(x, w, t), b), rel=1e-6, abs=1e-10)


def test_output_gradient_rejects_a_batch():
    with pytest.raises(ValueError, match=r"one input of shape \(n,\)"):
        output_gradient([[1.0, 2.0]], [1.0, 1.0], 0.0)


def estimate_errors(x, w, b, direction, deltas):
    errors = []
    for delta in deltas:
        true_change, estimate = linear_change_estimate(x, w, b, delta * np.array(direction))
        errors.append(abs(true_change - estimate))
    return np.array(errors)


DELTAS = 0.1 / 2.0 ** np.arange(8)


@pytest.mark.parametrize(
    ("x", "w", "b", "direction"),
    [([1.0, 0.5], [0.8, -0.6], 0.5, [1.0, 0.0]), ([0.7456, -2.0], [1.5, 0.3], 0.2, [0.6, -0.8])],
)
def test_linear_estimate_error_is_order_delta_squared(x, w, b, direction):
    """Away from z = 0 (where sigma'' is not 0), halving the step quarters the error."""
    errors = estimate_errors(x, w, b, direction, DELTAS)
    np.testing.assert_allclose(errors[:-1] / errors[1:], 4.0, rtol=0.05)
    scaled = errors / DELTAS**2
    assert scaled.max() / scaled.min() < 1.3
    assert errors[-1] < 1e-6


@given(small, small, small, small, small)
def test_linear_estimate_error_is_at_most_order_delta_squared(x1, x2, w1, w2, b):
    """Everywhere the error is bounded by C delta^2 with C = max|sigma''| |x|^2 / 2 < 0.05 |x|^2."""
    x = np.array([x1, x2])
    errors = estimate_errors(x, [w1, w2], b, [0.6, 0.8], DELTAS)
    bound = 0.05 * (x @ x) * DELTAS**2 + 1e-15
    assert np.all(errors <= bound)


def test_at_z_zero_the_error_is_even_third_order():
    """sigma''(0) = 0, so at the boundary the quadratic term vanishes: halving the step divides by 8."""
    errors = estimate_errors([1.0, 0.5], [0.8, -0.6], -0.5, [1.0, 0.0], DELTAS[:5])
    np.testing.assert_allclose(errors[:-1] / errors[1:], 8.0, rtol=0.05)


def test_linear_estimate_includes_the_bias():
    true_change, estimate = linear_change_estimate([0.0], [1.0], 0.0, [0.0], delta_b=1e-4)
    assert estimate == pytest.approx(0.25e-4, rel=1e-12)
    assert true_change == pytest.approx(estimate, rel=1e-4)
    with pytest.raises(ValueError, match=r"delta_w must have the shape of w \(1,\)"):
        linear_change_estimate([0.0], [1.0], 0.0, [0.0, 1.0])


def test_textbook_sigmoid_overflows_where_the_stable_one_does_not():
    with pytest.warns(RuntimeWarning, match="overflow"):
        naive = textbook_sigmoid(-720.0)
    assert naive == 0.0
    assert sigmoid(-720.0) == pytest.approx(np.exp(-720.0), rel=1e-12)
    assert textbook_sigmoid(2.0) == pytest.approx(sigmoid(2.0), rel=1e-15)


def test_descend_one_weight_steps_down_a_numerical_slope():
    """Each step is w1 - eta * dC/dw1, with the slope of the quadratic cost taken numerically from scratch."""
    X, y = two_clusters(6)
    w, b, eta = np.array([-1.5, 1.0]), -3.0, 8.0

    def cost(w1: float) -> float:
        outputs = 1.0 / (1.0 + np.exp(-(X @ np.array([w1, 1.0]) + b)))
        return float(np.mean((outputs - y) ** 2) / 2)

    path = descend_one_weight(X, y, w, b, index=0, lr=eta, steps=4)
    assert path.shape == (5,) and path[0] == -1.5
    for before, after in zip(path[:-1], path[1:], strict=True):
        slope = (cost(before + 1e-6) - cost(before - 1e-6)) / 2e-6
        assert after == pytest.approx(before - eta * slope, abs=1e-7)
        assert cost(after) < cost(before)
    assert w[0] == -1.5, "the caller's weights are left alone"


def test_descend_one_weight_rejects_bad_arguments():
    X, y = two_clusters(3)
    with pytest.raises(ValueError, match="index must be in"):
        descend_one_weight(X, y, [1.0, 1.0], 0.0, index=2, lr=1.0, steps=1)
    with pytest.raises(ValueError, match="w must have shape"):
        descend_one_weight(X, y, [1.0, 1.0, 1.0], 0.0, lr=1.0, steps=1)
