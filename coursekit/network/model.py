"""The learner's whole network as plain data, ready for measures, maps and exports.

The learner is *ego*; the people they know are *contacts* (alters), each a
:class:`~coursekit.network.records.Contact` (its fields are listed there). Ties among
contacts come from two places, so that recording them stays usable past twenty contacts
(pairwise questions grow as n(n-1)/2):

* **circles**: everyone in a circle ("my team", "MBA classmates") is taken to know everyone
  else in it, with the circle's strength;
* **pairwise ties** for the few pairs that matter, with their own strength 0 to 5. A pairwise
  tie overrides the circles for that pair; strength 0 records that two people do *not* know
  each other (a zero-weight tie counts as no tie in every measure).

The data model is in three layers, each importing only the one before:

==================  ===========================================================================
module              job
==================  ===========================================================================
``values``          the scales (strength, seniority, network types) and reading one value
``records``         one contact, tie or circle (and the learner, ego), each checked on its own
``model``           the whole :class:`Network`; :mod:`~coursekit.network.problems` checks it
==================  ===========================================================================

Every name of the three layers can be imported from here, as before they were split.

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

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from functools import cached_property

import numpy as np
import pandas as pd

from .._errors import InputError
from .problems import NetworkProblem, network_problems
from .records import (
    NEW_ID,
    Circle,
    Contact,
    Ego,
    Tie,
    check_circle,
    check_contact,
    check_tie,
    next_contact_id,
)
from .values import (
    DEFAULT_CIRCLE_STRENGTH,
    DEFAULT_STRENGTH,
    NETWORK_TYPES,
    SENIORITY_MAX,
    SENIORITY_MIN,
    STRENGTH_MAX,
    STRENGTH_MIN,
    STRENGTH_SCALE,
    TIE_MAX,
    TIE_MIN,
    format_circles,
    parse_circles,
    parse_date,
    parse_inside,
    parse_types,
)

__all__ = [
    "CIRCLE_COLUMNS", "CONTACT_COLUMNS", "DEFAULT_CIRCLE_STRENGTH", "DEFAULT_STRENGTH",
    "NETWORK_TYPES", "NEW_ID", "SENIORITY_MAX", "SENIORITY_MIN", "STRENGTH_MAX", "STRENGTH_MIN",
    "STRENGTH_SCALE", "TIE_COLUMNS", "TIE_MAX", "TIE_MIN", "Circle", "Contact", "Ego",
    "Network", "NetworkProblem", "Tie", "check_circle", "check_contact", "check_tie",
    "format_circles", "network_problems", "next_contact_id", "parse_circles", "parse_date",
    "parse_inside", "parse_types",
]

#: Columns of :attr:`Network.contacts`, in order.
CONTACT_COLUMNS: tuple[str, ...] = (
    "id", "name", "inside", "organisation", "sector", "function", "role", "seniority",
    "types", "strength", "last_contact", "circles", "notes",
)
TIE_COLUMNS: tuple[str, ...] = ("a", "b", "strength")
CIRCLE_COLUMNS: tuple[str, ...] = ("name", "strength", "notes")


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
