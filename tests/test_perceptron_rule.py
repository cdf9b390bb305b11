"""Logic gates, the perceptron learning rule, and the 'fix one, break another' story."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import perceptron
from helpers.figures.style import new_figure
from helpers.figures.views import DecisionPlaneView
from helpers.maths.datasets import fix_one_break_another, overlapping_clusters, separable_around_line, two_clusters
from helpers.maths.perceptron import (
    count_mistakes,
    fix_one_example,
    logic_gate,
    train_perceptron,
    truth_table,
    xor_from_nand,
)


@pytest.mark.parametrize(
    ("name", "outputs"),
    [("AND", [0, 0, 0, 1]), ("or", [0, 1, 1, 1]), ("Nand", [1, 1, 1, 0]), ("xor", [0, 1, 1, 0])],
)
def test_logic_gate_truth_tables(name, outputs):
    X, y = logic_gate(name)
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(y, outputs)


def test_logic_gate_rejects_unknown_names_listing_valid_ones():
    with pytest.raises(ValueError, match="unknown gate 'NOR'; the gates are AND, OR, NAND, XOR"):
        logic_gate("NOR")


@pytest.mark.parametrize("gate", ["AND", "OR", "NAND"])
def test_perceptron_rule_learns_linearly_separable_gates(gate):
    history = train_perceptron(*logic_gate(gate), epochs=20)
    assert history.mistakes[-1] == 0
    assert history.first_perfect_epoch() is not None and history.first_perfect_epoch() <= 10
    np.testing.assert_array_equal(perceptron(logic_gate(gate)[0], history.w[-1], history.b[-1]), logic_gate(gate)[1])


@pytest.mark.parametrize("lr", [0.1, 1.0, 3.0])
def test_perceptron_rule_never_solves_xor(lr):
    history = train_perceptron(*logic_gate("XOR"), epochs=200, lr=lr)
    assert history.mistakes.min() >= 1
    assert history.first_perfect_epoch() is None


def test_history_shapes_and_start():
    X, y = two_clusters(5)
    history = train_perceptron(X, y, epochs=7, w0=[0.5, -0.5], b0=1.0)
    assert history.w.shape == (8, 2) and history.b.shape == (8,) and history.mistakes.shape == (8,)
    np.testing.assert_array_equal(history.w[0], [0.5, -0.5])
    assert history.b[0] == 1.0 and history.epochs == 7
    assert history.mistakes[0] == count_mistakes(X, y, [0.5, -0.5], 1.0)


def test_training_is_deterministic_and_matches_a_hand_run():
    X, y = logic_gate("AND")
    first, second = train_perceptron(X, y, epochs=6), train_perceptron(X, y, epochs=6)
    np.testing.assert_array_equal(first.w, second.w)
    # By hand (eta = 1, step(0) = 0, order (0,0), (0,1), (1,0), (1,1)). Epoch 1: the first three give
    # z = 0 -> 0, right; (1,1) gives 0, wrong -> w = (1, 1), b = 1. Epoch 2: (0,0) fires -> b = 0;
    # (0,1) fires -> w = (1, 0), b = -1; (1,0): z = 0, right; (1,1): z = 0, wrong -> w = (2, 1), b = 0.
    np.testing.assert_array_equal(first.w[1], [1.0, 1.0])
    assert first.b[1] == 1.0
    np.testing.assert_array_equal(first.w[2], [2.0, 1.0])
    assert first.b[2] == 0.0


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000))
def test_perceptron_rule_converges_on_separable_data(seed):
    X, y = separable_around_line(20, margin=0.3, seed=seed)
    history = train_perceptron(X, y, epochs=300)
    assert history.mistakes[-1] == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"epochs": -1}, "epochs must be at least 0"),
        ({"epochs": 2.5}, "epochs must be a whole number"),
        ({"epochs": 3, "lr": 0}, "lr must be positive"),
        ({"epochs": 3, "w0": [1, 2, 3]}, r"w0 must have shape \(2,\)"),
    ],
)
def test_train_perceptron_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        train_perceptron(*logic_gate("AND"), **kwargs)


@pytest.mark.parametrize(
    ("X", "y", "message"),
    [
        ([[0, 0], [1, 1]], [0, 2], "y must hold only the labels 0 and 1"),
        ([[0, 0], [1, 1]], [0, 1, 1], r"y must have shape \(2,\)"),
        ([0, 1], [0, 1], r"X must be a non-empty batch of shape \(m, n\)"),
    ],
)
def test_train_perceptron_validates_data(X, y, message):
    with pytest.raises(ValueError, match=message):
        train_perceptron(X, y, epochs=1)


def test_truth_table_rows():
    rows = truth_table("and", [1, 1], -1.5)
    assert rows[3] == ((1, 1), 0.5, 1.0, 1.0)
    assert [row[2] for row in rows] == [0, 0, 0, 1]


def test_truth_table_reads_z_as_it_is_by_hand():
    """0.1 + 0.2 - 0.3 is 5.6e-17 in floating point; the table of the checker and the gate dashboard shows 0, silent."""
    rows = truth_table("AND", [0.1, 0.2], -0.3)
    assert rows[3] == ((1, 1), 0.0, 0.0, 1.0)
    assert truth_table("AND", [0.1, 0.2], -0.29)[3][2] == 1.0


def test_the_gate_picture_agrees_with_the_truth_table_on_the_line():
    X, y = logic_gate("AND")
    view = DecisionPlaneView(new_figure(4.0, 4.0)[1][0], X, y, activation="step")
    info = view.update(0.1, 0.2, -0.3)
    assert info["mistakes"] == 1 and info["outputs"][3] == truth_table("AND", [0.1, 0.2], -0.3)[3][2] == 0.0


def test_xor_from_four_nands():
    X, y = logic_gate("XOR")
    np.testing.assert_array_equal(xor_from_nand(X), y)


def test_fix_one_example_breaks_another_before_fixing_it():
    X, y, w, b, index = fix_one_break_another()
    start = perceptron(X, w, b)
    assert list(np.flatnonzero(start != y)) == [index]
    etas = np.linspace(0.0, 1.0, 1001)
    fixed, broken = [], []
    for eta in etas:
        out = perceptron(X, *fix_one_example(X, y, w, b, index, eta))
        fixed.append(out[index] == y[index])
        broken.append(np.sum((out != y) & (np.arange(len(y)) != index)))
    first_fix = etas[np.argmax(fixed)]
    first_break = etas[np.argmax(np.array(broken) > 0)]
    assert 0 < first_break < first_fix < 0.1
    assert all(b > 0 for b, f in zip(broken, fixed, strict=True) if f), "fixing it always breaks another"
    assert broken[-1] == 5


def test_fix_one_example_leaves_a_right_example_alone():
    X, y, w, b, _ = fix_one_break_another()
    new_w, new_b = fix_one_example(X, y, w, b, 0, 1.0)
    np.testing.assert_array_equal(new_w, w)
    assert new_b == b
    with pytest.raises(ValueError, match=r"index must be in \[0, 8\]"):
        fix_one_example(X, y, w, b, 9, 1.0)


def test_datasets_are_seeded_and_shaped():
    X1, y1 = two_clusters(10, seed=3)
    X2, y2 = two_clusters(10, seed=3)
    np.testing.assert_array_equal(X1, X2)
    assert X1.shape == (20, 2) and set(y1) == {0.0, 1.0}
    X, y = separable_around_line(50, margin=0.3)
    distances = np.abs(X.sum(axis=1) - 3.0) / np.sqrt(2)
    assert distances.min() >= 0.3 and np.array_equal(y, (X.sum(axis=1) > 3).astype(float))
    X, y = overlapping_clusters()
    assert train_perceptron(X, y, epochs=200).mistakes.min() > 0, "overlapping data must not be separable"
