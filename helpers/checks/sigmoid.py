"""Checkers for notebook 02: the derivative, tanh from sigma, the z for an output."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..maths.gradients import central_difference
from ..maths.neuron import sigmoid
from .feedback import Feedback, _call_learner_function, is_unanswered, right, todo, wrong


def check_sigmoid_prime(function: Any) -> Feedback:
    """Is ``function(z)`` the derivative of the sigmoid? Compared with a central difference."""

    z = np.linspace(-6.0, 6.0, 25)
    values, problem = _call_learner_function(function, z)
    if problem is not None:
        return problem
    numeric = central_difference(sigmoid, z)
    if np.allclose(values, numeric, rtol=1e-6, atol=1e-9):
        return right(f"Your derivative matches the numerical one at 25 points; its peak is {values[12]:.4f} at z = 0.")
    if np.allclose(values, np.asarray(sigmoid(z))):
        return wrong("That is sigma itself. Differentiate 1/(1 + e^-z) with the chain rule.")
    worst = int(np.argmax(np.abs(values - numeric)))
    return wrong(
        f"At z = {z[worst]:g} your function gives {values[worst]:.4f} but the slope of sigma there is "
        f"{numeric[worst]:.4f}. Try writing the derivative in terms of sigma(z) itself."
    )


def check_tanh_from_sigmoid(function: Any) -> Feedback:
    """Does ``function(z)``, built from the sigmoid, equal tanh(z)?"""
    z = np.linspace(-10.0, 10.0, 41)
    values, problem = _call_learner_function(function, z)
    if problem is not None:
        return problem
    if np.allclose(values, np.tanh(z), rtol=1e-9, atol=1e-12):
        return right("tanh(z) = 2 sigma(2z) - 1: the sigmoid, stretched to (-1, 1) and made twice as steep.")
    low, high, middle = values.min(), values.max(), values[20]
    if not (-1.01 < low < -0.99 and 0.99 < high < 1.01):
        return wrong(f"Your curve runs from {low:.2f} to {high:.2f}; tanh runs from -1 to 1. Stretch and shift sigma.")
    if abs(middle) > 1e-6:
        return wrong(f"At z = 0 your function gives {middle:.3f}; tanh(0) = 0.")
    return wrong("The range is right but the steepness is not: compare tanh'(0) = 1 with the slope of your curve at 0.")


def check_z_for_output(z: Any, target: float = 0.9) -> Feedback:
    """Is ``z`` the weighted input that makes the sigmoid output ``target``?"""

    if is_unanswered(z):
        return todo(f"Replace the ... with the z for which sigma(z) = {target}.")
    try:
        value = float(z)
    except (TypeError, ValueError):
        return wrong(f"z should be one number, got {z!r}.")
    exact = float(np.log(target / (1 - target)))
    if abs(value - exact) < 1e-3:
        return right(f"sigma({value:.4f}) = {sigmoid(value):.4f}. In general z = ln(p / (1 - p)), the 'logit' of p.")
    return wrong(
        f"sigma({value:g}) = {sigmoid(value):.4f}, not {target}. Solve 1/(1 + e^-z) = {target} for e^-z first."
    )
