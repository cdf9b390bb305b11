"""Slider dashboards: one pattern for every notebook.

A dashboard is a figure that is made once, sliders, and a *draw* function.
When a slider moves, ``draw(**values)`` updates the figure's artists in place
(new line data, new image data: no new axes) and returns a short HTML readout;
the dashboard then renders the figure to PNG and swaps it into an image widget.
Nothing is cleared, so the picture never flickers and never changes size.

Because ``draw`` is a plain function of the slider values, tests can call it at
every slider's ends without a browser.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from ..figures.style import new_figure
from .frames import FrameRenderer

DrawFunction = Callable[..., str]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@dataclass(frozen=True)
class Slider:
    """What a slider controls and how it moves.

    Parameters
    ----------
    name : str
        The keyword argument of the draw function it feeds.
    label : str
        What the learner reads next to it (a symbol, with units if any).
    low, high, step, value : float
        Range, resolution and starting (reset) value.
    integer : bool
        Whole numbers only (e.g. a depth).
    options : tuple of float
        If given, the slider steps through exactly these values (e.g. log-spaced
        epochs that were recorded); ``low``, ``high`` and ``step`` are then ignored.
    """

    name: str
    label: str
    low: float
    high: float
    step: float
    value: float
    integer: bool = False
    readout_format: str = ".2f"
    options: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        if self.options:
            if self.value not in self.options:
                raise ValueError(f"slider {self.name!r}: value {self.value} is not one of its options")
            return
        if not self.low <= self.value <= self.high:
            raise ValueError(f"slider {self.name!r}: value {self.value} is outside [{self.low}, {self.high}]")
        if self.step <= 0:
            raise ValueError(f"slider {self.name!r}: step must be positive, got {self.step}")

    @classmethod
    def from_options(cls, name: str, label: str, options: tuple[float, ...], value: float) -> Slider:
        """A slider over a fixed list of values."""
        return cls(name, label, options[0], options[-1], 1, value, options=tuple(options))

    def make_widget(self) -> widgets.IntSlider | widgets.FloatSlider | widgets.SelectionSlider:
        """Build the ipywidgets slider; it redraws on every step of a drag or key press."""
        common = {
            "description": self.label,
            "continuous_update": True,
            "style": {"description_width": "6em"},  # room for labels such as "centring"
            "layout": widgets.Layout(width="24em"),
        }
        if self.options:
            labelled = [(f"{option:g}", option) for option in self.options]
            return widgets.SelectionSlider(options=labelled, value=self.value, **common)
        if self.integer:
            return widgets.IntSlider(
                value=int(self.value), min=int(self.low), max=int(self.high), step=int(self.step), **common
            )
        return widgets.FloatSlider(
            value=self.value,
            min=self.low,
            max=self.high,
            step=self.step,
            readout_format=self.readout_format,
            **common,
        )


class Dashboard:
    """Sliders, buttons, a live figure and a readout, wired together.

    Parameters
    ----------
    figure : Figure
        Made once; ``draw`` changes its artists in place.
    draw : callable
        ``draw(**slider_values) -> str``: update the figure, return HTML for the readout.
    sliders : sequence of Slider
    live_artists : sequence of Artist
        The artists ``draw`` changes. Only they are redrawn on a slider move;
        leave empty if ``draw`` changes anything else (limits, ticks, labels).
    title : str
        One line above the sliders saying what to try.
    buttons : sequence of (label, callback)
        Extra buttons; each callback gets the dashboard. A "Reset" button is always added.
    """

    def __init__(
        self,
        figure: Figure,
        draw: DrawFunction,
        sliders: Sequence[Slider],
        *,
        live_artists: Sequence[Artist] = (),
        title: str = "",
        buttons: Sequence[tuple[str, Callable[[Dashboard], None]]] = (),
    ) -> None:
        self.figure = figure
        self._draw = draw
        self.specs = {spec.name: spec for spec in sliders}
        self.sliders = {spec.name: spec.make_widget() for spec in sliders}
        self.readout = widgets.HTML(layout=widgets.Layout(min_height="2.5em"))
        width, height = (figure.get_size_inches() * figure.dpi).round().astype(int)
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=f"{width}px", height=f"{height}px"))
        self.buttons = {"Reset": self._button("Reset", lambda dashboard: dashboard.reset(), "undo")}
        for label, callback in buttons:
            self.buttons[label] = self._button(label, callback)
        self._quiet = False
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        controls = widgets.VBox([*self.sliders.values(), widgets.HBox(list(self.buttons.values()))])
        parts = [widgets.HTML(f"<b>{title}</b>")] if title else []
        self.widget = widgets.VBox([*parts, widgets.HBox([controls, self.readout]), self.image])
        # Draw once so the artists hold data before the layout is fixed, then show that first frame.
        self.readout.value = self._draw(**self.values())
        self.renderer = FrameRenderer(figure, live_artists)
        self.image.value = self.renderer.render()

    def _button(self, label: str, callback: Callable[[Dashboard], None], icon: str = "") -> widgets.Button:
        button = widgets.Button(description=label, icon=icon, layout=widgets.Layout(width="auto"))
        button.on_click(lambda _button: callback(self))
        return button

    @property
    def png(self) -> bytes:
        """The picture currently shown, as PNG bytes."""
        return bytes(self.image.value)

    def values(self) -> dict[str, float]:
        """The current slider values, by name."""
        return {name: slider.value for name, slider in self.sliders.items()}

    def set_values(self, **values: float) -> None:
        """Move several sliders at once and redraw once."""
        unknown = set(values) - set(self.sliders)
        if unknown:
            raise ValueError(f"no slider named {sorted(unknown)}; the sliders are {sorted(self.sliders)}")
        self._quiet = True
        try:
            for name, value in values.items():
                self.sliders[name].value = value
        finally:
            self._quiet = False
        self.refresh()

    def reset(self) -> None:
        """Put every slider back to its starting value."""
        self.set_values(**{name: spec.value for name, spec in self.specs.items()})

    def refresh(self) -> None:
        """Redraw the figure for the current slider values."""
        self.readout.value = self._draw(**self.values())
        self.image.value = self.renderer.render()

    def _on_change(self, _change: dict) -> None:
        if not self._quiet:
            self.refresh()

    def _repr_mimebundle_(self, **kwargs):  # show the dashboard when it ends a cell
        if hasattr(self.widget, "_repr_mimebundle_"):  # ipywidgets 8
            return self.widget._repr_mimebundle_(**kwargs)
        return _widget_view(self.widget)  # ipywidgets 7 (Colab's) shows a widget only through display()


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
