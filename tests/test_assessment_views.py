"""The questionnaire widget, driven by setting .value and clicking, as a learner would."""

from __future__ import annotations

import statistics
import time

import pandas as pd
import pytest

from coursekit.assessment import list_attempts, load_instrument, load_responses, score_responses
from coursekit.store import LearnerStore
from coursekit.views.feedback import feedback
from coursekit.views.questionnaire import questionnaire


def answers_for(inst, shift=0):
    points = list(inst.response_scale.points)
    return {item: points[(k * 3 + shift) % len(points)] for k, item in enumerate(inst.item_ids)}


@pytest.mark.parametrize("iid", ["career-drivers", "move-readiness", "outsight-audit",
                                 "career-adaptability", "work-interests"])
def test_whole_questionnaire_gives_pure_scores_and_reloads(tmp_path, iid):
    path = tmp_path / "learner.sqlite"
    inst = load_instrument(iid)
    answers = answers_for(inst)
    with LearnerStore(path) as store:
        q = questionnaire(store, iid)
        for item, value in answers.items():
            q.controls[item].value = value
        assert q.progress.value == len(inst.items) == q.progress.max
        assert q.progress_text.value == f"{len(inst.items)} of {len(inst.items)} answered"
        q.results_button.click()
        pd.testing.assert_frame_equal(q.feedback.table, score_responses(inst, answers))
        assert list_attempts(store, iid)[0].finished_at is not None
    with LearnerStore(path) as store:  # a restart: a new kernel, the same file
        again = questionnaire(store, iid)
        assert {k: c.value for k, c in again.controls.items()} == answers
        assert again.progress.value == len(inst.items)
        assert "Welcome back" in again.status.value
        assert len(list_attempts(store, iid)) == 1


def test_controls_are_labelled_and_keyboard_widgets():
    store = LearnerStore(":memory:")
    q = questionnaire(store, "outsight-audit")
    inst = q.instrument
    for n, (item_id, control) in enumerate(q.controls.items(), 1):
        assert control.description == f"{n}. {inst.item(item_id).text}"
        assert control.value is None  # nothing pre-selected
        labels = [label for label, _ in control.options]
        assert labels[0] == "1 Not at all true of me" and labels[-1] == "5 Completely true of me"
        assert type(control).__name__ == "RadioButtons"
    assert q.progress.description == "Answered"
    assert q.results_button.description and q.new_attempt_button.description


def test_partial_answers_resume_and_show_incomplete(tmp_path):
    path = tmp_path / "learner.sqlite"
    with LearnerStore(path) as store:
        q = questionnaire(store, "outsight-audit")
        q.controls["oa01"].value = 2
        q.controls["oa02"].value = 4
        q.controls["oa02"].value = None  # cleared again
    with LearnerStore(path) as store:
        q = questionnaire(store, "outsight-audit")
        assert q.controls["oa01"].value == 2 and q.controls["oa02"].value is None
        assert q.progress.value == 1 and "Carry on from statement 2" in q.status.value
        fb = q.show_results()
        assert fb.table.at["reach", "status"] == "incomplete"
        html = " ".join(getattr(w, "value", "") for w in fb.children)
        assert "Incomplete" in html and "answer at least 2" in html


def test_new_attempt_gives_before_after(tmp_path):
    path = tmp_path / "learner.sqlite"
    inst = load_instrument("move-readiness")
    before, after = answers_for(inst, 0), answers_for(inst, 2)
    with LearnerStore(path) as store:
        q = questionnaire(store, inst.id)
        assert q.new_attempt() is None  # nothing answered yet: no empty attempt
        for item, value in before.items():
            q.controls[item].value = value
        q.results_button.click()
        assert q.feedback.comparison is None
        q.new_attempt_button.click()
        assert all(c.value is None for c in q.controls.values()) and q.progress.value == 0
        assert "Attempt 2 started" in q.status.value
        for item, value in after.items():
            q.controls[item].value = value
        q.results_button.click()
        fb = q.feedback
        pd.testing.assert_frame_equal(fb.before, score_responses(inst, before))
        pd.testing.assert_frame_equal(fb.table, score_responses(inst, after))
        assert fb.comparison is not None and len(fb.comparison.data) == 3
        assert load_responses(store, inst.id, list_attempts(store, inst.id)[0].id) == before
    with LearnerStore(path) as store:  # resumes the latest attempt
        q = questionnaire(store, inst.id)
        assert {k: c.value for k, c in q.controls.items()} == after


def test_demo_banner_only_in_demo():
    demo = LearnerStore(":memory:", demo=True)
    q = questionnaire(demo, "career-drivers")
    assert "Demo mode" in q.children[0].value
    assert q.children[0].value == feedback(demo, "career-drivers").children[0].value
    own = questionnaire(LearnerStore(":memory:"), "career-drivers")
    assert "Demo mode" not in own.children[0].value


def test_results_figures_are_sorted_bars_not_radar():
    store = LearnerStore(":memory:")
    q = questionnaire(store, "career-drivers")
    for item, value in answers_for(q.instrument).items():
        q.controls[item].value = value
    fb = q.show_results()
    bar = fb.figure.data[0]
    assert bar.type == "bar" and bar.orientation == "h"
    xs = [x + 1 for x in bar.x]
    assert xs == sorted(xs)  # plotly draws the first at the bottom: highest on top
    assert fb.figure.layout.title.text and fb.figure.layout.xaxis.title.text
    assert all(t.type != "scatterpolar" for t in fb.figure.data) and fb.hexagon is None


def test_hexagon_only_for_riasec():
    store = LearnerStore(":memory:")
    q = questionnaire(store, "work-interests")
    for item, value in answers_for(q.instrument).items():
        q.controls[item].value = value
    fb = q.show_results()
    polar = fb.hexagon.data[0]
    assert polar.type == "scatterpolar"
    assert [t.split(" ")[0] for t in polar.theta] == [
        "Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional",
        "Realistic"]


def test_bad_save_is_shown_not_lost(monkeypatch):
    store = LearnerStore(":memory:")
    q = questionnaire(store, "career-drivers")

    def broken(*a, **k):
        raise OSError("disk full")
    monkeypatch.setattr("coursekit.views.questionnaire.save_response", broken)
    q.controls["cd01"].value = 3
    assert "Not saved" in q.status.value and "disk full" in q.status.value


def test_reactions_are_fast(tmp_path):
    with LearnerStore(tmp_path / "learner.sqlite") as store:
        q = questionnaire(store, "career-drivers")
        times = []
        for k, control in enumerate(q.controls.values()):
            start = time.perf_counter()
            control.value = k % 5 + 1
            times.append(time.perf_counter() - start)
        assert statistics.median(times) < 0.1
