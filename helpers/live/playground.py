"""The training playground of notebook 05 (N4): press Play and watch a network learn XOR, or stay stuck."""

from __future__ import annotations

from dataclasses import asdict

import numpy as np

from ..figures.playground import PlaygroundView
from ..figures.style import new_figure
from ..maths.activations import ACTIVATIONS
from ..maths.network_training import DIVERGENCE_FACTOR, guess_loss
from ..maths.playground import DEFAULT_START, MAX_STEPS, STUCK_START, LiveRun, Start, idle_hidden_units
from ..maths.validation import as_positive_int
from .controls import Choice, Slider
from .dashboard import Dashboard
from .sharing import shareable

#: Gradient-descent steps per frame of Play: fixed, so how fast frames come never changes what is learned.
STEPS_PER_FRAME = 5

LEARNING_RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)


def playground_controls(start: Start) -> list[Slider | Choice]:
    """The playground's sliders and choices, starting at ``start`` (which Reset returns to)."""
    return [
        Slider.from_options("lr", "η", LEARNING_RATES, start.lr),
        Slider("hidden", "units", 1, 8, 1, start.hidden, integer=True),
        Slider("scale", "init scale", 0.0, 4.0, 0.1, start.scale, readout_format=".1f"),
        Slider("seed", "seed", 0, 19, 1, start.seed, integer=True),
        Choice("data", "data", ("xor", "circles"), start.data, labels=("XOR", "two circles")),
        Choice("activation", "hidden f", ACTIVATIONS, start.activation, labels=("sigmoid", "tanh", "ReLU")),
        Choice("cost", "cost", ("cross_entropy", "quadratic"), start.cost, labels=("cross-entropy", "quadratic")),
    ]


def describe_live_run(run: LiveRun, mistakes: int) -> str:
    """The playground's readout: step, loss, points right, the gradient per layer, idle units, and how the run ended."""
    loss, gradient = run.loss[-1], run.gradient[-1]
    sizes = " &nbsp; ".join(
        f"layer {layer}: <b>{'0 (exactly)' if value == 0 else f'{value:.1e}'}</b>"
        for layer, value in enumerate(gradient, start=1)
    )
    lines = [
        f"step <b>{run.steps:,}</b> ({STEPS_PER_FRAME} per frame of Play, 1 per Step)",
        f"loss <b>{loss:.4g}</b> ({'ln 2 = 0.693' if run.start.cost == 'cross_entropy' else 'saying 0.5: 0.125'})",
        f"points right: <b>{len(run.y) - mistakes} of {len(run.y)}</b>",
        f"gradient per weight: {sizes}",
    ]
    dead, saturated = idle_hidden_units(run.network, run.X)
    hidden = run.network.sizes[1]
    if dead:
        lines.append(f"dead hidden units (slope f′(z) = 0 at every point): <b>{dead} of {hidden}</b>")
    if saturated:
        lines.append(f"saturated hidden units (slope under 1% of its top everywhere): <b>{saturated} of {hidden}</b>")
    if not np.any(gradient):
        lines.append("<b>every gradient is exactly 0: no step can move this network, whatever η</b>")
    if run.diverged_at is not None:
        bound = DIVERGENCE_FACTOR * max(run.loss[0], guess_loss(1, run.start.cost))
        lines.append(
            f"<b>diverged at step {run.diverged_at}</b>: the loss passed {DIVERGENCE_FACTOR:g} × its start "
            f"(or ln 2) = {bound:.3g}; lower η and press Reset"
        )
    elif run.finished:
        lines.append(f"<b>the end: {run.steps:,} steps</b>; press Reset to watch again")
    return "<br>".join(lines)


class _Current:
    """The run on screen; the draw function replaces it whenever the controls ask for another start.

    Reset brings back the prepared run: ``steps`` steps from the controls' starting values (a run is seeded).
    """

    def __init__(self, start: Start, steps: int) -> None:
        self.steps = steps
        self.start_over(start)

    def start_over(self, start: Start) -> None:
        self.run = LiveRun(start)
        self.run.advance(self.steps)


@shareable
def playground_dashboard(*, steps: int = 0) -> Dashboard:
    """Train a 2-hidden-1 network live (N4): Play, Pause, Step; every control starts the run again from its seed.

    The picture is the network's output over the plane with the data, the loss so far and the gradient
    per weight reaching each layer; each frame of Play takes ``STEPS_PER_FRAME`` gradient-descent steps,
    Step takes one. The button "Stuck start" sets :data:`~helpers.maths.playground.STUCK_START`.

    The controls start at :data:`~helpers.maths.playground.DEFAULT_START` unless told otherwise (``lr=0.3``,
    ``data="circles"``), and the run takes ``steps`` steps before it is shown; Reset comes back to that picture.
    """
    if as_positive_int(steps, "steps") > MAX_STEPS:
        raise ValueError(f"a playground run stops after {MAX_STEPS:,} steps; steps={steps} is more")
    figure, (region_ax, loss_ax, gradient_ax) = new_figure(11.5, 3.8, ncols=3)
    view = PlaygroundView(region_ax, loss_ax, gradient_ax)
    current = _Current(DEFAULT_START, steps)

    def draw(**values) -> str:
        wanted = Start(**values)
        if wanted != current.run.start:
            current.run = LiveRun(wanted)
        return describe_live_run(current.run, view.show(current.run))

    def advance(steps: int = STEPS_PER_FRAME) -> bool:
        current.run.advance(steps)
        return not current.run.finished

    def stuck(dashboard: Dashboard) -> None:
        dashboard.player.pause()
        current.run = LiveRun(STUCK_START)
        dashboard.set_values(**asdict(STUCK_START))

    def start_over() -> None:  # what Reset does: the controls' starting values, then `steps` steps
        current.start_over(Start(**{name: spec.value for name, spec in dashboard.specs.items()}))

    dashboard = Dashboard(
        figure,
        draw,
        playground_controls(DEFAULT_START),
        live_artists=view.live_artists,
        title="Press Play and watch it learn; Pause, Step, or change anything to start again.",
        buttons=[("Stuck start", stuck)],
        advance=advance,
        step=lambda: advance(1),
        on_reset=start_over,
        extra_state=lambda: {"steps": current.run.steps},
    )
    return dashboard
