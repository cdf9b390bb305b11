"""Quality gates for every notebook in notebooks/ (found by listing, so a new one is covered at once).

They judge the notebooks exactly as committed: what readers, Binder and nbval see.
"""

from __future__ import annotations

import ast
import contextlib
import getpass
import importlib
import inspect
import io
import json
import os
import pkgutil
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import helpers
from tools.links import BOOTSTRAP_ID, bootstrap_source, read_release

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
LESSONS = [path for path in NOTEBOOKS if not path.name.startswith("00_")]
CURRICULUM = ROOT.parent / "shared" / "curriculum.md"


def curriculum_ids() -> list[str]:
    """Every point of the shared curriculum (**P1**, ..., **N8**, ...), in its order; empty if it is not beside us."""
    return re.findall(r"\*\*([A-Z]\d+)\*\*", CURRICULUM.read_text()) if CURRICULUM.exists() else []


CURRICULUM_IDS = curriculum_ids()
IGNORE_TAG = "nbval-ignore-output"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

MACHINE_SPECIFIC = [
    (re.compile(r"(/home/\w+|/root/|/tmp/|/Users/\w+|[A-Za-z]:\\\\)"), "an absolute path"),
    (re.compile(r"0x[0-9a-fA-F]{6,}"), "a memory address"),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}"), "a timestamp"),
    (re.compile(r"\b\d+(\.\d+)?\s?(ms|µs|us|ns|seconds?|minutes?)\b|\b\d+\.\d+\s?s\b"), "a duration"),
]


def ids(paths: list[Path]) -> list[str]:
    return [path.name for path in paths]


def load(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def code_cells(notebook) -> list:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def markdown(notebook) -> str:
    return "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def output_text(output) -> str:
    """All the text of one output (images left out)."""
    if output.output_type == "stream":
        return output.text
    if output.output_type == "error":
        return "\n".join(output.traceback)
    data = output.get("data", {})
    return "\n".join(
        value if isinstance(value, str) else json.dumps(value)
        for key, value in data.items()
        if not key.startswith("image/") and key != WIDGET_MIME
    )


def cell_text(cell) -> str:
    return "\n".join(output_text(output) for output in cell.get("outputs", []))


def plain_text(cell) -> str:
    """What a plain-text reader sees: printed text and text/plain reprs."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.text if output.output_type == "stream" else output.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def shows_widget(cell) -> bool:
    return any(WIDGET_MIME in output.get("data", {}) for output in cell.get("outputs", []))


def shows_image(cell) -> bool:
    return any("image/png" in output.get("data", {}) for output in cell.get("outputs", []))


def test_the_series_is_there():
    names = ids(NOTEBOOKS)
    assert names[0] == "00_start_here.ipynb"
    assert len(LESSONS) >= 4, names
    assert [name[:2] for name in names] == [f"{i:02d}" for i in range(len(names))], "numbered in reading order"


# --- stored outputs -----------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_valid_and_standard_kernel(path):
    notebook = load(path)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    assert notebook.metadata.kernelspec.language == "python"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_run_top_to_bottom_on_a_fresh_kernel(path):
    counts = [cell.execution_count for cell in code_cells(load(path))]
    assert counts == list(range(1, len(counts) + 1)), f"re-run with `python3 tasks.py execute {path.name}`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_no_errors_or_warnings_stored(path):
    for index, cell in enumerate(code_cells(load(path))):
        for output in cell.outputs:
            assert output.output_type != "error", f"code cell {index} stored an error"
            assert not (output.output_type == "stream" and output.name == "stderr"), (
                f"code cell {index} printed to stderr: {output.text[:100]!r}"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_no_machine_specific_text(path):
    forbidden = MACHINE_SPECIFIC + [
        (re.compile(rf"\b{re.escape(name)}\b"), "the user or host name")
        for name in {getpass.getuser(), socket.gethostname()}
        if len(name) > 3  # "root" and short names also occur in ordinary words
    ]
    for index, cell in enumerate(code_cells(load(path))):
        if IGNORE_TAG in cell.metadata.get("tags", []):
            continue  # the one cell allowed to show a measurement
        text = cell_text(cell)
        for pattern, what in forbidden:
            match = pattern.search(text)
            assert not match, f"code cell {index} shows {what}: {match.group(0)!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_output_comparison_skipped_rarely_and_with_a_reason(path):
    ignored = [cell for cell in code_cells(load(path)) if IGNORE_TAG in cell.metadata.get("tags", [])]
    assert len(ignored) <= 1, "at most one cell per notebook may skip nbval's comparison"
    for cell in ignored:
        assert re.search(rf"#\s*{IGNORE_TAG}:\s*\S+", cell.source), "say why in a comment: # nbval-ignore-output: why"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_size_under_one_megabyte(path):
    assert path.stat().st_size < 1_000_000


# --- shape ---------------------------------------------------------------


def headings(notebook) -> list[tuple[int, str]]:
    found = []
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        in_code = False
        for line in cell.source.splitlines():
            if line.startswith("```"):
                in_code = not in_code
            match = re.match(r"^(#{1,6})\s+(.*)", line)
            if match and not in_code:
                found.append((len(match.group(1)), match.group(2).strip()))
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_one_title_and_sections_in_order(path):
    found = headings(load(path))
    assert [level for level, _ in found].count(1) == 1 and found[0][0] == 1, "exactly one level-1 heading, first"
    assert found[0][1].startswith(path.name[:2]) or path.name.startswith("00"), "the title carries the number"
    levels = [level for level, _ in found]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), f"a heading level is skipped: {found}"
    numbered = [int(m.group(1)) for level, text in found if level == 2 and (m := re.match(r"(\d+)\.", text))]
    assert numbered == list(range(1, len(numbered) + 1)), f"numbered sections out of order: {numbered}"
    titles = [text for level, text in found if level == 2]
    assert titles[-2:] == ["Summary", "References"], titles


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_goals_prerequisites_and_time_up_front(path):
    opening = load(path).cells[0].source
    goals = re.search(r"\*\*Learning goals\.\*\*(.*?)\n\n\*\*Prerequisites", opening, re.S)
    assert goals, "the first cell states learning goals, then prerequisites"
    bullets = [line for line in goals.group(1).splitlines() if line.startswith("- ")]
    assert 3 <= len(bullets) <= 6
    assert re.search(r"\*\*Time:\*\* about \d+ minutes", opening)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_summary_points_to_the_next_notebook(path):
    text = markdown(load(path))
    summary = text[text.index("## Summary") : text.index("## References")]
    position = NOTEBOOKS.index(path)
    following = NOTEBOOKS[position + 1].name if position + 1 < len(NOTEBOOKS) else NOTEBOOKS[0].name
    assert f"]({following})" in summary, f"the summary should link to {following}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_first_code_cells_make_the_helpers_importable_then_only_import(path):
    """The generated bootstrap cell (the same in every notebook), then one cell of imports."""
    bootstrap, imports = code_cells(load(path))[:2]
    assert bootstrap.id == BOOTSTRAP_ID
    assert bootstrap.source == bootstrap_source(read_release()), "run `python3 tasks.py links`"
    assert bootstrap.outputs == [], "where the helpers are importable, the bootstrap cell prints nothing"
    lines = [line for line in imports.source.splitlines() if not line.startswith("%")]
    statements = ast.parse("\n".join(lines)).body
    assert statements and all(isinstance(s, ast.Import | ast.ImportFrom) for s in statements)
    assert "%matplotlib inline" in imports.source


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_code_comes_from_helpers_not_pasted(path):
    for cell in code_cells(load(path)):
        tree = ast.parse("\n".join(line for line in cell.source.splitlines() if not line.startswith("%")))
        defined = [node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
        assert not defined, f"classes belong in helpers/: {defined}"


def link_targets(text: str) -> list[str]:
    return [target for target in re.findall(r"\]\(([^)\s]+)\)", text) if not re.match(r"[a-z]+:", target)]


@pytest.mark.parametrize("path", [*NOTEBOOKS, ROOT / "README.md"], ids=[*ids(NOTEBOOKS), "README.md"])
def test_relative_links_resolve(path):
    text = markdown(load(path)) if path.suffix == ".ipynb" else path.read_text()
    targets = link_targets(text)
    assert targets, "expected links to other notebooks"
    for target in targets:
        assert (path.parent / target.split("#")[0]).exists(), f"broken link {target!r}"


# --- exercises ------------------------------------------------------------------------
#
# An exercise is a code cell tagged "exercise": the learner's ..., then a call of a check_ function,
# stored showing the checker's to-do feedback.  Right after it comes its worked solution, a collapsed
# markdown <details> block with one fenced python block that runs on nothing but the notebook's first
# cell.  Nothing runs a solution on Run All, so no stored output can give an answer away.

EXERCISE_TAG = "exercise"
SOLUTION_SUMMARY = "<details><summary>Show a worked solution</summary>"
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```[ \t]*$", re.S | re.M)
NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
KNOWN_GIVEAWAYS: dict[tuple[str, str], str] = {
    # (notebook, cell id): why the cell still prints an answer.  Remove an entry once its cell is fixed.
}


def python_source(source: str) -> str:
    """Cell source without IPython magics, ready for ``ast``."""
    return "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("%"))


def checkers_called(source: str) -> set[str]:
    """Names of the check_ functions that ``source`` calls."""
    return {
        node.func.id
        for node in ast.walk(ast.parse(python_source(source)))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id.startswith("check_")
    }


def placeholders(source: str) -> int:
    """How many ``...`` the learner has to replace in ``source``."""
    tree = ast.parse(python_source(source))
    return sum(isinstance(node, ast.Constant) and node.value is Ellipsis for node in ast.walk(tree))


def names_bound(source: str) -> set[str]:
    """Names that running ``source`` (re)binds at the top level: assignments, loops, functions."""
    bound = set()
    for statement in ast.parse(python_source(source)).body:
        if isinstance(statement, ast.FunctionDef | ast.ClassDef):
            bound.add(statement.name)
        targets = getattr(statement, "targets", None) or [getattr(statement, "target", None)]
        for target in filter(None, targets):
            bound |= {node.id for node in ast.walk(target) if isinstance(node, ast.Name)}
    return bound


def exercise_indices(notebook) -> list[int]:
    return [index for index, cell in enumerate(notebook.cells) if EXERCISE_TAG in cell.metadata.get("tags", [])]


def is_details_block(cell) -> bool:
    return cell.cell_type == "markdown" and "<details" in cell.source


def solution_after(notebook, index: int) -> str:
    """The code of the worked solution in the cell after exercise ``index`` ('' if there is none)."""
    following = notebook.cells[index + 1] if index + 1 < len(notebook.cells) else None
    blocks = PYTHON_BLOCK.findall(following.source) if following is not None and is_details_block(following) else []
    return blocks[0] if len(blocks) == 1 else ""


def first_cell_namespace(notebook) -> dict:
    """A fresh namespace after running the notebook's set-up cells (the bootstrap, then the imports) in this process."""
    namespace: dict = {"__name__": "__exercise__"}
    for cell in code_cells(notebook)[:2]:
        exec(compile(python_source(cell.source), "<set-up cell>", "exec"), namespace)
    return namespace


def run_and_show(source: str, namespace: dict):
    """Run ``source`` like a notebook cell: the statements, then the value of its last expression."""
    *body, last = ast.parse(python_source(source)).body
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(ast.Module(body=body, type_ignores=[]), "<cell>", "exec"), namespace)
        if isinstance(last, ast.Expr):
            return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)
        exec(compile(ast.Module(body=[last], type_ignores=[]), "<cell>", "exec"), namespace)
    return None


def with_number(source: str, number: float) -> str:
    """``source`` with its one ``...`` replaced by ``number``."""

    class Fill(ast.NodeTransformer):
        def visit_Constant(self, node):
            return ast.copy_location(ast.Constant(number), node) if node.value is Ellipsis else node

    return ast.unparse(Fill().visit(ast.parse(python_source(source))))


def section_of(notebook, index: int) -> range:
    """The cells of the numbered section (between level-2 headings) that holds cell ``index``."""
    starts = [
        i
        for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "markdown" and re.search(r"^## ", cell.source, re.M)
    ]
    start = max((i for i in starts if i <= index), default=0)
    end = min((i for i in starts if i > index), default=len(notebook.cells))
    return range(start, end)


def exercise_cell_problems(notebook) -> list[str]:
    """At least three exercises; each leaves ..., ends by calling a checker, and stores its to-do feedback."""
    found = exercise_indices(notebook)
    problems = [] if len(found) >= 3 else [f"{len(found)} cells tagged {EXERCISE_TAG!r}; a lesson needs at least 3"]
    for index in found:
        cell = notebook.cells[index]
        where = f"exercise {cell.get('id', index)}"
        if cell.cell_type != "code":
            problems.append(f"{where} is not a code cell")
            continue
        if not placeholders(cell.source):
            problems.append(f"{where} leaves no ... for the learner to fill in")
        body = ast.parse(python_source(cell.source)).body
        if not (body and isinstance(body[-1], ast.Expr) and checkers_called(ast.unparse(body[-1]))):
            problems.append(f"{where} does not end by calling a check_ function, so its answer would not show")
        shown = [output.get("data", {}).get("text/plain", "") for output in cell.outputs if "data" in output]
        if len(shown) != 1 or not shown[0].startswith("✏️"):
            problems.append(f"{where} should store the checker's to-do feedback (✏️), not {shown}")
        if any(output.output_type == "error" for output in cell.outputs) or "Traceback" in cell_text(cell):
            problems.append(f"{where} stores a traceback")
    for index, cell in enumerate(notebook.cells):
        if (
            cell.cell_type == "code"
            and index not in found
            and placeholders(cell.source)
            and checkers_called(cell.source)
        ):
            problems.append(f"cell {cell.get('id', index)} looks like an exercise but is not tagged {EXERCISE_TAG!r}")
    return problems


def solution_placement_problems(notebook) -> list[str]:
    """Exactly one collapsed <details> solution right after each exercise, with reasons and one python block."""
    problems = []
    found = exercise_indices(notebook)
    for position, index in enumerate(found):
        where = f"exercise {notebook.cells[index].get('id', index)}"
        end = found[position + 1] if position + 1 < len(found) else len(notebook.cells)
        blocks = [i for i in range(index + 1, end) if is_details_block(notebook.cells[i])]
        if blocks != [index + 1]:
            problems.append(f"{where}: want exactly one <details> solution, in the cell right after it; found {blocks}")
            continue
        text = notebook.cells[index + 1].source
        code = PYTHON_BLOCK.findall(text)
        reasons = PYTHON_BLOCK.sub("", text).replace(SOLUTION_SUMMARY, "").replace("</details>", "").strip()
        if not text.startswith(SOLUTION_SUMMARY) or not text.rstrip().endswith("</details>"):
            problems.append(f"{where}: the solution should be one closed {SOLUTION_SUMMARY} ... </details> block")
        if len(code) != 1:
            problems.append(f"{where}: the solution should hold exactly one ```python block, found {len(code)}")
        elif placeholders(code[0]) or checkers_called(code[0]) != checkers_called(notebook.cells[index].source):
            problems.append(f"{where}: the solution should fill in every ... and call the exercise's own checker")
        if len(reasons) < 40:
            problems.append(f"{where}: the solution should explain its reasoning in a sentence or two")
    return problems


def solution_verdicts(notebook) -> list[tuple[str, object]]:
    """Each worked solution's code and what it shows when run on a fresh namespace after the first cell."""
    setup = first_cell_namespace(notebook)
    verdicts = []
    for index in exercise_indices(notebook):
        code = solution_after(notebook, index)
        verdicts.append((code, run_and_show(code, dict(setup)) if code else None))
    return verdicts


def stored_solution_problems(notebook) -> list[str]:
    """No solution is a code cell: none tagged 'solution', none holding a worked solution's code."""
    solutions = [
        code.strip() for cell in notebook.cells if is_details_block(cell) for code in PYTHON_BLOCK.findall(cell.source)
    ]
    problems = []
    for index, cell in enumerate(notebook.cells):
        where = f"cell {cell.get('id', index)}"
        if "solution" in cell.metadata.get("tags", []):
            problems.append(f"{where} is tagged 'solution': worked solutions live in <details> blocks")
        if cell.cell_type == "code" and any(code and code in cell.source for code in solutions):
            problems.append(f"{where} is a code cell holding a worked solution: Run All would run it")
    return problems


def overwrite_problems(notebook) -> list[str]:
    """Run All never overwrites a learner's answer: no other code cell rebinds an exercise's names."""
    found = exercise_indices(notebook)
    problems = []
    for index in found:
        answers = names_bound(notebook.cells[index].source)
        for other, cell in enumerate(notebook.cells):
            clash = answers & names_bound(cell.source) if cell.cell_type == "code" and other != index else set()
            if clash:
                problems.append(f"cell {cell.get('id', other)} rebinds {sorted(clash)}, an answer of exercise {index}")
    return problems


def giveaway_problems(notebook, name: str) -> list[str]:
    """No stored output shows a right verdict, a solution's verdict text, or a number its checker would accept."""
    problems = []
    outputs = {cell.get("id", i): cell_text(cell) for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"}
    for cell_id, text in outputs.items():
        if "✅" in text:
            problems.append(f"cell {cell_id} stores a right verdict (✅)")
    setup = first_cell_namespace(notebook)
    for index in exercise_indices(notebook):
        exercise = notebook.cells[index]
        code = solution_after(notebook, index)
        verdict = run_and_show(code, dict(setup)) if code else None
        message = getattr(verdict, "message", "")
        for cell_id, text in outputs.items():
            if message and message in text:
                problems.append(
                    f"cell {cell_id} shows the verdict of exercise {exercise.id}'s solution: {message[:50]!r}"
                )
        if placeholders(exercise.source) != 1:
            continue  # several blanks: a printed number alone cannot answer it
        for other in section_of(notebook, index):
            cell = notebook.cells[other]
            if cell.cell_type != "code" or (name, cell.get("id")) in KNOWN_GIVEAWAYS:
                continue
            for match in sorted(set(NUMBER.findall(plain_text(cell)))):
                shown = run_and_show(with_number(exercise.source, float(match)), dict(setup))
                if getattr(shown, "passed", False):
                    problems.append(f"cell {cell.get('id')} prints {match}, an answer its checker accepts")
    return problems


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_exercises_leave_blanks_and_store_what_to_do(path):
    assert not exercise_cell_problems(load(path))


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_each_exercise_has_one_hidden_worked_solution_right_after_it(path):
    assert not solution_placement_problems(load(path))


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_every_worked_solution_makes_its_checker_say_right(path):
    verdicts = solution_verdicts(load(path))
    assert len(verdicts) >= 3
    for code, verdict in verdicts:
        assert getattr(verdict, "status", None) == "right", f"{code!r} shows {verdict!r}"


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_no_solution_is_a_code_cell(path):
    assert not stored_solution_problems(load(path))


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_run_all_never_overwrites_a_learners_answer(path):
    assert not overwrite_problems(load(path))


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_no_stored_output_gives_an_answer_away(path):
    assert not giveaway_problems(load(path), path.name)


def test_the_layers_exercise_states_the_answer_of_the_chain():
    """Notebook 03's solution text and the checker agree with the chain of helpers.maths.saturation."""
    from helpers.checks.saturation import fewest_layers_to_vanish

    notebook = load(NOTEBOOK_DIR / "03_saturation.ipynb")
    index = next(i for i in exercise_indices(notebook) if "check_layers_to_vanish" in notebook.cells[i].source)
    layers = fewest_layers_to_vanish()
    assert f"$L = {layers}$" in notebook.cells[index + 1].source


# --- the exercise gates fail on broken notebooks ----------------------------------------


def mutated(name: str = "03_saturation.ipynb"):
    """A copy of a lesson notebook to break, and the index of its first exercise."""
    notebook = load(NOTEBOOK_DIR / name)
    return notebook, exercise_indices(notebook)[0]


def test_the_gates_pass_the_unbroken_copy():
    notebook, _ = mutated()
    assert not exercise_cell_problems(notebook) and not solution_placement_problems(notebook)
    assert not stored_solution_problems(notebook) and not overwrite_problems(notebook)


def test_a_wrong_solution_fails():
    notebook, index = mutated()
    solution = notebook.cells[index + 1]
    solution.source = solution.source.replace("sigmoid(5) * (1 - sigmoid(5))", "sigmoid(5)")
    code, verdict = solution_verdicts(notebook)[0]
    assert "sigmoid(5)" in code and verdict.status == "wrong"


def test_an_exercise_without_blanks_fails():
    notebook, index = mutated()
    notebook.cells[index].source = notebook.cells[index].source.replace("...", "0.0066")
    assert any("leaves no ..." in problem for problem in exercise_cell_problems(notebook))


def test_an_exercise_that_stores_a_traceback_or_a_verdict_fails():
    notebook, index = mutated()
    notebook.cells[index].outputs = [nbformat.v4.new_output("error", ename="E", evalue="", traceback=["Traceback"])]
    assert any("to-do feedback" in problem for problem in exercise_cell_problems(notebook))
    assert any("traceback" in problem for problem in exercise_cell_problems(notebook))


def test_an_untagged_exercise_fails():
    notebook, index = mutated()
    notebook.cells[index].metadata["tags"] = []
    problems = exercise_cell_problems(notebook)
    assert any("not tagged" in problem for problem in problems)
    assert any("needs at least 3" in problem for problem in problems)


def test_a_solution_stored_as_a_code_cell_fails():
    notebook, index = mutated()
    code = solution_after(notebook, index)
    stored = nbformat.v4.new_code_cell(code, id="stored-solution", metadata={"tags": ["solution"]})
    stored.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "✅ right"}, execution_count=1)]
    notebook.cells.insert(index + 1, stored)
    assert any("right after it" in problem for problem in solution_placement_problems(notebook))
    assert len(stored_solution_problems(notebook)) == 2  # tagged, and holding the solution's code
    assert any("stores a right verdict" in problem for problem in giveaway_problems(notebook, "copy"))
    assert any("rebinds" in problem for problem in overwrite_problems(notebook))


def test_a_missing_or_open_or_doubled_solution_fails():
    notebook, index = mutated()
    solution = notebook.cells.pop(index + 1)
    assert solution_placement_problems(notebook)
    notebook.cells.insert(index + 1, solution)
    solution.source = solution.source.replace("<details>", "<details open>")
    assert any("closed" in problem for problem in solution_placement_problems(notebook))
    solution.source = solution.source.replace("<details open>", "<details>")
    notebook.cells.insert(index + 2, nbformat.v4.new_markdown_cell(solution.source, id="second-solution"))
    assert any("exactly one <details>" in problem for problem in solution_placement_problems(notebook))


def test_a_printed_answer_near_an_exercise_fails():
    notebook, index = mutated()
    printer = next(i for i in section_of(notebook, index) if notebook.cells[i].cell_type == "code" and i != index)
    notebook.cells[printer].outputs.append(nbformat.v4.new_output("stream", name="stdout", text="slope 0.00665\n"))
    notebook.cells[printer].id = "prints-the-answer"
    assert any("prints 0.00665" in problem for problem in giveaway_problems(notebook, "copy"))


def test_a_stored_verdict_text_fails():
    notebook, index = mutated()
    verdict = solution_verdicts(notebook)[0][1]
    elsewhere = next(cell for cell in notebook.cells if cell.cell_type == "code" and cell.outputs)
    elsewhere.outputs.append(nbformat.v4.new_output("stream", name="stdout", text=verdict.message.replace("✅", "")))
    assert any("shows the verdict" in problem for problem in giveaway_problems(notebook, "copy"))


# --- dashboards ------------------------------------------------------------------


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_dashboards_have_a_static_figure_before_them(path):
    cells = code_cells(load(path))
    dashboards = [index for index, cell in enumerate(cells) if shows_widget(cell)]
    assert len(dashboards) >= 2, "at least two slider dashboards"
    for index in dashboards:
        assert "dashboard(" in cells[index].source, "dashboards come from helpers.dashboards"
        assert any(shows_image(cell) for cell in cells[max(0, index - 3) : index]), (
            f"code cell {index} shows a dashboard with no static figure just before it"
        )


# --- curriculum coverage ------------------------------------------------------


def syllabus() -> dict[str, str]:
    """The syllabus table of the start notebook: curriculum id -> notebook file."""
    rows = re.findall(r"^\|\s*([A-Z]\d+)\s*\|.*\]\(([^)]+\.ipynb)\)\s*\|\s*$", markdown(load(NOTEBOOKS[0])), re.M)
    return dict(rows)


def test_the_shared_curriculum_is_read():
    if not CURRICULUM.exists():
        pytest.skip(f"{CURRICULUM} is not beside this checkout")
    assert CURRICULUM_IDS and len(set(CURRICULUM_IDS)) == len(CURRICULUM_IDS), CURRICULUM_IDS


def test_every_curriculum_id_is_in_the_syllabus():
    if not CURRICULUM.exists():
        pytest.skip(f"{CURRICULUM} is not beside this checkout")
    table = syllabus()
    missing = [point for point in CURRICULUM_IDS if point not in table]
    assert not missing, f"syllabus lacks {missing}"


@pytest.mark.parametrize("point", CURRICULUM_IDS)
def test_the_notebook_named_in_the_syllabus_covers_the_point(point):
    target = NOTEBOOK_DIR / syllabus()[point]
    assert target.exists(), f"{point}: the syllabus names {target.name}, which does not exist"
    tags = re.findall(r"<!--\s*covers:\s*([^>]*?)\s*-->", markdown(load(target)))
    covered = {item.strip() for tag in tags for item in tag.split(",")}
    assert point in covered, f"{target.name} has no <!-- covers: {point} --> tag"


# --- helper hygiene ---------------------------------------------------------


def helper_modules() -> list:
    """Every module of the helpers package, in every layer (walked, so a new module is covered at once)."""
    return [importlib.import_module(info.name) for info in pkgutil.walk_packages(helpers.__path__, prefix="helpers.")]


def public_helpers() -> list[tuple[str, object]]:
    found = []
    for module in helper_modules():
        for name, obj in vars(module).items():
            if name.startswith("_") or not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            if obj.__module__ == module.__name__:
                found.append((f"{module.__name__}.{name}", obj))
    return found


def test_every_public_helper_has_a_docstring():
    undocumented = [name for name, obj in public_helpers() if not inspect.getdoc(obj)]
    assert not undocumented, undocumented


def test_every_public_helper_function_is_tested():
    """Named in a test, or (for dashboard builders) listed in the registry that tests/test_widgets.py drives."""
    from helpers.live.registry import all_dashboards

    tests = "\n".join(path.read_text() for path in (ROOT / "tests").glob("test_*.py"))
    registry = inspect.getsource(all_dashboards)
    untested = [
        name
        for name, obj in public_helpers()
        if inspect.isfunction(obj)
        and not re.search(rf"\b{name.rsplit('.', 1)[1]}\b", tests)
        and not (name.endswith("_dashboard") and re.search(rf"\b{name.rsplit('.', 1)[1]}\b", registry))
    ]
    assert not untested, f"no test exercises {untested}"


def test_the_walk_reaches_every_layer():
    names = {module.__name__ for module in helper_modules()}
    for layer in ("maths", "figures", "live", "checks"):
        assert any(name.startswith(f"helpers.{layer}.") for name in names), f"no module found in helpers.{layer}"
    files = list((ROOT / "helpers").rglob("*.py"))
    assert len(names) + 1 == len(files), "every file but helpers/__init__.py is a module the walk finds"


def test_every_helpers_module_stays_small():
    """One idea per module: none over 300 lines."""
    paths = (ROOT / "helpers").rglob("*.py")
    sizes = {path.relative_to(ROOT).as_posix(): len(path.read_text().splitlines()) for path in paths}
    too_long = {name: lines for name, lines in sizes.items() if lines > 300}
    assert not too_long, f"split these modules by idea: {too_long}"


def test_every_dashboard_builder_is_in_the_registry():
    from helpers.live.registry import all_dashboards

    builders = [
        name
        for module in helper_modules()
        if module.__name__.startswith("helpers.live.")
        for name, obj in vars(module).items()
        if name.endswith("_dashboard") and inspect.isfunction(obj) and obj.__module__ == module.__name__
    ]
    assert len(builders) > 10
    registry = inspect.getsource(all_dashboards)
    missing = [name for name in builders if not re.search(rf"\b{name}\b", registry)]
    assert not missing, f"tests/test_widgets.py cannot reach {missing}: add them to all_dashboards()"


def test_ruff_passes():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


LINT_IMPORTS = "from importlinter.cli import lint_imports_command; lint_imports_command()"


def run_import_contracts(root: Path) -> subprocess.CompletedProcess:
    """import-linter over the project at ``root``, with the contracts in its pyproject.toml."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-c", LINT_IMPORTS, "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


def test_import_contracts_hold():
    """live -> figures -> maths, checkers use the maths only, and no developer tooling in helpers."""
    result = run_import_contracts(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_import_contracts_catch_an_upward_import(tmp_path):
    shutil.copytree(ROOT / "helpers", tmp_path / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tools", tmp_path / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    neuron = tmp_path / "helpers" / "maths" / "neuron.py"
    neuron.write_text(neuron.read_text() + "\nfrom ..live import dashboard  # an upward import\n")
    result = run_import_contracts(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and "helpers.maths.neuron -> helpers.live.dashboard" in result.stdout


def test_02_heat_map_sliders_reach_the_scaled_up_neuron():
    """02 section 9 says: scale w1, w2 and b up together from (2, 2, -6); the sliders must reach twice that."""
    from helpers.live.perceptron import decision_line_dashboard
    from helpers.maths.datasets import two_clusters

    notebook = load(NOTEBOOK_DIR / "02_sigmoid_neuron.ipynb")
    cell = next(cell for cell in code_cells(notebook) if "decision_line_dashboard(X, y, activation=" in cell.source)
    X, y = two_clusters(20, seed=0)
    call = cell.source.splitlines()[-1]
    dashboard = eval(call, {"decision_line_dashboard": decision_line_dashboard, "X": X, "y": y})
    start = dashboard.values()
    assert start == {"w1": 2.0, "w2": 2.0, "b": -6.0}
    for name, value in start.items():
        slider = dashboard.sliders[name]
        assert slider.min <= 2 * value <= slider.max, (name, slider.min, slider.max)
