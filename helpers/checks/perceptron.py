"""Checkers for notebook 01: logic gates from one perceptron."""

from __future__ import annotations

from typing import Any

from ..maths.perceptron import GATE_NAMES, truth_table
from .answers import read_name, read_weights
from .feedback import Feedback, right, wrong


def check_gate(name: Any, w: Any, b: Any) -> Feedback:
    """Does the perceptron ``(w, b)`` compute the logic gate ``name`` on all four inputs?

    Any weights and bias that give the gate's output on the four rows are right: the
    perceptron fires only for ``z > 0``, so ``z = 0`` exactly counts as silent.
    """
    gate = read_name(name, GATE_NAMES, what="the gate")
    if isinstance(gate, Feedback):
        return gate
    fill_in = f"Replace the ... with two weights, e.g. w = [1.0, 1.0], and a bias b, then run the cell to test {gate}."
    read = read_weights(w, b, fill_in=fill_in)
    if isinstance(read, Feedback):
        return read
    weights, bias = read
    if gate == "XOR":
        return wrong(
            "No line works for XOR, so no (w, b) can. It would need b <= 0 (for 0,0), w1 + b > 0 and w2 + b > 0 "
            "(for 1,0 and 0,1); adding those two gives w1 + w2 + 2b > 0, so w1 + w2 + b > -b >= 0, "
            "and then (1,1) would fire too."
        )
    missed = [row for row in truth_table(gate, weights, bias) if row[2] != row[3]]
    if not missed:
        return right(f"Your perceptron computes {gate} on all four inputs.")
    (x1, x2), z, _, wanted = missed[0]
    if wanted == 1 and z == 0:
        need = "be above 0: the perceptron fires only for z > 0, so z = 0 is silent. Move b a little."
    elif wanted == 1:
        need = "be above 0 so that it fires. Think about which weights that row switches on."
    else:
        need = "be 0 or below so that it stays silent. Think about which weights that row switches on."
    return wrong(
        f"{len(missed)} of 4 rows are wrong. For input ({x1}, {x2}), z = w1*{x1} + w2*{x2} + b = {z:g}, "
        f"but it should {need}"
    )
