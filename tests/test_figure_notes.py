"""Every static figure in the notebooks is followed by one line that says what to notice in it."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def shows_image(cell) -> bool:
    """A static figure: a stored picture that is not a dashboard's (a dashboard stores its first picture too)."""
    return cell.cell_type == "code" and any(
        "image/png" in output.get("data", {}) and WIDGET_VIEW not in output.get("data", {})
        for output in cell.get("outputs", [])
    )


def test_a_dashboards_stored_picture_is_no_static_figure():
    dashboard = nbformat.v4.new_code_cell(
        outputs=[nbformat.v4.new_output("display_data", {"image/png": "", WIDGET_VIEW: {}})]
    )
    figure = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output("display_data", {"image/png": ""})])
    assert (shows_image(dashboard), shows_image(figure)) == (False, True)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_a_line_under_every_figure_says_what_to_notice(path):
    cells = nbformat.read(path, as_version=4).cells
    for cell, following in zip(cells, [*cells[1:], None], strict=True):
        if shows_image(cell):
            note = following.source if following is not None and following.cell_type == "markdown" else ""
            assert note.startswith("Notice"), f"{cell.id}: the markdown cell after the figure should say what to notice"
