"""Pictures for notebook 04: scaling (w, b), and the long training run after 100% accuracy."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..maths.neuron import sigmoid, step
from ..maths.scaling import angle_to_direction
from ..maths.training import TrainingHistory
from .style import BLUE, GREEN, GREY, ORANGE, VERMILION, legend_above, new_figure
from .views import DecisionPlaneView, HistoryMarkerView, line_through_box

#: The square [0, 3] x [0, 3] of the data, with a little room so no point sits on the edge.
PLANE_LIMITS = (-0.1, 3.1, -0.1, 3.1)


class ProfileView:
    """The neuron's output across its line: ``sigma(c |w| d)`` against the signed distance ``d``."""

    def __init__(self, ax: Axes, norm_w: float, reach: float = 2.0) -> None:
        self.d = np.linspace(-reach, reach, 601)
        self.norm_w = norm_w
        (self.step_line,) = ax.plot(
            [], [], color=GREY, linestyle="--", drawstyle="steps-post", label="step (the limit)"
        )
        (self.curve,) = ax.plot([], [], color=BLUE, label=r"$\sigma(c\,(w \cdot x + b))$")
        ax.axvline(0.0, color=GREY, linestyle=":", linewidth=1)
        ax.set_xlim(-reach, reach)
        ax.set_ylim(-0.03, 1.03)
        ax.set_xlabel("signed distance from the line $x + y = 3$")
        ax.set_ylabel("output $a$")
        ax.legend(loc="upper left")
        self.live_artists = [self.step_line, self.curve]

    def update(self, c: float) -> float:
        """Redraw for scale ``c``; return the slope of the output at the line."""
        z = c * self.norm_w * self.d
        self.curve.set_data(self.d, sigmoid(z))
        self.step_line.set_data(self.d, step(z) if c != 0 else np.full_like(self.d, 0.5))
        return c * self.norm_w / 4


def line_equation(c: float) -> str:
    """The line of the neuron c (1, 1), -3c as written by hand: "x + y = 3", "0.5x + 0.5y = 1.5", "-x - y = -3"."""
    size = "" if abs(c) == 1 else f"{abs(c):g}"
    return f"{'-' if c < 0 else ''}{size}x {'-' if c < 0 else '+'} {size}y = {3 * c:g}"


def plot_scaling(X: np.ndarray, y: np.ndarray, scales: tuple[float, ...] = (0.5, 1.0, 4.0, -1.0)) -> Figure:
    """Static figure: the neuron c (1, 1), -3c at a few scales: one line, changing steepness."""
    figure, axes = new_figure(3.3 * len(scales), 3.6, ncols=len(scales))
    for ax, c in zip(axes, scales, strict=True):
        view = DecisionPlaneView(ax, X, y, activation="sigmoid", limits=PLANE_LIMITS)
        view.update(c, c, -3 * c)
        ax.get_legend().remove()
        ax.set_title(rf"$c = {c:g}$: ${line_equation(c)}$")
    figure.legend(handles=view.legend_handles(), loc="outside lower center", ncol=6)
    return figure


def plot_training_run(
    X: np.ndarray, y: np.ndarray, history: TrainingHistory, epoch: int, max_margin: np.ndarray | None = None
) -> tuple[Figure, dict]:
    """The long run at one epoch: heat map, accuracy, loss and |w| (the layout of the epoch dashboard).

    Returns the figure and the views, so a dashboard can move them.
    """
    figure, (plane_ax, accuracy_ax, loss_ax, norm_ax) = new_figure(11.0, 7.0, ncols=2, nrows=2)
    plane = DecisionPlaneView(plane_ax, X, y, activation="sigmoid", limits=PLANE_LIMITS)
    plane_ax.get_legend().remove()
    if max_margin is not None:  # drawn over the live heat map, so it is live too
        ends = line_through_box(*max_margin, plane.xlim, plane.ylim)
        (margin_line,) = plane_ax.plot(*ends, color=GREEN, linestyle="--", label="max-margin line")
        plane.live_artists.append(margin_line)
        legend_above(plane_ax, ncol=1)
    views = {
        "plane": plane,
        "accuracy": HistoryMarkerView(accuracy_ax, history.accuracy, ylabel="accuracy", color=GREEN, log_x=True),
        "loss": HistoryMarkerView(loss_ax, history.loss, ylabel="cross-entropy loss", color=VERMILION, log_x=True),
        "norm": HistoryMarkerView(norm_ax, history.weight_norm(), ylabel="$|w|$", color=BLUE, log_x=True),
    }
    loss_ax.set_yscale("log")
    accuracy_ax.set_ylim(0.0, 1.05)
    show_epoch(views, history, epoch)
    return figure, views


def show_epoch(views: dict, history: TrainingHistory, epoch: int) -> dict[str, float]:
    """Show ``epoch`` in every view of the training run."""
    views["plane"].update(*history.w[epoch], history.b[epoch])
    return {name: views[name].update(epoch) for name in ("accuracy", "loss", "norm")}


def plot_norm_and_angle(
    history: TrainingHistory, direction: np.ndarray, start: int, limit_per_decade: float | None = None
) -> Figure:
    """Static figure (W6): |w| grows like log t; the angle to the max-margin direction shrinks slowly.

    With ``limit_per_decade`` (what each tenfold of epochs adds to |w| in the limit), a line of that slope
    is drawn through the last epoch, and what each measured tenfold added is written on the curve.
    """
    figure, (left, right) = new_figure(11.0, 3.8, ncols=2)
    epochs = np.arange(1, history.epochs + 1)
    norms = history.weight_norm()[1:]
    left.plot(epochs, norms, color=BLUE, label="$|w|$ after each epoch")
    if limit_per_decade is not None:
        decades = 10 ** np.arange(int(np.ceil(np.log10(max(start, 1)))), int(np.log10(history.epochs)) + 1)
        late = epochs >= decades[-2]  # the last tenfold
        limit_line = norms[-1] + limit_per_decade * np.log10(epochs[late] / epochs[-1])
        label = f"slope of the limit: +{limit_per_decade:.2f} per tenfold"
        left.plot(epochs[late], limit_line, color=ORANGE, linestyle="--", label=label)
        all_norms = history.weight_norm()
        left.plot(decades, all_norms[decades], "o", color=BLUE, markersize=5, label="each tenfold of epochs adds ...")
        for low, high in zip(decades[:-1], decades[1:], strict=True):
            middle = int(np.sqrt(low * high))
            left.annotate(
                f"+{all_norms[high] - all_norms[low]:.2f}",
                (middle, all_norms[middle]),
                xytext=(6, -6),
                textcoords="offset points",
                horizontalalignment="left",
                verticalalignment="top",
                color=BLUE,
                fontsize=10,
            )
    left.axvline(start, color=GREY, linestyle=":", label=f"100% accuracy (epoch {start})")
    left.set_xscale("log")
    left.set_xlabel("epoch $t$ (log scale)")
    left.set_ylabel("$|w|$")
    left.set_title("The weights keep growing, ever closer to $\\propto \\log t$")
    left.legend(loc="upper left")
    gap = angle_to_direction(history, direction)[1:]
    right.plot(epochs, gap, color=VERMILION, label="angle between $(w, b)$ and the max-margin direction")
    right.axvline(start, color=GREY, linestyle=":")
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("epoch $t$ (log scale)")
    right.set_ylabel("angle (degrees, log scale)")
    right.set_title("The direction creeps towards the max-margin one")
    right.legend(loc="upper right")
    return figure


def plot_decay_and_overlap(histories: dict[str, TrainingHistory]) -> Figure:
    """Static figure (W7, W8): |w| against epochs for several runs."""
    figure, (ax,) = new_figure(7.5, 4.0)
    styles = ((BLUE, "-"), (GREEN, "--"), (VERMILION, "-."), (ORANGE, ":"), (GREY, "-"))
    for (label, history), (color, style) in zip(histories.items(), styles, strict=False):
        epochs = np.arange(1, history.epochs + 1)
        ax.plot(epochs, history.weight_norm()[1:], color=color, linestyle=style, label=label)
    ax.set_xscale("log")
    ax.set_xlabel("epoch (log scale)")
    ax.set_ylabel("$|w|$")
    ax.set_title("What stops the growth")
    ax.legend(loc="upper left")
    return figure


class DecayView:
    """|w| against epochs for the chosen weight decay, over the run without decay."""

    def __init__(self, ax: Axes, histories: dict[float, TrainingHistory], curve_label: str = "the slider's $\\lambda$"):
        self.histories = histories
        free = histories[0.0]
        self.epochs = np.arange(1, free.epochs + 1)
        ax.plot(self.epochs, free.weight_norm()[1:], color=GREY, linestyle="--", label=r"no decay ($\lambda = 0$)")
        (self.curve,) = ax.plot([], [], color=BLUE, label=curve_label)
        ax.set_xscale("log")
        ax.set_xlim(1, free.epochs)
        ax.set_ylim(0, 1.1 * max(h.weight_norm().max() for h in histories.values()))
        ax.set_xlabel("epoch (log scale)")
        ax.set_ylabel("$|w|$")
        ax.legend(loc="upper left")
        self.live_artists = [self.curve]

    def update(self, decay: float) -> TrainingHistory:
        """Show the run with weight decay ``decay``; return its history."""
        history = self.histories[decay]
        self.curve.set_data(self.epochs, history.weight_norm()[1:])
        return history


def plot_weight_decay(
    X: np.ndarray, y: np.ndarray, histories: dict[float, TrainingHistory], decay: float, curve_label: str | None = None
) -> tuple[Figure, dict]:
    """The run with weight decay ``decay``: |w| over the run without decay, and the neuron it leaves (W7).

    On the right, the final line of the run without decay is drawn dashed, so a turn of the line shows.
    ``curve_label`` names the decayed run in the legend (default: its lambda).
    Returns the figure and the views, so a dashboard can move them.
    """
    figure, (left, right) = new_figure(11.0, 4.0, ncols=2)
    curve = DecayView(left, histories, curve_label if curve_label is not None else rf"$\lambda = {decay:g}$")
    left.set_title("Weight decay: $|w|$ levels off")
    right.set_title(f"The neuron after {histories[0.0].epochs:,} epochs")
    plane = DecisionPlaneView(right, X, y, activation="sigmoid", limits=PLANE_LIMITS)
    free = histories[0.0]
    ends = line_through_box(*free.w[-1], free.b[-1], plane.xlim, plane.ylim)
    (free_line,) = right.plot(*ends, color=GREY, linestyle="--", label="final line without decay")
    plane.live_artists.append(free_line)  # over the live heat map, so live too
    handles = [*plane.legend_handles(), free_line]
    right.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    views = {"curve": curve, "plane": plane}
    show_decay(views, decay)
    return figure, views


def show_decay(views: dict, decay: float) -> TrainingHistory:
    """Show the run with weight decay ``decay`` in both views; return its history."""
    history = views["curve"].update(decay)
    views["plane"].update(*history.w[-1], history.b[-1])
    return history
