"""Pictures for notebook 06: digit images, weights as images, train versus test, confidence, confusions.

As elsewhere in the series, a *view* builds its artists once and ``update`` changes
their data; a ``plot_*`` function draws a view once for a static figure, and the
dashboards in ``helpers.live.digits`` move the same views.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection, QuadMesh
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.figure import Figure

from ..maths.digits import PIXELS, SIDE, as_image
from .style import (
    BLACK,
    BLUE,
    FIGURE_DPI,
    GREY,
    ORANGE,
    RC,
    new_figure,
    style_axes,
)

#: Ink on paper: 0 is white, 1 is black.
INK_CMAP = "gray_r"


#: Weights: orange (negative) through white (0) to blue (positive), the class colours of the series.
#: A pixel drawn blue pushes the neuron towards 1, an orange one towards 0.
WEIGHT_CMAP = LinearSegmentedColormap.from_list("weights", [ORANGE, "#FFFFFF", BLUE])


#: Thumbnails in a mosaic: 8 pixels, a 1-pixel frame around them and a 1-pixel gap.
_CELL = SIDE + 3


def a_digit(name: str) -> str:
    """``name`` with its indefinite article, as it is read aloud: "a 1", "an 8"."""
    return f"an {name}" if name.startswith("8") else f"a {name}"


def figure_with_widths(width: float, height: float, widths: tuple[float, ...]) -> tuple[Figure, list[Axes]]:
    """Like ``new_figure`` with one row of axes, whose widths are in the proportions ``widths``."""
    import matplotlib as mpl

    with mpl.rc_context(RC):
        figure = Figure(figsize=(width, height), dpi=FIGURE_DPI, layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.subplots(1, len(widths), width_ratios=widths, squeeze=False).ravel().tolist()
    for ax in axes:
        style_axes(ax)
    return figure, axes


def log_spaced_epochs(last: int, points: int = 300) -> np.ndarray:
    """About ``points`` whole epochs from 1 to ``last``, evenly spaced on a log axis (enough for a smooth curve)."""
    return np.unique(np.round(np.logspace(0.0, np.log10(max(last, 1)), points)).astype(int))


def pixel_mesh(ax: Axes, picture: np.ndarray, **style) -> QuadMesh:
    """Draw a picture, one square per pixel and row 0 at the top; ``set_array`` changes it later.

    ``picture`` has shape (rows, cols) for a colour map, or (rows, cols, 3) for RGB. A mesh of
    squares redraws many times faster than ``imshow``'s resampled image, which a live dashboard needs.
    """
    rows, cols = picture.shape[:2]
    mesh = ax.pcolormesh(np.arange(cols + 1) - 0.5, np.arange(rows + 1) - 0.5, picture, **style)
    ax.set_xlim(-0.5, cols - 0.5)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_aspect("equal")
    return mesh


def _image_axes(ax: Axes, xlabel: str = "pixel column", ylabel: str = "pixel row") -> None:
    """An axes that shows one 8 x 8 image: pixel ticks, a full frame, no grid."""
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(True)
    ax.set_xticks(range(0, SIDE, 2))
    ax.set_yticks(range(0, SIDE, 2))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)


def _bare(ax: Axes) -> None:
    """An axes for a small thumbnail: no ticks, no grid, no frame."""
    ax.grid(False)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


def plot_digit_grid(X: np.ndarray, labels: np.ndarray, indices: np.ndarray, *, ncols: int = 10) -> Figure:
    """Static figure: the images ``indices`` in a grid, each with its label above it.

    The grid is one picture on one axes (drawing dozens of small axes is slow).
    """
    chosen = np.asarray(indices, dtype=int)
    nrows = int(np.ceil(chosen.size / ncols))
    band, width = SIDE + 4, SIDE + 2  # each place: a strip for the label, the image, a margin
    picture = np.zeros((nrows * band, ncols * width))
    for place, index in enumerate(chosen):
        row, col = divmod(place, ncols)
        picture[row * band + 3 : row * band + 3 + SIDE, col * width + 1 : col * width + 1 + SIDE] = as_image(X[index])
    figure, (ax,) = new_figure(0.95 * ncols, 1.25 * nrows)
    pixel_mesh(ax, picture, cmap=INK_CMAP, vmin=0.0, vmax=1.0)
    _bare(ax)
    for place, index in enumerate(chosen):
        row, col = divmod(place, ncols)
        ax.text(col * width + width / 2 - 0.5, row * band + 1.2, f"{labels[index]}", ha="center", va="center")
    return figure


class ImageInputsView:
    """One image two ways: the 8 x 8 picture, and its 64 inputs x_j as bars.

    With ``write_values`` each pixel's value is also written in its square (clear in a
    static figure, but 64 texts are too slow to redraw at every slider step).
    """

    def __init__(self, image_ax: Axes, inputs_ax: Axes, *, write_values: bool = False) -> None:
        self.picture = pixel_mesh(image_ax, np.zeros((SIDE, SIDE)), cmap=INK_CMAP, vmin=0.0, vmax=1.0)
        rows, cols = np.divmod(np.arange(PIXELS), SIDE)
        self.values = (
            [image_ax.text(c, r, "", ha="center", va="center", fontsize=7.5) for r, c in zip(rows, cols, strict=True)]
            if write_values
            else []
        )
        _image_axes(image_ax)
        self.title = image_ax.set_title(" ")
        for row in range(1, SIDE):  # where one row of the picture ends and the next begins
            inputs_ax.axvline(SIDE * row + 0.5, color=GREY, linewidth=0.8, linestyle=":", zorder=1.8)
        # One collection of 64 bars: a single artist redraws much faster than 64 rectangles.
        self.left = np.arange(1, PIXELS + 1) - 0.42
        self.bars = PolyCollection(self._bar_outlines(np.zeros(PIXELS)), facecolors=BLUE, edgecolors="none", zorder=2)
        inputs_ax.add_collection(self.bars)
        inputs_ax.set_xlim(0.3, PIXELS + 0.7)
        inputs_ax.set_ylim(0.0, 1.05)
        inputs_ax.set_xticks([1, *range(SIDE, PIXELS + 1, SIDE)])
        inputs_ax.set_xlabel("input $j$ (row by row: $j = 8 \\times$ row $+$ column $+ 1$)")
        inputs_ax.set_ylabel("input $x_j$ = ink / 16")
        inputs_ax.set_title("The same image as 64 inputs $x_1, \\dots, x_{64}$")
        self.live_artists = [self.picture, *self.values, self.title, self.bars]

    def _bar_outlines(self, heights: np.ndarray) -> np.ndarray:
        """The four corners of each bar, shape (64, 4, 2)."""
        right = self.left + 0.84
        zeros = np.zeros_like(heights)
        xs = np.column_stack([self.left, self.left, right, right])
        ys = np.column_stack([zeros, heights, heights, zeros])
        return np.stack([xs, ys], axis=-1)

    def update(self, x: np.ndarray, label: int) -> None:
        """Show the input vector ``x`` (64 values in [0, 1]) of an image of the digit ``label``."""
        self.picture.set_array(as_image(x))
        for text, value in zip(self.values, x, strict=False):  # no texts unless write_values
            text.set_text(f"{value:.2f}".removeprefix("0") if 0 < value < 1 else f"{value:.0f}")
            text.set_color("white" if value > 0.5 else BLACK)
        self.title.set_text(f"The digit {label} as 8 x 8 pixels")
        self.bars.set_verts(self._bar_outlines(np.asarray(x, dtype=np.float64)))


def plot_image_and_inputs(X: np.ndarray, labels: np.ndarray, index: int) -> Figure:
    """Static figure: image ``index`` with its pixel values written in, and the same numbers as the input vector."""
    figure, (image_ax, inputs_ax) = figure_with_widths(11.0, 3.9, (1.0, 1.9))
    ImageInputsView(image_ax, inputs_ax, write_values=True).update(X[index], int(labels[index]))
    return figure


def plot_weight_images(weights: dict[str, np.ndarray]) -> Figure:
    """Static figure: each weight vector as an 8 x 8 image, centred on 0 (white), with its own colour bar.

    Blue pixels push the neuron's output towards 1, orange ones towards 0.
    """
    figure, axes = new_figure(4.2 * len(weights), 3.8, ncols=len(weights))
    for ax, (name, w) in zip(axes, weights.items(), strict=True):
        reach = float(np.max(np.abs(w))) or 1.0
        shown = pixel_mesh(ax, as_image(w), cmap=WEIGHT_CMAP, vmin=-reach, vmax=reach)
        _image_axes(ax)
        ax.set_title(name)
        figure.colorbar(shown, ax=ax, fraction=0.046, pad=0.04, label="weight $w_j$")
    return figure


def mosaic(images: np.ndarray, frames: list[str], *, rows: int, cols: int) -> np.ndarray:
    """Thumbnails in a grid as one RGB picture: each image in ink on white, inside a frame of its colour.

    Empty places stay white.  ``images`` has shape (k, 64), ``frames`` one colour per image;
    at most ``rows * cols`` are drawn.
    """
    picture = np.ones((rows * _CELL, cols * _CELL, 3))
    for place, (image, colour) in enumerate(zip(images[: rows * cols], frames, strict=False)):
        top, left = (place // cols) * _CELL + 1, (place % cols) * _CELL + 1
        picture[top : top + SIDE + 2, left : left + SIDE + 2] = to_rgb(colour)
        ink = 1.0 - as_image(image)[:, :, None]
        picture[top + 1 : top + 1 + SIDE, left + 1 : left + 1 + SIDE] = ink
    return picture
