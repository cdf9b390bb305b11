"""Self-check exercises: feedback that answers at once.

A checker never raises at a learner.  It returns a :class:`Feedback`, which
shows as one coloured line: right, wrong with a hint that points at the idea,
or "not answered yet" with what to do.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .perceptron_rule import truth_table

STATUS_STYLE = {
    "right": ("✅", "#009E73"),
    "wrong": ("❌", "#D55E00"),
    "todo": ("✏️", "#0072B2"),
}


@dataclass(frozen=True)
class Feedback:
    """The answer of a checker: ``status`` is "right", "wrong" or "todo"."""

    status: str
    message: str

    def __post_init__(self) -> None:
        if self.status not in STATUS_STYLE:
            raise ValueError(f"status must be one of {sorted(STATUS_STYLE)}, got {self.status!r}")

    @property
    def passed(self) -> bool:
        """True when the answer is right."""
        return self.status == "right"

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        icon, _ = STATUS_STYLE[self.status]
        return f"{icon} {self.message}"

    def _repr_html_(self) -> str:
        icon, colour = STATUS_STYLE[self.status]
        return (
            f'<div style="border-left: 4px solid {colour}; padding: 0.3em 0.8em">'
            f"{icon} {html.escape(self.message)}</div>"
        )


def right(message: str) -> Feedback:
    """Feedback for a correct answer."""
    return Feedback("right", message)


def wrong(hint: str) -> Feedback:
    """Feedback for a wrong answer: the hint should point at the idea."""
    return Feedback("wrong", hint)


def todo(what_to_do: str) -> Feedback:
    """Feedback for an exercise that has not been answered yet."""
    return Feedback("todo", what_to_do)


def is_unanswered(*answers: Any) -> bool:
    """True if any answer is still the placeholder ``...`` or ``None``."""
    return any(answer is Ellipsis or answer is None for answer in answers)


def check_gate(name: str, w: Any, b: Any) -> Feedback:
    """Does the perceptron ``(w, b)`` compute the logic gate ``name`` on all four inputs?"""
    gate = str(name).upper()
    if is_unanswered(w, b):
        return todo(
            f"Replace the ... with two weights, e.g. w = [1.0, 1.0], and a bias b, then run the cell to test {gate}."
        )
    try:
        rows = truth_table(gate, w, b)
    except ValueError as error:
        return wrong(f"That is not a perceptron for two inputs: {error}. Use w = [w1, w2] and one number b.")
    if gate == "XOR":
        return wrong(
            "No line works for XOR, so no (w, b) can. It would need b <= 0 (for 0,0), w1 + b > 0 and w2 + b > 0 "
            "(for 1,0 and 0,1); adding those two gives w1 + w2 + 2b > 0, so w1 + w2 + b > -b >= 0, "
            "and then (1,1) would fire too."
        )
    missed = [row for row in rows if row[2] != row[3]]
    if not missed:
        return right(f"Your perceptron computes {gate} on all four inputs.")
    (x1, x2), z, _, wanted = missed[0]
    need = "be above 0 so that it fires" if wanted == 1 else "be 0 or below so that it stays silent"
    return wrong(
        f"{len(missed)} of 4 rows are wrong. For input ({x1}, {x2}), z = w1*{x1} + w2*{x2} + b = {z:g}, "
        f"but it should {need}. Think about which weights that row switches on."
    )


def _call_learner_function(function: Any, z: np.ndarray) -> tuple[np.ndarray | None, Feedback | None]:
    """Call a learner's function safely: its values, or the feedback that explains what went wrong."""
    if not callable(function):
        return None, wrong(f"Pass the function itself (its name without brackets), not {function!r}.")
    try:
        result = function(z)
    except Exception as error:  # a learner's code may raise anything: report it, never a traceback
        return None, wrong(
            f"Your function raised {type(error).__name__}: {error}. Make it work on a numpy array of z values."
        )
    if result is Ellipsis or result is None:
        return None, todo("Replace the ... in your function's return line with a formula, then run the cell again.")
    try:
        values = np.broadcast_to(np.asarray(result, dtype=np.float64), z.shape)
    except (TypeError, ValueError):
        return None, wrong(f"Your function should return one number per z, got {result!r}.")
    return values, None


def check_sigmoid_prime(function: Any) -> Feedback:
    """Is ``function(z)`` the derivative of the sigmoid? Compared with a central difference."""
    from .gradients import central_difference
    from .neuron import sigmoid

    z = np.linspace(-6.0, 6.0, 25)
    values, problem = _call_learner_function(function, z)
    if problem is not None:
        return problem
    numeric = central_difference(sigmoid, z)
    if np.allclose(values, numeric, rtol=1e-6, atol=1e-9):
        return right(f"Your derivative matches the numerical one at 25 points; its peak is {values[12]:.4f} at z = 0.")
    if np.allclose(values, np.asarray(sigmoid(z))):
        return wrong("That is sigma itself. Differentiate 1/(1 + e^-z) with the chain rule.")
    worst = int(np.argmax(np.abs(values - numeric)))
    return wrong(
        f"At z = {z[worst]:g} your function gives {values[worst]:.4f} but the slope of sigma there is "
        f"{numeric[worst]:.4f}. Try writing the derivative in terms of sigma(z) itself."
    )


def check_tanh_from_sigmoid(function: Any) -> Feedback:
    """Does ``function(z)``, built from the sigmoid, equal tanh(z)?"""
    z = np.linspace(-10.0, 10.0, 41)
    values, problem = _call_learner_function(function, z)
    if problem is not None:
        return problem
    if np.allclose(values, np.tanh(z), rtol=1e-9, atol=1e-12):
        return right("tanh(z) = 2 sigma(2z) - 1: the sigmoid, stretched to (-1, 1) and made twice as steep.")
    low, high, middle = values.min(), values.max(), values[20]
    if not (-1.01 < low < -0.99 and 0.99 < high < 1.01):
        return wrong(f"Your curve runs from {low:.2f} to {high:.2f}; tanh runs from -1 to 1. Stretch and shift sigma.")
    if abs(middle) > 1e-6:
        return wrong(f"At z = 0 your function gives {middle:.3f}; tanh(0) = 0.")
    return wrong("The range is right but the steepness is not: compare tanh'(0) = 1 with the slope of your curve at 0.")


def check_z_for_output(z: Any, target: float = 0.9) -> Feedback:
    """Is ``z`` the weighted input that makes the sigmoid output ``target``?"""
    from .neuron import sigmoid

    if is_unanswered(z):
        return todo(f"Replace the ... with the z for which sigma(z) = {target}.")
    try:
        value = float(z)
    except (TypeError, ValueError):
        return wrong(f"z should be one number, got {z!r}.")
    exact = float(np.log(target / (1 - target)))
    if abs(value - exact) < 1e-3:
        return right(f"sigma({value:.4f}) = {sigmoid(value):.4f}. In general z = ln(p / (1 - p)), the 'logit' of p.")
    return wrong(
        f"sigma({value:g}) = {sigmoid(value):.4f}, not {target}. Solve 1/(1 + e^-z) = {target} for e^-z first."
    )


def check_saturated_slope(answer: Any) -> Feedback:
    """Is ``answer`` sigma'(5), to three significant figures?"""
    from .neuron import sigmoid_prime

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


def _quiz(
    answers: Any,
    expected: dict[str, Any],
    matches: Callable[[Any, Any], bool],
    statements: dict[str, str],
    hints: dict[str, str],
    *,
    fill_in: str,
    all_right: str,
) -> Feedback:
    """Shared logic of the several-answer checkers: what to do, all right, or a hint on the first wrong answer."""
    if not isinstance(answers, dict) or is_unanswered(*answers.values()):
        return todo(fill_in)
    wrong_ones = [key for key, want in expected.items() if not matches(answers.get(key), want)]
    if not wrong_ones:
        return right(all_right)
    first = wrong_ones[0]
    return wrong(f'{len(wrong_ones)} of {len(expected)} not right yet. "{statements[first]}" Hint: {hints[first]}')


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
    from .weight_scaling import same_line

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
    from .neuron import sigmoid

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
