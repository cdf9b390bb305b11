"""Pictures for notebook 05: a network's regions, the learning rate, initialisation, layers and batches.

Same pattern as the other figure modules: a view builds its artists once and ``update`` changes
their data; a ``plot_*`` function draws a view (or a few curves) once for a static figure.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, NullLocator

from ..maths.network import Network, forward, predict
from ..maths.network_training import NetworkRun, guess_loss
from .style import (
    BLACK,
    BLUE,
    CLASS_MARKERS,
    GREEN,
    GREY,
    ORANGE,
    OUTPUT_CMAP,
    PALE_OUTPUT_CMAP,
    PURPLE,
    SKY,
    VERMILION,
    new_figure,
)
from .views import line_through_box, output_background

#: The plane around the four XOR points.
XOR_LIMITS = (-0.5, 1.5, -0.5, 1.5)


#: Lines of several runs: colour and dash, so they differ in grey scale too.
RUN_STYLES = ((SKY, ":"), (BLUE, "-"), (GREEN, "--"), (ORANGE, "-."), (VERMILION, "-"), (PURPLE, "--"), (GREY, ":"))


ACTIVATION_STYLES = {"sigmoid": (BLUE, "o", "-"), "tanh": (VERMILION, "s", "--"), "relu": (GREEN, "^", "-.")}


SPREAD_FLOOR = 1e-4


def log_scale(ax: Axes, which: str, *, linthresh: float | None = None) -> None:
    """Put axis ``which`` ("x" or "y") on a log scale (symmetric-log, linear below ``linthresh``, if given),
    with ticks at whole powers of ten only.

    Minor ticks on a log axis spanning many decades cost most of a figure's drawing time, and say little.
    """
    options = {"value": "log"} if linthresh is None else {"value": "symlog", "linthresh": linthresh}
    (ax.set_xscale if which == "x" else ax.set_yscale)(**options)
    (ax.xaxis if which == "x" else ax.yaxis).set_minor_locator(NullLocator())


def region_legend_handles(kind: str = "network") -> list:
    """Legend entries for a region picture: the two labels' markers and the two colours of the output."""
    return [
        Line2D([], [], marker=CLASS_MARKERS[0], linestyle="", markerfacecolor="white", markeredgecolor=BLACK,
               label="true label 0"),
        Line2D([], [], marker=CLASS_MARKERS[1], linestyle="", markerfacecolor="white", markeredgecolor=BLACK,
               label="true label 1"),
        Patch(facecolor=PALE_OUTPUT_CMAP(0.0), edgecolor=GREY, label=f"{kind} says 0"),
        Patch(facecolor=PALE_OUTPUT_CMAP(1.0), edgecolor=GREY, label=f"{kind} says 1"),
    ]  # fmt: skip


class RegionView:
    """Values in [0, 1] over the plane (orange 0, white 0.5, blue 1), with the data points on top.

    Each point's marker shape is its true label and its fill the value at that point; with
    ``ring_mistakes``, points on the wrong side of 0.5 are ringed.
    """

    def __init__(
        self,
        ax: Axes,
        X: np.ndarray,
        y: np.ndarray,
        *,
        limits: tuple[float, float, float, float],
        resolution: int = 80,
        ring_mistakes: bool = True,
    ) -> None:
        self.X, self.y, self.ring_mistakes = np.asarray(X, float), np.asarray(y, float), ring_mistakes
        self.xlim, self.ylim, self.resolution = limits[:2], limits[2:], resolution
        self.grid, self.background = output_background(ax, limits, resolution)
        size = 70 if len(self.y) <= 8 else 22
        self.points = {
            label: ax.scatter(
                self.X[self.y == label, 0],
                self.X[self.y == label, 1],
                s=size,
                marker=CLASS_MARKERS[label],
                edgecolors=BLACK,
                linewidths=0.8,
                zorder=3,
            )
            for label in (0, 1)
        }
        self.missed = ax.scatter([], [], s=4 * size, facecolors="none", edgecolors=VERMILION, linewidths=2.0, zorder=4)
        ax.set_xlim(*self.xlim)
        ax.set_ylim(*self.ylim)
        ax.xaxis.set_major_locator(MaxNLocator(4, steps=[1, 5, 10]))
        ax.yaxis.set_major_locator(MaxNLocator(4, steps=[1, 5, 10]))
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        ax.grid(False)
        self.live_artists = [self.background, *self.points.values(), self.missed]

    def update(self, grid_values: np.ndarray, point_values: np.ndarray) -> int:
        """Show ``grid_values`` (one per grid point) and colour the points by ``point_values``; return the mistakes."""
        self.background.set_data(np.asarray(grid_values).reshape(self.resolution, self.resolution))
        values = np.asarray(point_values, dtype=np.float64)
        for label, collection in self.points.items():
            collection.set_facecolors(OUTPUT_CMAP(values[self.y == label]))
        wrong = (values > 0.5) != (self.y == 1)
        shown = wrong if self.ring_mistakes else np.zeros_like(wrong)
        self.missed.set_offsets(self.X[shown] if shown.any() else np.empty((0, 2)))
        return int(wrong.sum())

    def show_network(self, net: Network) -> int:
        """Show the output of ``net`` (its single output unit); return its mistakes."""
        return self.update(predict(net, self.grid)[:, 0], predict(net, self.X)[:, 0])


def hidden_outputs(net: Network, points: np.ndarray, layer: int = 1) -> np.ndarray:
    """The activations of hidden layer ``layer`` at each point: shape (m, n_layer)."""
    activations, _ = forward(net, np.asarray(points, dtype=np.float64).T)
    return activations[layer].T


def plot_xor_regions(net: Network, X: np.ndarray, y: np.ndarray, names: Sequence[str] = ("OR", "NAND")) -> Figure:
    """Static figure (N1): each hidden unit's half-plane, and the output region they make together."""
    figure, axes = new_figure(12.0, 4.3, ncols=3)
    views = [RegionView(ax, X, y, limits=XOR_LIMITS, ring_mistakes=False) for ax in axes[:2]]
    hidden_grid, hidden_points = hidden_outputs(net, views[0].grid), hidden_outputs(net, X)
    W1, b1 = net.weights[0], net.biases[0][:, 0]
    line_styles = ("--", ":")
    for unit, (ax, view) in enumerate(zip(axes[:2], views, strict=True)):
        view.update(hidden_grid[:, unit], hidden_points[:, unit])
        w1, w2 = W1[unit]
        name = names[unit] if unit < len(names) else f"unit {unit + 1}"
        ax.set_title(f"hidden unit $h_{unit + 1}$ = {name}\n${w1:g}x_1 {w2:+g}x_2 {b1[unit]:+g} = 0$")
    output = RegionView(axes[2], X, y, limits=XOR_LIMITS)
    mistakes = output.show_network(net)
    for unit in range(W1.shape[0]):
        ends = line_through_box(*W1[unit], b1[unit], XOR_LIMITS[:2], XOR_LIMITS[2:])
        if ends is not None:
            for ax in (axes[unit], axes[2]):
                ax.plot(*ends, color=BLACK, linestyle=line_styles[unit % 2], linewidth=1.5)
    axes[2].set_title(f"output $a$ = AND($h_1$, $h_2$)\n{4 - mistakes} of 4 right: XOR")
    handles = region_legend_handles("unit")
    handles += [
        Line2D([], [], color=BLACK, linestyle=line_styles[0], label="$h_1$'s line"),
        Line2D([], [], color=BLACK, linestyle=line_styles[1], label="$h_2$'s line"),
    ]
    figure.legend(handles=handles, loc="outside lower center", ncol=6)
    return figure


def plot_trained_xor(run: NetworkRun, X: np.ndarray, y: np.ndarray) -> Figure:
    """Static figure: the loss while a 2-2-1 network learns XOR, and the regions it ends with."""
    figure, (left, right) = new_figure(11.0, 4.2, ncols=2)
    left.plot(np.arange(len(run.loss)), run.loss, color=VERMILION, label="loss $C$")
    left.axhline(guess_loss(1), color=GREY, linestyle=":", label=r"$\ln 2$: saying 0.5 everywhere")
    log_scale(left, "y")
    left.set_xlabel("epoch")
    left.set_ylabel("cross-entropy loss $C$ (log scale)")
    left.set_title(f"Learning XOR: loss {run.loss[0]:.3f} to {run.loss[-1]:.4f}")
    left.legend(loc="lower left")
    view = RegionView(right, X, y, limits=XOR_LIMITS)
    mistakes = view.show_network(run.network)
    W1, b1 = run.network.weights[0], run.network.biases[0][:, 0]
    for unit, style in zip(range(W1.shape[0]), ("--", ":", "-."), strict=False):
        ends = line_through_box(*W1[unit], b1[unit], XOR_LIMITS[:2], XOR_LIMITS[2:])
        if ends is not None:
            right.plot(*ends, color=BLACK, linestyle=style, linewidth=1.5, label=f"$h_{unit + 1}$'s line")
    right.set_title(f"What it learned: {len(y) - mistakes} of {len(y)} right")
    right.legend(handles=[*region_legend_handles(), *right.get_lines()], loc="upper left",
                 bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)  # fmt: skip
    return figure
