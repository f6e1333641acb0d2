"""Demo mode: sample people fill the exercises so an instructor can project any notebook.

A sample person is a YAML file in the course's ``samples/people/`` folder. Its sections:

``id``, ``name``, ``description``
    Who this is (a case protagonist or a made-up learner).
``entries``
    Answers, decisions and reflections: a list of ``{exercise, key, kind, value}``.
``responses``, ``network``, ``plan``
    Questionnaire answers, a contact network and an action plan; each section is read by the
    module that owns that exercise (see ``SECTION_LOADERS``).

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

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, model_validator

from ._content import content_path, display_path, load_yaml
from ._errors import ContentError
from ._problems import known_fields, unknown_field
from ._schema import ContentModel, Note, Text, report, same_as_file_name, validate
from .store import KINDS, LearnerStore

#: The default sample person for demo mode.
DEFAULT_PERSON = "amara"

#: Which module fills each section of a sample person: ``module:function(store, data, file)``.
SECTION_LOADERS: dict[str, str] = {
    "responses": "coursekit.assessment.demo:fill_responses",
    "network": "coursekit.network.demo:fill_network",
    "plan": "coursekit.planning.demo:fill_plan",
}


class SampleEntry(ContentModel):
    """One saved answer, decision or reflection of a sample person."""

    exercise: Text
    key: Text
    kind: Literal[KINDS] = "answer"
    value: Any


class SamplePersonFile(ContentModel):
    """The format of a sample person's file, read into a :class:`SamplePerson`.

    The sections named in ``SECTION_LOADERS`` are checked by the module that loads each.
    """

    model_config = ConfigDict(extra="allow")

    id: Annotated[Text, same_as_file_name]
    name: Text
    description: Text
    entries: tuple[SampleEntry, ...] = ()

    @model_validator(mode="after")
    def _known_sections(self) -> SamplePersonFile:
        known = [*known_fields(type(self)), *SECTION_LOADERS]
        report([Note(*unknown_field(key, value, known), (key,))
                for key, value in (self.model_extra or {}).items() if key not in SECTION_LOADERS])
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


def fill_store(store: LearnerStore, person: SamplePerson) -> LearnerStore:
    """Write a sample person's answers into ``store``."""
    for entry in person.data.get("entries") or []:
        store.save(entry["exercise"], entry["key"], entry["value"],
                   kind=entry.get("kind", "answer"))
    for section, target in SECTION_LOADERS.items():
        if person.data.get(section) is None:
            continue
        module, func = target.split(":")
        getattr(importlib.import_module(module), func)(store, person.data[section],
                                                       display_path(person.path))
    store.set_meta("sample_person", person.id)
    return store


def demo_store(person: str | None = None, course: str | Path | None = None) -> LearnerStore:
    """An in-memory store filled with a sample person's answers (default: the demo learner).

    Raises
    ------
    KeyError
        No sample person has that id; the message lists those that exist.
    """
    person = person or DEFAULT_PERSON
    path = _people_dir(course) / f"{person}.yaml"
    if not path.is_file():
        known = ", ".join(p.id for p in sample_people(course)) or "none"
        raise KeyError(f"no sample person '{person}'. Sample people: {known}")
    store = LearnerStore(":memory:", demo=True)
    return fill_store(store, load_sample_person(path))


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
