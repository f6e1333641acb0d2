r"""Measures of an ego network, as pure functions of a :class:`~coursekit.network.model.Network`.

The learner is ego (:math:`i`), with :math:`n` contacts (alters) and :math:`t` ties among
contacts of strength > 0 (a tie of strength 0 counts as no tie in every measure). One
module per family, each with its formulas and references: ``structure`` (size, density;
Burt's constraint, effective size and efficiency) and ``composition`` (E-I index, network
types, contacts above, stale ties; Blau's index and the IQV). Each function says its answer
for no contacts, one contact and a star (no ties among contacts): ``nan`` where a measure
is not defined yet. Here :func:`network_measures` gathers them all, :func:`measures_table`
shows the main ones with how each is computed (no names, so it can be shared) and
:func:`compare_measures` puts networks side by side (Harris before and after).

Examples
--------
>>> from coursekit.network.model import Contact, Ego, Network
>>> star = Network.from_records(Ego(), [Contact(f"c{k}", f"P{k}") for k in range(4)])
>>> density(star), constraint(star), effective_size(star), efficiency(star)
(0.0, 0.25, 4.0, 1.0)
"""

# ruff: noqa: F401  -- every measure can be imported from here
from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import date

import pandas as pd

from ..model import Network
from .composition import (
    ABOVE_LEVELS,
    STALE_DAYS,
    blau,
    ei_index,
    group_shares,
    inside_or_outside,
    inside_outside_counts,
    iqv,
    reach_above,
    stale_share,
    type_shares,
)
from .structure import (
    constraint,
    density,
    effective_size,
    efficiency,
    local_constraints,
    redundancies,
    size,
    tie_count,
)


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
    inside, outside = inside_outside_counts(network)
    shares = type_shares(network)
    above, above_share = reach_above(network, above_levels)
    stale, undated = stale_share(network, today, stale_days)
    contacts, n = network.contacts, network.size
    # Efficiency is effective size / n: computed here from the sizes already at hand.
    es, es_binary = effective_size(network), effective_size(network, False)
    return NetworkMeasures(
        size=n, ties=tie_count(network), density=density(network),
        constraint=constraint(network), constraint_unweighted=constraint(network, False),
        effective_size=es, effective_size_unweighted=es_binary,
        efficiency=math.nan if n == 0 else es / n,
        efficiency_unweighted=math.nan if n == 0 else es_binary / n,
        ei_index=ei_index(network), inside=inside, outside=outside,
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
    """The main measures as a table that holds no names, so it can be shared.

    Columns: measure, value (rounded; "not defined yet" for ``nan``), how it is computed.
    """
    def shown(value: object) -> str:
        if isinstance(value, float):
            return "not defined yet" if math.isnan(value) else f"{value:.2f}"
        return str(value)

    return pd.DataFrame([{"measure": label, "value": shown(getattr(measures, key)),
                          "how it is computed": how} for key, label, how in MEASURE_ROWS])


def compare_measures(networks: dict[str, Network | NetworkMeasures], *,
                     today: date | None = None) -> pd.DataFrame:
    """The main measures of several networks side by side (one column per network).

    A network may be given by its measures already computed (a view that has them).

    Examples
    --------
    >>> from coursekit.network.samples import load_sample_network
    >>> table = compare_measures({"before": load_sample_network("harris-before"),
    ...                           "after": load_sample_network("harris-after")})
    >>> table.loc["E-I index", ["before", "after"]].tolist()
    ['-0.73', '-0.19']
    """
    frame = pd.DataFrame({
        label: measures_table(network if isinstance(network, NetworkMeasures) else
                              network_measures(network, today=today)
                              ).set_index("measure")["value"]
        for label, network in networks.items()})
    frame["how it is computed"] = [how for _, _, how in MEASURE_ROWS]
    frame.index.name = "measure"
    return frame
