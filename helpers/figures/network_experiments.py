"""Figures for notebook 05's experiments: learning-rate sweeps, initialisations, layer gradients, batch sizes."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..maths.network import Network
from ..maths.network_experiments import gradient_per_weight, weighted_input_spread
from ..maths.network_training import NetworkRun, guess_loss
from .network import ACTIVATION_STYLES, RUN_STYLES, SPREAD_FLOOR, log_scale
from .style import (
    BLACK,
    BLUE,
    GREY,
    TITLE_PAD_OVER_LEGEND,
    VERMILION,
    legend_above,
    new_figure,
)


def last_losses(runs: Sequence[NetworkRun]) -> np.ndarray:
    """The last recorded loss of each run (for a diverged run: where it was stopped)."""
    return np.array([run.loss[-1] for run in runs])


class SweepView:
    """The last loss of each run against its learning rate (log-log), diverged runs marked, and a live marker."""

    def __init__(
        self,
        ax: Axes,
        etas: Sequence[float],
        runs: Sequence[NetworkRun],
        *,
        n_out: int = 1,
        legend_on_top: bool = False,
    ) -> None:
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
        if legend_on_top:  # one entry a row above the axes, where it covers no run (projector mode's larger text)
            legend_above(ax, ncol=1)
        else:
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
        self.floor, self.ceiling = limits
        self.live_artists = list(self.lines.values())

    def update(self, gradients: dict[str, np.ndarray]) -> None:
        """Draw each activation's gradients (layer 1 first); values outside the axis are drawn at its edge."""
        for name, line in self.lines.items():
            values = np.asarray(gradients.get(name, []), dtype=np.float64)
            line.set_data(np.arange(1, values.size + 1), np.clip(values, self.floor, self.ceiling))


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
