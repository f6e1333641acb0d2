"""The course grows by one module and one list entry: a toy exercise shows up everywhere.

Progress, demo mode, ``coursekit check``, the hand-in (and its preview and validation), the
report and the class dashboard all loop over ``coursekit.exercises.EXERCISES``; none of
them is told about the toy.
"""

from __future__ import annotations

from datetime import date

import pytest
import yaml

import coursekit.exercises as ex
from coursekit.classroom import handin_format

from .toy_exercise import ThreeGoodThings


@pytest.fixture
def toy_course(tmp_path, monkeypatch):
    """A course copy whose plan and sample person know the toy, with the toy in the list."""
    from coursekit.cli import init_course

    course = init_course(tmp_path / "course")
    plan = yaml.safe_load((course / "course.yaml").read_text(encoding="utf-8"))
    plan["parts"][1]["exercises"].append("gratitude")
    (course / "course.yaml").write_text(yaml.safe_dump(plan, sort_keys=False),
                                        encoding="utf-8")
    person = course / "samples" / "people" / "amara.yaml"
    person.write_text(person.read_text(encoding="utf-8")
                      + "gratitude:\n  - A walk by the river\n  - Lena said yes\n"
                        "  - Finished the budget\n", encoding="utf-8")
    monkeypatch.setenv("COURSEKIT_COURSE", str(course))
    monkeypatch.setattr(ex, "EXERCISES", [*ex.EXERCISES, ThreeGoodThings()])
    handin_format._section_models.cache_clear()
    yield course
    handin_format._section_models.cache_clear()


def test_the_toy_is_an_exercise_of_the_course(toy_course):
    assert ex.exercise("gratitude").title == "Three good things"


def test_progress_counts_it(toy_course):
    from coursekit.course import progress
    from coursekit.store import LearnerStore

    store = LearnerStore(":memory:")
    store.save("gratitude", "monday", "A good talk")
    row = progress(store).iloc[1]
    # the case, career drivers and the toy; move readiness is optional and not started
    assert row.exercises == 3 and row.started == 1


def test_an_optional_exercise_counts_once_started():
    from coursekit.assessment import current_attempt, load_instrument, save_response
    from coursekit.course import progress
    from coursekit.store import LearnerStore

    store = LearnerStore(":memory:")
    before = progress(store).iloc[1]
    ready = load_instrument("move-readiness")
    save_response(store, ready, current_attempt(store, ready.id), "mr03", 4)
    after = progress(store).iloc[1]
    assert (before.exercises, after.exercises, after.started) == (2, 3, 1)


def test_optional_must_name_an_exercise_of_the_notebook(tmp_path):
    from coursekit._errors import ContentError
    from coursekit.course import load_course

    course = tmp_path / "course"
    (course / "notebooks").mkdir(parents=True)
    (course / "notebooks" / "a.ipynb").write_text("{}", encoding="utf-8")
    (course / "course.yaml").write_text(
        "title: t\nparts:\n  - {notebook: a.ipynb, title: A, minutes: 5, summary: s,\n"
        "     exercises: [network], optional: [netwrok]}\n", encoding="utf-8")
    with pytest.raises(ContentError, match="'netwrok' is not one of this notebook's exercises"):
        load_course(course)


def test_demo_mode_fills_it_from_the_sample_person(toy_course):
    from coursekit.demo import demo_store

    store = demo_store("amara", toy_course)
    assert list(store.load_exercise("gratitude").values())[1] == "Lena said yes"


def test_coursekit_check_runs_its_check(toy_course):
    from coursekit.check import check_course

    assert check_course(toy_course) == []
    person = toy_course / "samples" / "people" / "jonas.yaml"
    person.write_text(person.read_text(encoding="utf-8") + "gratitude: lots\n",
                      encoding="utf-8")
    problems = check_course(toy_course)
    assert [(p.place, p.problem) for p in problems] == [("gratitude", "is not a list")]


def test_the_handin_holds_its_section_and_the_preview_words_it(toy_course):
    from coursekit.classroom.handin import make_handin, preview_handin
    from coursekit.demo import demo_store

    h = make_handin(demo_store("amara", toy_course))
    assert h["exercises"]["gratitude"] == {"written": 3.0}
    assert "Lena" not in str(h)
    preview = preview_handin(h)
    assert "Three good things:\n  3 good things written down" in preview
    assert handin_format.validate_handin(h)["exercises"]["gratitude"] == {"written": 3.0}


def test_the_report_shows_its_part(toy_course):
    from coursekit.demo import demo_store
    from coursekit.report import build_report, report_markdown

    store = demo_store("amara", toy_course)
    page = build_report(store, today=date(2030, 1, 1))
    assert "<h2 id='gratitude-h'>Three good things</h2>" in page
    assert "Finished the budget" in page
    assert "## Three good things" in report_markdown(store)


def test_the_dashboard_shows_its_panel(toy_course):
    from coursekit.classroom.dashboard import class_summary
    from coursekit.classroom.handin import make_handin
    from coursekit.store import LearnerStore

    handins = []
    for k in range(6):
        store = LearnerStore(":memory:")
        for i in range(k % 3 + 1):
            store.save("gratitude", f"thing-{i}", "something")
        handins.append(make_handin(store))
    panels = class_summary(handins)["gratitude"]
    assert panels[0].title == "Three good things"
    assert panels[0].table.loc[0, "n"] == 6 and panels[0].table.loc[0, "mean"] == 2.0


def test_without_the_toy_its_section_is_dropped_on_collection(toy_course, monkeypatch):
    from coursekit.classroom.handin import make_handin
    from coursekit.store import LearnerStore

    store = LearnerStore(":memory:")
    store.save("gratitude", "a", "x")
    h = make_handin(store)
    monkeypatch.setattr(ex, "EXERCISES", [e for e in ex.EXERCISES
                                          if not isinstance(e, ThreeGoodThings)])
    handin_format._section_models.cache_clear()
    assert "gratitude" not in handin_format.validate_handin(h)["exercises"]


# -- the list itself --------------------------------------------------------------------------


def test_ids_are_unique_and_every_course_yaml_exercise_exists():
    from coursekit.course import load_course

    ids = [e.id for e in ex.exercises()]
    assert len(ids) == len(set(ids))
    named = {name for part in load_course().parts for name in part.exercises}
    assert named <= set(ids)


def test_every_exercise_answers_every_question_on_an_empty_store():
    from coursekit.store import LearnerStore

    store = LearnerStore(":memory:")
    for exercise in ex.exercises():
        assert exercise.title and exercise.id
        assert exercise.progress(store).done == 0
        assert exercise.handin(store) is None
        exercise.report(store, today=date(2030, 1, 1))


def test_unknown_exercise_is_a_typed_not_found_error():
    from coursekit import NotFoundError

    with pytest.raises(NotFoundError) as info:
        ex.exercise("netwrok")
    assert info.value.fix.endswith("(did you mean 'network'?)")
