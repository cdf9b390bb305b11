"""Self-check exercises: feedback that answers at once.

A checker never raises at a learner.  It returns a :class:`Feedback`, which
shows as one coloured line: right, wrong with a hint that points at the idea,
or "not answered yet" with what to do.  Reading the learner's answer, whatever
it is, is the job of :mod:`helpers.checks.answers`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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


def grade_quiz(
    given: Mapping[str, Any],
    expected: Mapping[str, Any],
    statements: Mapping[str, str],
    hints: Mapping[str, str],
    *,
    all_right: str,
) -> Feedback:
    """Judge several answers at once (already read, one per key): all right, or a hint on the first wrong one."""
    wrong_ones = [key for key, want in expected.items() if given[key] != want]
    if not wrong_ones:
        return right(all_right)
    first = wrong_ones[0]
    return wrong(f'{len(wrong_ones)} of {len(expected)} not right yet. "{statements[first]}" Hint: {hints[first]}')
