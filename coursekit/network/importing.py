r"""Importing a network: the coursekit CSV template and LinkedIn's Connections.csv.

Both readers accept a path or the bytes of an uploaded file, in UTF-8 (with or without a
byte-order mark), UTF-16, Windows-1252 or Latin-1, separated by commas, semicolons or tabs.
A file that cannot be used raises :class:`~coursekit.InputError` saying what is wrong, the
line and column, and how to fix it; then nothing is imported. The formats are described in
``docs/network-csv.md``; the template is ``samples/networks/template.csv``.

Privacy: only the columns the course needs are kept. LinkedIn's URL and e-mail address
columns are not imported.

Examples
--------
>>> data = b"name,inside,sector,strength\nAna Ruiz,inside,Banking,3\nBen Okafor,no,,\n"
>>> result = read_contacts_csv(data)
>>> result.network.contacts[["id", "name", "inside", "strength"]].values.tolist()
[['c1', 'Ana Ruiz', True, 3], ['c2', 'Ben Okafor', False, 1]]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .._errors import InputError
from ._files import decode, file_line, find_header, parse_table, read_source
from .model import (
    CONTACT_COLUMNS,
    DEFAULT_STRENGTH,
    Contact,
    Ego,
    Network,
    Tie,
    check_contact,
    check_tie,
    next_contact_id,
)

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
LINKEDIN_COLUMNS = ("first name", "last name", "url", "email address", "company", "position",
                    "connected on")
#: Words dropped when comparing organisation names ("Calder Ltd" = "calder").
LEGAL_WORDS = frozenset({
    "the", "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "gmbh", "ag", "sa",
    "sas", "sarl", "srl", "spa", "bv", "nv", "co", "corp", "corporation", "company", "group",
    "holding", "holdings", "kg", "ab", "as", "oy", "pty", "pvt", "lp",
})


@dataclass
class ImportResult:
    """What an import produced: the network and notes for the learner."""

    network: Network
    rows: int
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join([f"{self.network.size} contacts from {self.rows} rows.", *self.notes])


def normalise_organisation(name: object) -> str:
    """An organisation's name reduced for comparison.

    lower case, no accents, punctuation or legal words (Ltd, Inc, GmbH...); '&' reads as
    'and'.

    Examples
    --------
    >>> normalise_organisation("Calder & Vance Industries, Ltd.")
    'calder and vance industries'
    >>> normalise_organisation("CALDER  and VANCE industries") == _
    True
    """
    text = unicodedata.normalize("NFKD", str(name or "")).casefold().replace("&", " and ")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = re.sub(r"[^\w\s]", " ", text.replace("'", "")).split()
    return " ".join(w for w in words if w not in LEGAL_WORDS)


def same_organisation(company: object, organisation: object) -> bool | None:
    """Whether ``company`` is the learner's ``organisation``.

    equal after :func:`normalise_organisation`, or the organisation's words begin the
    company's ("Calder" matches "Calder Industries UK"). None when either is blank.

    Examples
    --------
    >>> same_organisation("Calder Industries (UK) Ltd", "Calder Industries")
    True
    >>> same_organisation("Calderwood", "Calder"), same_organisation("", "Calder")
    (False, None)
    """
    org = _words(organisation)
    comp = _words(company)
    if not org or not comp:
        return None
    return comp[: len(org)] == org


@lru_cache(maxsize=8192)
def _words(name: object) -> list[str]:
    return normalise_organisation(name).split()


def _strip_guard(cell: str) -> str:
    """Undo the apostrophe coursekit's CSV export puts before a formula-like cell."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@\t\r":
        return cell[1:]
    return cell


def _map_columns(frame: pd.DataFrame, wanted: dict[str, tuple[str, ...]], name: str,
                 required: tuple[str, ...]) -> tuple[dict[str, str], list[str]]:
    found: dict[str, str] = {}
    for key, aliases in wanted.items():
        for alias in aliases:
            if alias in frame.columns:
                found[key] = alias
                break
    missing = [k for k in required if k not in found]
    if missing:
        raise InputError(f"{name}: the column {', '.join(missing)} is missing (found: "
                         f"{', '.join(frame.columns)}). Fix: name the columns as in the "
                         f"template, see docs/network-csv.md")
    unused = [c for c in frame.columns if c not in found.values() and c]
    return found, unused


def _is_template_header(cells: list[str]) -> bool:
    return any(c in TEMPLATE_COLUMNS["name"] for c in cells)


def _is_linkedin_header(cells: list[str]) -> bool:
    return "first name" in cells and "last name" in cells


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
    raw, shown = read_source(source, name)
    text, _ = decode(raw, shown)
    line, offset, delimiter = find_header(text, _is_template_header, shown, "a 'name' column")
    frame = parse_table(text, offset, delimiter, shown, line)
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
        try:
            contact = check_contact(Contact(
                id=cid, name=cells["name"], inside=cells.get("inside") or None,
                organisation=cells.get("organisation", ""), sector=cells.get("sector", ""),
                function=cells.get("function", ""), role=cells.get("role", ""),
                seniority=cells.get("seniority") or None, types=cells.get("types", ""),
                strength=cells.get("strength") or DEFAULT_STRENGTH,
                last_contact=cells.get("last_contact") or None,
                circles=cells.get("circles", ""), notes=cells.get("notes", "")))
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
    notes = []
    if unused:
        notes.append(f"Columns not imported: {', '.join(unused)}.")
    tie_list: list[Tie] = []
    if ties is not None:
        tie_list = _read_ties(ties, contacts)
    ego = ego or Ego(organisation=organisation)
    network = Network.from_records(ego, contacts, tie_list)
    return ImportResult(network, len(frame), notes)


def _raise_errors(errors: list[str], shown: str) -> None:
    if errors:
        more = f"\n... and {len(errors) - 10} more" if len(errors) > 10 else ""
        raise InputError(f"{shown}: {len(errors)} problem(s), nothing was imported:\n"
                         + "\n".join(errors[:10]) + more)


def _read_ties(source: str | Path | bytes, contacts: list[Contact]) -> list[Tie]:
    raw, shown = read_source(source, None if not isinstance(source, bytes) else "ties file")
    text, _ = decode(raw, shown)
    line, offset, delimiter = find_header(
        text, lambda cells: any(c in TIE_FILE_COLUMNS["a"] for c in cells), shown,
        "columns a, b and strength")
    frame = parse_table(text, offset, delimiter, shown, line)
    columns, _ = _map_columns(frame, TIE_FILE_COLUMNS, shown, ("a", "b"))
    by_id = {c.id: c.id for c in contacts}
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
            if cell in by_id:
                ends.append(cell)
            elif len(by_name.get(cell.casefold(), [])) == 1:
                ends.append(by_name[cell.casefold()][0])
            else:
                many = len(by_name.get(cell.casefold(), [])) > 1
                errors.append(f"{where}, column {key}: '{cell}' "
                              + ("names more than one contact. Fix: use the contact's id"
                                 if many else "is not a contact in the contacts file. Fix: "
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


def read_linkedin_connections(source: str | Path | bytes, organisation: str = "", *,
                              name: str | None = None) -> ImportResult:
    """Read LinkedIn's ``Connections.csv`` data export.

    The file starts with a few lines of notes, then a header row with the columns
    First Name, Last Name, URL, Email Address, Company, Position, Connected On. Each row
    becomes a contact: name = first and last name, organisation = Company, role = Position,
    last contact = Connected On (the last contact the file knows of; update it for people
    you have seen since), strength 1 (acquaintance) until you say otherwise. ``inside`` is
    suggested by comparing Company to ``organisation`` (:func:`same_organisation`); it is
    left unknown when either is blank. URL and e-mail are not imported.

    Rows without a name (LinkedIn leaves some members' names out) are skipped and counted
    in the notes.

    Raises
    ------
    InputError
        No LinkedIn header row, a malformed line, or a date that cannot be read (with its
        line); nothing is imported.
    """
    raw, shown = read_source(source, name)
    text, _ = decode(raw, shown)
    line, offset, delimiter = find_header(text, _is_linkedin_header, shown,
                                          "the columns First Name and Last Name")
    frame = parse_table(text, offset, delimiter, shown, line)
    rows = len(frame)

    def column(key: str) -> list[str]:
        if key not in frame.columns:
            return [""] * rows
        return [v.strip() for v in frame[key].tolist()]

    full = [f"{a} {b}".strip()
            for a, b in zip(column("first name"), column("last name"), strict=True)]
    full = [" ".join(v.split()) if "  " in v else v for v in full]
    keep = [k for k, v in enumerate(full) if v]
    skipped = rows - len(keep)
    company = column("company")
    role = column("position")
    dates = _linkedin_dates(column("connected on"), keep, shown, line)
    if organisation:
        lookup = {c: same_organisation(c, organisation) for c in set(company)}
    else:
        lookup = {}
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
    distinct = sorted(set(cells) - {""})
    parsed: dict[str, date | None] = {}
    if distinct:
        values = pd.Series(distinct, dtype=object)
        stamps = pd.to_datetime(values, format="%d %b %Y", errors="coerce")
        for fmt in ("%Y-%m-%d", "mixed"):
            retry = stamps.isna()
            if not retry.any():
                break
            extra = {"dayfirst": True} if fmt == "mixed" else {}
            stamps[retry] = pd.to_datetime(values[retry], format=fmt, errors="coerce", **extra)
        parsed = {text: (None if pd.isna(stamp) else stamp.date())
                  for text, stamp in zip(distinct, stamps, strict=False)}
    bad = [k for k in keep if cells[k] and parsed.get(cells[k]) is None]
    if bad:
        where = ", ".join(str(file_line(header_line, r)) for r in bad[:5])
        raise InputError(
            f"{shown}, column Connected On: '{cells[bad[0]]}' is not a date "
            f"(line{'s' if len(bad) > 1 else ''} {where}{' and more' if len(bad) > 5 else ''})"
            f". Fix: write dates like '15 Mar 2021' or 2021-03-15, or leave the cell empty; "
            f"nothing was imported")
    return [parsed.get(c) if c else None for c in cells]


def import_file(source: str | Path | bytes, organisation: str = "", *,
                name: str | None = None) -> ImportResult:
    """Read either format, recognised by its header row (LinkedIn or the template)."""
    raw, shown = read_source(source, name)
    text, _ = decode(raw, shown)
    try:
        find_header(text, _is_linkedin_header, shown, "")
    except InputError:
        return read_contacts_csv(raw, organisation=organisation, name=shown)
    return read_linkedin_connections(raw, organisation, name=shown)
