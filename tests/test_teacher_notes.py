"""Teacher notes and reuse terms.

Every notebook in ``notebooks/`` has a note ``teachers/<stem>.md`` with the same six sections in
the same order; the start-here note also carries the course overview. The checker below is
tested on broken notes too, so a note with a section missing cannot pass.

The reuse terms: ``LICENSE`` (MIT, the code), ``LICENSE-content.md`` (CC BY 4.0, the text and
figures) and ``CITATION.cff``, whose few keys are read with regular expressions (no YAML library
needed) and whose version must be the package's.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEACHERS = ROOT / "teachers"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
NOTES = sorted(TEACHERS.glob("*.md"))

LESSON_SECTIONS = [
    "Timing",
    "Learning goals",
    "Common misconceptions",
    "Predict, then try",
    "Dashboards to project",
    "Discussion or homework",
]
OVERVIEW_SECTIONS = [
    "Who it is for",
    "Prerequisites",
    "The route through 00-06",
    "A 2-lesson unit",
    "A 4-lesson unit",
    "What to prepare",
    "How to open the notebooks",
]
START_HERE = "00_start_here"
# Each item of these sections is an H3 heading followed by these labelled paragraphs.
ITEM_LABELS = {
    "Common misconceptions": ("**Why learners hold it.**", "**Where it is addressed.**"),
    "Predict, then try": ("**Answer.**",),
}
MIN_ITEMS = 3


def required_sections(stem: str) -> list[str]:
    """The H2 headings a note must have, in order."""
    return OVERVIEW_SECTIONS + LESSON_SECTIONS if stem == START_HERE else LESSON_SECTIONS


def prose_lines(text: str) -> list[str]:
    """The lines of a Markdown text outside fenced code blocks."""
    lines, fenced = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def split_sections(text: str, level: int) -> list[tuple[str, str]]:
    """``(title, body)`` for each heading of exactly ``level`` (2 for ``##``), body up to the next one."""
    marker = "#" * level + " "
    parts: list[tuple[str, list[str]]] = []
    for line in prose_lines(text):
        if line.startswith(marker):
            parts.append((line[len(marker) :].strip(), []))
        elif parts and not (line.startswith("#") and len(line) - len(line.lstrip("#")) < level):
            parts[-1][1].append(line)
        elif parts:  # a heading of a higher level ends the current part
            parts.append(("", []))
    return [(title, "\n".join(body)) for title, body in parts if title]


def note_problems(text: str, stem: str) -> list[str]:
    """Everything that keeps a teacher note from the agreed shape; an empty list means it is fine."""
    problems = []
    if not any(line.startswith("# ") for line in prose_lines(text)):
        problems.append("no title (a line starting with '# ')")
    sections = split_sections(text, 2)
    titles = [title for title, _ in sections]
    wanted = required_sections(stem)
    if titles != wanted:
        missing = [title for title in wanted if title not in titles]
        extra = [title for title in titles if title not in wanted]
        problems.append(f"sections must be exactly {wanted} in this order; got {titles}")
        problems += [f"missing section: {title}" for title in missing]
        problems += [f"unexpected section: {title}" for title in extra]
        if not missing and not extra:
            problems.append("sections out of order")
    body = dict(sections)
    timing = body.get("Timing", "")
    if not re.search(r"^\|.*\|\s*\**\d+\**\s*\|\s*$", timing, re.MULTILINE):
        problems.append("Timing needs a table with minutes per section")
    if "estimate" not in timing.lower():
        problems.append("Timing must say what its estimates are based on")
    if len(re.findall(r"^- ", body.get("Learning goals", ""), re.MULTILINE)) < 3:
        problems.append("Learning goals needs at least three bullet points")
    for section, labels in ITEM_LABELS.items():
        items = split_sections(body.get(section, ""), 3)
        if len(items) < MIN_ITEMS:
            problems.append(f"{section} needs at least {MIN_ITEMS} items (### headings), has {len(items)}")
        for title, item in items:
            problems += [f"{section} item {title!r} lacks {label}" for label in labels if label not in item]
    if not re.search(r"^- ", body.get("Dashboards to project", ""), re.MULTILINE):
        problems.append("Dashboards to project needs at least one bullet point")
    discussion = body.get("Discussion or homework", "")
    problems += [
        f"Discussion or homework lacks {label}"
        for label in ("**Question.**", "**Model answer.**")
        if label not in discussion
    ]
    if stem == START_HERE:
        route = body.get("The route through 00-06", "")
        problems += [f"the route does not name {path.name}" for path in NOTEBOOKS if path.name not in route]
    return problems


def load_note(path: Path) -> list[str]:
    """Problems of the note stored at ``path`` (its file name gives the notebook's stem)."""
    return note_problems(path.read_text(encoding="utf-8"), path.stem)


def ids(paths: list[Path]) -> list[str]:
    return [path.stem for path in paths]


# --- the notes ----------------------------------------------------------------


def test_the_notebooks_and_notes_are_found():
    assert NOTEBOOKS, "no notebooks found"
    assert (TEACHERS / f"{START_HERE}.md") in NOTES


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_every_notebook_has_a_teacher_note(notebook):
    note = TEACHERS / f"{notebook.stem}.md"
    assert note.exists(), f"write teachers/{notebook.stem}.md for {notebook.name}"


@pytest.mark.parametrize("note", NOTES, ids=ids(NOTES))
def test_teacher_note_has_every_section_in_order(note):
    assert load_note(note) == []


@pytest.mark.parametrize("note", NOTES, ids=ids(NOTES))
def test_teacher_note_links_resolve(note):
    targets = [t for t in re.findall(r"\]\(([^)\s]+)\)", note.read_text()) if not re.match(r"[a-z]+:", t)]
    for target in targets:
        assert (note.parent / target.split("#")[0]).exists(), f"broken link {target!r}"


def test_start_here_note_is_the_course_overview():
    text = (TEACHERS / f"{START_HERE}.md").read_text()
    assert [title for title, _ in split_sections(text, 2)][: len(OVERVIEW_SECTIONS)] == OVERVIEW_SECTIONS
    for note in NOTES:
        if note.stem != START_HERE:
            assert f"({note.name})" in text, f"the overview does not link {note.name}"


# --- the checker catches broken notes -------------------------------------------


def drop_section(text: str, title: str) -> str:
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[:start] + (text[end + 1 :] if end != -1 else "")


def swap_first_two_lesson_sections(text: str) -> str:
    return (
        text.replace("## Timing\n", "## @\n")
        .replace("## Learning goals\n", "## Timing\n")
        .replace("## @\n", "## Learning goals\n")
    )


def keep_two_items(text: str, section: str) -> str:
    body = dict(split_sections(text, 2))[section]
    items = [m.start() for m in re.finditer(r"^### ", body, re.MULTILINE)]
    return text.replace(body, body[: items[2]])


BREAKERS = {
    "no Common misconceptions": (lambda t: drop_section(t, "Common misconceptions"), "missing section"),
    "no Discussion or homework": (lambda t: drop_section(t, "Discussion or homework"), "missing section"),
    "sections swapped": (swap_first_two_lesson_sections, "out of order"),
    "two misconceptions": (lambda t: keep_two_items(t, "Common misconceptions"), "at least 3 items"),
    "two predictions": (lambda t: keep_two_items(t, "Predict, then try"), "at least 3 items"),
    "an answer missing": (lambda t: t.replace("**Answer.**", "Answer:", 1), "lacks **Answer.**"),
    "no basis for the timing": (lambda t: re.sub(r"(?i)estimate", "guess", t), "based on"),
}


@pytest.mark.parametrize("breaker", BREAKERS, ids=list(BREAKERS))
def test_checker_rejects_a_broken_note(tmp_path, breaker):
    original = (TEACHERS / "01_perceptron.md").read_text()
    assert load_note(TEACHERS / "01_perceptron.md") == []
    damage, expected = BREAKERS[breaker]
    broken = tmp_path / "01_perceptron.md"
    broken.write_text(damage(original))
    problems = load_note(broken)
    assert any(expected in problem for problem in problems), problems


def test_checker_rejects_a_start_here_note_without_the_overview(tmp_path):
    text = (TEACHERS / f"{START_HERE}.md").read_text()
    broken = tmp_path / f"{START_HERE}.md"
    broken.write_text(drop_section(text, "A 4-lesson unit"))
    assert "missing section: A 4-lesson unit" in load_note(broken)
    lesson_only = tmp_path / "lesson" / f"{START_HERE}.md"
    lesson_only.parent.mkdir()
    lesson_only.write_text((TEACHERS / "01_perceptron.md").read_text())
    assert any(problem.startswith("missing section: Who it is for") for problem in load_note(lesson_only))


# --- reuse terms ----------------------------------------------------------------


def pyproject_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def unquote(value: str) -> str:
    return value.strip('"')


def cff_fields(text: str) -> dict[str, str | list[str]]:
    """Top-level ``key: value`` pairs of a simple CFF file; a key with an indented list gets the list.

    Raises ``ValueError`` on anything this small reader does not understand.
    """
    fields: dict[str, str | list[str]] = {}
    key = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if "\t" in line:
            raise ValueError(f"line {number}: tabs are not allowed")
        top = re.fullmatch(r"([a-z][a-z0-9-]*):\s*(.*?)\s*", line)
        item = re.fullmatch(r" {2}- (.+?)\s*", line)
        if top:
            key, value = top.groups()
            fields[key] = unquote(value) if value else []
        elif item and key is not None and isinstance(fields[key], list):
            entry = re.fullmatch(r"([a-z][a-z0-9-]*):\s*(.*)", item.group(1))
            value = f"{entry[1]}: {unquote(entry[2])}" if entry else unquote(item.group(1))
            fields[key].append(value)
        else:
            raise ValueError(f"line {number} is not a simple key: value or list item: {line!r}")
    return fields


def test_citation_has_the_required_keys_and_the_package_version():
    fields = cff_fields((ROOT / "CITATION.cff").read_text())
    assert fields["cff-version"] == "1.2.0"
    assert fields["message"] and fields["title"] == "Neurons, step by step"
    assert fields["type"] == "software"
    assert fields["authors"] == ["name: The Neurons, step by step authors"]
    assert fields["version"] == pyproject_version()
    assert set(fields["license"]) == {"MIT", "CC-BY-4.0"}


def test_citation_reader_rejects_what_it_cannot_read():
    with pytest.raises(ValueError, match="line 2"):
        cff_fields("cff-version: 1.2.0\n  nested: oops\n")
    assert cff_fields('version: "9.9.9"\n')["version"] == "9.9.9"


def test_licences_name_what_they_cover():
    code = (ROOT / "LICENSE").read_text()
    assert code.startswith("MIT License") and "The Neurons, step by step authors" in code
    assert "Permission is hereby granted, free of charge" in code
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"] == {"text": "MIT"}
    content = (ROOT / "LICENSE-content.md").read_text()
    assert "Creative Commons Attribution 4.0 International" in content and "CC BY 4.0" in content
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in content
    for covered in ("notebooks/", "figures", "teachers/"):
        assert covered in content


def test_readme_points_teachers_to_the_notes_the_terms_and_the_issue_tracker():
    readme = (ROOT / "README.md").read_text()
    assert readme.index("## For teachers") < readme.index("## Contributing")
    section = dict(split_sections(readme, 2))["For teachers"]
    for target in ("teachers/00_start_here.md", "LICENSE", "LICENSE-content.md", "CITATION.cff"):
        assert f"]({target})" in section
    assert "Found an error?" in section and "issue tracker" in section
    assert not re.search(r"https?://|www\.|\.com\b|\.org\b", section), "no host names in this section"
