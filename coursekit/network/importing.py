r"""Importing a network: the coursekit CSV template and LinkedIn's Connections.csv.

==================  ======================================================================
module              reads
==================  ======================================================================
``csv_template``    :func:`read_contacts_csv`: the coursekit template, and a ties file
``linkedin``        :func:`read_linkedin_connections`: LinkedIn's data export
``organisations``   :func:`same_organisation`: inside or outside, from the company name
``_files``          any CSV a spreadsheet saves: encoding, delimiter, header row
==================  ======================================================================

:func:`import_file` tells the two formats apart by their header row. Both readers accept a
path or the bytes of an uploaded file, in UTF-8 (with or without a byte-order mark),
UTF-16, Windows-1252 or Latin-1, separated by commas, semicolons or tabs. A file that
cannot be used raises :class:`~coursekit.InputError` saying what is wrong, the line and
column, and how to fix it; then nothing is imported. The formats are described in
``docs/network-csv.md``; the template is ``samples/networks/template.csv``.

Privacy: only the columns the course needs are kept. LinkedIn's URL and e-mail address
columns are not imported.

Every name of the modules above can still be imported from here.

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
from .csv_template import TEMPLATE_COLUMNS, TIE_FILE_COLUMNS, read_contacts_csv
from .linkedin import LINKEDIN_COLUMNS, is_linkedin_header, read_linkedin_connections
from .organisations import LEGAL_WORDS, normalise_organisation, same_organisation

__all__ = [
    "ImportResult", "LEGAL_WORDS", "LINKEDIN_COLUMNS", "TEMPLATE_COLUMNS", "TIE_FILE_COLUMNS",
    "import_file", "normalise_organisation", "read_contacts_csv", "read_linkedin_connections",
    "same_organisation",
]


def import_file(source: str | Path | bytes, organisation: str = "", *,
                name: str | None = None) -> ImportResult:
    """Read either format, recognised by its header row (LinkedIn or the template)."""
    raw, shown = read_source(source, name)
    text, _ = decode(raw, shown)
    try:
        find_header(text, is_linkedin_header, shown, "")
    except InputError:
        # No LinkedIn header: the template reader gives the learner its own, fuller message.
        return read_contacts_csv(raw, organisation=organisation, name=shown)
    return read_linkedin_connections(raw, organisation, name=shown)
