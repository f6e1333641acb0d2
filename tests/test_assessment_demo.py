"""Sample people's questionnaire answers in demo mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursekit._errors import ContentError
from coursekit.assessment import list_attempts, load_responses, score_responses
from coursekit.assessment.demo import fill_responses
from coursekit.assessment.instruments import load_instrument
from coursekit.demo import load_sample_person
from coursekit.store import LearnerStore
from coursekit.views.feedback import feedback

PEOPLE = Path(__file__).resolve().parent.parent / "samples" / "people"


def filled(person: str) -> LearnerStore:
    store = LearnerStore(":memory:", demo=True)
    data = load_sample_person(PEOPLE / f"{person}.yaml").data
    fill_responses(store, data["responses"], f"samples/people/{person}.yaml")
    return store


def test_each_questionnaire_fills_its_own_responses():
    from coursekit.exercises import QuestionnaireExercise, exercises

    questionnaires = [e for e in exercises() if isinstance(e, QuestionnaireExercise)]
    assert {e.demo_section for e in questionnaires} == {"responses"}
    store = LearnerStore(":memory:", demo=True)
    questionnaires[0].demo(store, load_sample_person(PEOPLE / "amara.yaml"))
    assert {a.instrument for a in list_attempts(store)} == {questionnaires[0].instrument_id}


def test_amara_has_every_instrument_and_a_before_after():
    store = filled("amara")
    by = {}
    for a in list_attempts(store):
        by.setdefault(a.instrument, []).append(a)
    assert {"career-drivers", "move-readiness", "outsight-audit", "career-adaptability"} <= set(by)
    assert len(by["move-readiness"]) == 2
    fb = feedback(store, "move-readiness")
    assert fb.comparison is not None
    assert fb.table["score"].mean() > fb.before["score"].mean()  # she prepared
    adapt = score_responses(load_instrument("career-adaptability"),
                            load_responses(store, "career-adaptability"))
    assert adapt.at["confidence", "status"] == "incomplete"  # shows the incomplete case


def test_harris_outsight_before_after_tells_the_case():
    store = filled("harris")
    fb = feedback(store, "outsight-audit")
    assert fb.before.at["reach", "band"] == "low"       # all inside, as in the case
    assert fb.table.at["reach", "score"] > fb.before.at["reach", "score"]
    drivers = feedback(store, "career-drivers").table
    assert drivers["score"].idxmax() in {"technical", "security"}


@pytest.mark.parametrize("data, place, words", [
    ({"career-drivers": [{"cd01": 9}]}, "responses: career-drivers[0]: cd01", "out of range"),
    ({"career-drivers": [{"zz": 3}]}, "responses: career-drivers[0]: zz", "not an item"),
    ({"career-driver": [{"cd01": 3}]}, "responses: career-driver", "did you mean"),
    ({"career-drivers": {"cd01": 3}}, "responses: career-drivers", "list of attempts"),
    (["career-drivers"], "responses", "mapping"),
])
def test_bad_sections_name_file_and_place(data, place, words):
    store = LearnerStore(":memory:")
    with pytest.raises(ContentError) as err:
        fill_responses(store, data, "samples/people/pat.yaml")
    msg = str(err.value)
    assert msg.startswith(f"samples/people/pat.yaml: {place}") and words in msg and "Fix:" in msg
    assert list_attempts(store) == []  # nothing half-written
