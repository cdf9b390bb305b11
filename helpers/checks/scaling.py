"""Checkers for notebook 04: scaled lines, the output at a distance, the after-boundary quiz."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..maths.neuron import sigmoid
from ..maths.scaling import same_line
from .feedback import Feedback, _quiz, is_unanswered, right, todo, wrong

SCALED_LINES = {
    "a": (2.0, 2.0, -6.0),
    "b": (0.5, 0.5, -1.5),
    "c": (1.0, 1.0, -6.0),
    "d": (-3.0, -3.0, 9.0),
    "e": (2.0, 1.0, -3.0),
    "f": (10.0, 10.0, -30.0),
}


def check_same_line(same: Any, swapped: Any) -> Feedback:
    """Which of ``SCALED_LINES`` give the line x + y = 3 with the same sides (``same``) or swapped sides?"""

    if is_unanswered(same, swapped):
        return todo("Fill in both lists with letters, e.g. same = ['a'] and swapped = [], then run the cell again.")
    truth = {key: same_line((1.0, 1.0, -3.0), line) for key, line in SCALED_LINES.items()}
    want_same = {key for key, verdict in truth.items() if verdict == "same"}
    want_swapped = {key for key, verdict in truth.items() if verdict == "same, sides swapped"}
    given_same = {str(k).lower() for k in same}
    given_swapped = {str(k).lower() for k in swapped}
    if given_same == want_same and given_swapped == want_swapped:
        return right(
            "Right: (w, b) times any c > 0 keeps the line and its sides; c < 0 keeps the line but swaps the sides."
        )
    for key in sorted(given_same ^ want_same) + sorted(given_swapped ^ want_swapped):
        w1, w2, b = SCALED_LINES[key]
        return wrong(
            f"Look again at ({key}) {w1:g}x + {w2:g}y + {b:g} = 0: is it (1, 1, -3) times one number c? "
            "If so, is that c positive or negative?"
        )
    return wrong("Check each line: is (w1, w2, b) a multiple of (1, 1, -3)?")


def check_output_at_distance(value: Any, c: float = 4.0, distance: float = 0.25) -> Feedback:
    """The output of the neuron c (1, 1), -3c at a point ``distance`` from x + y = 3 on its positive side."""

    if is_unanswered(value):
        return todo("Replace the ... with the neuron's output (a number between 0 and 1).")
    try:
        answer = float(value)
    except (TypeError, ValueError):
        return wrong(f"Give one number, got {value!r}.")
    z = c * np.sqrt(2.0) * distance
    exact = float(sigmoid(z))
    if abs(answer - exact) < 1e-3:
        return right(f"z = c |w| d = {c:g} x {np.sqrt(2):.4f} x {distance:g} = {z:.4f}, and sigma(z) = {exact:.4f}.")
    if abs(answer - float(sigmoid(c * distance))) < 1e-3:
        return wrong("Close: the distance d must be multiplied by |w| = sqrt(2), not 1, to give w . x + b.")
    return wrong("For a point at distance d from the line, w . x + b = |w| d. Multiply by c, then apply sigma.")


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
    "gradient_reaches_zero": "The gradient is a sum of (a - y) x, and a is never exactly 0 or 1.",
    "norm_stays_bounded": "Look at the |w| column of the table, and at the log-scale plot.",
    "direction_settles": "Look at w1/b in the table.",
}


def check_after_boundary_quiz(answers: Any) -> Feedback:
    """True/False answers to the statements of ``AFTER_BOUNDARY_STATEMENTS``."""
    return _quiz(
        answers,
        _AFTER_BOUNDARY_TRUTH,
        lambda given, want: given is want,  # True or False only, not "yes"
        AFTER_BOUNDARY_STATEMENTS,
        _AFTER_BOUNDARY_HINTS,
        fill_in="Replace each ... with True or False, then run the cell again.",
        all_right="All four right: the loss and the gradient never reach 0, so |w| grows for ever, "
        "in a settling direction.",
    )
