"""Re-execute notebooks exactly the way the tests expect, and save them.

    python -m tools.execute                   every notebook in notebooks/, in order
    python -m tools.execute notebooks/01_perceptron.ipynb

Each notebook runs top to bottom on a fresh kernel from the ``notebooks/``
folder.  No timing or widget-state metadata is written, the kernel
metadata is normalised, and consecutive prints of one cell are stored as one
stream (the kernel splits them wherever its buffer happened to flush), so a
re-run changes only what really changed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def notebook_paths(names: list[str] | None = None) -> list[Path]:
    """The notebooks to run: those named, or all of ``notebooks/`` in reading order."""
    if names:
        return [Path(name).resolve() for name in names]
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def execute_notebook(path: Path, timeout: int = 300) -> nbformat.NotebookNode:
    """Run one notebook on a fresh kernel and return it with its new outputs."""
    notebook = nbformat.read(path, as_version=4)
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=False,
    )
    client.execute()
    notebook, _ = CoalesceStreamsPreprocessor().preprocess(notebook, {})
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    return notebook


def main(argv: list[str]) -> int:
    """Execute and save the notebooks named in ``argv`` (all of them if none); print each one's time."""
    for path in notebook_paths(argv):
        start = time.perf_counter()
        notebook = execute_notebook(path)
        nbformat.validate(notebook)
        nbformat.write(notebook, path)
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{shown}: executed in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
