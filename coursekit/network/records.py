"""The records a network is built from: the learner (ego), a contact, a tie, a circle.

Each ``check_`` function checks one record on its own and returns it normalised (see
:mod:`coursekit.network.values`), or raises an :class:`~coursekit.InputError` that names the
contact and the fix. What needs the whole network (an id used twice, a tie to a missing
contact) is checked by :func:`coursekit.network.model.network_problems`.

Examples
--------
>>> check_contact(Contact("c1", "  Ana  Ruiz", inside="yes", types="strategic"))
... # doctest: +NORMALIZE_WHITESPACE
Contact(id='c1', name='Ana Ruiz', inside=True, organisation='', sector='', function='',
        role='', seniority=None, types=('strategic',), strength=1, last_contact=None,
        circles=(), notes='')
>>> check_tie(Tie("c2", "c1", 3))
Tie(a='c1', b='c2', strength=3)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from .._errors import InputError
from .._limits import LINE, TEXT, check_length
from .values import (
    DEFAULT_CIRCLE_STRENGTH,
    DEFAULT_STRENGTH,
    SENIORITY_MAX,
    SENIORITY_MIN,
    STRENGTH_MAX,
    STRENGTH_MIN,
    TIE_MAX,
    TIE_MIN,
    is_blank,
    one_line,
    parse_circles,
    parse_date,
    parse_inside,
    parse_types,
    whole_number,
)


@dataclass(frozen=True)
class Ego:
    """The learner at the centre of the map: what 'inside' and 'outside' are measured from."""

    organisation: str = ""
    sector: str = ""
    function: str = ""
    label: str = "You"


@dataclass(frozen=True)
class Contact:
    """One person the learner knows (an *alter*).

    Attributes
    ----------
    id : str
        A short text id, unique in the network (``c1``, ``c2``...).
    name : str
        How the learner calls them (private: never handed in).
    inside : bool or None
        True inside the learner's organisation, False outside, None unknown.
    organisation, sector, function, role, notes : str
        Where they work, its sector (industry), their function (finance, sales...), their
        job title and free notes.
    seniority : int or None
        Levels above the learner (+2 = two levels above, -1 = one below), -5 to +5.
    types : tuple of str
        Network types: any of ``operational``, ``personal``, ``strategic``.
    strength : int
        Closeness to the learner, 1 to 5 (see :data:`~coursekit.network.STRENGTH_SCALE`).
    last_contact : datetime.date or None
        The date they last really talked.
    circles : tuple of str
        The circles (groups) they belong to; members of a circle know each other.
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


_ID = re.compile(r"^c(\d+)$")

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
    matches = (_ID.match(str(cid)) for cid in existing)
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
        raise InputError(f"contact {contact.id}: the name is empty. Fix: write a name or "
                         f"initials (only you will see it)")
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
        check_length(name, "name", LINE)
        for key, value in lines.items():
            check_length(value, key, LINE)
        for circle in circles:
            check_length(circle, "circle name", LINE)
        notes = check_length(str(contact.notes or "").strip(), "notes", TEXT)
    except InputError as exc:
        # Only the start of an over-long name goes in the message.
        raise InputError(f"{name[:40]}: {exc}") from None
    return Contact(
        id=str(contact.id).strip(), name=name, inside=inside, seniority=seniority,
        types=types, strength=strength, last_contact=last, circles=circles, notes=notes,
        **lines,
    )


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
    """Check one circle (a name, strength 0-5).

    Examples
    --------
    >>> check_circle(Circle("  My   team ", "3"))
    Circle(name='My team', strength=3, notes='')
    """
    name = " ".join(str(circle.name or "").split())
    if not name:
        raise InputError("a circle has no name. Fix: name it, e.g. 'My team'")
    check_length(name, "circle name", LINE)
    strength = whole_number(circle.strength, f"circle {name}: strength", TIE_MIN, TIE_MAX,
                            "how well its members know each other, 1 ... 5")
    return Circle(name, strength, check_length(str(circle.notes or "").strip(),
                                               "circle notes", TEXT))
