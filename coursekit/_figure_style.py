"""The course's figure style, once: a plotly template named ``"coursekit"``.

Every figure of the course passes ``template=TEMPLATE``; it keeps only its own title, axis
titles, height and margins. Importing this module registers the template; it does **not**
set ``plotly.io.templates.default``, so a learner's own figures keep plotly's style.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from ._palette import GRID, INK, QUALITATIVE

#: The name every figure passes as ``template=``.
TEMPLATE = "coursekit"

_AXIS = {"gridcolor": GRID, "linecolor": GRID, "zerolinecolor": GRID, "zerolinewidth": 1,
         "ticks": "", "automargin": True, "title": {"standoff": 12}}
_POLAR_AXIS = {"gridcolor": GRID, "linecolor": GRID, "ticks": ""}
_ERROR_BARS = {"error_x": {"color": INK}, "error_y": {"color": INK}}

pio.templates[TEMPLATE] = go.layout.Template(
    layout={
        "colorway": QUALITATIVE,
        # Fonts found on every system: the report works offline, with no web font.
        "font": {"family": "Arial, Helvetica, sans-serif", "size": 12, "color": INK},
        "title": {"x": 0.02, "xanchor": "left"},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "margin": {"l": 10, "r": 20, "t": 60, "b": 50},  # automargin widens the left one
        "xaxis": _AXIS,
        "yaxis": _AXIS,
        "polar": {"bgcolor": "white", "radialaxis": _POLAR_AXIS,
                  "angularaxis": {**_POLAR_AXIS, "linecolor": INK}},
        "hoverlabel": {"align": "left"},
        "hovermode": "closest",
        "annotationdefaults": {"font": {"color": INK}, "arrowcolor": INK},
        "shapedefaults": {"line": {"color": INK}},
    },
    data={"bar": [{"marker": {"line": {"color": "white", "width": 0.5}}, **_ERROR_BARS}],
          "scatter": [_ERROR_BARS]},
)


def template_json() -> dict[str, Any]:
    """The template as plain JSON, for figure specs built as dicts (``_validate=False``)."""
    return pio.templates[TEMPLATE].to_plotly_json()
