"""Notebook 06, all ten digits: one-versus-rest sigmoid neurons, the confusion matrix, and the network of 05 (D7-D8)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .digits import DIGITS, PIXELS, Digits
from .network import init_network, predict
from .network_training import train_network
from .neuron import stable_sigmoid
from .training import train_sigmoid_neuron
from .validation import as_float_array, as_positive_int


@dataclass(frozen=True)
class OneVersusRest:
    """Ten sigmoid neurons, one per digit: neuron ``k`` answers "is this image a k?".

    The prediction is the digit whose neuron is most sure.  The ten outputs need not add
    up to 1: each neuron answers its own yes/no question.

    Attributes
    ----------
    weights : ndarray, shape (10, 64)
        Row ``k`` holds neuron ``k``'s weights.
    biases : ndarray, shape (10,)
    """

    weights: np.ndarray
    biases: np.ndarray

    def scores(self, X: Any) -> np.ndarray:
        """Every neuron's output for every image: shape (m, 10)."""
        data = as_float_array(X, "X")
        if data.ndim != 2 or data.shape[1] != self.weights.shape[1]:
            raise ValueError(f"X must have shape (m, {self.weights.shape[1]}), got {data.shape}")
        return stable_sigmoid(data @ self.weights.T + self.biases)

    def predict(self, X: Any) -> np.ndarray:
        """The digit whose neuron gives the largest output, for every image."""
        return np.argmax(self.scores(X), axis=1)


def train_one_versus_rest(
    X: Any, labels: Any, *, epochs: int = 300, lr: float = 1.0, weight_decay: float = 0.0
) -> OneVersusRest:
    """Train neuron ``k`` with ``train_sigmoid_neuron`` on the question "is it a k?" (y = 1 for k, 0 otherwise)."""
    data = as_float_array(X, "X")
    classes = np.asarray(labels)
    digits = np.unique(classes)
    if not np.array_equal(digits, np.arange(digits.size)) or digits.size < 2:
        raise ValueError(f"labels must be the whole numbers 0, 1, ..., k-1 (k >= 2), got {digits}")
    neurons = [
        train_sigmoid_neuron(data, (classes == k).astype(np.float64), epochs=epochs, lr=lr, weight_decay=weight_decay)
        for k in digits
    ]
    return OneVersusRest(np.array([n.w[-1] for n in neurons]), np.array([n.b[-1] for n in neurons]))


def confusion_matrix(true: Any, predicted: Any, n_classes: int = 10) -> np.ndarray:
    """Counts: row ``i``, column ``j`` holds how many images of digit ``i`` were called ``j``."""
    actual, said = np.asarray(true, dtype=int), np.asarray(predicted, dtype=int)
    if actual.shape != said.shape or actual.ndim != 1:
        raise ValueError(f"true and predicted must be 1-D and of one length, got {actual.shape} and {said.shape}")
    if actual.size and (min(actual.min(), said.min()) < 0 or max(actual.max(), said.max()) >= n_classes):
        raise ValueError(f"classes must be in 0..{n_classes - 1}")
    matrix = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(matrix, (actual, said), 1)
    return matrix


def most_confident_mistakes(scores: Any, labels: Any, count: int = 8) -> np.ndarray:
    """Indices of the wrongly classified images whose winning output is largest, most confident first."""
    outputs, actual = as_float_array(scores, "scores"), np.asarray(labels, dtype=int)
    if outputs.ndim != 2 or outputs.shape[0] != actual.size:
        raise ValueError(f"scores must have shape (m, classes) with m = {actual.size}, got {outputs.shape}")
    said = np.argmax(outputs, axis=1)
    mistakes = np.flatnonzero(said != actual)
    confidence = outputs[mistakes, said[mistakes]]
    return mistakes[np.argsort(-confidence, kind="stable")][:count]


def one_hot(labels: Any, n_classes: int = 10) -> np.ndarray:
    """Labels 0..n_classes-1 as rows of 0s with a single 1: shape (m, n_classes)."""
    classes = np.asarray(labels, dtype=int)
    if classes.ndim != 1 or (classes.size and (classes.min() < 0 or classes.max() >= n_classes)):
        raise ValueError(f"labels must be a 1-D array of whole numbers in 0..{n_classes - 1}")
    return np.eye(n_classes)[classes]


@dataclass(frozen=True)
class NetworkComparison:
    """One layer of ten neurons against a network with a hidden layer, on the same test images.

    Attributes
    ----------
    single_layer_accuracy, network_accuracy : float
        Share of test images each gets right.
    sizes : tuple of int
        The network's layer sizes, e.g. (64, 30, 10).
    run : NetworkRun
        The network's training record (notebook 05).
    """

    single_layer_accuracy: float
    network_accuracy: float
    sizes: tuple[int, ...]
    run: Any


def compare_with_network(
    digits: Digits,
    single_layer: OneVersusRest,
    *,
    hidden: int = 30,
    epochs: int = 30,
    lr: float = 0.5,
    batch_size: int = 10,
    seed: int = 0,
) -> NetworkComparison:
    """Train notebook 05's network (64 inputs, ``hidden`` sigmoid units, 10 outputs) on the training images.

    It learns from the same training images as ``single_layer``, with the cross-entropy cost and
    mini-batches, and both are scored on the same test images.
    """

    X_train, labels_train = digits.part("train")
    X_test, labels_test = digits.part("test")
    sizes = (PIXELS, as_positive_int(hidden, "hidden", allow_zero=False), len(DIGITS))
    network = init_network(list(sizes), init="xavier", activation="sigmoid", seed=seed)
    run = train_network(
        network,
        X_train,
        one_hot(labels_train),
        epochs=epochs,
        lr=lr,
        batch_size=batch_size,
        cost="cross_entropy",
        seed=seed,
    )
    network_predictions = np.argmax(predict(run.network, X_test), axis=1)
    return NetworkComparison(
        single_layer_accuracy=float(np.mean(single_layer.predict(X_test) == labels_test)),
        network_accuracy=float(np.mean(network_predictions == labels_test)),
        sizes=sizes,
        run=run,
    )
