"""The two neurons of the series and their activation functions.

A neuron takes inputs ``x``, weights ``w`` and a bias ``b``, forms the weighted
input ``z = w . x + b`` and passes it through an activation function:

* the **perceptron** uses the step function: it fires (1) when ``z > 0``;
* the **sigmoid neuron** uses ``sigma(z) = 1 / (1 + exp(-z))``: a smooth step.

Everything here accepts Python numbers, lists and numpy arrays.  A scalar in
gives a Python float out; an array in gives a float64 array of the same shape.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .validation import as_float_array, as_inputs, as_scalar, as_weights

HAND_ROUNDING = 1e-9
"""A weighted input within this of 0 is 0 for weights set by hand: 0.1 + 0.2 - 0.3 is 5.6e-17 in floating point."""

SIGMOID_PEAK_SLOPE = 0.25
"""The largest slope the sigmoid has: ``sigma'(0) = sigma(0) (1 - sigma(0)) = 1/4``."""


def _same_kind(result: np.ndarray) -> float | np.ndarray:
    """Return a Python float for a 0-d result, the array otherwise."""
    return float(result) if result.ndim == 0 else result


def step(z: Any) -> float | np.ndarray:
    """The perceptron's activation: 1.0 where ``z > 0``, else 0.0.

    Examples
    --------
    >>> step(0.3), step(0.0), step(-2)
    (1.0, 0.0, 0.0)
    """
    values = as_float_array(z, "z")
    return _same_kind(np.where(values > 0, 1.0, 0.0))


def snap_to_zero(z: Any) -> float | np.ndarray:
    """``z`` with every value within ``HAND_ROUNDING`` of 0 set to 0, as it is when weights are typed or slid.

    Examples
    --------
    >>> snap_to_zero(0.1 + 0.2 - 0.3), snap_to_zero(-0.5)
    (0.0, -0.5)
    """
    values = as_float_array(z, "z")
    return _same_kind(np.where(np.abs(values) < HAND_ROUNDING, 0.0, values))


def sigmoid(z: Any) -> float | np.ndarray:
    """The logistic sigmoid ``1 / (1 + exp(-z))``, computed without overflow.

    The textbook formula overflows in ``exp(-z)`` for ``z`` below about -709.
    We only ever take ``exp`` of a number that is not positive:

    * for ``z >= 0``: ``1 / (1 + exp(-z))``
    * for ``z < 0``:  ``exp(z) / (1 + exp(z))`` (the same value, rearranged)

    so no finite input warns, and ``sigmoid(-z) + sigmoid(z) == 1`` to within
    one rounding step.

    Examples
    --------
    >>> sigmoid(0)
    0.5
    >>> sigmoid(-1000)  # the textbook formula would overflow here
    0.0
    """
    return _same_kind(stable_sigmoid(as_float_array(z, "z")))


def stable_sigmoid(z: np.ndarray) -> np.ndarray:
    """The arithmetic of :func:`sigmoid` without input checks, for inner loops on float64 arrays."""
    with np.errstate(under="ignore"):
        exp_of_minus_abs = np.exp(-np.abs(z))  # in (0, 1]: never overflows
        return np.where(z >= 0, 1.0 / (1.0 + exp_of_minus_abs), exp_of_minus_abs / (1.0 + exp_of_minus_abs))


def sigmoid_prime(z: Any) -> float | np.ndarray:
    """The derivative ``sigma'(z) = sigma(z) * (1 - sigma(z))``.

    We compute it as ``sigma(z) * sigma(-z)``, which is the same quantity
    (``1 - sigma(z) = sigma(-z)``) but keeps its accuracy in the tails, where
    ``1 - sigma(z)`` would round to 0.  Its largest value is 0.25, at ``z = 0``.

    Examples
    --------
    >>> sigmoid_prime(0)
    0.25
    """
    values = as_float_array(z, "z")
    return _same_kind(np.asarray(sigmoid(values)) * np.asarray(sigmoid(-values)))


def weighted_input(x: Any, w: Any, b: Any) -> float | np.ndarray:
    """The weighted input ``z = w . x + b`` of one input (n,) or a batch (m, n)."""
    weights = as_weights(w)
    inputs = as_inputs(x, weights.size)
    bias = as_scalar(b, "b")
    return _same_kind(inputs @ weights + bias)


def perceptron(x: Any, w: Any, b: Any) -> float | np.ndarray:
    """A perceptron's output: ``step(w . x + b)``, so 1.0 or 0.0.

    Parameters
    ----------
    x : array_like, shape (n,) or (m, n)
        One input, or a batch of ``m`` inputs.
    w : array_like, shape (n,)
        The weights.
    b : float
        The bias (minus the threshold).

    Returns
    -------
    float or ndarray of shape (m,)

    Examples
    --------
    >>> perceptron([1, 1], w=[1, 1], b=-1.5)  # an AND gate
    1.0
    """
    return step(weighted_input(x, w, b))


def sigmoid_neuron(x: Any, w: Any, b: Any) -> float | np.ndarray:
    """A sigmoid neuron's output: ``sigmoid(w . x + b)``, a number in (0, 1).

    Takes the same arguments as :func:`perceptron`.

    Examples
    --------
    >>> round(sigmoid_neuron([0.7456], w=[2.0], b=-1.0), 4)
    0.6204
    """
    return sigmoid(weighted_input(x, w, b))


def textbook_sigmoid(z: Any) -> float | np.ndarray:
    """The sigmoid exactly as the formula reads, ``1 / (1 + exp(-z))``: **unsafe**, for comparison only.

    For ``z`` below about -709.78, ``exp(-z)`` overflows to infinity and numpy
    warns; the result then rounds to 0 even where the true value is representable.
    Use :func:`sigmoid` for real work.
    """
    values = as_float_array(z, "z")
    return _same_kind(1.0 / (1.0 + np.exp(-values)))


def relu(z: Any) -> float | np.ndarray:
    """The rectified linear unit ``max(0, z)``."""
    values = as_float_array(z, "z")
    return _same_kind(np.maximum(values, 0.0))
