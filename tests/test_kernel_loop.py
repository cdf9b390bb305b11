"""The ipykernel comparison loop (tools/kernel_loop.py): its bookkeeping, without a browser."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("kernel_loop", ROOT / "tools" / "kernel_loop.py")
kernel_loop = importlib.util.module_from_spec(spec)
sys.modules["kernel_loop"] = kernel_loop  # its dataclasses look their module up there
spec.loader.exec_module(kernel_loop)


def test_only_the_ipykernel_pin_changes():
    original = (ROOT / "requirements.txt").read_text()
    changed = kernel_loop.requirements_with(original, "9.9.9")
    differing = [(a, b) for a, b in zip(original.splitlines(), changed.splitlines(), strict=True) if a != b]
    assert len(differing) == 1 and differing[0][1] == "ipykernel==9.9.9"


def test_a_requirements_file_without_exactly_one_ipykernel_pin_is_refused():
    with pytest.raises(ValueError, match="exactly once"):
        kernel_loop.requirements_with("numpy==2.3.5\n", "6.29.5")
    with pytest.raises(ValueError, match="exactly once"):
        kernel_loop.requirements_with("ipykernel==7.1.0\nipykernel==7.4.0\n", "6.29.5")


def test_the_installed_ipykernel_is_read_from_the_python_asked():
    from importlib.metadata import version

    assert kernel_loop.installed_ipykernel(Path(sys.executable)) == version("ipykernel")
    assert kernel_loop.installed_ipykernel(Path("/nonexistent/python")) is None


def test_summary_counts_failures_and_takes_medians_of_what_was_measured():
    Attempt = kernel_loop.Attempt
    candidate = kernel_loop.Candidate("9.9.9", Path("python"))
    candidate.attempts = [
        Attempt(1, ok=True, idle_s=3.0, run_s=5.0, key_press_ms=[20.0, 30.0]),
        Attempt(2, ok=True, idle_s=5.0, run_s=7.0, key_press_ms=[40.0]),
        Attempt(3, ok=False, error="idle: TimeoutError", page_kernel_info_unanswered=1),
        Attempt(4, ok=False, idle_s=4.0, error="run all: TimeoutError"),
    ]
    row = kernel_loop.summary(candidate)
    assert (row["attempts"], row["failures"], row["failure_rate"]) == (4, 2, 0.5)
    assert row["median_open_to_idle_s"] == 4.0  # of 3, 5 and 4 s; the attempt that never got idle has none
    assert row["median_run_all_s"] == 6.0
    assert row["median_key_press_ms"] == 30.0
    assert row["attempts_with_page_kernel_info_unanswered"] == 1


def test_nothing_measured_gives_dashes_not_zeros():
    row = kernel_loop.summary(kernel_loop.Candidate("9.9.9", Path("python")))
    assert row["attempts"] == 0 and row["failure_rate"] is None and row["median_open_to_idle_s"] is None
    assert kernel_loop.fmt(None) == "-" and kernel_loop.fmt(2.345, 2) == "2.35"
