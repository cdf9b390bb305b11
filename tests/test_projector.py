"""Projector mode (helpers.presentation): every text at least 16 pt on screen, thicker lines, the same picture."""

from __future__ import annotations

import base64
import inspect
import io
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import PIL.Image
import pytest
from IPython.core.formatters import DisplayFormatter
from IPython.core.pylabtools import print_figure
from matplotlib.artist import Artist
from matplotlib.axis import Axis, Tick
from matplotlib.collections import Collection, PathCollection
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox

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
from helpers.figures.style import new_figure
from helpers.figures.views import plot_decision_plane
from helpers.live.dashboard import Dashboard
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


def drawn_texts(artist: Artist) -> Iterator[Text]:
    """Every visible, non-empty text the next draw draws: of each axis only the ticks within its view."""
    if not artist.get_visible():
        return
    if isinstance(artist, Text):
        if artist.get_text().strip():
            yield artist
        return
    children = artist.get_children()
    if isinstance(artist, Axis):  # it keeps ticks beyond its limits, which a draw leaves out
        children = [child for child in children if not isinstance(child, Tick)] + artist._update_ticks()
    for child in children:
        yield from drawn_texts(child)


def too_small(figure: Figure, draw: bool = True) -> list[str]:
    """Every text drawn under 16 pt as the browser shows it (s * dpi / 72 CSS pixels)."""
    if draw:
        figure.canvas.draw()  # lays out and makes the tick labels
    return [
        f"{text.get_text()!r}: {text.get_fontsize() * figure.dpi / 72:.1f} px"
        for text in drawn_texts(figure)
        if text.get_fontsize() * figure.dpi / 72 < MIN_TEXT_PX - 1e-9
    ]


#: How far inside the picture's edges every text stays, in pixels (glyphs reach a little beyond their boxes).
EDGE_PX = 2


def crowded(figure: Figure) -> list[str]:
    """Texts that leave the picture, and titles, axis labels and legends that overlap each other or a tick label.

    Window extents as the figure's renderer lays them out; the figure must have been drawn once (a dashboard is).
    """
    renderer = figure.canvas.get_renderer()
    inside = figure.bbox.padded(-EDGE_PX)
    problems = [
        f"{text.get_text()!r} leaves the picture: {np.round(box.extents)} in {np.round(figure.bbox.extents)}"
        for text in drawn_texts(figure)
        if not inside.containsx((box := text.get_window_extent(renderer)).x0)
        or not inside.containsx(box.x1)
        or not inside.containsy(box.y0)
        or not inside.containsy(box.y1)
    ]
    named = [
        (f"{kind} {part.get_text()!r}", part.get_window_extent(renderer))
        for ax in figure.axes
        if ax.get_visible()
        for kind, part in (("title", ax.title), ("left title", ax._left_title), ("right title", ax._right_title),
                           ("x label", ax.xaxis.label), ("y label", ax.yaxis.label))
        if part.get_visible() and part.get_text().strip()
    ]  # fmt: skip
    legends = [ax.get_legend() for ax in figure.axes if ax.get_visible()] + list(figure.legends)
    named += [
        (f"legend {[text.get_text() for text in legend.get_texts()]}", legend.get_window_extent(renderer))
        for legend in legends
        if legend is not None and legend.get_visible()
    ]
    ticks = [
        (f"tick label {label.get_text()!r}", label.get_window_extent(renderer))
        for ax in figure.axes
        for axis in (ax.xaxis, ax.yaxis)
        for tick in axis._update_ticks()
        for label in (tick.label1, tick.label2)
        if label.get_visible() and label.get_text().strip()
    ]
    return problems + [
        f"{name} overlaps {other}"
        for index, (name, box) in enumerate(named)
        for other, other_box in (*named[index + 1 :], *ticks)
        if _overlap(box, other_box)
    ]


def _overlap(box: Bbox, other: Bbox) -> bool:
    """More than touching: the two boxes share more than a pixel each way."""
    return min(box.x1, other.x1) - max(box.x0, other.x0) > 1 and min(box.y1, other.y1) - max(box.y0, other.y0) > 1


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


def same_picture_larger(before: list[tuple], after: list[tuple], larger: bool = True) -> None:
    """Same artists, kinds and data; lines LINE_SCALE and markers MARKER_SCALE times larger (in points), or the same."""
    assert [type(artist) for artist, *_ in after] == [type(artist) for artist, *_ in before]
    for (artist, data, sizes), (_, new_data, new_sizes) in zip(before, after, strict=True):
        for old, new in zip(data, new_data, strict=True):
            if isinstance(old, np.ndarray):
                np.testing.assert_array_equal(new, old, err_msg=f"{artist} changed its data")
            else:
                assert new == old, f"{artist} changed from {old!r} to {new!r}"
        for key, scale in (("line", LINE_SCALE if larger else 1), ("marker", MARKER_SCALE if larger else 1)):
            if key in sizes and sizes[key].size:
                np.testing.assert_allclose(new_sizes[key], sizes[key] * scale, err_msg=f"{key} of {artist}")


@pytest.fixture(scope="module")
def projected() -> Callable[[str], tuple[Dashboard, dict]]:
    """Each dashboard built once in projector mode, with what its figure was just before enlarging, shared by tests."""
    built: dict[str, tuple[Dashboard, dict]] = {}

    def build(name: str) -> tuple[Dashboard, dict]:
        if name not in built:
            seen = {}

            def spy(figure: Figure) -> Figure:
                seen["before"], seen["dpi"], seen["projector dpi"] = snapshot(figure), figure.dpi, projector_dpi(figure)
                enlarge(figure)
                seen["after"] = snapshot(figure)  # before any starting values move the controls
                return figure

            set_presenting(True)
            try:
                with pytest.MonkeyPatch.context() as patch:
                    patch.setattr(live_projector, "enlarge", spy)
                    built[name] = DASHBOARDS[name](), seen
            finally:
                set_presenting(False)
        return built[name]

    return build


def far_corner(dashboard: Dashboard) -> dict:
    """Every control at its high end (its last option): the longest titles, the largest numbers."""
    return {name: spec.options[-1] if spec.options else spec.high for name, spec in dashboard.specs.items()}


@pytest.mark.parametrize("name", sorted(DASHBOARDS))
def test_every_dashboard_is_readable_from_the_back_and_shows_the_same_picture(name, projected):
    """Enlarged at build time: compared with its figure just before (as presentation off leaves it), then moved."""
    dashboard, seen = projected(name)
    figure = dashboard.figure
    assert figure.dpi == seen["projector dpi"] >= seen["dpi"]
    width, height = figure.canvas.get_width_height()
    assert (dashboard.image.layout.width, dashboard.image.layout.height) == (f"{width}px", f"{height}px")
    assert PIL.Image.open(io.BytesIO(dashboard.png)).size == (width, height)
    assert width <= max(MAX_WIDTH_PX, seen["dpi"] * figure.get_figwidth())
    same_picture_larger(seen["before"], seen["after"])
    assert CSS_CLASS in dashboard.widget._dom_classes
    assert not too_small(figure, draw=False)  # the dashboard drew it
    # The texts that draw functions set keep their size; the far corner has the longest ones.
    dashboard.set_values(**far_corner(dashboard))
    assert not too_small(figure, draw=False), f"{name} with every control at its high end"


@pytest.mark.parametrize("name", sorted(DASHBOARDS))
def test_no_dashboard_text_leaves_the_picture_or_overlaps_in_projector_mode(name, projected):
    """Enlarged text in a picture that grew less: every text inside, no title, axis label or legend on another."""
    dashboard, _ = projected(name)
    assert not crowded(dashboard.figure), f"{name} as built"
    dashboard.set_values(**far_corner(dashboard))
    assert not crowded(dashboard.figure), f"{name} with every control at its high end"


#: The dashboards whose build itself consults projector mode (a legend placed elsewhere, a taller figure), by the
#: module that does it: for them the figure just before enlarging is compared with a build in normal mode too.
BUILT_DIFFERENTLY = {"helpers/live/network.py": ["learning_rate"]}


def test_every_build_that_consults_projector_mode_is_compared_with_normal_mode():
    root = Path(helpers.__file__).parent
    consulting = {
        f"helpers/{path.relative_to(root).as_posix()}"
        for path in root.rglob("*.py")
        if "presenting()" in path.read_text() and path.name not in ("projector.py", "dashboard.py")
    }
    assert consulting == set(BUILT_DIFFERENTLY), "list its dashboards in BUILT_DIFFERENTLY"


@pytest.mark.parametrize("name", [name for names in BUILT_DIFFERENTLY.values() for name in names])
def test_a_dashboard_built_for_the_projector_shows_what_normal_mode_shows(name, projected):
    """Same artists, kinds and data as the normal build, lines and markers larger once enlarged."""
    dashboard, seen = projected(name)  # seen["before"]: as built, before enlarging (other tests move it later)
    usual = DASHBOARDS[name]().figure
    same_picture_larger(outside_legends(usual, snapshot(usual)), outside_legends(dashboard.figure, seen["before"]),
                        larger=False)  # fmt: skip
    assert legend_texts(dashboard.figure) == legend_texts(usual)


def outside_legends(figure: Figure, entries: list[tuple]) -> list[tuple]:
    """A snapshot without what a legend holds (where its handles sit follows its font size and place)."""
    inside = {id(part) for ax in figure.axes if ax.get_legend() for part in ax.get_legend().findobj()}
    return [entry for entry in entries if id(entry[0]) not in inside]


def legend_texts(figure: Figure) -> list[list[str]]:
    return [[text.get_text() for text in ax.get_legend().get_texts()] for ax in figure.axes if ax.get_legend()]


def test_the_crowding_check_can_fail():
    """A legend running off the right edge across the neighbour's axis label, and a title above the picture."""
    figure, (left, right) = new_figure(6.0, 3.0, ncols=2)
    figure.set_layout_engine("none")  # constrained layout would make room
    left.plot([0, 1], [0, 1], label="a label long enough to leave the picture, as a legend beside the axes")
    left.legend(loc="center left", bbox_to_anchor=(0.5, 0.5))
    right.set_ylabel("a long y label")
    right.set_title("cut", y=1.3)
    figure.canvas.draw()
    problems = crowded(figure)
    assert any(problem.startswith("'a label long enough") and "leaves the picture" in problem for problem in problems)
    assert any(problem.startswith("'cut' leaves the picture") for problem in problems)
    assert any(problem.startswith("y label 'a long y label' overlaps legend") for problem in problems)


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
def test_every_static_figure_is_readable_from_the_back_and_shows_the_same_picture(name):
    """Enlarged as its display will enlarge it; the ticks a draw would make are made without one (draws are slow)."""
    figure = STATIC_FIGURES[name]()
    expected, usual = snapshot(figure), figure.get_size_inches() * figure.dpi
    enlarge(figure)
    assert not too_small(figure, draw=False)
    same_picture_larger(expected, snapshot(figure))
    width, height = figure.get_size_inches() * figure.dpi
    assert width > usual[0] and height > usual[1] and width <= max(MAX_WIDTH_PX, usual[0]) + 1e-6


@pytest.mark.parametrize("name", ["plot_step_function", "plot_image_and_inputs"])  # a narrow one, a wide one
def test_static_figures_are_enlarged_when_displayed(name):
    figure = STATIC_FIGURES[name]()
    expected = snapshot(figure)
    formatters = shell_formatters()
    live_projector.wrap_figure_formatters(formatters, True)
    png = base64.b64decode(formatters["image/png"](figure))
    live_projector.wrap_figure_formatters(formatters, False)
    assert figure.dpi == projector_dpi(STATIC_FIGURES[name]())
    assert not too_small(figure, draw=False)  # displaying it drew it
    same_picture_larger(expected, snapshot(figure))
    # bbox_inches="tight" crops to what is drawn, plus what sticks out (legends beside the axes)
    assert PIL.Image.open(io.BytesIO(png)).size[0] > 0.8 * figure.get_figwidth() * figure.dpi


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
        values = [str(getattr(child, "value", "")) for child in dashboard.widget.children]
        styles = [value for value in values if value.startswith("<style>")]
        assert len(styles) == 1
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
