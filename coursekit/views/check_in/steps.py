"""Your steps since the plan: tick off what is done, move what is open, keep the history.

Examples
--------
>>> from datetime import date
>>> from coursekit.store import LearnerStore
>>> from coursekit.planning import add_step
>>> store = LearnerStore(":memory:")
>>> s = add_step(store, "Email Lena", due="2030-03-02")
>>> view = StepsCheckView(store, today=date(2030, 3, 5))
>>> view.rows[s.id].due.value = date(2030, 3, 9)
>>> view.rows[s.id].story.value
'<small>planned for 2 Mar 2030; moved to 9 Mar 2030</small>'
>>> view.record_button.click()
>>> view.record_button.disabled
True
"""

from __future__ import annotations

from datetime import date

import ipywidgets as widgets

from ..._text import escape_html
from ...checkin import EXERCISE, record_check_in
from ...checkin.demo import IN_THE_WAY_KEY
from ...planning import list_steps, mark_done, redate_step
from ...planning.history import day_words, history_words, step_history
from ...planning.model import Step
from ...store import LearnerStore
from .._common import Status, demo_banner, guarded
from .._plan_common import date_picker
from ..reflect import WritingBox


class StepCheckRow(widgets.VBox):
    """One step: done, its title, its date (a change is a move, kept in its history)."""

    def __init__(self, view, step: Step):
        self.step_id = step.id
        self.done = widgets.Checkbox(value=step.done, description="Done", indent=False,
                                     layout=widgets.Layout(width="5.5rem"))
        self.title = widgets.HTML(layout=widgets.Layout(flex="1 1 18em"))
        self.due = date_picker(step.due, "By")
        self.story = widgets.HTML()
        s = view.status
        self.done.observe(lambda c: view.quiet or guarded(s, lambda: mark_done(
            view.store, self.step_id, c["new"], on=view.today),
            "Ticked off." if c["new"] else "Open again."), names="value")
        self.due.observe(lambda c: view.quiet or guarded(s, lambda: redate_step(
            view.store, self.step_id, c["new"]), "Moved; the date it had is kept."),
            names="value")
        super().__init__([widgets.HBox([self.done, self.title, self.due], layout=widgets.Layout(
            width="100%", flex_flow="row wrap", align_items="center")), self.story],
            layout=widgets.Layout(border_bottom="1px solid #EEEEEE", padding="2px 0"))

    def show(self, step: Step, story: str, today: date) -> None:
        """Show the step as stored (values set quietly by the view)."""
        late = (not step.done and step.due is not None and step.due < today)
        flag = (f" <span style='color:#B24000'>(was due {day_words(step.due)})</span>"
                if late else "")
        kind = " <small>(networking)</small>" if step.kind == "networking" else ""
        self.title.value = f"<b>{escape_html(step.title)}</b>{kind}{flag}"
        self.story.value = f"<small>{escape_html(story)}</small>"
        if self.done.value != step.done:
            self.done.value = step.done
        if self.due.value != step.due:
            self.due.value = step.due


class StepsCheckView(widgets.VBox):
    """Every step and networking item with its history; the check-in itself, recorded.

    Attributes
    ----------
    rows : dict of step id to StepCheckRow (``done``, ``due``, ``story``)
    in_the_way : WritingBox for the private note on what got in the way
    record_button : ticks off the check-in that is due (or adds one, done today)
    """

    def __init__(self, store: LearnerStore, *, today: date | None = None):
        self.store, self.today = store, today or date.today()
        self.status = Status()
        self.quiet = False
        self.list_box = widgets.VBox()
        self.rows: dict[int, StepCheckRow] = {}
        self.in_the_way = WritingBox(store, EXERCISE, IN_THE_WAY_KEY,
                                     "What got in the way (private):", rows=3)
        self.record_button = widgets.Button(
            description="Record this check-in", icon="calendar-check-o",
            button_style="primary", tooltip="Tick off the check-in in your plan, dated today")
        self.record_button.on_click(lambda _b: self.record())
        self.record_status = Status()
        self.refresh()
        store.on_change(lambda _s: self.refresh())
        super().__init__([
            demo_banner(store), self.list_box, self.status,
            widgets.HTML("<p><b>Looking at the moved and open ones:</b> what got in the "
                         "way? The same obstacle twice is worth an if-then plan.</p>"),
            self.in_the_way, widgets.HBox([self.record_button, self.record_status],
                                          layout=widgets.Layout(flex_flow="row wrap"))])

    def refresh(self) -> None:
        """Show the steps as stored now (rows rebuilt only when steps come or go)."""
        steps = [s for s in list_steps(self.store) if s.kind in ("step", "networking")]
        if [s.id for s in steps] != list(self.rows) or not self.list_box.children:
            self.rows = {s.id: StepCheckRow(self, s) for s in steps}
            self.list_box.children = list(self.rows.values()) or [widgets.HTML(
                "<i>Your plan has no steps yet: add them in <a href='04_plan_your_next_step.ipynb'>"
                "Plan your next step</a>, or set one below in <b>6. The next step</b>.</i>")]
        history = step_history(self.store)
        self.quiet = True
        try:
            for s in steps:
                self.rows[s.id].show(s, history_words(s, history.get(s.id, [])), self.today)
        finally:
            self.quiet = False
        done_today = [s for s in list_steps(self.store, "check-in")
                      if s.done and s.done_on == self.today]
        self.record_button.disabled = bool(done_today)
        if done_today:
            self.record_status.ok(f"Check-in recorded today: {done_today[0].title}")

    def record(self) -> None:
        """Tick off the check-in that is due (or add one, done today)."""
        step = guarded(self.record_status, lambda: record_check_in(self.store,
                                                                   today=self.today))
        if step is not None:
            self.record_status.ok(f"Check-in recorded today: {step.title}")


def check_in_steps(store: LearnerStore) -> StepsCheckView:
    """Your steps since the plan: done, moved (history kept) or still open."""
    return StepsCheckView(store)
