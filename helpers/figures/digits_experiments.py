"""Figures for notebook 06's experiments on two groups of digits: the nudge, training versus test, growth, remedies."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from ..maths.digits import PIXELS, SIDE, as_image
from ..maths.digits_binary import DecayChoice, GrowthRun, Nudge, SizeRun
from ..maths.metrics import reliability_curve
from .digits import INK_CMAP, _image_axes, a_digit, figure_with_widths, log_spaced_epochs, mosaic, pixel_mesh
from .style import (
    BLACK,
    BLUE,
    GREEN,
    GREY,
    ORANGE,
    SKY,
    VERMILION,
    legend_above,
    new_figure,
)


class NudgeView:
    """The perceptron rule's step for one image: that image, and every image whose answer the step changed."""

    def __init__(
        self,
        target_ax: Axes,
        flips_ax: Axes,
        X: np.ndarray,
        nudge: Nudge,
        *,
        names: tuple[str, str] = ("0", "1"),
        rows: int = 4,
        cols: int = 12,
    ) -> None:
        self.X, self.nudge, self.rows, self.cols = X, nudge, rows, cols
        target = nudge.index
        label = int(nudge.labels[target])
        pixel_mesh(target_ax, as_image(X[target]), cmap=INK_CMAP, vmin=0.0, vmax=1.0)
        _image_axes(target_ax)
        target_ax.set_title(f"To fix: {a_digit(names[label])} called {names[1 - label]}")
        self.frame = target_ax.add_patch(_frame_patch(VERMILION))
        self.flips = pixel_mesh(flips_ax, mosaic(np.empty((0, PIXELS)), [], rows=rows, cols=cols))
        flips_ax.grid(False)
        flips_ax.set_xticks([])
        flips_ax.set_yticks([])
        flips_ax.set_xlabel(f"training images whose answer the step changed (up to {rows * cols} shown)")
        flips_ax.set_ylabel("changed images")
        flips_ax.legend(
            handles=[
                Patch(facecolor="white", edgecolor=BLUE, linewidth=2, label="now right"),
                Patch(facecolor="white", edgecolor=VERMILION, linewidth=2, label="now wrong"),
            ],
            loc="lower left",
            bbox_to_anchor=(0.0, 1.01),
            ncol=2,
            borderaxespad=0.0,
        )
        # The step, right of the legend: every step size reads off the picture, even one that changes no answer.
        self.step_text = flips_ax.text(1.0, 1.01, "", transform=flips_ax.transAxes, ha="right", va="bottom")
        self.live_artists = [self.frame, self.flips, self.step_text]

    def update(self, step: int) -> dict[str, object]:
        """Show step number ``step`` of the nudge; return what it fixed and broke."""
        nudge = self.nudge
        fixed = nudge.after[step, nudge.index] == nudge.labels[nudge.index]
        self.frame.set_edgecolor(BLUE if fixed else VERMILION)
        self.step_text.set_text(rf"step $\eta$ = {nudge.etas[step]:.2f}")
        repaired, broken = nudge.repaired(step), nudge.broken(step)
        changed = np.concatenate([repaired, broken])
        colours = [BLUE] * repaired.size + [VERMILION] * broken.size
        self.flips.set_array(mosaic(self.X[changed], colours, rows=self.rows, cols=self.cols))
        return {"fixed": bool(fixed), "repaired": repaired.size, "broken": broken.size, "eta": float(nudge.etas[step])}


def _frame_patch(colour: str) -> Rectangle:
    """A thick frame around an 8 x 8 image: its colour says right (blue) or wrong (vermilion)."""
    return Rectangle((-0.5, -0.5), SIDE, SIDE, fill=False, edgecolor=colour, linewidth=5)


def plot_nudge(X: np.ndarray, nudge: Nudge, step: int, names: tuple[str, str] = ("0", "1")) -> Figure:
    """Static figure: the image to fix, and what the rule's step of size ``nudge.etas[step]`` did to the others."""
    figure, (target_ax, flips_ax) = figure_with_widths(11.0, 3.9, (1.0, 2.2))
    info = NudgeView(target_ax, flips_ax, X, nudge, names=names).update(step)
    repaired = f"{info['repaired']} other image{'' if info['repaired'] == 1 else 's'}"
    flips_ax.set_title(rf"Step $\eta = {info['eta']:g}$: {repaired} fixed, {info['broken']} broken", pad=28)
    return figure


class TrainTestView:
    """Training and test loss against epochs (both axes logarithmic), with the lowest test loss marked."""

    def __init__(self, ax: Axes, epochs: int, *, loss_range: tuple[float, float] = (1e-3, 3.0)) -> None:
        self.epochs = log_spaced_epochs(epochs)
        (self.train,) = ax.plot([], [], color=BLUE, label="training images")
        (self.test,) = ax.plot([], [], color=VERMILION, linestyle="--", label="test images")
        (self.best,) = ax.plot([], [], "o", color=BLACK, markersize=6, label="lowest test loss", clip_on=False)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.minorticks_off()  # decades are enough, and hundreds of minor ticks are slow to draw
        ax.set_xlim(1, epochs)
        ax.set_ylim(*loss_range)
        ax.set_xlabel("epoch (log scale)")
        ax.set_ylabel("cross-entropy loss (log scale)")
        legend_above(ax, ncol=3)
        self.live_artists = [self.train, self.test, self.best]

    def update(self, run: SizeRun) -> None:
        """Show the curves of one run."""
        self.train.set_data(self.epochs, run.train_loss[self.epochs])
        self.test.set_data(self.epochs, run.test_loss[self.epochs])
        best = max(run.lowest_test_loss_epoch(), 1)
        self.best.set_data([best], [run.test_loss[best]])


def loss_range(runs: dict[int, SizeRun]) -> tuple[float, float]:
    """Limits of a log loss axis that hold every curve of every run (after epoch 0), with a margin."""
    low = min(min(run.train_loss[1:].min(), run.test_loss[1:].min()) for run in runs.values())
    high = max(max(run.train_loss[1:].max(), run.test_loss[1:].max()) for run in runs.values())
    return 10 ** np.floor(np.log10(low)), 10 ** np.ceil(np.log10(high))


def plot_train_test_curves(runs: dict[int, SizeRun], sizes: tuple[int, ...]) -> Figure:
    """Static figure: training and test loss over the epochs, one panel per training-set size in ``sizes``."""
    figure, axes = new_figure(5.5 * len(sizes), 4.0, ncols=len(sizes))
    limits = loss_range(runs)
    for ax, size in zip(axes, sizes, strict=True):
        run = runs[size]
        TrainTestView(ax, run.history.epochs, loss_range=limits).update(run)
        ax.set_title(f"{size} training images", pad=26)
    return figure


def plot_learning_curve(runs: dict[int, SizeRun]) -> Figure:
    """Static figure: loss and accuracy after the last epoch against the number of training images."""
    figure, (loss_ax, accuracy_ax) = new_figure(11.0, 3.8, ncols=2)
    sizes = np.array(list(runs))
    for ax, attribute, ylabel in ((loss_ax, "loss", "cross-entropy loss"), (accuracy_ax, "accuracy", "accuracy")):
        train = [getattr(run, f"train_{attribute}")[-1] for run in runs.values()]
        test = [getattr(run, f"test_{attribute}")[-1] for run in runs.values()]
        ax.plot(sizes, train, "o-", color=BLUE, label="training images")
        ax.plot(sizes, test, "s--", color=VERMILION, label="test images")
        ax.set_xscale("log")
        ax.set_xticks(sizes, [str(size) for size in sizes])
        ax.minorticks_off()
        ax.set_xlabel("number of training images (log scale)")
        ax.set_ylabel(ylabel)
    loss_ax.set_ylim(bottom=0)
    accuracy_ax.set_ylim(top=1.01)
    loss_ax.set_title("After the last epoch: the gap closes as data grows")
    loss_ax.legend(loc="upper right")
    accuracy_ax.legend(loc="lower right")
    return figure


def plot_weight_growth(growth: GrowthRun, mistakes: np.ndarray) -> Figure:
    """Static figure (D5): |w|, training and test loss, and the confidence of the test mistakes over the epochs."""
    figure, (norm_ax, loss_ax, confidence_ax) = new_figure(13.0, 3.9, ncols=3)
    history = growth.history
    epochs = log_spaced_epochs(history.epochs, 500)
    perfect = history.first_epoch_with_accuracy(1.0)
    norm_ax.plot(epochs, history.weight_norm()[epochs], color=BLUE, label="$|w|$")
    norm_ax.set_ylabel("$|w|$")
    norm_ax.set_title("The weights keep growing")
    loss_ax.plot(epochs, history.loss[epochs], color=BLUE, label="training images")
    loss_ax.plot(epochs, growth.test_loss[epochs], color=VERMILION, linestyle="--", label="test images")
    best = int(np.argmin(growth.test_loss))
    loss_ax.plot([best], [growth.test_loss[best]], "o", color=BLACK, label=f"lowest test loss (epoch {best:,})")
    loss_ax.set_yscale("log")
    loss_ax.set_ylabel("cross-entropy loss (log scale)")
    loss_ax.set_title("Training loss falls; test loss turns")
    confidence = growth.wrong_answer_confidence(mistakes)[epochs]
    for column, colour in zip(confidence.T, (VERMILION, ORANGE, SKY, GREEN, GREY, BLACK), strict=False):
        confidence_ax.plot(epochs, column, color=colour, linewidth=1.5)
    confidence_ax.axhline(0.5, color=GREY, linewidth=1, linestyle=":")
    confidence_ax.set_ylim(0.0, 1.02)
    confidence_ax.set_ylabel("output given to the wrong answer")
    confidence_ax.set_title(f"The {len(mistakes)} test mistakes grow sure")
    for ax in (norm_ax, loss_ax, confidence_ax):
        ax.set_xscale("log")
        ax.minorticks_off()
        ax.set_xlim(1, history.epochs)
        ax.set_xlabel("epoch (log scale)")
        if perfect is not None:
            ax.axvline(perfect, color=GREEN, linestyle=":", linewidth=1.5)
    handles = [Line2D([], [], color=GREEN, linestyle=":", label=f"100% training accuracy (epoch {perfect:,})")]
    norm_ax.legend(handles=handles, loc="upper left")
    loss_ax.legend(loc="lower left")
    return figure


def plot_reliability_with_counts(outputs_by_name: dict[str, np.ndarray], labels: np.ndarray, bins: int = 10) -> Figure:
    """Static figure: what the outputs claim against how often the label is 1, and how many images each bin holds."""
    figure, (curve_ax, count_ax) = new_figure(11.0, 4.2, ncols=2)
    curve_ax.plot([0, 1], [0, 1], color=GREY, linestyle=":", label="calibrated: claim = reality")
    width = 1.0 / bins / (len(outputs_by_name) + 1)
    styles = zip(outputs_by_name.items(), (BLUE, VERMILION, GREEN), "osD", strict=False)
    for number, ((name, outputs), colour, marker) in enumerate(styles):
        claimed, observed, count = reliability_curve(outputs, labels, bins)
        curve_ax.plot(claimed, observed, marker=marker, color=colour, label=name)
        which = np.minimum((np.asarray(outputs) * bins).astype(int), bins - 1)
        every = np.bincount(which, minlength=bins)
        left = np.arange(bins) / bins + (number + 0.5) * width
        count_ax.bar(left, every, width=width, align="edge", color=colour, label=name, zorder=2)
        for x, n in zip(left + width / 2, every, strict=True):
            if n:
                count_ax.text(x, n, f"{n}", ha="center", va="bottom", fontsize=8)
    curve_ax.set_xlim(0, 1)
    curve_ax.set_ylim(-0.02, 1.02)
    curve_ax.set_xlabel("average output in the bin (what the neuron claims)")
    curve_ax.set_ylabel("share of label 1 (what happens)")
    curve_ax.set_title("Reliability on the test images")
    curve_ax.legend(loc="lower right")
    count_ax.set_yscale("symlog", linthresh=1.0)
    count_ax.minorticks_off()
    count_ax.set_ylim(0, 10 ** np.ceil(np.log10(len(labels) + 1)))
    count_ax.set_xlim(0, 1)
    count_ax.set_xticks(np.linspace(0, 1, bins + 1))
    count_ax.set_xlabel(f"output $a$, in {bins} bins")
    count_ax.set_ylabel("test images in the bin")
    count_ax.set_title("How many images each point stands for")
    count_ax.legend(loc="upper center")
    return figure


class DecayCurvesView:
    """Training and validation loss over the epochs for one weight-decay strength, over the run without decay."""

    def __init__(self, ax: Axes, choice: DecayChoice) -> None:
        self.choice = choice
        free = choice.histories[choice.decays[0]]
        self.epochs = log_spaced_epochs(free.epochs)
        free_curve = choice.validation_curves[0, self.epochs]
        ax.plot(self.epochs, free_curve, color=GREY, linestyle=":", label="validation, no decay")
        (self.train,) = ax.plot([], [], color=BLUE, label=r"training, your $\lambda$")
        (self.validation,) = ax.plot([], [], color=VERMILION, linestyle="--", label=r"validation, your $\lambda$")
        curves = [choice.validation_curves[:, 1:], *(h.loss[1:] for h in choice.histories.values())]
        low, high = min(float(np.min(c)) for c in curves), max(float(np.max(c)) for c in curves)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.minorticks_off()
        ax.set_xlim(1, free.epochs)
        ax.set_ylim(10 ** np.floor(np.log10(low)), 10 ** np.ceil(np.log10(high)))
        ax.set_xlabel("epoch (log scale)")
        ax.set_ylabel("cross-entropy loss (log scale)")
        legend_above(ax, ncol=3)
        self.live_artists = [self.train, self.validation]

    def update(self, decay: float) -> int:
        """Show the run with weight decay ``decay``; return its place in ``choice.decays``."""
        place = self.choice.decays.index(decay)
        self.train.set_data(self.epochs, self.choice.histories[decay].loss[self.epochs])
        self.validation.set_data(self.epochs, self.choice.validation_curves[place, self.epochs])
        return place


def plot_decay_choice(choice: DecayChoice, stopping_epoch: int) -> Figure:
    """Static figure (D6): final losses against the decay strength, and the validation curve with where to stop.

    It marks no strength as chosen: it follows exercise 3, which asks for that choice.
    """
    figure, (decay_ax, stop_ax) = new_figure(11.0, 3.9, ncols=2)
    places = np.arange(len(choice.decays))
    decay_ax.plot(places, choice.training_loss, "o-", color=BLUE, label="training images")
    decay_ax.plot(places, choice.validation_loss, "s--", color=VERMILION, label="validation images")
    decay_ax.set_xticks(places, [f"{decay:g}" for decay in choice.decays])
    decay_ax.set_xlabel(r"weight decay $\lambda$")
    decay_ax.set_ylabel("loss after the last epoch")
    decay_ax.set_title(r"Final losses against $\lambda$")
    decay_ax.legend(loc="upper center")
    free = choice.validation_curves[0]
    epochs = log_spaced_epochs(free.size - 1)
    stop_ax.plot(epochs, choice.histories[choice.decays[0]].loss[epochs], color=BLUE, label="training images")
    stop_ax.plot(epochs, free[epochs], color=VERMILION, linestyle="--", label="validation images")
    stop_ax.axvline(stopping_epoch, color=BLACK, linestyle=":", label=f"stop at epoch {stopping_epoch}")
    stop_ax.set_xscale("log")
    stop_ax.set_yscale("log")
    stop_ax.minorticks_off()
    stop_ax.set_xlim(1, epochs[-1])
    stop_ax.set_xlabel("epoch (log scale), no decay")
    stop_ax.set_ylabel("cross-entropy loss (log scale)")
    stop_ax.set_title("Or stop where the validation loss is lowest")
    stop_ax.legend(loc="lower left")
    return figure
