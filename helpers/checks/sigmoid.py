"""Checkers for notebook 02: the derivative, tanh from sigma, the z for an output."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..maths.gradients import central_difference
from ..maths.neuron import sigmoid
from .answers import agrees_to_significant_figures, read_function_values, read_number
from .feedback import Feedback, right, wrong

FUNCTION_TOLERANCE = 1e-8
"""A learner's function is right if it is within this of the true one at every test point."""


def check_sigmoid_prime(function: Any) -> Feedback:
    """Is ``function(z)`` the derivative of the sigmoid?

    Compared with a central difference at 25 points from -6 to 6: right if it is within
    ``FUNCTION_TOLERANCE`` (1e-8) at each.
    """
    z = np.linspace(-6.0, 6.0, 25)
    values = read_function_values(function, z)
    if isinstance(values, Feedback):
        return values
    numeric = central_difference(sigmoid, z)
    if np.all(np.abs(values - numeric) <= FUNCTION_TOLERANCE):
        return right(f"Your derivative matches the numerical one at 25 points; its peak is {values[12]:.4f} at z = 0.")
    if np.allclose(values, np.asarray(sigmoid(z))):
        return wrong("That is sigma itself. Differentiate 1/(1 + e^-z) with the chain rule.")
    worst = int(np.argmax(np.abs(values - numeric)))
    return wrong(
        f"At z = {z[worst]:g} your function gives {values[worst]:.4g} but the slope of sigma there is "
        f"{numeric[worst]:.4f}. Try writing the derivative in terms of sigma(z) itself."
    )


def check_tanh_from_sigmoid(function: Any) -> Feedback:
    """Does ``function(z)``, built from the sigmoid, equal tanh(z)?

    Compared with ``np.tanh`` at 41 points from -10 to 10: right if it is within
    ``FUNCTION_TOLERANCE`` (1e-8) at each.
    """
    z = np.linspace(-10.0, 10.0, 41)
    values = read_function_values(function, z)
    if isinstance(values, Feedback):
        return values
    if np.all(np.abs(values - np.tanh(z)) <= FUNCTION_TOLERANCE):
        return right("tanh(z) = 2 sigma(2z) - 1: the sigmoid, stretched to (-1, 1) and made twice as steep.")
    low, high, middle = values.min(), values.max(), values[20]
    if not (-1.01 < low < -0.99 and 0.99 < high < 1.01):
        return wrong(f"Your curve runs from {low:.3g} to {high:.3g}; tanh runs from -1 to 1. Stretch and shift sigma.")
    if abs(middle) > 1e-6:
        return wrong(f"At z = 0 your function gives {middle:.3f}; tanh(0) = 0.")
    return wrong("The range is right but the steepness is not: compare tanh'(0) = 1 with the slope of your curve at 0.")


def check_z_for_output(z: Any, target: Any = 0.9) -> Feedback:
    """Is ``z`` the weighted input that makes the sigmoid output ``target``, to two significant figures?

    Every ``z`` within half a unit of the second significant figure of ``ln(p / (1 - p))`` is right.
    """
    p = read_number(target, what="the target output")
    if isinstance(p, Feedback):
        return p
    if not 0 < p < 1:
        return wrong(f"The target output must lie strictly between 0 and 1 (sigma never reaches 0 or 1), not {p:g}.")
    value = read_number(z, what=f"the z for which sigma(z) = {p:g}")
    if isinstance(value, Feedback):
        return value
    exact = math.log(p) - math.log1p(-p)
    output = float(sigmoid(value))
    if agrees_to_significant_figures(value, exact, 2):
        return right(
            f"sigma({value:.4g}) = {output:.4f}: z = ln({p:g} / (1 - {p:g})) = {exact:.4f}, "
            "the 'logit' of the output, agrees to two significant figures."
        )
    if abs(value - exact) < 0.5:
        return wrong(
            f"Close, but not to two significant figures: sigma({value:.4g}) = {output:.4f}, not {p:g}. "
            f"Solve 1/(1 + e^-z) = {p:g} for e^-z first, then take the logarithm."
        )
    return wrong(f"sigma({value:.4g}) = {output:.4f}, not {p:g}. Solve 1/(1 + e^-z) = {p:g} for e^-z first.")
