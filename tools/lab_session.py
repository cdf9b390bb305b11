"""Drive the notebooks in a real JupyterLab in headless Chromium, as a learner would.

Shared by the browser tests (tests/test_browser.py) and the latency benchmark
(benchmarks/slider_latency.py).  Everything runs on 127.0.0.1 with temporary
config, data, runtime, settings and workspace folders, and stops at the end.
Chromium is Debian's (/usr/bin/chromium); no browser is ever downloaded.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from helpers.live.dashboard import READOUT_CLASS

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = (
    "Debian's Chromium is not installed: run `apt-get install chromium` (the tests never download a browser)"
)


# Generous waits: these tests check behaviour, not speed (tasks.py bench measures speed), and a busy
# 2-core machine can be several times slower than an idle one. A healthy run never waits this long.
PICTURE_TIMEOUT_MS = 30_000
RUN_TIMEOUT_MS = 300_000
KERNEL_TIMEOUT_MS = 120_000


def chromium_available() -> bool:
    """True if the browser the tests drive is on this machine."""
    return CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _write_lab_settings(config_dir: Path, settings_dir: Path, windowing: str) -> None:
    """Quiet, deterministic JupyterLab: no news pop-up; cells kept in the page as ``windowing`` says."""
    labconfig = config_dir / "labconfig"
    labconfig.mkdir(parents=True)
    page_config = {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}
    (labconfig / "page_config.json").write_text(json.dumps(page_config))
    tracker = settings_dir / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": windowing}))


@contextmanager
def jupyter_lab(
    root_dir: Path,
    *,
    log_path: Path | None = None,
    debug: bool = False,
    python: str | Path = sys.executable,
    startup_timeout: float = 60.0,
    windowing: str = "none",
) -> Iterator[str]:
    """Run JupyterLab on 127.0.0.1 serving ``root_dir``; yield its base URL; stop it and its kernels after.

    Parameters
    ----------
    root_dir : the folder the server serves.
    log_path : where the server writes its log (stdout and stderr, the kernels' too); the file
        stays after the server stops, so a failed test can keep it. Without it the log lives in
        a scratch folder that is deleted.
    debug : run the server with ``--debug`` (every kernel status change and kernel_info exchange
        is logged).
    python : the Python that runs the server; the kernels run in it too (the native kernel spec).
    windowing : the notebook's windowing mode. Tests keep every cell in the page ("none"), so every
        output can be found and driven; "contentVisibility" is JupyterLab's own default, what a learner gets.
    """
    scratch = Path(tempfile.mkdtemp(prefix="lab-session-"))
    env = dict(os.environ)
    for name in ("config", "data", "runtime", "settings", "workspaces"):
        (scratch / name).mkdir()
    env.update(
        JUPYTER_CONFIG_DIR=str(scratch / "config"),
        JUPYTER_DATA_DIR=str(scratch / "data"),
        JUPYTER_RUNTIME_DIR=str(scratch / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(scratch / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(scratch / "workspaces"),
        JUPYTER_PLATFORM_DIRS="1",
    )
    _write_lab_settings(scratch / "config", scratch / "settings", windowing)
    port = free_port()
    command = [
        str(python), "-m", "jupyter", "lab", "--no-browser", "--allow-root",
        "--ip=127.0.0.1", f"--port={port}", "--port-retries=0",
        "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
        f"--ServerApp.root_dir={root_dir}", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]  # fmt: skip
    if debug:
        command.append("--debug")
    log_path = scratch / "server.log" if log_path is None else Path(log_path)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            if server.poll() is not None:
                log_text = log_path.read_text()
                raise RuntimeError(f"JupyterLab exited with {server.returncode}:\n{log_text}")
            try:
                with urllib.request.urlopen(f"{base_url}/api/status", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab did not answer /api/status in time") from None
                time.sleep(0.25)
        yield base_url
    finally:
        _stop(server, base_url)
        log.close()
        shutil.rmtree(scratch, ignore_errors=True)


def _stop(server: subprocess.Popen, base_url: str) -> None:
    """Ask the server to shut down (it stops its kernels); kill what is left."""
    if server.poll() is None:
        try:
            request = urllib.request.Request(f"{base_url}/api/shutdown", method="POST")
            urllib.request.urlopen(request, timeout=5).close()
            server.wait(timeout=15)
        except (urllib.error.URLError, ConnectionError, TimeoutError, subprocess.TimeoutExpired):
            pass
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@contextmanager
def chromium_browser():
    """Debian's Chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def fresh_page(browser, width: int = 1400, height: int = 1000):
    """A page in a fresh browser context, closed without the 'leave page?' prompt at the end."""
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        yield context.new_page()
    finally:
        context.close()


@contextmanager
def chromium_page(width: int = 1400, height: int = 1000):
    """A fresh headless Chromium page (for one-off use, such as the benchmark)."""
    with chromium_browser() as browser, fresh_page(browser, width, height) as page:
        yield page


def shutdown_kernels(base_url: str) -> None:
    """Stop every kernel the server runs (each opened notebook starts one)."""
    with urllib.request.urlopen(f"{base_url}/api/kernels", timeout=10) as response:
        kernels = json.load(response)
    for kernel in kernels:
        request = urllib.request.Request(f"{base_url}/api/kernels/{kernel['id']}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def kernel_idle(page, timeout_ms: float = KERNEL_TIMEOUT_MS) -> None:
    """Wait until the status bar says the kernel is idle (the notebook's own indicator says so too early)."""
    page.locator("#jp-main-statusbar").get_by_text(re.compile(r"\bIdle\b")).first.wait_for(timeout=timeout_ms)


def open_notebook(page, base_url: str, name: str, timeout_ms: float = KERNEL_TIMEOUT_MS) -> None:
    """Open a notebook in a fresh workspace and wait for its kernel."""
    page.goto(f"{base_url}/lab/tree/{name}?reset", timeout=timeout_ms)
    page.locator(".jp-Notebook").first.wait_for(timeout=timeout_ms)
    kernel_idle(page, timeout_ms)


def click_run_all(page, attempts: int = 3) -> None:
    """Run -> Run All Cells, from the menu bar as a learner would, until execution has started.

    A click that lands while JupyterLab is still activating the notebook can do nothing, so some
    cell must show the running/queued prompt [*] within a few seconds, or we click again. (A
    numbered prompt proves nothing: committed notebooks already show [1], [2], ...)
    """
    for _ in range(attempts):
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        try:
            page.wait_for_function(
                "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
                ".some(p => p.textContent.includes('*'))",
                timeout=5_000,
                polling=50,
            )
            return
        except Exception:  # Playwright's TimeoutError: nothing started; try the menu again
            page.keyboard.press("Escape")
    raise RuntimeError("Run All Cells did not start the notebook")


def run_all(page, timeout_ms: float = RUN_TIMEOUT_MS) -> None:
    """Run every cell, then wait until no cell is still running."""
    click_run_all(page)
    page.wait_for_function(
        """() => {
            // Collapsed cells show an empty prompt; a running or queued cell shows [*].
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.textContent);
            return prompts.length > 0 && !prompts.some(t => t.includes('*')) && /\\[\\d+\\]/.test(prompts.at(-1));
        }""",
        timeout=timeout_ms,
    )
    kernel_idle(page, timeout_ms)


def problems_on_page(page) -> list[str]:
    """Error outputs, stderr outputs and widgets that failed to show."""
    problems = []
    for selector, what in (
        (".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']", "stderr output"),
        (".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']", "error output"),
    ):
        for text in page.locator(selector).all_inner_texts():
            problems.append(f"{what}: {text[:200]}")
    for text in page.locator(".jp-OutputArea-output").all_inner_texts():
        if "Error displaying widget" in text:
            problems.append(f"widget failed: {text[:200]}")
    return problems


def dashboards(page) -> list:
    """Every dashboard on the page: the outer widget box holding both sliders and the live image."""
    return page.locator(".jp-OutputArea-output .widget-vbox:has(.widget-slider):has(img.widget-image)").all()


@dataclass
class SliderHandle:
    """One slider of a dashboard: its label and its noUiSlider handle."""

    label: str
    handle: object

    def value(self) -> str:
        """The slider's current value as the page shows it."""
        return self.handle.get_attribute("aria-valuenow") or ""

    def default(self) -> str:
        """The value recorded by :func:`remember_defaults` before anything was touched."""
        return self.handle.get_attribute("data-start-value") or ""


def sliders_of(dashboard) -> list[SliderHandle]:
    """The sliders of one dashboard, in order."""
    found = []
    for slider in dashboard.locator(".widget-slider").all():
        label = slider.locator(".widget-label").first.inner_text().strip()
        found.append(SliderHandle(label, slider.locator(".noUi-handle[role=slider]").first))
    return found


def image_src(dashboard) -> str:
    """The current source of the dashboard's picture (a new blob URL after every redraw)."""
    return dashboard.locator("img.widget-image").first.get_attribute("src") or ""


def wait_for_new_image(page, dashboard, old_src: str, timeout_ms: float = PICTURE_TIMEOUT_MS) -> bool:
    """Wait until the dashboard shows a new picture; False if it does not within the timeout."""
    image = dashboard.locator("img.widget-image").first.element_handle()
    try:
        page.wait_for_function(
            "([img, old]) => img.getAttribute('src') && img.getAttribute('src') !== old && img.complete",
            arg=[image, old_src],
            timeout=timeout_ms,
        )
        return True
    except Exception:  # Playwright's TimeoutError: the picture did not change
        return False


def press(page, dashboard, slider: SliderHandle, key: str, timeout_ms: float = PICTURE_TIMEOUT_MS) -> tuple[bool, bool]:
    """Press ``key`` on a focused slider handle; return (value changed, picture changed)."""
    before_value, before_src = slider.value(), image_src(dashboard)
    slider.handle.focus()
    page.keyboard.press(key)
    page.wait_for_timeout(30)
    if slider.value() == before_value:
        return False, False
    return True, wait_for_new_image(page, dashboard, before_src, timeout_ms)


@dataclass
class DashboardReport:
    """What driving one dashboard found."""

    sliders: list[str] = field(default_factory=list)
    presses: int = 0
    problems: list[str] = field(default_factory=list)
    code: str = ""  # the line "Show as code" put in its box


def drive_dashboard(
    page,
    dashboard,
    keys: tuple[str, ...] = ("ArrowRight", "ArrowRight", "End", "Home"),
    picture_timeout_ms: float = PICTURE_TIMEOUT_MS,
):
    """Drive every slider with the keyboard and press every button; report anything that did not answer.

    Each slider starts from the dashboard's reset state, so its first moves are small steps near
    the informative default, then it jumps to both ends. Every key press that moves a slider must
    bring a new picture.
    """
    report = DashboardReport()
    dashboard.scroll_into_view_if_needed()
    reset = dashboard.locator("button.jupyter-button", has_text="Reset")
    for slider in sliders_of(dashboard):
        report.sliders.append(slider.label)
        if reset.count():
            reset.first.click()
            page.wait_for_timeout(150)
        moved_at_all = False
        for key in keys:
            value_changed, picture_changed = press(page, dashboard, slider, key, picture_timeout_ms)
            if value_changed:
                moved_at_all = True
                report.presses += 1
                if not picture_changed:
                    report.problems.append(f"slider {slider.label!r}: {key} moved it, the picture did not change")
        if not moved_at_all:
            report.problems.append(f"slider {slider.label!r} did not move with the keyboard")
    report.problems += click_buttons(page, dashboard)
    report.code = code_shown(dashboard)
    return report


SHOW_AS_CODE = "Show as code"


def code_shown(dashboard) -> str:
    """The line in the dashboard's "Show as code" box ("" if there is no box, or it is hidden or empty)."""
    box = dashboard.locator(".widget-textarea textarea")
    return box.first.input_value() if box.count() and box.first.is_visible() else ""


def click_buttons(page, dashboard) -> list[str]:
    """Click every button and check its effect; Reset must restore every slider and redraw.

    Every button but one must bring a new picture; "Show as code" must instead fill its box with a line.
    """
    problems = []
    sliders = sliders_of(dashboard)
    for button in dashboard.locator("button.jupyter-button").all():
        name = button.inner_text().strip()
        if name == SHOW_AS_CODE:
            button.click()
            try:
                page.wait_for_function(
                    "box => box.offsetParent !== null && box.value.length > 0",
                    arg=dashboard.locator(".widget-textarea textarea").first.element_handle(),
                    timeout=PICTURE_TIMEOUT_MS,
                )
            except Exception:  # Playwright's TimeoutError: the box stayed hidden or empty
                problems.append(f"button {name!r}: no line appeared in its box")
            continue
        if name == "Reset" and all(slider.value() == slider.default() for slider in sliders):
            press(page, dashboard, sliders[0], "End")  # give Reset something to undo
            if sliders[0].value() == sliders[0].default():
                press(page, dashboard, sliders[0], "Home")
        before = image_src(dashboard)
        button.click()
        if not wait_for_new_image(page, dashboard, before):
            problems.append(f"button {name!r}: the picture did not change")
        if name == "Reset":
            page.wait_for_timeout(100)
            moved = [slider.label for slider in sliders if slider.value() != slider.default()]
            if moved:
                problems.append(f"Reset left sliders {moved} away from their starting values")
    return problems


def remember_defaults(dashboard) -> None:
    """Record each slider's starting value (before anything is touched), for the Reset check."""
    dashboard.evaluate(
        """box => box.querySelectorAll('.noUi-handle[role=slider]').forEach(
            h => h.dataset.startValue = h.getAttribute('aria-valuenow'))"""
    )


def drag(page, dashboard, slider: SliderHandle, dx: float = 60.0) -> tuple[bool, bool]:
    """Drag a slider handle sideways with the mouse; return (value changed, picture changed)."""
    # hover() scrolls the handle into view and waits until it stops moving: the notebook may still
    # be reflowing (typesetting, images loading), and a press must land on the handle itself.
    slider.handle.hover()
    box = slider.handle.bounding_box()
    before_value, before_src = slider.value(), image_src(dashboard)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 7):
        page.mouse.move(x + dx * step / 6, y)
    page.mouse.up()
    page.wait_for_timeout(50)
    if slider.value() == before_value:
        return False, False
    return True, wait_for_new_image(page, dashboard, before_src)


def copy_notebooks(destination: Path) -> Path:
    """A private copy of notebooks/ to serve (JupyterLab autosaves what it opens)."""
    target = destination / "notebooks"
    shutil.copytree(ROOT / "notebooks", target)
    return target


def kernel_message_summary(payload: str | bytes) -> dict[str, str] | None:
    """Channel, type, id and parent id of one kernel websocket frame; None if it is not a kernel message.

    JupyterLab speaks the ``v1.kernel.websocket.jupyter.org`` protocol when the server offers it
    (binary frames: a count of offsets, the offsets, then channel, header, parent header, ...), and
    the legacy JSON protocol otherwise.
    """
    try:
        if isinstance(payload, bytes):
            count = int.from_bytes(payload[:8], "little")
            offsets = [int.from_bytes(payload[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(count)]
            channel = payload[offsets[0] : offsets[1]].decode()
            header = json.loads(payload[offsets[1] : offsets[2]])
            parent = json.loads(payload[offsets[2] : offsets[3]])
        else:
            message = json.loads(payload)
            channel, header, parent = message.get("channel", ""), message["header"], message.get("parent_header", {})
        return {
            "channel": channel,
            "msg_type": header.get("msg_type", ""),
            "msg_id": header.get("msg_id", ""),
            "parent_type": (parent or {}).get("msg_type", ""),
            "parent_id": (parent or {}).get("msg_id", ""),
        }
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return None


def unanswered_kernel_info(messages: list[dict[str, str]]) -> list[str]:
    """Ids of the page's kernel_info_requests that no kernel_info_reply answered."""
    sent = [m["msg_id"] for m in messages if (m["direction"], m["msg_type"]) == ("sent", "kernel_info_request")]
    answered = {
        m["parent_id"] for m in messages if (m["direction"], m["msg_type"]) == ("received", "kernel_info_reply")
    }
    return [msg_id for msg_id in sent if msg_id not in answered]


class PageRecorder:
    """Everything a page says from the moment it is attached: console, page errors, kernel messages.

    Attach it right after the page is created, before ``goto``, so nothing is missed; ``save``
    writes it out with a screenshot and the server log when something went wrong.
    """

    def __init__(self, page) -> None:
        self.page = page
        self.start = time.monotonic()
        self.console: list[str] = []
        self.kernel_messages: list[dict[str, str]] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console.append(f"{self._clock()} [pageerror] {error}"))
        page.on("websocket", self._on_websocket)

    def _clock(self) -> str:
        return f"{time.monotonic() - self.start:8.3f}s"

    def _on_console(self, message) -> None:
        location = message.location or {}
        where = f" ({location.get('url', '')}:{location.get('lineNumber', '')})" if location.get("url") else ""
        self.console.append(f"{self._clock()} [{message.type}] {message.text}{where}")

    def _on_websocket(self, websocket) -> None:
        if "/api/kernels/" not in websocket.url:
            return
        self.console.append(f"{self._clock()} [websocket] opened {websocket.url}")
        websocket.on("framesent", lambda payload: self._on_frame("sent", payload))
        websocket.on("framereceived", lambda payload: self._on_frame("received", payload))
        websocket.on("close", lambda _: self.console.append(f"{self._clock()} [websocket] closed {websocket.url}"))

    def _on_frame(self, direction: str, payload: str | bytes) -> None:
        summary = kernel_message_summary(payload)
        if summary is not None:
            self.kernel_messages.append({"time": self._clock().strip(), "direction": direction, **summary})

    def save(self, folder: Path, server_log: Path | None = None, server_log_from: int = 0) -> list[Path]:
        """Write console.log, kernel-messages.log, screenshot.png and the server log into ``folder``.

        ``server_log_from`` is the log's size when the page opened: the part after it is also saved
        on its own (server-during-test.log). Each piece is saved even if another one fails.
        """
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        console = folder / "console.log"
        console.write_text("\n".join(self.console) + "\n")
        written.append(console)
        messages = folder / "kernel-messages.log"
        lines = [
            f"{m['time']:>9s} {m['direction']:8s} {m['channel']:7s} {m['msg_type']:28s} id={m['msg_id']} "
            f"parent={m['parent_type']}:{m['parent_id']}"
            for m in self.kernel_messages
        ]
        unanswered = unanswered_kernel_info(self.kernel_messages)
        lines.append(f"kernel_info_request sent by the page and never answered: {unanswered or 'none'}")
        messages.write_text("\n".join(lines) + "\n")
        written.append(messages)
        try:
            screenshot = folder / "screenshot.png"
            self.page.screenshot(path=str(screenshot), full_page=True, timeout=10_000)
            written.append(screenshot)
        except Exception as error:  # a crashed or closed page: keep the rest
            (folder / "screenshot-failed.txt").write_text(f"{type(error).__name__}: {error}\n")
        if server_log is not None and Path(server_log).exists():
            text = Path(server_log).read_bytes()
            (folder / "server.log").write_bytes(text)
            (folder / "server-during-test.log").write_bytes(text[server_log_from:])
            written += [folder / "server.log", folder / "server-during-test.log"]
        return written


# --- dashboards that play (a Play/Pause toggle and a Step button) and their drop-down choices ---

PLAY_TOGGLE = "button.widget-toggle-button"


def play_toggle(dashboard):
    """The dashboard's Play/Pause toggle button (a locator that may match nothing)."""
    return dashboard.locator(PLAY_TOGGLE).first


def is_playing(dashboard) -> bool:
    """True while the dashboard's Play toggle is pressed."""
    toggle = dashboard.locator(PLAY_TOGGLE)
    return bool(toggle.count()) and "mod-active" in (toggle.first.get_attribute("class") or "")


def set_playing(page, dashboard, playing: bool, timeout_ms: float = PICTURE_TIMEOUT_MS) -> None:
    """Press Play or Pause (whichever makes ``playing`` true), and wait until the toggle shows it."""
    if is_playing(dashboard) != playing:
        play_toggle(dashboard).click()
    page.wait_for_function(
        "([button, on]) => button.classList.contains('mod-active') === on",
        arg=[play_toggle(dashboard).element_handle(), playing],
        timeout=timeout_ms,
    )


def count_new_pictures(page, dashboard, seconds: float) -> int:
    """How many new pictures the dashboard paints in the next ``seconds``: each new image that finished loading."""
    image = dashboard.locator("img.widget-image").first.element_handle()
    return page.evaluate(
        """async ([img, ms]) => {
            let painted = 0;
            const count = () => { painted += 1; };
            img.addEventListener('load', count);
            await new Promise(resolve => setTimeout(resolve, ms));
            img.removeEventListener('load', count);
            return painted;
        }""",
        [image, seconds * 1000],
    )


def frames_per_second(page, dashboard, seconds: float = 10.0) -> float:
    """Press Play, count the pictures painted during ``seconds``, press Pause: pictures per second."""
    dashboard.scroll_into_view_if_needed()
    set_playing(page, dashboard, True)
    try:
        painted = count_new_pictures(page, dashboard, seconds)
    finally:
        set_playing(page, dashboard, False)
    return painted / seconds


def readout_text(dashboard) -> str:
    """The dashboard's readout (the HTML next to its controls), as text."""
    return dashboard.locator(f".{READOUT_CLASS}").inner_text()


def drive_player(page, dashboard) -> list[str]:
    """Play must change the picture again and again, Pause must stop it, Step must draw exactly one more frame."""
    problems = []
    dashboard.scroll_into_view_if_needed()
    set_playing(page, dashboard, False)
    set_playing(page, dashboard, True)
    painted = count_new_pictures(page, dashboard, 3.0)
    if painted < 5:
        problems.append(f"Play: {painted} new pictures in 3 s, expected at least 5")
    set_playing(page, dashboard, False)
    page.wait_for_timeout(500)  # a frame already on its way may still arrive
    after_pause = count_new_pictures(page, dashboard, 1.5)
    if after_pause:
        problems.append(f"Pause: {after_pause} new pictures in the 1.5 s after pausing")
    before = image_src(dashboard)
    dashboard.locator("button.jupyter-button", has_text="Step").first.click()
    if not wait_for_new_image(page, dashboard, before):
        problems.append("Step: the picture did not change")
    elif count_new_pictures(page, dashboard, 1.0):
        problems.append("Step: the picture went on changing after one frame")
    if is_playing(dashboard):
        problems.append("Step left Play pressed")
    return problems


def drive_choices(page, dashboard, timeout_ms: float = PICTURE_TIMEOUT_MS) -> tuple[list[str], list[str]]:
    """Choose every option of every drop-down list in turn, then the first again; each must bring a new picture.

    Returns the labels of the lists driven and the problems found.
    """
    labels, problems = [], []
    dashboard.scroll_into_view_if_needed()
    for dropdown in dashboard.locator(".widget-dropdown").all():
        label = dropdown.locator(".widget-label").first.inner_text().strip()
        labels.append(label)
        select = dropdown.locator("select").first
        options = [option.get_attribute("value") for option in select.locator("option").all()]
        start = select.input_value()
        for value in [*(option for option in options if option != start), start]:
            before = image_src(dashboard)
            select.select_option(value)
            if not wait_for_new_image(page, dashboard, before, timeout_ms):
                problems.append(f"list {label!r}: choosing option {value!r} did not change the picture")
    return labels, problems
