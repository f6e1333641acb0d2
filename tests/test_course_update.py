"""Course updates mid-term: new content comes in, answers and a learner's edits stay."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from coursekit._errors import InputError
from coursekit.classroom.handin import save_handin
from coursekit.store import LearnerStore
from coursekit.update import KEPT_ASIDE, MANIFEST, update_course

NOTEBOOK = "notebooks/02_the_career_impasse.ipynb"
CASE = "cases/the-career-impasse.md"
WHEN = datetime(2030, 3, 1, 10, 30, 0)


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def edit_notebook(path: Path, text: str) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "markdown", "id": "mine0001", "metadata": {},
                        "source": [text]})
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")


@pytest.fixture
def term(tmp_path):
    """The instructor's course (the source) and a learner's copy with answers in it."""
    source = tmp_path / "course-v1"
    update_course(source)
    learner = tmp_path / "learner"
    update_course(learner, source)
    with LearnerStore(learner / "learner-data" / "coursekit.sqlite") as store:
        store.save("case:the-career-impasse", "decision:the-promised-role", "never",
                   kind="decision")
        save_handin(store)
    return source, learner


def fix_typo_and_add(source: Path) -> None:
    """The instructor's mid-term changes: a typo in a case and a notebook, a new notebook."""
    case = source / CASE
    case.write_text(case.read_text(encoding="utf-8").replace("It never arrived.",
                                                             "It never came."), "utf-8")
    nb = json.loads((source / NOTEBOOK).read_text(encoding="utf-8"))
    nb["cells"][0]["source"] = ["# Case 2: The career impasse (revised)\n"]
    (source / NOTEBOOK).write_text(json.dumps(nb, indent=1), encoding="utf-8")
    (source / "notebooks" / "07_extra.ipynb").write_text(
        json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), "utf-8")


def test_init_copies_the_course_and_records_what_it_copied(tmp_path):
    report = update_course(tmp_path / "fresh")
    assert report.added and not report.updated and not report.kept_aside
    manifest = json.loads((tmp_path / "fresh" / MANIFEST).read_text())
    assert set(manifest["files"]) == set(report.added)
    assert not (tmp_path / "fresh" / "learner-data").exists()


def test_new_content_comes_in_and_learner_data_is_never_touched(term):
    source, learner = term
    data_before = tree(learner / "learner-data")
    assert any(name.startswith("handin-") for name in data_before)
    fix_typo_and_add(source)
    report = update_course(learner, source, now=WHEN)
    assert report.added == ["notebooks/07_extra.ipynb"]
    assert sorted(report.updated) == [CASE, NOTEBOOK] and not report.kept_aside
    assert "It never came." in (learner / CASE).read_text(encoding="utf-8")
    assert "(revised)" in (learner / NOTEBOOK).read_text(encoding="utf-8")
    assert tree(learner / "learner-data") == data_before
    with LearnerStore(learner / "learner-data" / "coursekit.sqlite") as store:
        assert store.load("case:the-career-impasse", "decision:the-promised-role") == "never"


def test_an_edited_notebook_is_kept_aside_not_overwritten(term):
    source, learner = term
    edit_notebook(learner / NOTEBOOK, "My notes from the lecture")
    mine = (learner / NOTEBOOK).read_bytes()
    fix_typo_and_add(source)
    report = update_course(learner, source, now=WHEN)
    aside = f"{KEPT_ASIDE}/2030-03-01-103000/{NOTEBOOK}"
    assert report.kept_aside == {NOTEBOOK: aside}
    assert (learner / aside).read_bytes() == mine
    assert "(revised)" in (learner / NOTEBOOK).read_text(encoding="utf-8")
    assert "kept-aside/2030-03-01-103000" in report.summary()
    # Updating again changes nothing: the new version is now what the learner has.
    again = update_course(learner, source)
    assert not again.added and not again.updated and not again.kept_aside


def test_running_and_saving_a_notebook_is_not_an_edit(term):
    source, learner = term
    nb = json.loads((learner / NOTEBOOK).read_text(encoding="utf-8"))
    nb["metadata"]["language_info"] = {"name": "python", "version": "3.11.7"}
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["execution_count"] = 1
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["x"]}]
    (learner / NOTEBOOK).write_text(json.dumps(nb, indent=2), encoding="utf-8")
    fix_typo_and_add(source)
    report = update_course(learner, source, now=WHEN)
    assert NOTEBOOK in report.updated and not report.kept_aside


def test_the_learners_own_files_stay_and_a_deleted_one_comes_back(term):
    source, learner = term
    own = learner / "notebooks" / "my-own.ipynb"
    own.write_text("{}", encoding="utf-8")
    (learner / "notebooks" / "05_your_report.ipynb").unlink()
    report = update_course(learner, source)
    assert report.added == ["notebooks/05_your_report.ipynb"]
    assert own.read_text(encoding="utf-8") == "{}"


def test_a_copy_without_a_record_keeps_every_differing_file_aside(term):
    source, learner = term
    (learner / MANIFEST).unlink()
    fix_typo_and_add(source)
    report = update_course(learner, source, now=WHEN)
    assert sorted(report.kept_aside) == [CASE, NOTEBOOK]
    assert not report.updated


def test_check_still_passes_with_files_kept_aside(term):
    source, learner = term
    edit_notebook(learner / NOTEBOOK, "notes")
    case = learner / CASE
    case.write_text(case.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    fix_typo_and_add(source)
    update_course(learner, source, now=WHEN)
    result = subprocess.run([sys.executable, "-m", "coursekit", "check", str(learner)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_command_lines(term, tmp_path):
    source, learner = term
    fix_typo_and_add(source)
    run = lambda *a: subprocess.run([sys.executable, "-m", "coursekit", *a],  # noqa: E731
                                    capture_output=True, text=True, timeout=120)
    out = run("update", str(learner), "--from", str(source))
    assert out.returncode == 0, out.stderr
    assert "1 new, 2 updated, 0 kept aside" in out.stdout
    assert "learner-data/ were not touched" in out.stdout
    again = run("init", str(learner))  # init on a course brings it up to date from coursekit
    assert again.returncode == 0 and "already holds a course: brought it up to date" in \
        again.stdout
    bad = run("update", str(tmp_path / "nowhere"))
    assert bad.returncode == 2 and "not a course folder" in bad.stderr and "Fix:" in bad.stderr


def test_refusals(tmp_path):
    from coursekit._content import packaged_course

    with pytest.raises(InputError, match="the course itself"):
        update_course(packaged_course())
    with pytest.raises(InputError, match="not a course"):
        update_course(tmp_path / "x", tmp_path)
