"""Dashboards for notebook 04: scaling (w, b), the long training run, weight decay."""

from __future__ import annotations

import numpy as np

from ..figures.scaling import PLANE_LIMITS, DecayView, ProfileView, plot_training_run, show_epoch
from ..figures.style import new_figure
from ..figures.views import DecisionPlaneView
from ..maths.scaling import log_checkpoints
from ..maths.training import TrainingHistory, train_sigmoid_neuron_fast
from .dashboard import Dashboard, Slider


def scaling_dashboard(X: np.ndarray, y: np.ndarray, c: float = 1.0) -> Dashboard:
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

    slider = Slider("c", "c", -5.0, 5.0, 0.1, c)
    live = profile.live_artists + plane.live_artists
    return Dashboard(figure, draw, [slider], live_artists=live, title="Scale (w, b) by c.")


def training_scrub_dashboard(
    X: np.ndarray, y: np.ndarray, history: TrainingHistory, max_margin: np.ndarray | None = None
) -> Dashboard:
    """Scrub through a long training run: the line, accuracy, loss and |w| at each recorded epoch (W5)."""
    checkpoints = log_checkpoints(history.epochs)
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
    return Dashboard(figure, draw, [slider], live_artists=live, title="Scrub through 100,000 epochs (log-spaced).")


DECAYS = (0.0, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2)


def weight_decay_dashboard(
    X: np.ndarray, y: np.ndarray, *, decays: tuple[float, ...] = DECAYS, epochs: int = 20_000, lr: float = 1.0
) -> Dashboard:
    """Choose an L2 weight-decay strength; see |w| level off and the neuron it leaves (W7)."""
    histories = {decay: train_sigmoid_neuron_fast(X, y, epochs=epochs, lr=lr, weight_decay=decay) for decay in decays}
    figure, (left, right) = new_figure(11.0, 4.0, ncols=2)
    view = DecayView(left, histories)
    plane = DecisionPlaneView(right, X, y, activation="sigmoid", limits=PLANE_LIMITS)

    def draw(decay: float) -> str:
        history = view.update(decay)
        plane.update(*history.w[-1], history.b[-1])
        return (
            f"λ = {decay:g}<br>|w| after {epochs:,} epochs: <b>{history.weight_norm()[-1]:.2f}</b><br>"
            f"accuracy <b>{history.accuracy[-1]:.0%}</b>, loss {history.loss[-1]:.2e}"
        )

    slider = Slider.from_options("decay", "λ", decays, 0.0)
    live = view.live_artists + plane.live_artists
    return Dashboard(figure, draw, [slider], live_artists=live, title="Weight decay strength")
