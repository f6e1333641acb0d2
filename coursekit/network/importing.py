r"""Importing a network: the coursekit CSV template (and a ties file), LinkedIn's export.

:func:`import_file` tells the two formats apart by their header row. Both readers accept a
path or the bytes of an uploaded file as any spreadsheet saves it (see
:mod:`~coursekit.network._files`), suggest inside or outside from each contact's company
(:func:`same_organisation`), and keep only the columns the course needs: LinkedIn's URL and
e-mail address are not imported. A file that cannot be used raises
:class:`~coursekit.InputError` saying what is wrong, the line and column, and how to fix it
(up to ten problems at a time); then nothing is imported. The formats and the messages are
described in ``docs/network-csv.md``; the template is ``samples/networks/template.csv``.

Examples
--------
>>> linkedin = (b"Notes:\n\"When exporting your connection data, ...\"\n\n"
...             b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
...             b"Ana,Ruiz,https://x,,Calder Ltd,Analyst,15 Mar 2021\n")
>>> template = b"name;organisation;strength\nBen Okafor;Vance plc;3\n"
>>> cols = ["name", "inside", "role", "strength", "last_contact"]
>>> [import_file(d, "Calder").network.contacts.loc[0, cols].tolist() for d in (linkedin, template)]
[['Ana Ruiz', True, 'Analyst', 1, datetime.date(2021, 3, 15)], ['Ben Okafor', False, '', 3, None]]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from .._errors import InputError
from ._files import ImportResult, decode, find_header, read_source, read_table
from .model import CONTACT_COLUMNS, Contact, Ego, Network, Tie, check_contact, check_tie
from .records import DEFAULT_STRENGTH, next_contact_id


def import_file(source: str | Path | bytes, organisation: str = "", *,
                name: str | None = None) -> ImportResult:
    """Read either format, recognised by its header row (LinkedIn or the template)."""
    raw, shown = read_source(source, name)
    text = decode(raw, shown)
    try:
        find_header(text, is_linkedin_header, shown, "")
    except InputError:
        # No LinkedIn header: the template reader gives the learner its own, fuller message.
        return read_contacts_csv(raw, organisation=organisation, name=shown)
    return read_linkedin_connections(raw, organisation, name=shown)


#: Words dropped when comparing organisation names ("Calder Ltd" = "calder").
LEGAL_WORDS = frozenset({
    "the", "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "gmbh", "ag", "sa",
    "sas", "sarl", "srl", "spa", "bv", "nv", "co", "corp", "corporation", "company", "group",
    "holding", "holdings", "kg", "ab", "as", "oy", "pty", "pvt", "lp",
})


def normalise_organisation(name: object) -> str:
    """An organisation's name reduced for comparison: lower case, no accents or punctuation.

    Legal words (Ltd, Inc, GmbH... :data:`LEGAL_WORDS`) are dropped; '&' reads as 'and'.

    Examples
    --------
    >>> normalise_organisation("Calder & Vance Industries, Ltd.")
    'calder and vance industries'
    """
    text = unicodedata.normalize("NFKD", str(name or "")).casefold().replace("&", " and ")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = re.sub(r"[^\w\s]", " ", text.replace("'", "")).split()
    return " ".join(w for w in words if w not in LEGAL_WORDS)


def same_organisation(company: object, organisation: object) -> bool | None:
    """Whether ``company`` is the learner's ``organisation``: None when either is blank.

    True when equal after :func:`normalise_organisation`, or when the organisation's words
    begin the company's ("Calder" matches "Calder Industries UK").

    Examples
    --------
    >>> same_organisation("Calder Industries (UK) Ltd", "Calder Industries")
    True
    >>> same_organisation("Calderwood", "Calder"), same_organisation("", "Calder")
    (False, None)
    """
    org, comp = _words(organisation), _words(company)
    if not org or not comp:
        return None
    return comp[: len(org)] == org


# A LinkedIn export repeats a few hundred company names over thousands of rows: reduce each
# name once.
@lru_cache(maxsize=8192)
def _words(name: object) -> list[str]:
    return normalise_organisation(name).split()


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
                      ties: str | Path | bytes | None = None,
                      name: str | None = None) -> ImportResult:
    """Read contacts written in the coursekit template (and, optionally, a ties file).

    ``source`` (a path or bytes; ``name`` is shown in messages) has a ``name`` column and
    any of the :data:`TEMPLATE_COLUMNS`; ``organisation`` fills a blank ``inside`` from the
    contact's organisation; ``ties`` has columns ``a``, ``b`` (ids or names), ``strength``.
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
        where = f"{shown}, line {line + 1 + row}"
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
        # The cells as written (text; a blank or missing one is None, read as not given):
        # check_contact turns them into a contact's values, or says what is wrong.
        given: dict[str, Any] = {key: cells.get(key) or None
                                 for key in TEMPLATE_COLUMNS if key != "id"}
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
    network = Network.from_records(Ego(organisation=organisation), contacts, tie_list)
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
        where = f"{shown}, line {line + 1 + row}"
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
        # The cell as written: check_tie reads it as a whole number, or says what is wrong.
        strength: Any = str(record.get(columns.get("strength", ""), "") or "1").strip() or "1"
        try:
            out.append(check_tie(Tie(ends[0], ends[1], strength)))
        except InputError as exc:
            errors.append(f"{where}: {exc}")
    _raise_errors(errors, shown)
    return out


def is_linkedin_header(cells: list[str]) -> bool:
    """Whether a header row (cells reduced by ``header_key``) is LinkedIn's."""
    return "first name" in cells and "last name" in cells


def read_linkedin_connections(source: str | Path | bytes, organisation: str = "", *,
                              name: str | None = None) -> ImportResult:
    """Read LinkedIn's ``Connections.csv`` data export (notes, then a header row).

    Each row becomes a contact: name = first and last name, organisation = Company, role =
    Position, last contact = Connected On, strength 1 (acquaintance); ``inside`` is suggested
    by comparing Company to ``organisation``. Rows without a name (LinkedIn leaves some
    members' names out) are skipped and counted in the notes.
    """
    frame, shown, line = read_table(source, name, is_linkedin_header,
                                    "the columns First Name and Last Name")
    rows = len(frame)

    def column(key: str) -> list[str]:
        return [v.strip() for v in frame[key].tolist()] if key in frame.columns else [""] * rows

    full = [f"{a} {b}".strip()
            for a, b in zip(column("first name"), column("last name"), strict=True)]
    full = [" ".join(v.split()) if "  " in v else v for v in full]
    keep = [k for k, v in enumerate(full) if v]
    skipped = rows - len(keep)
    company, role = column("company"), column("position")
    dates = _linkedin_dates(column("connected on"), keep, shown, line)
    lookup = {c: same_organisation(c, organisation) for c in set(company)} if organisation else {}
    n = len(keep)
    contacts = pd.DataFrame({
        "id": [f"c{k}" for k in range(1, n + 1)],
        "name": [full[k] for k in keep],
        "inside": [lookup.get(company[k]) for k in keep],
        "organisation": [company[k] for k in keep],
        "sector": "", "function": "", "role": [role[k] for k in keep],
        "seniority": None, "types": [()] * n, "strength": DEFAULT_STRENGTH,
        "last_contact": [dates[k] for k in keep],
        "circles": [()] * n, "notes": "",
    }, columns=list(CONTACT_COLUMNS)).astype(object)
    network = Network(Ego(organisation=organisation), contacts)
    notes = []
    if skipped:
        notes.append(f"{skipped} row(s) without a name were skipped (LinkedIn leaves some "
                     f"members' names out).")
    no_company = sum(1 for k in keep if not company[k])
    if not organisation:
        notes.append("Inside or outside is left unknown: give your organisation to have it "
                     "suggested from each contact's company.")
    elif no_company:
        notes.append(f"{no_company} contact(s) have no company: inside or outside is left "
                     f"unknown for them.")
    notes.append("Strength is set to 1 (acquaintance) and last contact to the date you "
                 "connected: update the people who matter.")
    if n == 0:
        raise InputError(f"{shown} has a LinkedIn header but no connections. Fix: export "
                         f"your connections again from LinkedIn (Settings, Data privacy, "
                         f"Get a copy of your data, Connections)")
    return ImportResult(network, rows, notes)


def _linkedin_dates(cells: list[str], keep: list[int], shown: str,
                    header_line: int) -> list[date | None]:
    """Dates of the Connected On column ("15 Mar 2021"; ISO and day-first dates accepted).

    Each distinct text is parsed once: a 30,000-row export holds a few thousand dates.
    """
    distinct = pd.Series(sorted(set(cells) - {""}), dtype=object)
    stamps = pd.to_datetime(distinct, format="%d %b %Y", errors="coerce")
    for fmt in ("%Y-%m-%d", "mixed"):
        retry = stamps.isna()
        if not retry.any():
            break
        extra = {"dayfirst": True} if fmt == "mixed" else {}
        stamps[retry] = pd.to_datetime(distinct[retry], format=fmt, errors="coerce", **extra)
    parsed = {text: (None if pd.isna(stamp) else stamp.date())
              for text, stamp in zip(distinct, stamps, strict=True)}
    bad = [k for k in keep if cells[k] and parsed.get(cells[k]) is None]
    if bad:
        where = ", ".join(str(header_line + 1 + r) for r in bad[:5])
        raise InputError(
            f"{shown}, column Connected On: '{cells[bad[0]]}' is not a date "
            f"(line{'s' if len(bad) > 1 else ''} {where}{' and more' if len(bad) > 5 else ''})"
            f". Fix: write dates like '15 Mar 2021' or 2021-03-15, or leave the cell empty; "
            f"nothing was imported")
    return [parsed.get(c) if c else None for c in cells]
