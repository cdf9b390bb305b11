"""Slider dashboards: one pattern for every notebook.

A dashboard is a figure that is made once, controls (sliders and choices), and a
*draw* function. When a control changes, ``draw(**values)`` updates the figure's
artists in place (new line data, new image data: no new axes) and returns a short
HTML readout; the dashboard then renders the figure to PNG and swaps it into an
image widget. Nothing is cleared, so the picture never flickers and never changes size.

Because ``draw`` is a plain function of the control values, tests can call it at
every control's ends without a browser. A dashboard whose picture also moves by
itself (a training run) gets Play, Pause and Step from :class:`~helpers.live.player.Player`.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from ..figures.png import compact_png
from ..figures.projector import presenting
from ..figures.style import new_figure
from .controls import Choice, Slider
from .frames import FrameRenderer
from .player import Player
from .projector import dress_for_projector

DrawFunction = Callable[..., str]


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


READOUT_CLASS = "dashboard-readout"  # how a browser finds the readout among a dashboard's HTML widgets


Control = Slider | Choice


class Dashboard:
    """Controls, buttons, a live figure and a readout, wired together.

    Parameters
    ----------
    figure : Figure
        Made once; ``draw`` changes its artists in place.
    draw : callable
        ``draw(**control_values) -> str``: update the figure, return HTML for the readout.
    controls : sequence of Slider or Choice
    live_artists : sequence of Artist
        The artists ``draw`` changes. Only they are redrawn on a control change;
        leave empty if ``draw`` changes anything else (ticks, labels) on every change.
    title : str
        One line above the controls saying what to try.
    buttons : sequence of (label, callback)
        Extra buttons; each callback gets the dashboard. A "Reset" button is always added.
    advance : callable, optional
        ``advance() -> bool``: move what the picture shows on by one frame (say, a few training steps);
        return False when there is nothing more to show. Given it, the dashboard gets Play/Pause and Step
        (``self.player``); each frame calls ``advance`` and then redraws with the current control values.
    step : callable, optional
        What Step does, like ``advance`` (say, one training step); one frame of Play if not given.
    on_reset : callable, optional
        Called by Reset before the controls go back to their starting values (e.g. to start a run again).
    extra_state : callable, optional
        ``extra_state() -> dict``: what the picture shows beyond the control values (say, the steps a run has
        taken), as keyword arguments of the dashboard's builder; "Show as code" writes them into its line.
    frames_per_second : float
        The most frames Play draws in a second.

    ``controls`` holds every control's widget by name (``sliders`` and ``choices`` each kind), ``specs`` their specs.
    """

    def __init__(
        self,
        figure: Figure,
        draw: DrawFunction,
        controls: Sequence[Control],
        *,
        live_artists: Sequence[Artist] = (),
        title: str = "",
        buttons: Sequence[tuple[str, Callable[[Dashboard], None]]] = (),
        advance: Callable[[], bool] | None = None,
        step: Callable[[], bool] | None = None,
        on_reset: Callable[[], None] | None = None,
        extra_state: Callable[[], dict[str, Any]] | None = None,
        frames_per_second: float = 25.0,
    ) -> None:
        self.figure, self._draw, self._on_reset = figure, draw, on_reset
        self.extra_state = extra_state or dict
        self.sharing = None  # "Show as code": set by helpers.live.sharing.shareable, which builders are wrapped in
        self.specs = {spec.name: spec for spec in controls}
        if len(self.specs) != len(controls):
            raise ValueError("every control needs a name of its own")
        self.controls = {spec.name: spec.make_widget() for spec in controls}
        self.sliders = {name: widget for name, widget in self.controls.items() if isinstance(self.specs[name], Slider)}
        self.choices = {name: widget for name, widget in self.controls.items() if isinstance(self.specs[name], Choice)}
        self.readout = widgets.HTML(layout=widgets.Layout(min_height="2.5em"))
        self.readout.add_class(READOUT_CLASS)
        width, height = (figure.get_size_inches() * figure.dpi).round().astype(int)
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=f"{width}px", height=f"{height}px"))
        self.player, self.buttons = None, {}
        if advance is not None:
            frame, once = (lambda: self._play_frame(advance)), (lambda: self._play_frame(step or advance))
            self.player = Player(frame, step=once, frames_per_second=frames_per_second)
            self.buttons["Step"] = self.player.step_button
        self.buttons["Reset"] = self._button("Reset", lambda dashboard: dashboard.reset(), "undo")
        for label, callback in buttons:
            self.buttons[label] = self._button(label, callback)
        self._quiet = False
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        row = [self.player.toggle] if self.player is not None else []
        self.button_row = widgets.HBox([*row, *self.buttons.values()])
        column = widgets.VBox([*self.controls.values(), self.button_row])
        parts = [widgets.HTML(f"<b>{title}</b>")] if title else []
        self.widget = widgets.VBox([*parts, widgets.HBox([column, self.readout]), self.image])
        # Draw once so the artists hold data before the layout is fixed, then show that first frame.
        self.readout.value = self._draw(**self.values())
        if presenting():  # helpers.presentation(): enlarge the figure (and size the image to it) once, here
            dress_for_projector(self)
        self.renderer = FrameRenderer(figure, live_artists)
        self.image.value = self.renderer.render()

    def _button(self, label: str, callback: Callable[[Dashboard], None], icon: str = "") -> widgets.Button:
        button = widgets.Button(description=label, icon=icon, layout=widgets.Layout(width="auto"))
        button.on_click(lambda _button: callback(self))
        return button

    def add_button(self, label: str, callback: Callable[[Dashboard], None], icon: str = "") -> widgets.Button:
        """Add a button after the others; ``callback`` gets the dashboard."""
        self.buttons[label] = self._button(label, callback, icon)
        self.button_row.children = (*self.button_row.children, self.buttons[label])
        return self.buttons[label]

    @property
    def png(self) -> bytes:
        """The picture currently shown, as PNG bytes."""
        return bytes(self.image.value)

    def values(self) -> dict[str, Any]:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def set_values(self, **values: Any) -> None:
        """Change several controls at once and redraw once."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise ValueError(f"no control named {sorted(unknown)}; the controls are {sorted(self.controls)}")
        self._quiet = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._quiet = False
        self.refresh()

    def reset(self) -> None:
        """Pause, then put every control back to its starting value (and start again, given ``on_reset``)."""
        if self.player is not None:
            self.player.pause()
        if self._on_reset is not None:
            self._on_reset()
        self.set_values(**{name: spec.value for name, spec in self.specs.items()})

    def refresh(self) -> None:
        """Redraw the figure for the current control values."""
        self.readout.value = self._draw(**self.values())
        self.image.value = self.renderer.render()

    def _play_frame(self, advance: Callable[[], bool]) -> bool:
        more = advance()
        self.refresh()
        return more

    def _on_change(self, _change: dict) -> None:
        if not self._quiet:
            self.refresh()

    def _repr_mimebundle_(self, **kwargs):  # show the dashboard when it ends a cell
        if hasattr(self.widget, "_repr_mimebundle_"):  # ipywidgets 8
            bundle = self.widget._repr_mimebundle_(**kwargs)
        else:  # ipywidgets 7 (Colab's) shows a widget only through display()
            bundle = _widget_view(self.widget)
        # Its picture too, stored with the notebook: what GitHub, nbviewer and the HTML hand-outs show.
        return {**bundle, "image/png": base64.b64encode(compact_png(self.png)).decode("ascii")}


def _widget_view(widget: widgets.Widget) -> dict[str, Any]:
    """The output that shows a widget, built as ipywidgets 8 builds it (its 7 has no method for it)."""
    text = repr(widget)
    return {
        "text/plain": text if len(text) <= 110 else text[:110] + "…",
        WIDGET_VIEW: {"version_major": 2, "version_minor": 0, "model_id": widget.model_id},
    }


def dashboard_from_view(
    size: tuple[float, float],
    make_view: Callable[..., Any],
    sliders: Sequence[Slider],
    readout: Callable[..., str],
    *,
    title: str,
    ncols: int = 1,
) -> Dashboard:
    """The skeleton most dashboards share: a figure, one view on its axes, sliders that feed ``view.update``.

    ``make_view(*axes)`` builds the view (it has ``update(**slider_values)`` and ``live_artists``);
    ``readout(info, **slider_values)`` turns what ``update`` returns into the readout's HTML.
    """
    figure, axes = new_figure(*size, ncols=ncols)
    view = make_view(*axes)

    def draw(**values: float) -> str:
        return readout(view.update(**values), **values)

    return Dashboard(figure, draw, sliders, live_artists=view.live_artists, title=title)


def number_or_none(value: float | None, digits: int = 2) -> str:
    """Format a readout number; ``None`` means 'does not exist'."""
    return "none" if value is None else f"{value:.{digits}f}"
