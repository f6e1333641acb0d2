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
from collections.abc import Callable
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


def _percent(value: float) -> str:
    return "not defined yet" if math.isnan(value) else f"{value:.0%}"


def _knit(m: NetworkMeasures) -> str:
    if math.isnan(m.density):
        return "not defined yet"
    small = " (small networks are often close-knit: read it with the size)" if m.size < 10 else ""
    return f"{m.density:.0%} of pairs know each other{small}"


#: The headline rows, read in the direction the second case teaches (Harris before reads
#: as internal, operational and close-knit; after, as reaching out): (label, value in words,
#: how it is computed).
HEADLINE_ROWS: tuple[tuple[str, Callable[[NetworkMeasures], str], str], ...] = (
    ("Contacts", lambda m: str(m.size), "n, the people you listed"),
    ("Outside your organisation",
     lambda m: (f"{m.outside} of {m.inside + m.outside} "
                f"({_percent(m.outside / (m.inside + m.outside))})"
                if m.inside + m.outside else "not defined yet"),
     "contacts outside / contacts marked inside or outside"),
    ("Looking ahead (strategic)", lambda m: _percent(m.strategic_share),
     "share of contacts marked strategic: people who help you see where you could go"),
    ("Two or more levels above", lambda m: str(m.above_count),
     "contacts with seniority +2 or more"),
    ("How close-knit", _knit,
     "density t / (n(n-1)/2), the share of pairs of contacts who know each other; "
     "high means closed, and it rises as a network shrinks"),
)

#: The other rows of :func:`measures_table`: (field, label, how it is computed).
MEASURE_ROWS: tuple[tuple[str, str, str], ...] = (
    ("ties", "Ties among contacts", "t, pairs who know each other (circles included)"),
    ("constraint", "Constraint (Burt)",
     "sum over contacts of (direct + indirect investment)^2; high = closed. It falls as a "
     "network grows, and with few contacts it is high even when they are strangers to each "
     "other: compare it only between networks of about the same size"),
    ("effective_size", "Effective size", "contacts less their redundancy (weighted)"),
    ("efficiency", "Efficiency", "effective size / n"),
    ("ei_index", "E-I index", "(outside - inside) / (outside + inside), from -1 to +1"),
    ("sector_iqv", "Sector diversity (IQV)", "Blau 1 - sum p_k^2, scaled to 0-1"),
    ("function_iqv", "Function diversity (IQV)", "Blau 1 - sum p_k^2, scaled to 0-1"),
    ("operational_share", "Operational", "share of contacts marked operational"),
    ("personal_share", "Personal", "share of contacts marked personal"),
    ("stale_share", "Stale ties", f"share last seen over {STALE_DAYS} days ago (dated only)"),
)


def measures_table(measures: NetworkMeasures) -> pd.DataFrame:
    """The measures as a table that holds no names, so it can be shared.

    Columns: measure, value (in words, or rounded; "not defined yet" for ``nan``), how it
    is computed, and ``headline`` (True for the rows shown first: :data:`HEADLINE_ROWS`).
    """
    def shown(value: object) -> str:
        if isinstance(value, float):
            return "not defined yet" if math.isnan(value) else f"{value:.2f}"
        return str(value)

    rows = [{"measure": label, "value": words(measures), "how it is computed": how,
             "headline": True} for label, words, how in HEADLINE_ROWS]
    rows += [{"measure": label, "value": shown(getattr(measures, key)),
              "how it is computed": how, "headline": False} for key, label, how in MEASURE_ROWS]
    return pd.DataFrame(rows)


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
    >>> table.loc["Outside your organisation", ["before", "after"]].tolist()
    ['4 of 30 (13%)', '15 of 37 (41%)']
    """
    tables = {label: measures_table(network if isinstance(network, NetworkMeasures) else
                                    network_measures(network, today=today)).set_index("measure")
              for label, network in networks.items()}
    frame = pd.DataFrame({label: table["value"] for label, table in tables.items()})
    first = next(iter(tables.values()))
    frame["how it is computed"], frame["headline"] = first["how it is computed"], first["headline"]
    frame.index.name = "measure"
    return frame
