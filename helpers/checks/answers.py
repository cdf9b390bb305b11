"""Reading a learner's answer before a checker judges it.

A checker never raises at a learner, whatever was typed: nothing yet (``...``),
text, NaN, a list of the wrong length, a function that raises.  Each reader here
returns either the value it understood or the :class:`Feedback` that says what
to fix, so every checker starts the same way::

    value = read_number(answer, what="your value of sigma'(5)")
    if isinstance(value, Feedback):
        return value

None of these functions raises or warns, whatever it is given.
"""

from __future__ import annotations

import math
import numbers
import warnings
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np

from .feedback import Feedback, todo, wrong

T = TypeVar("T")
_FAILED = object()  # what _quietly returns when the action raised or warned


def _quietly(action: Callable[..., T], *args: Any) -> T | object:
    """``action(*args)``, or ``_FAILED`` if it raises or warns (a learner's object may do anything)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return action(*args)
    except Exception:
        return _FAILED


def is_unanswered(*answers: Any) -> bool:
    """True if any answer is still the placeholder ``...`` or ``None``."""
    return any(answer is Ellipsis or answer is None for answer in answers)


def describe(value: Any, limit: int = 60) -> str:
    """A short text for ``value`` to quote in a hint, even if its ``repr`` raises."""
    text = _quietly(repr, value)
    if not isinstance(text, str) or " object at 0x" in text:  # no repr, or the default one with an address
        name = _quietly(lambda: type(value).__name__)
        return f"a {name} object" if isinstance(name, str) else "an object"
    text = str.__str__(text)  # a plain str, whatever str subclass repr returned
    return text if len(text) <= limit else text[: limit - 3] + "..."


def read_number(value: Any, *, what: str, fill_in: str | None = None) -> float | Feedback:
    """One real, finite number, as a float, or the feedback that says what to fix.

    Python and numpy numbers are accepted, and so is a numpy array that holds
    exactly one number.  ``...`` or None mean "not answered yet" (``fill_in`` is
    then the to-do message).  Text, True/False, complex numbers, lists, NaN, infinities,
    and objects that cannot become a float get a hint that names ``what``.
    """
    if is_unanswered(value):
        return todo(fill_in or f"Replace the ... with {what}, then run the cell again.")
    kind = type(value)
    if issubclass(kind, np.ndarray):
        value = _quietly(lambda: value.item() if value.size == 1 and value.dtype.kind in "iuf" else _FAILED)
        if value is _FAILED:
            return wrong(f"Give {what} as one number, not an array of values.")
        kind = type(value)
    if issubclass(kind, bool | np.bool_):
        return wrong(f"Give {what} as a number, not the truth value {describe(value)}.")
    if issubclass(kind, str | bytes):
        return wrong(f"Give {what} as a number without quotes, not the text {describe(value)}.")
    if issubclass(kind, numbers.Complex) and not issubclass(kind, numbers.Real):
        return wrong(f"Give {what} as a real number, not the complex number {describe(value)}.")
    if issubclass(kind, list | tuple | set | frozenset | dict):
        return wrong(f"Give {what} as one number, not a {kind.__name__}: got {describe(value)}.")
    number = _quietly(float, value)
    if not isinstance(number, float):
        return wrong(f"Give {what} as one number, like 0.5: {describe(value)} is not a number Python can read.")
    if not math.isfinite(number):
        return wrong(f"Give {what} as a finite number, not {number}: check for a division by 0 or an overflow.")
    return number


def read_whole_number(value: Any, *, what: str, fill_in: str | None = None) -> int | Feedback:
    """A whole number, as an int: 10, 10.0 and numpy integers are fine; 10.9 or 10.0000001 get a hint."""
    number = read_number(value, what=what, fill_in=fill_in)
    if isinstance(number, Feedback):
        return number
    if not number.is_integer():
        return wrong(f"Give {what} as a whole number, like 3, not {describe(value)}.")
    return int(number)


def agrees_to_significant_figures(value: float, exact: float, figures: int) -> bool:
    """Does ``value`` agree with ``exact`` to ``figures`` significant figures?

    That is: within half a unit of the last of those figures, so every correct rounding
    of ``exact`` to ``figures`` or more figures agrees.  For an exact 0 the unit is
    taken at the ``figures``-th decimal place.
    """
    scale = math.floor(math.log10(abs(exact))) if exact != 0 else -1
    half_unit = 0.5 * 10.0 ** (scale - figures + 1)
    return abs(value - exact) <= half_unit * (1 + 1e-9)  # the 1e-9: a typed 0.0066 is not exactly 66e-4


def read_name(value: Any, allowed: Sequence[str], *, what: str, fill_in: str | None = None) -> str | Feedback:
    """One of the names ``allowed`` (any case, spaces around ignored), as it is spelt in ``allowed``."""
    if is_unanswered(value):
        return todo(fill_in or f"Replace the ... with {what}, then run the cell again.")
    options = " or ".join(repr(name) for name in allowed)
    if not issubclass(type(value), str):
        return wrong(f"Give {what} as a name in quotes, {options}; got {describe(value)}.")
    given = str.lower(str.strip(value))  # plain str methods: a str subclass cannot intervene
    for name in allowed:
        if given == name.lower():
            return name
    return wrong(f"{describe(value)} is not one of the names here: give {what} as {options}.")


def read_choices(
    value: Any, allowed: Sequence[str], *, what: str, fill_in: str | None = None
) -> frozenset[str] | Feedback:
    """A list (or tuple or set) of distinct names from ``allowed``, such as ``['a', 'c']``; ``[]`` is allowed."""
    if is_unanswered(value):
        return todo(fill_in or f"Replace the ... with {what}, a list such as ['a'], then run the cell again.")
    example = f"[{', '.join(repr(name) for name in allowed[:2])}]"
    kind = type(value)
    if issubclass(kind, str):
        return wrong(f"Put the letters of {what} in a list, like {example}, not in the text {describe(value)}.")
    if not issubclass(kind, list | tuple | set | frozenset):
        return wrong(f"Give {what} as a list of letters, like {example} (or [] for none); got {describe(value)}.")
    items = _quietly(list, value)
    if not isinstance(items, list):
        return wrong(f"Give {what} as a plain list of letters, like {example}; {describe(value)} cannot be read.")
    chosen: list[str] = []
    for item in items:
        if is_unanswered(item):
            return todo(fill_in or f"Replace the ... in {what} with letters, then run the cell again.")
        name = read_name(item, allowed, what=f"each entry of {what}")
        if isinstance(name, Feedback):
            return name
        if name in chosen:
            return wrong(f"{name!r} appears twice in {what}: list each letter once.")
        chosen.append(name)
    return frozenset(chosen)


def read_function_values(function: Any, z: np.ndarray, *, fill_in: str | None = None) -> np.ndarray | Feedback:
    """The values of a learner's ``function`` at the points ``z``: one finite number per point.

    The function may raise, warn, return None, ``...``, text, a wrong shape or NaN: each gets
    a hint.  Warnings it emits are not shown; its values are judged.  It is called on a copy of ``z``.
    """
    if not callable(function):
        return wrong(f"Pass the function itself (its name, without brackets), not {describe(function)}.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = function(z.copy())
    except Exception as error:  # a learner's code may raise anything: report it, never a traceback
        return wrong(
            f"Your function raised {type(error).__name__}: {describe(error, 100)}. "
            "Make it work on a numpy array of z values."
        )
    if is_unanswered(result):
        return todo(fill_in or "Replace the ... in your function's return line with a formula, then run the cell.")
    values = _quietly(np.asarray, result)
    if not isinstance(values, np.ndarray) or values.dtype.kind not in "iuf":
        return wrong(f"Your function should return numbers (one per z), but it returned {describe(result)}.")
    if values.shape not in {(), z.shape}:
        return wrong(f"Your function should return one number per z, shape {z.shape}, not shape {values.shape}.")
    values = np.broadcast_to(values.astype(np.float64), z.shape)
    finite = np.isfinite(values)
    if not finite.all():
        first = int(np.argmin(finite))
        return wrong(f"At z = {z[first]:g} your function gives {values[first]}: look for a division by 0 or overflow.")
    return values


def read_quiz(
    answers: Any, questions: Sequence[str], read_one: Callable[[Any, str], T | Feedback], *, fill_in: str
) -> dict[str, T] | Feedback:
    """A dict with one answer per key of ``questions``, each read by ``read_one(value, key)``."""
    if is_unanswered(answers):
        return todo(fill_in)
    listed = ", ".join(repr(key) for key in questions)
    pairs = _quietly(lambda: list(dict.items(answers))) if issubclass(type(answers), dict) else _FAILED
    if not isinstance(pairs, list):
        return wrong(f"Keep the answers in the dict of the exercise, with the keys {listed}; got {describe(answers)}.")
    given: dict[str, Any] = {}
    for key, value in pairs:
        if not issubclass(type(key), str) or str.__str__(key) not in questions:
            return wrong(f"{describe(key)} is not one of the questions: the keys are {listed}.")
        given[str.__str__(key)] = value
    missing = [key for key in questions if key not in given]
    if missing:
        return wrong(f"Answer every question: the key {missing[0]!r} is missing (the keys are {listed}).")
    if is_unanswered(*given.values()):
        return todo(fill_in)
    parsed: dict[str, T] = {}
    for key in questions:
        answer = read_one(given[key], key)
        if isinstance(answer, Feedback):
            return answer
        parsed[key] = answer
    return parsed


def read_truth_value(value: Any, key: str) -> bool | Feedback:
    """True or False (numpy's too), without quotes: the answer to the statement ``key``."""
    if value is True or value is False or issubclass(type(value), np.bool_):
        return bool(value)
    return wrong(f"Answer {key!r} with True or False, without quotes; got {describe(value)}.")


def read_truth_values(answers: Any, statements: Sequence[str], *, fill_in: str) -> dict[str, bool] | Feedback:
    """A True/False quiz: a dict with one truth value per statement key."""
    return read_quiz(answers, statements, read_truth_value, fill_in=fill_in)


def read_names(
    answers: Any, questions: Sequence[str], options: Sequence[str], *, fill_in: str
) -> dict[str, str] | Feedback:
    """A quiz whose answers are names from ``options`` (any case): a dict with one per question key."""
    return read_quiz(
        answers, questions, lambda value, key: read_name(value, options, what=f"the answer to {key!r}"), fill_in=fill_in
    )


def _flattened(value: Any) -> list | object:
    """The items of a list, tuple or array, nested ones included (a column [[1], [2]] gives [1, 2])."""
    if isinstance(value, np.ndarray):
        return list(value.ravel())
    if not isinstance(value, list | tuple):
        return _FAILED
    items = []
    for item in value:
        inner = _flattened(item) if isinstance(item, list | tuple | np.ndarray) else [item]
        if not isinstance(inner, list):
            return _FAILED
        items.extend(inner)
    return items


def holds_placeholder(value: Any) -> bool:
    """True for ``...`` or None, or a list, tuple or array that still holds one (never raises)."""
    items = _quietly(_flattened, value)
    return is_unanswered(value) or (isinstance(items, list) and any(is_unanswered(item) for item in items))


def read_numbers(value: Any, count: int, *, what: str, fill_in: str | None = None) -> np.ndarray | Feedback:
    """Exactly ``count`` real, finite numbers (a list, tuple or array of any shape) as a flat array, or a hint."""
    if is_unanswered(value):
        return todo(fill_in or f"Replace the ... with {what}, then run the cell again.")
    elements = _quietly(_flattened, value)
    if not isinstance(elements, list):
        return wrong(f"Give {what} as a list of {count} numbers; got {describe(value)}.")
    if len(elements) != count:
        return wrong(f"Give {what} as {count} numbers; yours has {len(elements)}.")
    numbers = [read_number(element, what=f"each of {what}", fill_in=fill_in) for element in elements]
    for number in numbers:
        if isinstance(number, Feedback):
            return number
    return np.array(numbers, dtype=np.float64)


def read_weights(w: Any, b: Any, *, n_inputs: int = 2, fill_in: str) -> tuple[np.ndarray, float] | Feedback:
    """The weights ``w`` (a list or array of ``n_inputs`` numbers) and the bias ``b`` (one number) of a neuron.

    Numbers so large that ``w . x + b`` could overflow for inputs of 0 and 1 get a hint too.
    """
    if is_unanswered(w, b):
        return todo(fill_in)
    shape = f"w = [{', '.join(f'w{i + 1}' for i in range(n_inputs))}]"
    kind = type(w)
    if issubclass(kind, np.ndarray):
        elements = list(w) if w.ndim == 1 else _FAILED
    elif issubclass(kind, list | tuple):
        elements = _quietly(list, w)
    else:
        elements = _FAILED
    if not isinstance(elements, list):
        return wrong(f"Give the weights as a list of {n_inputs} numbers, {shape}; got {describe(w)}.")
    if len(elements) != n_inputs:
        return wrong(f"A perceptron for {n_inputs} inputs has {n_inputs} weights, {shape}; yours has {len(elements)}.")
    weights = [read_number(element, what="each weight", fill_in=fill_in) for element in elements]
    bias = read_number(b, what="the bias b (one number)", fill_in=fill_in)
    for number in (*weights, bias):
        if isinstance(number, Feedback):
            return number
    if not math.isfinite(sum(abs(number) for number in (*weights, bias))):
        return wrong(
            "These numbers are too large to add up without overflowing. Divide them all by the same positive "
            "number: that keeps the line and the side that fires."
        )
    return np.array(weights, dtype=np.float64), bias
