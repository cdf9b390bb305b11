"""Projector mode: ``helpers.presentation()`` makes every figure and dashboard drawn afterwards readable in a hall.

Static figures are enlarged (see :mod:`helpers.figures.projector`) just before IPython
turns them into an image: their display formatters are wrapped. Dashboards are
enlarged once, when they are built (:class:`~helpers.live.dashboard.Dashboard` calls
:func:`dress_for_projector` before its first frame fixes the layout), so a frame costs
what it did, apart from the larger picture. Their widgets get larger text from a style
that travels inside the dashboard's own widget, so it works wherever that widget is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..figures.projector import enlarge, set_presenting

if TYPE_CHECKING:
    from .dashboard import Dashboard

CSS_CLASS = "neurons-projector"


# ipywidgets 8 (and 7) size their text and controls from these variables; set on the dashboard, they reach
# every widget inside it and nothing outside. 22 px is a little over 16 pt (21.3 px).
STYLE = f"""<style>
.{CSS_CLASS} {{
  --jp-widgets-font-size: 22px;
  --jp-widgets-inline-height: 40px;
  --jp-widgets-inline-label-width: 140px;
  --jp-widgets-slider-handle-size: 24px;
  --jp-widgets-slider-track-thickness: 6px;
  font-size: 22px;
}}
.{CSS_CLASS} .widget-readout, .{CSS_CLASS} .jupyter-widget-readout {{ max-width: 200px; }}
</style>"""


FIGURE_FORMATS = ("image/png", "image/jpeg", "image/svg+xml", "application/pdf")


class EnlargingFormatter:
    """A figure display formatter that enlarges the figure for the projector, then formats it as before."""

    def __init__(self, original) -> None:
        self.original = original

    def __call__(self, figure: Figure, *args: Any, **kwargs: Any):
        return self.original(enlarge(figure), *args, **kwargs)


def presentation(on: bool = True, shell=None) -> None:
    """Switch projector mode on (or off, with ``False``) for every figure and dashboard drawn from now on.

    Idempotent: a second call with the same ``on`` changes nothing. ``shell`` is the IPython
    shell whose figure display to wrap (the running one if not given; none outside IPython).
    """
    set_presenting(on)
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    if shell is not None:
        wrap_figure_formatters(shell.display_formatter.formatters, on)
    if on:
        print("Projector mode on: figures and dashboards drawn from now on are larger (presentation(False) ends it).")
    else:
        print("Projector mode off: figures and dashboards drawn from now on have their usual size.")


def wrap_figure_formatters(formatters: dict, on: bool) -> None:
    """Wrap (``on``) or unwrap every figure formatter IPython has, at most once."""
    for mime in FIGURE_FORMATS:
        formatter = formatters.get(mime)
        if formatter is None:
            continue
        try:
            current = formatter.lookup_by_type(Figure)
        except KeyError:  # this format is not used for figures
            continue
        if on and not isinstance(current, EnlargingFormatter):
            formatter.for_type(Figure, EnlargingFormatter(current))
        elif not on and isinstance(current, EnlargingFormatter):
            formatter.for_type(Figure, current.original)


def dress_for_projector(dashboard: Dashboard) -> None:
    """Projector mode for one dashboard, once, before its first frame: larger figure, image and widget text."""
    enlarge(dashboard.figure)
    width, height = dashboard.figure.canvas.get_width_height()  # whole pixels, as the PNG will have them
    dashboard.image.layout.width, dashboard.image.layout.height = f"{width}px", f"{height}px"
    dashboard.widget.add_class(CSS_CLASS)
    style = widgets.HTML(STYLE, layout=widgets.Layout(display="none"))
    dashboard.widget.children = (*dashboard.widget.children, style)
