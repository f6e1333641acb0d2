"""The check-in's pure core: the first map kept, step history, predictions, next step, retake."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta

import pytest

from coursekit._errors import InputError
from coursekit._migrations import migrations, statements
from coursekit.assessment import load_instrument, save_response
from coursekit.checkin import (
    add_next_step,
    attempt_pair,
    judge,
    judgement_counts,
    load_next_step,
    prediction_rows,
    record_check_in,
    retake_figure,
    start_retake,
)
from coursekit.checkin.network import outsight_figure, since_first_map
from coursekit.network import add_contact, add_network, save_ego, save_tie
from coursekit.network.history import (
    load_first_map,
    network_changes,
    restart_first_map,
)
from coursekit.network.model import Network
from coursekit.network.records import Circle, Contact, Ego, Tie
from coursekit.network.samples import load_sample_network
from coursekit.network.storage import delete_contact, load_network
from coursekit.planning import add_step, list_steps, mark_done, redate_step, update_step
from coursekit.planning.history import first_planned, history_words, step_history, times_moved
from coursekit.store import LearnerStore

# -- the first map --------------------------------------------------------------------------


def _almost_complete(store):
    """A map one step short of complete: no tie and no circle yet."""
    save_ego(store, Ego(organisation="Acme"))
    for name in ("Ana", "Ben", "Chen", "Dee", "Eli"):
        add_contact(store, name=name, inside=True, types=("operational",))


def test_the_first_map_is_kept_by_the_write_that_completes_it(store):
    _almost_complete(store)
    assert load_first_map(store) is None
    ids = load_network(store).contacts["id"].tolist()
    save_tie(store, ids[0], ids[1], 3)
    first = load_first_map(store)
    assert first is not None and first.network.size == 5
    assert first.network.ties.values.tolist() == [[ids[0], ids[1], 3]]
    # later changes leave the first map as it was
    add_contact(store, name="Fay", inside=False, types=("strategic",))
    delete_contact(store, ids[2])
    again = load_first_map(store)
    assert again.network.size == 5 and again.taken_at == first.taken_at


def test_half_described_is_the_threshold(store):
    save_ego(store, Ego(organisation="Acme"))
    for k, name in enumerate(["Ana", "Ben", "Chen", "Dee", "Eli", "Fay"]):
        add_contact(store, name=name, inside=True if k < 2 else None,
                    types=("operational",) if k < 2 else ())
    ids = load_network(store).contacts["id"].tolist()
    save_tie(store, ids[0], ids[1], 1)
    assert load_first_map(store) is None  # 2 of 6 described
    contact = load_network(store).contact(ids[2])
    from coursekit.network import save_contact
    save_contact(store, contact.replace(inside=False, types=("personal",)))
    assert load_first_map(store) is not None  # 3 of 6: half


def test_an_import_that_completes_the_map_is_kept_whole(store):
    add_network(store, load_sample_network("amara"))
    first = load_first_map(store)
    assert first.network.size == 17
    assert len(first.network.circles) == 3
    assert first.network.contact(first.network.contacts["id"][0]).circles == ("QA team",)


def test_the_snapshot_round_trips_every_field(store):
    original = load_sample_network("amara")
    add_network(store, original)
    first = load_first_map(store).network
    stored = load_network(store)
    assert first.contact_list() == stored.contact_list()
    assert first.ties.values.tolist() == stored.ties.values.tolist()
    assert first.circles.values.tolist() == stored.circles.values.tolist()
    assert first.ego == stored.ego


def test_a_store_of_version_5_with_a_complete_map_gets_its_first_map_on_upgrade(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    for version, _name, sql in migrations()[:5]:
        for statement in statements(sql):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    # fill the old store through a current one's writes, minus the snapshot it would take
    with LearnerStore(tmp_path / "new.sqlite") as model:
        add_network(model, load_sample_network("amara"))
        expected = json.loads(model.read("SELECT data FROM network_snapshots")[0][0])
        tables = {t: model.read(f"SELECT * FROM {t}") for t in
                  ("network_ego", "network_contacts", "network_circles",
                   "network_circle_members", "network_ties")}
    conn = sqlite3.connect(path)
    for table, rows in tables.items():
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    conn.commit()
    conn.close()
    with LearnerStore(path) as upgraded:
        assert upgraded.version == len(migrations())
        data = json.loads(upgraded.read("SELECT data FROM network_snapshots")[0][0])
    assert data == expected


def test_a_store_of_version_5_without_a_map_gets_no_first_map(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    for version, _name, sql in migrations()[:5]:
        for statement in statements(sql):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    with LearnerStore(path) as upgraded:
        assert load_first_map(upgraded) is None


def test_restarting_the_comparison_needs_a_complete_map(store):
    _almost_complete(store)
    with pytest.raises(InputError, match="not complete yet"):
        restart_first_map(store)
    ids = load_network(store).contacts["id"].tolist()
    save_tie(store, ids[0], ids[1], 2)
    add_contact(store, name="Fay", inside=False, types=("strategic",))
    assert load_first_map(store).network.size == 5
    assert restart_first_map(store).network.size == 6


# -- what changed ---------------------------------------------------------------------------


def _net(contacts, ties=(), circles=()):
    return Network.from_records(Ego("Acme"), contacts, ties, circles)


def test_changes_are_matched_by_name_not_id():
    before = _net([Contact("c1", "Ana Ruiz", inside=True, strength=2),
                   Contact("c2", "Ben", inside=True, strength=3)])
    # a re-import: the same people under new ids, one accent dropped
    after = _net([Contact("c7", "Ana Ruíz", inside=True, strength=4),
                  Contact("c8", "Ben", inside=True, strength=1),
                  Contact("c9", "Chen", inside=False)])
    ch = network_changes(before, after)
    assert ch.added == ["Chen"] and ch.removed == []
    assert [(m.name, m.before, m.after) for m in ch.closer] == [("Ana Ruíz", 2, 4)]
    assert [(m.name, m.before, m.after) for m in ch.further] == [("Ben", 3, 1)]


def test_tie_changes_count_only_people_in_both_maps_and_include_circles():
    before = _net([Contact("c1", "Ana", circles=("Team",)), Contact("c2", "Ben", circles=("Team",)),
                   Contact("c3", "Chen"), Contact("c4", "Dee")],
                  ties=[Tie("c3", "c4", 2)], circles=[Circle("Team", 2)])
    after = _net([Contact("c1", "Ana"), Contact("c2", "Ben"), Contact("c3", "Chen"),
                  Contact("c5", "Eli")], ties=[Tie("c1", "c3", 1), Tie("c3", "c5", 3)])
    ch = network_changes(before, after)
    # Ana-Ben (circle) lost; Ana-Chen and Chen-Eli (a new person) made; Chen-Dee went with Dee
    assert (ch.ties_made, ch.ties_lost) == (2, 1)
    assert ch.circles_left == [("Ana", "Team"), ("Ben", "Team")]
    assert ch.removed == ["Dee"] and ch.added == ["Eli"]


def test_two_people_with_one_name_are_two_people():
    before = _net([Contact("c1", "Sam"), Contact("c2", "Sam")])
    after = _net([Contact("c1", "Sam")])
    ch = network_changes(before, after)
    assert ch.removed == ["Sam"] and ch.added == []


def test_outsight_then_and_now_hand_computed():
    before = _net([Contact("c1", "Ana", inside=True), Contact("c2", "Ben", inside=True),
                   Contact("c3", "Chen", inside=False), Contact("c4", "Dee", inside=True)])
    after = _net([Contact("c1", "Ana", inside=True), Contact("c2", "Ben", inside=False),
                  Contact("c3", "Chen", inside=False), Contact("c4", "Dee", inside=True)])
    found = {k: (b, a) for k, _l, b, a in network_changes(before, after).indicators}
    assert found["outside"] == (0.25, 0.5)
    fig = outsight_figure(network_changes(before, after))
    assert [t.name for t in fig.data] == ["first map", "now"]
    assert any("+25 pts" in (a.text or "") for a in fig.layout.annotations)


def test_since_first_map_uses_the_first_maps_day_for_how_current(store):
    add_network(store, load_sample_network("amara"))
    check = since_first_map(store, today=date.today() + timedelta(days=800))
    current = {k: (b, a) for k, _l, b, a in check.changes.indicators}["current"]
    assert current[0] > 0.5 and current[1] == 0  # two years on, no one is current


# -- step history ---------------------------------------------------------------------------


def test_every_move_and_tick_is_kept(store):
    s = add_step(store, "Email Lena", due="2030-03-02")
    redate_step(store, s.id, "2030-03-09")
    update_step(store, s.id, title="Email Lena again")  # not a move
    redate_step(store, s.id, "2030-03-16")
    mark_done(store, s.id, on="2030-03-15")
    mark_done(store, s.id, False)
    changes = step_history(store)[s.id]
    assert [c.change for c in changes] == ["redated", "redated", "done", "reopened"]
    assert times_moved(changes) == 2
    step = list_steps(store)[0]
    assert first_planned(step, changes) == date(2030, 3, 2)
    assert history_words(step, changes) == ("planned for 2 Mar 2030; moved to 9 Mar 2030; "
                                            "moved to 16 Mar 2030; done on 15 Mar 2030; "
                                            "opened again")


def test_history_goes_with_its_step(store):
    s = add_step(store, "x", due="2030-01-01")
    redate_step(store, s.id, "2030-01-02")
    from coursekit.planning import remove_step
    remove_step(store, s.id)
    assert store.read("SELECT COUNT(*) FROM plan_step_history")[0][0] == 0


# -- predictions, check-in, next step -------------------------------------------------------


def test_predictions_rows_cover_every_decision_point_of_both_cases(store):
    rows = prediction_rows(store)
    assert {r.case_id for r in rows} == {"the-first-step", "the-career-impasse"}
    assert not any(r.predicted for r in rows)
    store.save("case:the-first-step", "skip:after-the-talk", True)
    assert next(r for r in rows if r.decision_id == "after-the-talk").skipped is False
    assert next(r for r in prediction_rows(store) if r.decision_id == "after-the-talk").skipped


def test_judging_needs_a_prediction_and_a_known_judgement(store):
    with pytest.raises(InputError, match="no prediction of yours"):
        judge(store, "the-first-step", "after-the-talk", "partly")
    store.save("case:the-first-step", "decision:after-the-talk", "build", kind="decision")
    with pytest.raises(InputError, match="not a judgement"):
        judge(store, "the-first-step", "after-the-talk", "maybe")
    with pytest.raises(InputError, match="no decision point"):
        judge(store, "the-first-step", "no-such-point", "partly")
    judge(store, "the-first-step", "after-the-talk", "partly")
    assert judgement_counts(prediction_rows(store))["partly"] == 1
    judge(store, "the-first-step", "after-the-talk", "")
    assert judgement_counts(prediction_rows(store))["not-judged"] == 1


def test_a_choice_no_longer_offered_is_no_prediction(store):
    store.save("case:the-first-step", "decision:after-the-talk", "vanished", kind="decision")
    row = next(r for r in prediction_rows(store) if r.decision_id == "after-the-talk")
    assert not row.predicted


def test_recording_a_check_in_ticks_the_earliest_open_one(store):
    late = add_step(store, "Check-in 2", due="2030-05-01", kind="check-in")
    early = add_step(store, "Check-in 1", due="2030-04-01", kind="check-in")
    assert record_check_in(store, today=date(2030, 4, 3)).id == early.id
    assert record_check_in(store, today=date(2030, 5, 2)).id == late.id
    third = record_check_in(store, today=date(2030, 6, 1))
    assert third.kind == "check-in" and third.done and third.due == date(2030, 6, 1)


@pytest.mark.parametrize(("fields", "message"), [
    ({"due": None}, "has no date"),
    ({"due": "2030-03-31"}, "already past"),
    ({"if_obstacle": " "}, "needs both parts"),
    ({"title": ""}, "is empty"),
    ({"due": "31/03/2030"}, "YYYY-MM-DD"),
])
def test_a_next_step_needs_a_date_to_come_and_an_if_then_plan(store, fields, message):
    good = {"title": "Call Dana", "due": "2030-04-08", "if_obstacle": "she is out",
            "then_response": "leave a message"}
    with pytest.raises(InputError, match=message):
        add_next_step(store, **{**good, **fields}, today=date(2030, 4, 1))
    assert list_steps(store) == [] and load_next_step(store) is None


def test_the_next_step_is_a_plan_step_and_is_forgotten_when_removed(store):
    step = add_next_step(store, "Call Dana", due="2030-04-08", if_obstacle="she is out",
                         then_response="leave a message", today=date(2030, 4, 1))
    assert list_steps(store) == [step]
    from coursekit.planning import remove_step
    remove_step(store, step.id)
    assert load_next_step(store) is None


# -- retake ---------------------------------------------------------------------------------


def test_a_retake_starts_once_and_is_compared_with_the_first(store):
    inst = load_instrument("outsight-audit")
    assert attempt_pair(store, inst.id) is None
    first = start_retake(store, inst.id)
    assert start_retake(store, inst.id) == first  # nothing answered yet: the same attempt
    for item in inst.item_ids:
        save_response(store, inst, first, item, 3)
    second = start_retake(store, inst.id)
    assert second != first
    pair = attempt_pair(store, inst.id)
    assert pair.after is None and pair.change.isna().all()
    save_response(store, inst, second, "oa01", 5)
    pair = attempt_pair(store, inst.id)
    assert pair.change.isna().sum() == len(inst.scales)  # only one item of the retake: incomplete
    for item in inst.item_ids:
        save_response(store, inst, second, item, 5 if item != "oa03" else 1)
    pair = attempt_pair(store, inst.id)
    assert pair.change.round(2).tolist() == [2.0] * len(inst.scales)
    fig = retake_figure(inst, pair.before, pair.after)
    labels = [a.text for a in fig.layout.annotations if a.text]
    assert labels.count("<b>+2.0</b>") == len(inst.scales)
    assert len(fig.layout.shapes) == 3 * len(inst.scales)  # three bands per scale


def test_the_report_looks_back_only_once_the_check_in_has_begun(store):
    """Day one (predictions made, a complete map): no "since your first map" in the report."""
    from coursekit.exercises import exercise

    check_in = exercise("check-in")
    _almost_complete(store)
    ids = load_network(store).contacts["id"].tolist()
    save_tie(store, ids[0], ids[1], 3)
    store.save("case:the-first-step", "decision:after-the-talk", "build", kind="decision")
    assert check_in.report(store, today=date.today()) is None
    judge(store, "the-first-step", "after-the-talk", "partly")
    part = check_in.report(store, today=date.today())
    assert part is not None and part.context["check"] is not None
