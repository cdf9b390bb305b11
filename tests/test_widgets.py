"""The dashboard pattern, and every dashboard at every corner of its sliders."""

from __future__ import annotations

import ast
import asyncio
import base64
import importlib
import inspect
import io
import itertools
import pkgutil
import warnings

import ipywidgets as widgets
import numpy as np
import PIL.Image
import pytest

import helpers.live
from helpers.figures.png import compact_png
from helpers.figures.style import new_figure
from helpers.live.controls import Choice, Slider
from helpers.live.dashboard import WIDGET_VIEW, Dashboard, _widget_view, dashboard_from_view, number_or_none
from helpers.live.frames import encode_png
from helpers.live.player import Player
from helpers.live.registry import all_dashboards

DASHBOARDS = all_dashboards()
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
BUILDERS = {
    name: builder
    for info in pkgutil.iter_modules(helpers.live.__path__, "helpers.live.")
    for name, builder in vars(importlib.import_module(info.name)).items()
    if name.endswith("_dashboard") and inspect.isfunction(builder)
}


def slider_ends(slider) -> tuple[float, float]:
    """The two extreme values of a numeric or a selection slider, or the first and last option of a choice."""
    if hasattr(slider, "options"):
        return slider.options[0][1], slider.options[-1][1]
    return slider.min, slider.max


def corners(dashboard: Dashboard) -> list[dict[str, float]]:
    """Every combination of control ends (at most 2^k for k controls)."""
    ends = [slider_ends(control) for control in dashboard.controls.values()]
    return [dict(zip(dashboard.controls, combo, strict=True)) for combo in itertools.product(*ends)]


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
    slider = dashboard.controls[name]
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
    with pytest.raises(ValueError, match=r"no control named \['c'\]"):
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
    for name in dashboard.controls:
        assert changes_picture(dashboard, name), f"moving slider {name!r} does not change the figure"


def test_blitted_frame_equals_a_full_redraw(dashboard):
    """Redrawing only the live artists must give the same pixels as drawing everything."""
    for values in corners(dashboard)[:: max(1, len(corners(dashboard)) // 3)]:
        dashboard.set_values(**values)
        blitted = np.asarray(PIL.Image.open(io.BytesIO(dashboard.png)).convert("RGBA"))
        full = dashboard.renderer.full_frame()
        differing = np.any(blitted != full, axis=-1).mean()
        assert differing < 0.002, f"{differing:.1%} of pixels differ at {values}"


def shown(dashboard: Dashboard) -> tuple:
    """What a learner sees change: the control values, the picture, and the line in the "Show as code" box."""
    return dashboard.values(), dashboard.png, dashboard.sharing.text.value


def test_every_button_redraws_and_reset_restores_the_start(dashboard):
    """Clicking each button changes the picture, the state or the code box; Reset brings back the start."""
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
    dashboard.sharing.text.value = ""  # what "Show as code" changes: it fills the box
    for label, button in dashboard.buttons.items():
        if label == "Reset":
            continue
        before = shown(dashboard)
        button.click()
        assert shown(dashboard) != before, f"button {label!r} did nothing"
    assert dashboard.sharing.text.value == dashboard.sharing.line() and dashboard.sharing.text.layout.display is None


def other_value(spec: Slider | Choice) -> float | str:
    """A value a control does not start at: the far end of a slider, the last (or first) option."""
    ends = (spec.options[0], spec.options[-1]) if spec.options else (spec.low, spec.high)
    return ends[1] if spec.value != ends[1] else ends[0]


def test_show_as_code_writes_a_line_that_rebuilds_the_same_picture_and_reset_comes_back_to_it(dashboard):
    """Every control moved (and, with a player, three Steps taken): the line builds the same state and picture."""
    assert not set(inspect.signature(BUILDERS[dashboard.sharing.recipe.builder]).parameters) & set(dashboard.specs)
    dashboard.reset()
    dashboard.set_values(**{name: other_value(spec) for name, spec in dashboard.specs.items()})
    if dashboard.player is not None:
        for _ in range(3):
            dashboard.buttons["Step"].click()
    dashboard.buttons["Show as code"].click()
    line = dashboard.sharing.text.value
    call = ast.parse(line, mode="eval").body
    assert "\n" not in line and isinstance(call, ast.Call) and call.func.id == dashboard.sharing.recipe.builder
    names = {node.id for node in ast.walk(call) if isinstance(node, ast.Name)} - {call.func.id}
    assert names == set(dashboard.sharing.recipe.namespace), "the line uses exactly the names its recipe records"
    rebuilt = eval(line, {**BUILDERS, **dashboard.sharing.recipe.namespace})
    assert rebuilt.values().keys() == dashboard.values().keys()
    for name, value in dashboard.values().items():
        assert rebuilt.values()[name] == (pytest.approx(value, abs=1e-9) if isinstance(value, float) else value), name
    assert rebuilt.extra_state() == dashboard.extra_state()
    assert rebuilt.png == dashboard.png
    prepared = (rebuilt.values(), rebuilt.png, rebuilt.extra_state(), rebuilt.readout.value)
    name, spec = next(iter(rebuilt.specs.items()))
    rebuilt.set_values(**{name: other_value(rebuilt.specs[name])})  # away from the prepared start ...
    assert rebuilt.png != prepared[1]
    rebuilt.buttons["Reset"].click()  # ... and back
    assert (rebuilt.values(), rebuilt.png, rebuilt.extra_state(), rebuilt.readout.value) == prepared


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


def shown_picture(bundle) -> np.ndarray:
    return np.asarray(PIL.Image.open(io.BytesIO(base64.b64decode(bundle["image/png"]))).convert("RGB"))


@pytest.mark.parametrize("ipywidgets", [8, 7])
def test_a_dashboard_ending_a_cell_also_stores_its_picture(ipywidgets, monkeypatch):
    """Viewers with no kernel (GitHub, nbviewer, the HTML hand-outs) show the picture the sliders start at."""
    dashboard = make_toy_dashboard()
    if ipywidgets == 7:  # Colab's ipywidgets 7: widgets have no _repr_mimebundle_
        monkeypatch.delattr(widgets.Widget, "_repr_mimebundle_")
    bundle = dashboard._repr_mimebundle_()
    assert bundle[WIDGET_VIEW]["model_id"] == dashboard.widget.model_id and bundle["text/plain"]
    frame = np.asarray(PIL.Image.open(io.BytesIO(dashboard.png)))
    assert np.abs(shown_picture(bundle).astype(int) - frame.astype(int)).mean() < 1.0


def test_compact_png_keeps_a_flat_coloured_figure_and_shrinks_it():
    dashboard = make_toy_dashboard()
    small = compact_png(dashboard.png)
    assert small.startswith(PNG_MAGIC) and len(small) < len(dashboard.png) / 2
    before = np.asarray(PIL.Image.open(io.BytesIO(dashboard.png))).astype(int)
    after = np.asarray(PIL.Image.open(io.BytesIO(small)).convert("RGB")).astype(int)
    assert after.shape == before.shape and np.abs(after - before).mean() < 1.0


def test_the_view_built_for_ipywidgets_7_is_the_one_ipywidgets_8_builds():
    """Colab's ipywidgets 7 has no _repr_mimebundle_: the dashboard builds the same output itself."""
    widget = make_toy_dashboard().widget
    assert _widget_view(widget) == widget._repr_mimebundle_()


# --- choices, Play/Pause/Step --------------------------------------------------


def make_choice_dashboard(**options) -> tuple[Dashboard, list[int]]:
    """A line whose slope is a slider and whose shape is a choice; with ``advance``, a frame counter shifts it."""
    figure, (ax,) = new_figure(4, 3)
    x = np.linspace(0, 1, 50)
    (line,) = ax.plot(x, x)
    ax.set_ylim(-20, 20)
    frames = [0]

    def draw(a: float, shape: str) -> str:
        line.set_ydata(a * (x if shape == "line" else x**2) + frames[0])
        return f"a={a}, shape={shape}, frame={frames[0]}"

    def advance() -> bool:
        frames[0] += 1
        return frames[0] < 10

    controls = [Slider("a", "a", -5, 5, 0.5, 1.0), Choice("shape", "shape", ("line", "parabola"), "line")]
    extra = {"advance": advance, "on_reset": lambda: frames.__setitem__(0, 0)} if options.get("player") else {}
    return Dashboard(figure, draw, controls, live_artists=[line], **extra), frames


def test_a_choice_feeds_the_draw_function_like_a_slider():
    dashboard, _ = make_choice_dashboard()
    assert set(dashboard.sliders) == {"a"} and set(dashboard.choices) == {"shape"}
    assert isinstance(dashboard.controls["shape"], widgets.Dropdown)
    first = dashboard.png
    dashboard.controls["shape"].value = "parabola"
    assert dashboard.png != first and dashboard.readout.value == "a=1.0, shape=parabola, frame=0"
    dashboard.set_values(a=2.0, shape="line")
    assert dashboard.values() == {"a": 2.0, "shape": "line"}
    dashboard.buttons["Reset"].click()
    assert dashboard.values() == {"a": 1.0, "shape": "line"} and dashboard.png == first


def test_a_choice_shows_its_labels_and_checks_its_spec():
    widget = Choice("f", "f", ("sigmoid", "relu"), "relu", labels=("σ", "ReLU")).make_widget()
    assert widget.options == (("σ", "sigmoid"), ("ReLU", "relu")) and widget.label == "ReLU"
    with pytest.raises(ValueError, match="not one of its options"):
        Choice("f", "f", ("sigmoid", "relu"), "tanh")
    with pytest.raises(ValueError, match="one label per option"):
        Choice("f", "f", ("sigmoid", "relu"), "relu", labels=("σ",))
    with pytest.raises(ValueError, match="at least one option"):
        Choice("f", "f", (), None)


def test_step_can_do_less_than_a_frame():
    figure, (ax,) = new_figure(3, 2)
    (line,) = ax.plot([0, 1], [0, 1])
    moves = []

    def draw(a: float) -> str:
        line.set_ydata([0, sum(moves)])
        return str(sum(moves))

    def move(by: int) -> bool:
        moves.append(by)
        return True

    sliders = [Slider("a", "a", 0, 1, 0.5, 0.0)]
    dashboard = Dashboard(figure, draw, sliders, live_artists=[line], advance=lambda: move(5), step=lambda: move(1))
    dashboard.player.frame()
    dashboard.buttons["Step"].click()
    assert moves == [5, 1] and dashboard.readout.value == "6"


def test_a_dashboard_without_advance_has_no_player():
    dashboard, _ = make_choice_dashboard()
    assert dashboard.player is None and list(dashboard.buttons) == ["Reset"]


def test_step_draws_one_frame_and_reset_starts_again():
    dashboard, frames = make_choice_dashboard(player=True)
    first = dashboard.png
    assert list(dashboard.buttons) == ["Step", "Reset"]
    dashboard.buttons["Step"].click()
    assert frames == [1] and dashboard.png != first and not dashboard.player.playing
    dashboard.buttons["Reset"].click()
    assert frames == [0] and dashboard.png == first


def play_until(dashboard: Dashboard, done, *, timeout: float = 20.0) -> None:
    """Press Play with an event loop running, as in a kernel, and let it run until ``done()``."""

    async def scenario():
        loop = asyncio.get_running_loop()
        dashboard.player.play()
        start = loop.time()
        while not done() and loop.time() - start < timeout:
            await asyncio.sleep(0.005)

    asyncio.run(scenario())


def test_play_runs_on_the_event_loop_and_pause_stops_it_within_one_frame():
    dashboard, frames = make_choice_dashboard(player=True)
    player = dashboard.player
    seen_by_others = []

    async def scenario():
        loop = asyncio.get_running_loop()

        def other_job():  # another job on the same loop (a click, say): it must get its turn between frames
            seen_by_others.append(frames[0])
            loop.call_later(0.001, other_job)

        loop.call_soon(other_job)
        player.play()
        while frames[0] < 5:
            await asyncio.sleep(0.001)
        assert player.playing and player.toggle.description == "Pause"
        player.play()  # pressed again while on: nothing more is scheduled
        player.pause()
        stopped_at = frames[0]
        await asyncio.sleep(0.2)  # time for many frames, had any been queued
        return stopped_at

    stopped_at = asyncio.run(scenario())
    assert frames[0] == stopped_at and player.scheduled is None and player.toggle.description == "Play"
    assert len(set(seen_by_others) & {1, 2, 3, 4}) >= 2, "other jobs ran only before or after Play"


def test_play_stops_by_itself_when_there_is_nothing_more_to_show():
    dashboard, frames = make_choice_dashboard(player=True)
    play_until(dashboard, lambda: not dashboard.player.playing)
    assert frames == [10] and dashboard.player.frames_played == 10 and dashboard.player.scheduled is None


def test_step_while_playing_pauses_first():
    dashboard, frames = make_choice_dashboard(player=True)

    async def scenario():
        dashboard.player.play()
        await asyncio.sleep(0.05)
        before = frames[0]
        dashboard.buttons["Step"].click()
        assert frames[0] == before + 1 and not dashboard.player.playing
        await asyncio.sleep(0.1)
        return before + 1

    assert asyncio.run(scenario()) == frames[0]


def test_play_without_an_event_loop_stays_paused():
    """In a plain script no loop runs: pressing Play must not pretend to play (or raise)."""
    dashboard, frames = make_choice_dashboard(player=True)
    dashboard.player.play()
    assert not dashboard.player.playing and frames == [0] and dashboard.player.scheduled is None


def test_a_frame_that_fails_stops_play():
    figure, (ax,) = new_figure(3, 2)
    (line,) = ax.plot([0, 1], [0, 1])

    def advance() -> bool:
        raise ValueError("broken frame")

    sliders = [Slider("a", "a", 0, 1, 0.5, 0.0)]
    dashboard = Dashboard(figure, lambda a: "", sliders, live_artists=[line], advance=advance)
    errors = []

    async def scenario():
        asyncio.get_running_loop().set_exception_handler(lambda loop, context: errors.append(context["exception"]))
        dashboard.player.play()
        await asyncio.sleep(0.1)

    asyncio.run(scenario())
    assert not dashboard.player.playing and [str(error) for error in errors] == ["broken frame"]


def test_player_rejects_a_frame_rate_that_is_not_positive():
    with pytest.raises(ValueError, match="frames_per_second"):
        Player(lambda: True, frames_per_second=0)
