"""Stored figures are compact: a palette PNG that looks like matplotlib's own, in a fraction of the bytes."""

from __future__ import annotations

import base64
import io
import subprocess
import sys
import textwrap

import matplotlib
import numpy as np
import PIL.Image

from helpers.figures.png import compact_picture, compact_png, figure_png, tight_picture
from helpers.figures.scaling import plot_scaling
from helpers.maths.datasets import weight_scaling_data


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(PIL.Image.open(io.BytesIO(png)).convert("RGB"), dtype=float)


def test_a_figure_is_stored_as_a_palette_png_that_looks_the_same_in_a_fraction_of_the_bytes():
    figure = plot_scaling(*weight_scaling_data(), scales=(0.5, 1.0, 4.0, -1.0))  # notebook 04's heaviest
    full = io.BytesIO()
    figure.savefig(full, format="png", bbox_inches="tight", facecolor="white")
    compact = base64.b64decode(figure_png(figure))
    assert PIL.Image.open(io.BytesIO(compact)).mode == "P"
    assert len(compact) < 0.5 * len(full.getvalue())
    before, after = pixels(full.getvalue()), pixels(compact)
    assert before.shape == after.shape  # savefig's box: what is drawn, and a margin
    assert (after == 255).all(axis=-1).sum() >= 0.99 * (before == 255).all(axis=-1).sum()  # white stays white
    # The figure as matplotlib draws it, but for the palette, moved by whole pixels into a margin of white.
    canvas = np.asarray(figure.canvas.buffer_rgba(), dtype=float)[..., :3]
    reach = round(matplotlib.rcParams["savefig.pad_inches"] * figure.dpi)
    shifts = [(top, left) for top in range(reach + 1) for left in range(reach + 1)]
    height, width = min(canvas.shape[0], after.shape[0] - reach), min(canvas.shape[1], after.shape[1] - reach)
    error = {
        (top, left): np.abs(after[top : top + height, left : left + width] - canvas[:height, :width]).mean()
        for top, left in shifts
    }
    top, left = min(error, key=error.get)
    assert error[top, left] < 1.0  # of 255: the eye sees no difference
    assert (after[:top] == 255).all() and (after[:, :left] == 255).all()
    for axis in (0, 1):  # and where savefig puts it, to a few pixels (savefig draws shifted by a fraction of one)
        inked = [np.flatnonzero((picture < 250).any(axis=-1).any(axis=1 - axis)) for picture in (before, after)]
        assert abs(inked[0][0] - inked[1][0]) <= 3 and abs(inked[0][-1] - inked[1][-1]) <= 3


def test_a_figure_that_draws_outside_its_edges_is_cut_where_savefig_cuts():
    figure = plot_scaling(*weight_scaling_data(), scales=(1.0,))
    figure.text(1.05, 0.5, "beyond the right edge")
    full = io.BytesIO()
    figure.savefig(full, format="png", bbox_inches="tight", facecolor="white")
    wide = tight_picture(figure)
    assert wide.size == PIL.Image.open(io.BytesIO(full.getvalue())).size
    assert wide.size[0] > figure.get_figwidth() * figure.dpi


def test_a_transparent_picture_is_put_on_white():
    clear = PIL.Image.new("RGBA", (4, 3), (0, 0, 0, 0))
    buffer = io.BytesIO()
    clear.save(buffer, format="png")
    assert (pixels(compact_png(buffer.getvalue())) == 255).all()
    assert (pixels(compact_picture(clear)) == 255).all()


def test_an_empty_figure_shows_nothing():
    from matplotlib.figure import Figure

    assert figure_png(Figure()) is None


def test_show_figures_compactly_takes_over_from_matplotlib_inline_only():
    """In a real IPython shell: after %matplotlib inline a new figure shows compactly; without it nothing changes."""
    script = textwrap.dedent(
        """
        from IPython.core.interactiveshell import InteractiveShell
        from IPython.core.pylabtools import select_figure_formats
        from matplotlib.figure import Figure
        from helpers.figures.png import figure_png, show_figures_compactly
        from helpers.figures.style import new_figure

        shell = InteractiveShell.instance()
        png = shell.display_formatter.formatters["image/png"]
        show_figures_compactly()
        try:
            png.lookup_by_type(Figure)
            raise SystemExit("a printer appeared without %matplotlib inline")
        except KeyError:
            pass
        select_figure_formats(shell, {"png"})  # what %matplotlib inline does for figures
        figure, (ax,) = new_figure()
        ax.plot([0, 1], [0, 1], label="a line")
        assert png.lookup_by_type(Figure) is figure_png
        data, _ = shell.display_formatter.format(figure)
        assert data["image/png"] == figure_png(figure)
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().endswith("ok"), result.stdout + result.stderr
