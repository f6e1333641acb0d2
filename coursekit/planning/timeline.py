"""The timeline: steps, check-ins and networking items over the coming months.

One lane per kind of item, markers on a date axis. Done and open items differ in *shape and
colour* (filled bluish-green diamonds for done, open vermillion circles for open; the first
step is a star), so the figure reads under colour blindness and in black-and-white print.
Each marker carries its number in date order; :func:`timeline_key` lists the numbered items
in full beside the figure (a title on the chart itself would be cut or cover another).
Learner text reaches the figure only through hover, escaped.

Examples
--------
>>> from datetime import date
>>> from coursekit.planning.model import Step
>>> fig = timeline_figure([Step(1, "<script>x</script>", due=date(2030, 1, 5))],
...                       today=date(2030, 1, 1))
>>> fig.layout.title.text
'Your plan over the coming months'
>>> "<script>" in str(fig.data[0].hovertext)
False
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import plotly.graph_objects as go

from .._figure_style import TEMPLATE
from .._palette import INK, OKABE_ITO
from .._text import escape_html
from .model import KIND_LABELS, Plan, Step, by_date

#: Lanes of the timeline, top to bottom.
LANES: dict[str, str] = {"step": "Steps", "networking": "Networking", "check-in": "Check-ins"}

#: How each state is drawn: (legend name, symbol, colour). Shape and colour both differ.
STATE_STYLE: dict[str, tuple[str, str, str]] = {
    "open": ("Open", "circle-open", OKABE_ITO["vermillion"]),
    "done": ("Done", "diamond", OKABE_ITO["bluish_green"]),
    "first": ("First step (open)", "star", OKABE_ITO["blue"]),
}

_LANE_Y = {kind: len(LANES) - 1 - i for i, kind in enumerate(LANES)}
_LABEL_PX = 22      # width of a marker's number (two digits at 10 px, with room)
_PLOT_PX = 540      # width of the plotting area in the report


def timeline_key(steps: Iterable[Step] | Plan) -> list[tuple[int, Step]]:
    """The dated items numbered as the timeline's markers are, in date order.

    >>> from coursekit.planning.model import Step
    >>> [(n, s.title) for n, s in timeline_key([Step(1, "B", due=date(2030, 2, 1)),
    ...                                          Step(2, "A", due=date(2030, 1, 1)),
    ...                                          Step(3, "no date")])]
    [(1, 'A'), (2, 'B')]
    """
    items = list(steps.steps if isinstance(steps, Plan) else steps)
    return [(n, step) for n, (_, step) in enumerate(by_date(items), 1)]


def _place_labels(dated: list[tuple[date, Step]], span_days: int) -> dict[int, tuple[str, str]]:
    """Each marker's number above or below it, alternating within a lane.

    A number that would overlap the previous one on the same side is left out (the hover
    and the key still have the item).
    """
    number = {step.id: n for n, (_, step) in enumerate(dated, 1)}
    gap = max(1, span_days * _LABEL_PX / _PLOT_PX)
    out: dict[int, tuple[str, str]] = {}
    for kind in LANES:
        last: dict[str, date | None] = {"top center": None, "bottom center": None}
        side = "top center"
        for due, step in ((d, s) for d, s in dated if s.kind == kind):
            for candidate in (side, _other(side)):
                previous = last[candidate]
                if previous is None or (due - previous).days >= gap:
                    out[step.id] = (str(number[step.id]), candidate)
                    last[candidate] = due
                    side = _other(candidate)
                    break
            else:
                out[step.id] = ("", "top center")
    return out


def _other(side: str) -> str:
    return "bottom center" if side == "top center" else "top center"


def _state(step: Step) -> str:
    if step.done:
        return "done"
    return "first" if step.is_first else "open"


def _hover(step: Step, number: int) -> str:
    parts = [f"<b>{number}. {escape_html(step.title)}</b>",
             f"{KIND_LABELS[step.kind]}"
             f" \u00b7 {step.due.isoformat() if step.due else 'no date'}"
             f" \u00b7 {'done' if step.done else 'open'}"]
    if step.who:
        parts.append(f"Who: {escape_html(step.who)}")
    if step.if_then:
        parts.append(escape_html(step.if_then))
    return "<br>".join(parts)


def timeline_figure(steps: Iterable[Step] | Plan, *, today: date | None = None,
                    months: int = 4) -> go.Figure:
    """A plotly figure of the dated items over the coming ``months`` (or further if needed).

    Parameters
    ----------
    steps : Plan or iterable of Step
        The items; those without a date are counted in a note below the axis.
    today : date, optional
        Marked with a dashed line; default today.
    months : int
        The least span shown after today.
    """
    items = list(steps.steps if isinstance(steps, Plan) else steps)
    today = today or date.today()
    dated = by_date(items)
    undated = len(items) - len(dated)
    days = [due for due, _ in dated]
    start = min([today, *days]) - timedelta(days=10)
    end = max([today + timedelta(days=30 * months), *days]) + timedelta(days=10)
    labels = _place_labels(dated, (end - start).days)
    numbers = {step.id: n for n, (_, step) in enumerate(dated, 1)}
    fig = go.Figure()
    for state, (name, symbol, colour) in STATE_STYLE.items():
        group = [(due, s) for due, s in dated if _state(s) == state]
        fig.add_trace(go.Scatter(
            x=[due.isoformat() for due, _ in group],
            y=[_LANE_Y[s.kind] for _, s in group],
            mode="markers+text",
            name=name,
            text=[labels[s.id][0] for _, s in group],
            textposition=[labels[s.id][1] for _, s in group], textfont={"size": 11},
            marker={"symbol": symbol, "size": 16 if state == "first" else 13, "color": colour,
                    "line": {"width": 2.5 if state == "open" else 1,
                             "color": colour if state == "open" else INK}},
            hovertext=[_hover(s, numbers[s.id]) for _, s in group], hoverinfo="text",
            cliponaxis=False,
            showlegend=True, visible=True if group else "legendonly",
        ))
    fig.add_shape(type="line", x0=today.isoformat(), x1=today.isoformat(), y0=0, y1=1,
                  yref="paper", line={"color": INK, "width": 1, "dash": "dash"})
    fig.add_annotation(x=today.isoformat(), y=1, yref="paper", text="today", showarrow=False,
                       yanchor="bottom", font={"size": 10})
    if undated:
        them = "them" if undated != 1 else "it"
        fig.add_annotation(x=0, y=-0.32, xref="paper", yref="paper", showarrow=False,
                           xanchor="left", font={"size": 11},
                           text=f"{undated} item{'s' if undated != 1 else ''} without a date "
                                f"(not shown): give {them} a date to see {them} here.")
    if not dated:
        fig.add_annotation(x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                           text="No dated steps yet: give your first step a date.",
                           font={"size": 13})
    fig.update_layout(
        title={"text": "Your plan over the coming months"},
        xaxis={"title": {"text": "Date"}, "type": "date",
               "range": [start.isoformat(), end.isoformat()],
               "tickformat": "%d %b %Y"},
        yaxis={"title": {"text": "Kind of item"}, "tickvals": list(_LANE_Y.values()),
               "ticktext": [LANES[k] for k in _LANE_Y], "range": [-0.6, len(LANES) - 0.3],
               "zeroline": False, "showgrid": False},
        template=TEMPLATE, height=400, margin={"l": 100, "r": 30, "b": 110},
        legend={"orientation": "h", "y": -0.45 if undated else -0.3, "x": 0},
        hoverlabel={"align": "left"},
    )
    return fig

