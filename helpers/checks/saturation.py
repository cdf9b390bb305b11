"""Checkers for notebook 03: a saturated slope, layers to vanish, the activation quiz."""

from __future__ import annotations

from typing import Any

from ..maths.neuron import sigmoid_prime
from .feedback import Feedback, _quiz, is_unanswered, right, todo, wrong


def check_saturated_slope(answer: Any) -> Feedback:
    """Is ``answer`` sigma'(5), to three significant figures?"""

    if is_unanswered(answer):
        return todo("Replace the ... with your value of sigma'(5).")
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return wrong(f"Give one number, got {answer!r}.")
    exact = float(sigmoid_prime(5.0))
    if abs(value - exact) <= 5e-4 * exact:
        return right(f"sigma'(5) = {exact:.4g}: under 3% of the peak 0.25. The neuron at z = 5 barely learns.")
    if abs(value - 4 * exact) < 1e-3:
        return wrong("That is 4 sigma'(5): compare with the peak 0.25 only after computing sigma(5)(1 - sigma(5)).")
    return wrong(f"Not quite ({value:g}). Compute sigma(5) first, then multiply it by 1 - sigma(5).")


def check_layers_to_vanish(layers: Any) -> Feedback:
    """Fewest layers for which ``(1/4)**layers`` drops below one millionth."""
    if is_unanswered(layers):
        return todo("Replace the ... with a whole number of layers.")
    try:
        count = int(layers)
    except (TypeError, ValueError):
        return wrong(f"Give a whole number of layers, got {layers!r}.")
    if count == 10:
        return right("(1/4)^10 = 9.5e-7 < 1e-6, while (1/4)^9 = 3.8e-6. Ten layers are enough to lose a millionfold.")
    direction = "more" if count < 10 else "fewer"
    return wrong(f"(1/4)^{count} = {0.25**count:.2g}. You need {direction}: solve 4^L > 10^6, i.e. L > 6 / log10(4).")


ACTIVATION_QUESTIONS = {
    "zero_centred": "Which activation's outputs are centred on 0?",
    "no_saturation_for_positive_z": "Which activation never saturates for z > 0?",
    "largest_slope_at_zero": "Which activation has the largest derivative at z = 0?",
}


_ACTIVATION_ANSWERS = {"zero_centred": "tanh", "no_saturation_for_positive_z": "relu", "largest_slope_at_zero": "tanh"}


_ACTIVATION_HINTS = {
    "zero_centred": "sigma and ReLU never go below 0; which one is symmetric about 0?",
    "no_saturation_for_positive_z": "Which derivative stays at a constant value however large z gets?",
    "largest_slope_at_zero": "sigma'(0) = 1/4, tanh'(0) = 1, and ReLU has a kink at 0 (slope 0 left, 1 right).",
}


def check_activation_quiz(answers: Any) -> Feedback:
    """Answers ("sigmoid", "tanh" or "relu") to the three questions of ``ACTIVATION_QUESTIONS``."""
    return _quiz(
        answers,
        _ACTIVATION_ANSWERS,
        lambda given, want: str(given).lower() == want,
        ACTIVATION_QUESTIONS,
        _ACTIVATION_HINTS,
        fill_in="Fill in each ... with 'sigmoid', 'tanh' or 'relu', then run the cell again.",
        all_right="All three right: tanh is centred, ReLU does not saturate for z > 0, tanh is steepest at 0.",
    )
