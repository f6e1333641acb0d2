r"""Measures of an ego network, as pure functions of a :class:`~coursekit.network.model.Network`.

The learner is ego (:math:`i`), with :math:`n` contacts (alters) and :math:`t` ties among
contacts of strength > 0. One module per family of measures; where a measure is built
from each contact's share (constraint, effective size, E-I, diversity), one function gives
the value of each contact and the learner's total is computed from it.

=====================  ===============================================  ===================
module                 measures                                         reference
=====================  ===============================================  ===================
``structure``          size, ties among contacts, density               Granovetter 1973
``structural_holes``   constraint (from each contact's :math:`c_{ij}`), Burt 1992
                       effective size (from each contact's redundancy),
                       efficiency
``composition``        E-I index (from each contact's side), network    Krackhardt and
                       types, contacts above, stale ties                Stern 1988
``diversity``          Blau's index and the IQV (from group shares)     Blau 1977; Agresti
                                                                        and Agresti 1978
``summary``            every measure at once, the table, comparison
=====================  ===============================================  ===================

Every name can be imported from here (``from coursekit.network.measures import ...``).

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

Examples
--------
>>> from coursekit.network.model import Contact, Ego, Network
>>> star = Network.from_records(Ego(), [Contact(f"c{k}", f"P{k}") for k in range(4)])
>>> density(star), constraint(star), effective_size(star), efficiency(star)
(0.0, 0.25, 4.0, 1.0)
"""

from __future__ import annotations

from .composition import (
    ABOVE_LEVELS,
    STALE_DAYS,
    ei_index,
    inside_or_outside,
    inside_outside_counts,
    reach_above,
    stale_share,
    type_shares,
)
from .diversity import blau, group_shares, iqv
from .structural_holes import (
    constraint,
    effective_size,
    efficiency,
    local_constraints,
    redundancies,
)
from .structure import density, size, tie_count
from .summary import (
    MEASURE_ROWS,
    NetworkMeasures,
    compare_measures,
    measures_table,
    network_measures,
)

__all__ = [
    "ABOVE_LEVELS", "MEASURE_ROWS", "NetworkMeasures", "STALE_DAYS", "blau",
    "compare_measures", "constraint", "density", "effective_size", "efficiency", "ei_index",
    "group_shares", "inside_or_outside", "inside_outside_counts", "iqv", "local_constraints",
    "measures_table", "network_measures", "reach_above", "redundancies", "size",
    "stale_share", "tie_count", "type_shares",
]
