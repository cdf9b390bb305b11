"""Every Binder, Colab and JupyterHub link comes from pyproject.toml, and the bootstrap cell does what it says.

The services cannot be reached from here, so the links are checked for their form: the right host, the
repository and tag from pyproject.toml, and a notebook that exists.  tests/test_routes.py builds
Binder-like and Colab-like environments and runs the notebooks in them.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import types
import urllib.parse
from pathlib import Path

import nbformat
import pytest

from tools import links
from tools.links import ROOT, read_release

RELEASE = read_release()
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PROJECT_FILES = ["pyproject.toml", "README.md", "CITATION.cff"]


def copy_project(target: Path) -> Path:
    """The files ``tasks.py links`` reads and writes, copied to ``target``."""
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, target / name)
    shutil.copytree(ROOT / "notebooks", target / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return target


def all_links(text: str) -> list[str]:
    patterns = (links.BINDER_LINK, links.COLAB_LINK, links.HUB_LINK)
    return [match.group(0) for pattern in patterns for match in pattern.finditer(text)]


def test_every_link_and_generated_cell_matches_pyproject(tmp_path):
    changed = links.rewrite_project(copy_project(tmp_path))
    assert not changed, f"run `python3 tasks.py links`: {[path.name for path in changed]} disagree with pyproject.toml"


def test_a_fork_changes_one_line_and_runs_one_command(tmp_path):
    root = copy_project(tmp_path)
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace(RELEASE.repository, "https://github.com/a-school/neurons"))
    changed = {path.name for path in links.rewrite_project(root)}
    assert changed == {"README.md", "CITATION.cff", *(path.name for path in NOTEBOOKS)}
    assert links.rewrite_project(root) == [], "a second run changes nothing"
    texts = [(root / "README.md").read_text(), *((root / "notebooks" / p.name).read_text() for p in NOTEBOOKS)]
    found = [link for text in texts for link in all_links(text)]
    assert found and all("a-school" in link for link in found)
    assert not any(RELEASE.owner in link for link in found)
    assert 'repository-code: "https://github.com/a-school/neurons"' in (root / "CITATION.cff").read_text()
    for path in NOTEBOOKS:
        notebook = nbformat.read(root / "notebooks" / path.name, as_version=4)
        nbformat.validate(notebook)
        assert "a-school/neurons/archive/refs/tags/v" in first_code(notebook).source


def first_code(notebook):
    return next(cell for cell in notebook.cells if cell.cell_type == "code")


def test_rewriting_replaces_a_moving_head_and_a_stale_slug_and_keeps_the_notebook_and_the_hub():
    stale = (
        "[b](https://mybinder.org/v2/gh/someone/old/HEAD?urlpath=lab/tree/notebooks/03_saturation.ipynb) "
        "[c](https://colab.research.google.com/github/someone/old/blob/main/notebooks/02_sigmoid_neuron.ipynb) "
        "`https://hub.school.example/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fsomeone%2Fold"
        "&branch=main` "
        "![badge](https://mybinder.org/badge_logo.svg) ![c](https://colab.research.google.com/assets/colab-badge.svg)"
    )
    fresh = links.rewrite_links(stale, RELEASE)
    assert links.binder_url(RELEASE, "03_saturation.ipynb") in fresh
    assert links.colab_url(RELEASE, "02_sigmoid_neuron.ipynb") in fresh
    assert links.hub_url(RELEASE, "hub.school.example") + "`" in fresh
    assert "badge_logo.svg" in fresh and "colab-badge.svg" in fresh, "badge images are not links to rewrite"
    assert "someone" not in fresh and "HEAD" not in fresh


def test_binder_links_pin_the_release_and_open_a_notebook_in_jupyterlab():
    url = urllib.parse.urlsplit(links.binder_url(RELEASE, "01_perceptron.ipynb"))
    assert (url.scheme, url.netloc) == ("https", "mybinder.org")
    assert url.path == f"/v2/gh/{RELEASE.owner}/{RELEASE.name}/{RELEASE.tag}"
    assert urllib.parse.parse_qs(url.query) == {"urlpath": ["lab/tree/notebooks/01_perceptron.ipynb"]}


def test_colab_links_open_the_notebook_of_the_release():
    url = urllib.parse.urlsplit(links.colab_url(RELEASE, "04_weight_scaling.ipynb"))
    assert (url.scheme, url.netloc, url.query) == ("https", "colab.research.google.com", "")
    assert url.path == f"/github/{RELEASE.owner}/{RELEASE.name}/blob/{RELEASE.tag}/notebooks/04_weight_scaling.ipynb"


def test_the_hub_link_clones_the_repository_and_opens_the_start_notebook_in_the_clone():
    url = urllib.parse.urlsplit(links.hub_url(RELEASE, "hub.example.org"))
    assert (url.scheme, url.netloc, url.path) == ("https", "hub.example.org", "/hub/user-redirect/git-pull")
    query = urllib.parse.parse_qs(url.query)
    assert query["repo"] == [RELEASE.repository]
    # nbgitpuller clones into a folder named after the repository, beside the learner's other files.
    (urlpath,) = query["urlpath"]
    assert urlpath == f"lab/tree/{RELEASE.name}/notebooks/00_start_here.ipynb"
    assert (ROOT / urlpath.removeprefix(f"lab/tree/{RELEASE.name}/")).exists()
    assert "branch" not in query, "a tag as branch clones once, then fails on every later click"


def test_the_release_colab_installs_is_the_tagged_archive():
    assert links.archive_url(RELEASE) == f"{RELEASE.repository}/archive/refs/tags/{RELEASE.tag}.zip"
    assert re.fullmatch(r"v\d+\.\d+\.\d+", RELEASE.tag)


def test_read_release_says_what_it_needs(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nversion = "1.0.0"\n[project.urls]\nRepository = "gitlab"\n')
    with pytest.raises(ValueError, match="https://github.com/OWNER/NAME"):
        read_release(tmp_path)


def test_readme_offers_every_notebook_in_colab_and_on_binder_and_gives_the_hub_link():
    readme = (ROOT / "README.md").read_text()
    for path in NOTEBOOKS:
        assert links.colab_url(RELEASE, path.name) in readme
        assert links.binder_url(RELEASE, path.name) in readme
    assert links.hub_url(RELEASE) in readme
    assert "HEAD" not in " ".join(all_links(readme))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_each_notebook_opens_itself_elsewhere_and_points_colab_to_the_next(path):
    notebook = nbformat.read(path, as_version=4)
    header, footer = notebook.cells[1], notebook.cells[-1]
    assert header.id == links.OPEN_ELSEWHERE_ID
    assert links.colab_url(RELEASE, path.name) in header.source
    assert links.binder_url(RELEASE, path.name) in header.source
    following = NOTEBOOKS[(NOTEBOOKS.index(path) + 1) % len(NOTEBOOKS)].name
    assert footer.id == links.NEXT_IN_COLAB_ID
    assert links.colab_url(RELEASE, following) in footer.source
    summary = "".join(cell.source for cell in notebook.cells if "## Summary" in cell.source)
    assert f"]({following})" in summary, "the footer names the notebook the summary names"


def test_tools_links_needs_only_the_standard_library():
    """tasks.py imports it before anything is installed."""
    tree = ast.parse((ROOT / "tools" / "links.py").read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}, imported


# --- the bootstrap cell, run in this process with pip and Colab stood in for -------------------------


@pytest.fixture
def bootstrap(monkeypatch):
    """Run the bootstrap cell as if ``helpers`` were missing; record the pip command instead of running it."""
    import importlib.util
    import site

    ran: list[list[str]] = []
    real_find_spec = importlib.util.find_spec
    missing_helpers = lambda name, *args: None if name == "helpers" else real_find_spec(name, *args)  # noqa: E731
    monkeypatch.setattr(importlib.util, "find_spec", missing_helpers)
    monkeypatch.setattr(subprocess, "run", lambda command, check: ran.append(command))
    monkeypatch.setattr(site, "addsitedir", lambda folder: None)

    def run() -> list[list[str]]:
        exec(links.bootstrap_source(RELEASE), {})
        return ran

    return run


def test_in_colab_the_bootstrap_installs_the_tagged_release(bootstrap, monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    monkeypatch.chdir(tmp_path)
    assert bootstrap() == [[sys.executable, "-m", "pip", "install", "--quiet", links.archive_url(RELEASE)]]
    assert capsys.readouterr().out == "Installing the helpers these notebooks use (once, a few seconds) ...\n"


def test_on_a_hub_the_bootstrap_installs_the_clone_one_folder_up(bootstrap, monkeypatch, tmp_path):
    (tmp_path / "pyproject.toml").touch()
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert bootstrap() == [[sys.executable, "-m", "pip", "install", "--quiet", "-e", str(tmp_path)]]


def test_elsewhere_the_bootstrap_says_where_to_open_the_notebook(bootstrap, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ModuleNotFoundError, match="notebooks/ folder"):
        bootstrap()


def test_where_the_helpers_are_importable_the_bootstrap_does_nothing(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", links.bootstrap_source(RELEASE)], cwd=tmp_path, capture_output=True, text=True
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_bootstrap_is_plain_python_with_no_shell_magic():
    source = links.bootstrap_source(RELEASE)
    ast.parse(source)
    assert not re.search(r"^\s*[!%]", source, re.M)
