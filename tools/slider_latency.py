"""How fast every dashboard answers a slider, measured in a real JupyterLab in headless Chromium.

    python3 tasks.py bench                     # or: .venv/bin/python -m tools.slider_latency
    python3 tasks.py bench --presses 40 --output my.json

For every dashboard in ``helpers.live.registry.all_dashboards()`` it presses an arrow key
on the first slider's handle, again and again, and times each press until the new
picture is in the page; the reference dashboard (one slider, one line) measured in the
same run is the floor. It also times, for every notebook, opening it until its first
live plot. It prints a table and writes it as JSON (default:
benchmarks/results/slider_latency.json).

Targets on the 2-core reference machine: every dashboard's median within 1.5x the
floor and under 150 ms; first live plot under 10 s.
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
    fresh_page,
    image_src,
    jupyter_lab,
    kernel_idle,
    open_notebook,
    run_all,
    shutdown_kernels,
    sliders_of,
    wait_for_new_image,
)

MEDIAN_TARGET_MS = 150.0
RATIO_TARGET = 1.5
FIRST_PLOT_TARGET_S = 10.0


def latency_notebook(names: list[str]) -> nbformat.NotebookNode:
    """One notebook that shows every dashboard, in registry order."""
    setup = "%matplotlib inline\nfrom helpers.live.registry import all_dashboards\nD = all_dashboards()"
    cells = [new_code_cell(setup)]
    cells += [new_code_cell(f"D[{name!r}]()") for name in names]
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    return notebook


def time_presses(page, dashboard, presses: int) -> list[float]:
    """Milliseconds from each arrow key press on the first slider to the new picture in the page."""
    slider = sliders_of(dashboard)[0]
    dashboard.scroll_into_view_if_needed()
    slider.handle.focus()
    times, key = [], "ArrowRight"
    while len(times) < presses:
        before_value, before_src = slider.value(), image_src(dashboard)
        start = time.perf_counter()
        page.keyboard.press(key)
        if not wait_for_new_image(page, dashboard, before_src, timeout_ms=10_000):
            if slider.value() == before_value:  # at the end of the range: go the other way
                key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
                continue
            raise RuntimeError("the picture did not change after a key press")
        times.append((time.perf_counter() - start) * 1000)
        key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
    return times


def first_live_plot_seconds(browser, base_url: str, name: str) -> float:
    """Seconds from opening a notebook to the first dashboard picture after Run All."""
    with fresh_page(browser) as page:
        start = time.perf_counter()
        open_notebook(page, base_url, f"notebooks/{name}")
        click_run_all(page)
        page.wait_for_function(
            "() => [...document.querySelectorAll('img.widget-image')].some(i => i.src.startsWith('blob:'))",
            timeout=60_000,
        )
        elapsed = time.perf_counter() - start
        kernel_idle(page, 120_000)
    shutdown_kernels(base_url)
    return elapsed


def summarise(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "median_ms": statistics.median(ordered),
        "p95_ms": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "presses": len(ordered),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--presses", type=int, default=24, help="key presses per dashboard (at least 20)")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results" / "slider_latency.json")
    args = parser.parse_args()
    if args.presses < 20:
        parser.error("--presses must be at least 20")
    if not chromium_available():
        print(MISSING_CHROMIUM, file=sys.stderr)
        return 2

    names = list(all_dashboards())
    results: dict[str, object] = {"dashboards": {}, "first_live_plot_s": {}}
    with tempfile.TemporaryDirectory(prefix="latency-") as scratch:
        served = Path(scratch)
        copy_notebooks(served)
        nbformat.write(latency_notebook(names), served / "latency.ipynb")
        with jupyter_lab(served) as base_url, chromium_browser() as browser:
            with fresh_page(browser) as page:
                open_notebook(page, base_url, "latency.ipynb")
                run_all(page)
                boxes = dashboards(page)
                if len(boxes) != len(names):
                    raise RuntimeError(f"expected {len(names)} dashboards on the page, found {len(boxes)}")
                for name, box in zip(names, boxes, strict=True):
                    time_presses(page, box, 3)  # warm up: first draws, caches
                    results["dashboards"][name] = summarise(time_presses(page, box, args.presses))
                    print(f"measured {name}", file=sys.stderr)
            shutdown_kernels(base_url)
            for notebook in sorted(path.name for path in (ROOT / "notebooks").glob("*.ipynb")):
                try:
                    results["first_live_plot_s"][notebook] = first_live_plot_seconds(browser, base_url, notebook)
                except Exception as error:  # report it in the table rather than lose every measurement
                    results["first_live_plot_s"][notebook] = None
                    print(f"{notebook}: no live plot within 60 s ({type(error).__name__})", file=sys.stderr)

    floor = results["dashboards"]["reference"]["median_ms"]
    print(f"\n{'dashboard':26s} {'median ms':>10s} {'p95 ms':>8s} {'x floor':>8s}  target")
    for name, row in results["dashboards"].items():
        row["ratio_to_floor"] = row["median_ms"] / floor
        ok = row["median_ms"] < MEDIAN_TARGET_MS and row["ratio_to_floor"] <= RATIO_TARGET
        row["meets_target"] = ok
        print(
            f"{name:26s} {row['median_ms']:10.1f} {row['p95_ms']:8.1f} {row['ratio_to_floor']:8.2f}  "
            f"{'ok' if ok else 'MISSED'}"
        )
    print(f"\n{'notebook':26s} {'first live plot':>16s}")
    for notebook, seconds in results["first_live_plot_s"].items():
        if seconds is None:
            print(f"{notebook:26s} {'failed':>16s}  MISSED")
        else:
            print(f"{notebook:26s} {seconds:14.1f} s  {'ok' if seconds < FIRST_PLOT_TARGET_S else 'MISSED'}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    results["targets"] = {"median_ms": MEDIAN_TARGET_MS, "ratio": RATIO_TARGET, "first_plot_s": FIRST_PLOT_TARGET_S}
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
