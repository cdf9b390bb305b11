"""Figures for notebook 02: the sigmoid, its derivative, its family, safe numerics and calibration."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..maths.metrics import mean_squared_error, reliability_curve
from ..maths.neuron import sigmoid, sigmoid_prime, step, textbook_sigmoid
from .style import BLUE, GREEN, GREY, ORANGE, PURPLE, SKY, VERMILION, new_figure
from .views import NeuronCurveView


def plot_neuron_curve(w: float = 1.0, b: float = 0.0) -> Figure:
    """Static figure of a one-input sigmoid neuron and the matching perceptron."""
    figure, (ax,) = new_figure(7.5, 3.6)
    NeuronCurveView(ax).update(w, b)
    ax.set_title(rf"$w = {w:g},\ b = {b:g}$")
    return figure


class ActivationView:
    """The sigmoid and its derivative on [-6, 6], axes crossing at the origin."""

    def __init__(self, ax: Axes, z_range: tuple[float, float] = (-6.0, 6.0)) -> None:
        z = np.linspace(*z_range, 601)
        ax.plot(z, sigmoid(z), color=BLUE, label=r"$\sigma(z)$")
        ax.plot(z, sigmoid_prime(z), color=VERMILION, linestyle="--", label=r"$\sigma'(z)$")
        for side in ("left", "bottom"):
            ax.spines[side].set_position("zero")
        ax.set_xlim(*z_range)
        ax.set_ylim(-0.1, 1.1)
        ax.set_xlabel("$z$", loc="right")
        ax.set_ylabel("value", loc="top")
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
        label=r"textbook $1/(1+e^{-z})$: 0 left of the line",
    )
    overflow_at = -np.log(np.finfo(float).max)
    ax.axvline(overflow_at, color=GREY, linestyle=":", label=r"$e^{-z}$ overflows ($z \approx -709.78$)")
    ax.set_xlabel("$z$")
    ax.set_ylabel(r"$\log_{10} \sigma(z)$")
    ax.set_title("Far left tail: where the textbook formula gives up")
    ax.legend(loc="upper left")
    return figure


def plot_reliability(outputs_by_name: dict[str, np.ndarray], labels: np.ndarray, bins: int = 5) -> Figure:
    """Static figure: what each neuron's outputs claim versus how often the label is really 1."""

    figure, (ax,) = new_figure(6.0, 4.2)
    ax.plot([0, 1], [0, 1], color=GREY, linestyle=":", label="calibrated: claim = reality")
    for (name, outputs), color, marker in zip(outputs_by_name.items(), (BLUE, VERMILION, GREEN), "osD", strict=False):
        claimed, observed, count = reliability_curve(outputs, labels, bins)
        ax.plot(claimed, observed, marker=marker, color=color, label=name)
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("average output in the bin (what the neuron claims)")
    ax.set_ylabel("share of label 1 (what happens)")
    ax.set_title("Probability-like is not the same as calibrated")
    ax.legend(loc="upper left")
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
    left.set_title("The step gives no slope to follow")
    left.legend(loc="upper left")
    grid = w[index] + np.linspace(-3.0, 3.0, 601)
    weights = np.tile(np.asarray(w, dtype=np.float64), (grid.size, 1))
    weights[:, index] = grid
    z_all = np.asarray(X) @ weights.T + b
    right.plot(grid, mean_squared_error(step(z_all).T, y), color=ORANGE, linestyle="--", label="perceptron")
    right.plot(grid, mean_squared_error(sigmoid(z_all).T, y), color=BLUE, label="sigmoid neuron")
    right.set_xlabel(f"weight $w_{index + 1}$")
    right.set_ylabel("mean squared error")
    right.set_title("Error along one weight: plateaus versus a slope")
    right.legend(loc="upper right")
    return figure
