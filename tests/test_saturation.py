"""Saturation helpers: chain gradients, saturated share, descent paths, timing."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import relu, sigmoid, sigmoid_prime
from helpers.maths.saturation import (
    chain_bias_gradients,
    chain_forward,
    chain_parameters,
    gradient_path,
    initial_weights,
    layer_preactivations,
    same_sign_share,
    saturated_share,
    teacher_task,
    zigzag_task,
)
from helpers.maths.timing import TIMED_ACTIVATIONS, activation_time_ratios, time_activation


@settings(deadline=None)
@given(
    st.lists(st.floats(-4.0, 4.0), min_size=1, max_size=8),
    st.floats(-3.0, 3.0),
    st.floats(0.0, 1.0),
)
def test_chain_gradient_matches_finite_differences(weights, bias, x):
    weights = np.array(weights)
    biases = np.full(len(weights), bias)
    gradients = chain_bias_gradients(x, weights, biases)
    h = 1e-6
    for layer in range(len(weights)):
        up, down = biases.copy(), biases.copy()
        up[layer] += h
        down[layer] -= h
        numeric = (chain_forward(x, weights, up)[1][-1] - chain_forward(x, weights, down)[1][-1]) / (2 * h)
        # The difference quotient's rounding noise is about 2 eps |a_L| / 2h ~ 2e-10.
        assert gradients[layer] == pytest.approx(numeric, rel=1e-5, abs=5e-10)


def test_each_layer_multiplies_by_w_sigma_prime():
    weights, biases = chain_parameters(6, 1.0)
    gradients = chain_bias_gradients(0.5, weights, biases)
    np.testing.assert_allclose(gradients[:-1] / gradients[1:], 0.25, rtol=1e-12)  # z = 0 everywhere
    weights, biases = chain_parameters(6, 4.0)
    np.testing.assert_allclose(chain_bias_gradients(0.5, weights, biases), 0.25, rtol=1e-12)


def test_saturating_offset_makes_gradients_vanish_faster():
    centred = chain_bias_gradients(0.5, *chain_parameters(10, 2.0, 0.0))[0]
    pushed = chain_bias_gradients(0.5, *chain_parameters(10, 2.0, 4.0))[0]
    assert pushed < centred * 1e-6


def test_chain_rejects_mismatched_biases():
    with pytest.raises(ValueError, match=r"biases must have the shape of weights \(2,\)"):
        chain_forward(0.5, [1.0, 1.0], [0.0])


def test_saturated_share_grows_with_init_scale():
    shares = [saturated_share(layer_preactivations(scale)) for scale in (0.02, 0.1, 0.3, 1.0)]
    assert shares[0] == 0.0 and shares[1] < 0.01
    assert shares[2] < shares[3]
    assert 0.6 < shares[3] < 0.75  # |z| > 4 with sd 10: about 69%
    assert saturated_share([-5.0, 0.0, 3.9, 4.1]) == 0.5


def test_positive_inputs_force_same_sign_steps():
    X, y = zigzag_task(0.0)
    assert X.min() > 0
    path = gradient_path(X, y, [0.0, 0.0], lr=0.5, steps=80)
    assert same_sign_share(path) == 1.0
    centred_path = gradient_path(*zigzag_task(1.0), [0.0, 0.0], lr=0.5, steps=80)
    assert same_sign_share(centred_path) < 0.7
    assert path.shape == (81, 2) and np.all(path[0] == 0)


def test_same_sign_share_counts_only_moving_steps():
    assert same_sign_share([[0, 0], [1, 1], [1, 1], [0, 2]]) == 0.5


def test_time_ratios_cover_the_three_activations_relative_to_relu():
    ratios = activation_time_ratios(size=10_000, repeats=2)
    assert list(ratios) == list(TIMED_ACTIVATIONS) and ratios["ReLU max(0, z)"] == 1.0
    assert all(ratio > 0 for ratio in ratios.values())


def test_the_timed_activations_compute_what_they_are_named():
    z = np.linspace(-30.0, 30.0, 601)
    for name, function in TIMED_ACTIVATIONS.items():
        expected = relu(z) if name.startswith("ReLU") else sigmoid(z)
        np.testing.assert_allclose(function(z), expected, rtol=1e-12, atol=1e-300, err_msg=name)


def test_relu():
    np.testing.assert_array_equal(relu([-1.0, 0.0, 2.5]), [0.0, 0.0, 2.5])
    assert relu(-3) == 0.0 and sigmoid_prime(0) == 0.25


def test_teacher_task_is_learnable_and_seeded():
    X, y = teacher_task(n_inputs=5, n_samples=30)
    assert X.shape == (30, 5) and set(np.unique(y)) <= {0.0, 1.0}
    np.testing.assert_array_equal(teacher_task(5, 30)[0], X)
    w = initial_weights(0.5, 5)
    assert w.shape == (5,) and np.array_equal(w, initial_weights(0.5, 5))
    np.testing.assert_allclose(initial_weights(1.0, 5), 2 * initial_weights(0.5, 5))


def test_time_activation_returns_seconds():
    assert 0 < time_activation(relu, np.zeros(1000), repeats=3) < 1.0
