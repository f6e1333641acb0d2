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
from typing import Annotated, Any

from pydantic import ConfigDict, model_validator

from ._content import content_path, display_path, load_yaml
from ._errors import ContentError, NotFoundError
from ._problems import known_fields, unknown_field
from ._schema import ContentModel, Note, Text, report, same_as_file_name, validate
from .store import EntryKind, LearnerStore

#: The default sample person for demo mode.
DEFAULT_PERSON = "amara"

#: The fields every sample person has; each exercise may add its own section.
_PERSON_FIELDS = {"id", "name", "description", "entries"}


def person_fields() -> set[str]:
    """The fields a sample person's file may have: its own and the exercises' sections."""
    from .exercises import exercises

    return _PERSON_FIELDS | {e.demo_section for e in exercises() if e.demo_section}


class SampleEntry(ContentModel):
    """One saved answer, decision or reflection of a sample person."""

    exercise: Text
    key: Text
    kind: EntryKind = "answer"
    value: Any


class SamplePersonFile(ContentModel):
    """The format of a sample person's file, read into a :class:`SamplePerson`.

    Each exercise's own section (its ``demo_section``) is checked by that exercise.
    """

    model_config = ConfigDict(extra="allow")

    id: Annotated[Text, same_as_file_name]
    name: Text
    description: Text
    entries: tuple[SampleEntry, ...] = ()

    @model_validator(mode="after")
    def _known_sections(self) -> SamplePersonFile:
        sections = person_fields() - set(known_fields(type(self)))
        known = [*known_fields(type(self)), *sorted(sections)]
        report([Note(*unknown_field(key, value, known), (key,))
                for key, value in (self.model_extra or {}).items() if key not in sections])
        return self


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
    data = load_yaml(path)
    person = validate(SamplePersonFile, data, display_path(path),
                      context={"stem": path.stem, "suffix": ".yaml"})
    return SamplePerson(person.id, person.name, person.description, path, data)


def sample_people(course: str | Path | None = None) -> list[SamplePerson]:
    """Every sample person in the course, sorted by id."""
    folder = _people_dir(course)
    return [load_sample_person(p) for p in sorted(folder.glob("*.yaml"))]


def sample_sections(course: str | Path, section: str) -> list[tuple[str, Any]]:
    """Every sample person's ``section`` as ``(file, data)``, for checks against other content.

    A file that cannot be read is left out: the sample-people checker reports it.
    """
    found = []
    for path in sorted(_people_dir(course).glob("*.yaml")):
        try:
            data = load_yaml(path)
        except ContentError:
            data = None  # reported by check_sample_people
        if isinstance(data, dict) and data.get(section) is not None:
            found.append((display_path(path), data[section]))
    return found


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
            fill_store(scratch, load_sample_person(path), course)

    return collect_problems(sorted(_people_dir(course).glob("*.yaml")), load_and_fill)
