"""Figures of the class picture: plotly, colour-blind-safe, sorted, titled.

Each draws one table of :mod:`.dashboard` and nothing else, so it shows the same numbers;
a hidden group is a row saying "fewer than 5 — hidden", with no number. Position on a common
scale (dots and bars, sorted), never a radar chart.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .._figure_style import row_px, template_json
from .._palette import GRID, NETWORK_TYPE_COLOURS, OKABE_ITO, QUALITATIVE
from .._text import figure_lines
from .dashboard import HIDDEN

#: Figures are built unchecked: plotly checked every property as it was set (some 8 ms a
#: figure, and 50-120 ms to load its checks for the first figure of a kind: 0.2 s of the
#: class dashboard's 22). Every property is written out in full (``title={"text": ...}``:
#: unchecked, plotly expands no ``title_text`` inside a dict), and the tests check every
#: figure against plotly's schema (``test_classroom_dashboard.py``).
UNCHECKED = {"_validate": False}
#: The x range of figures of 1-5 scores: the whole scale, with room for the dots at its ends.
SCORE_RANGE = [0.9, 5.1]


def _figure(traces: list, title: str, x_title: str, y_title: str, labels: list[str], *,
            xaxis: dict | None = None, yaxis: dict | None = None, **layout) -> go.Figure:
    """The figure with its title, axes and a height that gives each category's label its lines.

    The layout is put together as one dict and the figure built once: plotly validates a
    figure once that way, where each ``update_layout`` validated and copied it again.
    """
    # a series with no visible group (all hidden) is dropped, leaving only the marker
    traces = [t for t in traces if t.x is None or len(t.x)]
    height = max(260, 80 + len(labels) * row_px(labels))
    return go.Figure(traces, **UNCHECKED, layout=dict(
        title={"text": title}, template=template_json(), height=height,
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0.01),
        xaxis={"title": {"text": x_title}, "zeroline": False, **(xaxis or {})},
        yaxis={"title": {"text": y_title}, "type": "category", **(yaxis or {})}, **layout))


def _hidden_trace(labels: list[str], x: float, **kwargs) -> go.Scatter:
    return go.Scatter(x=[x] * len(labels), y=labels, mode="text", text=[HIDDEN] * len(labels),
                      textposition="middle right", name=HIDDEN, hoverinfo="skip",
                      textfont=dict(color="#666666"), **kwargs, **UNCHECKED)


def _empty(title: str, why: str) -> go.Figure:
    return go.Figure(**UNCHECKED, layout=dict(
        title_text=title, template=template_json(), height=220, xaxis=dict(visible=False),
        yaxis=dict(visible=False), annotations=[dict(text=why, showarrow=False, x=0.5, y=0.5,
                                                     xref="paper", yref="paper")]))


def _split(table: pd.DataFrame, by: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The shown rows sorted by ``by``, and the hidden rows; labelled by scale by default."""
    if "label" not in table:
        table = table.assign(label=table["scale"])
    return table[~table["hidden"]].sort_values(by), table[table["hidden"]]


def _finish(traces: list, shown: pd.DataFrame, hidden: pd.DataFrame, hidden_x: float,
            title: str, x_title: str, y_title: str, **layout) -> go.Figure:
    """Mark the hidden rows (listed first: at the bottom) and lay the figure out."""
    if not hidden.empty:
        traces = [*traces, _hidden_trace(hidden["label"].tolist(), hidden_x)]
    labels = hidden["label"].tolist() + shown["label"].tolist()
    return _figure(traces, title, x_title, y_title, labels,
                   yaxis={"categoryorder": "array", "categoryarray": labels}, **layout)


def _middle_half(shown: pd.DataFrame, centre: str, colour: str, bar_colour: str,
                 hover: list[str], hovertemplate: str) -> go.Scatter:
    """A dot at ``centre`` and a bar from the first to the third quartile, per row."""
    return go.Scatter(
        x=shown[centre], y=shown["label"], mode="markers", name=centre,
        marker=dict(color=colour, size=11),
        error_x=dict(type="data", symmetric=False, array=shown["q3"] - shown[centre],
                     arrayminus=shown[centre] - shown["q1"], color=bar_colour, thickness=6,
                     width=0),
        customdata=shown[hover], hovertemplate=hovertemplate, **UNCHECKED)


def scale_norms_figure(norms: pd.DataFrame, questionnaire: str = "Questionnaire",
                       attempt: str = "before") -> go.Figure:
    """The class's mean per scale (dot) and middle half (bar: quartiles) for one attempt."""
    when = "first attempts" if attempt == "before" else "latest attempts"
    title = f"{questionnaire}: the class's scores ({when}), mean and middle half"
    table = norms[norms["attempt"] == attempt] if not norms.empty else norms
    if table.empty:
        return _empty(title, "No questionnaire scores yet.")
    shown, hidden = _split(table, "mean")
    dots = _middle_half(
        shown, "mean", OKABE_ITO["blue"], OKABE_ITO["sky_blue"], ["n", "sd", "median"],
        "%{y}<br>mean %{x:.2f}<br>n %{customdata[0]:.0f}, SD %{customdata[1]:.2f}"
        "<br>median %{customdata[2]:.2f}<extra></extra>")
    # the whole scale: no small gap made large
    return _finish([dots], shown, hidden, 1.0, title, "Scale score (1 = low, 5 = high)",
                   "Scale", xaxis={"range": SCORE_RANGE})


def before_after_figure(table: pd.DataFrame, questionnaire: str = "Questionnaire", *,
                        shares: bool = False) -> go.Figure:
    """Mean before and after per scale, for learners with both attempts, sorted by change.

    ``shares``: the rows are shares from 0 to 1 (the out-sight readings), not 1-5 scores.
    """
    title = (f"{questionnaire}: first map and now, for learners with both" if shares else
             f"{questionnaire}: before and after, for learners who answered twice")
    if table.empty:
        return _empty(title, "No learner has a first map and a check-in yet." if shares
                      else "No learner has answered this questionnaire twice yet.")
    shown, hidden = _split(table, "change")
    traces = [go.Scatter(x=[row.before, row.after], y=[row.label] * 2, mode="lines",
                         line=dict(color=GRID, width=4), showlegend=False, hoverinfo="skip",
                         **UNCHECKED)
              for row in shown.itertuples()]
    for attempt, colour, symbol in (("before", "orange", "circle"), ("after", "blue", "diamond")):
        traces.append(go.Scatter(x=shown[attempt], y=shown["label"], mode="markers", name=attempt,
                                 marker=dict(color=OKABE_ITO[colour], size=11, symbol=symbol),
                                 **UNCHECKED))
    if shares:
        return _finish(traces, shown, hidden, 0.0, title, "Class mean (share of contacts)", "",
                       xaxis={"range": [0, 1.02], "tickformat": ".0%"})
    return _finish(traces, shown, hidden, 1.0, title, "Mean scale score (1 = low, 5 = high)",
                   "Scale", xaxis={"range": SCORE_RANGE})


def reliability_figure(table: pd.DataFrame, questionnaire: str = "Questionnaire",
                       attempt: str = "before") -> go.Figure:
    """Cronbach's alpha per scale with the .70 line, sorted."""
    title = f"{questionnaire}: how consistent is each scale in this class? (Cronbach's alpha)"
    table = table[table["attempt"] == attempt] if not table.empty else table
    if table.empty:
        return _empty(title, "No answers to single statements handed in yet (learners "
                             "choose whether to include them).")
    shown, hidden = _split(table, "alpha")
    dots = go.Scatter(
        x=shown["alpha"], y=shown["label"], mode="markers", name="alpha",
        marker=dict(color=OKABE_ITO["bluish_green"], size=11), customdata=shown[["n", "items"]],
        hovertemplate="%{y}<br>alpha %{x:.2f}<br>%{customdata[0]:.0f} learners, "
                      "%{customdata[1]} items<extra></extra>", **UNCHECKED)
    # the usual floor: a dashed line at .70, labelled at its top
    floor = dict(type="line", x0=0.7, x1=0.7, xref="x", y0=0, y1=1, yref="y domain",
                 line=dict(color=OKABE_ITO["vermillion"], dash="dash"))
    label = dict(text=".70", x=0.7, xref="x", y=1, yref="y domain", showarrow=False,
                 xanchor="center", yanchor="bottom")
    return _finish([dots], shown, hidden, 0.0, title, "Cronbach's alpha", "Scale",
                   shapes=[floor], annotations=[label])


def composition_figure(table: pd.DataFrame) -> go.Figure:
    """Share of the class's contacts inside and outside, and by network type (sorted bars)."""
    title = "The class's networks: where contacts are, and what kind"
    if table.empty:
        return _empty(title, "No networks handed in yet.")
    table = table.assign(label=table["dimension"] + ": " + table["category"])
    colours = {"inside": OKABE_ITO["vermillion"], "outside": OKABE_ITO["sky_blue"],
               **NETWORK_TYPE_COLOURS}
    if table["hidden"].all():
        return _figure([_hidden_trace(table["label"].tolist(), 0.0)], title,
                       "Share of the class's contacts", "", table["label"].tolist())
    order = table.sort_values(["dimension", "share"], ascending=[False, True])
    bars = go.Bar(
        x=order["share"], y=order["label"], orientation="h", name="share of contacts",
        marker_color=[colours.get(c, OKABE_ITO["blue"]) for c in order["category"]],
        text=[f"{v:.0%}" for v in order["share"]], textposition="outside",
        customdata=order[["contacts", "mean_share"]],
        hovertemplate="%{y}<br>%{x:.0%} of the class's contacts (%{customdata[0]:.0f})"
                      "<br>mean per learner %{customdata[1]:.0%}<extra></extra>", **UNCHECKED)
    return _figure([bars], title, "Share of the class's contacts (a contact may have several "
                   "types)", "", table["label"].tolist(),
                   xaxis={"tickformat": ".0%", "range": [0, 1.1]},
                   yaxis={"categoryorder": "array", "categoryarray": order["label"].tolist()})


def indicators_figure(table: pd.DataFrame, name: str = "indicator",
                      title: str = "Out-sight indicators across the class",
                      unit: str = "share, 0 to 1") -> go.Figure:
    """Median (dot) and middle half (bar) per indicator, sorted by median.

    Every row must be on the same scale (``unit``): counts and shares go in two figures.
    """
    if table.empty:
        return _empty(title, "No networks handed in yet.")
    shown, hidden = _split(table.assign(label=table[name]), "median")
    dots = _middle_half(
        shown, "median", OKABE_ITO["reddish_purple"], GRID, ["n", "mean"],
        "%{y}<br>median %{x:.2f}<br>n %{customdata[0]:.0f}, mean %{customdata[1]:.2f}"
        "<extra></extra>")
    return _finish([dots], shown, hidden, 0.0, title,
                   f"{unit[:1].upper()}{unit[1:]}: median (dot), middle half of the class (bar)",
                   "")


#: Characters per line of an option's words and of a question's heading in the polls figure:
#: the figure is some 590 px wide in JupyterLab at 1024x768 (the options' column takes some
#: 200 px of it, each question's heading runs over the bars' part).
OPTION_CHARS, QUESTION_CHARS = 32, 48
#: Pixels of the polls figure: a line of an option's words, a heading's line, the gap
#: between two questions, and the room above (title) and below (the share axis) the plot.
_LINE_PX, _HEADING_LINE_PX, _GAP_PX, _TOP_PX, _BOTTOM_PX = 15, 16, 18, 60, 50


def polls_figure(polls: pd.DataFrame, case: str = "The case") -> go.Figure:
    """Each decision point's share per option, sorted, worded by ``question`` and ``option``.

    One block per question, in the order of the case: the question as its heading ("Q1:
    ...") and its options as bars below it, all on one share axis. No legend: a legend of
    whole questions took the figure's width and squeezed the bars to nothing. Long words
    wrap: nothing is cut. The blocks are laid out in pixels, so a heading of three lines
    has the room of three lines at any width.
    """
    title = f"{case}: what the class predicted"
    if polls.empty:
        return _empty(title, "No decisions handed in yet.")
    polls = polls.assign(label=polls["option"].map(lambda text: figure_lines(text, OPTION_CHARS)))
    blocks = []  # (heading, shown rows, hidden rows, heading px, rows px), top to bottom
    for n, question in enumerate(dict.fromkeys(polls["question"]), 1):
        rows = polls[polls["question"] == question]
        heading = figure_lines(f"Q{n}: {question}", QUESTION_CHARS)
        row_px = 12 + _LINE_PX * max(1 + label.count("<br>") for label in rows["label"])
        blocks.append((heading, rows[~rows["hidden"]].sort_values("share"), rows[rows["hidden"]],
                       _HEADING_LINE_PX * (1 + heading.count("<br>")) + 6, len(rows) * row_px))
    plot_px = sum(h + r for *_, h, r in blocks) + _GAP_PX * (len(blocks) - 1)
    traces, layout, annotations, top = [], {}, [], 0
    for k, (heading, shown, hidden, heading_px, rows_px) in enumerate(blocks):
        axis = "y" if k == 0 else f"y{k + 1}"
        domain = [1 - (top + heading_px + rows_px) / plot_px, 1 - (top + heading_px) / plot_px]
        traces.append(go.Bar(
            x=shown["share"], y=shown["label"], orientation="h", yaxis=axis, showlegend=False,
            width=min(0.8, 24 * len(shown.index.union(hidden.index)) / rows_px),  # 24 px thick
            name=heading.replace("<br>", " "), marker_color=QUALITATIVE[k % len(QUALITATIVE)],
            text=[f"{c:.0f} ({s:.0%})" for c, s in zip(shown["count"], shown["share"],
                                                       strict=True)],
            textposition="outside", cliponaxis=False,
            hovertemplate="%{y}<br>%{text} of the learners who answered<extra></extra>",
            **UNCHECKED))
        if not hidden.empty:
            traces.append(_hidden_trace(hidden["label"].tolist(), 0.01, yaxis=axis,
                                        showlegend=False))
        layout[f"yaxis{k + 1 if k else ''}"] = dict(
            domain=[max(0.0, domain[0]), min(1.0, domain[1])], anchor="x", type="category",
            categoryorder="array", showgrid=False,
            categoryarray=hidden["label"].tolist() + shown["label"].tolist())
        annotations.append(dict(text=f"<b>{heading}</b>", xref="paper", yref="paper", x=0,
                                y=domain[1], xanchor="left", yanchor="bottom", align="left",
                                showarrow=False, yshift=2))
        top += heading_px + rows_px + _GAP_PX
    # The whole scale, and room right of a full bar for its count.
    xaxis = dict(title={"text": "Share of the learners who answered"}, zeroline=False,
                 tickformat=".0%", range=[0, 1.3], tickvals=[0, 0.25, 0.5, 0.75, 1],
                 anchor=f"y{len(blocks)}" if len(blocks) > 1 else "y")
    return go.Figure(traces, **UNCHECKED, layout=dict(
        title_text=title, template=template_json(), showlegend=False,
        height=_TOP_PX + plot_px + _BOTTOM_PX, margin=dict(t=_TOP_PX, b=_BOTTOM_PX),
        xaxis=xaxis, annotations=annotations, **layout))
