"""The hand-in file format: its name, its versions, validation and migration.

A hand-in is one JSON object, ``{"format": "coursekit-handin", "version": 3, ...}``, holding
``pseudonym`` (``p-`` and 16 random hex digits kept in the learner's store; never a name),
``course``, ``created_at`` (UTC, ISO 8601), ``coursekit_version``, ``demo``, ``exercises``
(a section per exercise id, numbers and ids only, checked by the exercise's
``handin_model``, e.g. ``"case:the-first-step": {"decisions": {"after-the-talk": "build"}}``;
the section of an exercise this course lacks is dropped) and ``reflections`` (the
``{"exercise", "key", "text"}`` the learner ticked).

:func:`upgrade` migrates version 1 (a flat layout) and 2 (fixed sections);
:func:`validate_handin` rebuilds a clean hand-in from the known fields only, so a
hand-edited file cannot smuggle extra data into the class store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from .._errors import ForeignFileError, HandinError
from .._limits import TEXT

FORMAT = "coursekit-handin"
VERSION = 3
ATTEMPTS = ("before", "after")

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,99}$")
_PSEUDONYM = re.compile(r"^p-[0-9a-f]{8,64}$")


def now_utc() -> str:
    """The current time as a hand-in timestamp (UTC, milliseconds, ``Z``)."""
    return normalise_time(datetime.now(UTC).isoformat())


def normalise_time(text: Any, field: str = "created_at") -> str:
    """An ISO 8601 timestamp as UTC with milliseconds (``...T09:00:00.000Z``): sorts as text."""
    if not isinstance(text, str):
        raise HandinError(f"{field} should be a date and time as text")
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise HandinError(f"{field} '{text[:40]}' is not an ISO 8601 date and time") from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _v1_to_v2(old: Mapping[str, Any]) -> dict[str, Any]:
    """Version 1 (flat layout) to version 2."""
    assessments = []
    for attempt, field in (("before", "scores"), ("after", "scores_after")):
        scores = old.get(field) or {}
        if not isinstance(scores, Mapping):
            raise HandinError(f"version 1 field '{field}' should be a mapping")
        assessments += [{"instrument": instrument, "attempt": attempt, "scales": scales,
                         "items": {}} for instrument, scales in scores.items()]
    network = old.get("network")
    if network is not None:
        if not isinstance(network, Mapping):
            raise HandinError("version 1 field 'network' should be a mapping")
        inside, outside = network.get("inside", 0), network.get("outside", 0)
        known = (inside or 0) + (outside or 0)
        network = {"contacts": network.get("size", known),
                   "measures": dict(network.get("measures") or {}),
                   "composition": {"inside": inside, "outside": outside,
                                   "share_outside": (outside / known) if known else None,
                                   "types": dict(network.get("types") or {})},
                   "outsight": {}}
    decisions = []
    for point, choice in (old.get("choices") or {}).items():
        case, _, point_id = str(point).partition("/")
        decisions.append({"case": case, "point": point_id, "choice": choice})
    reflections = []
    for where, text in (old.get("reflections") or {}).items():
        exercise, _, key = str(where).rpartition("/")
        reflections.append({"exercise": exercise, "key": key, "text": text})
    return {"format": FORMAT, "version": 2, "pseudonym": old.get("learner"),
            "course": old.get("course"), "created_at": old.get("created"),
            "coursekit_version": old.get("coursekit_version"), "demo": bool(old.get("demo")),
            "assessments": assessments, "network": network, "decisions": decisions,
            "plan": old.get("plan"), "reflections": reflections}


def _v2_to_v3(old: Mapping[str, Any]) -> dict[str, Any]:
    """Version 2 (fixed sections) to version 3 (one section per exercise)."""
    sections: dict[str, Any] = {}
    for entry in _list(old.get("assessments"), "assessments"):
        entry = _mapping(entry, "assessments[]")
        instrument = _ident(entry.get("instrument"), "assessments[].instrument")
        attempt = entry.get("attempt", "before")
        if attempt not in ATTEMPTS:
            raise HandinError(f"assessments[].attempt should be 'before' or 'after', "
                              f"not {str(attempt)[:20]!r}")
        sections.setdefault(f"assessment:{instrument}", {})[attempt] = {
            "scales": entry.get("scales") or {}, "items": entry.get("items") or {}}
    for entry in _list(old.get("decisions"), "decisions"):
        entry = _mapping(entry, "decisions[]")
        case = _ident(entry.get("case"), "decisions[].case")
        point = _ident(entry.get("point"), "decisions[].point")
        sections.setdefault(f"case:{case}", {"decisions": {}})["decisions"][point] = \
            entry.get("choice")
    if old.get("network") is not None:
        sections["network"] = old["network"]
    if old.get("plan") is not None:
        sections["plan:steps"] = old["plan"]
    return {"format": FORMAT, "version": 3, "pseudonym": old.get("pseudonym"),
            "course": old.get("course"), "created_at": old.get("created_at"),
            "coursekit_version": old.get("coursekit_version"), "demo": old.get("demo", False),
            "exercises": sections, "reflections": old.get("reflections") or []}


#: ``MIGRATIONS[v]`` turns a version ``v`` hand-in into version ``v + 1``.
MIGRATIONS: dict[int, Callable[[Mapping[str, Any]], dict[str, Any]]] = {1: _v1_to_v2,
                                                                          2: _v2_to_v3}


def upgrade(doc: Any) -> tuple[dict[str, Any], int]:
    """Bring a parsed hand-in to the current version: the document and its original version.

    Not a coursekit hand-in: :class:`ForeignFileError`; unknown or newer: :class:`HandinError`.
    """
    if (type(doc) is not dict and not isinstance(doc, Mapping)) or doc.get("format") != FORMAT:
        raise ForeignFileError("not a coursekit hand-in (no \"format\": \"coursekit-handin\")")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise HandinError(f"unknown hand-in version {version!r}")
    if version > VERSION:
        raise HandinError(f"hand-in version {version} was written by a newer coursekit "
                          f"(this one reads up to {VERSION}); upgrade coursekit")
    current: dict[str, Any] = dict(doc)
    for old in range(version, VERSION):
        current = MIGRATIONS[old](current)
    return current, version


def _mapping(value: Any, where: str) -> Mapping:
    if type(value) is not dict and not isinstance(value, Mapping):  # JSON gives dicts: quick
        raise HandinError(f"{where} should be a mapping")
    return value


def _list(value: Any, where: str) -> list:
    if value is not None and not isinstance(value, list):
        raise HandinError(f"{where} should be a list")
    return value or []


def _ident(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise HandinError(f"{where} should be a short id (letters, digits, - _ . :)")
    return value


@lru_cache(maxsize=1)
def _section_models() -> tuple[dict[str, Any], tuple[tuple[str, Any], ...], Any]:
    """Each exercise's section model by id, each family's by id prefix, and one of them all.

    The last is one compiled model of every known exercise's section (a field each, named
    by its id).

    Validating all the sections of a hand-in in one call of the compiled model, instead of
    one call a section, is what keeps collecting 10,000 hand-ins near the time of reading
    them (``benchmarks/bench_collect.py``).
    """
    from pydantic import ConfigDict, Field, create_model

    from ..exercises import EXERCISES, ExerciseFamily, exercises

    by_id = {e.id: e.handin_model for e in exercises()}
    by_prefix = tuple((entry.prefix, entry.member_model) for entry in EXERCISES
                      if isinstance(entry, ExerciseFamily))
    fields: dict[str, Any] = {f"section_{k}": (model, Field(None, alias=exercise_id))
                              for k, (exercise_id, model) in enumerate(by_id.items())}
    every = create_model("HandinSections", __config__=ConfigDict(extra="ignore"), **fields)
    return by_id, by_prefix, every


def _clean_sections(sections: Mapping, by_id: dict[str, Any],
                    by_prefix: tuple[tuple[str, Any], ...], every: Any) -> dict[str, Any]:
    """The hand-in's sections checked by their exercises' models, in the order given.

    A section of an exercise this course lacks is checked by its family's model (a case,
    a questionnaire) or dropped. The first problem, in the order of the sections, is raised.
    """
    from pydantic import ValidationError

    from ..exercises._sections import clean_section

    def one_by_one() -> dict[str, Any]:
        clean = {}
        for exercise_id, section in sections.items():
            _ident(exercise_id, "exercises key")
            # a case or questionnaire this course lacks still has its family's model
            family = next((m for p, m in by_prefix if exercise_id.startswith(p)), None)
            model = by_id.get(exercise_id, family)
            if model is not None:
                clean[exercise_id] = clean_section(model, section, exercise_id)
        return clean

    if not sections.keys() <= by_id.keys():
        return one_by_one()  # a family's section, or a key that is no id: rare
    try:
        # Sections not handed in are None, and left out with every other None.
        known = every.model_validate(sections).model_dump(by_alias=True, exclude_none=True)
    except ValidationError:
        return one_by_one()  # raises the first problem, in the order of the sections
    return {exercise_id: known[exercise_id] for exercise_id in sections}


def validate_handin(doc: Any) -> dict[str, Any]:
    """Upgrade and check a parsed hand-in: a clean copy, or a HandinError naming the place."""
    doc, _ = upgrade(doc)
    pseudonym = doc.get("pseudonym")
    if not isinstance(pseudonym, str) or not _PSEUDONYM.match(pseudonym):
        raise HandinError("pseudonym is missing or not of the form p-<hex digits>")
    clean: dict[str, Any] = {
        "format": FORMAT, "version": VERSION, "pseudonym": pseudonym,
        "course": _ident(doc.get("course"), "course"),
        "created_at": normalise_time(doc.get("created_at")),
        "coursekit_version": str(doc.get("coursekit_version") or "")[:40],
        "demo": bool(doc.get("demo", False)), "exercises": {}, "reflections": [],
    }
    clean["exercises"] = _clean_sections(_mapping(doc.get("exercises") or {}, "exercises"),
                                         *_section_models())
    for i, entry in enumerate(_list(doc.get("reflections"), "reflections")):
        where = f"reflections[{i}]"
        entry = _mapping(entry, where)
        text = entry.get("text")
        if not isinstance(text, str) or len(text) > TEXT:
            raise HandinError(f"{where}.text should be text of at most {TEXT:,} characters")
        clean["reflections"].append({"exercise": _ident(entry.get("exercise"), f"{where}.exercise"),
                                     "key": _ident(entry.get("key"), f"{where}.key"), "text": text})
    return clean
