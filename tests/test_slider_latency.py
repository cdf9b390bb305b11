"""The latency bench's opening arithmetic: each notebook is compared with the floors opened on both sides of it."""

from __future__ import annotations

import pytest

from tools.slider_latency import opening_all

FLOOR = "page_load_floor.ipynb"


def scripted(first_plots: list[float | None]):
    """An ``opening_times`` stand-in that records what it opened and returns these first-plot times in turn."""
    opened: list[str] = []
    plots = iter(first_plots)

    def open_times(browser, base_url: str, path: str) -> dict[str, float]:
        opened.append(path)
        first_plot = next(plots)
        if first_plot is None:
            raise RuntimeError("no live plot")
        return {"page_s": 1.0, "kernel_s": 2.0, "imports_s": 3.0, "first_plot_s": first_plot}

    return opened, open_times


def test_each_notebook_sits_between_two_floors_and_is_compared_with_their_mean():
    opened, open_times = scripted([6.0, 7.5, 7.0, 9.0, 8.0])  # the machine slows down during the run
    result = opening_all(None, "", ["a.ipynb", "b.ipynb"], open_times)
    assert opened == [FLOOR, "notebooks/a.ipynb", FLOOR, "notebooks/b.ipynb", FLOOR]
    assert result["a.ipynb"]["over_floor_s"] == pytest.approx(7.5 - (6.0 + 7.0) / 2)
    assert result["b.ipynb"]["over_floor_s"] == pytest.approx(9.0 - (7.0 + 8.0) / 2)
    assert result["a.ipynb"]["x_floor"] == pytest.approx(7.5 / 6.5) and result["b.ipynb"]["x_floor"] == 1.2
    assert result[FLOOR]["first_plot_s"] == 7.0  # the median of the three floors
    assert "x_floor" not in result[FLOOR]


def test_a_notebook_that_never_plots_is_reported_and_the_next_one_gets_floors_of_its_own():
    opened, open_times = scripted([6.0, None, 6.5, 8.0, 7.0])
    result = opening_all(None, "", ["a.ipynb", "b.ipynb"], open_times)
    assert result["a.ipynb"] is None
    assert opened == [FLOOR, "notebooks/a.ipynb", FLOOR, "notebooks/b.ipynb", FLOOR]
    assert result["b.ipynb"]["over_floor_s"] == pytest.approx(8.0 - (6.5 + 7.0) / 2)
    assert result[FLOOR]["first_plot_s"] == 6.5
