"""Shareable states: "Show as code" writes one line of Python that builds a dashboard again at its current picture.

A teacher moves the controls to the picture a lesson should start from, presses "Show as code" and copies
the line, say ``decision_line_dashboard(X, y, w1=1.2, w2=-0.4, b=0.3)``. Run in a cell of the same notebook,
it builds the same picture, and its Reset comes back there rather than to the builder's default.

Every builder is wrapped in :func:`shareable`, which does two things. It takes the value of any control as a
keyword argument named like the control: where that control starts. And it records the call, so that the line
writes each argument as it was given: a number, a string or a tuple of them as itself, anything else (data, a
training history) as the name the calling code had for it.

A builder itself always lays its figure out with the controls at its own defaults, and the wrapper then moves
them: the layout is fixed by a dashboard's first frame, so the line gives the same picture, pixel for pixel, as
the dashboard it was written from, however either got there.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import inspect
import keyword
import sys
from collections.abc import Callable, Iterator, Mapping
from types import FrameType
from typing import Any

import ipywidgets as widgets
import numpy as np

from .controls import Choice, Slider
from .dashboard import Dashboard

#: Never written into a line: IPython's record of inputs and outputs (names starting with "_" are left out too).
HIDDEN_NAMES = frozenset({"In", "Out"})

Builder = Callable[..., Dashboard]


def shareable(builder: Builder) -> Builder:
    """Wrap a dashboard builder: its dashboards get "Show as code", and it takes every control's starting value.

    A keyword argument that is no parameter of the builder must name one of the dashboard's controls: the
    control starts at that value, and Reset returns to it (``ValueError`` if there is no such control, or the
    value is outside its range or not one of its options). So a builder has no parameter named like a control.
    """
    signature = inspect.signature(builder)
    kinds = {parameter.kind for parameter in signature.parameters.values()}
    if kinds & {inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD}:
        raise TypeError(f"{builder.__name__}: a shareable builder takes no *args or **kwargs")

    @functools.wraps(builder)
    def build(*args: Any, **kwargs: Any) -> Dashboard:
        own = {name: value for name, value in kwargs.items() if name in signature.parameters}
        starting = {name: value for name, value in kwargs.items() if name not in own}
        caller = sys._getframe(1)  # the code that called the builder: the names it has for the arguments
        try:
            recipe = Recipe.of(builder.__name__, signature.bind(*args, **own), caller)
        finally:
            del caller  # a frame kept alive would keep every variable of the notebook alive
        dashboard = builder(*args, **own)
        start_at(dashboard, starting, builder.__name__)
        dashboard.sharing = CodeBox(dashboard, recipe)
        return dashboard

    return build


def start_at(dashboard: Dashboard, values: Mapping[str, Any], builder: str = "this dashboard") -> None:
    """Make ``values`` the starting values of the controls they name: shown now, and what Reset returns to."""
    if not values:
        return
    unknown = sorted(set(values) - set(dashboard.specs))
    if unknown:
        raise ValueError(
            f"{builder} has no parameter or control named {unknown}; its controls are {list(dashboard.specs)}"
        )
    for name, value in values.items():
        dashboard.specs[name] = dataclasses.replace(dashboard.specs[name], value=value)  # the spec checks the value
    dashboard.reset()


@dataclasses.dataclass(frozen=True)
class Recipe:
    """How a dashboard was built: the builder's name and the arguments it was given, as the line writes them.

    Attributes
    ----------
    builder : str
    arguments : tuple of (parameter, text, by position)
        Each argument given, in the builder's order; ``text`` is a Python literal or a name.
    namespace : dict
        Each name the arguments use, and the object it stood for when the dashboard was built.
    stand_ins : tuple of str
        Names that stand for an object the calling code had no name for (the parameter's own name is used).
    """

    builder: str
    arguments: tuple[tuple[str, str, bool], ...]
    namespace: Mapping[str, Any]
    stand_ins: tuple[str, ...]

    @classmethod
    def of(cls, builder: str, bound: inspect.BoundArguments, caller: FrameType) -> Recipe:
        """Record a call: ``bound`` holds the arguments given, ``caller`` the frame that gave them."""
        spaces = [caller.f_locals] + ([caller.f_globals] if caller.f_globals is not caller.f_locals else [])
        arguments, namespace, stand_ins = [], {}, []
        for parameter, value, by_position in _given(bound):
            text, name, held, stand_in = _written(value, parameter, spaces)
            arguments.append((parameter, text, by_position))
            if name is not None:
                namespace[name] = held
            if stand_in:
                stand_ins.append(name)
        return cls(builder, tuple(arguments), namespace, tuple(stand_ins))

    def line(self, specs: Mapping[str, Slider | Choice], values: Mapping[str, Any], extra: Mapping[str, Any]) -> str:
        """The call that builds the dashboard again with its controls at ``values`` and its ``extra`` state."""
        parts = [text if by_position else f"{name}={text}" for name, text, by_position in self.arguments]
        parts += [f"{name}={control_text(spec, values[name])}" for name, spec in specs.items()]
        parts += [f"{name}={_checked_literal(name, value)}" for name, value in extra.items()]
        return f"{self.builder}({', '.join(parts)})"


def _given(bound: inspect.BoundArguments) -> Iterator[tuple[str, Any, bool]]:
    """Each argument given: its parameter, its value, and whether the line passes it by position."""
    for name, value in bound.arguments.items():
        parameter = bound.signature.parameters[name]
        positional = parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD)
        yield name, value, positional and parameter.default is parameter.empty


def _written(value: Any, parameter: str, spaces: list[Mapping[str, Any]]) -> tuple[str, str | None, Any, bool]:
    """How a line writes an argument: ``(text, the name it uses or None, what that name holds, stand-in or not)``.

    A number, a string, a bool or None is written as itself. Anything else is written as the name the calling
    code had for that very object (``X``, or ``task.X_train`` for a field of a dataclass it had), the
    parameter's name first if it is one of them; failing that, a tuple or list of literals as itself, and
    anything else as the parameter's name, which then stands in for it.
    """
    value = value.item() if isinstance(value, np.generic) else value
    literal = literal_text(value)
    if literal is not None and not isinstance(value, tuple | list | dict | set):
        return literal, None, None, False
    found = _name_of(value, parameter, spaces)
    if found is not None:
        return (*found, False)
    if literal is not None:
        return literal, None, None, False
    return parameter, parameter, value, True


def _name_of(value: Any, parameter: str, spaces: list[Mapping[str, Any]]) -> tuple[str, str, Any] | None:
    names = [name for space in spaces for name, held in space.items() if held is value and _shown(name)]
    if names:
        name = parameter if parameter in names else names[0]
        return name, name, value
    for space in spaces:
        for name, held in space.items():
            if _shown(name) and dataclasses.is_dataclass(held) and not isinstance(held, type):
                for field in dataclasses.fields(held):
                    if getattr(held, field.name, None) is value:
                        return f"{name}.{field.name}", name, held
    return None


def _shown(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name) and not name.startswith("_") and name not in HIDDEN_NAMES


def literal_text(value: Any) -> str | None:
    """``repr(value)`` if it is a Python literal that reads back as ``value`` (numbers, strings, tuples of them)."""
    text = repr(value)
    try:
        same = ast.literal_eval(text) == value
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return text if same is True else None


def _checked_literal(name: str, value: Any) -> str:
    text = literal_text(value.item() if isinstance(value, np.generic) else value)
    if text is None:
        raise ValueError(f"{name} = {value!r} cannot be written as a Python literal")
    return text


def control_text(spec: Slider | Choice, value: Any) -> str:
    """A control's value as a line writes it.

    A slider over a range: its number without float noise (0.3, not 0.30000000000000004), a whole number if
    the slider is; a slider over options, or a choice: the option itself, exactly.
    """
    if isinstance(spec, Choice) or spec.options:
        return _checked_literal(spec.name, value)
    if spec.integer:
        return str(int(value))
    value = float(value)
    for digits in range(16):  # the fewest decimals that are the value but for float noise (a few units in the last bit)
        if abs(round(value, digits) - value) <= 4 * np.spacing(abs(value)):
            return repr(round(value, digits))
    return repr(value)


class CodeBox:
    """The "Show as code" button, and the box it fills with the line that builds the dashboard again."""

    def __init__(self, dashboard: Dashboard, recipe: Recipe) -> None:
        self.dashboard, self.recipe = dashboard, recipe
        hidden = {"display": "none", "width": "100%"}
        self.text = widgets.Textarea(rows=2, layout=widgets.Layout(**hidden))
        self.note = widgets.HTML(layout=widgets.Layout(**hidden))
        self.button = dashboard.add_button("Show as code", lambda _dashboard: self.show(), icon="code")
        dashboard.widget.children = (*dashboard.widget.children, self.text, self.note)

    def line(self) -> str:
        """The line for the picture shown now."""
        dashboard = self.dashboard
        return self.recipe.line(dashboard.specs, dashboard.values(), dashboard.extra_state())

    def show(self) -> None:
        """Fill the box with the line and show it, with a note on how to use it."""
        self.text.value = self.line()
        note = "Run this line in a cell of this notebook: it builds this picture again, and Reset comes back here."
        if self.recipe.stand_ins:
            names = ", ".join(f"<code>{name}</code>" for name in self.recipe.stand_ins)
            note += f" {names}: what was given as these arguments (it had no name where the dashboard was built)."
        self.note.value = f"<small>{note}</small>"
        self.text.layout.display = self.note.layout.display = None
