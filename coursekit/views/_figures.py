"""Showing plotly figures so that nothing leaves the learner's machine.

plotly.js (from plotly 6) puts a "Share chart..." button in every figure's toolbar that
uploads the figure, data and all, to Plotly Cloud; a network map would carry the names of
the learner's contacts. Every view shows its figures through :func:`show_figure` or
:func:`set_figure` (a ``go.Figure`` in an Output widget), which switch that button off. The
figures are drawn from the learner's machine, never a CDN, with one copy of plotly.js
however many figures a page shows: in JupyterLab by plotly's JupyterLab extension, on app
pages by coursekit's own renderer (``coursekit/_jupyter/app_labextension``: plotly.js
loaded when the page's first figure comes into view, each figure drawn once).

No view uses ``go.FigureWidget``: from plotly 6 on it is an anywidget that sends its own
copy of plotly.js (5 MB) to the browser with every figure, and importing it costs the
kernel seconds (nbformat and jsonschema). A figure that follows the store is redrawn with
:func:`set_figure` instead (``tests/test_page_weight.py`` keeps it so).

The browser tests (``tests/browser``) fail on a page whose figure still offers to share.

Examples
--------
>>> import plotly.graph_objects as go
>>> fig = go.Figure(go.Bar(x=["a"], y=[1]))
>>> bundle = figure_bundle(fig)
>>> bundle["application/vnd.plotly.v1+json"]["config"]["showSendToCloud"]
False
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from IPython.display import display

from .._figure_config import FIGURE_CONFIG
from .._figure_style import AXIS_CHARS, CATEGORY_CHARS, TITLE_CHARS
from .._text import figure_lines


def figure_bundle(fig: go.Figure) -> dict[str, Any]:
    """The MIME bundle that draws ``fig`` with :data:`FIGURE_CONFIG`, plus a text fallback."""
    # plotly's own encoder: numpy arrays, dates and pandas values become plain JSON.
    spec = json.loads(pio.to_json(fig, validate=False))
    spec["config"] = dict(FIGURE_CONFIG)
    fit_words(spec)
    title = fig.layout.title.text or "figure"
    return {"application/vnd.plotly.v1+json": spec, "text/plain": f"<plotly figure: {title}>"}


def _wrap(text: Any, width: int) -> Any:
    """``text`` on lines of about ``width`` characters, unless it is short or broken already."""
    if not isinstance(text, str) or "<br>" in text or len(re.sub(r"<[^>]+>", "", text)) <= width:
        return text
    return figure_lines(text, width)


def fit_words(spec: dict[str, Any]) -> None:
    """Wrap a figure's long words in place (its JSON spec), so nothing is cut at its edge.

    The title and the axis titles are broken onto lines, and so is every category named on
    a y axis: in its ``categoryarray`` and in the ``y`` of every trace, the same way, so a
    dot and its row keep one name. A figure of a set height grows by the lines its title
    gains, so its plot keeps its size.

    >>> spec = {"layout": {"title": {"text": "A " * 40}, "height": 300,
    ...                    "yaxis": {"categoryarray": ["x"]}},
    ...         "data": [{"type": "bar", "orientation": "h", "y": ["short", "b " * 30]},
    ...                  {"type": "scatter", "mode": "markers", "y": ["b " * 30]}]}
    >>> fit_words(spec)
    >>> spec["layout"]["title"]["text"].count("<br>"), spec["layout"]["height"]
    (1, 320)
    >>> spec["data"][0]["y"][0], spec["data"][0]["y"][1] == spec["data"][1]["y"][0]
    ('short', True)
    >>> spec["data"][1]["y"][0].count("<br>")
    1
    """
    layout = spec.get("layout", {})
    title = layout.get("title")
    if isinstance(title, dict) and title.get("text") != _wrap(title.get("text"), TITLE_CHARS):
        title["text"] = _wrap(title["text"], TITLE_CHARS)
        extra = 20 * title["text"].count("<br>")
        margin = layout.setdefault("margin", {})  # room above the plot for the new lines
        margin["t"] = int(margin.get("t") or 60) + extra
        if layout.get("height"):
            layout["height"] += extra
        # From the top down, not centred in the margin: its lines clear a legend above the
        # plot. (plotly sets a title of several lines anchored at its top one line too high.)
        lines = title["text"].count("<br>")
        title.update(yref="container", yanchor="top",
                     y=1 - (12 + 16 * lines) / (layout.get("height") or 450))
    for name, axis in layout.items():
        if not (name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict)):
            continue
        if isinstance(axis.get("title"), dict):
            axis["title"]["text"] = _wrap(axis["title"].get("text"), AXIS_CHARS)
        if name.startswith("yaxis") and isinstance(axis.get("categoryarray"), list):
            axis["categoryarray"] = [_wrap(c, CATEGORY_CHARS) for c in axis["categoryarray"]]
    for trace in spec.get("data", []):
        if isinstance(trace.get("y"), list) and any(isinstance(c, str) for c in trace["y"]):
            trace["y"] = [_wrap(c, CATEGORY_CHARS) for c in trace["y"]]


def set_figure(output, fig: go.Figure) -> None:
    """Make an ``ipywidgets.Output`` show ``fig`` instead of what it showed (no share button).

    The output's content is set directly rather than captured with ``with output:``:
    capturing while a cell runs can stall Voila's executor (nbclient) until its timeout,
    and a direct value works the same in a kernel, in Voila and in tests.

    >>> import ipywidgets as widgets
    >>> out = widgets.Output()
    >>> set_figure(out, go.Figure(go.Bar(x=["a"], y=[1])))
    >>> out.outputs[0]["data"]["application/vnd.plotly.v1+json"]["config"]["displaylogo"]
    False
    """
    output.outputs = ({"output_type": "display_data", "data": figure_bundle(fig),
                       "metadata": {}},)


def set_hint(output, text: str) -> None:
    """Make an ``ipywidgets.Output`` show a one-line hint where a figure has no data yet.

    An empty plot area tells the learner nothing; a sentence says what to do.

    >>> import ipywidgets as widgets
    >>> out = widgets.Output()
    >>> set_hint(out, "Add a step <with> a date.")
    >>> out.outputs[0]["data"]["text/plain"]
    'Add a step <with> a date.'
    """
    from html import escape

    output.outputs = ({"output_type": "display_data", "metadata": {},
                       "data": {"text/html": f"<p role='note'><i>{escape(text)}</i></p>",
                                "text/plain": text}},)


def after_display(draw: Callable[[], None], status: Any) -> None:
    """Run ``draw`` once the cell building the view has run (in a kernel); at once elsewhere.

    For a view whose figure shares a box with its controls. The browser draws such a box
    once everything in it is drawn, and a page's first figure waits for plotly.js (some
    0.4 s of the browser's time, ``benchmarks/bench_browser.py``): with the figure sent
    after the box, the controls show first (notebook 04's first widget came 0.5 s sooner).
    Without a running event loop (plain Python, the tests) ``draw`` runs at once. An error
    of ``draw`` shows in ``status`` (a :class:`~coursekit.views._common.Status`), as it
    would have stopped the cell.
    """
    from ..classroom.poller import running_loop

    loop = running_loop()
    if loop is None:
        draw()
        return

    def run() -> None:
        try:
            draw()
        except Exception as error:  # noqa: BLE001 (no cell to stop any more: shown instead)
            status.error(f"The chart could not be drawn: {error}")

    loop.call_soon(run)


def show_figure(fig: go.Figure) -> None:
    """Display ``fig`` (in the current cell or ``with output:`` block) with no share button."""
    display(figure_bundle(fig), raw=True)
