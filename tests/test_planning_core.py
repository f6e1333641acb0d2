"""The plan's pure core: saving, re-opening, editing, validation, if-then form."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coursekit import ContentError, InputError
from coursekit.planning import (
    add_check_ins,
    add_networking,
    add_skill,
    add_step,
    format_if_then,
    get_step,
    list_skills,
    list_steps,
    load_goal,
    load_paths,
    load_plan,
    mark_done,
    networking_suggestions,
    parse_if_then,
    plan_counts,
    redate_step,
    remove_skill,
    remove_step,
    save_goal,
    save_path,
    seed_networking,
    set_first_step,
    set_if_then,
    update_skill,
    update_step,
)
from coursekit.planning.demo import check_plan_section
from coursekit.store import LearnerStore


@pytest.fixture
def store(tmp_path):
    s = LearnerStore(tmp_path / "learner.sqlite")
    yield s
    s.close()


def test_plan_survives_reopening_the_store(tmp_path):
    path = tmp_path / "learner.sqlite"
    with LearnerStore(path) as s:
        save_path(s, "current", title="Head of quality", liking=2, resources=4)
        save_path(s, "unconstrained", title="Abroad", coherence=5)
        save_goal(s, goal="Product manager in two years", target_date="2031-01-01")
        add_skill(s, "Customer interviews", builder="Complaints review")
        step = add_step(s, "Email Lena", due="2030-03-01", first=True,
                        if_obstacle="she does not answer", then_response="phone her")
        mark_done(s, step.id, on="2030-02-27")
        add_networking(s, "someone two levels above", why="perspective", due="2030-04-01")
    with LearnerStore(path) as s:
        plan = load_plan(s)
    assert plan.paths[0].title == "Head of quality" and plan.paths[0].liking == 2
    assert plan.paths[2].coherence == 5 and plan.paths[1].is_empty
    assert plan.goal.target_date == date(2031, 1, 1)
    assert plan.skills[0].status == "building"
    first = plan.first_step
    assert first.title == "Email Lena" and first.done and first.done_on == date(2030, 2, 27)
    assert first.if_then == "If she does not answer, then I will phone her."
    assert plan.of_kind("networking")[0].who == "someone two levels above"


def test_edit_mark_done_and_redate(store):
    step = add_step(store, "Draft", due="2030-01-10")
    step = update_step(store, step.id, title="Draft the business case", notes="two pages")
    assert step.title == "Draft the business case" and step.notes == "two pages"
    assert step.due == date(2030, 1, 10)
    assert redate_step(store, step.id, date(2030, 2, 1)).due == date(2030, 2, 1)
    assert redate_step(store, step.id, "").due is None
    done = mark_done(store, step.id)
    assert done.done and done.done_on == date.today()
    again = mark_done(store, step.id, False)
    assert not again.done and again.done_on is None
    uid = step.uid
    assert get_step(store, step.id).uid == uid  # edits keep the calendar UID


def test_only_one_first_step(store):
    a = add_step(store, "A", first=True)
    b = add_step(store, "B", first=True)
    assert not get_step(store, a.id).is_first and get_step(store, b.id).is_first
    set_first_step(store, a.id)
    assert [s.title for s in list_steps(store) if s.is_first] == ["A"]


def test_remove_and_missing_ids(store):
    s = add_step(store, "Gone soon")
    remove_step(store, s.id)
    assert list_steps(store) == []
    with pytest.raises(InputError, match="no plan item"):
        mark_done(store, s.id)
    with pytest.raises(InputError, match="no skill row"):
        update_skill(store, 99, evidence="x")


@pytest.mark.parametrize("bad, match", [
    ({"title": ""}, "step title is empty"),
    ({"title": "   "}, "step title is empty"),
    ({"title": "x" * 201}, "at most 200"),
    ({"title": "ok", "due": "12/03/2030"}, "YYYY-MM-DD"),
    ({"title": "ok", "due": "2030-02-30"}, "not a real day"),
    ({"title": "ok", "due": 20300101}, "not a date"),
    ({"title": "ok", "kind": "meeting"}, "not a kind of plan item"),
    ({"title": None}, "step title is empty"),
    ({"title": 5}, "should be text"),
])
def test_step_validation(store, bad, match):
    with pytest.raises(InputError, match=match):
        add_step(store, **bad)
    assert list_steps(store) == []  # nothing half-saved


@pytest.mark.parametrize("value", [0, 6, 2.5, "4", True, -1])
def test_rating_out_of_range(store, value):
    with pytest.raises(InputError, match="rating"):
        save_path(store, "current", liking=value)
    assert load_paths(store)[0].liking is None


def test_path_errors_and_clearing(store):
    with pytest.raises(InputError, match="three paths"):
        save_path(store, "parallel", title="x")
    with pytest.raises(InputError, match="no field"):
        save_path(store, "current", colour="red")
    save_path(store, "current", liking=3)
    assert save_path(store, "current", liking=None).liking is None


def test_if_then_format():
    assert format_if_then("If I am tired,", "Then I will walk for ten minutes.") == \
        "If I am tired, then I will walk for ten minutes."
    assert format_if_then("", "something") == ""
    assert parse_if_then("if it rains then I'll take the bus") == ("it rains", "take the bus")
    assert parse_if_then("If my manager says no, then I will ask HR.") == \
        ("my manager says no", "ask HR")
    with pytest.raises(InputError, match="not an if-then plan"):
        parse_if_then("Try harder")


def test_if_then_sentence_saved(store):
    s = add_step(store, "Lunch with Tomás")
    s = set_if_then(store, s.id,
                    *parse_if_then("If he cancels, then I will rebook within a week."))
    assert (s.if_obstacle, s.then_response) == ("he cancels", "rebook within a week")
    assert set_if_then(store, s.id, "", "").if_then == ""


def test_skills_gap_matrix(store):
    a = add_skill(store, "Regulatory knowledge", evidence="Led two audits")
    b = add_skill(store, "French")
    assert [s.status for s in list_skills(store)] == ["have", "gap"]
    update_skill(store, b.id, builder="Evening course")
    assert [s.status for s in list_skills(store)] == ["have", "building"]
    remove_skill(store, a.id)
    assert [s.skill for s in list_skills(store)] == ["French"]
    with pytest.raises(InputError, match="skill is empty"):
        add_skill(store, "")


def test_goal_partial_updates(store):
    save_goal(store, goal="Lead a team abroad")
    save_goal(store, outcome="I learn every day")
    goal = load_goal(store)
    assert (goal.goal, goal.outcome, goal.target_date) == ("Lead a team abroad",
                                                           "I learn every day", None)
    with pytest.raises(InputError, match="target date"):
        save_goal(store, target_date="next year")


def test_check_ins_are_not_doubled(store):
    start = date(2030, 1, 1)
    added = add_check_ins(store, start, every_weeks=4, count=3)
    assert [s.due for s in added] == [start + timedelta(weeks=4 * i) for i in (1, 2, 3)]
    assert add_check_ins(store, start) == []
    with pytest.raises(InputError):
        add_check_ins(store, start, every_weeks=0)


def test_networking_suggestions_follow_the_audit(store):
    general = networking_suggestions()
    assert "lunch" in general[0].title.lower()
    stuck = networking_suggestions({"outside_share": 0.05, "above_two_share": 0.4,
                                    "strategic_share": 0.3, "constraint": 0.7})
    assert stuck[1].who.startswith("someone outside your organisation")
    assert stuck[2].title.startswith("Offer help on a key initiative")
    added = seed_networking(store, start="2030-01-01")
    assert len(added) == 3 and all(s.kind == "networking" and s.who for s in added)
    assert seed_networking(store, start="2030-01-01") == []  # not added twice
    with pytest.raises(InputError, match="who"):
        add_networking(store, "  ")


def test_plan_edits_write_no_entries(store):
    add_step(store, "Secret plan <b>", if_obstacle="x", then_response="y")
    save_path(store, "current", title="Private title")
    assert store.load_exercise("plan:steps") == store.load_exercise("plan:vision") == {}
    assert plan_counts(load_plan(store)) == {"steps": 1, "if_then": 1, "done": 0,
                                             "check_ins": 0, "dated": 0}


def test_demo_section_errors_name_file_and_place():
    bad = {"paths": {"current": {"liking": 9}, "sideways": {}},
           "steps": [{"title": "", "due": "soon"}, {"kind": "networking", "title": "x"},
                     "just text"],
           "colour": 1}
    with pytest.raises(ContentError) as info:
        check_plan_section(bad, "samples/people/x.yaml")
    text = str(info.value)
    for place in ("plan: paths: current: liking", "plan: paths: sideways",
                  "plan: steps[0]: title", "plan: steps[0]: due", "plan: steps[1]: who",
                  "plan: steps[2]", "plan: colour"):
        assert f"samples/people/x.yaml: {place}" in text, place


def test_demo_dates_are_relative():
    clean = check_plan_section({"steps": [{"title": "Soon", "due": "+7", "done": True}]}, "x.yaml")
    step = clean["steps"][0]
    assert step["due"] == date.today() + timedelta(days=7) and step["done"]


def test_dated_items_come_with_their_dates_in_order_and_undated_ones_are_left_out():
    from coursekit.planning.model import Step, by_date

    later, first, undated, same_day = (Step(1, "b", due=date(2030, 5, 2)),
                                       Step(3, "a", due=date(2030, 5, 1)), Step(2, "c"),
                                       Step(0, "d", due=date(2030, 5, 2)))
    assert by_date([later, first, undated, same_day]) == [
        (date(2030, 5, 1), first), (date(2030, 5, 2), same_day), (date(2030, 5, 2), later)]


def test_the_kinds_of_plan_item_and_their_labels_agree():
    from coursekit.planning.model import KIND_LABELS, PATH_KINDS, PATH_LABELS, STEP_KINDS

    assert STEP_KINDS == tuple(KIND_LABELS) == ("step", "check-in", "networking")
    assert PATH_KINDS == tuple(PATH_LABELS) == ("current", "disappeared", "unconstrained")
