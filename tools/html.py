"""HTML hand-outs of the notebooks: one page each, to print or to put on a learning platform.

    python -m tools.html               writes dist/html/
    python -m tools.html OUT_DIR       writes OUT_DIR instead

Each page shows a notebook as committed, outputs included, with these changes:

- worked solutions are taken out, exactly as tools/student.py takes them out (its preprocessor);
- a dashboard shows the picture its sliders start at (the ``image/png`` a dashboard stores beside
  its widget view); a dashboard stored without one gets a one-line note, never ``VBox(children=...)``;
  stderr output is dropped;
- the generated cell that makes the helpers importable in Colab is left out;
- ``NN_name.ipynb`` and ``NN_name.ipynb#anchor`` links lead to the other pages; any other relative
  link (README, teachers' notes) leads to that file on GitHub at the release tag, as the notebooks'
  own Colab and Binder links do;
- maths is typeset by a copy of MathJax 2.7 (from the pinned ``jupyter-server-mathjax`` package) in
  ``OUT_DIR/mathjax/``; the page loads no script or stylesheet from the internet (nbconvert's
  require.js and mermaid, which the notebooks do not use, are left out).

Pictures are embedded in the page, so a page and the ``mathjax`` folder beside it are all it needs.
"""

from __future__ import annotations

import html
import importlib.resources
import posixpath
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor

from tools.links import BOOTSTRAP_ID, read_release
from tools.student import RemoveSolutionsPreprocessor

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
OUT_DIR = ROOT / "dist" / "html"
MATHJAX_DIR = "mathjax"
MATHJAX_URL = f"{MATHJAX_DIR}/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
DASHBOARD_CLASS = "handout-dashboard"
NO_PICTURE_CLASS = "handout-no-picture"

TEMPLATES = Path(__file__).resolve().parent / "templates"  # handout.html.j2: nbconvert's lab page, no CDN scripts

DASHBOARD_PICTURE = (
    '<figure class="{cls}"><img src="data:image/png;base64,{png}" alt="The dashboard at its starting values">'
    "<figcaption>In the notebook this picture has sliders: open it in Jupyter to move them.</figcaption></figure>"
)
NO_PICTURE = f'<p class="{NO_PICTURE_CLASS}">An interactive dashboard: open the notebook in Jupyter to use it.</p>'

HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")', re.IGNORECASE)
HAS_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")


class StaticOutputsPreprocessor(Preprocessor):
    """What reads on paper: a dashboard becomes its stored picture, stderr goes, and so does the bootstrap cell."""

    def preprocess(self, nb, resources):
        """Leave out the cell that makes the helpers importable in Colab: on paper it is noise."""
        nb.cells = [cell for cell in nb.cells if cell.get("id") != BOOTSTRAP_ID]
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        kept = []
        for output in cell.outputs:
            if output.output_type == "stream" and output.name == "stderr":
                continue
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                png = data.get("image/png")
                shown = DASHBOARD_PICTURE.format(cls=DASHBOARD_CLASS, png=png.strip()) if png else NO_PICTURE
                output.data = {"text/html": shown}
                output.metadata = {}
            kept.append(output)
        cell.outputs = kept
        return cell, resources


def handout_exporter() -> HTMLExporter:
    """Notebook to HTML page: solutions removed, dashboards as pictures, MathJax from ``mathjax/`` beside the page."""
    exporter = HTMLExporter(
        template_name="lab",
        extra_template_paths=[str(TEMPLATES)],
        mathjax_url=MATHJAX_URL,
        # Only what the lab page uses (the others would do nothing): nbconvert validates the notebook
        # after every registered preprocessor, disabled or not, which took half the export's time.
        default_preprocessors=[
            "nbconvert.preprocessors.HighlightMagicsPreprocessor",
            "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
        ],
    )
    exporter.template_file = "handout.html.j2"
    exporter.register_preprocessor(RemoveSolutionsPreprocessor(), enabled=True)
    exporter.register_preprocessor(StaticOutputsPreprocessor(), enabled=True)
    return exporter


def page_name(notebook: str) -> str:
    """``01_perceptron.ipynb`` -> ``01_perceptron.html``."""
    return notebook[: -len(".ipynb")] + ".html"


def rewrite_link(target: str, pages: set[str], outside: str) -> str:
    """Where a link of a page should lead.

    ``pages`` are the notebooks exported beside it (by file name); ``outside`` is the address that
    the repository's ``notebooks/`` folder has on the web, for every other relative link.
    """
    raw = html.unescape(target)
    if not raw or raw.startswith("#") or HAS_SCHEME.match(raw):
        return target
    path, hash_, fragment = raw.partition("#")
    path = path.split("?")[0]
    normal = posixpath.normpath(path)
    if normal in pages:
        return html.escape(page_name(normal) + hash_ + fragment)
    inside = posixpath.normpath(posixpath.join("notebooks", path))
    if inside.startswith("../"):
        return "#"  # outside the repository: nothing to point at
    return html.escape(f"{outside}/{inside}" + hash_ + fragment)


def rewrite_links(page: str, pages: set[str], outside: str) -> str:
    """``page`` with every ``<a href>`` rewritten by :func:`rewrite_link`."""
    return HREF.sub(lambda m: m.group(1) + rewrite_link(m.group(2), pages, outside) + m.group(3), page)


def _unused_by_the_pages(folder: str, names: list[str]) -> set[str]:
    """What the pages never load: the SVG output (they use HTML-CSS) and menus in languages other than English."""
    folder = Path(folder).as_posix()
    if folder.endswith("jax/output"):
        return {"SVG"} & set(names)
    if folder.endswith("/localization"):
        return set(names) - {"en"}
    return set()


def copy_mathjax(out_dir: Path) -> Path:
    """Copy MathJax 2.7 from the jupyter-server-mathjax package into ``out_dir/mathjax`` (replacing a copy)."""
    source = importlib.resources.files("jupyter_server_mathjax") / "static"
    target = out_dir / MATHJAX_DIR
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(Path(str(source)), target, ignore=_unused_by_the_pages)
    return target


def write_handouts(out_dir: Path = OUT_DIR, notebooks: Path = NOTEBOOKS) -> list[Path]:
    """Write one page per notebook in ``notebooks`` into ``out_dir``, and MathJax beside them; return the pages.

    Pages left from an earlier run are removed first; nothing else in ``out_dir`` is touched.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.html"):
        old.unlink()
    copy_mathjax(out_dir)
    paths = sorted(notebooks.glob("*.ipynb"))
    pages = {path.name for path in paths}
    release = read_release()
    outside = f"{release.repository}/blob/{release.tag}"
    exporter = handout_exporter()
    written = []
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": path.stem}})
        target = out_dir / page_name(path.name)
        target.write_text(rewrite_links(body, pages, outside), encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    """Write the hand-outs into the folder named in ``argv`` (dist/html if none); print each page's size."""
    out_dir = Path(argv[0]).resolve() if argv else OUT_DIR
    start = time.perf_counter()
    for path in write_handouts(out_dir):
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{shown}: {path.stat().st_size / 1e3:.0f} kB")
    print(f"{len(list(out_dir.glob('*.html')))} pages and MathJax in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
