r"""Measures of an ego network, as pure functions of a :class:`~coursekit.network.model.Network`.

Notation: the learner is ego (:math:`i`), :math:`n` contacts (alters), :math:`t` ties
among contacts with strength > 0. :math:`a_{ij}` is a tie's weight: the contact's strength
(1-5) for a tie between ego and a contact, the tie's strength (1-5) between two contacts,
and 1 for every tie in the unweighted versions. Ties are undirected, so
:math:`z_{ij} = a_{ij} + a_{ji} = 2a_{ij}`.

Defined answers for the cases learners hit (each function says which applies):

================================  =========================================================
network                           answers
================================  =========================================================
no contacts                       size 0, effective size 0; density, constraint, efficiency,
                                  E-I, shares, diversity: ``nan`` ("not defined yet")
one contact                       density ``nan`` (no pair), constraint 1 (all eggs in one
                                  basket), effective size 1, efficiency 1
a star (no ties among contacts)   density 0, effective size n, efficiency 1, constraint
                                  :math:`\sum_j p_{ij}^2` (1/n for equal strengths)
zero-weight ties                  a tie of strength 0 counts as no tie in every measure
================================  =========================================================

The weighted effective size here is Burt's, computed over ego's neighbours only. (networkx's
``effective_size`` returns a different, wrong value on weighted graphs when its ``nodes``
argument is left out; with ``nodes=[ego]`` it agrees with this module.)

Examples
--------
>>> from coursekit.network.model import Contact, Ego, Network, Tie
>>> star = Network.from_records(Ego(), [Contact(f"c{k}", f"P{k}") for k in range(4)])
>>> density(star), constraint(star), effective_size(star), efficiency(star)
(0.0, 0.25, 4.0, 1.0)
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from .model import NETWORK_TYPES, Network

#: A tie is stale when the last contact is more than this many days ago.
STALE_DAYS = 365
#: "Above" means at least this many levels above the learner (Ibarra: "two levels above").
ABOVE_LEVELS = 2

NAN = float("nan")


# -- shared arrays ---------------------------------------------------------------------------

def _weights(network: Network, weighted: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                       np.ndarray]:
    """Ego weights (n,), tie rows i, j and weights w (strength > 0 only)."""
    i, j, w, _ = network.tie_arrays
    if weighted:
        ego = network.contacts["strength"].to_numpy(dtype=float)
        return ego, i, j, w.astype(float)
    return np.ones(network.size), i, j, np.ones(len(i))


def tie_count(network: Network) -> int:
    """:math:`t`, the number of ties among contacts with strength > 0 (circles expanded)."""
    return len(network.tie_arrays[0])


def size(network: Network) -> int:
    """:math:`n`, the number of contacts. 0 for an empty network."""
    return network.size


def density(network: Network) -> float:
    r"""Share of the pairs of contacts who know each other.

    .. math:: D = \frac{t}{n(n-1)/2}

    Returns ``nan`` with fewer than two contacts (there is no pair); 0 for a star;
    1 when everyone knows everyone.

    Examples
    --------
    >>> from coursekit.network.model import Contact, Ego, Network, Tie
    >>> net = Network.from_records(Ego(), [Contact("a", "A"), Contact("b", "B"),
    ...                                    Contact("c", "C")], [Tie("a", "b", 3)])
    >>> round(density(net), 3)   # 1 tie of 3 possible pairs
    0.333
    """
    n = network.size
    if n < 2:
        return NAN
    return tie_count(network) / (n * (n - 1) / 2)


def constraint(network: Network, weighted: bool = True) -> float:
    r"""Burt's constraint on the learner: how much the contacts are tied among themselves.

    .. math::

       p_{ij} = \frac{a_{ij} + a_{ji}}{\sum_k (a_{ik} + a_{ki})}, \qquad
       c_{ij} = \Big(p_{ij} + \sum_{q \ne i, j} p_{iq}\, p_{qj}\Big)^2, \qquad
       C_i = \sum_j c_{ij}

    where :math:`j` runs over the contacts. High (towards 1) means a closed network whose
    people all know each other or one dominant contact; low means the learner bridges
    otherwise separate people. Computed with arrays over the ties, so it scales with the
    number of ties.

    Returns ``nan`` for no contacts, 1 for one contact, :math:`\sum_j p_{ij}^2` for a
    star (1/n with equal strengths).

    Examples
    --------
    >>> from coursekit.network.model import Contact, Ego, Network, Tie
    >>> # ego-a 1, ego-b 1, a-b 1: p = 1/2 each, c_ia = (1/2 + 1/2 * 1/2)^2 = 0.5625
    >>> tri = Network.from_records(Ego(), [Contact("a", "A"), Contact("b", "B")],
    ...                            [Tie("a", "b", 1)])
    >>> constraint(tri)
    1.125
    """
    n = network.size
    if n == 0:
        return NAN
    ego, i, j, w = _weights(network, weighted)
    p_ego = ego / ego.sum()
    # Row sums of each contact: its tie to ego plus its ties to other contacts.
    row = ego + np.bincount(i, w, n) + np.bincount(j, w, n)
    indirect = np.bincount(j, p_ego[i] * w / row[i], n) + np.bincount(i, p_ego[j] * w / row[j], n)
    return float(np.sum((p_ego + indirect) ** 2))


def local_constraints(network: Network, weighted: bool = True) -> pd.Series:
    r""":math:`c_{ij}` for each contact :math:`j` (see :func:`constraint`), by contact id.

    how much each contact constrains the learner.
    """
    n = network.size
    ids = network.contacts["id"]
    if n == 0:
        return pd.Series(dtype=float)
    ego, i, j, w = _weights(network, weighted)
    p_ego = ego / ego.sum()
    row = ego + np.bincount(i, w, n) + np.bincount(j, w, n)
    indirect = np.bincount(j, p_ego[i] * w / row[i], n) + np.bincount(i, p_ego[j] * w / row[j], n)
    return pd.Series((p_ego + indirect) ** 2, index=ids.to_numpy(), name="local_constraint")


def effective_size(network: Network, weighted: bool = True) -> float:
    r"""Burt's effective size: the number of contacts less their redundancy.

    .. math::

       ES_i = \sum_j \Big[1 - \sum_{q \ne i, j} p_{iq}\, m_{jq}\Big], \qquad
       m_{jq} = \frac{z_{jq}}{\max_k z_{jk}}, \quad z = a + a^T

    with :math:`p` as in :func:`constraint` and the maximum over everyone :math:`j` is tied
    to, ego included. Unweighted, this equals Borgatti's :math:`n - 2t/n`.

    Returns 0 for no contacts, 1 for one contact, :math:`n` for a star.

    Examples
    --------
    >>> from coursekit.network.model import Contact, Ego, Network, Tie
    >>> # ego-a 3, ego-b 1, ego-c 2, a-b 2. p_ia = 1/2, p_ib = 1/6.
    >>> # m_ab = 2/max(3, 2) = 2/3, m_ba = 2/max(1, 2) = 1.
    >>> # ES = 3 - p_ib m_ab - p_ia m_ba = 3 - 1/9 - 1/2 = 2.3889
    >>> net = Network.from_records(Ego(), [Contact("a", "A", strength=3),
    ...     Contact("b", "B", strength=1), Contact("c", "C", strength=2)], [Tie("a", "b", 2)])
    >>> round(effective_size(net), 4), round(effective_size(net, weighted=False), 4)
    (2.3889, 2.3333)
    """
    n = network.size
    if n == 0:
        return 0.0
    ego, i, j, w = _weights(network, weighted)
    p_ego = ego / ego.sum()
    top = ego.copy()
    np.maximum.at(top, i, w)
    np.maximum.at(top, j, w)
    redundancy = np.bincount(j, p_ego[i] * w / top[j], n) + np.bincount(i, p_ego[j] * w / top[i], n)
    return float(n - redundancy.sum())


def efficiency(network: Network, weighted: bool = True) -> float:
    r"""Effective size per contact, :math:`ES_i / n`: 1 when no contact is redundant.

    Returns ``nan`` for no contacts, 1 for one contact or a star.
    """
    n = network.size
    return NAN if n == 0 else effective_size(network, weighted) / n


def ei_index(network: Network) -> float:
    r"""Krackhardt and Stern's E-I index of outside against inside contacts.

    .. math:: EI = \frac{E - I}{E + I}

    :math:`E` = contacts outside the learner's organisation, :math:`I` = inside; contacts
    marked unknown are left out. -1 all inside, 0 half and half, +1 all outside.
    Returns ``nan`` when no contact is marked inside or outside.
    """
    inside = network.contacts["inside"]
    e = int((inside == False).sum())  # noqa: E712  (None must not count)
    i = int((inside == True).sum())  # noqa: E712
    return NAN if e + i == 0 else (e - i) / (e + i)


def _counts(values: Iterable[object]) -> list[int]:
    """How many values fall in each category (case and spacing ignored, blanks dropped)."""
    counts: Counter[str] = Counter()
    for value in values:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        key = " ".join(str(value).split()).casefold()
        if key:
            counts[key] += 1
    return list(counts.values())


def _blau(counts: list[int]) -> float:
    total = sum(counts)
    if total == 0:
        return NAN
    return 1.0 - sum((c / total) ** 2 for c in counts)


def blau(values: Iterable[object]) -> float:
    r"""Blau's heterogeneity index of categories (blanks ignored).

    .. math:: B = 1 - \sum_k p_k^2

    :math:`p_k` = share of the values in category :math:`k` (case and spacing ignored).
    0 when all are alike; approaches 1 with many equal categories. ``nan`` with no values.

    Examples
    --------
    >>> blau(["Banking", "banking", "Retail", "Health"])   # 1 - (.5² + .25² + .25²)
    0.625
    """
    return _blau(_counts(values))


def iqv(values: Iterable[object], categories: int | None = None) -> float:
    r"""Index of qualitative variation: Blau's index scaled to 0-1.

    .. math:: IQV = \frac{B}{1 - 1/K}

    :math:`K` = the number of possible categories (``categories``), by default the number
    of distinct values seen. 1 means the values are spread evenly over the categories.
    Returns 0 when :math:`K = 1` (one category: no variation) and ``nan`` with no values.

    Examples
    --------
    >>> round(iqv(["Banking", "banking", "Retail", "Health"]), 4)   # .625 / (1 - 1/3)
    0.9375
    """
    counts = _counts(values)
    if not counts:
        return NAN
    k = categories if categories is not None else len(counts)
    if k <= 1:
        return 0.0
    return min(1.0, _blau(counts) / (1 - 1 / k))


def type_shares(network: Network) -> dict[str, float]:
    """Share of contacts of each network type, and ``"none"`` for contacts with no type.

    A contact can have several types, so the shares can add up to more than 1.
    Every share is ``nan`` for no contacts.
    """
    n = network.size
    types = network.contacts["types"]
    out = {}
    for t in NETWORK_TYPES:
        out[t] = NAN if n == 0 else float(sum(t in (v or ()) for v in types)) / n
    out["none"] = NAN if n == 0 else float(sum(not v for v in types)) / n
    return out


def reach_above(network: Network, levels: int = ABOVE_LEVELS) -> tuple[int, float]:
    """Contacts at least ``levels`` levels above the learner: ``(count, share of all)``.

    Contacts of unknown seniority do not count as above. The share is ``nan`` for no
    contacts.
    """
    seniority = pd.to_numeric(network.contacts["seniority"], errors="coerce")
    count = int((seniority >= levels).sum())
    n = network.size
    return count, (NAN if n == 0 else count / n)


def stale_share(network: Network, today: date | None = None,
                days: int = STALE_DAYS) -> tuple[float, int]:
    """Share of contacts last seen more than ``days`` days before ``today``.

    Counted among contacts with a known last-contact date:
    ``stale / known``. Returns ``(share, unknown)`` where ``unknown`` is how many contacts
    have no date; the share is ``nan`` when no date is known.
    """
    cutoff = (today or date.today()) - timedelta(days=days)
    dates = [d for d in network.contacts["last_contact"] if isinstance(d, date)]
    unknown = network.size - len(dates)
    if not dates:
        return NAN, unknown
    return sum(d < cutoff for d in dates) / len(dates), unknown


# -- everything at once ---------------------------------------------------------------------

@dataclass(frozen=True)
class NetworkMeasures:
    """Every measure of one network (see each function for its formula)."""

    size: int
    ties: int
    density: float
    constraint: float
    constraint_unweighted: float
    effective_size: float
    effective_size_unweighted: float
    efficiency: float
    efficiency_unweighted: float
    ei_index: float
    inside: int
    outside: int
    sector_blau: float
    sector_iqv: float
    function_blau: float
    function_iqv: float
    operational_share: float
    personal_share: float
    strategic_share: float
    untyped_share: float
    above_count: int
    above_share: float
    stale_share: float
    undated: int

    def as_dict(self) -> dict[str, float]:
        """The measures as a plain dict."""
        return asdict(self)


def network_measures(network: Network, *, today: date | None = None,
                     stale_days: int = STALE_DAYS,
                     above_levels: int = ABOVE_LEVELS) -> NetworkMeasures:
    """All measures of ``network`` in one :class:`NetworkMeasures`.

    Examples
    --------
    >>> from coursekit.network.model import Network
    >>> m = network_measures(Network())
    >>> m.size, m.effective_size, math.isnan(m.density)
    (0, 0.0, True)
    """
    inside = network.contacts["inside"]
    shares = type_shares(network)
    above, above_share = reach_above(network, above_levels)
    stale, undated = stale_share(network, today, stale_days)
    contacts = network.contacts
    n = network.size
    es, es_binary = effective_size(network), effective_size(network, False)
    return NetworkMeasures(
        size=network.size, ties=tie_count(network), density=density(network),
        constraint=constraint(network), constraint_unweighted=constraint(network, False),
        effective_size=es, effective_size_unweighted=es_binary,
        efficiency=NAN if n == 0 else es / n,
        efficiency_unweighted=NAN if n == 0 else es_binary / n,
        ei_index=ei_index(network),
        inside=int((inside == True).sum()), outside=int((inside == False).sum()),  # noqa: E712
        sector_blau=blau(contacts["sector"]), sector_iqv=iqv(contacts["sector"]),
        function_blau=blau(contacts["function"]), function_iqv=iqv(contacts["function"]),
        operational_share=shares["operational"], personal_share=shares["personal"],
        strategic_share=shares["strategic"], untyped_share=shares["none"],
        above_count=above, above_share=above_share, stale_share=stale, undated=undated,
    )


#: Rows of :func:`measures_table`: (field, label, how it is computed).
MEASURE_ROWS: tuple[tuple[str, str, str], ...] = (
    ("size", "Contacts", "n, the people you listed"),
    ("ties", "Ties among contacts", "t, pairs who know each other (circles included)"),
    ("density", "Density", "t / (n(n-1)/2): share of pairs who know each other"),
    ("constraint", "Constraint (Burt)", "sum of (p_ij + indirect)^2; near 1 = closed"),
    ("effective_size", "Effective size", "contacts less their redundancy (weighted)"),
    ("efficiency", "Efficiency", "effective size / n"),
    ("ei_index", "E-I index", "(outside - inside) / (outside + inside)"),
    ("sector_iqv", "Sector diversity (IQV)", "Blau 1 - sum p_k^2, scaled to 0-1"),
    ("function_iqv", "Function diversity (IQV)", "Blau 1 - sum p_k^2, scaled to 0-1"),
    ("operational_share", "Operational", "share of contacts marked operational"),
    ("personal_share", "Personal", "share of contacts marked personal"),
    ("strategic_share", "Strategic", "share of contacts marked strategic"),
    ("above_count", "Two or more levels above", "contacts with seniority >= +2"),
    ("stale_share", "Stale ties", f"share last seen over {STALE_DAYS} days ago (dated only)"),
)


def measures_table(measures: NetworkMeasures) -> pd.DataFrame:
    """The main measures as a small table.

    measure, value (rounded; "not defined" for ``nan``) and how it is computed. Holds no
    names, so it can be shared.
    """
    rows = []
    for key, label, how in MEASURE_ROWS:
        value = getattr(measures, key)
        if isinstance(value, float) and math.isnan(value):
            shown = "not defined yet"
        elif isinstance(value, float):
            shown = f"{value:.2f}"
        else:
            shown = str(value)
        rows.append({"measure": label, "value": shown, "how it is computed": how})
    return pd.DataFrame(rows)


def compare_measures(networks: dict[str, Network], *, today: date | None = None
                     ) -> pd.DataFrame:
    """The main measures of several networks side by side (one column per network).

    Examples
    --------
    >>> from coursekit.network.samples import load_sample_network
    >>> table = compare_measures({"before": load_sample_network("harris-before"),
    ...                           "after": load_sample_network("harris-after")})
    >>> table.loc["E-I index", ["before", "after"]].tolist()
    ['-0.73', '-0.19']
    """
    columns = {}
    for label, network in networks.items():
        table = measures_table(network_measures(network, today=today))
        columns[label] = table.set_index("measure")["value"]
    frame = pd.DataFrame(columns)
    frame["how it is computed"] = [how for _, _, how in MEASURE_ROWS]
    frame.index.name = "measure"
    return frame
