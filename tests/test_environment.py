"""The pip side (requirements.txt) and the conda side (environment.yml) must agree."""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Import names whose distribution has another name.
DISTRIBUTION_OF = {"PIL": "matplotlib", "IPython": "ipykernel", "mpl_toolkits": "matplotlib", "sklearn": "scikit-learn"}


def pip_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
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


def test_binder_installs_the_helpers_package():
    post_build = (ROOT / "postBuild").read_text()
    assert "pip install" in post_build and "-e ." in post_build
