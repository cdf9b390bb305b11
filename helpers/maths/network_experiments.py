"""The experiments of notebook 05: hand-set XOR, learning-rate sweeps, initialisations, deep gradients, batches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .activations import _check_name
from .network import Network, _as_columns, _as_dataset, backprop, forward, init_network
from .network_training import NetworkRun, _as_learning_rate, train_many, train_network
from .training import COSTS
from .validation import as_float_array, as_positive_int, as_scalar

#: The learning rates of notebook 05's sweep: 10^-2 to 10^3 in quarter powers of ten.
SWEEP_ETAS = tuple(float(10.0**exponent) for exponent in np.arange(-2.0, 3.01, 0.25))


def describe_run(run: NetworkRun) -> str:
    """One line for a readout: where the run diverged, or how it ended."""
    if run.diverged_at is not None:
        return f"diverged at step {run.diverged_at}"
    return f"final loss {run.loss[-1]:.3g}, accuracy {run.accuracy[-1]:.0%}"


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
