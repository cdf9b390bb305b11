"""Perceptrons that compute logic, and the perceptron learning rule.

The learning rule looks at one example at a time.  If the perceptron's answer
``yhat`` is wrong, it moves the weights towards the right answer:

    w <- w + eta * (y - yhat) * x
    b <- b + eta * (y - yhat)

When the answer is right, ``y - yhat = 0`` and nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .history import ParameterHistory
from .neuron import perceptron, snap_to_zero, step, weighted_input
from .validation import as_dataset, as_positive_int, as_scalar, as_weights

_GATE_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


_GATE_OUTPUTS = {
    "AND": [0.0, 0.0, 0.0, 1.0],
    "OR": [0.0, 1.0, 1.0, 1.0],
    "NAND": [1.0, 1.0, 1.0, 0.0],
    "XOR": [0.0, 1.0, 1.0, 0.0],
}


GATE_NAMES = tuple(_GATE_OUTPUTS)


def logic_gate(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The truth table of a two-input logic gate as a data set ``(X, y)``.

    Parameters
    ----------
    name : str
        "AND", "OR", "NAND" or "XOR" (any case).

    Returns
    -------
    X : ndarray, shape (4, 2)
        The inputs (0, 0), (0, 1), (1, 0), (1, 1).
    y : ndarray, shape (4,)
        The gate's output for each input.
    """
    key = str(name).upper()
    if key not in _GATE_OUTPUTS:
        raise ValueError(f"unknown gate {name!r}; the gates are {', '.join(GATE_NAMES)}")
    return _GATE_INPUTS.copy(), np.array(_GATE_OUTPUTS[key])


def truth_table(name: str, w: Any, b: Any) -> list[tuple[tuple[int, int], float, float, float]]:
    """Each row of a gate's truth table as ``((x1, x2), z, output, wanted)`` for the perceptron ``(w, b)``.

    Gate weights are typed or slid as decimals, so a z that is 0 by hand is 0 here too (silent): see ``snap_to_zero``.
    """
    X, y = logic_gate(name)
    z = np.atleast_1d(snap_to_zero(weighted_input(X, w, b)))
    out = np.atleast_1d(step(z))
    return [
        ((int(x[0]), int(x[1])), float(zi), float(oi), float(yi)) for x, zi, oi, yi in zip(X, z, out, y, strict=True)
    ]


@dataclass(frozen=True)
class PerceptronHistory(ParameterHistory):
    """The weights after every epoch of the perceptron rule (entry 0 is the start).

    Attributes
    ----------
    w : ndarray, shape (epochs + 1, n)
    b : ndarray, shape (epochs + 1,)
    mistakes : ndarray of int, shape (epochs + 1,)
        How many examples ``(w[k], b[k])`` gets wrong.
    """

    mistakes: np.ndarray

    def first_perfect_epoch(self) -> int | None:
        """The first epoch after which no example is wrong, or None if there is none."""
        return self.first_epoch_where(self.mistakes == 0)


def count_mistakes(X: Any, y: Any, w: Any, b: Any) -> int:
    """How many examples of ``(X, y)`` the perceptron ``(w, b)`` gets wrong."""
    data, labels = as_dataset(X, y)
    return int(np.sum(perceptron(data, w, b) != labels))


def train_perceptron(
    X: Any, y: Any, *, epochs: int, lr: float = 1.0, w0: Any = None, b0: float = 0.0
) -> PerceptronHistory:
    """Run the perceptron learning rule and record the weights after each epoch.

    Each epoch visits the examples once, in the order given (so the result is
    deterministic), and updates the weights after every wrong answer.

    Parameters
    ----------
    X : array_like, shape (m, n)
    y : array_like of 0/1, shape (m,)
    epochs : int
        Number of passes over the data.
    lr : float
        The learning rate eta (> 0).
    w0, b0 : starting weights (zeros if None) and bias.
    """
    data, labels = as_dataset(X, y)
    epochs = as_positive_int(epochs, "epochs")
    eta = as_scalar(lr, "lr")
    if eta <= 0:
        raise ValueError(f"lr must be positive, got {eta}")
    w = np.zeros(data.shape[1]) if w0 is None else as_weights(w0).copy()
    if w.shape != (data.shape[1],):
        raise ValueError(f"w0 must have shape ({data.shape[1]},) to match X {data.shape}, got {w.shape}")
    b = as_scalar(b0, "b0")
    ws, bs = [w.copy()], [b]
    for _ in range(epochs):
        for x_i, y_i in zip(data, labels, strict=True):
            error = y_i - (1.0 if x_i @ w + b > 0 else 0.0)
            if error:
                w += eta * error * x_i
                b += eta * error
        ws.append(w.copy())
        bs.append(b)
    w_history, b_history = np.array(ws), np.array(bs)
    mistakes = np.array([count_mistakes(data, labels, wk, bk) for wk, bk in zip(w_history, b_history, strict=True)])
    return PerceptronHistory(w=w_history, b=b_history, mistakes=mistakes)


def fix_one_example(X: Any, y: Any, w: Any, b: Any, index: int, eta: float) -> tuple[np.ndarray, float]:
    """Apply the perceptron rule to example ``index`` alone, with step size ``eta``.

    Returns the new ``(w, b)``; if the example is already right, they are unchanged.
    """
    data, labels = as_dataset(X, y)
    weights, bias = as_weights(w), as_scalar(b, "b")
    if not 0 <= index < len(labels):
        raise ValueError(f"index must be in [0, {len(labels) - 1}], got {index}")
    error = labels[index] - perceptron(data[index], weights, bias)
    return weights + eta * error * data[index], bias + eta * error


def xor_from_nand(X: Any) -> np.ndarray:
    """XOR built from four NAND perceptrons (w = (-2, -2), b = 3), three layers deep.

    ``XOR(a, b) = NAND(NAND(a, n), NAND(b, n))`` with ``n = NAND(a, b)``: layer 1 computes ``n``,
    layer 2 the two inner NANDs, layer 3 the outer one.
    """
    data = np.atleast_2d(np.asarray(X, dtype=np.float64))
    w, b = np.array([-2.0, -2.0]), 3.0

    def nand(p: np.ndarray, q: np.ndarray) -> np.ndarray:
        return np.asarray(perceptron(np.column_stack([p, q]), w, b))

    a, c = data[:, 0], data[:, 1]
    n = nand(a, c)  # layer 1
    left, right = nand(a, n), nand(c, n)  # layer 2
    return nand(left, right)  # layer 3
