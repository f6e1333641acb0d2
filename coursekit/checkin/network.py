"""The network at the check-in: the first complete map beside the map now, and the figure.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.network.storage import add_network, add_contact
>>> from coursekit.network.samples import load_sample_network
>>> store = LearnerStore(":memory:")
>>> since_first_map(store) is None
True
>>> _ = add_network(store, load_sample_network("amara"))
>>> _ = add_contact(store, name="Priya Nair", inside=False, types=("strategic",))
>>> check = since_first_map(store)
>>> check.changes.added, [t.name for t in outsight_figure(check.changes).data]
(['Priya Nair'], ['first map', 'now'])
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go

from .._figure_style import TEMPLATE
from .._palette import INK, OKABE_ITO
from ..network.history import FirstMap, NetworkChanges, load_first_map, network_changes
from ..network.model import Network
from ..network.outsight import (
    HIGH_REDUNDANCY,
    LOW_CURRENT,
    LOW_DIVERSITY,
    LOW_OUTSIDE,
    LOW_STRATEGIC,
)
from ..network.storage import load_network
from ..store import LearnerStore

#: The indicators drawn as shares (0-100 %), with the reading that calls for advice.
SHARE_INDICATORS = {"outside": ("below", LOW_OUTSIDE), "strategic": ("below", LOW_STRATEGIC),
                    "current": ("below", LOW_CURRENT), "diverse": ("below", LOW_DIVERSITY),
                    "closed": ("above", HIGH_REDUNDANCY)}


@dataclass(frozen=True)
class NetworkCheck:
    """The first map, the map now, and what changed between them."""

    first: FirstMap
    now: Network
    changes: NetworkChanges


def since_first_map(store: LearnerStore, today: date | None = None) -> NetworkCheck | None:
    """The network now against the first complete map (None: the map was never complete)."""
    first = load_first_map(store)
    if first is None:
        return None
    now = load_network(store)
    changes = network_changes(first.network, now, before_day=first.taken_on,
                              after_day=today or date.today())
    return NetworkCheck(first, now, changes)


def outsight_figure(changes: NetworkChanges, *, labels: tuple[str, str] = ("first map", "now")
                    ) -> go.Figure:
    """The out-sight indicators then and now: a hollow dot, an arrow, the rule of thumb.

    Each indicator is a track from 0 to 100 %; a thin mark shows its rule-of-thumb threshold
    (advice below it, or above it for *how closed*). An indicator that cannot be worked out
    (no dates, no sectors) shows only the dot it has. The count of people two or more levels
    above is not a share: the page says it in words.
    """
    rows = [(key, label, before, after) for key, label, before, after in changes.indicators
            if key in SHARE_INDICATORS]
    ys = list(range(len(rows)))
    fig = go.Figure()
    for y, (key, _label, _b, _a) in zip(ys, rows, strict=True):
        side, threshold = SHARE_INDICATORS[key]
        fig.add_shape(type="line", x0=threshold, x1=threshold, y0=y - 0.3, y1=y + 0.3,
                      line=dict(color=OKABE_ITO["orange"], width=3, dash="dot"))
        fig.add_shape(type="rect", x0=0, x1=1, y0=y - 0.12, y1=y + 0.12, layer="below",
                      line=dict(width=0), fillcolor="#EEEEEE")
    names = [label for _k, label, _b, _a in rows]
    for name, values, symbol, colour in (
            (labels[0], [b for _k, _l, b, _a in rows], "circle-open", "#999999"),
            (labels[1], [a for _k, _l, _b, a in rows], "diamond", OKABE_ITO["blue"])):
        fig.add_trace(go.Scatter(
            x=[None if math.isnan(v) else v for v in values], y=ys, mode="markers",
            name=name, customdata=names,
            marker=dict(symbol=symbol, size=14, color=colour,
                        line=dict(width=3 if symbol == "circle-open" else 1,
                                  color=colour if symbol == "circle-open" else INK)),
            hovertemplate=f"{name}: %{{x:.0%}}<extra>%{{customdata}}</extra>"))
    for y, (_key, _label, before, after) in zip(ys, rows, strict=True):
        if math.isnan(before) or math.isnan(after):
            continue
        if abs(after - before) >= 0.005:
            fig.add_annotation(x=after, y=y, ax=before, ay=y, xref="x", yref="y", axref="x",
                               ayref="y", showarrow=True, arrowhead=3, arrowwidth=2.5,
                               arrowsize=1.2, arrowcolor=OKABE_ITO["blue"], standoff=7,
                               startstandoff=8, text="")
        points = round(100 * (after - before))
        fig.add_annotation(x=max(before, after), y=y, xshift=14, xanchor="left",
                           showarrow=False, text=f"<b>{points:+d} pts</b>" if points
                           else "no change", font=dict(color=INK))
    fig.update_layout(
        title=dict(text="Out-sight: your first map and now"), template=TEMPLATE,
        height=160 + 56 * len(rows),
        xaxis=dict(title=dict(text="Share (dotted orange: the rule of thumb; advice when a "
                                   "reading is on its far side)"),
                   range=[-0.03, 1.22], tickformat=".0%", tickvals=[0, .25, .5, .75, 1],
                   zeroline=False),
        yaxis=dict(tickvals=ys, ticktext=names, range=[-0.6, len(rows) - 0.4],
                   showgrid=False, zeroline=False, autorange="reversed"),
        legend=dict(orientation="h", y=-0.25))
    return fig


def above_words(changes: NetworkChanges) -> str:
    """The count of people two or more levels above, then and now, in words."""
    for key, _label, before, after in changes.indicators:
        if key == "above":
            return (f"People two or more levels above you: {before:.0f} in your first map, "
                    f"{after:.0f} now.")
    return ""


__all__ = ["SHARE_INDICATORS", "NetworkCheck", "above_words", "outsight_figure",
           "since_first_map"]
