r"""Who the contacts are: inside or outside (E-I index), network types, seniority, recency.

Each measure reads one value per contact (a contact's side, types, seniority or last
contact) and counts them. Contacts whose value is unknown are left out of the count or
said apart, never guessed.

Krackhardt and Stern's E-I index compares ties that cross a group's boundary (external,
:math:`E`) with those inside it (internal, :math:`I`); here the boundary is the learner's
organisation, so :math:`E` counts outside contacts and :math:`I` inside ones. The network
types are Ibarra and Hunter's operational, personal and strategic networks.

References
----------
.. [1] Krackhardt, D., and Stern, R. N. (1988). Informal networks and organizational
   crises: an experimental simulation. *Social Psychology Quarterly* 51(2), 123-140.
.. [2] Ibarra, H., and Hunter, M. (2007). How leaders create and use networks.
   *Harvard Business Review* 85(1), 40-47.

Examples
--------
>>> from coursekit.network.model import Contact, Ego, Network
>>> net = Network.from_records(Ego(), [Contact("a", "A", inside=True),
...     Contact("b", "B", inside=False), Contact("c", "C", inside=False), Contact("d", "D")])
>>> inside_or_outside(net).tolist()
['inside', 'outside', 'outside', 'unknown']
>>> round(ei_index(net), 4)   # E = 2, I = 1, d left out: (2 - 1) / (2 + 1)
0.3333
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pandas as pd

from ..model import NETWORK_TYPES, Network

#: A tie is stale when the last contact is more than this many days ago.
STALE_DAYS = 365
#: "Above" means at least this many levels above the learner (Ibarra: "two levels above").
ABOVE_LEVELS = 2


def inside_or_outside(network: Network) -> pd.Series:
    """Each contact's side of the learner's organisation: inside, outside or unknown.

    Returns
    -------
    Series
        ``"inside"``, ``"outside"`` or ``"unknown"`` by contact id.
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

    Examples
    --------
    >>> from coursekit.network.model import Contact, Ego, Network
    >>> net = Network.from_records(Ego(), [Contact("a", "A", types=("strategic", "personal")),
    ...                                    Contact("b", "B", types=("personal",))])
    >>> type_shares(net)
    {'operational': 0.0, 'personal': 1.0, 'strategic': 0.5, 'none': 0.0}
    """
    n = network.size
    types = network.contacts["types"]
    out = {}
    for t in NETWORK_TYPES:
        out[t] = math.nan if n == 0 else float(sum(t in (v or ()) for v in types)) / n
    out["none"] = math.nan if n == 0 else float(sum(not v for v in types)) / n
    return out


def reach_above(network: Network, levels: int = ABOVE_LEVELS) -> tuple[int, float]:
    """Contacts at least ``levels`` levels above the learner: ``(count, share of all)``.

    Contacts of unknown seniority do not count as above. The share is ``nan`` for no
    contacts.
    """
    seniority = pd.to_numeric(network.contacts["seniority"], errors="coerce")
    count = int((seniority >= levels).sum())
    n = network.size
    return count, (math.nan if n == 0 else count / n)


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
        return math.nan, unknown
    return sum(d < cutoff for d in dates) / len(dates), unknown
