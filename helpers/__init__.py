"""Helpers for the "Neurons, step by step" notebooks, in layers.

``helpers.maths`` (numpy only), ``helpers.figures`` (matplotlib), ``helpers.live``
(ipywidgets dashboards) and ``helpers.checks`` (exercise checkers) each hold one
module per topic: ``perceptron``, ``sigmoid``, ``saturation``, ``scaling`` ...
The neuron itself is importable from the top, since every notebook uses it.
"""

from .maths.neuron import perceptron, relu, sigmoid, sigmoid_neuron, sigmoid_prime, step, weighted_input

__all__ = [
    "perceptron",
    "relu",
    "sigmoid",
    "sigmoid_neuron",
    "sigmoid_prime",
    "step",
    "weighted_input",
]
