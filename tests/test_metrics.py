"""Accuracy, mean squared error and the reliability curve."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.maths.metrics import accuracy, mean_squared_error, reliability_curve


def test_accuracy_rounds_at_one_half():
    assert accuracy([0.2, 0.7, 0.5, 0.51], [0, 1, 1, 1]) == 0.75


def test_mean_squared_error_per_row():
    assert mean_squared_error([0.0, 1.0], [1, 1]) == 0.5
    np.testing.assert_allclose(mean_squared_error([[0.0, 1.0], [1.0, 1.0]], [1, 1]), [0.5, 0.0])


def test_reliability_curve_bins_claims_and_outcomes():
    outputs = np.array([0.05, 0.1, 0.85, 0.9, 0.95, 1.0])
    labels = np.array([0, 1, 1, 1, 0, 1])
    claimed, observed, count = reliability_curve(outputs, labels, bins=5)
    np.testing.assert_allclose(claimed, [0.075, 0.925])
    np.testing.assert_allclose(observed, [0.5, 0.75])
    np.testing.assert_array_equal(count, [2, 4])


def test_reliability_curve_rejects_values_outside_unit_interval():
    with pytest.raises(ValueError, match=r"numbers in \[0, 1\]"):
        reliability_curve([1.5], [1])
