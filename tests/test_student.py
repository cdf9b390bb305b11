"""Student versions (tools/student.py): no worked solution survives, and every notebook runs without one.

The real notebooks are built into a temporary folder and each is run there once, top to
bottom on a fresh kernel, importing the copy of ``helpers`` that is handed out with them
(marked ``notebook``: about as long as nbval, so ``tasks.py test --fast`` leaves them out).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from test_notebook_quality import output_text

from tools.execute import execute_notebook
from tools.student import (
    OUT_DIR,
    ROOT,
    main,
    remove_solution_details,
    student_requirements,
    student_version,
    write_student_versions,
)

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
LESSONS = [path for path in NOTEBOOKS if not path.name.startswith("00_")]
TEACHER_TAGS = {"solution", "teacher", "remove-for-students"}
# Written here independently of tools/student.py: a <details> block (not nested) with its summary.
SOLUTION_DETAILS = re.compile(
    r"<details\b[^>]*>\s*<summary\b[^>]*>(?:(?!</summary>).)*solution.*?</details>", re.IGNORECASE | re.DOTALL
)
SOLUTION_SUMMARY = re.compile(r"<summary\b[^>]*>(?:(?!</summary>).)*solution", re.IGNORECASE | re.DOTALL)


def ids(paths: list[Path]) -> list[str]:
    return [path.name for path in paths]


def tags(cell) -> set[str]:
    return set(cell.metadata.get("tags", []))


def everything_a_student_reads(notebook) -> str:
    """Every source and every output text of a notebook, one string."""
    parts = []
    for cell in notebook.cells:
        parts.append(cell.source)
        parts.extend(output_text(output) for output in cell.get("outputs", []))
    return "\n".join(parts)


def solution_material(notebook) -> tuple[list[str], str]:
    """The worked solutions of a teacher's notebook, and all of its other source text.

    Solutions are the cells tagged for teachers and the <details> blocks whose summary
    mentions a solution.
    """
    solutions, rest = [], []
    for cell in notebook.cells:
        if tags(cell) & TEACHER_TAGS:
            solutions.append(cell.source)
        elif cell.cell_type == "markdown":
            solutions.extend(SOLUTION_DETAILS.findall(cell.source))
            rest.append(SOLUTION_DETAILS.sub("", cell.source))
        else:
            rest.append(cell.source)
    return solutions, "\n".join(rest)


def distinctive_lines(notebook) -> list[str]:
    """Lines of the worked solutions that appear nowhere else in the notebook's sources.

    Lines shared with the exercise (``check_gate(...)``, ``def f(z):``), short ones and code
    fences are left out: finding them in a student notebook proves nothing.
    """
    solutions, rest = solution_material(notebook)
    lines = {line.strip() for solution in solutions for line in solution.splitlines()}
    return sorted(line for line in lines if len(line) >= 6 and not line.startswith("```") and line not in rest)


def exercise_count(notebook) -> int:
    """How many outputs of an executed notebook print the ✏️ 'to do' line: one per unanswered exercise."""
    return sum(
        "✏️" in output_text(output)
        for cell in notebook.cells
        if not tags(cell) & TEACHER_TAGS
        for output in cell.get("outputs", [])
    )


# --- the preprocessor on a synthetic notebook with both kinds of solution --------------------

SOLUTION_BLOCK = """<details><summary>Show a worked solution</summary>

```python
answer = 42  # the distinctive solution line
```
</details>"""
HINT_BLOCK = "<details><summary>A hint</summary>\n\nThink of a number.\n</details>"


def synthetic_notebook() -> nbformat.NotebookNode:
    """A small teacher's notebook: an exercise with a solution in each form, and teacher-only cells."""
    todo = new_output("execute_result", data={"text/plain": "✏️ Replace the ... with a number."}, execution_count=2)
    right = new_output("execute_result", data={"text/plain": "✅ 42 is right."}, execution_count=3)
    notebook = new_notebook(
        cells=[
            new_markdown_cell("# Title"),
            new_code_cell("import math", execution_count=1),
            new_markdown_cell("### Exercise 1\n\nFind the answer."),
            new_code_cell("answer = ...\ncheck(answer)", execution_count=2, outputs=[todo]),
            new_markdown_cell(SOLUTION_BLOCK),
            new_markdown_cell(f"Before the solution.\n\n{SOLUTION_BLOCK}\n\n{HINT_BLOCK}\n\nAfter it."),
            new_code_cell("answer = 6 * 7  # solution cell\ncheck(answer)", execution_count=3, outputs=[right]),
            new_markdown_cell("Ask the class before moving the slider."),
            new_code_cell("print('teacher only')"),
            new_markdown_cell("The end."),
        ]
    )
    notebook.cells[6].metadata.update(tags=["solution"], jupyter={"source_hidden": True})
    notebook.cells[7].metadata["tags"] = ["teacher"]
    notebook.cells[8].metadata["tags"] = ["remove-for-students"]
    notebook.metadata["widgets"] = {"state": {"model": {"value": 42}}}
    return notebook


def test_student_version_removes_both_kinds_of_solution_and_clears_outputs():
    teacher = synthetic_notebook()
    student = student_version(teacher)
    assert [cell.source for cell in student.cells] == [
        "# Title",
        "import math",
        "### Exercise 1\n\nFind the answer.",
        "answer = ...\ncheck(answer)",
        f"Before the solution.\n\n{HINT_BLOCK}\n\nAfter it.",
        "The end.",
    ]
    for cell in student.cells:
        assert not cell.get("outputs") and cell.get("execution_count") is None
    assert "widgets" not in student.metadata
    nbformat.validate(student)
    assert len(teacher.cells) == 10 and teacher.cells[3].outputs, "the teacher's notebook is left as it was"


def test_the_strict_check_finds_the_synthetic_solutions():
    """The leak detector used on the real notebooks below sees both forms of solution."""
    teacher = synthetic_notebook()
    lines = distinctive_lines(teacher)
    assert "answer = 42  # the distinctive solution line" in lines
    assert "answer = 6 * 7  # solution cell" in lines
    assert "Ask the class before moving the slider." in lines
    assert "answer = ...\ncheck(answer)" not in lines and "check(answer)" not in lines
    assert exercise_count(teacher) == 1
    leaked = everything_a_student_reads(teacher)
    assert any(line in leaked for line in lines) and SOLUTION_SUMMARY.search(leaked)


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Intro.\n\n<details><summary>Solution</summary>\n\n`x = 1`\n</details>", "Intro."),
        ("<details open>\n<summary>\nWorked SOLUTION\n</summary>\nx\n</details>\n\nAfter.", "After."),
        (HINT_BLOCK, HINT_BLOCK),
        ("A <details> tag is HTML.", "A <details> tag is HTML."),
        ("<details><summary>Solution</summary>\n\nx = 1", None),
        (
            "<details><summary>Show a worked solution</summary>\n<details><summary>Why</summary>\nx\n</details>\n"
            "y\n</details>\nKeep.",
            "Keep.",
        ),
        (
            "A.\n\n<details><summary>solution 1</summary>1</details>\n\n"
            "<details><summary>solution 2</summary>2</details>\n\nB.",
            "A.\n\nB.",
        ),
    ],
    ids=["text-kept", "open-and-case", "hint-kept", "tag-in-prose", "unclosed", "nested", "two-blocks"],
)
def test_remove_solution_details(markdown, expected):
    if expected is None:
        with pytest.raises(ValueError, match="never closed"):
            remove_solution_details(markdown)
    else:
        assert remove_solution_details(markdown) == expected


# --- the real notebooks --------------------------------------------------------------------


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory) -> Path:
    """The student versions of the real notebooks, written into a temporary folder."""
    folder = tmp_path_factory.mktemp("student")
    written = write_student_versions(folder)
    assert [path.name for path in written] == ids(NOTEBOOKS)
    return folder


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_no_worked_solution_survives(path, student_dir):
    teacher = nbformat.read(path, as_version=4)
    lines = distinctive_lines(teacher)
    if path in LESSONS:
        assert len(solution_material(teacher)[0]) >= 3, "a lesson has worked solutions to remove"
        assert lines, "the solutions' distinctive lines were found"
    student = nbformat.read(student_dir / path.name, as_version=4)
    for cell in student.cells:
        assert not tags(cell) & TEACHER_TAGS, f"a cell tagged {tags(cell) & TEACHER_TAGS} is left"
        assert not cell.get("outputs") and cell.get("execution_count") is None, "outputs are cleared"
    assert "widgets" not in student.metadata
    text = everything_a_student_reads(student)
    assert not SOLUTION_SUMMARY.search(text), "a <details> block with a solution is left"
    leaked = [line for line in lines if line in text]
    assert not leaked, f"solution lines survive: {leaked}"


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_student_notebook_runs_top_to_bottom_and_its_exercises_say_to_do(path, student_dir):
    """Fresh kernel, from the student folder: no error, every exercise says to do, nothing gives an answer."""
    student = execute_notebook(student_dir / path.name)
    counts = [cell.execution_count for cell in student.cells if cell.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), "every code cell ran, in order"
    for cell in student.cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error", f"{cell.source[:60]!r} raised:\n{output_text(output)}"
            assert output.get("name") != "stderr", f"{cell.source[:60]!r} wrote to stderr: {output.text[:300]}"
    text = everything_a_student_reads(student)
    assert "✅" not in text, "a checker is satisfied before the student has answered"
    leaked = [line for line in distinctive_lines(nbformat.read(path, as_version=4)) if line in text]
    assert not leaked, f"an output shows a solution: {leaked}"
    assert exercise_count(student) == exercise_count(nbformat.read(path, as_version=4)), "every exercise says to do"


@pytest.mark.notebook
def test_student_notebooks_import_the_helpers_handed_out_with_them(student_dir):
    probe = student_dir / "probe.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("import helpers\nprint(helpers.__file__)")]), probe)
    try:
        printed = execute_notebook(probe).cells[0].outputs[0].text.strip()
    finally:
        probe.unlink()
    assert Path(printed) == student_dir / "helpers" / "__init__.py"


def test_student_requirements_pin_what_the_notebooks_import():
    pins = dict(line.split("==") for line in student_requirements().splitlines() if "==" in line)
    project_pins = dict(
        line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line
    )
    assert {"numpy", "scipy", "matplotlib", "ipywidgets", "jupyterlab"} <= set(pins)
    assert all(project_pins[name] == version for name, version in pins.items()), "the same pins as the project"
    assert not {"pytest", "playwright", "ruff", "nbval"} & set(pins), "no developer tools for learners"


def test_main_writes_dist_student_and_replaces_an_earlier_run(tmp_path, capsys):
    assert OUT_DIR == ROOT / "dist" / "student"
    assert "dist/" in (ROOT / ".gitignore").read_text().splitlines(), "dist/ stays out of git"
    (tmp_path / "99_renamed.ipynb").write_text("{}")
    (tmp_path / "notes.txt").write_text("a teacher's own file")
    assert main([str(tmp_path)]) == 0
    assert sorted(path.name for path in tmp_path.glob("*.ipynb")) == ids(NOTEBOOKS)
    assert (tmp_path / "notes.txt").exists(), "only what the tool wrote is replaced"
    assert (tmp_path / "helpers" / "maths" / "neuron.py").exists()
    assert not list((tmp_path / "helpers").rglob("*.pyc"))
    assert f"{tmp_path / '01_perceptron.ipynb'}: solutions removed" in capsys.readouterr().out
