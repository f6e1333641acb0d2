"""Every measure of a network at once, the table learners see, and networks side by side.

:func:`network_measures` gathers the measures of the other modules in one
:class:`NetworkMeasures`; :func:`measures_table` shows the main ones with how each is
computed (no names, so it can be shared); :func:`compare_measures` puts several networks
side by side (Harris before and after).

Examples
--------
>>> from coursekit.network.samples import load_sample_network
>>> table = measures_table(network_measures(load_sample_network("harris-before")))
>>> table.set_index("measure").loc[["Contacts", "E-I index"], "value"].tolist()
['30', '-0.73']
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import date

import pandas as pd

from ..model import Network
from .composition import (
    ABOVE_LEVELS,
    STALE_DAYS,
    ei_index,
    inside_outside_counts,
    reach_above,
    stale_share,
    type_shares,
)
from .diversity import blau, iqv
from .structural_holes import constraint, effective_size
from .structure import density, tie_count


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
    contacts = network.contacts
    n = network.size
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
    """The main measures as a small table.

    measure, value (rounded; "not defined yet" for ``nan``) and how it is computed. Holds no
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
