"""The sociogram widget driven as the page drives it: the same messages, traitlets set.

Each test sends what ``static/sociogram.js`` sends for a gesture (``canvas.receive`` is the
handler the widget registers with ``on_msg``) and checks three things: the store holds the
change, the widget's state shows exactly what the store holds, and the other views of the
network (measures, audit, map) follow.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import coursekit as ck
from coursekit.network import add_network, load_network
from coursekit.network.sociogram import NONE_KEY
from coursekit.network.tray import load_tray
from coursekit.store import LearnerStore
from coursekit.views.network.sociogram import STATIC, TRAY_PAGE, SociogramCanvas

FILES = Path(__file__).parent / "files" / "network"


class Page:
    """The widget and a counter of gestures, as the page keeps one."""

    def __init__(self, store, **kwargs):
        self.view = ck.sociogram(store, **kwargs)
        self.canvas: SociogramCanvas = self.view.canvas
        self.store = store
        self.seq = 0

    def send(self, kind, buffers=(), **content):
        self.seq += 1
        self.canvas.receive({"type": kind, "seq": self.seq, **content}, list(buffers))
        assert self.canvas.status["seq"] == self.seq
        return self.canvas.status

    def node(self, name):
        return next(n for n in self.canvas.state["nodes"] if n["name"] == name)

    def group_of(self, name):
        return self.canvas.state["groups"][self.node(name)["group"]]["key"]

    def shown_matches_store(self):
        """The map shows exactly what the store holds: people, rings, sectors, ties."""
        net = load_network(self.store)
        state = self.canvas.state
        keys = [g["key"] for g in state["groups"]]
        shown = {(n["id"], n["name"], n["strength"], keys[n["group"]], tuple(n["types"]))
                 for n in state["nodes"]}
        grouping = self.canvas.grouping
        stored = {(c.id, c.name, c.strength, ck_group(c, grouping), c.types)
                  for c in net.contact_list()}
        assert shown == stored
        ids = [n["id"] for n in state["nodes"]]
        pairs = {(*sorted((ids[i], ids[j])), w) for i, j, w in state["pairs"]}
        assert pairs == {(a, b, int(w)) for a, b, w in net.ties.itertuples(index=False)}


def ck_group(contact, grouping):
    from coursekit.network.sociogram import group_key

    return group_key(contact, grouping)


@pytest.fixture
def store():
    return LearnerStore(":memory:")


def _placed(page, *names, strength=3, group="inside"):
    page.send("recall", text="\n".join(names), prompt=0)
    for entry in list(page.canvas.tray["entries"]):
        if entry["name"] in names:
            page.send("place", tray=entry["id"], strength=strength, group=group)


def test_the_front_end_ships_in_the_package_and_is_what_the_widget_loads(store):
    canvas = ck.sociogram(store).canvas
    for name in ("sociogram.js", "sociogram.css"):
        assert (STATIC / name).is_file()
    assert "export default" in canvas._esm and "render" in canvas._esm
    assert ".ck-sg" in canvas._css
    # nothing is fetched at run time: no import, no fetch, no address but the SVG namespace
    import re

    code = canvas._esm + canvas._css
    assert not re.search(r"^\s*import\b|\bimport\(|\bfetch\(|XMLHttpRequest|@import", code,
                         re.MULTILINE)
    assert set(re.findall(r"https?://[^\s\"')]+", code)) == {"http://www.w3.org/2000/svg"}
    assert "sociogram" in ck.VIEWS and "sociogram" in dir(ck)


def test_recall_into_the_tray_then_onto_the_map(store):
    page = Page(store)
    status = page.send("recall", text="Ana\nBen\n\nana", prompt=2)
    assert status == {"seq": 1, "kind": "ok",
                      "text": "2 names in the tray. Already listed: ana."}
    entries = page.canvas.tray["entries"]
    assert [e["name"] for e in entries] == ["Ana", "Ben"]
    # the third recall question: outside the organisation, strategic
    assert entries[0]["inside"] is False and entries[0]["types"] == ["strategic"]
    assert page.canvas.state["nodes"] == []

    status = page.send("place", tray=entries[0]["id"], strength=4, group="inside")
    assert status["kind"] == "ok" and status["text"].startswith("Ana is on your map: close (4)")
    assert (page.node("Ana")["strength"], page.group_of("Ana")) == (4, "inside")
    assert [e["name"] for e in page.canvas.tray["entries"]] == ["Ben"]
    # "not sure" is set as dropped, over what the question suggested
    page.send("place", tray=page.canvas.tray["entries"][0]["id"], strength=2, group="unknown")
    assert load_network(store).contact(page.node("Ben")["id"]).inside is None
    page.shown_matches_store()


def test_moves_between_rings_and_sectors_save_at_once_and_other_views_follow(store):
    page = Page(store)
    measures, audit, the_map = (ck.network_measures(store), ck.outsight_audit(store),
                                ck.network_map(store))
    _placed(page, "Ana", "Ben", "Chen")
    before = (measures.table.value, audit.audit_html.value)
    ana = page.node("Ana")
    status = page.send("move", id=ana["id"], strength=5, group="outside", from_group="inside")
    assert status["text"] == "Ana: very close (5), outside."
    assert load_network(store).contact(ana["id"]).inside is False
    assert (page.node("Ana")["strength"], page.group_of("Ana")) == (5, "outside")
    assert measures.table.value != before[0]   # E-I index and constraint changed
    assert audit.audit_html.value != before[1]
    assert sum(len(t.x) for t in the_map.figure.data[1:6] if t.x is not None) == 3
    assert page.send("move", id=ana["id"], strength=5, group="outside")["text"] == \
        "Ana: no change."
    page.shown_matches_store()


def test_circles_as_sectors(store):
    page = Page(store, group_by="circle")
    _placed(page, "Ana", "Ben", group=NONE_KEY)
    page.send("group", name="  MBA   class ")
    assert [g["key"] for g in page.canvas.state["groups"]] == ["MBA class", NONE_KEY]
    for name in ("Ana", "Ben"):
        page.send("move", id=page.node(name)["id"], group="MBA class", from_group=NONE_KEY)
    net = load_network(store)
    assert net.circle_members()["MBA class"] == [page.node("Ana")["id"], page.node("Ben")["id"]]
    assert page.canvas.state["circle_ties_total"] == 1   # the circle ties them
    page.send("move", id=page.node("Ben")["id"], group=NONE_KEY, from_group="MBA class")
    assert page.group_of("Ben") == NONE_KEY
    page.shown_matches_store()


def test_sector_grouping_and_a_new_sector(store):
    page = Page(store)
    _placed(page, "Ana")
    page.canvas.grouping = "sector"       # the page's "Sectors show" menu
    assert [g["label"] for g in page.canvas.state["groups"]] == ["no sector"]
    assert page.send("group", name="Banking")["kind"] == "ok"
    page.send("move", id=page.node("Ana")["id"], group="Banking")
    assert load_network(store).contact(page.node("Ana")["id"]).sector == "Banking"
    assert page.send("group", name="")["kind"] == "error"
    page.canvas.grouping = "inside"
    assert page.send("group", name="Third")["text"].startswith("Not saved: inside / outside")
    page.shown_matches_store()


def test_ties_drawn_changed_and_removed(store):
    page = Page(store)
    measures = ck.network_measures(store)
    _placed(page, "Ana", "Ben")
    a, b = page.node("Ana")["id"], page.node("Ben")["id"]
    before = measures.table.value
    assert page.send("tie", a=a, b=b, strength=3)["text"] == \
        "Ana and Ben: they work together often (3)."
    assert page.canvas.state["pairs"] == [[0, 1, 3]]
    assert measures.table.value != before          # density 0 -> 1
    page.send("tie", a=b, b=a, strength=0)
    assert page.canvas.state["pairs"] == [[0, 1, 0]]
    page.shown_matches_store()
    page.send("untie", a=a, b=b)
    assert page.canvas.state["pairs"] == [] and len(load_network(store).ties) == 0
    status = page.send("tie", a=a, b=a, strength=2)
    assert status["kind"] == "error" and "to itself" in status["text"]
    status = page.send("tie", a=a, b=b, strength=9)
    assert status["kind"] == "error" and "0 to 5" in status["text"]
    page.shown_matches_store()


def test_type_bins_and_details_edits(store):
    page = Page(store)
    _placed(page, "Ana")
    ana = page.node("Ana")["id"]
    page.send("type", id=ana, network_type="strategic", on=True)
    page.send("type", id=ana, network_type="operational", on=True)
    assert page.node("Ana")["types"] == ["operational", "personal", "strategic"]
    page.send("type", id=ana, network_type="personal", on=False)
    assert load_network(store).contact(ana).types == ("operational", "strategic")
    assert page.send("type", id=ana, network_type="family")["kind"] == "error"
    page.send("edit", id=ana, changes={"name": "Ana Ruiz", "strength": 2, "inside": "outside"})
    saved = load_network(store).contact(ana)
    assert (saved.name, saved.strength, saved.inside) == ("Ana Ruiz", 2, False)
    page.shown_matches_store()


def test_bad_input_is_refused_beside_the_map_and_loses_nothing(store):
    page = Page(store)
    _placed(page, "Ana")
    ana = page.node("Ana")["id"]
    stored = load_network(store).contact(ana)
    for content in ({"name": "x" * 201}, {"name": "   "}, {"strength": 6},
                    {"seniority": 2}):
        status = page.send("edit", id=ana, changes=content)
        assert status["kind"] == "error" and status["text"].startswith("Not saved: ")
        assert load_network(store).contact(ana) == stored
    assert "shorten it to at most 200" in page.send("edit", id=ana,
                                                    changes={"name": "x" * 201})["text"]
    status = page.send("move", id="c999", strength=2)
    assert status["kind"] == "error" and "no longer in your network" in status["text"]
    status = page.send("recall", text="Ben\n" + "y" * 300, prompt=0)
    assert status["kind"] == "error" and "line 2" in status["text"]
    assert page.canvas.tray["total"] == 0
    assert page.send("dance")["text"] == "Not saved: unknown gesture 'dance'."
    assert page.send("import", name="empty.csv")["kind"] == "error"
    status = page.send("import", [b"not,a\nknown,format\n"], name="odd.csv")
    assert status["kind"] == "error"
    page.shown_matches_store()


def test_remove_and_undo(store):
    page = Page(store)
    _placed(page, "Ana", "Ben")
    a, b = page.node("Ana")["id"], page.node("Ben")["id"]
    page.send("tie", a=a, b=b, strength=4)
    page.send("remove", id=a)
    assert page.canvas.undo == "Ana" and [n["name"] for n in page.canvas.state["nodes"]] == ["Ben"]
    assert page.send("undo")["text"] == "Ana is back."
    assert page.canvas.undo == "" and [sorted(p[:2]) + p[2:] for p in
                                       page.canvas.state["pairs"]] == [[0, 1, 4]]
    assert page.send("undo")["kind"] == "error"
    page.shown_matches_store()


def test_linkedin_import_lands_in_the_tray_and_find_narrows_it(store):
    page = Page(store)
    data = (FILES / "linkedin_connections.csv").read_bytes()
    status = page.send("import", [memoryview(data)], name="Connections.csv")
    assert status["kind"] == "ok" and "in the tray" in status["text"]
    total = page.canvas.tray["total"]
    assert total > 0 and load_network(store).size == 0
    first = page.canvas.tray["entries"][0]["name"]
    page.canvas.tray_find = first[:3]
    assert all(first[:3].lower() in e["name"].lower() for e in page.canvas.tray["entries"])
    assert page.canvas.tray["all"] == total
    page.send("tray_remove", ids=[page.canvas.tray["entries"][0]["id"]])
    page.canvas.tray_find = ""
    assert page.canvas.tray["total"] == total - 1
    page.send("tray_clear")
    assert page.canvas.tray["total"] == 0


def test_a_long_tray_is_sent_a_page_at_a_time(store):
    page = Page(store)
    page.send("recall", text="\n".join(f"Person {k}" for k in range(TRAY_PAGE + 50)), prompt=0)
    assert page.canvas.tray["total"] == TRAY_PAGE + 50
    assert len(page.canvas.tray["entries"]) == TRAY_PAGE
    assert len(load_tray(store)[0]) == TRAY_PAGE + 50


def test_edits_elsewhere_show_on_the_map(store):
    page = Page(store)
    form = ck.network_contacts(store)
    form.name.value, form.strength.value, form.inside.value = "Dee", 5, "outside"
    form.save_button.click()
    assert (page.node("Dee")["strength"], page.group_of("Dee")) == (5, "outside")
    page.shown_matches_store()


def test_demo_mode_shows_a_sample_person_s_map():
    store = ck.open_store(demo=True)
    page = Page(store)
    assert len(page.canvas.state["nodes"]) > 5
    assert page.canvas.options["demo"] is True
    assert "Demo mode" in page.view.children[0].value
    page.shown_matches_store()


def test_wrong_grouping_is_refused_with_a_fix(store):
    with pytest.raises(ck.InputError, match="group_by must be one of"):
        ck.sociogram(store, "colour")


def test_150_contacts_state_is_complete(store):
    from benchmarks.bench_network import generated_network

    add_network(store, generated_network(150))
    page = Page(store)
    state = page.canvas.state
    assert len(state["nodes"]) == 150
    net = load_network(store)
    pair_ties = int((net.ties["strength"] > 0).sum())
    assert state["circle_ties_total"] + pair_ties == len(net.tie_arrays[0])
    page.shown_matches_store()


def test_the_measures_beside_the_map_speak_the_words_of_the_table_below(store):
    """No "density", "constraint" or "E-I index" beside the map: the headline rows' words."""
    from coursekit.network.measures import HEADLINE_ROWS

    page = Page(store)
    _placed(page, "Ana", "Ben", group="inside")
    summary = page.canvas.summary
    assert [label for label, _words in summary] == [label for label, _w, _h in HEADLINE_ROWS]
    assert dict(summary)["Contacts"] == "2"
    shown = " ".join(words for _label, words in summary).lower()
    assert not any(jargon in shown for jargon in ("density", "constraint", "e-i"))
