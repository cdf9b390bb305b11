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
