"""Pictures that are kept, not streamed: compact PNGs for a notebook's stored figures.

A notebook stores every figure it shows. Ours are flat colours, smooth pale backgrounds and
anti-aliased lines, so a palette of 256 colours looks the same as full colour and takes a
quarter to a half of the bytes. :func:`figure_png` is how a static figure shows in a notebook
(the same picture ``%matplotlib inline`` would draw, in fewer bytes); new figures ask for it
through :func:`show_figures_compactly`.
"""

from __future__ import annotations

import base64
import functools
import io

import PIL.Image
from matplotlib.figure import Figure


def compact_png(png: bytes, colours: int = 256) -> bytes:
    """``png`` re-encoded small: a palette of ``colours`` colours, on white.

    Median cut keeps white white (the faster octree makes it grey); no dithering, so flat
    areas stay flat. Takes 50-100 ms for a figure, so it is for pictures that are kept.
    """
    picture = PIL.Image.open(io.BytesIO(png))
    if picture.mode in ("RGBA", "LA", "P"):
        white = PIL.Image.new("RGBA", picture.size, "white")
        picture = PIL.Image.alpha_composite(white, picture.convert("RGBA"))
    rgb = picture.convert("RGB")
    palette = rgb.quantize(colours, method=PIL.Image.Quantize.MEDIANCUT, dither=PIL.Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="png")
    return buffer.getvalue()


def figure_png(figure: Figure) -> str | None:
    """A static figure as a notebook shows it, base64-encoded: cropped to what is drawn, like
    ``%matplotlib inline``'s picture, but compact. ``None`` for a figure with nothing in it (nothing shows)."""
    if not figure.axes:
        return None
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight", facecolor="white")
    return base64.b64encode(compact_png(buffer.getvalue())).decode("ascii")


def show_figures_compactly() -> None:
    """In a notebook with ``%matplotlib inline``, show figures through :func:`figure_png` from now on.

    Only ``%matplotlib inline``'s own PNG printer is replaced: outside IPython, with another backend,
    or where something else (projector mode, say) already decides how figures show, nothing changes.
    """
    try:
        from IPython import get_ipython
        from IPython.core.pylabtools import print_figure
    except ImportError:  # not in IPython
        return
    shell = get_ipython()
    if shell is None:
        return
    formatter = shell.display_formatter.formatters["image/png"]
    try:
        current = formatter.lookup_by_type(Figure)
    except KeyError:  # %matplotlib inline was not run: figures do not show as PNG here
        return
    if isinstance(current, functools.partial) and current.func is print_figure:
        formatter.for_type(Figure, figure_png)
