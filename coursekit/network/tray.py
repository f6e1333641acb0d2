r"""The sociogram's tray: names recalled or imported, waiting to be placed on the map.

A name in the tray is not a contact yet: no measure counts it. Recall ("who do you turn
to...?") and imports (LinkedIn's export, the template) put names in the tray with what the
question or the file suggests about each person; the learner drags the ones who matter
onto the map, where :func:`place` turns a name into a contact (with the closeness of the
ring and the group of the sector it was dropped in) and takes it out of the tray, in one
transaction. The tray is kept in the learner store (table ``network_tray``, migration
``0010_network_tray.sql``), so it survives a reload; names are private, like contacts' names.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> print(add_names(store, "Ana Ruiz\n\nBen\nana  ruiz", hints={"types": ("personal",)}))
2 names in the tray. Already listed: ana ruiz.
>>> entries, total = load_tray(store)
>>> [(e.name, e.types) for e in entries], total
([('Ana Ruiz', ('personal',)), ('Ben', ('personal',))], 2)
>>> place(store, entries[0].id, strength=4).name
'Ana Ruiz'
>>> load_tray(store)[1], store.read("SELECT name, strength FROM network_contacts")
(1, [('Ana Ruiz', 4)])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .._errors import InputError
from .._limits import LINE, check_length
from .duplicates import normalise_name
from .records import DEFAULT_STRENGTH, NEW_ID, Contact, check_contact, parse_types
from .storage import _insert_contact, _now, _set_circles

_COLUMNS = "id, name, inside, organisation, role, seniority, types, last_contact, source"
_INSERT = ("INSERT INTO network_tray (name, inside, organisation, role, seniority, types, "
           "last_contact, source, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
#: Text kept about where a name came from (a recall question, a file name).
SOURCE_LIMIT = LINE


@dataclass(frozen=True)
class TrayEntry:
    """A name in the tray and what its source suggests about the person."""

    id: int
    name: str
    inside: bool | None = None
    organisation: str = ""
    role: str = ""
    seniority: int | None = None
    types: tuple[str, ...] = ()
    last_contact: date | None = None
    source: str = ""

    def contact(self, **changes: Any) -> Contact:
        """The contact this name becomes when placed (``changes`` win over the hints)."""
        fields = dict(name=self.name, inside=self.inside, organisation=self.organisation,
                      role=self.role, seniority=self.seniority, types=self.types,
                      last_contact=self.last_contact, strength=DEFAULT_STRENGTH)
        return Contact(NEW_ID, **{**fields, **changes})


@dataclass(frozen=True)
class TrayAdded:
    """What :func:`add_names` or :func:`add_contacts` did, in words for the learner."""

    added: int
    on_map: list[str] = field(default_factory=list)
    listed: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = f"{self.added} name{'s' if self.added != 1 else ''} in the tray."
        for names, what in ((self.on_map, "Already on your map"),
                            (self.listed, "Already listed")):
            if names:
                shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more"
                                                if len(names) > 8 else "")
                text += f" {what}: {shown}."
        return text


def _known_names(conn) -> tuple[set[str], set[str]]:
    """Normalised names on the map and in the tray."""
    on_map = {normalise_name(n) for (n,) in conn.execute("SELECT name FROM network_contacts")}
    listed = {normalise_name(n) for (n,) in conn.execute("SELECT name FROM network_tray")}
    return on_map, listed


def _row(contact: Contact, source: str, now: str) -> tuple:
    return (contact.name, None if contact.inside is None else int(contact.inside),
            contact.organisation, contact.role, contact.seniority, ",".join(contact.types),
            contact.last_contact.isoformat() if contact.last_contact else None, source, now)


def add_contacts(store, contacts: Iterable[Contact], *, source: str = "",
                 check: bool = True) -> TrayAdded:
    """Put people in the tray (names already on the map or in the tray are left out).

    ``contacts`` are :class:`Contact` records (an import's, or names with hints); with
    ``check`` each is checked first (:func:`~coursekit.network.records.check_contact`), and
    a bad one refuses the whole lot with an :class:`InputError` naming it. One transaction.
    """
    source = " ".join(str(source or "").split())[:SOURCE_LIMIT]
    people = [check_contact(c, new=True) if check else c for c in contacts]
    now, added = _now(), TrayAdded(0)
    with store.transaction() as conn:
        on_map, listed = _known_names(conn)
        rows = []
        for person in people:
            key = normalise_name(person.name)
            if key in on_map:
                added.on_map.append(person.name)
            elif key in listed:
                added.listed.append(person.name)
            else:
                listed.add(key)
                rows.append(_row(person, source, now))
        conn.executemany(_INSERT, rows)
    return TrayAdded(len(rows), added.on_map, added.listed)


def add_names(store, text: str | Iterable[str], *, hints: dict | None = None,
              source: str = "") -> TrayAdded:
    """Put names typed or pasted one a line in the tray, each with ``hints``.

    ``hints`` are fields of :class:`Contact` a recall question suggests (``types``,
    ``inside``, ``seniority``). Blank lines are skipped; a name over the length limit
    refuses the lot with an :class:`InputError` that gives its line.
    """
    lines = text.splitlines() if isinstance(text, str) else list(text)
    people = []
    for number, line in enumerate(lines, 1):
        name = " ".join(str(line).split())
        if not name:
            continue
        try:
            check_length(name, "name", LINE)
            people.append(check_contact(Contact(NEW_ID, name, **(hints or {})), new=True))
        except InputError as exc:
            raise InputError(f"line {number}: {exc} Nothing was put in the tray.") from None
    if not people:
        raise InputError("no names to add. Fix: type one name (or initials) a line")
    return add_contacts(store, people, source=source, check=False)


def _entry(row: tuple) -> TrayEntry:
    tid, name, inside, organisation, role, seniority, types, last, source = row
    return TrayEntry(int(tid), name, None if inside is None else bool(inside), organisation,
                     role, seniority, parse_types(types),
                     None if last is None else date.fromisoformat(last), source)


def load_tray(store, *, find: str = "", limit: int | None = None
              ) -> tuple[list[TrayEntry], int]:
    """Names in the tray, oldest first, and how many match in all.

    Only those containing ``find`` (any case), at most ``limit`` of them.
    """
    where, params = "", tuple[str, ...]()
    if find.strip():
        escaped = find.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where, params = "WHERE name LIKE ? ESCAPE '\\'", (f"%{escaped}%",)
    total = store.read(f"SELECT COUNT(*) FROM network_tray {where}", params)[0][0]
    page = "" if limit is None else f" LIMIT {int(limit)}"
    rows = store.read(f"SELECT {_COLUMNS} FROM network_tray {where} ORDER BY id{page}", params)
    return [_entry(r) for r in rows], total


def remove_from_tray(store, ids: Iterable[int]) -> None:
    """Take names out of the tray (they were never contacts: nothing else changes)."""
    with store.transaction() as conn:
        conn.executemany("DELETE FROM network_tray WHERE id = ?", [(int(i),) for i in ids])


def clear_tray(store) -> None:
    """Empty the tray."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM network_tray")


def place(store, entry_id: int, **changes: Any) -> Contact:
    """Make a name in the tray a contact, with ``changes`` (e.g. ``strength``, ``inside``).

    The contact is checked like any other (:func:`check_contact`), added under a fresh id
    and the name leaves the tray, in one transaction. InputError when a value is refused or
    the name is no longer in the tray (placed or removed in another notebook).
    """
    now = _now()
    with store.transaction() as conn:
        row = conn.execute(f"SELECT {_COLUMNS} FROM network_tray WHERE id = ?",
                           (int(entry_id),)).fetchone()
        if row is None:
            raise InputError("that name is no longer in the tray (it may have been placed or "
                             "removed in another notebook). Fix: look for them on the map")
        contact = check_contact(_entry(row).contact(**changes), new=True)
        contact = _insert_contact(conn, contact, now)
        _set_circles(conn, contact.id, contact.circles, now)
        conn.execute("DELETE FROM network_tray WHERE id = ?", (int(entry_id),))
    return contact
