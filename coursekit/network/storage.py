"""Keeping the learner's network in the learner store (tables from migration 0003).

Every edit is one ``store.transaction()``: a contact saved, a tie recorded, a circle
changed or a whole import happen completely or not at all. An id or a list position is
chosen inside that transaction, so two notebooks adding people at once lose no one.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> ana = add_contact(store, name="Ana", inside=True, strength=3)
>>> ben = add_contact(store, name="Ben", inside=False, types=("strategic",))
>>> save_tie(store, ana.id, ben.id, 2)
>>> net = load_network(store)
>>> net.size, net.ties.values.tolist()
(2, [['c1', 'c2', 2]])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, date, datetime

import pandas as pd

from .._errors import InputError
from .._limits import LINE, check_length
from .duplicates import merge_contacts
from .model import (
    CIRCLE_COLUMNS,
    CONTACT_COLUMNS,
    TIE_COLUMNS,
    Circle,
    Contact,
    Ego,
    Network,
    Tie,
    check_circle,
    check_contact,
    check_tie,
    network_problems,
)
from .records import DEFAULT_CIRCLE_STRENGTH, NEW_ID, next_contact_id

_TABLES = ("network_ties", "network_circle_members", "network_circles", "network_contacts",
           "network_ego")

# A new contact is inserted (never upserted) with an id chosen inside the same write
# transaction, and an edit updates an existing row only: a stale or duplicate id can never
# overwrite another contact, whatever other notebooks write at the same time.
_INSERT_CONTACT = (
    "INSERT INTO network_contacts (name, inside, organisation, sector, function, role, "
    "seniority, types, strength, last_contact, notes, updated_at, id, position) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_UPDATE_CONTACT = (
    "UPDATE network_contacts SET name = ?, inside = ?, organisation = ?, sector = ?, "
    "function = ?, role = ?, seniority = ?, types = ?, strength = ?, last_contact = ?, "
    "notes = ?, updated_at = ? WHERE id = ?"
)
_SAVE_TIE = ("INSERT INTO network_ties (a, b, strength, updated_at) VALUES (?, ?, ?, ?) "
             "ON CONFLICT (a, b) DO UPDATE SET strength = excluded.strength, "
             "updated_at = excluded.updated_at")
_SAVE_EGO = ("INSERT INTO network_ego (id, organisation, sector, function, label, updated_at) "
             "VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
             "organisation = excluded.organisation, sector = excluded.sector, "
             "function = excluded.function, label = excluded.label, "
             "updated_at = excluded.updated_at")
_ADD_CIRCLE = ("INSERT INTO network_circles (name, strength, notes, updated_at) "
               "VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _contact_values(c: Contact, now: str) -> tuple:
    """The values of :data:`_UPDATE_CONTACT`, the id last (then the position to insert)."""
    return (c.name, None if c.inside is None else int(c.inside), c.organisation, c.sector,
            c.function, c.role, c.seniority, ",".join(c.types), c.strength,
            c.last_contact.isoformat() if c.last_contact else None, c.notes, now, c.id)


def _last_position(conn) -> int:
    return conn.execute("SELECT COALESCE(MAX(position), 0) FROM network_contacts").fetchone()[0]


def _insert_contact(conn, contact: Contact, now: str, *, fresh_id: bool = True) -> Contact:
    """Insert ``contact`` last in the list, under a fresh id taken inside the transaction."""
    if fresh_id:
        ids = [r[0] for r in conn.execute("SELECT id FROM network_contacts")]
        contact = replace(contact, id=next_contact_id(ids)[0])
    conn.execute(_INSERT_CONTACT, (*_contact_values(contact, now), _last_position(conn) + 1))
    return contact


def _update_contact(conn, contact: Contact, now: str) -> None:
    if conn.execute(_UPDATE_CONTACT, _contact_values(contact, now)).rowcount == 0:
        raise InputError(f"{contact.name}: this contact is no longer in your network (it may "
                         f"have been removed in another notebook). Fix: add them again as a "
                         f"new contact")


def _set_circles(conn, contact_id: str, circles: Iterable[str], now: str) -> None:
    conn.execute("DELETE FROM network_circle_members WHERE contact = ?", (contact_id,))
    for k, name in enumerate(circles):
        conn.execute(_ADD_CIRCLE, (name, DEFAULT_CIRCLE_STRENGTH, "", now))
        conn.execute("INSERT INTO network_circle_members (circle, contact, position) "
                     "VALUES (?, ?, ?)", (name, contact_id, k))


def load_ego(store) -> Ego:
    """The learner at the centre of the map, as stored (empty until they say)."""
    egos = store.read("SELECT organisation, sector, function, label FROM network_ego")
    return Ego(*egos[0]) if egos else Ego()


def load_network(store) -> Network:
    """The whole network in the store as a :class:`Network` (DataFrames)."""
    rows = store.read(
        "SELECT id, name, inside, organisation, sector, function, role, seniority, types, "
        "strength, last_contact, notes FROM network_contacts ORDER BY position, id")
    circles_of: dict[str, list[str]] = {}
    for cid, circle in store.read("SELECT contact, circle FROM network_circle_members "
                                  "ORDER BY contact, position, circle"):
        circles_of.setdefault(cid, []).append(circle)
    records = [
        (cid, name, None if inside is None else bool(inside), org, sector, function, role,
         seniority, tuple(t for t in types.split(",") if t), strength,
         None if last is None else date.fromisoformat(last), tuple(circles_of.get(cid, ())),
         notes)
        for (cid, name, inside, org, sector, function, role, seniority, types, strength, last,
             notes) in rows]
    contacts = pd.DataFrame.from_records(records, columns=list(CONTACT_COLUMNS)).astype(object) \
        if records else Network().contacts
    ties = pd.DataFrame(store.read("SELECT a, b, strength FROM network_ties ORDER BY a, b"),
                        columns=list(TIE_COLUMNS)).astype({"strength": "int64"})
    circles = pd.DataFrame(store.read("SELECT name, strength, notes FROM network_circles "
                                      "ORDER BY name"),
                           columns=list(CIRCLE_COLUMNS)).astype({"strength": "int64"})
    return Network(load_ego(store), contacts, ties, circles)


def save_ego(store, ego: Ego) -> None:
    """Save the learner's organisation, sector and function."""
    folded = {key: " ".join(str(getattr(ego, key) or "").split())
              for key in ("organisation", "sector", "function", "label")}
    for key, value in folded.items():
        check_length(value, f"your {key}", LINE)
    with store.transaction() as conn:
        conn.execute(_SAVE_EGO, (folded["organisation"], folded["sector"], folded["function"],
                                 ego.label or "You", _now()))


def save_contact(store, contact: Contact) -> Contact:
    """Save a contact and return it as stored (checked, with its id).

    A contact whose ``id`` is empty (:data:`~coursekit.network.records.NEW_ID`) is added
    under a fresh id; otherwise the stored contact with that id is changed, keeping its
    place in the list. Its circles are set as given (a circle not seen before is created).
    InputError: a value is out of range or too long, or no contact has that id any more.
    """
    new = not str(contact.id or "").strip()
    contact = check_contact(replace(contact, id=NEW_ID) if new else contact, new=new)
    now = _now()
    with store.transaction() as conn:
        if new:
            contact = _insert_contact(conn, contact, now)
        else:
            _update_contact(conn, contact, now)
        _set_circles(conn, contact.id, contact.circles, now)
    return contact


def add_contact(store, **fields) -> Contact:
    """Add a new contact with a fresh id; ``fields`` are those of :class:`Contact`."""
    return save_contact(store, Contact(id=NEW_ID, **fields))


def restore_contact(store, contact: Contact, ties: Iterable[tuple[str, str, int]] = ()
                    ) -> Contact:
    """Bring back a removed contact with their circles and the ties that still apply (undo).

    The contact keeps its old id when no one has taken it since, else gets a fresh one;
    ties to contacts that are gone too are dropped. One transaction.
    """
    contact = check_contact(contact)
    old_id, now = contact.id, _now()
    with store.transaction() as conn:
        taken = conn.execute("SELECT 1 FROM network_contacts WHERE id = ?", (old_id,)).fetchone()
        contact = _insert_contact(conn, contact, now, fresh_id=bool(taken))
        _set_circles(conn, contact.id, contact.circles, now)
        known = {r[0] for r in conn.execute("SELECT id FROM network_contacts")}
        for a, b, strength in ties:
            a, b = (contact.id if x == old_id else x for x in (a, b))
            if a in known and b in known:
                tie = check_tie(Tie(a, b, int(strength)))
                conn.execute(_SAVE_TIE, (tie.a, tie.b, tie.strength, now))
    return contact


def delete_contact(store, contact_id: str) -> None:
    """Remove a contact with its ties and circle memberships."""
    _delete(store, "DELETE FROM network_contacts WHERE id = ?", (contact_id,))


def save_tie(store, a: str, b: str, strength: int = 1) -> None:
    """Record the tie between ``a`` and ``b``; 0: they do not know each other (even in a circle)."""
    tie = check_tie(Tie(a, b, strength))
    known = {r[0] for r in store.read("SELECT id FROM network_contacts WHERE id IN (?, ?)",
                                      (tie.a, tie.b))}
    missing = [x for x in (tie.a, tie.b) if x not in known]
    if missing:
        raise InputError(f"no contact with id {', '.join(missing)}. Fix: add the contact "
                         f"before recording a tie to them")
    with store.transaction() as conn:
        conn.execute(_SAVE_TIE, (tie.a, tie.b, tie.strength, _now()))


def delete_tie(store, a: str, b: str) -> None:
    """Forget the pairwise tie between ``a`` and ``b`` (circles apply again)."""
    _delete(store, "DELETE FROM network_ties WHERE a = ? AND b = ?", tuple(sorted((a, b))))


def save_circle(store, circle: Circle, members: Iterable[str] | None = None) -> Circle:
    """Add or change a circle; with ``members`` (contact ids), set exactly who is in it."""
    circle = check_circle(circle)
    with store.transaction() as conn:
        conn.execute("INSERT INTO network_circles (name, strength, notes, updated_at) "
                     "VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                     "strength = excluded.strength, notes = excluded.notes, "
                     "updated_at = excluded.updated_at",
                     (circle.name, circle.strength, circle.notes, _now()))
        if members is not None:
            members = list(dict.fromkeys(members))
            known = {r[0] for r in conn.execute("SELECT id FROM network_contacts")}
            missing = [m for m in members if m not in known]
            if missing:
                raise InputError(f"circle {circle.name}: no contact with id "
                                 f"{', '.join(missing)}. Fix: add them first")
            conn.execute("DELETE FROM network_circle_members WHERE circle = ?", (circle.name,))
            conn.executemany("INSERT INTO network_circle_members (circle, contact, position) "
                             "VALUES (?, ?, 0)", [(circle.name, m) for m in members])
    return circle


def delete_circle(store, name: str) -> None:
    """Remove a circle (its members stay, only the circle's ties go)."""
    _delete(store, "DELETE FROM network_circles WHERE name = ?", (name,))


def add_network(store, network: Network, *, replace_all: bool = False) -> Network:
    """Write a whole network (an import) in one transaction and return what is stored.

    Contacts get fresh ids after those in the store unless ``replace_all`` is true, in
    which case the stored network is replaced. The imported network is checked first; a
    blocking problem raises :class:`InputError` and nothing is written. Likely duplicates
    are kept (see :func:`coursekit.network.duplicates.find_duplicates` to merge them).
    """
    blocking = [p for p in network_problems(network) if p.blocking]
    if blocking:
        raise InputError("nothing was imported:\n" + "\n".join(str(p) for p in blocking))
    now = _now()
    with store.transaction() as conn:
        for table in _TABLES if replace_all else ():
            conn.execute(f"DELETE FROM {table}")
        existing = [r[0] for r in conn.execute("SELECT id FROM network_contacts")]
        renamed = dict(zip(network.contacts["id"], next_contact_id(existing, network.size),
                           strict=False))
        contacts = [replace(c, id=renamed[c.id]) for c in network.contact_list()]
        start = _last_position(conn)
        conn.executemany(_INSERT_CONTACT, [(*_contact_values(c, now), start + k + 1)
                                           for k, c in enumerate(contacts)])
        conn.executemany(_ADD_CIRCLE, [(c.name, int(c.strength), c.notes or "", now)
                                       for c in network.circles.itertuples(index=False)])
        conn.executemany(_ADD_CIRCLE, [(name, DEFAULT_CIRCLE_STRENGTH, "", now)
                                       for c in contacts for name in c.circles])
        conn.executemany(
            "INSERT OR IGNORE INTO network_circle_members (circle, contact, position) "
            "VALUES (?, ?, ?)", [(name, c.id, k) for c in contacts
                                 for k, name in enumerate(c.circles)])
        conn.executemany(_SAVE_TIE, [(*sorted((renamed[t.a], renamed[t.b])), int(t.strength),
                                      now) for t in network.ties.itertuples(index=False)])
        if replace_all or not conn.execute("SELECT 1 FROM network_ego").fetchone():
            ego = network.ego
            conn.execute(_SAVE_EGO, (ego.organisation, ego.sector, ego.function,
                                     ego.label or "You", now))
    return load_network(store)


def merge_stored_contacts(store, ids: list[str]) -> Contact:
    """Merge contacts ``ids`` into the first in one transaction (see ``merge_contacts``)."""
    merged = merge_contacts(load_network(store), ids)
    kept = merged.contact(ids[0])
    ties = merged.ties[(merged.ties["a"] == kept.id) | (merged.ties["b"] == kept.id)]
    now = _now()
    with store.transaction() as conn:
        _update_contact(conn, kept, now)
        _set_circles(conn, kept.id, kept.circles, now)
        conn.executemany("DELETE FROM network_contacts WHERE id = ?", [(c,) for c in ids[1:]])
        conn.execute("DELETE FROM network_ties WHERE a = ? OR b = ?", (kept.id, kept.id))
        conn.executemany(_SAVE_TIE, [(t.a, t.b, int(t.strength), now)
                                     for t in ties.itertuples(index=False)])
    return kept


def clear_network(store) -> None:
    """Remove the whole network (contacts, ties, circles, the learner's profile)."""
    with store.transaction() as conn:
        for table in _TABLES:
            conn.execute(f"DELETE FROM {table}")


def _delete(store, sql: str, params: tuple) -> None:
    """Run one DELETE in a transaction (foreign keys remove what hangs on the row)."""
    with store.transaction() as conn:
        conn.execute(sql, params)
