"""The dashboard pattern, and every dashboard at every corner of its sliders."""

from __future__ import annotations

import io
import itertools
import warnings

import numpy as np
import PIL.Image
import pytest

from helpers.figures.style import new_figure
from helpers.live.dashboard import WIDGET_VIEW, Dashboard, Slider, _widget_view, dashboard_from_view, number_or_none
from helpers.live.frames import encode_png
from helpers.live.registry import all_dashboards

DASHBOARDS = all_dashboards()
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def slider_ends(slider) -> tuple[float, float]:
    """The two extreme values of a numeric or a selection slider."""
    if hasattr(slider, "options"):
        return slider.options[0][1], slider.options[-1][1]
    return slider.min, slider.max


def corners(dashboard: Dashboard) -> list[dict[str, float]]:
    """Every combination of slider ends (at most 2^k for k sliders)."""
    ends = [slider_ends(slider) for slider in dashboard.sliders.values()]
    return [dict(zip(dashboard.sliders, combo, strict=True)) for combo in itertools.product(*ends)]


def make_toy_dashboard(ignore_b: bool = False) -> Dashboard:
    figure, (ax,) = new_figure(4, 3)
    x = np.linspace(0, 1, 50)
    (line,) = ax.plot(x, x)
    ax.set_ylim(-20, 20)

    def draw(a: float, b: float) -> str:
        line.set_ydata(a * x + (0.0 if ignore_b else b))
        return f"a={a}, b={b}"

    sliders = [Slider("a", "a", -5, 5, 0.5, 1.0), Slider("b", "b", -5, 5, 0.5, 0.0)]
    return Dashboard(figure, draw, sliders, live_artists=[line], title="toy")


def changes_picture(dashboard: Dashboard, name: str) -> bool:
    slider = dashboard.sliders[name]
    dashboard.reset()
    before = dashboard.png
    low, high = slider_ends(slider)
    slider.value = high if slider.value != high else low
    return dashboard.png != before


def test_slider_move_redraws_image_and_readout():
    dashboard = make_toy_dashboard()
    first = dashboard.png
    assert first.startswith(PNG_MAGIC)
    dashboard.sliders["a"].value = 3.0
    assert dashboard.png != first
    assert dashboard.readout.value == "a=3.0, b=0.0"


def test_reset_restores_defaults_and_picture():
    dashboard = make_toy_dashboard()
    first = dashboard.png
    dashboard.set_values(a=-2.0, b=4.0)
    dashboard.buttons["Reset"].click()
    assert dashboard.values() == {"a": 1.0, "b": 0.0}
    assert dashboard.png == first


def test_set_values_rejects_unknown_names():
    with pytest.raises(ValueError, match=r"no slider named \['c'\]"):
        make_toy_dashboard().set_values(c=1.0)


def test_slider_spec_rejects_value_outside_range():
    with pytest.raises(ValueError, match="outside"):
        Slider("a", "a", 0.0, 1.0, 0.1, 2.0)
    with pytest.raises(ValueError, match="not one of its options"):
        Slider.from_options("a", "a", (1.0, 10.0, 100.0), 5.0)


def test_selection_slider_steps_through_its_options():
    slider = Slider.from_options("epoch", "epoch", (0, 10, 100), 10).make_widget()
    assert [value for _, value in slider.options] == [0, 10, 100]
    assert [label for label, _ in slider.options] == ["0", "10", "100"]
    assert slider.value == 10


def test_figure_size_is_fixed_while_sliding():
    dashboard = make_toy_dashboard()
    size = dashboard.figure.get_size_inches().tolist()
    positions = [ax.get_position().bounds for ax in dashboard.figure.axes]
    dashboard.set_values(a=5.0, b=-5.0)
    assert dashboard.figure.get_size_inches().tolist() == size
    assert [ax.get_position().bounds for ax in dashboard.figure.axes] == positions


def test_the_check_catches_a_dashboard_that_ignores_a_slider():
    assert changes_picture(make_toy_dashboard(), "b")
    assert not changes_picture(make_toy_dashboard(ignore_b=True), "b")


@pytest.fixture(params=sorted(DASHBOARDS), scope="module")
def dashboard(request) -> Dashboard:
    return DASHBOARDS[request.param]()


def test_every_corner_draws_without_warning(dashboard):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            for values in corners(dashboard):
                dashboard.set_values(**values)
                assert dashboard.png.startswith(PNG_MAGIC)
                assert dashboard.readout.value.strip()
                assert "nan" not in dashboard.readout.value.lower()


def test_every_slider_changes_the_picture(dashboard):
    for name in dashboard.sliders:
        assert changes_picture(dashboard, name), f"moving slider {name!r} does not change the figure"


def test_blitted_frame_equals_a_full_redraw(dashboard):
    """Redrawing only the live artists must give the same pixels as drawing everything."""
    for values in corners(dashboard)[:: max(1, len(corners(dashboard)) // 3)]:
        dashboard.set_values(**values)
        blitted = np.asarray(PIL.Image.open(io.BytesIO(dashboard.png)).convert("RGBA"))
        full = dashboard.renderer.full_frame()
        differing = np.any(blitted != full, axis=-1).mean()
        assert differing < 0.002, f"{differing:.1%} of pixels differ at {values}"


def test_every_button_redraws_and_reset_restores_the_start(dashboard):
    """Clicking each button changes the picture or the state; Reset brings back the starting values and picture."""
    dashboard.buttons["Reset"].click()
    start_values, start_png = dashboard.values(), dashboard.png
    assert start_values == {name: spec.value for name, spec in dashboard.specs.items()}
    name, spec = next(iter(dashboard.specs.items()))
    far_end = spec.options[-1] if spec.options else spec.high
    dashboard.set_values(**{name: far_end if start_values[name] != far_end else (spec.options or [spec.low])[0]})
    moved_png = dashboard.png
    assert moved_png != start_png
    dashboard.buttons["Reset"].click()
    assert dashboard.values() == start_values
    assert dashboard.png == start_png
    for label, button in dashboard.buttons.items():
        if label == "Reset":
            continue
        before = (dashboard.values(), dashboard.png)
        button.click()
        assert (dashboard.values(), dashboard.png) != before, f"button {label!r} did nothing"


def test_every_axes_is_labelled(dashboard):
    for ax in dashboard.figure.axes:
        if ax.get_label() == "<colorbar>":
            continue
        assert ax.get_xlabel() and ax.get_ylabel(), f"unlabelled axes in {dashboard.figure}"


def test_encode_png_round_trips_pixels():
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, size=(5, 7, 4), dtype=np.uint8)
    pixels[..., 3] = 255  # figures are opaque
    png = encode_png(pixels)
    assert png.startswith(PNG_MAGIC)
    decoded = PIL.Image.open(io.BytesIO(png))
    assert decoded.mode == "RGB" and decoded.size == (7, 5)
    np.testing.assert_array_equal(np.asarray(decoded), pixels[..., :3])


def test_view_dashboard_feeds_the_sliders_to_the_view_and_its_answer_to_the_readout():
    calls = []

    class LineView:
        def __init__(self, ax):
            (self.line,) = ax.plot([0, 1], [0, 0])
            ax.set_ylim(-5, 5)
            self.live_artists = [self.line]

        def update(self, a: float) -> float:
            calls.append(a)
            self.line.set_ydata([0, a])
            return 2 * a

    dashboard = dashboard_from_view(
        (3, 2), LineView, [Slider("a", "a", -4, 4, 1, 1.0)], lambda doubled, a: f"{a}->{doubled}", title="t"
    )
    first = dashboard.png
    dashboard.set_values(a=3.0)
    assert calls[-1] == 3.0 and dashboard.readout.value == "3.0->6.0" and dashboard.png != first


def test_number_or_none_says_none_for_what_does_not_exist():
    assert number_or_none(None) == "none" and number_or_none(1.23456, 3) == "1.235"


def test_a_dashboard_ending_a_cell_shows_its_widget():
    dashboard = make_toy_dashboard()
    bundle = dashboard._repr_mimebundle_()
    assert bundle[WIDGET_VIEW]["model_id"] == dashboard.widget.model_id


def test_the_view_built_for_ipywidgets_7_is_the_one_ipywidgets_8_builds():
    """Colab's ipywidgets 7 has no _repr_mimebundle_: the dashboard builds the same output itself."""
    widget = make_toy_dashboard().widget
    assert _widget_view(widget) == widget._repr_mimebundle_()
