"""A network of neurons that learns: the forward pass, backpropagation and gradient descent.

The notation is that of Nielsen's chapter 2.  Layer ``l = 1, ..., L`` has weights ``W^l`` of
shape ``(n_l, n_(l-1))`` and biases ``b^l`` of shape ``(n_l, 1)``.  Its weighted input is
``z^l = W^l a^(l-1) + b^l`` and its activation ``a^l = f(z^l)``, starting from the input
``a^0 = x``.  Hidden layers use ``f`` = sigmoid, tanh or ReLU; the output layer is always a
sigmoid, so every output is a number in (0, 1).

Inside this module one example is one *column*: ``a^l`` has shape ``(n_l, m)`` for ``m``
examples, so the code reads like the formulas.  The functions that take a data set
(:func:`predict`, :func:`cost_of`, :func:`train_step`, :func:`train_network`) take ``X`` with one
example per *row*, shape ``(m, n_0)``, like every other helper of the series.

The costs are means over the examples, summed over the output units:

* cross-entropy ``C = mean_x sum_j -[y_j ln a_j + (1 - y_j) ln(1 - a_j)]``
* quadratic ``C = mean_x sum_j (a_j - y_j)**2 / 2``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .activations import ACTIVATIONS, _check_name, activate, activation_prime
from .training import COSTS
from .validation import as_float_array, as_positive_int, as_scalar

INITIALISATIONS = ("zero", "lecun", "xavier", "he")


@dataclass(frozen=True, eq=False)
class Network:
    """A fully connected network: the weights and biases of layers 1..L, and its hidden activation.

    Attributes
    ----------
    weights : tuple of ndarray
        ``W^l`` of shape ``(n_l, n_(l-1))`` for ``l = 1..L``.
    biases : tuple of ndarray
        ``b^l`` of shape ``(n_l, 1)``.
    activation : str
        ``f`` of the hidden layers: "sigmoid", "tanh" or "relu". The output layer is always a sigmoid.

    The arrays are copied and made read-only: a network never changes; training makes new ones.
    """

    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    activation: str = "sigmoid"

    def __post_init__(self) -> None:
        _check_name(self.activation, ACTIVATIONS, "activation")
        if isinstance(self.weights, np.ndarray) or isinstance(self.biases, np.ndarray):
            raise ValueError("weights and biases must be sequences of arrays, one per layer")
        weights = [as_float_array(W, f"W^{k}").copy() for k, W in enumerate(self.weights, start=1)]
        biases = [as_float_array(b, f"b^{k}").copy() for k, b in enumerate(self.biases, start=1)]
        if not weights or len(weights) != len(biases):
            raise ValueError(
                f"need one bias per weight matrix and at least one layer, got {len(weights)} and {len(biases)}"
            )
        for k, (W, b) in enumerate(zip(weights, biases, strict=True), start=1):
            if W.ndim != 2 or 0 in W.shape:
                raise ValueError(f"W^{k} must be a matrix of shape (n_{k}, n_{k - 1}), got shape {W.shape}")
            if b.shape != (W.shape[0], 1):
                raise ValueError(f"b^{k} must have shape ({W.shape[0]}, 1) to match W^{k} {W.shape}, got {b.shape}")
            if k > 1 and W.shape[1] != weights[k - 2].shape[0]:
                raise ValueError(
                    f"W^{k} has shape {W.shape} but layer {k - 1} has {weights[k - 2].shape[0]} units: "
                    f"W^{k} must have {weights[k - 2].shape[0]} columns"
                )
        for array in (*weights, *biases):
            array.setflags(write=False)
        object.__setattr__(self, "weights", tuple(weights))
        object.__setattr__(self, "biases", tuple(biases))

    @classmethod
    def _unchecked(cls, weights: tuple, biases: tuple, activation: str) -> Network:
        """A network from arrays already known to be finite and of the right shapes (inside training)."""
        for array in (*weights, *biases):
            array.setflags(write=False)
        net = object.__new__(cls)
        for name, value in (("weights", weights), ("biases", biases), ("activation", activation)):
            object.__setattr__(net, name, value)
        return net

    @property
    def sizes(self) -> tuple[int, ...]:
        """The number of units in each layer, input first: ``(n_0, n_1, ..., n_L)``."""
        return (self.weights[0].shape[1], *(W.shape[0] for W in self.weights))


def init_network(
    sizes: Sequence[int], *, init: str | float = "xavier", activation: str = "sigmoid", seed: int = 0
) -> Network:
    """A new network with random weights (seeded) and zero biases.

    Parameters
    ----------
    sizes : sequence of int
        Units per layer, input first, e.g. ``(2, 2, 1)``.
    init : str or float
        How to draw each ``W^l`` (``n_in = n_(l-1)``, ``n_out = n_l``), from a normal distribution
        with mean 0 and variance

        * "zero": all weights 0 (every hidden unit starts, and stays, the same);
        * "lecun": ``1 / n_in`` (LeCun et al., 1998);
        * "xavier": ``2 / (n_in + n_out)`` (Glorot and Bengio, 2010);
        * "he": ``2 / n_in`` (He et al., 2015), for ReLU;
        * a number ``s >= 0``: standard deviation ``s`` for every weight.
    activation : str
        The hidden layers' activation, one of ``ACTIVATIONS``.
    seed : int
    """
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence) or len(sizes) < 2:
        raise ValueError(f"sizes must list at least two layer sizes, e.g. (2, 2, 1), got {sizes!r}")
    sizes = [as_positive_int(n, "every layer size", allow_zero=False) for n in sizes]
    _check_name(activation, ACTIVATIONS, "activation")
    init_spread(init, 1, 1)  # checks init before any weight is drawn
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
        weights.append(rng.standard_normal((n_out, n_in)) * init_spread(init, n_in, n_out))
        biases.append(np.zeros((n_out, 1)))
    return Network(tuple(weights), tuple(biases), activation)


def init_spread(init: str | float, n_in: int, n_out: int) -> float:
    """The standard deviation of the initial weights of a layer with ``n_in`` inputs and ``n_out`` units.

    "zero" gives 0, "lecun" ``sqrt(1 / n_in)``, "xavier" ``sqrt(2 / (n_in + n_out))``, "he" ``sqrt(2 / n_in)``;
    a number is returned as it is (it must be 0 or more).
    """
    if isinstance(init, str):
        _check_name(init, INITIALISATIONS, "init")
        variance = {"zero": 0.0, "lecun": 1.0 / n_in, "xavier": 2.0 / (n_in + n_out), "he": 2.0 / n_in}[init]
        return float(np.sqrt(variance))
    if isinstance(init, bool):
        raise ValueError(f"init must be one of {INITIALISATIONS} or a standard deviation, got {init!r}")
    spread = as_scalar(init, "init")
    if spread < 0:
        raise ValueError(f"init as a number is a standard deviation and must be 0 or more, got {spread}")
    return spread


def _as_columns(a: Any, n_in: int) -> np.ndarray:
    """Inputs as columns, shape (n_in, m); one input of shape (n_in,) becomes one column."""
    a = as_float_array(a, "a")
    if a.ndim == 1:
        a = a[:, None]
    if a.ndim != 2 or a.shape[0] != n_in or a.shape[1] == 0:
        raise ValueError(f"a must have shape ({n_in}, m): one example per column, got shape {a.shape}")
    return a


def _as_target_columns(y: Any, n_out: int, m: int) -> np.ndarray:
    """Targets as columns, shape (n_out, m), holding only 0 and 1; shape (m,) is accepted when n_out == 1."""
    y = as_float_array(y, "y")
    if y.ndim == 1 and n_out == 1:
        y = y[None, :]
    if y.shape != (n_out, m):
        raise ValueError(f"y must have shape ({n_out}, {m}): one target column per example, got shape {y.shape}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"y must hold only 0 and 1, got {np.unique(y)}")
    return y


def _as_dataset(net: Network, X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """A data set with one example per row (X: (m, n_0); y: (m,) or (m, n_L)) turned into columns."""
    X = as_float_array(X, "X")
    if X.ndim != 2 or X.shape[1] != net.sizes[0] or X.shape[0] == 0:
        raise ValueError(f"X must have shape (m, {net.sizes[0]}): one example per row, got shape {X.shape}")
    y = as_float_array(y, "y")
    m, n_out = X.shape[0], net.sizes[-1]
    if y.ndim == 1 and n_out == 1:
        y = y[:, None]
    if y.shape != (m, n_out):
        wanted = f"({m},) or ({m}, 1)" if n_out == 1 else f"({m}, {n_out}), one-hot"
        raise ValueError(f"y must have shape {wanted} to match X {X.shape}, got shape {y.shape}")
    return X.T, _as_target_columns(y.T, n_out, m)


def forward(net: Network, a: Any) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Feed inputs through the network: ``z^l = W^l a^(l-1) + b^l``, ``a^l = f(z^l)``.

    Parameters
    ----------
    net : Network
    a : array_like, shape (n_0, m)
        The inputs ``a^0``, one example per column.

    Returns
    -------
    activations : list of ndarray
        ``[a^0, a^1, ..., a^L]``, ``a^l`` of shape (n_l, m).
    zs : list of ndarray
        ``[z^1, ..., z^L]``, ``z^l`` of shape (n_l, m).
    """
    a = _as_columns(a, net.weights[0].shape[1])
    L = len(net.weights)
    activations, zs = [a], []
    for layer, (W, b) in enumerate(zip(net.weights, net.biases, strict=True), start=1):
        z = W @ a + b  # (n_l, n_(l-1)) @ (n_(l-1), m) + (n_l, 1) -> (n_l, m); b is added to every column
        a = activate(z, net.activation if layer < L else "sigmoid")  # the output layer is a sigmoid
        zs.append(z)
        activations.append(a)
    return activations, zs


def backprop(
    net: Network, a: Any, y: Any, cost: str = "cross_entropy"
) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """The gradient of the mean cost over a batch, by the four equations of backpropagation.

    Parameters
    ----------
    net : Network
    a : array_like, shape (n_0, m)
        Inputs, one example per column.
    y : array_like, shape (n_L, m)
        Targets (0 or 1), one column per example; shape (m,) is fine for one output.
    cost : "cross_entropy" or "quadratic"

    Returns
    -------
    nabla_w, nabla_b : tuples of ndarray
        ``dC/dW^l`` (the shape of ``W^l``) and ``dC/db^l`` (shape (n_l, 1)) for ``l = 1..L``.
    """
    _check_name(cost, COSTS, "cost")
    activations, zs = forward(net, a)
    y = _as_target_columns(y, net.weights[-1].shape[0], activations[0].shape[1])
    L, m = len(net.weights), y.shape[1]
    nabla_w, nabla_b = [None] * L, [None] * L
    # Layers count from 1 as in the text, lists from 0: W^l is weights[l - 1], z^l is zs[l - 1], a^l is activations[l].
    delta = activations[-1] - y  # (BP1) delta^L = a^L - y: cross-entropy with a sigmoid output
    if cost == "quadratic":
        delta = delta * activation_prime(zs[-1], "sigmoid")  # (BP1) quadratic: delta^L = (a^L - y) sigma'(z^L)
    for l in range(L, 0, -1):  # noqa: E741 (l = L, L-1, ..., 1: the layer, named as in the text)
        if l < L:
            delta = (net.weights[l].T @ delta) * activation_prime(zs[l - 1], net.activation)  # (BP2) delta^l
        nabla_b[l - 1] = delta.sum(axis=1, keepdims=True) / m  # (BP3) dC/db^l = delta^l, averaged over the batch
        nabla_w[l - 1] = delta @ activations[l - 1].T / m  # (BP4) dC/dW^l = delta^l (a^(l-1))^T, averaged
    return tuple(nabla_w), tuple(nabla_b)


def _mean_cost(z_out: np.ndarray, y: np.ndarray, cost: str) -> float:
    """Mean over examples (columns) of the cost summed over the outputs, from the output's weighted input.

    Cross-entropy uses ``-ln sigma(z) = log(1 + e^-z)`` and ``-ln(1 - sigma(z)) = log(1 + e^z)``
    (``np.logaddexp``): no ``log(0)``, no overflow, and tiny losses keep their accuracy.
    """
    if cost == "cross_entropy":
        per_output = np.where(y == 1, np.logaddexp(0.0, -z_out), np.logaddexp(0.0, z_out))
    else:
        per_output = (activate(z_out, "sigmoid") - y) ** 2 / 2
    return float(per_output.sum()) / z_out.shape[1]


def _accuracy(a_out: np.ndarray, y: np.ndarray) -> float:
    """Share of examples classified right: output above 0.5 for one output unit, else the largest output."""
    if a_out.shape[0] == 1:
        right = (a_out[0] > 0.5) == (y[0] == 1)
    else:
        right = np.argmax(a_out, axis=0) == np.argmax(y, axis=0)
    return np.count_nonzero(right) / right.size


def cost_of(net: Network, X: Any, y: Any, cost: str = "cross_entropy") -> float:
    """The mean cost of the network on a data set: ``X`` of shape (m, n_0), ``y`` of shape (m,) or (m, n_L)."""
    _check_name(cost, COSTS, "cost")
    A, Y = _as_dataset(net, X, y)
    with np.errstate(over="ignore", invalid="ignore"):  # only absurdly large weights overflow: the cost is then inf
        _, zs = forward(net, A)
        return _mean_cost(zs[-1], Y, cost)


def accuracy_of(net: Network, X: Any, y: Any) -> float:
    """Share of the examples the network gets right (output above 0.5, or the largest of several outputs)."""
    A, Y = _as_dataset(net, X, y)
    with np.errstate(over="ignore", invalid="ignore"):
        activations, _ = forward(net, A)
    return _accuracy(activations[-1], Y)


def predict(net: Network, X: Any) -> np.ndarray:
    """The network's outputs for ``X`` of shape (m, n_0), one row per example: shape (m, n_L)."""
    X = as_float_array(X, "X")
    if X.ndim != 2 or X.shape[1] != net.sizes[0]:
        raise ValueError(f"X must have shape (m, {net.sizes[0]}): one example per row, got shape {X.shape}")
    with np.errstate(over="ignore", invalid="ignore"):
        activations, _ = forward(net, X.T)
    return activations[-1].T
