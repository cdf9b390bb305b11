"""Input checks shared by every helper.

Each function turns what a learner may pass (a Python number, a list, a numpy
array) into a float64 array, or raises a ``ValueError`` that says what is wrong
and which shapes it saw.  The maths modules call these first, so they never meet
a numpy broadcasting surprise.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def as_float_array(value: Any, name: str) -> np.ndarray:
    """Return ``value`` as a finite float64 array.

    Parameters
    ----------
    value : number, list or array
        What the caller passed.
    name : str
        The argument's name, used in error messages.

    Raises
    ------
    ValueError
        If ``value`` is not numeric or holds NaN or an infinity.
    """
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must hold numbers, got {value!r}") from error
    if not np.all(np.isfinite(array)):
        bad = "NaN" if np.any(np.isnan(array)) else "an infinite value"
        raise ValueError(f"{name} must be finite, but it holds {bad} (shape {array.shape})")
    return array


def as_scalar(value: Any, name: str) -> float:
    """Return ``value`` as a finite Python float, or raise ``ValueError``."""
    array = as_float_array(value, name)
    if array.ndim != 0:
        raise ValueError(f"{name} must be a single number, got an array of shape {array.shape}")
    return float(array)


def as_weights(w: Any) -> np.ndarray:
    """Return the weight vector ``w`` as a 1-D float64 array with at least one entry."""
    weights = as_float_array(w, "w")
    if weights.ndim != 1 or weights.size == 0:
        raise ValueError(f"w must be a 1-D vector of shape (n,) with n >= 1, got shape {weights.shape}")
    return weights


def as_inputs(x: Any, n_features: int) -> np.ndarray:
    """Return ``x`` as one input of shape (n,) or a batch of shape (m, n).

    Raises
    ------
    ValueError
        If ``x`` is not 1-D or 2-D, or its last axis does not have ``n_features`` entries.
    """
    inputs = as_float_array(x, "x")
    if inputs.ndim not in (1, 2):
        raise ValueError(f"x must be one input of shape (n,) or a batch of shape (m, n), got shape {inputs.shape}")
    if inputs.shape[-1] != n_features:
        raise ValueError(
            f"x has {inputs.shape[-1]} feature(s) per input (shape {inputs.shape}) "
            f"but w has {n_features} (shape ({n_features},))"
        )
    return inputs


def as_labels(y: Any, n_samples: int) -> np.ndarray:
    """Return 0/1 labels as a float64 array of shape (m,), or raise ``ValueError``."""
    labels = as_float_array(y, "y")
    if labels.shape != (n_samples,):
        raise ValueError(f"y must have shape ({n_samples},) to match X, got shape {labels.shape}")
    if not np.all((labels == 0) | (labels == 1)):
        raise ValueError(f"y must hold only the labels 0 and 1, got {np.unique(labels)}")
    return labels


def as_dataset(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """Return a data set ``X`` of shape (m, n) and its 0/1 labels ``y`` of shape (m,)."""
    data = as_float_array(X, "X")
    if data.ndim != 2 or data.shape[0] == 0 or data.shape[1] == 0:
        raise ValueError(f"X must be a non-empty batch of shape (m, n), got shape {data.shape}")
    return data, as_labels(y, data.shape[0])


def as_positive_int(value: Any, name: str, *, allow_zero: bool = True) -> int:
    """Return ``value`` as a non-negative (or positive) int, or raise ``ValueError``."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    smallest = 0 if allow_zero else 1
    if value < smallest:
        raise ValueError(f"{name} must be at least {smallest}, got {value}")
    return int(value)
