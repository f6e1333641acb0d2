r"""Reading contacts written in the coursekit CSV template, and optionally a ties file.

The template (``samples/networks/template.csv``, described in ``docs/network-csv.md``)
has one row per contact: a ``name`` column and any of the other columns of
:data:`TEMPLATE_COLUMNS`, in any order, under any of the header names listed there. A
second file may list ties among contacts (``a``, ``b``, ``strength``). Every bad cell is
reported with its line and column (up to ten at a time) and nothing is imported until the
file is right.

Examples
--------
>>> data = b"name,inside,sector,strength\nAna Ruiz,inside,Banking,3\nBen Okafor,no,,\n"
>>> result = read_contacts_csv(data)
>>> result.network.contacts[["id", "name", "inside", "strength"]].values.tolist()
[['c1', 'Ana Ruiz', True, 3], ['c2', 'Ben Okafor', False, 1]]
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from .._errors import InputError
from ._files import ImportResult, file_line, read_table
from .model import Contact, Ego, Network, Tie, check_contact, check_tie
from .organisations import same_organisation
from .records import next_contact_id
from .values import DEFAULT_STRENGTH

#: Template columns and the header names accepted for each (case and spacing ignored).
TEMPLATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "contact id"),
    "name": ("name", "contact", "full name"),
    "inside": ("inside", "inside or outside", "internal"),
    "organisation": ("organisation", "organization", "company", "employer"),
    "sector": ("sector", "industry"),
    "function": ("function", "department"),
    "role": ("role", "position", "job title", "title"),
    "seniority": ("seniority", "levels above", "level"),
    "types": ("types", "type", "network type", "network types"),
    "strength": ("strength", "tie strength", "closeness"),
    "last_contact": ("last contact", "last contacted", "last met"),
    "circles": ("circles", "circle", "groups", "group"),
    "notes": ("notes", "note", "comments"),
}
TIE_FILE_COLUMNS: dict[str, tuple[str, ...]] = {
    "a": ("a", "from", "source", "contact a", "person a"),
    "b": ("b", "to", "target", "contact b", "person b"),
    "strength": ("strength", "weight", "tie strength"),
}


def _strip_guard(cell: str) -> str:
    """Undo the apostrophe coursekit's CSV export puts before a formula-like cell."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@\t\r":
        return cell[1:]
    return cell


def _map_columns(frame: pd.DataFrame, wanted: dict[str, tuple[str, ...]], name: str,
                 required: tuple[str, ...]) -> tuple[dict[str, str], list[str]]:
    """The file's column for each wanted field (first alias found), and the unused ones."""
    found = {key: next(a for a in aliases if a in frame.columns)
             for key, aliases in wanted.items() if any(a in frame.columns for a in aliases)}
    missing = [k for k in required if k not in found]
    if missing:
        raise InputError(f"{name}: the column {', '.join(missing)} is missing (found: "
                         f"{', '.join(frame.columns)}). Fix: name the columns as in the "
                         f"template, see docs/network-csv.md")
    unused = [c for c in frame.columns if c not in found.values() and c]
    return found, unused


def _is_template_header(cells: list[str]) -> bool:
    return any(c in TEMPLATE_COLUMNS["name"] for c in cells)


def _is_ties_header(cells: list[str]) -> bool:
    return any(c in TIE_FILE_COLUMNS["a"] for c in cells)


def read_contacts_csv(source: str | Path | bytes, *, organisation: str = "",
                      ego: Ego | None = None, ties: str | Path | bytes | None = None,
                      name: str | None = None) -> ImportResult:
    """Read contacts written in the coursekit template (and, optionally, a ties file).

    Parameters
    ----------
    source : path or bytes
        The contacts CSV: a ``name`` column and any of the template columns.
    organisation : str
        The learner's organisation: fills ``inside`` where it is blank and an organisation
        is given (see :func:`same_organisation`).
    ego : Ego, optional
        The learner's profile to put in the network (default: from ``organisation``).
    ties : path or bytes, optional
        A ties CSV with columns ``a``, ``b`` (contact ids or names) and ``strength``.
    name : str, optional
        The file name to use in messages (for uploaded bytes).

    Raises
    ------
    InputError
        Listing each bad cell (line and column, up to ten) and how to fix it; nothing is
        imported.
    """
    frame, shown, line = read_table(source, name, _is_template_header, "a 'name' column")
    columns, unused = _map_columns(frame, TEMPLATE_COLUMNS, shown, ("name",))
    errors: list[str] = []
    contacts: list[Contact] = []
    ids_seen: set[str] = set()
    auto: list[int] = []
    for row, values in enumerate(frame.itertuples(index=False)):
        record = dict(zip(frame.columns, values, strict=False))
        cells = {key: _strip_guard(str(record[col]).strip()) for key, col in columns.items()}
        if not any(cells.values()):
            continue
        where = f"{shown}, line {file_line(line, row)}"
        if not cells.get("name"):
            errors.append(f"{where}, column name: is empty. Fix: write the person's name "
                          f"or initials, or delete the row")
            continue
        cid = cells.get("id") or ""
        if not cid:
            auto.append(len(contacts))
            cid = f"\0row{row}"  # replaced by a fresh id below
        if cid in ids_seen:
            errors.append(f"{where}, column id: '{cid}' is used twice. Fix: give each "
                          f"contact its own id")
            continue
        ids_seen.add(cid)
        # A blank or missing cell is None: check_contact reads it as not given.
        given = {key: cells.get(key) or None for key in TEMPLATE_COLUMNS if key != "id"}
        try:
            contact = check_contact(Contact(cid, **{
                **given, "strength": given["strength"] or DEFAULT_STRENGTH}))
        except InputError as exc:
            errors.append(f"{where}: {exc}")
            continue
        if contact.inside is None and organisation and contact.organisation:
            contact = contact.replace(inside=same_organisation(contact.organisation,
                                                               organisation))
        contacts.append(contact)
    _raise_errors(errors, shown)
    fresh = next_contact_id(ids_seen, len(auto))
    for k, new_id in zip(auto, fresh, strict=False):
        contacts[k] = replace(contacts[k], id=new_id)
    if not contacts:
        raise InputError(f"{shown} has a header but no contacts. Fix: add one row per person")
    notes = [f"Columns not imported: {', '.join(unused)}."] if unused else []
    tie_list = _read_ties(ties, contacts) if ties is not None else []
    network = Network.from_records(ego or Ego(organisation=organisation), contacts, tie_list)
    return ImportResult(network, len(frame), notes)


def _raise_errors(errors: list[str], shown: str) -> None:
    """One InputError for all the problems found (the first ten listed): fix them at once."""
    if errors:
        more = f"\n... and {len(errors) - 10} more" if len(errors) > 10 else ""
        raise InputError(f"{shown}: {len(errors)} problem(s), nothing was imported:\n"
                         + "\n".join(errors[:10]) + more)


def _read_ties(source: str | Path | bytes, contacts: list[Contact]) -> list[Tie]:
    frame, shown, line = read_table(source, "ties file" if isinstance(source, bytes) else None,
                                    _is_ties_header, "columns a, b and strength")
    columns, _ = _map_columns(frame, TIE_FILE_COLUMNS, shown, ("a", "b"))
    ids = {c.id for c in contacts}
    by_name: dict[str, list[str]] = {}
    for c in contacts:
        by_name.setdefault(c.name.casefold(), []).append(c.id)
    errors: list[str] = []
    out: list[Tie] = []
    for row, values in enumerate(frame.itertuples(index=False)):
        record = dict(zip(frame.columns, values, strict=False))
        where = f"{shown}, line {file_line(line, row)}"
        ends = []
        for key in ("a", "b"):
            cell = str(record[columns[key]]).strip()
            named = by_name.get(cell.casefold(), [])
            if cell in ids or len(named) == 1:
                ends.append(cell if cell in ids else named[0])
            else:
                errors.append(f"{where}, column {key}: '{cell}' "
                              + ("names more than one contact. Fix: use the contact's id"
                                 if named else "is not a contact in the contacts file. Fix: "
                                 "use an id or a name from the contacts file"))
        if len(ends) < 2:
            continue
        strength = str(record.get(columns.get("strength", ""), "") or "1").strip() or "1"
        try:
            out.append(check_tie(Tie(ends[0], ends[1], strength)))
        except InputError as exc:
            errors.append(f"{where}: {exc}")
    _raise_errors(errors, shown)
    return out


