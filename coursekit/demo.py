"""Demo mode: sample people fill the exercises so an instructor can project any notebook.

A sample person is a YAML file in the course's ``samples/people/`` folder. Its sections:

``id``, ``name``, ``description``
    Who this is (a case protagonist or a made-up learner).
``entries``
    Answers, decisions and reflections: a list of ``{exercise, key, kind, value}``.
``responses``, ``network``, ``plan``
    Questionnaire answers, a contact network and an action plan; each exercise of
    :data:`coursekit.exercises.EXERCISES` reads its own section (its ``demo_section``) and
    fills its part of the store (:meth:`~coursekit.exercises.Exercise.demo`).

A demo store lives in memory: the instructor's own store is neither read nor written.

Examples
--------
>>> store = demo_store()
>>> store.demo, store.in_memory
(True, True)
>>> sorted(p.id for p in sample_people())[:2]
['amara', 'harris']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._content import content_path, display_path, load_yaml
from ._errors import NotFoundError
from ._validate import FieldChecker
from .store import KINDS, LearnerStore

#: The default sample person for demo mode.
DEFAULT_PERSON = "amara"

#: The fields every sample person has; each exercise may add its own section.
_PERSON_FIELDS = {"id", "name", "description", "entries"}


def person_fields() -> set[str]:
    """The fields a sample person's file may have: its own and the exercises' sections."""
    from .exercises import exercises

    return _PERSON_FIELDS | {e.demo_section for e in exercises() if e.demo_section}


@dataclass(frozen=True)
class SamplePerson:
    """A sample person shipped with the course (no real personal data)."""

    id: str
    name: str
    description: str
    path: Path
    data: dict[str, Any]


def _people_dir(course: str | Path | None = None) -> Path:
    return content_path("samples", course) / "people"


def load_sample_person(path: str | Path) -> SamplePerson:
    """Load and validate one sample person file."""
    path = Path(path)
    file = display_path(path)
    data = load_yaml(path)
    check = FieldChecker(file)
    if not isinstance(data, dict):
        check.problem("", "is not a set of 'field: value' lines",
                      "write the sample person as YAML fields (id, name, description, ...)")
        check.raise_if_any()
    pid = check.need(data, "id", str, "")
    name = check.need(data, "name", str, "")
    description = check.need(data, "description", str, "")
    check.unknown_keys(data, person_fields(), "")
    if pid and pid != path.stem:
        check.problem("id", f"'{pid}' differs from the file name '{path.stem}'",
                      f"rename the file to {pid}.yaml or set id: {path.stem}")
    for i, entry in enumerate(data.get("entries") or []):
        place = f"entries[{i}]"
        if not isinstance(entry, dict):
            check.problem(place, "is not a mapping", "write exercise, key, kind and value")
            continue
        check.need(entry, "exercise", str, place)
        check.need(entry, "key", str, place)
        kind = entry.get("kind", "answer")
        if kind not in KINDS:
            check.problem(f"{place}: kind", f"'{kind}' is not a kind of entry",
                          f"use one of {', '.join(KINDS)}")
        if "value" not in entry:
            check.problem(f"{place}: value", "is missing", "add 'value: ...'")
    check.raise_if_any()
    return SamplePerson(pid, name, description, path, data)


def sample_people(course: str | Path | None = None) -> list[SamplePerson]:
    """Every sample person in the course, sorted by id."""
    folder = _people_dir(course)
    return [load_sample_person(p) for p in sorted(folder.glob("*.yaml"))]


def fill_store(store: LearnerStore, person: SamplePerson,
               course: str | Path | None = None) -> LearnerStore:
    """Write a sample person's answers into ``store``: their entries, then each exercise's."""
    for entry in person.data.get("entries") or []:
        store.save(entry["exercise"], entry["key"], entry["value"],
                   kind=entry.get("kind", "answer"))
    from .exercises import exercises

    for exercise in exercises(course):
        exercise.demo(store, person)
    store.set_meta("sample_person", person.id)
    return store


def demo_store(person: str | None = None, course: str | Path | None = None) -> LearnerStore:
    """An in-memory store filled with a sample person's answers (default: the demo learner).

    Raises
    ------
    NotFoundError
        No sample person has that id; the fix lists those that exist.
    """
    person = person or DEFAULT_PERSON
    path = _people_dir(course) / f"{person}.yaml"
    if not path.is_file():
        raise NotFoundError("sample person", person,
                            [p.stem for p in sorted(_people_dir(course).glob("*.yaml"))])
    store = LearnerStore(":memory:", demo=True)
    return fill_store(store, load_sample_person(path), course)


def check_sample_people(course: str | Path) -> list:
    """Problems in the course's sample people (for ``coursekit check``).

    Each person is loaded and written into a throwaway in-memory store, so the sections read
    by other modules (responses, network, plan) are validated too.
    """
    from .check import collect_problems

    def load_and_fill(path: Path) -> None:
        with LearnerStore(":memory:", demo=True) as scratch:
            fill_store(scratch, load_sample_person(path))

    return collect_problems(sorted(_people_dir(course).glob("*.yaml")), load_and_fill)
