"""Exercise checkers: right, wrong with a hint, or 'not answered yet' -- never a traceback."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.checks.feedback import Feedback, is_unanswered, right, todo, wrong
from helpers.checks.perceptron import check_gate
from helpers.checks.saturation import check_activation_quiz, check_layers_to_vanish, check_saturated_slope
from helpers.checks.scaling import check_after_boundary_quiz, check_output_at_distance, check_same_line
from helpers.checks.sigmoid import check_sigmoid_prime, check_tanh_from_sigmoid, check_z_for_output


def test_feedback_shows_status_and_message():
    assert repr(right("Yes.")) == "✅ Yes."
    assert repr(wrong("Hint.")) == "❌ Hint."
    assert repr(todo("Do it.")) == "✏️ Do it."
    assert bool(right("x")) and not bool(wrong("x")) and not bool(todo("x"))
    assert "border-left" in right("a < b").__class__._repr_html_(right("a < b"))
    assert "a &lt; b" in right("a < b")._repr_html_()
    with pytest.raises(ValueError, match="status must be one of"):
        Feedback("maybe", "?")


def test_is_unanswered():
    assert is_unanswered(...) and is_unanswered(1, None) and not is_unanswered(0, [1, 2])


@pytest.mark.parametrize(
    ("gate", "w", "b"),
    [("AND", [1, 1], -1.5), ("OR", [1, 1], -0.5), ("NAND", [-2, -2], 3), ("nand", (-1, -1), 1.5)],
)
def test_check_gate_accepts_correct_perceptrons(gate, w, b):
    feedback = check_gate(gate, w, b)
    assert feedback.passed, feedback.message
    assert gate.upper() in feedback.message


def test_check_gate_hint_names_the_wrong_row_and_the_idea():
    feedback = check_gate("AND", [1, 1], -0.5)  # that is OR
    assert not feedback.passed
    assert "2 of 4 rows are wrong" in feedback.message
    assert "(0, 1)" in feedback.message and "0 or below" in feedback.message


def test_check_gate_explains_xor_is_impossible_whatever_the_weights():
    for w, b in [([1, 1], -0.5), ([20, -20], 3), ([0, 0], 0)]:
        feedback = check_gate("XOR", w, b)
        assert not feedback.passed and "No line works for XOR" in feedback.message


def test_check_gate_unanswered_and_malformed():
    assert check_gate("AND", ..., ...).status == "todo"
    assert check_gate("AND", [1, 1], ...).status == "todo"
    malformed = check_gate("AND", [1, 1, 1], 0)
    assert malformed.status == "wrong" and "w = [w1, w2]" in malformed.message


def test_check_sigmoid_prime():
    from helpers import sigmoid

    assert check_sigmoid_prime(lambda z: sigmoid(z) * (1 - sigmoid(z))).passed
    assert check_sigmoid_prime(lambda z: ...).status == "todo"
    assert "sigma itself" in check_sigmoid_prime(sigmoid).message
    hint = check_sigmoid_prime(lambda z: sigmoid(z) * sigmoid(z))
    assert not hint.passed and "in terms of sigma(z)" in hint.message
    raised = check_sigmoid_prime(lambda z: 1 / 0)
    assert raised.status == "wrong" and "ZeroDivisionError" in raised.message
    assert "function itself" in check_sigmoid_prime(0.25).message


def test_check_tanh_from_sigmoid():
    from helpers import sigmoid

    assert check_tanh_from_sigmoid(lambda z: 2 * sigmoid(2 * z) - 1).passed
    assert "steepness" in check_tanh_from_sigmoid(lambda z: 2 * sigmoid(z) - 1).message
    assert "runs from" in check_tanh_from_sigmoid(sigmoid).message
    assert check_tanh_from_sigmoid(lambda z: None).status == "todo"


def test_check_z_for_output():
    assert check_z_for_output(np.log(9)).passed
    assert check_z_for_output(...).status == "todo"
    assert "Solve" in check_z_for_output(0.9).message
    assert "one number" in check_z_for_output("big").message


def test_check_saturated_slope():
    from helpers import sigmoid_prime

    assert check_saturated_slope(sigmoid_prime(5.0)).passed
    assert check_saturated_slope(0.00665).passed
    assert check_saturated_slope(...).status == "todo"
    assert not check_saturated_slope(0.25).passed
    assert "one number" in check_saturated_slope("x").message


def test_check_layers_to_vanish():
    assert check_layers_to_vanish(10).passed
    assert "more" in check_layers_to_vanish(9).message and "fewer" in check_layers_to_vanish(12).message
    assert check_layers_to_vanish(...).status == "todo"


def test_check_activation_quiz():
    good = {"zero_centred": "tanh", "no_saturation_for_positive_z": "ReLU", "largest_slope_at_zero": "tanh"}
    assert check_activation_quiz(good).passed
    assert check_activation_quiz(dict.fromkeys(good, ...)).status == "todo"
    partly = good | {"zero_centred": "sigmoid"}
    feedback = check_activation_quiz(partly)
    assert "1 of 3" in feedback.message and "symmetric about 0" in feedback.message


def test_check_same_line():
    assert check_same_line(["a", "b", "f"], ["d"]).passed
    assert check_same_line(["A", "B", "F"], ["D"]).passed
    assert check_same_line(..., ...).status == "todo"
    hint = check_same_line(["a", "b", "c", "f"], ["d"])
    assert not hint.passed and "(c)" in hint.message
    assert "(d)" in check_same_line(["a", "b", "d", "f"], []).message


def test_check_output_at_distance():
    from helpers import sigmoid

    assert check_output_at_distance(sigmoid(4 * np.sqrt(2) * 0.25)).passed
    assert "sqrt(2)" in check_output_at_distance(sigmoid(1.0)).message
    assert check_output_at_distance(...).status == "todo"
    assert not check_output_at_distance(0.5).passed


def test_check_after_boundary_quiz():
    good = {
        "loss_reaches_zero": False,
        "gradient_reaches_zero": False,
        "norm_stays_bounded": False,
        "direction_settles": True,
    }
    assert check_after_boundary_quiz(good).passed
    assert check_after_boundary_quiz(dict.fromkeys(good, ...)).status == "todo"
    feedback = check_after_boundary_quiz(good | {"loss_reaches_zero": True})
    assert "1 of 4" in feedback.message and "log(1 + e^-r)" in feedback.message
    assert not check_after_boundary_quiz(good | {"direction_settles": "yes"}).passed
