"""Exercise checkers: right, wrong with a hint, or 'not answered yet' -- never a traceback."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.checks.answers import (
    agrees_to_significant_figures,
    describe,
    is_unanswered,
    read_choices,
    read_function_values,
    read_name,
    read_names,
    read_number,
    read_quiz,
    read_truth_value,
    read_truth_values,
    read_weights,
    read_whole_number,
)
from helpers.checks.feedback import Feedback, grade_quiz, right, todo, wrong
from helpers.checks.perceptron import check_gate
from helpers.checks.saturation import (
    check_activation_quiz,
    check_layers_to_vanish,
    check_saturated_slope,
    fewest_layers_to_vanish,
    first_to_last_gradient_ratio,
)
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


def test_grade_quiz_hints_at_the_first_wrong_answer():
    statements, hints = {"p": "P?", "q": "Q?"}, {"p": "think of p", "q": "think of q"}
    assert grade_quiz({"p": 1, "q": 2}, {"p": 1, "q": 2}, statements, hints, all_right="Yes.").passed
    feedback = grade_quiz({"p": 0, "q": 0}, {"p": 1, "q": 2}, statements, hints, all_right="Yes.")
    assert feedback.message == '2 of 2 not right yet. "P?" Hint: think of p'


@pytest.mark.parametrize(
    ("gate", "w", "b"),
    [("AND", [1, 1], -1.5), ("OR", [1, 1], -0.5), ("NAND", [-2, -2], 3), ("nand", (-1, -1), 1.5)],
)
def test_check_gate_accepts_correct_perceptrons(gate, w, b):
    feedback = check_gate(gate, w, b)
    assert feedback.passed, feedback.message
    assert gate.upper() in feedback.message


def test_check_gate_reads_z_as_the_exercise_does_not_as_floating_point_does():
    """0.1 + 0.2 - 0.3 is 5.6e-17 in floating point: the row (1, 1) has z = 0 and stays silent, so this is not AND."""
    feedback = check_gate("AND", [0.1, 0.2], -0.3)
    assert not feedback.passed and "z = 0 is silent" in feedback.message
    assert check_gate("AND", [0.1, 0.2], -0.29).passed


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
    assert check_gate("AND", [..., 1], 0).status == "todo"
    malformed = check_gate("AND", [1, 1, 1], 0)
    assert malformed.status == "wrong" and "w = [w1, w2]" in malformed.message
    assert "a name in quotes" in check_gate(3, [1, 1], 0).message
    assert "too large" in check_gate("AND", [1e308, 1e308], -1e308).message
    assert "finite" in check_gate("AND", [1, float("nan")], 0).message


def test_check_gate_explains_that_z_equal_to_0_is_silent():
    """Flipping every sign of the AND (1, 1, -1) gives z = 0 at (0, 1): not a NAND, and the hint says why."""
    assert check_gate("AND", [1, 1], -1).passed
    flipped = check_gate("NAND", [-1, -1], 1)
    assert not flipped.passed and "z = 0 is silent" in flipped.message
    assert check_gate("NAND", [-1, -1], 1.5).passed  # flipping an AND whose z is never 0 does work


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


@pytest.mark.parametrize("z", [np.log(9), 2.2, 2.20, 2.197, 2.15, 2.24])
def test_check_z_for_output_accepts_two_significant_figures(z):
    """ln 9 = 2.1972...: everything that agrees with it to two significant figures is right."""
    assert check_z_for_output(z).passed


def test_check_z_for_output():
    assert not check_z_for_output(2.1).passed and "Close" in check_z_for_output(2.1).message
    assert not check_z_for_output(2.3).passed
    assert check_z_for_output(...).status == "todo"
    assert "Solve" in check_z_for_output(0.9).message
    assert "without quotes" in check_z_for_output("2.2").message
    assert "finite" in check_z_for_output(float("nan")).message
    assert check_z_for_output(0.0, target=0.5).passed
    assert "between 0 and 1" in check_z_for_output(1.0, target=1.0).message


@pytest.mark.parametrize("slope", [0.0066, 6.6e-3, 0.00665, 0.006648, 0.0066481])
def test_check_saturated_slope_accepts_two_significant_figures(slope):
    """sigma'(5) = 0.0066481: the notebook's own 6.6e-3 is right, and so is every finer rounding."""
    assert check_saturated_slope(slope).passed


def test_check_saturated_slope():
    from helpers import sigmoid_prime

    assert check_saturated_slope(sigmoid_prime(5.0)).passed
    assert check_saturated_slope(...).status == "todo"
    assert not check_saturated_slope(0.25).passed
    assert "Close" in check_saturated_slope(0.0067).message
    assert "4 sigma'(5)" in check_saturated_slope(0.0266).message
    assert "without quotes" in check_saturated_slope("x").message


def test_the_layers_answer_comes_from_the_chain_itself():
    """Computed here from the chain of helpers.maths.saturation, and in closed form: (1/4)^(L-1)."""
    from helpers.maths.saturation import chain_bias_gradients, chain_parameters

    def ratio(layers):
        gradients = chain_bias_gradients(0.5, *chain_parameters(layers, 1.0))
        return gradients[0] / gradients[-1]

    fewest = next(layers for layers in range(1, 100) if ratio(layers) < 1e-6)
    assert fewest == 11 == fewest_layers_to_vanish()
    for layers in (1, 2, 10, 11):
        assert first_to_last_gradient_ratio(layers) == pytest.approx(0.25 ** (layers - 1), rel=1e-12)
        assert ratio(layers) == pytest.approx(0.25 ** (layers - 1), rel=1e-12)
    assert 0.25**9 > 1e-6 > 0.25**10  # ten layers are not enough: the question's off-by-one
    assert check_layers_to_vanish(fewest).passed


def test_check_layers_to_vanish():
    assert check_layers_to_vanish(11).passed and check_layers_to_vanish(11.0).passed
    assert check_layers_to_vanish(np.int64(11)).passed
    assert "L - 1 factors" in check_layers_to_vanish(10).message
    assert "more" in check_layers_to_vanish(9).message and "fewer" in check_layers_to_vanish(12).message
    assert "fewer" in check_layers_to_vanish(10**6).message
    assert "at least one layer" in check_layers_to_vanish(0).message
    for not_whole in (10.9, 11.0000001, 10.5):
        assert "whole number" in check_layers_to_vanish(not_whole).message
    assert "finite" in check_layers_to_vanish(float("inf")).message
    assert check_layers_to_vanish(...).status == "todo"


def test_check_activation_quiz():
    good = {"zero_centred": "tanh", "no_saturation_for_positive_z": "ReLU", "largest_slope_at_zero": " TANH "}
    assert check_activation_quiz(good).passed
    assert check_activation_quiz(dict.fromkeys(good, ...)).status == "todo"
    partly = good | {"zero_centred": "sigmoid"}
    feedback = check_activation_quiz(partly)
    assert "1 of 3" in feedback.message and "symmetric about 0" in feedback.message
    assert "'tan' is not one of the names" in check_activation_quiz(good | {"zero_centred": "tan"}).message
    assert "is missing" in check_activation_quiz({"zero_centred": "tanh"}).message
    assert "not one of the questions" in check_activation_quiz(good | {"extra": "relu"}).message
    assert "dict" in check_activation_quiz(["tanh", "relu", "tanh"]).message


def test_check_same_line():
    assert check_same_line(["a", "b", "f"], ["d"]).passed
    assert check_same_line(["A", "B", "F"], ["D"]).passed
    assert check_same_line(..., ...).status == "todo"
    assert check_same_line(("f", "b", "a"), {"d"}).passed
    hint = check_same_line(["a", "b", "c", "f"], ["d"])
    assert not hint.passed and "(c)" in hint.message
    assert "(d)" in check_same_line(["a", "b", "d", "f"], []).message
    assert "in both lists" in check_same_line(["a", "b", "d", "f"], ["d"]).message
    assert "'z' is not one of the names" in check_same_line(["a", "b", "f", "z"], ["d"]).message
    assert "list of letters" in check_same_line(5, []).message
    assert "in a list" in check_same_line("abf", ["d"]).message
    assert "twice" in check_same_line(["a", "a"], []).message


def test_check_output_at_distance():
    from helpers import sigmoid

    assert check_output_at_distance(sigmoid(4 * np.sqrt(2) * 0.25)).passed
    for fair in (0.8, 0.80, 0.804, 0.8044):  # sigma(sqrt 2) = 0.8044: two significant figures
        assert check_output_at_distance(fair).passed
    assert "Close" in check_output_at_distance(0.81).message
    assert "sqrt(2)" in check_output_at_distance(sigmoid(1.0)).message
    assert "scales twice" in check_output_at_distance(sigmoid(4 * np.sqrt(2) * 4 * 0.25)).message  # c used twice
    assert check_output_at_distance(...).status == "todo"
    assert not check_output_at_distance(0.5).passed
    assert check_output_at_distance(sigmoid(2 * np.sqrt(2)), c=2.0, distance=1.0).passed
    assert "too large" in check_output_at_distance(0.5, c=1e308, distance=1e308).message
    assert not check_output_at_distance(0.0, c=1e72, distance=1e166).passed  # z is finite, c times z is not


def test_check_after_boundary_quiz():
    good = {
        "loss_reaches_zero": False,
        "gradient_reaches_zero": False,
        "norm_stays_bounded": False,
        "direction_settles": True,
    }
    assert check_after_boundary_quiz(good).passed
    assert check_after_boundary_quiz(dict.fromkeys(good, ...)).status == "todo"
    assert check_after_boundary_quiz(good | {"direction_settles": np.True_}).passed
    feedback = check_after_boundary_quiz(good | {"loss_reaches_zero": True})
    assert "1 of 4" in feedback.message and "log(1 + e^-r)" in feedback.message
    gradient = check_after_boundary_quiz(good | {"gradient_reaches_zero": True}).message
    assert "separates the data" in gradient and "strictly negative" in gradient
    assert "True or False, without quotes" in check_after_boundary_quiz(good | {"direction_settles": "yes"}).message
    assert "True or False" in check_after_boundary_quiz(good | {"direction_settles": 1}).message


def test_the_after_boundary_gradient_hint_is_true():
    """On separable data the gradient has a strictly negative dot product with a separating (w, b): never 0."""
    from helpers.maths.datasets import weight_scaling_data
    from helpers.maths.neuron import sigmoid_neuron

    X, y = weight_scaling_data()
    separator = np.array([1.0, 1.0, -3.0])
    for scale in (0.0, 1.0, 5.0, 30.0):
        for w in ([1.0, 1.0], [2.0, 0.5], [-1.0, 3.0]):
            a = sigmoid_neuron(X, np.multiply(scale, w), -3.0 * scale)
            gradient = np.column_stack([X, np.ones(len(y))]).T @ (a - y) / len(y)
            assert gradient @ separator < 0


# --- reading answers (helpers.checks.answers) ------------------------------------------


class Refuses:
    """An object whose conversions all raise."""

    def __float__(self):
        raise RuntimeError("no float")

    def __repr__(self):
        raise RuntimeError("no repr")


def test_is_unanswered():
    assert is_unanswered(...) and is_unanswered(1, None) and not is_unanswered(0, [1, 2])


def test_describe_never_raises_and_stays_short():
    assert describe([1, 2]) == "[1, 2]"
    assert describe(Refuses()) == "a Refuses object"
    assert describe(Refuses).endswith("Refuses'>")
    assert len(describe(list(range(1000)))) == 60


@pytest.mark.parametrize(
    ("value", "number"), [(2.5, 2.5), (3, 3.0), (np.float32(0.5), 0.5), (np.int64(7), 7.0), (np.array(1.5), 1.5)]
)
def test_read_number_accepts_real_numbers(value, number):
    assert read_number(value, what="x") == number


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("2.5", "without quotes"),
        (True, "truth value"),
        (1 + 2j, "complex"),
        ([2.5], "not a list"),
        (float("nan"), "finite"),
        (-float("inf"), "finite"),
        (10**400, "not a number Python can read"),
        (Refuses(), "a Refuses object is not a number"),
        (np.array([1.0, 2.0]), "not an array"),
    ],
)
def test_read_number_hints_at_what_is_wrong(value, hint):
    feedback = read_number(value, what="x")
    assert isinstance(feedback, Feedback) and feedback.status == "wrong"
    assert hint in feedback.message


def test_read_number_says_what_to_do_when_unanswered():
    assert read_number(..., what="your value").message == "Replace the ... with your value, then run the cell again."
    assert read_number(None, what="x", fill_in="Do it.").message == "Do it."


def test_read_whole_number():
    assert read_whole_number(10, what="n") == 10 and read_whole_number(10.0, what="n") == 10
    assert read_whole_number(np.int32(4), what="n") == 4
    for not_whole in (10.9, 10.0000001, -0.5):
        feedback = read_whole_number(not_whole, what="n")
        assert feedback.status == "wrong" and "a whole number" in feedback.message
    assert read_whole_number(..., what="n").status == "todo"


def test_agrees_to_significant_figures():
    assert agrees_to_significant_figures(0.0066, 0.0066481, 2)
    assert not agrees_to_significant_figures(0.0067, 0.0066481, 2)
    assert agrees_to_significant_figures(2.2, np.log(9), 2) and not agrees_to_significant_figures(2.1, np.log(9), 2)
    assert agrees_to_significant_figures(123.4, 123.0, 3) and not agrees_to_significant_figures(124, 123.0, 3)
    assert agrees_to_significant_figures(0.004, 0.0, 2) and not agrees_to_significant_figures(0.006, 0.0, 2)


def test_read_name():
    assert read_name(" ReLU ", ("sigmoid", "tanh", "relu"), what="a") == "relu"
    assert "'tan' is not one of the names" in read_name("tan", ("tanh",), what="a").message
    assert "a name in quotes" in read_name(3, ("tanh",), what="a").message
    assert read_name(None, ("tanh",), what="a").status == "todo"


def test_read_choices():
    letters = ("a", "b", "c")
    assert read_choices(["A", "c"], letters, what="the list") == frozenset({"a", "c"})
    assert read_choices((), letters, what="the list") == frozenset()
    assert "twice" in read_choices(["a", "a"], letters, what="the list").message
    assert "'z' is not one of" in read_choices(["z"], letters, what="the list").message
    assert "in a list" in read_choices("ab", letters, what="the list").message
    assert "list of letters" in read_choices({"a": 1}, letters, what="the list").message
    assert "a name in quotes" in read_choices([1], letters, what="the list").message
    assert read_choices(["a", ...], letters, what="the list").status == "todo"


def test_read_function_values():
    z = np.linspace(-1.0, 1.0, 5)
    np.testing.assert_allclose(read_function_values(lambda t: 2 * t, z), 2 * z)
    np.testing.assert_allclose(read_function_values(lambda t: 0.25, z), np.full(5, 0.25))  # a constant is one value
    assert "ZeroDivisionError" in read_function_values(lambda t: 1 / 0, z).message
    assert read_function_values(lambda t: ..., z).status == "todo"
    assert "function itself" in read_function_values(0.25, z).message
    assert "shape (5,), not shape (2,)" in read_function_values(lambda t: t[:2], z).message
    assert "returned 'x'" in read_function_values(lambda t: "x", z).message
    assert "returned" in read_function_values(lambda t: t.astype(complex), z).message
    assert "gives nan" in read_function_values(lambda t: t * np.nan, z).message

    def changes_its_input(t):
        t[:] = 0.0
        return t

    read_function_values(changes_its_input, z)
    assert z[0] == -1.0, "the learner's function gets a copy"


QUIZ = ("p", "q")


def test_read_quiz_and_truth_values():
    assert read_truth_values({"p": True, "q": np.False_}, QUIZ, fill_in="Do it.") == {"p": True, "q": False}
    assert read_truth_values({"p": ..., "q": True}, QUIZ, fill_in="Do it.").message == "Do it."
    assert "without quotes" in read_truth_values({"p": "True", "q": True}, QUIZ, fill_in="").message
    assert "missing" in read_truth_values({"p": True}, QUIZ, fill_in="").message
    assert "not one of the questions" in read_truth_values({"p": 1, "q": 1, 3: 1}, QUIZ, fill_in="").message
    assert "dict" in read_quiz([True, False], QUIZ, read_truth_value, fill_in="").message
    assert read_truth_value(1, "p").status == "wrong"


def test_read_names():
    assert read_names({"p": "Tanh", "q": "relu"}, QUIZ, ("tanh", "relu"), fill_in="") == {"p": "tanh", "q": "relu"}
    assert "'sin' is not one of the names" in read_names({"p": "sin", "q": "relu"}, QUIZ, ("relu",), fill_in="").message


def test_read_weights():
    w, b = read_weights([1, 2.5], -1, fill_in="Do it.")
    np.testing.assert_array_equal(w, [1.0, 2.5])
    assert b == -1.0
    w, b = read_weights(np.array([1.0, 1.0]), np.float64(-1.5), fill_in="")
    assert b == -1.5
    assert read_weights(..., 1, fill_in="Do it.").message == "Do it."
    assert "has 2 weights" in read_weights([1, 2, 3], 0, fill_in="").message
    assert "list of 2 numbers" in read_weights(1.0, 0, fill_in="").message
    assert "the bias b" in read_weights([1, 1], [0], fill_in="").message
    assert "each weight" in read_weights([1, "1"], 0, fill_in="").message
    assert "too large" in read_weights([1e308, 1e308], 1.0, fill_in="").message


def test_read_numbers_takes_exactly_count_finite_numbers():
    from helpers.checks.answers import read_numbers
    from helpers.checks.feedback import Feedback

    np.testing.assert_array_equal(read_numbers([1, 2.5], 2, what="x"), [1.0, 2.5])
    np.testing.assert_array_equal(read_numbers(np.array([1.0, 2.0]), 2, what="x"), [1.0, 2.0])
    np.testing.assert_array_equal(read_numbers(np.array([[1.0], [2.0]]), 2, what="x"), [1.0, 2.0])
    np.testing.assert_array_equal(read_numbers([[1.0], [2.0]], 2, what="x"), [1.0, 2.0])
    assert read_numbers(..., 2, what="x").status == "todo"
    for junk in ([1], [1, 2, 3], "12", [1, "a"], [1, float("nan")], np.zeros((2, 2)), {1: 2}, 5, [[1, 2], [3]]):
        feedback = read_numbers(junk, 2, what="x")
        assert isinstance(feedback, Feedback) and feedback.status == "wrong", junk


def test_holds_placeholder_finds_a_dot_dot_dot_anywhere_in_a_list():
    from helpers.checks.answers import holds_placeholder

    assert holds_placeholder(...) and holds_placeholder([1, ...]) and holds_placeholder([[1], [None]])
    assert not holds_placeholder([1, 2]) and not holds_placeholder("...")
