"""The dashboards the notebooks show: a view from ``plots`` plus sliders.

Each function returns a :class:`~helpers.widgets.Dashboard`.  Its ``figure`` is
the live figure and its draw function can be called directly in tests.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .plots import NeuronCurveView
from .style import BLUE, new_figure
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


def all_dashboards() -> dict[str, Callable[[], Dashboard]]:
    """Every dashboard the notebooks use, by name, with default arguments (for tests and benchmarks)."""
    return {
        "neuron_curve": neuron_curve_dashboard,
        "reference": reference_dashboard,
    }
