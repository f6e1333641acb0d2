r"""Who the contacts are: inside or outside (E-I index), types, seniority, recency, variety.

Each measure reads one value per contact (its side, types, seniority, last contact, sector
or function) and counts them. Contacts whose value is unknown are left out of the count or
said apart, never guessed.

Krackhardt and Stern's E-I index compares ties that cross a group's boundary (external,
:math:`E`) with those inside it (internal, :math:`I`); here the boundary is the learner's
organisation, so :math:`E` counts outside contacts and :math:`I` inside ones. The network
types are Ibarra and Hunter's operational, personal and strategic networks.

How varied the contacts are in a category starts from the share :math:`p_k` of the contacts
in each group :math:`k` (:func:`group_shares`). Blau's index :math:`B = 1 - \sum_k p_k^2` is
the chance that two contacts drawn at random (with replacement) are in different groups
(Blau 1977); its maximum is :math:`1 - 1/K` for :math:`K` groups, so the index of
qualitative variation :math:`IQV = B / (1 - 1/K)` divides by it to compare networks with
different numbers of groups (Agresti and Agresti 1978): 0 all alike, 1 an even spread.

References
----------
.. [1] Krackhardt, D., and Stern, R. N. (1988). Informal networks and organizational
   crises: an experimental simulation. *Social Psychology Quarterly* 51(2), 123-140.
.. [2] Ibarra, H., and Hunter, M. (2007). How leaders create and use networks.
   *Harvard Business Review* 85(1), 40-47.
.. [3] Blau, P. M. (1977). *Inequality and Heterogeneity: A Primitive Theory of Social
   Structure*. New York: Free Press.
.. [4] Agresti, A., and Agresti, B. F. (1978). Statistical analysis of qualitative
   variation. *Sociological Methodology* 9, 204-237.

Examples
--------
>>> from coursekit.network.model import Contact, Ego, Network
>>> net = Network.from_records(Ego(), [Contact("a", "A", inside=True),
...     Contact("b", "B", inside=False), Contact("c", "C", inside=False), Contact("d", "D")])
>>> inside_or_outside(net).tolist()
['inside', 'outside', 'outside', 'unknown']
>>> round(ei_index(net), 4)   # E = 2, I = 1, d left out: (2 - 1) / (2 + 1)
0.3333
>>> sectors = ["Banking", "banking", "Retail", "Health"]
>>> blau(sectors), round(iqv(sectors), 4)   # 1 - (.5² + .25² + .25²); .625 / (1 - 1/3)
(0.625, 0.9375)
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta

import numpy as np
import pandas as pd

from ..model import Network
from ..records import NETWORK_TYPES, one_line

#: A tie is stale when the last contact is more than this many days ago.
STALE_DAYS = 365
#: "Above" means at least this many levels above the learner (Ibarra: "two levels above").
ABOVE_LEVELS = 2


def inside_or_outside(network: Network) -> pd.Series:
    """Each contact's side of the learner's organisation, by contact id.

    ``"inside"``, ``"outside"`` or ``"unknown"``.
    """
    inside = network.contacts["inside"]
    # Compared with == (not `is`): a None or a blank cell must be neither True nor False.
    side = np.select([inside == True, inside == False],  # noqa: E712
                     ["inside", "outside"], "unknown")
    return pd.Series(side, index=network.contacts["id"].to_numpy(), name="side", dtype=object)


def inside_outside_counts(network: Network) -> tuple[int, int]:
    """``(inside, outside)``: how many contacts are on each side (unknown ones left out)."""
    sides = inside_or_outside(network)
    return int((sides == "inside").sum()), int((sides == "outside").sum())


def ei_index(network: Network) -> float:
    r"""Krackhardt and Stern's E-I index of outside against inside contacts.

    .. math:: EI = \frac{E - I}{E + I}

    :math:`E` = contacts outside the learner's organisation, :math:`I` = inside, counted
    from :func:`inside_or_outside`; contacts marked unknown are left out. -1 all inside,
    0 half and half, +1 all outside. Returns ``nan`` when no contact is marked inside or
    outside.
    """
    i, e = inside_outside_counts(network)
    return math.nan if e + i == 0 else (e - i) / (e + i)


def type_shares(network: Network) -> dict[str, float]:
    """Share of contacts of each network type, and ``"none"`` for contacts with no type.

    A contact can have several types, so the shares can add up to more than 1.
    Every share is ``nan`` for no contacts.
    """
    n, types = network.size, network.contacts["types"]
    counts = {t: sum(t in (v or ()) for v in types) for t in NETWORK_TYPES}
    counts["none"] = sum(not v for v in types)
    return {t: math.nan if n == 0 else float(count) / n for t, count in counts.items()}


def reach_above(network: Network, levels: int = ABOVE_LEVELS) -> tuple[int, float]:
    """Contacts at least ``levels`` levels above the learner: ``(count, share of all)``.

    Contacts of unknown seniority do not count as above. The share is ``nan`` for no
    contacts.
    """
    seniority = pd.to_numeric(network.contacts["seniority"], errors="coerce")
    count = int((seniority >= levels).sum())
    return count, (math.nan if network.size == 0 else count / network.size)


def stale_share(network: Network, today: date | None = None,
                days: int = STALE_DAYS) -> tuple[float, int]:
    """Share of contacts last seen more than ``days`` days before ``today``.

    Counted among contacts with a known last-contact date: ``stale / known``. Returns
    ``(share, unknown)`` where ``unknown`` is how many contacts have no date; the share is
    ``nan`` when no date is known.
    """
    cutoff = (today or date.today()) - timedelta(days=days)
    dates = [d for d in network.contacts["last_contact"] if isinstance(d, date)]
    unknown = network.size - len(dates)
    if not dates:
        return math.nan, unknown
    return sum(d < cutoff for d in dates) / len(dates), unknown


def group_shares(values: Iterable[object]) -> dict[str, float]:
    """The share :math:`p_k` of the values in each group :math:`k`, blanks left out.

    Case and spacing are ignored ("banking" and "Banking " are one group, named as first
    written); the shares add up to 1. Empty when no value is given.
    """
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for text in filter(None, map(one_line, values)):
        key = text.casefold()
        names.setdefault(key, text)
        counts[key] = counts.get(key, 0) + 1
    total = sum(counts.values())
    return {names[key]: count / total for key, count in counts.items()}


def _blau(shares: dict[str, float]) -> float:
    return math.nan if not shares else 1.0 - sum(p ** 2 for p in shares.values())


def blau(values: Iterable[object]) -> float:
    r"""Blau's heterogeneity index of categories (blanks ignored).

    .. math:: B = 1 - \sum_k p_k^2

    :math:`p_k` = share of the values in category :math:`k` (:func:`group_shares`).
    0 when all are alike; approaches 1 with many equal categories. ``nan`` with no values.
    """
    return _blau(group_shares(values))


def iqv(values: Iterable[object], categories: int | None = None) -> float:
    r"""Index of qualitative variation: Blau's index scaled to 0-1.

    .. math:: IQV = \frac{B}{1 - 1/K}

    :math:`K` = the number of possible categories (``categories``), by default the number
    of distinct values seen. 1 means the values are spread evenly over the categories.
    Returns 0 when :math:`K = 1` (one category: no variation) and ``nan`` with no values.

    Examples
    --------
    >>> iqv(["a", "b"]), round(iqv(["a", "b"], categories=4), 4)   # .5 / (1 - 1/4)
    (1.0, 0.6667)
    """
    shares = group_shares(values)
    if not shares:
        return math.nan
    k = categories if categories is not None else len(shares)
    if k <= 1:
        return 0.0
    # A ``categories`` below the number of groups seen would give more than 1: cap it.
    return min(1.0, _blau(shares) / (1 - 1 / k))
