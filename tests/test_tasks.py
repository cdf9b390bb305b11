"""The two README commands: what `tasks.py lab` starts and when `tasks.py` reinstalls."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tools.execute import ROOT

spec = importlib.util.spec_from_file_location("tasks", ROOT / "tasks.py")
tasks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tasks)


@pytest.fixture
def commands(monkeypatch) -> list[list[str]]:
    ran: list[list[str]] = []
    monkeypatch.setattr(tasks, "_run", lambda *command, **kwargs: ran.append([str(part) for part in command]))
    return ran


def test_lab_serves_the_project_on_localhost_and_opens_the_start_notebook(commands):
    tasks.lab([])
    (command,) = commands
    assert command[1] == "lab"
    assert "--ip=127.0.0.1" in command
    assert f"--ServerApp.root_dir={ROOT}" in command
    assert "--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb" in command
    assert (ROOT / tasks.START_NOTEBOOK).exists()
    assert not any("token=" in part or "password=" in part for part in command), "keep token authentication"


def test_fast_tests_skip_notebooks_and_browser_and_keep_pyprojects_options(commands):
    tasks.test(["--fast", "-x"])
    (command,) = commands
    assert command == [str(tasks.PYTHON), "-m", "pytest", "tests", "-m", "not browser and not notebook", "-x"]
    assert not any(part.startswith(("-o", "addopts", "-p")) for part in command[3:]), "options live in pyproject.toml"


def test_full_tests_run_everything(commands):
    tasks.test([])
    assert commands == [[str(tasks.PYTHON), "-m", "pytest"]]


def test_student_runs_the_tool_in_the_environment(commands):
    tasks.student([])
    assert commands == [[str(tasks.PYTHON), "-m", "tools.student"]]
    assert "python3 tasks.py student" in tasks.__doc__


def test_unknown_command_prints_the_usage(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["tasks.py", "frobnicate"])
    with pytest.raises(SystemExit) as stop:
        tasks.main()
    assert stop.value.code == 2
    assert "python3 tasks.py lab" in capsys.readouterr().out


def test_changed_pins_rebuild_the_environment_from_scratch(monkeypatch, tmp_path, commands):
    """A package left over from an old pin must not survive: the whole .venv is made anew."""
    for name in ("requirements.txt", "pyproject.toml"):
        (tmp_path / name).write_text((ROOT / name).read_text())
    fake_venv = tmp_path / ".venv"
    monkeypatch.setattr(tasks, "ROOT", tmp_path)
    monkeypatch.setattr(tasks, "VENV", fake_venv)
    monkeypatch.setattr(tasks, "PYTHON", fake_venv / "bin" / "python")
    monkeypatch.setattr(tasks, "STAMP", fake_venv / ".installed-from")
    tasks.ensure_environment()
    site_packages = next(fake_venv.glob("lib/python*/site-packages"))
    leftover = site_packages / "dropped_package"
    leftover.mkdir()
    (leftover / "__init__.py").write_text("")
    tasks.ensure_environment()
    assert leftover.exists(), "nothing changed: the environment is kept"
    (tmp_path / "requirements.txt").write_text("numpy==2.3.5\n")  # a pin removed
    tasks.ensure_environment()
    assert not leftover.exists(), "a package from a removed pin survived the rebuild"
    assert tasks.PYTHON.exists() and tasks.STAMP.read_text() == tasks._fingerprint()
    installs = [command[-2:] for command in commands]
    assert installs == [["-r", "requirements.txt"], ["-e", "."]] * 2
