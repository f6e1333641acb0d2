"""Exporting a network: CSV files (the import template's columns) and GraphML (Gephi).

What the files hold is described in ``docs/network-csv.md``: formula-like CSV cells get a
leading apostrophe (:func:`~coursekit._text.spreadsheet_safe`) that the importer removes,
and GraphML keeps the circles as a graph attribute, so both read back unchanged. These
files hold contact names: they stay on the learner's machine.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .._errors import InputError
from .._text import spreadsheet_safe
from .model import CONTACT_COLUMNS, Circle, Contact, Ego, Network, Tie
from .records import format_circles

if TYPE_CHECKING:
    import networkx as nx

EGO_NODE = "ego"


def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([header, *rows])
    return out.getvalue()


def _cell(key: str, value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if key == "inside":
        return "inside" if value else "outside"
    if key == "types" and isinstance(value, (tuple, list)):
        value = "; ".join(value)
    elif key == "circles" and isinstance(value, (tuple, list)):
        value = format_circles(value)
    if isinstance(value, date):
        return value.isoformat()
    return spreadsheet_safe(value)


def contacts_csv(network: Network) -> str:
    """The contacts as CSV text in the template's columns (formula cells neutralised).

    Examples
    --------
    >>> net = Network.from_records(Ego(), [Contact("c1", "=HYPERLINK(1)", sector="-x")])
    >>> print(contacts_csv(net).splitlines()[1])
    c1,'=HYPERLINK(1),,,'-x,,,,,1,,,
    """
    return _csv([c.replace("_", " ") for c in CONTACT_COLUMNS],
                [[_cell(key, value) for key, value in zip(CONTACT_COLUMNS, row, strict=True)]
                 for row in network.contacts.itertuples(index=False)])


def ties_csv(network: Network) -> str:
    """The pairwise ties as CSV text (circles are in the contacts' ``circles`` column)."""
    return _csv(["a", "b", "strength"],
                [[spreadsheet_safe(tie.a), spreadsheet_safe(tie.b), int(tie.strength)]
                 for tie in network.ties.itertuples(index=False)])


def write_csv(network: Network, contacts_path: str | Path) -> list[Path]:
    """Write the contacts and, next to them (``-ties.csv``), the ties; return the paths.

    UTF-8 with a BOM, so that spreadsheet programs read accents right.
    """
    contacts_path = Path(contacts_path)
    ties_path = contacts_path.with_name(contacts_path.stem + "-ties.csv")
    contacts_path.write_text(contacts_csv(network), encoding="utf-8-sig")
    ties_path.write_text(ties_csv(network), encoding="utf-8-sig")
    return [contacts_path, ties_path]


def to_networkx(network: Network) -> nx.Graph:
    """The network as a networkx graph: the learner's node ``"ego"`` and contacts by id.

    Every tie has a ``weight``, the learner's to each contact its strength.
    """
    import networkx as nx  # on first use: only GraphML needs it (0.1 s to import)

    graph = nx.Graph()
    ego = network.ego
    graph.graph.update(
        circles=json.dumps([[str(c.name), int(c.strength), str(c.notes or "")]
                            for c in network.circles.itertuples(index=False)]),
        ego_organisation=ego.organisation, ego_sector=ego.sector, ego_function=ego.function)
    graph.add_node(EGO_NODE, label=ego.label or "You", ego=True,
                   organisation=ego.organisation, sector=ego.sector, function=ego.function)
    for c in network.contact_list():
        attrs = {"label": c.name, "ego": False, "organisation": c.organisation,
                 "sector": c.sector, "function": c.function, "role": c.role,
                 "types": ";".join(c.types), "strength": c.strength,
                 "circles": format_circles(c.circles), "notes": c.notes,
                 "inside": {True: "inside", False: "outside", None: "unknown"}[c.inside],
                 "last_contact": c.last_contact.isoformat() if c.last_contact else ""}
        if c.seniority is not None:
            attrs["seniority"] = c.seniority
        graph.add_node(c.id, **attrs)
        graph.add_edge(EGO_NODE, c.id, weight=c.strength, kind="ego")
    for tie in network.all_ties().itertuples(index=False):
        graph.add_edge(tie.a, tie.b, weight=int(tie.strength), kind=tie.source)
    # Zero-weight pairwise ties ("these two do not know each other") are kept for a round
    # trip; measures treat them as no tie.
    for tie in network.ties[network.ties["strength"] == 0].itertuples(index=False):
        graph.add_edge(tie.a, tie.b, weight=0, kind="pair")
    return graph


def write_graphml(network: Network, path: str | Path) -> Path:
    """Write the network, the learner included, as GraphML (opens in Gephi, yEd, R igraph)."""
    path = Path(path)
    import networkx as nx

    nx.write_graphml(to_networkx(network), path, encoding="utf-8")
    return path


def read_graphml(path: str | Path) -> Network:
    """Read a GraphML file written by :func:`write_graphml` back into a :class:`Network`."""
    import networkx as nx

    try:
        graph = nx.read_graphml(path)
    except (nx.NetworkXError, OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot be read as GraphML ({exc}). Fix: choose a file "
                         f"exported by coursekit") from None
    data = graph.graph
    ego = Ego(data.get("ego_organisation", ""), data.get("ego_sector", ""),
              data.get("ego_function", ""))
    contacts = []
    for node, attrs in graph.nodes(data=True):
        if node == EGO_NODE or attrs.get("ego"):
            ego = Ego(attrs.get("organisation", ""), attrs.get("sector", ""),
                      attrs.get("function", ""), attrs.get("label", "You"))
            continue
        text = {key: attrs.get(key, "") for key in ("organisation", "sector", "function",
                                                    "role", "types", "circles", "notes")}
        contacts.append(Contact(
            id=node, name=attrs.get("label", node), seniority=attrs.get("seniority"),
            inside={"inside": True, "outside": False}.get(attrs.get("inside")),
            strength=attrs.get("strength", 1), last_contact=attrs.get("last_contact") or None,
            **text))
    ties = [Tie(a, b, d.get("weight", 1)) for a, b, d in graph.edges(data=True)
            if d.get("kind") == "pair"]
    circles = [Circle(*c) for c in json.loads(data.get("circles", "[]"))]
    return Network.from_records(ego, contacts, ties, circles)
