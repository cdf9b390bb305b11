"""Pictures for notebook 03: saturation, vanishing gradients, initialisation, costs, zig-zags.

Same pattern as :mod:`helpers.figures.views`: a view builds its artists once and
``update`` changes their data; ``plot_*`` functions draw a view once.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..maths.neuron import relu, sigmoid, sigmoid_prime
from ..maths.saturation import (
    SATURATION_THRESHOLD,
    chain_bias_gradients,
    chain_parameters,
    gradient_path,
    initial_weights,
    layer_preactivations,
    same_sign_share,
    saturated_share,
    teacher_task,
    zigzag_task,
)
from ..maths.training import cost_value, train_sigmoid_neuron_fast
from .style import (
    BLACK,
    BLUE,
    GREEN,
    GREY,
    ORANGE,
    SKY,
    TITLE_PAD_OVER_LEGEND,
    VERMILION,
    YELLOW,
    legend_above,
    new_figure,
)

SATURATED_LABEL = rf"saturated ($|z| > {SATURATION_THRESHOLD:g}$)"


def shade_saturated(ax: Axes, limit: float, *, label: bool = True) -> None:
    """Shade ``|z| > threshold`` on an axes whose x axis is ``z``."""
    for side, (low, high) in enumerate(((-limit, -SATURATION_THRESHOLD), (SATURATION_THRESHOLD, limit))):
        ax.axvspan(low, high, color=YELLOW, alpha=0.25, linewidth=0, label=SATURATED_LABEL if label and side else None)


class SaturationView:
    """sigma and sigma' with the saturated tails shaded, and a live marker at z."""

    def __init__(self, ax: Axes, limit: float = 10.0, marker_label: str = "your $z$") -> None:
        z = np.linspace(-limit, limit, 801)
        shade_saturated(ax, limit)
        ax.plot(z, sigmoid(z), color=BLUE, label=r"$\sigma(z)$")
        ax.plot(z, sigmoid_prime(z), color=VERMILION, linestyle="--", label=r"$\sigma'(z)$")
        self.marker = ax.axvline(0.0, color=BLACK, linestyle=":")
        (self.dots,) = ax.plot([], [], "o", color=BLACK, label=marker_label)
        ax.set_xlim(-limit, limit)
        ax.set_ylim(-0.03, 1.03)
        ax.set_xlabel("$z$")
        ax.set_ylabel("value")
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
        self.live_artists = [self.marker, self.dots]

    def update(self, z: float) -> dict[str, float]:
        """Move the marker to ``z``; return sigma and its slope there."""
        value, slope = float(sigmoid(z)), float(sigmoid_prime(z))
        self.marker.set_xdata([z, z])
        self.dots.set_data([z, z], [value, slope])
        return {"sigma": value, "slope": slope}


def plot_saturation(z: float = 5.0) -> Figure:
    """Static figure: the sigmoid's slope dies away in both tails."""
    figure, (ax,) = new_figure(7.5, 3.6)
    info = SaturationView(ax, marker_label=f"$z = {z:g}$").update(z)
    ax.set_title(rf"At $z = {z:g}$: $\sigma'(z) = {info['slope']:.2g}$, {info['slope'] / 0.25:.1%} of its peak")
    return figure


class ChainGradientView:
    """How much of the gradient reaches each layer of a chain of sigmoid units (log scale)."""

    FLOOR = 1e-30

    def __init__(self, ax: Axes, max_depth: int = 20) -> None:
        layers = np.arange(1, max_depth + 1)
        ax.plot(
            layers,
            0.25 ** (max_depth - layers + 1),
            color=GREY,
            linestyle=":",
            label=r"$(1/4)^{\,L-l+1}$ with $L$ = max",
        )
        (self.line,) = ax.plot([], [], "o-", color=VERMILION, label=r"$|\partial a_L / \partial b_l|$")
        ax.set_yscale("log")
        ax.set_xlim(0.5, max_depth + 0.5)
        ax.set_ylim(self.FLOOR, 1e4)
        ax.set_xlabel("layer $l$ (1 = first, next to the input)")
        ax.set_ylabel("gradient reaching layer $l$")
        ax.legend(loc="lower right")  # the last layers stay far above 1e-20 at every setting: this corner is empty
        self.live_artists = [self.line]

    def update(self, depth: int, weight_scale: float, offset: float) -> np.ndarray:
        """Redraw for a chain of ``depth`` units; return the gradients."""
        weights, biases = chain_parameters(depth, weight_scale, offset)
        gradients = np.abs(chain_bias_gradients(0.5, weights, biases))
        self.line.set_data(np.arange(1, depth + 1), np.maximum(gradients, self.FLOOR))
        return gradients


def plot_chain_gradients(depth: int = 10, scales: tuple[float, ...] = (1.0, 4.0, 6.0)) -> Figure:
    """Static figure: the gradient at each layer for a few weight scales."""
    figure, (ax,) = new_figure(7.5, 4.0)
    layers = np.arange(1, depth + 1)
    for scale, color in zip(scales, (VERMILION, BLUE, GREEN), strict=False):
        gradients = np.abs(chain_bias_gradients(0.5, *chain_parameters(depth, scale)))
        factor = scale * float(sigmoid_prime(0.0))  # every unit of this chain sits at z = 0
        label = rf"every $w = {scale:g}$: $\times {factor:g}$ per layer"
        ax.plot(layers, gradients, "o-", color=color, label=label)
    ax.set_yscale("log")
    ax.set_xlabel("layer $l$ (1 = first, next to the input)")
    ax.set_ylabel(r"$|\partial a_L / \partial b_l|$")
    ax.set_title(f"A chain of {depth} sigmoid units at $z = 0$: each layer multiplies by $w\\,\\sigma'(0) = w/4$")
    ax.legend(loc="lower right")
    return figure


class InitialisationView:
    """Histogram of a layer's weighted inputs at initialisation, and a learning curve from that start."""

    def __init__(
        self,
        ax_hist: Axes,
        ax_curve: Axes,
        *,
        n_inputs: int = 50,
        epochs: int = 200,
        lr: float = 2.0,
        curve_label: str = "start at the slider's spread",
    ):
        self.edges = np.linspace(-30.0, 30.0, 121)
        shade_saturated(ax_hist, 30.0)
        self.bars = ax_hist.stairs(
            np.zeros(len(self.edges) - 1),
            self.edges,
            fill=True,
            color=BLUE,
            alpha=0.8,
            zorder=2,  # above the grid, as it is in every frame
            label="weighted inputs $z$",
        )
        ax_hist.set_xlim(-30, 30)
        ax_hist.set_ylim(0, 0.55)  # the default spread, 0.1, peaks at 0.52; below 0.09 the spike runs off the top
        ax_hist.set_xlabel("weighted input $z$ at the start")
        ax_hist.set_ylabel("density")
        legend_above(ax_hist)
        # 100 examples and 200 epochs show the plateau and keep a slider move near 10 ms of training.
        self.task, self.n_inputs, self.epochs, self.lr = teacher_task(n_inputs, n_samples=100), n_inputs, epochs, lr
        reference = self.train(0.02)
        ax_curve.plot(reference, color=GREY, linestyle="--", label="start small (spread 0.02)")
        (self.curve,) = ax_curve.plot([], [], color=VERMILION, label=curve_label)
        ax_curve.set_xlim(0, epochs)
        ax_curve.set_ylim(0, 0.26)
        ax_curve.set_xlabel("epoch")
        ax_curve.set_ylabel("quadratic cost")
        legend_above(ax_curve)
        self.live_artists = [self.bars, self.curve]

    def train(self, init_scale: float) -> np.ndarray:
        """Learning curve of one neuron with ``n_inputs`` inputs started from weights of spread ``init_scale``."""
        X, y = self.task
        w0 = initial_weights(init_scale, self.n_inputs)
        # the fast trainer (tested equal to the readable one): a slider move trains 200 epochs in 7 ms, not 17
        return train_sigmoid_neuron_fast(X, y, epochs=self.epochs, lr=self.lr, w0=w0, cost="quadratic").loss

    def update(self, init_scale: float) -> dict[str, float]:
        """Redraw for weights drawn with spread ``init_scale``; return the saturated share and the final cost."""
        z = layer_preactivations(init_scale, n_inputs=self.n_inputs)
        density, _ = np.histogram(np.clip(z, self.edges[0], self.edges[-1]), bins=self.edges, density=True)
        self.bars.set_data(density)
        loss = self.train(init_scale)
        self.curve.set_data(np.arange(len(loss)), loss)
        return {"saturated": saturated_share(z), "spread": float(np.std(z)), "final_loss": float(loss[-1])}


def plot_initialisation(init_scale: float = 1.0) -> Figure:
    """Static figure: pre-activations and learning curve for one initial scale."""
    figure, (left, right) = new_figure(11.0, 3.8, ncols=2)
    info = InitialisationView(left, right, curve_label=f"start at spread {init_scale:g}").update(init_scale)
    left.set_title(
        f"Weights of spread {init_scale:g}: {info['saturated']:.0%} of units saturated", pad=TITLE_PAD_OVER_LEGEND
    )
    right.set_title("Learning from that start (50 inputs, quadratic cost)", pad=TITLE_PAD_OVER_LEGEND)
    return figure


class CostComparisonView:
    """Output of one neuron (x = 1, target 0) while it learns, under both costs."""

    def __init__(self, ax: Axes, *, epochs: int = 300, lr: float = 0.15) -> None:
        self.epochs, self.lr = epochs, lr
        ax.axhline(0.0, color=GREY, linewidth=0.8)
        (self.quadratic,) = ax.plot([], [], color=ORANGE, linestyle="--", label="quadratic cost")
        (self.cross_entropy,) = ax.plot([], [], color=BLUE, label="cross-entropy cost")
        ax.set_xlim(0, epochs)
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlabel("epoch")
        ax.set_ylabel("output $a$ (target $y = 0$)")
        legend_above(ax)
        self.live_artists = [self.quadratic, self.cross_entropy]

    def update(self, w0: float, b0: float) -> dict[str, int | None]:
        """Train from ``(w0, b0)`` under both costs; return the first epoch each output drops below 0.2."""
        X, y = np.array([[1.0]]), np.array([0.0])
        result = {}
        for cost, line in (("quadratic", self.quadratic), ("cross_entropy", self.cross_entropy)):
            history = train_sigmoid_neuron_fast(X, y, epochs=self.epochs, lr=self.lr, w0=[w0], b0=b0, cost=cost)
            output = np.asarray(sigmoid(history.w[:, 0] + history.b))
            line.set_data(np.arange(self.epochs + 1), output)
            below = np.flatnonzero(output < 0.2)
            result[cost] = int(below[0]) if below.size else None
        return result


def plot_cost_comparison(w0: float = 2.0, b0: float = 2.0) -> Figure:
    """Static figure: a badly wrong, saturated start learns slowly with the quadratic cost."""
    figure, (ax,) = new_figure(7.5, 3.6)
    CostComparisonView(ax).update(w0, b0)
    title = rf"Start $w = {w0:g}$, $b = {b0:g}$: output {float(sigmoid(w0 + b0)):.2f}, target 0"
    ax.set_title(title, pad=TITLE_PAD_OVER_LEGEND)
    return figure


class ZigzagView:
    """Per-example gradient descent in the plane of two weights."""

    def __init__(self, ax: Axes, *, steps: int = 80, lr: float = 0.5) -> None:
        self.steps, self.lr = steps, lr
        ax.axhline(0.0, color=GREY, linewidth=0.8)
        ax.axvline(0.0, color=GREY, linewidth=0.8)
        (self.path,) = ax.plot([], [], "-", color=VERMILION, marker=".", markersize=4, label="weights after each step")
        (self.end,) = ax.plot([], [], "*", color=BLACK, markersize=12, label="after 80 steps")
        ax.plot([0], [0], "s", color=BLACK, markerfacecolor="white", label="start")
        ax.set_xlim(-0.5, 3.5)
        ax.set_ylim(-3.5, 0.5)
        ax.set_aspect("equal")
        ax.set_xlabel("$w_1$")
        ax.set_ylabel("$w_2$")
        ax.legend(loc="lower left")
        self.live_artists = [self.path, self.end]

    def update(self, centring: float) -> dict[str, float]:
        """Follow the path for inputs shifted by ``centring`` times their mean; return the same-sign share."""
        X, y = zigzag_task(centring)
        path = gradient_path(X, y, [0.0, 0.0], lr=self.lr, steps=self.steps)
        self.path.set_data(path[:, 0], path[:, 1])
        self.end.set_data([path[-1, 0]], [path[-1, 1]])
        return {"same_sign": same_sign_share(path), "min_input": float(X.min())}


def plot_zigzag() -> Figure:
    """Static figure: positive inputs force same-sign steps (zig-zag); centred inputs go straight."""
    figure, axes = new_figure(10.0, 4.6, ncols=2)
    for ax, centring, title in zip(axes, (0.0, 1.0), ("all inputs positive", "inputs centred on 0"), strict=True):
        X, y = zigzag_task(centring)
        grid = np.linspace(-0.5, 3.5, 120), np.linspace(-3.5, 0.5, 120)
        g1, g2 = np.meshgrid(*grid)
        costs = cost_value(np.stack([g1, g2], axis=-1) @ X.T, y)
        ax.contour(g1, g2, costs, levels=12, colors=[SKY], linewidths=0.8)
        info = ZigzagView(ax).update(centring)
        ax.set_title(f"{title}: {info['same_sign']:.0%} of steps\nmove both weights the same way")
    return figure


def plot_activation_comparison() -> Figure:
    """Static figure: sigmoid, tanh and ReLU, and their derivatives."""
    figure, (left, right) = new_figure(11.0, 3.8, ncols=2)
    z = np.linspace(-5.0, 5.0, 501)
    curves = (
        (r"$\sigma(z)$", r"$\sigma'(z)$", sigmoid(z), sigmoid_prime(z), BLUE, "-"),
        (r"$\tanh(z)$", r"$\tanh'(z)$", np.tanh(z), 1 - np.tanh(z) ** 2, VERMILION, "--"),
        (r"ReLU $\max(0, z)$", r"ReLU$'(z)$: 0 or 1", relu(z), (z > 0).astype(float), GREEN, "-."),
    )
    for label, slope_label, value, slope, color, style in curves:
        left.plot(z, value, color=color, linestyle=style, label=label)
        right.plot(z, slope, color=color, linestyle=style, label=slope_label)
    left.set_ylim(-1.1, 2.0)
    left.set_title("Three activations")
    right.set_title("Their derivatives")
    for ax, ylabel in ((left, "activation"), (right, "derivative")):
        ax.axhline(0.0, color=GREY, linewidth=0.8)
        ax.set_xlabel("$z$")
        ax.set_ylabel(ylabel)
        ax.legend(loc="upper left")
    return figure
