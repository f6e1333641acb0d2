"""The sociogram's pure core: the tray in the store, the map's state, what a drop means."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursekit import InputError
from coursekit.network import (
    Circle,
    Contact,
    Ego,
    Network,
    Tie,
    add_contact,
    add_network,
    import_file,
    load_network,
    save_tie,
)
from coursekit.network.sociogram import (
    MAX_CIRCLE_TIES_DRAWN,
    NONE_KEY,
    canvas_state,
    dropped,
    group_key,
    groups,
    with_type,
)
from coursekit.network.tray import (
    add_contacts,
    add_names,
    clear_tray,
    load_tray,
    place,
    remove_from_tray,
)
from coursekit.store import LearnerStore

FILES = Path(__file__).parent / "files" / "network"


@pytest.fixture
def store():
    return LearnerStore(":memory:")


# -- the tray -----------------------------------------------------------------------------

def test_names_go_to_the_tray_with_the_question_s_hints(store):
    added = add_names(store, "Ana Ruiz\n  \nBen  Okafor\n", source="Who helps you?",
                      hints={"inside": False, "types": ("strategic",), "seniority": 2})
    assert added.added == 2 and str(added) == "2 names in the tray."
    entries, total = load_tray(store)
    assert total == 2
    assert [(e.name, e.inside, e.types, e.seniority, e.source) for e in entries] == [
        ("Ana Ruiz", False, ("strategic",), 2, "Who helps you?"),
        ("Ben Okafor", False, ("strategic",), 2, "Who helps you?")]
    # A name in the tray is not a contact: no measure counts it.
    assert load_network(store).size == 0


def test_names_already_on_the_map_or_in_the_tray_are_left_out(store):
    add_contact(store, name="Ana Ruiz")
    add_names(store, "Ben")
    added = add_names(store, "ruiz, ana\nBen\nChen\nchen")
    assert added.added == 1
    assert added.on_map == ["ruiz, ana"] and added.listed == ["Ben", "chen"]
    assert "Already on your map: ruiz, ana." in str(added)
    assert [e.name for e in load_tray(store)[0]] == ["Ben", "Chen"]


def test_a_name_too_long_refuses_the_lot_and_says_which_line(store):
    with pytest.raises(InputError, match=r"line 3: .*201 characters.*Nothing was put"):
        add_names(store, "Ana\nBen\n" + "x" * 201)
    assert load_tray(store) == ([], 0)
    with pytest.raises(InputError, match="no names"):
        add_names(store, " \n\n")


def test_find_limit_remove_and_clear(store):
    add_names(store, "Ana\nAnabel\nBen\n50%_off")
    found, total = load_tray(store, find="ana", limit=1)
    assert total == 2 and [e.name for e in found] == ["Ana"]
    assert [e.name for e in load_tray(store, find="%_")[0]] == ["50%_off"]
    assert load_tray(store, find="_")[1] == 1  # a wildcard is taken as itself
    remove_from_tray(store, [found[0].id])
    assert [e.name for e in load_tray(store)[0]] == ["Anabel", "Ben", "50%_off"]
    clear_tray(store)
    assert load_tray(store) == ([], 0)


def test_placing_a_name_makes_a_contact_and_empties_its_place_in_one_go(store):
    add_names(store, "Ana", hints={"types": ("personal",), "inside": True})
    entry = load_tray(store)[0][0]
    revision = store.revision
    contact = place(store, entry.id, strength=5, circles=("Choir",))
    assert store.revision == revision + 1  # one transaction
    net = load_network(store)
    assert net.contact(contact.id) == Contact(contact.id, "Ana", inside=True,
                                              types=("personal",), strength=5,
                                              circles=("Choir",))
    assert load_tray(store) == ([], 0)
    with pytest.raises(InputError, match="no longer in the tray"):
        place(store, entry.id, strength=3)


def test_a_refused_placement_keeps_the_name_in_the_tray(store):
    add_names(store, "Ana")
    entry = load_tray(store)[0][0]
    with pytest.raises(InputError, match="strength must be a whole number from 1 to 5"):
        place(store, entry.id, strength=7)
    assert load_tray(store)[1] == 1 and load_network(store).size == 0


def test_linkedin_export_into_the_tray(store):
    result = import_file(FILES / "linkedin_connections.csv", "Calder Industries")
    added = add_contacts(store, result.network.contact_list(), source="Connections.csv",
                         check=False)
    entries, total = load_tray(store)
    assert added.added == total == result.network.size > 0
    first = result.network.contact_list()[0]
    assert (entries[0].name, entries[0].inside, entries[0].organisation) == (
        first.name, first.inside, first.organisation)
    assert entries[0].source == "Connections.csv"
    # The same file again adds no one twice.
    assert add_contacts(store, result.network.contact_list(), check=False).added == 0


def test_the_tray_is_in_the_store_schema(store):
    assert "network_tray" in store.tables()
    from coursekit.exercises.network import NetworkExercise

    assert "network_tray" in NetworkExercise.tables


def test_the_tray_migration_keeps_the_map_and_starts_an_empty_tray(tmp_path):
    import sqlite3

    from coursekit._migrations import migrations, schema_version, statements

    path = tmp_path / "before-the-tray.sqlite"
    conn = sqlite3.connect(path)
    earlier = [m for m in migrations() if m[1] < "0010_network_tray.sql"]
    assert [m[1] for m in migrations()][len(earlier)] == "0010_network_tray.sql"
    for _, _, sql in earlier:
        for statement in statements(sql):
            conn.execute(statement)
    conn.execute("INSERT INTO network_contacts (id, name, strength, position, updated_at) "
                 "VALUES ('c1', 'Ana', 3, 0, '2026-01-01')")
    conn.execute(f"PRAGMA user_version = {earlier[-1][0]}")
    conn.commit()
    conn.close()
    with LearnerStore(path) as store:
        assert store.version == schema_version()
        assert load_tray(store) == ([], 0)
        assert [c.name for c in load_network(store).contact_list()] == ["Ana"]


# -- the map's state ----------------------------------------------------------------------

def _net() -> Network:
    return Network.from_records(
        Ego("Calder"),
        [Contact("c1", "Ana", inside=True, strength=5, circles=("Team",), sector="Retail"),
         Contact("c2", "Ben", inside=False, strength=2, circles=("Team", "MBA")),
         Contact("c3", "Chen", strength=1, types=("strategic", "personal")),
         Contact("c4", "Dee", inside=True, strength=3, circles=("Team",))],
        [Tie("c1", "c3", 4), Tie("c1", "c2", 0)],
        [Circle("Team", 2), Circle("MBA", 3), Circle("Empty", 1)])


def test_groups_of_each_grouping():
    net = _net()
    assert [g["key"] for g in groups(net, "inside")] == ["inside", "outside", "unknown"]
    # circles: every circle, an empty one too (to drop people in), then "no circle"
    assert [g["key"] for g in groups(net, "circle")] == ["Empty", "MBA", "Team", NONE_KEY]
    assert groups(net, "circle")[-1]["label"] == "no circle"
    assert [g["key"] for g in groups(net, "sector", extra=["Banking"])] == [
        "Banking", "Retail", NONE_KEY]
    with pytest.raises(ValueError, match="grouping must be one of"):
        groups(net, "colour")


def test_canvas_state_holds_what_the_store_holds():
    net = _net()
    state = canvas_state(net, "circle")
    keys = [g["key"] for g in state["groups"]]
    assert [(n["id"], n["strength"], keys[n["group"]]) for n in state["nodes"]] == [
        ("c1", 5, "Team"), ("c2", 2, "Team"), ("c3", 1, NONE_KEY), ("c4", 3, "Team")]
    assert state["nodes"][2]["types"] == ["personal", "strategic"]
    # pairwise ties, strength 0 kept ("they do not know each other")
    assert sorted(state["pairs"]) == [[0, 1, 0], [0, 2, 4]]
    # ties from circles: Team's three pairs less the pair that overrides it (c1-c2: 0)
    assert sorted(map(tuple, state["circle_ties"])) == [(0, 3, 2), (1, 3, 2)]
    assert state["circle_ties_total"] == 2
    assert [r["strength"] for r in state["rings"]] == [1, 2, 3, 4, 5]


def test_circle_ties_drawn_are_capped_at_the_strongest():
    people = [Contact(f"c{k}", f"P{k}", circles=("Big",)) for k in range(100)]
    net = Network.from_records(Ego(), people, [], [Circle("Big", 2)])
    state = canvas_state(net, "inside")
    assert state["circle_ties_total"] == 4950
    assert len(state["circle_ties"]) == min(4950, MAX_CIRCLE_TIES_DRAWN)


def test_empty_network_state():
    state = canvas_state(Network(), "inside")
    assert state["nodes"] == [] and state["pairs"] == [] and state["circle_ties"] == []


@pytest.mark.parametrize(("grouping", "group", "field", "value"), [
    ("inside", "outside", "inside", False),
    ("inside", "unknown", "inside", None),
    ("inside", "inside", "inside", True),
    ("circle", "Choir", "circles", ("Choir", "MBA")),
    ("circle", NONE_KEY, "circles", ("MBA",)),
    ("circle", "MBA", "circles", ("MBA",)),
    ("sector", "Banking", "sector", "Banking"),
    ("sector", NONE_KEY, "sector", ""),
    ("function", "Sales", "function", "Sales"),
])
def test_a_drop_sets_the_field_the_sectors_show(grouping, group, field, value):
    ben = _net().contact("c2")
    moved = dropped(ben, grouping, group, strength=4)
    assert getattr(moved, field) == value and moved.strength == 4
    assert group_key(moved, grouping) == (group if grouping != "circle" or group else "MBA")


def test_a_drop_is_checked_like_any_edit():
    ben = _net().contact("c2")
    with pytest.raises(InputError, match="strength"):
        dropped(ben, "inside", None, strength=9)
    with pytest.raises(ValueError, match="no sector"):
        dropped(ben, "inside", "Banking")
    assert dropped(ben, "inside") == ben


def test_types_on_and_off():
    chen = _net().contact("c3")
    assert with_type(chen, "operational").types == ("operational", "personal", "strategic")
    assert with_type(chen, "strategic", on=False).types == ("personal",)
    with pytest.raises(ValueError):
        with_type(chen, "family")


def test_state_after_store_edits_matches_a_fresh_load(store):
    add_network(store, _net())
    save_tie(store, "c3", "c4", 2)
    net = load_network(store)
    state = canvas_state(net, "inside")
    assert [(n["name"], n["strength"], n["inside"]) for n in state["nodes"]] == [
        (c.name, c.strength, c.inside) for c in net.contact_list()]
