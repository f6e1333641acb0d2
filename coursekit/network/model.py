"""The learner's whole network as plain data, and what is wrong with it.

The learner is *ego*; the people they know are *contacts* (alters), each a
:class:`~coursekit.network.records.Contact`. Ties among contacts come from two places, so
that recording them stays usable past twenty contacts (pairwise questions grow as n(n-1)/2):

* **circles**: everyone in a circle ("my team", "MBA classmates") is taken to know everyone
  else in it, with the circle's strength;
* **pairwise ties** for the few pairs that matter, with their own strength 0 to 5. A pairwise
  tie overrides the circles for that pair; strength 0 records that two people do *not* know
  each other (a zero-weight tie counts as no tie in every measure).

A record can be right on its own (:mod:`~coursekit.network.records`) and wrong in the
network: :func:`network_problems` lists those problems; nothing is changed or dropped.

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
from .records import (
    DEFAULT_CIRCLE_STRENGTH,
    STRENGTH_MAX,
    STRENGTH_MIN,
    TIE_MAX,
    TIE_MIN,
    Circle,
    Contact,
    Ego,
    Tie,
    check_circle,
    check_contact,
    check_tie,
    format_circles,  # noqa: F401 (imported from here by the views)
    parse_types,  # noqa: F401 (imported from here by tests)
)

#: Columns of :attr:`Network.contacts`, :attr:`Network.ties` and :attr:`Network.circles`.
CONTACT_COLUMNS, TIE_COLUMNS, CIRCLE_COLUMNS = (tuple(f.name for f in fields(record))
                                                for record in (Contact, Tie, Circle))


def _frame(columns: Iterable[str], rows: Iterable = (), dtype: type | None = None,
           **dtypes: str) -> pd.DataFrame:
    """A table of ``rows`` (dicts), empty without rows, of ``dtype`` but for ``dtypes``."""
    return pd.DataFrame(list(rows), columns=list(columns), dtype=dtype).astype(dtypes)


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
    contacts: pd.DataFrame = field(default_factory=lambda: _frame(CONTACT_COLUMNS, dtype=object))
    ties: pd.DataFrame = field(default_factory=lambda: _frame(TIE_COLUMNS, strength="int64"))
    circles: pd.DataFrame = field(
        default_factory=lambda: _frame(CIRCLE_COLUMNS, strength="int64"))

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
        net = cls(ego or Ego(), _frame(CONTACT_COLUMNS, map(asdict, contacts), dtype=object),
                  _frame(TIE_COLUMNS, map(asdict, ties), strength="int64"),
                  _frame(CIRCLE_COLUMNS, map(asdict, circles), strength="int64"))
        blocking = [p for p in network_problems(net) if p.blocking] if check else []
        if blocking:
            raise InputError("\n".join(str(p) for p in blocking))
        return net

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
        # records, not iterrows(): a Series per row cost 0.2 ms a contact
        rows = self.contacts[list(CONTACT_COLUMNS)].to_dict("records")
        return [self._row_contact(row) for row in rows]

    @staticmethod
    def _row_contact(row: pd.Series | dict) -> Contact:
        values = {key: row[key] for key in CONTACT_COLUMNS}
        for key in ("inside", "seniority", "last_contact"):
            if not isinstance(values[key], (bool, date)) and pd.isna(values[key]):
                values[key] = None
        seniority = values["seniority"]
        return Contact(**{**values, "seniority": None if seniority is None else int(seniority),
                          "strength": int(values["strength"]),
                          "types": tuple(values["types"] or ()),
                          "circles": tuple(values["circles"] or ())})

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
        i, j, w, pair = self.tie_arrays
        ids = self.contacts["id"].to_numpy(dtype=object)
        swap = np.asarray(ids[i] > ids[j], dtype=bool)
        i, j = np.where(swap, j, i), np.where(swap, i, j)
        return pd.DataFrame({"a": ids[i], "b": ids[j], "strength": w, "i": i, "j": j,
                             "source": np.where(pair, "pair", "circle")})

    @cached_property
    def tie_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Ties with strength > 0 as arrays ``(i, j, strength, is_pairwise)``.

        ``i < j`` are row positions in :attr:`contacts`. Computed once per network, with
        array arithmetic: a circle of n people holds n(n-1)/2 ties.
        """
        n = self.size
        index = {cid: k for k, cid in enumerate(self.contacts["id"])}
        strength_of = dict(zip(self.circles["name"], self.circles["strength"], strict=False))
        codes, weights = [np.empty(0, dtype=np.int64)], [np.empty(0, dtype=np.int64)]
        for name, ids in self.circle_members().items():
            pos = np.sort(np.array([index[c] for c in ids], dtype=np.int64))
            a, b = np.triu_indices(len(pos), 1)
            codes.append(pos[a] * n + pos[b])  # one number per pair: i * n + j
            strength = int(strength_of.get(name, DEFAULT_CIRCLE_STRENGTH))
            weights.append(np.full(len(a), strength, dtype=np.int64))
        # A pair in two circles takes the stronger circle's strength: sorted by pair and
        # strongest first, the first of each pair.
        code, weight = np.concatenate(codes), np.concatenate(weights)
        order = np.lexsort((-weight, code))
        code, first = np.unique(code[order], return_index=True)
        weight = weight[order][first]
        ta, tb = self.ties["a"].map(index), self.ties["b"].map(index)
        known = (ta.notna() & tb.notna()).to_numpy()
        lo = np.minimum(ta[known], tb[known]).to_numpy(dtype=np.int64)
        hi = np.maximum(ta[known], tb[known]).to_numpy(dtype=np.int64)
        # A pairwise tie overrides the circles, even with strength 0 ("no tie").
        keep = ~np.isin(code, lo * n + hi)
        code = np.concatenate([code[keep], lo * n + hi])
        weight = np.concatenate([weight[keep],
                                 self.ties["strength"][known].to_numpy(dtype=np.int64)])
        pair = np.repeat([False, True], [keep.sum(), len(lo)])
        order = np.argsort(code, kind="stable")
        order = order[weight[order] > 0]
        i, j = np.divmod(code[order], max(n, 1))
        return i, j, weight[order], pair[order]


@dataclass(frozen=True)
class NetworkProblem:
    """A problem in a network and what to do; ``blocking`` ones stop a save or import.

    The others (a likely duplicate) are offered to the learner, e.g. as a merge.
    """

    place: str
    problem: str
    fix: str
    blocking: bool = True

    def __str__(self) -> str:
        return f"{self.place}: {self.problem}. Fix: {self.fix}"


def network_problems(network: Network) -> list[NetworkProblem]:
    """Every problem of a network.

    Repeated ids, ties to missing contacts or to the same contact, values out of range, a
    tie recorded twice, and likely duplicates (not blocking: see :func:`find_duplicates`
    and :func:`merge_contacts` in :mod:`coursekit.network.duplicates`).

    Examples
    --------
    >>> net = Network.from_records(None, [Contact("c1", "Ana"), Contact("c2", "Ana")],
    ...                            check=False)
    >>> [str(p) for p in network_problems(net)]  # doctest: +NORMALIZE_WHITESPACE
    ['contacts c1, c2: look like the same person (Ana / Ana). Fix: merge them (nothing is
      lost) or change a name to tell them apart']
    """
    # Imported here: duplicates builds on this module.
    from .duplicates import find_duplicates

    problems: list[NetworkProblem] = []
    contacts, ties = network.contacts, network.ties
    ids = contacts["id"]
    for cid in dict.fromkeys(ids[ids.duplicated(keep=False)]):
        names = ", ".join(contacts.loc[ids == cid, "name"].astype(str))
        problems.append(NetworkProblem(
            f"contact id {cid}", f"is used by more than one contact ({names})",
            "give each contact its own id, or merge them if they are the same person"))
    strong = contacts["strength"].isin(range(STRENGTH_MIN, STRENGTH_MAX + 1))
    for _, row in contacts[~strong].iterrows():
        problems.append(NetworkProblem(f"contact {row['name']}",
                                       f"strength {row['strength']!r} is out of range",
                                       "use 1 (acquaintance) to 5 (very close)"))
    known = set(ids)
    for k, tie in ties.iterrows():
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
    pairs = pd.Series([tuple(sorted(p)) for p in zip(ties["a"], ties["b"], strict=True)],
                      dtype=object)
    for a, b in dict.fromkeys(pairs[pairs.duplicated()]):
        problems.append(NetworkProblem(f"tie {a}-{b}", "is recorded twice",
                                       "keep one of the two ties"))
    for group in find_duplicates(network):
        names = " / ".join(network.names()[c] for c in group)
        problems.append(NetworkProblem(
            f"contacts {', '.join(group)}", f"look like the same person ({names})",
            "merge them (nothing is lost) or change a name to tell them apart",
            blocking=False))
    return problems
