"""``coursekit new case``: a new case, its two notebooks and its part in the course, which
pass ``coursekit check`` as they are; refusals lose nothing (issue 11)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from coursekit import load_case
from coursekit._notebook_file import learner_notebook, teaching_notes_name, teaching_notes_notebook
from coursekit.check import check_course
from coursekit.course import load_course
from coursekit.scaffold import ScaffoldError, add_part, new_case
from coursekit.scaffold import case_text as scaffold_case_text


def coursekit(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coursekit", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file of a folder and a hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def new_course(course_copy):
    """A course copy with the case ``my-case`` made by the command line."""
    result = coursekit("new", "case", "my-case", "--course", str(course_copy))
    assert result.returncode == 0, result.stdout + result.stderr
    return course_copy


# -- coursekit new case -------------------------------------------------------------------


def test_new_case_creates_the_case_and_both_notebooks_and_says_what_next(course_copy):
    result = coursekit("new", "case", "my-case", "--course", str(course_copy))
    assert result.returncode == 0, result.stderr
    for made in ("cases/my-case.md", "notebooks/07_my_case.ipynb",
                 "notebooks/instructor/teaching_notes_my_case.ipynb"):
        assert (course_copy / made).is_file(), made
        assert made in result.stdout
    assert "course.yaml" in result.stdout
    assert "Next steps" in result.stdout and "coursekit check" in result.stdout


def test_a_new_case_passes_the_check(new_course):
    result = coursekit("check", str(new_course))
    assert result.returncode == 0, result.stdout + result.stderr
    assert check_course(new_course) == []


def test_the_new_case_is_a_valid_case_with_the_author_s_instructions(new_course):
    case = load_case("my-case", new_course)
    assert case.teaching_notes.total_minutes == 90
    assert len(case.parts) >= 2
    for part in case.parts[:2]:
        assert case.decisions_after(part.id) and case.reflections_after(part.id)
    assert case.discussion and case.key_facts
    text = (new_course / "cases" / "my-case.md").read_text(encoding="utf-8")
    assert "Retell the first part of the story here, in your own words" in text
    assert text.count("Replace with") >= 10  # every text is an instruction to the author


def test_course_yaml_gains_one_part_and_keeps_everything_else(course_copy):
    before = (course_copy / "course.yaml").read_text(encoding="utf-8")
    new_case(course_copy, "my-case")
    after = (course_copy / "course.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)  # comments, quoting and order untouched
    added = yaml.safe_load(after)["parts"][-1]
    assert added == {"notebook": "07_my_case.ipynb", "title": "Case 3: My case",
                     "minutes": load_case("my-case", course_copy).minutes,
                     "summary": added["summary"], "exercises": ["case:my-case"]}
    assert load_course(course_copy).parts[-1].exercises == ("case:my-case",)


def test_the_next_case_takes_the_next_number(course_copy):
    new_case(course_copy, "my-case")
    made = new_case(course_copy, "another-one")
    assert made.notebook.name == "08_another_one.ipynb"
    assert yaml.safe_load((course_copy / "course.yaml").read_text())["parts"][-1]["title"] \
        == "Case 4: Another one"


def test_the_scaffolded_notebooks_come_from_the_templates_and_are_clean(new_course):
    learner = (new_course / "notebooks" / "07_my_case.ipynb").read_text(encoding="utf-8")
    assert learner == learner_notebook(load_case("my-case", new_course))
    notes = new_course / "notebooks" / teaching_notes_name("my-case")
    assert notes.read_text(encoding="utf-8") == teaching_notes_notebook("my-case")
    for path, first in ((new_course / "notebooks" / "07_my_case.ipynb",
                         "import coursekit as ck\nstore = ck.open_store()"),
                        (notes, "import coursekit as ck")):
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code[0].source == first
        assert all(c.outputs == [] and c.execution_count is None for c in code)
        assert all(len(c.source.splitlines()) <= 3 for c in code)


def test_the_learner_notebook_shows_every_part_decision_and_reflection(new_course):
    case = load_case("my-case", new_course)
    nb = nbformat.read(new_course / "notebooks" / "07_my_case.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for item in (*case.part_ids, *(d.id for d in case.decisions),
                 *(r.id for r in case.reflections)):
        assert f'"{item}"' in code


def test_a_typo_in_the_scaffolded_notebook_fails_the_check(new_course):
    path = new_course / "notebooks" / "07_my_case.ipynb"
    nb = nbformat.read(path, as_version=4)
    number, cell = next((n, c) for n, c in enumerate(nb.cells, start=1)
                        if '"second-decision"' in c.source)
    cell.source = cell.source.replace("second-decision", "second-decsion")
    nbformat.write(nb, path)
    result = coursekit("check", str(new_course))
    assert result.returncode == 1
    assert (f"notebooks/07_my_case.ipynb: cell {number}: 'second-decsion' is not a decision "
            "point of the case 'my-case' (did you mean 'second-decision'?)") in result.stdout


# -- refusals: a clear line, exit code 2, nothing changed ---------------------------------


@pytest.mark.parametrize("bad_id", ["My-Case", "my_case", "-my-case", "my--case", "my case",
                                    "case.md", ""])
def test_an_invalid_id_is_refused_and_nothing_changes(course_copy, bad_id):
    before = snapshot(course_copy)
    result = coursekit("new", "case", "--course", str(course_copy), "--", bad_id)
    assert result.returncode == 2
    assert "is not a valid case id" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert snapshot(course_copy) == before


def test_an_existing_case_is_refused_and_nothing_changes(course_copy):
    before = snapshot(course_copy)
    result = coursekit("new", "case", "the-first-step", "--course", str(course_copy))
    assert result.returncode == 2
    assert result.stderr.strip() == ("coursekit new case: cases/the-first-step.md already "
                                     "exists: nothing was changed. Choose another id, or edit "
                                     "the existing case")
    assert snapshot(course_copy) == before


@pytest.mark.parametrize("existing", ["notebooks/instructor/teaching_notes_my_case.ipynb",
                                      "notebooks/12_my_case.ipynb"])
def test_an_existing_notebook_is_refused_and_kept(course_copy, existing):
    (course_copy / existing).write_text("mine", encoding="utf-8")
    before = snapshot(course_copy)
    with pytest.raises(ScaffoldError, match=f"{existing} already exists"):
        new_case(course_copy, "my-case")
    assert snapshot(course_copy) == before


def test_a_case_the_course_plan_lists_already_is_refused(course_copy):
    plan = course_copy / "course.yaml"
    plan.write_text(plan.read_text().replace('"handin"]', '"handin", "case:my-case"]'))
    before = snapshot(course_copy)
    with pytest.raises(ScaffoldError, match="already lists the exercise case:my-case"):
        new_case(course_copy, "my-case")
    assert snapshot(course_copy) == before


def test_a_folder_without_a_course_is_refused(tmp_path):
    result = coursekit("new", "case", "my-case", "--course", str(tmp_path))
    assert result.returncode == 2
    assert "is not a course folder" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_plan_whose_parts_cannot_be_extended_is_refused_before_writing(course_copy):
    plan = course_copy / "course.yaml"
    plan.write_text("title: T\nparts: [{notebook: 00_start.ipynb, title: S, minutes: 5, "
                    "summary: S}]\n")
    before = snapshot(course_copy)
    with pytest.raises(ScaffoldError, match="add it by hand"):
        new_case(course_copy, "my-case")
    assert snapshot(course_copy) == before


def test_a_write_that_fails_half_way_leaves_the_course_as_it_was(course_copy, monkeypatch):
    import coursekit.scaffold as scaffold

    def full_disk(*_args):
        raise OSError(28, "No space left on device", "course.yaml")

    monkeypatch.setattr(scaffold.os, "replace", full_disk)
    before = snapshot(course_copy)
    with pytest.raises(ScaffoldError, match="No space left on device; nothing was changed"):
        new_case(course_copy, "my-case")
    assert snapshot(course_copy) == before


def test_add_part_follows_the_file_s_indentation_and_keeps_what_follows():
    text = ("title: T  # the title\nparts:\n- notebook: a.ipynb\n  summary: >-\n    long\n"
            "    text\n\n# after the parts\nsubtitle: S\n")
    new = add_part(text, {"notebook": "b.ipynb", "title": "Case 1: B"})
    assert new == ("title: T  # the title\nparts:\n- notebook: a.ipynb\n  summary: >-\n"
                   "    long\n    text\n- notebook: b.ipynb\n  title: \"Case 1: B\"\n\n"
                   "# after the parts\nsubtitle: S\n")


# -- the scaffolded notebooks run ---------------------------------------------------------


def _run(path: Path) -> list[str]:
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return [str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
            for cell in nb.cells for o in cell.get("outputs", [])]


def _scaffold_notebooks() -> dict[str, str]:
    """The text of the two notebooks ``coursekit new case my-case`` writes."""
    from coursekit.cases import parse_case_text

    case = parse_case_text(scaffold_case_text("my-case"), "my-case.md", "my-case")
    return {"07_my_case.ipynb": learner_notebook(case),
            teaching_notes_name("my-case"): teaching_notes_notebook("my-case")}


# The notebooks call the notebook API (ck.case_part, ck.teaching_notes...) that main is
# adding: until coursekit has those functions this test is expected to fail, and is marked
# so with their names (see tests/_pending_api.py); it runs as usual once coursekit has them.
@pytest.mark.slow
@pytest.mark.parametrize("notebook", [
    pytest.param(name, id=Path(name).name) for name in _scaffold_notebooks()])
def test_the_scaffolded_notebooks_run(new_course, notebook, monkeypatch, tmp_path):
    monkeypatch.setenv("COURSEKIT_STORE", str(tmp_path / "learner.sqlite"))
    outputs = _run(new_course / "notebooks" / notebook)
    assert not any("Traceback" in text for text in outputs)
