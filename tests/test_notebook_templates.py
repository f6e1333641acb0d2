"""Notebooks of one kind come from one template: the shipped teaching notes are the
template's, differing only in the case id (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursekit import list_cases
from coursekit._content import packaged_course
from coursekit._notebook_file import teaching_notes_name, teaching_notes_notebook

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("case", list_cases(packaged_course()), ids=lambda c: c.id)
def test_shipped_teaching_notes_are_the_template_s(case):
    path = REPO / "notebooks" / teaching_notes_name(case.id)
    assert path.read_text(encoding="utf-8") == teaching_notes_notebook(case.id), (
        f"{path.name} differs from the template: regenerate it with "
        f"coursekit._notebook_file.teaching_notes_notebook({case.id!r})")


def test_every_teaching_notes_notebook_belongs_to_a_case():
    cases = {c.id for c in list_cases(packaged_course())}
    notes = {p.name for p in (REPO / "notebooks" / "instructor").glob("teaching_notes_*")}
    assert notes == {Path(teaching_notes_name(c)).name for c in cases}


def test_two_teaching_notes_differ_only_in_the_case_id():
    one = teaching_notes_notebook("the-first-step")
    assert one.replace("the-first-step", "the-career-impasse") == \
        teaching_notes_notebook("the-career-impasse")
