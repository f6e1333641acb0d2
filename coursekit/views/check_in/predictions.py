"""Your predictions in the two cases beside what happened, each judged by you.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> store.save("case:the-first-step", "decision:after-the-talk", "build", kind="decision")
>>> view = PredictionsView(store)
>>> view.judgements["the-first-step/after-the-talk"].value = "as-predicted"
>>> store.load("check-in", "judged:the-first-step/after-the-talk")
'as-predicted'
>>> "1 as predicted" in view.summary.value
True
"""

from __future__ import annotations

import ipywidgets as widgets

from ..._text import escape_html
from ...checkin import (
    DIFFERENCES_KEY,
    EXERCISE,
    JUDGEMENTS,
    judge,
    judgement_counts,
    prediction_rows,
)
from ...store import LearnerStore
from .._common import Status, demo_banner, guarded
from ..case import BOXES
from ..reflect import WritingBox

_NOT_JUDGED = ("not judged yet", "")
_COUNTED = {"as-predicted": "as predicted", "partly": "partly right", "not": "not as predicted"}


class PredictionsView(widgets.VBox):
    """Each decision point: your prediction and reason, what happened, how close it came.

    Attributes
    ----------
    judgements : dict of ``case/point`` to RadioButtons (only where you predicted)
    summary : HTML counting your judgements
    differences : WritingBox for the private line on what you take from the differences
    """

    def __init__(self, store: LearnerStore):
        self.store = store
        self.status = Status()
        self.summary = widgets.HTML()
        self.judgements: dict[str, widgets.RadioButtons] = {}
        parts: list[widgets.Widget] = []
        case = None
        for r in prediction_rows(store):
            if r.case_title != case:
                case = r.case_title
                parts.append(widgets.HTML(f"<h3>{escape_html(case)}</h3>"))
            parts.append(self._point(r))
        self.differences = WritingBox(store, EXERCISE, DIFFERENCES_KEY,
                                      "What I take from the differences (private):", rows=3)
        self._count()
        store.on_change(lambda _s: self._count())
        super().__init__([demo_banner(store), *parts, self.status, self.summary,
                          widgets.HTML("<p><b>Now the private line.</b> Where did your "
                                       "expectations differ from what happened, and what "
                                       "does that say about how you read situations like "
                                       "these, including your own?</p>"), self.differences])

    def _point(self, r) -> widgets.Widget:
        said = (f"<b>You predicted:</b> {escape_html(r.chosen_label)}" if r.predicted else
                "<i>You read on without predicting.</i>" if r.skipped else
                "<i>You have not reached this point of the case yet.</i>")
        reason = (f"<br><b>Your reason then:</b> {escape_html(r.reason)}"
                  if r.predicted and r.reason.strip() else "")
        head = widgets.HTML(
            f"<p style='margin:4px 0'>{escape_html(r.prompt)}</p><p style='margin:4px 0'>"
            f"{said}{reason}</p><div style='{BOXES['outcome']}'><b>What happened.</b> "
            f"{escape_html(r.outcome)}</div>")
        children: list[widgets.Widget] = [head]
        if r.predicted:
            choice = widgets.RadioButtons(
                options=[_NOT_JUDGED, *[(v, k) for k, v in JUDGEMENTS.items()]],
                value=r.judged, description="How close was it?", orientation="horizontal",
                style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
            choice.observe(lambda c, r=r: guarded(self.status, lambda: judge(
                self.store, r.case_id, r.decision_id, c["new"]), "Saved."), names="value")
            self.judgements[r.key.removeprefix("judged:")] = choice
            children.append(choice)
        return widgets.VBox(children, layout=widgets.Layout(
            border_left="4px solid #CCCCCC", padding="2px 0 2px 10px", margin="0 0 10px 0"))

    def _count(self) -> None:
        counts = judgement_counts(prediction_rows(self.store))
        made = sum(counts.values())
        if not made:
            self.summary.value = ("<p><i>You made no predictions in the cases. Read what "
                                  "happened above, and write below what surprised you.</i></p>")
            return
        said = ", ".join(f"{counts[k]} {v}" for k, v in _COUNTED.items())
        left = f"; {counts['not-judged']} still to judge" if counts["not-judged"] else ""
        self.summary.value = f"<p><b>Your {made} predictions:</b> {said}{left}.</p>"


def check_in_predictions(store: LearnerStore) -> PredictionsView:
    """Your predictions in the cases beside what happened, and a private line on the gaps."""
    return PredictionsView(store)
