"""The core maths: step, sigmoid, its derivative, and the two neurons.

The sigmoid is checked against a 50-digit reference computed with ``decimal``,
so the tests do not trust numpy to check numpy.
"""

from __future__ import annotations

import decimal
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from helpers import perceptron, sigmoid, sigmoid_neuron, sigmoid_prime, step, weighted_input
from helpers.maths.neuron import HAND_ROUNDING, snap_to_zero

EPS = np.finfo(np.float64).eps
finite_floats = st.floats(allow_nan=False, allow_infinity=False, width=64)
moderate_floats = st.floats(min_value=-700.0, max_value=700.0, allow_nan=False)


def reference_sigmoid(z: float) -> float:
    """sigma(z) to 50 significant digits, rounded once to float64."""
    with decimal.localcontext() as context:
        context.prec = 50
        return float(1 / (1 + decimal.Decimal(-z).exp()))


# --- step ---------------------------------------------------------------


def test_step_is_one_only_for_positive_z():
    assert step(0.3) == 1.0
    assert step(0.0) == 0.0
    assert step(-0.0) == 0.0
    assert step(-2) == 0.0
    np.testing.assert_array_equal(step([-1.0, 0.0, 1e-300]), [0.0, 0.0, 1.0])


def test_step_returns_python_float_for_scalars_and_arrays_for_arrays():
    assert type(step(1)) is float
    out = step(np.zeros((2, 3)))
    assert isinstance(out, np.ndarray) and out.shape == (2, 3) and out.dtype == np.float64


# --- sigmoid ------------------------------------------------------------


@pytest.mark.parametrize("z", [0.0, 1e-8, 0.5, 1.0, -1.0, 5.0, -5.0, 20.0, -20.0, 36.7, -36.7, 100.0, -700.0])
def test_sigmoid_matches_high_precision_reference(z):
    expected = reference_sigmoid(z)
    assert sigmoid(z) == pytest.approx(expected, rel=4 * EPS, abs=0.0)


@given(moderate_floats)
def test_sigmoid_matches_reference_everywhere(z):
    expected = reference_sigmoid(z)
    assert abs(sigmoid(z) - expected) <= 4 * EPS * expected


@pytest.mark.parametrize("z", [1000.0, -1000.0, 1e308, -1e308, 709.8, -709.8, -745.2, 1.7976931348623157e308])
def test_sigmoid_never_warns_at_extremes(z):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):  # even a learner's strict numpy setting
            value = sigmoid(z)
    assert 0.0 <= value <= 1.0
    assert value == (1.0 if z > 0 else pytest.approx(0.0, abs=1e-300))


def test_sigmoid_known_values():
    assert sigmoid(0) == 0.5
    assert sigmoid(100) == 1.0
    assert sigmoid(-100) == pytest.approx(3.720075976020836e-44, rel=1e-12)  # e^-100, curriculum S2


@given(finite_floats)
def test_sigmoid_is_bounded(z):
    assert 0.0 <= sigmoid(z) <= 1.0


@given(finite_floats)
def test_sigmoid_symmetry(z):
    """sigma(-z) = 1 - sigma(z): the two halves add to 1 within one rounding step."""
    assert abs(sigmoid(z) + sigmoid(-z) - 1.0) <= EPS


@given(finite_floats, finite_floats)
def test_sigmoid_is_monotone(a, b):
    low, high = sorted((a, b))
    assert sigmoid(low) <= sigmoid(high)


@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=5), elements=finite_floats))
def test_sigmoid_keeps_shape_and_dtype(z):
    out = sigmoid(z)
    if z.ndim == 0:
        assert type(out) is float
    else:
        assert out.shape == z.shape and out.dtype == np.float64


def test_sigmoid_accepts_lists_and_integers():
    np.testing.assert_allclose(sigmoid([0, 1, -1]), [0.5, 0.7310585786300049, 0.2689414213699951], rtol=1e-15)
    assert type(sigmoid(np.float32(0.0))) is float


# --- sigmoid_prime ------------------------------------------------------


def test_sigmoid_prime_peak_and_tails():
    assert sigmoid_prime(0) == 0.25
    assert sigmoid_prime(5) == pytest.approx(6.648056670790155e-3, rel=1e-12)  # curriculum T1
    assert sigmoid_prime(10) == pytest.approx(4.539580773595167e-5, rel=1e-12)
    assert sigmoid_prime(-1e308) == 0.0 and sigmoid_prime(1e308) == 0.0


@given(st.floats(min_value=-30.0, max_value=30.0))
def test_sigmoid_prime_matches_central_difference(z):
    h = 1e-5
    numeric = (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)
    # Truncation error ~h^2 (relative 1e-10); rounding error ~eps/h = 2e-11 absolute.
    assert sigmoid_prime(z) == pytest.approx(numeric, rel=1e-6, abs=5e-11)


@given(finite_floats)
def test_sigmoid_prime_is_sigma_times_one_minus_sigma(z):
    s = sigmoid(z)
    # The reference s * (1 - s) itself carries the rounding of 1 - s (about eps * s absolute).
    assert sigmoid_prime(z) == pytest.approx(s * (1 - s), rel=1e-12, abs=2 * EPS * s)
    assert 0.0 <= sigmoid_prime(z) <= 0.25
    assert sigmoid_prime(z) == sigmoid_prime(-z)


def test_sigmoid_prime_tail_keeps_accuracy():
    # 1 - sigma(40) rounds to 0 in float64; the true derivative is about e^-40.
    assert sigmoid_prime(40.0) == pytest.approx(np.exp(-40.0), rel=1e-12)


# --- neurons ------------------------------------------------------------


def test_perceptron_and_gate():
    X = [[0, 0], [0, 1], [1, 0], [1, 1]]
    np.testing.assert_array_equal(perceptron(X, [1, 1], -1.5), [0, 0, 0, 1])
    assert perceptron([1, 1], [1, 1], -1.5) == 1.0
    assert type(perceptron([1, 1], [1, 1], -1.5)) is float


def test_sigmoid_neuron_matches_formula():
    x, w, b = np.array([0.7456, -1.2]), np.array([2.0, 0.5]), -1.0
    expected = 1.0 / (1.0 + np.exp(-(w @ x) - b))
    assert sigmoid_neuron(x, w, b) == pytest.approx(expected, rel=1e-15)
    batch = np.array([[0.7456, -1.2], [3.0, 4.0], [0.0, 0.0]])
    out = sigmoid_neuron(batch, w, b)
    assert out.shape == (3,)
    np.testing.assert_allclose(out, 1 / (1 + np.exp(-(batch @ w) - b)), rtol=1e-15)


def test_weighted_input_one_and_batch():
    assert weighted_input([1, 2], [3, 4], 5) == 16.0
    np.testing.assert_array_equal(weighted_input([[1, 2], [0, 0]], [3, 4], 5), [16.0, 5.0])


@given(
    hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 4)), elements=st.floats(-1e3, 1e3)),
    st.floats(-1e3, 1e3),
)
def test_sigmoid_neuron_agrees_with_perceptron_away_from_boundary(X, b):
    w = np.ones(X.shape[1])
    z = X @ w + b
    far = np.abs(z) > 40
    np.testing.assert_array_equal(np.round(sigmoid_neuron(X, w, b))[far], perceptron(X, w, b)[far])


@pytest.mark.parametrize(
    ("x", "w", "b", "message"),
    [
        ([1, 2, 3], [1, 2], 0, r"x has 3 feature\(s\) per input \(shape \(3,\)\) but w has 2"),
        ([[1, 2, 3]], [1, 2], 0, r"shape \(1, 3\)"),
        (np.zeros((2, 2, 2)), [1, 2], 0, r"or a batch of shape \(m, n\), got shape \(2, 2, 2\)"),
        ([1, 2], [[1, 2]], 0, r"w must be a 1-D vector .* got shape \(1, 2\)"),
        ([1, 2], [np.nan, 1], 0, r"w must be finite, but it holds NaN"),
        ([1, 2], [np.inf, 1], 0, r"w must be finite, but it holds an infinite value"),
        ([1, 2], [1, 1], np.nan, r"b must be finite"),
        ([1, 2], [1, 1], [1, 2], r"b must be a single number, got an array of shape \(2,\)"),
        ([1, "a"], [1, 1], 0, r"x must hold numbers"),
        ([1.0], [], 0, r"w must be a 1-D vector of shape \(n,\) with n >= 1"),
    ],
)
@pytest.mark.parametrize("neuron", [perceptron, sigmoid_neuron])
def test_neurons_reject_bad_input_with_clear_messages(neuron, x, w, b, message):
    with pytest.raises(ValueError, match=message):
        neuron(x, w, b)


@pytest.mark.parametrize("function", [step, sigmoid, sigmoid_prime])
def test_activations_reject_nan_and_text(function):
    with pytest.raises(ValueError, match="z must be finite"):
        function([0.0, np.nan])
    with pytest.raises(ValueError, match="z must hold numbers"):
        function("zero")


def test_snap_to_zero_clears_only_floating_point_dust():
    assert 0.1 + 0.2 - 0.3 != 0.0 and snap_to_zero(0.1 + 0.2 - 0.3) == 0.0
    np.testing.assert_array_equal(snap_to_zero([-HAND_ROUNDING / 2, 2 * HAND_ROUNDING, -0.5]), [0.0, 2e-9, -0.5])
    with pytest.raises(ValueError):
        snap_to_zero([np.nan])
