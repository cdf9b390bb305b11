"""The notebooks run where learners open them: Binder-like, Colab-like and JupyterHub-like environments.

Each check builds a fresh environment with uv (seconds, from uv's cache that ``tasks.py`` fills) and runs
every notebook on a kernel from that environment.  What they prove, and what they cannot (Colab's page and
Binder's servers are out of reach from here), is in README.md.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tools.execute import ROOT
from tools.links import bootstrap_source, read_release

pytestmark = pytest.mark.routes

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# repo2docker's Python 3.11 image carries JupyterLab 4.4; pip then installs .binder/requirements.txt into it.
BINDER_BASE_JUPYTERLAB = "jupyterlab==4.4.*"
# What Colab ships (measured there): its front end speaks ipywidgets 7 only.
COLAB = ["ipywidgets==7.7.1", "ipython==7.34.0", "ipykernel==6.17.1", "numpy==2.1.3", "matplotlib==3.10.0"]
INSTALLING = "Installing the helpers these notebooks use (once, a few seconds) ...\n"


def uv() -> str:
    """uv from this environment (``tasks.py`` puts it there) or the machine."""
    found = shutil.which("uv") or Path(sys.executable).with_name("uv")
    if not Path(found).exists():
        pytest.skip("uv is not installed: `python3 tasks.py test` installs it into .venv")
    return str(found)


def run(*command: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run a command; fail the test with its output if it fails."""
    result = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}"
    return result


def fresh_environment(folder: Path, *requirements: str, seed: bool = False) -> Path:
    """A new virtual environment at ``folder`` with ``requirements`` installed by uv; returns its Python."""
    run(uv(), "venv", "--quiet", "--python", sys.executable, *(["--seed"] if seed else []), folder)
    python = folder / "bin" / "python"
    run(uv(), "pip", "install", "--quiet", "--python", python, *requirements)
    return python


def installed(python: Path) -> dict[str, str]:
    """Every distribution in the environment of ``python``, by lower-case name."""
    listing = run(uv(), "pip", "list", "--format", "json", "--python", python).stdout
    return {entry["name"].lower(): entry["version"] for entry in json.loads(listing)}


def add_kernel_spec(python: Path, monkeypatch) -> str:
    """A kernel spec, found through JUPYTER_PATH, that starts ipykernel with ``python``; returns its name."""
    share = python.parent.parent / "share" / "route-kernel"
    (share / "kernels" / "route").mkdir(parents=True)
    argv = [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec = {"argv": argv, "display_name": "route", "language": "python"}
    (share / "kernels" / "route" / "kernel.json").write_text(json.dumps(spec))
    monkeypatch.setenv("JUPYTER_PATH", str(share))
    return "route"


def widget_views(notebook) -> int:
    return sum(WIDGET_VIEW in output.get("data", {}) for cell in notebook.cells for output in cell.get("outputs", []))


def run_every_notebook(python: Path, monkeypatch) -> dict[str, float]:
    """Run every notebook on a fresh kernel from ``python``, two at a time; return the seconds each took.

    Fails when a cell raises, when a cell writes a traceback, or when a dashboard does not show as a widget.
    """
    kernel = add_kernel_spec(python, monkeypatch)
    at_once = asyncio.Semaphore(2)  # the two cores

    async def one(path: Path) -> tuple[nbformat.NotebookNode, float]:
        async with at_once:
            notebook = nbformat.read(path, as_version=4)
            start = time.perf_counter()
            resources = {"metadata": {"path": str(path.parent)}}
            await NotebookClient(notebook, timeout=600, kernel_name=kernel, resources=resources).async_execute()
            return notebook, time.perf_counter() - start

    async def every() -> list[tuple[nbformat.NotebookNode, float]]:
        return await asyncio.gather(*(one(path) for path in NOTEBOOKS))

    times = {}
    for path, (executed, took) in zip(NOTEBOOKS, asyncio.run(every()), strict=True):
        for index, cell in enumerate(executed.cells):
            for output in cell.get("outputs", []):
                text = output.get("text", "") if output.get("name") == "stderr" else ""
                assert "Traceback" not in text, f"{path.name}, cell {index}: {text[:300]}"
        committed = nbformat.read(path, as_version=4)
        assert widget_views(executed) == widget_views(committed), f"{path.name}: a dashboard did not show"
        times[path.name] = took
    return times


def seconds(times: dict[str, float]) -> str:
    return ", ".join(f"{name[:2]} {took:.0f} s" for name, took in times.items())


def root_pins() -> dict[str, str]:
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    return dict(line.split("#")[0].strip().split("==") for line in lines if line.split("#")[0].strip())


# --- Binder ----------------------------------------------------------------------------------------------


def test_binder_like_environment_runs_every_notebook(tmp_path, capsys, monkeypatch):
    """.binder/requirements.txt alone (JupyterLab as the base image has it), then .binder/postBuild."""
    binder = (ROOT / ".binder" / "requirements.txt").read_text().splitlines()
    pins = [BINDER_BASE_JUPYTERLAB if line.startswith("jupyterlab==") else line for line in binder]
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("\n".join(pins) + "\n")
    start = time.perf_counter()
    python = fresh_environment(tmp_path / "binder", "-r", requirements, seed=True)
    built = time.perf_counter() - start
    environment = {**os.environ, "PATH": f"{python.parent}{os.pathsep}{os.environ['PATH']}"}
    post_build = subprocess.run([ROOT / ".binder" / "postBuild"], cwd=ROOT, env=environment, capture_output=True)
    assert post_build.returncode == 0, post_build.stderr.decode()
    packages = installed(python)
    assert packages["jupyterlab"].startswith("4.4.")
    assert not {"pytest", "hypothesis", "playwright", "ruff", "nbval"} & set(packages), "test tools on Binder"
    times = run_every_notebook(python, monkeypatch)
    with capsys.disabled():
        print(f"\nBinder-like: built in {built:.0f} s; notebooks {seconds(times)}")
    shutil.rmtree(tmp_path / "binder")  # half a gigabyte; kept only when the check fails


# --- Colab -----------------------------------------------------------------------------------------------

DASHBOARDS_AT_THEIR_ENDS = """
import warnings

warnings.filterwarnings("error", module=r"helpers(\\.|$)")  # our code warns about nothing
warnings.filterwarnings("error", category=RuntimeWarning)  # no NumPy floating-point warnings anywhere

from helpers.live.registry import all_dashboards

for name, make in all_dashboards().items():
    dashboard = make()
    for slider in dashboard.sliders.values():
        ends = (slider.options[0][1], slider.options[-1][1]) if hasattr(slider, "options") else (slider.min, slider.max)
        for value in ends:
            slider.value = value
            assert dashboard.png.startswith(b"\\x89PNG"), name
    for button in dashboard.buttons.values():
        button.click()
    print(name)
"""


def test_colab_like_environment_keeps_its_packages_and_runs_every_notebook_and_dashboard(tmp_path, capsys, monkeypatch):
    """Colab's versions first, then the helpers installed as Colab's first cell does: not editable, with deps."""
    start = time.perf_counter()
    python = fresh_environment(tmp_path / "colab", *COLAB)
    run(uv(), "pip", "install", "--quiet", "--python", python, ROOT)
    built = time.perf_counter() - start
    packages = installed(python)
    for pin in COLAB:
        name, version = pin.split("==")
        assert packages[name] == version, f"installing the helpers changed Colab's {name} to {packages[name]}"
    helpers_file = run(python, "-c", "import helpers; print(helpers.__file__)", cwd=tmp_path).stdout
    assert "site-packages" in helpers_file, "the notebooks import the installed copy, as in Colab"
    start = time.perf_counter()
    # The dashboards draw in a process of their own while the notebooks run: the cores are never idle.
    draw = [python, "-c", DASHBOARDS_AT_THEIR_ENDS]
    dashboards = subprocess.Popen(draw, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    times = run_every_notebook(python, monkeypatch)
    drawn, problems = dashboards.communicate()
    assert dashboards.returncode == 0, problems
    assert len(drawn.split()) > 10 and "training_scrub" in drawn.split()
    total = time.perf_counter() - start
    with capsys.disabled():
        print(
            f"\nColab-like: built in {built:.0f} s; {len(drawn.split())} dashboards and the notebooks"
            f" in {total:.0f} s ({seconds(times)})"
        )
    shutil.rmtree(tmp_path / "colab")  # kept only when the check fails


# --- JupyterHub ------------------------------------------------------------------------------------------


def test_on_a_hub_the_bootstrap_cell_installs_the_clone_and_helpers_import(tmp_path):
    """nbgitpuller's clone in the learner's home, a hub Python with the scientific packages but no helpers."""
    pins = root_pins()
    stack = [f"{name}=={pins[name]}" for name in ("numpy", "scipy", "matplotlib", "ipywidgets")]
    python = fresh_environment(tmp_path / "hub-python", *stack, seed=True)
    clone = tmp_path / "home" / read_release().name
    ignore = shutil.ignore_patterns(".git", ".venv", ".*_cache", ".hypothesis", "__pycache__", "*.egg-info", "test-*")
    shutil.copytree(ROOT, clone, ignore=ignore)
    notebooks = clone / "notebooks"
    bootstrap = bootstrap_source(read_release())
    missing = subprocess.run([python, "-c", "import helpers"], cwd=notebooks, capture_output=True, text=True)
    assert "No module named 'helpers'" in missing.stderr, "the hub Python must start without the helpers"
    # The same process imports at once, as the next cell of the notebook does in the same kernel.
    first = run(python, "-c", f"{bootstrap}\nimport helpers\nprint(helpers.__file__)", cwd=notebooks)
    assert first.stdout == f"{INSTALLING}{clone / 'helpers' / '__init__.py'}\n", "editable: a later pull updates it"
    again = run(python, "-c", f"{bootstrap}\nimport helpers.live.registry", cwd=notebooks)
    assert again.stdout == "", "in a new kernel the helpers are there, and the cell does nothing"
    shutil.rmtree(tmp_path / "hub-python")  # kept only when the check fails
