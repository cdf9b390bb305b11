"""Shared test set-up: the project root importable (for tools/), and notebook 04's long run trained once."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


@pytest.fixture(scope="session")
def weight_scaling_run():
    """Notebook 04's long run (100,000 epochs on its data set), trained once for every test that reads it."""
    from helpers.maths.datasets import weight_scaling_data
    from helpers.maths.training import train_sigmoid_neuron_fast

    X, y = weight_scaling_data()
    return X, y, train_sigmoid_neuron_fast(X, y, epochs=100_000, lr=1.0)
