"""Dashboards for notebook 05: the learning rate, and the gradient that reaches each layer."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..figures.network import XOR_LIMITS, RegionView
from ..figures.network_experiments import LayerGradientView, LossCurveView, SweepView, log_limits
from ..figures.projector import presenting
from ..figures.style import LEGEND_ROW_PAD, TITLE_PAD_OVER_LEGEND, new_figure
from ..maths.activations import ACTIVATIONS
from ..maths.network import predict
from ..maths.network_experiments import deep_network, layer_gradients
from ..maths.network_training import DIVERGENCE_FACTOR, NetworkRun, guess_loss
from .controls import Slider
from .dashboard import Dashboard
from .sharing import shareable


@shareable
def learning_rate_dashboard(
    X: np.ndarray, y: np.ndarray, etas: Sequence[float], runs: Sequence[NetworkRun]
) -> Dashboard:
    """Step through a learning-rate sweep (N5): where each run ends, its loss curve and its final regions.

    ``runs[i]`` was trained with ``etas[i]`` (see :func:`helpers.maths.network.learning_rate_sweep`); the
    slider moves over ``log10(eta)`` and starts at the eta nearest 1 (``log_eta=-1.0`` starts it at 0.1).
    """
    etas = np.asarray(etas, dtype=np.float64)
    exponents = tuple(float(round(value, 4)) for value in np.log10(etas))
    start = exponents[int(np.argmin(np.abs(etas - 1.0)))]
    # Projector mode's text would cover the diverged runs: their legend goes above the axes, in a taller figure.
    projector = presenting()
    figure, (sweep_ax, curve_ax, plane_ax) = new_figure(14.0, 5.6 if projector else 4.6, ncols=3)
    sweep = SweepView(sweep_ax, etas, runs, legend_on_top=projector)
    pad = TITLE_PAD_OVER_LEGEND + (2 * LEGEND_ROW_PAD if projector else 0)  # the same for all three: in one line
    sweep_ax.set_title("Where each run ends", pad=pad)
    limits = log_limits(np.concatenate([run.loss for run in runs]))
    curve = LossCurveView(curve_ax, max(run.epochs for run in runs), limits)
    curve_ax.set_title("This run's loss", pad=pad)
    plane = RegionView(plane_ax, X, y, limits=XOR_LIMITS if len(y) == 4 else _data_limits(X))
    plane_ax.set_title("Its output at the end", pad=pad)
    outputs = [(predict(run.network, plane.grid)[:, 0], predict(run.network, X)[:, 0]) for run in runs]
    bound_start = guess_loss(1)

    def draw(log_eta: float) -> str:
        index = exponents.index(log_eta)
        run = runs[index]
        sweep.update(index)
        curve.update(run)
        mistakes = plane.update(*outputs[index])
        head = f"η = 10<sup>{log_eta:g}</sup> = <b>{etas[index]:.3g}</b><br>"
        if run.diverged_at is not None:
            bound = DIVERGENCE_FACTOR * max(run.loss[0], bound_start)
            return head + (
                f"<b>diverged at step {run.diverged_at}</b>:<br>loss {run.loss[-1]:.3g} &gt; "
                f"{DIVERGENCE_FACTOR:g} × {bound / DIVERGENCE_FACTOR:.3g} = {bound:.3g}"
            )
        return head + (
            f"after {run.epochs:,} epochs: loss <b>{run.loss[-1]:.3g}</b><br>"
            f"points wrong: <b>{mistakes} of {len(y)}</b>"
        )

    slider = Slider.from_options("log_eta", "log₁₀ η", exponents, start)
    live = sweep.live_artists + curve.live_artists + plane.live_artists
    return Dashboard(figure, draw, [slider], live_artists=live, title="Choose the learning rate η (log scale).")


def _data_limits(X: np.ndarray) -> tuple[float, float, float, float]:
    low, high = X.min(axis=0) - 0.3, X.max(axis=0) + 0.3
    return (low[0], high[0], low[1], high[1])


@shareable
def layer_gradient_dashboard(X: np.ndarray, y: np.ndarray, *, width: int = 16, max_depth: int = 10) -> Dashboard:
    """Choose the depth and the initial weight scale of a network; see the gradient reaching each layer (N7).

    The weights have variance ``gain**2 / n_in`` (1 is LeCun's choice, about 1.41 He's); every
    activation gets the same weights, so only the activation differs between the three lines.
    """
    figure, (ax,) = new_figure(8.0, 4.4)
    view = LayerGradientView(ax, max_depth + 1, limits=(1e-16, 1e3))
    ax.set_xticks(np.arange(1, max_depth + 2))

    def draw(depth: int, gain: float) -> str:
        gradients = {
            name: layer_gradients(deep_network(depth, width, name, gain=gain, seed=0), X, y) for name in ACTIVATIONS
        }
        view.update(gradients)
        rows = "".join(
            f"<tr><td>{name}</td><td>{values[0]:.1e}</td><td>{values[-1]:.1e}</td></tr>"
            for name, values in gradients.items()
        )
        return (
            f"{depth} hidden layer{'s' if depth > 1 else ''} of {width}, gain {gain:.2f}"
            f"<table><tr><th></th><th>layer 1</th><th>layer {depth + 1}</th></tr>{rows}</table>"
        )

    sliders = [
        Slider("depth", "hidden layers", 1, max_depth, 1, min(6, max_depth), integer=True),
        Slider("gain", "gain g", 0.25, 4.0, 0.05, 1.0),
    ]
    return Dashboard(
        figure, draw, sliders, live_artists=view.live_artists, title="How much gradient reaches the first layer?"
    )
