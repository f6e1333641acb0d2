"""The map: an "egogram" of the learner's network, drawn with plotly.

The learner sits at the centre. Each contact is a dot placed

* on a **ring** by closeness: strength 5 (very close) on the inner ring, 1 (acquaintance)
  on the outer one;
* in a **sector** by group (``group_by``): inside / outside the organisation by default,
  or circle, sector, function or network type; each sector's angle grows with its size;
* **coloured** by network type (Okabe-Ito colours from :mod:`coursekit._palette`, safe for
  colour-blind readers), with a **shape** for inside (circle), outside (diamond) and
  unknown (square), so colour is never the only cue.

Ties among contacts are light lines, drawn as one path (a layout shape named :data:`TIES`;
the strongest :data:`MAX_TIES_DRAWN` at most) with a legend entry of their own. Names
are labelled when there are few contacts, else only the closest ones; hover text is escaped
(names and notes are user text). An empty network shows a message; a star says so. The
traces are always the same, in order (:data:`TRACE_NAMES`), so a view can tell from the
plain spec (:func:`egogram_spec`) whether anything changed before it draws again.

Examples
--------
>>> from coursekit.network.model import Contact, Ego, Network
>>> fig = egogram(Network.from_records(Ego(), [Contact("c1", "<b>Ana</b>", strength=5)]))
>>> [t.name for t in fig.data][:2]
['ties among contacts', 'operational']
>>> "&lt;b&gt;Ana" in fig.data[5].hovertext[0]
True
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .._figure_style import template_json
from .._palette import EGO_COLOUR, GRID, NETWORK_TYPE_COLOURS
from .._text import escape_html
from .map_labels import (
    EGO_PX,
    EXTENT,
    LABEL_PLACES,
    OUTER,
    dot_px,
    fixed_boxes,
    label_boxes,
    margin,
    place_labels,
    ring_radius,
    short_name,
)
from .model import Network
from .records import STRENGTH_MAX, STRENGTH_SCALE

__all__ = ["egogram", "egogram_spec", "label_boxes", "positions", "ring_radius", "tie_path"]

#: Type categories in legend order; a contact with several types is "mixed".
TYPE_LABELS = {"operational": "operational", "personal": "personal", "strategic": "strategic",
               "mixed": "several types", "unknown": "no type yet"}
TYPE_KEYS = tuple(TYPE_LABELS)
SHAPES = {True: "circle", False: "diamond", None: "square"}
SHAPE_LABELS = {True: "inside your organisation", False: "outside", None: "inside/outside unknown"}
#: The traces of every egogram, in order.
TIES = "ties among contacts"
TIE_COLOUR = "rgba(90,90,90,0.28)"
TRACE_NAMES: tuple[str, ...] = (TIES, *(TYPE_LABELS[k] for k in TYPE_KEYS), "you",
                                *(SHAPE_LABELS[k] for k in (True, False, None)))
#: Each grouping (``group_by``) in words, for menus and the map's caption.
GROUPING_LABELS = {"inside": "inside / outside your organisation", "circle": "circle",
                   "sector": "sector", "function": "function", "type": "network type"}
GROUPINGS = tuple(GROUPING_LABELS)
#: At most this many ties among contacts are drawn (the strongest); all count in measures.
MAX_TIES_DRAWN = 1500
#: Label every contact up to this many contacts; above it, the closest MAX_LABELS only.
LABEL_ALL_UP_TO = 15
MAX_LABELS = 12
#: Half the arc (in map units) kept free of dots at the top of each ring, where the ring's
#: closeness label sits.
RING_LABEL_CLEARANCE = 0.7


def _type_key(types: tuple[str, ...] | None) -> str:
    if not types:
        return "unknown"
    return types[0] if len(types) == 1 else "mixed"


def _groups(network: Network, group_by: str) -> pd.Series:
    c = network.contacts
    if group_by == "inside":
        return c["inside"].map({True: "inside", False: "outside"}).fillna("unknown")
    if group_by == "circle":
        return c["circles"].map(lambda v: v[0] if v else "no circle")
    if group_by in ("sector", "function"):
        return c[group_by].map(lambda v: v if v else f"no {group_by}")
    if group_by == "type":
        return c["types"].map(lambda v: TYPE_LABELS[_type_key(v)])
    raise ValueError(f"group_by must be one of {', '.join(GROUPINGS)}, not {group_by!r}")


def positions(network: Network, group_by: str = "inside"
              ) -> tuple[np.ndarray, np.ndarray, list[tuple[str, float, float]]]:
    """Map coordinates of the contacts, and the sectors.

    Returns ``(x, y, sectors)``: ``x`` and ``y`` in :attr:`Network.contacts` order, the
    sectors as ``(label, start_angle, end_angle)`` in radians.

    Sectors start at the top and run clockwise; each gets a share of the circle in
    proportion to its contacts (at least 6 %). Within a sector, contacts on the same ring
    are spread evenly; a crowded ring is split into staggered rows so dots do not overlap.
    The top of each ring is kept free for its closeness label (:data:`RING_LABEL_CLEARANCE`).
    """
    n = network.size
    x, y = np.zeros(n), np.zeros(n)
    if n == 0:
        return x, y, []
    groups = _groups(network, group_by)
    counts = groups.value_counts()
    order = sorted(counts.index, key=lambda g: (g in ("unknown", "no circle") or
                                                 g.startswith("no "), -counts[g], g))
    share = np.array([counts[g] for g in order], dtype=float) / n
    share = np.maximum(share, 0.06 if len(order) > 1 else 1.0)
    share /= share.sum()
    sectors, start = [], 0.0
    radius = ring_radius(network.contacts["strength"].to_numpy(dtype=int)).astype(float)
    names = network.contacts["name"].to_numpy(dtype=object)
    for g, part in zip(order, share, strict=False):
        span = part * 2 * math.pi
        sectors.append((g, start, start + span))
        members = np.flatnonzero((groups == g).to_numpy())
        for r in np.unique(radius[members]):
            cell = members[radius[members] == r]
            cell = cell[np.argsort(names[cell].astype(str), kind="stable")]
            usable = span * 0.86 if len(order) > 1 else span
            lo = start + (span - usable) / 2
            hi = lo + usable
            keep = min(0.6, RING_LABEL_CLEARANCE / r)  # the ring label's spot at the top
            lo, hi = max(lo, keep), min(hi, 2 * math.pi - keep)
            if hi - lo < 0.25 * usable:  # a thin sector at the top: ignore the label
                lo = start + (span - usable) / 2
            else:
                usable = hi - lo
            # How many dots fit on this arc with a gap of ~0.42 units between them.
            fit = max(1, int(usable * r / 0.42))
            rows = min(3, math.ceil(len(cell) / fit))
            per_row = math.ceil(len(cell) / rows)
            slot, row = np.divmod(np.arange(len(cell)), rows)
            frac = (slot + 0.5 + (row % 2) * 0.5 / max(1, rows)) / per_row
            theta = lo + frac * usable
            rad = r + (row - (rows - 1) / 2) * 0.28
            # Clockwise from the top.
            x[cell] = rad * np.sin(theta)
            y[cell] = rad * np.cos(theta)
        start += span
    return x, y, sectors


def _hover(network: Network) -> list[str]:
    c = network.contacts
    out = []
    for row in c.itertuples(index=False):
        where = {True: "inside", False: "outside"}.get(row.inside, "inside/outside unknown")
        lines = [f"<b>{escape_html(row.name)}</b>",
                 escape_html(" · ".join(v for v in (where, row.organisation) if v))]
        if row.role:
            lines.append(f"Role: {escape_html(row.role)}")
        if row.sector or row.function:
            lines.append(escape_html(" · ".join(v for v in (row.sector, row.function) if v)))
        if row.seniority is not None and not pd.isna(row.seniority):
            s = int(row.seniority)
            level = "your level" if s == 0 else (f"{abs(s)} level{'s' if abs(s) > 1 else ''} "
                                                  f"{'above' if s > 0 else 'below'} you")
            lines.append(f"Seniority: {level}")
        lines.append(f"Types: {escape_html(', '.join(row.types) or 'none yet')}")
        lines.append(f"Closeness: {int(row.strength)} ({STRENGTH_SCALE[int(row.strength)]})")
        if row.last_contact:
            lines.append(f"Last contact: {row.last_contact.isoformat()}")
        if row.circles:
            lines.append(f"Circles: {escape_html(', '.join(row.circles))}")
        out.append("<br>".join(lines))
    return out


def _labels(network: Network, x: np.ndarray, y: np.ndarray, height: int,
            sectors: list | tuple = (), *, legend: bool = True,
            ) -> tuple[np.ndarray, np.ndarray]:
    """The names shown on the map, and where each goes; the hover text has every name.

    The closest (and strategic) contacts come first; each name goes above its dot, or
    else below, right or left of it, wherever it covers no word or dot already there
    (:func:`coursekit.network.map_labels.place_labels`); a name with no such place is
    left out.
    """
    c = network.contacts
    n = network.size
    text = np.array([""] * n, dtype=object)
    places = np.array([LABEL_PLACES[0]] * n, dtype=object)
    score = c["strength"].to_numpy(dtype=float) * 10 + \
        c["types"].map(lambda t: "strategic" in (t or ())).to_numpy(dtype=float)
    short = [short_name(str(name)) for name in c["name"]]
    fixed = fixed_boxes(str(network.ego.label or "You"), sectors, height, legend=legend)
    shown = place_labels(short, x, y, np.argsort(-score, kind="stable"), fixed,
                         n if n <= LABEL_ALL_UP_TO else MAX_LABELS, height, legend=legend)
    for k, place in shown.items():
        text[k], places[k] = escape_html(short[k]), place
    return text, places


def egogram_spec(network: Network, *, group_by: str = "inside", title: str | None = None,
                 height: int = 620, legend: bool = True) -> dict:
    """:func:`egogram` as plain plotly data (``data``, ``layout``): to update a figure."""
    n = network.size
    x, y, sectors = positions(network, group_by)
    c = network.contacts
    keys = c["types"].map(_type_key).to_numpy(dtype=object)
    symbols = c["inside"].map(lambda v: SHAPES.get(v, "square")).to_numpy(dtype=object)
    hover = np.array(_hover(network), dtype=object)
    labels, places = _labels(network, x, y, height, sectors, legend=legend)
    dot = dot_px(n)
    ties = tie_path(network, x, y)
    traces: list[dict] = [_tie_trace(ties)]
    for key in TYPE_KEYS:
        mask = keys == key
        traces.append(dict(
            type="scatter", name=TYPE_LABELS[key], x=x[mask], y=y[mask],
            mode="markers+text", text=labels[mask], textposition=places[mask],
            textfont=dict(size=11), hovertext=hover[mask], hoverinfo="text",
            marker=dict(color=NETWORK_TYPE_COLOURS[key], size=dot, symbol=symbols[mask],
                        line=dict(color="white", width=1)),
            legendgroup="type", legendgrouptitle=dict(text="Network type") if key ==
            "operational" else None, showlegend=bool(mask.any())))
    traces.append(dict(type="scatter", name="you", x=[0.0], y=[0.0], mode="markers+text",
                       text=[escape_html(network.ego.label or "You")],
                       textposition="bottom center", hoverinfo="text",
                       hovertext=[_ego_hover(network)],
                       marker=dict(color=EGO_COLOUR, size=EGO_PX, symbol="star"),
                       showlegend=False))
    present = set(symbols.tolist())
    for inside in (True, False, None):
        traces.append(dict(type="scatter", name=SHAPE_LABELS[inside], x=[None], y=[None],
                           mode="markers", hoverinfo="skip", legendgroup="shape",
                           legendgrouptitle=dict(text="Shape") if inside is True else None,
                           marker=dict(color="#777777", size=10, symbol=SHAPES[inside]),
                           showlegend=SHAPES[inside] in present))
    layout = _layout(network, sectors, title, height, group_by, legend)
    if ties:
        layout["shapes"].append(dict(type="path", name=TIES, path=ties, xref="x", yref="y",
                                     line=dict(color=TIE_COLOUR, width=0.8), layer="below"))
    return {"data": traces, "layout": layout}


def egogram(network: Network, *, group_by: str = "inside", title: str | None = None,
            height: int = 620, legend: bool = True) -> go.Figure:
    """The egogram of ``network`` as a plotly figure (see the module docstring).

    ``group_by`` is what the sectors show (one of :data:`GROUPINGS`); ``title`` defaults
    to "Your network: n contacts"; ``height`` is in pixels; ``legend=False`` leaves out the
    legend (maps side by side share one key) and gives the map its room.
    """
    # The dicts are built to plotly's schema (a test validates them); skipping the
    # validation here keeps an edit well under the 50 ms budget.
    return go.Figure(**egogram_spec(network, group_by=group_by, title=title, height=height,
                                     legend=legend),
                     _validate=False)


def _ego_hover(network: Network) -> str:
    ego = network.ego
    parts = [v for v in (ego.organisation, ego.sector, ego.function) if v]
    return "<b>You</b>" + (f"<br>{escape_html(' · '.join(parts))}" if parts else "")


def tie_path(network: Network, x: np.ndarray, y: np.ndarray) -> str:
    """The ties among contacts as one SVG path (``M x,y L x,y`` a tie), strongest first.

    >>> from coursekit.network.model import Contact, Ego, Tie
    >>> net = Network.from_records(Ego(), [Contact("a", "A"), Contact("b", "B")],
    ...                            [Tie("a", "b", 3)])
    >>> tie_path(net, np.array([0.0, 1.0]), np.array([0.5, 2.0]))
    'M0.000,0.500L1.000,2.000'
    """
    i, j, w, _ = network.tie_arrays
    if len(i) > MAX_TIES_DRAWN:
        keep = np.argsort(-w, kind="stable")[:MAX_TIES_DRAWN]
        i, j = i[keep], j[keep]
    return "".join(f"M{a:.3f},{b:.3f}L{c:.3f},{d:.3f}"
                   for a, b, c, d in zip(x[i], y[i], x[j], y[j], strict=True))


def _tie_trace(path: str) -> dict:
    # The ties are drawn as one path (a layout shape): one SVG element for 1,500 ties, where
    # a line trace drew one element a tie (five times slower to draw at 1,500 contacts).
    # This trace only gives them their entry in the legend.
    return dict(type="scatter", name=TIES, x=[None] if path else [], y=[None] if path else [],
                mode="lines", line=dict(color=TIE_COLOUR, width=0.8), hoverinfo="skip",
                showlegend=bool(path))


def _layout(network: Network, sectors, title, height, group_by, legend) -> dict:
    n = network.size
    shapes = [dict(type="circle", xref="x", yref="y", x0=-r, y0=-r, x1=r, y1=r,
                   line=dict(color=GRID, width=1), layer="below")
              for r in range(1, STRENGTH_MAX + 1)]
    # Ring labels at the top of each ring, where positions() leaves no dots.
    annotations = [dict(x=0, y=float(ring_radius(s)), xref="x", yref="y",
                        text=STRENGTH_SCALE[s].split(":")[0], showarrow=False,
                        font=dict(size=9, color="#888888"), bgcolor="rgba(255,255,255,0.85)",
                        xanchor="center", yanchor="middle")
                   for s in range(STRENGTH_MAX, 0, -1)]
    shapes += [dict(type="line", xref="x", yref="y", x0=0.6 * math.sin(start),
                    y0=0.6 * math.cos(start), x1=OUTER * math.sin(start),
                    y1=OUTER * math.cos(start), line=dict(color="#BBBBBB", width=1, dash="dot"),
                    layer="below") for _label, start, _end in sectors if len(sectors) > 1]
    for label, start, end in sectors:
        mid = (start + end) / 2
        annotations.append(dict(x=(OUTER + 0.25) * math.sin(mid),
                                y=(OUTER + 0.25) * math.cos(mid), xref="x", yref="y",
                                text=f"<b>{escape_html(label)}</b>", showarrow=False,
                                font=dict(size=12)))
    if n == 0:
        annotations.append(dict(
            x=0, y=-1.6, xref="x", yref="y", showarrow=False, font=dict(size=14),
            text="No contacts yet.<br>Add the people you turn to, or import a file,<br>"
                 "and your map appears here."))
    caption = (f"Rings: closeness (inner = closer). Sectors: "
               f"{escape_html(GROUPING_LABELS.get(group_by, group_by))}.<br>"
               f"Colour: network type. Shape: inside ● / outside ◆ / unknown ■.")
    if n > 1 and len(network.tie_arrays[0]) == 0:
        caption += ("<br><b>No ties among your contacts recorded yet: a star.</b><br>Put "
                    "people who know each other in a circle.")  # two lines: 560 px wide
    annotations.append(dict(x=0, y=1.0, xref="paper", yref="paper", showarrow=False,
                            text=caption, font=dict(size=11, color="#555555"),
                            xanchor="left", yanchor="bottom", align="left"))
    axis = dict(visible=False, range=[-EXTENT, EXTENT], fixedrange=False, zeroline=False)
    # Equal aspect ratio: the plot area narrows to the map (constrain="domain"), centred,
    # and the ranges stay as given: with constrain="range" plotly widened the ranges it had
    # already widened at each resize of the page, and the map shrank to a dot. The legend
    # runs horizontally below the map, in room of its own (map_labels.margin).
    return dict(
        title=dict(text=escape_html(title) if title else
                   f"Your network: {n} contact{'s' if n != 1 else ''}", x=0.02, y=0.98,
                   yref="container", yanchor="top"),
        xaxis=dict(axis, title=dict(text=""), constrain="domain", constraintoward="center"),
        yaxis=dict(axis, scaleanchor="x", scaleratio=1, title=dict(text=""), constrain="domain",
                   constraintoward="middle"),
        shapes=shapes, annotations=annotations, height=height, autosize=True,
        margin=margin(legend=legend), template=template_json(), showlegend=legend,
        legend=dict(orientation="h", x=0.5, y=0.0, xanchor="center", yanchor="top",
                    groupclick="toggleitem"),
        dragmode="pan",
    )
