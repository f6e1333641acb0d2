r"""The personal report as ONE self-contained HTML file: works offline, prints well.

* **Offline**: plotly.js (the copy bundled with the plotly package) is embedded once, inline;
  there is no CDN, no web font, no external script, style sheet or image.
* **Safe**: the page is the template ``report/report.html.j2`` (in ``coursekit/_templates``),
  rendered with autoescaping, so all learner text is escaped; figure data is serialised by
  plotly's JSON encoder, which writes ``<`` and ``/`` as ``\u003c`` and ``\u002f`` so text
  cannot close the script element.
* **Print**: a print style sheet (``report/report.css``) starts each section on a new page,
  keeps figures, cards and table rows whole, hides the plot toolbars, and draws everything
  in black and white-safe ink (states are words and symbols, never colour alone). Figures
  are drawn 680 px wide, the printable width of A4 and US Letter with 15 mm margins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go
from markupsafe import Markup
from plotly.io.json import to_json_plotly

from .._figure_config import FIGURE_CONFIG
from .._render import render
from ..store import LearnerStore
from .content import SOURCES, ReportContent, gather_report

#: Width of every figure in the report, in CSS pixels (fits A4 / Letter portrait).
FIGURE_WIDTH = 680

#: plotly.js settings of the report's figures: the course's (no "Share chart" upload, no
#: Plotly logo), a fixed size for print, and no selection tools.
_CONFIG = {**FIGURE_CONFIG, "responsive": False,
           "modeBarButtonsToRemove": [*FIGURE_CONFIG["modeBarButtonsToRemove"],
                                      "select2d", "lasso2d"]}


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """The plotly.js bundle shipped inside the plotly Python package (read once)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def figure_html(fig: go.Figure, div_id: str, *, width: int = FIGURE_WIDTH) -> str:
    """A figure as a ``<figure>`` holding a div and the script that draws it (no plotly.js).

    The figure's title becomes the accessible name of the drawing.
    """
    spec = fig.to_plotly_json()
    layout = dict(spec.get("layout", {}))
    layout["width"] = min(int(layout.get("width") or width), width)
    layout["autosize"] = False
    title = layout.get("title", {})
    label = title.get("text", "") if isinstance(title, dict) else str(title or "")
    # plotly's encoder writes < and / as \u003c and \u002f: the JSON cannot end the script.
    # Its standard-library engine, always: the same file whether or not orjson is installed.
    return render("report/_figure.html.j2", div_id=div_id, label=_plain(label),
                  width=layout["width"], height=int(layout.get("height") or 450),
                  data=Markup(to_json_plotly(spec.get("data", []), engine="json")),
                  layout=Markup(to_json_plotly(layout, engine="json")),
                  config=Markup(to_json_plotly(_CONFIG, engine="json")))


def _plain(text: str) -> str:
    """Figure title without plotly's HTML-like tags, for the accessible name."""
    return re.sub(r"<[^>]+>", " ", text).strip()


class _Figures:
    """Numbers figure divs so each id is unique in the page (``figure-1``, ``figure-2`` ...)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, fig: go.Figure) -> str:
        self.count += 1
        return figure_html(fig, f"figure-{self.count}")


def render_report(content: ReportContent, *, title: str = "My career report") -> str:
    """The report page for gathered content (see :func:`build_report`).

    The page is the template ``report/report.html.j2``; figures are numbered in the order
    the page shows them, so the same content always gives the same page.
    """
    figure = _Figures()
    parts = [(part, render(f"{part.template}.html.j2", figure=figure, **part.context))
             for part in content.parts]
    return str(render(  # a plain str for callers: the page is not embedded anywhere
        "report/report.html.j2", content=content, title=title,
        plotly_js=Markup(plotly_js()), parts=parts, sources=SOURCES,
    ))


def build_report(store: LearnerStore, *,
                 include_reflections: str | Iterable[str] | None = None,
                 today: date | None = None, title: str = "My career report") -> str:
    """The personal report of the learner in ``store``, as one self-contained HTML page.

    Parameters
    ----------
    store : LearnerStore
    include_reflections : "all", "none", iterable of ids, or None
        Which reflections appear (ids are ``exercise/key``). None: the choice the learner
        saved in the report view, which is none until they tick some.
    today : date, optional
        The date the report is made (the timeline's "today").

    Examples
    --------
    >>> from coursekit.store import LearnerStore
    >>> page = build_report(LearnerStore(":memory:"))
    >>> page.startswith("<!DOCTYPE html>"), "<script src" in page
    (True, False)
    """
    content = gather_report(store, include_reflections=include_reflections, today=today)
    return render_report(content, title=title)


def write_report(store: LearnerStore, path: str | Path, *,
                 include_reflections: str | Iterable[str] | None = None,
                 today: date | None = None) -> Path:
    """Write :func:`build_report` to ``path`` (folders created; written atomically)."""
    path = Path(path)
    page = build_report(store, include_reflections=include_reflections, today=today)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    return path


__all__ = ["FIGURE_WIDTH", "build_report", "figure_html", "plotly_js", "render_report",
           "write_report"]
