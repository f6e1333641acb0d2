"""Figures of the class picture: plotly, colour-blind-safe, sorted, titled.

Each draws one table of :mod:`.dashboard` and nothing else, so it shows the same numbers;
a hidden group is a row saying "fewer than 5 — hidden", with no number. Position on a common
scale (dots and bars, sorted), never a radar chart.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .._figure_style import TEMPLATE
from .._palette import GRID, NETWORK_TYPE_COLOURS, OKABE_ITO
from .._text import figure_lines
from .dashboard import HIDDEN


def _layout(fig: go.Figure, title: str, x_title: str, y_title: str, rows: int) -> go.Figure:
    # a series with no visible group (all hidden) is dropped, leaving only the marker
    fig.data = tuple(t for t in fig.data if t.x is None or len(t.x))
    fig.update_layout(title_text=title, template=TEMPLATE, height=max(260, 80 + 28 * rows),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0.01, title=None))
    fig.update_xaxes(title_text=x_title, zeroline=False)
    fig.update_yaxes(title_text=y_title, type="category")
    return fig


def _hidden_trace(labels: list[str], x: float) -> go.Scatter:
    return go.Scatter(x=[x] * len(labels), y=labels, mode="text", text=[HIDDEN] * len(labels),
                      textposition="middle right", name=HIDDEN, hoverinfo="skip",
                      textfont=dict(color="#666666"))


def _empty(title: str, why: str) -> go.Figure:
    fig = go.Figure(layout=dict(title_text=title, template=TEMPLATE, height=220,
                                xaxis=dict(visible=False), yaxis=dict(visible=False)))
    fig.add_annotation(text=why, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    return fig


def _split(table: pd.DataFrame, by: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The shown rows sorted by ``by``, and the hidden rows; labelled by scale by default."""
    if "label" not in table:
        table = table.assign(label=table["scale"])
    return table[~table["hidden"]].sort_values(by), table[table["hidden"]]


def _finish(fig: go.Figure, shown: pd.DataFrame, hidden: pd.DataFrame, hidden_x: float,
            title: str, x_title: str, y_title: str) -> go.Figure:
    """Mark the hidden rows (listed first: at the bottom) and lay the figure out."""
    if not hidden.empty:
        fig.add_trace(_hidden_trace(hidden["label"].tolist(), hidden_x))
    fig.update_yaxes(categoryorder="array",
                     categoryarray=hidden["label"].tolist() + shown["label"].tolist())
    return _layout(fig, title, x_title, y_title, len(shown) + len(hidden))


def _middle_half(shown: pd.DataFrame, centre: str, colour: str, bar_colour: str,
                 hover: list[str], hovertemplate: str) -> go.Scatter:
    """A dot at ``centre`` and a bar from the first to the third quartile, per row."""
    return go.Scatter(
        x=shown[centre], y=shown["label"], mode="markers", name=centre,
        marker=dict(color=colour, size=11),
        error_x=dict(type="data", symmetric=False, array=shown["q3"] - shown[centre],
                     arrayminus=shown[centre] - shown["q1"], color=bar_colour, thickness=6,
                     width=0),
        customdata=shown[hover], hovertemplate=hovertemplate)


def scale_norms_figure(norms: pd.DataFrame, questionnaire: str = "Questionnaire",
                       attempt: str = "before") -> go.Figure:
    """The class's mean per scale (dot) and middle half (bar: quartiles) for one attempt."""
    when = "first attempts" if attempt == "before" else "latest attempts"
    title = f"{questionnaire}: the class's scores ({when}), mean and middle half"
    table = norms[norms["attempt"] == attempt] if not norms.empty else norms
    if table.empty:
        return _empty(title, "No questionnaire scores yet.")
    shown, hidden = _split(table, "mean")
    fig = go.Figure(_middle_half(
        shown, "mean", OKABE_ITO["blue"], OKABE_ITO["sky_blue"], ["n", "sd", "median"],
        "%{y}<br>mean %{x:.2f}<br>n %{customdata[0]:.0f}, SD %{customdata[1]:.2f}"
        "<br>median %{customdata[2]:.2f}<extra></extra>"))
    return _finish(fig, shown, hidden, 1.0, title, "Scale score (1 = low, 5 = high)", "Scale")


def before_after_figure(table: pd.DataFrame, questionnaire: str = "Questionnaire"
                        ) -> go.Figure:
    """Mean before and after per scale, for learners with both attempts, sorted by change."""
    title = f"{questionnaire}: before and after, for learners who answered twice"
    if table.empty:
        return _empty(title, "No learner has answered this questionnaire twice yet.")
    shown, hidden = _split(table, "change")
    fig = go.Figure([go.Scatter(x=[row.before, row.after], y=[row.label] * 2, mode="lines",
                                line=dict(color=GRID, width=4), showlegend=False,
                                hoverinfo="skip") for row in shown.itertuples()])
    for attempt, colour, symbol in (("before", "orange", "circle"), ("after", "blue", "diamond")):
        fig.add_trace(go.Scatter(x=shown[attempt], y=shown["label"], mode="markers", name=attempt,
                                 marker=dict(color=OKABE_ITO[colour], size=11, symbol=symbol)))
    return _finish(fig, shown, hidden, 1.0, title, "Mean scale score (1-5)", "Scale")


def reliability_figure(table: pd.DataFrame, questionnaire: str = "Questionnaire",
                       attempt: str = "before") -> go.Figure:
    """Cronbach's alpha per scale with the .70 line, sorted."""
    title = f"{questionnaire}: how consistent is each scale in this class? (Cronbach's alpha)"
    table = table[table["attempt"] == attempt] if not table.empty else table
    if table.empty:
        return _empty(title, "No answers to single statements handed in yet (learners "
                             "choose whether to include them).")
    shown, hidden = _split(table, "alpha")
    fig = go.Figure(go.Scatter(
        x=shown["alpha"], y=shown["label"], mode="markers", name="alpha",
        marker=dict(color=OKABE_ITO["bluish_green"], size=11), customdata=shown[["n", "items"]],
        hovertemplate="%{y}<br>alpha %{x:.2f}<br>%{customdata[0]:.0f} learners, "
                      "%{customdata[1]} items<extra></extra>"))
    fig.add_vline(x=0.7, line=dict(color=OKABE_ITO["vermillion"], dash="dash"),
                  annotation_text=".70", annotation_position="top")
    return _finish(fig, shown, hidden, 0.0, title, "Cronbach's alpha", "Scale")


def composition_figure(table: pd.DataFrame) -> go.Figure:
    """Share of the class's contacts inside and outside, and by network type (sorted bars)."""
    title = "The class's networks: where contacts are, and what kind"
    if table.empty:
        return _empty(title, "No networks handed in yet.")
    table = table.assign(label=table["dimension"] + ": " + table["category"])
    colours = {"inside": OKABE_ITO["vermillion"], "outside": OKABE_ITO["sky_blue"],
               **NETWORK_TYPE_COLOURS}
    if table["hidden"].all():
        return _layout(go.Figure(_hidden_trace(table["label"].tolist(), 0.0)), title,
                       "Share of the class's contacts", "", len(table))
    order = table.sort_values(["dimension", "share"], ascending=[False, True])
    fig = go.Figure(go.Bar(
        x=order["share"], y=order["label"], orientation="h", name="share of contacts",
        marker_color=[colours.get(c, OKABE_ITO["blue"]) for c in order["category"]],
        text=[f"{v:.0%}" for v in order["share"]], textposition="outside",
        customdata=order[["contacts", "mean_share"]],
        hovertemplate="%{y}<br>%{x:.0%} of the class's contacts (%{customdata[0]:.0f})"
                      "<br>mean per learner %{customdata[1]:.0%}<extra></extra>"))
    fig.update_yaxes(categoryorder="array", categoryarray=order["label"].tolist())
    fig.update_xaxes(tickformat=".0%", range=[0, 1.1])
    return _layout(fig, title, "Share of the class's contacts (a contact may have several "
                   "types)", "", len(table))


def indicators_figure(table: pd.DataFrame, name: str = "indicator",
                      title: str = "Out-sight indicators across the class",
                      unit: str = "share, 0 to 1") -> go.Figure:
    """Median (dot) and middle half (bar) per indicator, sorted by median.

    Every row must be on the same scale (``unit``): counts and shares go in two figures.
    """
    if table.empty:
        return _empty(title, "No networks handed in yet.")
    shown, hidden = _split(table.assign(label=table[name]), "median")
    fig = go.Figure(_middle_half(
        shown, "median", OKABE_ITO["reddish_purple"], GRID, ["n", "mean"],
        "%{y}<br>median %{x:.2f}<br>n %{customdata[0]:.0f}, mean %{customdata[1]:.2f}"
        "<extra></extra>"))
    return _finish(fig, shown, hidden, 0.0, title,
                   f"Value, {unit} (median; bar: middle half of the class)", "")


def polls_figure(polls: pd.DataFrame, case: str = "The case") -> go.Figure:
    """Each decision point's share per option, sorted, worded by ``question`` and ``option``.

    Questions are numbered in the legend ("Q1: ..."); an option worded the same under two
    questions carries its question's number. Long words wrap: nothing is cut.
    """
    title = f"{case}: what the class predicted"
    if polls.empty:
        return _empty(title, "No decisions handed in yet.")
    number = {q: n for n, q in enumerate(dict.fromkeys(polls["question"]), 1)}
    polls = polls.assign(label=polls["option"].map(lambda text: figure_lines(text, 42)),
                         q=polls["question"].map(number))  # Q1 first, as the story asks
    twice = polls["label"].duplicated(keep=False)  # the same words under two questions
    asked = "(Q" + polls["question"].map(number).astype(str) + ")"
    polls.loc[twice, "label"] = polls["label"] + " " + asked
    shown = polls[~polls["hidden"]].sort_values(["q", "share"], ascending=[False, True])
    hidden = polls[polls["hidden"]]
    fig = go.Figure()
    for (_q, question), rows in shown.groupby(["q", "question"], sort=True):  # the colourway
        fig.add_trace(go.Bar(
            x=rows["share"], y=rows["label"], orientation="h",
            name=figure_lines(f"Q{number[question]}: {question}", 70),
            text=[f"{c:.0f} ({s:.0%})" for c, s in zip(rows["count"], rows["share"], strict=False)],
            textposition="outside"))
    if not hidden.empty:
        fig.add_trace(_hidden_trace(hidden["label"].tolist(), 0.0))
    order = polls.sort_values(["q", "hidden", "share"], ascending=[False, False, True])
    fig.update_yaxes(categoryorder="array", categoryarray=order["label"].tolist())
    fig.update_xaxes(tickformat=".0%", range=[0, 1.15])
    lines = sum(1 + 0.6 * label.count("<br>") for label in polls["label"])  # wrapped rows
    return _layout(fig, title, "Share of the learners who answered", "", round(lines))
