"""Reading a learner's CSV file whatever produced it: encoding, delimiter, header row.

Spreadsheets save CSV in many ways: UTF-8 with or without a byte-order mark, Latin-1 or
Windows-1252 (older Excel), UTF-16 ("Unicode text"), commas or semicolons (Excel in
locales where the comma is the decimal mark). Everything here turns such a file into
text and finds its header row, or raises an :class:`~coursekit.InputError` that says what
is wrong and how to fix it. :class:`ImportResult` is what each reader gives back.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .._errors import InputError

if TYPE_CHECKING:
    from .model import Network

#: How many lines may come before the header row (LinkedIn puts notes there).
HEADER_SEARCH_LINES = 50


@dataclass
class ImportResult:
    """What an import produced: the network and notes for the learner."""

    network: Network
    rows: int
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join([f"{self.network.size} contacts from {self.rows} rows.", *self.notes])


def read_source(source: str | Path | bytes, name: str | None = None) -> tuple[bytes, str]:
    """The bytes of a file (path or bytes already read) and a name to show in messages."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), name or "the file"
    path = Path(source)
    try:
        return path.read_bytes(), name or path.name
    except FileNotFoundError:
        raise InputError(f"{path}: file not found. Fix: check the file name and folder") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}). Fix: check that the "
                         f"file is not open elsewhere and that you may read it") from None


def decode(raw: bytes, name: str) -> str:
    """Text of a CSV file: UTF-8, UTF-16 with a BOM, else Windows-1252 or Latin-1."""
    if raw.startswith(b"PK\x03\x04"):
        raise InputError(f"{name} is an Excel workbook or another zipped file, not a CSV. "
                         f"Fix: open it and save it as 'CSV UTF-8 (comma delimited)'")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\x00" in raw[:4096]:
        raise InputError(f"{name} is not a text file (it holds binary data). Fix: choose "
                         f"the CSV file itself, or save your sheet as CSV UTF-8")
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
    if not text.strip():
        raise InputError(f"{name} is empty. Fix: choose a file with a header row and one "
                         f"row per contact")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sniff_delimiter(line: str) -> str:
    """The delimiter of a header line: the most frequent of comma, semicolon and tab.

    Quoted text does not count; a comma when none is found.

    Examples
    --------
    >>> sniff_delimiter('name;"Smith, Jo";sector')
    ';'
    """
    bare = re.sub(r'"[^"]*"', "", line)
    counts = {d: bare.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


def header_key(cell: str) -> str:
    """A header cell reduced for matching: lower case, single spaces, no quotes or BOM."""
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').replace("_", " ").split()
                    ).casefold()


def find_header(text: str, is_header: Callable[[list[str]], bool], name: str,
                expected: str) -> tuple[int, int, str]:
    """``(line_number, char_offset, delimiter)`` of the first line that ``is_header``.

    Raises InputError naming what was ``expected`` when none of the first lines is.
    """
    offset = 0
    for number, line in enumerate(text.split("\n")[:HEADER_SEARCH_LINES], start=1):
        if line.strip():
            delimiter = sniff_delimiter(line)
            cells = [header_key(c) for c in next(csv.reader([line], delimiter=delimiter))]
            if is_header(cells):
                return number, offset, delimiter
        offset += len(line) + 1
    raise InputError(f"{name}: no header row with {expected} in the first "
                     f"{HEADER_SEARCH_LINES} lines. Fix: keep the file's first row of column "
                     f"names (see docs/network-csv.md for the template)")


def parse_table(text: str, offset: int, delimiter: str, name: str,
                header_line: int) -> pd.DataFrame:
    """The table from the header row on, every cell as text ('' when empty)."""
    try:
        frame = pd.read_csv(io.StringIO(text[offset:]), sep=delimiter, dtype=str,
                            keep_default_na=False, na_filter=False, skip_blank_lines=True,
                            engine="c")
    except pd.errors.ParserError as exc:
        match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if match:
            want, line, saw = (int(g) for g in match.groups())
            raise InputError(
                f"{name}, line {line + header_line - 1}: {saw} values where the header has "
                f"{want} columns. Fix: a value holding '{delimiter}' must be in double "
                f"quotes (\"Smith{delimiter} Jo\"); check that line in a text editor"
            ) from None
        raise InputError(f"{name}: cannot be read as a table ({exc}). Fix: save it again "
                         f"as CSV from your spreadsheet") from None
    except pd.errors.EmptyDataError:
        raise InputError(f"{name} has no rows. Fix: add a header row and one row per "
                         f"contact") from None
    frame.columns = [header_key(c) for c in frame.columns]
    return frame


def read_table(source: str | Path | bytes, name: str | None,
               is_header: Callable[[list[str]], bool],
               expected: str) -> tuple[pd.DataFrame, str, int]:
    r"""``(table, name to show, header line)``: a CSV file from its header row on.

    Data row ``k`` (0-based) is line ``header line + 1 + k`` of the file.

    Examples
    --------
    >>> table, shown, line = read_table(b"notes\n\nName;Sector\nAna;Banking\n", None,
    ...                                 lambda cells: "name" in cells, "a 'name' column")
    >>> table.to_dict("records"), shown, line
    ([{'name': 'Ana', 'sector': 'Banking'}], 'the file', 3)
    """
    raw, shown = read_source(source, name)
    text = decode(raw, shown)
    line, offset, delimiter = find_header(text, is_header, shown, expected)
    return parse_table(text, offset, delimiter, shown, line), shown, line
