"""Input checks: every helper's first line of defence."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.maths.validation import (
    as_dataset,
    as_float_array,
    as_inputs,
    as_labels,
    as_positive_int,
    as_scalar,
    as_weights,
)


def test_as_float_array_converts_and_rejects():
    np.testing.assert_array_equal(as_float_array([1, 2], "x"), [1.0, 2.0])
    assert as_float_array(True, "x").dtype == np.float64
    with pytest.raises(ValueError, match="x must be finite, but it holds NaN"):
        as_float_array([1, np.nan], "x")
    with pytest.raises(ValueError, match="an infinite value"):
        as_float_array(-np.inf, "x")
    with pytest.raises(ValueError, match="x must hold numbers"):
        as_float_array({"a": 1}, "x")


def test_as_scalar():
    assert as_scalar(np.float32(2.5), "b") == 2.5
    with pytest.raises(ValueError, match=r"b must be a single number, got an array of shape \(1,\)"):
        as_scalar([1.0], "b")


def test_as_weights_and_inputs():
    assert as_weights([1, 2]).shape == (2,)
    with pytest.raises(ValueError, match=r"got shape \(\)"):
        as_weights(3.0)
    assert as_inputs([[1, 2]], 2).shape == (1, 2)
    with pytest.raises(ValueError, match=r"x has 1 feature\(s\)"):
        as_inputs([[1], [2]], 2)


def test_as_labels_and_dataset():
    np.testing.assert_array_equal(as_labels([0, 1, True], 3), [0.0, 1.0, 1.0])
    with pytest.raises(ValueError, match=r"only the labels 0 and 1, got \[0.  0.5\]"):
        as_labels([0, 0.5], 2)
    X, y = as_dataset([[1, 2], [3, 4]], [0, 1])
    assert X.shape == (2, 2) and y.shape == (2,)
    with pytest.raises(ValueError, match="non-empty batch"):
        as_dataset(np.empty((0, 2)), [])


def test_as_positive_int():
    assert as_positive_int(np.int64(3), "n") == 3
    assert as_positive_int(0, "n") == 0
    with pytest.raises(ValueError, match="n must be at least 1"):
        as_positive_int(0, "n", allow_zero=False)
    with pytest.raises(ValueError, match="whole number"):
        as_positive_int(True, "n")
