"""A questionnaire retaken at the check-in, set beside the first time it was answered.

Retaking starts a new attempt (the first is kept: :mod:`coursekit.assessment.storage`).
The figure shows each scale as a track shaded by its interpretation bands, a hollow dot
where the learner scored the first time, and an arrow to where they score now, with the
change written at its head: movement is seen before any number is read.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.assessment import load_instrument, save_response
>>> store = LearnerStore(":memory:")
>>> inst = load_instrument("outsight-audit")
>>> first = start_retake(store, inst.id)
>>> for item in inst.item_ids:
...     save_response(store, inst, first, item, 2)
>>> second = start_retake(store, inst.id)
>>> for item in inst.item_ids:
...     save_response(store, inst, second, item, 4)
>>> pair = attempt_pair(store, inst.id)
>>> round(float(pair.change.loc["reach"]), 2)  # (4 + 4 + 2) / 3 - (2 + 2 + 4) / 3: oa03 reversed
0.67
>>> [t.name for t in retake_figure(inst, pair.before, pair.after).data][:2]
['first time', 'now']
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from .._content import content_path
from .._figure_style import TEMPLATE
from .._palette import BAND_COLOURS, INK, OKABE_ITO
from .._text import escape_html
from ..assessment import list_attempts, load_instrument, load_responses, score_responses
from ..assessment.model import Instrument
from ..assessment.storage import start_attempt
from ..store import LearnerStore

_THEN = "#999999"
_NOW = OKABE_ITO["blue"]


@dataclass(frozen=True)
class AttemptPair:
    """The first and the latest answered attempt at one questionnaire, scored."""

    instrument: Instrument
    before: pd.DataFrame
    after: pd.DataFrame | None
    first_started: str
    latest_started: str | None

    @property
    def change(self) -> pd.Series:
        """Latest minus first score per scale (NaN where either is incomplete, or no retake)."""
        if self.after is None:
            return self.before["score"] * math.nan
        return self.after["score"] - self.before["score"]


def answered_questionnaires(store: LearnerStore, course: str | Path | None = None
                            ) -> list[tuple[str, str, int]]:
    """``(id, title, answered attempts)`` of each questionnaire the learner has answered."""
    counts: dict[str, int] = {}
    for attempt in list_attempts(store):
        if attempt.answered:
            counts[attempt.instrument] = counts.get(attempt.instrument, 0) + 1
    # a questionnaire removed from the course keeps its answers but cannot be retaken
    course_ids = {p.stem for p in content_path("instruments", course).glob("*.yaml")}
    found = [(instrument_id, load_instrument(instrument_id, course).title, count)
             for instrument_id, count in counts.items() if instrument_id in course_ids]
    return sorted(found, key=lambda f: f[1])


def start_retake(store: LearnerStore, instrument_id: str) -> int:
    """The attempt to answer now: a new one, unless the latest has no answers yet."""
    attempts = list_attempts(store, instrument_id)
    if attempts and attempts[-1].answered == 0:
        return attempts[-1].id
    return start_attempt(store, instrument_id)


def attempt_pair(store: LearnerStore, instrument_id: str,
                 course: str | Path | None = None) -> AttemptPair | None:
    """The first and latest answered attempts, scored (None: never answered)."""
    instrument = load_instrument(instrument_id, course)
    answered = [a for a in list_attempts(store, instrument_id) if a.answered]
    if not answered:
        return None
    score = lambda attempt: score_responses(  # noqa: E731
        instrument, load_responses(store, instrument_id, attempt.id))
    first, last = answered[0], answered[-1]
    return AttemptPair(instrument, score(first),
                       score(last) if last.id != first.id else None, first.started_at,
                       last.started_at if last.id != first.id else None)


def _order(pair: AttemptPair) -> list[str]:
    """Scales from the largest rise (top) to the largest fall; unchanged in the middle."""
    change = pair.change
    position = {sid: k for k, sid in enumerate(pair.instrument.scale_ids)}
    key = lambda s: (-1e9 if math.isnan(change[s]) else change[s], -position[s])  # noqa: E731
    return sorted(pair.instrument.scale_ids, key=key)  # plotly draws the first at the bottom


def retake_figure(instrument: Instrument, before: pd.DataFrame, after: pd.DataFrame | None,
                  *, labels: tuple[str, str] = ("first time", "now")) -> go.Figure:
    """Each scale's track: its bands shaded, a hollow dot then, an arrow to now, the change.

    A scale incomplete in one of the attempts shows only the dot it has. Without a second
    attempt, only the first dots are drawn.
    """
    pair = AttemptPair(instrument, before, after, "", None)
    order = _order(pair)
    rs = instrument.response_scale
    names = [before.at[s, "name"] for s in order]
    fig = go.Figure()
    for row, sid in enumerate(order):
        for band in instrument.scale(sid).bands:
            fig.add_shape(type="rect", x0=band.lower, x1=band.upper, y0=row - 0.32,
                          y1=row + 0.32, line=dict(width=0), layer="below",
                          fillcolor=BAND_COLOURS.get(band.name, "#EEEEEE"), opacity=0.35)
    then = [before.at[s, "score"] for s in order]
    fig.add_trace(go.Scatter(
        x=then, y=list(range(len(order))), mode="markers", name=labels[0],
        marker=dict(symbol="circle-open", size=14, color=_THEN, line=dict(width=3)),
        customdata=names, hovertemplate=f"{labels[0]}: %{{x:.2f}}<extra>%{{customdata}}"
                                        "</extra>"))
    now = [after.at[s, "score"] if after is not None else math.nan for s in order]
    fig.add_trace(go.Scatter(
        x=now, y=list(range(len(order))), mode="markers", name=labels[1],
        marker=dict(symbol="diamond", size=13, color=_NOW, line=dict(color=INK, width=1)),
        customdata=names, hovertemplate=f"{labels[1]}: %{{x:.2f}}<extra>%{{customdata}}"
                                        "</extra>"))
    for row, (a, b) in enumerate(zip(then, now, strict=True)):
        if math.isnan(a) or math.isnan(b):
            continue
        change = b - a
        if abs(change) >= 0.05:
            fig.add_annotation(x=b, y=row, ax=a, ay=row, xref="x", yref="y", axref="x",
                               ayref="y", showarrow=True, arrowhead=3, arrowsize=1.2,
                               arrowwidth=2.5, arrowcolor=_NOW, standoff=7, startstandoff=8,
                               text="")
        fig.add_annotation(x=max(a, b), y=row, text=f"<b>{change:+.1f}</b>" if abs(change)
                           >= 0.05 else "no change", showarrow=False, xanchor="left",
                           xshift=14, font=dict(color=INK, size=12))
    fig.update_layout(
        title=dict(text=f"{escape_html(instrument.title.rstrip('?'))}: {labels[0]} and "
                        f"{labels[1]}"),
        template=TEMPLATE, height=150 + 58 * len(order),
        xaxis=dict(title=dict(text=f"Score: {rs.describe()}"), range=[rs.min - 0.2,
                                                                      rs.max + 0.9],
                   tickvals=list(rs.points), zeroline=False),
        yaxis=dict(tickvals=list(range(len(order))), ticktext=names, range=[-0.6,
                                                                            len(order) - 0.4],
                   showgrid=False, zeroline=False),
        legend=dict(orientation="h", y=-0.18 if len(order) > 3 else -0.35),
        margin=dict(r=30))
    return fig


__all__ = ["AttemptPair", "answered_questionnaires", "attempt_pair", "retake_figure",
           "start_retake"]
