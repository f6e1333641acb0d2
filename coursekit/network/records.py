"""The records a network is built from (the learner, a contact, a tie, a circle) and their values.

A value may come as text typed in a form or a spreadsheet ("inside", "Strategic;
operational", "2024-03-15"), as a Python value, or blank (``None``, ``""`` or the ``nan``
of an empty pandas cell). Each ``parse_`` function accepts all three and returns one clean
value; each ``check_`` function checks one record on its own and returns it normalised.
Both raise an :class:`~coursekit.InputError` that names the contact and the fix. What needs
the whole network (an id used twice, a tie to a missing contact) is checked by
:func:`coursekit.network.model.network_problems`.

Examples
--------
>>> check_contact(Contact("c1", "  Ana  Ruiz", inside="yes", types="strategic"))
... # doctest: +NORMALIZE_WHITESPACE
Contact(id='c1', name='Ana Ruiz', inside=True, organisation='', sector='', function='',
        role='', seniority=None, types=('strategic',), strength=1, last_contact=None,
        circles=(), notes='')
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import pandas as pd

from .._errors import InputError
from .._limits import LINE, TEXT, check_length

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
    """True for ``None`` and for the ``nan`` that pandas puts in an empty cell (not ``""``)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def one_line(value: Any) -> str:
    """Text on one line with runs of spaces folded; blank gives ``""``."""
    return "" if is_blank(value) else " ".join(str(value).split())


def whole_number(value: Any, what: str, low: int, high: int, fix: str) -> int:
    """``value`` as a whole number from ``low`` to ``high``, or an InputError naming ``what``."""
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
    """
    if is_blank(value) or (isinstance(value, str) and not value.strip()):
        return ()
    if isinstance(value, str):
        value = next(csv.reader([value], delimiter=";", skipinitialspace=True), [])
    names = (" ".join(str(item).split()) for item in value)
    return tuple(dict.fromkeys(name for name in names if name))


def parse_inside(value: Any) -> bool | None:
    """Inside/outside from a bool or words (inside/outside, yes/no, 1/0; blank is unknown)."""
    if isinstance(value, bool):
        return value
    word = "" if is_blank(value) else str(value).strip().lower()
    if word not in _SIDES:
        raise InputError(f"'{value}' does not say inside or outside. Fix: write inside, "
                         f"outside or leave it blank when you do not know")
    return _SIDES[word]


def parse_date(value: Any) -> date | None:
    """A date from a ``date``, ISO text (``2024-03-15``) or blank (None)."""
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


@dataclass(frozen=True)
class Ego:
    """The learner at the centre of the map: what 'inside' and 'outside' are measured from."""

    organisation: str = ""
    sector: str = ""
    function: str = ""
    label: str = "You"


@dataclass(frozen=True)
class Contact:
    """One person the learner knows (an *alter*); the name is private, never handed in.

    The fields are the columns of the CSV template (``docs/network-csv.md``): ``id`` unique
    in the network (``c1``...); ``inside`` True, False or None (unknown); ``seniority``
    levels above the learner, -5 to +5, or None; ``types`` any of :data:`NETWORK_TYPES`;
    ``strength`` closeness 1-5 (:data:`STRENGTH_SCALE`); ``last_contact`` when they last
    really talked; ``circles`` the groups they belong to, whose members know each other.
    """

    id: str
    name: str
    inside: bool | None = None
    organisation: str = ""
    sector: str = ""
    function: str = ""
    role: str = ""
    seniority: int | None = None
    types: tuple[str, ...] = ()
    strength: int = DEFAULT_STRENGTH
    last_contact: date | None = None
    circles: tuple[str, ...] = ()
    notes: str = ""

    def replace(self, **changes: Any) -> Contact:
        """A copy with some fields changed (then checked)."""
        return check_contact(Contact(**{**asdict(self), **changes}))


@dataclass(frozen=True)
class Tie:
    """A tie between two contacts ``a`` and ``b`` (order does not matter), strength 0-5."""

    a: str
    b: str
    strength: int = 1


@dataclass(frozen=True)
class Circle:
    """A group of contacts who all know each other ("my team", "MBA classmates")."""

    name: str
    strength: int = DEFAULT_CIRCLE_STRENGTH
    notes: str = ""


#: The id of a contact not yet stored: :func:`~coursekit.network.storage.save_contact`
#: gives it a fresh one inside its write transaction.
NEW_ID = ""


def next_contact_id(existing: Iterable[str], count: int = 1) -> list[str]:
    """``count`` new ids of the form ``c<number>`` that are not in ``existing``.

    Examples
    --------
    >>> next_contact_id(["c1", "c7", "x"], 2)
    ['c8', 'c9']
    """
    matches = (re.match(r"c(\d+)$", str(cid)) for cid in existing)
    top = max((int(m.group(1)) for m in matches if m), default=0)
    return [f"c{top + k}" for k in range(1, count + 1)]


def check_contact(contact: Contact, *, new: bool = False) -> Contact:
    """Check one contact; return it with values normalised, or raise a clear InputError.

    With ``new``, the id may be :data:`NEW_ID` (the store gives it one).

    Examples
    --------
    >>> check_contact(Contact("c1", "  Ana  ", strength=7))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    coursekit._errors.InputError: Ana: strength must be a whole number from 1 to 5, not 7. Fix: ...
    """
    name = " ".join(str(contact.name or "").split())
    if not name:
        raise InputError("the name is empty. Fix: write a name or initials (only you will "
                         "see it).")
    if not new and not str(contact.id or "").strip():
        raise InputError(f"{name}: the id is empty. Fix: give the contact an id such as c1")
    strength = whole_number(contact.strength, f"{name}: strength", STRENGTH_MIN, STRENGTH_MAX,
                            "1 acquaintance ... 5 very close")
    seniority = None if is_blank(contact.seniority) else whole_number(
        contact.seniority, f"{name}: seniority", SENIORITY_MIN, SENIORITY_MAX,
        "levels above you (+) or below you (-), e.g. 2 for two levels above")
    try:
        types = parse_types(contact.types)
        circles = parse_circles(contact.circles)
        inside = parse_inside(contact.inside)
        last = parse_date(contact.last_contact)
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None
    lines = {key: one_line(getattr(contact, key))
             for key in ("organisation", "sector", "function", "role")}
    try:
        for what, text in (("name", name), *lines.items(), *(("circle name", c) for c in circles)):
            check_length(text, what, LINE)
        notes = check_length(str(contact.notes or "").strip(), "notes", TEXT)
    except InputError as exc:
        # Only the start of an over-long name goes in the message.
        raise InputError(f"{name[:40]}: {exc}") from None
    return Contact(id=str(contact.id).strip(), name=name, inside=inside, seniority=seniority,
                   types=types, strength=strength, last_contact=last, circles=circles,
                   notes=notes, **lines)


def check_tie(tie: Tie) -> Tie:
    """Check one tie between two different contacts, strength 0-5; ends in order (``a < b``)."""
    if tie.a == tie.b:
        raise InputError(f"a tie joins contact {tie.a} to itself. Fix: pick two different "
                         f"contacts")
    strength = whole_number(tie.strength, f"tie {tie.a}-{tie.b}: strength", TIE_MIN, TIE_MAX,
                            "0 they do not know each other ... 5 very close")
    a, b = sorted((str(tie.a), str(tie.b)))
    return Tie(a, b, strength)


def check_circle(circle: Circle) -> Circle:
    """Check one circle (a name, strength 0-5); spaces in the name are folded."""
    name = " ".join(str(circle.name or "").split())
    if not name:
        raise InputError("a circle has no name. Fix: name it, e.g. 'My team'")
    check_length(name, "circle name", LINE)
    strength = whole_number(circle.strength, f"circle {name}: strength", TIE_MIN, TIE_MAX,
                            "how well its members know each other, 1 ... 5")
    return Circle(name, strength, check_length(str(circle.notes or "").strip(),
                                               "circle notes", TEXT))
