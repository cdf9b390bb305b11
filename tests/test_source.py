"""show_source returns the live source of helpers as a Markdown code block."""

from __future__ import annotations

import pytest

from helpers import sigmoid
from helpers.maths.neuron import stable_sigmoid
from helpers.source import show_source


def test_show_source_joins_the_sources():
    text = show_source(sigmoid, stable_sigmoid).data
    assert text.startswith("```python\ndef sigmoid(") and text.endswith("```")
    assert "def stable_sigmoid(" in text and "np.exp(-np.abs(z))" in text


def test_show_source_needs_something():
    with pytest.raises(ValueError, match="at least one"):
        show_source()
