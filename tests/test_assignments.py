"""The assignments between sessions: records, energy log, progress, privacy, demo sections."""

from __future__ import annotations

from datetime import date

import pytest

from coursekit._errors import ContentError, InputError, NotFoundError
from coursekit.assignments import (
    add_conversation,
    add_energy,
    add_experiment,
    assignment,
    assignment_progress,
    days_logged,
    energy_figure,
    energy_summary,
    list_conversations,
    list_energy,
    list_experiments,
    remove_conversation,
    remove_experiment,
    save_learned,
    update_conversation,
    update_experiment,
)
from coursekit.assignments.conversations import find_contact, put_on_map
from coursekit.assignments.demo import fill_between_sessions
from coursekit.classroom.handin import NamesInReflections, make_handin, preview_handin
from coursekit.demo import demo_store
from coursekit.exercises import exercise
from coursekit.network import add_contact
from coursekit.network.storage import load_network


def test_unknown_assignment_names_those_that_exist():
    with pytest.raises(NotFoundError, match="energy-log, small-experiment"):
        assignment("energy")


@pytest.mark.parametrize(("call", "message"), [
    (lambda s: add_conversation(s, "  "), "is empty"),
    (lambda s: add_conversation(s, "x" * 201), "201 characters"),
    (lambda s: add_conversation(s, "Ana", held_on="5 May"), "YYYY-MM-DD"),
    (lambda s: add_experiment(s, "Teach once", verdict="maybe"), "not a verdict"),
    (lambda s: add_energy(s, None, "x", engagement=3, energy=0), "day is missing"),
    (lambda s: add_energy(s, "2030-01-01", "x", engagement=6, energy=0), "from 1 \\(bored\\)"),
    (lambda s: add_energy(s, "2030-01-01", "x", engagement=3, energy=True), "not on the scale"),
    (lambda s: add_energy(s, "2030-01-01", "", engagement=3, energy=0), "activity is empty"),
    (lambda s: update_conversation(s, 99, held_on="2030-01-01"), "no conversation 99"),
])
def test_bad_input_is_refused_with_a_fix_and_nothing_is_saved(store, call, message):
    with pytest.raises(InputError, match=message) as found:
        call(store)
    assert "Fix:" in str(found.value)
    assert store.inventory()["between_conversations"] == 0
    assert store.inventory()["between_energy"] == 0


def test_a_conversation_from_planned_to_held_with_what_was_learned(store):
    talk = add_conversation(store, "Tomás", path="product manager", planned_on="2030-04-02")
    assert not talk.held and assignment_progress(store)["prototype-conversations"].done == 0
    update_conversation(store, talk.id, held_on=date(2030, 4, 3))
    save_learned(store, "conversation", talk.id, "Half the job is customer calls.")
    [talk] = list_conversations(store)
    assert talk.held and talk.learned == "Half the job is customer calls."
    assert store.load("between-sessions", f"learned:conversation-{talk.id}") == talk.learned
    remove_conversation(store, talk.id)
    assert list_conversations(store) == []
    assert store.load_exercise("between-sessions") == {}  # what was learned went with it


def test_put_on_map_links_a_contact_already_there_and_adds_one_who_is_not(store):
    ana = add_contact(store, name="Ana Ruiz", inside=True)
    linked = add_conversation(store, "ana ruíz", path="designer")
    assert put_on_map(store, linked.id) == ana.id
    new = add_conversation(store, "Ben Okafor", path="founder", held_on="2030-01-02")
    contact = put_on_map(store, new.id)
    added = load_network(store).contact(contact)
    assert (added.name, added.role, added.last_contact) == ("Ben Okafor", "founder",
                                                            date(2030, 1, 2))
    assert find_contact(store, "BEN okafor") == contact
    assert [c.contact for c in list_conversations(store)] == [ana.id, contact]


def test_an_experiment_and_its_verdict(store):
    e = add_experiment(store, "Teach one session", planned_on="2030-05-01")
    assert assignment_progress(store)["small-experiment"].done == 0
    update_experiment(store, e.id, tried_on="2030-05-02", verdict="change")
    assert list_experiments(store)[0].verdict == "change"
    assert assignment_progress(store)["small-experiment"].complete
    remove_experiment(store, e.id)
    assert list_experiments(store) == []


def test_energy_summary_and_days_are_hand_computed(store):
    for day, what, engaged, energy in [("2030-03-02", "Customer call", 5, 2),
                                       ("2030-03-02", "Audit", 2, -2),
                                       ("2030-03-03", " customer  CALL ", 3, 0),
                                       ("2030-03-05", "Audit", 1, -1)]:
        add_energy(store, day, what, engagement=engaged, energy=energy)
    entries = list_energy(store)
    assert days_logged(entries) == 3
    table = energy_summary(entries)
    assert table.values.tolist() == [["Customer call", 2, 4.0, 1.0], ["Audit", 2, 1.5, -1.5]]
    fig = energy_figure(entries)
    assert list(fig.data[0].x) == [4.0, 1.5] and list(fig.data[0].y) == [1.0, -1.5]
    assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    assert assignment_progress(store)["energy-log"].done == 3


def test_an_empty_log_draws_the_named_corners_only():
    fig = energy_figure([])
    assert fig.data == () and len(fig.layout.annotations) == 4


def test_the_hand_in_holds_counts_and_never_a_name_or_a_word():
    store = demo_store("amara")
    section = exercise("between-sessions").handin(store)
    assert section == {"conversations_held": 2, "conversations_planned": 0,
                       "experiments_tried": 1, "experiments_planned": 0,
                       "verdicts": {"more": 1}, "energy_days": 6, "energy_entries": 14}
    handin = make_handin(store)
    text = str(handin) + preview_handin(handin)
    for private in ("Tomás", "Oren", "Audit report", "customer interviews", "Customer calls"):
        assert private not in text


def test_a_ticked_note_naming_someone_you_talked_with_stops_the_hand_in(store):
    talk = add_conversation(store, "Priya Nair", path="product owner at a start-up")
    save_learned(store, "conversation", talk.id, "Priya said the first year is hard.")
    key = ("between-sessions", f"learned:conversation-{talk.id}")
    with pytest.raises(NamesInReflections):
        make_handin(store, shared_reflections=[key])
    handin = make_handin(store, shared_reflections=[key], replace_names=True)
    assert handin["reflections"][0]["text"] == ("[product owner at a start-up] said the first "
                                                "year is hard.")
    assert "Priya" not in preview_handin(handin)
    assert "prototype conversation 1" in preview_handin(handin)  # its label names no one


@pytest.mark.parametrize(("section", "place"), [
    ({"energy_log": [{"day": -1, "activity": "x", "engagement": 9, "energy": 0}]},
     "between_sessions: energy_log[0]: engagement"),
    ({"experiments": [{"what": "x", "verdict": "perhaps"}]},
     "between_sessions: experiments[0]: verdict"),
    ({"conversations": [{"path": "x"}]}, "between_sessions: conversations[0]: person"),
    ({"energy_logs": []}, "between_sessions: energy_logs"),
])
def test_a_bad_demo_section_names_file_place_and_fix(store, section, place):
    with pytest.raises(ContentError) as found:
        fill_between_sessions(store, section, "samples/people/x.yaml")
    problem = found.value.problems[0]
    assert (problem.file, problem.place) == ("samples/people/x.yaml", place) and problem.fix
    assert store.inventory()["between_energy"] == 0


def test_activities_on_one_spot_share_a_marker_and_name_each_other(store):
    for what in ("French lesson", "Supplier review", "Reading"):
        add_energy(store, "2030-03-02", what, engagement=4, energy=1)
    add_energy(store, "2030-03-02", "Audit", engagement=1, energy=-2)
    fig = energy_figure(list_energy(store))
    trace = fig.data[0]
    assert list(trace.text) == ["1", "2"]  # numbers on the plot: no name cut or covered
    assert "Supplier review" in trace.customdata[0] and "Reading" in trace.customdata[0]
    key = fig.layout.annotations[-1].text
    assert "<b>1</b>  French lesson (1×), Supplier review (1×), Reading (1×)" in key
    assert "<b>2</b>  Audit (1×)" in key and "\u2026" not in key


@pytest.mark.parametrize(("edit", "expected"), [
    (("assignments: [small-experiment]", "assignments: [small-experiments]"),
     "sessions[1]: assignments[0]: 'small-experiments' is not an assignment between sessions "
     "(did you mean 'small-experiment'?)"),
    (("notebooks: [03_map_your_network.ipynb]",
      "notebooks: [03_map_your_network.ipynb, 02_the_career_impasse.ipynb]"),
     "sessions[2]: notebooks[1]: '02_the_career_impasse.ipynb' is in session 2 too"),
    (("notebooks: [03_map_your_network.ipynb]", "notebooks: [03_map.ipynb]"),
     "sessions[2]: notebooks[0]: '03_map.ipynb' is not a notebook of parts"),
    (("assignments: [small-experiment]", "assignments: [small-experiment, energy-log]"),
     "sessions[1]: assignments: 'energy-log' is set in this session, but its view is in "
     "01_the_first_step.ipynb"),
])
def test_coursekit_check_reads_the_sessions(course_copy, edit, expected):
    from coursekit.check import check_course

    plan = course_copy / "course.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    found = [f"{p.place}: {p.problem}" for p in check_course(course_copy)]
    assert expected in found, found


def test_a_notebook_naming_an_unknown_assignment_fails_the_check(course_copy):
    import json

    from coursekit.check import check_course

    path = course_copy / "notebooks" / "02_the_career_impasse.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["id"] == "impasse-experiment")
    cell["source"] = ['ck.between_sessions(store, "small-experimant")']
    path.write_text(json.dumps(nb), encoding="utf-8")
    problems = [str(p) for p in check_course(course_copy)]
    assert any("cell" in p and "'small-experimant' is not a between-sessions assignment of "
               "this course (did you mean 'small-experiment'?)" in p for p in problems), problems


def test_every_session_fits_a_ninety_minute_class():
    from coursekit.course import load_course

    course = load_course()
    minutes = {p.notebook: p.minutes for p in course.parts}
    assert course.sessions
    for session in course.sessions:
        total = sum(minutes[n] for n in session.notebooks)
        assert total <= 90, f"session '{session.title}' takes {total} minutes"


def test_the_readme_gives_the_course_total_in_hours():
    from pathlib import Path

    from coursekit.course import load_course

    hours = load_course().minutes / 60
    words = {5: "five", 5.5: "five and a half", 6: "six", 6.5: "six and a half",
             7: "seven", 7.5: "seven and a half"}[round(hours * 2) / 2]
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"(about {words} hours in all)" in " ".join(readme.split())
