"""Helpers for the "Neurons, step by step" notebooks.

The maths lives in plain numpy modules (``neuron``), the pictures in
``plots``, the sliders in ``widgets`` and the exercise checkers in ``checks``.
The notebooks import what they need from here, so every notebook shares one
definition of each idea.
"""

from .neuron import perceptron, relu, sigmoid, sigmoid_neuron, sigmoid_prime, step, weighted_input

__all__ = [
    "perceptron",
    "relu",
    "sigmoid",
    "sigmoid_neuron",
    "sigmoid_prime",
    "step",
    "weighted_input",
]
