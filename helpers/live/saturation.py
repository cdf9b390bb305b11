"""Dashboards for notebook 03: saturation, vanishing gradients, initialisation, costs, zig-zags."""

from __future__ import annotations

from ..figures.saturation import ChainGradientView, CostComparisonView, InitialisationView, SaturationView, ZigzagView
from ..figures.style import new_figure
from ..maths.neuron import sigmoid
from ..maths.saturation import SATURATION_THRESHOLD
from .dashboard import Dashboard, Slider


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
