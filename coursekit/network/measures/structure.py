r"""How the contacts are tied: size, density, and Burt's structural holes.

A dense network, where most contacts know each other, hears the same news from everyone;
new information (about jobs, for one) tends to come through weak ties to people who do not
know the rest (Granovetter 1973). Density is the first sign of that closure. A learner whose
contacts do not know each other bridges *structural holes*: each contact brings something
the others do not. Burt (1992) measures it from each contact's side, and so does this
module: :func:`local_constraints` gives each contact's :math:`c_{ij}`, whose sum is
:func:`constraint` (as networkx's ``constraint`` is the sum of its ``local_constraint``);
:func:`redundancies` gives each contact's :math:`r_j`, and :func:`effective_size` is the
sum of :math:`1 - r_j` (:func:`efficiency` divides it by :math:`n`).

Notation: :math:`a_{jk}` is a tie's weight: the contact's strength (1-5) between the
learner and a contact, the tie's strength (1-5) between two contacts, 1 for every tie in
the unweighted versions (``weighted=False``). Ties have no direction, so
:math:`z_{jk} = a_{jk} + a_{kj} = 2a_{jk}`, and the share of :math:`j`'s ties that go to
:math:`k` is

.. math:: p_{jk} = \frac{z_{jk}}{\sum_l z_{jl}}

with :math:`l` running over everyone :math:`j` is tied to, the learner included.

networkx computes the same constraint; its weighted ``effective_size`` agrees with this
module only when ``nodes`` is given (with ``nodes`` left out it uses another, wrong formula
on weighted graphs), so the tests check both against values computed by hand.

References
----------
.. [1] Granovetter, M. S. (1973). The strength of weak ties. *American Journal of
   Sociology* 78(6), 1360-1380.
.. [2] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
   Cambridge, MA: Harvard University Press.
.. [3] Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
   *Connections* 20(1), 35-38.

Examples
--------
>>> from coursekit.network.model import Contact, Ego, Network, Tie
>>> net = Network.from_records(Ego(), [Contact("a", "A"), Contact("b", "B"),
...                                    Contact("c", "C")], [Tie("a", "b", 3)])
>>> size(net), tie_count(net), round(density(net), 3)   # 1 tie of 3 possible pairs
(3, 1, 0.333)
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..model import Network


def size(network: Network) -> int:
    """:math:`n`, the number of contacts. 0 for an empty network."""
    return network.size


def tie_count(network: Network) -> int:
    """:math:`t`, the number of ties among contacts with strength > 0 (circles expanded)."""
    return len(network.tie_arrays[0])


def density(network: Network) -> float:
    r"""Share of the pairs of contacts who know each other.

    .. math:: D = \frac{t}{n(n-1)/2}

    Returns ``nan`` with fewer than two contacts (there is no pair); 0 for a star;
    1 when everyone knows everyone.
    """
    n = network.size
    return math.nan if n < 2 else tie_count(network) / (n * (n - 1) / 2)


def _shares(network: Network, weighted: bool) -> tuple:
    """``(n, p_ij, a_ij, i, j, w)``: the learner's shares and ties, the ties among contacts."""
    i, j, w, _ = network.tie_arrays
    if weighted:
        ego, w = network.contacts["strength"].to_numpy(dtype=float), w.astype(float)
    else:
        ego, w = np.ones(network.size), np.ones(len(i))
    return network.size, ego / ego.sum(), ego, i, j, w


def _by_contact(network: Network, values: np.ndarray, name: str) -> pd.Series:
    if network.size == 0:
        return pd.Series(dtype=float)
    return pd.Series(values, index=network.contacts["id"].to_numpy(), name=name)


def _local_constraint_values(network: Network, weighted: bool) -> np.ndarray:
    n, p_ego, ego, i, j, w = _shares(network, weighted)
    # Each contact's row sum: its tie to the learner plus its ties to other contacts.
    row = ego + np.bincount(i, w, n) + np.bincount(j, w, n)
    # The indirect part p_iq p_qj, added from both ends of every tie q-j among contacts:
    # array arithmetic over the ties, so a network of thousands stays quick.
    indirect = np.bincount(j, p_ego[i] * w / row[i], n) + np.bincount(i, p_ego[j] * w / row[j], n)
    return (p_ego + indirect) ** 2


def local_constraints(network: Network, weighted: bool = True) -> pd.Series:
    r"""How much each contact :math:`j` constrains the learner :math:`i`: :math:`c_{ij}`.

    .. math:: c_{ij} = \Big(p_{ij} + \sum_{q \ne i, j} p_{iq}\, p_{qj}\Big)^2

    the learner's direct investment in :math:`j` plus the indirect one through contacts
    :math:`q` who also know :math:`j`, squared (Burt 1992). A contact who is the learner's
    only contact gives 1; in a star (no ties among contacts) :math:`c_{ij} = p_{ij}^2`.
    Returns a Series by contact id (empty for no contacts); its sum is :func:`constraint`.

    Examples
    --------
    >>> from coursekit.network.model import Contact, Ego, Network, Tie
    >>> # p_ia = 3/4, p_ib = 1/4; no ties among contacts, so c_ij = p_ij^2.
    >>> star = Network.from_records(Ego(), [Contact("a", "A", strength=3), Contact("b", "B")])
    >>> local_constraints(star).to_dict()
    {'a': 0.5625, 'b': 0.0625}
    """
    return _by_contact(network, _local_constraint_values(network, weighted), "local_constraint")


def constraint(network: Network, weighted: bool = True) -> float:
    r"""Burt's constraint on the learner: the sum of each contact's :math:`c_{ij}`.

    .. math:: C_i = \sum_j c_{ij}

    (see :func:`local_constraints`). High (towards 1 and above) means a closed network whose
    people all know each other, or one dominant contact; low means the learner bridges
    otherwise separate people. Returns ``nan`` for no contacts, 1 for one contact,
    :math:`\sum_j p_{ij}^2` for a star (1/n with equal strengths).

    Examples
    --------
    >>> from coursekit.network.model import Contact, Ego, Network, Tie
    >>> # The learner, a and b all know each other: p = 1/2 everywhere, so
    >>> # c_ia = c_ib = (1/2 + 1/2 * 1/2)^2 = 0.5625.
    >>> triangle = Network.from_records(Ego(), [Contact("a", "A"), Contact("b", "B")],
    ...                                 [Tie("a", "b", 1)])
    >>> constraint(triangle)
    1.125
    """
    if network.size == 0:
        return math.nan
    return float(np.sum(_local_constraint_values(network, weighted)))


def _redundancy_values(network: Network, weighted: bool) -> np.ndarray:
    n, p_ego, ego, i, j, w = _shares(network, weighted)
    # m_jq divides by j's strongest tie (the learner's included): the top weight per contact.
    top = ego.copy()
    np.maximum.at(top, i, w)
    np.maximum.at(top, j, w)
    return np.bincount(j, p_ego[i] * w / top[j], n) + np.bincount(i, p_ego[j] * w / top[i], n)


def redundancies(network: Network, weighted: bool = True) -> pd.Series:
    r"""How much of each contact :math:`j` the learner already reaches through others.

    .. math::

       r_j = \sum_{q \ne i, j} p_{iq}\, m_{jq}, \qquad m_{jq} = \frac{z_{jq}}{\max_k z_{jk}}

    with :math:`p` as in :mod:`this module <coursekit.network.measures.structure>` and the
    maximum over everyone :math:`j` is tied to, the learner included (Burt 1992). 0 for a
    contact who knows none of the others; :math:`1 - r_j` is what the contact adds to
    :func:`effective_size`. Returns a Series by contact id (empty for no contacts).

    Examples
    --------
    >>> from coursekit.network.model import Contact, Ego, Network, Tie
    >>> # Learner-a 3, learner-b 1, learner-c 2, a-b 2: p_ia = 1/2, p_ib = 1/6.
    >>> # r_a = p_ib m_ab = 1/6 * 2/max(3, 2) = 1/9;  r_b = p_ia m_ba = 1/2 * 2/max(1, 2)
    >>> net = Network.from_records(Ego(), [Contact("a", "A", strength=3),
    ...     Contact("b", "B", strength=1), Contact("c", "C", strength=2)], [Tie("a", "b", 2)])
    >>> redundancies(net).round(4).to_dict()
    {'a': 0.1111, 'b': 0.5, 'c': 0.0}
    >>> # ES = 3 - 1/9 - 1/2 = 2.3889; unweighted 3 - 2*1/3 = 2.3333 (see effective_size)
    >>> round(effective_size(net), 4), round(effective_size(net, weighted=False), 4)
    (2.3889, 2.3333)
    """
    return _by_contact(network, _redundancy_values(network, weighted), "redundancy")


def effective_size(network: Network, weighted: bool = True) -> float:
    r"""Burt's effective size: the number of contacts less their redundancy.

    .. math:: ES_i = \sum_j (1 - r_j) = n - \sum_j r_j

    with :math:`r_j` from :func:`redundancies` (example there). Unweighted, this equals
    Borgatti's :math:`n - 2t/n` (:math:`t` ties among contacts). Returns 0 for no contacts,
    1 for one contact, :math:`n` for a star.
    """
    n = network.size
    return 0.0 if n == 0 else float(n - _redundancy_values(network, weighted).sum())


def efficiency(network: Network, weighted: bool = True) -> float:
    r"""Effective size per contact, :math:`ES_i / n`: 1 when no contact is redundant.

    Returns ``nan`` for no contacts, 1 for one contact or a star; 1/3 for three contacts
    who all know each other (:math:`ES = 3 - 2 \cdot 3/3 = 1`).
    """
    n = network.size
    return math.nan if n == 0 else effective_size(network, weighted) / n
