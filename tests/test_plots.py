"""Views and static figures: correct geometry, labelled axes, no warnings at odd weights."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.figures.perceptron import (
    label_target,
    plot_fix_one,
    plot_output_versus_weight,
    plot_step_function,
    plot_training_history,
)
from helpers.figures.saturation import (
    plot_activation_comparison,
    plot_chain_gradients,
    plot_cost_comparison,
    plot_initialisation,
    plot_saturation,
    plot_zigzag,
    shade_saturated,
)
from helpers.figures.sigmoid import (
    plot_gradient_descent,
    plot_learning_signal,
    plot_neuron_curve,
    plot_reliability,
    plot_sigmoid_and_derivative,
    plot_sigmoidal_family,
    plot_textbook_versus_stable,
)
from helpers.figures.style import legend_above, new_figure, style_axes
from helpers.figures.views import boundary_x, line_through_box, output_background, plot_decision_plane
from helpers.maths.datasets import fix_one_break_another, two_clusters
from helpers.maths.perceptron import train_perceptron


@pytest.mark.parametrize(
    ("w1", "w2", "b"),
    [(1.0, 1.0, -3.0), (0.0, 2.0, -1.0), (2.0, 0.0, -1.0), (-1.0, 3.0, 0.5), (5.0, -0.01, 1.0)],
)
def test_line_through_box_points_lie_on_the_line(w1, w2, b):
    xs, ys = line_through_box(w1, w2, b, (0.0, 3.0), (0.0, 3.0))
    np.testing.assert_allclose(w1 * xs + w2 * ys + b, 0.0, atol=1e-12)


def test_vertical_and_missing_lines():
    xs, ys = line_through_box(2.0, 0.0, -2.0, (0.0, 3.0), (-1.0, 4.0))
    np.testing.assert_array_equal(xs, [1.0, 1.0])
    np.testing.assert_array_equal(ys, [-1.0, 4.0])
    assert line_through_box(0.0, 0.0, 1.0, (0, 1), (0, 1)) is None


def all_axes_labelled(figure: Figure) -> bool:
    return all(ax.get_xlabel() and ax.get_ylabel() for ax in figure.axes if ax.get_label() != "<colorbar>")


@pytest.mark.parametrize("w", [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (3.0, -3.0)])
@pytest.mark.parametrize("activation", ["step", "sigmoid"])
def test_decision_plane_at_odd_weights(w, activation):
    X, y = two_clusters(5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure = plot_decision_plane(X, y, w, -1.0, activation=activation)
        figure.canvas.draw()
    assert all_axes_labelled(figure)
    assert figure.axes[0].get_legend() is not None


def test_decision_plane_rings_exactly_the_wrong_points():
    X, y, w, b, index = fix_one_break_another()
    figure = plot_decision_plane(X, y, w, b)
    rings = figure.axes[0].collections[-1].get_offsets()
    np.testing.assert_array_equal(np.asarray(rings), X[[index]])


def static_figures() -> list[Figure]:
    X, y, w, b, index = fix_one_break_another()
    clusters = two_clusters(8)
    return [
        plot_neuron_curve(2.0, -1.0),
        plot_sigmoid_and_derivative(),
        plot_step_function(),
        plot_training_history(*clusters, train_perceptron(*clusters, epochs=5), epoch=3),
        plot_output_versus_weight(np.array([1.0, 0.5]), np.array([0.8, -0.6]), -0.5, span=0.2, delta=0.01),
        plot_output_versus_weight(np.array([1.0, 0.5]), np.array([0.8, -0.6]), -0.5, span=2, show_sigmoid=True),
        plot_fix_one(X, y, w, b, index),
        plot_sigmoidal_family(),
        plot_textbook_versus_stable(),
        plot_reliability({"a": np.array([0.1, 0.9, 0.8]), "b": np.array([0.4, 0.6, 0.5])}, np.array([0.0, 1.0, 1.0])),
        plot_learning_signal(*clusters, np.array([1.0, 1.0]), -3.0),
        plot_gradient_descent(*clusters, np.array([-1.5, 1.0]), -3.0, lr=8.0, steps=4),
        plot_saturation(5.0),
        plot_chain_gradients(6),
        plot_initialisation(1.0),
        plot_cost_comparison(2.0, 2.0),
        plot_zigzag(),
        plot_activation_comparison(),
    ]


def test_static_figures_are_labelled_and_draw_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figures = static_figures()
        for figure in figures:
            figure.canvas.draw()
            assert all_axes_labelled(figure)
            assert figure.legends or any(ax.get_legend() is not None for ax in figure.axes), figure
            assert all(ax.get_title() for ax in figure.axes if ax.get_label() != "<colorbar>"), figure


def test_fix_one_panels_count_the_wrong_points():
    X, y, w, b, index = fix_one_break_another()
    titles = [ax.get_title() for ax in plot_fix_one(X, y, w, b, index, etas=(0.0, 1.0)).axes]
    assert titles == [r"$\eta = 0$: 1 wrong", r"$\eta = 1$: 5 wrong"]


def test_fix_me_label_is_readable_and_covers_no_point():
    """Black on white over any background, and clear of every point (ringed or not) at every step size."""
    X, y, w, b, index = fix_one_break_another()
    figure = plot_fix_one(X, y, w, b, index, etas=(0.0, 0.03, 0.06, 1.0))
    figure.canvas.draw()
    for ax in figure.axes:
        (label,) = [text for text in ax.texts if text.get_text() == "fix me"]
        assert label.get_color() == "#000000" and label.get_bbox_patch().get_facecolor()[:3] == (1.0, 1.0, 1.0)
        box = label.get_bbox_patch().get_window_extent().padded(9)  # 9 px: the radius of a ring
        centres = ax.transData.transform(X)
        assert not any(box.contains(*centre) for centre in centres), ax.get_title()
    _, (ax,) = new_figure(3, 2)
    assert label_target(ax, np.array([1.0, 1.0])).xy == (1.0, 1.0)


def test_reliability_figure_shows_the_count_in_each_bin():
    outputs = np.array([0.05, 0.1, 0.15, 0.5, 0.95, 0.97])
    figure = plot_reliability({"one": outputs, "two": 1 - outputs}, np.array([0.0, 0.0, 1.0, 1.0, 1.0, 1.0]), bins=5)
    counts_ax = figure.axes[1]
    heights = [[int(bar.get_height()) for bar in container] for container in counts_ax.containers]
    assert heights == [[3, 0, 1, 0, 2], [2, 0, 1, 0, 3]]
    labels = sorted(text.get_text() for text in counts_ax.texts)
    assert labels == sorted(["3", "0", "1", "0", "2", "2", "0", "1", "0", "3"])


def test_gradient_descent_figure_marks_every_step():
    X, y = two_clusters(6)
    figure = plot_gradient_descent(X, y, np.array([-1.5, 1.0]), -3.0, lr=8.0, steps=5)
    (ax,) = figure.axes
    steps = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert len(steps) == 1 and len(steps[0].get_xdata()) == 6
    assert len([text for text in ax.texts if text.arrow_patch is not None]) == 5


def test_sigmoid_figure_keeps_tick_labels_off_the_curves():
    """Axis lines cross at the origin, but every tick label and axis label sits outside the plotting area."""
    figure = plot_sigmoid_and_derivative()
    figure.canvas.draw()
    (ax,) = figure.axes
    inside = ax.get_window_extent()
    for label in [*ax.get_yticklabels(), ax.yaxis.label]:
        assert label.get_window_extent().x1 <= inside.x0 + 1, label.get_text()
    for label in [*ax.get_xticklabels(), ax.xaxis.label]:
        assert label.get_window_extent().y1 <= inside.y0 + 1, label.get_text()
    crossing = [line for line in ax.get_lines() if line.get_color() == "#000000"]
    assert len(crossing) == 2, "a horizontal and a vertical axis line through the origin"


def test_decision_plane_rejects_unknown_activation():
    X, y = two_clusters(3)
    with pytest.raises(ValueError, match="activation must be 'step' or 'sigmoid'"):
        plot_decision_plane(X, y, (1, 1), 0.0, activation="relu")


def test_boundary_x():
    assert boundary_x(2.0, -1.0) == 0.5
    assert boundary_x(0.0, 1.0) is None
    assert str(boundary_x(1.0, 0.0)) == "0.0"  # never "-0.0" in a readout


def test_style_and_shading_helpers():
    figure, (ax,) = new_figure(3, 2)
    style_axes(ax)
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
    shade_saturated(ax, 10.0)
    assert len(ax.patches) == 2
    assert [patch.get_label() for patch in ax.patches][1].startswith("saturated")


def test_legend_above_sits_outside_the_axes():
    figure, (ax,) = new_figure(4, 3)
    ax.plot([0, 1], [0, 1], label="a line")
    legend_above(ax)
    figure.canvas.draw()
    legend_box, axes_box = ax.get_legend().get_window_extent(), ax.get_window_extent()
    assert legend_box.y0 >= axes_box.y1 - 1, "a legend above the data never needs redrawing over live artists"


def test_output_background_covers_the_limits_at_the_resolution():
    _, (ax,) = new_figure()
    grid, image = output_background(ax, (-1.0, 2.0, 0.0, 3.0), 5, interpolation="nearest")
    assert grid.shape == (25, 2)
    assert (grid.min(axis=0).tolist(), grid.max(axis=0).tolist()) == ([-1.0, 0.0], [2.0, 3.0])
    assert image.get_extent() == [-1.0, 2.0, 0.0, 3.0] and image.get_array().shape == (5, 5)
    assert image.get_interpolation() == "nearest" and image.norm.vmin == 0.0 and image.norm.vmax == 1.0
