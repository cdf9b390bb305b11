"""Pictures shared by the notebooks.

Each picture is a *view*: a small class that builds its artists once on an axes
and has an ``update`` method that changes their data.  A ``plot_*`` function
draws a view once for a static figure; a dashboard calls ``update`` on every
slider move.  Both paths run the same code, so the static picture and the live
one always agree.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .neuron import sigmoid, sigmoid_prime, step
from .style import BLUE, GREY, ORANGE, VERMILION, new_figure


def boundary_x(w: float, b: float) -> float | None:
    """Where a one-input neuron's weighted input ``w x + b`` is 0, or None if ``w == 0``."""
    return None if w == 0 else -b / w + 0.0  # + 0.0 turns -0.0 into 0.0


class NeuronCurveView:
    """Output of a one-input neuron against its input x: sigmoid and step side by side."""

    def __init__(self, ax: Axes, x_range: tuple[float, float] = (-6.0, 6.0)) -> None:
        self.ax = ax
        self.x = np.linspace(*x_range, 601)
        (self.sigmoid_line,) = ax.plot([], [], color=BLUE, label=r"sigmoid neuron $\sigma(wx+b)$")
        (self.step_line,) = ax.plot(
            [], [], color=ORANGE, linestyle="--", drawstyle="steps-post", label=r"perceptron $\mathrm{step}(wx+b)$"
        )
        self.boundary = ax.axvline(0.0, color=GREY, linestyle=":", label=r"$wx+b=0$")
        ax.axhline(0.5, color=GREY, linewidth=0.8, alpha=0.5)
        ax.set_xlim(*x_range)
        ax.set_ylim(-0.05, 1.05)
        ax.set_xlabel("input $x$")
        ax.set_ylabel("output")
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
        self.live_artists = [self.sigmoid_line, self.step_line, self.boundary, ax.title]

    def update(self, w: float, b: float) -> dict[str, float | None]:
        """Redraw for weight ``w`` and bias ``b``; return the boundary and the slope there."""
        z = w * self.x + b
        self.sigmoid_line.set_data(self.x, sigmoid(z))
        self.step_line.set_data(self.x, step(z))
        where = boundary_x(w, b)
        inside = where is not None and self.x[0] <= where <= self.x[-1]
        self.boundary.set_visible(inside)
        if inside:
            self.boundary.set_xdata([where, where])
        self.ax.set_title(rf"$w = {w:.2f},\ b = {b:.2f}$")
        return {"boundary": where, "slope": w * float(sigmoid_prime(0.0))}


def plot_neuron_curve(w: float = 1.0, b: float = 0.0) -> Figure:
    """Static figure of a one-input sigmoid neuron and the matching perceptron."""
    figure, (ax,) = new_figure(7.5, 3.6)
    NeuronCurveView(ax).update(w, b)
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
