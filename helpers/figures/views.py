"""Views shared by several notebooks: a neuron's curve, the decision plane, markers on a history.

Each picture is a *view*: a small class that builds its artists once on an axes
and has an ``update`` method that changes their data.  A ``plot_*`` function
draws a view once for a static figure; a dashboard calls ``update`` on every
slider move.  Both paths run the same code, so the static picture and the live
one always agree.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..maths.neuron import sigmoid, sigmoid_prime, snap_to_zero, step
from .style import BLACK, BLUE, CLASS_MARKERS, GREY, ORANGE, OUTPUT_CMAP, PALE_OUTPUT_CMAP, VERMILION, new_figure


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
        self.live_artists = [self.sigmoid_line, self.step_line, self.boundary]

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
        return {"boundary": where, "slope": w * float(sigmoid_prime(0.0))}


def line_through_box(
    w1: float, w2: float, b: float, xlim: tuple[float, float], ylim: tuple[float, float]
) -> tuple[np.ndarray, np.ndarray] | None:
    """Two points of the line ``w1 x1 + w2 x2 + b = 0`` that span the box, or None.

    Solves for x2 when the line is closer to horizontal and for x1 when it is
    closer to vertical, so ``w2 = 0`` gives a vertical line and no division by
    zero happens.  ``w1 = w2 = 0`` has no line: None.
    """
    if w1 == 0 and w2 == 0:
        return None
    if abs(w2) >= abs(w1):
        x1 = np.array(xlim, dtype=np.float64)
        return x1, -(w1 * x1 + b) / w2
    x2 = np.array(ylim, dtype=np.float64)
    return -(w2 * x2 + b) / w1, x2


def output_background(
    ax: Axes, limits: tuple[float, float, float, float], resolution: int, *, interpolation: str = "bilinear"
) -> tuple[np.ndarray, AxesImage]:
    """The ``(resolution**2, 2)`` grid of points over the plane, and a pale image (zeros for now) of the
    model's output at them, behind the data: a view sets ``image.set_data(outputs.reshape(resolution, resolution))``."""
    g1, g2 = np.meshgrid(np.linspace(*limits[:2], resolution), np.linspace(*limits[2:], resolution))
    image = ax.imshow(
        np.zeros((resolution, resolution)),
        extent=limits,
        origin="lower",
        cmap=PALE_OUTPUT_CMAP,
        vmin=0.0,
        vmax=1.0,
        interpolation=interpolation,
        aspect="auto",
    )
    return np.column_stack([g1.ravel(), g2.ravel()]), image


class DecisionPlaneView:
    """A 2-D neuron over the plane: output as background, the line, and the data.

    The background shows the neuron's output everywhere (orange 0, blue 1);
    the black line is ``w . x + b = 0``; each point's marker shape is its true
    label and its fill the neuron's output; points the neuron gets wrong are
    ringed.  ``activation`` is "step" (a perceptron) or "sigmoid".
    """

    def __init__(
        self,
        ax: Axes,
        X: np.ndarray,
        y: np.ndarray,
        *,
        activation: str = "step",
        limits: tuple[float, float, float, float] | None = None,
        resolution: int = 60,
        colorbar: bool = False,
    ) -> None:
        if activation not in ("step", "sigmoid"):
            raise ValueError(f"activation must be 'step' or 'sigmoid', got {activation!r}")
        self.ax, self.X, self.y, self.activation = ax, np.asarray(X, float), np.asarray(y, float), activation
        if limits is None:
            low, high = self.X.min(axis=0) - 0.5, self.X.max(axis=0) + 0.5
            limits = (low[0], high[0], low[1], high[1])
        self.xlim, self.ylim = limits[:2], limits[2:]
        self.resolution = resolution
        smooth = "nearest" if activation == "step" else "bilinear"
        self.grid, self.background = output_background(ax, limits, resolution, interpolation=smooth)
        if colorbar:
            mappable = ScalarMappable(Normalize(0.0, 1.0), OUTPUT_CMAP)
            ax.figure.colorbar(mappable, ax=ax, fraction=0.05, pad=0.02, label=r"output $a$")
        (self.line,) = ax.plot([], [], color=BLACK, linewidth=2.0)
        self.points = {}
        for label in (0, 1):
            mask = self.y == label
            self.points[label] = ax.scatter(
                self.X[mask, 0], self.X[mask, 1], s=55, marker=CLASS_MARKERS[label], edgecolors=BLACK, linewidths=0.8
            )
        self.missed = ax.scatter([], [], s=260, facecolors="none", edgecolors=VERMILION, linewidths=2.2)
        ax.set_xlim(*self.xlim)
        ax.set_ylim(*self.ylim)
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        ax.grid(False)
        if colorbar:  # the colour bar takes the right-hand side: legend below
            ax.legend(handles=self.legend_handles(), loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3)
        else:
            ax.legend(handles=self.legend_handles(), loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
        self.live_artists = [self.background, self.line, *self.points.values(), self.missed]

    def legend_handles(self) -> list[Line2D]:
        """Legend entries that explain shape, fill, line and ring."""
        kind = "perceptron" if self.activation == "step" else "neuron"
        return [
            Line2D([], [], color=BLACK, label=r"$w \cdot x + b = 0$"),
            Line2D(
                [],
                [],
                marker=CLASS_MARKERS[0],
                linestyle="",
                markerfacecolor="white",
                markeredgecolor=BLACK,
                label="true label 0",
            ),
            Line2D(
                [],
                [],
                marker=CLASS_MARKERS[1],
                linestyle="",
                markerfacecolor="white",
                markeredgecolor=BLACK,
                label="true label 1",
            ),
            Patch(facecolor=PALE_OUTPUT_CMAP(0.0), edgecolor=GREY, label=f"{kind} says 0"),
            Patch(facecolor=PALE_OUTPUT_CMAP(1.0), edgecolor=GREY, label=f"{kind} says 1"),
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=12,
                markerfacecolor="none",
                markeredgecolor=VERMILION,
                markeredgewidth=2,
                label="wrong",
            ),
        ]

    def outputs(self, points: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
        """The neuron's output at each point."""
        z = points @ w + b
        return np.asarray(step(snap_to_zero(z)) if self.activation == "step" else sigmoid(z))  # as truth_table

    def update(self, w1: float, w2: float, b: float) -> dict[str, object]:
        """Redraw for weights ``(w1, w2)`` and bias ``b``; return the outputs and the mistakes."""
        w = np.array([w1, w2], dtype=np.float64)
        self.background.set_data(self.outputs(self.grid, w, b).reshape(self.resolution, self.resolution))
        ends = line_through_box(w1, w2, b, self.xlim, self.ylim)
        self.line.set_data(*(ends if ends is not None else ([], [])))
        out = self.outputs(self.X, w, b)
        for label, collection in self.points.items():
            collection.set_facecolors(OUTPUT_CMAP(out[self.y == label]))
        wrong = np.round(out) != self.y
        self.missed.set_offsets(self.X[wrong] if wrong.any() else np.empty((0, 2)))
        return {"outputs": out, "mistakes": int(wrong.sum()), "has_line": ends is not None}


def plot_decision_plane(
    X: np.ndarray,
    y: np.ndarray,
    w: tuple[float, float],
    b: float,
    *,
    activation: str = "step",
    title: str | None = None,
    contour: bool = False,
) -> Figure:
    """Static figure of a 2-D neuron's decision line and output over the data.

    With ``contour``, the level set ``output = 0.5`` is traced from the sampled
    outputs and drawn over the line, to show that the two coincide.
    """
    figure, (ax,) = new_figure(7.0, 4.2)
    view = DecisionPlaneView(ax, X, y, activation=activation, colorbar=activation == "sigmoid")
    view.update(*w, b)
    if contour:
        g1, g2 = np.meshgrid(np.linspace(*view.xlim, 200), np.linspace(*view.ylim, 200))
        outputs = view.outputs(np.column_stack([g1.ravel(), g2.ravel()]), np.asarray(w, float), b).reshape(g1.shape)
        ax.contour(g1, g2, outputs, levels=[0.5], colors=[VERMILION], linestyles="--", linewidths=2.0)
        handles = [*view.legend_handles(), Line2D([], [], color=VERMILION, linestyle="--", label="output = 0.5")]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3)
    ax.set_title(title if title is not None else rf"$w = ({w[0]:g}, {w[1]:g}),\ b = {b:g}$")
    return figure


class HistoryMarkerView:
    """A quantity against epochs (drawn once) with a live marker at the chosen epoch."""

    def __init__(self, ax: Axes, values: np.ndarray, *, ylabel: str, color: str = VERMILION, log_x: bool = False):
        self.values = np.asarray(values, dtype=np.float64)
        epochs = np.arange(len(self.values))
        if log_x:
            ax.set_xscale("symlog", linthresh=1.0)
        ax.plot(epochs, self.values, color=color, drawstyle="steps-mid" if not log_x else "default", label=ylabel)
        self.marker = ax.axvline(0.0, color=BLACK, linestyle=":", label="shown epoch")
        (self.dot,) = ax.plot([], [], "o", color=BLACK)
        ax.set_xlim(0, max(len(self.values) - 1, 1))
        ax.set_xlabel("epoch")
        ax.set_ylabel(ylabel)
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.01), ncol=2, borderaxespad=0.0)
        self.ax = ax
        self.live_artists = [self.marker, self.dot]

    def update(self, epoch: int) -> float:
        """Move the marker to ``epoch``; return the value there."""
        self.marker.set_xdata([epoch, epoch])
        self.dot.set_data([epoch], [self.values[epoch]])
        return float(self.values[epoch])


class OutputVersusWeightView:
    """One example's output as one weight w_j varies: a jump for the perceptron, a slope for the sigmoid."""

    def __init__(
        self, ax: Axes, x: np.ndarray, w: np.ndarray, b: float, index: int, *, span: float, show_sigmoid: bool = False
    ) -> None:
        self.x, self.w, self.b, self.index = np.asarray(x, float), np.asarray(w, float), float(b), index
        grid = self.w[index] + np.linspace(-span, span, 801)
        z = self.weighted_inputs(grid)
        ax.plot(grid, step(z), color=ORANGE, linestyle="--", drawstyle="steps-post", label="perceptron output")
        if show_sigmoid:
            ax.plot(grid, sigmoid(z), color=BLUE, label="sigmoid neuron output")
        ax.axvline(self.w[index], color=GREY, linestyle=":", label=f"starting $w_{index + 1}$")
        (self.dots,) = ax.plot([], [], "o", color=BLACK, markersize=7, label="nudged")
        ax.set_xlim(grid[0], grid[-1])
        ax.set_ylim(-0.05, 1.05)
        ax.set_xlabel(f"weight $w_{index + 1}$")
        ax.set_ylabel(r"output $a$")
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
        self.show_sigmoid = show_sigmoid
        self.live_artists = [self.dots]

    def weighted_inputs(self, weight_values: np.ndarray) -> np.ndarray:
        """z for each value of w_j, the other weights fixed."""
        others = self.x @ self.w - self.x[self.index] * self.w[self.index]
        return others + self.x[self.index] * np.asarray(weight_values) + self.b

    def update(self, delta: float) -> dict[str, float]:
        """Mark the outputs at ``w_j + delta``; return them and the starting ones."""
        z0, z1 = self.weighted_inputs(np.array([self.w[self.index], self.w[self.index] + delta]))
        outputs = {
            "step_before": float(step(z0)),
            "step_after": float(step(z1)),
            "sigmoid_before": float(sigmoid(z0)),
            "sigmoid_after": float(sigmoid(z1)),
        }
        ys = [outputs["step_after"]] + ([outputs["sigmoid_after"]] if self.show_sigmoid else [])
        self.dots.set_data([self.w[self.index] + delta] * len(ys), ys)
        return outputs
