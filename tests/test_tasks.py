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


def test_fast_tests_skip_notebooks_and_browser(commands):
    tasks.test(["--fast", "-x"])
    (command,) = commands
    assert command[:3] == [str(tasks.PYTHON), "-m", "pytest"]
    assert "no:nbval" in command and "not browser" in command and command[-1] == "-x"


def test_full_tests_run_everything(commands):
    tasks.test([])
    assert commands == [[str(tasks.PYTHON), "-m", "pytest"]]


def test_environment_is_rebuilt_only_when_its_inputs_change(monkeypatch, tmp_path, commands):
    for name in ("requirements.txt", "pyproject.toml"):
        (tmp_path / name).write_text((ROOT / name).read_text())
    monkeypatch.setattr(tasks, "ROOT", tmp_path)
    monkeypatch.setattr(tasks, "PYTHON", tmp_path / "python")
    monkeypatch.setattr(tasks, "STAMP", tmp_path / "stamp")
    (tmp_path / "python").write_text("")
    tasks.STAMP.write_text(tasks._fingerprint())
    tasks.ensure_environment()
    assert commands == [], "nothing changed: nothing to install"
    (tmp_path / "requirements.txt").write_text("numpy==2.3.5\n")
    tasks.ensure_environment()
    assert [command[-2:] for command in commands] == [["-r", "requirements.txt"], ["-e", "."]]
    assert tasks.STAMP.read_text() == tasks._fingerprint()


def test_unknown_command_prints_the_usage(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["tasks.py", "frobnicate"])
    with pytest.raises(SystemExit) as stop:
        tasks.main()
    assert stop.value.code == 2
    assert "python3 tasks.py lab" in capsys.readouterr().out
