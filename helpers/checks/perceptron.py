"""Checkers for notebook 01: logic gates from one perceptron."""

from __future__ import annotations

from typing import Any

from ..maths.perceptron import truth_table
from .feedback import Feedback, is_unanswered, right, todo, wrong


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
