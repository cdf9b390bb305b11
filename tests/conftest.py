"""Shared test set-up: tools/ and tests/ importable, failed tests keep evidence, notebook 04's long run trained once."""

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
sys.path[:0] = [str(TESTS.parent), str(TESTS)]  # tools/ and tests/evidence.py

from evidence import save_evidence  # noqa: E402  (the paths above make it importable)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Save what a failed test asked to keep (see tests/evidence.py), before its fixtures are torn down."""
    report = yield
    save_evidence(item, report)
    return report


@pytest.fixture(scope="session")
def weight_scaling_run():
    """Notebook 04's long run (100,000 epochs on its data set), trained once for every test that reads it."""
    from helpers.maths.datasets import weight_scaling_data
    from helpers.maths.training import train_sigmoid_neuron_fast

    X, y = weight_scaling_data()
    return X, y, train_sigmoid_neuron_fast(X, y, epochs=100_000, lr=1.0)
