"""Dashboards for notebooks 00 and 02: the one-input neuron."""

from __future__ import annotations

from ..figures.style import new_figure
from ..figures.views import NeuronCurveView
from .dashboard import Dashboard, Slider, _number


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
