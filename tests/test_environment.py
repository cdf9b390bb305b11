"""The pip side (requirements.txt), the conda side (environment.yml) and Binder (.binder/) must agree."""

from __future__ import annotations

import ast
import fnmatch
import json
import os
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Import names whose distribution has another name.
DISTRIBUTION_OF = {"PIL": "matplotlib", "IPython": "ipykernel", "mpl_toolkits": "matplotlib", "sklearn": "scikit-learn"}
BINDER = ROOT / ".binder"


def pip_pins(path: Path = ROOT / "requirements.txt") -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def conda_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        match = re.fullmatch(r"\s*-\s*([A-Za-z0-9_.-]+)\s*=\s*([0-9][^\s#]*)\s*(#.*)?", line)
        if match:
            pins[match.group(1).lower()] = match.group(2)
    return pins


def test_every_pip_pin_equals_the_conda_pin():
    conda = conda_pins()
    for name, version in pip_pins().items():
        assert conda.get(name) == version, f"{name}: requirements.txt pins {version}, environment.yml {conda.get(name)}"


def test_every_conda_pin_is_on_the_pip_side_too():
    pip = pip_pins()
    extra = {name for name in conda_pins() if name != "python"} - set(pip)
    assert not extra, f"environment.yml pins {sorted(extra)}, which requirements.txt lacks"


def test_conda_pins_python_to_the_supported_minor_version():
    assert conda_pins()["python"] == "3.11"
    assert sys.version_info[:2] >= (3, 11)


def imported_top_level_modules(source: str) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module.split(".")[0])
    return modules


def notebook_sources() -> list[str]:
    sources = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "code":
                lines = "".join(cell["source"]).splitlines()
                sources.append("\n".join(line for line in lines if not line.lstrip().startswith(("%", "!"))))
    return sources


def test_every_imported_module_is_in_environment_yml():
    modules = sorted((ROOT / "helpers").rglob("*.py")) + sorted((ROOT / "tools").rglob("*.py"))
    assert (ROOT / "helpers" / "maths" / "neuron.py") in modules, "helpers are found in every layer"
    sources = [path.read_text() for path in modules] + notebook_sources()
    imported = set().union(*(imported_top_level_modules(source) for source in sources))
    third_party = imported - set(sys.stdlib_module_names) - {"helpers", "tools", "__future__"}
    conda = conda_pins()
    missing = {module for module in third_party if DISTRIBUTION_OF.get(module, module).lower() not in conda}
    assert not missing, f"imported but not pinned in environment.yml: {sorted(missing)}"
    assert {"numpy", "matplotlib", "ipywidgets"} <= third_party


def modules_located(source: str) -> set[str]:
    """Packages found with ``importlib.util.find_spec("name")`` to read their files (the digits in scikit-learn)."""
    return {
        node.args[0].value.split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", getattr(node.func, "id", "")) == "find_spec"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


def learner_imports() -> set[str]:
    """Distributions of the third-party modules that the helpers and the notebooks import or read files from."""
    sources = [path.read_text() for path in sorted((ROOT / "helpers").rglob("*.py"))] + notebook_sources()
    imported = set().union(*(imported_top_level_modules(source) | modules_located(source) for source in sources))
    third_party = imported - set(sys.stdlib_module_names) - {"helpers", "__future__"}
    return {DISTRIBUTION_OF.get(module, module).lower() for module in third_party}


def test_binder_pins_equal_the_root_pins():
    root = pip_pins()
    for name, version in pip_pins(BINDER / "requirements.txt").items():
        wanted = root.get(name)
        assert version == wanted, f"{name}: .binder/requirements.txt pins {version}, requirements.txt {wanted}"


def test_binder_installs_only_what_the_notebooks_need():
    """What the notebooks import, the kernel and JupyterLab: no test or developer tools on Binder."""
    binder = set(pip_pins(BINDER / "requirements.txt"))
    assert learner_imports() <= binder, f"imported but missing on Binder: {sorted(learner_imports() - binder)}"
    extra = binder - learner_imports() - {"ipykernel", "jupyterlab"}
    assert not extra, f"Binder installs what no notebook imports: {sorted(extra)}"


def test_binder_runs_the_python_that_conda_pins():
    assert (BINDER / "runtime.txt").read_text().strip() == f"python-{conda_pins()['python']}"


def test_binder_installs_the_helpers_package():
    """repo2docker reads .binder/ instead of the root files, and runs its postBuild from the repository's root."""
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK), "repo2docker runs postBuild as a program"
    assert "pip install --no-deps -e .\n" in post_build.read_text()
    assert not (ROOT / "postBuild").exists(), "a root postBuild is never run while .binder/ exists"


def test_the_package_ships_every_layer_of_the_helpers():
    """A plain install (Colab's) copies only the packages named here; an editable one would hide a gap."""
    include = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]["include"]
    packages = [".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "helpers").rglob("__init__.py")]
    assert {"helpers", "helpers.maths", "helpers.live"} <= set(packages)
    unshipped = [name for name in packages if not any(fnmatch.fnmatchcase(name, pattern) for pattern in include)]
    assert not unshipped, f"pyproject.toml does not ship {unshipped}"


def test_the_installed_packages_are_byte_compiled():
    """Kernels load matplotlib, IPython and ipywidgets from bytecode that was written at install time.

    uv writes none unless asked (``--compile-bytecode`` in tasks.py), and where PYTHONDONTWRITEBYTECODE is
    set (containers, some JupyterHubs) Python never writes it later: every kernel start, every notebook
    opened, then compiled those packages again, 1-2 s each time on two cores.
    """
    import importlib.util

    import IPython.core.interactiveshell
    import ipywidgets.widgets.widget
    import matplotlib.figure

    for module in (matplotlib.figure, IPython.core.interactiveshell, ipywidgets.widgets.widget):
        cached = Path(importlib.util.cache_from_source(module.__file__))
        assert cached.exists(), f"{module.__name__} has no bytecode; install with --compile-bytecode"
