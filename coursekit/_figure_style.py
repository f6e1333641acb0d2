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
#: Characters per line of a figure's title, an axis title and a category label: a figure in
#: a notebook cell is some 590 px wide in JupyterLab at 1024x768 (beside its file browser),
#: and plotly cuts what does not fit. The category labels take the left of the figure and
#: the axis title is centred under the rest, so both wrap short
#: (:func:`coursekit.views._figures.fit_words` wraps them as a figure is shown).
TITLE_CHARS, AXIS_CHARS, CATEGORY_CHARS = 64, 44, 34
#: The height of a row of a figure's categories, in pixels, for labels of ``lines`` lines.
ROW_PX, LINE_PX = 28, 15


def category_lines(label: str) -> int:
    """How many lines a category label takes once wrapped at :data:`CATEGORY_CHARS`.

    >>> category_lines("short"), category_lines("a much longer label " * 3)
    (1, 2)
    """
    import textwrap

    text = str(label)
    if "<br>" in text:
        return text.count("<br>") + 1
    return 1 if len(text) <= CATEGORY_CHARS else len(textwrap.wrap(text, CATEGORY_CHARS))


def row_px(labels) -> int:
    """The height of each row of categories (a category axis spaces them evenly), in pixels."""
    return max(ROW_PX, 12 + LINE_PX * max((category_lines(c) for c in labels), default=1))

_AXIS = {"gridcolor": GRID, "linecolor": GRID, "zerolinecolor": GRID, "zerolinewidth": 1,
         "ticks": "", "automargin": True, "title": {"standoff": 12}}
_POLAR_AXIS = {"gridcolor": GRID, "linecolor": GRID, "ticks": ""}
_ERROR_BARS = {"error_x": {"color": INK}, "error_y": {"color": INK}}

# Registered as plain JSON, unvalidated, as plotly registers its own templates: validating it
# here cost every page 0.06 s at import. A figure that names the template gets a validated
# copy (``tests/test_figure_style.py`` builds one, so a wrong property still fails a test).
pio.templates[TEMPLATE] = go.layout.Template(dict(
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
), _validate=False)


def template_json() -> dict[str, Any]:
    """The template as plain JSON, for figure specs built as dicts (``_validate=False``)."""
    return pio.templates[TEMPLATE].to_plotly_json()
