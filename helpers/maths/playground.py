"""The training playground of notebook 05: a run that moves on a few steps at a time and remembers each one.

A playground start is a handful of choices (:class:`Start`): the data, the hidden layer, the first
weights, the cost and the learning rate. From a start, :class:`LiveRun` takes full-batch gradient-descent
steps (the same steps as :func:`helpers.maths.network_training.train_step`) whenever it is asked to, and
records the loss, the accuracy and the gradient reaching each layer after every one of them. What it has
learned after ``n`` steps depends on the start and on ``n`` only: never on how fast the steps were asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from .activations import ACTIVATIONS, _check_name, activation_prime
from .datasets import two_circles, xor_data
from .network import Network, _as_dataset, forward, init_network
from .network_experiments import gradient_per_weight
from .network_training import DIVERGENCE_FACTOR, _descend, _measure, guess_loss
from .training import COSTS
from .validation import as_float_array, as_positive_int, as_scalar

#: The data sets to choose from: the four points of XOR's truth table, and two noisy rings.
PLAYGROUND_DATA = ("xor", "circles")

#: A run stops here: enough for every start in the playground to settle.
MAX_STEPS = 10_000

#: A hidden unit whose slope f'(z) stays below this share of its largest value at every point is saturated.
SATURATED_SLOPE = 0.01


@dataclass(frozen=True)
class Start:
    """Everything that decides a playground run.

    Attributes
    ----------
    data : "xor" or "circles"
    hidden : int
        Units in the one hidden layer (the network is 2-hidden-1).
    activation : "sigmoid", "tanh" or "relu"
        The hidden layer's ``f``; the output is always a sigmoid.
    scale : float
        The first weights are Xavier's (variance ``2 / (n_in + n_out)``) times ``scale``; 0 makes them all 0.
    seed : int
        Seeds the first weights. The biases start at 0.
    cost : "cross_entropy" or "quadratic"
    lr : float
        The learning rate eta.
    """

    data: str = "xor"
    hidden: int = 2
    activation: str = "sigmoid"
    scale: float = 1.0
    seed: int = 0
    cost: str = "cross_entropy"
    lr: float = 1.0

    def __post_init__(self) -> None:
        _check_name(self.data, PLAYGROUND_DATA, "data")
        _check_name(self.activation, ACTIVATIONS, "activation")
        _check_name(self.cost, COSTS, "cost")
        as_positive_int(self.hidden, "hidden", allow_zero=False)
        as_positive_int(self.seed, "seed")
        if not as_scalar(self.scale, "scale") >= 0:
            raise ValueError(f"scale must be 0 or more, got {self.scale}")
        if not as_scalar(self.lr, "lr") > 0:
            raise ValueError(f"lr must be positive, got {self.lr}")


#: The playground's first start: XOR, two sigmoid hidden units, Xavier's weights, eta = 1.
DEFAULT_START = Start()

#: A start that cannot move at all: both hidden ReLU units are dead on every XOR input (see notebook 05).
STUCK_START = replace(DEFAULT_START, activation="relu", seed=8)


def playground_data(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The data set ``name``: "xor" (the four points of the truth table) or "circles" (100 points on two rings)."""
    _check_name(name, PLAYGROUND_DATA, "data")
    return xor_data() if name == "xor" else two_circles(100, noise=0.1, seed=0)


def starting_network(start: Start) -> Network:
    """The 2-hidden-1 network a run starts from: Xavier's weights times ``start.scale``, zero biases (seeded).

    Scaling is exact: the same random numbers are drawn for every scale, so scale 2 doubles every weight of scale 1.
    """
    net = init_network((2, start.hidden, 1), init="xavier", activation=start.activation, seed=start.seed)
    return Network(tuple(start.scale * W for W in net.weights), net.biases, start.activation)


def hidden_slopes(net: Network, X: Any) -> np.ndarray:
    """The slope ``f'(z)`` of each unit of the first hidden layer at each example, over its largest value.

    Returns shape (m, n_1): 1 means the full slope (sigmoid at ``z = 0``, tanh at 0, ReLU at ``z > 0``),
    0 means that no error at all passes back through that unit for that example (BP2).
    """
    X = as_float_array(X, "X")
    with np.errstate(over="ignore", invalid="ignore"):
        _, zs = forward(net, X.T)
        slopes = activation_prime(zs[0], net.activation).T
    return slopes / (0.25 if net.activation == "sigmoid" else 1.0)


def idle_hidden_units(net: Network, X: Any) -> tuple[int, int]:
    """How many first-layer units pass back no gradient at any example: ``(dead, saturated)``.

    Dead: slope exactly 0 at every example (a ReLU with ``z <= 0`` everywhere); nothing can revive it
    by gradient descent. Saturated: slope below ``SATURATED_SLOPE`` of its largest value at every
    example, but not 0 (a sigmoid or tanh deep in its flat tails).
    """
    slopes = hidden_slopes(net, X)
    dead = np.all(slopes == 0, axis=0)
    saturated = np.all(slopes < SATURATED_SLOPE, axis=0) & ~dead
    return int(dead.sum()), int(saturated.sum())


class LiveRun:
    """A training run from a :class:`Start` that takes steps when asked, and keeps a record of every step.

    Attributes
    ----------
    start : Start
    X, y : ndarray
        The data, one example per row.
    network : Network
        The network now (after ``steps`` steps; the last finite one if the run diverged).
    steps : int
        Steps taken so far.
    diverged_at : int or None
        The step at which the run was stopped as diverged (as in :func:`train_network`), or None.
    """

    def __init__(self, start: Start, *, max_steps: int = MAX_STEPS) -> None:
        self.start = start
        self.X, self.y = playground_data(start.data)
        self.max_steps = as_positive_int(max_steps, "max_steps", allow_zero=False)
        self.network = starting_network(start)
        self.steps, self.diverged_at = 0, None
        self._sizes = self.network.sizes
        self._data = _as_dataset(self.network, self.X, self.y)  # columns: A (2, m) and Y (1, m)
        self._loss = np.empty(self.max_steps + 1)
        self._accuracy = np.empty(self.max_steps + 1)
        self._gradient = np.empty((self.max_steps + 1, len(self._sizes) - 1))
        self._record(*self._measure(self.network))
        self._bound = DIVERGENCE_FACTOR * max(self._loss[0], guess_loss(1, start.cost))

    @property
    def loss(self) -> np.ndarray:
        """The cost on the whole data set at the start and after each step: shape (steps + 1,)."""
        return self._loss[: self.steps + 1]

    @property
    def accuracy(self) -> np.ndarray:
        """The share of points classified right at the start and after each step: shape (steps + 1,)."""
        return self._accuracy[: self.steps + 1]

    @property
    def gradient(self) -> np.ndarray:
        """RMS of ``dC/dW^l`` per weight, for each layer (first hidden layer first), at each step: (steps + 1, L)."""
        return self._gradient[: self.steps + 1]

    @property
    def finished(self) -> bool:
        """True once the run has diverged or reached its last step."""
        return self.diverged_at is not None or self.steps >= self.max_steps

    def advance(self, steps: int) -> int:
        """Take up to ``steps`` more gradient-descent steps (fewer if the run finishes); return how many were taken.

        Each step is ``W^l <- W^l - lr dC/dW^l``, ``b^l <- b^l - lr dC/db^l`` on the whole data set, the step of
        :func:`train_step`; a run is stopped as diverged exactly when :func:`train_network` would stop it.
        """
        steps = as_positive_int(steps, "steps")
        taken = 0
        while taken < steps and not self.finished:
            new = _descend(self.network, *self._nabla, self.start.lr)
            if new is None:  # the step overflowed: keep the last finite network
                self.diverged_at = self.steps + 1
                break
            measured = self._measure(new)
            if not (np.isfinite(measured[0]) and np.isfinite(measured[2]).all()):
                self.diverged_at = self.steps + 1
                break
            self.network, self.steps = new, self.steps + 1
            self._record(*measured)
            taken += 1
            if measured[0] > self._bound:  # recorded, then stopped, as train_network does
                self.diverged_at = self.steps
        return taken

    def _measure(self, net: Network) -> tuple[float, float, np.ndarray, tuple]:
        """Loss, accuracy, gradient per weight of each layer, and the gradient itself, from one pass back and forth."""
        stacked = [W[None] for W in net.weights], [b[None] for b in net.biases]  # a stack of one network
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            loss, accuracy, nabla_w, nabla_b, norms = _measure(*stacked, net.activation, *self._data, self.start.cost)
            per_weight = gradient_per_weight(norms[0], self._sizes)
        return float(loss[0]), float(accuracy[0]), per_weight, ([nw[0] for nw in nabla_w], [nb[0] for nb in nabla_b])

    def _record(self, loss: float, accuracy: float, gradient: np.ndarray, nabla: tuple) -> None:
        self._loss[self.steps], self._accuracy[self.steps], self._gradient[self.steps] = loss, accuracy, gradient
        self._nabla = nabla  # the gradient at the network now: the next step's direction
