"""The dashboards the notebooks show: a view from ``plots`` plus sliders.

Each function returns a :class:`~helpers.widgets.Dashboard`.  Its ``figure`` is
the live figure and its draw function can be called directly in tests.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .datasets import fix_one_break_another
from .neuron import sigmoid, sigmoid_prime
from .perceptron_rule import PerceptronHistory, fix_one_example, logic_gate, train_perceptron, truth_table
from .plots import DecisionPlaneView, HistoryMarkerView, NeuronCurveView, OutputVersusWeightView
from .saturation import SATURATION_THRESHOLD
from .saturation_plots import (
    ChainGradientView,
    CostComparisonView,
    InitialisationView,
    SaturationView,
    ZigzagView,
)
from .scaling_plots import PLANE_LIMITS, DecayView, ProfileView, plot_training_run, show_epoch
from .style import BLUE, VERMILION, new_figure
from .training import TrainingHistory, max_margin_direction, train_sigmoid_neuron
from .weight_scaling import log_checkpoints
from .widgets import Dashboard, Slider


def _number(value: float | None, digits: int = 2) -> str:
    """Format a readout number; ``None`` means 'does not exist'."""
    return "none" if value is None else f"{value:.{digits}f}"


def neuron_curve_dashboard(w: float = 1.0, b: float = 0.0) -> Dashboard:
    """Drag the weight and bias of a one-input neuron; the S-curve shifts and steepens."""
    figure, (ax,) = new_figure(7.5, 3.6)
    view = NeuronCurveView(ax)

    def draw(w: float, b: float) -> str:
        info = view.update(w, b)
        return (
            f"boundary $x = -b/w$: <b>{_number(info['boundary'])}</b><br>"
            f"slope of σ there: <b>{_number(info['slope'])}</b>"
        )

    return Dashboard(
        figure,
        draw,
        [Slider("w", "w", -10.0, 10.0, 0.1, w), Slider("b", "b", -10.0, 10.0, 0.1, b)],
        live_artists=view.live_artists,
        title="Drag w to steepen or flip the curve, b to slide it sideways.",
    )


def reference_dashboard() -> Dashboard:
    """The smallest possible dashboard (one slider, one line): the latency floor."""
    figure, (ax,) = new_figure(6.4, 3.6)
    x = np.linspace(-6.0, 6.0, 601)
    (line,) = ax.plot(x, np.sin(x), color=BLUE, label=r"$\sin(a x)$")
    ax.set_xlabel("$x$")
    ax.set_ylabel(r"$\sin(ax)$")
    ax.set_ylim(-1.1, 1.1)
    ax.legend(loc="upper right")

    def draw(a: float) -> str:
        line.set_ydata(np.sin(a * x))
        return f"a = {a:.2f}"

    return Dashboard(
        figure, draw, [Slider("a", "a", 0.0, 5.0, 0.1, 1.0)], live_artists=[line], title="Reference dashboard"
    )


def _truth_table_html(rows: list[tuple[tuple[int, int], float, float, float]]) -> str:
    cells = "".join(
        f"<tr><td>{x1}</td><td>{x2}</td><td>{z:+.2f}</td><td>{out:.0f}</td><td>{want:.0f}</td>"
        f"<td>{'✓' if out == want else '✗'}</td></tr>"
        for (x1, x2), z, out, want in rows
    )
    return f"<table><tr><th>x₁</th><th>x₂</th><th>z</th><th>output</th><th>wanted</th><th></th></tr>{cells}</table>"


def decision_line_dashboard(
    X: np.ndarray,
    y: np.ndarray,
    *,
    w: tuple[float, float] = (1.0, 1.0),
    b: float = -3.0,
    weight_range: float = 3.0,
    bias_range: float = 6.0,
    activation: str = "step",
    gate: str | None = None,
) -> Dashboard:
    """Drag w1, w2 and b; the line ``w . x + b = 0`` moves and the points are recoloured.

    With ``gate`` set, the data are that gate's truth table and the readout is the table.
    """
    if gate is not None:
        X, y = logic_gate(gate)
    figure, (ax,) = new_figure(7.0, 4.2)
    view = DecisionPlaneView(ax, X, y, activation=activation, colorbar=activation == "sigmoid")

    def draw(w1: float, w2: float, b: float) -> str:
        info = view.update(w1, w2, b)
        if gate is not None:
            return f"<b>{gate.upper()}</b>" + _truth_table_html(truth_table(gate, [w1, w2], b))
        line = "" if info["has_line"] else "<br>w = (0, 0): no line, the whole plane gets one answer"
        return f"points wrong: <b>{info['mistakes']} of {len(y)}</b>{line}"

    sliders = [
        Slider("w1", "w₁", -weight_range, weight_range, 0.05, w[0]),
        Slider("w2", "w₂", -weight_range, weight_range, 0.05, w[1]),
        Slider("b", "b", -bias_range, bias_range, 0.05, b),
    ]
    hint = "Find weights that compute the gate." if gate else "Move the line until no point is ringed."
    return Dashboard(figure, draw, sliders, live_artists=view.live_artists, title=hint)


def perceptron_training_dashboard(X: np.ndarray, y: np.ndarray, history: PerceptronHistory) -> Dashboard:
    """Step through the epochs of the perceptron rule: the line, and the mistakes so far."""
    figure, (left, right) = new_figure(10.0, 4.0, ncols=2)
    plane = DecisionPlaneView(left, X, y)
    left.get_legend().remove()
    mistakes = HistoryMarkerView(right, history.mistakes, ylabel="points wrong", color=VERMILION)
    right.set_ylim(-0.3, len(y) + 0.3)

    def draw(epoch: int) -> str:
        w1, w2 = history.w[epoch]
        info = plane.update(w1, w2, history.b[epoch])
        mistakes.update(epoch)
        return (
            f"epoch {epoch}: w = ({w1:.2f}, {w2:.2f}), b = {history.b[epoch]:.2f}<br>wrong: <b>{info['mistakes']}</b>"
        )

    slider = Slider("epoch", "epoch", 0, history.epochs, 1, 0, integer=True)
    return Dashboard(
        figure,
        draw,
        [slider],
        live_artists=plane.live_artists + mistakes.live_artists,
        title="Scrub through the epochs.",
    )


def fix_one_dashboard() -> Dashboard:
    """Move (w, b) along the perceptron rule's step for one wrong point; watch others break."""
    X, y, w, b, index = fix_one_break_another()
    figure, (ax,) = new_figure(7.0, 4.2)
    view = DecisionPlaneView(ax, X, y)
    ax.annotate("fix me", X[index], xytext=(-44, -15), textcoords="offset points", color=VERMILION)

    def draw(eta: float) -> str:
        new_w, new_b = fix_one_example(X, y, w, b, index, eta)
        info = view.update(*new_w, new_b)
        fixed = info["outputs"][index] == y[index]
        broken = int(np.sum((info["outputs"] != y) & (np.arange(len(y)) != index)))
        return f"target point: <b>{'right' if fixed else 'still wrong'}</b><br>other points now wrong: <b>{broken}</b>"

    slider = Slider("eta", "η", 0.0, 1.0, 0.01, 0.0)
    return Dashboard(figure, draw, [slider], live_artists=view.live_artists, title="Nudge the line to fix one point.")


def nudge_dashboard(
    x: np.ndarray, w: np.ndarray, b: float, *, index: int = 0, span: float = 1.0, show_sigmoid: bool = False
) -> Dashboard:
    """Change one weight by Δw and read the output before and after.

    The perceptron's output can only jump; the sigmoid's (if shown) slides, and
    the readout compares its true change with the linear estimate σ'(z) x_j Δw.
    """
    figure, (ax,) = new_figure(7.5, 3.6)
    view = OutputVersusWeightView(ax, x, w, b, index, span=span, show_sigmoid=show_sigmoid)
    x_j = float(np.asarray(x, float)[index])
    z0 = float(view.weighted_inputs(np.asarray(w, float)[index]))

    def draw(delta: float) -> str:
        out = view.update(delta)
        step_change = out["step_after"] - out["step_before"]
        text = f"perceptron: {out['step_before']:.0f} → {out['step_after']:.0f}, change <b>{step_change:+.0f}</b>"
        if show_sigmoid:
            true_change = out["sigmoid_after"] - out["sigmoid_before"]
            estimate = float(sigmoid_prime(z0)) * x_j * delta
            text = (
                "<table>"
                f"<tr><td>perceptron change</td><td><b>{step_change:+.0f}</b></td></tr>"
                f"<tr><td>sigmoid true change Δa</td><td><b>{true_change:+.5f}</b></td></tr>"
                f"<tr><td>linear estimate σ'(z)·x·Δw</td><td><b>{estimate:+.5f}</b></td></tr>"
                f"<tr><td>estimate's error</td><td>{true_change - estimate:+.2e}</td></tr>"
                "</table>"
            )
        return text

    slider = Slider(
        "delta", f"Δw{'₁₂₃'[index] if index < 3 else ''}", -span, span, span / 100, 0.0, readout_format=".3f"
    )
    return Dashboard(figure, draw, [slider], live_artists=view.live_artists, title="Nudge one weight.")


def saturation_dashboard(z: float = 0.0) -> Dashboard:
    """Slide z along the sigmoid; read its slope fall away in the tails (curriculum T1)."""
    figure, (ax,) = new_figure(7.5, 3.6)
    view = SaturationView(ax)

    def draw(z: float) -> str:
        info = view.update(z)
        state = "saturated" if abs(z) > SATURATION_THRESHOLD else "responsive"
        return (
            f"σ(z) = <b>{info['sigma']:.4f}</b><br>σ'(z) = <b>{info['slope']:.2e}</b> "
            f"({info['slope'] / 0.25:.1%} of the peak)<br>{state}"
        )

    slider = Slider("z", "z", -10.0, 10.0, 0.1, z)
    return Dashboard(figure, draw, [slider], live_artists=view.live_artists, title="Move z into the tails.")


def vanishing_gradient_dashboard(depth: int = 8, weight_scale: float = 1.0, offset: float = 0.0) -> Dashboard:
    """Choose the depth of a chain of sigmoid units and its weights; see the gradient at each layer (T2)."""
    figure, (ax,) = new_figure(7.5, 4.0)
    view = ChainGradientView(ax, max_depth=20)

    def draw(depth: int, weight_scale: float, offset: float) -> str:
        gradients = view.update(depth, weight_scale, offset)
        return (
            f"last layer: <b>{gradients[-1]:.2e}</b><br>first layer: <b>{gradients[0]:.2e}</b><br>"
            f"shrinks by <b>{(gradients[0] / gradients[-1]) ** (1 / max(depth - 1, 1)):.3g}×</b> per layer"
        )

    sliders = [
        Slider("depth", "layers L", 1, 20, 1, depth, integer=True),
        Slider("weight_scale", "w", 0.1, 8.0, 0.1, weight_scale),
        # The chain is symmetric: offsets -s and s give the same gradients, so 0..6 shows everything.
        Slider("offset", "z offset", 0.0, 6.0, 0.1, offset),
    ]
    return Dashboard(figure, draw, sliders, live_artists=view.live_artists, title="How much gradient reaches layer 1?")


def initialisation_dashboard(init_scale: float = 0.1) -> Dashboard:
    """Choose the spread of the initial weights; see the weighted inputs and the learning curve (T3)."""
    figure, (left, right) = new_figure(11.0, 3.8, ncols=2)
    view = InitialisationView(left, right)

    def draw(init_scale: float) -> str:
        info = view.update(init_scale)
        return (
            f"spread of z: <b>{info['spread']:.2f}</b><br>saturated units: <b>{info['saturated']:.0%}</b><br>"
            f"cost after {view.epochs} epochs: <b>{info['final_loss']:.3f}</b>"
        )

    slider = Slider("init_scale", "scale", 0.01, 2.0, 0.01, init_scale)
    return Dashboard(figure, draw, [slider], live_artists=view.live_artists, title="Spread of the initial weights")


def cost_comparison_dashboard(w0: float = 2.0, b0: float = 2.0) -> Dashboard:
    """Choose where one neuron starts; compare learning under the quadratic and cross-entropy costs (T4)."""
    figure, (ax,) = new_figure(7.5, 3.6)
    view = CostComparisonView(ax)

    def draw(w0: float, b0: float) -> str:
        info = view.update(w0, b0)

        def epochs(value: int | None) -> str:
            return "not within 300" if value is None else str(value)

        return (
            f"start: a = {float(sigmoid(w0 + b0)):.3f}<br>epochs until a < 0.2:<br>"
            f"quadratic <b>{epochs(info['quadratic'])}</b>, cross-entropy <b>{epochs(info['cross_entropy'])}</b>"
        )

    sliders = [Slider("w0", "start w", -4.0, 4.0, 0.1, w0), Slider("b0", "start b", -4.0, 4.0, 0.1, b0)]
    return Dashboard(figure, draw, sliders, live_artists=view.live_artists, title="Start badly wrong, then learn.")


def zigzag_dashboard(centring: float = 0.0) -> Dashboard:
    """Shift positive inputs towards zero mean; watch the descent path straighten (T5)."""
    figure, (ax,) = new_figure(6.0, 5.0)
    view = ZigzagView(ax)

    def draw(centring: float) -> str:
        info = view.update(centring)
        return (
            f"smallest input: {info['min_input']:+.2f}<br>"
            f"steps moving both weights the same way: <b>{info['same_sign']:.0%}</b>"
        )

    slider = Slider("centring", "centring", 0.0, 1.0, 0.05, centring)
    return Dashboard(
        figure, draw, [slider], live_artists=view.live_artists, title="0 = all inputs positive, 1 = centred"
    )


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
    histories = {decay: train_sigmoid_neuron(X, y, epochs=epochs, lr=lr, weight_decay=decay) for decay in decays}
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


def all_dashboards() -> dict[str, Callable[[], Dashboard]]:
    """Every dashboard the notebooks use, by name, as the notebooks build them (for tests and benchmarks)."""
    from .datasets import two_circles, two_clusters, weight_scaling_data, xor_data
    from .live.network import layer_gradient_dashboard, learning_rate_dashboard
    from .maths.network import SWEEP_ETAS, init_network, learning_rate_sweep

    clusters = two_clusters()
    scaling_data = weight_scaling_data()
    xor = logic_gate("XOR")
    return {
        "reference": reference_dashboard,
        "neuron_curve": neuron_curve_dashboard,
        "decision_line": lambda: decision_line_dashboard(*clusters),
        "gate": lambda: decision_line_dashboard(None, None, gate="AND", w=(0.5, 0.5), b=0.0),
        "perceptron_training": lambda: perceptron_training_dashboard(*clusters, train_perceptron(*clusters, epochs=30)),
        "perceptron_training_xor": lambda: perceptron_training_dashboard(*xor, train_perceptron(*xor, epochs=12)),
        "fix_one": fix_one_dashboard,
        "nudge": lambda: nudge_dashboard(np.array([1.0, 0.5]), np.array([0.8, -0.6]), -0.5, span=0.2),
        "nudge_sigmoid": lambda: nudge_dashboard(
            np.array([1.0, 0.5]), np.array([0.8, -0.6]), -0.5, span=2.0, show_sigmoid=True
        ),
        "sigmoid_plane": lambda: decision_line_dashboard(*clusters, activation="sigmoid"),
        "saturation": saturation_dashboard,
        "vanishing_gradient": vanishing_gradient_dashboard,
        "initialisation": initialisation_dashboard,
        "cost_comparison": cost_comparison_dashboard,
        "zigzag": zigzag_dashboard,
        "scaling": lambda: scaling_dashboard(*scaling_data),
        "training_scrub": lambda: training_scrub_dashboard(
            *scaling_data,
            train_sigmoid_neuron(*scaling_data, epochs=100_000, lr=1.0),
            max_margin_direction(*scaling_data),
        ),
        "weight_decay": lambda: weight_decay_dashboard(*scaling_data),
        "learning_rate": lambda: learning_rate_dashboard(
            *xor_data(),
            SWEEP_ETAS,
            learning_rate_sweep(init_network((2, 2, 1), seed=0), *xor_data(), SWEEP_ETAS, epochs=2000),
        ),
        "layer_gradients": lambda: layer_gradient_dashboard(*two_circles(100, 0.1, seed=0)),
    }
