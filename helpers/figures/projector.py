"""Projector mode for figures: the same picture, readable from the back of a lecture hall.

A figure is shown one image pixel to one CSS pixel, so a text of ``s`` points in a
figure of ``dpi`` pixels per inch is ``s * dpi / 72`` CSS pixels tall. :func:`enlarge`
takes a finished figure and

- magnifies it: its dpi grows by ``MAGNIFY``, as far as ``MAX_WIDTH_PX`` allows (never
  down), so the whole picture, its layout included, is simply larger;
- scales every text by the gain that brings the series' tick labels (``TICK_POINTS``) to
  16 pt as a browser shows it (``MIN_TEXT_PX``), so titles stay larger than ticks, and
  raises any text still smaller than that to it (the gap from titles to legends above
  the axes grows by the same gain);
- makes lines ``LINE_SCALE`` and markers ``MARKER_SCALE`` times thicker, in points.

Artists and data are left alone: the lesson on the screen is the one in the notebook.
"""

from __future__ import annotations

import weakref

from matplotlib.axis import Axis
from matplotlib.collections import Collection, PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Annotation, Text

from .style import RC

MIN_TEXT_PX = 16 * 96 / 72


TICK_POINTS = RC["xtick.labelsize"]


MAGNIFY = 1.6


MAX_WIDTH_PX = 1700  # what JupyterLab, projected at 1920 px, shows of a cell's output without scrolling


LINE_SCALE = 1.5


MARKER_SCALE = 1.3


_MODE = {"on": False}
_ENLARGED: weakref.WeakSet[Figure] = weakref.WeakSet()


def presenting() -> bool:
    """True while projector mode is on (``helpers.presentation()``)."""
    return _MODE["on"]


def set_presenting(on: bool) -> None:
    """Switch projector mode for figures and dashboards drawn from now on."""
    _MODE["on"] = bool(on)


def projector_dpi(figure: Figure) -> float:
    """The figure's dpi in projector mode: ``MAGNIFY`` times larger, at most ``MAX_WIDTH_PX`` wide, never smaller."""
    return max(figure.dpi, min(figure.dpi * MAGNIFY, MAX_WIDTH_PX / figure.get_figwidth()))


def smallest_text_points(dpi: float) -> float:
    """The text size, in points, that a figure of this dpi shows as ``MIN_TEXT_PX`` CSS pixels."""
    return MIN_TEXT_PX * 72 / dpi


def tick_parts(figure: Figure) -> set[int]:
    """The ids of every tick's line, label and grid line: the axes' tick settings size them, also for new ticks."""
    return {
        id(part)
        for axis in _axes_axes(figure)
        for tick in (*axis.majorTicks, *axis.minorTicks)
        for part in tick.get_children()
    }


def _axes_axes(figure: Figure) -> list[Axis]:
    return [axis for ax in figure.axes for axis in (ax.xaxis, ax.yaxis)]


def enlarge(figure: Figure) -> Figure:
    """Projector mode for one finished figure, in place and once (a second call changes nothing); returns it."""
    if figure in _ENLARGED:
        return figure
    _ENLARGED.add(figure)
    dpi = projector_dpi(figure)
    smallest = smallest_text_points(dpi)
    gain = smallest / TICK_POINTS

    def text_size(points: float) -> float:
        return max(points * gain, smallest)

    artists = figure.findobj()  # this makes the ticks each axis shows now, so the next line sees them all
    skip = tick_parts(figure)
    for axis in _axes_axes(figure):
        _enlarge_ticks(axis, text_size)
    for ax in figure.axes:
        _scale_title_pad(ax, gain)
    for artist in artists:
        if id(artist) in skip:
            continue
        if isinstance(artist, Text):
            artist.set_fontsize(text_size(artist.get_fontsize()))
            if isinstance(artist, Annotation) and artist.arrow_patch is not None:
                artist.arrow_patch.set_linewidth(artist.arrow_patch.get_linewidth() * LINE_SCALE)
        elif isinstance(artist, Line2D):
            artist.set_linewidth(artist.get_linewidth() * LINE_SCALE)
            artist.set_markeredgewidth(artist.get_markeredgewidth() * LINE_SCALE)
            artist.set_markersize(artist.get_markersize() * MARKER_SCALE)
        elif isinstance(artist, Collection):
            artist.set_linewidths(artist.get_linewidths() * LINE_SCALE)
            if isinstance(artist, PathCollection):  # scatter: sizes are areas
                artist.set_sizes(artist.get_sizes() * MARKER_SCALE**2)
        elif isinstance(artist, Patch):
            artist.set_linewidth(artist.get_linewidth() * LINE_SCALE)
    figure.set_dpi(dpi)
    return figure


def _enlarge_ticks(axis: Axis, text_size) -> None:
    """Larger tick labels, longer and thicker tick marks and thicker grid lines, for these ticks and later ones."""
    for which, ticks in (("major", axis.majorTicks), ("minor", axis.minorTicks)):
        tick = ticks[0]
        axis.set_tick_params(
            which=which,
            labelsize=text_size(tick.label1.get_fontsize()),
            length=tick.tick1line.get_markersize() * LINE_SCALE,
            width=tick.tick1line.get_markeredgewidth() * LINE_SCALE,
            grid_linewidth=tick.gridline.get_linewidth() * LINE_SCALE,
        )


def _scale_title_pad(ax, gain: float) -> None:
    """Move the titles up by the gain of the text below them (matplotlib keeps the pad in a private transform)."""
    offset = getattr(ax, "titleOffsetTrans", None)
    if offset is not None and hasattr(ax, "_set_title_offset_trans"):
        ax._set_title_offset_trans(offset.get_matrix()[1, 2] * 72 / ax.figure.dpi * gain)
