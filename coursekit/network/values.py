"""Single values of a network: the scales, and how a cell of text becomes a value.

A value may come as text typed in a form or a spreadsheet ("inside", "Strategic;
operational", "2024-03-15"), as a Python value, or blank (``None``, ``""`` or the ``nan``
of an empty pandas cell). Each ``parse_`` function accepts all three and returns one clean
value, or raises an :class:`~coursekit.InputError` that says what is wrong and the fix.

Examples
--------
>>> parse_inside("Outside"), parse_types("strategic; Personal"), parse_date("")
(False, ('personal', 'strategic'), None)
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from datetime import date
from typing import Any

import pandas as pd

from .._errors import InputError

#: The three network types of Ibarra and Hunter (HBR 2007).
NETWORK_TYPES: tuple[str, ...] = ("operational", "personal", "strategic")

#: Closeness of a contact to the learner (the ``strength`` of a contact).
STRENGTH_SCALE: dict[int, str] = {
    1: "acquaintance: met a few times",
    2: "occasional: talk now and then",
    3: "regular: talk often, would help",
    4: "close: trust and confide",
    5: "very close: one of the first you call",
}
STRENGTH_MIN, STRENGTH_MAX = 1, 5
#: A tie between two contacts: 0 (they do not know each other) to 5.
TIE_MIN, TIE_MAX = 0, 5
#: Seniority in levels relative to the learner.
SENIORITY_MIN, SENIORITY_MAX = -5, 5
#: Strength given to a contact when none is known (imports): the weakest tie.
DEFAULT_STRENGTH = 1
#: Strength of the ties among members of a circle when none is given.
DEFAULT_CIRCLE_STRENGTH = 2
_SIDES = {**dict.fromkeys(("inside", "in", "yes", "y", "true", "1", "internal"), True),
          **dict.fromkeys(("outside", "out", "no", "n", "false", "0", "external"), False),
          **dict.fromkeys(("", "unknown", "?"))}


def is_blank(value: Any) -> bool:
    """True for ``None`` and for the ``nan`` that pandas puts in an empty cell.

    Examples
    --------
    >>> is_blank(None), is_blank(float("nan")), is_blank(""), is_blank(0)
    (True, True, False, False)
    """
    return value is None or (isinstance(value, float) and math.isnan(value))


def one_line(value: Any) -> str:
    r"""Text on one line with runs of spaces folded; blank gives ``""``.

    Examples
    --------
    >>> one_line("  Calder   Industries\n"), one_line(None)
    ('Calder Industries', '')
    """
    return "" if is_blank(value) else " ".join(str(value).split())


def whole_number(value: Any, what: str, low: int, high: int, fix: str) -> int:
    """``value`` as a whole number from ``low`` to ``high``, or an InputError naming ``what``.

    Examples
    --------
    >>> whole_number(2.5, "strength", 1, 5, "1 ... 5")
    Traceback (most recent call last):
    ...
    coursekit._errors.InputError: strength must be a whole number from 1 to 5, not 2.5. Fix: 1 ... 5
    """
    message = f"{what} must be a whole number from {low} to {high}, not {value!r}. Fix: {fix}"
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(message) from None
    if number != int(number) or not low <= number <= high:
        raise InputError(message)
    return int(number)


def parse_types(value: Any) -> tuple[str, ...]:
    """Network types from text (``"operational; strategic"``) or a list, checked and ordered.

    Examples
    --------
    >>> parse_types("Strategic, operational"), parse_types("")
    (('operational', 'strategic'), ())
    """
    if is_blank(value):
        return ()
    items = value.replace(";", ",").replace("|", ",").split(",") if isinstance(value, str) \
        else list(value)
    words = [str(item).strip().lower() for item in items]
    bad = [item for item, word in zip(items, words, strict=True)
           if word and word not in NETWORK_TYPES]
    if bad:
        raise InputError(f"'{bad[0]}' is not a network type. Fix: use operational, "
                         f"personal or strategic (several separated by ';')")
    return tuple(t for t in NETWORK_TYPES if t in words)


def format_circles(circles: Iterable[str]) -> str:
    """Circle names as one text cell, separated by ``; ``; :func:`parse_circles` reverses it.

    A name that holds ``;`` or ``"`` is put in double quotes (quotes inside doubled), as in
    a CSV row, so that it comes back whole.

    Examples
    --------
    >>> format_circles(["Team", 'R&D; Ops', 'The "A" list'])
    'Team; "R&D; Ops"; "The ""A"" list"'
    >>> parse_circles(_)
    ('Team', 'R&D; Ops', 'The "A" list')
    """
    return "; ".join(f'"{c.replace(chr(34), chr(34) * 2)}"' if (";" in c or '"' in c) else c
                     for c in circles)


def parse_circles(value: Any) -> tuple[str, ...]:
    """Circle names from text (``"Team; MBA class"``) or a list, trimmed, duplicates dropped.

    Text is split at ``;`` outside double quotes (see :func:`format_circles`).

    Examples
    --------
    >>> parse_circles("Team;  MBA   class; Team")
    ('Team', 'MBA class')
    """
    if is_blank(value) or (isinstance(value, str) and not value.strip()):
        return ()
    if isinstance(value, str):
        value = next(csv.reader([value], delimiter=";", skipinitialspace=True), [])
    names = (" ".join(str(item).split()) for item in value)
    return tuple(dict.fromkeys(name for name in names if name))


def parse_inside(value: Any) -> bool | None:
    """Inside/outside from a bool or words (inside/outside, yes/no, 1/0; blank is unknown).

    Examples
    --------
    >>> parse_inside("yes"), parse_inside("External"), parse_inside("?")
    (True, False, None)
    """
    if isinstance(value, bool):
        return value
    word = "" if is_blank(value) else str(value).strip().lower()
    if word not in _SIDES:
        raise InputError(f"'{value}' does not say inside or outside. Fix: write inside, "
                         f"outside or leave it blank when you do not know")
    return _SIDES[word]


def parse_date(value: Any) -> date | None:
    """A date from a ``date``, ISO text (``2024-03-15``) or blank.

    Examples
    --------
    >>> parse_date("2024-03-15"), parse_date(None)
    (datetime.date(2024, 3, 15), None)
    """
    if is_blank(value) or value == "":
        return None
    # A Timestamp (a spreadsheet column read by pandas) is also a date: keep the plain date.
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"'{value}' is not a date. Fix: write it as year-month-day, "
                         f"e.g. 2024-03-15") from None
