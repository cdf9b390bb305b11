"""Show as code: the line a dashboard writes, the names it uses, and the starting values builders take.

That the line rebuilds every dashboard of the notebooks, pixel for pixel, is tested in test_widgets.py
(it reuses the dashboards built there).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from helpers.live.controls import Choice, Slider
from helpers.live.perceptron import decision_line_dashboard, nudge_dashboard
from helpers.live.playground import playground_dashboard
from helpers.live.reference import reference_dashboard
from helpers.live.saturation import vanishing_gradient_dashboard
from helpers.live.sharing import control_text, literal_text, shareable, start_at
from helpers.maths.datasets import two_clusters
from helpers.maths.playground import MAX_STEPS

CLUSTERS = two_clusters(20, seed=0)


def test_the_box_starts_hidden_and_empty_and_the_button_fills_it():
    dashboard = reference_dashboard()
    box = dashboard.sharing.text
    assert box.value == "" and box.layout.display == "none"
    assert box in dashboard.widget.children and dashboard.buttons["Show as code"] in dashboard.button_row.children
    dashboard.set_values(a=0.1 + 0.2)
    dashboard.buttons["Show as code"].click()
    assert box.value == "reference_dashboard(a=0.3)" and box.layout.display is None
    assert "Reset comes back here" in dashboard.sharing.note.value


def test_a_builder_starts_its_controls_where_told_and_reset_comes_back_there():
    X, y = CLUSTERS
    dashboard = decision_line_dashboard(X, y, w1=0.5, w2=-0.5, b=0.25)
    assert dashboard.values() == {"w1": 0.5, "w2": -0.5, "b": 0.25}
    prepared = dashboard.png
    dashboard.set_values(w1=-3.0)
    dashboard.buttons["Reset"].click()
    assert dashboard.values() == {"w1": 0.5, "w2": -0.5, "b": 0.25} and dashboard.png == prepared


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: decision_line_dashboard(*CLUSTERS, w3=1.0), r"no parameter or control named \['w3'\]"),
        (lambda: reference_dashboard(b=1.0), r"no parameter or control named \['b'\]; its controls are \['a'\]"),
        (lambda: playground_dashboard(learning_rate=1.0), "no parameter or control named"),
        (lambda: decision_line_dashboard(*CLUSTERS, w1=3.05), "outside"),
        (lambda: reference_dashboard(a=-0.1), "outside"),
        (lambda: reference_dashboard(a="fast"), "not a number"),
        (lambda: reference_dashboard(a=float("nan")), "outside"),
        (lambda: vanishing_gradient_dashboard(depth=3.5), "not a whole number"),
        (lambda: vanishing_gradient_dashboard(depth=21), "outside"),
        (lambda: playground_dashboard(lr=0.5), "not one of its options"),
        (lambda: playground_dashboard(data="moons"), "not one of its options"),
        (lambda: playground_dashboard(steps=-1), "steps must be at least 0"),
        (lambda: playground_dashboard(steps=MAX_STEPS + 1), "stops after"),
    ],
)
def test_an_unknown_control_or_a_value_it_cannot_take_is_a_value_error(build, message):
    with pytest.raises(ValueError, match=message):
        build()


def test_the_line_uses_the_callers_own_names():
    """Names found by identity in the calling code: a local, a field of a dataclass it holds; else a stand-in."""

    @dataclass(frozen=True)
    class Task:
        inputs: np.ndarray
        labels: np.ndarray

    points, classes = CLUSTERS
    task = Task(points, classes)
    _hidden = points  # names starting with "_" (IPython's _, _12 ...) are never used
    assert decision_line_dashboard(points, classes).sharing.line() == (
        "decision_line_dashboard(points, classes, w1=1.0, w2=1.0, b=-3.0)"
    )
    del points, classes, _hidden
    assert (
        decision_line_dashboard(task.inputs, task.labels)
        .sharing.line()
        .startswith("decision_line_dashboard(task.inputs, task.labels, ")
    )
    unnamed = decision_line_dashboard(*two_clusters(20, seed=1))
    assert unnamed.sharing.line().startswith("decision_line_dashboard(X, y, ")
    assert unnamed.sharing.recipe.stand_ins == ("X", "y")
    unnamed.buttons["Show as code"].click()
    assert "<code>X</code>, <code>y</code>: what was given" in unnamed.sharing.note.value


def test_the_parameters_own_name_wins_among_several():
    X = data = CLUSTERS[0]  # noqa: F841 (data is found by identity, not by use)
    y = CLUSTERS[1]
    assert decision_line_dashboard(data, y).sharing.line().startswith("decision_line_dashboard(X, y, ")


def test_literals_are_written_as_themselves():
    x_edge, w_edge = np.array([1.0, 0.5]), np.array([0.8, -0.6])
    dashboard = nudge_dashboard(x_edge, w_edge, np.float64(-0.5), span=0.2, delta=0.1)
    assert dashboard.sharing.line() == "nudge_dashboard(x_edge, w_edge, -0.5, span=0.2, delta=0.1)"
    gate = decision_line_dashboard(None, None, gate="OR", weight_range=2.0)
    assert (
        gate.sharing.line()
        == "decision_line_dashboard(None, None, weight_range=2.0, gate='OR', w1=1.0, w2=1.0, b=-3.0)"
    )


def test_control_values_are_written_without_float_noise():
    slider = Slider("w", "w", -3.0, 3.0, 0.05, 0.0)
    assert control_text(slider, 0.1 + 0.2) == "0.3" and control_text(slider, -3.0) == "-3.0"
    assert control_text(slider, 1 / 3) == repr(1 / 3)  # off the grid: kept exactly
    assert control_text(Slider("n", "n", 1, 20, 1, 8, integer=True), 8.0) == "8"
    options = Slider.from_options("eta", "η", (0.1, 10**-0.75, 1.0), 1.0)
    assert control_text(options, 10**-0.75) == repr(10**-0.75)  # an option exactly, or it is not one
    assert control_text(Choice("f", "f", ("sigmoid", "relu"), "relu"), "relu") == "'relu'"


def test_a_builder_with_star_arguments_cannot_be_shared():
    with pytest.raises(TypeError, match="no \\*args or \\*\\*kwargs"):
        shareable(lambda *arrays: None)


def test_start_at_moves_the_start_itself_and_checks_it():
    dashboard = reference_dashboard()
    start_at(dashboard, {"a": 2.5})
    assert dashboard.values() == {"a": 2.5} and dashboard.specs["a"].value == 2.5
    dashboard.set_values(a=0.0)
    dashboard.buttons["Reset"].click()
    assert dashboard.values() == {"a": 2.5}
    with pytest.raises(ValueError, match="outside"):
        start_at(dashboard, {"a": 9.0})


def test_literal_text_accepts_only_what_reads_back_the_same():
    assert literal_text((0.5, -0.5)) == "(0.5, -0.5)" and literal_text("AND") == "'AND'"
    assert literal_text(None) == "None"
    assert literal_text(np.array([1.0, 2.0])) is None and literal_text(float("nan")) is None
    assert literal_text({0.0: object()}) is None
