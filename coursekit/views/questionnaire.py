"""The questionnaire: one labelled set of answer options per item, saved on every change.

Each item is a row of radio buttons (native, so Tab moves between items and the arrow
keys choose an answer), labelled with the item's text and each option with its label.
Every change is saved to the learner store at once, in its own transaction; re-opening
the notebook shows the answers again. "See my results" shows the feedback; "Start a new
attempt" keeps the current answers and starts afresh, so the two can be compared.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> q = questionnaire(store, "outsight-audit")
>>> q.controls["oa01"].value = 4
>>> q.progress.value, q.progress.max
(1, 20)
>>> q.results_button.click()
>>> q.feedback.table.loc["reach", "status"]
'incomplete'
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
from ipywidgets.widgets.widget_description import DescriptionStyle

from .._text import escape_html
from ..assessment import (
    NOT_APPLICABLE,
    finish_attempt,
    latest_attempt,
    load_answers,
    load_instrument,
    save_branch,
    save_response,
    start_attempt,
)
from ..assessment.storage import list_attempts
from ..store import LearnerStore
from ._common import LEARNER_ERRORS, demo_banner
from .feedback import Feedback

# Item text wraps instead of being cut off, and sits beside its answer options.
_CSS = """<style>
.ck-q-item { height: auto !important; align-items: flex-start !important; margin: 4px 0 10px 0; }
.ck-q-item > .widget-label { white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; height: auto !important; line-height: 1.35 !important;
  text-align: left !important; padding-right: 12px; }
.ck-q-item .widget-radio-box { flex-wrap: wrap; }
</style>"""


class Questionnaire(widgets.VBox):
    """A questionnaire bound to a learner store (a widget; parts are attributes for tests).

    Attributes
    ----------
    controls : dict of str to RadioButtons
        One control per item id; ``.value`` is the answer (None when unanswered).
    progress : IntProgress
        Answered items of the current attempt.
    results_button, new_attempt_button : Button
    status : HTML
        What just happened (saved, an error, an attempt started).
    feedback : Feedback or None
        The results view after "See my results".
    attempt_id : int or None
        The attempt answers go to (created at the first answer).
    """

    def __init__(self, store: LearnerStore, instrument_id: str, *,
                 course: str | Path | None = None):
        self.store = store
        self.course = course
        self.instrument = inst = load_instrument(instrument_id, course)
        self.attempt_id: int | None = latest_attempt(store, inst.id)
        self.feedback: Feedback | None = None
        self._loading = False
        rs = inst.response_scale
        options = [(f"{p} {rs.labels[p]}", p) for p in rs.points]
        self.controls: dict[str, widgets.RadioButtons] = {}
        rows = []
        self.branch = None if inst.branch is None else widgets.RadioButtons(
            options=[(o.label, o.id) for o in inst.branch.options], value=None,
            description=inst.branch.question, style={"description_width": "initial"},
            layout=widgets.Layout(width="100%"))
        if self.branch is not None:
            self.branch.add_class("ck-q-item")
            self.branch.observe(self._on_branch, names="value")
        # One layout and one style for the items always asked (each is a widget model the
        # browser must build); an item asked only in some situations is hidden by its own.
        shared_layout, shared_style = (widgets.Layout(width="100%"),
                                       DescriptionStyle(description_width="40%"))
        for n, item in enumerate(inst.items, 1):
            control = widgets.RadioButtons(
                options=options + ([("Does not apply to me", NOT_APPLICABLE)]
                                   if item.may_not_apply else []),
                value=None, description=f"{n}. {item.text}",
                tooltip=item.text, orientation="horizontal",
                style=shared_style if not item.only_for else
                DescriptionStyle(description_width="40%"),
                layout=shared_layout if not item.only_for else
                widgets.Layout(width="100%"))
            control.add_class("ck-q-item")
            control.observe(self._make_handler(item.id), names="value")
            self.controls[item.id] = control
            rows.append(control)
        self.progress = widgets.IntProgress(value=0, min=0, max=len(inst.items),
                                            description="Answered",
                                            style={"bar_color": "#0072B2"})
        self.progress_text = widgets.Label("")
        self.status = widgets.HTML("", layout=widgets.Layout(min_height="1.5em"))
        self.results_button = widgets.Button(
            description="See my results", button_style="primary", icon="bar-chart",
            tooltip="Show your scores, what they mean and what to do next")
        self.new_attempt_button = widgets.Button(
            description="Start a new attempt", icon="refresh",
            tooltip="Keep these answers and answer again, to compare before and after")
        self.results_button.on_click(lambda _: self.show_results())
        self.new_attempt_button.on_click(lambda _: self.new_attempt())
        self.results_area = widgets.VBox([])
        header = widgets.HTML(
            f"{_CSS}<h3>{escape_html(inst.title)}</h3>"
            f"<p>{escape_html(inst.intro).replace(chr(10) + chr(10), '</p><p>')}</p>"
            f"<p><em>{len(inst.items)} statements, about {inst.minutes} minutes. Answers "
            f"from {escape_html(rs.describe())}. Each answer is saved as you choose it; you "
            f"can stop and come back.</em></p>")
        super().__init__(children=[
            demo_banner(store), header, *([self.branch] if self.branch else []),
            widgets.VBox(rows),
            widgets.HBox([self.progress, self.progress_text]), self.status,
            widgets.HBox([self.results_button, self.new_attempt_button]), self.results_area,
        ])
        self._load_answers()

    # -- state ------------------------------------------------------------------------

    @property
    def asked(self) -> dict[str, widgets.RadioButtons]:
        """The controls of the items asked in the situation chosen (all, before a choice)."""
        branch = self.branch.value if self.branch is not None else None
        return {item.id: self.controls[item.id] for item in self.instrument.items
                if self.instrument.asks(item, branch)}

    def _answered(self) -> int:
        return sum(c.value is not None for c in self.asked.values())

    def _update_progress(self) -> None:
        asked = self.asked
        for item_id, control in self.controls.items():
            control.layout.display = "" if item_id in asked else "none"
        for n, control in enumerate(asked.values(), 1):
            control.description = f"{n}. {control.tooltip}"
        done, total = self._answered(), len(asked)
        self.progress.max, self.progress.value = total, done
        self.progress_text.value = f"{done} of {total} answered"

    def _load_answers(self) -> None:
        saved = load_answers(self.store, self.instrument, self.attempt_id) \
            if self.attempt_id is not None else None
        answers: dict[str, object] = dict(saved.values) if saved else {}
        answers |= {i: NOT_APPLICABLE for i in (saved.not_applicable if saved else ())}
        self._loading = True
        try:
            if self.branch is not None and saved is not None:
                self.branch.value = saved.branch
            for item_id, control in self.controls.items():
                control.value = answers.get(item_id)
        finally:
            self._loading = False
        self._update_progress()
        if answers:
            number = len(list_attempts(self.store, self.instrument.id))
            first_open = next((n for n, c in enumerate(self.asked.values(), 1)
                               if c.value is None), None)
            where = (f" Carry on from statement {first_open}." if first_open
                     else " All statements are answered.")
            whose = "the sample person's" if self.store.demo else "your"
            self.status.value = (f"Welcome back: {whose} answers to attempt {number} are "
                                 f"loaded.{where}")

    # -- reactions ----------------------------------------------------------------------

    def _make_handler(self, item_id: str):
        def handler(change) -> None:
            if self._loading:
                return
            self.save_answer(item_id, change["new"])
        return handler

    def _on_branch(self, change: dict) -> None:
        if self._loading:
            return
        try:
            if self.attempt_id is None:
                self.attempt_id = start_attempt(self.store, self.instrument.id)
            save_branch(self.store, self.instrument, self.attempt_id, change["new"])
        except (ValueError, *LEARNER_ERRORS) as exc:
            self.status.value = (f"<span role='alert' style='color:#D55E00'>Not saved: "
                                 f"{escape_html(exc)}</span>")
            return
        self._update_progress()
        self.status.value = "Saved: the statements below are the ones for your answer."

    def save_answer(self, item_id: str, value: int | str | None) -> None:
        """Save one answer now (the control's observer calls this on every change)."""
        try:
            if self.attempt_id is None:
                self.attempt_id = start_attempt(self.store, self.instrument.id)
            save_response(self.store, self.instrument, self.attempt_id, item_id, value)
        except (ValueError, *LEARNER_ERRORS) as exc:  # shown beside the items, never lost
            self.status.value = (f"<span role='alert' style='color:#D55E00'>Not saved: "
                                 f"{escape_html(exc)}</span>")
            return
        self._update_progress()
        self.status.value = "Saved."
        if self.feedback is not None:
            self.results_button.description = "Update my results"

    def show_results(self) -> Feedback:
        """Mark the attempt finished (first time) and show the results below."""
        if self.attempt_id is not None:
            finish_attempt(self.store, self.attempt_id)
        self.feedback = Feedback(self.store, self.instrument.id, course=self.course)
        self.results_area.children = [self.feedback]
        self.results_button.description = "See my results"
        return self.feedback

    def new_attempt(self) -> int | None:
        """Start a new attempt (the current one is kept for the before/after comparison)."""
        if self.attempt_id is None or self._answered() == 0:
            self.status.value = ("This attempt has no answers yet: answer it before starting "
                                 "another.")
            return None
        finish_attempt(self.store, self.attempt_id)
        self.attempt_id = start_attempt(self.store, self.instrument.id)
        if self.branch is not None and self.branch.value is not None:  # same situation
            save_branch(self.store, self.instrument, self.attempt_id, self.branch.value)
        self._load_answers()
        number = len(list_attempts(self.store, self.instrument.id))
        self.status.value = (f"Attempt {number} started. Your earlier answers are kept; your "
                             "results will compare the first and the latest attempt.")
        self.results_area.children = []
        self.feedback = None
        return self.attempt_id


def questionnaire(store: LearnerStore, instrument_id: str, *,
                  course: str | Path | None = None) -> Questionnaire:
    """The questionnaire of one instrument, for the learner in ``store``.

    In a notebook: ``questionnaire(store, "career-drivers")``.
    """
    return Questionnaire(store, instrument_id, course=course)
