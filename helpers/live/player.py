"""Play, Pause and Step for a dashboard whose picture moves by itself (a training run, say).

Play runs a loop on the kernel's own asyncio event loop (ipykernel runs one): draw a frame, send it,
and only then schedule the next one. Nothing runs in a thread and nothing piles up: there is never
more than one frame scheduled, a frame that takes longer than its share of a second simply makes the
next one start at once, and a click on Pause, which the same loop handles between two frames, cancels
the scheduled frame. So Pause takes effect within one frame, and the kernel stays free for other cells.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import ipywidgets as widgets


class Player:
    """A Play/Pause toggle and a Step button driving ``frame``.

    Parameters
    ----------
    frame : callable
        ``frame() -> bool``: move on by one frame and redraw; return False when there is nothing more to
        show (Play then stops by itself).
    step : callable, optional
        What Step does after pausing, ``step() -> bool`` (a smaller move than a frame, say); ``frame`` if not given.
    frames_per_second : float
        At most this many frames while playing; fewer if a frame takes longer.
    """

    def __init__(
        self, frame: Callable[[], bool], *, step: Callable[[], bool] | None = None, frames_per_second: float = 25.0
    ) -> None:
        if not frames_per_second > 0:
            raise ValueError(f"frames_per_second must be positive, got {frames_per_second}")
        self.frame = frame
        self._step = step or frame
        self.period = 1.0 / frames_per_second
        auto = widgets.Layout(width="auto")
        self.toggle = widgets.ToggleButton(value=False, description="Play", icon="play", layout=auto)
        self.step_button = widgets.Button(description="Step", icon="step-forward", layout=auto)
        self.toggle.observe(self._on_toggle, names="value")
        self.step_button.on_click(lambda _button: self.step())
        self.scheduled: asyncio.TimerHandle | None = None
        self.frames_played = 0

    @property
    def playing(self) -> bool:
        """True while Play is pressed."""
        return bool(self.toggle.value)

    def play(self) -> None:
        """Start playing (as a click on Play does); needs a running event loop, as in a Jupyter kernel."""
        self.toggle.value = True

    def pause(self) -> None:
        """Stop playing; the frame on screen stays."""
        self.toggle.value = False

    def step(self) -> bool:
        """Pause, then move on once (one frame, or what ``step`` does) and redraw; return whether there is more."""
        self.pause()
        return self._step()

    def _on_toggle(self, change: dict) -> None:
        self.toggle.description, self.toggle.icon = ("Pause", "pause") if change["new"] else ("Play", "play")
        self._cancel()
        if change["new"]:
            self._schedule(0.0)

    def _schedule(self, delay: float) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop runs here (a plain script, not a kernel): nothing can play
            self.pause()
            return
        self.scheduled = loop.call_later(delay, self._tick)

    def _cancel(self) -> None:
        if self.scheduled is not None:
            self.scheduled.cancel()
            self.scheduled = None

    def _tick(self) -> None:
        """One frame of Play; the next is scheduled only once this one has been drawn and sent."""
        self.scheduled = None
        if not self.playing:
            return
        started = time.perf_counter()
        try:
            more = self.frame()
        except Exception:
            self.pause()
            raise
        self.frames_played += 1
        if not more:
            self.pause()
        elif self.playing and self.scheduled is None:
            self._schedule(max(0.0, self.period - (time.perf_counter() - started)))
