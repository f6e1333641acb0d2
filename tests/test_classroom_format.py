"""The hand-in format: versions, migration from version 1, validation."""

from __future__ import annotations

import math

import pytest

from coursekit.classroom.handin_format import (
    MIGRATIONS,
    VERSION,
    ForeignFileError,
    HandinError,
    upgrade,
    validate_handin,
)
from coursekit.classroom.synthetic import synthetic_handins

V1 = {
    "format": "coursekit-handin", "version": 1, "learner": "p-00112233445566aa",
    "course": "take-charge-of-your-career", "created": "2025-03-01T10:00:00+01:00",
    "scores": {"career-drivers": {"autonomy": 3.5, "security": None}},
    "scores_after": {"career-drivers": {"autonomy": 4.0, "security": 2.0}},
    "network": {"size": 12, "inside": 9, "outside": 3,
                "types": {"operational": 10, "strategic": 1}, "measures": {"density": 0.4}},
    "choices": {"the-first-step/after-the-talk": "build"},
    "plan": {"steps": 3, "if_then": 2, "done": 1},
    "reflections": {"case:the-first-step/reflection:what-you-want": "Lead abroad"},
}


def test_current_version_is_two_with_a_migration_from_one():
    assert VERSION == 2
    assert set(MIGRATIONS) == {1}


def test_version_1_is_migrated_field_by_field():
    h = validate_handin(V1)
    assert h["version"] == 2
    assert h["pseudonym"] == "p-00112233445566aa"
    assert h["created_at"] == "2025-03-01T09:00:00.000Z"
    assert h["assessments"] == [
        {"instrument": "career-drivers", "attempt": "before",
         "scales": {"autonomy": 3.5, "security": None}, "items": {}},
        {"instrument": "career-drivers", "attempt": "after",
         "scales": {"autonomy": 4.0, "security": 2.0}, "items": {}},
    ]
    net = h["network"]
    assert net["contacts"] == 12
    assert net["composition"]["inside"] == 9 and net["composition"]["outside"] == 3
    assert net["composition"]["share_outside"] == pytest.approx(0.25)
    assert net["composition"]["types"] == {"operational": 10, "strategic": 1}
    assert net["measures"] == {"density": 0.4}
    assert h["decisions"] == [{"case": "the-first-step", "point": "after-the-talk",
                               "choice": "build"}]
    assert h["plan"] == {"steps": 3, "if_then": 2, "done": 1}
    assert h["reflections"] == [{"exercise": "case:the-first-step",
                                 "key": "reflection:what-you-want", "text": "Lead abroad"}]


def test_upgrade_reports_the_original_version():
    _, original = upgrade(V1)
    assert original == 1
    current = synthetic_handins(1)[0]
    assert upgrade(current)[1] == 2


def test_a_current_handin_round_trips_unchanged():
    h = synthetic_handins(1, seed=4)[0]
    assert validate_handin(h) == validate_handin(validate_handin(h))
    assert validate_handin(h)["assessments"] == h["assessments"]


@pytest.mark.parametrize("doc, words", [
    ([], "not a coursekit hand-in"),
    ({"format": "something-else", "version": 2}, "not a coursekit hand-in"),
    ({"name": "a notebook"}, "not a coursekit hand-in"),
])
def test_foreign_documents(doc, words):
    with pytest.raises(ForeignFileError, match=words):
        validate_handin(doc)


def _good(**changes):
    h = synthetic_handins(1, seed=9)[0]
    h.update(changes)
    return h


@pytest.mark.parametrize("changes, words", [
    ({"version": 3}, "newer coursekit"),
    ({"version": "2"}, "unknown hand-in version"),
    ({"version": 0}, "unknown hand-in version"),
    ({"pseudonym": "Ann Smith"}, "pseudonym"),
    ({"pseudonym": None}, "pseudonym"),
    ({"created_at": "yesterday"}, "ISO 8601"),
    ({"course": "../../etc"}, "course"),
    ({"plan": {"steps": -1}}, "plan.steps"),
    ({"plan": {"steps": True}}, "plan.steps"),
    ({"decisions": [{"case": "x", "point": "y", "choice": "I would <b>quit</b>"}]}, "choice"),
    ({"reflections": [{"exercise": "a", "key": "b", "text": "x" * 20_001}]}, "at most"),
    ({"assessments": [{"instrument": "a", "attempt": "during", "scales": {}}]}, "attempt"),
    ({"assessments": [{"instrument": "a", "scales": {"s": math.nan}}]}, "number"),
    ({"assessments": [{"instrument": "a", "scales": {"s": "high"}}]}, "number"),
    ({"network": {"contacts": 3, "composition": {"names": ["Ann"]}}}, "number"),
    ({"network": "lots"}, "mapping"),
])
def test_invalid_handins_say_why(changes, words):
    with pytest.raises(HandinError, match=words):
        validate_handin(_good(**changes))


def test_unknown_fields_are_dropped_not_stored():
    h = _good(contact_names=["Zebulon"], extra={"x": 1})
    clean = validate_handin(h)
    assert "contact_names" not in clean and "extra" not in clean
