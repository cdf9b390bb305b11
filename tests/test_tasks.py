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
    """Record the commands tasks.py would run; fetching uv "fails", so installs go through pip."""
    ran: list[list[str]] = []
    monkeypatch.setattr(tasks, "_run", lambda *command, **kwargs: ran.append([str(part) for part in command]))
    monkeypatch.setattr(tasks, "_succeeds", lambda *command: ran.append([str(part) for part in command]) and False)
    monkeypatch.setattr(tasks.shutil, "which", lambda name: None)
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
    expression = "not browser and not notebook and not routes"
    assert command == [str(tasks.PYTHON), "-m", "pytest", "tests", "-m", expression, "-x"]
    assert not any(part.startswith(("-o", "addopts", "-p")) for part in command[3:]), "options live in pyproject.toml"


def test_full_tests_run_everything(commands):
    tasks.test([])
    assert commands == [[str(tasks.PYTHON), "-m", "pytest"]]


def test_student_runs_the_tool_in_the_environment(commands):
    tasks.student([])
    assert commands == [[str(tasks.PYTHON), "-m", "tools.student"]]
    assert "python3 tasks.py student" in tasks.__doc__


def test_html_runs_the_tool_in_the_environment(commands):
    tasks.html([])
    assert commands == [[str(tasks.PYTHON), "-m", "tools.html"]]
    assert "python3 tasks.py html" in tasks.__doc__ and tasks.COMMANDS["html"] is tasks.html


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
    installs = [command[-2:] for command in commands if command[-1] != tasks.UV]
    assert installs == [["-r", "requirements.txt"], ["-e", "."]] * 2


def test_installs_with_uv_fetched_into_the_environment_by_pip(monkeypatch, tmp_path, commands):
    python = tmp_path / "bin" / "python"
    monkeypatch.setattr(tasks, "PYTHON", python)

    def fetch_uv(*command) -> bool:
        commands.append([str(part) for part in command])
        python.parent.mkdir(parents=True)
        (python.parent / "uv").touch()  # what `pip install uv` leaves in the environment
        return True

    monkeypatch.setattr(tasks, "_succeeds", fetch_uv)
    installer = [str(part) for part in tasks._installer()]
    assert commands == [[str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet", tasks.UV]]
    uv = [str(python.parent / "uv"), "pip", "install", "--quiet", "--compile-bytecode", "--python", str(python)]
    assert installer == uv, "uv byte-compiles only when asked (pip always does)"


def test_a_machine_with_uv_needs_no_fetch(monkeypatch, tmp_path, commands):
    machine_uv = tmp_path / "uv"
    machine_uv.touch()
    monkeypatch.setattr(tasks.shutil, "which", lambda name: str(machine_uv) if name == "uv" else None)
    assert tasks._installer()[:3] == (str(machine_uv), "pip", "install")
    assert commands == [], "nothing is fetched"


def test_pip_installs_when_uv_cannot_be_had(monkeypatch, tmp_path, commands, capsys):
    monkeypatch.setattr(tasks, "PYTHON", tmp_path / "bin" / "python")
    installer = [str(part) for part in tasks._installer()]
    python = str(tmp_path / "bin" / "python")
    assert installer == [python, "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    assert commands[0][-1] == tasks.UV, "it tried to fetch uv first"
    assert "pip will do it" in capsys.readouterr().out


def test_links_needs_no_environment(monkeypatch, commands):
    monkeypatch.setattr(sys, "argv", ["tasks.py", "links"])
    monkeypatch.setattr(tasks, "ensure_environment", lambda: pytest.fail("links must run before anything is installed"))
    monkeypatch.setattr("tools.links.rewrite_project", lambda: [])
    with pytest.raises(SystemExit) as stop:
        tasks.main()
    assert stop.value.code == 0
