"""Vision: three alternative five-year paths, rated and compared.

After the "Odyssey plans" of Burnett and Evans (*Designing Your Life*, 2016): sketch the path
you are on, the one you would take if it disappeared, and the one you would take if money
and image were no object; give each a title and the questions it raises, and rate it 1-5 for
resources, liking, confidence and coherence. The comparison is a dot plot on a common 1-5
scale (position on a common scale reads best; Cleveland and McGill 1984).

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> p = save_path(store, "current", title="Regional finance lead", liking=3)
>>> load_paths(store)[0].title, load_paths(store)[0].liking
('Regional finance lead', 3)
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from .._errors import InputError
from .._figure_style import TEMPLATE
from .._palette import INK, QUALITATIVE
from .._text import escape_html
from ..store import LearnerStore, _now
from ._db import update
from .model import (
    MAX_TEXT,
    MAX_TITLE,
    PATH_KINDS,
    RATINGS,
    VisionPath,
    check_choice,
    check_rating,
    check_text,
)

_FIELDS = ("title", "description", "questions", *RATINGS)

#: Marker shapes per path, so the paths differ in shape as well as colour (grey print).
PATH_SYMBOLS = {"current": "circle", "disappeared": "square", "unconstrained": "diamond"}
PATH_COLOURS = dict(zip(PATH_KINDS, QUALITATIVE, strict=False))


def load_paths(store: LearnerStore) -> tuple[VisionPath, ...]:
    """The three paths in order (current, disappeared, unconstrained); unsaved ones empty."""
    rows = store.read(f"SELECT kind, {', '.join(_FIELDS)} FROM plan_paths")
    saved = {row[0]: VisionPath(*row) for row in rows}
    return tuple(saved.get(kind, VisionPath(kind)) for kind in PATH_KINDS)


def save_path(store: LearnerStore, kind: str, **fields: Any) -> VisionPath:
    """Save some fields of one path (the others are kept) in one transaction.

    Parameters
    ----------
    kind : {"current", "disappeared", "unconstrained"}
    **fields
        Any of ``title``, ``description``, ``questions`` (text) and ``resources``,
        ``liking``, ``confidence``, ``coherence`` (1-5, or None to clear).

    Raises
    ------
    InputError
        An unknown path or field, a rating out of 1-5, a title over 200 characters.
    """
    check_choice(kind, PATH_KINDS, "one of the three paths")
    unknown = set(fields) - set(_FIELDS)
    if unknown:
        raise InputError(f"A path has no field {', '.join(sorted(unknown))}. "
                         f"Fix: use {', '.join(_FIELDS)}.")
    clean = {}
    for name, value in fields.items():
        limit = MAX_TITLE if name == "title" else MAX_TEXT
        clean[name] = (check_rating(value, name) if name in RATINGS
                       else check_text(value, f"path {name}", limit=limit))
    with store.transaction() as conn:
        conn.execute("INSERT OR IGNORE INTO plan_paths (kind, updated_at) VALUES (?, ?)",
                     (kind, _now()))
        update(conn, "plan_paths", clean, "kind = ?", kind)
    return next(p for p in load_paths(store) if p.kind == kind)


def vision_figure(paths: tuple[VisionPath, ...] | list[VisionPath]) -> go.Figure:
    """A dot plot comparing the paths' four ratings on the common 1-5 scale.

    One row per rating, one marker per path; paths differ in colour and shape, and the
    hover text (the learner's titles) is escaped.
    """
    fig = go.Figure()
    offsets = {"current": -0.18, "disappeared": 0.0, "unconstrained": 0.18}
    for path in paths:
        rated = [(i, name, value) for i, (name, value) in enumerate(path.ratings.items())
                 if value is not None]
        fig.add_trace(go.Scatter(
            x=[value for _, _, value in rated], y=[i + offsets[path.kind] for i, _, _ in rated],
            mode="markers", name=escape_html(path.label),
            marker={"size": 14, "symbol": PATH_SYMBOLS[path.kind],
                    "color": PATH_COLOURS[path.kind], "line": {"width": 1, "color": INK}},
            hovertext=[f"{escape_html(path.label)}: {escape_html(path.title) or '(no title)'}"
                       f"<br>{name}: {value} of 5" for _, name, value in rated],
            hoverinfo="text",
        ))
    fig.update_layout(
        title={"text": "Your three paths compared (1 = low, 5 = high)"},
        xaxis={"title": {"text": "Rating"}, "range": [0.5, 5.5], "dtick": 1},
        yaxis={"title": {"text": "Rating of"}, "tickvals": list(range(len(RATINGS))),
               "ticktext": [n.capitalize() for n in RATINGS],
               "range": [len(RATINGS) - 0.5, -0.5]},
        template=TEMPLATE, height=320, margin={"l": 100, "t": 50},
        legend={"orientation": "h", "y": -0.25},
    )
    return fig
