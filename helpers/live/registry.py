"""Every dashboard the notebooks show, by name, as the notebooks build them (for tests and the latency bench)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..maths.datasets import two_circles, two_clusters, weight_scaling_data, xor_data
from ..maths.digits import binary_task, load_digits
from ..maths.digits_binary import NOTEBOOK_PAIR, Nudge, even_odd_decay_choice, even_odd_size_runs, fix_one_image
from ..maths.network import init_network
from ..maths.network_experiments import SWEEP_ETAS, learning_rate_sweep
from ..maths.neuron import perceptron
from ..maths.perceptron import logic_gate, train_perceptron
from ..maths.scaling import max_margin_direction
from ..maths.training import train_sigmoid_neuron_fast
from .dashboard import Dashboard
from .digits import decay_choice_dashboard, fix_one_image_dashboard, image_browser_dashboard, training_size_dashboard
from .network import layer_gradient_dashboard, learning_rate_dashboard
from .perceptron import decision_line_dashboard, fix_one_dashboard, nudge_dashboard, perceptron_training_dashboard
from .playground import playground_dashboard
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


def _digits_nudge() -> tuple[np.ndarray, Nudge, tuple[str, str]]:
    """Notebook 06's fix-one-image example: 1 versus 2, the perceptron after one epoch, its first wrong image."""
    task = binary_task(load_digits(), *NOTEBOOK_PAIR)
    history = train_perceptron(task.X_train, task.y_train, epochs=1)
    w, b = history.w[1], history.b[1]
    first_wrong = int(np.flatnonzero(perceptron(task.X_train, w, b) != task.y_train)[0])
    names = (str(NOTEBOOK_PAIR[0]), str(NOTEBOOK_PAIR[1]))
    return task.X_train, fix_one_image(task.X_train, task.y_train, w, b, first_wrong), names


def all_dashboards() -> dict[str, Callable[[], Dashboard]]:
    """Every dashboard the notebooks use, by name, as the notebooks build them (for tests and benchmarks)."""

    clusters = two_clusters()
    scaling_data = weight_scaling_data()
    xor = logic_gate("XOR")
    return {
        "reference": reference_dashboard,
        "neuron_curve": neuron_curve_dashboard,
        "decision_line": lambda: decision_line_dashboard(*clusters),
        "gate": lambda: decision_line_dashboard(None, None, gate="AND", w1=0.5, w2=0.5, b=0.0),
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
        "playground": playground_dashboard,
        "learning_rate": lambda: learning_rate_dashboard(
            *xor_data(),
            SWEEP_ETAS,
            learning_rate_sweep(init_network((2, 2, 1), seed=0), *xor_data(), SWEEP_ETAS, epochs=2000),
        ),
        "layer_gradients": lambda: layer_gradient_dashboard(*two_circles(100, 0.1, seed=0)),
        "digit_browser": lambda: image_browser_dashboard(load_digits()),
        "fix_one_image": lambda: fix_one_image_dashboard(*_digits_nudge()),
        "training_size": lambda: training_size_dashboard(even_odd_size_runs(load_digits())),
        "decay_choice": lambda: decay_choice_dashboard(even_odd_decay_choice(load_digits())),
    }
