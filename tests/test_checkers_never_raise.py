"""Every checker answers anything a learner can type with feedback: never a traceback, never a warning.

The checkers are found by listing (every public ``check_*`` function in every module of
``helpers.checks``), so a checker added later is held to this at once.  Each is called with
hypothesis strategies for every argument: nothing yet, text, NaN, infinities, huge numbers,
True/False, lists, tuples and dicts of the wrong length with unknown names, nested junk, numpy
arrays of odd shapes, functions that raise or return junk, and objects whose ``__float__``,
``__index__``, ``__iter__``, ``__len__``, ``__eq__``, ``__hash__``, ``__repr__`` or ``__str__`` raise.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
import warnings
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import helpers.checks
from helpers import sigmoid
from helpers.checks.feedback import Feedback

CHECKERS_TODAY = {
    "check_gate",
    "check_sigmoid_prime",
    "check_tanh_from_sigmoid",
    "check_z_for_output",
    "check_saturated_slope",
    "check_layers_to_vanish",
    "check_activation_quiz",
    "check_same_line",
    "check_output_at_distance",
    "check_after_boundary_quiz",
}

HOSTILE_METHODS = ("__float__", "__index__", "__iter__", "__len__", "__eq__", "__hash__", "__repr__", "__str__")


def find_checkers(package: ModuleType) -> dict[str, Callable[..., Any]]:
    """Every public function named ``check_*`` defined in a module of ``package``, by qualified name."""
    found = {}
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if name.startswith("check_") and inspect.isfunction(obj) and obj.__module__ == module.__name__:
                found[f"{module.__name__}.{name}"] = obj
    return found


def names_known_in(module: ModuleType) -> tuple[tuple[str, ...], ...]:
    """The keys of every public dict, and the entries of every public tuple of names, in ``module``.

    Answers built from them (a quiz dict with exactly the right keys, a list of the right letters)
    reach past a checker's first refusal into its own logic.
    """
    groups = {
        tuple(obj)
        for name, obj in vars(module).items()
        if not name.startswith("_") and isinstance(obj, dict | tuple) and obj and all(isinstance(k, str) for k in obj)
    }
    return tuple(sorted(groups))


CHECKERS = find_checkers(helpers.checks)
KNOWN_GROUPS = tuple(sorted({group for c in CHECKERS.values() for group in names_known_in(inspect.getmodule(c))}))
KNOWN_NAMES = sorted({name for group in KNOWN_GROUPS for name in group})


# --- what a learner might type ---------------------------------------------------


def _raise(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("this object refuses")


HOSTILE_BASES = {object: None, float: 0.5, int: 11, str: "a", list: ["a", 1.0], tuple: ("a",), dict: {"a": 1}}


@st.composite
def hostile_objects(draw: st.DrawFn) -> Any:
    """An object (maybe a float, str, list ... subclass) some of whose special methods raise."""
    base = draw(st.sampled_from(list(HOSTILE_BASES)))
    methods = draw(st.one_of(st.just(set(HOSTILE_METHODS)), st.sets(st.sampled_from(HOSTILE_METHODS), min_size=1)))
    namespace = dict.fromkeys(methods, _raise)
    if "__eq__" in methods and "__hash__" not in methods and base.__hash__ is not None:
        namespace["__hash__"] = base.__hash__  # defining __eq__ alone would make it unhashable
    kind = type(f"Hostile{base.__name__.title()}", (base,), namespace)
    seed = HOSTILE_BASES[base]
    return kind() if seed is None else kind(seed)


SCALARS = st.one_of(
    st.just(...),
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # NaN and infinities included
    st.floats(min_value=-20, max_value=20),
    st.sampled_from([float("nan"), float("inf"), -float("inf"), -0.0, 1e308, -1e308, 5e-324, 10**400, -(10**400)]),
    st.complex_numbers(),
    st.text(max_size=8),
    st.binary(max_size=4),
    st.sampled_from(KNOWN_NAMES),
    st.sampled_from([str.upper(name) for name in KNOWN_NAMES]),
    st.sampled_from([Fraction(1, 3), Decimal("NaN"), Decimal("sNaN"), Decimal("1e400"), object()]),
    st.sampled_from([np.float64("nan"), np.int64(11), np.float32(0.5), np.bool_(True), np.complex128(1j)]),
    st.sampled_from([np.float16(65504.0), np.uint8(3), np.str_("a"), np.datetime64("2000-01-01")]),
)


@st.composite
def object_arrays(draw: st.DrawFn, children: st.SearchStrategy[Any]) -> np.ndarray:
    """A 1-D numpy array of dtype object holding anything."""
    items = draw(st.lists(children, max_size=4))
    array = np.empty(len(items), dtype=object)
    for index, item in enumerate(items):
        array[index] = item
    return array


ARRAYS = hnp.arrays(
    dtype=st.sampled_from([np.float64, np.float32, np.int64, np.bool_, np.complex128, np.str_]),
    shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4),
)


def _return(value: Any) -> Callable[[np.ndarray], Any]:
    return lambda z: value


def _warn_and_overflow(z: np.ndarray) -> np.ndarray:
    warnings.warn("a learner's own warning", stacklevel=1)
    return np.exp(z * 1000.0)


LEARNER_FUNCTIONS = [
    _raise,
    lambda z: 1 / 0,
    lambda z: None,
    lambda z: ...,
    lambda z: z * np.nan,
    lambda z: np.full_like(z, np.inf),
    lambda z: z[:3],
    lambda z: np.stack([z, z]),
    lambda z: z.astype(complex),
    lambda z: z > 0,
    lambda z: str(z),
    lambda z: [object()] * len(z),
    lambda z: iter(z),
    _warn_and_overflow,
    lambda z: z,
    np.tanh,
    sigmoid,
    lambda z: sigmoid(z) * (1 - sigmoid(z)),
    lambda z: 2 * sigmoid(2 * z) - 1,
]


def plausible(groups: tuple[tuple[str, ...], ...]) -> st.SearchStrategy[Any]:
    """Answers of the right kind, so that each checker's own logic runs, not only its first refusal.

    ``groups`` are the names the checker's module knows: quiz keys, letters, gate names ...
    """
    names = st.sampled_from(sorted({name for group in groups for name in group}))
    numbers = st.one_of(st.floats(min_value=-20, max_value=20), st.integers(min_value=-3, max_value=30))
    answers = st.one_of(names, st.booleans(), hostile_objects(), numbers, st.just(...))
    quiz = st.sampled_from(groups).flatmap(lambda group: st.fixed_dictionaries(dict.fromkeys(group, answers)))
    return st.one_of(
        numbers,
        names,
        st.lists(names, max_size=4, unique=True),
        st.lists(numbers, min_size=2, max_size=2),
        st.sampled_from(LEARNER_FUNCTIONS),
        quiz,
    )


def junk() -> st.SearchStrategy[Any]:
    """Odd scalars, arrays, hostile objects and functions, nested in lists, tuples, sets, dicts and arrays."""
    leaves = st.one_of(
        SCALARS,
        ARRAYS,
        hostile_objects(),
        st.sampled_from(LEARNER_FUNCTIONS),
        SCALARS.map(_return),
        hostile_objects().map(_return),
    )
    keys = st.one_of(st.sampled_from(KNOWN_NAMES), st.text(max_size=5), st.integers(), st.just(None))

    def containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.one_of(
            st.lists(children, max_size=6),
            st.lists(children, max_size=3).map(tuple),
            st.lists(st.sampled_from(KNOWN_NAMES), max_size=8),  # known names, duplicates included
            st.frozensets(st.one_of(st.sampled_from(KNOWN_NAMES), st.text(max_size=3), st.integers()), max_size=4),
            st.dictionaries(keys, children, max_size=6),
            st.sampled_from(KNOWN_GROUPS).flatmap(  # the right keys, anything as values
                lambda group: st.fixed_dictionaries(dict.fromkeys(group, children))
            ),
            object_arrays(children),
        )

    return st.recursive(leaves, containers, max_leaves=10)


JUNK = junk()


def arguments_for(checker: Callable[..., Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for every parameter of ``checker``: a plausible answer, junk, or its default."""
    groups = names_known_in(inspect.getmodule(checker)) or KNOWN_GROUPS
    anything = st.one_of(plausible(groups), SCALARS, hostile_objects(), JUNK)
    strategies = {}
    for name, parameter in inspect.signature(checker).parameters.items():
        if parameter.default is inspect.Parameter.empty:
            strategies[name] = anything
        else:
            strategies[name] = st.one_of(st.just(parameter.default), anything)
    return st.fixed_dictionaries(strategies)


# --- the property ---------------------------------------------------------------


def answers_with_feedback(checker: Callable[..., Any], arguments: dict[str, Any]) -> None:
    """Call ``checker``: it must return a Feedback that can be shown, and warn about nothing."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = checker(**arguments)
        assert isinstance(result, Feedback), f"{checker.__name__} returned {type(result).__name__}, not Feedback"
        shown = repr(result), result._repr_html_()
    assert all(shown) and result.message.strip()
    assert not caught, f"{checker.__name__} warned: {[str(warning.message) for warning in caught]}"


def never_raises(checker: Callable[..., Any], **overrides: Any) -> Callable[[], None]:
    """A hypothesis test that calls ``checker`` with anything for every argument."""
    options = {
        "max_examples": 150,
        "deadline": None,
        "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
        "report_multiple_bugs": False,
    }

    @settings(**(options | overrides))
    @given(arguments=arguments_for(checker))
    def property_test(arguments: dict[str, Any]) -> None:
        answers_with_feedback(checker, arguments)

    return property_test


def test_the_listing_finds_every_checker():
    found = {name.rsplit(".", 1)[1] for name in CHECKERS}
    assert CHECKERS_TODAY <= found, f"not found by listing: {CHECKERS_TODAY - found}"
    assert len(CHECKERS) >= len(CHECKERS_TODAY)
    assert ("sigmoid", "tanh", "relu") in KNOWN_GROUPS, "the strategies should know the checkers' names"


@pytest.mark.parametrize("name", sorted(CHECKERS))
def test_checker_answers_anything_with_feedback(name):
    never_raises(CHECKERS[name])()


@pytest.mark.parametrize(
    ("name", "arguments"),
    [
        ("check_same_line", {"same": ["a", "b", "f", "z"], "swapped": ["d"]}),
        ("check_same_line", {"same": 5, "swapped": []}),
        ("check_z_for_output", {"z": float("nan")}),
        ("check_layers_to_vanish", {"layers": float("inf")}),
        ("check_layers_to_vanish", {"layers": 10**400}),
        ("check_gate", {"name": "AND", "w": [1e308, 1e308], "b": 1e308}),
        ("check_sigmoid_prime", {"function": lambda z: z[:3]}),
    ],
)
def test_the_inputs_that_once_raised_now_get_a_hint(name, arguments):
    checker = next(checker for qualified, checker in CHECKERS.items() if qualified.endswith(f".{name}"))
    answers_with_feedback(checker, arguments)
    assert checker(**arguments).status == "wrong"


# --- the property must be able to fail ------------------------------------------------

BROKEN_CHECKERS = '''
import warnings

from helpers.checks.feedback import right


def check_raises(answer):
    """Trusts its answer to be a number: raises on text, lists, None ..."""
    return right(f"{float(answer) + 1:.2f}")


def check_warns(answer):
    """Returns feedback, but warns on the way."""
    warnings.warn("careless", stacklevel=1)
    return right("fine")


def check_returns_text(answer):
    """Answers with a plain string, not a Feedback."""
    return "right"
'''


@pytest.fixture
def broken_package(tmp_path, monkeypatch):
    """A package ``brokencheckers`` holding one module of broken checkers, importable for this test."""
    package = tmp_path / "brokencheckers"
    package.mkdir()
    (package / "__init__.py").write_text('"""Deliberately broken checkers."""\n')
    (package / "topic.py").write_text(BROKEN_CHECKERS)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield importlib.import_module("brokencheckers")
    for name in [name for name in sys.modules if name.split(".")[0] == "brokencheckers"]:
        del sys.modules[name]


def test_the_listing_finds_checkers_in_a_new_module(broken_package):
    found = find_checkers(broken_package)
    assert sorted(found) == [f"brokencheckers.topic.check_{kind}" for kind in ("raises", "returns_text", "warns")]


@pytest.mark.parametrize(
    ("kind", "failure"),
    [
        ("raises", (TypeError, ValueError, OverflowError, RuntimeError)),
        ("warns", AssertionError),
        ("returns_text", AssertionError),
    ],
)
def test_the_property_fails_on_a_broken_checker(broken_package, kind, failure):
    checker = find_checkers(broken_package)[f"brokencheckers.topic.check_{kind}"]
    with pytest.raises(failure):
        never_raises(checker, database=None, max_examples=100)()
