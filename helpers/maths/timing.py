"""How long an activation function takes: a fair timer for notebook 03's cost comparison."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from .neuron import relu, sigmoid
from .validation import as_positive_int


def time_activation(function: Callable[[np.ndarray], Any], z: np.ndarray, repeats: int = 7) -> float:
    """Best-of-``repeats`` wall time, in seconds, of one call of ``function(z)``."""
    best = np.inf
    for _ in range(as_positive_int(repeats, "repeats", allow_zero=False)):
        start = time.perf_counter()
        function(z)
        best = min(best, time.perf_counter() - start)
    return best


def sigmoid_to_relu_time_ratio(size: int = 2_000_000, repeats: int = 7, seed: int = 0) -> float:
    """How many times longer the sigmoid takes than ReLU on ``size`` standard normal numbers."""
    z = np.random.default_rng(seed).standard_normal(as_positive_int(size, "size", allow_zero=False))
    return time_activation(sigmoid, z, repeats) / time_activation(relu, z, repeats)
