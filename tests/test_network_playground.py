"""The training playground of notebook 05 (N4): its runs, its picture and its dashboard."""

from __future__ import annotations

import asyncio
import io
from dataclasses import asdict, replace
from pathlib import Path

import nbformat
import numpy as np
import PIL.Image
import pytest

from helpers.figures.playground import (
    FIRST_SPAN,
    MOST_POINTS,
    PlaygroundView,
    data_limits,
    log_top,
    plot_playground_runs,
    step_span,
    thinned,
)
from helpers.figures.style import new_figure
from helpers.live.playground import STEPS_PER_FRAME, describe_live_run, playground_controls, playground_dashboard
from helpers.maths.activations import activate
from helpers.maths.network import Network, backprop, cost_of, init_network
from helpers.maths.network_training import train_network, train_step
from helpers.maths.playground import (
    DEFAULT_START,
    MAX_STEPS,
    PLAYGROUND_DATA,
    STUCK_START,
    LiveRun,
    hidden_slopes,
    idle_hidden_units,
    playground_data,
    starting_network,
)

ROOT = Path(__file__).resolve().parent.parent

# --- the runs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "start",
    [
        DEFAULT_START,
        replace(DEFAULT_START, data="circles", hidden=5, activation="tanh", cost="quadratic", lr=3.0),
        replace(DEFAULT_START, activation="relu", hidden=8, scale=2.5, seed=3, lr=0.3),
    ],
    ids=["default", "circles-tanh-quadratic", "relu"],
)
def test_a_live_run_takes_the_steps_of_train_step(start):
    """Step by step, the same networks and losses as train_step and cost_of (backprop by the four equations)."""
    run = LiveRun(start)
    net = starting_network(start)
    for step in range(1, 31):
        run.advance(1)
        net = train_step(net, run.X, run.y, start.lr, start.cost)
        assert run.steps == step
        for ours, theirs in zip((*run.network.weights, *run.network.biases), (*net.weights, *net.biases), strict=True):
            np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-12)
        assert run.loss[-1] == pytest.approx(cost_of(net, run.X, run.y, start.cost), rel=1e-10)
    nabla_w, _ = backprop(net, run.X.T, run.y, start.cost)
    sizes = net.sizes
    expected = [np.sqrt(np.mean(nw**2)) for nw in nabla_w]  # root mean square over the weights of each layer
    np.testing.assert_allclose(run.gradient[-1], expected, rtol=1e-9)
    assert [np.size(nw) for nw in nabla_w] == [sizes[1] * sizes[0], sizes[2] * sizes[1]]


def test_how_fast_steps_are_asked_for_never_changes_what_is_learned():
    one_go, frames = LiveRun(DEFAULT_START), LiveRun(DEFAULT_START)
    one_go.advance(200)
    for _ in range(200 // STEPS_PER_FRAME):
        frames.advance(STEPS_PER_FRAME)
    np.testing.assert_array_equal(one_go.loss, frames.loss)
    np.testing.assert_array_equal(one_go.network.weights[0], frames.network.weights[0])


@pytest.mark.parametrize("lr", [30.0, 100.0])
def test_a_run_diverges_where_train_network_says_it_does(lr):
    start = replace(DEFAULT_START, lr=lr, scale=2.0)
    run = LiveRun(start)
    taken = run.advance(2000)
    reference = train_network(starting_network(start), run.X, run.y, epochs=2000, lr=lr)
    assert run.diverged_at == reference.diverged_at
    np.testing.assert_allclose(run.loss, reference.loss, rtol=1e-9)
    if run.diverged_at is not None:
        assert run.finished and taken == run.steps and run.advance(5) == 0
        assert np.isfinite(run.loss).all() and np.isfinite(run.gradient).all()


def test_a_run_stops_at_its_last_step():
    run = LiveRun(DEFAULT_START, max_steps=12)
    assert run.advance(10) == 10 and not run.finished
    assert run.advance(10) == 2 and run.finished and run.steps == 12
    assert run.loss.shape == (13,) and run.gradient.shape == (13, 2) and run.accuracy.shape == (13,)


def test_a_start_checks_its_choices():
    for bad in (
        {"data": "spiral"}, {"activation": "step"}, {"cost": "hinge"}, {"hidden": 0}, {"seed": -1},
        {"scale": -0.5}, {"lr": 0.0}, {"lr": float("nan")}, {"hidden": 2.5},
    ):  # fmt: skip
        with pytest.raises(ValueError):
            replace(DEFAULT_START, **bad)
    assert set(PLAYGROUND_DATA) == {"xor", "circles"}
    with pytest.raises(ValueError, match="data"):
        playground_data("moons")


def test_the_scale_multiplies_xaviers_weights_exactly():
    xavier = init_network((2, 3, 1), init="xavier", seed=4)
    for scale in (0.0, 1.0, 2.5):
        net = starting_network(replace(DEFAULT_START, hidden=3, seed=4, scale=scale))
        for ours, theirs in zip(net.weights, xavier.weights, strict=True):
            np.testing.assert_array_equal(ours, scale * theirs)
        assert all(not b.any() for b in net.biases)


def test_the_data_sets():
    X, y = playground_data("xor")
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]] and y.tolist() == [0, 1, 1, 0]
    X, y = playground_data("circles")
    assert X.shape == (100, 2) and y.sum() == 50


def test_hidden_slopes_against_the_derivative_by_finite_differences():
    net = Network(([[1.5, -2.0], [0.3, 0.0], [-4.0, -4.0]], [[0.0, 1.0, 0.0]]), ([[0.1], [-0.2], [0.0]], [[0.0]]))
    X = np.array([[0.0, 0.0], [1.0, 0.5], [-1.0, 2.0]])
    z = X @ np.array(net.weights[0]).T + net.biases[0][:, 0]
    for activation, top in (("sigmoid", 0.25), ("tanh", 1.0)):
        h = 1e-6
        numeric = (activate(z + h, activation) - activate(z - h, activation)) / (2 * h) / top
        typed = Network(net.weights, net.biases, activation)
        np.testing.assert_allclose(hidden_slopes(typed, X), numeric, rtol=1e-6, atol=1e-9)
    relu = hidden_slopes(Network(net.weights, net.biases, "relu"), X)
    np.testing.assert_array_equal(relu, (z > 0).astype(float))


def test_idle_units_dead_and_saturated():
    X, _ = playground_data("xor")
    # unit 1 never fires on XOR's inputs, unit 2 is a sigmoid far out in its tail, unit 3 is alive
    weights = ([[-1.0, -1.0], [40.0, 40.0], [1.0, -1.0]], [[1.0, 1.0, 1.0]])
    biases = ([[0.0], [20.0], [0.0]], [[0.0]])
    assert idle_hidden_units(Network(weights, biases, "relu"), X) == (1, 0)
    assert idle_hidden_units(Network(weights, biases, "sigmoid"), X) == (0, 1)
    assert idle_hidden_units(starting_network(DEFAULT_START), X) == (0, 0)


def test_the_stuck_start_cannot_move_at_all():
    """Both ReLU units have weights <= 0 and zero biases: z <= 0 at all four points, so nothing passes back."""
    run = LiveRun(STUCK_START)
    W1 = run.network.weights[0]
    assert (W1 <= 0).all() and not run.network.biases[0].any()
    assert (run.X @ W1.T <= 0).all()
    assert idle_hidden_units(run.network, run.X) == (2, 0)
    assert not run.gradient[0].any()
    start_network = run.network
    run.advance(1000)
    assert run.loss[-1] == run.loss[0] == pytest.approx(np.log(2), abs=1e-15)
    for ours, theirs in zip(run.network.weights, start_network.weights, strict=True):
        np.testing.assert_array_equal(ours, theirs)
    # what frees it: a slope that is never 0 (tanh), from the very same weights
    freed = LiveRun(replace(STUCK_START, activation="tanh"))
    freed.advance(1000)
    assert freed.accuracy[-1] == 1.0


# --- the picture ---------------------------------------------------------------------


def test_the_step_axis_doubles_until_the_run_fits():
    assert step_span(0, MAX_STEPS) == FIRST_SPAN == step_span(FIRST_SPAN, MAX_STEPS)
    assert step_span(FIRST_SPAN + 1, MAX_STEPS) == 2 * FIRST_SPAN
    assert step_span(MAX_STEPS, MAX_STEPS) == MAX_STEPS and step_span(3000, 2500) == 2500


def test_a_log_axis_grows_by_powers_of_ten_only_when_needed():
    assert log_top(np.array([0.5, 3.0]), 10.0) == 10.0
    assert log_top(np.array([0.5, 30.0]), 10.0) == 100.0
    assert log_top(np.array([100.0]), 10.0) == 100.0
    assert log_top(np.array([0.1, np.inf]), 10.0) == 10.0


def test_thinning_keeps_at_most_so_many_points_and_the_last():
    for n in (1, 7, MOST_POINTS, MOST_POINTS + 1, 10_001):
        steps, values = thinned(np.arange(n) * 2.0)
        assert len(steps) <= MOST_POINTS + 1 and steps[0] == 0 and steps[-1] == n - 1
        np.testing.assert_array_equal(values, steps * 2.0)


def test_every_point_lies_inside_the_plane_shown():
    for name in PLAYGROUND_DATA:
        X, _ = playground_data(name)
        x0, x1, y0, y1 = data_limits(name)
        assert (X[:, 0] > x0).all() and (X[:, 0] < x1).all() and (X[:, 1] > y0).all() and (X[:, 1] < y1).all()


def test_the_view_counts_mistakes_and_follows_the_data():
    figure, axes = new_figure(11.5, 3.8, ncols=3)
    view = PlaygroundView(*axes)
    run = LiveRun(DEFAULT_START)
    run.advance(1000)
    assert view.show(run) == 0 and axes[0].get_xlim() == data_limits("xor")[:2]
    circles = LiveRun(replace(DEFAULT_START, data="circles"))
    wrong = view.show(circles)
    from helpers.maths.network import predict

    assert wrong == int(((predict(circles.network, circles.X)[:, 0] > 0.5) != (circles.y == 1)).sum())
    assert axes[0].get_xlim() == data_limits("circles")[:2]
    assert axes[0].get_title() == f"step 0: {100 - wrong} of 100 right"


def test_the_static_figure_shows_each_run_in_a_row():
    runs = [LiveRun(DEFAULT_START), LiveRun(STUCK_START)]
    for run in runs:
        run.advance(50)
    figure = plot_playground_runs(runs, ["default start", "stuck start"])
    assert len(figure.axes) == 6
    assert figure.axes[0].get_title().startswith("default start") and figure.axes[3].get_title().startswith("stuck")


# --- the dashboard ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def dashboard():
    return playground_dashboard()


def control_ends(dashboard) -> list[dict]:
    """Each control at each of its two ends, the others at their starting values."""
    settings = []
    for name, spec in dashboard.specs.items():
        options = getattr(spec, "options", ())
        for end in (options[0], options[-1]) if options else (spec.low, spec.high):
            settings.append({name: end})
    return settings


def test_every_control_end_then_200_steps_of_play_draws_a_sensible_picture(dashboard):
    """No warning (they are errors here), no nan, a readout that says where the run is, a picture every frame."""
    for change in control_ends(dashboard) + [asdict(replace(STUCK_START, scale=4.0, lr=100.0, cost="quadratic"))]:
        dashboard.reset()
        dashboard.set_values(**change)
        pictures = {dashboard.png}
        for _ in range(200 // STEPS_PER_FRAME):
            dashboard.player.frame()
            pictures.add(dashboard.png)
        readout = dashboard.readout.value
        assert "nan" not in readout.lower() and "inf" not in readout.lower(), change
        run_steps = int(readout.split("step <b>")[1].split("</b>")[0].replace(",", ""))
        if "diverged" in readout:
            assert run_steps < 200 and "lower η and press Reset" in readout
        else:
            assert run_steps == 200, change
        assert len(pictures) > 1, f"the picture never changed at {change}"


def test_a_frame_is_what_a_full_redraw_gives_even_after_the_step_axis_doubled(dashboard):
    dashboard.reset()
    for _ in range((FIRST_SPAN + 10) // STEPS_PER_FRAME):
        dashboard.player.frame()
    assert dashboard.figure.axes[1].get_xlim() == (0.0, 2.0 * FIRST_SPAN)
    blitted = np.asarray(PIL.Image.open(io.BytesIO(dashboard.png)).convert("RGBA"))
    assert np.any(blitted != dashboard.renderer.full_frame(), axis=-1).mean() < 0.002


def test_reset_starts_again_from_the_same_seed(dashboard):
    dashboard.reset()
    first = (dashboard.png, dashboard.readout.value)
    for _ in range(20):
        dashboard.player.frame()
    assert dashboard.png != first[0]
    dashboard.buttons["Reset"].click()
    assert (dashboard.png, dashboard.readout.value) == first
    assert dashboard.png == playground_dashboard().png


def test_the_stuck_start_is_one_click_away_and_says_why(dashboard):
    dashboard.reset()
    dashboard.buttons["Stuck start"].click()
    assert dashboard.values() == asdict(STUCK_START)
    stuck = dashboard.readout.value
    assert "dead hidden units" in stuck and "<b>2 of 2</b>" in stuck and "every gradient is exactly 0" in stuck
    assert "layer 1: <b>0 (exactly)</b>" in stuck
    for _ in range(10):
        dashboard.player.frame()
    assert "step <b>50</b>" in dashboard.readout.value and "loss <b>0.6931</b>" in dashboard.readout.value


def test_step_takes_one_gradient_descent_step_and_pauses(dashboard):
    dashboard.reset()
    dashboard.player.frame()
    dashboard.buttons["Step"].click()
    assert "step <b>6</b>" in dashboard.readout.value and not dashboard.player.playing


def test_divergence_is_a_readout_not_a_warning_or_a_blank_picture(dashboard):
    dashboard.reset()
    dashboard.set_values(lr=100.0)
    for _ in range(3):
        dashboard.player.frame()
    readout = dashboard.readout.value
    assert "diverged at step 2" in readout
    pixels = np.asarray(PIL.Image.open(io.BytesIO(dashboard.png)).convert("L"))
    assert pixels.std() > 20  # a picture, not a blank
    assert not dashboard.player.playing


def test_play_stops_when_the_run_diverges(dashboard):
    dashboard.reset()
    dashboard.set_values(lr=100.0)

    async def scenario():
        dashboard.player.play()
        for _ in range(200):
            await asyncio.sleep(0.01)
            if not dashboard.player.playing:
                return True
        return False

    assert asyncio.run(scenario()) and "diverged at step 2" in dashboard.readout.value


def test_two_hundred_steps_of_real_play_match_a_run_taken_at_once(dashboard):
    dashboard.reset()

    async def scenario():
        dashboard.player.play()
        while dashboard.player.frames_played < 200 // STEPS_PER_FRAME:
            await asyncio.sleep(0.002)
        dashboard.player.pause()

    dashboard.player.frames_played = 0
    asyncio.run(scenario())
    # A frame that was already due when the check saw 200 steps may still run before the pause: compare with
    # as many steps as were really played.
    steps = dashboard.player.frames_played * STEPS_PER_FRAME
    assert 200 <= steps <= 200 + 2 * STEPS_PER_FRAME
    reference = LiveRun(DEFAULT_START)
    reference.advance(steps)
    assert f"step <b>{steps:,}</b>" in dashboard.readout.value
    assert describe_live_run(reference, 0).split("<br>")[1] in dashboard.readout.value


def test_the_controls_start_where_the_start_says():
    start = replace(STUCK_START, data="circles", lr=0.3, scale=2.0)
    assert {spec.name: spec.value for spec in playground_controls(start)} == asdict(start)


# --- what notebook 05's prose says about the playground ----------------------------------


def markdown_cell(cell_id: str) -> str:
    """A markdown cell of notebook 05, with every run of white space (line breaks too) made one space."""
    notebook = nbformat.read(ROOT / "notebooks" / "05_a_network_that_learns.ipynb", as_version=4)
    return " ".join(next(cell.source for cell in notebook.cells if cell.id == cell_id).split())


def test_the_notice_under_the_static_figure():
    run = LiveRun(DEFAULT_START)
    run.advance(1000)
    plateau_ends = int(np.argmax(run.loss < 0.68))  # within 0.013 of ln 2 until then
    assert abs(plateau_ends - 450) <= 10
    assert "for about 450 steps" in markdown_cell("play-notice")


def test_the_stuck_start_text():
    X, _ = playground_data("xor")
    starts = [starting_network(replace(STUCK_START, seed=seed)) for seed in range(20)]
    dead_seeds = [seed for seed, net in enumerate(starts) if idle_hidden_units(net, X)[0] == 2]
    assert dead_seeds == [8]
    assert "Of the seeds 0 to 19, only seed 8 does it." in markdown_cell("play-stuck")
    outcomes = {}
    changes = {
        "3": {"hidden": 3}, "4": {"hidden": 4}, "6": {"hidden": 6}, "tanh": {"activation": "tanh"},
        "sigmoid": {"activation": "sigmoid"}, "eta": {"lr": 10.0}, "scale": {"scale": 4.0},
    }  # fmt: skip
    for name, change in changes.items():
        start = replace(STUCK_START, **change)
        run = LiveRun(start)
        run.advance(3000)
        outcomes[name] = (idle_hidden_units(starting_network(start), X)[0], round(4 * run.accuracy[-1]))
    assert outcomes == {
        "3": (3, 2), "4": (3, 3), "6": (3, 4), "tanh": (0, 4), "sigmoid": (0, 4), "eta": (2, 2), "scale": (2, 2)
    }  # fmt: skip
    text = markdown_cell("play-frees-text")
    for claim in ("with seed 8 the third is dead too", "network settles with 3 of 4 right; six learn XOR",
                  "A larger $\\eta$ or init scale changes nothing"):  # fmt: skip
        assert claim in text


def test_the_stuck_starts_of_section_3_stay_stuck_in_the_playground():
    """'seeds 1 and 6 (the starts of section 3 that got stuck halfway)': at the playground's eta = 1 as well."""
    for seed in (1, 6):
        run = LiveRun(replace(DEFAULT_START, seed=seed))
        run.advance(5000)
        assert run.loss[-1] == pytest.approx(np.log(2) / 2, abs=0.002) and run.accuracy[-1] < 1
    assert "seeds 1 and 6 (the starts of section 3 that got stuck halfway)" in markdown_cell("play-try")


def test_every_weight_zero_cannot_move_either():
    """The 'init scale 0' the notebook suggests trying: every gradient is exactly 0, whatever the activation or cost."""
    for activation in ("sigmoid", "tanh", "relu"):
        for cost in ("cross_entropy", "quadratic"):
            run = LiveRun(replace(DEFAULT_START, scale=0.0, activation=activation, cost=cost))
            run.advance(50)
            assert not run.gradient.any() and np.all(run.loss == run.loss[0])
