"""Notebooks are stored without outputs, and their code cells stay short."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from coursekit.course import load_course

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").rglob("*.ipynb"))
NOTEBOOKS = [p for p in NOTEBOOKS if ".ipynb_checkpoints" not in p.parts]
MAX_CODE_LINES = 8


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} cell {i} has stored outputs"
            assert cell.execution_count is None, f"{path.name} cell {i} has an execution count"
    assert "widgets" not in nb.metadata, f"{path.name} stores widget state"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_cell_has_an_id(path):
    """nbformat 4.5 cell ids (a missing one becomes an error in later nbformat versions)."""
    nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=nbformat.NO_CONVERT)
    missing = [i for i, cell in enumerate(nb.cells) if "id" not in cell]
    assert not missing, f"{path.name}: cells {missing} have no id"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_stay_short(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            lines = [ln for ln in cell.source.splitlines() if ln.strip()]
            assert len(lines) <= MAX_CODE_LINES, f"{path.name} cell {i} has {len(lines)} lines"


def test_every_learner_notebook_is_in_the_course_plan():
    course = load_course()
    listed = {p.notebook for p in course.parts}
    learner = {p.name for p in NOTEBOOKS if p.parent.name == "notebooks"}
    assert learner == listed


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_links_to_other_notebooks_lead_somewhere(path):
    import re

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for target in re.findall(r"\]\(([^)#\s]+\.ipynb)\)", cell.source):
                assert (path.parent / target).is_file(), f"{path.name} links to missing {target}"


def test_every_questionnaire_is_in_the_course_plan_and_a_learner_notebook():
    from coursekit.assessment import list_instruments

    course = load_course()
    planned = {e for part in course.parts for e in part.exercises}
    text = "\n".join(p.read_text(encoding="utf-8") for p in NOTEBOOKS
                     if "instructor" not in p.parts)
    for instrument in list_instruments():
        assert instrument.exercise in planned, f"{instrument.id} is in no course.yaml part"
        assert f'ck.questionnaire(store, \\"{instrument.id}\\")' in text, \
            f"{instrument.id} is in no learner notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_running_instructions_only_where_there_are_cells_to_run(path):
    """App mode shows no cells: telling a learner to run them belongs in lab-only cells."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and "lab-only" not in cell.metadata.get("tags", []):
            for words in ("Shift + Enter", "Run each cell", "Run All", "change the next cell"):
                assert words not in cell.source, f"{path.name} cell {i}: {words!r}"


def test_every_time_estimate_agrees_with_course_yaml():
    """README, notebook intros and case headers all say the time course.yaml gives."""
    import re

    from coursekit.cases import load_case

    course = load_course()
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for part in course.parts:
        stem = part.notebook.removesuffix(".ipynb")
        row = re.search(rf"^\| `{stem}` \|.*\| (\d+) min \|$", readme, re.MULTILINE)
        assert row and int(row.group(1)) == part.minutes, f"README row of {stem}"
        nb = nbformat.read(Path(course.root) / "notebooks" / part.notebook, as_version=4)
        said = {int(m) for cell in nb.cells if cell.cell_type == "markdown"
                for m in re.findall(r"(\d+) minutes", cell.source)}
        assert said <= {part.minutes}, f"{part.notebook} says {said}, course.yaml {part.minutes}"
        for name in part.exercises:
            if name.startswith("case:"):
                case = load_case(name.removeprefix("case:"))
                assert case.minutes == part.minutes, f"{case.id}: minutes"
