"""The check-in's and the assignments' widgets, driven by ``.value`` and ``.click()``."""

from __future__ import annotations

from datetime import date, timedelta

import ipywidgets as widgets
import pytest

import coursekit as ck
from coursekit.assessment import current_attempt, load_instrument, save_response
from coursekit.checkin import load_next_step
from coursekit.demo import demo_store
from coursekit.network import add_contact, add_network
from coursekit.network.samples import load_sample_network
from coursekit.planning import add_step, list_steps
from coursekit.planning.history import step_history
from coursekit.views.start import course_plan


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


VIEWS = ["check_in_predictions", "check_in_steps", "check_in_network", "check_in_retake",
         "check_in_assignments", "check_in_next_step"]
ASSIGNMENTS = ["energy-log", "small-experiment", "prototype-conversations"]


def _views(store):
    return ([getattr(ck, name)(store) for name in VIEWS]
            + [ck.between_sessions(store, a) for a in ASSIGNMENTS])


@pytest.mark.parametrize("person", [None, "amara", "harris"])
def test_every_view_opens_and_every_control_is_labelled(store, person):
    shown = demo_store(person) if person else store
    for view in _views(shown):
        for w in _walk(view):
            if isinstance(w, (widgets.Text, widgets.Textarea, widgets.Dropdown,
                              widgets.DatePicker, widgets.RadioButtons, widgets.Checkbox)):
                assert w.description, f"{type(view).__name__}: unlabelled {type(w).__name__}"
            if isinstance(w, widgets.Button):
                assert w.description or w.tooltip
        if person:
            assert "Demo mode" in view.children[0].value


def test_the_demo_check_in_shows_amaras_weeks():
    store = demo_store("amara")
    predictions = ck.check_in_predictions(store)
    assert predictions.judgements["the-first-step/after-the-talk"].value == "as-predicted"
    assert "2 as predicted, 1 partly right, 3 not as predicted" in predictions.summary.value
    assert "outside" in predictions.differences.text.value
    steps = ck.check_in_steps(store)
    story = next(r.story.value for r in steps.rows.values()
                 if "moved to" in r.story.value and r.story.value.count("moved to") == 2)
    assert "planned for" in story
    assert steps.record_button.disabled  # her check-in is recorded today
    network = ck.check_in_network(store)
    assert "Marc Aubert" in network.summary.value and len(network.maps) == 2
    retake = ck.check_in_retake(store)
    assert retake.choice.value == "outsight-audit" and retake.pair.after is not None
    review = ck.check_in_assignments(store)
    assert "2 of 2 conversations held" in review.others.value
    assert "Do more of it".lower() in review.others.value
    assert "Gave you energy" in review.energy.value  # the chart follows right below
    assert review.children.index(review.chart) == review.children.index(review.energy) + 1
    assert "Ask Marc Aubert" in ck.check_in_next_step(store).current.value


def test_steps_view_moves_and_ticks_and_keeps_the_history(store):
    step = add_step(store, "Email Lena", due="2030-03-02")
    view = ck.check_in_steps(store)
    row = view.rows[step.id]
    row.due.value = date(2030, 3, 9)
    row.done.value = True
    assert [c.change for c in step_history(store)[step.id]] == ["redated", "done"]
    assert "moved to 9 Mar 2030" in row.story.value and "done on" in row.story.value
    assert "Moved" in view.status.value or "Ticked" in view.status.value
    row.due.value = None  # the date removed is a move too, and said so
    assert "date removed" in row.story.value
    view.in_the_way.text.value = "The audit cycle."
    assert store.load("check-in", "reflection:in-the-way") == "The audit cycle."


def test_recording_the_check_in_once(store):
    add_step(store, "Check-in 1", due=date.today() - timedelta(days=3), kind="check-in")
    view = ck.check_in_steps(store)
    assert not view.record_button.disabled
    view.record_button.click()
    assert view.record_button.disabled and "Check-in 1" in view.record_status.value
    assert [s.done for s in list_steps(store, "check-in")] == [True]


def test_network_view_waits_for_a_first_map_then_follows_the_store(store):
    view = ck.check_in_network(store)
    assert "not been complete" in view.summary.value and "0 of 4" in view.summary.value
    assert view.restart_box.layout.display == "none"  # no first map to replace yet
    add_network(store, load_sample_network("amara"))
    assert "17</b> people then, <b>17</b> now" in view.summary.value
    assert view.restart_box.layout.display is None
    add_contact(store, name="Priya Nair", inside=False, types=("strategic",))
    assert "Priya Nair" in view.summary.value
    assert view.maps[1].figure.layout.title.text == "Now: 18 people"
    view.restart_button.click()  # disabled until ticked: a click does nothing
    assert "17</b> people then" in view.summary.value
    view.restart_confirm.value = True
    view.restart_button.click()
    assert "18</b> people then, <b>18</b> now" in view.summary.value
    assert not view.restart_confirm.value


def test_retake_view_starts_the_retake_and_draws_both_times(store):
    inst = load_instrument("outsight-audit")
    first = current_attempt(store, inst.id)
    for item in inst.item_ids:
        save_response(store, inst, first, item, 2)
    view = ck.check_in_retake(store)
    assert view.questionnaire is None and view.pair.after is None
    view.retake_button.click()
    assert view.questionnaire is not None and "as you see yourself today" in view.status.value
    for item in inst.item_ids:
        view.questionnaire.controls[item].value = 4
    assert view.pair.after is not None
    assert "arrow points to where you score now" in view.note.value
    # coming back to an unfinished retake opens it again
    view.retake_button.click()
    view.questionnaire.controls["oa01"].value = 3
    again = ck.check_in_retake(store)
    assert again.questionnaire is not None


def test_retake_view_without_any_answers_says_where_to_start(store):
    view = ck.check_in_retake(store)
    assert view.retake_button.disabled and view.choice.value is None
    view.retake()
    assert "first" in view.status.value
    # every notebook that asks a questionnaire is named, from course.yaml
    intro = view.children[1].value
    for notebook in ("01_the_first_step", "02_the_career_impasse", "04_plan_your_next_step"):
        assert f"href='{notebook}.ipynb'" in intro, intro


def test_retake_view_before_the_retake_names_the_questionnaire_once(store):
    inst = load_instrument("career-drivers")
    first = current_attempt(store, inst.id)
    for item in inst.item_ids:
        save_response(store, inst, first, item, 2)
    note = ck.check_in_retake(store).note.value
    assert f"<b>{inst.title}</b> Retake it" in note and "?</b>." not in note


def test_steps_view_of_an_empty_plan_says_where_to_add_steps(store):
    view = ck.check_in_steps(store)
    assert "no steps yet" in view.list_box.children[0].value
    add_step(store, "Email Lena", due="2030-03-02")
    assert list(view.rows) and "no steps yet" not in str(view.list_box.children[0])


def test_next_step_view_refuses_a_missing_part_and_keeps_the_typing(store):
    view = ck.check_in_next_step(store)
    view.title.value = "Ask Marc for twenty minutes"
    view.obstacle.value = "I feel I am overstepping"
    view.add_button.click()
    assert "needs both parts" in view.status.value
    assert view.title.value == "Ask Marc for twenty minutes"  # nothing typed is lost
    view.response.value = "say Oren suggested it"
    assert "If I feel I am overstepping, then I will say Oren suggested it." in view.sentence.value
    view.due.value = date.today() - timedelta(days=1)
    view.add_button.click()
    assert "already past" in view.status.value and load_next_step(store) is None
    view.due.value = date.today() + timedelta(days=5)
    view.add_button.click()
    step = load_next_step(store)
    assert step.title == "Ask Marc for twenty minutes" and step.if_then
    assert view.title.value == "" and "Ask Marc" in view.current.value


def test_predictions_view_judges_and_writes_privately(store):
    store.save("case:the-career-impasse", "decision:the-promised-role", "never", kind="decision")
    store.save("case:the-career-impasse", "why:the-promised-role", "He is too useful.",
               kind="reflection")
    view = ck.check_in_predictions(store)
    assert list(view.judgements) == ["the-career-impasse/the-promised-role"]
    assert any("Your reason then:</b> He is too useful." in w.value for w in _walk(view)
               if isinstance(w, widgets.HTML))
    view.judgements["the-career-impasse/the-promised-role"].value = "as-predicted"
    assert "1 as predicted" in view.summary.value
    view.differences.text.value = "I read people well."
    assert store.load("check-in", "reflection:differences") == "I read people well."


def test_energy_log_view_adds_removes_and_refuses_an_unset_scale(store):
    view = ck.between_sessions(store, "energy-log")
    assert "0 of 5 days logged" in view.brief.value
    view.activity.value = "Customer call"
    view.add_button.click()
    assert "how engaged" in view.status.value and view.activity.value == "Customer call"
    view.engagement.value, view.energy.value = 5, 2
    view.add_button.click()
    assert "1 of 5 days logged" in view.brief.value and len(view.rows) == 1
    assert view.chart.outputs[0]["data"]["application/vnd.plotly.v1+json"]
    entry_id = next(iter(view.rows))
    view.rows[entry_id].children[1].click()
    assert view.rows == {} and "Nothing logged" in view.log_box.children[0].value
    view.patterns.text.value = "Customers give me energy."
    assert store.load("between-sessions", "reflection:energy-patterns")


def test_experiment_and_conversation_cards_save_as_they_change(store):
    ex = ck.between_sessions(store, "small-experiment")
    ex.add_button.click()
    assert "is empty" in ex.status.value
    ex.what.value, ex.planned.value = "Teach one session", date(2030, 5, 1)
    ex.add_button.click()
    card = next(iter(ex.cards.values()))
    card.tried.value = date(2030, 5, 2)
    card.verdict.value = "more"
    card.learned.text.value = "I liked it."
    [e] = ex.experiments()
    assert (e.tried_on, e.verdict, e.learned) == (date(2030, 5, 2), "more", "I liked it.")
    assert "1 of 1 experiment tried" in ex.brief.value
    talks = ck.between_sessions(store, "prototype-conversations")
    talks.person.value, talks.path.value, talks.to_map.value = "Ben Okafor", "founder", True
    talks.add_button.click()
    assert "on your map" in talks.status.value and talks.person.value == ""
    from coursekit.network.storage import load_network
    assert load_network(store).contacts["name"].tolist() == ["Ben Okafor"]
    card = next(iter(talks.cards.values()))
    card.remove.click()
    assert talks.conversations() == []


def test_the_start_page_shows_each_assignment_under_the_notebook_that_sets_it(store):
    plan = course_plan(store)
    rows = plan.children[1].children
    texts = [r.children[0].value for r in rows]
    at = {t.split("Before the next session:</i> ")[1].split("<br>")[0]: k
          for k, t in enumerate(texts) if "Before the next session" in t}
    notebook = {k: t.split('href="')[1].split('"')[0] for k, t in enumerate(texts)
                if 'href="' in t}
    assert notebook[at["A week&#x27;s energy log"] - 1] == "01_the_first_step.ipynb"
    assert notebook[at["A small experiment"] - 1] == "02_the_career_impasse.ipynb"
    assert notebook[at["Two prototype conversations"] - 1] == "05_your_report.ipynb"
    assert "session 6" in texts[-1] and "07_check_in.ipynb" in texts[-1]
    from coursekit.assignments import add_energy
    add_energy(store, date.today(), "Customer call", engagement=5, energy=2)
    bar = plan.children[1].children[at["A week&#x27;s energy log"]].children[1]
    assert bar.value == pytest.approx(1 / 5)
