"""The network views driven like a learner would: set values, click buttons.

Each step is its own view of the same store; an edit in one shows at once in the others.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import ipywidgets as w
import pytest

import coursekit as ck
from coursekit.network import add_network, load_sample_network
from coursekit.network.egogram import TIES
from coursekit.store import LearnerStore

TODAY = date(2025, 6, 1)


class Views:
    """Every step of notebook 03 on one store, as the notebook shows them."""

    def __init__(self, store, tmp_path=None):
        self.store = store
        self.profile = ck.network_profile(store)
        self.recall = ck.network_recall(store)
        self.form = ck.network_contacts(store)
        self.files = ck.network_files(store, export_dir=tmp_path and tmp_path / "exports")
        self.ties = ck.network_ties(store)
        self.map = ck.network_map(store)
        self.measures = ck.network_measures(store, today=TODAY)
        self.audit = ck.outsight_audit(store, today=TODAY)

    @property
    def network(self):
        return self.form.network

    @property
    def figure(self):
        return self.map.figure


@pytest.fixture
def views(tmp_path):
    store = LearnerStore(tmp_path / "learner.sqlite")
    yield Views(store, tmp_path)
    store.close()


def fill(views, name, **values):
    form = views.form
    form.new_button.click()
    form.name.value = name
    for key, value in values.items():
        getattr(form, key).value = value
    form.save_button.click()


def points(figure) -> int:
    return sum(len(t.x) for t in figure.data[1:6])


def test_add_and_edit_people_updates_the_map_and_measures_in_other_cells(views):
    assert "No contacts yet" in str(views.figure.layout.annotations)
    fill(views, "Ana", inside="inside", strength=4)
    assert views.network.size == 1 and points(views.figure) == 1
    assert "Saved Ana" in views.form.status.value
    fill(views, "Ben", inside="outside", sector="Retail")
    views.form.type_boxes["strategic"].value = True
    views.form.save_button.click()
    m = views.measures.measures
    assert m.size == 2 and m.ei_index == 0 and m.strategic_share == 0.5
    strategic = [t for t in views.figure.data if t.name == "strategic"][0]
    assert len(strategic.x) == 1
    before = [list(t.y) for t in views.figure.data[1:6]]
    views.form.picker.value = views.network.contacts["id"].iat[0]
    assert views.form.name.value == "Ana" and views.form.strength.value == 4
    views.form.strength.value = 1
    views.form.save_button.click()
    assert views.network.contact(views.form.picker.value).strength == 1
    assert before != [list(t.y) for t in views.figure.data[1:6]]  # Ana moved outwards
    assert "Contacts</th><td style='padding:2px 8px'>2<" in views.measures.table.value


def test_bad_input_is_explained_beside_the_form_and_not_saved(views):
    views.form.name.value = "   "
    views.form.save_button.click()
    assert "Not saved" in views.form.status.value and "name is empty" in views.form.status.value
    assert views.network.size == 0
    assert views.recall.status.value == ""  # the message is beside the form it belongs to


def test_over_long_fields_are_refused_beside_the_form(views):
    views.form.name.value = "N" * 201
    views.form.save_button.click()
    assert "at most 200 characters" in views.form.status.value
    fill(views, "Ana")
    views.form.notes.value = "n" * 10_001
    views.form.save_button.click()
    assert "at most 10,000 characters" in views.form.status.value
    assert views.network.contact(views.form.picker.value).notes == ""


def test_undo_brings_back_a_contact_whose_id_was_taken_meanwhile(views):
    from coursekit.network import add_contact

    fill(views, "Ana", circles="Team")
    fill(views, "Ben", circles="Team")
    ben = views.form.picker.value
    views.form.remove_button.click()
    cleo = add_contact(views.store, name="Cleo")  # another notebook adds someone meanwhile
    assert cleo.id == ben
    views.form.undo_button.click()
    net = views.network
    assert sorted(net.contacts["name"]) == ["Ana", "Ben", "Cleo"]
    assert net.contact(cleo.id).name == "Cleo", "undo overwrote another contact"
    back = net.contacts.loc[net.contacts["name"] == "Ben", "id"].iloc[0]
    assert net.contact(back).circles == ("Team",) and len(net.all_ties()) == 1


def test_names_are_escaped_in_status_and_hover(views):
    fill(views, "<script>alert(1)</script>")
    assert "<script>" not in views.form.status.value
    assert all("<script>" not in h for t in views.figure.data[1:6] for h in list(t.hovertext))


def test_recall_adds_people_with_hints_and_the_form_offers_them(views):
    views.recall.prompt.value = 2  # who outside your organisation knows your industry best?
    views.recall.names.value = "Kim\nLou\n\nkim"
    views.recall.add_button.click()
    net = views.network
    assert sorted(net.contacts["name"]) == ["Kim", "Lou"]
    assert set(net.contacts["inside"]) == {False}
    assert all("strategic" in t for t in net.contacts["types"])
    assert "Already on your list: kim" in views.recall.status.value
    assert [label for label, _ in views.form.picker.options][1:] == ["Kim", "Lou"]
    assert points(views.figure) == 2


def test_circles_and_pairs(views):
    for name in ("A", "B", "C"):
        fill(views, name)
    ids = list(views.network.contacts["id"])
    ties = views.ties
    ties.circle_name.value = "Team"
    ties.members.value = tuple(ids)
    ties.save_circle_button.click()
    assert views.measures.measures.density == 1
    ties_drawn = [s.path for s in views.figure.layout.shapes if s.name == TIES]
    assert ties_drawn[0].count("M") == 3  # three ties, one line each
    ties.person_a.value, ties.person_b.value = ids[0], ids[1]
    ties.tie_strength.value = 0
    ties.save_tie_button.click()
    assert views.measures.measures.density == pytest.approx(2 / 3)
    ties.delete_tie_button.click()
    assert views.measures.measures.density == 1
    ties.person_b.value = ""
    ties.save_tie_button.click()
    assert "pick person A and person B" in ties.status.value


def test_import_linkedin_and_merge_duplicates(views):
    data = (b"Notes:\nsome note\n\nFirst Name,Last Name,URL,Email Address,Company,Position,"
            b"Connected On\nAna,Ruiz,,,Calder Ltd,Lead,15 Mar 2021\n"
            b"Ben,Okafor,,,Northwind,Buyer,02 Jan 2019\n")
    views.profile.organisation.value = "Calder"
    views.profile.save_button.click()
    fill(views, "ana ruiz", strength=5)
    files = views.files
    files.import_bytes(data, "Connections.csv")
    assert "Imported Connections.csv" in files.status.value
    assert views.network.size == 3 and views.measures.measures.inside == 1
    assert files.duplicates.options[1][1].count(",") == 1
    files.duplicates.value = files.duplicates.options[1][1]
    files.merge_button.click()
    contacts = views.network.contacts
    assert dict(zip(contacts["name"], contacts["strength"], strict=True)) == {
        "ana ruiz": 5, "Ben Okafor": 1}


def test_upload_control_and_errors(views):
    views.files.upload.value = ({"name": "bad.csv", "type": "text/csv", "size": 3,
                                 "content": memoryview(b"PK\x03\x04zip"),
                                 "last_modified": datetime(2025, 1, 1, tzinfo=UTC)},)
    views.files.import_button.click()
    assert "Excel" in views.files.status.value and views.network.size == 0


def test_exports_are_offered_as_download_buttons(views):
    fill(views, "=cmd")
    paths = views.files.export("csv") + views.files.export("graphml")
    assert all(p.is_file() for p in paths)
    assert "'=cmd" in paths[0].read_text(encoding="utf-8-sig")
    assert "download='" + paths[-1].name + "'" in views.files.downloads.value
    assert "role='button'" in views.files.downloads.value


def test_network_is_there_after_a_restart(tmp_path):
    path = tmp_path / "learner.sqlite"
    with LearnerStore(path) as store:
        fill(Views(store), "Ana", inside="inside")
    with LearnerStore(path) as store:
        again = Views(store)
        assert list(again.network.contacts["name"]) == ["Ana"]
        assert points(again.figure) == 1


def test_demo_banner_and_every_control_labelled():
    from coursekit.demo import demo_store

    views = Views(demo_store("amara"))
    assert "Demo mode" in views.form.children[0].value
    assert views.network.size == 17 + 2  # the sample network, and two met since it

    def walk(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from walk(child)

    for part in (views.profile, views.recall, views.form, views.files, views.ties, views.map):
        for control in walk(part):
            if isinstance(control, (w.Text, w.Textarea, w.Dropdown, w.IntSlider, w.DatePicker,
                                    w.SelectMultiple, w.Checkbox, w.RadioButtons, w.Button,
                                    w.FileUpload)):
                assert control.description, control


def test_edit_is_fast_at_typical_size(tmp_path):
    import time

    store = LearnerStore(":memory:")
    add_network(store, load_sample_network("harris-after"))
    views = Views(store)
    views.form.picker.value = views.network.contacts["id"].iat[3]
    times = []
    for k in range(7):
        start = time.perf_counter()
        views.form.strength.value = 1 + k % 5
        views.form.save_button.click()
        times.append(time.perf_counter() - start)
    assert sorted(times)[3] < 0.5  # every view on the page updates; generous for CI


def test_comparison_with_harris_follows_the_learner(tmp_path):
    store = LearnerStore(tmp_path / "s.sqlite")
    comparison = ck.network_comparison(store, "harris-before", title="Harris before")
    assert [box.children[0] for box in comparison.box.children] == [
        m.output for m in comparison.maps]
    assert comparison.maps[0].figure.layout.title.text == "Harris before: 30 people"
    assert comparison.maps[1].figure.layout.title.text.startswith("You")
    assert comparison.maps[0].figure.layout.showlegend is False
    assert comparison.box.layout.flex_flow == "row wrap"  # one under the other when narrow
    recall = ck.network_recall(store)
    recall.names.value = "Ana\nBen\nCleo\nDee\nEd"
    recall.add_button.click()
    assert comparison.maps[1].figure.layout.title.text == "You: 5 people"
    shown = comparison.maps[1].output.outputs[0]["data"]
    assert shown["application/vnd.plotly.v1+json"]["layout"]["title"]["text"] == "You: 5 people"
    assert ">You</th>" in comparison.table.value
    assert "Contacts</th><td style='padding:2px 8px'>30</td><td style='padding:2px 8px'>5<" \
        in comparison.table.value


def test_two_samples_side_by_side():
    box = ck.sample_comparison("harris-before", "harris-after")
    shown = [b.children[0].outputs[0]["data"] for b in box.children[0].children]
    spec = shown[0]["application/vnd.plotly.v1+json"]
    assert "Harris before: 30 people" in spec["layout"]["title"]["text"]
    assert spec["config"]["showSendToCloud"] is False  # nothing offers to upload the map
    # Neither map has a legend of its own (beside the other it took the map's room and
    # wrapped over its names): one key below both names every colour and shape.
    assert [s["application/vnd.plotly.v1+json"]["layout"]["showlegend"] for s in shown] == [
        False, False]
    key = box.children[1].value
    assert all(words in key for words in ("operational", "strategic", "several types",
                                          "inside your organisation", "outside"))
    assert "E-I index" in box.children[2].value


def test_the_empty_name_message_reads_as_a_sentence(views):
    views.form.name.value = ""
    views.form.save_button.click()
    assert "Not saved: the name is empty. Fix: write a name or initials (only you will see " \
           "it)." in views.form.status.value
    assert "contact :" not in views.form.status.value


def test_a_second_person_of_the_same_name_is_saved_with_a_warning(views):
    """Two people can share initials: the save is kept, the learner is told how to tell
    them apart, and the Person list does."""
    views.form.name.value = "AK"
    views.form.role.value = "CFO"
    views.form.save_button.click()
    assert "\u2714 Saved AK." in views.form.status.value
    views.form.new_button.click()
    views.form.name.value = "AK"
    views.form.save_button.click()
    status = views.form.status.value
    assert views.network.size == 2
    assert "1 other person in your network is called AK too" in status
    assert "add an initial" in status and "role='status'" in status
    labels = [label for label, _ in views.form.picker.options]
    assert labels[0] == "(someone new)" and sorted(labels[1:]) == ["AK (2 of 2)", "AK (CFO)"]
    assert sorted(label for label, _ in views.ties.person_a.options) == [
        "(pick a person)", "AK (2 of 2)", "AK (CFO)"]  # and so do the pickers of a pair
    views.form.name.value = "AK B"  # told apart: no warning any more
    views.form.save_button.click()
    assert "\u2714 Saved AK B." in views.form.status.value
    assert sorted(label for label, _ in views.form.picker.options) == [
        "(someone new)", "AK", "AK B"]
