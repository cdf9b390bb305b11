"""The reference dashboard: one slider, one line. The latency bench measures every other dashboard against it."""

from __future__ import annotations

import numpy as np

from ..figures.style import BLUE, new_figure
from .controls import Slider
from .dashboard import Dashboard
from .sharing import shareable


@shareable
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
