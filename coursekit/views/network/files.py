r"""Files in and out: import LinkedIn's export or the template, export, merge duplicates.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> files = NetworkFiles(store)
>>> files.import_bytes(b"name,inside\nAna,inside\nBen,outside\n", "people.csv")
>>> files.network.size
2
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import ipywidgets as widgets

from ...network import (
    Ego,
    Network,
    add_network,
    find_duplicates,
    import_file,
    merge_stored_contacts,
    write_csv,
    write_graphml,
)
from ...network.storage import load_ego
from .._common import download_buttons
from ._shared import FULL, NEW, STYLE, NetworkPart, heading

_AUTO = widgets.Layout(width="auto")


class NetworkFiles(NetworkPart):
    """Import a CSV of people, export the network, and merge a person listed twice."""

    def __init__(self, store, *, export_dir: str | Path | None = None, **kwargs):
        self.export_dir = Path(export_dir) if export_dir else (
            Path(tempfile.gettempdir()) / "coursekit-exports" if store.in_memory
            else store.path.parent / "exports")
        self.upload = widgets.FileUpload(accept=".csv,.txt", multiple=False,
                                         description="Choose a CSV file", layout=_AUTO)
        self.mode = widgets.RadioButtons(
            description="Imported people", style=STYLE, value="add",
            options=[("add to my network", "add"), ("replace my network", "replace")])
        self.import_button = widgets.Button(description="Import", icon="upload",
                                            button_style="primary", layout=_AUTO)
        self.import_button.on_click(lambda _: self.import_uploaded())
        self.export_csv = widgets.Button(description="Export as CSV", icon="download",
                                         layout=_AUTO)
        self.export_graphml = widgets.Button(description="Export for Gephi (GraphML)",
                                             icon="download", layout=_AUTO)
        self.export_csv.on_click(lambda _: self.export("csv"))
        self.export_graphml.on_click(lambda _: self.export("graphml"))
        self.downloads = widgets.HTML()
        self.duplicates = widgets.Dropdown(description="Listed twice?", style=STYLE,
                                           layout=FULL)
        self.merge_button = widgets.Button(description="Merge them", icon="compress",
                                           layout=_AUTO, tooltip="Keep one; nothing is lost")
        self.merge_button.on_click(lambda _: self.merge())
        super().__init__(store, [
            heading("Import"),
            widgets.HTML("<p>LinkedIn's <i>Connections.csv</i> (Settings, Data privacy, Get a "
                         "copy of your data) or the coursekit template (see "
                         "<code>docs/network-csv.md</code>). Your organisation, saved above, "
                         "decides who is suggested as inside.</p>"),
            widgets.HBox([self.upload, self.mode, self.import_button],
                         layout=widgets.Layout(flex_flow="row wrap")),
            heading("Export (the files hold names: keep them to yourself)"),
            widgets.HBox([self.export_csv, self.export_graphml],
                         layout=widgets.Layout(flex_flow="row wrap")), self.downloads,
            heading("A person listed twice"),
            widgets.HBox([self.duplicates, self.merge_button],
                         layout=widgets.Layout(flex_flow="row wrap"))], **kwargs)

    def refresh(self) -> None:
        """Offer the groups of people who look listed twice."""
        net = self.network
        groups, names = find_duplicates(net), net.names()
        self.duplicates.options = [("(none found)" if not groups else "(pick a group)", NEW),
                                   *[(" / ".join(names[c] for c in g), ",".join(g))
                                     for g in groups]]
        self.merge_button.disabled = not groups

    def import_bytes(self, data: bytes, name: str) -> None:
        """Import a CSV (LinkedIn's or the template) given as bytes."""
        ego = load_ego(self.store)
        result: list = []

        def do_import():
            imported = import_file(data, ego.organisation, name=name)
            result.append(imported)
            network = imported.network
            if self.mode.value == "replace":
                network = Network(Ego(ego.organisation, ego.sector, ego.function),
                                  network.contacts, network.ties, network.circles)
            add_network(self.store, network, replace_all=self.mode.value == "replace")

        self.run(do_import, lambda: f"Imported {name}: {result[0]}")

    def import_uploaded(self) -> None:
        """Import the file chosen in the upload control."""
        if not self.upload.value:
            self.status.error("Choose a CSV file first.")
            return
        item = self.upload.value[0]
        self.import_bytes(bytes(item["content"]), item["name"])
        self.upload.value = ()

    def export(self, kind: str) -> list[Path]:
        """Write the network as CSV (people and pairs) or GraphML; offer them to download."""
        self.export_dir.mkdir(parents=True, exist_ok=True)
        stamp = date.today().isoformat()
        if kind == "csv":
            paths = write_csv(self.network, self.export_dir / f"network-{stamp}.csv")
        else:
            paths = [write_graphml(self.network, self.export_dir / f"network-{stamp}.graphml")]
        mime = {".csv": "text/csv", ".graphml": "application/xml"}
        self.downloads.value = download_buttons(
            [(f"Download {p.stem.replace('-', ' ')}", p, p.name, mime[p.suffix], "")
             for p in paths])
        self.status.ok("Ready to download (these files hold names: keep them to yourself).")
        return paths

    def merge(self) -> None:
        """Merge the people picked as listed twice (into the first; nothing is lost)."""
        if self.duplicates.value:
            ids = self.duplicates.value.split(",")
            self.run(lambda: merge_stored_contacts(self.store, ids),
                     "Merged: the details of both are kept (differences are in the notes).")
