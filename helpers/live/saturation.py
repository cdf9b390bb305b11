"""Dashboards for notebook 03: saturation, vanishing gradients, initialisation, costs, zig-zags."""

from __future__ import annotations

from ..figures.saturation import ChainGradientView, CostComparisonView, InitialisationView, SaturationView, ZigzagView
from ..maths.neuron import SIGMOID_PEAK_SLOPE, sigmoid
from ..maths.saturation import SATURATION_THRESHOLD
from .controls import Slider
from .dashboard import Dashboard, dashboard_from_view
from .sharing import shareable


@shareable
def saturation_dashboard() -> Dashboard:
    """Slide z along the sigmoid; read its slope fall away in the tails (curriculum T1)."""

    def readout(info: dict, z: float) -> str:
        state = "saturated" if abs(z) > SATURATION_THRESHOLD else "responsive"
        return (
            f"σ(z) = <b>{info['sigma']:.4f}</b><br>σ'(z) = <b>{info['slope']:.2e}</b> "
            f"({info['slope'] / SIGMOID_PEAK_SLOPE:.1%} of the peak)<br>{state}"
        )

    slider = Slider("z", "z", -10.0, 10.0, 0.1, 0.0)
    return dashboard_from_view((7.5, 3.6), SaturationView, [slider], readout, title="Move z into the tails.")


@shareable
def vanishing_gradient_dashboard() -> Dashboard:
    """Choose the depth of a chain of sigmoid units and its weights; see the gradient at each layer (T2)."""

    def readout(gradients, depth: int, weight_scale: float, offset: float) -> str:
        return (
            f"last layer: <b>{gradients[-1]:.2e}</b><br>first layer: <b>{gradients[0]:.2e}</b><br>"
            f"each layer multiplies it by <b>{(gradients[0] / gradients[-1]) ** (1 / max(depth - 1, 1)):.3g}</b>"
        )

    sliders = [
        Slider("depth", "layers L", 1, 20, 1, 8, integer=True),
        Slider("weight_scale", "w", 0.1, 8.0, 0.1, 1.0),
        # The chain is symmetric: offsets -s and s give the same gradients, so 0..6 shows everything.
        Slider("offset", "z offset", 0.0, 6.0, 0.1, 0.0),
    ]
    return dashboard_from_view(
        (7.5, 4.0),
        lambda ax: ChainGradientView(ax, max_depth=20),
        sliders,
        readout,
        title="How much gradient reaches layer 1?",
    )


@shareable
def initialisation_dashboard(epochs: int = 200) -> Dashboard:
    """Choose the spread of the initial weights; see the weighted inputs and the learning curve (T3)."""

    def readout(info: dict, init_scale: float) -> str:
        return (
            f"spread of z: <b>{info['spread']:.2f}</b><br>saturated units: <b>{info['saturated']:.0%}</b><br>"
            f"cost after {epochs} epochs: <b>{info['final_loss']:.3f}</b>"
        )

    slider = Slider("init_scale", "scale", 0.01, 2.0, 0.01, 0.1)
    return dashboard_from_view(
        (11.0, 3.8),
        lambda left, right: InitialisationView(left, right, epochs=epochs),
        [slider],
        readout,
        title="Spread of the initial weights",
        ncols=2,
    )


@shareable
def cost_comparison_dashboard() -> Dashboard:
    """Choose where one neuron starts; compare learning under the quadratic and cross-entropy costs (T4)."""

    def epochs(value: int | None) -> str:
        return "not within 300" if value is None else str(value)

    def readout(info: dict, w0: float, b0: float) -> str:
        return (
            f"start: a = {float(sigmoid(w0 + b0)):.3f}<br>epochs until a < 0.2:<br>"
            f"quadratic <b>{epochs(info['quadratic'])}</b>, cross-entropy <b>{epochs(info['cross_entropy'])}</b>"
        )

    sliders = [Slider("w0", "start w", -4.0, 4.0, 0.1, 2.0), Slider("b0", "start b", -4.0, 4.0, 0.1, 2.0)]
    return dashboard_from_view((7.5, 3.6), CostComparisonView, sliders, readout, title="Start badly wrong, then learn.")


@shareable
def zigzag_dashboard() -> Dashboard:
    """Shift positive inputs towards zero mean; watch the descent path straighten (T5)."""

    def readout(info: dict, centring: float) -> str:
        return (
            f"smallest input: {info['min_input']:+.2f}<br>"
            f"steps moving both weights the same way: <b>{info['same_sign']:.0%}</b>"
        )

    slider = Slider("centring", "centring", 0.0, 1.0, 0.05, 0.0)
    return dashboard_from_view((6.0, 5.0), ZigzagView, [slider], readout, title="0 = all inputs positive, 1 = centred")
