"""The results of a questionnaire.

Sorted scores, the band's words, what to do next, and the first and latest attempts side
by side.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.assessment import load_instrument, current_attempt, save_response
>>> store = LearnerStore(":memory:")
>>> inst = load_instrument("outsight-audit")
>>> attempt = current_attempt(store, inst.id)
>>> for item in inst.item_ids:
...     save_response(store, inst, attempt, item, 3)
>>> view = feedback(store, "outsight-audit")
>>> view.table.loc["reach", "band"], view.comparison is None
('middle', True)
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .._text import escape_html
from ..assessment import (
    comparison_figure,
    hexagon_figure,
    list_attempts,
    load_answers,
    load_instrument,
    next_steps_html,
    results_figure,
    results_html,
    score_responses,
)
from ..assessment.storage import load_kept, save_kept
from ..store import LearnerStore
from ._common import Status, demo_banner, guarded
from ._figures import set_figure


def _figure_output(fig) -> widgets.Output:
    out = widgets.Output()
    set_figure(out, fig)  # no "Share chart" button; no output capture (stalls Voila)
    return out


class Feedback(widgets.VBox):
    """A learner's results on one instrument (a widget; the parts are attributes).

    Attributes
    ----------
    table : DataFrame
        The latest attempt's scores (:func:`~coursekit.assessment.score_responses`).
    figure : plotly Figure
        The sorted bar chart.
    hexagon : plotly Figure or None
        Holland's hexagon, for instruments with ``layout: hexagon``.
    comparison : plotly Figure or None
        First and latest attempt, when the learner has answered twice or more.
    before : DataFrame or None
        The first attempt's scores, when compared.
    """

    def __init__(self, store: LearnerStore, instrument_id: str, *,
                 course: str | Path | None = None, norms: pd.DataFrame | None = None):
        inst = load_instrument(instrument_id, course)
        self.instrument = inst
        attempts = [a for a in list_attempts(store, inst.id) if a.answered > 0]
        latest = attempts[-1].id if attempts else None
        self.table = (load_answers(store, inst, latest).scores(inst) if latest is not None
                      else score_responses(inst, {}))
        self.figure = results_figure(inst, self.table, norms)
        self.hexagon = hexagon_figure(inst, self.table) if inst.layout == "hexagon" else None
        self.before = self.comparison = self.keep = None
        if len(attempts) >= 2:
            self.before = load_answers(store, inst, attempts[0].id).scores(inst)
            first, last = attempts[0], attempts[-1]
            self.comparison = comparison_figure(
                inst, self.before, self.table,
                labels=(f"Attempt {first.number} ({first.started_at[:10]})",
                        f"Attempt {last.number} ({last.started_at[:10]})"))
        parts: list[widgets.Widget] = [demo_banner(store)]
        parts.append(widgets.HTML(f"<h3>Your results: {escape_html(inst.title)}</h3>"))
        if latest is None:  # an empty chart and a table of blanks would say nothing
            parts.append(widgets.HTML(
                f"<p>No answers to “{escape_html(inst.title)}” yet. Its results appear here "
                "once you have answered its statements.</p>"))
            super().__init__(children=parts)
            return
        if self.hexagon is not None:
            parts.append(_figure_output(self.hexagon))
        parts += [_figure_output(self.figure), widgets.HTML(results_html(inst, self.table)),
                  widgets.HTML(next_steps_html(inst, self.table))]
        if inst.keep_one:
            self.keep = _keep_one(store, inst, self.table)
            parts.append(self.keep)
        if self.comparison is not None:
            parts += [widgets.HTML("<h4>How your answers changed</h4><p>Your first and latest "
                                   "attempts on the same scale.</p>"),
                      _figure_output(self.comparison)]
        elif latest is not None:
            parts.append(widgets.HTML(
                "<p><em>To see how you change, come back after working on your next steps "
                "and press <strong>Start a new attempt</strong>; both attempts are kept and "
                "compared here.</em></p>"))
        parts.append(widgets.HTML(
            f"<p style='font-size:smaller'>Framework: {escape_html(inst.framework)}<br>"
            f"Source: {escape_html(inst.citation)}<br>A prompt for reflection, not a "
            "validated test. Scores are the mean of your answers on each scale.</p>"))
        super().__init__(children=parts)


def _keep_one(store: LearnerStore, inst, table: pd.DataFrame) -> widgets.VBox:
    """The instrument's ``keep_one`` question: a choice of its scales, highest first."""
    ranked = table.sort_values("score", ascending=False, na_position="last")
    choice = widgets.Dropdown(
        options=[("Not sure yet", None)] + [(row["name"], sid) for sid, row in ranked.iterrows()],
        value=load_kept(store, inst), description="The one I would keep:",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="auto", flex="0 0 auto", min_width="24rem"))
    status = Status()
    choice.observe(lambda c: guarded(status, lambda: save_kept(store, inst, c["new"]),
                                     "Saved."), names="value")
    line = widgets.HBox([choice, status], layout=widgets.Layout(flex_flow="row wrap"))
    box = widgets.VBox([widgets.HTML(f"<h4>One to keep</h4><p>{escape_html(inst.keep_one)}"
                                     "</p>"), line])
    box.choice = choice  # type: ignore[attr-defined]  # for tests
    return box


def feedback(store: LearnerStore, instrument_id: str, *, course: str | Path | None = None,
             norms: pd.DataFrame | None = None) -> Feedback:
    """The results view of one instrument for the learner in ``store``."""
    return Feedback(store, instrument_id, course=course, norms=norms)
