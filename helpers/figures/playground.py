"""The picture of a playground run (notebook 05): the regions with the data, the loss so far, the gradient per layer.

Same pattern as the other views: :class:`PlaygroundView` builds its artists once and :meth:`PlaygroundView.show`
changes their data. The step axis starts short and doubles when the run reaches its end, and a log axis grows by
a power of ten when a value passes its top: only then does the picture's background change.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..maths.network import predict
from ..maths.network_training import guess_loss
from ..maths.playground import PLAYGROUND_DATA, LiveRun, playground_data
from .network import XOR_LIMITS, log_scale
from .style import (
    BLACK,
    BLUE,
    CLASS_MARKERS,
    GREEN,
    GREY,
    OUTPUT_CMAP,
    PALE_OUTPUT_CMAP,
    VERMILION,
    new_figure,
)

#: The step axis starts at this many steps and doubles as the run goes on.
FIRST_SPAN = 500

#: Most points drawn per curve: a long run is thinned evenly (its last point is always drawn).
MOST_POINTS = 1_000

LOSS_FLOOR, LOSS_TOP = 1e-4, 10.0
GRADIENT_FLOOR, GRADIENT_TOP = 1e-8, 10.0
#: The log axes reach a little below their floors, so a value drawn at its floor stays clear of the axis line.
BELOW_FLOOR = 0.6
LAYER_STYLES = ((BLUE, "-"), (GREEN, "--"))


def data_limits(name: str) -> tuple[float, float, float, float]:
    """The part of the plane shown for a data set: XOR's square around its corners, or a square around the rings."""
    if name == "xor":
        return XOR_LIMITS
    X, _ = playground_data(name)
    reach = float(np.ceil(np.abs(X).max() * 10 + 2) / 10)
    return (-reach, reach, -reach, reach)


def step_span(steps: int, max_steps: int) -> int:
    """The length of the step axis for a run at ``steps``: ``FIRST_SPAN`` doubled until the run fits (at most max)."""
    span = FIRST_SPAN
    while span < steps and span < max_steps:
        span *= 2
    return min(span, max_steps)


def log_top(values: np.ndarray, top: float) -> float:
    """``top``, or the first power of ten above the largest finite value if that is higher."""
    largest = np.max(values, initial=0.0, where=np.isfinite(values))
    return top if largest <= top else float(10 ** np.ceil(np.log10(largest)))


def thinned(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Steps and values of a record, at most ``MOST_POINTS`` of them, evenly spread, the last one always kept."""
    stride = max(1, -(-len(values) // MOST_POINTS))
    steps = np.arange(0, len(values), stride)
    if steps[-1] != len(values) - 1:
        steps = np.append(steps, len(values) - 1)
    return steps, values[steps]


def _legend_above(ax: Axes, ncol: int) -> None:
    """A small one-row legend just above the axes, where live frames never need to redraw it."""
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.01), ncol=ncol, borderaxespad=0.0, fontsize=8,
              handlelength=1.6, columnspacing=1.0)  # fmt: skip


class PlaygroundView:
    """Three panels of one run: the network's output over the plane with the data, the loss, the gradient per layer."""

    def __init__(self, region_ax: Axes, loss_ax: Axes, gradient_ax: Axes, *, resolution: int = 60) -> None:
        self.axes, self.resolution = (region_ax, loss_ax, gradient_ax), resolution
        self.grids = {name: self._grid(data_limits(name)) for name in PLAYGROUND_DATA}
        self.data = None
        self.background = region_ax.imshow(
            np.full((resolution, resolution), 0.5), extent=XOR_LIMITS, origin="lower", cmap=PALE_OUTPUT_CMAP,
            vmin=0.0, vmax=1.0, interpolation="bilinear", aspect="auto",
        )  # fmt: skip
        self.points = {
            label: region_ax.scatter([], [], marker=CLASS_MARKERS[label], edgecolors=BLACK, linewidths=0.8, zorder=3)
            for label in (0, 1)
        }
        self.missed = region_ax.scatter([], [], facecolors="none", edgecolors=VERMILION, linewidths=2.0, zorder=4)
        region_ax.set_xlabel("$x_1$")
        region_ax.set_ylabel("$x_2$")
        region_ax.grid(False)
        for axis in (region_ax.xaxis, region_ax.yaxis):
            axis.set_major_locator(MaxNLocator(4, steps=[1, 5, 10]))
        region_ax.set_title("step 10,000: 100 of 100 right", fontsize=11)  # the longest it gets: layout room

        (self.guess_line,) = loss_ax.plot([0, 1], [np.log(2)] * 2, color=GREY, linestyle=":", linewidth=1.2,
                                          transform=loss_ax.get_yaxis_transform(), label="saying 0.5")  # fmt: skip
        (self.loss_line,) = loss_ax.plot([], [], color=VERMILION, label="loss $C$")
        (self.loss_now,) = loss_ax.plot([], [], "o", color=VERMILION, markersize=5)
        (self.cross,) = loss_ax.plot([], [], "x", color=BLACK, markersize=12, mew=3, label="diverged")
        self.rate = loss_ax.text(0.97, 0.95, "", transform=loss_ax.transAxes, ha="right", va="top")
        log_scale(loss_ax, "y")
        loss_ax.set_ylabel("loss $C$ (log scale)")
        _legend_above(loss_ax, ncol=3)

        self.gradient_artists = []
        for layer, (color, style) in enumerate(LAYER_STYLES, start=1):
            name = "hidden" if layer == 1 else "output"
            (line,) = gradient_ax.plot([], [], color=color, linestyle=style, label=f"layer {layer}: {name}")
            (now,) = gradient_ax.plot([], [], "o", color=color, markersize=5)
            self.gradient_artists += [line, now]
        log_scale(gradient_ax, "y")
        gradient_ax.set_ylabel(r"RMS of $\partial C / \partial W^l$ (0 drawn at $10^{-8}$)")
        _legend_above(gradient_ax, ncol=2)
        for ax in (loss_ax, gradient_ax):
            ax.set_xlabel("gradient-descent step")
            ax.set_xlim(0, FIRST_SPAN)
        loss_ax.set_ylim(BELOW_FLOOR * LOSS_FLOOR, LOSS_TOP)
        gradient_ax.set_ylim(BELOW_FLOOR * GRADIENT_FLOOR, GRADIENT_TOP)
        self.live_artists = [
            self.background, *self.points.values(), self.missed, region_ax.title,
            self.guess_line, self.loss_line, self.loss_now, self.cross, self.rate, *self.gradient_artists,
        ]  # fmt: skip

    def _grid(self, limits: tuple[float, float, float, float]) -> np.ndarray:
        g1, g2 = np.meshgrid(np.linspace(*limits[:2], self.resolution), np.linspace(*limits[2:], self.resolution))
        return np.column_stack([g1.ravel(), g2.ravel()])

    def _show_data(self, name: str, X: np.ndarray, y: np.ndarray) -> None:
        """Put a data set's points on the plane, and frame the plane around them."""
        region_ax, limits = self.axes[0], data_limits(name)
        size = 70 if len(y) <= 8 else 22
        for label, collection in self.points.items():
            collection.set_offsets(X[y == label])
            collection.set_sizes([size])
        self.missed.set_sizes([4 * size])
        self.background.set_extent(limits)
        region_ax.set_xlim(*limits[:2])
        region_ax.set_ylim(*limits[2:])
        self.data = name

    def show(self, run: LiveRun) -> int:
        """Draw ``run`` as it is now; return how many points it gets wrong."""
        region_ax, loss_ax, gradient_ax = self.axes
        X, y = run.X, run.y
        if self.data != run.start.data:
            self._show_data(run.start.data, X, y)
        grid_values = predict(run.network, self.grids[run.start.data])[:, 0]
        self.background.set_data(grid_values.reshape(self.resolution, self.resolution))
        point_values = predict(run.network, X)[:, 0]
        for label, collection in self.points.items():
            collection.set_facecolors(OUTPUT_CMAP(point_values[y == label]))
        wrong = (point_values > 0.5) != (y == 1)
        self.missed.set_offsets(X[wrong] if wrong.any() else np.empty((0, 2)))
        region_ax.title.set_text(f"step {run.steps:,}: {len(y) - int(wrong.sum())} of {len(y)} right")  # keeps its size

        span = step_span(run.steps, run.max_steps)
        for ax in (loss_ax, gradient_ax):
            if ax.get_xlim() != (0.0, float(span)):
                ax.set_xlim(0, span)
        self.guess_line.set_ydata([guess_loss(1, run.start.cost)] * 2)
        self.rate.set_text(rf"$\eta = {run.start.lr:g}$")
        loss_top = log_top(run.loss, LOSS_TOP)
        if loss_ax.get_ylim()[1] != loss_top:
            loss_ax.set_ylim(BELOW_FLOOR * LOSS_FLOOR, loss_top)
        gradient_top = log_top(run.gradient, GRADIENT_TOP)
        if gradient_ax.get_ylim()[1] != gradient_top:
            gradient_ax.set_ylim(BELOW_FLOOR * GRADIENT_FLOOR, gradient_top)
        steps, loss = thinned(np.maximum(run.loss, LOSS_FLOOR))
        self.loss_line.set_data(steps, loss)
        self.loss_now.set_data([steps[-1]], [loss[-1]])
        if run.diverged_at is None:
            self.cross.set_data([], [])
        else:
            self.cross.set_data([run.steps], [max(run.loss[-1], LOSS_FLOOR)])
        steps, gradient = thinned(np.maximum(run.gradient, GRADIENT_FLOOR))
        for layer in range(gradient.shape[1]):
            line, now = self.gradient_artists[2 * layer : 2 * layer + 2]
            line.set_data(steps, gradient[:, layer])
            now.set_data([steps[-1]], [gradient[-1, layer]])
        return int(wrong.sum())


def plot_playground_runs(runs: Sequence[LiveRun], names: Sequence[str]) -> Figure:
    """Static figure (N4): the playground's picture of each run as it is now, one row per run, named on the left."""
    figure, axes = new_figure(12.5, 4.0 * len(runs), ncols=3, nrows=len(runs))
    for row, (run, name) in enumerate(zip(runs, names, strict=True)):
        region_ax, loss_ax, gradient_ax = axes[3 * row : 3 * row + 3]
        view = PlaygroundView(region_ax, loss_ax, gradient_ax)
        view.show(run)
        region_ax.set_title(f"{name}, step {run.steps:,}:\n{region_ax.get_title().split(': ')[1]}", fontsize=11)
    return figure
