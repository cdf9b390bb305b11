"""Weight scaling helpers and the figures of notebook 04."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from helpers import sigmoid_neuron
from helpers.figures.scaling import (
    line_equation,
    plot_decay_and_overlap,
    plot_norm_and_angle,
    plot_scaling,
    plot_training_run,
    plot_weight_decay,
    show_decay,
    show_epoch,
)
from helpers.live.scaling import training_scrub_dashboard
from helpers.maths.datasets import overlapping_clusters, weight_scaling_data
from helpers.maths.scaling import (
    angle_to_direction,
    geometric_margin,
    log_checkpoints,
    max_margin_direction,
    norm_growth,
    same_line,
    signed_distance,
    train_with_decays,
    training_table,
    weight_decay_table,
)
from helpers.maths.training import train_sigmoid_neuron


def test_scaling_keeps_the_line_and_sharpens_the_output():
    X, y = weight_scaling_data()
    for c in (0.5, 2.0, 10.0):
        assert np.array_equal(sigmoid_neuron(X, [c, c], -3 * c) > 0.5, sigmoid_neuron(X, [1, 1], -3) > 0.5)
    near = np.array([[1.6, 1.6]])  # 0.14 from the line
    outputs = [float(sigmoid_neuron(near, [c, c], -3 * c)[0]) for c in (1, 4, 16)]
    assert 0.5 < outputs[0] < outputs[1] < outputs[2] < 1


def test_same_line():
    assert same_line((1, 1, -3), (2, 2, -6)) == "same"
    assert same_line((1, 1, -3), (-3, -3, 9)) == "same, sides swapped"
    assert same_line((1, 1, -3), (1, 1, -6)) == "different"
    assert same_line((1, 1, -3), (0, 0, 1)) == "different"
    with pytest.raises(ValueError, match=r"\(w1, w2, b\)"):
        same_line((1, 1), (1, 1, 1))


def test_log_checkpoints():
    points = log_checkpoints(100_000)
    assert points[:4] == (0, 1, 2, 3) and points[-1] == 100_000
    assert list(points) == sorted(set(points))
    assert 80 not in points and 79 in points and 100 in points
    assert log_checkpoints(100_000, also=(80, 79, 200_000)) == tuple(sorted({*points, 80}))


def test_the_scrubber_stops_where_every_point_is_first_right(weight_scaling_run):
    """04 says the run reaches 100% at epoch 80 and keeps it; the scrubber must be able to show that epoch."""
    X, y, history = weight_scaling_run
    first = history.first_epoch_with_accuracy(1.0)
    assert first == 80 and np.all(history.accuracy[first:] == 1.0) and history.accuracy[first - 1] < 1.0
    dashboard = training_scrub_dashboard(X, y, history, max_margin_direction(X, y))
    assert first in [value for _, value in dashboard.sliders["epoch"].options]
    dashboard.set_values(epoch=first)
    assert "accuracy = <b>100%</b>" in dashboard.readout.value and "epoch <b>80</b>" in dashboard.readout.value


def test_training_table_rows(weight_scaling_run):
    _, _, history = weight_scaling_run
    table = training_table(history).splitlines()
    assert len(table) == 2 + 8
    assert table[0].split() == ["epoch", "w1", "w2", "b", "|w|", "w1/b", "loss", "accuracy"]
    assert table[2].split()[0] == "0" and table[2].split()[5] == "-"
    assert table[-1].split()[0] == "100,000" and table[-1].endswith("100.0%")
    with pytest.raises(ValueError, match="was not trained"):
        training_table(history, (200_000,))


def test_angle_to_direction(weight_scaling_run):
    X, y, history = weight_scaling_run
    gaps = angle_to_direction(history, max_margin_direction(X, y))
    assert gaps.shape == (100_001,) and gaps[-1] < gaps[100]
    assert np.isnan(gaps[0]), "w = 0, b = 0 at the start: no direction yet"


def test_figures_of_notebook_04_draw_cleanly(weight_scaling_run):
    X, y, history = weight_scaling_run
    start = history.first_epoch_with_accuracy(1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figures = [
            plot_scaling(X, y),
            plot_training_run(X, y, history, 1_000, max_margin_direction(X, y))[0],
            plot_norm_and_angle(history, max_margin_direction(X, y), start),
            plot_norm_and_angle(history, max_margin_direction(X, y), start, limit_per_decade=7.8),
            plot_decay_and_overlap(
                {"separable": history, "overlapping": train_sigmoid_neuron(*overlapping_clusters(), epochs=500, lr=1.0)}
            ),
        ]
        for figure in figures:
            figure.canvas.draw()
            for ax in figure.axes:
                assert ax.get_xlabel() and ax.get_ylabel()


def test_show_epoch_moves_every_view(weight_scaling_run):
    X, y, history = weight_scaling_run
    _, views = plot_training_run(X, y, history, 0)
    values = show_epoch(views, history, 1_000)
    assert values["accuracy"] == 1.0
    assert values["norm"] == pytest.approx(history.weight_norm()[1_000])
    assert list(views["norm"].marker.get_xdata()) == [1_000, 1_000]


def best_geometric_margin(X: np.ndarray, y: np.ndarray, angles: int = 200_001) -> tuple[float, float]:
    """Brute force, independent of the helpers: the largest margin of any line, with the bias free.

    For each unit normal n the best line sits half-way between the two classes' projections;
    returns the best margin and the angle (degrees) of its normal.
    """
    theta = np.linspace(0.0, 2 * np.pi, angles)
    projections = X @ np.vstack([np.cos(theta), np.sin(theta)])
    margins = (projections[y == 1].min(axis=0) - projections[y == 0].max(axis=0)) / 2
    best = int(np.argmax(margins))
    return float(margins[best]), float(np.degrees(theta[best]))


def test_geometric_margin_by_hand():
    X, y = np.array([[0.0, 0.0], [2.0, 2.0], [3.0, 0.0]]), np.array([0.0, 1.0, 1.0])
    # the line x1 + x2 = 2: (0, 0) is sqrt(2) below it, (2, 2) sqrt(2) above, (3, 0) 1/sqrt(2) above
    assert geometric_margin(X, y, [1.0, 1.0], -2.0) == pytest.approx(1 / np.sqrt(2))
    assert geometric_margin(X, y, [-1.0, -1.0], 2.0) == pytest.approx(-np.sqrt(2)), "all on the wrong side"


def test_max_margin_line_is_the_geometric_one_on_the_data_of_notebook_04():
    X, y = weight_scaling_data()
    direction = max_margin_direction(X, y)
    margin = geometric_margin(X, y, direction[:2], direction[2])
    best, angle = best_geometric_margin(X, y)
    assert margin == pytest.approx(best, abs=1e-4) and round(margin, 4) == 0.2944
    assert np.degrees(np.arctan2(direction[1], direction[0])) == pytest.approx(angle, abs=0.01)


def test_max_margin_direction_penalises_the_bias_so_it_can_differ_from_the_geometric_line():
    """Two points far from the origin, (10, 0) and (11, 1): the geometric best line is their perpendicular
    bisector, with margin sqrt(2) / 2. Penalising b like a weight tilts it to nearly horizontal (normal at
    about 92 degrees instead of 45), with a margin of only about 0.48."""
    X, y = np.array([[10.0, 0.0], [11.0, 1.0]]), np.array([0.0, 1.0])
    direction = max_margin_direction(X, y)
    best, angle = best_geometric_margin(X, y)
    assert best == pytest.approx(np.sqrt(2) / 2, abs=1e-6) and angle == pytest.approx(45.0, abs=0.01)
    assert geometric_margin(X, y, direction[:2], direction[2]) == pytest.approx(0.4808, abs=1e-4)
    assert np.degrees(np.arctan2(direction[1], direction[0])) == pytest.approx(92.16, abs=0.01)


def test_norm_growth_over_each_tenfold(weight_scaling_run):
    _, _, history = weight_scaling_run
    norms = history.weight_norm()
    expected = [norms[1_000] - norms[100], norms[10_000] - norms[1_000]]
    np.testing.assert_allclose(norm_growth(history, (100, 1_000, 10_000)), expected)
    with pytest.raises(ValueError, match="at most 100000"):
        norm_growth(history, (100, 1_000_000))


def test_weight_decay_runs_and_their_table():
    X, y = weight_scaling_data()
    runs = train_with_decays(X, y, (0.0, 1e-2), epochs=2_000)
    assert list(runs) == [0.0, 1e-2] and runs[1e-2].weight_norm()[-1] < runs[0.0].weight_norm()[-1]
    rows = weight_decay_table(runs).splitlines()
    assert rows[0].split()[:4] == ["lambda", "|w|", "at", "1,000"] and len(rows) == 4
    strong = rows[-1].split()
    norms = runs[1e-2].weight_norm()
    assert strong[0] == "0.01" and float(strong[1]) == pytest.approx(norms[1_000], abs=1e-3)
    assert float(strong[3].rstrip("%")) == pytest.approx(100 * (norms[-1] / norms[1_000] - 1), abs=0.01)
    assert rows[2].split()[4] == "0.00°", "the run without decay has not turned from itself"
    with pytest.raises(ValueError, match="must include 0"):
        train_with_decays(X, y, (1e-3,), epochs=10)


def test_weight_decay_figure_shows_the_line_without_decay():
    X, y = weight_scaling_data()
    runs = train_with_decays(X, y, (0.0, 1e-2), epochs=500)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure, views = plot_weight_decay(X, y, runs, 1e-2)
        figure.canvas.draw()
    free = runs[0.0]
    (reference,) = [line for line in figure.axes[1].get_lines() if line.get_label() == "final line without decay"]
    xs, ys = reference.get_data()
    np.testing.assert_allclose(free.w[-1][0] * xs + free.w[-1][1] * ys + free.b[-1], 0.0, atol=1e-9)
    assert show_decay(views, 0.0) is free
    np.testing.assert_array_equal(views["curve"].curve.get_ydata(), free.weight_norm()[1:])


def test_signed_distance_is_positive_on_the_side_w_points_to():
    np.testing.assert_allclose(signed_distance([[3.0, 3.0], [0.0, 0.0]], [1, 1], -3), [3 / np.sqrt(2), -3 / np.sqrt(2)])
    with pytest.raises(ValueError, match="w = 0 has no line"):
        signed_distance([[1.0, 1.0]], [0, 0], 1)


def test_the_scaled_lines_are_written_as_by_hand():
    assert [line_equation(c) for c in (0.5, 1.0, 4.0, -1.0, -2.0)] == [
        "0.5x + 0.5y = 1.5",
        "x + y = 3",
        "4x + 4y = 12",
        "-x - y = -3",
        "-2x - 2y = -6",
    ]
