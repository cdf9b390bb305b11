"""Dashboards for notebook 06: browse the images, nudge a perceptron, vary the training set, choose a decay.

Everything heavy (training runs, the outputs after every nudge) is computed before the
dashboard is built, so a slider move only swaps data into artists that already exist.
"""

from __future__ import annotations

import numpy as np

from ..figures.digits import ImageInputsView, figure_with_widths
from ..figures.digits_experiments import DecayCurvesView, NudgeView, TrainTestView, loss_range
from ..figures.style import new_figure
from ..maths.digits import Digits
from ..maths.digits_binary import DecayChoice, Nudge, SizeRun
from .controls import Slider
from .dashboard import Dashboard
from .sharing import shareable


@shareable
def image_browser_dashboard(digits: Digits) -> Dashboard:
    """Step through all 1,797 images: each one as a picture and as its 64 inputs (D1)."""
    figure, (image_ax, inputs_ax) = figure_with_widths(10.0, 3.6, (1.0, 1.9))
    view = ImageInputsView(image_ax, inputs_ax)

    def draw(index: int) -> str:
        x, label = digits.X[index], int(digits.labels[index])
        view.update(x, label)
        return (
            f"image <b>{index}</b> of {len(digits.labels)}: a <b>{label}</b><br>"
            f"inked pixels (x > 0): <b>{int(np.count_nonzero(x))}</b> of 64<br>"
            f"total ink Σx<sub>j</sub>: <b>{x.sum():.2f}</b>"
        )

    slider = Slider("index", "image", 0, len(digits.labels) - 1, 1, 0, integer=True)
    return Dashboard(figure, draw, [slider], live_artists=view.live_artists, title="Step through the images.")


@shareable
def fix_one_image_dashboard(X: np.ndarray, nudge: Nudge, names: tuple[str, str] = ("0", "1")) -> Dashboard:
    """Grow the perceptron rule's step for one wrong image; see which other images change their answer (D2).

    ``names`` are what labels 0 and 1 stand for, e.g. ("1", "2").
    """
    figure, (target_ax, flips_ax) = figure_with_widths(10.0, 3.6, (1.0, 2.2))
    view = NudgeView(target_ax, flips_ax, X, nudge, names=names)

    def draw(eta: float) -> str:
        info = view.update(int(np.argmin(np.abs(nudge.etas - eta))))
        shown = view.rows * view.cols
        more = info["repaired"] + info["broken"] - shown
        return (
            f"step η = <b>{info['eta']:.2f}</b> (1 is the rule's own step)<br>"
            f"the image: <b>{'right' if info['fixed'] else 'still wrong'}</b><br>"
            f"other images fixed: <b>{info['repaired']}</b>, broken: <b>{info['broken']}</b>"
            + (f"<br>({more} more not shown)" if more > 0 else "")
        )

    slider = Slider("eta", "step η", float(nudge.etas[0]), float(nudge.etas[-1]), 0.01, float(nudge.etas[0]))
    title = "Nudge the weights to fix one image."
    return Dashboard(figure, draw, [slider], live_artists=view.live_artists, title=title)


@shareable
def training_size_dashboard(runs: dict[int, SizeRun]) -> Dashboard:
    """Choose how many training images the neuron learns from; compare its loss on them and on test images (D4)."""
    sizes = tuple(runs)
    epochs = runs[sizes[0]].history.epochs
    figure, (ax,) = new_figure(7.5, 4.2)
    view = TrainTestView(ax, epochs, loss_range=loss_range(runs))

    def draw(size: int) -> str:
        run = runs[size]
        view.update(run)
        return (
            f"<b>{size}</b> training images, {epochs:,} epochs<br>"
            f"training loss <b>{run.train_loss[-1]:.3f}</b>, accuracy {run.train_accuracy[-1]:.1%}<br>"
            f"test loss <b>{run.test_loss[-1]:.3f}</b>, accuracy {run.test_accuracy[-1]:.1%}<br>"
            f"lowest test loss on the way: {run.test_loss.min():.3f}"
        )

    slider = Slider.from_options("size", "images", sizes, sizes[0])
    return Dashboard(figure, draw, [slider], live_artists=view.live_artists, title="Number of training images")


@shareable
def decay_choice_dashboard(choice: DecayChoice) -> Dashboard:
    """Choose the weight-decay strength; see the training and validation loss over the epochs (D6)."""
    figure, (ax,) = new_figure(7.5, 4.2)
    view = DecayCurvesView(ax, choice)

    def draw(decay: float) -> str:
        place = view.update(decay)
        norm = choice.histories[decay].weight_norm()[-1]
        verdict = "lowest of all: the choice" if decay == choice.chosen else f"lowest is λ = {choice.chosen:g}"
        return (
            f"λ = <b>{decay:g}</b>, |w| at the end: {norm:.2f}<br>"
            f"training loss <b>{choice.training_loss[place]:.3f}</b><br>"
            f"validation loss <b>{choice.validation_loss[place]:.3f}</b> ({verdict})"
        )

    slider = Slider.from_options("decay", "λ", choice.decays, choice.decays[0])
    return Dashboard(figure, draw, [slider], live_artists=view.live_artists, title="Weight decay, judged on validation")
