r"""Reading LinkedIn's ``Connections.csv`` data export: the fastest way to a first map.

LinkedIn lets every member download their connections (Settings, Data privacy, Get a copy
of your data, Connections). Many e-mail addresses are empty; this reader keeps neither the
e-mail addresses nor the profile URLs (privacy: the course needs neither).

Examples
--------
>>> data = (b"Notes:\n\"When exporting your connection data, ...\"\n\n"
...         b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
...         b"Ana,Ruiz,https://x,,Calder Ltd,Analyst,15 Mar 2021\n")
>>> result = read_linkedin_connections(data, "Calder")
>>> result.network.contacts[["name", "inside", "role", "last_contact"]].values.tolist()
[['Ana Ruiz', True, 'Analyst', datetime.date(2021, 3, 15)]]
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from .._errors import InputError
from ._files import ImportResult, file_line, read_table
from .model import CONTACT_COLUMNS, Ego, Network
from .organisations import same_organisation
from .values import DEFAULT_STRENGTH


def is_linkedin_header(cells: list[str]) -> bool:
    """Whether a header row (cells reduced by ``header_key``) is LinkedIn's."""
    return "first name" in cells and "last name" in cells


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
