"""Real handwritten digits: the whole story of the series, told on 8x8 images.

The data are the 1,797 images that scikit-learn ships inside its package (the UCI
"optical recognition of handwritten digits" set, Alpaydin and Kaynak, 1998). Each
image has 8 x 8 pixels, and each pixel counts ink from 0 to 16.  Divided by 16, a
pixel becomes an input ``x_j`` in [0, 1], and an image becomes one input vector of
64 numbers, read row by row.

The neurons, trainers and metrics are the series' own: ``train_perceptron``,
``train_sigmoid_neuron``, ``cost_value``.  Nothing here imports scikit-learn; we
only read the file it ships.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..neuron import perceptron, stable_sigmoid
from ..perceptron_rule import fix_one_example
from ..training import TrainingHistory, cost_value, train_sigmoid_neuron
from ..validation import as_dataset, as_float_array, as_positive_int, as_scalar

SIDE = 8
PIXELS = SIDE * SIDE
MAX_INK = 16
DIGITS = tuple(range(10))
PARTS = ("train", "validation", "test")


# --- the data -------------------------------------------------------------------------------------------------------


def digits_csv_path() -> Path:
    """The file ``digits.csv.gz`` inside the installed scikit-learn, found without importing scikit-learn.

    Importing ``sklearn.datasets`` also imports scipy and takes about a second; finding a
    package's folder takes well under a millisecond.

    Raises
    ------
    ModuleNotFoundError
        If scikit-learn is not installed.
    """
    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the digits come with scikit-learn: pip install scikit-learn")
    path = Path(next(iter(spec.submodule_search_locations))) / "datasets" / "data" / "digits.csv.gz"
    if not path.is_file():
        raise FileNotFoundError(f"scikit-learn is installed but {path} is missing")
    return path


@functools.cache
def _digits_table() -> np.ndarray:
    """The file's 1,797 rows of 64 ink counts and a label, read once per session."""
    with gzip.open(digits_csv_path(), "rt") as file:
        table = np.loadtxt(file, delimiter=",")
    table.setflags(write=False)
    return table


def read_digits() -> tuple[np.ndarray, np.ndarray]:
    """The raw data: ink counts, and what digit each image shows.

    Returns
    -------
    counts : ndarray, shape (1797, 64)
        Ink per pixel, whole numbers from 0 to 16, each image read row by row.
    labels : ndarray of int, shape (1797,)
        The digit 0-9 each image shows.
    """
    table = _digits_table()
    return table[:, :PIXELS].copy(), table[:, PIXELS].astype(int)


def scale_pixels(counts: Any) -> np.ndarray:
    """Ink counts 0..16 become inputs in [0, 1]: ``x_j = count_j / 16``."""
    values = as_float_array(counts, "counts")
    if np.any((values < 0) | (values > MAX_INK)):
        raise ValueError(f"ink counts run from 0 to {MAX_INK}, got values from {values.min()} to {values.max()}")
    return values / MAX_INK


def as_image(x: Any) -> np.ndarray:
    """One input vector of 64 pixels as the 8 x 8 picture it came from (row by row)."""
    values = as_float_array(x, "x")
    if values.shape != (PIXELS,):
        raise ValueError(f"an image has {PIXELS} pixels, got shape {values.shape}")
    return values.reshape(SIDE, SIDE)


def examples_of_each_digit(labels: Any, per_digit: int = 3) -> np.ndarray:
    """Indices of the first ``per_digit`` images of each digit, row by row: 0, 1, ..., 9, then 0, 1, ... again."""
    classes = np.asarray(labels)
    count = as_positive_int(per_digit, "per_digit", allow_zero=False)
    columns = [np.flatnonzero(classes == digit)[:count] for digit in np.unique(classes)]
    if min(column.size for column in columns) < count:
        raise ValueError(f"some digit has fewer than {count} images")
    return np.column_stack(columns).ravel()


@dataclass(frozen=True)
class Split:
    """Which images go where, as index arrays.

    Attributes
    ----------
    train : images the neuron learns from.
    validation : images used to choose settings (a decay strength, when to stop).
    test : images kept aside until the very end, to report how well the final choice does.
    """

    train: np.ndarray
    validation: np.ndarray
    test: np.ndarray


def split_indices(labels: Any, *, fractions: tuple[float, float, float] = (0.6, 0.2, 0.2), seed: int = 0) -> Split:
    """Split the images into train, validation and test parts, digit by digit (a *stratified* split).

    Each digit's images are shuffled with the seed and cut in the given fractions, so
    every part holds about the same share of each digit.  Each part is then shuffled,
    so no part lists its images digit by digit.
    """
    classes = np.asarray(labels)
    if classes.ndim != 1 or classes.size == 0:
        raise ValueError(f"labels must be a non-empty 1-D array, got shape {classes.shape}")
    shares = as_float_array(fractions, "fractions")
    if shares.shape != (3,) or np.any(shares <= 0) or not np.isclose(shares.sum(), 1.0):
        raise ValueError(f"fractions must be three positive numbers that add up to 1, got {fractions}")
    rng = np.random.default_rng(seed)
    parts: list[list[np.ndarray]] = [[], [], []]
    for digit in np.unique(classes):
        members = rng.permutation(np.flatnonzero(classes == digit))
        cuts = np.round(np.cumsum(shares)[:2] * members.size).astype(int)
        for part, chunk in zip(parts, np.split(members, cuts), strict=True):
            part.append(chunk)
    train, validation, test = (rng.permutation(np.concatenate(part)) for part in parts)
    return Split(train=train, validation=validation, test=test)


@dataclass(frozen=True)
class Digits:
    """All 1,797 images as inputs in [0, 1], their labels, and one seeded split.

    Attributes
    ----------
    X : ndarray, shape (1797, 64)
    labels : ndarray of int, shape (1797,)
    split : Split
    """

    X: np.ndarray
    labels: np.ndarray
    split: Split

    def part(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """The inputs and labels of one part: "train", "validation" or "test"."""
        if name not in PARTS:
            raise ValueError(f"the parts are {PARTS}, got {name!r}")
        indices = getattr(self.split, name)
        return self.X[indices], self.labels[indices]


@functools.cache
def load_digits(seed: int = 0) -> Digits:
    """The digits, scaled to [0, 1], with the stratified 60/20/20 split made with ``seed``.

    The arrays are read-only, so every notebook cell sees the same data.
    """
    counts, labels = read_digits()
    X = scale_pixels(counts)
    split = split_indices(labels, seed=seed)
    for array in (X, labels, split.train, split.validation, split.test):
        array.setflags(write=False)
    return Digits(X=X, labels=labels, split=split)


EVEN = (0, 2, 4, 6, 8)
ODD = (1, 3, 5, 7, 9)


@dataclass(frozen=True)
class BinaryTask:
    """A yes/no question on the digits: label 1 for an image of a ``positive`` digit, 0 for a ``negative`` one.

    Each part of the split keeps only the images of those digits.
    """

    name: str
    negative: tuple[int, ...]
    positive: tuple[int, ...]
    X_train: np.ndarray
    y_train: np.ndarray
    X_validation: np.ndarray
    y_validation: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def _as_digit_group(digits: Any) -> tuple[int, ...]:
    group = (digits,) if isinstance(digits, int | np.integer) else tuple(digits)
    if not group or any(isinstance(d, bool) or d not in DIGITS for d in group):
        raise ValueError(f"give one digit 0-9 or several, got {digits!r}")
    return tuple(int(d) for d in group)


def binary_task(digits: Digits, negative: Any, positive: Any, name: str | None = None) -> BinaryTask:
    """The images of some digits from each part: ``y = 1`` for the ``positive`` digits, ``y = 0`` for ``negative``.

    ``negative`` and ``positive`` are one digit each (``binary_task(digits, 1, 2)``: "1 versus 2") or
    groups of digits (``binary_task(digits, EVEN, ODD, "even versus odd")``).
    """
    no, yes = _as_digit_group(negative), _as_digit_group(positive)
    if set(no) & set(yes):
        raise ValueError(f"a digit cannot be on both sides: {sorted(set(no) & set(yes))}")
    arrays = {}
    for part in PARTS:
        X, labels = digits.part(part)
        keep = np.isin(labels, no + yes)
        arrays[f"X_{part}"] = X[keep]
        arrays[f"y_{part}"] = np.isin(labels[keep], yes).astype(np.float64)
    label = name if name is not None else f"{'/'.join(map(str, no))} versus {'/'.join(map(str, yes))}"
    return BinaryTask(name=label, negative=no, positive=yes, **arrays)


def loss_and_accuracy(history: TrainingHistory, X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """The mean cross-entropy and the accuracy on ``(X, y)`` of the neuron after every epoch of ``history``."""
    data, labels = as_dataset(X, y)
    z = history.w @ data.T + history.b[:, None]  # one row per epoch, one column per image
    return cost_value(z, labels), np.mean((z > 0) == (labels == 1), axis=1)


# --- D2: fix one image, break others --------------------------------------------------------------------------------


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


# --- D4: how many training images? ---------------------------------------------------------------------------------


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


# --- D5: weight growth on a separable pair --------------------------------------------------------------------------


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


# --- D6: remedies chosen on the validation images --------------------------------------------------------------------


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


# --- D7: all ten digits -------------------------------------------------------------------------------------------


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


# --- D8: a hidden layer -------------------------------------------------------------------------------------------


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
    from .network import init_network, predict, train_network

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
