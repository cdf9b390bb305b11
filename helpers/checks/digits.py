"""Checkers for the exercises of notebook 06 (digits): right, wrong with a hint, or "to do", never a traceback.

Each checker works out the right answer itself, from the same data and settings as
the notebook, so it does not depend on what the learner's cells left behind.
"""

from __future__ import annotations

import functools
import math
import warnings
from typing import Any

import numpy as np

from ..maths.digits import binary_task, load_digits
from ..maths.digits_binary import (
    NOTEBOOK_DECAYS,
    NOTEBOOK_PAIR,
    NOTEBOOK_SIZES,
    DecayChoice,
    SizeRun,
    even_odd_decay_choice,
    even_odd_size_runs,
)
from ..maths.training import cost_gradient
from .answers import describe, is_unanswered, read_name, read_number
from .feedback import Feedback, right, todo, wrong

#: Exercise 2 asks about the run with the fewest training images.
SMALLEST_SIZE = NOTEBOOK_SIZES[0]
#: An epoch counts as "where the loss is lowest" if its loss is within 1% of the lowest.
EPOCH_TOLERANCE = 0.01
#: The images a setting can be judged on: the three parts of the split.
PARTS_TO_JUDGE_ON = ("training", "validation", "test")


# --- exercise 1: the gradient of the cross-entropy (D3) -------------------------------------------------------------


@functools.cache
def _gradient_cases() -> list[tuple[np.ndarray, np.ndarray, np.ndarray, float]]:
    """Small problems to test a gradient on: 12 real images, with weights at zero, moderate and large."""
    task = binary_task(load_digits(), *NOTEBOOK_PAIR)
    X, y = task.X_train[:12], task.y_train[:12]
    rng = np.random.default_rng(6)
    return [
        (X, y, np.zeros(X.shape[1]), 0.0),
        (X, y, rng.normal(0.0, 0.5, X.shape[1]), 0.3),
        (X, y, rng.normal(0.0, 4.0, X.shape[1]), -2.0),
    ]


def _as_gradient(result: Any, n: int) -> tuple[np.ndarray, float] | Feedback:
    """The learner's return value as ``(dC/dw, dC/db)``, or feedback that says what is wrong with it."""
    if is_unanswered(result):
        return todo("Replace the ... in your function with the two parts of the gradient, then run the cell again.")
    if isinstance(result, np.ndarray) and result.shape == (n,):
        return wrong(f"Your function returns {n} numbers: that looks like dC/dw alone. Return dC/dw and dC/db.")
    if isinstance(result, tuple | list) and any(part is Ellipsis or part is None for part in result):
        return todo("Replace each ... in your function with a formula, then run the cell again.")
    if not isinstance(result, tuple | list) or len(result) != 2:
        return wrong(
            f"Return two things, dC/dw (one number per weight) and dC/db (one number), got {describe(result)}."
        )
    try:
        grad_w = np.asarray(result[0], dtype=np.float64)
        grad_b = np.asarray(result[1], dtype=np.float64)
    except Exception:  # anything a learner may return: say so, never raise
        return wrong("Both parts of the gradient must be numbers (an array for dC/dw, one number for dC/db).")
    if grad_w.shape == () and grad_b.shape == (n,):
        return wrong("The two parts are swapped: return (dC/dw, dC/db), in that order.")
    if grad_w.shape != (n,) or grad_b.size != 1:
        return wrong(
            f"dC/dw needs one number per weight, shape ({n},), and dC/db one number; "
            f"got shapes {grad_w.shape} and {grad_b.shape}."
        )
    if not (np.all(np.isfinite(grad_w)) and np.isfinite(grad_b).all()):
        return wrong("Your gradient holds NaN or infinity. Use the series' sigmoid, which never overflows.")
    return grad_w, float(grad_b.reshape(()))


def check_cross_entropy_gradient(function: Any) -> Feedback:
    """Does ``function(X, y, w, b)`` return the gradient ``(dC/dw, dC/db)`` of the mean cross-entropy?

    Compared, to a relative precision of 1e-6, with the series' ``cost_gradient`` on real
    images, with small and with large weights.
    """
    if function is Ellipsis or function is None:
        return todo("Write the function, then pass it (its name, without brackets) to the checker.")
    if not callable(function):
        return wrong(f"Pass the function itself (its name without brackets), not {describe(function)}.")
    for X, y, w, b in _gradient_cases():
        try:
            with warnings.catch_warnings():  # the learner's code may warn: its values are judged, not its warnings
                warnings.simplefilter("ignore")
                result = function(X.copy(), y.copy(), w.copy(), b)
        except Exception as error:  # a learner's code may raise anything: report it
            name = type(error).__name__
            return wrong(
                f"Your function raised {name}: {describe(error, 100)}. It is given X (m, 64), y (m,), w (64,) and b."
            )
        parsed = _as_gradient(result, X.shape[1])
        if isinstance(parsed, Feedback):
            return parsed
        verdict = _compare_gradient(parsed, X, y, w, b)
        if verdict is not None:
            return verdict
    return right(
        "Right: dC/dw = mean of (a - y) x and dC/db = mean of (a - y). Gradient descent subtracts it, "
        "w <- w + eta mean((y - a) x): the perceptron rule's form, with the output a in place of yhat."
    )


def _compare_gradient(
    given: tuple[np.ndarray, float], X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float
) -> Feedback | None:
    """None if ``given`` is the gradient at ``(w, b)``; otherwise feedback that names the likely mistake."""
    grad_w, grad_b = given

    def close(want_w: np.ndarray, want_b: float) -> tuple[bool, bool]:
        with np.errstate(all="ignore"):
            return (
                bool(np.allclose(grad_w, want_w, rtol=1e-6, atol=1e-12)),
                math.isclose(grad_b, want_b, rel_tol=1e-6, abs_tol=1e-12),
            )

    want_w, want_b = cost_gradient(X, y, w, b, "cross_entropy")
    weights_right, bias_right = close(want_w, want_b)
    if weights_right and bias_right:
        return None
    m = len(y)
    if all(close(m * want_w, m * want_b)):
        return wrong(f"Your gradient is {m} times too large: the cost is a mean over m = {m} images, so divide by m.")
    if all(close(-want_w, -want_b)):
        return wrong(
            "Your gradient has the wrong sign: the mean of (y - a) x is minus the gradient, the way downhill. "
            "The gradient, which gradient descent subtracts, uses a - y."
        )
    if all(close(*cost_gradient(X, y, w, b, "quadratic"))):
        return wrong("That carries sigma'(z): it is the quadratic cost's gradient. With cross-entropy, sigma' cancels.")
    if weights_right:
        return wrong("dC/dw is right but dC/db is not: the bias acts like a weight whose input is always 1.")
    if bias_right:
        return wrong("dC/db is right but dC/dw is not: multiply each image's a - y by its pixels x, then average.")
    return wrong(
        "Not the gradient yet. For each image a = sigma(w . x + b); dC/dw is the mean over the images "
        "of (a - y) x, and dC/db the mean of (a - y)."
    )


# --- exercise 2: where each loss is lowest (D4) ----------------------------------------------------------------------


@functools.cache
def smallest_run() -> SizeRun:
    """The notebook's run with the fewest training images (even versus odd, section 4's epochs and learning rate)."""
    return even_odd_size_runs(load_digits(), (SMALLEST_SIZE,))[SMALLEST_SIZE]


def _read_epoch(value: Any, which: str, last: int) -> int | Feedback:
    """An epoch 0 .. ``last`` for the ``which`` loss, or the feedback that says what to fix."""
    number = read_number(
        value,
        what=f"the epoch of the lowest {which} loss",
        fill_in="Replace both ... with an epoch (a whole number), then run the cell again.",
    )
    if isinstance(number, Feedback):
        return number
    if 0 < number < 1:
        return wrong(f"{number:g} looks like a loss. Give the epoch where the {which} loss is lowest.")
    if not number.is_integer():
        return wrong(f"{number:g} is not a whole number. Epochs are counted 0, 1, 2, ...: give the epoch as one.")
    if not 0 <= number <= last:
        shown = f"{number:,.0f}" if abs(number) < 1e9 else "that number"
        return wrong(f"The run has epochs 0 to {last:,}; {shown} is not one of them.")
    return int(number)


def _near_lowest(loss: np.ndarray, epoch: int) -> bool:
    """Is the loss after ``epoch`` within ``EPOCH_TOLERANCE`` of its lowest value?"""
    return bool(loss[epoch] <= loss.min() * (1 + EPOCH_TOLERANCE))


def check_lowest_loss_epochs(training_epoch: Any, test_epoch: Any) -> Feedback:
    """For the neuron trained on the fewest training images: after which epoch is the training loss lowest, and after
    which the test loss?

    Any epoch whose loss is within 1% of that loss's lowest value counts, so reading them off the plot is fine.
    """
    if is_unanswered(training_epoch) or is_unanswered(test_epoch):
        return todo("Replace both ... with an epoch (a whole number), then run the cell again.")
    run = smallest_run()
    last = run.history.epochs
    train_at = _read_epoch(training_epoch, "training", last)
    if isinstance(train_at, Feedback):
        return train_at
    test_at = _read_epoch(test_epoch, "test", last)
    if isinstance(test_at, Feedback):
        return test_at
    best_train, best_test = int(np.argmin(run.train_loss)), run.lowest_test_loss_epoch()
    train_right, test_right = _near_lowest(run.train_loss, train_at), _near_lowest(run.test_loss, test_at)
    if train_right and test_right:
        return right(
            f"Right: the training loss falls at every epoch, to {run.train_loss[best_train]:.4f} at the last, "
            f"epoch {best_train:,}. The test loss is lowest around epoch {best_test} ({run.test_loss[best_test]:.3f}) "
            f"and then climbs back to {run.test_loss[-1]:.3f}: the neuron learns its {SMALLEST_SIZE} images, not the "
            "question. That is overfitting."
        )
    if _near_lowest(run.train_loss, test_at) and _near_lowest(run.test_loss, train_at):
        return wrong("Those are the right two epochs, swapped: the first answer is for the training loss.")
    if not train_right:
        side = "later" if train_at < best_train else "earlier"
        return wrong(
            f"At epoch {train_at:,} the training loss is {run.train_loss[train_at]:.4f}; it gets lower {side}. "
            "Follow the solid curve, the loss on the images the neuron learns from."
        )
    if test_at == last:
        return wrong(
            f"Your training epoch is right. At epoch {last:,} the training loss is lowest, but the second answer is "
            "about the test loss, the dashed curve: where does it bottom out?"
        )
    side = "later" if test_at < best_test else "earlier"
    return wrong(
        f"Your training epoch is right. At epoch {test_at:,} the test loss is {run.test_loss[test_at]:.3f}; it gets "
        f"lower {side}. Follow the dashed curve."
    )


# --- exercise 3: judge on validation, choose the decay strength (D6) -------------------------------------------------


@functools.cache
def remedy_choice() -> DecayChoice:
    """The notebook's decay sweep: even versus odd on a few training images, judged on the validation images."""
    return even_odd_decay_choice(load_digits())


def check_chosen_decay(judged_on: Any, decay: Any) -> Feedback:
    """On which images do you judge the decay strengths ("training", "validation" or "test"), and which strength do
    you choose? (One of ``NOTEBOOK_DECAYS``, exactly as in the table.)"""
    fill_in = (
        'Replace both ...: the images you judge on ("training", "validation" or "test"), and one strength '
        "from the table, e.g. 0.01. Then run the cell again."
    )
    if is_unanswered(judged_on) or is_unanswered(decay):
        return todo(fill_in)
    part = read_name(judged_on, PARTS_TO_JUDGE_ON, what="the images you judge on", fill_in=fill_in)
    if isinstance(part, Feedback):
        return part
    value = read_number(decay, what="one strength from the table's λ column, e.g. 0.01,", fill_in=fill_in)
    if isinstance(value, Feedback):
        return value
    matches = [d for d in NOTEBOOK_DECAYS if math.isclose(value, d, rel_tol=1e-9, abs_tol=1e-15)]
    if not matches:
        listed = ", ".join(f"{d:g}" for d in NOTEBOOK_DECAYS)
        return wrong(f"{value:g} was not tried. Choose one of the strengths in the table: {listed}.")
    if part == "training":
        return wrong(
            "Not on the training images: their loss always prefers the weakest decay, because it measures how well "
            "the neuron fits the images it learned from. Judge on images that play no part in training and are "
            "not kept for the final report."
        )
    if part == "test":
        return wrong(
            "Not on the test images: a score we chose by is no longer a fair estimate for new images. Keep them for "
            "one look at the end, and judge on the images set aside for choosing settings."
        )
    choice = remedy_choice()
    place = NOTEBOOK_DECAYS.index(matches[0])
    if matches[0] == choice.chosen:
        return right(
            f"Right: on the validation images, λ = {choice.chosen:g} has the lowest loss "
            f"({choice.validation_loss[place]:.3f}). The test images played no part in the choice, so their score, "
            "computed once below, is a fair estimate for new images."
        )
    if place == int(np.argmin(choice.training_loss)):
        return wrong(
            f"Validation is right, but λ = {value:g} has the lowest training loss, not the lowest validation loss. "
            "Read the validation column."
        )
    return wrong(
        f"Validation is right. At λ = {value:g} the validation loss is {choice.validation_loss[place]:.3f}. Compare "
        "the validation column row by row: which strength gives the lowest validation loss?"
    )
