"""One look for every figure in the series.

Colours come from the Okabe-Ito palette, which stays distinguishable for the
common forms of colour blindness.  Classes are told apart by marker shape too,
so a picture still reads in grey scale.
"""

from __future__ import annotations

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from .png import show_figures_compactly

# Okabe & Ito (2008), "Color Universal Design".
BLUE = "#0072B2"


ORANGE = "#E69F00"


SKY = "#56B4E9"


GREEN = "#009E73"


VERMILION = "#D55E00"


PURPLE = "#CC79A7"


YELLOW = "#F0E442"


BLACK = "#000000"


GREY = "#7F7F7F"


CLASS_MARKERS = {0: "s", 1: "o"}


#: Outputs in [0, 1]: orange (0) through white (0.5) to blue (1), the class colours.
OUTPUT_CMAP = LinearSegmentedColormap.from_list("neuron_output", [ORANGE, "#FFFFFF", BLUE])


#: The same, blended half-way to white, for backgrounds behind data points.  It is
#: opaque on purpose: a live image must fully cover its previous frame.
PALE_OUTPUT_CMAP = LinearSegmentedColormap.from_list("neuron_output_pale", ["#F6DB9F", "#FFFFFF", "#A3CCE6"])


FIGURE_DPI = 100


RC = {
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 9,
    "legend.framealpha": 0.9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "lines.linewidth": 2.0,
}


def new_figure(
    width: float = 6.4,
    height: float = 4.0,
    ncols: int = 1,
    nrows: int = 1,
    height_ratios: tuple[float, ...] | None = None,
) -> tuple[Figure, list[Axes]]:
    """Make a figure that belongs to no pyplot state, with the series' style.

    Returns the figure and a flat list of its axes (``height_ratios``: one per row).
    A figure made here is displayed by writing it as the last line of a cell, and
    redrawn by the dashboards without re-creating it.
    """
    with mpl.rc_context(RC):
        figure = Figure(figsize=(width, height), dpi=FIGURE_DPI, layout="constrained")
        FigureCanvasAgg(figure)
        grid = {"height_ratios": height_ratios} if height_ratios else None
        axes = figure.subplots(nrows, ncols, squeeze=False, gridspec_kw=grid).ravel().tolist()
    for ax in axes:
        style_axes(ax)
    show_figures_compactly()
    return figure, axes


def style_axes(ax: Axes) -> None:
    """Apply the series' axes style (rc_context does not reach axes made later)."""
    ax.grid(True, alpha=RC["grid.alpha"])
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.tick_params(labelsize=RC["xtick.labelsize"])


def legend_above(ax: Axes, ncol: int = 2) -> None:
    """A one-row legend just above the axes: it never covers data, so live frames need not redraw it.

    Give such an axes' title ``pad=TITLE_PAD_OVER_LEGEND`` so the two do not overlap.
    """
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.01), ncol=ncol, borderaxespad=0.0)


TITLE_PAD_OVER_LEGEND = 30


LEGEND_ROW_PAD = 14
"""What a title's pad grows by for each more row of a legend above the axes (a 9 pt row with its spacing)."""
