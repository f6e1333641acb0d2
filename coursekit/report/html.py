r"""The personal report as ONE self-contained HTML file: works offline, prints well.

* **Offline**: plotly.js (the copy bundled with the plotly package) is embedded once, inline;
  there is no CDN, no web font, no external script, style sheet or image.
* **Safe**: all learner text goes through :func:`~coursekit._text.escape_html`; figure data is
  serialised by plotly's JSON encoder, which writes ``<`` and ``/`` as ``\u003c`` and
  ``\u002f`` so text cannot close the script element.
* **Print**: a print style sheet starts each section on a new page, keeps figures, cards and
  table rows whole, hides the plot toolbars, and draws everything in black and white-safe
  ink (states are words and symbols, never colour alone). Figures are drawn 680 px wide,
  the printable width of A4 and US Letter with 15 mm margins.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go
from plotly.io.json import to_json_plotly

from .._figure_config import FIGURE_CONFIG
from .._text import escape_html as esc
from ..planning import timeline_figure, vision_figure
from ..store import LearnerStore
from .content import SOURCES, ReportContent, gather_report
from .plan_html import goal_html, items_html, ratings_caption, skills_html, vision_html

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
    height = int(layout.get("height") or 450)
    title = layout.get("title", {})
    label = title.get("text", "") if isinstance(title, dict) else str(title or "")
    data_json = to_json_plotly(spec.get("data", []))
    layout_json = to_json_plotly(layout)
    config_json = to_json_plotly(_CONFIG)
    return (f"<figure class='plot'><div id='{div_id}' class='plot-area' role='img' "
            f"aria-label='{esc(_plain(label))}' style='width:{layout['width']}px;"
            f"height:{height}px'></div>"
            f"<script>Plotly.newPlot('{div_id}', {data_json}, {layout_json}, {config_json});"
            f"</script></figure>")


def _plain(text: str) -> str:
    """Figure title without plotly's HTML-like tags, for the accessible name."""
    import re

    return re.sub(r"<[^>]+>", " ", text).strip()


STYLE = """
:root { --ink: #1a1a1a; --muted: #555; --line: #bbb; --accent: #0072B2; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       color: var(--ink); max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem;
       line-height: 1.45; }
h1 { font-size: 1.9rem; margin-bottom: .2rem; }
h2 { font-size: 1.4rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem;
     margin-top: 2.5rem; }
h3 { font-size: 1.1rem; margin: .2rem 0 .4rem; }
.meta, .prompt, .empty, .missing, .nodate, caption { color: var(--muted); }
.empty, .missing { font-style: italic; }
.privacy { border: 1px solid var(--ink); padding: .5rem .8rem; }
.demo { border: 3px double var(--ink); padding: .5rem .8rem; font-weight: bold; }
nav ol { columns: 2; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
         gap: .8rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem;
        break-inside: avoid; page-break-inside: avoid; }
.path-title { font-weight: bold; }
.label { font-weight: bold; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
caption { text-align: left; font-size: .9rem; padding-bottom: .2rem; }
table.grid th, table.grid td { border: 1px solid var(--line); padding: .3rem .5rem;
                               text-align: left; vertical-align: top; }
table.ratings th { text-align: left; padding-right: .6rem; font-weight: normal; }
tr { break-inside: avoid; page-break-inside: avoid; }
.status-gap .status { font-weight: bold; }
.dots { letter-spacing: .1em; }
ul.checklist { list-style: none; padding-left: 0; }
ul.checklist li { border-left: 4px solid var(--line); padding: .3rem .6rem;
                  margin-bottom: .4rem; break-inside: avoid; page-break-inside: avoid; }
ul.checklist li.done { border-left-style: double; }
ul.checklist li.done .title { text-decoration: line-through; }
.box { font-size: 1.2rem; }
.when { font-variant-numeric: tabular-nums; margin-right: .3rem; }
.title { font-weight: 600; }
.badge { border: 1px solid var(--ink); border-radius: 3px; padding: 0 .3rem;
         font-size: .8rem; }
.ifthen { font-style: italic; margin-top: .2rem; }
.ifthen::before { content: "\\2192  "; font-style: normal; }
.reflection { border-left: 3px solid var(--ink); padding: .2rem .8rem; margin: .8rem 0;
              break-inside: avoid; page-break-inside: avoid; }
.reflection .text { white-space: pre-wrap; }
figure.plot { margin: .8rem 0; break-inside: avoid; page-break-inside: avoid;
              overflow-x: auto; }
dl.defs dt { font-weight: bold; float: left; clear: left; width: 7rem; }
dl.defs dd { margin-left: 7.5rem; }
.sources li { margin-bottom: .3rem; font-size: .9rem; }
@media print {
  @page { margin: 15mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; color: #000; }
  nav, .no-print, .modebar-container { display: none !important; }
  section.report { break-before: page; page-break-before: always; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure.plot { overflow: visible; }
  .card, table.grid th, table.grid td { border-color: #000; }
  a { color: #000; }
}
"""


def _section(anchor: str, title: str, body: str) -> str:
    return (f"<section class='report' id='{anchor}' aria-labelledby='{anchor}-h'>"
            f"<h2 id='{anchor}-h'>{esc(title)}</h2>{body}</section>")


class _Figures:
    """Numbers figure divs so each id is unique in the page."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, fig: go.Figure) -> str:
        self.count += 1
        return figure_html(fig, f"figure-{self.count}")


def _reflections_body(content: ReportContent) -> str:
    if not content.reflections:
        return ("<p class='empty'>No reflections included. Your reflections are private: "
                "they appear here only when you tick them in the report notebook.</p>")
    out = []
    for r in content.reflections:
        prompt = f"<p class='prompt'>{esc(r.prompt)}</p>" if r.prompt else ""
        out.append(f"<article class='reflection'><h3>{esc(r.heading)}</h3>{prompt}"
                   f"<p class='text'>{esc(r.text)}</p></article>")
    return "".join(out)


def _assessment_body(content: ReportContent, figure) -> str:
    if not content.assessments:
        return "<p class='empty'>No questionnaire answered yet.</p>"
    out = []
    for result in content.assessments:
        out.append(f"<article><h3>{esc(result.title)}</h3>{figure(result.figure)}"
                   f"{result.html}{result.next_steps_html}</article>")
    return "".join(out)


def _network_body(content: ReportContent, figure) -> str:
    net = content.network
    if net is None:
        return "<p class='empty'>No network mapped yet.</p>"
    parts = ["<p class='privacy'>The map shows the names of people you know. They are your "
             "own notes: keep this report to yourself unless you have their consent.</p>"]
    if net.figure is not None:
        parts.append(figure(net.figure))
    rows = "".join(f"<tr><th scope='row'>{esc(r['measure'])}</th><td>{esc(r['value'])}</td>"
                   f"<td>{esc(r['how it is computed'])}</td></tr>"
                   for r in net.table.to_dict("records"))
    parts.append("<table class='grid'><caption>Your network's measures</caption><thead><tr>"
                 "<th scope='col'>Measure</th><th scope='col'>Value</th>"
                 f"<th scope='col'>How it is computed</th></tr></thead><tbody>{rows}"
                 "</tbody></table>")
    if net.outsight_html:
        parts.append(f"<h3>Out-sight</h3>{net.outsight_html}")
    return "".join(parts)


def render_report(content: ReportContent, *, title: str = "My career report") -> str:
    """The report page for gathered content (see :func:`build_report`)."""
    figure = _Figures()
    plan = content.plan
    sections = [
        ("reflections", "Reflections I chose to include", _reflections_body(content)),
        ("assessment", "Self-assessment results", _assessment_body(content, figure)),
        ("network", "My network", _network_body(content, figure)),
        ("vision", "Three five-year paths",
         vision_html(plan) + (figure(vision_figure(plan.paths))
                              if any(v is not None for p in plan.paths
                                     for v in p.ratings.values()) else "")
         + ratings_caption()),
        ("goal", "My goal and the skills it needs", goal_html(plan) + skills_html(plan)),
        ("steps", "Steps and if-then plans",
         items_html(plan, "step", "No steps yet.")
         + "<h3>Check-ins</h3>" + items_html(plan, "check-in", "No check-ins yet.")),
        ("networking", "Networking plan",
         items_html(plan, "networking", "No one to reach yet: start with a couple of lunches.")),
        ("timeline", "Timeline", figure(timeline_figure(plan, today=content.made_on))),
    ]
    nav = "".join(f"<li><a href='#{a}'>{esc(t)}</a></li>" for a, t, _ in sections)
    demo = ("<p class='demo' role='status'>Demo: this report shows a sample person's made-up "
            "answers, not anyone's real data.</p>" if content.demo else "")
    body = "".join(_section(a, t, b) for a, t, b in sections)
    sources = "".join(f"<li>{esc(s)}</li>" for s in SOURCES)
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<meta name='generator' content='coursekit'><title>{esc(title)}</title>"
        f"<style>{STYLE}</style><script>{plotly_js()}</script></head><body>"
        f"<header><h1>{esc(title)}</h1><p class='meta'>Made on "
        f"<time datetime='{content.made_on.isoformat()}'>"
        f"{content.made_on.strftime('%d %B %Y')}</time> with coursekit.</p>{demo}"
        "<p class='privacy'>This report is yours. It was made on your computer and holds your "
        "own answers; reflections appear only if you chose them. Nothing was sent anywhere."
        "</p><noscript><p>The charts need JavaScript; the tables hold the same facts.</p>"
        f"</noscript><nav aria-label='Contents'><h2>Contents</h2><ol>{nav}</ol></nav></header>"
        f"<main>{body}</main>"
        f"<footer><h2>Sources</h2><ul class='sources'>{sources}</ul></footer>"
        "</body></html>\n"
    )


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
