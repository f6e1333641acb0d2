"""The learner's network as plain data: the learner (ego), contacts, circles and ties.

The learner is *ego*; the people they know are *contacts* (alters). A contact carries

========================  ===================================================================
field                     meaning
========================  ===================================================================
``id``                    a short text id, unique in the network (``c1``, ``c2``...)
``name``                  how the learner calls them (private: never handed in)
``inside``                True inside the learner's organisation, False outside, None unknown
``organisation``          where they work
``sector``, ``function``  their sector (industry) and function (finance, sales...)
``role``                  their job title, free text
``seniority``             levels above the learner (+2 = two levels above, -1 = one below),
                          from -5 to +5, None unknown
``types``                 network types: any of ``operational``, ``personal``, ``strategic``
``strength``              closeness to the learner, 1 to 5 (see :data:`STRENGTH_SCALE`)
``last_contact``          the date they last really talked, or None
``circles``               the circles (groups) they belong to; members of a circle know
                          each other
``notes``                 free text
========================  ===================================================================

Ties among contacts come from two places, so that recording them stays usable past twenty
contacts (pairwise questions grow as n(n-1)/2):

* **circles**: everyone in a circle ("my team", "MBA classmates") is taken to know everyone
  else in it, with the circle's strength;
* **pairwise ties** for the few pairs that matter, with their own strength 0 to 5. A pairwise
  tie overrides the circles for that pair; strength 0 records that two people do *not* know
  each other (a zero-weight tie counts as no tie in every measure).

Examples
--------
>>> net = Network.from_records(
...     Ego(organisation="Calder Industries"),
...     [Contact("c1", "Ana", inside=True, strength=3, circles=("Team",)),
...      Contact("c2", "Ben", inside=True, circles=("Team",)),
...      Contact("c3", "Chen", inside=False, types=("strategic",))],
...     circles=[Circle("Team", strength=2)])
>>> net.size
3
>>> net.all_ties()[["a", "b", "strength"]].values.tolist()
[['c1', 'c2', 2]]
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from functools import cached_property
from typing import Any

import numpy as np
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

#: Columns of :attr:`Network.contacts`, in order.
CONTACT_COLUMNS: tuple[str, ...] = (
    "id", "name", "inside", "organisation", "sector", "function", "role", "seniority",
    "types", "strength", "last_contact", "circles", "notes",
)
TIE_COLUMNS: tuple[str, ...] = ("a", "b", "strength")
CIRCLE_COLUMNS: tuple[str, ...] = ("name", "strength", "notes")


@dataclass(frozen=True)
class Ego:
    """The learner at the centre of the map: what 'inside' and 'outside' are measured from."""

    organisation: str = ""
    sector: str = ""
    function: str = ""
    label: str = "You"


@dataclass(frozen=True)
class Contact:
    """One person the learner knows. See the module docstring for each field."""

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
    top = 0
    for cid in existing:
        match = _ID.match(str(cid))
        if match:
            top = max(top, int(match.group(1)))
    return [f"c{top + k}" for k in range(1, count + 1)]


# -- checking single values ------------------------------------------------------------------

def _whole(value: Any, what: str, low: int, high: int, fix: str) -> int:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{what} must be a whole number from {low} to {high}, "
                         f"not {value!r}. Fix: {fix}") from None
    if number != int(number) or not low <= number <= high:
        raise InputError(f"{what} must be a whole number from {low} to {high}, "
                         f"not {value!r}. Fix: {fix}")
    return int(number)


def parse_types(value: Any) -> tuple[str, ...]:
    """Network types from text (``"operational; strategic"``) or a list, checked and ordered.

    Examples
    --------
    >>> parse_types("Strategic, operational")
    ('operational', 'strategic')
    >>> parse_types("")
    ()
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ()
    items = value.replace(";", ",").replace("|", ",").split(",") if isinstance(value, str) \
        else list(value)
    found = set()
    for item in items:
        word = str(item).strip().lower()
        if not word:
            continue
        if word not in NETWORK_TYPES:
            raise InputError(f"'{item}' is not a network type. Fix: use operational, "
                             f"personal or strategic (several separated by ';')")
        found.add(word)
    return tuple(t for t in NETWORK_TYPES if t in found)


def format_circles(circles: Iterable[str]) -> str:
    """Circle names as one text cell, separated by ``; ``; :func:`parse_circles` reverses it.

    A name that holds ``;`` or ``"`` is put in double quotes (quotes inside doubled), as in
    a CSV row, so that it comes back whole.

    Examples
    --------
    >>> format_circles(["Team", 'R&D; Ops', 'The "A" list'])
    'Team; "R&D; Ops"; "The ""A"" list"'
    >>> parse_circles(format_circles(["Team", 'R&D; Ops', 'The "A" list']))
    ('Team', 'R&D; Ops', 'The "A" list')
    """
    return "; ".join(f'"{c.replace(chr(34), chr(34) * 2)}"' if (";" in c or '"' in c) else c
                     for c in circles)


def parse_circles(value: Any) -> tuple[str, ...]:
    """Circle names from text (``"Team; MBA class"``) or a list, trimmed, duplicates dropped.

    Text is split at ``;`` outside double quotes (see :func:`format_circles`).
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ()
    if isinstance(value, str):
        items = next(csv.reader([value], delimiter=";", skipinitialspace=True), []) \
            if value.strip() else []
    else:
        items = list(value)
    out: list[str] = []
    for item in items:
        name = " ".join(str(item).split())
        if name and name not in out:
            out.append(name)
    return tuple(out)


def parse_inside(value: Any) -> bool | None:
    """Inside/outside from a bool or words (inside/outside, yes/no, 1/0; blank is unknown)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, float) and np.isnan(value):
        return None
    word = str(value).strip().lower()
    if word in ("", "unknown", "?"):
        return None
    if word in ("inside", "in", "yes", "y", "true", "1", "internal"):
        return True
    if word in ("outside", "out", "no", "n", "false", "0", "external"):
        return False
    raise InputError(f"'{value}' does not say inside or outside. Fix: write inside, outside "
                     f"or leave it blank when you do not know")


def parse_date(value: Any) -> date | None:
    """A date from a ``date``, ISO text (``2024-03-15``) or blank."""
    if value is None or value == "" or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"'{value}' is not a date. Fix: write it as year-month-day, "
                         f"e.g. 2024-03-15") from None


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
    strength = _whole(contact.strength, f"{name}: strength", STRENGTH_MIN, STRENGTH_MAX,
                      "1 acquaintance ... 5 very close")
    seniority = None if contact.seniority is None or (
        isinstance(contact.seniority, float) and np.isnan(contact.seniority)) else _whole(
        contact.seniority, f"{name}: seniority", SENIORITY_MIN, SENIORITY_MAX,
        "levels above you (+) or below you (-), e.g. 2 for two levels above")
    try:
        types = parse_types(contact.types)
        circles = parse_circles(contact.circles)
        inside = parse_inside(contact.inside)
        last = parse_date(contact.last_contact)
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None
    lines = {key: _text(getattr(contact, key))
             for key in ("organisation", "sector", "function", "role")}
    try:
        check_length(name, "name", LINE)
        for key, value in lines.items():
            check_length(value, key, LINE)
        for circle in circles:
            check_length(circle, "circle name", LINE)
        notes = check_length(str(contact.notes or "").strip(), "notes", TEXT)
    except InputError as exc:
        raise InputError(f"{name[:40]}: {exc}") from None
    return Contact(
        id=str(contact.id).strip(), name=name, inside=inside, seniority=seniority,
        types=types, strength=strength, last_contact=last, circles=circles, notes=notes,
        **lines,
    )


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return " ".join(str(value).split())


def check_tie(tie: Tie) -> Tie:
    """Check one tie between contacts (strength 0-5, two different contacts)."""
    if tie.a == tie.b:
        raise InputError(f"a tie joins contact {tie.a} to itself. Fix: pick two different "
                         f"contacts")
    strength = _whole(tie.strength, f"tie {tie.a}-{tie.b}: strength", TIE_MIN, TIE_MAX,
                      "0 they do not know each other ... 5 very close")
    a, b = sorted((str(tie.a), str(tie.b)))
    return Tie(a, b, strength)


def check_circle(circle: Circle) -> Circle:
    """Check one circle (a name, strength 0-5)."""
    name = " ".join(str(circle.name or "").split())
    if not name:
        raise InputError("a circle has no name. Fix: name it, e.g. 'My team'")
    check_length(name, "circle name", LINE)
    strength = _whole(circle.strength, f"circle {name}: strength", TIE_MIN, TIE_MAX,
                      "how well its members know each other, 1 ... 5")
    return Circle(name, strength, check_length(str(circle.notes or "").strip(),
                                               "circle notes", TEXT))


# -- the network --------------------------------------------------------------------------

def _empty_contacts() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in CONTACT_COLUMNS})


@dataclass
class Network:
    """A learner's whole network as DataFrames, ready for measures, maps and exports.

    Attributes
    ----------
    ego : Ego
        The learner's organisation, sector and function.
    contacts : DataFrame
        One row per contact, columns :data:`CONTACT_COLUMNS` (``types`` and ``circles`` hold
        tuples, ``last_contact`` a ``datetime.date`` or None, ``seniority`` an int or None).
    ties : DataFrame
        Pairwise ties, columns ``a``, ``b`` (contact ids, ``a < b``) and ``strength``.
    circles : DataFrame
        Circles, columns ``name``, ``strength``, ``notes``.

    Treat a Network as a value: functions that change it return a new one.
    """

    ego: Ego = field(default_factory=Ego)
    contacts: pd.DataFrame = field(default_factory=_empty_contacts)
    ties: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        {"a": pd.Series(dtype=object), "b": pd.Series(dtype=object),
         "strength": pd.Series(dtype="int64")}))
    circles: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        {"name": pd.Series(dtype=object), "strength": pd.Series(dtype="int64"),
         "notes": pd.Series(dtype=object)}))

    @classmethod
    def from_records(cls, ego: Ego | None = None, contacts: Iterable[Contact] = (),
                     ties: Iterable[Tie] = (), circles: Iterable[Circle] = (),
                     *, check: bool = True) -> Network:
        """Build a network from :class:`Contact`, :class:`Tie` and :class:`Circle` objects.

        With ``check`` (the default) every record is checked and the whole network is
        checked with :func:`network_problems`; the first blocking problem raises InputError.
        """
        contacts = [check_contact(c) for c in contacts] if check else list(contacts)
        ties = [check_tie(t) for t in ties] if check else list(ties)
        circles = [check_circle(c) for c in circles] if check else list(circles)
        frame = pd.DataFrame([asdict(c) for c in contacts], columns=list(CONTACT_COLUMNS),
                             dtype=object) if contacts else _empty_contacts()
        if contacts:
            frame["types"] = [c.types for c in contacts]
            frame["circles"] = [c.circles for c in contacts]
        net = cls(ego or Ego(), frame.astype(object),
                  pd.DataFrame([asdict(t) for t in ties], columns=list(TIE_COLUMNS))
                  .astype({"strength": "int64"}),
                  pd.DataFrame([asdict(c) for c in circles], columns=list(CIRCLE_COLUMNS))
                  .astype({"strength": "int64"}))
        if check:
            blocking = [p for p in network_problems(net) if p.blocking]
            if blocking:
                raise InputError("\n".join(str(p) for p in blocking))
        return net

    # -- reading --------------------------------------------------------------------------

    @property
    def size(self) -> int:
        """Number of contacts."""
        return len(self.contacts)

    def contact(self, contact_id: str) -> Contact:
        """One contact as a :class:`Contact`."""
        rows = self.contacts.index[self.contacts["id"] == contact_id]
        if len(rows) == 0:
            raise KeyError(f"no contact with id {contact_id!r}")
        return self._row_contact(self.contacts.loc[rows[0]])

    def contact_list(self) -> list[Contact]:
        """Every contact as a :class:`Contact`, in order."""
        return [self._row_contact(row) for _, row in self.contacts.iterrows()]

    @staticmethod
    def _row_contact(row: pd.Series) -> Contact:
        values = {f.name: row[f.name] for f in fields(Contact)}
        for key in ("inside", "seniority", "last_contact"):
            if values[key] is not None and not isinstance(values[key], (bool, date)) \
                    and pd.isna(values[key]):
                values[key] = None
        if values["seniority"] is not None:
            values["seniority"] = int(values["seniority"])
        values["strength"] = int(values["strength"])
        values["types"] = tuple(values["types"] or ())
        values["circles"] = tuple(values["circles"] or ())
        return Contact(**values)

    def names(self) -> dict[str, str]:
        """Contact names by id."""
        return dict(zip(self.contacts["id"], self.contacts["name"], strict=False))

    def circle_members(self) -> dict[str, list[str]]:
        """Contact ids in each circle (circles named only on contacts included)."""
        members: dict[str, list[str]] = {name: [] for name in self.circles["name"]}
        for cid, names in zip(self.contacts["id"], self.contacts["circles"], strict=False):
            for name in names or ():
                members.setdefault(name, []).append(cid)
        return members

    def all_ties(self) -> pd.DataFrame:
        """Every tie among contacts with strength > 0: circles expanded, pairwise overriding.

        Returns a DataFrame with columns ``a``, ``b`` (ids, ``a < b``), ``strength`` and
        ``i``, ``j`` (row positions of ``a`` and ``b`` in :attr:`contacts`), ``source``
        (``"pair"`` or ``"circle"``). Zero-weight ties are left out: they mean "no tie".
        """
        return self._tie_table.copy()

    @cached_property
    def _tie_table(self) -> pd.DataFrame:
        i, j, w, pair = self.tie_arrays
        ids = self.contacts["id"].to_numpy(dtype=object)
        first, second = ids[i], ids[j]
        swap = np.array([x > y for x, y in zip(first, second, strict=False)], dtype=bool)
        a = np.where(swap, second, first)
        b = np.where(swap, first, second)
        i, j = np.where(swap, j, i), np.where(swap, i, j)
        return pd.DataFrame({"a": a, "b": b, "strength": w, "i": i, "j": j,
                             "source": np.where(pair, "pair", "circle")})

    @cached_property
    def tie_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Ties with strength > 0 as arrays ``(i, j, strength, is_pairwise)``.

        ``i < j`` are row positions in :attr:`contacts`. Computed once per network.
        """
        n = self.size
        index = {cid: k for k, cid in enumerate(self.contacts["id"])}
        strength_of = dict(zip(self.circles["name"], self.circles["strength"], strict=False))
        codes: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        members = self.circle_members()
        for name, ids in members.items():
            if len(ids) < 2:
                continue
            pos = np.sort(np.fromiter((index[c] for c in ids), dtype=np.int64, count=len(ids)))
            a, b = np.triu_indices(len(pos), 1)
            codes.append(pos[a] * n + pos[b])
            weights.append(np.full(len(a), int(strength_of.get(name, DEFAULT_CIRCLE_STRENGTH)),
                                   dtype=np.int64))
        if codes:
            code = np.concatenate(codes)
            weight = np.concatenate(weights)
            # A pair in two circles takes the stronger circle's strength.
            order = np.lexsort((-weight, code))
            code, weight = code[order], weight[order]
            first = np.ones(len(code), dtype=bool)
            first[1:] = code[1:] != code[:-1]
            code, weight = code[first], weight[first]
        else:
            code = np.empty(0, dtype=np.int64)
            weight = np.empty(0, dtype=np.int64)
        pair = np.zeros(len(code), dtype=bool)
        if len(self.ties):
            ta = self.ties["a"].map(index)
            tb = self.ties["b"].map(index)
            known = ta.notna() & tb.notna()
            lo = np.minimum(ta[known], tb[known]).to_numpy(dtype=np.int64)
            hi = np.maximum(ta[known], tb[known]).to_numpy(dtype=np.int64)
            pcode = lo * n + hi
            pweight = self.ties["strength"][known].to_numpy(dtype=np.int64)
            keep = ~np.isin(code, pcode)  # a pairwise tie overrides the circles
            code = np.concatenate([code[keep], pcode])
            weight = np.concatenate([weight[keep], pweight])
            pair = np.concatenate([pair[keep], np.ones(len(pcode), dtype=bool)])
        positive = weight > 0
        code, weight, pair = code[positive], weight[positive], pair[positive]
        order = np.argsort(code, kind="stable")
        code, weight, pair = code[order], weight[order], pair[order]
        if n == 0:
            return (code, code, weight, pair)
        return (code // n, code % n, weight, pair)


# -- whole-network problems ----------------------------------------------------------------

@dataclass(frozen=True)
class NetworkProblem:
    """A problem in a network, with what to do.

    ``blocking`` problems stop a save or import; the others (a likely duplicate) are offered
    to the learner, e.g. as a merge.
    """

    place: str
    problem: str
    fix: str
    blocking: bool = True

    def __str__(self) -> str:
        return f"{self.place}: {self.problem}. Fix: {self.fix}"


def network_problems(network: Network) -> list[NetworkProblem]:
    """Every problem of a network.

    repeated ids, ties to missing contacts or to the same contact, circles of unknown names,
    values out of range, and likely duplicates.

    Nothing is changed or dropped: the learner decides (see :func:`find_duplicates` and
    :func:`merge_contacts` in :mod:`coursekit.network.duplicates`).
    """
    from .duplicates import find_duplicates

    problems: list[NetworkProblem] = []
    contacts = network.contacts
    ids = contacts["id"]
    repeated = ids[ids.duplicated(keep=False)]
    for cid in dict.fromkeys(repeated):
        names = ", ".join(contacts.loc[ids == cid, "name"].astype(str))
        problems.append(NetworkProblem(
            f"contact id {cid}", f"is used by more than one contact ({names})",
            "give each contact its own id, or merge them if they are the same person"))
    bad_strength = contacts[~contacts["strength"].isin(range(STRENGTH_MIN, STRENGTH_MAX + 1))]
    for _, row in bad_strength.iterrows():
        problems.append(NetworkProblem(f"contact {row['name']}",
                                       f"strength {row['strength']!r} is out of range",
                                       "use 1 (acquaintance) to 5 (very close)"))
    known = set(ids)
    for k, tie in network.ties.iterrows():
        missing = [x for x in (tie["a"], tie["b"]) if x not in known]
        if missing:
            problems.append(NetworkProblem(
                f"tie {k + 1} ({tie['a']}-{tie['b']})",
                f"names a contact that is not in the network ({', '.join(map(str, missing))})",
                "add the contact first, or remove the tie"))
        elif tie["a"] == tie["b"]:
            problems.append(NetworkProblem(f"tie {k + 1}", "joins a contact to itself",
                                           "pick two different contacts"))
        if not TIE_MIN <= int(tie["strength"]) <= TIE_MAX:
            problems.append(NetworkProblem(f"tie {k + 1}", f"strength {tie['strength']} is "
                                           f"out of range", "use 0 to 5"))
    pairs = network.ties[["a", "b"]].apply(lambda r: tuple(sorted(r)), axis=1) \
        if len(network.ties) else pd.Series(dtype=object)
    for pair in dict.fromkeys(pairs[pairs.duplicated()]):
        problems.append(NetworkProblem(f"tie {pair[0]}-{pair[1]}", "is recorded twice",
                                       "keep one of the two ties"))
    for group in find_duplicates(network):
        names = " / ".join(network.names()[c] for c in group)
        problems.append(NetworkProblem(
            f"contacts {', '.join(group)}", f"look like the same person ({names})",
            "merge them (nothing is lost) or change a name to tell them apart",
            blocking=False))
    return problems
