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

from ..maths.digits import EVEN, ODD, binary_task, load_digits
from ..maths.digits_binary import (
    DecayChoice,
    SizeRun,
    choose_weight_decay,
    smaller_training_set,
    training_size_experiment,
)
from ..maths.training import cost_gradient
from .answers import describe, is_unanswered, read_number
from .feedback import Feedback, right, todo, wrong

#: The settings of the notebook's experiments that the checkers reproduce.
GRADIENT_PAIR = (1, 2)
SMALLEST_SIZE = 10
SIZE_EPOCHS = 2_000
REMEDY_SIZE = 80
DECAYS = (0.0, 1e-3, 3e-3, 1e-2, 3e-2, 0.1)
LEARNING_RATE = 0.5
#: An epoch counts as "where the test loss is lowest" if its loss is within 1% of the lowest.
EPOCH_TOLERANCE = 0.01


# --- exercise 1: the gradient of the cross-entropy (D3) -------------------------------------------------------------


@functools.cache
def _gradient_cases() -> list[tuple[np.ndarray, np.ndarray, np.ndarray, float]]:
    """Small problems to test a gradient on: 12 real images, with weights at zero, moderate and large."""
    task = binary_task(load_digits(), *GRADIENT_PAIR)
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


# --- exercise 2: where the test loss is lowest (D4) ------------------------------------------------------------------


@functools.cache
def smallest_run() -> SizeRun:
    """The notebook's run with the fewest training images (even versus odd, 10 images, 2,000 epochs)."""
    task = binary_task(load_digits(), EVEN, ODD, "even versus odd")
    return training_size_experiment(task, (SMALLEST_SIZE,), epochs=SIZE_EPOCHS, lr=LEARNING_RATE)[SMALLEST_SIZE]


def check_lowest_test_loss_epoch(epoch: Any) -> Feedback:
    """After which epoch is the test loss lowest, for the neuron trained on the 10 training images?

    Any epoch whose test loss is within 1% of the lowest counts, so reading it off the plot is fine.
    """
    value = read_number(
        epoch, what="the epoch", fill_in="Replace the ... with an epoch (a whole number), then run the cell again."
    )
    if isinstance(value, Feedback):
        return value
    if 0 < value < 1:
        return wrong(f"{value:g} looks like a loss. The question asks for the epoch where the loss is lowest.")
    if not value.is_integer():
        return wrong(f"{value:g} is not a whole number. Epochs are counted 0, 1, 2, ...: give the epoch as one.")
    number = int(value)
    run = smallest_run()
    last = run.history.epochs
    if not 0 <= number <= last:
        shown = f"{number:,}" if abs(number) < 10**9 else "that number"
        return wrong(f"The run has epochs 0 to {last:,}; {shown} is not one of them.")
    best = run.lowest_test_loss_epoch()
    lowest, here = run.test_loss[best], run.test_loss[number]
    if here <= lowest * (1 + EPOCH_TOLERANCE):
        return right(
            f"Right: the test loss is lowest around epoch {best} ({lowest:.3f}). After that the training loss keeps "
            f"falling, to {run.train_loss[-1]:.4f} at epoch {last:,}, while the test loss climbs back to "
            f"{run.test_loss[-1]:.3f}: overfitting."
        )
    if number == last:
        return wrong(
            f"At epoch {last:,} the training loss is lowest, but the question is about the test loss, "
            "the dashed curve: where does it bottom out?"
        )
    side = "later" if number < best else "earlier"
    return wrong(f"At epoch {number:,} the test loss is {here:.3f}; it gets lower {side}. Follow the dashed curve.")


# --- exercise 3: the decay strength, chosen on validation (D6) -----------------------------------------------------


@functools.cache
def remedy_choice() -> DecayChoice:
    """The notebook's decay sweep: even versus odd, 80 training images, judged on the validation images."""
    task = smaller_training_set(binary_task(load_digits(), EVEN, ODD, "even versus odd"), REMEDY_SIZE)
    return choose_weight_decay(task, DECAYS, epochs=SIZE_EPOCHS, lr=LEARNING_RATE)


def check_chosen_decay(decay: Any) -> Feedback:
    """Which of the decay strengths tried would you choose? (One of ``DECAYS``, exactly as in the table.)"""
    value = read_number(
        decay,
        what="one strength from the table's λ column, e.g. 0.01,",
        fill_in="Replace the ... with one of the strengths in the table, e.g. 0.01, then run the cell again.",
    )
    if isinstance(value, Feedback):
        return value
    matches = [d for d in DECAYS if math.isclose(value, d, rel_tol=1e-9, abs_tol=1e-15)]
    if not matches:
        listed = ", ".join(f"{d:g}" for d in DECAYS)
        return wrong(f"{value:g} was not tried. Choose one of the strengths in the table: {listed}.")
    choice = remedy_choice()
    place = DECAYS.index(matches[0])
    if matches[0] == choice.chosen:
        return right(
            f"Right: λ = {choice.chosen:g} has the lowest validation loss ({choice.validation_loss[place]:.3f}). "
            "The test images played no part in the choice, so their score, computed once below, is a fair "
            "estimate for new images."
        )
    if place == int(np.argmin(choice.training_loss)):
        return wrong(
            f"λ = {value:g} has the lowest training loss, but the training loss always prefers the weakest decay: "
            "it measures how well the neuron fits the images it learned from. Judge on the validation images."
        )
    return wrong(
        f"At λ = {value:g} the validation loss is {choice.validation_loss[place]:.3f}. Compare the validation "
        "column row by row: which strength gives the lowest validation loss?"
    )
