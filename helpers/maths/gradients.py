"""Derivatives: numerical checks and how a neuron's output responds to its weights.

For a sigmoid neuron ``a = sigma(w . x + b)`` the chain rule gives

    da/dw_j = sigma'(z) * x_j        da/db = sigma'(z)

so a small change ``(dw, db)`` changes the output by about
``sigma'(z) * (x . dw + db)``: the linear estimate.  Gradient descent follows the
derivative of a cost downhill: ``w_j <- w_j - eta dC/dw_j``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .network import Network, cost_of
from .neuron import sigmoid_neuron, sigmoid_prime, weighted_input
from .training import cost_gradient
from .validation import as_dataset, as_float_array, as_inputs, as_positive_int, as_scalar, as_weights


def central_difference(f: Callable[[Any], Any], z: Any, h: float = 1e-5) -> float | np.ndarray:
    """Numerical derivative ``(f(z + h) - f(z - h)) / 2h``; its error shrinks like ``h**2``."""
    values = as_float_array(z, "z")
    if not h > 0:
        raise ValueError(f"h must be positive, got {h}")
    result = (np.asarray(f(values + h), dtype=np.float64) - np.asarray(f(values - h), dtype=np.float64)) / (2 * h)
    return float(result) if result.ndim == 0 else result


def output_gradient(x: Any, w: Any, b: Any) -> tuple[np.ndarray, float]:
    """``(da/dw, da/db)`` of one sigmoid neuron at one input ``x`` of shape (n,)."""
    weights = as_weights(w)
    inputs = as_inputs(x, weights.size)
    if inputs.ndim != 1:
        raise ValueError(f"output_gradient takes one input of shape (n,), got shape {inputs.shape}")
    slope = float(sigmoid_prime(weighted_input(inputs, weights, b)))
    return slope * inputs, slope


def linear_change_estimate(x: Any, w: Any, b: Any, delta_w: Any, delta_b: float = 0.0) -> tuple[float, float]:
    """The true change of a sigmoid neuron's output and its linear estimate, for a change ``(delta_w, delta_b)``.

    Returns ``(true_change, estimate)`` with
    ``estimate = sum_j (da/dw_j) delta_w_j + (da/db) delta_b``.
    """
    weights = as_weights(w)
    step_w = as_float_array(delta_w, "delta_w")
    if step_w.shape != weights.shape:
        raise ValueError(f"delta_w must have the shape of w {weights.shape}, got {step_w.shape}")
    step_b, bias = as_scalar(delta_b, "delta_b"), as_scalar(b, "b")
    grad_w, grad_b = output_gradient(x, weights, bias)
    true_change = float(sigmoid_neuron(x, weights + step_w, bias + step_b)) - float(sigmoid_neuron(x, weights, bias))
    return true_change, float(grad_w @ step_w + grad_b * step_b)


def finite_difference_gradient(
    net: Network, X: Any, y: Any, cost: str = "cross_entropy", h: float = 1e-6
) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """The gradient of :func:`cost_of` by central differences, one parameter at a time: a check on backprop.

    Each weight and bias is moved by ``+h`` and ``-h`` and ``(C(+h) - C(-h)) / 2h`` taken; the error of
    that estimate shrinks like ``h**2``. Slow (two costs per parameter), so for small networks only.
    """
    eta = as_scalar(h, "h")
    if eta <= 0:
        raise ValueError(f"h must be positive, got {eta}")
    params = [np.array(p) for p in (*net.weights, *net.biases)]
    L = len(net.weights)
    gradient = [np.zeros_like(p) for p in params]
    for which, p in enumerate(params):
        for index in np.ndindex(p.shape):
            costs = []
            for shift in (eta, -eta):
                moved = [q.copy() for q in params]
                moved[which][index] += shift
                costs.append(cost_of(Network(tuple(moved[:L]), tuple(moved[L:]), net.activation), X, y, cost))
            gradient[which][index] = (costs[0] - costs[1]) / (2 * eta)
    return tuple(gradient[:L]), tuple(gradient[L:])


def descend_one_weight(
    X: Any, y: Any, w: Any, b: Any, *, index: int = 0, lr: float, steps: int, cost: str = "quadratic"
) -> np.ndarray:
    """Gradient descent on the one weight ``w[index]``, every other weight and the bias held fixed.

    Each step is ``w_j <- w_j - lr * dC/dw_j`` on the mean cost over the data ``(X, y)``.
    Moving one weight keeps the picture one-dimensional; real training moves them all at once.

    Returns
    -------
    ndarray, shape (steps + 1,)
        ``w_j`` before the first step and after each step.
    """
    data, labels = as_dataset(X, y)
    weights, bias = as_weights(w).copy(), as_scalar(b, "b")
    if weights.shape != (data.shape[1],):
        raise ValueError(f"w must have shape ({data.shape[1]},) to match X {data.shape}, got {weights.shape}")
    if not 0 <= index < weights.size:
        raise ValueError(f"index must be in [0, {weights.size - 1}], got {index}")
    eta, steps = as_scalar(lr, "lr"), as_positive_int(steps, "steps")
    path = [weights[index]]
    for _ in range(steps):
        grad_w, _ = cost_gradient(data, labels, weights, bias, cost)
        weights[index] -= eta * grad_w[index]
        path.append(weights[index])
    return np.array(path)
