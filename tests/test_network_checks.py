"""Checkers of notebook 05: right for the worked solutions, a hint for typical mistakes, never a traceback."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.checks.feedback import Feedback
from helpers.checks.network import (
    BOWL_CURVATURE,
    INIT_LAYER,
    INIT_QUESTIONS,
    backprop_exercise,
    check_bowl_rates,
    check_hidden_delta,
    check_init_spreads,
)
from helpers.maths.network import Network, backprop, forward, init_network
from helpers.maths.network_experiments import distinct_hidden_units
from helpers.maths.network_training import train_network
from helpers.maths.neuron import sigmoid_prime

# --- the worked solutions of the notebook (the code inside its <details> blocks) -----------------------------


def worked_hidden_delta() -> np.ndarray:
    net, x, y = backprop_exercise()
    activations, zs = forward(net, x)
    delta_2 = activations[2] - y  # (BP1)
    return (net.weights[1].T @ delta_2) * sigmoid_prime(zs[0])  # (BP2)


def worked_init_answers() -> dict:
    n_in, n_out = 50, 200
    return {
        "lecun": math.sqrt(1 / n_in),
        "xavier": math.sqrt(2 / (n_in + n_out)),
        "he": math.sqrt(2 / n_in),
        "distinct_from_equal": 1,
    }


def test_worked_solutions_are_right():
    assert check_hidden_delta(worked_hidden_delta()).passed
    assert check_bowl_rates(1 / 4, 2 / 4).passed
    assert check_init_spreads(worked_init_answers()).passed


def test_hidden_delta_accepts_four_decimals_in_any_shape():
    net, x, y = backprop_exercise()
    exact = backprop(net, x, y)[1][0].ravel()
    assert check_hidden_delta(list(np.round(exact, 4))).passed
    assert check_hidden_delta(tuple(exact + 0.00009)).passed
    assert check_hidden_delta(exact.reshape(2, 1)).passed
    assert not check_hidden_delta(list(np.round(exact, 2))).passed  # 2 decimals is not the precision asked for


def test_hidden_delta_hints_name_the_mistake():
    net, x, y = backprop_exercise()
    activations, zs = forward(net, x)
    delta_2 = activations[2] - y
    W2 = net.weights[1]
    cases = {
        "sign": -worked_hidden_delta(),
        "by sigma'(z^1)": W2.T @ delta_2,
        "sigma'(z^2)": (W2.T @ delta_2) * sigmoid_prime(zs[1]),
        "sigma(z^1), the hidden": (W2.T @ delta_2) * activations[1],
        "quadratic": (W2.T @ (delta_2 * sigmoid_prime(zs[1]))) * sigmoid_prime(zs[0]),
        "Start from delta^2": np.array([0.3, 0.3]),
    }
    for words, answer in cases.items():
        feedback = check_hidden_delta(answer)
        assert feedback.status == "wrong" and words in feedback.message, (words, feedback)
    assert check_hidden_delta(...).status == "todo"
    assert check_hidden_delta([..., ...]).status == "todo"
    assert "as 2 numbers; yours has 3" in check_hidden_delta([1.0, 2.0, 3.0]).message


def test_hidden_delta_names_the_broadcasting_slip():
    """A column (W^2)^T delta^2 times the row sigma'(z^1), as printed, broadcasts to a 2 x 2 array."""
    net, x, y = backprop_exercise()
    activations, zs = forward(net, x)
    column = net.weights[1].T @ (activations[2] - y)
    row = sigmoid_prime(np.array(zs[0].ravel().round(6).tolist()))  # z^1 as the notebook prints it
    slip = column * row
    assert slip.shape == (2, 2)
    right_numbers = worked_hidden_delta().ravel()
    np.testing.assert_allclose(np.diag(slip), right_numbers, atol=1e-5)  # they sit on the slip's diagonal
    for answer in (slip, slip.tolist(), slip.ravel()):
        feedback = check_hidden_delta(answer)
        assert feedback.status == "wrong" and "2 x 2" in feedback.message and ".ravel()" in feedback.message
    assert "yours has 4" in check_hidden_delta([[1.0, 2.0], [3.0, "x"]]).message  # not numbers: the plain hint


def test_bowl_rates_hints():
    assert BOWL_CURVATURE == 4.0
    assert check_bowl_rates(0.2504, 0.4996).passed  # within 0.001
    assert "swapped" in check_bowl_rates(0.5, 0.25).message
    assert "derivative" in check_bowl_rates(0.5, 1.0).message
    assert "larger one" in check_bowl_rates(0.6, 0.3).message
    assert "second answer" in check_bowl_rates(0.25, 0.7).message
    assert "first answer" in check_bowl_rates(0.1, 0.5).message
    assert check_bowl_rates(..., 0.5).status == "todo"
    assert "one finite number" in check_bowl_rates("0.25", 0.5).message


def test_an_equal_start_keeps_the_exercise_layer_one_unit():
    """Exercise 3, fourth answer: from weights all 0.5 and biases 0 the 200 units move, but stay copies of one."""
    sizes = (INIT_LAYER["n_in"], INIT_LAYER["n_out"], 1)
    zero = init_network(sizes, init="zero")
    start = Network(tuple(np.full_like(W, 0.5) for W in zero.weights), zero.biases)
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(60, sizes[0])), (rng.random(60) < 0.5).astype(float)
    trained = train_network(start, X, y, epochs=50, lr=0.3, batch_size=10).network
    assert not np.allclose(trained.weights[0], 0.5)  # the weights did change
    assert distinct_hidden_units(trained) == 1


def test_init_spreads_hints():
    good = worked_init_answers()
    assert INIT_LAYER == {"n_in": 50, "n_out": 200} and set(INIT_QUESTIONS) == set(good)
    assert check_init_spreads(good | {"lecun": 0.141}).passed  # three significant figures
    assert "variance" in check_init_spreads(good | {"he": 2 / 50}).message
    assert "number of inputs" in check_init_spreads(good | {"lecun": math.sqrt(1 / 200)}).message
    assert "square root of the variance" in check_init_spreads(good | {"xavier": 0.5}).message
    assert "whole number" in check_init_spreads(good | {"distinct_from_equal": 1.5}).message
    assert "whole number" in check_init_spreads(good | {"distinct_from_equal": "one"}).message
    assert "same gradient" in check_init_spreads(good | {"distinct_from_equal": 200}).message
    assert check_init_spreads(dict.fromkeys(good, ...)).status == "todo"
    assert check_init_spreads({"lecun": 0.1}).status == "todo"  # keys deleted: still something to fill in
    assert "dictionary" in check_init_spreads([0.1, 0.1, 0.2, 1]).message


# --- whatever the learner types, a checker answers -----------------------------------------------------


def raising_function(*_args):
    raise RuntimeError("learner's bug")


class Hostile:
    """An object whose every conversion raises."""

    def __float__(self):
        raise RuntimeError("no")

    def __len__(self):
        raise RuntimeError("no")

    def __iter__(self):
        raise RuntimeError("no")

    def __repr__(self):
        raise RuntimeError("no")


scalars = st.one_of(
    st.none(),
    st.just(...),
    st.booleans(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.just(raising_function),
    st.builds(Hostile),
    st.just(np.array([np.nan])),
    st.just(np.float64("inf")),
    st.just(1j),
)
junk = st.one_of(
    scalars,
    st.lists(scalars, max_size=5),
    st.tuples(scalars, scalars),
    st.dictionaries(st.text(max_size=12), scalars, max_size=5),
    st.dictionaries(st.sampled_from(sorted(INIT_QUESTIONS)), scalars, max_size=4),
)


@settings(max_examples=300, deadline=None)
@given(first=junk, second=junk)
def test_checkers_never_raise_and_never_accept_junk(first, second):
    for feedback in (check_hidden_delta(first), check_bowl_rates(first, second), check_init_spreads(first)):
        assert isinstance(feedback, Feedback)
        assert feedback.status in ("wrong", "todo"), feedback
        assert feedback.message.strip()
