"""The course's figure style, once: a plotly template named ``"coursekit"``.

Every figure of the course passes ``template=TEMPLATE`` (the name). The template holds what
used to be repeated in each figure module: the Okabe-Ito colourway
(:data:`~coursekit._palette.QUALITATIVE`), the font and ink colour, white backgrounds, light
grid lines, the default margins and left-aligned hover labels. A figure keeps only what is
its own: its title, axis titles, height, a wider margin where its labels need it.

Importing this module registers the template in ``plotly.io.templates`` under its name; it
does **not** touch ``plotly.io.templates.default``, so a learner's own figures in the same
kernel keep plotly's style.

Examples
--------
>>> import plotly.graph_objects as go
>>> fig = go.Figure(go.Bar(x=["a"], y=[1]), layout={"template": TEMPLATE})
>>> fig.layout.template.layout.colorway[0] == QUALITATIVE[0]
True
>>> import plotly.io as pio
>>> pio.templates.default != TEMPLATE
True
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from ._palette import GRID, INK, QUALITATIVE

#: The name every figure passes as ``template=``.
TEMPLATE = "coursekit"

#: Fonts found on every system (the report works offline: no web font).
FONT_FAMILY = "Arial, Helvetica, sans-serif"

#: Default margins in pixels; y-axis labels widen the left one (``automargin``).
MARGIN = {"l": 10, "r": 20, "t": 60, "b": 50}

_AXIS = {"gridcolor": GRID, "linecolor": GRID, "zerolinecolor": GRID, "zerolinewidth": 1,
         "ticks": "", "automargin": True, "title": {"standoff": 12}}
_POLAR_AXIS = {"gridcolor": GRID, "linecolor": GRID, "ticks": ""}


def course_template() -> go.layout.Template:
    """A new copy of the course's figure style (see the module docstring)."""
    return go.layout.Template(
        layout={
            "colorway": QUALITATIVE,
            "font": {"family": FONT_FAMILY, "size": 12, "color": INK},
            "title": {"x": 0.02, "xanchor": "left"},
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "margin": MARGIN,
            "xaxis": _AXIS,
            "yaxis": _AXIS,
            "polar": {"bgcolor": "white", "radialaxis": _POLAR_AXIS,
                      "angularaxis": {**_POLAR_AXIS, "linecolor": INK}},
            "hoverlabel": {"align": "left"},
            "hovermode": "closest",
            "annotationdefaults": {"font": {"color": INK}, "arrowcolor": INK},
            "shapedefaults": {"line": {"color": INK}},
        },
        data={
            "bar": [{"marker": {"line": {"color": "white", "width": 0.5}},
                     "error_x": {"color": INK}, "error_y": {"color": INK}}],
            "scatter": [{"error_x": {"color": INK}, "error_y": {"color": INK}}],
        },
    )


def template_json() -> dict[str, Any]:
    """The template as plain JSON, for figure specs built as dicts (``_validate=False``)."""
    return pio.templates[TEMPLATE].to_plotly_json()


pio.templates[TEMPLATE] = course_template()

__all__ = ["FONT_FAMILY", "MARGIN", "TEMPLATE", "course_template", "template_json"]
