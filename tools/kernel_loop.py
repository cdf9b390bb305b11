"""Does a freshly opened notebook reach an idle kernel and run?  Measured per ipykernel version.

    .venv/bin/python -m tools.kernel_loop                            # 7.1.0 7.4.0 6.29.5 6.31.0, 30 opens each
    .venv/bin/python -m tools.kernel_loop --versions 7.1.0 6.29.5 --count 10

For each candidate ipykernel it builds a virtual environment under /tmp (requirements.txt with
only the ipykernel pin replaced, then this project with ``pip install --no-deps -e .``; an
existing one with the right ipykernel is reused) and starts a JupyterLab from it with
``--debug`` (the kernels run in the server's Python). Then, round by round, so that the
machine's load falls on every candidate alike, it opens notebooks/00_start_here.ipynb in a
fresh browser context: an attempt succeeds when the status bar says "Idle" within
``--idle-timeout`` seconds and Run All finishes within ``--run-timeout`` seconds. The kernels
are shut down after each attempt. It also times a few arrow-key presses on the first slider
(key press to new picture).

It prints a table and writes JSON (default benchmarks/results/kernel_loop.json). Every
failure leaves its evidence under test-artifacts/kernel-loop/<version>/<attempt>/: the server
log (the whole debug log, and the part written during the attempt), the browser console, the
kernel messages the page sent and received, the kernels as the REST API saw them, and a
screenshot.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
import venv
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tools.lab_session import (
    MISSING_CHROMIUM,
    ROOT,
    PageRecorder,
    chromium_available,
    chromium_browser,
    copy_notebooks,
    dashboards,
    fresh_page,
    image_src,
    jupyter_lab,
    open_notebook,
    run_all,
    shutdown_kernels,
    sliders_of,
    unanswered_kernel_info,
    wait_for_new_image,
)

DEFAULT_VERSIONS = ("7.1.0", "7.4.0", "6.29.5", "6.31.0")
NOTEBOOK = "notebooks/00_start_here.ipynb"
WORK = Path("/tmp/kernel-loop")
ARTIFACTS = ROOT / "test-artifacts" / "kernel-loop"
KEY_PRESSES = 5


def requirements_with(requirements: str, version: str) -> str:
    """requirements.txt's text with the ipykernel pin, and nothing else, set to ``version``."""
    pattern = re.compile(r"^ipykernel==\S+", re.MULTILINE)
    if len(pattern.findall(requirements)) != 1:
        raise ValueError("requirements.txt must pin ipykernel exactly once")
    return pattern.sub(f"ipykernel=={version}", requirements)


def installed_ipykernel(python: Path) -> str | None:
    """The ipykernel version installed for ``python``, or None (no such Python, or no ipykernel)."""
    if not python.exists():
        return None
    probe = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('ipykernel'))"],
        capture_output=True,
        text=True,
    )
    return probe.stdout.strip() if probe.returncode == 0 else None


def candidate_python(version: str, work: Path = WORK) -> Path:
    """A Python with the project's pins and ipykernel ``version``; built once, reused after."""
    folder = work / f"venv-ipykernel-{version}"
    python = folder / "bin" / "python"
    if installed_ipykernel(python) == version:
        return python
    print(f"building {folder} ...", file=sys.stderr, flush=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    requirements = folder / "requirements.txt"
    requirements.write_text(requirements_with((ROOT / "requirements.txt").read_text(), version))
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "-r", str(requirements)], check=True)
    subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True)
    if installed_ipykernel(python) != version:
        raise RuntimeError(f"{folder} did not get ipykernel {version}")
    return python


@dataclass
class Attempt:
    """One open of the notebook in a fresh browser context."""

    round: int
    ok: bool
    idle_s: float | None = None
    run_s: float | None = None
    key_press_ms: list[float] = field(default_factory=list)
    page_kernel_info_sent: int = 0
    page_kernel_info_unanswered: int = 0
    error: str = ""
    evidence: str = ""


@dataclass
class Candidate:
    """One ipykernel version with its own JupyterLab."""

    version: str
    python: Path
    base_url: str = ""
    log_path: Path | None = None
    attempts: list[Attempt] = field(default_factory=list)


def kernels_now(base_url: str) -> list[dict]:
    """The kernels as the server's REST API reports them."""
    with urllib.request.urlopen(f"{base_url}/api/kernels", timeout=10) as response:
        return json.load(response)


def time_key_presses(page, presses: int = KEY_PRESSES) -> list[float]:
    """Milliseconds from an arrow key on the first slider to the new picture, ``presses`` times."""
    boxes = dashboards(page)
    if not boxes:
        return []
    box = boxes[0]
    slider = sliders_of(box)[0]
    box.scroll_into_view_if_needed()
    slider.handle.focus()
    times, key = [], "ArrowRight"
    for _ in range(presses):
        before = image_src(box)
        start = time.perf_counter()
        page.keyboard.press(key)
        if not wait_for_new_image(page, box, before, timeout_ms=10_000):
            break
        times.append((time.perf_counter() - start) * 1000)
        key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
    return times


def attempt(browser, candidate: Candidate, round_: int, idle_timeout_s: float, run_timeout_s: float) -> Attempt:
    """Open the notebook once, wait for Idle, Run All; on failure keep the evidence."""
    log_from = candidate.log_path.stat().st_size
    with fresh_page(browser) as page:
        recorder = PageRecorder(page)
        start = time.perf_counter()
        result = Attempt(round_, ok=False)
        stage = "idle"
        try:
            open_notebook(page, candidate.base_url, NOTEBOOK, timeout_ms=idle_timeout_s * 1000)
            result.idle_s = time.perf_counter() - start
            stage = "run all"
            run_start = time.perf_counter()
            run_all(page, timeout_ms=run_timeout_s * 1000)
            result.run_s = time.perf_counter() - run_start
            result.ok = True
        except Exception as error:  # Playwright's TimeoutError or a Run All that did not start
            result.error = f"{stage}: {type(error).__name__}: {str(error).splitlines()[0]}"
        result.page_kernel_info_sent = sum(
            (m["direction"], m["msg_type"]) == ("sent", "kernel_info_request") for m in recorder.kernel_messages
        )
        result.page_kernel_info_unanswered = len(unanswered_kernel_info(recorder.kernel_messages))
        if result.ok:
            try:
                result.key_press_ms = time_key_presses(page)
            except Exception as error:  # a measurement only: never turns a success into a failure
                result.error = f"key presses not timed: {type(error).__name__}"
        else:
            folder = ARTIFACTS / candidate.version / f"round-{round_:02d}"
            try:
                (folder / "kernels.json").parent.mkdir(parents=True, exist_ok=True)
                (folder / "kernels.json").write_text(json.dumps(kernels_now(candidate.base_url), indent=2) + "\n")
            except Exception as error:  # the server itself may be the problem
                (folder / "kernels.json").write_text(f"REST API did not answer: {error}\n")
            recorder.save(folder, candidate.log_path, log_from)
            result.evidence = str(folder.relative_to(ROOT))
    shutdown_kernels(candidate.base_url)
    return result


def median(values: list[float]) -> float | None:
    """The median, or None for no values."""
    return statistics.median(values) if values else None


def summary(candidate: Candidate) -> dict:
    """Attempts, failures, failure rate and median times of one candidate."""
    attempts = candidate.attempts
    failures = [a for a in attempts if not a.ok]
    return {
        "attempts": len(attempts),
        "failures": len(failures),
        "failure_rate": len(failures) / len(attempts) if attempts else None,
        "median_open_to_idle_s": median([a.idle_s for a in attempts if a.idle_s is not None]),
        "median_run_all_s": median([a.run_s for a in attempts if a.run_s is not None]),
        "median_key_press_ms": median([ms for a in attempts for ms in a.key_press_ms]),
        "attempts_with_page_kernel_info_unanswered": sum(a.page_kernel_info_unanswered > 0 for a in attempts),
    }


def fmt(value: float | None, digits: int = 1) -> str:
    """A number for the table, or a dash."""
    return "-" if value is None else f"{value:.{digits}f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--versions", nargs="+", default=list(DEFAULT_VERSIONS), help="ipykernel versions to compare")
    parser.add_argument("--count", type=int, default=30, help="opens per candidate")
    # A stranded request never recovers, so a long bound costs little; on a busy shared 2-core machine
    # a healthy open took up to 22 s.
    parser.add_argument("--idle-timeout", type=float, default=60.0, help="seconds to wait for 'Idle'")
    parser.add_argument("--run-timeout", type=float, default=60.0, help="seconds to wait for Run All")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results" / "kernel_loop.json")
    args = parser.parse_args()
    if not chromium_available():
        print(MISSING_CHROMIUM, file=sys.stderr)
        return 2

    candidates = [Candidate(version, candidate_python(version)) for version in args.versions]
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    started = time.time()
    with ExitStack() as stack:
        for candidate in candidates:
            served = WORK / f"served-{candidate.version}"
            shutil.rmtree(served, ignore_errors=True)
            served.mkdir(parents=True)
            copy_notebooks(served)
            candidate.log_path = WORK / f"server-{candidate.version}.log"
            lab = jupyter_lab(served, log_path=candidate.log_path, debug=True, python=candidate.python)
            candidate.base_url = stack.enter_context(lab)
        browser = stack.enter_context(chromium_browser())
        for round_ in range(1, args.count + 1):
            # Rotate the order each round: no candidate always goes first after a pause.
            shift = round_ % len(candidates)
            for candidate in candidates[shift:] + candidates[:shift]:
                result = attempt(browser, candidate, round_, args.idle_timeout, args.run_timeout)
                candidate.attempts.append(result)
                status = "ok  " if result.ok else "FAIL"
                print(
                    f"round {round_:2d} ipykernel {candidate.version:7s} {status} idle {fmt(result.idle_s)} s "
                    f"run {fmt(result.run_s)} s {result.error} {result.evidence}",
                    file=sys.stderr,
                    flush=True,
                )
    for candidate in candidates:  # the whole debug log of a candidate that failed
        if any(not a.ok for a in candidate.attempts):
            shutil.copy(candidate.log_path, ARTIFACTS / candidate.version / "server-full.log")

    results = {
        "notebook": NOTEBOOK,
        "idle_timeout_s": args.idle_timeout,
        "run_timeout_s": args.run_timeout,
        "elapsed_s": round(time.time() - started),
        "candidates": {c.version: {**summary(c), "runs": [asdict(a) for a in c.attempts]} for c in candidates},
    }
    columns = ("attempts", "failures", "rate", "idle s", "run s", "key ms")
    print("\nipykernel  " + " ".join(f"{name:>8s}" for name in columns) + "   (times are medians)")
    for version, row in results["candidates"].items():
        cells = (
            str(row["attempts"]),
            str(row["failures"]),
            f"{fmt(100 * row['failure_rate'], 0)}%",
            fmt(row["median_open_to_idle_s"]),
            fmt(row["median_run_all_s"]),
            fmt(row["median_key_press_ms"]),
        )
        print(f"{version:10s} " + " ".join(f"{cell:>8s}" for cell in cells))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
