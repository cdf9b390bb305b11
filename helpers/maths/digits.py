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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .validation import as_float_array, as_positive_int

SIDE = 8


PIXELS = SIDE * SIDE


MAX_INK = 16


DIGITS = tuple(range(10))


PARTS = ("train", "validation", "test")


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
