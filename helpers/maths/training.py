"""Training one sigmoid neuron by gradient descent: the one trainer of the series.

Full-batch gradient descent on the mean cost over ``m`` examples, with either

* the **cross-entropy** cost ``C = -mean(y ln a + (1 - y) ln(1 - a))``, whose
  gradient is ``dC/dw = mean((a - y) x)``: no ``sigma'(z)`` factor; or
* the **quadratic** cost ``C = mean((a - y)**2) / 2``, whose gradient
  ``mean((a - y) sigma'(z) x)`` carries ``sigma'(z)``, so a saturated neuron learns slowly;

plus an optional L2 weight decay ``(lambda / 2) |w|**2`` (on the weights, not the bias).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .history import ParameterHistory
from .validation import as_dataset, as_positive_int, as_scalar, as_weights

COSTS = ("cross_entropy", "quadratic")


def _check_cost(cost: str) -> str:
    if cost not in COSTS:
        raise ValueError(f"cost must be one of {COSTS}, got {cost!r}")
    return cost


def cost_value(z: Any, y: Any, cost: str = "cross_entropy") -> np.ndarray:
    """Mean cost over the last axis, from weighted inputs ``z`` (shape (..., m)) and labels ``y`` (m,).

    Both costs are written with the signed margin ``r = s z`` (``s = 2y - 1``), since ``|a - y| = sigma(-r)``:
    cross-entropy is ``mean(log(1 + e^-r))`` and the quadratic cost ``mean(sigma(-r)**2) / 2``.  Neither
    overflows, and neither loses a tiny loss to cancellation when the neuron is confidently right.
    """
    _check_cost(cost)
    sign = 2.0 * np.asarray(y, dtype=np.float64) - 1.0
    margin = sign * np.asarray(z, dtype=np.float64)
    with np.errstate(under="ignore"):
        if cost == "cross_entropy":
            return np.mean(np.logaddexp(0.0, -margin), axis=-1)
        return np.mean(np.exp(-np.logaddexp(0.0, margin)) ** 2, axis=-1) / 2


def output_error(z: Any, y: Any, cost: str = "cross_entropy") -> np.ndarray:
    """Each example's ``dC/dz``: ``a - y`` for cross-entropy, ``(a - y) sigma'(z)`` for the quadratic cost."""
    labels = np.asarray(y, dtype=np.float64)
    sign = 2.0 * labels - 1.0
    with np.errstate(under="ignore"):
        return -sign * _shortfall(sign * np.asarray(z, dtype=np.float64), _check_cost(cost))


def _shortfall(margin: np.ndarray, cost: str) -> np.ndarray:
    """``-s dC/dz`` from the signed margin ``r = s z`` (``s = +1`` for label 1, ``-1`` for label 0).

    For cross-entropy, ``a - y = -s sigma(-r)``, and ``sigma(-r) = exp(-log(1 + e^r))`` is exact
    in both tails and never overflows. The quadratic cost multiplies by ``sigma'(z) = sigma(r) sigma(-r)``.
    Callers silence underflow (a value that rounds to 0 is the right answer there).
    """
    short = np.exp(-np.logaddexp(0.0, margin))
    if cost == "quadratic":
        short = short * short * np.exp(-np.logaddexp(0.0, -margin))
    return short


def cost_gradient(X: Any, y: Any, w: Any, b: float, cost: str = "cross_entropy") -> tuple[np.ndarray, float]:
    """Gradient ``(dC/dw, dC/db)`` of the mean cost of one sigmoid neuron (no weight decay).

    For cross-entropy each example contributes ``(a - y) x`` exactly; for the
    quadratic cost ``(a - y) sigma'(z) x``.
    """
    data, labels = as_dataset(X, y)
    weights, bias = as_weights(w), as_scalar(b, "b")
    delta = output_error(data @ weights + bias, labels, cost)
    return data.T @ delta / len(labels), float(np.mean(delta))


@dataclass(frozen=True)
class TrainingHistory(ParameterHistory):
    """A sigmoid neuron's parameters and performance after every epoch (entry 0 is the start).

    Attributes
    ----------
    w : ndarray, shape (epochs + 1, n)
    b : ndarray, shape (epochs + 1,)
    loss : ndarray, shape (epochs + 1,)
        The mean cost on the training data (without the weight-decay term).
    accuracy : ndarray, shape (epochs + 1,)
        Share of examples on the right side of the 0.5 line.
    """

    loss: np.ndarray
    accuracy: np.ndarray

    def weight_norm(self) -> np.ndarray:
        """``|w|`` after each epoch (the bias not included)."""
        return np.linalg.norm(self.w, axis=1)

    def first_epoch_with_accuracy(self, level: float = 1.0) -> int | None:
        """The first epoch whose accuracy reaches ``level``, or None."""
        return self.first_epoch_where(self.accuracy >= level)


def train_sigmoid_neuron(
    X: Any,
    y: Any,
    *,
    epochs: int,
    lr: float,
    w0: Any = None,
    b0: float = 0.0,
    weight_decay: float = 0.0,
    cost: str = "cross_entropy",
) -> TrainingHistory:
    """Train one sigmoid neuron by full-batch gradient descent and record every epoch.

    Each epoch computes every example's error ``delta = dC/dz`` (``a - y`` for
    cross-entropy), averages ``delta x`` into the gradient and takes one step
    ``w <- w - lr (dC/dw + weight_decay w)``, ``b <- b - lr dC/db``.  Deterministic.
    :func:`train_sigmoid_neuron_fast` computes the same numbers faster.

    Parameters
    ----------
    X : array_like, shape (m, n)
    y : array_like of 0/1, shape (m,)
    epochs : int
    lr : float
        Learning rate eta (> 0).
    w0, b0 : starting weights (zeros if None) and bias.
    weight_decay : float
        L2 strength lambda (>= 0).
    cost : "cross_entropy" or "quadratic"
    """
    X, y, w, b, epochs, lr, weight_decay = _training_inputs(X, y, epochs, lr, w0, b0, weight_decay, cost)
    m = len(y)
    ws, bs = [w], [b]
    with np.errstate(under="ignore"):  # an error too small for a float is 0, and that is the right answer
        for _epoch in range(epochs):
            delta = output_error(X @ w + b, y, cost)  # dC/dz for each example
            nabla_w = X.T @ delta / m + weight_decay * w
            nabla_b = np.mean(delta)
            w = w - lr * nabla_w
            b = b - lr * nabla_b
            ws.append(w)
            bs.append(b)
    ws, bs = np.array(ws), np.array(bs)
    loss, accuracy = _evaluate(X, y, ws, bs, cost)
    return TrainingHistory(w=ws, b=bs, loss=loss, accuracy=accuracy)


def train_sigmoid_neuron_fast(
    X: Any,
    y: Any,
    *,
    epochs: int,
    lr: float,
    w0: Any = None,
    b0: float = 0.0,
    weight_decay: float = 0.0,
    cost: str = "cross_entropy",
) -> TrainingHistory:
    """:func:`train_sigmoid_neuron`, arranged for long runs (100,000 epochs); a test proves they agree.

    The bias becomes the weight of a constant input 1 and every row is multiplied by its sign
    ``s = 2y - 1``, so one matrix product per epoch gives every margin ``r = s z``.
    """
    X, y, w, b, epochs, lr, weight_decay = _training_inputs(X, y, epochs, lr, w0, b0, weight_decay, cost)
    n = X.shape[1]
    signed_inputs = np.column_stack([X, np.ones(len(y))]) * (2.0 * y - 1.0)[:, None]
    signed_mean_transpose = np.ascontiguousarray(signed_inputs.T) / len(y)
    decay_per_parameter = np.append(np.full(n, weight_decay), 0.0)  # no decay on the bias
    theta = np.append(w, b)
    thetas = np.empty((epochs + 1, n + 1))
    thetas[0] = theta
    with np.errstate(under="ignore"):
        for epoch in range(1, epochs + 1):
            shortfall = _shortfall(signed_inputs @ theta, cost)  # -s dC/dz
            theta = theta + lr * (signed_mean_transpose @ shortfall - decay_per_parameter * theta)
            thetas[epoch] = theta
    ws, bs = thetas[:, :n], thetas[:, n]
    loss, accuracy = _evaluate(X, y, ws, bs, cost)
    return TrainingHistory(w=ws, b=bs, loss=loss, accuracy=accuracy)


def _training_inputs(X, y, epochs, lr, w0, b0, weight_decay, cost):
    """Checked inputs of the trainers: data, labels, starting (w, b), epochs, eta and lambda."""
    data, labels = as_dataset(X, y)
    epochs = as_positive_int(epochs, "epochs")
    eta, decay = as_scalar(lr, "lr"), as_scalar(weight_decay, "weight_decay")
    if eta <= 0:
        raise ValueError(f"lr must be positive, got {eta}")
    if decay < 0:
        raise ValueError(f"weight_decay must be 0 or more, got {decay}")
    _check_cost(cost)
    n = data.shape[1]
    w = np.zeros(n) if w0 is None else as_weights(w0).copy()
    if w.shape != (n,):
        raise ValueError(f"w0 must have shape ({n},) to match X {data.shape}, got {w.shape}")
    return data, labels, w, as_scalar(b0, "b0"), epochs, eta, decay


def _evaluate(X: np.ndarray, y: np.ndarray, ws: np.ndarray, bs: np.ndarray, cost: str, chunk: int = 20_000):
    """Loss and accuracy for every recorded epoch, a chunk of epochs at a time."""
    loss, accuracy = np.empty(len(bs)), np.empty(len(bs))
    for start in range(0, len(bs), chunk):
        z = ws[start : start + chunk] @ X.T + bs[start : start + chunk, None]
        loss[start : start + chunk] = cost_value(z, y, cost)
        accuracy[start : start + chunk] = np.mean((z > 0) == (y == 1), axis=1)
    return loss, accuracy
