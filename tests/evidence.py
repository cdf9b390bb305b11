"""A failed test leaves its evidence behind.

A fixture says, with :func:`keep_on_failure`, what to save and where; the
``pytest_runtest_makereport`` hook in conftest.py calls :func:`save_evidence`, which saves it
only when the test failed (in set-up or in its body), while the test's fixtures are still alive
(the page can still take its screenshot). The report then names the folder.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
SAVERS = pytest.StashKey[list[tuple[Path, Callable[[Path], object]]]]()


def artifact_name(test_name: str) -> str:
    """A folder name for a test: its name with every character unsafe in a path replaced by '_'."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name).strip("_.") or "test"


def keep_on_failure(item: pytest.Item, folder: Path, save: Callable[[Path], object]) -> None:
    """Ask for ``save(folder)`` to be called if ``item`` fails."""
    item.stash.setdefault(SAVERS, []).append((folder, save))


def save_evidence(item: pytest.Item, report: pytest.TestReport) -> list[Path]:
    """Call the savers of a failed test (set-up or body); note each folder in the report.

    A folder is emptied first, so it never mixes two runs. A saver that fails is noted in the
    report and does not stop the others. Returns the folders written.
    """
    if not report.failed or report.when not in ("setup", "call"):
        return []
    written = []
    for folder, save in item.stash.get(SAVERS, []):
        try:
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            save(folder)
        except Exception as error:  # the evidence is a courtesy: never hide the test's own failure
            report.sections.append(("evidence", f"could not save the evidence in {folder}: {error!r}"))
        else:
            report.sections.append(("evidence", f"saved in {folder}"))
            written.append(folder)
    return written
