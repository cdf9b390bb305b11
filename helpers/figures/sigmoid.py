"""Figures for notebook 02: the sigmoid, its derivative, its family, safe numerics and calibration."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..maths.gradients import descend_one_weight
from ..maths.metrics import mean_squared_error, reliability_curve
from ..maths.neuron import sigmoid, sigmoid_prime, step, textbook_sigmoid
from ..maths.training import cost_value
from .style import (
    BLACK,
    BLUE,
    GREEN,
    GREY,
    ORANGE,
    PURPLE,
    SKY,
    TITLE_PAD_OVER_LEGEND,
    VERMILION,
    legend_above,
    new_figure,
)
from .views import NeuronCurveView


def plot_neuron_curve(w: float = 1.0, b: float = 0.0) -> Figure:
    """Static figure of a one-input sigmoid neuron and the matching perceptron."""
    figure, (ax,) = new_figure(7.5, 3.6)
    NeuronCurveView(ax).update(w, b)
    ax.set_title(rf"$w = {w:g},\ b = {b:g}$")
    return figure


class ActivationView:
    """The sigmoid and its derivative on [-6, 6], with axis lines crossing at the origin.

    The tick labels stay on the frame, outside the curves, so nothing is written over them at z = 0.
    """

    def __init__(self, ax: Axes, z_range: tuple[float, float] = (-6.0, 6.0)) -> None:
        z = np.linspace(*z_range, 601)
        ax.axhline(0.0, color=BLACK, linewidth=1.0)
        ax.axvline(0.0, color=BLACK, linewidth=1.0)
        ax.plot(z, sigmoid(z), color=BLUE, label=r"$\sigma(z)$")
        ax.plot(z, sigmoid_prime(z), color=VERMILION, linestyle="--", label=r"$\sigma'(z)$")
        ax.set_xlim(*z_range)
        ax.set_ylim(-0.1, 1.1)
        ax.set_xlabel("$z$")
        ax.set_ylabel("value")
        ax.legend(loc="upper left")
        self.ax = ax


def plot_sigmoid_and_derivative() -> Figure:
    """Static figure of sigma and sigma' on [-6, 6] (curriculum S3)."""
    figure, (ax,) = new_figure(6.4, 3.6)
    ActivationView(ax)
    ax.set_title(r"The sigmoid and its derivative: $\sigma(0)=0.5$, $\sigma'(0)=0.25$")
    return figure


def plot_sigmoidal_family() -> Figure:
    """Static figure: S-shaped curves squeezed into (0, 1), next to the step they smooth."""
    figure, (ax,) = new_figure(7.5, 3.8)
    z = np.linspace(-6.0, 6.0, 601)
    ax.plot(z, step(z), color=GREY, linestyle="--", drawstyle="steps-post", label=r"$\mathrm{step}(z)$")
    ax.plot(z, sigmoid(z), color=BLUE, label=r"$\sigma(z)$")
    ax.plot(z, sigmoid(3 * z), color=SKY, label=r"$\sigma(3z)$: steeper")
    ax.plot(z, (np.tanh(z) + 1) / 2, color=VERMILION, linestyle="-.", label=r"$(\tanh z + 1)/2 = \sigma(2z)$")
    ax.plot(z, 0.5 + np.arctan(z) / np.pi, color=GREEN, linestyle=":", label=r"$\frac{1}{2} + \frac{1}{\pi}\arctan z$")
    ax.plot(z, 0.5 + z / (2 * np.sqrt(1 + z**2)), color=PURPLE, label=r"$\frac{1}{2} + \frac{z}{2\sqrt{1+z^2}}$")
    ax.set_xlabel("$z$")
    ax.set_ylabel("output")
    ax.set_title("A family of smoothed steps")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    return figure


def plot_textbook_versus_stable() -> Figure:
    """Static figure: the textbook sigmoid underflows to 0 early; the stable one follows the true value."""

    figure, (ax,) = new_figure(7.5, 3.8)
    z = np.linspace(-760.0, -690.0, 701)
    with np.errstate(over="ignore"):  # the overflow is the point of the picture
        naive = np.asarray(textbook_sigmoid(z))
    stable = np.asarray(sigmoid(z))
    with np.errstate(divide="ignore"):  # log10(0) = -inf marks where a formula returned 0
        log_stable, log_naive = np.log10(stable), np.log10(naive)
    ax.plot(z, np.where(np.isfinite(log_stable), log_stable, np.nan), color=BLUE, label="helpers.sigmoid (stable)")
    ax.plot(
        z,
        np.where(np.isfinite(log_naive), log_naive, np.nan),
        color=VERMILION,
        linestyle="--",
        linewidth=3,
        label=r"textbook $1/(1+e^{-z})$: 0 left of the dotted line",
    )
    overflow_at = -np.log(np.finfo(float).max)
    ax.axvline(overflow_at, color=GREY, linestyle=":", label=rf"$e^{{-z}}$ overflows ($z \approx {overflow_at:.2f}$)")
    subnormal_below = np.log(np.finfo(float).smallest_normal)
    subnormal_label = rf"subnormal (fewer digits) left of $z \approx {subnormal_below:.2f}$"
    ax.axvline(subnormal_below, color=GREEN, linestyle="-.", label=subnormal_label)
    ax.set_xlabel("$z$")
    ax.set_ylabel(r"$\log_{10} \sigma(z)$")
    ax.set_title("Far left tail: where the textbook formula gives up")
    ax.legend(loc="upper left")
    return figure


def plot_reliability(outputs_by_name: dict[str, np.ndarray], labels: np.ndarray, bins: int = 5) -> Figure:
    """Static figure: what each neuron's outputs claim versus how often the label is really 1.

    Below it, how many examples fall in each bin: a point resting on few examples is a noisy one.
    """

    figure, (ax, counts_ax) = new_figure(6.4, 6.0, nrows=2, height_ratios=(2.2, 1.0))
    ax.plot([0, 1], [0, 1], color=GREY, linestyle=":", label="calibrated: claim = reality")
    series = list(zip(outputs_by_name.items(), (BLUE, VERMILION, GREEN), "osD", strict=False))
    width = 0.8 / bins / len(series)
    edges = np.linspace(0.0, 1.0, bins + 1)
    for number, ((name, outputs), color, marker) in enumerate(series):
        claimed, observed, _ = reliability_curve(outputs, labels, bins)
        ax.plot(claimed, observed, marker=marker, color=color, label=name)
        which = np.minimum((np.asarray(outputs) * bins).astype(int), bins - 1)
        per_bin = np.bincount(which, minlength=bins)
        centres = (edges[:-1] + edges[1:]) / 2 + (number - (len(series) - 1) / 2) * width
        bars = counts_ax.bar(centres, per_bin, width=width, color=color, label=name)
        counts_ax.bar_label(bars, fontsize=8, padding=1)
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("average output in the bin (what the neuron claims)")
    ax.set_ylabel("share of label 1 (what happens)")
    ax.set_title("Probability-like is not the same as calibrated")
    ax.legend(loc="upper left")
    counts_ax.set_xlim(0, 1)
    counts_ax.set_ylim(0, 1.25 * counts_ax.get_ylim()[1])
    counts_ax.set_xticks(edges)
    counts_ax.set_xlabel("output bin")
    counts_ax.set_ylabel("examples")
    counts_ax.set_title("How many examples each point rests on", fontsize=10)
    return figure


def plot_learning_signal(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, index: int = 0) -> Figure:
    """Static figure (S10): the derivative of each activation, and the error as one weight varies."""

    figure, (left, right) = new_figure(11.0, 3.8, ncols=2)
    z = np.linspace(-6.0, 6.0, 601)
    left.plot(z, np.zeros_like(z), color=ORANGE, linestyle="--", label=r"$\mathrm{step}'(z) = 0$ (undefined at 0)")
    left.plot([0], [0], "o", color=ORANGE, markerfacecolor="white")
    left.plot(z, sigmoid_prime(z), color=BLUE, label=r"$\sigma'(z) > 0$ everywhere")
    left.set_xlabel("$z$")
    left.set_ylabel("derivative")
    left.set_title("The step gives no slope to follow", pad=TITLE_PAD_OVER_LEGEND)
    legend_above(left)
    grid = w[index] + np.linspace(-3.0, 3.0, 601)
    weights = np.tile(np.asarray(w, dtype=np.float64), (grid.size, 1))
    weights[:, index] = grid
    z_all = np.asarray(X) @ weights.T + b
    right.plot(grid, mean_squared_error(step(z_all).T, y), color=ORANGE, linestyle="--", label="perceptron")
    right.plot(grid, mean_squared_error(sigmoid(z_all).T, y), color=BLUE, label="sigmoid neuron")
    right.set_xlabel(f"weight $w_{index + 1}$")
    right.set_ylabel("mean squared error")
    right.set_title("Error along one weight: plateaus versus a slope", pad=TITLE_PAD_OVER_LEGEND)
    legend_above(right)
    return figure


def plot_gradient_descent(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, *, index: int = 0, lr: float, steps: int
) -> Figure:
    """Static figure: the quadratic cost as weight ``w[index]`` varies, and gradient descent's steps down it.

    The descent starts at ``w`` and moves ``w[index]`` alone (see :func:`descend_one_weight`).
    """
    data = np.asarray(X, dtype=np.float64)
    weights = np.asarray(w, dtype=np.float64)

    def cost_along(values: np.ndarray) -> np.ndarray:
        stacked = np.tile(weights, (values.size, 1))
        stacked[:, index] = values
        return cost_value(stacked @ data.T + b, y, "quadratic")

    path = descend_one_weight(data, y, weights, b, index=index, lr=lr, steps=steps)
    costs = cost_along(path)
    grid = np.linspace(min(path.min(), -2.0) - 0.5, max(path.max(), 2.0) + 1.5, 601)
    figure, (ax,) = new_figure(7.5, 4.0)
    ax.plot(grid, cost_along(grid), color=BLUE, label="cost $C$")
    for k in range(steps):
        arrow = {"arrowstyle": "->", "color": VERMILION, "linewidth": 1.5, "shrinkA": 4, "shrinkB": 4}
        ax.annotate("", (path[k + 1], costs[k + 1]), (path[k], costs[k]), arrowprops=arrow)
    ax.plot(path, costs, "o", color=VERMILION, label=rf"after each step ($\eta = {lr:g}$)")
    ax.plot(path[:1], costs[:1], "s", color=BLACK, markerfacecolor="white", markersize=8, label="start")
    symbol = f"w_{index + 1}"
    ax.set_xlabel(f"weight ${symbol}$ (the other weights and $b$ fixed)")
    ax.set_ylabel(r"quadratic cost $C$")
    ax.set_title(rf"Gradient descent: ${symbol} \leftarrow {symbol} - \eta\, \partial C / \partial {symbol}$")
    ax.legend(loc="upper right")
    return figure
