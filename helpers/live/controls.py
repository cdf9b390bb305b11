"""What a dashboard's controls are: a slider over numbers, or a choice among named options."""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets


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
        if isinstance(self.value, bool) or not isinstance(self.value, numbers.Real):
            raise ValueError(f"slider {self.name!r}: value {self.value!r} is not a number")
        if self.integer and self.value != int(self.value):
            raise ValueError(f"slider {self.name!r}: value {self.value} is not a whole number")
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


@dataclass(frozen=True)
class Choice:
    """A choice among a few named options (a drop-down list); its value feeds the draw function like a slider's.

    Parameters
    ----------
    name : str
        The keyword argument of the draw function it feeds.
    label : str
        What the learner reads next to it.
    options : tuple
        The values the draw function can get, in the order shown.
    value
        The starting (reset) value, one of ``options``.
    labels : tuple of str
        What the learner reads for each option (default: the option itself).
    """

    name: str
    label: str
    options: tuple
    value: Any
    labels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.options:
            raise ValueError(f"choice {self.name!r}: give at least one option")
        if self.value not in self.options:
            raise ValueError(f"choice {self.name!r}: value {self.value!r} is not one of its options {self.options}")
        if self.labels and len(self.labels) != len(self.options):
            raise ValueError(f"choice {self.name!r}: give one label per option, or none")

    def make_widget(self) -> widgets.Dropdown:
        """Build the drop-down list; choosing an option redraws at once."""
        labels = self.labels or tuple(str(option) for option in self.options)
        return widgets.Dropdown(
            options=list(zip(labels, self.options, strict=True)),
            value=self.value,
            description=self.label,
            style={"description_width": "6em"},
            layout=widgets.Layout(width="24em"),
        )
