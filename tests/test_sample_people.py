"""Every sample person fills every exercise of the course and says that it is a sample."""

from __future__ import annotations

import re

import pytest

from coursekit.cases import load_case
from coursekit.classroom.handin_format import normalise_time
from coursekit.course import load_course, progress
from coursekit.demo import demo_store, sample_people
from coursekit.report.sections import list_reflections, saved_reflection_choice

PEOPLE = sample_people()
LABEL = re.compile(r"\b(sample|made-up)\b", re.IGNORECASE)


def _case_titles() -> list[str]:
    ids = {e.split(":", 1)[1] for part in load_course().parts for e in part.exercises
           if e.startswith("case:")}
    return [load_case(i).title for i in sorted(ids)]


def test_there_are_sample_people():
    ids = {p.id for p in PEOPLE}
    assert {"amara", "harris", "the-manager", "jonas", "li-wei"} <= ids


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p.id)
def test_demo_store_fills_every_exercise(person):
    with demo_store(person.id) as store:
        table = progress(store)
    with_exercises = table[table["exercises"] > 0]
    assert len(with_exercises) > 0
    unfinished = with_exercises[with_exercises["started"] != with_exercises["exercises"]]
    assert unfinished.empty, (
        f"{person.id} leaves exercises empty in: {', '.join(unfinished['notebook'])}")


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p.id)
def test_person_is_named_and_labelled_as_a_sample(person):
    assert person.name.strip()
    description = person.description
    names_a_case = any(title.lower() in description.lower() for title in _case_titles())
    assert LABEL.search(description) or names_a_case, (
        f"{person.id}: the description should say the person is a sample or made up, "
        f"or name the case the person comes from")


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p.id)
def test_report_choice_and_handin_time_are_usable(person):
    with demo_store(person.id) as store:
        written = {r.id for r in list_reflections(store)}
        chosen = saved_reflection_choice(store)
        handin = store.load_exercise("handin")
    assert chosen and set(chosen) <= written, "ticked reflections must be ones written"
    assert handin, "a hand-in time marks the last exercise as done"
    for value in handin.values():
        assert normalise_time(value) == value


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p.id)
def test_case_entries_name_real_decisions_options_and_reflections(person):
    for entry in person.data.get("entries") or []:
        if not entry["exercise"].startswith("case:"):
            continue
        case = load_case(entry["exercise"].split(":", 1)[1])
        kind, _, item = entry["key"].partition(":")
        if kind == "decision":
            decision = {d.id: d for d in case.decisions}[item]
            assert entry["value"] in {o.id for o in decision.options}
        else:
            assert kind == "reflection" and item in {r.id for r in case.reflections}
