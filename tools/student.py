"""Student versions of the notebooks: every worked solution taken out, every output cleared.

    python -m tools.student               writes dist/student/
    python -m tools.student OUT_DIR       writes OUT_DIR instead

A worked solution comes in one of two forms, and both are removed:

- a code cell tagged ``solution`` (as are cells tagged ``teacher`` or ``remove-for-students``);
- a ``<details>`` block in a markdown cell whose ``<summary>`` mentions a solution.  The rest
  of the cell stays; a cell left empty goes.

Then every output and execution count is cleared, so the exercises stand blank and answer
"to do" when run.  The folder also gets a copy of the ``helpers`` package the notebooks
import and a ``requirements.txt`` with the pins they need, so it runs wherever it is unzipped.
"""

from __future__ import annotations

import re
import shutil
import sys
import tomllib
from pathlib import Path

import nbformat
from nbconvert.exporters import NotebookExporter
from nbconvert.preprocessors import ClearOutputPreprocessor, Preprocessor

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
OUT_DIR = ROOT / "dist" / "student"
REMOVED_TAGS = frozenset({"solution", "teacher", "remove-for-students"})
# What a learner's Jupyter needs besides the packages the helpers declare in pyproject.toml.
JUPYTER_PACKAGES = ("ipykernel", "jupyterlab")

DETAILS_TAG = re.compile(r"<(/?)details\b[^>]*>", re.IGNORECASE)
SUMMARY = re.compile(r"<summary\b[^>]*>(.*?)</summary>", re.IGNORECASE | re.DOTALL)
MENTIONS_SOLUTION = re.compile(r"solution", re.IGNORECASE)


def details_blocks(markdown: str) -> tuple[list[tuple[int, int]], int | None]:
    """The (start, end) of every outermost ``<details>...</details>`` block in ``markdown``.

    Also returns where a ``<details>`` that is never closed starts (None if every one is closed).
    """
    blocks, depth, start = [], 0, 0
    for tag in DETAILS_TAG.finditer(markdown):
        if tag.group(1) != "/":
            if depth == 0:
                start = tag.start()
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                blocks.append((start, tag.end()))
    return blocks, (start if depth > 0 else None)


def is_solution(block: str) -> bool:
    """True if the ``<details>`` block's summary (its first ``<summary>``) mentions a solution."""
    summary = SUMMARY.search(block)
    return summary is not None and MENTIONS_SOLUTION.search(summary.group(1)) is not None


def remove_solution_details(markdown: str) -> str:
    """``markdown`` without its ``<details>`` blocks whose summary mentions a solution.

    Every other part of the text, other ``<details>`` blocks (a hint) included, is kept.

    Raises
    ------
    ValueError
        If a solution block is never closed: where it ends is unknown, so nothing safe can be cut.
    """
    blocks, unclosed = details_blocks(markdown)
    if unclosed is not None and is_solution(markdown[unclosed:]):
        raise ValueError(f"a solution's <details> block is never closed: {markdown[unclosed : unclosed + 80]!r}")
    kept = markdown
    for start, end in reversed(blocks):
        if is_solution(markdown[start:end]):
            before, after = kept[:start].rstrip(), kept[end:].lstrip()
            kept = before + ("\n\n" if before and after else "") + after
    return kept


class RemoveSolutionsPreprocessor(Preprocessor):
    """Take every worked solution out of a notebook: tagged cells and solution ``<details>`` blocks."""

    remove_cell_tags = REMOVED_TAGS  # cells with any of these tags are removed

    def preprocess(self, nb, resources):
        """Keep the cells a student may see, with solution blocks cut out of their markdown."""
        kept = []
        for cell in nb.cells:
            if self.remove_cell_tags & set(cell.metadata.get("tags", [])):
                continue
            if cell.cell_type == "markdown":
                cell.source = remove_solution_details(cell.source)
                if not cell.source.strip():
                    continue
            kept.append(cell)
        nb.cells = kept
        nb.metadata.pop("widgets", None)  # saved widget state is output too
        return nb, resources


def student_exporter() -> NotebookExporter:
    """A notebook-to-notebook exporter that removes solutions, then clears outputs and counts."""
    # Only these two: nbconvert validates the notebook after every registered preprocessor, disabled or not.
    exporter = NotebookExporter(default_preprocessors=[])
    exporter.register_preprocessor(RemoveSolutionsPreprocessor(), enabled=True)
    exporter.register_preprocessor(ClearOutputPreprocessor(), enabled=True)
    return exporter


def student_version(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The student version of ``notebook`` (which is left unchanged)."""
    text, _ = student_exporter().from_notebook_node(notebook)
    return nbformat.reads(text, as_version=4)


def student_requirements() -> str:
    """requirements.txt for learners: the pins of the helpers' dependencies and of Jupyter."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {re.match(r"[A-Za-z0-9_.-]+", spec).group(0).lower() for spec in project["dependencies"]}
    wanted.update(JUPYTER_PACKAGES)
    pins = [line.strip() for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line]
    chosen = [pin for pin in pins if pin.split("==")[0].lower() in wanted]
    return "# What the notebooks need: pip install -r requirements.txt, then jupyter lab\n" + "\n".join(chosen) + "\n"


def write_student_versions(out_dir: Path = OUT_DIR, notebooks: Path = NOTEBOOKS) -> list[Path]:
    """Write the student version of every notebook in ``notebooks`` into ``out_dir``; return their paths.

    Notebooks and the ``helpers`` copy left from an earlier run are replaced; nothing else
    in ``out_dir`` is touched.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.ipynb"):
        old.unlink()
    shutil.rmtree(out_dir / "helpers", ignore_errors=True)
    shutil.copytree(ROOT / "helpers", out_dir / "helpers", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    (out_dir / "requirements.txt").write_text(student_requirements())
    exporter = student_exporter()
    written = []
    for path in sorted(notebooks.glob("*.ipynb")):
        text, _ = exporter.from_filename(str(path))  # validated after each preprocessor
        target = out_dir / path.name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    """Write the student versions into the folder named in ``argv`` (dist/student if none)."""
    out_dir = Path(argv[0]).resolve() if argv else OUT_DIR
    for path in write_student_versions(out_dir):
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{shown}: solutions removed, outputs cleared")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
