"""The network in the learner store: edits, transactions, re-opening, merging, checking."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coursekit import ContentError, InputError
from coursekit.demo import demo_store
from coursekit.network import (
    Circle,
    Contact,
    Ego,
    Network,
    add_contact,
    add_network,
    clear_network,
    delete_circle,
    delete_contact,
    delete_tie,
    find_duplicates,
    load_network,
    load_sample_network,
    merge_stored_contacts,
    save_circle,
    save_contact,
    save_ego,
    save_tie,
)
from coursekit.network.demo import fill_network
from coursekit.network.duplicates import merge_contacts
from coursekit.network.model import network_problems
from coursekit.network.samples import check_sample_networks, network_from_data
from coursekit.store import LearnerStore

REPO = Path(__file__).resolve().parent.parent


def test_network_survives_reopening(tmp_path):
    path = tmp_path / "learner.sqlite"
    with LearnerStore(path) as store:
        save_ego(store, Ego("Calder", "Manufacturing", "Finance"))
        ana = add_contact(store, name="Ana", inside=True, strength=4, types=("strategic",),
                          seniority=2, last_contact=date(2024, 3, 1), circles=("Team",))
        ben = add_contact(store, name="Ben", circles=("Team",))
        save_tie(store, ana.id, ben.id, 3)
    with LearnerStore(path) as store:
        net = load_network(store)
        assert net.ego == Ego("Calder", "Manufacturing", "Finance")
        assert net.contact(ana.id) == ana
        assert net.ties.values.tolist() == [[ana.id, ben.id, 3]]
        assert net.circle_members() == {"Team": [ana.id, ben.id]}
        assert store.load_exercise("network") == {}  # progress is read from the tables
        from coursekit.exercises import exercise

        assert exercise("network").progress(store).done == 3  # you, described, who knows whom


def test_each_edit_is_one_transaction(store):
    ana = add_contact(store, name="Ana")
    with pytest.raises(InputError):
        save_contact(store, Contact(ana.id, "Ana", strength=9))
    assert load_network(store).contact(ana.id).strength == 1
    with pytest.raises(InputError, match="no contact"):
        save_tie(store, ana.id, "c99", 2)
    with pytest.raises(InputError, match="no contact with id c42"):
        save_circle(store, Circle("Team"), members=[ana.id, "c42"])
    assert load_network(store).circles.empty  # the failed circle left nothing behind


def test_delete_contact_removes_ties_and_memberships(store):
    a = add_contact(store, name="A", circles=("T",))
    b = add_contact(store, name="B", circles=("T",))
    save_tie(store, a.id, b.id, 2)
    delete_contact(store, a.id)
    net = load_network(store)
    assert net.size == 1 and net.ties.empty and net.circle_members() == {"T": [b.id]}
    delete_circle(store, "T")
    assert load_network(store).contact(b.id).circles == ()


def test_pairwise_zero_and_delete_tie(store):
    a = add_contact(store, name="A", circles=("T",))
    b = add_contact(store, name="B", circles=("T",))
    assert len(load_network(store).all_ties()) == 1
    save_tie(store, a.id, b.id, 0)
    assert load_network(store).all_ties().empty
    delete_tie(store, b.id, a.id)
    assert len(load_network(store).all_ties()) == 1


def test_add_network_gives_fresh_ids_and_replace(store):
    add_contact(store, name="Existing")
    harris = load_sample_network("harris-before")
    net = add_network(store, harris)
    assert net.size == 31 and net.contacts["id"].is_unique
    assert len(net.all_ties()) == len(harris.all_ties())
    net = add_network(store, harris, replace_all=True)
    assert net.size == 30 and net.ego.organisation == "Brenmoor Components"
    clear_network(store)
    assert load_network(store).size == 0


def test_add_network_refuses_a_broken_network_and_writes_nothing(store):
    broken = Network.from_records(Ego(), [Contact("a", "A")], check=False)
    broken.ties.loc[0] = ["a", "ghost", 2]
    with pytest.raises(InputError, match="not in the network"):
        add_network(store, broken)
    assert load_network(store).size == 0


def test_duplicates_found_and_merged_without_loss(store):
    a = add_contact(store, name="José Martín", sector="Banking", strength=2,
                    last_contact=date(2023, 1, 1), circles=("MBA",))
    b = add_contact(store, name="martin, jose", sector="Retail", role="CFO", strength=4,
                    types=("strategic",), last_contact=date(2024, 1, 1), notes="met in Lyon")
    c = add_contact(store, name="Li Wei")
    save_tie(store, b.id, c.id, 3)
    save_tie(store, a.id, b.id, 2)
    net = load_network(store)
    assert find_duplicates(net) == [[a.id, b.id]]
    problem = [p for p in network_problems(net) if not p.blocking][0]
    assert "same person" in problem.problem and "merge" in problem.fix
    kept = merge_stored_contacts(store, [a.id, b.id])
    net = load_network(store)
    assert net.size == 2
    assert kept.sector == "Banking" and "sector Retail" in kept.notes
    assert "met in Lyon" in kept.notes and "also listed as martin, jose" in kept.notes
    assert kept.role == "CFO" and kept.strength == 4 and kept.types == ("strategic",)
    assert kept.last_contact == date(2024, 1, 1) and kept.circles == ("MBA",)
    assert net.ties.values.tolist() == [[a.id, c.id, 3]]


def test_network_problems_are_clear():
    net = Network.from_records(Ego(), [Contact("a", "A"), Contact("b", "B")], check=False)
    net.contacts.loc[1, "id"] = "a"
    net.ties.loc[0] = ["a", "zz", 1]
    text = "\n".join(str(p) for p in network_problems(net))
    assert "contact id a: is used by more than one contact (A, B)" in text
    assert "names a contact that is not in the network (zz)" in text
    with pytest.raises(InputError):
        Network.from_records(Ego(), [Contact("a", "A"), Contact("a", "B")])


def test_merge_needs_two_known_contacts():
    net = Network.from_records(Ego(), [Contact("a", "A")])
    with pytest.raises(InputError):
        merge_contacts(net, ["a"])
    with pytest.raises(InputError, match="no contact with id b"):
        merge_contacts(net, ["a", "b"])


# -- samples and demo ------------------------------------------------------------------------

def test_samples_shift_dates_to_today():
    a = load_sample_network("harris-before", today=date(2024, 6, 1))
    b = load_sample_network("harris-before", today=date(2030, 6, 1))
    assert a.contact("h01").last_contact == date(2024, 5, 30)
    assert b.contact("h01").last_contact.year == 2030


def test_unknown_sample_lists_known():
    with pytest.raises(KeyError, match="harris-after"):
        load_sample_network("nobody")


def test_sample_networks_are_valid_and_fictitious_names_only():
    assert check_sample_networks(REPO) == []


def test_bad_inline_network_names_file_and_place():
    data = {"contacts": [{"id": "x1", "name": "A", "strength": 8},
                         {"id": "x2", "name": "B", "types": ["strategc"], "colour": "red"}],
            "ties": [{"a": "x1", "b": "x9"}]}
    with pytest.raises(ContentError) as err:
        network_from_data(data, "samples/people/p.yaml", "network")
    text = str(err.value)
    assert "samples/people/p.yaml: network.contacts[0]" in text and "strength" in text
    assert "network.contacts[1]: types: 'strategc' is not a network type" in text
    assert "network.contacts[1]: colour: is not a known field" in text


def test_fill_network_from_sample_and_inline():
    store = LearnerStore(":memory:", demo=True)
    fill_network(store, {"sample": "harris-after"}, "samples/people/x.yaml")
    assert load_network(store).size == 37
    fill_network(store, {"contacts": [{"id": "p1", "name": "Pat", "inside": False}]},
                 "samples/people/x.yaml")
    assert load_network(store).size == 1
    with pytest.raises(ContentError, match="network: sample: 'nope' is not a sample network"):
        fill_network(store, {"sample": "nope"}, "samples/people/x.yaml")


def test_demo_people_have_networks():
    assert load_network(demo_store("amara")).size == 17
    assert load_network(demo_store("harris")).size == 30
