"""Steps, the if-then coach (WOOP) and the networking plan, as autosaving widgets.

The coach walks the learner through WOOP one prompt at a time (wish, outcome, obstacle,
plan): mental contrasting with if-then plans works better delivered interactively than as
a document (Wang et al. 2021). The plan is shown, and saved, as "If ..., then I will ...".

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> v = StepsView(store)
>>> v.first_title.value = "Email Lena"
>>> v.first_button.click()
>>> coach = IfThenCoach(store)
>>> coach.obstacle.value = "she does not answer"
>>> coach.response.value = "phone her on Monday"
>>> coach.save_button.click()
>>> coach.sentence.value
'<b>If she does not answer, then I will phone her on Monday.</b>'
"""

from __future__ import annotations

import ipywidgets as widgets

from .._text import escape_html
from ..planning import (
    add_check_ins,
    add_networking,
    add_step,
    format_if_then,
    list_steps,
    mark_done,
    redate_step,
    remove_step,
    seed_networking,
    set_first_step,
    set_if_then,
    update_step,
)
from ..planning.model import Step
from ..store import LearnerStore
from ._common import Status, demo_banner, guarded
from ._plan_common import WIDE, date_picker, heading, row, text_box
from .plan import synced_goal


class StepRow(widgets.HBox):
    """One step or check-in: title, date, done, first-step mark, remove (all autosaved)."""

    def __init__(self, view, step: Step):
        self.step_id = step.id
        self.title = text_box(step.title, "Step" if step.kind == "step" else "Check-in")
        self.due = date_picker(step.due, "Date")
        self.done = widgets.Checkbox(value=step.done, description="Done", indent=False,
                                     layout=widgets.Layout(width="5rem"))
        self.first = widgets.HTML("<b>first step</b>" if step.is_first else "",
                                  layout=widgets.Layout(width="6rem"))
        self.remove = widgets.Button(description="Remove", icon="trash",
                                     tooltip=f"Remove: {step.title}",
                                     layout=widgets.Layout(width="7rem"))
        s = view.status
        self.title.observe(lambda c: guarded(s, lambda: update_step(
            view.store, self.step_id, title=c["new"])), names="value")
        self.due.observe(lambda c: guarded(s, lambda: redate_step(
            view.store, self.step_id, c["new"]), "New date saved."), names="value")
        self.done.observe(lambda c: guarded(s, lambda: mark_done(
            view.store, self.step_id, c["new"]), "Ticked off." if c["new"] else "Open again."),
            names="value")
        self.remove.on_click(lambda _b: view.remove(self.step_id))
        super().__init__(row(self.title, self.due, self.done, self.first,
                             self.remove).children,
                         layout=widgets.Layout(width="100%", flex_flow="row wrap",
                                               align_items="center"))


class StepsView(widgets.VBox):
    """The first step (with a date), the other steps, and check-ins.

    Attributes
    ----------
    first_title, first_due, first_button : the first step's controls
    new_title, new_due, add_button : add another step
    check_in_button : adds three check-ins, four weeks apart
    rows : dict of step id to StepRow
    """

    def __init__(self, store: LearnerStore):
        self.store = store
        self.status = Status()
        first = next((s for s in list_steps(store) if s.is_first), None)
        self.first_title = text_box(first.title if first else "", "My first step",
                                    "one thing you will do, small enough to start this week")
        self.first_due = date_picker(first.due if first else None, "By")
        self.first_button = widgets.Button(description="Save my first step", icon="check",
                                           button_style="primary")
        self.first_button.on_click(lambda _b: self.save_first())
        self.new_title = text_box("", "Another step", "what comes next?")
        self.new_due = date_picker(None, "By")
        self.add_button = widgets.Button(description="Add step", icon="plus")
        self.add_button.on_click(lambda _b: self.add())
        self.check_in_button = widgets.Button(
            description="Add 3 check-ins", icon="calendar",
            tooltip="Three dates, four weeks apart, to look back and plan the next step")
        self.check_in_button.on_click(lambda _b: self.add_check_ins())
        self.list_box = widgets.VBox()
        self.rows: dict[int, StepRow] = {}
        self.refresh()
        super().__init__([
            demo_banner(store), heading("The first step"),
            row(self.first_title, self.first_due, self.first_button),
            heading("Your steps and check-ins"), self.list_box,
            row(self.new_title, self.new_due, self.add_button),
            self.check_in_button, self.status])

    def refresh(self) -> None:
        """Rebuild the list from the store."""
        self.rows = {s.id: StepRow(self, s) for s in list_steps(self.store)
                     if s.kind in ("step", "check-in")}
        self.list_box.children = list(self.rows.values()) or [
            widgets.HTML("<i>No steps yet.</i>")]

    def save_first(self) -> None:
        """Save the first step: update the one marked first, or add it."""
        first = next((s for s in list_steps(self.store) if s.is_first), None)
        if first is None:
            done = guarded(self.status, lambda: add_step(
                self.store, self.first_title.value, due=self.first_due.value, first=True),
                "First step saved.")
        else:
            done = guarded(self.status, lambda: (update_step(
                self.store, first.id, title=self.first_title.value, due=self.first_due.value),
                set_first_step(self.store, first.id)), "First step saved.")
        if done is not None:
            self.refresh()

    def add(self) -> None:
        """Add the step typed in ``new_title``."""
        if guarded(self.status, lambda: add_step(self.store, self.new_title.value,
                                                 due=self.new_due.value),
                   "Step added.") is not None:
            self.new_title.value = ""
            self.new_due.value = None
            self.refresh()

    def add_check_ins(self) -> None:
        """Add three check-ins four weeks apart from today."""
        added = guarded(self.status, lambda: add_check_ins(self.store), "Check-ins added.")
        if added is not None:
            self.refresh()

    def remove(self, step_id: int) -> None:
        """Remove one item."""
        guarded(self.status, lambda: remove_step(self.store, step_id), "Removed.")
        self.refresh()


_PROMPTS = {
    "wish": "Wish: what do you want? (Your goal; change it if it has moved.)",
    "outcome": "Outcome: imagine you have it. What is the best thing about it?",
    "obstacle": "Obstacle: what in you, or around you, is most likely to stop you doing "
                "this step? Picture the moment it happens.",
    "plan": "Plan: when that obstacle shows up, what exactly will you do?",
}


class IfThenCoach(widgets.VBox):
    """WOOP for one step at a time: wish, outcome, obstacle, plan, one prompt after another.

    Attributes
    ----------
    step : Dropdown of the steps and networking items
    wish, outcome, obstacle, response : text controls
    next_buttons : list of Button revealing the next prompt
    save_button : Button saving the if-then plan
    sentence : HTML showing "If ..., then I will ..."
    stages : list of VBox, one per prompt (hidden until reached)
    """

    def __init__(self, store: LearnerStore):
        self.store = store
        self.status = Status()
        self.step = widgets.Dropdown(description="Plan for", style={"description_width":
                                                                    "initial"}, layout=WIDE)
        # The wish is the goal and the outcome the goal's best outcome: the same values as
        # in the goal view, kept in step both ways.
        self.wish = text_box("", "Wish", area=True, rows=2)
        self.outcome = text_box("", "Outcome", area=True, rows=2)
        self.synced = synced_goal(store, self.status, goal=self.wish, outcome=self.outcome)
        self.obstacle = text_box("", "If", "the obstacle, e.g. 'my manager says no'")
        self.response = text_box("", "then I will", "e.g. 'ask HR about other units'")
        self._loading = False
        for control in (self.obstacle, self.response):
            control.observe(lambda _c: self._typed(), names="value")
        self.sentence = widgets.HTML()
        self.save_button = widgets.Button(description="Save my if-then plan", icon="check",
                                          button_style="primary")
        self.save_button.on_click(lambda _b: self.save())
        self.rehearse = widgets.HTML()
        parts = {"wish": [self.wish], "outcome": [self.outcome], "obstacle": [self.obstacle],
                 "plan": [self.response, self.sentence, self.save_button, self.rehearse]}
        self.next_buttons: list[widgets.Button] = []
        self.stages: list[widgets.VBox] = []
        for i, (name, controls) in enumerate(parts.items()):
            children = [widgets.HTML(f"<p><b>{escape_html(_PROMPTS[name])}</b></p>"), *controls]
            if name != "plan":
                button = widgets.Button(description="Next", icon="arrow-down",
                                        tooltip=f"Go on to the {list(parts)[i + 1]}")
                button.on_click(lambda _b, k=i + 1: self.reveal(k))
                self.next_buttons.append(button)
                children.append(button)
            stage = widgets.VBox(children)
            stage.layout.display = "" if i == 0 else "none"
            self.stages.append(stage)
        self.step.observe(lambda _c: self._load_step(), names="value")
        self.refresh_steps()
        store.on_change(lambda _s: self._follow_steps())
        super().__init__([demo_banner(store), heading("If-then plans (WOOP)"),
                          widgets.HTML("<p>For each step, name what could get in the way "
                                       "and what you will do then. Plans in the form "
                                       "<i>If ..., then I will ...</i> make it much more "
                                       "likely you act.</p>"),
                          self.step, *self.stages, self.status])

    def refresh_steps(self) -> None:
        """Reload the steps the learner can plan for (the chosen one stays chosen)."""
        steps = [s for s in list_steps(self.store) if s.kind in ("step", "networking")]
        current = self.step.value
        self.step.options = [(("\u2605 " if s.is_first else "") + s.title, s.id) for s in steps]
        if current in [s.id for s in steps]:
            self.step.value = current
        elif steps:
            first = next((s for s in steps if s.is_first), steps[0])
            self.step.value = first.id
        if self.step.value != current or current is None:
            self._load_step()

    def _follow_steps(self) -> None:
        # steps added, renamed or removed elsewhere (the Steps view): update the choice
        # list only, so text being typed here is not reset
        steps = [s for s in list_steps(self.store) if s.kind in ("step", "networking")]
        options = [(("\u2605 " if s.is_first else "") + s.title, s.id) for s in steps]
        if options != list(self.step.options):
            self.refresh_steps()

    def _typed(self) -> None:
        # Saved as typed, like every box of the plan (a reload keeps a half-written plan);
        # the button checks both parts are there and asks for the rehearsal.
        self._preview()
        if not self._loading and self.step.value is not None:
            guarded(self.status, lambda: set_if_then(self.store, self.step.value,
                                                     self.obstacle.value, self.response.value),
                    "Saved as you type; press the button when both parts are written.")

    def _load_step(self) -> None:
        step = next((s for s in list_steps(self.store) if s.id == self.step.value), None)
        self._loading = True
        try:
            self.obstacle.value = step.if_obstacle if step else ""
            self.response.value = step.then_response if step else ""
        finally:
            self._loading = False
        if step and step.if_then:
            self.reveal(len(self.stages) - 1)
        self._preview()

    def reveal(self, upto: int) -> None:
        """Show the prompts up to number ``upto`` (0 = wish)."""
        for i, stage in enumerate(self.stages):
            stage.layout.display = "" if i <= upto else "none"

    def _preview(self) -> None:
        sentence = format_if_then(self.obstacle.value, self.response.value)
        self.sentence.value = (f"<b>{escape_html(sentence)}</b>" if sentence else
                               "<i>Write both parts to see your plan.</i>")

    def save(self) -> None:
        """Save the if-then plan of the chosen step."""
        if self.step.value is None:
            self.status.error("Add a step first (in the Steps tab), then plan for it.")
            return
        if not format_if_then(self.obstacle.value, self.response.value):
            self.status.error("Write both the obstacle (If ...) and your response "
                              "(then I will ...).")
            return
        if guarded(self.status, lambda: set_if_then(self.store, self.step.value,
                                                    self.obstacle.value, self.response.value),
                   "If-then plan saved.") is not None:
            self.rehearse.value = ("<p>Now say it to yourself twice, picturing the moment. "
                                   "Rehearsing the plan makes it come to mind when the "
                                   "obstacle does.</p>")


class NetworkingView(widgets.VBox):
    """Whom to reach, why and by when; ticked off when done; seeded from the audit.

    Attributes
    ----------
    checks : dict of step id to Checkbox (ticked = done)
    who, why, due, add_button : add someone to reach
    suggest_button : adds the first suggestions from the network audit
    """

    def __init__(self, store: LearnerStore):
        self.store = store
        self.status = Status()
        self.list_box = widgets.VBox()
        self.checks: dict[int, widgets.Checkbox] = {}
        self.who = text_box("", "Whom", "e.g. two levels up, another unit")
        self.why = text_box("", "Why", "what you want to learn or offer")
        self.due = date_picker(None, "By")
        self.add_button = widgets.Button(description="Add", icon="plus")
        self.add_button.on_click(lambda _b: self.add())
        self.suggest_button = widgets.Button(
            description="Suggest from my network", icon="lightbulb-o",
            tooltip="Start with a couple of lunches, then fill what your network lacks",
            layout=widgets.Layout(width="16rem"))
        self.suggest_button.on_click(lambda _b: self.suggest())
        self.refresh()
        super().__init__([
            demo_banner(store), heading("Networking plan"),
            widgets.HTML("<p>Reach people outside your group, sector and industry, and "
                         "people two levels above. Start small: a couple of lunches. "
                         "Describe them by role; names are up to you.</p>"),
            self.suggest_button, self.list_box,
            row(self.who, self.why, self.due, self.add_button), self.status])

    def refresh(self) -> None:
        """Rebuild the checklist from the store."""
        rows, self.checks = [], {}
        for step in list_steps(self.store, "networking"):
            check = widgets.Checkbox(value=step.done, description=step.title, indent=False,
                                     layout=widgets.Layout(width="100%"))
            check.observe(lambda c, sid=step.id: guarded(self.status, lambda: mark_done(
                self.store, sid, c["new"]), "Ticked off." if c["new"] else "Open again."),
                names="value")
            self.checks[step.id] = check
            due = date_picker(step.due, "By")
            due.observe(lambda c, sid=step.id: guarded(self.status, lambda: redate_step(
                self.store, sid, c["new"]), "New date saved."), names="value")
            remove = widgets.Button(description="Remove", icon="trash",
                                    tooltip=f"Remove: {step.title}",
                                    layout=widgets.Layout(width="7rem"))
            remove.on_click(lambda _b, sid=step.id: self.remove(sid))
            why = " \u2014 " + escape_html(step.why) if step.why else ""
            detail = widgets.HTML(f"<small>{escape_html(step.who)}{why}</small>",
                                  layout=widgets.Layout(flex="1 1 20em"))
            rows.append(widgets.VBox([check, row(detail, due, remove)],
                                     layout=widgets.Layout(margin="0 0 6px 0")))
        self.list_box.children = rows or [widgets.HTML("<i>No one yet.</i>")]

    def add(self) -> None:
        """Add the person described in ``who``."""
        if guarded(self.status, lambda: add_networking(self.store, self.who.value,
                                                       why=self.why.value, due=self.due.value),
                   "Added.") is not None:
            self.who.value = self.why.value = ""
            self.due.value = None
            self.refresh()

    def suggest(self) -> None:
        """Seed the plan from the network audit (general advice when there is none)."""
        from ..report.sections import plan_measures

        added = guarded(self.status, lambda: seed_networking(self.store,
                                                             plan_measures(self.store)))
        if added is not None:
            self.status.ok(f"{len(added)} suggestion{'s' if len(added) != 1 else ''} added."
                           if added else "These suggestions are in your plan already.")
            self.refresh()

    def remove(self, step_id: int) -> None:
        """Remove one person from the plan."""
        guarded(self.status, lambda: remove_step(self.store, step_id), "Removed.")
        self.refresh()


__all__ = ["IfThenCoach", "NetworkingView", "StepRow", "StepsView", "if_then_coach",
           "networking_plan", "plan_steps"]


def plan_steps(store: LearnerStore) -> StepsView:
    """Your first step and the steps after it, each with a date."""
    return StepsView(store)


def if_then_coach(store: LearnerStore) -> IfThenCoach:
    """Turn the obstacle you expect into an if-then plan, step by step (WOOP)."""
    return IfThenCoach(store)


def networking_plan(store: LearnerStore) -> NetworkingView:
    """Whom to reach outside your usual circle, what for, and by when."""
    return NetworkingView(store)
