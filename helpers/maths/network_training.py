"""Training a network: one gradient-descent step, whole runs with their records, and many runs side by side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .activations import _check_name, _prime_from_output, activate
from .network import Network, _as_dataset, backprop
from .training import COSTS
from .validation import as_positive_int, as_scalar

#: A run is called diverged once its loss passes this many times the larger of its starting loss
#: and the loss of a network that answers 0.5 everywhere (or once a number overflows).
DIVERGENCE_FACTOR = 10.0


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
