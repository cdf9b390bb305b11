"""Dashboards for notebook 04: scaling (w, b), the long training run, weight decay."""

from __future__ import annotations

import numpy as np

from ..figures.scaling import PLANE_LIMITS, ProfileView, plot_training_run, plot_weight_decay, show_decay, show_epoch
from ..figures.style import new_figure
from ..figures.views import DecisionPlaneView
from ..maths.scaling import DECAYS, angle_between, log_checkpoints, train_with_decays
from ..maths.training import TrainingHistory
from .controls import Slider
from .dashboard import Dashboard
from .sharing import shareable


@shareable
def scaling_dashboard(X: np.ndarray, y: np.ndarray) -> Dashboard:
    """Scale the neuron (1, 1), -3 by c: the line stays, the sigmoid sharpens, c < 0 swaps the sides (W2-W4)."""
    figure, (left, right) = new_figure(11.0, 4.0, ncols=2)
    profile = ProfileView(left, norm_w=float(np.sqrt(2.0)))
    plane = DecisionPlaneView(right, X, y, activation="sigmoid", limits=PLANE_LIMITS)

    def draw(c: float) -> str:
        slope = profile.update(c)
        info = plane.update(c, c, -3 * c)
        if c == 0:
            return "c = 0: w = 0, no line at all; the output is 0.5 everywhere"
        side = "above" if c > 0 else "below"
        return (
            f"line: {c:.1f}x + {c:.1f}y = {3 * c:.1f}, i.e. x + y = 3<br>fires {side} the line<br>"
            f"slope across the line: <b>{slope:.2f}</b> per unit<br>points wrong: <b>{info['mistakes']}</b>"
        )

    slider = Slider("c", "c", -5.0, 5.0, 0.1, 1.0)
    live = profile.live_artists + plane.live_artists
    return Dashboard(figure, draw, [slider], live_artists=live, title="Scale (w, b) by c.")


@shareable
def training_scrub_dashboard(
    X: np.ndarray, y: np.ndarray, history: TrainingHistory, max_margin: np.ndarray | None = None
) -> Dashboard:
    """Scrub through a long training run: the line, accuracy, loss and |w| at each recorded epoch (W5)."""
    all_right = history.first_epoch_with_accuracy(1.0)  # the notebook names it, so the slider stops there
    checkpoints = log_checkpoints(history.epochs, also=() if all_right is None else (all_right,))
    figure, views = plot_training_run(X, y, history, 0, max_margin)
    live = views["plane"].live_artists + [a for name in ("accuracy", "loss", "norm") for a in views[name].live_artists]

    def draw(epoch: float) -> str:
        epoch = int(epoch)
        values = show_epoch(views, history, epoch)
        w1, w2 = history.w[epoch]
        b = history.b[epoch]
        ratio = f"{w1 / b:.4f}" if b else "-"
        return (
            f"epoch <b>{epoch:,}</b><br>w = ({w1:.3f}, {w2:.3f}), b = {b:.3f}<br>|w| = <b>{values['norm']:.3f}</b>, "
            f"w₁/b = {ratio}<br>loss = <b>{values['loss']:.2e}</b>, accuracy = <b>{values['accuracy']:.0%}</b>"
        )

    slider = Slider.from_options("epoch", "epoch", checkpoints, 0)
    return Dashboard(
        figure, draw, [slider], live_artists=live, title=f"Scrub through {history.epochs:,} epochs (log-spaced)."
    )


@shareable
def weight_decay_dashboard(
    X: np.ndarray,
    y: np.ndarray,
    *,
    histories: dict[float, TrainingHistory] | None = None,
    decays: tuple[float, ...] = DECAYS,
    epochs: int = 20_000,
    lr: float = 1.0,
) -> Dashboard:
    """Choose an L2 weight-decay strength; see |w| level off, and the line it leaves beside the one without decay (W7).

    Pass the ``histories`` of :func:`train_with_decays` to reuse runs already trained; otherwise they are trained here.
    """
    if histories is None:
        histories = train_with_decays(X, y, decays, epochs=epochs, lr=lr)
    figure, views = plot_weight_decay(X, y, histories, 0.0, curve_label=r"the slider's $\lambda$")
    free = histories[0.0]
    half = free.epochs // 2

    def draw(decay: float) -> str:
        history = show_decay(views, decay)
        norms = history.weight_norm()
        turned = float(angle_between(history.w[-1], free.w[-1]))
        return (
            f"λ = {decay:g}<br>|w| after {history.epochs:,} epochs: <b>{norms[-1]:.2f}</b>, "
            f"{norms[-1] / norms[half] - 1:+.1%} over the last {history.epochs - half:,}<br>"
            f"line turned from the one without decay: <b>{turned:.2f}°</b><br>"
            f"accuracy <b>{history.accuracy[-1]:.0%}</b>, loss {history.loss[-1]:.2e}"
        )

    slider = Slider.from_options("decay", "λ", tuple(histories), 0.0)
    live = views["curve"].live_artists + views["plane"].live_artists
    return Dashboard(figure, draw, [slider], live_artists=live, title="Weight decay strength")
