"""How good is a neuron's output: accuracy, and whether its outputs behave like probabilities."""

from __future__ import annotations

from typing import Any

import numpy as np

from .validation import as_float_array, as_labels


def accuracy(outputs: Any, labels: Any) -> float:
    """Share of examples where the output, rounded at 0.5, equals the 0/1 label."""
    out = as_float_array(outputs, "outputs")
    return float(np.mean((out > 0.5) == (as_labels(labels, out.size) == 1)))


def reliability_curve(outputs: Any, labels: Any, bins: int = 5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group outputs into equal-width bins of [0, 1]; compare what they claim with what happens.

    Returns ``(mean_output, observed_rate, count)`` for the non-empty bins.  For
    a calibrated neuron the first two agree: of the examples given 0.8, 80% are 1s.
    """
    out = as_float_array(outputs, "outputs")
    if out.ndim != 1 or np.any((out < 0) | (out > 1)):
        raise ValueError(f"outputs must be a 1-D array of numbers in [0, 1], got shape {out.shape}")
    y = as_labels(labels, out.size)
    which = np.minimum((out * bins).astype(int), bins - 1)
    count = np.bincount(which, minlength=bins)
    filled = count > 0
    mean_output = np.bincount(which, weights=out, minlength=bins)[filled] / count[filled]
    observed = np.bincount(which, weights=y, minlength=bins)[filled] / count[filled]
    return mean_output, observed, count[filled]


def mean_squared_error(outputs: Any, labels: Any) -> float | np.ndarray:
    """Mean of ``(output - label)**2`` over the last axis (so a stack of output rows gives one error per row)."""
    out = as_float_array(outputs, "outputs")
    y = as_labels(labels, out.shape[-1])
    result = np.mean((out - y) ** 2, axis=-1)
    return float(result) if np.ndim(result) == 0 else result
