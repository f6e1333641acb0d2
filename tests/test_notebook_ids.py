"""``coursekit check`` cross-checks every id a notebook gives the notebook API (issue 11)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from coursekit.check import check_course
from coursekit.notebook_ids import ID_ARGUMENTS, KINDS, check_notebooks

REPO = Path(__file__).resolve().parent.parent


def coursekit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coursekit", *args], capture_output=True,
                          text=True, timeout=120)


def add_notebook(course: Path, name: str, *cells: str) -> Path:
    """A notebook of code cells (after a markdown cell) in the course's notebooks folder."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A test notebook")]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in cells]
    path = course / "notebooks" / name
    nbformat.write(nb, path)
    return path


def test_a_typo_in_a_notebook_s_decision_id_fails_the_check_naming_the_cell(course_copy):
    add_notebook(course_copy, "instructor/typo.ipynb", "import coursekit as ck",
                 "store = ck.open_store()",
                 'ck.decision_point(store, "the-first-step", "after-the-tlak")')
    problems = check_course(course_copy)
    assert [str(p) for p in problems] == [
        "notebooks/instructor/typo.ipynb: cell 4: 'after-the-tlak' is not a decision point of "
        "the case 'the-first-step' (did you mean 'after-the-talk'?). Fix: use one of "
        "after-the-talk, the-failure-figure, alone-abroad"]
    result = coursekit("check", str(course_copy))
    assert result.returncode == 1
    assert "notebooks/instructor/typo.ipynb: cell 4: 'after-the-tlak'" in result.stdout


@pytest.mark.parametrize(("call", "problem"), [
    ('ck.case_header(store, "the-frist-step")',
     "'the-frist-step' is not a case of this course (did you mean 'the-first-step'?)"),
    ('ck.case_part(store, "the-career-impasse", "stuk")',
     "'stuk' is not a part of the case 'the-career-impasse' (did you mean 'stuck'?)"),
    ('ck.reflection(store, case="the-first-step", prompt_id="what-you-wnat")',
     "'what-you-wnat' is not a reflection prompt of the case 'the-first-step' "
     "(did you mean 'what-you-want'?)"),
    ('ck.questionnaire(store, "career-driver")',
     "'career-driver' is not a questionnaire of this course (did you mean 'career-drivers'?)"),
    ('ck.feedback(store, instrument_id="move-readines")',
     "'move-readines' is not a questionnaire of this course (did you mean 'move-readiness'?)"),
    ('ck.sample_comparison("harris-before", "haris-after")',
     "'haris-after' is not a sample network of this course (did you mean 'harris-after'?)"),
    ('kit.network_comparison(store, "amra")',
     "'amra' is not a sample network of this course (did you mean 'amara'?)"),
    ('teach("the-first-stp")',
     "'the-first-stp' is not a case of this course (did you mean 'the-first-step'?)"),
])
def test_each_kind_of_id_is_checked(course_copy, call, problem):
    add_notebook(course_copy, "x.ipynb", "import coursekit as kit\n"
                 "from coursekit import teaching_notes as teach", "store = None", call)
    problems = check_notebooks(course_copy)
    assert [(p.file, p.place, p.problem) for p in problems] == [
        ("notebooks/x.ipynb", "cell 4", problem)]


def test_what_cannot_be_checked_is_skipped_without_error(course_copy):
    add_notebook(course_copy, "x.ipynb",
                 "%matplotlib inline\nck.key_facts('no-such-case')",  # magics: not Python
                 "!ls",
                 "case = 'no-such-case'\nck.key_facts(case)",  # not a literal
                 "other.decision_point(store, 'x', 'y')",  # not coursekit
                 "ck.start_page(store)",  # no ids
                 "ck.case_part(store, case_id, 'no-such-part')")  # the case is not known
    assert check_notebooks(course_copy) == []


def test_a_broken_case_is_reported_once_not_by_every_notebook(course_copy):
    case = course_copy / "cases" / "the-first-step.md"
    case.write_text(case.read_text().replace("title: The first step", "titel: x"))
    add_notebook(course_copy, "x.ipynb", 'ck.decision_point(store, "the-first-step", "nope")')
    assert check_notebooks(course_copy) == []
    assert any(p.file.endswith("cases/the-first-step.md") for p in check_course(course_copy))


def test_a_notebook_that_is_not_json_is_a_problem(course_copy):
    (course_copy / "notebooks" / "broken.ipynb").write_text('{"cells": [', encoding="utf-8")
    [problem] = check_notebooks(course_copy)
    assert problem.file == "notebooks/broken.ipynb"
    assert "is not a valid notebook" in problem.problem


def test_every_id_parameter_names_a_known_kind():
    for name, params in ID_ARGUMENTS.items():
        kinds = [p.partition(":")[2] if ":" in p else p for p in params]
        assert all(k == "" or k in KINDS for k in kinds), name
        if any(KINDS[k].in_case for k in kinds if k):
            assert "case" in kinds, f"{name} takes an id inside a case but no case"




def test_the_authoring_guide_s_notebook_calls_fit_its_example_case(course_copy):
    guide = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    case = re.search(r"```markdown\n(.*?)```", guide, re.S).group(1)
    (course_copy / "cases" / "the-offer.md").write_text(case, encoding="utf-8")
    calls = re.search(r"## Using a case in a notebook.*?```python\n(.*?)```", guide,
                      re.S).group(1)
    add_notebook(course_copy, "offer.ipynb", calls)
    assert check_course(course_copy) == []
    add_notebook(course_copy, "offer.ipynb", calls.replace('"take-it"', '"tak-it"'))
    assert [p.problem for p in check_notebooks(course_copy)] == [
        "'tak-it' is not a decision point of the case 'the-offer' (did you mean 'take-it'?)"]


def test_the_id_table_matches_the_views_signatures():
    import inspect

    import coursekit as ck
    from coursekit.notebook_ids import ID_ARGUMENTS

    for name, params in ID_ARGUMENTS.items():
        real = list(inspect.signature(getattr(ck, name)).parameters)
        keywords = [p.split(":")[0] for p in params]
        assert real[:len(keywords)] == keywords, (name, real, keywords)
