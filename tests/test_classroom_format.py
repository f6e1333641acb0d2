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


V2 = {
    "format": "coursekit-handin", "version": 2, "pseudonym": "p-00112233445566aa",
    "course": "take-charge-of-your-career", "created_at": "2025-03-01T09:00:00.000Z",
    "coursekit_version": "0.1.0", "demo": False,
    "assessments": [{"instrument": "career-drivers", "attempt": "before",
                     "scales": {"autonomy": 3.5}, "items": {"autonomy": {"cd01": 4.0}}},
                    {"instrument": "career-drivers", "attempt": "after",
                     "scales": {"autonomy": 4.0}, "items": {}}],
    "network": {"contacts": 12, "measures": {"density": 0.4},
                "composition": {"inside": 9, "outside": 3, "types": {"operational": 10}},
                "outsight": {"outside_share": 0.25}},
    "decisions": [{"case": "the-first-step", "point": "after-the-talk", "choice": "build"},
                  {"case": "the-first-step", "point": "the-failure-figure", "choice": "check"}],
    "plan": {"steps": 3, "if_then": 2, "done": 1},
    "reflections": [{"exercise": "case:the-first-step", "key": "reflection:what-you-want",
                     "text": "Lead abroad"}],
}


def test_current_version_is_three_with_migrations_from_one_and_two():
    assert VERSION == 3
    assert set(MIGRATIONS) == {1, 2}


def test_version_1_is_migrated_field_by_field():
    h = validate_handin(V1)
    assert h["version"] == 3
    assert h["pseudonym"] == "p-00112233445566aa"
    assert h["created_at"] == "2025-03-01T09:00:00.000Z"
    ex = h["exercises"]
    assert ex["assessment:career-drivers"] == {
        "before": {"scales": {"autonomy": 3.5, "security": None}, "items": {}},
        "after": {"scales": {"autonomy": 4.0, "security": 2.0}, "items": {}}}
    net = ex["network"]
    assert net["contacts"] == 12
    assert net["composition"]["inside"] == 9 and net["composition"]["outside"] == 3
    assert net["composition"]["share_outside"] == pytest.approx(0.25)
    assert net["composition"]["types"] == {"operational": 10, "strategic": 1}
    assert net["measures"] == {"density": 0.4}
    assert ex["case:the-first-step"] == {"decisions": {"after-the-talk": "build"}}
    assert ex["plan:steps"] == {"steps": 3, "if_then": 2, "done": 1}
    assert h["reflections"] == [{"exercise": "case:the-first-step",
                                 "key": "reflection:what-you-want", "text": "Lead abroad"}]


def test_version_2_is_migrated_to_one_section_per_exercise():
    h = validate_handin(V2)
    assert h["version"] == 3
    assert set(h["exercises"]) == {"assessment:career-drivers", "case:the-first-step",
                                   "network", "plan:steps"}
    assert h["exercises"]["case:the-first-step"]["decisions"] == {
        "after-the-talk": "build", "the-failure-figure": "check"}
    assert h["exercises"]["assessment:career-drivers"]["before"]["items"] == {
        "autonomy": {"cd01": 4.0}}
    assert h["reflections"] == V2["reflections"]


def test_upgrade_reports_the_original_version():
    _, original = upgrade(V1)
    assert original == 1
    assert upgrade(V2)[1] == 2
    current = synthetic_handins(1)[0]
    assert upgrade(current)[1] == 3


def test_a_current_handin_round_trips_unchanged():
    h = synthetic_handins(1, seed=4)[0]
    assert validate_handin(h) == validate_handin(validate_handin(h))
    assert validate_handin(h)["exercises"]["network"] == h["exercises"]["network"]


def test_a_section_of_an_exercise_this_course_lacks_is_dropped():
    h = _good()
    h["exercises"]["gratitude"] = {"written": 3}
    h["exercises"]["case:a-case-since-removed"] = {"decisions": {"point": "option"}}
    clean = validate_handin(h)
    assert "gratitude" not in clean["exercises"]
    assert clean["exercises"]["case:a-case-since-removed"] == {"decisions": {"point": "option"}}


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


def _section(exercise_id, section):
    h = _good()
    h["exercises"][exercise_id] = section
    return h


@pytest.mark.parametrize("exercise_id, section, words", [
    ("plan:steps", {"steps": -1}, r"plan:steps\.steps: should be a whole number"),
    ("plan:steps", {"steps": True}, r"plan:steps\.steps"),
    ("case:x", {"decisions": {"y": "I would <b>quit</b>"}}, r"case:x\.decisions\.y: should "
                                                           r"be a short id"),
    ("case:x", {"decisions": {}}, r"case:x\.decisions"),
    ("assessment:a", {"during": {"scales": {}}}, r"assessment:a\.before: is missing"),
    ("assessment:a", {"before": {"scales": {"s": math.nan}}}, "number"),
    ("assessment:a", {"before": {"scales": {"s": "high"}}}, "number"),
    ("network", {"contacts": 3, "composition": {"names": ["Ann"]}}, "number"),
    ("network", "lots", r"network: should be a mapping"),
])
def test_invalid_sections_say_where_and_why(exercise_id, section, words):
    with pytest.raises(HandinError, match=words):
        validate_handin(_section(exercise_id, section))


@pytest.mark.parametrize("changes, words", [
    ({"version": 4}, "newer coursekit"),
    ({"version": "2"}, "unknown hand-in version"),
    ({"version": 0}, "unknown hand-in version"),
    ({"pseudonym": "Ann Smith"}, "pseudonym"),
    ({"pseudonym": None}, "pseudonym"),
    ({"created_at": "yesterday"}, "ISO 8601"),
    ({"course": "../../etc"}, "course"),
    ({"reflections": [{"exercise": "a", "key": "b", "text": "x" * 10_001}]}, "at most"),
    ({"exercises": ["network"]}, "exercises should be a mapping"),
])
def test_invalid_handins_say_why(changes, words):
    with pytest.raises(HandinError, match=words):
        validate_handin(_good(**changes))


def test_unknown_fields_are_dropped_not_stored():
    h = _good(contact_names=["Zebulon"], extra={"x": 1})
    clean = validate_handin(h)
    assert "contact_names" not in clean and "extra" not in clean
