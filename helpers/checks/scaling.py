"""Checkers for notebook 04: scaled lines, the output at a distance, the after-boundary quiz."""

from __future__ import annotations

import math
from typing import Any

from ..maths.neuron import sigmoid
from ..maths.scaling import same_line
from .answers import agrees_to_significant_figures, read_choices, read_number, read_truth_values
from .feedback import Feedback, grade_quiz, right, wrong

SCALED_LINES = {
    "a": (2.0, 2.0, -6.0),
    "b": (0.5, 0.5, -1.5),
    "c": (1.0, 1.0, -6.0),
    "d": (-3.0, -3.0, 9.0),
    "e": (2.0, 1.0, -3.0),
    "f": (10.0, 10.0, -30.0),
}


def check_same_line(same: Any, swapped: Any) -> Feedback:
    """Which of ``SCALED_LINES`` give the line x + y = 3 with the same sides (``same``) or swapped sides?

    Two lists of letters (any case, any order); both must be exactly right.
    """
    fill_in = "Fill in both lists with letters from the list, e.g. same = ['c', 'e'], then run the cell again."
    letters = tuple(SCALED_LINES)
    given_same = read_choices(same, letters, what="the list same", fill_in=fill_in)
    if isinstance(given_same, Feedback):
        return given_same
    given_swapped = read_choices(swapped, letters, what="the list swapped", fill_in=fill_in)
    if isinstance(given_swapped, Feedback):
        return given_swapped
    both = sorted(given_same & given_swapped)
    if both:
        return wrong(f"({both[0]}) is in both lists: a neuron keeps the sides of x + y = 3 or swaps them, not both.")
    truth = {key: same_line((1.0, 1.0, -3.0), line) for key, line in SCALED_LINES.items()}
    want_same = {key for key, verdict in truth.items() if verdict == "same"}
    want_swapped = {key for key, verdict in truth.items() if verdict == "same, sides swapped"}
    if given_same == want_same and given_swapped == want_swapped:
        return right(
            "Right: (w, b) times any c > 0 keeps the line and its sides; c < 0 keeps the line but swaps the sides."
        )
    key = (sorted(given_same ^ want_same) + sorted(given_swapped ^ want_swapped))[0]
    w1, w2, b = SCALED_LINES[key]
    return wrong(
        f"Look again at ({key}) {w1:g}x + {w2:g}y + {b:g} = 0: is it (1, 1, -3) times one number c? "
        "If so, is that c positive or negative?"
    )


def check_output_at_distance(value: Any, c: Any = 4.0, distance: Any = 0.25) -> Feedback:
    """The output of the neuron c (1, 1), -3c at a point ``distance`` from x + y = 3 on its positive side.

    Right to two significant figures: every value within half a unit of the second
    significant figure of ``sigma(c sqrt(2) distance)``.
    """
    scale = read_number(c, what="the scale c")
    if isinstance(scale, Feedback):
        return scale
    d = read_number(distance, what="the distance")
    if isinstance(d, Feedback):
        return d
    z = scale * math.sqrt(2.0) * d
    if not math.isfinite(z):
        return wrong(f"c = {scale:g} and d = {d:g} give a z too large to compute: choose a smaller c or d.")
    answer = read_number(value, what="the neuron's output (a number between 0 and 1)")
    if isinstance(answer, Feedback):
        return answer
    exact = float(sigmoid(z))
    if agrees_to_significant_figures(answer, exact, 2):
        return right(
            f"z = c |(1, 1)| d = {scale:g} x {math.sqrt(2):.4f} x {d:g} = {z:.4f}, and sigma(z) = {exact:.4f}: "
            "it agrees to two significant figures."
        )
    if agrees_to_significant_figures(answer, float(sigmoid(scale * d)), 2):
        return wrong("Close: the distance d must be multiplied by |(1, 1)| = sqrt(2), not 1, to give x + y - 3.")
    twice = scale * z  # c counted twice: finite z can still overflow here
    if math.isfinite(twice) and agrees_to_significant_figures(answer, float(sigmoid(twice)), 2):
        return wrong(f"That scales twice: the weights ({scale:g}, {scale:g}) already hold c; z = |w| d = c |(1, 1)| d.")
    if abs(answer - exact) < 0.05:
        return wrong(f"Close, but not to two significant figures ({answer:.4g}): keep every digit of z, round last.")
    return wrong("At distance d from the line, x + y - 3 = |(1, 1)| d; the scaled z is c times that. Then apply sigma.")


AFTER_BOUNDARY_STATEMENTS = {
    "loss_reaches_zero": "Without weight decay, the training loss eventually reaches exactly 0.",
    "gradient_reaches_zero": "The gradient eventually becomes exactly 0.",
    "norm_stays_bounded": "Without weight decay, |w| stays below some fixed bound for ever.",
    "direction_settles": "The direction of (w, b) settles down (towards the max-margin direction).",
}


_AFTER_BOUNDARY_TRUTH = {
    "loss_reaches_zero": False,
    "gradient_reaches_zero": False,
    "norm_stays_bounded": False,
    "direction_settles": True,
}


_AFTER_BOUNDARY_HINTS = {
    "loss_reaches_zero": "Each example adds log(1 + e^-r) > 0 for every finite margin r.",
    "gradient_reaches_zero": "Take any (w*, b*) that separates the data. Each term (a - y)(x, 1) of the gradient has "
    "a strictly negative dot product with it (a < 1 where y = 1, a > 0 where y = 0), so their sum cannot be 0.",
    "norm_stays_bounded": "Look at the |w| column of the table, and at the log-scale plot.",
    "direction_settles": "Look at w1/b in the table.",
}


def check_after_boundary_quiz(answers: Any) -> Feedback:
    """True/False answers (not "yes" or 1) to the statements of ``AFTER_BOUNDARY_STATEMENTS``."""
    fill_in = "Replace each ... with True or False, then run the cell again."
    given = read_truth_values(answers, tuple(AFTER_BOUNDARY_STATEMENTS), fill_in=fill_in)
    if isinstance(given, Feedback):
        return given
    return grade_quiz(
        given,
        _AFTER_BOUNDARY_TRUTH,
        AFTER_BOUNDARY_STATEMENTS,
        _AFTER_BOUNDARY_HINTS,
        all_right="All four right: the loss and the gradient never reach 0, so |w| grows for ever, "
        "in a settling direction.",
    )
