"""Helpers for the "Neurons, step by step" notebooks, in layers.

``helpers.maths`` (numpy only), ``helpers.figures`` (matplotlib), ``helpers.live``
(ipywidgets dashboards) and ``helpers.checks`` (exercise checkers) each hold one
module per topic: ``perceptron``, ``sigmoid``, ``saturation``, ``scaling`` ...
The neuron itself is importable from the top, since every notebook uses it.
"""

from .maths.neuron import perceptron, relu, sigmoid, sigmoid_neuron, sigmoid_prime, step, weighted_input


def presentation(on: bool = True) -> None:
    """Projector mode: every figure and dashboard drawn after this call is readable from the back of a hall.

    Text at least 16 pt as the browser shows it, thicker lines, larger markers, larger widget text;
    the same artists and data. ``presentation(False)`` switches it off again; calling it twice does no harm.
    """
    from .live.projector import presentation as switch  # matplotlib and ipywidgets load only when asked for

    switch(on)


__all__ = [
    "perceptron",
    "presentation",
    "relu",
    "sigmoid",
    "sigmoid_neuron",
    "sigmoid_prime",
    "step",
    "weighted_input",
]
