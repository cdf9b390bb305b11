"""Weight scaling helpers and the figures of notebook 04."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from helpers import sigmoid_neuron
from helpers.figures.scaling import (
    plot_decay_and_overlap,
    plot_norm_and_angle,
    plot_scaling,
    plot_training_run,
    show_epoch,
)
from helpers.maths.datasets import overlapping_clusters, weight_scaling_data
from helpers.maths.scaling import (
    angle_to_direction,
    log_checkpoints,
    max_margin_direction,
    same_line,
    training_table,
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
