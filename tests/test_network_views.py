"""The network view driven like a learner would: set values, click buttons."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from coursekit.network import add_network, load_sample_network
from coursekit.store import LearnerStore
from coursekit.views.network import NetworkView, compare_networks

TODAY = date(2025, 6, 1)


@pytest.fixture
def view(tmp_path):
    store = LearnerStore(tmp_path / "learner.sqlite")
    yield NetworkView(store, export_dir=tmp_path / "exports", today=TODAY)
    store.close()


def fill(view, name, **values):
    view.new_button.click()
    view.name.value = name
    for key, value in values.items():
        getattr(view, key).value = value
    view.save_button.click()


def points(view) -> int:
    return sum(len(t.x) for t in view.figure.data[1:6])


def test_add_and_edit_contacts_updates_measures_and_map(view):
    assert "No contacts yet" in str(view.figure.layout.annotations)
    fill(view, "Ana", inside="inside", strength=4)
    assert view.network.size == 1 and points(view) == 1
    assert "Saved Ana" in view.status.value
    fill(view, "Ben", inside="outside", sector="Retail")
    view.type_boxes["strategic"].value = True
    view.save_button.click()
    assert view.measures.size == 2 and view.measures.ei_index == 0
    assert view.measures.strategic_share == 0.5
    strategic = [t for t in view.figure.data if t.name == "strategic"][0]
    assert len(strategic.x) == 1
    before = [list(t.y) for t in view.figure.data[1:6]]
    view.picker.value = view.network.contacts["id"].iat[0]
    assert view.name.value == "Ana" and view.strength.value == 4
    view.strength.value = 1
    view.save_button.click()
    assert view.network.contact(view.picker.value).strength == 1
    after = [list(t.y) for t in view.figure.data[1:6]]
    assert before != after  # Ana moved to the outer ring


def test_bad_input_is_explained_not_saved(view):
    view.name.value = "   "
    view.save_button.click()
    assert "Not saved" in view.status.value and "name is empty" in view.status.value
    assert view.network.size == 0


def test_over_long_fields_are_refused_beside_the_form(view):
    view.name.value = "N" * 201
    view.save_button.click()
    assert "Not saved" in view.status.value and "at most 200 characters" in view.status.value
    fill(view, "Ana")
    view.notes.value = "n" * 10_001
    view.save_button.click()
    assert "at most 10,000 characters" in view.status.value
    assert view.network.size == 1 and view.network.contact(view.picker.value).notes == ""


def test_undo_brings_back_a_contact_whose_id_was_taken_meanwhile(view):
    from coursekit.network import add_contact

    fill(view, "Ana", circles_text="Team")
    fill(view, "Ben", circles_text="Team")
    ben = view.picker.value
    view.remove_button.click()
    cleo = add_contact(view.store, name="Cleo")  # another notebook adds someone meanwhile
    assert cleo.id == ben
    view.undo_button.click()
    net = view.network
    assert sorted(net.contacts["name"]) == ["Ana", "Ben", "Cleo"]
    assert net.contact(cleo.id).name == "Cleo", "undo overwrote another contact"
    back = net.contacts.loc[net.contacts["name"] == "Ben", "id"].iloc[0]
    assert net.contact(back).circles == ("Team",) and len(net.all_ties()) == 1


def test_names_are_escaped_in_status_and_hover(view):
    fill(view, "<script>alert(1)</script>")
    assert "<script>" not in view.status.value
    assert all("<script>" not in h for t in view.figure.data[1:6] for h in list(t.hovertext))


def test_remove_and_undo(view):
    fill(view, "Ana", circles_text="Team")
    fill(view, "Ben", circles_text="Team")
    ben = view.picker.value
    view.remove_button.click()
    assert view.network.size == 1
    view.undo_button.click()
    net = view.network
    assert net.size == 2 and net.contact(ben).circles == ("Team",)
    assert len(net.all_ties()) == 1


def test_recall_prompt_adds_people_with_hints(view):
    view.prompt.value = 2  # who outside your organisation knows your industry best?
    view.recall_names.value = "Kim\nLou\n\nkim"
    view.recall_button.click()
    net = view.network
    assert sorted(net.contacts["name"]) == ["Kim", "Lou"]
    assert set(net.contacts["inside"]) == {False}
    assert all("strategic" in t for t in net.contacts["types"])
    assert "Already on your list: kim" in view.status.value


def test_circles_and_pairwise_ties(view):
    for name in ("A", "B", "C"):
        fill(view, name)
    ids = list(view.network.contacts["id"])
    view.circle_name.value = "Team"
    view.circle_members.value = tuple(ids)
    view.circle_save.click()
    assert view.measures.density == 1
    assert len(view.figure.data[0].x) == 9  # three ties, three points each
    view.tie_a.value, view.tie_b.value = ids[0], ids[1]
    view.tie_strength.value = 0
    view.tie_save.click()
    assert view.measures.density == pytest.approx(2 / 3)
    view.tie_delete.click()
    assert view.measures.density == 1


def test_import_linkedin_and_merge_duplicates(view):
    data = (b"Notes:\nsome note\n\nFirst Name,Last Name,URL,Email Address,Company,Position,"
            b"Connected On\nAna,Ruiz,,,Calder Ltd,Lead,15 Mar 2021\n"
            b"Ben,Okafor,,,Northwind,Buyer,02 Jan 2019\n")
    view.ego_org.value = "Calder"
    view.ego_save.click()
    fill(view, "ana ruiz", strength=5)
    view.import_bytes(data, "Connections.csv")
    assert "Imported Connections.csv" in view.status.value
    assert view.network.size == 3 and view.measures.inside == 1
    assert view.duplicates.options[1][1].count(",") == 1
    view.duplicates.value = view.duplicates.options[1][1]
    view.merge_button.click()
    assert view.network.size == 2
    contacts = view.network.contacts
    names = dict(zip(contacts["name"], contacts["strength"], strict=True))
    assert names == {"ana ruiz": 5, "Ben Okafor": 1}


def test_upload_control_and_errors(view):
    view.upload.value = ({"name": "bad.csv", "type": "text/csv", "size": 3,
                          "content": memoryview(b"PK\x03\x04zip"),
                          "last_modified": datetime(2025, 1, 1, tzinfo=UTC)},)
    view.import_button.click()
    assert "Excel" in view.status.value and view.network.size == 0


def test_exports_write_files(view, tmp_path):
    fill(view, "=cmd")
    paths = view.export("csv") + view.export("graphml")
    assert all(p.is_file() for p in paths)
    assert "'=cmd" in paths[0].read_text(encoding="utf-8-sig")


def test_network_is_there_after_a_restart(tmp_path):
    path = tmp_path / "learner.sqlite"
    with LearnerStore(path) as store:
        view = NetworkView(store)
        fill(view, "Ana", inside="inside")
    with LearnerStore(path) as store:
        again = NetworkView(store)
        assert list(again.network.contacts["name"]) == ["Ana"]
        assert points(again) == 1


def test_demo_banner_and_every_control_labelled():
    from coursekit.demo import demo_store

    view = NetworkView(demo_store("amara"))
    assert "Demo mode" in view.widget.children[0].value
    assert view.network.size == 17
    import ipywidgets as w

    def walk(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from walk(child)

    for control in walk(view.widget):
        if isinstance(control, (w.Text, w.Textarea, w.Dropdown, w.IntSlider, w.DatePicker,
                                w.SelectMultiple, w.Checkbox, w.RadioButtons, w.Button,
                                w.FileUpload)):
            assert control.description, control


def test_edit_is_fast_at_typical_size(tmp_path):
    import time

    store = LearnerStore(":memory:")
    add_network(store, load_sample_network("harris-after"))
    view = NetworkView(store)
    view.picker.value = view.network.contacts["id"].iat[3]
    times = []
    for k in range(7):
        start = time.perf_counter()
        view.strength.value = 1 + k % 5
        view.save_button.click()
        times.append(time.perf_counter() - start)
    assert sorted(times)[3] < 0.25  # about 20 ms on a laptop; generous for CI


def test_compare_networks_side_by_side():
    box = compare_networks(load_sample_network("harris-before"),
                           load_sample_network("harris-after"))
    figures = box.children[0].children
    assert len(figures) == 2
    assert "Before: 30 contacts" in figures[0].layout.title.text
    assert "E-I index" in box.children[1].value
