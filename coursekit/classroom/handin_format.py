"""The hand-in file format: its name, its versions, validation and migration.

A hand-in is one JSON object. Its first two fields say what it is::

    {"format": "coursekit-handin", "version": 2, ...}

Version 2 (current)
-------------------
``pseudonym``
    A random id kept in the learner's store (``p-`` and 16 hex digits); never a name.
``course``, ``created_at`` (UTC, ISO 8601), ``coursekit_version``, ``demo``
``assessments``
    A list of ``{"instrument", "attempt" ("before" or "after"), "scales": {scale: score},
    "items": {scale: {item: keyed response}}}``. ``items`` holds the learner's answers to
    the questionnaire's generic items, already reverse-keyed, grouped by scale: it is what
    Cronbach's alpha needs and says nothing about who the learner is. It may be empty.
``network``
    ``null`` or ``{"contacts", "measures", "composition", "outsight"}``: counts, shares and
    measures only. No contact's name, organisation or note ever enters a hand-in.
``decisions``
    A list of ``{"case", "point", "choice"}``: option ids chosen at the cases'
    pause-and-predict points.
``plan``
    ``null`` or ``{"steps", "if_then", "done"}`` counts.
``reflections``
    A list of ``{"exercise", "key", "text"}``: only those the learner ticked.

Version 1 (older layout, read and migrated)
-------------------------------------------
``learner`` (the pseudonym), ``course``, ``created``, ``scores`` ``{instrument: {scale:
score}}`` (one attempt), optional ``scores_after``, ``network`` as a flat mapping (``size``,
``inside``, ``outside``, ``types``, ``measures``), ``choices`` ``{"case/point": option}``,
``plan`` counts and ``reflections`` ``{"exercise/key": text}``.

:func:`upgrade` brings any known version to the current one; :func:`validate_handin`
rebuilds a clean hand-in from the known fields only, so a hand-edited file cannot smuggle
extra data into the class store.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from .._errors import InputError
from .._limits import TEXT

FORMAT = "coursekit-handin"
VERSION = 2
ATTEMPTS = ("before", "after")

#: Largest reflection text kept in a hand-in: the store's own limit for free text.
MAX_TEXT = TEXT
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,99}$")
_PSEUDONYM = re.compile(r"^p-[0-9a-f]{8,64}$")


class HandinError(InputError):
    """A file is not a usable hand-in; the message says why in a few words."""


class ForeignFileError(HandinError):
    """A JSON file that is not a coursekit hand-in at all."""


def now_utc() -> str:
    """The current time as a hand-in timestamp (UTC, milliseconds, ``Z``)."""
    return _format_time(datetime.now(UTC))


def _format_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + \
        f"{moment.microsecond // 1000:03d}Z"


def normalise_time(text: Any, field: str = "created_at") -> str:
    """An ISO 8601 timestamp as UTC with milliseconds, so timestamps sort as text.

    Examples
    --------
    >>> normalise_time("2025-03-01T10:00:00+01:00")
    '2025-03-01T09:00:00.000Z'
    """
    if not isinstance(text, str):
        raise HandinError(f"{field} should be a date and time as text")
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise HandinError(f"{field} '{text[:40]}' is not an ISO 8601 date and time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return _format_time(moment)


# -- migration ------------------------------------------------------------------------------


def _v1_to_v2(old: Mapping[str, Any]) -> dict[str, Any]:
    """Version 1 (flat layout) to version 2."""
    assessments = []
    for attempt, field in (("before", "scores"), ("after", "scores_after")):
        scores = old.get(field) or {}
        if not isinstance(scores, Mapping):
            raise HandinError(f"version 1 field '{field}' should be a mapping")
        for instrument, scales in scores.items():
            assessments.append({"instrument": instrument, "attempt": attempt,
                                "scales": scales, "items": {}})
    network = old.get("network")
    if network is not None:
        if not isinstance(network, Mapping):
            raise HandinError("version 1 field 'network' should be a mapping")
        inside, outside = network.get("inside", 0), network.get("outside", 0)
        size = network.get("size", (inside or 0) + (outside or 0))
        known = (inside or 0) + (outside or 0)
        network = {
            "contacts": size,
            "measures": dict(network.get("measures") or {}),
            "composition": {
                "inside": inside, "outside": outside,
                "share_outside": (outside / known) if known else None,
                "types": dict(network.get("types") or {}),
            },
            "outsight": {},
        }
    decisions = []
    for point, choice in (old.get("choices") or {}).items():
        case, _, point_id = str(point).partition("/")
        decisions.append({"case": case, "point": point_id, "choice": choice})
    reflections = []
    for where, text in (old.get("reflections") or {}).items():
        exercise, _, key = str(where).rpartition("/")
        reflections.append({"exercise": exercise, "key": key, "text": text})
    return {
        "format": FORMAT, "version": 2,
        "pseudonym": old.get("learner"), "course": old.get("course"),
        "created_at": old.get("created"), "coursekit_version": old.get("coursekit_version"),
        "demo": bool(old.get("demo", False)),
        "assessments": assessments, "network": network, "decisions": decisions,
        "plan": old.get("plan"), "reflections": reflections,
    }


#: ``MIGRATIONS[v]`` turns a version ``v`` hand-in into version ``v + 1``.
MIGRATIONS: dict[int, Callable[[Mapping[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def upgrade(doc: Any) -> tuple[dict[str, Any], int]:
    """Bring a parsed hand-in to the current version.

    Returns the upgraded document and the version it was written in.

    Raises
    ------
    ForeignFileError
        Not a coursekit hand-in (no ``"format": "coursekit-handin"``).
    HandinError
        An unknown or newer version.
    """
    if not isinstance(doc, Mapping) or doc.get("format") != FORMAT:
        raise ForeignFileError("not a coursekit hand-in (no \"format\": \"coursekit-handin\")")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise HandinError(f"unknown hand-in version {version!r}")
    if version > VERSION:
        raise HandinError(f"hand-in version {version} was written by a newer coursekit "
                          f"(this one reads up to {VERSION}); upgrade coursekit")
    original = version
    current: dict[str, Any] = dict(doc)
    while version < VERSION:
        current = MIGRATIONS[version](current)
        version += 1
    return current, original


# -- validation -----------------------------------------------------------------------------


def _number(value: Any, where: str, *, allow_none: bool = True) -> float | int | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise HandinError(f"{where} should be a number, not {type(value).__name__}")
    return value


def _count(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise HandinError(f"{where} should be a whole number of 0 or more")
    return value


def _ident(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise HandinError(f"{where} should be a short id (letters, digits, - _ . :)")
    return value


def _numbers(value: Any, where: str) -> dict[str, float | int | None]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise HandinError(f"{where} should be a mapping of names to numbers")
    return {_ident(k, f"{where} key"): _number(v, f"{where}.{k}") for k, v in value.items()}


def _mapping(value: Any, where: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise HandinError(f"{where} should be a mapping")
    return value


def _list(value: Any, where: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise HandinError(f"{where} should be a list")
    return value


def validate_handin(doc: Any) -> dict[str, Any]:
    """Upgrade and check a parsed hand-in; return a clean copy holding only known fields.

    Raises
    ------
    ForeignFileError, HandinError
        With a short reason (used in the collection summary).

    Examples
    --------
    >>> h = validate_handin({"format": "coursekit-handin", "version": 1,
    ...     "learner": "p-0123456789abcdef", "course": "demo", "created": "2025-01-01T00:00:00Z",
    ...     "scores": {"drivers": {"autonomy": 3.5}}, "choices": {"the-first-step/wait": "act"}})
    >>> h["version"], h["assessments"][0]["scales"], h["decisions"][0]["choice"]
    (2, {'autonomy': 3.5}, 'act')
    """
    doc, _ = upgrade(doc)
    pseudonym = doc.get("pseudonym")
    if not isinstance(pseudonym, str) or not _PSEUDONYM.match(pseudonym):
        raise HandinError("pseudonym is missing or not of the form p-<hex digits>")
    clean: dict[str, Any] = {
        "format": FORMAT, "version": VERSION, "pseudonym": pseudonym,
        "course": _ident(doc.get("course"), "course"),
        "created_at": normalise_time(doc.get("created_at")),
        "coursekit_version": str(doc.get("coursekit_version") or "")[:40],
        "demo": bool(doc.get("demo", False)),
    }
    assessments = []
    seen = set()
    for i, entry in enumerate(_list(doc.get("assessments"), "assessments")):
        where = f"assessments[{i}]"
        entry = _mapping(entry, where)
        instrument = _ident(entry.get("instrument"), f"{where}.instrument")
        attempt = entry.get("attempt", "before")
        if attempt not in ATTEMPTS:
            raise HandinError(f"{where}.attempt should be 'before' or 'after'")
        if (instrument, attempt) in seen:
            raise HandinError(f"{where}: {instrument} {attempt} is listed twice")
        seen.add((instrument, attempt))
        items = {}
        for scale, answers in _mapping(entry.get("items") or {}, f"{where}.items").items():
            items[_ident(scale, f"{where}.items key")] = _numbers(answers, f"{where}.items.{scale}")
        assessments.append({"instrument": instrument, "attempt": attempt,
                            "scales": _numbers(entry.get("scales"), f"{where}.scales"),
                            "items": items})
    clean["assessments"] = assessments

    network = doc.get("network")
    if network is not None:
        network = _mapping(network, "network")
        composition = _mapping(network.get("composition") or {}, "network.composition")
        comp: dict[str, Any] = {}
        for key, value in composition.items():
            _ident(key, "network.composition key")
            where = f"network.composition.{key}"
            comp[key] = (_numbers(value, where) if isinstance(value, Mapping)
                         else _number(value, where))
        network = {"contacts": _count(network.get("contacts", 0), "network.contacts"),
                   "measures": _numbers(network.get("measures"), "network.measures"),
                   "composition": comp,
                   "outsight": _numbers(network.get("outsight"), "network.outsight")}
    clean["network"] = network

    decisions = []
    for i, entry in enumerate(_list(doc.get("decisions"), "decisions")):
        entry = _mapping(entry, f"decisions[{i}]")
        decisions.append({"case": _ident(entry.get("case"), f"decisions[{i}].case"),
                          "point": _ident(entry.get("point"), f"decisions[{i}].point"),
                          "choice": _ident(entry.get("choice"), f"decisions[{i}].choice")})
    clean["decisions"] = decisions

    plan = doc.get("plan")
    if plan is not None:
        plan = _mapping(plan, "plan")
        plan = {k: _count(plan.get(k, 0), f"plan.{k}") for k in ("steps", "if_then", "done")}
    clean["plan"] = plan

    reflections = []
    for i, entry in enumerate(_list(doc.get("reflections"), "reflections")):
        entry = _mapping(entry, f"reflections[{i}]")
        text = entry.get("text")
        if not isinstance(text, str) or len(text) > MAX_TEXT:
            raise HandinError(f"reflections[{i}].text should be text of at most {MAX_TEXT:,} "
                              f"characters")
        reflections.append({"exercise": _ident(entry.get("exercise"), f"reflections[{i}].exercise"),
                            "key": _ident(entry.get("key"), f"reflections[{i}].key"),
                            "text": text})
    clean["reflections"] = reflections
    return clean
