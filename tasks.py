#!/usr/bin/env python3
"""Set up and run the collection with nothing but Python 3 and git.

    python3 tasks.py lab              create .venv if needed, open JupyterLab at the start notebook
    python3 tasks.py test [ARGS]      create .venv if needed, run every test (ARGS go to pytest)
    python3 tasks.py test --fast      only the quick unit tests (no notebooks, no browser, no routes)
    python3 tasks.py execute [NB ...] re-run notebooks on a fresh kernel and save them (all if none given)
    python3 tasks.py student          write dist/student/: the notebooks without worked solutions, to hand out
    python3 tasks.py html             write dist/html/: a web page per notebook (no solutions) to print or share
    python3 tasks.py bench            measure slider latency in a real browser
    python3 tasks.py links            rebuild every Binder, Colab and JupyterHub link from pyproject.toml

The environment lives in ``.venv`` next to this file.  It is rebuilt only when
requirements.txt or pyproject.toml change, so running a command again is fast.
Packages are installed with uv (put into .venv with pip, unless the machine has
it already), which takes seconds; pip takes over if uv cannot be had.  Both
byte-compile what they install, so no kernel compiles its imports again.
This script uses only the standard library on purpose: it must run before
anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-from"
START_NOTEBOOK = "notebooks/00_start_here.ipynb"
UV = "uv==0.13.9"  # the installer, pinned like every package it installs
FAST = "not browser and not notebook and not routes"  # what test --fast leaves out: the slow tests


def _fingerprint() -> str:
    """Hash of everything that decides what .venv must contain."""
    digest = hashlib.sha256(sys.version.encode())
    for name in ("requirements.txt", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def _run(*command: str | Path, **kwargs) -> None:
    """Run a command from the project root; stop with its exit code if it fails."""
    result = subprocess.run([str(part) for part in command], cwd=ROOT, **kwargs)
    if result.returncode != 0:
        sys.exit(result.returncode)


def _succeeds(*command: str | Path) -> bool:
    """Run a command from the project root and say whether it worked (a failure is not fatal)."""
    return subprocess.run([str(part) for part in command], cwd=ROOT).returncode == 0


def _installer() -> tuple[str | Path, ...]:
    """The command that installs into .venv: uv if the machine has it or pip can fetch it, else pip itself."""
    pip = (PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "--quiet")
    uv = shutil.which("uv") or PYTHON.with_name("uv.exe" if os.name == "nt" else "uv")
    if Path(uv).exists() or (_succeeds(*pip, UV) and Path(uv).exists()):
        # uv leaves byte-compiling to the first import, which never happens where PYTHONDONTWRITEBYTECODE is set
        # (containers, some JupyterHubs): every kernel would then compile matplotlib and IPython anew, 1-2 s.
        return (uv, "pip", "install", "--quiet", "--compile-bytecode", "--python", PYTHON)
    print("uv could not be installed; pip will do it, more slowly ...", flush=True)
    return pip


def ensure_environment() -> None:
    """Create .venv and install the pinned packages, unless it is already up to date.

    Whenever requirements.txt or pyproject.toml change, .venv is rebuilt from scratch:
    a package dropped from the pins must not linger and let the tests pass here while
    they would fail on a fresh clone.
    """
    wanted = _fingerprint()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("Creating a fresh virtual environment in .venv ...", flush=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    installer = _installer()
    print("Installing the pinned packages ...", flush=True)
    _run(*installer, "-r", "requirements.txt")
    _run(*installer, "--no-deps", "-e", ".")
    STAMP.write_text(wanted)


def lab(args: list[str]) -> None:
    """Open JupyterLab on localhost at the start notebook (token authentication stays on)."""
    command = [
        BIN / "jupyter",
        "lab",
        "--ip=127.0.0.1",
        f"--ServerApp.root_dir={ROOT}",
        # Every link the server prints (and the browser it opens) lands on the start notebook.
        f"--LabApp.default_url=/lab/tree/{START_NOTEBOOK}",
        *args,
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and Binder-like machines run as root
    _run(*command)


def test(args: list[str]) -> None:
    """Run pytest; ``--fast`` keeps to the unit tests (no notebooks run, no browser)."""
    if "--fast" in args:
        # pytest's own options come from pyproject.toml; --fast only narrows what is collected.
        args = ["tests", "-m", FAST, *(arg for arg in args if arg != "--fast")]
    _run(PYTHON, "-m", "pytest", *args)


def execute(args: list[str]) -> None:
    """Re-execute notebooks top to bottom on a fresh kernel and save them."""
    _run(PYTHON, "-m", "tools.execute", *args)


def student(args: list[str]) -> None:
    """Write the student versions of the notebooks (solutions removed, outputs cleared) to dist/student/."""
    _run(PYTHON, "-m", "tools.student", *args)


def html(args: list[str]) -> None:
    """Write an HTML hand-out of every notebook (solutions removed, outputs kept, maths offline) to dist/html/."""
    _run(PYTHON, "-m", "tools.html", *args)


def bench(args: list[str]) -> None:
    """Measure how fast every dashboard answers a slider key press."""
    _run(PYTHON, "-m", "tools.slider_latency", *args)


def links(args: list[str]) -> None:
    """Rewrite every Binder, Colab and nbgitpuller link (and the generated notebook cells) from pyproject.toml."""
    from tools.links import main as rewrite_links  # standard library only, like this script

    sys.exit(rewrite_links())


COMMANDS = {
    "lab": lab,
    "test": test,
    "execute": execute,
    "student": student,
    "html": html,
    "bench": bench,
    "links": links,
}
NEEDS_NO_ENVIRONMENT = {"links"}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        sys.exit(2)
    if sys.argv[1] not in NEEDS_NO_ENVIRONMENT:
        ensure_environment()
    COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
