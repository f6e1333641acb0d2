r"""How many contacts, and how many of them know each other: size, ties and density.

A dense network, where most contacts know each other, hears the same news from everyone;
the new information (about jobs, for one) tends to come through weak ties to people who do
not know the rest (Granovetter 1973). Density is the first sign of that closure; the
measures in :mod:`~coursekit.network.measures.structural_holes` say which contacts make it.

References
----------
.. [1] Granovetter, M. S. (1973). The strength of weak ties. *American Journal of
   Sociology* 78(6), 1360-1380.

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

from ..model import Network


def size(network: Network) -> int:
    """:math:`n`, the number of contacts. 0 for an empty network."""
    return network.size


def tie_count(network: Network) -> int:
    """:math:`t`, the number of ties among contacts with strength > 0 (circles expanded).

    A tie of strength 0 says that two people do not know each other: it is not counted.
    """
    return len(network.tie_arrays[0])


def density(network: Network) -> float:
    r"""Share of the pairs of contacts who know each other.

    .. math:: D = \frac{t}{n(n-1)/2}

    Returns ``nan`` with fewer than two contacts (there is no pair); 0 for a star;
    1 when everyone knows everyone.
    """
    n = network.size
    if n < 2:
        return math.nan
    return tie_count(network) / (n * (n - 1) / 2)
