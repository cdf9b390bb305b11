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

import matplotlib as mpl
import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


def compact_png(png: bytes, colours: int = 256) -> bytes:
    """``png`` re-encoded small: a palette of ``colours`` colours, on white (see :func:`compact_picture`)."""
    return compact_picture(PIL.Image.open(io.BytesIO(png)), colours)


def compact_picture(picture: PIL.Image.Image, colours: int = 256) -> bytes:
    """``picture`` as a small PNG: a palette of ``colours`` colours, on white.

    Median cut keeps white white (the faster octree makes it grey); no dithering, so flat
    areas stay flat. Takes 50-100 ms for a figure, so it is for pictures that are kept.
    """
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
    return base64.b64encode(compact_picture(tight_picture(figure))).decode("ascii")


def tight_picture(figure: Figure) -> PIL.Image.Image:
    """``figure`` drawn once and cut to what is drawn, with a margin of ``savefig.pad_inches``, on white.

    What ``savefig(bbox_inches="tight")`` shows, in one draw instead of two (it draws once to find the
    box, then again shifted by a fraction of a pixel). A figure that draws outside its own edges gets savefig's.
    """
    canvas = figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
    canvas.draw()
    dpi, (width, height) = figure.dpi, canvas.get_width_height()
    drawn = figure.get_tightbbox(canvas.get_renderer())
    if drawn.x0 < 0 or drawn.y0 < 0 or drawn.x1 * dpi > width + 0.5 or drawn.y1 * dpi > height + 0.5:
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", bbox_inches="tight", facecolor="white")
        return PIL.Image.open(io.BytesIO(buffer.getvalue()))
    box = drawn.padded(mpl.rcParams["savefig.pad_inches"])
    size = (int(box.width * dpi), int(box.height * dpi))  # the size savefig gives
    # The figure's top-left corner in the cut picture, to the nearest pixel (image rows run downwards).
    left, top = round(-box.x0 * dpi), round(size[1] - height + box.y0 * dpi)
    drawing = PIL.Image.fromarray(np.asarray(canvas.buffer_rgba()), "RGBA")
    picture = PIL.Image.new("RGBA", size, "white")
    picture.alpha_composite(drawing.crop((-left, -top, size[0] - left, size[1] - top)))
    return picture


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
