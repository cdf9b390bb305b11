"""Where the collection opens: every Binder, Colab and JupyterHub link, built from one slug and one tag.

    python3 tasks.py links        rewrite every such link (and the generated cells) in place

The repository's address is ``[project.urls] Repository`` in pyproject.toml and the
release is ``v{version}``; nothing else in the project spells them.  A teacher who
forks the collection changes that one line and runs the command.

It also owns three generated cells in every notebook, the same in each apart from
its own links: the *bootstrap* cell before the imports (it makes ``helpers``
importable in Colab and on a JupyterHub), the *open elsewhere* line under the title,
and the *next in Colab* line at the end (Colab's viewer does not follow relative links).

Standard library only: ``tasks.py`` runs it before anything is installed.
"""

from __future__ import annotations

import json
import re
import tomllib
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_NOTEBOOK = "00_start_here.ipynb"
HUB_PLACEHOLDER = "YOUR-JUPYTERHUB"
BOOTSTRAP_ID = "bootstrap-helpers"
OPEN_ELSEWHERE_ID = "open-elsewhere"
NEXT_IN_COLAB_ID = "next-in-colab"

BINDER_LINK = re.compile(r"https://mybinder\.org/v2/gh/[^\s)\"'<>`]+")
COLAB_LINK = re.compile(r"https://colab\.research\.google\.com/github/[^\s)\"'<>`]+")
HUB_LINK = re.compile(r"https://([^\s/)\"'<>`]+)/hub/user-redirect/git-pull\?[^\s)\"'<>`]+")
NOTEBOOK_IN_LINK = re.compile(r"notebooks(?:/|%2F)([\w.-]+\.ipynb)")


@dataclass(frozen=True)
class Release:
    """A GitHub repository (``owner/name``) and the release tag the links pin."""

    owner: str
    name: str
    tag: str

    @property
    def repository(self) -> str:
        """The repository's web address."""
        return f"https://github.com/{self.owner}/{self.name}"


def read_release(root: Path = ROOT) -> Release:
    """The slug from ``[project.urls] Repository`` and the tag ``v{version}``, read from pyproject.toml."""
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    address = project["urls"]["Repository"]
    match = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+?)(\.git)?/?", address)
    if not match:
        raise ValueError(f"[project.urls] Repository must be https://github.com/OWNER/NAME, got {address!r}")
    return Release(match.group(1), match.group(2), f"v{project['version']}")


def binder_url(release: Release, notebook: str = START_NOTEBOOK) -> str:
    """Binder builds the tagged release (from ``.binder/``) and opens ``notebook`` in JupyterLab."""
    return (
        f"https://mybinder.org/v2/gh/{release.owner}/{release.name}/{release.tag}?urlpath=lab/tree/notebooks/{notebook}"
    )


def colab_url(release: Release, notebook: str = START_NOTEBOOK) -> str:
    """Colab opens ``notebook`` as it is in the tagged release."""
    return f"https://colab.research.google.com/github/{release.owner}/{release.name}/blob/{release.tag}/notebooks/{notebook}"


def hub_url(release: Release, host: str = HUB_PLACEHOLDER) -> str:
    """nbgitpuller on the JupyterHub at ``host``: clone (or update) the repository, then open the start notebook.

    No ``branch`` is given, so nbgitpuller follows the repository's default branch: a tag
    would clone once but fail on every later click (nbgitpuller merges ``origin/<branch>``).
    """
    query = urllib.parse.urlencode(
        {"repo": release.repository, "urlpath": f"lab/tree/{release.name}/notebooks/{START_NOTEBOOK}"}
    )
    return f"https://{host}/hub/user-redirect/git-pull?{query}"


def archive_url(release: Release) -> str:
    """The tagged release as a zip file, which pip installs in Colab."""
    return f"https://github.com/{release.owner}/{release.name}/archive/refs/tags/{release.tag}.zip"


def bootstrap_source(release: Release) -> str:
    """The first code cell of every notebook: make ``helpers`` importable where it is not yet.

    In Colab it installs the tagged release; on a JupyterHub, where nbgitpuller has cloned
    the repository, it installs that clone (editable, so a later pull updates it).  Where
    ``helpers`` is importable already (locally, on Binder) it does nothing and prints nothing.
    Plain Python, no shell magics, so it also runs outside IPython.
    """
    return f'''# Makes the helpers importable in Colab or on a JupyterHub; where they already are, it does nothing.
import importlib.util
import subprocess
import sys
from pathlib import Path

if importlib.util.find_spec("helpers") is None:
    if "google.colab" in sys.modules:  # Colab: install the release these notebooks belong to
        package = ["{archive_url(release)}"]
    elif Path("../pyproject.toml").exists():  # a JupyterHub (nbgitpuller): the repository is one folder up
        package = ["-e", str(Path("..").resolve())]
    else:
        raise ModuleNotFoundError("No helpers here: open this notebook from the notebooks/ folder of the collection")
    print("Installing the helpers these notebooks use (once, a few seconds) ...")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *package], check=True)
    import site

    folders = site.getsitepackages() + ([site.getusersitepackages()] if site.ENABLE_USER_SITE else [])
    for folder in folders:
        site.addsitedir(folder)  # this kernel sees the new package at once, as a new kernel would'''


def notebook_title(notebook: dict) -> str:
    """The notebook's level-1 heading, up to its colon: "01 The perceptron"."""
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            match = re.search(r"^# (.+)$", "".join(cell["source"]), re.M)
            if match:
                return match.group(1).split(":")[0].strip()
    raise ValueError("the notebook has no level-1 heading")


def open_elsewhere_source(release: Release, notebook: str) -> str:
    """The line under each notebook's title: open this very notebook in Colab or on Binder."""
    colab, binder = colab_url(release, notebook), binder_url(release, notebook)
    return f"*Open this notebook in [Colab]({colab}) or on [Binder]({binder}): nothing to install.*"


def next_in_colab_source(release: Release, following: str, title: str) -> str:
    """The last cell of each notebook: the next notebook, as a link that Colab can follow."""
    return f"*Reading this in Colab? Open the next notebook there: [{title}]({colab_url(release, following)}).*"


def rewrite_links(text: str, release: Release) -> str:
    """Every Binder, Colab and nbgitpuller link in ``text``, rebuilt for ``release`` (same notebook, same hub)."""

    def notebook_named(link: str) -> str:
        match = NOTEBOOK_IN_LINK.search(link)
        return match.group(1) if match else START_NOTEBOOK

    text = BINDER_LINK.sub(lambda m: binder_url(release, notebook_named(m.group(0))), text)
    text = COLAB_LINK.sub(lambda m: colab_url(release, notebook_named(m.group(0))), text)
    return HUB_LINK.sub(lambda m: hub_url(release, m.group(1)), text)


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _markdown_cell(cell_id: str, source: str) -> dict:
    return {"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": _lines(source)}


def _set_source(cell: dict, source: str) -> None:
    if "".join(cell["source"]) != source:
        cell["source"] = _lines(source)


def _place(cells: list[dict], cell_id: str, index: int, make: dict) -> dict:
    """The cell with ``cell_id``, inserted at ``index`` if it is not there yet."""
    for cell in cells:
        if cell.get("id") == cell_id:
            return cell
    cells.insert(index, make)
    return make


def update_notebook(notebook: dict, name: str, following: str, following_title: str, release: Release) -> None:
    """Put the generated cells in place (new ones with their own ids; no other cell moves) and rewrite links."""
    cells = notebook["cells"]
    for cell in cells:
        if cell["cell_type"] == "markdown" and cell.get("id") not in (OPEN_ELSEWHERE_ID, NEXT_IN_COLAB_ID):
            _set_source(cell, rewrite_links("".join(cell["source"]), release))
    first_code = next(index for index, cell in enumerate(cells) if cell["cell_type"] == "code")
    bootstrap = {
        "cell_type": "code",
        "execution_count": None,
        "id": BOOTSTRAP_ID,
        "metadata": {},
        "outputs": [],
        "source": [],
    }
    _set_source(_place(cells, BOOTSTRAP_ID, first_code, bootstrap), bootstrap_source(release))
    header = _place(cells, OPEN_ELSEWHERE_ID, 1, _markdown_cell(OPEN_ELSEWHERE_ID, ""))
    _set_source(header, open_elsewhere_source(release, name))
    footer = _place(cells, NEXT_IN_COLAB_ID, len(cells), _markdown_cell(NEXT_IN_COLAB_ID, ""))
    _set_source(footer, next_in_colab_source(release, following, following_title))


def dump_notebook(notebook: dict) -> str:
    """JSON exactly as nbformat writes it, so an unchanged notebook stays byte for byte the same."""
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def update_citation(text: str, release: Release) -> str:
    """CITATION.cff's version and repository, from pyproject.toml."""
    text = re.sub(r"^version: .*$", f'version: "{release.tag[1:]}"', text, flags=re.M)
    return re.sub(r"^repository-code: .*$", f'repository-code: "{release.repository}"', text, flags=re.M)


def rewrite_project(root: Path = ROOT) -> list[Path]:
    """Rewrite every generated link and cell under ``root``; return the files that changed."""
    release = read_release(root)
    changed = []

    def save(path: Path, new: str) -> None:
        if path.read_text() != new:
            path.write_text(new)
            changed.append(path)

    save(root / "README.md", rewrite_links((root / "README.md").read_text(), release))
    if (root / "CITATION.cff").exists():
        save(root / "CITATION.cff", update_citation((root / "CITATION.cff").read_text(), release))
    paths = sorted((root / "notebooks").glob("*.ipynb"))
    notebooks = [json.loads(path.read_text()) for path in paths]
    for index, (path, notebook) in enumerate(zip(paths, notebooks, strict=True)):
        following = (index + 1) % len(paths)
        update_notebook(notebook, path.name, paths[following].name, notebook_title(notebooks[following]), release)
        save(path, dump_notebook(notebook))
    return changed


def main() -> int:
    """Rewrite in place and say what changed."""
    changed = rewrite_project()
    for path in changed:
        print(f"rewrote {path.relative_to(ROOT)}")
    if not changed:
        print("every link already matches pyproject.toml")
    return 0
