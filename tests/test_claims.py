"""Every number the notebooks' prose states, recomputed by the helpers.

Each test recomputes a number with the helpers, formats it the way the prose writes it,
and checks that the named markdown cell says exactly that. Change the maths and the
prose must follow; change the prose and the maths must agree.
"""

from __future__ import annotations

import inspect
from functools import cache
from pathlib import Path

import nbformat
import numpy as np
import pytest

from helpers import sigmoid, sigmoid_prime
from helpers.maths import saturation as saturation_module
from helpers.maths.datasets import fix_one_break_another, overlapping_clusters, two_clusters, weight_scaling_data
from helpers.maths.gradients import central_difference, descend_one_weight
from helpers.maths.metrics import mean_squared_error, reliability_curve
from helpers.maths.perceptron import count_mistakes, fix_one_example, logic_gate, train_perceptron, xor_from_nand
from helpers.maths.saturation import chain_bias_gradients, chain_parameters, layer_preactivations
from helpers.maths.scaling import (
    angle_between,
    geometric_margin,
    max_margin_direction,
    norm_growth,
    train_with_decays,
)
from helpers.maths.training import cost_value, train_sigmoid_neuron

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


@cache
def cells(notebook: str) -> dict[str, str]:
    """The markdown cells of a notebook, by cell id."""
    parsed = nbformat.read(NOTEBOOKS / notebook, as_version=4)
    return {cell.id: cell.source for cell in parsed.cells if cell.cell_type == "markdown"}


def latex_power(value: float) -> str:
    """A number as the prose writes it in LaTeX, with two significant digits: 3.8 \\times 10^{-6}."""
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


def says(notebook: str, cell_id: str, *texts: str) -> None:
    """Assert that a markdown cell contains each text exactly."""
    source = cells(notebook)[cell_id]
    for text in texts:
        assert text in source, f"{notebook} {cell_id} should say {text!r}"


# --- 01 The perceptron ----------------------------------------------------------


def test_01_on_xor_the_line_after_each_epoch_stands_still_from_epoch_2():
    X, y = logic_gate("XOR")
    history = train_perceptron(X, y, epochs=12)
    for epoch in range(2, 13):
        np.testing.assert_array_equal(history.w[epoch], history.w[2])
        assert history.b[epoch] == history.b[2]
    assert history.mistakes[2:].tolist() == [2] * 11
    says("01_perceptron.ipynb", "cell-33", "From epoch 2 on", "stands still with 2 corners wrong")


def test_01_xor_from_four_nands_three_layers_deep():
    X, y = logic_gate("XOR")
    np.testing.assert_array_equal(xor_from_nand(X), y)
    says("01_perceptron.ipynb", "cell-23", "four NAND perceptrons", "three layers deep")
    assert "three layers deep" in inspect.getdoc(xor_from_nand)


def test_01_the_rule_is_done_after_epoch_26():
    X, y = two_clusters(20, seed=0)
    history = train_perceptron(X, y, epochs=30)
    first = history.first_perfect_epoch()
    assert np.all(history.mistakes[first:] == 0)
    says("01_perceptron.ipynb", "cell-30a", f"after epoch {first} the line")


def test_01_fix_one_break_another():
    X, y, w, b, target = fix_one_break_another()
    neighbour = int(np.flatnonzero((X == [2.2, 1.2]).all(axis=1))[0])

    def wrong_after(eta: float) -> np.ndarray:
        new_w, new_b = fix_one_example(X, y, w, b, target, eta)
        return (X @ new_w + new_b > 0) != (y == 1)

    # Where each point's z crosses 0 along the rule's direction (x_target, 1) for the target.
    step = np.append(X[target], 1.0)
    z0 = X @ w + b
    crossing = -z0 / (np.column_stack([X, np.ones(len(y))]) @ step)
    says(
        "01_perceptron.ipynb",
        "cell-39",
        f"$\\eta \\approx {crossing[target]:.2f}$",
        f"$\\eta \\approx {crossing[neighbour]:.3f}$",
    )
    assert wrong_after(0.03)[neighbour] and wrong_after(0.03)[target]
    assert wrong_after(0.06)[neighbour] and not wrong_after(0.06)[target]
    assert not wrong_after(1.0)[target] and wrong_after(1.0).sum() == 5
    says(
        "01_perceptron.ipynb",
        "cell-40a",
        "$(2.2, 1.2)$",
        "ringed at $\\eta = 0.03$",
        "fixed at $\\eta = 0.06$",
        "five other",
    )
    says("01_perceptron.ipynb", "cell-39", "breaks five points")
    assert count_mistakes(X, y, *fix_one_example(X, y, w, b, target, 1.0)) == 5


# --- 02 The sigmoid neuron ------------------------------------------------------


def test_00_and_02_the_neuron_curve_crosses_one_half_where_the_step_jumps():
    w, b = 2.0, -1.0
    crossing = -b / w
    assert sigmoid(w * crossing + b) == 0.5
    says("00_start_here.ipynb", "cell-06a", f"$x = -b/w = {crossing:g}$")
    says("02_sigmoid_neuron.ipynb", "cell-07a", f"$x = -b/w = {crossing:g}$")


def test_02_tanh_is_twice_as_steep_and_its_slope_at_zero_is_four_times():
    slope = central_difference(lambda z: 2 * sigmoid(2 * z) - 1, 0.0)
    assert slope == pytest.approx(1.0) and slope / sigmoid_prime(0.0) == pytest.approx(4.0)
    says(
        "02_sigmoid_neuron.ipynb", "cell-23", "twice as steep", "$\\tanh'(0) = 1$, four times $\\sigma'(0) = \\tfrac14$"
    )
    says("03_saturation.ipynb", "cell-38", "tanh's slope is 1 against the sigmoid's $\\frac14$")


def test_02_the_overlapping_data_has_1000_points():
    X, y = overlapping_clusters(500, seed=2)
    assert len(y) == 1_000 and y.sum() == 500
    says("02_sigmoid_neuron.ipynb", "cell-29", f"{len(y):,} points, {int(y.sum())} of each class")


def test_02_the_reliability_bins():
    X, y = overlapping_clusters(500, seed=2)
    outputs = 1 / (1 + np.exp(-(X @ [15.6, 15.6] - 46.8)))
    claimed, observed, counts = reliability_curve(outputs, y, 5)
    middle = ", ".join(str(count) for count in counts[1:4][:-1]) + f" and {counts[3]}"
    says(
        "02_sigmoid_neuron.ipynb",
        "cell-30a",
        f"{counts[0] + counts[-1]} of its {len(y):,} outputs",
        f"only {middle} examples",
        f"claims {claimed[-1]:.2f} on average, but only {observed[-1]:.0%}",
    )


def test_02_where_the_left_tail_loses_digits():
    smallest_normal, smallest_subnormal = np.finfo(float).smallest_normal, np.finfo(float).smallest_subnormal
    normal_until = np.log(smallest_normal)
    zero_below = -1075 * np.log(2)
    assert sigmoid(zero_below + 1e-6) == smallest_subnormal and sigmoid(zero_below - 1e-6) == 0.0
    assert np.spacing(sigmoid(normal_until + 0.5)) / sigmoid(normal_until + 0.5) < 2.3e-16
    assert np.spacing(sigmoid(-720.0)) / sigmoid(-720.0) > 1e-11, "subnormal: fewer digits"
    says(
        "02_sigmoid_neuron.ipynb",
        "cell-37",
        f"$z \\approx {normal_until:.2f}$",
        f"about ${latex_power(smallest_normal)}$",
        f"about ${latex_power(smallest_subnormal)}$",
        f"below $z \\approx {zero_below:.2f}$",
    )


def test_02_gradient_descent_picture():
    X, y = two_clusters(20, seed=0)
    b = -3.0
    grid = np.linspace(-2.0, 4.0, 60_001)
    z = np.outer(grid, X[:, 0]) + X[:, 1] + b
    np.testing.assert_allclose(cost_value(z, y, "quadratic"), mean_squared_error(sigmoid(z), y) / 2)
    path = descend_one_weight(X, y, [-1.5, 1.0], b, index=0, lr=8.0, steps=8)
    costs = cost_value(np.outer(path, X[:, 0]) + X[:, 1] + b, y, "quadratic")
    assert np.all(np.diff(costs) < 0), "every step goes downhill"
    lowest = grid[np.argmin(cost_value(z, y, "quadratic"))]
    side = np.sign(path - lowest)
    assert np.count_nonzero(np.diff(side)) == 1 and abs(path[-1] - lowest) < 0.01, "one overshoot, then the bottom"
    says(
        "02_sigmoid_neuron.ipynb",
        "cell-45b",
        "eight steps of gradient\ndescent",
        "from $w_1 = -1.5$ with $\\eta = 8$",
        "halved",
    )
    says("02_sigmoid_neuron.ipynb", "cell-45d", "one small overshoot")


# --- 03 Saturation --------------------------------------------------------------


def test_03_saturation_threshold():
    slope = sigmoid_prime(4.0)
    says("03_saturation.ipynb", "cell-02", f"$\\sigma'(4) \\approx {slope:.4f}$", f"{slope / 0.25:.2%} of its peak")
    assert f"{slope:.4f}" in saturation_module.__doc__ and f"{slope / 0.25:.2%}" in saturation_module.__doc__
    says(
        "03_saturation.ipynb",
        "cell-03a",
        f"at $z = 6$ (the dots) $\\sigma$ is {sigmoid(6.0):.3f}",
        f"{sigmoid_prime(6.0) / 0.25:.1%} of its peak",
    )


def test_03_the_chain_figure():
    def first_over_last(scale: float) -> float:
        gradients = chain_bias_gradients(0.5, *chain_parameters(10, scale))
        return gradients[0] / gradients[-1]

    assert first_over_last(4.0) == pytest.approx(1.0)
    np.testing.assert_allclose(chain_bias_gradients(0.5, *chain_parameters(10, 4.0)), sigmoid_prime(0.0))
    says(
        "03_saturation.ipynb",
        "cell-12a",
        f"${latex_power(first_over_last(1.0))}$",
        f"{first_over_last(6.0):.0f} times larger at layer 1",
        "the same $\\sigma'(0) = 0.25$",
    )


def test_03_lecun_spread_keeps_z_near_one():
    spread = 1 / np.sqrt(100)
    assert layer_preactivations(spread, n_inputs=100).std() == pytest.approx(1.0, abs=0.01)
    says("03_saturation.ipynb", "cell-19", f"the row of spread {spread:g} below")


def test_03_quadratic_versus_cross_entropy_after_100_epochs():
    X, y = np.array([[1.0]]), np.array([0.0])
    outputs = {}
    for cost in ("quadratic", "cross_entropy"):
        history = train_sigmoid_neuron(X, y, epochs=100, lr=0.15, w0=[2.0], b0=2.0, cost=cost)
        outputs[cost] = sigmoid(history.w[:, 0] + history.b)
    quadratic, cross_entropy = outputs["quadratic"], outputs["cross_entropy"]
    says(
        "03_saturation.ipynb",
        "cell-27a",
        f"only from {quadratic[0]:.2f} to {quadratic[-1]:.2f}",
        f"down to {cross_entropy[-1]:.2f}",
    )


# --- 04 Weight scaling ----------------------------------------------------------


def test_04_no_point_lies_near_the_line():
    X, y = weight_scaling_data()
    margin = geometric_margin(X, y, [1.0, 1.0], -3.0)
    assert margin >= 0.25
    says("04_weight_scaling.ipynb", "cell-03a", "no point lies within $0.25$ of it")


def test_04_the_table_after_100_percent(weight_scaling_run):
    _, _, history = weight_scaling_run
    first = history.first_epoch_with_accuracy(1.0)
    assert np.all(history.accuracy[first:] == 1.0)
    ratio = history.w[:, 0] / np.where(history.b == 0, np.nan, history.b)
    early, late = angle_between(history.w[100], history.w[1_000]), angle_between(history.w[1_000], history.w[100_000])
    falls = history.loss[[100, 1_000, 10_000]] / history.loss[[1_000, 10_000, 100_000]]
    says(
        "04_weight_scaling.ipynb",
        "cell-21",
        f"100% accuracy at epoch {first}",
        f"from ${ratio[100]:.3f}$ at epoch 100 to ${ratio[1_000]:.3f}$ at epoch 1,000 and\n  ${ratio[100_000]:.3f}$",
        f"turns by {early:.1f} degrees",
        f"then only {late:.1f} degrees",
        f"it shrinks {falls[0]:.1f}, {falls[1]:.1f} and {falls[2]:.1f} times",
    )
    says("04_weight_scaling.ipynb", "cell-34", f"100% accuracy at epoch {first}")


def test_04_growth_per_tenfold_and_its_limit(weight_scaling_run):
    X, y, history = weight_scaling_run
    direction = max_margin_direction(X, y)
    margin = geometric_margin(X, y, direction[:2], direction[2])
    # Soudry et al.'s scaling: the smallest (2y - 1)(w . x + b) is 1; then |w_hat| = 1 / margin.
    points = np.column_stack([X, np.ones(len(y))]) * (2 * y - 1)[:, None]
    w_hat = direction / np.min(points @ direction)
    assert np.linalg.norm(w_hat[:2]) == pytest.approx(1 / margin)
    limit = np.linalg.norm(w_hat[:2]) * np.log(10)
    added = norm_growth(history, (100, 1_000, 10_000, 100_000))
    assert np.all(np.diff(added) > 0) and np.all(added < limit), "each tenfold adds more, all below the limit"
    says(
        "04_weight_scaling.ipynb",
        "cell-24",
        f"$\\gamma = {margin:.4f}$ and the limit is ${limit:.2f}$",
        f"add ${added[0]:.2f}$, ${added[1]:.2f}$ and ${added[2]:.2f}$",
        f"still {1 - added[2] / limit:.0%} short",
        f"with margin ${margin:.4f}$",
    )
    assert f"margin {margin:.4f}" in inspect.getdoc(max_margin_direction)


@pytest.fixture(scope="module")
def decay_runs():
    X, y = weight_scaling_data()
    return train_with_decays(X, y, epochs=20_000)


def test_04_what_weight_decay_does(decay_runs):
    free = decay_runs[0.0]
    assert len(decay_runs) == 6
    says("04_weight_scaling.ipynb", "cell-30", "six strengths", f"{free.epochs:,} epochs each")
    growth = {
        decay: history.weight_norm()[-1] / history.weight_norm()[10_000] - 1 for decay, history in decay_runs.items()
    }
    turned = {decay: float(angle_between(history.w[-1], free.w[-1])) for decay, history in decay_runs.items()}
    strong = [decay for decay in decay_runs if decay >= 1e-3]
    assert max(growth[decay] for decay in strong) < 0.00025
    assert all(history.accuracy[-1] == 1.0 for history in decay_runs.values())
    assert list(turned.values()) == sorted(turned.values()), "stronger decay, larger turn"
    says(
        "04_weight_scaling.ipynb",
        "cell-30b",
        f"({max(growth[decay] for decay in strong):.2%} or less",
        f"still grew {growth[1e-4]:.2%}",
        f"(without decay: {growth[0.0]:.2%})",
        f"turned by {turned[1e-2]:.2f} degrees\nfrom the line without decay at $\\lambda = 0.01$",
    )


def test_04_overlapping_data_settles_by_itself():
    X, y = overlapping_clusters()
    history = train_sigmoid_neuron(X, y, epochs=100_000, lr=1.0)
    norms = history.weight_norm()
    assert norms[100_000] == pytest.approx(norms[10_000], abs=1e-4)
    says("04_weight_scaling.ipynb", "cell-33a", f"stops at {norms[10_000]:.2f} by epoch 10,000")
