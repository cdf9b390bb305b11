"""Saturation: where the sigmoid's slope vanishes, and what that does to learning.

A unit is *saturated* when its weighted input is far from 0, where
``sigma'(z)`` is tiny.  We call ``|z| > 4`` saturated: there ``sigma'(z)`` is below
``sigma'(4) = 0.0177``, which is 7.07% of its peak 0.25.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .neuron import sigmoid_prime, stable_sigmoid
from .training import output_error
from .validation import as_dataset, as_float_array, as_positive_int, as_scalar, as_weights

SATURATION_THRESHOLD = 4.0


def saturated_share(z: Any, threshold: float = SATURATION_THRESHOLD) -> float:
    """Share of weighted inputs with ``|z| > threshold``."""
    values = as_float_array(z, "z")
    return float(np.mean(np.abs(values) > threshold))


def chain_forward(x: float, weights: Any, biases: Any) -> tuple[np.ndarray, np.ndarray]:
    """Run a chain of one-input sigmoid units: ``z_l = w_l a_(l-1) + b_l``, ``a_l = sigma(z_l)``, ``a_0 = x``.

    Returns the weighted inputs ``z`` and the outputs ``a`` of the layers 1..L.
    """
    w, b = as_weights(weights), as_float_array(biases, "biases")
    if b.shape != w.shape:
        raise ValueError(f"biases must have the shape of weights {w.shape}, got {b.shape}")
    a, zs, outputs = as_scalar(x, "x"), np.empty_like(w), np.empty_like(w)
    for layer, (w_l, b_l) in enumerate(zip(w, b, strict=True)):
        zs[layer] = w_l * a + b_l
        a = float(stable_sigmoid(np.array(zs[layer])))
        outputs[layer] = a
    return zs, outputs


def chain_bias_gradients(x: float, weights: Any, biases: Any) -> np.ndarray:
    """``d a_L / d b_l`` for every layer l of a chain of sigmoid units (backpropagation).

    By the chain rule, ``d a_L / d b_l = sigma'(z_l) * prod_(k > l) w_k sigma'(z_k)``: every later
    layer multiplies the gradient by ``w_k sigma'(z_k)``, and ``sigma' <= 1/4``.
    """
    w = as_weights(weights)
    zs, _ = chain_forward(x, w, biases)
    slopes = np.asarray(sigmoid_prime(zs))
    gradients = np.empty_like(w)
    running = 1.0
    for layer in range(len(w) - 1, -1, -1):
        gradients[layer] = running * slopes[layer]
        running = gradients[layer] * w[layer]
    return gradients


def chain_parameters(depth: int, weight_scale: float, offset: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Weights and biases of the chain in the dashboard: every ``w = weight_scale``, ``b = offset - weight_scale / 2``.

    With the input 0.5 and ``offset = 0`` every unit sits at ``z = 0`` (slope 1/4); the offset pushes them off centre.
    """
    depth = as_positive_int(depth, "depth", allow_zero=False)
    scale, shift = as_scalar(weight_scale, "weight_scale"), as_scalar(offset, "offset")
    return np.full(depth, scale), np.full(depth, shift - scale / 2)


def layer_preactivations(
    init_scale: float, *, n_inputs: int = 100, n_units: int = 100, n_samples: int = 50, seed: int = 0
) -> np.ndarray:
    """Weighted inputs of a layer whose weights are drawn from ``N(0, init_scale**2)``, for standard normal inputs.

    Each ``z`` sums ``n_inputs`` terms, so its spread is ``init_scale * sqrt(n_inputs)``.
    """
    rng = np.random.default_rng(seed)
    inputs = rng.standard_normal((n_samples, n_inputs))
    weights = rng.standard_normal((n_inputs, n_units)) * as_scalar(init_scale, "init_scale")
    return (inputs @ weights).ravel()


def teacher_task(n_inputs: int = 50, n_samples: int = 200, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Inputs and 0/1 labels given by a random 'teacher' line through the origin: a task one neuron can learn."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_inputs))
    teacher = rng.standard_normal(n_inputs)
    return X, (X @ teacher > 0).astype(np.float64)


def initial_weights(init_scale: float, n_inputs: int, seed: int = 1) -> np.ndarray:
    """Starting weights drawn from ``N(0, init_scale**2)`` (seeded)."""
    return np.random.default_rng(seed).standard_normal(n_inputs) * as_scalar(init_scale, "init_scale")


def gradient_path(X: Any, y: Any, w0: Any, *, lr: float, steps: int) -> np.ndarray:
    """Path of a bias-free sigmoid neuron's weights under per-example gradient descent (cross-entropy).

    Step ``k`` uses example ``k mod m``: ``w <- w - lr (a - y) x``.  Every step is a multiple of one
    input ``x``; when all inputs are positive, all components of a step share one sign.

    Returns
    -------
    ndarray, shape (steps + 1, n)
    """
    data, labels = as_dataset(X, y)
    w = as_weights(w0).copy()
    eta, steps = as_scalar(lr, "lr"), as_positive_int(steps, "steps")
    path = np.empty((steps + 1, w.size))
    path[0] = w
    for k in range(steps):
        x_k, y_k = data[k % len(labels)], labels[k % len(labels)]
        w = w - eta * float(output_error(np.array([x_k @ w]), np.array([y_k]))[0]) * x_k
        path[k + 1] = w
    return path


def zigzag_task(centring: float, n_samples: int = 40, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Positive inputs in (0, 1)^2 (like sigmoid outputs), shifted by ``centring`` times their mean.

    ``centring = 0`` keeps them all positive; ``centring = 1`` centres them on 0.  The labels come
    from the line ``x1 = x2`` through the data's centre, so the best weights point along (1, -1).
    """
    rng = np.random.default_rng(seed)
    X = rng.uniform(0.05, 0.95, size=(n_samples, 2))
    y = (X[:, 0] > X[:, 1]).astype(np.float64)
    return X - as_scalar(centring, "centring") * X.mean(axis=0), y


def same_sign_share(path: np.ndarray) -> float:
    """Share of steps along a path whose components all move in the same direction."""
    steps = np.diff(np.asarray(path, dtype=np.float64), axis=0)
    moving = np.any(steps != 0, axis=1)
    same = np.all(steps >= 0, axis=1) | np.all(steps <= 0, axis=1)
    return float(np.mean(same[moving])) if moving.any() else 0.0
