"""What the network views share: one cached reading of the store, a status line, layout.

Every view of the network (the forms, the map, the measures, the audit, the comparison with
Harris) reads the network through :func:`snapshot`, which loads it and computes its measures
once per change of the store (:attr:`~coursekit.store.LearnerStore.revision`), however many
views show it. Each view listens to the store and refreshes itself after every committed
write, so a contact added in one cell shows at once in the map and measures of the others.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import ipywidgets as widgets

from ..._text import escape_html
from ...network import Network, load_network, network_measures, outsight
from ...network.measures import NetworkMeasures
from ...network.outsight import OutsightAudit
from ...store import LearnerStore
from .._common import LEARNER_ERRORS, Status, demo_banner

#: Labels on the left, the same width everywhere; controls that fill the cell.
STYLE = {"description_width": "150px"}
FULL = widgets.Layout(width="100%", max_width="560px")
NEW = ""


@dataclass(frozen=True)
class Snapshot:
    """The network as stored now, its measures and its out-sight audit."""

    network: Network
    measures: NetworkMeasures
    audit: OutsightAudit


_CACHE: weakref.WeakKeyDictionary[LearnerStore, tuple[Any, Snapshot]] = (
    weakref.WeakKeyDictionary())


def snapshot(store: LearnerStore, today: date | None = None) -> Snapshot:
    """The network of ``store`` with measures and audit, computed once per store change."""
    key = (store.revision, today)
    cached = _CACHE.get(store)
    if cached is None or cached[0] != key:
        network = load_network(store)
        measures = network_measures(network, today=today)
        cached = (key, Snapshot(network, measures, outsight(network, measures=measures)))
        _CACHE[store] = cached
    return cached[1]


_VIEWS: weakref.WeakKeyDictionary[LearnerStore, list[NetworkPart]] = weakref.WeakKeyDictionary()


def _follow(store: LearnerStore, part: NetworkPart) -> None:
    """Refresh ``part`` after every change of ``store``, in :attr:`NetworkPart.refresh_order`.

    What an edit changes comes on screen first (the measures, then the maps), the forms'
    lists of people after.
    """
    parts = _VIEWS.get(store)
    if parts is None:
        parts = _VIEWS[store] = []
        store.on_change(lambda _store: [p.refresh() for p in sorted(
            parts, key=lambda p: p.refresh_order)])
    parts.append(part)


def person_choices(network: Network) -> list[tuple[str, str]]:
    """(label, id) of everyone in ``network`` for a drop-down, in the order of their names.

    People who share a name are told apart (:func:`~coursekit.network.duplicates.person_labels`).
    """
    from ...network.duplicates import person_labels

    return sorted(zip(person_labels(network.contact_list()), network.contacts["id"],
                      strict=True), key=lambda pair: pair[0].casefold())


def heading(text: str) -> widgets.HTML:
    """A bold line naming what a group of controls is for."""
    return widgets.HTML(f"<b>{escape_html(text)}</b>")


class NetworkPart(widgets.VBox):
    """Base of the network views: a store, a status line beside the controls, live refresh.

    Subclasses build their controls, call ``super().__init__(store, children)`` and
    override :meth:`refresh`, which runs now and after every change of the store.
    """

    #: When the view refreshes after a change, among the network views of the store: 0 for
    #: text that shows what an edit changed (quick), 1 for maps, 2 (default) for forms.
    refresh_order = 2

    def __init__(self, store: LearnerStore, children: list[widgets.Widget], *,
                 today: date | None = None, status: bool = True):
        self.store = store
        self.today = today
        self.status = Status(layout=widgets.Layout(min_height="1.5em"))
        super().__init__([demo_banner(store), *children, *([self.status] if status else [])])
        self.refresh()
        _follow(store, self)

    @property
    def snapshot(self) -> Snapshot:
        """The network, its measures and audit as stored now."""
        return snapshot(self.store, self.today)

    @property
    def network(self) -> Network:
        """The network as stored now."""
        return self.snapshot.network

    def refresh(self) -> None:
        """Show what is stored now (default: nothing to update)."""

    def run(self, action: Callable[[], Any], done: str | Callable[[], str] = "Saved.") -> bool:
        """Run one edit; say what happened, or why it was refused, beside the controls."""
        try:
            action()
        except LEARNER_ERRORS as exc:
            self.status.error(f"Not saved: {exc}")
            return False
        self.status.ok(done() if callable(done) else done)
        return True
