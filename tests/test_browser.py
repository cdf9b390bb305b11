"""Every notebook, run in a real JupyterLab in headless Chromium, with every slider driven like a learner would.

nbval proves the kernel side; these tests prove what a learner sees: the notebook runs
without an error or a warning, every slider of every dashboard moves its picture, and
every dashboard's "Show as code" shows the line that builds it.
Without Debian's Chromium they skip (locally) or fail (with CI=true).
"""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path
from typing import NamedTuple

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from evidence import artifact_name, keep_on_failure
from tools.lab_session import (
    MISSING_CHROMIUM,
    ROOT,
    PageRecorder,
    chromium_available,
    chromium_browser,
    copy_notebooks,
    dashboards,
    drag,
    drive_choices,
    drive_dashboard,
    drive_player,
    frames_per_second,
    fresh_page,
    image_src,
    is_playing,
    jupyter_lab,
    open_notebook,
    play_toggle,
    problems_on_page,
    readout_text,
    remember_defaults,
    run_all,
    shutdown_kernels,
    sliders_of,
    wait_for_new_image,
)

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted(path.name for path in (ROOT / "notebooks").glob("*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts" / "browser"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

BROKEN_DASHBOARD = """\
import numpy as np
from helpers.figures.style import new_figure
from helpers.live.controls import Slider
from helpers.live.dashboard import Dashboard

figure, (ax,) = new_figure(4, 3)
x = np.linspace(0, 1, 50)
(line,) = ax.plot(x, x)
ax.set_ylim(-10, 10)


def draw(a, b):  # deliberately broken: ignores the slider b
    line.set_ydata(a * x)
    return f"a = {a}"


Dashboard(figure, draw, [Slider("a", "a", -5, 5, 0.5, 1.0), Slider("b", "b", -5, 5, 0.5, 0.0)], live_artists=[line])
"""


def dashboards_stored_in(name: str) -> int:
    """How many dashboards the committed notebook shows."""
    notebook = json.loads((ROOT / "notebooks" / name).read_text())
    return sum(
        any(WIDGET_MIME in output.get("data", {}) for output in cell.get("outputs", []))
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
    )


def builders_stored_in(name: str) -> list[str]:
    """The builder each dashboard of the committed notebook is made by: the call that ends its cell."""
    notebook = json.loads((ROOT / "notebooks" / name).read_text())
    builders = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code" and any(WIDGET_MIME in out.get("data", {}) for out in cell.get("outputs", [])):
            code = "\n".join(line for line in "".join(cell["source"]).splitlines() if not line.startswith("%"))
            builders.append(ast.parse(code).body[-1].value.func.id)
    return builders


class Lab(NamedTuple):
    """A running JupyterLab: its address, the folder it serves, and its log (kept for failed tests)."""

    base_url: str
    served: Path
    log: Path


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Lab:
    if not chromium_available():
        if os.environ.get("CI") == "true":
            pytest.fail(MISSING_CHROMIUM)
        pytest.skip(MISSING_CHROMIUM)
    served = tmp_path_factory.mktemp("served")
    copy_notebooks(served)
    broken = new_notebook(cells=[new_code_cell(BROKEN_DASHBOARD)])
    broken.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(broken, served / "broken_dashboard.ipynb")
    log = tmp_path_factory.mktemp("lab-log") / "server.log"
    # --debug: a failed test's server log then shows every kernel status change and kernel_info exchange.
    with jupyter_lab(served, log_path=log, debug=True) as base_url:
        yield Lab(base_url, served, log)


@pytest.fixture(scope="module")
def browser(lab):
    with chromium_browser() as browser:
        yield browser


@pytest.fixture
def page(browser, lab, request):
    """A fresh page for each test; the kernels it started are stopped afterwards.

    If the test fails, its evidence goes to test-artifacts/browser/<test name>/: the browser
    console and page errors from the page's first moment, the kernel messages the page sent and
    received, a screenshot, and the server log (whole, and the part written during the test).
    """
    with fresh_page(browser) as page:
        recorder = PageRecorder(page)
        log_from = lab.log.stat().st_size
        folder = ARTIFACTS / artifact_name(request.node.name)
        keep_on_failure(request.node, folder, lambda target: recorder.save(target, lab.log, log_from))
        yield page
    shutdown_kernels(lab.base_url)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_and_every_slider_moves_its_picture(page, lab, name):
    open_notebook(page, lab.base_url, f"notebooks/{name}")
    run_all(page)
    assert problems_on_page(page) == []

    boxes = dashboards(page)
    assert len(boxes) == dashboards_stored_in(name) >= 1
    for box in boxes:
        remember_defaults(box)

    first_slider = sliders_of(boxes[0])[0]
    assert drag(page, boxes[0], first_slider) == (True, True), "a mouse drag must move the slider and the picture"

    problems = []
    for box, builder in zip(boxes, builders_stored_in(name), strict=True):
        report = drive_dashboard(page, box)
        assert report.sliders and report.presses >= len(report.sliders)
        problems += report.problems
        assert report.code.startswith(f"{builder}("), f"Show as code showed {report.code!r}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{Path(name).stem}.png"))
    assert not problems, "\n".join(problems)
    assert problems_on_page(page) == []


def test_a_dashboard_that_ignores_a_slider_is_caught(page, lab):
    """The harness itself: a draw function that ignores slider b must be reported."""
    open_notebook(page, lab.base_url, "broken_dashboard.ipynb")
    run_all(page)
    (box,) = dashboards(page)
    remember_defaults(box)
    # Every press on b must time out here, so wait 10 s rather than the default 30 s.
    report = drive_dashboard(page, box, keys=("ArrowRight", "End"), picture_timeout_ms=10_000)
    assert report.sliders == ["a", "b"]
    assert any(problem.startswith("slider 'b'") and "picture did not change" in problem for problem in report.problems)
    assert not any(problem.startswith("slider 'a'") for problem in report.problems)


def test_the_playground_plays_pauses_steps_and_every_choice_redraws(page, lab):
    """Notebook 05's playground as a learner drives it: Play changes the picture, Pause stops it, Step moves one
    frame, every drop-down option redraws, and the stuck start says that its every gradient is exactly 0."""
    base_url = lab.base_url
    open_notebook(page, base_url, "notebooks/05_a_network_that_learns.ipynb")
    run_all(page)
    players = [box for box in dashboards(page) if play_toggle(box).count()]
    assert len(players) == 1, "notebook 05 shows one dashboard that plays"
    (playground,) = players
    problems = drive_player(page, playground)
    lists, choice_problems = drive_choices(page, playground)
    assert lists == ["data", "hidden f", "cost"]
    problems += choice_problems

    before = image_src(playground)
    playground.locator("button.jupyter-button", has_text="Stuck start").click()
    assert wait_for_new_image(page, playground, before)
    page.wait_for_timeout(300)
    assert "every gradient is exactly 0" in readout_text(playground)
    assert frames_per_second(page, playground, seconds=1.5) > 0  # the step count still moves
    assert "every gradient is exactly 0" in readout_text(playground)

    before = image_src(playground)
    playground.locator("button.jupyter-button", has_text="Reset").click()
    assert wait_for_new_image(page, playground, before)
    assert not is_playing(playground)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    playground.screenshot(path=str(ARTIFACTS / "05_playground.png"))
    assert not problems, "\n".join(problems)
    assert problems_on_page(page) == []
