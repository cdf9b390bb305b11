"""The checkers of notebook 06: right for the hidden solutions, a hint for typical mistakes, never a traceback."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import sigmoid, sigmoid_prime
from helpers.checks.digits import (
    check_chosen_decay,
    check_cross_entropy_gradient,
    check_lowest_loss_epochs,
    remedy_choice,
    smallest_run,
)
from helpers.checks.feedback import Feedback
from helpers.maths.digits_binary import NOTEBOOK_DECAYS

# --- the hidden solutions, as the notebook's <details> blocks give them ---------------------------------------------


def cross_entropy_gradient(X, y, w, b):
    a = sigmoid(X @ w + b)
    return X.T @ (a - y) / len(y), np.mean(a - y)


def test_hidden_solution_of_the_gradient_exercise():
    assert check_cross_entropy_gradient(cross_entropy_gradient).passed


def test_hidden_solution_of_the_epoch_exercise():
    run = smallest_run()
    assert check_lowest_loss_epochs(int(np.argmin(run.train_loss)), int(np.argmin(run.test_loss))).passed
    assert check_lowest_loss_epochs(2_000, 43).passed, "the last epoch, and the one the notebook's story names"


def test_hidden_solution_of_the_decay_exercise():
    choice = remedy_choice()
    chosen_decay = choice.decays[int(np.argmin(choice.validation_loss))]
    assert check_chosen_decay("validation", chosen_decay).passed
    assert check_chosen_decay(" Validation", 0.003).passed, "typed as it appears in the table, in any case"


# --- exercise 1: the gradient -------------------------------------------------------------------------------------


def test_the_reference_gradient_matches_finite_differences():
    """The checker's reference, the series' cost_gradient, against a central difference of the cost on real images."""
    from helpers.checks.digits import _gradient_cases
    from helpers.maths.training import cost_gradient, cost_value

    for X, y, w, b in _gradient_cases():
        grad_w, grad_b = cost_gradient(X, y, w, b)
        h = 1e-6
        for j in (0, 20, 43):
            step = np.zeros_like(w)
            step[j] = h
            numeric = (cost_value(X @ (w + step) + b, y) - cost_value(X @ (w - step) + b, y)) / (2 * h)
            assert grad_w[j] == pytest.approx(numeric, rel=1e-5, abs=1e-9)
        numeric_b = (cost_value(X @ w + b + h, y) - cost_value(X @ w + b - h, y)) / (2 * h)
        assert grad_b == pytest.approx(numeric_b, rel=1e-5, abs=1e-9)


def errors(X, y, w, b):
    return sigmoid(X @ w + b) - y


@pytest.mark.parametrize(
    ("mistake", "hint"),
    [
        (lambda X, y, w, b: (X.T @ errors(X, y, w, b), np.sum(errors(X, y, w, b))), "times too large"),
        (lambda X, y, w, b: (-X.T @ errors(X, y, w, b) / len(y), -np.mean(errors(X, y, w, b))), "wrong sign"),
        (
            lambda X, y, w, b: (
                X.T @ (errors(X, y, w, b) * sigmoid_prime(X @ w + b)) / len(y),
                np.mean(errors(X, y, w, b) * sigmoid_prime(X @ w + b)),
            ),
            "quadratic cost",
        ),
        (lambda X, y, w, b: (X.T @ errors(X, y, w, b) / len(y), 0.0), "dC/db is not"),
        (lambda X, y, w, b: (X.T @ y / len(y), np.mean(errors(X, y, w, b))), "dC/dw is not"),
        (lambda X, y, w, b: tuple(reversed(cross_entropy_gradient(X, y, w, b))), "swapped"),
        (lambda X, y, w, b: cross_entropy_gradient(X, y, w, b)[0], "dC/dw alone"),
        (lambda X, y, w, b: (w + 1.0, b + 1.0), "Not the gradient yet"),
        (lambda X, y, w, b: 1 / 0, "ZeroDivisionError"),
        (lambda X, y, w, b: "gradient", "Return two things"),
        (lambda X, y, w, b: (np.full(64, np.nan), 0.0), "NaN or infinity"),
        (lambda X, y, w, b: (np.zeros(3), 0.0), "shape (64,)"),
        (lambda X, y, w, b: ("a", "b"), "must be numbers"),
        (0.25, "function itself"),
    ],
)
def test_gradient_mistakes_get_a_hint(mistake, hint):
    feedback = check_cross_entropy_gradient(mistake)
    assert feedback.status == "wrong" and hint in feedback.message, feedback.message


def test_gradient_exercise_unanswered():
    assert check_cross_entropy_gradient(...).status == "todo"
    assert check_cross_entropy_gradient(lambda X, y, w, b: ...).status == "todo"
    assert check_cross_entropy_gradient(lambda X, y, w, b: (..., ...)).status == "todo"


def test_the_checker_gives_the_learner_copies():
    def vandal(X, y, w, b):
        X[:] = 0.0
        w[:] = 1e9
        return cross_entropy_gradient(X, y, w, b)

    assert not check_cross_entropy_gradient(vandal).passed
    assert check_cross_entropy_gradient(cross_entropy_gradient).passed


# --- exercise 2: the epochs of the lowest training and test losses ----------------------------------------------


def test_the_smallest_run_is_the_notebooks_run_on_10_images():
    """The checker's run against the experiment built by hand with section 4's stated settings."""
    from helpers.maths.digits import EVEN, ODD, binary_task, load_digits
    from helpers.maths.digits_binary import training_size_experiment

    task = binary_task(load_digits(), EVEN, ODD)
    by_hand = training_size_experiment(task, (10, 20), epochs=2_000, lr=0.5)[10]
    np.testing.assert_array_equal(smallest_run().test_loss, by_hand.test_loss)
    np.testing.assert_array_equal(smallest_run().train_loss, by_hand.train_loss)


def test_epoch_exercise_accepts_the_stated_precision():
    """Any epoch within 1% of each loss's lowest value counts, and none outside; the other answer kept right."""
    run = smallest_run()

    def verdict(which: str, epoch) -> bool:
        return (
            check_lowest_loss_epochs(epoch, 43).passed
            if which == "training"
            else check_lowest_loss_epochs(2_000, epoch).passed
        )

    for which, loss in (("training", run.train_loss), ("test", run.test_loss)):
        within = np.flatnonzero(loss <= loss.min() * 1.01)
        assert within.size > 10, "reading the epoch off the plot must be good enough"
        for epoch in (within[0], within[-1], float(within[0]), np.int64(within[-1]), np.array(within[0])):
            assert verdict(which, epoch), (which, epoch)
        for epoch in (int(within[0]) - 1, int(within[-1]) + 1):
            if 0 <= epoch <= 2_000:
                assert not verdict(which, epoch), (which, epoch)


@pytest.mark.parametrize(
    ("training", "test", "hint"),
    [
        (43, 2_000, "swapped"),
        (1_000, 43, "it gets lower later"),
        (2_000, 2_000, "the second answer is about the test loss"),
        (2_000, 0.444, "looks like a loss"),
        (2_000, 43.5, "not a whole number"),
        (2_000, 5, "lower later"),
        (2_000, 500, "lower earlier"),
        (2_000, -3, "epochs 0 to 2,000"),
        (3_000, 43, "epochs 0 to 2,000"),
        (2_000, 10**400, "not a number Python can read"),
        ("2000", 43, "without quotes"),
        (2_000, True, "not the truth value True"),
        (float("nan"), 43, "a finite number, not nan"),
        (2_000, float("inf"), "a finite number, not inf"),
        (2_000, [43], "one number, not a list"),
    ],
)
def test_epoch_mistakes_get_a_hint(training, test, hint):
    feedback = check_lowest_loss_epochs(training, test)
    assert feedback.status == "wrong" and hint in feedback.message, feedback.message


def test_epoch_exercise_unanswered():
    for pair in ((..., ...), (2_000, ...), (..., 43), (None, 43)):
        assert check_lowest_loss_epochs(*pair).status == "todo"


# --- exercise 3: judged on validation, the decay strength --------------------------------------------------------


@pytest.mark.parametrize(
    ("judged_on", "answer", "hint"),
    [
        ("training", 0.0, "Not on the training images"),
        ("training", 0.003, "Not on the training images"),
        ("test", 0.003, "Not on the test images"),
        ("validation", 0.0, "lowest training loss"),
        ("validation", 0, "lowest training loss"),
        ("validation", 0.1, "Compare the validation column"),
        ("validation", 0.01, "Compare the validation column"),
        ("validation", 0.5, "was not tried"),
        ("val", 0.003, "not one of the names"),
        (0.003, "validation", "as a name in quotes"),
        ("validation", float("nan"), "a finite number, not nan"),
        ("validation", float("inf"), "a finite number, not inf"),
        ("validation", "0.003", "without quotes"),
        ("validation", [0.003], "one number, not a list"),
        ("validation", True, "not the truth value True"),
    ],
)
def test_decay_mistakes_get_a_hint(judged_on, answer, hint):
    feedback = check_chosen_decay(judged_on, answer)
    assert feedback.status == "wrong" and hint in feedback.message, feedback.message


def test_every_decay_but_the_chosen_one_is_wrong():
    for part in ("training", "validation", "test"):
        verdicts = {decay: check_chosen_decay(part, decay).passed for decay in NOTEBOOK_DECAYS}
        assert sum(verdicts.values()) == (part == "validation")
    assert check_chosen_decay("validation", remedy_choice().chosen).passed


def test_decay_exercise_unanswered():
    for pair in ((..., ...), ("validation", ...), (..., 0.003)):
        assert check_chosen_decay(*pair).status == "todo"


# --- never a traceback ----------------------------------------------------------------------------------------------

junk = st.one_of(
    st.none(),
    st.just(...),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.lists(st.floats(allow_nan=True), max_size=70),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.tuples(st.floats(), st.floats()),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(junk, junk)
def test_value_checkers_never_raise(first, second):
    for feedback in (
        check_lowest_loss_epochs(first, second),
        check_chosen_decay(first, second),
        check_chosen_decay("validation", second),
        check_cross_entropy_gradient(first),
    ):
        assert isinstance(feedback, Feedback) and feedback.message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(junk)
def test_the_gradient_checker_survives_functions_that_return_junk(result):
    assert isinstance(check_cross_entropy_gradient(lambda X, y, w, b: result), Feedback)
    assert isinstance(check_cross_entropy_gradient(lambda X, y, w, b: (result, result)), Feedback)
    pair = (np.full(64, result) if isinstance(result, float) else result, result)
    assert isinstance(check_cross_entropy_gradient(lambda X, y, w, b: pair), Feedback)


@pytest.mark.parametrize("error", [ValueError("bad"), KeyError("w"), RuntimeWarning("overflow"), RecursionError()])
def test_the_gradient_checker_reports_whatever_the_function_raises(error):
    def raising(X, y, w, b):
        raise error

    feedback = check_cross_entropy_gradient(raising)
    assert feedback.status == "wrong" and type(error).__name__ in feedback.message
