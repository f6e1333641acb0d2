"""Feedback on a learner's results: figures (plotly) and the band's words (HTML).

Figures put every scale on one common axis, sorted, as bars, since position on a common
scale is read most accurately (Cleveland & McGill 1984, "Graphical perception", Journal of
the American Statistical Association 79(387), 531-554); a radar chart's area grows with
the square of the scores and its shape depends on the axis order. The one exception is
Holland's hexagon, whose order the theory fixes (``layout: hexagon``).

Colours are the colour-blind-safe band colours of :mod:`coursekit._palette`, and every
bar also carries its band's label as text, so nothing depends on colour alone.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from .._figure_style import TEMPLATE
from .._palette import BAND_COLOURS, INK, OKABE_ITO
from .._render import render
from .._text import colon_join, escape_html
from .model import Instrument
from .scoring import next_steps

_INCOMPLETE = "#BBBBBB"
_BEFORE = OKABE_ITO["sky_blue"]
_AFTER = OKABE_ITO["vermillion"]


def _axis(instrument: Instrument) -> dict:
    rs = instrument.response_scale
    return dict(title=dict(text=f"Score: {rs.describe()}"), tickmode="array",
                tickvals=list(rs.points), zeroline=False)


#: The status of a scale none of whose statements apply to the learner (not drawn).
NOT_APPLY = "does not apply"


def _ordered(table: pd.Series | pd.DataFrame, instrument: Instrument) -> list[str]:
    """Scale ids sorted by score, ascending, as plotly draws from the bottom up.

    Ties keep the instrument's order; incomplete scales go below the rest.
    """
    position = {sid: k for k, sid in enumerate(instrument.scale_ids)}
    scores = table["score"] if isinstance(table, pd.DataFrame) else table
    complete = [s for s in instrument.scale_ids if not math.isnan(scores[s])]
    missing = [s for s in instrument.scale_ids if math.isnan(scores[s])]
    complete.sort(key=lambda s: (scores[s], -position[s]))
    return missing[::-1] + complete


def results_figure(instrument: Instrument, table: pd.DataFrame,
                   norms: pd.DataFrame | None = None) -> go.Figure:
    """A sorted horizontal bar chart of one learner's scale scores.

    Parameters
    ----------
    instrument : Instrument
    table : DataFrame
        From :func:`~coursekit.assessment.scoring.score_responses`.
    norms : DataFrame, optional
        The class's norms from :func:`~coursekit.assessment.scoring.class_norms`; drawn as
        the class mean with one SD either side. Without class data no norms are shown.
    """
    rs = instrument.response_scale
    order = [s for s in _ordered(table, instrument) if table.at[s, "status"] != NOT_APPLY]
    rows = table.loc[order]
    done = rows["status"] == "complete"
    names = rows["name"].where(done, rows["name"] + " (incomplete)")
    scored, missing = rows[done], rows[~done]
    fig = go.Figure(go.Bar(
        y=list(names[done]), x=list(scored["score"] - rs.min), base=rs.min, orientation="h",
        marker=dict(color=[BAND_COLOURS.get(b, _INCOMPLETE) for b in scored["band"]],
                    line=dict(color=INK, width=1)),
        text=[f"{s:.1f} · {label}" for s, label in zip(scored["score"], scored["band_label"],
                                                       strict=True)],
        textposition="outside", cliponaxis=False, customdata=list(scored["score"]),
        hovertemplate="%{y}: %{customdata:.2f}<extra></extra>", name="Your score",
        showlegend=False,
    ))
    if len(missing):
        fig.add_trace(go.Scatter(
            y=list(names[~done]), x=[rs.min] * len(missing), mode="text",
            text=[f"incomplete: {row['answered']} of {row['items']} answered, "
                  f"{row['needed']} needed" for _, row in missing.iterrows()],
            textposition="middle right", showlegend=False, hoverinfo="skip", name="Incomplete",
        ))
    if norms is not None:
        usable = [s for s in order if s in norms.index and not math.isnan(norms.at[s, "mean"])]
        if usable:
            fig.add_trace(go.Scatter(
                y=list(names[usable]), x=list(norms.loc[usable, "mean"]),
                error_x=dict(type="data", array=list(norms.loc[usable, "sd"]), thickness=1.5),
                mode="markers", marker=dict(symbol="diamond", size=10, color=OKABE_ITO["black"]),
                name=f"Class mean ± SD (n = {int(norms.loc[usable, 'n'].min())}+)",
            ))
    span = rs.max - rs.min
    fig.update_layout(
        title=dict(text=colon_join(instrument.title, "your scores")),
        xaxis=dict(**_axis(instrument), range=[rs.min, rs.max + span * 0.45]),
        yaxis=dict(title=dict(text="Scale"), categoryorder="array", categoryarray=list(names),
                   automargin=True),
        height=140 + 42 * len(order), template=TEMPLATE,
        legend=dict(orientation="h", y=-0.25),
    )
    return fig


def comparison_figure(instrument: Instrument, before: pd.DataFrame, after: pd.DataFrame,
                      labels: tuple[str, str] = ("First attempt", "Latest attempt")) -> go.Figure:
    """Before and after on one axis: a dot per attempt and scale, joined by a line.

    The two attempts differ in colour (Okabe-Ito sky blue and vermillion) *and* marker
    shape (circle, diamond), so the plot reads in grey print too. Scales are sorted by the
    latest score; a scale incomplete in one attempt shows only the other dot.

    Examples
    --------
    >>> from coursekit.assessment import load_instrument, score_responses
    >>> inst = load_instrument("outsight-audit")
    >>> t1 = score_responses(inst, {i: 2 for i in inst.item_ids})
    >>> t2 = score_responses(inst, {i: 4 for i in inst.item_ids})
    >>> [t.name for t in comparison_figure(inst, t1, t2).data]
    ['change', 'First attempt', 'Latest attempt']
    """
    after_scores = after["score"].where(after["score"].notna(), before["score"])
    order = [s for s in _ordered(after_scores, instrument)
             if NOT_APPLY not in (before.at[s, "status"], after.at[s, "status"])]
    names = [after.at[s, "name"] for s in order]
    xs, ys = [], []
    for sid, name in zip(order, names, strict=True):
        a, b = before.at[sid, "score"], after.at[sid, "score"]
        if not (math.isnan(a) or math.isnan(b)):
            xs += [a, b, None]
            ys += [name, name, None]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#999999", width=2),
                             showlegend=False, hoverinfo="skip", name="change"))
    for table, label, colour, symbol in ((before, labels[0], _BEFORE, "circle"),
                                         (after, labels[1], _AFTER, "diamond")):
        fig.add_trace(go.Scatter(
            x=[table.at[s, "score"] for s in order], y=names, mode="markers", name=label,
            marker=dict(color=colour, symbol=symbol, size=13, line=dict(color=INK, width=1)),
            hovertemplate=f"{escape_html(label)}: %{{x:.2f}}<extra>%{{y}}</extra>",
        ))
    rs = instrument.response_scale
    fig.update_layout(
        title=dict(text=f"{instrument.title.rstrip('?')}: {labels[0].lower()} and "
                        f"{labels[1].lower()}"),
        xaxis=dict(**_axis(instrument), range=[rs.min - 0.2, rs.max + 0.2]),
        yaxis=dict(title=dict(text="Scale"), categoryorder="array", categoryarray=names,
                   automargin=True),
        height=160 + 42 * len(order), template=TEMPLATE,
        legend=dict(orientation="h", y=-0.2),
    )
    return fig


def hexagon_figure(instrument: Instrument, table: pd.DataFrame) -> go.Figure:
    """Holland's hexagon: the six types in the order the theory fixes (R-I-A-S-E-C).

    Adjacent types are the most alike. Only for instruments with ``layout: hexagon``; read the
    scores themselves from :func:`results_figure`.
    """
    if instrument.layout != "hexagon":
        raise ValueError(f"{instrument.id} has layout '{instrument.layout}', not hexagon; "
                         "use results_figure")
    rs = instrument.response_scale
    names = [table.at[s, "name"] for s in instrument.scale_ids]
    scores = [None if math.isnan(table.at[s, "score"]) else table.at[s, "score"]
              for s in instrument.scale_ids]
    fig = go.Figure(go.Scatterpolar(
        r=scores + scores[:1], theta=names + names[:1], mode="lines+markers",
        fill="toself", fillcolor="rgba(0,114,178,0.15)", line=dict(color=OKABE_ITO["blue"]),
        marker=dict(size=9), connectgaps=False, name="Your interests",
        hovertemplate="%{theta}: %{r:.2f}<extra></extra>",
    ))
    fig.update_layout(
        title=dict(text=f"{instrument.title.rstrip('?')}: Holland's hexagon "
                        "(order fixed by the theory)"),
        polar=dict(radialaxis=dict(range=[rs.min, rs.max], tickvals=list(rs.points),
                                   title=dict(text="Score")),
                   angularaxis=dict(direction="clockwise", rotation=90), gridshape="linear"),
        showlegend=False, height=460, template=TEMPLATE,
    )
    return fig


def results_html(instrument: Instrument, table: pd.DataFrame) -> str:
    """The band's words beside each scale, as an HTML table (sorted like the figure).

    Examples
    --------
    >>> from coursekit.assessment import load_instrument, score_responses
    >>> inst = load_instrument("career-drivers")
    >>> html = results_html(inst, score_responses(inst, {}))
    >>> html.count("<strong>Incomplete</strong>") == len(inst.scale_ids)
    True
    """
    rows = [table.loc[sid].to_dict() for sid in reversed(_ordered(table, instrument))]
    return render("assessment/_results.html.j2", title=instrument.title, rows=rows)


def next_steps_html(instrument: Instrument, table: pd.DataFrame, n: int = 2) -> str:
    """"What to do next": the next steps of the scales to act on first."""
    steps = next_steps(instrument, table, n).to_dict("records")
    return render("assessment/_next_steps.html.j2", focus=instrument.focus, steps=steps)
