"""Self-check exercises: feedback that answers at once.

A checker never raises at a learner.  It returns a :class:`Feedback`, which
shows as one coloured line: right, wrong with a hint that points at the idea,
or "not answered yet" with what to do.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

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
