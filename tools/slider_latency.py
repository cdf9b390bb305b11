"""How fast every dashboard answers a slider, measured in a real JupyterLab in headless Chromium.

    python3 tasks.py bench                     # or: .venv/bin/python -m tools.slider_latency
    python3 tasks.py bench --runs 3            # repeat everything, report the median of the runs
    python3 tasks.py bench --png pillow        # the same, with Pillow encoding the frames

For every dashboard in ``helpers.live.registry.all_dashboards()`` it presses an arrow key on
the first slider's handle, again and again, and times each press until the new picture is in
the page. In the same run it measures three floors, so a slow browser, a slow kernel and a
slow plot can be told apart:

* browser: a slider linked to a text box in the page alone (``jslink``, no kernel);
* kernel: a slider whose callback only sets a text (slider -> kernel -> text, no plot);
* the floor: the reference dashboard (one slider, one line), the yardstick of every target.

A dashboard that plays (a Play/Pause toggle, such as notebook 05's playground) is also played
for 10 s from its reset state: the pictures painted in the page in that time, per second, are its
frames per second.

It also opens a one-cell notebook holding only the reference dashboard (the page-load floor)
before each notebook and after the last, and times where opening each notebook goes: page shown,
kernel ready, imports done, first live plot; each notebook is compared with the mean of the two
floors opened just before and just after it, in seconds and as a ratio.
Notebooks are opened in JupyterLab's default windowing mode, as a learner's JupyterLab opens
them (sliders are driven with every cell kept in the page, as the browser tests do). It prints
tables and writes JSON (default: benchmarks/results/slider_latency.json).

Targets: every dashboard's median within 1.3x the floor and its 95th percentile within 2x the
floor; every dashboard that plays at least 10 frames per second; every notebook's first live plot
within 1.5 s of the page-load floor. This is a
measurement, not a test: timings vary with the machine's load.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from helpers.live.registry import all_dashboards
from tools.lab_session import (
    MISSING_CHROMIUM,
    ROOT,
    chromium_available,
    chromium_browser,
    click_run_all,
    copy_notebooks,
    dashboards,
    frames_per_second,
    fresh_page,
    jupyter_lab,
    kernel_idle,
    open_notebook,
    play_toggle,
    run_all,
    shutdown_kernels,
    sliders_of,
)

MEDIAN_RATIO_TARGET = 1.3
P95_RATIO_TARGET = 2.0
FIRST_PLOT_MARGIN_S = 1.5
FRAMES_PER_SECOND_TARGET = 10.0
PLAY_SECONDS = 10.0
QUIET_SHARE = 0.15  # an opening starts when less than this share of the CPU is busy
LEARNERS_WINDOWING = "contentVisibility"  # JupyterLab 4's default windowing mode
PAGE_LOAD_FLOOR = "page_load_floor.ipynb"  # the one-cell notebook every opening is compared with
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

FLOORS = """\
import ipywidgets as widgets


def floor_box(kind):
    slider = widgets.IntSlider(value=0, min=0, max=1000, description="n")
    if kind == "browser":
        shown = widgets.IntText(value=0)
        widgets.jslink((slider, "value"), (shown, "value"))  # in the page only
    else:
        shown = widgets.HTML("0")
        slider.observe(lambda change: setattr(shown, "value", str(change["new"])), names="value")
    shown.add_class("floor-shown")
    box = widgets.VBox([slider, shown])
    box.add_class(f"floor-{kind}")
    return box
"""

PILLOW_FRAMES = """\
import io

import PIL.Image

import helpers.live.frames as frames


def pillow_png(rgba):
    buffer = io.BytesIO()
    PIL.Image.fromarray(rgba[..., :3]).save(buffer, format="png")
    return buffer.getvalue()


frames.encode_png = pillow_png
"""

# What each kind of row shows after a key press, read in the page.
SHOWN = {
    "image": "box => box.querySelector('img.widget-image').getAttribute('src')",
    "browser": "box => box.querySelector('.floor-shown input').value",
    "kernel": "box => box.querySelector('.floor-shown').textContent",
}


def notebook_of(cells: list[str]) -> nbformat.NotebookNode:
    notebook = new_notebook(cells=[new_code_cell(source) for source in cells])
    notebook.metadata["kernelspec"] = KERNELSPEC
    return notebook


def latency_notebook(names: list[str], png: str) -> nbformat.NotebookNode:
    """The two non-plot floors, then every dashboard in registry order."""
    setup = "%matplotlib inline\nfrom helpers.live.registry import all_dashboards\nD = all_dashboards()"
    cells = [FLOORS, setup] + ([PILLOW_FRAMES] if png == "pillow" else [])
    cells += ['floor_box("browser")', 'floor_box("kernel")']
    cells += [f"D[{name!r}]()" for name in names]
    return notebook_of(cells)


def page_load_floor_notebook() -> nbformat.NotebookNode:
    """One cell: the reference dashboard and nothing else."""
    return notebook_of(
        ["%matplotlib inline\nfrom helpers.live.reference import reference_dashboard\n\nreference_dashboard()"]
    )


def time_presses(page, box, handle, kind: str, presses: int) -> list[float]:
    """Milliseconds from each arrow key press on ``handle`` to the changed picture or text in the page."""
    box.scroll_into_view_if_needed()
    times, key, idle = [], "ArrowRight", 0
    while len(times) < presses:
        if idle >= 2:  # neither direction moves the slider
            raise RuntimeError(f"{kind}: the slider does not move with the arrow keys")
        handle.focus()
        before_value, before = handle.get_attribute("aria-valuenow"), box.evaluate(SHOWN[kind])
        start = time.perf_counter()
        page.keyboard.press(key)
        try:
            page.wait_for_function(
                f"([box, old]) => {{ const now = ({SHOWN[kind]})(box); return now && now !== old; }}",
                arg=[box.element_handle(), before],
                timeout=10_000,
                polling="raf",
            )
        except Exception:  # Playwright's TimeoutError: at the end of the range, or no answer
            if handle.get_attribute("aria-valuenow") == before_value:
                key, idle = ("ArrowLeft" if key == "ArrowRight" else "ArrowRight"), idle + 1
                continue
            raise RuntimeError(f"{kind}: the slider moved but the page did not change") from None
        idle = 0
        times.append((time.perf_counter() - start) * 1000)
        key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
    return times


def summarise(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "median_ms": statistics.median(ordered),
        "p95_ms": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "presses": len(ordered),
    }


def measure_sliders(browser, base_url: str, names: list[str], presses: int) -> dict[str, dict[str, float]]:
    """One pass over the two floors and every dashboard of the latency notebook."""
    rows = {}
    with fresh_page(browser) as page:
        open_notebook(page, base_url, "latency.ipynb")
        run_all(page)
        handle = ".noUi-handle[role=slider]"
        for kind in ("browser", "kernel"):
            box = page.locator(f".floor-{kind}").first
            time_presses(page, box, box.locator(handle).first, kind, 3)  # warm up
            rows[f"floor: {kind}"] = summarise(time_presses(page, box, box.locator(handle).first, kind, presses))
        boxes = dashboards(page)
        if len(boxes) != len(names):
            raise RuntimeError(f"expected {len(names)} dashboards on the page, found {len(boxes)}")
        for name, box in zip(names, boxes, strict=True):
            slider = sliders_of(box)[0].handle
            try:
                time_presses(page, box, slider, "image", 3)  # warm up: first draws, caches
                rows[name] = summarise(time_presses(page, box, slider, "image", presses))
                if play_toggle(box).count():
                    box.locator("button.jupyter-button", has_text="Reset").first.click()
                    page.wait_for_timeout(500)
                    rows[name]["frames_per_second"] = frames_per_second(page, box, PLAY_SECONDS)
            except RuntimeError as error:  # report it in the table rather than lose every measurement
                rows[name] = {"median_ms": float("nan"), "p95_ms": float("nan"), "presses": 0, "error": str(error)}
            print(f"measured {name}", file=sys.stderr)
    shutdown_kernels(base_url)
    return rows


def busy_share(seconds: float = 0.5) -> float | None:
    """The share of the machine's CPU time spent working during the next ``seconds`` (None off Linux)."""

    def counters() -> tuple[int, int] | None:
        try:
            fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        except (OSError, ValueError):
            return None
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle and waiting for disk
        return sum(fields), idle

    before = counters()
    time.sleep(seconds)
    after = counters()
    if before is None or after is None or after[0] == before[0]:
        return None
    return 1.0 - (after[1] - before[1]) / (after[0] - before[0])


def wait_until_quiet(limit: float = QUIET_SHARE, timeout: float = 20.0) -> None:
    """Wait until the machine is nearly idle (the last notebook's kernel and page are gone), at most ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy = busy_share()
        if busy is None or busy < limit:
            return


def opening_times(browser, base_url: str, path: str) -> dict[str, float]:
    """Seconds from opening ``path`` to: the page shown, the kernel ready, the imports done, the first live plot.

    Each opening starts on a quiet machine: on two cores, a previous kernel still shutting down costs a second.
    """
    wait_until_quiet()
    with fresh_page(browser) as page:
        start = time.perf_counter()
        page.goto(f"{base_url}/lab/tree/{path}?reset", timeout=120_000)
        page.locator(".jp-Notebook").first.wait_for(timeout=120_000)
        shown = time.perf_counter() - start
        kernel_idle(page)
        ready = time.perf_counter() - start
        click_run_all(page)
        page.wait_for_function(
            """() => [...document.querySelectorAll('.jp-CodeCell')].some(cell =>
                   /\\bimport\\b/.test(cell.querySelector('.jp-InputArea-editor')?.textContent ?? '')
                   && /\\[\\d+\\]/.test(cell.querySelector('.jp-InputPrompt')?.textContent ?? ''))""",
            timeout=120_000,
            polling="raf",
        )
        imported = time.perf_counter() - start
        page.wait_for_function(
            "() => [...document.querySelectorAll('img.widget-image')].some(i => i.src.startsWith('blob:'))",
            timeout=120_000,
            polling="raf",
        )
        plotted = time.perf_counter() - start
        kernel_idle(page)
    shutdown_kernels(base_url)
    return {"page_s": shown, "kernel_s": ready, "imports_s": imported, "first_plot_s": plotted}


def opening_all(
    browser, base_url: str, notebooks: list[str], open_times=opening_times
) -> dict[str, dict[str, float] | None]:
    """Every notebook's opening times, each opened between two openings of the page-load floor.

    The floor is opened first, then each notebook followed by the floor again, so every notebook sits
    between two floors. Its ``over_floor_s`` is its first live plot minus the mean of those two floors' (and
    ``x_floor`` the ratio of the two, which moves less with the machine's speed):
    a machine that speeds up or slows down during the run moves both sides, and one slow opening of the
    floor counts half. The floor's row holds the median of its openings. ``open_times`` (tests pass a stand-in)
    opens one notebook.
    """
    opening, floors, before = {}, [], None
    for name in notebooks:
        try:
            if before is None:
                before = open_times(browser, base_url, PAGE_LOAD_FLOOR)
                floors.append(before)
            times = open_times(browser, base_url, f"notebooks/{name}")
            after = open_times(browser, base_url, PAGE_LOAD_FLOOR)
        except Exception as error:  # report it in the table rather than lose every measurement
            opening[name], before = None, None
            print(f"notebooks/{name}: no live plot ({type(error).__name__})", file=sys.stderr)
            continue
        floors.append(after)
        floor_plot = (before["first_plot_s"] + after["first_plot_s"]) / 2
        opening[name] = {
            **times,
            "over_floor_s": times["first_plot_s"] - floor_plot,
            "x_floor": times["first_plot_s"] / floor_plot,
        }
        before = after
    floor_row = {key: statistics.median(floor[key] for floor in floors) for key in floors[0]} if floors else None
    return {PAGE_LOAD_FLOOR: floor_row, **opening}


def median_of_runs(runs: list[dict]) -> dict:
    """Each number: the median over the runs."""

    def middle(values):
        values = [value for value in values if value is not None]
        return statistics.median(values) if values else None

    sliders = {
        name: {key: middle([run["sliders"][name][key] for run in runs]) for key in runs[0]["sliders"][name]}
        for name in runs[0]["sliders"]
    }
    opening = {}
    for name in runs[0]["opening"]:
        measured = [run["opening"][name] for run in runs if run["opening"][name] is not None]
        opening[name] = {key: middle([m[key] for m in measured]) for key in measured[0]} if measured else None
    return {"sliders": sliders, "opening": opening}


def report(result: dict) -> None:
    """Print the tables and mark each row against its target."""
    rows = result["sliders"]
    floor, kernel, browser = (rows[name]["median_ms"] for name in ("reference", "floor: kernel", "floor: browser"))
    print(
        f"floors (median of key press -> change in the page): browser {browser:.1f} ms, kernel {kernel:.1f} ms, "
        f"one-line plot (the floor) {floor:.1f} ms"
    )
    print(
        f"\n{'dashboard':26s} {'median':>8s} {'p95':>8s} {'x floor':>8s} {'p95/floor':>9s} "
        f"{'x kernel':>8s} {'x browser':>9s}  target"
    )
    for name, row in rows.items():
        row["x_floor"], row["p95_x_floor"] = row["median_ms"] / floor, row["p95_ms"] / floor
        row["x_kernel"], row["x_browser"] = row["median_ms"] / kernel, row["median_ms"] / browser
        row["meets_target"] = row["x_floor"] <= MEDIAN_RATIO_TARGET and row["p95_x_floor"] <= P95_RATIO_TARGET
        target = "" if name.startswith("floor") else ("ok" if row["meets_target"] else "MISSED")
        print(
            f"{name:26s} {row['median_ms']:8.1f} {row['p95_ms']:8.1f} {row['x_floor']:8.2f} "
            f"{row['p95_x_floor']:9.2f} {row['x_kernel']:8.2f} {row['x_browser']:9.2f}  {target}"
        )
    playing = {name: row["frames_per_second"] for name, row in rows.items() if "frames_per_second" in row}
    if playing:
        heading = f"{'dashboard that plays':26s} {'frames/s':>8s}  target"
        print(f"\n{heading}  (pictures painted in {PLAY_SECONDS:g} s of Play, per second)")
        for name, fps in playing.items():
            print(f"{name:26s} {fps:8.1f}  {'ok' if fps >= FRAMES_PER_SECOND_TARGET else 'MISSED'}")
    opening = result["opening"]
    print(
        f"\n{'notebook (seconds from open)':30s} {'page':>6s} {'kernel':>7s} {'imports':>8s} {'1st plot':>9s} "
        f"{'- floor':>8s} {'x floor':>8s}  target"
    )
    for name, times in opening.items():
        if times is None:
            print(f"{name:30s} {'failed':>6s}  MISSED")
            continue
        over, ratio = times.get("over_floor_s"), times.get("x_floor")  # the floor's own row has neither
        target = "" if over is None else ("ok" if over <= FIRST_PLOT_MARGIN_S else "MISSED")
        print(
            f"{name:30s} {times['page_s']:6.1f} {times['kernel_s']:7.1f} {times['imports_s']:8.1f} "
            f"{times['first_plot_s']:9.1f} {'' if over is None else f'{over:.1f}':>8s} "
            f"{'' if ratio is None else f'{ratio:.2f}':>8s}  {target}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--presses", type=int, default=24, help="key presses per row (at least 20)")
    parser.add_argument("--runs", type=int, default=1, help="repeat the whole measurement; report the medians")
    parser.add_argument("--png", choices=("ours", "pillow"), default="ours", help="which PNG encoder draws frames")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results" / "slider_latency.json")
    args = parser.parse_args()
    if args.presses < 20:
        parser.error("--presses must be at least 20")
    if not chromium_available():
        print(MISSING_CHROMIUM, file=sys.stderr)
        return 2

    names = list(all_dashboards())
    notebooks = sorted(path.name for path in (ROOT / "notebooks").glob("*.ipynb"))
    with tempfile.TemporaryDirectory(prefix="latency-") as scratch:
        served = Path(scratch)
        copy_notebooks(served)
        nbformat.write(latency_notebook(names, args.png), served / "latency.ipynb")
        nbformat.write(page_load_floor_notebook(), served / PAGE_LOAD_FLOOR)
        # Sliders are driven with every cell kept in the page; notebooks are opened as a learner's JupyterLab
        # opens them, with its default windowing (the browser skips laying out and painting off-screen cells).
        with chromium_browser() as browser:
            runs = []
            for _ in range(args.runs):
                with jupyter_lab(served) as base_url:
                    sliders = measure_sliders(browser, base_url, names, args.presses)
                with jupyter_lab(served, windowing=LEARNERS_WINDOWING) as base_url:
                    runs.append({"sliders": sliders, "opening": opening_all(browser, base_url, notebooks)})
    result = median_of_runs(runs)
    report(result)
    result.update(
        runs=len(runs),
        png=args.png,
        targets={
            "median_x_floor": MEDIAN_RATIO_TARGET,
            "p95_x_floor": P95_RATIO_TARGET,
            "first_plot_over_floor_s": FIRST_PLOT_MARGIN_S,
            "frames_per_second": FRAMES_PER_SECOND_TARGET,
        },
        each_run=runs,
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwritten to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
