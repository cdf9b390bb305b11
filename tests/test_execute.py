"""The re-execution command that contributors use: fresh kernel, counts 1..n, no timing metadata."""

from __future__ import annotations

import json

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from tools.execute import ROOT, execute_notebook, main, notebook_paths


def test_notebook_paths_lists_the_series_in_order():
    paths = notebook_paths()
    assert paths == sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert notebook_paths(["notebooks/00_start_here.ipynb"])[0].name == "00_start_here.ipynb"


def test_execute_runs_top_to_bottom_and_saves_clean_metadata(tmp_path, capsys):
    path = tmp_path / "tiny.ipynb"
    notebook = new_notebook(cells=[new_code_cell("x = 40"), new_code_cell("print(x + 2)"), new_code_cell("x / 2")])
    notebook.cells[1].execution_count = 7  # stale counts must be replaced
    nbformat.write(notebook, path)
    executed = execute_notebook(path)
    assert [cell.execution_count for cell in executed.cells] == [1, 2, 3]
    assert executed.cells[1].outputs[0].text == "42\n"
    assert main([str(path)]) == 0
    saved = json.loads(path.read_text())
    assert "widgets" not in saved["metadata"]
    assert saved["metadata"]["kernelspec"]["name"] == "python3"
    assert all("execution" not in cell["metadata"] for cell in saved["cells"])
    assert "tiny.ipynb: executed in" in capsys.readouterr().out


def test_prints_of_one_cell_are_stored_as_one_stream(tmp_path):
    """Flushes split a cell's prints into several stream outputs, differently from run to run; we store one."""
    path = tmp_path / "prints.ipynb"
    source = (
        'import sys\nprint("a", flush=True)\nsys.stderr.write("warned\\n")\nsys.stderr.flush()\n'
        'print("b", flush=True)\nprint("c", flush=True)'
    )
    nbformat.write(new_notebook(cells=[new_code_cell(source)]), path)
    outputs = execute_notebook(path).cells[0].outputs
    stored = [(output.name, output.text) for output in outputs]
    assert stored == [("stdout", "a\n"), ("stderr", "warned\n"), ("stdout", "b\nc\n")]
