"""Checkers for the exercises of notebook 05: backpropagation, the learning rate, initialisation.

Like every checker of the series, each one answers at once and never raises, whatever it is given:
right, wrong with a hint that points at the idea, or "not answered yet" with what to do.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..maths.activations import activate, activation_prime
from ..maths.network import Network, backprop, forward, init_spread
from .answers import describe, holds_placeholder, read_number, read_numbers
from .feedback import Feedback, right, todo, wrong

# --- shared answer parsing -------------------------------------------------------------------


def _number(value: Any) -> float | None:
    """One finite real number read by the shared reader, or None if it is not one."""
    number = read_number(value, what="a number")
    return None if isinstance(number, Feedback) else number


# --- N3: backpropagation by hand ----------------------------------------------------------------


def backprop_exercise() -> tuple[Network, np.ndarray, np.ndarray]:
    """The 2-2-1 sigmoid network, the input ``x`` (a column) and the target ``y`` of the backpropagation exercise."""
    W1, b1 = np.array([[0.5, -1.0], [1.5, 0.5]]), np.array([[0.0], [-0.5]])
    W2, b2 = np.array([[1.0, -2.0]]), np.array([[0.5]])
    return Network((W1, W2), (b1, b2)), np.array([[1.0], [1.0]]), np.array([[0.0]])


#: The hint for four numbers: a column of two times a row of two, which numpy broadcasts to a 2 x 2 array.
BROADCAST_HINT = (
    "Yours has 4 numbers, a 2 x 2 array: numpy multiplied a column of 2 by a row of 2, every pair. delta^1 has one "
    "number per hidden unit: give both factors the same shape (for example, flatten (W^2)^T delta^2 with .ravel()) "
    "and multiply unit by unit."
)


def check_hidden_delta(delta_1: Any) -> Feedback:
    """Is ``delta_1`` the error ``delta^1`` of the hidden layer (two numbers, to 4 decimal places)?"""
    if holds_placeholder(delta_1):
        return todo("Replace the ... with the two numbers of delta^1, e.g. [0.1, -0.2] (4 decimal places).")
    given = read_numbers(delta_1, 2, what="delta^1, one number per hidden unit, e.g. [0.1, -0.2],")
    if isinstance(given, Feedback):
        if not isinstance(read_numbers(delta_1, 4, what="delta^1"), Feedback):
            return wrong(BROADCAST_HINT)
        return given
    net, x, y = backprop_exercise()
    activations, zs = forward(net, x)
    delta_2 = activations[-1] - y
    W2 = net.weights[1]
    exact = backprop(net, x, y)[1][0].ravel()  # dC/db^1 = delta^1 for one example

    def close(candidate: np.ndarray) -> bool:
        return bool(np.all(np.abs(given - np.ravel(candidate)) <= 1e-4))

    if close(exact):
        return right(
            f"delta^1 = ({exact[0]:.4f}, {exact[1]:.4f}): the output's error {delta_2.item():.4f}, sent back through "
            "(W^2)^T and scaled by each hidden unit's slope sigma'(z^1). It is also dC/db^1 for this example."
        )
    mistakes = [
        (-exact, "The sign is flipped: delta^L = a^L - y (the output minus the target), not y - a^L."),
        (W2.T @ delta_2, "You have (W^2)^T delta^2. BP2 also multiplies, unit by unit, by sigma'(z^1)."),
        (
            (W2.T @ delta_2) * activation_prime(zs[1], "sigmoid"),
            "You multiplied by sigma'(z^2), the output's slope. BP2 needs sigma'(z^1): the slope of the layer "
            "whose delta you are computing.",
        ),
        (
            (W2.T @ delta_2) * activate(zs[0], "sigmoid"),
            "You multiplied by sigma(z^1), the hidden outputs. BP2 needs the slope sigma'(z^1) = sigma(1 - sigma).",
        ),
        (
            (W2.T @ (delta_2 * activation_prime(zs[1], "sigmoid"))) * activation_prime(zs[0], "sigmoid"),
            "That is the quadratic cost's delta: with cross-entropy and a sigmoid output, delta^2 = a^2 - y, "
            "with no sigma'(z^2) factor.",
        ),
    ]
    for candidate, hint in mistakes:
        if close(candidate):
            return wrong(hint)
    return wrong(
        "Not yet. Start from delta^2 = a^2 - y (one number), then delta^1 = (W^2)^T delta^2 times sigma'(z^1), "
        "unit by unit. Keep 4 decimal places."
    )


# --- N5: the learning rate on a bowl --------------------------------------------------------------

#: The bowl of the learning-rate exercise: C(w) = 2 w**2, so C'(w) = 4 w.
BOWL_CURVATURE = 4.0


def check_bowl_rates(oscillates_from: Any, diverges_from: Any) -> Feedback:
    """For gradient descent on ``C(w) = 2 w**2``: from which eta does ``w`` overshoot (oscillate), and from
    which does it grow (diverge)? Each to 3 decimal places."""
    if holds_placeholder(oscillates_from) or holds_placeholder(diverges_from):
        return todo("Replace both ... with a learning rate (a number), e.g. 0.1 (3 decimal places).")
    low, high = _number(oscillates_from), _number(diverges_from)
    if low is None or high is None:
        bad = oscillates_from if low is None else diverges_from
        return wrong(f"Each answer is one finite number, a learning rate such as 0.1; got {describe(bad)}.")
    want_low, want_high = 1 / BOWL_CURVATURE, 2 / BOWL_CURVATURE

    def near(value: float, target: float) -> bool:
        return abs(value - target) <= 1e-3

    if near(low, want_low) and near(high, want_high):
        return right(
            f"Each step multiplies w by 1 - 4 eta: past eta = {want_low:g} that factor is negative (w changes sign "
            f"every step), past eta = {want_high:g} it is below -1 (|w| grows). The steepest direction of a "
            "network's loss sets its limit the same way."
        )
    if near(low, want_high) and near(high, want_low):
        return wrong("Those are the right two numbers, swapped: overshooting starts first, growing later.")
    if near(low, 2 * want_low) and near(high, 2 * want_high):
        return wrong("Check the derivative: C(w) = 2 w^2 gives C'(w) = 4 w, so one step is w <- w - 4 eta w.")
    if high <= low:
        return wrong("Diverging needs a larger step than overshooting: the second answer must be the larger one.")
    which = "first" if not near(low, want_low) else "second"
    return wrong(
        f"Your {which} answer is off. One step is w <- (1 - 4 eta) w. When is the factor 1 - 4 eta negative, "
        "and when is it below -1?"
    )


# --- N6: initialisation ----------------------------------------------------------------------------

#: The layer of the initialisation exercise.
INIT_LAYER = {"n_in": 50, "n_out": 200}
INIT_QUESTIONS = {
    "lecun": "Standard deviation of the weights, LeCun (variance 1/n_in)",
    "xavier": "Standard deviation of the weights, Xavier/Glorot (variance 2/(n_in + n_out))",
    "he": "Standard deviation of the weights, He (variance 2/n_in)",
    "distinct_from_equal": "Every weight started at 0.5, every bias at 0: how many different units after training?",
}


def check_init_spreads(answers: Any) -> Feedback:
    """Answers to ``INIT_QUESTIONS`` for a layer with 50 inputs and 200 units (3 significant figures)."""
    if not isinstance(answers, dict):
        return wrong(f"Keep the answers in the dictionary, e.g. {{'lecun': 0.1, ...}}; got {describe(answers)}.")
    if any(holds_placeholder(answers.get(key, ...)) for key in INIT_QUESTIONS):
        return todo("Fill in each ... with a number (a whole number for distinct_from_equal), then run the cell again.")
    n_in, n_out = INIT_LAYER["n_in"], INIT_LAYER["n_out"]
    problems = []
    for key in ("lecun", "xavier", "he"):
        value, exact = _number(answers[key]), init_spread(key, n_in, n_out)
        if value is None:
            problems.append(f"{key}: give one finite number, got {describe(answers[key])}.")
        elif abs(value - exact) <= 5e-3 * exact:
            continue
        elif abs(value - exact**2) <= 5e-3 * exact**2:
            problems.append(f"{key}: that is the variance; the standard deviation is its square root.")
        elif key != "xavier" and abs(value - init_spread(key, n_out, n_in)) <= 5e-3 * exact:
            problems.append(f"{key}: it depends on the number of inputs n_in = {n_in}, not on n_out.")
        else:
            problems.append(f"{key}: not yet; take the square root of the variance in the question.")
    units = answers["distinct_from_equal"]
    count = _number(units)
    if count is None or not count.is_integer():
        problems.append("distinct_from_equal: give a whole number of units, such as 3.")
    elif count != 1:
        problems.append(
            "distinct_from_equal: every unit starts with the same weights, 0.5 as much as 0, so every unit gets the "
            "same gradient, at every step."
        )
    if not problems:
        return right(
            f"LeCun {init_spread('lecun', n_in, n_out):.4f}, Xavier {init_spread('xavier', n_in, n_out):.4f}, "
            f"He {init_spread('he', n_in, n_out):.4f}; and from equal weights the {n_out} units stay copies of one "
            "unit: it is the symmetry, not the zeros, that holds them together."
        )
    return wrong(f"{len(problems)} of 4 not right yet. " + " ".join(problems[:2]))
