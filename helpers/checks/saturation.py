"""Checkers for notebook 03: a saturated slope, layers to vanish, the activation quiz."""

from __future__ import annotations

from typing import Any

from ..maths.neuron import sigmoid_prime
from ..maths.saturation import chain_bias_gradients, chain_parameters
from .answers import agrees_to_significant_figures, read_names, read_number, read_whole_number
from .feedback import Feedback, grade_quiz, right, wrong


def check_saturated_slope(answer: Any) -> Feedback:
    """Is ``answer`` sigma'(5), to two significant figures (0.0066)?

    Every value within half a unit of the second significant figure is right.
    """
    value = read_number(answer, what="your value of sigma'(5)")
    if isinstance(value, Feedback):
        return value
    exact = float(sigmoid_prime(5.0))
    if agrees_to_significant_figures(value, exact, 2):
        return right(f"sigma'(5) = {exact:.4g}: under 3% of the peak 0.25. The neuron at z = 5 barely learns.")
    if agrees_to_significant_figures(value, 4 * exact, 2):
        return wrong("That is 4 sigma'(5): compare with the peak 0.25 only after computing sigma(5)(1 - sigma(5)).")
    if abs(value - exact) < 0.1 * exact:
        return wrong(
            f"Close, but not to two significant figures ({value:.4g}). Keep every digit of sigma(5) "
            "and round only at the end."
        )
    return wrong(f"Not quite ({value:.4g}). Compute sigma(5) first, then multiply it by 1 - sigma(5).")


MILLIONFOLD = 1e-6
"""Exercise 2 asks when the first layer's gradient falls below this share of the last layer's."""


def first_to_last_gradient_ratio(layers: int) -> float:
    """``(d a_L / d b_1) / (d a_L / d b_L)`` in a chain of ``layers`` units, every weight 1, every unit at z = 0.

    Between layer 1 and layer L there are ``L - 1`` factors ``w sigma'(0) = 1/4``.
    """
    gradients = chain_bias_gradients(0.5, *chain_parameters(layers, 1.0))
    return float(gradients[0] / gradients[-1])


def fewest_layers_to_vanish(share: float = MILLIONFOLD) -> int:
    """The fewest layers for which the first layer's gradient is below ``share`` of the last layer's."""
    layers = 1
    while first_to_last_gradient_ratio(layers) >= share:
        layers += 1
    return layers


def check_layers_to_vanish(layers: Any) -> Feedback:
    """How many layers until the first layer's gradient is below a millionth of the last layer's?

    The chain has every weight 1 and every unit at its steepest point.  A whole number is
    asked for; the answer is computed from the chain itself by :func:`fewest_layers_to_vanish`.
    """
    count = read_whole_number(layers, what="the number of layers")
    if isinstance(count, Feedback):
        return count
    if count < 1:
        return wrong(f"A chain has at least one layer, so {count} cannot be the answer.")
    needed = fewest_layers_to_vanish()
    if count == needed:
        return right(
            f"With {needed} layers there are {needed - 1} factors of 1/4 between the first and the last: "
            f"(1/4)^{needed - 1} = {0.25 ** (needed - 1):.2g} < 1e-6, while {needed - 1} layers give "
            f"(1/4)^{needed - 2} = {0.25 ** (needed - 2):.2g}."
        )
    if count == needed - 1:
        return wrong(
            f"Count the factors: a chain of L layers has only L - 1 factors w sigma' between layer 1 and layer L, "
            f"so {count} layers give (1/4)^{count - 1} = {0.25 ** (count - 1):.2g}, not yet below 1e-6."
        )
    if count > 10 * needed:
        return wrong(f"{count} layers lose far more than a millionfold. You need fewer: solve 4^(L - 1) > 10^6.")
    ratio = first_to_last_gradient_ratio(count)
    direction = "more" if count < needed else "fewer"
    return wrong(
        f"With {count} layers the first gradient is {ratio:.2g} of the last. You need {direction}: "
        "solve 4^(L - 1) > 10^6, counting the factors between layer 1 and layer L."
    )


ACTIVATION_QUESTIONS = {
    "zero_centred": "Which activation's outputs are centred on 0?",
    "no_saturation_for_positive_z": "Which activation never saturates for z > 0?",
    "largest_slope_at_zero": "Which activation has the largest derivative at z = 0 (ReLU has none there)?",
}


ACTIVATIONS = ("sigmoid", "tanh", "relu")


_ACTIVATION_ANSWERS = {"zero_centred": "tanh", "no_saturation_for_positive_z": "relu", "largest_slope_at_zero": "tanh"}


_ACTIVATION_HINTS = {
    "zero_centred": "sigma and ReLU never go below 0; which one is symmetric about 0?",
    "no_saturation_for_positive_z": "Which derivative stays at a constant value however large z gets?",
    "largest_slope_at_zero": "sigma'(0) = 1/4, tanh'(0) = 1, and ReLU has a kink at 0 (slope 0 left, 1 right).",
}


def check_activation_quiz(answers: Any) -> Feedback:
    """Answers ("sigmoid", "tanh" or "relu", any case) to the three questions of ``ACTIVATION_QUESTIONS``."""
    given = read_names(
        answers,
        tuple(ACTIVATION_QUESTIONS),
        ACTIVATIONS,
        fill_in="Fill in each ... with 'sigmoid', 'tanh' or 'relu', then run the cell again.",
    )
    if isinstance(given, Feedback):
        return given
    return grade_quiz(
        given,
        _ACTIVATION_ANSWERS,
        ACTIVATION_QUESTIONS,
        _ACTIVATION_HINTS,
        all_right="All three right: tanh is centred, ReLU does not saturate for z > 0, tanh is steepest at 0.",
    )
