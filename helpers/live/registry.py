"""Every dashboard the notebooks show, by name, as the notebooks build them (for tests and the latency bench)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..maths.datasets import two_clusters, weight_scaling_data
from ..maths.perceptron import logic_gate, train_perceptron
from ..maths.scaling import max_margin_direction
from ..maths.training import train_sigmoid_neuron_fast
from .dashboard import Dashboard
from .perceptron import decision_line_dashboard, fix_one_dashboard, nudge_dashboard, perceptron_training_dashboard
from .reference import reference_dashboard
from .saturation import (
    cost_comparison_dashboard,
    initialisation_dashboard,
    saturation_dashboard,
    vanishing_gradient_dashboard,
    zigzag_dashboard,
)
from .scaling import scaling_dashboard, training_scrub_dashboard, weight_decay_dashboard
from .sigmoid import neuron_curve_dashboard


def all_dashboards() -> dict[str, Callable[[], Dashboard]]:
    """Every dashboard the notebooks use, by name, as the notebooks build them (for tests and benchmarks)."""

    clusters = two_clusters()
    scaling_data = weight_scaling_data()
    xor = logic_gate("XOR")
    return {
        "reference": reference_dashboard,
        "neuron_curve": neuron_curve_dashboard,
        "decision_line": lambda: decision_line_dashboard(*clusters),
        "gate": lambda: decision_line_dashboard(None, None, gate="AND", w=(0.5, 0.5), b=0.0),
        "perceptron_training": lambda: perceptron_training_dashboard(*clusters, train_perceptron(*clusters, epochs=30)),
        "perceptron_training_xor": lambda: perceptron_training_dashboard(*xor, train_perceptron(*xor, epochs=12)),
        "fix_one": fix_one_dashboard,
        "nudge": lambda: nudge_dashboard(np.array([1.0, 0.5]), np.array([0.8, -0.6]), -0.5, span=0.2),
        "nudge_sigmoid": lambda: nudge_dashboard(
            np.array([1.0, 0.5]), np.array([0.8, -0.6]), -0.5, span=2.0, show_sigmoid=True
        ),
        "sigmoid_plane": lambda: decision_line_dashboard(*clusters, activation="sigmoid"),
        "saturation": saturation_dashboard,
        "vanishing_gradient": vanishing_gradient_dashboard,
        "initialisation": initialisation_dashboard,
        "cost_comparison": cost_comparison_dashboard,
        "zigzag": zigzag_dashboard,
        "scaling": lambda: scaling_dashboard(*scaling_data),
        "training_scrub": lambda: training_scrub_dashboard(
            *scaling_data,
            train_sigmoid_neuron_fast(*scaling_data, epochs=100_000, lr=1.0),
            max_margin_direction(*scaling_data),
        ),
        "weight_decay": lambda: weight_decay_dashboard(*scaling_data),
    }
