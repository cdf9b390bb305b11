"""Figures for notebook 01: the step, the perceptron rule epoch by epoch, and the fix-one story."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from ..maths.neuron import step
from ..maths.perceptron import fix_one_example
from .style import BLACK, GREY, ORANGE, new_figure
from .views import DecisionPlaneView, HistoryMarkerView, OutputVersusWeightView


def plot_step_function(z_range: tuple[float, float] = (-4.0, 4.0)) -> Figure:
    """Static figure of the step function, with the jump at z = 0 marked."""
    figure, (ax,) = new_figure(6.4, 3.0)
    z = np.linspace(*z_range, 801)
    ax.plot(z, step(z), color=ORANGE, drawstyle="steps-post", label=r"$\mathrm{step}(z)$")
    ax.plot([0], [0], "o", color=ORANGE, markerfacecolor="white", label="step(0) = 0")
    ax.set_xlabel("weighted input $z = w \\cdot x + b$")
    ax.set_ylabel("output")
    ax.set_ylim(-0.1, 1.1)
    ax.set_title("The perceptron's activation: fire (1) only when $z > 0$")
    ax.legend(loc="upper left")
    return figure


def plot_training_history(X: np.ndarray, y: np.ndarray, history, epoch: int) -> Figure:
    """Static figure: the line after ``epoch`` epochs of the perceptron rule, and mistakes per epoch."""
    figure, (left, right) = new_figure(10.0, 4.0, ncols=2)
    DecisionPlaneView(left, X, y).update(*history.w[epoch], history.b[epoch])
    left.get_legend().remove()
    left.set_title(f"after epoch {epoch}")
    HistoryMarkerView(right, history.mistakes, ylabel="points wrong").update(epoch)
    right.set_ylim(-0.3, len(y) + 0.3)
    right.set_title("Mistakes after each epoch", pad=24)
    return figure


def plot_output_versus_weight(
    x: np.ndarray,
    w: np.ndarray,
    b: float,
    *,
    index: int = 0,
    span: float = 1.0,
    delta: float = 0.0,
    show_sigmoid: bool = False,
) -> Figure:
    """Static figure: one example's output as weight ``w[index]`` varies."""
    figure, (ax,) = new_figure(7.5, 3.6)
    OutputVersusWeightView(ax, x, w, b, index, span=span, show_sigmoid=show_sigmoid).update(delta)
    ax.set_title(f"Output for $x = ({', '.join(f'{v:g}' for v in np.asarray(x))})$ as $w_{index + 1}$ varies")
    return figure


def label_target(ax: Axes, point: np.ndarray) -> Annotation:
    """Point at the example we try to fix with a "fix me" label: black on white, just below it.

    Every background colour and every ringed neighbour of the fix-one data leaves that corner free.
    """
    return ax.annotate(
        "fix me",
        point,
        xytext=(0, -34),
        textcoords="offset points",
        horizontalalignment="center",
        color=BLACK,
        fontsize=10,
        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": GREY},
        arrowprops={"arrowstyle": "->", "color": BLACK, "linewidth": 1.2, "shrinkB": 7},
        zorder=5,
    )


def plot_fix_one(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, index: int, etas: tuple[float, ...] = (0.0, 0.03, 1.0)
) -> Figure:
    """Static panels: the line as the rule's step for one wrong point grows, one panel per eta."""

    figure, axes = new_figure(3.4 * len(etas), 3.9, ncols=len(etas))
    for ax, eta in zip(axes, etas, strict=True):
        view = DecisionPlaneView(ax, X, y)
        new_w, new_b = fix_one_example(X, y, w, b, index, eta)
        info = view.update(*new_w, new_b)
        ax.get_legend().remove()
        label_target(ax, X[index])
        ax.set_title(rf"$\eta = {eta:g}$: {info['mistakes']} wrong")
    figure.legend(handles=view.legend_handles(), loc="outside lower center", ncol=6)
    return figure
