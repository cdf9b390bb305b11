"""Notebook 06, one neuron on two groups of digits: fixing one image, training versus test, growth, remedies (D2-D6).

The settings of notebook 06's even-versus-odd experiments live here, once: the notebook,
its dashboards and its exercise checkers all build those experiments from them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from .digits import EVEN, ODD, BinaryTask, Digits, binary_task
from .neuron import perceptron, stable_sigmoid
from .perceptron import fix_one_example
from .training import TrainingHistory, cost_value, train_sigmoid_neuron
from .validation import as_dataset, as_float_array, as_positive_int, as_scalar

#: Notebook 06's first yes/no question, "1 versus 2" (section 2; the gradient exercise uses its images too).
NOTEBOOK_PAIR = (1, 2)
#: Notebook 06's learning rate for one sigmoid neuron on 64 inputs, and the epochs of its even-versus-odd runs.
NOTEBOOK_LR = 0.5
NOTEBOOK_EPOCHS = 2_000
#: The training-set sizes of section 4 (then all the training images), and the one of section 6.
NOTEBOOK_SIZES = (10, 20, 40, 80, 160)
NOTEBOOK_REMEDY_SIZE = 80
#: The weight-decay strengths section 6 tries.
NOTEBOOK_DECAYS = (0.0, 1e-3, 3e-3, 1e-2, 3e-2, 0.1)


def loss_and_accuracy(history: TrainingHistory, X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """The mean cross-entropy and the accuracy on ``(X, y)`` of the neuron after every epoch of ``history``."""
    data, labels = as_dataset(X, y)
    z = history.w @ data.T + history.b[:, None]  # one row per epoch, one column per image
    return cost_value(z, labels), np.mean((z > 0) == (labels == 1), axis=1)


@dataclass(frozen=True)
class Nudge:
    """What the perceptron rule's step for one image does to every image, for a range of step sizes.

    Attributes
    ----------
    index : int
        The image the step is for.
    etas : ndarray, shape (k,)
        The step sizes tried (eta = 1 is the rule's own step).
    labels : ndarray, shape (m,)
    before : ndarray, shape (m,)
        Every image's output before the step.
    after : ndarray, shape (k, m)
        Every image's output after a step of each size.
    """

    index: int
    etas: np.ndarray
    labels: np.ndarray
    before: np.ndarray
    after: np.ndarray

    def fixed_from(self) -> float | None:
        """The smallest step size tried at which the image is right, or None."""
        right = np.flatnonzero(self.after[:, self.index] == self.labels[self.index])
        return float(self.etas[right[0]]) if right.size else None

    def broken(self, step: int) -> np.ndarray:
        """Indices of the images that were right before and are wrong after step number ``step``."""
        return np.flatnonzero((self.before == self.labels) & (self.after[step] != self.labels))

    def repaired(self, step: int) -> np.ndarray:
        """Indices of the other images that were wrong before and are right after step number ``step``."""
        others = np.arange(self.labels.size) != self.index
        return np.flatnonzero(others & (self.before != self.labels) & (self.after[step] == self.labels))


def fix_one_image(X: Any, y: Any, w: Any, b: float, index: int, etas: Any = None) -> Nudge:
    """Move a perceptron ``(w, b)`` along the learning rule's step for image ``index``, by each step size.

    The step is ``eta (y - yhat) x``: the image itself, added to the weights or taken away.
    ``etas`` defaults to 0, 0.01, ..., 1.
    """
    data, labels = as_dataset(X, y)
    sizes = np.linspace(0.0, 1.0, 101) if etas is None else as_float_array(etas, "etas")
    steps = [fix_one_example(data, labels, w, b, index, float(eta)) for eta in sizes]
    after = np.array([perceptron(data, new_w, new_b) for new_w, new_b in steps])
    return Nudge(index=int(index), etas=sizes, labels=labels, before=np.asarray(perceptron(data, w, b)), after=after)


def nested_subsets(y: Any, sizes: tuple[int, ...], *, seed: int = 0) -> dict[int, np.ndarray]:
    """Training subsets of the given sizes, half of each label, each one inside the next.

    A size equal to the number of examples means all of them.
    """
    labels = as_float_array(y, "y")
    rng = np.random.default_rng(seed)
    orders = [rng.permutation(np.flatnonzero(labels == label)) for label in (0.0, 1.0)]
    subsets = {}
    for size in sizes:
        size = as_positive_int(size, "size", allow_zero=False)
        if size == labels.size:
            subsets[size] = np.arange(labels.size)
            continue
        half, most = size // 2, min(len(order) for order in orders)
        if size % 2 or half > most:
            raise ValueError(f"a subset needs an even size with at most {most} images of each label, got {size}")
        subsets[size] = np.sort(np.concatenate([order[:half] for order in orders]))
    return subsets


@dataclass(frozen=True)
class SizeRun:
    """One neuron trained on ``size`` training images, measured after every epoch on them and on the test images."""

    size: int
    indices: np.ndarray
    history: TrainingHistory
    test_loss: np.ndarray
    test_accuracy: np.ndarray

    @property
    def train_loss(self) -> np.ndarray:
        """The training loss after every epoch."""
        return self.history.loss

    @property
    def train_accuracy(self) -> np.ndarray:
        """The training accuracy after every epoch."""
        return self.history.accuracy

    def lowest_test_loss_epoch(self) -> int:
        """The epoch at which the test loss is smallest."""
        return int(np.argmin(self.test_loss))

    def final_gap(self) -> float:
        """Test loss minus training loss after the last epoch: how much worse on new images."""
        return float(self.test_loss[-1] - self.train_loss[-1])


def training_size_experiment(
    task: BinaryTask, sizes: tuple[int, ...], *, epochs: int = 2_000, lr: float = 1.0, seed: int = 0
) -> dict[int, SizeRun]:
    """Train one sigmoid neuron (cross-entropy, from w = 0) on each nested training subset, for the same epochs."""
    runs = {}
    for size, indices in nested_subsets(task.y_train, sizes, seed=seed).items():
        history = train_sigmoid_neuron(task.X_train[indices], task.y_train[indices], epochs=epochs, lr=lr)
        test_loss, test_accuracy = loss_and_accuracy(history, task.X_test, task.y_test)
        runs[size] = SizeRun(size, indices, history, test_loss, test_accuracy)
    return runs


def smaller_training_set(task: BinaryTask, size: int, *, seed: int = 0) -> BinaryTask:
    """The same task with only ``size`` training images: the subset that ``training_size_experiment`` uses."""
    indices = nested_subsets(task.y_train, (size,), seed=seed)[size]
    return replace(
        task, name=f"{task.name}, {size} training images", X_train=task.X_train[indices], y_train=task.y_train[indices]
    )


@dataclass(frozen=True)
class GrowthRun:
    """A long run on a pair whose training images one neuron can separate, followed on the test images.

    Attributes
    ----------
    history : TrainingHistory
    test_z : ndarray, shape (epochs + 1, m_test)
        Every test image's weighted input after every epoch.
    y_test : ndarray, shape (m_test,)
    test_loss, test_accuracy : ndarray, shape (epochs + 1,)
    """

    history: TrainingHistory
    test_z: np.ndarray
    y_test: np.ndarray
    test_loss: np.ndarray
    test_accuracy: np.ndarray

    def test_outputs(self, epoch: int) -> np.ndarray:
        """Every test image's output ``a`` after ``epoch`` epochs."""
        return stable_sigmoid(self.test_z[epoch])

    def test_mistakes(self, epoch: int) -> np.ndarray:
        """Indices of the test images the neuron gets wrong after ``epoch`` epochs."""
        return np.flatnonzero((self.test_z[epoch] > 0) != (self.y_test == 1))

    def wrong_answer_confidence(self, indices: Any) -> np.ndarray:
        """For the test images ``indices``: the output's share given to the wrong label, after every epoch.

        That is ``a`` for an image labelled 0 and ``1 - a`` for one labelled 1; above 0.5 means a mistake.
        Returns shape (epochs + 1, len(indices)).
        """
        chosen = np.asarray(indices, dtype=int)
        sign = 2.0 * self.y_test[chosen] - 1.0
        return stable_sigmoid(-sign * self.test_z[:, chosen])


def weight_growth_run(task: BinaryTask, *, epochs: int = 20_000, lr: float = 1.0) -> GrowthRun:
    """Train on all the pair's training images for many epochs, from ``w = 0``, and record the test images too."""
    history = train_sigmoid_neuron(task.X_train, task.y_train, epochs=epochs, lr=lr)
    test_z = history.w @ task.X_test.T + history.b[:, None]
    test_loss = cost_value(test_z, task.y_test)
    test_accuracy = np.mean((test_z > 0) == (task.y_test == 1), axis=1)
    return GrowthRun(history, test_z, task.y_test, test_loss, test_accuracy)


@dataclass(frozen=True)
class DecayChoice:
    """Weight-decay strengths tried on the training images and judged on the validation images.

    Attributes
    ----------
    decays : tuple of float
    histories : dict, decay -> TrainingHistory
    training_loss, validation_loss : ndarray, shape (len(decays),)
        Cross-entropy after the last epoch (the decay's own penalty not included).
    validation_curves : ndarray, shape (len(decays), epochs + 1)
        The validation loss after every epoch of each run.
    chosen : float
        The decay with the smallest final validation loss.
    """

    decays: tuple[float, ...]
    histories: dict[float, TrainingHistory]
    training_loss: np.ndarray
    validation_loss: np.ndarray
    validation_curves: np.ndarray
    chosen: float


def choose_weight_decay(
    task: BinaryTask, decays: tuple[float, ...], *, epochs: int = 5_000, lr: float = 1.0
) -> DecayChoice:
    """Train once per decay strength; choose the one whose final validation loss is smallest.

    The test images play no part in the choice.
    """
    if not decays:
        raise ValueError("give at least one decay strength")
    histories, curves = {}, []
    for decay in decays:
        histories[decay] = train_sigmoid_neuron(task.X_train, task.y_train, epochs=epochs, lr=lr, weight_decay=decay)
        curves.append(loss_and_accuracy(histories[decay], task.X_validation, task.y_validation)[0])
    validation_curves = np.array(curves)
    validation_loss = validation_curves[:, -1]
    training_loss = np.array([histories[decay].loss[-1] for decay in decays])
    chosen = decays[int(np.argmin(validation_loss))]
    return DecayChoice(tuple(decays), histories, training_loss, validation_loss, validation_curves, chosen)


def choose_stopping_epoch(history: TrainingHistory, X_validation: Any, y_validation: Any) -> int:
    """Early stopping, decided on the validation images: the epoch whose validation loss is smallest."""
    return int(np.argmin(loss_and_accuracy(history, X_validation, y_validation)[0]))


@dataclass(frozen=True)
class Score:
    """Cross-entropy and accuracy of one neuron on one set of images (``count`` of them)."""

    loss: float
    accuracy: float
    count: int


def score(w: Any, b: float, X: Any, y: Any) -> Score:
    """Loss and accuracy of the neuron ``(w, b)`` on ``(X, y)``: for the test images, call it once, at the end."""
    data, labels = as_dataset(X, y)
    z = data @ as_float_array(w, "w") + as_scalar(b, "b")
    return Score(float(cost_value(z, labels)), float(np.mean((z > 0) == (labels == 1))), labels.size)


def even_odd_task(digits: Digits) -> BinaryTask:
    """Notebook 06's harder question: is the digit odd (``y = 1``) or even (``y = 0``)?"""
    return binary_task(digits, EVEN, ODD, "even versus odd")


def even_odd_size_runs(digits: Digits, sizes: tuple[int, ...] | None = None) -> dict[int, SizeRun]:
    """Section 4's runs: even versus odd on nested training sets, with the notebook's epochs and learning rate.

    ``sizes`` defaults to ``NOTEBOOK_SIZES`` and then all the training images.  A run does not
    depend on the other sizes asked for, so ``sizes=(10,)`` gives the notebook's run on 10 images.
    """
    task = even_odd_task(digits)
    chosen = (*NOTEBOOK_SIZES, len(task.y_train)) if sizes is None else sizes
    return training_size_experiment(task, chosen, epochs=NOTEBOOK_EPOCHS, lr=NOTEBOOK_LR)


def even_odd_decay_choice(digits: Digits) -> DecayChoice:
    """Section 6's sweep: every one of ``NOTEBOOK_DECAYS`` on a small even-versus-odd set, judged on validation."""
    task = smaller_training_set(even_odd_task(digits), NOTEBOOK_REMEDY_SIZE)
    return choose_weight_decay(task, NOTEBOOK_DECAYS, epochs=NOTEBOOK_EPOCHS, lr=NOTEBOOK_LR)
