"""The next step: one, dated, with its if-then plan, added to the plan.

Examples
--------
>>> from datetime import date, timedelta
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> view = NextStepView(store)
>>> view.title.value = "Ask Marc for twenty minutes"
>>> view.obstacle.value, view.response.value = "I feel I am overstepping", "say Oren suggested it"
>>> view.due.value = date.today() + timedelta(days=7)
>>> view.add_button.click()
>>> "Ask Marc for twenty minutes" in view.current.value
True
"""

from __future__ import annotations

from datetime import date, timedelta

import ipywidgets as widgets

from ..._text import escape_html
from ...checkin import add_next_step, load_next_step
from ...planning.history import day_words
from ...planning.model import format_if_then
from ...store import LearnerStore
from .._common import Status, demo_banner, guarded
from .._plan_common import date_picker, row, text_box


class NextStepView(widgets.VBox):
    """Your next step: what, by when, and your if-then plan for what could get in the way.

    Attributes
    ----------
    title, due, obstacle, response, add_button : the form
    sentence : HTML previewing "If ..., then I will ..."
    current : HTML showing the next step already in your plan
    """

    def __init__(self, store: LearnerStore):
        self.store = store
        self.status = Status()
        self.current = widgets.HTML()
        self.title = text_box("", "Next step", "small, within two weeks")
        self.due = date_picker(date.today() + timedelta(days=7), "By")
        self.obstacle = text_box("", "If", "what is most likely to get in the way")
        self.response = text_box("", "then I will", "what exactly you will do then")
        self.sentence = widgets.HTML()
        for control in (self.title, self.obstacle, self.response):
            control.continuous_update = True
        for control in (self.obstacle, self.response):
            control.observe(lambda _c: self._preview(), names="value")
        self.add_button = widgets.Button(description="Add it to my plan", icon="check",
                                         button_style="primary")
        self.add_button.on_click(lambda _b: self.add())
        self._show()
        self._preview()
        store.on_change(lambda _s: self._show())
        super().__init__([demo_banner(store), self.current, row(self.title, self.due),
                          row(self.obstacle, self.response), self.sentence,
                          widgets.HBox([self.add_button]), self.status])

    def _preview(self) -> None:
        sentence = format_if_then(self.obstacle.value, self.response.value)
        self.sentence.value = (f"<p><b>{escape_html(sentence)}</b></p>" if sentence else
                               "<p><i>Write both parts to see your if-then plan.</i></p>")

    def _show(self) -> None:
        step = load_next_step(self.store)
        if step is None:
            self.current.value = "<p><i>No next step set at a check-in yet.</i></p>"
            return
        state = "done" if step.done else f"by {day_words(step.due)}"
        self.current.value = (f"<div role='status' style='border-left:6px solid #0072B2;"
                              f"padding:4px 10px;margin:4px 0'><b>Your next step:</b> "
                              f"{escape_html(step.title)} ({state}).<br>"
                              f"{escape_html(step.if_then)}<br><small>It is in your plan; a "
                              f"new one below replaces it here (the old one stays in your "
                              f"plan).</small></div>")

    def add(self) -> None:
        """Add the step in the form to the plan, as the next step."""
        if guarded(self.status, lambda: add_next_step(
                self.store, self.title.value, due=self.due.value,
                if_obstacle=self.obstacle.value, then_response=self.response.value),
                "Added to your plan. Say the if-then plan to yourself twice: rehearsed, it "
                "comes to mind when the obstacle does.") is not None:
            self.title.value = self.obstacle.value = self.response.value = ""


def check_in_next_step(store: LearnerStore) -> NextStepView:
    """One next step, dated, with an if-then plan, added to your plan."""
    return NextStepView(store)
