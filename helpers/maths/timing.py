"""How long an activation function takes: a fair timer for notebook 03's cost comparison.

Three activations are timed on the same array, each as bare arithmetic (without the
input checks the helpers add, which would cost the same for all three):

* the plain formula ``1 / (1 + exp(-z))``: one ``exp``, one addition, one division;
* the helpers' overflow-safe sigmoid :func:`~helpers.maths.neuron.stable_sigmoid`: the same
  ``exp`` of ``-|z|``, plus the absolute value, both fractions for every number, and the choice
  between them (``np.where`` computes both branches);
* ReLU ``max(0, z)``: one comparison.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from .neuron import stable_sigmoid
from .validation import as_positive_int


def time_activation(function: Callable[[np.ndarray], Any], z: np.ndarray, repeats: int = 7) -> float:
    """Best-of-``repeats`` wall time, in seconds, of one call of ``function(z)``."""
    best = np.inf
    for _ in range(as_positive_int(repeats, "repeats", allow_zero=False)):
        start = time.perf_counter()
        function(z)
        best = min(best, time.perf_counter() - start)
    return best


def _plain_formula(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0)


TIMED_ACTIVATIONS = {
    "plain formula 1/(1+exp(-z))": _plain_formula,
    "stable sigmoid (helpers)": stable_sigmoid,
    "ReLU max(0, z)": _relu,
}


def activation_time_ratios(size: int = 2_000_000, repeats: int = 7, seed: int = 0) -> dict[str, float]:
    """How many times ReLU's time each activation of ``TIMED_ACTIVATIONS`` takes, on the same array.

    The array holds ``size`` standard normal numbers (none large enough to overflow the plain formula).
    The ratios depend on the machine and its load; ReLU's own entry is 1.
    """
    z = np.random.default_rng(seed).standard_normal(as_positive_int(size, "size", allow_zero=False))
    times = {name: time_activation(function, z, repeats) for name, function in TIMED_ACTIVATIONS.items()}
    reference = times["ReLU max(0, z)"]
    return {name: seconds / reference for name, seconds in times.items()}
