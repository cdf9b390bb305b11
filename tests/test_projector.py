"""Projector mode (helpers.presentation): every text at least 16 pt on screen, thicker lines, the same picture."""

from __future__ import annotations

import base64
import inspect
import io
import subprocess
import sys

import numpy as np
import PIL.Image
import pytest
from IPython.core.formatters import DisplayFormatter
from IPython.core.pylabtools import print_figure
from matplotlib.artist import Artist
from matplotlib.axis import Tick
from matplotlib.collections import Collection, PathCollection
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.text import Text

import helpers
import helpers.live.projector as live_projector
from helpers.figures import digits, perceptron, saturation, sigmoid
from helpers.figures.projector import (
    LINE_SCALE,
    MARKER_SCALE,
    MAX_WIDTH_PX,
    MIN_TEXT_PX,
    enlarge,
    presenting,
    projector_dpi,
    set_presenting,
    smallest_text_points,
    tick_parts,
)
from helpers.figures.views import plot_decision_plane
from helpers.live.projector import CSS_CLASS, EnlargingFormatter, dress_for_projector, presentation
from helpers.live.reference import reference_dashboard
from helpers.live.registry import all_dashboards
from helpers.maths.datasets import fix_one_break_another, two_clusters
from helpers.maths.digits import load_digits
from helpers.maths.perceptron import train_perceptron

DASHBOARDS = all_dashboards()


@pytest.fixture
def projector():
    """Projector mode on for one test (no IPython here: figures are enlarged by hand, dashboards by themselves)."""
    set_presenting(True)
    yield
    set_presenting(False)


def too_small(figure: Figure, draw: bool = True) -> list[str]:
    """Every visible, non-empty text under 16 pt as the browser shows it (s * dpi / 72 CSS pixels)."""
    if draw:
        figure.canvas.draw()  # lays out and makes the tick labels
    return [
        f"{text.get_text()!r}: {text.get_fontsize() * figure.dpi / 72:.1f} px"
        for text in figure.findobj(Text)
        if text.get_visible() and text.get_text().strip() and text.get_fontsize() * figure.dpi / 72 < MIN_TEXT_PX - 1e-9
    ]


def snapshot(figure: Figure) -> list[tuple]:
    """Each artist but the ticks (their number follows the font size), with its kind, data and sizes, in order."""
    artists = figure.findobj()
    skip = tick_parts(figure)
    return [
        (artist, _data(artist), _sizes(artist))
        for artist in artists
        if id(artist) not in skip and not isinstance(artist, Tick)
    ]


def _data(artist: Artist) -> list:
    if isinstance(artist, Line2D):
        return [np.asarray(artist.get_xydata()).copy()]
    if isinstance(artist, Collection):
        array = artist.get_array()
        return [np.asarray(artist.get_offsets()).copy(), None if array is None else np.asarray(array).copy()]
    if isinstance(artist, AxesImage):
        return [np.asarray(artist.get_array()).copy()]
    if isinstance(artist, Text):
        return [artist.get_text()]
    return []


def _sizes(artist: Artist) -> dict[str, np.ndarray]:
    if isinstance(artist, Line2D):
        return {"line": np.array(artist.get_linewidth()), "marker": np.array(artist.get_markersize())}
    if isinstance(artist, PathCollection):
        return {"line": np.asarray(artist.get_linewidths()), "marker": np.sqrt(artist.get_sizes())}
    if isinstance(artist, Collection):
        return {"line": np.asarray(artist.get_linewidths())}
    return {}


def same_picture_larger(before: list[tuple], after: list[tuple]) -> None:
    """Same artists, kinds and data; lines LINE_SCALE and markers MARKER_SCALE times larger (in points)."""
    assert [type(artist) for artist, *_ in after] == [type(artist) for artist, *_ in before]
    for (artist, data, sizes), (_, new_data, new_sizes) in zip(before, after, strict=True):
        for old, new in zip(data, new_data, strict=True):
            if isinstance(old, np.ndarray):
                np.testing.assert_array_equal(new, old, err_msg=f"{artist} changed its data")
            else:
                assert new == old, f"{artist} changed from {old!r} to {new!r}"
        for key, scale in (("line", LINE_SCALE), ("marker", MARKER_SCALE)):
            if key in sizes and sizes[key].size:
                np.testing.assert_allclose(new_sizes[key], sizes[key] * scale, err_msg=f"{key} of {artist}")


@pytest.mark.parametrize("name", sorted(DASHBOARDS))
def test_every_dashboard_is_readable_from_the_back_and_shows_the_same_picture(name, projector, monkeypatch):
    """Enlarged at build time: compare with the figure just before (as presentation off leaves it), then move."""
    seen = {}

    def spy(figure: Figure) -> Figure:
        seen["before"], seen["dpi"], seen["projector dpi"] = snapshot(figure), figure.dpi, projector_dpi(figure)
        return enlarge(figure)

    monkeypatch.setattr(live_projector, "enlarge", spy)
    dashboard = DASHBOARDS[name]()
    figure = dashboard.figure
    assert figure.dpi == seen["projector dpi"] >= seen["dpi"]
    width, height = figure.canvas.get_width_height()
    assert (dashboard.image.layout.width, dashboard.image.layout.height) == (f"{width}px", f"{height}px")
    assert PIL.Image.open(io.BytesIO(dashboard.png)).size == (width, height)
    assert width <= max(MAX_WIDTH_PX, seen["dpi"] * figure.get_figwidth())
    same_picture_larger(seen["before"], snapshot(figure))
    assert not too_small(figure)
    for end in (0, -1):  # the texts that draw functions set keep their size at both ends of every control
        dashboard.set_values(**{n: spec.options[end] if spec.options else (spec.low, spec.high)[end]
                                for n, spec in dashboard.specs.items()})  # fmt: skip
        assert not too_small(figure), f"{name} at its {'low' if end == 0 else 'high'} ends"
    assert CSS_CLASS in dashboard.widget._dom_classes


def _clusters():
    return two_clusters()


def _digits():
    return load_digits()


#: Every figure of the perceptron, sigmoid and saturation modules (found by listing, checked below) and some
#: of the digits lesson's, with small data where they need some.
STATIC_FIGURES = {
    "plot_step_function": perceptron.plot_step_function,
    "plot_training_history": lambda: perceptron.plot_training_history(
        *_clusters(), train_perceptron(*_clusters(), epochs=3), 2
    ),
    "plot_output_versus_weight": lambda: perceptron.plot_output_versus_weight(
        np.array([1.0, 0.5]), np.array([0.8, -0.6]), -0.5, span=2, show_sigmoid=True
    ),
    "plot_fix_one": lambda: perceptron.plot_fix_one(*fix_one_break_another()),
    "plot_decision_plane": lambda: plot_decision_plane(*_clusters(), (1.0, 1.0), -3.0),
    "plot_neuron_curve": sigmoid.plot_neuron_curve,
    "plot_sigmoid_and_derivative": sigmoid.plot_sigmoid_and_derivative,
    "plot_sigmoidal_family": sigmoid.plot_sigmoidal_family,
    "plot_textbook_versus_stable": sigmoid.plot_textbook_versus_stable,
    "plot_reliability": lambda: sigmoid.plot_reliability(
        {"a": np.array([0.1, 0.9, 0.8]), "b": np.array([0.4, 0.6, 0.5])}, np.array([0.0, 1.0, 1.0])
    ),
    "plot_learning_signal": lambda: sigmoid.plot_learning_signal(*_clusters(), np.array([1.0, 1.0]), -3.0),
    "plot_gradient_descent": lambda: sigmoid.plot_gradient_descent(
        *_clusters(), np.array([-1.5, 1.0]), -3.0, lr=8.0, steps=4
    ),
    "plot_saturation": saturation.plot_saturation,
    "plot_chain_gradients": saturation.plot_chain_gradients,
    "plot_initialisation": saturation.plot_initialisation,
    "plot_cost_comparison": saturation.plot_cost_comparison,
    "plot_zigzag": saturation.plot_zigzag,
    "plot_activation_comparison": saturation.plot_activation_comparison,
    "plot_digit_grid": lambda: digits.plot_digit_grid(_digits().X, _digits().labels, np.arange(20)),
    "plot_image_and_inputs": lambda: digits.plot_image_and_inputs(_digits().X, _digits().labels, 0),
}


def test_the_static_figures_cover_every_figure_of_the_first_lessons():
    for module in (perceptron, sigmoid, saturation):
        for name, function in vars(module).items():
            if name.startswith("plot_") and inspect.isfunction(function) and function.__module__ == module.__name__:
                assert name in STATIC_FIGURES, f"{module.__name__}.{name} is missing from STATIC_FIGURES"


def shell_formatters() -> dict:
    """IPython's display formatters with the inline backend's PNG formatter for figures, as a notebook has them."""
    display = DisplayFormatter()
    display.formatters["image/png"].for_type(Figure, lambda figure: print_figure(figure, "png", base64=True))
    return display.formatters


@pytest.mark.parametrize("name", sorted(STATIC_FIGURES))
def test_static_figures_are_enlarged_when_displayed(name):
    figure = STATIC_FIGURES[name]()
    expected, usual = snapshot(figure), figure.get_size_inches() * figure.dpi
    formatters = shell_formatters()
    live_projector.wrap_figure_formatters(formatters, True)
    png = base64.b64decode(formatters["image/png"](figure))
    live_projector.wrap_figure_formatters(formatters, False)
    assert not too_small(figure, draw=False)  # displaying it drew it
    same_picture_larger(expected, snapshot(figure))
    width, height = figure.get_size_inches() * figure.dpi
    assert width > usual[0] and height > usual[1] and width <= max(MAX_WIDTH_PX, usual[0]) + 1e-6
    # bbox_inches="tight" crops to what is drawn, plus what sticks out (legends beside the axes)
    assert PIL.Image.open(io.BytesIO(png)).size[0] > 0.8 * width


def test_without_projector_mode_a_figure_keeps_small_text():
    """The size check can fail: the series' own tick labels are under 16 pt on screen."""
    assert too_small(perceptron.plot_step_function())


def test_switching_on_is_idempotent_and_off_restores_the_usual_sizes(capsys):
    formatters = shell_formatters()
    original = formatters["image/png"].lookup_by_type(Figure)
    shell = type("Shell", (), {"display_formatter": type("Display", (), {"formatters": formatters})})()
    usual = reference_dashboard()
    try:
        presentation(True, shell=shell)
        presentation(True, shell=shell)
        wrapped = formatters["image/png"].lookup_by_type(Figure)
        assert isinstance(wrapped, EnlargingFormatter) and wrapped.original is original
        assert presenting()
        dashboard = reference_dashboard()
        assert dashboard.figure.dpi > usual.figure.dpi
        assert dashboard.widget.children[-1].value.startswith("<style>")
        figure = perceptron.plot_step_function()
        assert enlarge(enlarge(figure)).dpi == projector_dpi(perceptron.plot_step_function())
        sizes = [text.get_fontsize() for text in figure.findobj(Text)]
        enlarge(figure)
        assert [text.get_fontsize() for text in figure.findobj(Text)] == sizes
    finally:
        presentation(False, shell=shell)
    assert formatters["image/png"].lookup_by_type(Figure) is original
    assert not presenting()
    again = reference_dashboard()
    assert again.figure.dpi == usual.figure.dpi
    assert snapshot_sizes(again.figure) == snapshot_sizes(usual.figure)
    assert CSS_CLASS not in again.widget._dom_classes
    assert "Projector mode on" in capsys.readouterr().out


def snapshot_sizes(figure: Figure) -> list:
    return [(type(artist).__name__, {k: v.tolist() for k, v in sizes.items()}) for artist, _, sizes in snapshot(figure)]


def test_the_projector_dpi_magnifies_within_the_width_and_never_shrinks():
    assert projector_dpi(Figure(figsize=(6.4, 4), dpi=100)) == pytest.approx(160)
    assert projector_dpi(Figure(figsize=(10, 4), dpi=100)) == pytest.approx(160)
    assert projector_dpi(Figure(figsize=(12.5, 4), dpi=100)) == pytest.approx(136)
    assert projector_dpi(Figure(figsize=(20, 4), dpi=100)) == 100
    assert smallest_text_points(96) == pytest.approx(16)


def test_a_dashboard_dressed_by_hand_gets_the_style_once_built():
    dashboard = reference_dashboard()
    dress_for_projector(dashboard)
    assert CSS_CLASS in dashboard.widget._dom_classes
    assert dashboard.image.layout.width == f"{dashboard.figure.canvas.get_width_height()[0]}px"


def test_import_helpers_stays_light():
    code = "import sys, helpers; print(callable(helpers.presentation), 'matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "False"]
    assert helpers.presentation.__doc__
