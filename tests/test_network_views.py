"""Figures and dashboards of notebook 05: they draw, say the right thing, and never warn."""

from __future__ import annotations

import io
import warnings

import numpy as np
import PIL.Image
import pytest

from helpers.figures.network import (
    XOR_LIMITS,
    RegionView,
    hidden_outputs,
    log_scale,
    plot_trained_xor,
    plot_xor_regions,
    region_legend_handles,
)
from helpers.figures.network_experiments import (
    batch_label,
    init_label,
    last_losses,
    log_limits,
    plot_batch_comparison,
    plot_initialisations,
    plot_layer_gradients,
    plot_learning_rate_sweep,
)
from helpers.figures.style import new_figure
from helpers.live.network import layer_gradient_dashboard, learning_rate_dashboard
from helpers.maths.activations import ACTIVATIONS
from helpers.maths.datasets import two_circles, xor_data
from helpers.maths.network import init_network
from helpers.maths.network_experiments import (
    SWEEP_ETAS,
    batch_size_runs,
    initialisation_runs,
    learning_rate_sweep,
    xor_network,
)
from helpers.maths.network_training import train_network

X_XOR, Y_XOR = xor_data()
CIRCLES = two_circles(60, 0.1, seed=0)


@pytest.fixture(autouse=True)
def no_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def labelled(figure) -> bool:
    return all(ax.get_xlabel() and ax.get_ylabel() for ax in figure.axes)


def test_xor_regions_show_each_unit_and_the_result():
    figure = plot_xor_regions(xor_network(), X_XOR, Y_XOR)
    titles = [ax.get_title() for ax in figure.axes]
    assert "OR" in titles[0] and "NAND" in titles[1] and "4 of 4 right" in titles[2]
    assert labelled(figure)
    hidden = hidden_outputs(xor_network(), X_XOR)
    assert hidden.shape == (4, 2)
    np.testing.assert_allclose(hidden[:, 0], [0, 1, 1, 1], atol=1e-4)


def test_log_scale_keeps_only_whole_powers_of_ten():
    figure, (ax,) = new_figure()
    ax.plot([0, 1, 10, 1000], [1e-6, 1e-3, 1, 10])
    log_scale(ax, "y")
    log_scale(ax, "x", linthresh=1.0)
    assert ax.get_yscale() == "log" and ax.get_xscale() == "symlog"
    figure.canvas.draw()
    assert len(ax.yaxis.get_minor_ticks()) == 0 and len(ax.xaxis.get_minor_ticks()) == 0


def test_region_legend_names_labels_and_colours():
    labels = [handle.get_label() for handle in region_legend_handles("unit")]
    assert labels == ["true label 0", "true label 1", "unit says 0", "unit says 1"]


def test_region_view_counts_and_rings_mistakes():
    figure, (ax,) = new_figure()
    view = RegionView(ax, X_XOR, Y_XOR, limits=XOR_LIMITS, resolution=10)
    assert view.grid.shape == (100, 2)
    assert view.update(np.zeros(100), np.array([0.1, 0.9, 0.2, 0.4])) == 1  # (1, 0) says 0.2 but is 1
    assert len(view.missed.get_offsets()) == 1
    assert view.show_network(xor_network()) == 0
    quiet = RegionView(ax, X_XOR, Y_XOR, limits=XOR_LIMITS, ring_mistakes=False)
    assert quiet.update(np.zeros(quiet.grid.shape[0]), np.zeros(4)) == 2 and len(quiet.missed.get_offsets()) == 0


def test_learning_rate_figure_and_helpers():
    etas = [0.01, 1.0, 1e4]
    runs = learning_rate_sweep(init_network((2, 2, 1), seed=0), X_XOR, Y_XOR, etas, epochs=50)
    figure = plot_learning_rate_sweep(etas, runs, shown=[0, 2])
    assert labelled(figure)
    assert any("diverged at step" in text.get_text() for text in figure.axes[1].get_legend().get_texts())
    np.testing.assert_array_equal(last_losses(runs), [run.loss[-1] for run in runs])
    assert log_limits(np.array([0.003, 20.0])) == (1e-3, 100.0)
    assert log_limits(np.array([0.0, -1.0])) == (1e-4, 10.0)  # nothing positive: a sensible default


def test_trained_xor_figure():
    run = train_network(init_network((2, 2, 1), seed=0), X_XOR, Y_XOR, epochs=2000, lr=4.0)
    figure = plot_trained_xor(run, X_XOR, Y_XOR)
    assert labelled(figure) and "4 of 4 right" in figure.axes[1].get_title()


def test_initialisation_figure():
    sizes, inits = (2, 4, 4, 1), ["zero", "lecun", 5.0]
    runs = initialisation_runs(sizes, *CIRCLES, inits, activation="tanh", epochs=20, lr=0.5)
    starts = {init: init_network(sizes, init=init, activation="tanh") for init in inits}
    figure = plot_initialisations(runs, starts, CIRCLES[0])
    assert labelled(figure)
    assert [text.get_text() for text in figure.axes[0].get_legend().get_texts()] == ["all zero", "LeCun", "spread 5"]
    assert init_label("xavier") == "Xavier/Glorot" and init_label("he") == "He" and init_label(0.25) == "spread 0.25"


def test_layer_gradient_figure():
    sizes = (2, 6, 6, 6, 1)
    runs = {
        name: train_network(init_network(sizes, activation=name, seed=0), *CIRCLES, epochs=10, lr=0.1)
        for name in ACTIVATIONS
    }
    figure = plot_layer_gradients(runs, sizes)
    assert labelled(figure)
    sigmoid_line = figure.axes[0].get_lines()[0]
    assert len(sigmoid_line.get_xdata()) == 4  # one point per layer


def test_batch_figure():
    runs = batch_size_runs(init_network((2, 4, 1), activation="tanh"), *CIRCLES, [1, None], epochs=3, lr=0.5)
    figure = plot_batch_comparison(runs, 60)
    assert labelled(figure)
    assert batch_label(None, 60) == "full batch (60)" and batch_label(60, 60) == "full batch (60)"
    assert batch_label(5, 60) == "batches of 5"
    xs = figure.axes[0].get_lines()[0].get_xdata()
    np.testing.assert_array_equal(xs, [0, 60, 120, 180])  # examples seen


def frame_matches_full_redraw(dashboard) -> bool:
    blitted = np.asarray(PIL.Image.open(io.BytesIO(dashboard.png)).convert("RGBA"))
    return np.any(blitted != dashboard.renderer.full_frame(), axis=-1).mean() < 0.002


def test_learning_rate_dashboard_at_every_rate():
    runs = learning_rate_sweep(init_network((2, 2, 1), seed=0), X_XOR, Y_XOR, SWEEP_ETAS, epochs=300)
    dashboard = learning_rate_dashboard(X_XOR, Y_XOR, SWEEP_ETAS, runs)
    assert dashboard.values() == {"log_eta": 0.0}
    readouts = set()
    with np.errstate(all="raise"):
        for value in dashboard.specs["log_eta"].options:
            dashboard.set_values(log_eta=value)
            readouts.add(dashboard.readout.value)
            assert "nan" not in dashboard.readout.value.lower()
            if value in (-2.0, 1.0, 3.0):
                assert frame_matches_full_redraw(dashboard)
    assert len(readouts) == len(SWEEP_ETAS)
    dashboard.set_values(log_eta=3.0)
    assert "diverged at step" in dashboard.readout.value
    dashboard.set_values(log_eta=0.5)
    assert "points wrong" in dashboard.readout.value


def test_learning_rate_dashboard_on_a_larger_data_set():
    X, y = CIRCLES
    runs = learning_rate_sweep(init_network((2, 4, 1), seed=0), X, y, [0.1, 1.0, 1e5], epochs=5)
    dashboard = learning_rate_dashboard(X, y, [0.1, 1.0, 1e5], runs)
    dashboard.set_values(log_eta=5.0)
    assert "diverged" in dashboard.readout.value


def test_layer_gradient_dashboard_inside_its_range():
    dashboard = layer_gradient_dashboard(*CIRCLES, depth=3)
    with np.errstate(all="raise"):
        for depth in (1, 2, 5, 10):
            for gain in (0.25, 0.7, 1.41, 4.0):
                dashboard.set_values(depth=depth, gain=gain)
                assert f"layer {depth + 1}" in dashboard.readout.value
        assert frame_matches_full_redraw(dashboard)
    lines = dashboard.figure.axes[0].get_lines()
    assert [len(line.get_xdata()) for line in lines] == [11, 11, 11]
    assert all(np.all(np.asarray(line.get_ydata()) >= 1e-16) for line in lines)  # nothing below the axis
    # the last position, 10 layers at gain 4, has the largest ReLU gradients: inside the axis, not cut at its top
    top = dashboard.figure.axes[0].get_ylim()[1]
    assert max(np.max(line.get_ydata()) for line in lines) < top
