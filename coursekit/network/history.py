"""The network then and now: the first complete map, kept, and what has changed since.

The check-in (notebook 07) sets the learner's map beside the one they first completed. That
first map is a *snapshot*: the whole network as JSON in the store's ``network_snapshots``
table (migration ``0008_check_in.sql``), recorded by the write that first makes the map
complete (:func:`record_first_map`, called inside every write transaction of
:mod:`coursekit.network.storage`), so an import, a merge or one more described person can
each be the one that completes it. The statement that records it is the migration's own: a
store whose map was complete before this version got its first map from the same SQL.

What changed is worked out from the two networks alone (:func:`network_changes`): people
added and gone, closer and further, circles joined and left, ties among contacts made and
lost, and the out-sight indicators then and now. People are matched by name (folded as in
:func:`~coursekit.network.duplicates.normalise_name`), not by id, because a re-import gives
everyone new ids.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.network.storage import add_network, add_contact
>>> from coursekit.network.samples import load_sample_network
>>> store = LearnerStore(":memory:")
>>> _ = add_network(store, load_sample_network("amara"))
>>> first = load_first_map(store)
>>> first.network.size
17
>>> _ = add_contact(store, name="Tomás Ferreira", inside=False, types=("strategic",))
>>> changes = network_changes(first.network, load_network(store))
>>> changes.added, changes.removed
(['Tomás Ferreira'], [])
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .._errors import InputError
from .duplicates import normalise_name
from .measures import network_measures
from .model import Network
from .outsight import indicators
from .records import Circle, Contact, Ego, Tie
from .storage import FIRST_MAP, FIRST_MAP_SQL, load_network, record_first_map


@dataclass(frozen=True)
class FirstMap:
    """The first complete map and when it was recorded (``taken_on``: that day, UTC)."""

    network: Network
    taken_at: str

    @property
    def taken_on(self) -> date:
        """The day the map was first complete."""
        return datetime.fromisoformat(self.taken_at).date()


def network_from_snapshot(data: dict[str, Any]) -> Network:
    """A :class:`Network` from a snapshot's JSON (the fields of the network tables)."""
    ego = Ego(**{k: v for k, v in (data.get("ego") or {}).items()
                 if k in ("organisation", "sector", "function", "label")})
    contacts = [Contact(
        c["id"], c["name"], None if c["inside"] is None else bool(c["inside"]),
        c["organisation"], c["sector"], c["function"], c["role"], c["seniority"],
        tuple(t for t in (c["types"] or "").split(",") if t), int(c["strength"]),
        date.fromisoformat(c["last_contact"]) if c["last_contact"] else None,
        tuple(c["circles"] or ()), c["notes"]) for c in data.get("contacts") or []]
    ties = [Tie(t["a"], t["b"], int(t["strength"])) for t in data.get("ties") or []]
    circles = [Circle(k["name"], int(k["strength"]), k["notes"])
               for k in data.get("circles") or []]
    return Network.from_records(ego, contacts, ties, circles, check=False)


def load_first_map(store) -> FirstMap | None:
    """The first complete map, or None while the map has never been complete."""
    rows = store.read("SELECT taken_at, data FROM network_snapshots WHERE label = ?",
                      (FIRST_MAP,))
    if not rows:
        return None
    taken_at, data = rows[0]
    return FirstMap(network_from_snapshot(json.loads(data)), taken_at)


def restart_first_map(store) -> FirstMap:
    """Compare from now on: the map as it stands replaces the first map (one transaction).

    Raises
    ------
    InputError
        The map is not complete yet: nothing would be recorded.
    """
    with store.transaction() as conn:
        conn.execute("DELETE FROM network_snapshots WHERE label = ?", (FIRST_MAP,))
        record_first_map(conn)
        if conn.execute("SELECT 1 FROM network_snapshots WHERE label = ?",
                        (FIRST_MAP,)).fetchone() is None:
            raise InputError("Your map is not complete yet, so there is nothing to compare "
                             "from. Fix: in Map your network, put yourself at the centre, "
                             "recall five people, describe at least half of them and say "
                             "who knows whom.")
    first = load_first_map(store)
    assert first is not None
    return first


# -- what changed ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Moved:
    """A person whose closeness changed: their name, closeness then and now (1-5)."""

    name: str
    before: int
    after: int


@dataclass(frozen=True)
class NetworkChanges:
    """What changed between two networks, person by person (names: private, never handed in).

    ``ties_made`` counts pairs of contacts who know each other now and did not then (a new
    person's ties included); ``ties_lost`` pairs who did then and do not now, among people in
    both maps (the ties of someone gone go with them). Circles count as ties. Each out-sight
    indicator is ``(key, label, before, after)``.
    """

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    closer: list[Moved] = field(default_factory=list)
    further: list[Moved] = field(default_factory=list)
    circles_joined: list[tuple[str, str]] = field(default_factory=list)
    circles_left: list[tuple[str, str]] = field(default_factory=list)
    ties_made: int = 0
    ties_lost: int = 0
    indicators: list[tuple[str, str, float, float]] = field(default_factory=list)

    @property
    def any(self) -> bool:
        """Whether anything about the people or their ties changed."""
        return bool(self.added or self.removed or self.closer or self.further
                    or self.circles_joined or self.circles_left or self.ties_made
                    or self.ties_lost)

    def counts(self) -> dict[str, int]:
        """How many of each change (numbers only: what a hand-in may hold)."""
        return {"added": len(self.added), "removed": len(self.removed),
                "closer": len(self.closer), "further": len(self.further),
                "circles_joined": len(self.circles_joined),
                "circles_left": len(self.circles_left),
                "ties_made": self.ties_made, "ties_lost": self.ties_lost}


def _keys(network: Network) -> dict[str, tuple[str, int]]:
    """Each contact id's match key: the folded name and which of that name it is."""
    seen: Counter[str] = Counter()
    keys = {}
    for cid, name in zip(network.contacts["id"], network.contacts["name"], strict=True):
        folded = normalise_name(name) or str(cid)
        keys[cid] = (folded, seen[folded])
        seen[folded] += 1
    return keys


def _pairs(network: Network, keys: dict[str, tuple[str, int]]) -> set[frozenset]:
    ties = network.all_ties()
    return {frozenset((keys[a], keys[b])) for a, b, s in
            zip(ties["a"], ties["b"], ties["strength"], strict=True) if s > 0}


def network_changes(before: Network, after: Network, *, before_day: date | None = None,
                    after_day: date | None = None) -> NetworkChanges:
    """What changed from ``before`` (the first map) to ``after`` (the map now).

    ``before_day`` and ``after_day`` are the days each map describes, for the indicator of
    how current the ties are (last contact within a year of that day).

    Examples
    --------
    >>> a = Network.from_records(Ego("Acme"), [Contact("c1", "Ana", strength=2,
    ...                                                circles=("Team",)),
    ...                                        Contact("c2", "Ben")])
    >>> b = Network.from_records(Ego("Acme"), [Contact("c1", "Ana", strength=4),
    ...                                        Contact("c2", "Chen")])
    >>> ch = network_changes(a, b)
    >>> ch.added, ch.removed, [(m.name, m.before, m.after) for m in ch.closer]
    (['Chen'], ['Ben'], [('Ana', 2, 4)])
    >>> ch.circles_left
    [('Ana', 'Team')]
    """
    kb, ka = _keys(before), _keys(after)
    then = {kb[c.id]: c for c in before.contact_list()}
    now = {ka[c.id]: c for c in after.contact_list()}
    both = [k for k in now if k in then]
    changes = NetworkChanges(
        added=[now[k].name for k in now if k not in then],
        removed=[then[k].name for k in then if k not in now],
        closer=[Moved(now[k].name, then[k].strength, now[k].strength) for k in both
                if now[k].strength > then[k].strength],
        further=[Moved(now[k].name, then[k].strength, now[k].strength) for k in both
                 if now[k].strength < then[k].strength],
        circles_joined=[(now[k].name, c) for k in both for c in now[k].circles
                        if c not in then[k].circles],
        circles_left=[(now[k].name, c) for k in both for c in then[k].circles
                      if c not in now[k].circles],
    )
    shared = set(both)
    ties_then, ties_now = _pairs(before, kb), _pairs(after, ka)
    found = outsight_then_and_now(before, after, before_day=before_day, after_day=after_day)
    lost = {p for p in ties_then - ties_now if p <= shared}  # ties to people gone go with them
    return NetworkChanges(**{**changes.__dict__, "ties_made": len(ties_now - ties_then),
                             "ties_lost": len(lost), "indicators": found})


def outsight_then_and_now(before: Network, after: Network, *, before_day: date | None = None,
                          after_day: date | None = None) -> list[tuple[str, str, float, float]]:
    """The six out-sight indicators of both networks: ``(key, label, before, after)``."""
    then = indicators(network_measures(before, today=before_day))
    now = indicators(network_measures(after, today=after_day))
    return [(b.key, b.label, b.value, a.value) for b, a in zip(then, now, strict=True)]


def _number(value: float) -> float | None:
    return None if value is None or math.isnan(value) else round(float(value), 4)


def changes_section(changes: NetworkChanges) -> dict[str, Any]:
    """The changes as numbers only (the check-in's hand-in): counts and indicators then/now."""
    return {"changes": changes.counts(),
            "outsight": {key: {"before": _number(b), "after": _number(a)}
                         for key, _label, b, a in changes.indicators}}


__all__ = ["FIRST_MAP", "FIRST_MAP_SQL", "FirstMap", "Moved", "NetworkChanges",
           "changes_section", "load_first_map", "load_network", "network_changes",
           "network_from_snapshot", "outsight_then_and_now", "record_first_map",
           "restart_first_map"]
