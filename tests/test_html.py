"""The HTML hand-outs (tools/html.py): one page per notebook, offline, without solutions, dashboards as pictures.

The export runs once per session into a temporary folder; the unit tests read its pages, and the
browser test opens them in headless Chromium with the network cut off.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from tools.html import DASHBOARD_CLASS, NO_PICTURE_CLASS, StaticOutputsPreprocessor, rewrite_link, write_handouts
from tools.lab_session import MISSING_CHROMIUM, ROOT, chromium_available, chromium_browser
from tools.student import REMOVED_TAGS, details_blocks, is_solution

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
OUTSIDE = "https://github.com/o/n/blob/v1"

SOURCES = re.compile(r"<(script|link|img|iframe|source|video|audio)\b[^>]*?\b(src|href)=\"([^\"]*)\"", re.IGNORECASE)
LINKS = re.compile(r"<a\b[^>]*?\bhref=\"([^\"]*)\"", re.IGNORECASE)
IDS = re.compile(r"\bid=\"([^\"]*)\"")


@pytest.fixture(scope="session")
def handouts(tmp_path_factory) -> Path:
    """The hand-outs of the committed notebooks, exported once for every test that reads them."""
    out = tmp_path_factory.mktemp("html")
    write_handouts(out)
    return out


def page_of(handouts: Path, notebook: Path) -> str:
    return (handouts / f"{notebook.stem}.html").read_text(encoding="utf-8")


def dashboards_in(notebook: Path) -> int:
    """How many dashboards the notebook shows a learner: stored widget views outside removed cells."""
    cells = nbformat.read(notebook, as_version=4).cells
    return sum(
        WIDGET_VIEW in output.get("data", {})
        for cell in cells
        if cell.cell_type == "code" and not REMOVED_TAGS & set(cell.metadata.get("tags", []))
        for output in cell.outputs
    )


def test_one_page_per_notebook_and_mathjax_beside_them(handouts):
    assert sorted(path.name for path in handouts.glob("*.html")) == [f"{path.stem}.html" for path in NOTEBOOKS]
    assert (handouts / "mathjax" / "MathJax.js").is_file()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_a_page_loads_nothing_from_the_internet(handouts, notebook):
    page = page_of(handouts, notebook)
    sources = [(tag.lower(), url) for tag, _attribute, url in SOURCES.findall(page)]
    linked = [url for _tag, url in sources if not url.startswith("data:")]  # pictures are embedded
    remote = [url for url in linked if re.match(r"(https?:)?//", url) or "cdn" in url.lower()]
    assert not remote, f"fetched from the internet: {remote}"
    scripts = [html.unescape(url) for tag, url in sources if tag == "script"]
    assert scripts == ["mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"]
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", page), "a stylesheet fetches from the internet"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_every_dashboard_is_its_picture(handouts, notebook):
    page = page_of(handouts, notebook)
    picture = rf'<figure class="{DASHBOARD_CLASS}"><img [^>]*src="data:image/png;base64,[A-Za-z0-9+/=]{{200,}}"'
    pictures, notes = len(re.findall(picture, page)), page.count(f'class="{NO_PICTURE_CLASS}"')
    dashboards = dashboards_in(notebook)
    assert dashboards >= 1
    assert (pictures, notes) == (dashboards, 0), "a dashboard was stored without its picture: re-execute it"
    for junk in ("VBox(children", WIDGET_VIEW, "Loading widget"):
        assert junk not in page


@pytest.mark.parametrize("notebook", NOTEBOOKS[1:], ids=[path.name for path in NOTEBOOKS[1:]])
def test_no_worked_solution_but_every_exercise(handouts, notebook):
    page = page_of(handouts, notebook)
    blocks, unclosed = details_blocks(page)
    assert unclosed is None and not [page[a:b] for a, b in blocks if is_solution(page[a:b])]
    assert "worked solution" not in page.lower()
    stored = nbformat.read(notebook, as_version=4)
    exercises = [cell for cell in stored.cells if "exercise" in cell.metadata.get("tags", [])]
    assert exercises and page.count("✏️") >= len(exercises), "each exercise still says what to do"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_links_lead_to_pages_that_exist(handouts, notebook):
    page = page_of(handouts, notebook)
    local = [html.unescape(url) for url in LINKS.findall(page) if not re.match(r"[a-zA-Z][\w+.-]*:|#", url)]
    assert local, "a page links to the other pages"
    for url in local:
        path, _, fragment = url.partition("#")
        assert not path.endswith(".ipynb") and (handouts / path).is_file(), f"broken link {url!r}"
        if fragment:
            assert fragment in IDS.findall((handouts / path).read_text(encoding="utf-8")), f"no anchor for {url!r}"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("01_perceptron.ipynb", "01_perceptron.html"),
        ("00_start_here.ipynb#Glossary", "00_start_here.html#Glossary"),
        ("./02_sigmoid_neuron.ipynb#2.-The-sigmoid", "02_sigmoid_neuron.html#2.-The-sigmoid"),
        ("../README.md", f"{OUTSIDE}/README.md"),
        ("../teachers/01_perceptron.md#plan", f"{OUTSIDE}/teachers/01_perceptron.md#plan"),
        ("99_missing.ipynb", f"{OUTSIDE}/notebooks/99_missing.ipynb"),
        ("../../elsewhere.md", "#"),
        ("https://colab.research.google.com/x.ipynb", "https://colab.research.google.com/x.ipynb"),
        ("#Summary", "#Summary"),
    ],
)
def test_rewrite_link(target, expected):
    pages = {"00_start_here.ipynb", "01_perceptron.ipynb", "02_sigmoid_neuron.ipynb"}
    assert rewrite_link(target, pages, OUTSIDE) == expected


def test_outputs_read_on_paper():
    """A dashboard with a picture shows it, one without says what it is, and stderr goes."""
    view = {WIDGET_VIEW: {"model_id": "m"}, "text/plain": "VBox(children=(...))"}
    cell = new_code_cell(
        "show()",
        outputs=[
            new_output("stream", name="stderr", text="a warning\n"),
            new_output("display_data", data={**view, "image/png": "iVBORw0KGgo="}),
            new_output("display_data", data=view),
            new_output("stream", name="stdout", text="kept\n"),
        ],
    )
    notebook, _ = StaticOutputsPreprocessor().preprocess(new_notebook(cells=[cell]), {})
    shown = [output.get("data", {}).get("text/html", output.get("text")) for output in notebook.cells[0].outputs]
    assert len(shown) == 3 and DASHBOARD_CLASS in shown[0] and "iVBORw0KGgo=" in shown[0]
    assert NO_PICTURE_CLASS in shown[1] and shown[2] == "kept\n"
    assert WIDGET_VIEW not in json.dumps(notebook)


# --- in a browser, offline ---------------------------------------------------------------------

MATHJAX_DONE = "() => new Promise(done => MathJax.Hub.Queue(() => done(true)))"
MATH_PROBLEMS = r"""() => {
    const scripts = [...document.querySelectorAll('script[type^="math/tex"]')];
    const shown = s => s.previousElementSibling && ['MathJax', 'MathJax_Display'].some(
        name => s.previousElementSibling.classList.contains(name));
    const text = [...document.querySelectorAll('.jp-MarkdownCell')].map(cell => cell.innerText).join('\n');
    return {
        maths: scripts.length,
        unrendered: scripts.filter(s => !shown(s)).length,
        errors: document.querySelectorAll('.MathJax .merror, .MathJax_Display .merror').length,
        raw: (text.match(/\$[^$\n]+\$|\\\(|\\\[/g) || []).slice(0, 5),
    };
}"""
BROKEN_IMAGES = "() => [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.alt)"


@pytest.mark.browser
def test_pages_show_typeset_maths_and_pictures_offline_and_link_to_each_other(handouts):
    if not chromium_available():
        if os.environ.get("CI") == "true":
            pytest.fail(MISSING_CHROMIUM)
        pytest.skip(MISSING_CHROMIUM)
    tried, failed = [], []
    with chromium_browser() as browser:
        context = browser.new_context(offline=True)
        try:

            def only_files(route):
                if route.request.url.startswith("file:"):
                    route.continue_()
                else:
                    tried.append(route.request.url)
                    route.abort()

            context.route("**/*", only_files)
            page = context.new_page()
            page.on("requestfailed", lambda request: failed.append((request.url, request.failure)))
            for notebook in NOTEBOOKS:
                page.goto((handouts / f"{notebook.stem}.html").as_uri())
                page.wait_for_function("() => window.MathJax && MathJax.isReady", timeout=60_000)
                page.evaluate(MATHJAX_DONE)
                maths = page.evaluate(MATH_PROBLEMS)
                assert maths["maths"] > 0 and maths["unrendered"] == 0 and maths["errors"] == 0, (notebook.name, maths)
                assert not maths["raw"], f"{notebook.name}: maths left as text {maths['raw']}"
                assert page.evaluate("document.images.length") > 0
                assert not page.evaluate(BROKEN_IMAGES), f"{notebook.name}: broken pictures"
            # From the first lesson to the next one, and to the start page's glossary.
            page.goto((handouts / f"{NOTEBOOKS[1].stem}.html").as_uri())
            page.locator(f'a[href="{NOTEBOOKS[2].stem}.html"]').first.click()
            page.wait_for_url(f"**/{NOTEBOOKS[2].stem}.html")
            assert page.locator("h1").first.inner_text().startswith(NOTEBOOKS[2].name[:2])
            page.locator(f'a[href="{NOTEBOOKS[0].stem}.html#Glossary"]').first.click()
            page.wait_for_url(f"**/{NOTEBOOKS[0].stem}.html#Glossary")
            assert page.locator("#Glossary").count() == 1
        finally:
            context.close()
    assert not tried, f"the pages tried the internet: {tried[:5]}"
    # MathJax checks its fonts by loading one from about:blank, which a file page may not do, and going on to
    # the next page aborts what the last one was still loading: neither is a missing file.
    missing = [url for url, failure in failed if url != "about:blank" and failure != "net::ERR_ABORTED"]
    assert not missing, f"files the pages need are missing: {missing[:5]}"
