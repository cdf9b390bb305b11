"""Dashboards for notebook 01 (and the 2-D plane of 02): the decision line, gates, the rule, the nudge."""

from __future__ import annotations

import numpy as np

from ..figures.perceptron import label_target
from ..figures.style import VERMILION, new_figure
from ..figures.views import DecisionPlaneView, HistoryMarkerView, OutputVersusWeightView
from ..maths.datasets import fix_one_break_another
from ..maths.neuron import sigmoid_prime
from ..maths.perceptron import PerceptronHistory, fix_one_example, logic_gate, truth_table
from .controls import Slider
from .dashboard import Dashboard
from .sharing import shareable


def _truth_table_html(rows: list[tuple[tuple[int, int], float, float, float]]) -> str:
    cells = "".join(
        f"<tr><td>{x1}</td><td>{x2}</td><td>{z:+.2f}</td><td>{out:.0f}</td><td>{want:.0f}</td>"
        f"<td>{'✓' if out == want else '✗'}</td></tr>"
        for (x1, x2), z, out, want in rows
    )
    return f"<table><tr><th>x₁</th><th>x₂</th><th>z</th><th>output</th><th>wanted</th><th></th></tr>{cells}</table>"


@shareable
def decision_line_dashboard(
    X: np.ndarray,
    y: np.ndarray,
    *,
    weight_range: float = 3.0,
    bias_range: float = 6.0,
    activation: str = "step",
    gate: str | None = None,
) -> Dashboard:
    """Drag w1, w2 and b; the line ``w . x + b = 0`` moves and the points are recoloured.

    With ``gate`` set, the data are that gate's truth table and the readout is the table.
    The sliders start at w1 = w2 = 1, b = -3 unless told otherwise (``w1=0.5, w2=-0.5, b=0.0``).
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
        Slider("w1", "w₁", -weight_range, weight_range, 0.05, 1.0),
        Slider("w2", "w₂", -weight_range, weight_range, 0.05, 1.0),
        Slider("b", "b", -bias_range, bias_range, 0.05, -3.0),
    ]
    hint = f"Find weights that compute {gate.upper()}." if gate else "Move the line until no point is ringed."
    return Dashboard(figure, draw, sliders, live_artists=view.live_artists, title=hint)


@shareable
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


@shareable
def fix_one_dashboard() -> Dashboard:
    """Move (w, b) along the perceptron rule's step for one wrong point; watch others break."""
    X, y, w, b, index = fix_one_break_another()
    figure, (ax,) = new_figure(7.0, 4.2)
    view = DecisionPlaneView(ax, X, y)
    target = label_target(ax, X[index])  # live, so the redrawn background never covers it

    def draw(eta: float) -> str:
        new_w, new_b = fix_one_example(X, y, w, b, index, eta)
        info = view.update(*new_w, new_b)
        fixed = info["outputs"][index] == y[index]
        broken = int(np.sum((info["outputs"] != y) & (np.arange(len(y)) != index)))
        return f"target point: <b>{'right' if fixed else 'still wrong'}</b><br>other points now wrong: <b>{broken}</b>"

    slider = Slider("eta", "η", 0.0, 1.0, 0.01, 0.0)
    live = [*view.live_artists, target]
    return Dashboard(figure, draw, [slider], live_artists=live, title="Nudge the line to fix one point.")


@shareable
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
