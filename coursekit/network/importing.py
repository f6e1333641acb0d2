r"""Importing a network: the coursekit CSV template and LinkedIn's Connections.csv.

:func:`import_file` tells the two formats apart by their header row; the readers are in
:mod:`~coursekit.network.csv_template` and :mod:`~coursekit.network.linkedin`, and
:mod:`~coursekit.network._files` reads any CSV a spreadsheet saves. Both readers accept a
path or the bytes of an uploaded file, in UTF-8 (with or without a byte-order mark),
UTF-16, Windows-1252 or Latin-1, separated by commas, semicolons or tabs. A file that
cannot be used raises :class:`~coursekit.InputError` saying what is wrong, the line and
column, and how to fix it; then nothing is imported. The formats are described in
``docs/network-csv.md``; the template is ``samples/networks/template.csv``.

Privacy: only the columns the course needs are kept. LinkedIn's URL and e-mail address
columns are not imported.

Examples
--------
>>> linkedin = b"First Name,Last Name,Company\nAna,Ruiz,Calder Ltd\n"
>>> template = b"name;organisation\nBen Okafor;Vance plc\n"
>>> [import_file(data, "Calder").network.contacts[["name", "inside"]].values.tolist()
...  for data in (linkedin, template)]
[[['Ana Ruiz', True]], [['Ben Okafor', False]]]
"""

from __future__ import annotations

from pathlib import Path

from .._errors import InputError
from ._files import ImportResult, decode, find_header, read_source
from .csv_template import read_contacts_csv
from .linkedin import is_linkedin_header, read_linkedin_connections


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
