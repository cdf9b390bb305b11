"""Dashboards for notebooks 00 and 02: the one-input neuron."""

from __future__ import annotations

from ..figures.views import NeuronCurveView
from .controls import Slider
from .dashboard import Dashboard, dashboard_from_view, number_or_none
from .sharing import shareable


@shareable
def neuron_curve_dashboard() -> Dashboard:
    """Drag the weight and bias of a one-input neuron; the S-curve shifts and steepens."""

    def readout(info: dict, w: float, b: float) -> str:
        return (
            f"boundary $x = -b/w$: <b>{number_or_none(info['boundary'])}</b><br>"
            f"slope of σ there: <b>{number_or_none(info['slope'])}</b>"
        )

    sliders = [Slider("w", "w", -10.0, 10.0, 0.1, 1.0), Slider("b", "b", -10.0, 10.0, 0.1, 0.0)]
    title = "Drag w to steepen or flip the curve, b to slide it sideways."
    return dashboard_from_view((7.5, 3.6), NeuronCurveView, sliders, readout, title=title)
