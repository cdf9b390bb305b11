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

from ..validation import as_float_array, as_positive_int, as_scalar

ACTIVATIONS = ("sigmoid", "tanh", "relu")
COSTS = ("cross_entropy", "quadratic")
INITIALISATIONS = ("zero", "lecun", "xavier", "he")

#: The learning rates of notebook 05's sweep: 10^-2 to 10^3 in quarter powers of ten.
SWEEP_ETAS = tuple(float(10.0**exponent) for exponent in np.arange(-2.0, 3.01, 0.25))

#: A run is called diverged once its loss passes this many times the larger of its starting loss
#: and the loss of a network that answers 0.5 everywhere (or once a number overflows).
DIVERGENCE_FACTOR = 10.0


def _check_name(name: Any, allowed: tuple[str, ...], what: str) -> str:
    if not isinstance(name, str) or name not in allowed:
        raise ValueError(f"{what} must be one of {allowed}, got {name!r}")
    return name


# --- activation functions -------------------------------------------------------


def activate(z: np.ndarray, name: str) -> np.ndarray:
    """The activation function ``f(z)``: "sigmoid", "tanh" or "relu", elementwise.

    The sigmoid ``1 / (1 + e^-z)`` is computed from ``e = e^-|z|``, which is at most 1: ``1 / (1 + e)``
    for ``z >= 0`` and ``e / (1 + e)`` for ``z < 0``. No input overflows, none warns.
    """
    with np.errstate(under="ignore"):  # e^-|z| may round to 0 far out in the tails: the right answer there
        if name == "sigmoid":
            e = np.exp(-np.abs(z))
            return np.where(z >= 0, 1.0, e) / (1.0 + e)
        if name == "tanh":
            return np.tanh(z)
        if name == "relu":
            return np.maximum(z, 0.0)
    raise ValueError(f"activation must be one of {ACTIVATIONS}, got {name!r}")


def activation_prime(z: np.ndarray, name: str) -> np.ndarray:
    """The derivative ``f'(z)``: ``sigma (1 - sigma)``, ``1 - tanh**2``, or 1 where ``z > 0`` else 0 for ReLU.

    For the sigmoid, ``sigma(z) (1 - sigma(z)) = e / (1 + e)**2`` with ``e = e^-|z|``: accurate in both tails.
    """
    with np.errstate(under="ignore"):
        if name == "sigmoid":
            e = np.exp(-np.abs(z))
            return e / (1.0 + e) ** 2
        if name == "tanh":
            return 1.0 - np.tanh(z) ** 2
        if name == "relu":
            return (z > 0).astype(np.float64)
    raise ValueError(f"activation must be one of {ACTIVATIONS}, got {name!r}")


def _prime_from_output(a: np.ndarray, name: str) -> np.ndarray:
    """``f'(z)`` from ``a = f(z)`` (no exp or tanh): ``a (1 - a)``, ``1 - a**2``, or ``a > 0``. For fast loops."""
    if name == "sigmoid":
        return a * (1.0 - a)
    if name == "tanh":
        return 1.0 - a * a
    return (a > 0).astype(np.float64)


# --- the network ------------------------------------------------------------------


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


# --- the forward pass and backpropagation ------------------------------------------


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


# --- gradient descent ---------------------------------------------------------------


class TrainingDiverged(ValueError):
    """A gradient-descent step made a weight or bias infinite or NaN: the learning rate is too large."""


def _descend(net: Network, nabla_w: Sequence[np.ndarray], nabla_b: Sequence[np.ndarray], lr: float) -> Network | None:
    """``W <- W - lr dC/dW``, ``b <- b - lr dC/db``; None if a number overflowed."""
    with np.errstate(over="ignore", invalid="ignore"):
        weights = [W - lr * nw for W, nw in zip(net.weights, nabla_w, strict=True)]
        biases = [b - lr * nb for b, nb in zip(net.biases, nabla_b, strict=True)]
    if not all(np.isfinite(p).all() for p in (*weights, *biases)):
        return None
    return Network._unchecked(tuple(weights), tuple(biases), net.activation)


def _gradient(net: Network, A: np.ndarray, Y: np.ndarray, cost: str):
    """:func:`backprop` with overflow silenced (a diverging run is caught by its caller, not by a warning)."""
    with np.errstate(over="ignore", invalid="ignore"):
        return backprop(net, A, Y, cost)


def train_step(net: Network, X: Any, y: Any, lr: float, cost: str = "cross_entropy") -> Network:
    """One step of gradient descent on the mean cost over ``X`` (m, n_0) and ``y`` (m,) or (m, n_L).

    Returns the new network. Raises :class:`TrainingDiverged` (a ``ValueError``) if the step
    overflowed, so a caller can say so instead of carrying on with infinities.
    """
    _check_name(cost, COSTS, "cost")
    A, Y = _as_dataset(net, X, y)
    eta = _as_learning_rate(lr)
    nabla_w, nabla_b = _gradient(net, A, Y, cost)
    new = _descend(net, nabla_w, nabla_b, eta)
    if new is None:
        raise TrainingDiverged(f"the step with learning rate {eta:g} made the parameters overflow")
    return new


def _as_learning_rate(lr: Any) -> float:
    eta = as_scalar(lr, "lr")
    if eta <= 0:
        raise ValueError(f"lr must be positive, got {eta}")
    return eta


@dataclass(frozen=True, eq=False)
class NetworkRun:
    """What :func:`train_network` records, once at the start and after every epoch.

    Attributes
    ----------
    network : Network
        The network at the end (the last one with finite parameters).
    loss : ndarray, shape (epochs_run + 1,)
        Mean cost on the training data; entry 0 is the start.
    accuracy : ndarray, shape (epochs_run + 1,)
    gradient_norms : ndarray, shape (epochs_run + 1, L)
        ``|dC/dW^l|`` (Frobenius norm) for each layer, on the whole training set.
    diverged_at : int or None
        The gradient step (counted from 1) at which the run was stopped as diverged, or None.
        Everything recorded before it is finite.
    steps_per_epoch : int
        1 for full-batch training, ``ceil(m / batch_size)`` for mini-batches.
    """

    network: Network
    loss: np.ndarray
    accuracy: np.ndarray
    gradient_norms: np.ndarray
    diverged_at: int | None
    steps_per_epoch: int = 1

    @property
    def epochs(self) -> int:
        """How many epochs were completed and recorded."""
        return len(self.loss) - 1


def guess_loss(n_out: int, cost: str = "cross_entropy") -> float:
    """The cost of a network that answers 0.5 for every output: ``n_out ln 2`` (cross-entropy) or ``n_out / 8``."""
    _check_name(cost, COSTS, "cost")
    return n_out * (np.log(2.0) if cost == "cross_entropy" else 0.125)


def _measure(Ws: list, bs: list, hidden: str, A: np.ndarray, Y: np.ndarray, cost: str):
    """Loss, accuracy, gradients and gradient norms of K stacked networks, from one forward and backward pass.

    ``Ws[l]`` has shape (K, n_(l+1), n_l). The equations are those of :func:`backprop`, on stacks, with
    ``f'(z)`` taken from the activations (``a (1 - a)`` for the sigmoid) so that no exp is recomputed.
    """
    L, m = len(Ws), A.shape[1]
    activations, zs = [A], []
    for i in range(L):
        zs.append(Ws[i] @ activations[-1] + bs[i])  # (K, n_(i+1), m)
        activations.append(activate(zs[-1], hidden if i < L - 1 else "sigmoid"))
    z_out, a_out = zs[-1], activations[-1]
    if cost == "cross_entropy":
        per_output = np.where(Y == 1, np.logaddexp(0.0, -z_out), np.logaddexp(0.0, z_out))
    else:
        per_output = (a_out - Y) ** 2 / 2
    loss = per_output.sum(axis=(1, 2)) / m
    if Y.shape[0] == 1:
        right = (a_out[:, 0] > 0.5) == (Y[0] == 1)
    else:
        right = np.argmax(a_out, axis=1) == np.argmax(Y, axis=0)
    accuracy = np.count_nonzero(right, axis=1) / m
    nabla_w, nabla_b = [None] * L, [None] * L
    delta = a_out - Y  # (BP1)
    if cost == "quadratic":
        delta = delta * _prime_from_output(a_out, "sigmoid")
    for i in range(L - 1, -1, -1):  # index i holds layer i + 1
        if i < L - 1:
            delta = (Ws[i + 1].mT @ delta) * _prime_from_output(activations[i + 1], hidden)  # (BP2)
        nabla_b[i] = delta.sum(axis=2, keepdims=True) / m  # (BP3)
        nabla_w[i] = delta @ activations[i].mT / m  # (BP4)
    norms = np.sqrt(np.stack([(nw**2).sum(axis=(1, 2)) for nw in nabla_w], axis=1))
    return loss, accuracy, nabla_w, nabla_b, norms


def train_network(
    net: Network,
    X: Any,
    y: Any,
    *,
    epochs: int,
    lr: float,
    batch_size: int | None = None,
    cost: str = "cross_entropy",
    seed: int = 0,
) -> NetworkRun:
    """Train by gradient descent: full batch, or shuffled mini-batches (stochastic gradient descent).

    Each step moves every weight and bias against the gradient of the mean cost over one batch:
    ``W^l <- W^l - lr dC/dW^l`` and ``b^l <- b^l - lr dC/db^l``.

    Parameters
    ----------
    net : Network
        The starting network (not changed).
    X : array_like, shape (m, n_0)
    y : array_like, shape (m,) of 0/1 for one output, or (m, n_L) one-hot
    epochs : int
        Passes over the data; every epoch sees all m examples whatever the batch size.
    lr : float
        The learning rate eta.
    batch_size : int or None
        None for full-batch gradient descent (one step per epoch); otherwise the examples are
        shuffled every epoch (seeded) and split into batches of this size (the last may be smaller).
    cost : "cross_entropy" or "quadratic"
    seed : int
        Seeds the shuffling.

    Divergence
    ----------
    The run stops, with ``diverged_at`` set to the step, as soon as a step makes a parameter
    infinite or NaN, or the loss after an epoch is not finite or exceeds ``DIVERGENCE_FACTOR``
    times the larger of the starting loss and :func:`guess_loss`. Nothing warns; what was
    recorded up to there is kept and is finite.
    """
    _check_name(cost, COSTS, "cost")
    if batch_size is None:  # the same steps, taken by the side-by-side trainer (fewer numpy calls)
        return train_many([net], X, y, epochs=epochs, lr=lr, cost=cost)[0]
    A, Y = _as_dataset(net, X, y)
    epochs, eta = as_positive_int(epochs, "epochs"), _as_learning_rate(lr)
    m = A.shape[1]
    batch_size = as_positive_int(batch_size, "batch_size", allow_zero=False)
    if batch_size > m:
        raise ValueError(f"batch_size must be at most the number of examples {m}, got {batch_size}")
    rng = np.random.default_rng(seed)

    def measure(network: Network) -> tuple[float, float, np.ndarray]:
        stacked = [W[None] for W in network.weights], [b[None] for b in network.biases]
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            loss, accuracy, _, _, norms = _measure(*stacked, network.activation, A, Y, cost)
        return float(loss[0]), float(accuracy[0]), norms[0]

    loss, accuracy, norms = measure(net)
    losses, accuracies, gradient_norms = [loss], [accuracy], [norms]
    bound = DIVERGENCE_FACTOR * max(loss, guess_loss(Y.shape[0], cost))
    steps, diverged_at = 0, None
    for _ in range(epochs):
        order = rng.permutation(m)
        for start in range(0, m, batch_size):
            batch = order[start : start + batch_size]
            new = _descend(net, *_gradient(net, A[:, batch], Y[:, batch], cost), eta)
            steps += 1
            if new is None:
                diverged_at = steps
                break
            net = new
        if diverged_at is not None:
            break
        loss, accuracy, norms = measure(net)
        if not (np.isfinite(loss) and np.isfinite(norms).all()):
            diverged_at = steps
            break
        losses.append(loss)
        accuracies.append(accuracy)
        gradient_norms.append(norms)
        if loss > bound:
            diverged_at = steps
            break
    return NetworkRun(
        network=net,
        loss=np.array(losses),
        accuracy=np.array(accuracies),
        gradient_norms=np.array(gradient_norms),
        diverged_at=diverged_at,
        steps_per_epoch=-(-m // batch_size),
    )


def train_many(
    nets: Sequence[Network], X: Any, y: Any, *, epochs: int, lr: float | Sequence[float], cost: str = "cross_entropy"
) -> list[NetworkRun]:
    """Full-batch gradient descent for several networks of the same shape side by side, e.g. for a sweep.

    Each network takes exactly the steps that :func:`train_step` would take (a test checks it), and
    everything is recorded as in :func:`train_network`; but all networks move together, one numpy
    call per operation, so a sweep of a dozen runs costs little more than one. ``lr`` is one
    learning rate for all, or one per network.
    """
    _check_name(cost, COSTS, "cost")
    if isinstance(nets, Network) or not nets or not all(isinstance(net, Network) for net in nets):
        raise ValueError("nets must be a non-empty list of Network")
    first = nets[0]
    if any(net.sizes != first.sizes or net.activation != first.activation for net in nets):
        raise ValueError("train_many needs networks of one shape and one activation")
    A, Y = _as_dataset(first, X, y)
    epochs = as_positive_int(epochs, "epochs")
    rates = [lr] * len(nets) if np.ndim(lr) == 0 else list(lr)
    if len(rates) != len(nets):
        raise ValueError(f"give one learning rate, or one per network ({len(nets)}), got {len(rates)}")
    etas = np.array([_as_learning_rate(rate) for rate in rates])[:, None, None]
    Ws = [np.stack([net.weights[i] for net in nets]) for i in range(len(first.weights))]
    bs = [np.stack([net.biases[i] for net in nets]) for i in range(len(first.biases))]
    K, hidden = len(nets), first.activation
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        loss, accuracy, nabla_w, nabla_b, norms = _measure(Ws, bs, hidden, A, Y, cost)
        records = [([loss[k]], [accuracy[k]], [norms[k]]) for k in range(K)]
        bounds = DIVERGENCE_FACTOR * np.maximum(loss, guess_loss(Y.shape[0], cost))
        diverged_at: list[int | None] = [None] * K
        finals: list[tuple | None] = [None] * K
        active = np.ones(K, dtype=bool)
        for epoch in range(1, epochs + 1):
            step = np.where(active, 1.0, 0.0)[:, None, None] * etas  # a stopped run stays where it is
            new_Ws = [W - step * nw for W, nw in zip(Ws, nabla_w, strict=True)]
            new_bs = [b - step * nb for b, nb in zip(bs, nabla_b, strict=True)]
            finite = np.all([np.isfinite(p).all(axis=(1, 2)) for p in (*new_Ws, *new_bs)], axis=0)
            for k in np.flatnonzero(active & ~finite):  # the step overflowed: keep the last finite network
                diverged_at[k], active[k] = epoch, False
                finals[k] = ([W[k] for W in Ws], [b[k] for b in bs])
            keep = finite[:, None, None]
            Ws = [np.where(keep, new, old) for new, old in zip(new_Ws, Ws, strict=True)]
            bs = [np.where(keep, new, old) for new, old in zip(new_bs, bs, strict=True)]
            loss, accuracy, nabla_w, nabla_b, norms = _measure(Ws, bs, hidden, A, Y, cost)
            for k in np.flatnonzero(active):
                if not (np.isfinite(loss[k]) and np.isfinite(norms[k]).all()):
                    diverged_at[k], active[k] = epoch, False
                    continue
                for record, value in zip(records[k], (loss[k], accuracy[k], norms[k]), strict=True):
                    record.append(value)
                if loss[k] > bounds[k]:
                    diverged_at[k], active[k] = epoch, False
            if not active.any():
                break
    runs = []
    for k in range(K):
        weights, biases = finals[k] if finals[k] is not None else ([W[k] for W in Ws], [b[k] for b in bs])
        losses, accuracies, gradient_norms = records[k]
        runs.append(
            NetworkRun(
                network=Network(tuple(weights), tuple(biases), hidden),
                loss=np.array(losses, dtype=np.float64),
                accuracy=np.array(accuracies, dtype=np.float64),
                gradient_norms=np.array(gradient_norms, dtype=np.float64),
                diverged_at=diverged_at[k],
            )
        )
    return runs


def describe_run(run: NetworkRun) -> str:
    """One line for a readout: where the run diverged, or how it ended."""
    if run.diverged_at is not None:
        return f"diverged at step {run.diverged_at}"
    return f"final loss {run.loss[-1]:.3g}, accuracy {run.accuracy[-1]:.0%}"


# --- the hand-set XOR network and the experiments of notebook 05 ------------------------


def xor_network(scale: float = 20.0) -> Network:
    """The hand-set 2-2-1 sigmoid network for XOR: hidden units OR and NAND, output unit AND.

    With ``c = scale``: OR is ``sigma(c (x1 + x2 - 1/2))``, NAND is ``sigma(c (3/2 - x1 - x2))`` and the
    output is AND of the two, ``sigma(c (h1 + h2 - 3/2))``. The larger ``c``, the closer each unit is to
    a perceptron; with the default 20 every output is within 1e-4 of the truth table.
    """
    c = as_scalar(scale, "scale")
    if c <= 0:
        raise ValueError(f"scale must be positive, got {c}")
    W1, b1 = c * np.array([[1.0, 1.0], [-1.0, -1.0]]), c * np.array([[-0.5], [1.5]])
    W2, b2 = c * np.array([[1.0, 1.0]]), c * np.array([[-1.5]])
    return Network((W1, W2), (b1, b2))


def learning_rate_sweep(
    net: Network, X: Any, y: Any, etas: Sequence[float], *, epochs: int, cost: str = "cross_entropy"
) -> list[NetworkRun]:
    """Train copies of ``net`` with each learning rate in ``etas`` (full batch, same start); one run per rate."""
    return train_many([net] * len(etas), X, y, epochs=epochs, lr=list(etas), cost=cost)


def initialisation_runs(
    sizes: Sequence[int],
    X: Any,
    y: Any,
    inits: Sequence[str | float],
    *,
    activation: str,
    epochs: int,
    lr: float,
    seed: int = 0,
    cost: str = "cross_entropy",
) -> dict[str | float, NetworkRun]:
    """Train one network per initialisation (same sizes, data, seed and learning rate), by name or spread."""
    nets = [init_network(sizes, init=init, activation=activation, seed=seed) for init in inits]
    return dict(zip(inits, train_many(nets, X, y, epochs=epochs, lr=lr, cost=cost), strict=True))


def distinct_hidden_units(net: Network, layer: int = 1, *, tolerance: float = 1e-9) -> int:
    """How many different units hidden layer ``layer`` has: units with the same incoming weights and bias,
    and the same outgoing weights, within ``tolerance``, count once.

    Units that are copies of each other compute the same thing and get the same gradient, so gradient
    descent can never tell them apart: a layer of copies is no better than one unit.
    """
    if not 1 <= layer < len(net.weights):
        raise ValueError(f"layer must be a hidden layer, 1 to {len(net.weights) - 1}, got {layer}")
    W_in, b_in, W_out = net.weights[layer - 1], net.biases[layer - 1], net.weights[layer]
    units = np.column_stack([W_in, b_in, W_out.T])  # one row per unit: everything that makes it what it is
    distinct: list[np.ndarray] = []
    for unit in units:
        if not any(np.max(np.abs(unit - other)) <= tolerance for other in distinct):
            distinct.append(unit)
    return len(distinct)


def gradient_per_weight(run_or_norms: NetworkRun | np.ndarray, sizes: Sequence[int]) -> np.ndarray:
    """Root-mean-square gradient per weight of each layer, ``|dC/dW^l| / sqrt(n_l n_(l-1))``.

    Layers of different shapes have different numbers of weights; dividing the norm by the square root of
    that number lets them be compared (the gradient "reaching" each layer, as in notebook 03).
    """
    norms = run_or_norms.gradient_norms if isinstance(run_or_norms, NetworkRun) else np.asarray(run_or_norms, float)
    counts = np.array(sizes[1:], dtype=np.float64) * np.array(sizes[:-1], dtype=np.float64)
    if norms.shape[-1] != counts.size:
        raise ValueError(f"expected one norm per layer ({counts.size}), got shape {norms.shape}")
    return norms / np.sqrt(counts)


def weighted_input_spread(net: Network, X: Any) -> np.ndarray:
    """The spread (standard deviation over units and examples) of each layer's weighted input ``z^l``: shape (L,).

    It measures how much signal reaches a layer: near 0 the layer sees almost nothing, far above 1 its
    sigmoid or tanh units sit in their flat tails (saturated).
    """
    A = _as_columns(as_float_array(X, "X").T, net.sizes[0])
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        _, zs = forward(net, A)
        return np.array([float(np.std(z)) for z in zs])


def deep_network(depth: int, width: int, activation: str, *, gain: float = 1.0, seed: int = 0) -> Network:
    """A network with ``depth`` hidden layers of ``width`` units on 2 inputs, 1 output, weights of variance
    ``gain**2 / n_in`` (``gain = 1`` is LeCun's choice, ``sqrt(2)`` He's), biases 0."""
    depth = as_positive_int(depth, "depth", allow_zero=False)
    width = as_positive_int(width, "width", allow_zero=False)
    g = as_scalar(gain, "gain")
    if g < 0:
        raise ValueError(f"gain must be 0 or more, got {g}")
    net = init_network((2, *([width] * depth), 1), init="lecun", activation=activation, seed=seed)
    return Network(tuple(g * W for W in net.weights), net.biases, activation)


def layer_gradients(net: Network, X: Any, y: Any, cost: str = "cross_entropy") -> np.ndarray:
    """The root-mean-square gradient per weight of each layer at ``net``, on the whole data set: shape (L,)."""
    A, Y = _as_dataset(net, X, y)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):  # tiny gradients may underflow: fine
        nabla_w, _ = backprop(net, A, Y, _check_name(cost, COSTS, "cost"))
        norms = np.array([np.linalg.norm(nw) for nw in nabla_w])
    return gradient_per_weight(norms, net.sizes)


def batch_size_runs(
    net: Network,
    X: Any,
    y: Any,
    batch_sizes: Sequence[int | None],
    *,
    epochs: int,
    lr: float,
    seed: int = 0,
    cost: str = "cross_entropy",
) -> dict[int | None, NetworkRun]:
    """Train the same start with each batch size (None: full batch) for the same number of epochs.

    Every run sees ``epochs * m`` examples; a batch of size B takes ``ceil(m / B)`` steps per epoch.
    """
    return {
        size: train_network(net, X, y, epochs=epochs, lr=lr, batch_size=size, seed=seed, cost=cost)
        for size in batch_sizes
    }


def bowl_descent(curvature: float, lr: float, *, w0: float = 1.0, steps: int = 20) -> np.ndarray:
    """Gradient descent on the bowl ``C(w) = curvature * w**2 / 2``: ``w <- w - lr * curvature * w``.

    Every step multiplies ``w`` by ``1 - lr * curvature``: it creeps for a small rate, overshoots and
    oscillates once ``lr > 1 / curvature``, and grows without bound once ``lr > 2 / curvature``.
    Returns the ``steps + 1`` values of ``w`` (the growth is capped at 1e300 instead of overflowing).
    """
    k, eta, start = as_scalar(curvature, "curvature"), _as_learning_rate(lr), as_scalar(w0, "w0")
    factor = 1.0 - eta * k
    path = [start]
    for _ in range(as_positive_int(steps, "steps")):
        path.append(min(max(path[-1] * factor, -1e300), 1e300))  # Python floats: inf at worst, never a warning
    return np.array(path)
