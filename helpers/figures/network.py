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

from ..maths.network import (
    Network,
    NetworkRun,
    forward,
    gradient_per_weight,
    guess_loss,
    predict,
    weighted_input_spread,
)
from ..plots import line_through_box
from ..style import (
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
    TITLE_PAD_OVER_LEGEND,
    VERMILION,
    legend_above,
    new_figure,
)

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
        g1, g2 = np.meshgrid(np.linspace(*self.xlim, resolution), np.linspace(*self.ylim, resolution))
        self.grid = np.column_stack([g1.ravel(), g2.ravel()])
        self.background = ax.imshow(
            np.zeros((resolution, resolution)),
            extent=limits,
            origin="lower",
            cmap=PALE_OUTPUT_CMAP,
            vmin=0.0,
            vmax=1.0,
            interpolation="bilinear",
            aspect="auto",
        )
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


# --- the learning rate ------------------------------------------------------------------------


def last_losses(runs: Sequence[NetworkRun]) -> np.ndarray:
    """The last recorded loss of each run (for a diverged run: where it was stopped)."""
    return np.array([run.loss[-1] for run in runs])


class SweepView:
    """The last loss of each run against its learning rate (log-log), diverged runs marked, and a live marker."""

    def __init__(self, ax: Axes, etas: Sequence[float], runs: Sequence[NetworkRun], *, n_out: int = 1) -> None:
        self.etas, self.losses = np.asarray(etas, float), last_losses(runs)
        diverged = np.array([run.diverged_at is not None for run in runs])
        ax.axhline(guess_loss(n_out), color=GREY, linestyle=":", label=r"saying 0.5 everywhere ($\ln 2$)")
        ax.plot(self.etas[~diverged], self.losses[~diverged], "o-", color=BLUE, markersize=4, label="finished")
        ax.plot(
            self.etas[diverged], self.losses[diverged], "x", color=VERMILION, markersize=8, mew=2,
            label="diverged (loss where stopped)",
        )  # fmt: skip
        (self.marker,) = ax.plot([], [], "o", color=BLACK, markersize=11, markerfacecolor="none", mew=2)
        log_scale(ax, "x")
        log_scale(ax, "y")
        ax.set_xlim(self.etas[0] / 1.6, self.etas[-1] * 1.6)
        ax.set_ylim(*log_limits(self.losses))
        ax.set_xlabel(r"learning rate $\eta$ (log scale)")
        ax.set_ylabel(f"loss after {max(run.epochs for run in runs):,} epochs")
        ax.legend(loc="upper left", fontsize=8)
        self.live_artists = [self.marker]

    def update(self, index: int) -> None:
        """Ring the run ``index``."""
        self.marker.set_data([self.etas[index]], [self.losses[index]])


def log_limits(values: np.ndarray) -> tuple[float, float]:
    """Limits for a log axis: whole powers of ten around the positive ``values``."""
    positive = np.asarray(values)[np.asarray(values) > 0]
    low, high = (positive.min(), positive.max()) if positive.size else (1e-3, 1.0)
    return 10 ** np.floor(np.log10(low) - 0.2), 10 ** np.ceil(np.log10(high) + 0.2)


class LossCurveView:
    """One run's loss against the epoch (log scale), with a cross where it was stopped as diverged."""

    def __init__(self, ax: Axes, epochs: int, limits: tuple[float, float], *, reference: NetworkRun | None = None):
        self.epochs = epochs
        if reference is not None:
            ax.plot(np.arange(len(reference.loss)), reference.loss, color=GREY, linestyle="--", label="reference run")
        (self.curve,) = ax.plot([], [], color=BLUE, label="loss of this run")
        (self.cross,) = ax.plot([], [], "x", color=VERMILION, markersize=12, mew=3, label="stopped: diverged")
        log_scale(ax, "x", linthresh=10.0)
        log_scale(ax, "y")
        ax.set_xlim(0, epochs)
        ax.set_ylim(*limits)
        ax.set_xlabel("epoch (log scale after 10)")
        ax.set_ylabel("loss $C$")
        legend_above(ax, ncol=2)
        self.live_artists = [self.curve, self.cross]

    def update(self, run: NetworkRun) -> None:
        """Show ``run``."""
        epochs = np.arange(len(run.loss))
        self.curve.set_data(epochs, run.loss)
        if run.diverged_at is None:
            self.cross.set_data([], [])
        else:
            self.cross.set_data([epochs[-1]], [run.loss[-1]])


def plot_learning_rate_sweep(etas: Sequence[float], runs: Sequence[NetworkRun], shown: Sequence[int]) -> Figure:
    """Static figure (N5): the last loss against eta, and the loss curves of the runs at the indices ``shown``."""
    figure, (left, right) = new_figure(12.0, 4.4, ncols=2)
    SweepView(left, etas, runs)
    left.set_title("Too small crawls, too large blows up")
    epochs = max(run.epochs for run in runs)
    for index, (color, style) in zip(shown, RUN_STYLES[1:], strict=False):
        run = runs[index]
        label = rf"$\eta = {etas[index]:.3g}$" + (f": diverged at step {run.diverged_at}" if run.diverged_at else "")
        right.plot(np.arange(len(run.loss)), run.loss, color=color, linestyle=style, label=label)
        if run.diverged_at is not None:
            right.plot([run.epochs], [run.loss[-1]], "x", color=color, markersize=10, mew=2.5)
        left.plot([etas[index]], [run.loss[-1]], "o", color=color, markersize=10, markerfacecolor="none", mew=2)
    log_scale(right, "x", linthresh=10.0)
    log_scale(right, "y")
    right.set_xlim(0, epochs)
    right.set_ylim(*log_limits(np.concatenate([runs[i].loss for i in shown])))
    right.set_xlabel("epoch (log scale after 10)")
    right.set_ylabel("loss $C$")
    right.legend(loc="lower left", fontsize=8)
    right.set_title("The loss of a few of those runs")
    return figure


# --- initialisation -----------------------------------------------------------------------------


def init_label(init: str | float) -> str:
    """How an initialisation is named in legends: LeCun, Xavier, He, all zero, or its spread."""
    names = {"zero": "all zero", "lecun": "LeCun", "xavier": "Xavier/Glorot", "he": "He"}
    return names[init] if isinstance(init, str) else f"spread {init:g}"


def plot_initialisations(
    runs: dict[str | float, NetworkRun], starts: dict[str | float, Network], X: np.ndarray
) -> Figure:
    """Static figure (N6): the loss from each start, and the spread of each layer's weighted input at the start."""
    figure, (left, right) = new_figure(12.0, 4.4, ncols=2)
    for (init, run), (color, style) in zip(runs.items(), RUN_STYLES, strict=False):
        label = init_label(init)
        left.plot(np.arange(len(run.loss)), run.loss, color=color, linestyle=style, label=label)
        spread = np.maximum(weighted_input_spread(starts[init], X), SPREAD_FLOOR)
        right.plot(np.arange(1, spread.size + 1), spread, marker="o", color=color, linestyle=style, label=label)
    log_scale(left, "y")
    left.set_xlabel("epoch")
    left.set_ylabel("loss $C$ (log scale)")
    left.set_title("Learning from each start")
    left.legend(loc="lower left", fontsize=8)
    right.axhline(1.0, color=GREY, linewidth=0.8)
    log_scale(right, "y")
    right.set_xticks(np.arange(1, len(next(iter(starts.values())).weights) + 1))
    right.set_xlabel("layer $l$ (1 = first, next to the input)")
    right.set_ylabel(f"spread of $z^l$ at the start (0 drawn at {SPREAD_FLOOR:g})")
    right.set_title("The signal each layer receives (colours as on the left)")
    return figure


# --- saturation layer by layer ---------------------------------------------------------------


class LayerGradientView:
    """The gradient per weight reaching each layer, one line per activation, on a log axis."""

    def __init__(self, ax: Axes, max_layers: int, *, limits: tuple[float, float] = (1e-12, 10.0)) -> None:
        self.lines = {}
        for name, (color, marker, style) in ACTIVATION_STYLES.items():
            (self.lines[name],) = ax.plot([], [], marker=marker, color=color, linestyle=style, label=name)
        log_scale(ax, "y")
        ax.set_xlim(0.5, max_layers + 0.5)
        ax.set_ylim(*limits)
        ax.set_xlabel("layer $l$ (1 = first, next to the input)")
        ax.set_ylabel(r"RMS of $\partial C / \partial W^l$")
        legend_above(ax, ncol=3)
        self.floor = limits[0]
        self.live_artists = list(self.lines.values())

    def update(self, gradients: dict[str, np.ndarray]) -> None:
        """Draw each activation's gradients (layer 1 first); values below the axis are drawn at its floor."""
        for name, line in self.lines.items():
            values = np.asarray(gradients.get(name, []), dtype=np.float64)
            line.set_data(np.arange(1, values.size + 1), np.maximum(values, self.floor))


def plot_layer_gradients(runs: dict[str, NetworkRun], sizes: Sequence[int]) -> Figure:
    """Static figure (N7): the gradient reaching each layer at the start, and the loss, for each activation."""
    figure, (left, right) = new_figure(12.0, 4.4, ncols=2)
    view = LayerGradientView(left, len(sizes) - 1)
    view.update({name: gradient_per_weight(run.gradient_norms[0], sizes) for name, run in runs.items()})
    left.set_xticks(np.arange(1, len(sizes)))
    left.set_title(f"{len(sizes) - 2} hidden layers of {sizes[1]}: gradient at the start", pad=TITLE_PAD_OVER_LEGEND)
    for name, run in runs.items():
        color, _, style = ACTIVATION_STYLES[name]
        right.plot(np.arange(len(run.loss)), run.loss, color=color, linestyle=style, label=name)
    right.axhline(guess_loss(1), color=GREY, linestyle=":", label=r"$\ln 2$: saying 0.5 everywhere")
    log_scale(right, "y")
    right.set_xlabel("epoch")
    right.set_ylabel("loss $C$ (log scale)")
    right.legend(loc="lower left", fontsize=8)
    right.set_title("Training each network", pad=TITLE_PAD_OVER_LEGEND)
    return figure


# --- full batch versus mini-batches -----------------------------------------------------------


def batch_label(size: int | None, m: int) -> str:
    """Legend text for a batch size (None is the full batch)."""
    return f"full batch ({m})" if size is None or size == m else f"batches of {size}"


def plot_batch_comparison(runs: dict[int | None, NetworkRun], m: int) -> Figure:
    """Static figure (N8): loss against examples seen, and against gradient steps taken."""
    figure, (left, right) = new_figure(12.0, 4.4, ncols=2)
    for (size, run), (color, style) in zip(runs.items(), RUN_STYLES[1:], strict=False):
        epochs = np.arange(len(run.loss))
        label = f"{batch_label(size, m)}: {run.steps_per_epoch} step{'s' if run.steps_per_epoch > 1 else ''}/epoch"
        left.plot(epochs * m, run.loss, color=color, linestyle=style, marker=".", label=label)
        right.plot(epochs * run.steps_per_epoch, run.loss, color=color, linestyle=style, marker=".")
    for ax in (left, right):
        ax.axhline(guess_loss(1), color=GREY, linestyle=":")
        ax.set_ylabel("loss $C$ on all the data")
    left.set_xlabel("examples seen")
    left.set_title("The same budget of examples")
    left.legend(loc="lower left", fontsize=8)
    log_scale(right, "x", linthresh=1.0)
    right.set_xlim(0, 1.5 * max(run.epochs * run.steps_per_epoch for run in runs.values()))
    right.set_xlabel("gradient steps taken (log scale after 1)")
    right.set_title("...buys many more (noisier) steps")
    return figure
