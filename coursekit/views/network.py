"""Map your network: enter, import and edit contacts; see the map, measures and audit.

:class:`NetworkView` holds the controls; all the work is done by :mod:`coursekit.network`.
Every edit is saved at once (one store transaction) and the map, the measures and the
out-sight audit update in place. :func:`compare_networks` draws two networks side by side
(Harris before and after).

Examples
--------
>>> from coursekit.store import LearnerStore
>>> view = NetworkView(LearnerStore(":memory:"))
>>> view.name.value = "Ana"
>>> view.save_button.click()
>>> view.network.size
1
"""

from __future__ import annotations

import math
import tempfile
from datetime import date
from pathlib import Path

import ipywidgets as widgets
import numpy as np

from .._render import render
from .._text import escape_html
from ..network import (
    NETWORK_TYPES,
    NEW_ID,
    STRENGTH_SCALE,
    Circle,
    Contact,
    Ego,
    Network,
    add_network,
    delete_circle,
    delete_contact,
    delete_tie,
    egogram,
    find_duplicates,
    import_file,
    load_network,
    measures_table,
    merge_stored_contacts,
    network_measures,
    normalise_name,
    outsight,
    restore_contact,
    save_circle,
    save_contact,
    save_ego,
    save_tie,
    write_csv,
    write_graphml,
)
from ..network.egogram import GROUPING_LABELS, GROUPINGS, egogram_spec
from ..network.measures import compare_measures
from ..network.model import format_circles
from ..store import LearnerStore
from ._common import LEARNER_ERRORS, demo_banner
from ._figures import figure_widget

#: Name-generator prompts: (question, what an answer suggests about the person).
RECALL_PROMPTS: tuple[tuple[str, dict], ...] = (
    ("Who do you turn to when you need advice on a hard decision at work?",
     {"types": ("personal",)}),
    ("Who helps you get things done in your job as it is today?", {"types": ("operational",)}),
    ("Who outside your organisation knows your industry best?",
     {"inside": False, "types": ("strategic",)}),
    ("Who two levels above you knows your work?", {"seniority": 2, "types": ("strategic",)}),
    ("Who could tell you where your field is heading in the next five years?",
     {"types": ("strategic",)}),
    ("Who has made the kind of move you are thinking about?", {"types": ("strategic",)}),
    ("Which former colleague or schoolmate have you not spoken to for a year or more?",
     {"types": ("personal",)}),
    ("Whom have you talked with about work in the last two weeks?", {}),
)
TYPE_HELP = {"operational": "operational: gets today's job done",
             "personal": "personal: support, friendship, advice",
             "strategic": "strategic: shows where you could go"}
NEW = ""
_WIDE = {"description_width": "150px"}
_FULL = widgets.Layout(width="520px")


def _label(text: str) -> widgets.HTML:
    return widgets.HTML(f"<b>{escape_html(text)}</b>")


class NetworkView:
    """The whole exercise: entry, ties, import/export, map, measures and audit.

    ``widget`` shows it all in tabs; a notebook can also show one step at a time:
    ``profile_box``, ``recall_box``, ``contact_box``, ``import_box``, ``ties_box``,
    ``map_box``, ``measures_html`` and ``audit_html`` (they all stay live).

    Parameters
    ----------
    store : LearnerStore
        Where the network lives; demo stores show a banner.
    export_dir : path, optional
        Where the export buttons write (default: an ``exports`` folder next to the store,
        or a temporary folder for a store in memory).
    group_by : str
        What the map's sectors show at first (see :data:`~coursekit.network.egogram.GROUPINGS`).
    today : date, optional
        The day stale ties are counted from (tests fix it).
    """

    def __init__(self, store: LearnerStore, *, export_dir: str | Path | None = None,
                 group_by: str = "inside", today: date | None = None):
        self.store = store
        self.today = today
        self.export_dir = Path(export_dir) if export_dir else (
            Path(tempfile.gettempdir()) / "coursekit-exports" if store.in_memory
            else store.path.parent / "exports")
        self.network: Network = load_network(store)
        self._removed: tuple[Contact, list] | None = None
        self.status = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        self._build_contact_form()
        self._build_recall()
        self._build_ties()
        self._build_import_export()
        self._build_results(group_by)
        tabs = widgets.Tab(children=[
            widgets.VBox([self.recall_box, self.contact_box]),
            self.ties_box, widgets.VBox([self.profile_box, self.import_box])])
        tabs.titles = ("Add and edit people", "Who knows whom", "Profile, import, export")
        self.widget = widgets.VBox([demo_banner(store), tabs, self.status, self.results_box])
        self.refresh()

    def _ipython_display_(self):  # pragma: no cover - notebook display
        from IPython.display import display

        display(self.widget)

    # -- building the controls ---------------------------------------------------------

    def _build_contact_form(self) -> None:
        self.picker = widgets.Dropdown(description="Contact", style=_WIDE, layout=_FULL)
        self.name = widgets.Text(description="Name or initials", style=_WIDE, layout=_FULL,
                                 placeholder="only you see names")
        self.inside = widgets.Dropdown(
            description="Works", style=_WIDE, value=NEW,
            options=[("inside or outside: not sure", NEW), ("inside my organisation", "inside"),
                     ("outside my organisation", "outside")])
        self.organisation = widgets.Text(description="Organisation", style=_WIDE, layout=_FULL)
        self.sector = widgets.Text(description="Sector / industry", style=_WIDE, layout=_FULL)
        self.function = widgets.Text(description="Function", style=_WIDE, layout=_FULL,
                                     placeholder="e.g. finance, sales, engineering")
        self.role = widgets.Text(description="Role", style=_WIDE, layout=_FULL)
        self.seniority = widgets.Dropdown(
            description="Seniority", style=_WIDE, value=NEW,
            options=[("not sure", NEW)] + [
                (f"{k:+d}: {abs(k)} level{'s' if abs(k) > 1 else ''} "
                 f"{'above' if k > 0 else 'below'} me" if k else "0: my level", str(k))
                for k in range(5, -6, -1)])
        self.type_boxes = {t: widgets.Checkbox(description=TYPE_HELP[t], indent=False)
                           for t in NETWORK_TYPES}
        self.strength = widgets.IntSlider(value=3, min=1, max=5, description="Closeness",
                                          style=_WIDE)
        self.strength_help = widgets.HTML()
        self.strength.observe(self._show_strength, "value")
        self._show_strength()
        self.last_contact = widgets.DatePicker(description="Last real talk", style=_WIDE)
        self.circles_text = widgets.Text(description="Circles", style=_WIDE, layout=_FULL,
                                         placeholder="who know each other: My team; MBA class")
        self.notes = widgets.Textarea(description="Notes", style=_WIDE, layout=_FULL, rows=2)
        self.save_button = widgets.Button(description="Save contact", button_style="primary",
                                          icon="check", tooltip="Save this person")
        self.new_button = widgets.Button(description="New contact", icon="plus",
                                         tooltip="Clear the form for a new person")
        self.remove_button = widgets.Button(description="Remove contact", icon="trash",
                                            button_style="warning",
                                            tooltip="Remove this person and their ties")
        self.undo_button = widgets.Button(description="Undo remove", icon="undo",
                                          disabled=True, tooltip="Bring back the last removed")
        self.picker.observe(self._pick, "value")
        self.save_button.on_click(lambda _: self.save_form())
        self.new_button.on_click(lambda _: self._set_picker(NEW))
        self.remove_button.on_click(lambda _: self.remove_selected())
        self.undo_button.on_click(lambda _: self.undo_remove())
        self.contact_box = widgets.VBox([
            _label("A person: pick one to edit, or fill in a new one"),
            self.picker, self.name, self.inside, self.organisation, self.sector,
            self.function, self.role, self.seniority,
            widgets.HBox([widgets.HTML("Network types:", layout=widgets.Layout(width="150px")),
                          widgets.VBox(list(self.type_boxes.values()))]),
            widgets.HBox([self.strength, self.strength_help]), self.last_contact,
            self.circles_text, self.notes,
            widgets.HBox([self.save_button, self.new_button, self.remove_button,
                          self.undo_button])])

    def _build_recall(self) -> None:
        self.prompt = widgets.Dropdown(
            description="Recall prompt", style=_WIDE, layout=widgets.Layout(width="720px"),
            options=[(q, k) for k, (q, _) in enumerate(RECALL_PROMPTS)], value=0)
        self.recall_names = widgets.Textarea(
            description="Names, one a line", style=_WIDE, rows=4, layout=_FULL,
            placeholder="first names or initials are enough")
        self.recall_button = widgets.Button(description="Add these people", icon="user-plus",
                                            tooltip="Add each line as a contact")
        self.recall_button.on_click(lambda _: self.add_recalled())
        self.recall_box = widgets.VBox([
            _label("Recall: answer a question with the names that come to mind"),
            self.prompt, self.recall_names, self.recall_button])

    def _build_ties(self) -> None:
        self.circle_picker = widgets.Dropdown(description="Circle", style=_WIDE, layout=_FULL)
        self.circle_name = widgets.Text(description="Circle name", style=_WIDE, layout=_FULL,
                                        placeholder="e.g. My team, MBA classmates")
        self.circle_strength = widgets.IntSlider(value=2, min=1, max=5, style=_WIDE,
                                                 description="Know each other")
        self.circle_members = widgets.SelectMultiple(
            description="Members", style=_WIDE, rows=10, layout=_FULL)
        self.circle_save = widgets.Button(description="Save circle", button_style="primary",
                                          icon="check")
        self.circle_delete = widgets.Button(description="Delete circle", icon="trash",
                                            tooltip="Members stay; only the circle goes")
        self.circle_picker.observe(self._pick_circle, "value")
        self.circle_save.on_click(lambda _: self.save_circle_form())
        self.circle_delete.on_click(lambda _: self.delete_circle_selected())
        self.tie_a = widgets.Dropdown(description="Person A", style=_WIDE, layout=_FULL)
        self.tie_b = widgets.Dropdown(description="Person B", style=_WIDE, layout=_FULL)
        self.tie_strength = widgets.IntSlider(value=2, min=0, max=5, style=_WIDE,
                                              description="They know each other")
        self.tie_save = widgets.Button(description="Save tie", button_style="primary",
                                       icon="check")
        self.tie_delete = widgets.Button(description="Remove tie", icon="trash")
        self.tie_save.on_click(lambda _: self.save_tie_form())
        self.tie_delete.on_click(lambda _: self.delete_tie_form())
        self.ties_summary = widgets.HTML()
        self.ties_box = widgets.VBox([
            widgets.HTML("<p>Asking about every pair soon becomes too much (20 people make "
                         "190 pairs). Put people who know each other into a <b>circle</b>; "
                         "then record the few pairs that matter. A pair's own tie overrides "
                         "the circles; strength 0 means they do not know each other.</p>"),
            _label("Circles"), self.circle_picker, self.circle_name, self.circle_strength,
            self.circle_members, widgets.HBox([self.circle_save, self.circle_delete]),
            _label("A pair"), self.tie_a, self.tie_b, self.tie_strength,
            widgets.HBox([self.tie_save, self.tie_delete]), self.ties_summary])

    def _build_import_export(self) -> None:
        ego = self.network.ego
        self.ego_org = widgets.Text(value=ego.organisation, description="My organisation",
                                    style=_WIDE, layout=_FULL)
        self.ego_sector = widgets.Text(value=ego.sector, description="My sector",
                                       style=_WIDE, layout=_FULL)
        self.ego_function = widgets.Text(value=ego.function, description="My function",
                                         style=_WIDE, layout=_FULL)
        self.ego_save = widgets.Button(description="Save my profile", icon="check")
        self.ego_save.on_click(lambda _: self.save_profile())
        self.upload = widgets.FileUpload(accept=".csv,.txt", multiple=False,
                                         description="Choose CSV file")
        self.import_mode = widgets.RadioButtons(
            description="Imported people", style=_WIDE, value="add",
            options=[("add to my network", "add"), ("replace my network", "replace")])
        self.import_button = widgets.Button(description="Import", icon="upload",
                                            button_style="primary")
        self.import_button.on_click(lambda _: self.import_uploaded())
        self.export_csv = widgets.Button(description="Export CSV", icon="download")
        self.export_graphml = widgets.Button(description="Export GraphML", icon="download",
                                             tooltip="Opens in Gephi")
        self.export_csv.on_click(lambda _: self.export("csv"))
        self.export_graphml.on_click(lambda _: self.export("graphml"))
        self.duplicates = widgets.Dropdown(description="Likely duplicates", style=_WIDE,
                                           layout=_FULL)
        self.merge_button = widgets.Button(description="Merge them", icon="compress",
                                           tooltip="Keep one, nothing is lost")
        self.merge_button.on_click(lambda _: self.merge_selected())
        self.profile_box = widgets.VBox([
            _label("You (the centre of the map)"), self.ego_org, self.ego_sector,
            self.ego_function, self.ego_save])
        self.import_box = widgets.VBox([
            _label("Import"),
            widgets.HTML("<p>LinkedIn's <i>Connections.csv</i> (Settings, Data privacy, Get "
                         "a copy of your data) or the coursekit template (see "
                         "<code>docs/network-csv.md</code>). Your organisation above decides "
                         "who is suggested as inside.</p>"),
            widgets.HBox([self.upload, self.import_mode, self.import_button]),
            _label("Export (files stay on this computer: they hold names)"),
            widgets.HBox([self.export_csv, self.export_graphml]),
            _label("A person listed twice"),
            widgets.HBox([self.duplicates, self.merge_button])])

    def _build_results(self, group_by: str) -> None:
        self.group_by = widgets.Dropdown(
            description="Group contacts by", style=_WIDE,
            options=[(GROUPING_LABELS[g], g) for g in GROUPINGS], value=group_by,
            layout=widgets.Layout(width="460px"))
        self.group_by.observe(lambda _: self._update_figure(), "value")
        # A live figure (updated in place), with no "Share chart" button.
        self.figure = figure_widget(egogram(self.network, group_by=group_by))
        self.measures_html = widgets.HTML()
        self.audit_html = widgets.HTML()
        self.map_box = widgets.VBox([self.group_by, self.figure])
        self.results_box = widgets.VBox([
            self.map_box, widgets.HBox([self.measures_html, self.audit_html])])

    # -- reading the form -----------------------------------------------------------------

    def _show_strength(self, _change=None) -> None:
        self.strength_help.value = f"<i>{escape_html(STRENGTH_SCALE[self.strength.value])}</i>"

    def _set_picker(self, value: str) -> None:
        if self.picker.value == value:
            self._pick()
        else:
            self.picker.value = value

    def _pick(self, _change=None) -> None:
        cid = self.picker.value
        if not cid:
            contact = Contact(NEW, "", strength=3)
        else:
            contact = self.network.contact(cid)
        self.name.value = contact.name
        self.inside.value = {True: "inside", False: "outside"}.get(contact.inside, NEW)
        self.organisation.value = contact.organisation
        self.sector.value = contact.sector
        self.function.value = contact.function
        self.role.value = contact.role
        self.seniority.value = NEW if contact.seniority is None else str(contact.seniority)
        for t, box in self.type_boxes.items():
            box.value = t in contact.types
        self.strength.value = contact.strength
        self.last_contact.value = contact.last_contact
        self.circles_text.value = format_circles(contact.circles)
        self.notes.value = contact.notes
        self.remove_button.disabled = not cid

    def form_contact(self) -> Contact:
        """The contact described by the form (id: the one picked, or a new one)."""
        return Contact(
            id=self.picker.value or NEW_ID, name=self.name.value,
            inside={"inside": True, "outside": False}.get(self.inside.value),
            organisation=self.organisation.value, sector=self.sector.value,
            function=self.function.value, role=self.role.value,
            seniority=int(self.seniority.value) if self.seniority.value else None,
            types=tuple(t for t, box in self.type_boxes.items() if box.value),
            strength=self.strength.value, last_contact=self.last_contact.value,
            circles=self.circles_text.value, notes=self.notes.value)

    # -- edits (each one store transaction, then refresh) ------------------------------

    def _run(self, action, done=None) -> bool:
        try:
            action()
        except LEARNER_ERRORS as exc:
            self._say(str(exc), error=True)
            return False
        self.refresh()
        if done:
            self._say(done() if callable(done) else done)
        return True

    def _say(self, text: str, *, error: bool = False) -> None:
        colour = "#D55E00" if error else "#333333"
        role = "alert" if error else "status"
        body = escape_html(text).replace("\n", "<br>")
        self.status.value = (f'<div role="{role}" style="color:{colour}">'
                             f'{"Not saved: " if error else ""}{body}</div>')

    def save_form(self) -> None:
        """Save the person in the form (new or edited)."""
        contact = self.form_contact()
        saved: list[Contact] = []
        if self._run(lambda: saved.append(save_contact(self.store, contact)),
                     f"Saved {contact.name.strip()}."):
            self._set_picker(saved[0].id)

    def remove_selected(self) -> None:
        """Remove the picked person (Undo brings them back with their ties)."""
        cid = self.picker.value
        if not cid:
            return
        contact = self.network.contact(cid)
        ties = self.network.ties[(self.network.ties["a"] == cid) |
                                 (self.network.ties["b"] == cid)].values.tolist()
        self._removed = (contact, ties)
        self._run(lambda: delete_contact(self.store, cid),
                  f"Removed {contact.name}. Undo brings them back.")
        self.undo_button.disabled = False
        self._set_picker(NEW)

    def undo_remove(self) -> None:
        """Bring back the last removed person, with their circles and ties."""
        if not self._removed:
            return
        contact, ties = self._removed

        restored: list[Contact] = []
        if self._run(lambda: restored.append(restore_contact(self.store, contact, ties)),
                     f"{contact.name} is back."):
            self._removed = None
            self.undo_button.disabled = True
            self._set_picker(restored[0].id)

    def add_recalled(self) -> None:
        """Add each name typed under the recall prompt, with what the prompt suggests."""
        _, hints = RECALL_PROMPTS[self.prompt.value]
        lines = [" ".join(x.split()) for x in self.recall_names.value.splitlines()]
        known = {normalise_name(n) for n in self.network.contacts["name"]}
        added, skipped = [], []

        def add_all():
            for name in lines:
                if not name:
                    continue
                if normalise_name(name) in known:
                    skipped.append(name)
                    continue
                save_contact(self.store, Contact(NEW_ID, name, strength=3, **hints))
                known.add(normalise_name(name))
                added.append(name)

        def message() -> str:
            text = f"Added {len(added)}: pick each one to fill in more."
            if skipped:
                text += f" Already on your list: {', '.join(skipped)}."
            return text

        if self._run(add_all, message):
            self.recall_names.value = ""

    def _pick_circle(self, _change=None) -> None:
        name = self.circle_picker.value
        members = self.network.circle_members().get(name, []) if name else []
        circles = self.network.circles
        strength = dict(zip(circles["name"], circles["strength"], strict=True))
        self.circle_name.value = name or ""
        self.circle_strength.value = max(1, int(strength.get(name, 2)))
        self.circle_members.value = tuple(members)

    def save_circle_form(self) -> None:
        """Save the circle with the members selected."""
        name = " ".join(self.circle_name.value.split())
        old = self.circle_picker.value

        def save():
            if old and old != name:
                delete_circle(self.store, old)
            save_circle(self.store, Circle(name, self.circle_strength.value),
                        members=list(self.circle_members.value))

        if self._run(save, f"Saved circle {name}: {len(self.circle_members.value)} people "
                           f"who know each other."):
            self.circle_picker.value = name

    def delete_circle_selected(self) -> None:
        """Delete the picked circle (its members stay)."""
        name = self.circle_picker.value
        if name:
            self._run(lambda: delete_circle(self.store, name), f"Deleted circle {name}.")

    def save_tie_form(self) -> None:
        """Record the tie between person A and person B."""
        a, b = self.tie_a.value, self.tie_b.value
        if not a or not b:
            self._say("Pick person A and person B.", error=True)
            return
        self._run(lambda: save_tie(self.store, a, b, self.tie_strength.value), "Tie saved.")

    def delete_tie_form(self) -> None:
        """Forget the pair's own tie (circles apply again)."""
        a, b = self.tie_a.value, self.tie_b.value
        if a and b:
            self._run(lambda: delete_tie(self.store, a, b), "Tie removed.")

    def save_profile(self) -> None:
        """Save the learner's organisation, sector and function."""
        self._run(lambda: save_ego(self.store, Ego(self.ego_org.value, self.ego_sector.value,
                                                   self.ego_function.value)),
                  "Profile saved.")

    def import_bytes(self, data: bytes, name: str) -> None:
        """Import a CSV (LinkedIn or template) given as bytes."""
        org = self.ego_org.value or self.network.ego.organisation
        result: list = []

        def do_import():
            imported = import_file(data, org, name=name)
            result.append(imported)
            network = imported.network
            if self.import_mode.value == "replace":
                ego = Ego(org, self.ego_sector.value, self.ego_function.value)
                network = Network(ego, network.contacts, network.ties, network.circles)
            add_network(self.store, network, replace_all=self.import_mode.value == "replace")

        if self._run(do_import) and result:
            self._say(f"Imported {name}: {result[0]}")

    def import_uploaded(self) -> None:
        """Import the file chosen in the upload control."""
        if not self.upload.value:
            self._say("Choose a CSV file first.", error=True)
            return
        item = self.upload.value[0]
        self.import_bytes(bytes(item["content"]), item["name"])
        self.upload.value = ()

    def export(self, kind: str) -> list[Path]:
        """Write the network to the export folder as CSV (contacts and ties) or GraphML."""
        self.export_dir.mkdir(parents=True, exist_ok=True)
        stamp = date.today().isoformat()
        if kind == "csv":
            paths = write_csv(self.network, self.export_dir / f"network-{stamp}.csv")
        else:
            paths = [write_graphml(self.network, self.export_dir / f"network-{stamp}.graphml")]
        self._say("Written (these files hold names: keep them to yourself): "
                  + ", ".join(str(p) for p in paths))
        return paths

    def merge_selected(self) -> None:
        """Merge the likely duplicates picked (into the first; nothing is lost)."""
        if not self.duplicates.value:
            return
        ids = self.duplicates.value.split(",")
        self._run(lambda: merge_stored_contacts(self.store, ids),
                  "Merged: the details of both are kept (differences are in the notes).")

    # -- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the network from the store; update lists, map, measures and audit."""
        self.network = load_network(self.store)
        net = self.network
        names = list(zip(net.contacts["name"].astype(str), net.contacts["id"], strict=False))
        choices = sorted(names, key=lambda p: p[0].casefold())
        keep = self.picker.value if self.picker.value in net.contacts["id"].values else NEW
        self.picker.options = [("(new contact)", NEW)] + choices
        self.picker.value = keep
        for box in (self.tie_a, self.tie_b):
            current = box.value
            box.options = [("(pick a person)", NEW)] + choices
            box.value = current if current in net.contacts["id"].values else NEW
        self.circle_members.options = choices
        circles = list(net.circle_members())
        current = self.circle_picker.value
        self.circle_picker.options = [("(new circle)", NEW)] + [(c, c) for c in circles]
        self.circle_picker.value = current if current in circles else NEW
        groups = find_duplicates(net)
        by_id = net.names()
        self.duplicates.options = [("(none found)" if not groups else "(pick a group)", NEW)] + [
            (" / ".join(by_id[c] for c in g), ",".join(g)) for g in groups]
        self.merge_button.disabled = not groups
        self.ties_summary.value = (f"<p>{len(net.ties)} pairwise tie(s) recorded; "
                                   f"{len(net.tie_arrays[0])} ties in all, circles included."
                                   f"</p>")
        self._update_figure()
        self._update_measures()

    def _update_figure(self) -> None:
        """Update the map in place: same traces, new data (no new figure is drawn).

        Only what changed is sent: plotly checks every property set, so skipping the
        unchanged rings and sector labels keeps an edit fast.
        """
        new = egogram_spec(self.network, group_by=self.group_by.value)
        last = getattr(self, "_shown", None)
        fig = self.figure
        with fig.batch_update():
            for k, (target, source) in enumerate(zip(fig.data, new["data"], strict=False)):
                before = last["data"][k] if last else {}
                for key in ("x", "y", "text", "hovertext", "showlegend", "marker"):
                    if key in source and not _same(source[key], before.get(key)):
                        setattr(target, key, source[key])
            layout = new["layout"]
            for key in ("shapes", "annotations", "title"):
                if not last or not _same(layout[key], last["layout"][key]):
                    setattr(fig.layout, key, layout[key])
        self._shown = new

    def _update_measures(self) -> None:
        m = network_measures(self.network, today=self.today)
        audit = outsight(self.network, measures=m)
        self.measures = m
        self.audit = audit
        self.measures_html.value = measures_html(measures_table(m))
        self.audit_html.value = audit_html(audit)


def _same(a, b) -> bool:
    """Whether two plotly property values (dicts, lists, numpy arrays) are equal."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple, np.ndarray)) or isinstance(b, (list, tuple, np.ndarray)):
        if b is None or a is None or len(a) != len(b):
            return False
        return all(_same(x, y) for x, y in zip(a, b, strict=False))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return bool(a == b)


def measures_html(table) -> str:
    """A measures table as accessible HTML (a caption and header cells)."""
    return render("network/_measures.html.j2", table=table, caption="Measures")


def audit_html(audit) -> str:
    """The out-sight audit as HTML: indicators, then advice."""
    return render("network/_outsight.html.j2", audit=audit)


def network_view(store: LearnerStore, **kwargs) -> NetworkView:
    """The network exercise for ``store`` (see :class:`NetworkView`)."""
    return NetworkView(store, **kwargs)


def compare_networks(before: Network, after: Network, *, titles: tuple[str, str] = (
        "Before", "After"), group_by: str = "inside") -> widgets.VBox:
    """Two networks side by side: their maps, then their measures in one table.

    Examples
    --------
    >>> from coursekit.network import load_sample_network
    >>> box = compare_networks(load_sample_network("harris-before"),
    ...                        load_sample_network("harris-after"))
    >>> len(box.children)
    2
    """
    figures = []
    for network, title in zip((before, after), titles, strict=False):
        fig = figure_widget(egogram(network, group_by=group_by, height=480,
                                    title=f"{title}: {network.size} contacts"))
        fig.layout.showlegend = title == titles[1]
        figures.append(fig)
    table = compare_measures({titles[0]: before, titles[1]: after}).reset_index()
    html = widgets.HTML(render("network/_measures.html.j2", table=table,
                               caption="Measures side by side"))
    return widgets.VBox([widgets.HBox(figures), html])

