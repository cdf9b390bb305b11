"""Every static figure in the notebooks is followed by one line that says what to notice in it."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def shows_image(cell) -> bool:
    return cell.cell_type == "code" and any("image/png" in output.get("data", {}) for output in cell.get("outputs", []))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_a_line_under_every_figure_says_what_to_notice(path):
    cells = nbformat.read(path, as_version=4).cells
    for cell, following in zip(cells, [*cells[1:], None], strict=True):
        if shows_image(cell):
            note = following.source if following is not None and following.cell_type == "markdown" else ""
            assert note.startswith("Notice"), f"{cell.id}: the markdown cell after the figure should say what to notice"
